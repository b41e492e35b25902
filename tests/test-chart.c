/* test-chart.c: the plan-versus-actual charts: bar geometry, labels, SVG/PDF/PNG output, the CLI. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <poppler.h>

#include "kl-core.h"
#include "kl-chart.h"
#include "kl-renderer.h"

/* Own aliases: older poppler-glib (Debian 12) has no autoptr support for its types. */
typedef PopplerDocument TestPdf;
typedef PopplerPage TestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdfPage, g_object_unref)

/* The sanitizer build: fontconfig keeps its caches for the life of the process (pango's
 * fonts hold them); those are not our leaks. */
#define LSAN_SUPPRESSIONS "leak:libfontconfig.so\n"

#define PORTRAIT 467.7
#define LANDSCAPE 728.5

/* ---------------------------------------------------------------------------------------- */
/* Fixtures                                                                                 */

static KlTarget *
add_target (KlReport *report, const char *code, const char *name, const char *unit,
            const char *plan, const char *actual, const char *next)
{
  KlTarget *t = kl_target_new (code, name, unit);
  KlValueContext ctx = { unit, NULL, NAN };

  if (plan)
    {
      g_autoptr(KlValue) v = kl_value_parse (plan, &ctx);
      kl_target_set_plan (t, v);
    }
  if (actual)
    {
      g_autoptr(KlValue) v = kl_value_parse (actual, &ctx);
      kl_target_set_actual (t, v);
    }
  if (next)
    {
      g_autoptr(KlValue) v = kl_value_parse (next, &ctx);
      kl_target_set_next_plan (t, v);
    }
  kl_target_set_kind (t, strchr (code, '.') ? KL_TARGET_KIND_COMPONENT : KL_TARGET_KIND_MAIN);
  g_list_store_append (kl_report_get_targets (report), t);
  g_object_unref (t);
  return t;
}

static KlTarget *
add_numbers (KlReport *report, const char *code, const char *name, double plan, double actual)
{
  KlTarget *t = kl_target_new (code, name, "Tấn");
  g_autoptr(KlValue) p = kl_value_new_number (plan);
  g_autoptr(KlValue) a = kl_value_new_number (actual);

  kl_target_set_plan (t, p);
  kl_target_set_actual (t, a);
  kl_target_set_direction (t, KL_DIRECTION_HIGHER_BETTER);
  kl_target_set_kind (t, KL_TARGET_KIND_COMPONENT);
  g_list_store_append (kl_report_get_targets (report), t);
  g_object_unref (t);
  return t;
}

/* A small report whose ratios are known exactly, with the awkward cases of real tables. */
static KlReport *
synthetic_report (void)
{
  KlReport *r = kl_report_new ("Báo cáo thử biểu đồ");
  KlTarget *t;

  kl_report_set_period (r, "năm 2023");
  add_numbers (r, "1", "Sản lượng thủy sản", 1000, 500);                 /* 50 % */
  add_numbers (r, "2", "Giá trị sản xuất công nghiệp", 1000, 948);       /* 94,8 % */
  add_numbers (r, "3", "Số hộ được hỗ trợ", 40, 40);                     /* 100 % */
  add_numbers (r, "4", "Diện tích cây ăn quả", 250, 300);                /* 120 % */
  add_numbers (r, "5", "Số mô hình điểm", 10, 30);                       /* 300 %: cut */
  t = add_numbers (r, "6", "Tỷ lệ hộ nghèo", 4.0, 5.0);                   /* lower better: 80 % */
  kl_target_set_direction (t, KL_DIRECTION_LOWER_BETTER);
  add_target (r, "7", "Hoàn thành kế hoạch luân chuyển cán bộ", "", "Đạt", "Đạt", NULL);
  add_target (r, "8", "Thu ngân sách", "", "61.000", "49.960", NULL);
  return r;
}

static guint
count_finite_ratios (KlReport *r)
{
  GListModel *m = G_LIST_MODEL (kl_report_get_targets (r));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (m, i);
      if (!kl_target_is_group (t) && isfinite (kl_target_get_ratio (t)))
        n++;
    }
  return n;
}

/* The tab-separated annex of seed 001, read with the project's TSV reader. */
static KlReport *
seed_report (void)
{
  const char *dir = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) d = NULL;
  g_autofree char *path = NULL, *contents = NULL;
  g_autoptr(GString) table = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;
  KlReport *report;
  guint first = 0;

  if (dir == NULL || (d = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "001_"))
      path = g_build_filename (dir, name, NULL);
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (first == 0 && g_str_has_prefix (lines[i], "TT\t"))
        first = i + 1;
      if (first > 0)
        {
          g_string_append (table, lines[i]);
          g_string_append_c (table, '\n');
        }
    }
  if (first == 0)
    return NULL;

  report = kl_report_new ("Kết quả thực hiện các chỉ tiêu năm 2023");
  kl_report_set_period (report, "năm 2023");
  if (!kl_tsv_read_targets (table->str, first, report, NULL, &error))
    {
      g_test_message ("seed 001 annex: %s", error->message);
      g_object_unref (report);
      return NULL;
    }
  return report;
}

static PopplerDocument *
pdf_of (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* Text as poppler finds it on page 1 (robust to the order it extracts the text in). */
static gboolean
pdf_find (PopplerDocument *doc, const char *needle)
{
  g_autoptr(TestPdfPage) page = poppler_document_get_page (doc, 0);
  GList *hits = poppler_page_find_text_with_options (page, needle, POPPLER_FIND_MULTILINE);
  gboolean found = hits != NULL;

  g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
  return found;
}

/* ---------------------------------------------------------------------------------------- */
/* SVG: the filled rectangles and the strokes as cairo writes them                           */

typedef struct { double x0, y0, x1, y1; } Box;

static GArray *
svg_fill_rects (const char *svg)
{
  g_autoptr(GRegex) re = g_regex_new (
    "<path style=\"[^\"]*fill:rgb[^\"]*\" d=\"M ([-0-9.]+) ([-0-9.]+) "
    "L ([-0-9.]+) ([-0-9.]+) L ([-0-9.]+) ([-0-9.]+) L ([-0-9.]+) ([-0-9.]+) Z", 0, 0, NULL);
  g_autoptr(GMatchInfo) mi = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Box));

  g_regex_match (re, svg, 0, &mi);
  while (g_match_info_matches (mi))
    {
      double v[8];
      Box b;
      for (int i = 0; i < 8; i++)
        {
          g_autofree char *s = g_match_info_fetch (mi, i + 1);
          v[i] = g_ascii_strtod (s, NULL);
        }
      b.x0 = MIN (v[0], v[4]);
      b.x1 = MAX (v[0], v[4]);
      b.y0 = MIN (v[1], v[5]);
      b.y1 = MAX (v[1], v[5]);
      g_array_append_val (out, b);
      g_match_info_next (mi, NULL);
    }
  return out;
}

/* Vertical solid strokes at least 1 pt wide, "M x y0 L x y1" (the 100 % line, not the
 * thin dotted grid). */
static GArray *
svg_vertical_lines (const char *svg)
{
  g_autoptr(GRegex) re = g_regex_new (
    "<path style=\"fill:none;stroke-width:(?:[1-9][0-9.]*);(?:(?!dasharray)[^\"])*\" "
    "d=\"M ([-0-9.]+) ([-0-9.]+) L ([-0-9.]+) ([-0-9.]+) \"", 0, 0, NULL);
  g_autoptr(GMatchInfo) mi = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Box));

  g_regex_match (re, svg, 0, &mi);
  while (g_match_info_matches (mi))
    {
      double v[4];
      for (int i = 0; i < 4; i++)
        {
          g_autofree char *s = g_match_info_fetch (mi, i + 1);
          v[i] = g_ascii_strtod (s, NULL);
        }
      if (fabs (v[0] - v[2]) < 1e-6)
        {
          Box b = { v[0], MIN (v[1], v[3]), v[2], MAX (v[1], v[3]) };
          g_array_append_val (out, b);
        }
      g_match_info_next (mi, NULL);
    }
  return out;
}

static gboolean
svg_has_rect (GArray *rects, const KlChartBar *bar)
{
  for (guint i = 0; i < rects->len; i++)
    {
      Box *b = &g_array_index (rects, Box, i);
      if (fabs (b->x0 - bar->x) < 0.02 && fabs (b->y0 - bar->y) < 0.02
          && fabs (b->x1 - (bar->x + bar->width)) < 0.02 && fabs (b->y1 - (bar->y + bar->height)) < 0.02)
        return TRUE;
    }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Tests                                                                                    */

static void
test_kind_names (void)
{
  KlChartKind kind;

  for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_TREND; k++)
    {
      g_assert_true (kl_chart_kind_from_string (kl_chart_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_true (kl_chart_kind_from_string ("Bullet", &kind));
  g_assert_cmpint (kind, ==, KL_CHART_BULLET);
  g_assert_false (kl_chart_kind_from_string ("pie", &kind));
}

static void
test_achievement_geometry (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  double height = kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  guint n_clamped = 0;

  /* 6 targets with figures; "Đạt" and the unsettled "61.000" are not bars. */
  g_assert_cmpuint (count_finite_ratios (r), ==, 6);
  g_assert_cmpuint (bars->len, ==, count_finite_ratios (r));

  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);

      g_assert_nonnull (b->target);
      g_assert_cmpfloat_with_epsilon (b->value, kl_target_get_ratio (b->target), 1e-9);
      g_assert_cmpint (b->status, ==, kl_target_get_status (b->target));
      /* The 100 % line is at the place of ratio 1 on the scale. */
      g_assert_cmpfloat_with_epsilon (b->reference_x, b->zero_x + b->scale, 0.01);
      g_assert_cmpfloat (b->x, >=, 0);
      g_assert_cmpfloat (b->x + b->width, <=, PORTRAIT);
      g_assert_cmpfloat (b->y + b->height, <=, height);
      g_assert_cmpfloat (b->height, >=, 6);
      if (b->clamped)
        {
          n_clamped++;
          g_assert_cmpfloat (b->value, >, 1.5 - 1e-9);
          g_assert_cmpfloat (b->width, <, b->value * b->scale);
        }
      else
        /* Length proportional to the ratio, within 1 %. */
        g_assert_cmpfloat (fabs (b->width - b->value * b->scale), <=, 0.01 * b->value * b->scale + 1e-6);
      if (i > 0)
        g_assert_cmpfloat (b->y, >=, g_array_index (bars, KlChartBar, i - 1).y
                                     + g_array_index (bars, KlChartBar, i - 1).height);
    }
  g_assert_cmpuint (n_clamped, ==, 1);

  /* Lower is better: plan 4 / actual 5 = 80 %, not 125 %. */
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      if (g_strcmp0 (kl_target_get_code (b->target), "6") == 0)
        g_assert_cmpfloat_with_epsilon (b->value, 0.8, 1e-9);
    }
}

static void
test_achievement_svg (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  g_autoptr(GBytes) svg = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "svg", 0, &error);
  g_autofree char *text = NULL;
  g_autoptr(GArray) rects = NULL, vlines = NULL;
  double ref = g_array_index (bars, KlChartBar, 0).reference_x;
  double top = G_MAXDOUBLE, bottom = 0;
  gboolean found_ref = FALSE;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
  rects = svg_fill_rects (text);
  vlines = svg_vertical_lines (text);

  /* Every bar of the API is painted exactly there. */
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      g_assert_true (svg_has_rect (rects, b));
      top = MIN (top, b->y);
      bottom = MAX (bottom, b->y + b->height);
    }
  /* And the 100 % line runs across all of them. */
  for (guint i = 0; i < vlines->len; i++)
    {
      Box *l = &g_array_index (vlines, Box, i);
      if (fabs (l->x0 - ref) < 0.02 && l->y0 <= top && l->y1 >= bottom)
        found_ref = TRUE;
    }
  g_assert_true (found_ref);
}

static void
test_achievement_pdf_text (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "pdf", 0, &error);
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(TestPdfPage) page = NULL;
  double w, h;

  g_assert_no_error (error);
  doc = pdf_of (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, PORTRAIT, 0.5);
  g_assert_cmpfloat_with_epsilon (h, kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT), 0.5);

  g_assert_true (pdf_find (doc, "Tỷ lệ thực hiện so với kế hoạch năm 2023"));
  g_assert_true (pdf_find (doc, "94,8 %"));
  g_assert_true (pdf_find (doc, "50 %"));
  g_assert_true (pdf_find (doc, "120 %"));
  g_assert_true (pdf_find (doc, "300 %"));     /* true value of the cut bar */
  g_assert_true (pdf_find (doc, "Vượt kế hoạch"));
  g_assert_true (pdf_find (doc, "Không đạt"));
  g_assert_true (pdf_find (doc, "Giá trị sản xuất công nghiệp"));
  g_assert_true (pdf_find (doc, "Không vẽ"));
  g_assert_true (pdf_find (doc, "luân chuyển cán bộ"));
  /* The ambiguous figure is flagged with its readings, not drawn. */
  g_assert_true (pdf_find (doc, "'61.000' chưa rõ"));
  g_assert_true (pdf_find (doc, "(↓)"));
  g_assert_false (pdf_find (doc, "(*)"));
}

/* A status typed in the table that the figures contradict is marked and explained. */
static void
test_disagreement_marked (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(KlTarget) t = g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (r)), 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestPdf) doc = NULL;

  kl_target_set_typed_status (t, "Đạt");   /* 94,8 % is not met */
  g_assert_true (kl_target_get_disagrees (t, NULL));
  pdf = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "pdf", 0, &error);
  g_assert_no_error (error);
  doc = pdf_of (pdf);
  g_assert_true (pdf_find (doc, "Giá trị sản xuất công nghiệp (*)"));
  g_assert_true (pdf_find (doc, "(*) Biểu ghi kết quả khác"));
}

/* Mean gray level of the inside of @b in a PNG rendered at @k pixels per point. */
static double
mean_gray (cairo_surface_t *img, const KlChartBar *b, double k)
{
  int stride = cairo_image_surface_get_stride (img);
  const guint8 *data = cairo_image_surface_get_data (img);
  double sum = 0;
  guint n = 0;

  for (int y = (int) ceil ((b->y + 1) * k); y < (int) floor ((b->y + b->height - 1) * k); y++)
    for (int x = (int) ceil ((b->x + 1) * k); x < (int) floor ((b->x + MIN (b->width, 40) - 1) * k); x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + x * 4);
        double r = ((p >> 16) & 0xff) / 255.0, g = ((p >> 8) & 0xff) / 255.0, bl = (p & 0xff) / 255.0;
        sum += 0.299 * r + 0.587 * g + 0.114 * bl;
        n++;
      }
  return n ? sum / n : NAN;
}

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                       : CAIRO_STATUS_READ_ERROR;
}

/* Statuses stay apart in grayscale print: different gray levels for the three bar kinds. */
static void
test_grayscale (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  g_autoptr(GBytes) png = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "png", 144, &error);
  g_autoptr(GInputStream) in = NULL;
  cairo_surface_t *img;
  double gray[4] = { NAN, NAN, NAN, NAN };

  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_bytes (png);
  img = cairo_image_surface_create_from_png_stream (read_bytes, in);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, (int) ceil (PORTRAIT * 2));

  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      gray[b->status] = mean_gray (img, b, 2.0);
    }
  g_test_message ("gray: exceeded %.2f met %.2f not met %.2f", gray[KL_STATUS_EXCEEDED],
                  gray[KL_STATUS_MET], gray[KL_STATUS_NOT_MET]);
  g_assert_true (isfinite (gray[KL_STATUS_EXCEEDED]) && isfinite (gray[KL_STATUS_MET])
                 && isfinite (gray[KL_STATUS_NOT_MET]));
  g_assert_cmpfloat (fabs (gray[KL_STATUS_EXCEEDED] - gray[KL_STATUS_MET]), >, 0.15);
  g_assert_cmpfloat (fabs (gray[KL_STATUS_MET] - gray[KL_STATUS_NOT_MET]), >, 0.08);
  g_assert_cmpfloat (fabs (gray[KL_STATUS_EXCEEDED] - gray[KL_STATUS_NOT_MET]), >, 0.15);
  cairo_surface_destroy (img);
}

static void
test_bullet (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_BULLET, reports, 1, NULL, PORTRAIT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = kl_chart_render (KL_CHART_BULLET, reports, 1, NULL, PORTRAIT, "pdf", 0, &error);
  g_autoptr(TestPdf) doc = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, ==, 6);
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      double actual = kl_value_get_number (kl_target_get_actual (b->target));
      double plan = kl_value_get_number (kl_target_get_plan (b->target));

      /* Each target on its own scale, in its own unit: actual bar and plan marker. */
      g_assert_cmpfloat_with_epsilon (b->value, actual, 1e-9);
      g_assert_cmpfloat (fabs (b->width - actual * b->scale), <=, 0.01 * actual * b->scale);
      g_assert_cmpfloat_with_epsilon (b->reference_x, b->zero_x + plan * b->scale, 0.01);
      g_assert_cmpfloat (b->x + b->width, <=, PORTRAIT);
      g_assert_cmpfloat (b->reference_x, <=, PORTRAIT);
    }
  doc = pdf_of (pdf);
  g_assert_true (pdf_find (doc, "948 / 1.000 Tấn"));
  g_assert_true (pdf_find (doc, "TH / KH"));
  g_assert_true (pdf_find (doc, "Không vẽ"));
}

static void
test_summary (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_SUMMARY, reports, 1, NULL, PORTRAIT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = kl_chart_render (KL_CHART_SUMMARY, reports, 1, NULL, PORTRAIT, "pdf", 0, &error);
  g_autoptr(TestPdf) doc = NULL;
  g_autofree char *expected = NULL;
  guint by_status[4] = { 0 }, counted[4] = { 0 }, met = 0, total = 0;
  GListModel *m = G_LIST_MODEL (kl_report_get_targets (r));

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (m); i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (m, i);
      by_status[kl_target_get_status (t)]++;
    }
  /* All synthetic targets are components here (codes with no dot are MAIN: see add_*). */
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      g_assert_null (b->target);
      g_assert_cmpfloat (fabs (b->width - b->value * b->scale), <, 0.01);
      counted[b->status] += (guint) b->value;
    }
  for (int s = 0; s < 4; s++)
    g_assert_cmpuint (counted[s], ==, by_status[s]);

  kl_report_count (r, KL_TARGET_KIND_COMPONENT, &met, &total);
  expected = g_strdup_printf ("%u/%u chỉ tiêu thành phần", met, total);
  doc = pdf_of (pdf);
  g_assert_true (pdf_find (doc, expected));
}

static void
test_trend (void)
{
  g_autoptr(KlReport) a = kl_report_new ("Báo cáo năm 2022");
  g_autoptr(KlReport) b = kl_report_new ("Báo cáo năm 2023");
  KlReport *reports[] = { a, b };
  g_autoptr(GArray) bars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestPdf) doc = NULL;
  guint per_report[2] = { 0 };

  kl_report_set_period (a, "năm 2022");
  kl_report_set_period (b, "năm 2023");
  add_numbers (a, "1", "Sản lượng lương thực", 17000, 17100);
  add_numbers (a, "2", "Trồng rừng mới", 400, 420);
  add_numbers (a, "3", "Chỉ tiêu chỉ có năm đầu", 10, 9);
  /* Renumbered, a final full stop and another case: still the same targets. */
  add_numbers (b, "4", "sản lượng lương thực.", 17600, 17501);
  add_numbers (b, "2", "Trồng rừng mới", 500, 527.3);
  add_numbers (b, "5", "Chỉ tiêu mới", 3, 3);
  /* Renamed but same code and unit: the same target too. */
  add_numbers (a, "7", "Diện tích rừng trồng", 50, 55);
  add_numbers (b, "7", "Diện tích trồng rừng tập trung", 60, 58);
  /* Typed with combining marks (NFD: "ê" + U+0301 for "ế") one year, precomposed the
   * next: the same target. */
  add_numbers (a, "8", "Thu ngân sa\xcc\x81" "ch xã hội hóa ca\xcc\x89" " năm", 80, 82);
  add_numbers (b, "9", "Thu ngân sách xã hội hóa cả năm", 90, 91);

  bars = kl_chart_get_bars (KL_CHART_TREND, reports, 2, NULL, LANDSCAPE);
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *bar = &g_array_index (bars, KlChartBar, i);
      per_report[bar->report]++;
      g_assert_cmpfloat (fabs (bar->width - bar->value * bar->scale), <=, 0.01 * bar->value * bar->scale);
    }
  g_assert_cmpuint (per_report[0], ==, 5);
  g_assert_cmpuint (per_report[1], ==, 5);
  /* Rows: 6 distinct targets; the matched ones share a row (same y band, same scale). */
  {
    GHashTable *rows = g_hash_table_new (g_direct_hash, g_direct_equal);
    for (guint i = 0; i < bars->len; i++)
      g_hash_table_add (rows, GINT_TO_POINTER ((int) lround (g_array_index (bars, KlChartBar, i).y)));
    g_assert_cmpuint (g_hash_table_size (rows), ==, 6);
    g_hash_table_unref (rows);
  }

  pdf = kl_chart_render (KL_CHART_TREND, reports, 2, NULL, LANDSCAPE, "pdf", 0, &error);
  g_assert_no_error (error);
  doc = pdf_of (pdf);
  g_assert_true (pdf_find (doc, "năm 2022"));
  g_assert_true (pdf_find (doc, "năm 2023"));
  g_assert_true (pdf_find (doc, "17.501"));
}

/* An ambiguous figure is listed, not drawn; once the user settles it, it becomes a bar. */
static void
test_settle (void)
{
  g_autoptr(KlReport) r = kl_report_new ("Báo cáo thử");
  KlReport *reports[] = { r };
  KlTarget *t = add_target (r, "1", "Thu ngân sách", "", "61.000", "49.960", NULL);
  g_autoptr(GArray) before = NULL, after = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(GError) error = NULL;

  add_numbers (r, "2", "Sản lượng thủy sản", 1000, 500);
  g_assert_true (kl_value_get_ambiguous (kl_target_get_plan (t)));
  before = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_cmpuint (kl_chart_count_undrawn (r), ==, 1);

  kl_value_settle (kl_target_get_plan (t), 61000);
  kl_value_settle (kl_target_get_actual (t), 49960);
  after = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpuint (kl_chart_count_undrawn (r), ==, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (after, KlChartBar, 0).value, 49960.0 / 61000.0, 1e-9);

  pdf = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "pdf", 0, &error);
  g_assert_no_error (error);
  doc = pdf_of (pdf);
  g_assert_true (pdf_find (doc, "81,9 %"));
  g_assert_false (pdf_find (doc, "Không vẽ"));
}

/* Degenerate input draws a readable chart, never garbage: no targets, or only words. */
static void
test_empty (void)
{
  g_autoptr(KlReport) empty = kl_report_new (NULL);
  g_autoptr(KlReport) words = kl_report_new ("Chỉ có chữ");
  KlReport *reports[2] = { empty, words };

  add_target (words, "1", "Hoàn thành nhiệm vụ", "", "Đạt", "Đạt", NULL);
  add_target (words, "2", "Công tác tuyên truyền", "", "Tốt", "-", NULL);
  for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_TREND; k++)
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GArray) bars = kl_chart_get_bars (k, reports + i, 1, NULL, PORTRAIT);
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) pdf = kl_chart_render (k, reports + i, 1, NULL, PORTRAIT, "pdf", 0, &error);
        g_autoptr(TestPdf) doc = NULL;

        g_assert_no_error (error);
        g_assert_cmpfloat (kl_chart_measure (k, reports + i, 1, NULL, PORTRAIT), >, 20);
        if (k != KL_CHART_SUMMARY)
          g_assert_cmpuint (bars->len, ==, 0);
        doc = pdf_of (pdf);
        if (i == 1 && k != KL_CHART_SUMMARY)
          g_assert_true (pdf_find (doc, "Công tác tuyên truyền"));   /* listed, not drawn */
      }
}

/* A name with a character the font lacks is an error at the target's line, not a fallback. */
static void
test_font_check (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  KlTarget *t;

  for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_TREND; k++)
    {
      g_assert_true (kl_chart_check_fonts (k, reports, 1, "Liberation Serif", PORTRAIT, &error));
      g_assert_no_error (error);
    }
  t = add_numbers (r, "9", "Sản lượng 中 chè búp", 100, 90);
  kl_target_set_source_line (t, 57);
  g_assert_false (kl_chart_check_fonts (KL_CHART_ACHIEVEMENT, reports, 1, "Liberation Serif", PORTRAIT, &error));
  g_assert_error (error, KL_RENDER_ERROR, KL_RENDER_ERROR_FONT);
  g_assert_true (g_str_has_prefix (error->message, "line 57: "));
}

static void
test_bad_format (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = kl_chart_render (KL_CHART_SUMMARY, reports, 1, NULL, PORTRAIT, "gif", 0, &error);

  g_assert_null (out);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "gif"));
}

/* The real table of seed 001: every kind draws, numeric targets are bars, 36 rows fit. */
static void
test_seed_001 (void)
{
  g_autoptr(KlReport) r = seed_report ();
  KlReport *reports[1];
  g_autoptr(GError) error = NULL;

  if (r == NULL)
    {
      g_test_skip ("seed 001 not found or its annex could not be read");
      return;
    }
  reports[0] = r;
  g_test_message ("seed 001: %u targets, %u with a ratio", kl_report_get_n_targets (r), count_finite_ratios (r));
  g_assert_cmpuint (kl_report_get_n_targets (r), >=, 30);

  for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_TREND; k++)
    for (int orient = 0; orient < 2; orient++)
      {
        double width = orient ? LANDSCAPE : PORTRAIT;
        double height = kl_chart_measure (k, reports, 1, NULL, width);
        g_autoptr(GArray) bars = kl_chart_get_bars (k, reports, 1, NULL, width);
        g_autoptr(GBytes) pdf = kl_chart_render (k, reports, 1, NULL, width, "pdf", 0, &error);
        g_autoptr(TestPdf) doc = NULL;

        g_assert_no_error (error);
        g_assert_cmpfloat (height, >, 50);
        if (k == KL_CHART_ACHIEVEMENT)
          g_assert_cmpuint (bars->len, ==, count_finite_ratios (r));
        for (guint i = 0; i < bars->len; i++)
          {
            KlChartBar *b = &g_array_index (bars, KlChartBar, i);
            g_assert_cmpfloat (b->x + b->width, <=, width + 1e-6);
            g_assert_cmpfloat (b->y + b->height, <=, height);
            g_assert_cmpfloat (b->height, >=, 4.5);
          }
        doc = pdf_of (pdf);
        if (k != KL_CHART_SUMMARY)
          {
            g_assert_true (pdf_find (doc, "Thu nhập bình quân đầu người"));
            g_assert_true (pdf_find (doc, "Tuyển quân"));
          }
        else
          g_assert_true (pdf_find (doc, "chỉ tiêu chính"));
        /* Portrait: the seed's 40 targets fit the text height of one A4 page (257 mm). */
        if ((k == KL_CHART_ACHIEVEMENT || k == KL_CHART_BULLET) && !orient)
          g_assert_cmpfloat (height, <=, 257.0 / 25.4 * 72.0);
      }
}


static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_hits (PopplerPage *page, const char *needle)
{
  GList *hits = poppler_page_find_text (page, needle);
  guint n = g_list_length (hits);

  g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
  return n;
}

/* A chart longer than the room on a page splits between rows, each part within its room,
 * every row in exactly one part, the title repeated, the notes once at the end. */
static void
test_split (void)
{
  g_autoptr(KlReport) r = seed_report ();
  KlReport *reports[1];
  g_autofree double *heights = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(GError) error = NULL;
  const double first = 300, next = 700;
  guint n, names_seen = 0, cont = 0, notes = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (r == NULL)
    {
      g_test_skip ("seed 001 not found or its annex could not be read");
      return;
    }
  reports[0] = r;

  /* Fits: one part as tall as the whole chart. */
  n = kl_chart_split (KL_CHART_SUMMARY, reports, 1, NULL, PORTRAIT, 2000, 2000, &heights);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat_with_epsilon (heights[0], kl_chart_measure (KL_CHART_SUMMARY, reports, 1, NULL, PORTRAIT), 0.01);
  g_clear_pointer (&heights, g_free);

  n = kl_chart_split (KL_CHART_BULLET, reports, 1, NULL, PORTRAIT, first, next, &heights);
  g_assert_cmpuint (n, >=, 2);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, out, PORTRAIT, next);
  cr = cairo_create (surface);
  for (guint k = 0; k < n; k++)
    {
      g_assert_cmpfloat (heights[k], <=, k == 0 ? first : next);
      g_assert_cmpfloat (heights[k], >, 40);
      kl_chart_draw_part (KL_CHART_BULLET, reports, 1, NULL, cr, PORTRAIT, first, next, k);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (doc, k);
      names_seen += count_hits (page, "Thu nhập bình quân đầu người") + count_hits (page, "Tuyển quân")
                    + count_hits (page, "Kết nạp mới đảng viên");
      cont += count_hits (page, "(tiếp theo)");
      notes += count_hits (page, "Không vẽ");
      if (k == 0)
        g_assert_cmpuint (count_hits (page, "(tiếp theo)"), ==, 0);
    }
  g_assert_cmpuint (names_seen, ==, 3);
  g_assert_cmpuint (cont, ==, n - 1);
  g_assert_cmpuint (notes, ==, 1);
}

/* ---------------------------------------------------------------------------------------- */
/* CLI                                                                                      */

static char *
write_tmp (const char *dir, const char *name, const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *cli_suppressions;   /* file in test_cli's temporary directory */

/* Runs `ketluan-cli COMMAND ARGS…` (with the environment's KETLUAN_DB); its stderr in
 * @out_stderr; 0 on success. */
static int
run_cli_va (const char *command, char **out_stderr, va_list ap)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = -1;
  g_autofree char *lsan = NULL;
  g_auto(GStrv) envp = NULL;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) command);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  /* The same suppressions for the CLI child in the sanitizer build. */
  lsan = g_strdup_printf ("suppressions=%s", cli_suppressions);
  envp = g_environ_setenv (g_get_environ (), "LSAN_OPTIONS", lsan, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, out_stderr, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static int
run_cli (char **out_stderr, ...)
{
  va_list ap;
  int rc;

  va_start (ap, out_stderr);
  rc = run_cli_va ("chart", out_stderr, ap);
  va_end (ap);
  return rc;
}

static int
run_cli_command (const char *command, char **out_stderr, ...)
{
  va_list ap;
  int rc;

  va_start (ap, out_stderr);
  rc = run_cli_va (command, out_stderr, ap);
  va_end (ap);
  return rc;
}

static void
test_cli (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *seed = NULL, *out = NULL, *err = NULL, *bad = NULL, *missing = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  static const char *formats[] = { "pdf", "svg", "png" };

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE) || seeds == NULL)
    {
      g_test_skip ("KETLUAN_CLI or KETLUAN_SEEDS not set");
      return;
    }
  d = g_dir_open (seeds, 0, NULL);
  while (d && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "001_"))
      seed = g_build_filename (seeds, name, NULL);
  g_assert_nonnull (seed);
  dir = g_dir_make_tmp ("kl-chart-XXXXXX", &error);
  g_assert_no_error (error);
  cli_suppressions = g_build_filename (dir, "lsan.supp", NULL);
  g_assert_true (g_file_set_contents (cli_suppressions, LSAN_SUPPRESSIONS, -1, NULL));

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_SUMMARY; k++)
      {
        g_autofree char *file = g_strdup_printf ("%s.%s", kl_chart_kind_to_string (k), formats[f]);
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autofree char *e = NULL, *contents = NULL;
        gsize len = 0;
        int rc = run_cli (&e, seed, "--kind", kl_chart_kind_to_string (k), "-o", path, "--dpi", "96", NULL);

        g_assert_cmpint (rc, ==, 0);
        g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
        if (f == 0)
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
        else if (f == 1)
          g_assert_nonnull (strstr (contents, "<svg"));
        else
          g_assert_true (len > 8 && memcmp (contents, "\x89PNG", 4) == 0);
        g_remove (path);
      }

  /* Errors: exit 1, FILE: message, and nothing written. */
  out = g_build_filename (dir, "out.pdf", NULL);
  missing = g_build_filename (dir, "missing.txt", NULL);
  g_assert_cmpint (run_cli (&err, missing, "--kind", "achievement", "-o", out, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, missing));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&err, seed, "--kind", "pie", "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--kind"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&err, seed, "--kind", "summary", "-o", out, "--report", "9", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, seed));
  g_assert_nonnull (strstr (err, "--report 9"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  bad = write_tmp (dir, "bad.json", "{\n  \"kind\": \"TB\",\n  \"reports\": [ oops ]\n}\n");
  g_assert_cmpint (run_cli (&err, bad, "--kind", "summary", "-o", out, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, bad));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&err, seed, "--kind", "summary", "-o", "x.gif", NULL), ==, 1);
  g_assert_false (g_file_test ("x.gif", G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* A character the font lacks in a target's name: FILE:LINE of that row, nothing written. */
  {
    g_autofree char *contents = NULL, *expected = NULL;
    g_auto(GStrv) lines = NULL;
    guint row = 0;

    g_assert_true (g_file_get_contents (seed, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "10.1\t"))
        {
          char *patched = g_strconcat ("10.1\tTuyển quân 中", lines[i] + strlen ("10.1\tTuyển quân"), NULL);
          g_free (lines[i]);
          lines[i] = patched;
          row = i + 1;
        }
    g_assert_cmpuint (row, >, 0);
    g_free (contents);
    contents = g_strjoinv ("\n", lines);
    g_remove (bad);
    g_free (bad);
    bad = write_tmp (dir, "glyph.txt", contents);
    g_assert_cmpint (run_cli (&err, bad, "--kind", "achievement", "-o", out, NULL), ==, 1);
    expected = g_strdup_printf ("%s:%u: ", bad, row);
    g_assert_true (g_str_has_prefix (err, expected));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  g_remove (bad);
  g_remove (cli_suppressions);
  g_clear_pointer (&cli_suppressions, g_free);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_assert_no_errno (g_remove (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static PopplerDocument *
pdf_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return pdf_of (bytes);
}

/* ketluan-cli chart --kind trend with a library holding the commune's two earlier years
 * (2023 twice: the notice imported again): their columns come before the file's, the
 * periods taken are said on stderr; --no-library and a missing library take none, and
 * the missing one is not created. */
static void
test_cli_trend (void)
{
  const char *cli = g_getenv ("KETLUAN_CLI");
  const char *data = g_getenv ("KETLUAN_DATA");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *db = NULL, *missing_db = NULL, *out = NULL, *err = NULL;
  g_autofree char *y2023 = NULL, *y2024 = NULL, *y2025 = NULL;
  g_autofree char *old_db = g_strdup (g_getenv ("KETLUAN_DB"));

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE) || data == NULL)
    {
      g_test_skip ("KETLUAN_CLI or KETLUAN_DATA not set");
      return;
    }
  y2023 = g_build_filename (data, "examples", "trend", "thong-bao-2023.txt", NULL);
  y2024 = g_build_filename (data, "examples", "trend", "thong-bao-2024.txt", NULL);
  y2025 = g_build_filename (data, "examples", "vi-thong-bao-ket-luan.txt", NULL);
  dir = g_dir_make_tmp ("kl-chart-trend-XXXXXX", &error);
  g_assert_no_error (error);
  cli_suppressions = g_build_filename (dir, "lsan.supp", NULL);
  g_assert_true (g_file_set_contents (cli_suppressions, LSAN_SUPPRESSIONS, -1, NULL));
  db = g_build_filename (dir, "ketluan.db", NULL);
  out = g_build_filename (dir, "trend.pdf", NULL);
  g_setenv ("KETLUAN_DB", db, TRUE);

  /* Before any library: the file's report alone, and no library made. */
  g_assert_cmpint (run_cli (&err, y2025, "--kind", "trend", "-o", out, NULL), ==, 0);
  g_assert_null (strstr (err, "trend"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_command ("import", &err, y2023, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_command ("import", &err, y2024, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli_command ("import", &err, y2023, NULL), ==, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&err, y2025, "--kind", "trend", "-o", out, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "chart: trend: periods from the library: năm 2023, năm 2024\n"));
  {
    g_autoptr(TestPdf) pdf = pdf_file (out);

    g_assert_true (pdf_find (pdf, "(năm 2023 – năm 2025)"));
    /* 2023's and 2024's revenue beside 2025's. */
    g_assert_true (pdf_find (pdf, "10,95 / KH 11,8"));
    g_assert_true (pdf_find (pdf, "12,9 / KH 12,6"));
    g_assert_true (pdf_find (pdf, "12,35 / KH 13,5"));
  }
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&err, y2025, "--kind", "trend", "-o", out, "--no-library", NULL), ==, 0);
  g_assert_null (strstr (err, "library"));
  {
    g_autoptr(TestPdf) pdf = pdf_file (out);

    g_assert_false (pdf_find (pdf, "10,95"));
    g_assert_true (pdf_find (pdf, "12,35 / KH 13,5"));
  }
  g_clear_pointer (&err, g_free);

  /* ketluan-cli render: a trend annex chart takes them too. */
  {
    g_autofree char *json = NULL, *json_path = NULL, *pdf_path = g_build_filename (dir, "doc.pdf", NULL);
    g_autoptr(GString) edited = NULL;
    g_autoptr(TestPdf) pdf = NULL;
    gboolean found = FALSE;

    json_path = g_build_filename (dir, "2025.json", NULL);
    /* Without a library, import writes the JSON instead of storing the document. */
    g_unsetenv ("KETLUAN_DB");
    g_assert_cmpint (run_cli_command ("import", &err, y2025, "--json", "-o", json_path, NULL), ==, 0);
    g_setenv ("KETLUAN_DB", db, TRUE);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
    edited = g_string_new (json);
    g_assert_cmpuint (g_string_replace (edited, "\"annex_chart\": null", "\"annex_chart\": \"trend\"", 1), ==, 1);
    g_assert_true (g_file_set_contents (json_path, edited->str, -1, NULL));
    g_assert_cmpint (run_cli_command ("render", &err, json_path, "-o", pdf_path, NULL), ==, 0);
    g_assert_nonnull (strstr (err, "render: trend: periods from the library: năm 2023, năm 2024\n"));
    pdf = pdf_file (pdf_path);
    for (int i = 0; i < poppler_document_get_n_pages (pdf) && !found; i++)
      {
        g_autoptr(TestPdfPage) page = poppler_document_get_page (pdf, i);
        g_autofree char *text = poppler_page_get_text (page);

        found = strstr (text, "10,95 / KH 11,8") != NULL;
      }
    g_assert_true (found);
    g_clear_pointer (&err, g_free);
    g_remove (json_path);
    g_remove (pdf_path);
  }

  /* Another kind never looks at the library. */
  g_assert_cmpint (run_cli (&err, y2025, "--kind", "bullet", "-o", out, NULL), ==, 0);
  g_assert_null (strstr (err, "library"));
  g_clear_pointer (&err, g_free);

  /* A library report with a letter the font lacks is left out with a warning: the chart of
   * this file is still drawn, with the other periods. */
  {
    g_autofree char *text = NULL, *y2022 = g_build_filename (dir, "2022.txt", NULL);
    g_autoptr(GString) odd = NULL;
    g_autoptr(TestPdf) pdf = NULL;

    g_assert_true (g_file_get_contents (y2023, &text, NULL, NULL));
    odd = g_string_new (text);
    g_assert_cmpuint (g_string_replace (odd, "năm 2023", "năm 2022", 0), >, 0);
    g_assert_cmpuint (g_string_replace (odd, "Thu nhập bình quân đầu người", "Thu nhập bình quân 中 đầu người", 1), ==, 1);
    g_assert_true (g_file_set_contents (y2022, odd->str, -1, NULL));
    g_assert_cmpint (run_cli_command ("import", &err, y2022, NULL), ==, 0);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&err, y2025, "--kind", "trend", "-o", out, NULL), ==, 0);
    g_assert_nonnull (strstr (err, "chart: warning: the library's report of năm 2022 has a letter Liberation Serif "
                                   "cannot draw; it is left out of the trend\n"));
    g_assert_nonnull (strstr (err, "chart: trend: periods from the library: năm 2023, năm 2024\n"));
    pdf = pdf_file (out);
    g_assert_false (pdf_find (pdf, "năm 2022"));
    g_assert_true (pdf_find (pdf, "10,95 / KH 11,8"));
    g_clear_pointer (&err, g_free);
    g_remove (y2022);
  }

  missing_db = g_build_filename (dir, "none.db", NULL);
  g_setenv ("KETLUAN_DB", missing_db, TRUE);
  g_assert_cmpint (run_cli (&err, y2025, "--kind", "trend", "-o", out, NULL), ==, 0);
  g_assert_null (strstr (err, "library"));
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  if (old_db != NULL)
    g_setenv ("KETLUAN_DB", old_db, TRUE);
  else
    g_unsetenv ("KETLUAN_DB");
  g_remove (out);
  g_remove (cli_suppressions);
  g_clear_pointer (&cli_suppressions, g_free);
  rm_rf (dir);
}

/* Read by LeakSanitizer in the sanitizer build, unused otherwise. */
const char *__lsan_default_suppressions (void);
const char *
__lsan_default_suppressions (void)
{
  return LSAN_SUPPRESSIONS;
}

/* A chart is shaped once: drawing after measuring, drawing again, and drawing the parts
 * of a chart cut between pages reuse the layouts of its names (the bulk of its cost). */
static void
test_layouts_reused (void)
{
  g_autoptr(KlReport) r = kl_report_new ("Báo cáo nhiều chỉ tiêu");
  KlReport *reports[1] = { r };
  g_autoptr(KlChartRows) rows = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint measured, drawn;

  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("Chỉ tiêu thứ %u của kế hoạch năm", i);
      g_autoptr(KlTarget) t = kl_target_new (code, name, "Tấn");
      g_autoptr(KlValue) p = kl_value_new_number (100 + i);
      g_autoptr(KlValue) a = kl_value_new_number (90 + (i * 7) % 40);

      kl_target_set_plan (t, p);
      kl_target_set_actual (t, a);
      g_list_store_append (kl_report_get_targets (r), t);
    }
  kl_chart_cache_clear ();
  g_assert_cmpuint (kl_chart_cache_size (), ==, 0);
  rows = kl_chart_measure_rows (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  measured = kl_chart_cache_size ();
  /* Every name at least, each once. */
  g_assert_cmpuint (measured, >=, 120);
  g_assert_cmpuint (measured, <, 2 * 120);
  g_assert_cmpuint (rows->n_rows, ==, 120);

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, PORTRAIT, rows->height);
  drawn = kl_chart_cache_size ();
  /* Drawing adds the value labels only, not the names again. */
  g_assert_cmpuint (drawn, <=, measured + 120);
  kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, PORTRAIT, rows->height);
  kl_chart_draw_rows (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, PORTRAIT, 0, 40, FALSE);
  kl_chart_draw_rows (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, PORTRAIT, 40, 120, TRUE);
  /* The continued title "(tiếp theo)" is the one new text. */
  g_assert_cmpuint (kl_chart_cache_size (), <=, drawn + 1);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  kl_chart_cache_clear ();
  g_assert_cmpuint (kl_chart_cache_size (), ==, 0);
}

/* Names that exercise the word-by-word setting: long names that wrap, repeated words, a
 * slash, several spaces, a word wider than the name column (Pango cuts it), a script the
 * font lacks (Pango sets it, with a fallback font), digits and signs. */
static KlReport *
wrapping_report (void)
{
  static const char *const names[] = {
    "Tỷ lệ dân số đô thị được sử dụng nước sạch qua hệ thống cấp nước tập trung",
    "Tỷ lệ xã, phường, thị trấn đạt chuẩn phổ cập giáo dục tiểu học mức độ 2 trở lên và đạt chuẩn "
    "phổ cập giáo dục trung học cơ sở mức độ 1 trở lên",
    "Số bác sĩ/ vạn dân",
    "Thu  nhập   bình quân đầu người (triệu đồng/người/năm)",
    "Chỉ tiêu có một từ rất dài: Quảngtrịthịxãthịtrấnphườngxãthônbảnkhuphốtổdânphốxómấpcụmdâncư",
    "Sản lượng lúa 稻 và hoa màu",
    "Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều ≥ 1,5 %/năm",
    "Tuyển quân",
  };
  KlReport *r = kl_report_new ("Báo cáo thử xuống dòng");

  kl_report_set_period (r, "năm 2024");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i + 1);
      add_numbers (r, code, names[i], 100, 80 + 7 * i);
    }
  return r;
}

static void
assert_same_rows (KlChartKind kind, KlReport *r, double width)
{
  KlReport *reports[] = { r };
  g_autoptr(KlChartRows) fast = NULL, pango = NULL;
  g_autoptr(GArray) fast_bars = NULL, pango_bars = NULL;

  kl_chart_set_word_shaping (TRUE);
  fast = kl_chart_measure_rows (kind, reports, 1, NULL, width);
  fast_bars = kl_chart_get_bars (kind, reports, 1, NULL, width);
  kl_chart_set_word_shaping (FALSE);
  pango = kl_chart_measure_rows (kind, reports, 1, NULL, width);
  pango_bars = kl_chart_get_bars (kind, reports, 1, NULL, width);
  kl_chart_set_word_shaping (TRUE);

  g_assert_cmpuint (fast->n_rows, ==, pango->n_rows);
  g_assert_cmpuint (fast->n_rows, >, 0);
  /* Same lines: a row's height is its name's lines (one line is 10 pt or more). */
  for (guint i = 0; i < fast->n_rows; i++)
    g_assert_cmpfloat_with_epsilon (fast->rows[i], pango->rows[i], 0.01);
  g_assert_cmpfloat_with_epsilon (fast->header_first, pango->header_first, 0.01);
  g_assert_cmpfloat_with_epsilon (fast->footer, pango->footer, 0.01);
  g_assert_cmpfloat_with_epsilon (fast->height, pango->height, 0.01);
  g_assert_cmpuint (fast_bars->len, ==, pango_bars->len);
  for (guint i = 0; i < fast_bars->len; i++)
    {
      KlChartBar *a = &g_array_index (fast_bars, KlChartBar, i), *b = &g_array_index (pango_bars, KlChartBar, i);
      g_assert_cmpfloat_with_epsilon (a->x, b->x, 0.01);
      g_assert_cmpfloat_with_epsilon (a->y, b->y, 0.01);
      g_assert_cmpfloat_with_epsilon (a->width, b->width, 0.01);
    }
}

/* Text set word by word from the shaped-word cache breaks into the same lines as Pango's
 * layout of the whole text, so measuring, splitting and drawing agree either way. */
static void
test_word_shaping_matches_pango (void)
{
  g_autoptr(KlReport) wrapping = wrapping_report ();
  g_autoptr(KlReport) seed = seed_report ();

  for (KlChartKind k = KL_CHART_ACHIEVEMENT; k <= KL_CHART_BULLET; k++)
    {
      assert_same_rows (k, wrapping, PORTRAIT);
      assert_same_rows (k, wrapping, LANDSCAPE);
      assert_same_rows (k, wrapping, 300);
      if (seed != NULL)
        {
          assert_same_rows (k, seed, PORTRAIT);
          assert_same_rows (k, seed, LANDSCAPE);
        }
    }
}

/* Dark pixels (luminance under 0.35) in a rectangle given in points. */
static guint
dark_pixels (cairo_surface_t *img, double k, double x0, double y0, double x1, double y1)
{
  unsigned char *data = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  int w = cairo_image_surface_get_width (img), h = cairo_image_surface_get_height (img);
  guint n = 0;

  for (int y = MAX (0, (int) (y0 * k)); y < MIN (h, (int) (y1 * k)); y++)
    for (int x = MAX (0, (int) (x0 * k)); x < MIN (w, (int) (x1 * k)); x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + 4 * x);
        double lum = (0.299 * ((px >> 16) & 0xff) + 0.587 * ((px >> 8) & 0xff) + 0.114 * (px & 0xff)) / 255;
        n += lum < 0.35;
      }
  return n;
}

/* Text is drawn over everything: in pixels too, where the chart's text goes in several
 * calls, no row band (every second row) or bar batch covers a name or a value. */
static void
test_text_over_bands_png (void)
{
  g_autoptr(KlReport) r = wrapping_report ();
  KlReport *reports[] = { r };
  g_autoptr(GError) error = NULL;
  const double dpi = 144, k = dpi / 72;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  g_autoptr(GInputStream) in = NULL;
  cairo_surface_t *img;

  for (guint rep = 0; rep < 30; rep++)
    {
      g_autofree char *code = g_strdup_printf ("9.%u", rep + 1);
      add_numbers (r, code, "Chỉ tiêu lặp lại để biểu đồ dài hơn một lượt chữ", 100, 90 + rep);
    }
  g_clear_pointer (&bars, g_array_unref);
  bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  png = kl_chart_render (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT, "png", dpi, &error);
  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_bytes (png);
  img = cairo_image_surface_create_from_png_stream (read_bytes, in);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (bars->len, ==, 38);
  for (guint i = 0; i < bars->len; i++)
    {
      KlChartBar *b = &g_array_index (bars, KlChartBar, i);
      double top = b->y - 2, bottom = b->y + b->height + 2;

      /* The name, left of the bars; the value, right of the plot. */
      g_assert_cmpuint (dark_pixels (img, k, 0, top, b->x - 4, bottom), >, 20);
      g_assert_cmpuint (dark_pixels (img, k, PORTRAIT - 25, top, PORTRAIT, bottom), >, 10);
    }
  cairo_surface_destroy (img);
}

/* The outline of a bar in pixels: the first dark columns met on the bar's middle row
 * coming from either side, a few pixels out (the 100 % line may cross the bar). */
static gboolean
outline_columns (cairo_surface_t *img, const KlChartBar *b, double k, int *left, int *right)
{
  int stride = cairo_image_surface_get_stride (img);
  const guint8 *data = cairo_image_surface_get_data (img);
  int y = (int) floor ((b->y + b->height / 2) * k);
  int from[2] = { (int) floor (b->x * k) - 3, (int) ceil ((b->x + b->width) * k) + 3 };
  int *found[2] = { left, right };

  for (int side = 0; side < 2; side++)
    {
      int dir = side == 0 ? 1 : -1;

      *found[side] = -1;
      for (int x = from[side]; x >= 0 && x < cairo_image_surface_get_width (img) && abs (x - from[side]) < 12; x += dir)
        {
          guint32 p = *(const guint32 *) (data + y * stride + x * 4);
          if (((p >> 16) & 0xff) < 0x50 && ((p >> 8) & 0xff) < 0x50 && (p & 0xff) < 0x50)
            {
              *found[side] = x;
              break;
            }
        }
    }
  return *left >= 0 && *right >= 0;
}

/* The achievement chart of @reports, @k device units a point, on white. */
static void
draw_on_white (cairo_surface_t *surface, KlReport **reports, double k, double height)
{
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, k, k);
  kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, PORTRAIT, height);
  cairo_destroy (cr);
}

/* Bars are drawn on whole pixels in pixel output (see flush_bars_in_pixels): still where
 * the chart puts them, to a pixel, at several resolutions; and the preview's way, into
 * a recording surface replayed into pixels later (GTK's drawing area), gives the same
 * pixels as PNG export. */
static void
test_bars_in_pixels (void)
{
  g_autoptr(KlReport) r = synthetic_report ();
  KlReport *reports[] = { r };
  g_autoptr(GArray) bars = kl_chart_get_bars (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);
  static const double dpis[] = { 72, 100, 150, 300 };
  double h = kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, PORTRAIT);

  g_assert_cmpuint (bars->len, >=, 6);
  for (guint d = 0; d < G_N_ELEMENTS (dpis); d++)
    {
      double k = dpis[d] / 72;
      int w = (int) ceil (PORTRAIT * k), hp = (int) ceil (h * k);
      cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, hp);
      cairo_rectangle_t extents = { 0, 0, w, hp };
      cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      cairo_surface_t *replayed = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, hp);
      cairo_t *cr;
      guint differing = 0;

      draw_on_white (img, reports, k, h);
      draw_on_white (rec, reports, k, h);
      cr = cairo_create (replayed);
      cairo_set_source_surface (cr, rec, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (img);
      cairo_surface_flush (replayed);

      for (guint i = 0; i < bars->len; i++)
        {
          KlChartBar *b = &g_array_index (bars, KlChartBar, i);
          int left, right;

          g_assert_true (outline_columns (img, b, k, &left, &right));
          g_test_message ("%.0f dpi bar %u: %.2f–%.2f px, outline at %d and %d", dpis[d], i,
                          b->x * k, (b->x + b->width) * k, left, right);
          g_assert_cmpfloat (fabs (left - b->x * k), <=, 1.5);
          /* A bar at 100 % ends under the thicker 100 % line. */
          if (fabs (b->x + b->width - b->reference_x) > 1)
            g_assert_cmpfloat (fabs (right + 1 - (b->x + b->width) * k), <=, 1.5);
        }
      for (int y = 0; y < hp; y++)
        {
          const guint8 *a = cairo_image_surface_get_data (img) + y * cairo_image_surface_get_stride (img);
          const guint8 *b = cairo_image_surface_get_data (replayed) + y * cairo_image_surface_get_stride (replayed);
          for (int x = 0; x < w; x++)
            differing += (*(const guint32 *) (a + 4 * x) & 0xffffff) != (*(const guint32 *) (b + 4 * x) & 0xffffff);
        }
      /* Text may be placed a hair differently through the recording; nothing else. */
      g_test_message ("%.0f dpi: %u of %d pixels differ after a recording", dpis[d], differing, w * hp);
      g_assert_cmpuint (differing, <, (guint) (w * hp) / 500);
      cairo_surface_destroy (img);
      cairo_surface_destroy (rec);
      cairo_surface_destroy (replayed);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/chart/kind-names", test_kind_names);
  g_test_add_func ("/render/chart/achievement/geometry", test_achievement_geometry);
  g_test_add_func ("/render/chart/achievement/svg-matches-bars", test_achievement_svg);
  g_test_add_func ("/render/chart/achievement/pdf-text", test_achievement_pdf_text);
  g_test_add_func ("/render/chart/achievement/grayscale", test_grayscale);
  g_test_add_func ("/render/chart/achievement/disagreement", test_disagreement_marked);
  g_test_add_func ("/render/chart/bullet", test_bullet);
  g_test_add_func ("/render/chart/summary", test_summary);
  g_test_add_func ("/render/chart/trend", test_trend);
  g_test_add_func ("/render/chart/bad-format", test_bad_format);
  g_test_add_func ("/render/chart/empty", test_empty);
  g_test_add_func ("/render/chart/font-check", test_font_check);
  g_test_add_func ("/render/chart/settle", test_settle);
  g_test_add_func ("/render/chart/seed-001", test_seed_001);
  g_test_add_func ("/render/chart/split", test_split);
  g_test_add_func ("/render/chart/layouts-reused", test_layouts_reused);
  g_test_add_func ("/render/chart/word-shaping-matches-pango", test_word_shaping_matches_pango);
  g_test_add_func ("/render/chart/text-over-bands-png", test_text_over_bands_png);
  g_test_add_func ("/render/chart/bars-in-pixels", test_bars_in_pixels);
  g_test_add_func ("/render/chart/cli", test_cli);
  g_test_add_func ("/render/chart/cli-trend", test_cli_trend);

  status = g_test_run ();
  return status;
}
