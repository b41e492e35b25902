/* kl-store-backup.c: consistent copies of the library with the SQLite backup API, and restore. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kl-store-private.h"

char *
kl_store_backup_dir (KlStore *self, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (self->path);
  g_autofree char *dir = g_build_filename (parent, "backups", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KL_STORE_ERROR,
                   saved == ENOSPC ? KL_STORE_ERROR_FULL
                   : saved == EACCES || saved == EROFS ? KL_STORE_ERROR_READ_ONLY
                   : KL_STORE_ERROR_IO,
                   _("%s: cannot create the backup folder (%s)"), dir, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&dir);
}

gboolean
kl_store_backup_to (sqlite3 *src, const char *src_path, const char *dest_path, GError **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  /* A backup never replaces an existing file. */
  fd = g_open (dest_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KL_STORE_ERROR,
                   saved == ENOSPC ? KL_STORE_ERROR_FULL
                   : saved == EEXIST ? KL_STORE_ERROR_CONFLICT : KL_STORE_ERROR_IO,
                   _("%s: cannot create the backup (%s)"), dest_path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_db (dest, dest_path, error, rc, N_("could not create the backup"));
      goto fail;
    }
  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      kl_store_set_error_db (dest, dest_path, error, sqlite3_errcode (dest), N_("could not start the backup"));
      goto fail;
    }
  /* All at once: the library is small and the copy must be one consistent state. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_db (NULL, src_path, error, rc, N_("could not copy the library into the backup"));
      goto fail;
    }
  /* A backup is a single self-contained file: no -wal or -shm beside it, even when it is
   * only opened to be checked. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_db (dest, dest_path, error, rc, N_("could not finish the backup"));
      goto fail;
    }
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_db (NULL, dest_path, error, rc, N_("could not close the backup"));
      goto fail;
    }
  return TRUE;

fail:
  if (dest != NULL)
    sqlite3_close (dest);
  g_unlink (dest_path);
  return FALSE;
}

char *
kl_store_backup (KlStore *self, GError **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = kl_store_backup_dir (self, error);
  if (dir == NULL)
    return NULL;
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = attempt == 0
        ? g_strdup_printf ("ketluan-%s.db", stamp)
        : g_strdup_printf ("ketluan-%s-%u.db", stamp, attempt);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (kl_store_backup_to (self->db, self->path, path, &local_error))
        return g_steal_pointer (&path);
      if (!g_error_matches (local_error, KL_STORE_ERROR, KL_STORE_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IO,
               _("%s: too many backups in the same second"), dir);
  return NULL;
}

/* Regular backups only ("ketluan-YYYYMMDD-HHMMSS[-N].db"): those taken before a migration
 * or a restore are never removed by the rotation. */
static gboolean
is_regular_backup (const char *name)
{
  return g_str_has_prefix (name, "ketluan-") && g_str_has_suffix (name, ".db")
         && strlen (name) >= strlen ("ketluan-20230707-120000.db")
         && g_ascii_isdigit (name[8]) && name[16] == '-';
}

typedef struct {
  char   *path;
  gint64  mtime;
} BackupFile;

static int
compare_backup (gconstpointer a, gconstpointer b)
{
  const BackupFile *fa = a, *fb = b;

  if (fa->mtime != fb->mtime)
    return fa->mtime < fb->mtime ? 1 : -1;  /* newest first */
  return -g_strcmp0 (fa->path, fb->path);
}

static void
backup_file_clear (gpointer data)
{
  g_free (((BackupFile *) data)->path);
}

GPtrArray *
kl_store_list_backups (KlStore *self, GError **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GArray) files = NULL;
  GPtrArray *paths;
  const char *name;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  dir = kl_store_backup_dir (self, error);
  if (dir == NULL)
    return NULL;
  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return NULL;
  files = g_array_new (FALSE, FALSE, sizeof (BackupFile));
  g_array_set_clear_func (files, backup_file_clear);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      BackupFile f;
      GStatBuf st;

      if (!is_regular_backup (name))
        continue;
      f.path = g_build_filename (dir, name, NULL);
      f.mtime = g_stat (f.path, &st) == 0 ? (gint64) st.st_mtime : 0;
      g_array_append_val (files, f);
    }
  g_array_sort (files, compare_backup);
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (paths, g_strdup (g_array_index (files, BackupFile, i).path));
  return paths;
}

gboolean
kl_store_backup_daily (KlStore *self, guint keep, GError **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  gboolean needed = TRUE;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  backups = kl_store_list_backups (self, error);
  if (backups == NULL)
    return FALSE;
  if (backups->len > 0)
    {
      GStatBuf st;

      if (g_stat (g_ptr_array_index (backups, 0), &st) == 0
          && (gint64) st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - 24 * 3600)
        needed = FALSE;
    }
  if (needed)
    {
      g_autofree char *path = kl_store_backup (self, error);

      if (path == NULL)
        return FALSE;
      g_ptr_array_insert (backups, 0, g_steal_pointer (&path));
    }
  if (keep == 0)
    keep = 1;
  for (guint i = keep; i < backups->len; i++)
    {
      const char *path = g_ptr_array_index (backups, i);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IO,
                       _("%s: cannot remove an old backup (%s)"), path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
kl_store_restore_backup (KlStore *self, const char *backup_path, GError **error)
{
  sqlite3 *src;
  sqlite3_backup *backup;
  g_autofree char *safety = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kl_store_check_writable (self, error))
    return FALSE;

  /* The backup is checked like any library before anything is replaced. */
  src = kl_store_inspect_file (backup_path, &version, error);
  if (src == NULL)
    return FALSE;
  if (version > KL_STORE_SCHEMA_VERSION)
    {
      sqlite3_close (src);
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW,
                   _("%s: the backup was made by a newer Ketluan (schema %d); update Ketluan "
                     "to restore it; nothing was changed"), backup_path, version);
      return FALSE;
    }

  /* The current content is kept aside so that the restore itself can be undone. */
  safety = kl_store_backup (self, error);
  if (safety == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }

  kl_store_clear_statements (self);
  backup = sqlite3_backup_init (self->db, "main", src, "main");
  if (backup == NULL)
    {
      kl_store_set_error_from_sqlite (self, error, sqlite3_errcode (self->db),
                                      N_("could not restore the backup"));
      sqlite3_close (src);
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  sqlite3_close (src);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not restore the backup"));
      g_prefix_error (error, _("the library is unchanged or may be restored from %s: "), safety);
      return FALSE;
    }

  /* The copied header carries the backup's journal mode; the library stays in WAL. */
  if (!kl_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  self->schema_version = kl_store_schema_read_version (self->db);
  return kl_store_schema_migrate (self, error);
}
