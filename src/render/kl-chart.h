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

G_END_DECLS
