/* kl-core-error.c: the error domain of the core layer. */
#include "kl-core-error.h"

#include <string.h>

G_DEFINE_QUARK (kl-core-error-quark, kl_core_error)

const char *
kl_core_message_split_line (const char *message,
                            guint      *line)
{
  const char *p;
  guint64 n;
  char *end = NULL;

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (line != NULL, NULL);

  *line = 0;
  if (!g_str_has_prefix (message, "line "))
    return message;
  p = message + strlen ("line ");
  if (!g_ascii_isdigit (*p))
    return message;
  n = g_ascii_strtoull (p, &end, 10);
  if (end[0] != ':' || end[1] != ' ' || n > G_MAXUINT)
    return message;
  *line = (guint) n;
  return end + 2;
}

void
kl_core_set_error_at_line (GError    **error,
                           GQuark      domain,
                           gint        code,
                           guint       line,
                           const char *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (format != NULL);

  if (error == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, domain, code, "line %u: %s", line, message);
  else
    g_set_error_literal (error, domain, code, message);
}
