/* test-drafting.c: the drafting help in the window under Xvfb: the check before signing
 * and its fixes, generated sentences, templates, and the tasks of a conclusion. */
#include <glib/gstdio.h>
#include <adwaita.h>
#include "kl-window.h"
#include "ui-test-util.h"
#include "kl-check-panel.h"
#include "kl-tasks-view.h"
#include "kl-sentences.h"

static const char table[] =
  "TT\tChỉ tiêu\tĐVT\tKH 2025\tTH 2025\tKH 2026\n"
  "1\tThu nhập bình quân đầu người\tTriệu đồng\t58\t58,2\t62\n"
  "2\tSản lượng lương thực\tTấn\t12.480\t12.600\t12.700\n"
  "3\tTỷ lệ hộ nghèo\t%\t4\t4,5\t3,5\n";

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ui_fixture_setup (f, "ketluan-drafting-XXXXXX");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ui_fixture_teardown (f);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static KlCheckPanel *
find_check_panel (GtkWidget *widget)
{
  if (KL_IS_CHECK_PANEL (widget))
    return KL_CHECK_PANEL (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      KlCheckPanel *found = find_check_panel (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KlTasksView *
find_tasks_view (GtkWidget *widget)
{
  if (KL_IS_TASKS_VIEW (widget))
    return KL_TASKS_VIEW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      KlTasksView *found = find_tasks_view (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first "Fix" button under @widget whose row is the finding of @rule (by its tooltip
 * being that finding's fix description). */
static GtkWidget *
find_fix_button (GtkWidget  *widget,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Fix") == 0
      && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_fix_button (c, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
body_text (KlWindow *window)
{
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (kl_window_get_editor (window));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

/* A recipient line without its dash is found, shown with a Fix button, and the button
 * fixes the document; the Check tab's badge counts the errors. */
static void
test_check_fix (Fixture *f, gconstpointer data)
{
  KlDocument *document = kl_window_new_document (f->window, "TB");
  KlCheckPanel *panel = find_check_panel (GTK_WIDGET (f->window));
  const char *recipients[] = { "Ban Thường vụ Huyện ủy,", "- Lưu Văn phòng.", NULL };
  GListModel *findings;
  g_autofree char *tooltip = NULL;
  guint errors_before;
  gboolean found = FALSE;
  GtkWidget *button;

  g_assert_nonnull (panel);
  kl_document_set_recipients (document, recipients);
  kl_check_panel_run (panel);
  findings = kl_check_panel_get_findings (panel);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KlCheckFinding) finding = g_list_model_get_item (findings, i);
      if (g_strcmp0 (kl_check_finding_get_rule (finding), "recipients-dash") == 0
          && g_strcmp0 (kl_check_finding_get_field (finding), "recipients[0]") == 0)
        {
          found = TRUE;
          g_assert_true (kl_check_finding_has_fix (finding));
          tooltip = g_strdup (kl_check_finding_get_fix_description (finding));
        }
    }
  g_assert_true (found);
  errors_before = kl_check_panel_get_n_errors (panel);
  g_assert_cmpuint (errors_before, >, 0);

  /* What a click on the row's Fix button does. */
  button = find_fix_button (GTK_WIDGET (panel), tooltip);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  g_assert_cmpstr (kl_document_get_recipients (document)[0], ==, "- Ban Thường vụ Huyện ủy,");
  g_assert_cmpuint (kl_check_panel_get_n_errors (panel), <, errors_before);
  findings = kl_check_panel_get_findings (panel);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KlCheckFinding) finding = g_list_model_get_item (findings, i);
      g_assert_false (g_strcmp0 (kl_check_finding_get_rule (finding), "recipients-dash") == 0
                      && g_strcmp0 (kl_check_finding_get_field (finding), "recipients[0]") == 0);
    }

  /* Picking a finding goes to its place: the recipients are on the Document tab. */
  {
    GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (panel), ADW_TYPE_VIEW_STACK);
    GtkWidget *row = find_row (GTK_WIDGET (panel));

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "check");
    g_assert_nonnull (row);
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), !=, "check");
  }

  /* A change is checked again after a pause, without asking. */
  {
    const char *bad[] = { "Các chi bộ trực thuộc,", "- Lưu.", NULL };
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    guint errors = kl_check_panel_get_n_errors (panel);

    kl_document_set_recipients (document, bad);
    while (kl_check_panel_get_n_errors (panel) == errors && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (kl_check_panel_get_n_errors (panel), >, errors);
  }

  /* Fix All applies every fix at once. */
  g_assert_cmpuint (kl_check_panel_fix_all (panel), >=, 1);
  g_assert_cmpstr (kl_document_get_recipients (document)[0], ==, "- Các chi bộ trực thuộc,");
}

/* "Insert sentences" puts the count sentence of the targets into the body at the cursor;
 * after a target changes, "Update sentences" shows the difference and replaces the text. */
static void
test_insert_sentences (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  KlDocument *document = kl_window_new_document (f->window, "BC");
  KlTargetsPage *targets = kl_window_get_targets_page (f->window);
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (kl_window_get_editor (f->window));
  g_autofree char *count = NULL;
  g_autofree char *body = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  KlReport *report;
  KlTarget *target;
  AdwMessageDialog *dialog = NULL;

  gtk_text_buffer_set_text (buffer, "Mở đầu.\n", -1);
  g_assert_cmpuint (kl_targets_page_add_from_text (targets, table, &error), ==, 3);
  g_assert_no_error (error);
  report = kl_targets_page_get_report (targets);
  g_assert_nonnull (report);
  count = kl_sentences_count (report);
  g_assert_nonnull (count);
  g_test_message ("count sentence: %s", count);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (targets), "win.insert-sentences", NULL));
  body = body_text (f->window);
  g_test_message ("body after inserting:\n%s", body);
  g_assert_nonnull (strstr (body, count));
  /* Shown as paragraphs, not as markup: no empty paragraph between them. */
  g_assert_null (strstr (body, "\n\n"));
  g_assert_true (g_str_has_prefix (body, "Mở đầu."));
  g_assert_nonnull (strstr (kl_document_get_body (document), count));

  /* Closed and opened again: the inserted sentences are still known. */
  kl_editor_flush (kl_window_get_editor (f->window));
  g_assert_true (kl_store_save_document (f->store, document, &error));
  g_assert_true (kl_window_open_document (f->window, kl_document_get_id (document), &error));
  g_assert_no_error (error);
  g_assert_true (kl_window_get_document (f->window) != document);
  report = kl_targets_page_get_report (targets);
  g_assert_nonnull (report);

  /* The poverty rate now meets its plan: the count changes. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), 2);
    target = KL_TARGET (item);
    g_assert_cmpstr (kl_target_get_name (target), ==, "Tỷ lệ hộ nghèo");
    g_autoptr(KlValue) actual = kl_value_parse ("3,9", NULL);
    kl_target_set_actual (target, actual);
  }
  {
    g_autofree char *new_count = kl_sentences_count (report);
    g_autofree char *updated = NULL;

    g_assert_cmpstr (new_count, !=, count);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.update-sentences", NULL));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
          dialog = ADW_MESSAGE_DIALOG (window);
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "replace");
    gtk_window_destroy (GTK_WINDOW (dialog));
    spin ();
    updated = body_text (f->window);
    g_assert_nonnull (strstr (updated, new_count));
    g_assert_null (strstr (updated, count));
    g_assert_true (g_str_has_prefix (updated, "Mở đầu."));
  }
}

/* Each built-in template makes a stored document of its kind, filled from the profile. */
static void
test_template (Fixture *f, gconstpointer data)
{
  static const struct { const char *name; const char *kind; } cases[] = {
    { "Thông báo kết luận hội nghị", "TB" },
    { "Kết luận", "KL" },
    { "Báo cáo kèm biểu chỉ tiêu", "BC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint before = kl_window_get_library_size (f->window);
      KlDocument *document = kl_window_new_from_template (f->window, cases[i].name, &error);

      g_assert_no_error (error);
      g_assert_nonnull (document);
      g_assert_true (kl_window_get_document (f->window) == document);
      g_assert_cmpstr (kl_document_get_kind (document), ==, cases[i].kind);
      g_assert_cmpint (kl_document_get_id (document), >, 0);
      g_assert_cmpuint (kl_window_get_library_size (f->window), ==, before + 1);
    }
  /* With a document open, the report takes its target tables and meeting along. */
  if (g_getenv ("KETLUAN_DATA") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (g_getenv ("KETLUAN_DATA"), "examples", "vi-thong-bao-ket-luan.txt", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(KlDocument) example = kl_importer_import_file (file, &error);
      KlDocument *report;
      guint n_reports;

      g_assert_no_error (error);
      n_reports = g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (example)));
      g_assert_cmpuint (n_reports, >, 0);
      g_assert_true (kl_store_save_document (f->store, example, &error));
      g_assert_true (kl_window_open_document (f->window, kl_document_get_id (example), &error));
      report = kl_window_new_from_template (f->window, "Báo cáo kèm biểu chỉ tiêu", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (report))), ==, n_reports);
      g_test_message ("meeting of the example: %p, of the report: %p",
                      (void *) kl_document_get_meeting (example), (void *) kl_document_get_meeting (report));
      if (kl_document_get_meeting (example) != NULL)
        g_assert_nonnull (kl_document_get_meeting (report));
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (kl_window_new_from_template (f->window, "no such template", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* The selected text of @buffer (a new string). */
static char *
selected_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return NULL;
  return gtk_text_iter_get_text (&start, &end);
}

/* The example conclusion's four tasks are listed, confirmed into the library, shown in
 * the text (from another document too), marked done, and give a follow-up report. */
static void
test_tasks (Fixture *f, gconstpointer data)
{
  const char *dir = g_getenv ("KETLUAN_DATA");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) document = NULL;
  g_autofree char *path = NULL;
  KlTasksView *view = find_tasks_view (GTK_WIDGET (f->window));
  GListModel *tasks;

  if (dir == NULL)
    {
      g_test_skip ("KETLUAN_DATA not set");
      return;
    }
  g_assert_nonnull (view);
  path = g_build_filename (dir, "examples", "vi-thong-bao-ket-luan.txt", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    document = kl_importer_import_file (file, &error);
    g_assert_no_error (error);
  }
  g_assert_true (kl_store_save_document (f->store, document, &error));
  g_assert_true (kl_window_open_document (f->window, kl_document_get_id (document), &error));
  tasks = kl_tasks_view_get_tasks (view);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 4);
  g_assert_false (kl_tasks_view_get_confirmed (view));

  g_assert_true (kl_tasks_view_confirm (view, &error));
  g_assert_no_error (error);
  g_assert_true (kl_tasks_view_get_confirmed (view));
  tasks = kl_tasks_view_get_tasks (view);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 4);

  /* Each row shows the deadline as written beside its date, and the line of the body;
   * activating it shows the task there. */
  {
    g_autoptr(KlTask) third = g_list_model_get_item (tasks, 2);   /* by deadline */
    GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
    GtkWidget *row = find_row (GTK_WIDGET (view));
    GtkTextBuffer *buffer = kl_editor_get_body_buffer (kl_window_get_editor (f->window));
    g_autofree char *line = g_strdup_printf ("Line %u", kl_task_get_body_line (third));
    g_autofree char *text = NULL;
    g_autofree char *selected = NULL;
    GtkTextIter iter;

    g_assert_cmpstr (kl_task_get_due_text (third), ==, "trong tháng 6/2026");
    g_assert_cmpuint (kl_task_get_body_line (third), >, 0);
    g_assert_nonnull (row);
    g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
    /* "trước ngày 25/12/2025" gives the date already: it is not shown twice. */
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "due trước ngày 25/12/2025 ·"));
    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "25/12/2025 ("));
    row = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (row));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "30/06/2026 (trong tháng 6/2026)"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), line));

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "tasks");
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "document");
    /* The task's sentence is selected, the cursor at its start: the second sentence of
     * its paragraph, on the paragraph's line (the buffer shows no blank lines). */
    selected = selected_text (buffer);
    g_assert_cmpstr (selected, ==, kl_task_get_text (third));
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    g_assert_false (gtk_text_iter_starts_line (&iter));
    gtk_text_iter_set_line_offset (&iter, 0);
    {
      GtkTextIter end = iter;

      gtk_text_iter_forward_to_line_end (&end);
      text = gtk_text_iter_get_text (&iter, &end);
    }
    g_assert_true (g_str_has_prefix (text, "Giao Ủy ban nhân dân xã hoàn thiện"));
    g_assert_nonnull (strstr (text, kl_task_get_text (third)));

    /* A task without a line (kept by an older library) has nothing to show. */
    kl_task_set_body_line (third, 0);
    g_assert_false (kl_tasks_view_show_in_text (view, 2));
    g_assert_true (kl_tasks_view_show_in_text (view, 0));
    g_assert_false (kl_tasks_view_show_in_text (view, 99));
  }

  g_assert_true (kl_tasks_view_set_done (view, 0, TRUE, &error));
  g_assert_no_error (error);
  spin ();
  {
    g_autoptr(GListStore) stored = kl_store_list_tasks (f->store, kl_document_get_id (kl_window_get_document (f->window)), &error);
    guint done = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stored)); i++)
      {
        g_autoptr(KlTask) task = g_list_model_get_item (G_LIST_MODEL (stored), i);
        if (kl_task_get_state (task) == KL_TASK_STATE_DONE)
          done++;
      }
    g_assert_cmpuint (done, ==, 1);
  }

  /* The library-wide list holds the confirmed tasks, with the one done. Under it, a task
   * of another document opens that one, the open one saved with what was just typed, and
   * shows the task's sentence. */
  {
    gint64 conclusion = kl_document_get_id (document);
    KlDocument *other = kl_window_new_document (f->window, "TB");
    gint64 other_id = kl_document_get_id (other);
    GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
    KlEditor *editor = kl_window_get_editor (f->window);
    GtkTextBuffer *buffer = kl_editor_get_body_buffer (editor);
    GtkWidget *row;
    GtkTextIter iter;
    g_autoptr(KlTask) task = NULL;
    g_autoptr(KlDocument) saved = NULL;
    g_autofree char *selected = NULL;

    g_assert_cmpint (other_id, !=, 0);
    g_assert_cmpint (other_id, !=, conclusion);
    gtk_text_buffer_insert_at_cursor (buffer, "Nội dung vừa gõ", -1);
    kl_tasks_view_set_show_all (view, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (kl_tasks_view_get_tasks (view)), ==, 4);
    task = g_list_model_get_item (kl_tasks_view_get_tasks (view), 1);
    g_assert_cmpint (kl_task_get_document_id (task), ==, conclusion);
    row = gtk_widget_get_next_sibling (find_row (GTK_WIDGET (view)));
    g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "tasks");
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
    g_assert_cmpint (kl_document_get_id (kl_window_get_document (f->window)), ==, conclusion);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "document");
    selected = selected_text (buffer);
    g_assert_cmpstr (selected, ==, kl_task_get_text (task));
    saved = kl_store_load_document (f->store, other_id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (kl_document_get_body (saved), "Nội dung vừa gõ"));
    /* The list is read again once the activation is over, not under it. */
    spin ();
    g_assert_cmpuint (g_list_model_get_n_items (kl_tasks_view_get_tasks (view)), ==, 4);

    /* A line kept before the text moved: the sentence is found elsewhere in the body. */
    g_clear_pointer (&selected, g_free);
    g_assert_true (kl_editor_go_to_text (editor, 1, kl_task_get_text (task)));
    selected = selected_text (buffer);
    g_assert_cmpstr (selected, ==, kl_task_get_text (task));
    /* A sentence no longer there: the start of the paragraph, nothing selected. */
    g_assert_false (kl_editor_go_to_text (editor, kl_task_get_body_line (task), "Không có câu này"));
    g_assert_false (gtk_text_buffer_get_has_selection (buffer));
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    g_assert_true (gtk_text_iter_starts_line (&iter));
  }
  kl_tasks_view_set_show_all (view, FALSE);

  {
    guint before;

    kl_window_reload_library (f->window);
    before = kl_window_get_library_size (f->window);
    kl_tasks_view_create_report (view);
    spin ();
    g_assert_cmpstr (kl_document_get_kind (kl_window_get_document (f->window)), ==, "BC");
    g_assert_cmpuint (kl_window_get_library_size (f->window), ==, before + 1);
  }
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/drafting/check-fix", Fixture, NULL, fixture_setup, test_check_fix, fixture_teardown);
  g_test_add ("/ui/drafting/insert-sentences", Fixture, NULL, fixture_setup, test_insert_sentences, fixture_teardown);
  g_test_add ("/ui/drafting/template", Fixture, NULL, fixture_setup, test_template, fixture_teardown);
  g_test_add ("/ui/drafting/tasks", Fixture, NULL, fixture_setup, test_tasks, fixture_teardown);
  return g_test_run ();
}
