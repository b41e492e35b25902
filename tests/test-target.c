/* test-target.c: evaluating targets (ratio, status, direction) and checking typed statuses. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "kl-core-enums.h"
#include "kl-target.h"

#define EPS 1e-6

static KlTarget *
make (const char *name, const char *unit, const char *plan, const char *actual, const char *typed)
{
  KlTarget *t = kl_target_new ("1", name, unit);
  g_autoptr(KlValue) p = kl_value_parse (plan, NULL);
  g_autoptr(KlValue) a = kl_value_parse (actual, NULL);

  kl_target_set_plan (t, p);
  kl_target_set_actual (t, a);
  kl_target_set_typed_status (t, typed);
  return t;
}

static KlStatus
status_of (const char *name, const char *plan, const char *actual)
{
  g_autoptr(KlTarget) t = make (name, "%", plan, actual, NULL);

  return kl_target_get_status (t);
}

static void
test_status_names (void)
{
  KlStatus s;

  for (int i = KL_STATUS_NO_DATA; i <= KL_STATUS_EXCEEDED; i++)
    {
      g_assert_true (kl_status_from_string (kl_status_to_string (i), &s));
      g_assert_cmpint (s, ==, i);
    }
  g_assert_cmpstr (kl_status_to_string (KL_STATUS_NOT_MET), ==, "not-met");
  g_assert_cmpstr (kl_status_to_string (KL_STATUS_NO_DATA), ==, "no-data");
  g_assert_cmpstr (kl_status_to_vietnamese (KL_STATUS_EXCEEDED), ==, "Vượt");
  g_assert_cmpstr (kl_status_to_vietnamese (KL_STATUS_MET), ==, "Đạt");
  g_assert_cmpstr (kl_status_to_vietnamese (KL_STATUS_NOT_MET), ==, "Không đạt");
  g_assert_cmpstr (kl_status_to_vietnamese (KL_STATUS_NO_DATA), ==, "Chưa có số liệu");
  g_assert_false (kl_status_from_string ("done", &s));
}

static void
test_exact (void)
{
  g_autoptr(KlTarget) t = make ("Sản lượng", "Tấn", "500", "527.3", NULL);

  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_EXCEEDED);
  g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (t), 527.3 / 500, EPS);
  g_assert_cmpint (status_of ("Chỉ tiêu", "96", "96"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Chỉ tiêu", "96", "95,9"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Chỉ tiêu", "98,40", "98.4"), ==, KL_STATUS_MET);
}

static void
test_qualifiers (void)
{
  /* ">17600": strictly more. */
  g_assert_cmpint (status_of ("Sản lượng", ">17600", "17601"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Sản lượng", ">17600", "17600"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Sản lượng", "trên 17600", "17599"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "≥ 95", "95"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "≥ 95", "94,9"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "từ 85 trở lên", "85"), ==, KL_STATUS_MET);
  /* "Duy trì": keep at least the level. */
  g_assert_cmpint (status_of ("Tỷ lệ", "Duy trì 98,5", "98.5"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "Duy trì 98,5", "99"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "Duy trì 98,5", "98.4"), ==, KL_STATUS_NOT_MET);
  /* Ceilings. */
  g_assert_cmpint (status_of ("Tỷ lệ", "dưới 5", "4,9"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "< 5", "5"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "không quá 5", "5"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "≤ 5", "5,1"), ==, KL_STATUS_NOT_MET);
}

static void
test_range (void)
{
  g_autoptr(KlTarget) t = make ("Tỷ lệ", "%", "15-20", "20", NULL);

  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_MET);
  /* Against the lower bound. */
  g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (t), 20.0 / 15.0, EPS);
  g_assert_cmpint (status_of ("Tỷ lệ", "15 - 20", "15"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "15–20", "17,5"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ", "15-20", "21"), ==, KL_STATUS_EXCEEDED);
  g_assert_cmpint (status_of ("Tỷ lệ", "15-20", "14,9"), ==, KL_STATUS_NOT_MET);
  /* Lower is better: below the range is the good side. */
  g_assert_cmpint (status_of ("Tỷ lệ hộ nghèo", "3-5", "2"), ==, KL_STATUS_EXCEEDED);
  g_assert_cmpint (status_of ("Tỷ lệ hộ nghèo", "3-5", "6"), ==, KL_STATUS_NOT_MET);
}

static void
test_no_data (void)
{
  g_autoptr(KlTarget) t = make ("Tỷ lệ", "%", "15", "-", NULL);

  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NO_DATA);
  g_assert_true (isnan (kl_target_get_ratio (t)));
  g_assert_cmpint (status_of ("Tỷ lệ", "15", ""), ==, KL_STATUS_NO_DATA);
  g_assert_cmpint (status_of ("Tỷ lệ", "15", "chưa tổng hợp"), ==, KL_STATUS_NO_DATA);
  g_assert_cmpint (status_of ("Tỷ lệ", "", "15"), ==, KL_STATUS_NO_DATA);
  g_assert_cmpint (status_of ("Tỷ lệ", "-", "15"), ==, KL_STATUS_NO_DATA);

  /* A plan of 0: no ratio, yet still comparable. */
  {
    g_autoptr(KlTarget) z = make ("Số vụ", "Vụ", "0", "0", NULL);

    g_assert_true (isnan (kl_target_get_ratio (z)));
    g_assert_cmpint (kl_target_get_status (z), ==, KL_STATUS_MET);
  }
  /* A group row has no evaluation. */
  {
    g_autoptr(KlTarget) g = kl_target_new_group ("3", "Nông nghiệp");

    g_assert_true (kl_target_is_group (g));
    g_assert_cmpint (kl_target_get_kind (g), ==, KL_TARGET_KIND_GROUP);
    g_assert_cmpint (kl_target_get_status (g), ==, KL_STATUS_NO_DATA);
    g_assert_nonnull (kl_target_get_plan (g));
    g_assert_cmpint (kl_value_get_qualifier (kl_target_get_plan (g)), ==, KL_QUALIFIER_NONE);
  }
}

static void
test_status_words (void)
{
  g_autoptr(KlTarget) a = make ("Hoàn thành", "%", "100", "Đạt", NULL);
  g_autoptr(KlTarget) b = make ("Hoàn thành", "%", "100", "Không đạt", NULL);
  g_autoptr(KlTarget) c = make ("Hoàn thành", "%", "", "Vượt", NULL);

  g_assert_cmpint (kl_target_get_status (a), ==, KL_STATUS_MET);
  g_assert_true (isnan (kl_target_get_ratio (a)));
  g_assert_cmpint (kl_target_get_status (b), ==, KL_STATUS_NOT_MET);
  g_assert_true (isnan (kl_target_get_ratio (b)));
  g_assert_cmpint (kl_target_get_status (c), ==, KL_STATUS_EXCEEDED);
}

static void
assert_direction (const char *name, const char *plan, KlDirection expected, const char *rule_part)
{
  g_autoptr(KlTarget) t = make (name, "%", plan, "", NULL);
  const char *rule = NULL;

  g_test_message ("%s / %s", name, plan);
  g_assert_cmpint (kl_target_get_direction (t), ==, KL_DIRECTION_AUTO);
  g_assert_cmpint (kl_target_get_effective_direction (t, &rule), ==, expected);
  g_assert_nonnull (rule);
  g_test_message ("rule: %s", rule);
  g_assert_nonnull (strstr (rule, rule_part));
}

static void
test_direction (void)
{
  assert_direction ("Tỷ lệ hộ nghèo", "5", KL_DIRECTION_LOWER_BETTER, "hộ nghèo");
  assert_direction ("Tỷ lệ hộ nghèo theo chuẩn đa chiều", "4,5", KL_DIRECTION_LOWER_BETTER, "hộ nghèo");
  assert_direction ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", "12", KL_DIRECTION_LOWER_BETTER,
                    "suy dinh dưỡng");
  assert_direction ("Tỷ lệ tăng dân số tự nhiên", "1,2", KL_DIRECTION_LOWER_BETTER, "population growth");
  assert_direction ("Tỷ lệ tăng DS tự nhiên", "15", KL_DIRECTION_LOWER_BETTER, "population growth");
  /* The size of a reduction: more is better, though the name mentions poverty or births. */
  assert_direction ("Giảm tỷ lệ hộ nghèo", "1,5", KL_DIRECTION_HIGHER_BETTER, "reduction");
  assert_direction ("Mức giảm tỷ lệ sinh bình quân", "0.5", KL_DIRECTION_HIGHER_BETTER, "reduction");
  /* The plan's qualifier says it before the name does. */
  assert_direction ("Tỷ lệ hộ dùng nước sạch", "không quá 5", KL_DIRECTION_LOWER_BETTER, "ceiling");
  assert_direction ("Tỷ lệ", "dưới 5", KL_DIRECTION_LOWER_BETTER, "ceiling");
  assert_direction ("Tỷ lệ", "< 5", KL_DIRECTION_LOWER_BETTER, "ceiling");
  assert_direction ("Giảm tỷ lệ hộ nghèo", ">6", KL_DIRECTION_HIGHER_BETTER, "floor");
  assert_direction ("Thu ngân sách", "61", KL_DIRECTION_HIGHER_BETTER, "default");
  /* Not fooled by "Giảm" inside a word. */
  assert_direction ("Giảng viên đạt chuẩn", "61", KL_DIRECTION_HIGHER_BETTER, "default");
}

static void
test_lower_better (void)
{
  g_autoptr(KlTarget) t = make ("Tỷ lệ hộ nghèo", "%", "5", "4", NULL);
  const char *rule = NULL;

  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_EXCEEDED);
  g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (t), 1.25, EPS);
  g_assert_cmpint (status_of ("Tỷ lệ hộ nghèo", "5", "5"), ==, KL_STATUS_MET);
  g_assert_cmpint (status_of ("Tỷ lệ hộ nghèo", "5", "6"), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (status_of ("Giảm tỷ lệ hộ nghèo", "1,5", "2"), ==, KL_STATUS_EXCEEDED);

  /* Setting the direction overrides the guess, and re-evaluates. */
  kl_target_set_direction (t, KL_DIRECTION_HIGHER_BETTER);
  g_assert_cmpint (kl_target_get_effective_direction (t, &rule), ==, KL_DIRECTION_HIGHER_BETTER);
  g_assert_cmpstr (rule, ==, "set on the target");
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NOT_MET);
  g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (t), 0.8, EPS);
}

typedef struct {
  guint ratio, status, disagrees, plan, actual;
} Counts;

static void
count_notify (GObject *obj, GParamSpec *pspec, Counts *c)
{
  if (g_str_equal (pspec->name, "ratio"))
    c->ratio++;
  else if (g_str_equal (pspec->name, "status"))
    c->status++;
  else if (g_str_equal (pspec->name, "disagrees"))
    c->disagrees++;
  else if (g_str_equal (pspec->name, "plan"))
    c->plan++;
  else if (g_str_equal (pspec->name, "actual"))
    c->actual++;
}

static void
test_notify (void)
{
  g_autoptr(KlTarget) t = make ("Sản lượng", "Tấn", ">17600", "17601", "Đạt");
  g_autoptr(KlValue) low = kl_value_parse ("17501", NULL);
  g_autoptr(KlValue) low2 = kl_value_parse ("17501", NULL);
  Counts c = { 0, };

  g_signal_connect (t, "notify", G_CALLBACK (count_notify), &c);
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_MET);
  g_assert_false (kl_target_get_disagrees (t, NULL));

  kl_target_set_actual (t, low);
  g_assert_cmpuint (c.actual, ==, 1);
  g_assert_cmpuint (c.status, ==, 1);
  g_assert_cmpuint (c.ratio, ==, 1);
  g_assert_cmpuint (c.disagrees, ==, 1);
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NOT_MET);
  g_assert_true (kl_target_get_disagrees (t, NULL));

  /* Same figures again: the actual changed, the evaluation did not. */
  kl_target_set_actual (t, low2);
  g_assert_cmpuint (c.actual, ==, 2);
  g_assert_cmpuint (c.status, ==, 1);
  g_assert_cmpuint (c.ratio, ==, 1);
  g_assert_cmpuint (c.disagrees, ==, 1);

  /* Same object: nothing at all. */
  kl_target_set_actual (t, low2);
  g_assert_cmpuint (c.actual, ==, 2);

  /* Fixing the typed status clears the disagreement. */
  kl_target_set_typed_status (t, "Không đạt");
  g_assert_cmpuint (c.disagrees, ==, 2);
  g_assert_false (kl_target_get_disagrees (t, NULL));

  /* NULL is an empty cell, never a NULL value. */
  kl_target_set_plan (t, NULL);
  g_assert_cmpuint (c.plan, ==, 1);
  g_assert_nonnull (kl_target_get_plan (t));
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NO_DATA);
  g_assert_true (isnan (kl_target_get_ratio (t)));
  g_assert_cmpuint (c.status, ==, 2);
  g_assert_cmpuint (c.ratio, ==, 2);
}

static void
test_settle_updates_target (void)
{
  g_autoptr(KlTarget) t = make ("Thu ngân sách", "Tỷ đồng", "61.000", "49.960", "82");
  g_autoptr(KlValue) old = NULL;
  Counts c = { 0, };

  g_signal_connect (t, "notify", G_CALLBACK (count_notify), &c);
  /* Both cells ambiguous and unsettled: no guessing. */
  g_assert_true (kl_value_get_ambiguous (kl_target_get_plan (t)));
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NO_DATA);
  g_assert_true (isnan (kl_target_get_ratio (t)));
  g_assert_false (kl_target_get_disagrees (t, NULL));

  kl_value_settle (kl_target_get_plan (t), 61000);
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NO_DATA);
  kl_value_settle (kl_target_get_actual (t), 49960);
  g_assert_cmpuint (c.status, ==, 1);
  g_assert_cmpuint (c.ratio, ==, 1);
  g_assert_cmpint (kl_target_get_status (t), ==, KL_STATUS_NOT_MET);
  g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (t), 49960.0 / 61000.0, EPS);
  g_assert_false (kl_target_get_disagrees (t, NULL));

  /* A value replaced is no longer watched. */
  old = g_object_ref (kl_target_get_actual (t));
  {
    g_autoptr(KlValue) other = kl_value_parse ("50000", NULL);

    kl_target_set_actual (t, other);
  }
  c.status = c.ratio = 0;
  kl_value_settle (old, 49.96);
  g_assert_cmpuint (c.status, ==, 0);
  g_assert_cmpuint (c.ratio, ==, 0);
}

static void
assert_disagrees (const char *plan, const char *actual, const char *typed, gboolean expected)
{
  g_autoptr(KlTarget) t = make ("Chỉ tiêu", "%", plan, actual, typed);
  g_autofree char *why = NULL;

  g_test_message ("%s / %s / %s", plan, actual, typed);
  g_assert_cmpint (kl_target_get_disagrees (t, &why), ==, expected);
  if (expected)
    {
      g_assert_nonnull (why);
      g_test_message ("%s", why);
    }
  else
    g_assert_null (why);
}

static void
test_disagreement (void)
{
  g_autoptr(KlTarget) t = make ("Chỉ tiêu", "%", ">17600", "17501", "Đạt");
  g_autoptr(KlTarget) u = make ("Chỉ tiêu", "%", "100", "99,4", "100");
  g_autofree char *why = NULL;
  g_autofree char *why2 = NULL;

  g_assert_true (kl_target_get_disagrees (t, &why));
  g_assert_nonnull (strstr (why, "Đạt"));
  g_assert_nonnull (strstr (why, "not met"));
  g_assert_nonnull (strstr (why, "17.501"));
  g_assert_true (kl_target_get_disagrees (u, &why2));
  g_assert_nonnull (strstr (why2, "99,4"));

  assert_disagrees ("100", "100", "100", FALSE);
  assert_disagrees ("100", "100", "Đạt", FALSE);
  assert_disagrees ("100", "99", "Không đạt", FALSE);
  assert_disagrees ("100", "101", "Không đạt", TRUE);
  assert_disagrees (">80", "79.5", "Đạt", TRUE);
  assert_disagrees (">80", "80.90", "Đạt", FALSE);
  assert_disagrees ("200", "169", "85", FALSE);        /* 84,5 % rounds to 85 */
  assert_disagrees ("200", "169", "84", FALSE);
  assert_disagrees ("200", "169", "83.9", TRUE);
  assert_disagrees ("200", "169", "85%", FALSE);
  assert_disagrees ("100", "92.9", "92.9", FALSE);
  assert_disagrees ("100", "99.4", "99,4", FALSE);
  /* Nothing to check: no typed status, a dash, or no figures. */
  assert_disagrees ("100", "99", NULL, FALSE);
  assert_disagrees ("100", "99", "-", FALSE);
  assert_disagrees ("100", "99", "", FALSE);
  assert_disagrees ("100", "-", "Đạt", FALSE);
  assert_disagrees ("100", "-", "100", FALSE);
  assert_disagrees ("100", "99", "ghi chú", FALSE);
}

/* ---------------------------------------------------------------------------------------- */
/* Seed 001: the annex table, read row by row as an importer would.                         */

typedef struct {
  const char *label;      /* the row's code; rows without one: previous code + "/n" */
  KlStatus    status;
  gboolean    disagrees;
} Expected;

/* Checked by hand against the figures (plan / actual / typed TH/KH column). */
static const Expected seed_rows[] = {
  { "1", KL_STATUS_MET, FALSE },             /* 27.60 / 27.60, typed 100 */
  { "2", KL_STATUS_NOT_MET, FALSE },         /* 61.000 / 49.960 tỷ đồng: 81,9 %, typed 82 */
  { "3.1", KL_STATUS_NOT_MET, TRUE },        /* >17600 / 17.501 tấn, typed "Đạt": 17 501 is not above 17 600 */
  { "3.2", KL_STATUS_MET, FALSE },           /* 3.9 / 3.9, typed 100 */
  { "3.3", KL_STATUS_MET, FALSE },           /* 66.80 / 66.80, typed 100 */
  { "3.4", KL_STATUS_EXCEEDED, FALSE },      /* 500 / 527.3 ha: 105,46 %, typed 105 */
  { "3.5", KL_STATUS_MET, FALSE },           /* 03 (lũy kế 03) / 3, typed 100 */
  { "3.6", KL_STATUS_MET, FALSE },           /* 23.08 / 23.08, typed 100 */
  { "4.1", KL_STATUS_MET, FALSE },           /* 100 / 100, typed 100 */
  { "4.2", KL_STATUS_MET, FALSE },           /* 92.0 / 92.0, typed 100 */
  { "4.3", KL_STATUS_MET, FALSE },           /* Duy trì 98,5 / 98.5, typed 100 */
  { "4.4", KL_STATUS_MET, FALSE },           /* Duy trì 98,0 / 98.0, typed 100 */
  { "4.5", KL_STATUS_NOT_MET, FALSE },       /* Duy trì 100 / 92.9, typed 92.9: the typed % is right */
  { "4.5/1", KL_STATUS_NOT_MET, TRUE },      /* Duy trì 101 / 100, typed 100: computed 99,0 % */
  { "5.1", KL_STATUS_EXCEEDED, FALSE },      /* a reduction of 0.5 ‰ planned, 0.7 done: 140 %, typed 140 */
  { "5.2", KL_STATUS_MET, FALSE },           /* 11 / 11, typed 100 */
  { "5.3", KL_STATUS_NO_DATA, FALSE },       /* 15 / -, nothing typed: no data */
  { "5.4", KL_STATUS_MET, FALSE },           /* 11 / 11, typed 100 */
  { "5.6", KL_STATUS_MET, FALSE },           /* 50 / 50, typed 100 */
  { "6.1", KL_STATUS_MET, FALSE },           /* >6 / 7.28 (size of the poverty reduction), typed "Đạt" */
  { "6.2", KL_STATUS_MET, FALSE },           /* >58 / 59.9, typed "Đạt" */
  { "6.3", KL_STATUS_EXCEEDED, FALSE },      /* 1.000 / 1.105 người: 110,5 %, typed 111 */
  { "6.4", KL_STATUS_EXCEEDED, TRUE },       /* 695 / 705 người: 101,4 %, typed 100 */
  { "7.1", KL_STATUS_NOT_MET, FALSE },       /* >90 / 88.2, typed "Không đạt" */
  { "7.2", KL_STATUS_MET, FALSE },           /* >80 / 80.90, typed "Đạt" */
  { "7.3", KL_STATUS_MET, FALSE },           /* 96 / 96, typed 100 */
  { "7.4", KL_STATUS_NOT_MET, FALSE },       /* >80 / 79.5, typed "Không đạt" */
  { "8.1", KL_STATUS_MET, FALSE },           /* >55 / 59, typed "Đạt" */
  { "8.2", KL_STATUS_MET, FALSE },           /* 100 / 100, typed 100 */
  { "8.3/1", KL_STATUS_EXCEEDED, FALSE },    /* 98.40 / 99.90: 101,52 %, typed 102 */
  { "8.3/2", KL_STATUS_MET, FALSE },         /* 100 / 100, typed 100 */
  { "8.3/3", KL_STATUS_MET, FALSE },         /* 96.80 / 96.8, typed 100 */
  { "8.3/4", KL_STATUS_MET, FALSE },         /* >59 / 59.1, typed "Đạt" */
  { "9.1", KL_STATUS_MET, FALSE },           /* 100 / 100, typed 100 */
  { "9.2", KL_STATUS_MET, FALSE },           /* Duy trì 84,6 / 84.6, typed 100 */
  { "10.1", KL_STATUS_EXCEEDED, FALSE },     /* 96 / 99 người: 103,1 %, typed 103 */
  { "10.2", KL_STATUS_MET, FALSE },          /* 100 / 100, typed 100 */
  { "11.1", KL_STATUS_MET, FALSE },          /* 80 / 80, typed "-" */
  { "11.2", KL_STATUS_MET, FALSE },          /* 15-20 / 20: inside the range, typed "-" */
  { "11.3", KL_STATUS_MET, FALSE },          /* 90 / 90, typed "-" */
  { "11.4", KL_STATUS_NOT_MET, FALSE },      /* 200 / 169 đảng viên: 84,5 %, typed 85 */
};

static char *
strip_tags (const char *s)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = s; *p; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

static char *
read_seed (const char *prefix)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *contents = NULL;

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        return contents;
      }
  return NULL;
}

enum { COL_CODE, COL_NAME, COL_UNIT, COL_PLAN, COL_ACTUAL, COL_NEXT, COL_TYPED, N_COLS };

static KlValue *
parse_cell (GPtrArray *rows, guint r, guint col, double partner)
{
  g_autoptr(GPtrArray) column = g_ptr_array_new ();
  char **cells = g_ptr_array_index (rows, r);
  KlValueContext ctx = { cells[COL_UNIT], NULL, partner };

  for (guint i = 0; i < rows->len; i++)
    if (i != r)
      g_ptr_array_add (column, ((char **) g_ptr_array_index (rows, i))[col]);
  g_ptr_array_add (column, NULL);
  ctx.column = (const char *const *) column->pdata;
  return kl_value_parse (cells[col], &ctx);
}

static void
test_seed_001 (void)
{
  g_autofree char *text = read_seed ("001_");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *last_code = NULL;
  guint sub = 0;
  guint n_disagree = 0;

  if (text == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }

  /* Keep the target rows: tab-separated, not a header, with at least one figure cell. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cells = NULL;
      gboolean figures = FALSE;

      if (strchr (lines[i], '\t') == NULL || g_str_has_prefix (lines[i], "TT\t"))
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, N_COLS);
      for (guint c = 0; c < N_COLS; c++)
        {
          char *s = strip_tags (cells[c]);

          g_free (cells[c]);
          cells[c] = s;
        }
      for (guint c = COL_PLAN; c < N_COLS; c++)
        figures |= cells[c][0] != '\0';
      if (*cells[COL_CODE] != '\0')
        {
          g_free (last_code);
          last_code = g_strdup (cells[COL_CODE]);
          sub = 0;
        }
      if (!figures)
        continue;
      g_ptr_array_add (labels, *cells[COL_CODE] ? g_strdup (cells[COL_CODE])
                                                : g_strdup_printf ("%s/%u", last_code, ++sub));
      g_ptr_array_add (rows, g_steal_pointer (&cells));
    }
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (seed_rows));

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      KlTarget *t = kl_target_new (cells[COL_CODE], cells[COL_NAME], cells[COL_UNIT]);
      g_autoptr(KlValue) plan = parse_cell (rows, r, COL_PLAN, NAN);
      g_autoptr(KlValue) actual = parse_cell (rows, r, COL_ACTUAL, NAN);
      g_autoptr(KlValue) next = parse_cell (rows, r, COL_NEXT, NAN);

      /* What unit and column left open, the partner may settle. */
      if (kl_value_get_ambiguous (plan) && !kl_value_get_ambiguous (actual))
        {
          g_clear_object (&plan);
          plan = parse_cell (rows, r, COL_PLAN, kl_value_get_number (actual));
        }
      if (kl_value_get_ambiguous (actual) && !kl_value_get_ambiguous (plan))
        {
          g_clear_object (&actual);
          actual = parse_cell (rows, r, COL_ACTUAL, kl_value_get_number (plan));
        }

      kl_target_set_plan (t, plan);
      kl_target_set_actual (t, actual);
      kl_target_set_next_plan (t, next);
      kl_target_set_typed_status (t, cells[COL_TYPED]);
      g_ptr_array_add (targets, t);
    }

  for (guint r = 0; r < targets->len; r++)
    {
      KlTarget *t = g_ptr_array_index (targets, r);
      const char *label = g_ptr_array_index (labels, r);
      g_autofree char *why = NULL;
      gboolean disagrees = kl_target_get_disagrees (t, &why);

      g_test_message ("row %s: %s, ratio %.4f%s%s", label,
                      kl_status_to_string (kl_target_get_status (t)), kl_target_get_ratio (t),
                      disagrees ? " DISAGREES: " : "", disagrees ? why : "");
      g_assert_cmpstr (label, ==, seed_rows[r].label);
      g_assert_false (kl_value_get_ambiguous (kl_target_get_plan (t)));
      g_assert_cmpstr (kl_status_to_string (kl_target_get_status (t)), ==,
                       kl_status_to_string (seed_rows[r].status));
      g_assert_cmpint (disagrees, ==, seed_rows[r].disagrees);
      n_disagree += disagrees;
    }
  g_assert_cmpuint (n_disagree, ==, 3);

  /* The readings the seed's own % column confirms. */
  {
    KlTarget *budget = g_ptr_array_index (targets, 1);
    KlTarget *grain = g_ptr_array_index (targets, 2);
    KlTarget *births = g_ptr_array_index (targets, 14);
    KlTarget *growth = g_ptr_array_index (targets, 16);
    KlTarget *poverty = g_ptr_array_index (targets, 19);
    KlTarget *trained = g_ptr_array_index (targets, 21);
    const char *rule = NULL;

    /* 61.000 / 49.960 tỷ đồng: the columns write "27.60", so the dot is decimal; 82 % either way. */
    g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (budget), 0.819, 0.001);
    g_assert_cmpfloat_with_epsilon (kl_value_get_number (kl_target_get_plan (budget)), 61, EPS);
    g_assert_true (g_str_has_prefix (kl_value_get_rule (kl_target_get_plan (budget)), "column"));
    /* 17.501 tấn is seventeen thousand tonnes. */
    g_assert_cmpfloat (kl_value_get_number (kl_target_get_actual (grain)), ==, 17501);
    g_assert_true (g_str_has_prefix (kl_value_get_rule (kl_target_get_actual (grain)), "unit"));
    g_assert_cmpfloat (kl_value_get_number (kl_target_get_next_plan (grain)), ==, 17650);
    /* 1.000 / 1.105 người: 110,5 %, the typed 111. */
    g_assert_cmpfloat (kl_value_get_number (kl_target_get_plan (trained)), ==, 1000);
    g_assert_cmpfloat (kl_value_get_number (kl_target_get_actual (trained)), ==, 1105);
    g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (trained), 1.105, EPS);
    /* A reduction is higher-is-better; population growth is lower-is-better. */
    g_assert_cmpint (kl_target_get_effective_direction (births, &rule), ==, KL_DIRECTION_HIGHER_BETTER);
    g_assert_nonnull (strstr (rule, "reduction"));
    g_assert_cmpfloat_with_epsilon (kl_target_get_ratio (births), 1.4, EPS);
    g_assert_cmpint (kl_target_get_effective_direction (growth, NULL), ==, KL_DIRECTION_LOWER_BETTER);
    g_assert_cmpint (kl_target_get_effective_direction (poverty, NULL), ==, KL_DIRECTION_HIGHER_BETTER);
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/target/status-names", test_status_names);
  g_test_add_func ("/core/target/exact", test_exact);
  g_test_add_func ("/core/target/qualifiers", test_qualifiers);
  g_test_add_func ("/core/target/range", test_range);
  g_test_add_func ("/core/target/no-data", test_no_data);
  g_test_add_func ("/core/target/status-words", test_status_words);
  g_test_add_func ("/core/target/direction", test_direction);
  g_test_add_func ("/core/target/lower-better", test_lower_better);
  g_test_add_func ("/core/target/notify", test_notify);
  g_test_add_func ("/core/target/settle-updates-target", test_settle_updates_target);
  g_test_add_func ("/core/target/disagreement", test_disagreement);
  g_test_add_func ("/core/target/seed-001", test_seed_001);

  return g_test_run ();
}
