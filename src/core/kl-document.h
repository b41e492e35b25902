/* kl-document.h: a document to issue (notice, conclusion, report…) with everything printed. */
#pragma once

#include <gio/gio.h>
#include "kl-enums.h"
#include "kl-signer.h"
#include "kl-report.h"
#include "kl-meeting.h"
#include "kl-organization.h"
#include "kl-warning.h"

G_BEGIN_DECLS

#define KL_TYPE_DOCUMENT (kl_document_get_type ())
G_DECLARE_FINAL_TYPE (KlDocument, kl_document, KL, DOCUMENT, GObject)

/* Properties (all notify):
 *   id (int64: the store's id, 0 while not stored)
 *   kind ("TB", "KL", "BC", "NQ", "QĐ", "CT", "KH", "TTr", "CV", …)
 *   number (uint: the register number, 0 = not yet numbered)
 *   symbol ("406-TB/HU" as printed after "Số ", or NULL: see kl_document_dup_symbol())
 *   superior, issuer, issuer-abbreviation (copied from the organization, editable)
 *   place ("Cẩm Thủy"), date (ISO 8601 "2023-07-07" or NULL), date-text (the date line as
 *   typed when it could not be read as a full date, e.g. "ngày   tháng 12 năm 2023"; NULL)
 *   title (type name as printed: "THÔNG BÁO"), summary (trích yếu, may hold "\n" line breaks)
 *   body (markup text), signer (KlSigner, never NULL), recipients (GStrv: lines as printed)
 *   meeting (KlMeeting or NULL), secrecy (KlSecrecy), urgency (KlUrgency),
 *   state (KlDocumentState).
 * Signal "changed": emitted after any change to the document, its signer, its reports or
 * their targets (autosave listens to this). */
KlDocument  *kl_document_new                (const char *kind);

gint64       kl_document_get_id              (KlDocument *self);
void         kl_document_set_id              (KlDocument *self, gint64 id);
const char  *kl_document_get_kind            (KlDocument *self);
void         kl_document_set_kind            (KlDocument *self, const char *kind);
guint        kl_document_get_number          (KlDocument *self);
void         kl_document_set_number          (KlDocument *self, guint number);
const char  *kl_document_get_symbol          (KlDocument *self);
void         kl_document_set_symbol          (KlDocument *self, const char *symbol);
const char  *kl_document_get_superior        (KlDocument *self);
void         kl_document_set_superior        (KlDocument *self, const char *value);
const char  *kl_document_get_issuer          (KlDocument *self);
void         kl_document_set_issuer          (KlDocument *self, const char *value);
const char  *kl_document_get_issuer_abbreviation (KlDocument *self);
void         kl_document_set_issuer_abbreviation (KlDocument *self, const char *value);
const char  *kl_document_get_place           (KlDocument *self);
void         kl_document_set_place           (KlDocument *self, const char *value);
const char  *kl_document_get_date            (KlDocument *self);
void         kl_document_set_date            (KlDocument *self, const char *iso_date);
const char  *kl_document_get_date_text       (KlDocument *self);
void         kl_document_set_date_text       (KlDocument *self, const char *value);
const char  *kl_document_get_title           (KlDocument *self);
void         kl_document_set_title           (KlDocument *self, const char *value);
const char  *kl_document_get_summary         (KlDocument *self);
void         kl_document_set_summary         (KlDocument *self, const char *value);
const char  *kl_document_get_body            (KlDocument *self);
void         kl_document_set_body            (KlDocument *self, const char *value);
KlSigner    *kl_document_get_signer          (KlDocument *self);
void         kl_document_set_signer          (KlDocument *self, KlSigner *signer);
const char * const *kl_document_get_recipients (KlDocument *self);
void         kl_document_set_recipients      (KlDocument *self, const char * const *lines);
KlMeeting   *kl_document_get_meeting         (KlDocument *self);
void         kl_document_set_meeting         (KlDocument *self, KlMeeting *meeting);
KlSecrecy    kl_document_get_secrecy         (KlDocument *self);
void         kl_document_set_secrecy         (KlDocument *self, KlSecrecy secrecy);
KlUrgency    kl_document_get_urgency         (KlDocument *self);
void         kl_document_set_urgency         (KlDocument *self, KlUrgency urgency);
KlDocumentState kl_document_get_state        (KlDocument *self);
void         kl_document_set_state           (KlDocument *self, KlDocumentState state);

/* The reports whose target tables are annexed (GListStore of KlReport, owned). */
GListStore  *kl_document_get_reports         (KlDocument *self);
/* Warnings left by the importer or a check (GListStore of KlWarning, owned). */
GListStore  *kl_document_get_warnings        (KlDocument *self);

/* Fills superior, issuer, issuer-abbreviation and place from @org. */
void         kl_document_apply_organization  (KlDocument     *self,
                                              KlOrganization *org);
/* The symbol printed after "Số ": the symbol property when set, else built from
 * number, kind and issuer-abbreviation ("406-TB/HU"; "12-CV/HU" has no type part for
 * CV), else "   -TB/HU" with blanks for the number. New string. */
char        *kl_document_dup_symbol          (KlDocument *self);
/* Fills @date_out from the date property; FALSE when there is none. */
gboolean     kl_document_get_gdate           (KlDocument *self,
                                              GDate      *date_out);
/* Type name for a kind: "TB" → "THÔNG BÁO", "KL" → "KẾT LUẬN", "BC" → "BÁO CÁO"… or NULL. */
const char  *kl_document_kind_title          (const char *kind);

/* The profile of the organization that issued @self, as far as the document tells:
 * superior, issuer, abbreviation and place, the term of its meeting, and the committee
 * read from the issuer's level (kl_organization_committee_for_issuer()). */
KlOrganization *kl_document_dup_organization (KlDocument *self);

/* A deep copy (signer, reports and targets copied; id 0, state draft). */
KlDocument  *kl_document_copy                (KlDocument *self);

G_END_DECLS
