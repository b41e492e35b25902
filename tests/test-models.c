/* test-models.c: the core GObject models: properties, notify, "changed", symbols, copies. */
#include "kl-core.h"

#include <math.h>

/* Counts emissions of one signal; the counter lives in the test's stack frame. */
static void
count_notify (GObject *object, GParamSpec *pspec, guint *counter)
{
  (*counter)++;
}

static void
count_changed (GObject *object, guint *counter)
{
  (*counter)++;
}

static guint
notify_id (void)
{
  return g_signal_lookup ("notify", G_TYPE_OBJECT);
}

/* Sets a string property through GObject, checks the round trip and that notify fires
 * exactly once per real change: never for the same value, once for NULL. */
static void
check_string_property (gpointer object, const char *name, const char *value)
{
  g_autofree char *detailed = g_strconcat ("notify::", name, NULL);
  g_autofree char *got = NULL;
  g_autofree char *copy = g_strdup (value);
  guint n = 0;
  gulong id;

  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), name));
  id = g_signal_connect (object, detailed, G_CALLBACK (count_notify), &n);

  g_object_set (object, name, value, NULL);
  g_object_get (object, name, &got, NULL);
  g_assert_cmpstr (got, ==, value);
  g_assert_cmpuint (n, ==, 1);

  /* An equal string at another address is no change. */
  g_object_set (object, name, copy, NULL);
  g_assert_cmpuint (n, ==, 1);

  g_object_set (object, name, NULL, NULL);
  g_clear_pointer (&got, g_free);
  g_object_get (object, name, &got, NULL);
  g_assert_null (got);
  g_assert_cmpuint (n, ==, 2);
  g_object_set (object, name, NULL, NULL);
  g_assert_cmpuint (n, ==, 2);

  g_object_set (object, name, value, NULL);
  g_assert_cmpuint (n, ==, 3);
  g_signal_handler_disconnect (object, id);
}

/* Every property of the type must be installed with explicit notify. */
static void
check_flags (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      if (pspecs[i]->owner_type != type)
        continue;
      g_assert_true ((pspecs[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE);
      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_true (pspecs[i]->flags & G_PARAM_STATIC_NAME);
    }
}

static void
test_flags (void)
{
  check_flags (KL_TYPE_SIGNER);
  check_flags (KL_TYPE_ORGANIZATION);
  check_flags (KL_TYPE_REPORT);
  check_flags (KL_TYPE_MEETING);
  check_flags (KL_TYPE_DOCUMENT);
}

static void
test_signer (void)
{
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M HUYỆN ỦY", "PHÓ BÍ THƯ", "Trần Thị Mai");
  g_autoptr(KlSigner) copy = NULL;

  g_assert_cmpstr (kl_signer_get_authority (signer), ==, "T/M HUYỆN ỦY");
  g_assert_cmpstr (kl_signer_get_position (signer), ==, "PHÓ BÍ THƯ");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Trần Thị Mai");

  check_string_property (signer, "authority", "K/T BÍ THƯ");
  check_string_property (signer, "position", "BÍ THƯ");
  check_string_property (signer, "name", "Lò Văn Hùng");

  copy = kl_signer_copy (signer);
  g_assert_true (copy != signer);
  g_assert_cmpstr (kl_signer_get_name (copy), ==, "Lò Văn Hùng");
  kl_signer_set_name (copy, "Other");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Lò Văn Hùng");
}

static void
test_organization (void)
{
  static const char *names[] = { "superior", "name", "abbreviation", "place",
                                 "committee", "term", "term-years" };
  g_autoptr(KlOrganization) org = kl_organization_new ();
  g_autoptr(KlOrganization) copy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = g_strdup_printf ("giá trị %u", i);

      check_string_property (org, names[i], value);
    }

  kl_organization_set_superior (org, "ĐẢNG BỘ TỈNH LAI CHÂU");
  kl_organization_set_name (org, "ĐẢNG ỦY XÃ BUM NƯA");
  kl_organization_set_abbreviation (org, "ĐU");
  kl_organization_set_place (org, "Bum Nưa");
  kl_organization_set_committee (org, "Đảng bộ xã");
  kl_organization_set_term (org, "I");
  kl_organization_set_term_years (org, "2025-2030");

  copy = kl_organization_copy (org);
  g_assert_cmpstr (kl_organization_get_superior (copy), ==, "ĐẢNG BỘ TỈNH LAI CHÂU");
  g_assert_cmpstr (kl_organization_get_name (copy), ==, "ĐẢNG ỦY XÃ BUM NƯA");
  g_assert_cmpstr (kl_organization_get_abbreviation (copy), ==, "ĐU");
  g_assert_cmpstr (kl_organization_get_place (copy), ==, "Bum Nưa");
  g_assert_cmpstr (kl_organization_get_committee (copy), ==, "Đảng bộ xã");
  g_assert_cmpstr (kl_organization_get_term (copy), ==, "I");
  g_assert_cmpstr (kl_organization_get_term_years (copy), ==, "2025-2030");
  kl_organization_set_place (copy, "Mường Tè");
  g_assert_cmpstr (kl_organization_get_place (org), ==, "Bum Nưa");
}

static void
test_report_properties (void)
{
  static const char *names[] = { "title", "presenter", "period", "text", "plan-label",
                                 "actual-label", "next-plan-label", "ratio-label",
                                 "annex-title", "annex-subtitle", "annex-note" };
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo kinh tế - xã hội");

  g_assert_cmpstr (kl_report_get_title (report), ==, "Báo cáo kinh tế - xã hội");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    check_string_property (report, names[i], "Kế hoạch năm 2024");

  kl_report_set_period (report, "quý I/2024");
  g_assert_cmpstr (kl_report_get_period (report), ==, "quý I/2024");
  kl_report_set_ratio_label (report, "TH/KH (%)");
  g_assert_cmpstr (kl_report_get_ratio_label (report), ==, "TH/KH (%)");
  kl_report_set_annex_note (report, NULL);
  g_assert_null (kl_report_get_annex_note (report));

  /* The annex chart takes the chart kinds of body markup; "" is none. */
  for (guint i = 0; kl_report_chart_kinds ()[i] != NULL; i++)
    check_string_property (report, "annex-chart", kl_report_chart_kinds ()[i]);
  g_assert_cmpstr (kl_report_chart_kind_lookup ("trend"), ==, "trend");
  g_assert_null (kl_report_chart_kind_lookup ("pie"));
  g_assert_null (kl_report_chart_kind_lookup (NULL));
  kl_report_set_annex_chart (report, "summary");
  kl_report_set_annex_chart (report, "");
  g_assert_null (kl_report_get_annex_chart (report));
}

static void
test_meeting_properties (void)
{
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  guint n = 0;
  KlMeetingBody body;
  KlMeetingType type;
  guint ordinal;

  g_assert_cmpint (kl_meeting_get_body (meeting), ==, KL_MEETING_BODY_BCH);
  g_assert_cmpint (kl_meeting_get_meeting_type (meeting), ==, KL_MEETING_REGULAR);
  g_assert_cmpuint (kl_meeting_get_ordinal (meeting), ==, 0);

  check_string_property (meeting, "ordinal-text", "Mười Bốn");
  check_string_property (meeting, "date", "2023-06-29");
  check_string_property (meeting, "chair", "Thường trực");
  check_string_property (meeting, "term", "XX");
  check_string_property (meeting, "place", "Hội trường");

  g_signal_connect (meeting, "notify", G_CALLBACK (count_notify), &n);
  kl_meeting_set_body (meeting, KL_MEETING_BODY_BTV);
  kl_meeting_set_body (meeting, KL_MEETING_BODY_BTV);
  g_assert_cmpuint (n, ==, 1);
  g_object_set (meeting, "ordinal", 25u, "meeting-type", KL_MEETING_EXTENDED, NULL);
  g_assert_cmpuint (n, ==, 3);
  kl_meeting_set_ordinal (meeting, 25);
  kl_meeting_set_meeting_type (meeting, KL_MEETING_EXTENDED);
  g_assert_cmpuint (n, ==, 3);

  g_object_get (meeting, "body", &body, "ordinal", &ordinal, "meeting-type", &type, NULL);
  g_assert_cmpint (body, ==, KL_MEETING_BODY_BTV);
  g_assert_cmpuint (ordinal, ==, 25);
  g_assert_cmpint (type, ==, KL_MEETING_EXTENDED);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (g_object_class_find_property (G_OBJECT_GET_CLASS (meeting), "body"))
                 == KL_TYPE_MEETING_BODY);

  g_assert_nonnull (kl_meeting_get_reports (meeting));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (kl_meeting_get_reports (meeting))) == KL_TYPE_REPORT);
}

static void
test_meeting_title (void)
{
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  char *title;

  kl_meeting_set_ordinal (meeting, 25);
  kl_meeting_set_term (meeting, "XX");
  title = kl_meeting_dup_title (meeting, "Đảng bộ huyện");
  g_assert_cmpstr (title, ==, "Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ huyện khóa XX");
  g_free (title);

  /* The committee comes from the caller: nothing assumes a district. */
  kl_meeting_set_body (meeting, KL_MEETING_BODY_BTV);
  title = kl_meeting_dup_title (meeting, "Đảng bộ xã");
  g_assert_cmpstr (title, ==, "Hội nghị lần thứ 25 Ban Thường vụ Đảng bộ xã khóa XX");
  g_free (title);

  kl_meeting_set_body (meeting, KL_MEETING_BODY_BCH);
  kl_meeting_set_ordinal (meeting, 14);
  kl_meeting_set_ordinal_text (meeting, "Mười Bốn");
  kl_meeting_set_term (meeting, "XXVI");
  kl_meeting_set_meeting_type (meeting, KL_MEETING_EXTENDED);
  title = kl_meeting_dup_title (meeting, "Đảng bộ tỉnh");
  g_assert_cmpstr (title, ==, "Hội nghị lần thứ Mười Bốn Ban Chấp hành Đảng bộ tỉnh khóa XXVI (mở rộng)");
  g_free (title);

  /* Unknown ordinal and term, no committee: the parts are left out, not printed empty. */
  kl_meeting_set_ordinal_text (meeting, NULL);
  kl_meeting_set_ordinal (meeting, 0);
  kl_meeting_set_term (meeting, "");
  kl_meeting_set_meeting_type (meeting, KL_MEETING_REGULAR);
  title = kl_meeting_dup_title (meeting, NULL);
  g_assert_cmpstr (title, ==, "Hội nghị Ban Chấp hành");
  g_free (title);
}

static void
test_document_properties (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M HUYỆN ỦY", "BÍ THƯ", "Nguyễn Văn An");
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  g_autoptr(KlSigner) got_signer = NULL;
  g_autoptr(KlMeeting) got_meeting = NULL;
  g_auto(GStrv) got_lines = NULL;
  const char *lines[] = { "- Như trên,", "- Lưu Văn phòng.", NULL };
  const char *same_lines[] = { "- Như trên,", "- Lưu Văn phòng.", NULL };
  static const char *strings[] = { "kind", "symbol", "superior", "issuer", "issuer-abbreviation",
                                   "place", "date", "date-text", "title", "summary", "body" };
  guint n = 0;
  gint64 id;
  guint number;
  KlSecrecy secrecy;
  KlUrgency urgency;
  KlDocumentState state;

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "THÔNG BÁO");
  g_assert_cmpint (kl_document_get_id (doc), ==, 0);
  g_assert_cmpint (kl_document_get_state (doc), ==, KL_DOCUMENT_STATE_DRAFT);
  g_assert_nonnull (kl_document_get_signer (doc));
  g_assert_null (kl_document_get_meeting (doc));
  g_assert_nonnull (kl_document_get_recipients (doc));
  g_assert_null (kl_document_get_recipients (doc)[0]);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    check_string_property (doc, strings[i], "ngày   tháng 12 năm 2023");
  kl_document_set_summary (doc, "Kết luận của Ban Chấp hành\ntại hội nghị");
  g_assert_cmpstr (kl_document_get_summary (doc), ==, "Kết luận của Ban Chấp hành\ntại hội nghị");

  g_signal_connect (doc, "notify", G_CALLBACK (count_notify), &n);

  g_object_set (doc, "id", (gint64) 42, "number", 406u, NULL);
  g_assert_cmpuint (n, ==, 2);
  kl_document_set_id (doc, 42);
  kl_document_set_number (doc, 406);
  g_assert_cmpuint (n, ==, 2);

  g_object_set (doc, "secrecy", KL_SECRECY_MAT, "urgency", KL_URGENCY_HOA_TOC,
                "state", KL_DOCUMENT_STATE_ISSUED, NULL);
  g_assert_cmpuint (n, ==, 5);
  kl_document_set_secrecy (doc, KL_SECRECY_MAT);
  kl_document_set_urgency (doc, KL_URGENCY_HOA_TOC);
  kl_document_set_state (doc, KL_DOCUMENT_STATE_ISSUED);
  g_assert_cmpuint (n, ==, 5);
  g_object_get (doc, "id", &id, "number", &number, "secrecy", &secrecy, "urgency", &urgency,
                "state", &state, NULL);
  g_assert_cmpint (id, ==, 42);
  g_assert_cmpuint (number, ==, 406);
  g_assert_cmpint (secrecy, ==, KL_SECRECY_MAT);
  g_assert_cmpint (urgency, ==, KL_URGENCY_HOA_TOC);
  g_assert_cmpint (state, ==, KL_DOCUMENT_STATE_ISSUED);

  g_object_set (doc, "recipients", lines, NULL);
  g_assert_cmpuint (n, ==, 6);
  kl_document_set_recipients (doc, same_lines);
  g_assert_cmpuint (n, ==, 6);
  g_object_get (doc, "recipients", &got_lines, NULL);
  g_assert_cmpstrv (got_lines, lines);
  kl_document_set_recipients (doc, NULL);
  g_assert_cmpuint (n, ==, 7);
  g_assert_null (kl_document_get_recipients (doc)[0]);

  g_object_set (doc, "signer", signer, "meeting", meeting, NULL);
  g_assert_cmpuint (n, ==, 9);
  kl_document_set_signer (doc, signer);
  kl_document_set_meeting (doc, meeting);
  g_assert_cmpuint (n, ==, 9);
  g_object_get (doc, "signer", &got_signer, "meeting", &got_meeting, NULL);
  g_assert_true (got_signer == signer);
  g_assert_true (got_meeting == meeting);

  /* The signer is never NULL: unsetting it leaves an empty one. */
  kl_document_set_signer (doc, NULL);
  g_assert_cmpuint (n, ==, 10);
  g_assert_nonnull (kl_document_get_signer (doc));
  g_assert_true (kl_document_get_signer (doc) != signer);
  g_assert_null (kl_signer_get_name (kl_document_get_signer (doc)));

  kl_document_set_meeting (doc, NULL);
  g_assert_cmpuint (n, ==, 11);
  g_assert_null (kl_document_get_meeting (doc));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (kl_document_get_reports (doc))) == KL_TYPE_REPORT);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (kl_document_get_warnings (doc))) == KL_TYPE_WARNING);
}

static void
test_document_symbol (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  char *symbol;

  kl_document_set_issuer_abbreviation (doc, "HU");
  kl_document_set_number (doc, 406);
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "406-TB/HU");
  g_free (symbol);

  kl_document_set_kind (doc, "CV");
  kl_document_set_number (doc, 12);
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "12-CV/HU");
  g_free (symbol);

  kl_document_set_kind (doc, "KL");
  kl_document_set_issuer_abbreviation (doc, "ĐU");
  kl_document_set_number (doc, 0);
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "   -KL/ĐU");
  g_free (symbol);

  /* A symbol typed in full (an imported document) wins over the parts. */
  kl_document_set_symbol (doc, "604-KL/HU");
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "604-KL/HU");
  g_free (symbol);
  kl_document_set_symbol (doc, NULL);
  kl_document_set_number (doc, 123);
  kl_document_set_kind (doc, "BC");
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "123-BC/ĐU");
  g_free (symbol);
}

static void
test_kind_title (void)
{
  static const struct { const char *kind, *title; } cases[] = {
    { "TB", "THÔNG BÁO" }, { "KL", "KẾT LUẬN" }, { "BC", "BÁO CÁO" }, { "NQ", "NGHỊ QUYẾT" },
    { "QĐ", "QUYẾT ĐỊNH" }, { "CT", "CHỈ THỊ" }, { "KH", "KẾ HOẠCH" }, { "TTr", "TỜ TRÌNH" },
    { "CV", "CÔNG VĂN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (kl_document_kind_title (cases[i].kind), ==, cases[i].title);
  g_assert_null (kl_document_kind_title ("HD"));
  g_assert_null (kl_document_kind_title (""));
}

static void
test_document_gdate (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  GDate date;

  g_assert_false (kl_document_get_gdate (doc, &date));
  kl_document_set_date (doc, "2023-07-07");
  g_assert_true (kl_document_get_gdate (doc, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 7);
  g_assert_cmpint (g_date_get_month (&date), ==, G_DATE_JULY);
  g_assert_cmpint (g_date_get_year (&date), ==, 2023);

  kl_document_set_date (doc, "2024-02-29");
  g_assert_true (kl_document_get_gdate (doc, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);

  kl_document_set_date (doc, "2023-02-29");
  g_assert_false (kl_document_get_gdate (doc, &date));
  kl_document_set_date (doc, "2023-12");
  g_assert_false (kl_document_get_gdate (doc, &date));
  kl_document_set_date (doc, "07/07/2023");
  g_assert_false (kl_document_get_gdate (doc, &date));
}

static void
test_apply_organization (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("KL");
  g_autoptr(KlOrganization) org = kl_organization_new ();
  g_autofree char *symbol = NULL;

  kl_organization_set_superior (org, "ĐẢNG BỘ TỈNH THANH HÓA");
  kl_organization_set_name (org, "HUYỆN ỦY CẨM THỦY");
  kl_organization_set_abbreviation (org, "HU");
  kl_organization_set_place (org, "Cẩm Thủy");
  kl_document_apply_organization (doc, org);

  g_assert_cmpstr (kl_document_get_superior (doc), ==, "ĐẢNG BỘ TỈNH THANH HÓA");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "HUYỆN ỦY CẨM THỦY");
  g_assert_cmpstr (kl_document_get_issuer_abbreviation (doc), ==, "HU");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Cẩm Thủy");
  kl_document_set_number (doc, 604);
  symbol = kl_document_dup_symbol (doc);
  g_assert_cmpstr (symbol, ==, "604-KL/HU");

  /* Copied, not linked: editing the profile later leaves the document alone. */
  kl_organization_set_place (org, "Mường Tè");
  g_assert_cmpstr (kl_document_get_place (doc), ==, "Cẩm Thủy");
}

static KlTarget *
make_target (const char *code, const char *plan, const char *actual, KlTargetKind kind)
{
  KlTarget *target = kl_target_new (code, "Sản lượng lương thực", "Tấn");
  g_autoptr(KlValue) plan_value = kl_value_parse (plan, NULL);
  g_autoptr(KlValue) actual_value = kl_value_parse (actual, NULL);

  kl_target_set_kind (target, kind);
  kl_target_set_plan (target, plan_value);
  kl_target_set_actual (target, actual_value);
  return target;
}

/* "changed" must come after the notify that caused it. */
typedef struct {
  GString *log;
} OrderLog;

static void
log_notify (GObject *object, GParamSpec *pspec, OrderLog *log)
{
  g_string_append_printf (log->log, "notify:%s;", pspec->name);
}

static void
log_changed (GObject *object, OrderLog *log)
{
  g_string_append (log->log, "changed;");
}

static void
test_report_changed (void)
{
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
  g_autoptr(KlTarget) a = make_target ("1", "100", "90", KL_TARGET_KIND_MAIN);
  g_autoptr(KlTarget) b = make_target ("2", "100", "90", KL_TARGET_KIND_MAIN);
  g_autoptr(KlTarget) c = make_target ("3", "100", "90", KL_TARGET_KIND_MAIN);
  GListStore *targets = kl_report_get_targets (report);
  OrderLog log = { g_string_new (NULL) };
  guint n = 0;

  g_signal_connect (report, "changed", G_CALLBACK (count_changed), &n);

  kl_report_set_title (report, "Báo cáo");
  g_assert_cmpuint (n, ==, 0);
  kl_report_set_title (report, "Báo cáo năm 2023");
  g_assert_cmpuint (n, ==, 1);

  g_list_store_append (targets, a);
  g_assert_cmpuint (n, ==, 2);
  g_list_store_append (targets, c);
  /* Inserted between two watched targets: the mirror must stay in store order. */
  g_list_store_insert (targets, 1, b);
  g_assert_cmpuint (n, ==, 4);

  n = 0;
  kl_target_set_name (b, "Tổng sản lượng");
  g_assert_cmpuint (n, ==, 1);
  kl_target_set_name (b, "Tổng sản lượng");
  g_assert_cmpuint (n, ==, 1);
  kl_target_set_unit (c, "Tỷ đồng");
  kl_target_set_unit (a, "Tỷ đồng");
  g_assert_cmpuint (n, ==, 3);

  /* Moving is a change too. */
  n = 0;
  {
    gpointer items[] = { c, a };
    g_list_store_splice (targets, 0, 1, NULL, 0);
    g_list_store_splice (targets, 1, 1, items, 2);
  }
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (targets)), ==, 3);

  /* A removed target no longer reaches the report, a remaining one still does. */
  g_list_store_remove (targets, 0);   /* b */
  n = 0;
  kl_target_set_name (b, "Gone");
  g_assert_cmpuint (n, ==, 0);
  kl_target_set_name (a, "Still here");
  kl_target_set_name (c, "Still here");
  g_assert_cmpuint (n, ==, 2);
  g_assert_false (g_signal_has_handler_pending (b, notify_id (), 0, FALSE));

  /* The order: the property's own notify handlers first, then "changed". */
  g_signal_connect (report, "notify", G_CALLBACK (log_notify), &log);
  g_signal_connect (report, "changed", G_CALLBACK (log_changed), &log);
  kl_report_set_presenter (report, "UBND huyện");
  g_assert_cmpstr (log.log->str, ==, "notify:presenter;changed;");
  g_signal_handlers_disconnect_by_data (report, &log);
  g_string_free (log.log, TRUE);

  g_list_store_remove_all (targets);
  g_assert_false (g_signal_has_handler_pending (a, notify_id (), 0, FALSE));
  g_assert_false (g_signal_has_handler_pending (c, notify_id (), 0, FALSE));
}

static void
test_document_changed (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
  g_autoptr(KlTarget) target = make_target ("1", "17.501", "17.600", KL_TARGET_KIND_COMPONENT);
  g_autoptr(KlSigner) first = kl_signer_new (NULL, "BÍ THƯ", "A");
  g_autoptr(KlSigner) second = kl_signer_new (NULL, "PHÓ BÍ THƯ", "B");
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  g_autoptr(KlValue) actual = kl_value_parse ("16.000", NULL);
  guint n = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (count_changed), &n);

  kl_document_set_body (doc, "**1. Về** kinh tế");
  g_assert_cmpuint (n, ==, 1);
  kl_document_set_body (doc, "**1. Về** kinh tế");
  g_assert_cmpuint (n, ==, 1);

  /* The signer the document starts with is watched too. */
  kl_signer_set_name (kl_document_get_signer (doc), "Default");
  g_assert_cmpuint (n, ==, 2);

  kl_document_set_signer (doc, first);
  g_assert_cmpuint (n, ==, 3);
  kl_signer_set_name (first, "A.");
  g_assert_cmpuint (n, ==, 4);
  kl_document_set_signer (doc, second);
  n = 0;
  kl_signer_set_name (first, "A..");
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (g_signal_has_handler_pending (first, notify_id (), 0, FALSE));
  kl_signer_set_name (second, "B.");
  g_assert_cmpuint (n, ==, 1);

  kl_document_set_meeting (doc, meeting);
  n = 0;
  kl_meeting_set_ordinal (meeting, 25);
  g_assert_cmpuint (n, ==, 1);

  /* From a target's value, through the report, up to the document. */
  g_list_store_append (kl_document_get_reports (doc), report);
  g_list_store_append (kl_report_get_targets (report), target);
  n = 0;
  kl_target_set_actual (target, actual);
  g_assert_cmpuint (n, >=, 1);
  n = 0;
  kl_report_set_period (report, "năm 2023");
  g_assert_cmpuint (n, ==, 1);

  /* A report taken out of the document no longer reaches it. */
  g_list_store_remove (kl_document_get_reports (doc), 0);
  g_assert_false (g_signal_has_handler_pending (report, g_signal_lookup ("changed", KL_TYPE_REPORT), 0, FALSE));
  n = 0;
  kl_report_set_period (report, "năm 2024");
  kl_target_set_name (target, "Other");
  g_assert_cmpuint (n, ==, 0);
}

/* Objects that outlive a document (a signer preset, a shared meeting, a report moved
 * elsewhere) must keep no handler pointing at the freed document. */
static void
test_no_handler_leak (void)
{
  g_autoptr(KlSigner) signer = kl_signer_new (NULL, "BÍ THƯ", "A");
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
  g_autoptr(KlTarget) target = make_target ("1", "100", "120", KL_TARGET_KIND_MAIN);
  guint changed_id = g_signal_lookup ("changed", KL_TYPE_REPORT);
  KlDocument *doc = kl_document_new ("TB");
  KlReport *owned = kl_report_new ("Owned by the document only");
  KlSigner *initial = kl_document_get_signer (doc);
  KlDocument *doc_ptr = doc;
  KlReport *owned_ptr = owned;
  KlSigner *initial_ptr = initial;

  g_object_add_weak_pointer (G_OBJECT (doc), (gpointer *) &doc_ptr);
  g_object_add_weak_pointer (G_OBJECT (owned), (gpointer *) &owned_ptr);
  g_object_add_weak_pointer (G_OBJECT (initial), (gpointer *) &initial_ptr);

  g_list_store_append (kl_report_get_targets (report), target);
  kl_document_set_signer (doc, signer);
  /* The replaced default signer was owned by the document alone. */
  g_assert_null (initial_ptr);
  kl_document_set_meeting (doc, meeting);
  g_list_store_append (kl_document_get_reports (doc), report);
  g_list_store_append (kl_document_get_reports (doc), owned);
  g_object_unref (owned);

  g_assert_true (g_signal_has_handler_pending (signer, notify_id (), 0, FALSE));
  g_assert_true (g_signal_has_handler_pending (meeting, notify_id (), 0, FALSE));
  g_assert_true (g_signal_has_handler_pending (report, changed_id, 0, FALSE));

  g_object_unref (doc);
  g_assert_null (doc_ptr);
  g_assert_null (owned_ptr);
  g_assert_false (g_signal_has_handler_pending (signer, notify_id (), 0, FALSE));
  g_assert_false (g_signal_has_handler_pending (meeting, notify_id (), 0, FALSE));
  g_assert_false (g_signal_has_handler_pending (report, changed_id, 0, FALSE));

  /* Nothing may fire into the freed document (fatal under ASan/valgrind otherwise). */
  kl_signer_set_name (signer, "B");
  kl_meeting_set_ordinal (meeting, 3);
  kl_report_set_title (report, "Renamed");

  /* Same for a report and the targets that outlive it. */
  {
    KlReport *r = kl_report_new ("Short-lived");
    KlReport *r_ptr = r;

    g_object_add_weak_pointer (G_OBJECT (r), (gpointer *) &r_ptr);
    g_list_store_remove_all (kl_report_get_targets (report));
    g_list_store_append (kl_report_get_targets (r), target);
    g_assert_true (g_signal_has_handler_pending (target, notify_id (), 0, FALSE));
    g_object_unref (r);
    g_assert_null (r_ptr);
    g_assert_false (g_signal_has_handler_pending (target, notify_id (), 0, FALSE));
    kl_target_set_name (target, "After the report");
  }
}

static void
test_report_count (void)
{
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo");
  GListStore *targets = kl_report_get_targets (report);
  g_autoptr(KlTarget) group = kl_target_new_group ("I", "Các chỉ tiêu kinh tế");
  g_autoptr(KlTarget) m1 = make_target ("1", "100", "120", KL_TARGET_KIND_MAIN);
  g_autoptr(KlTarget) m2 = make_target ("2", "100", "100", KL_TARGET_KIND_MAIN);
  g_autoptr(KlTarget) m3 = make_target ("3", "100", "50", KL_TARGET_KIND_MAIN);
  g_autoptr(KlTarget) c1 = make_target ("4", "200", "250", KL_TARGET_KIND_COMPONENT);
  g_autoptr(KlTarget) c2 = make_target ("5", "", "", KL_TARGET_KIND_COMPONENT);
  guint met = 99, total = 99;

  g_list_store_append (targets, group);
  g_list_store_append (targets, m1);
  g_list_store_append (targets, m2);
  g_list_store_append (targets, m3);
  g_list_store_append (targets, c1);
  g_list_store_append (targets, c2);

  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 5);
  g_assert_true (kl_target_is_group (group));
  g_assert_cmpint (kl_target_get_status (m1), ==, KL_STATUS_EXCEEDED);
  g_assert_cmpint (kl_target_get_status (m3), ==, KL_STATUS_NOT_MET);
  g_assert_cmpint (kl_target_get_status (c2), ==, KL_STATUS_NO_DATA);

  kl_report_count (report, KL_TARGET_KIND_MAIN, &met, &total);
  g_assert_cmpuint (met, ==, 2);
  g_assert_cmpuint (total, ==, 3);
  /* The empty row has neither status nor figures: it is not counted. */
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &met, &total);
  g_assert_cmpuint (met, ==, 1);
  g_assert_cmpuint (total, ==, 1);

  /* A plan with no result yet ("-") is not counted either… */
  {
    g_autoptr(KlValue) plan = kl_value_parse ("300", NULL);
    g_autoptr(KlValue) dash = kl_value_parse ("-", NULL);

    kl_target_set_plan (c2, plan);
    kl_target_set_actual (c2, dash);
  }
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &met, &total);
  g_assert_cmpuint (met, ==, 1);
  g_assert_cmpuint (total, ==, 1);

  /* …but a result reported against no plan counts in the total, not as met. */
  {
    g_autoptr(KlValue) none = kl_value_parse ("", NULL);
    g_autoptr(KlValue) actual = kl_value_parse ("280", NULL);

    kl_target_set_plan (c2, none);
    kl_target_set_actual (c2, actual);
  }
  g_assert_cmpint (kl_target_get_status (c2), ==, KL_STATUS_NO_DATA);
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &met, &total);
  g_assert_cmpuint (met, ==, 1);
  g_assert_cmpuint (total, ==, 2);

  g_list_store_remove (targets, 0);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 5);
  g_list_store_remove (targets, 0);
  g_assert_cmpuint (kl_report_get_n_targets (report), ==, 4);
  kl_report_count (report, KL_TARGET_KIND_MAIN, NULL, &total);
  g_assert_cmpuint (total, ==, 2);
}

static void
test_document_copy (void)
{
  g_autoptr(KlDocument) doc = kl_document_new ("TB");
  g_autoptr(KlDocument) copy = NULL;
  g_autoptr(KlMeeting) meeting = kl_meeting_new ();
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M HUYỆN ỦY", "PHÓ BÍ THƯ", "Nguyễn Văn An");
  g_autoptr(KlReport) report = kl_report_new ("Báo cáo năm 2023");
  g_autoptr(KlTarget) target = make_target ("2.1", "61.000", "62.500", KL_TARGET_KIND_MAIN);
  g_autoptr(KlWarning) warning = kl_warning_new (7, "date", "no year");
  g_autoptr(KlReport) report_copy = NULL;
  g_autoptr(KlTarget) target_copy = NULL;
  g_autoptr(KlValue) edited = kl_value_parse ("1", NULL);
  const char *lines[] = { "- Như trên,", "- Lưu.", NULL };
  guint n = 0;

  kl_document_set_id (doc, 17);
  kl_document_set_number (doc, 406);
  kl_document_set_issuer_abbreviation (doc, "HU");
  kl_document_set_date (doc, "2023-07-07");
  kl_document_set_summary (doc, "Kết luận\nhội nghị");
  kl_document_set_body (doc, "Nội dung");
  kl_document_set_recipients (doc, lines);
  kl_document_set_signer (doc, signer);
  kl_document_set_meeting (doc, meeting);
  kl_document_set_secrecy (doc, KL_SECRECY_MAT);
  kl_document_set_urgency (doc, KL_URGENCY_KHAN);
  kl_document_set_state (doc, KL_DOCUMENT_STATE_ISSUED);
  kl_report_set_plan_label (report, "KH 2023");
  kl_report_set_annex_chart (report, "bullet");
  kl_target_set_typed_status (target, "Vượt");
  kl_target_set_source_line (target, 12);
  g_list_store_append (kl_report_get_targets (report), target);
  g_list_store_append (kl_document_get_reports (doc), report);
  g_list_store_append (kl_document_get_warnings (doc), warning);

  copy = kl_document_copy (doc);
  g_assert_cmpint (kl_document_get_id (copy), ==, 0);
  g_assert_cmpint (kl_document_get_state (copy), ==, KL_DOCUMENT_STATE_DRAFT);
  g_assert_cmpstr (kl_document_get_kind (copy), ==, "TB");
  g_assert_cmpstr (kl_document_get_title (copy), ==, "THÔNG BÁO");
  g_assert_cmpuint (kl_document_get_number (copy), ==, 406);
  g_assert_cmpstr (kl_document_get_date (copy), ==, "2023-07-07");
  g_assert_cmpstr (kl_document_get_summary (copy), ==, "Kết luận\nhội nghị");
  g_assert_cmpstr (kl_document_get_body (copy), ==, "Nội dung");
  g_assert_cmpstrv ((char **) kl_document_get_recipients (copy), lines);
  g_assert_cmpint (kl_document_get_secrecy (copy), ==, KL_SECRECY_MAT);
  g_assert_cmpint (kl_document_get_urgency (copy), ==, KL_URGENCY_KHAN);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_warnings (copy))), ==, 1);

  /* The meeting is shared on purpose: both documents are about the same meeting. */
  g_assert_true (kl_document_get_meeting (copy) == meeting);

  /* Signer, reports, targets and values are independent. */
  g_assert_true (kl_document_get_signer (copy) != signer);
  g_assert_cmpstr (kl_signer_get_name (kl_document_get_signer (copy)), ==, "Nguyễn Văn An");
  kl_signer_set_name (kl_document_get_signer (copy), "Other");
  g_assert_cmpstr (kl_signer_get_name (signer), ==, "Nguyễn Văn An");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (copy))), ==, 1);
  report_copy = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (copy)), 0);
  g_assert_true (report_copy != report);
  g_assert_cmpstr (kl_report_get_title (report_copy), ==, "Báo cáo năm 2023");
  g_assert_cmpstr (kl_report_get_plan_label (report_copy), ==, "KH 2023");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report_copy))), ==, 1);
  target_copy = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report_copy)), 0);
  g_assert_true (target_copy != target);
  g_assert_cmpstr (kl_target_get_code (target_copy), ==, "2.1");
  g_assert_cmpstr (kl_target_get_name (target_copy), ==, kl_target_get_name (target));
  g_assert_cmpstr (kl_target_get_unit (target_copy), ==, "Tấn");
  g_assert_cmpint (kl_target_get_kind (target_copy), ==, KL_TARGET_KIND_MAIN);
  g_assert_cmpstr (kl_target_get_typed_status (target_copy), ==, "Vượt");
  g_assert_cmpuint (kl_target_get_source_line (target_copy), ==, 12);
  g_assert_true (kl_target_get_plan (target_copy) != kl_target_get_plan (target));
  g_assert_cmpstr (kl_value_get_text (kl_target_get_plan (target_copy)), ==, "61.000");
  g_assert_cmpstr (kl_value_get_text (kl_target_get_actual (target_copy)), ==, "62.500");

  /* Edits to the copy leave the original alone, and its "changed" reaches the copy only. */
  g_signal_connect (doc, "changed", G_CALLBACK (count_changed), &n);
  kl_report_set_title (report_copy, "Changed");
  kl_target_set_plan (target_copy, edited);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (kl_report_get_title (report), ==, "Báo cáo năm 2023");
  g_assert_cmpstr (kl_value_get_text (kl_target_get_plan (target)), ==, "61.000");

  {
    g_autoptr(KlReport) alone = kl_report_copy (report);

    g_assert_cmpuint (kl_report_get_n_targets (alone), ==, 1);
    g_assert_cmpstr (kl_report_get_annex_chart (alone), ==, "bullet");
    /* The copy's chart is its own. */
    kl_report_set_annex_chart (alone, "trend");
    g_assert_cmpstr (kl_report_get_annex_chart (report), ==, "bullet");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/models/flags", test_flags);
  g_test_add_func ("/core/models/signer/properties", test_signer);
  g_test_add_func ("/core/models/organization/properties", test_organization);
  g_test_add_func ("/core/models/report/properties", test_report_properties);
  g_test_add_func ("/core/models/report/changed", test_report_changed);
  g_test_add_func ("/core/models/report/count", test_report_count);
  g_test_add_func ("/core/models/meeting/properties", test_meeting_properties);
  g_test_add_func ("/core/models/meeting/title", test_meeting_title);
  g_test_add_func ("/core/models/document/properties", test_document_properties);
  g_test_add_func ("/core/models/document/symbol", test_document_symbol);
  g_test_add_func ("/core/models/document/kind-title", test_kind_title);
  g_test_add_func ("/core/models/document/gdate", test_document_gdate);
  g_test_add_func ("/core/models/document/apply-organization", test_apply_organization);
  g_test_add_func ("/core/models/document/changed", test_document_changed);
  g_test_add_func ("/core/models/document/copy", test_document_copy);
  g_test_add_func ("/core/models/document/no-handler-leak", test_no_handler_leak);

  return g_test_run ();
}
