/* test-store-migrations.c: every older schema (tests/fixtures/store-v*.sql) migrates to the current one. */
#include "config.h"

#include "store-test-common.h"

/* Builds a library from a fixture script, the way that older version left it. */
static void
load_fixture (const char *db_path, const char *name)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_true (kl_store_search_register (db));
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", name, message);
  sqlite3_close (db);
}

static int
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  kl_store_search_register (db);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The first column of the first row of @sql, as text (NULL when none). */
static char *
raw_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
find_pre_migration_backup (const char *tmp)
{
  g_autofree char *dir = g_build_filename (tmp, "backups", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "ketluan-before-v") && g_str_has_suffix (name, ".db"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* What both fixtures hold, checked after migration. */
static void
check_migrated_content (KlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlDocument) issued = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autoptr(KlReport) agenda1 = NULL;
  g_autoptr(KlTarget) t1 = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) presets = NULL;
  g_autoptr(GListStore) signers = NULL;
  g_autoptr(KlOrganization) org = NULL;
  KlMeeting *meeting;
  guint number;

  g_assert_cmpint (kl_store_get_schema_version (store), ==, KL_STORE_SCHEMA_VERSION);

  doc = kl_store_load_document (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_summary (doc), ==,
                   "Kết luận của Hội nghị Ban Chấp hành về sáu tháng đầu năm");
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (doc)), ==, "Hoàng Minh Đức");
  g_assert_cmpuint (g_strv_length ((GStrv) kl_document_get_recipients (doc)), ==, 2);
  meeting = kl_document_get_meeting (doc);
  g_assert_nonnull (meeting);
  g_assert_cmpuint (kl_meeting_get_ordinal (meeting), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_meeting_get_reports (meeting))), ==, 2);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  agenda1 = g_list_model_get_item (G_LIST_MODEL (kl_meeting_get_reports (meeting)), 0);
  g_assert_true (report == agenda1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report))), ==, 2);
  t1 = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
  g_assert_cmpstr (kl_value_get_text (kl_target_get_plan (t1)), ==, "61.000");
  g_assert_cmpfloat (kl_value_get_number (kl_target_get_plan (t1)), ==, 61000);
  g_assert_false (kl_value_get_ambiguous (kl_target_get_plan (t1)));

  issued = kl_store_load_document (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_document_get_state (issued), ==, KL_DOCUMENT_STATE_ISSUED);
  kl_document_set_body (issued, "x");
  g_assert_false (kl_store_save_document (store, issued, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
  g_clear_error (&error);

  /* The register continues after the numbers recorded by the old version. */
  number = kl_store_reserve_number (store, "TB", "HU", "XXI", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 3);
  number = kl_store_reserve_number (store, "TB", "HU", "XXI", 1, &error);
  g_assert_cmpuint (number, ==, 2);  /* already reserved for document 1 */

  /* Documents stored before search existed are found, without diacritics too. */
  hits = kl_store_search (store, "dong chi chu tich", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((KlSearchHit *) g_ptr_array_index (hits, 0))->id, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = kl_store_search (store, "truong dat chuan", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  org = kl_store_load_organization (store, &error);
  g_assert_cmpstr (kl_organization_get_abbreviation (org), ==, "HU");
  signers = kl_store_list_signers (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (signers)), ==, 2);
  presets = kl_store_list_recipient_presets (store, &error);
  g_assert_cmpuint (presets->len, ==, 1);

  /* Newer tables are usable. */
  g_assert_true (kl_store_set_setting (store, "probe", "1", &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_exec (store, "INSERT INTO tasks (document_id, text) VALUES (1, 'x');"
                                "DELETE FROM tasks", &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_exec (store, "INSERT INTO warnings (document_id, position, message) "
                                "VALUES (1, 0, 'x'); DELETE FROM warnings", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_warnings (doc))), ==, 0);
  g_assert_true (kl_store_check_integrity (store, &error));
}

static void
migrate_fixture (const char *fixture, int version, int n_documents)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(KlStore) store = NULL;

  load_fixture (path, fixture);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, version);

  store = store_test_open (path);
  check_migrated_content (store);

  /* A copy of the old library was kept before migrating, at its old version. */
  backup = find_pre_migration_backup (tmp);
  g_assert_nonnull (backup);
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM documents"), ==, n_documents);

  /* Opening again does not migrate (nor back up) again. */
  g_clear_object (&store);
  g_unlink (backup);
  store = store_test_open (path);
  g_assert_null (find_pre_migration_backup (tmp));
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, KL_STORE_SCHEMA_VERSION);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_from_v1 (void)
{
  migrate_fixture ("store-v1.sql", 1, 2);
}

static void
test_from_v2 (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autofree char *value = NULL;

  migrate_fixture ("store-v2.sql", 2, 2);

  /* v2's settings survive. */
  load_fixture (path, "store-v2.sql");
  store = store_test_open (path);
  value = kl_store_get_setting (store, "autosave-delay");
  g_assert_cmpstr (value, ==, "1500");
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_from_v3 (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;

  migrate_fixture ("store-v3.sql", 3, 2);

  /* v3's tasks survive. */
  load_fixture (path, "store-v3.sql");
  store = store_test_open (path);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM tasks WHERE assignee = 'UBND huyện'"), ==, 1);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* v4 kept one meeting row per document: the rows of one meeting are merged, and its
 * documents are listed together. */
static void
test_from_v4 (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(KlDocument) doc1 = NULL;
  g_autoptr(KlDocument) doc3 = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autoptr(KlReport) agenda0 = NULL;
  g_autoptr(KlReport) agenda1 = NULL;
  g_autoptr(KlTarget) target = NULL;
  KlMeetingInfo *info;
  KlValue *value;
  GListModel *agenda;

  migrate_fixture ("store-v4.sql", 4, 5);

  load_fixture (path, "store-v4.sql");
  store = store_test_open (path);
  /* Meeting 9 is one row again; the two meetings without ordinal nor date stay apart. */
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM meetings"), ==, 3);
  g_assert_cmpint (raw_int (path, "SELECT meeting_id FROM documents WHERE id = 3"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM reports WHERE meeting_id = 2"), ==, 0);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM reports WHERE document_id = 3"), ==, 1);

  meetings = kl_store_list_meetings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 3);
  info = g_ptr_array_index (meetings, 0);
  g_assert_cmpint (info->id, ==, 1);
  g_assert_cmpstr (info->date, ==, "2023-06-28");
  g_assert_cmpuint (info->n_documents, ==, 2);
  g_assert_cmpstr (info->title, ==, "Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ huyện khóa XXI");
  g_assert_cmpuint (((KlMeetingInfo *) g_ptr_array_index (meetings, 1))->n_documents, ==, 1);
  g_assert_null (((KlMeetingInfo *) g_ptr_array_index (meetings, 1))->date);
  docs = kl_store_list_documents_of_meeting (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 0))->id, ==, 1);
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 1))->id, ==, 3);

  /* Both documents show the meeting's agenda as document 1 stored it. */
  doc3 = kl_store_load_document (store, 3, &error);
  g_assert_no_error (error);
  agenda = G_LIST_MODEL (kl_meeting_get_reports (kl_document_get_meeting (doc3)));
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 2);
  agenda0 = g_list_model_get_item (agenda, 0);
  agenda1 = g_list_model_get_item (agenda, 1);
  g_assert_cmpstr (kl_report_get_title (agenda0), ==, "Báo cáo kinh tế - xã hội sáu tháng");
  g_assert_cmpstr (kl_report_get_title (agenda1), ==, "Báo cáo công tác dân vận");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (agenda0))), ==, 2);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc3)), 0);
  g_assert_cmpstr (kl_report_get_period (report), ==, "6 tháng đầu năm 2023");

  /* Values stored by v4 keep the rule that settled them; a status is read from its text. */
  target = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
  value = kl_target_get_plan (target);
  g_assert_cmpfloat (kl_value_get_number (value), ==, 1.105);
  g_assert_cmpstr (kl_value_get_rule (value), ==, "unit %: a rate, so the dot is a decimal mark");
  g_assert_false (kl_value_get_ambiguous (value));
  g_assert_cmpint (kl_value_get_qualifier (kl_target_get_actual (target)), ==, KL_QUALIFIER_STATUS);
  g_assert_true (kl_value_get_status_met (kl_target_get_actual (target)));
  g_assert_false (kl_value_get_status_met (kl_target_get_next_plan (target)));

  /* Saving document 3 again keeps it in the shared meeting. */
  g_assert_true (kl_store_save_document (store, doc3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM meetings"), ==, 3);
  doc1 = kl_store_load_document (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                      kl_meeting_get_reports (kl_document_get_meeting (doc1)))), ==, 2);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* Version 7 kept tasks without their deadline as written nor their line: they come
 * through as they were, with neither, and are listed so; tasks kept afterwards have both. */
static void
test_from_v7 (void)
{
  static const char tasks_sql[] =
    "SELECT group_concat (quote (id) || quote (document_id) || quote (position) || quote (text) "
    "  || quote (assignee) || quote (due) || quote (state) || quote (done_date) || quote (note), "
    "  ';') FROM (SELECT * FROM tasks ORDER BY id)";
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(KlDocument) doc2 = NULL;
  g_autoptr(KlTask) done = NULL;
  g_autoptr(KlTask) open = NULL;
  g_autoptr(KlTask) added = NULL;

  migrate_fixture ("store-v7.sql", 7, 2);

  load_fixture (path, "store-v7.sql");
  before = raw_text (path, tasks_sql);
  g_assert_nonnull (before);
  store = store_test_open (path);
  after = raw_text (path, tasks_sql);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM tasks WHERE due_text IS NULL AND body_line = 0"),
                   ==, 2);

  tasks = kl_store_list_tasks (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 2);
  done = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
  open = g_list_model_get_item (G_LIST_MODEL (tasks), 1);
  g_assert_cmpint (kl_task_get_id (done), ==, 2);
  g_assert_cmpint (kl_task_get_state (done), ==, KL_TASK_STATE_DONE);
  g_assert_cmpstr (kl_task_get_done_date (done), ==, "2023-07-10");
  g_assert_cmpstr (kl_task_get_note (done), ==, "Đã nhận báo cáo");
  g_assert_cmpstr (kl_task_get_due (done), ==, "2023-07-15");
  g_assert_null (kl_task_get_due_text (done));
  g_assert_cmpuint (kl_task_get_body_line (done), ==, 0);
  g_assert_cmpuint (kl_task_get_line (done), ==, 0);
  g_assert_cmpstr (kl_task_get_assignee (open), ==, "UBND huyện");
  g_assert_cmpint (kl_task_get_state (open), ==, KL_TASK_STATE_OPEN);

  /* What v6 and v7 added is there too. */
  doc2 = kl_store_load_document (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_warnings (doc2))), ==, 1);

  /* ketluan-cli lists them as before; with --long, with neither line nor wording. */
  g_clear_object (&store);
  if (store_test_have_cli ())
    {
      const char *args[] = { "tasks", "--today", "2023-08-01", NULL };
      const char *long_args[] = { "tasks", "--today", "2023-08-01", "--long", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *long_out = NULL;

      g_assert_true (store_test_run_cli (path, args, &out, &err));
      g_assert_cmpstr (out, ==,
                       "2 done 15/07/2023 Ban Dân vận | - | "
                       "Ban Dân vận báo cáo kết quả trước ngày 15/7\n"
                       "1 open 30/09/2023 UBND huyện | - | Hoàn thành kế hoạch trước quý IV\n");
      g_clear_pointer (&err, g_free);
      g_assert_true (store_test_run_cli (path, long_args, &long_out, &err));
      g_assert_cmpstr (long_out, ==, out);
    }
  store = store_test_open (path);

  /* A task kept now has both. */
  added = kl_task_new ("Văn phòng tổng hợp trong quý IV/2023", "Văn phòng");
  kl_task_set_due (added, "2023-12-31");
  kl_task_set_due_text (added, "trong quý IV/2023");
  kl_task_set_body_line (added, 5);
  g_list_store_append (tasks, added);
  g_assert_true (kl_store_save_tasks (store, 1, G_LIST_MODEL (tasks), &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = store_test_open (path);
  g_clear_object (&added);
  added = kl_store_load_task (store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_task_get_due_text (added), ==, "trong quý IV/2023");
  g_assert_cmpuint (kl_task_get_body_line (added), ==, 5);
  /* The two kept before are still as they were. */
  g_clear_object (&done);
  done = kl_store_load_task (store, 2, &error);
  g_assert_cmpstr (kl_task_get_note (done), ==, "Đã nhận báo cáo");
  g_assert_null (kl_task_get_due_text (done));

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* Version 8 kept annex headings and no annex chart: the headings come through, the chart is
 * none, and a chart set now is kept. */
static void
test_from_v8 (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autoptr(KlTask) task = NULL;

  migrate_fixture ("store-v8.sql", 8, 2);

  load_fixture (path, "store-v8.sql");
  store = store_test_open (path);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM reports WHERE annex_chart IS NULL"), ==, 2);
  doc = kl_store_load_document (store, 1, &error);
  g_assert_no_error (error);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  g_assert_cmpstr (kl_report_get_annex_title (report), ==, "BIỂU CHỈ TIÊU");
  g_assert_cmpstr (kl_report_get_annex_subtitle (report), ==, "Sáu tháng đầu năm 2023");
  g_assert_cmpstr (kl_report_get_annex_note (report), ==, "(Kèm theo Thông báo số 12-TB/HU)");
  g_assert_null (kl_report_get_annex_chart (report));
  /* What v8 added to tasks is there too. */
  task = kl_store_load_task (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_task_get_due_text (task), ==, "trước ngày 15/7");
  g_assert_cmpuint (kl_task_get_body_line (task), ==, 5);

  kl_report_set_annex_chart (report, "summary");
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  g_clear_object (&report);
  g_clear_object (&doc);
  g_clear_object (&store);
  store = store_test_open (path);
  doc = kl_store_load_document (store, 1, &error);
  g_assert_no_error (error);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  g_assert_cmpstr (kl_report_get_annex_chart (report), ==, "summary");
  g_assert_cmpstr (kl_report_get_annex_subtitle (report), ==, "Sáu tháng đầu năm 2023");

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* A step that fails leaves the library at its old version with its data. */
static void
test_failed_step_rolls_back (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(GError) error = NULL;
  KlStore *store;
  sqlite3 *db = NULL;

  load_fixture (path, "store-v1.sql");
  /* Something (a hand edit) created a table that step 2 wants to create. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE settings (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kl_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "version 2") != NULL);
  g_clear_error (&error);
  /* Tried again at once: the copy taken before does not stand in the way. */
  store = kl_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "version 2") != NULL);
  g_assert_true (strstr (error->message, path) != NULL);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM documents"), ==, 2);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'search'"), ==, 0);
  store_test_rm_rf (tmp);
}

static void
test_newer_version_read_only (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("tương lai");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 id;

  g_assert_true (kl_store_save_document (store, doc, &error));
  id = kl_document_get_id (doc);
  g_assert_true (kl_store_exec (store, "PRAGMA user_version = 99", &error));
  g_clear_object (&store);  /* checkpoints the WAL into the file */

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  before = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_clear_pointer (&contents, g_free);

  store = kl_store_open (path, &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (store);
  g_assert_true (strstr (error->message, "newer") != NULL);
  g_clear_error (&error);
  g_assert_true (kl_store_is_read_only (store));
  g_assert_cmpint (kl_store_get_schema_version (store), ==, 99);

  /* Reading works; writing is refused. */
  loaded = kl_store_load_document (store, id, &error);
  g_assert_no_error (error);
  store_test_assert_same (doc, loaded);
  kl_document_set_body (loaded, "edit");
  g_assert_false (kl_store_save_document (store, loaded, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (kl_store_set_setting (store, "k", "v", &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_assert_cmpstr (before, ==, after);
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/migrations/from-v1", test_from_v1);
  g_test_add_func ("/store/migrations/from-v2", test_from_v2);
  g_test_add_func ("/store/migrations/from-v3", test_from_v3);
  g_test_add_func ("/store/migrations/from-v4", test_from_v4);
  g_test_add_func ("/store/migrations/from-v7", test_from_v7);
  g_test_add_func ("/store/migrations/from-v8", test_from_v8);
  g_test_add_func ("/store/migrations/failed-step-rolls-back", test_failed_step_rolls_back);
  g_test_add_func ("/store/migrations/newer-version-read-only", test_newer_version_read_only);

  return g_test_run ();
}
