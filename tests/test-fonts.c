/* test-fonts.c: the document font is chosen by name and no glyph may fall back silently. */
#include "config.h"

#include <string.h>
#include <pango/pangocairo.h>

#include "kl-renderer.h"
#include "kl-fonts.h"
#include "kl-layout.h"

static KlText *
lay_out (const char *family, const char *text, GError **error)
{
  KlTextStyle ts = { family, 14, 400, 0, PANGO_ALIGN_LEFT, FALSE, 1.0 };
  g_autofree char *markup = kl_markup_escape_nfc (text);

  return kl_text_new (markup, &ts, 7, "a test paragraph", error);
}

static void
test_resolve (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *def = kl_fonts_resolve_family ("Times New Roman", &error);
  g_autofree char *none = NULL;
  g_autofree char *dejavu = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (def);
  /* Times New Roman is not installed here; fontconfig aliases it to Liberation Serif,
   * and the renderer must say so rather than claim Times New Roman. */
  g_assert_cmpstr (def, ==, "Liberation Serif");

  none = kl_fonts_resolve_family ("No Such Family 123", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (none, ==, "Liberation Serif");

  dejavu = kl_fonts_resolve_family ("DejaVu Serif", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dejavu, ==, "DejaVu Serif");
}

static void
test_vietnamese_ok (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlText) t = lay_out ("Liberation Serif",
                                 "ĐẢNG CỘNG SẢN VIỆT NAM — Cẩm Thủy, ngày 07 tháng 7 năm 2023: "
                                 "Thường trực Huyện ủy; ưu tiên ổn định, đạt 99,4% (‰).", &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  g_assert_true (t->font_ok);
  g_assert_cmpint (t->n_lines, >=, 1);
}

static void
test_cjk_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlText) t = lay_out ("Liberation Serif", "Nghị quyết 漢 số 03", &error);

  g_assert_null (t);
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
  g_assert_true (g_str_has_prefix (error->message, "line 7: "));
  g_assert_nonnull (strstr (error->message, "U+6F22"));
  g_assert_nonnull (strstr (error->message, "Liberation Serif"));
}

static void
test_fallback_in_document (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;

  kl_page_style_init_default (&style);
  kl_document_set_body (doc, "Đoạn thứ nhất.\n\nĐoạn thứ hai có chữ 中 lạ.\n");
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_null (pages);
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
  g_assert_true (g_str_has_prefix (error->message, "line 3: "));
  g_assert_nonnull (strstr (error->message, "U+4E2D"));
}

static void
test_nfc (void)
{
  /* "ệ" typed decomposed (e + U+0323 + U+0302) must be laid out as the single letter. */
  g_autofree char *escaped = kl_markup_escape_nfc ("Vi\x65\xcc\xa3\xcc\x82t");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlText) a = lay_out ("Liberation Serif", "Vi\x65\xcc\xa3\xcc\x82t", &error);
  g_autoptr(KlText) b = lay_out ("Liberation Serif", "Việt", &error);

  g_assert_cmpstr (escaped, ==, "Việt");
  g_assert_no_error (error);
  g_assert_cmpstr (pango_layout_get_text (a->layout), ==, "Việt");
  g_assert_cmpfloat_with_epsilon (a->width, b->width, 0.001);
}

static void
test_reported_family (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = NULL;
  KlPageStyle style;

  kl_page_style_init_default (&style);
  kl_document_set_body (doc, "Một đoạn văn.");
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_pages_get_font_family (pages), ==, "Liberation Serif");

  g_strlcpy (style.font_family, "DejaVu Serif", sizeof style.font_family);
  g_clear_pointer (&pages, kl_pages_unref);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_pages_get_font_family (pages), ==, "DejaVu Serif");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/fonts/resolve", test_resolve);
  g_test_add_func ("/render/fonts/vietnamese-ok", test_vietnamese_ok);
  g_test_add_func ("/render/fonts/cjk-fallback", test_cjk_fallback);
  g_test_add_func ("/render/fonts/fallback-in-document", test_fallback_in_document);
  g_test_add_func ("/render/fonts/nfc", test_nfc);
  g_test_add_func ("/render/fonts/reported-family", test_reported_family);
  return g_test_run ();
}
