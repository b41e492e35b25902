/* test-store.c: opening the library, documents, presets, settings, backups, import/export, autosave. */
#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <sys/wait.h>

#include "store-test-common.h"
#include "store/kl-autosaver.h"

static void
test_open_creates_private_files (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *dir = g_build_filename (tmp, "data", "ketluan", NULL);
  g_autofree char *path = g_build_filename (dir, "ketluan.db", NULL);
  g_autoptr(KlStore) store = NULL;
  struct stat st;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  umask (022);
  store = store_test_open (path);
  g_assert_cmpint (kl_store_get_schema_version (store), ==, KL_STORE_SCHEMA_VERSION);
  g_assert_false (kl_store_is_read_only (store));
  g_assert_cmpstr (kl_store_get_path (store), ==, path);

  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* WAL is persistent in the file: a second connection sees it. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Foreign keys are on for the store's connection. */
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_clear_object (&store);
  /* Reopening an existing library keeps its content and version. */
  store = store_test_open (path);
  g_assert_cmpint (kl_store_get_schema_version (store), ==, KL_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_default_path (void)
{
  g_autofree char *saved_db = g_strdup (g_getenv ("KETLUAN_DB"));
  g_autofree char *path = NULL;

  g_setenv ("KETLUAN_DB", "/some/where/lib.db", TRUE);
  path = kl_store_default_path ();
  g_assert_cmpstr (path, ==, "/some/where/lib.db");
  g_clear_pointer (&path, g_free);

  g_unsetenv ("KETLUAN_DB");
  path = kl_store_default_path ();
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/ketluan/ketluan.db"));

  if (saved_db != NULL)
    g_setenv ("KETLUAN_DB", saved_db, TRUE);
}

static void
test_document_roundtrip (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("kinh tế");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autoptr(KlTarget) t1 = NULL;
  g_autoptr(KlTarget) t2 = NULL;
  g_autoptr(KlReport) agenda0 = NULL;
  g_autoptr(KlReport) agenda1 = NULL;
  KlMeeting *meeting;
  gint64 id;

  g_assert_cmpint (kl_document_get_id (doc), ==, 0);
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  id = kl_document_get_id (doc);
  g_assert_cmpint (id, >, 0);

  /* Through a fresh connection, so that nothing comes from memory. */
  g_clear_object (&store);
  store = store_test_open (path);
  loaded = kl_store_load_document (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (kl_document_get_id (loaded), ==, id);
  g_assert_cmpstr (kl_document_get_issuer (loaded), ==, "HUYỆN ỦY SƠN ĐÔNG");
  g_assert_cmpstr (kl_document_get_date (loaded), ==, "2024-12-20");
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (loaded)), ==, "Trần Thị Mai");
  g_assert_cmpstrv (kl_document_get_recipients (loaded), kl_document_get_recipients (doc));
  g_assert_cmpint (kl_document_get_urgency (loaded), ==, KL_URGENCY_KHAN);
  g_assert_cmpint (kl_document_get_state (loaded), ==, KL_DOCUMENT_STATE_DRAFT);

  meeting = kl_document_get_meeting (loaded);
  g_assert_nonnull (meeting);
  g_assert_cmpuint (kl_meeting_get_ordinal (meeting), ==, 12);
  g_assert_cmpint (kl_meeting_get_meeting_type (meeting), ==, KL_MEETING_EXTENDED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_meeting_get_reports (meeting))), ==, 2);
  agenda0 = g_list_model_get_item (G_LIST_MODEL (kl_meeting_get_reports (meeting)), 0);
  agenda1 = g_list_model_get_item (G_LIST_MODEL (kl_meeting_get_reports (meeting)), 1);
  g_assert_cmpstr (kl_report_get_title (agenda0), ==, "Báo cáo công tác kiểm tra năm 2024");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (loaded))), ==, 1);
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (loaded)), 0);
  /* The annexed report on the agenda is one object, as before saving. */
  g_assert_true (report == agenda1);
  g_assert_cmpstr (kl_report_get_ratio_label (report), ==, "TH/KH (%)");
  g_assert_cmpstr (kl_report_get_annex_chart (report), ==, "bullet");
  g_assert_null (kl_report_get_annex_chart (agenda0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report))), ==, 4);

  t1 = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 0);
  g_assert_cmpstr (kl_value_get_text (kl_target_get_plan (t1)), ==, "61.000");
  g_assert_false (kl_value_get_ambiguous (kl_target_get_plan (t1)));
  g_assert_cmpfloat (kl_value_get_number (kl_target_get_plan (t1)), ==, 61000);
  g_assert_cmpint (kl_target_get_kind (t1), ==, KL_TARGET_KIND_MAIN);
  g_assert_cmpstr (kl_target_get_typed_status (t1), ==, "Đạt");
  g_assert_cmpuint (kl_target_get_source_line (t1), ==, 42);
  t2 = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 2);
  g_assert_cmpint (kl_target_get_direction (t2), ==, KL_DIRECTION_LOWER_BETTER);
  g_assert_cmpstr (kl_target_get_group (t2), ==, "Các chỉ tiêu xã hội");
  g_assert_cmpint (kl_value_get_qualifier (kl_target_get_next_plan (t2)), ==, KL_QUALIFIER_RANGE);

  store_test_assert_same (doc, loaded);

  /* Every KlValue field is in its own column. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                         "SELECT plan_text, plan_number, plan_qualifier, "
                                         "plan_ambiguous, next_number, next_number_max "
                                         "FROM targets WHERE code = '2.1'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "dưới 3");
    g_assert_cmpfloat (sqlite3_column_double (stmt, 1), ==, 3);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "lt");
    g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 0);
    g_assert_cmpfloat (sqlite3_column_double (stmt, 4), ==, 15);
    g_assert_cmpfloat (sqlite3_column_double (stmt, 5), ==, 20);
    sqlite3_finalize (stmt);
  }

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_document_update_and_list (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) a = store_test_document ("nông nghiệp");
  g_autoptr(KlDocument) b = store_test_document ("giáo dục");
  g_autoptr(KlDocument) c = store_test_document ("y tế");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  KlDocumentInfo *info;

  /* a and b come from meeting 12, c from meeting 13. */
  kl_meeting_set_ordinal (kl_document_get_meeting (c), 13);
  g_assert_true (kl_store_save_document (store, a, &error));
  g_assert_true (kl_store_save_document (store, b, &error));
  g_assert_true (kl_store_save_document (store, c, &error));
  g_assert_no_error (error);
  g_usleep (2000);
  /* Editing a makes it the most recent; the report list is rewritten, not appended. */
  kl_document_set_body (a, "Nội dung mới.");
  kl_document_set_meeting (a, NULL);
  g_list_store_remove_all (kl_document_get_reports (a));
  g_assert_true (kl_store_save_document (store, a, &error));
  g_assert_no_error (error);

  list = kl_store_list_documents (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->id, ==, kl_document_get_id (a));
  g_assert_cmpint (info->meeting_id, ==, 0);
  g_assert_null (info->meeting_title);
  g_assert_cmpstr (info->kind, ==, "TB");
  g_assert_cmpstr (info->date, ==, "2024-12-20");
  g_assert_cmpint (info->state, ==, KL_DOCUMENT_STATE_DRAFT);
  g_assert_cmpint (ABS (info->modified - g_get_real_time () / G_USEC_PER_SEC), <, 60);
  info = g_ptr_array_index (list, 1);
  g_assert_cmpint (info->id, ==, kl_document_get_id (c));
  g_assert_cmpstr (info->summary, ==, "Kết luận của hội nghị về y tế");
  g_assert_nonnull (info->meeting_title);
  g_assert_cmpint (info->meeting_id, >, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = kl_store_list_documents (store, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);

  loaded = kl_store_load_document (store, kl_document_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_body (loaded), ==, "Nội dung mới.");
  g_assert_null (kl_document_get_meeting (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (loaded))), ==, 0);

  /* Meeting 12 stays for b; c keeps its own. */
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 2);

  /* Deleting takes the document, its reports and its search row away. */
  g_assert_true (kl_store_delete_document (store, kl_document_get_id (b), &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (b), &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_false (kl_store_delete_document (store, kl_document_get_id (b), &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Meeting 12 went with its last document, with its agenda. */
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 1);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM reports WHERE document_id IS NULL"),
                   ==, 1);
  {
    g_autoptr(GPtrArray) hits = kl_store_search (store, "giáo dục", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* Documents of one meeting share its row and are listed under it, newest first. */
static void
test_meetings_shared (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) notice = store_test_document ("kinh tế");
  g_autoptr(KlDocument) report = store_test_document ("kiểm tra");
  g_autoptr(KlDocument) later = store_test_document ("quốc phòng");
  g_autoptr(KlDocument) vague1 = store_test_document ("dân vận");
  g_autoptr(KlDocument) vague2 = store_test_document ("tôn giáo");
  g_autoptr(KlDocument) draft = NULL;
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(KlReport) own = kl_report_new ("Báo cáo riêng của văn bản thứ hai");
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  KlMeetingInfo *info;
  GListModel *agenda;

  g_assert_true (kl_store_save_document (store, notice, &error));
  g_assert_no_error (error);
  /* The second document's meeting is another object with the same organization, body,
   * ordinal, term and date: the same meeting. Its chair is told differently. */
  kl_meeting_set_chair (kl_document_get_meeting (report), "Đồng chí Bí thư");
  g_list_store_remove_all (kl_document_get_reports (report));
  g_list_store_append (kl_document_get_reports (report), own);
  g_usleep (2000);
  g_assert_true (kl_store_save_document (store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 1);

  /* A later meeting comes first; meetings without ordinal nor date are never merged. */
  kl_meeting_set_ordinal (kl_document_get_meeting (later), 13);
  kl_meeting_set_date (kl_document_get_meeting (later), "2025-01-10");
  g_assert_true (kl_store_save_document (store, later, &error));
  for (int i = 0; i < 2; i++)
    {
      KlMeeting *m = kl_document_get_meeting (i == 0 ? vague1 : vague2);

      kl_meeting_set_ordinal (m, 0);
      kl_meeting_set_date (m, NULL);
      g_assert_true (kl_store_save_document (store, i == 0 ? vague1 : vague2, &error));
      g_assert_no_error (error);
    }
  /* Another organization's meeting 12 of the same day is another meeting. */
  kl_document_set_issuer (vague2, "HUYỆN ỦY SƠN TÂY");
  kl_meeting_set_ordinal (kl_document_get_meeting (vague2), 12);
  kl_meeting_set_date (kl_document_get_meeting (vague2), "2024-12-18");
  g_assert_true (kl_store_save_document (store, vague2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 4);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings WHERE date = '2024-12-18'"),
                   ==, 2);
  /* Its date corrected, the same row follows (the object knows its row). */
  kl_meeting_set_date (kl_document_get_meeting (vague2), "2024-12-17");
  g_assert_true (kl_store_save_document (store, vague2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 4);

  /* A draft made from a document stays with its meeting. */
  g_usleep (2000);
  draft = kl_store_new_draft_from (store, notice, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 4);

  meetings = kl_store_list_meetings (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meetings->len, ==, 4);
  info = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (info->date, ==, "2025-01-10");
  g_assert_cmpuint (info->n_documents, ==, 1);
  info = g_ptr_array_index (meetings, 1);
  g_assert_cmpstr (info->date, ==, "2024-12-18");
  g_assert_cmpuint (info->n_documents, ==, 3);
  g_assert_true (strstr (info->title, "lần thứ 12") != NULL);
  g_assert_cmpstr (((KlMeetingInfo *) g_ptr_array_index (meetings, 2))->date, ==, "2024-12-17");
  g_assert_cmpstr (((KlMeetingInfo *) g_ptr_array_index (meetings, 3))->date, ==, NULL);

  docs = kl_store_list_documents_of_meeting (store, info->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 3);
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 0))->id, ==, kl_document_get_id (draft));
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 1))->id, ==, kl_document_get_id (report));
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 2))->id, ==, kl_document_get_id (notice));
  g_assert_cmpint (((KlDocumentInfo *) g_ptr_array_index (docs, 2))->meeting_id, ==, info->id);
  g_clear_pointer (&docs, g_ptr_array_unref);
  docs = kl_store_list_documents_of_meeting (store, 9999, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 0);

  /* The meeting holds what was saved last (the chair); its agenda keeps the first
   * document's annexed report, shown in the second document as well. */
  loaded = kl_store_load_document (store, kl_document_get_id (notice), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_meeting_get_chair (kl_document_get_meeting (loaded)), ==, "Thường trực Huyện ủy");
  agenda = G_LIST_MODEL (kl_meeting_get_reports (kl_document_get_meeting (loaded)));
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 2);
  {
    g_autoptr(KlReport) annexed = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (loaded)), 0);
    g_autoptr(KlReport) second = g_list_model_get_item (agenda, 1);
    g_assert_true (annexed == second);
  }
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (report), &error);
  g_assert_no_error (error);
  agenda = G_LIST_MODEL (kl_meeting_get_reports (kl_document_get_meeting (loaded)));
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 2);
  {
    g_autoptr(KlReport) second = g_list_model_get_item (agenda, 1);
    g_assert_cmpstr (kl_report_get_title (second), ==, "Báo cáo tình hình kinh tế - xã hội năm 2024");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (second))), ==, 4);
  }
  /* Saving it again leaves one agenda: no place is stored twice. */
  g_assert_true (kl_store_save_document (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store,
                                     "SELECT count(*) FROM reports WHERE meeting_id = "
                                     "(SELECT meeting_id FROM documents WHERE id = 1)"), ==, 2);

  /* A document moved to another meeting leaves the shared one; a meeting goes with its
   * last document. */
  kl_document_set_meeting (later, NULL);
  g_assert_true (kl_store_save_document (store, later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 3);
  g_assert_true (kl_store_delete_document (store, kl_document_get_id (draft), &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 3);
  /* The first document's report stays on the agenda of the meeting when it is deleted. */
  g_assert_true (kl_store_delete_document (store, kl_document_get_id (notice), &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (report), &error);
  g_assert_no_error (error);
  agenda = G_LIST_MODEL (kl_meeting_get_reports (kl_document_get_meeting (loaded)));
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 2);
  {
    g_autoptr(KlReport) second = g_list_model_get_item (agenda, 1);
    g_assert_cmpstr (kl_report_get_title (second), ==, "Báo cáo tình hình kinh tế - xã hội năm 2024");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (second))), ==, 4);
  }
  /* With the last document the meeting goes, its agenda too. */
  g_assert_true (kl_store_delete_document (store, kl_document_get_id (report), &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM targets WHERE report_id NOT IN "
                                     "(SELECT id FROM reports)"), ==, 0);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* The importer's warnings are shown in the app: they are kept with the document. */
static void
test_warnings_roundtrip (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("cảnh báo");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(KlWarning) w1 = kl_warning_new (7, "targets[0].plan", "row 7, column KH: '61.000' could be 61 or 61 000");
  g_autoptr(KlWarning) w2 = kl_warning_new (0, NULL, "no date found; the date of today was used");
  g_autoptr(KlWarning) got = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *warnings;

  g_list_store_append (kl_document_get_warnings (doc), w1);
  g_list_store_append (kl_document_get_warnings (doc), w2);
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  /* Saved twice: the list is replaced, not appended to. */
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = store_test_open (path);
  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  warnings = G_LIST_MODEL (kl_document_get_warnings (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (warnings), ==, 2);
  got = g_list_model_get_item (warnings, 0);
  g_assert_cmpuint (kl_warning_get_line (got), ==, 7);
  g_assert_cmpstr (kl_warning_get_field (got), ==, "targets[0].plan");
  g_assert_cmpstr (kl_warning_get_message (got), ==, kl_warning_get_message (w1));
  g_clear_object (&got);
  got = g_list_model_get_item (warnings, 1);
  g_assert_cmpuint (kl_warning_get_line (got), ==, 0);
  g_assert_null (kl_warning_get_field (got));
  g_assert_cmpstr (kl_warning_get_message (got), ==, kl_warning_get_message (w2));

  /* Removing a warning (the user dealt with it) is kept too. */
  g_list_store_remove (kl_document_get_warnings (loaded), 0);
  g_assert_true (kl_store_save_document (store, loaded, &error));
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_warnings (loaded))), ==, 1);
  g_assert_true (kl_store_delete_document (store, kl_document_get_id (doc), &error));
  g_assert_cmpint (store_test_count (store, "SELECT count(*) FROM warnings"), ==, 0);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
assert_same_value (KlValue *a, KlValue *b)
{
  guint na = 0, nb = 0;
  const double *ra = kl_value_get_readings (a, &na);
  const double *rb = kl_value_get_readings (b, &nb);

  g_assert_cmpstr (kl_value_get_text (a), ==, kl_value_get_text (b));
  g_assert_cmpint (kl_value_get_qualifier (a), ==, kl_value_get_qualifier (b));
  if (isnan (kl_value_get_number (a)))
    g_assert_true (isnan (kl_value_get_number (b)));
  else
    g_assert_cmpfloat (kl_value_get_number (a), ==, kl_value_get_number (b));
  if (isnan (kl_value_get_number_max (a)))
    g_assert_true (isnan (kl_value_get_number_max (b)));
  else
    g_assert_cmpfloat (kl_value_get_number_max (a), ==, kl_value_get_number_max (b));
  g_assert_cmpstr (kl_value_get_unit (a), ==, kl_value_get_unit (b));
  g_assert_cmpstr (kl_value_get_note (a), ==, kl_value_get_note (b));
  g_assert_cmpint (kl_value_get_ambiguous (a), ==, kl_value_get_ambiguous (b));
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    g_assert_cmpfloat (ra[i], ==, rb[i]);
  g_assert_cmpstr (kl_value_get_rule (a), ==, kl_value_get_rule (b));
  g_assert_cmpint (kl_value_get_status_met (a), ==, kl_value_get_status_met (b));
}

/* A value keeps every field through the store and its revisions, whichever rule settled
 * it: the unit, the column, the partner figure or the user. */
static void
test_values_keep_rules (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("giá trị");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(KlDocument) revision = NULL;
  g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  g_autoptr(KlTarget) t1 = kl_target_new ("9", "Tỷ lệ che phủ rừng", "%");
  g_autoptr(KlTarget) t2 = kl_target_new ("10", "Doanh thu dịch vụ", "Tỷ đồng");
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  const char *column[] = { "27.60", "3.9", "12.5", NULL };
  KlValueContext by_unit = { "%", NULL, NAN };
  KlValueContext by_column = { "Tỷ đồng", column, NAN };
  KlValueContext by_partner = { "Tỷ đồng", NULL, 17000 };
  g_autoptr(KlValue) unit_value = kl_value_parse ("1.105 (ước)", &by_unit);
  g_autoptr(KlValue) column_value = kl_value_parse ("61.500", &by_column);
  g_autoptr(KlValue) partner_value = kl_value_parse ("trên 17.501", &by_partner);
  g_autoptr(KlValue) user_value = kl_value_parse ("2.250-2.400", NULL);
  g_autoptr(KlValue) met = kl_value_parse ("Đạt", NULL);
  g_autoptr(KlValue) open_value = kl_value_parse ("1.234", NULL);
  KlValue *want[6], *got[6];
  guint n = 0;

  /* The setup settles by each rule indeed. */
  g_assert_true (g_str_has_prefix (kl_value_get_rule (unit_value), "unit "));
  g_assert_true (g_str_has_prefix (kl_value_get_rule (column_value), "column"));
  g_assert_true (g_str_has_prefix (kl_value_get_rule (partner_value), "partner"));
  g_assert_true (kl_value_get_ambiguous (user_value));
  kl_value_get_readings (user_value, &n);
  g_assert_cmpuint (n, ==, 2);
  kl_value_settle (user_value, kl_value_get_readings (user_value, NULL)[1]);
  g_assert_cmpstr (kl_value_get_rule (user_value), ==, "settled by the user");
  g_assert_true (kl_value_get_status_met (met));
  g_assert_true (kl_value_get_ambiguous (open_value));

  kl_target_set_plan (t1, unit_value);
  kl_target_set_actual (t1, column_value);
  kl_target_set_next_plan (t1, partner_value);
  kl_target_set_plan (t2, user_value);
  kl_target_set_actual (t2, met);
  kl_target_set_next_plan (t2, open_value);
  g_list_store_append (kl_report_get_targets (report), t1);
  g_list_store_append (kl_report_get_targets (report), t2);
  want[0] = kl_target_get_plan (t1), want[1] = kl_target_get_actual (t1);
  want[2] = kl_target_get_next_plan (t1), want[3] = kl_target_get_plan (t2);
  want[4] = kl_target_get_actual (t2), want[5] = kl_target_get_next_plan (t2);

  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_store_add_revision (store, doc, "save", &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = store_test_open (path);

  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  revisions = kl_store_list_revisions (store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  revision = kl_store_load_revision (store, ((KlRevisionInfo *) g_ptr_array_index (revisions, 0))->id,
                                     &error);
  g_assert_no_error (error);
  for (int pass = 0; pass < 2; pass++)
    {
      KlDocument *d = pass == 0 ? loaded : revision;
      g_autoptr(KlReport) r = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (d)), 0);
      guint count = g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (r)));
      g_autoptr(KlTarget) l1 = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (r)), count - 2);
      g_autoptr(KlTarget) l2 = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (r)), count - 1);

      got[0] = kl_target_get_plan (l1), got[1] = kl_target_get_actual (l1);
      got[2] = kl_target_get_next_plan (l1), got[3] = kl_target_get_plan (l2);
      got[4] = kl_target_get_actual (l2), got[5] = kl_target_get_next_plan (l2);
      for (guint i = 0; i < G_N_ELEMENTS (want); i++)
        assert_same_value (want[i], got[i]);

      /* A stored ambiguous range can still be settled, with its bounds. */
      {
        g_autoptr(KlValue) copy = kl_value_copy (got[5]);
        const double *readings = kl_value_get_readings (copy, NULL);

        kl_value_settle (copy, readings[0]);
        g_assert_false (kl_value_get_ambiguous (copy));
        g_assert_cmpfloat (kl_value_get_number (copy), ==, readings[0]);
      }
    }
  /* The user's reading of the range keeps both bounds. */
  g_assert_cmpfloat (kl_value_get_number (got[3]), <, kl_value_get_number_max (got[3]));

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_issued_is_read_only (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("quốc phòng");
  g_autoptr(KlDocument) stale = NULL;
  g_autoptr(KlDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 id;

  g_assert_true (kl_store_save_document (store, doc, &error));
  id = kl_document_get_id (doc);
  stale = kl_store_load_document (store, id, &error);
  g_assert_no_error (error);

  g_assert_true (kl_store_issue_document (store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_document_get_state (doc), ==, KL_DOCUMENT_STATE_ISSUED);
  g_assert_cmpuint (kl_document_get_number (doc), ==, 1);
  revisions = kl_store_list_revisions (store, id, &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpstr (((KlRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "issue");

  /* Neither the issued object nor a copy loaded before issuing can overwrite it. */
  kl_document_set_body (doc, "changed after issuing");
  g_assert_false (kl_store_save_document (store, doc, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
  g_clear_error (&error);
  kl_document_set_body (stale, "changed by another window");
  g_assert_false (kl_store_save_document (store, stale, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
  g_clear_error (&error);
  g_assert_false (kl_store_delete_document (store, id, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
  g_clear_error (&error);
  g_assert_false (kl_store_issue_document (store, stale, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED);
  g_clear_error (&error);

  /* Editing an issued document: a new draft. */
  draft = kl_store_new_draft_from (store, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_document_get_id (draft), >, id);
  g_assert_cmpint (kl_document_get_state (draft), ==, KL_DOCUMENT_STATE_DRAFT);
  g_assert_cmpuint (kl_document_get_number (draft), ==, 0);
  kl_document_set_body (draft, "a corrected version");
  g_assert_true (kl_store_save_document (store, draft, &error));
  g_assert_no_error (error);

  g_clear_object (&stale);
  stale = kl_store_load_document (store, id, &error);
  g_assert_cmpint (kl_document_get_state (stale), ==, KL_DOCUMENT_STATE_ISSUED);
  g_assert_cmpstr (kl_document_get_body (stale), !=, "changed after issuing");
  g_assert_cmpstr (kl_document_get_body (stale), !=, "changed by another window");
  g_assert_cmpuint (kl_document_get_number (stale), ==, 1);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_presets_and_settings (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlOrganization) org = kl_organization_new ();
  g_autoptr(KlOrganization) org2 = NULL;
  g_autoptr(GListStore) signers = g_list_store_new (KL_TYPE_SIGNER);
  g_autoptr(GListStore) signers2 = NULL;
  g_autoptr(KlSigner) s1 = kl_signer_new ("T/M HUYỆN ỦY", "BÍ THƯ", "Lê Văn Hải");
  g_autoptr(KlSigner) s2 = kl_signer_new ("K/T BÍ THƯ", "PHÓ BÍ THƯ", "Phạm Thu Hà");
  g_autoptr(KlSigner) got = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *preset[] = { "- Như trên,", "- Lưu VP.", NULL };

  /* An empty library has an empty profile, not an error. */
  org2 = kl_store_load_organization (store, &error);
  g_assert_no_error (error);
  g_assert_null (kl_organization_get_name (org2));
  g_clear_object (&org2);

  kl_organization_set_superior (org, "ĐẢNG BỘ TỈNH HÒA MỸ");
  kl_organization_set_name (org, "HUYỆN ỦY SƠN ĐÔNG");
  kl_organization_set_abbreviation (org, "HU");
  kl_organization_set_place (org, "Sơn Đông");
  kl_organization_set_committee (org, "Đảng bộ huyện");
  kl_organization_set_term (org, "XXI");
  kl_organization_set_term_years (org, "2020-2025");
  g_assert_true (kl_store_save_organization (store, org, &error));
  g_assert_no_error (error);
  org2 = kl_store_load_organization (store, &error);
  g_assert_cmpstr (kl_organization_get_name (org2), ==, "HUYỆN ỦY SƠN ĐÔNG");
  g_assert_cmpstr (kl_organization_get_term_years (org2), ==, "2020-2025");
  g_assert_cmpstr (kl_organization_get_committee (org2), ==, "Đảng bộ huyện");

  g_list_store_append (signers, s1);
  g_list_store_append (signers, s2);
  g_assert_true (kl_store_save_signers (store, G_LIST_MODEL (signers), &error));
  signers2 = kl_store_list_signers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (signers2)), ==, 2);
  got = g_list_model_get_item (G_LIST_MODEL (signers2), 1);
  g_assert_cmpstr (kl_signer_get_authority (got), ==, "K/T BÍ THƯ");
  g_assert_cmpstr (kl_signer_get_name (got), ==, "Phạm Thu Hà");
  /* Saving again replaces the list. */
  g_list_store_remove (signers, 0);
  g_assert_true (kl_store_save_signers (store, G_LIST_MODEL (signers), &error));
  g_clear_object (&signers2);
  signers2 = kl_store_list_signers (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (signers2)), ==, 1);

  g_assert_true (kl_store_save_recipient_preset (store, "Thông báo thường", preset, &error));
  g_assert_true (kl_store_save_recipient_preset (store, "Báo cáo tỉnh", preset + 1, &error));
  g_assert_no_error (error);
  names = kl_store_list_recipient_presets (store, &error);
  g_assert_cmpuint (names->len, ==, 2);
  lines = kl_store_load_recipient_preset (store, "Thông báo thường", &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (lines, preset);
  g_clear_pointer (&lines, g_strfreev);
  g_assert_true (kl_store_save_recipient_preset (store, "Thông báo thường", NULL, &error));
  lines = kl_store_load_recipient_preset (store, "Thông báo thường", &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_assert_null (lines);
  g_clear_error (&error);

  g_assert_null (kl_store_get_setting (store, "autosave-delay"));
  g_assert_true (kl_store_set_setting (store, "autosave-delay", "800", &error));
  value = kl_store_get_setting (store, "autosave-delay");
  g_assert_cmpstr (value, ==, "800");
  g_clear_pointer (&value, g_free);
  g_assert_true (kl_store_set_setting (store, "autosave-delay", "1200", &error));
  value = kl_store_get_setting (store, "autosave-delay");
  g_assert_cmpstr (value, ==, "1200");
  g_clear_pointer (&value, g_free);
  g_assert_true (kl_store_set_setting (store, "autosave-delay", NULL, &error));
  g_assert_null (kl_store_get_setting (store, "autosave-delay"));

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_backup_and_restore (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autofree char *backups_dir = g_build_filename (tmp, "backups", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("an ninh");
  g_autoptr(KlDocument) later = store_test_document ("văn hóa");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (kl_store_save_document (store, doc, &error));
  backup = kl_store_backup (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (backup, backups_dir));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* The backup is a library of its own, with the document. */
  {
    g_autoptr(KlStore) copy = store_test_open (backup);
    g_autoptr(KlDocument) d = kl_store_load_document (copy, kl_document_get_id (doc), &error);
    g_assert_no_error (error);
    store_test_assert_same (doc, d);
  }

  /* Changes after the backup go away with a restore; the restore can itself be undone. */
  g_assert_true (kl_store_save_document (store, later, &error));
  kl_document_set_body (doc, "edited after the backup");
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_true (kl_store_restore_backup (store, backup, &error));
  g_assert_no_error (error);
  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_body (loaded), !=, "edited after the backup");
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (later), &error);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The search index came back with the content. */
  {
    g_autoptr(GPtrArray) hits = kl_store_search (store, "an ninh", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  list = kl_store_list_backups (store, &error);
  g_assert_cmpuint (list->len, ==, 2); /* the one taken, and the one before restoring */
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A bad file is refused, and the library is untouched. */
  {
    g_autofree char *junk = g_build_filename (tmp, "junk.db", NULL);
    g_file_set_contents (junk, "this is not a library, just text\n", -1, NULL);
    g_assert_false (kl_store_restore_backup (store, junk, &error));
    g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);
    loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
    g_assert_no_error (error);
  }

  /* Daily: nothing new while the newest is recent; old ones beyond @keep go. */
  g_assert_true (kl_store_backup_daily (store, 5, &error));
  g_assert_no_error (error);
  list = kl_store_list_backups (store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      /* Make every backup two days old. */
      struct timeval times[2] = { { time (NULL) - 2 * 86400, 0 }, { time (NULL) - 2 * 86400, 0 } };
      g_assert_cmpint (utimes (g_ptr_array_index (list, i), times), ==, 0);
    }
  g_clear_pointer (&list, g_ptr_array_unref);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("ketluan-2020010%d-101010.db", i + 1);
      g_autofree char *old = g_build_filename (backups_dir, name, NULL);
      struct timeval times[2] = { { time (NULL) - (10 - i) * 86400, 0 }, { time (NULL) - (10 - i) * 86400, 0 } };
      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
      g_assert_cmpint (utimes (old, times), ==, 0);
    }
  g_assert_true (kl_store_backup_daily (store, 3, &error));
  g_assert_no_error (error);
  list = kl_store_list_backups (store, &error);
  g_assert_cmpuint (list->len, ==, 3);
  /* The newest is today's, and the oldest ones were removed. */
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (g_ptr_array_index (list, 0), &st), ==, 0);
    g_assert_cmpint (st.st_mtime, >, time (NULL) - 3600);
    for (guint i = 0; i < list->len; i++)
      g_assert_null (strstr (g_ptr_array_index (list, i), "2020010"));
  }
  /* Backups taken before a migration are not part of the rotation. */
  all = kl_store_list_backups (store, &error);
  g_assert_cmpuint (all->len, ==, 3);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_import_export (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autofree char *json = g_build_filename (tmp, "doc.json", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("xây dựng Đảng");
  g_autoptr(KlDocument) first = NULL;
  g_autoptr(KlDocument) second = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id, id1, id2;

  g_assert_true (kl_store_save_document (store, doc, &error));
  id = kl_document_get_id (doc);
  g_assert_true (kl_store_export_file (store, id, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));

  /* Importing the same file twice makes two new documents; the original is untouched. */
  id1 = kl_store_import_file (store, file, &error);
  g_assert_no_error (error);
  id2 = kl_store_import_file (store, file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, >, id);
  g_assert_cmpint (id2, >, id1);
  list = kl_store_list_documents (store, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);

  first = kl_store_load_document (store, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_summary (first), ==, kl_document_get_summary (doc));
  g_assert_cmpstr (kl_document_get_body (first), ==, kl_document_get_body (doc));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (first))), ==, 1);

  /* Importing an issued document gives a draft. */
  g_assert_true (kl_store_issue_document (store, doc, &error));
  g_assert_true (kl_store_export_file (store, id, file, &error));
  id2 = kl_store_import_file (store, file, &error);
  g_assert_no_error (error);
  second = kl_store_load_document (store, id2, &error);
  g_assert_cmpint (kl_document_get_state (second), ==, KL_DOCUMENT_STATE_DRAFT);

  /* A missing document cannot be exported. */
  g_assert_false (kl_store_export_file (store, 9999, file, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
on_saved (KlAutosaver *saver, int *count)
{
  (*count)++;
}

static void
test_autosaver_coalesces (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("giao thông");
  g_autoptr(KlAutosaver) saver = NULL;
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  int saved = 0;
  gint64 deadline;

  saver = kl_autosaver_new (store, doc, 50, 3600);
  g_signal_connect (saver, "saved", G_CALLBACK (on_saved), &saved);
  g_assert_false (kl_autosaver_get_dirty (saver));

  /* A burst of ten edits, faster than the delay, is one save. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *body = g_strdup_printf ("Bản nháp lần %d", i);
      kl_document_set_body (doc, body);
      g_usleep (5000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_true (kl_autosaver_get_dirty (saver));
  g_assert_cmpint (saved, ==, 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (saved == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (saved, ==, 1);
  g_assert_false (kl_autosaver_get_dirty (saver));
  g_assert_cmpint (kl_document_get_id (doc), >, 0);

  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_cmpstr (kl_document_get_body (loaded), ==, "Bản nháp lần 9");
  /* The first autosave keeps a revision; the next ones wait for the interval. */
  revisions = kl_store_list_revisions (store, kl_document_get_id (doc), &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  kl_document_set_body (doc, "Bản sửa sau");
  g_assert_true (kl_autosaver_get_dirty (saver));
  g_assert_true (kl_autosaver_flush (saver, &error));
  g_assert_no_error (error);
  g_assert_cmpint (saved, ==, 2);
  g_assert_false (kl_autosaver_get_dirty (saver));
  /* Nothing to do when clean. */
  g_assert_true (kl_autosaver_flush (saver, &error));
  g_assert_cmpint (saved, ==, 2);
  revisions = kl_store_list_revisions (store, kl_document_get_id (doc), &error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* Ctrl+S keeps a revision every time. */
  g_assert_true (kl_autosaver_save_revision (saver, "save", &error));
  revisions = kl_store_list_revisions (store, kl_document_get_id (doc), &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((KlRevisionInfo *) g_ptr_array_index (revisions, 0))->reason, ==, "save");
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* Dropping the autosaver saves what is pending. */
  kl_document_set_body (doc, "Dòng cuối trước khi đóng");
  g_clear_object (&saver);
  g_clear_object (&loaded);
  loaded = kl_store_load_document (store, kl_document_get_id (doc), &error);
  g_assert_cmpstr (kl_document_get_body (loaded), ==, "Dòng cuối trước khi đóng");

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
on_error (KlAutosaver *saver, const GError *error, int *count)
{
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_LOCKED);
  (*count)++;
}

static void
test_autosaver_retries (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlStore) other = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("thủy lợi");
  g_autoptr(KlAutosaver) saver = NULL;
  g_autoptr(GError) error = NULL;
  int saved = 0, errors = 0;
  gint64 deadline;

  g_setenv ("KETLUAN_BUSY_TIMEOUT_MS", "10", TRUE);
  g_clear_object (&store);
  store = store_test_open (path);
  saver = kl_autosaver_new (store, doc, 10, 3600);
  g_signal_connect (saver, "saved", G_CALLBACK (on_saved), &saved);
  g_signal_connect (saver, "error", G_CALLBACK (on_error), &errors);

  /* Another connection holds the write lock: the save fails, the document stays dirty. */
  g_assert_true (kl_store_exec (other, "BEGIN IMMEDIATE", &error));
  kl_document_set_body (doc, "must not be lost");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (errors == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (errors, >=, 1);
  g_assert_true (kl_autosaver_get_dirty (saver));
  g_assert_cmpint (saved, ==, 0);

  /* Once the lock is gone the retry saves it. */
  g_assert_true (kl_store_exec (other, "COMMIT", &error));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (saved == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (saved, ==, 1);
  g_assert_false (kl_autosaver_get_dirty (saver));
  g_unsetenv ("KETLUAN_BUSY_TIMEOUT_MS");

  g_clear_object (&saver);
  g_clear_object (&store);
  g_clear_object (&other);
  store_test_rm_rf (tmp);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* Runs ketluan-cli --db DB ARGS…; returns its exit status, fills stdout and stderr. */
static int
run_cli (const char *db, char **out, char **err, ...)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autofree char *json = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(KlDocument) doc = store_test_document ("chuyển đổi số");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("KETLUAN_CLI is not built");
      return;
    }
  tmp = store_test_tmpdir ();
  db = g_build_filename (tmp, "lib", "k.db", NULL);
  json = g_build_filename (tmp, "doc.json", NULL);
  exported = g_build_filename (tmp, "out.json", NULL);
  file = g_file_new_for_path (json);
  g_assert_true (kl_json_save_document (doc, file, &error));
  g_assert_no_error (error);

  /* import with --db stores a new document each time and prints its id. */
  g_assert_cmpint (run_cli (db, &out, &err, "import", json, NULL), ==, 0);
  id = g_ascii_strtoll (out, NULL, 10);
  g_assert_cmpint (id, ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db, &out, &err, "import", json, NULL), ==, 0);
  g_assert_cmpint (g_ascii_strtoll (out, NULL, 10), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db, &out, &err, "list", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "2\tTB\tdraft\t2024-12-20\t"));
  g_assert_nonnull (strstr (out, "\n1\tTB\tdraft\t"));
  g_assert_nonnull (strstr (out, "chuyển đổi số"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db, &out, &err, "search", "chuyen", "doi", "so", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "[chuyển]"));
  g_assert_cmpuint (count_lines (out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db, &out, &err, "export", "1", "-o", exported, NULL), ==, 0);
  {
    g_autoptr(GFile) f = g_file_new_for_path (exported);
    g_autoptr(KlDocument) back = kl_json_load_document (f, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kl_document_get_body (back), ==, kl_document_get_body (doc));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db, &out, &err, "export", "99", "-o", exported, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no document 99"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Revisions of a document with some. */
  {
    g_autoptr(KlStore) store = store_test_open (db);
    g_autoptr(KlDocument) d = kl_store_load_document (store, 1, &error);
    g_assert_cmpint (kl_store_add_revision (store, d, "save", &error), >, 0);
  }
  g_assert_cmpint (run_cli (db, &out, &err, "revisions", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\tsave\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (db, &out, &err, "backup", NULL), ==, 0);
  backup = g_strstrip (g_strdup (out));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A third document, then restore: back to two. */
  g_assert_cmpint (run_cli (db, &out, &err, "import", json, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db, &out, &err, "restore", backup, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (db, &out, &err, "list", NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Restoring from something that is not a backup fails and says so. */
  g_assert_cmpint (run_cli (db, &out, &err, "restore", json, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not a Ketluan library"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A damaged library: clear message, exit status 1. */
  {
    g_autofree char *bad = g_build_filename (tmp, "bad.db", NULL);
    g_file_set_contents (bad, "garbage", -1, NULL);
    g_assert_cmpint (run_cli (bad, &out, &err, "list", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "not a Ketluan library"));
  }
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/creates-private-files", test_open_creates_private_files);
  g_test_add_func ("/store/open/default-path", test_default_path);
  g_test_add_func ("/store/documents/roundtrip", test_document_roundtrip);
  g_test_add_func ("/store/documents/update-list-delete", test_document_update_and_list);
  g_test_add_func ("/store/documents/issued-read-only", test_issued_is_read_only);
  g_test_add_func ("/store/meetings/shared", test_meetings_shared);
  g_test_add_func ("/store/documents/warnings", test_warnings_roundtrip);
  g_test_add_func ("/store/documents/values-keep-rules", test_values_keep_rules);
  g_test_add_func ("/store/presets-and-settings", test_presets_and_settings);
  g_test_add_func ("/store/backup/backup-daily-restore", test_backup_and_restore);
  g_test_add_func ("/store/json/import-export", test_import_export);
  g_test_add_func ("/store/autosaver/coalesces", test_autosaver_coalesces);
  g_test_add_func ("/store/autosaver/retries", test_autosaver_retries);
  g_test_add_func ("/store/cli/commands", test_cli);

  return g_test_run ();
}
