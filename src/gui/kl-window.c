/* kl-window.c: the main window wires the library (KlStore), the open document (KlDocument
 * with its KlAutosaver) and the widgets that edit and preview it. */
#include <glib/gi18n.h>
#include "kl-window.h"
#include "kl-export.h"
#include "kl-fonts.h"
#include "kl-preferences.h"
#include "kl-revisions-dialog.h"
#include "kl-check-panel.h"
#include "kl-tasks-view.h"
#include "kl-sentences.h"
#include "kl-autosaver.h"
#include "kl-library-trend.h"
#include "kl-resources.h"
#include "kl-body-buffer.h"

#define REVISION_INTERVAL_S 300

struct _KlWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar;
  GtkWidget       *search_entry;
  GtkWidget       *sidebar_stack;
  GtkWidget       *library_list;
  GtkWidget       *sidebar_status;
  GtkWidget       *content;
  GtkWidget       *switcher_title;
  GtkWidget       *back_button;
  GtkWidget       *issued_revealer;
  GtkWidget       *content_stack;
  GtkWidget       *error_page;
  GtkWidget       *paned;
  GtkWidget       *view_stack;
  KlEditor        *editor;
  KlTargetsPage   *targets_page;
  KlPreview       *preview;
  KlCheckPanel    *check_panel;
  KlTasksView     *tasks_view;
  AdwViewStackPage *check_page;

  KlStore         *store;
  KlOrganization  *organization;
  KlDocument      *document;
  KlAutosaver     *autosaver;
  KlPageStyle      style;
  gulong           title_notify_id;
  gulong           saved_id;
  gulong           save_error_id;
  guint            library_size;
  gboolean         selecting;
  guint            follow_id;
  guint            scroll_tick_id;
  guint            scroll_ticks;
};

G_DEFINE_FINAL_TYPE (KlWindow, kl_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_STORE, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void update_actions (KlWindow *self);

void
kl_window_toast (KlWindow   *self,
                 const char *text)
{
  g_return_if_fail (KL_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
toast_error (KlWindow     *self,
             const GError *error)
{
  kl_window_toast (self, error != NULL ? error->message : _("Something went wrong"));
}

/* --- library ------------------------------------------------------------------------- */

static char *
snippet_markup (const char *snippet)
{
  g_autofree char *escaped = g_markup_escape_text (snippet != NULL ? snippet : "", -1);
  GString *out = g_string_new (NULL);

  /* The store marks matches with [ ]: show them bold. */
  for (const char *p = escaped; *p; p++)
    {
      if (*p == '[')
        g_string_append (out, "<b>");
      else if (*p == ']')
        g_string_append (out, "</b>");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static GtkWidget *
library_row (gint64      id,
             const char *title,
             const char *subtitle,
             gboolean    subtitle_markup,
             const char *meeting,
             gboolean    issued)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *subtitle_label = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title_label), 2);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle_label), PANGO_ELLIPSIZE_END);
  if (subtitle_markup)
    gtk_label_set_markup (GTK_LABEL (subtitle_label), subtitle);
  else
    gtk_label_set_text (GTK_LABEL (subtitle_label), subtitle);
  gtk_widget_add_css_class (subtitle_label, "caption");
  gtk_widget_add_css_class (subtitle_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), subtitle_label);
  if (issued)
    gtk_widget_add_css_class (row, "kl-issued");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (row), "meeting", g_strdup (meeting), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static gint64
row_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "id");
  return id != NULL ? *id : 0;
}

static void
library_header (GtkListBoxRow *row,
                GtkListBoxRow *before,
                gpointer       user_data)
{
  const char *meeting = g_object_get_data (G_OBJECT (row), "meeting");
  const char *prev = before != NULL ? g_object_get_data (G_OBJECT (before), "meeting") : NULL;

  if ((before == NULL && meeting != NULL) || (before != NULL && g_strcmp0 (meeting, prev) != 0))
    {
      GtkWidget *label = gtk_label_new (meeting != NULL ? meeting : _("Other documents"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "kl-meeting-header");
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

/* Selects the open document's row; FALSE when the list has none. */
static gboolean
select_current_row (KlWindow *self)
{
  gint64 id = self->document != NULL ? kl_document_get_id (self->document) : 0;
  gboolean found = FALSE;

  self->selecting = TRUE;
  gtk_list_box_unselect_all (GTK_LIST_BOX (self->library_list));
  for (GtkWidget *child = gtk_widget_get_first_child (self->library_list); child != NULL && !found;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && id != 0 && row_id (GTK_LIST_BOX_ROW (child)) == id)
      {
        gtk_list_box_select_row (GTK_LIST_BOX (self->library_list), GTK_LIST_BOX_ROW (child));
        found = TRUE;
      }
  self->selecting = FALSE;
  return found;
}

/* Scrolls the selected row (with its meeting's heading) into view once the list has laid it
 * out, which is a frame after a reload; gives up after a few frames when the sidebar is not
 * shown (a folded window showing the document). */
static gboolean
scroll_to_selected_tick (GtkWidget     *list,
                         GdkFrameClock *clock,
                         gpointer       data)
{
  KlWindow *self = data;
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)));
  GtkWidget *header;
  graphene_rect_t bounds, header_bounds;
  GtkWidget *scroller;

  if (row != NULL && ++self->scroll_ticks <= 10
      && (gtk_widget_get_height (row) == 0 || !gtk_widget_compute_bounds (row, list, &bounds)))
    return G_SOURCE_CONTINUE;
  self->scroll_tick_id = 0;
  if (row == NULL || self->scroll_ticks > 10)
    return G_SOURCE_REMOVE;
  header = gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row));
  if (header != NULL && gtk_widget_compute_bounds (header, list, &header_bounds))
    graphene_rect_union (&bounds, &header_bounds, &bounds);
  scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                             bounds.origin.y, bounds.origin.y + bounds.size.height);
  return G_SOURCE_REMOVE;
}

/* The list keeps its scroll position when it is reloaded: a document shown from elsewhere
 * may be out of sight. */
static void
scroll_to_selected (KlWindow *self)
{
  self->scroll_ticks = 0;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (self->library_list, scroll_to_selected_tick, self, NULL);
}

static void on_search_changed (KlWindow *self);

/* Selects the row of a document just shown, which the list may not have yet: one just
 * stored (new, imported, duplicated, opened from the command line or by --example), or one
 * the search leaves out. Such a document ends the search, as Nautilus ends a search when it
 * is sent to another folder (from the command line, a bookmark or another application):
 * the results were for another request, and a list without the open document's row hides
 * what the editor shows. A document opened from the results is among them, and the search
 * stays; so does it when a new document matches it. */
static void
reveal_current_row (KlWindow *self)
{
  if (select_current_row (self) || self->store == NULL || self->document == NULL
      || kl_document_get_id (self->document) == 0)
    {
      scroll_to_selected (self);
      return;
    }
  kl_window_reload_library (self);
  if (gtk_list_box_get_selected_row (GTK_LIST_BOX (self->library_list)) == NULL
      && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      /* One reload, not one more from the entry's signal. */
      g_signal_handlers_block_by_func (self->search_entry, on_search_changed, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed, self);
      kl_window_reload_library (self);
    }
  scroll_to_selected (self);
}

/* With @keep_current, the open document keeps its row among the results of a search it no
 * longer matches: it was edited, and a row vanishing under the user's hands hides what the
 * editor shows. */
static void
reload_library (KlWindow *self,
                gboolean  keep_current)
{
  GtkWidget *child;
  const char *query;
  g_autoptr(GError) error = NULL;
  gint64 current = self->document != NULL ? kl_document_get_id (self->document) : 0;

  while ((child = gtk_widget_get_first_child (self->library_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->library_list), child);
  self->library_size = 0;
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->sidebar_stack), "empty");
      return;
    }

  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (query != NULL && *query != '\0')
    {
      g_autoptr(GPtrArray) hits = kl_store_search (self->store, query, 50, &error);

      for (guint i = 0; hits != NULL && i < hits->len; i++)
        {
          KlSearchHit *hit = g_ptr_array_index (hits, i);
          g_autofree char *markup = snippet_markup (hit->snippet);
          gtk_list_box_append (GTK_LIST_BOX (self->library_list),
                               library_row (hit->id, hit->title ? hit->title : "", markup, TRUE, NULL, FALSE));
          self->library_size++;
          if (hit->id == current)
            keep_current = FALSE;
        }
      if (keep_current && current != 0)
        {
          const char *title = kl_document_get_title (self->document);
          const char *summary = kl_document_get_summary (self->document);
          /* No snippet to show: what the document is about. */
          g_autofree char *about = g_strdelimit (g_strdup (summary != NULL ? summary : ""), "\n", ' ');

          gtk_list_box_append (GTK_LIST_BOX (self->library_list),
                               library_row (current, title != NULL ? title : "", about, FALSE, NULL, FALSE));
          self->library_size++;
        }
      gtk_list_box_set_header_func (GTK_LIST_BOX (self->library_list), NULL, NULL, NULL);
      /* A search without results is not an empty library: the search icon and advice, as
       * GNOME applications show them. */
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->sidebar_status), "edit-find-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->sidebar_status), _("No Results"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->sidebar_status),
                                       error != NULL ? error->message : _("Try other words, with or without accents"));
    }
  else
    {
      g_autoptr(GPtrArray) docs = kl_store_list_documents (self->store, 0, &error);

      for (guint i = 0; docs != NULL && i < docs->len; i++)
        {
          KlDocumentInfo *info = g_ptr_array_index (docs, i);
          GString *subtitle = g_string_new (NULL);
          g_autofree char *title = NULL;
          const char *summary = info->summary != NULL && *info->summary ? info->summary : NULL;

          title = g_strdup_printf ("%s %s", info->title != NULL && *info->title ? info->title : info->kind,
                                   summary != NULL ? summary : "");
          g_strdelimit (title, "\n", ' ');
          if (info->symbol != NULL && *info->symbol)
            g_string_append_printf (subtitle, "Số %s", info->symbol);
          else
            g_string_append (subtitle, _("No number"));
          if (info->date != NULL)
            {
              GDate date;
              g_date_clear (&date, 1);
              g_date_set_parse (&date, info->date);
              if (g_date_valid (&date))
                g_string_append_printf (subtitle, " · %02u/%02u/%u", g_date_get_day (&date),
                                        g_date_get_month (&date), g_date_get_year (&date));
            }
          g_string_append_printf (subtitle, " · %s",
                                  info->state == KL_DOCUMENT_STATE_ISSUED ? _("Issued") : _("Draft"));
          gtk_list_box_append (GTK_LIST_BOX (self->library_list),
                               library_row (info->id, g_strstrip (title), subtitle->str, FALSE, info->meeting_title,
                                            info->state == KL_DOCUMENT_STATE_ISSUED));
          g_string_free (subtitle, TRUE);
          self->library_size++;
        }
      gtk_list_box_set_header_func (GTK_LIST_BOX (self->library_list), library_header, NULL, NULL);
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->sidebar_status), "folder-documents-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (self->sidebar_status), _("No Documents"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->sidebar_status),
                                       error != NULL ? error->message : _("Start a new document with the + menu"));
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->sidebar_stack), self->library_size > 0 ? "list" : "empty");
  select_current_row (self);
}

void
kl_window_reload_library (KlWindow *self)
{
  g_return_if_fail (KL_IS_WINDOW (self));
  reload_library (self, FALSE);
}

guint
kl_window_get_library_size (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), 0);
  return self->library_size;
}

static void
on_row_activated (KlWindow      *self,
                  GtkListBoxRow *row)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (row == NULL || self->selecting)
    return;
  id = row_id (row);
  if (self->document == NULL || kl_document_get_id (self->document) != id)
    if (!kl_window_open_document (self, id, &error))
      toast_error (self, error);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_row_selected (KlWindow      *self,
                 GtkListBoxRow *row)
{
  if (row != NULL && !self->selecting)
    on_row_activated (self, row);
}

static void
on_search_changed (KlWindow *self)
{
  kl_window_reload_library (self);
}

/* --- the open document --------------------------------------------------------------- */

static void
update_title (KlWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *symbol = NULL;

  if (self->document == NULL)
    {
      adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), _("Ketluan"));
      adw_view_switcher_title_set_subtitle (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), NULL);
      return;
    }
  symbol = kl_document_dup_symbol (self->document);
  title = g_strdup_printf ("%s %s", kl_document_get_title (self->document) ? kl_document_get_title (self->document) : "",
                           kl_document_get_number (self->document) ? symbol : "");
  adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), g_strstrip (title));
  adw_view_switcher_title_set_subtitle (ADW_VIEW_SWITCHER_TITLE (self->switcher_title),
                                        kl_document_get_state (self->document) == KL_DOCUMENT_STATE_ISSUED
                                        ? _("Issued") : _("Draft, saved automatically"));
}

static void
on_saved (KlWindow *self)
{
  /* Titles and dates in the sidebar follow the saved document, listed still if it was. */
  reload_library (self, gtk_list_box_get_selected_row (GTK_LIST_BOX (self->library_list)) != NULL);
}

static void
on_save_error (KlWindow     *self,
               const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error ? error->message : "?");
  kl_window_toast (self, text);
}

static void
close_document (KlWindow *self)
{
  if (self->autosaver != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!kl_autosaver_flush (self->autosaver, &error))
        toast_error (self, error);
      g_clear_signal_handler (&self->saved_id, self->autosaver);
      g_clear_signal_handler (&self->save_error_id, self->autosaver);
      g_clear_object (&self->autosaver);
    }
  if (self->document != NULL)
    g_clear_signal_handler (&self->title_notify_id, self->document);
  g_clear_object (&self->document);
}

static guint
autosave_delay (KlWindow *self)
{
  g_autofree char *value = self->store ? kl_store_get_setting (self->store, "autosave.delay_ms") : NULL;
  guint64 ms = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 0;

  return ms >= 200 && ms <= 60000 ? (guint) ms : 1000;
}

static void
set_document (KlWindow   *self,
              KlDocument *document)
{
  gboolean issued, writable;

  if (self->document == document)
    return;
  kl_editor_set_document (self->editor, NULL);
  close_document (self);
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      issued = kl_document_get_state (document) == KL_DOCUMENT_STATE_ISSUED;
      writable = self->store != NULL && !kl_store_is_read_only (self->store);
      if (writable && !issued)
        {
          self->autosaver = kl_autosaver_new (self->store, document, autosave_delay (self), REVISION_INTERVAL_S);
          self->saved_id = g_signal_connect_swapped (self->autosaver, "saved", G_CALLBACK (on_saved), self);
          self->save_error_id = g_signal_connect_swapped (self->autosaver, "error", G_CALLBACK (on_save_error), self);
        }
      self->title_notify_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (update_title), self);
      /* A library opened read-only (made by a newer Ketluan, or on a read-only disk) cannot
       * keep edits: show the text without letting the user type into the void. */
      kl_editor_set_editable (self->editor, !issued && writable);
      kl_targets_page_set_editable (self->targets_page, !issued && writable);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->issued_revealer), issued);
      gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "document");
      if (self->store != NULL && kl_document_get_id (document) != 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, kl_document_get_id (document));
          kl_store_set_setting (self->store, "last_document", id, NULL);
        }
    }
  else
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->issued_revealer), FALSE);
      gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "empty");
    }
  kl_editor_set_document (self->editor, document);
  kl_targets_page_set_document (self->targets_page, document);
  kl_preview_set_document (self->preview, document);
  kl_check_panel_set_document (self->check_panel, document);
  kl_tasks_view_set_document (self->tasks_view, document);
  update_title (self);
  update_actions (self);
  reveal_current_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlDocument *
kl_window_new_from_template (KlWindow    *self,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(KlTemplate) template_ = NULL;
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GListModel *reports = NULL;
  KlMeeting *meeting = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->store != NULL)
    template_ = kl_store_load_template (self->store, name, NULL);
  if (template_ == NULL)
    {
      g_autoptr(GPtrArray) builtin = kl_templates_builtin ();

      for (guint i = 0; i < builtin->len && template_ == NULL; i++)
        if (g_strcmp0 (((KlTemplate *) g_ptr_array_index (builtin, i))->name, name) == 0)
          template_ = kl_template_copy (g_ptr_array_index (builtin, i));
    }
  if (template_ == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No template named “%s”"), name);
      return NULL;
    }
  /* A document drafted while another is open is of the same meeting (the notice of the
   * meeting a report was for) and takes its target tables along. */
  if (self->document != NULL)
    {
      kl_editor_flush (self->editor);
      reports = G_LIST_MODEL (kl_document_get_reports (self->document));
      meeting = kl_document_get_meeting (self->document);
    }
  document = kl_template_instantiate (template_->text, self->organization, meeting, reports, error);
  if (document == NULL)
    return NULL;
  if (kl_document_get_date (document) == NULL)
    kl_document_set_date (document, today);
  if (self->store != NULL && !kl_store_save_document (self->store, document, error))
    return NULL;
  set_document (self, document);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "document");
  return self->document;
}

static void
action_new_from_template (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (kl_window_new_from_template (self, g_variant_get_string (param, NULL), &error) == NULL)
    toast_error (self, error);
}

gboolean
kl_window_open_document (KlWindow  *self,
                         gint64     id,
                         GError   **error)
{
  g_autoptr(KlDocument) document = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  document = kl_store_load_document (self->store, id, error);
  if (document == NULL)
    return FALSE;
  set_document (self, document);
  return TRUE;
}

KlDocument *
kl_window_new_document (KlWindow   *self,
                        const char *kind)
{
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  document = kl_document_new (kind);
  if (self->organization != NULL)
    kl_document_apply_organization (document, self->organization);
  if (kl_document_kind_title (kind) != NULL)
    kl_document_set_title (document, kl_document_kind_title (kind));
  kl_document_set_date (document, today);
  if (self->store != NULL && !kl_store_save_document (self->store, document, &error))
    toast_error (self, error);
  set_document (self, document);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "document");
  gtk_widget_grab_focus (kl_editor_get_body_view (self->editor));
  return self->document;
}

KlStore *
kl_window_get_store (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->store;
}

KlDocument *
kl_window_get_document (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->document;
}

KlEditor *
kl_window_get_editor (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->editor;
}

KlTargetsPage *
kl_window_get_targets_page (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->targets_page;
}

KlPreview *
kl_window_get_preview (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  return self->preview;
}

void
kl_window_show_store_error (KlWindow     *self,
                            const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KL_IS_WINDOW (self));

  text = g_strdup_printf (_("%s\n\nThe file has not been changed. Close Ketluan, move or repair the file, "
                            "or restore a backup, then start Ketluan again."),
                          error != NULL ? error->message : _("Unknown error"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "error");
  update_actions (self);
}

gboolean
kl_window_restore_revision (KlWindow  *self,
                            gint64     revision_id,
                            GError   **error)
{
  g_autoptr(KlDocument) restored = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (self->autosaver != NULL && !kl_autosaver_flush (self->autosaver, error))
    return FALSE;
  restored = kl_store_restore_revision (self->store, revision_id, error);
  if (restored == NULL)
    return FALSE;
  /* Drop the old model first so its autosaver cannot write the old text back. */
  kl_editor_set_document (self->editor, NULL);
  g_clear_signal_handler (&self->saved_id, self->autosaver);
  g_clear_signal_handler (&self->save_error_id, self->autosaver);
  g_clear_object (&self->autosaver);
  if (self->document != NULL)
    g_clear_signal_handler (&self->title_notify_id, self->document);
  g_clear_object (&self->document);
  set_document (self, restored);
  kl_window_reload_library (self);
  return TRUE;
}

/* --- settings ------------------------------------------------------------------------ */

void
kl_window_reload_settings (KlWindow *self)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  g_clear_object (&self->organization);
  kl_page_style_init_default (&self->style);
  if (self->store != NULL)
    {
      self->organization = kl_store_load_organization (self->store, NULL);
      kl_preferences_load_page_style (self->store, &self->style);
    }
  kl_editor_set_store (self->editor, self->store);
  kl_editor_set_organization (self->editor, self->organization);
  kl_tasks_view_set_store (self->tasks_view, self->store);
  kl_tasks_view_set_organization (self->tasks_view, self->organization);
  kl_preview_set_page_style (self->preview, &self->style);
  kl_preview_set_store (self->preview, self->store);
}

/* --- export -------------------------------------------------------------------------- */

typedef void (*ConfirmedFunc) (KlWindow *self, const char *arg);

typedef struct
{
  KlWindow      *self;
  ConfirmedFunc  func;
  char          *arg;
} Confirm;

static void
confirm_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Confirm          *confirm)
{
  if (g_strcmp0 (response, "continue") == 0)
    confirm->func (confirm->self, confirm->arg);
  g_object_unref (confirm->self);
  g_free (confirm->arg);
  g_free (confirm);
}

/* A question whose safe answer, Cancel, is the default and what closing the dialog
 * answers; @response (labelled @label, with @appearance) goes ahead. */
static GtkWidget *
question_new (KlWindow              *self,
              const char            *heading,
              const char            *body,
              const char            *response,
              const char            *label,
              AdwResponseAppearance  appearance)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* A secret document must not leave the machine unnoticed: ask before any export. */
static void
confirm_if_secret (KlWindow      *self,
                   ConfirmedFunc  func,
                   const char    *arg)
{
  GtkWidget *dialog;
  Confirm *confirm;

  if (self->document == NULL)
    return;
  if (kl_document_get_secrecy (self->document) == KL_SECRECY_NONE)
    {
      func (self, arg);
      return;
    }
  dialog = question_new (self, _("Export a Secret Document?"),
                         _("This document is marked secret. The exported file can be copied and sent "
                           "like any other file: keep it only on approved media."),
                         "continue", _("_Export Anyway"), ADW_RESPONSE_DESTRUCTIVE);
  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (self);
  confirm->func = func;
  confirm->arg = g_strdup (arg);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response), confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef void (*ChosenFunc) (KlWindow *self, GFile *file, const char *arg);

typedef struct
{
  KlWindow   *self;
  ChosenFunc  func;
  char       *arg;
} Chooser;

/* A filter of a file dialog: its name and the extension of its files ("pdf"). */
typedef struct
{
  const char *name;
  const char *extension;
} FileType;

/* A name typed without one of the dialog's extensions gets the chosen filter's, as a
 * Word user expects "bao-cao" to be saved as "bao-cao.pdf". */
static GFile *
with_extension (GtkFileChooser *chooser,
                GFile          *file)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  g_autoptr(GtkFileFilter) first = g_list_model_get_n_items (filters) > 0 ? g_list_model_get_item (filters, 0) : NULL;
  GtkFileFilter *chosen = gtk_file_chooser_get_filter (chooser);
  g_autofree char *name = g_file_get_basename (file);
  const char *dot = strrchr (name, '.');
  const char *extension;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *named = NULL;

  for (guint i = 0; dot != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GObject) filter = g_list_model_get_item (filters, i);
      const char *known = g_object_get_data (filter, "kl-extension");

      if (known != NULL && g_ascii_strcasecmp (dot + 1, known) == 0)
        return g_object_ref (file);
    }
  if (chosen == NULL)
    chosen = first;
  extension = chosen != NULL ? g_object_get_data (G_OBJECT (chosen), "kl-extension") : NULL;
  if (extension == NULL)
    return g_object_ref (file);
  parent = g_file_get_parent (file);
  named = g_strconcat (name, ".", extension, NULL);
  return parent != NULL ? g_file_get_child (parent, named) : g_file_new_for_path (named);
}

static void
chooser_free (Chooser *chooser)
{
  g_object_unref (chooser->self);
  g_free (chooser->arg);
  g_free (chooser);
}

static void
replace_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Chooser          *chooser)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "kl-file");

  if (g_str_equal (response, "replace"))
    chooser->func (chooser->self, file, chooser->arg);
  chooser_free (chooser);
}

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  Chooser         *chooser)
{
  g_autoptr(GFile) typed = NULL;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      chooser_free (chooser);
      g_object_unref (native);
      return;
    }
  typed = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  file = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE
         ? with_extension (GTK_FILE_CHOOSER (native), typed) : g_object_ref (typed);
  g_object_unref (native);
  /* The dialog asked before replacing the name typed, not the one completed here. */
  if (!g_file_equal (file, typed) && g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
      GtkWidget *dialog = question_new (chooser->self, heading,
                                        _("A file with this name already exists. Replacing it "
                                          "overwrites what it holds."),
                                        "replace", _("_Replace"), ADW_RESPONSE_DESTRUCTIVE);

      g_object_set_data_full (G_OBJECT (dialog), "kl-file", g_steal_pointer (&file), g_object_unref);
      g_signal_connect (dialog, "response", G_CALLBACK (replace_response), chooser);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  chooser->func (chooser->self, file, chooser->arg);
  chooser_free (chooser);
}

/* Opens a file dialog with a filter per entry of @types (ended by { NULL }). */
static void
choose_file (KlWindow            *self,
             GtkFileChooserAction action,
             const char          *title,
             const char          *accept,
             const char          *suggested_name,
             const FileType      *types,
             ChosenFunc           func,
             const char          *arg)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  Chooser *chooser = g_new0 (Chooser, 1);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  for (const FileType *t = types; t->name != NULL; t++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*.", t->extension, NULL);

      gtk_file_filter_set_name (filter, _(t->name));
      gtk_file_filter_add_pattern (filter, pattern);
      g_object_set_data (G_OBJECT (filter), "kl-extension", (gpointer) t->extension);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  chooser->self = g_object_ref (self);
  chooser->func = func;
  chooser->arg = g_strdup (arg);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static const FileType pdf_types[] = { { N_("PDF documents"), "pdf" }, { NULL } };
static const FileType json_types[] = { { N_("Ketluan documents"), "json" }, { NULL } };
static const FileType chart_types[] = {
  { N_("PNG images"), "png" }, { N_("SVG drawings"), "svg" }, { N_("PDF documents"), "pdf" }, { NULL }
};

static void
inner_pdf_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (kl_export_pdf_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kl_window_export_pdf_async (KlWindow            *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  GTask *task;

  g_return_if_fail (KL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kl_window_export_pdf_async);
  kl_editor_flush (self->editor);
  path = g_file_get_path (file);
  trend = kl_library_trend_lookup (self->store, self->document);
  kl_export_pdf_async (self->document, &self->style, trend, path, cancellable, inner_pdf_done, task);
}

gboolean
kl_window_export_pdf_finish (KlWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pdf_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kl_window_export_pdf_finish (self, result, &error))
    toast_error (self, error);
  else
    kl_window_toast (self, _("PDF exported"));
}

static void
pdf_file_chosen (KlWindow   *self,
                 GFile      *file,
                 const char *arg)
{
  kl_window_export_pdf_async (self, file, NULL, pdf_done, g_object_ref (self));
}

static void
export_pdf_confirmed (KlWindow   *self,
                      const char *arg)
{
  g_autofree char *name = kl_export_suggest_name (self->document, "pdf");
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export PDF"), _("_Export"), name, pdf_types,
               pdf_file_chosen, NULL);
}

gboolean
kl_window_export_json (KlWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);

  kl_editor_flush (self->editor);
  return kl_json_save_document (self->document, file, error);
}

static void
json_file_chosen (KlWindow   *self,
                  GFile      *file,
                  const char *arg)
{
  g_autoptr(GError) error = NULL;

  if (!kl_window_export_json (self, file, &error))
    toast_error (self, error);
  else
    kl_window_toast (self, _("Document file exported"));
}

static void
export_json_confirmed (KlWindow   *self,
                       const char *arg)
{
  g_autofree char *name = kl_export_suggest_name (self->document, "ketluan.json");
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Document File"), _("_Export"), name, json_types,
               json_file_chosen, NULL);
}

gboolean
kl_window_export_chart (KlWindow     *self,
                        KlChartKind   kind,
                        GFile        *file,
                        char        **library_periods,
                        GError      **error)
{
  KlReport *report;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (library_periods != NULL)
    *library_periods = NULL;
  report = kl_targets_page_get_report (self->targets_page);
  if (report == NULL)
    return TRUE;
  /* A trend shows the targets across every report of the document and their earlier
   * periods in the library; the other kinds the report shown on the Targets page. */
  if (kind == KL_CHART_TREND)
    {
      GListModel *model = G_LIST_MODEL (kl_document_get_reports (self->document));
      g_autoptr(GPtrArray) others = kl_library_trend_find (self->store, self->document);
      g_autoptr(GPtrArray) drawable = NULL;
      g_autofree char *family = kl_fonts_resolve_family (self->style.font_family, NULL);
      GPtrArray *series;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (reports, g_list_model_get_item (model, i));
      /* A library report the font cannot draw is left out, as in the pages. */
      drawable = family != NULL ? kl_chart_drawable_reports (others, family) : NULL;
      g_autoptr(GPtrArray) taken = NULL;

      series = kl_period_series ((KlReport **) reports->pdata, reports->len,
                                 kl_document_get_date (self->document), drawable, 0, &taken);
      g_ptr_array_unref (reports);
      reports = series;
      if (library_periods != NULL && taken != NULL && taken->len > 0)
        *library_periods = kl_period_reports_join (taken);
    }
  else
    g_ptr_array_add (reports, g_object_ref (report));
  return kl_export_chart (kind, (KlReport **) reports->pdata, reports->len, self->style.font_family, 700,
                          file, error);
}

static void
chart_file_chosen (KlWindow   *self,
                   GFile      *file,
                   const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *periods = NULL;
  KlChartKind kind = KL_CHART_ACHIEVEMENT;

  kl_chart_kind_from_string (arg, &kind);
  if (kl_targets_page_get_report (self->targets_page) == NULL)
    return;
  if (!kl_window_export_chart (self, kind, file, &periods, &error))
    toast_error (self, error);
  else if (periods != NULL)
    {
      /* TRANSLATORS: the periods of the library's reports the trend chart shows too */
      g_autofree char *text = g_strdup_printf (_("Chart exported, with %s from the library"), periods);

      kl_window_toast (self, text);
    }
  else
    kl_window_toast (self, _("Chart exported"));
}

static void
export_chart_confirmed (KlWindow   *self,
                        const char *arg)
{
  g_autofree char *name = g_strdup_printf ("chart-%s.png", arg);

  if (kl_targets_page_get_report (self->targets_page) == NULL)
    {
      kl_window_toast (self, _("This document has no target table to chart"));
      return;
    }
  choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE, _("Export Chart"), _("_Export"), name, chart_types,
               chart_file_chosen, arg);
}

gboolean
kl_window_import_json (KlWindow  *self,
                       GFile     *file,
                       GError   **error)
{
  g_autoptr(KlDocument) document = NULL;

  g_return_val_if_fail (KL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  document = kl_json_load_document (file, error);
  if (document == NULL)
    return FALSE;
  /* An imported file is always a new draft in this library. */
  kl_document_set_id (document, 0);
  kl_document_set_state (document, KL_DOCUMENT_STATE_DRAFT);
  if (!kl_store_save_document (self->store, document, error))
    return FALSE;
  set_document (self, document);
  return TRUE;
}

static void
import_file_chosen (KlWindow   *self,
                    GFile      *file,
                    const char *arg)
{
  g_autoptr(GError) error = NULL;

  if (!kl_window_import_json (self, file, &error))
    toast_error (self, error);
  else
    kl_window_toast (self, _("Document imported"));
}

/* --- actions ------------------------------------------------------------------------- */

static void
action_new_document (GtkWidget *widget, const char *name, GVariant *param)
{
  kl_window_new_document (KL_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* The check before signing runs before a document leaves: with errors left, the user sees
 * them first and may still go on. */
static void
check_response (AdwMessageDialog *dialog,
                const char       *response,
                KlWindow         *self)
{
  ConfirmedFunc func = g_object_get_data (G_OBJECT (dialog), "kl-then");

  if (g_strcmp0 (response, "show") == 0)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "check");
  else if (g_strcmp0 (response, "continue") == 0 && func != NULL)
    func (self, NULL);
}

static void
check_then (KlWindow      *self,
            ConfirmedFunc  func)
{
  GtkWidget *dialog;
  guint errors;
  g_autofree char *body = NULL;

  kl_editor_flush (self->editor);
  kl_check_panel_run (self->check_panel);
  errors = kl_check_panel_get_n_errors (self->check_panel);
  if (errors == 0)
    {
      func (self, NULL);
      return;
    }
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The check before signing found %u error in this document.",
                                       "The check before signing found %u errors in this document.", errors),
                          errors);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Errors Remain"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "show", _("_Show Errors"), "continue", _("C_ontinue Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kl-then", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (check_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_pdf_checked (KlWindow   *self,
                    const char *arg)
{
  confirm_if_secret (self, export_pdf_confirmed, NULL);
}

static void
action_export_pdf (GtkWidget *widget, const char *name, GVariant *param)
{
  check_then (KL_WINDOW (widget), export_pdf_checked);
}

static void
action_export_json (GtkWidget *widget, const char *name, GVariant *param)
{
  confirm_if_secret (KL_WINDOW (widget), export_json_confirmed, NULL);
}

static void
action_export_chart (GtkWidget *widget, const char *name, GVariant *param)
{
  confirm_if_secret (KL_WINDOW (widget), export_chart_confirmed, g_variant_get_string (param, NULL));
}

static void
action_import_json (GtkWidget *widget, const char *name, GVariant *param)
{
  choose_file (KL_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Import Document File"), _("_Import"), NULL,
               json_types, import_file_chosen, NULL);
}

static void
action_print (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  gboolean busy = FALSE;

  if (self->document == NULL)
    return;
  kl_editor_flush (self->editor);
  /* Print what is on screen when the preview is current; otherwise lay out now. */
  pages = kl_preview_dup_pages (self->preview);
  g_object_get (self->preview, "busy", &busy, NULL);
  if (pages == NULL || busy)
    {
      g_autoptr(KlDocument) copy = kl_document_copy (self->document);
      g_autoptr(GPtrArray) trend = kl_library_trend_lookup (self->store, self->document);

      g_clear_pointer (&pages, kl_pages_unref);
      pages = kl_pages_layout_with_trend (copy, &self->style, trend, &error);
    }
  if (pages == NULL)
    {
      toast_error (self, error);
      return;
    }
  job = kl_export_suggest_name (self->document, "pdf");
  if (!kl_export_print (pages, job, GTK_WINDOW (self), &error))
    toast_error (self, error);
}

static void
revision_name_response (AdwMessageDialog *dialog,
                        const char       *response,
                        KlWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kl-entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->autosaver == NULL)
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*reason == '\0')
    {
      g_free (reason);
      reason = g_strdup (_("Saved version"));
    }
  kl_editor_flush (self->editor);
  if (!kl_autosaver_save_revision (self->autosaver, reason, &error))
    toast_error (self, error);
  else
    kl_window_toast (self, _("Revision saved"));
}

/* Ctrl+S keeps a named revision: the name is what the history lists it by. */
static void
action_save_revision (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  GtkWidget *dialog, *entry;

  if (self->autosaver == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Revision"),
                                   _("Name this version of the document to find it in the history."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), _("Saved version"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Revision name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kl-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (revision_name_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_restore_requested (KlWindow *self,
                      gint64    revision_id)
{
  g_autoptr(GError) error = NULL;

  if (!kl_window_restore_revision (self, revision_id, &error))
    toast_error (self, error);
  else
    kl_window_toast (self, _("Revision restored"));
}

static void
action_history (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  GtkWidget *dialog;

  if (self->document == NULL || self->store == NULL)
    return;
  if (self->autosaver != NULL)
    kl_autosaver_flush (self->autosaver, NULL);
  dialog = kl_revisions_dialog_new (GTK_WINDOW (self), self->store, kl_document_get_id (self->document));
  g_signal_connect_object (dialog, "restore", G_CALLBACK (on_restore_requested), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_copy (KlWindow *self)
{
  g_autoptr(KlDocument) copy = NULL;
  g_autoptr(GError) error = NULL;

  kl_editor_flush (self->editor);
  copy = kl_document_copy (self->document);
  /* A copy is a new draft: it takes its own number when it is ready. */
  kl_document_set_number (copy, 0);
  kl_document_set_symbol (copy, NULL);
  if (!kl_store_save_document (self->store, copy, &error))
    {
      toast_error (self, error);
      return;
    }
  set_document (self, copy);
}

static void
action_duplicate (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);

  if (self->document == NULL || self->store == NULL)
    return;
  open_copy (self);
  kl_window_toast (self, _("Copy created"));
}

static void
action_edit_as_draft (GtkWidget *widget, const char *name, GVariant *param)
{
  action_duplicate (widget, name, param);
}

static void
issue_response (AdwMessageDialog *dialog,
                const char       *response,
                KlWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) document = NULL;
  gint64 id;

  if (g_strcmp0 (response, "issue") != 0 || self->document == NULL)
    return;
  kl_editor_flush (self->editor);
  if (self->autosaver != NULL && !kl_autosaver_flush (self->autosaver, &error))
    {
      toast_error (self, error);
      return;
    }
  if (!kl_store_issue_document (self->store, self->document, &error))
    {
      toast_error (self, error);
      return;
    }
  id = kl_document_get_id (self->document);
  /* Reopen: an issued document has no autosaver and read-only widgets. */
  set_document (self, NULL);
  if (!kl_window_open_document (self, id, &error))
    toast_error (self, error);
  kl_window_reload_library (self);
  kl_window_toast (self, _("Document issued"));
}

static void issue_checked (KlWindow *self, const char *arg);

static void
action_issue (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);

  if (self->document == NULL || self->store == NULL)
    return;
  check_then (self, issue_checked);
}

static void
issue_checked (KlWindow   *self,
               const char *arg)
{
  GtkWidget *dialog;

  if (self->document == NULL || self->store == NULL)
    return;
  if (kl_document_get_number (self->document) == 0)
    {
      kl_window_toast (self, _("Give the document a number before issuing it"));
      return;
    }
  dialog = question_new (self, _("Issue This Document?"),
                         _("An issued document is locked: its number is recorded in the register and "
                           "its text can no longer be changed. Changes need a new draft."),
                         "issue", _("_Issue"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (issue_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 KlWindow         *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (g_strcmp0 (response, "delete") != 0 || self->document == NULL)
    return;
  id = kl_document_get_id (self->document);
  set_document (self, NULL);
  if (id != 0 && !kl_store_delete_document (self->store, id, &error))
    toast_error (self, error);
  kl_window_reload_library (self);
}

static void
action_delete (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  GtkWidget *dialog;

  if (self->document == NULL || self->store == NULL)
    return;
  dialog = question_new (self, _("Delete This Draft?"), _("The draft and its revisions are removed from the library."),
                         "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_search (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (self->search_entry);
  /* As in GNOME Text Editor's search: what is typed next replaces the last search. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
action_show_targets (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), g_variant_get_string (param, NULL));
}

static void
update_actions (KlWindow *self)
{
  gboolean has_doc = self->document != NULL;
  gboolean has_store = self->store != NULL && !kl_store_is_read_only (self->store);
  gboolean draft = has_doc && kl_document_get_state (self->document) == KL_DOCUMENT_STATE_DRAFT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-document", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-from-template", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-json", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", has_doc);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-revision", has_doc && draft && has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", has_doc && has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", has_doc && has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-as-draft", has_doc && has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.issue", has_doc && draft && has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete", has_doc && draft && has_store);
}

/* --- object -------------------------------------------------------------------------- */

static void
on_back (KlWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_child_message (KlWindow   *self,
                  const char *text)
{
  kl_window_toast (self, text);
}

static gboolean
on_close_request (KlWindow *self)
{
  /* Whatever was typed last is written before the window goes away. */
  kl_editor_flush (self->editor);
  if (self->autosaver != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!kl_autosaver_flush (self->autosaver, &error))
        g_warning ("Last changes not saved: %s", error->message);
    }
  return FALSE;
}

/* The window reopens on the page (document or targets) the user left it on. */
static void
fit_paned (KlWindow   *self,
           const char *page)
{
  int width = gtk_widget_get_width (self->paned);

  /* The target table needs more room than the text; the preview shrinks to fit. */
  if (g_strcmp0 (page, "targets") == 0)
    {
      gtk_paned_set_position (GTK_PANED (self->paned), width > 0 ? MAX (560, width - 300) : 800);
    }
  else
    {
      gtk_paned_set_position (GTK_PANED (self->paned), width > 0 ? MIN (560, width - 380) : 560);
    }
}

static void
on_page_changed (KlWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));

  fit_paned (self, name);
  if (self->store != NULL && !kl_store_is_read_only (self->store) && name != NULL)
    {
      g_autofree char *old = kl_store_get_setting (self->store, "ui.page");
      if (g_strcmp0 (old, name) != 0)
        kl_store_set_setting (self->store, "ui.page", name, NULL);
    }
}

static void
kl_window_constructed (GObject *object)
{
  KlWindow *self = KL_WINDOW (object);

  G_OBJECT_CLASS (kl_window_parent_class)->constructed (object);

  if (self->store != NULL)
    {
      g_autofree char *page = kl_store_get_setting (self->store, "ui.page");
      if (g_strcmp0 (page, "targets") == 0)
        {
          adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "targets");
          fit_paned (self, "targets");
        }
    }
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);

  kl_window_reload_settings (self);
  kl_window_reload_library (self);
  update_actions (self);
}

static void
kl_window_dispose (GObject *object)
{
  KlWindow *self = KL_WINDOW (object);

  if (self->editor != NULL)
    kl_editor_set_document (self->editor, NULL);
  close_document (self);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (self->library_list, self->scroll_tick_id);
  self->scroll_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_WINDOW);
  /* After the editor's last buffer change. */
  g_clear_handle_id (&self->follow_id, g_source_remove);
  g_clear_object (&self->organization);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (kl_window_parent_class)->dispose (object);
}

static void
kl_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KlWindow *self = KL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KlWindow *self = KL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void action_insert_sentences (GtkWidget *widget, const char *name, GVariant *param);
static void action_update_sentences (GtkWidget *widget, const char *name, GVariant *param);

static void
kl_window_class_init (KlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kl_window_constructed;
  object_class->dispose = kl_window_dispose;
  object_class->get_property = kl_window_get_property;
  object_class->set_property = kl_window_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KL_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps its object (and its registering constructor) linked in
   * from the static library. */
  (void) kl_get_resource ();
  g_type_ensure (KL_TYPE_EDITOR);
  g_type_ensure (KL_TYPE_TARGETS_PAGE);
  g_type_ensure (KL_TYPE_PREVIEW);
  g_type_ensure (KL_TYPE_CHECK_PANEL);
  g_type_ensure (KL_TYPE_TASKS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ketluan/Ketluan/kl-window.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KlWindow, name)
  CHILD (toast_overlay);
  CHILD (leaflet);
  CHILD (sidebar);
  CHILD (search_entry);
  CHILD (sidebar_stack);
  CHILD (library_list);
  CHILD (sidebar_status);
  CHILD (content);
  CHILD (switcher_title);
  CHILD (back_button);
  CHILD (issued_revealer);
  CHILD (content_stack);
  CHILD (error_page);
  CHILD (paned);
  CHILD (view_stack);
  CHILD (editor);
  CHILD (targets_page);
  CHILD (preview);
  CHILD (check_panel);
  CHILD (tasks_view);
  CHILD (check_page);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "win.new-document", "s", action_new_document);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", action_new_from_template);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, action_export_pdf);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, action_export_json);
  gtk_widget_class_install_action (widget_class, "win.export-chart", "s", action_export_chart);
  gtk_widget_class_install_action (widget_class, "win.import-json", NULL, action_import_json);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "win.save-revision", NULL, action_save_revision);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, action_history);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, action_duplicate);
  gtk_widget_class_install_action (widget_class, "win.edit-as-draft", NULL, action_edit_as_draft);
  gtk_widget_class_install_action (widget_class, "win.issue", NULL, action_issue);
  gtk_widget_class_install_action (widget_class, "win.insert-sentences", NULL, action_insert_sentences);
  gtk_widget_class_install_action (widget_class, "win.update-sentences", NULL, action_update_sentences);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, action_delete);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", action_show_targets);
}

/* --- generated sentences ------------------------------------------------------------- */

/* The report the sentences speak of: the one shown on the targets page, else the first. */
static KlReport *
sentences_report (KlWindow *self)
{
  KlReport *report = kl_targets_page_get_report (self->targets_page);
  GListModel *reports;

  if (report != NULL || self->document == NULL)
    return report;
  reports = G_LIST_MODEL (kl_document_get_reports (self->document));
  if (g_list_model_get_n_items (reports) == 0)
    return NULL;
  report = g_list_model_get_item (reports, 0);
  g_object_unref (report);   /* the document keeps it */
  return report;
}

/* The sentences as body markup. */
static char *
generate_sentences (KlWindow *self)
{
  KlReport *report = sentences_report (self);

  return report != NULL ? kl_sentences_generate (report) : NULL;
}

/* The sentences last inserted into the open document: kept with the document object and,
 * for a stored document, in the library's settings so that "Update Sentences" still finds
 * them after the document is opened again. */
static void
remember_sentences (KlWindow   *self,
                    const char *markup)
{
  g_object_set_data_full (G_OBJECT (self->document), "kl-sentences", g_strdup (markup), g_free);
  if (self->store != NULL && kl_document_get_id (self->document) != 0 && !kl_store_is_read_only (self->store))
    {
      g_autofree char *key = g_strdup_printf ("sentences:%" G_GINT64_FORMAT, kl_document_get_id (self->document));
      kl_store_set_setting (self->store, key, markup, NULL);
    }
}

static char *
recall_sentences (KlWindow *self)
{
  const char *markup = g_object_get_data (G_OBJECT (self->document), "kl-sentences");
  g_autofree char *key = NULL;

  if (markup != NULL)
    return g_strdup (markup);
  if (self->store == NULL || kl_document_get_id (self->document) == 0)
    return NULL;
  key = g_strdup_printf ("sentences:%" G_GINT64_FORMAT, kl_document_get_id (self->document));
  return kl_store_get_setting (self->store, key);
}

static void
action_insert_sentences (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->document == NULL || !kl_editor_get_editable (self->editor))
    return;
  text = generate_sentences (self);
  if (text == NULL || *text == '\0')
    {
      kl_window_toast (self, _("No targets to write sentences about"));
      return;
    }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "document");
  kl_editor_insert_markup (self->editor, text);
  remember_sentences (self, text);
}

static void
update_sentences_response (AdwMessageDialog *dialog,
                           const char       *response,
                           KlWindow         *self)
{
  const char *old_text = g_object_get_data (G_OBJECT (dialog), "kl-old");
  const char *new_text = g_object_get_data (G_OBJECT (dialog), "kl-new");

  if (g_strcmp0 (response, "replace") != 0 || self->document == NULL)
    return;
  if (kl_editor_replace_markup (self->editor, old_text, new_text))
    remember_sentences (self, new_text);
  else
    kl_window_toast (self, _("The sentences inserted before are no longer in the text"));
}

static void
action_update_sentences (GtkWidget *widget, const char *name, GVariant *param)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *diff = NULL;
  GtkWidget *dialog, *scroller, *label;

  if (self->document == NULL || !kl_editor_get_editable (self->editor))
    return;
  kl_editor_flush (self->editor);
  old_text = recall_sentences (self);
  if (old_text == NULL || !kl_editor_find_markup (self->editor, old_text, &(GtkTextIter) {0}, &(GtkTextIter) {0}))
    {
      kl_window_toast (self, _("No inserted sentences found: insert them first"));
      return;
    }
  new_text = generate_sentences (self);
  if (new_text == NULL || g_strcmp0 (old_text, new_text) == 0)
    {
      kl_window_toast (self, _("The sentences are up to date"));
      return;
    }
  diff = kl_sentences_diff (old_text, new_text);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Update Sentences?"),
                                   _("The targets changed. Lines starting with − are replaced by lines starting with +."));
  label = gtk_label_new (diff);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "replace");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kl-old", g_strdup (old_text), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "kl-new", g_steal_pointer (&new_text), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (update_sentences_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The badge on the Check tab: errors, or warnings when there are no errors. */
static void
update_check_badge (KlWindow *self)
{
  guint errors = kl_check_panel_get_n_errors (self->check_panel);
  guint warnings = kl_check_panel_get_n_warnings (self->check_panel);

  adw_view_stack_page_set_badge_number (self->check_page, errors > 0 ? errors : warnings);
  adw_view_stack_page_set_needs_attention (self->check_page, errors > 0);
}

static void
on_check_go_to (KlWindow   *self,
                const char *field,
                guint       line)
{
  if (field != NULL && g_str_has_prefix (field, "reports["))
    {
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "targets");
      return;
    }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "document");
  kl_editor_go_to (self->editor, field);
}

/* A task of another document (listed under All Documents) opens it; the one open is
 * saved first, as whenever another document is opened. */
static void
on_tasks_show_task (KlWindow *self,
                    KlTask   *task)
{
  gint64 id = kl_task_get_document_id (task);

  if (id != 0 && self->store != NULL
      && (self->document == NULL || kl_document_get_id (self->document) != id))
    {
      g_autoptr(GError) error = NULL;

      if (!kl_window_open_document (self, id, &error))
        {
          toast_error (self, error);
          return;
        }
    }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), "document");
  kl_editor_go_to_text (self->editor, kl_task_get_body_line (task), kl_task_get_text (task));
}

/* --- the preview follows the text ------------------------------------------------------ */

static gboolean
follow_cursor_cb (gpointer data)
{
  KlWindow *self = data;
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (self->editor);
  GtkTextIter iter;

  self->follow_id = 0;
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  kl_preview_follow_body_block (self->preview, kl_body_buffer_get_block_at (buffer, &iter));
  return G_SOURCE_REMOVE;
}

/* Once per main loop turn, after the editor has written an edit to the document (a
 * higher priority idle), so the preview knows a layout of it is coming. */
static void
follow_cursor (KlWindow *self)
{
  /* The preview is gone once the window disposed its template. */
  if (self->follow_id == 0 && self->preview != NULL)
    self->follow_id = g_idle_add (follow_cursor_cb, self);
}

static void
on_body_mark_set (KlWindow          *self,
                  const GtkTextIter *location,
                  GtkTextMark       *mark,
                  GtkTextBuffer     *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    follow_cursor (self);
}

static void
on_tasks_open_document (KlWindow   *self,
                        KlDocument *document)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!kl_store_save_document (self->store, document, &error))
    {
      toast_error (self, error);
      return;
    }
  set_document (self, document);
  kl_window_reload_library (self);
}

static void
kl_window_init (KlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_page_style_init_default (&self->style);

  g_signal_connect_swapped (self->library_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->library_list, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (self->editor, "message", G_CALLBACK (on_child_message), self);
  g_signal_connect_swapped (self->targets_page, "message", G_CALLBACK (on_child_message), self);
  /* The check panel may outlive the window: its worker task holds it until the check
   * ends, and the result is then announced to a window that may be gone. */
  g_signal_connect_object (self->check_panel, "notify::n-errors", G_CALLBACK (update_check_badge), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_panel, "notify::n-warnings", G_CALLBACK (update_check_badge), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_panel, "prepare", G_CALLBACK (kl_editor_flush), self->editor, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->check_panel, "go-to", G_CALLBACK (on_check_go_to), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kl_editor_get_body_buffer (self->editor), "changed",
                           G_CALLBACK (follow_cursor), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kl_editor_get_body_buffer (self->editor), "mark-set",
                           G_CALLBACK (on_body_mark_set), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->tasks_view, "message", G_CALLBACK (on_child_message), self);
  g_signal_connect_swapped (self->tasks_view, "open-document", G_CALLBACK (on_tasks_open_document), self);
  g_signal_connect_swapped (self->tasks_view, "show-task", G_CALLBACK (on_tasks_show_task), self);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry), NULL);
  gtk_paned_set_position (GTK_PANED (self->paned), 560);
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "empty");
}

KlWindow *
kl_window_new (GtkApplication *app,
               KlStore        *store)
{
  return g_object_new (KL_TYPE_WINDOW, "application", app, "store", store, NULL);
}
