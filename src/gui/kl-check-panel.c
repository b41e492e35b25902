/* kl-check-panel.c: the check before signing as a list beside the editor: each finding
 * with its place, a button for its fix, re-checked after each pause in typing. */
#include <glib/gi18n.h>
#include "kl-check-panel.h"
#include "kl-list-pane.h"

#define RECHECK_MS 400

struct _KlCheckPanel
{
  GtkBox        parent_instance;

  KlListPane    pane;
  GtkWidget    *fix_all;

  KlDocument   *document;
  gulong        changed_id;
  guint         recheck_id;
  GListStore   *findings;
  guint         n_errors;
  guint         n_warnings;
  gboolean      fixing;
  guint         generation;   /* bumped at each change: a check of older text is dropped */
  GCancellable *cancellable;  /* of the check running in a worker */
};

G_DEFINE_FINAL_TYPE (KlCheckPanel, kl_check_panel, GTK_TYPE_BOX)

enum { PROP_0, PROP_DOCUMENT, PROP_N_ERRORS, PROP_N_WARNINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_GO_TO, SIGNAL_PREPARE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Where a finding is, in words: the body line, a header field, a target. */
static char *
describe_place (KlCheckFinding *finding)
{
  const char *field = kl_check_finding_get_field (finding);
  guint line = kl_check_finding_get_line (finding);

  if (field != NULL && g_str_has_prefix (field, "body:"))
    /* TRANSLATORS: where a finding of the check is: a paragraph of the body */
    return g_strdup_printf (_("Body, paragraph %s"), field + 5);
  if (field != NULL && g_str_has_prefix (field, "reports["))
    return g_strdup (_("Targets"));
  if (field != NULL && g_str_has_prefix (field, "recipients"))
    return g_strdup (_("Recipients"));
  if (field != NULL && g_str_has_prefix (field, "signer"))
    return g_strdup (_("Signature"));
  if (field != NULL && *field != '\0')
    {
      static const struct { const char *field; const char *label; } labels[] = {
        { "issuer", N_("Issuing body") }, { "symbol", N_("Number and symbol") },
        { "place", N_("Place") }, { "date", N_("Date") }, { "title", N_("Title") },
        { "summary", N_("Summary") }, { "superior", N_("Superior body") },
      };
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        if (g_str_has_prefix (field, labels[i].field))
          return g_strdup (_(labels[i].label));
      return g_strdup (field);
    }
  if (line > 0)
    return g_strdup_printf (_("Line %u"), line);
  return g_strdup (_("Document"));
}

static void
fix_clicked (GtkButton    *button,
             KlCheckPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kl-finding-index"));

  kl_check_panel_fix (self, index);
}

static void
row_activated (GtkListBox    *list,
               GtkListBoxRow *row,
               KlCheckPanel  *self)
{
  guint index = gtk_list_box_row_get_index (row);
  g_autoptr(KlCheckFinding) finding = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->findings)))
    return;
  finding = g_list_model_get_item (G_LIST_MODEL (self->findings), index);
  g_signal_emit (self, signals[SIGNAL_GO_TO], 0,
                 kl_check_finding_get_field (finding), kl_check_finding_get_line (finding));
}


/* A finding's message as a row title: escaped, and starting with a capital as a title
 * does (the CLI prints the messages after "FILE:LINE: error: ", in lower case). */
static char *
sentence_case_markup (const char *message)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gunichar first = g_utf8_get_char (message);
  g_autofree char *escaped = NULL;

  if (first != 0)
    {
      g_string_append_unichar (s, g_unichar_totitle (first));
      g_string_append (s, g_utf8_next_char (message));
    }
  escaped = g_markup_escape_text (s->str, -1);
  return g_steal_pointer (&escaped);
}

static void
show_findings (KlCheckPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  g_autofree char *summary = NULL;
  guint fixable = 0;

  kl_list_pane_clear (&self->pane);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlCheckFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);
      gboolean error = kl_check_finding_get_severity (finding) == KL_CHECK_SEVERITY_ERROR;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      g_autofree char *place = describe_place (finding);
      g_autofree char *message = sentence_case_markup (kl_check_finding_get_message (finding));

      gtk_widget_add_css_class (icon, error ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? _("Error") : _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (kl_check_finding_has_fix (finding))
        {
          GtkWidget *button = gtk_button_new_with_label (_("Fix"));

          fixable++;
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, kl_check_finding_get_fix_description (finding));
          g_object_set_data (G_OBJECT (button), "kl-finding-index", GUINT_TO_POINTER (i));
          g_signal_connect (button, "clicked", G_CALLBACK (fix_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (GTK_LIST_BOX (self->pane.list), row);
    }

  if (self->document == NULL)
    summary = g_strdup ("");
  else if (n == 0)
    summary = g_strdup (_("No problems found"));
  else
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", self->n_errors),
                                                 self->n_errors);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                                self->n_warnings), self->n_warnings);
      /* TRANSLATORS: summary of the check, e.g. "2 errors, 3 warnings" */
      summary = g_strdup_printf (_("%s, %s"), errors, warnings);
    }
  kl_list_pane_show (&self->pane, summary, n);
  gtk_widget_set_sensitive (self->fix_all, fixable > 0);
}

static void
show_result (KlCheckPanel *self,
             GListStore   *findings)
{
  guint errors, warnings;

  g_set_object (&self->findings, findings);
  errors = kl_check_count (G_LIST_MODEL (findings), KL_CHECK_SEVERITY_ERROR);
  warnings = kl_check_count (G_LIST_MODEL (findings), KL_CHECK_SEVERITY_WARNING);
  if (errors != self->n_errors)
    {
      self->n_errors = errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (warnings != self->n_warnings)
    {
      self->n_warnings = warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  show_findings (self);
}

static void
cancel_running (KlCheckPanel *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

void
kl_check_panel_run (KlCheckPanel *self)
{
  g_autoptr(GListStore) findings = NULL;

  g_return_if_fail (KL_IS_CHECK_PANEL (self));

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  cancel_running (self);
  if (self->document != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
      findings = kl_check_document (self->document, NULL);
    }
  else
    findings = g_list_store_new (KL_TYPE_CHECK_FINDING);
  show_result (self, findings);
}

/* The check of a long document takes a few frames: it runs in a worker on a copy, and
 * the fixes of its findings apply to the document itself (they look for their text). */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_task_return_pointer (task, kl_check_document (task_data, NULL), g_object_unref);
}

static void
check_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KlCheckPanel *self = KL_CHECK_PANEL (source);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GListStore) findings = g_task_propagate_pointer (G_TASK (result), NULL);

  if (findings == NULL || generation != self->generation || self->document == NULL)
    return;
  g_clear_object (&self->cancellable);
  show_result (self, findings);
}

static gboolean
recheck_cb (gpointer data)
{
  KlCheckPanel *self = data;
  g_autoptr(GTask) task = NULL;

  self->recheck_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  cancel_running (self);
  g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, check_done, GUINT_TO_POINTER (self->generation));
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, kl_document_copy (self->document), g_object_unref);
  g_task_run_in_thread (task, check_thread);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (KlCheckPanel *self)
{
  self->generation++;
  if (self->fixing)
    return;
  /* Checking the whole document at each keystroke would cost more than it tells. */
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  self->recheck_id = g_timeout_add (RECHECK_MS, recheck_cb, self);
}

gboolean
kl_check_panel_fix (KlCheckPanel *self,
                    guint         index)
{
  g_autoptr(KlCheckFinding) finding = NULL;
  gboolean applied;

  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), FALSE);

  if (self->document == NULL || index >= g_list_model_get_n_items (G_LIST_MODEL (self->findings)))
    return FALSE;
  finding = g_list_model_get_item (G_LIST_MODEL (self->findings), index);
  g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
  self->fixing = TRUE;
  applied = kl_check_finding_apply_fix (finding, self->document);
  self->fixing = FALSE;
  kl_check_panel_run (self);
  return applied;
}

guint
kl_check_panel_fix_all (KlCheckPanel *self)
{
  guint n;

  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), 0);

  if (self->document == NULL)
    return 0;
  g_signal_emit (self, signals[SIGNAL_PREPARE], 0);
  self->fixing = TRUE;
  n = kl_check_apply_fixes (self->document, G_LIST_MODEL (self->findings));
  self->fixing = FALSE;
  kl_check_panel_run (self);
  return n;
}

static void
fix_all_clicked (KlCheckPanel *self)
{
  kl_check_panel_fix_all (self);
}

void
kl_check_panel_set_document (KlCheckPanel *self,
                             KlDocument   *document)
{
  g_return_if_fail (KL_IS_CHECK_PANEL (self));
  g_return_if_fail (document == NULL || KL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  self->generation++;
  if (document != NULL)
    self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  kl_check_panel_run (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlDocument *
kl_check_panel_get_document (KlCheckPanel *self)
{
  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), NULL);
  return self->document;
}

GListModel *
kl_check_panel_get_findings (KlCheckPanel *self)
{
  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), NULL);
  return G_LIST_MODEL (self->findings);
}

guint
kl_check_panel_get_n_errors (KlCheckPanel *self)
{
  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), 0);
  return self->n_errors;
}

guint
kl_check_panel_get_n_warnings (KlCheckPanel *self)
{
  g_return_val_if_fail (KL_IS_CHECK_PANEL (self), 0);
  return self->n_warnings;
}

static void
kl_check_panel_dispose (GObject *object)
{
  KlCheckPanel *self = KL_CHECK_PANEL (object);

  g_clear_handle_id (&self->recheck_id, g_source_remove);
  cancel_running (self);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->findings);
  G_OBJECT_CLASS (kl_check_panel_parent_class)->dispose (object);
}

static void
kl_check_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlCheckPanel *self = KL_CHECK_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_N_ERRORS: g_value_set_uint (value, self->n_errors); break;
    case PROP_N_WARNINGS: g_value_set_uint (value, self->n_warnings); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_check_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlCheckPanel *self = KL_CHECK_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kl_check_panel_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_check_panel_class_init (KlCheckPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_check_panel_dispose;
  object_class->get_property = kl_check_panel_get_property;
  object_class->set_property = kl_check_panel_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_GO_TO] = g_signal_new ("go-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
  signals[SIGNAL_PREPARE] = g_signal_new ("prepare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_check_panel_init (KlCheckPanel *self)
{
  self->findings = g_list_store_new (KL_TYPE_CHECK_FINDING);
  kl_list_pane_init (&self->pane, GTK_BOX (self), _("Findings of the check"), "emblem-ok-symbolic",
                     _("Ready to Sign"), _("The check found nothing against the format rules."));
  g_signal_connect (self->pane.list, "row-activated", G_CALLBACK (row_activated), self);
  self->fix_all = gtk_button_new_with_mnemonic (_("Fix _All"));
  gtk_widget_set_tooltip_text (self->fix_all, _("Apply every fix offered below"));
  g_signal_connect_swapped (self->fix_all, "clicked", G_CALLBACK (fix_all_clicked), self);
  gtk_box_append (GTK_BOX (self->pane.toolbar), self->fix_all);
  show_findings (self);
}

GtkWidget *
kl_check_panel_new (void)
{
  return g_object_new (KL_TYPE_CHECK_PANEL, NULL);
}
