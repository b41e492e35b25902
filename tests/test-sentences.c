/* test-sentences.c: sentences generated from targets carry the right counts and figures. */
#include "config.h"

#include <string.h>

#include "kl-core.h"
#include "kl-sentences.h"

static KlTarget *
add_target (KlReport   *report,
            const char *code,
            const char *name,
            const char *unit,
            KlTargetKind kind,
            const char *plan,
            const char *actual,
            const char *next)
{
  KlTarget *t = kl_target_new (code, name, unit);
  g_autoptr(KlValue) p = kl_value_parse (plan, NULL);
  g_autoptr(KlValue) a = kl_value_parse (actual, NULL);
  g_autoptr(KlValue) n = kl_value_parse (next, NULL);

  kl_target_set_kind (t, kind);
  kl_target_set_plan (t, p);
  kl_target_set_actual (t, a);
  kl_target_set_next_plan (t, n);
  g_list_store_append (kl_report_get_targets (report), t);
  g_object_unref (t);
  return t;
}

static KlReport *
make_report (void)
{
  KlReport *r = kl_report_new ("Báo cáo kết quả năm 2025");
  g_autoptr(KlTarget) group = kl_target_new_group ("2", "Nông nghiệp");

  kl_report_set_period (r, "năm 2025");
  add_target (r, "1", "Thu nhập bình quân đầu người", "Triệu đồng", KL_TARGET_KIND_MAIN,
              "56,0", "58,2", "trên 62");
  add_target (r, "2", "Thu ngân sách trên địa bàn", "Tỷ đồng", KL_TARGET_KIND_MAIN,
              "13,5", "12,35", "14,2");
  g_list_store_append (kl_report_get_targets (r), group);
  add_target (r, "2.1", "Trồng rừng mới.", "ha", KL_TARGET_KIND_COMPONENT, "35", "38,5", "40");
  add_target (r, "2.2", "Tỷ lệ che phủ rừng", "%", KL_TARGET_KIND_COMPONENT,
              "Duy trì 51,3", "51,3", "Duy trì 51,3");
  add_target (r, "2.3", "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa", "%", KL_TARGET_KIND_COMPONENT,
              ">88", "86,9", "15-20");
  add_target (r, "2.4", "Số thôn có nhà văn hóa", "Thôn", KL_TARGET_KIND_COMPONENT,
              "12", "-", "");
  return r;
}

static void
test_count (void)
{
  g_autoptr(KlReport) r = make_report ();
  g_autofree char *s = kl_sentences_count (r);

  /* Main: 1 met, 2 not met. Components: 2.1 and 2.2 met, 2.3 not met, 2.4 no data. */
  g_assert_cmpstr (s, ==, "1/2 chỉ tiêu chính, 2/3 chỉ tiêu thành phần đạt và vượt kế hoạch");
}

static void
test_not_met (void)
{
  g_autoptr(KlReport) r = make_report ();
  g_autofree char *s = kl_sentences_not_met (r);

  g_assert_nonnull (s);
  g_assert_true (g_str_has_prefix (s, "Còn 02 chỉ tiêu chưa đạt kế hoạch: "));
  /* 12,35 / 13,5 = 91,48… % → "91,5" */
  g_assert_nonnull (strstr (s, "thu ngân sách trên địa bàn thực hiện 12,35 tỷ đồng, bằng 91,5% kế hoạch (kế hoạch 13,5 tỷ đồng)"));
  g_assert_nonnull (strstr (s, "tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa thực hiện 86,9%"));
  g_assert_nonnull (strstr (s, "(kế hoạch trên 88%)"));
  g_assert_null (strstr (s, "Số thôn"));
  g_assert_null (strstr (s, "số thôn"));
  g_assert_true (g_str_has_suffix (s, "."));
}

static void
test_next_targets (void)
{
  g_autoptr(KlReport) r = make_report ();
  g_autofree char *s = kl_sentences_next_targets (r);

  g_assert_nonnull (s);
  g_assert_nonnull (strstr (s, "(1) Thu nhập bình quân đầu người đạt trên 62 triệu đồng;"));
  g_assert_nonnull (strstr (s, "(2) Thu ngân sách trên địa bàn đạt 14,2 tỷ đồng;"));
  g_assert_nonnull (strstr (s, "(3) Trồng rừng mới đạt 40 ha;"));
  g_assert_nonnull (strstr (s, "(4) Tỷ lệ che phủ rừng: duy trì 51,3%;"));
  g_assert_nonnull (strstr (s, "(5) Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa đạt từ 15 đến 20%."));
  g_assert_null (strstr (s, "(6)"));
  /* Each item is its own block in the markup. */
  {
    g_autoptr(KlMarkup) m = kl_markup_parse (s);
    g_assert_cmpuint (m->blocks->len, ==, 5);
  }
}

static void
test_generate_and_diff (void)
{
  g_autoptr(KlReport) r = make_report ();
  g_autofree char *before = kl_sentences_generate (r);
  g_autofree char *after = NULL;
  g_autofree char *diff = NULL;
  g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (r)), 1);
  g_autoptr(KlValue) v = kl_value_parse ("13,6", NULL);

  g_assert_true (g_str_has_prefix (before, "1/2 chỉ tiêu chính, 2/3 chỉ tiêu thành phần đạt và vượt kế hoạch năm 2025. Còn 02"));
  g_assert_null (kl_sentences_diff (before, before));

  /* Revenue now exceeds the plan: the counts and the list change, the diff says how. */
  kl_target_set_actual (t, v);
  after = kl_sentences_generate (r);
  g_assert_true (g_str_has_prefix (after, "2/2 chỉ tiêu chính"));
  diff = kl_sentences_diff (before, after);
  g_assert_nonnull (diff);
  g_assert_nonnull (strstr (diff, "- 1/2 chỉ tiêu chính"));
  g_assert_nonnull (strstr (diff, "+ 2/2 chỉ tiêu chính"));
}

static void
test_seed_001 (void)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autofree char *count = NULL;
  g_autofree char *not_met = NULL;
  g_autofree char *next = NULL;
  const char *name;

  g_assert_nonnull (seeds);
  dir = g_dir_open (seeds, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "001_"))
      path = g_build_filename (seeds, name, NULL);
  g_assert_nonnull (path);

  file = g_file_new_for_path (path);
  doc = kl_importer_import_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), >=, 1);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);

  count = kl_sentences_count (report);
  not_met = kl_sentences_not_met (report);
  next = kl_sentences_next_targets (report);
  g_test_message ("count: %s", count);
  g_test_message ("not met: %s", not_met);

  /* Seed 001's main targets are rows 1 and 2: income met (27,60 of 27,60), budget revenue
   * not met (49.960 of 61.000 → 81,9 %). The revenue is in tỷ đồng with a decimal dot, as the
   * column's other cells (27.60, 66.80) and the report's own text ("49.960 triệu đồng") show:
   * 49,96 tỷ đồng of 61 tỷ đồng. */
  g_assert_true (g_str_has_prefix (count, "1/2 chỉ tiêu chính, "));
  g_assert_nonnull (strstr (not_met, "thu ngân sách trên địa bàn thực hiện 49,96 tỷ đồng, bằng 81,9% kế hoạch (kế hoạch 61 tỷ đồng)"));
  /* Food output 17.501 tonnes against a plan of more than 17.600 is not met. */
  g_assert_nonnull (strstr (not_met, "tổng sản lượng lương thực thực hiện 17.501 tấn"));
  g_assert_nonnull (strstr (not_met, "(kế hoạch trên 17.600 tấn)"));
  /* Next year's figures come from the plan-2024 column. */
  g_assert_nonnull (strstr (next, "(1) Thu nhập bình quân đầu người đạt 29,6 triệu đồng;"));
  g_assert_nonnull (strstr (next, "Tổng sản lượng lương thực đạt 17.650 tấn;"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sentences/count", test_count);
  g_test_add_func ("/core/sentences/not-met", test_not_met);
  g_test_add_func ("/core/sentences/next-targets", test_next_targets);
  g_test_add_func ("/core/sentences/generate-and-diff", test_generate_and_diff);
  g_test_add_func ("/core/sentences/seed-001", test_seed_001);

  return g_test_run ();
}
