/* kl-renderer.c: a document and a page style → flows of measured blocks → KlPages. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-renderer.h"
#include "kl-annex.h"
#include "kl-fonts.h"
#include "kl-paginator.h"

/* The header and closing blocks are two columns; the left one holds the issuer and the
 * recipients. Common practice in Word templates (not fixed by FORMAT.md). */
#define LEFT_COLUMN_RATIO 0.45
#define PARTY_NAME "ĐẢNG CỘNG SẢN VIỆT NAM"
#define PARTY_RULE_WIDTH 0.6

typedef struct {
  KlDocument   *doc;
  KlPageStyle   style;
  char         *family;
  double        left, width;        /* the portrait text column */
  KlMarkup     *markup;
  GPtrArray    *flows;              /* KlFlow* */
  GPtrArray    *footnotes;          /* KlText*, number - 1 */
  GHashTable   *fn_numbers;         /* label → GUINT number */
  GPtrArray    *outline;            /* KlOutlineEntry* */
  GPtrArray    *reports;            /* KlReport* (borrowed from the document's store) */
  GPtrArray    *trend;              /* KlReport*: what trend charts compare, oldest first */
  GPtrArray    *trend_others;       /* KlPeriodReport* from the library (borrowed), or NULL */
  gboolean      trend_checked;      /* library reports the font cannot draw are gone from it */
  gboolean     *embedded;           /* per report: {{targets N}} in the body */
  guint         n_dest;
} Builder;

static void
outline_entry_free (KlOutlineEntry *e)
{
  g_free (e->title);
  g_free (e->dest);
  g_free (e);
}

static char *
add_outline (Builder *b, const char *title, int level)
{
  KlOutlineEntry *e = g_new0 (KlOutlineEntry, 1);
  g_autofree char *nfc = g_utf8_normalize (title ? title : "", -1, G_NORMALIZE_NFC);

  e->title = g_strdup (g_strstrip (nfc ? nfc : g_strdup ("")));
  e->level = level;
  e->dest = g_strdup_printf ("kl-dest-%u", ++b->n_dest);
  g_ptr_array_add (b->outline, e);
  return g_strdup (e->dest);
}

static KlTextStyle
text_style (Builder *b, double size, double width)
{
  KlTextStyle ts = { b->family, size, width, 0, PANGO_ALIGN_LEFT, FALSE, 1.0 };
  return ts;
}

/* Pango markup of @runs: bold, italic, footnote references as raised "(n)". */
static char *
runs_to_markup (Builder *b, GPtrArray *runs, gboolean upper, double size)
{
  GString *s = g_string_new (NULL);

  if (runs == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];
      g_autofree char *esc = NULL;

      if (run->flags & KL_RUN_LINE_BREAK)
        {
          g_string_append (s, "\u2028");
          continue;
        }
      if (run->flags & KL_RUN_FOOTNOTE_REF)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (b->fn_numbers, run->text));
          g_autofree char *label = n ? g_strdup_printf ("%u", n) : kl_markup_escape_nfc (run->text);
          /* A reference without a definition is raised but not a reference: nothing to
           * place at the foot of the page (the check reports it before signing). */
          g_string_append_printf (s, "<span rise=\"%d\" size=\"%d\">(%s)</span>",
                                  n ? KL_REF_RISE (size) : KL_LABEL_RISE (size),
                                  (int) (size * 0.62 * PANGO_SCALE), label);
          continue;
        }
      /* Runs are NFC already (kl-markup.h); upper-casing keeps NFC text NFC for
       * Vietnamese letters, so only the escaping is left to do here. */
      if (upper)
        {
          g_autofree char *up = g_utf8_strup (run->text ? run->text : "", -1);
          esc = g_markup_escape_text (up, -1);
        }
      else
        esc = g_markup_escape_text (run->text ? run->text : "", -1);
      if (run->flags & KL_RUN_BOLD)
        g_string_append (s, "<b>");
      if (run->flags & KL_RUN_ITALIC)
        g_string_append (s, "<i>");
      g_string_append (s, esc);
      if (run->flags & KL_RUN_ITALIC)
        g_string_append (s, "</i>");
      if (run->flags & KL_RUN_BOLD)
        g_string_append (s, "</b>");
    }
  return g_string_free (s, FALSE);
}

static void
number_runs (Builder *b, GPtrArray *runs)
{
  if (runs == NULL)
    return;
  for (guint i = 0; i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];
      if ((run->flags & KL_RUN_FOOTNOTE_REF) && run->text != NULL &&
          !g_hash_table_contains (b->fn_numbers, run->text) &&
          kl_markup_find_footnote (b->markup, run->text) != NULL)
        g_hash_table_insert (b->fn_numbers, g_strdup (run->text),
                             GUINT_TO_POINTER (g_hash_table_size (b->fn_numbers) + 1));
    }
}

/* Footnotes are numbered 1, 2, … in the order of their first reference, whatever labels
 * the text uses (FORMAT.md: numbered continuously through the document). */
static gboolean
build_footnotes (Builder *b, GError **error)
{
  GPtrArray *labels;

  for (guint i = 0; i < b->markup->blocks->len; i++)
    {
      KlBlock *block = b->markup->blocks->pdata[i];
      if (block->type == KL_BLOCK_FOOTNOTE)
        continue;
      number_runs (b, block->runs);
      if (block->rows != NULL)
        for (guint r = 0; r < block->rows->len; r++)
          {
            GPtrArray *cells = block->rows->pdata[r];
            for (guint c = 0; c < cells->len; c++)
              number_runs (b, cells->pdata[c]);
          }
    }

  labels = g_ptr_array_new ();
  g_ptr_array_set_size (labels, g_hash_table_size (b->fn_numbers));
  {
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init (&it, b->fn_numbers);
    while (g_hash_table_iter_next (&it, &key, &value))
      labels->pdata[GPOINTER_TO_UINT (value) - 1] = key;
  }
  for (guint i = 0; i < labels->len; i++)
    {
      const KlBlock *def = kl_markup_find_footnote (b->markup, labels->pdata[i]);
      KlTextStyle ts = text_style (b, b->style.footnote_size, b->width);
      g_autofree char *body = runs_to_markup (b, def->runs, FALSE, b->style.footnote_size);
      g_autofree char *markup = g_strdup_printf ("<span rise=\"%d\" size=\"%d\">(%u)</span> %s",
                                                 KL_LABEL_RISE (b->style.footnote_size),
                                                 (int) (b->style.footnote_size * 0.62 * PANGO_SCALE),
                                                 i + 1, body);
      KlText *t;

      ts.justify = TRUE;
      t = kl_text_new (markup, &ts, def->line, "a footnote", error);
      if (t == NULL)
        {
          g_ptr_array_unref (labels);
          return FALSE;
        }
      g_ptr_array_add (b->footnotes, t);
    }
  g_ptr_array_unref (labels);
  return TRUE;
}

static KlText *
plain_text (Builder *b, const char *text, const char *tag, double size, double width,
            PangoAlignment align, const char *where, GError **error)
{
  KlTextStyle ts = text_style (b, size, width);
  g_autofree char *esc = kl_markup_escape_nfc (text);
  g_autofree char *markup = tag ? g_strdup_printf ("<%s>%s</%s>", tag, esc, tag) : NULL;

  /* Line breaks typed in a field (summary, signer) are kept as line separators so the
   * centred lines stay one paragraph. */
  ts.align = align;
  {
    char *m = markup ? markup : esc;
    for (char *p = m; *p; p++)
      if (*p == '\n')
        *p = ' ';
  }
  return kl_text_new (markup ? markup : esc, &ts, 0, where, error);
}

static char *
upper (const char *s)
{
  return g_utf8_strup (s ? s : "", -1);
}

static gboolean
empty (const char *s)
{
  return s == NULL || s[0] == '\0';
}

/* Each "\n"-separated line of @text as its own centred line of a column. */
static gboolean
add_column_lines (Builder *b, KlRow *row, const char *text, const char *tag, double size,
                  double x, double width, double *y, const char *where, GError **error)
{
  g_auto(GStrv) lines = NULL;

  if (empty (text))
    return TRUE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(KlText) t = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      t = plain_text (b, lines[i], tag, size, width, PANGO_ALIGN_CENTER, where, error);
      if (t == NULL)
        return FALSE;
      g_ptr_array_add (row->items, kl_item_new_text (t, x, *y, 0, t->n_lines));
      *y += t->height;
    }
  return TRUE;
}

static gboolean
build_header (Builder *b, GError **error)
{
  KlDocument *doc = b->doc;
  KlPageStyle *s = &b->style;
  double lw = b->width * LEFT_COLUMN_RATIO, rw = b->width - lw;
  double lx = b->left, rx = b->left + lw;
  double ly = 0, ry = 0, number_y, rule_y;
  g_autofree char *superior = upper (kl_document_get_superior (doc));
  g_autofree char *issuer = upper (kl_document_get_issuer (doc));
  g_autofree char *symbol = kl_document_dup_symbol (doc);
  g_autofree char *number = g_strdup_printf ("Số %s", symbol ? symbol : "");
  g_autofree char *date_line = NULL;
  g_autoptr(KlText) num = NULL;
  g_autoptr(KlText) party = NULL;
  g_autoptr(KlText) date = NULL;
  KlFlow *flow = kl_flow_new_rows ();
  KlRow *row = kl_flow_add_row (flow, 0);
  GDate gdate;
  const char *marks[2] = { NULL, NULL };

  g_ptr_array_add (b->flows, flow);

  /* Left column: superior body, issuer (bold), star, number. */
  if (!add_column_lines (b, row, superior, NULL, s->header_size, lx, lw, &ly, N_("the header"), error) ||
      !add_column_lines (b, row, issuer, "b", s->header_size, lx, lw, &ly, N_("the header"), error) ||
      !add_column_lines (b, row, "*", NULL, s->header_size, lx, lw, &ly, N_("the header"), error))
    return FALSE;
  num = plain_text (b, number, NULL, s->header_size, lw, PANGO_ALIGN_CENTER, N_("the number"), error);
  if (num == NULL)
    return FALSE;

  /* Right column: the party's name with a rule as long as the text just under it. */
  party = plain_text (b, PARTY_NAME, "b", s->party_size, rw, PANGO_ALIGN_CENTER, N_("the header"), error);
  if (party == NULL)
    return FALSE;
  g_ptr_array_add (row->items, kl_item_new_text (party, rx, 0, 0, party->n_lines));
  rule_y = party->bottom[party->n_lines - 1] + 1.0;
  {
    double line_w = party->width - party->x[0];
    g_ptr_array_add (row->items, kl_item_new_rule (rx + party->x[0], rule_y,
                                                   rx + party->x[0] + line_w, rule_y,
                                                   PARTY_RULE_WIDTH));
  }
  ry = rule_y;

  if (kl_document_get_gdate (doc, &gdate))
    date_line = kl_vn_date_format (kl_document_get_place (doc), &gdate);
  else if (!empty (kl_document_get_date_text (doc)))
    date_line = empty (kl_document_get_place (doc))
                ? g_strdup (kl_document_get_date_text (doc))
                : g_strdup_printf ("%s, %s", kl_document_get_place (doc), kl_document_get_date_text (doc));
  else
    date_line = kl_vn_date_format (kl_document_get_place (doc), NULL);
  date = plain_text (b, date_line, "i", s->header_size, rw, PANGO_ALIGN_CENTER, N_("the date"), error);
  if (date == NULL)
    return FALSE;

  /* The date sits on the line of "Số …" (same baseline), below the rule. */
  number_y = ly;
  {
    double date_y = number_y + num->baseline[0] - date->baseline[0];
    if (date_y < rule_y + 3)
      {
        number_y += rule_y + 3 - date_y;
        date_y = rule_y + 3;
      }
    g_ptr_array_add (row->items, kl_item_new_text (num, lx, number_y, 0, num->n_lines));
    g_ptr_array_add (row->items, kl_item_new_text (date, rx, date_y, 0, date->n_lines));
    ly = number_y + num->height;
    ry = date_y + date->height;
  }

  /* Secrecy and urgency marks: bold capitals in a box under the number. */
  switch (kl_document_get_secrecy (doc))
    {
    case KL_SECRECY_MAT: marks[0] = "MẬT"; break;
    case KL_SECRECY_TOI_MAT: marks[0] = "TỐI MẬT"; break;
    case KL_SECRECY_TUYET_MAT: marks[0] = "TUYỆT MẬT"; break;
    case KL_SECRECY_NONE: default: break;
    }
  switch (kl_document_get_urgency (doc))
    {
    case KL_URGENCY_KHAN: marks[1] = "KHẨN"; break;
    case KL_URGENCY_THUONG_KHAN: marks[1] = "THƯỢNG KHẨN"; break;
    case KL_URGENCY_HOA_TOC: marks[1] = "HỎA TỐC"; break;
    case KL_URGENCY_NONE: default: break;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KlText) t = NULL;
      double bw, bx;

      if (marks[i] == NULL)
        continue;
      t = plain_text (b, marks[i], "b", s->header_size, 0, PANGO_ALIGN_LEFT, N_("the header"), error);
      if (t == NULL)
        return FALSE;
      ly += 6;
      bw = t->width + 12;
      bx = lx + (lw - bw) / 2;
      g_ptr_array_add (row->items, kl_item_new_rect (bx, ly, bw, t->height + 4, FALSE, 0, 0, 0, 0.8));
      g_ptr_array_add (row->items, kl_item_new_text (t, bx + 6, ly + 2, 0, t->n_lines));
      ly += t->height + 4;
    }

  row->height = MAX (ly, ry);
  flow->space_after = 12;
  return TRUE;
}

static gboolean
build_title (Builder *b, GError **error)
{
  KlDocument *doc = b->doc;
  const char *title = kl_document_get_title (doc);
  const char *summary = kl_document_get_summary (doc);
  g_autofree char *type_name = NULL;
  KlFlow *flow = kl_flow_new_rows ();
  KlRow *row = kl_flow_add_row (flow, 0);
  double y = 0;

  g_ptr_array_add (b->flows, flow);
  if (empty (title))
    title = kl_document_kind_title (kl_document_get_kind (doc));
  type_name = upper (title);
  if (!add_column_lines (b, row, type_name, "b", b->style.title_size, b->left, b->width, &y,
                         N_("the title"), error) ||
      !add_column_lines (b, row, summary, "b", b->style.summary_size, b->left, b->width, &y,
                         N_("the summary"), error) ||
      !add_column_lines (b, row, "-----", NULL, b->style.body_size, b->left, b->width, &y,
                         N_("the title"), error))
    return FALSE;
  row->height = y;
  flow->space_before = 12;
  flow->space_after = 12;
  flow->keep_with_next = TRUE;
  return TRUE;
}

static gboolean
looks_numeric (const char *text)
{
  gboolean digit = FALSE;

  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!strchr (".,%-+<> ", (int) (c < 128 ? c : 'x')) && c != 0x2030 &&
               c != 0x2265 && c != 0x2264 && c != 0x2013)
        return FALSE;
    }
  return digit;
}

static gboolean
build_table (Builder *b, KlBlock *block, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree double *widths = NULL;
  guint n_cols = 0;
  KlFlow *flow;

  for (guint r = 0; r < block->rows->len; r++)
    {
      GPtrArray *cells = block->rows->pdata[r];
      GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_cell_free);
      gboolean head = block->header_row && r == 0;

      for (guint c = 0; c < cells->len; c++)
        {
          GPtrArray *runs = cells->pdata[c];
          g_autofree char *markup = runs_to_markup (b, runs, FALSE, b->style.table_size);
          g_autofree char *plain = kl_runs_to_plain (runs);
          PangoAlignment align = head ? PANGO_ALIGN_CENTER
                                 : looks_numeric (plain) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
          g_autofree char *bold = head ? g_strdup_printf ("<b>%s</b>", markup) : NULL;

          g_ptr_array_add (out, kl_cell_new (head ? bold : markup, align));
        }
      n_cols = MAX (n_cols, cells->len);
      g_ptr_array_add (rows, out);
    }
  if (n_cols == 0)
    return TRUE;
  widths = kl_table_fit_widths (b->family, b->style.table_size, rows, n_cols, b->width);
  flow = kl_table_flow_new (b->family, b->style.table_size, b->left, widths, n_cols, rows,
                            block->header_row ? 1 : 0, NULL, block->line, error);
  if (flow == NULL)
    return FALSE;
  flow->space_before = 6;
  flow->space_after = 6 + b->style.paragraph_spacing;
  g_ptr_array_add (b->flows, flow);
  return TRUE;
}

/* A trend takes other documents' reports from the library: one with a letter the font
 * lacks is left out of the trend (its period is not drawn) rather than stopping the layout
 * of this document with an error about a text that is not in it. Looked at once, and only
 * when the whole trend fails the check; the document's own reports still make it an error. */
static void
drop_undrawable_library_reports (Builder *b, double width)
{
  g_autoptr(GPtrArray) drawable = NULL;

  if (b->trend_checked)
    return;
  b->trend_checked = TRUE;
  if (b->trend_others == NULL || b->trend_others->len == 0
      || kl_chart_check_fonts (KL_CHART_TREND, (KlReport **) b->trend->pdata, b->trend->len, b->family, width, NULL))
    return;
  drawable = kl_chart_drawable_reports (b->trend_others, b->family);
  g_ptr_array_unref (b->trend);
  b->trend = kl_period_series ((KlReport **) b->reports->pdata, b->reports->len,
                               kl_document_get_date (b->doc), drawable, 0, NULL);
}

/* A chart of report @n (1-based) at @x, @width: a trend compares all the reports (with the
 * other documents' given to the layout), the other kinds show report N alone. @in_outline: the chart gets an outline entry under the one
 * before it (an annex). */
static gboolean
add_chart (Builder     *b,
           KlChartKind  kind,
           guint        n,
           double       x,
           double       width,
           gboolean     in_outline,
           GError     **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  KlChartRows *rows;
  KlFlow *flow;

  if (kind == KL_CHART_TREND)
    {
      drop_undrawable_library_reports (b, width);
      for (guint i = 0; i < b->trend->len; i++)
        g_ptr_array_add (reports, g_object_ref (b->trend->pdata[i]));
    }
  else
    g_ptr_array_add (reports, g_object_ref (b->reports->pdata[n - 1]));
  /* A target's name with a letter the font lacks: an error at its line, as in the
   * body and the annex tables, never a fallback font in a chart. */
  if (!kl_chart_check_fonts (kind, (KlReport **) reports->pdata, reports->len, b->family, width, error))
    return FALSE;
  /* Measured once here; the paginator cuts it between rows at each page's room. */
  rows = kl_chart_measure_rows (kind, (KlReport **) reports->pdata, reports->len, b->family, width);
  flow = kl_flow_new_chart (kind, reports, rows, x, width);
  flow->space_before = 6;
  flow->space_after = 6 + b->style.paragraph_spacing;
  if (in_outline)
    {
      g_autofree char *title = kl_chart_dup_title (kind, (KlReport **) reports->pdata, reports->len);

      flow->space_before = 12;
      flow->dest = add_outline (b, title, 2);
    }
  g_ptr_array_add (b->flows, flow);
  return TRUE;
}

static gboolean
build_embed (Builder *b, KlBlock *block, GError **error)
{
  guint n = block->embed_index;

  if (n == 0 || n > b->reports->len)
    {
      g_autofree char *placeholder =
        g_strdup_printf ("{{%s %s%s%u}}", block->label ? block->label : "targets",
                         block->embed_kind ? block->embed_kind : "",
                         block->embed_kind ? " " : "", n);

      kl_core_set_error_at_line (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FORMAT, block->line,
                                 g_dngettext (GETTEXT_PACKAGE,
                                              "%s refers to report %u but the document has "
                                              "%u report",
                                              "%s refers to report %u but the document has "
                                              "%u reports", b->reports->len),
                                 placeholder, n, b->reports->len);
      return FALSE;
    }
  if (g_strcmp0 (block->label, "chart") == 0)
    {
      KlChartKind kind;

      if (!kl_chart_kind_from_string (block->embed_kind ? block->embed_kind : "", &kind))
        {
          kl_core_set_error_at_line (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FORMAT, block->line,
                                     _("unknown chart kind '%s' (achievement, bullet, summary "
                                       "or trend)"),
                                     block->embed_kind ? block->embed_kind : "");
          return FALSE;
        }
      return add_chart (b, kind, n, b->left, b->width, FALSE, error);
    }
  b->embedded[n - 1] = TRUE;
  return kl_annex_build (b->reports->pdata[n - 1], n, NULL, &b->style, b->family, b->left, b->width,
                         FALSE, NULL, b->flows, error);
}

static gboolean
build_block (Builder *b, KlBlock *block, GError **error)
{
  KlPageStyle *s = &b->style;
  KlTextStyle ts = text_style (b, s->body_size, b->width);
  g_autofree char *markup = NULL;
  g_autoptr(KlText) t = NULL;
  KlFlow *flow;
  double x = b->left;
  const char *where = N_("the body");
  const char *tag = NULL;

  ts.line_spacing = s->line_spacing;
  ts.line_pitch = s->line_pitch;
  switch (block->type)
    {
    case KL_BLOCK_FOOTNOTE:
      return TRUE;
    case KL_BLOCK_TABLE:
      return block->rows ? build_table (b, block, error) : TRUE;
    case KL_BLOCK_EMBED:
      return build_embed (b, block, error);
    case KL_BLOCK_PARAGRAPH:
      markup = runs_to_markup (b, block->runs, FALSE, s->body_size);
      ts.indent = s->first_line_indent;
      ts.justify = TRUE;
      break;
    case KL_BLOCK_HEADING:
      where = N_("a heading");
      markup = runs_to_markup (b, block->runs, block->level <= 2, s->body_size);
      if (block->level <= 1)
        ts.align = PANGO_ALIGN_CENTER;
      else
        {
          ts.indent = s->first_line_indent;
          ts.justify = TRUE;
        }
      tag = block->level <= 3 ? "b" : block->level == 4 ? "b" : "i";
      break;
    case KL_BLOCK_ITEM:
      {
        /* Hanging items: the marker at the paragraph indent, wrapped lines under the text. */
        const char *marker = block->marker ? block->marker : (block->level >= 2 ? "+" : "-");
        g_autofree char *m = kl_markup_escape_nfc (marker);
        g_autofree char *body = runs_to_markup (b, block->runs, FALSE, s->body_size);
        g_autofree char *mark_sp = g_strdup_printf ("%s ", m);
        g_autoptr(KlText) mt = NULL;
        KlTextStyle ms = text_style (b, s->body_size, 0);

        mt = kl_text_new (mark_sp, &ms, block->line, N_("an item"), error);
        if (mt == NULL)
          return FALSE;
        markup = g_strdup_printf ("%s %s", m, body);
        /* A negative Pango indent hangs: the first line (the marker) starts at the
         * paragraph indent, the lines after it under the text. */
        x = b->left + s->first_line_indent;
        ts.width = b->width - s->first_line_indent;
        ts.indent = -mt->width;
        ts.justify = TRUE;
        where = N_("an item");
      }
      break;
    }

  if (tag != NULL)
    {
      g_autofree char *inner = g_steal_pointer (&markup);
      if (block->level == 4)
        markup = g_strdup_printf ("<b><i>%s</i></b>", inner);
      else
        markup = g_strdup_printf ("<%s>%s</%s>", tag, inner, tag);
    }
  t = kl_text_new (markup, &ts, block->line, where, error);
  if (t == NULL)
    return FALSE;
  flow = kl_flow_new_lines (t, x);
  flow->space_after = s->paragraph_spacing;
  if (block->type == KL_BLOCK_HEADING)
    {
      g_autofree char *plain = kl_runs_to_plain (block->runs);
      flow->keep_with_next = TRUE;
      flow->space_before = s->paragraph_spacing;
      if (block->level <= 3)
        flow->dest = add_outline (b, plain, block->level);
    }
  g_ptr_array_add (b->flows, flow);
  return TRUE;
}

static gboolean
build_closing (Builder *b, GError **error)
{
  KlDocument *doc = b->doc;
  KlPageStyle *s = &b->style;
  KlSigner *signer = kl_document_get_signer (doc);
  const char * const *recipients = kl_document_get_recipients (doc);
  double lw = b->width * LEFT_COLUMN_RATIO, rw = b->width - lw;
  double lx = b->left, rx = b->left + lw;
  double ly = 0, ry = 0;
  KlFlow *flow = kl_flow_new_rows ();
  KlRow *row = kl_flow_add_row (flow, 0);

  g_ptr_array_add (b->flows, flow);

  if (recipients != NULL && recipients[0] != NULL)
    {
      KlTextStyle ts = text_style (b, s->body_size, 0);
      g_autoptr(KlText) head = kl_text_new ("<u>Nơi nhận:</u>", &ts, 0, N_("the recipients"), error);

      if (head == NULL)
        return FALSE;
      g_ptr_array_add (row->items, kl_item_new_text (head, lx, ly, 0, head->n_lines));
      ly += head->height;
      for (guint i = 0; recipients[i] != NULL; i++)
        {
          KlTextStyle rs = text_style (b, s->recipients_size, lw - 6);
          g_autofree char *esc = kl_markup_escape_nfc (recipients[i]);
          g_autoptr(KlText) dash = NULL;
          g_autoptr(KlText) t = NULL;

          for (char *p = esc; *p; p++)
            if (*p == '\n')
              *p = ' ';
          /* Wrapped recipient lines hang under the text after "- ". */
          if (g_str_has_prefix (esc, "- "))
            {
              KlTextStyle ds = text_style (b, s->recipients_size, 0);
              dash = kl_text_new ("- ", &ds, 0, N_("the recipients"), error);
              if (dash == NULL)
                return FALSE;
              rs.indent = -dash->width;
            }
          t = kl_text_new (esc, &rs, 0, N_("the recipients"), error);
          if (t == NULL)
            return FALSE;
          g_ptr_array_add (row->items, kl_item_new_text (t, lx, ly, 0, t->n_lines));
          ly += t->height;
        }
    }

  {
    g_autofree char *authority = upper (kl_signer_get_authority (signer));
    g_autofree char *position = upper (kl_signer_get_position (signer));
    const char *name = kl_signer_get_name (signer);

    if (!add_column_lines (b, row, authority, "b", s->header_size, rx, rw, &ry, N_("the signature"), error) ||
        !add_column_lines (b, row, position, "b", s->header_size, rx, rw, &ry, N_("the signature"), error))
      return FALSE;
    /* The blank space where the signature and the seal go. */
    ry += s->signature_space;
    if (!add_column_lines (b, row, name, "b", s->header_size, rx, rw, &ry, N_("the signature"), error))
      return FALSE;
  }
  row->height = MAX (ly, ry);
  flow->space_before = 12;
  flow->keep_with_previous = TRUE;
  return TRUE;
}

/* "(Kèm theo Thông báo số 406-TB/HU, ngày 07/7/2023)" for annexes without a note. */
static char *
annex_note (KlDocument *doc)
{
  const char *title = kl_document_get_title (doc);
  g_autofree char *symbol = kl_document_dup_symbol (doc);
  g_autofree char *lower = NULL;
  GString *s = g_string_new ("(Kèm theo ");
  GDate date;

  if (empty (title))
    title = kl_document_kind_title (kl_document_get_kind (doc));
  lower = g_utf8_strdown (title ? title : "văn bản", -1);
  /* Sentence case: the type name is capitalised in the middle of a sentence. */
  {
    gunichar first = g_unichar_toupper (g_utf8_get_char (lower));
    g_string_append_unichar (s, first);
    g_string_append (s, g_utf8_next_char (lower));
  }
  g_string_append_printf (s, " số %s", symbol ? symbol : "");
  if (kl_document_get_gdate (doc, &date))
    g_string_append_printf (s, ", ngày %02u/%u/%u", g_date_get_day (&date), g_date_get_month (&date),
                            g_date_get_year (&date));
  g_string_append (s, ")");
  return g_string_free (s, FALSE);
}

static KlText *
page_number_text (guint number, gpointer user_data)
{
  Builder *b = user_data;
  KlTextStyle ts = text_style (b, b->style.body_size, 0);
  g_autofree char *s = g_strdup_printf ("%u", number);

  return kl_text_new (s, &ts, 0, N_("the page number"), NULL);
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->markup, kl_markup_free);
  g_clear_pointer (&b->flows, g_ptr_array_unref);
  g_clear_pointer (&b->footnotes, g_ptr_array_unref);
  g_clear_pointer (&b->fn_numbers, g_hash_table_unref);
  g_clear_pointer (&b->outline, g_ptr_array_unref);
  g_clear_pointer (&b->reports, g_ptr_array_unref);
  g_clear_pointer (&b->trend, g_ptr_array_unref);
  g_clear_pointer (&b->embedded, g_free);
  g_clear_pointer (&b->family, g_free);
}

/* The pages a footnote's text went on (it may run on to the next); FALSE when it was not
 * placed (no reference to it). */
static gboolean
footnote_pages (Builder      *b,
                GPtrArray    *pages,
                const char   *label,
                KlBlockPages *bp)
{
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (b->fn_numbers, label ? label : ""));
  KlText *text;
  gboolean found = FALSE;

  if (number == 0 || number > b->footnotes->len)
    return FALSE;
  text = b->footnotes->pdata[number - 1];
  for (guint p = 0; p < pages->len; p++)
    {
      KlPage *page = pages->pdata[p];

      for (guint i = 0; i < page->items->len; i++)
        if (((KlItem *) page->items->pdata[i])->text == text)
          {
            if (!found)
              bp->first_page = p;
            bp->last_page = p;
            found = TRUE;
            break;
          }
    }
  return found;
}

/* The pages of each body block: those of the flows it made (blocks[i] made flows
 * [starts[i], starts[i + 1]), the last up to @end), a footnote definition those its text
 * went on. */
static GArray *
block_pages (Builder   *b,
             GPtrArray *pages,
             GArray    *starts,
             guint      end)
{
  GArray *blocks = g_array_sized_new (FALSE, FALSE, sizeof (KlBlockPages), starts->len);
  KlBlockPages prev = { 0, 0 };

  for (guint i = 0; i < starts->len; i++)
    {
      KlBlock *block = b->markup->blocks->pdata[i];
      guint stop = i + 1 < starts->len ? g_array_index (starts, guint, i + 1) : end;
      KlBlockPages bp = { prev.last_page, prev.last_page };
      gboolean any = FALSE;

      if (block->type == KL_BLOCK_FOOTNOTE && footnote_pages (b, pages, block->label, &bp))
        any = TRUE;
      for (guint f = g_array_index (starts, guint, i); f < stop; f++)
        {
          KlFlow *flow = b->flows->pdata[f];

          if (!flow->placed)
            continue;
          bp.first_page = any ? MIN (bp.first_page, flow->first_page) : flow->first_page;
          bp.last_page = any ? MAX (bp.last_page, flow->last_page) : flow->last_page;
          any = TRUE;
        }
      g_array_append_val (blocks, bp);
      if (block->type != KL_BLOCK_FOOTNOTE)
        prev = bp;
    }
  return blocks;
}

KlPages *
kl_pages_layout (KlDocument         *document,
                 const KlPageStyle  *style,
                 GError            **error)
{
  return kl_pages_layout_with_trend (document, style, NULL, error);
}

KlPages *
kl_pages_layout_with_trend (KlDocument         *document,
                            const KlPageStyle  *style,
                            GPtrArray          *trend_reports,
                            GError            **error)
{
  Builder b = { 0 };
  GListModel *reports;
  KlPages *pages;
  guint annex_no = 0;
  g_autofree char *note = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint body_end;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  kl_text_cache_next_generation ();
  b.doc = document;
  b.style = *style;
  b.family = kl_fonts_resolve_family (style->font_family, error);
  if (b.family == NULL)
    return NULL;
  b.left = style->margin_left;
  b.width = style->paper_width - style->margin_left - style->margin_right;
  b.markup = kl_markup_parse (kl_document_get_body (document) ? kl_document_get_body (document) : "");
  b.flows = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_flow_free);
  b.footnotes = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_text_unref);
  b.fn_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.outline = g_ptr_array_new_with_free_func ((GDestroyNotify) outline_entry_free);
  b.reports = g_ptr_array_new_with_free_func (g_object_unref);
  reports = G_LIST_MODEL (kl_document_get_reports (document));
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    g_ptr_array_add (b.reports, g_list_model_get_item (reports, i));
  b.embedded = g_new0 (gboolean, b.reports->len + 1);
  b.trend = kl_period_series ((KlReport **) b.reports->pdata, b.reports->len,
                              kl_document_get_date (document), trend_reports, 0, NULL);
  b.trend_others = trend_reports;

  if (!build_footnotes (&b, error) || !build_header (&b, error) || !build_title (&b, error))
    goto fail;
  for (guint i = 0; i < b.markup->blocks->len; i++)
    {
      g_array_append_val (starts, b.flows->len);
      if (!build_block (&b, b.markup->blocks->pdata[i], error))
        goto fail;
    }
  body_end = b.flows->len;
  if (!build_closing (&b, error))
    goto fail;

  /* Each report not embedded in the body gets an annex on pages of its own, with the
   * chart the report asks for after its table; an embedded report whose annex carries a
   * chart gets an annex of the heading and the chart. A report without targets has
   * neither table nor chart to print. */
  note = annex_note (document);
  for (guint i = 0; i < b.reports->len; i++)
    {
      KlReport *report = b.reports->pdata[i];
      gboolean landscape = style->annex_landscape;
      double width = (landscape ? style->paper_height : style->paper_width)
                     - style->margin_left - style->margin_right;
      const char *chart_name = kl_report_get_annex_chart (report);
      KlChartKind kind = KL_CHART_ACHIEVEMENT;
      gboolean chart = chart_name != NULL && kl_chart_kind_from_string (chart_name, &kind);
      g_autofree char *title = NULL;
      g_autofree char *dest = NULL;

      if ((b.embedded[i] && !chart) ||
          g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report))) == 0)
        continue;
      annex_no++;
      title = kl_annex_outline_title (report, annex_no);
      dest = add_outline (&b, title, 1);
      g_ptr_array_add (b.flows, kl_flow_new_break (landscape));
      if (b.embedded[i]
          ? !kl_annex_build_heading (report, annex_no, note, style, b.family, b.left, width, dest,
                                     b.flows, error)
          : !kl_annex_build (report, annex_no, note, style, b.family, b.left, width, TRUE, dest,
                             b.flows, error))
        goto fail;
      if (chart && !add_chart (&b, kind, i + 1, b.left, width, TRUE, error))
        goto fail;
    }

  pages = g_new0 (KlPages, 1);
  g_atomic_ref_count_init (&pages->ref);
  pages->pages = kl_paginate (b.flows, b.footnotes, &b.style, page_number_text, &b);
  pages->family = g_steal_pointer (&b.family);
  pages->outline = g_steal_pointer (&b.outline);
  pages->blocks = block_pages (&b, pages->pages, starts, body_end);
  builder_clear (&b);
  kl_text_cache_trim ();
  return pages;

fail:
  builder_clear (&b);
  return NULL;
}

KlPages *
kl_pages_ref (KlPages *pages)
{
  g_return_val_if_fail (pages != NULL, NULL);
  g_atomic_ref_count_inc (&pages->ref);
  return pages;
}

void
kl_pages_unref (KlPages *pages)
{
  if (pages == NULL || !g_atomic_ref_count_dec (&pages->ref))
    return;
  g_ptr_array_unref (pages->pages);
  g_ptr_array_unref (pages->outline);
  g_array_unref (pages->blocks);
  g_free (pages->family);
  g_free (pages);
}

guint
kl_pages_get_n_pages (KlPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);
  return pages->pages->len;
}

void
kl_pages_get_page_size (KlPages *pages, guint index, double *width, double *height)
{
  KlPage *page;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (index < pages->pages->len);
  page = pages->pages->pdata[index];
  if (width)
    *width = page->width;
  if (height)
    *height = page->height;
}

void
kl_pages_draw_page (KlPages *pages, guint index, cairo_t *cr)
{
  KlPage *page;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (index < pages->pages->len);

  page = pages->pages->pdata[index];
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, page->width, page->height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  for (guint i = 0; i < page->items->len; i++)
    kl_item_draw (page->items->pdata[i], cr, pages->family);
  cairo_restore (cr);
}

const char *
kl_pages_get_font_family (KlPages *pages)
{
  g_return_val_if_fail (pages != NULL, NULL);
  return pages->family;
}

gboolean
kl_pages_find_body_block (KlPages *pages,
                          guint    index,
                          guint   *first,
                          guint   *last)
{
  KlBlockPages *bp;

  g_return_val_if_fail (pages != NULL, FALSE);

  if (pages->blocks->len == 0)
    return FALSE;
  bp = &g_array_index (pages->blocks, KlBlockPages, MIN (index, pages->blocks->len - 1));
  if (first)
    *first = bp->first_page;
  if (last)
    *last = bp->last_page;
  return TRUE;
}
