/* store-test-common.h: helpers shared by the store tests (temp dirs, sample documents). */
#pragma once

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "store/kl-store.h"
#include "store/kl-store-private.h"

static inline char *
store_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ketluan-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
store_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  /* Directories made read-only by a test must be writable again to be emptied. */
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      store_test_rm_rf (child);
    }
  g_rmdir (path);
}

static inline KlStore *
store_test_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  KlStore *store = kl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* The first column of the first row of @sql (a count) on the store's connection. */
static inline int
store_test_count (KlStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A target with its three cells parsed from typed text. */
static inline KlTarget *
store_test_target (const char *code, const char *name, const char *unit,
                   const char *plan, const char *actual, const char *next_plan)
{
  KlTarget *t = kl_target_new (code, name, unit);
  g_autoptr(KlValue) p = kl_value_parse (plan, NULL);
  g_autoptr(KlValue) a = kl_value_parse (actual, NULL);
  g_autoptr(KlValue) n = kl_value_parse (next_plan, NULL);

  kl_target_set_plan (t, p);
  kl_target_set_actual (t, a);
  kl_target_set_next_plan (t, n);
  return t;
}

/* A conclusion notice written for the tests (not taken from the seeds): a meeting with
 * two reports on its agenda, one of them annexed with a target table. */
static inline KlDocument *
store_test_document (const char *title_words)
{
  KlDocument *doc = kl_document_new ("TB");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Thị Mai");
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  g_autoptr(KlReport) annexed = kl_report_new ("Báo cáo tình hình kinh tế - xã hội năm 2024");
  g_autoptr(KlReport) agenda_only = kl_report_new ("Báo cáo công tác kiểm tra năm 2024");
  g_autoptr(KlTarget) t1 = NULL;
  g_autoptr(KlTarget) t2 = NULL;
  g_autoptr(KlTarget) group = NULL;
  g_autoptr(KlTarget) t3 = NULL;
  g_autofree char *summary = g_strdup_printf ("Kết luận của hội nghị về %s", title_words);
  const char *recipients[] = { "- Thường trực Tỉnh ủy,", "- Các đồng chí Ủy viên BCH,",
                               "- Lưu Văn phòng.", NULL };

  kl_document_set_superior (doc, "ĐẢNG BỘ TỈNH HÒA MỸ");
  kl_document_set_issuer (doc, "HUYỆN ỦY SƠN ĐÔNG");
  kl_document_set_issuer_abbreviation (doc, "HU");
  kl_document_set_place (doc, "Sơn Đông");
  kl_document_set_date (doc, "2024-12-20");
  kl_document_set_title (doc, "THÔNG BÁO");
  kl_document_set_summary (doc, summary);
  kl_document_set_body (doc,
                        "Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ để đánh giá kết quả "
                        "năm 2024.\n\n**1. Về phát triển kinh tế**\n\nSản lượng lương thực "
                        "đạt khá; thu ngân sách vượt dự toán. Đồng chí Bí thư kết luận.\n");
  kl_document_set_signer (doc, signer);
  kl_document_set_recipients (doc, recipients);
  kl_document_set_secrecy (doc, KL_SECRECY_NONE);
  kl_document_set_urgency (doc, KL_URGENCY_KHAN);

  kl_meeting_set_body (meeting, KL_MEETING_BODY_BCH);
  kl_meeting_set_ordinal (meeting, 12);
  kl_meeting_set_meeting_type (meeting, KL_MEETING_EXTENDED);
  kl_meeting_set_date (meeting, "2024-12-18");
  kl_meeting_set_chair (meeting, "Thường trực Huyện ủy");
  kl_meeting_set_term (meeting, "XXI");
  kl_meeting_set_place (meeting, "Hội trường huyện");

  kl_report_set_presenter (annexed, "UBND huyện");
  kl_report_set_period (annexed, "năm 2024");
  kl_report_set_plan_label (annexed, "KH năm 2024");
  kl_report_set_actual_label (annexed, "TH năm 2024");
  kl_report_set_next_plan_label (annexed, "KH năm 2025");
  kl_report_set_ratio_label (annexed, "TH/KH (%)");
  kl_report_set_annex_title (annexed, "BIỂU CHỈ TIÊU");
  kl_report_set_annex_chart (annexed, "bullet");

  t1 = store_test_target ("1", "Sản lượng lương thực", "Tấn", "61.000", "17.501", "≥ 62.000");
  /* The user settled the ambiguous plan as sixty-one thousand. */
  if (kl_value_get_ambiguous (kl_target_get_plan (t1)))
    kl_value_settle (kl_target_get_plan (t1), 61000);
  kl_target_set_kind (t1, KL_TARGET_KIND_MAIN);
  kl_target_set_typed_status (t1, "Đạt");
  kl_target_set_source_line (t1, 42);
  group = kl_target_new_group ("2", "Các chỉ tiêu xã hội");
  t2 = store_test_target ("2.1", "Tỷ lệ hộ nghèo", "%", "dưới 3", "2,8", "15-20");
  kl_target_set_group (t2, "Các chỉ tiêu xã hội");
  kl_target_set_direction (t2, KL_DIRECTION_LOWER_BETTER);
  t3 = store_test_target ("2.2", "Số lao động được đào tạo", "người", "1.105", "Duy trì 98,5", "-");
  g_list_store_append (kl_report_get_targets (annexed), t1);
  g_list_store_append (kl_report_get_targets (annexed), group);
  g_list_store_append (kl_report_get_targets (annexed), t2);
  g_list_store_append (kl_report_get_targets (annexed), t3);

  g_list_store_append (kl_meeting_get_reports (meeting), agenda_only);
  g_list_store_append (kl_meeting_get_reports (meeting), annexed);
  kl_document_set_meeting (doc, meeting);
  g_list_store_append (kl_document_get_reports (doc), annexed);
  return doc;
}

/* Deep equality through the revision snapshot, plus the fields a snapshot could miss. */
static inline void
store_test_assert_same (KlDocument *a, KlDocument *b)
{
  g_autoptr(GBytes) sa = kl_store_snapshot_document (a);
  g_autoptr(GBytes) sb = kl_store_snapshot_document (b);

  g_assert_cmpstr (kl_document_get_kind (a), ==, kl_document_get_kind (b));
  g_assert_cmpstr (kl_document_get_body (a), ==, kl_document_get_body (b));
  g_assert_cmpstr (kl_document_get_summary (a), ==, kl_document_get_summary (b));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (a))), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (b))));
  g_assert_true (g_bytes_equal (sa, sb));
}

/* Runs $KETLUAN_CLI --db @db @args… and collects its output; TRUE when it exits with 0.
 * The caller checks first that the program is built (store_test_have_cli()). */
static inline gboolean
store_test_run_cli (const char *db, const char * const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("KETLUAN_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", *out, *err);
  return g_spawn_check_wait_status (status, NULL);
}

static inline gboolean
store_test_have_cli (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  return cli != NULL && g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE);
}
