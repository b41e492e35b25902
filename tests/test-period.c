/* test-period.c: reading report periods, their order, and the reports of a trend. */
#include <locale.h>

#include "kl-core.h"

static void
assert_period (const char *text, int year, int first, int last)
{
  KlPeriod p = { 0, };

  if (!kl_period_parse (text, &p))
    g_error ("'%s' was not read", text);
  g_assert_cmpint (p.year, ==, year);
  g_assert_cmpint (p.first_month, ==, first);
  g_assert_cmpint (p.last_month, ==, last);
}

static void
test_parse (void)
{
  KlPeriod p;

  assert_period ("năm 2024", 2024, 1, 12);
  assert_period ("Năm 2023", 2023, 1, 12);
  assert_period ("2022", 2022, 1, 12);
  assert_period ("6 tháng đầu năm 2024", 2024, 1, 6);
  assert_period ("06 tháng đầu năm 2024", 2024, 1, 6);
  assert_period ("6 tháng cuối năm 2024", 2024, 7, 12);
  assert_period ("9 tháng năm 2024", 2024, 1, 9);
  assert_period ("9 tháng đầu năm 2025", 2025, 1, 9);
  assert_period ("quý I/2024", 2024, 1, 3);
  assert_period ("Quý II/2024", 2024, 4, 6);
  assert_period ("QUÝ IV NĂM 2023", 2023, 10, 12);
  assert_period ("quý 3 năm 2024", 2024, 7, 9);
  assert_period ("tháng 5/2024", 2024, 5, 5);
  assert_period ("Tháng 11 năm 2024", 2024, 11, 11);
  /* Words around the period, and the first period found counts. */
  assert_period ("Kết quả thực hiện năm 2023, phương hướng năm 2024", 2023, 1, 12);
  assert_period ("(6 tháng đầu năm 2024)", 2024, 1, 6);
  /* Decomposed Vietnamese (as some pastes bring it) reads the same. */
  assert_period ("qu\xc3\xbd" " I/2024", 2024, 1, 3);
  assert_period ("quy\xcc\x81 I/2024", 2024, 1, 3);

  g_assert_false (kl_period_parse ("nhiệm kỳ này", &p));
  g_assert_false (kl_period_parse ("", &p));
  g_assert_false (kl_period_parse (NULL, &p));
  /* "quý V" is no quarter: only the year is read. */
  assert_period ("quý V/2024", 2024, 1, 12);
}

static void
test_key (void)
{
  g_autofree char *a = kl_period_dup_key ("Năm 2024");
  g_autofree char *b = kl_period_dup_key ("năm 2024.");
  g_autofree char *c = kl_period_dup_key ("6 tháng đầu năm 2024");
  g_autofree char *d = kl_period_dup_key ("Kỳ họp thứ Nhất");
  g_autofree char *e = kl_period_dup_key ("kỳ họp thứ nhất.");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (d, ==, e);
  g_assert_null (kl_period_dup_key (""));
  g_assert_null (kl_period_dup_key (NULL));
}

static void
test_order (void)
{
  const char *sorted[] = { "năm 2023", "quý I/2024", "6 tháng đầu năm 2024", "quý II/2024",
                           "9 tháng năm 2024", "năm 2024", "quý I/2025" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (sorted); i++)
    if (kl_period_order (sorted[i], NULL) >= kl_period_order (sorted[i + 1], NULL))
      g_error ("'%s' should come before '%s'", sorted[i], sorted[i + 1]);
  /* Unknown periods by their document's date: after a period ending that month. */
  g_assert_cmpint (kl_period_order ("Đợt một", "2024-06-20"), >, kl_period_order ("6 tháng đầu năm 2024", NULL));
  g_assert_cmpint (kl_period_order ("Đợt một", "2024-06-20"), <, kl_period_order ("quý III/2024", NULL));
  g_assert_cmpint (kl_period_order ("Đợt một", "2024-06-20"), <, kl_period_order ("Đợt hai", "2024-09-01"));
  g_assert_cmpint (kl_period_order ("Đợt một", NULL), <, kl_period_order ("năm 1990", NULL));
}

static KlReport *
report_of (const char *period)
{
  KlReport *r = kl_report_new ("Báo cáo");

  kl_report_set_period (r, period);
  return r;
}

static char *
periods_of (GPtrArray *reports)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < reports->len; i++)
    g_string_append_printf (s, "%s%s", i ? " | " : "", kl_report_get_period (reports->pdata[i]));
  return g_string_free (s, FALSE);
}

static void
test_series (void)
{
  g_autoptr(KlReport) own = report_of ("năm 2025");
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
  const char *periods[] = { "năm 2023", "Năm 2025", "năm 2021", "năm 2024", "năm 2023.", "năm 2022",
                            "Đợt đặc biệt", "năm 2026" };
  const char *dates[] = { "2023-12-20", "2025-12-01", "2021-12-20", "2024-12-20", "2023-12-25", "2022-12-20",
                          "2024-08-01", "2026-12-20" };
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(KlReport) r = report_of (periods[i]);
      g_ptr_array_add (others, kl_period_report_new (r, dates[i], i + 1));
    }

  /* All of them: own's period and the second copy of 2023 left out. */
  series = kl_period_series (&own, 1, "2025-12-15", others, 0, &kept);
  text = periods_of (series);
  g_assert_cmpstr (text, ==, "năm 2021 | năm 2022 | năm 2023 | Đợt đặc biệt | năm 2024 | năm 2025 | năm 2026");
  g_assert_cmpuint (kept->len, ==, series->len - 1);
  g_assert_true (series->pdata[5] == own);
  g_assert_cmpint (((KlPeriodReport *) kept->pdata[2])->document_id, ==, 1);
  g_clear_pointer (&series, g_ptr_array_unref);
  g_clear_pointer (&kept, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* At most four: the oldest others go, the own report stays. */
  series = kl_period_series (&own, 1, "2025-12-15", others, 4, &kept);
  text = periods_of (series);
  g_assert_cmpstr (text, ==, "Đợt đặc biệt | năm 2024 | năm 2025 | năm 2026");
  g_assert_cmpuint (kept->len, ==, 3);
  g_clear_pointer (&series, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);

  /* Fewer periods than own reports: every own report stays. */
  {
    KlReport *two[2] = { own, NULL };
    g_autoptr(KlReport) earlier = report_of ("6 tháng đầu năm 2025");

    two[1] = earlier;
    series = kl_period_series (two, 2, NULL, others, 1, NULL);
    text = periods_of (series);
    g_assert_cmpstr (text, ==, "6 tháng đầu năm 2025 | năm 2025");
    g_clear_pointer (&series, g_ptr_array_unref);
    g_clear_pointer (&text, g_free);

    /* Without others, the document's order stays. */
    series = kl_period_series (two, 2, NULL, NULL, 0, NULL);
    text = periods_of (series);
    g_assert_cmpstr (text, ==, "năm 2025 | 6 tháng đầu năm 2025");
  }
}

static void
test_has_trend (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(KlReport) report = report_of ("năm 2024");
  g_autoptr(KlTarget) t = kl_target_new ("1", "Thu ngân sách", "Tỷ đồng");

  g_list_store_append (kl_document_get_reports (doc), report);
  kl_document_set_body (doc, "Xu hướng (trend) của các chỉ tiêu.\n\n{{chart bullet 1}}\n");
  g_assert_false (kl_period_document_has_trend (doc));
  kl_document_set_body (doc, "Diễn biến:\n\n{{chart trend 1}}\n");
  g_assert_true (kl_period_document_has_trend (doc));
  kl_document_set_body (doc, "");
  /* An annex trend of a report without targets prints nothing. */
  kl_report_set_annex_chart (report, "trend");
  g_assert_false (kl_period_document_has_trend (doc));
  g_list_store_append (kl_report_get_targets (report), t);
  g_assert_true (kl_period_document_has_trend (doc));
}

/* What the CLI and the window tell of the periods a trend took from the library. */
static void
test_join (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
  g_autofree char *none = kl_period_reports_join (items);
  g_autofree char *two = NULL;
  const char *periods[] = { "năm 2023", "quý I/2024" };

  g_assert_cmpstr (none, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(KlReport) r = kl_report_new (NULL);

      kl_report_set_period (r, periods[i]);
      g_ptr_array_add (items, kl_period_report_new (r, NULL, i + 1));
    }
  two = kl_period_reports_join (items);
  g_assert_cmpstr (two, ==, "năm 2023, quý I/2024");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/period/parse", test_parse);
  g_test_add_func ("/core/period/key", test_key);
  g_test_add_func ("/core/period/order", test_order);
  g_test_add_func ("/core/period/series", test_series);
  g_test_add_func ("/core/period/has-trend", test_has_trend);
  g_test_add_func ("/core/period/join", test_join);
  return g_test_run ();
}
