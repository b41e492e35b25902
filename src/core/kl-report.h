/* kl-report.h: a report presented at a meeting, with its table of targets. */
#pragma once

#include <gio/gio.h>
#include "kl-target.h"

G_BEGIN_DECLS

#define KL_TYPE_REPORT (kl_report_get_type ())
G_DECLARE_FINAL_TYPE (KlReport, kl_report, KL, REPORT, GObject)

/* Properties: title, presenter (presenting body, "UBND huyện"), period ("năm 2023"),
 * text (optional markup), the column headings as typed in the source: plan-label
 * ("Kế hoạch năm 2023"), actual-label ("TH năm 2023"), next-plan-label ("Kế hoạch năm 2024"),
 * ratio-label ("TH/KH (%)"); the annex headings: annex-title ("BIỂU KẾT QUẢ THỰC HIỆN"),
 * annex-subtitle, annex-note ("Kèm theo Báo cáo số …"); annex-chart: the chart printed in the
 * annex after the target table, one of kl_report_chart_kinds() or NULL for none.
 * Signal "changed": emitted after any property of the report or of any of its targets
 * changes, and when targets are added, removed or moved. */
KlReport    *kl_report_new                 (const char *title);
/* A deep copy: the properties, and a copy of every target with its values (kl_value_copy).
 * The copy shares nothing with @self. */
KlReport    *kl_report_copy                (KlReport   *self);

const char  *kl_report_get_title           (KlReport *self);
void         kl_report_set_title           (KlReport *self, const char *value);
const char  *kl_report_get_presenter       (KlReport *self);
void         kl_report_set_presenter       (KlReport *self, const char *value);
const char  *kl_report_get_period          (KlReport *self);
void         kl_report_set_period          (KlReport *self, const char *value);
const char  *kl_report_get_text            (KlReport *self);
void         kl_report_set_text            (KlReport *self, const char *value);
const char  *kl_report_get_plan_label      (KlReport *self);
void         kl_report_set_plan_label      (KlReport *self, const char *value);
const char  *kl_report_get_actual_label    (KlReport *self);
void         kl_report_set_actual_label    (KlReport *self, const char *value);
const char  *kl_report_get_next_plan_label (KlReport *self);
void         kl_report_set_next_plan_label (KlReport *self, const char *value);
const char  *kl_report_get_ratio_label     (KlReport *self);
void         kl_report_set_ratio_label     (KlReport *self, const char *value);
const char  *kl_report_get_annex_title     (KlReport *self);
void         kl_report_set_annex_title     (KlReport *self, const char *value);
const char  *kl_report_get_annex_subtitle  (KlReport *self);
void         kl_report_set_annex_subtitle  (KlReport *self, const char *value);
const char  *kl_report_get_annex_note      (KlReport *self);
void         kl_report_set_annex_note      (KlReport *self, const char *value);
const char  *kl_report_get_annex_chart     (KlReport *self);
/* @value: one of kl_report_chart_kinds(); NULL or "" for none. */
void         kl_report_set_annex_chart     (KlReport *self, const char *value);

/* The charts of a report, named as body markup names them ({{chart KIND N}}):
 * "achievement", "bullet", "summary", "trend". NULL-terminated, static. */
const char * const *kl_report_chart_kinds   (void);
/* @name as one of kl_report_chart_kinds() (the static string), or NULL when it is none. */
const char  *kl_report_chart_kind_lookup   (const char *name);

/* The targets, in table order (group rows included). A GListStore of KlTarget owned by
 * the report: add, remove and reorder through it. */
GListStore  *kl_report_get_targets         (KlReport *self);
guint        kl_report_get_n_targets       (KlReport *self);   /* group rows excluded */

/* Counts targets of @kind (MAIN or COMPONENT) whose status is MET or EXCEEDED (@met_out)
 * and that have a status other than NO_DATA or have an actual figure (@total_out): a plan
 * with no result yet, or "-" as the actual, is left out. */
void         kl_report_count               (KlReport     *self,
                                            KlTargetKind  kind,
                                            guint        *met_out,
                                            guint        *total_out);

G_END_DECLS
