/* kl-autosaver.c: saves a document a moment after typing stops, and keeps revisions. */
#include "config.h"

#include "kl-autosaver.h"
#include "kl-store-private.h"

/* Autosave revisions kept per document; explicit saves and issues are kept for good. */
#define AUTOSAVE_REVISIONS_KEPT 50
/* Longest wait between retries after a failed save (disk full, library locked…). */
#define MAX_RETRY_MS 30000

struct _KlAutosaver
{
  GObject     parent_instance;

  KlStore    *store;
  KlDocument *document;
  guint       delay_ms;
  guint       revision_interval_s;

  gulong      changed_id;
  guint       timeout_id;
  guint       retry_ms;
  gboolean    dirty;
  gboolean    saving;          /* our own save changes the document (its id): not a user edit */
  gint64      last_revision;   /* monotonic µs of the last revision kept, 0 = none yet */
};

G_DEFINE_FINAL_TYPE (KlAutosaver, kl_autosaver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_DELAY_MS,
  PROP_REVISION_INTERVAL,
  PROP_DIRTY,
  N_PROPS
};

enum {
  SIGNAL_SAVED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_dirty (KlAutosaver *self, gboolean dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
cancel_timeout (KlAutosaver *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

/* One transaction: the document, and a revision when one is due or asked for. */
static gboolean
save_now (KlAutosaver *self, const char *reason, GError **error)
{
  gint64 now = g_get_monotonic_time ();
  gboolean want_revision = reason != NULL;
  gboolean ok = FALSE;

  if (!want_revision
      && (self->last_revision == 0
          || now - self->last_revision >= (gint64) self->revision_interval_s * G_USEC_PER_SEC))
    {
      want_revision = TRUE;
      reason = "autosave";
    }

  self->saving = TRUE;
  if (kl_store_begin (self->store, error))
    {
      if (kl_store_save_document_internal (self->store, self->document, FALSE, error)
          && (!want_revision
              || (kl_store_add_revision (self->store, self->document, reason, error) > 0
                  && (g_strcmp0 (reason, "autosave") != 0
                      || kl_store_prune_revisions (self->store,
                                                   kl_document_get_id (self->document),
                                                   AUTOSAVE_REVISIONS_KEPT, error)))))
        ok = kl_store_commit (self->store, error);
      else
        kl_store_rollback (self->store);
    }
  self->saving = FALSE;

  if (!ok)
    return FALSE;
  if (want_revision)
    self->last_revision = now;
  self->retry_ms = 0;
  set_dirty (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  return TRUE;
}

static gboolean on_timeout (gpointer data);

static void
schedule (KlAutosaver *self, guint delay_ms)
{
  cancel_timeout (self);
  self->timeout_id = g_timeout_add (delay_ms, on_timeout, self);
}

static gboolean
on_timeout (gpointer data)
{
  KlAutosaver *self = data;
  g_autoptr(GError) error = NULL;

  self->timeout_id = 0;
  if (!self->dirty)
    return G_SOURCE_REMOVE;
  if (!save_now (self, NULL, &error))
    {
      /* The document stays dirty; try again later, less and less often. */
      self->retry_ms = CLAMP (self->retry_ms * 2, MAX (self->delay_ms, 500), MAX_RETRY_MS);
      if (!g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_ISSUED)
          && !g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY))
        schedule (self, self->retry_ms);
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
    }
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (KlDocument *document, KlAutosaver *self)
{
  if (self->saving)
    return;
  set_dirty (self, TRUE);
  /* Every change restarts the wait: a burst of typing becomes one save. */
  schedule (self, self->delay_ms);
}

static void
kl_autosaver_constructed (GObject *object)
{
  KlAutosaver *self = KL_AUTOSAVER (object);

  G_OBJECT_CLASS (kl_autosaver_parent_class)->constructed (object);

  g_return_if_fail (KL_IS_STORE (self->store));
  g_return_if_fail (KL_IS_DOCUMENT (self->document));
  self->changed_id = g_signal_connect (self->document, "changed",
                                       G_CALLBACK (on_document_changed), self);
}

static void
kl_autosaver_dispose (GObject *object)
{
  KlAutosaver *self = KL_AUTOSAVER (object);

  /* Nothing typed is lost when the editor goes away before the delay ran out. */
  if (self->dirty && self->store != NULL && self->document != NULL
      && kl_document_get_state (self->document) != KL_DOCUMENT_STATE_ISSUED
      && !kl_store_is_read_only (self->store))
    {
      g_autoptr(GError) error = NULL;

      cancel_timeout (self);
      if (!save_now (self, NULL, &error))
        g_warning ("Could not save the document before closing it: %s", error->message);
    }
  cancel_timeout (self);
  if (self->document != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kl_autosaver_parent_class)->dispose (object);
}

static void
kl_autosaver_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlAutosaver *self = KL_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_DELAY_MS:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_REVISION_INTERVAL:
      g_value_set_uint (value, self->revision_interval_s);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_autosaver_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlAutosaver *self = KL_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_DELAY_MS:
      self->delay_ms = g_value_get_uint (value);
      break;
    case PROP_REVISION_INTERVAL:
      self->revision_interval_s = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_autosaver_class_init (KlAutosaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kl_autosaver_constructed;
  object_class->dispose = kl_autosaver_dispose;
  object_class->get_property = kl_autosaver_get_property;
  object_class->set_property = kl_autosaver_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY_MS] =
    g_param_spec_uint ("delay-ms", NULL, NULL, 0, G_MAXUINT, 1000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION_INTERVAL] =
    g_param_spec_uint ("revision-interval", NULL, NULL, 0, G_MAXUINT, 300,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
kl_autosaver_init (KlAutosaver *self)
{
}

KlAutosaver *
kl_autosaver_new (KlStore    *store,
                  KlDocument *document,
                  guint       delay_ms,
                  guint       revision_interval_s)
{
  g_return_val_if_fail (KL_IS_STORE (store), NULL);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  return g_object_new (KL_TYPE_AUTOSAVER,
                       "store", store,
                       "document", document,
                       "delay-ms", delay_ms,
                       "revision-interval", revision_interval_s,
                       NULL);
}

gboolean
kl_autosaver_get_dirty (KlAutosaver *self)
{
  g_return_val_if_fail (KL_IS_AUTOSAVER (self), FALSE);
  return self->dirty;
}

gboolean
kl_autosaver_flush (KlAutosaver *self, GError **error)
{
  g_return_val_if_fail (KL_IS_AUTOSAVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->dirty)
    return TRUE;
  cancel_timeout (self);
  if (!save_now (self, NULL, error))
    {
      schedule (self, MAX (self->delay_ms, 500));
      return FALSE;
    }
  return TRUE;
}

gboolean
kl_autosaver_save_revision (KlAutosaver *self, const char *reason, GError **error)
{
  g_return_val_if_fail (KL_IS_AUTOSAVER (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cancel_timeout (self);
  return save_now (self, reason, error);
}
