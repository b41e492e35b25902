/* bench-chart.c: time of an achievement chart of 200 targets against one page of text, same run:
 * the plain Pango floor and a one-page document through our renderer. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "kl-core.h"
#include "kl-chart.h"
#include "kl-layout.h"
#include "kl-renderer.h"

#define A4_W 595.28
#define A4_H 841.89
#define TEXT_W (165.0 / 25.4 * 72.0)   /* A4 portrait text width, default margins */

/* Written for the benchmark: words of the domain, in sentences of usual length. */
static const char *const words[] = {
  "tiếp tục", "tập trung", "lãnh đạo", "chỉ đạo", "thực hiện", "thắng lợi", "các chỉ tiêu",
  "kinh tế", "xã hội", "quốc phòng", "an ninh", "năm 2024", "nâng cao", "chất lượng",
  "hiệu quả", "công tác", "xây dựng", "Đảng", "hệ thống chính trị", "trong sạch", "vững mạnh",
  "cơ sở", "đơn vị", "địa phương", "phát triển", "nông nghiệp", "nông thôn mới", "hạ tầng",
  "giao thông", "giáo dục", "y tế", "văn hóa", "môi trường", "giảm nghèo", "việc làm",
};

static char *
make_text (guint n_chars, guint seed)
{
  GString *s = g_string_new (NULL);
  guint i = seed, in_sentence = 0;

  while (g_utf8_strlen (s->str, -1) < n_chars)
    {
      const char *w = words[(i * 7 + 3) % G_N_ELEMENTS (words)];
      if (in_sentence == 0)
        {
          g_string_append_unichar (s, g_unichar_toupper (g_utf8_get_char (w)));
          g_string_append (s, g_utf8_next_char (w));
        }
      else
        g_string_append (s, w);
      i++;
      if (++in_sentence >= 12 + i % 6)
        {
          g_string_append (s, ". ");
          in_sentence = 0;
        }
      else
        g_string_append_c (s, ' ');
    }
  return g_string_free (s, FALSE);
}

static KlReport *
make_report (guint n)
{
  static const char *const units[] = { "Tấn", "%", "Tỷ đồng", "Người", "ha", "Xã", "‰" };
  KlReport *r = kl_report_new ("Báo cáo đo thời gian vẽ biểu đồ");

  kl_report_set_period (r, "năm 2023");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = g_strdup_printf ("%u.%u", i / 10 + 1, i % 10 + 1);
      /* Names as long as seed 001's (41 targets: 7 to 141 characters, mean 34): mostly
       * 14 to 50 characters, one in twenty of 120 (mean here 36). */
      g_autofree char *name = make_text (i % 20 == 7 ? 120 : 14 + (i * 13) % 37, i);
      g_autoptr(KlTarget) t = kl_target_new (code, name, units[i % G_N_ELEMENTS (units)]);
      double plan = 50 + (i * 37) % 1000;
      double actual = plan * (0.75 + ((i * 17) % 60) / 100.0);
      g_autoptr(KlValue) p = kl_value_new_number (plan);
      g_autoptr(KlValue) a = kl_value_new_number (round (actual * 10) / 10);
      g_autoptr(KlValue) nx = kl_value_new_number (plan * 1.05);

      kl_target_set_plan (t, p);
      kl_target_set_actual (t, a);
      kl_target_set_next_plan (t, nx);
      kl_target_set_direction (t, KL_DIRECTION_HIGHER_BETTER);
      g_list_store_append (kl_report_get_targets (r), t);
    }
  return r;
}

/* CPU time of this thread in µs: steadier than wall time on a busy machine, and all the
 * work measured here is done on this thread. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static cairo_status_t
discard (void *closure, const unsigned char *data, unsigned int length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* One page of body text as the renderer sets it: 14 pt, justified, lines 17 pt apart
 * (Pango's factor multiplies the font's height, ascent + descent = 1.107 em). */
static void
draw_text_page (cairo_t *cr, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_from_string ("Liberation Serif 14");

  pango_font_description_set_absolute_size (fd, 14 * PANGO_SCALE);
  pango_layout_set_font_description (layout, fd);
  pango_layout_set_width (layout, (int) (TEXT_W * PANGO_SCALE));
  pango_layout_set_justify (layout, TRUE);
  pango_layout_set_line_spacing (layout, 17.0 / (14 * 1.107));
  pango_layout_set_indent (layout, (int) (1.27 / 2.54 * 72 * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 85.04, 56.69);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (fd);
  g_object_unref (layout);
}

typedef enum { SURF_PDF, SURF_PNG } Surf;

static cairo_surface_t *
new_surface (Surf kind, double w, double h, gsize *sink)
{
  if (kind == SURF_PDF)
    return cairo_pdf_surface_create_for_stream (discard, sink, w, h);
  return cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * 150 / 72), (int) ceil (h * 150 / 72));
}

static double
time_text (Surf kind, const char *text)
{
  gsize sink = 0;
  gint64 t0 = cpu_now ();
  cairo_surface_t *s = new_surface (kind, A4_W, A4_H, &sink);
  cairo_t *cr = cairo_create (s);

  if (kind == SURF_PNG)
    cairo_scale (cr, 150 / 72.0, 150 / 72.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text_page (cr, text);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  return (cpu_now () - t0) / 1000.0;
}

/* A one-page notice (header, title, body paragraphs, signature) of the most body text
 * that still fits one page. */
static KlDocument *
make_page_doc (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  KlDocument *doc = kl_document_new ("TB");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An");
  const char *recipients[] = { "- Các chi bộ trực thuộc,", "- Lưu.", NULL };
  KlPageStyle style;

  kl_page_style_init_default (&style);
  kl_document_set_superior (doc, "ĐẢNG BỘ TỈNH MẪU");
  kl_document_set_issuer (doc, "HUYỆN ỦY MẪU");
  kl_document_set_number (doc, 12);
  kl_document_set_summary (doc, "kết luận của Ban Thường vụ");
  kl_document_set_signer (doc, signer);
  kl_document_set_recipients (doc, recipients);
  for (guint i = 1;; i++)
    {
      g_autofree char *para = make_text (240, i);
      g_autoptr(KlPages) pages = NULL;
      gsize len = body->len;

      g_string_append_printf (body, "%s.\n\n", para);
      kl_document_set_body (doc, body->str);
      pages = kl_pages_layout (doc, &style, NULL);
      if (kl_pages_get_n_pages (pages) > 1)
        {
          g_string_truncate (body, len);
          kl_document_set_body (doc, body->str);
          return doc;
        }
    }
}

/* Our renderer, cold: kl_pages_layout() with an empty layout cache, then the page drawn. */
static double
time_renderer_page (Surf kind, KlDocument *doc)
{
  gsize sink = 0;
  gint64 t0;
  cairo_surface_t *s;
  cairo_t *cr;
  KlPageStyle style;
  KlPages *pages;

  kl_page_style_init_default (&style);
  kl_text_cache_clear ();
  t0 = cpu_now ();
  pages = kl_pages_layout (doc, &style, NULL);
  s = new_surface (kind, A4_W, A4_H, &sink);
  cr = cairo_create (s);
  if (kind == SURF_PNG)
    cairo_scale (cr, 150 / 72.0, 150 / 72.0);
  kl_pages_draw_page (pages, 0, cr);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  kl_pages_unref (pages);
  return (cpu_now () - t0) / 1000.0;
}

static double
time_chart (Surf kind, KlReport *report, double known_height)
{
  KlReport *reports[] = { report };
  gsize sink = 0;
  gint64 t0;
  double h;
  cairo_surface_t *s;

  /* Cold: no text laid out yet, as for a chart drawn for the first time. */
  kl_chart_cache_clear ();
  t0 = cpu_now ();
  /* known_height 0: measure too, as the renderer does before placing a chart. */
  h = known_height > 0 ? known_height : kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, TEXT_W);

  s = new_surface (kind, TEXT_W, h, &sink);
  cairo_t *cr = cairo_create (s);

  if (kind == SURF_PNG)
    cairo_scale (cr, 150 / 72.0, 150 / 72.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, TEXT_W, h);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  return (cpu_now () - t0) / 1000.0;
}

/* Any kind, measured and drawn, cold. */
static double
time_kind (Surf kind, KlChartKind chart, KlReport **reports, guint n_reports, double *height)
{
  gsize sink = 0;
  gint64 t0;
  cairo_surface_t *s;
  cairo_t *cr;

  kl_chart_cache_clear ();
  t0 = cpu_now ();
  *height = kl_chart_measure (chart, reports, n_reports, NULL, TEXT_W);
  s = new_surface (kind, TEXT_W, *height, &sink);
  cr = cairo_create (s);
  if (kind == SURF_PNG)
    cairo_scale (cr, 150 / 72.0, 150 / 72.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  kl_chart_draw (chart, reports, n_reports, NULL, cr, TEXT_W, *height);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  return (cpu_now () - t0) / 1000.0;
}

/* A chart is drawn inside a report: by then the PDF holds the fonts of the report's
 * text in every face, and a glyph used again costs no more subsetting. What a page of
 * text, or a chart, adds to such a document: a first page with a paragraph in each face
 * the chart uses (regular, bold, italic), then nothing (base), a page of text, or the
 * chart on a page of its height. The additions are the differences from the base. */
typedef enum { ADD_NOTHING, ADD_TEXT_PAGE, ADD_CHART } Addition;

static double
time_in_document (Addition what, const char *text, KlReport *report)
{
  static const char *const faces[] = { "Liberation Serif 12", "Liberation Serif Bold 12",
                                       "Liberation Serif Italic 12" };
  gsize sink = 0;
  gint64 t0 = cpu_now ();
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream (discard, &sink, A4_W, A4_H);
  cairo_t *cr = cairo_create (s);

  for (guint f = 0; f < G_N_ELEMENTS (faces); f++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *fd = pango_font_description_from_string (faces[f]);

      pango_layout_set_font_description (layout, fd);
      pango_layout_set_width (layout, (int) (TEXT_W * PANGO_SCALE));
      pango_layout_set_text (layout, text, 700);
      cairo_move_to (cr, 85.04, 56.69 + f * 220);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (fd);
      g_object_unref (layout);
    }
  cairo_show_page (cr);
  if (what == ADD_TEXT_PAGE)
    {
      draw_text_page (cr, text);
      cairo_show_page (cr);
    }
  else if (what == ADD_CHART)
    {
      KlReport *reports[] = { report };
      double h;

      kl_chart_cache_clear ();
      h = kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, TEXT_W);
      cairo_pdf_surface_set_size (s, TEXT_W, h);
      kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, TEXT_W, h);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (s);
  cairo_surface_destroy (s);
  return (cpu_now () - t0) / 1000.0;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return v[n / 2];
}

int
main (int argc, char **argv)
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 15;
  static const guint sizes[] = { 200, 36 };
  /* A full page of 14 pt body text holds about 2 800 characters of Vietnamese. */
  g_autofree char *text = make_text (2800, 1);
  static const char *const names[] = { "PDF", "PNG 150 dpi" };
  /* Text height of an A4 portrait page with the default margins (297 − 20 − 20 mm). */
  const double page_h = 257.0 / 25.4 * 72.0;

  g_autoptr(KlDocument) page_doc = NULL;

  if (runs < 3)
    runs = 3;
  /* "profile" ("profile-png"): only the 200-target chart to PDF (to pixels), over and
   * over, for perf/valgrind. */
  if (argc > 2 && g_str_has_prefix (argv[2], "profile"))
    {
      g_autoptr(KlReport) report = make_report (200);
      Surf kind = g_str_equal (argv[2], "profile-png") ? SURF_PNG : SURF_PDF;

      /* "profile-bullet", "profile-trend": that kind to PDF; "…-png": to pixels. */
      if (g_str_has_prefix (argv[2], "profile-bullet") || g_str_has_prefix (argv[2], "profile-trend"))
        {
          g_autoptr(KlReport) r2 = make_report (200);
          g_autoptr(KlReport) r3 = make_report (200);
          KlReport *rs[] = { report, r2, r3 };
          gboolean trend = g_str_has_prefix (argv[2], "profile-trend");
          double h;

          for (guint i = 0; i < runs; i++)
            time_kind (g_str_has_suffix (argv[2], "-png") ? SURF_PNG : SURF_PDF,
                       trend ? KL_CHART_TREND : KL_CHART_BULLET, rs, trend ? 3 : 1, &h);
          return 0;
        }
      for (guint i = 0; i < runs; i++)
        time_chart (kind, report, 0);
      if (argc > 3)
        {
          KlReport *reports[] = { report };
          double h = kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, TEXT_W);
          cairo_surface_t *s = cairo_pdf_surface_create (argv[3], TEXT_W, h);
          cairo_t *cr = cairo_create (s);

          kl_chart_draw (KL_CHART_ACHIEVEMENT, reports, 1, NULL, cr, TEXT_W, h);
          cairo_destroy (cr);
          cairo_surface_destroy (s);
        }
      return 0;
    }
  page_doc = make_page_doc ();
  printf ("text page: %ld characters, Liberation Serif 14 pt, justified, A4; median of %u runs, thread CPU time\n"
          "  floor: one Pango layout of the text, drawn; renderer: a one-page notice (header, title,\n"
          "  %zu characters of body, signature) through kl_pages_layout() + kl_pages_draw_page(),\n"
          "  layout cache emptied first. Charts: cold too (kl_chart_cache_clear() before each run).\n",
          g_utf8_strlen (text, -1), runs, strlen (kl_document_get_body (page_doc)));

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr(KlReport) report = make_report (sizes[z]);
      KlReport *reports[] = { report };
      double h = kl_chart_measure (KL_CHART_ACHIEVEMENT, reports, 1, NULL, TEXT_W);
      double pages = MAX (h / page_h, 1.0);

      printf ("chart: achievement, %u targets, %.0f × %.0f pt (%.1f pages of A4 text height)\n",
              sizes[z], TEXT_W, h, h / page_h);
      for (Surf k = SURF_PDF; k <= SURF_PNG; k++)
        {
          g_autofree double *tc = g_new (double, runs), *tt = g_new (double, runs);
          g_autofree double *td = g_new (double, runs), *tr = g_new (double, runs);

          /* Warm the font caches once so neither side pays for loading the fonts. */
          time_text (k, text);
          time_renderer_page (k, page_doc);
          time_chart (k, report, 0);
          for (guint i = 0; i < runs; i++)
            {
              tt[i] = time_text (k, text);
              tr[i] = time_renderer_page (k, page_doc);
              tc[i] = time_chart (k, report, 0);
              td[i] = time_chart (k, report, h);
            }
          {
            double mt = median (tt, runs), mr = median (tr, runs);
            double mc = median (tc, runs), md = median (td, runs);

            printf ("  %-11s text page: floor %5.2f ms, renderer %5.2f ms\n", names[k], mt, mr);
            printf ("  %-11s   chart draw      %6.2f ms: ÷ floor %5.2f per chart, %4.2f per chart page;"
                    " ÷ renderer %5.2f per chart, %4.2f per chart page\n",
                    "", md, md / mt, md / mt / pages, md / mr, md / mr / pages);
            printf ("  %-11s   measure + draw  %6.2f ms: ÷ floor %5.2f per chart, %4.2f per chart page;"
                    " ÷ renderer %5.2f per chart, %4.2f per chart page\n",
                    "", mc, mc / mt, mc / mt / pages, mc / mr, mc / mr / pages);
          }
          {
            /* The same chart with every text laid out by Pango, as before the word cache. */
            g_autofree double *tp = g_new (double, runs);
            double md;

            kl_chart_set_word_shaping (FALSE);
            for (guint i = 0; i < runs; i++)
              tp[i] = time_chart (k, report, 0);
            kl_chart_set_word_shaping (TRUE);
            for (guint i = 0; i < runs; i++)
              td[i] = time_chart (k, report, 0);
            md = median (td, runs);
            printf ("  %-11s   all text through Pango layouts: %6.2f ms; word cache %4.2f× faster\n",
                    "", median (tp, runs), median (tp, runs) / md);
          }
          if (k == SURF_PDF)
            {
              g_autofree double *b = g_new (double, runs), *a = g_new (double, runs);
              g_autofree double *c = g_new (double, runs);
              double mb, ma, mc;

              for (guint i = 0; i < runs; i++)
                {
                  b[i] = time_in_document (ADD_NOTHING, text, report);
                  a[i] = time_in_document (ADD_TEXT_PAGE, text, report);
                  c[i] = time_in_document (ADD_CHART, text, report);
                }
              mb = median (b, runs);
              ma = median (a, runs) - mb;
              mc = median (c, runs) - mb;
              printf ("  %-11s in a document (added to a PDF that holds the fonts): page of text %5.2f ms,"
                      " chart (measure + draw) %5.2f ms:\n"
                      "  %-11s   ÷ page of text %5.2f per chart, %4.2f per chart page\n",
                      "", ma, mc, "", mc / ma, mc / ma / pages);
            }
        }
    }

  /* The other kinds for 200 targets; the trend over three reports of them. */
  {
    static const KlChartKind kinds[] = { KL_CHART_BULLET, KL_CHART_SUMMARY, KL_CHART_TREND };
    g_autoptr(KlReport) r1 = make_report (200);
    g_autoptr(KlReport) r2 = make_report (200);
    g_autoptr(KlReport) r3 = make_report (200);
    KlReport *reports[] = { r1, r2, r3 };

    kl_report_set_period (r1, "năm 2021");
    kl_report_set_period (r2, "năm 2022");
    /* The generated names repeat now and then; a trend matches targets by name. */
    for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
      {
        GListModel *m = G_LIST_MODEL (kl_report_get_targets (reports[i]));
        for (guint j = 0; j < g_list_model_get_n_items (m); j++)
          {
            g_autoptr(KlTarget) t = g_list_model_get_item (m, j);
            g_autofree char *name = g_strdup_printf ("%s %s", kl_target_get_code (t), kl_target_get_name (t));
            kl_target_set_name (t, name);
          }
      }
    printf ("other kinds, 200 targets (trend: over 3 reports), measure + draw, ÷ floor of a page of text:\n");
    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      for (Surf k = SURF_PDF; k <= SURF_PNG; k++)
        {
          g_autofree double *tt = g_new (double, runs), *tc = g_new (double, runs);
          guint n = kinds[i] == KL_CHART_TREND ? 3 : 1;
          KlReport **rs = kinds[i] == KL_CHART_TREND ? reports : reports + 2;
          double h = 0, mt, mc, pages;

          time_text (k, text);
          time_kind (k, kinds[i], rs, n, &h);
          for (guint j = 0; j < runs; j++)
            {
              tt[j] = time_text (k, text);
              tc[j] = time_kind (k, kinds[i], rs, n, &h);
            }
          mt = median (tt, runs);
          mc = median (tc, runs);
          pages = MAX (h / page_h, 1.0);
          printf ("  %-8s %-11s %4.1f pages tall: %6.2f ms, ÷ floor %5.2f per chart, %4.2f per chart page\n",
                  kl_chart_kind_to_string (kinds[i]), names[k], h / page_h, mc, mc / mt, mc / mt / pages);
        }
  }
  return 0;
}
