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

G_END_DECLS
