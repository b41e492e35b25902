/* test-number.c: the Vietnamese number formatter. */
#include <math.h>
#include <locale.h>
#include <string.h>

#include "kl-number.h"

static void
check (double value, int decimals, const char *expected)
{
  g_autofree char *s = kl_number_format (value, decimals);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_thousands_dot (void)
{
  check (17501, 0, "17.501");
  check (1234567, 0, "1.234.567");
  check (999, 0, "999");
  check (1000, 2, "1.000");
  check (100, 3, "100");
  check (0, 2, "0");
}

static void
test_decimal_comma (void)
{
  check (99.4, 1, "99,4");
  check (1234567.5, 2, "1.234.567,5");
  check (27.60, 2, "27,6");
  check (0.5, 3, "0,5");
  check (23.08, 6, "23,08");
  /* At most max_decimals, rounded. */
  check (2.345678, 2, "2,35");
  check (9.96, 1, "10");
}

static void
test_negative (void)
{
  check (-3, 0, "-3");
  check (-17501.25, 2, "-17.501,25");
  /* Rounding to zero must not leave a lone sign. */
  check (-0.0001, 2, "0");
}

static void
test_absurd (void)
{
  g_autofree char *big = kl_number_format (1e308, 2);
  g_autofree char *nan = kl_number_format (NAN, 2);
  g_autofree char *inf = kl_number_format (INFINITY, 2);

  /* 309 digits grouped in threes: 103 groups, 102 dots. */
  g_assert_cmpuint (strlen (big), ==, 309 + 102);
  g_assert_true (g_str_has_prefix (big, "100.000.000."));
  g_assert_cmpstr (nan, ==, "-");
  g_assert_cmpstr (inf, ==, "∞");
  check (1.5, -4, "2");
  check (1.123456789123, 100, "1,123456789");
}

static void
test_percent (void)
{
  g_autofree char *a = kl_number_format_percent (0.948);
  g_autofree char *b = kl_number_format_percent (1.0);
  g_autofree char *c = kl_number_format_percent (0.819);
  g_autofree char *d = kl_number_format_percent (12.345);

  g_assert_cmpstr (a, ==, "94,8");
  g_assert_cmpstr (b, ==, "100");
  g_assert_cmpstr (c, ==, "81,9");
  g_assert_cmpstr (d, ==, "1.234,5");
}

static void
test_locale_independent (void)
{
  /* A decimal-comma locale must not leak into the output; skipped if not installed. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("no decimal-comma locale installed");
      return;
    }
  check (1234.5, 1, "1.234,5");
  setlocale (LC_NUMERIC, "C");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/number/thousands-dot", test_thousands_dot);
  g_test_add_func ("/core/number/decimal-comma", test_decimal_comma);
  g_test_add_func ("/core/number/negative", test_negative);
  g_test_add_func ("/core/number/absurd", test_absurd);
  g_test_add_func ("/core/number/percent", test_percent);
  g_test_add_func ("/core/number/locale-independent", test_locale_independent);

  return g_test_run ();
}
