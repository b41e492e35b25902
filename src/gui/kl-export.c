/* kl-export.c: PDF export off the main thread, printing and chart images, all through the
 * same renderer the preview uses. */
#include <glib/gi18n.h>
#include "kl-export.h"
#include "kl-fonts.h"

typedef struct
{
  KlDocument  *copy;
  GPtrArray   *trend;
  KlPageStyle  style;
  char        *path;
} PdfJob;

static void
pdf_job_free (PdfJob *job)
{
  g_clear_object (&job->copy);
  g_clear_pointer (&job->trend, g_ptr_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
pdf_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PdfJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = kl_pages_layout_with_trend (job->copy, &job->style, job->trend, &error);

  if (pages == NULL || !kl_pages_write_pdf (pages, job->copy, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
kl_export_pdf_async (KlDocument          *document,
                     const KlPageStyle   *style,
                     GPtrArray           *trend,
                     const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PdfJob *job;

  g_return_if_fail (KL_IS_DOCUMENT (document));
  g_return_if_fail (style != NULL && path != NULL);

  job = g_new0 (PdfJob, 1);
  /* The worker gets its own copy: the user keeps typing into the original. The copy resets
   * id and state, which the PDF does not print. */
  job->copy = kl_document_copy (document);
  job->trend = trend != NULL ? g_ptr_array_ref (trend) : NULL;
  job->style = *style;
  job->path = g_strdup (path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kl_export_pdf_async);
  g_task_set_task_data (task, job, (GDestroyNotify) pdf_job_free);
  g_task_run_in_thread (task, pdf_thread);
}

gboolean
kl_export_pdf_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page_nr,
           KlPages           *pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, scale;

  kl_pages_get_page_size (pages, page_nr, &w, &h);
  /* The context is in its own units (device pixels at the printer's resolution): fit the
   * page's points to the printable width so what prints is what the PDF shows. */
  scale = MIN (gtk_print_context_get_width (context) / w, gtk_print_context_get_height (context) / h);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  kl_pages_draw_page (pages, page_nr, cr);
  cairo_restore (cr);
}

static GtkPrintOperation *
new_print_operation (KlPages    *pages,
                     const char *job_name)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  /* The renderer already placed everything inside the document's margins: print the whole
   * sheet, unshifted, so the printout matches the PDF. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (op, kl_pages_get_n_pages (pages));
  gtk_print_operation_set_job_name (op, job_name != NULL ? job_name : "Ketluan");
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  g_signal_connect_data (op, "draw-page", G_CALLBACK (draw_page), kl_pages_ref (pages),
                         (GClosureNotify) (void (*)(void)) kl_pages_unref, 0);
  return op;
}

gboolean
kl_export_print (KlPages     *pages,
                 const char  *job_name,
                 GtkWindow   *parent,
                 GError     **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;

  g_return_val_if_fail (pages != NULL, FALSE);

  op = new_print_operation (pages, job_name);
  return gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
kl_export_print_to_file (KlPages     *pages,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GtkPrintOperation) op = NULL;

  g_return_val_if_fail (pages != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  op = new_print_operation (pages, NULL);
  gtk_print_operation_set_export_filename (op, path);
  return gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
kl_export_chart (KlChartKind  kind,
                 KlReport   **reports,
                 guint        n_reports,
                 const char  *font_family,
                 double       width,
                 GFile       *file,
                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *family = NULL;
  const char *format;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (reports != NULL && n_reports > 0, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  format = strrchr (name, '.');
  if (format == NULL || (g_ascii_strcasecmp (format, ".png") != 0 && g_ascii_strcasecmp (format, ".svg") != 0
                         && g_ascii_strcasecmp (format, ".pdf") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Cannot tell the format of “%s”: end its name in .png, .svg or .pdf"), name);
      return FALSE;
    }
  family = kl_fonts_resolve_family (font_family, error);
  if (family == NULL
      || !kl_chart_check_fonts (kind, reports, n_reports, family, width, error))
    return FALSE;
  /* PNG at 144 dpi: twice the points, sharp on a slide or in a message. */
  bytes = kl_chart_render (kind, reports, n_reports, family, width, format + 1, 144, error);
  return bytes != NULL
         && g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

char *
kl_export_suggest_name (KlDocument *document,
                        const char *extension)
{
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  if (kl_document_get_number (document) != 0)
    {
      g_autofree char *symbol = kl_document_dup_symbol (document);
      for (const char *p = symbol; *p; p++)
        g_string_append_c (name, *p == '/' ? '-' : *p);
    }
  else
    {
      g_string_append (name, kl_document_get_kind (document) ? kl_document_get_kind (document) : "document");
      if (kl_document_get_date (document) != NULL)
        g_string_append_printf (name, "-%s", kl_document_get_date (document));
      else
        g_string_append (name, "-draft");
    }
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}
