/* kl-json.c: the single-file JSON form of a document, to move it between machines. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "kl-json.h"
#include "kl-core-error.h"
#include "kl-tsv.h"

#define MAX_JSON_SIZE (64u * 1024u * 1024u)

/* ---- enum names of the format (stable: they are the public interface) ---- */

static const char *const secrecy_names[] = { "none", "mat", "toi-mat", "tuyet-mat" };
static const char *const urgency_names[] = { "none", "khan", "thuong-khan", "hoa-toc" };
static const char *const state_names[] = { "draft", "issued" };
static const char *const kind_names[] = { "component", "main", "group" };
static const char *const direction_names[] = { "auto", "higher", "lower" };
static const char *const body_names[] = { "bch", "btv", "tt" };
static const char *const meeting_type_names[] = { "regular", "extraordinary", "extended" };

static int
name_index (const char *const *names, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return (int) i;
  return -1;
}

/* ---- writer: by hand, so that numbers print short ("27.6", not 27.600000000000001) ---- */

typedef struct {
  GString *out;
  guint    depth;
  gboolean first;   /* no member written yet at this depth */
} Writer;

static void
w_string (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
w_double (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v) || isinf (v))
    {
      g_string_append (out, "null");
      return;
    }
  /* The shortest form that reads back to the same double. */
  for (int prec = 15; prec <= 17; prec++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

static void
w_indent (Writer *w)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

static void
w_key (Writer *w, const char *key)
{
  if (!w->first)
    g_string_append_c (w->out, ',');
  w->first = FALSE;
  w_indent (w);
  if (key != NULL)
    {
      w_string (w->out, key);
      g_string_append (w->out, ": ");
    }
}

static void
w_open (Writer *w, const char *key, char bracket)
{
  w_key (w, key);
  g_string_append_c (w->out, bracket);
  w->depth++;
  w->first = TRUE;
}

static void
w_close (Writer *w, char bracket)
{
  gboolean empty = w->first;

  w->depth--;
  if (!empty)
    w_indent (w);
  g_string_append_c (w->out, bracket);
  w->first = FALSE;
}

static void
w_str (Writer *w, const char *key, const char *value)
{
  w_key (w, key);
  w_string (w->out, value);
}

static void
w_int (Writer *w, const char *key, gint64 value)
{
  w_key (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

static void
w_null (Writer *w, const char *key)
{
  w_key (w, key);
  g_string_append (w->out, "null");
}

static void
w_bool (Writer *w, const char *key, gboolean value)
{
  w_key (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

static void
w_num (Writer *w, const char *key, double value)
{
  w_key (w, key);
  w_double (w->out, value);
}

static void
write_value (Writer *w, const char *key, KlValue *v)
{
  guint n = 0;
  const double *readings = kl_value_get_readings (v, &n);
  gboolean has = kl_value_has_number (v);

  w_open (w, key, '{');
  w_str (w, "text", kl_value_get_text (v));
  if (has)
    {
      w_num (w, "number", kl_value_get_number (v));
      w_num (w, "number_max", kl_value_get_number_max (v));
    }
  else
    {
      w_null (w, "number");
      w_null (w, "number_max");
    }
  w_str (w, "qualifier", kl_qualifier_to_string (kl_value_get_qualifier (v)));
  w_str (w, "unit", kl_value_get_unit (v));
  w_bool (w, "ambiguous", kl_value_get_ambiguous (v));
  w_open (w, "readings", '[');
  for (guint i = 0; i < n; i++)
    w_num (w, NULL, readings[i]);
  w_close (w, ']');
  w_str (w, "rule", kl_value_get_rule (v));
  w_close (w, '}');
}

static void
write_target (Writer *w, KlTarget *t)
{
  KlTargetKind kind = kl_target_get_kind (t);
  KlDirection direction = kl_target_get_direction (t);

  w_open (w, NULL, '{');
  w_str (w, "code", kl_target_get_code (t));
  w_str (w, "name", kl_target_get_name (t));
  w_str (w, "unit", kl_target_get_unit (t));
  w_str (w, "kind", (guint) kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : "component");
  w_str (w, "direction", (guint) direction < G_N_ELEMENTS (direction_names) ? direction_names[direction] : "auto");
  write_value (w, "plan", kl_target_get_plan (t));
  write_value (w, "actual", kl_target_get_actual (t));
  write_value (w, "next_plan", kl_target_get_next_plan (t));
  w_num (w, "ratio", kl_target_get_ratio (t));
  w_str (w, "status", kl_status_to_string (kl_target_get_status (t)));
  w_str (w, "typed_status", kl_target_get_typed_status (t));
  w_bool (w, "disagrees", kl_target_get_disagrees (t, NULL));
  w_close (w, '}');
}

static void
write_report (Writer *w, KlReport *r, gboolean with_count)
{
  GListModel *targets = G_LIST_MODEL (kl_report_get_targets (r));
  guint n = g_list_model_get_n_items (targets);

  w_open (w, NULL, '{');
  w_str (w, "title", kl_report_get_title (r));
  w_str (w, "presenter", kl_report_get_presenter (r));
  w_str (w, "period", kl_report_get_period (r));
  w_str (w, "text", kl_report_get_text (r));
  w_str (w, "plan_label", kl_report_get_plan_label (r));
  w_str (w, "actual_label", kl_report_get_actual_label (r));
  w_str (w, "next_plan_label", kl_report_get_next_plan_label (r));
  w_str (w, "ratio_label", kl_report_get_ratio_label (r));
  w_str (w, "annex_title", kl_report_get_annex_title (r));
  w_str (w, "annex_subtitle", kl_report_get_annex_subtitle (r));
  w_str (w, "annex_note", kl_report_get_annex_note (r));
  w_str (w, "annex_chart", kl_report_get_annex_chart (r));
  w_open (w, "targets", '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      write_target (w, t);
    }
  w_close (w, ']');
  if (with_count)
    {
      guint met, total;
      w_open (w, "count", '{');
      kl_report_count (r, KL_TARGET_KIND_MAIN, &met, &total);
      w_int (w, "main_met", met);
      w_int (w, "main_total", total);
      kl_report_count (r, KL_TARGET_KIND_COMPONENT, &met, &total);
      w_int (w, "component_met", met);
      w_int (w, "component_total", total);
      w_close (w, '}');
    }
  w_close (w, '}');
}

static void
write_warnings (Writer *w, GListModel *warnings)
{
  w_open (w, "warnings", '[');
  for (guint i = 0; i < g_list_model_get_n_items (warnings); i++)
    {
      g_autoptr(KlWarning) warning = g_list_model_get_item (warnings, i);
      w_open (w, NULL, '{');
      w_int (w, "line", kl_warning_get_line (warning));
      w_str (w, "field", kl_warning_get_field (warning));
      w_str (w, "message", kl_warning_get_message (warning));
      w_close (w, '}');
    }
  w_close (w, ']');
}

char *
kl_json_write_targets (KlDocument *document)
{
  Writer w = { g_string_new (NULL), 1, TRUE };
  GListModel *reports;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  reports = G_LIST_MODEL (kl_document_get_reports (document));
  g_string_append_c (w.out, '{');
  w_str (&w, "format", "ketluan-targets");
  w_int (&w, "version", KL_JSON_FORMAT_VERSION);
  w_open (&w, "reports", '[');
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (reports, i);
      write_report (&w, r, TRUE);
    }
  w_close (&w, ']');
  write_warnings (&w, G_LIST_MODEL (kl_document_get_warnings (document)));
  g_string_append (w.out, "\n}\n");
  return g_string_free (w.out, FALSE);
}

static void
write_meeting (Writer *w, KlMeeting *m)
{
  KlMeetingBody body = kl_meeting_get_body (m);
  KlMeetingType type = kl_meeting_get_meeting_type (m);

  w_open (w, "meeting", '{');
  w_str (w, "body", (guint) body < G_N_ELEMENTS (body_names) ? body_names[body] : "bch");
  if (kl_meeting_get_ordinal (m) > 0)
    w_int (w, "ordinal", kl_meeting_get_ordinal (m));
  else
    w_null (w, "ordinal");
  w_str (w, "ordinal_text", kl_meeting_get_ordinal_text (m));
  w_str (w, "type", (guint) type < G_N_ELEMENTS (meeting_type_names) ? meeting_type_names[type] : "regular");
  w_str (w, "date", kl_meeting_get_date (m));
  w_str (w, "chair", kl_meeting_get_chair (m));
  w_str (w, "term", kl_meeting_get_term (m));
  w_str (w, "place", kl_meeting_get_place (m));
  w_close (w, '}');
}

char *
kl_json_write_document (KlDocument *document)
{
  Writer w = { g_string_new (NULL), 0, TRUE };
  KlSigner *signer;
  const char *const *recipients;
  GListModel *reports, *warnings;
  KlSecrecy secrecy;
  KlUrgency urgency;
  KlDocumentState state;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  signer = kl_document_get_signer (document);
  recipients = kl_document_get_recipients (document);
  reports = G_LIST_MODEL (kl_document_get_reports (document));
  warnings = G_LIST_MODEL (kl_document_get_warnings (document));
  secrecy = kl_document_get_secrecy (document);
  urgency = kl_document_get_urgency (document);
  state = kl_document_get_state (document);

  g_string_append_c (w.out, '{');
  w.depth = 1;
  w_str (&w, "format", KL_JSON_FORMAT_NAME);
  w_int (&w, "version", KL_JSON_FORMAT_VERSION);
  w_str (&w, "kind", kl_document_get_kind (document));
  w_str (&w, "symbol", kl_document_get_symbol (document));
  if (kl_document_get_number (document) > 0)
    w_int (&w, "number", kl_document_get_number (document));
  else
    w_null (&w, "number");
  w_open (&w, "issuer", '{');
  w_str (&w, "superior", kl_document_get_superior (document));
  w_str (&w, "name", kl_document_get_issuer (document));
  w_str (&w, "abbreviation", kl_document_get_issuer_abbreviation (document));
  w_close (&w, '}');
  w_str (&w, "place", kl_document_get_place (document));
  w_str (&w, "date", kl_document_get_date (document));
  w_str (&w, "date_text", kl_document_get_date_text (document));
  w_str (&w, "title", kl_document_get_title (document));
  w_str (&w, "summary", kl_document_get_summary (document));
  w_str (&w, "body", kl_document_get_body (document));
  w_open (&w, "signer", '{');
  w_str (&w, "authority", kl_signer_get_authority (signer));
  w_str (&w, "position", kl_signer_get_position (signer));
  w_str (&w, "name", kl_signer_get_name (signer));
  w_close (&w, '}');
  w_open (&w, "recipients", '[');
  for (guint i = 0; recipients != NULL && recipients[i] != NULL; i++)
    w_str (&w, NULL, recipients[i]);
  w_close (&w, ']');
  w_str (&w, "secrecy", (guint) secrecy < G_N_ELEMENTS (secrecy_names) ? secrecy_names[secrecy] : "none");
  w_str (&w, "urgency", (guint) urgency < G_N_ELEMENTS (urgency_names) ? urgency_names[urgency] : "none");
  w_str (&w, "state", (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : "draft");
  if (kl_document_get_meeting (document) != NULL)
    write_meeting (&w, kl_document_get_meeting (document));
  else
    w_null (&w, "meeting");
  w_open (&w, "reports", '[');
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (reports, i);
      write_report (&w, r, FALSE);
    }
  w_close (&w, ']');
  write_warnings (&w, warnings);
  w.depth = 0;
  g_string_append (w.out, "\n}\n");
  return g_string_free (w.out, FALSE);
}

gboolean
kl_json_save_document (KlDocument  *document,
                       GFile       *file,
                       GError     **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = kl_json_write_document (document);
  /* Written to a temporary file and renamed over the old one: never half a file. */
  return g_file_replace_contents (file, data, strlen (data), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

/* ---- reader ---- */

typedef struct {
  GError **error;
  gboolean failed;
} Reader;

/* @what is translated: "a string or null". */
static gboolean
format_error (Reader *r, const char *path, const char *what)
{
  if (!r->failed)
    /* TRANSLATORS: a member of the JSON document ("reports[0].title"), what it must be
     * ("a string or null") */
    g_set_error (r->error, KL_CORE_ERROR, KL_CORE_ERROR_FORMAT, _("'%s' must be %s"), path, what);
  r->failed = TRUE;
  return FALSE;
}

/* A string member, or NULL when absent or null; a wrong type fails the read. */
static const char *
get_str (Reader *r, JsonObject *obj, const char *member, const char *path)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("a string or null"));
      return NULL;
    }
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      /* json-glib turns an octal escape such as \250 into a lone byte. */
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("valid UTF-8 text (an escape like \\250 is not JSON)"));
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
get_number (Reader *r, JsonObject *obj, const char *member, const char *path, double *out)
{
  JsonNode *node = json_object_get_member (obj, member);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    {
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("a number or null"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_bool (Reader *r, JsonObject *obj, const char *member, const char *path, gboolean fallback)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("true or false"));
      return fallback;
    }
  return json_node_get_boolean (node);
}

static JsonObject *
get_object (Reader *r, JsonObject *obj, const char *member, const char *path)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("an object or null"));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (Reader *r, JsonObject *obj, const char *member, const char *path)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      format_error (r, p, _("an array"));
      return NULL;
    }
  return json_node_get_array (node);
}

static int
get_enum (Reader *r, JsonObject *obj, const char *member, const char *path,
          const char *const *names, guint n, int fallback)
{
  const char *s = get_str (r, obj, member, path);
  int i;

  if (s == NULL)
    return fallback;
  i = name_index (names, n, s);
  if (i < 0)
    {
      g_autoptr(GString) names_list = g_string_new (NULL);
      g_autofree char *p = g_strdup_printf ("%s%s", path, member);
      g_autofree char *what = NULL;

      for (guint k = 0; k < n; k++)
        g_string_append_printf (names_list, "%s\"%s\"", k > 0 ? ", " : "", names[k]);
      /* TRANSLATORS: the values a member may take: "one of "TB", "KL", "BC"" */
      what = g_strdup_printf (_("one of %s"), names_list->str);
      format_error (r, p, what);
      return fallback;
    }
  return i;
}

/* What the file says of a value the user may have settled. */
typedef struct {
  gboolean settled;
  double   number;
} Settled;

static KlValue *
read_value (Reader *r, JsonObject *obj, const char *path, Settled *settled)
{
  const char *text;
  double number;

  settled->settled = FALSE;
  if (obj == NULL)
    return kl_value_parse ("", NULL);
  text = get_str (r, obj, "text", path);
  /* The number is re-read from the text; only a reading the user chose is taken as is. */
  if (get_number (r, obj, "number", path, &number) && !get_bool (r, obj, "ambiguous", path, FALSE))
    {
      settled->settled = TRUE;
      settled->number = number;
    }
  return kl_value_parse (text != NULL ? text : "", NULL);
}

static void
apply_settled (KlTarget *t, Settled s[3])
{
  KlValue *values[3] = { kl_target_get_plan (t), kl_target_get_actual (t), kl_target_get_next_plan (t) };

  for (guint i = 0; i < 3; i++)
    if (s[i].settled && kl_value_get_ambiguous (values[i]))
      kl_value_settle (values[i], s[i].number);
}

static KlReport *
read_report (Reader *r, JsonObject *obj, guint index)
{
  g_autofree char *path = g_strdup_printf ("reports[%u].", index);
  g_autoptr(KlReport) report = kl_report_new (get_str (r, obj, "title", path));
  JsonArray *targets;
  g_autoptr(GArray) settled = g_array_new (FALSE, TRUE, sizeof (Settled) * 3);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  const char *group = NULL;

  kl_report_set_presenter (report, get_str (r, obj, "presenter", path));
  kl_report_set_period (report, get_str (r, obj, "period", path));
  kl_report_set_text (report, get_str (r, obj, "text", path));
  kl_report_set_plan_label (report, get_str (r, obj, "plan_label", path));
  kl_report_set_actual_label (report, get_str (r, obj, "actual_label", path));
  kl_report_set_next_plan_label (report, get_str (r, obj, "next_plan_label", path));
  kl_report_set_ratio_label (report, get_str (r, obj, "ratio_label", path));
  kl_report_set_annex_title (report, get_str (r, obj, "annex_title", path));
  kl_report_set_annex_subtitle (report, get_str (r, obj, "annex_subtitle", path));
  kl_report_set_annex_note (report, get_str (r, obj, "annex_note", path));
  {
    const char *const *charts = kl_report_chart_kinds ();
    int chart = get_enum (r, obj, "annex_chart", path, charts, g_strv_length ((char **) charts), -1);

    kl_report_set_annex_chart (report, chart >= 0 ? charts[chart] : NULL);
  }

  targets = get_array (r, obj, "targets", path);
  for (guint i = 0; targets != NULL && i < json_array_get_length (targets) && !r->failed; i++)
    {
      JsonNode *node = json_array_get_element (targets, i);
      g_autofree char *tpath = g_strdup_printf ("%stargets[%u].", path, i);
      JsonObject *t;
      KlTarget *target;
      int kind, direction;
      Settled s[3];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *p = g_strdup_printf ("%stargets[%u]", path, i);
          format_error (r, p, _("an object"));
          break;
        }
      t = json_node_get_object (node);
      kind = get_enum (r, t, "kind", tpath, kind_names, G_N_ELEMENTS (kind_names), KL_TARGET_KIND_COMPONENT);
      direction = get_enum (r, t, "direction", tpath, direction_names, G_N_ELEMENTS (direction_names),
                            KL_DIRECTION_AUTO);
      if (kind == KL_TARGET_KIND_GROUP)
        {
          target = kl_target_new_group (get_str (r, t, "code", tpath), get_str (r, t, "name", tpath));
          group = kl_target_get_name (target);
          memset (s, 0, sizeof s);
        }
      else
        {
          g_autofree char *p0 = g_strdup_printf ("%splan.", tpath);
          g_autofree char *p1 = g_strdup_printf ("%sactual.", tpath);
          g_autofree char *p2 = g_strdup_printf ("%snext_plan.", tpath);
          g_autoptr(KlValue) plan = read_value (r, get_object (r, t, "plan", tpath), p0, &s[0]);
          g_autoptr(KlValue) actual = read_value (r, get_object (r, t, "actual", tpath), p1, &s[1]);
          g_autoptr(KlValue) next = read_value (r, get_object (r, t, "next_plan", tpath), p2, &s[2]);

          target = kl_target_new (get_str (r, t, "code", tpath), get_str (r, t, "name", tpath),
                                  get_str (r, t, "unit", tpath));
          kl_target_set_kind (target, (KlTargetKind) kind);
          kl_target_set_plan (target, plan);
          kl_target_set_actual (target, actual);
          kl_target_set_next_plan (target, next);
          kl_target_set_typed_status (target, get_str (r, t, "typed_status", tpath));
          /* The group is the group row above, as the table reader sets it. */
          if (group != NULL)
            kl_target_set_group (target, group);
        }
      kl_target_set_direction (target, (KlDirection) direction);
      g_ptr_array_add (list, target);
      g_array_append_vals (settled, s, 1);
    }
  if (r->failed)
    return NULL;

  g_list_store_splice (kl_report_get_targets (report), 0, 0, list->pdata, list->len);
  kl_tsv_reparse_values (report, NULL);
  for (guint i = 0; i < list->len; i++)
    apply_settled (list->pdata[i], &g_array_index (settled, Settled, i * 3));
  return g_steal_pointer (&report);
}

static KlMeeting *
read_meeting (Reader *r, JsonObject *obj)
{
  KlMeeting *m = kl_meeting_new ();
  double ordinal;

  kl_meeting_set_body (m, (KlMeetingBody) get_enum (r, obj, "body", "meeting.", body_names,
                                                    G_N_ELEMENTS (body_names), KL_MEETING_BODY_BCH));
  if (get_number (r, obj, "ordinal", "meeting.", &ordinal) && ordinal >= 0 && ordinal < 10000)
    kl_meeting_set_ordinal (m, (guint) ordinal);
  kl_meeting_set_ordinal_text (m, get_str (r, obj, "ordinal_text", "meeting."));
  kl_meeting_set_meeting_type (m, (KlMeetingType) get_enum (r, obj, "type", "meeting.", meeting_type_names,
                                                            G_N_ELEMENTS (meeting_type_names),
                                                            KL_MEETING_REGULAR));
  kl_meeting_set_date (m, get_str (r, obj, "date", "meeting."));
  kl_meeting_set_chair (m, get_str (r, obj, "chair", "meeting."));
  kl_meeting_set_term (m, get_str (r, obj, "term", "meeting."));
  kl_meeting_set_place (m, get_str (r, obj, "place", "meeting."));
  return m;
}

/* json-glib 1.6 reads several top-level values one after another and leaks all but the
 * last one (found by fuzzing). A document is one value: this finds where anything follows
 * it, so that the file is refused before json-glib sees it. Returns FALSE when nothing does. */
static gboolean
find_trailing_content (const char *data,
                       gsize       len,
                       gsize      *offset)
{
  int depth = 0;
  gboolean in_string = FALSE, done = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              done = depth == 0;
            }
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (done)
        {
          *offset = i;
          return TRUE;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth <= 0)
            done = TRUE;
        }
      else if (depth == 0)
        {
          /* A bare number or word at the top ends at a space or a structural character. */
          while (i + 1 < len && data[i + 1] != '\0' && strchr (" \t\r\n{}[]\",", data[i + 1]) == NULL)
            i++;
          done = TRUE;
        }
    }
  return FALSE;
}

/* json-glib says "<data>:3:14: Parse error: …"; the core says "line 3: …". */
static void
set_parse_error (GError **error, const GError *json_error)
{
  const char *msg = json_error->message;
  const char *p = strchr (msg, ':');
  guint line = 0, column = 0;

  if (p != NULL)
    {
      char *end = NULL;
      line = (guint) strtoul (p + 1, &end, 10);
      if (end != NULL && *end == ':')
        {
          column = (guint) strtoul (end + 1, &end, 10);
          if (end != NULL && *end == ':')
            msg = end + 1;
        }
      while (*msg == ' ')
        msg++;
    }
  if (g_str_has_prefix (msg, "Parse error: "))
    msg += strlen ("Parse error: ");
  /* "line N: " stays English: ketluan-cli reads the line from it. */
  if (line > 0)
    {
      /* TRANSLATORS: the column, then what the JSON reader says */
      g_autofree char *why = g_strdup_printf (_("broken JSON at column %u: %s"), column, msg);
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, "line %u: %s", line, why);
    }
  else
    g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, _("broken JSON: %s"), msg);
}

KlDocument *
kl_json_read_document (const char  *data,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(KlDocument) doc = NULL;
  JsonNode *root;
  JsonObject *obj, *issuer, *signer, *meeting;
  JsonArray *recipients, *reports, *warnings;
  JsonNode *version_node;
  const char *format;
  gint64 version;
  Reader r = { error, FALSE };
  double number;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > MAX_JSON_SIZE)
    {
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TOO_LARGE,
                   _("the file is over %u MiB: not a document"), MAX_JSON_SIZE / (1024 * 1024));
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  {
    const char *end = NULL;
    if (!g_utf8_validate_len (data, len, &end))
      {
        guint line = 1;
        g_autofree char *byte = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (end - data));
        g_autofree char *why = NULL;

        for (const char *p = data; p < end; p++)
          if (*p == '\n')
            line++;
        /* TRANSLATORS: the offset of the byte in the file */
        why = g_strdup_printf (_("invalid UTF-8 at byte %s"), byte);
        g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_INVALID_UTF8, "line %u: %s", line, why);
        return NULL;
      }
  }

  {
    gsize offset = 0;
    if (find_trailing_content (data, len, &offset))
      {
        guint line = 1, column = 1;
        g_autofree char *why = NULL;

        for (gsize i = 0; i < offset; i++)
          {
            column++;
            if (data[i] == '\n')
              {
                line++;
                column = 1;
              }
          }
        why = g_strdup_printf (_("broken JSON at column %u: %s"), column,
                               _("more text after the end of the document"));
        g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, "line %u: %s", line, why);
        return NULL;
      }
  }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      set_parse_error (error, local);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KL_CORE_ERROR, KL_CORE_ERROR_FORMAT,
                           _("not a Ketluan document: the JSON is not an object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  format = json_object_has_member (obj, "format") &&
           JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "format")) &&
           json_node_get_value_type (json_object_get_member (obj, "format")) == G_TYPE_STRING ?
           json_object_get_string_member (obj, "format") : NULL;
  if (g_strcmp0 (format, KL_JSON_FORMAT_NAME) != 0)
    {
      if (format != NULL)
        g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_FORMAT,
                     _("not a Ketluan document: \"format\" is \"%s\", expected \"%s\""), format,
                     KL_JSON_FORMAT_NAME);
      else
        g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_FORMAT,
                     _("not a Ketluan document: \"format\" is missing, expected \"%s\""),
                     KL_JSON_FORMAT_NAME);
      return NULL;
    }
  version_node = json_object_get_member (obj, "version");
  if (version_node == NULL || !JSON_NODE_HOLDS_VALUE (version_node) ||
      json_node_get_value_type (version_node) != G_TYPE_INT64 || json_node_get_int (version_node) < 1)
    {
      g_set_error_literal (error, KL_CORE_ERROR, KL_CORE_ERROR_FORMAT,
                           _("not a Ketluan document: \"version\" must be a whole number from 1"));
      return NULL;
    }
  version = json_node_get_int (version_node);
  if (version > KL_JSON_FORMAT_VERSION)
    {
      g_autofree char *newer = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      /* TRANSLATORS: the document's format version, the one this program reads */
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_VERSION,
                   _("the document is in format version %s, newer than version %d that this Ketluan "
                     "reads: update Ketluan to open it"), newer, KL_JSON_FORMAT_VERSION);
      return NULL;
    }

  doc = kl_document_new (get_str (&r, obj, "kind", "") != NULL ? get_str (&r, obj, "kind", "") : "TB");
  kl_document_set_symbol (doc, get_str (&r, obj, "symbol", ""));
  if (get_number (&r, obj, "number", "", &number))
    {
      if (number < 0 || number > G_MAXUINT || number != floor (number))
        format_error (&r, "number", _("a whole number or null"));
      else
        kl_document_set_number (doc, (guint) number);
    }
  issuer = get_object (&r, obj, "issuer", "");
  if (issuer != NULL)
    {
      kl_document_set_superior (doc, get_str (&r, issuer, "superior", "issuer."));
      kl_document_set_issuer (doc, get_str (&r, issuer, "name", "issuer."));
      kl_document_set_issuer_abbreviation (doc, get_str (&r, issuer, "abbreviation", "issuer."));
    }
  kl_document_set_place (doc, get_str (&r, obj, "place", ""));
  kl_document_set_date (doc, get_str (&r, obj, "date", ""));
  kl_document_set_date_text (doc, get_str (&r, obj, "date_text", ""));
  kl_document_set_title (doc, get_str (&r, obj, "title", ""));
  kl_document_set_summary (doc, get_str (&r, obj, "summary", ""));
  kl_document_set_body (doc, get_str (&r, obj, "body", ""));
  signer = get_object (&r, obj, "signer", "");
  if (signer != NULL)
    {
      KlSigner *s = kl_document_get_signer (doc);
      kl_signer_set_authority (s, get_str (&r, signer, "authority", "signer."));
      kl_signer_set_position (s, get_str (&r, signer, "position", "signer."));
      kl_signer_set_name (s, get_str (&r, signer, "name", "signer."));
    }
  recipients = get_array (&r, obj, "recipients", "");
  if (recipients != NULL)
    {
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) lines = NULL;
      for (guint i = 0; i < json_array_get_length (recipients); i++)
        {
          JsonNode *n = json_array_get_element (recipients, i);
          if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING
              || !g_utf8_validate (json_node_get_string (n), -1, NULL))
            {
              g_autofree char *p = g_strdup_printf ("recipients[%u]", i);
              format_error (&r, p, _("a string"));
              break;
            }
          g_strv_builder_add (b, json_node_get_string (n));
        }
      lines = g_strv_builder_end (b);
      kl_document_set_recipients (doc, (const char *const *) lines);
    }
  kl_document_set_secrecy (doc, (KlSecrecy) get_enum (&r, obj, "secrecy", "", secrecy_names,
                                                      G_N_ELEMENTS (secrecy_names), KL_SECRECY_NONE));
  kl_document_set_urgency (doc, (KlUrgency) get_enum (&r, obj, "urgency", "", urgency_names,
                                                      G_N_ELEMENTS (urgency_names), KL_URGENCY_NONE));
  kl_document_set_state (doc, (KlDocumentState) get_enum (&r, obj, "state", "", state_names,
                                                          G_N_ELEMENTS (state_names), KL_DOCUMENT_STATE_DRAFT));
  meeting = get_object (&r, obj, "meeting", "");
  if (meeting != NULL)
    {
      g_autoptr(KlMeeting) m = read_meeting (&r, meeting);
      kl_document_set_meeting (doc, m);
    }
  reports = get_array (&r, obj, "reports", "");
  for (guint i = 0; reports != NULL && i < json_array_get_length (reports) && !r.failed; i++)
    {
      JsonNode *n = json_array_get_element (reports, i);
      g_autoptr(KlReport) report = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_autofree char *p = g_strdup_printf ("reports[%u]", i);
          format_error (&r, p, _("an object"));
          break;
        }
      report = read_report (&r, json_node_get_object (n), i);
      if (report != NULL)
        g_list_store_append (kl_document_get_reports (doc), report);
    }
  warnings = get_array (&r, obj, "warnings", "");
  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings) && !r.failed; i++)
    {
      JsonNode *n = json_array_get_element (warnings, i);
      g_autofree char *p = g_strdup_printf ("warnings[%u].", i);
      JsonObject *w;
      double line = 0;
      g_autoptr(KlWarning) warning = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        {
          g_autofree char *q = g_strdup_printf ("warnings[%u]", i);
          format_error (&r, q, _("an object"));
          break;
        }
      w = json_node_get_object (n);
      get_number (&r, w, "line", p, &line);
      warning = kl_warning_new (line > 0 && line < G_MAXUINT ? (guint) line : 0, get_str (&r, w, "field", p),
                                get_str (&r, w, "message", p) != NULL ? get_str (&r, w, "message", p) : "");
      g_list_store_append (kl_document_get_warnings (doc), warning);
    }

  if (r.failed)
    return NULL;
  return g_steal_pointer (&doc);
}

KlDocument *
kl_json_load_document (GFile   *file,
                       GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return kl_json_read_document (contents, (gssize) length, error);
}
