/* test-library.c: the library sidebar while a search is typed: a document shown from outside
 * the results (new, imported, duplicated) is listed and selected, a document opened from the
 * results keeps the search, and the status page tells "no results" from an empty library. */
#include <adwaita.h>
#include "kl-window.h"
#include "ui-test-util.h"

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ui_fixture_setup (f, "ketluan-library-XXXXXX");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ui_fixture_teardown (f);
}

/* A stored draft of @kind with @body. */
static KlDocument *
add_document (Fixture    *f,
              const char *kind,
              const char *body)
{
  KlDocument *document = kl_window_new_document (f->window, kind);

  kl_document_set_body (document, body);
  g_assert_true (kl_store_save_document (f->store, document, NULL));
  return document;
}

/* Two drafts, the second open; the search finds only the first. */
static gint64
search_first_of_two (Fixture *f)
{
  gint64 forest = kl_document_get_id (add_document (f, "TB", "Hội nghị thông qua kế hoạch trồng rừng.\n"));

  add_document (f, "BC", "Báo cáo tình hình thu ngân sách.\n");
  ui_type_search (f->window, "trong rung");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  /* The open draft is not among the results: nothing is selected, the search is the user's. */
  g_assert_cmpint (ui_selected_row_id (f->window), ==, 0);
  return forest;
}

static const char *
search_text (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (ui_library_search (f->window)));
}

static void
assert_open_and_selected (Fixture *f,
                          gint64   id)
{
  g_assert_nonnull (kl_window_get_document (f->window));
  g_assert_cmpint (kl_document_get_id (kl_window_get_document (f->window)), ==, id);
  g_assert_cmpint (ui_selected_row_id (f->window), ==, id);
}

/* Opens the row of document @id as a click does. */
static void
click_row (Fixture *f,
           gint64   id)
{
  GtkWidget *list = ui_find_widget (ui_library_sidebar (f->window), GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      gint64 *row_id = g_object_get_data (G_OBJECT (row), "id");

      if (row_id != NULL && *row_id == id)
        {
          g_signal_emit_by_name (list, "row-activated", row);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The status page the sidebar shows instead of the list, or NULL when the list is shown. */
static AdwStatusPage *
shown_status (Fixture *f)
{
  GtkWidget *status = ui_find_widget (ui_library_sidebar (f->window), ADW_TYPE_STATUS_PAGE);
  GtkWidget *list = ui_find_widget (ui_library_sidebar (f->window), GTK_TYPE_LIST_BOX);

  ui_run_for (50);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status) != gtk_widget_get_mapped (list));
  return gtk_widget_get_mapped (status) ? ADW_STATUS_PAGE (status) : NULL;
}

static void
test_new_ends_search (Fixture *f, gconstpointer data)
{
  KlDocument *document;

  search_first_of_two (f);
  document = kl_window_new_document (f->window, "KL");
  g_assert_nonnull (document);
  g_assert_cmpstr (search_text (f), ==, "");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 3);
  assert_open_and_selected (f, kl_document_get_id (document));
  g_assert_null (shown_status (f));
}

static void
test_import_ends_search (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "ngan-sach.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  /* The open draft, about the budget, goes out as a file. */
  search_first_of_two (f);
  g_assert_true (kl_window_export_json (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_true (kl_window_import_json (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (search_text (f), ==, "");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 3);
  assert_open_and_selected (f, kl_document_get_id (kl_window_get_document (f->window)));
}

/* What the user opens from the results, and a copy of it (which matches too), keep the search. */
static void
test_result_keeps_search (Fixture *f, gconstpointer data)
{
  gint64 forest = search_first_of_two (f);
  gint64 copy;

  click_row (f, forest);
  assert_open_and_selected (f, forest);
  g_assert_cmpstr (search_text (f), ==, "trong rung");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.duplicate", NULL));
  copy = kl_document_get_id (kl_window_get_document (f->window));
  g_assert_cmpint (copy, !=, forest);
  g_assert_cmpstr (search_text (f), ==, "trong rung");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 2);
  assert_open_and_selected (f, copy);
}

static gboolean
search_finds_nothing (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) hits = kl_store_search (f->store, "trong rung", 10, NULL);

  return hits != NULL && hits->len == 0;
}

/* A result edited so that it no longer matches stays listed and selected while it is open,
 * rather than vanish when the edit is saved. */
static void
test_edited_result_stays (Fixture *f, gconstpointer data)
{
  gint64 forest;
  GtkTextBuffer *buffer;

  g_assert_true (kl_store_set_setting (f->store, "autosave.delay_ms", "200", NULL));
  forest = search_first_of_two (f);
  click_row (f, forest);
  buffer = kl_editor_get_body_buffer (kl_window_get_editor (f->window));
  gtk_text_buffer_set_text (buffer, "Hội nghị thông qua kế hoạch bảo vệ rừng.\n", -1);
  g_assert_true (ui_wait_for (search_finds_nothing, f, 20000));
  ui_run_for (50);
  g_assert_cmpstr (search_text (f), ==, "trong rung");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  assert_open_and_selected (f, forest);

  /* A new search is the user's again: the document is not among its results. */
  ui_type_search (f->window, "ngan sach");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  g_assert_cmpint (ui_selected_row_id (f->window), ==, 0);
}

/* Answers the visible message dialog headed @heading with @response, as its button does. */
static void
answer_dialog (const char *heading,
               const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        {
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (window), response);
          gtk_window_destroy (GTK_WINDOW (window));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
delete_open_draft (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  answer_dialog ("Delete This Draft?", "delete");
  g_assert_null (kl_window_get_document (f->window));
}

/* Deleting the only result leaves the search with no results (not an empty library); the
 * library itself empty says so, and how to start. */
static void
test_delete_last_result (Fixture *f, gconstpointer data)
{
  gint64 forest = search_first_of_two (f);
  AdwStatusPage *status;

  click_row (f, forest);
  delete_open_draft (f);
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 0);
  g_assert_cmpstr (search_text (f), ==, "trong rung");
  status = shown_status (f);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Results");
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "edit-find-symbolic");

  /* The other draft is still there. */
  ui_type_search (f->window, "");
  g_assert_cmpuint (kl_window_get_library_size (f->window), ==, 1);
  g_assert_null (shown_status (f));
  g_assert_cmpint (ui_selected_row_id (f->window), ==, 0);
}

static GtkAdjustment *
list_adjustment (Fixture *f)
{
  GtkWidget *list = ui_find_widget (ui_library_sidebar (f->window), GTK_TYPE_LIST_BOX);
  GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* The selected row lies within the part of the list scrolled into view. */
static gboolean
selected_row_in_view (gpointer data)
{
  Fixture *f = data;
  GtkWidget *list = ui_find_widget (ui_library_sidebar (f->window), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (list));
  GtkAdjustment *adjustment = list_adjustment (f);
  graphene_rect_t bounds;

  if (row == NULL || gtk_widget_get_height (GTK_WIDGET (row)) == 0
      || !gtk_widget_compute_bounds (GTK_WIDGET (row), list, &bounds))
    return FALSE;
  return bounds.origin.y >= gtk_adjustment_get_value (adjustment)
         && bounds.origin.y + bounds.size.height
            <= gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
}

/* Scrolls the list to its end, again while rows are still coming in (a slow build lays
 * the forty rows out over several frames); TRUE once it is there. */
static gboolean
scroll_list_to_bottom (gpointer data)
{
  GtkAdjustment *adjustment = list_adjustment (data);
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_adjustment_get_upper (adjustment) <= 2 * gtk_adjustment_get_page_size (adjustment))
    return FALSE;
  if (gtk_adjustment_get_value (adjustment) >= bottom - 1)
    return TRUE;
  gtk_adjustment_set_value (adjustment, bottom);
  return FALSE;
}

/* A library longer than the window, scrolled to its end: a new document, at the top of the
 * list, is scrolled into view. */
static void
test_shown_row_scrolled_into_view (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 40; i++)
    kl_window_new_document (f->window, "TB");
  g_assert_true (ui_wait_for (scroll_list_to_bottom, f, 20000));
  g_assert_false (selected_row_in_view (f));

  kl_window_new_document (f->window, "KL");
  g_assert_true (ui_wait_for (selected_row_in_view, f, 20000));
  g_assert_cmpint (ui_selected_row_id (f->window), ==, kl_document_get_id (kl_window_get_document (f->window)));
}

/* Ctrl+F again selects the last search, so that typing replaces it. */
static void
test_search_again_selects (Fixture *f, gconstpointer data)
{
  GtkWidget *entry = ui_library_search (f->window);
  int start = -1, end = -1;

  search_first_of_two (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, g_utf8_strlen ("trong rung", -1));
}

static void
test_empty_library (Fixture *f, gconstpointer data)
{
  AdwStatusPage *status = shown_status (f);

  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Documents");
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "folder-documents-symbolic");

  /* Deleting the last draft of the library comes back to it. */
  kl_window_new_document (f->window, "TB");
  g_assert_null (shown_status (f));
  delete_open_draft (f);
  status = shown_status (f);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Documents");
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/library/new-ends-search", Fixture, NULL, fixture_setup, test_new_ends_search, fixture_teardown);
  g_test_add ("/ui/library/import-ends-search", Fixture, NULL, fixture_setup, test_import_ends_search,
              fixture_teardown);
  g_test_add ("/ui/library/result-keeps-search", Fixture, NULL, fixture_setup, test_result_keeps_search,
              fixture_teardown);
  g_test_add ("/ui/library/edited-result-stays", Fixture, NULL, fixture_setup, test_edited_result_stays,
              fixture_teardown);
  g_test_add ("/ui/library/delete-last-result", Fixture, NULL, fixture_setup, test_delete_last_result,
              fixture_teardown);
  g_test_add ("/ui/library/search-again-selects", Fixture, NULL, fixture_setup, test_search_again_selects,
              fixture_teardown);
  g_test_add ("/ui/library/shown-row-scrolled-into-view", Fixture, NULL, fixture_setup,
              test_shown_row_scrolled_into_view, fixture_teardown);
  g_test_add ("/ui/library/empty-library", Fixture, NULL, fixture_setup, test_empty_library, fixture_teardown);
  return g_test_run ();
}
