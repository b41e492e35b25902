/* kl-layout.h: measured text (cached Pango layouts) and the display items pages are made of. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include "kl-core.h"
#include "kl-chart.h"
#include "kl-page-style.h"

G_BEGIN_DECLS

/* How one piece of text is set. Sizes and lengths in points. */
typedef struct {
  const char     *family;
  double          size;
  double          width;          /* wrap width; <= 0: no wrapping */
  double          indent;         /* first-line indent; negative: hanging */
  PangoAlignment  align;
  gboolean        justify;
  double          line_spacing;   /* multiple of the natural line height (1 = single) */
  double          line_pitch;     /* > 0: every line exactly this tall (Word's "exactly"),
                                     line_spacing ignored */
} KlTextStyle;

/* Raised text: footnote references get an odd rise (in Pango units) so that the layout
 * can find them again; other raised text (a footnote's own number) an even one. */
#define KL_REF_RISE(size)    (((int) ((size) * 0.38 * PANGO_SCALE)) | 1)
#define KL_LABEL_RISE(size)  (((int) ((size) * 0.38 * PANGO_SCALE)) & ~1)

/* A footnote reference found in a text: on which line it sits and its number. */
typedef struct {
  int   line;
  guint number;
} KlTextRef;

/* A laid-out piece of text with the metrics of each line (layout coordinates, points).
 * Immutable and shared (the cache hands out references). */
typedef struct {
  gatomicrefcount  ref;
  PangoLayout     *layout;
  int              n_lines;
  double          *top;        /* top of line i (line spacing included) */
  double          *bottom;     /* bottom of line i */
  double          *baseline;   /* baseline of line i */
  double          *x;          /* left of line i (alignment and indent included) */
  double           width;      /* logical width of the widest line */
  double           height;     /* bottom of the last line */
  GArray          *refs;       /* of KlTextRef, in text order */
  gboolean         font_ok;    /* every glyph from the chosen family */
  guint            last_use;   /* cache generation that last handed it out */
} KlText;

/* Lays out Pango @markup (NFC already) in @style, or returns the cached layout of the
 * same markup and style. Fails (KL_RENDER_ERROR_FONT) when a glyph is not in
 * style->family; @line and @where (marked with N_(), see kl_fonts_check_layout()) say where
 * the text came from for the message. */
KlText      *kl_text_new      (const char         *markup,
                               const KlTextStyle  *style,
                               guint               line,
                               const char         *where,
                               GError            **error);
KlText      *kl_text_ref      (KlText *text);
void         kl_text_unref    (KlText *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlText, kl_text_unref)
/* Height of lines [first, first + n). */
double       kl_text_lines_height (KlText *text, int first, int n);
/* Empties the layout cache (tests and benchmarks measure cold runs with it). */
void         kl_text_cache_clear  (void);
guint        kl_text_cache_size   (void);
/* A layout of a whole document is one generation: kl_pages_layout() starts one, and trims
 * afterwards the layouts no recent generation used (the versions of a paragraph left
 * behind by typing), so a long editing session does not grow the cache without end. */
void         kl_text_cache_next_generation (void);
void         kl_text_cache_trim   (void);

/* NFC-normalises @text and escapes it for Pango markup. New string. */
char        *kl_markup_escape_nfc (const char *text);

typedef enum {
  KL_ITEM_TEXT,    /* lines of a KlText */
  KL_ITEM_RULE,    /* a straight line */
  KL_ITEM_RECT,    /* a filled or stroked rectangle */
  KL_ITEM_CHART,   /* a chart drawn by kl-chart */
  KL_ITEM_DEST,    /* a named PDF destination (outline target) */
} KlItemType;

/* One positioned thing on a page (points, origin at the page's top-left). */
typedef struct {
  KlItemType   type;
  double       x, y;          /* TEXT: where the layout's origin goes; y already shifted so
                                 that line first_line lands where it was placed */
  double       w, h;          /* RULE: vector to the end; RECT, CHART: size */
  double       line_width;    /* RULE; RECT when stroked */
  double       rgb[3];        /* RECT fill colour */
  gboolean     fill;
  KlText      *text;
  int          first_line, n_lines;
  KlChartKind  chart_kind;
  GPtrArray   *reports;       /* CHART: KlReport references */
  gboolean     chart_split;   /* CHART: only rows [row_first, row_end) (a part on one page) */
  guint        row_first, row_end;
  gboolean     rows_last;     /* CHART part: the last, with the notes under the chart */
  char        *name;          /* DEST */
} KlItem;

KlItem      *kl_item_new_text  (KlText *text, double x, double y, int first_line, int n_lines);
KlItem      *kl_item_new_rule  (double x1, double y1, double x2, double y2, double line_width);
KlItem      *kl_item_new_rect  (double x, double y, double w, double h,
                                gboolean fill, double r, double g, double b, double line_width);
KlItem      *kl_item_new_chart (KlChartKind kind, GPtrArray *reports,
                                double x, double y, double w, double h);
/* Part of a chart cut between pages (kl_chart_draw_rows()). */
KlItem      *kl_item_new_chart_part (KlChartKind kind, GPtrArray *reports,
                                     double x, double y, double w, double h,
                                     guint row_first, guint row_end, gboolean last);
KlItem      *kl_item_new_dest  (const char *name, double x, double y);
KlItem      *kl_item_copy_at   (const KlItem *item, double dx, double dy);
void         kl_item_free      (KlItem *item);
/* Draws @item on @cr (1 unit = 1 pt). @family: the document's font (charts need it). */
void         kl_item_draw      (const KlItem *item, cairo_t *cr, const char *family);

G_END_DECLS
