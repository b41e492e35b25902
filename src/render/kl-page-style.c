/* kl-page-style.c: FORMAT.md's figures as defaults, presets and key-file overrides. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-page-style.h"
#include "kl-renderer.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define TO_MM(pt) ((pt) * 25.4 / 72.0)

void
kl_page_style_init_default (KlPageStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->paper_width = 595.28;
  style->paper_height = 841.89;
  style->margin_top = MM (20);
  style->margin_bottom = MM (20);
  style->margin_left = MM (30);
  style->margin_right = MM (15);
  g_strlcpy (style->font_family, "Times New Roman", sizeof style->font_family);
  style->body_size = 14;
  style->line_spacing = 1.15;
  style->paragraph_spacing = 6;
  style->first_line_indent = MM (12.7);
  style->title_size = 15;
  style->summary_size = 14;
  style->party_size = 15;
  style->header_size = 14;
  style->recipients_size = 12;
  style->footnote_size = 12;
  style->table_size = 12;
  style->signature_space = MM (28);
  /* UNVERIFIED in FORMAT.md: some offices number at the bottom; top is the default. */
  style->page_number_position = KL_PAGE_NUMBER_TOP;
  style->annex_landscape = FALSE;
  style->mark_disagreements = FALSE;
  /* FORMAT.md names both "1.15" and "exactly 17 pt", but they are not the same thing:
   * Word's "multiple 1.15" multiplies the font's single line with its line gap (1.149 em
   * for Times New Roman and its metric twin Liberation Serif: 16.09 pt at 14 pt), giving
   * 18.5 pt; our multiple of Pango's line (ascent + descent, 1.107 em) gives 17.8 pt.
   * Neither is the pitch of the notices offices print, set as "exactly 17 pt" at 14 pt
   * body: that concrete figure is the default, so a page holds the same lines as the
   * Word original; the multiple stays for styles that set line_pitch=0. */
  style->line_pitch = 17;
}

void
kl_page_style_apply_margins_preset (KlPageStyle *style, const char *preset)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (preset != NULL);

  if (g_str_equal (preset, "older"))
    {
      /* UNVERIFIED older practice (FORMAT.md): 25/25/35/15 mm. */
      style->margin_top = MM (25);
      style->margin_bottom = MM (25);
      style->margin_left = MM (35);
      style->margin_right = MM (15);
    }
  else
    {
      style->margin_top = MM (20);
      style->margin_bottom = MM (20);
      style->margin_left = MM (30);
      style->margin_right = MM (15);
    }
}

typedef enum { KEY_MM, KEY_PT, KEY_FACTOR } KeyUnit;

typedef struct {
  const char *name;
  gsize       offset;
  KeyUnit     unit;
} LengthKey;

static const LengthKey length_keys[] = {
  { "paper_width", G_STRUCT_OFFSET (KlPageStyle, paper_width), KEY_MM },
  { "paper_height", G_STRUCT_OFFSET (KlPageStyle, paper_height), KEY_MM },
  { "margin_top", G_STRUCT_OFFSET (KlPageStyle, margin_top), KEY_MM },
  { "margin_bottom", G_STRUCT_OFFSET (KlPageStyle, margin_bottom), KEY_MM },
  { "margin_left", G_STRUCT_OFFSET (KlPageStyle, margin_left), KEY_MM },
  { "margin_right", G_STRUCT_OFFSET (KlPageStyle, margin_right), KEY_MM },
  { "first_line_indent", G_STRUCT_OFFSET (KlPageStyle, first_line_indent), KEY_MM },
  { "signature_space", G_STRUCT_OFFSET (KlPageStyle, signature_space), KEY_MM },
  { "body_size", G_STRUCT_OFFSET (KlPageStyle, body_size), KEY_PT },
  { "paragraph_spacing", G_STRUCT_OFFSET (KlPageStyle, paragraph_spacing), KEY_PT },
  { "title_size", G_STRUCT_OFFSET (KlPageStyle, title_size), KEY_PT },
  { "summary_size", G_STRUCT_OFFSET (KlPageStyle, summary_size), KEY_PT },
  { "party_size", G_STRUCT_OFFSET (KlPageStyle, party_size), KEY_PT },
  { "header_size", G_STRUCT_OFFSET (KlPageStyle, header_size), KEY_PT },
  { "recipients_size", G_STRUCT_OFFSET (KlPageStyle, recipients_size), KEY_PT },
  { "footnote_size", G_STRUCT_OFFSET (KlPageStyle, footnote_size), KEY_PT },
  { "table_size", G_STRUCT_OFFSET (KlPageStyle, table_size), KEY_PT },
  { "line_spacing", G_STRUCT_OFFSET (KlPageStyle, line_spacing), KEY_FACTOR },
  { "line_pitch", G_STRUCT_OFFSET (KlPageStyle, line_pitch), KEY_PT },
};

static const char *
position_to_string (KlPageNumberPosition pos)
{
  switch (pos)
    {
    case KL_PAGE_NUMBER_BOTTOM: return "bottom";
    case KL_PAGE_NUMBER_NONE: return "none";
    case KL_PAGE_NUMBER_TOP:
    default: return "top";
    }
}

static gboolean
load_from_keyfile (KlPageStyle *style, GKeyFile *kf, GError **error)
{
  g_auto(GStrv) keys = NULL;
  KlPageStyle copy = *style;

  if (!g_key_file_has_group (kf, "page"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   _("no [page] group in the page style"));
      return FALSE;
    }
  keys = g_key_file_get_keys (kf, "page", NULL, error);
  if (keys == NULL)
    return FALSE;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = keys[i];
      g_autoptr(GError) local = NULL;
      gboolean known = FALSE;

      for (gsize k = 0; k < G_N_ELEMENTS (length_keys); k++)
        {
          double v;

          if (!g_str_equal (key, length_keys[k].name))
            continue;
          known = TRUE;
          v = g_key_file_get_double (kf, "page", key, &local);
          if (local != NULL)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("page style key %s: not a number"), key);
              return FALSE;
            }
          if (v < 0 || v > 2000 || (length_keys[k].unit == KEY_FACTOR && (v < 0.5 || v > 4)))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("page style key %s: %g is out of range"), key, v);
              return FALSE;
            }
          *(double *) ((char *) &copy + length_keys[k].offset) =
            length_keys[k].unit == KEY_MM ? MM (v) : v;
        }
      if (known)
        continue;

      if (g_str_equal (key, "font_family"))
        {
          g_autofree char *v = g_key_file_get_string (kf, "page", key, NULL);
          g_strlcpy (copy.font_family, v ? g_strstrip (v) : "", sizeof copy.font_family);
        }
      else if (g_str_equal (key, "page_number_position"))
        {
          g_autofree char *v = g_key_file_get_string (kf, "page", key, NULL);
          g_strstrip (v);
          if (g_str_equal (v, "top"))
            copy.page_number_position = KL_PAGE_NUMBER_TOP;
          else if (g_str_equal (v, "bottom"))
            copy.page_number_position = KL_PAGE_NUMBER_BOTTOM;
          else if (g_str_equal (v, "none"))
            copy.page_number_position = KL_PAGE_NUMBER_NONE;
          else
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("page style key page_number_position: '%s' is not top, bottom or none"), v);
              return FALSE;
            }
        }
      else if (g_str_equal (key, "annex_landscape") || g_str_equal (key, "mark_disagreements"))
        {
          gboolean v = g_key_file_get_boolean (kf, "page", key, &local);
          if (local != NULL)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("page style key %s: not true or false"), key);
              return FALSE;
            }
          if (key[0] == 'a')
            copy.annex_landscape = v;
          else
            copy.mark_disagreements = v;
        }
      else if (g_str_equal (key, "margins"))
        {
          g_autofree char *v = g_key_file_get_string (kf, "page", key, NULL);
          g_strstrip (v);
          if (!g_str_equal (v, "default") && !g_str_equal (v, "older"))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           _("page style key margins: '%s' is not default or older"), v);
              return FALSE;
            }
          kl_page_style_apply_margins_preset (&copy, v);
        }
      else
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                       _("unknown page style key '%s'"), key);
          return FALSE;
        }
    }

  if (copy.margin_left + copy.margin_right > copy.paper_width - 72 ||
      copy.margin_top + copy.margin_bottom > copy.paper_height - 144)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("page style margins leave no room for text"));
      return FALSE;
    }
  *style = copy;
  return TRUE;
}

gboolean
kl_page_style_load_data (KlPageStyle *style, const char *data, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, error))
    return FALSE;
  return load_from_keyfile (style, kf, error);
}

gboolean
kl_page_style_load_keyfile (KlPageStyle *style, const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local) ||
      !load_from_keyfile (style, kf, &local))
    {
      g_set_error (error, local->domain, local->code, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

char *
kl_page_style_to_keyfile (const KlPageStyle *style)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (style != NULL, NULL);

  for (gsize k = 0; k < G_N_ELEMENTS (length_keys); k++)
    {
      double v = *(const double *) ((const char *) style + length_keys[k].offset);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (length_keys[k].unit == KEY_MM)
        v = TO_MM (v);
      /* Rounded so that a saved style reads as people write it (20 mm, not 19.99…). */
      g_ascii_formatd (buf, sizeof buf, "%.3f", v);
      {
        char *end = buf + strlen (buf) - 1;
        while (end > buf && *end == '0')
          *end-- = '\0';
        if (*end == '.')
          *end = '\0';
      }
      g_key_file_set_value (kf, "page", length_keys[k].name, buf);
    }
  g_key_file_set_string (kf, "page", "font_family", style->font_family);
  g_key_file_set_string (kf, "page", "page_number_position",
                         position_to_string (style->page_number_position));
  g_key_file_set_boolean (kf, "page", "annex_landscape", style->annex_landscape);
  g_key_file_set_boolean (kf, "page", "mark_disagreements", style->mark_disagreements);
  return g_key_file_to_data (kf, NULL, NULL);
}
