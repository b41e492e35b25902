/* kl-body-buffer.c: kl-markup ⇄ GtkTextBuffer with tags, so the editor shows formatting, not syntax. */
#include "kl-body-buffer.h"
#include "kl-markup.h"

#include <pango/pangocairo.h>

/* A hard line break inside a block: Pango breaks the line there, GtkTextBuffer keeps one
 * paragraph (it splits paragraphs only on \n, \r and U+2029). */
#define LINE_SEPARATOR "\xe2\x80\xa8"

/* Tags that style a whole line (the block type); the first one found at the line start wins. */
static const char * const line_tags[] = { "footnote", "table", "embed", "h1", "h2", "h3", "h4", "h5", NULL };
/* Text typed into a line with these takes them too ("table-header" marks a table's first row). */
static const char * const carried_tags[] = { "footnote", "table", "embed", "h1", "h2", "h3", "h4", "h5",
                                             "table-header", NULL };

/* Tables: a row is one buffer line tagged "table" whose cells are separated by TAB
 * characters; the markup's bars are not in the buffer. Tab stops computed from the cell
 * widths line the columns up (a tag per table, laid out at idle after each change). */
#define TABLE_SCALE     0.85
#define TABLE_MIN_SCALE 0.7  /* a table too wide for the body is shown smaller, down to this */
#define TABLE_CELL_GAP  16   /* pixels between the widest text of a column and the next one */
#define TABLE_INDENT    16   /* pixels before the first column */
#define TABLE_MIN_WIDTH 40   /* an empty column still has room to click into */

/* Embeds: one character each, a code point of plane 15 (private use) made of the kind and
 * the report, so the buffer's own undo, copy and paste carry them like any character. */
#define EMBED_BASE    0xF0000
#define EMBED_REPORTS 0x1000  /* reports a kind can name (4095); beyond, the syntax is shown */
#define EMBED_SCALE   0.4     /* its character, hidden under its card */
#define EMBED_ROOM    15      /* pixels above and below it: the height of the card */

static const char * const embed_kinds[] = { "targets", "achievement", "bullet", "summary", "trend", NULL };

static void     schedule_table_layout (GtkTextBuffer *buffer);
static void     on_delete_range       (GtkTextBuffer *buffer,
                                       GtkTextIter   *start,
                                       GtkTextIter   *end);
static void     tag_restored_rows     (GtkTextBuffer *buffer,
                                       GtkTextIter   *end,
                                       const char    *text,
                                       int            len);

const char *
kl_embed_kind_to_string (KlEmbedKind kind)
{
  g_return_val_if_fail (kind < KL_EMBED_N_KINDS, NULL);
  return embed_kinds[kind];
}

static gboolean
decode_embed (gunichar     c,
              KlEmbedKind *kind,
              guint       *report)
{
  if (c <= EMBED_BASE || c >= EMBED_BASE + KL_EMBED_N_KINDS * EMBED_REPORTS
      || (c - EMBED_BASE) % EMBED_REPORTS == 0)
    return FALSE;
  if (kind != NULL)
    *kind = (KlEmbedKind) ((c - EMBED_BASE) / EMBED_REPORTS);
  if (report != NULL)
    *report = (c - EMBED_BASE) % EMBED_REPORTS;
  return TRUE;
}

static gboolean
is_embed_char (gunichar c,
               gpointer user_data)
{
  return decode_embed (c, NULL, NULL);
}

/* The character of an embed as UTF-8 in @out (5 bytes at least); FALSE when it cannot be one. */
static gboolean
encode_embed (KlEmbedKind kind,
              guint       report,
              char       *out)
{
  if (kind >= KL_EMBED_N_KINDS || report == 0 || report >= EMBED_REPORTS)
    return FALSE;
  out[g_unichar_to_utf8 (EMBED_BASE + kind * EMBED_REPORTS + report, out)] = '\0';
  return TRUE;
}

gboolean
kl_body_buffer_get_embed (const GtkTextIter *iter,
                          KlEmbedKind       *kind,
                          guint             *report)
{
  g_return_val_if_fail (iter != NULL, FALSE);
  return decode_embed (gtk_text_iter_get_char (iter), kind, report);
}

gboolean
kl_body_buffer_find_embed (GtkTextIter       *iter,
                           const GtkTextIter *limit)
{
  if (gtk_text_iter_compare (iter, limit) >= 0)
    {
      *iter = *limit;
      return FALSE;
    }
  if (kl_body_buffer_get_embed (iter, NULL, NULL))
    return TRUE;
  /* gtk_text_iter_forward_find_char() also looks at the character at @limit. */
  if (gtk_text_iter_forward_find_char (iter, is_embed_char, NULL, limit)
      && gtk_text_iter_compare (iter, limit) < 0)
    return TRUE;
  *iter = *limit;
  return FALSE;
}

static gboolean
is_loading (GtkTextBuffer *buffer)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-loading"));
}

/* The embed at @offset on a line of its own: a line break before it after text, and after
 * it before text. The number of characters added before it. */
static int
break_around_embed (GtkTextBuffer *buffer,
                    int            offset)
{
  GtkTextIter iter;
  int before = 0;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  if (!gtk_text_iter_starts_line (&iter))
    {
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      before = 1;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset + before + 1);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  return before;
}

/* Embeds inserted as text (the history putting one back, a paste) get their tag, and, but
 * for the history's (which puts back what was), a line of their own. TRUE when there were
 * some; @end is then after the inserted text again. */
static gboolean
tag_embeds (GtkTextBuffer *buffer,
            GtkTextIter   *end,
            glong          n_chars)
{
  gboolean history = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-history"));
  int offset = gtk_text_iter_get_offset (end) - (int) n_chars;
  int end_offset = gtk_text_iter_get_offset (end);
  gboolean found = FALSE;
  GtkTextIter it;

  gtk_text_buffer_get_iter_at_offset (buffer, &it, offset);
  while (kl_body_buffer_find_embed (&it, end))
    {
      GtkTextIter next = it;

      gtk_text_iter_forward_char (&next);
      gtk_text_buffer_apply_tag_by_name (buffer, "embed-object", &it, &next);
      found = TRUE;
      offset = gtk_text_iter_get_offset (&it);
      if (!history && (!gtk_text_iter_starts_line (&it) || !gtk_text_iter_ends_line (&next)))
        {
          int added = gtk_text_buffer_get_char_count (buffer);

          offset += break_around_embed (buffer, offset);
          added = gtk_text_buffer_get_char_count (buffer) - added;
          end_offset += added;
          gtk_text_buffer_get_iter_at_offset (buffer, end, end_offset);
          gtk_text_buffer_get_iter_at_offset (buffer, &next, offset + 1);
        }
      it = next;
    }
  return found;
}

/* A deletion that joins an embed and text on one line (the line break between them gone)
 * leaves them apart: an embed is a block, as a picture alone on its line in Word. */
static void
on_delete_range_after (GtkTextBuffer *buffer,
                       GtkTextIter   *start,
                       GtkTextIter   *end)
{
  GtkTextIter before = *start;
  int offset = gtk_text_iter_get_offset (start);

  if (is_loading (buffer) || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-history")))
    return;
  if (gtk_text_iter_backward_char (&before) && kl_body_buffer_get_embed (&before, NULL, NULL)
      && !gtk_text_iter_ends_line (start))
    gtk_text_buffer_insert (buffer, start, "\n", 1);
  else if (kl_body_buffer_get_embed (start, NULL, NULL) && !gtk_text_iter_starts_line (start))
    gtk_text_buffer_insert (buffer, start, "\n", 1);
  else
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, start, offset);
  *end = *start;
}

/* An embed is a block: text typed right after it (before it) starts a paragraph below
 * (above) it, as beside a picture on a line of its own in Word. TRUE when a line break was
 * added; @end is then after the typed text again. */
static gboolean
keep_embed_alone (GtkTextBuffer *buffer,
                  GtkTextIter   *end,
                  glong          n_chars)
{
  GtkTextIter start = *end, before;
  int offset;

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-history")))
    return FALSE;
  gtk_text_iter_backward_chars (&start, n_chars);
  before = start;
  offset = gtk_text_iter_get_offset (end);
  if (gtk_text_iter_backward_char (&before) && kl_body_buffer_get_embed (&before, NULL, NULL)
      && gtk_text_iter_get_char (&start) != '\n')
    {
      gtk_text_buffer_insert (buffer, &start, "\n", 1);
      gtk_text_buffer_get_iter_at_offset (buffer, end, offset + 1);
      return TRUE;
    }
  if (kl_body_buffer_get_embed (end, NULL, NULL) && !gtk_text_iter_starts_line (end))
    {
      before = *end;
      gtk_text_iter_backward_char (&before);
      if (gtk_text_iter_get_char (&before) == '\n')
        return FALSE;
      gtk_text_buffer_insert (buffer, end, "\n", 1);
      gtk_text_buffer_get_iter_at_offset (buffer, end, offset);
      /* The cursor stays after the typed text, not after the line break. */
      gtk_text_buffer_get_iter_at_mark (buffer, &before, gtk_text_buffer_get_insert (buffer));
      if (gtk_text_iter_get_offset (&before) == offset + 1)
        gtk_text_buffer_place_cursor (buffer, end);
      return TRUE;
    }
  return FALSE;
}

/* Text typed into a heading or footnote line takes the line's style, like Word's paragraphs. */
static void
on_insert_text_after (GtkTextBuffer *buffer,
                      GtkTextIter   *end,
                      const char    *text,
                      int            len,
                      gpointer       user_data)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextIter start = *end, probe;
  glong n_chars;

  if (is_loading (buffer))
    return;
  n_chars = g_utf8_strlen (text, len);
  if (tag_embeds (buffer, end, n_chars))
    {
      if (memchr (text, '\n', len) != NULL)
        tag_restored_rows (buffer, end, text, len);
      return;
    }
  if (keep_embed_alone (buffer, end, n_chars))
    return;
  if (memchr (text, '\n', len) != NULL)
    {
      tag_restored_rows (buffer, end, text, len);
      return;
    }
  gtk_text_iter_backward_chars (&start, n_chars);
  probe = start;
  gtk_text_iter_set_line_offset (&probe, 0);
  if (gtk_text_iter_compare (&probe, &start) >= 0)
    {
      /* Typed at the line start: the style is that of what follows. */
      if (gtk_text_iter_ends_line (end))
        return;
      probe = *end;
    }
  for (guint i = 0; carried_tags[i] != NULL; i++)
    {
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, carried_tags[i]);
      if (gtk_text_iter_has_tag (&probe, tag))
        gtk_text_buffer_apply_tag (buffer, tag, &start, end);
    }
  if (memchr (text, '\t', len) != NULL)
    tag_restored_rows (buffer, end, text, len);
}

/* --- undo of formatting ----------------------------------------------------------------
 * GtkTextBuffer's history records text, not tags. A formatting action keeps the tags of the
 * whole buffer before and after it; an undo that finds the buffer exactly as the action left
 * it puts the tags back instead of undoing text, so Ctrl+Z walks typing and formatting in
 * the order they were made. */

#define FORMAT_HISTORY_MAX 100

typedef struct
{
  GtkTextTag *tag;
  int         start;
  int         end;
} TagRun;

typedef struct
{
  char   *markup_before;
  char   *markup_after;
  GArray *runs_before;
  GArray *runs_after;
} FormatStep;

static void
format_step_free (gpointer data)
{
  FormatStep *step = data;

  g_free (step->markup_before);
  g_free (step->markup_after);
  g_array_unref (step->runs_before);
  g_array_unref (step->runs_after);
  g_free (step);
}

static void
collect_tag (GtkTextTag *tag,
             gpointer    data)
{
  g_ptr_array_add (data, tag);
}

static GArray *
snapshot_tags (GtkTextBuffer *buffer)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (TagRun));
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();

  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), collect_tag, tags);
  for (guint i = 0; i < tags->len; i++)
    {
      GtkTextTag *tag = g_ptr_array_index (tags, i);
      GtkTextIter it;

      gtk_text_buffer_get_start_iter (buffer, &it);
      if (!gtk_text_iter_has_tag (&it, tag) && !gtk_text_iter_forward_to_tag_toggle (&it, tag))
        continue;
      while (!gtk_text_iter_is_end (&it))
        {
          TagRun run = { tag, gtk_text_iter_get_offset (&it), 0 };

          gtk_text_iter_forward_to_tag_toggle (&it, tag);
          run.end = gtk_text_iter_get_offset (&it);
          if (run.end > run.start)
            g_array_append_val (runs, run);
          if (!gtk_text_iter_forward_to_tag_toggle (&it, tag))
            break;
        }
    }
  return runs;
}

static void
restore_tags (GtkTextBuffer *buffer,
              GArray        *runs)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  for (guint i = 0; i < runs->len; i++)
    {
      TagRun *run = &g_array_index (runs, TagRun, i);

      gtk_text_buffer_get_iter_at_offset (buffer, &start, run->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, run->end);
      gtk_text_buffer_apply_tag (buffer, run->tag, &start, &end);
    }
}

static GPtrArray *
format_stack (GtkTextBuffer *buffer,
              const char    *name)
{
  GPtrArray *stack = g_object_get_data (G_OBJECT (buffer), name);

  if (stack == NULL)
    {
      stack = g_ptr_array_new_with_free_func (format_step_free);
      g_object_set_data_full (G_OBJECT (buffer), name, stack, (GDestroyNotify) g_ptr_array_unref);
    }
  return stack;
}

static void
format_history_clear (GtkTextBuffer *buffer)
{
  g_ptr_array_set_size (format_stack (buffer, "kl-format-undo"), 0);
  g_ptr_array_set_size (format_stack (buffer, "kl-format-redo"), 0);
}

/* Records a formatting action, given the state before it. Takes @markup_before, @runs_before. */
static void
format_record (GtkTextBuffer *buffer,
               char          *markup_before,
               GArray        *runs_before)
{
  char *after = kl_body_buffer_get_markup (buffer);
  GPtrArray *undo = format_stack (buffer, "kl-format-undo");
  FormatStep *step;

  if (g_strcmp0 (after, markup_before) == 0)
    {
      g_free (after);
      g_free (markup_before);
      g_array_unref (runs_before);
      return;
    }
  step = g_new0 (FormatStep, 1);
  step->markup_before = markup_before;
  step->runs_before = runs_before;
  step->markup_after = after;
  step->runs_after = snapshot_tags (buffer);
  if (undo->len >= FORMAT_HISTORY_MAX)
    g_ptr_array_remove_index (undo, 0);
  g_ptr_array_add (undo, step);
  g_ptr_array_set_size (format_stack (buffer, "kl-format-redo"), 0);
  /* Tags do not emit "changed": tell the editor the markup moved. */
  g_signal_emit_by_name (buffer, "changed");
}

/* Moves the last step of @from to @to when the buffer is in the state it names; TRUE when
 * the tags were put back (the text history is then left alone). */
static gboolean
format_step_back (GtkTextBuffer *buffer,
                  gboolean       undo)
{
  GPtrArray *from = format_stack (buffer, undo ? "kl-format-undo" : "kl-format-redo");
  GPtrArray *to = format_stack (buffer, undo ? "kl-format-redo" : "kl-format-undo");
  FormatStep *step;
  g_autofree char *markup = NULL;

  if (from->len == 0)
    return FALSE;
  step = g_ptr_array_index (from, from->len - 1);
  markup = kl_body_buffer_get_markup (buffer);
  if (g_strcmp0 (markup, undo ? step->markup_after : step->markup_before) != 0)
    return FALSE;
  restore_tags (buffer, undo ? step->runs_before : step->runs_after);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  return TRUE;
}

/* While the text history puts text back ("kl-history"), rows it restores get their table
 * tag again: the history keeps text, not tags. */
static void
on_undo (GtkTextBuffer *buffer)
{
  if (format_step_back (buffer, TRUE))
    {
      g_signal_stop_emission_by_name (buffer, "undo");
      g_signal_emit_by_name (buffer, "changed");
    }
  else
    g_object_set_data (G_OBJECT (buffer), "kl-history", GINT_TO_POINTER (TRUE));
}

static void
on_redo (GtkTextBuffer *buffer)
{
  if (format_step_back (buffer, FALSE))
    {
      g_signal_stop_emission_by_name (buffer, "redo");
      g_signal_emit_by_name (buffer, "changed");
    }
  else
    g_object_set_data (G_OBJECT (buffer), "kl-history", GINT_TO_POINTER (TRUE));
}

static void
on_history_done (GtkTextBuffer *buffer)
{
  g_object_set_data (G_OBJECT (buffer), "kl-history", NULL);
}

/* The text history may be empty (a word made bold right after opening): the formatting
 * steps are then undone here, as GtkTextBuffer emits "undo" only when it has text steps. */
gboolean
kl_body_buffer_undo (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (format_step_back (buffer, TRUE))
    {
      g_signal_emit_by_name (buffer, "changed");
      return TRUE;
    }
  if (!gtk_text_buffer_get_can_undo (buffer))
    return FALSE;
  gtk_text_buffer_undo (buffer);
  return TRUE;
}

gboolean
kl_body_buffer_redo (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (format_step_back (buffer, FALSE))
    {
      g_signal_emit_by_name (buffer, "changed");
      return TRUE;
    }
  if (!gtk_text_buffer_get_can_redo (buffer))
    return FALSE;
  gtk_text_buffer_redo (buffer);
  return TRUE;
}

gboolean
kl_body_buffer_can_undo (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);
  return gtk_text_buffer_get_can_undo (buffer) || format_stack (buffer, "kl-format-undo")->len > 0;
}

gboolean
kl_body_buffer_can_redo (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);
  return gtk_text_buffer_get_can_redo (buffer) || format_stack (buffer, "kl-format-redo")->len > 0;
}

void
kl_body_buffer_init_tags (GtkTextBuffer *buffer)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.2,
                              "justification", GTK_JUSTIFY_CENTER, "pixels-above-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1,
                              "pixels-above-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "pixels-above-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "h4", "weight", PANGO_WEIGHT_BOLD, "style", PANGO_STYLE_ITALIC,
                              "pixels-above-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "h5", "style", PANGO_STYLE_ITALIC, "pixels-above-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "footnote-ref", "rise", 6 * PANGO_SCALE, "scale", 0.7,
                              "foreground", "#3584e4", NULL);
  gtk_text_buffer_create_tag (buffer, "footnote-label", "rise", 6 * PANGO_SCALE, "scale", 0.7,
                              "foreground", "#3584e4", NULL);
  gtk_text_buffer_create_tag (buffer, "footnote", "scale", 0.85, "left-margin", 18,
                              "pixels-above-lines", 4, NULL);
  /* Rows on a light band, the header row darker and bold, every other row a shade apart:
   * the grid of a table without drawing lines. */
  /* A row wider than the body wraps: its end shows below rather than not at all. */
  gtk_text_buffer_create_tag (buffer, "table", "scale", TABLE_SCALE, "wrap-mode", GTK_WRAP_WORD_CHAR,
                              "left-margin", TABLE_INDENT, "pixels-above-lines", 2,
                              "pixels-below-lines", 2, "paragraph-background-rgba",
                              &(GdkRGBA) { 0.5, 0.5, 0.5, 0.08 }, NULL);
  gtk_text_buffer_create_tag (buffer, "table-row-alt", "paragraph-background-rgba",
                              &(GdkRGBA) { 0.5, 0.5, 0.5, 0.16 }, NULL);
  gtk_text_buffer_create_tag (buffer, "table-last", "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "table-header", "weight", PANGO_WEIGHT_BOLD,
                              "paragraph-background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.2 }, NULL);
  gtk_text_buffer_create_tag (buffer, "embed", "family", "Monospace", "foreground", "#3584e4",
                              "pixels-above-lines", 6, "pixels-below-lines", 6, NULL);
  /* The character of an embed is not shown (the view puts a card over its line): small,
   * its line as tall as the card by the room above and below it. */
  gtk_text_buffer_create_tag (buffer, "embed-object", "foreground-rgba", &(GdkRGBA) { 0, 0, 0, 0 },
                              "scale", EMBED_SCALE, "pixels-above-lines", EMBED_ROOM,
                              "pixels-below-lines", EMBED_ROOM, NULL);

  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (on_insert_text_after), NULL);
  g_signal_connect (buffer, "undo", G_CALLBACK (on_undo), NULL);
  g_signal_connect (buffer, "redo", G_CALLBACK (on_redo), NULL);
  g_signal_connect_after (buffer, "undo", G_CALLBACK (on_history_done), NULL);
  g_signal_connect_after (buffer, "redo", G_CALLBACK (on_history_done), NULL);
  g_signal_connect (buffer, "changed", G_CALLBACK (schedule_table_layout), NULL);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range), NULL);
  g_signal_connect_after (buffer, "delete-range", G_CALLBACK (on_delete_range_after), NULL);
}

static void
insert_tagged (GtkTextBuffer *buffer,
               GtkTextIter   *iter,
               const char    *text,
               const char    *tag1,
               const char    *tag2,
               const char    *tag3,
               const char    *tag4)
{
  int offset = gtk_text_iter_get_offset (iter);
  GtkTextIter start;
  const char *tags[] = { tag1, tag2, tag3, tag4 };

  gtk_text_buffer_insert (buffer, iter, text, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (tags[i] != NULL)
      gtk_text_buffer_apply_tag_by_name (buffer, tags[i], &start, iter);
}

static void
insert_runs (GtkTextBuffer *buffer,
             GtkTextIter   *iter,
             GPtrArray     *runs,
             const char    *line_tag)
{
  if (runs == NULL)
    return;
  for (guint i = 0; i < runs->len; i++)
    {
      KlRun *run = g_ptr_array_index (runs, i);

      if (run->flags & KL_RUN_LINE_BREAK)
        insert_tagged (buffer, iter, LINE_SEPARATOR, line_tag, NULL, NULL, NULL);
      else
        insert_tagged (buffer, iter, run->text, line_tag,
                       (run->flags & KL_RUN_BOLD) ? "bold" : NULL,
                       (run->flags & KL_RUN_ITALIC) ? "italic" : NULL,
                       (run->flags & KL_RUN_FOOTNOTE_REF) ? "footnote-ref" : NULL);
    }
}

static gboolean
runs_have_text (GPtrArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    if (((KlRun *) g_ptr_array_index (runs, i))->text[0] != '\0')
      return TRUE;
  return FALSE;
}

/* Inserts a table row: its cells separated by TABs, tagged "table" (and "table-header"). */
static void
insert_table_row (GtkTextBuffer *buffer,
                  GtkTextIter   *iter,
                  GPtrArray     *cells,
                  gboolean       header)
{
  int offset = gtk_text_iter_get_offset (iter);
  GtkTextIter start;

  for (guint c = 0; c < cells->len; c++)
    {
      GPtrArray *runs = g_ptr_array_index (cells, c);

      if (c > 0)
        insert_tagged (buffer, iter, "\t", "table", NULL, NULL, NULL);
      for (guint i = 0; i < runs->len; i++)
        {
          KlRun *run = g_ptr_array_index (runs, i);
          g_autofree char *text = NULL;

          /* The writer turns breaks in cells into spaces; a TAB in a cell would be a new cell. */
          if (run->flags & KL_RUN_LINE_BREAK)
            {
              insert_tagged (buffer, iter, " ", "table", NULL, NULL, NULL);
              continue;
            }
          text = g_strdelimit (g_strdup (run->text), "\t", ' ');
          insert_tagged (buffer, iter, text, "table",
                         (run->flags & KL_RUN_BOLD) ? "bold" : NULL,
                         (run->flags & KL_RUN_ITALIC) ? "italic" : NULL,
                         (run->flags & KL_RUN_FOOTNOTE_REF) ? "footnote-ref" : NULL);
        }
    }
  if (header)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
      gtk_text_buffer_apply_tag_by_name (buffer, "table-header", &start, iter);
    }
}

static KlEmbedKind
embed_kind_of_block (KlBlock *block)
{
  if (g_strcmp0 (block->label, "chart") != 0)
    return KL_EMBED_TARGETS;
  for (guint k = KL_EMBED_ACHIEVEMENT; k < KL_EMBED_N_KINDS; k++)
    if (g_strcmp0 (block->embed_kind, embed_kinds[k]) == 0)
      return (KlEmbedKind) k;
  /* The writer's default for a chart without a kind. */
  return block->embed_kind == NULL ? KL_EMBED_ACHIEVEMENT : KL_EMBED_N_KINDS;
}

void
kl_body_buffer_set_markup (GtkTextBuffer *buffer,
                           const char    *markup)
{
  g_autoptr(KlMarkup) tree = NULL;
  GtkTextIter iter, start, end;
  gboolean first = TRUE;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  g_object_set_data (G_OBJECT (buffer), "kl-loading", GINT_TO_POINTER (TRUE));
  format_history_clear (buffer);
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &iter);

  tree = kl_markup_parse (markup != NULL ? markup : "");
  for (guint b = 0; tree != NULL && b < tree->blocks->len; b++)
    {
      KlBlock *block = g_ptr_array_index (tree->blocks, b);

      if (!first)
        gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      first = FALSE;

      switch (block->type)
        {
        case KL_BLOCK_HEADING:
          {
            g_autofree char *tag = g_strdup_printf ("h%u", CLAMP (block->level, 1, 5));
            insert_runs (buffer, &iter, block->runs, tag);
          }
          break;
        case KL_BLOCK_ITEM:
          {
            g_autofree char *marker = g_strdup_printf ("%s ", block->marker ? block->marker : "-");
            gtk_text_buffer_insert (buffer, &iter, marker, -1);
            insert_runs (buffer, &iter, block->runs, NULL);
          }
          break;
        case KL_BLOCK_FOOTNOTE:
          insert_tagged (buffer, &iter, block->label ? block->label : "?", "footnote",
                         "footnote-label", NULL, NULL);
          insert_tagged (buffer, &iter, " ", "footnote", NULL, NULL, NULL);
          insert_runs (buffer, &iter, block->runs, "footnote");
          break;
        case KL_BLOCK_TABLE:
          {
            guint shown = 0;

            /* Two tables in a row are apart by a blank line, or they would read as one. */
            if (b > 0 && ((KlBlock *) g_ptr_array_index (tree->blocks, b - 1))->type == KL_BLOCK_TABLE)
              gtk_text_buffer_insert (buffer, &iter, "\n", 1);

            for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
              {
                GPtrArray *cells = g_ptr_array_index (block->rows, r);

                /* A row of one empty cell (or none) would be a blank line, which ends
                 * the table: it has no text to keep. */
                if (cells->len == 0
                    || (cells->len == 1 && !runs_have_text (g_ptr_array_index (cells, 0))))
                  continue;
                if (shown++ > 0)
                  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
                insert_table_row (buffer, &iter, cells, r == 0 && block->header_row);
              }
          }
          break;
        case KL_BLOCK_EMBED:
          {
            g_autofree char *text = NULL;
            char object[8];

            if (encode_embed (embed_kind_of_block (block), block->embed_index, object))
              {
                insert_tagged (buffer, &iter, object, "embed-object", NULL, NULL, NULL);
                break;
              }
            if (g_strcmp0 (block->label, "chart") == 0)
              text = g_strdup_printf ("{{chart %s %u}}", block->embed_kind ? block->embed_kind : "achievement",
                                      block->embed_index);
            else
              text = g_strdup_printf ("{{targets %u}}", block->embed_index);
            insert_tagged (buffer, &iter, text, "embed", NULL, NULL, NULL);
          }
          break;
        case KL_BLOCK_PARAGRAPH:
        default:
          insert_runs (buffer, &iter, block->runs, NULL);
          break;
        }
    }

  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_set_modified (buffer, FALSE);
  g_object_set_data (G_OBJECT (buffer), "kl-loading", NULL);
  kl_body_buffer_layout_tables (buffer);
}

static gboolean
iter_has_tag_named (const GtkTextIter *iter,
                    GtkTextTagTable   *table,
                    const char        *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);
  return tag != NULL && gtk_text_iter_has_tag (iter, tag);
}

static void
add_run (GPtrArray  *runs,
         const char *text,
         KlRunFlags  flags)
{
  KlRun *last = runs->len > 0 ? g_ptr_array_index (runs, runs->len - 1) : NULL;

  if (*text == '\0' && !(flags & KL_RUN_LINE_BREAK))
    return;
  /* Neighbouring pieces with the same formatting are one run, so the writer does not
   * emit "**a****b**" when a line tag toggles in the middle of bold text. */
  if (last != NULL && last->flags == flags && !(flags & (KL_RUN_LINE_BREAK | KL_RUN_FOOTNOTE_REF)))
    {
      char *joined = g_strconcat (last->text, text, NULL);
      g_free (last->text);
      last->text = joined;
      return;
    }
  g_ptr_array_add (runs, kl_run_new (text, flags));
}

static GPtrArray *
collect_runs (GtkTextBuffer     *buffer,
              const GtkTextIter *start,
              const GtkTextIter *end)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
  GtkTextIter it = *start;

  while (gtk_text_iter_compare (&it, end) < 0)
    {
      GtkTextIter next = it;
      KlRunFlags flags = 0;
      g_autofree char *text = NULL;
      g_auto(GStrv) pieces = NULL;

      if (!gtk_text_iter_forward_to_tag_toggle (&next, NULL) || gtk_text_iter_compare (&next, end) > 0)
        next = *end;
      if (iter_has_tag_named (&it, table, "bold"))
        flags |= KL_RUN_BOLD;
      if (iter_has_tag_named (&it, table, "italic"))
        flags |= KL_RUN_ITALIC;
      if (iter_has_tag_named (&it, table, "footnote-ref"))
        flags = KL_RUN_FOOTNOTE_REF;

      text = gtk_text_iter_get_text (&it, &next);
      pieces = g_strsplit (text, LINE_SEPARATOR, -1);
      for (guint i = 0; pieces[i] != NULL; i++)
        {
          if (i > 0)
            add_run (runs, "", KL_RUN_LINE_BREAK);
          add_run (runs, pieces[i], flags);
        }
      it = next;
    }
  return runs;
}

static const char *
line_kind (GtkTextBuffer     *buffer,
           const GtkTextIter *line_start)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  for (guint i = 0; line_tags[i] != NULL; i++)
    if (iter_has_tag_named (line_start, table, line_tags[i]))
      return line_tags[i];
  return NULL;
}

static gboolean
is_tab (gunichar c,
        gpointer user_data)
{
  return c == '\t';
}

/* Moves @iter to the first TAB at or after it before @limit (to @limit when none: FALSE).
 * gtk_text_iter_forward_find_char() starts after @iter. */
static gboolean
find_tab (GtkTextIter       *iter,
          const GtkTextIter *limit)
{
  if (gtk_text_iter_compare (iter, limit) >= 0)
    {
      *iter = *limit;
      return FALSE;
    }
  if (gtk_text_iter_get_char (iter) == '\t')
    return TRUE;
  return gtk_text_iter_forward_find_char (iter, is_tab, NULL, limit);
}

/* Writes the table whose rows were collected in @table (and forgets it) in the writer's
 * canonical form, so an unchanged table is saved exactly as it was read. */
static void
flush_table (GString  *out,
             KlBlock **table)
{
  g_autoptr(KlMarkup) tree = NULL;
  g_autoptr(KlMarkup) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;

  if (*table == NULL)
    return;
  tree = kl_markup_new ();
  g_ptr_array_add (tree->blocks, g_steal_pointer (table));
  /* Spaces at the edge of a cell are written, then dropped when read: one more pass
   * writes what a reader gets. */
  first = kl_markup_write (tree);
  again = kl_markup_parse (first);
  text = kl_markup_write (again);
  g_strchomp (text);
  if (*text == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, text);
}

/* Adds the row on the line from @start to @end to @table (a new table when NULL). */
static void
collect_table_row (GtkTextBuffer      *buffer,
                   KlBlock           **table,
                   const GtkTextIter  *start,
                   const GtkTextIter  *end)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GtkTextIter cell = *start;

  if (*table == NULL)
    {
      GtkTextTag *header = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                      "table-header");

      *table = kl_block_new (KL_BLOCK_TABLE);
      (*table)->header_row = gtk_text_iter_has_tag (start, header);
    }
  for (;;)
    {
      GtkTextIter cell_end = cell;
      gboolean tab = find_tab (&cell_end, end);

      if (!tab)
        cell_end = *end;
      g_ptr_array_add (cells, collect_runs (buffer, &cell, &cell_end));
      if (!tab)
        break;
      cell = cell_end;
      gtk_text_iter_forward_char (&cell);
    }
  g_ptr_array_add ((*table)->rows, cells);
}

/* Length in characters of an item marker at the start of @text ("- ", "+ ", "(12) "), or 0. */
static glong
item_marker_length (const char *text)
{
  const char *p = text;

  if ((p[0] == '-' || p[0] == '+') && p[1] == ' ')
    return 2;
  if (p[0] == '(' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
      if (p[0] == ')' && p[1] == ' ')
        return (p - text) + 2;
    }
  return 0;
}

/* The markup of the text from @start to @end of a line of @kind, NULL when it is blank. */
static char *
text_block (GtkTextBuffer     *buffer,
            const GtkTextIter *start,
            const GtkTextIter *end,
            const char        *kind)
{
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *text = gtk_text_iter_get_text (start, end);
  glong marker_len;

  /* A blank line is no block. */
  {
    g_autofree char *probe = g_strstrip (g_strdup (text));
    if (*probe == '\0')
      return NULL;
  }

  if (g_strcmp0 (kind, "embed") == 0)
    return g_strdup (g_strstrip (text));
  if (g_strcmp0 (kind, "footnote") == 0)
    {
      GtkTextIter label_end = *start;
      GtkTextTag *label_tag = gtk_text_tag_table_lookup (tags, "footnote-label");
      g_autofree char *label = NULL;
      g_autoptr(GPtrArray) runs = NULL;
      g_autofree char *inline_text = NULL;

      if (gtk_text_iter_has_tag (start, label_tag))
        {
          gtk_text_iter_forward_to_tag_toggle (&label_end, label_tag);
          if (gtk_text_iter_compare (&label_end, end) > 0)
            label_end = *end;
        }
      label = g_strstrip (gtk_text_iter_get_text (start, &label_end));
      while (gtk_text_iter_compare (&label_end, end) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&label_end)))
        gtk_text_iter_forward_char (&label_end);
      runs = collect_runs (buffer, &label_end, end);
      inline_text = kl_runs_write_inline (runs);
      return g_strdup_printf ("[^%s]: %s", *label ? label : "1", inline_text);
    }
  if (kind == NULL && (marker_len = item_marker_length (text)) > 0)
    {
      /* An item: the marker is written as is, the rest as inline text (the writer
       * escapes a leading "-" in plain paragraphs). */
      GtkTextIter rest = *start;
      g_autofree char *marker = g_utf8_substring (text, 0, marker_len);
      g_autoptr(GPtrArray) runs = NULL;
      g_autofree char *inline_text = NULL;

      gtk_text_iter_forward_chars (&rest, marker_len);
      while (gtk_text_iter_compare (&rest, end) < 0 && gtk_text_iter_get_char (&rest) == ' ')
        gtk_text_iter_forward_char (&rest);
      runs = collect_runs (buffer, &rest, end);
      inline_text = kl_runs_write_inline (runs);
      return g_strdup_printf ("%s %s", g_strstrip (marker), inline_text);
    }
  {
    g_autoptr(GPtrArray) runs = collect_runs (buffer, start, end);
    g_autofree char *inline_text = kl_runs_write_inline (runs);

    if (kind != NULL && kind[0] == 'h')
      {
        guint level = kind[1] - '0';
        g_autofree char *hashes = g_strnfill (level, '#');
        return g_strdup_printf ("%s %s", hashes, inline_text);
      }
    return g_steal_pointer (&inline_text);
  }
}

static char *
embed_markup (const GtkTextIter *iter)
{
  KlEmbedKind kind;
  guint report;

  if (!kl_body_buffer_get_embed (iter, &kind, &report))
    return NULL;
  if (kind == KL_EMBED_TARGETS)
    return g_strdup_printf ("{{targets %u}}", report);
  return g_strdup_printf ("{{chart %s %u}}", embed_kinds[kind], report);
}

static void
append_block (GString    *out,
              const char *block)
{
  if (block == NULL)
    return;
  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, block);
}

char *
kl_body_buffer_get_markup (GtkTextBuffer *buffer)
{
  GString *out = g_string_new (NULL);
  g_autoptr(KlBlock) table = NULL;
  int n_lines;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  n_lines = gtk_text_buffer_get_line_count (buffer);
  for (int line = 0; line < n_lines; line++)
    {
      GtkTextIter start, end;
      const char *kind;

      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      kind = line_kind (buffer, &start);
      if (g_strcmp0 (kind, "table") == 0)
        {
          collect_table_row (buffer, &table, &start, &end);
          continue;
        }
      flush_table (out, &table);

      /* An embed is a block of its own, even with text beside it on its line. */
      for (;;)
        {
          GtkTextIter embed = start;
          gboolean found = kl_body_buffer_find_embed (&embed, &end);
          g_autofree char *text = text_block (buffer, &start, &embed, kind);
          g_autofree char *object = found ? embed_markup (&embed) : NULL;

          append_block (out, text);
          append_block (out, object);
          if (!found)
            break;
          start = embed;
          gtk_text_iter_forward_char (&start);
        }
    }
  flush_table (out, &table);
  if (out->len > 0)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* Spaces only from @start to @end (NULL: the line end), which kl_body_buffer_get_markup() skips. */
static gboolean
is_blank (const GtkTextIter *start,
          const GtkTextIter *end)
{
  GtkTextIter it = *start;

  for (; !gtk_text_iter_ends_line (&it) && (end == NULL || gtk_text_iter_compare (&it, end) < 0);
       gtk_text_iter_forward_char (&it))
    {
      gunichar c = gtk_text_iter_get_char (&it);

      if (c >= 0x80 || !g_ascii_isspace (c))
        return FALSE;
    }
  return TRUE;
}

/* Blocks written for the text line starting at @line_start (cut in pieces by its embeds),
 * those starting after @limit left out (NULL: none). */
static guint
line_blocks (const GtkTextIter *line_start,
             const GtkTextIter *limit)
{
  GtkTextIter start = *line_start, end = *line_start;
  guint blocks = 0;

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  for (;;)
    {
      GtkTextIter embed = start;
      gboolean found = kl_body_buffer_find_embed (&embed, &end);

      if (limit != NULL && gtk_text_iter_compare (&start, limit) > 0)
        break;
      if (!is_blank (&start, &embed))
        blocks++;
      /* Right before an embed is still the text before it. */
      if (!found || (limit != NULL && gtk_text_iter_compare (&embed, limit) >= 0))
        break;
      blocks++;
      start = embed;
      gtk_text_iter_forward_char (&start);
    }
  return blocks;
}

guint
kl_body_buffer_get_block_at (GtkTextBuffer     *buffer,
                             const GtkTextIter *iter)
{
  int target;
  guint blocks = 0;
  gboolean in_table = FALSE;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), 0);
  g_return_val_if_fail (iter != NULL, 0);

  target = gtk_text_iter_get_line (iter);
  for (int line = 0; line <= target; line++)
    {
      GtkTextIter start;
      gboolean table;

      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      /* A row of empty cells is TABs only: a row still, not a blank line. */
      table = g_strcmp0 (line_kind (buffer, &start), "table") == 0;
      if (!table && is_blank (&start, NULL))
        {
          in_table = FALSE;
          continue;
        }
      if (!table)
        blocks += MAX (line_blocks (&start, line == target ? iter : NULL), 1);
      else if (!in_table)
        blocks++;
      in_table = table;
    }
  return blocks > 0 ? blocks - 1 : 0;
}

static gboolean
range_fully_tagged (GtkTextTag        *tag,
                    const GtkTextIter *start,
                    const GtkTextIter *end)
{
  GtkTextIter it = *start;

  if (!gtk_text_iter_has_tag (&it, tag))
    return FALSE;
  gtk_text_iter_forward_to_tag_toggle (&it, tag);
  return gtk_text_iter_compare (&it, end) >= 0;
}

void
kl_body_buffer_toggle_tag (GtkTextBuffer *buffer,
                           const char    *tag_name)
{
  GtkTextIter start, end;
  GtkTextTag *tag;
  char *markup_before;
  GArray *runs_before;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  g_return_if_fail (tag != NULL);

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      /* No selection: the word under the cursor, as Word does. */
      if (!gtk_text_iter_inside_word (&start) && !gtk_text_iter_ends_word (&start))
        return;
      if (!gtk_text_iter_starts_word (&start))
        gtk_text_iter_backward_word_start (&start);
      if (!gtk_text_iter_ends_word (&end))
        gtk_text_iter_forward_word_end (&end);
    }
  markup_before = kl_body_buffer_get_markup (buffer);
  runs_before = snapshot_tags (buffer);
  gtk_text_buffer_begin_user_action (buffer);
  if (range_fully_tagged (tag, &start, &end))
    gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
  else
    gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  format_record (buffer, markup_before, runs_before);
}

void
kl_body_buffer_set_para_style (GtkTextBuffer *buffer,
                               KlParaStyle    style)
{
  GtkTextIter start, end;
  int first, last;
  char *markup_before;
  GArray *runs_before;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  markup_before = kl_body_buffer_get_markup (buffer);
  runs_before = snapshot_tags (buffer);
  gtk_text_buffer_begin_user_action (buffer);
  for (int line = first; line <= last; line++)
    {
      GtkTextIter ls, le;

      gtk_text_buffer_get_iter_at_line (buffer, &ls, line);
      le = ls;
      if (!gtk_text_iter_ends_line (&le))
        gtk_text_iter_forward_to_line_end (&le);
      for (guint h = 1; h <= 5; h++)
        {
          char name[4] = { 'h', (char) ('0' + h), 0 };
          gtk_text_buffer_remove_tag_by_name (buffer, name, &ls, &le);
        }
      if (style != KL_PARA_NORMAL)
        {
          char name[4] = { 'h', (char) ('0' + style), 0 };
          gtk_text_buffer_apply_tag_by_name (buffer, name, &ls, &le);
        }
    }
  gtk_text_buffer_end_user_action (buffer);
  format_record (buffer, markup_before, runs_before);
}

KlParaStyle
kl_body_buffer_get_para_style (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  const char *kind;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), KL_PARA_NORMAL);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&iter, 0);
  kind = line_kind (buffer, &iter);
  if (kind != NULL && kind[0] == 'h')
    return (KlParaStyle) (kind[1] - '0');
  return KL_PARA_NORMAL;
}

static guint
max_footnote_label (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tags[] = { gtk_text_tag_table_lookup (table, "footnote-ref"),
                         gtk_text_tag_table_lookup (table, "footnote-label") };
  guint max = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      GtkTextIter it;

      gtk_text_buffer_get_start_iter (buffer, &it);
      while (gtk_text_iter_forward_to_tag_toggle (&it, tags[t]))
        {
          GtkTextIter end = it;
          g_autofree char *label = NULL;

          if (!gtk_text_iter_starts_tag (&it, tags[t]))
            continue;
          gtk_text_iter_forward_to_tag_toggle (&end, tags[t]);
          label = gtk_text_iter_get_text (&it, &end);
          max = MAX (max, (guint) g_ascii_strtoull (label, NULL, 10));
          it = end;
        }
    }
  return max;
}

void
kl_body_buffer_insert_footnote (GtkTextBuffer *buffer)
{
  g_autofree char *label = NULL;
  GtkTextIter iter;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  label = g_strdup_printf ("%u", max_footnote_label (buffer) + 1);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  insert_tagged (buffer, &iter, label, "footnote-ref", NULL, NULL, NULL);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  insert_tagged (buffer, &iter, label, "footnote", "footnote-label", NULL, NULL);
  insert_tagged (buffer, &iter, " ", "footnote", NULL, NULL, NULL);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_end_user_action (buffer);
}

guint
kl_body_buffer_count_words (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  gboolean in_word = FALSE, counted = FALSE;
  guint words = 0;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), 0);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  /* Like Word: a word is a run of non-blank characters with a letter or digit in it,
   * so "91,5%" and "12.600" count once. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x2028)
        {
          in_word = FALSE;
          counted = FALSE;
          continue;
        }
      in_word = TRUE;
      if (!counted && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          words++;
          counted = TRUE;
        }
    }
  (void) in_word;
  return words;
}

/* --- tables ---------------------------------------------------------------------------- */

static gboolean
is_table_line (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter start;

  if (line < 0 || line >= gtk_text_buffer_get_line_count (buffer))
    return FALSE;
  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  return g_strcmp0 (line_kind (buffer, &start), "table") == 0;
}

static void
get_line_bounds (GtkTextBuffer *buffer,
                 int            line,
                 GtkTextIter   *start,
                 GtkTextIter   *end)
{
  gtk_text_buffer_get_iter_at_line (buffer, start, line);
  *end = *start;
  if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_to_line_end (end);
}

/* Header rows deleted: the text history keeps text, not the header band, so a deletion
 * holding a whole header row is remembered (where, its text, where the row starts in it)
 * to give the row its band again when undo puts that text back there. */
#define DELETED_HEADERS_MAX 50

typedef struct
{
  int   offset;
  char *text;
  int   row;   /* characters from @offset to the header row */
} DeletedHeader;

static void
deleted_header_free (gpointer data)
{
  DeletedHeader *deleted = data;

  g_free (deleted->text);
  g_free (deleted);
}

static GPtrArray *
deleted_headers (GtkTextBuffer *buffer)
{
  GPtrArray *list = g_object_get_data (G_OBJECT (buffer), "kl-deleted-headers");

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (deleted_header_free);
      g_object_set_data_full (G_OBJECT (buffer), "kl-deleted-headers", list, (GDestroyNotify) g_ptr_array_unref);
    }
  return list;
}

static void
on_delete_range (GtkTextBuffer *buffer,
                 GtkTextIter   *start,
                 GtkTextIter   *end)
{
  GtkTextTag *header = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "table-header");
  GtkTextIter line = *start;
  GPtrArray *list;
  DeletedHeader *deleted;

  if (is_loading (buffer))
    return;
  /* The first line starting in the range that is a header row, ending in it too. */
  if (!gtk_text_iter_starts_line (&line))
    gtk_text_iter_forward_line (&line);
  for (; gtk_text_iter_compare (&line, end) < 0; gtk_text_iter_forward_line (&line))
    {
      GtkTextIter line_end = line;

      if (!gtk_text_iter_has_tag (&line, header))
        continue;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      if (gtk_text_iter_compare (&line_end, end) > 0)
        return;
      break;
    }
  if (gtk_text_iter_compare (&line, end) >= 0)
    return;
  list = deleted_headers (buffer);
  deleted = g_new0 (DeletedHeader, 1);
  deleted->offset = gtk_text_iter_get_offset (start);
  deleted->text = gtk_text_iter_get_slice (start, end);
  deleted->row = gtk_text_iter_get_offset (&line) - deleted->offset;
  if (list->len >= DELETED_HEADERS_MAX)
    g_ptr_array_remove_index (list, 0);
  g_ptr_array_add (list, deleted);
}

/* The header row of text the history put back where a header row was deleted. */
static void
restore_header (GtkTextBuffer     *buffer,
                const GtkTextIter *start,
                const char        *text,
                int                len)
{
  GPtrArray *list = deleted_headers (buffer);
  int offset = gtk_text_iter_get_offset (start);

  for (guint i = list->len; i-- > 0;)
    {
      DeletedHeader *deleted = g_ptr_array_index (list, i);
      GtkTextIter ls, le;

      if (deleted->offset != offset || strlen (deleted->text) != (gsize) len
          || memcmp (deleted->text, text, len) != 0)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &ls, offset + deleted->row);
      get_line_bounds (buffer, gtk_text_iter_get_line (&ls), &ls, &le);
      gtk_text_buffer_apply_tag_by_name (buffer, "table-header", &ls, &le);
      return;
    }
}

/* Lines with TABs the text history puts back were table rows: give them their tag again. */
static void
tag_restored_rows (GtkTextBuffer *buffer,
                   GtkTextIter   *end,
                   const char    *text,
                   int            len)
{
  GtkTextIter start = *end;
  int first, last;

  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-history")))
    return;
  gtk_text_iter_backward_chars (&start, g_utf8_strlen (text, len));
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (end);
  for (int line = first; line <= last; line++)
    {
      GtkTextIter ls, le, probe;

      get_line_bounds (buffer, line, &ls, &le);
      probe = ls;
      if (line_kind (buffer, &ls) == NULL && find_tab (&probe, &le))
        gtk_text_buffer_apply_tag_by_name (buffer, "table", &ls, &le);
    }
  restore_header (buffer, &start, text, len);
  /* @end stays valid: tags do not move text. */
}

static PangoContext *
table_context (GtkTextBuffer *buffer)
{
  PangoContext *context = g_object_get_data (G_OBJECT (buffer), "kl-table-context");

  if (context == NULL)
    {
      /* No view told us its font (tests, scratch buffers): measure with the default one. */
      context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      g_object_set_data_full (G_OBJECT (buffer), "kl-table-context", context, g_object_unref);
    }
  return context;
}

void
kl_body_buffer_set_table_metrics (GtkTextBuffer *buffer,
                                  PangoContext  *context,
                                  int            width)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (context == NULL || PANGO_IS_CONTEXT (context));

  if (context != NULL)
    g_object_set_data_full (G_OBJECT (buffer), "kl-table-context", g_object_ref (context), g_object_unref);
  g_object_set_data (G_OBJECT (buffer), "kl-table-width", GINT_TO_POINTER (MAX (width, 0)));
  kl_body_buffer_layout_tables (buffer);
}

static gboolean
range_has_tag (GtkTextTag        *tag,
               const GtkTextIter *start,
               const GtkTextIter *end)
{
  GtkTextIter it = *start;

  if (gtk_text_iter_has_tag (&it, tag))
    return TRUE;
  return gtk_text_iter_forward_to_tag_toggle (&it, tag) && gtk_text_iter_compare (&it, end) < 0;
}

/* Widths in pixels of the widest cell of each column of the rows @first…@last, in bold
 * where the cell shows bold text (a bold run or the header row). */
static GArray *
measure_columns (GtkTextBuffer *buffer,
                 int            first,
                 int            last)
{
  GArray *widths = g_array_new (FALSE, TRUE, sizeof (int));
  PangoContext *context = table_context (buffer);
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) regular = NULL;
  g_autoptr(PangoFontDescription) bold = NULL;
  const PangoFontDescription *base = pango_context_get_font_description (context);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *bold_tag = gtk_text_tag_table_lookup (table, "bold");
  GtkTextTag *header_tag = gtk_text_tag_table_lookup (table, "table-header");
  int size;

  regular = base != NULL ? pango_font_description_copy (base) : pango_font_description_from_string ("Sans 11");
  size = pango_font_description_get_size (regular);
  if (size <= 0)
    size = 11 * PANGO_SCALE;
  pango_font_description_set_size (regular, (int) (size * TABLE_SCALE));
  bold = pango_font_description_copy (regular);
  pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);

  for (int line = first; line <= last; line++)
    {
      GtkTextIter cell, end;
      gboolean header;

      get_line_bounds (buffer, line, &cell, &end);
      header = line == first && gtk_text_iter_has_tag (&cell, header_tag);
      for (guint c = 0;; c++)
        {
          GtkTextIter cell_end = cell;
          gboolean tab = find_tab (&cell_end, &end);
          g_autofree char *text = gtk_text_iter_get_text (&cell, &cell_end);
          int width;

          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          pango_layout_set_font_description (layout, header || range_has_tag (bold_tag, &cell, &cell_end)
                                                     ? bold : regular);
          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_size (layout, &width, NULL);
          g_array_index (widths, int, c) = MAX (g_array_index (widths, int, c), MAX (width, TABLE_MIN_WIDTH));
          if (!tab)
            break;
          cell = cell_end;
          gtk_text_iter_forward_char (&cell);
        }
    }
  return widths;
}

/* Narrows the widest columns until they all fit in @room pixels (the others keep their width). */
static void
fit_columns (GArray *widths,
             int     room)
{
  int total = 0, low = 0, high = 0;

  for (guint c = 0; c < widths->len; c++)
    {
      total += g_array_index (widths, int, c);
      high = MAX (high, g_array_index (widths, int, c));
    }
  if (room <= 0 || total <= room)
    return;
  /* The largest cap with sum (min (width, cap)) <= room. */
  while (low < high)
    {
      int cap = (low + high + 1) / 2, sum = 0;

      for (guint c = 0; c < widths->len; c++)
        sum += MIN (g_array_index (widths, int, c), cap);
      if (sum <= room)
        low = cap;
      else
        high = cap - 1;
    }
  for (guint c = 0; c < widths->len; c++)
    g_array_index (widths, int, c) = MIN (g_array_index (widths, int, c), MAX (low, 1));
}

static gboolean
is_tabs_tag (GtkTextTag *tag)
{
  return g_object_get_data (G_OBJECT (tag), "kl-table-tabs") != NULL;
}

static void
collect_tabs_tag (GtkTextTag *tag,
                  gpointer    data)
{
  if (is_tabs_tag (tag))
    g_ptr_array_add (data, tag);
}

static gboolean
tag_is_used (GtkTextBuffer *buffer,
             GtkTextTag    *tag)
{
  GtkTextIter it;

  gtk_text_buffer_get_start_iter (buffer, &it);
  return gtk_text_iter_has_tag (&it, tag) || gtk_text_iter_forward_to_tag_toggle (&it, tag);
}

/* The tag holding the tab stops of the table starting at @start: the one it has, unless an
 * earlier table took it (a table split in two), else an unused one, else a new one. */
static GtkTextTag *
table_tabs_tag (GtkTextBuffer     *buffer,
                const GtkTextIter *start,
                GPtrArray         *all,
                GHashTable        *taken)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autoptr(GSList) tags = gtk_text_iter_get_tags (start);
  GtkTextTag *tag;

  for (GSList *l = tags; l != NULL; l = l->next)
    if (is_tabs_tag (l->data) && !g_hash_table_contains (taken, l->data))
      return l->data;
  for (guint i = 0; i < all->len; i++)
    {
      tag = g_ptr_array_index (all, i);
      if (!g_hash_table_contains (taken, tag) && !tag_is_used (buffer, tag))
        return tag;
    }
  tag = gtk_text_tag_new (NULL);
  g_object_set_data (G_OBJECT (tag), "kl-table-tabs", GINT_TO_POINTER (TRUE));
  gtk_text_tag_table_add (table, tag);
  g_object_unref (tag);
  g_ptr_array_add (all, tag);
  return tag;
}

static gboolean
tabs_equal (PangoTabArray *a,
            PangoTabArray *b)
{
  int n;

  if (a == NULL || b == NULL)
    return a == b;
  n = pango_tab_array_get_size (a);
  if (n != pango_tab_array_get_size (b))
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      int pa, pb;

      pango_tab_array_get_tab (a, i, NULL, &pa);
      pango_tab_array_get_tab (b, i, NULL, &pb);
      if (pa != pb)
        return FALSE;
    }
  return TRUE;
}

/* Tab stops, header row and row bands of the table on lines @first…@last. */
static void
layout_table (GtkTextBuffer *buffer,
              int            first,
              int            last,
              GPtrArray     *all_tabs,
              GHashTable    *taken)
{
  g_autoptr(GArray) widths = measure_columns (buffer, first, last);
  g_autoptr(PangoTabArray) tabs = NULL;
  PangoTabArray *old = NULL;
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *header = gtk_text_tag_table_lookup (table, "table-header");
  GtkTextTag *tag;
  GtkTextIter start, end, ls, le;
  int width = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (buffer), "kl-table-width"));
  int room = width - TABLE_INDENT - (int) widths->len * TABLE_CELL_GAP;
  int natural = 0, pos = 0;
  double scale = TABLE_SCALE, old_scale = 0;
  gboolean has_header;

  /* Too wide: smaller text first, then the widest columns narrower (their longest cells
   * push the rest of their row one column on). */
  for (guint c = 0; c < widths->len; c++)
    natural += g_array_index (widths, int, c);
  if (width > 0 && room > 0 && natural > room)
    {
      double shrink = MAX ((double) room / natural, TABLE_MIN_SCALE / TABLE_SCALE);

      scale = TABLE_SCALE * shrink;
      for (guint c = 0; c < widths->len; c++)
        g_array_index (widths, int, c) = (int) (g_array_index (widths, int, c) * shrink + 0.5);
    }
  fit_columns (widths, width > 0 ? room : 0);
  tabs = pango_tab_array_new (MAX ((int) widths->len - 1, 1), TRUE);
  for (guint c = 0; c + 1 < widths->len; c++)
    {
      pos += g_array_index (widths, int, c) + TABLE_CELL_GAP;
      pango_tab_array_set_tab (tabs, c, PANGO_TAB_LEFT, pos);
    }

  gtk_text_buffer_get_iter_at_line (buffer, &start, first);
  get_line_bounds (buffer, last, &ls, &end);
  tag = table_tabs_tag (buffer, &start, all_tabs, taken);
  g_hash_table_add (taken, tag);
  g_object_get (tag, "tabs", &old, NULL);
  if (!tabs_equal (old, tabs))
    g_object_set (tag, "tabs", tabs, NULL);
  g_clear_pointer (&old, pango_tab_array_free);
  g_object_get (tag, "scale", &old_scale, NULL);
  if (old_scale != scale)
    g_object_set (tag, "scale", scale, NULL);
  for (guint i = 0; i < all_tabs->len; i++)
    if (g_ptr_array_index (all_tabs, i) != tag)
      gtk_text_buffer_remove_tag (buffer, g_ptr_array_index (all_tabs, i), &start, &end);

  /* Only the first row can be the header; the bands count the rows below it. */
  has_header = gtk_text_iter_has_tag (&start, header);
  gtk_text_buffer_remove_tag (buffer, header, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "table-row-alt", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "table-last", &start, &end);
  for (int line = first; line <= last; line++)
    {
      get_line_bounds (buffer, line, &ls, &le);
      /* The whole line (a row split by Enter has the tag on its cells only), not its
       * newline: a line opened after a row is no row. */
      gtk_text_buffer_apply_tag_by_name (buffer, "table", &ls, &le);
      gtk_text_buffer_apply_tag (buffer, tag, &ls, &le);
      if (line == first && has_header)
        gtk_text_buffer_apply_tag (buffer, header, &ls, &le);
      else if ((line - first - (has_header ? 1 : 0)) % 2 == 1)
        gtk_text_buffer_apply_tag_by_name (buffer, "table-row-alt", &ls, &le);
      if (line == last)
        gtk_text_buffer_apply_tag_by_name (buffer, "table-last", &ls, &le);
      if (line < last)
        {
          ls = le;
          gtk_text_iter_forward_line (&ls);
          gtk_text_buffer_remove_tag (buffer, tag, &le, &ls);
          gtk_text_buffer_remove_tag_by_name (buffer, "table", &le, &ls);
        }
    }
}

void
kl_body_buffer_layout_tables (GtkTextBuffer *buffer)
{
  g_autoptr(GPtrArray) all_tabs = g_ptr_array_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);
  int n_lines;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  g_object_set_data (G_OBJECT (buffer), "kl-table-idle", NULL);
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), collect_tabs_tag, all_tabs);
  n_lines = gtk_text_buffer_get_line_count (buffer);
  for (int line = 0; line < n_lines; line++)
    {
      int last = line;

      if (!is_table_line (buffer, line))
        continue;
      while (is_table_line (buffer, last + 1))
        last++;
      layout_table (buffer, line, last, all_tabs, taken);
      line = last;
    }
}

static gboolean
table_layout_idle (gpointer data)
{
  GtkTextBuffer *buffer = data;

  g_object_steal_data (G_OBJECT (buffer), "kl-table-idle");
  kl_body_buffer_layout_tables (buffer);
  return G_SOURCE_REMOVE;
}

static void
remove_source (gpointer data)
{
  g_source_remove (GPOINTER_TO_UINT (data));
}

/* Before GTK lays out and draws the change (G_PRIORITY_HIGH_IDLE + 10 and + 20), so a row
 * is never drawn with the old tab stops. The source goes with the buffer. */
static void
schedule_table_layout (GtkTextBuffer *buffer)
{
  guint id;

  if (is_loading (buffer) || g_object_get_data (G_OBJECT (buffer), "kl-table-idle") != NULL)
    return;
  id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, table_layout_idle, buffer, NULL);
  g_object_set_data_full (G_OBJECT (buffer), "kl-table-idle", GUINT_TO_POINTER (id), remove_source);
}

/* Selects the cell starting at @cell_start (the cursor at its end, like Word's Tab). */
static void
select_cell (GtkTextBuffer     *buffer,
             const GtkTextIter *cell_start)
{
  GtkTextIter end = *cell_start, line_end;

  get_line_bounds (buffer, gtk_text_iter_get_line (cell_start), &line_end, &line_end);
  find_tab (&end, &line_end);
  gtk_text_buffer_select_range (buffer, &end, cell_start);
}

/* Start of the last cell of @line. */
static void
last_cell_start (GtkTextBuffer *buffer,
                 int            line,
                 GtkTextIter   *iter)
{
  GtkTextIter ls;

  get_line_bounds (buffer, line, &ls, iter);
  if (gtk_text_iter_backward_find_char (iter, is_tab, NULL, &ls))
    gtk_text_iter_forward_char (iter);
  else
    *iter = ls;
}

static guint
count_cells (GtkTextBuffer *buffer,
             int            line)
{
  GtkTextIter it, end;
  guint cells = 1;

  get_line_bounds (buffer, line, &it, &end);
  while (find_tab (&it, &end))
    {
      cells++;
      gtk_text_iter_forward_char (&it);
    }
  return cells;
}

/* Adds an empty row as wide as the widest row of the table below its row on @line, the
 * cursor in its first cell. */
static void
add_row_below (GtkTextBuffer *buffer,
               int            line)
{
  GtkTextIter iter;
  guint columns = 0;
  g_autofree char *row = NULL;

  for (int l = line; is_table_line (buffer, l); l--)
    columns = MAX (columns, count_cells (buffer, l));
  for (int l = line + 1; is_table_line (buffer, l); l++)
    columns = MAX (columns, count_cells (buffer, l));
  row = g_strnfill (MAX (columns, 2) - 1, '\t');
  get_line_bounds (buffer, line, &iter, &iter);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  insert_tagged (buffer, &iter, row, "table", NULL, NULL, NULL);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line + 1);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

gboolean
kl_body_buffer_next_cell (GtkTextBuffer *buffer,
                          gboolean       forward)
{
  GtkTextIter iter, ls, le;
  int line;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&iter);
  if (!is_table_line (buffer, line))
    return FALSE;
  get_line_bounds (buffer, line, &ls, &le);

  if (forward)
    {
      if (find_tab (&iter, &le))
        {
          gtk_text_iter_forward_char (&iter);
          select_cell (buffer, &iter);
        }
      else if (is_table_line (buffer, line + 1))
        {
          gtk_text_buffer_get_iter_at_line (buffer, &iter, line + 1);
          select_cell (buffer, &iter);
        }
      else
        add_row_below (buffer, line);
      return TRUE;
    }

  /* The TAB before the cursor's cell ends the previous cell. */
  if (gtk_text_iter_backward_find_char (&iter, is_tab, NULL, &ls))
    {
      GtkTextIter prev = iter;

      if (gtk_text_iter_backward_find_char (&prev, is_tab, NULL, &ls))
        gtk_text_iter_forward_char (&prev);
      else
        prev = ls;
      select_cell (buffer, &prev);
    }
  else if (is_table_line (buffer, line - 1))
    {
      last_cell_start (buffer, line - 1, &iter);
      select_cell (buffer, &iter);
    }
  return TRUE;
}

gboolean
kl_body_buffer_table_newline (GtkTextBuffer *buffer)
{
  GtkTextIter iter;
  int line;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&iter);
  if (!is_table_line (buffer, line)
      || (gtk_text_iter_ends_line (&iter) && !is_table_line (buffer, line + 1)))
    return FALSE;
  add_row_below (buffer, line);
  return TRUE;
}

void
kl_body_buffer_insert_table (GtkTextBuffer *buffer,
                             guint          rows,
                             guint          columns)
{
  GtkTextIter iter;
  g_autofree char *cells = NULL;
  int first;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (rows >= 1);

  /* One column would be rows without a TAB: empty lines, which are no rows. */
  cells = g_strnfill (MAX (columns, 2) - 1, '\t');
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  first = gtk_text_iter_get_line (&iter);
  /* Inside a table: after it, not in its middle. */
  while (is_table_line (buffer, first + 1))
    first++;
  if (first != gtk_text_iter_get_line (&iter))
    get_line_bounds (buffer, first, &iter, &iter);
  gtk_text_buffer_begin_user_action (buffer);
  /* On a line of its own, after the line holding the cursor (or on it when empty). */
  if (!gtk_text_iter_ends_line (&iter) || !gtk_text_iter_starts_line (&iter) || is_table_line (buffer, first))
    {
      if (!gtk_text_iter_ends_line (&iter))
        gtk_text_iter_forward_to_line_end (&iter);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
    }
  /* Rows right below a table would join it: a blank line apart. */
  if (is_table_line (buffer, gtk_text_iter_get_line (&iter) - 1))
    gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  first = gtk_text_iter_get_line (&iter);
  for (guint r = 0; r < rows; r++)
    {
      if (r > 0)
        gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      insert_tagged (buffer, &iter, cells, "table", r == 0 ? "table-header" : NULL, NULL, NULL);
    }
  if (is_table_line (buffer, gtk_text_iter_get_line (&iter) + 1))
    gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, first);
  gtk_text_buffer_place_cursor (buffer, &iter);
  kl_body_buffer_layout_tables (buffer);
}

/* --- embeds ---------------------------------------------------------------------------- */

static void
insert_embed_char (GtkTextBuffer *buffer,
                   GtkTextIter   *iter,
                   KlEmbedKind    kind,
                   guint          report)
{
  char object[8];

  if (encode_embed (kind, report, object))
    insert_tagged (buffer, iter, object, "embed-object", NULL, NULL, NULL);
}

void
kl_body_buffer_insert_embed (GtkTextBuffer *buffer,
                             KlEmbedKind    kind,
                             guint          report)
{
  GtkTextIter iter;
  int line;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (kind < KL_EMBED_N_KINDS);
  g_return_if_fail (report >= 1 && report < EMBED_REPORTS);

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&iter);
  gtk_text_buffer_begin_user_action (buffer);
  if (is_table_line (buffer, line))
    {
      /* After the table, not in its middle. */
      while (is_table_line (buffer, line + 1))
        line++;
      get_line_bounds (buffer, line, &iter, &iter);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
    }
  else if (gtk_text_iter_starts_line (&iter) && !gtk_text_iter_ends_line (&iter))
    {
      /* At the start of a paragraph: before it. */
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      gtk_text_iter_backward_char (&iter);
    }
  else if (!gtk_text_iter_ends_line (&iter) || !gtk_text_iter_starts_line (&iter))
    {
      if (!gtk_text_iter_ends_line (&iter))
        gtk_text_iter_forward_to_line_end (&iter);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
    }
  insert_embed_char (buffer, &iter, kind, report);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

void
kl_body_buffer_set_embed (GtkTextBuffer     *buffer,
                          const GtkTextIter *iter,
                          KlEmbedKind        kind,
                          guint              report)
{
  GtkTextIter start, end;
  KlEmbedKind old_kind;
  guint old_report;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (iter != NULL);
  g_return_if_fail (kind < KL_EMBED_N_KINDS);
  g_return_if_fail (report >= 1 && report < EMBED_REPORTS);

  if (!kl_body_buffer_get_embed (iter, &old_kind, &old_report)
      || (old_kind == kind && old_report == report))
    return;
  start = end = *iter;
  gtk_text_iter_forward_char (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  insert_embed_char (buffer, &start, kind, report);
  gtk_text_buffer_end_user_action (buffer);
}

gboolean
kl_body_buffer_backspace (GtkTextBuffer *buffer)
{
  GtkTextIter iter, start, end;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  if (!gtk_text_iter_starts_line (&iter) || !gtk_text_iter_backward_line (&iter)
      || !kl_body_buffer_get_embed (&iter, NULL, NULL))
    return FALSE;
  end = iter;
  gtk_text_iter_forward_char (&end);
  if (!gtk_text_iter_ends_line (&end))
    return FALSE;
  kl_body_buffer_remove_embed (buffer, &iter);
  return TRUE;
}

void
kl_body_buffer_remove_embed (GtkTextBuffer     *buffer,
                             const GtkTextIter *iter)
{
  GtkTextIter start, end;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (iter != NULL);

  if (!kl_body_buffer_get_embed (iter, NULL, NULL))
    return;
  start = end = *iter;
  gtk_text_iter_forward_char (&end);
  /* Alone on its line: the line goes too (the line break after it, or before it at the end). */
  if (gtk_text_iter_starts_line (&start) && gtk_text_iter_ends_line (&end))
    {
      if (!gtk_text_iter_is_end (&end))
        gtk_text_iter_forward_char (&end);
      else if (!gtk_text_iter_is_start (&start))
        gtk_text_iter_backward_char (&start);
    }
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
}
