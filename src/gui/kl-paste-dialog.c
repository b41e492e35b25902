/* kl-paste-dialog.c: reads pasted tab-separated text into a scratch KlReport with
 * kl_tsv_read_targets() and shows each cell as read, with the importer's warnings. */
#include <glib/gi18n.h>
#include "kl-paste-dialog.h"

struct _KlPasteDialog
{
  AdwWindow    parent_instance;

  GtkWidget   *cancel_button;
  GtkWidget   *add_button;
  GtkWidget   *text_view;
  GtkWidget   *status_label;
  GtkWidget   *preview;
  GtkWidget   *warnings_list;

  KlReport    *report;
  GListStore  *warnings;
  GtkNoSelection *selection;
  guint        reparse_id;
};

G_DEFINE_FINAL_TYPE (KlPasteDialog, kl_paste_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_ACCEPTED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef enum { P_CODE, P_NAME, P_UNIT, P_PLAN, P_ACTUAL, P_RATIO, P_STATUS, P_NEXT } PreviewColumn;

static char *
text_of_buffer (KlPasteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static char *
describe_value (KlValue *value,
                char   **tooltip)
{
  g_autofree char *formatted = kl_value_format (value);

  if (kl_value_get_ambiguous (value))
    {
      guint n = 0;
      const double *readings = kl_value_get_readings (value, &n);
      GString *alts = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *r = kl_number_format (readings[i], 6);
          if (i > 0)
            g_string_append (alts, _(" or "));
          g_string_append (alts, r);
        }
      *tooltip = g_strdup_printf (_("“%s” could be %s: choose on the targets page"), kl_value_get_text (value), alts->str);
      g_string_free (alts, TRUE);
      return g_strdup_printf ("⚠ %s", kl_value_get_text (value));
    }
  if (kl_value_get_rule (value) != NULL)
    *tooltip = g_strdup (kl_value_get_rule (value));
  if (g_strcmp0 (formatted, kl_value_get_text (value)) == 0 || *kl_value_get_text (value) == '\0')
    return g_steal_pointer (&formatted);
  return g_strdup_printf ("%s → %s", kl_value_get_text (value), formatted);
}

static void
setup_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label),
                        GPOINTER_TO_INT (data) >= P_PLAN && GPOINTER_TO_INT (data) != P_STATUS ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  KlTarget *t = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch ((PreviewColumn) GPOINTER_TO_INT (data))
    {
    case P_CODE: text = g_strdup (kl_target_get_code (t)); break;
    case P_NAME: text = g_strdup (kl_target_get_name (t)); break;
    case P_UNIT: text = g_strdup (kl_target_get_unit (t)); break;
    case P_PLAN: if (!kl_target_is_group (t)) text = describe_value (kl_target_get_plan (t), &tooltip); break;
    case P_ACTUAL: if (!kl_target_is_group (t)) text = describe_value (kl_target_get_actual (t), &tooltip); break;
    case P_NEXT: if (!kl_target_is_group (t)) text = describe_value (kl_target_get_next_plan (t), &tooltip); break;
    case P_RATIO:
      if (!kl_target_is_group (t) && !isnan (kl_target_get_ratio (t)))
        text = kl_number_format_percent (kl_target_get_ratio (t));
      break;
    case P_STATUS:
      if (!kl_target_is_group (t))
        {
          text = g_strdup (kl_status_to_vietnamese (kl_target_get_status (t)));
          if (kl_target_get_disagrees (t, &tooltip))
            {
              char *marked = g_strdup_printf ("⚠ %s", text);
              g_free (text);
              text = marked;
            }
        }
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
  if (kl_target_is_group (t))
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
add_column (KlPasteDialog *self,
            const char    *title,
            PreviewColumn  col,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->preview), column);
  g_object_unref (column);
}

static void
reparse (KlPasteDialog *self)
{
  g_autofree char *text = text_of_buffer (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *probe = g_strstrip (g_strdup (text));
  GtkWidget *child;
  guint n_rows, n_warnings;

  g_clear_object (&self->report);
  g_list_store_remove_all (self->warnings);
  self->report = kl_report_new (NULL);
  while ((child = gtk_widget_get_first_child (self->warnings_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->warnings_list), child);

  if (*probe == '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->status_label), _("Nothing pasted yet"));
      gtk_widget_set_sensitive (self->add_button, FALSE);
      gtk_no_selection_set_model (self->selection, NULL);
      return;
    }
  if (!kl_tsv_read_targets (text, 1, self->report, self->warnings, &error))
    {
      guint error_line;
      const char *why = kl_core_message_split_line (error->message, &error_line);
      g_autofree char *shown = error_line > 0 ? g_strdup_printf (_("line %u: %s"), error_line, why)
                                              : g_strdup (why);

      gtk_label_set_text (GTK_LABEL (self->status_label), shown);
      gtk_widget_set_sensitive (self->add_button, FALSE);
      gtk_no_selection_set_model (self->selection, NULL);
      return;
    }
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (kl_report_get_targets (self->report)));
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (self->report)));
  n_warnings = g_list_model_get_n_items (G_LIST_MODEL (self->warnings));
  {
    g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row read", "%u rows read", n_rows), n_rows);
    g_autofree char *warns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);
    g_autofree char *status = g_strdup_printf ("%s, %s", rows, warns);
    gtk_label_set_text (GTK_LABEL (self->status_label), status);
  }
  for (guint i = 0; i < n_warnings; i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (G_LIST_MODEL (self->warnings), i);
      /* The core's "line N: " stays English (JSON readers expect it): the line in the
       * user's language, before the translated text. */
      g_autofree char *line = kl_warning_get_line (w) > 0
        ? g_strdup_printf (_("line %u: %s"), kl_warning_get_line (w), kl_warning_get_text (w))
        : g_strdup (kl_warning_get_text (w));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (self->warnings_list), row);
    }
  gtk_widget_set_visible (self->warnings_list, n_warnings > 0);
  gtk_widget_set_sensitive (self->add_button, n_rows > 0);
}

static gboolean
reparse_idle (gpointer data)
{
  KlPasteDialog *self = data;

  self->reparse_id = 0;
  reparse (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (KlPasteDialog *self)
{
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  self->reparse_id = g_timeout_add (120, reparse_idle, self);
}

void
kl_paste_dialog_set_text (KlPasteDialog *self,
                          const char    *text)
{
  g_return_if_fail (KL_IS_PASTE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), text ? text : "", -1);
  g_clear_handle_id (&self->reparse_id, g_source_remove);
  reparse (self);
}

static void
clipboard_read_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KlPasteDialog) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    kl_paste_dialog_set_text (self, text);
}

void
kl_paste_dialog_paste_clipboard (KlPasteDialog *self)
{
  g_return_if_fail (KL_IS_PASTE_DIALOG (self));

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 clipboard_read_done, g_object_ref (self));
}

KlReport *
kl_paste_dialog_get_report (KlPasteDialog *self)
{
  g_return_val_if_fail (KL_IS_PASTE_DIALOG (self), NULL);
  return self->report;
}

guint
kl_paste_dialog_get_n_warnings (KlPasteDialog *self)
{
  g_return_val_if_fail (KL_IS_PASTE_DIALOG (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->warnings));
}

void
kl_paste_dialog_accept (KlPasteDialog *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KL_IS_PASTE_DIALOG (self));

  text = text_of_buffer (self);
  g_signal_emit (self, signals[SIGNAL_ACCEPTED], 0, text);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
kl_paste_dialog_dispose (GObject *object)
{
  KlPasteDialog *self = KL_PASTE_DIALOG (object);

  g_clear_handle_id (&self->reparse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PASTE_DIALOG);
  g_clear_object (&self->report);
  g_clear_object (&self->warnings);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (kl_paste_dialog_parent_class)->dispose (object);
}

static void
kl_paste_dialog_class_init (KlPasteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_paste_dialog_dispose;
  signals[SIGNAL_ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-paste-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, KlPasteDialog, warnings_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_paste_dialog_init (KlPasteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->warnings = g_list_store_new (KL_TYPE_WARNING);
  self->report = kl_report_new (NULL);
  self->selection = gtk_no_selection_new (NULL);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->preview), GTK_SELECTION_MODEL (self->selection));
  add_column (self, "TT", P_CODE, FALSE);
  add_column (self, _("Target"), P_NAME, TRUE);
  add_column (self, _("Unit"), P_UNIT, FALSE);
  add_column (self, _("Plan"), P_PLAN, FALSE);
  add_column (self, _("Actual"), P_ACTUAL, FALSE);
  add_column (self, _("Next plan"), P_NEXT, FALSE);
  add_column (self, _("% of plan"), P_RATIO, FALSE);
  add_column (self, _("Status"), P_STATUS, FALSE);

  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), "changed",
                            G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (kl_paste_dialog_accept), self);
  gtk_widget_set_visible (self->warnings_list, FALSE);
  reparse (self);
}

GtkWidget *
kl_paste_dialog_new (GtkWindow *parent)
{
  return g_object_new (KL_TYPE_PASTE_DIALOG, "transient-for", parent, NULL);
}
