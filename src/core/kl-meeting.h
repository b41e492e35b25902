/* kl-meeting.h: one committee meeting and the reports on its agenda. */
#pragma once

#include <gio/gio.h>
#include "kl-enums.h"
#include "kl-report.h"

G_BEGIN_DECLS

#define KL_TYPE_MEETING (kl_meeting_get_type ())
G_DECLARE_FINAL_TYPE (KlMeeting, kl_meeting, KL, MEETING, GObject)

/* Properties: body (KlMeetingBody), ordinal (uint: 25; 0 = unknown), ordinal-text (how the
 * source wrote it: "Mười Bốn", or NULL), meeting-type (KlMeetingType), date (ISO 8601
 * "2023-06-29" or NULL), chair ("Thường trực Huyện ủy", a person), term ("XX"), place. */
KlMeeting   *kl_meeting_new               (void);

KlMeetingBody kl_meeting_get_body         (KlMeeting *self);
void         kl_meeting_set_body          (KlMeeting *self, KlMeetingBody body);
guint        kl_meeting_get_ordinal       (KlMeeting *self);
void         kl_meeting_set_ordinal       (KlMeeting *self, guint ordinal);
const char  *kl_meeting_get_ordinal_text  (KlMeeting *self);
void         kl_meeting_set_ordinal_text  (KlMeeting *self, const char *value);
KlMeetingType kl_meeting_get_meeting_type (KlMeeting *self);
void         kl_meeting_set_meeting_type  (KlMeeting *self, KlMeetingType type);
const char  *kl_meeting_get_date          (KlMeeting *self);
void         kl_meeting_set_date          (KlMeeting *self, const char *iso_date);
const char  *kl_meeting_get_chair         (KlMeeting *self);
void         kl_meeting_set_chair         (KlMeeting *self, const char *value);
const char  *kl_meeting_get_term          (KlMeeting *self);
void         kl_meeting_set_term          (KlMeeting *self, const char *value);
const char  *kl_meeting_get_place         (KlMeeting *self);
void         kl_meeting_set_place         (KlMeeting *self, const char *value);

/* Reports on the agenda (GListStore of KlReport, owned by the meeting). */
GListStore  *kl_meeting_get_reports       (KlMeeting *self);

/* "Hội nghị lần thứ 25 Ban Chấp hành Đảng bộ huyện khóa XX" given the committee name
 * ("Đảng bộ huyện"). New string. */
char        *kl_meeting_dup_title         (KlMeeting  *self,
                                           const char *committee);

G_END_DECLS
