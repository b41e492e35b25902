/* kl-organization.h: the issuing body's profile. Any level: province, district, commune, ward. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KL_TYPE_ORGANIZATION (kl_organization_get_type ())
G_DECLARE_FINAL_TYPE (KlOrganization, kl_organization, KL, ORGANIZATION, GObject)

/* Properties:
 *   superior      "ĐẢNG BỘ TỈNH THANH HÓA"
 *   name          "HUYỆN ỦY CẨM THỦY" (the issuer as printed)
 *   abbreviation  "HU" (the issuer part of a symbol: 406-TB/HU; "ĐU" for a commune, "TU"…)
 *   place         "Cẩm Thủy" (the locality printed before dates)
 *   committee     "Đảng bộ huyện" (how the body names itself in sentences)
 *   term          "XXVI" (khóa)
 *   term-years    "2020-2025" (nhiệm kỳ) */
KlOrganization *kl_organization_new (void);
KlOrganization *kl_organization_copy (KlOrganization *self);

const char *kl_organization_get_superior     (KlOrganization *self);
void        kl_organization_set_superior     (KlOrganization *self, const char *value);
const char *kl_organization_get_name         (KlOrganization *self);
void        kl_organization_set_name         (KlOrganization *self, const char *value);
const char *kl_organization_get_abbreviation (KlOrganization *self);
void        kl_organization_set_abbreviation (KlOrganization *self, const char *value);
const char *kl_organization_get_place        (KlOrganization *self);
void        kl_organization_set_place        (KlOrganization *self, const char *value);
const char *kl_organization_get_committee    (KlOrganization *self);
void        kl_organization_set_committee    (KlOrganization *self, const char *value);
const char *kl_organization_get_term         (KlOrganization *self);
void        kl_organization_set_term         (KlOrganization *self, const char *value);
const char *kl_organization_get_term_years   (KlOrganization *self);
void        kl_organization_set_term_years   (KlOrganization *self, const char *value);

/* How a committee names itself in sentences, read from the issuer as printed:
 * "HUYỆN ỦY CẨM THỦY" → "Đảng bộ huyện", "ĐẢNG ỦY XÃ TÂN PHONG" → "Đảng bộ xã",
 * "TỈNH ỦY LAI CHÂU" → "Đảng bộ tỉnh". NULL when the issuer does not say its level. */
const char *kl_organization_committee_for_issuer (const char *issuer);

G_END_DECLS
