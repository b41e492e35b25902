/* kl-store.c: opening the library safely, the connection, transactions and settings. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kl-store-private.h"

/* How long a write waits for another connection before giving up with LOCKED. Long enough
 * for an autosave of the other window to finish, short enough not to freeze the UI. */
#define KL_STORE_BUSY_TIMEOUT_MS 3000

G_DEFINE_FINAL_TYPE (KlStore, kl_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kl_store_finalize (GObject *object)
{
  KlStore *self = KL_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kl_store_parent_class)->finalize (object);
}

static void
kl_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KlStore *self = KL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_store_class_init (KlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_store_finalize;
  object_class->get_property = kl_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
kl_store_init (KlStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

char *
kl_store_default_path (void)
{
  const char *env = g_getenv ("KETLUAN_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "ketluan", "ketluan.db", NULL);
}

const char *
kl_store_get_path (KlStore *self)
{
  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  return self->path;
}

gboolean
kl_store_is_read_only (KlStore *self)
{
  g_return_val_if_fail (KL_IS_STORE (self), TRUE);
  return self->read_only;
}

int
kl_store_get_schema_version (KlStore *self)
{
  g_return_val_if_fail (KL_IS_STORE (self), 0);
  return self->schema_version;
}

/* ---- statements and transactions ---- */

sqlite3_stmt *
kl_store_prepare (KlStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not prepare a query"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

void
kl_store_clear_statements (KlStore *self)
{
  g_hash_table_remove_all (self->statements);
}

gboolean
kl_store_exec (KlStore *self, const char *sql, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not write to the library"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_store_step_done (KlStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kl_store_set_error_from_sqlite (self, error, rc, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
kl_store_check_writable (KlStore *self, GError **error)
{
  if (self->read_only)
    {
      if (self->schema_version > KL_STORE_SCHEMA_VERSION)
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY,
                     _("%s: the library is open read-only (it was made by a newer Ketluan: "
                       "update Ketluan to change it); nothing was changed"), self->path);
      else
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY,
                     _("%s: the library is open read-only; nothing was changed"), self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_store_begin (KlStore *self, GError **error)
{
  int rc;

  if (!kl_store_check_writable (self, error))
    return FALSE;
  if (self->tx_depth > 0)
    {
      self->tx_depth++;
      return TRUE;
    }
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not start a change"));
      return FALSE;
    }
  self->tx_depth = 1;
  self->tx_failed = FALSE;
  return TRUE;
}

gboolean
kl_store_commit (KlStore *self, GError **error)
{
  int rc;

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;
  if (self->tx_failed)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IO,
                   _("%s: a part of the change failed; nothing was changed"), self->path);
      return FALSE;
    }
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not save the change"));
      /* A failed COMMIT (disk full, busy) may leave the transaction open. */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
kl_store_rollback (KlStore *self)
{
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    {
      self->tx_failed = TRUE;
      return;
    }
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->tx_failed = FALSE;
}

int
kl_store_bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
kl_store_column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* ---- opening ---- */

/* Looks at the bytes of an existing file before SQLite does anything with it: an empty
 * file, text, or a database cut short must be reported, never "repaired". */
/* A checkpoint writes page 1 (with the new page count) before the pages that extend the
 * file: killed in between, the file is shorter than its header says until SQLite replays
 * the WAL on the next open. So a short file is no damage while its WAL holds frames (the
 * quick_check that follows still judges the content). */
static gboolean
wal_has_frames (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  /* 32 bytes of WAL header, then frames of 24 bytes + a page. */
  return g_stat (wal, &st) == 0 && st.st_size > 32;
}

gboolean
kl_store_check_file_header (const char *path, GError **error)
{
  guint8 header[100];
  struct stat st;
  ssize_t n;
  int fd;
  guint32 page_size, page_count, change_counter, valid_for;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KL_STORE_ERROR,
                   saved == EACCES ? KL_STORE_ERROR_READ_ONLY : KL_STORE_ERROR_IO,
                   _("%s: cannot read the library (%s); check its permissions"),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: not a regular file; choose a library file"), path);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (st.st_size == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                   _("%s: the library file is empty (was it cut short?); it was left untouched: "
                     "restore a backup or remove the file to start a new library"), path);
      return FALSE;
    }
  if (n < (ssize_t) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: this file is not a Ketluan library (not an SQLite database); it was "
                     "left untouched: choose another file or restore a backup"), path);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = GUINT32_FROM_BE (*(guint32 *) (header + 28));
  change_counter = GUINT32_FROM_BE (*(guint32 *) (header + 24));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (header + 92));

  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                   _("%s: the library's header is damaged; it was left untouched: restore a backup"),
                   path);
      return FALSE;
    }
  /* The page count in the header is trusted only when written by SQLite ≥ 3.7.0 in
   * the same transaction as the change counter. The file may be longer (WAL), never shorter. */
  if (st.st_size % page_size != 0
      || (change_counter == valid_for && (guint64) st.st_size < (guint64) page_count * page_size
          && !wal_has_frames (path)))
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                   _("%s: the library is truncated (%lld bytes, expected %llu); it was left "
                     "untouched: restore a backup"),
                   path, (long long) st.st_size, (unsigned long long) page_count * page_size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (sqlite3 *db, const char *sql, int *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static sqlite3 *
open_connection (const char *path, int flags, GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      kl_store_set_error_db (db, path, error, rc, N_("could not open the library"));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  {
    const char *env = g_getenv ("KETLUAN_BUSY_TIMEOUT_MS");
    sqlite3_busy_timeout (db, env != NULL ? atoi (env) : KL_STORE_BUSY_TIMEOUT_MS);
  }
  if (!kl_store_search_register (db))
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IO,
                   _("%s: this SQLite has no full-text search (FTS5); install a complete sqlite3"),
                   path);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* The tables each schema version has (never dropped since): a file with our header but
 * without them is not one of our libraries, and the migrations or the first query would
 * fail on it half-way, after the journal mode was switched. */
static const struct {
  int         since;
  const char *table;
} expected_tables[] = {
  { 1, "organizations" }, { 1, "meetings" }, { 1, "documents" }, { 1, "reports" },
  { 1, "targets" }, { 1, "signers" }, { 1, "recipient_presets" }, { 1, "templates" },
  { 1, "number_register" }, { 1, "revisions" },
  { 2, "settings" }, { 2, "search" },
  { 3, "tasks" },
  { 4, "search_pending" },
  { 6, "warnings" },
};

/* Run on the read-only connection, before anything is written. */
static gboolean
check_tables (sqlite3 *db, const char *path, int version, int tables, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  /* Version 0 is a new, empty library: the first migration creates everything. Tables
   * already there were made by something else. A newer Ketluan may have changed its
   * tables: it is opened read-only and checked by the queries themselves. */
  if (version == 0)
    {
      if (tables == 0)
        return TRUE;
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: this is not a Ketluan library (it has tables but no schema version); "
                     "it was left untouched: choose another file"), path);
      return FALSE;
    }
  if (version > KL_STORE_SCHEMA_VERSION)
    return TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      kl_store_set_error_db (db, path, error, SQLITE_NOTADB, N_("could not read the library"));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (expected_tables); i++)
    {
      int rc;

      if (expected_tables[i].since > version)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, expected_tables[i].table, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        continue;
      if (rc == SQLITE_DONE)
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE,
                     _("%s: this is not a Ketluan library of schema %d: its table “%s” is "
                       "missing; it was left untouched: choose another file or restore a backup"),
                     path, version, expected_tables[i].table);
      else
        kl_store_set_error_db (db, path, error, rc, N_("could not read the library"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Opens @path read-only and checks that it is a Ketluan library in good health.
 * Returns the connection (the caller decides whether to keep it). */
sqlite3 *
kl_store_inspect_file (const char *path, int *version_out, GError **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int app_id = 0, version = 0, tables = 0, rc;
  g_autofree char *problem = NULL;

  if (!kl_store_check_file_header (path, error))
    return NULL;
  db = open_connection (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return NULL;

  if (!query_int (db, "PRAGMA application_id", &app_id)
      || !query_int (db, "PRAGMA user_version", &version)
      || !query_int (db, "SELECT count(*) FROM sqlite_schema", &tables))
    {
      kl_store_set_error_db (db, path, error, SQLITE_NOTADB, N_("could not read the library"));
      sqlite3_close (db);
      return NULL;
    }
  if ((app_id != 0 && app_id != KL_STORE_APPLICATION_ID)
      || (app_id == 0 && (version != 0 || tables != 0)))
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_A_DATABASE,
                   _("%s: this is a database of another program, not a Ketluan library; it was "
                     "left untouched: choose another file"), path);
      sqlite3_close (db);
      return NULL;
    }

  if (!check_tables (db, path, version, tables, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  /* quick_check reads every page: a damaged file is caught at open, before any write. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (result, "ok") != 0)
        problem = g_strdup (result != NULL ? result : "unknown damage");
    }
  else
    problem = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  if (problem != NULL)
    {
      g_strdelimit (problem, "\n", ' ');
      if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                     _("%s: the library is damaged (%s); it was left untouched: restore a backup "
                       "(ketluan-cli restore FILE)"), path, problem);
      else
        kl_store_set_error_db (db, path, error, rc, N_("could not check the library"));
      sqlite3_close (db);
      return NULL;
    }

  *version_out = version;
  return db;
}

static gboolean
configure_connection (KlStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int rc;

  if (!kl_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  else
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not switch the library to write-ahead logging"));
  sqlite3_finalize (stmt);
  if (!wal)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IO,
                     _("%s: the library cannot use write-ahead logging (a network folder?); "
                       "move it to a local disk"), self->path);
      return FALSE;
    }

  /* NORMAL in WAL mode: a commit is atomic and durable against a crash of the program
   * (the WAL is written before COMMIT returns) and the file can never be corrupted; only a
   * power cut may lose the last commits since the previous checkpoint. FULL would fsync on
   * every autosave (several per minute while typing) for that rare case; revisions and
   * daily backups cover it. */
  return kl_store_exec (self, "PRAGMA synchronous = NORMAL", error);
}

static KlStore *
store_new (const char *path)
{
  KlStore *self = g_object_new (KL_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  {
    g_autofree char *key = g_strconcat ("kl-store-meeting-id:", path, NULL);
    self->meeting_quark = g_quark_from_string (key);
  }
  return self;
}

KlStore *
kl_store_open (const char *path, GError **error)
{
  g_autoptr(KlStore) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = store_new (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      sqlite3 *probe;

      g_autoptr(GError) local_error = NULL;

      probe = kl_store_inspect_file (path, &version, &local_error);
      if (probe == NULL)
        {
          g_autofree char *dir = g_path_get_dirname (path);

          /* SQLite needs to create its -shm and -wal files beside the library. */
          if (g_error_matches (local_error, KL_STORE_ERROR, KL_STORE_ERROR_IO)
              && access (dir, W_OK) != 0)
            {
              g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY,
                           _("%s: the folder of the library is read-only and Ketluan must write "
                             "beside it; copy the library to a writable folder"), path);
              return NULL;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (version > KL_STORE_SCHEMA_VERSION)
        {
          /* Keep the read-only connection: the user can still read and export. */
          self->db = probe;
          self->read_only = TRUE;
          self->schema_version = version;
          g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW,
                       _("%s: the library was made by a newer Ketluan (schema %d, this one knows "
                         "%d); it is open read-only: update Ketluan to change it"),
                       path, version, KL_STORE_SCHEMA_VERSION);
          return g_steal_pointer (&self);
        }
      sqlite3_close (probe);

      self->db = open_connection (path, SQLITE_OPEN_READWRITE, error);
      if (self->db == NULL)
        return NULL;
      if (sqlite3_db_readonly (self->db, "main") == 1)
        {
          self->read_only = TRUE;
          self->schema_version = version;
          if (version < KL_STORE_SCHEMA_VERSION)
            {
              g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY,
                           _("%s: the library must be updated but the file is read-only; "
                             "make it writable and open it again"), path);
              return NULL;
            }
          g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY,
                       _("%s: the file is read-only; it is open for reading only"), path);
          return g_steal_pointer (&self);
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, KL_STORE_ERROR,
                       saved == EACCES || saved == EROFS ? KL_STORE_ERROR_READ_ONLY
                                                         : KL_STORE_ERROR_IO,
                       _("%s: cannot create the folder (%s)"), dir, g_strerror (saved));
          return NULL;
        }
      /* Created here, not by SQLite, to get 0600 whatever the umask; -wal and -shm
       * files inherit the mode of the database. */
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, KL_STORE_ERROR,
                       saved == EACCES || saved == EROFS ? KL_STORE_ERROR_READ_ONLY
                       : saved == ENOSPC ? KL_STORE_ERROR_FULL : KL_STORE_ERROR_IO,
                       _("%s: cannot create the library (%s)"), path, g_strerror (saved));
          return NULL;
        }
      fchmod (fd, 0600);
      close (fd);
      self->db = open_connection (path, SQLITE_OPEN_READWRITE, error);
      if (self->db == NULL)
        {
          g_unlink (path);
          return NULL;
        }
    }

  self->schema_version = version;
  if (!configure_connection (self, error))
    return NULL;
  if (!kl_store_schema_migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- settings ---- */

char *
kl_store_get_setting (KlStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = kl_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  kl_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = kl_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
kl_store_set_setting (KlStore *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  if (value == NULL)
    stmt = kl_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = kl_store_prepare (self,
                             "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    {
      kl_store_rollback (self);
      return FALSE;
    }
  kl_store_bind_text (stmt, 1, key);
  if (value != NULL)
    kl_store_bind_text (stmt, 2, value);
  if (!kl_store_step_done (self, stmt, N_("could not save a setting"), error))
    {
      kl_store_rollback (self);
      return FALSE;
    }
  return kl_store_commit (self, error);
}
