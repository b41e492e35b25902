/* kl-warning.c: an immutable importer/check warning. */
#include "kl-warning.h"

#include "kl-core-error.h"

struct _KlWarning
{
  GObject parent_instance;
  guint   line;
  char   *field;
  char   *message;
};

G_DEFINE_FINAL_TYPE (KlWarning, kl_warning, G_TYPE_OBJECT)

enum { PROP_0, PROP_LINE, PROP_FIELD, PROP_MESSAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
kl_warning_finalize (GObject *object)
{
  KlWarning *self = KL_WARNING (object);

  g_free (self->field);
  g_free (self->message);
  G_OBJECT_CLASS (kl_warning_parent_class)->finalize (object);
}

static void
kl_warning_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlWarning *self = KL_WARNING (object);

  switch (prop_id)
    {
    case PROP_LINE: g_value_set_uint (value, self->line); break;
    case PROP_FIELD: g_value_set_string (value, self->field); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_warning_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlWarning *self = KL_WARNING (object);

  switch (prop_id)
    {
    case PROP_LINE: self->line = g_value_get_uint (value); break;
    case PROP_FIELD: self->field = g_value_dup_string (value); break;
    case PROP_MESSAGE: self->message = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_warning_class_init (KlWarningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_warning_finalize;
  object_class->get_property = kl_warning_get_property;
  object_class->set_property = kl_warning_set_property;

  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_warning_init (KlWarning *self)
{
}

KlWarning *
kl_warning_new (guint line, const char *field, const char *message)
{
  g_return_val_if_fail (message != NULL, NULL);

  return g_object_new (KL_TYPE_WARNING, "line", line, "field", field, "message", message, NULL);
}

guint
kl_warning_get_line (KlWarning *self)
{
  g_return_val_if_fail (KL_IS_WARNING (self), 0);
  return self->line;
}

const char *
kl_warning_get_field (KlWarning *self)
{
  g_return_val_if_fail (KL_IS_WARNING (self), NULL);
  return self->field;
}

const char *
kl_warning_get_message (KlWarning *self)
{
  g_return_val_if_fail (KL_IS_WARNING (self), NULL);
  return self->message;
}

KlWarning *
kl_warning_new_valist (guint line, const char *field, const char *format, va_list args)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  message = g_strdup_vprintf (format, args);
  if (line > 0)
    {
      g_autofree char *full = g_strdup_printf ("line %u: %s", line, message);
      return kl_warning_new (line, field, full);
    }
  return kl_warning_new (line, field, message);
}

const char *
kl_warning_get_text (KlWarning *self)
{
  guint line;

  g_return_val_if_fail (KL_IS_WARNING (self), NULL);
  return kl_core_message_split_line (self->message, &line);
}
