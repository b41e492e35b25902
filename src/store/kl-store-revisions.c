/* kl-store-revisions.c: full snapshots of a document, listed, compared and restored.
 *
 * A snapshot is a serialized GVariant dictionary (a{sv}) tagged with a format number:
 * compact, fast to write on every autosave, and extensible (a reader ignores keys it does
 * not know and takes defaults for keys that are missing). */
#include "config.h"

#include <math.h>

#include "kl-store-private.h"

#define SNAPSHOT_FORMAT 1

void
kl_revision_info_free (KlRevisionInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->reason);
  g_free (info);
}

/* ---- snapshot: document → GVariant ---- */

static void
add_string (GVariantBuilder *b, const char *key, const char *value)
{
  if (value == NULL)
    return;
  /* The models do not validate what is pasted in; a snapshot must never be lost to it. */
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      g_variant_builder_add (b, "{sv}", key, g_variant_new_string (valid));
      return;
    }
  g_variant_builder_add (b, "{sv}", key, g_variant_new_string (value));
}

static GVariant *
value_to_variant (KlValue *value)
{
  GVariantBuilder b;
  guint n = 0;
  const double *readings = kl_value_get_readings (value, &n);

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  add_string (&b, "text", kl_value_get_text (value));
  g_variant_builder_add (&b, "{sv}", "number", g_variant_new_double (kl_value_get_number (value)));
  g_variant_builder_add (&b, "{sv}", "number-max",
                         g_variant_new_double (kl_value_get_number_max (value)));
  add_string (&b, "qualifier", kl_qualifier_to_string (kl_value_get_qualifier (value)));
  add_string (&b, "unit", kl_value_get_unit (value));
  add_string (&b, "note", kl_value_get_note (value));
  g_variant_builder_add (&b, "{sv}", "ambiguous", g_variant_new_boolean (kl_value_get_ambiguous (value)));
  if (n > 0 && readings != NULL)
    g_variant_builder_add (&b, "{sv}", "readings",
                           g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, readings, n,
                                                      sizeof (double)));
  add_string (&b, "rule", kl_value_get_rule (value));
  g_variant_builder_add (&b, "{sv}", "status-met",
                         g_variant_new_boolean (kl_value_get_status_met (value)));
  return g_variant_builder_end (&b);
}

static GVariant *
target_to_variant (KlTarget *t)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  add_string (&b, "code", kl_target_get_code (t));
  add_string (&b, "name", kl_target_get_name (t));
  add_string (&b, "unit", kl_target_get_unit (t));
  add_string (&b, "group", kl_target_get_group (t));
  g_variant_builder_add (&b, "{sv}", "kind", g_variant_new_int32 (kl_target_get_kind (t)));
  g_variant_builder_add (&b, "{sv}", "direction", g_variant_new_int32 (kl_target_get_direction (t)));
  add_string (&b, "typed-status", kl_target_get_typed_status (t));
  g_variant_builder_add (&b, "{sv}", "source-line", g_variant_new_uint32 (kl_target_get_source_line (t)));
  g_variant_builder_add (&b, "{sv}", "plan", value_to_variant (kl_target_get_plan (t)));
  g_variant_builder_add (&b, "{sv}", "actual", value_to_variant (kl_target_get_actual (t)));
  g_variant_builder_add (&b, "{sv}", "next-plan", value_to_variant (kl_target_get_next_plan (t)));
  return g_variant_builder_end (&b);
}

static GVariant *
report_to_variant (KlReport *r, int agenda_position, gboolean annexed)
{
  GVariantBuilder b, targets;
  GListModel *list = G_LIST_MODEL (kl_report_get_targets (r));

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  add_string (&b, "title", kl_report_get_title (r));
  add_string (&b, "presenter", kl_report_get_presenter (r));
  add_string (&b, "period", kl_report_get_period (r));
  add_string (&b, "text", kl_report_get_text (r));
  add_string (&b, "plan-label", kl_report_get_plan_label (r));
  add_string (&b, "actual-label", kl_report_get_actual_label (r));
  add_string (&b, "next-plan-label", kl_report_get_next_plan_label (r));
  add_string (&b, "ratio-label", kl_report_get_ratio_label (r));
  add_string (&b, "annex-title", kl_report_get_annex_title (r));
  add_string (&b, "annex-subtitle", kl_report_get_annex_subtitle (r));
  add_string (&b, "annex-note", kl_report_get_annex_note (r));
  add_string (&b, "annex-chart", kl_report_get_annex_chart (r));
  g_variant_builder_add (&b, "{sv}", "annexed", g_variant_new_boolean (annexed));
  g_variant_builder_add (&b, "{sv}", "agenda-position", g_variant_new_int32 (agenda_position));

  g_variant_builder_init (&targets, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (list, i);
      g_variant_builder_add_value (&targets, target_to_variant (t));
    }
  g_variant_builder_add (&b, "{sv}", "targets", g_variant_builder_end (&targets));
  return g_variant_builder_end (&b);
}

static int
index_in (GListModel *model, gpointer item)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) o = g_list_model_get_item (model, i);
      if (o == item)
        return (int) i;
    }
  return -1;
}

static GVariant *
document_to_variant (KlDocument *d)
{
  GVariantBuilder b, reports;
  KlSigner *signer = kl_document_get_signer (d);
  KlMeeting *meeting = kl_document_get_meeting (d);
  GListModel *annexed = G_LIST_MODEL (kl_document_get_reports (d));
  GListModel *agenda = meeting != NULL ? G_LIST_MODEL (kl_meeting_get_reports (meeting)) : NULL;
  const char * const *recipients = kl_document_get_recipients (d);

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "format", g_variant_new_uint32 (SNAPSHOT_FORMAT));
  add_string (&b, "kind", kl_document_get_kind (d));
  g_variant_builder_add (&b, "{sv}", "number", g_variant_new_uint32 (kl_document_get_number (d)));
  add_string (&b, "symbol", kl_document_get_symbol (d));
  add_string (&b, "superior", kl_document_get_superior (d));
  add_string (&b, "issuer", kl_document_get_issuer (d));
  add_string (&b, "issuer-abbreviation", kl_document_get_issuer_abbreviation (d));
  add_string (&b, "place", kl_document_get_place (d));
  add_string (&b, "date", kl_document_get_date (d));
  add_string (&b, "date-text", kl_document_get_date_text (d));
  add_string (&b, "title", kl_document_get_title (d));
  add_string (&b, "summary", kl_document_get_summary (d));
  add_string (&b, "body", kl_document_get_body (d));
  g_variant_builder_add (&b, "{sv}", "secrecy", g_variant_new_int32 (kl_document_get_secrecy (d)));
  g_variant_builder_add (&b, "{sv}", "urgency", g_variant_new_int32 (kl_document_get_urgency (d)));
  g_variant_builder_add (&b, "{sv}", "state", g_variant_new_int32 (kl_document_get_state (d)));
  if (signer != NULL)
    g_variant_builder_add (&b, "{sv}", "signer",
                           g_variant_new ("(sss)",
                                          kl_signer_get_authority (signer) ? kl_signer_get_authority (signer) : "",
                                          kl_signer_get_position (signer) ? kl_signer_get_position (signer) : "",
                                          kl_signer_get_name (signer) ? kl_signer_get_name (signer) : ""));
  if (recipients != NULL)
    g_variant_builder_add (&b, "{sv}", "recipients", g_variant_new_strv (recipients, -1));
  if (meeting != NULL)
    {
      GVariantBuilder m;

      g_variant_builder_init (&m, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&m, "{sv}", "body", g_variant_new_int32 (kl_meeting_get_body (meeting)));
      g_variant_builder_add (&m, "{sv}", "ordinal", g_variant_new_uint32 (kl_meeting_get_ordinal (meeting)));
      add_string (&m, "ordinal-text", kl_meeting_get_ordinal_text (meeting));
      g_variant_builder_add (&m, "{sv}", "meeting-type",
                             g_variant_new_int32 (kl_meeting_get_meeting_type (meeting)));
      add_string (&m, "date", kl_meeting_get_date (meeting));
      add_string (&m, "chair", kl_meeting_get_chair (meeting));
      add_string (&m, "term", kl_meeting_get_term (meeting));
      add_string (&m, "place", kl_meeting_get_place (meeting));
      g_variant_builder_add (&b, "{sv}", "meeting", g_variant_builder_end (&m));
    }

  /* Annexed reports in order, then agenda-only reports; each says where it belongs. */
  g_variant_builder_init (&reports, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < g_list_model_get_n_items (annexed); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (annexed, i);
      g_variant_builder_add_value (&reports, report_to_variant (r, index_in (agenda, r), TRUE));
    }
  for (guint i = 0; agenda != NULL && i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (agenda, i);
      if (index_in (annexed, r) < 0)
        g_variant_builder_add_value (&reports, report_to_variant (r, (int) i, FALSE));
    }
  g_variant_builder_add (&b, "{sv}", "reports", g_variant_builder_end (&reports));
  return g_variant_builder_end (&b);
}

GBytes *
kl_store_snapshot_document (KlDocument *document)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (document_to_variant (document));

  return g_variant_get_data_as_bytes (v);
}

/* ---- snapshot: GVariant → document ---- */

static const char *
dict_string (GVariantDict *dict, const char *key)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (dict, key, "&s", &value))
    return NULL;
  return value;
}

static int
dict_int (GVariantDict *dict, const char *key, int fallback)
{
  gint32 value;

  if (!g_variant_dict_lookup (dict, key, "i", &value))
    return fallback;
  return value;
}

static guint
dict_uint (GVariantDict *dict, const char *key)
{
  guint32 value;

  if (!g_variant_dict_lookup (dict, key, "u", &value))
    return 0;
  return value;
}

static KlValue *
value_from_variant (GVariant *v)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) readings_v = NULL;
  const char *text = NULL;
  const char *qualifier_name = NULL;
  const char *unit = NULL;
  const char *note = NULL;
  const char *rule = NULL;
  const double *readings = NULL;
  gsize n_readings = 0;
  double number = NAN;
  double number_max = NAN;
  gboolean ambiguous = FALSE;
  gboolean status_met;
  KlQualifier qualifier;

  if (v == NULL)
    return kl_value_parse ("", NULL);
  g_variant_dict_init (&dict, v);
  g_variant_dict_lookup (&dict, "number", "d", &number);
  g_variant_dict_lookup (&dict, "ambiguous", "b", &ambiguous);
  text = dict_string (&dict, "text");
  qualifier_name = dict_string (&dict, "qualifier");
  if (qualifier_name == NULL || !kl_qualifier_from_string (qualifier_name, &qualifier))
    return kl_store_value_restore (text, number, ambiguous);

  /* Every field as it was, the rule that settled the value included. */
  g_variant_dict_lookup (&dict, "number-max", "d", &number_max);
  unit = dict_string (&dict, "unit");
  note = dict_string (&dict, "note");
  rule = dict_string (&dict, "rule");
  readings_v = g_variant_dict_lookup_value (&dict, "readings", G_VARIANT_TYPE ("ad"));
  if (readings_v != NULL)
    readings = g_variant_get_fixed_array (readings_v, &n_readings, sizeof (double));
  if (!g_variant_dict_lookup (&dict, "status-met", "b", &status_met))
    {
      /* Snapshots taken before status-met was kept: it follows from the text. */
      g_autoptr(KlValue) parsed = kl_value_parse (text != NULL ? text : "", NULL);
      status_met = kl_value_get_status_met (parsed);
    }
  return kl_value_new_from_fields (text, qualifier, number, number_max, unit, note, ambiguous,
                                   readings, (guint) n_readings, rule, status_met);
}

static KlTarget *
target_from_variant (GVariant *v)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  KlTarget *t;
  KlTargetKind kind;
  const char *const value_keys[] = { "plan", "actual", "next-plan" };

  g_variant_dict_init (&dict, v);
  kind = dict_int (&dict, "kind", KL_TARGET_KIND_COMPONENT);
  if (kind == KL_TARGET_KIND_GROUP)
    t = kl_target_new_group (dict_string (&dict, "code"), dict_string (&dict, "name"));
  else
    t = kl_target_new (dict_string (&dict, "code"), dict_string (&dict, "name"),
                       dict_string (&dict, "unit"));
  kl_target_set_group (t, dict_string (&dict, "group"));
  kl_target_set_kind (t, kind);
  kl_target_set_direction (t, dict_int (&dict, "direction", KL_DIRECTION_AUTO));
  kl_target_set_typed_status (t, dict_string (&dict, "typed-status"));
  kl_target_set_source_line (t, dict_uint (&dict, "source-line"));
  for (guint i = 0; i < G_N_ELEMENTS (value_keys); i++)
    {
      g_autoptr(GVariant) vv = g_variant_dict_lookup_value (&dict, value_keys[i], G_VARIANT_TYPE_VARDICT);
      g_autoptr(KlValue) value = value_from_variant (vv);

      if (i == 0)
        kl_target_set_plan (t, value);
      else if (i == 1)
        kl_target_set_actual (t, value);
      else
        kl_target_set_next_plan (t, value);
    }
  return t;
}

static KlReport *
report_from_variant (GVariant *v, gboolean *annexed, int *agenda_position)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) targets = NULL;
  KlReport *r;

  g_variant_dict_init (&dict, v);
  r = kl_report_new (dict_string (&dict, "title"));
  kl_report_set_presenter (r, dict_string (&dict, "presenter"));
  kl_report_set_period (r, dict_string (&dict, "period"));
  kl_report_set_text (r, dict_string (&dict, "text"));
  kl_report_set_plan_label (r, dict_string (&dict, "plan-label"));
  kl_report_set_actual_label (r, dict_string (&dict, "actual-label"));
  kl_report_set_next_plan_label (r, dict_string (&dict, "next-plan-label"));
  kl_report_set_ratio_label (r, dict_string (&dict, "ratio-label"));
  kl_report_set_annex_title (r, dict_string (&dict, "annex-title"));
  kl_report_set_annex_subtitle (r, dict_string (&dict, "annex-subtitle"));
  kl_report_set_annex_note (r, dict_string (&dict, "annex-note"));
  /* Revisions taken before annex charts have none. */
  kl_report_set_annex_chart (r, kl_report_chart_kind_lookup (dict_string (&dict, "annex-chart")));
  *annexed = TRUE;
  g_variant_dict_lookup (&dict, "annexed", "b", annexed);
  *agenda_position = dict_int (&dict, "agenda-position", -1);

  targets = g_variant_dict_lookup_value (&dict, "targets", G_VARIANT_TYPE ("aa{sv}"));
  if (targets != NULL)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
      gsize n = g_variant_n_children (targets);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) tv = g_variant_get_child_value (targets, i);
          g_ptr_array_add (list, target_from_variant (tv));
        }
      g_list_store_splice (kl_report_get_targets (r), 0, 0, list->pdata, list->len);
    }
  return r;
}

static GVariant *
snapshot_variant (GBytes *snapshot, GError **error)
{
  g_autoptr(GVariant) raw = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT,
                                                                          snapshot, FALSE));
  g_autoptr(GVariant) v = NULL;
  guint32 format = 0;

  /* Untrusted bytes from disk: normalise so that a damaged blob cannot be misread.
   * g_variant_get_normal_form() returns a full (non-floating) reference. */
  v = g_variant_get_normal_form (raw);
  if (!g_variant_lookup (v, "format", "u", &format) || format == 0)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_CORRUPT,
                   _("the revision is damaged (not a snapshot); choose another revision"));
      return NULL;
    }
  if (format > SNAPSHOT_FORMAT)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW,
                   _("the revision was written by a newer Ketluan (format %u); update Ketluan"),
                   format);
      return NULL;
    }
  return g_steal_pointer (&v);
}

KlDocument *
kl_store_snapshot_restore (GBytes *snapshot, GError **error)
{
  g_autoptr(GVariant) v = snapshot_variant (snapshot, error);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(KlDocument) d = NULL;
  g_autoptr(GVariant) meeting_v = NULL;
  g_autoptr(GVariant) reports_v = NULL;
  g_autoptr(KlMeeting) meeting = NULL;
  const char *authority, *position, *name;
  g_autofree const char **recipients = NULL;

  if (v == NULL)
    return NULL;
  g_variant_dict_init (&dict, v);

  d = kl_document_new (dict_string (&dict, "kind") ? dict_string (&dict, "kind") : "TB");
  kl_document_set_number (d, dict_uint (&dict, "number"));
  kl_document_set_symbol (d, dict_string (&dict, "symbol"));
  kl_document_set_superior (d, dict_string (&dict, "superior"));
  kl_document_set_issuer (d, dict_string (&dict, "issuer"));
  kl_document_set_issuer_abbreviation (d, dict_string (&dict, "issuer-abbreviation"));
  kl_document_set_place (d, dict_string (&dict, "place"));
  kl_document_set_date (d, dict_string (&dict, "date"));
  kl_document_set_date_text (d, dict_string (&dict, "date-text"));
  kl_document_set_title (d, dict_string (&dict, "title"));
  kl_document_set_summary (d, dict_string (&dict, "summary"));
  kl_document_set_body (d, dict_string (&dict, "body"));
  kl_document_set_secrecy (d, dict_int (&dict, "secrecy", KL_SECRECY_NONE));
  kl_document_set_urgency (d, dict_int (&dict, "urgency", KL_URGENCY_NONE));
  if (g_variant_dict_lookup (&dict, "signer", "(&s&s&s)", &authority, &position, &name))
    {
      g_autoptr(KlSigner) signer = kl_signer_new (authority, position, name);
      kl_document_set_signer (d, signer);
    }
  if (g_variant_dict_lookup (&dict, "recipients", "^a&s", &recipients))
    kl_document_set_recipients (d, recipients);

  meeting_v = g_variant_dict_lookup_value (&dict, "meeting", G_VARIANT_TYPE_VARDICT);
  if (meeting_v != NULL)
    {
      g_auto(GVariantDict) m = G_VARIANT_DICT_INIT (NULL);

      g_variant_dict_init (&m, meeting_v);
      meeting = kl_meeting_new ();
      kl_meeting_set_body (meeting, dict_int (&m, "body", KL_MEETING_BODY_BCH));
      kl_meeting_set_ordinal (meeting, dict_uint (&m, "ordinal"));
      kl_meeting_set_ordinal_text (meeting, dict_string (&m, "ordinal-text"));
      kl_meeting_set_meeting_type (meeting, dict_int (&m, "meeting-type", KL_MEETING_REGULAR));
      kl_meeting_set_date (meeting, dict_string (&m, "date"));
      kl_meeting_set_chair (meeting, dict_string (&m, "chair"));
      kl_meeting_set_term (meeting, dict_string (&m, "term"));
      kl_meeting_set_place (meeting, dict_string (&m, "place"));
    }

  reports_v = g_variant_dict_lookup_value (&dict, "reports", G_VARIANT_TYPE ("aa{sv}"));
  if (reports_v != NULL)
    {
      gsize n = g_variant_n_children (reports_v);
      g_autoptr(GPtrArray) agenda = g_ptr_array_new_full (n, g_object_unref);

      for (gsize i = 0; i < n; i++)
        g_ptr_array_add (agenda, NULL);
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) rv = g_variant_get_child_value (reports_v, i);
          gboolean annexed;
          int agenda_position;
          g_autoptr(KlReport) r = report_from_variant (rv, &annexed, &agenda_position);

          if (annexed)
            g_list_store_append (kl_document_get_reports (d), r);
          if (meeting != NULL && agenda_position >= 0 && (gsize) agenda_position < n
              && g_ptr_array_index (agenda, agenda_position) == NULL)
            g_ptr_array_index (agenda, agenda_position) = g_object_ref (r);
        }
      if (meeting != NULL)
        for (gsize i = 0; i < n; i++)
          if (g_ptr_array_index (agenda, i) != NULL)
            g_list_store_append (kl_meeting_get_reports (meeting), g_ptr_array_index (agenda, i));
    }
  if (meeting != NULL)
    kl_document_set_meeting (d, meeting);
  kl_document_set_state (d, dict_int (&dict, "state", KL_DOCUMENT_STATE_DRAFT));
  return g_steal_pointer (&d);
}

/* ---- revisions in the database ---- */

static gboolean
insert_revision (KlStore *self, KlDocument *document, const char *reason, gint64 *id_out,
                 GError **error)
{
  g_autoptr(GBytes) snapshot = kl_store_snapshot_document (document);
  sqlite3_stmt *stmt;
  gsize size;
  gconstpointer data = g_bytes_get_data (snapshot, &size);

  stmt = kl_store_prepare (self,
                           "INSERT INTO revisions (document_id, created, reason, snapshot) "
                           "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kl_document_get_id (document));
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / 1000);
  kl_store_bind_text (stmt, 3, reason);
  sqlite3_bind_blob64 (stmt, 4, data, size, SQLITE_STATIC);
  if (!kl_store_step_done (self, stmt, N_("could not keep a revision"), error))
    return FALSE;
  *id_out = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gint64
kl_store_add_revision (KlStore *self, KlDocument *document, const char *reason, GError **error)
{
  gint64 id = 0;

  g_return_val_if_fail (KL_IS_STORE (self), 0);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (reason != NULL, 0);

  if (!kl_store_begin (self, error))
    return 0;
  /* A revision belongs to a stored document: store a new one first. */
  if (kl_document_get_id (document) == 0
      && !kl_store_save_document_internal (self, document, FALSE, error))
    goto fail;
  if (!insert_revision (self, document, reason, &id, error))
    goto fail;
  if (!kl_store_commit (self, error))
    return 0;
  return id;

fail:
  kl_store_rollback (self);
  return 0;
}

gboolean
kl_store_prune_revisions (KlStore *self, gint64 document_id, guint keep, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);

  if (!kl_store_begin (self, error))
    return FALSE;
  stmt = kl_store_prepare (self,
                           "DELETE FROM revisions WHERE document_id = ?1 AND reason = 'autosave' "
                           "AND id NOT IN (SELECT id FROM revisions WHERE document_id = ?1 "
                           "  AND reason = 'autosave' ORDER BY id DESC LIMIT ?2)", error);
  if (stmt == NULL
      || (sqlite3_bind_int64 (stmt, 1, document_id), sqlite3_bind_int64 (stmt, 2, keep),
          !kl_store_step_done (self, stmt, N_("could not remove old revisions"), error)))
    {
      kl_store_rollback (self);
      return FALSE;
    }
  return kl_store_commit (self, error);
}

GPtrArray *
kl_store_list_revisions (KlStore *self, gint64 document_id, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_store_prepare (self,
                           "SELECT id, created, reason FROM revisions WHERE document_id = ?1 "
                           "ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_revision_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlRevisionInfo *info = g_new0 (KlRevisionInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->document_id = document_id;
      info->created = sqlite3_column_int64 (stmt, 1) / 1000;
      info->reason = kl_store_column_dup (stmt, 2);
      g_ptr_array_add (list, info);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not list the revisions"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static GBytes *
load_snapshot (KlStore *self, gint64 revision_id, gint64 *document_id_out, GError **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;
  int rc;

  stmt = kl_store_prepare (self, "SELECT document_id, snapshot FROM revisions WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (document_id_out != NULL)
        *document_id_out = sqlite3_column_int64 (stmt, 0);
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                 _("%s: there is no revision %lld"), self->path, (long long) revision_id);
  else
    kl_store_set_error_from_sqlite (self, error, rc, N_("could not read the revision"));
  sqlite3_reset (stmt);
  return bytes;
}

KlDocument *
kl_store_load_revision (KlStore *self, gint64 revision_id, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gint64 document_id = 0;
  KlDocument *document;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  bytes = load_snapshot (self, revision_id, &document_id, error);
  if (bytes == NULL)
    return NULL;
  document = kl_store_snapshot_restore (bytes, error);
  if (document != NULL)
    kl_document_set_id (document, document_id);
  return document;
}

/* Names used by the comparison: the snapshot's keys, except that reports and their
 * targets are told apart ("reports" for the reports' own fields, "targets"). */
static void
compare_reports (GVariant *a, GVariant *b, gboolean *reports_differ, gboolean *targets_differ)
{
  gsize na = a != NULL ? g_variant_n_children (a) : 0;
  gsize nb = b != NULL ? g_variant_n_children (b) : 0;

  if (na != nb)
    {
      *reports_differ = TRUE;
      *targets_differ = TRUE;
      return;
    }
  for (gsize i = 0; i < na; i++)
    {
      g_autoptr(GVariant) ra = g_variant_get_child_value (a, i);
      g_autoptr(GVariant) rb = g_variant_get_child_value (b, i);
      g_auto(GVariantDict) da = G_VARIANT_DICT_INIT (NULL);
      g_auto(GVariantDict) db = G_VARIANT_DICT_INIT (NULL);
      g_autoptr(GVariant) ta = NULL;
      g_autoptr(GVariant) tb = NULL;
      g_autoptr(GVariant) rest_a = NULL;
      g_autoptr(GVariant) rest_b = NULL;

      g_variant_dict_init (&da, ra);
      g_variant_dict_init (&db, rb);
      ta = g_variant_dict_lookup_value (&da, "targets", NULL);
      tb = g_variant_dict_lookup_value (&db, "targets", NULL);
      g_variant_dict_remove (&da, "targets");
      g_variant_dict_remove (&db, "targets");
      rest_a = g_variant_ref_sink (g_variant_dict_end (&da));
      rest_b = g_variant_ref_sink (g_variant_dict_end (&db));
      if (!g_variant_equal (rest_a, rest_b))
        *reports_differ = TRUE;
      if ((ta == NULL) != (tb == NULL) || (ta != NULL && !g_variant_equal (ta, tb)))
        *targets_differ = TRUE;
    }
}

GStrv
kl_store_compare_revisions (KlStore *self, gint64 revision_a, gint64 revision_b, GError **error)
{
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;
  g_autoptr(GVariant) a = NULL;
  g_autoptr(GVariant) b = NULL;
  g_autoptr(GStrvBuilder) names = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GList) sorted = NULL;
  GVariantIter iter;
  const char *key;
  gboolean reports_differ = FALSE, targets_differ = FALSE;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  bytes_a = load_snapshot (self, revision_a, NULL, error);
  if (bytes_a == NULL)
    return NULL;
  bytes_b = load_snapshot (self, revision_b, NULL, error);
  if (bytes_b == NULL)
    return NULL;
  a = snapshot_variant (bytes_a, error);
  if (a == NULL)
    return NULL;
  b = snapshot_variant (bytes_b, error);
  if (b == NULL)
    return NULL;

  keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_variant_iter_init (&iter, a);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    g_hash_table_add (keys, (gpointer) key);
  g_variant_iter_init (&iter, b);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    g_hash_table_add (keys, (gpointer) key);

  names = g_strv_builder_new ();
  sorted = g_list_sort (g_hash_table_get_keys (keys), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      g_autoptr(GVariant) va = g_variant_lookup_value (a, l->data, NULL);
      g_autoptr(GVariant) vb = g_variant_lookup_value (b, l->data, NULL);

      if (g_strcmp0 (l->data, "format") == 0)
        continue;
      if (g_strcmp0 (l->data, "reports") == 0)
        {
          compare_reports (va, vb, &reports_differ, &targets_differ);
          continue;
        }
      if ((va == NULL) != (vb == NULL) || (va != NULL && !g_variant_equal (va, vb)))
        g_strv_builder_add (names, l->data);
    }
  if (reports_differ)
    g_strv_builder_add (names, "reports");
  if (targets_differ)
    g_strv_builder_add (names, "targets");
  return g_strv_builder_end (names);
}

KlDocument *
kl_store_restore_revision (KlStore *self, gint64 revision_id, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlDocument) restored = NULL;
  g_autoptr(KlDocument) current = NULL;
  gint64 document_id = 0;
  gint64 unused = 0;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kl_store_begin (self, error))
    return NULL;
  bytes = load_snapshot (self, revision_id, &document_id, error);
  if (bytes == NULL)
    goto fail;
  restored = kl_store_snapshot_restore (bytes, error);
  if (restored == NULL)
    goto fail;
  current = kl_store_load_document (self, document_id, error);
  if (current == NULL)
    goto fail;
  if (kl_document_get_state (current) == KL_DOCUMENT_STATE_ISSUED)
    {
      g_set_error (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED,
                   _("document %lld has been issued and cannot be changed; "
                     "open the revision and make a new draft from it instead"),
                   (long long) document_id);
      goto fail;
    }
  if (!insert_revision (self, current, "before restore", &unused, error))
    goto fail;

  kl_document_set_state (restored, KL_DOCUMENT_STATE_DRAFT);
  kl_document_set_id (restored, document_id);
  /* Keep the meeting's row rather than making a new one. */
  if (kl_document_get_meeting (restored) != NULL && kl_document_get_meeting (current) != NULL)
    g_object_set_qdata (G_OBJECT (kl_document_get_meeting (restored)), self->meeting_quark,
                        g_object_get_qdata (G_OBJECT (kl_document_get_meeting (current)),
                                            self->meeting_quark));
  if (!kl_store_save_document_internal (self, restored, FALSE, error)
      || !insert_revision (self, restored, "restore", &unused, error))
    goto fail;
  if (!kl_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&restored);

fail:
  kl_store_rollback (self);
  return NULL;
}
