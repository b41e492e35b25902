/* kl-store-documents.c: saving and loading documents with their meeting, reports and targets. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kl-store-private.h"

/* A meeting is shared by its documents. The id of its row is kept on the KlMeeting (qdata
 * under self->meeting_quark): kl_document_copy() shares the meeting object, so a draft made
 * from a document stays with its meeting. A meeting object not saved before is matched to
 * an existing row by organization, body, ordinal, term and date. */

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

void
kl_document_info_free (KlDocumentInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kind);
  g_free (info->symbol);
  g_free (info->title);
  g_free (info->summary);
  g_free (info->date);
  g_free (info->meeting_title);
  g_free (info);
}

/* ---- values ---- */

KlValue *
kl_store_value_restore (const char *text, double number, gboolean ambiguous)
{
  KlValue *value = kl_value_parse (text != NULL ? text : "", NULL);

  /* The text alone is ambiguous but the stored value is not: the user (or the context of
   * the import) settled it; apply the same reading again. */
  if (!ambiguous && kl_value_get_ambiguous (value) && !isnan (number))
    {
      guint n = 0;
      const double *readings = kl_value_get_readings (value, &n);

      for (guint i = 0; i < n; i++)
        if (readings[i] == number)
          {
            kl_value_settle (value, number);
            break;
          }
    }
  return value;
}

static void
bind_double_or_null (sqlite3_stmt *stmt, int index, double number)
{
  if (isnan (number) || isinf (number))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, number);
}

static double
column_double_or_nan (sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* Binds the 9 columns of one value from @first on. */
static void
bind_value (sqlite3_stmt *stmt, int first, KlValue *value)
{
  guint n = 0;
  const double *readings = kl_value_get_readings (value, &n);

  kl_store_bind_text (stmt, first, kl_value_get_text (value));
  bind_double_or_null (stmt, first + 1, kl_value_get_number (value));
  bind_double_or_null (stmt, first + 2, kl_value_get_number_max (value));
  kl_store_bind_text (stmt, first + 3, kl_qualifier_to_string (kl_value_get_qualifier (value)));
  kl_store_bind_text (stmt, first + 4, kl_value_get_unit (value));
  kl_store_bind_text (stmt, first + 5, kl_value_get_note (value));
  sqlite3_bind_int (stmt, first + 6, kl_value_get_ambiguous (value));
  if (n > 0 && readings != NULL)
    {
      GString *s = g_string_new (NULL);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (s, ' ');
          g_string_append (s, g_ascii_dtostr (buf, sizeof buf, readings[i]));
        }
      sqlite3_bind_text (stmt, first + 7, s->str, -1, SQLITE_TRANSIENT);
      g_string_free (s, TRUE);
    }
  else
    sqlite3_bind_null (stmt, first + 7);
  kl_store_bind_text (stmt, first + 8, kl_value_get_rule (value));
}

/* ---- saving ---- */

int
kl_store_document_state (KlStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  int state = -1;
  int rc;

  stmt = kl_store_prepare (self, "SELECT state FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    return -2;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state = sqlite3_column_int (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the document"));
      state = -2;
    }
  sqlite3_reset (stmt);
  return state;
}

static gboolean
save_targets (KlStore *self, gint64 report_id, KlReport *report, GError **error)
{
  GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));
  guint n = g_list_model_get_n_items (targets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) target = g_list_model_get_item (targets, i);
      sqlite3_stmt *stmt;

      stmt = kl_store_prepare (self,
        "INSERT INTO targets (report_id, position, code, name, unit, grp, kind, direction, "
        "  typed_status, source_line, "
        "  plan_text, plan_number, plan_number_max, plan_qualifier, plan_unit, plan_note, "
        "  plan_ambiguous, plan_readings, plan_rule, "
        "  actual_text, actual_number, actual_number_max, actual_qualifier, actual_unit, "
        "  actual_note, actual_ambiguous, actual_readings, actual_rule, "
        "  next_text, next_number, next_number_max, next_qualifier, next_unit, next_note, "
        "  next_ambiguous, next_readings, next_rule, "
        "  plan_status_met, actual_status_met, next_status_met) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "  ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
        "  ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, "
        "  ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, report_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      kl_store_bind_text (stmt, 3, kl_target_get_code (target));
      kl_store_bind_text (stmt, 4, kl_target_get_name (target));
      kl_store_bind_text (stmt, 5, kl_target_get_unit (target));
      kl_store_bind_text (stmt, 6, kl_target_get_group (target));
      sqlite3_bind_int (stmt, 7, kl_target_get_kind (target));
      sqlite3_bind_int (stmt, 8, kl_target_get_direction (target));
      kl_store_bind_text (stmt, 9, kl_target_get_typed_status (target));
      sqlite3_bind_int64 (stmt, 10, kl_target_get_source_line (target));
      bind_value (stmt, 11, kl_target_get_plan (target));
      bind_value (stmt, 20, kl_target_get_actual (target));
      bind_value (stmt, 29, kl_target_get_next_plan (target));
      sqlite3_bind_int (stmt, 38, kl_value_get_status_met (kl_target_get_plan (target)));
      sqlite3_bind_int (stmt, 39, kl_value_get_status_met (kl_target_get_actual (target)));
      sqlite3_bind_int (stmt, 40, kl_value_get_status_met (kl_target_get_next_plan (target)));
      if (!kl_store_step_done (self, stmt, N_("could not save a target"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_report (KlStore   *self,
             KlReport  *report,
             gint64     document_id,
             int        document_position,
             gint64     meeting_id,
             int        meeting_position,
             GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = kl_store_prepare (self,
    "INSERT INTO reports (document_id, document_position, meeting_id, meeting_position, "
    "  title, presenter, period, text, plan_label, actual_label, next_plan_label, "
    "  ratio_label, annex_title, annex_subtitle, annex_note, annex_chart) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)", error);
  if (stmt == NULL)
    return FALSE;
  if (document_id > 0)
    {
      sqlite3_bind_int64 (stmt, 1, document_id);
      sqlite3_bind_int (stmt, 2, document_position);
    }
  if (meeting_id > 0)
    {
      sqlite3_bind_int64 (stmt, 3, meeting_id);
      sqlite3_bind_int (stmt, 4, meeting_position);
    }
  kl_store_bind_text (stmt, 5, kl_report_get_title (report));
  kl_store_bind_text (stmt, 6, kl_report_get_presenter (report));
  kl_store_bind_text (stmt, 7, kl_report_get_period (report));
  kl_store_bind_text (stmt, 8, kl_report_get_text (report));
  kl_store_bind_text (stmt, 9, kl_report_get_plan_label (report));
  kl_store_bind_text (stmt, 10, kl_report_get_actual_label (report));
  kl_store_bind_text (stmt, 11, kl_report_get_next_plan_label (report));
  kl_store_bind_text (stmt, 12, kl_report_get_ratio_label (report));
  kl_store_bind_text (stmt, 13, kl_report_get_annex_title (report));
  kl_store_bind_text (stmt, 14, kl_report_get_annex_subtitle (report));
  kl_store_bind_text (stmt, 15, kl_report_get_annex_note (report));
  kl_store_bind_text (stmt, 16, kl_report_get_annex_chart (report));
  if (!kl_store_step_done (self, stmt, N_("could not save a report"), error))
    return FALSE;
  return save_targets (self, sqlite3_last_insert_rowid (self->db), report, error);
}

static char *
committee_name (KlStore *self)
{
  sqlite3_stmt *stmt = kl_store_prepare (self,
                                         "SELECT committee FROM organizations WHERE id = 1",
                                         NULL);
  char *name = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    name = kl_store_column_dup (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup ("Đảng bộ");
    }
  return name;
}

static gboolean
meeting_row_exists (KlStore *self, gint64 id, gboolean *exists, GError **error)
{
  sqlite3_stmt *stmt = kl_store_prepare (self, "SELECT 1 FROM meetings WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the meeting"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The row of @meeting: the one it was saved in or loaded from, else the row of the same
 * meeting saved by another document. 0 for a new row, -1 on error. */
static gint64
find_meeting (KlStore *self, KlMeeting *meeting, const char *organization, GError **error)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (meeting),
                                                             self->meeting_quark));
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  int rc;

  if (id > 0)
    {
      /* The row may have gone with the last document that referred to it. */
      if (!meeting_row_exists (self, id, &exists, error))
        return -1;
      if (exists)
        return id;
    }
  /* Without ordinal nor date nothing tells two meetings apart. */
  if (kl_meeting_get_ordinal (meeting) == 0 && kl_meeting_get_date (meeting) == NULL)
    return 0;

  stmt = kl_store_prepare (self,
    "SELECT id FROM meetings WHERE organization IS ?1 AND body = ?2 AND ordinal = ?3 "
    "  AND term IS ?4 AND date IS ?5 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  kl_store_bind_text (stmt, 1, organization);
  sqlite3_bind_int (stmt, 2, kl_meeting_get_body (meeting));
  sqlite3_bind_int64 (stmt, 3, kl_meeting_get_ordinal (meeting));
  kl_store_bind_text (stmt, 4, kl_meeting_get_term (meeting));
  kl_store_bind_text (stmt, 5, kl_meeting_get_date (meeting));
  rc = sqlite3_step (stmt);
  id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the meetings"));
      return -1;
    }
  return id;
}

/* Writes the meeting's row (@id 0: a new one); returns its id, 0 on error. */
static gint64
save_meeting (KlStore *self, KlMeeting *meeting, gint64 id, const char *organization,
              GError **error)
{
  g_autofree char *committee = committee_name (self);
  g_autofree char *title = kl_meeting_dup_title (meeting, committee);
  sqlite3_stmt *stmt;

  stmt = kl_store_prepare (self,
    "INSERT INTO meetings (id, body, ordinal, ordinal_text, meeting_type, date, chair, term, "
    "  place, title, organization) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (id) DO UPDATE SET body = excluded.body, ordinal = excluded.ordinal, "
    "  ordinal_text = excluded.ordinal_text, meeting_type = excluded.meeting_type, "
    "  date = excluded.date, chair = excluded.chair, term = excluded.term, "
    "  place = excluded.place, title = excluded.title, "
    "  organization = excluded.organization", error);
  if (stmt == NULL)
    return 0;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, kl_meeting_get_body (meeting));
  sqlite3_bind_int64 (stmt, 3, kl_meeting_get_ordinal (meeting));
  kl_store_bind_text (stmt, 4, kl_meeting_get_ordinal_text (meeting));
  sqlite3_bind_int (stmt, 5, kl_meeting_get_meeting_type (meeting));
  kl_store_bind_text (stmt, 6, kl_meeting_get_date (meeting));
  kl_store_bind_text (stmt, 7, kl_meeting_get_chair (meeting));
  kl_store_bind_text (stmt, 8, kl_meeting_get_term (meeting));
  kl_store_bind_text (stmt, 9, kl_meeting_get_place (meeting));
  kl_store_bind_text (stmt, 10, title);
  kl_store_bind_text (stmt, 11, organization);
  if (!kl_store_step_done (self, stmt, N_("could not save the meeting"), error))
    return 0;
  if (id <= 0)
    id = sqlite3_last_insert_rowid (self->db);
  return id;
}

/* Runs @sql, a statement without results whose one parameter ?1 is @id; @what names the
 * action in the error. Most writes here key on a single row id, hence one helper. */
static gboolean
exec_with_id (KlStore *self, const char *sql, gint64 id, const char *what, GError **error)
{
  sqlite3_stmt *stmt = kl_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return kl_store_step_done (self, stmt, what, error);
}

/* Removes the meeting @id when no document refers to it any more (with its agenda). */
static gboolean
delete_meeting_if_unused (KlStore *self, gint64 id, GError **error)
{
  return exec_with_id (self,
                       "DELETE FROM meetings WHERE id = ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM documents WHERE meeting_id = ?1)",
                       id, N_("could not save the meeting"), error);
}

static int
find_report (GListModel *model, KlReport *report)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlReport) item = g_list_model_get_item (model, i);
      if (item == report)
        return (int) i;
    }
  return -1;
}

/* The agenda of a shared meeting is what the document saved last says it is. A report of
 * another document stays on the agenda where this document's agenda has one of the same
 * title at its place (it was loaded from it); the others leave the agenda. The rest of the
 * agenda is stored as agenda-only rows. The document's own reports are already written. */
static gboolean
save_agenda (KlStore    *self,
             gint64      document_id,
             GListModel *reports,
             GListModel *agenda,
             gint64      meeting_id,
             GError    **error)
{
  guint n = g_list_model_get_n_items (agenda);
  g_autofree gboolean *claimed = g_new0 (gboolean, n + 1);
  g_autoptr(GArray) unlink = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!exec_with_id (self, "DELETE FROM reports WHERE meeting_id = ?1 AND document_id IS NULL",
                     meeting_id, N_("could not save the meeting"), error))
    return FALSE;

  stmt = kl_store_prepare (self,
                           "SELECT id, meeting_position, title FROM reports "
                           "WHERE meeting_id = ?1 AND document_id != ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_id = sqlite3_column_int64 (stmt, 0);
      int position = sqlite3_column_int (stmt, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 2);
      gboolean keep = FALSE;

      if (position >= 0 && (guint) position < n && !claimed[position])
        {
          g_autoptr(KlReport) item = g_list_model_get_item (agenda, (guint) position);

          keep = find_report (reports, item) < 0
                 && g_strcmp0 (kl_report_get_title (item), title) == 0;
        }
      if (keep)
        claimed[position] = TRUE;
      else
        g_array_append_val (unlink, row_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not save the meeting"));
      return FALSE;
    }
  for (guint i = 0; i < unlink->len; i++)
    {
      if (!exec_with_id (self,
                         "UPDATE reports SET meeting_id = NULL, meeting_position = NULL "
                         "WHERE id = ?1",
                         g_array_index (unlink, gint64, i), N_("could not save the meeting"), error))
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (agenda, i);

      if (claimed[i] || find_report (reports, report) >= 0)
        continue;
      if (!save_report (self, report, 0, 0, meeting_id, (int) i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_warnings (KlStore *self, KlDocument *document, gint64 id, GError **error)
{
  GListModel *warnings = G_LIST_MODEL (kl_document_get_warnings (document));
  guint n = g_list_model_get_n_items (warnings);
  sqlite3_stmt *stmt;

  if (!exec_with_id (self, "DELETE FROM warnings WHERE document_id = ?1", id,
                     N_("could not save the warnings"), error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlWarning) warning = g_list_model_get_item (warnings, i);
      const char *message = kl_warning_get_message (warning);

      stmt = kl_store_prepare (self,
                               "INSERT INTO warnings (document_id, position, line, field, message) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int64 (stmt, 3, kl_warning_get_line (warning));
      kl_store_bind_text (stmt, 4, kl_warning_get_field (warning));
      kl_store_bind_text (stmt, 5, message != NULL ? message : "");
      if (!kl_store_step_done (self, stmt, N_("could not save the warnings"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_document (KlStore *self, KlDocument *document, gint64 meeting_id, gint64 *id_inout,
                GError **error)
{
  KlSigner *signer = kl_document_get_signer (document);
  const char * const *recipients = kl_document_get_recipients (document);
  g_autofree char *recipients_text = NULL;
  sqlite3_stmt *stmt;
  gint64 now = now_ms ();

  if (recipients != NULL)
    recipients_text = g_strjoinv ("\n", (char **) recipients);

  stmt = kl_store_prepare (self,
    "INSERT INTO documents (id, kind, number, symbol, superior, issuer, issuer_abbreviation, "
    "  place, date, date_text, title, summary, body, signer_authority, signer_position, "
    "  signer_name, recipients, meeting_id, secrecy, urgency, state, created, modified) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "  ?18, ?19, ?20, ?21, ?22, ?22) "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, number = excluded.number, "
    "  symbol = excluded.symbol, superior = excluded.superior, issuer = excluded.issuer, "
    "  issuer_abbreviation = excluded.issuer_abbreviation, place = excluded.place, "
    "  date = excluded.date, date_text = excluded.date_text, title = excluded.title, "
    "  summary = excluded.summary, body = excluded.body, "
    "  signer_authority = excluded.signer_authority, "
    "  signer_position = excluded.signer_position, signer_name = excluded.signer_name, "
    "  recipients = excluded.recipients, meeting_id = excluded.meeting_id, "
    "  secrecy = excluded.secrecy, urgency = excluded.urgency, state = excluded.state, "
    "  modified = excluded.modified", error);
  if (stmt == NULL)
    return FALSE;
  if (*id_inout > 0)
    sqlite3_bind_int64 (stmt, 1, *id_inout);
  kl_store_bind_text (stmt, 2, kl_document_get_kind (document));
  sqlite3_bind_int64 (stmt, 3, kl_document_get_number (document));
  kl_store_bind_text (stmt, 4, kl_document_get_symbol (document));
  kl_store_bind_text (stmt, 5, kl_document_get_superior (document));
  kl_store_bind_text (stmt, 6, kl_document_get_issuer (document));
  kl_store_bind_text (stmt, 7, kl_document_get_issuer_abbreviation (document));
  kl_store_bind_text (stmt, 8, kl_document_get_place (document));
  kl_store_bind_text (stmt, 9, kl_document_get_date (document));
  kl_store_bind_text (stmt, 10, kl_document_get_date_text (document));
  kl_store_bind_text (stmt, 11, kl_document_get_title (document));
  kl_store_bind_text (stmt, 12, kl_document_get_summary (document));
  kl_store_bind_text (stmt, 13, kl_document_get_body (document) != NULL
                                  ? kl_document_get_body (document) : "");
  kl_store_bind_text (stmt, 14, signer != NULL ? kl_signer_get_authority (signer) : NULL);
  kl_store_bind_text (stmt, 15, signer != NULL ? kl_signer_get_position (signer) : NULL);
  kl_store_bind_text (stmt, 16, signer != NULL ? kl_signer_get_name (signer) : NULL);
  kl_store_bind_text (stmt, 17, recipients_text);
  if (meeting_id > 0)
    sqlite3_bind_int64 (stmt, 18, meeting_id);
  sqlite3_bind_int (stmt, 19, kl_document_get_secrecy (document));
  sqlite3_bind_int (stmt, 20, kl_document_get_urgency (document));
  sqlite3_bind_int (stmt, 21, kl_document_get_state (document));
  sqlite3_bind_int64 (stmt, 22, now);
  if (!kl_store_step_done (self, stmt, N_("could not save the document"), error))
    return FALSE;
  if (*id_inout <= 0)
    *id_inout = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
kl_store_save_document_internal (KlStore    *self,
                                 KlDocument *document,
                                 gboolean    force,
                                 GError    **error)
{
  gint64 id = kl_document_get_id (document);
  gint64 meeting_id = 0;
  gint64 old_meeting_id = 0;
  KlMeeting *meeting = kl_document_get_meeting (document);
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (document));
  GListModel *agenda = meeting != NULL ? G_LIST_MODEL (kl_meeting_get_reports (meeting)) : NULL;
  sqlite3_stmt *stmt;
  guint n;

  if (!kl_store_begin (self, error))
    return FALSE;

  if (id > 0 && !force)
    {
      int state = kl_store_document_state (self, id, error);

      if (state == -2)
        goto fail;
      if (state == KL_DOCUMENT_STATE_ISSUED)
        {
          g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                       _("document %lld has been issued and cannot be changed; "
                         "make a new draft from it instead"), (long long) id);
          goto fail;
        }
    }
  if (!force && kl_document_get_state (document) == KL_DOCUMENT_STATE_ISSUED)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                   _("an issued document is saved only by issuing it; make a new draft instead"));
      goto fail;
    }

  if (id > 0)
    {
      stmt = kl_store_prepare (self, "SELECT meeting_id FROM documents WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        old_meeting_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (meeting != NULL)
    {
      meeting_id = find_meeting (self, meeting, kl_document_get_issuer (document), error);
      if (meeting_id < 0)
        goto fail;
      meeting_id = save_meeting (self, meeting, meeting_id, kl_document_get_issuer (document),
                                 error);
      if (meeting_id == 0)
        goto fail;
    }
  if (!write_document (self, document, meeting_id, &id, error))
    goto fail;
  /* The meeting was taken off the document (or changed): the old one goes when no other
   * document belongs to it. */
  if (old_meeting_id > 0 && old_meeting_id != meeting_id
      && !delete_meeting_if_unused (self, old_meeting_id, error))
    goto fail;

  /* Reports and targets are rewritten whole: simpler than diffing and, at a few hundred
   * rows, as fast as the UPDATEs would be. */
  if (!exec_with_id (self, "DELETE FROM reports WHERE document_id = ?1", id,
                     N_("could not save the reports"), error))
    goto fail;

  n = g_list_model_get_n_items (reports);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, i);
      int in_agenda = find_report (agenda, report);

      if (!save_report (self, report, id, (int) i, in_agenda >= 0 ? meeting_id : 0, in_agenda,
                        error))
        goto fail;
    }
  if (agenda != NULL && !save_agenda (self, id, reports, agenda, meeting_id, error))
    goto fail;
  if (!save_warnings (self, document, id, error))
    goto fail;

  /* The search row needs the id; set it now and take it back if the commit fails. */
  {
    gint64 old_id = kl_document_get_id (document);

    if (old_id != id)
      kl_document_set_id (document, id);
    if (!kl_store_search_index (self, document, error)
        || !kl_store_commit (self, error))
      {
        if (self->tx_depth > 0)
          kl_store_rollback (self);
        if (old_id != id)
          kl_document_set_id (document, old_id);
        return FALSE;
      }
  }
  if (meeting != NULL)
    g_object_set_qdata (G_OBJECT (meeting), self->meeting_quark, GSIZE_TO_POINTER (meeting_id));
  return TRUE;

fail:
  kl_store_rollback (self);
  return FALSE;
}

gboolean
kl_store_save_document (KlStore *self, KlDocument *document, GError **error)
{
  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return kl_store_save_document_internal (self, document, FALSE, error);
}

/* ---- loading ---- */

/* The columns of one value as load_targets() selects them. */
#define VALUE_COLUMNS 10
#define VALUE_SELECT(p) p "_text, " p "_number, " p "_number_max, " p "_qualifier, " \
                        p "_unit, " p "_note, " p "_ambiguous, " p "_readings, " p "_rule, " \
                        p "_status_met"

/* A value from its stored fields, exactly as it was saved (rule included). Rows whose
 * qualifier is missing or unknown are read again from their text. */
static KlValue *
value_from_row (sqlite3_stmt *stmt, int c)
{
  const char *text = (const char *) sqlite3_column_text (stmt, c);
  const char *readings_text = (const char *) sqlite3_column_text (stmt, c + 7);
  double readings[2];
  guint n = 0;
  KlQualifier qualifier;
  gboolean status_met;

  if (sqlite3_column_type (stmt, c + 3) == SQLITE_NULL
      || !kl_qualifier_from_string ((const char *) sqlite3_column_text (stmt, c + 3), &qualifier))
    return kl_store_value_restore (text, column_double_or_nan (stmt, c + 1),
                                   sqlite3_column_int (stmt, c + 6));
  if (readings_text != NULL)
    {
      const char *p = readings_text;

      while (*p != '\0' && n < G_N_ELEMENTS (readings))
        {
          char *end = NULL;
          double r = g_ascii_strtod (p, &end);

          if (end == p)
            break;
          readings[n++] = r;
          p = end;
          while (*p == ' ')
            p++;
        }
    }
  if (sqlite3_column_type (stmt, c + 9) != SQLITE_NULL)
    status_met = sqlite3_column_int (stmt, c + 9) != 0;
  else
    {
      /* Stored before v5: the status is a function of the text. */
      g_autoptr(KlValue) parsed = kl_value_parse (text != NULL ? text : "", NULL);
      status_met = kl_value_get_status_met (parsed);
    }
  return kl_value_new_from_fields (text, qualifier,
                                   column_double_or_nan (stmt, c + 1),
                                   column_double_or_nan (stmt, c + 2),
                                   (const char *) sqlite3_column_text (stmt, c + 4),
                                   (const char *) sqlite3_column_text (stmt, c + 5),
                                   sqlite3_column_int (stmt, c + 6) != 0,
                                   readings, n,
                                   (const char *) sqlite3_column_text (stmt, c + 8),
                                   status_met);
}

static KlTarget *
target_from_row (sqlite3_stmt *stmt)
{
  const char *code = (const char *) sqlite3_column_text (stmt, 0);
  const char *name = (const char *) sqlite3_column_text (stmt, 1);
  const char *unit = (const char *) sqlite3_column_text (stmt, 2);
  KlTargetKind kind = sqlite3_column_int (stmt, 4);
  KlTarget *target;

  if (kind == KL_TARGET_KIND_GROUP)
    target = kl_target_new_group (code, name);
  else
    target = kl_target_new (code, name, unit);
  if (kind == KL_TARGET_KIND_GROUP && unit != NULL)
    kl_target_set_unit (target, unit);
  kl_target_set_group (target, (const char *) sqlite3_column_text (stmt, 3));
  kl_target_set_kind (target, kind);
  kl_target_set_direction (target, sqlite3_column_int (stmt, 5));
  kl_target_set_typed_status (target, (const char *) sqlite3_column_text (stmt, 6));
  kl_target_set_source_line (target, sqlite3_column_int (stmt, 7));

  for (int v = 0; v < 3; v++)
    {
      g_autoptr(KlValue) value = value_from_row (stmt, 8 + v * VALUE_COLUMNS);
      if (v == 0)
        kl_target_set_plan (target, value);
      else if (v == 1)
        kl_target_set_actual (target, value);
      else
        kl_target_set_next_plan (target, value);
    }
  return target;
}

gboolean
kl_store_load_targets (KlStore *self, gint64 report_id, KlReport *report, GError **error)
{
  GListStore *targets = kl_report_get_targets (report);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kl_store_prepare (self,
    "SELECT code, name, unit, grp, kind, direction, typed_status, source_line, "
    VALUE_SELECT ("plan") ", " VALUE_SELECT ("actual") ", " VALUE_SELECT ("next") " "
    "FROM targets WHERE report_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (loaded, target_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the targets"));
      return FALSE;
    }
  /* One items-changed for the whole table. */
  g_list_store_splice (targets, 0, 0, loaded->pdata, loaded->len);
  return TRUE;
}

typedef struct {
  gint64    id;
  gint64    document_id;
  gint64    meeting_id;
  int       meeting_position;
  int       preference;      /* for one place on the agenda: 0 this document's, 1 another's, 2 none */
  KlReport *report;
} ReportRow;

static void
report_row_clear (gpointer data)
{
  ReportRow *row = data;
  g_clear_object (&row->report);
}

static int
compare_meeting_position (gconstpointer a, gconstpointer b)
{
  const ReportRow *ra = a, *rb = b;

  if (ra->meeting_position != rb->meeting_position)
    return (ra->meeting_position > rb->meeting_position) - (ra->meeting_position < rb->meeting_position);
  return (ra->preference > rb->preference) - (ra->preference < rb->preference);
}

static gboolean
load_reports (KlStore *self, gint64 document_id, gint64 meeting_id, GArray *rows, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = kl_store_prepare (self,
    "SELECT id, document_id, meeting_id, meeting_position, title, presenter, period, text, "
    "  plan_label, actual_label, next_plan_label, ratio_label, annex_title, annex_subtitle, "
    "  annex_note, annex_chart "
    "FROM reports WHERE document_id = ?1 OR meeting_id = ?2 "
    "ORDER BY document_position, meeting_position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportRow row = { 0, };
      KlReport *r = kl_report_new ((const char *) sqlite3_column_text (stmt, 4));

      row.id = sqlite3_column_int64 (stmt, 0);
      row.document_id = sqlite3_column_int64 (stmt, 1);
      row.meeting_id = sqlite3_column_int64 (stmt, 2);
      row.meeting_position = sqlite3_column_int (stmt, 3);
      row.preference = row.document_id == document_id ? 0 : row.document_id > 0 ? 1 : 2;
      kl_report_set_presenter (r, (const char *) sqlite3_column_text (stmt, 5));
      kl_report_set_period (r, (const char *) sqlite3_column_text (stmt, 6));
      kl_report_set_text (r, (const char *) sqlite3_column_text (stmt, 7));
      kl_report_set_plan_label (r, (const char *) sqlite3_column_text (stmt, 8));
      kl_report_set_actual_label (r, (const char *) sqlite3_column_text (stmt, 9));
      kl_report_set_next_plan_label (r, (const char *) sqlite3_column_text (stmt, 10));
      kl_report_set_ratio_label (r, (const char *) sqlite3_column_text (stmt, 11));
      kl_report_set_annex_title (r, (const char *) sqlite3_column_text (stmt, 12));
      kl_report_set_annex_subtitle (r, (const char *) sqlite3_column_text (stmt, 13));
      kl_report_set_annex_note (r, (const char *) sqlite3_column_text (stmt, 14));
      /* A chart this version does not draw (a library written by a newer one) is none. */
      kl_report_set_annex_chart (r, kl_report_chart_kind_lookup ((const char *) sqlite3_column_text (stmt, 15)));
      row.report = r;
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the reports"));
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      ReportRow *row = &g_array_index (rows, ReportRow, i);
      if (!kl_store_load_targets (self, row->id, row->report, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_warnings (KlStore *self, KlDocument *document, gint64 id, GError **error)
{
  GListStore *warnings = kl_document_get_warnings (document);
  sqlite3_stmt *stmt;
  int rc;

  stmt = kl_store_prepare (self,
                           "SELECT line, field, message FROM warnings WHERE document_id = ?1 "
                           "ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KlWarning) warning =
        kl_warning_new ((guint) sqlite3_column_int64 (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2));
      g_list_store_append (warnings, warning);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the warnings"));
      return FALSE;
    }
  return TRUE;
}

static KlMeeting *
load_meeting (KlStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  KlMeeting *meeting = NULL;
  int rc;

  stmt = kl_store_prepare (self,
                           "SELECT body, ordinal, ordinal_text, meeting_type, date, chair, term, "
                           "  place FROM meetings WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      meeting = kl_meeting_new ();
      kl_meeting_set_body (meeting, sqlite3_column_int (stmt, 0));
      kl_meeting_set_ordinal (meeting, sqlite3_column_int (stmt, 1));
      kl_meeting_set_ordinal_text (meeting, (const char *) sqlite3_column_text (stmt, 2));
      kl_meeting_set_meeting_type (meeting, sqlite3_column_int (stmt, 3));
      kl_meeting_set_date (meeting, (const char *) sqlite3_column_text (stmt, 4));
      kl_meeting_set_chair (meeting, (const char *) sqlite3_column_text (stmt, 5));
      kl_meeting_set_term (meeting, (const char *) sqlite3_column_text (stmt, 6));
      kl_meeting_set_place (meeting, (const char *) sqlite3_column_text (stmt, 7));
    }
  else if (rc != SQLITE_DONE)
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the meeting"));
  else
    g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                 _("%s: meeting %lld is missing"), self->path, (long long) id);
  sqlite3_reset (stmt);
  return meeting;
}

KlDocument *
kl_store_load_document (KlStore *self, gint64 id, GError **error)
{
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(KlMeeting) meeting = NULL;
  g_autoptr(KlSigner) signer = NULL;
  g_autoptr(GArray) rows = NULL;
  g_auto(GStrv) recipients = NULL;
  sqlite3_stmt *stmt;
  gint64 meeting_id = 0;
  int state;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = kl_store_prepare (self,
    "SELECT kind, number, symbol, superior, issuer, issuer_abbreviation, place, date, "
    "  date_text, title, summary, body, signer_authority, signer_position, signer_name, "
    "  recipients, meeting_id, secrecy, urgency, state "
    "FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                     _("%s: there is no document %lld in the library"),
                     self->path, (long long) id);
      else
        kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the document"));
      sqlite3_reset (stmt);
      return NULL;
    }

  document = kl_document_new ((const char *) sqlite3_column_text (stmt, 0));
  kl_document_set_number (document, (guint) sqlite3_column_int64 (stmt, 1));
  kl_document_set_symbol (document, (const char *) sqlite3_column_text (stmt, 2));
  kl_document_set_superior (document, (const char *) sqlite3_column_text (stmt, 3));
  kl_document_set_issuer (document, (const char *) sqlite3_column_text (stmt, 4));
  kl_document_set_issuer_abbreviation (document, (const char *) sqlite3_column_text (stmt, 5));
  kl_document_set_place (document, (const char *) sqlite3_column_text (stmt, 6));
  kl_document_set_date (document, (const char *) sqlite3_column_text (stmt, 7));
  kl_document_set_date_text (document, (const char *) sqlite3_column_text (stmt, 8));
  kl_document_set_title (document, (const char *) sqlite3_column_text (stmt, 9));
  kl_document_set_summary (document, (const char *) sqlite3_column_text (stmt, 10));
  kl_document_set_body (document, (const char *) sqlite3_column_text (stmt, 11));
  signer = kl_signer_new ((const char *) sqlite3_column_text (stmt, 12),
                          (const char *) sqlite3_column_text (stmt, 13),
                          (const char *) sqlite3_column_text (stmt, 14));
  kl_document_set_signer (document, signer);
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 15);
      recipients = *text != '\0' ? g_strsplit (text, "\n", -1) : g_new0 (char *, 1);
      kl_document_set_recipients (document, (const char * const *) recipients);
    }
  meeting_id = sqlite3_column_int64 (stmt, 16);
  kl_document_set_secrecy (document, sqlite3_column_int (stmt, 17));
  kl_document_set_urgency (document, sqlite3_column_int (stmt, 18));
  state = sqlite3_column_int (stmt, 19);
  sqlite3_reset (stmt);

  if (meeting_id > 0)
    {
      meeting = load_meeting (self, meeting_id, error);
      if (meeting == NULL)
        return NULL;
    }

  rows = g_array_new (FALSE, TRUE, sizeof (ReportRow));
  g_array_set_clear_func (rows, report_row_clear);
  if (!load_reports (self, id, meeting_id, rows, error))
    return NULL;
  {
    g_autoptr(GPtrArray) agenda = g_ptr_array_new ();
    g_autoptr(GArray) in_meeting = g_array_new (FALSE, FALSE, sizeof (ReportRow));

    for (guint i = 0; i < rows->len; i++)
      {
        ReportRow *row = &g_array_index (rows, ReportRow, i);

        if (row->document_id == id)
          g_list_store_append (kl_document_get_reports (document), row->report);
        if (meeting != NULL && meeting_id > 0 && row->meeting_id == meeting_id)
          g_array_append_val (in_meeting, *row);
      }
    /* The meeting is shared: its agenda holds reports of other documents too (copies
     * here). One report per place, this document's first. */
    g_array_sort (in_meeting, compare_meeting_position);
    for (guint i = 0; i < in_meeting->len; i++)
      if (i == 0 || g_array_index (in_meeting, ReportRow, i).meeting_position
                    != g_array_index (in_meeting, ReportRow, i - 1).meeting_position)
        g_ptr_array_add (agenda, g_array_index (in_meeting, ReportRow, i).report);
    if (meeting != NULL)
      g_list_store_splice (kl_meeting_get_reports (meeting), 0, 0, agenda->pdata, agenda->len);
  }
  if (meeting != NULL)
    {
      g_object_set_qdata (G_OBJECT (meeting), self->meeting_quark, GSIZE_TO_POINTER (meeting_id));
      kl_document_set_meeting (document, meeting);
    }
  if (!load_warnings (self, document, id, error))
    return NULL;

  /* Last, so that a listener sees a complete document. */
  kl_document_set_state (document, state);
  kl_document_set_id (document, id);
  return g_steal_pointer (&document);
}

gboolean
kl_store_delete_document (KlStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 meeting_id = 0;
  int state;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  state = kl_store_document_state (self, id, error);
  if (state == -2)
    goto fail;
  if (state == -1)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no document %lld in the library"),
                   self->path, (long long) id);
      goto fail;
    }
  if (state == KL_DOCUMENT_STATE_ISSUED)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                   _("document %lld has been issued: it is kept on record and "
                     "cannot be deleted"), (long long) id);
      goto fail;
    }

  stmt = kl_store_prepare (self, "SELECT meeting_id FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    meeting_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Its reports on the agenda of a meeting that other documents share stay on it. */
  if (!exec_with_id (self,
                     "UPDATE reports SET document_id = NULL, document_position = NULL "
                     "WHERE document_id = ?1 AND meeting_id IS NOT NULL AND EXISTS "
                     "(SELECT 1 FROM documents d WHERE d.meeting_id = reports.meeting_id "
                     "AND d.id != ?1)",
                     id, N_("could not delete the document"), error))
    goto fail;

  if (!exec_with_id (self, "DELETE FROM documents WHERE id = ?1", id, N_("could not delete the document"), error))
    goto fail;
  /* A meeting no other document refers to goes with it (with its agenda). */
  if (meeting_id > 0
      && !exec_with_id (self,
                        "DELETE FROM meetings WHERE id = ?1 AND NOT EXISTS "
                        "(SELECT 1 FROM documents WHERE meeting_id = ?1)",
                        meeting_id, N_("could not delete the document"), error))
    goto fail;
  if (!kl_store_search_unindex (self, id, error))
    goto fail;
  return kl_store_commit (self, error);

fail:
  kl_store_rollback (self);
  return FALSE;
}

/* A row of (id, kind, symbol, title, summary, date, state, meeting id, meeting title,
 * modified in ms). */
static KlDocumentInfo *
document_info_from_row (sqlite3_stmt *stmt)
{
  KlDocumentInfo *info = g_new0 (KlDocumentInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->kind = kl_store_column_dup (stmt, 1);
  info->symbol = kl_store_column_dup (stmt, 2);
  info->title = kl_store_column_dup (stmt, 3);
  info->summary = kl_store_column_dup (stmt, 4);
  info->date = kl_store_column_dup (stmt, 5);
  info->state = sqlite3_column_int (stmt, 6);
  info->meeting_id = sqlite3_column_int64 (stmt, 7);
  info->meeting_title = kl_store_column_dup (stmt, 8);
  info->modified = sqlite3_column_int64 (stmt, 9) / 1000;
  return info;
}

/* Steps @stmt (bound, with the columns document_info_from_row() reads) to the end. */
static GPtrArray *
collect_document_infos (KlStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_document_info_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, document_info_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, what);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
kl_store_list_documents (KlStore *self, guint limit, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
    "SELECT d.id, d.kind, d.symbol, d.title, d.summary, d.date, d.state, d.meeting_id, "
    "  m.title, d.modified "
    "FROM documents d LEFT JOIN meetings m ON m.id = d.meeting_id "
    "ORDER BY d.modified DESC, d.id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);

  return collect_document_infos (self, stmt, N_("could not list the documents"), error);
}

void
kl_meeting_info_free (KlMeetingInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->title);
  g_free (info->date);
  g_free (info);
}

GPtrArray *
kl_store_list_meetings (KlStore *self, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = kl_store_prepare (self,
    "SELECT m.id, m.title, m.date, count (*) FROM meetings m "
    "JOIN documents d ON d.meeting_id = m.id GROUP BY m.id "
    "ORDER BY m.date IS NULL, m.date DESC, m.id DESC", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_meeting_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlMeetingInfo *info = g_new0 (KlMeetingInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->title = kl_store_column_dup (stmt, 1);
      info->date = kl_store_column_dup (stmt, 2);
      info->n_documents = (guint) sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not list the meetings"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
kl_store_list_documents_of_meeting (KlStore *self, gint64 meeting_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = kl_store_prepare (self,
    "SELECT d.id, d.kind, d.symbol, d.title, d.summary, d.date, d.state, d.meeting_id, "
    "  m.title, d.modified "
    "FROM documents d JOIN meetings m ON m.id = d.meeting_id WHERE d.meeting_id = ?1 "
    "ORDER BY d.modified DESC, d.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  return collect_document_infos (self, stmt, N_("could not list the documents of the meeting"), error);
}

/* ---- import, export, drafts ---- */

KlDocument *
kl_store_new_draft_from (KlStore *self, KlDocument *document, GError **error)
{
  g_autoptr(KlDocument) copy = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  copy = kl_document_copy (document);
  kl_document_set_id (copy, 0);
  kl_document_set_state (copy, KL_DOCUMENT_STATE_DRAFT);
  /* The new draft gets its own number when it is issued. */
  kl_document_set_number (copy, 0);
  kl_document_set_symbol (copy, NULL);
  if (!kl_store_save_document_internal (self, copy, FALSE, error))
    return NULL;
  return g_steal_pointer (&copy);
}

gboolean
kl_store_check_integrity (KlStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (result, "ok") != 0)
        problem = g_strdup (result);
    }
  else
    problem = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
  if (problem != NULL)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                   _("%s: the library is damaged (%s); restore a backup"), self->path, problem);
      return FALSE;
    }
  return TRUE;
}
