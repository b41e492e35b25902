/* kl-warning.h: a note about a decision that could be wrong, with where it was made. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KL_TYPE_WARNING (kl_warning_get_type ())
G_DECLARE_FINAL_TYPE (KlWarning, kl_warning, KL, WARNING, GObject)

/* line: 1-based line in the input file, or 0 when it is not tied to a line.
 * field: a field name ("date", "targets[3].plan") or NULL. */
KlWarning   *kl_warning_new        (guint        line,
                                    const char  *field,
                                    const char  *message);
guint        kl_warning_get_line    (KlWarning *self);
const char  *kl_warning_get_field   (KlWarning *self);
const char  *kl_warning_get_message (KlWarning *self);

G_END_DECLS
