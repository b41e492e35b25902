/* test-importer.c: importing the seeds and documents like them into KlDocument. */
#include "config.h"

#include <string.h>

#include "kl-core.h"
#include "kl-tsv.h"
#include "i18n-test-common.h"

static char *
seed_path (const char *prefix)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);
  g_assert_not_reached ();
  return NULL;
}

static KlDocument *
import_seed (const char *prefix)
{
  g_autofree char *path = seed_path (prefix);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  KlDocument *doc;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  doc = kl_importer_import_text (contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static guint
count_blocks (const char *body, KlBlockType type)
{
  g_autoptr(KlMarkup) m = kl_markup_parse (body);
  guint n = 0;

  for (guint i = 0; i < m->blocks->len; i++)
    if (((KlBlock *) m->blocks->pdata[i])->type == type)
      n++;
  return n;
}

static guint
count_flow_blocks (const char *body)
{
  g_autoptr(KlMarkup) m = kl_markup_parse (body);
  guint n = 0;

  for (guint i = 0; i < m->blocks->len; i++)
    if (((KlBlock *) m->blocks->pdata[i])->type != KL_BLOCK_FOOTNOTE)
      n++;
  return n;
}

static gboolean
has_warning_containing (KlDocument *doc, guint line, const char *text)
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

/* Nothing of the source's HTML or escapes may be left in a body. */
static void
assert_clean_body (const char *body)
{
  g_assert_null (strstr (body, "<sup>"));
  g_assert_null (strstr (body, "</sup>"));
  g_assert_null (strstr (body, "<b>"));
  g_assert_null (strstr (body, "</b>"));
  g_assert_null (strstr (body, "<br"));
  g_assert_true (g_utf8_validate (body, -1, NULL));
}

static void
assert_markup_round_trip (const char *body)
{
  g_autoptr(KlMarkup) m = kl_markup_parse (body);
  g_autofree char *again = kl_markup_write (m);
  gsize i = 0;

  if (g_strcmp0 (again, body) == 0)
    return;
  while (again[i] != '\0' && again[i] == body[i])
    i++;
  i = i > 40 ? i - 40 : 0;
  g_error ("markup round trip differs at byte %" G_GSIZE_FORMAT ":\n  body:  %.120s\n  again: %.120s",
           i, body + i, again + i);
}

/* A heading line "<hashes> <text>" present as a whole block. */
static void
assert_heading (const char *body, guint level, const char *start)
{
  g_autoptr(GString) needle = g_string_new ("\n");

  for (guint i = 0; i < level; i++)
    g_string_append_c (needle, '#');
  g_string_append_printf (needle, " %s", start);
  if (strstr (body, needle->str) == NULL)
    g_error ("no level-%u heading starting '%s'", level, start);
}

static void
test_seed_000 (void)
{
  g_autoptr(KlDocument) doc = import_seed ("000_");
  const char *body = kl_document_get_body (doc);
  const char *const *rec = kl_document_get_recipients (doc);
  KlSigner *signer = kl_document_get_signer (doc);

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO");
  g_assert_cmpstr (kl_document_get_summary (doc), ==,
                   "Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ huyện khóa XX");
  /* No header lines at all: said, not invented. */
  g_assert_null (kl_document_get_symbol (doc));
  g_assert_null (kl_document_get_date (doc));
  g_assert_true (has_warning_containing (doc, 0, "no header lines"));

  assert_clean_body (body);
  assert_markup_round_trip (body);
  g_assert_cmpuint (count_blocks (body, KL_BLOCK_FOOTNOTE), ==, 0);
  g_assert_cmpuint (count_blocks (body, KL_BLOCK_HEADING), ==, 3);
  g_assert_cmpuint (count_blocks (body, KL_BLOCK_ITEM), ==, 10);
  g_assert_cmpuint (count_flow_blocks (body), ==, 25);

  /* The paragraph cut by a page break, and the bold heading cut in two. */
  g_assert_nonnull (strstr (body, "có việc chưa kịp thời; có phong trào"));
  assert_heading (body, 3, "2. Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế");
  g_assert_nonnull (strstr (body, "Báo cáo tình hình thực hiện dự toán ngân sách địa phương năm 2023"));
  g_assert_null (strstr (body, "tình**"));
  assert_heading (body, 3, "1. Về tình hình thực hiện nhiệm vụ chính trị năm 2023");
  g_assert_nonnull (strstr (body, "\n\n(1) Thu nhập bình quân"));
  g_assert_nonnull (strstr (body, "(*thu ngân sách trên địa bàn đạt 41,343 tỷ đồng"));

  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 7);
  g_assert_cmpstr (rec[0], ==, "- Thường trực Tỉnh ủy (b/c),");
  g_assert_true (g_str_has_suffix (rec[1], "Ủy viên BTV Tỉnh ủy - Chủ nhiệm UBKT Tỉnh ủy,"));
  g_assert_cmpstr (rec[6], ==, "- Lưu.");
  g_assert_cmpstr (kl_signer_get_authority (signer), ==, "T/M HUYỆN ỦY");
  g_assert_cmpstr (kl_signer_get_position (signer), ==, "PHÓ BÍ THƯ");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Cao Trang Trọng");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 0);
  g_assert_nonnull (kl_document_get_meeting (doc));
  g_assert_cmpuint (kl_meeting_get_ordinal (kl_document_get_meeting (doc)), ==, 25);
  g_assert_cmpstr (kl_meeting_get_term (kl_document_get_meeting (doc)), ==, "XX");
  /* The signature is not part of the body. */
  g_assert_null (strstr (body, "Nơi nhận"));
  g_assert_null (strstr (body, "Cao Trang Trọng"));
}

static void
test_seed_001 (void)
{
  g_autoptr(KlDocument) doc = import_seed ("001_");
  const char *body = kl_document_get_body (doc);
  const char *const *rec = kl_document_get_recipients (doc);
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));
  g_autoptr(KlReport) report = NULL;
  GListModel *targets;
  guint n_groups = 0, n_main = 0, n_component = 0, n_no_code = 0;
  static const char *const joins[] = {
    "Nghị quyết Đại hội XX Đảng bộ huyện. Tờ trình",
    "thường xuyên các tuyến đường giao thông do huyện quản lý",
    "tỷ lệ bác sỹ/vạn dân là 11 bác sỹ",
    "Lễ bàn giao công dân nhập ngũ năm 2023",
    "hoạt động. Chỉ đạo xây dựng Cuốn Lịch sử",
    "ban hành các văn bản lãnh đạo, chỉ đạo công tác nội chính",
    "xử lý đơn thư kiểu nại tố cáo",
    "Tuổi trẻ sáng tạo, tuổi trẻ xung kích",
    "Quản lý chặt chẽ hoạt động khai thác",
  };

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "BC");
  g_assert_cmpstr (kl_document_get_summary (doc), ==,
                   "Tình hình thực hiện nhiệm vụ năm 2023,\nnhiệm vụ năm 2024");
  /* A date without its day stays text, with a warning on its line. */
  g_assert_null (kl_document_get_date (doc));
  g_assert_cmpstr (kl_document_get_date_text (doc), ==, "ngày tháng 12 năm 2023");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Muờng Tè");
  g_assert_true (has_warning_containing (doc, 5, "no day"));

  assert_clean_body (body);
  assert_markup_round_trip (body);

  /* Footnotes 1–31: each defined once and referred to. */
  g_assert_cmpuint (count_blocks (body, KL_BLOCK_FOOTNOTE), ==, 31);
  for (guint n = 1; n <= 31; n++)
    {
      g_autofree char *ref = g_strdup_printf ("[^%u]", n);
      g_autofree char *def = g_strdup_printf ("\n[^%u]: ", n);
      const char *d = strstr (body, def);
      const char *r = strstr (body, ref);

      g_assert_nonnull (d);
      g_assert_nonnull (r);
      g_assert_true (r < d);   /* the reference is in the text, before the definitions */
    }
  g_assert_nonnull (strstr (body, "\n[^11]: Đã thực hiện trên 140 lượt xe"));
  g_assert_nonnull (strstr (body, "\n[^1]: Kết quả năm 2023"));
  /* A unit's exponent is not a footnote. */
  g_assert_nonnull (strstr (body, "542 m²."));
  g_assert_nonnull (strstr (body, "3.163,2m² đất"));
  g_assert_null (strstr (body, "m[^2]"));

  for (guint i = 0; i < G_N_ELEMENTS (joins); i++)
    if (strstr (body, joins[i]) == NULL)
      g_error ("join not made: %s", joins[i]);
  g_assert_true (has_warning_containing (doc, 38, "joined with the one at line 48"));
  g_assert_cmpuint (count_flow_blocks (body), ==, 103);

  /* Heading levels come from the markers, not from the source's '#' counts. */
  assert_heading (body, 1, "Phần thứ nhất");
  assert_heading (body, 1, "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM 2023");
  assert_heading (body, 2, "I- VIỆC DUY TRÌ CÁC HỘI NGHỊ");
  assert_heading (body, 2, "II- VỀ KINH TẾ");
  assert_heading (body, 2, "III- VỀ XÂY DỰNG ĐẢNG");
  assert_heading (body, 3, "1. Kinh tế");
  assert_heading (body, 3, "2. Văn hóa - xã hội");
  assert_heading (body, 3, "3. Quốc phòng - an ninh và đối ngoại");
  assert_heading (body, 3, "4. Công tác thanh tra");
  assert_heading (body, 3, "2. Hoạt động của Hội đồng nhân dân");
  assert_heading (body, 4, "1.1. Công tác tuyên truyền");
  assert_heading (body, 4, "1.2. Công tác tổ chức cán bộ");
  assert_heading (body, 4, "3.5. Liên đoàn lao động");
  assert_heading (body, 1, "Phần thứ hai");
  assert_heading (body, 2, "I- MỤC TIÊU CHUNG");
  /* Numbered paragraphs that are not bold stay paragraphs. */
  g_assert_nonnull (strstr (body, "\n\n1. Tập trung huy động"));
  g_assert_null (strstr (body, "# 1. Tập trung"));

  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 6);
  g_assert_cmpstr (rec[4], ==, "- Các Ban XDĐ, MTTQ và các đoàn thể huyện");
  g_assert_cmpstr (rec[5], ==, "- Lưu: VTHU, Hồ sơ HN.");
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (doc)), ==, "Trần Đức Hiền");

  /* The annex table. */
  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, 1);
  report = g_list_model_get_item (reports, 0);
  g_assert_cmpstr (kl_report_get_annex_title (report), ==, "BIỂU KẾT QUẢ THỰC HIỆN");
  g_assert_cmpstr (kl_report_get_annex_subtitle (report), ==, "Các chỉ tiêu chủ yếu năm 2023, kế hoạch năm 2024");
  g_assert_cmpstr (kl_report_get_annex_note (report), ==, "Kèm theo Báo cáo số - BC/HU, ngày /12/2023 của BCH Đảng bộ huyện");
  g_assert_cmpstr (kl_report_get_plan_label (report), ==, "Kế hoạch năm 2023");
  g_assert_cmpstr (kl_report_get_actual_label (report), ==, "TH năm 2023");
  g_assert_cmpstr (kl_report_get_next_plan_label (report), ==, "Kế hoạch năm 2024");
  g_assert_cmpstr (kl_report_get_ratio_label (report), ==, "TH năm 2023 /KH năm 2023 (%)");
  targets = G_LIST_MODEL (kl_report_get_targets (report));
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      const char *code = kl_target_get_code (t);

      switch (kl_target_get_kind (t))
        {
        case KL_TARGET_KIND_GROUP: n_groups++; break;
        case KL_TARGET_KIND_MAIN: n_main++; break;
        case KL_TARGET_KIND_COMPONENT: n_component++; break;
        default: g_assert_not_reached ();
        }
      if (code == NULL || *code == '\0')
        n_no_code++;
    }
  /* 51 rows: 10 group rows (3–11 and 8.3), 2 main (1, 2), 39 components, 5 without a code. */
  g_assert_cmpuint (n_groups, ==, 10);
  g_assert_cmpuint (n_main, ==, 2);
  g_assert_cmpuint (n_component, ==, 39);
  g_assert_cmpuint (n_no_code, ==, 5);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 41);
  g_assert_true (has_warning_containing (doc, 355, "header row repeated"));
  g_assert_true (has_warning_containing (doc, 365, "no code"));
  /* The table is not in the body. */
  g_assert_null (strstr (body, "BIỂU KẾT QUẢ"));
  g_assert_null (strstr (body, "\t"));
}

static void
test_seed_002 (void)
{
  g_autoptr(KlDocument) doc = import_seed ("002_");
  const char *body = kl_document_get_body (doc);
  const char *const *rec = kl_document_get_recipients (doc);
  KlSigner *signer = kl_document_get_signer (doc);

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_symbol (doc), ==, "406-TB/HU");
  g_assert_cmpuint (kl_document_get_number (doc), ==, 406);
  g_assert_cmpstr (kl_document_get_issuer_abbreviation (doc), ==, "HU");
  g_assert_cmpstr (kl_document_get_superior (doc), ==, "ĐẢNG BỘ TỈNH THANH HOÁ");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "HUYỆN ỦY CẨM THỦY");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Cẩm Thủy");
  g_assert_cmpstr (kl_document_get_date (doc), ==, "2023-07-07");
  g_assert_null (kl_document_get_date_text (doc));
  g_assert_true (g_str_has_prefix (kl_document_get_summary (doc), "kết luận hội nghị Ban Chấp hành"));
  g_assert_nonnull (strstr (kl_document_get_summary (doc), "(mở rộng)\nsơ kết giữa nhiệm kỳ"));

  assert_clean_body (body);
  assert_markup_round_trip (body);
  g_assert_nonnull (strstr (body, "bất cập kéo dài như: Quản lý đầu tư"));
  assert_heading (body, 2, "I. Về sơ kết giữa nhiệm kỳ");
  assert_heading (body, 3, "1. Về kết quả đạt được");
  assert_heading (body, 2, "II. Về Báo cáo kiểm điểm");
  g_assert_nonnull (strstr (body, "\n\n+ *Trong lĩnh vực dịch vụ*: Phát triển nhanh"));
  g_assert_nonnull (strstr (body, "\n\n- Quốc phòng - an ninh được giữ vững"));
  g_assert_cmpuint (count_flow_blocks (body), ==, 30);

  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 6);
  g_assert_cmpstr (rec[5], ==, "- Lưu VP/HU.");

  /* The meeting, from the summary and the opening paragraph. */
  {
    KlMeeting *m = kl_document_get_meeting (doc);
    g_assert_nonnull (m);
    g_assert_cmpuint (kl_meeting_get_ordinal (m), ==, 14);
    g_assert_cmpstr (kl_meeting_get_ordinal_text (m), ==, "Mười Bốn");
    g_assert_cmpint (kl_meeting_get_meeting_type (m), ==, KL_MEETING_EXTENDED);
    g_assert_cmpint (kl_meeting_get_body (m), ==, KL_MEETING_BODY_BCH);
    g_assert_cmpstr (kl_meeting_get_term (m), ==, "XXVI");
    g_assert_cmpstr (kl_meeting_get_date (m), ==, "2023-06-29");
  }
  g_assert_cmpstr (kl_signer_get_authority (signer), ==, "T/M BAN THƯỜNG VỤ");
  g_assert_cmpstr (kl_signer_get_position (signer), ==, "PHÓ BÍ THƯ THƯỜNG TRỰC");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Cao Văn Vượng");
}

/* A document written for this test (a ward committee's conclusion), in the seeds' flavour
 * but with what they lack: secrecy, K/T signer before the recipients, footnote markers
 * without parentheses, an italic run cut by a page break, "a)" points, a piped table. */
static const char own_document[] =
  "ĐẢNG BỘ THÀNH PHỐ HẢI ĐÔNG\tĐẢNG CỘNG SẢN VIỆT NAM\n"
  "ĐẢNG ỦY PHƯỜNG BẮC SƠN\n"
  "\n"
  "\\*\n"
  "\n"
  "Số 17-KL/ĐU\n"
  "\n"
  "MẬT\n"
  "\n"
  "Bắc Sơn, ngày 03 tháng 02 năm 2026\n"
  "\n"
  "**KẾT LUẬN**\n"
  "\n"
  "**của Ban Thường vụ Đảng ủy phường về chương trình chỉnh trang đô thị  \n"
  "quý I năm 2026**\n"
  "\n"
  "-----\n"
  "\n"
  "Tại phiên họp ngày 02/02/2026, Ban Thường vụ Đảng ủy phường nghe báo cáo của Ủy ban nhân dân phường<sup>1</sup> và kết luận như sau:\n"
  "\n"
  "**I. Kết quả bước đầu**\n"
  "\n"
  "##### a) Về vỉa hè và cây xanh\n"
  "\n"
  "Đã lát lại 1.250 m<sup>2</sup> vỉa hè, trồng mới 40 cây xanh *trên các tuyến phố chính và các\n"
  "\n"
  "<sup>1</sup> Báo cáo số 05-BC/UBND ngày 30/01/2026.\n"
  "\n"
  "tuyến ngõ lớn*, được người dân đồng tình<sup>2</sup>.\n"
  "\n"
  "<sup>2</sup> Qua khảo sát 120 hộ gia đình.\n"
  "\n"
  "Các tuyến còn lại chia làm hai nhóm\n"
  "\n"
  "a) nhóm tuyến phố có vỉa hè rộng;\n"
  "\n"
  "b) nhóm tuyến ngõ.\n"
  "\n"
  "TT\tChỉ tiêu\tĐVT\tKH quý I\tTH quý I\n"
  "1\tHộ dân được tuyên truyền\tHộ\t800\t812\n"
  "\n"
  "**II. Nhiệm vụ thời gian tới**\n"
  "\n"
  "- Hoàn thành chỉnh trang hai tuyến phố còn lại trước ngày 30/4/2026;\n"
  "\n"
  "+ giao Ủy ban nhân dân phường lập dự toán chi tiết.\n"
  "\n"
  "**K/T BÍ THƯ  \n"
  "PHÓ BÍ THƯ**\n"
  "\n"
  "(Đã ký)\n"
  "\n"
  "**Đỗ Thị Hạnh**\n"
  "\n"
  "*Nơi nhận:*\n"
  "- Ban Thường vụ Thành ủy (báo cáo),\n"
  "- Các đồng chí Đảng ủy viên,\n"
  "- Lưu Văn phòng Đảng ủy.\n"
  "\n"
  "**PHỤ LỤC 1**\n"
  "\n"
  "**Kết quả chỉnh trang quý I năm 2026**\n"
  "\n"
  "| TT | Chỉ tiêu | ĐVT | KH quý I | TH quý I | TH/KH (%) |\n"
  "|---|---|---|---|---|---|\n"
  "| 1 | Vỉa hè lát lại | m2 | 1.200 | 1.250 | 104 |\n"
  "| 2 | Cây xanh trồng mới | cây | 50 | 40 | 80 |\n";

static void
test_own_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_text (own_document, -1, &error);
  const char *body;
  const char *const *rec;
  KlSigner *signer;
  g_autoptr(KlReport) report = NULL;

  g_assert_no_error (error);
  body = kl_document_get_body (doc);
  rec = kl_document_get_recipients (doc);
  signer = kl_document_get_signer (doc);

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "KL");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "KẾT LUẬN");
  g_assert_cmpstr (kl_document_get_superior (doc), ==, "ĐẢNG BỘ THÀNH PHỐ HẢI ĐÔNG");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "ĐẢNG ỦY PHƯỜNG BẮC SƠN");
  g_assert_cmpstr (kl_document_get_issuer_abbreviation (doc), ==, "ĐU");
  g_assert_cmpstr (kl_document_get_symbol (doc), ==, "17-KL/ĐU");
  g_assert_cmpuint (kl_document_get_number (doc), ==, 17);
  g_assert_cmpint (kl_document_get_secrecy (doc), ==, KL_SECRECY_MAT);
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Bắc Sơn");
  g_assert_cmpstr (kl_document_get_date (doc), ==, "2026-02-03");

  assert_clean_body (body);
  assert_markup_round_trip (body);
  assert_heading (body, 2, "I. Kết quả bước đầu");
  assert_heading (body, 5, "a) Về vỉa hè và cây xanh");
  assert_heading (body, 2, "II. Nhiệm vụ thời gian tới");
  g_assert_nonnull (strstr (body, "1.250 m² vỉa hè"));
  /* The italic run cut by the page break is one run again, over the footnote between. */
  g_assert_nonnull (strstr (body, "*trên các tuyến phố chính và các tuyến ngõ lớn*, được người dân đồng tình[^2]."));
  g_assert_nonnull (strstr (body, "phường[^1] và kết luận"));
  g_assert_nonnull (strstr (body, "\n\n[^1]: Báo cáo số 05-BC/UBND ngày 30/01/2026."));
  g_assert_nonnull (strstr (body, "\n\n[^2]: Qua khảo sát 120 hộ gia đình."));
  g_assert_nonnull (strstr (body, "\n\n- Hoàn thành chỉnh trang"));
  /* A point in lower case is not the rest of the paragraph above it. */
  g_assert_nonnull (strstr (body, "chia làm hai nhóm\n\na) nhóm tuyến phố"));
  g_assert_nonnull (strstr (body, "\n\n+ giao Ủy ban nhân dân"));
  g_assert_null (strstr (body, "Đỗ Thị Hạnh"));

  g_assert_cmpstr (kl_signer_get_authority (signer), ==, "K/T BÍ THƯ");
  g_assert_cmpstr (kl_signer_get_position (signer), ==, "PHÓ BÍ THƯ");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Đỗ Thị Hạnh");
  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 3);
  g_assert_cmpstr (rec[2], ==, "- Lưu Văn phòng Đảng ủy.");

  /* The table in the text is report 1, shown where it stood; the annex is report 2. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))), ==, 2);
  g_assert_nonnull (strstr (body, "\n\n{{targets 1}}\n\n"));
  report = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (doc)), 1);
  g_assert_cmpstr (kl_report_get_annex_title (report), ==, "PHỤ LỤC 1");
  g_assert_cmpstr (kl_report_get_plan_label (report), ==, "KH quý I");
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 2);
}

/* Another layout: a two-column header pasted as a table with a rule under ĐCSVN, a title
 * line "THÔNG BÁO KẾT LUẬN", the signature before "Nơi nhận" with its list on the same lines,
 * a bold heading cut by a page break, and a footnote whose text is missing. */
static const char other_document[] =
  "ĐẢNG BỘ TỈNH LAM SƠN\tĐẢNG CỘNG SẢN VIỆT NAM\n"
  "ĐẢNG ỦY XÃ HÒA AN\t---------------\n"
  "Số 9-TB/ĐU\tHòa An, ngày 28 tháng 8 năm 2025\n"
  "\n"
  "## THÔNG BÁO KẾT LUẬN\n"
  "\n"
  "### của Thường trực Đảng ủy về công tác phòng, chống thiên tai\n"
  "\n"
  "-----\n"
  "\n"
  "Ngày 27/8/2025, Thường trực Đảng ủy họp nghe báo cáo về công tác phòng, chống thiên tai[^1] và thống nhất:\n"
  "\n"
  "**1. Về công tác chuẩn bị lực lượng, vật tư và phương tiện ứng phó tại các thôn vùng**\n"
  "\n"
  "**trũng**\n"
  "\n"
  "Các thôn đã kiện toàn đội xung kích<sup>(2)</sup>.\n"
  "\n"
  "**T/M ĐẢNG ỦY\n"
  "PHÓ BÍ THƯ**\n"
  "\n"
  "**Hà Minh Tâm**\n"
  "\n"
  "**Nơi nhận:**\n"
  "- Thường trực Huyện ủy,\n"
  "- Lưu.\n";

static void
test_other_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_text (other_document, -1, &error);
  const char *body;

  g_assert_no_error (error);
  body = kl_document_get_body (doc);
  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO KẾT LUẬN");
  g_assert_cmpstr (kl_document_get_superior (doc), ==, "ĐẢNG BỘ TỈNH LAM SƠN");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "ĐẢNG ỦY XÃ HÒA AN");
  g_assert_cmpstr (kl_document_get_symbol (doc), ==, "9-TB/ĐU");
  g_assert_cmpstr (kl_document_get_date (doc), ==, "2025-08-28");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Hòa An");
  g_assert_false (has_warning_containing (doc, 0, "not understood"));
  g_assert_cmpstr (kl_document_get_summary (doc), ==,
                   "của Thường trực Đảng ủy về công tác phòng, chống thiên tai");

  assert_clean_body (body);
  assert_markup_round_trip (body);
  assert_heading (body, 3, "1. Về công tác chuẩn bị lực lượng, vật tư và phương tiện ứng phó tại các thôn vùng trũng");
  /* A footnote referred to but never given is said. */
  g_assert_true (has_warning_containing (doc, 0, "footnote (2) is referred to"));
  g_assert_true (has_warning_containing (doc, 0, "footnote (1) is referred to"));

  g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (doc)), ==, "T/M ĐẢNG ỦY");
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (doc)), ==, "Hà Minh Tâm");
  g_assert_cmpuint (g_strv_length ((char **) kl_document_get_recipients (doc)), ==, 2);
  g_assert_null (strstr (body, "Hà Minh Tâm"));
  g_assert_null (strstr (body, "Nơi nhận"));
}

/* Decomposed input reads exactly like composed input. */
static void
test_nfd (void)
{
  g_autofree char *path = seed_path ("002_");
  g_autofree char *contents = NULL;
  g_autofree char *nfd = NULL;
  g_autoptr(KlDocument) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  nfd = g_utf8_normalize (contents, -1, G_NORMALIZE_NFD);
  g_assert_cmpstr (nfd, !=, contents);
  a = kl_importer_import_text (contents, -1, &error);
  g_assert_no_error (error);
  b = kl_importer_import_text (nfd, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_body (a), ==, kl_document_get_body (b));
  g_assert_cmpstr (kl_document_get_issuer (b), ==, "HUYỆN ỦY CẨM THỦY");
  g_assert_cmpstr (kl_document_get_summary (a), ==, kl_document_get_summary (b));
  g_assert_true (has_warning_containing (b, 0, "NFC"));
  g_assert_false (has_warning_containing (a, 0, "NFC"));
}

/* A BOM and Windows line ends change nothing. */
static void
test_bom_crlf (void)
{
  g_autofree char *path = seed_path ("001_");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *crlf = NULL;
  g_autoptr(KlDocument) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  joined = g_strjoinv ("\r\n", lines);
  crlf = g_strconcat ("\xEF\xBB\xBF", joined, NULL);
  a = kl_importer_import_text (contents, -1, &error);
  g_assert_no_error (error);
  b = kl_importer_import_text (crlf, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_document_get_body (a), ==, kl_document_get_body (b));
  g_assert_null (strstr (kl_document_get_body (b), "\r"));
  {
    g_autoptr(KlReport) r = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (b)), 0);
    g_assert_cmpuint (kl_report_get_n_targets (r), ==, 41);
  }
  g_assert_cmpstrv (kl_document_get_recipients (a), kl_document_get_recipients (b));
}

/* The warning on @line whose text (without "line N: ") starts with @start. */
static KlWarning *
find_warning (GListModel *warnings, guint line, const char *start)
{
  for (guint i = 0; i < g_list_model_get_n_items (warnings); i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (warnings, i);
      if (kl_warning_get_line (w) == line && g_str_has_prefix (kl_warning_get_text (w), start))
        return g_steal_pointer (&w);
    }
  for (guint i = 0; i < g_list_model_get_n_items (warnings); i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (warnings, i);
      g_test_message ("%s", kl_warning_get_message (w));
    }
  g_error ("no warning on line %u starting '%s'", line, start);
  return NULL;
}

/* A warning keeps "line N: " before its text: JSON readers and ketluan-cli find the line there. */
static void
test_warning_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_text (other_document, -1, &error);
  g_autoptr(KlWarning) w = NULL;
  g_autoptr(KlWarning) lineless = kl_warning_new (0, NULL, "line of text");

  g_assert_no_error (error);
  w = find_warning (G_LIST_MODEL (kl_document_get_warnings (doc)), 17,
                    "footnote (2) is referred to but its text was not found");
  g_assert_cmpstr (kl_warning_get_message (w), ==,
                   "line 17: footnote (2) is referred to but its text was not found");
  g_assert_cmpstr (kl_warning_get_text (lineless), ==, "line of text");
  {
    guint line = 99;

    g_assert_cmpstr (kl_core_message_split_line ("line 12: no header row", &line), ==, "no header row");
    g_assert_cmpuint (line, ==, 12);
    g_assert_cmpstr (kl_core_message_split_line ("line 12 of the table", &line), ==, "line 12 of the table");
    g_assert_cmpuint (line, ==, 0);
    g_assert_cmpstr (kl_core_message_split_line ("line : x", &line), ==, "line : x");
    g_assert_cmpstr (kl_core_message_split_line ("line 99999999999: x", &line), ==, "line 99999999999: x");
    g_assert_cmpuint (line, ==, 0);
  }
}

/* The importer's and the table reader's warnings in Vietnamese; "line N: " and the fields as
 * they are. In a subprocess: the locale is the whole program's. */
static void
test_vietnamese (void)
{
  const char table[] =
    "TT\tChỉ tiêu\tĐVT\tKế hoạch\tThực hiện\tTH/KH (%)\n"
    "1\tDân số\tngười\t14.200\t14.300\n"
    "2\tThu ngân sách\ttỷ đồng\t120\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlWarning) footnote = NULL;
  g_autoptr(KlWarning) cells = NULL;
  g_autoptr(KlReport) report = kl_report_new (NULL);
  g_autoptr(GListStore) warnings = g_list_store_new (KL_TYPE_WARNING);
  g_autofree char *json = NULL;

  if (!i18n_test_in_vietnamese ())
    return;

  doc = kl_importer_import_text (other_document, -1, &error);
  g_assert_no_error (error);
  footnote = find_warning (G_LIST_MODEL (kl_document_get_warnings (doc)), 17, "chú thích (2)");
  g_assert_cmpstr (kl_warning_get_message (footnote), ==,
                   "line 17: chú thích (2) có dẫn chiếu nhưng không tìm thấy nội dung");
  g_assert_cmpstr (kl_warning_get_field (footnote), ==, "body");
  /* JSON keeps the line prefix in English: readers find the line there. */
  json = kl_json_write_document (doc);
  g_assert_nonnull (strstr (json, "\"line 17: chú thích (2) có dẫn chiếu nhưng không tìm thấy nội dung\""));

  g_assert_true (kl_tsv_read_targets (table, 7, report, warnings, &error));
  g_assert_no_error (error);
  cells = find_warning (G_LIST_MODEL (warnings), 9, "chỉ tiêu 2");
  g_assert_cmpstr (kl_warning_get_message (cells), ==,
                   "line 9: chỉ tiêu 2 có 4 ô trong khi tiêu đề có 6 cột; cột thiếu (Thực hiện, "
                   "TH/KH (%)) được coi là để trống");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  /* "Thông báo" in Windows-1258 on line 3. */
  const char text[] = "**THÔNG BÁO**\n\nTh\xF4ng b\xE1o k\xEA\xA1t lu\xE2n\n";

  doc = kl_importer_import_text (text, -1, &error);
  g_assert_null (doc);
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_INVALID_UTF8);
  g_assert_true (g_str_has_prefix (error->message, "line 3: invalid UTF-8 at byte 3"));
}

static void
test_not_a_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_text ("just some words\n\nand more words\n", -1, &error);

  g_assert_null (doc);
  g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "line 1: "));
}

static void
test_import_file (void)
{
  g_autofree char *path = seed_path ("000_");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_importer_import_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) kl_document_get_recipients (doc)), ==, 7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/importer/seed-000", test_seed_000);
  g_test_add_func ("/core/importer/seed-001", test_seed_001);
  g_test_add_func ("/core/importer/seed-002", test_seed_002);
  g_test_add_func ("/core/importer/own-document", test_own_document);
  g_test_add_func ("/core/importer/other-layout", test_other_layout);
  g_test_add_func ("/core/importer/nfd", test_nfd);
  g_test_add_func ("/core/importer/bom-crlf", test_bom_crlf);
  g_test_add_func ("/core/importer/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/importer/warning-text", test_warning_text);
  g_test_add_func ("/core/importer/vietnamese", test_vietnamese);
  g_test_add_func ("/core/importer/not-a-document", test_not_a_document);
  g_test_add_func ("/core/importer/file", test_import_file);

  return g_test_run ();
}
