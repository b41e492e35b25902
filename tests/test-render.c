/* test-render.c: page style, output surfaces, layout cache, annex figures and the render CLI. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <poppler.h>

#include "kl-renderer.h"
#include "kl-paginator.h"

/* poppler-glib 22.12 has no autoptr for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

#define MM(x) ((x) * 72.0 / 25.4)

static KlDocument *
make_doc (const char *body)
{
  KlDocument *doc = kl_document_new ("KL");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Thị Bình");
  const char *recipients[] = { "- Các chi bộ trực thuộc,", "- Lưu Văn phòng.", NULL };

  kl_document_set_superior (doc, "ĐẢNG BỘ TỈNH MẪU");
  kl_document_set_issuer (doc, "ĐẢNG ỦY XÃ BÌNH MINH");
  kl_document_set_issuer_abbreviation (doc, "ĐU");
  kl_document_set_number (doc, 7);
  kl_document_set_place (doc, "Bình Minh");
  kl_document_set_date (doc, "2025-09-03");
  kl_document_set_summary (doc, "hội nghị Ban Thường vụ tháng 9");
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
  return pages;
}

static gboolean
page_has_text (KlPages *pages, guint index, const char *needle)
{
  KlPage *page = pages->pages->pdata[index];

  for (guint i = 0; i < page->items->len; i++)
    {
      KlItem *item = page->items->pdata[i];
      if (item->type == KL_ITEM_TEXT && strstr (pango_layout_get_text (item->text->layout), needle))
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_page_has_text (KlPages *pages, const char *needle)
{
  for (guint i = 0; i < pages->pages->len; i++)
    if (page_has_text (pages, i, needle))
      return TRUE;
  return FALSE;
}

static void
test_style_defaults (void)
{
  KlPageStyle s;

  kl_page_style_init_default (&s);
  g_assert_cmpfloat_with_epsilon (s.paper_width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (s.paper_height, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_top, MM (20), 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_bottom, MM (20), 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_left, MM (30), 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_right, MM (15), 0.01);
  g_assert_cmpstr (s.font_family, ==, "Times New Roman");
  g_assert_cmpfloat (s.body_size, ==, 14);
  g_assert_cmpfloat (s.line_spacing, ==, 1.15);
  g_assert_cmpfloat (s.paragraph_spacing, >=, 6);
  g_assert_cmpfloat_with_epsilon (s.first_line_indent, MM (12.7), 0.01);
  g_assert_cmpfloat (s.title_size, >=, 15);
  g_assert_cmpfloat (s.title_size, <=, 16);
  g_assert_cmpfloat (s.party_size, ==, 15);
  g_assert_cmpfloat (s.header_size, ==, 14);
  g_assert_cmpfloat (s.recipients_size, ==, 12);
  g_assert_cmpfloat (s.footnote_size, ==, 12);
  g_assert_cmpfloat (s.table_size, >=, 12);
  g_assert_cmpfloat (s.signature_space, >=, MM (25));
  g_assert_cmpfloat (s.signature_space, <=, MM (30));
  g_assert_cmpint (s.page_number_position, ==, KL_PAGE_NUMBER_TOP);
  g_assert_false (s.mark_disagreements);

  kl_page_style_apply_margins_preset (&s, "older");
  g_assert_cmpfloat_with_epsilon (s.margin_top, MM (25), 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_left, MM (35), 0.01);
  g_assert_cmpfloat_with_epsilon (s.margin_right, MM (15), 0.01);
  kl_page_style_apply_margins_preset (&s, "default");
  g_assert_cmpfloat_with_epsilon (s.margin_left, MM (30), 0.01);
}

static void
test_style_keyfile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  KlPageStyle s, back;

  kl_page_style_init_default (&s);
  g_assert_true (kl_page_style_load_data (&s, "[page]\nmargin_left=35\nbody_size=13\n"
                                          "page_number_position=bottom\nfont_family=Tinos\n"
                                          "annex_landscape=true\n", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (s.margin_left, MM (35), 0.01);
  g_assert_cmpfloat (s.body_size, ==, 13);
  g_assert_cmpint (s.page_number_position, ==, KL_PAGE_NUMBER_BOTTOM);
  g_assert_cmpstr (s.font_family, ==, "Tinos");
  g_assert_true (s.annex_landscape);

  saved = kl_page_style_to_keyfile (&s);
  kl_page_style_init_default (&back);
  g_assert_true (kl_page_style_load_data (&back, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (back.margin_left, s.margin_left, 0.01);
  g_assert_cmpfloat_with_epsilon (back.first_line_indent, s.first_line_indent, 0.01);
  g_assert_cmpint (back.page_number_position, ==, s.page_number_position);
  g_assert_cmpstr (back.font_family, ==, s.font_family);

  /* Unknown keys and bad values are refused, naming the key; the style is untouched. */
  g_assert_false (kl_page_style_load_data (&back, "[page]\nmargin_lefft=20\n", &error));
  g_assert_nonnull (strstr (error->message, "margin_lefft"));
  g_clear_error (&error);
  g_assert_false (kl_page_style_load_data (&back, "[page]\nbody_size=big\nmargin_top=50\n", &error));
  g_assert_nonnull (strstr (error->message, "body_size"));
  g_clear_error (&error);
  g_assert_false (kl_page_style_load_data (&back, "[page]\npage_number_position=left\n", &error));
  g_clear_error (&error);
  g_assert_cmpfloat (back.body_size, ==, 13);
  g_assert_cmpfloat_with_epsilon (back.margin_top, MM (20), 0.01);
}

/* Body text at the pitch offices print ("exactly 17 pt" at 14 pt), not 1.15 × the font's
 * single line (18.5 pt); line_pitch=0 brings the multiple back. */
static double
body_pitch (KlPages *pages, const char *needle)
{
  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = pages->pages->pdata[p];
      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          if (item->type == KL_ITEM_TEXT && item->n_lines >= 3 &&
              strstr (pango_layout_get_text (item->text->layout), needle))
            {
              double first = item->text->baseline[item->first_line + 1] - item->text->baseline[item->first_line];
              double second = item->text->baseline[item->first_line + 2] - item->text->baseline[item->first_line + 1];
              g_assert_cmpfloat_with_epsilon (first, second, 0.01);
              return first;
            }
        }
    }
  g_assert_not_reached ();
  return 0;
}

static void
test_line_pitch (void)
{
  g_autoptr(GString) body = g_string_new ("Đoạn văn dài để đo khoảng cách dòng:");
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) exact = NULL;
  g_autoptr(KlPages) multiple = NULL;
  g_autoptr(GError) error = NULL;
  KlPageStyle style;

  for (int i = 0; i < 40; i++)
    g_string_append (body, " các chỉ tiêu kinh tế xã hội của xã");
  g_string_append (body, ".\n");
  doc = make_doc (body->str);

  kl_page_style_init_default (&style);
  g_assert_cmpfloat (style.line_pitch, ==, 17);
  exact = lay_out (doc, &style);
  g_assert_cmpfloat_with_epsilon (body_pitch (exact, "khoảng cách dòng"), 17.0, 0.01);

  g_assert_true (kl_page_style_load_data (&style, "[page]\nline_pitch=0\n", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (style.line_pitch, ==, 0);
  multiple = lay_out (doc, &style);
  /* Pango's single line of Liberation Serif is ascent + descent, 1.107 em: 15.5 pt at
   * 14 pt, × 1.15 = 17.8 pt (Word, adding the line gap, makes 1.15 lines 18.5 pt). */
  g_assert_cmpfloat_with_epsilon (body_pitch (multiple, "khoảng cách dòng"), 14 * 1.107 * 1.15, 0.1);

  g_assert_true (kl_page_style_load_data (&style, "[page]\nline_pitch=16\n", &error));
  g_assert_cmpfloat (style.line_pitch, ==, 16);
  {
    g_autofree char *saved = kl_page_style_to_keyfile (&style);
    g_assert_nonnull (strstr (saved, "line_pitch=16"));
  }
  g_assert_false (kl_page_style_load_data (&style, "[page]\nline_pitch=-3\n", &error));
  g_assert_nonnull (strstr (error->message, "line_pitch"));
}

static void
test_png_svg (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Nội dung kết luận ngắn gọn.\n");
  g_autoptr(KlPages) pages = lay_out (doc, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kl-render-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "p.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "p.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "p.png", NULL);
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  unsigned char *data;
  int stride, dark = 0;

  g_assert_no_error (error);
  g_assert_true (kl_pages_write_png (pages, 0, 96, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 794);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1123);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  /* White margins, ink in the header. */
  for (int y = 0; y < 60; y++)
    for (int x = 0; x < 794; x++)
      g_assert_cmpuint (*(guint32 *) (data + y * stride + x * 4) & 0xffffff, ==, 0xffffff);
  for (int y = 76; y < 200; y++)
    for (int x = 113; x < 794 - 57; x++)
      if ((*(guint32 *) (data + y * stride + x * 4) & 0xff) < 128)
        dark++;
  g_assert_cmpint (dark, >, 500);
  cairo_surface_destroy (image);

  g_assert_true (kl_pages_write_svg (pages, 0, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "595.28pt"));

  g_assert_false (kl_pages_write_png (pages, 5, 96, png, &error));
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_PAGE);
  g_clear_error (&error);
  g_assert_false (kl_pages_write_png (pages, 0, 96, bad, &error));
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* Nothing but the two outputs in the directory: no temporary files left behind. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name (d))
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_draw_any_cairo (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn thứ nhất.\n");
  g_autoptr(KlPages) pages = lay_out (doc, NULL);
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);
  double x, y, w, h;

  kl_pages_draw_page (pages, 0, cr);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (rec, &x, &y, &w, &h);
  /* The white page background covers the whole sheet. */
  g_assert_cmpfloat (fabs (w - 595.28), <, 1);
  g_assert_cmpfloat (fabs (h - 841.89), <, 1);
  cairo_surface_destroy (rec);
}

static void
test_cache_one_paragraph (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlPages) a = NULL;
  g_autoptr(KlPages) b = NULL;
  guint before;
  char *p;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (body, "Đoạn %u về nhiệm vụ trọng tâm và giải pháp thực hiện trong kỳ tới, "
                            "bảo đảm tiến độ và chất lượng.\n\n", i);
  doc = make_doc (body->str);
  a = lay_out (doc, NULL);
  before = kl_text_cache_size ();
  /* One character changed in paragraph 40: one new paragraph layout, the rest reused. */
  p = strstr (body->str, "Đoạn 40 về");
  p[strlen ("Đoạn 40 ")] = 'V';
  kl_document_set_body (doc, body->str);
  b = lay_out (doc, NULL);
  g_assert_cmpuint (kl_text_cache_size (), ==, before + 1);
  g_assert_true (any_page_has_text (b, "Đoạn 40 Về"));
  g_assert_false (any_page_has_text (b, "Đoạn 40 về"));
  g_assert_true (any_page_has_text (a, "Đoạn 40 về"));
}

static void
test_cache_bounded (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) doc = NULL;
  guint base;
  char *p;

  kl_text_cache_clear ();
  for (guint i = 0; i < 600; i++)
    g_string_append_printf (body, "Đoạn %u về kế hoạch của năm.\n\n", i);
  doc = make_doc (body->str);
  {
    g_autoptr(KlPages) first = lay_out (doc, NULL);
  }
  base = kl_text_cache_size ();
  g_assert_cmpuint (base, >, 600);
  p = strstr (body->str, "Đoạn 300 về") + strlen ("Đoạn 300 ");
  /* Typing in one paragraph: each version is laid out once, old ones are dropped
   * after a few layouts instead of piling up. */
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(KlPages) pages = NULL;
      *p = "abcdefghijklmnopqrstuvwxyzABCD"[i];
      kl_document_set_body (doc, body->str);
      pages = lay_out (doc, NULL);
      g_assert_cmpuint (kl_text_cache_size (), <=, base + 4);
    }
}

static KlReport *
make_report (void)
{
  KlReport *report = kl_report_new ("Báo cáo mẫu");
  GListStore *targets = kl_report_get_targets (report);
  g_autoptr(KlTarget) group = kl_target_new_group ("1", "Nhóm chỉ tiêu kinh tế");
  g_autoptr(KlTarget) t = kl_target_new ("1.1", "Sản lượng lương thực", "Tấn");
  g_autoptr(KlTarget) u = kl_target_new ("1.2", "Tỷ lệ che phủ rừng", "%");
  g_autoptr(KlValue) p1 = kl_value_parse ("17600", NULL);
  g_autoptr(KlValue) a1 = kl_value_parse ("17501", NULL);
  g_autoptr(KlValue) p2 = kl_value_parse ("66,8", NULL);
  g_autoptr(KlValue) a2 = kl_value_parse ("66,8", NULL);

  kl_report_set_plan_label (report, "KH năm 2023");
  kl_report_set_actual_label (report, "TH năm 2023");
  kl_target_set_plan (t, p1);
  kl_target_set_actual (t, a1);
  /* Typed as met although 17.501 < 17.600: the annex prints the computed status. */
  kl_target_set_typed_status (t, "Đạt");
  kl_target_set_plan (u, p2);
  kl_target_set_actual (u, a2);
  g_list_store_append (targets, group);
  g_list_store_append (targets, t);
  g_list_store_append (targets, u);
  return report;
}

static guint
count_fills (KlPages *pages)
{
  guint n = 0;

  for (guint p = 0; p < pages->pages->len; p++)
    {
      KlPage *page = pages->pages->pdata[p];
      for (guint i = 0; i < page->items->len; i++)
        {
          KlItem *item = page->items->pdata[i];
          if (item->type == KL_ITEM_RECT && item->fill)
            n++;
        }
    }
  return n;
}

static void
test_annex_computed (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất.\n");
  g_autoptr(KlReport) report = make_report ();
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;
  guint last;

  g_list_store_append (kl_document_get_reports (doc), report);
  kl_page_style_init_default (&style);
  pages = lay_out (doc, &style);
  last = kl_pages_get_n_pages (pages) - 1;
  g_assert_true (page_has_text (pages, last, "KH năm 2023"));
  g_assert_true (page_has_text (pages, last, "TH năm 2023"));
  g_assert_true (page_has_text (pages, last, "TH/KH (%)"));
  g_assert_true (page_has_text (pages, last, "17.501"));
  g_assert_true (page_has_text (pages, last, "99,4"));        /* 17 501 / 17 600 */
  g_assert_true (page_has_text (pages, last, "Không đạt"));
  g_assert_true (page_has_text (pages, last, "100"));
  g_assert_true (page_has_text (pages, last, "Nhóm chỉ tiêu kinh tế"));
  /* Off for print: no highlighted row. */
  g_assert_cmpuint (count_fills (pages), ==, 0);

  style.mark_disagreements = TRUE;
  g_clear_pointer (&pages, kl_pages_unref);
  pages = lay_out (doc, &style);
  g_assert_cmpuint (count_fills (pages), ==, 1);
}

static void
test_embed_errors_and_marks (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn một.\n\n{{targets 3}}\n");
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  KlPageStyle style;
  gboolean boxed = FALSE;
  KlPage *page;

  kl_page_style_init_default (&style);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_null (pages);
  g_assert_true (g_str_has_prefix (error->message, "line 3: "));
  g_clear_error (&error);

  kl_document_set_body (doc, "Đoạn một.\n");
  kl_document_set_secrecy (doc, KL_SECRECY_MAT);
  kl_document_set_urgency (doc, KL_URGENCY_HOA_TOC);
  pages = lay_out (doc, NULL);
  g_assert_true (page_has_text (pages, 0, "MẬT"));
  g_assert_true (page_has_text (pages, 0, "HỎA TỐC"));
  page = pages->pages->pdata[0];
  for (guint i = 0; i < page->items->len; i++)
    {
      KlItem *item = page->items->pdata[i];
      if (item->type == KL_ITEM_RECT && !item->fill && item->x + item->w < style.margin_left + 240)
        boxed = TRUE;
    }
  g_assert_true (boxed);
}

static void
test_chart_embed_and_long_issuer (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Kết quả thực hiện:\n\n{{chart achievement 1}}\n\nĐoạn sau biểu đồ.\n");
  g_autoptr(KlReport) report = make_report ();
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  KlPageStyle style;
  KlPage *page;
  guint charts = 0;
  double left_edge, right_edge;

  kl_page_style_init_default (&style);
  g_list_store_append (kl_document_get_reports (doc), report);
  /* Since 2025 commune and provincial committees issue too: long names wrap in the column. */
  kl_document_set_issuer (doc, "BAN THƯỜNG VỤ ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG VÀ DOANH NGHIỆP TỈNH");
  pages = lay_out (doc, &style);
  page = pages->pages->pdata[0];
  left_edge = style.margin_left;
  right_edge = style.margin_left + (style.paper_width - style.margin_left - style.margin_right) * 0.45;
  for (guint i = 0; i < page->items->len; i++)
    {
      KlItem *item = page->items->pdata[i];
      if (item->type == KL_ITEM_CHART)
        {
          charts++;
          g_assert_cmpfloat (item->h, >, 20);
          g_assert_cmpfloat_with_epsilon (item->w, style.paper_width - style.margin_left - style.margin_right, 0.01);
        }
      if (item->type == KL_ITEM_TEXT &&
          strstr (pango_layout_get_text (item->text->layout), "DOANH NGHIỆP"))
        {
          g_assert_cmpint (item->text->n_lines, >=, 2);
          for (int l = 0; l < item->text->n_lines; l++)
            {
              PangoRectangle ink;
              pango_layout_line_get_extents (pango_layout_get_line_readonly (item->text->layout, l), NULL, &ink);
              g_assert_cmpfloat (item->x + item->text->x[l], >=, left_edge - 0.01);
              g_assert_cmpfloat (item->x + item->text->x[l] + ink.width / (double) PANGO_SCALE, <=, right_edge + 0.01);
            }
        }
    }
  g_assert_cmpuint (charts, ==, 1);
  /* An annex page still follows: the chart does not embed the table. */
  g_assert_true (any_page_has_text (pages, "TH/KH (%)"));

  kl_document_set_body (doc, "{{chart achievement 5}}\n");
  g_clear_pointer (&pages, kl_pages_unref);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_null (pages);
  g_assert_true (g_str_has_prefix (error->message, "line 1: "));
}

static gpointer
layout_thread (gpointer data)
{
  KlDocument *doc = data;
  KlPageStyle style;
  guint n = 0;

  kl_page_style_init_default (&style);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(KlPages) pages = kl_pages_layout (doc, &style, NULL);
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 140);
      cairo_t *cr = cairo_create (s);

      cairo_scale (cr, 100 / 595.28, 100 / 595.28);
      kl_pages_draw_page (pages, kl_pages_get_n_pages (pages) - 1, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
      n = kl_pages_get_n_pages (pages);
    }
  return GUINT_TO_POINTER (n);
}

static gpointer
layout_thread_owned (gpointer data)
{
  g_autoptr(KlDocument) doc = data;
  return layout_thread (doc);
}

static void
test_threads (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(KlDocument) a = NULL;
  g_autoptr(KlDocument) b = NULL;
  GThread *threads[4];
  guint expect;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (body, "Đoạn %u có chú thích[^%u] về kế hoạch của các xã.\n\n[^%u]: Ghi chú %u.\n\n",
                            i, i, i, i);
  a = make_doc (body->str);
  b = kl_document_copy (a);
  expect = GPOINTER_TO_UINT (layout_thread (a));
  /* The preview lays out copies off the main thread while the export may run too. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("layout", layout_thread_owned, i % 2 ? kl_document_copy (a) : g_object_ref (b));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, expect);
}

static gboolean
run_cli (const char * const *argv, char **out, char **err, int *status)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                              out, err, status, &error);
  g_assert_no_error (error);
  return ok;
}

/* ketluan-cli render of a JSON document whose report asks for an annex chart prints the
 * chart on the last (annex) page; an unknown chart is an error naming the member. */
static void
test_cli_annex_chart (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = make_doc ("Đoạn duy nhất.\n");
  g_autoptr(KlReport) report = make_report ();
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *dir = NULL, *json_path = NULL, *pdf_path = NULL, *uri = NULL;
  g_autofree char *json = NULL, *bad = NULL, *text = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) parts = NULL;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("KETLUAN_CLI not set");
      return;
    }
  kl_report_set_period (report, "năm 2023");
  kl_report_set_annex_chart (report, "bullet");
  g_list_store_append (kl_document_get_reports (doc), report);
  json = kl_json_write_document (doc);
  dir = g_dir_make_tmp ("kl-render-annex-chart-XXXXXX", &error);
  g_assert_no_error (error);
  json_path = g_build_filename (dir, "doc.json", NULL);
  pdf_path = g_build_filename (dir, "doc.pdf", NULL);
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
  {
    const char *argv[] = { cli, "render", json_path, "-o", pdf_path, NULL };
    run_cli (argv, &out, &err, &status);
  }
  g_assert_cmpint (status, ==, 0);
  uri = g_filename_to_uri (pdf_path, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (pdf, poppler_document_get_n_pages (pdf) - 1);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "Kế hoạch và thực hiện từng chỉ tiêu năm 2023"));
  g_assert_nonnull (strstr (text, "Tỷ lệ che phủ rừng"));
  g_assert_no_errno (g_unlink (pdf_path));

  parts = g_strsplit (json, "\"annex_chart\": \"bullet\"", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  bad = g_strjoinv ("\"annex_chart\": \"pie\"", parts);
  g_assert_true (g_file_set_contents (json_path, bad, -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "render", json_path, "-o", pdf_path, NULL };
    run_cli (argv, &out, &err, &status);
  }
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "'reports[0].annex_chart'"));
  g_assert_false (g_file_test (pdf_path, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (json_path));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *seed = NULL, *pdf = NULL, *png = NULL, *bad = NULL, *badpdf = NULL;
  g_autofree char *out = NULL, *err = NULL, *head = NULL;
  g_autoptr(GDir) sd = NULL;
  const char *name;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE) || seeds == NULL)
    {
      g_test_skip ("KETLUAN_CLI or KETLUAN_SEEDS not set");
      return;
    }
  sd = g_dir_open (seeds, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (sd)) != NULL)
    if (g_str_has_prefix (name, "002"))
      seed = g_build_filename (seeds, name, NULL);
  g_assert_nonnull (seed);
  dir = g_dir_make_tmp ("kl-render-cli-XXXXXX", &error);
  pdf = g_build_filename (dir, "out.pdf", NULL);
  png = g_build_filename (dir, "p2.png", NULL);
  bad = g_build_filename (dir, "bad.txt", NULL);
  badpdf = g_build_filename (dir, "bad.pdf", NULL);

  {
    const char *argv[] = { cli, "render", seed, "-o", pdf, NULL };
    run_cli (argv, &out, &err, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "font: Liberation Serif"));
    g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-1.5"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "render", seed, "-o", png, "--page", "2", "--dpi", "30", NULL };
    run_cli (argv, &out, &err, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* A glyph the font lacks: FILE:LINE: message, exit 1, no output file. */
    const char *argv[] = { cli, "render", bad, "-o", badpdf, NULL };
    g_assert_true (g_file_set_contents (bad, "THÔNG BÁO\n\nkết luận hội nghị\n\n-----\n\n"
                                        "Đoạn thứ nhất.\n\nĐoạn có chữ 漢 lạ.\n", -1, NULL));
    run_cli (argv, &out, &err, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_true (g_str_has_prefix (err, bad));
    g_assert_true (g_regex_match_simple ("^[^:]+:9: .*U\\+6F22", err, 0, 0));
    g_assert_false (g_file_test (badpdf, G_FILE_TEST_EXISTS));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "render", seed, "-o", "/nonexistent-dir/x.pdf", NULL };
    run_cli (argv, &out, &err, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "/nonexistent-dir/x.pdf"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    /* A stored document: --db PATH before the command, --id N after it. */
    g_autofree char *db = g_build_filename (dir, "lib.db", NULL);
    g_autofree char *idpdf = g_build_filename (dir, "id.pdf", NULL);
    g_autofree char *id = NULL;
    const char *import[] = { cli, "--db", db, "import", seed, NULL };
    const char *missing[] = { cli, "--db", db, "render", "--id", "999", "-o", idpdf, NULL };

    run_cli (import, &out, &err, &status);
    g_assert_cmpint (status, ==, 0);
    id = g_strstrip (g_strdup (out));
    g_assert_cmpuint (g_ascii_strtoull (id, NULL, 10), >, 0);
    {
      const char *render[] = { cli, "--db", db, "render", "--id", id, "-o", idpdf, NULL };
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      run_cli (render, &out, &err, &status);
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_file_test (idpdf, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (strstr (out, "pages: "));
    }
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_unlink (idpdf);
    run_cli (missing, &out, &err, &status);
    g_assert_cmpint (status, !=, 0);
    g_assert_nonnull (strstr (err, "999"));
    g_assert_false (g_file_test (idpdf, G_FILE_TEST_EXISTS));
    {
      /* Remove the database and whatever files SQLite keeps beside it. */
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *f;
      while ((f = g_dir_read_name (d)) != NULL)
        if (g_str_has_prefix (f, "lib.db"))
          {
            g_autofree char *fp = g_build_filename (dir, f, NULL);
            g_unlink (fp);
          }
    }
  }
  g_unlink (pdf);
  g_unlink (png);
  g_unlink (bad);
  g_rmdir (dir);
}

/* The render CLI names the line of the text file, not of the body the importer rebuilt
 * (header, footnotes and joined paragraphs make them differ by dozens of lines). */
static void
test_cli_file_line (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *seed = NULL, *text = NULL, *bad = NULL, *badpdf = NULL;
  g_autofree char *out = NULL, *err = NULL, *expected = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDir) sd = NULL;
  g_autoptr(GString) planted = g_string_new (NULL);
  const char *name;
  guint target = 0, closing = 0;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE) || seeds == NULL)
    {
      g_test_skip ("KETLUAN_CLI or KETLUAN_SEEDS not set");
      return;
    }
  sd = g_dir_open (seeds, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (sd)) != NULL)
    if (g_str_has_prefix (name, "000"))
      seed = g_build_filename (seeds, name, NULL);
  g_assert_nonnull (seed);
  g_assert_true (g_file_get_contents (seed, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);

  /* The last paragraph of the body: the last line starting with a capital before
   * "Nơi nhận". A CJK character goes into it: no serif font here has one. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (closing == 0 && g_str_has_prefix (lines[i], "Nơi nhận"))
      closing = i;
  g_assert_cmpuint (closing, >, 0);
  for (guint i = closing; i > 0 && target == 0; i--)
    if (g_unichar_isupper (g_utf8_get_char (lines[i - 1])))
      target = i - 1;
  g_assert_cmpuint (target, >, 20);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i == target)
        {
          const char *space = strchr (lines[i], ' ');
          g_assert_nonnull (space);
          g_string_append_len (planted, lines[i], space - lines[i]);
          g_string_append (planted, " 漢");
          g_string_append (planted, space);
        }
      else
        g_string_append (planted, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (planted, '\n');
    }

  dir = g_dir_make_tmp ("kl-render-line-XXXXXX", &error);
  g_assert_no_error (error);
  bad = g_build_filename (dir, "planted.txt", NULL);
  badpdf = g_build_filename (dir, "planted.pdf", NULL);
  g_assert_true (g_file_set_contents (bad, planted->str, -1, NULL));
  {
    const char *argv[] = { cli, "render", bad, "-o", badpdf, NULL };
    run_cli (argv, &out, &err, &status);
  }
  g_assert_cmpint (status, !=, 0);
  expected = g_strdup_printf ("%s:%u: ", bad, target + 1);
  if (!g_str_has_prefix (err, expected))
    g_error ("expected '%s…', got '%s'", expected, err);
  g_assert_nonnull (strstr (err, "U+6F22"));
  g_assert_false (g_file_test (badpdf, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_unlink (bad));
  g_assert_no_errno (g_rmdir (dir));
}

/* Every block of an imported body maps to the file line it came from: its first word
 * is on that line of the file (the seeds join paragraphs, move footnotes and drop the
 * header, so body and file lines differ). An edited body has no file lines. */
static void
test_importer_file_lines (void)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) sd = NULL;
  const char *name;
  guint checked = 0, shifted = 0;

  if (seeds == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  sd = g_dir_open (seeds, 0, NULL);
  g_assert_nonnull (sd);
  while ((name = g_dir_read_name (sd)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      g_auto(GStrv) lines = NULL;
      KlMarkup *markup;
      guint n_lines;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      doc = kl_importer_import_text (text, -1, &error);
      g_assert_no_error (error);
      lines = g_strsplit (text, "\n", -1);
      n_lines = g_strv_length (lines);
      markup = kl_markup_parse (kl_document_get_body (doc));
      for (guint i = 0; i < markup->blocks->len; i++)
        {
          KlBlock *block = markup->blocks->pdata[i];
          g_autofree char *plain = block->runs ? kl_runs_to_plain (block->runs) : NULL;
          g_autofree char *nfc = NULL;
          g_auto(GStrv) words = NULL;
          guint fl;

          if (block->type != KL_BLOCK_PARAGRAPH || plain == NULL)
            continue;
          words = g_strsplit (g_strstrip (plain), " ", 3);
          if (words[0] == NULL || strlen (words[0]) < 4)
            continue;
          fl = kl_importer_get_file_line (doc, block->line);
          g_assert_cmpuint (fl, >=, block->line);
          g_assert_cmpuint (fl, <=, n_lines);
          nfc = g_utf8_normalize (lines[fl - 1], -1, G_NORMALIZE_NFC);
          if (strstr (nfc, words[0]) == NULL)
            g_error ("%s: body line %u → file line %u '%.60s' lacks '%s'", name, block->line, fl, nfc, words[0]);
          checked++;
          shifted += fl != block->line;
        }
      kl_markup_free (markup);

      /* Edited: the lines of the old body no longer apply. */
      kl_document_set_body (doc, "Một đoạn mới.\n");
      g_assert_cmpuint (kl_importer_get_file_line (doc, 1), ==, 0);
    }
  g_assert_cmpuint (checked, >, 30);
  g_assert_cmpuint (shifted, ==, checked);
  {
    /* A document not imported from text has no file lines. */
    g_autoptr(KlDocument) typed = make_doc ("Đoạn gõ trực tiếp.\n");
    g_assert_cmpuint (kl_importer_get_file_line (typed, 1), ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/page-style/defaults", test_style_defaults);
  g_test_add_func ("/render/page-style/keyfile", test_style_keyfile);
  g_test_add_func ("/render/output/png-svg", test_png_svg);
  g_test_add_func ("/render/output/draw-any-cairo", test_draw_any_cairo);
  g_test_add_func ("/render/layout/cache-one-paragraph", test_cache_one_paragraph);
  g_test_add_func ("/render/layout/cache-bounded", test_cache_bounded);
  g_test_add_func ("/render/annex/computed", test_annex_computed);
  g_test_add_func ("/render/layout/embed-errors-and-marks", test_embed_errors_and_marks);
  g_test_add_func ("/render/layout/threads", test_threads);
  g_test_add_func ("/render/layout/chart-embed-and-long-issuer", test_chart_embed_and_long_issuer);
  g_test_add_func ("/render/style/line-pitch", test_line_pitch);
  g_test_add_func ("/render/cli", test_cli);
  g_test_add_func ("/render/cli-annex-chart", test_cli_annex_chart);
  g_test_add_func ("/render/cli-file-line", test_cli_file_line);
  g_test_add_func ("/render/importer-file-lines", test_importer_file_lines);
  return g_test_run ();
}
