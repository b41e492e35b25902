/* kl-value.c: reading what users type in target-table cells, and deciding ambiguous numbers.
 *
 * Reading a cell:
 *   empty → NONE; "-" → DASH; "Đạt"/"Không đạt"/… → STATUS; a trailing "(…)" becomes the note;
 *   then an optional qualifier (">", "≥", "trên", "dưới", "không quá", "Duy trì", "từ … trở lên"),
 *   one number or a range "a-b" / "a–b" / "a đến b", then an optional unit ("%", "‰", "Tỷ đồng").
 *   Anything else is TEXT: the parser never fails and never guesses from free text.
 *
 * Reading a number: digits with "." and ",". Both separators present: the last one is the
 * decimal mark. Several of one kind: thousands groups (each of 3 digits, else TEXT). One
 * separator followed by 1, 2 or 4+ digits: a decimal mark ("27.60", "99,4"). One separator
 * followed by exactly 3 digits ("61.000", "1.105", "1,234") is AMBIGUOUS: thousands or decimals.
 *
 * Rule order that settles an ambiguous reading (the first rule that decides wins; the rule is
 * reported by kl_value_get_rule()):
 *   1. unit — the unit typed in the cell, else the row's unit from the context:
 *      a rate ("%", "‰") → decimal mark (61 000 % is no rate);
 *      a counted unit ("Người", "Tấn", "Xã", "hộ", "Đảng viên", …) → thousands (whole numbers);
 *   2. column — the other cells of the column use this separator unambiguously, all in one
 *      way: as a decimal mark ("27.60", "3.9") or to group thousands ("1.234.567", "1.234,5");
 *      a column that shows both ways decides nothing (only its first 10 000 cells are read);
 *   3. partner — the other figure of the row (plan for an actual and vice versa): a reading is
 *      plausible when it is within a factor 10 of the partner (actual/plan between 10 % and
 *      1000 %); since the two readings differ 1000-fold, at most one is plausible;
 *   4. otherwise the value stays ambiguous until the user settles it (kl_value_settle()).
 * Units come before the column because a table mixes conventions row by row (seed tables
 * write "27.60" triệu đồng next to "17.501" tấn); the partner comes last because it is itself
 * often ambiguous.
 */
#include "kl-value.h"
#include "kl-core-enums.h"
#include "kl-number.h"

#include <math.h>
#include <string.h>

/* Readings beyond this are not table figures; refuse rather than round silently. */
#define MAX_DIGITS      15
#define MAX_TOKEN_BYTES 40
#define MAX_UNIT_CHARS  24
#define MAX_UNIT_WORDS  3
#define PARTNER_FACTOR  10.0
#define MAX_COLUMN_CELLS 10000

typedef enum {
  SEP_NONE = 0,
  SEP_DECIMAL,    /* the separator was a decimal mark */
  SEP_THOUSANDS,  /* the separator grouped thousands */
} SepUse;

/* One number as typed. */
typedef struct {
  gboolean valid;
  gboolean ambiguous;
  char     sep;            /* '.' or ',' whose role is at stake when ambiguous */
  double   value;          /* when not ambiguous */
  double   as_thousands;   /* when ambiguous */
  double   as_decimal;
  SepUse   dot_use;        /* evidence this token gives about '.' and ',' */
  SepUse   comma_use;
} NumTok;

typedef enum {
  CHOICE_NONE,
  CHOICE_THOUSANDS,
  CHOICE_DECIMAL,
} Choice;

struct _KlValue
{
  GObject parent_instance;

  char        *text;
  KlQualifier  qualifier;
  double       number;
  double       number_max;
  char        *unit;
  char        *note;
  char        *rule;
  gboolean     ambiguous;
  gboolean     status_met;

  /* Readings of an ambiguous value, chosen first; lo/hi are the range bounds of each. */
  guint        n_readings;
  double       readings[2];
  double       readings_lo[2];
  double       readings_hi[2];
};

G_DEFINE_FINAL_TYPE (KlValue, kl_value, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_QUALIFIER,
  PROP_NUMBER,
  PROP_NUMBER_MAX,
  PROP_UNIT,
  PROP_NOTE,
  PROP_AMBIGUOUS,
  PROP_RULE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------------------- */
/* Small text helpers                                                                       */

static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

static const char *
skip_spaces (const char *p)
{
  while (*p && is_space_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* A copy of @s without leading/trailing blanks and with inner runs of blanks as one space.
 * Invisible format characters (bidi marks, zero-width spaces, soft hyphens: Unicode Cf) are
 * dropped: a figure pasted from a web page as U+200F 120 U+200F is the number 120. The text
 * as typed is kept elsewhere, unchanged. */
static char *
squeeze_spaces (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;

      if (is_space_char (c))
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* If @p starts with @kw (case-insensitively, at a word boundary when @kw ends in a letter),
 * returns the position after it, else NULL. */
static const char *
match_ci (const char *p,
          const char *kw)
{
  const char *k = kw;
  gunichar last = 0;

  while (*k)
    {
      gunichar a, b;

      if (*p == '\0')
        return NULL;
      a = g_unichar_tolower (g_utf8_get_char (p));
      b = g_unichar_tolower (g_utf8_get_char (k));
      if (a != b)
        return NULL;
      last = b;
      p = g_utf8_next_char (p);
      k = g_utf8_next_char (k);
    }
  if (g_unichar_isalpha (last) && *p && g_unichar_isalnum (g_utf8_get_char (p)))
    return NULL;
  return p;
}

/* TRUE when the whole of @s equals one of @words, case-insensitively (a final "." allowed). */
static gboolean
equals_any_ci (const char        *s,
               const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    {
      const char *end = match_ci (s, words[i]);

      if (end != NULL && (*end == '\0' || (end[0] == '.' && end[1] == '\0')))
        return TRUE;
    }
  return FALSE;
}

static const char *const met_words[] = {
  "đạt", "vượt", "đạt và vượt", "vượt kế hoạch", "hoàn thành", "đạt kế hoạch", NULL
};
static const char *const not_met_words[] = {
  "không đạt", "chưa đạt", "không hoàn thành", "chưa hoàn thành", NULL
};

/* Units whose figures are whole numbers, so "1.105" can only mean one thousand one hundred
 * and five. Tonnes are listed because target tables round harvests to whole tonnes. */
static const char *const counted_units[] = {
  "người", "lượt người", "lao động", "tấn", "xã", "xã, thị trấn", "thị trấn", "hộ",
  "hộ gia đình", "đảng viên", "bác sĩ", "học sinh", "giáo viên", "cái", "chiếc", "con",
  "lượt", "trường", "bản", "thôn", "làng", "khu phố", "tổ dân phố", "đơn vị", "tổ chức",
  "cơ sở", "doanh nghiệp", "hợp tác xã", "dự án", "công trình", "căn", "ngôi", "nhà",
  "giường", "phòng", "điểm", "tcd", "tccsđ", "chi bộ", "đồng", "vnđ", "vnd", NULL
};
static const char *const rate_units[] = { "%", "‰", "phần trăm", "phần nghìn", NULL };

static gboolean
unit_in (const char        *unit,
         const char *const *list)
{
  g_autofree char *u = NULL;

  if (unit == NULL)
    return FALSE;
  u = squeeze_spaces (unit);
  return equals_any_ci (u, list);
}

/* ---------------------------------------------------------------------------------------- */
/* Numbers                                                                                  */

static gboolean
valid_groups (const char *s,
              gsize       len,
              char        sep)
{
  /* "1.234.567": a first group of 1–3 digits (no leading zero unless alone), then 3 each. */
  gsize group = 0;
  gboolean first = TRUE;

  if (len > 1 && s[0] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == sep)
        {
          if ((first && (group < 1 || group > 3)) || (!first && group != 3))
            return FALSE;
          first = FALSE;
          group = 0;
        }
      else if (g_ascii_isdigit (s[i]))
        group++;
      else
        return FALSE;
    }
  return !first && group == 3;
}

static double
digits_value (const char *s,
              gsize       len)
{
  char buf[MAX_TOKEN_BYTES + 1];
  gsize n = 0;

  for (gsize i = 0; i < len && n < MAX_TOKEN_BYTES; i++)
    {
      if (g_ascii_isdigit (s[i]))
        buf[n++] = s[i];
      else if (s[i] == '#')
        buf[n++] = '.';
    }
  buf[n] = '\0';
  return g_ascii_strtod (buf, NULL);
}

/* Reads one token made of digits, '.' and ','; never reads past @len. */
static NumTok
read_token (const char *s,
            gsize       len)
{
  NumTok t = { 0, };
  guint n_dot = 0, n_comma = 0, n_digits = 0;
  gssize last_dot = -1, last_comma = -1;
  char buf[MAX_TOKEN_BYTES + 1];

  t.value = t.as_thousands = t.as_decimal = NAN;
  if (len == 0 || len > MAX_TOKEN_BYTES)
    return t;
  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[len - 1]))
    return t;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '.')
        n_dot++, last_dot = i;
      else if (s[i] == ',')
        n_comma++, last_comma = i;
      else if (g_ascii_isdigit (s[i]))
        n_digits++;
      else
        return t;
    }
  if (n_digits > MAX_DIGITS)
    return t;

  memcpy (buf, s, len);
  buf[len] = '\0';

  if (n_dot == 0 && n_comma == 0)
    {
      t.value = digits_value (buf, len);
    }
  else if (n_dot > 0 && n_comma > 0)
    {
      /* Both kinds: the last separator is the decimal mark and appears once. */
      char dec = last_dot > last_comma ? '.' : ',';
      char grp = dec == '.' ? ',' : '.';
      gssize at = MAX (last_dot, last_comma);

      if ((dec == '.' && n_dot != 1) || (dec == ',' && n_comma != 1))
        return t;
      if (!valid_groups (buf, at, grp))
        return t;
      buf[at] = '#';
      t.value = digits_value (buf, len);
      t.dot_use = dec == '.' ? SEP_DECIMAL : SEP_THOUSANDS;
      t.comma_use = dec == ',' ? SEP_DECIMAL : SEP_THOUSANDS;
    }
  else
    {
      char sep = n_dot > 0 ? '.' : ',';
      guint count = MAX (n_dot, n_comma);
      gssize at = MAX (last_dot, last_comma);
      gsize frac = len - at - 1;
      SepUse use;

      if (count > 1)
        {
          if (!valid_groups (buf, len, sep))
            return t;
          t.value = digits_value (buf, len);
          use = SEP_THOUSANDS;
        }
      else if (frac != 3 || !valid_groups (buf, len, sep))
        {
          /* 1, 2 or 4+ decimals, or a leading "0.": only a decimal mark makes sense. */
          buf[at] = '#';
          t.value = digits_value (buf, len);
          use = SEP_DECIMAL;
        }
      else
        {
          t.ambiguous = TRUE;
          t.sep = sep;
          t.as_thousands = digits_value (buf, len);
          buf[at] = '#';
          t.as_decimal = digits_value (buf, len);
          use = SEP_NONE;
        }
      if (sep == '.')
        t.dot_use = use;
      else
        t.comma_use = use;
    }

  t.valid = TRUE;
  if (!t.ambiguous && !isfinite (t.value))
    t.valid = FALSE;
  return t;
}

/* Length of the run of digits, dots and commas at @p. */
static gsize
token_span (const char *p)
{
  gsize n = 0;

  while (g_ascii_isdigit (p[n]) || p[n] == '.' || p[n] == ',')
    n++;
  /* A final separator belongs to the sentence ("5."), not to the number. */
  while (n > 0 && (p[n - 1] == '.' || p[n - 1] == ','))
    n--;
  return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Parsing a cell                                                                           */

typedef struct {
  KlQualifier qualifier;
  gboolean    status_met;
  NumTok      lo;
  NumTok      hi;
  gboolean    has_hi;
  double      sign;
  char       *unit;
  char       *note;
} Parsed;

static gboolean
is_range_dash (const char *p,
               const char **after)
{
  static const char *const dashes[] = { "-", "–", "—", "−", "~", "÷", "đến", NULL };

  for (guint i = 0; dashes[i]; i++)
    {
      const char *end = match_ci (p, dashes[i]);

      if (end != NULL)
        {
          *after = end;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
unit_is_acceptable (const char *unit)
{
  guint words = 1;

  if (g_utf8_strlen (unit, -1) > MAX_UNIT_CHARS)
    return FALSE;
  /* "1e308": scientific notation is not how tables are typed. */
  if ((unit[0] == 'e' || unit[0] == 'E') &&
      (g_ascii_isdigit (unit[1]) || ((unit[1] == '+' || unit[1] == '-') && g_ascii_isdigit (unit[2]))))
    return FALSE;
  if (!g_unichar_isalpha (g_utf8_get_char (unit)) && !g_str_has_prefix (unit, "%") &&
      !g_str_has_prefix (unit, "‰"))
    return FALSE;
  for (const char *p = unit; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        words++;
      else if (!(g_unichar_isalnum (c) || c == '%' || c == 0x2030 || c == '/' || c == ',' ||
                 c == '.' || c == 0x00B2 || c == 0x00B3))
        return FALSE;
    }
  return words <= MAX_UNIT_WORDS;
}

/* Fills @out from @s (NFC, squeezed). Returns FALSE when the text is not a value: TEXT. */
static gboolean
parse_cell (const char *s,
            Parsed     *out)
{
  static const struct { const char *kw; KlQualifier q; } prefixes[] = {
    /* Longest first so that ">=" is not read as ">". */
    { "≥", KL_QUALIFIER_GE }, { ">=", KL_QUALIFIER_GE }, { "=>", KL_QUALIFIER_GE },
    { "≤", KL_QUALIFIER_LE }, { "<=", KL_QUALIFIER_LE }, { "=<", KL_QUALIFIER_LE },
    { ">", KL_QUALIFIER_GT }, { "<", KL_QUALIFIER_LT },
    { "không vượt quá", KL_QUALIFIER_LE }, { "không quá", KL_QUALIFIER_LE },
    { "tối đa", KL_QUALIFIER_LE }, { "nhỏ hơn hoặc bằng", KL_QUALIFIER_LE },
    { "không dưới", KL_QUALIFIER_GE }, { "không thấp hơn", KL_QUALIFIER_GE },
    { "tối thiểu", KL_QUALIFIER_GE }, { "ít nhất", KL_QUALIFIER_GE },
    { "lớn hơn hoặc bằng", KL_QUALIFIER_GE },
    { "trên", KL_QUALIFIER_GT }, { "lớn hơn", KL_QUALIFIER_GT }, { "cao hơn", KL_QUALIFIER_GT },
    { "dưới", KL_QUALIFIER_LT }, { "nhỏ hơn", KL_QUALIFIER_LT }, { "thấp hơn", KL_QUALIFIER_LT },
    { "duy trì", KL_QUALIFIER_MAINTAIN },
  };
  g_autofree char *body = NULL;
  const char *p;
  gboolean from = FALSE;
  gsize n;
  char *end_paren;

  memset (out, 0, sizeof *out);
  out->sign = 1.0;
  out->qualifier = KL_QUALIFIER_EXACT;

  if (*s == '\0')
    {
      out->qualifier = KL_QUALIFIER_NONE;
      return TRUE;
    }
  if (g_str_equal (s, "-") || g_str_equal (s, "–") || g_str_equal (s, "—") || g_str_equal (s, "−"))
    {
      out->qualifier = KL_QUALIFIER_DASH;
      return TRUE;
    }
  if (equals_any_ci (s, not_met_words) || equals_any_ci (s, met_words))
    {
      out->qualifier = KL_QUALIFIER_STATUS;
      out->status_met = !equals_any_ci (s, not_met_words);
      return TRUE;
    }

  /* A trailing "(…)" is an annotation: "03 (lũy kế 03)". */
  body = g_strdup (s);
  end_paren = body + strlen (body);
  if (end_paren > body && end_paren[-1] == ')')
    {
      char *open = strrchr (body, '(');

      if (open == NULL || open == body)
        return FALSE;
      out->note = g_strdup (open);
      *open = '\0';
      g_strchomp (body);
      /* "Đạt (vượt 2%)": a status word with its annotation. */
      if (equals_any_ci (body, not_met_words) || equals_any_ci (body, met_words))
        {
          out->qualifier = KL_QUALIFIER_STATUS;
          out->status_met = !equals_any_ci (body, not_met_words);
          return TRUE;
        }
    }

  p = body;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      const char *end = match_ci (p, prefixes[i].kw);

      if (end != NULL)
        {
          out->qualifier = prefixes[i].q;
          p = skip_spaces (end);
          break;
        }
    }
  if (out->qualifier == KL_QUALIFIER_EXACT)
    {
      const char *end = match_ci (p, "từ");

      if (end != NULL)
        {
          from = TRUE;
          p = skip_spaces (end);
        }
    }

  if (*p == '-' && out->qualifier == KL_QUALIFIER_EXACT && !from)
    {
      out->sign = -1.0;
      p++;
    }
  else if (g_str_has_prefix (p, "−") && out->qualifier == KL_QUALIFIER_EXACT && !from)
    {
      out->sign = -1.0;
      p += strlen ("−");
    }

  n = token_span (p);
  out->lo = read_token (p, n);
  if (!out->lo.valid)
    return FALSE;
  p = skip_spaces (p + n);

  /* A second number after a dash makes a range: "15-20", "15 – 20", "từ 15 đến 20". */
  {
    const char *after;

    if (is_range_dash (p, &after))
      {
        const char *q = skip_spaces (after);
        gsize m = token_span (q);

        if (m > 0)
          {
            if (out->qualifier != KL_QUALIFIER_EXACT || out->sign < 0)
              return FALSE;
            out->hi = read_token (q, m);
            if (!out->hi.valid)
              return FALSE;
            out->has_hi = TRUE;
            out->qualifier = KL_QUALIFIER_RANGE;
            p = skip_spaces (q + m);
          }
      }
  }

  /* The unit, then "trở lên" / "trở xuống" closing "từ 85 trở lên"; the unit may sit on
   * either side ("từ 85% trở lên"). */
  for (int pass = 0; pass < 2; pass++)
    {
      const char *end;

      if ((end = match_ci (p, "trở lên")) != NULL && out->qualifier == KL_QUALIFIER_EXACT)
        {
          out->qualifier = KL_QUALIFIER_GE;
          p = skip_spaces (end);
        }
      else if ((end = match_ci (p, "trở xuống")) != NULL && out->qualifier == KL_QUALIFIER_EXACT)
        {
          out->qualifier = KL_QUALIFIER_LE;
          p = skip_spaces (end);
        }
      else if (pass == 0 && (g_str_has_prefix (p, "%") || g_str_has_prefix (p, "‰")))
        {
          gsize ulen = g_str_has_prefix (p, "%") ? 1 : strlen ("‰");

          out->unit = g_strndup (p, ulen);
          p = skip_spaces (p + ulen);
        }
    }

  if (from && out->qualifier == KL_QUALIFIER_EXACT)
    out->qualifier = KL_QUALIFIER_GE;   /* "từ 85": from 85 on */

  if (*p != '\0')
    {
      if (out->unit != NULL || !unit_is_acceptable (p))
        return FALSE;
      out->unit = g_strdup (p);
      g_strchomp (out->unit);
    }
  return TRUE;
}

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->unit, g_free);
  g_clear_pointer (&parsed->note, g_free);
}

/* ---------------------------------------------------------------------------------------- */
/* Settling ambiguity from the context                                                      */

static const char *
sep_name (char sep)
{
  return sep == '.' ? "dot" : "comma";
}

static Choice
decide_by_unit (const char  *unit,
                char         sep,
                char       **rule_out)
{
  if (unit_in (unit, rate_units))
    {
      *rule_out = g_strdup_printf ("unit %s: a rate, so the %s is a decimal mark", unit, sep_name (sep));
      return CHOICE_DECIMAL;
    }
  if (unit_in (unit, counted_units))
    {
      *rule_out = g_strdup_printf ("unit %s: counted in whole numbers, so the %s groups thousands",
                                   unit, sep_name (sep));
      return CHOICE_THOUSANDS;
    }
  return CHOICE_NONE;
}

static Choice
decide_by_column (const char *const *column,
                  char               sep,
                  char             **rule_out)
{
  const char *dec_example = NULL, *grp_example = NULL;

  if (column == NULL)
    return CHOICE_NONE;

  /* Mixed evidence decides nothing, so stop there; and bound the work a huge paste costs
   * (the importer asks once per ambiguous cell). */
  for (guint i = 0; column[i] && i < MAX_COLUMN_CELLS && !(dec_example && grp_example); i++)
    {
      const char *c = column[i];

      /* Look at every number in the cell ("Duy trì 98,5" too), skipping long text. */
      if (strlen (c) > 200)
        continue;
      for (const char *p = c; *p; )
        {
          gsize n;
          NumTok t;
          SepUse use;

          if (!g_ascii_isdigit (*p))
            {
              p++;
              continue;
            }
          n = token_span (p);
          t = read_token (p, n);
          p += MAX (n, 1);
          if (!t.valid)
            continue;
          use = sep == '.' ? t.dot_use : t.comma_use;
          if (use == SEP_DECIMAL && dec_example == NULL)
            dec_example = c;
          else if (use == SEP_THOUSANDS && grp_example == NULL)
            grp_example = c;
        }
    }

  if (dec_example != NULL && grp_example == NULL)
    {
      *rule_out = g_strdup_printf ("column: other cells such as '%s' use the %s as a decimal mark",
                                   dec_example, sep_name (sep));
      return CHOICE_DECIMAL;
    }
  if (grp_example != NULL && dec_example == NULL)
    {
      *rule_out = g_strdup_printf ("column: other cells such as '%s' use the %s to group thousands",
                                   grp_example, sep_name (sep));
      return CHOICE_THOUSANDS;
    }
  return CHOICE_NONE;
}

static gboolean
plausible_against (double reading,
                   double partner)
{
  double r = reading / partner;

  return r >= 1.0 / PARTNER_FACTOR && r <= PARTNER_FACTOR;
}

static Choice
decide_by_partner (const NumTok *tok,
                   double        partner,
                   char        **rule_out)
{
  gboolean th, de;
  g_autofree char *p = NULL;
  g_autofree char *r = NULL;

  /* 0 is what a zero-initialised context holds: treat it as unknown, like NAN. */
  if (!isfinite (partner) || partner <= 0)
    return CHOICE_NONE;

  th = plausible_against (tok->as_thousands, partner);
  de = plausible_against (tok->as_decimal, partner);
  if (th == de)
    return CHOICE_NONE;

  p = kl_number_format (partner, 6);
  r = kl_number_format (th ? tok->as_thousands : tok->as_decimal, 6);
  *rule_out = g_strdup_printf ("partner figure %s: only the reading %s is within a factor %g of it",
                               p, r, PARTNER_FACTOR);
  return th ? CHOICE_THOUSANDS : CHOICE_DECIMAL;
}

static double
token_value (const NumTok *t,
             Choice        choice)
{
  if (!t->ambiguous)
    return t->value;
  return choice == CHOICE_DECIMAL ? t->as_decimal : t->as_thousands;
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                  */

static void
kl_value_finalize (GObject *object)
{
  KlValue *self = KL_VALUE (object);

  g_free (self->text);
  g_free (self->unit);
  g_free (self->note);
  g_free (self->rule);

  G_OBJECT_CLASS (kl_value_parent_class)->finalize (object);
}

static void
kl_value_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KlValue *self = KL_VALUE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_QUALIFIER:
      g_value_set_enum (value, self->qualifier);
      break;
    case PROP_NUMBER:
      g_value_set_double (value, self->number);
      break;
    case PROP_NUMBER_MAX:
      g_value_set_double (value, self->number_max);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_AMBIGUOUS:
      g_value_set_boolean (value, self->ambiguous);
      break;
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_value_class_init (KlValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kl_value_finalize;
  object_class->get_property = kl_value_get_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", ro);
  properties[PROP_QUALIFIER] = g_param_spec_enum ("qualifier", NULL, NULL, KL_TYPE_QUALIFIER,
                                                  KL_QUALIFIER_NONE, ro);
  properties[PROP_NUMBER] = g_param_spec_double ("number", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                 0, ro);
  properties[PROP_NUMBER_MAX] = g_param_spec_double ("number-max", NULL, NULL, -G_MAXDOUBLE,
                                                     G_MAXDOUBLE, 0, ro);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties[PROP_AMBIGUOUS] = g_param_spec_boolean ("ambiguous", NULL, NULL, FALSE, ro);
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_value_init (KlValue *self)
{
  self->text = g_strdup ("");
  self->qualifier = KL_QUALIFIER_NONE;
  self->number = NAN;
  self->number_max = NAN;
}

/* ---------------------------------------------------------------------------------------- */
/* Public API                                                                               */

KlValue *
kl_value_parse (const char           *text,
                const KlValueContext *context)
{
  KlValue *self = g_object_new (KL_TYPE_VALUE, NULL);
  g_autofree char *valid = NULL;
  g_autofree char *squeezed = NULL;
  Parsed parsed;
  const NumTok *amb;
  Choice choice = CHOICE_NONE;
  char *rule = NULL;

  if (text == NULL)
    text = "";

  valid = g_utf8_make_valid (text, -1);
  g_free (self->text);
  self->text = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);
  if (self->text == NULL)
    self->text = g_strdup (valid);

  squeezed = squeeze_spaces (self->text);
  if (!parse_cell (squeezed, &parsed))
    {
      parsed_clear (&parsed);
      self->qualifier = KL_QUALIFIER_TEXT;
      return self;
    }

  self->qualifier = parsed.qualifier;
  self->status_met = parsed.status_met;
  self->unit = g_steal_pointer (&parsed.unit);
  self->note = g_steal_pointer (&parsed.note);

  if (self->qualifier == KL_QUALIFIER_NONE || self->qualifier == KL_QUALIFIER_DASH ||
      self->qualifier == KL_QUALIFIER_STATUS)
    return self;

  amb = parsed.lo.ambiguous ? &parsed.lo : (parsed.has_hi && parsed.hi.ambiguous ? &parsed.hi : NULL);

  if (amb != NULL)
    {
      const char *unit = self->unit ? self->unit : (context ? context->unit : NULL);

      choice = decide_by_unit (unit, amb->sep, &rule);
      if (choice == CHOICE_NONE && context != NULL)
        choice = decide_by_column (context->column, amb->sep, &rule);
      if (choice == CHOICE_NONE && context != NULL && amb == &parsed.lo && parsed.sign > 0)
        choice = decide_by_partner (amb, context->partner, &rule);

      self->ambiguous = choice == CHOICE_NONE;
      self->rule = rule;

      /* Unsettled: Vietnamese convention first (dot groups thousands, comma marks decimals). */
      if (choice == CHOICE_NONE)
        choice = amb->sep == '.' ? CHOICE_THOUSANDS : CHOICE_DECIMAL;

      self->n_readings = 2;
      for (guint i = 0; i < 2; i++)
        {
          Choice c = (i == 0) ? choice : (choice == CHOICE_THOUSANDS ? CHOICE_DECIMAL : CHOICE_THOUSANDS);

          self->readings_lo[i] = parsed.sign * token_value (&parsed.lo, c);
          self->readings_hi[i] = parsed.has_hi ? token_value (&parsed.hi, c) : self->readings_lo[i];
          self->readings[i] = amb == &parsed.lo ? self->readings_lo[i] : self->readings_hi[i];
        }
    }
  else
    {
      self->n_readings = 1;
      self->readings_lo[0] = parsed.sign * parsed.lo.value;
      self->readings_hi[0] = parsed.has_hi ? parsed.hi.value : self->readings_lo[0];
      self->readings[0] = self->readings_lo[0];
    }

  self->number = self->readings_lo[0];
  self->number_max = self->readings_hi[0];

  /* "20-15" means the same span as "15-20". */
  if (self->number_max < self->number)
    {
      double t = self->number;

      self->number = self->number_max;
      self->number_max = t;
    }
  return self;
}

KlValue *
kl_value_new_number (double number)
{
  KlValue *self;

  /* NAN or infinity is no figure: an empty cell, like kl_value_parse (""). */
  if (!isfinite (number))
    return kl_value_parse ("", NULL);

  self = g_object_new (KL_TYPE_VALUE, NULL);
  g_free (self->text);
  self->text = kl_number_format (number, 6);
  self->qualifier = KL_QUALIFIER_EXACT;
  self->number = self->number_max = number;
  self->n_readings = 1;
  self->readings[0] = self->readings_lo[0] = self->readings_hi[0] = number;
  return self;
}

KlValue *
kl_value_new_from_fields (const char   *text,
                          KlQualifier   qualifier,
                          double        number,
                          double        number_max,
                          const char   *unit,
                          const char   *note,
                          gboolean      ambiguous,
                          const double *readings,
                          guint         n_readings,
                          const char   *rule,
                          gboolean      status_met)
{
  KlValue *self;
  double parsed[2], parsed_lo[2], parsed_hi[2];
  guint n_parsed;

  g_return_val_if_fail (n_readings == 0 || readings != NULL, NULL);

  /* Parsed only for the range bounds of each reading, which are not stored: settling a
   * stored ambiguous range later needs them. */
  self = kl_value_parse (text != NULL ? text : "", NULL);
  n_parsed = self->n_readings;
  memcpy (parsed, self->readings, sizeof parsed);
  memcpy (parsed_lo, self->readings_lo, sizeof parsed_lo);
  memcpy (parsed_hi, self->readings_hi, sizeof parsed_hi);

  g_free (self->text);
  self->text = g_strdup (text != NULL ? text : "");
  self->qualifier = qualifier;
  self->number = number;
  self->number_max = number_max;
  g_free (self->unit);
  self->unit = g_strdup (unit);
  g_free (self->note);
  self->note = g_strdup (note);
  g_free (self->rule);
  self->rule = g_strdup (rule);
  self->ambiguous = ambiguous;
  self->status_met = status_met;
  self->n_readings = MIN (n_readings, G_N_ELEMENTS (self->readings));
  for (guint i = 0; i < self->n_readings; i++)
    {
      guint j;

      self->readings[i] = readings[i];
      for (j = 0; j < n_parsed; j++)
        if (parsed[j] == readings[i])
          break;
      if (j < n_parsed)
        {
          self->readings_lo[i] = parsed_lo[j];
          self->readings_hi[i] = parsed_hi[j];
        }
      else if (i == 0)
        {
          /* The chosen reading is the stored figure itself (typed by the user). */
          self->readings_lo[i] = number;
          self->readings_hi[i] = number_max;
        }
      else
        self->readings_lo[i] = self->readings_hi[i] = readings[i];
    }
  return self;
}

KlValue *
kl_value_copy (KlValue *self)
{
  KlValue *copy;

  g_return_val_if_fail (KL_IS_VALUE (self), NULL);

  copy = g_object_new (KL_TYPE_VALUE, NULL);
  g_free (copy->text);
  copy->text = g_strdup (self->text);
  copy->qualifier = self->qualifier;
  copy->number = self->number;
  copy->number_max = self->number_max;
  copy->unit = g_strdup (self->unit);
  copy->note = g_strdup (self->note);
  copy->rule = g_strdup (self->rule);
  copy->ambiguous = self->ambiguous;
  copy->status_met = self->status_met;
  copy->n_readings = self->n_readings;
  memcpy (copy->readings, self->readings, sizeof self->readings);
  memcpy (copy->readings_lo, self->readings_lo, sizeof self->readings_lo);
  memcpy (copy->readings_hi, self->readings_hi, sizeof self->readings_hi);
  return copy;
}

const char *
kl_value_get_text (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), "");
  return self->text;
}

KlQualifier
kl_value_get_qualifier (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), KL_QUALIFIER_NONE);
  return self->qualifier;
}

gboolean
kl_value_has_number (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), FALSE);
  return !isnan (self->number);
}

double
kl_value_get_number (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NAN);
  return self->number;
}

double
kl_value_get_number_max (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NAN);
  return self->number_max;
}

const char *
kl_value_get_unit (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NULL);
  return self->unit;
}

const char *
kl_value_get_note (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NULL);
  return self->note;
}

gboolean
kl_value_get_ambiguous (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), FALSE);
  return self->ambiguous;
}

const double *
kl_value_get_readings (KlValue *self,
                       guint   *n_readings)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NULL);

  if (n_readings != NULL)
    *n_readings = self->n_readings;
  return self->readings;
}

const char *
kl_value_get_rule (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), NULL);
  return self->rule;
}

gboolean
kl_value_get_status_met (KlValue *self)
{
  g_return_val_if_fail (KL_IS_VALUE (self), FALSE);
  return self->qualifier == KL_QUALIFIER_STATUS && self->status_met;
}

void
kl_value_settle (KlValue *self,
                 double   reading)
{
  double lo, hi;
  guint pick = G_MAXUINT;
  static const char settled[] = "settled by the user";

  g_return_if_fail (KL_IS_VALUE (self));
  g_return_if_fail (isfinite (reading));

  for (guint i = 0; i < self->n_readings; i++)
    if (fabs (self->readings[i] - reading) <= 1e-9 * MAX (1.0, fabs (reading)))
      pick = i;

  if (pick != G_MAXUINT)
    {
      lo = self->readings_lo[pick];
      hi = self->readings_hi[pick];
      /* Keep "the chosen one first". */
      if (pick != 0)
        {
          double t;

          t = self->readings[0], self->readings[0] = self->readings[pick], self->readings[pick] = t;
          t = self->readings_lo[0], self->readings_lo[0] = self->readings_lo[pick], self->readings_lo[pick] = t;
          t = self->readings_hi[0], self->readings_hi[0] = self->readings_hi[pick], self->readings_hi[pick] = t;
        }
    }
  else
    {
      /* Not one of the readings: the user typed the figure itself. */
      lo = hi = reading;
      self->n_readings = 1;
      self->readings[0] = self->readings_lo[0] = self->readings_hi[0] = reading;
      if (self->qualifier == KL_QUALIFIER_NONE || self->qualifier == KL_QUALIFIER_DASH ||
          self->qualifier == KL_QUALIFIER_STATUS || self->qualifier == KL_QUALIFIER_TEXT)
        {
          self->qualifier = KL_QUALIFIER_EXACT;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALIFIER]);
        }
    }
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->number != lo)
    {
      self->number = lo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
    }
  if (self->number_max != hi)
    {
      self->number_max = hi;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER_MAX]);
    }
  if (self->ambiguous)
    {
      self->ambiguous = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMBIGUOUS]);
    }
  if (g_strcmp0 (self->rule, settled) != 0)
    {
      g_free (self->rule);
      self->rule = g_strdup (settled);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
append_number (GString *out,
               double   number)
{
  g_autofree char *s = kl_number_format (number, 6);

  g_string_append (out, s);
}

char *
kl_value_format (KlValue *self)
{
  GString *out;

  g_return_val_if_fail (KL_IS_VALUE (self), NULL);

  switch (self->qualifier)
    {
    case KL_QUALIFIER_NONE:
      return g_strdup ("");
    case KL_QUALIFIER_DASH:
      return g_strdup ("-");
    case KL_QUALIFIER_STATUS:
    case KL_QUALIFIER_TEXT:
      return squeeze_spaces (self->text);
    case KL_QUALIFIER_EXACT:
    case KL_QUALIFIER_GT:
    case KL_QUALIFIER_GE:
    case KL_QUALIFIER_LT:
    case KL_QUALIFIER_LE:
    case KL_QUALIFIER_MAINTAIN:
    case KL_QUALIFIER_RANGE:
    default:
      break;
    }

  /* An unsettled reading is printed as typed: rewriting it would be a guess. */
  if (self->ambiguous)
    return squeeze_spaces (self->text);

  out = g_string_new (NULL);
  switch (self->qualifier)
    {
    case KL_QUALIFIER_GT:
      g_string_append (out, "> ");
      break;
    case KL_QUALIFIER_GE:
      g_string_append (out, "≥ ");
      break;
    case KL_QUALIFIER_LT:
      g_string_append (out, "< ");
      break;
    case KL_QUALIFIER_LE:
      g_string_append (out, "≤ ");
      break;
    case KL_QUALIFIER_MAINTAIN:
      g_string_append (out, "Duy trì ");
      break;
    default:
      break;
    }

  append_number (out, self->number);
  if (self->qualifier == KL_QUALIFIER_RANGE)
    {
      g_string_append (out, "–");
      append_number (out, self->number_max);
    }
  if (self->unit != NULL)
    {
      if (!g_str_equal (self->unit, "%") && !g_str_equal (self->unit, "‰"))
        g_string_append_c (out, ' ');
      g_string_append (out, self->unit);
    }
  if (self->note != NULL)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, self->note);
    }
  return g_string_free (out, FALSE);
}

static const char *const qualifier_names[] = {
  [KL_QUALIFIER_NONE] = "none",
  [KL_QUALIFIER_EXACT] = "exact",
  [KL_QUALIFIER_GT] = "gt",
  [KL_QUALIFIER_GE] = "ge",
  [KL_QUALIFIER_LT] = "lt",
  [KL_QUALIFIER_LE] = "le",
  [KL_QUALIFIER_MAINTAIN] = "maintain",
  [KL_QUALIFIER_RANGE] = "range",
  [KL_QUALIFIER_DASH] = "dash",
  [KL_QUALIFIER_STATUS] = "status",
  [KL_QUALIFIER_TEXT] = "text",
};

const char *
kl_qualifier_to_string (KlQualifier qualifier)
{
  g_return_val_if_fail ((guint) qualifier < G_N_ELEMENTS (qualifier_names), NULL);
  return qualifier_names[qualifier];
}

gboolean
kl_qualifier_from_string (const char  *name,
                          KlQualifier *out)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (qualifier_names); i++)
    if (g_str_equal (name, qualifier_names[i]))
      {
        if (out != NULL)
          *out = (KlQualifier) i;
        return TRUE;
      }
  return FALSE;
}
