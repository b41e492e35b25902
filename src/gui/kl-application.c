/* kl-application.c: opens the library, loads the example on first start or on --example (in
 * the running instance), opens the *.ketluan files it is given, owns the application actions
 * (preferences, about, load-example, quit) and their accelerators. */
#include "config.h"

#include <glib/gi18n.h>
#include "kl-application.h"
#include "kl-window.h"
#include "kl-preferences.h"

struct _KlApplication
{
  AdwApplication  parent_instance;

  KlStore        *store;
  GError         *store_error;
  gboolean        opened;
  gboolean        example;
};

G_DEFINE_FINAL_TYPE (KlApplication, kl_application, ADW_TYPE_APPLICATION)

static char *
example_path (void)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, "examples", "vi-thong-bao-ket-luan.txt", NULL);

  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&installed);
  return g_build_filename (SOURCE_DATADIR, "examples", "vi-thong-bao-ket-luan.txt", NULL);
}

gint64
kl_application_import_example (KlStore  *store,
                               GError  **error)
{
  g_autofree char *path = example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KlDocument) document = NULL;

  g_return_val_if_fail (KL_IS_STORE (store), 0);

  document = kl_importer_import_file (file, error);
  if (document == NULL)
    return 0;
  if (!kl_store_save_document (store, document, error))
    return 0;

  /* A library without a profile takes the example's issuer, so new documents start with a
   * complete heading; the user changes it in Preferences. */
  {
    g_autoptr(KlOrganization) org = kl_store_load_organization (store, NULL);

    if (org == NULL || kl_organization_get_name (org) == NULL || *kl_organization_get_name (org) == '\0')
      {
        g_autoptr(KlOrganization) from_example = kl_document_dup_organization (document);
        kl_store_save_organization (store, from_example, NULL);
      }
  }
  return kl_document_get_id (document);
}

KlStore *
kl_application_get_store (KlApplication *self)
{
  g_return_val_if_fail (KL_IS_APPLICATION (self), NULL);
  return self->store;
}

static void
open_store (KlApplication *self)
{
  g_autofree char *path = kl_store_default_path ();

  self->opened = TRUE;
  self->store = kl_store_open (path, &self->store_error);
  if (self->store != NULL && self->store_error == NULL)
    kl_store_backup_daily (self->store, 7, NULL);
}

static void
show_store_dialog (KlApplication *self,
                   KlWindow      *window)
{
  GtkWidget *dialog;
  const char *heading;

  if (self->store_error == NULL)
    return;
  if (self->store != NULL)
    heading = _("The Library Is Read-Only");
  else
    {
      heading = _("The Library Cannot Be Opened");
      kl_window_show_store_error (window, self->store_error);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, self->store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Imports the example into the library and shows it in @window's list; 0 when it could not
 * (the window says why). */
static gint64
load_example (KlApplication *self,
              KlWindow      *window)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL)
    return 0;
  id = kl_application_import_example (self->store, &error);
  if (id == 0)
    {
      g_autofree char *text = g_strdup_printf (_("The example could not be loaded: %s"), error->message);
      kl_window_toast (window, text);
      return 0;
    }
  kl_window_reload_library (window);
  return id;
}

/* Opens the example when asked for it (--example), or when the library is empty unless files
 * are about to be opened; otherwise the last document. */
static void
open_initial_document (KlApplication *self,
                       KlWindow      *window,
                       gboolean       opening_files)
{
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *last = NULL;
  gboolean empty;
  gint64 id = 0;

  if (self->store == NULL)
    return;
  docs = kl_store_list_documents (self->store, 1, NULL);
  empty = docs == NULL || docs->len == 0;
  if (self->example || (empty && !opening_files && !kl_store_is_read_only (self->store)))
    id = load_example (self, window);
  self->example = FALSE;
  if (id == 0)
    {
      last = kl_store_get_setting (self->store, "last_document");
      id = last != NULL ? g_ascii_strtoll (last, NULL, 10) : 0;
    }
  if (id != 0 && kl_window_open_document (window, id, NULL))
    return;
  g_clear_pointer (&docs, g_ptr_array_unref);
  docs = kl_store_list_documents (self->store, 1, NULL);
  if (docs != NULL && docs->len > 0)
    kl_window_open_document (window, ((KlDocumentInfo *) g_ptr_array_index (docs, 0))->id, NULL);
}

/* The main window, the last focused if there are several (preferences and about are not). */
static KlWindow *
main_window (KlApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KL_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Presents the main window, first opening the library and the window when there is none. */
static KlWindow *
present_window (KlApplication *self,
                gboolean       opening_files)
{
  KlWindow *window = main_window (self);

  if (window == NULL)
    {
      if (!self->opened)
        open_store (self);
      window = kl_window_new (GTK_APPLICATION (self), self->store);
      open_initial_document (self, window, opening_files);
      gtk_window_present (GTK_WINDOW (window));
      show_store_dialog (self, window);
      return window;
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
kl_application_activate (GApplication *app)
{
  present_window (KL_APPLICATION (app), FALSE);
}

/* `ketluan FILE.ketluan…`, in this instance or forwarded from a second one: each file becomes
 * a new draft in the library, and the last one read is shown. */
static void
kl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  KlApplication *self = KL_APPLICATION (app);
  KlWindow *window = present_window (self, TRUE);

  for (int i = 0; i < n_files && self->store != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!kl_window_import_json (window, files[i], &error))
        kl_window_toast (window, error->message);
    }
}

static void
on_preferences_changed (KlWindow *window)
{
  kl_window_reload_settings (window);
}

static void
action_preferences (GSimpleAction *action, GVariant *param, gpointer data)
{
  KlApplication *self = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs;

  if (self->store == NULL || !KL_IS_WINDOW (window))
    return;
  prefs = kl_preferences_new (window, self->store);
  g_signal_connect_object (prefs, "changed", G_CALLBACK (on_preferences_changed), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer data)
{
  KlApplication *self = data;
  const char *developers[] = { "Ketluan contributors", NULL };
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Ketluan"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APPLICATION_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("Ketluan contributors"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Draft meeting conclusion notices and reports with target tables, "
                                   "and export print-ready A4 PDFs for signing."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (about));
}

/* `ketluan --example` activates this in the running instance: a new copy of the example in the
 * library, selected and shown. */
static void
action_load_example (GSimpleAction *action, GVariant *param, gpointer data)
{
  KlApplication *self = data;
  KlWindow *window = main_window (self);
  gint64 id;

  if (window == NULL)
    {
      /* Still starting: the window imports the example as it opens. */
      self->example = TRUE;
      present_window (self, FALSE);
      return;
    }
  id = load_example (self, window);
  if (id != 0)
    kl_window_open_document (window, id, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));

  /* Closing through close-request lets each window save what was typed last. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "preferences", action_preferences },
  { "about", action_about },
  { "load-example", action_load_example },
  { "quit", action_quit },
};

static void
kl_application_startup (GApplication *app)
{
  struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-document::TB", { "<Control>n", NULL } },
    { "win.save-revision", { "<Control>s", NULL } },
    { "win.export-pdf", { "<Control>e", NULL } },
    { "win.print", { "<Control>p", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.history", { "<Control>h", NULL } },
    { "win.show-page::document", { "<Alt>1", NULL } },
    { "win.show-page::targets", { "<Alt>2", NULL } },
    { "win.show-page::check", { "<Alt>3", NULL } },
    { "win.show-page::tasks", { "<Alt>4", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (kl_application_parent_class)->startup (app);

  /* Running from the build tree: the application icon is only in the source data folder. */
  {
    g_autofree char *icons = g_build_filename (SOURCE_DATADIR, "icons", NULL);
    if (g_file_test (icons, G_FILE_TEST_IS_DIR))
      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()), icons);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static int
kl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("ketluan %s\n", PACKAGE_VERSION);
      return 0;
    }
  /* Only the instance that owns the name has the library: registering tells whether that is
   * this one, and the action runs there (forwarded over D-Bus when another instance runs).
   * The activation or file opening that follows then presents its window. */
  if (g_variant_dict_contains (options, "example"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_action_group_activate_action (G_ACTION_GROUP (app), "load-example", NULL);
    }
  return -1;
}

static void
kl_application_dispose (GObject *object)
{
  KlApplication *self = KL_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  G_OBJECT_CLASS (kl_application_parent_class)->dispose (object);
}

static void
kl_application_class_init (KlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = kl_application_dispose;
  app_class->activate = kl_application_activate;
  app_class->open = kl_application_open;
  app_class->startup = kl_application_startup;
  app_class->handle_local_options = kl_application_handle_local_options;
}

static void
kl_application_init (KlApplication *self)
{
  const GOptionEntry entries[] = {
    { "example", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Load the example conclusion notice into the library"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  /* The documents to open (G_APPLICATION_HANDLES_OPEN), shown in the usage line of --help. */
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     /* TRANSLATORS: the arguments in the usage
                                                      * line of "ketluan --help": files to open */
                                                     _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Draft meeting conclusion notices and reports, and export them as PDF."));
}

KlApplication *
kl_application_new (void)
{
  return g_object_new (KL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/ketluan/Ketluan",
                       NULL);
}
