/* test-store-tasks.c: tasks and templates in the library; ketluan-cli tasks with --db. */
#include "config.h"

#include "store-test-common.h"
#include "kl-tasks.h"

typedef struct {
  char    *dir;
  char    *path;
  KlStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = store_test_tmpdir ();
  f->path = g_build_filename (f->dir, "ketluan.db", NULL);
  f->store = store_test_open (f->path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A conclusion written for this test, stored; returns its id. */
static gint64
store_conclusion (KlStore *store, guint number)
{
  g_autoptr(KlDocument) doc = kl_document_new ("KL");
  g_autoptr(GError) error = NULL;

  kl_document_set_issuer_abbreviation (doc, "ĐU");
  kl_document_set_number (doc, number);
  kl_document_set_date (doc, "2024-03-12");
  kl_document_set_body (doc,
                        "### 1. Về nhiệm vụ\n\n"
                        "Giao Ủy ban nhân dân xã cắm mốc giới trong tháng 6/2024. Văn phòng "
                        "Đảng ủy theo dõi, đôn đốc việc thực hiện, báo cáo trước ngày 30/9.\n\n"
                        "Ban Xây dựng Đảng xây dựng kế hoạch bồi dưỡng đảng viên mới.\n");
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  return kl_document_get_id (doc);
}

static GListStore *
extract_stored (KlStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_store_load_document (store, id, &error);

  g_assert_no_error (error);
  return kl_tasks_extract (doc);
}

static void
test_save_list (Fixture *f, gconstpointer data)
{
  gint64 doc1 = store_conclusion (f->store, 21);
  gint64 doc2 = store_conclusion (f->store, 22);
  g_autoptr(GListStore) found = extract_stored (f->store, doc1);
  g_autoptr(GListStore) found2 = extract_stored (f->store, doc2);
  g_autoptr(GListStore) listed = NULL;
  g_autoptr(GError) error = NULL;
  GDate july;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 3);
  /* The user confirms two of the three for document 1, all for document 2. */
  g_list_store_remove (found, 2);
  g_assert_true (kl_store_save_tasks (f->store, doc1, G_LIST_MODEL (found), &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_save_tasks (f->store, doc2, G_LIST_MODEL (found2), &error));
  g_assert_no_error (error);
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (found), 0);
    g_assert_cmpint (kl_task_get_id (t), >, 0);
    g_assert_cmpint (kl_task_get_document_id (t), ==, doc1);
  }

  listed = kl_store_list_tasks (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 5);
  /* By deadline, then document: 30/6 (doc 1, doc 2), 30/9 (doc 1, doc 2), none. */
  {
    static const char *dues[] = { "2024-06-30", "2024-06-30", "2024-09-30", "2024-09-30", NULL };
    static const char *symbols[] = { "21-KL/ĐU", "22-KL/ĐU", "21-KL/ĐU", "22-KL/ĐU", "22-KL/ĐU" };
    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (listed), i);
        g_assert_cmpstr (kl_task_get_due (t), ==, dues[i]);
        g_assert_cmpstr (kl_task_get_document_symbol (t), ==, symbols[i]);
      }
  }
  g_clear_object (&listed);
  listed = kl_store_list_tasks (f->store, doc1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 2);

  /* Done, and overdue as of a given day. */
  {
    g_autoptr(KlTask) first = g_list_model_get_item (G_LIST_MODEL (listed), 0);
    g_autoptr(KlTask) second = g_list_model_get_item (G_LIST_MODEL (listed), 1);
    g_autoptr(KlTask) reloaded = NULL;

    g_assert_true (kl_store_set_task_state (f->store, kl_task_get_id (first),
                                            KL_TASK_STATE_DONE, "2024-06-20", &error));
    g_assert_no_error (error);
    reloaded = kl_store_load_task (f->store, kl_task_get_id (first), &error);
    g_assert_no_error (error);
    g_assert_cmpint (kl_task_get_state (reloaded), ==, KL_TASK_STATE_DONE);
    g_assert_cmpstr (kl_task_get_done_date (reloaded), ==, "2024-06-20");

    g_date_clear (&july, 1);
    g_date_set_dmy (&july, 1, 10, 2024);
    g_assert_cmpint (kl_task_get_status (reloaded, &july), ==, KL_TASK_STATUS_DONE);
    g_assert_cmpint (kl_task_get_status (second, &july), ==, KL_TASK_STATUS_OVERDUE);
  }

  /* Confirming again (after an edit) keeps what was recorded about the same task. */
  {
    g_autoptr(GListStore) again = extract_stored (f->store, doc1);
    g_autoptr(GListStore) relisted = NULL;
    g_assert_true (kl_store_save_tasks (f->store, doc1, G_LIST_MODEL (again), &error));
    g_assert_no_error (error);
    relisted = kl_store_list_tasks (f->store, doc1, &error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (relisted)), ==, 3);
    {
      g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (relisted), 0);
      g_assert_cmpint (kl_task_get_state (t), ==, KL_TASK_STATE_DONE);
      g_assert_cmpstr (kl_task_get_done_date (t), ==, "2024-06-20");
    }
  }

  /* Unknown ids are reported, not ignored. */
  g_assert_false (kl_store_set_task_state (f->store, 9999, KL_TASK_STATE_DONE, NULL, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting a document deletes its tasks. */
  g_assert_true (kl_store_delete_document (f->store, doc2, &error));
  g_assert_no_error (error);
  g_clear_object (&listed);
  listed = kl_store_list_tasks (f->store, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 3);

  /* And they survive closing the library. */
  g_clear_object (&f->store);
  f->store = store_test_open (f->path);
  g_clear_object (&listed);
  listed = kl_store_list_tasks (f->store, doc1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 3);

  /* With the deadline as written and the line of the body where each sentence starts
   * (the body's third line holds the first two; the fifth, the last). */
  {
    static const char *due_texts[] = { "trong tháng 6/2024", "trước ngày 30/9", NULL };
    static const guint lines[] = { 3, 3, 5 };
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (listed), i);
        g_autoptr(KlTask) one = kl_store_load_task (f->store, kl_task_get_id (t), &error);

        g_assert_no_error (error);
        g_assert_cmpstr (kl_task_get_due_text (t), ==, due_texts[i]);
        g_assert_cmpuint (kl_task_get_body_line (t), ==, lines[i]);
        g_assert_cmpuint (kl_task_get_line (t), ==, lines[i]);
        g_assert_cmpstr (kl_task_get_due_text (one), ==, due_texts[i]);
        g_assert_cmpuint (kl_task_get_body_line (one), ==, lines[i]);
      }
  }
}

/* A task found in an imported file is kept with the line of the body, not of the file
 * (the library keeps no file); changed wording and lines replace the old ones. */
static void
test_body_line (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "tasks", "ket-luan-nhiem-vu.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_file (file, &error);
  g_autoptr(GListStore) found = NULL;
  g_autoptr(GListStore) listed = NULL;
  g_autoptr(KlTask) first = NULL;
  g_autoptr(KlTask) stored = NULL;
  g_autoptr(KlTask) restored = NULL;

  g_assert_no_error (error);
  found = kl_tasks_extract (doc);
  first = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_cmpuint (kl_task_get_line (first), ==, 28);   /* of the file */
  g_assert_cmpuint (kl_task_get_body_line (first), !=, 28);
  g_assert_true (kl_store_save_document (f->store, doc, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_save_tasks (f->store, kl_document_get_id (doc), G_LIST_MODEL (found), &error));
  g_assert_no_error (error);

  g_clear_object (&f->store);
  f->store = store_test_open (f->path);
  stored = kl_store_load_task (f->store, kl_task_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kl_task_get_line (stored), ==, kl_task_get_body_line (first));
  g_assert_cmpuint (kl_task_get_body_line (stored), ==, kl_task_get_body_line (first));
  g_assert_cmpstr (kl_task_get_due_text (stored), ==, "trong tháng 6/2024");

  /* Confirmed again after an edit that moved it and changed its deadline: the new
   * wording and line, the same task (id and state kept). */
  g_assert_true (kl_store_set_task_state (f->store, kl_task_get_id (first), KL_TASK_STATE_DONE,
                                          "2024-05-02", &error));
  g_assert_no_error (error);
  kl_task_set_due_text (first, "quý II/2024");
  kl_task_set_body_line (first, 99);
  listed = g_list_store_new (KL_TYPE_TASK);
  g_list_store_append (listed, first);
  kl_task_set_id (first, 0);
  g_assert_true (kl_store_save_tasks (f->store, kl_document_get_id (doc), G_LIST_MODEL (listed), &error));
  g_assert_no_error (error);
  restored = kl_store_load_task (f->store, kl_task_get_id (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_task_get_id (restored), ==, kl_task_get_id (stored));
  g_assert_cmpint (kl_task_get_state (restored), ==, KL_TASK_STATE_DONE);
  g_assert_cmpstr (kl_task_get_due_text (restored), ==, "quý II/2024");
  g_assert_cmpuint (kl_task_get_body_line (restored), ==, 99);
}

static void
test_templates (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) builtin = kl_templates_builtin ();
  g_autoptr(KlTemplate) loaded = NULL;
  g_autoptr(KlTemplate) mine = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  /* First use: the built-ins are there. */
  list = kl_store_list_templates (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, builtin->len);
  name = ((KlTemplate *) builtin->pdata[0])->name;
  loaded = kl_store_load_template (f->store, name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->text, ==, ((KlTemplate *) builtin->pdata[0])->text);
  g_assert_cmpstr (loaded->kind, ==, "TB");
  g_assert_cmpint (loaded->id, >, 0);

  /* Edited: the user's text replaces it. */
  {
    g_autofree char *edited = g_strconcat (loaded->text, "\nThêm một đoạn của văn phòng.\n", NULL);
    g_free (loaded->text);
    loaded->text = g_steal_pointer (&edited);
    g_assert_true (kl_store_save_template (f->store, loaded, &error));
    g_assert_no_error (error);
  }
  mine = kl_template_new ("Thông báo ý kiến Thường trực",
                          "kind: TB\ntitle: THÔNG BÁO\nsummary: ý kiến của Thường trực\n---\n"
                          "Thường trực {{issuer.short}} có ý kiến như sau:\n");
  g_assert_true (kl_store_save_template (f->store, mine, &error));
  g_assert_no_error (error);

  /* A deleted built-in does not come back, also after reopening. */
  g_assert_true (kl_store_delete_template (f->store, ((KlTemplate *) builtin->pdata[1])->name,
                                           &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = store_test_open (f->path);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kl_store_list_templates (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, builtin->len);   /* one gone, one added */
  g_clear_pointer (&loaded, kl_template_free);
  loaded = kl_store_load_template (f->store, name, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (loaded->text, "Thêm một đoạn của văn phòng.\n"));
  g_assert_null (kl_store_load_template (f->store, ((KlTemplate *) builtin->pdata[1])->name,
                                         &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *conclusion = g_test_build_filename (G_TEST_DIST, "tasks",
                                                       "ket-luan-nhiem-vu.txt", NULL);
  g_autofree char *report_path = g_build_filename (f->dir, "theo-doi.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GFile) report_file = NULL;
  g_autoptr(KlDocument) report = NULL;
  g_autoptr(GError) error = NULL;
  char *id_text;

  if (!store_test_have_cli ())
    {
      g_test_skip ("ketluan-cli is not built");
      return;
    }
  g_clear_object (&f->store);   /* the CLI opens the library itself */

  /* Store the conclusion and keep its nine tasks. */
  {
    const char *args[] = { "tasks", conclusion, "--save", NULL };
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
    g_assert_nonnull (strstr (err, "kept 9 tasks"));
  }

  /* The list: ID STATUS DEADLINE BODY | DOCUMENT | TEXT (the form scripts read); as of
   * 1/7/2024, the tasks due 30/6/2024 are overdue. */
  {
    const char *args[] = { "tasks", "--today", "2024-07-01", NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
    lines = g_strsplit (g_strchomp (out), "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 9);
    /* By deadline: 30/4 and 30/6 are past on 1/7. */
    g_assert_nonnull (strstr (lines[0], " overdue 30/04/2024 Ban Xây dựng Đảng | 21-KL/ĐU | Ban Xây dựng Đảng xây dựng"));
    g_assert_nonnull (strstr (lines[1], " overdue 30/06/2024 Ủy ban nhân dân xã | 21-KL/ĐU | Giao"));
    g_assert_nonnull (strstr (lines[3], " open 31/08/2024 Ủy ban nhân dân xã | "));
    g_assert_nonnull (strstr (lines[8], " open - Các chi bộ thôn | 21-KL/ĐU | Các chi bộ thôn"));
  }
  /* --long: the deadline as written and the line of the stored body (the file's line 28
   * is the body's line 9). */
  {
    const char *args[] = { "tasks", "--today", "2024-07-01", "--long", NULL };
    g_auto(GStrv) long_lines = NULL;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
    long_lines = g_strsplit (g_strchomp (out), "\n", -1);
    g_assert_cmpuint (g_strv_length (long_lines), ==, 9);
    g_assert_nonnull (strstr (long_lines[0], " overdue 30/04/2024 (trong tháng 4 năm 2024) Ban Xây dựng Đảng | "
                              "21-KL/ĐU line 21 | Ban Xây dựng Đảng xây dựng"));
    g_assert_nonnull (strstr (long_lines[1], " overdue 30/06/2024 (trong tháng 6/2024) Ủy ban nhân dân xã | "
                              "21-KL/ĐU line 9 | Giao"));
    g_assert_nonnull (strstr (long_lines[2], " overdue 30/06/2024 (trước ngày 30/6) Văn phòng Đảng ủy | "
                              "21-KL/ĐU line 9 | "));
    g_assert_nonnull (strstr (long_lines[8], " open - Các chi bộ thôn | 21-KL/ĐU line 21 | Các chi bộ thôn"));
    /* A wording that names the whole date stands alone. */
    g_assert_nonnull (strstr (out, " open trước ngày 15/01/2025 Đảng ủy Quân sự xã | 21-KL/ĐU line 11 | "));
  }

  /* Done: the boundary marks. */
  id_text = g_strndup (lines[1], strcspn (lines[1], " "));
  {
    const char *args[] = { "tasks", "--done", id_text, NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
  }
  {
    const char *args[] = { "tasks", "--done", "424242", NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_false (store_test_run_cli (f->path, args, &out, &err));
    g_assert_nonnull (strstr (err, "no task 424242"));
  }
  {
    const char *args[] = { "tasks", "--today", "2024-07-01", NULL };
    g_autofree char *line = g_strdup_printf ("\n%s done 30/06/2024 Ủy ban nhân dân xã", id_text);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
    g_assert_nonnull (strstr (out, line));
  }
  g_free (id_text);

  /* The follow-up report: 8 open tasks, 2 overdue, grouped by body in order of deadline. */
  {
    const char *args[] = { "tasks", "--report", "-o", report_path, "--today", "2024-07-01", NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (store_test_run_cli (f->path, args, &out, &err));
  }
  report_file = g_file_new_for_path (report_path);
  report = kl_json_load_document (report_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_kind (report), ==, "BC");
  /* No profile in this library: the header comes from the conclusion followed. */
  g_assert_cmpstr (kl_document_get_issuer (report), ==, "ĐẢNG ỦY XÃ THANH LONG");
  g_assert_cmpstr (kl_document_get_issuer_abbreviation (report), ==, "ĐU");
  g_test_message ("%s", kl_document_get_body (report));
  g_assert_nonnull (strstr (kl_document_get_body (report), "còn 8 nhiệm vụ"));
  g_assert_nonnull (strstr (kl_document_get_body (report), "trong đó 2 nhiệm vụ đã quá thời hạn"));
  g_assert_nonnull (strstr (kl_document_get_body (report), "### 1. Ban Xây dựng Đảng"));
  g_assert_nonnull (strstr (kl_document_get_body (report), "### 2. Văn phòng Đảng ủy"));
  g_assert_nonnull (strstr (kl_document_get_body (report), "### 3. Ủy ban nhân dân xã"));
  g_assert_nonnull (strstr (kl_document_get_body (report), "(văn bản số 21-KL/ĐU; thời hạn 30/06/2024; **quá hạn**)"));
  g_assert_null (strstr (kl_document_get_body (report), "cắm mốc giới"));   /* done */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/tasks/save-list", Fixture, NULL, fixture_set_up, test_save_list,
              fixture_tear_down);
  g_test_add ("/store/tasks/body-line", Fixture, NULL, fixture_set_up, test_body_line,
              fixture_tear_down);
  g_test_add ("/store/tasks/templates", Fixture, NULL, fixture_set_up, test_templates,
              fixture_tear_down);
  g_test_add ("/store/tasks/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
