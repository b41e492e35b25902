/* kl-cli-common.h: what every ketluan-cli command shares: loading input, reporting errors. */
#pragma once

#include "kl-core.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* A command: argv[0] is the command name; returns the exit status. */
typedef int (*KlCliCommandFunc) (int argc, char **argv);

/* Loads a document from @path: JSON when the content starts with "{" (after a BOM and
 * blanks), else seed-flavoured text through the importer. On failure prints
 * "PATH:LINE: message" (LINE when known) to stderr and returns NULL. */
KlDocument *kl_cli_load_document (const char *path);

/* Prints "PATH:LINE: message" (or "PATH: message" when line is 0) to stderr. */
void        kl_cli_error_at      (const char *path,
                                  guint       line,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);

/* Prints "ketluan-cli: message" to stderr. */
void        kl_cli_error         (const char *format,
                                  ...) G_GNUC_PRINTF (1, 2);

/* Writes @contents to @path atomically (nothing half-written), or to stdout when path is
 * "-". On failure prints an error and returns FALSE. */
gboolean    kl_cli_write_output  (const char *path,
                                  const char *contents,
                                  gsize       length);

/* Command entry points, each in its kl-cli-<group>.c. */
int kl_cli_import   (int argc, char **argv);   /* import FILE --json; with --db: store it */
int kl_cli_targets  (int argc, char **argv);
int kl_cli_store    (int argc, char **argv);   /* list, search, export, revisions, backup, restore */
int kl_cli_store_import (const char *path, KlDocument *doc); /* stores @doc (read from @path) as a new document in the --db library, prints its id; exit status */
int kl_cli_render   (int argc, char **argv);
int kl_cli_chart    (int argc, char **argv);
int kl_cli_check    (int argc, char **argv);
int kl_cli_tasks    (int argc, char **argv);
int kl_cli_new      (int argc, char **argv);   /* new KIND --from FILE: a draft from a template */

/* The --db PATH given before the command (or KETLUAN_DB, or the default), NULL-safe. */
const char *kl_cli_get_db_path   (void);
void        kl_cli_set_db_path   (const char *path);

/* The library's earlier periods of @reports for a trend chart (KlPeriodReport*, at most
 * KL_PERIOD_TREND_MAX periods with @reports), from @store, or when NULL from the --db
 * library (or the default one) if that file exists: never creates one. @document_id: the
 * document's id in that library (0 for a file), @date its date, @secrecy its secrecy (no
 * more secret document is taken). Says on stderr which periods were taken ("COMMAND: …").
 * An unreadable library is a warning and gives none; so is a report @font_family cannot
 * draw (left out: the library's text must not stop this document). Never NULL. */
GPtrArray  *kl_cli_trend_reports (const char  *command,
                                  KlStore     *store,
                                  KlReport   **reports,
                                  guint        n_reports,
                                  gint64       document_id,
                                  const char  *date,
                                  KlSecrecy    secrecy,
                                  const char  *font_family);

G_END_DECLS
