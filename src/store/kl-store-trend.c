/* kl-store-trend.c: finding the earlier (or other) periods of a report in the library, for
 * the trend chart. */
#include "config.h"

#include "kl-store-private.h"

typedef struct {
  guint n_targets;
  guint n_matched;
} Tally;

/* The name keys of @reports' targets (group rows aside); returns how many there are.
 * Only names tell a series: the chart also matches a renamed target by code and unit,
 * but every table numbers its rows 1, 2, 3 and many count in "%", so codes would tie
 * unrelated reports together. */
static guint
collect_keys (KlReport **reports, guint n_reports, GHashTable *names)
{
  for (guint r = 0; r < n_reports; r++)
    {
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (reports[r]));

      for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
          const char *name = kl_target_get_name (t);

          if (!kl_target_is_group (t))
            g_hash_table_add (names, kl_target_name_match_key (name != NULL ? name : ""));
        }
    }
  g_hash_table_remove (names, "");
  return g_hash_table_size (names);
}

/* Counts, for every report of another document that may be shown, its targets and those
 * whose name matches one of @names. report id → Tally. */
static GHashTable *
tally_reports (KlStore      *self,
               gint64        document_id,
               KlSecrecy     secrecy,
               GHashTable   *names,
               GError      **error)
{
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* Names repeat across the copies of a report: fold each once. */
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 current = -1;
  Tally *tally = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = kl_store_prepare (self,
    "SELECT t.report_id, t.name FROM targets t "
    "  JOIN reports r ON r.id = t.report_id JOIN documents d ON d.id = r.document_id "
    "WHERE d.id <> ?1 AND d.secrecy <= ?2 AND t.kind <> ?3 AND coalesce (r.period, '') <> '' "
    "ORDER BY t.report_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, secrecy);
  sqlite3_bind_int (stmt, 3, KL_TARGET_KIND_GROUP);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *key;
      gboolean hit;

      if (id != current)
        {
          gint64 *k = g_new (gint64, 1);

          *k = current = id;
          tally = g_new0 (Tally, 1);
          g_hash_table_insert (tallies, k, tally);
        }
      if (name == NULL)
        name = "";
      key = g_hash_table_lookup (folded, name);
      if (key == NULL)
        {
          key = kl_target_name_match_key (name);
          g_hash_table_insert (folded, g_strdup (name), (char *) key);
        }
      hit = *key != '\0' && g_hash_table_contains (names, key);
      tally->n_targets++;
      tally->n_matched += hit;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the reports of the library"));
      return NULL;
    }
  return g_steal_pointer (&tallies);
}

/* A report of the series before choosing one per period. */
typedef struct {
  KlPeriodReport *item;
  gint64          row_id;
  gint64          modified;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;
  g_clear_pointer (&c->item, kl_period_report_free);
}

static int
compare_newest (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->modified != cb->modified)
    return (ca->modified < cb->modified) - (ca->modified > cb->modified);
  return (ca->row_id < cb->row_id) - (ca->row_id > cb->row_id);
}

static gboolean
same_series (const Tally *tally, guint n_own)
{
  guint smaller = MIN (tally->n_targets, n_own);

  return tally->n_matched > 0
         && tally->n_matched * 2 >= smaller
         && tally->n_matched >= MIN (3u, smaller);
}

GPtrArray *
kl_store_find_trend_reports (KlStore     *self,
                             KlReport   **reports,
                             guint        n_reports,
                             gint64       document_id,
                             const char  *date,
                             KlSecrecy    secrecy,
                             guint        max_periods,
                             GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) tallies = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();   /* KlPeriodReport*, borrowed from found */
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  guint n_own;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (reports != NULL || n_reports == 0, NULL);

  g_array_set_clear_func (found, candidate_clear);
  n_own = collect_keys (reports, n_reports, names);
  if (n_own == 0)
    return g_steal_pointer (&result);
  tallies = tally_reports (self, document_id, secrecy, names, error);
  if (tallies == NULL)
    return NULL;

  /* The reports of the series, the most recently modified document first, so that
   * kl_period_series() keeps its copy of a period. */
  stmt = kl_store_prepare (self,
    "SELECT r.title, r.presenter, r.period, d.date, d.id, d.modified FROM reports r "
    "  JOIN documents d ON d.id = r.document_id WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, tallies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(KlReport) report = NULL;
      Candidate c;
      int rc;

      if (!same_series (value, n_own))
        continue;
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the reports of the library"));
          return NULL;
        }
      report = kl_report_new ((const char *) sqlite3_column_text (stmt, 0));
      kl_report_set_presenter (report, (const char *) sqlite3_column_text (stmt, 1));
      kl_report_set_period (report, (const char *) sqlite3_column_text (stmt, 2));
      c.item = kl_period_report_new (report, (const char *) sqlite3_column_text (stmt, 3),
                                     sqlite3_column_int64 (stmt, 4));
      c.row_id = *(gint64 *) key;
      c.modified = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (found, c);
      sqlite3_reset (stmt);
    }
  g_array_sort (found, compare_newest);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (candidates, g_array_index (found, Candidate, i).item);

  series = kl_period_series (reports, n_reports, date, candidates, max_periods, &kept);
  for (guint i = 0; i < kept->len; i++)
    {
      Candidate *c = NULL;

      for (guint j = 0; j < found->len && c == NULL; j++)
        if (g_array_index (found, Candidate, j).item == kept->pdata[i])
          c = &g_array_index (found, Candidate, j);
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (c->item->report));

      if (!kl_store_load_targets (self, c->row_id, c->item->report, error))
        return NULL;
      /* Their lines are another document's: an error about one (a glyph the font lacks)
       * must not point at a line of the document charted. */
      for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
        {
          g_autoptr(KlTarget) target = g_list_model_get_item (targets, t);
          kl_target_set_source_line (target, 0);
        }
      g_ptr_array_add (result, g_steal_pointer (&c->item));
    }
  return g_steal_pointer (&result);
}
