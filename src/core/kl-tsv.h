/* kl-tsv.h: reading a target table pasted from a spreadsheet or Word (tab-separated). */
#pragma once

#include <gio/gio.h>
#include "kl-report.h"

G_BEGIN_DECLS

/* Reads tab-separated rows (also "|"-piped rows) into @report's targets: recognises the
 * header row (TT, Chỉ tiêu, ĐVT, Kế hoạch…, TH…, …(%)) and a column-number row ("1 2 3"),
 * maps columns by their headings (the report's *-label properties are set from them), keeps
 * group rows ("3  <b>Các chỉ tiêu…</b>" with no figures; "<b>7</b>" too) as KL_TARGET_KIND_GROUP,
 * marks top-level targets with figures as MAIN and others as COMPONENT, strips <b> tags,
 * repeats of the header row (a table that crossed a page) and blank rows, and parses every
 * value with kl_value_parse() using the column as context.
 * @first_line: line number of the first line of @text in its file, for messages.
 * Appends KlWarning objects to @warnings (may be NULL) for every decision that could be
 * wrong (ambiguous numbers, rows with missing cells, a row without a code).
 * Fails with KL_CORE_ERROR_TABLE when no target could be read at all (message names the
 * line). The targets are appended to the report only on success. */
gboolean     kl_tsv_read_targets     (const char  *text,
                                      guint        first_line,
                                      KlReport    *report,
                                      GListStore  *warnings,
                                      GError     **error);

/* Parses every value of @report's targets again from its text, with the row's unit, the
 * other cells of the same column and the row's other figure as context, so that a table
 * always reads the same way (the JSON reader calls it too). Appends a KlWarning for each
 * ambiguous reading to @warnings (may be NULL). */
void         kl_tsv_reparse_values   (KlReport    *report,
                                      GListStore  *warnings);

/* Splits one line into cells on tabs (or on "|" for piped rows, outer pipes dropped). */
GStrv        kl_tsv_split_line       (const char *line);

G_END_DECLS
