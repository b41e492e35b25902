/* kl-meeting.c: one committee meeting and the reports on its agenda. */
#include "kl-meeting.h"
#include "kl-core-enums.h"

enum {
  PROP_0,
  PROP_BODY,
  PROP_ORDINAL,
  PROP_ORDINAL_TEXT,
  PROP_MEETING_TYPE,
  PROP_DATE,
  PROP_CHAIR,
  PROP_TERM,
  PROP_PLACE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

struct _KlMeeting
{
  GObject        parent_instance;
  KlMeetingBody  body;
  guint          ordinal;
  KlMeetingType  meeting_type;
  /* The string properties, indexed by property id (other slots stay NULL). */
  char          *strings[N_PROPS];
  GListStore    *reports;
};

G_DEFINE_FINAL_TYPE (KlMeeting, kl_meeting, G_TYPE_OBJECT)

static void
kl_meeting_dispose (GObject *object)
{
  KlMeeting *self = KL_MEETING (object);

  g_clear_object (&self->reports);
  G_OBJECT_CLASS (kl_meeting_parent_class)->dispose (object);
}

static void
kl_meeting_finalize (GObject *object)
{
  KlMeeting *self = KL_MEETING (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->strings[i]);
  G_OBJECT_CLASS (kl_meeting_parent_class)->finalize (object);
}

static void
set_string (KlMeeting *self, guint prop_id, const char *value)
{
  if (g_strcmp0 (self->strings[prop_id], value) == 0)
    return;
  g_free (self->strings[prop_id]);
  self->strings[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
kl_meeting_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlMeeting *self = KL_MEETING (object);

  switch (prop_id)
    {
    case PROP_BODY: g_value_set_enum (value, self->body); break;
    case PROP_ORDINAL: g_value_set_uint (value, self->ordinal); break;
    case PROP_MEETING_TYPE: g_value_set_enum (value, self->meeting_type); break;
    case PROP_ORDINAL_TEXT:
    case PROP_DATE:
    case PROP_CHAIR:
    case PROP_TERM:
    case PROP_PLACE:
      g_value_set_string (value, self->strings[prop_id]);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_meeting_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlMeeting *self = KL_MEETING (object);

  switch (prop_id)
    {
    case PROP_BODY: kl_meeting_set_body (self, g_value_get_enum (value)); break;
    case PROP_ORDINAL: kl_meeting_set_ordinal (self, g_value_get_uint (value)); break;
    case PROP_MEETING_TYPE: kl_meeting_set_meeting_type (self, g_value_get_enum (value)); break;
    case PROP_ORDINAL_TEXT:
    case PROP_DATE:
    case PROP_CHAIR:
    case PROP_TERM:
    case PROP_PLACE:
      set_string (self, prop_id, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_meeting_class_init (KlMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kl_meeting_dispose;
  object_class->finalize = kl_meeting_finalize;
  object_class->get_property = kl_meeting_get_property;
  object_class->set_property = kl_meeting_set_property;

  properties[PROP_BODY] =
    g_param_spec_enum ("body", NULL, NULL, KL_TYPE_MEETING_BODY, KL_MEETING_BODY_BCH, flags);
  properties[PROP_ORDINAL] = g_param_spec_uint ("ordinal", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ORDINAL_TEXT] = g_param_spec_string ("ordinal-text", NULL, NULL, NULL, flags);
  properties[PROP_MEETING_TYPE] =
    g_param_spec_enum ("meeting-type", NULL, NULL, KL_TYPE_MEETING_TYPE, KL_MEETING_REGULAR, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_CHAIR] = g_param_spec_string ("chair", NULL, NULL, NULL, flags);
  properties[PROP_TERM] = g_param_spec_string ("term", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_meeting_init (KlMeeting *self)
{
  self->body = KL_MEETING_BODY_BCH;
  self->meeting_type = KL_MEETING_REGULAR;
  self->reports = g_list_store_new (KL_TYPE_REPORT);
}

KlMeeting *
kl_meeting_new (void)
{
  return g_object_new (KL_TYPE_MEETING, NULL);
}

KlMeetingBody
kl_meeting_get_body (KlMeeting *self)
{
  g_return_val_if_fail (KL_IS_MEETING (self), KL_MEETING_BODY_BCH);
  return self->body;
}

void
kl_meeting_set_body (KlMeeting *self, KlMeetingBody body)
{
  g_return_if_fail (KL_IS_MEETING (self));
  if (self->body == body)
    return;
  self->body = body;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

guint
kl_meeting_get_ordinal (KlMeeting *self)
{
  g_return_val_if_fail (KL_IS_MEETING (self), 0);
  return self->ordinal;
}

void
kl_meeting_set_ordinal (KlMeeting *self, guint ordinal)
{
  g_return_if_fail (KL_IS_MEETING (self));
  if (self->ordinal == ordinal)
    return;
  self->ordinal = ordinal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDINAL]);
}

KlMeetingType
kl_meeting_get_meeting_type (KlMeeting *self)
{
  g_return_val_if_fail (KL_IS_MEETING (self), KL_MEETING_REGULAR);
  return self->meeting_type;
}

void
kl_meeting_set_meeting_type (KlMeeting *self, KlMeetingType type)
{
  g_return_if_fail (KL_IS_MEETING (self));
  if (self->meeting_type == type)
    return;
  self->meeting_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING_TYPE]);
}

#define DEFINE_ACCESSORS(field, PROP)                                         \
const char *                                                                  \
kl_meeting_get_##field (KlMeeting *self)                                      \
{                                                                             \
  g_return_val_if_fail (KL_IS_MEETING (self), NULL);                          \
  return self->strings[PROP];                                                 \
}                                                                             \
                                                                              \
void                                                                          \
kl_meeting_set_##field (KlMeeting *self, const char *value)                  \
{                                                                             \
  g_return_if_fail (KL_IS_MEETING (self));                                    \
  set_string (self, PROP, value);                                             \
}

DEFINE_ACCESSORS (ordinal_text, PROP_ORDINAL_TEXT)
DEFINE_ACCESSORS (chair, PROP_CHAIR)
DEFINE_ACCESSORS (term, PROP_TERM)
DEFINE_ACCESSORS (place, PROP_PLACE)

const char *
kl_meeting_get_date (KlMeeting *self)
{
  g_return_val_if_fail (KL_IS_MEETING (self), NULL);
  return self->strings[PROP_DATE];
}

void
kl_meeting_set_date (KlMeeting *self, const char *iso_date)
{
  g_return_if_fail (KL_IS_MEETING (self));
  set_string (self, PROP_DATE, iso_date);
}

GListStore *
kl_meeting_get_reports (KlMeeting *self)
{
  g_return_val_if_fail (KL_IS_MEETING (self), NULL);
  return self->reports;
}

static const char *
body_name (KlMeetingBody body)
{
  switch (body)
    {
    case KL_MEETING_BODY_BTV: return "Ban Thường vụ";
    case KL_MEETING_BODY_TT: return "Thường trực";
    case KL_MEETING_BODY_BCH:
    default: return "Ban Chấp hành";
    }
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

char *
kl_meeting_dup_title (KlMeeting *self, const char *committee)
{
  GString *title;
  const char *ordinal_text;

  g_return_val_if_fail (KL_IS_MEETING (self), NULL);

  title = g_string_new ("Hội nghị");

  /* The words as the source wrote them win over the figure ("lần thứ Mười Bốn"); a
   * text that already carries "lần thứ" is not prefixed twice. */
  ordinal_text = self->strings[PROP_ORDINAL_TEXT];
  if (is_set (ordinal_text))
    {
      if (g_str_has_prefix (ordinal_text, "lần thứ ") || g_str_has_prefix (ordinal_text, "Lần thứ "))
        g_string_append_printf (title, " %s", ordinal_text);
      else
        g_string_append_printf (title, " lần thứ %s", ordinal_text);
    }
  else if (self->ordinal > 0)
    g_string_append_printf (title, " lần thứ %u", self->ordinal);

  g_string_append_printf (title, " %s", body_name (self->body));
  if (is_set (committee))
    g_string_append_printf (title, " %s", committee);
  if (is_set (self->strings[PROP_TERM]))
    g_string_append_printf (title, " khóa %s", self->strings[PROP_TERM]);
  if (self->meeting_type == KL_MEETING_EXTENDED)
    g_string_append (title, " (mở rộng)");

  return g_string_free (title, FALSE);
}
