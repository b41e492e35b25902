/* kl-document.c: a document to issue, and the "changed" signal autosave listens to. */
#include "kl-document.h"
#include "kl-core-enums.h"

#include <string.h>

enum {
  PROP_0,
  /* string properties first, so that they index the strings[] array */
  PROP_KIND,
  PROP_SYMBOL,
  PROP_SUPERIOR,
  PROP_ISSUER,
  PROP_ISSUER_ABBREVIATION,
  PROP_PLACE,
  PROP_DATE,
  PROP_DATE_TEXT,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_BODY,
  N_STRING_PROPS,
  PROP_ID = N_STRING_PROPS,
  PROP_NUMBER,
  PROP_SIGNER,
  PROP_RECIPIENTS,
  PROP_MEETING,
  PROP_SECRECY,
  PROP_URGENCY,
  PROP_STATE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _KlDocument
{
  GObject          parent_instance;
  gint64           id;
  guint            number;
  char            *strings[N_STRING_PROPS];
  KlSigner        *signer;      /* never NULL */
  char           **recipients;  /* never NULL, possibly empty */
  KlMeeting       *meeting;
  KlSecrecy        secrecy;
  KlUrgency        urgency;
  KlDocumentState  state;
  GListStore      *reports;
  /* The reports we listen to, in store order (see on_reports_changed). */
  GPtrArray       *watched_reports;
  GListStore      *warnings;
};

G_DEFINE_FINAL_TYPE (KlDocument, kl_document, G_TYPE_OBJECT)

static void
emit_changed (KlDocument *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* One handler serves the signer's and the meeting's notify and the reports' "changed":
 * all three only need to be passed on. */
static void
on_child_notify (GObject *child, GParamSpec *pspec, KlDocument *self)
{
  emit_changed (self);
}

static void
on_report_changed (KlReport *report, KlDocument *self)
{
  emit_changed (self);
}

static void
on_self_notify (KlDocument *self, GParamSpec *pspec, gpointer user_data)
{
  emit_changed (self);
}

static void
unwatch_report (gpointer data, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, on_report_changed, user_data);
}

/* items-changed does not say which items left, so the mirror array tells us which
 * reports to disconnect from. */
static void
on_reports_changed (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    KlDocument *self)
{
  for (guint i = 0; i < removed; i++)
    unwatch_report (g_ptr_array_index (self->watched_reports, position + i), self);
  g_ptr_array_remove_range (self->watched_reports, position, removed);

  for (guint i = 0; i < added; i++)
    {
      KlReport *report = g_list_model_get_item (model, position + i);

      g_signal_connect (report, "changed", G_CALLBACK (on_report_changed), self);
      g_ptr_array_insert (self->watched_reports, position + i, report);
    }

  emit_changed (self);
}

/* Replaces *slot with @child, moving our notify handler from the old object to the new
 * one; TRUE when it really changed. */
static gboolean
replace_child (KlDocument *self, GObject **slot, GObject *child)
{
  if (*slot == child)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_child_notify, self);
  g_set_object (slot, child);
  if (child != NULL)
    g_signal_connect (child, "notify", G_CALLBACK (on_child_notify), self);
  return TRUE;
}

static void
kl_document_dispose (GObject *object)
{
  KlDocument *self = KL_DOCUMENT (object);

  replace_child (self, (GObject **) &self->signer, NULL);
  replace_child (self, (GObject **) &self->meeting, NULL);
  if (self->reports != NULL)
    g_signal_handlers_disconnect_by_func (self->reports, on_reports_changed, self);
  if (self->watched_reports != NULL)
    g_ptr_array_foreach (self->watched_reports, unwatch_report, self);
  g_clear_pointer (&self->watched_reports, g_ptr_array_unref);
  g_clear_object (&self->reports);
  g_clear_object (&self->warnings);
  G_OBJECT_CLASS (kl_document_parent_class)->dispose (object);
}

static void
kl_document_finalize (GObject *object)
{
  KlDocument *self = KL_DOCUMENT (object);

  for (guint i = 0; i < N_STRING_PROPS; i++)
    g_free (self->strings[i]);
  g_strfreev (self->recipients);
  G_OBJECT_CLASS (kl_document_parent_class)->finalize (object);
}

static void
set_string (KlDocument *self, guint prop_id, const char *value)
{
  if (g_strcmp0 (self->strings[prop_id], value) == 0)
    return;
  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
kl_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlDocument *self = KL_DOCUMENT (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    {
      g_value_set_string (value, self->strings[prop_id]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NUMBER: g_value_set_uint (value, self->number); break;
    case PROP_SIGNER: g_value_set_object (value, self->signer); break;
    case PROP_RECIPIENTS: g_value_set_boxed (value, self->recipients); break;
    case PROP_MEETING: g_value_set_object (value, self->meeting); break;
    case PROP_SECRECY: g_value_set_enum (value, self->secrecy); break;
    case PROP_URGENCY: g_value_set_enum (value, self->urgency); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_document_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlDocument *self = KL_DOCUMENT (object);

  if (prop_id > PROP_0 && prop_id < N_STRING_PROPS)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: kl_document_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NUMBER: kl_document_set_number (self, g_value_get_uint (value)); break;
    case PROP_SIGNER: kl_document_set_signer (self, g_value_get_object (value)); break;
    case PROP_RECIPIENTS: kl_document_set_recipients (self, g_value_get_boxed (value)); break;
    case PROP_MEETING: kl_document_set_meeting (self, g_value_get_object (value)); break;
    case PROP_SECRECY: kl_document_set_secrecy (self, g_value_get_enum (value)); break;
    case PROP_URGENCY: kl_document_set_urgency (self, g_value_get_enum (value)); break;
    case PROP_STATE: kl_document_set_state (self, g_value_get_enum (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_document_class_init (KlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kl_document_dispose;
  object_class->finalize = kl_document_finalize;
  object_class->get_property = kl_document_get_property;
  object_class->set_property = kl_document_set_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, flags);
  properties[PROP_SUPERIOR] = g_param_spec_string ("superior", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER_ABBREVIATION] =
    g_param_spec_string ("issuer-abbreviation", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_DATE_TEXT] = g_param_spec_string ("date-text", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SIGNER] = g_param_spec_object ("signer", NULL, NULL, KL_TYPE_SIGNER, flags);
  properties[PROP_RECIPIENTS] = g_param_spec_boxed ("recipients", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_MEETING] = g_param_spec_object ("meeting", NULL, NULL, KL_TYPE_MEETING, flags);
  properties[PROP_SECRECY] =
    g_param_spec_enum ("secrecy", NULL, NULL, KL_TYPE_SECRECY, KL_SECRECY_NONE, flags);
  properties[PROP_URGENCY] =
    g_param_spec_enum ("urgency", NULL, NULL, KL_TYPE_URGENCY, KL_URGENCY_NONE, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KL_TYPE_DOCUMENT_STATE, KL_DOCUMENT_STATE_DRAFT, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after any change to the document, its signer, its meeting, its reports or
   * their targets. Several may come for one edit (a target's figure also changes its
   * computed status): listeners are expected to coalesce, as autosave does. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_document_init (KlDocument *self)
{
  g_autoptr(KlSigner) signer = kl_signer_new (NULL, NULL, NULL);

  replace_child (self, (GObject **) &self->signer, G_OBJECT (signer));
  self->recipients = g_new0 (char *, 1);
  self->secrecy = KL_SECRECY_NONE;
  self->urgency = KL_URGENCY_NONE;
  self->state = KL_DOCUMENT_STATE_DRAFT;
  self->reports = g_list_store_new (KL_TYPE_REPORT);
  self->watched_reports = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_list_store_new (KL_TYPE_WARNING);
  g_signal_connect (self->reports, "items-changed", G_CALLBACK (on_reports_changed), self);
  /* Connected after, so "changed" follows the property's own notify handlers. */
  g_signal_connect_after (self, "notify", G_CALLBACK (on_self_notify), NULL);
}

/* The title defaults to the type name of a known kind ("TB" → "THÔNG BÁO"); it stays
 * editable, and set_kind() later leaves it alone since the user may have changed it. */
KlDocument *
kl_document_new (const char *kind)
{
  return g_object_new (KL_TYPE_DOCUMENT,
                       "kind", kind,
                       "title", kind != NULL ? kl_document_kind_title (kind) : NULL,
                       NULL);
}

gint64
kl_document_get_id (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), 0);
  return self->id;
}

void
kl_document_set_id (KlDocument *self, gint64 id)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  g_return_if_fail (id >= 0);
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

guint
kl_document_get_number (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), 0);
  return self->number;
}

void
kl_document_set_number (KlDocument *self, guint number)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  if (self->number == number)
    return;
  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

#define DEFINE_ACCESSORS(field, PROP)                                         \
const char *                                                                  \
kl_document_get_##field (KlDocument *self)                                    \
{                                                                             \
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);                         \
  return self->strings[PROP];                                                 \
}                                                                             \
                                                                              \
void                                                                          \
kl_document_set_##field (KlDocument *self, const char *value)                \
{                                                                             \
  g_return_if_fail (KL_IS_DOCUMENT (self));                                   \
  set_string (self, PROP, value);                                             \
}

DEFINE_ACCESSORS (kind, PROP_KIND)
DEFINE_ACCESSORS (symbol, PROP_SYMBOL)
DEFINE_ACCESSORS (superior, PROP_SUPERIOR)
DEFINE_ACCESSORS (issuer, PROP_ISSUER)
DEFINE_ACCESSORS (issuer_abbreviation, PROP_ISSUER_ABBREVIATION)
DEFINE_ACCESSORS (place, PROP_PLACE)
DEFINE_ACCESSORS (date_text, PROP_DATE_TEXT)
DEFINE_ACCESSORS (title, PROP_TITLE)
DEFINE_ACCESSORS (summary, PROP_SUMMARY)
DEFINE_ACCESSORS (body, PROP_BODY)

const char *
kl_document_get_date (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return self->strings[PROP_DATE];
}

void
kl_document_set_date (KlDocument *self, const char *iso_date)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  set_string (self, PROP_DATE, iso_date);
}

KlSigner *
kl_document_get_signer (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return self->signer;
}

/* NULL stands for "no signer chosen yet" and gets an empty signer, so that the property
 * is never NULL and a binding may set it from an unset value. */
void
kl_document_set_signer (KlDocument *self, KlSigner *signer)
{
  g_autoptr(KlSigner) empty = NULL;

  g_return_if_fail (KL_IS_DOCUMENT (self));
  g_return_if_fail (signer == NULL || KL_IS_SIGNER (signer));

  if (signer == NULL)
    signer = empty = kl_signer_new (NULL, NULL, NULL);
  if (replace_child (self, (GObject **) &self->signer, G_OBJECT (signer)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNER]);
}

const char * const *
kl_document_get_recipients (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return (const char * const *) self->recipients;
}

void
kl_document_set_recipients (KlDocument *self, const char * const *lines)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (KL_IS_DOCUMENT (self));

  if (lines == NULL)
    lines = none;
  if (g_strv_equal ((const char * const *) self->recipients, lines))
    return;
  g_strfreev (self->recipients);
  self->recipients = g_strdupv ((char **) lines);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECIPIENTS]);
}

KlMeeting *
kl_document_get_meeting (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return self->meeting;
}

void
kl_document_set_meeting (KlDocument *self, KlMeeting *meeting)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  g_return_if_fail (meeting == NULL || KL_IS_MEETING (meeting));

  if (replace_child (self, (GObject **) &self->meeting, (GObject *) meeting))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
}

KlSecrecy
kl_document_get_secrecy (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), KL_SECRECY_NONE);
  return self->secrecy;
}

void
kl_document_set_secrecy (KlDocument *self, KlSecrecy secrecy)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  if (self->secrecy == secrecy)
    return;
  self->secrecy = secrecy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRECY]);
}

KlUrgency
kl_document_get_urgency (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), KL_URGENCY_NONE);
  return self->urgency;
}

void
kl_document_set_urgency (KlDocument *self, KlUrgency urgency)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  if (self->urgency == urgency)
    return;
  self->urgency = urgency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URGENCY]);
}

KlDocumentState
kl_document_get_state (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), KL_DOCUMENT_STATE_DRAFT);
  return self->state;
}

void
kl_document_set_state (KlDocument *self, KlDocumentState state)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

GListStore *
kl_document_get_reports (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return self->reports;
}

GListStore *
kl_document_get_warnings (KlDocument *self)
{
  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);
  return self->warnings;
}

void
kl_document_apply_organization (KlDocument     *self,
                                KlOrganization *org)
{
  g_return_if_fail (KL_IS_DOCUMENT (self));
  g_return_if_fail (KL_IS_ORGANIZATION (org));

  /* One "changed" burst, not four interleaved with half-applied state. */
  g_object_freeze_notify (G_OBJECT (self));
  kl_document_set_superior (self, kl_organization_get_superior (org));
  kl_document_set_issuer (self, kl_organization_get_name (org));
  kl_document_set_issuer_abbreviation (self, kl_organization_get_abbreviation (org));
  kl_document_set_place (self, kl_organization_get_place (org));
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* Built as number-kind/issuer ("406-TB/HU"). A công văn follows the same pattern with
 * "CV" standing where other kinds put their type abbreviation ("12-CV/HU"). Without a
 * number the place of the number is left as three spaces ("   -TB/HU"), the blank a
 * clerk fills by hand after taking the number from the paper register; the renderer
 * prints it as is. A missing kind or abbreviation drops its part with its separator
 * rather than printing a dangling "-" or "/". */
char *
kl_document_dup_symbol (KlDocument *self)
{
  GString *symbol;
  const char *kind, *abbreviation;

  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);

  if (is_set (self->strings[PROP_SYMBOL]))
    return g_strdup (self->strings[PROP_SYMBOL]);

  kind = self->strings[PROP_KIND];
  abbreviation = self->strings[PROP_ISSUER_ABBREVIATION];

  symbol = g_string_new (NULL);
  if (self->number > 0)
    g_string_append_printf (symbol, "%u", self->number);
  else
    g_string_append (symbol, "   ");
  if (is_set (kind))
    g_string_append_printf (symbol, "-%s", kind);
  if (is_set (abbreviation))
    g_string_append_printf (symbol, "/%s", abbreviation);
  return g_string_free (symbol, FALSE);
}

/* Reads exactly "YYYY-MM-DD"; anything else (a partial date the user typed goes to
 * date-text instead) is no date. */
gboolean
kl_document_get_gdate (KlDocument *self,
                       GDate      *date_out)
{
  const char *iso;
  guint year, month, day;

  g_return_val_if_fail (KL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (date_out != NULL, FALSE);

  iso = self->strings[PROP_DATE];
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (iso, NULL, 10);
  month = (guint) g_ascii_strtoull (iso + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (iso + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date_out, 1);
  g_date_set_dmy (date_out, day, month, year);
  return TRUE;
}

const char *
kl_document_kind_title (const char *kind)
{
  static const struct { const char *kind; const char *title; } titles[] = {
    { "TB", "THÔNG BÁO" },
    { "KL", "KẾT LUẬN" },
    { "BC", "BÁO CÁO" },
    { "NQ", "NGHỊ QUYẾT" },
    { "QĐ", "QUYẾT ĐỊNH" },
    { "QD", "QUYẾT ĐỊNH" },   /* typed without the Vietnamese Đ */
    { "CT", "CHỈ THỊ" },
    { "KH", "KẾ HOẠCH" },
    { "TTr", "TỜ TRÌNH" },
    { "CV", "CÔNG VĂN" },
  };

  g_return_val_if_fail (kind != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (kind, titles[i].kind) == 0)
      return titles[i].title;
  return NULL;
}

/* The meeting is shared, not copied: it is one event that several documents (the notice,
 * the report) refer to, and a copy of a document is still about the same meeting.
 * Warnings are immutable, so the copy shares them too. */
KlDocument *
kl_document_copy (KlDocument *self)
{
  g_autoptr(KlDocument) copy = NULL;
  g_autoptr(KlSigner) signer = NULL;
  guint n;

  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);

  copy = g_object_new (KL_TYPE_DOCUMENT, NULL);
  for (guint i = PROP_0 + 1; i < N_STRING_PROPS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  copy->number = self->number;
  signer = kl_signer_copy (self->signer);
  kl_document_set_signer (copy, signer);
  kl_document_set_recipients (copy, (const char * const *) self->recipients);
  kl_document_set_meeting (copy, self->meeting);
  copy->secrecy = self->secrecy;
  copy->urgency = self->urgency;
  /* id stays 0 and state draft: the copy is a new, unstored, unissued document. */

  n = g_list_model_get_n_items (G_LIST_MODEL (self->reports));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (G_LIST_MODEL (self->reports), i);
      g_autoptr(KlReport) report_copy = kl_report_copy (report);

      g_list_store_append (copy->reports, report_copy);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->warnings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlWarning) warning = g_list_model_get_item (G_LIST_MODEL (self->warnings), i);

      g_list_store_append (copy->warnings, warning);
    }

  return g_steal_pointer (&copy);
}

KlOrganization *
kl_document_dup_organization (KlDocument *self)
{
  KlOrganization *org;
  KlMeeting *meeting;

  g_return_val_if_fail (KL_IS_DOCUMENT (self), NULL);

  org = kl_organization_new ();
  meeting = kl_document_get_meeting (self);
  kl_organization_set_superior (org, kl_document_get_superior (self));
  kl_organization_set_name (org, kl_document_get_issuer (self));
  kl_organization_set_abbreviation (org, kl_document_get_issuer_abbreviation (self));
  kl_organization_set_place (org, kl_document_get_place (self));
  kl_organization_set_committee (org, kl_organization_committee_for_issuer (kl_document_get_issuer (self)));
  if (meeting != NULL)
    kl_organization_set_term (org, kl_meeting_get_term (meeting));
  return org;
}
