/* kl-store-error.c: turning SQLite result codes into errors a user can act on. */
#include "config.h"

#include "kl-store-private.h"

G_DEFINE_QUARK (kl-store-error-quark, kl_store_error)

void
kl_store_set_error_db (sqlite3    *db,
                       const char *path,
                       GError    **error,
                       int         rc,
                       const char *what)
{
  int primary;
  const char *detail;
  KlStoreError code;
  const char *advice;

  if (error == NULL)
    return;

  /* The connection's code is more precise than a bare rc when there is one. */
  if (db != NULL && sqlite3_errcode (db) != SQLITE_OK)
    rc = sqlite3_extended_errcode (db);
  primary = rc & 0xff;
  detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  if (detail == NULL || *detail == '\0')
    detail = sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_NOTADB:
      code = KL_STORE_ERROR_NOT_A_DATABASE;
      advice = _("it is not a Ketluan library; choose another file or restore a backup");
      break;
    case SQLITE_CORRUPT:
      code = KL_STORE_ERROR_CORRUPT;
      advice = _("the library is damaged; it was left untouched: restore a backup "
                 "(ketluan-cli restore FILE)");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = KL_STORE_ERROR_READ_ONLY;
      advice = _("the file or its folder is read-only; check its permissions or the disk");
      break;
    case SQLITE_FULL:
      code = KL_STORE_ERROR_FULL;
      advice = _("the disk is full; nothing was changed: free some space and try again");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = KL_STORE_ERROR_LOCKED;
      advice = _("another program is using the library; close it (or the other Ketluan "
                 "window) and try again");
      break;
    case SQLITE_CONSTRAINT:
      code = KL_STORE_ERROR_CONFLICT;
      advice = _("the change conflicts with what is stored");
      break;
    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC)
        advice = _("the disk could not be written; check that it is present and not full");
      else
        advice = _("the file could not be read or written; check the disk");
      code = KL_STORE_ERROR_IO;
      break;
    default:
      code = KL_STORE_ERROR_IO;
      advice = _("check that the file and its folder exist and can be written");
      break;
    }

  /* Two whole sentences, each translated; SQLite's own words stay as they are, last. */
  g_set_error (error, KL_STORE_ERROR, code, "%s: %s: %s (SQLite: %s)",
               path != NULL ? path : _("the library"), _(what), advice, detail);
}

void
kl_store_set_error_from_sqlite (KlStore    *self,
                                GError    **error,
                                int         rc,
                                const char *what)
{
  kl_store_set_error_db (self->db, self->path, error, rc, what);
}
