/* kl-annex.h: ruled tables (body tables and the annex target table of a report). */
#pragma once

#include "kl-paginator.h"

G_BEGIN_DECLS

/* One cell: Pango markup (NFC, escaped) and its alignment. */
typedef struct {
  char           *markup;
  PangoAlignment  align;
} KlCell;

KlCell   *kl_cell_new  (const char *markup, PangoAlignment align);
void      kl_cell_free (KlCell *cell);

/* A ruled table as a ROWS flow: @rows is a GPtrArray of rows, each a GPtrArray of KlCell*
 * (missing cells are left blank). The first @n_header_rows rows are repeated on every page
 * the table continues onto. @row_fill (may be NULL) marks rows to highlight. */
KlFlow   *kl_table_flow_new (const char      *family,
                             double           size,
                             double           x,
                             const double    *widths,
                             guint            n_cols,
                             GPtrArray       *rows,
                             guint            n_header_rows,
                             const gboolean  *row_fill,
                             guint            line,
                             GError         **error);

/* Column widths for a body table of @width: proportional to the content, every column
 * at least wide enough for its longest word. New array of @n_cols doubles. */
double   *kl_table_fit_widths (const char *family,
                               double      size,
                               GPtrArray  *rows,
                               guint       n_cols,
                               double      width);

/* The annex of @report (number @number, 1-based): with @with_title its heading lines
 * (annex-title or "Phụ lục N", subtitle, note) kept with the table, then the target table:
 * TT, Chỉ tiêu, ĐVT, plan, actual, TH/KH (%), status, next plan (when any), labels from the
 * report. Ratio and status are computed; numbers right-aligned in Vietnamese style.
 * Appends flows to @flows_out. @dest: outline destination name for the annex, or NULL.
 * @default_note (may be NULL) is printed when the report has no annex-note. */
gboolean  kl_annex_build (KlReport           *report,
                          guint               number,
                          const char         *default_note,
                          const KlPageStyle  *style,
                          const char         *family,
                          double              x,
                          double              width,
                          gboolean            with_title,
                          const char         *dest,
                          GPtrArray          *flows_out,
                          GError            **error);

/* The heading of the annex alone (as kl_annex_build() with @with_title prints it), kept
 * with what follows: an annex whose target table is printed in the body but whose chart
 * goes on the annex pages. */
gboolean  kl_annex_build_heading (KlReport           *report,
                                  guint               number,
                                  const char         *default_note,
                                  const KlPageStyle  *style,
                                  const char         *family,
                                  double              x,
                                  double              width,
                                  const char         *dest,
                                  GPtrArray          *flows_out,
                                  GError            **error);

/* The outline title of an annex ("Phụ lục 1: BIỂU KẾT QUẢ …"). New string. */
char     *kl_annex_outline_title (KlReport *report, guint number);

G_END_DECLS
