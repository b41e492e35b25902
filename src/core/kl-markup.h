/* kl-markup.h: the body markup of a document (a small Markdown dialect) as a block tree.
 *
 * The dialect, one block per paragraph (blocks are separated by blank lines):
 *   # Phần thứ nhất            heading level 1 (part: centred, capitals, bold)
 *   ## I. VỀ KINH TẾ           heading level 2 (section: capitals, bold)
 *   ### 1. Kinh tế             heading level 3 (clause: bold)
 *   #### 1.1. Nông nghiệp      heading level 4 (sub-clause: bold italic)
 *   ##### a) Trồng trọt        heading level 5 (point: italic)
 *   - text / + text            items of level 1 / 2
 *   (1) text                   numbered item (marker kept as typed)
 *   plain text                 paragraph (justified, first-line indent)
 *   **bold**, *italic*         inline runs, may nest (***both***)
 *   text[^3]                   footnote reference; its text in a block "[^3]: …"
 *   | a | b |  or  a<TAB>b     table rows (consecutive lines); a first row followed by
 *                              "|---|---|" is a header row
 *   {{targets 1}}              the target table of the document's report 1 (1-based)
 *   {{chart KIND 1}}           a chart of report 1: KIND achievement|bullet|summary|trend
 *   \  at the end of a line    hard line break inside the block
 * Inside a block, a single newline joins lines with a space. Backslash escapes a markup
 * character (\*, \#, \|, \[, \\).
 *
 * kl_markup_write (kl_markup_parse (text)) returns text unchanged when text is in canonical
 * form (which the writer produces); kl_markup_parse (kl_markup_write (tree)) equals tree.
 *
 * Details of the implementation (kl-markup.c):
 * - A line starting with a marker ("#", "- ", "+ ", "(n) ", "[^n]:", "{{…}}", "|", or holding
 *   an unescaped TAB) starts a new block even without a blank line before it; a footnote
 *   definition takes every following line up to a blank line or the next definition.
 * - "*" opens only before a non-space and closes only after a non-space, so "2 * 3" stays
 *   text; unmatched stars, "[^" and "{{" are literal text. Parsing is linear in the input.
 * - Input is made valid UTF-8 (U+FFFD), a BOM is dropped, CRLF and CR read as LF, run text
 *   is NFC. Labels of footnote references have up to 32 bytes, no spaces, "]", "|" or "*".
 * - The writer moves spaces at the edge of a bold/italic run outside the stars (the page is
 *   the same), drops line breaks at the end of a block, writes breaks inside table cells as
 *   spaces, and skips blocks with no text. Trees without these cases round-trip exactly;
 *   equality (kl_markup_equal) ignores line numbers and how text is cut into runs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KL_RUN_BOLD         = 1 << 0,
  KL_RUN_ITALIC       = 1 << 1,
  KL_RUN_FOOTNOTE_REF = 1 << 2,  /* text is the label ("3"); rendered as a superscript number */
  KL_RUN_LINE_BREAK   = 1 << 3,  /* a hard line break; text is "" */
} KlRunFlags;

typedef struct {
  char       *text;    /* UTF-8, NFC, without markup characters */
  KlRunFlags  flags;
} KlRun;

typedef enum {
  KL_BLOCK_PARAGRAPH,
  KL_BLOCK_HEADING,    /* level 1..5 */
  KL_BLOCK_ITEM,       /* level 1 ("-"), 2 ("+"); numbered items have level 1 and marker "(n)" */
  KL_BLOCK_TABLE,
  KL_BLOCK_FOOTNOTE,   /* a footnote definition: label + runs */
  KL_BLOCK_EMBED,      /* {{targets N}} or {{chart KIND N}} */
} KlBlockType;

typedef struct {
  KlBlockType  type;
  guint        level;       /* heading or item level; 0 otherwise */
  char        *marker;      /* items: "-", "+", "(1)"; NULL otherwise */
  char        *label;       /* footnotes: the label ("3"); embeds: "targets" or "chart" */
  char        *embed_kind;  /* embeds of charts: "achievement"…; NULL otherwise */
  guint        embed_index; /* embeds: the 1-based report number */
  GPtrArray   *runs;        /* of KlRun*: paragraph, heading, item and footnote text */
  GPtrArray   *rows;        /* tables: GPtrArray (rows) of GPtrArray (cells) of KlRun* arrays:
                               rows->pdata[r] is a GPtrArray of cells, each cell a GPtrArray
                               of KlRun*. */
  gboolean     header_row;  /* tables: the first row is a header row */
  guint        line;        /* 1-based line of the block's first line in the source text */
} KlBlock;

typedef struct {
  GPtrArray *blocks;        /* of KlBlock*, in order, footnote definitions included */
} KlMarkup;

KlMarkup    *kl_markup_parse              (const char *text);
char        *kl_markup_write              (const KlMarkup *markup);
void         kl_markup_free               (KlMarkup *markup);
KlMarkup    *kl_markup_new                (void);

KlBlock     *kl_block_new                 (KlBlockType type);
void         kl_block_free                (KlBlock *block);
KlRun       *kl_run_new                   (const char *text, KlRunFlags flags);
void         kl_run_free                  (KlRun *run);

/* The plain text of a list of runs (footnote refs omitted, line breaks as "\n"). */
char        *kl_runs_to_plain             (GPtrArray *runs);
/* Parses the inline syntax of one block's text (bold, italic, footnote refs, escapes). */
GPtrArray   *kl_runs_parse_inline         (const char *text);
/* Writes runs back to inline markup. The text is safe as the text of any block or table
 * cell: "|" and line starts that would read as markers are escaped as well. */
char        *kl_runs_write_inline         (GPtrArray *runs);

/* Finds the footnote definition with @label, or NULL. */
const KlBlock *kl_markup_find_footnote    (const KlMarkup *markup, const char *label);

/* The whole body as plain text, one block per paragraph (for search and word count). */
char        *kl_markup_to_plain           (const KlMarkup *markup);

/* Structural equality, ignoring source line numbers; runs are compared after merging
 * neighbours with the same flags and dropping empty text runs. */
gboolean     kl_runs_equal                (GPtrArray *a, GPtrArray *b);
gboolean     kl_block_equal               (const KlBlock *a, const KlBlock *b);
gboolean     kl_markup_equal              (const KlMarkup *a, const KlMarkup *b);
/* Deep copies. */
KlBlock     *kl_block_copy                (const KlBlock *block);
KlMarkup    *kl_markup_copy               (const KlMarkup *markup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlMarkup, kl_markup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlBlock, kl_block_free)

G_END_DECLS
