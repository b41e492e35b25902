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

GtkWidget *
ui_find_widget (GtkWidget *root,
                GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_library_sidebar (KlWindow *window)
{
  /* The sidebar is the first page of the window's leaflet. */
  GtkWidget *leaflet = ui_find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET);
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(AdwLeafletPage) first = NULL;

  g_assert_nonnull (leaflet);
  pages = G_LIST_MODEL (adw_leaflet_get_pages (ADW_LEAFLET (leaflet)));
  first = g_list_model_get_item (pages, 0);
  g_assert_nonnull (first);
  return adw_leaflet_page_get_child (first);
}

GtkWidget *
ui_library_search (KlWindow *window)
{
  GtkWidget *entry = ui_find_widget (ui_library_sidebar (window), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return entry;
}

gint64
ui_selected_row_id (KlWindow *window)
{
  /* Each row of the library carries its document's id. */
  GtkWidget *list = ui_find_widget (ui_library_sidebar (window), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = list != NULL ? gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) : NULL;
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "id") : NULL;

  return id != NULL ? *id : 0;
}

typedef struct
{
  const char *text;
  gboolean    done;
} Search;

static void
on_search_changed (GtkEditable *entry,
                   Search      *search)
{
  /* Replacing a search empties the entry first, which the entry reports at once. */
  if (g_strcmp0 (gtk_editable_get_text (entry), search->text) == 0)
    search->done = TRUE;
}

static gboolean
search_done (gpointer search)
{
  return ((Search *) search)->done;
}

void
ui_type_search (KlWindow   *window,
                const char *text)
{
  GtkWidget *entry = ui_library_search (window);
  Search search = { text, FALSE };
  gulong id = g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed), &search);

  /* The entry tells the list after a pause in typing (when not emptied). */
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (ui_wait_for (search_done, &search, 20000));
  g_signal_handler_disconnect (entry, id);
}
