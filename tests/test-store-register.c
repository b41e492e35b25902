/* test-store-register.c: the number register: sequences, reservations, cancellations, concurrency. */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "store-test-common.h"

static gint64
new_draft (KlStore *store)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(GError) error = NULL;

  kl_document_set_issuer_abbreviation (doc, "HU");
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  return kl_document_get_id (doc);
}

static void
test_sequences (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gint64 d1 = new_draft (store), d2 = new_draft (store), d3 = new_draft (store);

  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXI", d1, &error), ==, 1);
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXI", d2, &error), ==, 2);
  /* Asking again for the same draft gives its number, not a new one. */
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXI", d1, &error), ==, 1);
  /* Each kind, issuer and term has its own sequence. */
  g_assert_cmpuint (kl_store_reserve_number (store, "BC", "HU", "XXI", d3, &error), ==, 1);
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "ĐU", "XXI", d3, &error), ==, 1);
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXII", d3, &error), ==, 1);
  g_assert_no_error (error);

  state = kl_store_dup_number_state (store, "TB", "HU", "XXI", 2);
  g_assert_cmpstr (state, ==, "reserved");
  g_clear_pointer (&state, g_free);

  /* A cancelled number is recorded and never handed out again. */
  g_assert_true (kl_store_cancel_number (store, "TB", "HU", "XXI", 2, &error));
  g_assert_no_error (error);
  state = kl_store_dup_number_state (store, "TB", "HU", "XXI", 2);
  g_assert_cmpstr (state, ==, "cancelled");
  g_clear_pointer (&state, g_free);
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXI", d2, &error), ==, 3);
  g_assert_cmpuint (kl_store_reserve_number (store, "TB", "HU", "XXI", 0, &error), ==, 4);

  g_assert_false (kl_store_cancel_number (store, "TB", "HU", "XXI", 99, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (kl_store_dup_number_state (store, "TB", "HU", "XXI", 99));

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

static void
test_issue_numbers (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  g_autoptr(KlOrganization) org = kl_organization_new ();
  g_autoptr(KlDocument) a = store_test_document ("một");
  g_autoptr(KlDocument) b = store_test_document ("hai");
  g_autoptr(KlDocument) c = store_test_document ("ba");
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  guint reserved;

  kl_organization_set_term (org, "XXI");
  g_assert_true (kl_store_save_organization (store, org, &error));

  /* A reserved number is the one issued. */
  g_assert_true (kl_store_save_document (store, a, &error));
  reserved = kl_store_reserve_number (store, "TB", "HU", "XXI", kl_document_get_id (a), &error);
  kl_document_set_number (a, reserved);
  g_assert_true (kl_store_issue_document (store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kl_document_get_number (a), ==, reserved);
  state = kl_store_dup_number_state (store, "TB", "HU", "XXI", reserved);
  g_assert_cmpstr (state, ==, "issued");
  g_clear_pointer (&state, g_free);

  /* Without a number, issuing takes the next one. */
  g_assert_true (kl_store_issue_document (store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kl_document_get_number (b), ==, reserved + 1);
  g_assert_cmpint (kl_document_get_id (b), >, 0);

  /* A number typed by hand that is already issued is refused, and nothing changes. */
  kl_document_set_number (c, reserved);
  g_assert_false (kl_store_issue_document (store, c, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (kl_document_get_state (c), ==, KL_DOCUMENT_STATE_DRAFT);
  g_assert_cmpuint (kl_document_get_number (c), ==, reserved);
  g_assert_cmpint (kl_document_get_id (c), ==, 0);

  /* An issued number cancelled later is still never reused. */
  g_assert_true (kl_store_cancel_number (store, "TB", "HU", "XXI", reserved + 1, &error));
  kl_document_set_number (c, 0);
  g_assert_true (kl_store_issue_document (store, c, &error));
  g_assert_cmpuint (kl_document_get_number (c), ==, reserved + 2);

  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

/* Two drafts in two windows (two connections): never the same number. */
static void
test_two_connections (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) one = store_test_open (path);
  g_autoptr(KlStore) two = store_test_open (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gint64 d1 = new_draft (one), d2 = new_draft (two);

  for (int i = 0; i < 20; i++)
    {
      KlStore *store = i % 2 == 0 ? one : two;
      guint n = kl_store_reserve_number (store, "KL", "HU", "XXI", 0, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, (guint) i + 1);
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (n)));
      g_hash_table_add (seen, GUINT_TO_POINTER (n));
    }
  g_assert_cmpuint (kl_store_reserve_number (one, "KL", "HU", "XXI", d1, &error), ==, 21);
  g_assert_cmpuint (kl_store_reserve_number (two, "KL", "HU", "XXI", d2, &error), ==, 22);
  g_assert_cmpuint (kl_store_reserve_number (two, "KL", "HU", "XXI", d1, &error), ==, 21);
  g_clear_object (&one);
  g_clear_object (&two);
  store_test_rm_rf (tmp);
}

typedef struct {
  const char *path;
  guint       count;
  guint      *numbers;
} Worker;

static gpointer
reserve_many (gpointer data)
{
  Worker *w = data;
  g_autoptr(KlStore) store = store_test_open (w->path);

  for (guint i = 0; i < w->count; i++)
    {
      g_autoptr(GError) error = NULL;

      w->numbers[i] = kl_store_reserve_number (store, "TB", "HU", "XXI", 0, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

/* Threads and processes reserving at the same time, each with its own connection. */
static void
test_concurrent (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  enum { THREADS = 4, PER_THREAD = 100, PROCESSES = 2, PER_PROCESS = 100 };
  Worker workers[THREADS];
  GThread *threads[THREADS];
  pid_t pids[PROCESSES];
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(KlStore) store = store_test_open (path);
  sqlite3_stmt *stmt = NULL;

  for (int p = 0; p < PROCESSES; p++)
    {
      pids[p] = fork ();
      g_assert_cmpint (pids[p], >=, 0);
      if (pids[p] == 0)
        {
          guint numbers[PER_PROCESS];
          Worker w = { path, PER_PROCESS, numbers };
          reserve_many (&w);
          _exit (0);
        }
    }
  for (int t = 0; t < THREADS; t++)
    {
      workers[t].path = path;
      workers[t].count = PER_THREAD;
      workers[t].numbers = g_new0 (guint, PER_THREAD);
      threads[t] = g_thread_new ("reserve", reserve_many, &workers[t]);
    }
  for (int t = 0; t < THREADS; t++)
    g_thread_join (threads[t]);
  for (int p = 0; p < PROCESSES; p++)
    {
      int status = 0;
      g_assert_cmpint (waitpid (pids[p], &status, 0), ==, pids[p]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }

  for (int t = 0; t < THREADS; t++)
    {
      for (guint i = 0; i < PER_THREAD; i++)
        {
          guint n = workers[t].numbers[i];
          g_assert_cmpuint (n, >, 0);
          g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (n)));
          g_hash_table_add (seen, GUINT_TO_POINTER (n));
        }
      g_free (workers[t].numbers);
    }
  /* Every reservation got its own number, and the numbers have no holes. */
  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                                       "SELECT count(*), count(DISTINCT number), max(number) "
                                       "FROM number_register", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, THREADS * PER_THREAD + PROCESSES * PER_PROCESS);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, THREADS * PER_THREAD + PROCESSES * PER_PROCESS);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, THREADS * PER_THREAD + PROCESSES * PER_PROCESS);
  sqlite3_finalize (stmt);
  g_clear_object (&store);
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/register/sequences", test_sequences);
  g_test_add_func ("/store/register/issue", test_issue_numbers);
  g_test_add_func ("/store/register/two-connections", test_two_connections);
  g_test_add_func ("/store/register/concurrent", test_concurrent);

  return g_test_run ();
}
