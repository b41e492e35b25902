/* kl-paginator.h: flows of measured content → pages (breaks, footnotes, keeps, page numbers). */
#pragma once

#include "kl-layout.h"
#include "kl-renderer.h"

G_BEGIN_DECLS

typedef enum {
  KL_FLOW_LINES,   /* a paragraph: splits between lines, never leaving one line alone */
  KL_FLOW_ROWS,    /* a table or an unsplittable block (one row): splits between rows */
  KL_FLOW_BREAK,   /* starts a new page (portrait, or landscape for annex tables) */
  KL_FLOW_CHART,   /* a chart: whole when it fits, else cut between its rows page by page */
} KlFlowType;

/* One row of a ROWS flow: items placed relative to the row's top-left (x absolute). */
typedef struct {
  double     height;
  GPtrArray *items;     /* of KlItem* */
  GArray    *refs;      /* footnote numbers (guint) referenced in the row, or NULL */
} KlRow;

typedef struct {
  KlFlowType  type;
  double      space_before, space_after;
  gboolean    keep_with_next;      /* headings, the title: never end a page */
  gboolean    keep_with_previous;  /* the signature block: never alone on a page */
  /* LINES */
  KlText     *text;
  double      x;
  /* ROWS */
  GPtrArray  *rows;                /* of KlRow* */
  guint       n_header_rows;       /* repeated at the top of each continuation page */
  /* BREAK */
  gboolean    landscape;
  /* CHART (x above is its left) */
  KlChartKind  chart_kind;
  GPtrArray   *reports;            /* KlReport references */
  KlChartRows *chart_rows;
  double       chart_width;
  /* a named destination placed at the flow's start (outline), or NULL */
  char       *dest;
  /* Set by kl_paginate(): the first and last page showing the flow; placed FALSE when
   * nothing of it reached a page (an empty table). */
  gboolean    placed;
  guint       first_page, last_page;
} KlFlow;

KlFlow  *kl_flow_new_lines (KlText *text, double x);
KlFlow  *kl_flow_new_rows  (void);
KlFlow  *kl_flow_new_break (gboolean landscape);
/* Takes @rows (kl_chart_measure_rows() of the chart at @width). */
KlFlow  *kl_flow_new_chart (KlChartKind kind, GPtrArray *reports, KlChartRows *rows,
                            double x, double width);
KlRow   *kl_flow_add_row   (KlFlow *flow, double height);
void     kl_flow_free      (KlFlow *flow);

typedef struct {
  double      width, height;
  gboolean    landscape;
  GPtrArray  *items;    /* of KlItem* */
} KlPage;

void     kl_page_free      (KlPage *page);

/* Lays @flows out on pages of @style. @footnotes[i] is footnote number i + 1 (KlText at the
 * footnote width, placed at the left margin). Page numbers are added as @style says, set
 * with @number_text (laid out by the caller for each page number: a callback keeps the
 * paginator free of fonts). Returns a GPtrArray of KlPage* (at least one page). */
typedef KlText *(*KlPageNumberFunc) (guint number, gpointer user_data);

GPtrArray *kl_paginate (GPtrArray          *flows,
                        GPtrArray          *footnotes,
                        const KlPageStyle  *style,
                        KlPageNumberFunc    number_text,
                        gpointer            user_data);

G_END_DECLS

/* Private to the render layer: the laid-out document behind the public KlPages. */
typedef struct {
  char *title;
  int   level;    /* 1 = top */
  char *dest;     /* the KL_ITEM_DEST name */
} KlOutlineEntry;

/* The pages showing a block of the body markup, for the preview to follow the text. */
typedef struct {
  guint first_page, last_page;
} KlBlockPages;

struct _KlPages {
  gatomicrefcount  ref;
  GPtrArray       *pages;     /* of KlPage* */
  char            *family;
  GPtrArray       *outline;   /* of KlOutlineEntry* */
  GArray          *blocks;    /* of KlBlockPages, one per block of the body markup */
};
