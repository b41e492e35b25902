/* test-value.c: reading target-table cells, ambiguity and the rules that settle it. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "kl-core-enums.h"
#include "kl-value.h"

#define EPS 1e-9

static KlValue *
parse (const char *text)
{
  return kl_value_parse (text, NULL);
}

static void
assert_exact (const char *text, double number, const char *unit)
{
  g_autoptr(KlValue) v = parse (text);

  g_test_message ("%s", text);
  g_assert_cmpint (kl_value_get_qualifier (v), ==, KL_QUALIFIER_EXACT);
  g_assert_true (kl_value_has_number (v));
  g_assert_false (kl_value_get_ambiguous (v));
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (v), number, EPS);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number_max (v), number, EPS);
  g_assert_cmpstr (kl_value_get_unit (v), ==, unit);
}

static void
assert_qualified (const char *text, KlQualifier q, double lo, double hi, const char *unit)
{
  g_autoptr(KlValue) v = parse (text);

  g_test_message ("%s", text);
  g_assert_cmpstr (kl_qualifier_to_string (kl_value_get_qualifier (v)), ==, kl_qualifier_to_string (q));
  g_assert_false (kl_value_get_ambiguous (v));
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (v), lo, EPS);
  g_assert_cmpfloat_with_epsilon (kl_value_get_number_max (v), hi, EPS);
  g_assert_cmpstr (kl_value_get_unit (v), ==, unit);
}

static void
assert_text (const char *text)
{
  g_autoptr(KlValue) v = parse (text);

  g_test_message ("%s", text);
  g_assert_cmpint (kl_value_get_qualifier (v), ==, KL_QUALIFIER_TEXT);
  g_assert_false (kl_value_has_number (v));
  g_assert_true (isnan (kl_value_get_number (v)));
}

static void
test_plain_numbers (void)
{
  assert_exact ("100", 100, NULL);
  assert_exact ("27.60", 27.6, NULL);
  assert_exact ("66.80", 66.8, NULL);
  assert_exact ("3.9", 3.9, NULL);
  assert_exact ("23.08", 23.08, NULL);
  assert_exact ("99,4", 99.4, NULL);
  assert_exact ("0,5", 0.5, NULL);
  assert_exact ("0.500", 0.5, NULL);        /* a leading zero cannot start a thousands group */
  assert_exact ("1.234.567", 1234567, NULL);
  assert_exact ("1.234.567,5", 1234567.5, NULL);
  assert_exact ("1,234.5", 1234.5, NULL);
  assert_exact ("1,234,567", 1234567, NULL);
  assert_exact ("1234.567", 1234.567, NULL);  /* four digits before: no thousands group */
  assert_exact ("-3", -3, NULL);
  assert_exact ("  42  ", 42, NULL);
}

static void
test_units (void)
{
  assert_exact ("99,4%", 99.4, "%");
  assert_exact ("99,4 %", 99.4, "%");
  assert_exact ("5‰", 5, "‰");
  assert_exact ("12 ha", 12, "ha");
  assert_exact ("1.234.567 người", 1234567, "người");
  assert_qualified ("trên 90%", KL_QUALIFIER_GT, 90, 90, "%");
}

static void
test_qualifiers (void)
{
  assert_qualified (">17600", KL_QUALIFIER_GT, 17600, 17600, NULL);
  assert_qualified ("> 90", KL_QUALIFIER_GT, 90, 90, NULL);
  assert_qualified ("≥ 95", KL_QUALIFIER_GE, 95, 95, NULL);
  assert_qualified (">= 95", KL_QUALIFIER_GE, 95, 95, NULL);
  assert_qualified ("từ 85 trở lên", KL_QUALIFIER_GE, 85, 85, NULL);
  assert_qualified ("85% trở lên", KL_QUALIFIER_GE, 85, 85, "%");
  assert_qualified ("dưới 5", KL_QUALIFIER_LT, 5, 5, NULL);
  assert_qualified ("< 5", KL_QUALIFIER_LT, 5, 5, NULL);
  assert_qualified ("≤ 5", KL_QUALIFIER_LE, 5, 5, NULL);
  assert_qualified ("<=5", KL_QUALIFIER_LE, 5, 5, NULL);
  assert_qualified ("không quá 5", KL_QUALIFIER_LE, 5, 5, NULL);
  assert_qualified ("Không quá 5%", KL_QUALIFIER_LE, 5, 5, "%");
  assert_qualified ("Duy trì 98,5", KL_QUALIFIER_MAINTAIN, 98.5, 98.5, NULL);
  assert_qualified ("Duy trì 101", KL_QUALIFIER_MAINTAIN, 101, 101, NULL);
  assert_qualified ("DUY TRÌ 100", KL_QUALIFIER_MAINTAIN, 100, 100, NULL);
}

static void
test_ranges (void)
{
  assert_qualified ("15-20", KL_QUALIFIER_RANGE, 15, 20, NULL);
  assert_qualified ("15 - 20", KL_QUALIFIER_RANGE, 15, 20, NULL);
  assert_qualified ("15–20", KL_QUALIFIER_RANGE, 15, 20, NULL);
  assert_qualified ("15 — 20%", KL_QUALIFIER_RANGE, 15, 20, "%");
  assert_qualified ("từ 15 đến 20", KL_QUALIFIER_RANGE, 15, 20, NULL);
  assert_qualified ("2,5-3,5", KL_QUALIFIER_RANGE, 2.5, 3.5, NULL);
  assert_qualified ("20-15", KL_QUALIFIER_RANGE, 15, 20, NULL);
}

static void
test_special (void)
{
  g_autoptr(KlValue) dash = parse ("-");
  g_autoptr(KlValue) empty = parse ("");
  g_autoptr(KlValue) blank = parse ("   ");
  g_autoptr(KlValue) met = parse ("Đạt");
  g_autoptr(KlValue) not_met = parse ("Không đạt");
  g_autoptr(KlValue) exceeded = parse ("vượt");
  g_autoptr(KlValue) note = parse ("03 (lũy kế 03)");

  g_assert_cmpint (kl_value_get_qualifier (dash), ==, KL_QUALIFIER_DASH);
  g_assert_false (kl_value_has_number (dash));
  g_assert_cmpint (kl_value_get_qualifier (empty), ==, KL_QUALIFIER_NONE);
  g_assert_cmpint (kl_value_get_qualifier (blank), ==, KL_QUALIFIER_NONE);
  g_assert_false (kl_value_has_number (empty));

  g_assert_cmpint (kl_value_get_qualifier (met), ==, KL_QUALIFIER_STATUS);
  g_assert_true (kl_value_get_status_met (met));
  g_assert_cmpint (kl_value_get_qualifier (not_met), ==, KL_QUALIFIER_STATUS);
  g_assert_false (kl_value_get_status_met (not_met));
  g_assert_true (kl_value_get_status_met (exceeded));
  {
    g_autoptr(KlValue) noted = parse ("Đạt (vượt 2%)");

    g_assert_cmpint (kl_value_get_qualifier (noted), ==, KL_QUALIFIER_STATUS);
    g_assert_true (kl_value_get_status_met (noted));
    g_assert_cmpstr (kl_value_get_note (noted), ==, "(vượt 2%)");
  }
  g_assert_false (kl_value_has_number (met));

  g_assert_cmpint (kl_value_get_qualifier (note), ==, KL_QUALIFIER_EXACT);
  g_assert_cmpfloat (kl_value_get_number (note), ==, 3);
  g_assert_cmpstr (kl_value_get_note (note), ==, "(lũy kế 03)");
  g_assert_cmpstr (kl_value_get_text (note), ==, "03 (lũy kế 03)");
}

static void
test_nfc (void)
{
  /* "Đạt" typed with a combining dot below: kept as NFC, still a status word. */
  g_autoptr(KlValue) v = parse ("\xc4\x90" "a\xcc\xa3t");
  g_autoptr(KlValue) w = parse ("Duy tri\xcc\x80 98,5");

  g_assert_cmpstr (kl_value_get_text (v), ==, "Đạt");
  g_assert_cmpint (kl_value_get_qualifier (v), ==, KL_QUALIFIER_STATUS);
  g_assert_cmpstr (kl_value_get_text (w), ==, "Duy trì 98,5");
  g_assert_cmpint (kl_value_get_qualifier (w), ==, KL_QUALIFIER_MAINTAIN);
}

static void
assert_ambiguous (KlValue *v, double first, double second)
{
  guint n = 0;
  const double *r = kl_value_get_readings (v, &n);

  g_assert_true (kl_value_get_ambiguous (v));
  g_assert_null (kl_value_get_rule (v));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (r[0], first, EPS);
  g_assert_cmpfloat_with_epsilon (r[1], second, EPS);
}

static void
test_ambiguous_alone (void)
{
  g_autoptr(KlValue) a = parse ("61.000");
  g_autoptr(KlValue) b = parse ("1.105");
  g_autoptr(KlValue) c = parse ("17.501");
  g_autoptr(KlValue) d = parse ("61.000 Tỷ đồng");
  g_autoptr(KlValue) e = parse ("1,234");
  g_autoptr(KlValue) f = parse (">17.600");

  /* Dot: Vietnamese thousands first; comma: Vietnamese decimal first. */
  assert_ambiguous (a, 61000, 61);
  assert_ambiguous (b, 1105, 1.105);
  assert_ambiguous (c, 17501, 17.501);
  assert_ambiguous (d, 61000, 61);
  g_assert_cmpstr (kl_value_get_unit (d), ==, "Tỷ đồng");
  assert_ambiguous (e, 1.234, 1234);
  assert_ambiguous (f, 17600, 17.6);
  g_assert_cmpint (kl_value_get_qualifier (f), ==, KL_QUALIFIER_GT);
}

static KlValue *
parse_ctx (const char *text, const char *unit, const char *const *column, double partner)
{
  KlValueContext ctx = { unit, column, partner };

  return kl_value_parse (text, &ctx);
}

static void
assert_settled (KlValue *v, double number, const char *rule_prefix)
{
  g_assert_false (kl_value_get_ambiguous (v));
  g_assert_cmpfloat_with_epsilon (kl_value_get_number (v), number, EPS);
  g_assert_nonnull (kl_value_get_rule (v));
  g_test_message ("rule: %s", kl_value_get_rule (v));
  g_assert_true (g_str_has_prefix (kl_value_get_rule (v), rule_prefix));
}

static void
test_rule_unit (void)
{
  g_autoptr(KlValue) people = parse_ctx ("1.105", "Người", NULL, NAN);
  g_autoptr(KlValue) tonnes = parse_ctx ("17.501", "Tấn", NULL, NAN);
  g_autoptr(KlValue) rate = parse_ctx ("61.000", "%", NULL, NAN);
  g_autoptr(KlValue) typed = parse_ctx ("61.000%", NULL, NULL, NAN);
  g_autoptr(KlValue) communes = parse_ctx ("1.000", "Xã, thị trấn", NULL, NAN);
  g_autoptr(KlValue) money = parse_ctx ("61.000", "Tỷ đồng", NULL, NAN);
  guint n;
  const double *r;

  assert_settled (people, 1105, "unit Người");
  assert_settled (tonnes, 17501, "unit Tấn");
  assert_settled (rate, 61, "unit %");
  assert_settled (typed, 61, "unit %");
  assert_settled (communes, 1000, "unit Xã");
  /* The alternative stays listed after the chosen one. */
  r = kl_value_get_readings (rate, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (r[0], ==, 61);
  g_assert_cmpfloat (r[1], ==, 61000);
  /* Money says nothing by itself. */
  g_assert_true (kl_value_get_ambiguous (money));
}

static void
test_rule_column (void)
{
  const char *const decimal_col[] = { "27.60", "61.000", ">17600", "3.9", "Duy trì 98,5", NULL };
  const char *const thousands_col[] = { "1.234.567", "61.000", "500", NULL };
  const char *const mixed_col[] = { "27.60", "1.234.567", NULL };
  const char *const silent_col[] = { "100", "17600", "-", "Đạt", NULL };
  g_autoptr(KlValue) a = parse_ctx ("61.000", "Tỷ đồng", decimal_col, NAN);
  g_autoptr(KlValue) b = parse_ctx ("61.000", "Tỷ đồng", thousands_col, NAN);
  g_autoptr(KlValue) c = parse_ctx ("61.000", "Tỷ đồng", mixed_col, NAN);
  g_autoptr(KlValue) d = parse_ctx ("61.000", "Tỷ đồng", silent_col, NAN);
  g_autoptr(KlValue) e = parse_ctx ("1.105", "Người", decimal_col, NAN);

  assert_settled (a, 61, "column");
  g_assert_nonnull (strstr (kl_value_get_rule (a), "27.60"));
  assert_settled (b, 61000, "column");
  g_assert_true (kl_value_get_ambiguous (c));
  g_assert_true (kl_value_get_ambiguous (d));
  /* The unit comes first: a count of people is whole whatever the column says. */
  assert_settled (e, 1105, "unit");
}

static void
test_rule_partner (void)
{
  g_autoptr(KlValue) a = parse_ctx ("17.501", NULL, NULL, 17600);
  g_autoptr(KlValue) b = parse_ctx ("49.960", "Tỷ đồng", NULL, 61000);
  g_autoptr(KlValue) c = parse_ctx ("49.960", "Tỷ đồng", NULL, 61);
  g_autoptr(KlValue) d = parse_ctx ("49.960", "Tỷ đồng", NULL, NAN);
  g_autoptr(KlValue) e = parse_ctx ("49.960", "Tỷ đồng", NULL, 0);      /* zero-initialised */
  g_autoptr(KlValue) f = parse_ctx ("49.960", "Tỷ đồng", NULL, 5000000); /* absurd both ways */

  assert_settled (a, 17501, "partner");
  assert_settled (b, 49960, "partner");
  assert_settled (c, 49.96, "partner");
  g_assert_true (kl_value_get_ambiguous (d));
  g_assert_true (kl_value_get_ambiguous (e));
  g_assert_true (kl_value_get_ambiguous (f));
}

static void
on_notify (GObject *obj, GParamSpec *pspec, gpointer data)
{
  GPtrArray *names = data;

  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has_name (GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_settle (void)
{
  g_autoptr(KlValue) v = parse ("61.000");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n;
  const double *r;

  g_signal_connect (v, "notify", G_CALLBACK (on_notify), names);
  kl_value_settle (v, 61);
  g_assert_false (kl_value_get_ambiguous (v));
  g_assert_cmpfloat (kl_value_get_number (v), ==, 61);
  g_assert_cmpstr (kl_value_get_rule (v), ==, "settled by the user");
  g_assert_true (has_name (names, "number"));
  g_assert_true (has_name (names, "ambiguous"));
  g_assert_true (has_name (names, "rule"));
  r = kl_value_get_readings (v, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (r[0], ==, 61);

  /* Settling again to the same reading changes nothing: no notification. */
  g_ptr_array_set_size (names, 0);
  kl_value_settle (v, 61);
  g_assert_cmpuint (names->len, ==, 0);
}

static void
test_settle_range (void)
{
  g_autoptr(KlValue) v = parse ("1.500-2.500");

  g_assert_true (kl_value_get_ambiguous (v));
  g_assert_cmpint (kl_value_get_qualifier (v), ==, KL_QUALIFIER_RANGE);
  kl_value_settle (v, 1.5);
  g_assert_cmpfloat (kl_value_get_number (v), ==, 1.5);
  g_assert_cmpfloat (kl_value_get_number_max (v), ==, 2.5);
}

static void
test_absurd (void)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(KlValue) big = NULL;
  g_autoptr(KlValue) bad_utf8 = NULL;
  g_autoptr(KlValue) inner_nul = NULL;
  const char *col[2] = { NULL, NULL };

  assert_text ("1e308");
  assert_text ("1E+308");
  assert_text ("--5");
  assert_text ("1.2.3");
  assert_text ("1..2");
  assert_text (".5");
  assert_text ("abc");
  assert_text ("> abc");
  assert_text ("15-");
  assert_text ("5 cán bộ được cử đi đào tạo tại tỉnh");
  assert_text ("(5)");
  assert_text ("12345678901234567890");
  assert_text ("> 15-20");

  for (int i = 0; i < 1024 * 1024; i++)
    g_string_append_c (digits, '0' + i % 10);
  big = parse (digits->str);
  g_assert_cmpint (kl_value_get_qualifier (big), ==, KL_QUALIFIER_TEXT);
  g_clear_object (&big);
  col[0] = digits->str;
  big = parse_ctx ("61.000", NULL, col, NAN);
  g_assert_true (kl_value_get_ambiguous (big));

  bad_utf8 = parse ("12\xff\xfe");
  g_assert_true (g_utf8_validate (kl_value_get_text (bad_utf8), -1, NULL));
  g_assert_cmpint (kl_value_get_qualifier (bad_utf8), ==, KL_QUALIFIER_TEXT);

  inner_nul = parse (NULL);
  g_assert_cmpint (kl_value_get_qualifier (inner_nul), ==, KL_QUALIFIER_NONE);
  g_assert_cmpstr (kl_value_get_text (inner_nul), ==, "");
}

static void
assert_format (const char *text, const char *expected)
{
  g_autoptr(KlValue) v = parse (text);
  g_autofree char *s = kl_value_format (v);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_format (void)
{
  g_autoptr(KlValue) people = parse_ctx ("17.501", "Tấn", NULL, NAN);
  g_autoptr(KlValue) n = kl_value_new_number (1234567.5);
  g_autoptr(KlValue) copy = NULL;
  g_autofree char *s1 = kl_value_format (people);
  g_autofree char *s2 = kl_value_format (n);

  g_assert_cmpstr (s1, ==, "17.501");
  g_assert_cmpstr (s2, ==, "1.234.567,5");
  g_assert_cmpstr (kl_value_get_text (n), ==, "1.234.567,5");
  {
    g_autoptr(KlValue) nan = kl_value_new_number (NAN);

    g_assert_cmpint (kl_value_get_qualifier (nan), ==, KL_QUALIFIER_NONE);
    g_assert_false (kl_value_has_number (nan));
  }
  assert_format ("27.60", "27,6");
  assert_format ("1,234.5", "1.234,5");
  assert_format (">17600", "> 17.600");
  assert_format ("≥95", "≥ 95");
  assert_format ("dưới 5", "< 5");
  assert_format ("không quá 5", "≤ 5");
  assert_format ("Duy trì 98,5", "Duy trì 98,5");
  assert_format ("duy trì 98.5", "Duy trì 98,5");
  assert_format ("15-20", "15–20");
  assert_format ("99,4%", "99,4%");
  assert_format ("03 (lũy kế 03)", "3 (lũy kế 03)");
  assert_format ("Đạt", "Đạt");
  assert_format ("-", "-");
  assert_format ("", "");
  /* Unsettled: printed as typed, not guessed. */
  assert_format ("61.000", "61.000");
  assert_format ("1,234", "1,234");

  copy = kl_value_copy (people);
  g_assert_cmpfloat (kl_value_get_number (copy), ==, 17501);
  g_assert_cmpstr (kl_value_get_rule (copy), ==, kl_value_get_rule (people));
  g_assert_cmpstr (kl_value_get_text (copy), ==, "17.501");
}

static void
test_qualifier_names (void)
{
  KlQualifier q;

  for (int i = KL_QUALIFIER_NONE; i <= KL_QUALIFIER_TEXT; i++)
    {
      g_assert_true (kl_qualifier_from_string (kl_qualifier_to_string (i), &q));
      g_assert_cmpint (q, ==, i);
    }
  g_assert_cmpstr (kl_qualifier_to_string (KL_QUALIFIER_MAINTAIN), ==, "maintain");
  g_assert_false (kl_qualifier_from_string ("bogus", &q));
}

/* Every figure cell of the seed's annex table is read: a number, a dash, a status word,
 * or empty, never free text. */
static void
test_seed_annex (void)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_cells = 0;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "001_"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      }
  g_assert_nonnull (contents);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cells = NULL;

      if (strchr (lines[i], '\t') == NULL || g_str_has_prefix (lines[i], "TT\t"))
        continue;
      cells = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      for (guint c = 3; c < 7; c++)
        {
          g_autoptr(KlValue) v = kl_value_parse (cells[c], NULL);

          g_test_message ("line %u cell %u: '%s'", i + 1, c, cells[c]);
          g_assert_cmpint (kl_value_get_qualifier (v), !=, KL_QUALIFIER_TEXT);
          n_cells++;
        }
    }
  g_assert_cmpuint (n_cells, ==, 4 * 52);
}

/* Random cells built from the characters tables contain: the parser never crashes and its
 * results stay consistent. */
static void
test_random_input (void)
{
  static const char *const pieces[] = {
    "0", "1", "5", "9", ".", ",", "-", "–", " ", "%", "‰", ">", "<", "≥", "≤", "=", "(", ")",
    "Duy trì ", "trên ", "dưới ", "không quá ", "từ ", " trở lên", "đến", "Đạt", "e", "x",
    "\xcc\x80", "\xff", "000", "Tỷ đồng", "\t",
  };
  const char *const column[] = { "27.60", "1.234.567", "61.000", NULL };

  for (int i = 0; i < 20000; i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      int n = g_test_rand_int_range (0, 9);
      g_autoptr(KlValue) v = NULL;
      g_autofree char *out = NULL;
      KlValueContext ctx = { "Tấn", column, g_test_rand_double_range (-10, 1e6) };
      guint n_readings;
      const double *r;

      for (int k = 0; k < n; k++)
        g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      if (i % 3 == 0)
        ctx.unit = NULL;
      v = kl_value_parse (s->str, i % 2 ? &ctx : NULL);
      out = kl_value_format (v);

      g_assert_true (g_utf8_validate (kl_value_get_text (v), -1, NULL));
      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_cmpint (kl_value_get_qualifier (v), <=, KL_QUALIFIER_TEXT);
      r = kl_value_get_readings (v, &n_readings);
      if (kl_value_has_number (v))
        {
          g_assert_true (isfinite (kl_value_get_number (v)));
          g_assert_cmpfloat (kl_value_get_number (v), <=, kl_value_get_number_max (v));
          g_assert_cmpuint (n_readings, >=, 1);
          g_assert_cmpuint (n_readings, <=, 2);
          g_assert_true (isfinite (r[0]));
        }
      else
        {
          g_assert_cmpuint (n_readings, ==, 0);
          g_assert_false (kl_value_get_ambiguous (v));
        }
      if (kl_value_get_ambiguous (v))
        g_assert_cmpuint (n_readings, ==, 2);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/value/plain-numbers", test_plain_numbers);
  g_test_add_func ("/core/value/units", test_units);
  g_test_add_func ("/core/value/qualifiers", test_qualifiers);
  g_test_add_func ("/core/value/ranges", test_ranges);
  g_test_add_func ("/core/value/special", test_special);
  g_test_add_func ("/core/value/nfc", test_nfc);
  g_test_add_func ("/core/value/ambiguous-alone", test_ambiguous_alone);
  g_test_add_func ("/core/value/rule-unit", test_rule_unit);
  g_test_add_func ("/core/value/rule-column", test_rule_column);
  g_test_add_func ("/core/value/rule-partner", test_rule_partner);
  g_test_add_func ("/core/value/settle", test_settle);
  g_test_add_func ("/core/value/settle-range", test_settle_range);
  g_test_add_func ("/core/value/absurd", test_absurd);
  g_test_add_func ("/core/value/format", test_format);
  g_test_add_func ("/core/value/qualifier-names", test_qualifier_names);
  g_test_add_func ("/core/value/seed-annex", test_seed_annex);
  g_test_add_func ("/core/value/random-input", test_random_input);

  return g_test_run ();
}
