/* kl-sentences.h: Vietnamese sentences generated from a report's targets, for the body. */
#pragma once

#include "kl-report.h"

G_BEGIN_DECLS

/* "2/3 chỉ tiêu chính, 9/11 chỉ tiêu thành phần đạt và vượt kế hoạch" (a group without
 * targets is left out; NULL when the report has no evaluated target). New string. */
char        *kl_sentences_count        (KlReport *report);

/* One sentence listing the targets not met, each with its actual figure, the plan and the
 * percentage of plan in Vietnamese style; NULL when every target is met. New string. */
char        *kl_sentences_not_met      (KlReport *report);

/* The numbered list of next period's targets from the next-plan column, one item a line
 * in markup ("(1) Thu nhập bình quân đầu người đạt trên 62 triệu đồng;"), the last ending
 * with "."; NULL when no target has a next plan. New string. */
char        *kl_sentences_next_targets (KlReport *report);

/* All of the above as body markup: one paragraph with the count and the targets not met,
 * an introduction line, and the numbered items. New string, never NULL. */
char        *kl_sentences_generate     (KlReport *report);

/* Compares a previously generated text with a new one, line by line; returns a
 * human-readable list of changes ("- old line" / "+ new line"), or NULL when identical. */
char        *kl_sentences_diff         (const char *old_text,
                                        const char *new_text);

G_END_DECLS
