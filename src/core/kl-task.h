/* kl-task.h: one task assigned by a conclusion ("Giao UBND huyện … trước ngày 30/6"). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the user recorded about a task. Overdue is not a state: it is computed against a
 * given "today" (kl_task_get_status()), so it never goes stale in the database. */
typedef enum {
  KL_TASK_STATE_OPEN,
  KL_TASK_STATE_DONE,
} KlTaskState;

typedef enum {
  KL_TASK_STATUS_OPEN,
  KL_TASK_STATUS_DONE,
  KL_TASK_STATUS_OVERDUE,   /* open, and its deadline is before today */
} KlTaskStatus;

#define KL_TYPE_TASK_STATE (kl_task_state_get_type ())
GType kl_task_state_get_type (void);

#define KL_TYPE_TASK (kl_task_get_type ())
G_DECLARE_FINAL_TYPE (KlTask, kl_task, KL, TASK, GObject)

/* Properties (all notify, only on real change):
 *   id (int64: the store's id, 0 while not stored)
 *   document-id (int64: the stored document that assigned it, 0 when none)
 *   document-symbol ("58-TB/ĐU", for lists and the follow-up report; may be NULL)
 *   position (uint: order in its document)
 *   line (uint: 1-based line where the sentence starts: in the imported file, or in the
 *         body markup for a document not imported from text (see kl_tasks_extract());
 *         0 when unknown. A task read from the library has its body-line here)
 *   body-line (uint: 1-based line of the body markup where the sentence starts, to show it
 *              in the body; 0 when unknown (tasks stored before version 8 of the library).
 *              The library stores this one, since a stored document has no file)
 *   text (the sentence as written, without its final full stop)
 *   assignee (the body it is assigned to, as written: "UBND huyện", "các cơ quan, đơn vị")
 *   due (ISO 8601 "2025-12-25" or NULL: the resolved deadline)
 *   due-text (the deadline as written: "trước ngày 25/12/2025", "quý III/2024"; or NULL)
 *   state (KlTaskState), done-date (ISO 8601 or NULL), note (free text or NULL) */
KlTask      *kl_task_new                (const char *text,
                                         const char *assignee);
KlTask      *kl_task_copy               (KlTask *self);

gint64       kl_task_get_id             (KlTask *self);
void         kl_task_set_id             (KlTask *self, gint64 id);
gint64       kl_task_get_document_id    (KlTask *self);
void         kl_task_set_document_id    (KlTask *self, gint64 id);
const char  *kl_task_get_document_symbol (KlTask *self);
void         kl_task_set_document_symbol (KlTask *self, const char *value);
guint        kl_task_get_position       (KlTask *self);
void         kl_task_set_position       (KlTask *self, guint position);
guint        kl_task_get_line           (KlTask *self);
void         kl_task_set_line           (KlTask *self, guint line);
guint        kl_task_get_body_line      (KlTask *self);
void         kl_task_set_body_line      (KlTask *self, guint line);
const char  *kl_task_get_text           (KlTask *self);
void         kl_task_set_text           (KlTask *self, const char *value);
const char  *kl_task_get_assignee       (KlTask *self);
void         kl_task_set_assignee       (KlTask *self, const char *value);
const char  *kl_task_get_due            (KlTask *self);
void         kl_task_set_due            (KlTask *self, const char *iso_date);
const char  *kl_task_get_due_text       (KlTask *self);
void         kl_task_set_due_text       (KlTask *self, const char *value);
KlTaskState  kl_task_get_state          (KlTask *self);
void         kl_task_set_state          (KlTask *self, KlTaskState state);
const char  *kl_task_get_done_date      (KlTask *self);
void         kl_task_set_done_date      (KlTask *self, const char *iso_date);
const char  *kl_task_get_note           (KlTask *self);
void         kl_task_set_note           (KlTask *self, const char *value);

/* Fills @date_out from the due property; FALSE when there is no deadline. */
gboolean     kl_task_get_due_gdate      (KlTask *self, GDate *date_out);
/* Sets due from a GDate (NULL or invalid clears it). */
void         kl_task_set_due_gdate      (KlTask *self, const GDate *date);

/* DONE when done; OVERDUE when open with a deadline strictly before @today; else OPEN.
 * @today NULL means the current local date. */
KlTaskStatus kl_task_get_status         (KlTask *self, const GDate *today);
/* "open", "done", "overdue". */
const char  *kl_task_status_to_string   (KlTaskStatus status);

/* The deadline as printed in lists: "25/12/2025", or "-" when there is none. New string. */
char        *kl_task_dup_due_display    (KlTask *self);
/* The same followed by the deadline as written, when known: "30/09/2024 (quý III/2024)",
 * "- (trước ngày 30/6)" for one that could not be resolved to a date; the wording alone
 * when it gives the whole date already ("trước ngày 25/12/2025"). New string. */
char        *kl_task_dup_due_display_full (KlTask *self);

G_END_DECLS
