/* kl-preview.h: the live page preview: lays out a copy of the document off the main thread. */
#pragma once

#include <gtk/gtk.h>
#include "kl-core.h"
#include "kl-renderer.h"
#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_PREVIEW (kl_preview_get_type ())
G_DECLARE_FINAL_TYPE (KlPreview, kl_preview, KL, PREVIEW, GtkWidget)

/* Properties: document (KlDocument, may be NULL), zoom (double, 1.0 = 72 dpi points → px),
 * n-pages (uint, read-only), page (uint, 0-based page in view), busy (boolean, read-only),
 * last-latency-ms (double, read-only: change → the frame showing the new layout of the page
 * in view painted, of the last edit).
 * Signal "updated": emitted each time new pages are shown. */
GtkWidget  *kl_preview_new               (void);
void        kl_preview_set_document      (KlPreview *self, KlDocument *document);
KlDocument *kl_preview_get_document      (KlPreview *self);
void        kl_preview_set_page_style    (KlPreview *self, const KlPageStyle *style);
const KlPageStyle *kl_preview_get_page_style (KlPreview *self);
/* The library whose earlier periods of the document's reports its trend charts show
 * (kl_library_trend_lookup()); NULL: none. */
void        kl_preview_set_store         (KlPreview *self, KlStore *store);
double      kl_preview_get_zoom          (KlPreview *self);
void        kl_preview_set_zoom          (KlPreview *self, double zoom);
guint       kl_preview_get_n_pages       (KlPreview *self);
guint       kl_preview_get_page          (KlPreview *self);
void        kl_preview_go_to_page        (KlPreview *self, guint page);
double      kl_preview_get_last_latency_ms (KlPreview *self);
/* The pages last shown (a new reference), or NULL. */
KlPages    *kl_preview_dup_pages         (KlPreview *self);
/* Brings the page of body block @block (kl_pages_find_body_block()) into view once the
 * pages are current: now, or after the layouts under way. Leaves the scroll alone when one
 * of the block's pages is in view already. Called on edits and cursor moves only, so a
 * user scrolling the preview by hand keeps the place. */
void        kl_preview_follow_body_block (KlPreview *self, guint block);
/* Starts an update now (no debounce). */
void        kl_preview_refresh           (KlPreview *self);

G_END_DECLS
