/* kl-store-schema.c: the schema as ordered migration steps, each in one transaction.
 *
 * Never edit a step once released: add a new one. tests/fixtures/store-v<N>.sql keep
 * databases as each older version made them, and tests migrate every one of them. */
#include "config.h"

#include "kl-store-private.h"

/* v1: the library: organization, meetings, documents with their reports and targets,
 * presets, templates, the number register and revisions. */
static const char schema_v1[] =
  "PRAGMA application_id = 1263293761;\n" /* KL_STORE_APPLICATION_ID, "KLUA" */
  "CREATE TABLE organizations (\n"
  "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  superior TEXT, name TEXT, abbreviation TEXT, place TEXT,\n"
  "  committee TEXT, term TEXT, term_years TEXT);\n"
  "CREATE TABLE meetings (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  body INTEGER NOT NULL DEFAULT 0, ordinal INTEGER NOT NULL DEFAULT 0, ordinal_text TEXT,\n"
  "  meeting_type INTEGER NOT NULL DEFAULT 0, date TEXT, chair TEXT, term TEXT, place TEXT,\n"
  "  title TEXT);\n"
  "CREATE TABLE documents (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  kind TEXT NOT NULL, number INTEGER NOT NULL DEFAULT 0, symbol TEXT,\n"
  "  superior TEXT, issuer TEXT, issuer_abbreviation TEXT, place TEXT,\n"
  "  date TEXT, date_text TEXT, title TEXT, summary TEXT, body TEXT NOT NULL DEFAULT '',\n"
  "  signer_authority TEXT, signer_position TEXT, signer_name TEXT,\n"
  "  recipients TEXT,\n" /* the lines joined with "\n" */
  "  meeting_id INTEGER REFERENCES meetings (id) ON DELETE SET NULL,\n"
  "  secrecy INTEGER NOT NULL DEFAULT 0, urgency INTEGER NOT NULL DEFAULT 0,\n"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1)),\n"
  "  created INTEGER NOT NULL, modified INTEGER NOT NULL);\n"
  "CREATE INDEX documents_modified ON documents (modified DESC, id DESC);\n"
  "CREATE INDEX documents_meeting ON documents (meeting_id);\n"
  "CREATE TABLE reports (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  document_position INTEGER,\n"
  "  meeting_id INTEGER REFERENCES meetings (id) ON DELETE CASCADE,\n"
  "  meeting_position INTEGER,\n"
  "  title TEXT, presenter TEXT, period TEXT, text TEXT,\n"
  "  plan_label TEXT, actual_label TEXT, next_plan_label TEXT, ratio_label TEXT,\n"
  "  annex_title TEXT, annex_subtitle TEXT, annex_note TEXT);\n"
  "CREATE INDEX reports_document ON reports (document_id, document_position);\n"
  "CREATE INDEX reports_meeting ON reports (meeting_id, meeting_position);\n"
  "CREATE TABLE targets (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL,\n"
  "  code TEXT, name TEXT, unit TEXT, grp TEXT,\n"
  "  kind INTEGER NOT NULL DEFAULT 0, direction INTEGER NOT NULL DEFAULT 0,\n"
  "  typed_status TEXT, source_line INTEGER NOT NULL DEFAULT 0,\n"
  "  plan_text TEXT, plan_number REAL, plan_number_max REAL, plan_qualifier TEXT,\n"
  "  plan_unit TEXT, plan_note TEXT, plan_ambiguous INTEGER NOT NULL DEFAULT 0,\n"
  "  plan_readings TEXT, plan_rule TEXT,\n"
  "  actual_text TEXT, actual_number REAL, actual_number_max REAL, actual_qualifier TEXT,\n"
  "  actual_unit TEXT, actual_note TEXT, actual_ambiguous INTEGER NOT NULL DEFAULT 0,\n"
  "  actual_readings TEXT, actual_rule TEXT,\n"
  "  next_text TEXT, next_number REAL, next_number_max REAL, next_qualifier TEXT,\n"
  "  next_unit TEXT, next_note TEXT, next_ambiguous INTEGER NOT NULL DEFAULT 0,\n"
  "  next_readings TEXT, next_rule TEXT);\n"
  "CREATE INDEX targets_report ON targets (report_id, position);\n"
  "CREATE TABLE signers (\n"
  "  id INTEGER PRIMARY KEY, sort_order INTEGER NOT NULL,\n"
  "  authority TEXT, position TEXT, name TEXT);\n"
  "CREATE TABLE recipient_presets (\n"
  "  name TEXT PRIMARY KEY, lines TEXT NOT NULL);\n"
  "CREATE TABLE templates (\n"
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT,\n"
  "  title TEXT, summary TEXT, body TEXT);\n"
  "CREATE TABLE number_register (\n"
  "  kind TEXT NOT NULL, issuer TEXT NOT NULL, term TEXT NOT NULL, number INTEGER NOT NULL,\n"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,\n"
  "  state TEXT NOT NULL CHECK (state IN ('reserved', 'issued', 'cancelled')),\n"
  "  changed INTEGER NOT NULL,\n"
  "  PRIMARY KEY (kind, issuer, term, number));\n"
  "CREATE INDEX number_register_document ON number_register (document_id);\n"
  "CREATE TABLE revisions (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  created INTEGER NOT NULL, reason TEXT NOT NULL, snapshot BLOB NOT NULL);\n"
  "CREATE INDEX revisions_document ON revisions (document_id, id);\n";

/* v2: settings, and full-text search over what v1 stored. "kl_fold" wraps unicode61 with
 * remove_diacritics 2 and also folds đ (see kl-store-search.c). */
static const char schema_v2[] =
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);\n"
  "CREATE VIRTUAL TABLE search USING fts5 (title, summary, body, targets,\n"
  "  tokenize = 'kl_fold');\n"
  "INSERT INTO search (rowid, title, summary, body, targets)\n"
  "  SELECT d.id, d.title, d.summary, d.body,\n"
  "    (SELECT group_concat(t.name, ' ') FROM targets t JOIN reports r ON r.id = t.report_id\n"
  "      WHERE r.document_id = d.id)\n"
  "  FROM documents d;\n";

/* v3: tasks assigned by conclusions (filled by a later version of the tasks feature). */
static const char schema_v3[] =
  "CREATE TABLE tasks (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL DEFAULT 0,\n"
  "  text TEXT NOT NULL, assignee TEXT, due TEXT,\n"
  "  state INTEGER NOT NULL DEFAULT 0, done_date TEXT, note TEXT);\n"
  "CREATE INDEX tasks_document ON tasks (document_id, position);\n"
  "CREATE INDEX tasks_due ON tasks (state, due);\n";

/* v4: the documents whose search row is out of date: saving marks them, the next search
 * indexes them (see kl-store-search.c). */
static const char schema_v4[] =
  "CREATE TABLE search_pending (id INTEGER PRIMARY KEY);\n";

/* v5: a meeting is shared by its documents: its row is found again by organization (the
 * issuer of the documents), body, ordinal, term and date. v4 kept a row per document: the
 * rows of one meeting are merged into the oldest (the others' agenda copies go; their
 * documents' reports stay, off the agenda). A key without ordinal nor date names no
 * meeting in particular and is never merged. */
static const char schema_v5[] =
  "ALTER TABLE meetings ADD COLUMN organization TEXT;\n"
  "UPDATE meetings SET organization = (SELECT d.issuer FROM documents d\n"
  "  WHERE d.meeting_id = meetings.id ORDER BY d.id LIMIT 1);\n"
  "CREATE TEMP TABLE meeting_merge AS\n"
  "  SELECT m.id AS old_id, (SELECT min (k.id) FROM meetings k\n"
  "    WHERE k.organization IS m.organization AND k.body = m.body AND k.ordinal = m.ordinal\n"
  "      AND k.term IS m.term AND k.date IS m.date) AS new_id\n"
  "  FROM meetings m WHERE m.ordinal > 0 OR m.date IS NOT NULL;\n"
  "DELETE FROM meeting_merge WHERE old_id = new_id;\n"
  "DELETE FROM reports WHERE document_id IS NULL\n"
  "  AND meeting_id IN (SELECT old_id FROM meeting_merge);\n"
  "UPDATE reports SET meeting_id = NULL, meeting_position = NULL\n"
  "  WHERE meeting_id IN (SELECT old_id FROM meeting_merge);\n"
  "UPDATE documents SET meeting_id =\n"
  "  (SELECT new_id FROM meeting_merge WHERE old_id = documents.meeting_id)\n"
  "  WHERE meeting_id IN (SELECT old_id FROM meeting_merge);\n"
  "DELETE FROM meetings WHERE id IN (SELECT old_id FROM meeting_merge);\n"
  "DROP TABLE meeting_merge;\n"
  "CREATE INDEX meetings_key ON meetings (organization, body, ordinal, term, date);\n"
  "CREATE INDEX meetings_date ON meetings (date DESC, id DESC);\n";

/* v6: the importer's warnings of each document, shown in the app. */
static const char schema_v6[] =
  "CREATE TABLE warnings (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL, line INTEGER NOT NULL DEFAULT 0, field TEXT,\n"
  "  message TEXT NOT NULL);\n"
  "CREATE INDEX warnings_document ON warnings (document_id, position);\n";

/* v7: whether a status cell ("Đạt") was met, so that a value is stored whole. NULL in rows
 * stored before: it is read again from the text. */
static const char schema_v7[] =
  "ALTER TABLE targets ADD COLUMN plan_status_met INTEGER;\n"
  "ALTER TABLE targets ADD COLUMN actual_status_met INTEGER;\n"
  "ALTER TABLE targets ADD COLUMN next_status_met INTEGER;\n";

/* v8: a task's deadline as written ("quý III/2024", beside the date it resolves to) and the
 * line of the body where its sentence starts. Tasks stored before keep NULL and 0: they
 * are shown with the date alone and no line. */
static const char schema_v8[] =
  "ALTER TABLE tasks ADD COLUMN due_text TEXT;\n"
  "ALTER TABLE tasks ADD COLUMN body_line INTEGER NOT NULL DEFAULT 0;\n";

/* v9: the chart a report's annex carries after its table ("achievement", "bullet",
 * "summary", "trend"); NULL, none, in reports stored before. */
static const char schema_v9[] =
  "ALTER TABLE reports ADD COLUMN annex_chart TEXT;\n";

static const struct {
  int         version;
  const char *sql;
} migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
  { 4, schema_v4 },
  { 5, schema_v5 },
  { 6, schema_v6 },
  { 7, schema_v7 },
  { 8, schema_v8 },
  { 9, schema_v9 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == KL_STORE_SCHEMA_VERSION);

int
kl_store_schema_read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
kl_store_schema_migrate (KlStore *self, GError **error)
{
  int from = self->schema_version;

  if (from >= KL_STORE_SCHEMA_VERSION)
    return TRUE;

  /* An existing library is copied aside before its schema changes: if a step goes
   * wrong in a way SQLite cannot roll back (a bug in a step), the copy is intact. */
  if (from > 0)
    {
      g_autofree char *dir = kl_store_backup_dir (self, error);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = NULL;
      g_autofree char *name = NULL;
      g_autofree char *dest = NULL;

      if (dir == NULL)
        return FALSE;
      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      name = g_strdup_printf ("ketluan-before-v%d-%s.db", KL_STORE_SCHEMA_VERSION, stamp);
      dest = g_build_filename (dir, name, NULL);
      /* A migration that failed and is tried again within the second: never overwrite. */
      for (guint n = 2; g_file_test (dest, G_FILE_TEST_EXISTS) && n < 1000; n++)
        {
          g_free (name);
          g_free (dest);
          name = g_strdup_printf ("ketluan-before-v%d-%s-%u.db", KL_STORE_SCHEMA_VERSION, stamp, n);
          dest = g_build_filename (dir, name, NULL);
        }
      if (!kl_store_backup_to (self->db, self->path, dest, error))
        return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = NULL;
      g_autoptr(GError) local_error = NULL;

      if (migrations[i].version <= from)
        continue;
      if (!kl_store_begin (self, &local_error)
          || !kl_store_exec (self, migrations[i].sql, &local_error))
        {
          if (self->tx_depth > 0)
            kl_store_rollback (self);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("could not update the library to version %d: "),
                                      migrations[i].version);
          return FALSE;
        }
      set_version = g_strdup_printf ("PRAGMA user_version = %d", migrations[i].version);
      if (!kl_store_exec (self, set_version, &local_error))
        {
          kl_store_rollback (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!kl_store_commit (self, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("could not update the library to version %d: "),
                                      migrations[i].version);
          return FALSE;
        }
      self->schema_version = migrations[i].version;
    }
  return TRUE;
}
