/* kl-embed-cards.h: the body view shows each embed (a target table or chart) as a card. */
#pragma once

#include <gtk/gtk.h>
#include "kl-body-buffer.h"

G_BEGIN_DECLS

/* Puts a card over the line of each embed of @view's buffer, in @overlay (whose child is
 * @view), kept in place as the text moves: its icon and what it shows, a menu to change its
 * kind or report or remove it. */
void        kl_embed_cards_attach      (GtkTextView *view,
                                        GtkOverlay  *overlay);
/* The document's reports (KlReport items), which name the cards; NULL: none. */
void        kl_embed_cards_set_reports (GtkTextView *view,
                                        GListModel  *reports);
/* Brings the cards up to date with the buffer now (it happens at idle after each change). */
void        kl_embed_cards_update      (GtkTextView *view);
guint       kl_embed_cards_get_n_cards (GtkTextView *view);
/* The card of the @n-th embed of the buffer; its tooltip says what it shows, and it has
 * the "error" style class when its report is not in the document. */
GtkWidget  *kl_embed_cards_get_card    (GtkTextView *view,
                                        guint        n);
/* The words of a card: "Achievement chart · Report 1 — <title>". TRUE in @missing when
 * the document has no report @report. New string. */
char       *kl_embed_describe          (KlEmbedKind  kind,
                                        guint        report,
                                        GListModel  *reports,
                                        gboolean    *missing);
/* The name of @kind in a sentence ("Achievement chart"), translated. */
const char *kl_embed_kind_name         (KlEmbedKind  kind);
/* The icon of @kind's cards and menu items. */
const char *kl_embed_kind_icon         (KlEmbedKind  kind);

G_END_DECLS
