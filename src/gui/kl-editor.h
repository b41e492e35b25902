/* kl-editor.h: the form and body editor of one document, bound to the KlDocument model. */
#pragma once

#include <adwaita.h>
#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_EDITOR (kl_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlEditor, kl_editor, KL, EDITOR, GtkBox)

/* Properties: document (KlDocument or NULL), editable (boolean: FALSE for issued documents).
 * Signal "message" (const char *): something to tell the user in a toast. */
GtkWidget     *kl_editor_new               (void);
void           kl_editor_set_store         (KlEditor *self, KlStore *store);
void           kl_editor_set_organization  (KlEditor *self, KlOrganization *org);
void           kl_editor_set_document      (KlEditor *self, KlDocument *document);
KlDocument    *kl_editor_get_document      (KlEditor *self);
void           kl_editor_set_editable      (KlEditor *self, gboolean editable);
gboolean       kl_editor_get_editable      (KlEditor *self);
GtkTextBuffer *kl_editor_get_body_buffer   (KlEditor *self);
GtkWidget     *kl_editor_get_body_view     (KlEditor *self);
/* Writes pending body edits to the document now (they are otherwise written when idle). */
void           kl_editor_flush             (KlEditor *self);
/* Re-reads the saved signers and recipient lists (after the preferences changed them). */
void           kl_editor_reload_presets    (KlEditor *self);

/* Shows and focuses the place of a check finding's field ("title", "summary", "body:12"…);
 * "body:N" is line N of the body markup (blank lines counted), as the check and the tasks
 * give it, shown on the buffer line of its block. */
void           kl_editor_go_to             (KlEditor *self, const char *field);
/* Shows line @line of the body markup as "body:@line" does and selects @text (a sentence of
 * it: a task) in its block, or elsewhere in the body when the text moved since; FALSE, with
 * the cursor at the block's start, when the body does not show @text (or it is NULL). */
gboolean       kl_editor_go_to_text        (KlEditor *self, guint line, const char *text);
/* Inserts body @markup at the cursor as one undoable user action, shown as ordinary
 * formatted text (paragraphs, bold…), not as markup syntax. */
void           kl_editor_insert_markup     (KlEditor *self, const char *markup);
/* Finds the text that @markup shows in the body; TRUE and its bounds when found. */
gboolean       kl_editor_find_markup       (KlEditor *self, const char *markup,
                                            GtkTextIter *start, GtkTextIter *end);
/* Replaces the first place showing @old_markup by @new_markup (one user action). */
gboolean       kl_editor_replace_markup    (KlEditor *self, const char *old_markup, const char *new_markup);

G_END_DECLS
