/* test-templates.c: the built-in templates fill in, parse and render; placeholder errors. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kl-core.h"
#include "kl-templates.h"
#include "kl-sentences.h"
#include "i18n-test-common.h"

static KlTarget *
target (const char *code, const char *name, const char *unit, KlTargetKind kind,
        const char *plan, const char *actual, const char *next_plan)
{
  KlTarget *t = kl_target_new (code, name, unit);
  g_autoptr(KlValue) p = kl_value_parse (plan, NULL);
  g_autoptr(KlValue) a = kl_value_parse (actual, NULL);
  g_autoptr(KlValue) n = kl_value_parse (next_plan, NULL);

  kl_target_set_kind (t, kind);
  kl_target_set_plan (t, p);
  kl_target_set_actual (t, a);
  kl_target_set_next_plan (t, n);
  return t;
}

typedef struct {
  KlOrganization *org;
  KlMeeting      *meeting;
} Fixture;

/* A commune committee and a meeting with two reports, written for this test. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(KlReport) econ = kl_report_new ("Báo cáo tình hình kinh tế - xã hội năm 2025");
  g_autoptr(KlReport) party = kl_report_new ("Báo cáo công tác xây dựng Đảng năm 2025");
  g_autoptr(KlTarget) t1 = target ("1", "Thu nhập bình quân đầu người", "Triệu đồng",
                                   KL_TARGET_KIND_MAIN, "55", "57,5", "trên 60");
  g_autoptr(KlTarget) t2 = target ("2", "Sản lượng lương thực", "Tấn", KL_TARGET_KIND_COMPONENT,
                                   "9.800", "9.350", "9.900");
  g_autoptr(KlTarget) t3 = target ("1", "Kết nạp đảng viên mới", "Đảng viên",
                                   KL_TARGET_KIND_MAIN, "15", "16", "15");

  f->org = kl_organization_new ();
  kl_organization_set_superior (f->org, "ĐẢNG BỘ TỈNH HÀ GIANG");
  kl_organization_set_name (f->org, "ĐẢNG ỦY XÃ THANH LONG");
  kl_organization_set_abbreviation (f->org, "ĐU");
  kl_organization_set_place (f->org, "Thanh Long");
  kl_organization_set_committee (f->org, "Đảng bộ xã");
  kl_organization_set_term (f->org, "I");
  kl_organization_set_term_years (f->org, "2025-2030");

  f->meeting = kl_meeting_new ();
  kl_meeting_set_body (f->meeting, KL_MEETING_BODY_BCH);
  kl_meeting_set_ordinal (f->meeting, 9);
  kl_meeting_set_term (f->meeting, "I");
  kl_meeting_set_date (f->meeting, "2025-12-17");
  kl_meeting_set_chair (f->meeting, "đồng chí Bí thư Đảng ủy xã");

  kl_report_set_presenter (econ, "Ủy ban nhân dân xã");
  kl_report_set_period (econ, "năm 2025");
  g_list_store_append (kl_report_get_targets (econ), t1);
  g_list_store_append (kl_report_get_targets (econ), t2);
  kl_report_set_period (party, "năm 2025");
  g_list_store_append (kl_report_get_targets (party), t3);
  g_list_store_append (kl_meeting_get_reports (f->meeting), econ);
  g_list_store_append (kl_meeting_get_reports (f->meeting), party);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->org);
  g_clear_object (&f->meeting);
}

static void
assert_no_braces (const char *text)
{
  if (text != NULL && strstr (text, "{{") != NULL)
    g_error ("placeholder left in: %s", text);
}

static void
count_blocks (const char *body, guint *headings, guint *paragraphs, guint *items)
{
  g_autoptr(KlMarkup) markup = kl_markup_parse (body);

  *headings = *paragraphs = *items = 0;
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      KlBlock *b = markup->blocks->pdata[i];
      if (b->type == KL_BLOCK_HEADING)
        (*headings)++;
      else if (b->type == KL_BLOCK_PARAGRAPH)
        (*paragraphs)++;
      else if (b->type == KL_BLOCK_ITEM)
        (*items)++;
    }
}

/* Renders @doc to PDF through ketluan-cli (the render layer is not linked into core tests). */
static void
render_pdf (KlDocument *doc, const char *tag)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("ketluan-cli is not built: %s not rendered", tag);
      return;
    }
  dir = g_dir_make_tmp ("ketluan-templates-XXXXXX", &error);
  g_assert_no_error (error);
  json = g_build_filename (dir, "doc.json", NULL);
  pdf = g_build_filename (dir, "doc.pdf", NULL);
  file = g_file_new_for_path (json);
  g_assert_true (kl_json_save_document (doc, file, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "render", json, "-o", pdf, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s: %s%s", tag, out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_unlink (json);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_builtin (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) templates = kl_templates_builtin ();
  g_autoptr(KlReport) first = g_list_model_get_item (G_LIST_MODEL (kl_meeting_get_reports (f->meeting)), 0);
  g_autofree char *count1 = kl_sentences_count (first);
  g_autofree char *title = kl_meeting_dup_title (f->meeting, "Đảng bộ xã");
  gboolean kinds[3] = { FALSE, FALSE, FALSE };

  g_assert_nonnull (count1);
  g_assert_cmpuint (templates->len, ==, 3);
  for (guint i = 0; i < templates->len; i++)
    {
      KlTemplate *tpl = templates->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = kl_template_instantiate (tpl->text, f->org, f->meeting, NULL,
                                                           &error);
      const char * const *recipients;
      guint headings, paragraphs, items, n;
      const char *body;

      g_test_message ("template %s", tpl->name);
      g_assert_no_error (error);
      g_assert_nonnull (doc);
      body = kl_document_get_body (doc);
      g_test_message ("%s\n%s", kl_document_get_summary (doc), body);

      assert_no_braces (body);
      assert_no_braces (kl_document_get_summary (doc));
      assert_no_braces (kl_document_get_title (doc));
      assert_no_braces (kl_signer_get_authority (kl_document_get_signer (doc)));
      recipients = kl_document_get_recipients (doc);
      g_assert_nonnull (recipients);
      n = g_strv_length ((char **) recipients);
      g_assert_cmpuint (n, >=, 3);
      for (guint r = 0; r < n; r++)
        {
          assert_no_braces (recipients[r]);
          g_assert_true (g_str_has_prefix (recipients[r], "- "));
          g_assert_true (g_str_has_suffix (recipients[r], r + 1 < n ? "," : "."));
        }
      g_assert_true (g_str_has_prefix (recipients[n - 1], "- Lưu Văn phòng Đảng ủy"));

      /* The organization is applied; the generated sentences are in. */
      g_assert_cmpstr (kl_document_get_issuer (doc), ==, "ĐẢNG ỦY XÃ THANH LONG");
      g_assert_cmpstr (kl_document_get_issuer_abbreviation (doc), ==, "ĐU");
      g_assert_nonnull (strstr (body, count1));
      g_assert_nonnull (strstr (body, "Về tình hình kinh tế - xã hội năm 2025"));
      g_assert_nonnull (strstr (body, "Về công tác xây dựng Đảng năm 2025"));

      count_blocks (body, &headings, &paragraphs, &items);
      g_assert_cmpuint (paragraphs, >=, 3);

      if (strcmp (kl_document_get_kind (doc), "TB") == 0)
        {
          kinds[0] = TRUE;
          g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO");
          g_assert_true (g_str_has_suffix (kl_document_get_summary (doc), title));
          g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (doc)), ==, "T/M ĐẢNG ỦY");
          g_assert_cmpuint (headings, ==, 3);   /* one per report, then the follow-up */
          g_assert_nonnull (strstr (body, "ngày 17/12/2025"));
          g_assert_nonnull (strstr (body, "Hội nghị do đồng chí Bí thư Đảng ủy xã chủ trì."));
          g_assert_nonnull (strstr (body, "Giao Ủy ban nhân dân xã tiếp thu"));
          g_assert_nonnull (strstr (body, "### 3. Tổ chức thực hiện"));
          g_assert_nonnull (strstr (body, "Văn phòng Đảng ủy theo dõi"));
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 0);
        }
      else if (strcmp (kl_document_get_kind (doc), "KL") == 0)
        {
          kinds[1] = TRUE;
          g_assert_cmpstr (kl_document_get_title (doc), ==, "KẾT LUẬN");
          g_assert_true (g_str_has_prefix (kl_document_get_summary (doc), "của Ban Chấp hành Đảng bộ xã về"));
          g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (doc)), ==, "T/M ĐẢNG ỦY");
          g_assert_nonnull (strchr (kl_document_get_summary (doc), '\n'));
          g_assert_cmpuint (headings, ==, 3);
          g_assert_true (g_str_has_prefix (body, "Tại Hội nghị lần thứ 9 Ban Chấp hành Đảng bộ xã khóa I ngày 17/12/2025,"));
          g_assert_nonnull (strstr (body, "thảo luận, Ban Chấp hành Đảng bộ xã kết luận như sau:"));
          /* A meeting of the Standing Committee signs for it. */
          {
            g_autoptr(KlDocument) btv = NULL;
            g_autoptr(GError) e = NULL;
            kl_meeting_set_body (f->meeting, KL_MEETING_BODY_BTV);
            btv = kl_template_instantiate (tpl->text, f->org, f->meeting, NULL, &e);
            g_assert_no_error (e);
            g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (btv)), ==, "T/M BAN THƯỜNG VỤ");
            g_assert_true (g_str_has_prefix (kl_document_get_summary (btv), "của Ban Thường vụ Đảng ủy về"));
            kl_meeting_set_body (f->meeting, KL_MEETING_BODY_BCH);
          }
        }
      else if (strcmp (kl_document_get_kind (doc), "BC") == 0)
        {
          kinds[2] = TRUE;
          g_assert_cmpstr (kl_document_get_title (doc), ==, "BÁO CÁO");
          g_assert_cmpstr (kl_document_get_summary (doc), ==, "kết quả thực hiện các chỉ tiêu chủ yếu năm 2025");
          g_assert_cmpuint (headings, ==, 4);   /* I, II and one per report */
          /* The annex: copies of the reports with their targets. */
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 2);
          {
            g_autoptr(KlReport) annexed = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 0);
            g_assert_cmpuint (kl_report_get_n_targets (annexed), ==, 2);
          }
          g_assert_nonnull (strstr (body, "Phụ lục 2"));
        }
      else
        g_assert_not_reached ();

      /* The markup parses and writes back to the same tree. */
      {
        g_autoptr(KlMarkup) markup = kl_markup_parse (body);
        g_autofree char *written = kl_markup_write (markup);
        g_autoptr(KlMarkup) again = kl_markup_parse (written);
        g_assert_true (kl_markup_equal (markup, again));
      }

      render_pdf (doc, tpl->name);
    }
  g_assert_true (kinds[0] && kinds[1] && kinds[2]);
}

/* Without a meeting or reports the templates still fill in (blank fields), and without
 * a chair the sentence about the chair goes. */
static void
test_sparse (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) templates = kl_templates_builtin ();

  for (guint i = 0; i < templates->len; i++)
    {
      KlTemplate *tpl = templates->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = kl_template_instantiate (tpl->text, NULL, NULL, NULL, &error);
      g_autoptr(KlMarkup) markup = NULL;

      g_assert_no_error (error);
      assert_no_braces (kl_document_get_body (doc));
      assert_no_braces (kl_document_get_summary (doc));
      assert_no_braces (kl_document_get_body (doc));
      g_assert_null (strstr (kl_document_get_body (doc), "chủ trì"));
      markup = kl_markup_parse (kl_document_get_body (doc));
      g_assert_cmpuint (markup->blocks->len, >=, 2);
    }

  /* The chair only when there is one; reports given apart from the meeting. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListStore) one = g_list_store_new (KL_TYPE_REPORT);
    g_autoptr(KlReport) report = kl_report_new ("Báo cáo *đặc biệt* | quý I");
    g_autoptr(KlDocument) doc = NULL;
    g_autoptr(KlMarkup) markup = NULL;
    g_autofree char *plain = NULL;

    g_list_store_append (one, report);
    kl_meeting_set_chair (f->meeting, NULL);
    doc = kl_template_instantiate (((KlTemplate *) templates->pdata[0])->text, f->org,
                                   f->meeting, G_LIST_MODEL (one), &error);
    g_assert_no_error (error);
    g_assert_null (strstr (kl_document_get_body (doc), "chủ trì"));
    /* A title's markup characters stay text. */
    markup = kl_markup_parse (kl_document_get_body (doc));
    plain = kl_markup_to_plain (markup);
    g_assert_nonnull (strstr (plain, "1. Về *đặc biệt* | quý I"));
  }
}

typedef struct {
  const char *text;
  const char *message;  /* how the error's message starts */
} ErrorCase;

/* Each template text of @cases fails to instantiate with a parse error whose message starts
 * with the one given. */
static void
assert_errors (Fixture *f, const ErrorCase *cases, gsize n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = kl_template_instantiate (cases[i].text, f->org, f->meeting,
                                                           NULL, &error);
      g_test_message ("%s", cases[i].text);
      g_assert_null (doc);
      g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  static const ErrorCase cases[] = {
    { "kind: TB\n---\nDòng một.\n\n{{meeting.foo}}\n", "line 5: unknown placeholder {{meeting.foo}}" },
    { "Về {{report.3.title}}\n", "line 1: {{report.3.title}}: there are only 2 reports" },
    { "A\n{{#reports}}\n### {{report.title}}\n", "line 2: {{#reports}} is never closed by {{/reports}}" },
    { "{{#reports}}x{{/meeting.chair}}\n", "line 1: {{/meeting.chair}} found where {{/reports}}" },
    { "\n\nx {{/reports}}\n", "line 3: {{/reports}} closes a section that was never opened" },
    { "a\nb {{meeting.title\n}}\n", "line 2: '{{' is not closed by '}}' on the same line" },
    { "{{report.title}}\n", "line 1: {{report.title}} is outside {{#reports}}" },
    { "kind: TB\ntitle: THÔNG BÁO\nDòng không phải trường\n", "line 3: 'Dòng không phải trường' is not a header field" },
    { "kind: TB\ntitle: THÔNG BÁO\n", "line 3: the header is not closed by a line '---'" },
    { "kind: TB\nannex: maybe\n---\nx\n", "line 2: annex must be 'yes' or 'no'" },
    { "kind: TB\nsummary: về {{reports.nope}}\n---\nx\n", "line 2: unknown placeholder {{reports.nope}}" },
    { "{{}}", "line 1: empty placeholder {{}}" },
  };

  assert_errors (f, cases, G_N_ELEMENTS (cases));
}

/* Under LANGUAGE=vi the same errors are Vietnamese sentences after the untranslated "line N: ",
 * which the editor and ketluan-cli read. */
static void
test_errors_vietnamese (Fixture *f, gconstpointer data)
{
  static const ErrorCase cases[] = {
    { "kind: TB\n---\nDòng một.\n\n{{meeting.foo}}\n", "line 5: không có ô điền {{meeting.foo}}" },
    { "Về {{report.3.title}}\n", "line 1: {{report.3.title}}: chỉ có 2 báo cáo" },
    { "kind: TB\ntitle: THÔNG BÁO\n", "line 3: phần đầu mẫu chưa được đóng bằng một dòng “---”" },
  };

  if (!i18n_test_in_vietnamese ())
    return;
  assert_errors (f, cases, G_N_ELEMENTS (cases));
}

static void
test_plain_text (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;

  /* No header: all of it is the body, kind TB; embeds pass through. */
  doc = kl_template_instantiate ("{{issuer.short}} {{place}}: {{reports.count}} báo cáo.\n\n"
                                 "{{targets 1}}\n", f->org, f->meeting, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO");
  g_assert_cmpstr (kl_document_get_body (doc), ==, "Đảng ủy Thanh Long: 2 báo cáo.\n\n{{targets 1}}\n");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Thanh Long");
  g_assert_true (kl_document_get_meeting (doc) == f->meeting);

  /* The header fields are read back as written. */
  {
    g_autoptr(GPtrArray) templates = kl_templates_builtin ();
    g_autofree char *kind = kl_template_dup_field (((KlTemplate *) templates->pdata[2])->text, "kind");
    g_autofree char *none = kl_template_dup_field ("Không có phần đầu.\n", "kind");
    g_assert_cmpstr (kind, ==, "BC");
    g_assert_null (none);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/templates/builtin", Fixture, NULL, fixture_set_up, test_builtin, fixture_tear_down);
  g_test_add ("/core/templates/sparse", Fixture, NULL, fixture_set_up, test_sparse, fixture_tear_down);
  g_test_add ("/core/templates/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/core/templates/errors-vietnamese", Fixture, NULL, fixture_set_up,
              test_errors_vietnamese, fixture_tear_down);
  g_test_add ("/core/templates/plain-text", Fixture, NULL, fixture_set_up, test_plain_text, fixture_tear_down);

  return g_test_run ();
}
