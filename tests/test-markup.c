/* test-markup.c: the body markup parser and writer (constructs, round trips, bad input). */
#include "kl-markup.h"

#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static KlBlock *
block_at (KlMarkup *m,
          guint     i)
{
  g_assert_cmpuint (i, <, m->blocks->len);
  return m->blocks->pdata[i];
}

static KlRun *
run_at (GPtrArray *runs,
        guint      i)
{
  g_assert_cmpuint (i, <, runs->len);
  return runs->pdata[i];
}

static void
assert_run (GPtrArray  *runs,
            guint       i,
            const char *text,
            KlRunFlags  flags)
{
  KlRun *run = run_at (runs, i);

  g_assert_cmpstr (run->text, ==, text);
  g_assert_cmpint (run->flags, ==, flags);
}

/* A compact dump of runs: plain "a", bold "<b>", italic "<i>", both "<bi>", refs "^x", breaks "/". */
static char *
dump_runs (GPtrArray *runs)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];

      if (run->flags & KL_RUN_LINE_BREAK)
        g_string_append (s, "/");
      else if (run->flags & KL_RUN_FOOTNOTE_REF)
        g_string_append_printf (s, "^%s", run->text);
      else if ((run->flags & (KL_RUN_BOLD | KL_RUN_ITALIC)) == (KL_RUN_BOLD | KL_RUN_ITALIC))
        g_string_append_printf (s, "<bi>%s</bi>", run->text);
      else if (run->flags & KL_RUN_BOLD)
        g_string_append_printf (s, "<b>%s</b>", run->text);
      else if (run->flags & KL_RUN_ITALIC)
        g_string_append_printf (s, "<i>%s</i>", run->text);
      else
        g_string_append (s, run->text);
    }
  return g_string_free (s, FALSE);
}

static char *
dump_markup (KlMarkup *m)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < m->blocks->len; i++)
    {
      KlBlock *b = m->blocks->pdata[i];

      g_string_append_printf (s, "%u/%u/%s/%s/%s: ", b->type, b->level, b->marker, b->label,
                              b->embed_kind);
      if (b->rows != NULL)
        for (guint r = 0; r < b->rows->len; r++)
          {
            GPtrArray *cells = b->rows->pdata[r];

            g_string_append (s, "\n  row:");
            for (guint c = 0; c < cells->len; c++)
              {
                g_autofree char *d = dump_runs (cells->pdata[c]);
                g_string_append_printf (s, " [%s]", d);
              }
          }
      else
        {
          g_autofree char *d = dump_runs (b->runs);
          g_string_append (s, d);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
assert_inline (const char *markup,
               const char *expected)
{
  g_autoptr(GPtrArray) runs = kl_runs_parse_inline (markup);
  g_autofree char *dump = dump_runs (runs);

  g_assert_cmpstr (dump, ==, expected);
}

/* write (parse (text)) == text for text in canonical form */
static void
assert_canonical (const char *text)
{
  g_autoptr(KlMarkup) m = kl_markup_parse (text);
  g_autofree char *out = kl_markup_write (m);

  g_assert_cmpstr (out, ==, text);
}

/* ------------------------------------------------------------------------------------------ */
/* Blocks                                                                                     */

static void
test_paragraphs (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("First line\nsame   paragraph  \n\n\n  Second one\n");

  g_assert_cmpuint (m->blocks->len, ==, 2);
  g_assert_cmpint (block_at (m, 0)->type, ==, KL_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block_at (m, 0)->line, ==, 1);
  g_assert_cmpuint (block_at (m, 0)->runs->len, ==, 1);
  /* a single newline joins lines with one space; spaces inside a line are kept */
  assert_run (block_at (m, 0)->runs, 0, "First line same   paragraph", 0);
  g_assert_cmpint (block_at (m, 1)->type, ==, KL_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block_at (m, 1)->line, ==, 5);
  assert_run (block_at (m, 1)->runs, 0, "Second one", 0);
}

static void
test_headings (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("# Phần thứ nhất\n## I. VỀ KINH TẾ\n### 1. Kinh tế\n"
                                           "#### 1.1. Nông nghiệp\n##### a) Trồng trọt\n"
                                           "\n###### six is text\n\n#no space\n\n#\n");
  const char *texts[] = { "Phần thứ nhất", "I. VỀ KINH TẾ", "1. Kinh tế", "1.1. Nông nghiệp",
                          "a) Trồng trọt" };

  g_assert_cmpuint (m->blocks->len, ==, 8);
  for (guint i = 0; i < 5; i++)
    {
      KlBlock *b = block_at (m, i);

      g_assert_cmpint (b->type, ==, KL_BLOCK_HEADING);
      g_assert_cmpuint (b->level, ==, i + 1);
      g_assert_cmpuint (b->line, ==, i + 1);
      assert_run (b->runs, 0, texts[i], 0);
    }
  /* six hashes is not a level of FORMAT.md: a paragraph */
  g_assert_cmpint (block_at (m, 5)->type, ==, KL_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block_at (m, 5)->line, ==, 7);
  assert_run (block_at (m, 5)->runs, 0, "###### six is text", 0);
  g_assert_cmpint (block_at (m, 6)->type, ==, KL_BLOCK_PARAGRAPH);
  assert_run (block_at (m, 6)->runs, 0, "#no space", 0);
  /* an empty heading */
  g_assert_cmpint (block_at (m, 7)->type, ==, KL_BLOCK_HEADING);
  g_assert_cmpuint (block_at (m, 7)->runs->len, ==, 0);
  g_assert_cmpuint (block_at (m, 7)->line, ==, 11);
}

static void
test_heading_bold (void)
{
  /* the seeds write headings whose whole text is bold */
  g_autoptr(KlMarkup) m = kl_markup_parse ("#### **1. Về tình hình**\n");

  g_assert_cmpint (block_at (m, 0)->type, ==, KL_BLOCK_HEADING);
  g_assert_cmpuint (block_at (m, 0)->level, ==, 4);
  g_assert_cmpuint (block_at (m, 0)->runs->len, ==, 1);
  assert_run (block_at (m, 0)->runs, 0, "1. Về tình hình", KL_RUN_BOLD);
}

static void
test_items (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("- first\n+ second\ncontinued\n(12) numbered\n\n"
                                           "-----\n\n-no space\n\n(a) not numbered\n");
  KlBlock *b;

  g_assert_cmpuint (m->blocks->len, ==, 6);
  b = block_at (m, 0);
  g_assert_cmpint (b->type, ==, KL_BLOCK_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpstr (b->marker, ==, "-");
  assert_run (b->runs, 0, "first", 0);
  b = block_at (m, 1);
  g_assert_cmpint (b->type, ==, KL_BLOCK_ITEM);
  g_assert_cmpuint (b->level, ==, 2);
  g_assert_cmpstr (b->marker, ==, "+");
  g_assert_cmpuint (b->line, ==, 2);
  assert_run (b->runs, 0, "second continued", 0);
  b = block_at (m, 2);
  g_assert_cmpint (b->type, ==, KL_BLOCK_ITEM);
  g_assert_cmpuint (b->level, ==, 1);
  g_assert_cmpstr (b->marker, ==, "(12)");
  g_assert_cmpuint (b->line, ==, 4);
  assert_run (b->runs, 0, "numbered", 0);
  /* the five dashes under a title, "-x" and "(a)" are text */
  for (guint i = 3; i < 6; i++)
    g_assert_cmpint (block_at (m, i)->type, ==, KL_BLOCK_PARAGRAPH);
  assert_run (block_at (m, 3)->runs, 0, "-----", 0);
  assert_run (block_at (m, 5)->runs, 0, "(a) not numbered", 0);
}

static void
test_footnotes (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("Revenue grew[^1] and fell[^note-2].\n\n"
                                           "[^1]: First note\n- continued until a blank line\n"
                                           "[^note-2]: Second\n\n"
                                           "A lone [^ and [^ spaced] and [^] and [^x stay text\n");
  const KlBlock *fn;
  KlBlock *b;

  g_assert_cmpuint (m->blocks->len, ==, 4);
  b = block_at (m, 0);
  g_assert_cmpuint (b->runs->len, ==, 5);
  assert_run (b->runs, 0, "Revenue grew", 0);
  assert_run (b->runs, 1, "1", KL_RUN_FOOTNOTE_REF);
  assert_run (b->runs, 2, " and fell", 0);
  assert_run (b->runs, 3, "note-2", KL_RUN_FOOTNOTE_REF);
  assert_run (b->runs, 4, ".", 0);

  b = block_at (m, 1);
  g_assert_cmpint (b->type, ==, KL_BLOCK_FOOTNOTE);
  g_assert_cmpstr (b->label, ==, "1");
  g_assert_cmpuint (b->line, ==, 3);
  /* a footnote takes the following lines, even ones that look like items */
  assert_run (b->runs, 0, "First note - continued until a blank line", 0);
  b = block_at (m, 2);
  g_assert_cmpint (b->type, ==, KL_BLOCK_FOOTNOTE);
  g_assert_cmpstr (b->label, ==, "note-2");
  g_assert_cmpuint (b->line, ==, 5);

  fn = kl_markup_find_footnote (m, "note-2");
  g_assert_true (fn == block_at (m, 2));
  g_assert_null (kl_markup_find_footnote (m, "3"));

  b = block_at (m, 3);
  g_assert_cmpuint (b->runs->len, ==, 1);
  assert_run (b->runs, 0, "A lone [^ and [^ spaced] and [^] and [^x stay text", 0);
}

static void
test_tables (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("| TT | Chỉ tiêu | ĐVT |\n|---|:---:|---|\n"
                                           "| 1 | **Thu ngân sách** | Tỷ đồng |\n"
                                           "| 2 | a \\| b |  |\n\n"
                                           "TT\tChỉ tiêu\tĐVT\n3.1\tSản lượng\tTấn\t\t\n"
                                           "Text after\n\n"
                                           "| a |\n| b |\n|---|\n");
  KlBlock *b;
  GPtrArray *row;

  g_assert_cmpuint (m->blocks->len, ==, 4);
  b = block_at (m, 0);
  g_assert_cmpint (b->type, ==, KL_BLOCK_TABLE);
  g_assert_true (b->header_row);
  g_assert_cmpuint (b->line, ==, 1);
  g_assert_cmpuint (b->rows->len, ==, 3);
  row = b->rows->pdata[0];
  g_assert_cmpuint (row->len, ==, 3);
  assert_run (row->pdata[1], 0, "Chỉ tiêu", 0);
  row = b->rows->pdata[1];
  assert_run (row->pdata[1], 0, "Thu ngân sách", KL_RUN_BOLD);
  row = b->rows->pdata[2];
  g_assert_cmpuint (row->len, ==, 3);
  assert_run (row->pdata[1], 0, "a | b", 0);
  g_assert_cmpuint (((GPtrArray *) row->pdata[2])->len, ==, 0);

  /* tab-separated rows keep their trailing empty cells */
  b = block_at (m, 1);
  g_assert_cmpint (b->type, ==, KL_BLOCK_TABLE);
  g_assert_false (b->header_row);
  g_assert_cmpuint (b->line, ==, 6);
  g_assert_cmpuint (b->rows->len, ==, 2);
  row = b->rows->pdata[1];
  g_assert_cmpuint (row->len, ==, 5);
  assert_run (row->pdata[0], 0, "3.1", 0);
  assert_run (row->pdata[2], 0, "Tấn", 0);
  /* a text line ends the table */
  g_assert_cmpint (block_at (m, 2)->type, ==, KL_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block_at (m, 2)->line, ==, 8);

  /* a separator only marks a header right after the first row; elsewhere it is a row */
  b = block_at (m, 3);
  g_assert_false (b->header_row);
  g_assert_cmpuint (b->rows->len, ==, 3);
  row = b->rows->pdata[2];
  assert_run (row->pdata[0], 0, "---", 0);
}

static void
test_embeds (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("{{targets 1}}\n{{chart achievement 2}}\n"
                                           "{{ chart  trend 3 }}\n\n{{chart pie 1}}\n\n"
                                           "{{targets 0}}\n\n{{targets 1\n\nSee {{targets 1}} here\n");
  const char *kinds[] = { "achievement", "bullet", "summary", "trend" };
  KlBlock *b;

  g_assert_cmpuint (m->blocks->len, ==, 7);
  b = block_at (m, 0);
  g_assert_cmpint (b->type, ==, KL_BLOCK_EMBED);
  g_assert_cmpstr (b->label, ==, "targets");
  g_assert_null (b->embed_kind);
  g_assert_cmpuint (b->embed_index, ==, 1);
  b = block_at (m, 1);
  g_assert_cmpint (b->type, ==, KL_BLOCK_EMBED);
  g_assert_cmpstr (b->label, ==, "chart");
  g_assert_cmpstr (b->embed_kind, ==, "achievement");
  g_assert_cmpuint (b->embed_index, ==, 2);
  g_assert_cmpuint (b->line, ==, 2);
  b = block_at (m, 2);
  g_assert_cmpstr (b->embed_kind, ==, "trend");
  g_assert_cmpuint (b->embed_index, ==, 3);
  /* an unknown kind, report 0 and a missing "}}" are plain text */
  for (guint i = 3; i < 7; i++)
    g_assert_cmpint (block_at (m, i)->type, ==, KL_BLOCK_PARAGRAPH);
  assert_run (block_at (m, 4)->runs, 0, "{{targets 0}}", 0);
  assert_run (block_at (m, 5)->runs, 0, "{{targets 1", 0);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *text = g_strdup_printf ("{{chart %s 4}}\n", kinds[k]);
      g_autoptr(KlMarkup) one = kl_markup_parse (text);

      g_assert_cmpstr (block_at (one, 0)->embed_kind, ==, kinds[k]);
      assert_canonical (text);
    }
}

static void
test_block_starts_without_blank_line (void)
{
  /* markers start a new block even without a blank line before them */
  g_autoptr(KlMarkup) m = kl_markup_parse ("Text\n## Heading\nmore heading\n- item\n{{targets 2}}\n"
                                           "| a |\nafter\n");
  KlBlockType types[] = { KL_BLOCK_PARAGRAPH, KL_BLOCK_HEADING, KL_BLOCK_ITEM, KL_BLOCK_EMBED,
                          KL_BLOCK_TABLE, KL_BLOCK_PARAGRAPH };
  guint lines[] = { 1, 2, 4, 5, 6, 7 };

  g_assert_cmpuint (m->blocks->len, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_cmpint (block_at (m, i)->type, ==, types[i]);
      g_assert_cmpuint (block_at (m, i)->line, ==, lines[i]);
    }
  assert_run (block_at (m, 1)->runs, 0, "Heading more heading", 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Inline                                                                                     */

static void
test_inline_emphasis (void)
{
  assert_inline ("a **b** c", "a <b>b</b> c");
  assert_inline ("a *b* c", "a <i>b</i> c");
  assert_inline ("***x***", "<bi>x</bi>");
  assert_inline ("**bold *both* bold**", "<b>bold </b><bi>both</bi><b> bold</b>");
  assert_inline ("*it **both** it*", "<i>it </i><bi>both</bi><i> it</i>");
  assert_inline ("***both** it*", "<bi>both</bi><i> it</i>");
  assert_inline ("***both* bold**", "<bi>both</bi><b> bold</b>");
  assert_inline ("**a***b*", "<b>a</b><i>b</i>");
  assert_inline ("intra**word**s", "intra<b>word</b>s");
  assert_inline ("**Thu nhập** bình quân", "<b>Thu nhập</b> bình quân");
}

static void
test_inline_unmatched (void)
{
  assert_inline ("**unterminated", "**unterminated");
  assert_inline ("closing only**", "closing only**");
  assert_inline ("2 * 3 * 4", "2 * 3 * 4");
  assert_inline ("**a*", "*<i>a</i>");
  assert_inline ("*a**", "<i>a</i>*");
  assert_inline ("** spaced **", "** spaced **");
  assert_inline ("*", "*");
  assert_inline ("****", "****");
  assert_inline ("a [^ b", "a [^ b");
  assert_inline ("[^", "[^");
  assert_inline ("{{", "{{");
}

static void
test_inline_escapes (void)
{
  assert_inline ("\\*not italic\\*", "*not italic*");
  assert_inline ("\\# \\| \\[^1] \\\\ \\a", "# | [^1] \\ \\a");
  assert_inline ("**\\***", "<b>*</b>");
  assert_inline ("end\\", "end\\");
  assert_inline ("tab\\\there", "tab\there");
}

static void
test_inline_refs_breaks (void)
{
  assert_inline ("x[^1] y", "x^1 y");
  assert_inline ("**x[^2]**", "<b>x</b>^2");
  assert_inline ("*x*[^2].", "<i>x</i>^2.");
  assert_inline ("one\\\ntwo", "one/two");
  assert_inline ("one\ntwo", "one two");
  assert_inline ("**one\\\ntwo**", "<b>one</b>/<b>two</b>");
}

static void
test_nfc (void)
{
  /* "Việt" with decomposed diacritics: e + combining circumflex + combining dot below */
  g_autoptr(KlMarkup) m = kl_markup_parse ("Vie\xcc\x82\xcc\xa3t **Nam**\n");
  KlRun *run = run_at (block_at (m, 0)->runs, 0);

  g_assert_cmpstr (run->text, ==, "Vi\xe1\xbb\x87t ");
  g_assert_true (g_utf8_validate (run->text, -1, NULL));
}

static void
test_line_breaks (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("First\\\nsecond\\\\\nthird\n");
  KlBlock *b = block_at (m, 0);

  g_assert_cmpuint (b->runs->len, ==, 3);
  assert_run (b->runs, 0, "First", 0);
  assert_run (b->runs, 1, "", KL_RUN_LINE_BREAK);
  /* an escaped backslash at the end is not a break */
  assert_run (b->runs, 2, "second\\ third", 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */

static void
test_write_canonical (void)
{
  assert_canonical ("");
  assert_canonical ("# Phần thứ nhất\n\n## I. VỀ KINH TẾ\n\n### 1. Kinh tế\n\n"
                    "#### 1.1. Nông nghiệp\n\n##### a) Trồng trọt\n\n"
                    "Văn bản **đậm *cả hai* đậm** và *nghiêng*[^1].\n\n"
                    "- mục\n\n+ mục con\n\n(1) mục số\n\n"
                    "[^1]: Chú thích\\\ndòng hai\n\n"
                    "| TT | Chỉ tiêu |\n|---|---|\n| 1 | 27,6 |\n| 2 | |\n\n"
                    "{{targets 1}}\n\n{{chart bullet 2}}\n\n"
                    "Lưu ý: \\*, \\\\, \\[^x], ***cả hai***\n");
  /* headings, items and footnotes without text */
  assert_canonical ("#\n\n-\n\n(3)\n\n[^2]:\n");
}

static KlMarkup *
one_paragraph (const char *text)
{
  KlMarkup *m = kl_markup_new ();
  KlBlock *b = kl_block_new (KL_BLOCK_PARAGRAPH);

  g_ptr_array_add (b->runs, kl_run_new (text, 0));
  g_ptr_array_add (m->blocks, b);
  return m;
}

static void
test_write_escapes (void)
{
  /* text that looks like markup must survive as text */
  const char *texts[] = {
    "2 * 3 = 6 and **not bold**",
    "# not a heading",
    "- not an item",
    "+",
    "(1) not numbered",
    "[^1]: not a footnote",
    "see [^1] literally",
    "{{targets 1}}",
    "| not | a table |",
    "tab\tinside",
    "back\\slash at the end\\",
    "ends with [",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(KlMarkup) m = one_paragraph (texts[i]);
      g_autofree char *out = kl_markup_write (m);
      g_autoptr(KlMarkup) back = kl_markup_parse (out);
      g_autofree char *again = kl_markup_write (back);

      g_assert_cmpuint (back->blocks->len, ==, 1);
      g_assert_cmpint (block_at (back, 0)->type, ==, KL_BLOCK_PARAGRAPH);
      g_assert_cmpuint (block_at (back, 0)->runs->len, ==, 1);
      assert_run (block_at (back, 0)->runs, 0, texts[i], 0);
      g_assert_true (kl_markup_equal (m, back));
      g_assert_cmpstr (again, ==, out);
    }

  /* a reference followed by a colon is not a definition */
  {
    g_autoptr(KlMarkup) m = kl_markup_new ();
    KlBlock *b = kl_block_new (KL_BLOCK_PARAGRAPH);
    g_autofree char *out = NULL;
    g_autoptr(KlMarkup) back = NULL;

    g_ptr_array_add (b->runs, kl_run_new ("7", KL_RUN_FOOTNOTE_REF));
    g_ptr_array_add (b->runs, kl_run_new (": after", 0));
    g_ptr_array_add (m->blocks, b);
    out = kl_markup_write (m);
    back = kl_markup_parse (out);
    g_assert_true (kl_markup_equal (m, back));
  }

  /* a styled run's edge spaces move outside the delimiters: the text is unchanged */
  {
    g_autoptr(KlMarkup) m = kl_markup_new ();
    KlBlock *b = kl_block_new (KL_BLOCK_PARAGRAPH);
    g_autofree char *out = NULL;
    g_autoptr(KlMarkup) back = NULL;
    g_autofree char *plain_a = NULL, *plain_b = NULL;

    g_ptr_array_add (b->runs, kl_run_new ("a", 0));
    g_ptr_array_add (b->runs, kl_run_new (" bold ", KL_RUN_BOLD));
    g_ptr_array_add (b->runs, kl_run_new ("b", 0));
    g_ptr_array_add (m->blocks, b);
    out = kl_markup_write (m);
    g_assert_cmpstr (out, ==, "a **bold** b\n");
    back = kl_markup_parse (out);
    plain_a = kl_markup_to_plain (m);
    plain_b = kl_markup_to_plain (back);
    g_assert_cmpstr (plain_a, ==, plain_b);
  }
}

static void
test_write_inline_safe (void)
{
  /* kl_runs_write_inline () output may be pasted as a paragraph, after a marker or in a cell */
  const char *texts[] = { "- dash item", "# hash", "| bar | inside", "---", "(2) numbered",
                          "{{targets 1}}", "a * b", "[^1]: x", "plain" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
      g_autofree char *inl = NULL, *para = NULL, *heading = NULL, *table = NULL;
      g_autoptr(KlMarkup) mp = NULL, mh = NULL, mt = NULL;
      GPtrArray *cells;

      g_ptr_array_add (runs, kl_run_new (texts[i], 0));
      g_ptr_array_add (runs, kl_run_new ("bold", KL_RUN_BOLD));
      inl = kl_runs_write_inline (runs);

      para = g_strdup_printf ("%s\n", inl);
      mp = kl_markup_parse (para);
      g_assert_cmpuint (mp->blocks->len, ==, 1);
      g_assert_cmpint (block_at (mp, 0)->type, ==, KL_BLOCK_PARAGRAPH);
      g_assert_true (kl_runs_equal (block_at (mp, 0)->runs, runs));

      heading = g_strdup_printf ("## %s\n", inl);
      mh = kl_markup_parse (heading);
      g_assert_cmpint (block_at (mh, 0)->type, ==, KL_BLOCK_HEADING);
      g_assert_true (kl_runs_equal (block_at (mh, 0)->runs, runs));

      table = g_strdup_printf ("| h |\n| %s | x |\n", inl);
      mt = kl_markup_parse (table);
      g_assert_cmpint (block_at (mt, 0)->type, ==, KL_BLOCK_TABLE);
      g_assert_cmpuint (block_at (mt, 0)->rows->len, ==, 2);
      cells = block_at (mt, 0)->rows->pdata[1];
      g_assert_cmpuint (cells->len, ==, 2);
      g_assert_true (kl_runs_equal (cells->pdata[0], runs));
    }

  /* a cell of dashes alone must not become a header separator */
  {
    g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
    g_autofree char *inl = NULL, *table = NULL;
    g_autoptr(KlMarkup) mt = NULL;

    g_ptr_array_add (runs, kl_run_new ("---", 0));
    inl = kl_runs_write_inline (runs);
    table = g_strdup_printf ("| h |\n| %s |\n", inl);
    mt = kl_markup_parse (table);
    g_assert_false (block_at (mt, 0)->header_row);
    g_assert_cmpuint (block_at (mt, 0)->rows->len, ==, 2);
  }
}

static void
test_write_items_default_marker (void)
{
  g_autoptr(KlMarkup) m = kl_markup_new ();
  KlBlock *b = kl_block_new (KL_BLOCK_ITEM);
  g_autofree char *out = NULL;

  b->level = 2;
  g_ptr_array_add (b->runs, kl_run_new ("sub", 0));
  g_ptr_array_add (m->blocks, b);
  out = kl_markup_write (m);
  g_assert_cmpstr (out, ==, "+ sub\n");
}

/* ------------------------------------------------------------------------------------------ */
/* Random structure round trip                                                                */

static const char *const alphabet[] = {
  "a", "b", "c", "đ", "ệ", "Ư", "ố", "x", "7", "0", ".", ",", ";", ":", "-", "+", "(", ")",
  "*", "**", "#", "|", "[", "]", "^", "[^", "\\", "{", "{{", "}", "}}", "_", "`", "<", ">",
  "\t", "\xc2\xa0", "%", "/", "'", "\"", "!", "?", "~", "=", "---", "1)", "(1)",
};

static char *
random_word (GRand *r)
{
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (r, 1, 5);

  for (guint i = 0; i < n; i++)
    g_string_append (s, alphabet[g_rand_int_range (r, 0, G_N_ELEMENTS (alphabet))]);
  /* whitespace inside a word is fine, at its edges it would be trimmed */
  if (s->str[0] == '\t' || g_str_has_prefix (s->str, "\xc2\xa0"))
    g_string_prepend_c (s, 'w');
  if (s->str[s->len - 1] == '\t' || g_str_has_suffix (s->str, "\xc2\xa0"))
    g_string_append_c (s, 'w');
  return g_string_free (s, FALSE);
}

static char *
random_text (GRand *r)
{
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (r, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *w = random_word (r);

      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, w);
    }
  return g_string_free (s, FALSE);
}

static char *
random_label (GRand *r)
{
  static const char chars[] = "abcz0123456789-";
  char buf[5] = { 0 };
  guint n = g_rand_int_range (r, 1, 5);

  for (guint i = 0; i < n; i++)
    buf[i] = chars[g_rand_int_range (r, 0, sizeof chars - 1)];
  return g_strdup (buf);
}

/* Runs in the form the parser produces: styled text never starts or ends with a space, a
 * separating space is its own plain run, no break at the end. */
static GPtrArray *
random_runs (GRand    *r,
             gboolean  allow_breaks)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
  guint n = g_rand_int_range (r, 1, 7);
  static const KlRunFlags styles[] = { 0, 0, KL_RUN_BOLD, KL_RUN_ITALIC,
                                       KL_RUN_BOLD | KL_RUN_ITALIC };

  for (guint i = 0; i < n; i++)
    {
      guint kind = g_rand_int_range (r, 0, 10);
      KlRun *last = runs->len > 0 ? runs->pdata[runs->len - 1] : NULL;

      if (kind == 0 && allow_breaks && i > 0 && i + 1 < n
          && !(last->flags & KL_RUN_LINE_BREAK))
        g_ptr_array_add (runs, kl_run_new ("", KL_RUN_LINE_BREAK));
      else if (kind == 1)
        {
          g_autofree char *label = random_label (r);
          g_ptr_array_add (runs, kl_run_new (label, KL_RUN_FOOTNOTE_REF));
        }
      else if (kind == 2 && last != NULL && i + 1 < n && !(last->flags & KL_RUN_LINE_BREAK)
               && last->text[0] != '\0')
        {
          g_ptr_array_add (runs, kl_run_new (" ", 0));
          /* the next run must not be a break */
          {
            g_autofree char *t = random_text (r);
            g_ptr_array_add (runs, kl_run_new (t, styles[g_rand_int_range (r, 0, 5)]));
          }
          i++;
        }
      else
        {
          g_autofree char *t = random_text (r);
          g_ptr_array_add (runs, kl_run_new (t, styles[g_rand_int_range (r, 0, 5)]));
        }
    }
  /* a plain " " between two runs of the same style as itself would just merge: fine */
  while (runs->len > 0
         && (((KlRun *) runs->pdata[runs->len - 1])->flags & KL_RUN_LINE_BREAK))
    g_ptr_array_remove_index (runs, runs->len - 1);
  return runs;
}

static KlBlock *
random_block (GRand *r)
{
  KlBlock *b;
  static const char *const kinds[] = { "achievement", "bullet", "summary", "trend" };

  switch (g_rand_int_range (r, 0, 9))
    {
    case 0:
      b = kl_block_new (KL_BLOCK_HEADING);
      b->level = g_rand_int_range (r, 1, 6);
      break;
    case 1:
      {
        static const char *const markers[] = { "-", "+", "(1)", "(27)" };
        guint k = g_rand_int_range (r, 0, 4);

        b = kl_block_new (KL_BLOCK_ITEM);
        b->marker = g_strdup (markers[k]);
        b->level = k == 1 ? 2 : 1;
      }
      break;
    case 2:
      b = kl_block_new (KL_BLOCK_FOOTNOTE);
      b->label = random_label (r);
      break;
    case 3:
      {
        guint nrows = g_rand_int_range (r, 1, 5);

        b = kl_block_new (KL_BLOCK_TABLE);
        b->header_row = g_rand_boolean (r);
        for (guint i = 0; i < nrows; i++)
          {
            GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
            guint ncells = g_rand_int_range (r, 1, 5);

            for (guint c = 0; c < ncells; c++)
              {
                if (g_rand_int_range (r, 0, 5) == 0)
                  g_ptr_array_add (cells, g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free));
                else
                  g_ptr_array_add (cells, random_runs (r, FALSE));
              }
            g_ptr_array_add (b->rows, cells);
          }
        return b;
      }
    case 4:
      b = kl_block_new (KL_BLOCK_EMBED);
      b->embed_index = g_rand_int_range (r, 1, 20);
      if (g_rand_boolean (r))
        b->label = g_strdup ("targets");
      else
        {
          b->label = g_strdup ("chart");
          b->embed_kind = g_strdup (kinds[g_rand_int_range (r, 0, 4)]);
        }
      return b;
    default:
      b = kl_block_new (KL_BLOCK_PARAGRAPH);
      break;
    }
  g_ptr_array_unref (b->runs);
  b->runs = random_runs (r, TRUE);
  return b;
}

static void
test_random_roundtrip (void)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (20231207);
  guint trees = g_test_slow () ? 20000 : 3000;

  for (guint t = 0; t < trees; t++)
    {
      g_autoptr(KlMarkup) tree = kl_markup_new ();
      guint n = g_rand_int_range (r, 1, 8);
      g_autofree char *text = NULL, *again = NULL;
      g_autoptr(KlMarkup) back = NULL;

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (tree->blocks, random_block (r));

      text = kl_markup_write (tree);
      back = kl_markup_parse (text);
      if (!kl_markup_equal (tree, back))
        {
          g_autofree char *a = dump_markup (tree), *b = dump_markup (back);

          g_error ("tree %u does not survive the round trip; written as:\n%s\n"
                   "tree:\n%s\nparsed back:\n%s", t, text, a, b);
        }
      again = kl_markup_write (back);
      g_assert_cmpstr (again, ==, text);

      /* canonical text: blocks start on line 1 and on the line after each blank line */
      {
        g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
        guint next = 0;

        for (guint l = 0; lines[l] != NULL && lines[l + 1] != NULL; l++)
          if (l == 0 || lines[l - 1][0] == '\0')
            {
              g_assert_cmpuint (next, <, back->blocks->len);
              g_assert_cmpuint (block_at (back, next)->line, ==, l + 1);
              next++;
            }
        g_assert_cmpuint (next, ==, back->blocks->len);
      }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Bad input                                                                                  */

/* parse → write must reach a fixed point after one step whatever the input */
static void
assert_stable (const char *text)
{
  g_autoptr(KlMarkup) m = kl_markup_parse (text);
  g_autofree char *once = kl_markup_write (m);
  g_autoptr(KlMarkup) m2 = kl_markup_parse (once);
  g_autofree char *twice = kl_markup_write (m2);
  g_autofree char *plain = kl_markup_to_plain (m);

  g_assert_true (g_utf8_validate (once, -1, NULL));
  g_assert_true (g_utf8_validate (plain, -1, NULL));
  if (!kl_markup_equal (m, m2) || g_strcmp0 (once, twice) != 0)
    {
      gsize d = 0;
      guint blk = 0;
      g_autofree char *a = NULL, *b = NULL;
      g_autoptr(KlMarkup) ma = kl_markup_new (), mb = kl_markup_new ();

      while (once[d] != '\0' && once[d] == twice[d])
        d++;
      while (blk < m->blocks->len && blk < m2->blocks->len
             && kl_block_equal (m->blocks->pdata[blk], m2->blocks->pdata[blk]))
        blk++;
      if (blk < m->blocks->len)
        g_ptr_array_add (ma->blocks, kl_block_copy (m->blocks->pdata[blk]));
      if (blk < m2->blocks->len)
        g_ptr_array_add (mb->blocks, kl_block_copy (m2->blocks->pdata[blk]));
      a = dump_markup (ma);
      b = dump_markup (mb);
      g_error ("not stable at byte %" G_GSIZE_FORMAT ", block %u:\nwritten:\n%.300s\n"
               "again:\n%.300s\ntree:\n%.600s\nagain:\n%.600s", d, blk,
               once + (d > 150 ? d - 150 : 0), twice + (d > 150 ? d - 150 : 0), a, b);
    }
}

static void
test_bad_unterminated (void)
{
  const char *inputs[] = {
    "**", "***", "*", "**bold", "a **b *c", "[^", "[^1", "a[^", "{{", "{{targets", "{{chart}}",
    "\\", "\\\\\\", "|", "||", "| a", "\t", "#", "- ", "(1)", "[^1]:", "\n\n\n", " \n \n",
    "**a\\\n", "a\\\n\\\n", "*a\\\n*", "| --- |\n|---|", "[^x]:\n|a|\n",
    "\\\n- x", "**\\\n**", "# **a\\\n- b**",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_stable (inputs[i]);

  assert_inline ("**bold", "**bold");
  assert_inline ("{{targets 1", "{{targets 1");
}

static void
test_bad_crlf_bom (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("\xEF\xBB\xBF# Heading\r\n\r\nline one\r\nline two\r\n\r\n"
                                           "- item\rnext\r\n");
  KlBlock *b;

  g_assert_cmpuint (m->blocks->len, ==, 3);
  b = block_at (m, 0);
  g_assert_cmpint (b->type, ==, KL_BLOCK_HEADING);
  assert_run (b->runs, 0, "Heading", 0);
  b = block_at (m, 1);
  assert_run (b->runs, 0, "line one line two", 0);
  g_assert_cmpuint (b->line, ==, 3);
  b = block_at (m, 2);
  g_assert_cmpint (b->type, ==, KL_BLOCK_ITEM);
  g_assert_cmpuint (b->line, ==, 6);
  assert_run (b->runs, 0, "item next", 0);
}

static void
test_bad_invalid_utf8 (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("ab\xff\xfe **c\xc3** d\xe1\xbb\n");
  g_autofree char *plain = kl_markup_to_plain (m);
  g_autoptr(GPtrArray) runs = kl_runs_parse_inline ("x\xff*y*");

  g_assert_true (g_utf8_validate (plain, -1, NULL));
  g_assert_nonnull (strstr (plain, "\xef\xbf\xbd"));
  g_assert_cmpuint (runs->len, ==, 2);
  assert_run (runs, 1, "y", KL_RUN_ITALIC);
  assert_stable ("ab\xff\xfe **c\xc3** d\xe1\xbb\n");
}

static double
time_parse (const char *text)
{
  g_autoptr(KlMarkup) m = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();

  m = kl_markup_parse (text);
  out = kl_markup_write (m);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
test_bad_huge_line (void)
{
  const gsize size = 1024 * 1024;
  g_autoptr(GString) s = g_string_sized_new (size);
  g_autoptr(KlMarkup) m = NULL;
  double seconds;

  /* one line of words and unmatched openers */
  while (s->len < size)
    g_string_append (s, "**từ *mở [^ {{ \\ ");
  seconds = time_parse (s->str);
  g_test_message ("1 MB line of unmatched markers: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 20.0);

  m = kl_markup_parse (s->str);
  g_assert_cmpuint (m->blocks->len, ==, 1);
  g_assert_cmpuint (block_at (m, 0)->runs->len, ==, 1);

  /* linear time: four times the input may not take sixteen times as long (the slack keeps
   * small timings on a busy machine from failing) */
  {
    g_autofree char *quarter = g_strndup (s->str, size / 4);
    double t_quarter, t_full;

    /* cut on a character boundary */
    *g_utf8_find_prev_char (quarter, quarter + strlen (quarter)) = '\0';
    t_quarter = time_parse (quarter);
    t_full = time_parse (s->str);
    g_test_message ("256 KB: %.3f s, 1 MB: %.3f s", t_quarter, t_full);
    g_assert_cmpfloat (t_full, <, 8 * t_quarter + 0.5);
  }
}

static void
test_bad_deep_nesting (void)
{
  const guint depth = 200000;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(KlMarkup) m = NULL;
  double seconds;

  /* 200 000 nested openers closed at once, then as many unclosed ones */
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "**a *");
  g_string_append (s, "x");
  for (guint i = 0; i < depth; i++)
    g_string_append (s, "*");
  g_string_append (s, "\n\n");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '*');
  g_string_append (s, "y");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '*');

  seconds = time_parse (s->str);
  g_test_message ("deep nesting (%u levels): %.3f s", depth, seconds);
  g_assert_cmpfloat (seconds, <, 20.0);

  m = kl_markup_parse (s->str);
  g_assert_cmpuint (m->blocks->len, ==, 2);
  assert_stable (s->str);
}

static void
test_bad_random_bytes (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autoptr(GRand) r = g_rand_new_with_seed (424242);
  g_autoptr(GString) s = g_string_sized_new (size + 8);
  static const char markup_chars[] = "*#|[]^\\{}-+() \n\t:";
  double seconds;

  /* valid UTF-8, weighted towards markup characters and line ends */
  while (s->len < size)
    {
      guint pick = g_rand_int_range (r, 0, 10);
      gunichar c;

      if (pick < 4)
        c = markup_chars[g_rand_int_range (r, 0, sizeof markup_chars - 1)];
      else if (pick < 7)
        c = g_rand_int_range (r, 0x20, 0x7f);
      else if (pick < 9)
        c = g_rand_int_range (r, 0xa0, 0x2000);
      else
        c = g_rand_int_range (r, 1, 0x10ffff);
      if ((c >= 0xd800 && c <= 0xdfff) || c == 0)
        continue;
      g_string_append_unichar (s, c);
    }
  g_assert_true (g_utf8_validate (s->str, s->len, NULL));

  seconds = time_parse (s->str);
  g_test_message ("10 MB of random UTF-8: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 60.0);
  assert_stable (s->str);
}

/* ------------------------------------------------------------------------------------------ */
/* Plain text, copies, seeds                                                                  */

static void
test_plain (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("## I. **Kinh tế**\n\nTăng *7,2%*[^1]\\\ntiếp\n\n"
                                           "- mục\n\n| a | b |\n| 1 | 2 |\n\n{{targets 1}}\n\n"
                                           "[^1]: ghi chú\n");
  g_autofree char *plain = kl_markup_to_plain (m);
  g_autofree char *runs_plain = kl_runs_to_plain (block_at (m, 1)->runs);

  g_assert_cmpstr (runs_plain, ==, "Tăng 7,2%\ntiếp");
  g_assert_cmpstr (plain, ==, "I. Kinh tế\nTăng 7,2%\ntiếp\nmục\na\tb\n1\t2\nghi chú");
}

static void
test_copy_equal (void)
{
  g_autoptr(KlMarkup) m = kl_markup_parse ("# A\n\ntext **b**\n\n| x | y |\n|---|---|\n\n{{chart trend 1}}\n");
  g_autoptr(KlMarkup) copy = kl_markup_copy (m);
  g_autoptr(KlMarkup) other = kl_markup_parse ("# A\n\ntext *b*\n\n| x | y |\n|---|---|\n\n{{chart trend 1}}\n");
  g_autoptr(KlMarkup) other2 = kl_markup_parse ("# A\n\ntext **b**\n\n| x | y |\n\n{{chart trend 1}}\n");

  g_assert_true (kl_markup_equal (m, copy));
  g_assert_cmpuint (block_at (copy, 1)->line, ==, 3);
  g_assert_false (kl_markup_equal (m, other));
  g_assert_false (kl_markup_equal (m, other2));
}

static void
test_seeds (void)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint files = 0, total_headings = 0, total_tables = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("KETLUAN_SEEDS is not set");
      return;
    }
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(KlMarkup) m = NULL;
      guint headings = 0, tables = 0;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      m = kl_markup_parse (contents);
      g_assert_cmpuint (m->blocks->len, >, 10);
      for (guint i = 0; i < m->blocks->len; i++)
        {
          KlBlock *b = m->blocks->pdata[i];

          headings += b->type == KL_BLOCK_HEADING;
          tables += b->type == KL_BLOCK_TABLE;
          g_assert_cmpuint (b->line, >=, 1);
        }
      g_test_message ("%s: %u blocks, %u headings, %u tables", name, m->blocks->len, headings,
                      tables);
      total_headings += headings;
      total_tables += tables;
      assert_stable (contents);
      files++;
    }
  g_assert_cmpuint (files, >, 0);
  g_assert_cmpuint (total_headings, >, 0);
  g_assert_cmpuint (total_tables, >, 0);
}

static void
test_seed_target_table (void)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(KlMarkup) m = NULL;
  gboolean found = FALSE;

  if (dir == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS is not set");
      return;
    }
  path = g_build_filename (dir, "001_7403cd4725ee3072.txt", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("seed 001 is missing");
      return;
    }
  m = kl_markup_parse (contents);
  /* the tab-separated target table: row "3.1 … Tấn", with "<b>" kept as text for the importer */
  for (guint i = 0; i < m->blocks->len && !found; i++)
    {
      KlBlock *b = m->blocks->pdata[i];

      if (b->type != KL_BLOCK_TABLE)
        continue;
      for (guint r = 0; r < b->rows->len; r++)
        {
          GPtrArray *cells = b->rows->pdata[r];
          g_autofree char *first = NULL, *unit = NULL;

          if (cells->len < 3)
            continue;
          first = kl_runs_to_plain (cells->pdata[0]);
          unit = kl_runs_to_plain (cells->pdata[2]);
          if (g_str_equal (first, "3.1"))
            {
              g_assert_cmpstr (unit, ==, "Tấn");
              g_assert_cmpuint (cells->len, ==, 7);
              g_assert_cmpuint (b->line, ==, 325);
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
}

/* Adjacent runs whose star runs touch ("**c *i******g** g*", found by the fuzzer): the
 * writer must not join delimiters into a run the parser splits differently. */
static void
test_write_adjacent_stars (void)
{
  static const char *const inputs[] = {
    "**c *i******g** g*",
    "***a**b*",
    "*a**b***",
    "**a***b*",
    "***a*b**",
    "*a***b**",
    "**a**b",
    "a**b**",
    "*a**b**c*",
    "**a*b*c**",
    "***a***b",
    "*a*b*c*",
    "**a****b**",
    "*a***b***c*",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(KlMarkup) first = kl_markup_parse (inputs[i]);
      g_autofree char *written = kl_markup_write (first);
      g_autoptr(KlMarkup) second = kl_markup_parse (written);
      g_autofree char *rewritten = kl_markup_write (second);

      if (!kl_markup_equal (first, second))
        g_error ("input '%s' was written as '%s', which reads back differently",
                 inputs[i], written);
      g_assert_cmpstr (written, ==, rewritten);
    }

  /* runs cut with no separator between different emphasis */
  {
    g_autoptr(KlMarkup) m = kl_markup_new ();
    KlBlock *b = kl_block_new (KL_BLOCK_PARAGRAPH);
    g_autoptr(KlMarkup) back = NULL;
    g_autofree char *written = NULL;

    g_ptr_array_add (b->runs, kl_run_new ("x", KL_RUN_BOLD | KL_RUN_ITALIC));
    g_ptr_array_add (b->runs, kl_run_new ("y", KL_RUN_BOLD));
    g_ptr_array_add (b->runs, kl_run_new ("z", KL_RUN_ITALIC));
    g_ptr_array_add (b->runs, kl_run_new ("w", KL_RUN_BOLD | KL_RUN_ITALIC));
    g_ptr_array_add (b->runs, kl_run_new ("v", 0));
    g_ptr_array_add (m->blocks, b);
    written = kl_markup_write (m);
    back = kl_markup_parse (written);
    if (!kl_markup_equal (m, back))
      g_error ("runs x|y|z|w|v were written as '%s', which reads back differently", written);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/markup/block/paragraphs", test_paragraphs);
  g_test_add_func ("/core/markup/block/headings", test_headings);
  g_test_add_func ("/core/markup/block/heading-bold", test_heading_bold);
  g_test_add_func ("/core/markup/block/items", test_items);
  g_test_add_func ("/core/markup/block/footnotes", test_footnotes);
  g_test_add_func ("/core/markup/block/tables", test_tables);
  g_test_add_func ("/core/markup/block/embeds", test_embeds);
  g_test_add_func ("/core/markup/block/no-blank-line", test_block_starts_without_blank_line);
  g_test_add_func ("/core/markup/inline/emphasis", test_inline_emphasis);
  g_test_add_func ("/core/markup/inline/unmatched", test_inline_unmatched);
  g_test_add_func ("/core/markup/inline/escapes", test_inline_escapes);
  g_test_add_func ("/core/markup/inline/refs-breaks", test_inline_refs_breaks);
  g_test_add_func ("/core/markup/inline/nfc", test_nfc);
  g_test_add_func ("/core/markup/inline/line-breaks", test_line_breaks);
  g_test_add_func ("/core/markup/write/canonical", test_write_canonical);
  g_test_add_func ("/core/markup/write/escapes", test_write_escapes);
  g_test_add_func ("/core/markup/write/item-marker", test_write_items_default_marker);
  g_test_add_func ("/core/markup/write/inline-safe", test_write_inline_safe);
  g_test_add_func ("/core/markup/write/adjacent-stars", test_write_adjacent_stars);
  g_test_add_func ("/core/markup/roundtrip/random", test_random_roundtrip);
  g_test_add_func ("/core/markup/bad/unterminated", test_bad_unterminated);
  g_test_add_func ("/core/markup/bad/crlf-bom", test_bad_crlf_bom);
  g_test_add_func ("/core/markup/bad/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/core/markup/bad/huge-line", test_bad_huge_line);
  g_test_add_func ("/core/markup/bad/deep-nesting", test_bad_deep_nesting);
  g_test_add_func ("/core/markup/bad/random-bytes", test_bad_random_bytes);
  g_test_add_func ("/core/markup/plain", test_plain);
  g_test_add_func ("/core/markup/copy-equal", test_copy_equal);
  g_test_add_func ("/core/markup/seeds/all", test_seeds);
  g_test_add_func ("/core/markup/seeds/target-table", test_seed_target_table);

  return g_test_run ();
}
