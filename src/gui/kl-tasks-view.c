/* kl-tasks-view.c: the Tasks tab: what the open conclusion assigns, with deadline and
 * status; confirmed tasks live in the library so that their follow-up survives edits. */
#include <glib/gi18n.h>
#include "kl-tasks-view.h"
#include "kl-list-pane.h"

struct _KlTasksView
{
  GtkBox          parent_instance;

  KlListPane      pane;
  GtkWidget      *confirm_button;
  GtkWidget      *report_button;
  GtkWidget      *all_button;

  KlStore        *store;
  KlOrganization *org;
  KlDocument     *document;
  gulong          changed_id;
  guint           reload_id;
  GListStore     *tasks;
  gboolean        confirmed;   /* the tasks shown are the stored ones */
  gboolean        all;         /* the stored tasks of every document, not the open one's */
};

G_DEFINE_FINAL_TYPE (KlTasksView, kl_tasks_view, GTK_TYPE_BOX)

enum { SIGNAL_MESSAGE, SIGNAL_OPEN_DOCUMENT, SIGNAL_SHOW_TASK, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
today (GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
}

static void
done_toggled (GtkCheckButton *check,
              KlTasksView    *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "kl-task-index"));
  g_autoptr(GError) error = NULL;

  if (!kl_tasks_view_set_done (self, index, gtk_check_button_get_active (check), &error) && error != NULL)
    g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
}

/* A task can be shown in the text when its line is known (tasks kept by a library older
 * than version 8 have none) and it is the open document's, or, under All Documents, that
 * of a stored document, which is opened first. */
static gboolean
can_show_in_text (KlTasksView *self,
                  KlTask      *task)
{
  if (kl_task_get_body_line (task) == 0)
    return FALSE;
  if (self->all)
    return self->store != NULL && kl_task_get_document_id (task) != 0;
  return self->document != NULL;
}

static void
row_activated (GtkListBox    *list,
               GtkListBoxRow *row,
               KlTasksView   *self)
{
  kl_tasks_view_show_in_text (self, (guint) gtk_list_box_row_get_index (row));
}

static void
show_tasks (KlTasksView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  guint open = 0, overdue = 0;
  GDate now;
  g_autofree char *summary = NULL;

  today (&now);
  kl_list_pane_clear (&self->pane);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      KlTaskStatus status = kl_task_get_status (task, &now);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;
      g_autofree char *due = kl_task_dup_due_display_full (task);
      g_autofree char *subtitle = NULL;
      g_autofree char *title = g_markup_escape_text (kl_task_get_text (task), -1);
      const char *assignee = kl_task_get_assignee (task);
      const char *label = status == KL_TASK_STATUS_DONE ? _("Done")
                          : status == KL_TASK_STATUS_OVERDUE ? _("Overdue") : _("Open");

      /* TRANSLATORS: under a task: who does it, and by when */
      subtitle = g_strdup_printf (_("%s · due %s"), assignee != NULL && *assignee != '\0' ? assignee : _("unassigned"), due);
      if (kl_task_get_body_line (task) > 0)
        {
          g_autofree char *line = g_strdup_printf (_("Line %u"), kl_task_get_body_line (task));
          char *with_line = g_strdup_printf ("%s · %s", subtitle, line);
          g_free (subtitle);
          subtitle = with_line;
        }
      if (self->all && kl_task_get_document_symbol (task) != NULL)
        {
          char *with_symbol = g_strdup_printf ("%s · %s", kl_task_get_document_symbol (task), subtitle);
          g_free (subtitle);
          subtitle = with_symbol;
        }
      /* Activating the row shows the task in the text, like a finding of the check. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), can_show_in_text (self, task));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      badge = gtk_label_new (label);
      gtk_widget_add_css_class (badge, "caption-heading");
      if (status == KL_TASK_STATUS_OVERDUE)
        gtk_widget_add_css_class (badge, "error");
      else if (status == KL_TASK_STATUS_DONE)
        gtk_widget_add_css_class (badge, "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      if (self->confirmed)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), status == KL_TASK_STATUS_DONE);
          gtk_widget_set_tooltip_text (check, _("Mark done"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
          g_object_set_data (G_OBJECT (check), "kl-task-index", GUINT_TO_POINTER (i));
          g_signal_connect (check, "toggled", G_CALLBACK (done_toggled), self);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->pane.list), row);
      if (status == KL_TASK_STATUS_OVERDUE)
        overdue++;
      if (status != KL_TASK_STATUS_DONE)
        open++;
    }
  if (n == 0)
    summary = g_strdup (_("No tasks found"));
  else if (!self->confirmed)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task found in the text, not yet confirmed",
                                            "%u tasks found in the text, not yet confirmed", n), n);
  else
    /* TRANSLATORS: e.g. "5 open, 1 overdue" */
    summary = g_strdup_printf (_("%u open, %u overdue"), open, overdue);
  kl_list_pane_show (&self->pane, summary, n);
  gtk_widget_set_visible (self->confirm_button, !self->confirmed && !self->all && n > 0 && self->store != NULL
                          && self->document != NULL && kl_document_get_id (self->document) != 0);
  gtk_widget_set_sensitive (self->report_button, n > 0);
}

void
kl_tasks_view_reload (KlTasksView *self)
{
  g_autoptr(GListStore) tasks = NULL;

  g_return_if_fail (KL_IS_TASKS_VIEW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->confirmed = FALSE;
  if (self->all && self->store != NULL)
    {
      tasks = kl_store_list_tasks (self->store, 0, NULL);
      self->confirmed = TRUE;
    }
  else if (self->document != NULL && self->store != NULL && kl_document_get_id (self->document) != 0)
    {
      tasks = kl_store_list_tasks (self->store, kl_document_get_id (self->document), NULL);
      self->confirmed = tasks != NULL && g_list_model_get_n_items (G_LIST_MODEL (tasks)) > 0;
      if (!self->confirmed)
        g_clear_object (&tasks);
    }
  if (tasks == NULL && self->document != NULL)
    tasks = kl_tasks_extract (self->document);
  if (tasks == NULL)
    tasks = g_list_store_new (KL_TYPE_TASK);
  g_set_object (&self->tasks, tasks);
  show_tasks (self);
}

static gboolean
reload_cb (gpointer data)
{
  KlTasksView *self = data;

  self->reload_id = 0;
  kl_tasks_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (KlTasksView *self)
{
  /* Only the found tasks follow the text; confirmed ones stay until confirmed again. */
  if (self->confirmed || self->all)
    return;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (600, reload_cb, self);
}

gboolean
kl_tasks_view_confirm (KlTasksView *self,
                       GError     **error)
{
  g_return_val_if_fail (KL_IS_TASKS_VIEW (self), FALSE);

  if (self->store == NULL || self->document == NULL || kl_document_get_id (self->document) == 0)
    return FALSE;
  if (!kl_store_save_tasks (self->store, kl_document_get_id (self->document), G_LIST_MODEL (self->tasks), error))
    return FALSE;
  kl_tasks_view_reload (self);
  return TRUE;
}

gboolean
kl_tasks_view_set_done (KlTasksView *self,
                        guint        index,
                        gboolean     done,
                        GError     **error)
{
  g_autoptr(KlTask) task = NULL;

  g_return_val_if_fail (KL_IS_TASKS_VIEW (self), FALSE);

  if (!self->confirmed || self->store == NULL || index >= g_list_model_get_n_items (G_LIST_MODEL (self->tasks)))
    return FALSE;
  task = g_list_model_get_item (G_LIST_MODEL (self->tasks), index);
  if (!kl_store_set_task_state (self->store, kl_task_get_id (task),
                                done ? KL_TASK_STATE_DONE : KL_TASK_STATE_OPEN, NULL, error))
    return FALSE;
  /* Rebuilding the rows from inside a row's toggled handler would free the button. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_idle_add (reload_cb, self);
  return TRUE;
}

gboolean
kl_tasks_view_show_in_text (KlTasksView *self,
                            guint        index)
{
  g_autoptr(KlTask) task = NULL;

  g_return_val_if_fail (KL_IS_TASKS_VIEW (self), FALSE);

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->tasks)))
    return FALSE;
  task = g_list_model_get_item (G_LIST_MODEL (self->tasks), index);
  if (!can_show_in_text (self, task))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_SHOW_TASK], 0, task);
  return TRUE;
}

void
kl_tasks_view_create_report (KlTasksView *self)
{
  g_autoptr(KlDocument) report = NULL;
  GDate now;

  g_return_if_fail (KL_IS_TASKS_VIEW (self));

  today (&now);
  report = kl_tasks_build_report (G_LIST_MODEL (self->tasks), &now, self->org);
  if (report != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_DOCUMENT], 0, report);
}

void
kl_tasks_view_set_show_all (KlTasksView *self,
                            gboolean     all)
{
  g_return_if_fail (KL_IS_TASKS_VIEW (self));

  all = !!all;
  if (self->all == all)
    return;
  self->all = all;
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->all_button)) != all)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->all_button), all);
  kl_tasks_view_reload (self);
}

static void
all_toggled (KlTasksView *self)
{
  kl_tasks_view_set_show_all (self, gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->all_button)));
}

static void
confirm_clicked (KlTasksView *self)
{
  g_autoptr(GError) error = NULL;

  if (!kl_tasks_view_confirm (self, &error) && error != NULL)
    g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
}

void
kl_tasks_view_set_store (KlTasksView *self,
                         KlStore     *store)
{
  g_return_if_fail (KL_IS_TASKS_VIEW (self));
  g_set_object (&self->store, store);
}

void
kl_tasks_view_set_organization (KlTasksView    *self,
                                KlOrganization *org)
{
  g_return_if_fail (KL_IS_TASKS_VIEW (self));
  g_set_object (&self->org, org);
}

void
kl_tasks_view_set_document (KlTasksView *self,
                            KlDocument  *document)
{
  g_return_if_fail (KL_IS_TASKS_VIEW (self));
  g_return_if_fail (document == NULL || KL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  /* The list of every document does not change with the open one, which activating one of
   * its rows may have just opened: rebuilding the rows now would free the row activated. */
  if (self->all)
    {
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload_id = g_idle_add (reload_cb, self);
      return;
    }
  kl_tasks_view_reload (self);
}

GListModel *
kl_tasks_view_get_tasks (KlTasksView *self)
{
  g_return_val_if_fail (KL_IS_TASKS_VIEW (self), NULL);
  return G_LIST_MODEL (self->tasks);
}

gboolean
kl_tasks_view_get_confirmed (KlTasksView *self)
{
  g_return_val_if_fail (KL_IS_TASKS_VIEW (self), FALSE);
  return self->confirmed;
}

static void
kl_tasks_view_dispose (GObject *object)
{
  KlTasksView *self = KL_TASKS_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_object (&self->org);
  g_clear_object (&self->tasks);
  G_OBJECT_CLASS (kl_tasks_view_parent_class)->dispose (object);
}

static void
kl_tasks_view_class_init (KlTasksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_tasks_view_dispose;
  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_OPEN_DOCUMENT] = g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, KL_TYPE_DOCUMENT);
  signals[SIGNAL_SHOW_TASK] = g_signal_new ("show-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, KL_TYPE_TASK);
}

static void
kl_tasks_view_init (KlTasksView *self)
{
  self->tasks = g_list_store_new (KL_TYPE_TASK);
  kl_list_pane_init (&self->pane, GTK_BOX (self), _("Tasks"), "view-list-bullet-symbolic", _("No Tasks"),
                     _("Tasks are the assignments of a conclusion: who does what, by when."));
  g_signal_connect (self->pane.list, "row-activated", G_CALLBACK (row_activated), self);
  self->confirm_button = gtk_button_new_with_mnemonic (_("_Confirm Tasks"));
  gtk_widget_set_tooltip_text (self->confirm_button, _("Keep these tasks in the library to follow them up"));
  self->report_button = gtk_button_new_with_mnemonic (_("Follow-up _Report"));
  gtk_widget_set_tooltip_text (self->report_button, _("Create a report document on these tasks"));
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (confirm_clicked), self);
  g_signal_connect_swapped (self->report_button, "clicked", G_CALLBACK (kl_tasks_view_create_report), self);
  self->all_button = gtk_toggle_button_new_with_mnemonic (_("_All Documents"));
  gtk_widget_set_tooltip_text (self->all_button, _("The confirmed tasks of every document in the library"));
  g_signal_connect_swapped (self->all_button, "toggled", G_CALLBACK (all_toggled), self);
  gtk_box_append (GTK_BOX (self->pane.toolbar), self->all_button);
  gtk_box_append (GTK_BOX (self->pane.toolbar), self->confirm_button);
  gtk_box_append (GTK_BOX (self->pane.toolbar), self->report_button);
  show_tasks (self);
}

GtkWidget *
kl_tasks_view_new (void)
{
  return g_object_new (KL_TYPE_TASKS_VIEW, NULL);
}
