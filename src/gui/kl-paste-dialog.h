/* kl-paste-dialog.h: previews how a pasted table will be read before its rows are added. */
#pragma once

#include <adwaita.h>
#include "kl-core.h"

G_BEGIN_DECLS

#define KL_TYPE_PASTE_DIALOG (kl_paste_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KlPasteDialog, kl_paste_dialog, KL, PASTE_DIALOG, AdwWindow)

/* Signal "accepted" (const char *text): the user chose to add the rows read from text. */
GtkWidget  *kl_paste_dialog_new             (GtkWindow *parent);
void        kl_paste_dialog_set_text        (KlPasteDialog *self, const char *text);
/* Fills the text from the clipboard (asynchronously). */
void        kl_paste_dialog_paste_clipboard (KlPasteDialog *self);
/* The scratch report the text was read into (rows shown in the preview). */
KlReport   *kl_paste_dialog_get_report      (KlPasteDialog *self);
guint       kl_paste_dialog_get_n_warnings  (KlPasteDialog *self);
/* Emits "accepted" and closes, as the "Add Rows" button does. */
void        kl_paste_dialog_accept          (KlPasteDialog *self);

G_END_DECLS
