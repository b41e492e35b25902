/* kl-period.c: reading a report's period as months, and ordering the reports of a trend. */
#include "kl-period.h"
#include "kl-markup.h"
#include "kl-target.h"
#include "kl-vn-date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1..max from "3", "03" or a Roman numeral ("iv", when @roman); 0 otherwise. */
static int
small_number (const char *token, int max, gboolean roman)
{
  char *end = NULL;
  long n;

  if (g_ascii_isdigit (*token))
    {
      n = strtol (token, &end, 10);
      return *end == '\0' && n >= 1 && n <= max ? (int) n : 0;
    }
  if (roman)
    {
      g_autofree char *upper = g_ascii_strup (token, -1);
      n = kl_roman_parse (upper);
      return n >= 1 && n <= max ? (int) n : 0;
    }
  return 0;
}

static int
year_token (const char *token)
{
  char *end = NULL;
  long n;

  if (strlen (token) != 4 || !g_ascii_isdigit (*token))
    return 0;
  n = strtol (token, &end, 10);
  return *end == '\0' && n >= 1900 && n <= 2199 ? (int) n : 0;
}

/* The first year at or after token @from. */
static int
find_year (char **tokens, guint from)
{
  for (guint i = from; tokens[i] != NULL; i++)
    {
      int y = year_token (tokens[i]);
      if (y != 0)
        return y;
    }
  return 0;
}

gboolean
kl_period_parse (const char *text, KlPeriod *out)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) tokens = NULL;
  guint n;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  folded = kl_target_name_match_key (text);
  for (char *p = folded; *p; p++)
    if (strchr ("/-,.;:()\t\n", *p) != NULL)
      *p = ' ';
  tokens = g_strsplit (folded, " ", -1);
  /* Drop the empty tokens left by repeated separators. */
  n = 0;
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0')
        g_free (tokens[i]);
      else
        tokens[n++] = tokens[i];
    }
  tokens[n] = NULL;

  for (guint i = 0; i < n; i++)
    {
      int first = 0, last = 0, year;

      if (g_str_equal (tokens[i], "quý") && i + 1 < n)
        {
          int q = small_number (tokens[i + 1], 4, TRUE);
          first = 3 * q - 2;
          last = 3 * q;
        }
      else if (i + 1 < n && g_str_equal (tokens[i + 1], "tháng") && small_number (tokens[i], 12, FALSE))
        {
          int months = small_number (tokens[i], 12, FALSE);
          gboolean end_of_year = i + 2 < n && g_str_equal (tokens[i + 2], "cuối");

          first = end_of_year ? 13 - months : 1;
          last = end_of_year ? 12 : months;
        }
      else if (g_str_equal (tokens[i], "tháng") && i + 1 < n)
        first = last = small_number (tokens[i + 1], 12, FALSE);
      if (first <= 0)
        continue;
      year = find_year (tokens, i + 1);
      if (year == 0)
        continue;
      *out = (KlPeriod) { year, first, last };
      return TRUE;
    }
  {
    int year = find_year (tokens, 0);

    if (year == 0)
      return FALSE;
    *out = (KlPeriod) { year, 1, 12 };
    return TRUE;
  }
}

char *
kl_period_dup_key (const char *text)
{
  KlPeriod p;

  if (text == NULL || *text == '\0')
    return NULL;
  if (kl_period_parse (text, &p))
    return g_strdup_printf ("%04d:%02d-%02d", p.year, p.first_month, p.last_month);
  return kl_target_name_match_key (text);
}

gint64
kl_period_order (const char *text, const char *iso_date)
{
  KlPeriod p;
  int y, m;

  /* Months since year 0 of the last month, then 16 steps for the length (longer first),
   * then read periods before those dated by their document in the same month (a report
   * is written after its period). */
  if (kl_period_parse (text, &p))
    return ((gint64) (p.year * 12 + p.last_month - 1) * 16 + (15 - (p.last_month - p.first_month + 1))) * 2;
  if (iso_date != NULL && sscanf (iso_date, "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12)
    return ((gint64) (y * 12 + m - 1) * 16 + 15) * 2 + 1;
  return G_MININT64;
}

KlPeriodReport *
kl_period_report_new (KlReport *report, const char *date, gint64 document_id)
{
  KlPeriodReport *item;

  g_return_val_if_fail (KL_IS_REPORT (report), NULL);

  item = g_new0 (KlPeriodReport, 1);
  item->report = g_object_ref (report);
  item->date = g_strdup (date);
  item->document_id = document_id;
  return item;
}

void
kl_period_report_free (KlPeriodReport *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->report);
  g_free (item->date);
  g_free (item);
}

typedef struct {
  KlReport       *report;
  KlPeriodReport *other;   /* NULL for one of @own */
  gint64          order;
} SeriesItem;

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const SeriesItem *ia = a, *ib = b;

  return (ia->order > ib->order) - (ia->order < ib->order);
}

GPtrArray *
kl_period_series (KlReport  **own,
                  guint       n_own,
                  const char *own_date,
                  GPtrArray  *others,
                  guint       max_periods,
                  GPtrArray **kept_out)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SeriesItem));
  GPtrArray *series = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_others = 0, skip;

  g_return_val_if_fail (own != NULL || n_own == 0, series);

  for (guint i = 0; i < n_own; i++)
    {
      char *key = kl_period_dup_key (kl_report_get_period (own[i]));
      if (key != NULL)
        g_hash_table_add (seen, key);
    }
  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      KlPeriodReport *o = others->pdata[i];
      const char *period = kl_report_get_period (o->report);
      char *key = kl_period_dup_key (period);

      if (key != NULL && g_hash_table_contains (seen, key))
        {
          g_free (key);
          continue;
        }
      if (key != NULL)
        g_hash_table_add (seen, key);
      g_array_append_val (items, ((SeriesItem) { o->report, o, kl_period_order (period, o->date) }));
      n_others++;
    }
  for (guint i = 0; i < n_own; i++)
    g_array_append_val (items, ((SeriesItem) { own[i], NULL,
                                               kl_period_order (kl_report_get_period (own[i]), own_date) }));
  /* g_array_sort is stable (g_qsort_with_data). A document's reports alone keep the order
   * the document gives them, as the trend always drew them. */
  if (n_others > 0)
    g_array_sort (items, compare_items);

  skip = max_periods > 0 && items->len > max_periods ? MIN (items->len - max_periods, n_others) : 0;
  if (kept_out != NULL)
    *kept_out = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      SeriesItem *it = &g_array_index (items, SeriesItem, i);

      if (it->other != NULL && skip > 0)
        {
          skip--;
          continue;
        }
      g_ptr_array_add (series, g_object_ref (it->report));
      if (it->other != NULL && kept_out != NULL)
        g_ptr_array_add (*kept_out, it->other);
    }
  return series;
}

gboolean
kl_period_document_has_trend (KlDocument *document)
{
  GListModel *reports;
  const char *body;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);

  reports = G_LIST_MODEL (kl_document_get_reports (document));
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (reports, i);

      if (g_strcmp0 (kl_report_get_annex_chart (r), "trend") == 0 && kl_report_get_n_targets (r) > 0)
        return TRUE;
    }
  body = kl_document_get_body (document);
  /* Parsing is costly next to this test, which most bodies fail. */
  if (body == NULL || strstr (body, "trend") == NULL)
    return FALSE;
  {
    KlMarkup *markup = kl_markup_parse (body);
    gboolean found = FALSE;

    for (guint i = 0; i < markup->blocks->len && !found; i++)
      {
        KlBlock *block = markup->blocks->pdata[i];
        found = block->type == KL_BLOCK_EMBED && g_strcmp0 (block->label, "chart") == 0
                && g_strcmp0 (block->embed_kind, "trend") == 0;
      }
    kl_markup_free (markup);
    return found;
  }
}

char *
kl_period_reports_join (GPtrArray *items)
{
  GString *periods = g_string_new (NULL);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const char *period = kl_report_get_period (((KlPeriodReport *) items->pdata[i])->report);

      g_string_append_printf (periods, "%s%s", i > 0 ? ", " : "", period != NULL ? period : "");
    }
  return g_string_free (periods, FALSE);
}
