/* kl-tasks-view.h: the tasks a conclusion assigns: confirm them, mark them done, report. */
#pragma once

#include <adwaita.h>
#include "kl-core.h"
#include "kl-store.h"
#include "kl-tasks.h"

G_BEGIN_DECLS

#define KL_TYPE_TASKS_VIEW (kl_tasks_view_get_type ())
G_DECLARE_FINAL_TYPE (KlTasksView, kl_tasks_view, KL, TASKS_VIEW, GtkBox)

/* Signals: "message" (const char *): something to tell the user; "open-document"
 * (KlDocument *): a new follow-up report to store and open; "show-task" (KlTask *): show
 * the task's sentence in the body, opening its document (document-id) first when that is
 * not the open one. */
GtkWidget  *kl_tasks_view_new              (void);
void        kl_tasks_view_set_store        (KlTasksView *self, KlStore *store);
void        kl_tasks_view_set_organization (KlTasksView *self, KlOrganization *org);
void        kl_tasks_view_set_document     (KlTasksView *self, KlDocument *document);
/* Shows the confirmed tasks of every document instead of the open document's. */
void        kl_tasks_view_set_show_all     (KlTasksView *self, gboolean all);
/* Re-reads the tasks: the stored ones of the document when it has any, else those found
 * in its body (not yet confirmed). */
void        kl_tasks_view_reload           (KlTasksView *self);
/* The tasks shown (GListModel of KlTask; owned by the view). */
GListModel *kl_tasks_view_get_tasks        (KlTasksView *self);
gboolean    kl_tasks_view_get_confirmed    (KlTasksView *self);
/* Stores the tasks found in the body as the document's tasks. */
gboolean    kl_tasks_view_confirm          (KlTasksView *self, GError **error);
/* Marks task @index done (or open again). */
gboolean    kl_tasks_view_set_done         (KlTasksView *self, guint index, gboolean done, GError **error);
/* Emits "show-task" with task @index, when its body line is known and it is a task of the
 * open document or, under All Documents, of a stored one (the rows of such tasks are
 * activatable); FALSE otherwise. */
gboolean    kl_tasks_view_show_in_text     (KlTasksView *self, guint index);
/* Builds the follow-up report of the tasks shown and emits "open-document" with it. */
void        kl_tasks_view_create_report    (KlTasksView *self);

G_END_DECLS
