/* kl-tasks.h: finding the tasks a conclusion assigns, resolving their deadlines, and the
 * follow-up report of open and overdue tasks.
 *
 * Extraction works sentence by sentence on the body markup (paragraphs and items; headings,
 * tables and footnotes are skipped; when the body has headings, the paragraphs before the
 * first one tell of the meeting and are skipped too). A sentence assigns a task when:
 *   - it holds "giao", "đề nghị" or "yêu cầu" followed by a body ("Giao UBND huyện …",
 *     "… giao Ban Thường vụ Huyện ủy xây dựng …", "Đề nghị các cơ quan, đơn vị …"); the
 *     body runs up to the first action verb (thực hiện, xây dựng, hoàn thiện, theo dõi…).
 *     Several such phrases in one sentence give several tasks;
 *   - or its subject is a body (UBND, Ủy ban, Văn phòng, Ban …, các cấp ủy, Chi bộ…) at the
 *     start of the sentence, after a leading clause ("Trên cơ sở …, ") or after a short
 *     lead-in ending in ":", followed directly by an action verb ("Văn phòng Huyện ủy theo
 *     dõi, đôn đốc …", "Ủy ban Kiểm tra xây dựng chương trình …"). A subject followed by
 *     "đã", "được", "thống nhất", "nhất trí", "đánh giá"… states a fact, not a task;
 *   - or it is an item ("(1) …", "- …") following a sentence that assigns a task and ends
 *     with ":" ("Giao UBND huyện thực hiện các nhiệm vụ sau:"): each item is a task of that
 *     body, and the introducing sentence is not one itself.
 * This is a heuristic: the result is a list of candidates for the user to confirm.
 *
 * Deadlines (the first one in the task's text wins), resolved against a reference date
 * (the document's date):
 *   "trước ngày 15/01/2026", "chậm nhất ngày 25 tháng 12 năm 2025", "đến ngày 30/6/2024"
 *                                → that day
 *   "trước ngày 30/6" (no year)  → the next 30/6 strictly after the reference date
 *   "tháng 6/2024", "trong tháng 6 năm 2024" → the last day of the month
 *   "trước tháng 6/2024"         → the last day of the month before
 *   "trong tháng 6" (no year)    → the end of the next June after the reference date
 *   "quý III/2024", "quý 3 năm 2024" → the last day of the quarter (30/9/2024)
 *   "trong năm 2026", "hết năm 2026", "cuối năm 2026" → 31/12/2026; "trước năm 2026" → 31/12/2025
 * A deadline without a year and no reference date keeps its text but no date. */
#pragma once

#include <gio/gio.h>
#include "kl-document.h"
#include "kl-task.h"

G_BEGIN_DECLS

/* The candidate tasks of @document's body, in order (GListStore of KlTask, new). Each has
 * text, assignee, line, body-line, position, due and due-text when a deadline was found;
 * document-id is the document's id and document-symbol its symbol when numbered. The line
 * is that of the file when the importer made the document (kl_importer_get_file_line()),
 * else that of the body markup; body-line is always that of the body markup. */
GListStore  *kl_tasks_extract             (KlDocument   *document);
/* The same on a body markup text with an explicit reference date (may be NULL). */
GListStore  *kl_tasks_extract_from_markup (const char   *body,
                                           const GDate  *reference);

/* Finds the first deadline in @text. Returns FALSE when there is none. When there is one,
 * @due_text_out (may be NULL) receives it as written, and @due_out (may be NULL) the date,
 * left cleared (g_date_valid() FALSE) when it cannot be resolved without a reference date. */
gboolean     kl_tasks_parse_deadline      (const char   *text,
                                           const GDate  *reference,
                                           GDate        *due_out,
                                           char        **due_text_out);

/* Sets the line of each task of @tasks to the line of @source_text (the file the document
 * was imported from) where its sentence starts, comparing text without markup (**, *,
 * <b>, <sup>…); a task not found keeps its line. The body-line is left as it is. */
void         kl_tasks_locate_in_source    (GListModel   *tasks,
                                           const char   *source_text);

/* A key under which two spellings of one body group together: casefolded, abbreviations
 * spelled out ("UBND huyện" and "Ủy ban nhân dân huyện" give the same key). New string. */
char        *kl_tasks_dup_assignee_key    (const char   *assignee);

/* The follow-up report as a document of kind "BC": the tasks of @tasks that are open or
 * overdue as of @today (NULL: the current date), grouped by assigned body (one "### N. Body"
 * heading per body, in order of first appearance), each an item with its text, its source
 * document's symbol and its deadline, overdue ones marked. @org (may be NULL) fills the
 * header. Never NULL; with nothing open the body says so. */
KlDocument  *kl_tasks_build_report        (GListModel     *tasks,
                                           const GDate    *today,
                                           KlOrganization *org);

G_END_DECLS
