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

static gunichar
fold_char (gunichar c)
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

/* Appends the folded form of @len bytes of @text to @out; returns TRUE when it differs. */
static gboolean
fold_into (GString *out, const char *text, gsize len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean changed = FALSE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gunichar f;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, *p);
          p++;
          continue;
        }
      f = fold_char (c);
      if (f != c)
        changed = TRUE;
      g_string_append_unichar (out, f);
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
  return api->xCreateTokenizer (api, "kl_fold", api, &fold, NULL) == SQLITE_OK;
}

/* ---- indexing ---- */

static char *
collect_target_names (KlDocument *document)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (document));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, i);
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));

      for (guint j = 0; j < g_list_model_get_n_items (targets); j++)
        {
          g_autoptr(KlTarget) target = g_list_model_get_item (targets, j);
          const char *name = kl_target_get_name (target);

          if (name == NULL || *name == '\0')
            continue;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, name);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
kl_store_search_unindex (KlStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = kl_store_prepare (self, "DELETE FROM search WHERE rowid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return kl_store_step_done (self, stmt, "updating the search index", error);
}

gboolean
kl_store_search_index (KlStore *self, KlDocument *document, GError **error)
{
  g_autofree char *targets = collect_target_names (document);
  gint64 id = kl_document_get_id (document);
  sqlite3_stmt *stmt;

  if (!kl_store_search_unindex (self, id, error))
    return FALSE;
  stmt = kl_store_prepare (self,
                           "INSERT INTO search (rowid, title, summary, body, targets) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  kl_store_bind_text (stmt, 2, kl_document_get_title (document));
  kl_store_bind_text (stmt, 3, kl_document_get_summary (document));
  kl_store_bind_text (stmt, 4, kl_document_get_body (document));
  kl_store_bind_text (stmt, 5, targets);
  return kl_store_step_done (self, stmt, "updating the search index", error);
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

static char *
build_match (GPtrArray *words, gboolean exact)
{
  GString *match = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (i > 0)
        g_string_append_c (match, ' ');
      /* The last word may still be being typed: match it as a prefix. */
      g_string_append_printf (match, "\"%s%s\"%s", exact ? "=" : "", word,
                              i + 1 == words->len ? "*" : "");
    }
  return g_string_free (match, FALSE);
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
  sqlite3_stmt *stmt;
  int rc;

  /* Weights: a word in the title or summary says more than one in a long body. */
  stmt = kl_store_prepare (self,
                           "SELECT rowid, title, snippet(search, -1, '[', ']', '…', 16), "
                           "  bm25(search, 10.0, 5.0, 1.0, 3.0) AS score "
                           "FROM search WHERE search MATCH ?1 ORDER BY score LIMIT ?2", error);
  if (stmt == NULL)
    return FALSE;
  kl_store_bind_text (stmt, 1, match);
  /* Rows already found by the exact pass are skipped: ask for that many more. */
  sqlite3_bind_int64 (stmt, 2, (gint64) limit + g_hash_table_size (seen));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && hits->len < limit)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      KlSearchHit *hit;

      if (g_hash_table_contains (seen, &id))
        continue;
      hit = g_new0 (KlSearchHit, 1);
      hit->id = id;
      hit->title = kl_store_column_dup (stmt, 1);
      hit->snippet = kl_store_column_dup (stmt, 2);
      hit->rank = sqlite3_column_double (stmt, 3) + rank_offset;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (hits, hit);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kl_store_set_error_from_sqlite (self, error, rc, "searching");
      sqlite3_reset (stmt);
      return FALSE;
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
  g_autofree char *match = NULL;
  gboolean has_diacritics;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (limit == 0)
    limit = 100;
  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_search_hit_free);
  words = split_words (query);
  if (words->len == 0)
    return g_steal_pointer (&hits);

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  lower = g_utf8_strdown (query, -1);
  folded = kl_store_fold (query);
  has_diacritics = g_strcmp0 (lower, folded) != 0;

  if (has_diacritics)
    {
      g_autofree char *exact = build_match (words, TRUE);

      if (!run_match (self, exact, limit, 0.0, seen, hits, error))
        return NULL;
    }
  match = build_match (words, FALSE);
  /* Folded matches after the exact ones: shifted so that "lower is better" still holds. */
  if (hits->len < limit
      && !run_match (self, match, limit, hits->len > 0 ? 1000.0 : 0.0, seen, hits, error))
    return NULL;
  return g_steal_pointer (&hits);
}
