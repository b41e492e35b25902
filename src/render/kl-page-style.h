/* kl-page-style.h: every figure of the printed page (FORMAT.md defaults) in one place. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KL_PAGE_NUMBER_TOP,     /* centred in the top margin (FORMAT.md) */
  KL_PAGE_NUMBER_BOTTOM,  /* UNVERIFIED practice of some offices */
  KL_PAGE_NUMBER_NONE,
} KlPageNumberPosition;

/* All lengths in points (1 pt = 0.3528 mm). A plain struct: copy it freely. */
typedef struct {
  double paper_width, paper_height;          /* A4: 595.28 × 841.89 */
  double margin_top, margin_bottom, margin_left, margin_right;   /* 20/20/30/15 mm */
  char   font_family[64];                    /* "Times New Roman" (first choice) */
  double body_size;                          /* 14 */
  double line_spacing;                       /* 1.15 (multiple of single) */
  double paragraph_spacing;                  /* 6 */
  double first_line_indent;                  /* 1.27 cm */
  double title_size;                         /* type name: 15 */
  double summary_size;                       /* 14 */
  double party_size;                         /* "ĐẢNG CỘNG SẢN VIỆT NAM": 15 */
  double header_size;                        /* 14 */
  double recipients_size;                    /* 12 */
  double footnote_size;                      /* 12 */
  double table_size;                         /* 12 */
  double signature_space;                    /* blank space for signature: 28 mm */
  KlPageNumberPosition page_number_position; /* top */
  gboolean annex_landscape;                  /* annex tables on landscape pages */
  gboolean mark_disagreements;               /* preview only: highlight rows typed wrong */
  double line_pitch;                         /* body text, baseline to baseline: 17 ("exactly
                                                17 pt" in Word); 0 = line_spacing × natural */
} KlPageStyle;

void      kl_page_style_init_default (KlPageStyle *style);
/* "older practice" margins 25/25/35/15 mm (UNVERIFIED, offered as a preset). */
void      kl_page_style_apply_margins_preset (KlPageStyle *style, const char *preset); /* "default" | "older" */
/* Overrides from a key file (group [page], keys named like the fields: margin_top in mm,
 * sizes in pt, font_family, page_number_position=top|bottom|none). Unknown keys → error.
 * Also: paper_*, first_line_indent and signature_space in mm, line_spacing as a factor,
 * line_pitch in pt (0: line_spacing applies),
 * annex_landscape and mark_disagreements as true/false, margins=default|older (preset,
 * applied where it appears). */
gboolean  kl_page_style_load_keyfile (KlPageStyle *style, const char *path, GError **error);
char     *kl_page_style_to_keyfile   (const KlPageStyle *style);
gboolean  kl_page_style_load_data    (KlPageStyle *style, const char *data, GError **error);

G_END_DECLS
