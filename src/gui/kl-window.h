/* kl-window.h: the main window: library sidebar, editor, targets page and live preview. */
#pragma once

#include <adwaita.h>
#include "kl-store.h"
#include "kl-editor.h"
#include "kl-targets-page.h"
#include "kl-preview.h"
#include "kl-chart.h"

G_BEGIN_DECLS

#define KL_TYPE_WINDOW (kl_window_get_type ())
G_DECLARE_FINAL_TYPE (KlWindow, kl_window, KL, WINDOW, AdwApplicationWindow)

/* Properties: store (KlStore, construct-only, may be NULL when the library could not be
 * opened), document (KlDocument open in the editor, or NULL). */
KlWindow      *kl_window_new                (GtkApplication *app,
                                             KlStore        *store);
KlStore       *kl_window_get_store          (KlWindow *self);
KlDocument    *kl_window_get_document       (KlWindow *self);
KlEditor      *kl_window_get_editor         (KlWindow *self);
KlTargetsPage *kl_window_get_targets_page   (KlWindow *self);
KlPreview     *kl_window_get_preview        (KlWindow *self);

/* Shows why the library is unusable (the file is left untouched). */
void           kl_window_show_store_error   (KlWindow *self, const GError *error);
/* Opens a stored document; FALSE with @error when it cannot be loaded. Whatever shows a
 * document (this, the functions below that create, import or restore one, Duplicate) selects
 * its row in the library, ending a search that leaves it out. */
gboolean       kl_window_open_document      (KlWindow *self, gint64 id, GError **error);
/* Creates, stores and opens a new draft of @kind ("TB", "KL", "BC"…). */
KlDocument    *kl_window_new_document       (KlWindow *self, const char *kind);
/* Creates, stores and opens a new draft from the template named @name (the library's, or a
 * built-in one), filled from the organization profile and the open document's meeting and
 * reports. */
KlDocument    *kl_window_new_from_template  (KlWindow *self, const char *name, GError **error);
/* Shows the library again (after imports, saves and deletions). */
void           kl_window_reload_library     (KlWindow *self);
guint          kl_window_get_library_size   (KlWindow *self);
/* Restores a revision of the open document and opens the result. */
gboolean       kl_window_restore_revision   (KlWindow *self, gint64 revision_id, GError **error);
/* Writes the open document as PDF to @file in a worker thread (no dialogs: the secrecy
 * question is the caller's). */
void           kl_window_export_pdf_async   (KlWindow *self, GFile *file, GCancellable *cancellable,
                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean       kl_window_export_pdf_finish  (KlWindow *self, GAsyncResult *result, GError **error);
/* Writes the open document as a JSON file / reads one into the library as a new draft and
 * opens it (no dialogs). */
gboolean       kl_window_export_json        (KlWindow *self, GFile *file, GError **error);
/* What "Export Chart" writes once the file is chosen: the chart @kind of the report on the
 * Targets page (a trend: of every report of the document and their earlier periods in the
 * library) as PNG, SVG or PDF from @file's extension (kl_export_chart()). TRUE without
 * writing when the document has no report. @library_periods (may be NULL) gets the periods
 * a trend took from the library, "năm 2023, năm 2024", or NULL for none (new string). */
gboolean       kl_window_export_chart       (KlWindow *self, KlChartKind kind, GFile *file,
                                             char **library_periods, GError **error);
gboolean       kl_window_import_json        (KlWindow *self, GFile *file, GError **error);
/* Re-reads the organization, presets and page style after preferences changed. */
void           kl_window_reload_settings    (KlWindow *self);
void           kl_window_toast              (KlWindow *self, const char *text);

G_END_DECLS
