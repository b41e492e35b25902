/* test-store-corrupt.c: damaged, foreign, read-only, full and locked libraries are reported, never modified. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-test-common.h"
#include "i18n-test-common.h"

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
}

/* A real library of several pages, closed (so everything is in the main file). */
static void
make_library (const char *path, guint n_docs)
{
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(KlDocument) doc = store_test_document ("mẫu");
      GString *body = g_string_new (NULL);

      for (guint j = 0; j < 40; j++)
        g_string_append_printf (body, "Đoạn %u của văn bản %u: nội dung kết luận hội nghị.\n\n", j, i);
      kl_document_set_body (doc, body->str);
      g_string_free (body, TRUE);
      g_assert_true (kl_store_save_document (store, doc, &error));
      g_assert_no_error (error);
    }
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* Opens @path, expects @code, and checks the file's bytes did not change. */
static void
assert_refused (const char *path, int code)
{
  g_autofree char *before = checksum_file (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = kl_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, KL_STORE_ERROR, code);
  /* The message names the file and says what to do. */
  g_assert_nonnull (strstr (error->message, path));
  g_test_message ("%s", error->message);
  after = checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

static void
flip_bytes (const char *path, goffset offset, gsize count)
{
  int fd = open (path, O_RDWR);
  guint8 buf[64];

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (count, <=, sizeof buf);
  g_assert_cmpint (pread (fd, buf, count, offset), ==, (ssize_t) count);
  for (gsize i = 0; i < count; i++)
    buf[i] ^= 0xA5;
  g_assert_cmpint (pwrite (fd, buf, count, offset), ==, (ssize_t) count);
  close (fd);
}

static void
test_flipped_bytes (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *good = g_build_filename (tmp, "good.db", NULL);
  g_autofree char *bad = g_build_filename (tmp, "bad.db", NULL);
  GStatBuf st;
  guint page_size = 4096;
  guint n_pages;

  make_library (good, 12);
  g_assert_cmpint (g_stat (good, &st), ==, 0);
  n_pages = st.st_size / page_size;
  g_assert_cmpuint (n_pages, >, 8);

  /* The b-tree header of several pages: first, second, middle, last. */
  {
    const guint pages[] = { 2, 3, n_pages / 2, n_pages };
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        copy_file (good, bad);
        flip_bytes (bad, (goffset) (pages[i] - 1) * page_size, 8);
        assert_refused (bad, KL_STORE_ERROR_CORRUPT);
        g_unlink (bad);
      }
  }
  /* The schema page's b-tree header (after the 100-byte file header). */
  copy_file (good, bad);
  flip_bytes (bad, 100, 12);
  {
    g_autofree char *before = checksum_file (bad);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(KlStore) store = kl_store_open (bad, &error);

    g_assert_null (store);
    g_assert_true (g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT)
                   || g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE));
    after = checksum_file (bad);
    g_assert_cmpstr (before, ==, after);
  }
  g_unlink (bad);
  /* The magic string: not a database at all any more. */
  copy_file (good, bad);
  flip_bytes (bad, 0, 4);
  assert_refused (bad, KL_STORE_ERROR_NOT_A_DATABASE);

  /* The original still opens and is sound. */
  {
    g_autoptr(KlStore) store = store_test_open (good);
    g_autoptr(GError) error = NULL;
    g_assert_true (kl_store_check_integrity (store, &error));
  }
  store_test_rm_rf (tmp);
}

static void
test_truncated (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *good = g_build_filename (tmp, "good.db", NULL);
  g_autofree char *bad = g_build_filename (tmp, "bad.db", NULL);
  GStatBuf st;

  make_library (good, 8);
  g_assert_cmpint (g_stat (good, &st), ==, 0);

  /* Cut at a page boundary (half the pages), and in the middle of a page. */
  copy_file (good, bad);
  g_assert_cmpint (truncate (bad, (st.st_size / 4096 / 2) * 4096), ==, 0);
  assert_refused (bad, KL_STORE_ERROR_CORRUPT);
  copy_file (good, bad);
  g_assert_cmpint (truncate (bad, st.st_size - 1000), ==, 0);
  assert_refused (bad, KL_STORE_ERROR_CORRUPT);
  copy_file (good, bad);
  g_assert_cmpint (truncate (bad, 50), ==, 0);
  assert_refused (bad, KL_STORE_ERROR_NOT_A_DATABASE);
  g_assert_cmpint (truncate (bad, 0), ==, 0);
  assert_refused (bad, KL_STORE_ERROR_CORRUPT);
  store_test_rm_rf (tmp);
}

/* Killed in the middle of a checkpoint: page 1 (saying the library has grown) is in the
 * file, the pages that grow it are not yet, and the WAL still holds them all. SQLite
 * replays the WAL: this is no damage, and the library opens whole. */
static void
test_cut_checkpoint (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *good = g_build_filename (tmp, "good.db", NULL);
  g_autofree char *cut = g_build_filename (tmp, "cut.db", NULL);
  g_autofree char *good_wal = g_strconcat (good, "-wal", NULL);
  g_autofree char *cut_wal = g_strconcat (cut, "-wal", NULL);
  g_autofree char *alone = g_build_filename (tmp, "alone.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  sqlite3 *db = NULL;
  guchar header[100];
  guint32 pages;
  FILE *f;
  GStatBuf st;

  make_library (good, 8);
  g_assert_cmpint (sqlite3_open (good, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                 "INSERT INTO settings VALUES ('big', hex (randomblob (200000)))",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Copied while the connection is open: nothing of the insert is in the file yet. */
  copy_file (good, cut);
  copy_file (good_wal, cut_wal);
  sqlite3_close (db);

  g_assert_cmpint (g_stat (cut, &st), ==, 0);
  f = fopen (cut, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpuint (fread (header, 1, sizeof header, f), ==, sizeof header);
  pages = (guint32) (st.st_size / 4096) + 100;
  /* The header of the new page 1: more pages than the file has, counter valid. */
  header[28] = pages >> 24, header[29] = pages >> 16, header[30] = pages >> 8, header[31] = pages;
  memcpy (header + 92, header + 24, 4);
  g_assert_cmpint (fseek (f, 0, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (header, 1, sizeof header, f), ==, sizeof header);
  fclose (f);

  /* Without its WAL the same file is truncated indeed. */
  copy_file (cut, alone);
  assert_refused (alone, KL_STORE_ERROR_CORRUPT);

  store = kl_store_open (cut, &error);
  g_assert_no_error (error);
  g_assert_true (kl_store_check_integrity (store, &error));
  g_assert_no_error (error);
  value = kl_store_get_setting (store, "big");
  g_assert_cmpuint (strlen (value), ==, 400000);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_not_a_database (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *text = g_build_filename (tmp, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (tmp, "other.db", NULL);
  g_autofree char *big = g_build_filename (tmp, "big.db", NULL);
  GString *lines = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text, "Biên bản hội nghị\nkhông phải cơ sở dữ liệu\n", -1, NULL));
  assert_refused (text, KL_STORE_ERROR_NOT_A_DATABASE);

  /* Text longer than a page, to go past the header checks. */
  for (int i = 0; i < 2000; i++)
    g_string_append (lines, "SQLite format 3 is what this line says, but it is text.\n");
  g_assert_true (g_file_set_contents (big, lines->str, lines->len, NULL));
  g_string_free (lines, TRUE);
  assert_refused (big, KL_STORE_ERROR_NOT_A_DATABASE);

  /* Another program's SQLite database. */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); "
                                     "INSERT INTO contacts VALUES ('x')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (foreign, KL_STORE_ERROR_NOT_A_DATABASE);

  /* A directory where the library should be. */
  {
    g_autofree char *dir = g_build_filename (tmp, "dir.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(KlStore) store = NULL;

    g_mkdir (dir, 0700);
    store = kl_store_open (dir, &error);
    g_assert_null (store);
    g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE);
  }
  store_test_rm_rf (tmp);
}

/* Root ignores file permissions: the read-only checks run in a child that drops to nobody. */
static void
drop_privileges (void)
{
  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
}

static void
test_read_only (void)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("KL_TEST_RO_FILE");
      const char *ro_dir_path = g_getenv ("KL_TEST_RO_DIR_FILE");
      const char *new_path = g_getenv ("KL_TEST_RO_NEW");
      g_autoptr(GError) error = NULL;
      g_autoptr(KlStore) store = NULL;
      g_autoptr(KlDocument) doc = NULL;

      drop_privileges ();

      /* A read-only file: open for reading, every change refused. */
      store = kl_store_open (path, &error);
      g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (store);
      g_assert_true (kl_store_is_read_only (store));
      g_clear_error (&error);
      doc = kl_store_load_document (store, 1, &error);
      g_assert_no_error (error);
      kl_document_set_body (doc, "edit");
      g_assert_false (kl_store_save_document (store, doc, &error));
      g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_clear_object (&store);

      /* A library in a read-only folder. */
      store = kl_store_open (ro_dir_path, &error);
      g_assert_true (g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY));
      g_clear_error (&error);
      g_clear_object (&store);

      /* No library can be created in a read-only folder. */
      store = kl_store_open (new_path, &error);
      g_assert_null (store);
      g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY);
      g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
      return;
    }
  else
    {
      g_autofree char *tmp = store_test_tmpdir ();
      g_autofree char *rw_dir = g_build_filename (tmp, "rw", NULL);
      g_autofree char *ro_dir = g_build_filename (tmp, "ro", NULL);
      g_autofree char *path = g_build_filename (rw_dir, "k.db", NULL);
      g_autofree char *ro_path = g_build_filename (ro_dir, "k.db", NULL);
      g_autofree char *new_path = g_build_filename (ro_dir, "new", "k.db", NULL);
      g_autofree char *before = NULL;
      g_autofree char *before_ro = NULL;
      g_autofree char *after = NULL;

      g_mkdir (rw_dir, 0777);
      g_mkdir (ro_dir, 0755);
      g_chmod (tmp, 0755);
      g_chmod (rw_dir, 0777);
      make_library (path, 2);
      make_library (ro_path, 2);
      g_chmod (path, 0444);
      g_chmod (ro_path, 0444);
      g_chmod (ro_dir, 0555);
      before = checksum_file (path);
      before_ro = checksum_file (ro_path);

      g_setenv ("KL_TEST_RO_FILE", path, TRUE);
      g_setenv ("KL_TEST_RO_DIR_FILE", ro_path, TRUE);
      g_setenv ("KL_TEST_RO_NEW", new_path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();

      after = checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      g_clear_pointer (&after, g_free);
      after = checksum_file (ro_path);
      g_assert_cmpstr (before_ro, ==, after);
      store_test_rm_rf (tmp);
    }
}

static void
test_disk_full (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) small = store_test_document ("nhỏ");
  g_autoptr(KlDocument) large = store_test_document ("lớn");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GString *body = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int pages;

  g_assert_true (kl_store_save_document (store, small, &error));
  /* The file may not grow any more: SQLite then fails as on a full disk. */
  sqlite3_prepare_v2 (store->db, "PRAGMA page_count", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
  g_assert_true (kl_store_exec (store, sql, &error));

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (body, "Dòng %d của một văn bản rất dài. ", i);
  kl_document_set_body (large, body->str);
  g_string_free (body, TRUE);
  g_assert_false (kl_store_save_document (store, large, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  /* Nothing half-written: the failed document has no id, the library is as before. */
  g_assert_cmpint (kl_document_get_id (large), ==, 0);
  list = kl_store_list_documents (store, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  loaded = kl_store_load_document (store, kl_document_get_id (small), &error);
  g_assert_no_error (error);
  store_test_assert_same (small, loaded);
  g_assert_true (kl_store_check_integrity (store, &error));
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_locked_by_another_process (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = NULL;
  int ready[2], release[2];
  pid_t pid;
  char c;

  make_library (path, 1);
  g_setenv ("KETLUAN_BUSY_TIMEOUT_MS", "100", TRUE);
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (release), ==, 0);

  /* The other process holds the library exclusively until told to let go. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;
      int ok = sqlite3_open (path, &db) == SQLITE_OK
               && sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                                    "UPDATE documents SET body = body", NULL, NULL, NULL) == SQLITE_OK;
      c = ok ? 'y' : 'n';
      if (write (ready[1], &c, 1) != 1 || read (release[0], &c, 1) != 1)
        _exit (2);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (db);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'y');

  store = kl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);

  c = 'x';
  g_assert_cmpint (write (release[1], &c, 1), ==, 1);
  {
    int status = 0;
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }

  /* Once released the library opens; a write lock held by a second connection makes a
   * save fail with LOCKED and leaves the stored document as it was. */
  store = store_test_open (path);
  {
    g_autoptr(KlStore) other = store_test_open (path);
    g_autoptr(KlDocument) doc = kl_store_load_document (store, 1, &error);
    g_autoptr(KlDocument) again = NULL;
    g_autofree char *body = g_strdup (kl_document_get_body (doc));

    g_assert_true (kl_store_exec (other, "BEGIN IMMEDIATE", &error));
    kl_document_set_body (doc, "blocked");
    g_assert_false (kl_store_save_document (store, doc, &error));
    g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_LOCKED);
    g_clear_error (&error);
    g_assert_true (kl_store_exec (other, "ROLLBACK", &error));
    again = kl_store_load_document (store, 1, &error);
    g_assert_cmpstr (kl_document_get_body (again), ==, body);
  }
  g_unsetenv ("KETLUAN_BUSY_TIMEOUT_MS");
  close (ready[0]);
  close (ready[1]);
  close (release[0]);
  close (release[1]);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_damaged_revision (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlDocument) doc = store_test_document ("hư hỏng");
  g_autoptr(KlDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rev;

  rev = kl_store_add_revision (store, doc, "save", &error);
  g_assert_cmpint (rev, >, 0);
  /* A snapshot overwritten with junk is reported, not misread. */
  g_assert_true (kl_store_exec (store, "UPDATE revisions SET snapshot = x'00112233445566778899'", &error));
  loaded = kl_store_load_revision (store, rev, &error);
  g_assert_null (loaded);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static char *
journal_mode (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *mode = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mode;
}

/* A valid SQLite file whose tables are not ours (with or without our header) is refused
 * before anything is written: same bytes, same journal mode, and a message that says so. */
static void
test_wrong_schema (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *good = g_build_filename (tmp, "good.db", NULL);
  static const struct {
    const char *name;
    const char *sql;
    const char *expect;
  } cases[] = {
    /* our application id and schema version, someone else's tables */
    { "foreign-tables.db",
      "PRAGMA application_id = 1263293761; PRAGMA user_version = 7;"
      "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');",
      "table “organizations” is missing" },
    /* a schema version but no application id */
    { "versioned.db",
      "PRAGMA user_version = 3; CREATE TABLE items (id INTEGER PRIMARY KEY);",
      "another program" },
    /* our header, version 0, tables already there */
    { "version-zero.db",
      "PRAGMA application_id = 1263293761; CREATE TABLE meetings (id INTEGER);",
      "no schema version" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (tmp, cases[i].name, NULL);
      g_autofree char *mode_before = NULL, *mode_after = NULL;
      g_autofree char *before = NULL, *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(KlStore) store = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, cases[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      mode_before = journal_mode (path);
      before = checksum_file (path);

      store = kl_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "not a Ketluan library"));
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      g_assert_null (strstr (error->message, "no such table"));
      g_assert_null (strstr (error->message, "can be written"));

      after = checksum_file (path);
      g_assert_cmpstr (before, ==, after);
      mode_after = journal_mode (path);
      g_assert_cmpstr (mode_before, ==, mode_after);
      g_assert_cmpstr (mode_after, ==, "delete");
    }

  /* A real library with one table dropped: the message names that table. */
  {
    g_autofree char *before = NULL, *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(KlStore) store = NULL;
    sqlite3 *db = NULL;

    make_library (good, 1);
    g_assert_cmpint (sqlite3_open (good, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; DROP TABLE tasks; "
                                       "PRAGMA journal_mode = DELETE",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    before = checksum_file (good);
    store = kl_store_open (good, &error);
    g_assert_null (store);
    g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE);
    g_assert_nonnull (strstr (error->message, good));
    g_assert_nonnull (strstr (error->message, "table “tasks” is missing"));
    after = checksum_file (good);
    g_assert_cmpstr (before, ==, after);
    {
      g_autofree char *mode = journal_mode (good);

      g_assert_cmpstr (mode, ==, "delete");
    }
  }

  store_test_rm_rf (tmp);
}

/* Under LANGUAGE=vi what failed and what to do are Vietnamese sentences; the path stays as it
 * is and SQLite's own words come last. */
static void
test_vietnamese (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = NULL;
  g_autoptr(KlStore) other = NULL;
  g_autoptr(KlDocument) doc = NULL;

  if (!i18n_test_in_vietnamese ())
    return;
  tmp = store_test_tmpdir ();
  path = g_build_filename (tmp, "k.db", NULL);
  make_library (path, 1);
  g_setenv ("KETLUAN_BUSY_TIMEOUT_MS", "100", TRUE);
  store = store_test_open (path);
  other = store_test_open (path);
  doc = kl_store_load_document (store, 1, &error);
  g_assert_no_error (error);

  /* Another connection holds the write lock: the save cannot even begin. */
  g_assert_true (kl_store_exec (other, "BEGIN IMMEDIATE", &error));
  kl_document_set_body (doc, "bị chặn");
  g_assert_false (kl_store_save_document (store, doc, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_LOCKED);
  expected = g_strdup_printf ("%s: không bắt đầu được thay đổi: một chương trình khác đang dùng kho "
                              "văn bản; hãy đóng chương trình đó (hoặc cửa sổ Ketluan kia) rồi "
                              "thử lại (SQLite: ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);
  g_assert_true (kl_store_exec (other, "ROLLBACK", &error));

  /* A document that is not there. */
  g_assert_null (kl_store_load_document (store, 99, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_free (expected);
  expected = g_strdup_printf ("%s: trong kho không có văn bản 99", path);
  g_assert_cmpstr (error->message, ==, expected);

  g_unsetenv ("KETLUAN_BUSY_TIMEOUT_MS");
  g_clear_object (&other);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/corrupt/flipped-bytes", test_flipped_bytes);
  g_test_add_func ("/store/corrupt/truncated", test_truncated);
  g_test_add_func ("/store/corrupt/cut-checkpoint", test_cut_checkpoint);
  g_test_add_func ("/store/corrupt/not-a-database", test_not_a_database);
  g_test_add_func ("/store/corrupt/read-only", test_read_only);
  g_test_add_func ("/store/corrupt/disk-full", test_disk_full);
  g_test_add_func ("/store/corrupt/locked", test_locked_by_another_process);
  g_test_add_func ("/store/corrupt/damaged-revision", test_damaged_revision);
  g_test_add_func ("/store/corrupt/wrong-schema", test_wrong_schema);
  g_test_add_func ("/store/corrupt/vietnamese", test_vietnamese);

  return g_test_run ();
}
