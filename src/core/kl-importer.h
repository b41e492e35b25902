/* kl-importer.h: reading documents written the way the seeds are (text converted from Word). */
#pragma once

#include <gio/gio.h>
#include "kl-document.h"

G_BEGIN_DECLS

/* Imports seed-flavoured text (see ../shared/seeds): header lines, type name and summary,
 * body, footnotes (<sup>(n)</sup> markers, footnote paragraphs moved to where they belong),
 * recipients, signer block, annex target tables; joins paragraphs cut by page breaks;
 * normalises to NFC. The body is converted to kl-markup. Every decision that could be
 * wrong becomes a KlWarning with its line (kl_document_get_warnings()).
 * Fails with KL_CORE_ERROR_INVALID_UTF8 ("line N: invalid UTF-8 at byte B", B counted from 1
 * within the line), KL_CORE_ERROR_TOO_LARGE (over 64 MiB) or KL_CORE_ERROR_PARSE (nothing that
 * looks like a document: no type name, no "Nơi nhận", no signature). A BOM and CR line ends are
 * accepted; the body ends with a newline (canonical kl-markup). An annex table that yields no
 * target is left out with a warning, not an error. */
KlDocument  *kl_importer_import_text  (const char  *text,
                                       gssize       length,
                                       GError     **error);
KlDocument  *kl_importer_import_file  (GFile       *file,
                                       GError     **error);

/* The body is rebuilt (paragraphs joined, footnotes moved, header and closing left out),
 * so its lines are not the file's: the file line of @body_line (1-based) of the body of
 * a document this importer made, for messages such as the renderer's "line N: …".
 * 0 when @document was not imported from text or its body changed since. */
guint        kl_importer_get_file_line (KlDocument *document,
                                        guint       body_line);

G_END_DECLS
