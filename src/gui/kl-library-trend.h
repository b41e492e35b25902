/* kl-library-trend.h: the library's earlier periods of a document's reports, which the
 * window's trend charts (preview, print, PDF and chart export) draw with the document's. */
#pragma once

#include "kl-core.h"
#include "kl-store.h"

G_BEGIN_DECLS

/* The reports of other documents in @store (may be NULL) that @document's trend charts
 * compare with its own (KlPeriodReport*, kl_store_find_trend_reports(), at most
 * KL_PERIOD_TREND_MAX periods, none more secret than @document), or NULL when the
 * document prints no trend chart or the library has none. Main thread: the query runs
 * there (a few ms for a few hundred documents) and is kept on @store until the
 * document's reports, targets, date, secrecy or the library change. The result is read
 * only, and may be handed to layouts in other threads. New reference. */
GPtrArray *kl_library_trend_lookup (KlStore    *store,
                                    KlDocument *document);
/* The same whether or not the document prints a trend chart (a trend chart exported
 * alone). */
GPtrArray *kl_library_trend_find   (KlStore    *store,
                                    KlDocument *document);

G_END_DECLS
