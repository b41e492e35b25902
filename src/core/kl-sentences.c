/* kl-sentences.c: sentences about targets, written the way conclusion notices state them. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kl-number.h"
#include "kl-sentences.h"

/* Units are printed in lower case inside a sentence ("Tấn" → "tấn"); "%" and "‰" stick to
 * the number; acronyms ("USD", "NTM") stay as they are. */
static void
append_unit (GString *out, const char *unit)
{
  g_autofree char *first = NULL;
  const char *rest;
  gunichar c, c2;

  if (unit == NULL || *unit == '\0')
    return;
  if (g_str_equal (unit, "%") || g_str_equal (unit, "‰"))
    {
      g_string_append (out, unit);
      return;
    }

  c = g_utf8_get_char (unit);
  rest = g_utf8_next_char (unit);
  c2 = *rest ? g_utf8_get_char (rest) : 0;
  g_string_append_c (out, ' ');
  if (g_unichar_isupper (c) && !(c2 != 0 && g_unichar_isupper (c2)))
    g_string_append_unichar (out, g_unichar_tolower (c));
  else
    g_string_append_unichar (out, c);
  g_string_append (out, rest);
}

/* Drops the full stops, colons and blanks a name ends with ("Trồng rừng mới." → "… mới"). */
static void
trim_name_end (GString *name)
{
  gsize len = name->len;

  while (len > 0 && (name->str[len - 1] == '.' || name->str[len - 1] == ':' || name->str[len - 1] == ' '))
    len--;
  g_string_truncate (name, len);
}

/* A target's name as it reads inside a sentence: first letter in lower case unless the
 * name starts with an acronym, final full stop and colon dropped. */
static char *
name_in_sentence (const char *name)
{
  GString *out = g_string_new (NULL);
  gunichar c, c2;
  const char *rest;

  if (name == NULL)
    return g_string_free (out, FALSE);
  while (*name == ' ' || *name == '+' || *name == '-')
    name++;
  if (*name == '\0')
    return g_string_free (out, FALSE);

  c = g_utf8_get_char (name);
  rest = g_utf8_next_char (name);
  c2 = *rest ? g_utf8_get_char (rest) : 0;
  if (g_unichar_isupper (c) && !(c2 != 0 && g_unichar_isupper (c2)))
    g_string_append_unichar (out, g_unichar_tolower (c));
  else
    g_string_append_unichar (out, c);
  g_string_append (out, rest);

  trim_name_end (out);
  return g_string_free (out, FALSE);
}

static char *
capitalize_first (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text != NULL && *text != '\0')
    {
      g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (text)));
      g_string_append (out, g_utf8_next_char (text));
    }
  return g_string_free (out, FALSE);
}

static void
append_number (GString *out, double n)
{
  g_autofree char *s = kl_number_format (n, 3);
  g_string_append (out, s);
}

/* A value in words: "trên 17.600 tấn", "duy trì 98,5%", "từ 15 đến 20%", "từ 85 trở lên". */
static gboolean
append_value_words (GString *out, KlValue *value, const char *unit)
{
  KlQualifier q = kl_value_get_qualifier (value);

  if (!kl_value_has_number (value) || kl_value_get_ambiguous (value))
    return FALSE;

  switch (q)
    {
    case KL_QUALIFIER_GT: g_string_append (out, "trên "); break;
    case KL_QUALIFIER_GE: g_string_append (out, "từ "); break;
    case KL_QUALIFIER_LT: g_string_append (out, "dưới "); break;
    case KL_QUALIFIER_LE: g_string_append (out, "không quá "); break;
    case KL_QUALIFIER_MAINTAIN: g_string_append (out, "duy trì "); break;
    case KL_QUALIFIER_RANGE: g_string_append (out, "từ "); break;
    case KL_QUALIFIER_NONE:
    case KL_QUALIFIER_EXACT:
    case KL_QUALIFIER_DASH:
    case KL_QUALIFIER_STATUS:
    case KL_QUALIFIER_TEXT:
    default:
      break;
    }

  append_number (out, kl_value_get_number (value));
  if (q == KL_QUALIFIER_RANGE)
    {
      g_string_append (out, " đến ");
      append_number (out, kl_value_get_number_max (value));
    }
  append_unit (out, unit);
  if (q == KL_QUALIFIER_GE)
    g_string_append (out, " trở lên");
  return TRUE;
}

static const char *
effective_unit (KlTarget *target, KlValue *value)
{
  const char *u = kl_value_get_unit (value);

  if (u != NULL && *u != '\0')
    return u;
  return kl_target_get_unit (target);
}

static gboolean
is_evaluated (KlTarget *target)
{
  return !kl_target_is_group (target) && kl_target_get_status (target) != KL_STATUS_NO_DATA;
}

static gboolean
is_met (KlTarget *target)
{
  KlStatus s = kl_target_get_status (target);

  return s == KL_STATUS_MET || s == KL_STATUS_EXCEEDED;
}

char *
kl_sentences_count (KlReport *report)
{
  guint met_main = 0, total_main = 0, met_comp = 0, total_comp = 0;
  GString *out;

  g_return_val_if_fail (KL_IS_REPORT (report), NULL);

  kl_report_count (report, KL_TARGET_KIND_MAIN, &met_main, &total_main);
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &met_comp, &total_comp);
  if (total_main == 0 && total_comp == 0)
    return NULL;

  out = g_string_new (NULL);
  if (total_main > 0)
    g_string_append_printf (out, "%u/%u chỉ tiêu chính", met_main, total_main);
  if (total_comp > 0)
    g_string_append_printf (out, "%s%u/%u chỉ tiêu thành phần",
                            total_main > 0 ? ", " : "", met_comp, total_comp);
  g_string_append (out, " đạt và vượt kế hoạch");
  return g_string_free (out, FALSE);
}

char *
kl_sentences_not_met (KlReport *report)
{
  GListModel *targets;
  GString *out;
  guint n, count = 0;

  g_return_val_if_fail (KL_IS_REPORT (report), NULL);

  targets = G_LIST_MODEL (kl_report_get_targets (report));
  n = g_list_model_get_n_items (targets);
  out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      g_autofree char *name = NULL;
      KlValue *actual, *plan;
      double ratio;

      if (!is_evaluated (t) || is_met (t))
        continue;

      name = name_in_sentence (kl_target_get_name (t));
      actual = kl_target_get_actual (t);
      plan = kl_target_get_plan (t);
      ratio = kl_target_get_ratio (t);

      g_string_append (out, count == 0 ? "" : "; ");
      g_string_append (out, name);
      if (kl_value_has_number (actual))
        {
          g_string_append (out, " thực hiện ");
          append_value_words (out, actual, effective_unit (t, actual));
          if (!isnan (ratio))
            {
              g_autofree char *pct = kl_number_format_percent (ratio);
              g_string_append_printf (out, ", bằng %s%% kế hoạch", pct);
            }
        }
      else
        g_string_append (out, " chưa đạt");

      if (kl_value_has_number (plan))
        {
          g_string_append (out, " (kế hoạch ");
          append_value_words (out, plan, effective_unit (t, plan));
          g_string_append (out, ")");
        }
      count++;
    }

  if (count == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  {
    g_autofree char *list = g_string_free (out, FALSE);
    return g_strdup_printf ("Còn %02u chỉ tiêu chưa đạt kế hoạch: %s.", count, list);
  }
}

char *
kl_sentences_next_targets (KlReport *report)
{
  GListModel *targets;
  GString *out;
  guint n, count = 0;

  g_return_val_if_fail (KL_IS_REPORT (report), NULL);

  targets = G_LIST_MODEL (kl_report_get_targets (report));
  n = g_list_model_get_n_items (targets);
  out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      g_autofree char *name = NULL;
      g_autoptr(GString) value = g_string_new (NULL);
      KlValue *next;

      if (kl_target_is_group (t))
        continue;
      next = kl_target_get_next_plan (t);
      if (!append_value_words (value, next, effective_unit (t, next)))
        continue;

      name = capitalize_first (kl_target_get_name (t));
      {
        GString *trimmed = g_string_new (name);

        trim_name_end (trimmed);
        g_free (name);
        name = g_string_free (trimmed, FALSE);
      }

      if (count > 0)
        g_string_append (out, ";\n\n");
      count++;
      /* "duy trì" reads as a verb on its own; everything else takes "đạt". */
      if (kl_value_get_qualifier (next) == KL_QUALIFIER_MAINTAIN)
        g_string_append_printf (out, "(%u) %s: %s", count, name, value->str);
      else
        g_string_append_printf (out, "(%u) %s đạt %s", count, name, value->str);
    }

  if (count == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_append (out, ".");
  return g_string_free (out, FALSE);
}

char *
kl_sentences_generate (KlReport *report)
{
  g_autofree char *count = NULL;
  g_autofree char *not_met = NULL;
  g_autofree char *next = NULL;
  GString *out;
  const char *period;

  g_return_val_if_fail (KL_IS_REPORT (report), NULL);

  count = kl_sentences_count (report);
  not_met = kl_sentences_not_met (report);
  next = kl_sentences_next_targets (report);
  period = kl_report_get_period (report);
  out = g_string_new (NULL);

  if (count != NULL)
    {
      g_autofree char *cap = capitalize_first (count);
      g_string_append_printf (out, "%s%s%s.", cap,
                              period != NULL && *period ? " " : "",
                              period != NULL && *period ? period : "");
      /* The sentence above ends with the period ("… kế hoạch năm 2025."). */
    }
  if (not_met != NULL)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", not_met);
  if (next != NULL)
    {
      g_string_append_printf (out, "%sCác chỉ tiêu chủ yếu kỳ tới:\n\n%s",
                              out->len ? "\n\n" : "", next);
    }
  return g_string_free (out, FALSE);
}

char *
kl_sentences_diff (const char *old_text, const char *new_text)
{
  g_auto(GStrv) a = g_strsplit (old_text ? old_text : "", "\n", -1);
  g_auto(GStrv) b = g_strsplit (new_text ? new_text : "", "\n", -1);
  guint na = g_strv_length (a), nb = g_strv_length (b);
  g_autofree guint *lcs = NULL;
  GString *out;
  guint i = 0, j = 0;

  if (g_strcmp0 (old_text, new_text) == 0)
    return NULL;

  /* Longest common subsequence over lines: the texts are short (tens of lines). */
  lcs = g_new0 (guint, (gsize) (na + 1) * (nb + 1));
#define LCS(x, y) lcs[(gsize) (x) * (nb + 1) + (y)]
  for (guint x = na; x-- > 0;)
    for (guint y = nb; y-- > 0;)
      LCS (x, y) = g_str_equal (a[x], b[y]) ? LCS (x + 1, y + 1) + 1
                                            : MAX (LCS (x + 1, y), LCS (x, y + 1));

  out = g_string_new (NULL);
  while (i < na || j < nb)
    {
      if (i < na && j < nb && g_str_equal (a[i], b[j]))
        {
          i++;
          j++;
        }
      else if (j < nb && (i == na || LCS (i, j + 1) >= LCS (i + 1, j)))
        {
          if (*b[j])
            g_string_append_printf (out, "+ %s\n", b[j]);
          j++;
        }
      else
        {
          if (*a[i])
            g_string_append_printf (out, "- %s\n", a[i]);
          i++;
        }
    }
#undef LCS
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
