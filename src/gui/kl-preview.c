/* kl-preview.c: live preview: a copy of the document is laid out in a GTask worker, so
 * typing never waits for the renderer; the pages in view are drawn straight from the
 * immutable KlPages in each page widget's snapshot, so no page is rasterised ahead. */
#include <glib/gi18n.h>
#include "kl-preview.h"
#include "kl-library-trend.h"

#define PAGE_GAP 16

struct _KlPreview
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *scroller;
  GtkWidget     *pages_box;
  GtkWidget     *page_label;
  GtkWidget     *zoom_label;
  GtkWidget     *prev_button;
  GtkWidget     *next_button;
  GtkWidget     *message;
  GPtrArray     *pictures;      /* of GtkDrawingArea, one per page */
  GArray        *dirty;         /* of gboolean: the page's drawing is older than @pages */

  KlDocument    *document;
  KlStore       *store;         /* for the library's earlier periods in trend charts */
  gulong         changed_id;
  KlPageStyle    style;
  double         zoom;
  KlPages       *pages;
  guint          page;

  guint          idle_id;       /* coalesces the changes of one main loop turn */
  guint          generation;
  gboolean       running;
  gboolean       again;
  gint64         pending_since; /* monotonic µs of the first change not yet laid out, 0 if none */
  gint64         draw_since;    /* that change, once laid out, until a page in view is drawn */
  double         last_latency_ms;
  double         last_layout_ms;
  GdkFrameClock *frame_clock;   /* watched for the end of the frame that shows an edit */
  gulong         after_paint_id;
  guint          drawn_page;
  gboolean       fit;           /* zoom follows the pane's width ("fit width", the default) */
  double         fit_zoom;      /* the zoom that fits, computed at the last allocation */
  guint          fit_id;
  gboolean       follow;        /* a body block waits for its page to be brought into view */
  guint          follow_block;
  guint          follow_first, follow_last;  /* the pages to scroll to once allocated */
  guint          follow_tick_id;
  guint          scrolled_tick_id; /* see on_scrolled */
  guint          follow_frames;
};

G_DEFINE_FINAL_TYPE (KlPreview, kl_preview, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DOCUMENT, PROP_ZOOM, PROP_N_PAGES, PROP_PAGE, PROP_BUSY, PROP_LAST_LATENCY_MS, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  KlDocument  *copy;
  GPtrArray   *trend;       /* the library's earlier periods (KlPeriodReport*), or NULL */
  KlPageStyle  style;
  guint        generation;
  gint64       changed_at;
} Job;

typedef struct
{
  KlPages   *pages;
  double     layout_ms;
} Result;

static void
job_free (Job *job)
{
  g_clear_object (&job->copy);
  g_clear_pointer (&job->trend, g_ptr_array_unref);
  g_free (job);
}

static void
result_free (Result *result)
{
  g_clear_pointer (&result->pages, kl_pages_unref);
  g_free (result);
}

/* Runs in the worker: only the layout, on a private copy of the document. */
static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  gint64 t0 = g_get_monotonic_time ();

  result->pages = kl_pages_layout_with_trend (job->copy, &job->style, job->trend, &error);
  result->layout_ms = (g_get_monotonic_time () - t0) / 1000.0;
  if (result->pages == NULL)
    {
      result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) result_free);
}

static void start_update (KlPreview *self);

static void
update_labels (KlPreview *self)
{
  guint n = self->pages != NULL ? kl_pages_get_n_pages (self->pages) : 0;
  g_autofree char *page_text = NULL;
  g_autofree char *zoom_text = g_strdup_printf ("%d %%", (int) round (self->zoom * 100));

  if (n == 0)
    page_text = g_strdup (_("No pages"));
  else
    /* TRANSLATORS: page navigation in the preview, e.g. "Page 3 of 20" */
    page_text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
  gtk_label_set_text (GTK_LABEL (self->page_label), page_text);
  gtk_label_set_text (GTK_LABEL (self->zoom_label), zoom_text);
  gtk_widget_set_sensitive (self->prev_button, n > 0 && self->page > 0);
  gtk_widget_set_sensitive (self->next_button, n > 0 && self->page + 1 < n);
}

static gboolean
page_in_view (KlPreview *self,
              GtkWidget *page)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double top = gtk_adjustment_get_value (adj);
  double bottom = top + gtk_adjustment_get_page_size (adj);
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (page) || !gtk_widget_compute_bounds (page, self->pages_box, &bounds))
    return FALSE;
  return bounds.origin.y < bottom && bounds.origin.y + bounds.size.height > top;
}

/* Redraws the pages in view whose drawing is older than the layout; the others wait until
 * they are scrolled to, so an edit costs one or two pages of drawing, not twenty. */
static void
draw_stale_pages_in_view (KlPreview *self)
{
  if (self->pictures == NULL)
    return;
  for (guint i = 0; i < self->pictures->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (self->pictures, i);

      if (g_array_index (self->dirty, gboolean, i) && page_in_view (self, page))
        {
          g_array_index (self->dirty, gboolean, i) = FALSE;
          gtk_widget_queue_draw (page);
        }
    }
}

static void
stop_watching_paint (KlPreview *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
on_after_paint (KlPreview *self)
{
  stop_watching_paint (self);
  if (self->draw_since == 0)
    return;
  self->last_latency_ms = (g_get_monotonic_time () - self->draw_since) / 1000.0;
  self->draw_since = 0;
  g_debug ("preview: %.1f ms from change to page %u painted (layout %.1f ms)",
           self->last_latency_ms, self->drawn_page + 1, self->last_layout_ms);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_LATENCY_MS]);
}

static void
draw_page (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  KlPreview *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "kl-page-index"));
  double w, h;

  /* The paper stays white in dark mode. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->pages == NULL || index >= kl_pages_get_n_pages (self->pages))
    return;
  if (index < self->dirty->len)
    g_array_index (self->dirty, gboolean, index) = FALSE;
  kl_pages_get_page_size (self->pages, index, &w, &h);
  cairo_scale (cr, width / w, height / h);
  kl_pages_draw_page (self->pages, index, cr);

  /* The latency ends when the frame holding this page has been painted, not when its
   * drawing was recorded. */
  if (self->draw_since != 0 && self->frame_clock == NULL)
    {
      self->frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (area));
      if (self->frame_clock != NULL)
        {
          g_object_ref (self->frame_clock);
          self->drawn_page = index;
          self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                           G_CALLBACK (on_after_paint), self);
        }
    }
}

static void
size_pages (KlPreview *self)
{
  for (guint i = 0; i < self->pictures->len && self->pages != NULL; i++)
    {
      double w, h;

      kl_pages_get_page_size (self->pages, i, &w, &h);
      gtk_widget_set_size_request (g_ptr_array_index (self->pictures, i),
                                   (int) round (w * self->zoom), (int) round (h * self->zoom));
    }
}

static void
apply_result (KlPreview *self,
              Result    *result)
{
  guint n = kl_pages_get_n_pages (result->pages);
  guint old_n = self->pages != NULL ? kl_pages_get_n_pages (self->pages) : 0;

  g_clear_pointer (&self->pages, kl_pages_unref);
  self->pages = kl_pages_ref (result->pages);

  /* Reuse the page widgets so the scroll position stays where the user is reading. */
  while (self->pictures->len > n)
    {
      GtkWidget *picture = g_ptr_array_index (self->pictures, self->pictures->len - 1);
      gtk_box_remove (GTK_BOX (self->pages_box), picture);
      g_ptr_array_remove_index (self->pictures, self->pictures->len - 1);
    }
  for (guint i = self->pictures->len; i < n; i++)
    {
      GtkWidget *picture = gtk_drawing_area_new ();
      g_autofree char *label = g_strdup_printf (_("Page %u"), i + 1);

      g_object_set_data (G_OBJECT (picture), "kl-page-index", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (picture), draw_page, self, NULL);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "kl-page");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_box_append (GTK_BOX (self->pages_box), picture);
      g_ptr_array_add (self->pictures, picture);
    }
  g_array_set_size (self->dirty, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->dirty, gboolean, i) = TRUE;
  size_pages (self);
  draw_stale_pages_in_view (self);

  gtk_widget_set_visible (self->message, FALSE);
  if (self->page >= n)
    self->page = n > 0 ? n - 1 : 0;
  update_labels (self);
  if (old_n != n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
}

/* Top of page @index in the pages box, from the sizes the pages were given: right before
 * the box is allocated at them too. */
static double
page_top (KlPreview *self,
          guint      index)
{
  double y = PAGE_GAP;

  for (guint i = 0; i < index && i < self->pictures->len; i++)
    {
      int height;

      gtk_widget_get_size_request (g_ptr_array_index (self->pictures, i), NULL, &height);
      y += height + PAGE_GAP;
    }
  return y;
}

/* Scrolls to the followed pages unless a good part of them is in view. FALSE while the
 * scroller has not been allocated at the present pages yet. */
static gboolean
scroll_to_followed (KlPreview *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double value = gtk_adjustment_get_value (adj);
  double view = gtk_adjustment_get_page_size (adj);
  double top, bottom, seen;
  guint n = self->pictures->len;

  if (n == 0)
    return TRUE;
  if (fabs (gtk_adjustment_get_upper (adj) - MAX (page_top (self, n), view)) > 1 || view <= 0)
    return FALSE;
  top = page_top (self, MIN (self->follow_first, n - 1));
  bottom = page_top (self, MIN (self->follow_last, n - 1) + 1) - PAGE_GAP;
  seen = MIN (bottom, value + view) - MAX (top, value);
  if (seen < MIN (bottom - top, view) / 4)
    gtk_adjustment_set_value (adj, top - PAGE_GAP / 2.0);
  return TRUE;
}

static void
clear_tick (KlPreview *self,
            guint     *id)
{
  if (*id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), *id);
  *id = 0;
}

static gboolean
follow_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  KlPreview *self = KL_PREVIEW (widget);

  /* New pages are allocated by the frame after the one that added them; a hidden
   * preview never is, and stops asking after a second. */
  if (scroll_to_followed (self))
    {
      self->follow_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (++self->follow_frames > 60)
    {
      /* Still not allocated at the sizes the pages were given (seen with the pane at its
       * narrowest, after a new zoom): scroll to where the page is now drawn. */
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
      guint first = MIN (self->follow_first, self->pictures->len - 1);
      graphene_rect_t bounds;

      if (self->pictures->len > 0
          && gtk_widget_compute_bounds (g_ptr_array_index (self->pictures, first), self->pages_box, &bounds)
          && !page_in_view (self, g_ptr_array_index (self->pictures, first)))
        gtk_adjustment_set_value (adj, bounds.origin.y - PAGE_GAP / 2.0);
      self->follow_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Resolves the followed block on the pages shown; it stays pending while another layout
 * is to come, which may move it again. */
static void
follow_block (KlPreview *self)
{
  if (!self->follow || self->pages == NULL)
    return;
  if (!self->again)
    self->follow = FALSE;
  if (!kl_pages_find_body_block (self->pages, self->follow_block, &self->follow_first, &self->follow_last))
    return;
  clear_tick (self, &self->follow_tick_id);
  self->follow_frames = 0;
  if (!scroll_to_followed (self))
    self->follow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_tick, NULL, NULL);
}

void
kl_preview_follow_body_block (KlPreview *self,
                              guint      block)
{
  g_return_if_fail (KL_IS_PREVIEW (self));

  self->follow = TRUE;
  self->follow_block = block;
  /* A layout under way or about to start shows the edit: follow on its pages. */
  if (!self->running && self->idle_id == 0)
    follow_block (self);
}

static void
render_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(KlPreview) self = user_data;
  GTask *task = G_TASK (res);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Result *result = g_task_propagate_pointer (task, &error);

  self->running = FALSE;
  if (self->pictures == NULL)
    {
      /* The widget was destroyed while the worker ran: nothing to show the pages in. */
      g_clear_pointer (&result, result_free);
      return;
    }
  /* Only another document makes a result stale (set_document bumps the generation); a
   * layout overtaken by a keystroke is still shown: it is closer to the text than what is
   * on screen, and the next layout follows at once. */
  if (job->generation == self->generation)
    {
      if (result != NULL)
        {
          self->last_layout_ms = result->layout_ms;
          if (job->changed_at != 0 && self->draw_since == 0)
            self->draw_since = job->changed_at;
          apply_result (self, result);
          follow_block (self);
          g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The pages cannot be laid out: %s"), error->message);
          gtk_label_set_text (GTK_LABEL (self->message), text);
          gtk_widget_set_visible (self->message, TRUE);
        }
    }
  g_clear_pointer (&result, result_free);
  if (self->again && self->document != NULL)
    {
      self->again = FALSE;
      start_update (self);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_update (KlPreview *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->document == NULL)
    return;
  if (self->running)
    {
      /* One layout at a time: a keystroke during a layout marks it stale and exactly one
       * more follows. */
      self->again = TRUE;
      return;
    }

  job = g_new0 (Job, 1);
  job->copy = kl_document_copy (self->document);
  /* The library is asked here, on the main thread (its connection is this thread's). */
  job->trend = kl_library_trend_lookup (self->store, self->document);
  job->style = self->style;
  job->generation = ++self->generation;
  job->changed_at = self->pending_since;
  self->pending_since = 0;
  self->running = TRUE;

  task = g_task_new (NULL, NULL, render_done, g_object_ref (self));
  g_task_set_source_tag (task, start_update);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, render_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
idle_cb (gpointer user_data)
{
  KlPreview *self = user_data;

  self->idle_id = 0;
  start_update (self);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (KlPreview *self)
{
  if (self->pending_since == 0)
    self->pending_since = g_get_monotonic_time ();
  /* No fixed delay: the changes of this main loop turn go into one layout, started ahead
   * of the redraw so the worker runs while GTK paints the editor. */
  if (self->running)
    self->again = TRUE;
  else if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, idle_cb, self, NULL);
}

void
kl_preview_refresh (KlPreview *self)
{
  g_return_if_fail (KL_IS_PREVIEW (self));
  if (self->pending_since == 0)
    self->pending_since = g_get_monotonic_time ();
  start_update (self);
}

void
kl_preview_set_document (KlPreview  *self,
                         KlDocument *document)
{
  g_return_if_fail (KL_IS_PREVIEW (self));
  g_return_if_fail (document == NULL || KL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  self->generation++;   /* results for the previous document are stale */
  self->page = 0;
  if (document != NULL)
    {
      self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
      self->pending_since = 0;
      self->again = self->running;
      start_update (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

KlDocument *
kl_preview_get_document (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), NULL);
  return self->document;
}

void
kl_preview_set_page_style (KlPreview         *self,
                           const KlPageStyle *style)
{
  g_return_if_fail (KL_IS_PREVIEW (self));
  g_return_if_fail (style != NULL);

  self->style = *style;
  kl_preview_refresh (self);
}

void
kl_preview_set_store (KlPreview *self,
                      KlStore   *store)
{
  g_return_if_fail (KL_IS_PREVIEW (self));
  g_return_if_fail (store == NULL || KL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  kl_preview_refresh (self);
}

const KlPageStyle *
kl_preview_get_page_style (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), NULL);
  return &self->style;
}

double
kl_preview_get_zoom (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), 1.0);
  return self->zoom;
}

static void
apply_zoom (KlPreview *self,
            double     zoom)
{
  zoom = CLAMP (zoom, 0.25, 4.0);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-6))
    return;
  self->zoom = zoom;
  update_labels (self);
  if (self->pages != NULL)
    {
      /* The same layout at another size: the page widgets redraw themselves. */
      size_pages (self);
      for (guint i = 0; i < self->dirty->len; i++)
        g_array_index (self->dirty, gboolean, i) = TRUE;
      draw_stale_pages_in_view (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
kl_preview_set_zoom (KlPreview *self,
                     double     zoom)
{
  g_return_if_fail (KL_IS_PREVIEW (self));

  self->fit = FALSE;
  apply_zoom (self, zoom);
}

static gboolean
fit_cb (gpointer data)
{
  KlPreview *self = data;

  self->fit_id = 0;
  if (self->fit)
    apply_zoom (self, self->fit_zoom);
  return G_SOURCE_REMOVE;
}

/* Fit width: the zoom follows the pane as the user drags it, once the drag pauses (a new
 * zoom means new pixels for every page). */
static void
kl_preview_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  KlPreview *self = KL_PREVIEW (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->fit && width > 0)
    {
      double fit = CLAMP ((width - 2 * PAGE_GAP - 16) / 595.28, 0.25, 2.0);

      if (fabs (fit - self->fit_zoom) > 0.005)
        {
          self->fit_zoom = fit;
          g_clear_handle_id (&self->fit_id, g_source_remove);
          self->fit_id = g_timeout_add (self->pages != NULL ? 120 : 0, fit_cb, self);
        }
    }
}

static void
kl_preview_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  gtk_widget_measure (KL_PREVIEW (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
fit_clicked (KlPreview *self)
{
  self->fit = TRUE;
  self->fit_zoom = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

guint
kl_preview_get_n_pages (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), 0);
  return self->pages != NULL ? kl_pages_get_n_pages (self->pages) : 0;
}

guint
kl_preview_get_page (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), 0);
  return self->page;
}

double
kl_preview_get_last_latency_ms (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), 0);
  return self->last_latency_ms;
}

KlPages *
kl_preview_dup_pages (KlPreview *self)
{
  g_return_val_if_fail (KL_IS_PREVIEW (self), NULL);
  return self->pages != NULL ? kl_pages_ref (self->pages) : NULL;
}

void
kl_preview_go_to_page (KlPreview *self,
                       guint      page)
{
  GtkWidget *picture;
  graphene_rect_t bounds;

  g_return_if_fail (KL_IS_PREVIEW (self));

  if (page >= self->pictures->len)
    return;
  picture = g_ptr_array_index (self->pictures, page);
  if (gtk_widget_compute_bounds (picture, self->pages_box, &bounds))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                              bounds.origin.y - PAGE_GAP / 2.0);
  if (self->page != page)
    {
      self->page = page;
      update_labels (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static gboolean
scrolled_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  KlPreview *self = KL_PREVIEW (widget);

  self->scrolled_tick_id = 0;
  draw_stale_pages_in_view (self);
  update_labels (self);
  return G_SOURCE_REMOVE;
}

/* The page shown follows the scroll at once; the widgets (the page label, pages to draw
 * again) at the start of the next frame: the adjustment also changes while the scrolled
 * window is allocated (a new page count or size), and a label changed then would queue a
 * new size for the toolbar, already allocated in this frame, which GTK then draws
 * without an allocation ("Trying to snapshot GtkBox … without a current allocation"). */
static void
on_scrolled (GtkAdjustment *adj,
             KlPreview     *self)
{
  double probe = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) / 3.0;
  guint page = 0;

  for (guint i = 0; i < self->pictures->len; i++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (g_ptr_array_index (self->pictures, i), self->pages_box, &bounds))
        continue;
      if (bounds.origin.y <= probe)
        page = i;
    }
  if (page != self->page)
    {
      self->page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
  if (self->scrolled_tick_id == 0)
    self->scrolled_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scrolled_tick, NULL, NULL);
}

static void
prev_clicked (KlPreview *self)
{
  if (self->page > 0)
    kl_preview_go_to_page (self, self->page - 1);
}

static void
next_clicked (KlPreview *self)
{
  kl_preview_go_to_page (self, self->page + 1);
}

static void
zoom_in_clicked (KlPreview *self)
{
  kl_preview_set_zoom (self, self->zoom * 1.25);
}

static void
zoom_out_clicked (KlPreview *self)
{
  kl_preview_set_zoom (self, self->zoom / 1.25);
}

static void fit_clicked (KlPreview *self);

static GtkWidget *
tool_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
kl_preview_dispose (GObject *object)
{
  KlPreview *self = KL_PREVIEW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  stop_watching_paint (self);
  clear_tick (self, &self->follow_tick_id);
  clear_tick (self, &self->scrolled_tick_id);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, kl_pages_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kl_preview_parent_class)->dispose (object);
}

static void
kl_preview_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KlPreview *self = KL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    case PROP_ZOOM: g_value_set_double (value, self->zoom); break;
    case PROP_N_PAGES: g_value_set_uint (value, kl_preview_get_n_pages (self)); break;
    case PROP_PAGE: g_value_set_uint (value, self->page); break;
    case PROP_BUSY: g_value_set_boolean (value, self->running); break;
    case PROP_LAST_LATENCY_MS: g_value_set_double (value, self->last_latency_ms); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_preview_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KlPreview *self = KL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: kl_preview_set_document (self, g_value_get_object (value)); break;
    case PROP_ZOOM: kl_preview_set_zoom (self, g_value_get_double (value)); break;
    case PROP_PAGE: kl_preview_go_to_page (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_preview_class_init (KlPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_preview_dispose;
  object_class->get_property = kl_preview_get_property;
  object_class->set_property = kl_preview_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, KL_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, 0.25, 4.0, 0.75,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] = g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_LATENCY_MS] = g_param_spec_double ("last-latency-ms", NULL, NULL, 0, G_MAXDOUBLE, 0,
                                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* No layout manager: GTK calls size_allocate only for widgets without one, and the fit
   * width zoom needs to see each new width. */
  widget_class->measure = kl_preview_measure;
  widget_class->size_allocate = kl_preview_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "klpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kl_preview_init (KlPreview *self)
{
  GtkWidget *toolbar, *overlay, *spacer, *zoom_out, *zoom_in, *fit;

  self->zoom = 0.75;
  self->fit = TRUE;
  self->pictures = g_ptr_array_new ();
  self->dirty = g_array_new (FALSE, TRUE, sizeof (gboolean));
  kl_page_style_init_default (&self->style);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_widget_add_css_class (toolbar, "kl-preview-toolbar");
  self->prev_button = tool_button ("go-up-symbolic", _("Previous Page"));
  self->next_button = tool_button ("go-down-symbolic", _("Next Page"));
  self->page_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->page_label, "numeric");
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  zoom_out = tool_button ("zoom-out-symbolic", _("Zoom Out"));
  zoom_in = tool_button ("zoom-in-symbolic", _("Zoom In"));
  fit = tool_button ("zoom-fit-best-symbolic", _("Fit Page Width"));
  self->zoom_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->zoom_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (self->zoom_label), 6);
  gtk_box_append (GTK_BOX (toolbar), self->prev_button);
  gtk_box_append (GTK_BOX (toolbar), self->page_label);
  gtk_box_append (GTK_BOX (toolbar), self->next_button);
  gtk_box_append (GTK_BOX (toolbar), spacer);
  gtk_box_append (GTK_BOX (toolbar), zoom_out);
  gtk_box_append (GTK_BOX (toolbar), self->zoom_label);
  gtk_box_append (GTK_BOX (toolbar), zoom_in);
  gtk_box_append (GTK_BOX (toolbar), fit);
  gtk_box_append (GTK_BOX (self->box), toolbar);
  g_signal_connect_swapped (self->prev_button, "clicked", G_CALLBACK (prev_clicked), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_clicked), self);
  g_signal_connect_swapped (zoom_in, "clicked", G_CALLBACK (zoom_in_clicked), self);
  g_signal_connect_swapped (zoom_out, "clicked", G_CALLBACK (zoom_out_clicked), self);
  g_signal_connect_swapped (fit, "clicked", G_CALLBACK (fit_clicked), self);

  overlay = gtk_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  self->scroller = gtk_scrolled_window_new ();
  gtk_widget_add_css_class (self->scroller, "kl-preview-area");
  self->pages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, PAGE_GAP);
  gtk_widget_set_margin_top (self->pages_box, PAGE_GAP);
  gtk_widget_set_margin_bottom (self->pages_box, PAGE_GAP);
  gtk_widget_set_margin_start (self->pages_box, PAGE_GAP);
  gtk_widget_set_margin_end (self->pages_box, PAGE_GAP);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->pages_box);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->scroller);
  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "kl-preview-message");
  gtk_widget_set_valign (self->message, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->message, 24);
  gtk_widget_set_visible (self->message, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->message);
  gtk_box_append (GTK_BOX (self->box), overlay);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                    "value-changed", G_CALLBACK (on_scrolled), self);
  /* A new page count or size moves the pages under a fixed scroll value too. */
  g_signal_connect (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                    "changed", G_CALLBACK (on_scrolled), self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page preview"), -1);
  update_labels (self);
}

GtkWidget *
kl_preview_new (void)
{
  return g_object_new (KL_TYPE_PREVIEW, NULL);
}
