/* kl-task.c: one task assigned by a conclusion, with its deadline and follow-up state. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "kl-task.h"

G_DEFINE_ENUM_TYPE (KlTaskState, kl_task_state,
                    G_DEFINE_ENUM_VALUE (KL_TASK_STATE_OPEN, "open"),
                    G_DEFINE_ENUM_VALUE (KL_TASK_STATE_DONE, "done"))

enum {
  PROP_0,
  PROP_ID,
  PROP_DOCUMENT_ID,
  PROP_POSITION,
  PROP_LINE,
  PROP_BODY_LINE,
  PROP_STATE,
  /* string properties from here on, stored in strings[] */
  PROP_DOCUMENT_SYMBOL,
  PROP_TEXT,
  PROP_ASSIGNEE,
  PROP_DUE,
  PROP_DUE_TEXT,
  PROP_DONE_DATE,
  PROP_NOTE,
  N_PROPS
};

#define FIRST_STRING PROP_DOCUMENT_SYMBOL

struct _KlTask
{
  GObject      parent_instance;

  gint64       id;
  gint64       document_id;
  guint        position;
  guint        line;
  guint        body_line;
  KlTaskState  state;
  char        *strings[N_PROPS];
};

G_DEFINE_FINAL_TYPE (KlTask, kl_task, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
set_string (KlTask *self, guint prop, const char *value)
{
  /* An empty string reads as unset, so "no deadline" has one spelling. */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->strings[prop], value) == 0)
    return;
  g_free (self->strings[prop]);
  self->strings[prop] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
kl_task_finalize (GObject *object)
{
  KlTask *self = KL_TASK (object);

  for (guint i = FIRST_STRING; i < N_PROPS; i++)
    g_free (self->strings[i]);
  G_OBJECT_CLASS (kl_task_parent_class)->finalize (object);
}

static void
kl_task_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlTask *self = KL_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:          g_value_set_int64 (value, self->id); break;
    case PROP_DOCUMENT_ID: g_value_set_int64 (value, self->document_id); break;
    case PROP_POSITION:    g_value_set_uint (value, self->position); break;
    case PROP_LINE:        g_value_set_uint (value, self->line); break;
    case PROP_BODY_LINE:   g_value_set_uint (value, self->body_line); break;
    case PROP_STATE:       g_value_set_enum (value, self->state); break;
    default:
      if (prop_id >= FIRST_STRING && prop_id < N_PROPS)
        g_value_set_string (value, self->strings[prop_id]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_task_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlTask *self = KL_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:          kl_task_set_id (self, g_value_get_int64 (value)); break;
    case PROP_DOCUMENT_ID: kl_task_set_document_id (self, g_value_get_int64 (value)); break;
    case PROP_POSITION:    kl_task_set_position (self, g_value_get_uint (value)); break;
    case PROP_LINE:        kl_task_set_line (self, g_value_get_uint (value)); break;
    case PROP_BODY_LINE:   kl_task_set_body_line (self, g_value_get_uint (value)); break;
    case PROP_STATE:       kl_task_set_state (self, g_value_get_enum (value)); break;
    default:
      if (prop_id >= FIRST_STRING && prop_id < N_PROPS)
        set_string (self, prop_id, g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_task_class_init (KlTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char *string_names[] = {
    "document-symbol", "text", "assignee", "due", "due-text", "done-date", "note",
  };

  object_class->finalize = kl_task_finalize;
  object_class->get_property = kl_task_get_property;
  object_class->set_property = kl_task_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_int64 ("document-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_POSITION] = g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BODY_LINE] = g_param_spec_uint ("body-line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, KL_TYPE_TASK_STATE,
                                              KL_TASK_STATE_OPEN, flags);
  for (guint i = FIRST_STRING; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (string_names[i - FIRST_STRING], NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_task_init (KlTask *self)
{
  self->state = KL_TASK_STATE_OPEN;
}

KlTask *
kl_task_new (const char *text, const char *assignee)
{
  return g_object_new (KL_TYPE_TASK, "text", text, "assignee", assignee, NULL);
}

KlTask *
kl_task_copy (KlTask *self)
{
  KlTask *copy;

  g_return_val_if_fail (KL_IS_TASK (self), NULL);

  copy = g_object_new (KL_TYPE_TASK, NULL);
  copy->id = self->id;
  copy->document_id = self->document_id;
  copy->position = self->position;
  copy->line = self->line;
  copy->body_line = self->body_line;
  copy->state = self->state;
  for (guint i = FIRST_STRING; i < N_PROPS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  return copy;
}

#define INT_ACCESSORS(type, field, name, PROP)                        \
  type kl_task_get_##name (KlTask *self)                               \
  {                                                                    \
    g_return_val_if_fail (KL_IS_TASK (self), 0);                       \
    return self->field;                                                \
  }                                                                    \
  void kl_task_set_##name (KlTask *self, type value)                   \
  {                                                                    \
    g_return_if_fail (KL_IS_TASK (self));                              \
    if (self->field == value)                                          \
      return;                                                          \
    self->field = value;                                               \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
  }

INT_ACCESSORS (gint64, id, id, PROP_ID)
INT_ACCESSORS (gint64, document_id, document_id, PROP_DOCUMENT_ID)
INT_ACCESSORS (guint, position, position, PROP_POSITION)
INT_ACCESSORS (guint, line, line, PROP_LINE)
INT_ACCESSORS (guint, body_line, body_line, PROP_BODY_LINE)
INT_ACCESSORS (KlTaskState, state, state, PROP_STATE)

#define STRING_ACCESSORS(name, PROP)                                   \
  const char *kl_task_get_##name (KlTask *self)                        \
  {                                                                    \
    g_return_val_if_fail (KL_IS_TASK (self), NULL);                    \
    return self->strings[PROP];                                        \
  }                                                                    \
  void kl_task_set_##name (KlTask *self, const char *value)            \
  {                                                                    \
    g_return_if_fail (KL_IS_TASK (self));                              \
    set_string (self, PROP, value);                                    \
  }

STRING_ACCESSORS (document_symbol, PROP_DOCUMENT_SYMBOL)
STRING_ACCESSORS (text, PROP_TEXT)
STRING_ACCESSORS (assignee, PROP_ASSIGNEE)
STRING_ACCESSORS (due, PROP_DUE)
STRING_ACCESSORS (due_text, PROP_DUE_TEXT)
STRING_ACCESSORS (done_date, PROP_DONE_DATE)
STRING_ACCESSORS (note, PROP_NOTE)

gboolean
kl_task_get_due_gdate (KlTask *self, GDate *date_out)
{
  const char *due;

  g_return_val_if_fail (KL_IS_TASK (self), FALSE);
  g_return_val_if_fail (date_out != NULL, FALSE);

  due = self->strings[PROP_DUE];
  g_date_clear (date_out, 1);
  if (due == NULL)
    return FALSE;
  /* ISO dates are read by hand: g_date_set_parse() follows the locale. */
  {
    unsigned y = 0, m = 0, d = 0;
    if (sscanf (due, "%4u-%2u-%2u", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
      g_date_set_dmy (date_out, d, m, y);
    else
      g_date_clear (date_out, 1);
  }
  return g_date_valid (date_out);
}

void
kl_task_set_due_gdate (KlTask *self, const GDate *date)
{
  char iso[16];

  g_return_if_fail (KL_IS_TASK (self));

  if (date == NULL || !g_date_valid (date))
    {
      set_string (self, PROP_DUE, NULL);
      return;
    }
  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
  set_string (self, PROP_DUE, iso);
}

KlTaskStatus
kl_task_get_status (KlTask *self, const GDate *today)
{
  GDate due;
  GDate now;

  g_return_val_if_fail (KL_IS_TASK (self), KL_TASK_STATUS_OPEN);

  if (self->state == KL_TASK_STATE_DONE)
    return KL_TASK_STATUS_DONE;
  if (!kl_task_get_due_gdate (self, &due))
    return KL_TASK_STATUS_OPEN;
  if (today == NULL || !g_date_valid (today))
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }
  return g_date_compare (&due, today) < 0 ? KL_TASK_STATUS_OVERDUE : KL_TASK_STATUS_OPEN;
}

const char *
kl_task_status_to_string (KlTaskStatus status)
{
  switch (status)
    {
    case KL_TASK_STATUS_DONE:    return "done";
    case KL_TASK_STATUS_OVERDUE: return "overdue";
    case KL_TASK_STATUS_OPEN:
    default:                     return "open";
    }
}

char *
kl_task_dup_due_display (KlTask *self)
{
  GDate due;

  g_return_val_if_fail (KL_IS_TASK (self), NULL);

  if (!kl_task_get_due_gdate (self, &due))
    return g_strdup ("-");
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&due), g_date_get_month (&due),
                          g_date_get_year (&due));
}

/* Whether @text names @date with its day, month and year, in that order and with nothing
 * but separators between them: "trước ngày 25/12/2025", "ngày 5-1-2026", "ngày 25 tháng 12
 * năm 2025". "trước ngày 30/6" (no year) and "quý III/2024" do not. */
static gboolean
text_names_date (const char  *text,
                 const GDate *date)
{
  guint64 numbers[3] = { 0, 0, 0 };
  guint n = 0;
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          char *end = NULL;
          guint64 value = g_ascii_strtoull (p, &end, 10);

          numbers[0] = numbers[1];
          numbers[1] = numbers[2];
          numbers[2] = value;
          n++;
          if (n >= 3 && numbers[0] == g_date_get_day (date) && numbers[1] == g_date_get_month (date)
              && numbers[2] == g_date_get_year (date))
            return TRUE;
          p = end;
        }
      else
        p = g_utf8_next_char (p);
    }
  return FALSE;
}

char *
kl_task_dup_due_display_full (KlTask *self)
{
  g_autofree char *date = NULL;
  GDate due;

  g_return_val_if_fail (KL_IS_TASK (self), NULL);

  date = kl_task_dup_due_display (self);
  if (self->strings[PROP_DUE_TEXT] == NULL)
    return g_steal_pointer (&date);
  /* "25/12/2025 (trước ngày 25/12/2025)" would say the date twice. */
  if (kl_task_get_due_gdate (self, &due) && text_names_date (self->strings[PROP_DUE_TEXT], &due))
    return g_strdup (self->strings[PROP_DUE_TEXT]);
  return g_strdup_printf ("%s (%s)", date, self->strings[PROP_DUE_TEXT]);
}
