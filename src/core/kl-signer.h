/* kl-signer.h: the signature block of a document (authority, position, full name). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KL_TYPE_SIGNER (kl_signer_get_type ())
G_DECLARE_FINAL_TYPE (KlSigner, kl_signer, KL, SIGNER, GObject)

/* Properties: authority ("T/M HUYỆN ỦY", "K/T BÍ THƯ", may be empty), position
 * ("PHÓ BÍ THƯ"), name ("Nguyễn Văn An"). */
KlSigner    *kl_signer_new            (const char *authority,
                                       const char *position,
                                       const char *name);
KlSigner    *kl_signer_copy           (KlSigner *self);
const char  *kl_signer_get_authority  (KlSigner *self);
void         kl_signer_set_authority  (KlSigner *self, const char *authority);
const char  *kl_signer_get_position   (KlSigner *self);
void         kl_signer_set_position   (KlSigner *self, const char *position);
const char  *kl_signer_get_name       (KlSigner *self);
void         kl_signer_set_name       (KlSigner *self, const char *name);

G_END_DECLS
