/* kl-target.c: one row of a target table and its evaluation (ratio, status, typed-status check).
 *
 * Evaluation, recomputed whenever an input changes (and when a KlValue of the row is settled):
 *   - no actual figure ("-", empty, text) or an ambiguous unsettled figure → NO_DATA (no guessing);
 *   - a status word typed as the actual ("Đạt", "Không đạt") → MET / NOT_MET (ratio NAN);
 *   - otherwise by the plan's qualifier: EXACT compares (more → exceeded, equal → met, less →
 *     not met; mirrored when lower is better); ">" / "≥" / "<" / "≤" are bounds the actual must
 *     respect (met, else not met); "Duy trì x" is met by ≥ x (≤ x when lower is better); a range
 *     is met inside, exceeded beyond its better end.
 *   - ratio = actual/plan (plan/actual when lower is better), against a range's lower bound.
 * The typed status (the source's "%" column) disagrees when a status word contradicts the
 * computed status, or a typed percentage is more than 0,5 point away from the computed one.
 * Explanations are translated (the check before signing shows them to users) and English
 * under the C locale.
 */
#include <glib/gi18n-lib.h>

#include "kl-target.h"
#include "kl-core-enums.h"
#include "kl-number.h"

#include <math.h>
#include <string.h>

#define PERCENT_TOLERANCE 0.5

struct _KlTarget
{
  GObject parent_instance;

  char        *code;
  char        *name;
  char        *unit;
  char        *group;
  KlTargetKind kind;
  KlDirection  direction;
  KlValue     *plan;
  KlValue     *actual;
  KlValue     *next_plan;
  char        *typed_status;
  guint        source_line;

  /* Computed. */
  double       ratio;
  KlStatus     status;
  gboolean     disagrees;
  char        *explanation;
};

G_DEFINE_FINAL_TYPE (KlTarget, kl_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_UNIT,
  PROP_GROUP,
  PROP_KIND,
  PROP_DIRECTION,
  PROP_PLAN,
  PROP_ACTUAL,
  PROP_NEXT_PLAN,
  PROP_TYPED_STATUS,
  PROP_SOURCE_LINE,
  PROP_RATIO,
  PROP_STATUS,
  PROP_DISAGREES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------------------------- */
/* Direction                                                                                */

/* A name that states the size of a reduction measures an achievement: more is better. */
static const char *const reduction_prefixes[] = {
  "giảm", "mức giảm", "tốc độ giảm", "số giảm", "tỷ lệ giảm", "tỉ lệ giảm", "phấn đấu giảm", NULL
};

/* Rates that should fall. Each carries the rule shown to the user. */
static const struct { const char *key; const char *rule; } lower_keys[] = {
  { "hộ nghèo", "name mentions 'hộ nghèo' (poverty rate): lower is better" },
  { "hộ cận nghèo", "name mentions 'hộ cận nghèo' (near-poverty rate): lower is better" },
  { "tái nghèo", "name mentions 'tái nghèo' (relapse into poverty): lower is better" },
  { "suy dinh dưỡng", "name mentions 'suy dinh dưỡng' (malnutrition): lower is better" },
  { "tăng dân số tự nhiên", "name mentions 'tăng dân số tự nhiên' (population growth): lower is better" },
  { "tăng ds tự nhiên", "name mentions 'tăng DS tự nhiên' (population growth): lower is better" },
  { "tỷ lệ sinh", "name mentions 'tỷ lệ sinh' (birth rate): lower is better" },
  { "tỉ lệ sinh", "name mentions 'tỉ lệ sinh' (birth rate): lower is better" },
  { "sinh con thứ 3", "name mentions 'sinh con thứ 3' (third births): lower is better" },
  { "sinh con thứ ba", "name mentions 'sinh con thứ ba' (third births): lower is better" },
  { "mất cân bằng giới tính", "name mentions 'mất cân bằng giới tính' (sex-ratio imbalance): lower is better" },
  { "thất nghiệp", "name mentions 'thất nghiệp' (unemployment): lower is better" },
  { "tai nạn", "name mentions 'tai nạn' (accidents): lower is better" },
  { "tội phạm", "name mentions 'tội phạm' (crime): lower is better" },
  { "tử vong", "name mentions 'tử vong' (deaths): lower is better" },
  { "bỏ học", "name mentions 'bỏ học' (school drop-out): lower is better" },
  { "tảo hôn", "name mentions 'tảo hôn' (child marriage): lower is better" },
  { "ô nhiễm", "name mentions 'ô nhiễm' (pollution): lower is better" },
};

static const char rule_set[] = "set on the target";
static const char rule_ceiling[] = "the plan is a ceiling ('<', 'dưới', '≤', 'không quá'): lower is better";
static const char rule_floor[] = "the plan is a floor ('>', 'trên', '≥'): higher is better";
static const char rule_reduction[] =
  "name states the size of a reduction ('Giảm …', 'Mức giảm …'): more is better";
static const char rule_default[] = "default: higher is better";

/* The name in lower case without list markers ("+ Mẫu giáo", "Trong đó: …"). */
static char *
normalised_name (const char *name)
{
  g_autofree char *nfc = NULL;
  char *low;
  char *p;

  nfc = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_NFC);
  low = g_utf8_strdown (nfc ? nfc : "", -1);
  p = low;
  if (g_str_has_prefix (p, "trong đó:"))
    p += strlen ("trong đó:");
  while (*p == ' ' || *p == '+' || *p == '-' || *p == '*' || *p == '\t')
    p++;
  memmove (low, p, strlen (p) + 1);
  return low;
}

KlDirection
kl_target_get_effective_direction (KlTarget    *self,
                                   const char **rule_out)
{
  g_autofree char *name = NULL;
  KlQualifier q;
  const char *rule = rule_default;
  KlDirection dir = KL_DIRECTION_HIGHER_BETTER;

  g_return_val_if_fail (KL_IS_TARGET (self), KL_DIRECTION_HIGHER_BETTER);

  if (self->direction != KL_DIRECTION_AUTO)
    {
      if (rule_out != NULL)
        *rule_out = rule_set;
      return self->direction;
    }

  /* Rule order: the plan's own qualifier, then a reduction named in the name, then rates
   * that should fall, then the default. */
  q = kl_value_get_qualifier (self->plan);
  name = normalised_name (self->name);
  if (q == KL_QUALIFIER_LT || q == KL_QUALIFIER_LE)
    {
      rule = rule_ceiling;
      dir = KL_DIRECTION_LOWER_BETTER;
    }
  else if (q == KL_QUALIFIER_GT || q == KL_QUALIFIER_GE)
    rule = rule_floor;
  else
    {
      gboolean found = FALSE;

      for (guint i = 0; reduction_prefixes[i] && !found; i++)
        {
          gsize n = strlen (reduction_prefixes[i]);

          if (strncmp (name, reduction_prefixes[i], n) == 0 && (name[n] == ' ' || name[n] == '\0'))
            {
              rule = rule_reduction;
              found = TRUE;
            }
        }
      for (guint i = 0; i < G_N_ELEMENTS (lower_keys) && !found; i++)
        if (strstr (name, lower_keys[i].key) != NULL)
          {
            rule = lower_keys[i].rule;
            dir = KL_DIRECTION_LOWER_BETTER;
            found = TRUE;
          }
    }

  if (rule_out != NULL)
    *rule_out = rule;
  return dir;
}

/* ---------------------------------------------------------------------------------------- */
/* Evaluation                                                                               */

static int
compare (double a,
         double b)
{
  if (fabs (a - b) <= 1e-9 * MAX (1.0, fabs (b)))
    return 0;
  return a < b ? -1 : 1;
}

static gboolean
usable_number (KlValue *v)
{
  return kl_value_has_number (v) && !kl_value_get_ambiguous (v);
}

static KlStatus
evaluate (KlTarget *self,
          double   *ratio_out)
{
  KlQualifier aq = kl_value_get_qualifier (self->actual);
  KlQualifier pq = kl_value_get_qualifier (self->plan);
  gboolean lower;
  double a, p, hi;

  *ratio_out = NAN;
  if (self->kind == KL_TARGET_KIND_GROUP)
    return KL_STATUS_NO_DATA;

  if (aq == KL_QUALIFIER_STATUS)
    {
      if (!kl_value_get_status_met (self->actual))
        return KL_STATUS_NOT_MET;
      /* "Vượt" says more than "Đạt". */
      {
        g_autofree char *low = g_utf8_strdown (kl_value_get_text (self->actual), -1);

        return strstr (low, "vượt") != NULL ? KL_STATUS_EXCEEDED : KL_STATUS_MET;
      }
    }
  if (!usable_number (self->actual) || !usable_number (self->plan))
    return KL_STATUS_NO_DATA;

  lower = kl_target_get_effective_direction (self, NULL) == KL_DIRECTION_LOWER_BETTER;
  a = kl_value_get_number (self->actual);
  p = kl_value_get_number (self->plan);
  hi = kl_value_get_number_max (self->plan);

  if (lower)
    *ratio_out = a != 0 ? p / a : NAN;
  else
    *ratio_out = p != 0 ? a / p : NAN;
  if (!isfinite (*ratio_out))
    *ratio_out = NAN;

  switch (pq)
    {
    case KL_QUALIFIER_GT:
      return compare (a, p) > 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
    case KL_QUALIFIER_GE:
      return compare (a, p) >= 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
    case KL_QUALIFIER_LT:
      return compare (a, p) < 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
    case KL_QUALIFIER_LE:
      return compare (a, p) <= 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
    case KL_QUALIFIER_MAINTAIN:
      if (lower)
        return compare (a, p) <= 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
      return compare (a, p) >= 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
    case KL_QUALIFIER_RANGE:
      if (compare (a, p) < 0)
        return lower ? KL_STATUS_EXCEEDED : KL_STATUS_NOT_MET;
      if (compare (a, hi) > 0)
        return lower ? KL_STATUS_NOT_MET : KL_STATUS_EXCEEDED;
      return KL_STATUS_MET;
    case KL_QUALIFIER_EXACT:
    default:
      {
        int c = compare (a, p);

        if (lower)
          c = -c;
        return c > 0 ? KL_STATUS_EXCEEDED : c == 0 ? KL_STATUS_MET : KL_STATUS_NOT_MET;
      }
    }
}

static gboolean
check_typed (KlTarget *self,
             KlStatus  status,
             double    ratio,
             char    **explanation)
{
  g_autoptr(KlValue) typed = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *plan = NULL;
  KlQualifier q;

  *explanation = NULL;
  if (self->typed_status == NULL || self->kind == KL_TARGET_KIND_GROUP)
    return FALSE;

  typed = kl_value_parse (self->typed_status, NULL);
  q = kl_value_get_qualifier (typed);
  actual = kl_value_format (self->actual);
  plan = kl_value_format (self->plan);

  if (q == KL_QUALIFIER_STATUS)
    {
      gboolean typed_met = kl_value_get_status_met (typed);
      gboolean met = status == KL_STATUS_MET || status == KL_STATUS_EXCEEDED;

      /* Without figures there is nothing to contradict. */
      if (status == KL_STATUS_NO_DATA || typed_met == met)
        return FALSE;
      if (typed_met)
        /* TRANSLATORS: the status typed in the table (Đạt), the actual figure, the plan */
        *explanation = g_strdup_printf (_("typed '%s' (met) but the figures say not met: actual %s "
                                          "against plan %s"), kl_value_get_text (typed), actual, plan);
      else
        /* TRANSLATORS: the status typed in the table (Không đạt), the actual figure, the plan */
        *explanation = g_strdup_printf (_("typed '%s' (not met) but the figures say met: actual %s "
                                          "against plan %s"), kl_value_get_text (typed), actual, plan);
      return TRUE;
    }

  if (q == KL_QUALIFIER_EXACT && usable_number (typed) && !isnan (ratio))
    {
      double t = kl_value_get_number (typed);
      double c = ratio * 100.0;
      g_autofree char *ts = NULL;
      g_autofree char *cs = NULL;

      if (fabs (t - c) <= PERCENT_TOLERANCE + 1e-6)
        return FALSE;
      /* The source column is "TH/KH": for a lower-is-better target it may hold actual/plan. */
      if (kl_target_get_effective_direction (self, NULL) == KL_DIRECTION_LOWER_BETTER &&
          kl_value_get_number (self->plan) != 0 &&
          fabs (t - 100.0 * kl_value_get_number (self->actual) / kl_value_get_number (self->plan)) <=
          PERCENT_TOLERANCE + 1e-6)
        return FALSE;
      ts = kl_number_format (t, 2);
      cs = kl_number_format_percent (ratio);
      /* TRANSLATORS: the percentage typed in the table, the one the figures give, the actual
       * figure and the plan */
      *explanation = g_strdup_printf (_("typed %s %% but the figures give %s %%: actual %s against "
                                        "plan %s"), ts, cs, actual, plan);
      return TRUE;
    }
  return FALSE;
}

static void
recompute (KlTarget *self)
{
  double ratio;
  KlStatus status;
  gboolean disagrees;
  char *explanation = NULL;

  status = evaluate (self, &ratio);
  disagrees = check_typed (self, status, ratio, &explanation);

  g_free (self->explanation);
  self->explanation = explanation;

  g_object_freeze_notify (G_OBJECT (self));
  if (!(isnan (ratio) && isnan (self->ratio)) && ratio != self->ratio)
    {
      self->ratio = ratio;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATIO]);
    }
  if (status != self->status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (disagrees != self->disagrees)
    {
      self->disagrees = disagrees;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISAGREES]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_value_notify (KlTarget   *self,
                 GParamSpec *pspec,
                 KlValue    *value)
{
  recompute (self);
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                  */

static void
replace_value (KlTarget  *self,
               KlValue  **slot,
               KlValue   *value,
               guint      prop,
               gboolean   watch)
{
  g_autoptr(KlValue) v = value ? g_object_ref (value) : kl_value_parse ("", NULL);

  if (*slot == value && value != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_clear_object (slot);
  *slot = g_steal_pointer (&v);
  if (watch)
    g_signal_connect_object (*slot, "notify", G_CALLBACK (on_value_notify), self, G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  recompute (self);
}

static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
kl_target_dispose (GObject *object)
{
  KlTarget *self = KL_TARGET (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->actual != NULL)
    g_signal_handlers_disconnect_by_data (self->actual, self);
  g_clear_object (&self->plan);
  g_clear_object (&self->actual);
  g_clear_object (&self->next_plan);

  G_OBJECT_CLASS (kl_target_parent_class)->dispose (object);
}

static void
kl_target_finalize (GObject *object)
{
  KlTarget *self = KL_TARGET (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->group);
  g_free (self->typed_status);
  g_free (self->explanation);

  G_OBJECT_CLASS (kl_target_parent_class)->finalize (object);
}

static void
kl_target_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlTarget *self = KL_TARGET (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_ACTUAL:
      g_value_set_object (value, self->actual);
      break;
    case PROP_NEXT_PLAN:
      g_value_set_object (value, self->next_plan);
      break;
    case PROP_TYPED_STATUS:
      g_value_set_string (value, self->typed_status);
      break;
    case PROP_SOURCE_LINE:
      g_value_set_uint (value, self->source_line);
      break;
    case PROP_RATIO:
      g_value_set_double (value, self->ratio);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DISAGREES:
      g_value_set_boolean (value, self->disagrees);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_target_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KlTarget *self = KL_TARGET (object);

  switch (prop_id)
    {
    case PROP_CODE:
      kl_target_set_code (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      kl_target_set_name (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      kl_target_set_unit (self, g_value_get_string (value));
      break;
    case PROP_GROUP:
      kl_target_set_group (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      kl_target_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_DIRECTION:
      kl_target_set_direction (self, g_value_get_enum (value));
      break;
    case PROP_PLAN:
      kl_target_set_plan (self, g_value_get_object (value));
      break;
    case PROP_ACTUAL:
      kl_target_set_actual (self, g_value_get_object (value));
      break;
    case PROP_NEXT_PLAN:
      kl_target_set_next_plan (self, g_value_get_object (value));
      break;
    case PROP_TYPED_STATUS:
      kl_target_set_typed_status (self, g_value_get_string (value));
      break;
    case PROP_SOURCE_LINE:
      kl_target_set_source_line (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_target_class_init (KlTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kl_target_dispose;
  object_class->finalize = kl_target_finalize;
  object_class->get_property = kl_target_get_property;
  object_class->set_property = kl_target_set_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, rw);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, rw);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KL_TYPE_TARGET_KIND,
                                             KL_TARGET_KIND_COMPONENT, rw);
  properties[PROP_DIRECTION] = g_param_spec_enum ("direction", NULL, NULL, KL_TYPE_DIRECTION,
                                                  KL_DIRECTION_AUTO, rw);
  properties[PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, KL_TYPE_VALUE, rw);
  properties[PROP_ACTUAL] = g_param_spec_object ("actual", NULL, NULL, KL_TYPE_VALUE, rw);
  properties[PROP_NEXT_PLAN] = g_param_spec_object ("next-plan", NULL, NULL, KL_TYPE_VALUE, rw);
  properties[PROP_TYPED_STATUS] = g_param_spec_string ("typed-status", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE_LINE] = g_param_spec_uint ("source-line", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_RATIO] = g_param_spec_double ("ratio", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, KL_TYPE_STATUS,
                                               KL_STATUS_NO_DATA, ro);
  properties[PROP_DISAGREES] = g_param_spec_boolean ("disagrees", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_target_init (KlTarget *self)
{
  self->ratio = NAN;
  self->status = KL_STATUS_NO_DATA;
  self->direction = KL_DIRECTION_AUTO;
  self->kind = KL_TARGET_KIND_COMPONENT;
  self->plan = kl_value_parse ("", NULL);
  self->actual = kl_value_parse ("", NULL);
  self->next_plan = kl_value_parse ("", NULL);
  g_signal_connect_object (self->plan, "notify", G_CALLBACK (on_value_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actual, "notify", G_CALLBACK (on_value_notify), self, G_CONNECT_SWAPPED);
}

/* ---------------------------------------------------------------------------------------- */
/* Public API                                                                               */

KlTarget *
kl_target_new (const char *code,
               const char *name,
               const char *unit)
{
  return g_object_new (KL_TYPE_TARGET, "code", code, "name", name, "unit", unit, NULL);
}

KlTarget *
kl_target_new_group (const char *code,
                     const char *name)
{
  return g_object_new (KL_TYPE_TARGET, "code", code, "name", name,
                       "kind", KL_TARGET_KIND_GROUP, NULL);
}

#define STRING_ACCESSORS(field, PROP, recompute_after)                                   \
  const char *                                                                           \
  kl_target_get_##field (KlTarget *self)                                                 \
  {                                                                                      \
    g_return_val_if_fail (KL_IS_TARGET (self), NULL);                                    \
    return self->field;                                                                  \
  }                                                                                      \
  void                                                                                   \
  kl_target_set_##field (KlTarget *self, const char *field)                              \
  {                                                                                      \
    g_return_if_fail (KL_IS_TARGET (self));                                              \
    if (!replace_string (&self->field, field))                                           \
      return;                                                                            \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                        \
    if (recompute_after)                                                                 \
      recompute (self);                                                                  \
  }

STRING_ACCESSORS (code, PROP_CODE, FALSE)
STRING_ACCESSORS (unit, PROP_UNIT, FALSE)
STRING_ACCESSORS (group, PROP_GROUP, FALSE)
/* The name may decide the direction, and the typed status is part of the evaluation. */
STRING_ACCESSORS (name, PROP_NAME, TRUE)
STRING_ACCESSORS (typed_status, PROP_TYPED_STATUS, TRUE)

#undef STRING_ACCESSORS

KlTargetKind
kl_target_get_kind (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), KL_TARGET_KIND_COMPONENT);
  return self->kind;
}

void
kl_target_set_kind (KlTarget     *self,
                    KlTargetKind  kind)
{
  g_return_if_fail (KL_IS_TARGET (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  recompute (self);
}

KlDirection
kl_target_get_direction (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), KL_DIRECTION_AUTO);
  return self->direction;
}

void
kl_target_set_direction (KlTarget    *self,
                         KlDirection  direction)
{
  g_return_if_fail (KL_IS_TARGET (self));

  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
  recompute (self);
}

KlValue *
kl_target_get_plan (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), NULL);
  return self->plan;
}

void
kl_target_set_plan (KlTarget *self,
                    KlValue  *value)
{
  g_return_if_fail (KL_IS_TARGET (self));
  g_return_if_fail (value == NULL || KL_IS_VALUE (value));
  replace_value (self, &self->plan, value, PROP_PLAN, TRUE);
}

KlValue *
kl_target_get_actual (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), NULL);
  return self->actual;
}

void
kl_target_set_actual (KlTarget *self,
                      KlValue  *value)
{
  g_return_if_fail (KL_IS_TARGET (self));
  g_return_if_fail (value == NULL || KL_IS_VALUE (value));
  replace_value (self, &self->actual, value, PROP_ACTUAL, TRUE);
}

KlValue *
kl_target_get_next_plan (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), NULL);
  return self->next_plan;
}

void
kl_target_set_next_plan (KlTarget *self,
                         KlValue  *value)
{
  g_return_if_fail (KL_IS_TARGET (self));
  g_return_if_fail (value == NULL || KL_IS_VALUE (value));
  /* Next year's plan takes no part in this year's evaluation. */
  replace_value (self, &self->next_plan, value, PROP_NEXT_PLAN, FALSE);
}

guint
kl_target_get_source_line (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), 0);
  return self->source_line;
}

void
kl_target_set_source_line (KlTarget *self,
                           guint     line)
{
  g_return_if_fail (KL_IS_TARGET (self));

  if (self->source_line == line)
    return;
  self->source_line = line;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_LINE]);
}

gboolean
kl_target_is_group (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), FALSE);
  return self->kind == KL_TARGET_KIND_GROUP;
}

/* Vietnamese as typed is precomposed: ASCII, Latin-1 to Latin Extended-B and Latin
 * Extended Additional (ạ ế ữ) with no combining mark is already NFC, and normalizing
 * it (the costly part of a key) changes nothing. */
static gboolean
precomposed_latin (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (ch >= 0x0250 && (ch < 0x1E00 || ch > 0x1EFF))
        return FALSE;
    }
  return TRUE;
}

char *
kl_target_name_match_key (const char *name)
{
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  nfc = precomposed_latin (name) ? g_strdup (name) : g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    nfc = g_strdup ("");
  folded = g_utf8_casefold (g_strstrip (nfc), -1);
  len = strlen (folded);

  while (len > 0 && (folded[len - 1] == '.' || folded[len - 1] == ' '))
    folded[--len] = '\0';
  return g_steal_pointer (&folded);
}

char *
kl_target_code_match_key (const char *code, const char *unit)
{
  if (code == NULL || *code == '\0')
    return NULL;
  return g_strconcat (code, "\x1f", unit != NULL ? unit : "", NULL);
}

double
kl_target_get_ratio (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), NAN);
  return self->ratio;
}

KlStatus
kl_target_get_status (KlTarget *self)
{
  g_return_val_if_fail (KL_IS_TARGET (self), KL_STATUS_NO_DATA);
  return self->status;
}

gboolean
kl_target_get_disagrees (KlTarget  *self,
                         char     **explanation_out)
{
  g_return_val_if_fail (KL_IS_TARGET (self), FALSE);

  if (explanation_out != NULL)
    *explanation_out = g_strdup (self->explanation);
  return self->disagrees;
}

static const struct { const char *name; const char *vi; } status_names[] = {
  [KL_STATUS_NO_DATA] = { "no-data", "Chưa có số liệu" },
  [KL_STATUS_NOT_MET] = { "not-met", "Không đạt" },
  [KL_STATUS_MET] = { "met", "Đạt" },
  [KL_STATUS_EXCEEDED] = { "exceeded", "Vượt" },
};

const char *
kl_status_to_string (KlStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status].name;
}

gboolean
kl_status_from_string (const char *name,
                       KlStatus   *out)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (name, status_names[i].name))
      {
        if (out != NULL)
          *out = (KlStatus) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kl_status_to_vietnamese (KlStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status].vi;
}
