/* test-render-pagination.c: page breaks, keeps, footnotes, repeated table headers, page numbers. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <poppler.h>

#include "kl-renderer.h"
#include "kl-paginator.h"

/* poppler-glib 22.12 has no autoptr for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

/* Filler sentences written for the tests (not from the seeds). */
static const char *words[] = {
  "chỉ đạo", "triển khai", "kế hoạch", "thực hiện", "đạt", "vượt", "nhiệm vụ", "trọng tâm",
  "các xã", "thị trấn", "cơ quan", "đoàn thể", "năm", "quý", "nâng cao", "chất lượng",
};

static char *
filler (guint seed, guint n_words)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "Đoạn %u:", seed);
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (s, " %s", words[(seed * 7 + i * 3) % G_N_ELEMENTS (words)]);
  g_string_append (s, ".");
  return g_string_free (s, FALSE);
}

static KlDocument *
make_doc (const char *body)
{
  KlDocument *doc = kl_document_new ("TB");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M HUYỆN ỦY", "PHÓ BÍ THƯ", "Nguyễn Văn An");
  const char *recipients[] = { "- Ban Thường vụ Tỉnh ủy (báo cáo),", "- Các đồng chí Huyện ủy viên,",
                               "- Lưu Văn phòng Huyện ủy.", NULL };

  kl_document_set_superior (doc, "ĐẢNG BỘ TỈNH MẪU");
  kl_document_set_issuer (doc, "HUYỆN ỦY MẪU");
  kl_document_set_issuer_abbreviation (doc, "HU");
  kl_document_set_number (doc, 12);
  kl_document_set_place (doc, "Mẫu Sơn");
  kl_document_set_date (doc, "2024-02-05");
  kl_document_set_summary (doc, "kết luận của Ban Thường vụ tại hội nghị thử nghiệm");
  kl_document_set_signer (doc, signer);
  kl_document_set_recipients (doc, recipients);
  kl_document_set_body (doc, body);
  return doc;
}

static KlPages *
lay_out (KlDocument *doc, const KlPageStyle *style_in)
{
  g_autoptr(GError) error = NULL;
  KlPageStyle style;
  KlPages *pages;

  if (style_in)
    style = *style_in;
  else
    kl_page_style_init_default (&style);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
  return pages;
}

static KlPage *
page_at (KlPages *pages, guint i)
{
  return pages->pages->pdata[i];
}

/* The text of the lines a TEXT item shows. */
static char *
item_text (KlItem *item)
{
  const char *all = pango_layout_get_text (item->text->layout);
  GString *s = g_string_new (NULL);

  for (int i = item->first_line; i < item->first_line + item->n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (item->text->layout, i);
      g_string_append_len (s, all + line->start_index, line->length);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* First TEXT item containing @needle, searching from page @from; its page in *page_out. */
static KlItem *
find_item (KlPages *pages, guint from, const char *needle, guint *page_out)
{
  for (guint p = from; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          g_autofree char *text = NULL;

          if (item->type != KL_ITEM_TEXT)
            continue;
          text = item_text (item);
          if (strstr (text, needle) != NULL)
            {
              if (page_out)
                *page_out = p;
              return item;
            }
        }
    }
  return NULL;
}

static double
item_top (KlItem *item)
{
  return item->y + item->text->top[item->first_line];
}

static double
item_bottom (KlItem *item)
{
  return item->y + item->text->bottom[item->first_line + item->n_lines - 1];
}

static void
test_no_widow_orphan (void)
{
  /* Many paragraphs of 1 to 9 lines so that every kind of split happens somewhere. */
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  guint split = 0;

  for (guint i = 0; i < 160; i++)
    {
      g_autofree char *p = filler (i, 4 + (i * 13) % 110);
      g_string_append_printf (body, "%s\n\n", p);
    }
  doc = make_doc (body->str);
  pages = lay_out (doc, NULL);
  g_assert_cmpuint (kl_pages_get_n_pages (pages), >, 5);

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          if (item->type != KL_ITEM_TEXT || item->n_lines == item->text->n_lines)
            continue;
          split++;
          /* A split paragraph keeps at least two lines on each side of the break. */
          g_assert_cmpint (item->n_lines, >=, 2);
        }
    }
  g_assert_cmpuint (split, >, 5);
}

static void
test_heading_kept_with_next (void)
{
  gboolean seen_page[2] = { FALSE, FALSE };

  /* Move the heading through every position near the foot of page 1. */
  for (guint n = 0; n < 70; n++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(KlPages) pages = NULL;
      guint hp = 0, pp = 0;
      KlItem *heading, *para;

      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *p = filler (i, i == 0 ? 5 + n * 4 : 30);
          g_string_append_printf (body, "%s\n\n", p);
        }
      g_string_append (body, "### 7. Về nội dung giữ với đoạn sau\n\n"
                             "Nội dung ngay sau tiêu đề, đủ dài để chiếm hai dòng trên trang in, "
                             "với các nhiệm vụ và giải pháp trọng tâm của năm tới.\n");
      doc = make_doc (body->str);
      pages = lay_out (doc, NULL);
      heading = find_item (pages, 0, "7. Về nội dung giữ", &hp);
      para = find_item (pages, 0, "Nội dung ngay sau", &pp);
      g_assert_nonnull (heading);
      g_assert_nonnull (para);
      g_assert_cmpuint (hp, ==, pp);
      g_assert_cmpint (para->n_lines, >=, MIN (2, para->text->n_lines));
      if (hp < 2)
        seen_page[hp] = TRUE;
    }
  /* The loop did cross the page break. */
  g_assert_true (seen_page[0] && seen_page[1]);
}

static void
test_signature_not_alone (void)
{
  for (guint n = 0; n < 45; n++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(KlPages) pages = NULL;
      guint sp = 0, lp = 0, np = 0;
      KlItem *last;

      for (guint i = 0; i < 6; i++)
        {
          g_autofree char *p = filler (i, 40 + (i == 0 ? n * 4 : 0));
          g_string_append_printf (body, "%s\n\n", p);
        }
      g_string_append (body, "Cuối cùng, đề nghị các cơ quan thực hiện nghiêm túc kết luận này và "
                             "báo cáo kết quả về Ban Thường vụ để theo dõi, chỉ đạo./.\n");
      doc = make_doc (body->str);
      pages = lay_out (doc, NULL);
      g_assert_nonnull (find_item (pages, 0, "T/M HUYỆN ỦY", &sp));
      g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &np));
      last = find_item (pages, sp, "Ban Thường vụ để theo dõi", &lp);
      /* The signer block is one piece, and the end of the body is on its page. */
      g_assert_cmpuint (sp, ==, np);
      g_assert_nonnull (last);
      g_assert_cmpuint (lp, ==, sp);
    }
}

static void
test_signature_after_table (void)
{
  gboolean moved = FALSE;

  for (guint n = 20; n < 60; n++)
    {
      g_autoptr(GString) body = g_string_new ("Bảng tổng hợp:\n\n| TT | Nội dung | Số |\n|---|---|---|\n");
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(KlPages) pages = NULL;
      g_autofree char *last = g_strdup_printf ("Dòng cuối %u", n);
      guint sp = 0, lp = 0;

      for (guint r = 1; r < n; r++)
        g_string_append_printf (body, "| %u | Dòng %u | %u |\n", r, r, r * 3);
      g_string_append_printf (body, "| %u | %s | 1 |\n", n, last);
      doc = make_doc (body->str);
      pages = lay_out (doc, NULL);
      g_assert_nonnull (find_item (pages, 0, "T/M HUYỆN ỦY", &sp));
      g_assert_nonnull (find_item (pages, 0, last, &lp));
      /* The last row of the table goes with the signature block. */
      g_assert_cmpuint (lp, ==, sp);
      if (sp > 0 && find_item (pages, sp, "Nội dung", NULL) != NULL)
        moved = TRUE;
    }
  /* Some of the sizes pushed the block over, with the header row repeated. */
  g_assert_true (moved);
}

typedef struct {
  guint page;
  double top;
} Where;

static void
test_footnotes_on_referencing_page (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;
  Where refs[40], notes[40];
  guint found_refs = 0;

  kl_page_style_init_default (&style);
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *p = filler (i, 20 + (i * 17) % 90);
      /* Labels are arbitrary words: printed numbers run 1, 2, 3… */
      g_string_append_printf (body, "%s Có chú thích[^n%u] ở đây.\n\n", p, i);
    }
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *p = filler (100 + i, 10 + (i * 29) % 80);
      g_string_append_printf (body, "[^n%u]: Chú thích thứ %u. %s\n\n", i, i, p);
    }
  doc = make_doc (body->str);
  pages = lay_out (doc, &style);

  memset (refs, 0, sizeof refs);
  memset (notes, 0, sizeof notes);
  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      double body_bottom = 0, notes_top = G_MAXDOUBLE;

      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          const char *all;
          if (item->type != KL_ITEM_TEXT)
            continue;
          all = pango_layout_get_text (item->text->layout);
          if (g_str_has_prefix (all, "Đoạn"))
            body_bottom = MAX (body_bottom, item_bottom (item));
          for (guint r = 0; r < item->text->refs->len; r++)
            {
              KlTextRef *ref = &g_array_index (item->text->refs, KlTextRef, r);
              if (ref->line >= item->first_line && ref->line < item->first_line + item->n_lines &&
                  ref->number < 40)
                {
                  refs[ref->number].page = p + 1;
                  found_refs++;
                }
            }
          if (g_str_has_prefix (all, "(") && strstr (all, "Chú thích thứ") != NULL)
            {
              guint n = (guint) g_ascii_strtoull (all + 1, NULL, 10);
              g_autofree char *expect = g_strdup_printf ("(%u) Chú thích thứ %u.", n, n);
              /* Printed numbers follow the order of reference, whatever the labels. */
              g_assert_true (g_str_has_prefix (all, expect));
              notes_top = MIN (notes_top, item_top (item));
              if (item->first_line == 0)
                {
                  notes[n].page = p + 1;
                  notes[n].top = item_top (item);
                }
              g_assert_cmpfloat (item_bottom (item), <=, page->height - style.margin_bottom + 0.01);
            }
        }
      /* Footnotes sit below the body text of their page. */
      if (notes_top < G_MAXDOUBLE)
        g_assert_cmpfloat (notes_top, >, body_bottom);
    }
  g_assert_cmpuint (found_refs, ==, 30);
  for (guint n = 1; n <= 30; n++)
    {
      g_assert_cmpuint (refs[n].page, !=, 0);
      g_assert_cmpuint (notes[n].page, ==, refs[n].page);
    }
}

/* References in the last lines above a page break: the note still starts on that page. */
static void
test_footnote_near_page_foot (void)
{
  guint cut = 0;

  for (guint n = 0; n < 60; n++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(KlPages) pages = NULL;
      g_autofree char *first = filler (0, 5 + n * 5);
      guint ref_page = 0, note_page = G_MAXUINT;

      g_string_append_printf (body, "%s\n\n", first);
      {
        g_autofree char *p = filler (1, 70);
        g_string_append_printf (body, "%s Kết thúc đoạn có chú thích[^k].\n\n", p);
      }
      {
        g_autofree char *p = filler (9, 300);
        g_autofree char *q = filler (10, 90);
        g_string_append_printf (body, "%s\n\n[^k]: Chú thích cuối trang. %s\n", p, q);
      }
      doc = make_doc (body->str);
      pages = lay_out (doc, NULL);
      for (guint p = 0; p < pages->pages->len; p++)
        {
          KlPage *page = page_at (pages, p);
          for (guint i = 0; i < page->items->len; i++)
            {
              KlItem *item = page->items->pdata[i];
              if (item->type != KL_ITEM_TEXT)
                continue;
              for (guint r = 0; r < item->text->refs->len; r++)
                {
                  KlTextRef *ref = &g_array_index (item->text->refs, KlTextRef, r);
                  if (ref->line >= item->first_line && ref->line < item->first_line + item->n_lines)
                    ref_page = p;
                }
              if (strstr (pango_layout_get_text (item->text->layout), "Chú thích cuối trang") &&
                  item->first_line == 0)
                {
                  note_page = p;
                  g_assert_cmpint (item->n_lines, >=, MIN (2, item->text->n_lines));
                  if (item->n_lines < item->text->n_lines)
                    cut++;
                }
            }
        }
      g_assert_cmpuint (note_page, ==, ref_page);
    }
  /* Some positions had to cut the note and carry the rest over. */
  g_assert_cmpuint (cut, >, 0);
}

static void
test_long_footnote_continues (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlText *text = NULL;
  int lines = 0;
  guint first_page = G_MAXUINT, last_page = 0, ref_page = 0;

  for (guint i = 0; i < 700; i++)
    g_string_append_printf (note, "%s ", words[i % G_N_ELEMENTS (words)]);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *p = filler (i, 60);
      g_string_append_printf (body, "%s%s\n\n", p, i == 3 ? " Tham chiếu dài[^dai]." : "");
    }
  g_string_append_printf (body, "[^dai]: Chú thích rất dài %s\n", note->str);
  doc = make_doc (body->str);
  pages = lay_out (doc, NULL);
  g_assert_nonnull (find_item (pages, 0, "Tham chiếu dài", &ref_page));

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          if (item->type != KL_ITEM_TEXT ||
              strstr (pango_layout_get_text (item->text->layout), "Chú thích rất dài") == NULL)
            continue;
          text = item->text;
          lines += item->n_lines;
          first_page = MIN (first_page, p);
          last_page = MAX (last_page, p);
        }
    }
  g_assert_nonnull (text);
  /* Every line printed once, starting on the referencing page, running on over pages. */
  g_assert_cmpint (lines, ==, text->n_lines);
  g_assert_cmpuint (first_page, ==, ref_page);
  g_assert_cmpuint (last_page, >, first_page + 1);
}

static void
test_table_header_repeated (void)
{
  g_autoptr(GString) body = g_string_new ("Bảng số liệu:\n\n| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|\n");
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  guint pages_with_rows = 0;

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (body, "| Hàng %u | %u.000 | %u.100 |\n", i, i, i);
  g_string_append (body, "\nĐoạn kết sau bảng.\n");
  doc = make_doc (body->str);
  pages = lay_out (doc, NULL);

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      double header_y = -1, first_row_y = G_MAXDOUBLE;

      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          const char *all;
          if (item->type != KL_ITEM_TEXT)
            continue;
          all = pango_layout_get_text (item->text->layout);
          if (g_str_equal (all, "Chỉ tiêu"))
            header_y = item_top (item);
          else if (g_str_has_prefix (all, "Hàng "))
            first_row_y = MIN (first_row_y, item_top (item));
        }
      if (first_row_y == G_MAXDOUBLE)
        continue;
      pages_with_rows++;
      g_assert_cmpfloat (header_y, >=, 0);
      g_assert_cmpfloat (header_y, <, first_row_y);
    }
  g_assert_cmpuint (pages_with_rows, >=, 3);
  /* Number cells are right-aligned: their line starts well right of the cell's left. */
  {
    KlItem *cell = find_item (pages, 0, "5.000", NULL);
    g_assert_nonnull (cell);
    g_assert_cmpfloat (cell->text->x[0], >, 10);
  }
}

static void
test_page_numbers (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *p = filler (i, 60);
      g_string_append_printf (body, "%s\n\n", p);
    }
  doc = make_doc (body->str);
  kl_page_style_init_default (&style);
  pages = lay_out (doc, &style);
  g_assert_cmpuint (kl_pages_get_n_pages (pages), >=, 3);

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      g_autofree char *num = g_strdup_printf ("%u", p + 1);
      gboolean found = FALSE;

      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          if (item->type != KL_ITEM_TEXT || item_bottom (item) > style.margin_top)
            continue;
          /* Only the page number lives in the top margin. */
          g_assert_cmpstr (pango_layout_get_text (item->text->layout), ==, num);
          g_assert_cmpfloat (fabs (item->x + item->text->width / 2 - page->width / 2), <, 0.5);
          found = TRUE;
        }
      g_assert_true (found == (p > 0));
    }

  /* At the bottom when the style says so. */
  style.page_number_position = KL_PAGE_NUMBER_BOTTOM;
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, &style);
  {
    KlPage *page = page_at (pages, 1);
    gboolean found = FALSE;
    for (guint i = 0; i < page->items->len; i++)
      {
        KlItem *item = page->items->pdata[i];
        if (item->type == KL_ITEM_TEXT && item_top (item) > page->height - style.margin_bottom)
          {
            g_assert_cmpstr (pango_layout_get_text (item->text->layout), ==, "2");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

static KlReport *
make_report (guint n_rows)
{
  KlReport *report = kl_report_new ("Báo cáo thử nghiệm");
  GListStore *targets = kl_report_get_targets (report);

  kl_report_set_plan_label (report, "KH 2023");
  kl_report_set_actual_label (report, "TH 2023");
  kl_report_set_annex_title (report, "Biểu kết quả thực hiện các chỉ tiêu");
  kl_report_set_annex_note (report, "(Kèm theo Báo cáo số 12-BC/HU)");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Chỉ tiêu mẫu số %u", i + 1);
      g_autoptr(KlTarget) t = kl_target_new (code, name, "%");
      g_autoptr(KlValue) plan = kl_value_parse ("100", NULL);
      g_autoptr(KlValue) actual = kl_value_parse (i % 3 ? "105" : "90", NULL);

      kl_target_set_plan (t, plan);
      kl_target_set_actual (t, actual);
      g_list_store_append (targets, t);
    }
  return report;
}

static void
test_annex_new_page (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất của thân văn bản.\n");
  g_autoptr(KlReport) report = make_report (5);
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;
  guint sp = 0, ap = 0;
  double w, h;

  g_list_store_append (kl_document_get_reports (doc), report);
  pages = lay_out (doc, NULL);
  g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &sp));
  g_assert_nonnull (find_item (pages, 0, "BIỂU KẾT QUẢ THỰC HIỆN", &ap));
  g_assert_cmpuint (ap, ==, sp + 1);
  g_assert_nonnull (find_item (pages, ap, "Chỉ tiêu mẫu số 5", NULL));
  g_assert_nonnull (find_item (pages, ap, "Kèm theo Báo cáo số 12-BC/HU", NULL));

  /* Without a note of its own the annex says which document it belongs to. */
  kl_report_set_annex_note (report, NULL);
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, NULL);
  g_assert_nonnull (find_item (pages, ap, "(Kèm theo Thông báo số 12-TB/HU, ngày 05/2/2024)", NULL));

  kl_page_style_init_default (&style);
  style.annex_landscape = TRUE;
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, &style);
  kl_pages_get_page_size (pages, 0, &w, &h);
  g_assert_cmpfloat (w, <, h);
  kl_pages_get_page_size (pages, kl_pages_get_n_pages (pages) - 1, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 595.28, 0.01);

  /* Embedded in the body with {{targets 1}}: no annex page after the signature. */
  kl_document_set_body (doc, "Kết quả như bảng sau:\n\n{{targets 1}}\n\nĐoạn cuối.\n");
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, NULL);
  g_assert_nonnull (find_item (pages, 0, "Chỉ tiêu mẫu số 5", &ap));
  g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &sp));
  g_assert_cmpuint (ap, <=, sp);
  g_assert_null (find_item (pages, 0, "BIỂU KẾT QUẢ", NULL));
}

static void
test_big_document (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kl-render-big-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  KlPageStyle style;

  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *p = filler (i, 8 + (i * 11) % 70);
      g_string_append_printf (body, "%s%s\n\n", p, i == 10 ? "[^1]" : "");
      if (i == 1500)
        {
          g_string_append (body, "| TT | Chỉ tiêu | Số |\n|---|---|---|\n");
          for (guint r = 1; r <= 500; r++)
            g_string_append_printf (body, "| %u | Hàng số %u | %u |\n", r, r, r * 7);
          g_string_append (body, "\n");
        }
    }
  for (guint i = 0; i < 2200; i++)
    g_string_append_printf (note, "%s ", words[i % G_N_ELEMENTS (words)]);
  g_string_append_printf (body, "[^1]: %s\n", note->str);
  doc = make_doc (body->str);
  kl_page_style_init_default (&style);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kl_pages_get_n_pages (pages), >, 150);
  g_assert_true (kl_pages_write_pdf (pages, doc, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
  g_rmdir (dir);
}

/* A report of @n targets with names of one to three lines in the chart and ratios from
 * 60 % to 130 %. */
static KlReport *
many_targets (guint n)
{
  KlReport *report = kl_report_new ("Báo cáo thử");
  GListStore *targets = kl_report_get_targets (report);

  kl_report_set_plan_label (report, "KH năm 2024");
  kl_report_set_actual_label (report, "TH năm 2024");
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i);
      g_autofree char *name = filler (i, 2 + (i * 5) % 14);
      g_autofree char *plan = g_strdup_printf ("%u", 100 + i);
      g_autofree char *actual = g_strdup_printf ("%u", (100 + i) * (60 + (i * 13) % 71) / 100);
      g_autoptr(KlTarget) t = kl_target_new (code, name, "Tấn");
      g_autoptr(KlValue) pv = kl_value_parse (plan, NULL);
      g_autoptr(KlValue) av = kl_value_parse (actual, NULL);

      kl_target_set_plan (t, pv);
      kl_target_set_actual (t, av);
      g_list_store_append (targets, t);
    }
  return report;
}

/* Every item of every page stays between the margins; returns the chart items in order. */
static GPtrArray *
check_chart_parts (KlPages *pages, const KlPageStyle *style, guint *pages_with_chart)
{
  GPtrArray *parts = g_ptr_array_new ();

  *pages_with_chart = 0;
  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);
      double limit = page->height - style->margin_bottom;
      gboolean has = FALSE;

      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];

          if (item->type == KL_ITEM_CHART)
            {
              g_assert_cmpfloat (item->y, >=, style->margin_top - 0.01);
              /* A first part holds a few rows, unless it starts its page. */
              if (item->chart_split && item->row_first == 0 && item->row_end < 3)
                g_assert_cmpfloat (item->y, <=, style->margin_top + 30);
              g_assert_cmpfloat (item->y + item->h, <=, limit + 0.01);
              g_ptr_array_add (parts, item);
              has = TRUE;
            }
          else if (item->type == KL_ITEM_TEXT && item->y > style->margin_top)
            g_assert_cmpfloat (item->y + item->text->bottom[item->first_line + item->n_lines - 1], <=,
                               limit + 0.01);
        }
      if (has)
        (*pages_with_chart)++;
    }
  return parts;
}

/* A chart in the body whose target name has a letter the font lacks (the report not
 * shown as a table, so only the chart would show it) fails at the target's line. */
static void
test_chart_font_fallback_is_error (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Kết quả:\n\n{{chart achievement 1}}\n");
  g_autoptr(KlReport) report = many_targets (12);
  g_autoptr(KlTarget) odd = kl_target_new ("13", "Sản lượng 中 chè búp tươi", "Tấn");
  g_autoptr(KlValue) plan = kl_value_parse ("100", NULL);
  g_autoptr(KlValue) actual = kl_value_parse ("90", NULL);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  KlPageStyle style;

  kl_page_style_init_default (&style);
  g_list_store_append (kl_document_get_reports (doc), report);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
  g_clear_pointer (&pages, kl_pages_unref);

  kl_target_set_plan (odd, plan);
  kl_target_set_actual (odd, actual);
  kl_target_set_source_line (odd, 88);
  g_list_store_append (kl_report_get_targets (report), odd);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_null (pages);
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
  g_assert_true (g_str_has_prefix (error->message, "line 88: "));
  g_assert_nonnull (strstr (error->message, "中"));
}

static void
test_long_chart_split (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Kết quả thực hiện các chỉ tiêu:\n\n{{chart achievement 1}}\n\n"
                                        "Đoạn ngay sau biểu đồ.\n");
  g_autoptr(KlReport) report = many_targets (200);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kl-chart-split-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  guint n_chart_pages = 0, continued = 0;
  KlPageStyle style;

  g_assert_no_error (error);
  kl_page_style_init_default (&style);
  g_list_store_append (kl_document_get_reports (doc), report);
  pages = lay_out (doc, &style);
  parts = check_chart_parts (pages, &style, &n_chart_pages);

  /* 200 targets take several pages: one part per page, rows in order, none lost. */
  g_assert_cmpuint (n_chart_pages, >=, 4);
  g_assert_cmpuint (parts->len, ==, n_chart_pages);
  for (guint k = 0; k < parts->len; k++)
    {
      KlItem *item = parts->pdata[k];
      g_assert_true (item->chart_split);
      g_assert_cmpuint (item->row_first, ==, k == 0 ? 0 : ((KlItem *) parts->pdata[k - 1])->row_end);
      g_assert_cmpuint (item->row_end, >, item->row_first);
      g_assert_true (item->rows_last == (k + 1 == parts->len));
    }
  g_assert_cmpuint (((KlItem *) parts->pdata[parts->len - 1])->row_end, ==, 200);
  g_assert_nonnull (find_item (pages, 0, "Đoạn ngay sau biểu đồ", NULL));

  /* Read back: the continued parts repeat the title, and no glyph lies in the bottom margin. */
  path = g_build_filename (dir, "chart.pdf", NULL);
  g_assert_true (kl_pages_write_pdf (pages, doc, path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint i = 0; i < n_rects; i++)
        if (rects[i].x2 > rects[i].x1)
          g_assert_cmpfloat (rects[i].y2, <=, h - style.margin_bottom + 1.0);
      if (strstr (text, "(tiếp theo)") != NULL)
        continued++;
    }
  g_assert_cmpuint (continued, ==, parts->len - 1);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));

  /* Wherever on its page the chart starts, its parts keep between the margins. */
  for (guint n = 1; n < 36; n++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(KlDocument) d = NULL;
      g_autoptr(KlPages) pp = NULL;
      g_autoptr(GPtrArray) pts = NULL;
      guint np;

      /* One-line paragraphs move the chart's start down by less than a row or two. */
      for (guint i = 0; i < n; i++)
        g_string_append_printf (body, "Đoạn ngắn %u.\n\n", i);
      g_string_append (body, "{{chart achievement 1}}\n");
      d = make_doc (body->str);
      g_list_store_append (kl_document_get_reports (d), report);
      pp = lay_out (d, &style);
      pts = check_chart_parts (pp, &style, &np);
      g_assert_cmpuint (((KlItem *) pts->pdata[pts->len - 1])->row_end, ==, 200);
    }
}

/* The page of the signature block holds something of the block before it, whatever its
 * kind: a chart that fits a page goes whole with it, a chart longer than a page leaves
 * at least its last part with it, a one-row table its row. */
static void
test_signature_with_single_block (void)
{
  guint moved = 0;

  for (guint kind = 0; kind < 3; kind++)
    for (guint n = 0; n < 28; n += kind == 1 ? 4 : 1)
      {
        g_autoptr(GString) body = g_string_new (NULL);
        g_autoptr(KlDocument) doc = NULL;
        g_autoptr(KlReport) report = many_targets (kind == 1 ? 120 : 18);
        g_autoptr(KlPages) pages = NULL;
        g_autoptr(GPtrArray) parts = NULL;
        KlPageStyle style;
        guint sp = 0, n_chart_pages, first_body = 0;
        KlPage *page;
        gboolean before = FALSE;

        kl_page_style_init_default (&style);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *p = filler (i, 12 + (i * 7) % 25);
            g_string_append_printf (body, "%s\n\n", p);
          }
        if (kind < 2)
          g_string_append (body, "{{chart achievement 1}}\n");
        else
          g_string_append (body, "| Ô cuối một | Ô cuối hai |\n");
        doc = make_doc (body->str);
        g_list_store_append (kl_document_get_reports (doc), report);
        pages = lay_out (doc, &style);
        parts = check_chart_parts (pages, &style, &n_chart_pages);
        g_assert_nonnull (find_item (pages, 0, "T/M HUYỆN ỦY", &sp));
        page = page_at (pages, sp);
        for (guint i = 0; i < page->items->len; i++)
          {
            KlItem *item = page->items->pdata[i];
            g_autofree char *text = item->type == KL_ITEM_TEXT ? item_text (item) : NULL;

            if (text != NULL && strstr (text, "T/M HUYỆN ỦY"))
              break;
            if ((kind < 2 && item->type == KL_ITEM_CHART) ||
                (text != NULL && strstr (text, "Ô cuối một")))
              {
                before = TRUE;
                if (kind < 2)
                  g_assert_true (!item->chart_split || item->rows_last);
              }
          }
        g_assert_true (before);
        find_item (pages, 0, "Đoạn 0:", &first_body);
        if (n > 0 && sp > first_body && kind != 1)
          moved++;
      }
  /* Some of the lengths did push the block onto the signature's page. */
  g_assert_cmpuint (moved, >, 0);
}

/* The preview follows the text: every body block maps to the pages its text is on. */
static void
test_find_body_block (void)
{
  g_autoptr(GString) body = g_string_new ("# Phần thứ nhất\n\n");
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlDocument) empty = NULL;
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(KlPages) none = NULL;
  guint n_pages, first = 0, last = 0, prev_first = 0, split = 0, table_block, note_block;

  /* Blocks 1..90 are paragraphs "Đoạn i:", then a table, a paragraph and a footnote. */
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *p = filler (i, 6 + (i * 17) % 120);
      g_string_append_printf (body, "%s%s\n\n", p, i == 3 ? "[^1]" : "");
    }
  table_block = 91;
  g_string_append (body, "| TT | Chỉ tiêu |\n|---|---|\n| 1 | Hàng một |\n| 2 | Hàng hai |\n\n");
  g_string_append (body, "Đoạn cuối: hết.\n\n");
  note_block = 93;
  g_string_append (body, "[^1]: Chú thích của đoạn ba.\n\n[^9]: Chú thích không ai dẫn.\n");
  doc = make_doc (body->str);
  pages = lay_out (doc, NULL);
  n_pages = kl_pages_get_n_pages (pages);
  g_assert_cmpuint (n_pages, >, 8);

  g_assert_true (kl_pages_find_body_block (pages, 0, &first, &last));
  g_assert_cmpuint (first, ==, 0);
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *needle = g_strdup_printf ("Đoạn %u:", i);
      guint page = G_MAXUINT, end_page = G_MAXUINT;
      KlItem *item = find_item (pages, 0, needle, &page);

      g_assert_nonnull (item);
      g_assert_true (kl_pages_find_body_block (pages, i, &first, &last));
      g_assert_cmpuint (first, ==, page);
      g_assert_cmpuint (first, >=, prev_first);
      /* The last page holds the paragraph's last line. */
      end_page = first;
      for (guint p = first + 1; p < n_pages; p++)
        {
          KlPage *pg = page_at (pages, p);
          for (guint k = 0; k < pg->items->len; k++)
            {
              KlItem *it = pg->items->pdata[k];
              if (it->type == KL_ITEM_TEXT && it->text == item->text)
                end_page = p;
            }
        }
      g_assert_cmpuint (last, ==, end_page);
      if (last > first)
        split++;
      prev_first = first;
    }
  g_assert_cmpuint (split, >, 0);

  {
    guint page = G_MAXUINT;

    g_assert_nonnull (find_item (pages, 0, "Hàng hai", &page));
    g_assert_true (kl_pages_find_body_block (pages, table_block, &first, &last));
    g_assert_cmpuint (last, ==, page);
    g_assert_nonnull (find_item (pages, 0, "Đoạn cuối", &page));
    g_assert_true (kl_pages_find_body_block (pages, table_block + 1, &first, &last));
    g_assert_cmpuint (first, ==, page);
    /* A note no text refers to is on no page: the page of the block before it. */
    g_assert_true (kl_pages_find_body_block (pages, note_block + 1, &first, &last));
    g_assert_cmpuint (first, ==, page);
    g_assert_cmpuint (last, ==, page);
    /* Past the end (a cursor on a trailing empty line): the last block. */
    g_assert_true (kl_pages_find_body_block (pages, note_block + 40, &first, NULL));
    g_assert_cmpuint (first, ==, page);
    /* A footnote definition: the page its note is printed on, under the text that cites it. */
    g_assert_nonnull (find_item (pages, 0, "Chú thích của đoạn ba", &page));
    g_assert_cmpuint (page, <, n_pages - 3);
    g_assert_true (kl_pages_find_body_block (pages, note_block, &first, &last));
    g_assert_cmpuint (first, ==, page);
    g_assert_cmpuint (last, ==, page);
    g_assert_nonnull (find_item (pages, 0, "Đoạn 3:", &first));
    g_assert_cmpuint (first, ==, page);
  }

  empty = make_doc ("");
  none = lay_out (empty, NULL);
  g_assert_false (kl_pages_find_body_block (none, 0, &first, &last));
}

/* ---- charts on annex pages ---- */

/* The chart items of @pages, in order; their pages in @pages_out (may be NULL). */
static GPtrArray *
chart_items (KlPages *pages, GArray *pages_out)
{
  GPtrArray *items = g_ptr_array_new ();

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);

      for (guint i = 0; i < page->items->len; i++)
        if (((KlItem *) page->items->pdata[i])->type == KL_ITEM_CHART)
          {
            g_ptr_array_add (items, page->items->pdata[i]);
            if (pages_out != NULL)
              g_array_append_val (pages_out, p);
          }
    }
  return items;
}

/* The outline entry titled @prefix…, or NULL. */
static KlOutlineEntry *
find_outline (KlPages *pages, const char *prefix)
{
  for (guint i = 0; i < pages->outline->len; i++)
    {
      KlOutlineEntry *e = pages->outline->pdata[i];

      if (g_str_has_prefix (e->title, prefix))
        return e;
    }
  return NULL;
}

/* The page holding the destination @name. */
static guint
dest_page (KlPages *pages, const char *name)
{
  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = page_at (pages, p);

      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];

          if (item->type == KL_ITEM_DEST && g_strcmp0 (item->name, name) == 0)
            return p;
        }
    }
  g_assert_not_reached ();
  return 0;
}

/* The text poppler reads on page @index of @pages written as a PDF; the PDF in @pdf_out
 * (may be NULL). */
static char *
pdf_page_text (KlPages *pages, KlDocument *doc, guint index, PopplerDocument **pdf_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kl-annex-chart-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "annex.pdf", NULL);
  g_assert_true (kl_pages_write_pdf (pages, doc, path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_remove (path));
  g_assert_no_errno (g_rmdir (dir));
  page = poppler_document_get_page (pdf, (int) index);
  g_assert_nonnull (page);
  if (pdf_out != NULL)
    *pdf_out = g_steal_pointer (&pdf);
  return poppler_page_get_text (page);
}

/* An annex chart follows the target table on the annex pages, with its own outline entry
 * under the annex's, and reads back from the PDF on its page. */
static void
test_annex_chart_after_table (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất của thân văn bản.\n");
  g_autoptr(KlReport) report = make_report (8);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GArray) chart_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *text = NULL;
  PopplerIndexIter *index;
  KlOutlineEntry *annex, *chart;
  KlPageStyle style;
  KlItem *last_row, *item;
  guint sp = 0, ap = 0, rp = 0, cp;
  gboolean found_child = FALSE;

  kl_page_style_init_default (&style);
  kl_report_set_period (report, "năm 2023");
  g_list_store_append (kl_document_get_reports (doc), report);

  /* Without an annex chart, no chart is printed. */
  pages = lay_out (doc, &style);
  charts = chart_items (pages, NULL);
  g_assert_cmpuint (charts->len, ==, 0);
  g_assert_null (find_outline (pages, "Tỷ lệ thực hiện"));
  g_clear_pointer (&charts, g_ptr_array_unref);
  g_clear_pointer (&pages, kl_pages_unref);

  kl_report_set_annex_chart (report, "achievement");
  pages = lay_out (doc, &style);
  g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &sp));
  g_assert_nonnull (find_item (pages, 0, "BIỂU KẾT QUẢ THỰC HIỆN", &ap));
  g_assert_cmpuint (ap, ==, sp + 1);
  last_row = find_item (pages, ap, "Chỉ tiêu mẫu số 8", &rp);
  g_assert_nonnull (last_row);

  /* One chart, whole, of this report, after the table's last row, at the text width. */
  charts = chart_items (pages, chart_pages);
  g_assert_cmpuint (charts->len, ==, 1);
  item = charts->pdata[0];
  cp = g_array_index (chart_pages, guint, 0);
  g_assert_cmpint (item->chart_kind, ==, KL_CHART_ACHIEVEMENT);
  g_assert_false (item->chart_split);
  g_assert_cmpuint (item->reports->len, ==, 1);
  g_assert_true (item->reports->pdata[0] == (gpointer) report);
  g_assert_true (cp > rp || (cp == rp && item->y >= item_bottom (last_row)));
  g_assert_cmpfloat_with_epsilon (item->x, style.margin_left, 0.01);
  g_assert_cmpfloat_with_epsilon (item->w, style.paper_width - style.margin_left - style.margin_right, 0.01);
  g_assert_cmpfloat (item->y + item->h, <=, page_at (pages, cp)->height - style.margin_bottom + 0.01);

  /* The outline: the annex, and under it the chart by its title, pointing at its page. */
  annex = find_outline (pages, "Phụ lục 1");
  chart = find_outline (pages, "Tỷ lệ thực hiện so với kế hoạch năm 2023");
  g_assert_nonnull (annex);
  g_assert_nonnull (chart);
  g_assert_cmpint (annex->level, ==, 1);
  g_assert_cmpint (chart->level, ==, 2);
  g_assert_cmpuint (dest_page (pages, annex->dest), ==, ap);
  g_assert_cmpuint (dest_page (pages, chart->dest), ==, cp);

  /* Read back: the chart's title and a target's name on the chart's page, and the chart
   * under the annex in the PDF's outline. */
  text = pdf_page_text (pages, doc, cp, &pdf);
  g_assert_nonnull (strstr (text, "Tỷ lệ thực hiện so với kế hoạch năm 2023"));
  g_assert_nonnull (strstr (text, "Chỉ tiêu mẫu số 3"));
  index = poppler_index_iter_new (pdf);
  g_assert_nonnull (index);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (index);

      if (g_str_has_prefix (action->any.title, "Phụ lục 1"))
        {
          PopplerIndexIter *child = poppler_index_iter_get_child (index);
          PopplerAction *child_action;

          g_assert_nonnull (child);
          child_action = poppler_index_iter_get_action (child);
          g_assert_cmpstr (child_action->any.title, ==, "Tỷ lệ thực hiện so với kế hoạch năm 2023");
          found_child = TRUE;
          poppler_action_free (child_action);
          poppler_index_iter_free (child);
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (index));
  poppler_index_iter_free (index);
  g_assert_true (found_child);
}

/* On landscape annex pages the chart takes the landscape text width. */
static void
test_annex_chart_landscape (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất của thân văn bản.\n");
  g_autoptr(KlReport) report = make_report (6);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GArray) chart_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  KlPageStyle style;
  KlItem *item;
  KlPage *page;

  kl_page_style_init_default (&style);
  style.annex_landscape = TRUE;
  kl_report_set_annex_chart (report, "bullet");
  g_list_store_append (kl_document_get_reports (doc), report);
  pages = lay_out (doc, &style);
  charts = chart_items (pages, chart_pages);
  g_assert_cmpuint (charts->len, ==, 1);
  item = charts->pdata[0];
  page = page_at (pages, g_array_index (chart_pages, guint, 0));
  g_assert_cmpint (item->chart_kind, ==, KL_CHART_BULLET);
  g_assert_true (page->landscape);
  g_assert_cmpfloat (page->width, >, page->height);
  g_assert_cmpfloat_with_epsilon (item->w, style.paper_height - style.margin_left - style.margin_right, 0.01);
  g_assert_cmpfloat (item->x + item->w, <=, page->width - style.margin_right + 0.01);
}

/* A table printed in the body ({{targets 1}}) leaves the annex the heading and the chart;
 * a report without targets has no chart to print; a trend takes all the reports. */
static void
test_annex_chart_embedded_and_empty (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Kết quả như bảng sau:\n\n{{targets 1}}\n\nĐoạn cuối.\n");
  g_autoptr(KlReport) report = make_report (5);
  g_autoptr(KlReport) empty = kl_report_new ("Báo cáo chưa có chỉ tiêu");
  g_autoptr(KlReport) later = make_report (4);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GArray) chart_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  KlItem *heading, *item;
  guint sp = 0, ap = 0;

  kl_report_set_annex_chart (report, "summary");
  kl_report_set_annex_chart (empty, "achievement");
  g_list_store_append (kl_document_get_reports (doc), report);
  g_list_store_append (kl_document_get_reports (doc), empty);
  pages = lay_out (doc, NULL);
  g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &sp));
  heading = find_item (pages, sp + 1, "BIỂU KẾT QUẢ THỰC HIỆN", &ap);
  g_assert_nonnull (heading);
  g_assert_cmpuint (ap, ==, sp + 1);
  g_assert_nonnull (find_item (pages, ap, "Kèm theo Báo cáo số 12-BC/HU", NULL));
  /* No table after the signature: its rows are in the body only. */
  g_assert_nonnull (find_item (pages, 0, "Chỉ tiêu mẫu số 5", NULL));
  g_assert_null (find_item (pages, sp + 1, "Chỉ tiêu mẫu số 5", NULL));

  charts = chart_items (pages, chart_pages);
  g_assert_cmpuint (charts->len, ==, 1);
  item = charts->pdata[0];
  g_assert_cmpint (item->chart_kind, ==, KL_CHART_SUMMARY);
  g_assert_true (item->reports->pdata[0] == (gpointer) report);
  g_assert_cmpuint (g_array_index (chart_pages, guint, 0), ==, ap);
  g_assert_cmpfloat (item->y, >, heading->y);
  /* The empty report: no annex, no chart, no outline entry. */
  g_assert_cmpuint (pages->pages->len, ==, ap + 1);
  g_assert_nonnull (find_outline (pages, "Phụ lục 1"));
  g_assert_null (find_outline (pages, "Phụ lục 2"));

  /* A trend in the annex compares all the document's reports, as in the body. */
  kl_report_set_period (report, "năm 2023");
  kl_report_set_period (later, "năm 2024");
  g_list_store_remove (kl_document_get_reports (doc), 1);
  g_list_store_append (kl_document_get_reports (doc), later);
  kl_report_set_annex_chart (report, NULL);
  kl_report_set_annex_chart (later, "trend");
  g_clear_pointer (&charts, g_ptr_array_unref);
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, NULL);
  charts = chart_items (pages, NULL);
  g_assert_cmpuint (charts->len, ==, 1);
  item = charts->pdata[0];
  g_assert_cmpint (item->chart_kind, ==, KL_CHART_TREND);
  g_assert_cmpuint (item->reports->len, ==, 2);
  g_assert_true (item->reports->pdata[0] == (gpointer) report);
  g_assert_true (item->reports->pdata[1] == (gpointer) later);
  g_assert_nonnull (find_outline (pages, "Diễn biến thực hiện các chỉ tiêu qua các kỳ (năm 2023 – năm 2024)"));
}

/* A report of @period like make_report (4) whose first target's actual is @actual. */
static KlPeriodReport *
earlier_report (const char *period, const char *actual, const char *date)
{
  g_autoptr(KlReport) report = make_report (4);
  g_autoptr(KlTarget) first = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
  g_autoptr(KlValue) value = kl_value_parse (actual, NULL);

  kl_report_set_period (report, period);
  kl_target_set_actual (first, value);
  return kl_period_report_new (report, date, 0);
}

/* Trend charts given the library's earlier reports draw their periods before the
 * document's, in the body and in the annex; a period the document has is its own. */
static void
test_trend_with_library (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Diễn biến qua các năm:\n\n{{chart trend 1}}\n\nĐoạn cuối.\n");
  g_autoptr(KlReport) report = make_report (4);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(KlPages) alone = NULL;
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GArray) chart_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *text = NULL;
  KlPageStyle style;
  KlItem *item;

  kl_page_style_init_default (&style);
  kl_report_set_period (report, "năm 2024");
  kl_report_set_annex_chart (report, "trend");
  g_list_store_append (kl_document_get_reports (doc), report);
  g_ptr_array_add (others, earlier_report ("năm 2023", "71,5", "2023-12-20"));
  g_ptr_array_add (others, earlier_report ("Năm 2024", "99,9", "2024-12-20"));
  g_ptr_array_add (others, earlier_report ("năm 2022", "63,25", "2022-12-20"));

  pages = kl_pages_layout_with_trend (doc, &style, others, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
  charts = chart_items (pages, chart_pages);
  g_assert_cmpuint (charts->len, ==, 2);
  for (guint i = 0; i < charts->len; i++)
    {
      item = charts->pdata[i];
      g_assert_cmpint (item->chart_kind, ==, KL_CHART_TREND);
      g_assert_cmpuint (item->reports->len, ==, 3);
      g_assert_cmpstr (kl_report_get_period (item->reports->pdata[0]), ==, "năm 2022");
      g_assert_cmpstr (kl_report_get_period (item->reports->pdata[1]), ==, "năm 2023");
      g_assert_true (item->reports->pdata[2] == (gpointer) report);
    }
  g_assert_nonnull (find_outline (pages, "Diễn biến thực hiện các chỉ tiêu qua các kỳ (năm 2022 – năm 2024)"));
  /* The PDF shows the earlier periods' columns and figures, not the other copy of 2024. */
  text = pdf_page_text (pages, doc, g_array_index (chart_pages, guint, 0), NULL);
  g_assert_nonnull (strstr (text, "năm 2022"));
  g_assert_nonnull (strstr (text, "năm 2023"));
  g_assert_nonnull (strstr (text, "63,25"));
  g_assert_nonnull (strstr (text, "71,5"));
  g_assert_null (strstr (text, "99,9"));

  /* A library report the font cannot draw is left out of the trend, not an error about a
   * text this document does not hold; the document's own report still is one. */
  {
    g_autoptr(KlPages) without = NULL;
    g_autoptr(GPtrArray) trend_charts = NULL;
    KlPeriodReport *odd = earlier_report ("năm 2021", "50", "2021-12-20");
    g_autoptr(KlTarget) first = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (odd->report)), 0);

    kl_target_set_name (first, "Chỉ tiêu 中");
    g_ptr_array_add (others, odd);
    without = kl_pages_layout_with_trend (doc, &style, others, &error);
    g_assert_no_error (error);
    trend_charts = chart_items (without, NULL);
    g_assert_cmpuint (trend_charts->len, ==, 2);
    for (guint i = 0; i < trend_charts->len; i++)
      {
        item = trend_charts->pdata[i];
        g_assert_cmpuint (item->reports->len, ==, 3);
        for (guint r = 0; r < item->reports->len; r++)
          g_assert_cmpstr (kl_report_get_period (item->reports->pdata[r]), !=, "năm 2021");
      }
    g_ptr_array_remove (others, odd);
  }
  {
    g_autoptr(KlTarget) own_first = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
    g_autofree char *name = g_strdup (kl_target_get_name (own_first));
    g_autoptr(KlPages) failed = NULL;

    kl_target_set_name (own_first, "Chỉ tiêu 中");
    failed = kl_pages_layout_with_trend (doc, &style, others, &error);
    g_assert_null (failed);
    g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
    g_clear_error (&error);
    kl_target_set_name (own_first, name);
  }

  /* Without them, the document's report alone, as before. */
  alone = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_clear_pointer (&charts, g_ptr_array_unref);
  charts = chart_items (alone, NULL);
  g_assert_cmpuint (((KlItem *) charts->pdata[0])->reports->len, ==, 1);
}

/* A chart of 200 targets continues over several annex pages, cut between rows, after the
 * table; a letter the font lacks in what only the chart prints is an error. */
static void
test_annex_chart_long (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất của thân văn bản.\n");
  g_autoptr(KlReport) report = many_targets (200);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) part_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KlPageStyle style;
  guint sp = 0, rp = 0, n_chart_pages = 0;

  kl_page_style_init_default (&style);
  kl_report_set_annex_chart (report, "achievement");
  g_list_store_append (kl_document_get_reports (doc), report);
  pages = lay_out (doc, &style);
  g_assert_nonnull (find_item (pages, 0, "Nguyễn Văn An", &sp));
  /* The table's last row, then the chart. */
  g_assert_nonnull (find_item (pages, sp + 1, "Đoạn 200:", &rp));
  parts = check_chart_parts (pages, &style, &n_chart_pages);
  items = chart_items (pages, part_pages);
  g_assert_cmpuint (n_chart_pages, >=, 4);
  g_assert_cmpuint (parts->len, ==, n_chart_pages);
  for (guint k = 0; k < parts->len; k++)
    {
      KlItem *item = parts->pdata[k];
      guint page = g_array_index (part_pages, guint, k);

      g_assert_true (item->chart_split);
      g_assert_cmpuint (page, >=, rp);
      if (k > 0)
        g_assert_cmpuint (page, ==, g_array_index (part_pages, guint, k - 1) + 1);
      g_assert_cmpuint (item->row_first, ==, k == 0 ? 0 : ((KlItem *) parts->pdata[k - 1])->row_end);
      g_assert_true (item->rows_last == (k + 1 == parts->len));
    }
  g_assert_cmpuint (((KlItem *) parts->pdata[parts->len - 1])->row_end, ==, 200);
  /* The document ends with the chart; a continued part repeats the title. */
  g_assert_cmpuint (g_array_index (part_pages, guint, parts->len - 1), ==, pages->pages->len - 1);
  text = pdf_page_text (pages, doc, g_array_index (part_pages, guint, 1), NULL);
  g_assert_nonnull (strstr (text, "(tiếp theo)"));

  /* The chart's title shows the period, which the table does not print. */
  kl_report_set_period (report, "năm 中");
  g_clear_pointer (&pages, kl_pages_unref);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_null (pages);
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
  g_clear_error (&error);
  kl_report_set_annex_chart (report, NULL);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pages);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/pagination/no-widow-orphan", test_no_widow_orphan);
  g_test_add_func ("/render/pagination/heading-kept-with-next", test_heading_kept_with_next);
  g_test_add_func ("/render/pagination/signature-not-alone", test_signature_not_alone);
  g_test_add_func ("/render/pagination/signature-after-table", test_signature_after_table);
  g_test_add_func ("/render/pagination/footnotes-on-referencing-page", test_footnotes_on_referencing_page);
  g_test_add_func ("/render/pagination/footnote-near-page-foot", test_footnote_near_page_foot);
  g_test_add_func ("/render/pagination/long-footnote-continues", test_long_footnote_continues);
  g_test_add_func ("/render/pagination/table-header-repeated", test_table_header_repeated);
  g_test_add_func ("/render/pagination/page-numbers", test_page_numbers);
  g_test_add_func ("/render/pagination/annex-new-page", test_annex_new_page);
  g_test_add_func ("/render/pagination/big-document", test_big_document);
  g_test_add_func ("/render/pagination/chart-font-fallback", test_chart_font_fallback_is_error);
  g_test_add_func ("/render/pagination/long-chart-split", test_long_chart_split);
  g_test_add_func ("/render/pagination/signature-with-single-block", test_signature_with_single_block);
  g_test_add_func ("/render/pagination/find-body-block", test_find_body_block);
  g_test_add_func ("/render/annex-chart/after-table", test_annex_chart_after_table);
  g_test_add_func ("/render/annex-chart/landscape", test_annex_chart_landscape);
  g_test_add_func ("/render/annex-chart/embedded-and-empty", test_annex_chart_embedded_and_empty);
  g_test_add_func ("/render/annex-chart/long", test_annex_chart_long);
  g_test_add_func ("/render/trend/with-library", test_trend_with_library);
  return g_test_run ();
}
