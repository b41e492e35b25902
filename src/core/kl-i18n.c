/* kl-i18n.c: binds the message catalog, from the build tree when the program runs there. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kl-i18n.h"

/* Started from the build tree, the program has no installed catalog yet: read the one meson
 * built there, so that it follows the locale before `meson install`. */
static const char *
locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
kl_i18n_bind_catalog (void)
{
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
