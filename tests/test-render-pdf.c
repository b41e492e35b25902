/* test-render-pdf.c: the exported PDF read back with poppler: page size, fonts, text, positions. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

/* poppler-glib 22.12 has no autoptr for its page type. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#include "kl-renderer.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define TOL MM (1)            /* FORMAT.md positions are checked within 1 mm */
#define A4_W 595.28
#define A4_H 841.89
#define TEXT_W (A4_W - MM (30) - MM (15))
#define LEFT_AXIS (MM (30) + TEXT_W * 0.45 / 2)
#define RIGHT_AXIS (MM (30) + TEXT_W * 0.45 + TEXT_W * 0.55 / 2)

typedef struct {
  char             *dir;
  char             *path;
  PopplerDocument  *pdf;
} Fixture;

static void
fixture_write (Fixture *f, KlDocument *doc, const KlPageStyle *style_in)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPages) pages = NULL;
  g_autofree char *uri = NULL;
  KlPageStyle style;

  if (style_in)
    style = *style_in;
  else
    kl_page_style_init_default (&style);
  f->dir = g_dir_make_tmp ("kl-render-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "out.pdf", NULL);
  pages = kl_pages_layout (doc, &style, &error);
  g_assert_no_error (error);
  g_assert_true (kl_pages_write_pdf (pages, doc, f->path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (f->path, NULL, NULL);
  f->pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (f->pdf), ==, (int) kl_pages_get_n_pages (pages));
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->pdf);
  if (f->path)
    g_unlink (f->path);
  if (f->dir)
    g_rmdir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static KlDocument *
make_doc (const char *body)
{
  KlDocument *doc = kl_document_new ("TB");
  g_autoptr(KlSigner) signer = kl_signer_new ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn An");
  const char *recipients[] = { "- Ban Thường vụ Tỉnh ủy (báo cáo),", "- Các đồng chí Huyện ủy viên,",
                               "- Lưu Văn phòng Huyện ủy.", NULL };

  kl_document_set_superior (doc, "ĐẢNG BỘ TỈNH THANH HÓA");
  kl_document_set_issuer (doc, "HUYỆN ỦY CẨM THỦY");
  kl_document_set_issuer_abbreviation (doc, "HU");
  kl_document_set_number (doc, 406);
  kl_document_set_place (doc, "Cẩm Thủy");
  kl_document_set_date (doc, "2023-07-07");
  kl_document_set_summary (doc, "kết luận của Ban Thường vụ Huyện ủy tại hội nghị thử nghiệm");
  kl_document_set_signer (doc, signer);
  kl_document_set_recipients (doc, recipients);
  kl_document_set_body (doc, body);
  return doc;
}

static char *
long_body (guint n_paragraphs, gboolean footnote)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_string_append_printf (s, "Đoạn văn số %u nói về việc triển khai kế hoạch, nâng cao chất lượng "
                              "hoạt động của các cơ quan, đơn vị và đoàn thể trên địa bàn trong năm; "
                              "các nhiệm vụ trọng tâm được thực hiện đúng tiến độ đề ra", i + 1);
      if (footnote && i == 2)
        g_string_append (s, ", theo tham chiếu mẫu[^1]");
      g_string_append (s, ".\n\n");
    }
  if (footnote)
    g_string_append (s, "[^1]: Chú thích mẫu ghi rõ số liệu chi tiết của các xã.\n");
  return g_string_free (s, FALSE);
}

/* The characters of a page with their boxes (top-left origin, points). */
typedef struct {
  char              *text;
  PopplerRectangle  *rects;
  guint              n_rects;
  GList             *attrs;
} PageText;

static void
page_text_load (PageText *pt, PopplerDocument *pdf, int index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, index);

  pt->text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &pt->rects, &pt->n_rects));
  pt->attrs = poppler_page_get_text_attributes (page);
}

static void
page_text_clear (PageText *pt)
{
  g_free (pt->text);
  g_free (pt->rects);
  poppler_page_free_text_attributes (pt->attrs);
}

/* The box around @needle's visible characters, FALSE when the page lacks it. */
static gboolean
find_box (PageText *pt, const char *needle, PopplerRectangle *box, int *char_index)
{
  const char *hit = strstr (pt->text, needle);
  glong start, len;

  if (hit == NULL)
    return FALSE;
  start = g_utf8_pointer_to_offset (pt->text, hit);
  len = g_utf8_strlen (needle, -1);
  box->x1 = box->y1 = G_MAXDOUBLE;
  box->x2 = box->y2 = -G_MAXDOUBLE;
  for (glong i = start; i < start + len && i < (glong) pt->n_rects; i++)
    {
      gunichar c = g_utf8_get_char (g_utf8_offset_to_pointer (pt->text, i));
      if (g_unichar_isspace (c))
        continue;
      box->x1 = MIN (box->x1, pt->rects[i].x1);
      box->y1 = MIN (box->y1, pt->rects[i].y1);
      box->x2 = MAX (box->x2, pt->rects[i].x2);
      box->y2 = MAX (box->y2, pt->rects[i].y2);
    }
  if (char_index)
    *char_index = (int) start;
  return TRUE;
}

static double
font_size_at (PageText *pt, int char_index)
{
  for (GList *l = pt->attrs; l; l = l->next)
    {
      PopplerTextAttributes *a = l->data;
      if (char_index >= a->start_index && char_index <= a->end_index)
        return a->font_size;
    }
  return 0;
}

static void
assert_box (PageText *pt, const char *needle, PopplerRectangle *box)
{
  if (!find_box (pt, needle, box, NULL))
    g_error ("'%s' not found in page text:\n%s", needle, pt->text);
}

static void
test_page_and_fonts (void)
{
  g_autofree char *body = long_body (40, TRUE);
  g_autoptr(KlDocument) doc = make_doc (body);
  Fixture f = { 0 };
  PopplerFontInfo *info;
  PopplerFontsIter *iter = NULL;
  guint n_fonts = 0;

  fixture_write (&f, doc, NULL);
  g_assert_cmpint (poppler_document_get_n_pages (f.pdf), >=, 2);
  for (int i = 0; i < poppler_document_get_n_pages (f.pdf); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (f.pdf, i);
      double w, h;
      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (fabs (w - A4_W), <, 0.5);
      g_assert_cmpfloat (fabs (h - A4_H), <, 0.5);
    }

  /* Every font embedded, and every one is the chosen family. */
  info = poppler_font_info_new (f.pdf);
  while (poppler_font_info_scan (info, poppler_document_get_n_pages (f.pdf), &iter))
    {
      if (iter == NULL)
        break;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_subset (iter));
          g_assert_nonnull (strstr (poppler_fonts_iter_get_name (iter), "LiberationSerif"));
          n_fonts++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  poppler_font_info_free (info);
  g_assert_cmpuint (n_fonts, >=, 2);   /* regular and bold at least */
  fixture_clear (&f);
}

static void
test_metadata_and_outline (void)
{
  g_autoptr(KlDocument) doc = make_doc ("## I. VỀ KINH TẾ\n\nĐoạn một.\n\n## II. VỀ XÃ HỘI\n\nĐoạn hai.\n");
  Fixture f = { 0 };
  g_autofree char *title = NULL, *author = NULL, *creator = NULL, *subject = NULL, *version = NULL;
  PopplerIndexIter *index;
  guint n_entries = 0;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  fixture_write (&f, doc, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  title = poppler_document_get_title (f.pdf);
  author = poppler_document_get_author (f.pdf);
  creator = poppler_document_get_creator (f.pdf);
  subject = poppler_document_get_subject (f.pdf);
  version = poppler_document_get_pdf_version_string (f.pdf);
  g_assert_nonnull (strstr (title, "THÔNG BÁO"));
  g_assert_nonnull (strstr (title, "406-TB/HU"));
  g_assert_nonnull (strstr (title, "hội nghị thử nghiệm"));
  g_assert_cmpstr (author, ==, "HUYỆN ỦY CẨM THỦY");
  g_assert_cmpstr (creator, ==, "Ketluan");
  g_assert_nonnull (strstr (subject, "kết luận"));
  g_assert_cmpint ((gint64) poppler_document_get_creation_date (f.pdf), ==, 1700000000);
  g_assert_cmpstr (version, ==, "PDF-1.5");

  index = poppler_index_iter_new (f.pdf);
  g_assert_nonnull (index);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (index);
      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_assert_true (g_str_has_prefix (action->any.title, n_entries == 0 ? "I. VỀ KINH TẾ" : "II. VỀ XÃ HỘI"));
      poppler_action_free (action);
      n_entries++;
    }
  while (poppler_index_iter_next (index));
  poppler_index_iter_free (index);
  g_assert_cmpuint (n_entries, ==, 2);
  fixture_clear (&f);
}

/* Bottom of the party name's rule, scanned on a 4× raster of page 1 of the PDF. */
static gboolean
find_rule (PopplerDocument *pdf, PopplerRectangle *text, double *x1, double *x2)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, 0);
  const double scale = 4;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (A4_W * scale),
                                                   (int) (A4_H * scale));
  cairo_t *cr = cairo_create (s);
  int stride, best_row = -1, best = 0;
  unsigned char *data;
  int from = (int) ((text->x1 - 20) * scale), to = (int) ((text->x2 + 20) * scale);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);

  /* The longest dark horizontal run within 6 pt under the text's box. */
  for (int y = (int) ((text->y2 - 2) * scale); y < (int) ((text->y2 + 6) * scale); y++)
    {
      int count = 0;
      for (int x = from; x < to; x++)
        {
          guint32 px = *(guint32 *) (data + y * stride + x * 4);
          if ((px & 0xff) < 100)
            count++;
        }
      if (count > best)
        {
          best = count;
          best_row = y;
        }
    }
  if (best_row < 0 || best < (text->x2 - text->x1) * scale / 2)
    {
      cairo_surface_destroy (s);
      return FALSE;
    }
  *x1 = G_MAXDOUBLE;
  *x2 = -G_MAXDOUBLE;
  for (int x = from; x < to; x++)
    {
      guint32 px = *(guint32 *) (data + best_row * stride + x * 4);
      if ((px & 0xff) < 100)
        {
          *x1 = MIN (*x1, x / scale);
          *x2 = MAX (*x2, (x + 1) / scale);
        }
    }
  cairo_surface_destroy (s);
  return TRUE;
}

static void
test_first_page_positions (void)
{
  g_autofree char *body = long_body (3, FALSE);
  g_autoptr(KlDocument) doc = make_doc (body);
  Fixture f = { 0 };
  PageText pt = { 0 };
  PopplerRectangle issuer, superior, party, number, date, type, body_box;
  double rx1 = 0, rx2 = 0;
  int idx;

  fixture_write (&f, doc, NULL);
  page_text_load (&pt, f.pdf, 0);

  /* The header's words, correctly spelt (NFC, searchable). */
  assert_box (&pt, "ĐẢNG BỘ TỈNH THANH HÓA", &superior);
  assert_box (&pt, "HUYỆN ỦY CẨM THỦY", &issuer);
  assert_box (&pt, "ĐẢNG CỘNG SẢN VIỆT NAM", &party);
  assert_box (&pt, "Số 406-TB/HU", &number);
  assert_box (&pt, "Cẩm Thủy, ngày 07 tháng 7 năm 2023", &date);
  assert_box (&pt, "THÔNG BÁO", &type);

  /* Left column lines centred on the left axis, right column on the right axis. */
  g_assert_cmpfloat (fabs ((superior.x1 + superior.x2) / 2 - LEFT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((issuer.x1 + issuer.x2) / 2 - LEFT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((number.x1 + number.x2) / 2 - LEFT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((party.x1 + party.x2) / 2 - RIGHT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((date.x1 + date.x2) / 2 - RIGHT_AXIS), <, TOL);
  /* The date is on the line of "Số". */
  g_assert_cmpfloat (fabs (date.y2 - number.y2), <, TOL);
  /* The party name's rule: as long as the text, just under it. */
  g_assert_true (find_rule (f.pdf, &party, &rx1, &rx2));
  g_assert_cmpfloat (fabs (rx1 - party.x1), <, TOL);
  g_assert_cmpfloat (fabs (rx2 - party.x2), <, TOL);
  /* Type name centred on the page's text column, below the header. */
  g_assert_cmpfloat (fabs ((type.x1 + type.x2) / 2 - (MM (30) + TEXT_W / 2)), <, TOL);
  g_assert_cmpfloat (type.y1, >, date.y2);
  /* Top margin 20 mm: the first header line starts there. */
  g_assert_cmpfloat (superior.y1, >=, MM (20) - TOL);
  g_assert_cmpfloat (superior.y1, <, MM (20) + 6);

  /* Body: 14 pt, indented first line, justified lines from the 30 mm to the 15 mm margin. */
  g_assert_true (find_box (&pt, "Đoạn văn số 1 ", &body_box, &idx));
  g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 14), <, 0.1);
  g_assert_cmpfloat (fabs (body_box.x1 - (MM (30) + MM (12.7))), <, TOL);
  {
    double min_x = G_MAXDOUBLE, max_x = 0;
    for (guint i = 0; i < pt.n_rects; i++)
      if (pt.rects[i].y1 > type.y2 + 40 && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (pt.text, i))))
        {
          min_x = MIN (min_x, pt.rects[i].x1);
          max_x = MAX (max_x, pt.rects[i].x2);
        }
    g_assert_cmpfloat (fabs (min_x - MM (30)), <, TOL);
    g_assert_cmpfloat (fabs (max_x - (A4_W - MM (15))), <, TOL);
  }
  page_text_clear (&pt);
  fixture_clear (&f);
}

static void
test_closing_block (void)
{
  g_autoptr(KlDocument) doc = make_doc ("Đoạn cuối cùng của thông báo./.\n");
  Fixture f = { 0 };
  PageText pt = { 0 };
  PopplerRectangle head, rec, authority, position, name;
  int idx;

  fixture_write (&f, doc, NULL);
  page_text_load (&pt, f.pdf, poppler_document_get_n_pages (f.pdf) - 1);
  g_assert_true (find_box (&pt, "Nơi nhận:", &head, &idx));
  g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 14), <, 0.1);
  g_assert_true (find_box (&pt, "- Các đồng chí Huyện ủy viên,", &rec, &idx));
  g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 12), <, 0.1);
  assert_box (&pt, "T/M BAN THƯỜNG VỤ", &authority);
  assert_box (&pt, "PHÓ BÍ THƯ", &position);
  assert_box (&pt, "Nguyễn Văn An", &name);

  /* Recipients at the left margin, signature centred on the right column's axis. */
  g_assert_cmpfloat (fabs (head.x1 - MM (30)), <, TOL);
  g_assert_cmpfloat (fabs (rec.x1 - MM (30)), <, TOL);
  g_assert_cmpfloat (fabs ((authority.x1 + authority.x2) / 2 - RIGHT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((position.x1 + position.x2) / 2 - RIGHT_AXIS), <, TOL);
  g_assert_cmpfloat (fabs ((name.x1 + name.x2) / 2 - RIGHT_AXIS), <, TOL);
  /* Both columns start at the same height; 25–30 mm left blank for the signature. */
  g_assert_cmpfloat (fabs (head.y1 - authority.y1), <, TOL);
  g_assert_cmpfloat (name.y1 - position.y2, >=, MM (25));
  g_assert_cmpfloat (name.y1 - position.y2, <=, MM (30) + 6);
  page_text_clear (&pt);
  fixture_clear (&f);
}

static void
test_page_numbers_and_footnote (void)
{
  g_autofree char *body = long_body (60, TRUE);
  g_autoptr(KlDocument) doc = make_doc (body);
  Fixture f = { 0 };
  int n;

  fixture_write (&f, doc, NULL);
  n = poppler_document_get_n_pages (f.pdf);
  g_assert_cmpint (n, >=, 3);
  for (int i = 0; i < n; i++)
    {
      PageText pt = { 0 };
      double top_min = G_MAXDOUBLE;
      guint top_char = 0;

      page_text_load (&pt, f.pdf, i);
      for (guint c = 0; c < pt.n_rects; c++)
        if (pt.rects[c].y1 < top_min && !g_unichar_isspace (g_utf8_get_char (g_utf8_offset_to_pointer (pt.text, c))))
          {
            top_min = pt.rects[c].y1;
            top_char = c;
          }
      if (i == 0)
        g_assert_cmpfloat (top_min, >=, MM (20) - TOL);   /* no number on page 1 */
      else
        {
          /* The page number, 14 pt, centred in the top margin. */
          g_autofree char *num = g_strdup_printf ("%d", i + 1);
          PopplerRectangle box;
          int idx;

          g_assert_cmpfloat (top_min, <, MM (20));
          g_assert_true (find_box (&pt, num, &box, &idx));
          g_assert_cmpint (idx, ==, (int) top_char);
          g_assert_cmpfloat (fabs ((box.x1 + box.x2) / 2 - A4_W / 2), <, TOL);
          g_assert_cmpfloat (box.y2, <, MM (20));
          g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 14), <, 0.1);
        }
      if (strstr (pt.text, "tham chiếu mẫu") != NULL)
        {
          PopplerRectangle ref, note;
          int idx;
          /* The footnote is on the page that refers to it, below the body, in 12 pt. */
          g_assert_true (find_box (&pt, "tham chiếu mẫu", &ref, NULL));
          g_assert_true (find_box (&pt, "Chú thích mẫu", &note, &idx));
          g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 12), <, 0.1);
          g_assert_cmpfloat (note.y1, >, ref.y2);
          for (guint c = 0; c < pt.n_rects; c++)
            if ((int) c < idx - 5)
              g_assert_cmpfloat (pt.rects[c].y2, <, note.y1 + 0.5);
          g_assert_cmpfloat (note.y2, <=, A4_H - MM (20) + 0.5);
          g_assert_cmpfloat (fabs (note.x1 - (MM (30) + 10)), <, 12);
        }
      page_text_clear (&pt);
    }
  fixture_clear (&f);
}

static void
test_table_header_repeated (void)
{
  g_autoptr(GString) body = g_string_new ("| TT | Chỉ tiêu | Kế hoạch |\n|---|---|---|\n");
  g_autoptr(KlDocument) doc = NULL;
  Fixture f = { 0 };
  PageText pt = { 0 };
  PopplerRectangle head, row, first_head;
  int idx;

  for (guint i = 1; i <= 90; i++)
    g_string_append_printf (body, "| %u | Hàng mục tiêu %u | %u.500 |\n", i, i, i);
  doc = make_doc (body->str);
  fixture_write (&f, doc, NULL);
  g_assert_cmpint (poppler_document_get_n_pages (f.pdf), >=, 3);

  page_text_load (&pt, f.pdf, 0);
  g_assert_true (find_box (&pt, "Chỉ tiêu", &first_head, &idx));
  g_assert_cmpfloat (fabs (font_size_at (&pt, idx) - 12), <, 0.1);
  page_text_clear (&pt);

  page_text_load (&pt, f.pdf, 1);
  g_assert_true (find_box (&pt, "Chỉ tiêu", &head, NULL));
  g_assert_true (find_box (&pt, "Hàng mục tiêu", &row, NULL));
  /* The header row again at the top of the table's second page, same columns. */
  g_assert_cmpfloat (head.y2, <, row.y1);
  g_assert_cmpfloat (head.y1, <, MM (20) + 20);
  g_assert_cmpfloat (fabs (head.x1 - first_head.x1), <, TOL);
  /* Numbers right-aligned: each ends at the same x. */
  {
    PopplerRectangle a, b;
    g_assert_true (find_box (&pt, "50.500", &a, NULL) || find_box (&pt, "60.500", &a, NULL));
    g_assert_true (find_box (&pt, "9.500", &b, NULL) || find_box (&pt, "70.500", &b, NULL) ||
                   find_box (&pt, "61.500", &b, NULL));
    g_assert_cmpfloat (fabs (a.x2 - b.x2), <, 0.5);
  }
  page_text_clear (&pt);
  fixture_clear (&f);
}

static void
test_seeds (void)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n = 0;

  if (seeds == NULL || (dir = g_dir_open (seeds, 0, NULL)) == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (seeds, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      Fixture f = { 0 };
      PageText last = { 0 };
      const char *signer;
      int pages;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      doc = kl_importer_import_file (file, &error);
      g_assert_no_error (error);
      fixture_write (&f, doc, NULL);
      pages = poppler_document_get_n_pages (f.pdf);
      g_assert_cmpint (pages, >=, 2);
      /* The signer's name is printed (found as text), on the last body page. */
      signer = kl_signer_get_name (kl_document_get_signer (doc));
      {
        gboolean found = FALSE;
        for (int i = 0; i < pages && !found; i++)
          {
            PageText pt = { 0 };
            page_text_load (&pt, f.pdf, i);
            if (signer && *signer && strstr (pt.text, signer))
              found = TRUE;
            page_text_clear (&pt);
          }
        g_assert_true (found || signer == NULL || *signer == '\0');
      }
      /* A report's annex: the target table on the last page. */
      if (g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))) > 0)
        {
          page_text_load (&last, f.pdf, pages - 1);
          g_assert_nonnull (strstr (last.text, "TT"));
          page_text_clear (&last);
        }
      fixture_clear (&f);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
}

static void
test_seed_001_pages (void)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (seeds == NULL || (dir = g_dir_open (seeds, 0, NULL)) == NULL)
    {
      g_test_skip ("KETLUAN_SEEDS not set");
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "001"))
      {
        g_autofree char *path = g_build_filename (seeds, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        g_autoptr(KlDocument) doc = kl_importer_import_file (file, &error);
        Fixture f = { 0 };
        gboolean annex = FALSE, footnotes = FALSE;

        g_assert_no_error (error);
        fixture_write (&f, doc, NULL);
        /* About twenty pages with footnotes and the annex table (the original has 20). */
        g_assert_cmpint (poppler_document_get_n_pages (f.pdf), >=, 15);
        g_assert_cmpint (poppler_document_get_n_pages (f.pdf), <=, 26);
        for (int i = 0; i < poppler_document_get_n_pages (f.pdf); i++)
          {
            PageText pt = { 0 };
            page_text_load (&pt, f.pdf, i);
            if (strstr (pt.text, "17.501") && strstr (pt.text, "ĐVT"))
              annex = TRUE;
            for (GList *l = pt.attrs; l; l = l->next)
              if (fabs (((PopplerTextAttributes *) l->data)->font_size - 12) < 0.1 && i < 10)
                footnotes = TRUE;
            page_text_clear (&pt);
          }
        g_assert_true (annex);
        g_assert_true (footnotes);
        fixture_clear (&f);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/pdf/page-and-fonts", test_page_and_fonts);
  g_test_add_func ("/render/pdf/metadata-and-outline", test_metadata_and_outline);
  g_test_add_func ("/render/pdf/first-page-positions", test_first_page_positions);
  g_test_add_func ("/render/pdf/closing-block", test_closing_block);
  g_test_add_func ("/render/pdf/page-numbers-and-footnote", test_page_numbers_and_footnote);
  g_test_add_func ("/render/pdf/table-header-repeated", test_table_header_repeated);
  g_test_add_func ("/render/pdf/seeds", test_seeds);
  g_test_add_func ("/render/pdf/seed-001", test_seed_001_pages);
  return g_test_run ();
}
