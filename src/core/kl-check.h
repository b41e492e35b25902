/* kl-check.h: the check before signing: every FORMAT.md rule that can be checked on a document.
 *
 * kl_check_document() returns a list of KlCheckFinding: a rule id, a severity, where (the line
 * in the input file when the document was read from text and the source text is given, and
 * always a field name of the document), a message, and optionally a fix that
 * kl_check_finding_apply_fix() applies to the document. Messages and fix descriptions are
 * translated with the program's catalog (English under the C locale); rule ids and fields are
 * not.
 *
 * Rule ids (stable: tests and the UI key on them):
 *   header-issuer       the issuing body (or its superior) is missing                  error
 *   symbol-missing      no number yet ("Số    -TB/HU" prints blank)                    warning
 *   symbol-colon        "Số:" written with a colon                                     error
 *   symbol-form         the symbol is not NUMBER-TYPE/ISSUER (CV: NUMBER-CV/ISSUER)    error
 *   symbol-kind         the type part of the symbol, the kind and the type name differ error
 *   symbol-issuer       the issuer part differs from the issuer abbreviation           error
 *   date-place          no place before the date                                       error
 *   date-missing        no date at all (a blank date line is printed)                  warning
 *   date-day            the date has no day (filled in by hand after signing)          warning
 *   date-padding        days 1–9 and months 1–2 without their zero, or 03–12 with one  error
 *   title-missing       no type name (THÔNG BÁO, KẾT LUẬN, BÁO CÁO…), or none in the file error
 *   summary-missing     no summary (trích yếu)                                         error
 *   signer-missing      no signature block, or its position or name is missing         error
 *   signer-authority    the authority is not T/M, K/T, T/L or T/U + capitals           error
 *   signer-deputy       K/T not followed by a deputy position (PHÓ …)                  error
 *   signer-position     the position is not in capitals                                error
 *   signer-name         the name is written in capitals                                error
 *   recipients-missing  no "Nơi nhận" list                                             error
 *   recipients-dash     a recipient line does not start with "- "                      error
 *   recipients-comma    a recipient line other than the last does not end with ","     error
 *   recipients-last     the last line is not "- Lưu …" ending with "."                 error
 *   heading-sequence    a heading number out of sequence (gap, repeat, 1.x under 2.)   error
 *                       (after a gap the count goes on from the number found, so 1, 3, 4
 *                       gives one finding; its fix renumbers that heading only, and checking
 *                       again shows the next one)
 *   item-sequence       numbered items "(1)", "(2)"… out of sequence                  error
 *   footnote-undefined  a footnote reference without its text                          error
 *   footnote-unused     a footnote text that nothing refers to                         error
 *   footnote-sequence   footnotes not numbered 1, 2, 3… in order of reference          error
 *   value-ambiguous     a figure that can be read two ways and was not settled:
 *                       plan or actual (the status depends on it) error, next plan warning
 *   status-disagrees    the typed status contradicts the figures: a status word, or a
 *                       percentage on the other side of 100 %, error; a percentage more
 *                       than 0,5 point away on the same side warning
 *   ratio-text          the text names a target and says "đạt X% kế hoạch" while the
 *                       table's ratio differs by more than 0,5 point                   error
 *   count-text          "N/M chỉ tiêu chính|thành phần" in the text that the table's
 *                       count (kl_report_count) does not support                       error
 *   embed-report        a table or chart in the body ({{targets N}}, {{chart KIND N}})
 *                       names a report the document does not have                      error
 *   annex-chart-empty   a report has a chart chosen for its annex but no targets (the
 *                       annex, and so the chart, is not printed)                       warning
 *
 * Locations. Fields: "symbol", "date", "place", "title", "summary", "issuer",
 * "signer.authority", "signer.position", "signer.name", "recipients" and "recipients[i]"
 * (0-based), "body:N" (N = the 1-based line in the body markup, KlBlock.line), and
 * "reports[r].targets[t].plan|actual|next-plan|typed-status" (0-based, group rows counted),
 * "reports[r].annex-chart".
 * Lines: when @source_text (the file the document was imported from) is given, each finding
 * also gets the line in that file. The document keeps no file lines for its header fields
 * and body blocks (KlBlock.line counts lines of the body text), so they are found again by
 * searching the source: every source line is compared after dropping markup (**, <b>, <sup>,
 * heading #, escapes) and normalising to NFC; a field is found by its text (the first 48
 * characters of a body block, a recipient line, the signer's authority…), searching onwards
 * from where the previous body block was found so that repeated text maps to the right place.
 * Target rows keep their own line (kl_target_get_source_line()). A finding whose text is
 * not found keeps line 0 and is reported by its field. */
#pragma once

#include <gio/gio.h>
#include "kl-document.h"

G_BEGIN_DECLS

typedef enum {
  KL_CHECK_SEVERITY_WARNING,
  KL_CHECK_SEVERITY_ERROR,
} KlCheckSeverity;

/* A fix: changes @document; returns FALSE when it no longer applies (the text it would
 * change is gone). */
typedef gboolean (*KlCheckFixFunc) (KlDocument *document,
                                    gpointer    data);

#define KL_TYPE_CHECK_FINDING (kl_check_finding_get_type ())
G_DECLARE_FINAL_TYPE (KlCheckFinding, kl_check_finding, KL, CHECK_FINDING, GObject)

/* Read-only properties (set at construction): rule, severity (uint: KlCheckSeverity), line,
 * field, message, fix-description (NULL when there is no fix). */
KlCheckFinding *kl_check_finding_new          (const char      *rule,
                                               KlCheckSeverity  severity,
                                               guint            line,
                                               const char      *field,
                                               const char      *message);
/* Attaches a fix; @data is freed with @destroy (may be NULL) with the finding. */
void         kl_check_finding_set_fix         (KlCheckFinding *self,
                                               const char     *description,
                                               KlCheckFixFunc  func,
                                               gpointer        data,
                                               GDestroyNotify  destroy);

const char  *kl_check_finding_get_rule        (KlCheckFinding *self);
KlCheckSeverity kl_check_finding_get_severity (KlCheckFinding *self);
guint        kl_check_finding_get_line        (KlCheckFinding *self);   /* 0 when unknown */
const char  *kl_check_finding_get_field       (KlCheckFinding *self);
const char  *kl_check_finding_get_message     (KlCheckFinding *self);
gboolean     kl_check_finding_has_fix         (KlCheckFinding *self);
const char  *kl_check_finding_get_fix_description (KlCheckFinding *self);
gboolean     kl_check_finding_apply_fix       (KlCheckFinding *self,
                                               KlDocument     *document);

/* "error" or "warning". */
const char  *kl_check_severity_to_string      (KlCheckSeverity severity);

/* Checks @document. @source_text (may be NULL) is the text it was imported from, for lines.
 * Returns a new GListStore of KlCheckFinding in document order (header, title, body,
 * closing, tables); with @source_text, in the order of the file's lines (findings without
 * a line first). */
GListStore  *kl_check_document                (KlDocument *document,
                                               const char *source_text);

/* Applies every fix of @findings to @document; returns how many applied. */
guint        kl_check_apply_fixes             (KlDocument *document,
                                               GListModel *findings);

/* The number of findings of @severity in @findings. */
guint        kl_check_count                   (GListModel      *findings,
                                               KlCheckSeverity  severity);

G_END_DECLS
