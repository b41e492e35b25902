/* test-new.c: "ketluan-cli new" drafts a document from a template, filled from a source file. */
#include "config.h"

#include <string.h>

#include "kl-core.h"

static char *
example_path (void)
{
  return g_build_filename (g_getenv ("KETLUAN_DATA"), "examples", "vi-thong-bao-ket-luan.txt", NULL);
}

static int
run_cli (const char * const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("KETLUAN_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_notice_from_example (void)
{
  g_autofree char *example = example_path ();
  const char *args[] = { "new", "TB", "--from", example, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  const char *body;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  doc = kl_json_read_document (out, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "ĐẢNG ỦY XÃ TÂN PHONG");
  /* The committee is read from the issuer's level: a commune, not a district. */
  g_assert_nonnull (strstr (kl_document_get_summary (doc), "Ban Chấp hành Đảng bộ xã khóa I"));
  g_assert_null (strstr (kl_document_get_summary (doc), "huyện"));

  body = kl_document_get_body (doc);
  g_assert_null (strstr (body, "{{"));
  /* The generated sentences carry the report's figures. */
  g_assert_nonnull (strstr (body, "2/3 chỉ tiêu chính, 9/11 chỉ tiêu thành phần đạt và vượt kế hoạch"));
  g_assert_nonnull (strstr (body, "thu ngân sách trên địa bàn thực hiện 12,35 tỷ đồng, bằng 91,5% kế hoạch"));
  g_assert_nonnull (strstr (body, "(1) Thu nhập bình quân đầu người đạt trên 62 triệu đồng;"));
  /* The issuer does not hand the report back to itself. */
  g_assert_null (strstr (body, "Giao ĐẢNG ỦY"));
}

static void
test_every_kind (void)
{
  const char *kinds[] = { "TB", "KL", "BC" };
  g_autofree char *example = example_path ();

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *args[] = { "new", kinds[i], "--from", example, NULL };
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(KlMarkup) markup = NULL;

      g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
      doc = kl_json_read_document (out, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (kl_document_get_kind (doc), ==, kinds[i]);
      markup = kl_markup_parse (kl_document_get_body (doc));
      g_assert_cmpuint (markup->blocks->len, >, 3);
      /* A report carries its target table as an annex. */
      if (g_str_equal (kinds[i], "BC"))
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 1);
    }
}

static void
test_bad_arguments (void)
{
  g_autofree char *example = example_path ();
  const char *unknown_kind[] = { "new", "XYZ", "--from", example, NULL };
  const char *no_source[] = { "new", "TB", NULL };
  const char *missing_file[] = { "new", "TB", "--from", "/nonexistent/file.txt", NULL };
  g_autofree char *out1 = NULL, *err1 = NULL, *out2 = NULL, *err2 = NULL, *out3 = NULL, *err3 = NULL;

  g_assert_cmpint (run_cli (unknown_kind, &out1, &err1), ==, 1);
  g_assert_nonnull (strstr (err1, "no template for the kind 'XYZ'"));
  g_assert_cmpint (run_cli (no_source, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "--from FILE"));
  g_assert_cmpint (run_cli (missing_file, &out3, &err3), ==, 1);
  g_assert_true (g_str_has_prefix (err3, "/nonexistent/file.txt: "));
  g_assert_cmpstr (out3, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/new/notice-from-example", test_notice_from_example);
  g_test_add_func ("/cli/new/every-kind", test_every_kind);
  g_test_add_func ("/cli/new/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
