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

/* A warning whose message is @format filled in, after "line N: " when @line is not 0. The
 * prefix stays in English in every locale: it is what the JSON documents and the tools that
 * read them expect, while the rest of the message is in the user's language. */
KlWarning   *kl_warning_new_valist  (guint        line,
                                     const char  *field,
                                     const char  *format,
                                     va_list      args) G_GNUC_PRINTF (3, 0);

/* The message without its "line N: " prefix, for those that show the line on their own
 * (FILE:LINE: in ketluan-cli, a translated "line N" in the window). Borrowed. */
const char  *kl_warning_get_text    (KlWarning *self);

G_END_DECLS
