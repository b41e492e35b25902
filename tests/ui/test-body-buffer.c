/* test-body-buffer.c: the body editor shows markup as tags and writes the same markup back. */
#include <adwaita.h>
#include "kl-body-buffer.h"
#include "kl-markup.h"

static GtkTextBuffer *
new_buffer (void)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  kl_body_buffer_init_tags (buffer);
  return buffer;
}

static char *
canonical (const char *text)
{
  g_autoptr(KlMarkup) tree = kl_markup_parse (text);
  return kl_markup_write (tree);
}

static void
test_round_trip (void)
{
  const char *text =
    "## I. VỀ KINH TẾ\n\n"
    "### 1. Nông nghiệp\n\n"
    "Sản lượng lương thực đạt **12.600 tấn**, vượt *kế hoạch*[^1].\n\n"
    "#### 1.1. Trồng trọt\n\n"
    "- Diện tích chè mới 40 ha;\n\n"
    "+ trong đó chè giống mới 12 ha.\n\n"
    "(1) Tỷ lệ hộ nghèo còn 3,5%.\n\n"
    "[^1]: Số liệu ước đến 15/12.\n";
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  g_autofree char *expected = canonical (text);
  g_autofree char *got = NULL;
  g_autofree char *got_canonical = NULL;

  kl_body_buffer_set_markup (buffer, text);
  got = kl_body_buffer_get_markup (buffer);
  got_canonical = canonical (got);
  g_assert_cmpstr (got_canonical, ==, expected);
  /* The buffer shows text, not syntax. */
  {
    GtkTextIter start, end;
    g_autofree char *shown = NULL;
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_iter_get_text (&start, &end);
    g_assert_null (strstr (shown, "**"));
    g_assert_null (strstr (shown, "##"));
    g_assert_nonnull (strstr (shown, "12.600 tấn"));
  }
}

static void
test_bold_and_heading (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter start, end;
  g_autofree char *markup = NULL;

  gtk_text_buffer_set_text (buffer, "Kết luận hội nghị\nNội dung chính", -1);
  /* Bold the word "hội" on the first line. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 9);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 0, 12);
  gtk_text_buffer_select_range (buffer, &start, &end);
  kl_body_buffer_toggle_tag (buffer, "bold");
  /* Second line becomes a clause heading. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_place_cursor (buffer, &start);
  kl_body_buffer_set_para_style (buffer, KL_PARA_H3);
  g_assert_cmpint (kl_body_buffer_get_para_style (buffer), ==, KL_PARA_H3);

  markup = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (markup, ==, "Kết luận **hội** nghị\n\n### Nội dung chính\n");

  /* Toggling again removes the bold. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 9);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 0, 12);
  gtk_text_buffer_select_range (buffer, &start, &end);
  kl_body_buffer_toggle_tag (buffer, "bold");
  g_free (markup);
  markup = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (markup, ==, "Kết luận hội nghị\n\n### Nội dung chính\n");
}

static void
test_typing_in_heading_keeps_style (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;
  g_autofree char *markup = NULL;

  kl_body_buffer_set_markup (buffer, "## II. VỀ XÃ HỘI\n");
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, " VÀ MÔI TRƯỜNG", -1);
  markup = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (markup, ==, "## II. VỀ XÃ HỘI VÀ MÔI TRƯỜNG\n");
}

static void
test_footnote_and_words (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;
  g_autofree char *markup = NULL;
  g_autoptr(KlMarkup) tree = NULL;

  gtk_text_buffer_set_text (buffer, "Thu ngân sách đạt 91,5%", -1);
  g_assert_cmpuint (kl_body_buffer_count_words (buffer), ==, 5);
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  kl_body_buffer_insert_footnote (buffer);
  gtk_text_buffer_insert_at_cursor (buffer, "Dự toán tỉnh giao.", -1);
  markup = kl_body_buffer_get_markup (buffer);
  tree = kl_markup_parse (markup);
  g_assert_nonnull (kl_markup_find_footnote (tree, "1"));
  g_assert_nonnull (strstr (markup, "91,5%[^1]"));
  g_assert_nonnull (strstr (markup, "[^1]: Dự toán tỉnh giao."));
}

static char *
markup_of (GtkTextBuffer *buffer)
{
  return kl_body_buffer_get_markup (buffer);
}

/* Ctrl+Z walks back typing and formatting in the order they were made; Ctrl+Shift+Z
 * forward again (GtkTextBuffer's own history keeps only the text). */
static void
test_undo_formatting (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter start, end;
  /* The markup's blank line between paragraphs is one buffer line break. */
  const char *steps[] = {
    "Kết luận hội nghị\n\nNội dung chính\n",
    "Kết luận hội nghị\n\nNội dung chính thức\n",
    "Kết luận **hội** nghị\n\nNội dung chính thức\n",
    "Kết luận **hội** nghị\n\n### Nội dung chính thức\n",
    "Kết luận **hội** nghị xong\n\n### Nội dung chính thức\n",
  };

  kl_body_buffer_set_markup (buffer, "Kết luận hội nghị\n\nNội dung chính\n");
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  {
    g_autofree char *m = markup_of (buffer);
    g_assert_cmpstr (m, ==, steps[0]);
  }

  /* 1: type */
  gtk_text_buffer_get_iter_at_line (buffer, &end, 1);
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, " thức", -1);
  gtk_text_buffer_end_user_action (buffer);
  /* 2: bold "hội" */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 9);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 0, 12);
  gtk_text_buffer_select_range (buffer, &start, &end);
  kl_body_buffer_toggle_tag (buffer, "bold");
  /* 3: heading */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_place_cursor (buffer, &start);
  kl_body_buffer_set_para_style (buffer, KL_PARA_H3);
  /* 4: type again */
  gtk_text_buffer_get_iter_at_line (buffer, &end, 0);
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, " xong", -1);
  gtk_text_buffer_end_user_action (buffer);
  {
    g_autofree char *m = markup_of (buffer);
    g_assert_cmpstr (m, ==, steps[4]);
  }
  for (int i = 3; i >= 0; i--)
    {
      g_autofree char *m = NULL;

      g_assert_true (gtk_text_buffer_get_can_undo (buffer));
      gtk_text_buffer_undo (buffer);
      m = markup_of (buffer);
      g_assert_cmpstr (m, ==, steps[i]);
    }
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *m = NULL;

      gtk_text_buffer_redo (buffer);
      m = markup_of (buffer);
      g_assert_cmpstr (m, ==, steps[i]);
    }
}

/* Bold right after opening: the text history is empty, the formatting is still undone. */
static void
test_undo_first_formatting (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter start, end;
  g_autofree char *bold = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *again = NULL;

  kl_body_buffer_set_markup (buffer, "Kết luận hội nghị\n");
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  g_assert_false (kl_body_buffer_can_undo (buffer));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 0);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 0, 8);
  gtk_text_buffer_select_range (buffer, &start, &end);
  kl_body_buffer_toggle_tag (buffer, "bold");
  bold = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (bold, ==, "**Kết luận** hội nghị\n");
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));
  g_assert_true (kl_body_buffer_can_undo (buffer));
  g_assert_true (kl_body_buffer_undo (buffer));
  plain = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (plain, ==, "Kết luận hội nghị\n");
  g_assert_false (kl_body_buffer_undo (buffer));
  g_assert_true (kl_body_buffer_can_redo (buffer));
  g_assert_true (kl_body_buffer_redo (buffer));
  again = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (again, ==, "**Kết luận** hội nghị\n");
}

/* The plain text of block @index of @markup, table cells included. */
static char *
block_text (const char *markup,
            guint       index)
{
  g_autoptr(KlMarkup) tree = kl_markup_parse (markup);
  KlBlock *block;
  GString *text = g_string_new (NULL);

  g_assert_cmpuint (index, <, tree->blocks->len);
  block = g_ptr_array_index (tree->blocks, index);
  if (block->runs != NULL)
    {
      g_autofree char *plain = kl_runs_to_plain (block->runs);
      g_string_append (text, plain);
    }
  for (guint r = 0; block->rows != NULL && r < block->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (block->rows, r);
      for (guint c = 0; c < cells->len; c++)
        {
          g_autofree char *plain = kl_runs_to_plain (g_ptr_array_index (cells, c));
          g_string_append_printf (text, "%s|", plain);
        }
    }
  if (block->type == KL_BLOCK_EMBED)
    g_string_append_printf (text, "{{%s %u}}", block->label, block->embed_index);
  return g_string_free (text, FALSE);
}

static guint
block_of (GtkTextBuffer *buffer,
          const char    *needle)
{
  GtkTextIter start, match, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, 0, &match, &match_end, NULL));
  /* Anywhere on the line: its end too. */
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &match), ==, kl_body_buffer_get_block_at (buffer, &match_end));
  return kl_body_buffer_get_block_at (buffer, &match_end);
}

/* The preview follows the cursor by the index of its block in the markup written back. */
static void
test_block_at (void)
{
  const char *text =
    "## I. VỀ KINH TẾ\n\n"
    "Sản lượng lương thực đạt **12.600 tấn**[^1],\\\n"
    "vượt kế hoạch.\n\n"
    "| TT | Chỉ tiêu |\n|---|---|\n| 1 | Lúa gạo |\n| 2 | Ngô khoai |\n\n"
    "{{targets 1}}\n\n"
    "- Diện tích chè mới 40 ha;\n\n"
    "| A | B |\n\n"
    "Đoạn cuối.\n\n"
    "[^1]: Số liệu ước đến 15/12.\n";
  /* Text shown in the buffer, and the text of the block holding it. */
  static const struct { const char *needle; guint block; const char *in_block; } cases[] = {
    { "VỀ KINH TẾ", 0, "VỀ KINH TẾ" },
    { "vượt kế hoạch", 1, "vượt kế hoạch" },
    { "Chỉ tiêu", 2, "Chỉ tiêu|" },
    { "Ngô khoai", 2, "Ngô khoai|" },
    { "{{targets 1}}", 3, "{{targets 1}}" },
    { "chè mới", 4, "chè mới" },
    { "| A |", 5, "A|B|" },
    { "Đoạn cuối", 6, "Đoạn cuối" },
    { "ước đến", 7, "ước đến" },
  };
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  g_autofree char *written = NULL;
  GtkTextIter iter;

  kl_body_buffer_set_markup (buffer, text);
  written = kl_body_buffer_get_markup (buffer);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *in_block = NULL;

      g_assert_cmpuint (block_of (buffer, cases[i].needle), ==, cases[i].block);
      in_block = block_text (written, cases[i].block);
      g_assert_nonnull (strstr (in_block, cases[i].in_block));
    }

  /* A new paragraph typed after the heading moves the blocks after it; its empty line
   * while it is being started counts as the block before it. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &iter), ==, 0);
  gtk_text_buffer_insert (buffer, &iter, "Đoạn mới", -1);
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &iter), ==, 1);
  g_assert_cmpuint (block_of (buffer, "Đoạn cuối"), ==, 7);

  /* A blank line ends a table: the rows after it are a new block. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "| 1 |", 0, &iter, NULL, NULL));
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  g_assert_cmpuint (block_of (buffer, "Ngô khoai"), ==, 4);
  g_assert_cmpuint (block_of (buffer, "Đoạn cuối"), ==, 8);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/ui/body-buffer/round-trip", test_round_trip);
  g_test_add_func ("/ui/body-buffer/bold-and-heading", test_bold_and_heading);
  g_test_add_func ("/ui/body-buffer/typing-in-heading", test_typing_in_heading_keeps_style);
  g_test_add_func ("/ui/body-buffer/footnote-and-words", test_footnote_and_words);
  g_test_add_func ("/ui/body-buffer/undo-formatting", test_undo_formatting);
  g_test_add_func ("/ui/body-buffer/undo-first-formatting", test_undo_first_formatting);
  g_test_add_func ("/ui/body-buffer/block-at", test_block_at);
  return g_test_run ();
}
