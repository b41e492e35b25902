/* kl-i18n.h: where the programs find the message catalog. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds GETTEXT_PACKAGE to its catalog, in UTF-8: the one meson built (BUILD_LOCALEDIR) when
 * the running program lies in the build tree (tools/run.sh, the tests), else the installed one
 * (LOCALEDIR). The core's messages (the findings of the check) use this catalog too, so the
 * window and ketluan-cli call it before anything is translated. */
void kl_i18n_bind_catalog (void);

G_END_DECLS
