/* kl-tsv.c: reading a target table pasted from Word or a spreadsheet (tab-separated rows). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-tsv.h"
#include "kl-core-error.h"
#include "kl-warning.h"

/* Column roles, in the order of the usual table (FORMAT.md "Annexes"). */
typedef enum {
  COL_CODE,
  COL_NAME,
  COL_UNIT,
  COL_PLAN,
  COL_ACTUAL,
  COL_NEXT_PLAN,
  COL_RATIO,
  N_COLS
} ColumnRole;

static const char *const role_names[N_COLS] = {
  "TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Kế hoạch kỳ sau", "TH/KH (%)"
};

typedef struct {
  GStrv    cells;     /* trimmed, without <b> tags */
  gboolean bold;      /* the name (or code) cell was bold */
  guint    line;
} Row;

/* g_strsplit() on one character, by hand: g_strsplit() calls strstr() once per piece, which
 * sanitizer builds turn into a scan of the whole rest of the text each time. */
static GStrv
split_char (const char *s, char c)
{
  GPtrArray *parts = g_ptr_array_new ();
  const char *start = s;

  for (const char *p = s;; p++)
    {
      if (*p == c || *p == '\0')
        {
          g_ptr_array_add (parts, g_strndup (start, (gsize) (p - start)));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_free (parts, FALSE);
}

static void
row_free (Row *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

static void
add_warning (GListStore *warnings, guint line, const char *field, const char *format, ...) G_GNUC_PRINTF (4, 5);

/* @format is translated; the warning starts with "line N: " (kl_warning_new_valist). */
static void
add_warning (GListStore *warnings, guint line, const char *field, const char *format, ...)
{
  va_list args;
  g_autoptr(KlWarning) warning = NULL;

  if (warnings == NULL)
    return;
  va_start (args, format);
  warning = kl_warning_new_valist (line, field, format, args);
  va_end (args);
  g_list_store_append (warnings, warning);
}

/* Removes <b>, </b>, <strong>, ** and stray tags of Word conversions; says whether bold was seen. */
static char *
clean_cell (const char *cell, gboolean *bold_out)
{
  GString *out = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = cell;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = NULL;
          gsize len;

          for (gsize k = 1; k <= 10 && p[k] != '\0'; k++)
            if (p[k] == '>')
              {
                end = p + k;
                break;
              }
          len = end != NULL ? (gsize) (end - p + 1) : 0;

          if (end != NULL && len <= 10)
            {
              g_autofree char *tag = g_ascii_strdown (p, (gssize) len);

              if (g_str_equal (tag, "<b>") || g_str_equal (tag, "<strong>"))
                bold = TRUE;
              if (g_str_equal (tag, "<b>") || g_str_equal (tag, "</b>") ||
                  g_str_equal (tag, "<strong>") || g_str_equal (tag, "</strong>") ||
                  g_str_equal (tag, "<i>") || g_str_equal (tag, "</i>") ||
                  g_str_equal (tag, "<br>") || g_str_equal (tag, "<br/>"))
                {
                  p = end + 1;
                  continue;
                }
            }
        }
      if (p[0] == '*' && p[1] == '*')
        {
          bold = TRUE;
          p += 2;
          continue;
        }
      /* Non-breaking spaces come from Word; they are plain spaces in a cell. */
      if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        {
          g_string_append_c (out, ' ');
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }
  if (bold_out != NULL)
    *bold_out = bold;
  return g_strstrip (g_string_free (out, FALSE));
}

GStrv
kl_tsv_split_line (const char *line)
{
  g_autofree char *copy = NULL;
  gsize len;

  g_return_val_if_fail (line != NULL, NULL);

  copy = g_strdup (line);
  len = strlen (copy);
  while (len > 0 && (copy[len - 1] == '\r' || copy[len - 1] == '\n'))
    copy[--len] = '\0';

  if (strchr (copy, '\t') == NULL && strchr (copy, '|') != NULL)
    {
      char *start = copy;
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) parts = NULL;
      guint n;

      while (*start == ' ')
        start++;
      if (*start == '|')
        start++;
      len = strlen (start);
      while (len > 0 && start[len - 1] == ' ')
        start[--len] = '\0';
      if (len > 0 && start[len - 1] == '|')
        start[--len] = '\0';
      parts = split_char (start, '|');
      n = g_strv_length (parts);
      for (guint i = 0; i < n; i++)
        g_strv_builder_add (builder, g_strstrip (parts[i]));
      return g_strv_builder_end (builder);
    }

  return split_char (copy, '\t');
}

static gboolean
is_separator_row (const char *line)
{
  /* "|---|:--:|" under a piped header row. */
  gboolean dash = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }
  return dash;
}

static gboolean
has_prefix_ci (const char *s, const char *prefix)
{
  g_autofree char *a = g_utf8_casefold (s, -1);
  g_autofree char *b = g_utf8_casefold (prefix, -1);
  return g_str_has_prefix (a, b);
}

static gboolean
contains_ci (const char *s, const char *needle)
{
  g_autofree char *a = g_utf8_casefold (s, -1);
  g_autofree char *b = g_utf8_casefold (needle, -1);
  return strstr (a, b) != NULL;
}

static gboolean
is_code_heading (const char *cell)
{
  return g_ascii_strcasecmp (cell, "TT") == 0 || g_ascii_strcasecmp (cell, "STT") == 0 ||
         g_str_equal (cell, "Số TT") || g_str_equal (cell, "Mã");
}

/* A header row: a "TT" cell and a "Chỉ tiêu"-like cell. Fills @map with role → column. */
static gboolean
read_header (GStrv cells, int map[N_COLS])
{
  guint n = g_strv_length (cells);
  gboolean have_code = FALSE, have_name = FALSE;
  int plan_like[4] = { -1, -1, -1, -1 };
  guint n_plan_like = 0;

  for (int r = 0; r < N_COLS; r++)
    map[r] = -1;

  /* Cheap test first: most rows are not headers and case folding every cell costs. */
  {
    gboolean maybe = FALSE;
    for (guint i = 0; i < n && !maybe; i++)
      maybe = is_code_heading (cells[i]) || g_str_has_prefix (cells[i], "Chỉ tiêu") ||
              g_str_has_prefix (cells[i], "CHỈ TIÊU") || g_str_has_prefix (cells[i], "Nội dung") ||
              g_str_has_prefix (cells[i], "NỘI DUNG");
    if (!maybe)
      return FALSE;
  }

  for (guint i = 0; i < n; i++)
    {
      const char *c = cells[i];

      if (*c == '\0')
        continue;
      if (map[COL_CODE] < 0 && is_code_heading (c))
        {
          map[COL_CODE] = (int) i;
          have_code = TRUE;
        }
      else if (map[COL_NAME] < 0 && (has_prefix_ci (c, "Chỉ tiêu") || has_prefix_ci (c, "Nội dung") ||
                                     has_prefix_ci (c, "Tên chỉ tiêu")))
        {
          map[COL_NAME] = (int) i;
          have_name = TRUE;
        }
      else if (map[COL_UNIT] < 0 && (g_str_equal (c, "ĐVT") || has_prefix_ci (c, "Đơn vị")))
        map[COL_UNIT] = (int) i;
      else if (strchr (c, '%') != NULL || strchr (c, '/') != NULL || has_prefix_ci (c, "So sánh") ||
               has_prefix_ci (c, "Tỷ lệ"))
        {
          if (map[COL_RATIO] < 0)
            map[COL_RATIO] = (int) i;
        }
      else if (has_prefix_ci (c, "Kế hoạch") || has_prefix_ci (c, "KH") || has_prefix_ci (c, "Mục tiêu") ||
               has_prefix_ci (c, "Chỉ tiêu"))
        {
          if (n_plan_like < G_N_ELEMENTS (plan_like))
            plan_like[n_plan_like++] = (int) i;
        }
      else if (has_prefix_ci (c, "TH") || has_prefix_ci (c, "Thực hiện") || has_prefix_ci (c, "Ước") ||
               contains_ci (c, "thực hiện"))
        {
          if (map[COL_ACTUAL] < 0)
            map[COL_ACTUAL] = (int) i;
        }
    }

  /* "TT" and "Chỉ tiêu"; or, in a table without a number column, "Chỉ tiêu" and figures. */
  if (!have_name)
    return FALSE;
  if (!have_code && (map[COL_UNIT] < 0 || (n_plan_like == 0 && map[COL_ACTUAL] < 0)))
    return FALSE;

  /* The plan of the period comes before its result, the plan of the next period after. */
  for (guint k = 0; k < n_plan_like; k++)
    {
      if (map[COL_ACTUAL] >= 0 && plan_like[k] > map[COL_ACTUAL])
        {
          if (map[COL_NEXT_PLAN] < 0)
            map[COL_NEXT_PLAN] = plan_like[k];
        }
      else if (map[COL_PLAN] < 0)
        map[COL_PLAN] = plan_like[k];
      else if (map[COL_NEXT_PLAN] < 0)
        map[COL_NEXT_PLAN] = plan_like[k];
    }
  return TRUE;
}

/* TRUE when the row after @i has a code under @code ("1.1" under "1"). */
static gboolean
heads_next_row (GPtrArray *rows, guint i, int code_col, const char *code)
{
  g_autofree char *prefix = NULL;
  const char *next;
  Row *row;

  if (*code == '\0' || i + 1 >= rows->len || code_col < 0)
    return FALSE;
  row = rows->pdata[i + 1];
  if ((guint) code_col >= g_strv_length (row->cells))
    return FALSE;
  next = row->cells[code_col];
  prefix = g_str_has_suffix (code, ".") ? g_strdup (code) : g_strconcat (code, ".", NULL);
  return g_str_has_prefix (next, prefix) && strlen (next) > strlen (prefix);
}

/* Merges a flattened two-row header: @top has TT and Chỉ tiêu, @bottom (no code, no name)
 * the labels under a merged cell ("Năm 2025" over "Kế hoạch", "Thực hiện"). Returns the
 * merged row when it maps the figure columns (and fills @map), else NULL. */
static GStrv
merge_header_rows (GStrv top, GStrv bottom, int map[N_COLS])
{
  guint nt = g_strv_length (top), nb = g_strv_length (bottom);
  guint n = MAX (nt, nb);
  int name_col = -1;
  g_autoptr(GStrvBuilder) builder = NULL;
  const char *span = NULL;
  gboolean any = FALSE;
  GStrv merged;
  int tmp[N_COLS];

  if (!read_header (top, tmp) || tmp[COL_NAME] < 0)
    return NULL;
  name_col = tmp[COL_NAME];
  if ((guint) name_col < nb && *bottom[name_col] != '\0')
    return NULL;
  if (tmp[COL_CODE] >= 0 && (guint) tmp[COL_CODE] < nb && *bottom[tmp[COL_CODE]] != '\0')
    return NULL;

  builder = g_strv_builder_new ();
  for (guint k = 0; k < n; k++)
    {
      const char *t = k < nt ? top[k] : "";
      const char *b = k < nb ? bottom[k] : "";

      if ((int) k > name_col && *t != '\0')
        span = t;
      else if ((int) k <= name_col)
        span = NULL;
      if (*b == '\0')
        g_strv_builder_add (builder, t);
      else
        {
          any = TRUE;
          if (span != NULL && !g_str_equal (span, b))
            {
              /* "Kế hoạch" + "Năm 2025" → "Kế hoạch năm 2025". */
              g_autofree char *lower = g_str_has_prefix (span, "Năm ") ? g_strconcat ("năm ", span + strlen ("Năm "), NULL)
                                                                      : g_strdup (span);
              g_autofree char *label = g_strdup_printf ("%s %s", b, lower);
              g_strv_builder_add (builder, label);
            }
          else
            g_strv_builder_add (builder, b);
        }
    }
  merged = g_strv_builder_end (builder);
  if (!any || !read_header (merged, tmp) || tmp[COL_PLAN] < 0 || tmp[COL_ACTUAL] < 0)
    {
      g_strfreev (merged);
      return NULL;
    }
  memcpy (map, tmp, sizeof tmp);
  return merged;
}

/* "1 2 3 4 …": the row numbering the columns under the header. */
static gboolean
is_column_number_row (GStrv cells)
{
  guint expected = 1, n_numbers = 0;

  for (guint i = 0; cells[i] != NULL; i++)
    {
      const char *c = cells[i];
      char *end = NULL;
      guint64 v;

      if (*c == '\0')
        continue;
      if (*c == '(')
        c++;
      v = g_ascii_strtoull (c, &end, 10);
      if (end == c || (*end != '\0' && *end != ')'))
        return FALSE;
      if (v != expected && v != i + 1)
        return FALSE;
      expected = (guint) v + 1;
      n_numbers++;
    }
  return n_numbers >= 2;
}

static gboolean
rows_equal (GStrv a, GStrv b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;
  for (; a[i] != NULL; i++)
    if (*a[i] != '\0')
      return FALSE;
  for (; b[i] != NULL; i++)
    if (*b[i] != '\0')
      return FALSE;
  return TRUE;
}

static const char *
cell_at (Row *row, int column)
{
  if (column < 0 || (guint) column >= g_strv_length (row->cells))
    return "";
  return row->cells[column];
}

static gboolean
is_roman (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (strchr ("IVXLC", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* Top-level codes ("1", "2", "I") have no dot inside. */
static gboolean
is_top_level_code (const char *code)
{
  gsize len = strlen (code);

  if (len == 0)
    return FALSE;
  if (code[len - 1] == '.')
    len--;
  for (gsize i = 0; i < len; i++)
    if (code[i] == '.')
      return FALSE;
  return TRUE;
}

static void
format_reading (GString *out, double v)
{
  /* Readings as a person says them: 61 000, 27,6. */
  g_autofree char *s = NULL;
  char *dot;

  if (fabs (v) < 1e15 && v == floor (v))
    {
      char buf[64];
      gsize len, lead;
      g_snprintf (buf, sizeof buf, "%.0f", fabs (v));
      len = strlen (buf);
      if (v < 0)
        g_string_append_c (out, '-');
      lead = len % 3 == 0 ? 3 : len % 3;
      g_string_append_len (out, buf, (gssize) lead);
      for (gsize i = lead; i < len; i += 3)
        {
          g_string_append_c (out, ' ');
          g_string_append_len (out, buf + i, 3);
        }
      return;
    }
  s = g_strdup_printf ("%.10g", v);
  dot = strchr (s, '.');
  if (dot != NULL)
    *dot = ',';
  g_string_append (out, s);
}

static char *
describe_readings (KlValue *value)
{
  guint n = 0;
  const double *readings = kl_value_get_readings (value, &n);
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) last = g_string_new (NULL);

  if (n == 0)
    return g_strdup ("");
  for (guint i = 0; i + 1 < n; i++)
    {
      if (i > 0)
        g_string_append (first, ", ");
      format_reading (first, readings[i]);
    }
  format_reading (last, readings[n - 1]);
  if (n == 1)
    return g_strdup (last->str);
  /* TRANSLATORS: readings of an ambiguous figure: "14 200 or 14,2" */
  return g_strdup_printf (_("%s or %s"), first->str, last->str);
}

static const char *
code_or_name (KlTarget *t)
{
  const char *code = kl_target_get_code (t);
  const char *name = kl_target_get_name (t);

  if (code != NULL && *code != '\0')
    return code;
  return name != NULL ? name : "?";
}

static const char *
column_label (KlReport *report, int which)
{
  const char *label = NULL;

  switch (which)
    {
    case COL_PLAN:
      label = kl_report_get_plan_label (report);
      break;
    case COL_ACTUAL:
      label = kl_report_get_actual_label (report);
      break;
    case COL_NEXT_PLAN:
      label = kl_report_get_next_plan_label (report);
      break;
    default:
      break;
    }
  return label != NULL && *label != '\0' ? label : role_names[which];
}

static KlValue *
value_of (KlTarget *target, int which)
{
  switch (which)
    {
    case COL_PLAN:
      return kl_target_get_plan (target);
    case COL_ACTUAL:
      return kl_target_get_actual (target);
    default:
      return kl_target_get_next_plan (target);
    }
}

static void
set_value_of (KlTarget *target, int which, KlValue *value)
{
  switch (which)
    {
    case COL_PLAN:
      kl_target_set_plan (target, value);
      break;
    case COL_ACTUAL:
      kl_target_set_actual (target, value);
      break;
    default:
      kl_target_set_next_plan (target, value);
      break;
    }
}

/* Parses every value of @report again from its text, with the unit, the other cells of the
 * column and the row's other figure as context, so that the same table always reads the
 * same way (the JSON reader relies on it). Warns about ambiguous readings. */
void
kl_tsv_reparse_values (KlReport   *report,
                       GListStore *warnings)
{
  GListStore *targets;
  guint n;
  const int columns[3] = { COL_PLAN, COL_ACTUAL, COL_NEXT_PLAN };

  g_return_if_fail (KL_IS_REPORT (report));

  targets = kl_report_get_targets (report);
  n = g_list_model_get_n_items (G_LIST_MODEL (targets));

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      int which = columns[c];
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (targets), i);
          g_ptr_array_add (texts, g_strdup (kl_value_get_text (value_of (t, which))));
        }
      g_ptr_array_add (texts, NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (targets), i);
          KlValueContext ctx = { 0 };
          KlValue *partner;
          g_autoptr(KlValue) bare = NULL;
          int other = which == COL_ACTUAL ? COL_PLAN : COL_ACTUAL;

          ctx.unit = kl_target_get_unit (t);
          /* A column settles readings of a real table; thousands of rows are not one, and
           * giving each cell the whole column would be quadratic. */
          ctx.column = n <= 2000 ? (const char *const *) texts->pdata : NULL;
          ctx.partner = NAN;
          /* The partner as read alone: the context must not depend on the order of parsing. */
          partner = value_of (t, other);
          bare = kl_value_parse (kl_value_get_text (partner), NULL);
          if (kl_value_has_number (bare) && !kl_value_get_ambiguous (bare))
            ctx.partner = kl_value_get_number (bare);
          g_ptr_array_add (parsed, kl_value_parse (texts->pdata[i], &ctx));
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (targets), i);
          KlValue *v = parsed->pdata[i];

          if (kl_target_is_group (t))
            continue;
          set_value_of (t, which, v);
          if (kl_value_get_ambiguous (v))
            {
              g_autofree char *readings = describe_readings (v);
              /* TRANSLATORS: the row (its number or name), the column's heading, the
               * figure as typed, its readings ("14 200 or 14,2") */
              add_warning (warnings, kl_target_get_source_line (t), NULL,
                           _("row %s, column %s: '%s' could be %s"), code_or_name (t),
                           column_label (report, which), kl_value_get_text (v), readings);
            }
        }
    }
}

static char *
period_from_label (const char *label)
{
  /* "Kế hoạch năm 2023" → "năm 2023"; "KH 6 tháng đầu năm 2024" → "6 tháng đầu năm 2024". */
  const char *p;

  if (label == NULL)
    return NULL;
  if ((p = strstr (label, "năm")) != NULL || (p = strstr (label, "quý")) != NULL ||
      (p = strstr (label, "Quý")) != NULL)
    {
      const char *start = p;
      /* Take "6 tháng đầu năm" back to its number. */
      const char *t = strstr (label, "tháng");
      if (t != NULL && t < p)
        {
          start = t;
          while (start > label && (g_ascii_isdigit (start[-1]) || start[-1] == ' '))
            start--;
          while (*start == ' ')
            start++;
        }
      return g_strstrip (g_strdup (start));
    }
  return NULL;
}

gboolean
kl_tsv_read_targets (const char  *text,
                     guint        first_line,
                     KlReport    *report,
                     GListStore  *warnings,
                     GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) header_top = NULL;
  g_auto(GStrv) header_bottom = NULL;
  int map[N_COLS];
  guint n_header_cells = 0;
  guint header_line = 0;
  g_autofree char *group = NULL;
  guint n_read = 0;
  guint row_number = 0;
  g_autoptr(GListStore) local_warnings = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (KL_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (first_line == 0)
    first_line = 1;
  /* Warnings are kept aside so that a failed read leaves nothing behind. */
  local_warnings = g_list_store_new (KL_TYPE_WARNING);

  for (int r = 0; r < N_COLS; r++)
    map[r] = -1;

  lines = split_char (text, '\n');
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) raw = NULL;
      Row *row;
      guint n;
      gboolean any = FALSE;

      if (strchr (lines[i], '\t') == NULL && strchr (lines[i], '|') == NULL)
        {
          g_autofree char *s = g_strstrip (g_strdup (lines[i]));
          if (*s != '\0')
            add_warning (local_warnings, first_line + i, NULL,
                         _("not a table row (no tab or '|'), skipped"));
          continue;
        }
      if (is_separator_row (lines[i]))
        continue;
      raw = kl_tsv_split_line (lines[i]);
      n = g_strv_length (raw);
      row = g_new0 (Row, 1);
      row->line = first_line + i;
      row->cells = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        {
          gboolean bold = FALSE;
          row->cells[k] = clean_cell (raw[k], &bold);
          if (bold && k <= 1)
            row->bold = TRUE;
          if (*row->cells[k] != '\0')
            any = TRUE;
        }
      if (!any)
        {
          row_free (row);
          continue;
        }
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      int tmp[N_COLS];
      const char *code, *name, *unit;
      const char *plan_text, *actual_text, *next_text, *ratio_text;
      guint n_cells = g_strv_length (row->cells);
      g_autoptr(KlTarget) target = NULL;
      gboolean has_figures;

      if (header != NULL && (rows_equal (row->cells, header) ||
                             (header_top != NULL && rows_equal (row->cells, header_top)) ||
                             (header_bottom != NULL && rows_equal (row->cells, header_bottom))))
        {
          add_warning (local_warnings, row->line, NULL,
                       _("the header row repeated (the table crossed a page), skipped"));
          continue;
        }
      if (read_header (row->cells, tmp))
        {
          if (header == NULL)
            {
              GStrv merged = NULL;

              /* A header of two rows (Word's merged "Năm 2025" over "Kế hoạch | Thực
               * hiện") comes flattened: the second row has no code nor name. */
              if (i + 1 < rows->len &&
                  (merged = merge_header_rows (row->cells, ((Row *) rows->pdata[i + 1])->cells, tmp)) != NULL)
                {
                  Row *second = rows->pdata[i + 1];
                  add_warning (local_warnings, second->line, NULL,
                               _("a header of two rows (merged cells) read as one"));
                  header_top = g_strdupv (row->cells);
                  header_bottom = g_strdupv (second->cells);
                  g_strfreev (row->cells);
                  row->cells = merged;
                  n_cells = MAX (g_strv_length (merged), g_strv_length (second->cells));
                  i++;
                }
              memcpy (map, tmp, sizeof map);
              header = g_strdupv (row->cells);
              n_header_cells = n_cells;
              header_line = row->line;
              if (map[COL_PLAN] >= 0)
                kl_report_set_plan_label (report, header[map[COL_PLAN]]);
              if (map[COL_ACTUAL] >= 0)
                kl_report_set_actual_label (report, header[map[COL_ACTUAL]]);
              if (map[COL_NEXT_PLAN] >= 0)
                kl_report_set_next_plan_label (report, header[map[COL_NEXT_PLAN]]);
              if (map[COL_RATIO] >= 0)
                kl_report_set_ratio_label (report, header[map[COL_RATIO]]);
              if (kl_report_get_period (report) == NULL && map[COL_PLAN] >= 0)
                {
                  g_autofree char *period = period_from_label (header[map[COL_PLAN]]);
                  if (period != NULL)
                    kl_report_set_period (report, period);
                }
              /* The plan of the next period and the ratio are optional columns. */
              for (int r = COL_PLAN; r <= COL_ACTUAL; r++)
                if (map[r] < 0)
                  add_warning (local_warnings, row->line, NULL,
                               _("the header row has no column for %s"), role_names[r]);
            }
          else
            add_warning (local_warnings, row->line, NULL,
                         _("a second, different header row; the columns of line %u are kept"),
                         header_line);
          continue;
        }
      if (is_column_number_row (row->cells))
        continue;

      if (header == NULL)
        {
          /* No header: assume the usual order of columns. */
          n_header_cells = MAX (n_cells, 5);
          map[COL_CODE] = 0;
          map[COL_NAME] = 1;
          map[COL_UNIT] = 2;
          map[COL_PLAN] = 3;
          map[COL_ACTUAL] = 4;
          map[COL_NEXT_PLAN] = n_header_cells >= 7 ? 5 : -1;
          map[COL_RATIO] = n_header_cells >= 7 ? 6 : (n_header_cells == 6 ? 5 : -1);
          header = g_new0 (char *, 1);
          header_line = row->line;
          add_warning (local_warnings, row->line, NULL,
                       /* TRANSLATORS: the column names are those of the Vietnamese table;
                        * the %s add ", Kế hoạch kỳ sau" and ", TH/KH (%)" when present */
                       _("the table has no header row (TT, Chỉ tiêu, ĐVT…); columns read "
                         "in the usual order TT, Chỉ tiêu, ĐVT, Kế hoạch, Thực hiện%s%s"),
                       map[COL_NEXT_PLAN] >= 0 ? ", Kế hoạch kỳ sau" : "",
                       map[COL_RATIO] >= 0 ? ", TH/KH (%)" : "");
        }

      row_number++;
      code = cell_at (row, map[COL_CODE]);
      name = cell_at (row, map[COL_NAME]);
      unit = cell_at (row, map[COL_UNIT]);
      plan_text = cell_at (row, map[COL_PLAN]);
      actual_text = cell_at (row, map[COL_ACTUAL]);
      next_text = cell_at (row, map[COL_NEXT_PLAN]);
      ratio_text = cell_at (row, map[COL_RATIO]);

      if (n_cells < n_header_cells)
        {
          GString *missing = g_string_new (NULL);
          for (guint k = n_cells; k < n_header_cells; k++)
            {
              const char *label = header[0] != NULL && k < g_strv_length (header) ? header[k] : NULL;
              if (missing->len > 0)
                g_string_append (missing, ", ");
              if (label != NULL && *label != '\0')
                g_string_append (missing, label);
              else
                g_string_append_printf (missing, "%u", k + 1);
            }
          /* TRANSLATORS: the row (its number or name), its number of cells, the header's,
           * the headings (or numbers) of the missing columns */
          add_warning (local_warnings, row->line, NULL,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "row %s has %u cells where the header has %u; missing column "
                                    "%s read as empty",
                                    "row %s has %u cells where the header has %u; missing columns "
                                    "%s read as empty", n_header_cells - n_cells),
                       *code != '\0' ? code : name, n_cells, n_header_cells, missing->str);
          g_string_free (missing, TRUE);
        }
      else if (n_cells > n_header_cells)
        {
          for (guint k = n_header_cells; k < n_cells; k++)
            if (*row->cells[k] != '\0')
              {
                add_warning (local_warnings, row->line, NULL,
                             _("row %s, column %u: extra cell '%s' beyond the %u columns "
                               "of the header, ignored"), *code != '\0' ? code : name,
                             k + 1, row->cells[k], n_header_cells);
                break;
              }
        }

      if (*code == '\0' && *name == '\0')
        {
          add_warning (local_warnings, row->line, NULL,
                       _("row without code nor name, skipped"));
          continue;
        }

      has_figures = *plan_text != '\0' || *actual_text != '\0' || *next_text != '\0' ||
                    *ratio_text != '\0';

      if (!has_figures)
        {
          gsize name_len = strlen (name);
          gboolean colon = name_len > 0 && name[name_len - 1] == ':';

          /* A group: bold, a Roman code, a name ending in ':', or rows under it ("1" above "1.1"). */
          if (row->bold || colon || is_roman (code) || heads_next_row (rows, i, map[COL_CODE], code))
            {
              target = kl_target_new_group (code, name);
              kl_target_set_source_line (target, row->line);
              g_free (group);
              group = g_strdup (name);
              g_ptr_array_add (targets, g_steal_pointer (&target));
              continue;
            }
          add_warning (local_warnings, row->line, NULL,
                       _("row %s has no figures"), *code != '\0' ? code : name);
        }

      target = kl_target_new (code, name, *unit != '\0' ? unit : NULL);
      kl_target_set_source_line (target, row->line);
      if (group != NULL)
        kl_target_set_group (target, group);
      if (*code == '\0')
        {
          kl_target_set_kind (target, KL_TARGET_KIND_COMPONENT);
          if (group != NULL)
            add_warning (local_warnings, row->line, NULL,
                         _("row '%s' has no code (TT); kept as a sub-row of %s"), name, group);
          else
            add_warning (local_warnings, row->line, NULL,
                         _("row '%s' has no code (TT); kept as a sub-row"), name);
        }
      else if (is_top_level_code (code))
        kl_target_set_kind (target, KL_TARGET_KIND_MAIN);
      else
        kl_target_set_kind (target, KL_TARGET_KIND_COMPONENT);

      {
        g_autoptr(KlValue) plan = kl_value_parse (plan_text, NULL);
        g_autoptr(KlValue) actual = kl_value_parse (actual_text, NULL);
        g_autoptr(KlValue) next = kl_value_parse (next_text, NULL);
        kl_target_set_plan (target, plan);
        kl_target_set_actual (target, actual);
        kl_target_set_next_plan (target, next);
      }
      if (*ratio_text != '\0')
        kl_target_set_typed_status (target, ratio_text);
      g_ptr_array_add (targets, g_steal_pointer (&target));
      n_read++;
    }

  if (n_read == 0)
    {
      guint line = rows->len > 0 ? ((Row *) rows->pdata[0])->line : first_line;
      g_autofree char *why = g_strdup_printf (_("no target could be read from the table (%s)"),
                                              rows->len == 0 ? _("no tab-separated rows") :
                                              header_line == 0 ? _("no header row and no rows with figures") :
                                              _("only a header and group rows"));

      /* "line N: " stays in English, as in the warnings: the callers read the line from it. */
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TABLE, "line %u: %s", line, why);
      return FALSE;
    }

  {
    GListStore *store = kl_report_get_targets (report);
    guint before = g_list_model_get_n_items (G_LIST_MODEL (store));
    guint n_items;

    g_list_store_splice (store, before, 0, targets->pdata, targets->len);
    kl_tsv_reparse_values (report, local_warnings);

    /* Say where the status typed in the source disagrees with the figures. */
    n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
    for (guint i = before; i < n_items; i++)
      {
        g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (store), i);
        g_autofree char *why = NULL;

        if (!kl_target_is_group (t) && kl_target_get_disagrees (t, &why))
          /* TRANSLATORS: the row (its number or name), then why its status is wrong */
          add_warning (local_warnings, kl_target_get_source_line (t), NULL, _("row %s: %s"),
                       code_or_name (t),
                       why != NULL ? why : _("the typed status disagrees with the figures"));
      }
  }

  if (warnings != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (local_warnings));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KlWarning) w = g_list_model_get_item (G_LIST_MODEL (local_warnings), i);
          g_list_store_append (warnings, w);
        }
    }
  return TRUE;
}
