/* kl-store-register.c: the number register (next number per kind, issuer and term) and issuing.
 *
 * Every number ever handed out stays in number_register with its state (reserved, issued,
 * cancelled): the next number is one more than the largest ever recorded, so a number is
 * never given twice, even after a cancellation. Reservation runs under BEGIN IMMEDIATE:
 * two connections (two windows, two processes) serialise on the write lock. */
#include "config.h"

#include "kl-store-private.h"

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Every query here keys the register on (kind, issuer, term) as ?1, ?2, ?3. */
static void
bind_key (sqlite3_stmt *stmt, const char *kind, const char *issuer, const char *term)
{
  kl_store_bind_text (stmt, 1, kind);
  kl_store_bind_text (stmt, 2, issuer);
  kl_store_bind_text (stmt, 3, term);
}

/* The number already reserved or issued for @document_id under the key, or 0. */
static guint
find_reserved (KlStore *self, const char *kind, const char *issuer, const char *term,
               gint64 document_id, GError **error, gboolean *failed)
{
  sqlite3_stmt *stmt;
  guint number = 0;
  int rc;

  *failed = FALSE;
  if (document_id <= 0)
    return 0;
  stmt = kl_store_prepare (self,
                           "SELECT number FROM number_register WHERE kind = ?1 AND issuer = ?2 "
                           "AND term = ?3 AND document_id = ?4 AND state != 'cancelled' "
                           "ORDER BY number DESC LIMIT 1", error);
  if (stmt == NULL)
    {
      *failed = TRUE;
      return 0;
    }
  bind_key (stmt, kind, issuer, term);
  sqlite3_bind_int64 (stmt, 4, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    number = (guint) sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the number register"));
      *failed = TRUE;
    }
  sqlite3_reset (stmt);
  return number;
}

guint
kl_store_reserve_number (KlStore    *self,
                         const char *kind,
                         const char *issuer_abbreviation,
                         const char *term,
                         gint64      document_id,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  guint number;
  gboolean failed;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (issuer_abbreviation == NULL)
    issuer_abbreviation = "";
  if (term == NULL)
    term = "";

  if (!kl_store_begin (self, error))
    return 0;

  /* Asking twice for the same draft gives the same number. */
  number = find_reserved (self, kind, issuer_abbreviation, term, document_id, error, &failed);
  if (failed)
    goto fail;
  if (number > 0)
    return kl_store_commit (self, error) ? number : 0;

  stmt = kl_store_prepare (self,
                           "SELECT COALESCE(MAX(number), 0) + 1 FROM number_register "
                           "WHERE kind = ?1 AND issuer = ?2 AND term = ?3", error);
  if (stmt == NULL)
    goto fail;
  bind_key (stmt, kind, issuer_abbreviation, term);
  rc = sqlite3_step (stmt);
  number = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the number register"));
      goto fail;
    }

  stmt = kl_store_prepare (self,
                           "INSERT INTO number_register (kind, issuer, term, number, document_id, "
                           "  state, changed) VALUES (?1, ?2, ?3, ?4, ?5, 'reserved', ?6)", error);
  if (stmt == NULL)
    goto fail;
  bind_key (stmt, kind, issuer_abbreviation, term);
  sqlite3_bind_int64 (stmt, 4, number);
  if (document_id > 0)
    sqlite3_bind_int64 (stmt, 5, document_id);
  sqlite3_bind_int64 (stmt, 6, now_ms ());
  if (!kl_store_step_done (self, stmt, N_("could not reserve a number"), error))
    goto fail;
  if (!kl_store_commit (self, error))
    return 0;
  return number;

fail:
  kl_store_rollback (self);
  return 0;
}

gboolean
kl_store_cancel_number (KlStore    *self,
                        const char *kind,
                        const char *issuer_abbreviation,
                        const char *term,
                        guint       number,
                        GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  stmt = kl_store_prepare (self,
                           "UPDATE number_register SET state = 'cancelled', changed = ?5 "
                           "WHERE kind = ?1 AND issuer = ?2 AND term = ?3 AND number = ?4", error);
  if (stmt == NULL)
    goto fail;
  bind_key (stmt, kind, issuer_abbreviation != NULL ? issuer_abbreviation : "",
            term != NULL ? term : "");
  sqlite3_bind_int64 (stmt, 4, number);
  sqlite3_bind_int64 (stmt, 5, now_ms ());
  if (!kl_store_step_done (self, stmt, N_("could not cancel the number"), error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                   _("number %u-%s/%s was never handed out; nothing to cancel"),
                   number, kind, issuer_abbreviation != NULL ? issuer_abbreviation : "");
      goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

char *
kl_store_dup_number_state (KlStore    *self,
                           const char *kind,
                           const char *issuer_abbreviation,
                           const char *term,
                           guint       number)
{
  sqlite3_stmt *stmt;
  char *state = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
                           "SELECT state FROM number_register WHERE kind = ?1 AND issuer = ?2 "
                           "AND term = ?3 AND number = ?4", NULL);
  if (stmt == NULL)
    return NULL;
  bind_key (stmt, kind, issuer_abbreviation != NULL ? issuer_abbreviation : "",
            term != NULL ? term : "");
  sqlite3_bind_int64 (stmt, 4, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = kl_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return state;
}

static char *
current_term (KlStore *self)
{
  sqlite3_stmt *stmt = kl_store_prepare (self, "SELECT term FROM organizations WHERE id = 1",
                                         NULL);
  char *term = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    term = kl_store_column_dup (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return term != NULL ? term : g_strdup ("");
}

/* Marks @number issued for the document; it may have been reserved by this document, or
 * typed by hand (then it must be free). */
static gboolean
record_issued (KlStore *self, const char *kind, const char *issuer, const char *term,
               guint number, gint64 document_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 owner = 0;
  g_autofree char *state = NULL;
  int rc;

  stmt = kl_store_prepare (self,
                           "SELECT document_id, state FROM number_register WHERE kind = ?1 "
                           "AND issuer = ?2 AND term = ?3 AND number = ?4", error);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, kind, issuer, term);
  sqlite3_bind_int64 (stmt, 4, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      owner = sqlite3_column_int64 (stmt, 0);
      state = kl_store_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the number register"));
      return FALSE;
    }

  if (state != NULL && (owner != document_id || g_strcmp0 (state, "cancelled") == 0))
    {
      const char *format;

      /* One whole sentence per case, so that each translates as a whole. */
      if (g_strcmp0 (state, "cancelled") == 0)
        format = _("number %u-%s/%s has been cancelled; reserve a new number");
      else if (g_strcmp0 (state, "issued") == 0)
        format = owner > 0 ? _("number %u-%s/%s is already issued for another document; "
                               "reserve a new number")
                           : _("number %u-%s/%s is already issued; reserve a new number");
      else
        format = owner > 0 ? _("number %u-%s/%s is already reserved for another document; "
                               "reserve a new number")
                           : _("number %u-%s/%s is already reserved; reserve a new number");
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CONFLICT, format, number, kind, issuer);
      return FALSE;
    }

  stmt = kl_store_prepare (self,
                           "INSERT INTO number_register (kind, issuer, term, number, document_id, "
                           "  state, changed) VALUES (?1, ?2, ?3, ?4, ?5, 'issued', ?6) "
                           "ON CONFLICT DO UPDATE SET state = 'issued', changed = excluded.changed",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_key (stmt, kind, issuer, term);
  sqlite3_bind_int64 (stmt, 4, number);
  sqlite3_bind_int64 (stmt, 5, document_id);
  sqlite3_bind_int64 (stmt, 6, now_ms ());
  return kl_store_step_done (self, stmt, N_("could not record the number"), error);
}

gboolean
kl_store_issue_document (KlStore *self, KlDocument *document, GError **error)
{
  g_autofree char *term = NULL;
  const char *kind;
  const char *issuer;
  guint old_number;
  gint64 old_id;
  guint number;
  int state;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_number = kl_document_get_number (document);
  old_id = kl_document_get_id (document);
  if (kl_document_get_state (document) == KL_DOCUMENT_STATE_ISSUED)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                   _("the document has already been issued"));
      return FALSE;
    }
  if (!kl_store_begin (self, error))
    return FALSE;

  if (old_id > 0)
    {
      state = kl_store_document_state (self, old_id, error);
      if (state == -2)
        goto fail;
      if (state == KL_DOCUMENT_STATE_ISSUED)
        {
          g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                       _("document %lld has already been issued"), (long long) old_id);
          goto fail;
        }
    }
  /* Stored first (as a draft) so that the register can refer to its id. */
  if (!kl_store_save_document_internal (self, document, FALSE, error))
    goto fail;

  kind = kl_document_get_kind (document);
  issuer = kl_document_get_issuer_abbreviation (document);
  if (issuer == NULL)
    issuer = "";
  term = current_term (self);
  number = old_number;
  if (number == 0)
    {
      number = kl_store_reserve_number (self, kind, issuer, term, kl_document_get_id (document),
                                        error);
      if (number == 0)
        goto fail;
    }
  if (!record_issued (self, kind, issuer, term, number, kl_document_get_id (document), error))
    goto fail;

  kl_document_set_number (document, number);
  kl_document_set_state (document, KL_DOCUMENT_STATE_ISSUED);
  if (!kl_store_save_document_internal (self, document, TRUE, error)
      || kl_store_add_revision (self, document, "issue", error) == 0)
    goto fail_restore;
  if (!kl_store_commit (self, error))
    goto restore;
  return TRUE;

fail_restore:
  kl_store_rollback (self);
restore:
  kl_document_set_state (document, KL_DOCUMENT_STATE_DRAFT);
  kl_document_set_number (document, old_number);
  kl_document_set_id (document, old_id);
  return FALSE;

fail:
  kl_store_rollback (self);
  kl_document_set_id (document, old_id);
  return FALSE;
}
