/* bench-render.c: time of rendering seeds 001 and 002 to PDF against a floor program
 * (the same plain paragraphs laid out by Pango into a PDF, no pagination logic), and
 * the preview's re-layout after a one-character edit.
 *
 * Usage: bench-render [SEEDS_DIR] [RUNS]   (default ../shared/seeds beside the source tree, 15) */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "kl-core.h"
#include "kl-renderer.h"
#include "kl-layout.h"

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

/* Ours, cold: the layout cache is emptied first so nothing is reused between runs. */
static double
run_ours (KlDocument *doc, const char *path, guint *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;
  double t0;

  kl_text_cache_clear ();
  kl_page_style_init_default (&style);
  t0 = now_ms ();
  pages = kl_pages_layout (doc, &style, &error);
  if (pages == NULL || !kl_pages_write_pdf (pages, doc, path, &error))
    g_error ("render: %s", error->message);
  *n_pages = kl_pages_get_n_pages (pages);
  return now_ms () - t0;
}

/* Every paragraph of the document as plain text: body blocks, footnotes, annex rows. */
static GPtrArray *
plain_paragraphs (KlDocument *doc)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KlMarkup) markup = kl_markup_parse (kl_document_get_body (doc) ? kl_document_get_body (doc) : "");
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));

  for (guint i = 0; i < markup->blocks->len; i++)
    {
      KlBlock *b = markup->blocks->pdata[i];
      if (b->runs != NULL)
        g_ptr_array_add (out, kl_runs_to_plain (b->runs));
      if (b->rows != NULL)
        for (guint r = 0; r < b->rows->len; r++)
          {
            GPtrArray *cells = b->rows->pdata[r];
            {
              GString *row = g_string_new (NULL);
              for (guint c = 0; c < cells->len; c++)
                {
                  g_autofree char *cell = kl_runs_to_plain (cells->pdata[c]);
                  g_string_append_printf (row, "%s%s", c ? "\t" : "", cell);
                }
              g_ptr_array_add (out, g_string_free (row, FALSE));
            }
          }
    }
  for (guint r = 0; r < g_list_model_get_n_items (reports); r++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, r);
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));
      for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
          /* One line per table row. */
          g_ptr_array_add (out, g_strdup_printf ("%s\t%s\t%s\t%s", kl_target_get_code (t) ? kl_target_get_code (t) : "",
                                                 kl_target_get_name (t),
                                                 kl_value_get_text (kl_target_get_plan (t)),
                                                 kl_value_get_text (kl_target_get_actual (t))));
        }
    }
  return out;
}

static cairo_status_t
write_file (void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The floor: the same paragraphs, justified at the text width, one after another, a new
 * page when the next one does not fit; no keeps, footnotes, tables or font checks. */
static double
run_floor (GPtrArray *paras, const char *path, guint *n_pages)
{
  const double width = 595.28 - 85.04 - 42.52, top = 56.69, bottom = 841.89 - 56.69;
  FILE *fp = fopen (path, "wb");
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  PangoFontDescription *desc = pango_font_description_from_string ("Liberation Serif 14");
  double y = top, t0 = now_ms ();

  *n_pages = 1;
  surface = cairo_pdf_surface_create_for_stream (write_file, fp, 595.28, 841.89);
  cr = cairo_create (surface);
  /* 1 unit = 1 pt, as in ours (the default resolution of a Pango context is 96 dpi). */
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  for (guint i = 0; i < paras->len; i++)
    {
      PangoLayout *layout = pango_layout_new (context);
      int h;

      pango_layout_set_font_description (layout, desc);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_indent (layout, (int) (36 * PANGO_SCALE));
      pango_layout_set_text (layout, paras->pdata[i], -1);
      pango_layout_get_size (layout, NULL, &h);
      if (y + (double) h / PANGO_SCALE > bottom)
        {
          cairo_show_page (cr);
          (*n_pages)++;
          y = top;
        }
      cairo_move_to (cr, 85.04, y);
      pango_cairo_show_layout (cr, layout);
      y += (double) h / PANGO_SCALE + 6;
      g_object_unref (layout);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  fclose (fp);
  pango_font_description_free (desc);
  return now_ms () - t0;
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

static void
bench_seed (const char *seeds, const char *prefix, guint runs, const char *tmp)
{
  g_autoptr(KlDocument) doc = load_seed (seeds, prefix);
  g_autoptr(GPtrArray) paras = plain_paragraphs (doc);
  g_autofree char *ours_pdf = g_build_filename (tmp, "ours.pdf", NULL);
  g_autofree char *floor_pdf = g_build_filename (tmp, "floor.pdf", NULL);
  g_autofree double *ours = g_new (double, runs);
  g_autofree double *floor = g_new (double, runs);
  guint pages = 0, floor_pages = 0;
  double mo, mf;

  /* One warm-up of each (fontconfig, glyph caches), then interleaved runs. */
  run_ours (doc, ours_pdf, &pages);
  run_floor (paras, floor_pdf, &floor_pages);
  for (guint i = 0; i < runs; i++)
    {
      ours[i] = run_ours (doc, ours_pdf, &pages);
      floor[i] = run_floor (paras, floor_pdf, &floor_pages);
    }
  mo = median (ours, runs);
  mf = median (floor, runs);
  printf ("seed %s: %u pages; ours %.1f ms, floor %.1f ms (%u pages); ratio ours/floor %.2f; "
          "%.0f pages/s (median of %u)\n",
          prefix, pages, mo, mf, floor_pages, mo / mf, pages / (mo / 1000), runs);
  g_unlink (ours_pdf);
  g_unlink (floor_pdf);
}

/* The preview's case: one character typed, the document laid out again (paragraph
 * layouts cached) and the page holding the edit drawn at 96 dpi. */
static void
bench_edit (const char *seeds, guint runs)
{
  g_autoptr(KlDocument) doc = load_seed (seeds, "001");
  g_autofree char *body = g_strdup (kl_document_get_body (doc));
  g_autofree double *layout_ms = g_new (double, runs);
  g_autofree double *total_ms = g_new (double, runs);
  char *spot = body + strlen (body) / 2;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 794, 1123);
  KlPageStyle style;

  /* Edit a plain ASCII letter in the middle of the body. */
  while (*spot && !g_ascii_isalpha (*spot))
    spot++;
  kl_page_style_init_default (&style);
  {
    g_autoptr(KlPages) warm = kl_pages_layout (doc, &style, NULL);
  }
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(KlPages) pages = NULL;
      cairo_t *cr;
      double t0, t1;

      *spot = (i % 2) ? 'a' : 'e';
      kl_document_set_body (doc, body);
      t0 = now_ms ();
      pages = kl_pages_layout (doc, &style, NULL);
      t1 = now_ms ();
      cr = cairo_create (image);
      cairo_scale (cr, 96.0 / 72, 96.0 / 72);
      kl_pages_draw_page (pages, kl_pages_get_n_pages (pages) / 2, cr);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      layout_ms[i] = t1 - t0;
      total_ms[i] = now_ms () - t0;
    }
  printf ("one-character edit in seed 001: re-layout %.2f ms, re-layout + draw one page at 96 dpi "
          "%.2f ms (median of %u; target < 16 ms)\n", median (layout_ms, runs), median (total_ms, runs), runs);
  cairo_surface_destroy (image);
}

/* What every export pays whatever its length: a one-paragraph document to PDF (font
 * subsets of regular, bold and italic, and the fsync that makes the rename safe). */
static void
bench_fixed (guint runs, const char *tmp)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autofree char *path = g_build_filename (tmp, "fixed.pdf", NULL);
  g_autofree double *ms = g_new (double, runs);
  guint pages;

  kl_document_set_body (doc, "Một đoạn ngắn.");
  run_ours (doc, path, &pages);
  for (guint i = 0; i < runs; i++)
    ms[i] = run_ours (doc, path, &pages);
  printf ("fixed cost of one export (one-paragraph document): %.1f ms (median of %u)\n",
          median (ms, runs), runs);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *seeds = argc > 1 ? g_strdup (argv[1])
                         : g_build_filename (SOURCE_DATADIR, "..", "..", "shared", "seeds", NULL);
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 15;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("kl-bench-XXXXXX", &error);
  struct rusage usage;

  if (tmp == NULL)
    g_error ("%s", error->message);
  if (runs < 10)
    runs = 10;
  bench_seed (seeds, "001", runs, tmp);
  bench_seed (seeds, "002", runs, tmp);
  bench_fixed (runs, tmp);
  bench_edit (seeds, runs * 2);
  getrusage (RUSAGE_SELF, &usage);
  printf ("peak memory (max RSS): %.1f MiB\n", usage.ru_maxrss / 1024.0);
  g_rmdir (tmp);
  return 0;
}
