/* kl-report.c: a report presented at a meeting, with its table of targets. */
#include "kl-report.h"

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PRESENTER,
  PROP_PERIOD,
  PROP_TEXT,
  PROP_PLAN_LABEL,
  PROP_ACTUAL_LABEL,
  PROP_NEXT_PLAN_LABEL,
  PROP_RATIO_LABEL,
  PROP_ANNEX_TITLE,
  PROP_ANNEX_SUBTITLE,
  PROP_ANNEX_NOTE,
  PROP_ANNEX_CHART,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

struct _KlReport
{
  GObject     parent_instance;
  /* All properties are strings: one array indexed by property id. */
  char       *values[N_PROPS];
  GListStore *targets;
  /* The targets we listen to, in store order. items-changed only says where items went
   * away, not which, so this mirror is what lets us disconnect from removed targets. */
  GPtrArray  *watched;
};

G_DEFINE_FINAL_TYPE (KlReport, kl_report, G_TYPE_OBJECT)

static void
emit_changed (KlReport *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_target_notify (KlTarget *target, GParamSpec *pspec, KlReport *self)
{
  emit_changed (self);
}

static void
unwatch_target (gpointer data, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, on_target_notify, user_data);
}

static void
on_targets_changed (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    KlReport   *self)
{
  for (guint i = 0; i < removed; i++)
    unwatch_target (g_ptr_array_index (self->watched, position + i), self);
  g_ptr_array_remove_range (self->watched, position, removed);

  for (guint i = 0; i < added; i++)
    {
      /* The array holds the reference, so no ownership transfer happens here. */
      KlTarget *target = g_list_model_get_item (model, position + i);

      g_signal_connect (target, "notify", G_CALLBACK (on_target_notify), self);
      g_ptr_array_insert (self->watched, position + i, target);
    }

  emit_changed (self);
}

static void
kl_report_dispose (GObject *object)
{
  KlReport *self = KL_REPORT (object);

  if (self->targets != NULL)
    g_signal_handlers_disconnect_by_func (self->targets, on_targets_changed, self);
  if (self->watched != NULL)
    g_ptr_array_foreach (self->watched, unwatch_target, self);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_object (&self->targets);
  G_OBJECT_CLASS (kl_report_parent_class)->dispose (object);
}

static void
kl_report_finalize (GObject *object)
{
  KlReport *self = KL_REPORT (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->values[i]);
  G_OBJECT_CLASS (kl_report_parent_class)->finalize (object);
}

static void
set_value (KlReport *self, guint prop_id, const char *value)
{
  if (g_strcmp0 (self->values[prop_id], value) == 0)
    return;
  g_free (self->values[prop_id]);
  self->values[prop_id] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static const char *const chart_kinds[] = { "achievement", "bullet", "summary", "trend", NULL };

const char * const *
kl_report_chart_kinds (void)
{
  return chart_kinds;
}

const char *
kl_report_chart_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; chart_kinds[i] != NULL; i++)
    if (g_str_equal (name, chart_kinds[i]))
      return chart_kinds[i];
  return NULL;
}

/* The annex chart is a name from chart_kinds or NULL: "" means none. */
static void
set_annex_chart (KlReport *self, const char *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  g_return_if_fail (value == NULL || kl_report_chart_kind_lookup (value) != NULL);
  set_value (self, PROP_ANNEX_CHART, value);
}

static void
kl_report_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlReport *self = KL_REPORT (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kl_report_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlReport *self = KL_REPORT (object);

  if (prop_id == PROP_ANNEX_CHART)
    set_annex_chart (self, g_value_get_string (value));
  else if (prop_id > PROP_0 && prop_id < N_PROPS)
    set_value (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Every notify of the report itself is a change. Connected "after" so that "changed"
 * comes after the property's own notify handlers (the class handler of notify runs first,
 * so overriding GObjectClass.notify would emit too early). */
static void
on_self_notify (KlReport *self, GParamSpec *pspec, gpointer user_data)
{
  emit_changed (self);
}

static void
kl_report_class_init (KlReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kl_report_dispose;
  object_class->finalize = kl_report_finalize;
  object_class->get_property = kl_report_get_property;
  object_class->set_property = kl_report_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_PRESENTER] = g_param_spec_string ("presenter", NULL, NULL, NULL, flags);
  properties[PROP_PERIOD] = g_param_spec_string ("period", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_PLAN_LABEL] = g_param_spec_string ("plan-label", NULL, NULL, NULL, flags);
  properties[PROP_ACTUAL_LABEL] = g_param_spec_string ("actual-label", NULL, NULL, NULL, flags);
  properties[PROP_NEXT_PLAN_LABEL] = g_param_spec_string ("next-plan-label", NULL, NULL, NULL, flags);
  properties[PROP_RATIO_LABEL] = g_param_spec_string ("ratio-label", NULL, NULL, NULL, flags);
  properties[PROP_ANNEX_TITLE] = g_param_spec_string ("annex-title", NULL, NULL, NULL, flags);
  properties[PROP_ANNEX_SUBTITLE] = g_param_spec_string ("annex-subtitle", NULL, NULL, NULL, flags);
  properties[PROP_ANNEX_NOTE] = g_param_spec_string ("annex-note", NULL, NULL, NULL, flags);
  properties[PROP_ANNEX_CHART] = g_param_spec_string ("annex-chart", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_report_init (KlReport *self)
{
  self->targets = g_list_store_new (KL_TYPE_TARGET);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (self->targets, "items-changed", G_CALLBACK (on_targets_changed), self);
  g_signal_connect_after (self, "notify", G_CALLBACK (on_self_notify), NULL);
}

KlReport *
kl_report_new (const char *title)
{
  return g_object_new (KL_TYPE_REPORT, "title", title, NULL);
}

/* Copies a target through its properties rather than field by field: KlTarget is another
 * module, and a property it gains later is then copied without touching this file.
 * KlValue objects are copied so that settling a value in one copy leaves the other as is;
 * read-only properties (ratio, status) are recomputed by the target itself. */
static KlTarget *
copy_target (KlTarget *target)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  GValue *values;
  guint n_pspecs, n = 0;
  GObject *copy;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n_pspecs);
  names = g_new0 (const char *, n_pspecs);
  values = g_new0 (GValue, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];

      if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;
      names[n] = pspec->name;
      g_value_init (&values[n], pspec->value_type);
      g_object_get_property (G_OBJECT (target), pspec->name, &values[n]);
      if (G_VALUE_HOLDS (&values[n], KL_TYPE_VALUE) && g_value_get_object (&values[n]) != NULL)
        g_value_take_object (&values[n], kl_value_copy (g_value_get_object (&values[n])));
      n++;
    }

  copy = g_object_new_with_properties (KL_TYPE_TARGET, n, names, values);
  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);
  g_free (values);
  return KL_TARGET (copy);
}

KlReport *
kl_report_copy (KlReport *self)
{
  KlReport *copy;

  g_return_val_if_fail (KL_IS_REPORT (self), NULL);

  copy = kl_report_new (NULL);
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    copy->values[i] = g_strdup (self->values[i]);
  for (guint i = 0; i < self->watched->len; i++)
    {
      g_autoptr(KlTarget) target = copy_target (g_ptr_array_index (self->watched, i));

      g_list_store_append (copy->targets, target);
    }
  return copy;
}

#define DEFINE_ACCESSORS(field, PROP)                                         \
const char *                                                                  \
kl_report_get_##field (KlReport *self)                                        \
{                                                                             \
  g_return_val_if_fail (KL_IS_REPORT (self), NULL);                           \
  return self->values[PROP];                                                  \
}                                                                             \
                                                                              \
void                                                                          \
kl_report_set_##field (KlReport *self, const char *value)                    \
{                                                                             \
  g_return_if_fail (KL_IS_REPORT (self));                                     \
  set_value (self, PROP, value);                                              \
}

DEFINE_ACCESSORS (title, PROP_TITLE)
DEFINE_ACCESSORS (presenter, PROP_PRESENTER)
DEFINE_ACCESSORS (period, PROP_PERIOD)
DEFINE_ACCESSORS (text, PROP_TEXT)
DEFINE_ACCESSORS (plan_label, PROP_PLAN_LABEL)
DEFINE_ACCESSORS (actual_label, PROP_ACTUAL_LABEL)
DEFINE_ACCESSORS (next_plan_label, PROP_NEXT_PLAN_LABEL)
DEFINE_ACCESSORS (ratio_label, PROP_RATIO_LABEL)
DEFINE_ACCESSORS (annex_title, PROP_ANNEX_TITLE)
DEFINE_ACCESSORS (annex_subtitle, PROP_ANNEX_SUBTITLE)
DEFINE_ACCESSORS (annex_note, PROP_ANNEX_NOTE)

const char *
kl_report_get_annex_chart (KlReport *self)
{
  g_return_val_if_fail (KL_IS_REPORT (self), NULL);
  return self->values[PROP_ANNEX_CHART];
}

void
kl_report_set_annex_chart (KlReport *self, const char *value)
{
  g_return_if_fail (KL_IS_REPORT (self));
  set_annex_chart (self, value);
}

GListStore *
kl_report_get_targets (KlReport *self)
{
  g_return_val_if_fail (KL_IS_REPORT (self), NULL);
  return self->targets;
}

guint
kl_report_get_n_targets (KlReport *self)
{
  guint n = 0;

  g_return_val_if_fail (KL_IS_REPORT (self), 0);

  /* The mirror array holds exactly the store's items, without a ref/unref per item. */
  for (guint i = 0; i < self->watched->len; i++)
    if (!kl_target_is_group (g_ptr_array_index (self->watched, i)))
      n++;
  return n;
}

/* A target counts in the total when it could be evaluated, or when a result was reported
 * for it even though it does not settle a status (an actual with no plan, or an ambiguous
 * one): leaving those out would overstate "X/Y chỉ tiêu đạt". A target with only a plan, or
 * with "-" as its actual, has no result yet and stays out, as "chưa có số liệu". */
void
kl_report_count (KlReport     *self,
                 KlTargetKind  kind,
                 guint        *met_out,
                 guint        *total_out)
{
  guint met = 0, total = 0;

  g_return_if_fail (KL_IS_REPORT (self));
  g_return_if_fail (kind == KL_TARGET_KIND_MAIN || kind == KL_TARGET_KIND_COMPONENT);

  for (guint i = 0; i < self->watched->len; i++)
    {
      KlTarget *target = g_ptr_array_index (self->watched, i);
      KlStatus status;

      if (kl_target_is_group (target) || kl_target_get_kind (target) != kind)
        continue;

      status = kl_target_get_status (target);
      if (status == KL_STATUS_MET || status == KL_STATUS_EXCEEDED)
        met++;
      if (status != KL_STATUS_NO_DATA || kl_value_has_number (kl_target_get_actual (target)))
        total++;
    }

  if (met_out != NULL)
    *met_out = met;
  if (total_out != NULL)
    *total_out = total;
}
