/* kl-store.h: the user's library of documents in one SQLite database.
 *
 * One KlStore per database file; not thread-safe: use one per thread (a worker thread
 * opens its own KlStore on the same path; WAL lets them read and write side by side).
 * Every change runs in a transaction. Errors are KL_STORE_ERROR with a message that says
 * what happened, to which file, and what the user can do. */
#pragma once

#include <gio/gio.h>
#include "kl-core.h"

G_BEGIN_DECLS

#define KL_STORE_ERROR (kl_store_error_quark ())

typedef enum {
  KL_STORE_ERROR_NOT_A_DATABASE,  /* the file is not an SQLite database */
  KL_STORE_ERROR_CORRUPT,         /* quick_check failed, or the file is truncated */
  KL_STORE_ERROR_TOO_NEW,         /* made by a newer Ketluan: opened read-only */
  KL_STORE_ERROR_READ_ONLY,       /* the file or disk is read-only (or opened read-only) */
  KL_STORE_ERROR_FULL,            /* the disk is full */
  KL_STORE_ERROR_LOCKED,          /* another process holds the database */
  KL_STORE_ERROR_NOT_FOUND,       /* no such document, revision, backup */
  KL_STORE_ERROR_ISSUED,          /* an issued document cannot be changed */
  KL_STORE_ERROR_CONFLICT,        /* e.g. a number already taken */
  KL_STORE_ERROR_IO,              /* anything else from SQLite or the file system */
} KlStoreError;

GQuark       kl_store_error_quark       (void);

#define KL_TYPE_STORE (kl_store_get_type ())
G_DECLARE_FINAL_TYPE (KlStore, kl_store, KL, STORE, GObject)

/* The default path: $KETLUAN_DB if set, else $XDG_DATA_HOME/ketluan/ketluan.db. New string. */
char        *kl_store_default_path      (void);

/* Opens (creating when missing, mode 0600 in a 0700 directory) and migrates the database.
 * A damaged file is never modified; a newer schema opens read-only and sets @error to
 * KL_STORE_ERROR_TOO_NEW *and* returns the store (check kl_store_is_read_only()).
 * Likewise a read-only file of the current schema sets KL_STORE_ERROR_READ_ONLY and
 * returns a read-only store. An existing library is first opened read-only and checked
 * (header, size, application id, PRAGMA quick_check); before a migration a copy is
 * written to <dir of db>/backups/ketluan-before-vN-YYYYMMDD-HHMMSS.db. */
KlStore     *kl_store_open              (const char  *path,
                                         GError     **error);
const char  *kl_store_get_path          (KlStore *self);
gboolean     kl_store_is_read_only      (KlStore *self);
int          kl_store_get_schema_version (KlStore *self);

/* Documents. Saving writes every field, the signer, recipients, reports and targets; it
 * sets the document's id on first save. Issued documents are refused (KL_STORE_ERROR_ISSUED). */
gboolean     kl_store_save_document     (KlStore     *self,
                                         KlDocument  *document,
                                         GError     **error);
KlDocument  *kl_store_load_document     (KlStore     *self,
                                         gint64       id,
                                         GError     **error);
gboolean     kl_store_delete_document   (KlStore     *self,
                                         gint64       id,
                                         GError     **error);

/* A short description of a stored document for lists. */
typedef struct {
  gint64  id;
  char   *kind;
  char   *symbol;        /* may be NULL */
  char   *title;
  char   *summary;
  char   *date;          /* ISO or NULL */
  int     state;         /* KlDocumentState */
  gint64  meeting_id;    /* 0 when none */
  char   *meeting_title; /* may be NULL */
  gint64  modified;      /* unix time, seconds */
} KlDocumentInfo;

void         kl_document_info_free      (KlDocumentInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlDocumentInfo, kl_document_info_free)

/* The @limit most recently modified documents (0 = all), newest first. GPtrArray of
 * KlDocumentInfo* (free func set). */
GPtrArray   *kl_store_list_documents    (KlStore     *self,
                                         guint        limit,
                                         GError     **error);

/* Meetings for the sidebar: those with at least one document, newest first (by date; those
 * without a date last). A meeting is shared by its documents (matched on organization, that
 * is the documents' issuer, body, ordinal, term and date). GPtrArray of KlMeetingInfo*. */
typedef struct {
  gint64  id;
  char   *title;
  char   *date;          /* ISO or NULL */
  guint   n_documents;
} KlMeetingInfo;

void         kl_meeting_info_free       (KlMeetingInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlMeetingInfo, kl_meeting_info_free)
GPtrArray   *kl_store_list_meetings     (KlStore     *self,
                                         GError     **error);
/* The documents of meeting @meeting_id, most recently modified first (KlDocumentInfo*). */
GPtrArray   *kl_store_list_documents_of_meeting (KlStore     *self,
                                                 gint64       meeting_id,
                                                 GError     **error);

/* Import and export of single documents as JSON files (kl-json.h). Importing always
 * makes a new document (a draft copy: kl_document_copy()), never replaces a stored one;
 * returns the new id, 0 on error. */
gint64       kl_store_import_document   (KlStore     *self,
                                         KlDocument  *document,
                                         GError     **error);
gint64       kl_store_import_file       (KlStore     *self,
                                         GFile       *file,
                                         GError     **error);
gboolean     kl_store_export_file       (KlStore     *self,
                                         gint64       id,
                                         GFile       *file,
                                         GError     **error);
/* Editing an issued document: a draft copy of it, stored, returned. */
KlDocument  *kl_store_new_draft_from    (KlStore     *self,
                                         KlDocument  *document,
                                         GError     **error);

/* The reports of other documents that continue the series of @reports (the reports of one
 * document: its id @document_id, 0 when not in the library, and its date @date, ISO or
 * NULL) for a trend chart: reports sharing enough targets with them (at least half of the
 * smaller table, and at least three when both have three; by name, with the chart's
 * kl_target_name_match_key()), one per period (that of the most
 * recently modified document: the notice and the report carry the same table, and
 * drafts and copies are documents of their own), none of @reports' periods and none
 * without a period, none of a document more secret than @secrecy (a secret document must
 * not reach a less secret one's pages by any automatic route). Oldest first
 * (kl_period_series()), at most @max_periods with @reports counted (0: no limit).
 * GPtrArray of KlPeriodReport* (free func set), their targets loaded. */
GPtrArray   *kl_store_find_trend_reports (KlStore     *self,
                                          KlReport   **reports,
                                          guint        n_reports,
                                          gint64       document_id,
                                          const char  *date,
                                          KlSecrecy    secrecy,
                                          guint        max_periods,
                                          GError     **error);

/* Runs PRAGMA integrity_check; KL_STORE_ERROR_CORRUPT with the first problem. */
gboolean     kl_store_check_integrity   (KlStore     *self,
                                         GError     **error);

/* Full-text search; @query is what the user typed, with or without diacritics (đ counts as
 * a diacritic of d). The words are matched in any order, the last one as a prefix. A query
 * with diacritics lists the documents that match its exact spelling first, then those that
 * match without diacritics. Ranked by bm25 (title and summary weigh more than the body);
 * when more than 1 000 documents match, the 1 000 most recently created are ranked.
 * Documents saved since the last search are indexed first (saving only marks them, to keep
 * autosave cheap), so a search may write. @limit 0 means 100. */
typedef struct {
  gint64  id;
  char   *title;
  char   *snippet;       /* with the matches between "[" and "]" */
  double  rank;          /* lower is better */
} KlSearchHit;

void         kl_search_hit_free         (KlSearchHit *hit);
GPtrArray   *kl_store_search            (KlStore     *self,
                                         const char  *query,
                                         guint        limit,
                                         GError     **error);

/* Revisions: a full snapshot of a document. */
typedef struct {
  gint64  id;
  gint64  document_id;
  gint64  created;       /* unix time, seconds */
  char   *reason;        /* "autosave", "save", "issue", "restore", or a user's name for it */
} KlRevisionInfo;

void         kl_revision_info_free      (KlRevisionInfo *info);
gint64       kl_store_add_revision      (KlStore     *self,
                                         KlDocument  *document,
                                         const char  *reason,
                                         GError     **error);
/* Newest first. */
GPtrArray   *kl_store_list_revisions    (KlStore     *self,
                                         gint64       document_id,
                                         GError     **error);
KlDocument  *kl_store_load_revision     (KlStore     *self,
                                         gint64       revision_id,
                                         GError     **error);
/* Names of the fields that differ between two revisions ("body", "signer", "targets"…). */
GStrv        kl_store_compare_revisions (KlStore     *self,
                                         gint64       revision_a,
                                         gint64       revision_b,
                                         GError     **error);
/* Makes the revision the current content of its document (after keeping a revision of the
 * current content with reason "before restore"). Returns the restored document. */
KlDocument  *kl_store_restore_revision  (KlStore     *self,
                                         gint64       revision_id,
                                         GError     **error);

/* Removes all but the newest @keep "autosave" revisions of a document (other reasons
 * are kept for good). */
gboolean     kl_store_prune_revisions   (KlStore     *self,
                                         gint64       document_id,
                                         guint        keep,
                                         GError     **error);

/* Issuing: records the number as issued, sets state ISSUED, keeps a revision "issue", all in
 * one transaction. The register key is (kind, issuer abbreviation, the organization's term);
 * a document without a number gets the next one. */
gboolean     kl_store_issue_document    (KlStore     *self,
                                         KlDocument  *document,
                                         GError     **error);

/* Organization profile (one per library) and presets. */
KlOrganization *kl_store_load_organization (KlStore *self, GError **error);
gboolean     kl_store_save_organization (KlStore *self, KlOrganization *org, GError **error);
GListStore  *kl_store_list_signers      (KlStore *self, GError **error);   /* of KlSigner */
gboolean     kl_store_save_signers      (KlStore *self, GListModel *signers, GError **error);
/* Recipient presets: name → lines. */
GPtrArray   *kl_store_list_recipient_presets (KlStore *self, GError **error); /* of char* names */
GStrv        kl_store_load_recipient_preset  (KlStore *self, const char *name, GError **error);
gboolean     kl_store_save_recipient_preset  (KlStore *self, const char *name,
                                              const char * const *lines, GError **error);

/* Number register: the next free number for (kind, issuer abbreviation, term), reserved
 * for @document_id in one transaction; never handed out twice. */
guint        kl_store_reserve_number    (KlStore     *self,
                                         const char  *kind,
                                         const char  *issuer_abbreviation,
                                         const char  *term,
                                         gint64       document_id,
                                         GError     **error);
gboolean     kl_store_cancel_number     (KlStore     *self,
                                         const char  *kind,
                                         const char  *issuer_abbreviation,
                                         const char  *term,
                                         guint        number,
                                         GError     **error);

/* "reserved", "issued", "cancelled", or NULL when the number was never handed out. */
char        *kl_store_dup_number_state  (KlStore     *self,
                                         const char  *kind,
                                         const char  *issuer_abbreviation,
                                         const char  *term,
                                         guint        number);

/* Backups with the SQLite backup API into <dir of db>/backups/ketluan-YYYYMMDD-HHMMSS.db. */
char        *kl_store_backup            (KlStore *self, GError **error);  /* returns the path */
/* Takes a backup when the newest one is older than a day; keeps the newest @keep. */
gboolean     kl_store_backup_daily      (KlStore *self, guint keep, GError **error);
/* Checks the backup like a library (never modifies it), keeps a copy of the current
 * content as a new backup, then replaces the content and migrates it if older. */
gboolean     kl_store_restore_backup    (KlStore *self, const char *backup_path, GError **error);
/* The regular backups (not those taken before migrations), newest first; paths. */
GPtrArray   *kl_store_list_backups      (KlStore *self, GError **error);

/* Key/value settings kept in the database (page style, autosave interval…). */
char        *kl_store_get_setting       (KlStore *self, const char *key);
gboolean     kl_store_set_setting       (KlStore *self, const char *key, const char *value,
                                         GError **error);

/* ---- Tasks and templates (kl-store-tasks.c; owned by the tasks feature) ----------------- */
#include "kl-task.h"
#include "kl-templates.h"

/* Stores the confirmed tasks of document @document_id, replacing those stored before: text,
 * assignee, deadline (the date and as written) and body-line (the line of the body, not of
 * an imported file, which the library does not keep). A task whose text and assignee match
 * one stored before keeps that one's id, state, done date and note (so confirming again
 * after an edit loses no follow-up). Sets the ids and the document-id of the tasks in
 * @tasks (GListModel of KlTask). */
gboolean     kl_store_save_tasks        (KlStore     *self,
                                         gint64       document_id,
                                         GListModel  *tasks,
                                         GError     **error);
/* Stored tasks (GListStore of KlTask, new) of one document, or of all documents when
 * @document_id is 0, with document-symbol filled from their document; ordered by deadline
 * (none last), then document and position. Their line and body-line are both the stored
 * body line (0 for tasks stored before version 8 of the library). */
GListStore  *kl_store_list_tasks        (KlStore     *self,
                                         gint64       document_id,
                                         GError     **error);
KlTask      *kl_store_load_task         (KlStore     *self,
                                         gint64       task_id,
                                         GError     **error);
/* Marks a task done (on @done_date, ISO; NULL = today) or open again (done date cleared).
 * KL_STORE_ERROR_NOT_FOUND for an unknown id. */
gboolean     kl_store_set_task_state    (KlStore     *self,
                                         gint64       task_id,
                                         KlTaskState  state,
                                         const char  *done_date,
                                         GError     **error);
gboolean     kl_store_delete_task       (KlStore     *self,
                                         gint64       task_id,
                                         GError     **error);

/* Document templates (table "templates"). The built-in ones (kl_templates_builtin()) are
 * inserted on first use; afterwards they are the user's to edit or delete (a deleted one
 * does not come back). List: GPtrArray of KlTemplate* (free func set), by name. */
GPtrArray   *kl_store_list_templates    (KlStore     *self,
                                         GError     **error);
KlTemplate  *kl_store_load_template     (KlStore     *self,
                                         const char  *name,
                                         GError     **error);
/* Inserts or replaces (by name) a template; sets its id. */
gboolean     kl_store_save_template     (KlStore     *self,
                                         KlTemplate  *template_,
                                         GError     **error);
gboolean     kl_store_delete_template   (KlStore     *self,
                                         const char  *name,
                                         GError     **error);
/* ---- end of tasks and templates ----------------------------------------------------------- */

G_END_DECLS
