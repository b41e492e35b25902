/* kl-targets-page.h: the target tables of a document's reports, edited in a GtkColumnView. */
#pragma once

#include <adwaita.h>
#include "kl-core.h"

G_BEGIN_DECLS

#define KL_TYPE_TARGETS_PAGE (kl_targets_page_get_type ())
G_DECLARE_FINAL_TYPE (KlTargetsPage, kl_targets_page, KL, TARGETS_PAGE, GtkBox)

/* Properties: document (KlDocument or NULL), report (KlReport shown, or NULL),
 * editable (boolean). Signal "message" (const char *): a toast to show. */
GtkWidget   *kl_targets_page_new           (void);
void         kl_targets_page_set_document  (KlTargetsPage *self, KlDocument *document);
KlReport    *kl_targets_page_get_report    (KlTargetsPage *self);
void         kl_targets_page_set_editable  (KlTargetsPage *self, gboolean editable);
/* "10/10 chỉ tiêu chính, 35/36 chỉ tiêu thành phần đạt và vượt kế hoạch" for the report. */
const char  *kl_targets_page_get_summary   (KlTargetsPage *self);
/* Appends the targets read from @text to the shown report (creating one when the document
 * has none). Returns the number of rows added; 0 with @error when nothing could be read. */
guint        kl_targets_page_add_from_text (KlTargetsPage *self,
                                            const char    *text,
                                            GError       **error);
/* Number of cells that are ambiguous or disagree in the shown report. */
guint        kl_targets_page_count_warnings (KlTargetsPage *self);

G_END_DECLS
