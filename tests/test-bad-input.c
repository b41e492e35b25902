/* test-bad-input.c: broken, hostile and odd input must give clear errors, fast, never a crash. */
#include "config.h"

#include <string.h>

#include "kl-core.h"

static char *
bad_path (const char *name)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  g_assert_nonnull (srcdir);
  return g_build_filename (srcdir, "bad-input", name, NULL);
}

static KlDocument *
load_bad (const char *name, GError **error)
{
  g_autofree char *path = bad_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (g_str_has_suffix (name, ".json"))
    return kl_json_load_document (file, error);
  return kl_importer_import_file (file, error);
}

static gboolean
has_warning (KlDocument *doc, guint line, const char *text)
{
  GListModel *w = G_LIST_MODEL (kl_document_get_warnings (doc));

  for (guint i = 0; i < g_list_model_get_n_items (w); i++)
    {
      g_autoptr(KlWarning) warning = g_list_model_get_item (w, i);
      if ((line == 0 || kl_warning_get_line (warning) == line) &&
          strstr (kl_warning_get_message (warning), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
n_targets (KlDocument *doc)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));
  g_autoptr(KlReport) r = NULL;

  if (g_list_model_get_n_items (reports) == 0)
    return 0;
  r = g_list_model_get_item (reports, 0);
  return kl_report_get_n_targets (r);
}

static void
test_truncated_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = load_bad ("truncated-table.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n_targets (doc), ==, 2);
  /* The cut row is kept, its missing cell named. */
  g_assert_true (has_warning (doc, 32, "row 2 has 5 cells where the header has 6"));
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (doc)), ==, "Lò Văn Khánh");
}

static void
test_wrong_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = load_bad ("wrong-columns.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n_targets (doc), ==, 3);
  g_assert_true (has_warning (doc, 31, "line 31: row 1 has 4 cells"));
  g_assert_true (has_warning (doc, 31, "TH năm 2025, TH/KH (%)"));
  g_assert_true (has_warning (doc, 32, "row 2, column 7: extra cell"));
}

static void
test_table_without_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = load_bad ("table-without-targets.txt", &error);

  /* The document imports; the table that has no target is said, not invented. */
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 0);
  g_assert_true (has_warning (doc, 30, "the table was not imported"));
}

static void
test_errors (void)
{
  const struct {
    const char *file;
    int         code;
    const char *prefix;
  } cases[] = {
    { "windows-1258.txt", KL_CORE_ERROR_INVALID_UTF8, "line 1: invalid UTF-8 at byte 5" },
    { "invalid-utf8.txt", KL_CORE_ERROR_INVALID_UTF8, "line 7: invalid UTF-8 at byte " },
    { "no-document.txt", KL_CORE_ERROR_PARSE, "line 1: nothing that looks like a document" },
    { "empty.txt", KL_CORE_ERROR_PARSE, "line 1: " },
    { "broken.json", KL_CORE_ERROR_PARSE, "line 4: broken JSON" },
    { "newer-version.json", KL_CORE_ERROR_VERSION, "the document is in format version 2" },
    { "not-ours.json", KL_CORE_ERROR_FORMAT, "not a Ketluan document" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = load_bad (cases[i].file, &error);

      g_test_message ("%s: %s", cases[i].file, error != NULL ? error->message : "(no error)");
      g_assert_null (doc);
      g_assert_error (error, KL_CORE_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
    }
}

/* 10 MB of random bytes: refused as not UTF-8 at once. */
static void
test_garbage_bytes (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree guint8 *data = g_malloc (size);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  gint64 start;

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 r = g_rand_int (rand);
      memcpy (data + i, &r, 4);
    }
  start = g_get_monotonic_time ();
  doc = kl_importer_import_text ((const char *) data, (gssize) size, &error);
  g_assert_null (doc);
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_INVALID_UTF8);
  g_assert_true (g_str_has_prefix (error->message, "line "));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* 10 MB of valid but meaningless text made of the importer's own markers. */
static void
test_garbage_text (void)
{
  const char *const pieces[] = {
    "**", "*", "<sup>", "(3)", "</sup>", "<b>", "\t", "\n", "\n\n", " ", "- ", "+ ", "## ", "I- ",
    "1.2. ", "Nơi nhận:", "T/M ", "ngày", "tháng", "(", ")", "đạt", "kế hoạch", "<", "[^", "|", "\\",
    "ĐẢNG ", "Số ", "a) ", "17.501", "Phần thứ ",
  };
  gsize size = 10 * 1024 * 1024;
  GString *s = g_string_sized_new (size + 64);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  gint64 start;

  /* A type name first, so that every stage of the importer runs. */
  g_string_append (s, "**THÔNG BÁO**\n\n**thử**\n\n-----\n\n");
  while (s->len < size)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  start = g_get_monotonic_time ();
  doc = kl_importer_import_text (s->str, (gssize) s->len, &error);
  g_test_message ("10 MB of marker soup: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_true (doc != NULL || error != NULL);
  if (doc != NULL)
    g_assert_true (g_utf8_validate (kl_document_get_body (doc), -1, NULL));
  g_string_free (s, TRUE);
}

/* One line of 1 MB: a paragraph, and a line of unclosed tags. */
static void
test_long_line (void)
{
  const char *const fillers[] = { "chữ ", "<sup>", "<", "**", "(1)" };

  for (guint f = 0; f < G_N_ELEMENTS (fillers); f++)
    {
      GString *s = g_string_new ("**THÔNG BÁO**\n\n**thử**\n\n-----\n\n");
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      gint64 start;

      while (s->len < 1024 * 1024)
        g_string_append (s, fillers[f]);
      g_string_append (s, "\n\nNơi nhận:\n\n- Lưu.\n");
      start = g_get_monotonic_time ();
      doc = kl_importer_import_text (s->str, (gssize) s->len, &error);
      g_test_message ("1 MB line of '%s': %.2f s", fillers[f], (g_get_monotonic_time () - start) / 1e6);
      g_assert_no_error (error);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      /* Text stays text; unclosed tags are dropped, with a bounded number of warnings. */
      if (strchr (fillers[f], '<') == NULL || g_str_equal (fillers[f], "<"))
        g_assert_cmpuint (strlen (kl_document_get_body (doc)), >=, 1000000);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_warnings (doc))), <, 50);
      g_assert_cmpuint (g_strv_length ((char **) kl_document_get_recipients (doc)), ==, 1);
      g_string_free (s, TRUE);
    }
}

static void
test_too_large (void)
{
  gsize size = 65 * 1024 * 1024;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;

  memset (data, 'a', size);
  doc = kl_importer_import_text (data, (gssize) size, &error);
  g_assert_null (doc);
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TOO_LARGE);
}

static const char small_doc[] =
  "ĐẢNG BỘ TỈNH NAM LÂM\nHUYỆN ỦY ĐÔNG KHÊ\n\nSố 5-TB/HU\n\nĐông Khê, ngày 02 tháng 3 năm 2026\n\n"
  "**THÔNG BÁO**\n\n**ý kiến của Thường trực Huyện ủy**\n\n-----\n\n"
  "Thường trực Huyện ủy đồng ý với đề xuất về lịch tiếp công dân tháng 3 và giao Văn phòng\n\n"
  "theo dõi, đôn đốc thực hiện.\n\nNơi nhận:\n\n- Các xã, thị trấn,\n- Lưu.\n\n"
  "**T/L BAN THƯỜNG VỤ  \nCHÁNH VĂN PHÒNG**\n\n**Vi Thị Nguyệt**\n";

/* NFD, a BOM and CRLF line ends read like the plain file. */
static void
test_encoding_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) plain = kl_importer_import_text (small_doc, -1, &error);
  g_autofree char *nfd = g_utf8_normalize (small_doc, -1, G_NORMALIZE_NFD);
  g_auto(GStrv) lines = g_strsplit (small_doc, "\n", -1);
  g_autofree char *crlf_body = g_strjoinv ("\r\n", lines);
  g_autofree char *bom_crlf = g_strconcat ("\xEF\xBB\xBF", crlf_body, NULL);
  const char *variants[] = { nfd, bom_crlf };

  g_assert_no_error (error);
  g_assert_nonnull (strstr (kl_document_get_body (plain), "giao Văn phòng theo dõi, đôn đốc"));
  g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (plain)), ==, "T/L BAN THƯỜNG VỤ");
  g_assert_cmpstr (kl_signer_get_position (kl_document_get_signer (plain)), ==, "CHÁNH VĂN PHÒNG");
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(KlDocument) doc = kl_importer_import_text (variants[i], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kl_document_get_body (doc), ==, kl_document_get_body (plain));
      g_assert_cmpstr (kl_document_get_issuer (doc), ==, "HUYỆN ỦY ĐÔNG KHÊ");
      g_assert_cmpstr (kl_document_get_date (doc), ==, "2026-03-02");
      g_assert_cmpstrv (kl_document_get_recipients (doc), kl_document_get_recipients (plain));
      g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (doc)), ==, "Vi Thị Nguyệt");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/bad-input/truncated-table", test_truncated_table);
  g_test_add_func ("/core/bad-input/wrong-columns", test_wrong_columns);
  g_test_add_func ("/core/bad-input/table-without-targets", test_table_without_targets);
  g_test_add_func ("/core/bad-input/errors", test_errors);
  g_test_add_func ("/core/bad-input/garbage-bytes", test_garbage_bytes);
  g_test_add_func ("/core/bad-input/garbage-text", test_garbage_text);
  g_test_add_func ("/core/bad-input/long-line", test_long_line);
  g_test_add_func ("/core/bad-input/too-large", test_too_large);
  g_test_add_func ("/core/bad-input/encoding-variants", test_encoding_variants);

  return g_test_run ();
}
