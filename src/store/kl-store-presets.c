/* kl-store-presets.c: the organization profile, saved signers and recipient presets. */
#include "config.h"

#include "kl-store-private.h"

KlOrganization *
kl_store_load_organization (KlStore *self, GError **error)
{
  g_autoptr(KlOrganization) org = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
                           "SELECT superior, name, abbreviation, place, committee, term, "
                           "  term_years FROM organizations WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  org = kl_organization_new ();
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      kl_organization_set_superior (org, (const char *) sqlite3_column_text (stmt, 0));
      kl_organization_set_name (org, (const char *) sqlite3_column_text (stmt, 1));
      kl_organization_set_abbreviation (org, (const char *) sqlite3_column_text (stmt, 2));
      kl_organization_set_place (org, (const char *) sqlite3_column_text (stmt, 3));
      kl_organization_set_committee (org, (const char *) sqlite3_column_text (stmt, 4));
      kl_organization_set_term (org, (const char *) sqlite3_column_text (stmt, 5));
      kl_organization_set_term_years (org, (const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the organization"));
      return NULL;
    }
  return g_steal_pointer (&org);
}

gboolean
kl_store_save_organization (KlStore *self, KlOrganization *org, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (KL_IS_ORGANIZATION (org), FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  stmt = kl_store_prepare (self,
    "INSERT INTO organizations (id, superior, name, abbreviation, place, committee, term, "
    "  term_years) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (id) DO UPDATE SET superior = excluded.superior, name = excluded.name, "
    "  abbreviation = excluded.abbreviation, place = excluded.place, "
    "  committee = excluded.committee, term = excluded.term, term_years = excluded.term_years",
    error);
  if (stmt == NULL)
    goto fail;
  kl_store_bind_text (stmt, 1, kl_organization_get_superior (org));
  kl_store_bind_text (stmt, 2, kl_organization_get_name (org));
  kl_store_bind_text (stmt, 3, kl_organization_get_abbreviation (org));
  kl_store_bind_text (stmt, 4, kl_organization_get_place (org));
  kl_store_bind_text (stmt, 5, kl_organization_get_committee (org));
  kl_store_bind_text (stmt, 6, kl_organization_get_term (org));
  kl_store_bind_text (stmt, 7, kl_organization_get_term_years (org));
  if (!kl_store_step_done (self, stmt, N_("could not save the organization"), error))
    goto fail;
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

GListStore *
kl_store_list_signers (KlStore *self, GError **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
                           "SELECT authority, position, name FROM signers ORDER BY sort_order, id",
                           error);
  if (stmt == NULL)
    return NULL;
  list = g_list_store_new (KL_TYPE_SIGNER);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KlSigner) signer = kl_signer_new ((const char *) sqlite3_column_text (stmt, 0),
                                                  (const char *) sqlite3_column_text (stmt, 1),
                                                  (const char *) sqlite3_column_text (stmt, 2));
      g_list_store_append (list, signer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the signers"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
kl_store_save_signers (KlStore *self, GListModel *signers, GError **error)
{
  sqlite3_stmt *stmt;
  guint n;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (signers), FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  if (!kl_store_exec (self, "DELETE FROM signers", error))
    goto fail;
  n = g_list_model_get_n_items (signers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlSigner) signer = g_list_model_get_item (signers, i);

      stmt = kl_store_prepare (self,
                               "INSERT INTO signers (sort_order, authority, position, name) "
                               "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 1, (int) i);
      kl_store_bind_text (stmt, 2, kl_signer_get_authority (signer));
      kl_store_bind_text (stmt, 3, kl_signer_get_position (signer));
      kl_store_bind_text (stmt, 4, kl_signer_get_name (signer));
      if (!kl_store_step_done (self, stmt, N_("could not save the signers"), error))
        goto fail;
    }
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

GPtrArray *
kl_store_list_recipient_presets (KlStore *self, GError **error)
{
  g_autoptr(GPtrArray) names = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self, "SELECT name FROM recipient_presets ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, kl_store_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the recipient lists"));
      return NULL;
    }
  return g_steal_pointer (&names);
}

GStrv
kl_store_load_recipient_preset (KlStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  GStrv lines = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = kl_store_prepare (self, "SELECT lines FROM recipient_presets WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  kl_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      lines = text != NULL && *text != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                 _("there is no recipient list named '%s'"), name);
  else
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the recipient list"));
  sqlite3_reset (stmt);
  return lines;
}

gboolean
kl_store_save_recipient_preset (KlStore            *self,
                                const char         *name,
                                const char * const *lines,
                                GError            **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  if (lines == NULL)
    stmt = kl_store_prepare (self, "DELETE FROM recipient_presets WHERE name = ?1", error);
  else
    {
      text = g_strjoinv ("\n", (char **) lines);
      stmt = kl_store_prepare (self,
                               "INSERT INTO recipient_presets (name, lines) VALUES (?1, ?2) "
                               "ON CONFLICT (name) DO UPDATE SET lines = excluded.lines", error);
    }
  if (stmt == NULL)
    goto fail;
  kl_store_bind_text (stmt, 1, name);
  if (text != NULL)
    kl_store_bind_text (stmt, 2, text);
  if (!kl_store_step_done (self, stmt, N_("could not save the recipient list"), error))
    goto fail;
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}
