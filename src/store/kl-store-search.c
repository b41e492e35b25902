/* kl-store-search.c: full-text search over titles, summaries, bodies and target names.
 *
 * The FTS5 tokenizer "kl_fold" wraps unicode61 (no diacritic removal) and emits, for each
 * word, its folded form ("kết" → "ket", "đồng" → "dong": unicode61's remove_diacritics
 * does not treat đ as d, so the folding is done here) and, when different, the exact form
 * behind a "=" marker at the same position ("=kết"). A query without diacritics matches
 * the folded forms; a query with diacritics is run twice: exact spellings first, then the
 * folded matches. Offsets are those of the original text, so snippets show it unchanged. */
#include "config.h"

#include <string.h>

#include "kl-store-private.h"

typedef struct {
  fts5_tokenizer  inner_api;
  Fts5Tokenizer  *inner;
} FoldTokenizer;

typedef struct {
  void     *ctx;
  int     (*x_token) (void *, int, const char *, int, int, int);
  int       flags;
  gboolean  exact_query;   /* the query string started with the "=" marker */
  GString  *buffer;
} FoldCall;

/* Folded forms of U+0000–U+1FFF (Latin, Vietnamese, combining marks), computed once: the
 * tokenizer runs on every word of every save and of every snippet. */
#define FOLD_TABLE_SIZE 0x2000
static gunichar fold_table[FOLD_TABLE_SIZE];

static gunichar
fold_char_slow (gunichar c)
{
  gunichar decomposed[4];

  if (c < 0x80)
    return g_ascii_tolower (c);
  if (c == 0x0111 || c == 0x0110) /* đ Đ */
    return 'd';
  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];
  return g_unichar_tolower (c);
}

static void
fold_table_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
        fold_table[c] = fold_char_slow (c);
      g_once_init_leave (&done, 1);
    }
}

static inline gunichar
fold_char (gunichar c)
{
  return c < FOLD_TABLE_SIZE ? fold_table[c] : fold_char_slow (c);
}

/* Appends the folded form of @len bytes of @text to @out; returns TRUE when it differs. */
static gboolean
fold_into (GString *out, const char *text, gsize len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean changed = FALSE;

  while (p < end)
    {
      gunichar c, f;
      char utf8[6];

      if ((guchar) *p < 0x80)
        {
          char lower = g_ascii_tolower (*p);
          changed |= lower != *p;
          g_string_append_c (out, lower);
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, *p);
          p++;
          continue;
        }
      f = fold_char (c);
      changed |= f != c;
      g_string_append_len (out, utf8, g_unichar_to_utf8 (f, utf8));
      p = g_utf8_next_char (p);
    }
  return changed;
}

char *
kl_store_fold (const char *text)
{
  GString *out;
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;
  fold_table_init ();
  lower = g_utf8_strdown (text, -1);
  out = g_string_sized_new (strlen (lower));
  fold_into (out, lower, strlen (lower));
  return g_string_free (out, FALSE);
}

static int
fold_token_cb (void       *ctx,
               int         tflags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FoldCall *call = ctx;
  gboolean differs;
  int rc;

  g_string_truncate (call->buffer, 0);
  differs = fold_into (call->buffer, token, n_token);

  if ((call->flags & FTS5_TOKENIZE_QUERY) && call->exact_query && differs)
    {
      g_string_truncate (call->buffer, 0);
      g_string_append_c (call->buffer, '=');
      g_string_append_len (call->buffer, token, n_token);
      return call->x_token (call->ctx, tflags, call->buffer->str, call->buffer->len, start, end);
    }

  rc = call->x_token (call->ctx, tflags, call->buffer->str, call->buffer->len, start, end);
  if (rc != SQLITE_OK || !differs || !(call->flags & FTS5_TOKENIZE_DOCUMENT))
    return rc;

  g_string_truncate (call->buffer, 0);
  g_string_append_c (call->buffer, '=');
  g_string_append_len (call->buffer, token, n_token);
  return call->x_token (call->ctx, FTS5_TOKEN_COLOCATED, call->buffer->str, call->buffer->len,
                        start, end);
}

static int
fold_tokenize (Fts5Tokenizer *tokenizer,
               void          *ctx,
               int            flags,
               const char    *text,
               int            n_text,
               int          (*x_token) (void *, int, const char *, int, int, int))
{
  FoldTokenizer *self = (FoldTokenizer *) tokenizer;
  FoldCall call = { ctx, x_token, flags, FALSE, NULL };
  int rc;

  if ((flags & FTS5_TOKENIZE_QUERY) && n_text > 0 && text[0] == '=')
    {
      /* Keep the marker's byte as a separator so that offsets still match the query. */
      call.exact_query = TRUE;
    }
  call.buffer = g_string_sized_new (64);
  rc = self->inner_api.xTokenize (self->inner, &call, flags, text, n_text, fold_token_cb);
  g_string_free (call.buffer, TRUE);
  return rc;
}

static int
fold_create (void *api_ptr, const char **args, int n_args, Fts5Tokenizer **out)
{
  fts5_api *api = api_ptr;
  FoldTokenizer *self;
  void *inner_ctx = NULL;
  const char *inner_args[] = { "remove_diacritics", "0" };
  int rc;

  fold_table_init ();
  self = g_new0 (FoldTokenizer, 1);
  rc = api->xFindTokenizer (api, "unicode61", &inner_ctx, &self->inner_api);
  if (rc == SQLITE_OK)
    rc = self->inner_api.xCreate (inner_ctx, inner_args, G_N_ELEMENTS (inner_args), &self->inner);
  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static void
fold_delete (Fts5Tokenizer *tokenizer)
{
  FoldTokenizer *self = (FoldTokenizer *) tokenizer;

  if (self->inner != NULL)
    self->inner_api.xDelete (self->inner);
  g_free (self);
}


/* ---- snippets ----
 *
 * kl_snippet(search): a few words around the first match, matches between "[" and "]".
 * FTS5's snippet() tokenizes every column of every row shown; on 20-page bodies that is
 * most of the time of a search. This one picks the match to show from the match list
 * (title first, then summary, target names, body) and tokenizes only up to it. */

#define SNIPPET_BEFORE 6
#define SNIPPET_AFTER  14

typedef struct {
  int      first;       /* token index of the window's first token */
  int      last;        /* token index after the window */
  int     *hits;        /* token indexes of matches in the column, ascending */
  int      n_hits;
  int      index;       /* current token index */
  int      next_hit;    /* position in hits[] */
  int      start_byte;  /* of the window, -1 until seen */
  int      end_byte;
  gboolean more;        /* tokens follow the window */
  GArray  *spans;       /* (start, end) byte pairs to mark */
} SnippetScan;

static int
snippet_token_cb (void *ctx, int tflags, const char *token, int n_token, int start, int end)
{
  SnippetScan *scan = ctx;
  int i;

  if (tflags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  i = scan->index++;
  if (i >= scan->last)
    {
      scan->more = TRUE;
      return SQLITE_DONE;  /* stop tokenizing: the rest of the column is not needed */
    }
  if (i < scan->first)
    return SQLITE_OK;
  if (scan->start_byte < 0)
    scan->start_byte = start;
  scan->end_byte = end;
  while (scan->next_hit < scan->n_hits && scan->hits[scan->next_hit] < i)
    scan->next_hit++;
  if (scan->next_hit < scan->n_hits && scan->hits[scan->next_hit] == i)
    {
      int span[2] = { start, end };
      g_array_append_vals (scan->spans, span, 2);
    }
  return SQLITE_OK;
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static void
snippet_function (const Fts5ExtensionApi *api,
                  Fts5Context            *fts,
                  sqlite3_context        *ctx,
                  int                     n_values,
                  sqlite3_value         **values)
{
  /* Which column's match to show first: title, summary, target names, body. */
  static const int priority[] = { 0, 1, 3, 2 };
  int n_inst = 0, column = -1, first_hit = -1, best_count = 0;
  int n_phrases;
  const char *text = NULL;
  int n_text = 0;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) phrases = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (int));
  SnippetScan scan = { 0, };
  GString *out;
  int rc, pos;

  if (api->xInstCount (fts, &n_inst) != SQLITE_OK || n_inst == 0)
    {
      sqlite3_result_text (ctx, "", 0, SQLITE_STATIC);
      return;
    }
  for (guint p = 0; p < G_N_ELEMENTS (priority) && column < 0; p++)
    for (int i = 0; i < n_inst; i++)
      {
        int phrase, col, offset;

        if (api->xInst (fts, i, &phrase, &col, &offset) == SQLITE_OK && col == priority[p])
          {
            column = col;
            g_array_append_val (hits, offset);
            g_array_append_val (phrases, phrase);
          }
      }
  if (column < 0 || api->xColumnText (fts, column, &text, &n_text) != SQLITE_OK || text == NULL)
    {
      sqlite3_result_text (ctx, "", 0, SQLITE_STATIC);
      return;
    }
  /* Instances come in phrase order; the window starts at the earliest match that has the
   * most of the query's words after it. */
  n_phrases = MIN (api->xPhraseCount (fts), 64);
  for (guint i = 0; i < hits->len && best_count < n_phrases; i++)
    {
      int start = g_array_index (hits, int, i);
      guint64 present = 0;
      int count = 0;

      for (guint j = 0; j < hits->len; j++)
        {
          int offset = g_array_index (hits, int, j);
          int phrase = g_array_index (phrases, int, j);

          if (offset >= start && offset < start + SNIPPET_AFTER && phrase < 64
              && !(present & (G_GUINT64_CONSTANT (1) << phrase)))
            {
              present |= G_GUINT64_CONSTANT (1) << phrase;
              count++;
            }
        }
      if (count > best_count || (count == best_count && start < first_hit))
        {
          best_count = count;
          first_hit = start;
        }
    }
  g_array_sort (hits, compare_int);

  scan.first = MAX (0, first_hit - SNIPPET_BEFORE);
  scan.last = first_hit + SNIPPET_AFTER;
  scan.hits = (int *) (void *) hits->data;
  scan.n_hits = hits->len;
  scan.start_byte = -1;
  scan.spans = spans;
  rc = api->xTokenize (fts, text, n_text, &scan, snippet_token_cb);
  if ((rc != SQLITE_OK && rc != SQLITE_DONE) || scan.start_byte < 0)
    {
      sqlite3_result_error_code (ctx, rc != SQLITE_OK && rc != SQLITE_DONE ? rc : SQLITE_ERROR);
      return;
    }

  out = g_string_sized_new (scan.end_byte - scan.start_byte + 16);
  if (scan.first > 0)
    g_string_append (out, "…");
  pos = scan.start_byte;
  for (guint i = 0; i + 1 < spans->len; i += 2)
    {
      int start = g_array_index (spans, int, i);
      int end = g_array_index (spans, int, i + 1);

      g_string_append_len (out, text + pos, start - pos);
      g_string_append_c (out, '[');
      g_string_append_len (out, text + start, end - start);
      g_string_append_c (out, ']');
      pos = end;
    }
  g_string_append_len (out, text + pos, scan.end_byte - pos);
  if (scan.more)
    g_string_append (out, "…");
  /* Line breaks of the body would break a one-line list row. */
  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\n' || out->str[i] == '\r' || out->str[i] == '\t')
      out->str[i] = ' ';
  sqlite3_result_text (ctx, out->str, out->len, g_free);
  g_string_free (out, FALSE);
}

/* ---- ranking ----
 *
 * kl_rank(search): BM25's term-frequency part with column weights (title 10, summary 5,
 * body 1, target names 3), lower is better like bm25(). FTS5's bm25() also weighs each word
 * by its rarity, which it computes by reading the whole list of documents that contain it
 * at the first row: on a library where a word is in most documents that alone takes longer
 * than the search should. All the words of a query are required anyway, so their rarity
 * would scale every candidate's score about alike. */

typedef struct {
  double avg[4];
} RankData;

static void
rank_function (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               sqlite3_context        *ctx,
               int                     n_values,
               sqlite3_value         **values)
{
  static const double weight[4] = { 10.0, 5.0, 1.0, 3.0 };
  const double k1 = 1.2, b = 0.75;
  RankData *data = api->xGetAuxdata (fts, 0);
  int tf[4] = { 0, };
  int n_inst = 0;
  double score = 0;
  int n_columns = MIN (api->xColumnCount (fts), 4);

  if (data == NULL)
    {
      sqlite3_int64 rows = 0;

      data = g_new0 (RankData, 1);
      api->xRowCount (fts, &rows);
      for (int c = 0; c < n_columns; c++)
        {
          sqlite3_int64 total = 0;
          api->xColumnTotalSize (fts, c, &total);
          data->avg[c] = rows > 0 ? MAX (1.0, (double) total / rows) : 1.0;
        }
      if (api->xSetAuxdata (fts, data, g_free) != SQLITE_OK)
        {
          sqlite3_result_error_nomem (ctx);
          return;
        }
    }
  if (api->xInstCount (fts, &n_inst) != SQLITE_OK)
    {
      sqlite3_result_error (ctx, "kl_rank: cannot read the matches", -1);
      return;
    }
  for (int i = 0; i < n_inst; i++)
    {
      int phrase, column, offset;

      if (api->xInst (fts, i, &phrase, &column, &offset) == SQLITE_OK && column >= 0 && column < 4)
        tf[column]++;
    }
  for (int c = 0; c < n_columns; c++)
    {
      int length = 0;

      if (tf[c] == 0)
        continue;
      api->xColumnSize (fts, c, &length);
      score += weight[c] * tf[c] * (k1 + 1) / (tf[c] + k1 * (1 - b + b * length / data->avg[c]));
    }
  sqlite3_result_double (ctx, -score);
}

gboolean
kl_store_search_register (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;
  static fts5_tokenizer fold = { fold_create, fold_delete, fold_tokenize };

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (api == NULL || api->iVersion < 2)
    return FALSE;
  return api->xCreateTokenizer (api, "kl_fold", api, &fold, NULL) == SQLITE_OK
         && api->xCreateFunction (api, "kl_snippet", NULL, snippet_function, NULL) == SQLITE_OK
         && api->xCreateFunction (api, "kl_rank", NULL, rank_function, NULL) == SQLITE_OK;
}

/* ---- indexing ----
 *
 * Saving a document only records that its search row is out of date (search_pending):
 * re-tokenizing a 20-page body on every autosave would cost more than the rest of the
 * save. The rows are brought up to date, from what is stored, before the next search. */

gboolean
kl_store_search_unindex (KlStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = kl_store_prepare (self, "DELETE FROM search WHERE rowid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!kl_store_step_done (self, stmt, N_("could not update the search index"), error))
    return FALSE;
  stmt = kl_store_prepare (self, "DELETE FROM search_pending WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return kl_store_step_done (self, stmt, N_("could not update the search index"), error);
}

gboolean
kl_store_search_index (KlStore *self, KlDocument *document, GError **error)
{
  sqlite3_stmt *stmt = kl_store_prepare (self,
                                         "INSERT OR IGNORE INTO search_pending (id) VALUES (?1)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kl_document_get_id (document));
  return kl_store_step_done (self, stmt, N_("could not update the search index"), error);
}

/* Rebuilds the search rows of the documents saved since the last search. */
gboolean
kl_store_search_flush (KlStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean pending;

  stmt = kl_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM search_pending)", error);
  if (stmt == NULL)
    return FALSE;
  pending = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  /* A read-only library is searched as it was last indexed. */
  if (!pending || self->read_only)
    return TRUE;

  if (!kl_store_begin (self, error))
    return FALSE;
  if (!kl_store_exec (self,
                      "DELETE FROM search WHERE rowid IN (SELECT id FROM search_pending);"
                      "INSERT INTO search (rowid, title, summary, body, targets)"
                      "  SELECT d.id, d.title, d.summary, d.body,"
                      "    (SELECT group_concat (name, char(10)) FROM"
                      "      (SELECT t.name AS name FROM targets t JOIN reports r ON r.id = t.report_id"
                      "        WHERE r.document_id = d.id AND t.name IS NOT NULL AND t.name != ''"
                      "        ORDER BY r.document_position, t.position))"
                      "  FROM documents d JOIN search_pending p ON p.id = d.id;"
                      "DELETE FROM search_pending;", error))
    {
      kl_store_rollback (self);
      return FALSE;
    }
  return kl_store_commit (self, error);
}

/* ---- searching ---- */

void
kl_search_hit_free (KlSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* Splits what the user typed into words (letters and digits); the FTS5 query is built
 * from them alone, so no user text reaches the query syntax. */
static GPtrArray *
split_words (const char *query)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *nfc = g_utf8_normalize (query, -1, G_NORMALIZE_NFC);
  const char *p = nfc != NULL ? nfc : "";
  const char *start = NULL;

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word_char = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (word_char && start == NULL)
        start = p;
      else if (!word_char && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return words;
}

/* Whole words first; a prefix for the last word (still being typed) only in a second pass,
 * and only from three letters on: a prefix merges the lists of every word it starts. */
#define MIN_PREFIX_CHARS 3

static char *
build_match (GPtrArray *words, gboolean exact, gboolean prefix)
{
  GString *match = g_string_new (NULL);
  guint n = words->len;

  /* A last word too short to be a useful prefix is left out of the prefix pass. */
  if (prefix && g_utf8_strlen (g_ptr_array_index (words, n - 1), -1) < MIN_PREFIX_CHARS)
    {
      n--;
      prefix = FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i > 0)
        g_string_append_c (match, ' ');
      g_string_append_printf (match, "\"%s%s\"%s", exact ? "=" : "", word,
                              prefix && i + 1 == n ? "*" : "");
    }
  return g_string_free (match, FALSE);
}

/* Ranking every match is costly when a word is in most documents (the rank of every
 * match is computed before the first row comes out). The most recent matches (highest
 * rowids, which FTS5 reads first) are ranked, at most this many: beyond it a common word
 * ranks the newest documents, which is what the user is after anyway. */
#define SEARCH_CANDIDATES 1000

typedef struct {
  gint64 id;
  double score;
} Candidate;

static int
compare_candidate (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->score != cb->score)
    return ca->score < cb->score ? -1 : 1;
  return ca->id > cb->id ? -1 : ca->id < cb->id;
}

static gboolean
run_match (KlStore    *self,
           const char *match,
           guint       limit,
           double      rank_offset,
           GHashTable *seen,
           GPtrArray  *hits,
           GError    **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  sqlite3_stmt *stmt;
  int rc;

  /* Weights: a word in the title or summary says more than one in a long body. */
  stmt = kl_store_prepare (self,
                           "SELECT rowid, kl_rank(search) FROM search "
                           "WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  kl_store_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, SEARCH_CANDIDATES);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      if (!g_hash_table_contains (seen, &c.id))
        g_array_append_val (candidates, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kl_store_set_error_from_sqlite (self, error, rc, N_("could not search the library"));
      return FALSE;
    }
  g_array_sort (candidates, compare_candidate);

  /* Titles and snippets only for the hits returned. */
  stmt = kl_store_prepare (self,
                           "SELECT title, kl_snippet(search) FROM search "
                           "WHERE search MATCH ?1 AND rowid = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len && hits->len < limit; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      KlSearchHit *hit;

      sqlite3_reset (stmt);
      kl_store_bind_text (stmt, 1, match);
      sqlite3_bind_int64 (stmt, 2, c->id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            continue;
          kl_store_set_error_from_sqlite (self, error, rc, N_("could not search the library"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      hit = g_new0 (KlSearchHit, 1);
      hit->id = c->id;
      hit->title = kl_store_column_dup (stmt, 0);
      hit->snippet = kl_store_column_dup (stmt, 1);
      hit->rank = c->score + rank_offset;
      g_hash_table_add (seen, g_memdup2 (&c->id, sizeof c->id));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
kl_store_search (KlStore *self, const char *query, guint limit, GError **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;
  gboolean has_diacritics, may_prefix;
  const char *last;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (limit == 0)
    limit = 100;
  {
    g_autoptr(GError) flush_error = NULL;

    /* Another program holding the library must not stop a search: the rows saved since
     * the last search are then found at the next one. */
    if (!kl_store_search_flush (self, &flush_error))
      g_debug ("search index not brought up to date: %s", flush_error->message);
  }
  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_search_hit_free);
  words = split_words (query);
  if (words->len == 0)
    return g_steal_pointer (&hits);

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  lower = g_utf8_strdown (query, -1);
  folded = kl_store_fold (query);
  has_diacritics = g_strcmp0 (lower, folded) != 0;
  last = g_ptr_array_index (words, words->len - 1);
  may_prefix = g_utf8_strlen (last, -1) >= MIN_PREFIX_CHARS || words->len > 1;

  /* Passes from the closest matches to the loosest, each only while hits are missing:
   * exact spelling (when the query has diacritics), then without diacritics; whole words,
   * then the last word as a prefix (or, too short for one, without it). Each pass is
   * ranked after the previous ones. */
  for (int pass = 0; pass < 4 && hits->len < limit; pass++)
    {
      gboolean exact = pass < 2;
      gboolean prefix = pass % 2 == 1;
      g_autofree char *match = NULL;

      if ((exact && !has_diacritics) || (prefix && !may_prefix))
        continue;
      match = build_match (words, exact, prefix);
      if (!run_match (self, match, limit, 1000.0 * pass, seen, hits, error))
        return NULL;
    }
  return g_steal_pointer (&hits);
}
