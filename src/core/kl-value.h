/* kl-value.h: one cell of a target table (plan, actual, next plan) as typed and as read. */
#pragma once

#include <glib-object.h>
#include "kl-enums.h"

G_BEGIN_DECLS

#define KL_TYPE_VALUE (kl_value_get_type ())
G_DECLARE_FINAL_TYPE (KlValue, kl_value, KL, VALUE, GObject)

/* Hints from the context of a cell that may settle an ambiguous reading. All optional. */
typedef struct {
  const char *unit;            /* the row's unit ("Tấn", "%", "Tỷ đồng"), or NULL */
  const char *const *column;   /* the other cells of the same column, NULL-terminated, or NULL */
  double      partner;         /* the other figure of the row (actual for a plan cell and
                                  vice versa), or NAN when unknown */
} KlValueContext;

/* Parses what a user typed in a cell: keeps @text, reads the number(s), the qualifier
 * ("trên", ">", "≥", "<", "≤", "dưới", "không quá", "Duy trì", ranges "15-20"), a unit
 * typed after the number ("61.000 Tỷ đồng", "99,4%"), status words ("Đạt", "Không đạt")
 * and annotations ("03 (lũy kế 03)"). When the text alone cannot settle the reading
 * ("61.000", "1.105": thousands or decimals?) the value is flagged ambiguous with every
 * plausible reading; @context (may be NULL) may settle it, and kl_value_get_rule() then
 * says which rule decided. Never fails: unreadable text becomes KL_QUALIFIER_TEXT. */
KlValue     *kl_value_parse            (const char           *text,
                                        const KlValueContext *context);
KlValue     *kl_value_new_number       (double                number);
KlValue     *kl_value_copy             (KlValue              *self);

const char  *kl_value_get_text         (KlValue *self);   /* as typed, NFC; never NULL */
KlQualifier  kl_value_get_qualifier    (KlValue *self);
gboolean     kl_value_has_number       (KlValue *self);   /* FALSE for NONE/DASH/STATUS/TEXT */
double       kl_value_get_number       (KlValue *self);   /* NAN when none; lower bound of a range */
double       kl_value_get_number_max   (KlValue *self);   /* upper bound of a range, else = number */
const char  *kl_value_get_unit         (KlValue *self);   /* unit typed in the cell, or NULL */
const char  *kl_value_get_note         (KlValue *self);   /* "(lũy kế 03)" etc., or NULL */
gboolean     kl_value_get_ambiguous    (KlValue *self);
/* The alternative readings of an ambiguous value (the chosen one first). */
const double *kl_value_get_readings    (KlValue *self,
                                        guint   *n_readings);
const char  *kl_value_get_rule         (KlValue *self);   /* e.g. "unit %: decimal dot"; or NULL */
/* For KL_QUALIFIER_STATUS: TRUE for "Đạt"/"Vượt", FALSE for "Không đạt". */
gboolean     kl_value_get_status_met   (KlValue *self);

/* A value as it was stored (e.g. in the library): every field exactly as given, the rule
 * included, so a value settled from its context keeps the rule that settled it. @text is
 * read again only for what is not stored (the range bounds of each reading). At most 2
 * @readings are kept. */
KlValue     *kl_value_new_from_fields  (const char   *text,
                                        KlQualifier   qualifier,
                                        double        number,
                                        double        number_max,
                                        const char   *unit,
                                        const char   *note,
                                        gboolean      ambiguous,
                                        const double *readings,
                                        guint         n_readings,
                                        const char   *rule,
                                        gboolean      status_met);

/* The user settles an ambiguous value by picking one of its readings: clears the flag,
 * records the rule "settled by the user". Notifies "number", "ambiguous", "rule". */
void         kl_value_settle           (KlValue *self,
                                        double   reading);

/* Writes the value for print in Vietnamese style keeping the qualifier:
 * "17.501", "> 17.600", "Duy trì 98,5", "15–20", "Đạt", "-". New string. */
char        *kl_value_format           (KlValue *self);

G_END_DECLS

G_BEGIN_DECLS
/* Stable names used in the JSON format: "none", "exact", "gt", "ge", "lt", "le",
 * "maintain", "range", "dash", "status", "text". */
const char  *kl_qualifier_to_string    (KlQualifier  qualifier);
gboolean     kl_qualifier_from_string  (const char  *name,
                                        KlQualifier *out);
G_END_DECLS
