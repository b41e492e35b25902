/* ui-test-util.h: what the UI test programs share: a fresh library in a temp dir with a window
 * on it, and helpers to wait on the main loop and to clean up. */
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

G_END_DECLS
