/* kl-check-panel.h: the check before signing: the findings of kl_check_document, with fixes. */
#pragma once

#include <adwaita.h>
#include "kl-core.h"
#include "kl-check.h"

G_BEGIN_DECLS

#define KL_TYPE_CHECK_PANEL (kl_check_panel_get_type ())
G_DECLARE_FINAL_TYPE (KlCheckPanel, kl_check_panel, KL, CHECK_PANEL, GtkBox)

/* Properties: document (KlDocument or NULL), n-errors, n-warnings (uint, read-only).
 * Signals: "go-to" (const char *field, guint line): the user picked a finding;
 * "prepare": emitted before a check or a fix reads the document (write pending edits). */
GtkWidget  *kl_check_panel_new           (void);
void        kl_check_panel_set_document  (KlCheckPanel *self, KlDocument *document);
KlDocument *kl_check_panel_get_document  (KlCheckPanel *self);
/* Checks now (changes are otherwise checked after a pause in typing). */
void        kl_check_panel_run           (KlCheckPanel *self);
/* The findings shown (GListModel of KlCheckFinding; owned by the panel). */
GListModel *kl_check_panel_get_findings  (KlCheckPanel *self);
guint       kl_check_panel_get_n_errors  (KlCheckPanel *self);
guint       kl_check_panel_get_n_warnings (KlCheckPanel *self);
/* Applies the fix of finding @index; TRUE when it changed the document. */
gboolean    kl_check_panel_fix           (KlCheckPanel *self, guint index);
/* Applies every fix; returns how many applied. */
guint       kl_check_panel_fix_all       (KlCheckPanel *self);

G_END_DECLS
