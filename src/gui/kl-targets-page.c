/* kl-targets-page.c: a GtkColumnView over the report's targets (GListStore of KlTarget):
 * cells bind to the target's properties, warnings offer the readings of ambiguous values. */
#include <glib/gi18n.h>
#include "kl-targets-page.h"
#include "kl-paste-dialog.h"

struct _KlTargetsPage
{
  GtkBox              parent_instance;

  GtkWidget          *report_dropdown;
  GtkWidget          *summary_label;
  GtkWidget          *stack;
  GtkWidget          *column_view;
  GtkWidget          *details_button;
  GtkWidget          *details_grid;
  GPtrArray          *detail_entries;   /* GtkEntry per report property, in details_props order */
  GPtrArray          *detail_bindings;
  GtkWidget          *annex_chart_dropdown;

  KlDocument         *document;
  KlReport           *report;
  GtkSingleSelection *selection;
  gulong              report_changed_id;
  gulong              reports_changed_id;
  char               *summary;
  gboolean            editable;
  GtkColumnViewColumn *plan_column;
  GtkColumnViewColumn *actual_column;
  GtkColumnViewColumn *next_column;
  GtkColumnViewColumn *ratio_column;
};

G_DEFINE_FINAL_TYPE (KlTargetsPage, kl_targets_page, GTK_TYPE_BOX)

enum { PROP_0, PROP_DOCUMENT, PROP_REPORT, PROP_EDITABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef enum { COL_CODE, COL_NAME, COL_UNIT, COL_PLAN, COL_ACTUAL, COL_NEXT, COL_RATIO, COL_STATUS } Column;

static const char * const value_props[] = { [COL_PLAN] = "plan", [COL_ACTUAL] = "actual", [COL_NEXT] = "next-plan" };

/* --- value cells --------------------------------------------------------------------- */

static KlValue *
target_value (KlTarget *target,
              Column    col)
{
  switch (col)
    {
    case COL_PLAN: return kl_target_get_plan (target);
    case COL_ACTUAL: return kl_target_get_actual (target);
    case COL_NEXT: return kl_target_get_next_plan (target);
    default: return NULL;
    }
}

static gboolean
null_to_empty (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *text = g_value_get_string (from);
  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static gboolean
value_to_text (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  KlValue *value = g_value_get_object (from);
  g_value_set_string (to, value != NULL ? kl_value_get_text (value) : "");
  return TRUE;
}

static gboolean
text_to_value (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  KlTarget *target = KL_TARGET (g_binding_dup_source (b));
  KlValueContext ctx = { kl_target_get_unit (target), NULL, NAN };
  KlValue *value;

  value = kl_value_parse (g_value_get_string (from), &ctx);
  g_value_take_object (to, value);
  g_object_unref (target);
  return TRUE;
}

static void settle_clicked (GtkButton *button, gpointer user_data);

static void
refresh_value_cell (GtkWidget *box)
{
  KlTarget *target = g_object_get_data (G_OBJECT (box), "target");
  Column col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "column"));
  GtkWidget *warn = g_object_get_data (G_OBJECT (box), "warn");
  GtkWidget *popover_box = g_object_get_data (G_OBJECT (box), "popover-box");
  KlValue *value;
  GtkWidget *child;
  const double *readings;
  guint n = 0;
  g_autofree char *tip = NULL;

  if (target == NULL)
    return;
  value = target_value (target, col);
  gtk_widget_set_visible (warn, value != NULL && kl_value_get_ambiguous (value));
  if (value == NULL || !kl_value_get_ambiguous (value))
    return;

  while ((child = gtk_widget_get_first_child (popover_box)) != NULL)
    gtk_box_remove (GTK_BOX (popover_box), child);
  readings = kl_value_get_readings (value, &n);
  tip = g_strdup_printf (_("“%s” can be read in %u ways: choose one"), kl_value_get_text (value), n);
  gtk_widget_set_tooltip_text (warn, tip);
  gtk_box_append (GTK_BOX (popover_box), gtk_label_new (tip));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = kl_number_format (readings[i], 6);
      g_autofree char *label = g_strdup_printf (_("Read as %s"), number);
      GtkWidget *button = gtk_button_new_with_label (label);
      double *reading = g_new (double, 1);

      *reading = readings[i];
      g_object_set_data_full (G_OBJECT (button), "reading", reading, g_free);
      g_object_set_data (G_OBJECT (button), "cell", box);
      g_signal_connect (button, "clicked", G_CALLBACK (settle_clicked), NULL);
      gtk_widget_add_css_class (button, "flat");
      gtk_box_append (GTK_BOX (popover_box), button);
    }
}

static void
settle_clicked (GtkButton *button,
                gpointer   user_data)
{
  GtkWidget *cell = g_object_get_data (G_OBJECT (button), "cell");
  KlTarget *target = g_object_get_data (G_OBJECT (cell), "target");
  Column col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column"));
  double *reading = g_object_get_data (G_OBJECT (button), "reading");
  GtkWidget *menu = g_object_get_data (G_OBJECT (cell), "warn");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  if (target != NULL)
    kl_value_settle (target_value (target, col), *reading);
  refresh_value_cell (cell);
}

/* --- factories ----------------------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  GtkWidget *widget;

  if (col == COL_RATIO || col == COL_STATUS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), col == COL_RATIO ? 1.0 : 0.0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_visible (icon, FALSE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);
      g_object_set_data (G_OBJECT (box), "label", label);
      g_object_set_data (G_OBJECT (box), "icon", icon);
      widget = box;
    }
  else if (col == COL_PLAN || col == COL_ACTUAL || col == COL_NEXT)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *label = gtk_editable_label_new ("");
      GtkWidget *warn = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_editable_set_alignment (GTK_EDITABLE (label), 1.0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (label), 3);
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (warn), "dialog-warning-symbolic");
      gtk_widget_add_css_class (warn, "flat");
      gtk_widget_add_css_class (warn, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (warn), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Choose how to read this number"), -1);
      gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (warn), popover);
      gtk_widget_set_visible (warn, FALSE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), warn);
      g_object_set_data (G_OBJECT (box), "label", label);
      g_object_set_data (G_OBJECT (box), "warn", warn);
      g_object_set_data (G_OBJECT (box), "popover-box", popover_box);
      g_object_set_data (G_OBJECT (box), "column", GINT_TO_POINTER (col));
      widget = box;
    }
  else
    {
      widget = gtk_editable_label_new ("");
      if (col == COL_NAME)
        gtk_widget_set_hexpand (widget, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), col == COL_NAME ? 12 : 2);
    }
  gtk_list_item_set_child (item, widget);
}

static void
refresh_computed_cell (GtkWidget *box)
{
  KlTarget *target = g_object_get_data (G_OBJECT (box), "target");
  Column col = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "column"));
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "label");
  GtkWidget *icon = g_object_get_data (G_OBJECT (box), "icon");

  if (target == NULL)
    return;
  if (kl_target_is_group (target))
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      gtk_widget_set_visible (icon, FALSE);
      return;
    }
  if (col == COL_RATIO)
    {
      double ratio = kl_target_get_ratio (target);
      g_autofree char *text = isnan (ratio) ? g_strdup ("–") : kl_number_format_percent (ratio);
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_set_visible (icon, FALSE);
    }
  else
    {
      g_autofree char *explanation = NULL;
      gboolean disagrees = kl_target_get_disagrees (target, &explanation);
      KlStatus status = kl_target_get_status (target);

      gtk_label_set_text (GTK_LABEL (label), kl_status_to_vietnamese (status));
      gtk_widget_remove_css_class (label, "success");
      gtk_widget_remove_css_class (label, "error");
      if (status == KL_STATUS_NOT_MET)
        gtk_widget_add_css_class (label, "error");
      else if (status == KL_STATUS_MET || status == KL_STATUS_EXCEEDED)
        gtk_widget_add_css_class (label, "success");
      gtk_widget_set_visible (icon, disagrees);
      gtk_widget_set_tooltip_text (icon, disagrees ? explanation : NULL);
      if (disagrees)
        gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, explanation, -1);
    }
}

static void
on_target_notify (KlTarget   *target,
                  GParamSpec *pspec,
                  GtkWidget  *box)
{
  if (g_object_get_data (G_OBJECT (box), "warn") != NULL)
    refresh_value_cell (box);
  else
    refresh_computed_cell (box);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  KlTarget *target = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);
  GBinding *binding = NULL;
  gboolean group = kl_target_is_group (target);
  GtkWidget *cell = gtk_widget_get_parent (widget);

  if (cell != NULL)
    {
      if (group)
        gtk_widget_add_css_class (cell, "kl-group-row");
      else
        gtk_widget_remove_css_class (cell, "kl-group-row");
    }

  switch (col)
    {
    case COL_CODE:
    case COL_NAME:
    case COL_UNIT:
      binding = g_object_bind_property_full (target, col == COL_CODE ? "code" : col == COL_NAME ? "name" : "unit",
                                             widget, "text", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                             null_to_empty, NULL, NULL, NULL);
      gtk_editable_set_editable (GTK_EDITABLE (widget), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "editable")));
      /* The name column is narrow beside the preview: the whole name shows on hover. */
      if (col == COL_NAME)
        g_object_set_data_full (G_OBJECT (widget), "tooltip-binding",
                                g_object_ref (g_object_bind_property (target, "name", widget, "tooltip-text",
                                                                      G_BINDING_SYNC_CREATE)),
                                g_object_unref);
      break;
    case COL_PLAN:
    case COL_ACTUAL:
    case COL_NEXT:
      {
        GtkWidget *label = g_object_get_data (G_OBJECT (widget), "label");
        char *signal = g_strdup_printf ("notify::%s", value_props[col]);

        g_object_set_data (G_OBJECT (widget), "target", target);
        gtk_widget_set_visible (label, !group);
        if (!group)
          binding = g_object_bind_property_full (target, value_props[col], label, "text",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                 value_to_text, text_to_value, NULL, NULL);
        gtk_editable_set_editable (GTK_EDITABLE (label), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "editable")));
        g_signal_connect_object (target, signal, G_CALLBACK (on_target_notify), widget, 0);
        g_free (signal);
        refresh_value_cell (widget);
      }
      break;
    case COL_RATIO:
    case COL_STATUS:
      g_object_set_data (G_OBJECT (widget), "target", target);
      g_object_set_data (G_OBJECT (widget), "column", GINT_TO_POINTER (col));
      g_signal_connect_object (target, "notify::status", G_CALLBACK (on_target_notify), widget, 0);
      g_signal_connect_object (target, "notify::ratio", G_CALLBACK (on_target_notify), widget, 0);
      g_signal_connect_object (target, "notify::disagrees", G_CALLBACK (on_target_notify), widget, 0);
      refresh_computed_cell (widget);
      break;
    }
  if (binding != NULL)
    g_object_set_data_full (G_OBJECT (widget), "binding", g_object_ref (binding), g_object_unref);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  KlTarget *target = gtk_list_item_get_item (item);
  static const char *const binding_keys[] = { "binding", "tooltip-binding" };

  for (guint i = 0; i < G_N_ELEMENTS (binding_keys); i++)
    {
      GBinding *binding = g_object_get_data (G_OBJECT (widget), binding_keys[i]);

      if (binding != NULL)
        {
          g_binding_unbind (binding);
          g_object_set_data (G_OBJECT (widget), binding_keys[i], NULL);
        }
    }
  if (target != NULL)
    g_signal_handlers_disconnect_by_data (target, widget);
  g_object_set_data (G_OBJECT (widget), "target", NULL);
}

static GtkColumnViewColumn *
add_column (KlTargetsPage *self,
            const char    *title,
            Column         col,
            int            width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "editable", GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (col));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  /* Figures get fixed, narrow columns so the table and the preview fit side by side; the
   * name takes the rest. Every column can be widened by dragging. */
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  else
    {
      gtk_column_view_column_set_fixed_width (column, 190);
      gtk_column_view_column_set_expand (column, TRUE);
    }
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), column);
  g_object_unref (column);
  return column;
}

/* --- report details ------------------------------------------------------------------ */

static const struct { const char *prop; const char *label; } details_props[] = {
  { "title", N_("Title") },
  { "presenter", N_("Presented by") },
  { "period", N_("Period") },
  { "plan-label", N_("Plan column heading") },
  { "actual-label", N_("Actual column heading") },
  { "next-plan-label", N_("Next plan column heading") },
  { "ratio-label", N_("Ratio column heading") },
  { "annex-title", N_("Annex title") },
  { "annex-subtitle", N_("Annex subtitle") },
  { "annex-note", N_("Annex note (Kèm theo…)") },
};

/* The choices of "Chart in the annex": none, then kl_report_chart_kinds() in its order. */
static const char *const annex_chart_labels[] = {
  N_("None"),
  N_("Achievement chart"),
  N_("Bullet charts"),
  N_("Status summary"),
  N_("Trend across reports"),
};

static gboolean
annex_chart_to_selected (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *kind = g_value_get_string (from);
  const char * const *kinds = kl_report_chart_kinds ();
  guint selected = 0;

  for (guint i = 0; kind != NULL && kinds[i] != NULL; i++)
    if (g_str_equal (kind, kinds[i]))
      selected = i + 1;
  g_value_set_uint (to, selected);
  return TRUE;
}

static gboolean
selected_to_annex_chart (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  guint selected = g_value_get_uint (from);
  const char * const *kinds = kl_report_chart_kinds ();

  if (selected >= G_N_ELEMENTS (annex_chart_labels) || (selected > 0 && kinds[selected - 1] == NULL))
    return FALSE;
  g_value_set_string (to, selected == 0 ? NULL : kinds[selected - 1]);
  return TRUE;
}

static gboolean
detail_to_text (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *text = g_value_get_string (from);
  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

static void
build_details (KlTargetsPage *self)
{
  g_autoptr(GtkStringList) charts = gtk_string_list_new (NULL);
  GtkWidget *chart_label;
  GtkWidget *remove;
  guint row = G_N_ELEMENTS (details_props);

  self->detail_entries = g_ptr_array_new ();
  self->detail_bindings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (details_props); i++)
    {
      GtkWidget *label = gtk_label_new (_(details_props[i].label));
      GtkWidget *entry = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_size_request (entry, 320, -1);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(details_props[i].label), -1);
      gtk_grid_attach (GTK_GRID (self->details_grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (self->details_grid), entry, 1, i, 1, 1);
      g_ptr_array_add (self->detail_entries, entry);
    }

  /* Printed on the annex pages after the target table (beside the headings above). */
  for (guint i = 0; i < G_N_ELEMENTS (annex_chart_labels); i++)
    gtk_string_list_append (charts, _(annex_chart_labels[i]));
  chart_label = gtk_label_new_with_mnemonic (_("_Chart in the annex"));
  gtk_label_set_xalign (GTK_LABEL (chart_label), 1.0);
  gtk_widget_add_css_class (chart_label, "dim-label");
  self->annex_chart_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&charts)), NULL);
  gtk_widget_set_halign (self->annex_chart_dropdown, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->annex_chart_dropdown,
                               _("Chart printed on the annex pages after the table of targets"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (chart_label), self->annex_chart_dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->annex_chart_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart in the annex"), -1);
  gtk_grid_attach (GTK_GRID (self->details_grid), chart_label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (self->details_grid), self->annex_chart_dropdown, 1, row, 1, 1);
  row++;

  remove = gtk_button_new_with_mnemonic (_("_Remove This Report"));
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "targets.remove-report");
  gtk_grid_attach (GTK_GRID (self->details_grid), remove, 1, row, 1, 1);
}

static void
bind_details (KlTargetsPage *self)
{
  for (guint i = 0; i < self->detail_bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->detail_bindings, i));
  g_ptr_array_set_size (self->detail_bindings, 0);
  gtk_widget_set_visible (self->details_button, self->report != NULL);
  if (self->report == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (details_props); i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->detail_entries, i);
      GBinding *b = g_object_bind_property_full (self->report, details_props[i].prop, entry, "text",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                 detail_to_text, NULL, NULL, NULL);
      g_ptr_array_add (self->detail_bindings, g_object_ref (b));
      gtk_editable_set_editable (GTK_EDITABLE (entry), self->editable);
    }
  g_ptr_array_add (self->detail_bindings,
                   g_object_ref (g_object_bind_property_full (self->report, "annex-chart",
                                                              self->annex_chart_dropdown, "selected",
                                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                                              annex_chart_to_selected, selected_to_annex_chart,
                                                              NULL, NULL)));
  gtk_widget_set_sensitive (self->annex_chart_dropdown, self->editable);
}

/* --- report -------------------------------------------------------------------------- */

static void
update_summary (KlTargetsPage *self)
{
  guint main_met = 0, main_total = 0, comp_met = 0, comp_total = 0;

  g_clear_pointer (&self->summary, g_free);
  if (self->report != NULL)
    {
      kl_report_count (self->report, KL_TARGET_KIND_MAIN, &main_met, &main_total);
      kl_report_count (self->report, KL_TARGET_KIND_COMPONENT, &comp_met, &comp_total);
      /* Document language: the sentence is the one the conclusion uses. */
      if (comp_total > 0)
        self->summary = g_strdup_printf ("%u/%u chỉ tiêu chính, %u/%u chỉ tiêu thành phần đạt và vượt kế hoạch",
                                         main_met, main_total, comp_met, comp_total);
      else
        self->summary = g_strdup_printf ("%u/%u chỉ tiêu chính đạt và vượt kế hoạch", main_met, main_total);
    }
  gtk_label_set_text (GTK_LABEL (self->summary_label), self->summary ? self->summary : "");
  gtk_widget_set_tooltip_text (self->summary_label, self->summary);

}

static void
set_report (KlTargetsPage *self,
            KlReport      *report)
{
  if (self->report == report)
    return;
  if (self->report != NULL)
    g_clear_signal_handler (&self->report_changed_id, self->report);
  g_set_object (&self->report, report);
  if (report != NULL)
    {
      self->report_changed_id = g_signal_connect_swapped (report, "changed", G_CALLBACK (update_summary), self);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (kl_report_get_targets (report)));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
    }
  else
    {
      gtk_single_selection_set_model (self->selection, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
    }
  update_summary (self);
  bind_details (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

static void
on_report_selected (KlTargetsPage *self)
{
  gpointer item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->report_dropdown));
  set_report (self, item != NULL ? KL_REPORT (item) : NULL);
}

static void
on_reports_changed (KlTargetsPage *self)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (self->document));
  guint n = g_list_model_get_n_items (reports);

  gtk_widget_set_visible (self->report_dropdown, n > 0);
  if (n > 0 && gtk_drop_down_get_selected (GTK_DROP_DOWN (self->report_dropdown)) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->report_dropdown), 0);
  on_report_selected (self);
}

void
kl_targets_page_set_document (KlTargetsPage *self,
                              KlDocument    *document)
{
  g_return_if_fail (KL_IS_TARGETS_PAGE (self));
  g_return_if_fail (document == NULL || KL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->reports_changed_id, kl_document_get_reports (self->document));
  g_set_object (&self->document, document);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->report_dropdown),
                           document != NULL ? G_LIST_MODEL (kl_document_get_reports (document)) : NULL);
  if (document != NULL)
    {
      self->reports_changed_id = g_signal_connect_swapped (kl_document_get_reports (document), "items-changed",
                                                           G_CALLBACK (on_reports_changed), self);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->report_dropdown), 0);
      on_reports_changed (self);
    }
  else
    set_report (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlReport *
kl_targets_page_get_report (KlTargetsPage *self)
{
  g_return_val_if_fail (KL_IS_TARGETS_PAGE (self), NULL);
  return self->report;
}

const char *
kl_targets_page_get_summary (KlTargetsPage *self)
{
  g_return_val_if_fail (KL_IS_TARGETS_PAGE (self), NULL);
  return self->summary;
}

static void
set_factories_editable (KlTargetsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (self->column_view));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_object_set_data (G_OBJECT (gtk_column_view_column_get_factory (column)), "editable",
                         GINT_TO_POINTER (self->editable));
    }
}

void
kl_targets_page_set_editable (KlTargetsPage *self,
                              gboolean       editable)
{
  const char *actions[] = { "targets.add-report", "targets.remove-report", "targets.add-row", "targets.add-group", "targets.remove-row",
                            "targets.move-up", "targets.move-down", "targets.paste" };

  g_return_if_fail (KL_IS_TARGETS_PAGE (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], editable);
  set_factories_editable (self);
  gtk_widget_set_sensitive (self->annex_chart_dropdown, editable);
  /* Rebind the visible rows so their cells pick up the new state. */
  if (self->report != NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (kl_report_get_targets (self->report)));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

guint
kl_targets_page_count_warnings (KlTargetsPage *self)
{
  GListModel *targets;
  guint count = 0;

  g_return_val_if_fail (KL_IS_TARGETS_PAGE (self), 0);
  if (self->report == NULL)
    return 0;
  targets = G_LIST_MODEL (kl_report_get_targets (self->report));
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);

      if (kl_value_get_ambiguous (kl_target_get_plan (t)))
        count++;
      if (kl_value_get_ambiguous (kl_target_get_actual (t)))
        count++;
      if (kl_value_get_ambiguous (kl_target_get_next_plan (t)))
        count++;
      if (kl_target_get_disagrees (t, NULL))
        count++;
    }
  return count;
}

static KlReport *
ensure_report (KlTargetsPage *self)
{
  if (self->report == NULL && self->document != NULL)
    {
      g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
      g_list_store_append (kl_document_get_reports (self->document), report);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->report_dropdown),
                                  g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (self->document))) - 1);
      on_report_selected (self);
    }
  return self->report;
}

guint
kl_targets_page_add_from_text (KlTargetsPage *self,
                               const char    *text,
                               GError       **error)
{
  g_autoptr(KlReport) scratch = kl_report_new (NULL);
  GListStore *from, *to;
  guint n;
  KlReport *report;

  g_return_val_if_fail (KL_IS_TARGETS_PAGE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (!kl_tsv_read_targets (text, 1, scratch, NULL, error))
    return 0;
  report = ensure_report (self);
  if (report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("No document is open"));
      return 0;
    }
  /* Keep the headings read from the table when the report has none yet. */
  if (kl_report_get_plan_label (report) == NULL)
    kl_report_set_plan_label (report, kl_report_get_plan_label (scratch));
  if (kl_report_get_actual_label (report) == NULL)
    kl_report_set_actual_label (report, kl_report_get_actual_label (scratch));
  if (kl_report_get_next_plan_label (report) == NULL)
    kl_report_set_next_plan_label (report, kl_report_get_next_plan_label (scratch));
  if (kl_report_get_ratio_label (report) == NULL)
    kl_report_set_ratio_label (report, kl_report_get_ratio_label (scratch));

  from = kl_report_get_targets (scratch);
  to = kl_report_get_targets (report);
  n = g_list_model_get_n_items (G_LIST_MODEL (from));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (from), i);
      g_list_store_append (to, t);
    }
  g_list_store_remove_all (from);
  return n;
}

/* --- actions ------------------------------------------------------------------------- */

static guint
selected_position (KlTargetsPage *self)
{
  return gtk_single_selection_get_selected (self->selection);
}

static void
insert_after_selection (KlTargetsPage *self,
                        KlTarget      *target)
{
  GListStore *targets = kl_report_get_targets (self->report);
  guint pos = selected_position (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (targets));

  pos = pos == GTK_INVALID_LIST_POSITION ? n : pos + 1;
  g_list_store_insert (targets, pos, target);
  gtk_single_selection_set_selected (self->selection, pos);
  gtk_widget_activate_action (self->column_view, "list.scroll-to-item", "u", pos);
}

static void
action_add_report (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
  GListStore *reports;

  if (self->document == NULL)
    return;
  reports = kl_document_get_reports (self->document);
  g_list_store_append (reports, report);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->report_dropdown),
                              g_list_model_get_n_items (G_LIST_MODEL (reports)) - 1);
}

static void
action_remove_report (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  GListStore *reports;
  guint pos;

  if (self->document == NULL || self->report == NULL)
    return;
  reports = kl_document_get_reports (self->document);
  if (g_list_store_find (reports, self->report, &pos))
    {
      gtk_menu_button_popdown (GTK_MENU_BUTTON (self->details_button));
      g_list_store_remove (reports, pos);
      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, _("Report removed"));
    }
}

static void
action_add_row (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  g_autoptr(KlTarget) target = NULL;

  if (ensure_report (self) == NULL)
    return;
  target = kl_target_new ("", "", "");
  insert_after_selection (self, target);
}

static void
action_add_group (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  g_autoptr(KlTarget) target = NULL;

  if (ensure_report (self) == NULL)
    return;
  target = kl_target_new_group ("", _("New group"));
  insert_after_selection (self, target);
}

static void
action_remove_row (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  guint pos = selected_position (self);

  if (self->report == NULL || pos == GTK_INVALID_LIST_POSITION)
    return;
  g_list_store_remove (kl_report_get_targets (self->report), pos);
}

static void
move_selected (KlTargetsPage *self,
               int            delta)
{
  GListStore *targets;
  guint pos = selected_position (self);
  guint n;
  g_autoptr(KlTarget) target = NULL;

  if (self->report == NULL || pos == GTK_INVALID_LIST_POSITION)
    return;
  targets = kl_report_get_targets (self->report);
  n = g_list_model_get_n_items (G_LIST_MODEL (targets));
  if ((delta < 0 && pos == 0) || (delta > 0 && pos + 1 >= n))
    return;
  target = g_list_model_get_item (G_LIST_MODEL (targets), pos);
  g_list_store_remove (targets, pos);
  g_list_store_insert (targets, pos + delta, target);
  gtk_single_selection_set_selected (self->selection, pos + delta);
}

static void
action_move_up (GtkWidget *widget, const char *name, GVariant *param)
{
  move_selected (KL_TARGETS_PAGE (widget), -1);
}

static void
action_move_down (GtkWidget *widget, const char *name, GVariant *param)
{
  move_selected (KL_TARGETS_PAGE (widget), +1);
}

static void
on_paste_accepted (KlPasteDialog *dialog,
                   const char    *text,
                   KlTargetsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n = kl_targets_page_add_from_text (self, text, &error);
  g_autofree char *msg = NULL;

  if (n == 0)
    msg = g_strdup (error != NULL ? error->message : _("No targets were read"));
  else
    msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row added", "%u rows added", n), n);
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, msg);
}

static void
action_paste (GtkWidget *widget, const char *name, GVariant *param)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (widget);
  GtkWidget *dialog;

  if (self->document == NULL)
    return;
  dialog = kl_paste_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "accepted", G_CALLBACK (on_paste_accepted), self, 0);
  kl_paste_dialog_paste_clipboard (KL_PASTE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- object -------------------------------------------------------------------------- */

static void
kl_targets_page_dispose (GObject *object)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (object);

  if (self->detail_bindings != NULL)
    for (guint i = 0; i < self->detail_bindings->len; i++)
      g_binding_unbind (g_ptr_array_index (self->detail_bindings, i));
  g_clear_pointer (&self->detail_bindings, g_ptr_array_unref);

  if (self->report != NULL)
    g_clear_signal_handler (&self->report_changed_id, self->report);
  if (self->document != NULL)
    g_clear_signal_handler (&self->reports_changed_id, kl_document_get_reports (self->document));
  g_clear_object (&self->report);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_TARGETS_PAGE);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->detail_entries, g_ptr_array_unref);
  G_OBJECT_CLASS (kl_targets_page_parent_class)->dispose (object);
}

static void
kl_targets_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_REPORT: g_value_set_object (value, self->report); break;
    case PROP_EDITABLE: g_value_set_boolean (value, self->editable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_targets_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlTargetsPage *self = KL_TARGETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kl_targets_page_set_document (self, g_value_get_object (value)); break;
    case PROP_EDITABLE: kl_targets_page_set_editable (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_targets_page_class_init (KlTargetsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_targets_page_dispose;
  object_class->get_property = kl_targets_page_get_property;
  object_class->set_property = kl_targets_page_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] = g_param_spec_object ("report", NULL, NULL, KL_TYPE_REPORT,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-targets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, report_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, KlTargetsPage, details_grid);

  gtk_widget_class_install_action (widget_class, "targets.add-report", NULL, action_add_report);
  gtk_widget_class_install_action (widget_class, "targets.add-row", NULL, action_add_row);
  gtk_widget_class_install_action (widget_class, "targets.remove-report", NULL, action_remove_report);
  gtk_widget_class_install_action (widget_class, "targets.add-group", NULL, action_add_group);
  gtk_widget_class_install_action (widget_class, "targets.remove-row", NULL, action_remove_row);
  gtk_widget_class_install_action (widget_class, "targets.move-up", NULL, action_move_up);
  gtk_widget_class_install_action (widget_class, "targets.move-down", NULL, action_move_down);
  gtk_widget_class_install_action (widget_class, "targets.paste", NULL, action_paste);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "targets.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "targets.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "targets.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK, "targets.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "targets.remove-row", NULL);
}

static void
setup_report_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Report titles are whole sentences: keep the toolbar narrow. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_report_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  KlReport *report = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *title = kl_report_get_title (report);

  gtk_label_set_text (GTK_LABEL (label), title != NULL && *title ? title : _("Untitled report"));
  gtk_widget_set_tooltip_text (label, title);
}

static void
kl_targets_page_init (KlTargetsPage *self)
{
  g_autoptr(GtkListItemFactory) report_factory = gtk_signal_list_item_factory_new ();

  g_autoptr(GtkExpression) title = NULL;

  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  title = gtk_property_expression_new (KL_TYPE_REPORT, NULL, "title");
  gtk_drop_down_set_expression (GTK_DROP_DOWN (self->report_dropdown), title);
  g_signal_connect (report_factory, "setup", G_CALLBACK (setup_report_item), NULL);
  g_signal_connect (report_factory, "bind", G_CALLBACK (bind_report_item), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (self->report_dropdown), report_factory);
  g_signal_connect_swapped (self->report_dropdown, "notify::selected-item", G_CALLBACK (on_report_selected), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->column_view), GTK_SELECTION_MODEL (self->selection));

  add_column (self, "TT", COL_CODE, 40);
  add_column (self, _("Target"), COL_NAME, 0);
  add_column (self, _("Unit"), COL_UNIT, 64);
  self->plan_column = add_column (self, _("Plan"), COL_PLAN, 88);
  self->actual_column = add_column (self, _("Actual"), COL_ACTUAL, 88);
  self->next_column = add_column (self, _("Next plan"), COL_NEXT, 88);
  self->ratio_column = add_column (self, _("% of plan"), COL_RATIO, 66);
  add_column (self, _("Status"), COL_STATUS, 100);

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  gtk_widget_set_visible (self->report_dropdown, FALSE);
  build_details (self);
  bind_details (self);
}

GtkWidget *
kl_targets_page_new (void)
{
  return g_object_new (KL_TYPE_TARGETS_PAGE, NULL);
}
