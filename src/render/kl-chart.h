/* kl-chart.h: plan-versus-actual charts drawn with Cairo and Pango (no GTK). */
#pragma once

#include <cairo.h>
#include "kl-core.h"

G_BEGIN_DECLS

typedef enum {
  KL_CHART_ACHIEVEMENT,  /* one horizontal bar per target: % of plan, 100 % line */
  KL_CHART_BULLET,       /* per target: plan marker, actual bar, next plan marker */
  KL_CHART_SUMMARY,      /* met / not met counts per group as stacked bars */
  KL_CHART_TREND,        /* the same targets across several reports */
} KlChartKind;

gboolean    kl_chart_kind_from_string (const char *name, KlChartKind *out);
const char *kl_chart_kind_to_string   (KlChartKind kind);
/* The title printed above the chart ("Tỷ lệ thực hiện so với kế hoạch năm 2023"), as
 * kl_chart_draw() prints it for these reports. New string. */
char       *kl_chart_dup_title        (KlChartKind   kind,
                                       KlReport    **reports,
                                       guint         n_reports);

/* Height in points the chart needs at @width for these reports (trend uses all of them,
 * the other kinds the first). @font_family: the document's font. */
double      kl_chart_measure  (KlChartKind   kind,
                               KlReport    **reports,
                               guint         n_reports,
                               const char   *font_family,
                               double        width);
/* Draws the chart into the rectangle (0,0)-(width,height) of @cr (user units = points). */
void        kl_chart_draw     (KlChartKind   kind,
                               KlReport    **reports,
                               guint         n_reports,
                               const char   *font_family,
                               cairo_t      *cr,
                               double        width,
                               double        height);

/* Charts longer than a page (bullet or achievement charts of many targets): splits the
 * rows into parts, the first no taller than @first_height (room left on the current page),
 * the others no taller than @next_height (a whole page); rows are never cut, each part
 * repeats the title (with "(tiếp theo)"), legend and axis, and the notes under the chart
 * come with the last part. Returns the number of parts (at least 1); @heights_out (may be
 * NULL) gets their heights (g_free). A chart that fits gives one part as tall as
 * kl_chart_measure(). A part always holds at least one row, so a part may exceed its room
 * when that room cannot take the header and one row: compare the heights with the room and
 * start on a new page instead (likewise when kl_chart_measure() fits a whole page). */
guint       kl_chart_split     (KlChartKind   kind,
                                KlReport    **reports,
                                guint         n_reports,
                                const char   *font_family,
                                double        width,
                                double        first_height,
                                double        next_height,
                                double      **heights_out);
/* Draws part @part of that split at (0,0) of @cr. */
void        kl_chart_draw_part (KlChartKind   kind,
                                KlReport    **reports,
                                guint         n_reports,
                                const char   *font_family,
                                cairo_t      *cr,
                                double        width,
                                double        first_height,
                                double        next_height,
                                guint         part);

/* The rows of a chart measured once, so that the paginator can cut it page by page at
 * the room each page has (kl_chart_split() takes one room for all continued parts).
 * A part made of rows [first, end) is header + Σ rows + tail (or footer when end is the
 * last row), the header being header_first for the part starting at row 0 and
 * header_next ("(tiếp theo)") for the others. */
typedef struct {
  guint   n_rows;
  double *rows;           /* height of each row */
  double  header_first;   /* title, legend and axis above the first part's rows */
  double  header_next;    /* the same with the title "… (tiếp theo)" */
  double  tail;           /* under the rows of a part that is not the last */
  double  footer;         /* under the rows of the last part: the notes too */
  double  height;         /* the whole chart: kl_chart_measure() */
} KlChartRows;

KlChartRows *kl_chart_measure_rows (KlChartKind   kind,
                                    KlReport    **reports,
                                    guint         n_reports,
                                    const char   *font_family,
                                    double        width);
void         kl_chart_rows_free    (KlChartRows *rows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlChartRows, kl_chart_rows_free)
/* Height of the part of rows [first, end). */
double       kl_chart_rows_part_height (const KlChartRows *rows, guint first, guint end);
/* Draws the part of rows [first, end) at (0,0) of @cr: with the "(tiếp theo)" title when
 * @first > 0, with the notes under the chart when @last (@end is the number of rows). */
void         kl_chart_draw_rows    (KlChartKind   kind,
                                    KlReport    **reports,
                                    guint         n_reports,
                                    const char   *font_family,
                                    cairo_t      *cr,
                                    double        width,
                                    guint         first,
                                    guint         end,
                                    gboolean      last);

/* Checks that every glyph of the chart's text exists in @font_family (NULL: the renderer's
 * choice), as the renderer does for pages: a fallback font is an error, never hidden.
 * Fails with KL_RENDER_ERROR_FONT; for a target's name the message starts "line N: "
 * with the target's source line. */
gboolean    kl_chart_check_fonts (KlChartKind   kind,
                                  KlReport    **reports,
                                  guint         n_reports,
                                  const char   *font_family,
                                  double        width,
                                  GError      **error);

/* The reports of @others (KlPeriodReport*: other documents' reports a trend may compare,
 * kl_store_find_trend_reports()) whose every letter @font_family can draw: a text of the
 * library, not of the document charted, must not stop its chart. A new array of the same
 * (borrowed) items, in order; NULL for NULL. */
GPtrArray  *kl_chart_drawable_reports (GPtrArray   *others,
                                       const char  *font_family);

/* Test and debug access to the geometry: the bars exactly as kl_chart_draw() paints them
 * at @width, in points from the chart's top-left. An array of KlChartBar (free with
 * g_array_unref). Achievement: one bar per target with a ratio; bullet: one per target
 * with settled plan and actual; summary: one per non-empty status segment; trend: one per
 * target and report with an actual figure. */
typedef struct {
  double    x, y, width, height;
  double    value;        /* ratio (achievement), actual (bullet, trend), count (summary) */
  double    zero_x;       /* where 0 lies on this bar's scale */
  double    scale;        /* points per unit of value on this bar's scale */
  double    reference_x;  /* the 100 % line (achievement) or the plan marker; NAN if none */
  gboolean  clamped;      /* too long for the axis: cut, with a break mark, true value labelled */
  KlStatus  status;
  KlTarget *target;       /* borrowed; NULL for summary segments */
  guint     report;       /* index into the reports given */
} KlChartBar;

GArray     *kl_chart_get_bars (KlChartKind   kind,
                               KlReport    **reports,
                               guint         n_reports,
                               const char   *font_family,
                               double        width);

/* The chart alone as a file's bytes: @format "png" (at @dpi), "svg" or "pdf", page size
 * @width × kl_chart_measure(). Fails with KL_RENDER_ERROR_FORMAT for another format. */
GBytes     *kl_chart_render   (KlChartKind   kind,
                               KlReport    **reports,
                               guint         n_reports,
                               const char   *font_family,
                               double        width,
                               const char   *format,
                               double        dpi,
                               GError      **error);

/* Empties the calling thread's cache of chart text layouts and shaped words; the fonts
 * stay loaded (benchmarks measure cold runs with it; a chart drawn again, or page by
 * page, reuses the layouts otherwise). */
void        kl_chart_cache_clear (void);
/* Layouts in the calling thread's cache (tests check that drawing reuses them). */
guint       kl_chart_cache_size  (void);

/* Sets chart text word by word from a cache of shaped words (TRUE, the default) or lays
 * every text out with Pango (FALSE). For tests, which check that both give the same
 * lines, and benchmarks, which time both; empties the cache. Process-wide. */
void        kl_chart_set_word_shaping (gboolean enabled);

/* Number of targets of @report (group rows excluded) the achievement chart cannot draw
 * (no figures, free text, unsettled ambiguous numbers); they are listed under the chart. */
guint       kl_chart_count_undrawn (KlReport *report);

G_END_DECLS
