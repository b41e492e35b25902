/* test-follow.c: the preview shows the page of the text being edited, and leaves a hand scroll alone. */
#include <adwaita.h>
#include "kl-window.h"
#include "kl-body-buffer.h"
#include "ui-test-util.h"

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  ui_fixture_setup (f, "ketluan-follow-XXXXXX");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  ui_fixture_teardown (f);
}

typedef struct
{
  KlPreview *preview;
  guint      page;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *wait = data;
  return kl_preview_get_page (wait->preview) == wait->page;
}

static GtkAdjustment *
preview_vadjustment (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkAdjustment *adj = preview_vadjustment (c);
      if (adj != NULL)
        return adj;
    }
  return NULL;
}

/* Seed 001 (a report of about 20 pages) when the seeds are there, else a body written here
 * that runs over as many pages. */
static KlDocument *
open_long_document (Fixture *f)
{
  const char *seeds = g_getenv ("KETLUAN_SEEDS");
  g_autoptr(GDir) dir = seeds != NULL ? g_dir_open (seeds, 0, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  KlDocument *document;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "001_"))
      {
        g_autofree char *path = g_build_filename (seeds, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(KlDocument) imported = kl_importer_import_file (file, &error);

        g_assert_no_error (error);
        g_assert_true (kl_store_save_document (f->store, imported, &error));
        g_assert_no_error (error);
        g_assert_true (kl_window_open_document (f->window, kl_document_get_id (imported), &error));
        g_assert_no_error (error);
        return kl_window_get_document (f->window);
      }

  g_test_message ("seed 001 not found: a generated body");
  document = kl_window_new_document (f->window, "BC");
  {
    g_autoptr(GString) body = g_string_new ("## I. TÌNH HÌNH CHUNG\n\n");

    for (guint i = 1; i <= 160; i++)
      g_string_append_printf (body, "Đoạn %u: các xã, thị trấn triển khai kế hoạch, nâng cao chất lượng "
                              "công tác, thực hiện nhiệm vụ trọng tâm của năm theo chỉ đạo của "
                              "Ban Thường vụ và báo cáo kết quả theo quý.\n\n", i);
    kl_document_set_body (document, body->str);
  }
  return document;
}

/* The page the preview shows for the block holding the cursor. */
static guint
cursor_page (KlWindow *window)
{
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (kl_window_get_editor (window));
  g_autoptr(KlPages) pages = kl_preview_dup_pages (kl_window_get_preview (window));
  GtkTextIter iter;
  guint first = G_MAXUINT;

  g_assert_nonnull (pages);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_true (kl_pages_find_body_block (pages, kl_body_buffer_get_block_at (buffer, &iter), &first, NULL));
  return first;
}

static void
test_follow_cursor (Fixture *f, gconstpointer data)
{
  KlPreview *preview = kl_window_get_preview (f->window);
  GtkTextBuffer *buffer = kl_editor_get_body_buffer (kl_window_get_editor (f->window));
  GtkAdjustment *adj = preview_vadjustment (GTK_WIDGET (preview));
  GtkTextIter iter;
  PageWait wait = { preview, 0 };
  guint n, middle, end;
  double value;

  g_assert_nonnull (adj);
  open_long_document (f);
  g_assert_true (ui_wait_for (ui_preview_has_pages, preview, 60000));
  ui_run_for (300);
  n = kl_preview_get_n_pages (preview);
  g_test_message ("%u pages", n);
  g_assert_cmpuint (n, >=, 10);
  g_assert_cmpuint (kl_preview_get_page (preview), ==, 0);

  /* The cursor put at the end of the body: the preview shows its last page (the seed's
   * target table follows as an annex on pages of its own). */
  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  wait.page = cursor_page (f->window);
  g_test_message ("the body ends on page %u", wait.page + 1);
  g_assert_cmpuint (wait.page, >=, n / 2);
  g_assert_true (ui_wait_for (page_shown, &wait, 30000));
  end = wait.page;

  /* Typing in the middle of the report: after the new layout, its page. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, gtk_text_buffer_get_line_count (buffer) / 3);
  gtk_text_iter_forward_to_line_end (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, " Thêm một câu.", -1, TRUE);
  ui_run_for (50);
  g_assert_true (ui_wait_for (ui_preview_has_pages, preview, 30000));
  middle = cursor_page (f->window);
  g_assert_cmpuint (middle, >, 0);
  g_assert_cmpuint (middle + 2, <=, end);
  wait.page = middle;
  g_assert_true (ui_wait_for (page_shown, &wait, 30000));

  /* The user scrolls the preview by hand to page 1: a new layout without an edit or a
   * cursor move (the page style changed) leaves it there. */
  kl_preview_go_to_page (preview, 0);
  ui_run_for (100);
  kl_preview_refresh (preview);
  ui_run_for (50);
  g_assert_true (ui_wait_for (ui_preview_has_pages, preview, 30000));
  ui_run_for (300);
  g_assert_cmpuint (kl_preview_get_page (preview), ==, 0);

  /* Moving the cursor within a page already in view (here near the foot of the view)
   * does not scroll. */
  kl_preview_go_to_page (preview, middle);
  ui_run_for (100);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) - gtk_adjustment_get_page_size (adj) / 2);
  ui_run_for (100);
  value = gtk_adjustment_get_value (adj);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  gtk_text_iter_backward_chars (&iter, 3);
  gtk_text_buffer_place_cursor (buffer, &iter);
  ui_run_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, value);

  /* Back at the start of the body: page 1 again. */
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  wait.page = cursor_page (f->window);
  g_assert_cmpuint (wait.page, <=, 1);
  g_assert_true (ui_wait_for (page_shown, &wait, 30000));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/ui/follow/cursor", Fixture, NULL, fixture_setup, test_follow_cursor, fixture_teardown);
  return g_test_run ();
}
