/* kl-organization.c: the issuing body's profile, seven plain strings. */
#include "kl-organization.h"

enum {
  PROP_0,
  PROP_SUPERIOR,
  PROP_NAME,
  PROP_ABBREVIATION,
  PROP_PLACE,
  PROP_COMMITTEE,
  PROP_TERM,
  PROP_TERM_YEARS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

struct _KlOrganization
{
  GObject parent_instance;
  /* Every property is a string, so they live in one array indexed by property id:
   * getters, setters, copy and finalize then need no per-field code. */
  char   *values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (KlOrganization, kl_organization, G_TYPE_OBJECT)

static void
kl_organization_finalize (GObject *object)
{
  KlOrganization *self = KL_ORGANIZATION (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->values[i]);
  G_OBJECT_CLASS (kl_organization_parent_class)->finalize (object);
}

static const char *
get_value (KlOrganization *self, guint prop_id)
{
  return self->values[prop_id];
}

static void
set_value (KlOrganization *self, guint prop_id, const char *value)
{
  if (g_strcmp0 (self->values[prop_id], value) == 0)
    return;
  g_free (self->values[prop_id]);
  self->values[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
kl_organization_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlOrganization *self = KL_ORGANIZATION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kl_organization_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlOrganization *self = KL_ORGANIZATION (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    set_value (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kl_organization_class_init (KlOrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kl_organization_finalize;
  object_class->get_property = kl_organization_get_property;
  object_class->set_property = kl_organization_set_property;

  properties[PROP_SUPERIOR] = g_param_spec_string ("superior", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ABBREVIATION] = g_param_spec_string ("abbreviation", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  properties[PROP_COMMITTEE] = g_param_spec_string ("committee", NULL, NULL, NULL, flags);
  properties[PROP_TERM] = g_param_spec_string ("term", NULL, NULL, NULL, flags);
  properties[PROP_TERM_YEARS] = g_param_spec_string ("term-years", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_organization_init (KlOrganization *self)
{
}

KlOrganization *
kl_organization_new (void)
{
  return g_object_new (KL_TYPE_ORGANIZATION, NULL);
}

KlOrganization *
kl_organization_copy (KlOrganization *self)
{
  KlOrganization *copy;

  g_return_val_if_fail (KL_IS_ORGANIZATION (self), NULL);

  copy = kl_organization_new ();
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    copy->values[i] = g_strdup (self->values[i]);
  return copy;
}

#define DEFINE_ACCESSORS(field, PROP)                                         \
const char *                                                                  \
kl_organization_get_##field (KlOrganization *self)                            \
{                                                                             \
  g_return_val_if_fail (KL_IS_ORGANIZATION (self), NULL);                     \
  return get_value (self, PROP);                                              \
}                                                                             \
                                                                              \
void                                                                          \
kl_organization_set_##field (KlOrganization *self, const char *value)        \
{                                                                             \
  g_return_if_fail (KL_IS_ORGANIZATION (self));                               \
  set_value (self, PROP, value);                                              \
}

DEFINE_ACCESSORS (superior, PROP_SUPERIOR)
DEFINE_ACCESSORS (name, PROP_NAME)
DEFINE_ACCESSORS (abbreviation, PROP_ABBREVIATION)
DEFINE_ACCESSORS (place, PROP_PLACE)
DEFINE_ACCESSORS (committee, PROP_COMMITTEE)
DEFINE_ACCESSORS (term, PROP_TERM)
DEFINE_ACCESSORS (term_years, PROP_TERM_YEARS)

const char *
kl_organization_committee_for_issuer (const char *issuer)
{
  static const struct { const char *prefix; const char *committee; } levels[] = {
    { "HUYỆN ỦY", "Đảng bộ huyện" },        { "TỈNH ỦY", "Đảng bộ tỉnh" },
    { "THÀNH ỦY", "Đảng bộ thành phố" },    { "THỊ ỦY", "Đảng bộ thị xã" },
    { "QUẬN ỦY", "Đảng bộ quận" },          { "ĐẢNG ỦY XÃ", "Đảng bộ xã" },
    { "ĐẢNG ỦY PHƯỜNG", "Đảng bộ phường" }, { "ĐẢNG ỦY THỊ TRẤN", "Đảng bộ thị trấn" },
    { "ĐẢNG ỦY ĐẶC KHU", "Đảng bộ đặc khu" },
  };

  if (issuer == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_has_prefix (issuer, levels[i].prefix))
      return levels[i].committee;
  return NULL;
}
