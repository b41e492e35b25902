/* kl-preferences.h: organization profile, signers, recipient lists, page style, autosave. */
#pragma once

#include <adwaita.h>
#include "kl-store.h"
#include "kl-page-style.h"

G_BEGIN_DECLS

#define KL_TYPE_PREFERENCES (kl_preferences_get_type ())
G_DECLARE_FINAL_TYPE (KlPreferences, kl_preferences, KL, PREFERENCES, AdwPreferencesWindow)

/* Signal "changed": something was saved (the window re-reads its settings). */
GtkWidget *kl_preferences_new             (GtkWindow *parent, KlStore *store);
/* Writes pending edits now (they are otherwise written a moment after typing stops). */
void       kl_preferences_save            (KlPreferences *self);

/* The page style from the library's settings (page.margins, page.number_position,
 * page.font_family) over FORMAT.md defaults. */
void       kl_preferences_load_page_style (KlStore *store, KlPageStyle *style);

G_END_DECLS
