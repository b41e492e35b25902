/* test-tsv.c: reading target tables pasted as tab-separated (or piped) rows. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kl-core.h"

static KlTarget *
target_at (KlReport *report, guint i)
{
  return g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), i);
}

static guint
n_items (KlReport *report)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report)));
}

static gboolean
has_warning (GListStore *warnings, guint line, const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warnings)); i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (G_LIST_MODEL (warnings), i);
      if ((line == 0 || kl_warning_get_line (w) == line) && strstr (kl_warning_get_message (w), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static const char table[] =
  "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025\tTH năm 2025\tKế hoạch năm 2026\tTH/KH (%)\n"
  "1\t2\t3\t4\t5\t6\t7\n"
  "1\t<b>Tổng thu ngân sách</b>\tTỷ đồng\t12,5\t13,1\t14,0\t105\n"
  "2\t<b>Các chỉ tiêu xã hội</b>\t\t\t\t\t\n"
  "2.1\tTỷ lệ hộ nghèo\t%\t< 3\t2,6\t2,2\tĐạt\n"
  "2.2\tTỷ lệ trẻ đến trường:\t\t\t\t\t\n"
  "\tTrong đó: + Mẫu giáo\t%\t98\t99\t99\t101\n"
  "\t+ Tiểu học\t%\t100\t100\t100\t100\n"
  "\n"
  "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025\tTH năm 2025\tKế hoạch năm 2026\tTH/KH (%)\n"
  "<b>II</b>\t<b>Môi trường</b>\t\t\t\t\t\n"
  "3.1\tRác thải được thu gom\t%\t95\t96\t97\t101\n";

static void
test_read_table (void)
{
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo thử");
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) t0 = NULL, t1 = NULL, t2 = NULL, t3 = NULL, t4 = NULL, t5 = NULL, t7 = NULL, t8 = NULL;

  g_assert_true (kl_tsv_read_targets (table, 100, report, warnings, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (kl_report_get_plan_label (report), ==, "Kế hoạch năm 2025");
  g_assert_cmpstr (kl_report_get_actual_label (report), ==, "TH năm 2025");
  g_assert_cmpstr (kl_report_get_next_plan_label (report), ==, "Kế hoạch năm 2026");
  g_assert_cmpstr (kl_report_get_ratio_label (report), ==, "TH/KH (%)");
  g_assert_cmpstr (kl_report_get_period (report), ==, "năm 2025");

  /* 8 rows: the column numbers and the repeated header are not rows. */
  g_assert_cmpuint (n_items (report), ==, 8);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 5);

  t0 = target_at (report, 0);
  g_assert_cmpstr (kl_target_get_code (t0), ==, "1");
  g_assert_cmpstr (kl_target_get_name (t0), ==, "Tổng thu ngân sách");   /* <b> stripped */
  g_assert_cmpstr (kl_target_get_unit (t0), ==, "Tỷ đồng");
  g_assert_cmpint (kl_target_get_kind (t0), ==, KL_TARGET_KIND_MAIN);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_plan (t0)), 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_actual (t0)), 13.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_next_plan (t0)), 14.0, 1e-9);
  g_assert_cmpstr (kl_target_get_typed_status (t0), ==, "105");
  g_assert_cmpuint (kl_target_get_source_line (t0), ==, 102);

  t1 = target_at (report, 1);
  g_assert_cmpint (kl_target_get_kind (t1), ==, KL_TARGET_KIND_GROUP);
  g_assert_cmpstr (kl_target_get_name (t1), ==, "Các chỉ tiêu xã hội");

  t2 = target_at (report, 2);
  g_assert_cmpint (kl_target_get_kind (t2), ==, KL_TARGET_KIND_COMPONENT);
  g_assert_cmpstr (kl_target_get_group (t2), ==, "Các chỉ tiêu xã hội");
  g_assert_cmpint (kl_value_get_qualifier (kl_target_get_plan (t2)), ==, KL_QUALIFIER_LT);
  g_assert_cmpstr (kl_target_get_typed_status (t2), ==, "Đạt");

  /* "2.2 …:" with no figures heads the sub-rows. */
  t3 = target_at (report, 3);
  g_assert_cmpint (kl_target_get_kind (t3), ==, KL_TARGET_KIND_GROUP);
  t4 = target_at (report, 4);
  g_assert_cmpstr (kl_target_get_code (t4) != NULL ? kl_target_get_code (t4) : "", ==, "");
  g_assert_cmpstr (kl_target_get_name (t4), ==, "Trong đó: + Mẫu giáo");
  g_assert_cmpint (kl_target_get_kind (t4), ==, KL_TARGET_KIND_COMPONENT);
  g_assert_cmpstr (kl_target_get_group (t4), ==, "Tỷ lệ trẻ đến trường:");
  g_assert_true (has_warning (warnings, 106, "no code"));
  t5 = target_at (report, 5);
  g_assert_cmpstr (kl_target_get_name (t5), ==, "+ Tiểu học");
  g_assert_true (has_warning (warnings, 107, "no code"));

  g_assert_true (has_warning (warnings, 109, "header row repeated"));
  /* "<b>II</b>" with a bold name and no figures is a group. */
  t7 = target_at (report, 6);
  g_assert_cmpint (kl_target_get_kind (t7), ==, KL_TARGET_KIND_GROUP);
  g_assert_cmpstr (kl_target_get_code (t7), ==, "II");
  t8 = target_at (report, 7);
  g_assert_cmpstr (kl_target_get_group (t8), ==, "Môi trường");
  g_assert_cmpint (kl_target_get_kind (t8), ==, KL_TARGET_KIND_COMPONENT);
}

static void
test_wrong_columns (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) t = NULL;
  const char text[] =
    "TT\tChỉ tiêu\tĐVT\tKH 2024\tTH 2024\tTH/KH (%)\n"
    "1\tSản lượng lương thực\tTấn\t41.100\n"
    "2\tĐàn gia súc\tCon\t5.000\t5.100\t102\tthừa\n";

  g_assert_true (kl_tsv_read_targets (text, 7, report, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 2);
  /* Missing cells: the row and the columns are named. */
  g_assert_true (has_warning (warnings, 8, "row 1 has 4 cells where the header has 6"));
  g_assert_true (has_warning (warnings, 8, "TH 2024, TH/KH (%)"));
  g_assert_true (has_warning (warnings, 8, "line 8: "));
  /* An extra cell: the row and the column number are named. */
  g_assert_true (has_warning (warnings, 9, "row 2, column 7: extra cell 'thừa'"));
  t = target_at (report, 0);
  g_assert_cmpint (kl_value_get_qualifier (kl_target_get_actual (t)), ==, KL_QUALIFIER_NONE);
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NO_DATA);
}

static void
test_no_target (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  const char only_header[] =
    "TT\tChỉ tiêu\tĐVT\tKH 2024\tTH 2024\n"
    "1\t<b>Kinh tế</b>\t\t\t\n";

  g_assert_false (kl_tsv_read_targets (only_header, 20, report, warnings, &error));
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TABLE);
  g_assert_true (g_str_has_prefix (error->message, "line 20: "));
  /* Nothing half-done: no targets and no warnings added. */
  g_assert_cmpuint (n_items (report), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (warnings)), ==, 0);
  g_clear_error (&error);

  g_assert_false (kl_tsv_read_targets ("no tabs at all\n\n", 3, report, NULL, &error));
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TABLE);
  g_assert_true (g_str_has_prefix (error->message, "line 3: "));
}

static void
test_piped_and_headerless (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(KlReport) bare = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) t = NULL;
  const char piped[] =
    "| STT | Nội dung | Đơn vị tính | Kế hoạch | Thực hiện | So sánh (%) |\n"
    "|---|---|---|---|---|---|\n"
    "| 1 | Khách du lịch | Lượt | 500 | 520 | 104 |\n";
  const char headerless[] =
    "1\tTrồng rừng mới\tha\t500\t527,3\n"
    "2\tĐường ô tô đến bản\t%\t100\t100\n";

  g_assert_true (kl_tsv_read_targets (piped, 1, report, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 1);
  g_assert_cmpstr (kl_report_get_ratio_label (report), ==, "So sánh (%)");
  t = target_at (report, 0);
  g_assert_cmpstr (kl_target_get_name (t), ==, "Khách du lịch");
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_actual (t)), 520, 1e-9);

  g_assert_true (kl_tsv_read_targets (headerless, 1, bare, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kl_report_get_n_targets (bare), ==, 2);
  g_assert_true (has_warning (warnings, 1, "no header row"));
}

/* A table without a TT column: the header is still recognised, rows have no code. */
static void
test_no_code_column (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) t = NULL;
  const char text[] =
    "Chỉ tiêu\tĐVT\tKế hoạch 2025\tThực hiện 2025\n"
    "Số hộ thoát nghèo\tHộ\t120\t131\n";

  g_assert_true (kl_tsv_read_targets (text, 1, report, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kl_report_get_actual_label (report), ==, "Thực hiện 2025");
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 1);
  t = target_at (report, 0);
  g_assert_cmpstr (kl_target_get_name (t), ==, "Số hộ thoát nghèo");
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_actual (t)), 131, 1e-9);
  g_assert_true (has_warning (warnings, 2, "no code"));
}

/* Word's merged header cells come as two rows: read as one header. */
static void
test_two_row_header (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) t = NULL;
  const char text[] =
    "TT\tChỉ tiêu\tĐVT\tNăm 2025\t\t\n"
    "\t\t\tKế hoạch\tThực hiện\tTH/KH (%)\n"
    "1\tTrồng rừng mới\tha\t120\t130\t108\n"
    "TT\tChỉ tiêu\tĐVT\tNăm 2025\t\t\n"
    "\t\t\tKế hoạch\tThực hiện\tTH/KH (%)\n"
    "2\tĐàn trâu bò\tcon\t900\t880\t98\n";

  g_assert_true (kl_tsv_read_targets (text, 10, report, warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kl_report_get_plan_label (report), ==, "Kế hoạch năm 2025");
  g_assert_cmpstr (kl_report_get_actual_label (report), ==, "Thực hiện năm 2025");
  g_assert_true (g_str_has_prefix (kl_report_get_ratio_label (report), "TH/KH (%)"));
  g_assert_true (has_warning (warnings, 11, "header of two rows"));
  /* Both rows of the repeated header are skipped. */
  g_assert_true (has_warning (warnings, 13, "header row repeated"));
  g_assert_true (has_warning (warnings, 14, "header row repeated"));
  g_assert_cmpuint (n_items (report), ==, 2);
  t = target_at (report, 0);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_plan (t)), 120, 1e-9);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_actual (t)), 130, 1e-9);
  g_assert_cmpstr (kl_target_get_typed_status (t), ==, "108");
}

/* A row without figures is a group when bold, ending in ':', or heading the rows under it. */
static void
test_group_evidence (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlTarget) a = NULL, b = NULL, c = NULL;
  const char text[] =
    "TT\tChỉ tiêu\tĐVT\tKH\tTH\n"
    "5\tY tế\t\t\t\n"
    "5.1\tSố bác sĩ/vạn dân\tBác sĩ\t11\t11\n"
    "6\tTuyển quân\tNgười\t\t\n"
    "7\tHuấn luyện\t%\t100\t100\n";

  g_assert_true (kl_tsv_read_targets (text, 1, report, warnings, &error));
  g_assert_no_error (error);
  a = target_at (report, 0);
  b = target_at (report, 2);
  c = target_at (report, 3);
  g_assert_cmpint (kl_target_get_kind (a), ==, KL_TARGET_KIND_GROUP);
  /* "6" heads nothing and has no figures: a target without data, and said. */
  g_assert_cmpint (kl_target_get_kind (b), ==, KL_TARGET_KIND_MAIN);
  g_assert_cmpint (kl_target_get_status (b), ==, KL_STATUS_NO_DATA);
  g_assert_true (has_warning (warnings, 4, "has no figures"));
  g_assert_cmpint (kl_target_get_kind (c), ==, KL_TARGET_KIND_MAIN);
}

static void
test_split_line (void)
{
  g_auto(GStrv) a = kl_tsv_split_line ("1\tTên\t\t5\r\n");
  g_auto(GStrv) b = kl_tsv_split_line ("| a | b c |  d |");

  g_assert_cmpuint (g_strv_length (a), ==, 4);
  g_assert_cmpstr (a[2], ==, "");
  g_assert_cmpstr (a[3], ==, "5");
  g_assert_cmpuint (g_strv_length (b), ==, 3);
  g_assert_cmpstr (b[1], ==, "b c");
  g_assert_cmpstr (b[2], ==, "d");
}

/* A huge row must not make the reader slow. */
static void
test_long_row (void)
{
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GError) error = NULL;
  GString *s = g_string_new ("TT\tChỉ tiêu\tĐVT\tKH\tTH\n1\tDài\t%\t1\t2");
  gint64 start;

  for (guint i = 0; i < 200000; i++)
    g_string_append (s, "\tx");
  g_string_append (s, "\n");
  start = g_get_monotonic_time ();
  g_assert_true (kl_tsv_read_targets (s->str, 1, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_string_free (s, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tsv/read-table", test_read_table);
  g_test_add_func ("/core/tsv/wrong-columns", test_wrong_columns);
  g_test_add_func ("/core/tsv/no-target", test_no_target);
  g_test_add_func ("/core/tsv/piped-and-headerless", test_piped_and_headerless);
  g_test_add_func ("/core/tsv/no-code-column", test_no_code_column);
  g_test_add_func ("/core/tsv/two-row-header", test_two_row_header);
  g_test_add_func ("/core/tsv/group-evidence", test_group_evidence);
  g_test_add_func ("/core/tsv/split-line", test_split_line);
  g_test_add_func ("/core/tsv/long-row", test_long_row);

  return g_test_run ();
}
