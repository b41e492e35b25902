/* kl-render-output.c: laid-out pages to PDF (metadata, outline), PNG and SVG files. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "kl-renderer.h"
#include "kl-paginator.h"

/* Output goes to a temporary file beside the target, renamed over it only when complete:
 * a failed export never leaves half a PDF where the old one was. */
typedef struct {
  FILE   *fp;
  char   *tmp_path;
  int     error;
} Sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;

  if (sink->error != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, sink->fp) != length)
    {
      sink->error = errno ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
sink_open (Sink *sink, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  memset (sink, 0, sizeof *sink);
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT,
                   _("%s: cannot write in %s: %s"), path, dir, g_strerror (saved));
      return FALSE;
    }
  sink->fp = fdopen (fd, "wb");
  if (sink->fp == NULL)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmpl);
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT,
                   _("%s: cannot write: %s"), path, g_strerror (saved));
      return FALSE;
    }
  sink->tmp_path = g_steal_pointer (&tmpl);
  return TRUE;
}

static gboolean
sink_close (Sink *sink, const char *path, cairo_status_t status, GError **error)
{
  int close_err = 0;

  if (fflush (sink->fp) != 0 || fsync (fileno (sink->fp)) != 0)
    close_err = errno;
  if (fclose (sink->fp) != 0 && close_err == 0)
    close_err = errno;
  sink->fp = NULL;

  if (sink->error != 0 || close_err != 0 || status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT, _("%s: cannot write: %s"), path,
                   sink->error ? g_strerror (sink->error)
                   : close_err ? g_strerror (close_err) : cairo_status_to_string (status));
      g_unlink (sink->tmp_path);
      g_clear_pointer (&sink->tmp_path, g_free);
      return FALSE;
    }
  /* mkstemp makes 0600 files; an exported document is an ordinary file. */
  {
    mode_t mask = umask (0);
    umask (mask);
    g_chmod (sink->tmp_path, 0666 & ~mask);
  }
  if (g_rename (sink->tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT, _("%s: cannot write: %s"), path,
                   g_strerror (saved));
      g_unlink (sink->tmp_path);
      g_clear_pointer (&sink->tmp_path, g_free);
      return FALSE;
    }
  g_clear_pointer (&sink->tmp_path, g_free);
  return TRUE;
}

static char *
one_line (const char *s)
{
  char *copy = g_strdup (s ? s : "");

  for (char *p = copy; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return g_strstrip (copy);
}

static char *
creation_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  /* Reproducible builds and tests can pin the date. */
  if (epoch != NULL && *epoch != '\0')
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  if (now == NULL)
    now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static void
set_metadata (cairo_surface_t *surface, KlDocument *doc)
{
  const char *title = kl_document_get_title (doc);
  g_autofree char *symbol = kl_document_dup_symbol (doc);
  g_autofree char *summary = one_line (kl_document_get_summary (doc));
  g_autofree char *full_title = NULL;
  g_autofree char *issuer = one_line (kl_document_get_issuer (doc));
  g_autofree char *date = creation_date ();

  if (title == NULL || title[0] == '\0')
    title = kl_document_kind_title (kl_document_get_kind (doc));
  /* FORMAT.md: title = type + number + summary. */
  full_title = g_strdup_printf ("%s số %s %s", title ? title : "", symbol ? symbol : "", summary);
  g_strstrip (full_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, full_title);
  if (issuer[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, issuer);
  if (summary[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, summary);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ketluan");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
add_outline (cairo_surface_t *surface, KlPages *pages)
{
  int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };

  for (guint i = 0; i < pages->outline->len; i++)
    {
      KlOutlineEntry *e = pages->outline->pdata[i];
      int level = CLAMP (e->level, 1, 7);
      int parent = CAIRO_PDF_OUTLINE_ROOT;
      g_autofree char *link = g_strdup_printf ("dest='%s'", e->dest);

      for (int l = level - 1; l >= 1; l--)
        if (parents[l] != 0)
          {
            parent = parents[l];
            break;
          }
      parents[level] = cairo_pdf_surface_add_outline (surface, parent, e->title, link, 0);
      for (int l = level + 1; l < 8; l++)
        parents[l] = 0;
    }
}

gboolean
kl_pages_write_pdf (KlPages *pages, KlDocument *document, const char *path, GError **error)
{
  Sink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;

  g_return_val_if_fail (pages != NULL, FALSE);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sink_open (&sink, path, error))
    return FALSE;

  kl_pages_get_page_size (pages, 0, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, w, h);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (surface, document);
  cr = cairo_create (surface);
  for (guint i = 0; i < kl_pages_get_n_pages (pages); i++)
    {
      kl_pages_get_page_size (pages, i, &w, &h);
      cairo_pdf_surface_set_size (surface, w, h);
      kl_pages_draw_page (pages, i, cr);
      cairo_show_page (cr);
    }
  add_outline (surface, pages);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return sink_close (&sink, path, status, error);
}

static gboolean
check_index (KlPages *pages, guint index, GError **error)
{
  if (index < kl_pages_get_n_pages (pages))
    return TRUE;
  g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_PAGE,
               g_dngettext (GETTEXT_PACKAGE, "page %u does not exist: the document has %u page",
                            "page %u does not exist: the document has %u pages",
                            kl_pages_get_n_pages (pages)),
               index + 1, kl_pages_get_n_pages (pages));
  return FALSE;
}

gboolean
kl_pages_write_png (KlPages *pages, guint index, double dpi, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h, scale;
  Sink sink;

  g_return_val_if_fail (pages != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_index (pages, index, error))
    return FALSE;
  if (!(dpi >= 10 && dpi <= 2400))
    {
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FORMAT,
                   _("%g dpi is out of range (10 to 2400)"), dpi);
      return FALSE;
    }
  scale = dpi / 72.0;
  kl_pages_get_page_size (pages, index, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale + 0.5),
                                        (int) (h * scale + 0.5));
  cr = cairo_create (surface);
  /* The pixel grid rarely ends on the page's edge: no dark seam in the last column. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  kl_pages_draw_page (pages, index, cr);
  cairo_destroy (cr);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (!sink_open (&sink, path, error))
        {
          cairo_surface_destroy (surface);
          return FALSE;
        }
      status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
      cairo_surface_destroy (surface);
      return sink_close (&sink, path, status, error);
    }
  cairo_surface_destroy (surface);
  g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT, "%s: %s", path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
kl_pages_write_svg (KlPages *pages, guint index, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;
  Sink sink;

  g_return_val_if_fail (pages != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_index (pages, index, error))
    return FALSE;
  if (!sink_open (&sink, path, error))
    return FALSE;
  kl_pages_get_page_size (pages, index, &w, &h);
  surface = cairo_svg_surface_create_for_stream (sink_write, &sink, w, h);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
  cr = cairo_create (surface);
  kl_pages_draw_page (pages, index, cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return sink_close (&sink, path, status, error);
}
