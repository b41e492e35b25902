/* kl-editor.c: binds the header fields, body, signature and recipients to a KlDocument.
 * Entries are bound with GBinding; the body and recipient buffers are written back to the
 * model when idle, so the model stays the only state. */
#include <glib/gi18n.h>
#include "kl-editor.h"
#include "kl-body-buffer.h"
#include "kl-embed-cards.h"

struct _KlEditor
{
  GtkBox          parent_instance;

  GtkWidget      *para_style;
  GtkWidget      *word_count;
  GtkWidget      *table_button;
  GtkWidget      *table_rows;
  GtkWidget      *table_columns;
  GtkWidget      *embed_button;
  GtkWidget      *embed_hint;
  GtkWidget      *embed_report_box;
  GtkWidget      *embed_report;
  GtkWidget      *embed_kinds;
  GtkWidget      *embed_buttons[KL_EMBED_N_KINDS];
  GtkWidget      *scroller;
  GtkWidget      *header_group;
  GtkWidget      *kind_row;
  GtkWidget      *number_row;
  GtkWidget      *number_spin;
  GtkWidget      *reserve_button;
  GtkWidget      *place_row;
  GtkWidget      *date_row;
  GtkWidget      *date_button;
  GtkWidget      *calendar;
  GtkWidget      *clear_date_button;
  GtkWidget      *issuer_row;
  GtkWidget      *superior_row;
  GtkWidget      *issuer_entry_row;
  GtkWidget      *abbreviation_row;
  GtkWidget      *secrecy_row;
  GtkWidget      *urgency_row;
  GtkWidget      *title_row;
  GtkWidget      *summary_view;
  GtkWidget      *body_view;
  GtkWidget      *body_overlay;
  GtkWidget      *signer_preset_row;
  GtkWidget      *authority_row;
  GtkWidget      *position_row;
  GtkWidget      *name_row;
  GtkWidget      *recipients_preset_row;
  GtkWidget      *recipients_view;

  KlStore        *store;
  KlOrganization *organization;
  KlDocument     *document;
  GPtrArray      *bindings;
  GListStore     *signers;
  gulong          body_notify_id;
  gulong          recipients_notify_id;
  gulong          summary_notify_id;
  gulong          changed_id;
  gulong          reports_id;
  guint           body_idle_id;
  guint           table_width_id;
  gboolean        syncing;
  gboolean        editable;
  gboolean        updating_para;
  gboolean        loading_presets;
};

G_DEFINE_FINAL_TYPE (KlEditor, kl_editor, GTK_TYPE_BOX)

enum { PROP_0, PROP_DOCUMENT, PROP_EDITABLE, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_MESSAGE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The kinds offered when creating or editing a document (FORMAT.md abbreviations). */
static const char * const kinds[] = { "TB", "KL", "BC", "NQ", "QĐ", "CT", "KH", "TTr", "CV", NULL };

static void
message (KlEditor   *self,
         const char *text)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
}

/* --- transforms for the bindings ----------------------------------------------------- */

static gboolean
null_to_empty (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *s = g_value_get_string (from);
  g_value_set_string (to, s != NULL ? s : "");
  return TRUE;
}

static gboolean
kind_to_index (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  const char *kind = g_value_get_string (from);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_kind (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  guint i = g_value_get_uint (from);

  if (i >= g_strv_length ((char **) kinds))
    return FALSE;
  g_value_set_string (to, kinds[i]);
  return TRUE;
}

static gboolean
enum_to_uint (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
uint_to_enum (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  guint v = g_value_get_uint (from);

  if (v == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, (int) v);
  return TRUE;
}

static gboolean
date_to_subtitle (GBinding *b, const GValue *from, GValue *to, gpointer data)
{
  KlEditor *self = data;
  const char *iso = g_value_get_string (from);
  GDate date;

  g_date_clear (&date, 1);
  if (self->document != NULL && kl_document_get_gdate (self->document, &date))
    {
      g_autofree char *text = kl_vn_date_format (kl_document_get_place (self->document), &date);
      g_value_set_string (to, text);
    }
  else if (iso == NULL && self->document != NULL && kl_document_get_date_text (self->document) != NULL)
    g_value_set_string (to, kl_document_get_date_text (self->document));
  else
    g_value_set_string (to, _("Blank, to fill in by hand"));
  return TRUE;
}

static void
bind (KlEditor      *self,
      gpointer       source,
      const char    *source_prop,
      gpointer       target,
      const char    *target_prop,
      GBindingFlags  flags,
      GBindingTransformFunc to,
      GBindingTransformFunc from)
{
  GBinding *binding = g_object_bind_property_full (source, source_prop, target, target_prop,
                                                   flags | G_BINDING_SYNC_CREATE, to, from, self, NULL);
  g_ptr_array_add (self->bindings, g_object_ref (binding));
}

static void
bind_text (KlEditor   *self,
           gpointer    source,
           const char *prop,
           GtkWidget  *row)
{
  bind (self, source, prop, row, "text", G_BINDING_BIDIRECTIONAL, null_to_empty, NULL);
}

/* --- body ---------------------------------------------------------------------------- */

static GtkTextBuffer *
body_buffer (KlEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
}

static void
update_word_count (KlEditor *self)
{
  guint words = kl_body_buffer_count_words (body_buffer (self));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);

  gtk_label_set_text (GTK_LABEL (self->word_count), text);
}

void
kl_editor_flush (KlEditor *self)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (KL_IS_EDITOR (self));

  g_clear_handle_id (&self->body_idle_id, g_source_remove);
  if (self->document == NULL)
    return;
  markup = kl_body_buffer_get_markup (body_buffer (self));
  if (g_strcmp0 (markup, kl_document_get_body (self->document)) != 0)
    {
      self->syncing = TRUE;
      kl_document_set_body (self->document, markup);
      self->syncing = FALSE;
    }
  update_word_count (self);
}

static gboolean
body_idle_cb (gpointer data)
{
  KlEditor *self = data;

  self->body_idle_id = 0;
  kl_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_body_buffer_changed (KlEditor *self)
{
  if (self->syncing || self->document == NULL)
    return;
  /* Ahead of the redraw (G_PRIORITY_HIGH_IDLE + 20): the preview's layout then runs in its
   * worker while GTK paints the keystroke, instead of starting after that frame. */
  if (self->body_idle_id == 0)
    self->body_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, body_idle_cb, self, NULL);
}

static void
on_document_body (KlEditor *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  kl_body_buffer_set_markup (body_buffer (self), kl_document_get_body (self->document));
  self->syncing = FALSE;
  update_word_count (self);
}

static void
update_para_style (KlEditor *self)
{
  self->updating_para = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->para_style), kl_body_buffer_get_para_style (body_buffer (self)));
  self->updating_para = FALSE;
}

static void
on_para_style_selected (KlEditor *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->para_style));

  if (self->updating_para || selected == GTK_INVALID_LIST_POSITION || !self->editable)
    return;
  kl_body_buffer_set_para_style (body_buffer (self), (KlParaStyle) selected);
  gtk_widget_grab_focus (self->body_view);
}

static void
on_mark_set (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             KlEditor      *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    update_para_style (self);
}

/* --- recipients ---------------------------------------------------------------------- */

static GtkTextBuffer *
recipients_buffer (KlEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->recipients_view));
}

static void
on_document_recipients (KlEditor *self)
{
  const char * const *lines = kl_document_get_recipients (self->document);
  g_autofree char *text = lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  gtk_text_buffer_get_bounds (recipients_buffer (self), &start, &end);
  current = gtk_text_iter_get_text (&start, &end);
  if (g_strcmp0 (current, text) == 0)
    return;
  self->syncing = TRUE;
  gtk_text_buffer_set_text (recipients_buffer (self), text, -1);
  self->syncing = FALSE;
}

static void
on_recipients_buffer_changed (KlEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->syncing || self->document == NULL)
    return;
  gtk_text_buffer_get_bounds (recipients_buffer (self), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);
  {
    g_auto(GStrv) clean = g_strv_builder_end (builder);
    self->syncing = TRUE;
    kl_document_set_recipients (self->document, (const char * const *) clean);
    self->syncing = FALSE;
  }
}

/* --- summary: may hold line breaks, so a small text view rather than an entry ----------- */

static GtkTextBuffer *
summary_buffer (KlEditor *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->summary_view));
}

static void
on_document_summary (KlEditor *self)
{
  const char *summary = kl_document_get_summary (self->document);
  GtkTextIter start, end;
  g_autofree char *current = NULL;

  gtk_text_buffer_get_bounds (summary_buffer (self), &start, &end);
  current = gtk_text_iter_get_text (&start, &end);
  if (g_strcmp0 (current, summary != NULL ? summary : "") == 0)
    return;
  self->syncing = TRUE;
  gtk_text_buffer_set_text (summary_buffer (self), summary != NULL ? summary : "", -1);
  self->syncing = FALSE;
}

static void
on_summary_buffer_changed (KlEditor *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->syncing || self->document == NULL)
    return;
  gtk_text_buffer_get_bounds (summary_buffer (self), &start, &end);
  text = gtk_text_iter_get_text (&start, &end);
  self->syncing = TRUE;
  kl_document_set_summary (self->document, text);
  self->syncing = FALSE;
}

/* --- presets ------------------------------------------------------------------------- */

static void
on_signer_preset (KlEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->signer_preset_row));
  g_autoptr(KlSigner) preset = NULL;
  KlSigner *signer;

  if (self->loading_presets || self->document == NULL || self->signers == NULL || i == 0 ||
      i == GTK_INVALID_LIST_POSITION)
    return;
  preset = g_list_model_get_item (G_LIST_MODEL (self->signers), i - 1);
  if (preset == NULL)
    return;
  /* Copy into the document's own signer so the bound rows follow. */
  signer = kl_document_get_signer (self->document);
  kl_signer_set_authority (signer, kl_signer_get_authority (preset));
  kl_signer_set_position (signer, kl_signer_get_position (preset));
  kl_signer_set_name (signer, kl_signer_get_name (preset));
}

static void
on_recipients_preset (KlEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->recipients_preset_row));
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (self->recipients_preset_row));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  if (self->loading_presets || self->document == NULL || self->store == NULL || i == 0 ||
      i == GTK_INVALID_LIST_POSITION || model == NULL)
    return;
  name = gtk_string_list_get_string (GTK_STRING_LIST (model), i);
  lines = kl_store_load_recipient_preset (self->store, name, &error);
  if (lines == NULL)
    {
      message (self, error != NULL ? error->message : _("The list could not be read"));
      return;
    }
  kl_document_set_recipients (self->document, (const char * const *) lines);
}

void
kl_editor_reload_presets (KlEditor *self)
{
  g_autoptr(GtkStringList) signer_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) preset_names = gtk_string_list_new (NULL);

  g_return_if_fail (KL_IS_EDITOR (self));

  self->loading_presets = TRUE;
  gtk_string_list_append (signer_names, _("Choose…"));
  gtk_string_list_append (preset_names, _("Choose…"));
  g_clear_object (&self->signers);
  if (self->store != NULL)
    {
      g_autoptr(GPtrArray) names = NULL;

      self->signers = kl_store_list_signers (self->store, NULL);
      for (guint i = 0; self->signers != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->signers)); i++)
        {
          g_autoptr(KlSigner) s = g_list_model_get_item (G_LIST_MODEL (self->signers), i);
          g_autofree char *label = g_strdup_printf ("%s — %s", kl_signer_get_name (s) ? kl_signer_get_name (s) : "",
                                                    kl_signer_get_position (s) ? kl_signer_get_position (s) : "");
          gtk_string_list_append (signer_names, label);
        }
      names = kl_store_list_recipient_presets (self->store, NULL);
      for (guint i = 0; names != NULL && i < names->len; i++)
        gtk_string_list_append (preset_names, g_ptr_array_index (names, i));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->signer_preset_row), G_LIST_MODEL (signer_names));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->recipients_preset_row), G_LIST_MODEL (preset_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->signer_preset_row), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->recipients_preset_row), 0);
  self->loading_presets = FALSE;
}

/* --- actions ------------------------------------------------------------------------- */

static void
action_bold (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  if (self->editable)
    kl_body_buffer_toggle_tag (body_buffer (self), "bold");
}

static void
action_undo (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  if (self->editable)
    kl_body_buffer_undo (body_buffer (self));
}

static void
action_redo (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  if (self->editable)
    kl_body_buffer_redo (body_buffer (self));
}

/* Undo covers formatting too, so its buttons follow both histories. */
static void
update_undo_actions (KlEditor *self)
{
  GtkTextBuffer *buffer = body_buffer (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", self->editable && kl_body_buffer_can_undo (buffer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", self->editable && kl_body_buffer_can_redo (buffer));
}

static void
action_italic (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  if (self->editable)
    kl_body_buffer_toggle_tag (body_buffer (self), "italic");
}

static void
action_item (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter iter, next;

  if (!self->editable)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_set_line_offset (&iter, 0);
  next = iter;
  gtk_text_iter_forward_chars (&next, 2);
  gtk_text_buffer_begin_user_action (buffer);
  {
    g_autofree char *prefix = gtk_text_iter_get_text (&iter, &next);
    if (g_str_equal (prefix, "- ") || g_str_equal (prefix, "+ "))
      gtk_text_buffer_delete (buffer, &iter, &next);   /* toggles the item off */
    else
      gtk_text_buffer_insert (buffer, &iter, "- ", -1);
  }
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (self->body_view);
}

static void
action_footnote (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);

  if (!self->editable)
    return;
  kl_body_buffer_insert_footnote (body_buffer (self));
  gtk_widget_grab_focus (self->body_view);
}

static void
action_insert_table (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  guint rows = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->table_rows));
  guint columns = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->table_columns));

  if (!self->editable)
    return;
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->table_button));
  kl_body_buffer_insert_table (body_buffer (self), MAX (rows, 1), MAX (columns, 2));
  gtk_widget_grab_focus (self->body_view);
}

/* --- target tables and charts ---------------------------------------------------------- */

/* Items of the Insert menu, in the order of KlEmbedKind. */
static const char * const embed_items[] = {
  N_("_Target Table"),
  N_("_Achievement Chart"),
  N_("_Bullet Charts"),
  N_("_Status Summary"),
  N_("T_rend Across Reports"),
};

static GListModel *
document_reports (KlEditor *self)
{
  return self->document != NULL ? G_LIST_MODEL (kl_document_get_reports (self->document)) : NULL;
}

/* The Insert menu follows the document's reports: none (the items off, saying why), one
 * (no question), several (a report to pick, by its title). */
static void
update_embed_menu (KlEditor *self)
{
  GListModel *reports = document_reports (self);
  guint n = reports != NULL ? g_list_model_get_n_items (reports) : 0;
  GListModel *old = gtk_drop_down_get_model (GTK_DROP_DOWN (self->embed_report));
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  gboolean same = old != NULL && g_list_model_get_n_items (old) == n;
  guint selected;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, i);
      const char *title = kl_report_get_title (report);
      g_autofree char *label = title != NULL && *title != '\0' ? g_strdup (title)
                                                               : g_strdup_printf (_("Report %u"), i + 1);

      gtk_string_list_append (titles, label);
      if (same && g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (old), i), label) != 0)
        same = FALSE;
    }
  if (!same)
    gtk_drop_down_set_model (GTK_DROP_DOWN (self->embed_report), G_LIST_MODEL (titles));
  gtk_widget_set_visible (self->embed_hint, n == 0);
  gtk_widget_set_visible (self->embed_report_box, n > 1);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->embed_report));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= n)
    selected = 0;
  for (guint k = 0; k < KL_EMBED_N_KINDS; k++)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->embed_buttons[k]), "(su)",
                                        kl_embed_kind_to_string (k), selected + 1);
      gtk_widget_set_tooltip_text (self->embed_buttons[k],
                                   n == 0 ? _("Add a target table to the document first") : NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.insert-embed", self->editable && n > 0);
}

static void
action_insert_embed (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  const char *kind_name;
  guint report;

  if (!self->editable || self->document == NULL)
    return;
  g_variant_get (param, "(&su)", &kind_name, &report);
  for (guint k = 0; k < KL_EMBED_N_KINDS; k++)
    if (g_str_equal (kind_name, kl_embed_kind_to_string (k)) && report >= 1)
      {
        gtk_menu_button_popdown (GTK_MENU_BUTTON (self->embed_button));
        kl_body_buffer_insert_embed (body_buffer (self), k, report);
        gtk_widget_grab_focus (self->body_view);
        return;
      }
}

/* Tab and Shift+Tab move between the cells of a table, Enter adds a row; elsewhere they do
 * what they did. */
static gboolean
on_body_tab (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  KlEditor *self = KL_EDITOR (user_data);

  if (!self->editable)
    return FALSE;
  return kl_body_buffer_next_cell (body_buffer (self), g_variant_get_boolean (args));
}

static gboolean
on_body_return (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  KlEditor *self = KL_EDITOR (user_data);

  return self->editable && kl_body_buffer_table_newline (body_buffer (self));
}

static gboolean
on_body_backspace (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  KlEditor *self = KL_EDITOR (user_data);

  return self->editable && kl_body_buffer_backspace (body_buffer (self));
}

static gboolean
table_width_idle (gpointer data)
{
  KlEditor *self = data;
  int width = gtk_widget_get_width (self->body_view)
              - gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self->body_view))
              - gtk_text_view_get_right_margin (GTK_TEXT_VIEW (self->body_view));

  self->table_width_id = 0;
  kl_body_buffer_set_table_metrics (body_buffer (self), gtk_widget_get_pango_context (self->body_view),
                                    MAX (width, 0));
  return G_SOURCE_REMOVE;
}

/* Tables narrow their widest columns to the body's width: measure again once the body has
 * its new size (the viewport sets the page size before it allocates the body). */
static void
on_body_width_changed (KlEditor *self)
{
  if (self->table_width_id == 0)
    self->table_width_id = g_idle_add (table_width_idle, self);
}

static void
action_reserve_number (GtkWidget *widget, const char *name, GVariant *param)
{
  KlEditor *self = KL_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  guint number;

  if (self->document == NULL || self->store == NULL || !self->editable)
    return;
  if (kl_document_get_number (self->document) != 0)
    {
      message (self, _("This document already has a number"));
      return;
    }
  if (kl_document_get_id (self->document) == 0 &&
      !kl_store_save_document (self->store, self->document, &error))
    {
      message (self, error->message);
      return;
    }
  number = kl_store_reserve_number (self->store,
                                    kl_document_get_kind (self->document),
                                    kl_document_get_issuer_abbreviation (self->document),
                                    self->organization ? kl_organization_get_term (self->organization) : NULL,
                                    kl_document_get_id (self->document), &error);
  if (number == 0)
    {
      message (self, error != NULL ? error->message : _("No number could be reserved"));
      return;
    }
  kl_document_set_number (self->document, number);
}

static void
on_day_selected (KlEditor *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));
  g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%d");

  if (self->document == NULL || self->syncing || !self->editable)
    return;
  kl_document_set_date (self->document, iso);
  kl_document_set_date_text (self->document, NULL);
}

static void
on_clear_date (KlEditor *self)
{
  if (self->document == NULL || !self->editable)
    return;
  kl_document_set_date (self->document, NULL);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->date_button));
}

static void
sync_calendar (KlEditor *self)
{
  GDate date;

  g_date_clear (&date, 1);
  if (self->document == NULL || !kl_document_get_gdate (self->document, &date))
    return;
  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                     g_date_get_day (&date), 0, 0, 0);
    self->syncing = TRUE;
    gtk_calendar_select_day (GTK_CALENDAR (self->calendar), dt);
    self->syncing = FALSE;
  }
}

static void
on_document_changed (KlEditor *self)
{
  g_autofree char *symbol = kl_document_dup_symbol (self->document);
  g_autofree char *subtitle = g_strdup_printf ("Số %s", symbol);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->number_row), subtitle);
  /* A report's title may have changed: the cards and the Insert menu name reports by it. */
  update_embed_menu (self);
  kl_embed_cards_set_reports (GTK_TEXT_VIEW (self->body_view), document_reports (self));
}

static void
on_kind_selected (KlEditor *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  const char *title;

  if (self->document == NULL || i >= g_strv_length ((char **) kinds))
    return;
  /* Follow the type name unless the user typed a different one. */
  title = kl_document_get_title (self->document);
  for (guint k = 0; kinds[k] != NULL; k++)
    if (title == NULL || *title == '\0' || g_strcmp0 (title, kl_document_kind_title (kinds[k])) == 0)
      {
        if (kl_document_kind_title (kinds[i]) != NULL)
          kl_document_set_title (self->document, kl_document_kind_title (kinds[i]));
        break;
      }
}

/* --- document ------------------------------------------------------------------------ */

static void
disconnect_document (KlEditor *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->body_notify_id, self->document);
      g_clear_signal_handler (&self->recipients_notify_id, self->document);
      g_clear_signal_handler (&self->summary_notify_id, self->document);
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->reports_id, kl_document_get_reports (self->document));
    }
  g_clear_handle_id (&self->body_idle_id, g_source_remove);
}

void
kl_editor_set_document (KlEditor   *self,
                        KlDocument *document)
{
  KlSigner *signer;

  g_return_if_fail (KL_IS_EDITOR (self));
  g_return_if_fail (document == NULL || KL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    kl_editor_flush (self);
  disconnect_document (self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      bind (self, document, "kind", self->kind_row, "selected", G_BINDING_BIDIRECTIONAL, kind_to_index, index_to_kind);
      bind (self, document, "number", self->number_spin, "value", G_BINDING_BIDIRECTIONAL, NULL, NULL);
      bind_text (self, document, "place", self->place_row);
      bind (self, document, "date", self->date_row, "subtitle", G_BINDING_DEFAULT, date_to_subtitle, NULL);
      bind_text (self, document, "superior", self->superior_row);
      bind_text (self, document, "issuer", self->issuer_entry_row);
      bind_text (self, document, "issuer-abbreviation", self->abbreviation_row);
      bind (self, document, "secrecy", self->secrecy_row, "selected", G_BINDING_BIDIRECTIONAL, enum_to_uint, uint_to_enum);
      bind (self, document, "urgency", self->urgency_row, "selected", G_BINDING_BIDIRECTIONAL, enum_to_uint, uint_to_enum);
      bind_text (self, document, "title", self->title_row);
      signer = kl_document_get_signer (document);
      bind_text (self, signer, "authority", self->authority_row);
      bind_text (self, signer, "position", self->position_row);
      bind_text (self, signer, "name", self->name_row);

      self->body_notify_id = g_signal_connect_swapped (document, "notify::body", G_CALLBACK (on_document_body), self);
      self->recipients_notify_id = g_signal_connect_swapped (document, "notify::recipients",
                                                             G_CALLBACK (on_document_recipients), self);
      self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
      self->reports_id = g_signal_connect_swapped (kl_document_get_reports (document), "items-changed",
                                                   G_CALLBACK (update_embed_menu), self);
      on_document_body (self);
      self->summary_notify_id = g_signal_connect_swapped (document, "notify::summary",
                                                          G_CALLBACK (on_document_summary), self);
      on_document_recipients (self);
      on_document_summary (self);
      on_document_changed (self);
      sync_calendar (self);
      gtk_text_buffer_set_enable_undo (body_buffer (self), TRUE);
    }
  kl_embed_cards_set_reports (GTK_TEXT_VIEW (self->body_view), document_reports (self));
  update_embed_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlDocument *
kl_editor_get_document (KlEditor *self)
{
  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);
  return self->document;
}

void
kl_editor_set_editable (KlEditor *self,
                        gboolean  editable)
{
  g_return_if_fail (KL_IS_EDITOR (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

gboolean
kl_editor_get_editable (KlEditor *self)
{
  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);
  return self->editable;
}

void
kl_editor_set_store (KlEditor *self,
                     KlStore  *store)
{
  g_return_if_fail (KL_IS_EDITOR (self));
  g_set_object (&self->store, store);
  kl_editor_reload_presets (self);
}

void
kl_editor_set_organization (KlEditor       *self,
                            KlOrganization *org)
{
  g_return_if_fail (KL_IS_EDITOR (self));
  g_set_object (&self->organization, org);
}

GtkTextBuffer *
kl_editor_get_body_buffer (KlEditor *self)
{
  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);
  return body_buffer (self);
}

/* The buffer line showing line @line (1-based) of the body markup. The buffer shows a block
 * a line (a table a row a line), without the blank lines between blocks, so the markup line
 * is first turned into the index of the block holding it. */
static int
buffer_line_of_body_line (KlEditor *self,
                          guint     line)
{
  GtkTextBuffer *buffer = body_buffer (self);
  g_autoptr(KlMarkup) markup = NULL;
  guint block = 0;
  int low = 0, high;

  if (self->document == NULL || kl_document_get_body (self->document) == NULL)
    return line > 0 ? (int) line - 1 : 0;
  markup = kl_markup_parse (kl_document_get_body (self->document));
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      if (((KlBlock *) markup->blocks->pdata[i])->line > line)
        break;
      block = i;
    }
  /* Block indices grow with the lines: the first line of @block. */
  high = gtk_text_buffer_get_line_count (buffer) - 1;
  while (low < high)
    {
      int mid = low + (high - low) / 2;
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, mid);
      if (kl_body_buffer_get_block_at (buffer, &iter) < block)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/* Finds @text between @start and @limit (NULL: the end), as written or else in another
 * case ("Giao" starting a sentence kept as "giao"). */
static gboolean
find_text (const GtkTextIter *start,
           const GtkTextIter *limit,
           const char        *text,
           GtkTextIter       *match_start,
           GtkTextIter       *match_end)
{
  return gtk_text_iter_forward_search (start, text, GTK_TEXT_SEARCH_TEXT_ONLY, match_start, match_end, limit)
         || gtk_text_iter_forward_search (start, text, GTK_TEXT_SEARCH_TEXT_ONLY | GTK_TEXT_SEARCH_CASE_INSENSITIVE,
                                          match_start, match_end, limit);
}

gboolean
kl_editor_go_to_text (KlEditor   *self,
                      guint       line,
                      const char *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter, end, match_start, match_end;
  gboolean found = FALSE;

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);

  buffer = body_buffer (self);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, buffer_line_of_body_line (self, line));
  if (text != NULL && *text != '\0')
    {
      guint block = kl_body_buffer_get_block_at (buffer, &iter);
      GtkTextIter next;

      /* To the end of the block's last line: a table shows a row a line. */
      end = iter;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      next = end;
      while (gtk_text_iter_forward_line (&next) && kl_body_buffer_get_block_at (buffer, &next) == block)
        {
          end = next;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
        }
      found = find_text (&iter, &end, text, &match_start, &match_end);
      /* Edited since the line was kept: the sentence may now be in another paragraph. */
      if (!found)
        {
          gtk_text_buffer_get_start_iter (buffer, &end);
          found = find_text (&end, NULL, text, &match_start, &match_end);
        }
    }
  /* The cursor at the start of the sentence, which the view scrolls to. */
  if (found)
    gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  else
    gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (self->body_view);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer),
                                0.1, FALSE, 0, 0);
  return found;
}

void
kl_editor_go_to (KlEditor   *self,
                 const char *field)
{
  GtkWidget *target = NULL;

  g_return_if_fail (KL_IS_EDITOR (self));

  if (field == NULL)
    return;
  if (g_str_has_prefix (field, "body:"))
    {
      /* A line of the body markup, counted from 1 (KlBlock.line). */
      kl_editor_go_to_text (self, (guint) g_ascii_strtoull (field + 5, NULL, 10), NULL);
      return;
    }
  if (g_str_has_prefix (field, "summary"))
    target = self->summary_view;
  else if (g_str_has_prefix (field, "title"))
    target = self->title_row;
  else if (g_str_has_prefix (field, "place") || g_str_has_prefix (field, "date"))
    target = g_str_has_prefix (field, "place") ? self->place_row : self->date_button;
  else if (g_str_has_prefix (field, "symbol") || g_str_has_prefix (field, "number"))
    target = self->number_spin;
  else if (g_str_has_prefix (field, "issuer") || g_str_has_prefix (field, "superior"))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->issuer_row), TRUE);
      target = g_str_has_prefix (field, "superior") ? self->superior_row : self->issuer_entry_row;
    }
  else if (g_str_has_prefix (field, "signer.position"))
    target = self->position_row;
  else if (g_str_has_prefix (field, "signer.name"))
    target = self->name_row;
  else if (g_str_has_prefix (field, "signer"))
    target = self->authority_row;
  else if (g_str_has_prefix (field, "recipients"))
    target = self->recipients_view;
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* @markup shown in a scratch buffer sharing the body's tags: the text and tags to insert. */
static GtkTextBuffer *
markup_to_buffer (KlEditor   *self,
                  const char *markup)
{
  GtkTextBuffer *scratch = gtk_text_buffer_new (gtk_text_buffer_get_tag_table (body_buffer (self)));
  GtkTextIter end, before;

  kl_body_buffer_set_markup (scratch, markup);
  /* The last paragraph's line break would split the paragraph after the cursor. */
  gtk_text_buffer_get_end_iter (scratch, &end);
  before = end;
  if (gtk_text_iter_backward_char (&before) && gtk_text_iter_get_char (&before) == '\n')
    gtk_text_buffer_delete (scratch, &before, &end);
  return scratch;
}

static char *
markup_to_text (KlEditor   *self,
                const char *markup)
{
  g_autoptr(GtkTextBuffer) scratch = markup_to_buffer (self, markup);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (scratch, &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static void
insert_markup_at (KlEditor    *self,
                  GtkTextIter *iter,
                  const char  *markup)
{
  g_autoptr(GtkTextBuffer) scratch = markup_to_buffer (self, markup);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (scratch, &start, &end);
  gtk_text_buffer_insert_range (body_buffer (self), iter, &start, &end);
}

void
kl_editor_insert_markup (KlEditor   *self,
                         const char *markup)
{
  GtkTextIter iter;

  g_return_if_fail (KL_IS_EDITOR (self));
  g_return_if_fail (markup != NULL);

  if (!self->editable)
    return;
  gtk_text_buffer_begin_user_action (body_buffer (self));
  gtk_text_buffer_delete_selection (body_buffer (self), TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (body_buffer (self), &iter, gtk_text_buffer_get_insert (body_buffer (self)));
  insert_markup_at (self, &iter, markup);
  gtk_text_buffer_end_user_action (body_buffer (self));
  kl_editor_flush (self);
}

gboolean
kl_editor_find_markup (KlEditor    *self,
                       const char  *markup,
                       GtkTextIter *start,
                       GtkTextIter *end)
{
  g_autofree char *text = NULL;
  GtkTextIter iter;

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (markup != NULL, FALSE);

  text = markup_to_text (self, markup);
  if (*text == '\0')
    return FALSE;
  gtk_text_buffer_get_start_iter (body_buffer (self), &iter);
  return gtk_text_iter_forward_search (&iter, text, GTK_TEXT_SEARCH_TEXT_ONLY, start, end, NULL);
}

gboolean
kl_editor_replace_markup (KlEditor   *self,
                          const char *old_markup,
                          const char *new_markup)
{
  GtkTextIter start, end;

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (new_markup != NULL, FALSE);

  if (!self->editable || !kl_editor_find_markup (self, old_markup, &start, &end))
    return FALSE;
  gtk_text_buffer_begin_user_action (body_buffer (self));
  gtk_text_buffer_delete (body_buffer (self), &start, &end);
  insert_markup_at (self, &start, new_markup);
  gtk_text_buffer_end_user_action (body_buffer (self));
  kl_editor_flush (self);
  return TRUE;
}

GtkWidget *
kl_editor_get_body_view (KlEditor *self)
{
  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);
  return self->body_view;
}

static void
on_editable_changed (KlEditor *self)
{
  gboolean editable = self->editable;
  GtkWidget *forms[] = { self->header_group, self->title_row, self->signer_preset_row,
                         self->authority_row, self->position_row, self->name_row,
                         self->recipients_preset_row, self->para_style };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    gtk_widget_set_sensitive (forms[i], editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->recipients_view), editable);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->summary_view), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.bold", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.italic", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.item", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.footnote", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.insert-table", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reserve-number", editable);
  update_embed_menu (self);
  update_undo_actions (self);
}

static void
kl_editor_dispose (GObject *object)
{
  KlEditor *self = KL_EDITOR (object);

  disconnect_document (self);
  g_clear_handle_id (&self->table_width_id, g_source_remove);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_object (&self->organization);
  g_clear_object (&self->signers);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_EDITOR);
  G_OBJECT_CLASS (kl_editor_parent_class)->dispose (object);
}

static void
kl_editor_finalize (GObject *object)
{
  KlEditor *self = KL_EDITOR (object);

  g_ptr_array_unref (self->bindings);
  G_OBJECT_CLASS (kl_editor_parent_class)->finalize (object);
}

static void
kl_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlEditor *self = KL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_EDITABLE: g_value_set_boolean (value, self->editable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_editor_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlEditor *self = KL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kl_editor_set_document (self, g_value_get_object (value)); break;
    case PROP_EDITABLE: kl_editor_set_editable (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_editor_class_init (KlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_editor_dispose;
  object_class->finalize = kl_editor_finalize;
  object_class->get_property = kl_editor_get_property;
  object_class->set_property = kl_editor_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KlEditor, name)
  CHILD (para_style);
  CHILD (word_count);
  CHILD (scroller);
  CHILD (header_group);
  CHILD (kind_row);
  CHILD (number_row);
  CHILD (number_spin);
  CHILD (reserve_button);
  CHILD (place_row);
  CHILD (date_row);
  CHILD (date_button);
  CHILD (calendar);
  CHILD (clear_date_button);
  CHILD (issuer_row);
  CHILD (superior_row);
  CHILD (issuer_entry_row);
  CHILD (abbreviation_row);
  CHILD (secrecy_row);
  CHILD (urgency_row);
  CHILD (title_row);
  CHILD (summary_view);
  CHILD (body_view);
  CHILD (body_overlay);
  CHILD (table_button);
  CHILD (table_rows);
  CHILD (table_columns);
  CHILD (embed_button);
  CHILD (embed_hint);
  CHILD (embed_report_box);
  CHILD (embed_report);
  CHILD (embed_kinds);
  CHILD (signer_preset_row);
  CHILD (authority_row);
  CHILD (position_row);
  CHILD (name_row);
  CHILD (recipients_preset_row);
  CHILD (recipients_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "editor.bold", NULL, action_bold);
  gtk_widget_class_install_action (widget_class, "editor.italic", NULL, action_italic);
  gtk_widget_class_install_action (widget_class, "editor.item", NULL, action_item);
  gtk_widget_class_install_action (widget_class, "editor.footnote", NULL, action_footnote);
  gtk_widget_class_install_action (widget_class, "editor.insert-table", NULL, action_insert_table);
  gtk_widget_class_install_action (widget_class, "editor.insert-embed", "(su)", action_insert_embed);
  gtk_widget_class_install_action (widget_class, "editor.reserve-number", NULL, action_reserve_number);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, action_redo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "editor.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "editor.italic", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK, "editor.footnote", NULL);
}

static void
kl_editor_init (KlEditor *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  GtkTextBuffer *buffer;

  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->editable = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      const char *title = kl_document_kind_title (kinds[i]);
      g_autofree char *label = g_strdup_printf ("%s (%s)", title != NULL ? title : kinds[i], kinds[i]);
      gtk_string_list_append (kind_names, label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->kind_row), G_LIST_MODEL (kind_names));

  for (guint k = 0; k < KL_EMBED_N_KINDS; k++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = gtk_label_new_with_mnemonic (_(embed_items[k]));

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (kl_embed_kind_icon (k)));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.insert-embed");
      gtk_box_append (GTK_BOX (self->embed_kinds), button);
      self->embed_buttons[k] = button;
    }
  g_signal_connect_swapped (self->embed_report, "notify::selected", G_CALLBACK (update_embed_menu), self);

  buffer = body_buffer (self);
  kl_body_buffer_init_tags (buffer);
  kl_embed_cards_attach (GTK_TEXT_VIEW (self->body_view), GTK_OVERLAY (self->body_overlay));
  gtk_text_buffer_set_enable_undo (buffer, TRUE);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_body_buffer_changed), self);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (update_undo_actions), self);
  g_signal_connect_swapped (buffer, "notify::can-undo", G_CALLBACK (update_undo_actions), self);
  g_signal_connect_swapped (buffer, "notify::can-redo", G_CALLBACK (update_undo_actions), self);
  {
    /* The body's own Ctrl+Z goes to the text history only: take it first (capture phase)
     * so formatting is undone too. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
      { GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo" },
      { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo" },
      { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo" },
      { GDK_KEY_y, GDK_CONTROL_MASK, "editor.redo" },
    };
    const struct { guint key; GdkModifierType mods; gboolean forward; } tabs[] = {
      { GDK_KEY_Tab, 0, TRUE },
      { GDK_KEY_KP_Tab, 0, TRUE },
      { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, FALSE },
      { GDK_KEY_Tab, GDK_SHIFT_MASK, FALSE },
    };

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                              gtk_named_action_new (keys[i].action)));
    for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (tabs[i].key, tabs[i].mods),
                                                                             gtk_callback_action_new (on_body_tab, self, NULL),
                                                                             "b", tabs[i].forward));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                            gtk_callback_action_new (on_body_return, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_BackSpace, 0),
                                                            gtk_callback_action_new (on_body_backspace, self, NULL)));
    gtk_widget_add_controller (self->body_view, shortcuts);
  }
  g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "notify::page-size", G_CALLBACK (on_body_width_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->para_style, "notify::selected", G_CALLBACK (on_para_style_selected), self);
  g_signal_connect_swapped (recipients_buffer (self), "changed", G_CALLBACK (on_recipients_buffer_changed), self);
  g_signal_connect_swapped (summary_buffer (self), "changed", G_CALLBACK (on_summary_buffer_changed), self);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (self->clear_date_button, "clicked", G_CALLBACK (on_clear_date), self);
  g_signal_connect_swapped (self->signer_preset_row, "notify::selected", G_CALLBACK (on_signer_preset), self);
  g_signal_connect_swapped (self->recipients_preset_row, "notify::selected", G_CALLBACK (on_recipients_preset), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self, "notify::editable", G_CALLBACK (on_editable_changed), self);
  update_word_count (self);
  update_embed_menu (self);
}

GtkWidget *
kl_editor_new (void)
{
  return g_object_new (KL_TYPE_EDITOR, NULL);
}
