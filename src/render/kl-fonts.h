/* kl-fonts.h: the one place where font families are chosen and checked. */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The families tried in order after the page style's own choice (FORMAT.md). */
extern const char * const kl_fonts_candidates[];

/* The first family among @preferred (may be NULL or "") and the candidates that fontconfig
 * has installed under that very name (aliases do not count). New string, or NULL with
 * KL_RENDER_ERROR_FONT when none is installed. */
char         *kl_fonts_resolve_family (const char  *preferred,
                                       GError     **error);

/* A Pango context for print layout: no hinting of metrics, unrounded glyph positions, so
 * that the same layout is exact on a PDF page and on a screen. New reference. */
PangoContext *kl_fonts_create_context (void);

/* Checks that every glyph of @layout comes from @family and exists in it. On failure sets
 * KL_RENDER_ERROR_FONT naming the character, its code point and @where (a phrase marked with
 * N_(), translated in the message: N_("the header")); messages start with the untranslated
 * "line N: " when @line is not 0. */
gboolean      kl_fonts_check_layout   (PangoLayout *layout,
                                       const char  *family,
                                       guint        line,
                                       const char  *where,
                                       GError     **error);

G_END_DECLS
