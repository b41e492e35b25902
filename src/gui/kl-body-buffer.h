/* kl-body-buffer.h: shows kl-markup in a GtkTextBuffer as formatting (tags) and writes it back. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Paragraph styles a line can carry (the heading levels of kl-markup). */
typedef enum {
  KL_PARA_NORMAL,
  KL_PARA_H1,   /* part */
  KL_PARA_H2,   /* section */
  KL_PARA_H3,   /* clause */
  KL_PARA_H4,   /* sub-clause */
  KL_PARA_H5,   /* point */
} KlParaStyle;

/* What an embed shows ({{targets N}}, {{chart KIND N}} in the markup). */
typedef enum {
  KL_EMBED_TARGETS,     /* report N's target table */
  KL_EMBED_ACHIEVEMENT,
  KL_EMBED_BULLET,
  KL_EMBED_SUMMARY,
  KL_EMBED_TREND,
} KlEmbedKind;
#define KL_EMBED_N_KINDS 5

/* Creates the formatting tags in @buffer's tag table (once per buffer). */
void      kl_body_buffer_init_tags     (GtkTextBuffer *buffer);
/* Replaces the buffer's text by @markup shown with tags (not an undoable action). */
void      kl_body_buffer_set_markup    (GtkTextBuffer *buffer,
                                        const char    *markup);
/* The buffer's content as canonical kl-markup text. New string. */
char     *kl_body_buffer_get_markup    (GtkTextBuffer *buffer);

/* Toggles "bold" or "italic" over the selection (over the word at the cursor without one). */
void      kl_body_buffer_toggle_tag    (GtkTextBuffer *buffer,
                                        const char    *tag_name);
/* Sets the paragraph style of every line touched by the selection. */
void      kl_body_buffer_set_para_style (GtkTextBuffer *buffer,
                                         KlParaStyle    style);
KlParaStyle kl_body_buffer_get_para_style (GtkTextBuffer *buffer);
/* Inserts a footnote reference at the cursor and its (empty) definition at the end. */
void      kl_body_buffer_insert_footnote (GtkTextBuffer *buffer);
/* Undo/redo over typing and formatting (bold, italic, headings) in the order they were
 * made; GtkTextBuffer's own undo also goes through them. FALSE when there was nothing. */
gboolean  kl_body_buffer_undo          (GtkTextBuffer *buffer);
gboolean  kl_body_buffer_redo          (GtkTextBuffer *buffer);
gboolean  kl_body_buffer_can_undo      (GtkTextBuffer *buffer);
gboolean  kl_body_buffer_can_redo      (GtkTextBuffer *buffer);
/* Index of the block holding @iter in the markup kl_body_buffer_get_markup() writes (a
 * line is a block, consecutive table lines one; a blank line counts as the block before
 * it): the index kl_pages_find_body_block() takes. */
guint     kl_body_buffer_get_block_at  (GtkTextBuffer     *buffer,
                                        const GtkTextIter *iter);
/* Tables show as tables: a row is a line tagged "table", its cells apart by TABs, the
 * columns lined up by tab stops from the widest cell of each. The cells are measured with
 * @context (the view's, NULL keeps the one set before) and narrowed to fit @width pixels
 * (0: no limit). */
void      kl_body_buffer_set_table_metrics (GtkTextBuffer *buffer,
                                            PangoContext  *context,
                                            int            width);
/* Lays the tables out now (it happens on its own at idle after each change). */
void      kl_body_buffer_layout_tables (GtkTextBuffer *buffer);
/* Selects the next (previous) cell of the table holding the cursor; at the last cell, adds a
 * row (undoable). FALSE, changing nothing, when the cursor is not in a table. */
gboolean  kl_body_buffer_next_cell     (GtkTextBuffer *buffer,
                                        gboolean       forward);
/* Enter in a table: an empty row below the cursor's row (a row is never cut in two), the
 * cursor in its first cell. FALSE, changing nothing, outside a table and at the end of its
 * last row, where Enter starts a paragraph after the table. */
gboolean  kl_body_buffer_table_newline (GtkTextBuffer *buffer);
/* Inserts an empty table of @rows rows (the first a header row) and @columns columns (2 at
 * least) on a line of its own after the cursor's, the cursor in its first cell. */
void      kl_body_buffer_insert_table  (GtkTextBuffer *buffer,
                                        guint          rows,
                                        guint          columns);
/* An embed is one character of the buffer, tagged "embed-object" (a private-use code point
 * holding the kind and the report): typing, deleting, undo, copy and paste treat it as a
 * character; the view shows a card over it (kl-embed-cards). TRUE when @iter is on one. */
gboolean  kl_body_buffer_get_embed     (const GtkTextIter *iter,
                                        KlEmbedKind       *kind,
                                        guint             *report);
/* Moves @iter to the first embed at or after it, before @limit; FALSE (at @limit) when none. */
gboolean  kl_body_buffer_find_embed    (GtkTextIter       *iter,
                                        const GtkTextIter *limit);
/* Inserts an embed of report @report (1-based) as a block of its own: before the cursor's
 * paragraph when the cursor is at its start, else after it (after a table holding the
 * cursor); one undoable step, the cursor after the embed. */
void      kl_body_buffer_insert_embed  (GtkTextBuffer     *buffer,
                                        KlEmbedKind        kind,
                                        guint              report);
/* Replaces the embed at @iter by another kind or report (one undoable step). */
void      kl_body_buffer_set_embed     (GtkTextBuffer     *buffer,
                                        const GtkTextIter *iter,
                                        KlEmbedKind        kind,
                                        guint              report);
/* Deletes the embed at @iter with its line when nothing else is on it (one undoable step). */
void      kl_body_buffer_remove_embed  (GtkTextBuffer     *buffer,
                                        const GtkTextIter *iter);
/* Backspace at the start of the line after an embed's: the embed goes (the line break
 * between them is nothing a user sees), one undoable step. FALSE, changing nothing, elsewhere
 * or with a selection. */
gboolean  kl_body_buffer_backspace     (GtkTextBuffer     *buffer);
/* The markup name of @kind: "targets", "achievement", "bullet", "summary", "trend". */
const char *kl_embed_kind_to_string    (KlEmbedKind        kind);

/* Words in the buffer (runs of letters/digits). */
guint     kl_body_buffer_count_words   (GtkTextBuffer *buffer);

G_END_DECLS
