/* kl-period.h: the period of a report ("năm 2024", "quý I/2024") read as months, and the
 * reports of several periods put in order for a trend. */
#pragma once

#include "kl-document.h"
#include "kl-report.h"

G_BEGIN_DECLS

/* Months @first_month to @last_month (1–12) of @year. */
typedef struct {
  int year;
  int first_month;
  int last_month;
} KlPeriod;

/* Reads the period as reports write it: "năm 2024", "6 tháng đầu năm 2024",
 * "6 tháng cuối năm 2024", "9 tháng năm 2024", "quý I/2024", "Quý 3 năm 2024",
 * "tháng 5/2024", a bare year "2024" (any case, with or without words around: the first
 * period found counts). FALSE when no year is found. */
gboolean    kl_period_parse        (const char *text,
                                    KlPeriod   *out);

/* A key that is equal for two texts naming the same period ("Năm 2024" and "năm 2024."),
 * the months when the text is read, else the text folded as a target's name; NULL for an
 * empty text. New string. */
char       *kl_period_dup_key      (const char *text);

/* Sorts periods oldest first: by the last month covered, the longer period first when two
 * end together ("6 tháng đầu năm" before "quý II"); a period that cannot be read counts
 * as ending in the month of @iso_date (the date of its document, "2024-07-15"; may be
 * NULL: first of all). */
gint64      kl_period_order        (const char *text,
                                    const char *iso_date);

/* A report of another document, with what ordering and choosing it needs. */
typedef struct {
  KlReport *report;       /* owned */
  char     *date;         /* ISO date of its document, or NULL */
  gint64    document_id;  /* its document in the library, 0 when none */
} KlPeriodReport;

KlPeriodReport *kl_period_report_new  (KlReport   *report,
                                       const char *date,
                                       gint64      document_id);
void            kl_period_report_free (KlPeriodReport *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPeriodReport, kl_period_report_free)

/* The reports a trend compares, oldest first: every one of @own (a document's, dated
 * @own_date) and those of @others (KlPeriodReport*) whose period is none of @own's periods
 * nor that of one before it in @others (so put the preferred copy of a period first).
 * With @max_periods > 0, the oldest of @others are left out so that at most @max_periods
 * reports remain (all of @own stay). Equal periods keep their order, @own's after; when
 * none of @others is taken, @own keep the document's order. Returns
 * a GPtrArray of KlReport* (new references); @kept_out (may be NULL) gets the
 * KlPeriodReport* of @others taken, in the same order (borrowed from @others). */
GPtrArray  *kl_period_series       (KlReport  **own,
                                    guint       n_own,
                                    const char *own_date,
                                    GPtrArray  *others,
                                    guint       max_periods,
                                    GPtrArray **kept_out);

/* The periods of @items (KlPeriodReport*) joined by ", ": "năm 2023, năm 2024". New string. */
char       *kl_period_reports_join  (GPtrArray *items);

/* How many periods a trend shows at most, the document's own included. */
#define KL_PERIOD_TREND_MAX 5

/* TRUE when @document prints a trend chart: {{chart trend N}} in its body, or a report
 * whose annex chart is "trend" (and has targets). Callers look for the library's earlier
 * reports only then. */
gboolean    kl_period_document_has_trend (KlDocument *document);

G_END_DECLS
