/* test-application.c: the application as users start it: with Ketluan open, `ketluan --example`
 * and `ketluan FILE.ketluan` reach the running window, which adds the document to its library,
 * selects and shows it. meson runs this under dbus-run-session so that the second `ketluan`
 * finds the first on a session bus; without a bus only the in-process paths are tested. */
#include "config.h"

#include <adwaita.h>
#include "kl-application.h"
#include "kl-window.h"
#include "kl-json.h"
#include "ui-test-util.h"

typedef struct _AppFixture AppFixture;
typedef void (*AppBody) (AppFixture *f);

struct _AppFixture
{
  char          *dir;
  KlApplication *app;
  AppBody        body;
  gboolean       ran;
  KlWindow      *window;
  gint64         first_id;   /* the example opened on first start */
};

typedef struct
{
  const char *path;
  AppBody     body;
} AppTest;

typedef struct
{
  KlWindow *window;
  guint     size;
} LibrarySize;

typedef struct
{
  gboolean  exited;
  GError   *error;
} SecondInstance;

static void
app_setup (AppFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("ketluan-app-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "library.db", NULL);
  /* The application opens the library named here (the second instance inherits it, unused). */
  g_setenv ("KETLUAN_DB", db, TRUE);
  f->app = kl_application_new ();
}

static void
app_teardown (AppFixture *f, gconstpointer data)
{
  /* Finalizing the application gives up its name on the bus for the next test. */
  g_assert_finalize_object (g_steal_pointer (&f->app));
  g_unsetenv ("KETLUAN_DB");
  ui_remove_tree (f->dir);
  g_free (f->dir);
}

/* Runs in the application's main loop, once it has started as the first instance. */
static gboolean
run_body (gpointer data)
{
  AppFixture *f = data;
  GList *windows;

  if (g_application_get_is_remote (G_APPLICATION (f->app)))
    g_error ("another Ketluan owns %s on this session bus: run the test under dbus-run-session", APPLICATION_ID);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (KL_IS_WINDOW (l->data))
      f->window = l->data;
  g_assert_nonnull (f->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  /* A first start on an empty library shows the example. */
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  g_assert_nonnull (kl_window_get_document (f->window));
  f->first_id = kl_document_get_id (kl_window_get_document (f->window));
  g_assert_cmpint (f->first_id, >, 0);

  f->body (f);
  f->ran = TRUE;
  /* The last window gone, the application quits. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))) != NULL)
    gtk_window_destroy (windows->data);
  return G_SOURCE_REMOVE;
}

/* Starts the application as main.c does, with no arguments, and runs the test's body in it. */
static void
test_in_app (AppFixture *f, gconstpointer data)
{
  f->body = ((const AppTest *) data)->body;
  g_idle_add (run_body, f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);
  g_assert_true (f->ran);
}

static gboolean
library_has_size (gpointer data)
{
  LibrarySize *expected = data;

  return kl_window_get_library_size (expected->window) == expected->size;
}

/* The library has grown to two documents, and the window shows and selects the new one. */
static KlDocument *
assert_new_document_shown (AppFixture *f)
{
  LibrarySize two = { f->window, 2 };
  KlDocument *document;

  g_assert_true (ui_wait_for (library_has_size, &two, 10000));
  document = kl_window_get_document (f->window);
  g_assert_nonnull (document);
  g_assert_cmpint (kl_document_get_id (document), >, f->first_id);
  g_assert_cmpint (ui_selected_row_id (f->window), ==, kl_document_get_id (document));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  return document;
}

/* @document is one more copy of the example opened on first start. */
static void
assert_copy_of_example (AppFixture *f,
                        KlDocument *document)
{
  g_autoptr(KlDocument) first = kl_store_load_document (kl_window_get_store (f->window), f->first_id, NULL);

  g_assert_nonnull (first);
  g_assert_cmpstr (kl_document_get_summary (document), ==, kl_document_get_summary (first));
  g_assert_cmpstr (kl_document_get_body (document), ==, kl_document_get_body (first));
}

/* A document that is not the example, written as a .ketluan file in the fixture's folder. */
static char *
write_document_file (AppFixture *f,
                     const char *name)
{
  g_autoptr(KlDocument) document = kl_document_new ("KL");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  kl_document_set_summary (document, "của Ban Thường vụ về công tác cán bộ");
  kl_document_set_body (document, "Đồng ý thông qua.\n");
  g_assert_true (kl_json_save_document (document, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
on_second_instance_exited (GObject      *source,
                           GAsyncResult *result,
                           gpointer      data)
{
  SecondInstance *run = data;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &run->error);
  run->exited = TRUE;
}

static gboolean
second_instance_exited (gpointer data)
{
  return ((SecondInstance *) data)->exited;
}

/* Runs `ketluan ARG` from the fixture's folder while this process, the first instance, keeps
 * its main loop going to answer it over D-Bus; FALSE (the test skipped) without a bus. */
static gboolean
run_second_instance (AppFixture *f,
                     const char *arg)
{
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "gui", "ketluan", NULL);
  /* Absolute: the second instance starts in another folder. */
  g_autofree char *program = g_canonicalize_filename (built, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  SecondInstance run = { FALSE, NULL };

  if (g_application_get_dbus_connection (G_APPLICATION (f->app)) == NULL)
    {
      g_test_skip ("no session bus: run under dbus-run-session");
      return FALSE;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  process = g_subprocess_launcher_spawn (launcher, &error, program, arg, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_second_instance_exited, &run);
  /* A second instance hands over its arguments and exits at once; the limit only bounds a hang. */
  g_assert_true (ui_wait_for (second_instance_exited, &run, 30000));
  g_assert_no_error (run.error);
  return TRUE;
}

static void
load_example_action (AppFixture *f)
{
  KlDocument *document;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "load-example", NULL);
  document = assert_new_document_shown (f);
  assert_copy_of_example (f, document);
}

static void
second_instance_example (AppFixture *f)
{
  LibrarySize three = { f->window, 3 };
  KlDocument *document;

  if (!run_second_instance (f, "--example"))
    return;
  document = assert_new_document_shown (f);
  assert_copy_of_example (f, document);
  /* The example comes in once, not once more for the activation that follows the action. */
  g_assert_false (ui_wait_for (library_has_size, &three, 1000));
}

static void
open_file (AppFixture *f)
{
  g_autofree char *path = write_document_file (f, "cong-tac-can-bo.ketluan");
  g_autofree char *missing = g_build_filename (f->dir, "missing.ketluan", NULL);
  GFile *files[2] = { g_file_new_for_path (missing), g_file_new_for_path (path) };
  KlDocument *document;

  /* A file that cannot be read is skipped (the window says why); the next one still opens. */
  g_application_open (G_APPLICATION (f->app), files, G_N_ELEMENTS (files), "");
  document = assert_new_document_shown (f);
  g_assert_cmpstr (kl_document_get_kind (document), ==, "KL");
  g_assert_cmpstr (kl_document_get_summary (document), ==, "của Ban Thường vụ về công tác cán bộ");
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

/* A search the file's document does not match: opening the file ends it, so that the list
 * shows the document open in the editor, selected. */
static void
open_file_while_searching (AppFixture *f)
{
  g_autofree char *path = write_document_file (f, "cong-tac-can-bo.ketluan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KlDocument *document;

  /* The example's commune: the example is listed and selected, the file would not be. */
  ui_type_search (f->window, "Tân Phong");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  g_assert_cmpint (ui_selected_row_id (f->window), ==, f->first_id);
  g_application_open (G_APPLICATION (f->app), &file, 1, "");
  document = assert_new_document_shown (f);
  g_assert_cmpstr (kl_document_get_summary (document), ==, "của Ban Thường vụ về công tác cán bộ");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_library_search (f->window))), ==, "");
}

/* `ketluan --example` while a search finds nothing: the new copy is listed and selected. */
static void
load_example_while_searching (AppFixture *f)
{
  ui_type_search (f->window, "không có trong thư viện");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "load-example", NULL);
  assert_copy_of_example (f, assert_new_document_shown (f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_library_search (f->window))), ==, "");
}

static void
second_instance_open (AppFixture *f)
{
  g_autofree char *path = write_document_file (f, "cong-tac-can-bo.ketluan");
  KlDocument *document;

  /* A name relative to the second instance's folder, as a file manager or a shell passes it. */
  if (!run_second_instance (f, "cong-tac-can-bo.ketluan"))
    return;
  document = assert_new_document_shown (f);
  g_assert_cmpstr (kl_document_get_kind (document), ==, "KL");
  g_assert_cmpstr (kl_document_get_body (document), ==, "Đồng ý thông qua.\n");
}

int
main (int argc, char *argv[])
{
  static const AppTest tests[] = {
    { "/ui/application/load-example-action", load_example_action },
    { "/ui/application/second-instance-example", second_instance_example },
    { "/ui/application/open-file", open_file },
    { "/ui/application/second-instance-open", second_instance_open },
    { "/ui/application/open-file-while-searching", open_file_while_searching },
    { "/ui/application/load-example-while-searching", load_example_while_searching },
  };

  /* Without a bus of its own GDBus would start one for the X display (dbus-launch), left behind
   * after the test: point it at nothing, so the application runs as a single non-unique instance. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/dev/null/no-bus", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, AppFixture, &tests[i], app_setup, test_in_app, app_teardown);
  return g_test_run ();
}
