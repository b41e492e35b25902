/* kl-markup.c: parses the body markup into a block tree and writes it back in canonical form. */
#include "kl-markup.h"
#include "kl-report.h"

#include <string.h>

/* Footnote labels are short ("3", "12a"); a bound keeps "[^" scanning linear. */
#define LABEL_MAX 32

/* ------------------------------------------------------------------------------------------ */
/* Construction                                                                               */

static GPtrArray *
runs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
}

static GPtrArray *
cells_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

KlRun *
kl_run_new (const char *text,
            KlRunFlags  flags)
{
  KlRun *run = g_new0 (KlRun, 1);

  run->text = g_strdup (text != NULL ? text : "");
  run->flags = flags;
  return run;
}

void
kl_run_free (KlRun *run)
{
  if (run == NULL)
    return;
  g_free (run->text);
  g_free (run);
}

KlBlock *
kl_block_new (KlBlockType type)
{
  KlBlock *block = g_new0 (KlBlock, 1);

  block->type = type;
  /* runs is always allocated so that callers can iterate without checks */
  block->runs = runs_new ();
  if (type == KL_BLOCK_TABLE)
    block->rows = cells_new ();
  return block;
}

void
kl_block_free (KlBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->marker);
  g_free (block->label);
  g_free (block->embed_kind);
  g_clear_pointer (&block->runs, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

KlMarkup *
kl_markup_new (void)
{
  KlMarkup *markup = g_new0 (KlMarkup, 1);

  markup->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_block_free);
  return markup;
}

void
kl_markup_free (KlMarkup *markup)
{
  if (markup == NULL)
    return;
  g_clear_pointer (&markup->blocks, g_ptr_array_unref);
  g_free (markup);
}

/* ------------------------------------------------------------------------------------------ */
/* Inline syntax                                                                              */

/* Start and end of text count as space: "*" at the edge of a block can only open or close. */
static gboolean
is_space (gunichar c)
{
  return c == 0 || g_unichar_isspace (c);
}

typedef enum {
  TOK_TEXT,
  TOK_DELIM,
  TOK_REF,
  TOK_BREAK,
} TokType;

/* A delimiter run of stars is consumed from its left end when it closes and from its right
 * end when it opens, so one run can close, keep literal stars, and open, in that order. */
typedef struct {
  TokType     type;
  gsize       start;      /* TEXT, REF: range in the unescaped buffer */
  gsize       len;
  guint       count;      /* DELIM: number of stars */
  guint       used_left;
  guint       used_right;
  GByteArray *closes;     /* flags closed here, in order */
  GByteArray *opens;      /* flags opened here, innermost first */
} Tok;

static void
tok_clear (gpointer data)
{
  Tok *tok = data;

  g_clear_pointer (&tok->closes, g_byte_array_unref);
  g_clear_pointer (&tok->opens, g_byte_array_unref);
}

static void
push_flag (GByteArray **array,
           guint8       flag)
{
  if (*array == NULL)
    *array = g_byte_array_new ();
  g_byte_array_append (*array, &flag, 1);
}

static gboolean
label_byte_ok (char c)
{
  return c != ']' && c != '[' && c != '\\' && c != '^' && c != '*' && c != '|'
         && c != ' ' && c != '\t' && c != '\n' && c != '\r';
}

/* Length of a footnote label starting at s (after "[^"), when it is closed by "]"; 0 if not. */
static gsize
scan_label (const char *s,
            gsize       n)
{
  gsize j = 0;

  while (j < n && j <= LABEL_MAX && label_byte_ok (s[j]))
    j++;
  if (j == 0 || j > LABEL_MAX || j >= n || s[j] != ']')
    return 0;
  return j;
}

static gboolean
is_inline_special (char c)
{
  return c == '\\' || c == '\n' || c == '\r' || c == '*' || c == '[';
}

static KlRun *
run_new_take (char       *text,
              KlRunFlags  flags)
{
  KlRun *run = g_new0 (KlRun, 1);

  run->text = text;
  run->flags = flags;
  return run;
}

/* g_utf8_normalize () is quadratic on long strings (it moves the tail for every composition),
 * so the text is normalised in pieces cut before characters that nothing composes with:
 * ASCII, or, in long stretches without ASCII, a starter that does not compose with the
 * character before it. */
static char *
nfc_normalize (const char *s,
               gsize       len)
{
  GString *out;
  gsize i = 0, k;

  for (k = 0; k < len && (guchar) s[k] < 0x80; k++)
    ;
  if (k == len)
    return g_strndup (s, len);

  out = g_string_sized_new (len + 16);
  g_string_append_len (out, s, k > 0 ? k - 1 : 0);
  i = k > 0 ? k - 1 : 0;
  while (i < len)
    {
      gsize j = i;
      gunichar prev = 0;
      char *piece;

      /* a piece: one character, then everything up to the next safe cut */
      do
        {
          gunichar c = g_utf8_get_char (s + j);
          gunichar composed;

          if (j > i && (c < 0x80
                        || (j - i > 256 && g_unichar_combining_class (c) == 0
                            && !g_unichar_compose (prev, c, &composed))))
            break;
          prev = c;
          j = g_utf8_next_char (s + j) - s;
        }
      while (j < len);

      piece = g_utf8_normalize (s + i, j - i, G_NORMALIZE_NFC);
      if (piece != NULL)
        g_string_append (out, piece);
      else
        g_string_append_len (out, s + i, j - i);
      g_free (piece);
      i = j;

      /* plain ASCII up to the last one before the next non-ASCII byte goes through as is */
      for (k = i; k < len && (guchar) s[k] < 0x80; k++)
        ;
      if (k > i + 1)
        {
          g_string_append_len (out, s + i, k - 1 - i);
          i = k - 1;
        }
      if (k == len)
        {
          g_string_append_len (out, s + i, len - i);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static void
flush_run (GPtrArray  *runs,
           GString    *cur,
           KlRunFlags  flags)
{
  if (cur->len == 0)
    return;
  g_ptr_array_add (runs, run_new_take (nfc_normalize (cur->str, cur->len), flags));
  g_string_truncate (cur, 0);
}

/* Parses valid UTF-8 text of n bytes. Linear: every star is matched or pushed at most once. */
static GPtrArray *
parse_inline (const char *s,
              gsize       n)
{
  g_autoptr(GString) buf = g_string_sized_new (n);
  g_autoptr(GArray) toks = g_array_new (FALSE, TRUE, sizeof (Tok));
  g_autoptr(GArray) openers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) cur = g_string_new (NULL);
  GPtrArray *runs = runs_new ();
  KlRunFlags cur_flags = 0;
  gsize text_start = 0;
  gsize i = 0;
  int bold = 0, italic = 0;

  g_array_set_clear_func (toks, tok_clear);

#define FLUSH_TEXT()                                                  \
  G_STMT_START {                                                      \
    if (buf->len > text_start)                                        \
      {                                                               \
        Tok t_ = { 0 };                                               \
        t_.type = TOK_TEXT;                                           \
        t_.start = text_start;                                        \
        t_.len = buf->len - text_start;                               \
        g_array_append_val (toks, t_);                                \
        text_start = buf->len;                                        \
      }                                                               \
  } G_STMT_END

  while (i < n)
    {
      char c = s[i];

      if (c == '\\')
        {
          if (i + 1 < n && s[i + 1] == '\n')
            {
              Tok t = { 0 };

              FLUSH_TEXT ();
              t.type = TOK_BREAK;
              g_array_append_val (toks, t);
              i += 2;
              while (i < n && s[i] == ' ')
                i++;
            }
          else if (i + 1 < n && (g_ascii_ispunct (s[i + 1]) || s[i + 1] == '\t'))
            {
              g_string_append_c (buf, s[i + 1]);
              i += 2;
            }
          else
            {
              /* a backslash before a letter or at the end is just a backslash */
              g_string_append_c (buf, '\\');
              i++;
            }
        }
      else if (c == '\n' || c == '\r')
        {
          /* a soft line break joins lines with one space */
          while (buf->len > text_start && buf->str[buf->len - 1] == ' ')
            g_string_truncate (buf, buf->len - 1);
          g_string_append_c (buf, ' ');
          i++;
          while (i < n && s[i] == ' ')
            i++;
        }
      else if (c == '*')
        {
          gsize k = i;
          gunichar before, after;
          guint idx, remaining;
          Tok t = { 0 };
          Tok *d;

          while (k < n && s[k] == '*')
            k++;
          before = i > 0 ? g_utf8_get_char (g_utf8_find_prev_char (s, s + i)) : 0;
          after = k < n ? g_utf8_get_char (s + k) : 0;
          /* an escaped tab or a hard break after the stars is space too */
          if (after == '\\' && k + 1 < n && (s[k + 1] == '\t' || s[k + 1] == '\n'))
            after = ' ';

          FLUSH_TEXT ();
          t.type = TOK_DELIM;
          t.count = (guint) MIN (k - i, G_MAXUINT / 2);
          idx = toks->len;
          g_array_append_val (toks, t);
          d = &g_array_index (toks, Tok, idx);
          remaining = d->count;

          /* close against the nearest opener: strong (2) when both sides have two stars */
          if (!is_space (before))
            {
              while (remaining > 0 && openers->len > 0)
                {
                  guint oi = g_array_index (openers, guint, openers->len - 1);
                  Tok *o = &g_array_index (toks, Tok, oi);
                  guint avail = o->count - o->used_left - o->used_right;
                  guint use = (remaining >= 2 && avail >= 2) ? 2 : 1;
                  guint8 flag = use == 2 ? KL_RUN_BOLD : KL_RUN_ITALIC;

                  o->used_right += use;
                  push_flag (&o->opens, flag);
                  d->used_left += use;
                  push_flag (&d->closes, flag);
                  remaining -= use;
                  if (avail == use)
                    g_array_set_size (openers, openers->len - 1);
                }
            }
          if (remaining > 0 && !is_space (after))
            g_array_append_val (openers, idx);
          i = k;
        }
      else if (c == '[' && i + 1 < n && s[i + 1] == '^' && scan_label (s + i + 2, n - i - 2) > 0)
        {
          gsize len = scan_label (s + i + 2, n - i - 2);
          Tok t = { 0 };

          FLUSH_TEXT ();
          t.type = TOK_REF;
          t.start = buf->len;
          t.len = len;
          g_string_append_len (buf, s + i + 2, len);
          text_start = buf->len;
          g_array_append_val (toks, t);
          i += len + 3;
        }
      else
        {
          gsize k = i + 1;

          while (k < n && !is_inline_special (s[k]))
            k++;
          g_string_append_len (buf, s + i, k - i);
          i = k;
        }
    }
  FLUSH_TEXT ();
#undef FLUSH_TEXT

  /* Sweep: apply the matched pairs as depth counters; unmatched stars are literal text. */
  for (guint t = 0; t < toks->len; t++)
    {
      Tok *tok = &g_array_index (toks, Tok, t);
      KlRunFlags flags;

      if (tok->type == TOK_DELIM && tok->closes != NULL)
        for (guint e = 0; e < tok->closes->len; e++)
          {
            if (tok->closes->data[e] == KL_RUN_BOLD)
              bold = MAX (bold - 1, 0);
            else
              italic = MAX (italic - 1, 0);
          }

      flags = (bold > 0 ? KL_RUN_BOLD : 0) | (italic > 0 ? KL_RUN_ITALIC : 0);

      switch (tok->type)
        {
        case TOK_TEXT:
        case TOK_DELIM:
          {
            gsize literal = tok->type == TOK_DELIM
                            ? tok->count - tok->used_left - tok->used_right : 0;

            if (tok->type == TOK_TEXT || literal > 0)
              {
                if (cur->len > 0 && cur_flags != flags)
                  flush_run (runs, cur, cur_flags);
                cur_flags = flags;
                if (tok->type == TOK_TEXT)
                  g_string_append_len (cur, buf->str + tok->start, tok->len);
                else
                  for (gsize k = 0; k < literal; k++)
                    g_string_append_c (cur, '*');
              }
          }
          break;
        case TOK_REF:
          {
            flush_run (runs, cur, cur_flags);
            g_ptr_array_add (runs, run_new_take (g_strndup (buf->str + tok->start, tok->len),
                                                 KL_RUN_FOOTNOTE_REF));
          }
          break;
        case TOK_BREAK:
          flush_run (runs, cur, cur_flags);
          g_ptr_array_add (runs, kl_run_new ("", KL_RUN_LINE_BREAK));
          break;
        default:
          g_assert_not_reached ();
        }

      if (tok->type == TOK_DELIM && tok->opens != NULL)
        for (guint e = tok->opens->len; e > 0; e--)
          {
            if (tok->opens->data[e - 1] == KL_RUN_BOLD)
              bold++;
            else
              italic++;
          }
    }
  flush_run (runs, cur, cur_flags);

  return runs;
}

GPtrArray *
kl_runs_parse_inline (const char *text)
{
  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  return parse_inline (text, strlen (text));
}

/* ------------------------------------------------------------------------------------------ */
/* Line classification, shared by the parser and by the writer (which escapes line starts    */
/* the parser would otherwise take for a marker)                                              */

typedef enum {
  LINE_BLANK,
  LINE_PLAIN,
  LINE_HEADING,
  LINE_ITEM,
  LINE_FOOTNOTE,
  LINE_EMBED,
  LINE_TABLE,
} LineClass;

typedef struct {
  LineClass    cls;
  const char  *start;        /* first non-space byte */
  const char  *end;          /* after the last non-space byte */
  const char  *rest;         /* text after the marker */
  guint        level;
  const char  *marker;       /* items: the marker; footnotes: the label */
  gsize        marker_len;
  const char  *embed_label;  /* static strings */
  const char  *embed_kind;
  guint        embed_index;
} LineInfo;

static gboolean
has_unescaped_tab (const char *p,
                   const char *end)
{
  for (; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        p++;
      else if (*p == '\t')
        return TRUE;
    }
  return FALSE;
}

/* {{targets N}} or {{chart KIND N}}, spaces inside the braces tolerated. */
static gboolean
parse_embed (const char *p,
             const char *end,
             LineInfo   *info)
{
  g_autofree char *inner = NULL;
  g_auto(GStrv) words = NULL;
  guint64 index = 0;
  guint nwords;

  if (end - p < 4 || p[0] != '{' || p[1] != '{' || end[-1] != '}' || end[-2] != '}')
    return FALSE;
  if (end - p > 64)
    return FALSE;
  inner = g_strndup (p + 2, end - p - 4);
  g_strdelimit (inner, "\t", ' ');
  words = g_strsplit (g_strstrip (inner), " ", -1);

  /* drop the empty words left by repeated spaces */
  nwords = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        char *w = words[i];
        words[i] = words[nwords];
        words[nwords++] = w;
      }

  if (nwords == 2 && g_str_equal (words[0], "targets"))
    {
      if (!g_ascii_string_to_unsigned (words[1], 10, 1, G_MAXUINT, &index, NULL))
        return FALSE;
      info->embed_label = "targets";
      info->embed_kind = NULL;
    }
  else if (nwords == 3 && g_str_equal (words[0], "chart"))
    {
      const char *kind = kl_report_chart_kind_lookup (words[1]);

      if (kind == NULL
          || !g_ascii_string_to_unsigned (words[2], 10, 1, G_MAXUINT, &index, NULL))
        return FALSE;
      info->embed_label = "chart";
      info->embed_kind = kind;
    }
  else
    return FALSE;

  info->embed_index = (guint) index;
  return TRUE;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && *p == ' ')
    p++;
  return p;
}

static void
classify_line (const char *line,
               gsize       len,
               LineInfo   *info)
{
  const char *p = line, *end = line + len;

  memset (info, 0, sizeof *info);
  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  info->start = p;
  info->end = end;
  info->rest = p;

  if (p == end)
    {
      info->cls = LINE_BLANK;
      return;
    }

  if (parse_embed (p, end, info))
    {
      info->cls = LINE_EMBED;
      return;
    }

  if (end - p >= 4 && p[0] == '[' && p[1] == '^')
    {
      gsize len_label = scan_label (p + 2, end - p - 2);

      if (len_label > 0 && p + 2 + len_label + 1 < end && p[2 + len_label + 1] == ':'
          && (p + 2 + len_label + 2 == end || p[2 + len_label + 2] == ' '))
        {
          info->cls = LINE_FOOTNOTE;
          info->marker = p + 2;
          info->marker_len = len_label;
          info->rest = skip_spaces (p + 2 + len_label + 2, end);
          return;
        }
    }

  if (*p == '#')
    {
      const char *q = p;

      while (q < end && *q == '#')
        q++;
      if (q - p <= 5 && (q == end || *q == ' '))
        {
          info->cls = LINE_HEADING;
          info->level = (guint) (q - p);
          info->rest = skip_spaces (q, end);
          return;
        }
    }

  if ((*p == '-' || *p == '+') && (p + 1 == end || p[1] == ' '))
    {
      info->cls = LINE_ITEM;
      info->level = *p == '-' ? 1 : 2;
      info->marker = p;
      info->marker_len = 1;
      info->rest = skip_spaces (p + 1, end);
      return;
    }

  if (*p == '(')
    {
      const char *q = p + 1;

      while (q < end && g_ascii_isdigit (*q) && q - p <= 9)
        q++;
      if (q > p + 1 && q < end && *q == ')' && (q + 1 == end || q[1] == ' '))
        {
          info->cls = LINE_ITEM;
          info->level = 1;
          info->marker = p;
          info->marker_len = (gsize) (q + 1 - p);
          info->rest = skip_spaces (q + 1, end);
          return;
        }
    }

  if (*p == '|' || has_unescaped_tab (p, end))
    {
      info->cls = LINE_TABLE;
      return;
    }

  info->cls = LINE_PLAIN;
}

/* ------------------------------------------------------------------------------------------ */
/* Blocks                                                                                     */

typedef struct {
  gsize start;
  gsize len;
} Span;

/* Splits a table row on unescaped separators ("|" rows, or TAB rows). */
static GPtrArray *
parse_row (const char *p,
           const char *end)
{
  GPtrArray *cells = cells_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  gboolean pipe = p < end && *p == '|';
  char sep = pipe ? '|' : '\t';
  const char *seg = p;
  guint first = 0, last;

  for (const char *q = p; q < end; q++)
    {
      if (*q == '\\' && q + 1 < end)
        q++;
      else if (*q == sep)
        {
          Span span = { seg - p, q - seg };
          g_array_append_val (spans, span);
          seg = q + 1;
        }
    }
  {
    Span span = { seg - p, end - seg };
    g_array_append_val (spans, span);
  }

  last = spans->len;
  if (pipe)
    {
      /* "| a | b |": the piece before the first bar and the empty piece after the last */
      first = 1;
      if (last > first && g_array_index (spans, Span, last - 1).len == 0)
        last--;
    }

  for (guint i = first; i < last; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      const char *a = p + span->start, *b = a + span->len;

      while (a < b && *a == ' ')
        a++;
      while (b > a && b[-1] == ' ')
        b--;
      g_ptr_array_add (cells, parse_inline (a, b - a));
    }
  return cells;
}

/* "|---|:---:|" or "---<TAB>---": every cell made of dashes (and alignment colons). */
static gboolean
is_separator_row (const char *p,
                  const char *end)
{
  gboolean pipe = p < end && *p == '|';
  char sep = pipe ? '|' : '\t';
  gboolean any = FALSE, dash = FALSE;

  if (pipe)
    p++;
  if (pipe && end > p && end[-1] == '|')
    end--;
  if (p >= end)
    return FALSE;

  for (const char *q = p; q <= end; q++)
    {
      if (q == end || *q == sep)
        {
          if (!dash)
            return FALSE;
          any = TRUE;
          dash = FALSE;
        }
      else if (*q == '-')
        dash = TRUE;
      else if (*q != ':' && *q != ' ')
        return FALSE;
    }
  return any;
}

typedef enum {
  OPEN_NONE,
  OPEN_TEXT,      /* paragraph, heading, item: continued by plain lines */
  OPEN_FOOTNOTE,  /* continued by any line but a new definition */
  OPEN_TABLE,
} OpenKind;

typedef struct {
  KlMarkup  *markup;
  OpenKind   open;
  KlBlock   *block;
  GString   *text;
} ParseState;

static void
finish_block (ParseState *st)
{
  if (st->open == OPEN_NONE)
    return;
  if (st->open == OPEN_TEXT || st->open == OPEN_FOOTNOTE)
    {
      g_ptr_array_unref (st->block->runs);
      st->block->runs = parse_inline (st->text->str, st->text->len);
    }
  g_ptr_array_add (st->markup->blocks, st->block);
  st->block = NULL;
  st->open = OPEN_NONE;
  g_string_truncate (st->text, 0);
}

static void
start_text_block (ParseState  *st,
                  KlBlockType  type,
                  OpenKind     open,
                  guint        line,
                  const char  *rest,
                  const char  *end)
{
  st->block = kl_block_new (type);
  st->block->line = line;
  st->open = open;
  g_string_append_len (st->text, rest, end - rest);
}

KlMarkup *
kl_markup_parse (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) src = NULL;
  ParseState st = { 0 };
  const char *s;
  gsize pos = 0;
  guint lineno = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  s = valid;

  /* CRLF and lone CR become LF once, so that the rest only knows '\n'. U+FEFF (a BOM, or a
   * zero-width no-break space pasted from elsewhere) is dropped wherever it is: it prints
   * nothing, and kept inside a text it could come first in a written block, where the next
   * parse would drop it as a BOM (found by fuzz-markup). */
  src = g_string_sized_new (strlen (s) + 1);
  for (const char *p = s; *p != '\0'; p++)
    {
      if (p[0] == '\xEF' && p[1] == '\xBB' && p[2] == '\xBF')
        {
          p += 2;
          continue;
        }
      if (*p == '\r')
        {
          g_string_append_c (src, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (src, *p);
    }

  st.markup = kl_markup_new ();
  st.text = g_string_new (NULL);

  while (pos < src->len)
    {
      const char *line = src->str + pos;
      const char *nl = memchr (line, '\n', src->len - pos);
      gsize len = nl != NULL ? (gsize) (nl - line) : src->len - pos;
      LineInfo info;

      lineno++;
      pos += len + 1;
      classify_line (line, len, &info);

      if (info.cls == LINE_BLANK)
        {
          finish_block (&st);
          continue;
        }

      if ((st.open == OPEN_FOOTNOTE && info.cls != LINE_FOOTNOTE)
          || (st.open == OPEN_TEXT && info.cls == LINE_PLAIN))
        {
          /* an empty first line ("[^1]:" alone) adds no space */
          if (st.text->len > 0)
            g_string_append_c (st.text, '\n');
          g_string_append_len (st.text, info.start, info.end - info.start);
          continue;
        }

      if (st.open == OPEN_TABLE && info.cls == LINE_TABLE)
        {
          if (st.block->rows->len == 1 && !st.block->header_row
              && is_separator_row (info.start, info.end))
            st.block->header_row = TRUE;
          else
            g_ptr_array_add (st.block->rows, parse_row (info.start, info.end));
          continue;
        }

      finish_block (&st);

      switch (info.cls)
        {
        case LINE_PLAIN:
          start_text_block (&st, KL_BLOCK_PARAGRAPH, OPEN_TEXT, lineno, info.start, info.end);
          break;
        case LINE_HEADING:
          start_text_block (&st, KL_BLOCK_HEADING, OPEN_TEXT, lineno, info.rest, info.end);
          st.block->level = info.level;
          break;
        case LINE_ITEM:
          start_text_block (&st, KL_BLOCK_ITEM, OPEN_TEXT, lineno, info.rest, info.end);
          st.block->level = info.level;
          st.block->marker = g_strndup (info.marker, info.marker_len);
          break;
        case LINE_FOOTNOTE:
          start_text_block (&st, KL_BLOCK_FOOTNOTE, OPEN_FOOTNOTE, lineno, info.rest, info.end);
          st.block->label = g_strndup (info.marker, info.marker_len);
          break;
        case LINE_EMBED:
          {
            KlBlock *block = kl_block_new (KL_BLOCK_EMBED);

            block->line = lineno;
            block->label = g_strdup (info.embed_label);
            block->embed_kind = g_strdup (info.embed_kind);
            block->embed_index = info.embed_index;
            g_ptr_array_add (st.markup->blocks, block);
          }
          break;
        case LINE_TABLE:
          st.block = kl_block_new (KL_BLOCK_TABLE);
          st.block->line = lineno;
          st.open = OPEN_TABLE;
          g_ptr_array_add (st.block->rows, parse_row (info.start, info.end));
          break;
        case LINE_BLANK:
        default:
          g_assert_not_reached ();
        }
    }
  finish_block (&st);
  g_string_free (st.text, TRUE);

  return st.markup;
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */

#define STYLE_MASK (KL_RUN_BOLD | KL_RUN_ITALIC)

typedef enum {
  PIECE_TEXT,
  PIECE_SPACE,   /* whitespace only: it takes the styles common to its neighbours */
  PIECE_REF,
  PIECE_BREAK,
} PieceKind;

typedef struct {
  PieceKind   kind;
  const char *s;
  gsize       len;
  KlRunFlags  flags;       /* styles wanted */
  guint       until_bold;  /* index of the first later piece without bold */
  guint       until_italic;
} Piece;

static gsize
leading_space_len (const char *s,
                   gsize       len)
{
  const char *p = s, *end = s + len;

  while (p < end && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p - s;
}

static gsize
trailing_space_len (const char *s,
                    gsize       len)
{
  const char *end = s + len;

  while (end > s)
    {
      const char *prev = g_utf8_find_prev_char (s, end);

      if (prev == NULL || !is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return (s + len) - end;
}

static void
add_piece (GArray     *pieces,
           PieceKind   kind,
           const char *s,
           gsize       len,
           KlRunFlags  flags)
{
  Piece piece = { kind, s, len, flags & STYLE_MASK, 0, 0 };

  if ((kind == PIECE_TEXT || kind == PIECE_SPACE) && len == 0)
    return;
  g_array_append_val (pieces, piece);
}

/* Delimiters must touch text: a closing "**" cannot follow a space, an opening one cannot
 * precede one. So spaces at the edge of a styled run are split off and given only the styles
 * shared by both sides; the page looks the same. */
static GPtrArray *normalise_runs (GPtrArray *runs);
static void append_protected (GString *out, GString *inl, gboolean protect_first);
static gboolean is_dash_cell (const char *s, gsize len);

/* runs must be normalised: pieces point into their text */
static GArray *
make_pieces (GPtrArray *runs)
{
  GArray *pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  guint last_break;
  KlRunFlags left = 0, right = 0;

  /* a trailing hard break means nothing and cannot be written */
  last_break = runs->len;
  while (last_break > 0)
    {
      KlRun *run = runs->pdata[last_break - 1];

      if (run->flags & KL_RUN_LINE_BREAK)
        last_break--;
      else if (!(run->flags & KL_RUN_FOOTNOTE_REF) && (run->text == NULL || run->text[0] == '\0'))
        last_break--;
      else
        break;
    }

  for (guint i = 0; i < last_break; i++)
    {
      KlRun *run = runs->pdata[i];
      const char *t = run->text != NULL ? run->text : "";
      gsize len = strlen (t), lead, trail;

      if (run->flags & KL_RUN_LINE_BREAK)
        add_piece (pieces, PIECE_BREAK, "", 0, 0);
      else if (run->flags & KL_RUN_FOOTNOTE_REF)
        add_piece (pieces, PIECE_REF, t, len, 0);
      else
        {
          lead = leading_space_len (t, len);
          if (lead == len)
            {
              add_piece (pieces, PIECE_SPACE, t, len, run->flags);
              continue;
            }
          trail = trailing_space_len (t, len);
          add_piece (pieces, PIECE_SPACE, t, lead, run->flags);
          add_piece (pieces, PIECE_TEXT, t + lead, len - lead - trail, run->flags);
          add_piece (pieces, PIECE_SPACE, t + len - trail, trail, run->flags);
        }
    }

  /* A hard break is transparent here: styles may stay open across it, and it only closes
   * what the text after it drops (a star at the start of a line could not close). */

  /* a reference takes the styles shared by the text on both sides ("*word*[^1]."), so that
   * delimiters close before it rather than after */
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *p = &g_array_index (pieces, Piece, i);

      if (p->kind == PIECE_TEXT || p->kind == PIECE_SPACE)
        left = p->flags;
      else if (p->kind == PIECE_REF)
        p->flags = left;
    }
  for (guint i = pieces->len; i > 0; i--)
    {
      Piece *p = &g_array_index (pieces, Piece, i - 1);

      if (p->kind == PIECE_TEXT || p->kind == PIECE_SPACE)
        right = p->flags;
      else if (p->kind == PIECE_REF
               && !(i >= 2 && g_array_index (pieces, Piece, i - 2).kind == PIECE_SPACE))
        p->flags &= right;
      /* after a space a reference keeps the styles before it: a closing star right after
       * the space could not close, one after "]" can */
    }

  /* spaces get the styles of their nearest non-space neighbours on both sides; a break
   * gets those of the text after it */
  left = 0;
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *p = &g_array_index (pieces, Piece, i);

      if (p->kind == PIECE_SPACE)
        p->flags &= left;
      else if (p->kind != PIECE_BREAK)
        left = p->flags;
    }
  right = 0;
  for (guint i = pieces->len; i > 0; i--)
    {
      Piece *p = &g_array_index (pieces, Piece, i - 1);

      if (p->kind == PIECE_SPACE)
        p->flags &= right;
      else if (p->kind == PIECE_BREAK)
        p->flags = right;
      else
        right = p->flags;
    }

  /* how long each style lasts decides which of two styles opened together is outer */
  {
    guint ub = pieces->len, ui = pieces->len;

    for (guint i = pieces->len; i > 0; i--)
      {
        Piece *p = &g_array_index (pieces, Piece, i - 1);

        if (p->kind == PIECE_BREAK)
          {
            p->until_bold = ub;
            p->until_italic = ui;
            continue;
          }
        if (!(p->flags & KL_RUN_BOLD))
          ub = i - 1;
        if (!(p->flags & KL_RUN_ITALIC))
          ui = i - 1;
        p->until_bold = ub;
        p->until_italic = ui;
      }
  }

  return pieces;
}

typedef struct {
  GString    *out;
  KlRunFlags  stack[2];   /* open styles, outer first */
  guint       depth;
  gboolean    combined;   /* both styles were opened by one "***": either can close alone */
} WriteState;

static void
write_delim (GString    *out,
             KlRunFlags  flag)
{
  g_string_append (out, flag == KL_RUN_BOLD ? "**" : "*");
}

static void
close_to (WriteState *ws,
          KlRunFlags  keep)
{
  /* A "***" opener gives its stars to closers by count ("**" takes bold, "*" italic), so
   * either of its two styles can close alone; no reopening (which could fall before a
   * space, where a star cannot open). */
  if (ws->combined && ws->depth == 2 && ((ws->stack[0] & keep) != 0) != ((ws->stack[1] & keep) != 0))
    {
      guint gone = (ws->stack[0] & keep) ? 1 : 0;

      write_delim (ws->out, ws->stack[gone]);
      if (gone == 0)
        ws->stack[0] = ws->stack[1];
      ws->depth = 1;
      ws->combined = FALSE;
      return;
    }
  /* nesting: closing an outer style closes the inner one too; it is reopened after */
  for (;;)
    {
      gboolean stale = FALSE;

      for (guint k = 0; k < ws->depth; k++)
        if (!(ws->stack[k] & keep))
          stale = TRUE;
      if (!stale)
        break;
      write_delim (ws->out, ws->stack[--ws->depth]);
      ws->combined = FALSE;
    }
}

static void
open_to (WriteState  *ws,
         const Piece *piece)
{
  KlRunFlags open = 0, want = piece->flags;

  for (guint k = 0; k < ws->depth; k++)
    open |= ws->stack[k];
  want &= ~open;

  /* An opening run right after text can also close, and would close what is open: close
   * everything in the same run and reopen, so that the run closes exactly that first. */
  if (want != 0 && ws->depth > 0 && ws->out->len > 0)
    {
      const char *prev = g_utf8_find_prev_char (ws->out->str, ws->out->str + ws->out->len);

      if (prev != NULL && !is_space (g_utf8_get_char (prev)))
        {
          close_to (ws, 0);
          want = piece->flags;
        }
    }

  if (want == (KL_RUN_BOLD | KL_RUN_ITALIC))
    {
      KlRunFlags outer = piece->until_italic > piece->until_bold ? KL_RUN_ITALIC : KL_RUN_BOLD;
      KlRunFlags inner = outer == KL_RUN_BOLD ? KL_RUN_ITALIC : KL_RUN_BOLD;

      write_delim (ws->out, outer);
      ws->stack[ws->depth++] = outer;
      write_delim (ws->out, inner);
      ws->stack[ws->depth++] = inner;
      ws->combined = TRUE;
    }
  else if (want != 0)
    {
      write_delim (ws->out, want);
      ws->stack[ws->depth++] = want;
      ws->combined = FALSE;
    }
}

/* Where to cut the text piece p so that its two styles can be reopened together: only
 * when the next piece is a space that keeps the inner style and drops the outer one, which
 * the nested form could only write as a reopening star before the space. The cut must have
 * a letter on both sides (the stars there both close and open). 0: no cut. */
static gsize
regroup_split (const WriteState *ws,
               const Piece      *p,
               const Piece      *next)
{
  const char *end = p->s + p->len;
  const char *cut;

  if (ws->depth != 2 || ws->combined || next->kind != PIECE_SPACE
      || (next->flags & STYLE_MASK) != ws->stack[1])
    return 0;
  for (cut = g_utf8_find_prev_char (p->s, end); cut != NULL && cut > p->s;
       cut = g_utf8_find_prev_char (p->s, cut))
    {
      const char *prev = g_utf8_find_prev_char (p->s, cut);
      gunichar a = g_utf8_get_char (prev), b = g_utf8_get_char (cut);

      if (!is_space (a) && !is_space (b) && !g_unichar_ismark (b) && a != '\\')
        return cut - p->s;
    }
  return 0;
}

static void
write_escaped (GString    *out,
               const char *s,
               gsize       len,
               gboolean    in_cell,
               gboolean    after_ref)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = s[i];

      switch (c)
        {
        case '\\':
        case '*':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '[':
          /* "[^" would start a reference (runs are merged first, so a "^" of the next run
           * is always behind a delimiter) */
          if (i + 1 < len && s[i + 1] == '^')
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '\t':
          g_string_append (out, "\\\t");
          break;
        case '|':
          if (in_cell)
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case ':':
          /* "[^1]:" at the start of a line would be a footnote definition */
          if (i == 0 && after_ref)
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '\n':
        case '\r':
          g_string_append_c (out, ' ');
          break;
        default:
          g_string_append_c (out, c);
        }
    }
}

static void
write_inline (GString   *out,
              GPtrArray *runs,
              gboolean   in_cell,
              gboolean   escape_bars)
{
  /* merged first, so that the output does not depend on how the runs were cut */
  g_autoptr(GPtrArray) norm = normalise_runs (runs);
  g_autoptr(GArray) pieces = make_pieces (norm);
  WriteState ws = { out, { 0, 0 }, 0, FALSE };
  gboolean after_ref = FALSE;

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *p = &g_array_index (pieces, Piece, i);

      switch (p->kind)
        {
        case PIECE_BREAK:
          {
            /* a delimiter at the start of the next line could not close: close here what
             * the text after the break drops */
            KlRunFlags next = p->flags;

            if (in_cell)
              {
                close_to (&ws, next);
                g_string_append_c (out, ' ');
              }
            else
              {
                close_to (&ws, next);
                g_string_append (out, "\\\n");
              }
            after_ref = FALSE;
          }
          break;
        case PIECE_REF:
          close_to (&ws, p->flags);
          open_to (&ws, p);
          g_string_append (out, "[^");
          g_string_append_len (out, p->s, p->len);
          g_string_append_c (out, ']');
          after_ref = TRUE;
          break;
        case PIECE_TEXT:
        case PIECE_SPACE:
          {
            gsize before;

            close_to (&ws, p->flags);
            before = out->len;
            open_to (&ws, p);
            if (p->kind == PIECE_TEXT && i + 1 < pieces->len)
              {
                gsize split = regroup_split (&ws, p, &g_array_index (pieces, Piece, i + 1));

                if (split > 0)
                  {
                    /* "**a *bc": to drop bold alone before a space, close both between two
                     * letters and reopen them as one "***" run ("**a *b******c** d*") */
                    Piece tail = *p;

                    write_escaped (out, p->s, split, in_cell || escape_bars,
                                   after_ref && out->len == before);
                    close_to (&ws, 0);
                    tail.s += split;
                    tail.len -= split;
                    open_to (&ws, &tail);
                    write_escaped (out, tail.s, tail.len, in_cell || escape_bars, FALSE);
                    after_ref = FALSE;
                    break;
                  }
              }
            write_escaped (out, p->s, p->len, in_cell || escape_bars,
                           after_ref && out->len == before);
            after_ref = FALSE;
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  close_to (&ws, 0);
}

char *
kl_runs_write_inline (GPtrArray *runs)
{
  g_autoptr(GString) inl = g_string_new (NULL);
  GString *out;

  g_return_val_if_fail (runs != NULL, NULL);

  /* Callers put this text in any block or in a table cell: escape bars and every line
   * start, and a text of dashes that could pass for a header separator. */
  write_inline (inl, runs, FALSE, TRUE);
  out = g_string_new (NULL);
  append_protected (out, inl, TRUE);
  if (is_dash_cell (out->str, out->len))
    g_string_prepend_c (out, '\\');
  return g_string_free (out, FALSE);
}

/* Writes prefix + inline text; a line start the parser would read as a marker gets a
 * backslash (the first line only for paragraphs, which have no marker of their own). */
static void
write_text_block (GString    *out,
                  const char *prefix,
                  GPtrArray  *runs,
                  gboolean    protect_first)
{
  g_autoptr(GString) inl = g_string_new (NULL);

  write_inline (inl, runs, FALSE, FALSE);

  g_string_append (out, prefix);
  if (prefix[0] != '\0' && inl->len > 0)
    g_string_append_c (out, ' ');
  append_protected (out, inl, protect_first);
}

static void
append_protected (GString  *out,
                  GString  *inl,
                  gboolean  protect_first)
{
  gsize pos = 0;
  gboolean first = TRUE;

  while (pos <= inl->len)
    {
      const char *line = inl->str + pos;
      const char *nl = memchr (line, '\n', inl->len - pos);
      gsize len = nl != NULL ? (gsize) (nl - line) : inl->len - pos;

      if (!first || protect_first)
        {
          LineInfo info;

          classify_line (line, len, &info);
          if (info.cls != LINE_PLAIN && info.cls != LINE_BLANK)
            {
              g_string_append_len (out, line, info.start - line);
              g_string_append_c (out, '\\');
              g_string_append_len (out, info.start, len - (info.start - line));
            }
          else
            g_string_append_len (out, line, len);
        }
      else
        g_string_append_len (out, line, len);

      if (nl == NULL)
        break;
      g_string_append_c (out, '\n');
      pos += len + 1;
      first = FALSE;
    }
}

static const char *
item_marker (const KlBlock *block)
{
  if (block->marker != NULL && block->marker[0] != '\0')
    return block->marker;
  return block->level == 2 ? "+" : "-";
}

/* The same cells is_separator_row () accepts: dashes, colons and spaces, one dash at least. */
static gboolean
is_dash_cell (const char *s,
              gsize       len)
{
  gboolean dash = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '-')
        dash = TRUE;
      else if (s[i] != ':' && s[i] != ' ')
        return FALSE;
    }
  return dash;
}

static void
write_table (GString       *out,
             const KlBlock *block)
{
  g_autoptr(GString) cell_text = g_string_new (NULL);

  for (guint r = 0; r < block->rows->len; r++)
    {
      GPtrArray *cells = block->rows->pdata[r];

      if (r > 0)
        g_string_append_c (out, '\n');
      g_string_append_c (out, '|');
      for (guint c = 0; c < cells->len; c++)
        {
          g_string_truncate (cell_text, 0);
          write_inline (cell_text, cells->pdata[c], TRUE, TRUE);
          g_string_append_c (out, ' ');
          /* a cell of dashes could be read as the header separator */
          if (is_dash_cell (cell_text->str, cell_text->len))
            g_string_append_c (out, '\\');
          g_string_append_len (out, cell_text->str, cell_text->len);
          if (cell_text->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, '|');
        }

      if (r == 0 && block->header_row)
        {
          g_string_append (out, "\n|");
          for (guint c = 0; c < MAX (cells->len, 1); c++)
            g_string_append (out, "---|");
        }
    }
}

static void
write_block (GString       *out,
             const KlBlock *block)
{
  switch (block->type)
    {
    case KL_BLOCK_PARAGRAPH:
      write_text_block (out, "", block->runs, TRUE);
      break;
    case KL_BLOCK_HEADING:
      {
        char hashes[6] = { 0 };
        guint level = CLAMP (block->level, 1, 5);

        memset (hashes, '#', level);
        write_text_block (out, hashes, block->runs, FALSE);
      }
      break;
    case KL_BLOCK_ITEM:
      write_text_block (out, item_marker (block), block->runs, FALSE);
      break;
    case KL_BLOCK_FOOTNOTE:
      {
        g_autofree char *prefix = g_strdup_printf ("[^%s]:",
                                                   block->label != NULL ? block->label : "");
        write_text_block (out, prefix, block->runs, FALSE);
      }
      break;
    case KL_BLOCK_TABLE:
      if (block->rows != NULL)
        write_table (out, block);
      break;
    case KL_BLOCK_EMBED:
      if (block->embed_kind != NULL || g_strcmp0 (block->label, "chart") == 0)
        g_string_append_printf (out, "{{chart %s %u}}",
                                block->embed_kind != NULL ? block->embed_kind : "achievement",
                                MAX (block->embed_index, 1));
      else
        g_string_append_printf (out, "{{targets %u}}", MAX (block->embed_index, 1));
      break;
    default:
      g_return_if_reached ();
    }
}

char *
kl_markup_write (const KlMarkup *markup)
{
  GString *out;
  g_autoptr(GString) one = g_string_new (NULL);

  g_return_val_if_fail (markup != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      g_string_truncate (one, 0);
      write_block (one, markup->blocks->pdata[i]);
      /* an empty block has no text form; skipping it keeps the output canonical */
      if (one->len == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_len (out, one->str, one->len);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Queries                                                                                    */

const KlBlock *
kl_markup_find_footnote (const KlMarkup *markup,
                         const char     *label)
{
  g_return_val_if_fail (markup != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  for (guint i = 0; i < markup->blocks->len; i++)
    {
      const KlBlock *block = markup->blocks->pdata[i];

      if (block->type == KL_BLOCK_FOOTNOTE && g_strcmp0 (block->label, label) == 0)
        return block;
    }
  return NULL;
}

static void
append_plain (GString   *out,
              GPtrArray *runs)
{
  for (guint i = 0; i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];

      if (run->flags & KL_RUN_FOOTNOTE_REF)
        continue;
      if (run->flags & KL_RUN_LINE_BREAK)
        g_string_append_c (out, '\n');
      else if (run->text != NULL)
        g_string_append (out, run->text);
    }
}

char *
kl_runs_to_plain (GPtrArray *runs)
{
  GString *out;

  g_return_val_if_fail (runs != NULL, NULL);

  out = g_string_new (NULL);
  append_plain (out, runs);
  return g_string_free (out, FALSE);
}

char *
kl_markup_to_plain (const KlMarkup *markup)
{
  GString *out;

  g_return_val_if_fail (markup != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      const KlBlock *block = markup->blocks->pdata[i];
      gsize before = out->len;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (block->type == KL_BLOCK_TABLE && block->rows != NULL)
        {
          for (guint r = 0; r < block->rows->len; r++)
            {
              GPtrArray *cells = block->rows->pdata[r];

              if (r > 0)
                g_string_append_c (out, '\n');
              for (guint c = 0; c < cells->len; c++)
                {
                  if (c > 0)
                    g_string_append_c (out, '\t');
                  append_plain (out, cells->pdata[c]);
                }
            }
        }
      else if (block->type != KL_BLOCK_EMBED && block->runs != NULL)
        append_plain (out, block->runs);

      /* embeds have no text: do not leave an empty line for them */
      if (block->type == KL_BLOCK_EMBED)
        g_string_truncate (out, before);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Equality and copies                                                                        */

/* Runs as the parser would produce them: neighbours with equal flags merged, empty text
 * dropped, styles ignored on references and breaks. */
static GPtrArray *
normalise_runs (GPtrArray *runs)
{
  GPtrArray *norm = runs_new ();
  KlRun *last = NULL;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];
      const char *t = run->text != NULL ? run->text : "";

      if (run->flags & (KL_RUN_FOOTNOTE_REF | KL_RUN_LINE_BREAK))
        {
          KlRunFlags f = run->flags & KL_RUN_LINE_BREAK ? KL_RUN_LINE_BREAK : KL_RUN_FOOTNOTE_REF;

          g_ptr_array_add (norm, kl_run_new (f == KL_RUN_LINE_BREAK ? "" : t, f));
          last = NULL;
          continue;
        }
      if (t[0] == '\0')
        continue;
      if (last != NULL && last->flags == (run->flags & STYLE_MASK))
        {
          char *joined = g_strconcat (last->text, t, NULL);

          g_free (last->text);
          last->text = joined;
          continue;
        }
      last = kl_run_new (t, run->flags & STYLE_MASK);
      g_ptr_array_add (norm, last);
    }
  return norm;
}

gboolean
kl_runs_equal (GPtrArray *a,
               GPtrArray *b)
{
  g_autoptr(GPtrArray) na = NULL;
  g_autoptr(GPtrArray) nb = NULL;

  if (a == NULL || b == NULL)
    return (a == NULL || a->len == 0) && (b == NULL || b->len == 0);

  na = normalise_runs (a);
  nb = normalise_runs (b);
  if (na->len != nb->len)
    return FALSE;
  for (guint i = 0; i < na->len; i++)
    {
      KlRun *ra = na->pdata[i], *rb = nb->pdata[i];

      if (ra->flags != rb->flags || g_strcmp0 (ra->text, rb->text) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
kl_block_equal (const KlBlock *a,
                const KlBlock *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->type != b->type)
    return FALSE;

  switch (a->type)
    {
    case KL_BLOCK_HEADING:
      return a->level == b->level && kl_runs_equal (a->runs, b->runs);
    case KL_BLOCK_ITEM:
      return g_strcmp0 (item_marker (a), item_marker (b)) == 0
             && (a->level == 2) == (b->level == 2)
             && kl_runs_equal (a->runs, b->runs);
    case KL_BLOCK_PARAGRAPH:
      return kl_runs_equal (a->runs, b->runs);
    case KL_BLOCK_FOOTNOTE:
      return g_strcmp0 (a->label, b->label) == 0 && kl_runs_equal (a->runs, b->runs);
    case KL_BLOCK_EMBED:
      return g_strcmp0 (a->label, b->label) == 0
             && g_strcmp0 (a->embed_kind, b->embed_kind) == 0
             && a->embed_index == b->embed_index;
    case KL_BLOCK_TABLE:
      {
        guint na = a->rows != NULL ? a->rows->len : 0;
        guint nb = b->rows != NULL ? b->rows->len : 0;

        if (na != nb || a->header_row != b->header_row)
          return FALSE;
        for (guint r = 0; r < na; r++)
          {
            GPtrArray *ca = a->rows->pdata[r], *cb = b->rows->pdata[r];

            if (ca->len != cb->len)
              return FALSE;
            for (guint c = 0; c < ca->len; c++)
              if (!kl_runs_equal (ca->pdata[c], cb->pdata[c]))
                return FALSE;
          }
        return TRUE;
      }
    default:
      return FALSE;
    }
}

gboolean
kl_markup_equal (const KlMarkup *a,
                 const KlMarkup *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->blocks->len != b->blocks->len)
    return FALSE;
  for (guint i = 0; i < a->blocks->len; i++)
    if (!kl_block_equal (a->blocks->pdata[i], b->blocks->pdata[i]))
      return FALSE;
  return TRUE;
}

static GPtrArray *
copy_runs (GPtrArray *runs)
{
  GPtrArray *copy = runs_new ();

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      KlRun *run = runs->pdata[i];

      g_ptr_array_add (copy, kl_run_new (run->text, run->flags));
    }
  return copy;
}

KlBlock *
kl_block_copy (const KlBlock *block)
{
  KlBlock *copy;

  g_return_val_if_fail (block != NULL, NULL);

  copy = kl_block_new (block->type);
  copy->level = block->level;
  copy->marker = g_strdup (block->marker);
  copy->label = g_strdup (block->label);
  copy->embed_kind = g_strdup (block->embed_kind);
  copy->embed_index = block->embed_index;
  copy->header_row = block->header_row;
  copy->line = block->line;
  g_ptr_array_unref (copy->runs);
  copy->runs = copy_runs (block->runs);
  if (block->rows != NULL)
    {
      g_clear_pointer (&copy->rows, g_ptr_array_unref);
      copy->rows = cells_new ();
      for (guint r = 0; r < block->rows->len; r++)
        {
          GPtrArray *cells = block->rows->pdata[r];
          GPtrArray *cells_copy = cells_new ();

          for (guint c = 0; c < cells->len; c++)
            g_ptr_array_add (cells_copy, copy_runs (cells->pdata[c]));
          g_ptr_array_add (copy->rows, cells_copy);
        }
    }
  return copy;
}

KlMarkup *
kl_markup_copy (const KlMarkup *markup)
{
  KlMarkup *copy;

  g_return_val_if_fail (markup != NULL, NULL);

  copy = kl_markup_new ();
  for (guint i = 0; i < markup->blocks->len; i++)
    g_ptr_array_add (copy->blocks, kl_block_copy (markup->blocks->pdata[i]));
  return copy;
}
