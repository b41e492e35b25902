/* test-vn-date.c: Vietnamese dates, ordinals in words and Roman numerals. */
#include <locale.h>
#include <string.h>

#include "kl-vn-date.h"

static void
assert_date_format (const char *place, guint d, guint m, guint y, const char *expected)
{
  g_autoptr(GDate) date = g_date_new_dmy (d, m, y);
  g_autofree char *s = kl_vn_date_format (place, date);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_format (void)
{
  assert_date_format ("Cẩm Thủy", 7, 7, 2023, "Cẩm Thủy, ngày 07 tháng 7 năm 2023");
  assert_date_format ("Mường Tè", 7, 2, 2024, "Mường Tè, ngày 07 tháng 02 năm 2024");
  assert_date_format (NULL, 11, 7, 2023, "ngày 11 tháng 7 năm 2023");
  assert_date_format ("", 1, 1, 2025, "ngày 01 tháng 01 năm 2025");
  assert_date_format ("Cẩm Thủy", 31, 12, 2023, "Cẩm Thủy, ngày 31 tháng 12 năm 2023");
  assert_date_format ("Cẩm Thủy", 10, 3, 2024, "Cẩm Thủy, ngày 10 tháng 3 năm 2024");
  assert_date_format ("Cẩm Thủy", 9, 10, 2024, "Cẩm Thủy, ngày 09 tháng 10 năm 2024");
}

static void
test_format_short_and_blank (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (7, 2, 2024);
  g_autofree char *s = kl_vn_date_format_short (date);
  g_autofree char *blank = kl_vn_date_format ("Cẩm Thủy", NULL);
  g_autofree char *blank2 = kl_vn_date_format (NULL, NULL);

  g_assert_cmpstr (s, ==, "ngày 07 tháng 02 năm 2024");
  g_assert_cmpstr (blank, ==, "Cẩm Thủy, ngày    tháng    năm 20…");
  g_assert_cmpstr (blank2, ==, "ngày    tháng    năm 20…");
  {
    GDate unset;
    g_autofree char *blank3 = NULL;

    g_date_clear (&unset, 1);
    blank3 = kl_vn_date_format ("Cẩm Thủy", &unset);
    g_assert_cmpstr (blank3, ==, "Cẩm Thủy, ngày    tháng    năm 20…");
  }
}

static void
assert_parse (const char *text, guint d, guint m, guint y, const char *place)
{
  GDate date;
  g_autofree char *got_place = NULL;

  g_test_message ("%s", text);
  g_date_clear (&date, 1);
  g_assert_true (kl_vn_date_parse (text, &date, &got_place));
  g_assert_cmpuint (g_date_get_day (&date), ==, d);
  g_assert_cmpuint (g_date_get_month (&date), ==, m);
  g_assert_cmpuint (g_date_get_year (&date), ==, y);
  g_assert_cmpstr (got_place, ==, place);
}

static void
assert_no_date (const char *text)
{
  GDate date;
  char *place = (char *) "untouched";

  g_test_message ("%s", text);
  g_date_clear (&date, 1);
  g_assert_false (kl_vn_date_parse (text, &date, &place));
  g_assert_null (place);
}

static void
test_parse (void)
{
  assert_parse ("27/3/2024", 27, 3, 2024, NULL);
  assert_parse ("27-03-2024", 27, 3, 2024, NULL);
  assert_parse ("27.03.2024", 27, 3, 2024, NULL);
  assert_parse ("2024-03-27", 27, 3, 2024, NULL);
  assert_parse ("ngày 11 tháng 7 năm 2023", 11, 7, 2023, NULL);
  assert_parse ("Ngày 07 tháng 02 năm 2024", 7, 2, 2024, NULL);
  assert_parse ("Cẩm Thủy, ngày 07 tháng 7 năm 2023", 7, 7, 2023, "Cẩm Thủy");
  assert_parse ("  Mường Tè ,  ngày 5  tháng 12 năm 2023 ", 5, 12, 2023, "Mường Tè");
  assert_parse ("CẨM THỦY, NGÀY 07 THÁNG 7 NĂM 2023", 7, 7, 2023, "CẨM THỦY");
  /* Decomposed input (NFD) reads the same. */
  assert_parse ("nga\xcc\x80y 1 tha\xcc\x81ng 1 na\xcc\x86m 2024", 1, 1, 2024, NULL);
}

static void
test_parse_invalid (void)
{
  assert_no_date ("");
  assert_no_date ("Mường Tè, ngày tháng 12 năm 2023");   /* the blank form */
  assert_no_date ("ngày 30 tháng 2 năm 2024");
  assert_no_date ("31/4/2024");
  assert_no_date ("27/13/2024");
  assert_no_date ("27/3/24");
  assert_no_date ("27/3-2024");
  assert_no_date ("hôm qua");
  assert_no_date ("\xff\xfe");
  g_assert_false (kl_vn_date_parse ("1/1/2024x", NULL, NULL));
  g_assert_true (kl_vn_date_parse ("29/2/2024", NULL, NULL));
}

static void
test_parse_roundtrip (void)
{
  /* Every day of a leap year survives format → parse with its place. */
  g_autoptr(GDate) d = g_date_new_dmy (1, 1, 2024);

  for (int i = 0; i < 366; i++, g_date_add_days (d, 1))
    {
      g_autofree char *s = kl_vn_date_format ("Cẩm Thủy", d);
      g_autofree char *place = NULL;
      GDate back;

      g_date_clear (&back, 1);
      g_assert_true (kl_vn_date_parse (s, &back, &place));
      g_assert_cmpint (g_date_compare (d, &back), ==, 0);
      g_assert_cmpstr (place, ==, "Cẩm Thủy");
    }
}

static void
test_ordinal_words (void)
{
  static const struct { guint n; const char *w; } cases[] = {
    { 1, "Nhất" }, { 2, "Hai" }, { 3, "Ba" }, { 4, "Tư" }, { 5, "Năm" }, { 7, "Bảy" },
    { 10, "Mười" }, { 11, "Mười Một" }, { 14, "Mười Bốn" }, { 15, "Mười Lăm" },
    { 20, "Hai Mươi" }, { 21, "Hai Mươi Mốt" }, { 24, "Hai Mươi Tư" }, { 25, "Hai Mươi Lăm" },
    { 26, "Hai Mươi Sáu" }, { 30, "Ba Mươi" }, { 99, "Chín Mươi Chín" },
    { 100, "Một Trăm" }, { 105, "Một Trăm Linh Năm" }, { 110, "Một Trăm Mười" },
    { 115, "Một Trăm Mười Lăm" }, { 121, "Một Trăm Hai Mươi Mốt" },
    { 1000, "Một Nghìn" }, { 1005, "Một Nghìn Không Trăm Linh Năm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *w = kl_vn_ordinal_to_words (cases[i].n);

      g_assert_cmpstr (w, ==, cases[i].w);
      g_assert_cmpuint (kl_vn_ordinal_from_words (cases[i].w), ==, cases[i].n);
    }
}

static void
test_ordinal_read (void)
{
  g_assert_cmpuint (kl_vn_ordinal_from_words ("mười bốn"), ==, 14);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("MƯỜI BỐN"), ==, 14);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("Hai mươi mốt"), ==, 21);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("thứ Nhất"), ==, 1);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("lần thứ Mười Bốn"), ==, 14);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("Mười Tư"), ==, 14);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("hai mươi bốn"), ==, 24);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("25"), ==, 25);
  g_assert_cmpuint (kl_vn_ordinal_from_words (" thứ 25 "), ==, 25);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("mu\xcc\x9bo\xcc\x9b\xcc\x80i ba"), ==, 13);

  g_assert_cmpuint (kl_vn_ordinal_from_words (""), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("thứ"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("mở rộng"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("lăm"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("hai mười"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("mười mười"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("hai ba"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("25a"), ==, 0);
  g_assert_cmpuint (kl_vn_ordinal_from_words ("99999999999999"), ==, 0);
}

static void
test_ordinal_roundtrip (void)
{
  for (guint n = 1; n < 2000; n++)
    {
      g_autofree char *w = kl_vn_ordinal_to_words (n);

      g_assert_cmpuint (kl_vn_ordinal_from_words (w), ==, n);
    }
}

/* The seed's title names its meeting in words; read it back from the file. */
static void
test_ordinal_seed (void)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;
  gboolean found = FALSE;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      const char *at, *end;
      g_autofree char *words = NULL;

      if (!g_str_has_prefix (name, "002_"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      at = strstr (text, "lần thứ ");
      g_assert_nonnull (at);
      end = strstr (at, " (");
      g_assert_nonnull (end);
      words = g_strndup (at, end - at);
      g_assert_cmpuint (kl_vn_ordinal_from_words (words), ==, 14);
      found = TRUE;
    }
  g_assert_true (found);
}

static void
test_roman (void)
{
  static const struct { guint n; const char *r; } cases[] = {
    { 1, "I" }, { 4, "IV" }, { 9, "IX" }, { 14, "XIV" }, { 20, "XX" }, { 21, "XXI" },
    { 26, "XXVI" }, { 40, "XL" }, { 90, "XC" }, { 400, "CD" }, { 1994, "MCMXCIV" },
    { 2025, "MMXXV" }, { 3999, "MMMCMXCIX" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *r = kl_roman_format (cases[i].n);

      g_assert_cmpstr (r, ==, cases[i].r);
      g_assert_cmpuint (kl_roman_parse (cases[i].r), ==, cases[i].n);
    }
  for (guint n = 1; n <= 3999; n++)
    {
      g_autofree char *r = kl_roman_format (n);

      g_assert_cmpuint (kl_roman_parse (r), ==, n);
    }
  g_assert_cmpuint (kl_roman_parse ("xxvi"), ==, 26);
  g_assert_cmpuint (kl_roman_parse (" XX "), ==, 20);
  g_assert_cmpuint (kl_roman_parse ("IIII"), ==, 0);
  g_assert_cmpuint (kl_roman_parse ("IC"), ==, 0);
  g_assert_cmpuint (kl_roman_parse ("VV"), ==, 0);
  g_assert_cmpuint (kl_roman_parse ("XIIV"), ==, 0);
  g_assert_cmpuint (kl_roman_parse ("ABC"), ==, 0);
  g_assert_cmpuint (kl_roman_parse (""), ==, 0);
  g_assert_cmpuint (kl_roman_parse ("MMMM"), ==, 0);

  {
    g_autofree char *zero = kl_roman_format (0);
    g_autofree char *big = kl_roman_format (4000);

    g_assert_cmpstr (zero, ==, "");
    g_assert_cmpstr (big, ==, "");
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vn-date/format", test_format);
  g_test_add_func ("/core/vn-date/format-short-and-blank", test_format_short_and_blank);
  g_test_add_func ("/core/vn-date/parse", test_parse);
  g_test_add_func ("/core/vn-date/parse-invalid", test_parse_invalid);
  g_test_add_func ("/core/vn-date/parse-roundtrip", test_parse_roundtrip);
  g_test_add_func ("/core/vn-date/ordinal-words", test_ordinal_words);
  g_test_add_func ("/core/vn-date/ordinal-read", test_ordinal_read);
  g_test_add_func ("/core/vn-date/ordinal-roundtrip", test_ordinal_roundtrip);
  g_test_add_func ("/core/vn-date/ordinal-seed", test_ordinal_seed);
  g_test_add_func ("/core/vn-date/roman", test_roman);

  return g_test_run ();
}
