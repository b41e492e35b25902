/* test-security.c: no network at all, private files, and a JSON file that names paths is only text. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "kl-core.h"

typedef struct {
  char *tmp;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->tmp = g_dir_make_tmp ("ketluan-security-XXXXXX", NULL);
  g_assert_nonnull (f->tmp);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  remove_tree (f->tmp);
  g_free (f->tmp);
}

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  return cli;
}

static char *
seed_path (const char *name)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");

  g_assert_nonnull (seeds);
  return g_build_filename (seeds, name, NULL);
}

/* Runs @argv (NULL-terminated); asserts it exits 0 unless @may_fail. */
static void
run (const char *const *argv, gboolean may_fail)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!may_fail && !g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
}

/* Every socket a command creates and every address it connects to, by strace. The app
 * itself may use AF_UNIX (X server, D-Bus); an AF_INET or AF_INET6 socket is a failure. */
static void
assert_no_network (Fixture *f, const char *label, const char *const *cli_args)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *log = g_build_filename (f->tmp, "strace.log", NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *trace = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_socket = 0;

  g_strv_builder_add_many (b, strace, "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg",
                           "-o", log, cli_path (), NULL);
  for (guint i = 0; cli_args[i] != NULL; i++)
    g_strv_builder_add (b, cli_args[i]);
  argv = g_strv_builder_end (b);
  run ((const char *const *) argv, FALSE);

  g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
  lines = g_strsplit (trace, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "socket(") != NULL)
        n_socket++;
      if (strstr (lines[i], "AF_INET") != NULL)   /* AF_INET and AF_INET6 */
        g_error ("%s opened a network socket: %s", label, lines[i]);
    }
  g_test_message ("%s: %u sockets, none of them AF_INET/AF_INET6", label, n_socket);
  g_unlink (log);
}

static void
test_no_network (Fixture *f, gconstpointer data)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *seed = seed_path ("001_7403cd4725ee3072.txt");
  g_autofree char *pdf = g_build_filename (f->tmp, "out.pdf", NULL);
  g_autofree char *png = g_build_filename (f->tmp, "chart.png", NULL);
  g_autofree char *json = g_build_filename (f->tmp, "doc.json", NULL);
  g_autofree char *db = g_build_filename (f->tmp, "lib", "ketluan.db", NULL);
  g_autofree char *secret = g_build_filename (f->tmp, "secret.json", NULL);
  g_autofree char *secret_pdf = g_build_filename (f->tmp, "secret.pdf", NULL);

  if (cli_path () == NULL)
    {
      g_test_skip ("KETLUAN_CLI is not built");
      return;
    }
  if (strace == NULL)
    {
      g_test_skip ("strace is not installed");
      return;
    }
  /* strace itself must work here (ptrace may be forbidden in a container). */
  {
    const char *argv[] = { strace, "-qq", "-e", "trace=none", "true", NULL };
    g_autoptr(GError) error = NULL;
    int status = 0;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
    if (!g_spawn_check_wait_status (status, NULL))
      {
        g_test_skip ("strace cannot trace here (ptrace not permitted)");
        return;
      }
  }

  {
    const char *args[] = { "render", seed, "-o", pdf, NULL };
    assert_no_network (f, "render", args);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }
  {
    const char *args[] = { "chart", seed, "--kind", "achievement", "-o", png, NULL };
    assert_no_network (f, "chart", args);
  }
  {
    const char *args[] = { "import", seed, "--json", "-o", json, NULL };
    assert_no_network (f, "import", args);
  }
  {
    const char *args[] = { "--db", db, "import", json, NULL };
    assert_no_network (f, "import into the library", args);
  }
  {
    const char *args[] = { "--db", db, "backup", NULL };
    assert_no_network (f, "backup", args);
  }
  /* check exits 1 when it finds errors: only its sockets matter here. */
  {
    g_autofree char *log = g_build_filename (f->tmp, "strace-check.log", NULL);
    g_autofree char *trace = NULL;
    const char *argv[] = { strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", log,
                           cli_path (), "check", seed, NULL };

    run (argv, TRUE);
    g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
    g_assert_null (strstr (trace, "AF_INET"));
  }

  /* A secret document is rendered where asked, and sent nowhere. */
  {
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(KlDocument) doc = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (seed, &text, &len, NULL));
    doc = kl_importer_import_text (text, (gssize) len, &error);
    g_assert_no_error (error);
    kl_document_set_secrecy (doc, KL_SECRECY_MAT);
    g_autoptr(GFile) file = g_file_new_for_path (secret);

    g_assert_true (kl_json_save_document (doc, file, &error));
    g_assert_no_error (error);
  }
  {
    const char *args[] = { "render", secret, "-o", secret_pdf, NULL };
    assert_no_network (f, "render of a secret document", args);
  }
  {
    const char *args[] = { "--db", db, "import", secret, NULL };
    assert_no_network (f, "import of a secret document", args);
  }
}

/* The library, its directory and every backup are private to the user. */
static void
test_private_files (Fixture *f, gconstpointer data)
{
  g_autofree char *seed = seed_path ("000_b13475e7178b20e5.txt");
  g_autofree char *dir = g_build_filename (f->tmp, "lib", NULL);
  g_autofree char *db = g_build_filename (dir, "ketluan.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n_backups = 0;
  GStatBuf st;
  mode_t old_mask;

  if (cli_path () == NULL)
    {
      g_test_skip ("KETLUAN_CLI is not built");
      return;
    }
  /* A permissive umask, as some desktops set: the files must still be private. */
  old_mask = umask (0);
  {
    const char *import[] = { cli_path (), "--db", db, "import", seed, NULL };
    const char *backup[] = { cli_path (), "--db", db, "backup", NULL };
    run (import, FALSE);
    run (backup, FALSE);
  }
  umask (old_mask);

  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  d = g_dir_open (backups, 0, NULL);
  g_assert_nonnull (d);
  g_assert_cmpint (g_stat (backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (backups, name, NULL);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_message ("%s: %o", name, (unsigned) (st.st_mode & 0777));
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      n_backups++;
    }
  g_assert_cmpuint (n_backups, >=, 1);
}

/* A JSON document whose fields hold paths and URLs: read as text, no file named is opened. */
static void
test_json_names_no_path (Fixture *f, gconstpointer data)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *bait = g_build_filename (f->tmp, "bait.txt", NULL);
  g_autofree char *json_path = g_build_filename (f->tmp, "paths.json", NULL);
  g_autofree char *log = g_build_filename (f->tmp, "open.log", NULL);
  g_autofree char *json = NULL;
  g_autofree char *trace = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;

  g_assert_true (g_file_set_contents (bait, "not to be read", -1, NULL));
  json = g_strdup_printf (
    "{\"format\": \"ketluan-document\", \"version\": 1, \"kind\": \"TB\",\n"
    " \"title\": \"%s\", \"summary\": \"file://%s\",\n"
    " \"body\": \"{{include %s}}\\n\\n![x](%s)\\n\\n<img src=\\\"%s\\\">\",\n"
    " \"page_style\": \"%s\", \"include\": \"%s\", \"$ref\": \"%s\",\n"
    " \"reports\": [{\"title\": \"%s\", \"text\": \"%s\", \"targets\": []}]}\n",
    bait, bait, bait, bait, bait, bait, bait, bait, bait, bait);
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));

  doc = kl_json_read_document (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_title (doc), ==, bait);     /* kept as text */
  g_assert_null (strstr (kl_document_get_body (doc), "not to be read"));

  if (cli_path () == NULL || strace == NULL)
    {
      g_test_skip ("no CLI or no strace: the file opens are not traced");
      return;
    }
  {
    g_autofree char *pdf = g_build_filename (f->tmp, "paths.pdf", NULL);
    g_autofree char *out_json = g_build_filename (f->tmp, "paths-out.json", NULL);
    const char *argv[] = { strace, "-f", "-qq", "-e", "trace=open,openat,stat,newfstatat,access",
                           "-o", log, cli_path (), "render", json_path, "-o", pdf, NULL };
    const char *argv2[] = { cli_path (), "import", json_path, "--json", "-o", out_json, NULL };

    run (argv, TRUE);
    g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
    if (strstr (trace, bait) != NULL)
      g_error ("rendering a JSON document touched a path named inside it:\n%s", trace);
    run (argv2, FALSE);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* LeakSanitizer cannot run under ptrace: the traced children of a sanitizer build skip it
   * (this process read its own options at start, so it keeps leak checking). */
  {
    const char *asan = g_getenv ("ASAN_OPTIONS");
    g_autofree char *opts = g_strconcat (asan != NULL ? asan : "", asan != NULL ? ":" : "",
                                         "detect_leaks=0", NULL);
    g_setenv ("ASAN_OPTIONS", opts, TRUE);
  }

  g_test_add ("/core/security/no-network", Fixture, NULL, fixture_set_up, test_no_network, fixture_tear_down);
  g_test_add ("/core/security/private-files", Fixture, NULL, fixture_set_up, test_private_files, fixture_tear_down);
  g_test_add ("/core/security/json-names-no-path", Fixture, NULL, fixture_set_up, test_json_names_no_path,
              fixture_tear_down);

  return g_test_run ();
}
