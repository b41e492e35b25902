/* test-store-trend.c: finding the earlier periods of a report in the library (trend chart). */
#include <locale.h>

#include "store-test-common.h"

/* The committee's yearly table, written for the tests: five targets whose figures grow by
 * @step a year. */
static const char *const series_names[] = {
  "Tổng giá trị sản xuất", "Thu ngân sách trên địa bàn", "Tỷ lệ hộ nghèo",
  "Số xã đạt chuẩn nông thôn mới", "Tỷ lệ dân số tham gia bảo hiểm y tế",
};

static KlReport *
make_report (const char *title, const char *period, const char *const *names, guint n_names, int step)
{
  KlReport *report = kl_report_new (title);

  kl_report_set_period (report, period);
  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *plan = g_strdup_printf ("%d", 100 + 10 * step + (int) i);
      g_autofree char *actual = g_strdup_printf ("%d", 102 + 10 * step + (int) i);
      g_autofree char *code = g_strdup_printf ("%u", i + 1);
      g_autoptr(KlTarget) t = store_test_target (code, names[i], "%", plan, actual, "");

      kl_target_set_source_line (t, 40 + i);

      g_list_store_append (kl_report_get_targets (report), t);
    }
  return report;
}

static gint64
save (KlStore *store, const char *date, KlSecrecy secrecy, KlReport *report, gint64 modified)
{
  g_autoptr(KlDocument) doc = kl_document_new ("BC");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  kl_document_set_title (doc, "BÁO CÁO");
  kl_document_set_date (doc, date);
  kl_document_set_secrecy (doc, secrecy);
  g_list_store_append (kl_document_get_reports (doc), report);
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  /* Modified times set outright: saves within a second would tie. */
  sql = g_strdup_printf ("UPDATE documents SET modified = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         modified, kl_document_get_id (doc));
  g_assert_true (kl_store_exec (store, sql, &error));
  return kl_document_get_id (doc);
}

typedef struct {
  char     *dir;
  KlStore  *store;
  KlReport *current;
  gint64    current_id;
  gint64    id_2022, id_2023, id_2023_copy, id_secret;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  const char *const other_names[] = { "Số trường đạt chuẩn quốc gia", "Tỷ lệ trẻ em đi học đúng độ tuổi",
                                      "Số giáo viên đạt chuẩn", "Thu ngân sách trên địa bàn" };
  g_autoptr(KlReport) r2022 = make_report ("Báo cáo kinh tế năm 2022", "năm 2022", series_names, 5, 0);
  g_autoptr(KlReport) r2023 = make_report ("Báo cáo kinh tế năm 2023", "năm 2023", series_names, 5, 1);
  /* The notice of the same meeting carries the 2023 table again, one name with a final
   * full stop and another in capitals (the same targets), saved later. */
  const char *const copy_names[] = { "Tổng giá trị sản xuất.", "THU NGÂN SÁCH TRÊN ĐỊA BÀN", "Tỷ lệ hộ nghèo",
                                     "Số xã đạt chuẩn nông thôn mới", "Tỷ lệ dân số tham gia bảo hiểm y tế" };
  g_autoptr(KlReport) r2023_copy = make_report ("Thông báo kết luận năm 2023", "Năm 2023", copy_names, 5, 1);
  /* Four of the five targets (a year that dropped one): still the series. */
  g_autoptr(KlReport) r2021 = make_report ("Báo cáo kinh tế năm 2021", "năm 2021", series_names, 4, -1);
  g_autoptr(KlReport) unrelated = make_report ("Báo cáo giáo dục năm 2023", "năm 2023", other_names, 4, 0);
  g_autoptr(KlReport) secret = make_report ("Báo cáo mật", "6 tháng đầu năm 2024", series_names, 5, 2);
  g_autoptr(KlReport) no_period = make_report ("Báo cáo không ghi kỳ", "", series_names, 5, 2);
  g_autoptr(KlReport) current = make_report ("Báo cáo kinh tế năm 2024", "năm 2024", series_names, 5, 2);
  g_autoptr(KlReport) current_copy = make_report ("Bản sao năm 2024", "năm 2024", series_names, 5, 2);

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "ketluan.db", NULL);
  f->store = store_test_open (path);
  save (f->store, "2021-12-20", KL_SECRECY_NONE, r2021, 1000);
  f->id_2022 = save (f->store, "2022-12-20", KL_SECRECY_NONE, r2022, 2000);
  f->id_2023 = save (f->store, "2023-12-20", KL_SECRECY_NONE, r2023, 3000);
  f->id_2023_copy = save (f->store, "2023-12-22", KL_SECRECY_NONE, r2023_copy, 3500);
  save (f->store, "2023-12-21", KL_SECRECY_NONE, unrelated, 3600);
  f->id_secret = save (f->store, "2024-07-10", KL_SECRECY_MAT, secret, 3700);
  save (f->store, "2024-03-01", KL_SECRECY_NONE, no_period, 3800);
  f->current_id = save (f->store, "2024-12-20", KL_SECRECY_NONE, current, 4000);
  /* A copy of the current document: its period is the current one's. */
  save (f->store, "2024-12-21", KL_SECRECY_NONE, current_copy, 5000);
  f->current = g_object_ref (current);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->current);
  g_clear_object (&f->store);
  store_test_rm_rf (f->dir);
  g_free (f->dir);
}

static GPtrArray *
find (Fixture *f, KlSecrecy secrecy, guint max_periods)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = kl_store_find_trend_reports (f->store, &f->current, 1, f->current_id, "2024-12-20",
                                                  secrecy, max_periods, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static char *
titles_of (GPtrArray *found)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      KlPeriodReport *item = found->pdata[i];
      g_string_append_printf (s, "%s%s", i ? " | " : "", kl_report_get_title (item->report));
    }
  return g_string_free (s, FALSE);
}

static void
test_series (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) found = find (f, KL_SECRECY_NONE, 0);
  g_autofree char *titles = titles_of (found);
  KlPeriodReport *last = NULL;

  /* Oldest first; the newest copy of 2023; no unrelated, secret, period-less report, and
   * not the current period again. */
  g_assert_cmpstr (titles, ==, "Báo cáo kinh tế năm 2021 | Báo cáo kinh tế năm 2022 | Thông báo kết luận năm 2023");
  last = found->pdata[2];
  g_assert_cmpint (last->document_id, ==, f->id_2023_copy);
  g_assert_cmpstr (last->date, ==, "2023-12-22");
  /* Loaded with their targets and figures. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (last->report))), ==, 5);
  {
    g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (last->report)), 0);
    g_assert_cmpfloat (kl_value_get_number (kl_target_get_actual (t)), ==, 112);
    /* Lines of another document mean nothing in the one charted. */
    g_assert_cmpuint (kl_target_get_source_line (t), ==, 0);
  }
}

static void
test_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) found = find (f, KL_SECRECY_NONE, 3);
  g_autofree char *titles = titles_of (found);

  /* Three periods with the current one: the two latest of the library. */
  g_assert_cmpstr (titles, ==, "Báo cáo kinh tế năm 2022 | Thông báo kết luận năm 2023");
}

static void
test_secret (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) found = find (f, KL_SECRECY_MAT, 0);
  g_autofree char *titles = titles_of (found);
  KlPeriodReport *secret = found->pdata[3];

  /* A secret document's chart may show the library's secret reports of its level. */
  g_assert_cmpstr (titles, ==, "Báo cáo kinh tế năm 2021 | Báo cáo kinh tế năm 2022 | "
                               "Thông báo kết luận năm 2023 | Báo cáo mật");
  g_assert_cmpint (secret->document_id, ==, f->id_secret);
}

static void
test_not_in_library (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlReport) empty = kl_report_new ("Báo cáo chưa có chỉ tiêu");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *titles = NULL;

  /* A file never saved (id 0): the library's copies of its own period stay out. */
  found = kl_store_find_trend_reports (f->store, &f->current, 1, 0, NULL, KL_SECRECY_NONE, 5, &error);
  g_assert_no_error (error);
  titles = titles_of (found);
  g_assert_cmpstr (titles, ==, "Báo cáo kinh tế năm 2021 | Báo cáo kinh tế năm 2022 | Thông báo kết luận năm 2023");

  /* A report without targets has no series. */
  none = kl_store_find_trend_reports (f->store, &empty, 1, 0, NULL, KL_SECRECY_NONE, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_few_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *const names[] = { "Thu ngân sách trên địa bàn", "Số doanh nghiệp thành lập mới",
                                "Số lao động được tạo việc làm", "Diện tích trồng rừng mới" };
  g_autoptr(KlReport) mixed = make_report ("Báo cáo khác", "năm 2025", names, 4, 3);
  g_autoptr(GPtrArray) found = NULL;

  /* One target in common with the committee's table (and with the education report) is
   * not a series. */
  found = kl_store_find_trend_reports (f->store, &mixed, 1, 0, NULL, KL_SECRECY_NONE, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/trend/series", Fixture, NULL, fixture_set_up, test_series, fixture_tear_down);
  g_test_add ("/store/trend/limit", Fixture, NULL, fixture_set_up, test_limit, fixture_tear_down);
  g_test_add ("/store/trend/secret", Fixture, NULL, fixture_set_up, test_secret, fixture_tear_down);
  g_test_add ("/store/trend/not-in-library", Fixture, NULL, fixture_set_up, test_not_in_library,
              fixture_tear_down);
  g_test_add ("/store/trend/few-shared", Fixture, NULL, fixture_set_up, test_few_shared, fixture_tear_down);
  return g_test_run ();
}
