/* kl-list-pane.c: the body shared by the Check and Tasks tabs. */
#include "kl-list-pane.h"

void
kl_list_pane_init (KlListPane *pane,
                   GtkBox     *box,
                   const char *list_label,
                   const char *empty_icon,
                   const char *empty_title,
                   const char *empty_description)
{
  GtkWidget *scroller, *empty;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (box), GTK_ORIENTATION_VERTICAL);

  pane->toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (pane->toolbar, "toolbar");
  pane->summary = gtk_label_new (NULL);
  gtk_widget_set_hexpand (pane->summary, TRUE);
  gtk_label_set_xalign (GTK_LABEL (pane->summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (pane->summary), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (pane->summary, 6);
  gtk_box_append (GTK_BOX (pane->toolbar), pane->summary);
  gtk_box_append (box, pane->toolbar);

  pane->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (pane->stack, TRUE);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  pane->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (pane->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (pane->list, "boxed-list");
  gtk_widget_set_margin_top (pane->list, 6);
  gtk_widget_set_margin_bottom (pane->list, 12);
  gtk_widget_set_margin_start (pane->list, 12);
  gtk_widget_set_margin_end (pane->list, 12);
  gtk_widget_set_valign (pane->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (pane->list), GTK_ACCESSIBLE_PROPERTY_LABEL, list_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), pane->list);
  gtk_stack_add_named (GTK_STACK (pane->stack), scroller, "list");
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), empty_icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), empty_title);
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), empty_description);
  gtk_stack_add_named (GTK_STACK (pane->stack), empty, "empty");
  gtk_box_append (box, pane->stack);
}

void
kl_list_pane_clear (KlListPane *pane)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (pane->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (pane->list), child);
}

void
kl_list_pane_show (KlListPane *pane,
                   const char *summary,
                   guint       n_rows)
{
  gtk_label_set_text (GTK_LABEL (pane->summary), summary);
  gtk_stack_set_visible_child_name (GTK_STACK (pane->stack), n_rows > 0 ? "list" : "empty");
}
