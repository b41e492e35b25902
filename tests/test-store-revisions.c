/* test-store-revisions.c: revisions kept, listed, compared, restored and pruned; autosave intervals. */
#include "config.h"

#include "store-test-common.h"
#include "store/kl-autosaver.h"

typedef struct {
  char    *tmp;
  KlStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;

  f->tmp = store_test_tmpdir ();
  path = g_build_filename (f->tmp, "k.db", NULL);
  f->store = store_test_open (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static void
assert_changes (KlStore *store, gint64 a, gint64 b, const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = kl_store_compare_revisions (store, a, b, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (changed, expected);
}

static KlTarget *
first_target (KlDocument *doc)
{
  g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);

  return g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
}

static void
test_list_compare_load (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = store_test_document ("lịch sử");
  g_autoptr(KlDocument) original = NULL;
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(KlSigner) signer = kl_signer_new ("K/T BÍ THƯ", "PHÓ BÍ THƯ", "Vũ Văn Nam");
  g_autoptr(KlTarget) target = NULL;
  g_autoptr(KlValue) value = kl_value_parse ("18.000", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;
  gint64 r1, r2, r3, r4, r5;
  const char *none[] = { NULL };
  const char *body[] = { "body", NULL };
  const char *signer_only[] = { "signer", NULL };
  const char *targets[] = { "targets", NULL };
  const char *reports[] = { "reports", NULL };
  const char *many[] = { "body", "signer", "summary", "reports", "targets", NULL };

  /* A revision of a document never saved stores the document first. */
  r1 = kl_store_add_revision (f->store, doc, "save", &error);
  g_assert_no_error (error);
  g_assert_cmpint (r1, >, 0);
  g_assert_cmpint (kl_document_get_id (doc), >, 0);
  original = kl_store_load_document (f->store, kl_document_get_id (doc), &error);

  kl_document_set_body (doc, "Nội dung đã sửa.");
  r2 = kl_store_add_revision (f->store, doc, "autosave", &error);
  kl_document_set_signer (doc, signer);
  r3 = kl_store_add_revision (f->store, doc, "autosave", &error);
  target = first_target (doc);
  kl_target_set_actual (target, value);
  r4 = kl_store_add_revision (f->store, doc, "Bản trình Thường trực", &error);
  {
    g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
    kl_report_set_title (report, "Báo cáo đã đổi tên");
  }
  r5 = kl_store_add_revision (f->store, doc, "autosave", &error);
  g_assert_no_error (error);

  list = kl_store_list_revisions (f->store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpint (((KlRevisionInfo *) g_ptr_array_index (list, 0))->id, ==, r5);
  g_assert_cmpint (((KlRevisionInfo *) g_ptr_array_index (list, 4))->id, ==, r1);
  g_assert_cmpstr (((KlRevisionInfo *) g_ptr_array_index (list, 1))->reason, ==, "Bản trình Thường trực");
  g_assert_cmpint (((KlRevisionInfo *) g_ptr_array_index (list, 0))->document_id, ==, kl_document_get_id (doc));
  g_assert_cmpint (ABS (((KlRevisionInfo *) g_ptr_array_index (list, 0))->created
                        - g_get_real_time () / G_USEC_PER_SEC), <, 60);

  assert_changes (f->store, r1, r1, none);
  assert_changes (f->store, r1, r2, body);
  assert_changes (f->store, r2, r3, signer_only);
  assert_changes (f->store, r3, r4, targets);
  assert_changes (f->store, r4, r5, reports);

  changed = kl_store_compare_revisions (f->store, r1, 9999, &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_assert_null (changed);
  g_clear_error (&error);

  /* A revision loads as the document was then. */
  loaded = kl_store_load_revision (f->store, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_document_get_id (loaded), ==, kl_document_get_id (doc));
  store_test_assert_same (original, loaded);
  g_clear_object (&loaded);
  loaded = kl_store_load_revision (f->store, r4, &error);
  {
    g_autoptr(KlTarget) t = first_target (loaded);
    g_assert_cmpstr (kl_value_get_text (kl_target_get_actual (t)), ==, "18.000");
    g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (loaded)), ==, "Vũ Văn Nam");
  }
  g_clear_object (&loaded);
  loaded = kl_store_load_revision (f->store, 4242, &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Several fields at once, in a stable order. */
  kl_document_set_summary (doc, "Trích yếu mới");
  kl_store_add_revision (f->store, doc, "autosave", &error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kl_store_list_revisions (f->store, kl_document_get_id (doc), &error);
  {
    g_auto(GStrv) all = kl_store_compare_revisions (f->store, r1,
                                                    ((KlRevisionInfo *) g_ptr_array_index (list, 0))->id,
                                                    &error);

    /* The order: document fields alphabetically, then reports, then targets. */
    g_assert_cmpstrv (all, many);
  }
}

static void
test_restore (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = store_test_document ("khôi phục");
  g_autoptr(KlDocument) restored = NULL;
  g_autoptr(KlDocument) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_body = g_strdup (kl_document_get_body (doc));
  gint64 r1;
  int meetings_before;
  sqlite3_stmt *stmt = NULL;

  r1 = kl_store_add_revision (f->store, doc, "save", &error);
  kl_document_set_body (doc, "Bản sau, sẽ bị thay.");
  g_list_store_remove_all (kl_document_get_reports (doc));
  g_assert_true (kl_store_save_document (f->store, doc, &error));

  sqlite3_prepare_v2 (f->store->db, "SELECT count(*) FROM meetings", -1, &stmt, NULL);
  sqlite3_step (stmt);
  meetings_before = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  restored = kl_store_restore_revision (f->store, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_body (restored), ==, first_body);
  g_assert_cmpint (kl_document_get_id (restored), ==, kl_document_get_id (doc));
  stored = kl_store_load_document (f->store, kl_document_get_id (doc), &error);
  store_test_assert_same (restored, stored);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (stored))), ==, 1);
  {
    g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (stored)), 0);

    /* The annex chart comes back with the report. */
    g_assert_cmpstr (kl_report_get_annex_chart (report), ==, "bullet");
  }

  /* The content replaced was kept, so the restore can be undone. */
  list = kl_store_list_revisions (f->store, kl_document_get_id (doc), &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((KlRevisionInfo *) g_ptr_array_index (list, 0))->reason, ==, "restore");
  g_assert_cmpstr (((KlRevisionInfo *) g_ptr_array_index (list, 1))->reason, ==, "before restore");
  {
    g_autoptr(KlDocument) before = kl_store_load_revision (f->store,
                                                           ((KlRevisionInfo *) g_ptr_array_index (list, 1))->id,
                                                           &error);
    g_assert_cmpstr (kl_document_get_body (before), ==, "Bản sau, sẽ bị thay.");
  }
  /* The meeting kept its row. */
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, meetings_before);
  sqlite3_finalize (stmt);

  /* An issued document is not restored over. */
  g_assert_true (kl_store_issue_document (f->store, stored, &error));
  g_clear_object (&restored);
  restored = kl_store_restore_revision (f->store, r1, &error);
  g_assert_null (restored);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = store_test_document ("dọn dẹp");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint autosaves = 0;

  kl_store_add_revision (f->store, doc, "save", &error);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *body = g_strdup_printf ("Lần %d", i);
      kl_document_set_body (doc, body);
      kl_store_add_revision (f->store, doc, "autosave", &error);
    }
  kl_store_add_revision (f->store, doc, "issue-check", &error);
  g_assert_no_error (error);
  g_assert_true (kl_store_prune_revisions (f->store, kl_document_get_id (doc), 3, &error));
  list = kl_store_list_revisions (f->store, kl_document_get_id (doc), &error);
  g_assert_cmpuint (list->len, ==, 5);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((KlRevisionInfo *) g_ptr_array_index (list, i))->reason, "autosave") == 0)
      autosaves++;
  g_assert_cmpuint (autosaves, ==, 3);
  /* The newest autosaves are those kept. */
  {
    g_autoptr(KlDocument) newest = kl_store_load_revision (f->store,
                                                           ((KlRevisionInfo *) g_ptr_array_index (list, 1))->id,
                                                           &error);
    g_assert_cmpstr (kl_document_get_body (newest), ==, "Lần 9");
  }
}

static void
count_saved (KlAutosaver *saver, int *n)
{
  (*n)++;
}

static void
wait_saved (int *saved, int target)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*saved < target && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (*saved, ==, target);
}

static guint
n_revisions (KlStore *store, KlDocument *doc)
{
  g_autoptr(GPtrArray) list = kl_store_list_revisions (store, kl_document_get_id (doc), NULL);
  return list->len;
}

static void
test_autosave_interval (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = store_test_document ("nhịp");
  g_autoptr(KlAutosaver) saver = kl_autosaver_new (f->store, doc, 10, 1);
  int saved = 0;

  g_signal_connect (saver, "saved", G_CALLBACK (count_saved), &saved);
  kl_document_set_body (doc, "một");
  wait_saved (&saved, 1);
  g_assert_cmpuint (n_revisions (f->store, doc), ==, 1);
  /* Within the interval: saved, no new revision. */
  kl_document_set_body (doc, "hai");
  wait_saved (&saved, 2);
  g_assert_cmpuint (n_revisions (f->store, doc), ==, 1);
  /* After it: a new revision. */
  g_usleep (1100 * 1000);
  kl_document_set_body (doc, "ba");
  wait_saved (&saved, 3);
  g_assert_cmpuint (n_revisions (f->store, doc), ==, 2);

  /* An issued document is not autosaved (the editor makes a new draft instead). */
  {
    g_autoptr(GError) error = NULL;
    int errors = 0;

    g_assert_true (kl_store_issue_document (f->store, doc, &error));
    g_signal_connect_swapped (saver, "error", G_CALLBACK (count_saved), &errors);
    kl_document_set_body (doc, "sau khi ban hành");
    g_assert_true (kl_autosaver_get_dirty (saver));
    g_assert_false (kl_autosaver_flush (saver, &error));
    g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
    g_clear_error (&error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/revisions/list-compare-load", Fixture, NULL, fixture_set_up,
              test_list_compare_load, fixture_tear_down);
  g_test_add ("/store/revisions/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/store/revisions/prune", Fixture, NULL, fixture_set_up, test_prune,
              fixture_tear_down);
  g_test_add ("/store/revisions/autosave-interval", Fixture, NULL, fixture_set_up,
              test_autosave_interval, fixture_tear_down);

  return g_test_run ();
}
