/* main.c: starts Ketluan. */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include "kl-application.h"
#include "kl-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KlApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* From the build tree (tools/run.sh), the catalog meson built there. */
  kl_i18n_bind_catalog ();
  textdomain (GETTEXT_PACKAGE);

  app = kl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
