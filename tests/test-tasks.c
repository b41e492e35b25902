/* test-tasks.c: finding assigned tasks and their deadlines; the follow-up report; the CLI. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kl-core.h"
#include "kl-tasks.h"

static KlDocument *
import_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  KlDocument *doc = kl_importer_import_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
test_document_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "tasks", "ket-luan-nhiem-vu.txt", NULL);
}

/* The seed whose name starts with @prefix, or NULL (the test is then skipped). */
static char *
seed_path (const char *prefix)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".txt"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

typedef struct {
  const char *assignee;
  const char *due;          /* ISO or NULL */
  const char *text_start;
  guint       source_line;  /* 0: not checked */
} Expected;

static void
assert_tasks (GListModel *tasks, const Expected *expected, guint n_expected)
{
  guint n = g_list_model_get_n_items (tasks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTask) t = g_list_model_get_item (tasks, i);
      g_test_message ("task %u: %s | %s | %s (line %u)", i, kl_task_get_assignee (t),
                      kl_task_get_due (t), kl_task_get_text (t), kl_task_get_line (t));
    }
  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(KlTask) t = g_list_model_get_item (tasks, i);

      g_assert_cmpstr (kl_task_get_assignee (t), ==, expected[i].assignee);
      g_assert_cmpstr (kl_task_get_due (t), ==, expected[i].due);
      g_assert_true (g_str_has_prefix (kl_task_get_text (t), expected[i].text_start));
      g_assert_cmpuint (kl_task_get_position (t), ==, i);
      if (expected[i].source_line > 0)
        g_assert_cmpuint (kl_task_get_line (t), ==, expected[i].source_line);
    }
}

/* Our own conclusion: every way of assigning, every kind of deadline, and sentences that
 * look alike but assign nothing (in the opening, with "được giao", "giao thông", "đã",
 * "thống nhất", in a footnote). Dated 12/3/2024. */
static const Expected test_document_tasks[] = {
  { "Ủy ban nhân dân xã", "2024-06-30", "Giao Ủy ban nhân dân xã hoàn thành việc cắm mốc", 28 },
  { "Văn phòng Đảng ủy", "2024-06-30", "Văn phòng Đảng ủy theo dõi, đôn đốc", 28 },
  { "Ủy ban Kiểm tra Đảng ủy", "2024-09-30", "Giao Ủy ban Kiểm tra Đảng ủy chủ trì, phối hợp", 30 },
  { "Đảng ủy Quân sự xã", "2025-01-15", "giao Đảng ủy Quân sự xã rà soát lực lượng dân quân", 30 },
  { "Ủy ban nhân dân xã", "2024-08-31", "Đẩy nhanh tiến độ giải ngân vốn đầu tư công", 34 },
  { "Ủy ban nhân dân xã", "2024-12-31", "Rà soát danh sách hộ cận nghèo", 36 },
  { "Ban Xây dựng Đảng", "2024-04-30", "Ban Xây dựng Đảng xây dựng kế hoạch bồi dưỡng", 40 },
  { "Các chi bộ thôn", NULL, "Các chi bộ thôn tiếp tục nâng cao", 40 },
  { "Các cơ quan, đơn vị", "2024-12-20", "Đề nghị các cơ quan, đơn vị nghiêm túc quán triệt", 42 },
};

/* Each task's body-line is the line of @body holding the start of its sentence. */
static void
assert_body_lines (GListModel *tasks, const char *body)
{
  g_auto(GStrv) lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(KlTask) t = g_list_model_get_item (tasks, i);
      guint line = kl_task_get_body_line (t);
      /* The first words: enough to tell the sentences apart, short of any markup. */
      g_autofree char *start = g_utf8_substring (kl_task_get_text (t), 0, 12);

      g_assert_cmpuint (line, >, 0);
      g_assert_cmpuint (line, <=, g_strv_length (lines));
      g_assert_nonnull (strstr (lines[line - 1], start));
    }
}

static void
test_own_document (void)
{
  g_autofree char *path = test_document_path ();
  g_autoptr(KlDocument) doc = import_path (path);
  g_autoptr(GListStore) tasks = kl_tasks_extract (doc);
  g_autofree char *source = NULL;

  /* The importer's file lines already point at the paragraphs; searching the source
   * for each sentence keeps them. */
  assert_tasks (G_LIST_MODEL (tasks), test_document_tasks, G_N_ELEMENTS (test_document_tasks));
  g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
  kl_tasks_locate_in_source (G_LIST_MODEL (tasks), source);
  assert_tasks (G_LIST_MODEL (tasks), test_document_tasks, G_N_ELEMENTS (test_document_tasks));
  /* The line of the body is kept beside that of the file, to show the task in the text. */
  assert_body_lines (G_LIST_MODEL (tasks), kl_document_get_body (doc));
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
    g_autoptr(KlTask) copy = kl_task_copy (t);
    g_assert_cmpuint (kl_task_get_body_line (t), !=, kl_task_get_line (t));
    g_assert_cmpuint (kl_task_get_body_line (copy), ==, kl_task_get_body_line (t));
  }

  /* Without the importer's lines (a body edited since), the search alone finds them. */
  {
    g_autoptr(GListStore) again = NULL;
    g_autofree char *body = g_strconcat (kl_document_get_body (doc), "\n", NULL);
    kl_document_set_body (doc, body);
    again = kl_tasks_extract (doc);
    {
      g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (again), 0);
      g_assert_cmpuint (kl_task_get_line (t), !=, 28);   /* a line of the body markup */
      g_assert_cmpuint (kl_task_get_line (t), ==, kl_task_get_body_line (t));
    }
    kl_tasks_locate_in_source (G_LIST_MODEL (again), source);
    assert_tasks (G_LIST_MODEL (again), test_document_tasks, G_N_ELEMENTS (test_document_tasks));
  }

  /* Deadlines keep their wording; the symbol comes from the document. */
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), 1);
    g_assert_cmpstr (kl_task_get_due_text (t), ==, "trước ngày 30/6");
    g_assert_cmpstr (kl_task_get_document_symbol (t), ==, "21-KL/ĐU");
    g_assert_false (g_str_has_suffix (kl_task_get_text (t), "."));
  }
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), 2);
    g_assert_cmpstr (kl_task_get_due_text (t), ==, "trong quý III/2024");
  }
  /* Lists show the date and, beside it, the deadline as written. */
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), 2);
    g_autoptr(KlTask) none = g_list_model_get_item (G_LIST_MODEL (tasks), 7);
    g_autoptr(KlTask) unresolved = kl_task_new ("Báo cáo trước ngày 30/6", "Văn phòng");
    g_autofree char *full = kl_task_dup_due_display_full (t);
    g_autofree char *full_none = kl_task_dup_due_display_full (none);
    g_autofree char *full_unresolved = NULL;

    g_assert_cmpstr (full, ==, "30/09/2024 (trong quý III/2024)");
    g_assert_cmpstr (full_none, ==, "-");
    kl_task_set_due_text (unresolved, "trước ngày 30/6");
    full_unresolved = kl_task_dup_due_display_full (unresolved);
    g_assert_cmpstr (full_unresolved, ==, "- (trước ngày 30/6)");
  }
  /* A wording that gives the whole date already is shown alone, not after the date. */
  {
    g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), 3);
    g_autoptr(KlTask) words = g_list_model_get_item (G_LIST_MODEL (tasks), 4);
    g_autofree char *full = kl_task_dup_due_display_full (t);
    g_autofree char *full_words = kl_task_dup_due_display_full (words);
    g_autofree char *date = kl_task_dup_due_display (t);

    g_assert_cmpstr (full, ==, "trước ngày 15/01/2025");
    g_assert_cmpstr (date, ==, "15/01/2025");
    g_assert_cmpstr (full_words, ==, "trước ngày 31 tháng 8 năm 2024");
  }
  {
    static const struct { const char *due, *due_text, *shown; } cases[] = {
      { "2025-12-25", "trước ngày 25/12/2025", "trước ngày 25/12/2025" },
      { "2026-01-05", "trước ngày 5-1-2026", "trước ngày 5-1-2026" },
      { "2025-12-25", "trước ngày 25/12", "25/12/2025 (trước ngày 25/12)" },
      { "2025-12-25", "trước ngày 12/25/2025", "25/12/2025 (trước ngày 12/25/2025)" },
      { "2024-12-31", "trong năm 2024", "31/12/2024 (trong năm 2024)" },
      { "2024-03-31", "quý 1/3/2024", "31/03/2024 (quý 1/3/2024)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(KlTask) t = kl_task_new ("Báo cáo", "Văn phòng");
        g_autofree char *shown = NULL;

        kl_task_set_due (t, cases[i].due);
        kl_task_set_due_text (t, cases[i].due_text);
        shown = kl_task_dup_due_display_full (t);
        g_assert_cmpstr (shown, ==, cases[i].shown);
      }
  }
}

/* The example in data/examples, checked by hand: four tasks. */
static void
test_example (void)
{
  static const Expected expected[] = {
    { "Ủy ban nhân dân xã", "2025-12-25", "Giao Ủy ban nhân dân xã hoàn thiện kế hoạch", 0 },
    { "Văn phòng Đảng ủy", "2026-06-30", "Giao Văn phòng Đảng ủy theo dõi, đôn đốc", 0 },
    { "Các chi bộ", "2026-12-31", "Các chi bộ tiếp tục nâng cao chất lượng", 0 },
    { "Ủy ban Kiểm tra Đảng ủy", "2026-01-15", "Ủy ban Kiểm tra Đảng ủy xây dựng chương trình", 0 },
  };
  const char *data = g_getenv ("KETLUAN_DATA");
  g_autofree char *path = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(GListStore) tasks = NULL;

  if (data == NULL)
    {
      g_test_skip ("KETLUAN_DATA is not set");
      return;
    }
  path = g_build_filename (data, "examples", "vi-thong-bao-ket-luan.txt", NULL);
  doc = import_path (path);
  tasks = kl_tasks_extract (doc);
  assert_tasks (G_LIST_MODEL (tasks), expected, G_N_ELEMENTS (expected));
}

/* The seeds, checked by hand. 000 and 002 are conclusions without a date on their tasks;
 * 001 is a report of past results: it assigns nothing (its "Thường trực HĐND huyện tổ
 * chức được …" tells what was done). */
static void
test_seeds (void)
{
  static const Expected seed0[] = {
    { "UBND huyện", NULL, "Giao UBND huyện tiếp thu các ý kiến", 55 },
    { "Ban Thường vụ Huyện ủy", NULL, "Ban Chấp hành đảng bộ huyện giao Ban Thường vụ Huyện ủy xây dựng kế hoạch", 59 },
    { "Các cấp ủy, chính quyền từ huyện đến cơ sở", NULL, "Trên cơ sở định hướng", 61 },
  };
  static const Expected seed2[] = {
    { "Các cấp ủy, tổ chức đảng, các xã, thị trấn, các ngành, đoàn thể", NULL,
      "Trên cơ sở kết quả đánh giá giữa nhiệm kỳ", 52 },
    { "Ủy ban nhân dân huyện", NULL, "Ủy ban nhân dân huyện tập trung chỉ đạo rà soát", 54 },
    { "UBND huyện", NULL, "Trong lĩnh vực công nghiệp - xây dựng: UBND huyện chỉ đạo", 62 },
    { "Ban Thường vụ Huyện ủy", NULL, "Giao Ban Thường vụ Huyện ủy tiếp tục lãnh đạo", 80 },
    { "Các cơ quan, đơn vị", NULL, "Đề nghị các cơ quan, đơn vị thực hiện nghiêm túc", 82 },
  };
  struct { const char *prefix; const Expected *expected; guint n; } seeds[] = {
    { "000_", seed0, G_N_ELEMENTS (seed0) },
    { "001_", NULL, 0 },
    { "002_", seed2, G_N_ELEMENTS (seed2) },
  };

  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autofree char *path = seed_path (seeds[s].prefix);
      g_autoptr(KlDocument) doc = NULL;
      g_autoptr(GListStore) tasks = NULL;
      g_autofree char *source = NULL;

      if (path == NULL)
        {
          g_test_skip ("the seeds are not there (KETLUAN_SEEDS)");
          return;
        }
      g_test_message ("%s", path);
      doc = import_path (path);
      tasks = kl_tasks_extract (doc);
      g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
      kl_tasks_locate_in_source (G_LIST_MODEL (tasks), source);
      assert_tasks (G_LIST_MODEL (tasks), seeds[s].expected, seeds[s].n);
    }
}

static void
test_not_tasks (void)
{
  /* Each paragraph looks like an assignment in some way and is none. */
  static const char *bodies[] = {
    "### 1. Về tình hình\n\nCác chi bộ đã hoàn thành kế hoạch được giao trong năm 2024.\n",
    "### 1. Về tình hình\n\nỦy ban nhân dân xã đã xây dựng kế hoạch trước ngày 30/6/2024.\n",
    "### 1. Về tình hình\n\nBan Chấp hành Đảng bộ xã thống nhất giao chỉ tiêu năm 2025.\n",
    "### 1. Về tình hình\n\nTỷ lệ hộ dân được giao đất rừng đạt 95%, đạt Nghị quyết HĐND huyện giao.\n",
    "### 1. Về tình hình\n\nĐầu tư đường giao thông liên thôn, đề nghị công nhận xã đạt chuẩn.\n",
    "### 1. Về tình hình\n\nĐảng bộ huyện hoàn thành tốt nhiệm vụ trở lên.\n",
    "### 1. Về tình hình\n\nThường trực HĐND huyện tổ chức được 12 phiên họp.\n",
    "### 1. Về tình hình\n\n[^1]: Giao Ủy ban nhân dân xã báo cáo trước ngày 01/3/2024.\n",
    /* Before the first heading: the opening tells of the meeting. */
    "Văn phòng Đảng ủy trình bày dự thảo. Thường trực Đảng ủy chủ trì hội nghị và giao Văn "
    "phòng Đảng ủy tổng hợp ý kiến.\n\n### 1. Về tình hình\n\nHội nghị nhất trí.\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GListStore) tasks = kl_tasks_extract_from_markup (bodies[i], NULL);
      g_test_message ("%s", bodies[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 0);
    }
}

/* Phrasings seen in conclusions, one task each: body and deadline. */
static void
test_phrasings (void)
{
  static const struct {
    const char *body;
    const char *assignee;
    const char *due;
  } cases[] = {
    { "Giao cho UBND huyện chỉ đạo các xã rà soát trước ngày 30 tháng 6 năm 2024.", "UBND huyện", "2024-06-30" },
    { "Giao đồng chí Phó Bí thư Thường trực Huyện ủy chỉ đạo tổng kết trong quý IV/2024.",
      "Đồng chí Phó Bí thư Thường trực Huyện ủy", "2024-12-31" },
    { "- Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Văn phòng tham mưu sơ kết trước ngày 15/8.",
      "Ban Tuyên giáo Huyện ủy", "2024-08-15" },
    { "Các cơ quan chuyên môn có liên quan khẩn trương hoàn thiện hồ sơ trong tháng 5/2024.",
      "Các cơ quan chuyên môn có liên quan", "2024-05-31" },
    { "Thống nhất giao Ban Chỉ đạo 35 huyện xây dựng kế hoạch năm 2025.", "Ban Chỉ đạo 35 huyện", NULL },
    { "Yêu cầu các cấp ủy, tổ chức đảng nghiêm túc thực hiện.", "Các cấp ủy, tổ chức đảng", NULL },
  };
  GDate reference;

  g_date_clear (&reference, 1);
  g_date_set_dmy (&reference, 12, 3, 2024);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("### 1. Về nhiệm vụ\n\n%s\n", cases[i].body);
      g_autoptr(GListStore) tasks = kl_tasks_extract_from_markup (body, &reference);
      g_autoptr(KlTask) task = NULL;

      g_test_message ("%s", cases[i].body);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tasks)), ==, 1);
      task = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
      g_assert_cmpstr (kl_task_get_assignee (task), ==, cases[i].assignee);
      g_assert_cmpstr (kl_task_get_due (task), ==, cases[i].due);
    }
}

/* A list of tasks introduced by "Giao …:" belongs to that body; the list ends with the
 * first block that is not an item. */
static void
test_list (void)
{
  static const char body[] =
    "### 2. Về nhiệm vụ\n\n"
    "Giao Ủy ban nhân dân xã:\n\n"
    "(1) Rà soát quỹ đất công trước ngày 30/4/2024;\n\n"
    "(2) Lập hồ sơ đề nghị công nhận xã đạt chuẩn trong quý II/2024.\n\n"
    "Hội nghị cũng nhất trí với dự thảo quy chế.\n\n"
    "(3) Nội dung này không giao cho ai.\n";
  g_autoptr(GListStore) tasks = kl_tasks_extract_from_markup (body, NULL);
  static const Expected expected[] = {
    { "Ủy ban nhân dân xã", "2024-04-30", "Rà soát quỹ đất công", 5 },
    { "Ủy ban nhân dân xã", "2024-06-30", "Lập hồ sơ đề nghị công nhận", 7 },
  };

  assert_tasks (G_LIST_MODEL (tasks), expected, G_N_ELEMENTS (expected));
}

static void
test_deadlines (void)
{
  static const struct {
    const char *text;
    const char *due;        /* dd/mm/yyyy, "" = found but not resolvable, NULL = none */
    const char *due_text;
  } cases[] = {
    { "báo cáo trước ngày 15/01/2026", "15/01/2026", "trước ngày 15/01/2026" },
    { "hoàn thành chậm nhất ngày 25 tháng 12 năm 2025", "25/12/2025", NULL },
    { "xong trước ngày 30/6", "30/06/2024", "xong trước ngày 30/6" },
    { "xong trước ngày 10/3", "10/03/2025", NULL },          /* 10/3 is past on 12/3/2024 */
    { "xong trước ngày 12/3", "12/03/2025", NULL },          /* the same day: next year */
    { "báo cáo trong tháng 6/2024", "30/06/2024", "trong tháng 6/2024" },
    { "báo cáo tháng 2/2024", "29/02/2024", NULL },
    { "trình trước tháng 6/2024", "31/05/2024", NULL },
    { "trình trước tháng 1/2025", "31/12/2024", NULL },
    { "kiểm tra trong quý III/2024", "30/09/2024", "trong quý III/2024" },
    { "kiểm tra quý 4 năm 2024", "31/12/2024", NULL },
    { "kiểm tra trong quý I/2025", "31/03/2025", NULL },
    { "thực hiện trong năm 2026", "31/12/2026", "trong năm 2026" },
    { "thực hiện trước năm 2026", "31/12/2025", NULL },
    { "thực hiện trong tháng 2", "28/02/2025", NULL },          /* February 2024 is over */
    { "thực hiện trong tháng 6", "30/06/2024", NULL },
    { "thực hiện trong tháng 1", "31/01/2025", NULL },
    { "thực hiện nhiệm vụ năm 2026", NULL, NULL },            /* a year is no deadline */
    { "trong 15 ngày", NULL, NULL },
    { "6 tháng đầu năm 2024", NULL, NULL },
    { "trước ngày 45/13", NULL, NULL },
  };
  GDate reference;

  g_date_clear (&reference, 1);
  g_date_set_dmy (&reference, 12, 3, 2024);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate due;
      g_autofree char *due_text = NULL;
      gboolean found = kl_tasks_parse_deadline (cases[i].text, &reference, &due, &due_text);

      g_test_message ("%s", cases[i].text);
      if (cases[i].due == NULL)
        {
          g_assert_false (found);
          continue;
        }
      g_assert_true (found);
      g_assert_true (g_date_valid (&due));
      {
        g_autofree char *s = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&due),
                                              g_date_get_month (&due), g_date_get_year (&due));
        g_assert_cmpstr (s, ==, cases[i].due);
      }
      if (cases[i].due_text != NULL)
        g_assert_cmpstr (due_text, ==, cases[i].due_text);
    }

  /* No year and no reference: the wording is kept, the date is not guessed. */
  {
    GDate due;
    g_autofree char *due_text = NULL;
    g_assert_true (kl_tasks_parse_deadline ("trước ngày 30/6", NULL, &due, &due_text));
    g_assert_false (g_date_valid (&due));
    g_assert_cmpstr (due_text, ==, "trước ngày 30/6");
  }
}

static void
test_status (void)
{
  g_autoptr(KlTask) task = kl_task_new ("Giao Văn phòng theo dõi", "Văn phòng");
  GDate before, on, after;

  g_date_clear (&before, 1);
  g_date_clear (&on, 1);
  g_date_clear (&after, 1);
  g_date_set_dmy (&before, 29, 6, 2024);
  g_date_set_dmy (&on, 30, 6, 2024);
  g_date_set_dmy (&after, 1, 7, 2024);

  /* Without a deadline a task is never overdue. */
  g_assert_cmpint (kl_task_get_status (task, &after), ==, KL_TASK_STATUS_OPEN);
  kl_task_set_due (task, "2024-06-30");
  g_assert_cmpint (kl_task_get_status (task, &before), ==, KL_TASK_STATUS_OPEN);
  g_assert_cmpint (kl_task_get_status (task, &on), ==, KL_TASK_STATUS_OPEN);
  g_assert_cmpint (kl_task_get_status (task, &after), ==, KL_TASK_STATUS_OVERDUE);
  kl_task_set_state (task, KL_TASK_STATE_DONE);
  g_assert_cmpint (kl_task_get_status (task, &after), ==, KL_TASK_STATUS_DONE);
  g_assert_cmpstr (kl_task_status_to_string (KL_TASK_STATUS_OVERDUE), ==, "overdue");
  {
    g_autofree char *shown = kl_task_dup_due_display (task);
    g_assert_cmpstr (shown, ==, "30/06/2024");
  }
}

static guint notifications;

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  notifications++;
}

static void
test_notify (void)
{
  g_autoptr(KlTask) task = kl_task_new ("a", "b");

  notifications = 0;
  g_signal_connect (task, "notify", G_CALLBACK (on_notify), NULL);
  kl_task_set_due (task, "2024-06-30");
  kl_task_set_due (task, "2024-06-30");
  kl_task_set_state (task, KL_TASK_STATE_DONE);
  kl_task_set_state (task, KL_TASK_STATE_DONE);
  kl_task_set_assignee (task, "b");
  g_assert_cmpuint (notifications, ==, 2);
}

static KlTask *
make_task (const char *assignee, const char *text, const char *due, const char *symbol,
           KlTaskState state)
{
  KlTask *t = kl_task_new (text, assignee);
  kl_task_set_due (t, due);
  kl_task_set_document_symbol (t, symbol);
  kl_task_set_state (t, state);
  return t;
}

static void
test_report (void)
{
  g_autoptr(GListStore) tasks = g_list_store_new (KL_TYPE_TASK);
  g_autoptr(KlOrganization) org = kl_organization_new ();
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlMarkup) markup = NULL;
  GDate today;
  const char *body;
  guint headings = 0, items = 0;

  kl_organization_set_name (org, "ĐẢNG ỦY XÃ THANH LONG");
  kl_organization_set_abbreviation (org, "ĐU");
  kl_organization_set_place (org, "Thanh Long");

  g_list_store_append (tasks, make_task ("UBND xã", "Giao UBND xã cắm mốc giới", "2024-06-30",
                                         "21-KL/ĐU", KL_TASK_STATE_OPEN));
  g_list_store_append (tasks, make_task ("Văn phòng Đảng ủy", "Văn phòng Đảng ủy theo dõi",
                                         "2024-12-31", "21-KL/ĐU", KL_TASK_STATE_OPEN));
  g_list_store_append (tasks, make_task ("Ủy ban nhân dân xã", "giao Ủy ban nhân dân xã rà soát hộ nghèo",
                                         NULL, "30-TB/ĐU", KL_TASK_STATE_OPEN));
  g_list_store_append (tasks, make_task ("Ban Xây dựng Đảng", "Ban Xây dựng Đảng lập kế hoạch",
                                         "2024-04-30", "21-KL/ĐU", KL_TASK_STATE_DONE));
  /* Tasks are model objects; the list model holds the references. */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(KlTask) t = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      g_object_unref (t);   /* drop make_task's reference, kept by the store */
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 7, 2024);
  doc = kl_tasks_build_report (G_LIST_MODEL (tasks), &today, org);

  g_assert_cmpstr (kl_document_get_kind (doc), ==, "BC");
  g_assert_cmpstr (kl_document_get_title (doc), ==, "BÁO CÁO");
  g_assert_cmpstr (kl_document_get_issuer (doc), ==, "ĐẢNG ỦY XÃ THANH LONG");
  g_assert_cmpstr (kl_document_get_date (doc), ==, "2024-07-01");
  body = kl_document_get_body (doc);
  g_test_message ("%s", body);
  markup = kl_markup_parse (body);
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      KlBlock *b = markup->blocks->pdata[i];
      if (b->type == KL_BLOCK_HEADING)
        headings++;
      else if (b->type == KL_BLOCK_ITEM)
        items++;
    }
  /* "UBND xã" and "Ủy ban nhân dân xã" are one body; the done task is left out. */
  g_assert_cmpuint (headings, ==, 2);
  g_assert_cmpuint (items, ==, 3);
  g_assert_nonnull (strstr (body, "### 1. UBND xã"));
  g_assert_nonnull (strstr (body, "### 2. Văn phòng Đảng ủy"));
  g_assert_nonnull (strstr (body, "còn 3 nhiệm vụ"));
  g_assert_nonnull (strstr (body, "trong đó 1 nhiệm vụ đã quá thời hạn"));
  g_assert_nonnull (strstr (body, "Giao UBND xã cắm mốc giới (văn bản số 21-KL/ĐU; thời hạn 30/06/2024; **quá hạn**)"));
  g_assert_nonnull (strstr (body, "(văn bản số 30-TB/ĐU; không ghi thời hạn)"));
  g_assert_nonnull (strstr (body, "Văn phòng Đảng ủy theo dõi (văn bản số 21-KL/ĐU; thời hạn 31/12/2024)."));
  g_assert_null (strstr (body, "Ban Xây dựng Đảng"));
  /* Items start with a capital even when the task was cut from inside a sentence. */
  g_assert_nonnull (strstr (body, "- Giao Ủy ban nhân dân xã rà soát"));
  g_assert_cmpstr (kl_signer_get_authority (kl_document_get_signer (doc)), ==, "T/L BAN THƯỜNG VỤ");
  g_assert_cmpstr (kl_document_get_recipients (doc)[2], ==, "- Lưu Văn phòng.");

  /* Nothing open: the report says so. */
  {
    g_autoptr(GListStore) none = g_list_store_new (KL_TYPE_TASK);
    g_autoptr(KlDocument) empty = kl_tasks_build_report (G_LIST_MODEL (none), &today, NULL);
    g_assert_nonnull (strstr (kl_document_get_body (empty), "đều đã hoàn thành"));
  }
}

static void
test_assignee_key (void)
{
  g_autofree char *a = kl_tasks_dup_assignee_key ("UBND huyện");
  g_autofree char *b = kl_tasks_dup_assignee_key ("Ủy ban nhân dân  huyện");
  g_autofree char *c = kl_tasks_dup_assignee_key ("Uỷ ban nhân dân huyện");
  g_autofree char *d = kl_tasks_dup_assignee_key ("UBND xã");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_cmpstr (a, !=, d);
}

/* ketluan-cli tasks FILE: one task a line, FILE:LINE: BODY | DEADLINE | TEXT; with --long,
 * the deadline as written after the date. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autofree char *path = test_document_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ketluan-cli is not built");
      return;
    }
  {
    const char *argv[] = { cli, "tasks", path, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (test_document_tasks));
  {
    g_autofree char *first = g_strdup_printf ("%s:28: Ủy ban nhân dân xã | 30/06/2024 | "
                                              "Giao Ủy ban nhân dân xã hoàn thành", path);
    g_autofree char *eighth = g_strdup_printf ("%s:40: Các chi bộ thôn | - | Các chi bộ thôn tiếp tục", path);
    g_assert_true (g_str_has_prefix (lines[0], first));
    g_assert_true (g_str_has_prefix (lines[7], eighth));
  }
  for (guint i = 0; i < G_N_ELEMENTS (test_document_tasks); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%u: %s | ", path,
                                                 test_document_tasks[i].source_line,
                                                 test_document_tasks[i].assignee);
      g_assert_true (g_str_has_prefix (lines[i], prefix));
    }

  /* --long: the deadline as the conclusion words it, in parentheses. */
  {
    const char *argv[] = { cli, "tasks", path, "--long", NULL };
    g_autofree char *first = g_strdup_printf ("%s:28: Ủy ban nhân dân xã | 30/06/2024 (trong tháng 6/2024) | "
                                              "Giao Ủy ban nhân dân xã hoàn thành", path);
    g_auto(GStrv) long_lines = NULL;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    long_lines = g_strsplit (g_strchomp (out), "\n", -1);
    g_assert_cmpuint (g_strv_length (long_lines), ==, G_N_ELEMENTS (test_document_tasks));
    g_assert_true (g_str_has_prefix (long_lines[0], first));
    /* A wording that names the date is not put after the same date; the default lines
     * keep the date, which scripts read. */
    g_assert_nonnull (strstr (long_lines[3], " | trước ngày 15/01/2025 | giao Đảng ủy"));
    g_assert_nonnull (strstr (lines[3], " | 15/01/2025 | giao Đảng ủy"));
  }

  /* A file that is not there: FILE: message, exit status 1. */
  {
    const char *argv[] = { cli, "tasks", "/nonexistent/ket-luan.txt", NULL };
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_str_has_prefix (err, "/nonexistent/ket-luan.txt"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/tasks/own-document", test_own_document);
  g_test_add_func ("/core/tasks/example", test_example);
  g_test_add_func ("/core/tasks/seeds", test_seeds);
  g_test_add_func ("/core/tasks/not-tasks", test_not_tasks);
  g_test_add_func ("/core/tasks/phrasings", test_phrasings);
  g_test_add_func ("/core/tasks/list", test_list);
  g_test_add_func ("/core/tasks/deadlines", test_deadlines);
  g_test_add_func ("/core/tasks/status", test_status);
  g_test_add_func ("/core/tasks/notify", test_notify);
  g_test_add_func ("/core/tasks/report", test_report);
  g_test_add_func ("/core/tasks/assignee-key", test_assignee_key);
  g_test_add_func ("/core/tasks/cli", test_cli);

  return g_test_run ();
}
