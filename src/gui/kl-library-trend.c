/* kl-library-trend.c: the library's earlier periods for the window's trend charts, kept on
 * the store between layouts. */
#include "kl-library-trend.h"

typedef struct {
  char      *key;
  GPtrArray *found;   /* KlPeriodReport*, may be NULL */
} Cached;

static void
cached_free (Cached *cached)
{
  g_free (cached->key);
  g_clear_pointer (&cached->found, g_ptr_array_unref);
  g_free (cached);
}

/* What the answer depends on: the document's id, date and secrecy, its reports' periods and
 * target names, and the library's last change (its most recently modified document). */
static char *
lookup_key (KlStore *store, KlDocument *document)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (document));
  g_autoptr(GPtrArray) newest = kl_store_list_documents (store, 1, NULL);
  GString *key = g_string_new (NULL);

  g_string_append_printf (key, "%" G_GINT64_FORMAT "\x1e%s\x1e%d", kl_document_get_id (document),
                          kl_document_get_date (document) ? kl_document_get_date (document) : "",
                          kl_document_get_secrecy (document));
  if (newest != NULL && newest->len > 0)
    {
      KlDocumentInfo *info = newest->pdata[0];
      g_string_append_printf (key, "\x1e%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, info->id, info->modified);
    }
  for (guint r = 0; r < g_list_model_get_n_items (reports); r++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, r);
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));

      g_string_append_printf (key, "\x1d%s", kl_report_get_period (report) ? kl_report_get_period (report) : "");
      for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
          g_string_append_printf (key, "\x1f%s", kl_target_get_name (t) ? kl_target_get_name (t) : "");
        }
    }
  return g_string_free (key, FALSE);
}

GPtrArray *
kl_library_trend_lookup (KlStore *store, KlDocument *document)
{
  g_return_val_if_fail (store == NULL || KL_IS_STORE (store), NULL);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  if (!kl_period_document_has_trend (document))
    return NULL;
  return kl_library_trend_find (store, document);
}

GPtrArray *
kl_library_trend_find (KlStore *store, KlDocument *document)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GListModel *reports;
  Cached *cached;

  g_return_val_if_fail (store == NULL || KL_IS_STORE (store), NULL);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  if (store == NULL)
    return NULL;
  key = lookup_key (store, document);
  cached = g_object_get_data (G_OBJECT (store), "kl-library-trend");
  if (cached != NULL && g_str_equal (cached->key, key))
    return cached->found != NULL ? g_ptr_array_ref (cached->found) : NULL;

  reports = G_LIST_MODEL (kl_document_get_reports (document));
  own = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    g_ptr_array_add (own, g_list_model_get_item (reports, i));

  cached = g_new0 (Cached, 1);
  cached->key = g_steal_pointer (&key);
  cached->found = kl_store_find_trend_reports (store, (KlReport **) own->pdata, own->len,
                                               kl_document_get_id (document),
                                               kl_document_get_date (document),
                                               kl_document_get_secrecy (document),
                                               KL_PERIOD_TREND_MAX, &error);
  if (cached->found == NULL)
    /* The chart then shows the document's reports alone; the library's own errors are
     * reported where it is opened and saved. */
    g_warning ("trend: %s", error->message);
  else if (cached->found->len == 0)
    g_clear_pointer (&cached->found, g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (store), "kl-library-trend", cached, (GDestroyNotify) cached_free);
  return cached->found != NULL ? g_ptr_array_ref (cached->found) : NULL;
}
