/* kl-revisions-dialog.c: lists kl_store_list_revisions() and asks the window to restore one. */
#include <glib/gi18n.h>
#include "kl-revisions-dialog.h"

struct _KlRevisionsDialog
{
  AdwWindow  parent_instance;

  GtkWidget *stack;
  GtkWidget *list;
  GtkWidget *status;
  guint      n_rows;
};

G_DEFINE_FINAL_TYPE (KlRevisionsDialog, kl_revisions_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_RESTORE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "autosave") == 0)
    return _("Saved automatically");
  if (g_strcmp0 (reason, "save") == 0)
    return _("Saved with Ctrl+S");
  if (g_strcmp0 (reason, "issue") == 0)
    return _("Issued");
  if (g_strcmp0 (reason, "restore") == 0 || g_strcmp0 (reason, "before restore") == 0)
    return _("Before a restore");
  return reason;
}

static void
restore_clicked (GtkButton         *button,
                 KlRevisionsDialog *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "revision");

  g_signal_emit (self, signals[SIGNAL_RESTORE], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill (KlRevisionsDialog *self,
      KlStore           *store,
      gint64             document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = kl_store_list_revisions (store, document_id, &error);

  if (revisions == NULL)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Revisions Cannot Be Read"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status), error ? error->message : NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      KlRevisionInfo *info = g_ptr_array_index (revisions, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (info->created);
      g_autofree char *when = dt ? g_date_time_format (dt, "%d/%m/%Y %H:%M:%S") : g_strdup ("?");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
      gint64 *id = g_new (gint64, 1);
      g_autofree char *a11y = g_strdup_printf (_("Restore the revision of %s"), when);

      *id = info->id;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason_label (info->reason));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "revision", id, g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      self->n_rows++;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->n_rows > 0 ? "list" : "empty");
}

guint
kl_revisions_dialog_get_n_rows (KlRevisionsDialog *self)
{
  g_return_val_if_fail (KL_IS_REVISIONS_DIALOG (self), 0);
  return self->n_rows;
}

static void
kl_revisions_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KL_TYPE_REVISIONS_DIALOG);
  G_OBJECT_CLASS (kl_revisions_dialog_parent_class)->dispose (object);
}

static void
kl_revisions_dialog_class_init (KlRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_revisions_dialog_dispose;
  signals[SIGNAL_RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-revisions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KlRevisionsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KlRevisionsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, KlRevisionsDialog, status);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_revisions_dialog_init (KlRevisionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kl_revisions_dialog_new (GtkWindow *parent,
                         KlStore   *store,
                         gint64     document_id)
{
  KlRevisionsDialog *self;

  g_return_val_if_fail (KL_IS_STORE (store), NULL);

  self = g_object_new (KL_TYPE_REVISIONS_DIALOG, "transient-for", parent, NULL);
  fill (self, store, document_id);
  return GTK_WIDGET (self);
}
