/* test-store-search.c: full-text search with and without diacritics (đ included), ranking, snippets. */
#include "config.h"

#include "store-test-common.h"

typedef struct {
  char    *tmp;
  KlStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;

  f->tmp = store_test_tmpdir ();
  path = g_build_filename (f->tmp, "k.db", NULL);
  f->store = store_test_open (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_rm_rf (f->tmp);
  g_free (f->tmp);
}

static gint64
add_document (KlStore *store, const char *title, const char *summary, const char *body)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(GError) error = NULL;

  kl_document_set_title (doc, title);
  kl_document_set_summary (doc, summary);
  kl_document_set_body (doc, body);
  g_assert_true (kl_store_save_document (store, doc, &error));
  g_assert_no_error (error);
  return kl_document_get_id (doc);
}

static GPtrArray *
search (KlStore *store, const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = kl_store_search (store, query, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gint64
hit_id (GPtrArray *hits, guint i)
{
  g_assert_cmpuint (i, <, hits->len);
  return ((KlSearchHit *) g_ptr_array_index (hits, i))->id;
}

static gboolean
has_hit (GPtrArray *hits, gint64 id)
{
  for (guint i = 0; i < hits->len; i++)
    if (hit_id (hits, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_without_diacritics (Fixture *f, gconstpointer data)
{
  gint64 a = add_document (f->store, "THÔNG BÁO", "Kết luận của Hội nghị", "Đồng chí Bí thư kết luận.");
  gint64 b = add_document (f->store, "BÁO CÁO", "Tình hình quý I", "Sản xuất ổn định.");
  g_autoptr(GPtrArray) hits = NULL;
  KlSearchHit *hit;

  hits = search (f->store, "ket luan");
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpint (hit->id, ==, a);
  g_assert_cmpstr (hit->title, ==, "THÔNG BÁO");
  /* The snippet shows the original spelling with the match marked. */
  g_assert_nonnull (strstr (hit->snippet, "[Kết]"));
  g_assert_nonnull (strstr (hit->snippet, "[luận]"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* đ folds to d: "dong chi" finds "Đồng chí". */
  hits = search (f->store, "dong chi");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, a);
  g_assert_nonnull (strstr (((KlSearchHit *) g_ptr_array_index (hits, 0))->snippet, "[Đồng]"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Upper case, other words, and a word still being typed. */
  hits = search (f->store, "SAN XUAT");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, b);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "tình hình q");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, b);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "tinh hin");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, b);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "san xu");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Every word must match. */
  hits = search (f->store, "ket luan san xuat");
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_exact_spelling_first (Fixture *f, gconstpointer data)
{
  /* Both fold to "ban"/"dang": the exact spelling must come first whatever bm25 says. */
  gint64 ban = add_document (f->store, "A", "ban hành ban hành ban hành", "Ban hành văn bản.");
  gint64 ban_accent = add_document (f->store, "B", "Bàn bạc", "Hội nghị bàn kỹ.");
  gint64 dang = add_document (f->store, "C", "đang triển khai", "Công việc đang làm.");
  gint64 dang_party = add_document (f->store, "D", "Công tác xây dựng Đảng", "Đảng bộ huyện.");
  g_autoptr(GPtrArray) hits = NULL;

  hits = search (f->store, "bàn");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_id (hits, 0), ==, ban_accent);
  g_assert_cmpint (hit_id (hits, 1), ==, ban);
  g_assert_cmpfloat (((KlSearchHit *) g_ptr_array_index (hits, 0))->rank, <,
                     ((KlSearchHit *) g_ptr_array_index (hits, 1))->rank);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->store, "ban");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (has_hit (hits, ban) && has_hit (hits, ban_accent));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->store, "Đảng");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_id (hits, 0), ==, dang_party);
  g_assert_cmpint (hit_id (hits, 1), ==, dang);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->store, "đang");
  g_assert_cmpint (hit_id (hits, 0), ==, dang);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = search (f->store, "dang");
  g_assert_cmpuint (hits->len, ==, 2);
}

static void
test_targets_and_weights (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = store_test_document ("môi trường");
  g_autoptr(KlReport) report = NULL;
  g_autoptr(KlTarget) t = store_test_target ("5", "Tỷ lệ che phủ rừng", "%", "53", "53,2", "53,5");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GString *long_body = g_string_new (NULL);
  gint64 in_title, in_body;

  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
  g_list_store_append (kl_report_get_targets (report), t);
  g_assert_true (kl_store_save_document (f->store, doc, &error));
  hits = search (f->store, "che phu rung");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, kl_document_get_id (doc));
  g_assert_nonnull (strstr (((KlSearchHit *) g_ptr_array_index (hits, 0))->snippet, "[rừng]"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A word in the title outranks the same word once in a long body. */
  for (int i = 0; i < 200; i++)
    g_string_append (long_body, "Các nội dung khác của báo cáo. ");
  g_string_append (long_body, "Có nhắc tới quốc phòng một lần.");
  in_body = add_document (f->store, "BÁO CÁO", "Tổng kết năm", long_body->str);
  in_title = add_document (f->store, "Quốc phòng địa phương", "Tổng kết năm", "Ngắn gọn.");
  g_string_free (long_body, TRUE);
  hits = search (f->store, "quoc phong");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (hit_id (hits, 0), ==, in_title);
  g_assert_cmpint (hit_id (hits, 1), ==, in_body);
  /* A match deep in a long body: a short window around it, on one line. */
  {
    const char *snippet = ((KlSearchHit *) g_ptr_array_index (hits, 1))->snippet;

    g_assert_true (g_str_has_prefix (snippet, "…"));
    g_assert_nonnull (strstr (snippet, "[quốc] [phòng]"));
    g_assert_cmpuint (strlen (snippet), <, 300);
    g_assert_null (strchr (snippet, '\n'));
  }
}

static void
test_reindex_and_odd_queries (Fixture *f, gconstpointer data)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *odd[] = { "", "   ", "\"", "ket\" OR *", "NEAR(a b)", "-", "a:b", "((", "*", "'", NULL };

  kl_document_set_body (doc, "Trồng lúa và ngô.");
  g_assert_true (kl_store_save_document (f->store, doc, &error));
  hits = search (f->store, "lua");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The index follows edits. */
  kl_document_set_body (doc, "Nuôi cá.");
  g_assert_true (kl_store_save_document (f->store, doc, &error));
  hits = search (f->store, "lua");
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "nuoi ca");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* What the user types never reaches the FTS5 syntax. */
  for (guint i = 0; odd[i] != NULL; i++)
    {
      hits = search (f->store, odd[i]);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }
  hits = search (f->store, "\"cá\" OR NEAR(");
  g_assert_cmpuint (hits->len, ==, 0);   /* words "cá", "or", "near": not all present */
}

/* The seeds: real documents, found without diacritics; timing printed for reference. */
static void
test_seeds (Fixture *f, gconstpointer data)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *name;
  guint n = 0;
  gint64 start;

  if (seeds == NULL || (dir = g_dir_open (seeds, 0, NULL)) == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, name, NULL);
      g_autofree char *text = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      add_document (f->store, name, NULL, text);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);

  start = g_get_monotonic_time ();
  hits = search (f->store, "ket luan");
  g_test_message ("search over %u seeds: %" G_GINT64_FORMAT " us", n, g_get_monotonic_time () - start);
  g_assert_cmpuint (hits->len, >=, 1);
  for (guint i = 0; i < hits->len; i++)
    {
      const char *snippet = ((KlSearchHit *) g_ptr_array_index (hits, i))->snippet;
      g_autofree char *folded = kl_store_fold (snippet);
      g_assert_nonnull (strstr (folded, "[ket]"));
    }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f->store, "chi tieu");
  g_assert_cmpuint (hits->len, >=, 1);
}

static void
test_fold (void)
{
  g_autofree char *a = kl_store_fold ("Đảng bộ HUYỆN Ủy Cẩm Thủy");
  g_autofree char *b = kl_store_fold ("ơ ư ă â ê ô đ Đ");

  g_assert_cmpstr (a, ==, "dang bo huyen uy cam thuy");
  g_assert_cmpstr (b, ==, "o u a a e o d d");
}

/* A library held by another program is still searched (as last indexed). */
static void
test_search_while_locked (void)
{
  g_autofree char *tmp = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "k.db", NULL);
  g_autoptr(KlStore) store = NULL;
  g_autoptr(KlStore) other = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_doc, new_doc;

  g_setenv ("KETLUAN_BUSY_TIMEOUT_MS", "20", TRUE);
  store = store_test_open (path);
  other = store_test_open (path);
  old_doc = add_document (store, "Cũ", "Văn bản cũ về thủy lợi", "Nội dung.");
  hits = search (store, "thuy loi");
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  new_doc = add_document (store, "Mới", "Văn bản mới về thủy lợi", "Nội dung.");

  g_assert_true (kl_store_exec (other, "BEGIN IMMEDIATE", &error));
  hits = search (store, "thuy loi");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (hit_id (hits, 0), ==, old_doc);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_true (kl_store_exec (other, "COMMIT", &error));

  hits = search (store, "thuy loi");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (has_hit (hits, new_doc));
  g_unsetenv ("KETLUAN_BUSY_TIMEOUT_MS");
  g_clear_object (&store);
  g_clear_object (&other);
  store_test_rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/search/fold", test_fold);
  g_test_add_func ("/store/search/while-locked", test_search_while_locked);
  g_test_add ("/store/search/without-diacritics", Fixture, NULL, fixture_set_up,
              test_without_diacritics, fixture_tear_down);
  g_test_add ("/store/search/exact-spelling-first", Fixture, NULL, fixture_set_up,
              test_exact_spelling_first, fixture_tear_down);
  g_test_add ("/store/search/targets-and-weights", Fixture, NULL, fixture_set_up,
              test_targets_and_weights, fixture_tear_down);
  g_test_add ("/store/search/reindex-and-odd-queries", Fixture, NULL, fixture_set_up,
              test_reindex_and_odd_queries, fixture_tear_down);
  g_test_add ("/store/search/seeds", Fixture, NULL, fixture_set_up, test_seeds, fixture_tear_down);

  return g_test_run ();
}
