/* ui-test-util.c: the fixture the UI test programs share (see ui-test-util.h). */
#include <glib/gstdio.h>
#include "ui-test-util.h"
#include "kl-preview.h"

/* Each program names its own temp dirs (@tmp_template) so leftovers say which one left them. */
void
ui_fixture_setup (Fixture    *f,
                  const char *tmp_template)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp (tmp_template, &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "library.db", NULL);
  f->store = kl_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->window = kl_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

void
ui_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        ui_remove_tree (child);
      else
        g_unlink (child);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (path);
}

void
ui_fixture_teardown (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  ui_remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ui_wait_for (gboolean (*cond) (gpointer),
             gpointer   data,
             guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint id = g_timeout_add (20, tick, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
ui_run_for (guint ms)
{
  ui_wait_for (never, NULL, ms);
}

gboolean
ui_preview_has_pages (gpointer preview)
{
  gboolean busy;

  g_object_get (preview, "busy", &busy, NULL);
  return !busy && kl_preview_get_n_pages (preview) > 0;
}
