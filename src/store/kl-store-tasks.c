/* kl-store-tasks.c: tasks assigned by conclusions, and document templates, in the library. */
#include "config.h"

#include <string.h>

#include "kl-store-private.h"

#define BUILTIN_SEEDED_KEY "templates.builtin-seeded"

/* ---- Tasks ------------------------------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *text;
  char   *assignee;
  int     state;
  char   *done_date;
  char   *note;
  gboolean used;
} OldTask;

static void
old_task_free (gpointer data)
{
  OldTask *t = data;
  g_free (t->text);
  g_free (t->assignee);
  g_free (t->done_date);
  g_free (t->note);
  g_free (t);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
kl_store_save_tasks (KlStore     *self,
                     gint64       document_id,
                     GListModel  *tasks,
                     GError     **error)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (old_task_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (document_id > 0, FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), FALSE);

  if (!kl_store_check_writable (self, error) || !kl_store_begin (self, error))
    return FALSE;

  stmt = kl_store_prepare (self,
                           "SELECT id, text, assignee, state, done_date, note FROM tasks "
                           "WHERE document_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OldTask *t = g_new0 (OldTask, 1);
      t->id = sqlite3_column_int64 (stmt, 0);
      t->text = kl_store_column_dup (stmt, 1);
      t->assignee = kl_store_column_dup (stmt, 2);
      t->state = sqlite3_column_int (stmt, 3);
      t->done_date = kl_store_column_dup (stmt, 4);
      t->note = kl_store_column_dup (stmt, 5);
      g_ptr_array_add (old, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the tasks of the document"));
      goto fail;
    }

  stmt = kl_store_prepare (self, "DELETE FROM tasks WHERE document_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!kl_store_step_done (self, stmt, N_("could not replace the tasks of the document"), error))
    goto fail;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (tasks, i);

      /* The same task confirmed again keeps what the user recorded about it. */
      for (guint k = 0; k < old->len; k++)
        {
          OldTask *t = old->pdata[k];
          if (t->used || g_strcmp0 (t->text, kl_task_get_text (task)) != 0 ||
              g_strcmp0 (t->assignee, kl_task_get_assignee (task)) != 0)
            continue;
          t->used = TRUE;
          if (kl_task_get_id (task) == 0)
            {
              kl_task_set_id (task, t->id);
              kl_task_set_state (task, t->state == KL_TASK_STATE_DONE ? KL_TASK_STATE_DONE
                                                                       : KL_TASK_STATE_OPEN);
              kl_task_set_done_date (task, t->done_date);
              if (kl_task_get_note (task) == NULL)
                kl_task_set_note (task, t->note);
            }
          break;
        }

      stmt = kl_store_prepare (self,
                               "INSERT INTO tasks (id, document_id, position, text, assignee, "
                               "  due, state, done_date, note, due_text, body_line) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
      if (stmt == NULL)
        goto fail;
      if (kl_task_get_id (task) > 0)
        sqlite3_bind_int64 (stmt, 1, kl_task_get_id (task));
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, document_id);
      sqlite3_bind_int (stmt, 3, (int) i);
      kl_store_bind_text (stmt, 4, kl_task_get_text (task) != NULL ? kl_task_get_text (task) : "");
      kl_store_bind_text (stmt, 5, kl_task_get_assignee (task));
      kl_store_bind_text (stmt, 6, kl_task_get_due (task));
      sqlite3_bind_int (stmt, 7, (int) kl_task_get_state (task));
      kl_store_bind_text (stmt, 8, kl_task_get_done_date (task));
      kl_store_bind_text (stmt, 9, kl_task_get_note (task));
      kl_store_bind_text (stmt, 10, kl_task_get_due_text (task));
      sqlite3_bind_int64 (stmt, 11, (gint64) kl_task_get_body_line (task));
      if (!kl_store_step_done (self, stmt, N_("could not save a task"), error))
        goto fail;
      kl_task_set_id (task, sqlite3_last_insert_rowid (self->db));
      kl_task_set_document_id (task, document_id);
      kl_task_set_position (task, i);
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

#define TASK_COLUMNS                                                                       \
  "t.id, t.document_id, t.position, t.text, t.assignee, t.due, t.state, t.done_date, "     \
  "t.note, d.symbol, d.number, d.kind, d.issuer_abbreviation, t.due_text, t.body_line"

static KlTask *
task_from_row (sqlite3_stmt *stmt)
{
  KlTask *task = kl_task_new ((const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));
  const char *symbol = (const char *) sqlite3_column_text (stmt, 9);

  kl_task_set_id (task, sqlite3_column_int64 (stmt, 0));
  kl_task_set_document_id (task, sqlite3_column_int64 (stmt, 1));
  kl_task_set_position (task, (guint) sqlite3_column_int (stmt, 2));
  kl_task_set_due (task, (const char *) sqlite3_column_text (stmt, 5));
  kl_task_set_state (task, sqlite3_column_int (stmt, 6) == KL_TASK_STATE_DONE
                             ? KL_TASK_STATE_DONE : KL_TASK_STATE_OPEN);
  kl_task_set_done_date (task, (const char *) sqlite3_column_text (stmt, 7));
  kl_task_set_note (task, (const char *) sqlite3_column_text (stmt, 8));
  kl_task_set_due_text (task, (const char *) sqlite3_column_text (stmt, 13));
  /* A stored document has no file: its lines are those of the body. */
  kl_task_set_line (task, (guint) MAX (sqlite3_column_int (stmt, 14), 0));
  kl_task_set_body_line (task, kl_task_get_line (task));
  if (symbol != NULL && *symbol != '\0')
    kl_task_set_document_symbol (task, symbol);
  else if (sqlite3_column_int64 (stmt, 10) > 0)
    {
      /* Built as the document prints it after "Số " (see kl_document_dup_symbol()). */
      const char *kind = (const char *) sqlite3_column_text (stmt, 11);
      const char *abbr = (const char *) sqlite3_column_text (stmt, 12);
      g_autofree char *built = g_strdup_printf ("%lld-%s/%s",
                                                (long long) sqlite3_column_int64 (stmt, 10),
                                                kind != NULL ? kind : "", abbr != NULL ? abbr : "");
      kl_task_set_document_symbol (task, built);
    }
  return task;
}

GListStore *
kl_store_list_tasks (KlStore *self, gint64 document_id, GError **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (document_id >= 0, NULL);

  stmt = kl_store_prepare (self,
                           "SELECT " TASK_COLUMNS " FROM tasks t "
                           "LEFT JOIN documents d ON d.id = t.document_id "
                           "WHERE ?1 = 0 OR t.document_id = ?1 "
                           "ORDER BY t.due IS NULL, t.due, t.document_id, t.position, t.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  list = g_list_store_new (KL_TYPE_TASK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KlTask) task = task_from_row (stmt);
      g_list_store_append (list, task);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not list the tasks"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

KlTask *
kl_store_load_task (KlStore *self, gint64 task_id, GError **error)
{
  sqlite3_stmt *stmt;
  KlTask *task = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
                           "SELECT " TASK_COLUMNS " FROM tasks t "
                           "LEFT JOIN documents d ON d.id = t.document_id WHERE t.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, task_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    task = task_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no task %lld (see ketluan-cli tasks for the list)"),
                 kl_store_get_path (self), (long long) task_id);
  else if (rc != SQLITE_ROW)
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the task"));
  return task;
}

gboolean
kl_store_set_task_state (KlStore     *self,
                         gint64       task_id,
                         KlTaskState  state,
                         const char  *done_date,
                         GError     **error)
{
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (state == KL_TASK_STATE_OPEN || state == KL_TASK_STATE_DONE, FALSE);

  if (!kl_store_check_writable (self, error) || !kl_store_begin (self, error))
    return FALSE;
  if (state == KL_TASK_STATE_DONE && done_date == NULL)
    done_date = today = today_iso ();
  stmt = kl_store_prepare (self, "UPDATE tasks SET state = ?2, done_date = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  sqlite3_bind_int (stmt, 2, (int) state);
  kl_store_bind_text (stmt, 3, state == KL_TASK_STATE_DONE ? done_date : NULL);
  if (!kl_store_step_done (self, stmt, N_("could not change the state of the task"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no task %lld (see ketluan-cli tasks for the list)"),
                   kl_store_get_path (self), (long long) task_id);
      goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

gboolean
kl_store_delete_task (KlStore *self, gint64 task_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);

  if (!kl_store_check_writable (self, error) || !kl_store_begin (self, error))
    return FALSE;
  stmt = kl_store_prepare (self, "DELETE FROM tasks WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (!kl_store_step_done (self, stmt, N_("could not delete the task"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no task %lld"), kl_store_get_path (self), (long long) task_id);
      goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

/* ---- Templates ---------------------------------------------------------------------------- */

static gboolean
insert_template (KlStore *self, KlTemplate *tpl, gboolean replace, GError **error)
{
  g_autofree char *title = kl_template_dup_field (tpl->text, "title");
  g_autofree char *summary = kl_template_dup_field (tpl->text, "summary");
  g_autofree char *kind = kl_template_dup_field (tpl->text, "kind");
  sqlite3_stmt *stmt;

  stmt = kl_store_prepare (self, replace
                             ? "INSERT INTO templates (name, kind, title, summary, body) "
                               "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET "
                               "kind = excluded.kind, title = excluded.title, "
                               "summary = excluded.summary, body = excluded.body"
                             : "INSERT OR IGNORE INTO templates (name, kind, title, summary, body) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;
  kl_store_bind_text (stmt, 1, tpl->name);
  kl_store_bind_text (stmt, 2, kind != NULL ? kind : "TB");
  kl_store_bind_text (stmt, 3, title);
  kl_store_bind_text (stmt, 4, summary);
  kl_store_bind_text (stmt, 5, tpl->text);
  if (!kl_store_step_done (self, stmt, N_("could not save the template"), error))
    return FALSE;
  g_free (tpl->kind);
  tpl->kind = g_strdup (kind != NULL ? kind : "TB");
  return TRUE;
}

/* The built-in templates go in once; after that they are the user's. A read-only library
 * is left as it is (the lists then offer the built-ins from memory). */
static gboolean
ensure_builtin (KlStore *self, GError **error)
{
  g_autofree char *seeded = NULL;
  g_autoptr(GPtrArray) builtin = NULL;

  if (kl_store_is_read_only (self))
    return TRUE;
  seeded = kl_store_get_setting (self, BUILTIN_SEEDED_KEY);
  if (g_strcmp0 (seeded, "1") == 0)
    return TRUE;
  if (!kl_store_begin (self, error))
    return FALSE;
  builtin = kl_templates_builtin ();
  for (guint i = 0; i < builtin->len; i++)
    if (!insert_template (self, builtin->pdata[i], FALSE, error))
      goto fail;
  if (!kl_store_set_setting (self, BUILTIN_SEEDED_KEY, "1", error))
    goto fail;
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

static KlTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  KlTemplate *tpl = kl_template_new ((const char *) sqlite3_column_text (stmt, 1),
                                     sqlite3_column_text (stmt, 3) != NULL
                                       ? (const char *) sqlite3_column_text (stmt, 3) : "");
  tpl->id = sqlite3_column_int64 (stmt, 0);
  if (sqlite3_column_text (stmt, 2) != NULL)
    {
      g_free (tpl->kind);
      tpl->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  return tpl;
}

GPtrArray *
kl_store_list_templates (KlStore *self, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_template_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  if (!ensure_builtin (self, error))
    return NULL;
  stmt = kl_store_prepare (self, "SELECT id, name, kind, body FROM templates ORDER BY name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, template_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not list the templates"));
      return NULL;
    }
  if (list->len == 0 && kl_store_is_read_only (self))
    {
      g_autofree char *seeded = kl_store_get_setting (self, BUILTIN_SEEDED_KEY);
      if (g_strcmp0 (seeded, "1") != 0)
        {
          g_ptr_array_unref (list);
          list = kl_templates_builtin ();
        }
    }
  return g_steal_pointer (&list);
}

KlTemplate *
kl_store_load_template (KlStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  KlTemplate *tpl = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!ensure_builtin (self, error))
    return NULL;
  stmt = kl_store_prepare (self, "SELECT id, name, kind, body FROM templates WHERE name = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  kl_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    tpl = template_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no template named '%s'"), kl_store_get_path (self), name);
  else if (rc != SQLITE_ROW)
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the template"));
  return tpl;
}

gboolean
kl_store_save_template (KlStore *self, KlTemplate *template_, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (template_ != NULL && template_->name != NULL, FALSE);
  g_return_val_if_fail (template_->text != NULL, FALSE);

  /* Seed first, so a user's template named like a built-in is not replaced later. */
  if (!kl_store_check_writable (self, error) || !ensure_builtin (self, error) ||
      !kl_store_begin (self, error))
    return FALSE;
  if (!insert_template (self, template_, TRUE, error))
    goto fail;
  stmt = kl_store_prepare (self, "SELECT id FROM templates WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  kl_store_bind_text (stmt, 1, template_->name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    template_->id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not save the template"));
      goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

gboolean
kl_store_delete_template (KlStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!kl_store_check_writable (self, error) || !ensure_builtin (self, error) ||
      !kl_store_begin (self, error))
    return FALSE;
  stmt = kl_store_prepare (self, "DELETE FROM templates WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  kl_store_bind_text (stmt, 1, name);
  if (!kl_store_step_done (self, stmt, N_("could not delete the template"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no template named '%s'"), kl_store_get_path (self), name);
      goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}
