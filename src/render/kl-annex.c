/* kl-annex.c: ruled tables, and the annex target table computed from a report. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-annex.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.0
#define TABLE_RULE 0.5

KlCell *
kl_cell_new (const char *markup, PangoAlignment align)
{
  KlCell *cell = g_new0 (KlCell, 1);

  cell->markup = g_strdup (markup ? markup : "");
  cell->align = align;
  return cell;
}

void
kl_cell_free (KlCell *cell)
{
  if (cell == NULL)
    return;
  g_free (cell->markup);
  g_free (cell);
}

KlFlow *
kl_table_flow_new (const char      *family,
                   double           size,
                   double           x,
                   const double    *widths,
                   guint            n_cols,
                   GPtrArray       *rows,
                   guint            n_header_rows,
                   const gboolean  *row_fill,
                   guint            line,
                   GError         **error)
{
  KlFlow *flow = kl_flow_new_rows ();
  double total = 0;

  for (guint c = 0; c < n_cols; c++)
    total += widths[c];
  flow->n_header_rows = MIN (n_header_rows, rows->len);

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = rows->pdata[r];
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_text_unref);
      double height = 0, cx = x;
      KlRow *row;
      g_autofree char *where = g_strdup_printf (_("row %u of a table"), r + 1);

      for (guint c = 0; c < n_cols; c++)
        {
          KlCell *cell = c < cells->len ? cells->pdata[c] : NULL;
          KlTextStyle ts = { family, size, widths[c] - 2 * CELL_PAD_X, 0,
                             cell ? cell->align : PANGO_ALIGN_LEFT, FALSE, 1.0 };
          KlText *t = kl_text_new (cell ? cell->markup : "", &ts, line, where, error);

          if (t == NULL)
            {
              kl_flow_free (flow);
              return NULL;
            }
          g_ptr_array_add (texts, t);
          height = MAX (height, t->height);
        }
      height += 2 * CELL_PAD_Y;
      row = kl_flow_add_row (flow, height);
      if (row_fill != NULL && row_fill[r])
        g_ptr_array_add (row->items, kl_item_new_rect (x, 0, total, height, TRUE, 1.0, 0.84, 0.55, 0));
      for (guint c = 0; c < n_cols; c++)
        {
          KlText *t = texts->pdata[c];
          /* Cell text is centred vertically, as Word's tables in the seeds are. */
          double ty = (height - t->height) / 2;

          if (t->n_lines > 0 && pango_layout_get_character_count (t->layout) > 0)
            g_ptr_array_add (row->items, kl_item_new_text (t, cx + CELL_PAD_X, ty, 0, t->n_lines));
          for (guint i = 0; i < t->refs->len; i++)
            {
              if (row->refs == NULL)
                row->refs = g_array_new (FALSE, FALSE, sizeof (guint));
              g_array_append_val (row->refs, g_array_index (t->refs, KlTextRef, i).number);
            }
          g_ptr_array_add (row->items, kl_item_new_rule (cx, 0, cx, height, TABLE_RULE));
          cx += widths[c];
        }
      g_ptr_array_add (row->items, kl_item_new_rule (cx, 0, cx, height, TABLE_RULE));
      g_ptr_array_add (row->items, kl_item_new_rule (x, 0, x + total, 0, TABLE_RULE));
      g_ptr_array_add (row->items, kl_item_new_rule (x, height, x + total, height, TABLE_RULE));
    }
  return flow;
}

double *
kl_table_fit_widths (const char *family,
                     double      size,
                     GPtrArray  *rows,
                     guint       n_cols,
                     double      width)
{
  double *natural = g_new0 (double, n_cols);
  double *minimum = g_new0 (double, n_cols);
  double *widths = g_new0 (double, n_cols);
  double sum_nat = 0, sum_min = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = rows->pdata[r];
      for (guint c = 0; c < n_cols && c < cells->len; c++)
        {
          KlCell *cell = cells->pdata[c];
          KlTextStyle whole = { family, size, 0, 0, PANGO_ALIGN_LEFT, FALSE, 1.0 };
          KlTextStyle word = { family, size, 1, 0, PANGO_ALIGN_LEFT, FALSE, 1.0 };
          g_autoptr(KlText) t = kl_text_new (cell->markup, &whole, 0, NULL, NULL);
          g_autoptr(KlText) w = NULL;

          if (t == NULL)
            continue;
          natural[c] = MAX (natural[c], MIN (t->width, width));
          /* Wrapped at a tiny width, PANGO_WRAP_WORD_CHAR still keeps words whole when it
           * can; the widest line is then about the longest word. */
          w = kl_text_new (cell->markup, &word, 0, NULL, NULL);
          if (w != NULL)
            minimum[c] = MAX (minimum[c], MIN (w->width, width / n_cols));
        }
    }
  for (guint c = 0; c < n_cols; c++)
    {
      natural[c] += 2 * CELL_PAD_X;
      minimum[c] += 2 * CELL_PAD_X;
      sum_nat += natural[c];
      sum_min += minimum[c];
    }
  for (guint c = 0; c < n_cols; c++)
    {
      if (sum_nat <= width || sum_min >= width)
        widths[c] = width * natural[c] / sum_nat;
      else
        /* Shrink the columns in proportion to what they have over their minimum. */
        widths[c] = minimum[c] + (width - sum_min) * (natural[c] - minimum[c]) / (sum_nat - sum_min);
    }
  g_free (natural);
  g_free (minimum);
  return widths;
}

static const char *
or_default (const char *value, const char *fallback)
{
  return value != NULL && value[0] != '\0' ? value : fallback;
}

static KlCell *
cell_text (const char *text, PangoAlignment align, gboolean bold)
{
  g_autofree char *esc = kl_markup_escape_nfc (text);
  g_autofree char *markup = bold ? g_strdup_printf ("<b>%s</b>", esc) : NULL;

  return kl_cell_new (bold ? markup : esc, align);
}

static KlCell *
cell_value (KlValue *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || kl_value_get_qualifier (value) == KL_QUALIFIER_NONE)
    return kl_cell_new ("", PANGO_ALIGN_RIGHT);
  /* An unsettled ambiguous figure prints as typed: the renderer must not pick a reading. */
  text = kl_value_get_ambiguous (value) ? g_strdup (kl_value_get_text (value)) : kl_value_format (value);
  return cell_text (text, PANGO_ALIGN_RIGHT, FALSE);
}

char *
kl_annex_outline_title (KlReport *report, guint number)
{
  const char *title = kl_report_get_annex_title (report);

  if (title == NULL || title[0] == '\0')
    title = kl_report_get_title (report);
  if (title == NULL || title[0] == '\0')
    return g_strdup_printf ("Phụ lục %u", number);
  return g_strdup_printf ("Phụ lục %u: %s", number, title);
}

gboolean
kl_annex_build_heading (KlReport           *report,
                        guint               number,
                        const char         *default_note,
                        const KlPageStyle  *style,
                        const char         *family,
                        double              x,
                        double              width,
                        const char         *dest,
                        GPtrArray          *flows_out,
                        GError            **error)
{
  const char *title;
  const char *subtitle;
  const char *note;
  g_autofree char *phu_luc = g_strdup_printf ("Phụ lục %u", number);
  const char *lines[4] = { NULL, NULL, NULL, NULL };
  const char *tags[4] = { "b", "b", "b", "i" };
  KlFlow *flow;
  KlRow *row;
  double y = 0;
  guint n = 0;

  g_return_val_if_fail (KL_IS_REPORT (report), FALSE);

  title = kl_report_get_annex_title (report);
  subtitle = kl_report_get_annex_subtitle (report);
  note = kl_report_get_annex_note (report);

  /* Without its own heading an annex is titled "Phụ lục N" with the report's title. */
  if (title == NULL || title[0] == '\0')
    {
      lines[n++] = phu_luc;
      lines[n++] = kl_report_get_title (report);
    }
  else
    lines[n++] = title;
  if (subtitle != NULL && subtitle[0] != '\0')
    lines[n++] = subtitle;
  /* FORMAT.md: an annex says which document it belongs to. */
  if (note == NULL || note[0] == '\0')
    note = default_note;
  if (note != NULL && note[0] != '\0')
    {
      tags[n] = "i";
      lines[n++] = note;
    }

  flow = kl_flow_new_rows ();
  row = kl_flow_add_row (flow, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *esc = NULL;
      g_autofree char *markup = NULL;
      KlTextStyle ts = { family, style->body_size, width, 0, PANGO_ALIGN_CENTER, FALSE, 1.0 };
      KlText *t;

      if (lines[i] == NULL || lines[i][0] == '\0')
        continue;
      if (i == 0 && lines[i] != phu_luc)
        {
          g_autofree char *up = g_utf8_strup (lines[i], -1);
          esc = kl_markup_escape_nfc (up);
        }
      else
        esc = kl_markup_escape_nfc (lines[i]);
      markup = g_strdup_printf ("<%s>%s</%s>", tags[i], esc, tags[i]);
      t = kl_text_new (markup, &ts, 0, N_("the annex heading"), error);
      if (t == NULL)
        {
          kl_flow_free (flow);
          return FALSE;
        }
      g_ptr_array_add (row->items, kl_item_new_text (t, x, y, 0, t->n_lines));
      y += t->height;
      kl_text_unref (t);
    }
  row->height = y;
  flow->space_after = 12;
  flow->keep_with_next = TRUE;
  flow->dest = g_strdup (dest);
  g_ptr_array_add (flows_out, flow);
  return TRUE;
}

gboolean
kl_annex_build (KlReport           *report,
                guint               number,
                const char         *default_note,
                const KlPageStyle  *style,
                const char         *family,
                double              x,
                double              width,
                gboolean            with_title,
                const char         *dest,
                GPtrArray          *flows_out,
                GError            **error)
{
  GListModel *targets;
  guint n_targets;
  gboolean has_next = FALSE;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree gboolean *fill = NULL;
  double weights[8] = { 0.055, 0.32, 0.085, 0.11, 0.11, 0.09, 0.10, 0.11 };
  double widths[8];
  double sum = 0;
  guint n_cols;
  GPtrArray *head;
  KlFlow *table;

  g_return_val_if_fail (KL_IS_REPORT (report), FALSE);

  if (with_title && !kl_annex_build_heading (report, number, default_note, style, family, x, width, dest,
                                             flows_out, error))
    return FALSE;

  targets = G_LIST_MODEL (kl_report_get_targets (report));
  n_targets = g_list_model_get_n_items (targets);
  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      if (kl_value_get_qualifier (kl_target_get_next_plan (t)) != KL_QUALIFIER_NONE)
        has_next = TRUE;
    }
  {
    const char *np = kl_report_get_next_plan_label (report);
    if (np != NULL && np[0] != '\0')
      has_next = TRUE;
  }
  n_cols = has_next ? 8 : 7;
  if (!has_next)
    weights[1] += weights[7];
  for (guint c = 0; c < n_cols; c++)
    sum += weights[c];
  for (guint c = 0; c < n_cols; c++)
    widths[c] = width * weights[c] / sum;

  head = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cell_free);
  g_ptr_array_add (head, cell_text ("TT", PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text ("Chỉ tiêu", PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text ("ĐVT", PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text (or_default (kl_report_get_plan_label (report), "Kế hoạch"),
                                    PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text (or_default (kl_report_get_actual_label (report), "Thực hiện"),
                                    PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text (or_default (kl_report_get_ratio_label (report), "TH/KH (%)"),
                                    PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (head, cell_text ("Đánh giá", PANGO_ALIGN_CENTER, TRUE));
  if (has_next)
    g_ptr_array_add (head, cell_text (or_default (kl_report_get_next_plan_label (report),
                                                  "Kế hoạch kỳ sau"),
                                      PANGO_ALIGN_CENTER, TRUE));
  g_ptr_array_add (rows, head);

  fill = g_new0 (gboolean, n_targets + 1);
  for (guint i = 0; i < n_targets; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cell_free);
      gboolean group = kl_target_is_group (t);

      g_ptr_array_add (cells, cell_text (kl_target_get_code (t), PANGO_ALIGN_CENTER, group));
      g_ptr_array_add (cells, cell_text (kl_target_get_name (t), PANGO_ALIGN_LEFT, group));
      if (group)
        {
          for (guint c = 2; c < n_cols; c++)
            g_ptr_array_add (cells, kl_cell_new ("", PANGO_ALIGN_LEFT));
        }
      else
        {
          double ratio = kl_target_get_ratio (t);
          KlStatus status = kl_target_get_status (t);
          g_autofree char *pct = isfinite (ratio) ? kl_number_format_percent (ratio) : NULL;

          g_ptr_array_add (cells, cell_text (kl_target_get_unit (t), PANGO_ALIGN_CENTER, FALSE));
          g_ptr_array_add (cells, cell_value (kl_target_get_plan (t)));
          g_ptr_array_add (cells, cell_value (kl_target_get_actual (t)));
          g_ptr_array_add (cells, cell_text (pct ? pct : "", PANGO_ALIGN_RIGHT, FALSE));
          g_ptr_array_add (cells, cell_text (status == KL_STATUS_NO_DATA ? ""
                                             : kl_status_to_vietnamese (status),
                                             PANGO_ALIGN_CENTER, FALSE));
          if (has_next)
            g_ptr_array_add (cells, cell_value (kl_target_get_next_plan (t)));
          /* Preview only: rows whose typed % or status contradicts the computed one, or
           * with a figure still to settle. */
          fill[i + 1] = style->mark_disagreements &&
                        (kl_target_get_disagrees (t, NULL) ||
                         kl_value_get_ambiguous (kl_target_get_plan (t)) ||
                         kl_value_get_ambiguous (kl_target_get_actual (t)) ||
                         kl_value_get_ambiguous (kl_target_get_next_plan (t)));
        }
      g_ptr_array_add (rows, cells);
    }

  table = kl_table_flow_new (family, style->table_size, x, widths, n_cols, rows, 1, fill, 0, error);
  if (table == NULL)
    return FALSE;
  if (!with_title)
    table->dest = g_strdup (dest);
  table->space_before = 6;
  table->space_after = 6;
  g_ptr_array_add (flows_out, table);
  return TRUE;
}
