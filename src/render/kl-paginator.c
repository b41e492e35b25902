/* kl-paginator.c: places measured flows on pages: splits, keeps, footnotes, page numbers. */
#include "config.h"

#include <math.h>

#include "kl-paginator.h"

/* The footnote area: a gap, a short rule, a gap, then the footnotes. */
#define FOOT_GAP_ABOVE 8.0
#define FOOT_GAP_BELOW 4.0
#define FOOT_SEP (FOOT_GAP_ABOVE + FOOT_GAP_BELOW)
/* A footnote carried to the next page leaves this much room for the body there. */
#define MIN_BODY_LINES 3

KlFlow *
kl_flow_new_lines (KlText *text, double x)
{
  KlFlow *flow = g_new0 (KlFlow, 1);

  flow->type = KL_FLOW_LINES;
  flow->text = kl_text_ref (text);
  flow->x = x;
  return flow;
}

static void
row_free (KlRow *row)
{
  g_ptr_array_unref (row->items);
  if (row->refs != NULL)
    g_array_unref (row->refs);
  g_free (row);
}

KlFlow *
kl_flow_new_rows (void)
{
  KlFlow *flow = g_new0 (KlFlow, 1);

  flow->type = KL_FLOW_ROWS;
  flow->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return flow;
}

KlFlow *
kl_flow_new_break (gboolean landscape)
{
  KlFlow *flow = g_new0 (KlFlow, 1);

  flow->type = KL_FLOW_BREAK;
  flow->landscape = landscape;
  return flow;
}

KlFlow *
kl_flow_new_chart (KlChartKind kind, GPtrArray *reports, KlChartRows *rows, double x, double width)
{
  KlFlow *flow = g_new0 (KlFlow, 1);

  g_return_val_if_fail (reports != NULL && rows != NULL, NULL);
  flow->type = KL_FLOW_CHART;
  flow->chart_kind = kind;
  flow->reports = g_ptr_array_ref (reports);
  flow->chart_rows = rows;
  flow->x = x;
  flow->chart_width = width;
  return flow;
}

KlRow *
kl_flow_add_row (KlFlow *flow, double height)
{
  KlRow *row = g_new0 (KlRow, 1);

  g_return_val_if_fail (flow->type == KL_FLOW_ROWS, NULL);
  row->height = height;
  row->items = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_item_free);
  g_ptr_array_add (flow->rows, row);
  return row;
}

void
kl_flow_free (KlFlow *flow)
{
  if (flow == NULL)
    return;
  g_clear_pointer (&flow->text, kl_text_unref);
  g_clear_pointer (&flow->rows, g_ptr_array_unref);
  g_clear_pointer (&flow->reports, g_ptr_array_unref);
  g_clear_pointer (&flow->chart_rows, kl_chart_rows_free);
  g_free (flow->dest);
  g_free (flow);
}

void
kl_page_free (KlPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->items);
  g_free (page);
}

typedef struct {
  KlText *text;
  int     first, n;
} FootPiece;

typedef struct {
  const KlPageStyle *style;
  GPtrArray  *flows;
  GPtrArray  *footnotes;
  gboolean   *placed;          /* per footnote number - 1 */
  GPtrArray  *pages;
  KlPage     *page;
  double      left, top, limit, text_width;
  double      y;
  gboolean    empty;           /* no body content on this page yet */
  double      pending_space;
  double      foot_h;          /* current footnote area height, separator included */
  GArray     *feet;            /* FootPiece of this page */
  KlText     *carry;           /* a footnote continued on the next page */
  int         carry_first;
  gboolean    landscape;
  double      body_pitch;
} Pager;

static KlText *
footnote_text (Pager *p, guint number)
{
  if (number == 0 || number > p->footnotes->len)
    return NULL;
  return g_ptr_array_index (p->footnotes, number - 1);
}

static void
close_page (Pager *p)
{
  double y;

  if (p->page == NULL)
    return;
  if (p->feet->len > 0)
    {
      y = p->limit - p->foot_h;
      g_ptr_array_add (p->page->items,
                       kl_item_new_rule (p->left, y + FOOT_GAP_ABOVE, p->left + p->text_width / 3,
                                         y + FOOT_GAP_ABOVE, 0.5));
      y += FOOT_SEP;
      for (guint i = 0; i < p->feet->len; i++)
        {
          FootPiece *f = &g_array_index (p->feet, FootPiece, i);
          g_ptr_array_add (p->page->items,
                           kl_item_new_text (f->text, p->left, y - f->text->top[f->first],
                                             f->first, f->n));
          y += kl_text_lines_height (f->text, f->first, f->n);
        }
    }
  g_array_set_size (p->feet, 0);
  p->foot_h = 0;
  p->page = NULL;
}

/* Places as much of the carried footnote as fits, leaving room for a few body lines. */
static void
place_carry (Pager *p)
{
  double avail = p->limit - p->top - MIN_BODY_LINES * p->body_pitch - FOOT_SEP;
  int n = 0;
  FootPiece piece;

  while (p->carry_first + n < p->carry->n_lines &&
         kl_text_lines_height (p->carry, p->carry_first, n + 1) <= avail)
    n++;
  if (n == 0)
    n = 1;   /* always progress */
  piece.text = p->carry;
  piece.first = p->carry_first;
  piece.n = n;
  g_array_append_val (p->feet, piece);
  p->foot_h = FOOT_SEP + kl_text_lines_height (p->carry, p->carry_first, n);
  p->carry_first += n;
  if (p->carry_first >= p->carry->n_lines)
    p->carry = NULL;
}

static void
new_page (Pager *p, gboolean landscape)
{
  const KlPageStyle *s = p->style;

  close_page (p);
  p->page = g_new0 (KlPage, 1);
  p->page->landscape = landscape;
  p->page->width = landscape ? s->paper_height : s->paper_width;
  p->page->height = landscape ? s->paper_width : s->paper_height;
  p->page->items = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_item_free);
  g_ptr_array_add (p->pages, p->page);
  p->landscape = landscape;
  p->left = s->margin_left;
  p->top = s->margin_top;
  p->limit = p->page->height - s->margin_bottom;
  p->text_width = p->page->width - s->margin_left - s->margin_right;
  p->y = p->top;
  p->empty = TRUE;
  p->pending_space = 0;
  if (p->carry != NULL)
    place_carry (p);
}

/* Height the footnotes first referenced by @refs (of lines/rows not yet placed) need,
 * with the separator when they are the first on the page; G_MAXDOUBLE when a footnote
 * carried from the previous page still runs on below this one. */
static double
foot_need (Pager *p, const guint *refs, guint n_refs, guint *last_new)
{
  double need = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < n_refs; i++)
    {
      KlText *t = footnote_text (p, refs[i]);
      gboolean dup = FALSE;

      if (t == NULL || p->placed[refs[i] - 1])
        continue;
      for (guint j = 0; j < i; j++)
        dup |= refs[j] == refs[i];
      if (dup)
        continue;
      if (p->carry != NULL)
        return G_MAXDOUBLE;
      need += t->height;
      any = TRUE;
      if (last_new)
        *last_new = refs[i];
    }
  if (any && p->feet->len == 0)
    need += FOOT_SEP;
  return need;
}

/* Adds the footnotes of @refs to the page; the last may be cut, its rest carried on. */
static void
place_feet (Pager *p, const guint *refs, guint n_refs)
{
  for (guint i = 0; i < n_refs; i++)
    {
      KlText *t = footnote_text (p, refs[i]);
      FootPiece piece;
      double avail;
      int n = 0;

      if (t == NULL || p->placed[refs[i] - 1])
        continue;
      p->placed[refs[i] - 1] = TRUE;
      if (p->carry != NULL)
        {
          /* Cannot happen when foot_need() was respected; keep the text anyway. */
          continue;
        }
      avail = p->limit - p->y - p->foot_h - (p->feet->len == 0 ? FOOT_SEP : 0);
      while (n < t->n_lines && kl_text_lines_height (t, 0, n + 1) <= avail + 0.01)
        n++;
      if (n == 0 && p->feet->len > 0)
        n = 0;
      if (p->feet->len == 0)
        p->foot_h += FOOT_SEP;
      if (n > 0)
        {
          piece.text = t;
          piece.first = 0;
          piece.n = n;
          g_array_append_val (p->feet, piece);
          p->foot_h += kl_text_lines_height (t, 0, n);
        }
      if (n < t->n_lines)
        {
          p->carry = t;
          p->carry_first = n;
        }
    }
}

/* The refs of lines [first, last] of @text, into @out. */
static void
collect_line_refs (KlText *text, int first, int last, GArray *out)
{
  for (guint i = 0; i < text->refs->len; i++)
    {
      KlTextRef *r = &g_array_index (text->refs, KlTextRef, i);
      if (r->line >= first && r->line <= last)
        g_array_append_val (out, r->number);
    }
}

/* How many lines from @first fit at p->y, footnotes included. A line whose new footnote
 * does not fit whole still fits when the footnote's first two lines do (the rest runs
 * on to the next page); *@cut is then set and no later line may follow on this page. */
static int
lines_that_fit (Pager *p, KlText *text, int first, gboolean *cut)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (guint));
  int k;

  *cut = FALSE;
  for (k = first; k < text->n_lines; k++)
    {
      double h = text->bottom[k] - text->top[first];
      double need;
      guint last_new = 0;

      collect_line_refs (text, k, k, refs);
      need = foot_need (p, (guint *) refs->data, refs->len, &last_new);
      if (p->y + h + p->foot_h + need <= p->limit + 0.01)
        continue;
      if (need < G_MAXDOUBLE && last_new != 0)
        {
          KlText *ft = footnote_text (p, last_new);
          int n0 = MIN (2, ft->n_lines);
          double partial = need - ft->height + kl_text_lines_height (ft, 0, n0);
          if (p->y + h + p->foot_h + partial <= p->limit + 0.01)
            {
              *cut = TRUE;
              return k - first + 1;
            }
        }
      break;
    }
  return k - first;
}

static double
flow_min_start (KlFlow *flow)
{
  switch (flow->type)
    {
    case KL_FLOW_LINES:
      return kl_text_lines_height (flow->text, 0, MIN (2, flow->text->n_lines));
    case KL_FLOW_ROWS:
      {
        double h = 0;
        guint n = MIN (flow->rows->len, flow->n_header_rows + 1);
        for (guint i = 0; i < n; i++)
          h += ((KlRow *) flow->rows->pdata[i])->height;
        return h;
      }
    case KL_FLOW_CHART:
      /* The title, legend and axis with the first row (and the tail of a cut part). */
      return flow->chart_rows->n_rows <= 1 ? flow->chart_rows->height
                                           : kl_chart_rows_part_height (flow->chart_rows, 0, 1);
    case KL_FLOW_BREAK:
    default:
      return 0;
    }
}

static double
flow_height (KlFlow *flow)
{
  double h = 0;

  if (flow->type == KL_FLOW_LINES)
    return flow->text->height;
  if (flow->type == KL_FLOW_ROWS)
    for (guint i = 0; i < flow->rows->len; i++)
      h += ((KlRow *) flow->rows->pdata[i])->height;
  if (flow->type == KL_FLOW_CHART)
    return flow->chart_rows->height;
  return h;
}

/* Room the signature block takes under @flow when it follows it (and must not be left
 * alone on the next page); 0 when something else follows. */
static double
signature_need (KlFlow *flow, KlFlow *next)
{
  if (next == NULL || !next->keep_with_previous)
    return 0;
  return MAX (flow->space_after, next->space_before) + flow_height (next);
}

/* What must follow a keep-with-next flow on the same page: the next flows while they
 * keep with their next too (headings in a row), then the start of the first that does not. */
static double
keep_need (Pager *p, guint index)
{
  double need = 0;

  for (guint i = index + 1; i < p->flows->len && i < index + 6; i++)
    {
      KlFlow *prev = p->flows->pdata[i - 1];
      KlFlow *next = p->flows->pdata[i];

      if (next->type == KL_FLOW_BREAK)
        break;
      need += MAX (prev->space_after, next->space_before);
      if (!next->keep_with_next)
        {
          KlFlow *after = i + 1 < p->flows->len ? p->flows->pdata[i + 1] : NULL;

          /* A short last paragraph goes whole with the signature block when that moves. */
          if (after != NULL && after->keep_with_previous && next->type == KL_FLOW_LINES &&
              next->text->n_lines <= 3)
            return need + flow_height (next) + MAX (next->space_after, after->space_before) +
                   flow_height (after);
          return need + flow_min_start (next);
        }
      need += flow_height (next);
    }
  return need;
}

/* Records that content of @flow went on the current page. */
static void
mark_placed (Pager *p, KlFlow *flow)
{
  if (!flow->placed)
    flow->first_page = p->pages->len - 1;
  flow->placed = TRUE;
  flow->last_page = p->pages->len - 1;
}

static void
add_dest (Pager *p, KlFlow *flow)
{
  if (flow->dest != NULL)
    g_ptr_array_add (p->page->items, kl_item_new_dest (flow->dest, p->left, p->y));
}

static void
start_flow (Pager *p, KlFlow *flow)
{
  if (!p->empty)
    p->y += MAX (p->pending_space, flow->space_before);
}

static void
place_lines (Pager *p, guint index)
{
  KlFlow *flow = p->flows->pdata[index];
  KlFlow *next = index + 1 < p->flows->len ? p->flows->pdata[index + 1] : NULL;
  KlText *text = flow->text;
  int n = text->n_lines;
  int i = 0;
  gboolean dest_done = FALSE;

  while (i < n)
    {
      gboolean cut = FALSE;
      int m, remaining;
      double save_y = p->y;

      start_flow (p, flow);
      m = lines_that_fit (p, text, i, &cut);
      remaining = n - i - m;

      if (remaining == 0 && flow->keep_with_next && !p->empty &&
          p->y + kl_text_lines_height (text, i, m) + keep_need (p, index) + p->foot_h > p->limit)
        m = 0;   /* a heading goes to the next page with what follows it */
      else if (remaining == 0 && next != NULL && next->keep_with_previous && !p->empty)
        {
          double after = p->y + kl_text_lines_height (text, i, m) +
                         MAX (flow->space_after, next->space_before) + flow_height (next);
          if (after + p->foot_h > p->limit)
            {
              /* The signature block takes the last lines of the body with it. */
              remaining = MIN (2, n - i);
              m = n - i - remaining;
              if (i == 0 && m == 1)
                m = 0;
            }
        }
      else if (remaining > 0)
        {
          if (flow->keep_with_next && m < n - i)
            m = 0;
          if (remaining == 1 && m > 0)
            m--;          /* no widow line at the top of the next page */
          if (i == 0 && m == 1)
            m = 0;        /* no orphan line at the foot of this page */
        }

      if (m == 0)
        {
          if (!p->empty)
            {
              p->y = save_y;
              new_page (p, p->landscape);
              continue;
            }
          m = 1;           /* an empty page takes at least one line: always progress */
        }

      if (!dest_done)
        {
          add_dest (p, flow);
          dest_done = TRUE;
        }
      g_ptr_array_add (p->page->items,
                       kl_item_new_text (text, flow->x, p->y - text->top[i], i, m));
      mark_placed (p, flow);
      p->y += kl_text_lines_height (text, i, m);
      {
        g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (guint));
        collect_line_refs (text, i, i + m - 1, refs);
        place_feet (p, (guint *) refs->data, refs->len);
      }
      p->empty = FALSE;
      i += m;
      if (i < n)
        new_page (p, p->landscape);
    }
  p->pending_space = flow->space_after;
}

static void
put_row (Pager *p, KlRow *row)
{
  for (guint k = 0; k < row->items->len; k++)
    g_ptr_array_add (p->page->items, kl_item_copy_at (row->items->pdata[k], 0, p->y));
  p->y += row->height;
}

static void
place_rows (Pager *p, guint index)
{
  KlFlow *flow = p->flows->pdata[index];
  KlFlow *next = index + 1 < p->flows->len ? p->flows->pdata[index + 1] : NULL;
  guint r = 0;
  gboolean dest_done = FALSE;
  gboolean first_on_page = TRUE;
  guint data_rows_here = 0;

  if (flow->rows->len == 0)
    return;

  start_flow (p, flow);
  if (flow->keep_with_next && !p->empty &&
      p->y + flow_height (flow) + keep_need (p, index) + p->foot_h > p->limit)
    new_page (p, p->landscape);

  while (r < flow->rows->len)
    {
      KlRow *row = flow->rows->pdata[r];
      double need = row->refs ? foot_need (p, (guint *) row->refs->data, row->refs->len, NULL) : 0;
      double h = row->height;

      /* A header row never ends a page: it goes with the first row under it. */
      if (r < flow->n_header_rows && r + 1 < flow->rows->len)
        h += ((KlRow *) flow->rows->pdata[r + 1])->height;

      /* The signature block is never alone on a page: when it cannot follow, the last row
       * goes with it (with the header rows when they would be left alone above it), and
       * a block of a single row (a chart, a box) goes whole. Only a block at the top of
       * its page stays, as nothing smaller could move. */
      {
        guint group_end = r < flow->n_header_rows ? MIN (flow->n_header_rows, flow->rows->len - 1) : r;
        double group_h = 0;

        for (guint g = r; g <= group_end; g++)
          group_h += ((KlRow *) flow->rows->pdata[g])->height;
        if (group_end + 1 == flow->rows->len && !(p->empty && first_on_page) &&
            p->y + group_h + signature_need (flow, next) + p->foot_h + need > p->limit + 0.01 &&
            signature_need (flow, next) > 0)
          h = G_MAXDOUBLE / 4;
      }

      if (p->y + h + p->foot_h + need > p->limit + 0.01 && !(p->empty && first_on_page))
        {
          new_page (p, p->landscape);
          first_on_page = TRUE;
          data_rows_here = 0;
          if (r >= flow->n_header_rows)
            for (guint hr = 0; hr < flow->n_header_rows; hr++)
              put_row (p, flow->rows->pdata[hr]);
          continue;
        }
      if (!dest_done)
        {
          add_dest (p, flow);
          dest_done = TRUE;
        }
      put_row (p, row);
      mark_placed (p, flow);
      if (row->refs != NULL)
        place_feet (p, (guint *) row->refs->data, row->refs->len);
      p->empty = FALSE;
      first_on_page = FALSE;
      if (r >= flow->n_header_rows)
        data_rows_here++;
      r++;
    }
  p->pending_space = flow->space_after;
}

static void
put_chart_part (Pager *p, KlFlow *flow, guint first, guint end, double height)
{
  KlChartRows *rows = flow->chart_rows;
  KlItem *item;

  /* The outline points at the chart's first part, wherever it lands. */
  if (first == 0)
    add_dest (p, flow);
  if (first == 0 && end == rows->n_rows)
    item = kl_item_new_chart (flow->chart_kind, flow->reports, flow->x, p->y, flow->chart_width, height);
  else
    item = kl_item_new_chart_part (flow->chart_kind, flow->reports, flow->x, p->y, flow->chart_width,
                                   height, first, end, end == rows->n_rows);
  g_ptr_array_add (p->page->items, item);
  mark_placed (p, flow);
  p->y += height;
  p->empty = FALSE;
}

/* A chart goes whole where it fits, else on the next page when a page holds it, else it
 * is cut between its rows at the room of each page, the title repeated "(tiếp theo)".
 * The signature block after it takes at least the last part along. */
static void
place_chart (Pager *p, guint index)
{
  KlFlow *flow = p->flows->pdata[index];
  KlFlow *next = index + 1 < p->flows->len ? p->flows->pdata[index + 1] : NULL;
  KlChartRows *rows = flow->chart_rows;
  double sig = signature_need (flow, next);
  guint i = 0, n = rows->n_rows;

  start_flow (p, flow);
  for (;;)
    {
      double room = p->limit - p->y - p->foot_h;
      double rest = kl_chart_rows_part_height (rows, i, n);
      guint k = i;

      if (rest + sig <= room + 0.01)
        {
          put_chart_part (p, flow, i, n, rest);
          break;
        }
      if (i == 0 && !p->empty && rest + sig <= p->limit - p->top + 0.01)
        {
          new_page (p, p->landscape);
          continue;
        }
      /* Rows that fit with the continued part's tail; the last row always stays for the
       * last part, which takes the notes under the chart and the signature block along. */
      while (k + 1 < n && kl_chart_rows_part_height (rows, i, k + 1) <= room + 0.01)
        k++;
      /* A title over one or two rows at the foot of a page reads as a stray: the chart
       * starts on the next page instead. */
      if (i == 0 && !p->empty && k < MIN (3, n - 1))
        k = 0;
      if (k == i)
        {
          if (!p->empty)
            {
              new_page (p, p->landscape);
              continue;
            }
          /* Even an empty page cannot take more: what fits goes, the rest overflows. */
          if (rest <= room + 0.01 || i + 1 >= n)
            {
              put_chart_part (p, flow, i, n, rest);
              break;
            }
          k = i + 1;
        }
      put_chart_part (p, flow, i, k, kl_chart_rows_part_height (rows, i, k));
      i = k;
      new_page (p, p->landscape);
    }
  p->pending_space = flow->space_after;
}

GPtrArray *
kl_paginate (GPtrArray          *flows,
             GPtrArray          *footnotes,
             const KlPageStyle  *style,
             KlPageNumberFunc    number_text,
             gpointer            user_data)
{
  Pager p = { 0 };

  g_return_val_if_fail (flows != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  p.style = style;
  p.flows = flows;
  p.footnotes = footnotes;
  p.placed = g_new0 (gboolean, footnotes ? footnotes->len + 1 : 1);
  p.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_page_free);
  p.feet = g_array_new (FALSE, FALSE, sizeof (FootPiece));
  p.body_pitch = style->line_pitch > 0 ? style->line_pitch
                                       : style->body_size * 1.15 * style->line_spacing;
  new_page (&p, FALSE);

  for (guint i = 0; i < flows->len; i++)
    {
      KlFlow *flow = flows->pdata[i];

      flow->placed = FALSE;
      switch (flow->type)
        {
        case KL_FLOW_BREAK:
          if (!p.empty || flow->landscape != p.landscape)
            new_page (&p, flow->landscape);
          break;
        case KL_FLOW_LINES:
          place_lines (&p, i);
          break;
        case KL_FLOW_ROWS:
          place_rows (&p, i);
          break;
        case KL_FLOW_CHART:
          place_chart (&p, i);
          break;
        }
    }
  /* A footnote still running on gets pages of its own. */
  while (p.carry != NULL)
    new_page (&p, p.landscape);
  close_page (&p);

  if (style->page_number_position != KL_PAGE_NUMBER_NONE && number_text != NULL)
    for (guint i = 1; i < p.pages->len; i++)
      {
        KlPage *page = p.pages->pdata[i];
        g_autoptr(KlText) t = number_text (i + 1, user_data);
        double y;

        if (t == NULL)
          continue;
        if (style->page_number_position == KL_PAGE_NUMBER_TOP)
          y = style->margin_top / 2 - t->height / 2;
        else
          y = page->height - style->margin_bottom / 2 - t->height / 2;
        g_ptr_array_add (page->items,
                         kl_item_new_text (t, page->width / 2 - t->width / 2, y, 0, t->n_lines));
      }

  g_array_unref (p.feet);
  g_free (p.placed);
  return p.pages;
}
