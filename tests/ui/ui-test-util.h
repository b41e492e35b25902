/* ui-test-util.h: the fixture the UI test programs share: a fresh library in a temp dir and a window on it. */
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

G_END_DECLS
