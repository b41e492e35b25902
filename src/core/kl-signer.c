/* kl-signer.c: the signature block of a document (authority, position, full name). */
#include "kl-signer.h"

struct _KlSigner
{
  GObject parent_instance;
  char   *authority;
  char   *position;
  char   *name;
};

G_DEFINE_FINAL_TYPE (KlSigner, kl_signer, G_TYPE_OBJECT)

enum { PROP_0, PROP_AUTHORITY, PROP_POSITION, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
kl_signer_finalize (GObject *object)
{
  KlSigner *self = KL_SIGNER (object);

  g_free (self->authority);
  g_free (self->position);
  g_free (self->name);
  G_OBJECT_CLASS (kl_signer_parent_class)->finalize (object);
}

static void
kl_signer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlSigner *self = KL_SIGNER (object);

  switch (prop_id)
    {
    case PROP_AUTHORITY: g_value_set_string (value, self->authority); break;
    case PROP_POSITION: g_value_set_string (value, self->position); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_signer_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlSigner *self = KL_SIGNER (object);

  switch (prop_id)
    {
    case PROP_AUTHORITY: kl_signer_set_authority (self, g_value_get_string (value)); break;
    case PROP_POSITION: kl_signer_set_position (self, g_value_get_string (value)); break;
    case PROP_NAME: kl_signer_set_name (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_signer_class_init (KlSignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kl_signer_finalize;
  object_class->get_property = kl_signer_get_property;
  object_class->set_property = kl_signer_set_property;

  properties[PROP_AUTHORITY] = g_param_spec_string ("authority", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_string ("position", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_signer_init (KlSigner *self)
{
}

KlSigner *
kl_signer_new (const char *authority, const char *position, const char *name)
{
  return g_object_new (KL_TYPE_SIGNER,
                       "authority", authority,
                       "position", position,
                       "name", name,
                       NULL);
}

KlSigner *
kl_signer_copy (KlSigner *self)
{
  g_return_val_if_fail (KL_IS_SIGNER (self), NULL);

  return kl_signer_new (self->authority, self->position, self->name);
}

/* Replaces *field with a copy of @value; TRUE when it really changed, so the caller
 * notifies only then. */
static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
kl_signer_get_authority (KlSigner *self)
{
  g_return_val_if_fail (KL_IS_SIGNER (self), NULL);
  return self->authority;
}

void
kl_signer_set_authority (KlSigner *self, const char *authority)
{
  g_return_if_fail (KL_IS_SIGNER (self));
  if (set_string (&self->authority, authority))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORITY]);
}

const char *
kl_signer_get_position (KlSigner *self)
{
  g_return_val_if_fail (KL_IS_SIGNER (self), NULL);
  return self->position;
}

void
kl_signer_set_position (KlSigner *self, const char *position)
{
  g_return_if_fail (KL_IS_SIGNER (self));
  if (set_string (&self->position, position))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
kl_signer_get_name (KlSigner *self)
{
  g_return_val_if_fail (KL_IS_SIGNER (self), NULL);
  return self->name;
}

void
kl_signer_set_name (KlSigner *self, const char *name)
{
  g_return_if_fail (KL_IS_SIGNER (self));
  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}
