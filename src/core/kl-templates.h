/* kl-templates.h: document templates (notice, conclusion, report) and filling them in.
 *
 * A template is one text: an optional header of "field: value" lines closed by a line
 * "---", then the body in the markup of kl-markup.h. Header fields (each optional):
 *   kind: TB              document kind (default TB)
 *   title: THÔNG BÁO      type name (default: the kind's, kl_document_kind_title())
 *   summary: …            trích yếu; repeat the field for more lines
 *   authority: T/M …      signer's authority;   position: BÍ THƯ   signer's position
 *   recipient: - …        a Nơi nhận line; repeat the field for each line
 *   annex: yes|no         attach the reports' target tables as annexes (default no)
 * Without a first line of the form "field: value" the whole text is the body.
 *
 * Placeholders, in the header values and the body:
 *   {{superior}} {{issuer}} {{abbreviation}} {{place}} {{committee}} {{term}}
 *   {{term.years}}          from the organization ("ĐẢNG BỘ TỈNH …", "HUYỆN ỦY CẨM THỦY",
 *                           "HU", "Cẩm Thủy", "Đảng bộ huyện", "XXVI", "2020-2025")
 *   {{issuer.body}}         the issuer without its locality: "HUYỆN ỦY", "ĐẢNG ỦY"
 *   {{issuer.short}}        the same in sentence case: "Huyện ủy", "Đảng ủy"
 *   {{meeting.title}}       kl_meeting_dup_title() with the organization's committee
 *   {{meeting.date}}        "17/12/2025";  {{meeting.date.long}} "ngày 17 tháng 12 năm 2025"
 *   {{meeting.body}}        "Ban Chấp hành", "Ban Thường vụ", "Thường trực"
 *   {{meeting.organ}}       the meeting body by its full name: "Ban Chấp hành Đảng bộ xã"
 *                           (with the committee), "Ban Thường vụ Đảng ủy" (with issuer.short)
 *   {{meeting.authority}}   whom the signer signs for (T/M …): the issuer ("ĐẢNG ỦY") for an
 *                           Executive Committee meeting, else "BAN THƯỜNG VỤ", "THƯỜNG TRỰC"
 *   {{meeting.ordinal}} {{meeting.chair}} {{meeting.place}} {{meeting.term}}
 *   {{reports.count}}       the number of reports; {{reports.next}} that number plus one
 *   {{reports.titles}}      the reports' titles joined with "; "
 *   {{reports.period}}      the first report's period ("năm 2025"), or empty
 *   {{report.N.FIELD}}      a field of the N-th report (1-based); FIELD is one of
 *       title, subject (the title without a leading "Báo cáo", lower-case first letter:
 *       "tình hình thực hiện …"), presenter, period, index,
 *       count (kl_sentences_count()), not_met (kl_sentences_not_met()),
 *       next_targets (kl_sentences_next_targets()), sentences (kl_sentences_generate())
 *   {{#reports}}…{{/reports}}  repeated for each report; inside, {{report.FIELD}} is the
 *                           current report's field
 *   {{#NAME}}…{{/NAME}}     for any other placeholder: kept only when NAME is not empty
 *                           ("{{#meeting.chair}}Hội nghị do {{meeting.chair}} chủ trì.{{/meeting.chair}}")
 *   {{targets N}}, {{chart KIND N}}  markup embeds: left as they are
 * In the body, values are written as markup text (a "*" in a title cannot turn bold);
 * count, not_met, next_targets and sentences are markup already and are inserted as is.
 * An unset value is empty. Errors (KL_CORE_ERROR_PARSE) start with "line N: " (of the
 * template text) and name the placeholder: an unknown one, {{report.3.title}} with two
 * reports, a section never closed or closed by another name, a "{{" never closed. */
#pragma once

#include <gio/gio.h>
#include "kl-document.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;       /* the store's id; 0 when not stored */
  char   *name;     /* unique, shown to the user: "Thông báo kết luận hội nghị" */
  char   *kind;     /* "TB", "KL", "BC" (from the header; for lists) */
  char   *text;     /* the template text described above */
} KlTemplate;

#define KL_TYPE_TEMPLATE (kl_template_get_type ())
GType        kl_template_get_type        (void);

KlTemplate  *kl_template_new             (const char *name,
                                          const char *text);
KlTemplate  *kl_template_copy            (const KlTemplate *self);
void         kl_template_free            (KlTemplate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlTemplate, kl_template_free)

/* The header field @field ("kind", "title", "summary"…) of @text as written (placeholders
 * not filled), or NULL. Repeated fields are joined with "\n". New string. */
char        *kl_template_dup_field       (const char *text,
                                          const char *field);

/* The built-in templates: a conclusion notice of a committee meeting (TB), a conclusion
 * (KL) and a report with its annex table (BC). GPtrArray of KlTemplate* (free func set). */
GPtrArray   *kl_templates_builtin        (void);

/* Fills @template_text from @org (may be NULL: its fields are empty), @meeting (may be
 * NULL) and @reports (GListModel of KlReport; NULL means the meeting's reports). Returns a
 * new draft document (organization applied, meeting set, annexes when asked), or NULL with
 * @error set. */
KlDocument  *kl_template_instantiate     (const char      *template_text,
                                          KlOrganization  *org,
                                          KlMeeting       *meeting,
                                          GListModel      *reports,
                                          GError         **error);

G_END_DECLS
