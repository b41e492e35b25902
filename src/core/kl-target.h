/* kl-target.h: one row of a report's target table, with its computed evaluation. */
#pragma once

#include <glib-object.h>
#include "kl-enums.h"
#include "kl-value.h"

G_BEGIN_DECLS

#define KL_TYPE_TARGET (kl_target_get_type ())
G_DECLARE_FINAL_TYPE (KlTarget, kl_target, KL, TARGET, GObject)

/* Properties (all with notify):
 *   code (string, "3.1"), name, unit, group (string: the name of the group row above, or NULL),
 *   kind (KlTargetKind), direction (KlDirection, AUTO by default),
 *   plan, actual, next-plan (KlValue, never NULL: an empty cell is a NONE value),
 *   typed-status (string: what the source's "%"/status column said, "100", "Đạt", or NULL),
 *   source-line (uint: line of the row in the imported file, 0 if none);
 * read-only, recomputed and notified whenever an input changes:
 *   ratio (double, NAN when not computable), status (KlStatus), disagrees (boolean). */

KlTarget    *kl_target_new              (const char *code,
                                         const char *name,
                                         const char *unit);
KlTarget    *kl_target_new_group        (const char *code,
                                         const char *name);

const char  *kl_target_get_code         (KlTarget *self);
void         kl_target_set_code         (KlTarget *self, const char *code);
const char  *kl_target_get_name         (KlTarget *self);
void         kl_target_set_name         (KlTarget *self, const char *name);
const char  *kl_target_get_unit         (KlTarget *self);
void         kl_target_set_unit         (KlTarget *self, const char *unit);
const char  *kl_target_get_group        (KlTarget *self);
void         kl_target_set_group        (KlTarget *self, const char *group);
KlTargetKind kl_target_get_kind         (KlTarget *self);
void         kl_target_set_kind         (KlTarget *self, KlTargetKind kind);
KlDirection  kl_target_get_direction    (KlTarget *self);
void         kl_target_set_direction    (KlTarget *self, KlDirection direction);
KlValue     *kl_target_get_plan         (KlTarget *self);
void         kl_target_set_plan         (KlTarget *self, KlValue *value);
KlValue     *kl_target_get_actual       (KlTarget *self);
void         kl_target_set_actual       (KlTarget *self, KlValue *value);
KlValue     *kl_target_get_next_plan    (KlTarget *self);
void         kl_target_set_next_plan    (KlTarget *self, KlValue *value);
const char  *kl_target_get_typed_status (KlTarget *self);
void         kl_target_set_typed_status (KlTarget *self, const char *typed_status);
guint        kl_target_get_source_line  (KlTarget *self);
void         kl_target_set_source_line  (KlTarget *self, guint line);

gboolean     kl_target_is_group         (KlTarget *self);

/* The keys that find the same target in reports of different periods (the trend chart,
 * the library's earlier reports): the name in NFC, case-folded, trimmed, without final
 * full stops; else, for a target with a code, "code\x1funit". New strings; the code key is
 * NULL without a code. */
char        *kl_target_name_match_key   (const char *name);
char        *kl_target_code_match_key   (const char *code,
                                         const char *unit);

/* The direction actually used: the set one, or the guess when AUTO. @rule_out (may be
 * NULL) receives a borrowed sentence saying why ("name starts with 'Tỷ lệ hộ nghèo'…"). */
KlDirection  kl_target_get_effective_direction (KlTarget    *self,
                                                const char **rule_out);

/* actual/plan for higher-is-better, plan/actual for lower-is-better; NAN when a figure
 * is missing, ambiguous and unsettled, or the plan is 0. 1.0 = 100 %. */
double       kl_target_get_ratio        (KlTarget *self);
KlStatus     kl_target_get_status       (KlTarget *self);
/* TRUE when typed-status (a status word, or a typed percentage) contradicts the computed
 * status; @explanation_out (may be NULL) gets a new string saying how. */
gboolean     kl_target_get_disagrees    (KlTarget *self,
                                         char    **explanation_out);

/* "exceeded", "met", "not-met", "no-data" (JSON) and Vietnamese words for print:
 * "Vượt", "Đạt", "Không đạt", "Chưa có số liệu". */
const char  *kl_status_to_string        (KlStatus status);
gboolean     kl_status_from_string      (const char *name, KlStatus *out);
const char  *kl_status_to_vietnamese    (KlStatus status);

G_END_DECLS
