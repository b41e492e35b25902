/* i18n-test-common.h: running the core and ketluan-cli in Vietnamese, with the catalog built
 * in the build tree. */
#pragma once

#include <locale.h>
#include <glib.h>

#include "kl-i18n.h"

/* What a Vietnamese user runs: vi_VN.UTF-8 when it is generated (tools/install-deps.sh does),
 * else C.UTF-8, where LANGUAGE=vi alone chooses the catalog. */
static inline const char *
i18n_test_vietnamese_locale (void)
{
  locale_t vi = newlocale (LC_ALL_MASK, "vi_VN.UTF-8", (locale_t) 0);

  if (vi == (locale_t) 0)
    return "C.UTF-8";
  freelocale (vi);
  return "vi_VN.UTF-8";
}

/* The tests run from the build tree, which holds the catalog meson built. */
static inline void
i18n_test_assert_catalog_built (void)
{
  g_autofree char *mo = g_build_filename (BUILD_LOCALEDIR, "vi", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was not built", mo);
}

/* Runs the calling test again in a subprocess switched to Vietnamese (the locale is the whole
 * program's): returns TRUE in that subprocess, which goes on with the test, and FALSE in the
 * parent once the subprocess passed. */
static inline gboolean
i18n_test_in_vietnamese (void)
{
  i18n_test_assert_catalog_built ();
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, 0);
      g_test_trap_assert_passed ();
      return FALSE;
    }
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, i18n_test_vietnamese_locale ()));
  kl_i18n_bind_catalog ();
  return TRUE;
}

/* The environment of a child program (ketluan-cli) that speaks Vietnamese. */
static inline GStrv
i18n_test_vietnamese_environ (void)
{
  GStrv env;

  i18n_test_assert_catalog_built ();
  env = g_environ_setenv (g_get_environ (), "LC_ALL", i18n_test_vietnamese_locale (), TRUE);
  return g_environ_setenv (env, "LANGUAGE", "vi", TRUE);
}
