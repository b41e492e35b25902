/* kl-export.h: output of a document from the GUI: PDF in a worker thread, print, charts. */
#pragma once

#include <gtk/gtk.h>
#include "kl-core.h"
#include "kl-renderer.h"
#include "kl-chart.h"

G_BEGIN_DECLS

/* Lays out a copy of @document with @style and writes the PDF to @path in a GTask thread.
 * @trend (KlPeriodReport*, may be NULL): the library's earlier periods its trend charts
 * show (kl_pages_layout_with_trend()), only read. */
void      kl_export_pdf_async     (KlDocument          *document,
                                   const KlPageStyle   *style,
                                   GPtrArray           *trend,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  kl_export_pdf_finish    (GAsyncResult *result, GError **error);

/* Runs a GtkPrintOperation over @pages (already laid out): pages in points, scaled to the
 * print context. Returns FALSE with @error when printing failed to start. */
gboolean  kl_export_print         (KlPages     *pages,
                                   const char  *job_name,
                                   GtkWindow   *parent,
                                   GError     **error);

/* The same print operation without a dialog, written to a PDF at @path (GTK's "print to
 * file"): what the printer would receive. */
gboolean  kl_export_print_to_file (KlPages     *pages,
                                   const char  *path,
                                   GError     **error);

/* Writes the chart @kind of @reports (the trend uses them all, the other kinds the first)
 * to @file as PNG (at 2× resolution), SVG or PDF, from the file name's extension, @width
 * points wide. Every glyph must come from @font_family (an error names the target
 * otherwise); the file is replaced whole or not at all. */
gboolean  kl_export_chart         (KlChartKind  kind,
                                   KlReport   **reports,
                                   guint        n_reports,
                                   const char  *font_family,
                                   double       width,
                                   GFile       *file,
                                   GError     **error);

/* A file name for exports: "406-TB-HU" from the symbol, else the kind and the date. */
char     *kl_export_suggest_name  (KlDocument *document, const char *extension);

G_END_DECLS
