/* kl-importer.c: turns text converted from Word (the seeds' flavour) into a KlDocument. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-importer.h"
#include "kl-core-error.h"
#include "kl-tsv.h"
#include "kl-warning.h"
#include "kl-vn-date.h"

#define MAX_INPUT_SIZE (64u * 1024u * 1024u)
/* The type name is looked for among the first blocks only: a document starts with it. */
#define MAX_HEADER_BLOCKS 40

/* A run of consecutive non-blank lines: a paragraph, a heading, a list, a table. */
typedef struct {
  GPtrArray *lines;   /* of char* (borrowed from the line array) */
  guint      line;    /* 1-based line of the first line */
} Block;

/* A paragraph of the body while it is being rebuilt. */
typedef struct {
  GString *raw;       /* source text, lines joined ("\n" kept only for hard breaks) */
  guint    line;
  int      footnote;  /* > 0: a footnote definition with this number */
  gboolean removed;   /* joined into the previous paragraph */
  gboolean is_table;
} Para;

typedef struct {
  KlDocument *doc;
  GListStore *warnings;
  GHashTable *refs;        /* footnote numbers referenced in the body → first line */
  GHashTable *defs;        /* footnote numbers defined → Para* */
  guint       n_paragraphs;
  guint       n_footnotes;
  guint       n_dropped_tags;
  gboolean    in_table;    /* converting a table: "|" at a line start is markup */
  GArray     *line_map;    /* KlBodyLine: where each block of the body came from */
  gsize       map_counted; /* bytes of the body whose newlines are in map_newlines */
  guint       map_newlines;
} Importer;

static void
warn (Importer *imp, guint line, const char *field, const char *format, ...) G_GNUC_PRINTF (4, 5);

/* @format is translated: the warnings are shown to the user (the paste dialog, ketluan-cli). */
static void
warn (Importer *imp, guint line, const char *field, const char *format, ...)
{
  va_list args;
  g_autoptr(KlWarning) w = NULL;

  va_start (args, format);
  w = kl_warning_new_valist (line, field, format, args);
  va_end (args);
  g_list_store_append (imp->warnings, w);
}

static void
block_free (Block *b)
{
  g_ptr_array_unref (b->lines);
  g_free (b);
}

static void
para_free (Para *p)
{
  g_string_free (p->raw, TRUE);
  g_free (p);
}

/* ---- small text helpers ---- */

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

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\r')
      return FALSE;
  return TRUE;
}

/* A line of the source without markdown emphasis, heading hashes and edge blanks. */
static char *
plain_line (const char *line)
{
  GString *out = g_string_new (NULL);
  const char *p = line;

  while (*p == ' ' || *p == '#')
    p++;
  for (; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '_')
        continue;
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, *p);
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static gboolean
is_upper_text (const char *s)
{
  gboolean letter = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        letter = TRUE;
    }
  return letter;
}

static gboolean
ends_with_hard_break (const char *line)
{
  gsize len = strlen (line);
  return (len >= 2 && line[len - 1] == ' ' && line[len - 2] == ' ') ||
         (len >= 1 && line[len - 1] == '\\');
}

static char *
rstrip_copy (const char *line)
{
  char *s = g_strdup (line);
  gsize len = strlen (s);

  while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\\'))
    s[--len] = '\0';
  return s;
}

static gboolean
is_dash_rule (const char *line)
{
  g_autofree char *s = g_strstrip (g_strdup (line));
  gsize len = strlen (s);

  if (len < 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (s[i] != '-' && s[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
is_table_line (const char *line)
{
  return strchr (line, '\t') != NULL ||
         (line[0] == '|' && strchr (line + 1, '|') != NULL);
}

static gboolean
block_is_table (Block *b)
{
  guint n = 0;

  for (guint i = 0; i < b->lines->len; i++)
    if (is_table_line (b->lines->pdata[i]))
      n++;
  return n > 0 && n * 2 >= b->lines->len;
}

/* ---- header ---- */

typedef struct {
  const char *title;
  const char *kind;
} TypeName;

static const TypeName type_names[] = {
  { "THÔNG BÁO", "TB" }, { "KẾT LUẬN", "KL" }, { "BÁO CÁO", "BC" }, { "NGHỊ QUYẾT", "NQ" },
  { "QUYẾT ĐỊNH", "QĐ" }, { "CHỈ THỊ", "CT" }, { "KẾ HOẠCH", "KH" }, { "TỜ TRÌNH", "TTr" },
  { "QUY ĐỊNH", "QĐi" }, { "QUY CHẾ", "QC" }, { "CHƯƠNG TRÌNH", "CTr" }, { "HƯỚNG DẪN", "HD" },
  { "BIÊN BẢN", "BB" }, { "CÔNG VĂN", "CV" },
};

static const char *
kind_of_title (const char *line)
{
  g_autofree char *s = plain_line (line);

  for (gsize i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_str_equal (s, type_names[i].title))
      return type_names[i].kind;
  /* "THÔNG BÁO KẾT LUẬN", "BÁO CÁO TỔNG KẾT": a capitalised line starting with a type name. */
  if (is_upper_text (s) && g_utf8_strlen (s, -1) <= 40)
    for (gsize i = 0; i < G_N_ELEMENTS (type_names); i++)
      {
        gsize l = strlen (type_names[i].title);
        if (g_str_has_prefix (s, type_names[i].title) && s[l] == ' ')
          return type_names[i].kind;
      }
  return NULL;
}

static gboolean
parse_uint (const char **p, guint *out)
{
  const char *s = *p;
  guint v = 0;
  gboolean any = FALSE;

  while (g_ascii_isdigit (*s) && v < 100000)
    {
      v = v * 10 + (guint) (*s - '0');
      s++;
      any = TRUE;
    }
  if (!any)
    return FALSE;
  *p = s;
  *out = v;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads "ngày 07 tháng 7 năm 2023" anywhere in @text; the day may be missing (seed 001). */
static gboolean
read_vn_date (const char *text, GDate *date, gboolean *has_day, gboolean *has_month)
{
  const char *p = strstr (text, "ngày");
  guint d = 0, m = 0, y = 0;

  *has_day = *has_month = FALSE;
  if (p == NULL)
    return FALSE;
  p = skip_spaces (p + strlen ("ngày"));
  *has_day = parse_uint (&p, &d);
  p = skip_spaces (p);
  if (!g_str_has_prefix (p, "tháng"))
    return FALSE;
  p = skip_spaces (p + strlen ("tháng"));
  *has_month = parse_uint (&p, &m);
  p = skip_spaces (p);
  if (!g_str_has_prefix (p, "năm"))
    return FALSE;
  p = skip_spaces (p + strlen ("năm"));
  if (!parse_uint (&p, &y))
    return FALSE;
  if (!*has_day || !*has_month || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
read_date_line (Importer *imp, const char *line, guint lineno)
{
  g_autofree char *s = plain_line (line);
  const char *comma = strchr (s, ',');
  const char *date_part = s;
  GDate date;
  gboolean has_day, has_month;

  g_date_clear (&date, 1);
  if (comma != NULL)
    {
      g_autofree char *place = g_strstrip (g_strndup (s, (gsize) (comma - s)));
      kl_document_set_place (imp->doc, place);
      date_part = skip_spaces (comma + 1);
    }
  else
    warn (imp, lineno, "place", _("the date line has no place before the date"));

  if (read_vn_date (date_part, &date, &has_day, &has_month))
    {
      char iso[16];
      g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (&date),
                  g_date_get_month (&date), g_date_get_day (&date));
      kl_document_set_date (imp->doc, iso);
    }
  else
    {
      kl_document_set_date_text (imp->doc, date_part);
      /* TRANSLATORS: the date as typed, then why it is not complete: "no day", "no month"… */
      warn (imp, lineno, "date", _("the date '%s' is not complete (%s); kept as typed"),
            date_part, !has_day ? _("no day") : !has_month ? _("no month") : _("not a valid date"));
    }
}

static void
read_symbol_line (Importer *imp, const char *line, guint lineno)
{
  g_autofree char *s = plain_line (line);
  const char *p = s + strlen ("Số");
  const char *slash;
  guint number = 0;
  g_autofree char *symbol = NULL;

  if (*p == ':')
    {
      warn (imp, lineno, "symbol", _("'Số:' has a colon; the format prints 'Số' without one"));
      p++;
    }
  p = skip_spaces (p);
  symbol = g_strstrip (g_strdup (p));
  {
    const char *q = symbol;
    if (parse_uint (&q, &number))
      kl_document_set_number (imp->doc, number);
  }
  slash = strrchr (symbol, '/');
  if (slash != NULL && slash[1] != '\0')
    kl_document_set_issuer_abbreviation (imp->doc, slash + 1);
  if (number > 0)
    kl_document_set_symbol (imp->doc, symbol);
  else
    warn (imp, lineno, "number", _("the symbol '%s' has no number yet"), symbol);

  /* The type part of the symbol should say the same as the type name. */
  {
    const char *dash = strchr (symbol, '-');
    if (dash != NULL && slash != NULL && slash > dash + 1)
      {
        g_autofree char *kind = g_strndup (dash + 1, (gsize) (slash - dash - 1));
        const char *doc_kind = kl_document_get_kind (imp->doc);
        if (doc_kind != NULL && !g_str_equal (kind, doc_kind))
          warn (imp, lineno, "kind", _("the symbol says '%s' but the type name says '%s'"), kind,
                doc_kind);
      }
  }
}

static void
read_header (Importer *imp, GPtrArray *blocks, guint end)
{
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) caps_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean have_date = FALSE, have_symbol = FALSE;

  for (guint b = 0; b < end; b++)
    {
      Block *block = blocks->pdata[b];

      for (guint i = 0; i < block->lines->len; i++)
        {
          guint lineno = block->line + i;
          /* Two-column headers pasted from a Word table come as tab-separated cells. */
          g_auto(GStrv) cells = g_strsplit (block->lines->pdata[i], "\t", -1);

          for (guint c = 0; cells[c] != NULL; c++)
            {
              g_autofree char *s = plain_line (cells[c]);

              if (*s == '\0' || g_str_equal (s, "\\*") || g_str_equal (s, "*") || is_dash_rule (s))
                continue;
              if (g_str_equal (s, "ĐẢNG CỘNG SẢN VIỆT NAM"))
                continue;
              if (g_str_has_prefix (s, "Số ") || g_str_has_prefix (s, "Số:") || g_str_equal (s, "Số"))
                {
                  read_symbol_line (imp, s, lineno);
                  have_symbol = TRUE;
                }
              else if (strstr (s, "ngày") != NULL && strstr (s, "năm") != NULL)
                {
                  read_date_line (imp, s, lineno);
                  have_date = TRUE;
                }
              else if (g_str_equal (s, "MẬT"))
                kl_document_set_secrecy (imp->doc, KL_SECRECY_MAT);
              else if (g_str_equal (s, "TỐI MẬT"))
                kl_document_set_secrecy (imp->doc, KL_SECRECY_TOI_MAT);
              else if (g_str_equal (s, "TUYỆT MẬT"))
                kl_document_set_secrecy (imp->doc, KL_SECRECY_TUYET_MAT);
              else if (g_str_equal (s, "KHẨN"))
                kl_document_set_urgency (imp->doc, KL_URGENCY_KHAN);
              else if (g_str_equal (s, "THƯỢNG KHẨN"))
                kl_document_set_urgency (imp->doc, KL_URGENCY_THUONG_KHAN);
              else if (g_str_equal (s, "HỎA TỐC") || g_str_equal (s, "HOẢ TỐC"))
                kl_document_set_urgency (imp->doc, KL_URGENCY_HOA_TOC);
              else if (is_upper_text (s))
                {
                  g_ptr_array_add (caps, g_strdup (s));
                  g_array_append_val (caps_lines, lineno);
                }
              else
                warn (imp, lineno, NULL, _("header line '%s' not understood; ignored"), s);
            }
        }
    }

  if (caps->len >= 2)
    {
      kl_document_set_superior (imp->doc, caps->pdata[0]);
      kl_document_set_issuer (imp->doc, caps->pdata[1]);
      for (guint i = 2; i < caps->len; i++)
        warn (imp, g_array_index (caps_lines, guint, i), NULL,
              _("header line '%s' not understood; ignored"), (char *) caps->pdata[i]);
    }
  else if (caps->len == 1)
    {
      kl_document_set_issuer (imp->doc, caps->pdata[0]);
      warn (imp, g_array_index (caps_lines, guint, 0), "issuer",
            _("one capitalised header line '%s': read as the issuer, no superior body"),
            (char *) caps->pdata[0]);
    }

  if (end == 0 || (caps->len == 0 && !have_date && !have_symbol))
    warn (imp, blocks->len > 0 ? ((Block *) blocks->pdata[0])->line : 1, "issuer",
          _("no header lines (issuer, number, place and date): fill them in before issuing"));
  else
    {
      if (!have_symbol)
        warn (imp, ((Block *) blocks->pdata[0])->line, "symbol",
              _("no 'Số …' line: the document has no number"));
      if (!have_date)
        warn (imp, ((Block *) blocks->pdata[0])->line, "date", _("no place and date line"));
    }
}

/* ---- inline conversion to kl-markup ---- */

static gboolean
parse_sup_number (const char *content, gsize len, guint *n, gboolean *parens)
{
  g_autofree char *s = g_strstrip (g_strndup (content, len));
  const char *p = s;
  gsize l = strlen (s);

  *parens = FALSE;
  if (l >= 2 && s[0] == '(' && s[l - 1] == ')')
    {
      *parens = TRUE;
      s[l - 1] = '\0';
      p = s + 1;
    }
  if (!parse_uint (&p, n))
    return FALSE;
  return *p == '\0';
}

/* "m<sup>2</sup>": a unit's exponent, not a footnote. */
static gboolean
is_unit_exponent (const char *start, const char *sup, guint n, gboolean parens)
{
  if (parens || (n != 2 && n != 3) || sup == start)
    return FALSE;
  return sup[-1] == 'm';
}

/* strstr limited to @max bytes: a stray "<sup>" in a huge line must not cost a scan of it. */
static const char *
find_near (const char *p, const char *needle, gsize max)
{
  gsize nlen = strlen (needle);

  for (gsize i = 0; i < max && p[i] != '\0'; i++)
    if (strncmp (p + i, needle, nlen) == 0)
      return p + i;
  return NULL;
}

static gboolean
tag_at (const char *p, const char *tag)
{
  return g_ascii_strncasecmp (p, tag, strlen (tag)) == 0;
}

/* Converts one paragraph's source text to inline markup: <sup>(n)</sup> → [^n], m<sup>2</sup>
 * → m², <b>/<i> → ** / *, stray tags dropped with a warning, hard breaks kept. */
static char *
convert_inline (Importer *imp, const char *text, guint line)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  const char *p = text;
  gboolean at_line_start = TRUE;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          if (tag_at (p, "<sup>"))
            {
              const char *content = p + 5;
              const char *end = find_near (content, "</sup>", 40);
              guint n = 0;
              gboolean parens = FALSE;

              if (end != NULL && end - content < 32 &&
                  parse_sup_number (content, (gsize) (end - content), &n, &parens))
                {
                  if (is_unit_exponent (text, p, n, parens))
                    g_string_append (out, n == 2 ? "²" : "³");
                  else
                    {
                      g_string_append_printf (out, "[^%u]", n);
                      if (!g_hash_table_contains (imp->refs, GUINT_TO_POINTER (n)))
                        g_hash_table_insert (imp->refs, GUINT_TO_POINTER (n), GUINT_TO_POINTER (line));
                    }
                  p = end + strlen ("</sup>");
                  at_line_start = FALSE;
                  continue;
                }
              if (end != NULL)
                {
                  warn (imp, line, NULL, _("superscript '%.*s' is not a footnote number; kept as plain text"),
                        (int) MIN (end - content, 60), content);
                  g_string_append_len (out, content, end - content);
                  p = end + strlen ("</sup>");
                  continue;
                }
            }
          if (tag_at (p, "<b>") || tag_at (p, "</b>"))
            {
              g_string_append (out, "**");
              p += p[1] == '/' ? 4 : 3;
              continue;
            }
          if (tag_at (p, "<strong>") || tag_at (p, "</strong>"))
            {
              g_string_append (out, "**");
              p += p[1] == '/' ? 9 : 8;
              continue;
            }
          if (tag_at (p, "<i>") || tag_at (p, "</i>") || tag_at (p, "<em>") || tag_at (p, "</em>"))
            {
              g_string_append (out, "*");
              p = find_near (p, ">", 6) + 1;
              continue;
            }
          if (tag_at (p, "<br>") || tag_at (p, "<br/>") || tag_at (p, "<br />"))
            {
              g_string_append (out, "\\\n");
              p = find_near (p, ">", 7) + 1;
              at_line_start = TRUE;
              continue;
            }
          /* Any other short tag (<u>, <span …>, </sub>…) is formatting we do not keep. */
          {
            const char *end = find_near (p, ">", 40);
            const char *q = p + 1;
            if (*q == '/')
              q++;
            if (end != NULL && end - p < 40 && g_ascii_isalpha (*q))
              {
                /* Said a few times, not once per tag of a pathological line. */
                if (++imp->n_dropped_tags < 10)
                  warn (imp, line, NULL, _("HTML tag '%.*s' dropped"), (int) (end - p + 1), p);
                else if (imp->n_dropped_tags == 10)
                  warn (imp, line, NULL, _("HTML tag '%.*s' dropped (further dropped tags are not listed)"),
                        (int) (end - p + 1), p);
                p = end + 1;
                continue;
              }
          }
        }
      if (*p == '\\' && p[1] != '\0' && p[1] != '\n')
        {
          /* Keep the escapes the markup knows; drop converters' others ("\-", "\."). */
          if (strchr ("*#|[\\", p[1]) != NULL)
            g_string_append_len (out, p, 2);
          else
            g_string_append_c (out, p[1]);
          p += 2;
          at_line_start = FALSE;
          continue;
        }
      if (*p == '[' && p[1] == '^')
        {
          /* Already markup: [^n] */
          const char *q = p + 2;
          guint n;
          if (parse_uint (&q, &n) && *q == ']')
            {
              if (!g_hash_table_contains (imp->refs, GUINT_TO_POINTER (n)))
                g_hash_table_insert (imp->refs, GUINT_TO_POINTER (n), GUINT_TO_POINTER (line));
              g_string_append_len (out, p, q + 1 - p);
              p = q + 1;
              continue;
            }
          g_string_append (out, "\\[");
          p++;
          continue;
        }
      if (at_line_start && !imp->in_table && (*p == '#' || *p == '|'))
        g_string_append_c (out, '\\');
      if (*p == '\n')
        at_line_start = TRUE;
      else if (*p != ' ')
        at_line_start = FALSE;
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* ---- body structure ---- */

static gboolean
starts_with_roman_marker (const char *s)
{
  const char *p = s;

  while (*p != '\0' && strchr ("IVXL", *p) != NULL)
    p++;
  if (p == s || p - s > 6)
    return FALSE;
  if (*p != '.' && *p != '-' && !g_str_has_prefix (p, "–"))
    return FALSE;
  p = *p == '-' || *p == '.' ? p + 1 : p + strlen ("–");
  return *p == ' ' || *p == '\0';
}

/* The heading level the marker at the start of @s gives (FORMAT.md), or 0. */
static guint
marker_level (const char *s)
{
  const char *p = s;
  guint n, depth = 0;

  if (g_str_has_prefix (s, "Phần thứ") || g_str_has_prefix (s, "PHẦN THỨ") ||
      (g_str_has_prefix (s, "PHẦN ") && s[strlen ("PHẦN ")] != '\0'))
    return 1;
  if (starts_with_roman_marker (s))
    return 2;
  while (parse_uint (&p, &n))
    {
      depth++;
      if (*p == '.' && g_ascii_isdigit (p[1]))
        {
          p++;
          continue;
        }
      break;
    }
  if (depth > 0)
    {
      if (*p == '.' || *p == ')' || *p == '-')
        p++;
      else if (depth == 1)
        return 0;
      if (*p != ' ' && *p != '\0')
        return 0;
      return depth == 1 ? 3 : 4;
    }
  {
    gunichar c = g_utf8_get_char (s);
    const char *next = g_utf8_next_char (s);
    if (g_unichar_islower (c) && *next == ')' && (next[1] == ' ' || next[1] == '\0'))
      return 5;
  }
  return 0;
}

/* Strips "**…**" (or "***…***") around the whole text; TRUE when it was there. */
static gboolean
strip_outer_bold (char **text)
{
  char *s = *text;
  gsize len = strlen (s);
  char *inner;

  if (len >= 5 && g_str_has_prefix (s, "**") && g_str_has_suffix (s, "**"))
    {
      inner = g_strndup (s + 2, len - 4);
      /* "**a** b **c**" is not one bold run. */
      if (strstr (inner, "**") != NULL)
        {
          g_free (inner);
          return FALSE;
        }
      g_free (s);
      *text = g_strstrip (inner);
      return TRUE;
    }
  return FALSE;
}

static gboolean
ends_open (const char *s)
{
  const char *end = s + strlen (s);
  gunichar c;

  /* Look through closing emphasis and a trailing footnote reference. */
  while (end > s)
    {
      if (end[-1] == ' ' || end[-1] == '*' || end[-1] == '_')
        end--;
      else if (end - s >= 6 && strncmp (end - 6, "</sup>", 6) == 0)
        {
          const char *open = g_strrstr_len (s, end - s, "<sup>");
          if (open == NULL)
            break;
          end = open;
        }
      else
        break;
    }
  if (end == s)
    return FALSE;
  c = g_utf8_get_char (g_utf8_find_prev_char (s, end));
  if (c == 0x2026 /* … */ || c == 0x201D /* ” */)
    return FALSE;
  return !(c < 128 && strchr (".!?:;\"", (int) c) != NULL);
}

static gboolean
starts_lower (const char *s)
{
  const char *p = s;

  while (*p == '*' || *p == '_' || *p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;
  return g_unichar_islower (g_utf8_get_char (p));
}

static gboolean
starts_item (const char *s)
{
  return g_str_has_prefix (s, "- ") || g_str_has_prefix (s, "+ ") || g_str_has_prefix (s, "– ") ||
         g_str_has_prefix (s, "• ");
}

/* "(12) text" → 12 and the text after the marker. */
static gboolean
numbered_marker (const char *s, guint *n, const char **rest)
{
  const char *p = s;

  if (*p != '(')
    return FALSE;
  p++;
  if (!parse_uint (&p, n) || *p != ')')
    return FALSE;
  *rest = p + 1;
  return TRUE;
}

/* Footnote paragraphs: "<sup>(3)</sup>- text", "<sup>3</sup> text", "(11)- text",
 * "[^3]: text". Bare "(n)-" counts only when the body refers to n. */
static int
footnote_definition (Importer *imp, const char *s, const char **text_out)
{
  const char *p = s;
  guint n;

  if (tag_at (p, "<sup>"))
    {
      const char *end = find_near (p, "</sup>", 45);
      gboolean parens;
      if (end == NULL || !parse_sup_number (p + 5, (gsize) (end - p - 5), &n, &parens) || n == 0)
        return 0;
      p = end + strlen ("</sup>");
    }
  else if (g_str_has_prefix (p, "[^"))
    {
      p += 2;
      if (!parse_uint (&p, &n) || n == 0 || !g_str_has_prefix (p, "]:"))
        return 0;
      p += 2;
    }
  else if (numbered_marker (p, &n, &p))
    {
      const char *q = skip_spaces (p);
      if (*q != '-' && !g_str_has_prefix (q, "–"))
        return 0;
      if (!g_hash_table_contains (imp->refs, GUINT_TO_POINTER (n)))
        return 0;
    }
  else
    return 0;

  p = skip_spaces (p);
  if (*p == '-' || *p == ':')
    p++;
  else if (g_str_has_prefix (p, "–"))
    p += strlen ("–");
  *text_out = skip_spaces (p);
  return (int) n;
}

/* Pre-scan for references, so that bare "(n)-" paragraphs can be told from items. */
static void
scan_references (Importer *imp, const char *s, guint line)
{
  for (const char *p = s; *p != '\0'; p++)
    {
      const char *content, *end;
      guint n;
      gboolean parens;

      if (p[0] != '<' || !tag_at (p, "<sup>"))
        continue;
      content = p + 5;
      end = find_near (content, "</sup>", 40);
      if (end != NULL && end - content < 32 &&
          parse_sup_number (content, (gsize) (end - content), &n, &parens) &&
          !is_unit_exponent (s, p, n, parens) && p != s &&
          !g_hash_table_contains (imp->refs, GUINT_TO_POINTER (n)))
        g_hash_table_insert (imp->refs, GUINT_TO_POINTER (n), GUINT_TO_POINTER (line));
    }
}

static void
join_paras (Para *a, Para *b)
{
  GString *r = a->raw;
  const char *bs = b->raw->str;

  while (r->len > 0 && r->str[r->len - 1] == ' ')
    g_string_truncate (r, r->len - 1);
  /* A bold or italic run cut by the page break goes on: "**… tình**" + "**hình …**". */
  if (g_str_has_suffix (r->str, "**") && g_str_has_prefix (bs, "**"))
    {
      g_string_truncate (r, r->len - 2);
      bs += 2;
    }
  else if (g_str_has_suffix (r->str, "*") && g_str_has_prefix (bs, "*") && !g_str_has_prefix (bs, "**"))
    {
      g_string_truncate (r, r->len - 1);
      bs += 1;
    }
  g_string_append_c (r, ' ');
  g_string_append (r, bs);
}

/* The source text of a block as one paragraph: lines joined with a space, hard breaks kept. */
static Para *
para_from_block (Block *b)
{
  Para *para = g_new0 (Para, 1);

  para->raw = g_string_new (NULL);
  para->line = b->line;
  para->is_table = block_is_table (b);
  for (guint i = 0; i < b->lines->len; i++)
    {
      const char *line = b->lines->pdata[i];

      if (para->is_table)
        {
          if (i > 0)
            g_string_append_c (para->raw, '\n');
          g_string_append (para->raw, line);
          continue;
        }
      {
        g_autofree char *s = rstrip_copy (line);
        const char *t = s;
        if (i > 0)
          {
            gboolean hard = ends_with_hard_break (b->lines->pdata[i - 1]);
            g_string_append (para->raw, hard ? "\\\n" : " ");
            t = skip_spaces (s);
          }
        g_string_append (para->raw, t);
      }
    }
  return para;
}

typedef struct {
  guint body_line, file_line;
} KlBodyLine;

typedef struct {
  char   *body;   /* the body as imported: an edited body has no file lines */
  GArray *map;    /* KlBodyLine, by body line */
} KlBodyLines;

static void
body_lines_free (gpointer data)
{
  KlBodyLines *bl = data;

  g_free (bl->body);
  g_array_unref (bl->map);
  g_free (bl);
}

G_DEFINE_QUARK (kl-importer-body-lines, body_lines)

guint
kl_importer_get_file_line (KlDocument *document, guint body_line)
{
  KlBodyLines *bl;
  const KlBodyLine *best = NULL;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), 0);

  bl = g_object_get_qdata (G_OBJECT (document), body_lines_quark ());
  if (bl == NULL || body_line == 0 || g_strcmp0 (bl->body, kl_document_get_body (document)) != 0)
    return 0;
  for (guint i = 0; i < bl->map->len; i++)
    {
      const KlBodyLine *m = &g_array_index (bl->map, KlBodyLine, i);
      if (m->body_line > body_line)
        break;
      best = m;
    }
  /* Lines inside a block (table rows) follow the file's lines one for one. */
  return best != NULL ? best->file_line + (body_line - best->body_line) : 0;
}

/* Appends a block of the body, noting the file line it came from (the renderer's
 * messages name body lines; the CLI turns them into file lines). */
static void
append_block (Importer *imp, GString *body, const char *text, guint line)
{
  if (body->len > 0)
    g_string_append (body, "\n\n");
  /* Counted as the body grows, so a long document stays linear. */
  for (; imp->map_counted < body->len; imp->map_counted++)
    if (body->str[imp->map_counted] == '\n')
      imp->map_newlines++;
  if (line > 0)
    {
      KlBodyLine m = { imp->map_newlines + 1, line };
      if (imp->line_map == NULL)
        imp->line_map = g_array_new (FALSE, FALSE, sizeof (KlBodyLine));
      g_array_append_val (imp->line_map, m);
    }
  g_string_append (body, text);
}

/* "a) …", "đ) …": a point starts with a lower-case letter but never continues a paragraph. */
static gboolean
starts_point (const char *s)
{
  g_autofree char *plain = plain_line (s);
  return marker_level (plain) == 5;
}

/* A target table in the body (TT, Chỉ tiêu, figures) becomes a report of the document and
 * an embed "{{targets N}}" where it stood; FALSE when no target could be read from it. */
static gboolean
embed_target_table (Importer *imp, GString *body, Para *p)
{
  g_autoptr(KlReport) report = kl_report_new (kl_document_get_summary (imp->doc));
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  GListStore *reports = kl_document_get_reports (imp->doc);
  g_autofree char *embed = NULL;
  g_autofree char *text = g_strconcat (p->raw->str, "\n", NULL);
  guint n;

  if (!kl_tsv_read_targets (text, p->line, report, warnings, NULL))
    return FALSE;
  g_list_store_append (reports, report);
  n = g_list_model_get_n_items (G_LIST_MODEL (warnings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (G_LIST_MODEL (warnings), i);
      g_list_store_append (imp->warnings, w);
    }
  warn (imp, p->line, "reports", _("the target table in the text became report %u"),
        g_list_model_get_n_items (G_LIST_MODEL (reports)));
  embed = g_strdup_printf ("{{targets %u}}", g_list_model_get_n_items (G_LIST_MODEL (reports)));
  append_block (imp, body, embed, p->line);
  return TRUE;
}

/* Converts the paragraphs of the body to markup and appends the footnote definitions. */
static char *
build_body (Importer *imp, GPtrArray *paras)
{
  GString *body = g_string_new (NULL);
  guint prev_level = 0;
  g_autoptr(GList) labels = NULL;

  /* 1. Footnote paragraphs leave the flow. */
  for (guint i = 0; i < paras->len; i++)
    {
      Para *p = paras->pdata[i];
      const char *text = NULL;
      int n;

      if (p->is_table)
        continue;
      n = footnote_definition (imp, p->raw->str, &text);
      if (n > 0)
        {
          if (g_hash_table_contains (imp->defs, GINT_TO_POINTER (n)))
            {
              warn (imp, p->line, "body",
                    _("footnote (%d) is defined twice; the second text is kept as a paragraph"), n);
              continue;
            }
          {
            g_autofree char *t = g_strdup (text);
            g_string_assign (p->raw, t);
          }
          p->footnote = n;
          g_hash_table_insert (imp->defs, GINT_TO_POINTER (n), p);
        }
    }

  /* 2. Paragraphs cut by a page break are joined back, over the footnotes between them. */
  for (guint i = 0; i < paras->len; i++)
    {
      Para *a = paras->pdata[i];

      if (a->footnote > 0 || a->removed || a->is_table)
        continue;
      for (;;)
        {
          guint j = i + 1;
          Para *b;

          while (j < paras->len && (((Para *) paras->pdata[j])->footnote > 0 ||
                                    ((Para *) paras->pdata[j])->removed))
            j++;
          if (j >= paras->len)
            break;
          b = paras->pdata[j];
          if (b->is_table || !ends_open (a->raw->str) || !starts_lower (b->raw->str) ||
              starts_item (b->raw->str) || b->raw->str[0] == '#' || starts_point (b->raw->str))
            break;
          if (j > i + 1)
            warn (imp, a->line, "body",
                  _("paragraph joined with the one at line %u (cut by a page break, footnotes between)"),
                  b->line);
          else
            warn (imp, a->line, "body", _("paragraph joined with the one at line %u (cut by a page break)"),
                  b->line);
          join_paras (a, b);
          /* The footnote paragraphs passed over leave the flow anyway. */
          b->removed = TRUE;
        }
    }

  /* 3. Each paragraph becomes a markup block. */
  for (guint i = 0; i < paras->len; i++)
    {
      Para *p = paras->pdata[i];
      char *raw;
      gboolean had_hash = FALSE, bold_all;
      guint level;
      const char *s = p->raw->str;
      g_autofree char *text = NULL;
      const char *rest;
      guint n;

      if (p->footnote != 0 || p->removed)
        continue;
      if (p->is_table && embed_target_table (imp, body, p))
        {
          imp->n_paragraphs++;
          prev_level = 0;
          continue;
        }
      if (p->is_table)
        {
          /* Any other table in the body stays a table of the markup (tab-separated rows). */
          g_autofree char *t = NULL;
          imp->in_table = TRUE;
          t = convert_inline (imp, s, p->line);
          imp->in_table = FALSE;
          append_block (imp, body, t, p->line);
          imp->n_paragraphs++;
          prev_level = 0;
          continue;
        }
      while (*s == '#')
        {
          had_hash = TRUE;
          s++;
        }
      raw = g_strstrip (g_strdup (s));
      bold_all = strip_outer_bold (&raw);
      level = 0;
      if ((bold_all || had_hash) && strlen (raw) < 600)
        {
          g_autofree char *plain = plain_line (raw);
          level = marker_level (plain);
          if (level == 0)
            {
              if (prev_level == 1 && is_upper_text (plain))
                level = 1;   /* the name of a part under "Phần thứ …" */
              else if (is_upper_text (plain))
                {
                  level = 2;
                  warn (imp, p->line, "body",
                        _("capitalised bold line without a marker read as a section heading"));
                }
              else if (had_hash)
                {
                  level = 3;
                  warn (imp, p->line, "body",
                        _("heading without a marker ('I.', '1.', '1.1.', 'a)') read as a clause heading"));
                }
            }
        }

      if (level > 0)
        {
          g_autofree char *t = convert_inline (imp, raw, p->line);
          GString *h = g_string_new (NULL);
          for (guint k = 0; k < level; k++)
            g_string_append_c (h, '#');
          g_string_append_c (h, ' ');
          g_string_append (h, t);
          append_block (imp, body, h->str, p->line);
          g_string_free (h, TRUE);
          prev_level = level;
        }
      else
        {
          g_autofree char *t = NULL;

          /* Emphasis cut off by the outer strip goes back around a bold paragraph. */
          if (bold_all)
            {
              g_autofree char *bolded = g_strdup_printf ("**%s**", raw);
              g_free (raw);
              raw = g_steal_pointer (&bolded);
            }
          if (starts_item (raw))
            {
              const char *marker = raw[0] == '+' ? "+" : "-";
              const char *after = g_utf8_next_char (raw);
              g_autofree char *inl = convert_inline (imp, skip_spaces (after), p->line);
              t = g_strdup_printf ("%s %s", marker, inl);
            }
          else if (numbered_marker (raw, &n, &rest))
            {
              g_autofree char *inl = convert_inline (imp, skip_spaces (rest), p->line);
              t = g_strdup_printf ("(%u) %s", n, inl);
            }
          else
            t = convert_inline (imp, raw, p->line);
          append_block (imp, body, t, p->line);
          prev_level = 0;
        }
      g_free (raw);
      imp->n_paragraphs++;
    }

  /* 4. Footnote definitions, in number order, after the text. */
  labels = g_hash_table_get_keys (imp->defs);
  {
    GArray *nums = g_array_new (FALSE, FALSE, sizeof (int));
    for (GList *l = labels; l != NULL; l = l->next)
      {
        int v = GPOINTER_TO_INT (l->data);
        g_array_append_val (nums, v);
      }
    for (guint a = 1; a < nums->len; a++)
      for (guint b = a; b > 0 && g_array_index (nums, int, b - 1) > g_array_index (nums, int, b); b--)
        {
          int t = g_array_index (nums, int, b);
          g_array_index (nums, int, b) = g_array_index (nums, int, b - 1);
          g_array_index (nums, int, b - 1) = t;
        }
    for (guint k = 0; k < nums->len; k++)
      {
        int n = g_array_index (nums, int, k);
        Para *p = g_hash_table_lookup (imp->defs, GINT_TO_POINTER (n));
        g_autofree char *inl = convert_inline (imp, p->raw->str, p->line);
        g_autofree char *def = g_strdup_printf ("[^%d]: %s", n, inl);

        append_block (imp, body, def, p->line);
        imp->n_footnotes++;
        if (!g_hash_table_contains (imp->refs, GUINT_TO_POINTER ((guint) n)))
          warn (imp, p->line, "body", _("footnote (%d) is never referred to in the text"), n);
      }
    g_array_unref (nums);
  }
  {
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init (&it, imp->refs);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (!g_hash_table_contains (imp->defs, key))
        warn (imp, GPOINTER_TO_UINT (value), "body",
              _("footnote (%u) is referred to but its text was not found"),
              GPOINTER_TO_UINT (key));
  }
  /* Canonical markup ends with a newline (kl_markup_write). */
  if (body->len > 0)
    g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

/* ---- closing: recipients and signer ---- */

static gboolean
is_recipients_heading (const char *line)
{
  g_autofree char *s = plain_line (line);
  return g_str_has_prefix (s, "Nơi nhận") || g_str_has_prefix (s, "NƠI NHẬN");
}

static gboolean
is_authority_line (const char *line)
{
  g_autofree char *s = plain_line (line);
  return g_str_has_prefix (s, "T/M ") || g_str_has_prefix (s, "K/T ") || g_str_has_prefix (s, "T/L ") ||
         g_str_has_prefix (s, "T/U ") || g_str_has_prefix (s, "TM. ") || g_str_has_prefix (s, "KT. ") ||
         g_str_has_prefix (s, "TL. ") || g_str_has_prefix (s, "TUQ. ");
}

/* Reads the recipients from block @start on; returns the index after the last block used. */
static guint
read_recipients (Importer *imp, GPtrArray *blocks, guint start, guint limit)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint b = start;
  gboolean first = TRUE;
  guint line_of_last = 0;

  for (; b < limit; b++)
    {
      Block *block = blocks->pdata[b];
      guint i0 = 0;
      g_autofree char *head = plain_line (block->lines->pdata[0]);

      if (first)
        {
          /* Skip "Nơi nhận:" itself; the list may follow on the same lines. */
          i0 = 1;
          first = FALSE;
        }
      else if (!starts_item (head) && !g_str_has_prefix (head, "-"))
        break;
      if (is_authority_line (block->lines->pdata[0]))
        break;

      for (guint i = i0; i < block->lines->len; i++)
        {
          g_autofree char *s = plain_line (block->lines->pdata[i]);
          if (*s == '\0')
            continue;
          if (g_str_has_prefix (s, "-") || g_str_has_prefix (s, "+") || g_str_has_prefix (s, "–") ||
              g_str_has_prefix (s, "•"))
            {
              const char *rest = skip_spaces (g_utf8_next_char (s));
              g_ptr_array_add (lines, g_strdup_printf ("- %s", rest));
              line_of_last = block->line + i;
            }
          else if (lines->len > 0)
            {
              /* A recipient continued on the next line is one recipient. */
              GString *joined = g_string_new (lines->pdata[lines->len - 1]);
              if (joined->len > 0 && joined->str[joined->len - 1] == '-' && joined->len > 1 &&
                  joined->str[joined->len - 2] != ' ')
                g_string_insert_c (joined, (gssize) joined->len - 1, ' ');
              g_string_append_c (joined, ' ');
              g_string_append (joined, s);
              warn (imp, block->line + i, "recipients",
                    _("line joined to the recipient on line %u"), line_of_last);
              g_free (lines->pdata[lines->len - 1]);
              lines->pdata[lines->len - 1] = g_string_free (joined, FALSE);
            }
          else
            warn (imp, block->line + i, "recipients",
                  _("'%s' under 'Nơi nhận' is not a '- ' line; ignored"), s);
        }
    }

  if (lines->len == 0)
    warn (imp, ((Block *) blocks->pdata[start])->line, "recipients",
          _("'Nơi nhận' has no recipients"));
  for (guint i = 0; i < lines->len; i++)
    g_strv_builder_add (builder, lines->pdata[i]);
  {
    g_auto(GStrv) strv = g_strv_builder_end (builder);
    kl_document_set_recipients (imp->doc, (const char * const *) strv);
  }
  return b;
}

/* Reads authority, position and name from block @start on; returns the index after it. */
static guint
read_signer (Importer *imp, GPtrArray *blocks, guint start, guint limit)
{
  KlSigner *signer = kl_document_get_signer (imp->doc);
  GString *position = g_string_new (NULL);
  g_autofree char *authority = NULL;
  g_autofree char *name = NULL;
  guint b = start;
  guint first_line = ((Block *) blocks->pdata[start])->line;

  for (; b < limit && name == NULL && b < start + 4; b++)
    {
      Block *block = blocks->pdata[b];

      if (b > start && is_recipients_heading (block->lines->pdata[0]))
        break;
      for (guint i = 0; i < block->lines->len && name == NULL; i++)
        {
          g_autofree char *s = plain_line (block->lines->pdata[i]);

          if (*s == '\0')
            continue;
          if (authority == NULL && position->len == 0 && is_authority_line (s))
            authority = g_steal_pointer (&s);
          else if (g_str_has_prefix (s, "(") && (strstr (s, "ký") != NULL || strstr (s, "Ký") != NULL))
            continue;   /* "(Đã ký)", "(Ký, ghi rõ họ tên)" */
          else if (is_upper_text (s))
            {
              if (position->len > 0)
                g_string_append_c (position, ' ');
              g_string_append (position, s);
            }
          else
            name = g_steal_pointer (&s);
        }
    }

  kl_signer_set_authority (signer, authority != NULL ? authority : "");
  kl_signer_set_position (signer, position->str);
  kl_signer_set_name (signer, name != NULL ? name : "");
  if (name == NULL)
    warn (imp, first_line, "signer", _("the signature block has no name"));
  if (position->len == 0)
    warn (imp, first_line, "signer", _("the signature block has no position"));
  g_string_free (position, TRUE);
  return b;
}

/* ---- annexes ---- */

static void
read_annexes (Importer *imp, GPtrArray *blocks, guint start, const char *const *lines)
{
  guint b = start;

  while (b < blocks->len)
    {
      g_autoptr(KlReport) report = NULL;
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *note = NULL;
      GString *table = g_string_new (NULL);
      guint table_line = 0, end_line = 0;
      g_autoptr(GError) error = NULL;

      for (; b < blocks->len && !block_is_table (blocks->pdata[b]); b++)
        {
          Block *block = blocks->pdata[b];
          for (guint i = 0; i < block->lines->len; i++)
            {
              g_autofree char *s = plain_line (block->lines->pdata[i]);
              gsize len = strlen (s);

              if (*s == '\0')
                continue;
              if (s[0] == '(' && len > 1 && s[len - 1] == ')')
                {
                  g_free (note);
                  note = g_strstrip (g_strndup (s + 1, len - 2));
                }
              else
                g_ptr_array_add (titles, g_steal_pointer (&s));
            }
        }
      /* The table runs over blank lines (a page break) until text that is not a row. */
      for (; b < blocks->len && block_is_table (blocks->pdata[b]); b++)
        {
          Block *block = blocks->pdata[b];
          guint last = block->line + block->lines->len - 1;

          if (table_line == 0)
            table_line = block->line;
          for (guint l = end_line == 0 ? block->line : end_line + 1; l <= last; l++)
            {
              g_string_append (table, lines[l - 1]);
              g_string_append_c (table, '\n');
            }
          end_line = last;
        }

      if (table_line == 0)
        {
          for (guint i = 0; i < titles->len; i++)
            warn (imp, ((Block *) blocks->pdata[b - 1])->line, NULL,
                  _("text after the signature not understood, not imported: '%s'"),
                  (char *) titles->pdata[i]);
          g_string_free (table, TRUE);
          continue;
        }

      report = kl_report_new (titles->len > 1 ? titles->pdata[1] :
                              titles->len > 0 ? titles->pdata[0] : kl_document_get_summary (imp->doc));
      if (titles->len > 0)
        kl_report_set_annex_title (report, titles->pdata[0]);
      if (titles->len > 1)
        {
          GString *s = g_string_new (NULL);
          for (guint i = 1; i < titles->len; i++)
            {
              if (i > 1)
                g_string_append_c (s, '\n');
              g_string_append (s, titles->pdata[i]);
            }
          kl_report_set_annex_subtitle (report, s->str);
          g_string_free (s, TRUE);
        }
      if (note != NULL)
        kl_report_set_annex_note (report, note);
      if (kl_document_get_issuer (imp->doc) != NULL)
        kl_report_set_presenter (report, kl_document_get_issuer (imp->doc));

      if (kl_tsv_read_targets (table->str, table_line, report, imp->warnings, &error))
        g_list_store_append (kl_document_get_reports (imp->doc), report);
      else
        warn (imp, table_line, "reports",
              /* TRANSLATORS: why the table could not be read, then what became of it */
              _("%s; the table was not imported"),
              g_str_has_prefix (error->message, "line ") ? strchr (error->message, ':') + 2 : error->message);
      g_string_free (table, TRUE);
    }
}

/* ---- the meeting a notice is about ---- */

/* "lần thứ 25", "lần thứ Mười Bốn (mở rộng)": the ordinal in digits or words. */
static void
read_meeting_ordinal (KlMeeting *m, const char *text)
{
  const char *p = strstr (text, "lần thứ ");
  g_auto(GStrv) words = NULL;
  guint n;

  if (p == NULL)
    return;
  p += strlen ("lần thứ ");
  if (g_ascii_isdigit (*p))
    {
      if (parse_uint (&p, &n))
        kl_meeting_set_ordinal (m, n);
      return;
    }
  words = g_strsplit_set (p, " ,(\n", 5);
  /* The longest run of words that reads as a number ("Hai Mươi Lăm" before "Hai"). */
  for (guint len = 3; len > 0; len--)
    {
      g_autoptr(GString) cand = g_string_new (NULL);
      guint k;

      for (k = 0; k < len && words[k] != NULL && *words[k] != '\0'; k++)
        {
          if (k > 0)
            g_string_append_c (cand, ' ');
          g_string_append (cand, words[k]);
        }
      if (k < len)
        continue;
      n = kl_vn_ordinal_from_words (cand->str);
      if (n > 0)
        {
          kl_meeting_set_ordinal (m, n);
          kl_meeting_set_ordinal_text (m, cand->str);
          return;
        }
    }
}

/* The meeting, read from the summary ("… hội nghị lần thứ 25 Ban Chấp hành … khóa XX") and
 * the opening paragraph ("Ngày 29/6/2023, …"). Only when the summary names a meeting. */
static void
read_meeting (Importer *imp, const char *summary, const char *opening, guint line)
{
  g_autoptr(KlMeeting) m = NULL;
  g_autofree char *text = NULL;
  const char *p;

  if (summary == NULL || (strstr (summary, "ội nghị") == NULL) || strstr (summary, "lần thứ") == NULL)
    return;
  text = g_strdup_printf ("%s\n%s", summary, opening != NULL ? opening : "");
  m = kl_meeting_new ();
  read_meeting_ordinal (m, summary);
  if (strstr (summary, "Ban Thường vụ") != NULL)
    kl_meeting_set_body (m, KL_MEETING_BODY_BTV);
  else if (strstr (summary, "Thường trực") != NULL && strstr (summary, "Ban Chấp hành") == NULL)
    kl_meeting_set_body (m, KL_MEETING_BODY_TT);
  else
    kl_meeting_set_body (m, KL_MEETING_BODY_BCH);
  if (strstr (summary, "mở rộng") != NULL)
    kl_meeting_set_meeting_type (m, KL_MEETING_EXTENDED);
  else if (strstr (summary, "bất thường") != NULL || strstr (summary, "đột xuất") != NULL)
    kl_meeting_set_meeting_type (m, KL_MEETING_EXTRAORDINARY);
  if ((p = strstr (text, "khóa ")) != NULL || (p = strstr (text, "khoá ")) != NULL)
    {
      const char *q = p + strlen ("khóa ");
      gsize len = 0;
      while (q[len] != '\0' && strchr ("IVXLC", q[len]) != NULL)
        len++;
      if (len > 0)
        {
          g_autofree char *term = g_strndup (q, len);
          kl_meeting_set_term (m, term);
        }
    }
  /* "Ngày 29/6/2023" at the start of the opening paragraph. */
  if (opening != NULL && (g_str_has_prefix (opening, "Ngày ") || g_str_has_prefix (opening, "Tại phiên họp ngày ")))
    {
      const char *q = strchr (opening, ' ');
      guint d, mo, y;
      if (g_str_has_prefix (opening, "Tại"))
        q = opening + strlen ("Tại phiên họp ngày");
      q = skip_spaces (q);
      if (parse_uint (&q, &d) && *q++ == '/' && parse_uint (&q, &mo) && *q++ == '/' && parse_uint (&q, &y) &&
          g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y))
        {
          char iso[16];
          g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", y, mo, d);
          kl_meeting_set_date (m, iso);
        }
    }
  /* TRANSLATORS: "lần thứ" (the meeting's ordinal) and "khóa" (the term) quote the summary */
  if (kl_meeting_get_term (m) != NULL)
    warn (imp, line, "meeting", _("the meeting was read from the summary (lần thứ %u, khóa %s); check it"),
          kl_meeting_get_ordinal (m), kl_meeting_get_term (m));
  else
    warn (imp, line, "meeting", _("the meeting was read from the summary (lần thứ %u); check it"),
          kl_meeting_get_ordinal (m));
  kl_document_set_meeting (imp->doc, m);
}

/* ---- entry points ---- */

static void
flush_chunk (GString *out, const char *start, const char *end, gboolean has_high)
{
  char *n;

  if (!has_high)
    {
      g_string_append_len (out, start, end - start);
      return;
    }
  n = g_utf8_normalize (start, end - start, G_NORMALIZE_NFC);
  if (n != NULL)
    g_string_append (out, n);
  else
    g_string_append_len (out, start, end - start);
  g_free (n);
}

/* NFC, piece by piece: g_utf8_normalize() moves the rest of its buffer at each composition,
 * which is quadratic on a long line. Cutting before an ASCII character (never the second
 * of a composition) or, in a long run, before a starter keeps it linear. */
static char *
normalize_nfc (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len + 16);
  const char *p = text, *end = text + len, *start = text;
  gboolean has_high = FALSE;

  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (has_high)
            {
              flush_chunk (out, start, p, TRUE);
              start = p;
              has_high = FALSE;
            }
          p++;
          continue;
        }
      if (p - start > 16384 && g_unichar_combining_class (g_utf8_get_char (p)) == 0)
        {
          flush_chunk (out, start, p, has_high);
          start = p;
        }
      has_high = TRUE;
      p = g_utf8_next_char (p);
    }
  flush_chunk (out, start, end, has_high);
  return g_string_free (out, FALSE);
}

static gboolean
check_utf8 (const char *text, gsize length, GError **error)
{
  const char *end = NULL;

  if (g_utf8_validate_len (text, length, &end))
    return TRUE;
  {
    guint line = 1;
    const char *line_start = text;
    g_autofree char *why = NULL;

    for (const char *p = text; p < end; p++)
      if (*p == '\n')
        {
          line++;
          line_start = p + 1;
        }
    /* TRANSLATORS: the byte is counted from the start of its line (1-based), as editors
     * show columns; then its value in hexadecimal */
    why = g_strdup_printf (_("invalid UTF-8 at byte %u (0x%02X): the file must be saved as UTF-8 "
                             "(not Windows-1258, TCVN3 or another legacy encoding)"),
                           (guint) (end - line_start) + 1, (guint) (guchar) *end);

    /* "line N: " in English, as in the warnings: ketluan-cli reads the line from it. */
    g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_INVALID_UTF8, "line %u: %s", line, why);
  }
  return FALSE;
}

KlDocument *
kl_importer_import_text (const char  *text,
                         gssize       length,
                         GError     **error)
{
  g_autofree char *nfc = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_autoptr(GPtrArray) paras = g_ptr_array_new_with_free_func ((GDestroyNotify) para_free);
  g_autoptr(KlDocument) doc = NULL;
  Importer imp = { 0 };
  gsize len;
  guint title_index = G_MAXUINT, body_start, body_end, closing_end;
  guint recipients_index = G_MAXUINT, signer_index = G_MAXUINT;
  const char *kind = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    text = "";
  len = length < 0 ? strlen (text) : (gsize) length;
  if (len > MAX_INPUT_SIZE)
    {
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TOO_LARGE,
                   "the text is %" G_GSIZE_FORMAT " MiB; documents over %u MiB are refused",
                   len / (1024 * 1024), MAX_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  if (!check_utf8 (text, len, error))
    return NULL;

  doc = kl_document_new ("TB");
  imp.doc = doc;
  imp.warnings = kl_document_get_warnings (doc);
  imp.refs = g_hash_table_new (NULL, NULL);
  imp.defs = g_hash_table_new (NULL, NULL);

  nfc = normalize_nfc (text, len);
  if (strlen (nfc) != len || memcmp (nfc, text, len) != 0)
    {
      guint line = 1;
      for (gsize i = 0; i < len && nfc[i] == text[i]; i++)
        if (text[i] == '\n')
          line++;
      warn (&imp, line, NULL,
            _("decomposed (NFD) Vietnamese letters converted to composed form (NFC)"));
    }

  /* Lines without CR (Windows line ends); a file of old-Mac CRs only is split on them. */
  if (strchr (nfc, '\n') == NULL && strchr (nfc, '\r') != NULL)
    lines = split_char (nfc, '\r');
  else
    lines = split_char (nfc, '\n');
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize l = strlen (lines[i]);
      if (l > 0 && lines[i][l - 1] == '\r')
        lines[i][l - 1] = '\0';
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      Block *block;

      if (is_blank (lines[i]))
        continue;
      block = g_new0 (Block, 1);
      block->lines = g_ptr_array_new ();
      block->line = i + 1;
      while (lines[i] != NULL && !is_blank (lines[i]))
        {
          g_ptr_array_add (block->lines, lines[i]);
          i++;
        }
      g_ptr_array_add (blocks, block);
      if (lines[i] == NULL)
        break;
    }

  /* The type name ("THÔNG BÁO", "BÁO CÁO"…) separates the header from the rest. */
  for (guint b = 0; b < blocks->len && b < MAX_HEADER_BLOCKS; b++)
    {
      Block *block = blocks->pdata[b];
      if (block->lines->len == 1 && strlen (block->lines->pdata[0]) < 80 &&
          (kind = kind_of_title (block->lines->pdata[0])) != NULL)
        {
          title_index = b;
          break;
        }
    }

  for (guint b = title_index == G_MAXUINT ? 0 : title_index + 1; b < blocks->len; b++)
    {
      Block *block = blocks->pdata[b];
      if (recipients_index == G_MAXUINT && is_recipients_heading (block->lines->pdata[0]))
        recipients_index = b;
      if (signer_index == G_MAXUINT && is_authority_line (block->lines->pdata[0]))
        signer_index = b;
    }

  if (title_index == G_MAXUINT && recipients_index == G_MAXUINT && signer_index == G_MAXUINT)
    {
      g_hash_table_unref (imp.refs);
      g_hash_table_unref (imp.defs);
      g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, "line %u: %s",
                   blocks->len > 0 ? ((Block *) blocks->pdata[0])->line : 1,
                   _("nothing that looks like a document: no type name (THÔNG BÁO, KẾT LUẬN, "
                     "BÁO CÁO…) in the first lines, no 'Nơi nhận', no signature"));
      return NULL;
    }

  if (title_index != G_MAXUINT)
    {
      Block *tb = blocks->pdata[title_index];
      g_autofree char *title = plain_line (tb->lines->pdata[0]);
      guint dash = G_MAXUINT;

      kl_document_set_kind (doc, kind);
      kl_document_set_title (doc, title);
      read_header (&imp, blocks, title_index);

      for (guint b = title_index + 1; b < blocks->len && b <= title_index + 6; b++)
        if (((Block *) blocks->pdata[b])->lines->len == 1 &&
            is_dash_rule (((Block *) blocks->pdata[b])->lines->pdata[0]))
          {
            dash = b;
            break;
          }
      {
        GString *summary = g_string_new (NULL);
        guint last = dash != G_MAXUINT ? dash : title_index + 1;

        if (dash == G_MAXUINT)
          {
            /* No rule: the summary is the bold block right after the type name. */
            if (title_index + 1 < blocks->len)
              {
                Block *sb = blocks->pdata[title_index + 1];
                const char *first = sb->lines->pdata[0];
                if (g_str_has_prefix (skip_spaces (first), "**") || first[0] == '#')
                  last = title_index + 2;
              }
            if (last > title_index + 1)
              warn (&imp, tb->line, "summary", _("no '-----' rule under the summary; the bold lines "
                                                 "after the type name are read as the summary"));
            else
              warn (&imp, tb->line, "summary",
                    _("no '-----' rule under the summary; the document has no summary"));
          }
        for (guint b = title_index + 1; b < last && b < blocks->len; b++)
          {
            Block *sb = blocks->pdata[b];
            for (guint i = 0; i < sb->lines->len; i++)
              {
                g_autofree char *s = plain_line (sb->lines->pdata[i]);
                if (*s == '\0')
                  continue;
                if (summary->len > 0)
                  g_string_append_c (summary, '\n');
                g_string_append (summary, s);
              }
          }
        if (summary->len > 0)
          kl_document_set_summary (doc, summary->str);
        g_string_free (summary, TRUE);
        body_start = last + (dash != G_MAXUINT ? 1 : 0);
      }
    }
  else
    {
      warn (&imp, 1, "title",
            _("no type name (THÔNG BÁO, KẾT LUẬN, BÁO CÁO…) found; read as a notice (TB)"));
      body_start = 0;
    }

  body_end = MIN (recipients_index, signer_index);
  if (body_end == G_MAXUINT)
    {
      /* No closing block: the body runs to the first table after the text, or to the end. */
      body_end = blocks->len;
      warn (&imp, 0, "signer", _("no 'Nơi nhận' list and no signature block were found"));
    }

  for (guint b = body_start; b < body_end; b++)
    {
      Para *p = para_from_block (blocks->pdata[b]);
      if (!p->is_table)
        scan_references (&imp, p->raw->str, p->line);
      g_ptr_array_add (paras, p);
    }
  {
    g_autofree char *body = build_body (&imp, paras);
    kl_document_set_body (doc, body);
    if (imp.line_map != NULL)
      {
        KlBodyLines *bl = g_new0 (KlBodyLines, 1);
        bl->body = g_strdup (kl_document_get_body (doc));
        bl->map = g_steal_pointer (&imp.line_map);
        g_object_set_qdata_full (G_OBJECT (doc), body_lines_quark (), bl, body_lines_free);
      }
  }
  if (title_index != G_MAXUINT)
    {
      const char *opening = NULL;
      for (guint i = 0; i < paras->len && opening == NULL; i++)
        {
          Para *p = paras->pdata[i];
          if (p->footnote == 0 && !p->removed && !p->is_table)
            opening = p->raw->str;
        }
      read_meeting (&imp, kl_document_get_summary (doc), opening,
                    ((Block *) blocks->pdata[title_index])->line);
    }

  closing_end = body_end;
  if (recipients_index != G_MAXUINT)
    {
      /* Not inside MAX (): it would read them twice. */
      guint after = read_recipients (&imp, blocks, recipients_index,
                                     signer_index > recipients_index ? MIN (signer_index, blocks->len) : blocks->len);
      closing_end = MAX (closing_end, after);
    }
  else if (body_end < blocks->len)
    warn (&imp, ((Block *) blocks->pdata[body_end])->line, "recipients", _("no 'Nơi nhận' list"));
  if (signer_index != G_MAXUINT)
    {
      guint after = read_signer (&imp, blocks, signer_index,
                                 recipients_index > signer_index ? MIN (recipients_index, blocks->len) : blocks->len);
      closing_end = MAX (closing_end, after);
    }
  else if (body_end < blocks->len)
    warn (&imp, ((Block *) blocks->pdata[body_end])->line, "signer", _("no signature block (T/M …, K/T …)"));

  if (closing_end < blocks->len)
    read_annexes (&imp, blocks, closing_end, (const char *const *) lines);

  g_hash_table_unref (imp.refs);
  g_hash_table_unref (imp.defs);
  g_clear_pointer (&imp.line_map, g_array_unref);
  return g_steal_pointer (&doc);
}

KlDocument *
kl_importer_import_file (GFile   *file,
                         GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GFileInfo *info;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    {
      goffset size = g_file_info_get_size (info);
      g_object_unref (info);
      if (size > (goffset) MAX_INPUT_SIZE + 3)
        {
          g_set_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TOO_LARGE,
                       "the file is %" G_GOFFSET_FORMAT " MiB; documents over %u MiB are refused",
                       size / (1024 * 1024), MAX_INPUT_SIZE / (1024 * 1024));
          return NULL;
        }
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return kl_importer_import_text (contents, (gssize) length, error);
}
