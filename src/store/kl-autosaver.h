/* kl-autosaver.h: saves a document a moment after changes stop, and keeps revisions. */
#pragma once

#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_AUTOSAVER (kl_autosaver_get_type ())
G_DECLARE_FINAL_TYPE (KlAutosaver, kl_autosaver, KL, AUTOSAVER, GObject)

/* Watches @document's "changed" signal: saves @delay_ms after the last change (coalescing
 * bursts of typing) and adds an "autosave" revision at most every @revision_interval_s
 * seconds while editing. Signal "saved" (no args) after each save; signal "error"
 * (const GError *) when a save failed (the document stays dirty and is retried). */
KlAutosaver *kl_autosaver_new            (KlStore    *store,
                                          KlDocument *document,
                                          guint       delay_ms,
                                          guint       revision_interval_s);
gboolean     kl_autosaver_get_dirty      (KlAutosaver *self);
/* Saves now if dirty (e.g. before closing). */
gboolean     kl_autosaver_flush          (KlAutosaver *self, GError **error);
/* Saves now and keeps a revision with @reason (Ctrl+S: "save"). */
gboolean     kl_autosaver_save_revision  (KlAutosaver *self, const char *reason, GError **error);

G_END_DECLS
