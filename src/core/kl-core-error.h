/* kl-core-error.h: the error domain of the core layer (parsers, importer, JSON). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KL_CORE_ERROR (kl_core_error_quark ())

typedef enum {
  KL_CORE_ERROR_INVALID_UTF8,   /* the input is not UTF-8 text */
  KL_CORE_ERROR_PARSE,          /* the input does not have the expected shape */
  KL_CORE_ERROR_TABLE,          /* a table row has the wrong number of cells, … */
  KL_CORE_ERROR_TOO_LARGE,      /* the input exceeds a safety limit */
  KL_CORE_ERROR_VERSION,        /* a JSON document from a newer format version */
  KL_CORE_ERROR_FORMAT,         /* not a Ketluan document at all */
} KlCoreError;

GQuark kl_core_error_quark (void);

/* Messages of the core that know their line start with "line N: ", in English in every
 * locale (JSON documents keep it, tools read it). Returns the rest of @message (borrowed, a
 * pointer into it) and sets *@line to N; without that prefix, @message itself and 0. */
const char *kl_core_message_split_line (const char *message,
                                        guint      *line);

/* Sets @error to the message made from @format (translated by the caller), after the
 * untranslated "line N: " prefix when @line is not 0. For every layer's errors that know
 * their line (templates, renderer, fonts). */
void        kl_core_set_error_at_line  (GError    **error,
                                        GQuark      domain,
                                        gint        code,
                                        guint       line,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
