/* test-body-buffer.c: the body editor shows markup as tags and writes the same markup back. */
#include <adwaita.h>
#include "kl-body-buffer.h"
#include "kl-editor.h"
#include "kl-resources.h"
#include "kl-markup.h"
#include "kl-embed-cards.h"
#include "kl-report.h"

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
  if (needle == NULL)
    {
      /* The first embed: one character. */
      gtk_text_buffer_get_end_iter (buffer, &match_end);
      g_assert_true (kl_body_buffer_find_embed (&start, &match_end));
      match = match_end = start;
      gtk_text_iter_forward_char (&match_end);
    }
  else
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
  /* Text shown in the buffer (NULL: the embed), and the text of the block holding it. */
  static const struct { const char *needle; guint block; const char *in_block; } cases[] = {
    { "VỀ KINH TẾ", 0, "VỀ KINH TẾ" },
    { "vượt kế hoạch", 1, "vượt kế hoạch" },
    { "Chỉ tiêu", 2, "Chỉ tiêu|" },
    { "Ngô khoai", 2, "Ngô khoai|" },
    { NULL, 3, "{{targets 1}}" },
    { "chè mới", 4, "chè mới" },
    { "A\tB", 5, "A|B|" },
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
  g_assert_true (gtk_text_iter_forward_search (&iter, "1\tLúa gạo", 0, &iter, NULL, NULL));
  gtk_text_buffer_insert (buffer, &iter, "\n", 1);
  g_assert_cmpuint (block_of (buffer, "Ngô khoai"), ==, 4);
  g_assert_cmpuint (block_of (buffer, "Đoạn cuối"), ==, 8);
}

/* --- tables --------------------------------------------------------------------------- */

/* Tables as the seeds have them: a header row, bold group rows, empty cells, rows with
 * missing cells, a literal bar, a cell of dashes. */
static const char *seed_table =
  "| TT | Chỉ tiêu | ĐVT | Kế hoạch năm 2023 | TH năm 2023 | TH/KH (%) |\n"
  "|---|---|---|---|---|---|\n"
  "| 1 | **Thu nhập bình quân đầu người** | Triệu đồng | 27.60 | 27.60 | 100 |\n"
  "| 2 | **Các chỉ tiêu nông nghiệp, nông thôn mới** | | | | |\n"
  "| 2.1 | Tổng sản lượng lương thực | Tấn | >17600 | 17.501 | Đạt |\n"
  "| | Tỷ lệ Trường học xây dựng kiên cố. | % | Duy trì 101 | 100 | 100 |\n"
  "| 2.2 | Duy trì xã đạt chuẩn NTM | Xã |\n"
  "| 3 | A \\| B | \\--- | 03 (lũy kế 03) | *ước* | \\- |\n";

static void
assert_markup (GtkTextBuffer *buffer,
               const char    *expected)
{
  g_autofree char *markup = kl_body_buffer_get_markup (buffer);

  g_assert_cmpstr (markup, ==, expected);
}

static char *
shown_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static char *
line_text (GtkTextBuffer *buffer,
           int            line)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  return gtk_text_iter_get_text (&start, &end);
}

static char *
selected_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static void
place_at (GtkTextBuffer *buffer,
          int            line,
          int            offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, line, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

/* Typing as the view does it: one user action replacing the selection. */
static void
type_text (GtkTextBuffer *buffer,
           const char    *text)
{
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

/* The tab stops (in pixels) of the row on @line, or NULL. */
static PangoTabArray *
row_tabs (GtkTextBuffer *buffer,
          int            line)
{
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      PangoTabArray *tabs = NULL;
      gboolean set = FALSE;

      g_object_get (l->data, "tabs-set", &set, NULL);
      if (!set)
        continue;
      g_object_get (l->data, "tabs", &tabs, NULL);
      return tabs;
    }
  return NULL;
}

static int
tab_stop (PangoTabArray *tabs,
          int            index)
{
  int pos;

  g_assert_true (pango_tab_array_get_positions_in_pixels (tabs));
  pango_tab_array_get_tab (tabs, index, NULL, &pos);
  return pos;
}

/* Seed-like tables come back exactly as they went in (the writer's form), and other
 * spellings of them in the form the writer gives them. */
static void
test_table_round_trip (void)
{
  const char *texts[] = {
    seed_table,
    "Đoạn trước.\n\n| A | B |\n| 1 | 2 |\n\n| C | D |\n|---|---|\n| 3 | 4 |\n\nĐoạn sau.\n",
    "| Một cột |\n| hai |\n",
    /* the seeds' TAB form, with a row of one cell and a row of empty cells */
    "TT\tChỉ tiêu\tĐVT\n1\t**Thu ngân sách**\tTỷ đồng\n2\n\t\t\n3\tTrồng rừng mới\tha\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GtkTextBuffer) buffer = new_buffer ();
      g_autofree char *expected = canonical (texts[i]);
      g_autofree char *got = NULL;
      g_autofree char *shown = NULL;

      kl_body_buffer_set_markup (buffer, texts[i]);
      got = kl_body_buffer_get_markup (buffer);
      g_assert_cmpstr (got, ==, expected);
      /* Twice: what was saved is read back the same. */
      kl_body_buffer_set_markup (buffer, got);
      g_free (got);
      got = kl_body_buffer_get_markup (buffer);
      g_assert_cmpstr (got, ==, expected);
      shown = shown_text (buffer);
      g_assert_null (strstr (shown, "|---"));
      /* No row starts or ends with a bar (the seed's "A \| B" is a bar in a cell). */
      g_assert_false (g_str_has_prefix (shown, "|"));
      g_assert_null (strstr (shown, "\n|"));
      g_assert_null (strstr (shown, "|\n"));
      g_assert_null (strstr (shown, "**"));
    }
  {
    g_autoptr(GtkTextBuffer) buffer = new_buffer ();
    g_autofree char *got = NULL;
    g_autofree char *row = NULL;

    kl_body_buffer_set_markup (buffer, seed_table);
    got = kl_body_buffer_get_markup (buffer);
    g_assert_cmpstr (got, ==, seed_table);
    /* Cells apart by TABs; the short row keeps its three cells. */
    row = line_text (buffer, 0);
    g_assert_cmpstr (row, ==, "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2023\tTH năm 2023\tTH/KH (%)");
    g_free (row);
    row = line_text (buffer, 5);
    g_assert_cmpstr (row, ==, "2.2\tDuy trì xã đạt chuẩn NTM\tXã");
    g_free (row);
    row = line_text (buffer, 6);
    g_assert_cmpstr (row, ==, "3\tA | B\t---\t03 (lũy kế 03)\tước\t-");
  }
}

/* The header row is bold, the columns line up on tab stops as wide as their widest cell. */
static void
test_table_layout (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextTag *header = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "table-header");
  g_autoptr(PangoTabArray) narrow = NULL;
  g_autoptr(PangoTabArray) wide = NULL;
  g_autoptr(PangoTabArray) second = NULL;
  GtkTextIter iter;
  int before;

  kl_body_buffer_set_markup (buffer,
                             "| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 1 | Lúa | Tấn |\n\n"
                             "Giữa hai bảng.\n\n"
                             "| Giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng | % | 2 |\n| 1 | 2 | 3 |\n");
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 0, 4);
  g_assert_true (gtk_text_iter_has_tag (&iter, header));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 4);
  g_assert_false (gtk_text_iter_has_tag (&iter, header));

  narrow = row_tabs (buffer, 0);
  second = row_tabs (buffer, 1);
  wide = row_tabs (buffer, 3);
  g_assert_nonnull (narrow);
  g_assert_nonnull (wide);
  g_assert_nonnull (second);
  /* One stop per column after the first, increasing; the rows of a table share them. */
  g_assert_cmpint (pango_tab_array_get_size (narrow), ==, 2);
  g_assert_cmpint (tab_stop (narrow, 0), >, 0);
  g_assert_cmpint (tab_stop (narrow, 1), >, tab_stop (narrow, 0));
  g_assert_cmpint (tab_stop (second, 1), ==, tab_stop (narrow, 1));
  /* A long first cell pushes its table's columns right, not the other table's. */
  g_assert_cmpint (tab_stop (wide, 0), >, 2 * tab_stop (narrow, 0));

  /* Typing a longer text in a cell moves the next column once laid out again. */
  before = tab_stop (narrow, 0);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 1, 1);
  gtk_text_buffer_insert (buffer, &iter, " — một số rất dài", -1);
  kl_body_buffer_layout_tables (buffer);
  g_clear_pointer (&narrow, pango_tab_array_free);
  narrow = row_tabs (buffer, 0);
  g_assert_cmpint (tab_stop (narrow, 0), >, before);

  /* Narrowed to the width it is given. */
  kl_body_buffer_set_table_metrics (buffer, NULL, 200);
  g_clear_pointer (&wide, pango_tab_array_free);
  wide = row_tabs (buffer, 3);
  g_assert_cmpint (tab_stop (wide, 1), <=, 200);
}

/* Text typed in a cell is that cell's; Tab selects the next cell, at the end adds a row. */
static void
test_table_tab_navigation (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  g_autofree char *sel = NULL;

  kl_body_buffer_set_markup (buffer, "Đoạn đầu.\n\n| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 1 | Lúa | Tấn |\n| 2 | Ngô |\n");
  /* Not in a table: nothing happens (the view then inserts its TAB). */
  place_at (buffer, 0, 2);
  g_assert_false (kl_body_buffer_next_cell (buffer, TRUE));

  place_at (buffer, 2, 0);
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  sel = selected_text (buffer);
  g_assert_cmpstr (sel, ==, "Lúa");
  type_text (buffer, "Lúa gạo");
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  g_free (sel);
  sel = selected_text (buffer);
  g_assert_cmpstr (sel, ==, "Tấn");
  /* From the last cell of a row to the first of the next. */
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  g_free (sel);
  sel = selected_text (buffer);
  g_assert_cmpstr (sel, ==, "2");
  /* Shift+Tab goes back over the row end. */
  g_assert_true (kl_body_buffer_next_cell (buffer, FALSE));
  g_free (sel);
  sel = selected_text (buffer);
  g_assert_cmpstr (sel, ==, "Tấn");
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  /* The short row's last cell is the table's last: Tab adds a row as wide as the table. */
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  type_text (buffer, "3");
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  type_text (buffer, "Khoai");
  assert_markup (buffer,
                   "Đoạn đầu.\n\n| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 1 | Lúa gạo | Tấn |\n"
                   "| 2 | Ngô |\n| 3 | Khoai | |\n");
  /* Shift+Tab in the first cell stays there. */
  place_at (buffer, 1, 0);
  g_assert_true (kl_body_buffer_next_cell (buffer, FALSE));
  g_free (sel);
  sel = selected_text (buffer);
  g_assert_cmpstr (sel, ==, "");
}

/* Ctrl+Z takes back a row added by Tab, typing in cells, and a deleted row comes back as
 * a row (the text history keeps no tags). */
static void
test_table_undo (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  const char *text = "| TT | Chỉ tiêu |\n|---|---|\n| 1 | Lúa |\n| 2 | Ngô |\n\nĐoạn sau.\n";
  g_autofree char *with_row = NULL;
  GtkTextIter start, end;

  kl_body_buffer_set_markup (buffer, text);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  /* In "Ngô", the last cell: Tab adds a row. */
  place_at (buffer, 2, 3);
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  type_text (buffer, "3");
  with_row = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (with_row, ==, "| TT | Chỉ tiêu |\n|---|---|\n| 1 | Lúa |\n| 2 | Ngô |\n| 3 | |\n\nĐoạn sau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
  g_assert_true (kl_body_buffer_redo (buffer));
  g_assert_true (kl_body_buffer_redo (buffer));
  assert_markup (buffer, with_row);

  /* Delete the row "1 | Lúa" with its line end, then undo. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 2);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  assert_markup (buffer, "| TT | Chỉ tiêu |\n|---|---|\n| 2 | Ngô |\n| 3 | |\n\nĐoạn sau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, with_row);

  /* The header row deleted comes back as the header, each time. */
  gtk_text_buffer_get_iter_at_line (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 1);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  kl_body_buffer_layout_tables (buffer);
  assert_markup (buffer, "| 1 | Lúa |\n| 2 | Ngô |\n| 3 | |\n\nĐoạn sau.\n");
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (kl_body_buffer_undo (buffer));
      kl_body_buffer_layout_tables (buffer);
      assert_markup (buffer, with_row);
      g_assert_true (kl_body_buffer_redo (buffer));
      kl_body_buffer_layout_tables (buffer);
      assert_markup (buffer, "| 1 | Lúa |\n| 2 | Ngô |\n| 3 | |\n\nĐoạn sau.\n");
    }
  g_assert_true (kl_body_buffer_undo (buffer));

  /* With the paragraph before it, from the middle of that paragraph. */
  kl_body_buffer_set_markup (buffer, "Đoạn trước.\n\n| TT | Tên |\n|---|---|\n| 1 | Lúa |\n");
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 4);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 2);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  kl_body_buffer_layout_tables (buffer);
  g_assert_true (kl_body_buffer_undo (buffer));
  kl_body_buffer_layout_tables (buffer);
  assert_markup (buffer, "Đoạn trước.\n\n| TT | Tên |\n|---|---|\n| 1 | Lúa |\n");
}

/* Insert table: an empty table with a header row after the cursor's paragraph; undoable. */
static void
test_insert_table (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();

  kl_body_buffer_set_markup (buffer, "Đoạn một.\n\nĐoạn hai.\n");
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  place_at (buffer, 0, 3);
  kl_body_buffer_insert_table (buffer, 2, 3);
  type_text (buffer, "TT");
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  type_text (buffer, "Tên");
  assert_markup (buffer, "Đoạn một.\n\n| TT | Tên | |\n|---|---|---|\n| | | |\n\nĐoạn hai.\n");
  for (int i = 0; i < 3; i++)
    g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Đoạn một.\n\nĐoạn hai.\n");

  /* In a table: the new one goes after it, apart. */
  kl_body_buffer_set_markup (buffer, "| A | B |\n| 1 | 2 |\n");
  place_at (buffer, 0, 1);
  kl_body_buffer_insert_table (buffer, 1, 2);
  type_text (buffer, "C");
  assert_markup (buffer, "| A | B |\n| 1 | 2 |\n\n| C | |\n|---|---|\n");
}

/* Enter in a row adds an empty row below it; at the end of the last row it leaves the table. */
static void
test_table_enter (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();

  kl_body_buffer_set_markup (buffer, "| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 1 | Lúa | Tấn |\n| 2 | Ngô |\n");
  /* In the middle of the header's "Chỉ tiêu": the row is not cut. */
  place_at (buffer, 0, 5);
  g_assert_true (kl_body_buffer_table_newline (buffer));
  type_text (buffer, "0");
  assert_markup (buffer, "| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 0 | | |\n| 1 | Lúa | Tấn |\n| 2 | Ngô |\n");
  /* In the last row, not at its end: a row still. */
  place_at (buffer, 3, 1);
  g_assert_true (kl_body_buffer_table_newline (buffer));
  type_text (buffer, "3");
  assert_markup (buffer, "| TT | Chỉ tiêu | ĐVT |\n|---|---|---|\n| 0 | | |\n| 1 | Lúa | Tấn |\n| 2 | Ngô |\n| 3 | | |\n");
  /* At the end of the last row: the view's own Enter, a paragraph after the table. */
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
  }
  g_assert_false (kl_body_buffer_table_newline (buffer));
  place_at (buffer, 0, 0);
  gtk_text_buffer_insert_at_cursor (buffer, "Đoạn đầu.\n", -1);
  place_at (buffer, 0, 2);
  g_assert_false (kl_body_buffer_table_newline (buffer));
}

/* The toolbar's Insert table action puts a table of the popover's size at the cursor. */
static void
test_editor_insert_table (void)
{
  GtkWidget *editor;
  GtkTextBuffer *buffer;

  /* Linked from a static library: referring to the resource keeps its templates in. */
  g_assert_nonnull (kl_get_resource ());
  editor = g_object_ref_sink (kl_editor_new ());
  buffer = kl_editor_get_body_buffer (KL_EDITOR (editor));

  kl_body_buffer_set_markup (buffer, "Đoạn một.\n");
  g_assert_true (gtk_widget_activate_action (editor, "editor.insert-table", NULL));
  assert_markup (buffer, "Đoạn một.\n\n| | | |\n|---|---|---|\n| | | |\n| | | |\n");
  /* Not while the document is issued (read only). */
  g_object_set (editor, "editable", FALSE, NULL);
  gtk_widget_activate_action (editor, "editor.insert-table", NULL);
  assert_markup (buffer, "Đoạn một.\n\n| | | |\n|---|---|---|\n| | | |\n| | | |\n");
  g_object_unref (editor);
}

/* Rows with missing or extra cells, cut rows, a TAB deleted: no text lost, no crash. */
static void
test_table_malformed (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  const char *text = "| a | b | c |\n| d |\n| e | f | g | h |\n";
  GtkTextIter start, end;

  kl_body_buffer_set_markup (buffer, text);
  assert_markup (buffer, text);
  /* Tab walks through the short row. */
  place_at (buffer, 1, 0);
  g_assert_true (kl_body_buffer_next_cell (buffer, TRUE));
  {
    g_autofree char *sel = selected_text (buffer);
    g_assert_cmpstr (sel, ==, "e");
  }
  /* Backspace over the TAB between "e" and "f": one cell "ef". */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 2, 1);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 2, 2);
  gtk_text_buffer_delete (buffer, &start, &end);
  /* Enter in the middle of a row: two rows, nothing lost. */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 3);
  gtk_text_buffer_insert (buffer, &start, "\n", 1);
  kl_body_buffer_layout_tables (buffer);
  assert_markup (buffer, "| a | b |\n| | c |\n| d |\n| ef | g | h |\n");
}

/* --- target tables and charts ----------------------------------------------------------- */

/* The @n-th embed of @buffer (0-based). */
static void
embed_at (GtkTextBuffer *buffer,
          guint          n,
          GtkTextIter   *iter)
{
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, iter, &end);
  for (guint i = 0;; i++)
    {
      g_assert_true (kl_body_buffer_find_embed (iter, &end));
      if (i == n)
        return;
      gtk_text_iter_forward_char (iter);
    }
}

static guint
count_embeds (GtkTextBuffer *buffer)
{
  GtkTextIter iter, end;
  guint n = 0;

  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  for (; kl_body_buffer_find_embed (&iter, &end); gtk_text_iter_forward_char (&iter))
    n++;
  return n;
}

static gboolean
has_tag (const GtkTextIter *iter,
         const char        *name)
{
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (iter);

  return gtk_text_iter_has_tag (iter, gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name));
}

/* An embed shows as one character (no syntax, no words) and is saved byte for byte. */
static void
test_embed_round_trip (void)
{
  const char *text =
    "Đoạn một có bốn từ.\n\n"
    "{{targets 1}}\n\n"
    "{{chart achievement 2}}\n\n"
    "## Hai\n\n"
    "{{chart bullet 1}}\n\n"
    "{{chart summary 3}}\n\n"
    "{{chart trend 1}}\n\n"
    "{{targets 5000}}\n\n"
    "Đoạn cuối.\n";
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  g_autofree char *shown = NULL;
  GtkTextIter iter;
  KlEmbedKind kind;
  guint report;

  kl_body_buffer_set_markup (buffer, text);
  assert_markup (buffer, text);
  g_assert_cmpuint (count_embeds (buffer), ==, 5);
  embed_at (buffer, 1, &iter);
  g_assert_true (kl_body_buffer_get_embed (&iter, &kind, &report));
  g_assert_cmpint (kind, ==, KL_EMBED_ACHIEVEMENT);
  g_assert_cmpuint (report, ==, 2);
  g_assert_true (has_tag (&iter, "embed-object"));
  g_assert_true (gtk_text_iter_starts_line (&iter));
  gtk_text_iter_forward_char (&iter);
  g_assert_true (gtk_text_iter_ends_line (&iter));
  embed_at (buffer, 3, &iter);
  g_assert_true (kl_body_buffer_get_embed (&iter, &kind, &report));
  g_assert_cmpint (kind, ==, KL_EMBED_SUMMARY);
  g_assert_cmpuint (report, ==, 3);
  shown = shown_text (buffer);
  g_assert_null (strstr (shown, "{{targets 1}}"));
  g_assert_null (strstr (shown, "achievement"));
  /* A report number no character can hold is shown as written, and still saved. */
  g_assert_nonnull (strstr (shown, "{{targets 5000}}"));
  /* "Đoạn một có bốn từ." "Hai" "{{targets 5000}}" "Đoạn cuối.": the embeds have none. */
  g_assert_cmpuint (kl_body_buffer_count_words (buffer), ==, 5 + 1 + 2 + 2);
}

/* Inserted as a block of its own beside the cursor's paragraph, in one undoable step. */
static void
test_embed_insert (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;

  kl_body_buffer_set_markup (buffer, "Đoạn một.\n\nĐoạn hai.\n");
  /* In the middle of a paragraph: after it. */
  place_at (buffer, 0, 4);
  kl_body_buffer_insert_embed (buffer, KL_EMBED_BULLET, 1);
  assert_markup (buffer, "Đoạn một.\n\n{{chart bullet 1}}\n\nĐoạn hai.\n");
  /* The cursor is after it: Enter and typing make the next paragraph. */
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 1);
  g_assert_true (gtk_text_iter_ends_line (&iter));
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Đoạn một.\n\nĐoạn hai.\n");
  g_assert_true (kl_body_buffer_redo (buffer));
  assert_markup (buffer, "Đoạn một.\n\n{{chart bullet 1}}\n\nĐoạn hai.\n");
  embed_at (buffer, 0, &iter);
  g_assert_true (has_tag (&iter, "embed-object"));

  /* At the start of a paragraph: before it. */
  kl_body_buffer_set_markup (buffer, "Đoạn một.\n\nĐoạn hai.\n");
  place_at (buffer, 1, 0);
  kl_body_buffer_insert_embed (buffer, KL_EMBED_TARGETS, 2);
  assert_markup (buffer, "Đoạn một.\n\n{{targets 2}}\n\nĐoạn hai.\n");

  /* On an empty line: there. */
  kl_body_buffer_set_markup (buffer, "");
  kl_body_buffer_insert_embed (buffer, KL_EMBED_TREND, 1);
  assert_markup (buffer, "{{chart trend 1}}\n");
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 1);

  /* In a table: after it, not in a row. */
  kl_body_buffer_set_markup (buffer, "| A | B |\n| 1 | 2 |\n\nSau bảng.\n");
  place_at (buffer, 0, 1);
  kl_body_buffer_insert_embed (buffer, KL_EMBED_SUMMARY, 1);
  kl_body_buffer_layout_tables (buffer);
  assert_markup (buffer, "| A | B |\n| 1 | 2 |\n\n{{chart summary 1}}\n\nSau bảng.\n");
}

/* Backspace and Delete take an embed away like a character; undo brings it back whole. */
static void
test_embed_delete (void)
{
  const char *text = "Trước.\n\n{{chart achievement 1}}\n\nSau.\n";
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;

  kl_body_buffer_set_markup (buffer, text);
  /* Backspace after it. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  gtk_text_iter_forward_char (&iter);
  g_assert_true (gtk_text_buffer_backspace (buffer, &iter, TRUE, TRUE));
  assert_markup (buffer, "Trước.\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
  embed_at (buffer, 0, &iter);
  g_assert_true (has_tag (&iter, "embed-object"));
  g_assert_true (kl_body_buffer_redo (buffer));
  assert_markup (buffer, "Trước.\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));

  /* Delete before it. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  {
    GtkTextIter next = iter;

    gtk_text_iter_forward_cursor_position (&next);
    gtk_text_buffer_delete_interactive (buffer, &iter, &next, TRUE);
  }
  assert_markup (buffer, "Trước.\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);

  /* A selection holding it, with text around. */
  {
    GtkTextIter start, end;

    gtk_text_buffer_get_iter_at_line_offset (buffer, &start, 0, 3);
    gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 2, 1);
    gtk_text_buffer_select_range (buffer, &start, &end);
    type_text (buffer, "x");
    assert_markup (buffer, "Trưxau.\n");
    g_assert_true (kl_body_buffer_undo (buffer));
    assert_markup (buffer, text);
    g_assert_cmpuint (count_embeds (buffer), ==, 1);
  }

  /* remove_embed takes its line too. */
  embed_at (buffer, 0, &iter);
  kl_body_buffer_remove_embed (buffer, &iter);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 2);
  assert_markup (buffer, "Trước.\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
}

/* Another kind or report in place, one undoable step. */
static void
test_embed_change (void)
{
  const char *text = "Trước.\n\n{{targets 1}}\n\nSau.\n";
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;

  kl_body_buffer_set_markup (buffer, text);
  embed_at (buffer, 0, &iter);
  kl_body_buffer_set_embed (buffer, &iter, KL_EMBED_TREND, 1);
  assert_markup (buffer, "Trước.\n\n{{chart trend 1}}\n\nSau.\n");
  embed_at (buffer, 0, &iter);
  g_assert_true (has_tag (&iter, "embed-object"));
  kl_body_buffer_set_embed (buffer, &iter, KL_EMBED_TREND, 2);
  assert_markup (buffer, "Trước.\n\n{{chart trend 2}}\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Trước.\n\n{{chart trend 1}}\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
  g_assert_true (kl_body_buffer_redo (buffer));
  assert_markup (buffer, "Trước.\n\n{{chart trend 1}}\n\nSau.\n");
}

/* Text typed beside an embed starts a paragraph of its own; the cursor walks over it as
 * over one character. */
static void
test_embed_typing (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter;

  kl_body_buffer_set_markup (buffer, "Trước.\n\n{{chart bullet 1}}\n\nSau.\n");
  place_at (buffer, 1, 1);
  type_text (buffer, "Mới");
  assert_markup (buffer, "Trước.\n\n{{chart bullet 1}}\n\nMới\n\nSau.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Trước.\n\n{{chart bullet 1}}\n\nSau.\n");
  place_at (buffer, 1, 0);
  type_text (buffer, "Đầu");
  assert_markup (buffer, "Trước.\n\nĐầu\n\n{{chart bullet 1}}\n\nSau.\n");
  /* The cursor after "Đầu", then one step over the embed to the end of its line. */
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 1);
  g_assert_true (gtk_text_iter_forward_cursor_position (&iter));
  g_assert_true (gtk_text_iter_forward_cursor_position (&iter));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 2);
  g_assert_true (gtk_text_iter_ends_line (&iter));
  /* Enter after it and before it: plain lines. */
  gtk_text_buffer_place_cursor (buffer, &iter);
  type_text (buffer, "\n");
  assert_markup (buffer, "Trước.\n\nĐầu\n\n{{chart bullet 1}}\n\nSau.\n");
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 5);
}

static void
on_paste_done (GtkTextBuffer *buffer,
               GdkClipboard  *clipboard,
               gboolean      *pasted)
{
  *pasted = TRUE;
}

/* Copy and paste in the editor keep the embed (GTK's own clipboard of the buffer). */
static void
test_embed_copy_paste (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  GtkTextIter start, end;
  gboolean pasted = FALSE;

  kl_body_buffer_set_markup (buffer, "Trước.\n\n{{chart summary 2}}\n\nSau.\n");
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 2);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_copy_clipboard (buffer, clipboard);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_signal_connect (buffer, "paste-done", G_CALLBACK (on_paste_done), &pasted);
  gtk_text_buffer_paste_clipboard (buffer, clipboard, NULL, TRUE);
  while (!pasted)
    g_main_context_iteration (NULL, TRUE);
  assert_markup (buffer, "Trước.\n\n{{chart summary 2}}\n\nSau.\n\n{{chart summary 2}}\n");
  embed_at (buffer, 1, &start);
  g_assert_true (has_tag (&start, "embed-object"));
  /* As plain text (the text of the clipboard): the character, tagged again. */
  {
    g_autofree char *plain = NULL;

    embed_at (buffer, 1, &start);
    end = start;
    gtk_text_iter_forward_char (&end);
    plain = gtk_text_iter_get_text (&start, &end);
    kl_body_buffer_set_markup (buffer, "Trước.\n");
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "\n", 1);
    gtk_text_buffer_insert (buffer, &end, plain, -1);
    assert_markup (buffer, "Trước.\n\n{{chart summary 2}}\n");
    embed_at (buffer, 0, &start);
    g_assert_true (has_tag (&start, "embed-object"));
  }
}

/* An embed keeps a line of its own: a deletion does not join text to it, a paste of text
 * holding one puts it apart, Backspace after it takes it away. */
static void
test_embed_alone (void)
{
  const char *text = "Trước.\n\n{{chart bullet 1}}\n\nSau.\n";
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  GtkTextIter iter, next;
  g_autofree char *object = NULL;

  kl_body_buffer_set_markup (buffer, text);
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  /* Delete at the end of its line: "Sau." stays on its own line. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  gtk_text_iter_forward_to_line_end (&iter);
  next = iter;
  gtk_text_iter_forward_char (&next);
  gtk_text_buffer_delete_interactive (buffer, &iter, &next, TRUE);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 3);
  assert_markup (buffer, text);
  /* The view's Backspace before it (at the start of its line): nothing joins either. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 1);
  g_assert_true (gtk_text_buffer_backspace (buffer, &iter, TRUE, TRUE));
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 3);
  assert_markup (buffer, text);

  /* Backspace at the start of the line after it: the embed goes, in one step. */
  place_at (buffer, 2, 0);
  g_assert_true (kl_body_buffer_backspace (buffer));
  assert_markup (buffer, "Trước.\n\nSau.\n");
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 1);
  g_assert_true (gtk_text_iter_starts_line (&iter));
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
  /* Elsewhere it is the view's own Backspace. */
  place_at (buffer, 2, 1);
  g_assert_false (kl_body_buffer_backspace (buffer));
  place_at (buffer, 1, 0);
  g_assert_false (kl_body_buffer_backspace (buffer));

  /* A paste of text with an embed in its middle, in the middle of a paragraph. */
  embed_at (buffer, 0, &iter);
  next = iter;
  gtk_text_iter_forward_char (&next);
  object = gtk_text_iter_get_text (&iter, &next);
  {
    g_autofree char *pasted = g_strconcat ("A ", object, "B ", NULL);

    place_at (buffer, 0, 3);
    type_text (buffer, pasted);
  }
  assert_markup (buffer, "TrưA \n\n{{chart bullet 1}}\n\nB ớc.\n\n{{chart bullet 1}}\n\nSau.\n");
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), ==, 5);
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, text);
}

/* An embed pasted beside text is a block of its own for the preview as for the markup. */
static void
test_embed_block_at (void)
{
  g_autoptr(GtkTextBuffer) buffer = new_buffer ();
  g_autofree char *written = NULL;
  g_autofree char *object = NULL;
  GtkTextIter iter, end;

  kl_body_buffer_set_markup (buffer, "Đầu.\n\n{{chart trend 2}}\n");
  embed_at (buffer, 0, &iter);
  end = iter;
  gtk_text_iter_forward_char (&end);
  object = gtk_text_iter_get_text (&iter, &end);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 0);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_insert (buffer, &iter, " Thêm", -1);
  gtk_text_buffer_insert (buffer, &iter, object, -1);
  gtk_text_buffer_insert (buffer, &iter, "Cuối", -1);
  written = kl_body_buffer_get_markup (buffer);
  g_assert_cmpstr (written, ==, "Đầu. Thêm\n\n{{chart trend 2}}\n\nCuối\n\n{{chart trend 2}}\n");
  g_assert_cmpuint (block_of (buffer, "Thêm"), ==, 0);
  g_assert_cmpuint (block_of (buffer, "Cuối"), ==, 2);
  /* The cursor after an embed is on it (before it, on the text it follows if any). */
  embed_at (buffer, 0, &iter);
  gtk_text_iter_forward_char (&iter);
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &iter), ==, 1);
  embed_at (buffer, 1, &iter);
  g_assert_true (gtk_text_iter_starts_line (&iter));
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &iter), ==, 3);
  gtk_text_iter_forward_char (&iter);
  g_assert_cmpuint (kl_body_buffer_get_block_at (buffer, &iter), ==, 3);
  {
    g_autofree char *in_block = block_text (written, 3);
    g_assert_cmpstr (in_block, ==, "{{chart 2}}");
  }
}

/* The Insert menu offers the document's reports; the cards say what each embed shows, in
 * error when its report is not there, and change or remove it. */
static void
test_editor_embeds (void)
{
  g_autoptr(KlDocument) document = kl_document_new ("TB");
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo kinh tế năm 2025");
  GtkWidget *editor;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkWidget *card;
  g_autofree char *tooltip = NULL;

  g_assert_nonnull (kl_get_resource ());
  editor = g_object_ref_sink (kl_editor_new ());
  view = GTK_TEXT_VIEW (kl_editor_get_body_view (KL_EDITOR (editor)));
  buffer = kl_editor_get_body_buffer (KL_EDITOR (editor));
  kl_document_set_body (document, "Đoạn một.\n");
  kl_editor_set_document (KL_EDITOR (editor), document);

  /* No report yet: nothing to insert. */
  gtk_widget_activate_action (editor, "editor.insert-embed", "(su)", "achievement", 1);
  assert_markup (buffer, "Đoạn một.\n");

  g_list_store_append (kl_document_get_reports (document), report);
  place_at (buffer, 0, 4);
  g_assert_true (gtk_widget_activate_action (editor, "editor.insert-embed", "(su)", "achievement", 1));
  assert_markup (buffer, "Đoạn một.\n\n{{chart achievement 1}}\n");
  kl_editor_flush (KL_EDITOR (editor));
  g_assert_cmpstr (kl_document_get_body (document), ==, "Đoạn một.\n\n{{chart achievement 1}}\n");

  kl_embed_cards_update (view);
  g_assert_cmpuint (kl_embed_cards_get_n_cards (view), ==, 1);
  card = kl_embed_cards_get_card (view, 0);
  g_assert_true (gtk_widget_get_parent (card) == gtk_widget_get_parent (GTK_WIDGET (view)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (card), ==, "Achievement chart · Report 1 — Báo cáo kinh tế năm 2025");
  g_assert_false (gtk_widget_has_css_class (card, "error"));

  /* Its menu changes the kind in place, undoable. */
  g_assert_true (gtk_widget_activate_action (card, "embed.kind", "s", "bullet"));
  assert_markup (buffer, "Đoạn một.\n\n{{chart bullet 1}}\n");
  kl_embed_cards_update (view);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (card), ==, "Bullet charts · Report 1 — Báo cáo kinh tế năm 2025");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Đoạn một.\n\n{{chart achievement 1}}\n");

  /* A report the document does not have: shown in error, with the reason. */
  kl_document_set_body (document, "{{targets 1}}\n\n{{chart trend 3}}\n");
  kl_embed_cards_update (view);
  g_assert_cmpuint (kl_embed_cards_get_n_cards (view), ==, 2);
  g_assert_false (gtk_widget_has_css_class (kl_embed_cards_get_card (view, 0), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (kl_embed_cards_get_card (view, 0)), ==,
                   "Target table · Report 1 — Báo cáo kinh tế năm 2025");
  card = kl_embed_cards_get_card (view, 1);
  g_assert_true (gtk_widget_has_css_class (card, "error"));
  tooltip = g_strdup (gtk_widget_get_tooltip_text (card));
  g_assert_cmpstr (tooltip, ==, "Trend across reports · Report 3 is not in the document: it has 1 report");
  /* Fixed by picking a report from its menu. */
  g_assert_true (gtk_widget_activate_action (card, "embed.report", "u", 1));
  assert_markup (buffer, "{{targets 1}}\n\n{{chart trend 1}}\n");
  kl_embed_cards_update (view);
  g_assert_false (gtk_widget_has_css_class (kl_embed_cards_get_card (view, 1), "error"));

  /* Removed from its menu: the card goes with it. */
  g_assert_true (gtk_widget_activate_action (kl_embed_cards_get_card (view, 0), "embed.remove", NULL));
  assert_markup (buffer, "{{chart trend 1}}\n");
  kl_embed_cards_update (view);
  g_assert_cmpuint (kl_embed_cards_get_n_cards (view), ==, 1);

  /* From the keyboard: the view's context menu acts on the embed beside the cursor. */
  g_assert_nonnull (gtk_text_view_get_extra_menu (view));
  kl_document_set_body (document, "Đoạn.\n\n{{chart trend 1}}\n");
  place_at (buffer, 0, 2);
  gtk_widget_activate_action (GTK_WIDGET (view), "embed.kind", "s", "summary");
  assert_markup (buffer, "Đoạn.\n\n{{chart trend 1}}\n");
  place_at (buffer, 1, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "embed.kind", "s", "summary"));
  assert_markup (buffer, "Đoạn.\n\n{{chart summary 1}}\n");
  place_at (buffer, 1, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "embed.remove", NULL));
  assert_markup (buffer, "Đoạn.\n");
  g_assert_true (kl_body_buffer_undo (buffer));
  assert_markup (buffer, "Đoạn.\n\n{{chart summary 1}}\n");
  kl_document_set_body (document, "{{chart trend 1}}\n");
  kl_embed_cards_update (view);

  /* Read only (issued): nothing changes. */
  g_object_set (editor, "editable", FALSE, NULL);
  kl_embed_cards_update (view);
  gtk_widget_activate_action (kl_embed_cards_get_card (view, 0), "embed.remove", NULL);
  gtk_widget_activate_action (editor, "editor.insert-embed", "(su)", "targets", 1);
  assert_markup (buffer, "{{chart trend 1}}\n");
  g_object_unref (editor);
}

/* Where the card's top is in the view, and where the line of its embed starts there. */
static void
card_and_line_top (GtkTextView *view,
                   guint        n,
                   double      *card_top,
                   int         *line_top)
{
  GtkWidget *card = kl_embed_cards_get_card (view, n);
  GtkTextIter iter;
  int y, height, x;

  g_assert_true (gtk_widget_translate_coordinates (card, GTK_WIDGET (view), 0, 0, &(double) { 0 }, card_top));
  embed_at (gtk_text_view_get_buffer (view), n, &iter);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, 0, y, &x, line_top);
}

static void
run_until_placed (GtkTextView *view,
                  guint        n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  double card_top;
  int line_top;

  do
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (kl_embed_cards_get_n_cards (view) > n && gtk_widget_get_width (kl_embed_cards_get_card (view, n)) > 0)
        {
          card_and_line_top (view, n, &card_top, &line_top);
          if (card_top > line_top && card_top < line_top + 8)
            return;
        }
      g_usleep (10000);
    }
  while (g_get_monotonic_time () < end);
  g_assert_not_reached ();
}

/* In a window, a card lies over the line of its embed, as wide as the text, and follows
 * the line when text is added above it. */
static void
test_embed_card_place (void)
{
  g_autoptr(KlDocument) document = kl_document_new ("TB");
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo kinh tế năm 2025");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = kl_editor_new ();
  GtkTextView *view = GTK_TEXT_VIEW (kl_editor_get_body_view (KL_EDITOR (editor)));
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (KL_EDITOR (editor));
  GtkTextIter iter;
  double card_top, moved_top;
  int line_top, moved_line;

  g_list_store_append (kl_document_get_reports (document), report);
  kl_document_set_body (document, "Đoạn một.\n\n{{targets 1}}\n\nĐoạn hai.\n");
  kl_editor_set_document (KL_EDITOR (editor), document);
  gtk_window_set_child (GTK_WINDOW (window), editor);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  run_until_placed (view, 0);
  card_and_line_top (view, 0, &card_top, &line_top);
  /* Across the text, clear of the margins. */
  g_assert_cmpint (gtk_widget_get_width (kl_embed_cards_get_card (view, 0)), >,
                   gtk_widget_get_width (GTK_WIDGET (view)) - 2 * 12 - 2 * 8);

  /* Two lines more above it. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "Dòng thêm.\nDòng nữa.\n", -1);
  run_until_placed (view, 0);
  card_and_line_top (view, 0, &moved_top, &moved_line);
  g_assert_cmpint (moved_line, >, line_top);
  g_assert_cmpfloat (moved_top - card_top, ==, (double) (moved_line - line_top));
  gtk_window_destroy (GTK_WINDOW (window));
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
  g_test_add_func ("/ui/body-buffer/table-round-trip", test_table_round_trip);
  g_test_add_func ("/ui/body-buffer/table-layout", test_table_layout);
  g_test_add_func ("/ui/body-buffer/table-tab-navigation", test_table_tab_navigation);
  g_test_add_func ("/ui/body-buffer/table-undo", test_table_undo);
  g_test_add_func ("/ui/body-buffer/insert-table", test_insert_table);
  g_test_add_func ("/ui/body-buffer/table-malformed", test_table_malformed);
  g_test_add_func ("/ui/body-buffer/table-enter", test_table_enter);
  g_test_add_func ("/ui/body-buffer/editor-insert-table", test_editor_insert_table);
  g_test_add_func ("/ui/body-buffer/embed-round-trip", test_embed_round_trip);
  g_test_add_func ("/ui/body-buffer/embed-insert", test_embed_insert);
  g_test_add_func ("/ui/body-buffer/embed-delete", test_embed_delete);
  g_test_add_func ("/ui/body-buffer/embed-change", test_embed_change);
  g_test_add_func ("/ui/body-buffer/embed-typing", test_embed_typing);
  g_test_add_func ("/ui/body-buffer/embed-copy-paste", test_embed_copy_paste);
  g_test_add_func ("/ui/body-buffer/embed-alone", test_embed_alone);
  g_test_add_func ("/ui/body-buffer/embed-block-at", test_embed_block_at);
  g_test_add_func ("/ui/body-buffer/editor-embeds", test_editor_embeds);
  g_test_add_func ("/ui/body-buffer/embed-card-place", test_embed_card_place);
  return g_test_run ();
}
