/* kl-fonts.c: choosing the document font through fontconfig and refusing silent fallbacks. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "kl-fonts.h"
#include "kl-renderer.h"

const char * const kl_fonts_candidates[] = {
  "Times New Roman", "Liberation Serif", "Tinos", NULL
};

static gboolean
family_installed (const char *family)
{
  FcPattern *pattern;
  FcPattern *match;
  FcResult result;
  gboolean found = FALSE;

  /* FcFontMatch always returns something (Times New Roman is aliased to Liberation Serif):
   * the family is installed only when the match carries that very name. */
  pattern = FcPatternCreate ();
  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  FcConfigSubstitute (NULL, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (NULL, pattern, &result);
  if (match != NULL)
    {
      FcChar8 *name = NULL;
      for (int i = 0; FcPatternGetString (match, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (g_ascii_strcasecmp ((const char *) name, family) == 0)
          {
            found = TRUE;
            break;
          }
      FcPatternDestroy (match);
    }
  FcPatternDestroy (pattern);
  return found;
}

char *
kl_fonts_resolve_family (const char *preferred, GError **error)
{
  static GMutex lock;
  static GHashTable *cache;
  char *hit;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  hit = g_hash_table_lookup (cache, preferred ? preferred : "");
  if (hit != NULL)
    {
      char *copy = g_strdup (hit);
      g_mutex_unlock (&lock);
      return copy;
    }

  if (preferred != NULL && preferred[0] != '\0' && family_installed (preferred))
    hit = g_strdup (preferred);
  for (guint i = 0; hit == NULL && kl_fonts_candidates[i] != NULL; i++)
    if (family_installed (kl_fonts_candidates[i]))
      hit = g_strdup (kl_fonts_candidates[i]);

  if (hit == NULL)
    {
      g_mutex_unlock (&lock);
      if (preferred != NULL)
        g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT,
                     _("none of the fonts '%s', Times New Roman, Liberation Serif, Tinos is "
                       "installed (on Debian: apt install fonts-liberation2)"), preferred);
      else
        g_set_error_literal (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT,
                             _("none of the fonts Times New Roman, Liberation Serif, Tinos is "
                               "installed (on Debian: apt install fonts-liberation2)"));
      return NULL;
    }
  g_hash_table_insert (cache, g_strdup (preferred ? preferred : ""), g_strdup (hit));
  g_mutex_unlock (&lock);
  return hit;
}

PangoContext *
kl_fonts_create_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string ("vi"));
  cairo_font_options_destroy (options);
  return context;
}

static void
set_glyph_error (GError     **error,
                 const char  *text,
                 const char  *family,
                 const char  *used,
                 guint        line,
                 const char  *where)
{
  gunichar c = g_utf8_get_char (text);
  char buf[8] = { 0 };

  g_unichar_to_utf8 (c, buf);
  /* @where is a phrase marked with N_() ("the header"), translated here. */
  if (used != NULL)
    kl_core_set_error_at_line (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT, line,
                               /* TRANSLATORS: the character, its code point, where it is
                                * ("the header", "row 3 of a table"), the font, the font
                                * that has the character. */
                               _("character '%s' (U+%04X) in %s is not in the font %s (it "
                                 "would be drawn with %s)"),
                               buf, c, _(where), family, used);
  else
    kl_core_set_error_at_line (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT, line,
                               _("character '%s' (U+%04X) in %s cannot be drawn with the "
                                 "font %s"),
                               buf, c, _(where), family);
}

static void
unref_table (gpointer data)
{
  g_hash_table_unref (data);
}

/* Describing a font allocates; a layout has many runs but a document few fonts, so the
 * family of each font is remembered (per thread: the font map is per thread too). */
static GPrivate families_key = G_PRIVATE_INIT (unref_table);

static const char *
font_family_of (PangoFont *font)
{
  GHashTable *families = g_private_get (&families_key);
  const char *family;

  if (font == NULL)
    return NULL;
  if (families == NULL)
    {
      families = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
      g_private_set (&families_key, families);
    }
  family = g_hash_table_lookup (families, font);
  if (family == NULL)
    {
      PangoFontDescription *desc = pango_font_describe (font);
      family = g_intern_string (pango_font_description_get_family (desc) ?
                                pango_font_description_get_family (desc) : "");
      pango_font_description_free (desc);
      g_hash_table_insert (families, g_object_ref (font), (gpointer) family);
    }
  return family;
}

gboolean
kl_fonts_check_layout (PangoLayout *layout,
                       const char  *family,
                       guint        line,
                       const char  *where,
                       GError     **error)
{
  const char *text;
  PangoLayoutIter *iter;
  gboolean ok = TRUE;

  g_return_val_if_fail (PANGO_IS_LAYOUT (layout), FALSE);
  g_return_val_if_fail (family != NULL, FALSE);

  text = pango_layout_get_text (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoItem *item;
      const char *run_text;
      const char *used;

      if (run == NULL)
        continue;
      item = run->item;
      run_text = text + item->offset;
      used = font_family_of (item->analysis.font);
      if (used == NULL || g_ascii_strcasecmp (used, family) != 0)
        {
          /* The first character that is not a blank (blanks never fall back visibly). */
          const char *p = run_text;
          while (p < run_text + item->length && g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p < run_text + item->length)
            {
              set_glyph_error (error, p, family, used, line, where);
              ok = FALSE;
            }
        }
      else
        {
          for (int g = 0; g < run->glyphs->num_glyphs; g++)
            if (run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
              {
                gunichar c = run->glyphs->glyphs[g].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
                char buf[8] = { 0 };
                if (g_unichar_isspace (c) || c == 0x2028 || c == 0xAD)
                  continue;
                g_unichar_to_utf8 (c, buf);
                set_glyph_error (error, buf, family, NULL, line, where);
                ok = FALSE;
                break;
              }
        }
    }
  while (ok && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  return ok;
}
