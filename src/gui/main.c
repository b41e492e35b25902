/* main.c: starts Ketluan. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include "kl-application.h"

/* Started from the build tree (tools/run.sh), the program has no installed catalog yet:
 * read the one meson built there, so the window follows the locale before `meson install`. */
static const char *
locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (exe != NULL && g_str_has_prefix (exe, BUILD_ROOT "/"))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
