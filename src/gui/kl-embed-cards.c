/* kl-embed-cards.c: cards over the embeds of the body view, so a chart reads as an object, not syntax. */
#include <glib/gi18n.h>
#include "kl-embed-cards.h"
#include "kl-report.h"

/* Room between a card and the edges of its line, in pixels. */
#define CARD_INSET 3

typedef struct
{
  GtkTextView  *view;        /* unowned: the state lives in its data */
  GtkTextBuffer *buffer;
  gulong        changed_id;
  gulong        mark_id;
  GPtrArray    *cards;       /* GtkWidget, in the order of the embeds */
  GListModel   *reports;
  gulong        reports_id;
  GMenuModel   *menu;
  char         *menu_key;    /* the report titles the menu was made for */
  guint         idle_id;
  GtkOverlay   *overlay;     /* holds the view and the cards over it (weak pointer) */
  gulong        position_id;
  GSimpleActionGroup *actions; /* "embed" of the view: its context menu, on the cursor's embed */
} EmbedCards;

static const char * const kind_names[] = {
  N_("Target table"),
  N_("Achievement chart"),
  N_("Bullet charts"),
  N_("Status summary"),
  N_("Trend across reports"),
};

const char *
kl_embed_kind_name (KlEmbedKind kind)
{
  g_return_val_if_fail (kind < KL_EMBED_N_KINDS, NULL);
  return _(kind_names[kind]);
}

const char *
kl_embed_kind_icon (KlEmbedKind kind)
{
  g_return_val_if_fail (kind < KL_EMBED_N_KINDS, NULL);
  return kind == KL_EMBED_TARGETS ? "x-office-spreadsheet-symbolic" : "x-office-presentation-symbolic";
}

static guint
n_reports (GListModel *reports)
{
  return reports != NULL ? g_list_model_get_n_items (reports) : 0;
}

static char *
report_title (GListModel *reports,
              guint       report)
{
  g_autoptr(KlReport) item = g_list_model_get_item (reports, report - 1);
  const char *title = item != NULL ? kl_report_get_title (item) : NULL;

  return title != NULL && *title != '\0' ? g_strdup (title) : NULL;
}

char *
kl_embed_describe (KlEmbedKind  kind,
                   guint        report,
                   GListModel  *reports,
                   gboolean    *missing)
{
  guint n = n_reports (reports);
  g_autofree char *title = NULL;

  g_return_val_if_fail (kind < KL_EMBED_N_KINDS, NULL);

  if (missing != NULL)
    *missing = report == 0 || report > n;
  if (report == 0 || report > n)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s · Report %u is not in the document: it has %u report",
                                         "%s · Report %u is not in the document: it has %u reports", n),
                            kl_embed_kind_name (kind), report, n);
  title = report_title (reports, report);
  if (title == NULL)
    return g_strdup_printf (_("%s · Report %u"), kl_embed_kind_name (kind), report);
  return g_strdup_printf (_("%s · Report %u — %s"), kl_embed_kind_name (kind), report, title);
}

static EmbedCards *
get_cards (GtkTextView *view)
{
  return g_object_get_data (G_OBJECT (view), "kl-embed-cards");
}

/* --- the card's menu -------------------------------------------------------------------- */

/* The embed a card is over, FALSE when the text under it went. */
static gboolean
card_iter (GtkWidget   *card,
           GtkTextIter *iter)
{
  GtkTextMark *mark = g_object_get_data (G_OBJECT (card), "kl-mark");

  if (mark == NULL || gtk_text_mark_get_deleted (mark))
    return FALSE;
  gtk_text_buffer_get_iter_at_mark (gtk_text_mark_get_buffer (mark), iter, mark);
  return kl_body_buffer_get_embed (iter, NULL, NULL);
}

static void
schedule_update (EmbedCards *self);

/* The embed beside the cursor (after it, else before it), or the one selected alone. */
static gboolean
cursor_embed (GtkTextView *view,
              GtkTextIter *iter)
{
  GtkTextIter start, end;

  if (gtk_text_buffer_get_selection_bounds (gtk_text_view_get_buffer (view), &start, &end))
    {
      *iter = start;
      gtk_text_iter_forward_char (&start);
      return gtk_text_iter_equal (&start, &end) && kl_body_buffer_get_embed (iter, NULL, NULL);
    }
  *iter = start;
  if (kl_body_buffer_get_embed (iter, NULL, NULL))
    return TRUE;
  return gtk_text_iter_backward_char (iter) && kl_body_buffer_get_embed (iter, NULL, NULL);
}

/* The menus act on the embed of a card, or (the view's context menu) on the cursor's. */
static GtkTextView *
target_embed (GtkWidget   *target,
              GtkTextIter *iter)
{
  GtkTextView *view;

  if (GTK_IS_TEXT_VIEW (target))
    {
      view = GTK_TEXT_VIEW (target);
      if (!cursor_embed (view, iter))
        return NULL;
    }
  else
    {
      view = g_object_get_data (G_OBJECT (target), "kl-view");
      if (!card_iter (target, iter))
        return NULL;
    }
  return gtk_text_view_get_editable (view) ? view : NULL;
}

static void
change_embed (GtkWidget  *target,
              int         kind,
              guint       report)
{
  GtkTextIter iter;
  GtkTextView *view = target_embed (target, &iter);
  KlEmbedKind old_kind;
  guint old_report;

  if (view == NULL)
    return;
  kl_body_buffer_get_embed (&iter, &old_kind, &old_report);
  kl_body_buffer_set_embed (gtk_text_view_get_buffer (view), &iter,
                            kind >= 0 ? (KlEmbedKind) kind : old_kind, report > 0 ? report : old_report);
  schedule_update (get_cards (view));
}

static void
on_kind (GSimpleAction *action,
         GVariant      *value,
         gpointer       data)
{
  const char *name = g_variant_get_string (value, NULL);

  for (guint k = 0; k < KL_EMBED_N_KINDS; k++)
    if (g_str_equal (name, kl_embed_kind_to_string (k)))
      change_embed (data, (int) k, 0);
}

static void
on_report (GSimpleAction *action,
           GVariant      *value,
           gpointer       data)
{
  change_embed (data, -1, g_variant_get_uint32 (value));
}

static void
on_remove (GSimpleAction *action,
           GVariant      *param,
           gpointer       data)
{
  GtkTextIter iter;
  GtkTextView *view = target_embed (data, &iter);

  if (view == NULL)
    return;
  kl_body_buffer_remove_embed (gtk_text_view_get_buffer (view), &iter);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  schedule_update (get_cards (view));
}

static GSimpleActionGroup *
new_actions (gpointer target)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  const GActionEntry entries[] = {
    { "kind", NULL, "s", "'targets'", on_kind },
    { "report", NULL, "u", "uint32 1", on_report },
    { "remove", on_remove },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), target);
  return group;
}

/* The state of the "embed" actions of a card or of the view for the embed at @iter (NULL:
 * none, the actions off). */
static void
set_actions (EmbedCards        *self,
             GActionMap        *actions,
             const GtkTextIter *iter)
{
  gboolean editable = iter != NULL && gtk_text_view_get_editable (self->view);
  KlEmbedKind kind = KL_EMBED_TARGETS;
  guint report = 1;

  if (iter != NULL)
    kl_body_buffer_get_embed (iter, &kind, &report);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "kind")),
                             g_variant_new_string (kl_embed_kind_to_string (kind)));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "report")),
                             g_variant_new_uint32 (report));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "kind")), editable);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "report")),
                               editable && n_reports (self->reports) > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (actions, "remove")), editable);
}

/* Kinds, the reports and Remove; in the view's context menu, shown only beside an embed. */
static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target,
             gboolean    context)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  if (context)
    g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (menu, item);
}

static GMenuModel *
build_menu (GListModel *reports,
            gboolean    context)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  guint n = n_reports (reports);

  for (guint k = 0; k < KL_EMBED_N_KINDS; k++)
    append_item (kinds, kl_embed_kind_name (k), "embed.kind", g_variant_new_string (kl_embed_kind_to_string (k)),
                 context);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (kinds));
  if (n > 0)
    {
      g_autoptr(GMenu) section = g_menu_new ();

      for (guint r = 1; r <= n; r++)
        {
          g_autofree char *title = report_title (reports, r);
          g_autofree char *label = title != NULL ? g_strdup_printf (_("Report %u — %s"), r, title)
                                                 : g_strdup_printf (_("Report %u"), r);

          append_item (section, label, "embed.report", g_variant_new_uint32 (r), context);
        }
      /* A heading would stay in the context menu with its items hidden. */
      g_menu_append_section (menu, context ? NULL : _("Report"), G_MENU_MODEL (section));
    }
  append_item (remove, context ? _("Remove Table or Chart") : _("_Remove"), "embed.remove", NULL, context);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (menu);
}

/* The menu again when the reports or their titles changed. */
static void
refresh_menu (EmbedCards *self)
{
  GString *key = g_string_new (NULL);
  guint n = n_reports (self->reports);

  for (guint r = 1; r <= n; r++)
    {
      g_autofree char *title = report_title (self->reports, r);
      g_string_append_printf (key, "%s\n", title != NULL ? title : "");
    }
  if (self->menu != NULL && g_strcmp0 (key->str, self->menu_key) == 0)
    {
      g_string_free (key, TRUE);
      return;
    }
  g_free (self->menu_key);
  self->menu_key = g_string_free (key, FALSE);
  g_clear_object (&self->menu);
  self->menu = build_menu (self->reports, FALSE);
  for (guint i = 0; i < self->cards->len; i++)
    gtk_menu_button_set_menu_model (g_ptr_array_index (self->cards, i), self->menu);
  {
    g_autoptr(GMenuModel) context = build_menu (self->reports, TRUE);
    gtk_text_view_set_extra_menu (self->view, context);
  }
}

static GtkWidget *
new_card (EmbedCards *self)
{
  GtkWidget *card = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autoptr(GSimpleActionGroup) group = new_actions (card);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (card), box);
  /* Left, like text: the menu button centres what it holds in its button. */
  for (GtkWidget *w = box; w != NULL && w != card; w = gtk_widget_get_parent (w))
    gtk_widget_set_halign (w, GTK_ALIGN_FILL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (card), self->menu);
  gtk_widget_add_css_class (card, "kl-embed-card");
  /* The cursor stays in the text: the card is reached by the mouse, its embed by the keys. */
  gtk_widget_set_focus_on_click (card, FALSE);
  gtk_widget_set_can_focus (card, FALSE);
  g_object_set_data (G_OBJECT (card), "kl-view", self->view);
  g_object_set_data (G_OBJECT (card), "kl-icon", icon);
  g_object_set_data (G_OBJECT (card), "kl-label", label);
  gtk_widget_insert_action_group (card, "embed", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (card), "kl-actions", g_object_ref (group), g_object_unref);
  gtk_overlay_add_overlay (self->overlay, card);
  return card;
}

/* What the card over the embed at @iter shows, and the state of its menu. */
static void
show_embed (EmbedCards  *self,
            GtkWidget   *card,
            GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextMark *mark = g_object_get_data (G_OBJECT (card), "kl-mark");
  g_autofree char *text = NULL;
  KlEmbedKind kind;
  guint report;
  gboolean missing;

  kl_body_buffer_get_embed (iter, &kind, &report);
  if (mark == NULL)
    {
      mark = gtk_text_buffer_create_mark (buffer, NULL, iter, TRUE);
      g_object_set_data_full (G_OBJECT (card), "kl-mark", g_object_ref (mark), g_object_unref);
    }
  else
    gtk_text_buffer_move_mark (buffer, mark, iter);

  text = kl_embed_describe (kind, report, self->reports, &missing);
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "kl-label"), text);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (card), "kl-icon"),
                                missing ? "dialog-warning-symbolic" : kl_embed_kind_icon (kind));
  gtk_widget_set_tooltip_text (card, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (missing)
    gtk_widget_add_css_class (card, "error");
  else
    gtk_widget_remove_css_class (card, "error");
  set_actions (self, g_object_get_data (G_OBJECT (card), "kl-actions"), iter);
}

/* A card is highlighted while the cursor is beside its embed or the selection holds it;
 * the view's context menu then acts on that embed. */
static void
show_selection (EmbedCards *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end, cursor;
  gboolean selection = gtk_text_buffer_get_selection_bounds (buffer, &start, &end);

  set_actions (self, G_ACTION_MAP (self->actions), cursor_embed (self->view, &cursor) ? &cursor : NULL);
  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *card = g_ptr_array_index (self->cards, i);
      GtkTextIter iter, after;
      gboolean selected;

      if (!card_iter (card, &iter))
        continue;
      after = iter;
      gtk_text_iter_forward_char (&after);
      if (selection)
        selected = gtk_text_iter_compare (&start, &iter) <= 0 && gtk_text_iter_compare (&after, &end) <= 0;
      else
        selected = gtk_text_iter_equal (&start, &iter) || gtk_text_iter_equal (&start, &after);
      if (selected)
        gtk_widget_add_css_class (card, "kl-selected");
      else
        gtk_widget_remove_css_class (card, "kl-selected");
    }
}

/* Each card over the line of its embed, as wide as the text: the overlay asks as it lays
 * out the view, so the cards follow the text. */
static gboolean
on_child_position (GtkOverlay    *overlay,
                   GtkWidget     *card,
                   GtkAllocation *place,
                   EmbedCards    *self)
{
  GtkTextIter iter;
  GdkRectangle location;
  int y, height, x, top;

  if (g_object_get_data (G_OBJECT (card), "kl-view") != self->view || !card_iter (card, &iter))
    return FALSE;
  gtk_text_view_get_iter_location (self->view, &iter, &location);
  gtk_text_view_get_line_yrange (self->view, &iter, &y, &height);
  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_WIDGET, location.x, y, &x, &top);
  /* From the embed's character on, which it hides. */
  place->x = x;
  place->y = top + CARD_INSET;
  place->width = MAX (gtk_widget_get_width (GTK_WIDGET (self->view)) - x
                     - gtk_text_view_get_right_margin (self->view), 40);
  place->height = MAX (height - 2 * CARD_INSET, 16);
  return TRUE;
}

void
kl_embed_cards_update (GtkTextView *view)
{
  EmbedCards *self;
  GtkTextBuffer *buffer;
  GtkTextIter iter, end;
  guint n = 0;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  self = get_cards (view);
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->overlay == NULL)
    return;
  refresh_menu (self);
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  while (kl_body_buffer_find_embed (&iter, &end))
    {
      if (n >= self->cards->len)
        g_ptr_array_add (self->cards, new_card (self));
      show_embed (self, g_ptr_array_index (self->cards, n), &iter);
      n++;
      gtk_text_iter_forward_char (&iter);
    }
  while (self->cards->len > n)
    {
      GtkWidget *card = g_ptr_array_steal_index (self->cards, self->cards->len - 1);
      GtkTextMark *mark = g_object_get_data (G_OBJECT (card), "kl-mark");

      if (mark != NULL && !gtk_text_mark_get_deleted (mark))
        gtk_text_buffer_delete_mark (buffer, mark);
      gtk_overlay_remove_overlay (self->overlay, card);
    }
  show_selection (self);
  /* Lines may have moved without the view changing size. */
  if (self->cards->len > 0)
    gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

static gboolean
update_idle (gpointer data)
{
  EmbedCards *self = data;

  self->idle_id = 0;
  kl_embed_cards_update (self->view);
  return G_SOURCE_REMOVE;
}

static void
schedule_update (EmbedCards *self)
{
  if (self != NULL && self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle, self, NULL);
}

static void
on_mark_set (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             EmbedCards    *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    show_selection (self);
}

static void
embed_cards_free (gpointer data)
{
  EmbedCards *self = data;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->reports != NULL)
    g_clear_signal_handler (&self->reports_id, self->reports);
  g_clear_object (&self->reports);
  g_clear_signal_handler (&self->changed_id, self->buffer);
  g_clear_signal_handler (&self->mark_id, self->buffer);
  g_clear_object (&self->buffer);
  g_clear_object (&self->menu);
  g_clear_object (&self->actions);
  if (self->overlay != NULL)
    {
      g_clear_signal_handler (&self->position_id, self->overlay);
      g_object_remove_weak_pointer (G_OBJECT (self->overlay), (gpointer *) &self->overlay);
    }
  g_free (self->menu_key);
  g_ptr_array_unref (self->cards);
  g_free (self);
}

void
kl_embed_cards_attach (GtkTextView *view,
                       GtkOverlay  *overlay)
{
  EmbedCards *self;
  GtkTextBuffer *buffer;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (GTK_IS_OVERLAY (overlay));
  g_return_if_fail (gtk_overlay_get_child (overlay) == GTK_WIDGET (view));
  g_return_if_fail (get_cards (view) == NULL);

  self = g_new0 (EmbedCards, 1);
  self->view = view;
  self->overlay = overlay;
  self->cards = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (view), "kl-embed-cards", self, embed_cards_free);
  buffer = gtk_text_view_get_buffer (view);
  self->buffer = g_object_ref (buffer);
  self->changed_id = g_signal_connect_swapped (buffer, "changed", G_CALLBACK (schedule_update), self);
  self->mark_id = g_signal_connect (buffer, "mark-set", G_CALLBACK (on_mark_set), self);
  g_signal_connect_swapped (view, "notify::editable", G_CALLBACK (schedule_update), self);
  g_object_add_weak_pointer (G_OBJECT (overlay), (gpointer *) &self->overlay);
  self->position_id = g_signal_connect (overlay, "get-child-position", G_CALLBACK (on_child_position), self);
  self->actions = new_actions (view);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "embed", G_ACTION_GROUP (self->actions));
  refresh_menu (self);
}

void
kl_embed_cards_set_reports (GtkTextView *view,
                            GListModel  *reports)
{
  EmbedCards *self;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (reports == NULL || G_IS_LIST_MODEL (reports));
  self = get_cards (view);
  g_return_if_fail (self != NULL);

  if (self->reports != reports)
    {
      if (self->reports != NULL)
        g_clear_signal_handler (&self->reports_id, self->reports);
      g_set_object (&self->reports, reports);
      if (reports != NULL)
        self->reports_id = g_signal_connect_swapped (reports, "items-changed", G_CALLBACK (schedule_update), self);
    }
  schedule_update (self);
}

guint
kl_embed_cards_get_n_cards (GtkTextView *view)
{
  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), 0);
  g_return_val_if_fail (get_cards (view) != NULL, 0);
  return get_cards (view)->cards->len;
}

GtkWidget *
kl_embed_cards_get_card (GtkTextView *view,
                         guint        n)
{
  EmbedCards *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  self = get_cards (view);
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n < self->cards->len, NULL);
  return g_ptr_array_index (self->cards, n);
}
