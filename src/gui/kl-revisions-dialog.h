/* kl-revisions-dialog.h: the revisions of a document, newest first, each can be restored. */
#pragma once

#include <adwaita.h>
#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_REVISIONS_DIALOG (kl_revisions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KlRevisionsDialog, kl_revisions_dialog, KL, REVISIONS_DIALOG, AdwWindow)

/* Signal "restore" (gint64 revision_id): the user asked to restore that revision. */
GtkWidget *kl_revisions_dialog_new        (GtkWindow *parent,
                                           KlStore   *store,
                                           gint64     document_id);
guint      kl_revisions_dialog_get_n_rows (KlRevisionsDialog *self);

G_END_DECLS
