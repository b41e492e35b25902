/* bench-preview.c: the preview's path from a keystroke to the edited page drawn, without a
 * display: the body changes by one character, the document is copied (as the preview does
 * on the main thread), laid out in a worker thread, and the edited page is drawn at the
 * preview's fit-width zoom. Prints the median over the runs and each stage's share.
 *
 * Usage: bench-preview [SEEDS_DIR] [RUNS]   (default ../shared/seeds beside the source tree, 25) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>

#include "kl-core.h"
#include "kl-renderer.h"

typedef struct
{
  KlDocument  *copy;
  KlPageStyle  style;
  KlPages     *pages;
  double       layout_ms;
} Job;

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof (double), cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gpointer
layout_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();

  job->pages = kl_pages_layout (job->copy, &job->style, &error);
  if (job->pages == NULL)
    g_error ("layout: %s", error->message);
  job->layout_ms = now_ms () - t0;
  return NULL;
}

static KlDocument *
load_seed (const char *dir, const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    g_error ("cannot open the seeds directory %s", dir);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        KlDocument *doc = kl_importer_import_file (file, &error);

        if (doc == NULL)
          g_error ("%s: %s", path, error->message);
        return doc;
      }
  g_error ("no seed %s* in %s", prefix, dir);
  return NULL;
}

/* The body with one more character at the start of its third line, as typed. */
static char *
type_one (const char *body, guint round)
{
  const char *p = body;

  for (int line = 0; line < 2 && p != NULL; line++)
    {
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
  if (p == NULL)
    p = body;
  return g_strdup_printf ("%.*s%c%s", (int) (p - body), body, 'a' + (round % 26), p);
}

int
main (int argc, char *argv[])
{
  g_autofree char *seeds = argc > 1 ? g_strdup (argv[1])
                                     : g_build_filename (SOURCE_DATADIR, "..", "..", "shared", "seeds", NULL);
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 25;
  g_autoptr(KlDocument) doc = load_seed (seeds, "001_");
  g_autofree double *total = g_new0 (double, runs);
  g_autofree double *copy = g_new0 (double, runs);
  g_autofree double *layout = g_new0 (double, runs);
  g_autofree double *draw = g_new0 (double, runs);
  const double zoom = 1.0;   /* fit width in a 600 px pane: about 1 px a point */
  KlPageStyle style;
  guint n_pages = 0;

  kl_page_style_init_default (&style);
  {
    /* The preview has laid the document out once before the user types. */
    g_autoptr(GError) error = NULL;
    g_autoptr(KlPages) pages = kl_pages_layout (doc, &style, &error);
    if (pages == NULL)
      g_error ("layout: %s", error->message);
    n_pages = kl_pages_get_n_pages (pages);
  }

  for (guint r = 0; r < runs; r++)
    {
      g_autofree char *body = type_one (kl_document_get_body (doc), r);
      Job job = { NULL, style, NULL, 0 };
      GThread *thread;
      cairo_surface_t *surface;
      cairo_t *cr;
      double w, h, t0, t1, t2;

      t0 = now_ms ();
      kl_document_set_body (doc, body);
      job.copy = kl_document_copy (doc);
      t1 = now_ms ();
      thread = g_thread_new ("layout", layout_thread, &job);
      g_thread_join (thread);
      t2 = now_ms ();
      kl_pages_get_page_size (job.pages, 0, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * zoom), (int) (h * zoom));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, zoom, zoom);
      kl_pages_draw_page (job.pages, 0, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cairo_surface_destroy (surface);
      total[r] = now_ms () - t0;
      copy[r] = t1 - t0;
      layout[r] = job.layout_ms;
      draw[r] = now_ms () - t2;
      g_object_unref (job.copy);
      kl_pages_unref (job.pages);
    }
  printf ("seed 001 (%u pages), %u keystrokes: keystroke → edited page drawn, median %.1f ms "
          "(set body + copy %.1f ms, layout in a worker %.1f ms, page drawn %.1f ms)\n",
          n_pages, runs, median (total, runs), median (copy, runs), median (layout, runs), median (draw, runs));
  return 0;
}
