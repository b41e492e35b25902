/* kl-layout.c: Pango layouts measured once and cached, and the display items of a page. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "kl-layout.h"
#include "kl-fonts.h"
#include "kl-renderer.h"

/* Layouts are cached by (markup, style) so that a one-character edit in the preview
 * re-lays out one paragraph, not the whole document. Bounded: cleared when full. */
#define CACHE_MAX 20000
/* Trimming starts above this many layouts and keeps what the last few layouts used
 * (the preview and an export may run side by side on different documents). */
#define CACHE_TRIM_ABOVE 512
#define CACHE_KEEP_GENERATIONS 4

static GMutex cache_lock;
static GHashTable *cache;
static guint generation;

static void
free_context (gpointer data)
{
  g_object_unref (data);
}

/* One Pango context per thread: a context is not thread-safe, layouts made from it are
 * read-only once measured. */
static GPrivate context_key = G_PRIVATE_INIT (free_context);

static PangoContext *
get_context (void)
{
  PangoContext *context = g_private_get (&context_key);

  if (context == NULL)
    {
      context = kl_fonts_create_context ();
      g_private_set (&context_key, context);
    }
  return context;
}

char *
kl_markup_escape_nfc (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return g_strdup ("");
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)   /* invalid UTF-8: escape what is there rather than lose the paragraph */
    return g_markup_escape_text (text, -1);
  return g_markup_escape_text (nfc, -1);
}

KlText *
kl_text_ref (KlText *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_atomic_ref_count_inc (&text->ref);
  return text;
}

void
kl_text_unref (KlText *text)
{
  if (text == NULL)
    return;
  if (!g_atomic_ref_count_dec (&text->ref))
    return;
  g_clear_object (&text->layout);
  g_free (text->top);
  g_free (text->bottom);
  g_free (text->baseline);
  g_free (text->x);
  g_array_unref (text->refs);
  g_free (text);
}

double
kl_text_lines_height (KlText *text, int first, int n)
{
  g_return_val_if_fail (text != NULL, 0);
  if (n <= 0 || first >= text->n_lines)
    return 0;
  if (first + n > text->n_lines)
    n = text->n_lines - first;
  return text->bottom[first + n - 1] - text->top[first];
}

void
kl_text_cache_clear (void)
{
  g_mutex_lock (&cache_lock);
  if (cache != NULL)
    g_hash_table_remove_all (cache);
  g_mutex_unlock (&cache_lock);
}

void
kl_text_cache_next_generation (void)
{
  g_mutex_lock (&cache_lock);
  generation++;
  g_mutex_unlock (&cache_lock);
}

static gboolean
is_stale (gpointer key, gpointer value, gpointer user_data)
{
  KlText *text = value;
  return text->last_use + CACHE_KEEP_GENERATIONS <= generation;
}

void
kl_text_cache_trim (void)
{
  g_mutex_lock (&cache_lock);
  if (cache != NULL && g_hash_table_size (cache) > CACHE_TRIM_ABOVE)
    g_hash_table_foreach_remove (cache, is_stale, NULL);
  g_mutex_unlock (&cache_lock);
}

guint
kl_text_cache_size (void)
{
  guint n;

  g_mutex_lock (&cache_lock);
  n = cache ? g_hash_table_size (cache) : 0;
  g_mutex_unlock (&cache_lock);
  return n;
}

static void
find_refs (KlText *text)
{
  PangoAttrList *attrs = pango_layout_get_attributes (text->layout);
  const char *s = pango_layout_get_text (text->layout);
  GSList *list;

  if (attrs == NULL)
    return;
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      /* Footnote references are the raised text with an odd rise (KL_REF_RISE). */
      if (attr->klass->type == PANGO_ATTR_RISE && ((PangoAttrInt *) attr)->value > 0 &&
          (((PangoAttrInt *) attr)->value & 1) == 1)
        {
          KlTextRef ref = { 0, 0 };
          const char *p = s + attr->start_index;
          int x;

          while (*p == '(')
            p++;
          ref.number = (guint) g_ascii_strtoull (p, NULL, 10);
          pango_layout_index_to_line_x (text->layout, attr->start_index, FALSE, &ref.line, &x);
          if (ref.number > 0)
            g_array_append_val (text->refs, ref);
        }
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);
}

static KlText *
measure (const char *markup, const KlTextStyle *style)
{
  KlText *text = g_new0 (KlText, 1);
  PangoFontDescription *desc;
  PangoLayoutIter *iter;
  double y = 0;
  int i = 0;

  g_atomic_ref_count_init (&text->ref);
  text->refs = g_array_new (FALSE, FALSE, sizeof (KlTextRef));
  text->layout = pango_layout_new (get_context ());

  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, style->family);
  pango_font_description_set_size (desc, (int) lround (style->size * PANGO_SCALE));
  pango_layout_set_font_description (text->layout, desc);
  pango_font_description_free (desc);

  if (style->width > 0)
    {
      pango_layout_set_width (text->layout, (int) lround (style->width * PANGO_SCALE));
      pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_indent (text->layout, (int) lround (style->indent * PANGO_SCALE));
  pango_layout_set_alignment (text->layout, style->align);
  pango_layout_set_justify (text->layout, style->justify);
  pango_layout_set_markup (text->layout, markup, -1);

  text->n_lines = pango_layout_get_line_count (text->layout);
  text->top = g_new (double, text->n_lines);
  text->bottom = g_new (double, text->n_lines);
  text->baseline = g_new (double, text->n_lines);
  text->x = g_new (double, text->n_lines);

  /* Lines are placed by us, not by Pango's line-spacing: "1.15 lines" in Word adds the
   * extra below each line, so the baseline keeps its distance from the line's top. */
  iter = pango_layout_get_iter (text->layout);
  do
    {
      PangoRectangle logical;
      double natural, spacing = style->line_spacing > 0 ? style->line_spacing : 1.0;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      natural = (double) logical.height / PANGO_SCALE;
      text->top[i] = y;
      text->baseline[i] = y + (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      text->x[i] = (double) logical.x / PANGO_SCALE;
      text->width = MAX (text->width, (double) (logical.x + logical.width) / PANGO_SCALE);
      if (style->line_pitch > 0)
        {
          /* An exact pitch, as Word's "exactly 17 pt": a line made taller by a raised
           * footnote reference keeps the pitch and gives up the extra room above. */
          if (natural > style->line_pitch)
            text->baseline[i] -= natural - style->line_pitch;
          y += style->line_pitch;
        }
      else
        y += natural * spacing;
      text->bottom[i] = y;
      i++;
    }
  while (pango_layout_iter_next_line (iter) && i < text->n_lines);
  pango_layout_iter_free (iter);
  text->height = y;

  find_refs (text);
  text->font_ok = kl_fonts_check_layout (text->layout, style->family, 0, "", NULL);
  return text;
}

KlText *
kl_text_new (const char         *markup,
             const KlTextStyle  *style,
             guint               line,
             const char         *where,
             GError            **error)
{
  g_autofree char *key = NULL;
  KlText *text;

  g_return_val_if_fail (markup != NULL, NULL);
  g_return_val_if_fail (style != NULL && style->family != NULL, NULL);

  key = g_strdup_printf ("%s\x1f%.3f\x1f%.3f\x1f%.3f\x1f%d\x1f%d\x1f%.3f\x1f%.3f\x1f%s",
                         style->family, style->size, style->width, style->indent,
                         (int) style->align, style->justify, style->line_spacing,
                         style->line_pitch, markup);

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) kl_text_unref);
  text = g_hash_table_lookup (cache, key);
  if (text != NULL)
    {
      kl_text_ref (text);
      text->last_use = generation;
    }
  g_mutex_unlock (&cache_lock);

  if (text == NULL)
    {
      text = measure (markup, style);
      g_mutex_lock (&cache_lock);
      if (g_hash_table_size (cache) >= CACHE_MAX)
        g_hash_table_remove_all (cache);
      text->last_use = generation;
      g_hash_table_replace (cache, g_steal_pointer (&key), kl_text_ref (text));
      g_mutex_unlock (&cache_lock);
    }

  if (!text->font_ok)
    {
      /* Rare path: measure again with the caller's place for the message. */
      kl_fonts_check_layout (text->layout, style->family, line, where ? where : N_("the text"), error);
      kl_text_unref (text);
      return NULL;
    }
  return text;
}

KlItem *
kl_item_new_text (KlText *text, double x, double y, int first_line, int n_lines)
{
  KlItem *item = g_new0 (KlItem, 1);

  item->type = KL_ITEM_TEXT;
  item->text = kl_text_ref (text);
  item->x = x;
  item->y = y;
  item->first_line = first_line;
  item->n_lines = n_lines;
  return item;
}

KlItem *
kl_item_new_rule (double x1, double y1, double x2, double y2, double line_width)
{
  KlItem *item = g_new0 (KlItem, 1);

  item->type = KL_ITEM_RULE;
  item->x = x1;
  item->y = y1;
  item->w = x2 - x1;
  item->h = y2 - y1;
  item->line_width = line_width;
  return item;
}

KlItem *
kl_item_new_rect (double x, double y, double w, double h,
                  gboolean fill, double r, double g, double b, double line_width)
{
  KlItem *item = g_new0 (KlItem, 1);

  item->type = KL_ITEM_RECT;
  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  item->fill = fill;
  item->rgb[0] = r;
  item->rgb[1] = g;
  item->rgb[2] = b;
  item->line_width = line_width;
  return item;
}

KlItem *
kl_item_new_chart (KlChartKind kind, GPtrArray *reports, double x, double y, double w, double h)
{
  KlItem *item = g_new0 (KlItem, 1);

  item->type = KL_ITEM_CHART;
  item->chart_kind = kind;
  item->reports = g_ptr_array_ref (reports);
  item->x = x;
  item->y = y;
  item->w = w;
  item->h = h;
  return item;
}

KlItem *
kl_item_new_chart_part (KlChartKind kind, GPtrArray *reports, double x, double y, double w, double h,
                        guint row_first, guint row_end, gboolean last)
{
  KlItem *item = kl_item_new_chart (kind, reports, x, y, w, h);

  item->chart_split = TRUE;
  item->row_first = row_first;
  item->row_end = row_end;
  item->rows_last = last;
  return item;
}

KlItem *
kl_item_new_dest (const char *name, double x, double y)
{
  KlItem *item = g_new0 (KlItem, 1);

  item->type = KL_ITEM_DEST;
  item->name = g_strdup (name);
  item->x = x;
  item->y = y;
  return item;
}

KlItem *
kl_item_copy_at (const KlItem *item, double dx, double dy)
{
  KlItem *copy = g_new (KlItem, 1);

  *copy = *item;
  copy->x += dx;
  copy->y += dy;
  if (copy->text != NULL)
    kl_text_ref (copy->text);
  if (copy->reports != NULL)
    g_ptr_array_ref (copy->reports);
  copy->name = g_strdup (item->name);
  return copy;
}

void
kl_item_free (KlItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->text, kl_text_unref);
  g_clear_pointer (&item->reports, g_ptr_array_unref);
  g_free (item->name);
  g_free (item);
}

void
kl_item_draw (const KlItem *item, cairo_t *cr, const char *family)
{
  switch (item->type)
    {
    case KL_ITEM_TEXT:
      cairo_set_source_rgb (cr, 0, 0, 0);
      {
        int last = MIN (item->first_line + item->n_lines, item->text->n_lines);
        for (int i = item->first_line; i < last; i++)
          {
            PangoLayoutLine *line = pango_layout_get_line_readonly (item->text->layout, i);
            cairo_move_to (cr, item->x + item->text->x[i], item->y + item->text->baseline[i]);
            pango_cairo_show_layout_line (cr, line);
          }
      }
      break;

    case KL_ITEM_RULE:
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, item->line_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
      cairo_move_to (cr, item->x, item->y);
      cairo_rel_line_to (cr, item->w, item->h);
      cairo_stroke (cr);
      break;

    case KL_ITEM_RECT:
      cairo_rectangle (cr, item->x, item->y, item->w, item->h);
      if (item->fill)
        {
          cairo_set_source_rgb (cr, item->rgb[0], item->rgb[1], item->rgb[2]);
          cairo_fill (cr);
        }
      else
        {
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, item->line_width);
          cairo_stroke (cr);
        }
      break;

    case KL_ITEM_CHART:
      cairo_save (cr);
      cairo_translate (cr, item->x, item->y);
      cairo_rectangle (cr, 0, 0, item->w, item->h);
      cairo_clip (cr);
      if (item->chart_split)
        kl_chart_draw_rows (item->chart_kind, (KlReport **) item->reports->pdata, item->reports->len,
                            family, cr, item->w, item->row_first, item->row_end, item->rows_last);
      else
        kl_chart_draw (item->chart_kind, (KlReport **) item->reports->pdata, item->reports->len,
                       family, cr, item->w, item->h);
      cairo_restore (cr);
      break;

    case KL_ITEM_DEST:
      {
        g_autofree char *attrs = g_strdup_printf ("name='%s' x=%g y=%g", item->name, item->x, item->y);
        /* Only PDF surfaces act on tags; others ignore them. */
        cairo_tag_begin (cr, CAIRO_TAG_DEST, attrs);
        cairo_tag_end (cr, CAIRO_TAG_DEST);
      }
      break;
    }
}
