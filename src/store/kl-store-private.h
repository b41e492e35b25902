/* kl-store-private.h: what the files of the store share (connection, statements, errors). */
#pragma once

#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "kl-store.h"

G_BEGIN_DECLS

/* The newest schema this build knows; see kl-store-schema.c. */
#define KL_STORE_SCHEMA_VERSION 9
/* PRAGMA application_id: "KLUA", so a foreign SQLite file is recognised as such. */
#define KL_STORE_APPLICATION_ID 0x4b4c5541

/* Object data on a KlMeeting: the id of its row, under a quark made from the library's
 * path (meeting_quark), since one meeting object may be saved in two libraries. */

struct _KlStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  gboolean    read_only;
  int         schema_version;
  int         tx_depth;      /* nesting of kl_store_begin(); only the outermost talks to SQLite */
  gboolean    tx_failed;     /* an inner level rolled back: the outer one must too */
  GHashTable *statements;    /* SQL text → sqlite3_stmt*, prepared once per connection */
  GQuark      meeting_quark; /* qdata key of a KlMeeting's row id in this library */
};

/* Sets @error from the connection's last error (or @rc when there is no connection), with
 * what failed and what the user can do. @what is a whole sentence marked with N_() and
 * translated here, only when something failed: N_("could not save the document"). The
 * step/exec helpers below take the same kind of @what. */
void          kl_store_set_error_from_sqlite (KlStore     *self,
                                              GError     **error,
                                              int          rc,
                                              const char  *what);
/* Same for a bare connection @db (may be NULL) on @path. */
void          kl_store_set_error_db          (sqlite3     *db,
                                              const char  *path,
                                              GError     **error,
                                              int          rc,
                                              const char  *what);

/* A cached statement, reset and with its bindings cleared; NULL with @error set. */
sqlite3_stmt *kl_store_prepare               (KlStore     *self,
                                              const char  *sql,
                                              GError     **error);
/* Runs SQL without results (may hold several statements). */
gboolean      kl_store_exec                  (KlStore     *self,
                                              const char  *sql,
                                              GError     **error);
/* Steps a prepared statement to SQLITE_DONE; FALSE with @error otherwise. Resets it. */
gboolean      kl_store_step_done             (KlStore      *self,
                                              sqlite3_stmt *stmt,
                                              const char   *what,
                                              GError      **error);
/* Finalizes every cached statement (before a restore replaces the content). */
void          kl_store_clear_statements      (KlStore     *self);

/* Transactions: every write happens between begin (BEGIN IMMEDIATE, so that the write
 * lock is taken at once and a busy database is reported before anything is done) and
 * commit/rollback. Nested calls join the outer transaction. */
gboolean      kl_store_begin                 (KlStore     *self,
                                              GError     **error);
gboolean      kl_store_commit                (KlStore     *self,
                                              GError     **error);
void          kl_store_rollback              (KlStore     *self);
/* Fails with KL_STORE_ERROR_READ_ONLY when the store is read-only. */
gboolean      kl_store_check_writable        (KlStore     *self,
                                              GError     **error);

/* Binds a UTF-8 string or NULL. */
int           kl_store_bind_text             (sqlite3_stmt *stmt,
                                              int           index,
                                              const char   *text);
/* A column as a new string (NULL for SQL NULL). */
char         *kl_store_column_dup            (sqlite3_stmt *stmt,
                                              int           column);

/* Checks the first bytes and the size of an existing file (kl-store.c). */
gboolean      kl_store_check_file_header     (const char  *path,
                                              GError     **error);
/* Opens an existing file read-only and checks it is a healthy Ketluan library; returns the
 * read-only connection and the schema version. */
sqlite3      *kl_store_inspect_file          (const char  *path,
                                              int         *version_out,
                                              GError     **error);

/* Schema (kl-store-schema.c). */
int           kl_store_schema_read_version   (sqlite3     *db);
gboolean      kl_store_schema_migrate        (KlStore     *self,
                                              GError     **error);
/* Registers the "kl_fold" FTS5 tokenizer on @db (kl-store-search.c). */
gboolean      kl_store_search_register       (sqlite3     *db);
/* Marks the search row of a document out of date (kl-store-search.c); inside a
 * transaction. kl_store_search_flush() rebuilds the rows marked (kl_store_search() does). */
gboolean      kl_store_search_index          (KlStore     *self,
                                              KlDocument  *document,
                                              GError     **error);
gboolean      kl_store_search_flush          (KlStore     *self,
                                              GError     **error);
gboolean      kl_store_search_unindex        (KlStore     *self,
                                              gint64       id,
                                              GError     **error);
/* Folds @text for search the way the index does: lower case, no diacritics, đ → d. */
char         *kl_store_fold                  (const char  *text);

/* Documents (kl-store-documents.c). @force saves an issued document (issuing itself). */
gboolean      kl_store_save_document_internal (KlStore    *self,
                                               KlDocument *document,
                                               gboolean    force,
                                               GError    **error);
/* Appends the stored targets of report row @report_id to @report. */
gboolean      kl_store_load_targets          (KlStore     *self,
                                              gint64       report_id,
                                              KlReport    *report,
                                              GError     **error);
/* The state stored for @id: -1 when there is no such document. */
int           kl_store_document_state        (KlStore     *self,
                                              gint64       id,
                                              GError     **error);

/* Snapshots of a document for revisions (kl-store-revisions.c). */
GBytes       *kl_store_snapshot_document     (KlDocument  *document);
KlDocument   *kl_store_snapshot_restore      (GBytes      *snapshot,
                                              GError     **error);

/* Backups (kl-store-backup.c): copies @src into a new file @dest_path with the backup API. */
gboolean      kl_store_backup_to             (sqlite3     *src,
                                              const char  *src_path,
                                              const char  *dest_path,
                                              GError     **error);
/* <dir of db>/backups, created 0700. */
char         *kl_store_backup_dir            (KlStore     *self,
                                              GError     **error);

/* Restores a KlValue from its stored fields (the text is the source of truth; the stored
 * reading settles an ambiguous text the way the user did). */
KlValue      *kl_store_value_restore         (const char  *text,
                                              double       number,
                                              gboolean     ambiguous);

G_END_DECLS
