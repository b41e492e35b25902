/* kl-vn-date.c: Vietnamese dates ("ngày 07 tháng 7 năm 2023"), ordinals in words, Roman numerals. */
#include "kl-vn-date.h"

#include <string.h>

#define BLANK_DATE "ngày    tháng    năm 20…"

/* ---------------------------------------------------------------------------------------- */
/* Dates                                                                                    */

char *
kl_vn_date_format_short (GDate *date)
{
  guint day, month;

  g_return_val_if_fail (date != NULL, NULL);

  /* A cleared GDate is a date not chosen yet: the form offices fill by hand. */
  if (!g_date_valid (date))
    return g_strdup (BLANK_DATE);

  day = g_date_get_day (date);
  month = g_date_get_month (date);
  /* Hướng dẫn 36-HD/VPTW: days below 10 and months 1–2 take a leading zero, so that nobody
   * can add a digit in front by hand ("tháng 1" could become "tháng 11"); later months cannot
   * be altered that way and keep one digit. */
  return g_strdup_printf ("ngày %02u tháng %s%u năm %u", day, month <= 2 ? "0" : "", month,
                          (guint) g_date_get_year (date));
}

char *
kl_vn_date_format (const char *place,
                   GDate      *date)
{
  g_autofree char *when = NULL;

  /* The blank form leaves room for the day and month written by hand at signing. */
  when = date ? kl_vn_date_format_short (date) : g_strdup (BLANK_DATE);
  if (place == NULL || *place == '\0')
    return g_steal_pointer (&when);
  return g_strdup_printf ("%s, %s", place, when);
}

static gboolean
make_date (guint  day,
           guint  month,
           guint  year,
           GDate *out)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static guint
match_uint (GMatchInfo *info,
            int         group)
{
  g_autofree char *s = g_match_info_fetch (info, group);

  return (s && strlen (s) <= 4) ? (guint) g_ascii_strtoull (s, NULL, 10) : 0;
}

gboolean
kl_vn_date_parse (const char  *text,
                  GDate       *date_out,
                  char       **place_out)
{
  static GRegex *words_re, *dmy_re, *iso_re;
  g_autofree char *nfc = NULL;
  g_autoptr(GMatchInfo) info = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (place_out != NULL)
    *place_out = NULL;
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > 4096)
    return FALSE;
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return FALSE;

  if (g_once_init_enter (&words_re))
    {
      GRegex *re = g_regex_new ("^\\s*(?:([^,\\d]*?)\\s*,\\s*)?ngày\\s+(\\d{1,2})\\s+tháng\\s+(\\d{1,2})"
                                "\\s+năm\\s+(\\d{4})\\s*\\.?\\s*$",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&words_re, re);
    }
  if (g_once_init_enter (&dmy_re))
    {
      GRegex *re = g_regex_new ("^\\s*(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4})\\s*$",
                                G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&dmy_re, re);
    }
  if (g_once_init_enter (&iso_re))
    {
      GRegex *re = g_regex_new ("^\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})\\s*$", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&iso_re, re);
    }

  if (g_regex_match (words_re, nfc, 0, &info))
    {
      if (!make_date (match_uint (info, 2), match_uint (info, 3), match_uint (info, 4), date_out))
        return FALSE;
      if (place_out != NULL)
        {
          g_autofree char *place = g_match_info_fetch (info, 1);

          if (place != NULL && *g_strstrip (place) != '\0')
            *place_out = g_steal_pointer (&place);
        }
      return TRUE;
    }
  g_clear_pointer (&info, g_match_info_free);

  if (g_regex_match (dmy_re, nfc, 0, &info))
    return make_date (match_uint (info, 1), match_uint (info, 3), match_uint (info, 4), date_out);
  g_clear_pointer (&info, g_match_info_free);

  if (g_regex_match (iso_re, nfc, 0, &info))
    return make_date (match_uint (info, 3), match_uint (info, 2), match_uint (info, 1), date_out);

  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Numbers in words                                                                         */

static const char *const digit_words[] = {
  "Không", "Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín"
};

/* 0 < n < 1000, written after a higher group when @inner (so "Không Trăm" may appear). */
static void
append_hundreds (GString *out,
                 guint    n,
                 gboolean inner)
{
  guint h = n / 100, t = (n / 10) % 10, u = n % 10;

#define SEP() G_STMT_START { if (out->len > 0) g_string_append_c (out, ' '); } G_STMT_END

  if (h > 0 || inner)
    {
      SEP ();
      g_string_append (out, digit_words[h]);
      g_string_append (out, " Trăm");
    }
  if (t == 0)
    {
      if (u == 0)
        return;
      if (h > 0 || inner)
        {
          SEP ();
          g_string_append (out, "Linh");
        }
      SEP ();
      g_string_append (out, digit_words[u]);
      return;
    }
  SEP ();
  if (t == 1)
    g_string_append (out, "Mười");
  else
    {
      g_string_append (out, digit_words[t]);
      g_string_append (out, " Mươi");
    }
  if (u == 0)
    return;
  SEP ();
  if (u == 5)
    g_string_append (out, "Lăm");                 /* mười lăm, hai mươi lăm */
  else if (u == 1 && t >= 2)
    g_string_append (out, "Mốt");                 /* hai mươi mốt */
  else if (u == 4 && t >= 2)
    g_string_append (out, "Tư");                  /* hai mươi tư */
  else
    g_string_append (out, digit_words[u]);        /* mười một, mười bốn */
#undef SEP
}

char *
kl_vn_ordinal_to_words (guint n)
{
  GString *out;

  /* The ordinals of "thứ": thứ nhất, thứ tư; from five on the cardinal words serve. */
  if (n == 1)
    return g_strdup ("Nhất");
  if (n == 4)
    return g_strdup ("Tư");
  if (n == 0)
    return g_strdup ("Không");
  if (n >= 1000000)
    return g_strdup_printf ("%u", n);

  out = g_string_new (NULL);
  if (n >= 1000)
    {
      append_hundreds (out, n / 1000, FALSE);
      g_string_append (out, " Nghìn");
      if (n % 1000 != 0)
        append_hundreds (out, n % 1000, TRUE);
    }
  else
    append_hundreds (out, n, FALSE);
  return g_string_free (out, FALSE);
}

static int
word_digit (const char *w)
{
  static const struct { const char *w; int d; } words[] = {
    { "không", 0 }, { "một", 1 }, { "mốt", 1 }, { "hai", 2 }, { "ba", 3 }, { "bốn", 4 },
    { "tư", 4 }, { "năm", 5 }, { "lăm", 5 }, { "nhăm", 5 }, { "sáu", 6 }, { "bảy", 7 },
    { "bẩy", 7 }, { "tám", 8 }, { "chín", 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (w, words[i].w))
      return words[i].d;
  return -1;
}

guint
kl_vn_ordinal_from_words (const char *text)
{
  g_autofree char *nfc = NULL;
  g_autofree char *low = NULL;
  g_auto(GStrv) words = NULL;
  guint i = 0, total = 0, group = 0;
  int pending = -1;
  gboolean any = FALSE;
  gboolean hundreds = FALSE;   /* the current group has its "… trăm" ("không trăm" too) */

  g_return_val_if_fail (text != NULL, 0);

  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > 512)
    return 0;
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  low = g_utf8_strdown (nfc, -1);
  g_strdelimit (low, "\t\n\r", ' ');
  words = g_strsplit (g_strstrip (low), " ", -1);

  /* Skip "lần thứ", "thứ". */
  while (words[i] && (*words[i] == '\0' || g_str_equal (words[i], "lần") || g_str_equal (words[i], "thứ")))
    i++;
  if (words[i] == NULL)
    return 0;

  /* Plain digits: "25". */
  if (g_ascii_isdigit (words[i][0]) && words[i + 1] == NULL)
    {
      for (const char *p = words[i]; *p; p++)
        if (!g_ascii_isdigit (*p))
          return 0;
      if (strlen (words[i]) > 9)
        return 0;
      return (guint) g_ascii_strtoull (words[i], NULL, 10);
    }
  if (g_str_equal (words[i], "nhất") && words[i + 1] == NULL)
    return 1;

  for (; words[i]; i++)
    {
      const char *w = words[i];
      int d;

      if (*w == '\0')
        continue;
      if ((d = word_digit (w)) >= 0)
        {
          if (pending >= 0)
            return 0;
          /* "lăm" and "mốt" only follow a tens word. */
          if ((g_str_equal (w, "lăm") || g_str_equal (w, "nhăm") || g_str_equal (w, "mốt")) &&
              group % 100 < 10)
            return 0;
          pending = d;
          any = TRUE;
        }
      else if (g_str_equal (w, "mười"))
        {
          if (pending >= 0 || group % 100 != 0)
            return 0;
          group += 10;
          any = TRUE;
        }
      else if (g_str_equal (w, "mươi"))
        {
          if (pending < 2 || group % 100 != 0)
            return 0;
          group += pending * 10;
          pending = -1;
        }
      else if (g_str_equal (w, "trăm"))
        {
          if (pending < 0 || group != 0 || hundreds)
            return 0;
          group = pending * 100;
          pending = -1;
          hundreds = TRUE;
        }
      else if (g_str_equal (w, "linh") || g_str_equal (w, "lẻ"))
        {
          /* "một trăm linh năm", "một nghìn linh năm": no tens. */
          if (pending >= 0 || group % 100 != 0 || (!hundreds && total == 0))
            return 0;
        }
      else if (g_str_equal (w, "nghìn") || g_str_equal (w, "ngàn"))
        {
          if (pending >= 0)
            group += pending;
          pending = -1;
          if (group == 0 || total != 0)
            return 0;
          total = group * 1000;
          group = 0;
          hundreds = FALSE;
        }
      else
        return 0;
    }
  if (pending >= 0)
    group += pending;
  total += group;
  return any ? total : 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Roman numerals                                                                           */

static const struct { guint value; const char *symbol; } roman[] = {
  { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
  { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
};

char *
kl_roman_format (guint n)
{
  GString *out;

  /* Roman numerals have no zero and classic notation stops at 3999: nothing to write. */
  if (n < 1 || n > 3999)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (roman); i++)
    while (n >= roman[i].value)
      {
        g_string_append (out, roman[i].symbol);
        n -= roman[i].value;
      }
  return g_string_free (out, FALSE);
}

guint
kl_roman_parse (const char *text)
{
  g_autofree char *up = NULL;
  g_autofree char *again = NULL;
  guint total = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, 0);

  if (strlen (text) > 32)
    return 0;
  up = g_ascii_strup (text, -1);
  g_strstrip (up);
  if (*up == '\0')
    return 0;

  p = up;
  for (guint i = 0; i < G_N_ELEMENTS (roman); i++)
    {
      gsize len = strlen (roman[i].symbol);

      while (strncmp (p, roman[i].symbol, len) == 0)
        {
          total += roman[i].value;
          p += len;
        }
    }
  if (*p != '\0' || total == 0 || total > 3999)
    return 0;
  /* Only the canonical spelling counts: "IIII" or "IC" are not numerals of a document. */
  again = kl_roman_format (total);
  return g_str_equal (again, up) ? total : 0;
}
