/* kl-preferences.c: edits the settings kept in the library's database (organization profile,
 * signers, recipient lists, page style, autosave delay); writes them a moment after a change. */
#include <glib/gi18n.h>
#include "kl-preferences.h"

#define SAVE_DELAY_MS 400

struct _KlPreferences
{
  AdwPreferencesWindow parent_instance;

  GtkWidget      *superior_row;
  GtkWidget      *org_name_row;
  GtkWidget      *abbreviation_row;
  GtkWidget      *place_row;
  GtkWidget      *committee_row;
  GtkWidget      *term_row;
  GtkWidget      *term_years_row;
  GtkWidget      *signers_group;
  GtkWidget      *add_signer_button;
  GtkWidget      *preset_row;
  GtkWidget      *preset_name_row;
  GtkWidget      *preset_view;
  GtkWidget      *save_preset_button;
  GtkWidget      *margins_row;
  GtkWidget      *page_number_row;
  GtkWidget      *font_row;
  GtkWidget      *autosave_spin;

  KlStore        *store;
  KlOrganization *organization;
  GListStore     *signers;
  GPtrArray      *signer_rows;
  guint           save_id;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (KlPreferences, kl_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const margin_presets[] = { "default", "older" };
static const char * const number_positions[] = { "top", "bottom", "none" };

void
kl_preferences_load_page_style (KlStore     *store,
                                KlPageStyle *style)
{
  g_autofree char *margins = NULL;
  g_autofree char *position = NULL;
  g_autofree char *font = NULL;

  g_return_if_fail (KL_IS_STORE (store));
  g_return_if_fail (style != NULL);

  kl_page_style_init_default (style);
  margins = kl_store_get_setting (store, "page.margins");
  if (margins != NULL)
    kl_page_style_apply_margins_preset (style, margins);
  position = kl_store_get_setting (store, "page.number_position");
  if (g_strcmp0 (position, "bottom") == 0)
    style->page_number_position = KL_PAGE_NUMBER_BOTTOM;
  else if (g_strcmp0 (position, "none") == 0)
    style->page_number_position = KL_PAGE_NUMBER_NONE;
  font = kl_store_get_setting (store, "page.font_family");
  if (font != NULL && *g_strstrip (font) != '\0')
    g_strlcpy (style->font_family, font, sizeof style->font_family);
}

static void
show_error (KlPreferences *self,
            const GError  *error)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (error != NULL ? error->message : _("Not saved")));
}

void
kl_preferences_save (KlPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *delay = NULL;
  guint margins, position;

  g_return_if_fail (KL_IS_PREFERENCES (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->store == NULL || kl_store_is_read_only (self->store))
    return;
  if (!kl_store_save_organization (self->store, self->organization, &error) ||
      !kl_store_save_signers (self->store, G_LIST_MODEL (self->signers), &error))
    {
      show_error (self, error);
      return;
    }
  margins = adw_combo_row_get_selected (ADW_COMBO_ROW (self->margins_row));
  position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->page_number_row));
  delay = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->autosave_spin)));
  if (!kl_store_set_setting (self->store, "page.margins", margin_presets[MIN (margins, 1)], &error) ||
      !kl_store_set_setting (self->store, "page.number_position", number_positions[MIN (position, 2)], &error) ||
      !kl_store_set_setting (self->store, "page.font_family", gtk_editable_get_text (GTK_EDITABLE (self->font_row)), &error) ||
      !kl_store_set_setting (self->store, "autosave.delay_ms", delay, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static gboolean
save_cb (gpointer data)
{
  KlPreferences *self = data;

  self->save_id = 0;
  kl_preferences_save (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (KlPreferences *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static gboolean
null_to_empty (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *s = g_value_get_string (from);
  g_value_set_string (to, s != NULL ? s : "");
  return TRUE;
}

static void
bind_text (gpointer    source,
           const char *prop,
           GtkWidget  *row)
{
  g_object_bind_property_full (source, prop, row, "text", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               null_to_empty, NULL, NULL, NULL);
}

/* --- signers ------------------------------------------------------------------------- */

static void rebuild_signers (KlPreferences *self);

static void
remove_signer_clicked (GtkButton     *button,
                       KlPreferences *self)
{
  KlSigner *signer = g_object_get_data (G_OBJECT (button), "signer");
  guint pos;

  if (g_list_store_find (self->signers, signer, &pos))
    g_list_store_remove (self->signers, pos);
  rebuild_signers (self);
  schedule_save (self);
}

static void
on_signer_notify (KlSigner      *signer,
                  GParamSpec    *pspec,
                  KlPreferences *self)
{
  schedule_save (self);
}

static void
rebuild_signers (KlPreferences *self)
{
  for (guint i = 0; i < self->signer_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->signers_group), g_ptr_array_index (self->signer_rows, i));
  g_ptr_array_set_size (self->signer_rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->signers)); i++)
    {
      g_autoptr(KlSigner) signer = g_list_model_get_item (G_LIST_MODEL (self->signers), i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *authority = adw_entry_row_new ();
      GtkWidget *position = adw_entry_row_new ();
      GtkWidget *name = adw_entry_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      g_object_bind_property_full (signer, "name", expander, "title", G_BINDING_SYNC_CREATE, null_to_empty, NULL, NULL, NULL);
      g_object_bind_property_full (signer, "position", expander, "subtitle", G_BINDING_SYNC_CREATE, null_to_empty, NULL, NULL, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (authority), _("Authority (T/M HUYỆN ỦY, K/T BÍ THƯ…)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (position), _("Position (BÍ THƯ, PHÓ BÍ THƯ…)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Full name"));
      bind_text (signer, "authority", authority);
      bind_text (signer, "position", position);
      bind_text (signer, "name", name);
      g_signal_connect_object (signer, "notify", G_CALLBACK (on_signer_notify), self, 0);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this signer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove this signer"), -1);
      g_object_set_data_full (G_OBJECT (remove), "signer", g_object_ref (signer), g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_signer_clicked), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), authority);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), position);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->signers_group), expander);
      g_ptr_array_add (self->signer_rows, expander);
    }
}

static void
add_signer_clicked (KlPreferences *self)
{
  g_autoptr(KlSigner) signer = kl_signer_new ("", "", _("New signer"));
  GtkWidget *last;

  g_list_store_append (self->signers, signer);
  rebuild_signers (self);
  last = g_ptr_array_index (self->signer_rows, self->signer_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (last), TRUE);
  schedule_save (self);
}

/* --- recipient lists ----------------------------------------------------------------- */

static void
load_presets (KlPreferences *self,
              const char    *select)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) presets = kl_store_list_recipient_presets (self->store, NULL);
  guint selected = 0;

  gtk_string_list_append (names, _("New list"));
  for (guint i = 0; presets != NULL && i < presets->len; i++)
    {
      gtk_string_list_append (names, g_ptr_array_index (presets, i));
      if (g_strcmp0 (select, g_ptr_array_index (presets, i)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->preset_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->preset_row), selected);
}

static void
on_preset_selected (KlPreferences *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->preset_row));
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (self->preset_row));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preset_view));

  if (model == NULL || i == GTK_INVALID_LIST_POSITION)
    return;
  if (i == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->preset_name_row), "");
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }
  {
    const char *name = gtk_string_list_get_string (GTK_STRING_LIST (model), i);
    g_auto(GStrv) lines = kl_store_load_recipient_preset (self->store, name, NULL);
    g_autofree char *text = lines != NULL ? g_strjoinv ("\n", lines) : g_strdup ("");

    gtk_editable_set_text (GTK_EDITABLE (self->preset_name_row), name);
    gtk_text_buffer_set_text (buffer, text, -1);
  }
}

static void
save_preset_clicked (KlPreferences *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preset_view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->preset_name_row)));
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) clean = NULL;
  g_autoptr(GError) error = NULL;

  g_strstrip (name);
  if (*name == '\0')
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Give the list a name first")));
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);
  clean = g_strv_builder_end (builder);
  if (!kl_store_save_recipient_preset (self->store, name, (const char * const *) clean, &error))
    {
      show_error (self, error);
      return;
    }
  load_presets (self, name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("List saved")));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* --- object -------------------------------------------------------------------------- */

static void
load (KlPreferences *self)
{
  g_autofree char *margins = kl_store_get_setting (self->store, "page.margins");
  g_autofree char *position = kl_store_get_setting (self->store, "page.number_position");
  g_autofree char *font = kl_store_get_setting (self->store, "page.font_family");
  g_autofree char *delay = kl_store_get_setting (self->store, "autosave.delay_ms");
  KlPageStyle style;

  self->loading = TRUE;
  self->organization = kl_store_load_organization (self->store, NULL);
  if (self->organization == NULL)
    self->organization = kl_organization_new ();
  bind_text (self->organization, "superior", self->superior_row);
  bind_text (self->organization, "name", self->org_name_row);
  bind_text (self->organization, "abbreviation", self->abbreviation_row);
  bind_text (self->organization, "place", self->place_row);
  bind_text (self->organization, "committee", self->committee_row);
  bind_text (self->organization, "term", self->term_row);
  bind_text (self->organization, "term-years", self->term_years_row);
  g_signal_connect_swapped (self->organization, "notify", G_CALLBACK (schedule_save), self);

  self->signers = kl_store_list_signers (self->store, NULL);
  if (self->signers == NULL)
    self->signers = g_list_store_new (KL_TYPE_SIGNER);
  rebuild_signers (self);

  load_presets (self, NULL);

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->margins_row), g_strcmp0 (margins, "older") == 0 ? 1 : 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->page_number_row),
                              g_strcmp0 (position, "bottom") == 0 ? 1 : g_strcmp0 (position, "none") == 0 ? 2 : 0);
  kl_page_style_init_default (&style);
  gtk_editable_set_text (GTK_EDITABLE (self->font_row), font != NULL && *font ? font : style.font_family);
  if (delay != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->autosave_spin), g_ascii_strtod (delay, NULL));
  self->loading = FALSE;
}

static gboolean
on_close_request (KlPreferences *self)
{
  if (self->save_id != 0)
    kl_preferences_save (self);
  return FALSE;
}

static void
kl_preferences_dispose (GObject *object)
{
  KlPreferences *self = KL_PREFERENCES (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->organization != NULL)
    g_signal_handlers_disconnect_by_data (self->organization, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PREFERENCES);
  g_clear_object (&self->organization);
  g_clear_object (&self->signers);
  g_clear_object (&self->store);
  g_clear_pointer (&self->signer_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kl_preferences_parent_class)->dispose (object);
}

static void
kl_preferences_class_init (KlPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_preferences_dispose;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-preferences.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KlPreferences, name)
  CHILD (superior_row);
  CHILD (org_name_row);
  CHILD (abbreviation_row);
  CHILD (place_row);
  CHILD (committee_row);
  CHILD (term_row);
  CHILD (term_years_row);
  CHILD (signers_group);
  CHILD (add_signer_button);
  CHILD (preset_row);
  CHILD (preset_name_row);
  CHILD (preset_view);
  CHILD (save_preset_button);
  CHILD (margins_row);
  CHILD (page_number_row);
  CHILD (font_row);
  CHILD (autosave_spin);
#undef CHILD
}

static void
kl_preferences_init (KlPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->signer_rows = g_ptr_array_new ();
}

GtkWidget *
kl_preferences_new (GtkWindow *parent,
                    KlStore   *store)
{
  KlPreferences *self;

  g_return_val_if_fail (KL_IS_STORE (store), NULL);

  self = g_object_new (KL_TYPE_PREFERENCES, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  load (self);
  g_signal_connect_swapped (self->add_signer_button, "clicked", G_CALLBACK (add_signer_clicked), self);
  g_signal_connect_swapped (self->preset_row, "notify::selected", G_CALLBACK (on_preset_selected), self);
  g_signal_connect_swapped (self->save_preset_button, "clicked", G_CALLBACK (save_preset_clicked), self);
  g_signal_connect_swapped (self->margins_row, "notify::selected", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->page_number_row, "notify::selected", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->font_row, "changed", G_CALLBACK (schedule_save), self);
  g_signal_connect_swapped (self->autosave_spin, "value-changed", G_CALLBACK (schedule_save), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  return GTK_WIDGET (self);
}
