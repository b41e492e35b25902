/* kl-list-pane.h: the body shared by the Check and Tasks tabs: a toolbar that starts with a
 * summary, over a boxed list of rows that gives way to a status page when it is empty. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct {
  GtkWidget *toolbar;   /* buttons are appended after the summary */
  GtkWidget *summary;
  GtkWidget *stack;     /* "list" or "empty" */
  GtkWidget *list;      /* GtkListBox: rows are activatable, none selectable */
} KlListPane;

/* Builds the pane into @box (vertical): the toolbar, then the list or the status page of
 * @empty_icon, @empty_title and @empty_description. @list_label names the list for
 * assistive technologies. */
void kl_list_pane_init  (KlListPane *pane,
                         GtkBox     *box,
                         const char *list_label,
                         const char *empty_icon,
                         const char *empty_title,
                         const char *empty_description);
/* Removes every row. */
void kl_list_pane_clear (KlListPane *pane);
/* Shows @summary, and the list when @n_rows > 0, else the status page. */
void kl_list_pane_show  (KlListPane *pane,
                         const char *summary,
                         guint       n_rows);

G_END_DECLS
