/* kl-chart.c: plan-versus-actual charts (achievement, bullet, status summary, trend) in Cairo and Pango. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "kl-chart.h"
#include "kl-fonts.h"
#include "kl-renderer.h"

/* Only when fontconfig knows none of kl_fonts_candidates (then every glyph falls back). */
#define DEFAULT_FAMILY "Liberation Serif"

/* Ratios above this are cut with a break mark: one outlier must not squash every other bar. */
#define RATIO_CAP 1.5
/* Room past the axis end where a cut bar ends with its break mark. */
#define OVERFLOW 12.0

typedef enum {
  T_TITLE,
  T_SUBTITLE,
  T_NAME,
  T_LABEL,
  T_SMALL,
  T_BOLD_SMALL,
  N_STYLES
} TextStyle;

/* Glyphs of one text style waiting to be drawn (see show_layout). */
typedef struct {
  PangoLayout *layout;    /* a text Pango sets, at (x, y); else glyphs: */
  double     x, y;
  PangoFont *font;
  double     top;         /* y of the first text in the run */
  GArray    *glyphs;      /* cairo_glyph_t */
  GString   *utf8;
  GArray    *clusters;    /* cairo_text_cluster_t */
} GlyphRun;

typedef struct {
  cairo_t              *cr;          /* NULL while measuring */
  PangoContext         *pctx;        /* the thread's (see LayoutCache), borrowed */
  const char           *family;      /* interned */
  PangoFontDescription *fd[N_STYLES];
  double                width;
  double                fs;          /* base size of names, pt */
  GArray               *bars;        /* KlChartBar, or NULL */
  cairo_pattern_t      *hatch[4];    /* by KlStatus, made on first use (see fill_bars) */
  /* Drawing for pixels with user space = device space scaled alike on both axes (what
   * the renderer, the preview and PNG export do): device pixels per unit; else 0. */
  double                px_scale;
  gboolean              stroke_hatch; /* hatch with strokes, not a tile (SVG, see ctx_init) */
  gboolean              image;       /* drawing for pixels, not PDF or SVG (see ctx_init) */
  /* Drawing one part of a chart split across pages: rows [first_row, end_row) only;
   * the notes under the chart only with the last part. */
  guint                 first_row, end_row, row_index;
  gboolean              footer;
  GArray               *row_heights; /* double, when splitting; else NULL */
  GArray               *batch;       /* StatusRect: bars filled together (see flush_bars) */
  GArray               *bands;       /* cairo_rectangle_t: row bands, filled under the bars */
  GArray               *layers[8];   /* Shape by Layer (N_LAYERS), while batching (see add_shape) */
  double                rows_top;    /* y where the rows start */
  double                rows_end;    /* y after the last row drawn */
  /* kl_chart_check_fonts(): every layout checked against this family; the first error. */
  const char           *check_family;
  guint                 check_line;  /* source line of the target being laid out, or 0 */
  GError               *check_error;
  GlyphRun              runs[N_STYLES];
  struct _FontEntry    *fe[N_STYLES];  /* font_entry(), looked up once; owned by the cache */
  GPtrArray            *done;        /* GlyphRun: ended runs, to draw (see flush_text) */
} Ctx;

/* ---------------------------------------------------------------------------------------- */
/* Status styles: colour AND pattern, so that a grayscale print still tells them apart.     */

typedef enum { PAT_SOLID, PAT_DIAGONAL, PAT_CROSS, PAT_EMPTY } Pattern;

typedef struct {
  double      r, g, b;        /* fill */
  double      lr, lg, lb;     /* pattern lines */
  Pattern     pattern;
  const char *legend;
} StatusStyle;

static const StatusStyle *
status_style (KlStatus status)
{
  /* Dark solid / medium with diagonal lines / light with cross-hatch / white dashed:
   * four clearly different grays as well as four colours. */
  static const StatusStyle styles[] = {
    [KL_STATUS_EXCEEDED] = { 0.11, 0.37, 0.24, 0, 0, 0, PAT_SOLID, "Vượt kế hoạch" },
    [KL_STATUS_MET] = { 0.45, 0.70, 0.52, 1, 1, 1, PAT_DIAGONAL, "Đạt kế hoạch" },
    [KL_STATUS_NOT_MET] = { 0.98, 0.80, 0.74, 0.72, 0.16, 0.10, PAT_CROSS, "Không đạt" },
    [KL_STATUS_NO_DATA] = { 1, 1, 1, 0.45, 0.45, 0.45, PAT_EMPTY, "Chưa có số liệu" },
  };

  if ((guint) status >= G_N_ELEMENTS (styles))
    status = KL_STATUS_NO_DATA;
  return &styles[status];
}

/* Draws the hatching of @st over a tile of @step × @step units from the origin. */
static void
draw_hatch (cairo_t *cr, const StatusStyle *st, double step)
{
  cairo_set_source_rgb (cr, st->lr, st->lg, st->lb);
  cairo_set_line_width (cr, 0.7);
  /* x + y = k·step for k = 0, 1, 2 covers the tile and its corners without seams. */
  for (int k = 0; k <= 2; k++)
    {
      cairo_move_to (cr, k * step + 1, -1);
      cairo_line_to (cr, -1, k * step + 1);
      if (st->pattern == PAT_CROSS)
        {
          cairo_move_to (cr, (k - 1) * step - 1, -1);
          cairo_line_to (cr, (k - 1) * step + step + 1, step + 1);
        }
    }
  cairo_stroke (cr);
}

static double
hatch_step (const StatusStyle *st)
{
  return st->pattern == PAT_CROSS ? 3.2 : 3.0;
}

/* A repeating tile of the hatching of @st:
 *
 *   - for PDF and SVG, in vectors so that it prints sharp, opaque on the status colour (no
 *     alpha channel): a bar is then one fill with it and one stroke of the same path,
 *     which cairo merges into a single PDF fill-and-stroke operator ("B"), one path where
 *     colour, hatching and outline took three;
 *   - for pixels (@px_scale > 0, device pixels per unit), drawn once in device pixels, a
 *     whole number of them wide (the step rounded, at most a few % off) and repeated
 *     unscaled: a vector tile is scaled and filtered for every pixel of every bar, and
 *     filling the hatched bars of a 200-target chart cost more than all its text;
 *   - for pixels drawn with an unusual matrix, the lines alone (@opaque FALSE), in
 *     vectors, to fill over the colour. */
static cairo_pattern_t *
hatch_tile (const StatusStyle *st, gboolean opaque, double px_scale)
{
  const double step = hatch_step (st);
  cairo_rectangle_t extents = { 0, 0, step, step };
  int n = (int) MAX (3, lround (step * px_scale));
  cairo_surface_t *tile = px_scale > 0 ? cairo_image_surface_create (CAIRO_FORMAT_RGB24, n, n)
                          : cairo_recording_surface_create (opaque ? CAIRO_CONTENT_COLOR
                                                                   : CAIRO_CONTENT_COLOR_ALPHA,
                                                            &extents);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  if (opaque)
    {
      cairo_set_source_rgb (cr, st->r, st->g, st->b);
      cairo_paint (cr);
    }
  if (px_scale > 0)
    cairo_scale (cr, n / step, n / step);
  draw_hatch (cr, st, step);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  if (px_scale > 0)
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (tile);
  return pattern;
}

/* Fills the bars of @st in the current path (kept): colour and hatching. The hatching is
 * anchored to one point of the page however the bars are cut, so neighbours line up. */
static void
fill_bars (Ctx *c, KlStatus status, const StatusStyle *st)
{
  cairo_pattern_t **slot = &c->hatch[status];
  cairo_t *cr = c->cr;

  if (st->pattern != PAT_DIAGONAL && st->pattern != PAT_CROSS)
    {
      cairo_set_source_rgb (cr, st->r, st->g, st->b);
      cairo_fill_preserve (cr);
      return;
    }
  if (*slot == NULL)
    *slot = hatch_tile (st, !c->image || c->px_scale > 0, c->image ? c->px_scale : 0);
  if (c->image && c->px_scale > 0)
    {
      /* Pattern space = device space, whatever user space is now. */
      cairo_matrix_t ctm;
      cairo_get_matrix (cr, &ctm);
      cairo_pattern_set_matrix (*slot, &ctm);
    }
  else if (c->image)
    {
      cairo_set_source_rgb (cr, st->r, st->g, st->b);
      cairo_fill_preserve (cr);
    }
  cairo_set_source (cr, *slot);
  cairo_fill_preserve (cr);
}

/* Strokes the outline of the bars in the current path, and clears it. @unit: the
 * length of a point in user space (1, or device pixels per point when drawing in
 * device space). */
static void
stroke_bar_outline (cairo_t *cr, const StatusStyle *st, double width, double unit)
{
  cairo_set_line_width (cr, width);
  if (st->pattern == PAT_EMPTY)
    {
      const double dash[] = { 1.5 * unit, 1.2 * unit };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, st->lr, st->lg, st->lb);
    }
  else
    cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_stroke (cr);
}

typedef struct {
  KlStatus status;
  double   x, y, w, h;
} StatusRect;

static void
fill_status_rect (Ctx *c, KlStatus status, double x, double y, double w, double h)
{
  const StatusStyle *st = status_style (status);
  cairo_t *cr = c->cr;

  if (cr == NULL || w <= 0 || h <= 0)
    return;
  if (c->batch != NULL)
    {
      StatusRect r = { status, x, y, w, h };
      g_array_append_val (c->batch, r);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  if ((st->pattern == PAT_DIAGONAL || st->pattern == PAT_CROSS) && c->stroke_hatch)
    {
      const double step = st->pattern == PAT_CROSS ? 3.2 : 3.0;
      double start = floor ((x - h) / step) * step;

      cairo_set_source_rgb (cr, st->r, st->g, st->b);
      cairo_fill_preserve (cr);
      cairo_save (cr);
      cairo_clip (cr);
      cairo_set_source_rgb (cr, st->lr, st->lg, st->lb);
      cairo_set_line_width (cr, 0.7);
      for (double sx = start; sx < x + w + h; sx += step)
        {
          cairo_move_to (cr, sx, y + h);
          cairo_line_to (cr, sx + h, y);
          if (st->pattern == PAT_CROSS)
            {
              cairo_move_to (cr, sx, y);
              cairo_line_to (cr, sx + h, y + h);
            }
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_rectangle (cr, x, y, w, h);
    }
  else
    {
      /* One repeating vector tile per chart rather than hundreds of clipped strokes,
       * anchored to the chart's origin so the hatching of neighbouring bars lines up. */
      fill_bars (c, status, st);
    }
  stroke_bar_outline (cr, st, 0.5, 1);
  cairo_restore (cr);
}

/* The light band behind a row. While the bars are batched, the bands wait too and are
 * filled first, as one path, under the bars: a hundred bands cost one operation. */
static void
band_row (Ctx *c, double y, double h)
{
  if (c->cr == NULL)
    return;
  if (c->batch != NULL)
    {
      cairo_rectangle_t r = { 0, y, c->width, h };
      if (c->bands == NULL)
        c->bands = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
      g_array_append_val (c->bands, r);
      return;
    }
  cairo_save (c->cr);
  cairo_rectangle (c->cr, 0, y, c->width, h);
  cairo_set_source_rgb (c->cr, 0.955, 0.955, 0.955);
  cairo_fill (c->cr);
  cairo_restore (c->cr);
}

/* Bars in pixels, in device space: the outline on whole pixels (its width rounded, at
 * least one pixel), the fill out to the outline's outer edge. A stroke blended pixel by
 * pixel around 200 bars took ten times as long as these boxes. Bars move by less than
 * a pixel; their lengths are measured on vector output. */
static void
flush_bars_in_pixels (Ctx *c, GArray *batch)
{
  cairo_t *cr = c->cr;
  cairo_matrix_t m;
  double k = MAX (1, round (0.5 * c->px_scale));
  double off = (int) k % 2 == 1 ? 0.5 : 0;

  cairo_save (cr);
  cairo_get_matrix (cr, &m);
  cairo_identity_matrix (cr);
  for (KlStatus status = 0; status < 4; status++)
    {
      const StatusStyle *st = status_style (status);
      g_autoptr(GArray) outline = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

      cairo_new_path (cr);
      for (guint i = 0; i < batch->len; i++)
        {
          StatusRect *r = &g_array_index (batch, StatusRect, i);
          double x0 = r->x, y0 = r->y, x1 = r->x + r->w, y1 = r->y + r->h;
          cairo_rectangle_t e;

          if (r->status != status)
            continue;
          cairo_matrix_transform_point (&m, &x0, &y0);
          cairo_matrix_transform_point (&m, &x1, &y1);
          /* The outline's centre lines: on pixel centres for an odd width. */
          e.x = floor (MIN (x0, x1)) + off;
          e.y = floor (MIN (y0, y1)) + off;
          e.width = MAX (1, round (fabs (x1 - x0)));
          e.height = MAX (1, round (fabs (y1 - y0)));
          g_array_append_val (outline, e);
          cairo_rectangle (cr, e.x - k / 2, e.y - k / 2, e.width + k, e.height + k);
        }
      if (outline->len == 0)
        continue;
      fill_bars (c, status, st);
      cairo_new_path (cr);
      for (guint i = 0; i < outline->len; i++)
        {
          cairo_rectangle_t *e = &g_array_index (outline, cairo_rectangle_t, i);
          cairo_rectangle (cr, e->x, e->y, e->width, e->height);
        }
      cairo_save (cr);
      stroke_bar_outline (cr, st, k, c->px_scale);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

/* The bars of one status as one path, filled and stroked once for the whole chart
 * instead of once per bar (a hatch pattern costs as much per use as a line of text, in
 * PDF and in pixels alike). Same look: bars never overlap, and the hatching is anchored
 * to the chart's origin either way. */
/* Shapes repeated on every row of a bullet or trend chart (its track, the plan marker,
 * a rule) wait too while the bars are batched, each kind in a layer drawn as one path
 * (see flush_bars): a chart of 200 targets made a thousand cairo operations, each with
 * its own cost in PDF and in pixels. Rows do not overlap, so layer by layer is row by
 * row to the eye. Outside a batch (legends) a shape is drawn at once. */
typedef enum {
  LAYER_TRACK,        /* rectangle, filled gray 0.90 */
  LAYER_TRACK_LIGHT,  /* rectangle, filled gray 0.93 */
  LAYER_RANGE,        /* rectangle, filled gray 0.72: a plan given as a range */
  /* the bars */
  LAYER_PLAN,         /* line, black 1.6 pt: the plan marker */
  LAYER_NEXT,         /* hollow triangle (x, top, size): next period's plan */
  LAYER_ZERO,         /* line, gray 0.3, 0.5 pt: the zero of a scale */
  LAYER_RULE,         /* line, gray 0.8, 0.3 pt: between rows */
  N_LAYERS
} Layer;

#define FIRST_LAYER_OVER_BARS LAYER_PLAN

typedef struct {
  double a, b, c, d;   /* x, y, width, height; x0, y0, x1, y1; or x, top, size */
} Shape;

/* In pixels, a vertical or horizontal line of @width user units at @v (its x or y), on
 * an axis where device = user × @scale + @offset: its width rounded to whole pixels and
 * its edges put on pixel boundaries, so that it is filled like a box, not blended pixel
 * by pixel down a four-page chart. Sharper too. */
static void
snap_line (double scale, double offset, double *v, double *width)
{
  double px = MAX (1, round (fabs (*width * scale)));
  double d = *v * scale + offset;

  d = (int) px % 2 == 1 ? floor (d) + 0.5 : round (d);
  *v = (d - offset) / scale;
  *width = px / fabs (scale);
}

/* Appends the line to the path; in pixels, a vertical or horizontal line is put on whole
 * pixels (see snap_line), its width too. */
static void
line_path (Ctx *c, double x0, double y0, double x1, double y1, double *width)
{
  if (c->image && (x0 == x1 || y0 == y1))
    {
      cairo_matrix_t m;

      cairo_get_matrix (c->cr, &m);
      if (m.xy == 0 && m.yx == 0 && x0 == x1)
        {
          snap_line (m.xx, m.x0, &x0, width);
          x1 = x0;
        }
      else if (m.xy == 0 && m.yx == 0)
        {
          snap_line (m.yy, m.y0, &y0, width);
          y1 = y0;
        }
    }
  cairo_move_to (c->cr, x0, y0);
  cairo_line_to (c->cr, x1, y1);
}

static void
draw_layer (Ctx *c, Layer layer, const Shape *shapes, guint n)
{
  static const double fill_gray[] = { [LAYER_TRACK] = 0.90, [LAYER_TRACK_LIGHT] = 0.93, [LAYER_RANGE] = 0.72 };
  cairo_t *cr = c->cr;
  double width = layer == LAYER_PLAN ? 1.6 : layer == LAYER_ZERO ? 0.5 : 0.3;
  double gray = layer == LAYER_PLAN ? 0.0 : layer == LAYER_ZERO ? 0.3 : 0.8;

  if (cr == NULL || n == 0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  switch (layer)
    {
    case LAYER_TRACK:
    case LAYER_TRACK_LIGHT:
    case LAYER_RANGE:
      for (guint i = 0; i < n; i++)
        cairo_rectangle (cr, shapes[i].a, shapes[i].b, shapes[i].c, shapes[i].d);
      cairo_set_source_rgb (cr, fill_gray[layer], fill_gray[layer], fill_gray[layer]);
      cairo_fill (cr);
      break;
    case LAYER_NEXT:
      /* A hollow downward triangle: distinct by shape, not only by colour. */
      for (guint i = 0; i < n; i++)
        {
          double x = shapes[i].a, top = shapes[i].b, size = shapes[i].c;
          cairo_move_to (cr, x - size / 2, top);
          cairo_line_to (cr, x + size / 2, top);
          cairo_line_to (cr, x, top + size * 0.85);
          cairo_close_path (cr);
        }
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.1, 0.2, 0.55);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      break;
    case LAYER_PLAN:
    case LAYER_ZERO:
    case LAYER_RULE:
      {
        double w = width;
        for (guint i = 0; i < n; i++)
          {
            w = width;
            line_path (c, shapes[i].a, shapes[i].b, shapes[i].c, shapes[i].d, &w);
          }
        cairo_set_source_rgb (cr, gray, gray, gray);
        cairo_set_line_width (cr, w);
        cairo_stroke (cr);
      }
      break;
    case N_LAYERS:
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

static void
add_shape (Ctx *c, Layer layer, double a, double b, double cc, double d)
{
  Shape sh = { a, b, cc, d };

  if (c->cr == NULL)
    return;
  if (c->batch == NULL)
    {
      draw_layer (c, layer, &sh, 1);
      return;
    }
  if (c->layers[layer] == NULL)
    c->layers[layer] = g_array_new (FALSE, FALSE, sizeof (Shape));
  g_array_append_val (c->layers[layer], sh);
}

/* Draws the layers [first, end) waiting, and empties them. */
static void
flush_layers (Ctx *c, Layer first, Layer end)
{
  for (Layer l = first; l < end; l++)
    {
      g_autoptr(GArray) shapes = g_steal_pointer (&c->layers[l]);
      if (shapes != NULL)
        draw_layer (c, l, (Shape *) (void *) shapes->data, shapes->len);
    }
}

static void
flush_bands (Ctx *c)
{
  g_autoptr(GArray) bands = g_steal_pointer (&c->bands);
  cairo_t *cr = c->cr;

  if (cr != NULL && bands != NULL && bands->len > 0)
    {
      cairo_save (cr);
      cairo_new_path (cr);
      for (guint i = 0; i < bands->len; i++)
        {
          cairo_rectangle_t *r = &g_array_index (bands, cairo_rectangle_t, i);
          double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

          /* In pixels, on whole pixels: a plain fill, not edges blended pixel by pixel
           * (bands are a light tint; half a pixel either way does not show). */
          if (c->image)
            {
              cairo_user_to_device (cr, &x0, &y0);
              cairo_user_to_device (cr, &x1, &y1);
              x0 = round (x0), y0 = round (y0), x1 = round (x1), y1 = round (y1);
              cairo_device_to_user (cr, &x0, &y0);
              cairo_device_to_user (cr, &x1, &y1);
            }
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        }
      cairo_set_source_rgb (cr, 0.955, 0.955, 0.955);
      cairo_fill (cr);
      cairo_restore (cr);
    }
}

static void
flush_bars (Ctx *c)
{
  g_autoptr(GArray) batch = g_steal_pointer (&c->batch);
  cairo_t *cr = c->cr;

  flush_bands (c);
  flush_layers (c, 0, FIRST_LAYER_OVER_BARS);
  if (cr == NULL || batch == NULL || batch->len == 0)
    {
      flush_layers (c, FIRST_LAYER_OVER_BARS, N_LAYERS);
      return;
    }
  if (c->image && c->px_scale > 0)
    {
      flush_bars_in_pixels (c, batch);
      flush_layers (c, FIRST_LAYER_OVER_BARS, N_LAYERS);
      return;
    }
  for (KlStatus status = 0; status < 4; status++)
    {
      const StatusStyle *st = status_style (status);
      gboolean any = FALSE;

      cairo_save (cr);
      cairo_new_path (cr);
      for (guint i = 0; i < batch->len; i++)
        {
          StatusRect *r = &g_array_index (batch, StatusRect, i);
          if (r->status == status)
            {
              cairo_rectangle (cr, r->x, r->y, r->w, r->h);
              any = TRUE;
            }
        }
      if (!any)
        {
          cairo_restore (cr);
          continue;
        }
      fill_bars (c, status, st);
      stroke_bar_outline (cr, st, 0.5, 1);
      cairo_restore (cr);
    }
  flush_layers (c, FIRST_LAYER_OVER_BARS, N_LAYERS);
}

/* ---------------------------------------------------------------------------------------- */
/* Text                                                                                     */

/* A chart is mostly text: the names of 200 targets are four pages of body text. Pango
 * lays a text out in steps that cost per text and per run (itemizing, choosing fonts,
 * shaping, breaking) and pango_cairo_show_layout() draws it run by run; per text, a
 * chart of 200 names cost more than five pages of body text. Most chart text is
 * simpler than what Pango is built for: Vietnamese in the one font of its style, broken
 * at spaces. Such text is set here:
 *
 *   - each word is shaped once per font (Pango's shaper, so glyphs, kerning and
 *     advances are Pango's) and kept: a chart repeats a few hundred words thousands of
 *     times;
 *   - lines are broken greedily at spaces at the wrap width, as Pango breaks them;
 *   - the glyphs of every such text in a style are collected and drawn together, in one
 *     cairo_show_text_glyphs() per style when the chart is done (chart text is black and
 *     over everything else), with the text and clusters so that PDF text stays
 *     searchable and copyable.
 *
 * Anything else is laid out by Pango: other scripts, a character the font lacks, line
 * breaks, ellipsis, a word wider than the line. So a text set word by word has every
 * glyph from the family asked for, and kl_chart_check_fonts() looks only at the texts
 * Pango set (fallback fonts show in their runs): checking costs what measuring does.
 *
 * Texts are kept too, per thread (a Pango context and its layouts are not thread-safe),
 * keyed by everything that sets them: a chart is laid out several times (measured,
 * drawn, and when cut between pages again for each part). The print context makes a
 * text the same on any surface. Bounded: emptied when full, which a few charts of
 * hundreds of targets do not reach. */
#define TEXT_CACHE_MAX 4096
#define WORD_CACHE_MAX 16384
/* Height of the text drawn by one call (see show_layout), pt. */
#define TEXT_RUN_HEIGHT 96.0

typedef struct {
  int                   width;       /* advance, Pango units */
  guint                 n_glyphs;
  PangoGlyphInfo       *glyphs;
  guint                 n_clusters;
  cairo_text_cluster_t *clusters;
} Word;

/* The font of a style on the fast path, and the words shaped in it. */
typedef struct _FontEntry {
  PangoFont  *font;
  gboolean    usable;      /* the font is of the family asked for */
  double      ascent;      /* baseline below the top of a line, pt */
  double      line_h;      /* height of a line, pt */
  Word       *space;       /* NULL: the font cannot set a space */
  GHashTable *words;       /* text → Word, NULL for a word the font cannot set */
} FontEntry;

typedef struct {
  grefcount             ref;
  PangoLayout          *layout;      /* laid out by Pango; else the fields below */
  TextStyle             style;
  PangoFont            *font;        /* a reference */
  GArray               *glyphs;      /* cairo_glyph_t, from the text's top-left corner */
  char                 *utf8;
  GArray               *clusters;    /* cairo_text_cluster_t */
  double                width;       /* as PangoLayout: right edge of the widest line */
  double                height;
  guint                 n_lines;     /* set word by word: its lines; else 0 */
} ChartText;

typedef struct {
  PangoContext *context;
  GHashTable   *texts;   /* key → ChartText */
  GHashTable   *fonts;   /* font description string → FontEntry */
  guint         n_words;
  GString      *scratch; /* a word looked up (see lookup_word) */
  GHashTable   *match_keys; /* target name → match_key() */
} TextCache;

static void
chart_text_unref (ChartText *t)
{
  if (t == NULL || !g_ref_count_dec (&t->ref))
    return;
  g_clear_object (&t->layout);
  g_clear_object (&t->font);
  g_clear_pointer (&t->glyphs, g_array_unref);
  g_clear_pointer (&t->clusters, g_array_unref);
  g_free (t->utf8);
  g_free (t);
}

static ChartText *
chart_text_ref (ChartText *t)
{
  g_ref_count_inc (&t->ref);
  return t;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartText, chart_text_unref)

static void
word_free (gpointer data)
{
  Word *w = data;

  if (w == NULL)
    return;
  g_free (w->glyphs);
  g_free (w->clusters);
  g_free (w);
}

static void
font_entry_free (gpointer data)
{
  FontEntry *fe = data;

  g_clear_object (&fe->font);
  word_free (fe->space);
  g_hash_table_unref (fe->words);
  g_free (fe);
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_hash_table_unref (cache->texts);
  g_hash_table_unref (cache->fonts);
  g_object_unref (cache->context);
  g_string_free (cache->scratch, TRUE);
  g_hash_table_unref (cache->match_keys);
  g_free (cache);
}

static guint    text_key_hash  (gconstpointer p);
static gboolean text_key_equal (gconstpointer a, gconstpointer b);

static GPrivate text_cache_key = G_PRIVATE_INIT (text_cache_free);

static TextCache *
text_cache (void)
{
  TextCache *cache = g_private_get (&text_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->context = kl_fonts_create_context ();
      cache->texts = g_hash_table_new_full (text_key_hash, text_key_equal, g_free,
                                            (GDestroyNotify) chart_text_unref);
      cache->fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, font_entry_free);
      cache->scratch = g_string_sized_new (64);
      cache->match_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&text_cache_key, cache);
    }
  return cache;
}

void
kl_chart_cache_clear (void)
{
  TextCache *cache = g_private_get (&text_cache_key);

  if (cache != NULL)
    {
      GHashTableIter it;
      gpointer value;

      g_hash_table_remove_all (cache->texts);
      g_hash_table_remove_all (cache->match_keys);
      /* Every word is shaped again; the fonts stay loaded, as Pango's font map keeps
       * them for the renderer's text (kl_text_cache_clear() keeps them too). */
      g_hash_table_iter_init (&it, cache->fonts);
      while (g_hash_table_iter_next (&it, NULL, &value))
        g_hash_table_remove_all (((FontEntry *) value)->words);
      cache->n_words = 0;
    }
}

static gboolean word_shaping = TRUE;

void
kl_chart_set_word_shaping (gboolean enabled)
{
  word_shaping = enabled;
  kl_chart_cache_clear ();
}

guint
kl_chart_cache_size (void)
{
  TextCache *cache = g_private_get (&text_cache_key);

  return cache != NULL ? g_hash_table_size (cache->texts) : 0;
}

/* Shapes @len bytes of @text with @fe's font: NULL when a glyph is missing or the
 * glyphs cannot be matched to the text in order. */
static Word *
shape_word (FontEntry *fe, const char *text, int len)
{
  PangoAnalysis analysis = { 0 };
  PangoGlyphString *gs = pango_glyph_string_new ();
  Word *w = NULL;

  analysis.font = fe->font;
  analysis.level = 0;
  analysis.gravity = PANGO_GRAVITY_SOUTH;
  analysis.script = PANGO_SCRIPT_LATIN;
  analysis.language = pango_language_from_string ("vi");
  /* The print context does not round glyph positions (kl_fonts_create_context). */
  pango_shape_with_flags (text, len, text, len, &analysis, gs, PANGO_SHAPE_NONE);

  for (int i = 0; i < gs->num_glyphs; i++)
    {
      PangoGlyph g = gs->glyphs[i].glyph;
      if ((g & PANGO_GLYPH_UNKNOWN_FLAG) || g == PANGO_GLYPH_EMPTY || g == PANGO_GLYPH_INVALID_INPUT
          || (i > 0 && gs->log_clusters[i] < gs->log_clusters[i - 1]))
        goto out;
    }
  if (gs->num_glyphs == 0 || gs->log_clusters[0] != 0)
    goto out;

  w = g_new0 (Word, 1);
  w->n_glyphs = gs->num_glyphs;
  w->glyphs = g_memdup2 (gs->glyphs, sizeof (PangoGlyphInfo) * gs->num_glyphs);
  w->clusters = g_new (cairo_text_cluster_t, gs->num_glyphs);
  for (int i = 0; i < gs->num_glyphs;)
    {
      int start = gs->log_clusters[i], j = i;

      while (j < gs->num_glyphs && gs->log_clusters[j] == start)
        j++;
      w->clusters[w->n_clusters++] = (cairo_text_cluster_t) {
        (j < gs->num_glyphs ? gs->log_clusters[j] : len) - start, j - i
      };
      i = j;
    }
  for (int i = 0; i < gs->num_glyphs; i++)
    w->width += gs->glyphs[i].geometry.width;

out:
  pango_glyph_string_free (gs);
  return w;
}

static FontEntry *
font_entry (Ctx *c, TextStyle style)
{
  TextCache *cache;
  g_autofree char *key = NULL;
  FontEntry *fe;

  if (c->fe[style] != NULL)
    return c->fe[style];
  cache = text_cache ();
  key = pango_font_description_to_string (c->fd[style]);
  fe = g_hash_table_lookup (cache->fonts, key);
  if (fe == NULL)
    {
      g_autoptr(PangoLayout) probe = pango_layout_new (c->pctx);
      PangoRectangle logical;
      PangoFontDescription *loaded;

      fe = g_new0 (FontEntry, 1);
      fe->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_free);
      fe->font = pango_context_load_font (c->pctx, c->fd[style]);
      if (fe->font != NULL)
        {
          loaded = pango_font_describe (fe->font);
          fe->usable = g_ascii_strcasecmp (pango_font_description_get_family (loaded), c->family) == 0;
          pango_font_description_free (loaded);
        }
      /* Line metrics as Pango sets them: one line of the font. */
      pango_layout_set_font_description (probe, c->fd[style]);
      pango_layout_set_text (probe, "x", -1);
      pango_layout_get_extents (probe, NULL, &logical);
      fe->ascent = pango_layout_get_baseline (probe) / (double) PANGO_SCALE;
      fe->line_h = logical.height / (double) PANGO_SCALE;
      if (fe->usable)
        fe->space = shape_word (fe, " ", 1);
      fe->usable = fe->usable && fe->space != NULL;
      g_hash_table_insert (cache->fonts, g_steal_pointer (&key), fe);
    }
  return c->fe[style] = fe;
}

static Word *
lookup_word (FontEntry *fe, const char *text, int len)
{
  TextCache *cache = text_cache ();
  Word *w;

  /* Looked up through a scratch copy: most words are found, and need no key of their own. */
  g_string_truncate (cache->scratch, 0);
  g_string_append_len (cache->scratch, text, len);
  if (g_hash_table_lookup_extended (fe->words, cache->scratch->str, NULL, (gpointer *) &w))
    return w;
  if (cache->n_words >= WORD_CACHE_MAX)
    {
      GHashTableIter it;
      gpointer value;

      g_hash_table_iter_init (&it, cache->fonts);
      while (g_hash_table_iter_next (&it, NULL, &value))
        g_hash_table_remove_all (((FontEntry *) value)->words);
      cache->n_words = 0;
    }
  w = shape_word (fe, text, len);
  g_hash_table_insert (fe->words, g_strndup (text, len), w);
  cache->n_words++;
  return w;
}

/* Text the fast path can set: Latin (Vietnamese), digits and punctuation, no control
 * characters (so no line breaks or tabs). */
static gboolean
simple_text (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      GUnicodeScript script;

      if (ch < 0x80)
        {
          if (ch < 0x20 || ch == 0x7f)
            return FALSE;
          continue;
        }
      if (g_unichar_iscntrl (ch) || g_unichar_type (ch) == G_UNICODE_FORMAT)
        return FALSE;
      script = g_unichar_get_script (ch);
      if (script != G_UNICODE_SCRIPT_LATIN && script != G_UNICODE_SCRIPT_COMMON
          && script != G_UNICODE_SCRIPT_INHERITED)
        return FALSE;
    }
  return TRUE;
}

static void
append_word (ChartText *t, const Word *w, double x, double y)
{
  double pen = x;

  for (guint i = 0; i < w->n_glyphs; i++)
    {
      const PangoGlyphInfo *gi = &w->glyphs[i];
      cairo_glyph_t g = {
        gi->glyph,
        pen + gi->geometry.x_offset / (double) PANGO_SCALE,
        y + gi->geometry.y_offset / (double) PANGO_SCALE,
      };
      g_array_append_val (t->glyphs, g);
      pen += gi->geometry.width / (double) PANGO_SCALE;
    }
  g_array_append_vals (t->clusters, w->clusters, w->n_clusters);
}

/* A piece of text between spaces and its shape (NULL for an empty piece). */
typedef struct {
  Word       *word;
  const char *text;
  int         len;
} Token;

/* Sets @text on the fast path; NULL when it needs Pango. */
static ChartText *
fast_text (Ctx *c, TextStyle style, const char *text, double wrap_width, PangoAlignment align)
{
  FontEntry *fe;
  g_autoptr(GArray) words = NULL;       /* Token per space-separated piece of @text */
  g_autoptr(GArray) line_start = NULL;  /* index of the first token of each line */
  g_autoptr(GArray) line_width = NULL;  /* int, Pango units */
  g_autoptr(GString) utf8 = NULL;
  ChartText *t;
  int limit = wrap_width > 0 ? (int) (wrap_width * PANGO_SCALE) : G_MAXINT;
  int cur = -1;
  const char *p = text;

  if (!word_shaping || !simple_text (text))
    return NULL;
  fe = font_entry (c, style);
  if (!fe->usable)
    return NULL;

  words = g_array_new (FALSE, FALSE, sizeof (Token));
  line_start = g_array_new (FALSE, FALSE, sizeof (guint));
  line_width = g_array_new (FALSE, FALSE, sizeof (int));
  for (;;)
    {
      const char *end = strchr (p, ' ');
      int len = end != NULL ? (int) (end - p) : (int) strlen (p);
      Word *w = NULL;
      int ww = 0;

      if (len > 0)
        {
          w = lookup_word (fe, p, len);
          if (w == NULL)
            return NULL;
          ww = w->width;
        }
      if (cur >= 0 && cur + fe->space->width + ww <= limit)
        cur += fe->space->width + ww;
      else
        {
          /* A word wider than the line is cut by Pango between characters. */
          if (ww > limit)
            return NULL;
          if (cur >= 0)
            g_array_append_val (line_width, cur);
          g_array_append_val (line_start, words->len);
          cur = ww;
        }
      g_array_append_val (words, ((Token) { w, p, len }));
      if (end == NULL)
        break;
      p = end + 1;
    }
  g_array_append_val (line_width, cur);

  t = g_new0 (ChartText, 1);
  g_ref_count_init (&t->ref);
  t->style = style;
  t->font = g_object_ref (fe->font);
  t->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), strlen (text));
  t->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), strlen (text));
  utf8 = g_string_sized_new (strlen (text));

  for (guint l = 0, k = 0; l < line_start->len; l++)
    {
      guint last = l + 1 < line_start->len ? g_array_index (line_start, guint, l + 1) : words->len;
      double lw = g_array_index (line_width, int, l) / (double) PANGO_SCALE;
      double x = 0, y = l * fe->line_h + fe->ascent;

      if (align == PANGO_ALIGN_CENTER && wrap_width > 0)
        x = (wrap_width - lw) / 2;
      else if (align == PANGO_ALIGN_RIGHT && wrap_width > 0)
        x = wrap_width - lw;
      t->width = MAX (t->width, x + lw);
      for (; k < last; k++)
        {
          const Token *tok = &g_array_index (words, Token, k);

          /* The space before a word on the same line; the one at a break is not drawn. */
          if (k > g_array_index (line_start, guint, l))
            {
              append_word (t, fe->space, x, y);
              g_string_append_c (utf8, ' ');
              x += fe->space->width / (double) PANGO_SCALE;
            }
          if (tok->word != NULL)
            {
              append_word (t, tok->word, x, y);
              g_string_append_len (utf8, tok->text, tok->len);
              x += tok->word->width / (double) PANGO_SCALE;
            }
        }
    }
  t->utf8 = g_string_free (g_steal_pointer (&utf8), FALSE);
  t->height = line_start->len * fe->line_h;
  t->n_lines = line_start->len;
  return t;
}

static ChartText *
pango_text (Ctx *c, TextStyle style, const char *text, double wrap_width, PangoAlignment align,
            gboolean ellipsize)
{
  ChartText *t = g_new0 (ChartText, 1);
  PangoRectangle logical;
  int w, h;

  g_ref_count_init (&t->ref);
  t->style = style;
  t->layout = pango_layout_new (c->pctx);
  pango_layout_set_font_description (t->layout, c->fd[style]);
  if (wrap_width > 0)
    {
      pango_layout_set_width (t->layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
      if (ellipsize)
        pango_layout_set_ellipsize (t->layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_alignment (t->layout, align);
  pango_layout_set_text (t->layout, text, -1);
  pango_layout_get_size (t->layout, &w, &h);
  pango_layout_get_extents (t->layout, NULL, &logical);
  t->height = (double) h / PANGO_SCALE;
  t->width = (double) (logical.x + logical.width) / PANGO_SCALE;
  return t;
}

/* What sets a text: everything but the text itself in a fixed header, so that looking a
 * text up costs a hash of its characters and no formatting. */
typedef struct {
  const char *family;      /* interned */
  int         size;        /* Pango units */
  int         wrap;        /* Pango units, 0: no wrapping */
  guint8      style, align, ellipsize;
  char        text[];
} TextKey;

static TextKey *
text_key (Ctx *c, TextStyle style, const char *text, double wrap_width, PangoAlignment align,
          gboolean ellipsize)
{
  gsize len = strlen (text);
  TextKey *key = g_malloc0 (sizeof (TextKey) + len + 1);

  key->family = c->family;
  key->size = pango_font_description_get_size (c->fd[style]);
  key->wrap = (int) (wrap_width * PANGO_SCALE);
  key->style = style;
  key->align = align;
  key->ellipsize = ellipsize != FALSE;
  memcpy (key->text, text, len + 1);
  return key;
}

static guint
text_key_hash (gconstpointer p)
{
  const TextKey *k = p;

  return g_str_hash (k->text) ^ (guint) (k->size * 31 + k->wrap * 17 + k->style * 7 + k->align * 3
                                         + k->ellipsize) ^ g_direct_hash (k->family);
}

static gboolean
text_key_equal (gconstpointer a, gconstpointer b)
{
  const TextKey *x = a, *y = b;

  return x->family == y->family && x->size == y->size && x->wrap == y->wrap && x->style == y->style
         && x->align == y->align && x->ellipsize == y->ellipsize
         && strcmp (x->text, y->text) == 0;
}

/* The text @text in @style (a new reference: the cache keeps its own). */
static ChartText *
text_layout_full (Ctx *c, TextStyle style, const char *text, double wrap_width, PangoAlignment align,
                  gboolean ellipsize)
{
  TextCache *cache = text_cache ();
  g_autofree TextKey *key = NULL;
  ChartText *t;

  if (wrap_width <= 0)
    {
      wrap_width = 0;
      ellipsize = FALSE;
    }
  key = text_key (c, style, text, wrap_width, align, ellipsize);
  t = g_hash_table_lookup (cache->texts, key);
  if (t == NULL)
    {
      t = fast_text (c, style, text, wrap_width, align);
      /* Ellipsized: one line. A text that fits on it is set as it is; Pango cuts the rest. */
      if (t != NULL && ellipsize && t->n_lines > 1)
        g_clear_pointer (&t, chart_text_unref);
      if (t == NULL)
        t = pango_text (c, style, text, wrap_width, align, ellipsize);
      if (g_hash_table_size (cache->texts) >= TEXT_CACHE_MAX)
        g_hash_table_remove_all (cache->texts);
      g_hash_table_insert (cache->texts, g_steal_pointer (&key), t);
    }
  if (t->layout != NULL && c->check_family != NULL && c->check_error == NULL)
    kl_fonts_check_layout (t->layout, c->check_family, c->check_line,
                           c->check_line ? N_("the chart") : N_("the chart's own text"),
                           &c->check_error);
  return chart_text_ref (t);
}

static ChartText *
text_layout (Ctx *c, TextStyle style, const char *text, double wrap_width, PangoAlignment align)
{
  return text_layout_full (c, style, text, wrap_width, align, FALSE);
}

/* A target's name: a glyph missing from the font is reported at the target's line. */
static ChartText *
name_layout (Ctx *c, KlTarget *t, const char *label, double width)
{
  ChartText *text;

  c->check_line = kl_target_get_source_line (t);
  text = text_layout (c, T_NAME, label, width, PANGO_ALIGN_LEFT);
  c->check_line = 0;
  return text;
}

static double
layout_height (ChartText *t)
{
  return t->height;
}

static double
layout_width (ChartText *t)
{
  return t->width;
}

static void flush_run (Ctx *c, TextStyle style);
static void glyph_run_free (gpointer data);

static void
show_layout (Ctx *c, ChartText *t, double x, double y)
{
  GlyphRun *run;
  guint n;

  if (c->cr == NULL)
    return;
  if (t->layout != NULL)
    {
      /* Drawn with the rest of the text, over the bands and bars (see flush_text). */
      GlyphRun *later = g_new0 (GlyphRun, 1);

      later->layout = g_object_ref (t->layout);
      later->x = x;
      later->y = y;
      if (c->done == NULL)
        c->done = g_ptr_array_new_with_free_func (glyph_run_free);
      g_ptr_array_add (c->done, later);
      return;
    }
  run = &c->runs[t->style];
  /* One call per style for a whole chart is fastest in PDF and SVG, but an image
   * surface composites a call's glyphs through a mask as tall as the call: there, a few
   * rows a call. */
  if (run->glyphs != NULL && c->image && y + t->height - run->top > TEXT_RUN_HEIGHT)
    flush_run (c, t->style);
  if (run->glyphs == NULL)
    {
      run->top = y;
      run->font = g_object_ref (t->font);
      run->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
      run->utf8 = g_string_new (NULL);
      run->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
    }
  n = run->glyphs->len;
  g_array_append_vals (run->glyphs, t->glyphs->data, t->glyphs->len);
  for (guint i = n; i < run->glyphs->len; i++)
    {
      cairo_glyph_t *g = &g_array_index (run->glyphs, cairo_glyph_t, i);
      g->x += x;
      g->y += y;
    }
  g_string_append (run->utf8, t->utf8);
  g_array_append_vals (run->clusters, t->clusters->data, t->clusters->len);
}

static void
glyph_run_free (gpointer data)
{
  GlyphRun *run = data;

  g_clear_object (&run->layout);
  g_clear_object (&run->font);
  g_clear_pointer (&run->glyphs, g_array_unref);
  if (run->utf8 != NULL)
    g_string_free (run->utf8, TRUE);
  g_clear_pointer (&run->clusters, g_array_unref);
  g_free (run);
}

/* Ends the run of @style collected by show_layout(): it waits in c->done to be drawn
 * with the rest of the text. */
static void
flush_run (Ctx *c, TextStyle style)
{
  GlyphRun *run = &c->runs[style];

  if (run->glyphs == NULL)
    return;
  if (c->done == NULL)
    c->done = g_ptr_array_new_with_free_func (glyph_run_free);
  g_ptr_array_add (c->done, g_memdup2 (run, sizeof *run));
  memset (run, 0, sizeof *run);
}

/* Draws the text collected by show_layout(), over everything else the chart drew (the
 * bars and row bands are filled late, in batches); while measuring, only frees it. */
static void
flush_text (Ctx *c)
{
  g_autoptr(GPtrArray) done = NULL;

  for (int s = 0; s < N_STYLES; s++)
    flush_run (c, s);
  done = g_steal_pointer (&c->done);
  for (guint i = 0; done != NULL && i < done->len && c->cr != NULL; i++)
    {
      GlyphRun *run = done->pdata[i];

      if (run->layout != NULL)
        {
          cairo_save (c->cr);
          cairo_set_source_rgb (c->cr, 0, 0, 0);
          cairo_move_to (c->cr, run->x, run->y);
          pango_cairo_show_layout (c->cr, run->layout);
          cairo_restore (c->cr);
          continue;
        }
      if (run->glyphs->len == 0)
        continue;
      cairo_save (c->cr);
      cairo_set_source_rgb (c->cr, 0, 0, 0);
      cairo_set_scaled_font (c->cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->font)));
      cairo_show_text_glyphs (c->cr, run->utf8->str, (int) run->utf8->len,
                              (cairo_glyph_t *) run->glyphs->data, (int) run->glyphs->len,
                              (cairo_text_cluster_t *) run->clusters->data, (int) run->clusters->len, 0);
      cairo_restore (c->cr);
    }
}

/* Lays out and draws @text at (x, y); returns its height. */
static double
draw_text (Ctx *c, TextStyle style, const char *text, double x, double y,
           double wrap_width, PangoAlignment align)
{
  g_autoptr(ChartText) t = text_layout (c, style, text, wrap_width, align);

  show_layout (c, t, x, y);
  return layout_height (t);
}

static void
line (Ctx *c, double x0, double y0, double x1, double y1, double width, double gray)
{
  if (c->cr == NULL)
    return;
  cairo_save (c->cr);
  cairo_new_path (c->cr);
  line_path (c, x0, y0, x1, y1, &width);
  cairo_set_source_rgb (c->cr, gray, gray, gray);
  cairo_set_line_width (c->cr, width);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

static void
ctx_init (Ctx *c, cairo_t *cr, const char *family, double width)
{
  static const struct { double scale; PangoWeight weight; PangoStyle style; } spec[N_STYLES] = {
    [T_TITLE] = { 1.45, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
    [T_SUBTITLE] = { 1.15, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
    [T_NAME] = { 1.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
    [T_LABEL] = { 0.95, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
    [T_SMALL] = { 0.88, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
    [T_BOLD_SMALL] = { 0.88, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
  };
  g_autofree char *resolved = NULL;

  memset (c, 0, sizeof *c);
  c->cr = cr;
  c->width = width;
  c->end_row = G_MAXUINT;
  c->footer = TRUE;
  /* cairo 1.16's SVG surface leaks the snapshot of a recording-surface pattern; SVG gets
   * plain clipped strokes instead (slower, but SVG charts are small and rare). */
  c->stroke_hatch = cr != NULL && cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_SVG;
  /* Anything but a vector surface ends in pixels: an image, or the recording surface
   * GTK's drawing area hands the preview, replayed into pixels later. */
  if (cr != NULL)
    {
      cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
      cairo_matrix_t m;

      c->image = type != CAIRO_SURFACE_TYPE_PDF && type != CAIRO_SURFACE_TYPE_PS
                 && type != CAIRO_SURFACE_TYPE_SVG && type != CAIRO_SURFACE_TYPE_SCRIPT;
      cairo_get_matrix (cr, &m);
      if (c->image && m.xy == 0 && m.yx == 0 && m.xx > 0 && m.xx < 64 && fabs (m.yy - m.xx) < 0.02 * m.xx)
        c->px_scale = m.xx;
    }
  /* 9 pt names on a portrait text width, a little larger on landscape, smaller when narrow. */
  c->fs = CLAMP (9.0 * width / 467.0, 6.5, 10.5);

  /* The print context of the renderer, not one derived from @cr: measuring and drawing
   * must lay out the same lines whatever the target surface (PNG at any dpi, PDF, SVG). */
  c->pctx = text_cache ()->context;
  /* No family given: the one the renderer would choose (Times New Roman if installed). */
  if (family == NULL || *family == '\0')
    family = resolved = kl_fonts_resolve_family (NULL, NULL);
  c->family = g_intern_string (family != NULL ? family : DEFAULT_FAMILY);

  for (int i = 0; i < N_STYLES; i++)
    {
      c->fd[i] = pango_font_description_new ();
      pango_font_description_set_family (c->fd[i], family != NULL ? family : DEFAULT_FAMILY);
      pango_font_description_set_absolute_size (c->fd[i], c->fs * spec[i].scale * PANGO_SCALE);
      pango_font_description_set_weight (c->fd[i], spec[i].weight);
      pango_font_description_set_style (c->fd[i], spec[i].style);
    }
}

static void
ctx_clear (Ctx *c)
{
  for (int i = 0; i < N_STYLES; i++)
    g_clear_pointer (&c->fd[i], pango_font_description_free);
  for (int i = 0; i < 4; i++)
    g_clear_pointer (&c->hatch[i], cairo_pattern_destroy);
  /* Normally drawn by run(); only freed here. */
  c->cr = NULL;
  flush_text (c);
  c->pctx = NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* What can be drawn                                                                        */

static gboolean
value_usable (KlValue *v)
{
  return v != NULL && kl_value_has_number (v) && !kl_value_get_ambiguous (v)
         && isfinite (kl_value_get_number (v));
}

/* "3.1 Tổng sản lượng lương thực" with the code, without the trailing full stop some
 * tables carry, and an arrow for targets where lower is better. */
static char *
target_label (KlTarget *t)
{
  const char *code = kl_target_get_code (t);
  g_autofree char *name = g_strstrip (g_strdup (kl_target_get_name (t) ? kl_target_get_name (t) : ""));
  gsize len = strlen (name);
  gboolean lower = kl_target_get_effective_direction (t, NULL) == KL_DIRECTION_LOWER_BETTER;

  if (len > 0 && name[len - 1] == '.')
    name[len - 1] = '\0';
  return g_strdup_printf ("%s%s%s%s%s", code && *code ? code : "", code && *code ? " " : "",
                          name, lower ? " (↓)" : "", kl_target_get_disagrees (t, NULL) ? " (*)" : "");
}

static char *
value_text (KlValue *v)
{
  g_autofree char *s = v ? kl_value_format (v) : NULL;

  return g_strdup (s && *s ? s : "trống");
}

/* Why @t is not drawn, for the list under the chart; NULL when it can be drawn. */
static char *
undrawn_reason (KlTarget *t, gboolean need_ratio)
{
  KlValue *plan = kl_target_get_plan (t);
  KlValue *actual = kl_target_get_actual (t);
  g_autofree char *label = target_label (t);
  GString *why = g_string_new (NULL);

  for (int i = 0; i < 2; i++)
    {
      KlValue *v = i == 0 ? plan : actual;
      const char *col = i == 0 ? "KH" : "TH";

      if (v != NULL && kl_value_has_number (v) && kl_value_get_ambiguous (v))
        {
          guint n = 0;
          const double *r = kl_value_get_readings (v, &n);
          g_string_append_printf (why, "%s%s '%s' chưa rõ", why->len ? "; " : "", col,
                                  kl_value_get_text (v));
          for (guint k = 0; k < n; k++)
            {
              g_autofree char *num = kl_number_format (r[k], 3);
              g_string_append_printf (why, "%s%s", k == 0 ? ": " : " hay ", num);
            }
        }
      else if (v == NULL || !kl_value_has_number (v))
        {
          g_autofree char *txt = value_text (v);
          g_string_append_printf (why, "%s%s: %s", why->len ? "; " : "", col, txt);
        }
    }

  if (why->len == 0 && need_ratio && isnan (kl_target_get_ratio (t)))
    g_string_append (why, "không tính được tỷ lệ");

  if (why->len == 0)
    {
      g_string_free (why, TRUE);
      return NULL;
    }
  {
    g_autofree char *w = g_string_free (why, FALSE);
    return g_strdup_printf ("%s (%s)", label, w);
  }
}

static gboolean
drawable_achievement (KlTarget *t)
{
  return isfinite (kl_target_get_ratio (t));
}

static gboolean
drawable_bullet (KlTarget *t)
{
  return value_usable (kl_target_get_plan (t)) && value_usable (kl_target_get_actual (t));
}

/* Non-group targets of @report, in table order (borrowed pointers). */
static GPtrArray *
report_targets (KlReport *report)
{
  GListModel *model = G_LIST_MODEL (kl_report_get_targets (report));
  guint n = g_list_model_get_n_items (model);
  GPtrArray *out = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      KlTarget *t = g_list_model_get_item (model, i);

      if (kl_target_is_group (t) || kl_target_get_kind (t) == KL_TARGET_KIND_GROUP)
        g_object_unref (t);
      else
        g_ptr_array_add (out, t);
    }
  return out;
}

guint
kl_chart_count_undrawn (KlReport *report)
{
  g_autoptr(GPtrArray) targets = NULL;
  guint n = 0;

  g_return_val_if_fail (KL_IS_REPORT (report), 0);

  targets = report_targets (report);
  for (guint i = 0; i < targets->len; i++)
    if (!drawable_achievement (targets->pdata[i]))
      n++;
  return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Pieces shared by the kinds                                                               */

static const char *
nonempty (const char *s, const char *fallback)
{
  return s != NULL && *s ? s : fallback;
}

char *
kl_chart_dup_title (KlChartKind   kind,
                    KlReport    **reports,
                    guint         n_reports)
{
  const char *period;
  const char *head;

  g_return_val_if_fail (reports != NULL && n_reports > 0, NULL);

  if (kind == KL_CHART_TREND)
    {
      const char *first = nonempty (kl_report_get_period (reports[0]), "kỳ đầu");
      const char *last = nonempty (kl_report_get_period (reports[n_reports - 1]), "kỳ cuối");

      return n_reports > 1
             ? g_strdup_printf ("Diễn biến thực hiện các chỉ tiêu qua các kỳ (%s – %s)", first, last)
             : g_strdup_printf ("Thực hiện các chỉ tiêu %s", first);
    }
  head = kind == KL_CHART_ACHIEVEMENT ? "Tỷ lệ thực hiện so với kế hoạch"
         : kind == KL_CHART_BULLET ? "Kế hoạch và thực hiện từng chỉ tiêu"
         : "Kết quả thực hiện các chỉ tiêu";
  period = kl_report_get_period (reports[0]);
  return g_strdup_printf ("%s%s%s", head, period ? " " : "", nonempty (period, ""));
}

static double
draw_header (Ctx *c, const char *title, const char *subtitle, double y)
{
  g_autofree char *cont = c->first_row > 0 ? g_strdup_printf ("%s (tiếp theo)", title) : NULL;

  y += draw_text (c, T_TITLE, cont ? cont : title, 0, y, c->width, PANGO_ALIGN_CENTER);
  if (subtitle != NULL && *subtitle)
    y += draw_text (c, T_SUBTITLE, subtitle, 0, y, c->width, PANGO_ALIGN_CENTER);
  return y + c->fs * 0.6;
}

/* Every row of a chart goes through here: records its height for the split and says
 * whether this part draws it (a row not drawn takes no room). */
static gboolean
row_in_part (Ctx *c, double row_h)
{
  guint i = c->row_index++;

  if (c->row_heights != NULL)
    g_array_append_val (c->row_heights, row_h);
  return i >= c->first_row && i < c->end_row;
}

typedef enum { SW_STATUS, SW_PLAN, SW_NEXT_PLAN, SW_RANGE } SwatchKind;

typedef struct {
  SwatchKind  kind;
  KlStatus    status;
  const char *text;
} Swatch;

static void
draw_marker_plan (Ctx *c, double x, double y0, double y1)
{
  add_shape (c, LAYER_PLAN, x, y0, x, y1);
}

static void
draw_marker_next (Ctx *c, double x, double ytop, double size)
{
  add_shape (c, LAYER_NEXT, x, ytop, size, 0);
}

static void
draw_range_band (Ctx *c, double x0, double x1, double y, double h)
{
  add_shape (c, LAYER_RANGE, x0, y, MAX (x1 - x0, 0.8), h);
}

/* A centred row of legend entries, wrapping when they do not fit; returns the new y. */
static double
draw_legend (Ctx *c, const Swatch *sw, guint n, double y)
{
  const double box = c->fs * 1.1, gap = c->fs * 1.4, pad = c->fs * 0.4;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_text_unref);
  double total = 0, row_h = 0, x;
  guint first = 0;

  for (guint i = 0; i < n; i++)
    {
      ChartText *l = text_layout (c, T_SMALL, sw[i].text, -1, PANGO_ALIGN_LEFT);
      g_ptr_array_add (layouts, l);
      row_h = MAX (row_h, MAX (layout_height (l), box));
    }

  while (first < n)
    {
      guint last = first;

      total = 0;
      for (guint i = first; i < n; i++)
        {
          double w = box + pad + layout_width (layouts->pdata[i]) + (i > first ? gap : 0);
          if (i > first && total + w > c->width)
            break;
          total += w;
          last = i;
        }
      x = MAX (0, (c->width - total) / 2);
      for (guint i = first; i <= last; i++)
        {
          ChartText *l = layouts->pdata[i];
          double by = y + (row_h - box) / 2;

          switch (sw[i].kind)
            {
            case SW_STATUS:
              fill_status_rect (c, sw[i].status, x, by + box * 0.15, box * 1.4, box * 0.7);
              x += box * 0.4;
              break;
            case SW_PLAN:
              draw_marker_plan (c, x + box / 2, by, by + box);
              break;
            case SW_NEXT_PLAN:
              draw_marker_next (c, x + box / 2, by + box * 0.1, box * 0.8);
              break;
            case SW_RANGE:
              draw_range_band (c, x, x + box, by + box * 0.2, box * 0.6);
              break;
            }
          x += box + pad;
          show_layout (c, l, x, y + (row_h - layout_height (l)) / 2);
          x += layout_width (l) + gap;
        }
      y += row_h + c->fs * 0.3;
      first = last + 1;
    }
  return y + c->fs * 0.3;
}

/* The notes on marks used in the names, under the chart (with its last part). */
static double
draw_mark_notes (Ctx *c, GPtrArray *drawn, double y)
{
  gboolean lower = FALSE, disagree = FALSE;

  if (!c->footer)
    return y;
  for (guint i = 0; i < drawn->len; i++)
    {
      lower |= kl_target_get_effective_direction (drawn->pdata[i], NULL) == KL_DIRECTION_LOWER_BETTER;
      disagree |= kl_target_get_disagrees (drawn->pdata[i], NULL);
    }
  if (lower)
    y += draw_text (c, T_SMALL, "(↓) Chỉ tiêu càng thấp càng tốt: tỷ lệ tính bằng kế hoạch chia thực hiện.",
                    0, y + c->fs * 0.3, c->width, PANGO_ALIGN_LEFT) + c->fs * 0.3;
  if (disagree)
    y += draw_text (c, T_SMALL, "(*) Biểu ghi kết quả khác với kết quả tính từ số liệu; cần kiểm tra lại.",
                    0, y + c->fs * 0.3, c->width, PANGO_ALIGN_LEFT) + c->fs * 0.3;
  return y;
}

/* "Không vẽ: …" under the chart, so a target without usable figures is never silently lost. */
static double
draw_undrawn (Ctx *c, GPtrArray *reasons, double y)
{
  g_autoptr(GString) s = NULL;

  if (reasons->len == 0 || !c->footer)
    return y;
  s = g_string_new ("Không vẽ (không có số liệu để so sánh, hoặc số chưa rõ cần xác định): ");
  for (guint i = 0; i < reasons->len; i++)
    g_string_append_printf (s, "%s%s", i ? "; " : "", (char *) reasons->pdata[i]);
  g_string_append_c (s, '.');
  y += c->fs * 0.4;
  return y + draw_text (c, T_SMALL, s->str, 0, y, c->width, PANGO_ALIGN_LEFT);
}

static void
add_bar (Ctx *c, double x, double y, double w, double h, double value, double zero_x,
         double scale, double ref_x, gboolean clamped, KlStatus status, KlTarget *t, guint report)
{
  KlChartBar bar = { x, y, w, h, value, zero_x, scale, ref_x, clamped, status, t, report };

  if (c->bars != NULL)
    g_array_append_val (c->bars, bar);
}

/* A "nice" number not below @v for an axis end: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k. */
static double
nice_ceil (double v)
{
  static const double steps[] = { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
  double e, f;

  if (!(v > 0))
    return 1;
  e = pow (10, floor (log10 (v)));
  f = v / e;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (f <= steps[i] + 1e-9)
      return steps[i] * e;
  return 10 * e;
}

static char *
percent_label (double ratio)
{
  g_autofree char *p = kl_number_format_percent (ratio);

  return g_strdup_printf ("%s %%", p);
}

/* Width of the name column: wide enough for most names on two lines. */
static double
name_column (Ctx *c, double share)
{
  return MAX (c->width * share, MIN (110, c->width * 0.5));
}

/* ---------------------------------------------------------------------------------------- */
/* Achievement: % of plan per target                                                        */

static double
draw_achievement (Ctx *c, KlReport *report)
{
  g_autoptr(GPtrArray) targets = report_targets (report);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *title = NULL;
  double max_ratio = 1.0, axis_max, step, y = 0;
  double name_w = name_column (c, 0.40);
  double gap = c->fs * 0.6, label_w, plot_x, plot_w, plot_top;
  gboolean any_status[4] = { 0 };
  Swatch legend[6];
  guint n_legend = 0;
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, 2 * sizeof (double));

  for (guint i = 0; i < targets->len; i++)
    {
      KlTarget *t = targets->pdata[i];

      if (drawable_achievement (t))
        {
          g_ptr_array_add (rows, t);
          max_ratio = MAX (max_ratio, MIN (kl_target_get_ratio (t), RATIO_CAP));
          any_status[CLAMP (kl_target_get_status (t), 0, 3)] = TRUE;
        }
      else
        {
          char *why = undrawn_reason (t, TRUE);
          g_ptr_array_add (reasons, why ? why : target_label (t));
        }
    }

  /* The axis always shows some room past 100 % so the reference line is never the edge. */
  axis_max = MAX (1.25, ceil ((max_ratio + 1e-9) / 0.25) * 0.25);
  if (axis_max < max_ratio + 0.04)
    axis_max += 0.25;
  axis_max = MIN (axis_max, RATIO_CAP);

  title = kl_chart_dup_title (KL_CHART_ACHIEVEMENT, &report, 1);
  y = draw_header (c, title, kl_report_get_title (report), y);

  legend[n_legend++] = (Swatch) { SW_PLAN, 0, "Kế hoạch (100 %)" };
  for (KlStatus s = KL_STATUS_EXCEEDED; s >= KL_STATUS_NOT_MET; s--)
    legend[n_legend++] = (Swatch) { SW_STATUS, s, status_style (s)->legend };
  if (any_status[KL_STATUS_NO_DATA])
    legend[n_legend++] = (Swatch) { SW_STATUS, KL_STATUS_NO_DATA, status_style (KL_STATUS_NO_DATA)->legend };
  y = draw_legend (c, legend, n_legend, y);

  {
    g_autoptr(ChartText) probe = text_layout (c, T_LABEL, "888,8 %", -1, PANGO_ALIGN_LEFT);
    label_w = layout_width (probe) + c->fs * 0.6;
  }
  /* Values in a right-aligned column of their own: next to the bar ends they would cross
   * the 100 % line for every bar just under the plan. */
  plot_x = name_w + gap;
  plot_w = MAX (40, c->width - plot_x - label_w - OVERFLOW - c->fs * 0.3);

  /* Axis caption and tick labels above the bars. */
  y += draw_text (c, T_SMALL, "Tỷ lệ thực hiện / kế hoạch (%)", plot_x, y, plot_w, PANGO_ALIGN_CENTER);
  step = plot_w / (axis_max / 0.25) < c->fs * 2.6 ? 0.5 : 0.25;
  {
    double th = 0;
    for (double v = 0; v <= axis_max + 1e-9; v += step)
      {
        g_autofree char *s = g_strdup_printf ("%d", (int) lround (v * 100));
        g_autoptr(ChartText) l = text_layout (c, T_SMALL, s, -1, PANGO_ALIGN_LEFT);
        show_layout (c, l, plot_x + v / axis_max * plot_w - layout_width (l) / 2, y);
        th = layout_height (l);
      }
    {
      g_autoptr(ChartText) l = text_layout (c, T_BOLD_SMALL, "TH/KH", -1, PANGO_ALIGN_LEFT);
      show_layout (c, l, c->width - layout_width (l), y);
    }
    y += th + 2;
  }
  plot_top = c->rows_top = y;

  /* Bars are filled together after the rows (their break marks then on top); SVG keeps
   * bar by bar strokes (see ctx_init). */
  if (c->cr != NULL && !c->stroke_hatch)
    c->batch = g_array_new (FALSE, FALSE, sizeof (StatusRect));
  for (guint i = 0; i < rows->len; i++)
    {
      KlTarget *t = rows->pdata[i];
      g_autofree char *label = target_label (t);
      g_autoptr(ChartText) name = name_layout (c, t, label, name_w);
      double ratio = kl_target_get_ratio (t);
      double name_h = layout_height (name);
      double bar_h = c->fs * 0.95;
      double row_h = MAX (name_h, bar_h) + c->fs * 0.3;
      double by = y + (row_h - bar_h) / 2;
      gboolean clamped = ratio > axis_max;
      double shown = CLAMP (ratio, 0, axis_max);
      double bw = shown / axis_max * plot_w + (clamped ? OVERFLOW : 0);
      g_autofree char *value = NULL;
      g_autoptr(ChartText) vl = NULL;
      KlStatus status = kl_target_get_status (t);

      add_bar (c, plot_x, by, bw, bar_h, ratio, plot_x, plot_w / axis_max,
               plot_x + plot_w / axis_max, clamped, status, t, 0);
      /* The value label is one line and does not change the row's height: measuring
       * (no cr) skips shaping it, which is a third of the measuring time. */
      if (!row_in_part (c, row_h))
        continue;
      if (c->cr == NULL)
        {
          y += row_h;
          continue;
        }
      value = percent_label (ratio);
      vl = text_layout (c, clamped ? T_BOLD_SMALL : T_LABEL, value, -1, PANGO_ALIGN_LEFT);
      /* Light banding guides the eye from a name to its bar across the page. */
      if (i % 2 == 1)
        band_row (c, y, row_h);
      show_layout (c, name, 0, y + (row_h - name_h) / 2);
      fill_status_rect (c, status, plot_x, by, bw, bar_h);
      if (clamped)
        {
          double mark[2] = { plot_x + plot_w + OVERFLOW * 0.3, by };
          g_array_append_vals (breaks, mark, 1);
        }
      show_layout (c, vl, c->width - layout_width (vl), y + (row_h - layout_height (vl)) / 2);
      y += row_h;
    }
  if (rows->len == 0)
    y += draw_text (c, T_LABEL, "Không có chỉ tiêu nào có đủ số liệu để vẽ.", plot_x, y + 4, plot_w,
                    PANGO_ALIGN_CENTER) + 8;
  c->rows_end = y;

  /* The light grid goes under the bars (a bar ending on a grid line keeps its outline);
   * the 100 % line and the zero axis over them, so bars do not hide them. */
  flush_bands (c);
  for (double v = step; v <= axis_max + 1e-9; v += step)
    if (fabs (v - 1.0) >= 1e-9)
      line (c, plot_x + v / axis_max * plot_w, plot_top, plot_x + v / axis_max * plot_w, y, 0.4, 0.78);
  flush_bars (c);
  for (guint i = 0; i < breaks->len && c->cr != NULL; i++)
    {
      /* Break mark: the bar is cut here; its true length would leave the page. */
      double bx = g_array_index (breaks, double, 2 * i), by = g_array_index (breaks, double, 2 * i + 1);
      double bar_h = c->fs * 0.95;

      cairo_save (c->cr);
      cairo_set_source_rgb (c->cr, 1, 1, 1);
      cairo_set_line_width (c->cr, 1.6);
      for (int k = 0; k < 2; k++)
        {
          cairo_move_to (c->cr, bx + k * 3.0 - 1.5, by + bar_h + 1.5);
          cairo_line_to (c->cr, bx + k * 3.0 + 1.5, by - 1.5);
        }
      cairo_stroke (c->cr);
      cairo_set_source_rgb (c->cr, 0, 0, 0);
      cairo_set_line_width (c->cr, 0.5);
      for (int k = 0; k < 2; k++)
        {
          cairo_move_to (c->cr, bx + k * 3.0 - 2.3, by + bar_h + 1.5);
          cairo_line_to (c->cr, bx + k * 3.0 + 0.7, by - 1.5);
          cairo_move_to (c->cr, bx + k * 3.0 - 0.7, by + bar_h + 1.5);
          cairo_line_to (c->cr, bx + k * 3.0 + 2.3, by - 1.5);
        }
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
    }
  line (c, plot_x + 1.0 / axis_max * plot_w, plot_top - 2, plot_x + 1.0 / axis_max * plot_w, y + 2, 1.1, 0.0);
  line (c, plot_x, plot_top, plot_x, y, 0.6, 0.3);
  y += 3;

  y = draw_mark_notes (c, rows, y);
  {
    gboolean any_clamped = FALSE;
    for (guint i = 0; i < rows->len; i++)
      any_clamped |= kl_target_get_ratio (rows->pdata[i]) > axis_max;
    if (any_clamped && c->footer)
      {
        g_autofree char *cap = percent_label (axis_max);
        g_autofree char *s = g_strdup_printf ("Cột có dấu ngắt: vượt quá %s, được cắt ngắn; "
                                              "con số ở cột TH/KH là tỷ lệ thực.", cap);
        y += draw_text (c, T_SMALL, s, 0, y + c->fs * 0.3, c->width, PANGO_ALIGN_LEFT) + c->fs * 0.3;
      }
  }
  y = draw_undrawn (c, reasons, y);
  return ceil (y + 2);
}

/* ---------------------------------------------------------------------------------------- */
/* Bullet: per target, on its own scale and unit                                            */

static double
value_max (KlValue *v)
{
  if (!value_usable (v))
    return 0;
  return kl_value_get_qualifier (v) == KL_QUALIFIER_RANGE ? kl_value_get_number_max (v)
                                                          : kl_value_get_number (v);
}

static double
draw_bullet (Ctx *c, KlReport *report)
{
  g_autoptr(GPtrArray) targets = report_targets (report);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  const char *next_label = nonempty (kl_report_get_next_plan_label (report), "Kế hoạch kỳ sau");
  double name_w = name_column (c, 0.36), gap = c->fs * 0.6;
  double label_w = c->width * 0.25, track_x = name_w + gap;
  double track_w = MAX (40, c->width - track_x - gap - label_w);
  double y = 0;
  guint drawn = 0;
  gboolean any_range = FALSE;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  Swatch legend[7];
  guint n_legend = 0;

  title = kl_chart_dup_title (KL_CHART_BULLET, &report, 1);
  y = draw_header (c, title, kl_report_get_title (report), y);

  for (guint i = 0; i < targets->len; i++)
    any_range |= drawable_bullet (targets->pdata[i])
                 && kl_value_get_qualifier (kl_target_get_plan (targets->pdata[i])) == KL_QUALIFIER_RANGE;

  legend[n_legend++] = (Swatch) { SW_PLAN, 0, nonempty (kl_report_get_plan_label (report), "Kế hoạch") };
  legend[n_legend++] = (Swatch) { SW_NEXT_PLAN, 0, next_label };
  if (any_range)
    legend[n_legend++] = (Swatch) { SW_RANGE, 0, "Kế hoạch là khoảng" };
  for (KlStatus s = KL_STATUS_EXCEEDED; s >= KL_STATUS_NOT_MET; s--)
    legend[n_legend++] = (Swatch) { SW_STATUS, s, s == KL_STATUS_EXCEEDED ? "Thực hiện: vượt"
                                                  : s == KL_STATUS_MET ? "đạt" : "không đạt" };
  y = draw_legend (c, legend, n_legend, y);
  y += draw_text (c, T_SMALL, "Mỗi chỉ tiêu có thang đo riêng, bắt đầu từ 0, theo đơn vị của chỉ tiêu.",
                  0, y, c->width, PANGO_ALIGN_CENTER) + c->fs * 0.3;
  {
    g_autofree char *head = g_strdup_printf ("TH / KH  ▼ %s", next_label);
    y += draw_text (c, T_BOLD_SMALL, head, track_x + track_w + gap, y, label_w, PANGO_ALIGN_LEFT) + 2;
  }
  line (c, 0, y, c->width, y, 0.4, 0.6);
  c->rows_top = y;

  /* Rows batched (see add_shape), except on SVG (see ctx_init). */
  if (c->cr != NULL && !c->stroke_hatch)
    c->batch = g_array_new (FALSE, FALSE, sizeof (StatusRect));
  for (guint i = 0; i < targets->len; i++)
    {
      KlTarget *t = targets->pdata[i];
      KlValue *plan = kl_target_get_plan (t), *actual = kl_target_get_actual (t);
      KlValue *next = kl_target_get_next_plan (t);
      gboolean has_next = value_usable (next);
      double a, p, p_hi, n = 0, lo, hi, scale, zero_x, track_h, row_h, ty, name_h;
      g_autofree char *label = NULL, *ta = NULL, *tp = NULL, *tn = NULL, *text = NULL;
      const char *unit;
      KlStatus status;

      if (!drawable_bullet (t))
        {
          char *why = undrawn_reason (t, FALSE);
          g_ptr_array_add (reasons, why ? why : target_label (t));
          continue;
        }

      a = kl_value_get_number (actual);
      p = kl_value_get_number (plan);
      p_hi = value_max (plan);
      if (has_next)
        n = value_max (next);
      lo = MIN (0, MIN (a, MIN (p, n)));
      hi = nice_ceil (MAX (MAX (a, p_hi), n) * 1.04);
      if (lo < 0)
        lo = -nice_ceil (-lo);
      scale = track_w / (hi - lo);
      zero_x = track_x - lo * scale;

      label = target_label (t);
      unit = nonempty (kl_target_get_unit (t), "");
      ta = kl_value_format (actual);
      tp = kl_value_format (plan);
      tn = has_next ? kl_value_format (next) : NULL;
      text = g_strdup_printf ("%s / %s%s%s%s%s", ta, tp, tn ? "  ▼ " : "", tn ? tn : "",
                              *unit ? " " : "", unit);
      {
        g_autoptr(ChartText) nl = name_layout (c, t, label, name_w);
        g_autoptr(ChartText) vl = text_layout (c, T_SMALL, text, label_w, PANGO_ALIGN_LEFT);

        name_h = layout_height (nl);
        track_h = c->fs * 1.0;
        row_h = MAX (MAX (name_h, layout_height (vl)), track_h) + c->fs * 0.28;
        ty = y + (row_h - track_h) / 2;

        drawn++;
        g_ptr_array_add (shown, t);
        if (!row_in_part (c, row_h))
          continue;
        if (drawn % 2 == 0)
          band_row (c, y, row_h);
        show_layout (c, nl, 0, y + (row_h - name_h) / 2);
        show_layout (c, vl, track_x + track_w + gap, y + (row_h - layout_height (vl)) / 2);

        /* Track: the target's own scale from 0, in its own unit. */
        add_shape (c, LAYER_TRACK, track_x, ty, track_w, track_h);
        if (kl_value_get_qualifier (plan) == KL_QUALIFIER_RANGE)
          draw_range_band (c, zero_x + p * scale, zero_x + p_hi * scale, ty, track_h);
        status = kl_target_get_status (t);
        {
          double bx = zero_x + MIN (0, a) * scale, bw = fabs (a) * scale;
          double bh = track_h * 0.55, by = ty + (track_h - bh) / 2;
          fill_status_rect (c, status, bx, by, bw, bh);
          add_bar (c, bx, by, bw, bh, a, zero_x, scale, zero_x + p * scale, FALSE, status, t, 0);
        }
        draw_marker_plan (c, zero_x + p * scale, ty - 1, ty + track_h + 1);
        if (has_next)
          draw_marker_next (c, zero_x + n * scale, ty - c->fs * 0.45, c->fs * 0.7);
        add_shape (c, LAYER_ZERO, zero_x, ty - 1, zero_x, ty + track_h + 1);
      }
      y += row_h;
    }
  flush_bars (c);
  if (drawn == 0)
    y += draw_text (c, T_LABEL, "Không có chỉ tiêu nào có đủ số liệu để vẽ.", 0, y + 4, c->width,
                    PANGO_ALIGN_CENTER) + 8;
  c->rows_end = y;
  y = draw_mark_notes (c, shown, y);
  y = draw_undrawn (c, reasons, y + c->fs * 0.2);
  return ceil (y + 2);
}

/* ---------------------------------------------------------------------------------------- */
/* Summary: targets met / not met per kind and per group                                    */

typedef struct {
  char  *label;
  guint  counts[4];   /* by KlStatus */
  guint  met, total;
} SummaryRow;

static void
summary_row_free (gpointer p)
{
  SummaryRow *r = p;

  g_free (r->label);
  g_free (r);
}

static gboolean
has_any_number (KlTarget *t)
{
  return kl_value_has_number (kl_target_get_plan (t)) || kl_value_has_number (kl_target_get_actual (t));
}

static void
summary_add (SummaryRow *r, KlTarget *t)
{
  KlStatus s = CLAMP (kl_target_get_status (t), 0, 3);

  r->counts[s]++;
  if (s != KL_STATUS_NO_DATA || has_any_number (t))
    r->total++;
  if (s == KL_STATUS_MET || s == KL_STATUS_EXCEEDED)
    r->met++;
}

static double
draw_summary (Ctx *c, KlReport *report)
{
  GListModel *model = G_LIST_MODEL (kl_report_get_targets (report));
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (summary_row_free);
  g_autoptr(GHashTable) by_group = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *title = NULL;
  SummaryRow *main_row = g_new0 (SummaryRow, 1), *comp_row = g_new0 (SummaryRow, 1);
  SummaryRow *current = NULL;
  guint n_kind_rows;
  double name_w = name_column (c, 0.32), gap = c->fs * 0.6, label_w = c->width * 0.26;
  double plot_x = name_w + gap, plot_w, y = 0, scale;
  Swatch legend[4];
  guint n_legend = 0;

  g_ptr_array_add (rows, main_row);
  g_ptr_array_add (rows, comp_row);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (model, i);
      const char *group;

      if (kl_target_is_group (t) || kl_target_get_kind (t) == KL_TARGET_KIND_GROUP)
        {
          const char *code = kl_target_get_code (t);
          current = g_new0 (SummaryRow, 1);
          current->label = g_strdup_printf ("%s%s%s", code && *code ? code : "", code && *code ? " " : "",
                                            nonempty (kl_target_get_name (t), "Nhóm"));
          g_ptr_array_add (rows, current);
          g_hash_table_insert (by_group, (gpointer) nonempty (kl_target_get_name (t), ""), current);
          continue;
        }
      summary_add (kl_target_get_kind (t) == KL_TARGET_KIND_MAIN ? main_row : comp_row, t);
      /* A target belongs to the group row above it; the group property settles the case
       * of a main target that follows a group without belonging to it. */
      group = kl_target_get_group (t);
      if (group != NULL && g_hash_table_contains (by_group, group))
        summary_add (g_hash_table_lookup (by_group, group), t);
      else if (group == NULL && kl_target_get_kind (t) == KL_TARGET_KIND_MAIN)
        ; /* counted among the main targets only */
      else if (current != NULL)
        summary_add (current, t);
    }
  /* Counts as the generated sentences say them, so chart and text always agree. */
  kl_report_count (report, KL_TARGET_KIND_MAIN, &main_row->met, &main_row->total);
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &comp_row->met, &comp_row->total);
  main_row->label = g_strdup ("Chỉ tiêu chính");
  comp_row->label = g_strdup ("Chỉ tiêu thành phần");
  /* Drop empty groups (e.g. a heading row with nothing under it). */
  for (guint i = rows->len; i-- > 2;)
    {
      SummaryRow *r = rows->pdata[i];
      if (r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3] == 0)
        g_ptr_array_remove_index (rows, i);
    }
  n_kind_rows = 2;
  if (main_row->counts[0] + main_row->counts[1] + main_row->counts[2] + main_row->counts[3] == 0)
    {
      g_ptr_array_remove_index (rows, 0);
      main_row = NULL;
      n_kind_rows--;
    }
  if (comp_row->counts[0] + comp_row->counts[1] + comp_row->counts[2] + comp_row->counts[3] == 0)
    {
      g_ptr_array_remove_index (rows, n_kind_rows - 1);
      comp_row = NULL;
      n_kind_rows--;
    }

  title = kl_chart_dup_title (KL_CHART_SUMMARY, &report, 1);
  y = draw_header (c, title, kl_report_get_title (report), y);
  for (KlStatus s = KL_STATUS_EXCEEDED; s >= KL_STATUS_NOT_MET; s--)
    legend[n_legend++] = (Swatch) { SW_STATUS, s, status_style (s)->legend };
  legend[n_legend++] = (Swatch) { SW_STATUS, KL_STATUS_NO_DATA, status_style (KL_STATUS_NO_DATA)->legend };
  y = draw_legend (c, legend, n_legend, y);
  y += draw_text (c, T_SMALL, "Số chỉ tiêu đạt và vượt / tổng số chỉ tiêu", plot_x + 0, y,
                  c->width - plot_x, PANGO_ALIGN_LEFT) + 2;

  plot_w = MAX (40, c->width - plot_x - gap - label_w);
  c->rows_top = y;

  for (guint i = 0; i < rows->len; i++)
    {
      SummaryRow *r = rows->pdata[i];
      gboolean kind_row = i < n_kind_rows;
      g_autoptr(ChartText) nl = text_layout (c, kind_row ? T_BOLD_SMALL : T_NAME, r->label, name_w,
                                               PANGO_ALIGN_LEFT);
      g_autofree char *count = NULL;
      g_autoptr(ChartText) cl = NULL;
      double name_h = layout_height (nl), bar_h = c->fs * 1.3;
      double row_h = MAX (name_h, bar_h) + c->fs * 0.5, by = y + (row_h - bar_h) / 2, x = plot_x;
      guint row_total = r->counts[0] + r->counts[1] + r->counts[2] + r->counts[3];
      static const KlStatus order[] = { KL_STATUS_EXCEEDED, KL_STATUS_MET, KL_STATUS_NOT_MET, KL_STATUS_NO_DATA };

      if (kind_row)
        count = g_strdup_printf ("%u/%u %s", r->met, r->total,
                                 main_row == r ? "chỉ tiêu chính" : "chỉ tiêu thành phần");
      else
        count = g_strdup_printf ("%u/%u", r->met, r->total);
      cl = text_layout (c, kind_row ? T_BOLD_SMALL : T_LABEL, count, label_w + gap, PANGO_ALIGN_LEFT);

      if (!row_in_part (c, row_h + (kind_row && i == n_kind_rows - 1 && rows->len > n_kind_rows ? 4 : 0)))
        continue;
      show_layout (c, nl, 0, y + (row_h - name_h) / 2);
      /* Every row is 100 % of its own targets: groups of 2 and of 39 compare by share. */
      scale = plot_w / MAX (row_total, 1);
      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        {
          guint n = r->counts[order[k]];
          double w = n * scale;

          if (n == 0)
            continue;
          fill_status_rect (c, order[k], x, by, w, bar_h);
          add_bar (c, x, by, w, bar_h, n, plot_x, scale, NAN, FALSE, order[k], NULL, 0);
          if (c->cr != NULL)
            {
              g_autofree char *s = g_strdup_printf ("%u", n);
              g_autoptr(ChartText) l = text_layout (c, T_BOLD_SMALL, s, -1, PANGO_ALIGN_LEFT);
              double lw = layout_width (l);
              if (lw + 3 < w)
                {
                  /* White box behind the count keeps it legible over any pattern. */
                  cairo_save (c->cr);
                  cairo_rectangle (c->cr, x + (w - lw) / 2 - 1, by + (bar_h - layout_height (l)) / 2,
                                   lw + 2, layout_height (l));
                  cairo_set_source_rgb (c->cr, 1, 1, 1);
                  cairo_fill (c->cr);
                  cairo_restore (c->cr);
                  show_layout (c, l, x + (w - lw) / 2, by + (bar_h - layout_height (l)) / 2);
                }
            }
          x += w;
        }
      show_layout (c, cl, plot_x + plot_w + gap, y + (row_h - layout_height (cl)) / 2);
      y += row_h;
      if (kind_row && i == n_kind_rows - 1 && rows->len > n_kind_rows)
        {
          line (c, 0, y + 2, c->width, y + 2, 0.5, 0.5);
          y += 4;
        }
    }
  c->rows_end = y;
  return ceil (y + 4);
}

/* ---------------------------------------------------------------------------------------- */
/* Trend: the same targets across several reports                                           */

/* The key matching a target across reports, kept per thread with the chart's texts: a
 * trend is laid out several times (measured, drawn, page by page). Borrowed. */
static const char *
match_key (KlTarget *t)
{
  TextCache *cache = text_cache ();
  const char *name = nonempty (kl_target_get_name (t), "");
  const char *key = g_hash_table_lookup (cache->match_keys, name);

  if (key == NULL)
    {
      if (g_hash_table_size (cache->match_keys) >= TEXT_CACHE_MAX)
        g_hash_table_remove_all (cache->match_keys);
      key = kl_target_name_match_key (name);
      g_hash_table_insert (cache->match_keys, g_strdup (name), (char *) key);
    }
  return key;
}

/* Targets found by name (case and final full stop ignored), else by code and unit: the
 * same target in reports of different periods. Hash tables, not a scan: a trend over
 * reports of 200 targets matched each against each (Unicode-folding both names every
 * time) for 30 ms. */
typedef struct {
  GHashTable *by_name;   /* match_key → KlTarget, the first added */
  GHashTable *by_code;   /* "code\x1funit" → KlTarget, the first added */
} TargetIndex;

static char *
code_key (KlTarget *t)
{
  return kl_target_code_match_key (kl_target_get_code (t), kl_target_get_unit (t));
}

static void
target_index_init (TargetIndex *idx)
{
  idx->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  idx->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
target_index_clear (TargetIndex *idx)
{
  g_clear_pointer (&idx->by_name, g_hash_table_unref);
  g_clear_pointer (&idx->by_code, g_hash_table_unref);
}

static void
target_index_add (TargetIndex *idx, KlTarget *t)
{
  const char *name = match_key (t);
  char *code = code_key (t);

  if (!g_hash_table_contains (idx->by_name, name))
    g_hash_table_insert (idx->by_name, g_strdup (name), t);
  if (code != NULL && !g_hash_table_contains (idx->by_code, code))
    g_hash_table_insert (idx->by_code, g_steal_pointer (&code), t);
  g_free (code);
}

static KlTarget *
target_index_find (TargetIndex *idx, KlTarget *t)
{
  g_autofree char *code = NULL;
  KlTarget *hit = g_hash_table_lookup (idx->by_name, match_key (t));

  if (hit != NULL)
    return hit;
  code = code_key (t);
  return code != NULL ? g_hash_table_lookup (idx->by_code, code) : NULL;
}

static double
draw_trend (Ctx *c, KlReport **reports, guint n_reports)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();   /* one KlTarget per row: first seen */
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  double name_w = name_column (c, 0.30), gap = c->fs * 0.6, y = 0, col_w, col_x0;
  Swatch legend[5];
  guint n_legend = 0;

  TargetIndex key_index, per_report[64];
  guint n_indexed = MIN (n_reports, G_N_ELEMENTS (per_report));

  target_index_init (&key_index);
  for (guint r = 0; r < n_reports; r++)
    g_ptr_array_add (all, report_targets (reports[r]));
  for (guint r = 0; r < n_reports; r++)
    {
      GPtrArray *ts = all->pdata[r];

      if (r < n_indexed)
        target_index_init (&per_report[r]);
      for (guint i = 0; i < ts->len; i++)
        {
          if (r < n_indexed)
            target_index_add (&per_report[r], ts->pdata[i]);
          if (target_index_find (&key_index, ts->pdata[i]) == NULL)
            {
              g_ptr_array_add (keys, ts->pdata[i]);
              target_index_add (&key_index, ts->pdata[i]);
            }
        }
    }
  target_index_clear (&key_index);

  {
    g_autofree char *title = kl_chart_dup_title (KL_CHART_TREND, reports, n_reports);
    y = draw_header (c, title, n_reports > 1 ? NULL : kl_report_get_title (reports[0]), y);
  }
  legend[n_legend++] = (Swatch) { SW_PLAN, 0, "Kế hoạch của kỳ" };
  for (KlStatus s = KL_STATUS_EXCEEDED; s >= KL_STATUS_NOT_MET; s--)
    legend[n_legend++] = (Swatch) { SW_STATUS, s, s == KL_STATUS_EXCEEDED ? "Thực hiện: vượt"
                                                  : s == KL_STATUS_MET ? "đạt" : "không đạt" };
  y = draw_legend (c, legend, n_legend, y);
  y += draw_text (c, T_SMALL, "Mỗi chỉ tiêu một thang đo riêng (chung cho các kỳ), theo đơn vị của chỉ tiêu.",
                  0, y, c->width, PANGO_ALIGN_CENTER) + c->fs * 0.4;

  col_x0 = name_w + gap;
  col_w = (c->width - col_x0) / n_reports;

  /* Column headings: the period of each report. */
  {
    double hh = 0;
    for (guint r = 0; r < n_reports; r++)
      {
        g_autofree char *fallback = g_strdup_printf ("Báo cáo %u", r + 1);
        const char *period = nonempty (kl_report_get_period (reports[r]),
                                       nonempty (kl_report_get_title (reports[r]), fallback));
        g_autoptr(ChartText) l = text_layout (c, T_BOLD_SMALL, period, col_w - gap, PANGO_ALIGN_CENTER);
        show_layout (c, l, col_x0 + r * col_w, y);
        hh = MAX (hh, layout_height (l));
      }
    y += hh + 2;
    line (c, 0, y, c->width, y, 0.4, 0.5);
    c->rows_top = y;
  }

  /* Rows batched (see add_shape), except on SVG (see ctx_init). */
  if (c->cr != NULL && !c->stroke_hatch)
    c->batch = g_array_new (FALSE, FALSE, sizeof (StatusRect));

  for (guint k = 0; k < keys->len; k++)
    {
      KlTarget *key = keys->pdata[k];
      g_autofree char *label = target_label (key);
      g_autoptr(ChartText) nl = name_layout (c, key, label, name_w);
      KlTarget *per[64];
      guint n = MIN (n_reports, G_N_ELEMENTS (per)), drawn = 0;
      double hi = 0, lo = 0, track_h = c->fs * 1.1, label_h = c->fs * 1.1, row_h, ty;
      const char *unit = nonempty (kl_target_get_unit (key), "");

      for (guint r = 0; r < n; r++)
        {
          per[r] = target_index_find (&per_report[r], key);
          if (per[r] != NULL && drawable_bullet (per[r]))
            {
              hi = MAX (hi, MAX (kl_value_get_number (kl_target_get_actual (per[r])),
                                 value_max (kl_target_get_plan (per[r]))));
              lo = MIN (lo, MIN (kl_value_get_number (kl_target_get_actual (per[r])),
                                 kl_value_get_number (kl_target_get_plan (per[r]))));
              drawn++;
            }
        }
      if (drawn == 0)
        {
          char *why = undrawn_reason (key, FALSE);
          g_ptr_array_add (reasons, why ? why : target_label (key));
          continue;
        }
      hi = nice_ceil (hi * 1.04);
      if (lo < 0)
        lo = -nice_ceil (-lo);

      row_h = MAX (layout_height (nl), track_h + label_h) + c->fs * 0.5;
      ty = y + c->fs * 0.25;
      if (!row_in_part (c, row_h))
        continue;
      show_layout (c, nl, 0, y + (row_h - layout_height (nl)) / 2);

      for (guint r = 0; r < n; r++)
        {
          double tx = col_x0 + r * col_w + gap / 2, tw = col_w - gap;
          double scale = tw / (hi - lo), zero_x = tx - lo * scale;
          KlTarget *t = per[r];
          g_autofree char *text = NULL;

          add_shape (c, LAYER_TRACK_LIGHT, tx, ty, tw, track_h);
          if (t == NULL || !drawable_bullet (t))
            {
              g_autofree char *v = t ? value_text (kl_target_get_actual (t)) : g_strdup ("không có");
              text = g_strdup_printf ("(%s)", v);
            }
          else
            {
              KlValue *plan = kl_target_get_plan (t), *actual = kl_target_get_actual (t);
              double a = kl_value_get_number (actual), p = kl_value_get_number (plan);
              double bh = track_h * 0.55, by = ty + (track_h - bh) / 2;
              double bx = zero_x + MIN (0, a) * scale, bw = fabs (a) * scale;
              KlStatus status = kl_target_get_status (t);
              g_autofree char *ta = kl_value_format (actual), *tp = kl_value_format (plan);

              if (kl_value_get_qualifier (plan) == KL_QUALIFIER_RANGE)
                draw_range_band (c, zero_x + p * scale, zero_x + value_max (plan) * scale, ty, track_h);
              fill_status_rect (c, status, bx, by, bw, bh);
              add_bar (c, bx, by, bw, bh, a, zero_x, scale, zero_x + p * scale, FALSE, status, t, r);
              draw_marker_plan (c, zero_x + p * scale, ty - 1, ty + track_h + 1);
              text = g_strdup_printf ("%s / KH %s%s%s", ta, tp, *unit && r == n - 1 ? " " : "",
                                      r == n - 1 ? unit : "");
            }
          {
            g_autoptr(ChartText) l = text_layout_full (c, T_SMALL, text, tw, PANGO_ALIGN_CENTER, TRUE);
            show_layout (c, l, tx, ty + track_h + 1);
          }
        }
      y += row_h;
      add_shape (c, LAYER_RULE, 0, y, c->width, y);
    }
  flush_bars (c);
  for (guint r = 0; r < n_indexed; r++)
    target_index_clear (&per_report[r]);
  c->rows_end = y;
  y = draw_mark_notes (c, keys, y);
  y = draw_undrawn (c, reasons, y + c->fs * 0.2);
  return ceil (y + 2);
}

/* ---------------------------------------------------------------------------------------- */
/* Public                                                                                   */

gboolean
kl_chart_kind_from_string (const char *name, KlChartKind *out)
{
  static const char *names[] = { "achievement", "bullet", "summary", "trend" };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        if (out != NULL)
          *out = (KlChartKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kl_chart_kind_to_string (KlChartKind kind)
{
  switch (kind)
    {
    case KL_CHART_ACHIEVEMENT: return "achievement";
    case KL_CHART_BULLET: return "bullet";
    case KL_CHART_SUMMARY: return "summary";
    case KL_CHART_TREND: return "trend";
    default: return NULL;
    }
}

static double
run (KlChartKind kind, KlReport **reports, guint n_reports, Ctx *c)
{
  double h;

  switch (kind)
    {
    case KL_CHART_ACHIEVEMENT: h = draw_achievement (c, reports[0]); break;
    case KL_CHART_BULLET: h = draw_bullet (c, reports[0]); break;
    case KL_CHART_SUMMARY: h = draw_summary (c, reports[0]); break;
    case KL_CHART_TREND: h = draw_trend (c, reports, n_reports); break;
    default: g_return_val_if_reached (0);
    }
  flush_text (c);
  return h;
}

double
kl_chart_measure (KlChartKind kind, KlReport **reports, guint n_reports,
                  const char *font_family, double width)
{
  Ctx c;
  double h;

  g_return_val_if_fail (reports != NULL && n_reports > 0, 0);
  g_return_val_if_fail (KL_IS_REPORT (reports[0]), 0);
  g_return_val_if_fail (width > 0, 0);

  ctx_init (&c, NULL, font_family, width);
  h = run (kind, reports, n_reports, &c);
  ctx_clear (&c);
  return h;
}

void
kl_chart_draw (KlChartKind kind, KlReport **reports, guint n_reports,
               const char *font_family, cairo_t *cr, double width, double height)
{
  Ctx c;

  g_return_if_fail (reports != NULL && n_reports > 0);
  g_return_if_fail (KL_IS_REPORT (reports[0]));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0);

  ctx_init (&c, cr, font_family, width);
  cairo_save (cr);
  if (height > 0)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_clip (cr);
    }
  run (kind, reports, n_reports, &c);
  cairo_restore (cr);
  ctx_clear (&c);
}

GArray *
kl_chart_get_bars (KlChartKind kind, KlReport **reports, guint n_reports,
                   const char *font_family, double width)
{
  Ctx c;
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (KlChartBar));

  g_return_val_if_fail (reports != NULL && n_reports > 0, bars);
  g_return_val_if_fail (KL_IS_REPORT (reports[0]), bars);
  g_return_val_if_fail (width > 0, bars);

  ctx_init (&c, NULL, font_family, width);
  c.bars = bars;
  run (kind, reports, n_reports, &c);
  ctx_clear (&c);
  return bars;
}

typedef struct {
  guint  first, end;   /* rows [first, end) */
  double height;
} Part;

/* Cuts the rows into parts that fit the room of each page, the notes under the chart
 * going with the last part. Row heights come from one measuring pass; the height of
 * each part from a pass of its own, so that it is exactly what drawing it takes. */
static GArray *
split_parts (KlChartKind kind, KlReport **reports, guint n_reports, const char *family,
             double width, double first_height, double next_height)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  double total, header0, header1, footer, tail;
  guint i = 0, n_rows;
  Ctx c;

  ctx_init (&c, NULL, family, width);
  c.row_heights = rows;
  total = run (kind, reports, n_reports, &c);
  header0 = c.rows_top;
  footer = total - c.rows_end;
  ctx_clear (&c);
  n_rows = rows->len;

  /* A continued part: title "(tiếp theo)", no rows, no notes: its header and its tail. */
  ctx_init (&c, NULL, family, width);
  c.first_row = c.end_row = G_MAXUINT;
  c.footer = FALSE;
  total = run (kind, reports, n_reports, &c);
  header1 = c.rows_top;
  tail = total - c.rows_end;
  ctx_clear (&c);

  for (;;)
    {
      double cap = parts->len == 0 ? first_height : next_height;
      double header = parts->len == 0 ? header0 : header1;
      double sum = 0;
      guint start = i;
      Part part;

      while (i < n_rows && (i == start || header + sum + g_array_index (rows, double, i) + tail <= cap))
        sum += g_array_index (rows, double, i++);
      if (i == n_rows)
        {
          if (header + sum + footer <= cap || i - start <= 1)
            break;
          /* The notes do not fit under the last rows: one row moves on with them. */
          i--;
        }
      part = (Part) { start, i, 0 };
      g_array_append_val (parts, part);
      if (i == start)
        break;   /* nothing fits: never loop */
    }
  {
    Part last = { parts->len ? g_array_index (parts, Part, parts->len - 1).end : 0, n_rows, 0 };
    g_array_append_val (parts, last);
  }

  for (guint k = 0; k < parts->len; k++)
    {
      Part *part = &g_array_index (parts, Part, k);

      ctx_init (&c, NULL, family, width);
      c.first_row = part->first;
      c.end_row = part->end;
      c.footer = k == parts->len - 1;
      if (k > 0 && c.first_row == 0)
        c.first_row = c.end_row = G_MAXUINT;   /* an empty continued part: notes only */
      part->height = run (kind, reports, n_reports, &c);
      ctx_clear (&c);
    }
  return parts;
}

KlChartRows *
kl_chart_measure_rows (KlChartKind kind, KlReport **reports, guint n_reports,
                       const char *font_family, double width)
{
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  KlChartRows *rows;
  double total;
  Ctx c;

  g_return_val_if_fail (reports != NULL && n_reports > 0, NULL);
  g_return_val_if_fail (KL_IS_REPORT (reports[0]), NULL);
  g_return_val_if_fail (width > 0, NULL);

  rows = g_new0 (KlChartRows, 1);
  ctx_init (&c, NULL, font_family, width);
  c.row_heights = heights;
  rows->height = run (kind, reports, n_reports, &c);
  rows->header_first = c.rows_top;
  rows->footer = rows->height - c.rows_end;
  ctx_clear (&c);
  rows->n_rows = heights->len;
  rows->rows = (double *) g_array_free (g_steal_pointer (&heights), FALSE);

  /* A continued part without rows and notes: its header and what is left under it. */
  ctx_init (&c, NULL, font_family, width);
  c.first_row = c.end_row = G_MAXUINT;
  c.footer = FALSE;
  total = run (kind, reports, n_reports, &c);
  rows->header_next = c.rows_top;
  rows->tail = total - c.rows_end;
  ctx_clear (&c);
  return rows;
}

void
kl_chart_rows_free (KlChartRows *rows)
{
  if (rows == NULL)
    return;
  g_free (rows->rows);
  g_free (rows);
}

double
kl_chart_rows_part_height (const KlChartRows *rows, guint first, guint end)
{
  double h;

  g_return_val_if_fail (rows != NULL, 0);
  g_return_val_if_fail (first <= end && end <= rows->n_rows, 0);

  if (first == 0 && end == rows->n_rows)
    return rows->height;
  h = (first == 0 ? rows->header_first : rows->header_next) +
      (end == rows->n_rows ? rows->footer : rows->tail);
  for (guint i = first; i < end; i++)
    h += rows->rows[i];
  return h;
}

void
kl_chart_draw_rows (KlChartKind kind, KlReport **reports, guint n_reports, const char *font_family,
                    cairo_t *cr, double width, guint first, guint end, gboolean last)
{
  Ctx c;

  g_return_if_fail (reports != NULL && n_reports > 0);
  g_return_if_fail (KL_IS_REPORT (reports[0]));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && first <= end);

  ctx_init (&c, cr, font_family, width);
  c.first_row = first;
  c.end_row = end;
  c.footer = last;
  cairo_save (cr);
  run (kind, reports, n_reports, &c);
  cairo_restore (cr);
  ctx_clear (&c);
}

gboolean
kl_chart_check_fonts (KlChartKind kind, KlReport **reports, guint n_reports,
                      const char *font_family, double width, GError **error)
{
  g_autofree char *family = NULL;
  Ctx c;

  g_return_val_if_fail (reports != NULL && n_reports > 0, FALSE);
  g_return_val_if_fail (KL_IS_REPORT (reports[0]), FALSE);
  g_return_val_if_fail (width > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  family = font_family != NULL && *font_family ? g_strdup (font_family)
                                               : kl_fonts_resolve_family (NULL, error);
  if (family == NULL)
    return FALSE;
  ctx_init (&c, NULL, family, width);
  c.check_family = family;
  run (kind, reports, n_reports, &c);
  ctx_clear (&c);
  if (c.check_error != NULL)
    {
      g_propagate_error (error, c.check_error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
kl_chart_drawable_reports (GPtrArray  *others,
                           const char *font_family)
{
  GPtrArray *drawable;

  if (others == NULL)
    return NULL;
  drawable = g_ptr_array_sized_new (others->len);
  for (guint i = 0; i < others->len; i++)
    {
      KlPeriodReport *item = others->pdata[i];

      /* The width does not change which letters are drawn: an A4 text width. */
      if (kl_chart_check_fonts (KL_CHART_TREND, &item->report, 1, font_family, 481.9, NULL))
        g_ptr_array_add (drawable, item);
    }
  return drawable;
}

guint
kl_chart_split (KlChartKind kind, KlReport **reports, guint n_reports, const char *font_family,
                double width, double first_height, double next_height, double **heights_out)
{
  g_autoptr(GArray) parts = NULL;
  guint n;

  g_return_val_if_fail (reports != NULL && n_reports > 0, 0);
  g_return_val_if_fail (KL_IS_REPORT (reports[0]), 0);
  g_return_val_if_fail (width > 0 && first_height > 0 && next_height > 0, 0);

  parts = split_parts (kind, reports, n_reports, font_family, width, first_height, next_height);
  n = parts->len;
  if (heights_out != NULL)
    {
      *heights_out = g_new (double, n);
      for (guint k = 0; k < n; k++)
        (*heights_out)[k] = g_array_index (parts, Part, k).height;
    }
  return n;
}

void
kl_chart_draw_part (KlChartKind kind, KlReport **reports, guint n_reports, const char *font_family,
                    cairo_t *cr, double width, double first_height, double next_height, guint part)
{
  g_autoptr(GArray) parts = NULL;
  Part *p;
  Ctx c;

  g_return_if_fail (reports != NULL && n_reports > 0);
  g_return_if_fail (KL_IS_REPORT (reports[0]));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && first_height > 0 && next_height > 0);

  parts = split_parts (kind, reports, n_reports, font_family, width, first_height, next_height);
  g_return_if_fail (part < parts->len);
  p = &g_array_index (parts, Part, part);

  ctx_init (&c, cr, font_family, width);
  c.first_row = p->first;
  c.end_row = p->end;
  c.footer = part == parts->len - 1;
  if (part > 0 && c.first_row == 0)
    c.first_row = c.end_row = G_MAXUINT;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, p->height);
  cairo_clip (cr);
  run (kind, reports, n_reports, &c);
  cairo_restore (cr);
  ctx_clear (&c);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
kl_chart_render (KlChartKind kind, KlReport **reports, guint n_reports, const char *font_family,
                 double width, const char *format, double dpi, GError **error)
{
  g_autoptr(GByteArray) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double height;

  g_return_val_if_fail (reports != NULL && n_reports > 0, NULL);
  g_return_val_if_fail (width > 0, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_ascii_strcasecmp (format, "png") != 0 && g_ascii_strcasecmp (format, "svg") != 0
      && g_ascii_strcasecmp (format, "pdf") != 0)
    {
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FORMAT,
                   _("unknown chart format '%s' (use png, svg or pdf)"), format);
      return NULL;
    }
  if (dpi <= 0)
    dpi = 150;

  height = kl_chart_measure (kind, reports, n_reports, font_family, width);
  out = g_byte_array_new ();

  if (g_ascii_strcasecmp (format, "png") == 0)
    {
      double k = dpi / 72.0;
      int pw = (int) ceil (width * k), ph = (int) ceil (height * k);

      if ((double) pw * ph > 400e6)
        {
          g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT,
                       _("a %d × %d pixel image is too large; lower --dpi"), pw, ph);
          return NULL;
        }
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, k, k);
      kl_chart_draw (kind, reports, n_reports, font_family, cr, width, height);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, append_bytes, out);
    }
  else
    {
      gboolean pdf = g_ascii_strcasecmp (format, "pdf") == 0;

      if (pdf)
        {
          surface = cairo_pdf_surface_create_for_stream (append_bytes, out, width, height);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ketluan");
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                          nonempty (kl_report_get_title (reports[0]), "Biểu đồ"));
        }
      else
        {
          surface = cairo_svg_surface_create_for_stream (append_bytes, out, width, height);
          cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
        }
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      kl_chart_draw (kind, reports, n_reports, font_family, cr, width, height);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_OUTPUT,
                   _("cannot draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
