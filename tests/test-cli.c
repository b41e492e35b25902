/* test-cli.c: "ketluan-cli import" and "ketluan-cli targets" run as a user would run them. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kl-core.h"
#include "i18n-test-common.h"

typedef struct {
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs @program with the arguments in @ap (NULL-terminated) in @env (NULL: this one's). */
static void
run_program_va (Run *r, const char *program, GStrv env, va_list ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *a;

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (char *) program);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  memset (r, 0, sizeof *r);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GError) status_error = NULL;
    if (g_spawn_check_wait_status (wait_status, &status_error))
      r->status = 0;
    else
      r->status = status_error->domain == G_SPAWN_EXIT_ERROR ? status_error->code : -1;
  }
}

/* Runs ketluan-cli with the NULL-terminated arguments; the exit status in r->status. */
static void
run_cli (Run *r, ...)
{
  va_list ap;

  va_start (ap, r);
  run_program_va (r, g_getenv ("KETLUAN_CLI"), NULL, ap);
  va_end (ap);
}

/* Runs @program with the NULL-terminated arguments in @env (NULL: this one's). */
static void
run_program (Run *r, const char *program, GStrv env, ...)
{
  va_list ap;

  va_start (ap, env);
  run_program_va (r, program, env, ap);
  va_end (ap);
}

/* The same in Vietnamese (LANGUAGE=vi), with the catalog of the build tree. */
static void
run_cli_vietnamese (Run *r, ...)
{
  g_auto(GStrv) env = i18n_test_vietnamese_environ ();
  va_list ap;

  va_start (ap, r);
  run_program_va (r, g_getenv ("KETLUAN_CLI"), env, ap);
  va_end (ap);
}

static char *
seed (const char *prefix)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  g_assert_not_reached ();
  return NULL;
}

static char *
bad (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "bad-input", name, NULL);
}

/* Every line of @err is "PATH:LINE: warning: …" (or "PATH: warning: …"). */
static void
assert_warning_lines (const char *err, const char *path)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
  g_autofree char *escaped = g_regex_escape_string (path, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s(:[0-9]+)?: warning: .+$", escaped);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      if (!g_regex_match_simple (pattern, lines[i], 0, 0))
        g_error ("not a warning line: %s", lines[i]);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_import_summary (void)
{
  g_autofree char *path = seed ("000_");
  g_auto(Run) r;

  run_cli (&r, "import", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "kind:        TB\n"));
  g_assert_nonnull (strstr (r.out, "recipients:  7\n"));
  g_assert_nonnull (strstr (r.out, "footnotes:   0\n"));
  g_assert_nonnull (strstr (r.out, "paragraphs:  25\n"));
  g_assert_nonnull (strstr (r.out, "Cao Trang Trọng"));
  assert_warning_lines (r.err, path);
  {
    g_autofree char *joined = g_strdup_printf ("%s:25: warning: paragraph joined", path);
    g_assert_nonnull (strstr (r.err, joined));
  }
}

static void
test_import_json (void)
{
  g_autofree char *path = seed ("001_");
  g_auto(Run) r;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o, *report;

  run_cli (&r, "import", path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "ketluan-document");
  g_assert_null (strstr (json_object_get_string_member (o, "body"), "<sup>"));
  report = json_array_get_object_element (json_object_get_array_member (o, "reports"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "targets")), ==, 51);
}

static void
test_import_output_file (void)
{
  g_autofree char *path = seed ("002_");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ketluan-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "doc.json", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) r;
  g_auto(Run) again;
  g_autoptr(KlDocument) doc = NULL;

  g_assert_no_error (error);
  run_cli (&r, "import", path, "--json", "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  doc = kl_json_read_document (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_symbol (doc), ==, "406-TB/HU");

  /* The JSON file is itself an input. */
  run_cli (&again, "import", out, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "symbol:      406-TB/HU\n"));

  g_assert_cmpint (g_remove (out), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_targets (void)
{
  g_autofree char *path = seed ("001_");
  g_auto(Run) r;
  g_autofree char *repeat = g_strdup_printf ("%s:355: warning: the header row repeated", path);
  g_autoptr(GRegex) summary = g_regex_new ("^\\d+/2 chỉ tiêu chính, \\d+/3[89] chỉ tiêu thành phần đạt và vượt kế hoạch$",
                                           G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) row = g_regex_new ("^3\\.1 +Tổng sản lượng lương thực +Tấn +> 17\\.600 +17\\.501 +99,4 +Không đạt !$",
                                       G_REGEX_MULTILINE, 0, NULL);

  run_cli (&r, "targets", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_regex_match (summary, r.out, 0, NULL));
  /* An aligned row with its ratio, status and the mark of a typed status that disagrees. */
  g_assert_true (g_regex_match (row, r.out, 0, NULL));
  g_assert_nonnull (strstr (r.out, repeat));
  /* A long name is wrapped, not cut. */
  g_assert_nonnull (strstr (r.out, "cơ sở mức độ 1 trở lên"));
}

static void
test_targets_json (void)
{
  g_autofree char *path = seed ("001_");
  g_auto(Run) r;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *report, *count;

  run_cli (&r, "targets", path, "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  g_assert_no_error (error);
  report = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "reports"), 0);
  count = json_object_get_object_member (report, "count");
  g_assert_cmpint (json_object_get_int_member (count, "main_total"), ==, 2);
  /* 39 component rows; the one without a result (5.3) may be left out of the total. */
  g_assert_cmpint (json_object_get_int_member (count, "component_total"), >=, 38);
  g_assert_cmpint (json_object_get_int_member (count, "component_total"), <=, 39);
  g_assert_cmpint (json_object_get_int_member (count, "main_met"), <=, 2);
}

static void
test_targets_none (void)
{
  g_autofree char *path = seed ("000_");
  g_auto(Run) r;
  g_autofree char *expected = g_strdup_printf ("%s: no target table in this document\n", path);

  run_cli (&r, "targets", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, expected);
  g_assert_cmpstr (r.out, ==, "");
}

/* Bad input: "FILE:LINE: what is wrong" on stderr, exit 1, nothing on stdout, no file written. */
static void
test_bad_files (void)
{
  const struct {
    const char *name;
    const char *line;   /* ":7: " or ": " when the error has no line */
    const char *text;
  } cases[] = {
    { "windows-1258.txt", ":1: ", "invalid UTF-8 at byte 5" },
    { "invalid-utf8.txt", ":7: ", "invalid UTF-8 at byte" },
    { "no-document.txt", ":1: ", "nothing that looks like a document" },
    { "broken.json", ":4: ", "broken JSON at column" },
    { "newer-version.json", ": ", "the document is in format version 2, newer than version 1" },
    { "not-ours.json", ": ", "not a Ketluan document" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ketluan-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.json", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (kept, "{\"keep\": true}\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = bad (cases[i].name);
      g_autofree char *prefix = g_strdup_printf ("%s%s%s", path, cases[i].line, cases[i].text);
      g_auto(Run) r;
      g_auto(Run) r2;
      g_auto(Run) r3;
      g_autofree char *contents = NULL;

      run_cli (&r, "import", path, NULL);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_true (g_str_has_prefix (r.err, prefix));
      g_assert_cmpstr (r.out, ==, "");
      /* One line: the message, nothing else. */
      g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);

      run_cli (&r2, "import", path, "--json", "-o", out, NULL);
      g_assert_cmpint (r2.status, ==, 1);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

      run_cli (&r3, "import", path, "-o", kept, NULL);
      g_assert_cmpint (r3.status, ==, 1);
      g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "{\"keep\": true}\n");
    }
  g_assert_cmpint (g_remove (kept), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_usage (void)
{
  g_auto(Run) r;
  g_auto(Run) r2;
  g_auto(Run) r3;

  run_cli (&r, "import", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, "ketluan-cli: import: no file given"));

  run_cli (&r2, "import", "/nonexistent/file.txt", NULL);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_true (g_str_has_prefix (r2.err, "/nonexistent/file.txt: cannot read the file"));

  run_cli (&r3, "targets", "--frobnicate", NULL);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_nonnull (strstr (r3.err, "unknown option '--frobnicate'"));
}

/* Under LANGUAGE=vi the help, the summary and the importer's warnings are in Vietnamese; what
 * tools read (FILE:LINE: warning:, the options) stays as it is. */
static void
test_vietnamese (void)
{
  g_autofree char *path = seed ("000_");
  g_autofree char *joined = g_strdup_printf ("%s:25: warning: đã nối đoạn văn này với đoạn ở dòng 27 "
                                             "(bị ngắt trang)\n", path);
  g_auto(Run) help = { 0 };
  g_auto(Run) english = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) fix = { 0 };
  g_auto(Run) tasks = { 0 };
  g_auto(Run) legacy = { 0 };
  g_auto(Run) not_ours = { 0 };
  g_autofree char *not_ours_json = g_test_build_filename (G_TEST_DIST, "bad-input", "not-ours.json", NULL);
  g_autofree char *windows_1258 = g_test_build_filename (G_TEST_DIST, "bad-input", "windows-1258.txt", NULL);
  g_autofree char *not_utf8 = g_strdup_printf ("%s:1: mã UTF-8 không hợp lệ ở byte 5 (0xD4): tệp phải "
                                               "được lưu theo bảng mã UTF-8", windows_1258);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ketluan-cli-XXXXXX", &error);
  g_autofree char *fixed = g_build_filename (dir, "fixed.json", NULL);
  g_autofree char *seed_001 = seed ("001_");
  g_autofree char *applied = g_strdup_printf ("%s: đã sửa 4 chỗ, ghi ra %s\n", seed_001, fixed);

  g_assert_no_error (error);
  run_cli_vietnamese (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_str_has_prefix (help.out, "Cách dùng: ketluan-cli [--db PATH] COMMAND [ARGUMENTS…]\n"));
  g_assert_nonnull (strstr (help.out, "\n  check FILE|--id N                    kiểm tra văn bản trước khi trình ký\n"));
  g_assert_nonnull (strstr (help.out, "\nTùy chọn:\n  --db PATH     tệp cơ sở dữ liệu của kho văn bản"));
  run_cli (&english, "--help", NULL);
  g_assert_true (g_str_has_prefix (english.out, "Usage: ketluan-cli [--db PATH] COMMAND [ARGUMENTS…]\n"));
  g_assert_nonnull (strstr (english.out, "\n  check FILE|--id N                    check a document before signing\n"));

  run_cli_vietnamese (&import, "import", path, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "\n  nơi nhận:       7\n"));
  assert_warning_lines (import.err, path);
  g_assert_nonnull (strstr (import.err, joined));

  run_cli_vietnamese (&unknown, "import", path, "--frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "ketluan-cli: import: không có tùy chọn “--frobnicate”"));

  /* The count of fixes through ngettext. */
  run_cli_vietnamese (&fix, "check", seed_001, "--fix", "-o", fixed, NULL);
  g_assert_true (g_str_has_prefix (fix.err, applied));
  g_assert_cmpint (g_remove (fixed), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  run_cli_vietnamese (&tasks, "tasks", "--help", NULL);
  g_assert_true (g_str_has_prefix (tasks.out, "Cách dùng: ketluan-cli tasks FILE [--today YYYY-MM-DD]"));

  /* The importer's errors too, their line as FILE:LINE:. */
  run_cli_vietnamese (&legacy, "import", windows_1258, NULL);
  g_assert_cmpint (legacy.status, ==, 1);
  g_assert_true (g_str_has_prefix (legacy.err, not_utf8));
  run_cli_vietnamese (&not_ours, "import", not_ours_json, NULL);
  g_assert_cmpint (not_ours.status, ==, 1);
  g_assert_nonnull (strstr (not_ours.err, ": không phải văn bản Ketluan: thiếu \"format\", cần là "
                                          "\"ketluan-document\"\n"));
}

/* Under LANGUAGE=vi the errors of the library and of the renderer are Vietnamese sentences
 * too; the file name, the "FILE:LINE:" of a line and the character stay as they are. */
static void
test_vietnamese_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ketluan-cli-XXXXXX", &error);
  g_autofree char *bad_db = g_build_filename (dir, "bad.db", NULL);
  g_autofree char *empty_db = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *cjk = g_build_filename (dir, "cjk.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  g_autofree char *seed_000 = seed ("000_");
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  g_autofree char *with_cjk = NULL;
  const char *rule;
  guint line = 2;
  g_autofree char *not_a_library = NULL;
  g_autofree char *empty_library = NULL;
  g_autofree char *line_prefix = NULL;
  g_auto(Run) bad = { 0 };
  g_auto(Run) empty = { 0 };
  g_auto(Run) glyph = { 0 };
  g_auto(Run) glyph_en = { 0 };
  g_auto(Run) page = { 0 };

  g_assert_no_error (error);

  /* A file that is no SQLite database, and an empty one: nothing written, the user told. */
  g_assert_true (g_file_set_contents (bad_db, "not a library, just some text that is long enough "
                                      "to fill the header of an SQLite file.\n", -1, &error));
  g_assert_true (g_file_set_contents (empty_db, "", 0, &error));
  run_cli_vietnamese (&bad, "--db", bad_db, "list", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  not_a_library = g_strdup_printf ("ketluan-cli: %s: tệp này không phải kho văn bản của Ketluan "
                                   "(không phải cơ sở dữ liệu SQLite); tệp được giữ nguyên: hãy "
                                   "chọn tệp khác hoặc khôi phục từ bản sao lưu\n", bad_db);
  g_assert_cmpstr (bad.err, ==, not_a_library);
  run_cli_vietnamese (&empty, "--db", empty_db, "list", NULL);
  g_assert_cmpint (empty.status, ==, 1);
  empty_library = g_strdup_printf ("%s: tệp kho văn bản trống", empty_db);
  g_assert_nonnull (strstr (empty.err, empty_library));

  /* A character the font lacks, in the first paragraph of the body (after the rule under
   * the title): the renderer's error at its line of the file. */
  g_assert_true (g_file_get_contents (seed_000, &text, NULL, &error));
  rule = strstr (text, "\n-----\n");
  g_assert_nonnull (rule);
  head = g_strndup (text, rule + strlen ("\n-----\n") - text);
  for (const char *p = head; *p != '\0'; p++)
    line += *p == '\n';
  with_cjk = g_strconcat (head, "\nĐoạn có chữ 中 lạ.\n", rule + strlen ("\n-----\n"), NULL);
  g_assert_true (g_file_set_contents (cjk, with_cjk, -1, &error));
  run_cli_vietnamese (&glyph, "render", cjk, "-o", out, NULL);
  g_assert_cmpint (glyph.status, ==, 1);
  line_prefix = g_strdup_printf ("%s:%u: ", cjk, line);
  g_assert_true (g_str_has_prefix (glyph.err, line_prefix));
  g_assert_nonnull (strstr (glyph.err, ": ký tự “中” (U+4E2D) trong nội dung không in được bằng "
                                       "phông "));
  run_cli (&glyph_en, "render", cjk, "-o", out, NULL);
  g_assert_true (g_str_has_prefix (glyph_en.err, line_prefix));
  g_assert_nonnull (strstr (glyph_en.err, ": character '中' (U+4E2D) in the body cannot be drawn "
                                          "with the font "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* A page past the end, counted in Vietnamese. */
  run_cli_vietnamese (&page, "render", seed_000, "-o", png, "--format", "png", "--page", "99",
                      NULL);
  g_assert_cmpint (page.status, ==, 1);
  g_assert_nonnull (strstr (page.err, "không có trang 99: văn bản chỉ có "));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_remove (cjk), ==, 0);
  g_assert_cmpint (g_remove (bad_db), ==, 0);
  g_assert_cmpint (g_remove (empty_db), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* `ketluan --help` shows that files may follow the options, in the user's language. */
static void
test_app_help (void)
{
  g_autofree char *app = g_test_build_filename (G_TEST_BUILT, "..", "src", "gui", "ketluan", NULL);
  g_auto(GStrv) env = NULL;
  g_auto(Run) english = { 0 };
  g_auto(Run) vietnamese = { 0 };

  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the window (src/gui/ketluan) is not built");
      return;
    }
  run_program (&english, app, NULL, "--help", NULL);
  g_assert_cmpint (english.status, ==, 0);
  g_assert_true (g_str_has_prefix (english.out, "Usage:\n  ketluan [OPTION…] [FILE…]\n"));

  env = i18n_test_vietnamese_environ ();
  run_program (&vietnamese, app, env, "--help", NULL);
  g_assert_cmpint (vietnamese.status, ==, 0);
  g_assert_true (g_str_has_prefix (vietnamese.out, "Cách dùng:\n  ketluan [OPTION…] [TỆP…]\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/cli/import-summary", test_import_summary);
  g_test_add_func ("/core/cli/import-json", test_import_json);
  g_test_add_func ("/core/cli/import-output-file", test_import_output_file);
  g_test_add_func ("/core/cli/targets", test_targets);
  g_test_add_func ("/core/cli/targets-json", test_targets_json);
  g_test_add_func ("/core/cli/targets-none", test_targets_none);
  g_test_add_func ("/core/cli/bad-files", test_bad_files);
  g_test_add_func ("/core/cli/usage", test_usage);
  g_test_add_func ("/core/cli/vietnamese", test_vietnamese);
  g_test_add_func ("/core/cli/vietnamese-errors", test_vietnamese_errors);
  g_test_add_func ("/core/cli/app-help", test_app_help);

  return g_test_run ();
}
