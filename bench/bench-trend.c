/* bench-trend.c: time kl_store_find_trend_reports() on a library of a few hundred documents.
 *
 * Usage: bench-trend [N_DOCUMENTS (300)] [TARGETS_PER_REPORT (40)]
 * Builds a temporary library: 60 committees' reports over the years, each document holding
 * one report (a third of them a second copy, as notices carry their report's table), then
 * looks up the series of one report, cold and warm. */
#include <locale.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "kl-core.h"
#include "store/kl-store.h"

static KlReport *
make_report (guint committee, int year, guint n_targets)
{
  g_autofree char *title = g_strdup_printf ("Báo cáo của ban %u năm %d", committee, year);
  g_autofree char *period = g_strdup_printf ("năm %d", year);
  KlReport *report = kl_report_new (title);

  kl_report_set_period (report, period);
  for (guint i = 0; i < n_targets; i++)
    {
      g_autofree char *name = g_strdup_printf ("Chỉ tiêu số %u của lĩnh vực %u", i + 1, committee);
      g_autofree char *plan = g_strdup_printf ("%u", 100 + i);
      g_autofree char *actual = g_strdup_printf ("%d", 95 + (int) i + year % 7);
      g_autofree char *code = g_strdup_printf ("%u", i + 1);
      g_autoptr(KlTarget) t = kl_target_new (code, name, "%");
      g_autoptr(KlValue) p = kl_value_parse (plan, NULL);
      g_autoptr(KlValue) a = kl_value_parse (actual, NULL);

      kl_target_set_plan (t, p);
      kl_target_set_actual (t, a);
      g_list_store_append (kl_report_get_targets (report), t);
    }
  return report;
}

int
main (int argc, char **argv)
{
  guint n_docs = argc > 1 ? (guint) atoi (argv[1]) : 300;
  guint n_targets = argc > 2 ? (guint) atoi (argv[2]) : 40;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ketluan-bench-trend-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autoptr(KlReport) current = NULL;
  gint64 t0;

  setlocale (LC_ALL, "");
  store = kl_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(KlDocument) doc = kl_document_new (i % 3 == 0 ? "TB" : "BC");
      g_autoptr(KlReport) report = make_report (i % 60, 2015 + (int) (i / 60) % 10, n_targets);
      g_autofree char *date = g_strdup_printf ("%d-12-20", 2015 + (int) (i / 60) % 10);

      kl_document_set_date (doc, date);
      g_list_store_append (kl_document_get_reports (doc), report);
      if (!kl_store_save_document (store, doc, &error))
        g_error ("%s", error->message);
    }
  g_print ("library: %u documents of %u targets built in %.0f ms\n", n_docs, n_targets,
           (g_get_monotonic_time () - t0) / 1000.0);

  current = make_report (7, 2025, n_targets);
  for (int run = 0; run < 5; run++)
    {
      g_autoptr(GPtrArray) found = NULL;

      t0 = g_get_monotonic_time ();
      found = kl_store_find_trend_reports (store, &current, 1, 0, "2025-12-20", KL_SECRECY_NONE, 5, &error);
      if (found == NULL)
        g_error ("%s", error->message);
      g_print ("%s: %u earlier periods in %.2f ms\n", run == 0 ? "cold" : "warm", found->len,
               (g_get_monotonic_time () - t0) / 1000.0);
    }

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
        g_unlink (f);
      }
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_rmdir (backups);
    g_rmdir (dir);
  }
  return 0;
}
