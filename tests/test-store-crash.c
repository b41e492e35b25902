/* test-store-crash.c: a writer killed with SIGKILL at random moments never damages the library
 * nor loses a committed save.
 *
 * The test runs itself as the writer ("--crash-child DB"): it autosaves a large document in a
 * loop, each save with a revision, and prints the number of each save once committed. The body
 * of save n is a function of n alone, so the parent can tell that what is stored is whole.
 * KETLUAN_CRASH_KILLS sets the number of kills (default 200: about 30 s; 1000 take 2 to 3 minutes). */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-test-common.h"
#include "store/kl-autosaver.h"

#define DEFAULT_KILLS 200

/* About twenty printed pages. */
static char *
make_body (guint64 n)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "REV %" G_GUINT64_FORMAT "\n\n", n);
  for (int i = 0; i < 120; i++)
    g_string_append_printf (s, "Đoạn %d của lần lưu %" G_GUINT64_FORMAT ": Ban Chấp hành thống nhất "
                            "các nhiệm vụ trọng tâm, giao các cơ quan triển khai thực hiện và báo "
                            "cáo kết quả; chỉ tiêu %d đạt %d phần trăm kế hoạch.\n\n",
                            i, n, i, (int) ((n + i) % 100));
  g_string_append_printf (s, "END %" G_GUINT64_FORMAT "\n", n);
  return g_string_free (s, FALSE);
}

/* The save number written in a stored body, checking that the whole body matches it. */
static guint64
body_revision (const char *body)
{
  g_autofree char *expected = NULL;
  guint64 n;

  g_assert_nonnull (body);
  g_assert_true (g_str_has_prefix (body, "REV "));
  n = g_ascii_strtoull (body + 4, NULL, 10);
  expected = make_body (n);
  g_assert_cmpstr (body, ==, expected);
  return n;
}

static KlDocument *
make_large_document (void)
{
  KlDocument *doc = store_test_document ("an toàn dữ liệu");
  g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  g_autofree char *body = make_body (0);

  for (int i = 0; i < 100; i++)
    {
      g_autofree char *code = g_strdup_printf ("9.%d", i + 1);
      g_autofree char *name = g_strdup_printf ("Chỉ tiêu thành phần số %d", i + 1);
      g_autoptr(KlTarget) t = store_test_target (code, name, "%", "95", "96,5", "≥ 97");
      g_list_store_append (kl_report_get_targets (report), t);
    }
  kl_document_set_body (doc, body);
  return doc;
}

static int
run_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = kl_store_open (path, &error);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlAutosaver) saver = NULL;
  guint64 n;

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  doc = kl_store_load_document (store, 1, &error);
  if (doc == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  n = body_revision (kl_document_get_body (doc));
  /* A revision with every save: the interval is 0. */
  saver = kl_autosaver_new (store, doc, 1000, 0);
  for (;;)
    {
      g_autofree char *body = make_body (++n);
      char line[32];
      int len;

      kl_document_set_body (doc, body);
      if (!kl_autosaver_flush (saver, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 3;
        }
      len = g_snprintf (line, sizeof line, "%" G_GUINT64_FORMAT "\n", n);
      if (write (STDOUT_FILENO, line, len) != len)
        return 4;
    }
  return 0;
}

/* Reads what the child printed; returns the last complete number (0 if none). */
static guint64
drain (int fd, GString *buffer, guint64 last)
{
  char chunk[4096];
  ssize_t r;
  char *nl;

  while ((r = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (buffer, chunk, r);
  while ((nl = strchr (buffer->str, '\n')) != NULL)
    {
      last = g_ascii_strtoull (buffer->str, NULL, 10);
      g_string_erase (buffer, 0, nl - buffer->str + 1);
    }
  return last;
}

static void
test_kill_writer (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "ketluan.db", NULL);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *env = g_getenv ("KETLUAN_CRASH_KILLS");
  guint kills = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_KILLS;
  guint64 stored = 0;
  guint killed_mid_save = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (exe);
  {
    g_autoptr(KlStore) store = store_test_open (path);
    g_autoptr(KlDocument) doc = make_large_document ();
    g_autoptr(GError) error = NULL;

    g_assert_true (kl_store_save_document (store, doc, &error));
    g_assert_no_error (error);
    g_assert_cmpint (kl_document_get_id (doc), ==, 1);
  }

  for (guint k = 0; k < kills; k++)
    {
      const char *argv[] = { exe, "--crash-child", path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_autoptr(KlStore) store = NULL;
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(GPtrArray) revisions = NULL;
      GPid pid;
      int out_fd;
      int status = 0;
      guint64 reported = 0, now_stored;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Anywhere: while opening, loading, or in the middle of a save. */
      g_usleep (g_test_rand_int_range (2000, 150000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* Killed, not failed: a child that stopped on its own has an error to show. */
      g_assert_true (WIFSIGNALED (status));
      reported = drain (out_fd, buffer, 0);
      close (out_fd);
      if (reported > 0)
        killed_mid_save++;

      /* The library opens, is sound, and holds a whole save at least as new as the last
       * one reported committed (at most one newer: committed, not yet reported). */
      store = kl_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (kl_store_check_integrity (store, &error));
      g_assert_no_error (error);
      doc = kl_store_load_document (store, 1, &error);
      g_assert_no_error (error);
      now_stored = body_revision (kl_document_get_body (doc));
      g_assert_cmpuint (now_stored, >=, stored);
      if (reported > 0)
        {
          g_assert_cmpuint (now_stored, >=, reported);
          g_assert_cmpuint (now_stored, <=, reported + 1);
        }
      else
        g_assert_cmpuint (now_stored, <=, stored + 1);
      /* The document and its revision are one transaction. */
      revisions = kl_store_list_revisions (store, 1, &error);
      if (now_stored > 0)
        {
          g_autoptr(KlDocument) newest = NULL;

          g_assert_cmpuint (revisions->len, >, 0);
          newest = kl_store_load_revision (store, ((KlRevisionInfo *) g_ptr_array_index (revisions, 0))->id,
                                           &error);
          g_assert_no_error (error);
          g_assert_cmpuint (body_revision (kl_document_get_body (newest)), ==, now_stored);
        }
      stored = now_stored;
    }

  g_test_message ("%u kills (%u after at least one save), %" G_GUINT64_FORMAT
                  " saves committed, %.1f s", kills, killed_mid_save, stored,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (stored, >, 0);
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "--crash-child") == 0)
    return run_child (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/kill-writer", test_kill_writer);
  return g_test_run ();
}
