/* kl-application.h: the Ketluan application: one instance, one library, one main window. */
#pragma once

#include <adwaita.h>
#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_APPLICATION (kl_application_get_type ())
G_DECLARE_FINAL_TYPE (KlApplication, kl_application, KL, APPLICATION, AdwApplication)

KlApplication *kl_application_new        (void);
/* The library, or NULL when it could not be opened (the window says why). */
KlStore       *kl_application_get_store  (KlApplication *self);

/* Imports the example notice into @store (the installed copy, or the source tree's when
 * running uninstalled). Returns the new document's id, 0 with @error on failure. */
gint64         kl_application_import_example (KlStore *store, GError **error);

G_END_DECLS
