/* kl-renderer.h: document + page style → laid-out pages → any cairo_t (PDF, PNG, SVG, screen).
 * The same KlPages serve the preview widget, the print operation and the exported PDF. */
#pragma once

#include <cairo.h>
#include "kl-core.h"
#include "kl-page-style.h"

G_BEGIN_DECLS

#define KL_RENDER_ERROR (kl_render_error_quark ())
typedef enum {
  KL_RENDER_ERROR_FONT,     /* the chosen font lacks a glyph, or no usable font */
  KL_RENDER_ERROR_OUTPUT,   /* cannot write the output file */
  KL_RENDER_ERROR_PAGE,     /* page index out of range */
  KL_RENDER_ERROR_FORMAT,   /* unknown output format */
} KlRenderError;
GQuark      kl_render_error_quark (void);

typedef struct _KlPages KlPages;   /* immutable once laid out; safe to draw from any thread */

/* Lays out @document (its body markup, header, closing block, annexes). Thread-safe with
 * respect to other layouts as long as @document is not being modified during the call
 * (the GUI passes a copy). Returns NULL with KL_RENDER_ERROR_FONT when a glyph of the text
 * cannot be drawn with the chosen font. */
KlPages    *kl_pages_layout          (KlDocument         *document,
                                      const KlPageStyle  *style,
                                      GError            **error);
/* The same, with the reports of other documents (KlPeriodReport*, may be NULL: the
 * library's earlier periods of the document's reports, kl_store_find_trend_reports())
 * that every trend chart of the document compares with the document's own reports, in
 * period order (kl_period_series(); those of a period the document has are left out).
 * They are only read, and may be shared with other layouts running at the same time. */
KlPages    *kl_pages_layout_with_trend (KlDocument         *document,
                                        const KlPageStyle  *style,
                                        GPtrArray          *trend_reports,
                                        GError            **error);
KlPages    *kl_pages_ref             (KlPages *pages);
void        kl_pages_unref           (KlPages *pages);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPages, kl_pages_unref)

guint       kl_pages_get_n_pages     (KlPages *pages);
/* Page size in points (portrait 595.28×841.89, landscape annex pages swapped). */
void        kl_pages_get_page_size   (KlPages *pages, guint index, double *width, double *height);
/* Draws page @index at 1 unit = 1 pt with the page's top-left at the current origin.
 * Paints the white page background first. */
void        kl_pages_draw_page       (KlPages *pages, guint index, cairo_t *cr);
/* The font family actually used for the text ("Liberation Serif" when Times New Roman is
 * not installed). */
const char *kl_pages_get_font_family (KlPages *pages);
/* The pages showing block @index of the document's body (the blocks kl_markup_parse()
 * finds), *@first to *@last: for a footnote definition, the pages its note is printed on.
 * A block with nothing on the pages (a note no text refers to) gives the last page of the
 * block before it; an index past the end, the pages of the last block. FALSE when the
 * body has no blocks. */
gboolean    kl_pages_find_body_block (KlPages *pages, guint index, guint *first, guint *last);

/* Output. PDF: metadata from the document, outline of headings, fonts embedded. */
gboolean    kl_pages_write_pdf       (KlPages *pages, KlDocument *document,
                                      const char *path, GError **error);
gboolean    kl_pages_write_png       (KlPages *pages, guint index, double dpi,
                                      const char *path, GError **error);
gboolean    kl_pages_write_svg       (KlPages *pages, guint index,
                                      const char *path, GError **error);

G_END_DECLS
