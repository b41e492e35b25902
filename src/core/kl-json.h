/* kl-json.h: the single-file JSON document format ("format": "ketluan-document", "version": 1). */
#pragma once

#include <gio/gio.h>
#include "kl-document.h"

G_BEGIN_DECLS

#define KL_JSON_FORMAT_NAME    "ketluan-document"
#define KL_JSON_FORMAT_VERSION 1

/* Writes @document as pretty-printed JSON (see README "JSON document format"). */
char        *kl_json_write_document   (KlDocument  *document);
/* Writes only the target tables: {"format": "ketluan-targets", "version": 1, "reports": [each
 * report as in the document format plus "count": {"main_met", "main_total", "component_met",
 * "component_total"}], "warnings": [...]}. For "ketluan-cli targets --json". */
char        *kl_json_write_targets    (KlDocument  *document);
gboolean     kl_json_save_document    (KlDocument  *document,
                                       GFile       *file,
                                       GError     **error);   /* atomic replace */

/* Reads a document; KL_CORE_ERROR_VERSION for a newer version, KL_CORE_ERROR_FORMAT for
 * JSON that is not a Ketluan document, KL_CORE_ERROR_PARSE with line:column for broken JSON.
 * Never reads any path named inside the file. */
KlDocument  *kl_json_read_document    (const char  *data,
                                       gssize       length,
                                       GError     **error);
KlDocument  *kl_json_load_document    (GFile       *file,
                                       GError     **error);

G_END_DECLS
