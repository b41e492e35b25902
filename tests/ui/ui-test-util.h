/* ui-test-util.h: what the UI test programs share: a fresh library in a temp dir with a window
 * on it, helpers to wait on the main loop and to clean up, and the library sidebar's widgets. */
#pragma once

#include <adwaita.h>
#include "kl-window.h"

G_BEGIN_DECLS

typedef struct
{
  char     *dir;
  char     *db_path;
  KlStore  *store;
  KlWindow *window;
} Fixture;

void ui_fixture_setup    (Fixture    *f,
                          const char *tmp_template);
void ui_fixture_teardown (Fixture    *f);

/* Deletes @path and everything under it. */
void     ui_remove_tree (const char *path);
/* Runs the main loop until @cond holds or @timeout_ms passes; returns whether it holds. */
gboolean ui_wait_for    (gboolean  (*cond) (gpointer),
                         gpointer    data,
                         guint       timeout_ms);
/* Lets the main loop run for about @ms (layouts, frames). */
void     ui_run_for     (guint       ms);
/* A ui_wait_for() condition on a KlPreview: laid out, not busy, with pages. */
gboolean ui_preview_has_pages (gpointer preview);
/* The first widget of @type in @root's tree (@root included, depth first), or NULL. */
GtkWidget *ui_find_widget     (GtkWidget *root,
                               GType      type);
/* The library sidebar of @window: its search entry, and the box holding the entry, the list
 * and the status page shown instead of an empty list. */
GtkWidget *ui_library_search  (KlWindow  *window);
GtkWidget *ui_library_sidebar (KlWindow  *window);
/* Types @text into the library's search entry and waits until the list follows it. */
void       ui_type_search     (KlWindow   *window,
                               const char *text);
/* The document id of the library row selected in @window, 0 when none is. */
gint64     ui_selected_row_id (KlWindow  *window);

G_END_DECLS
