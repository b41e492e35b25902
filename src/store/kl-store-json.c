/* kl-store-json.c: moving single documents in and out of the library as JSON files.
 * Kept apart so that only programs that import or export link the JSON code. */
#include "config.h"

#include "kl-store-private.h"

gint64
kl_store_import_document (KlStore *self, KlDocument *document, GError **error)
{
  g_autoptr(KlDocument) copy = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), 0);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* A copy has id 0 and is a draft: saving it can only add a document. */
  copy = kl_document_copy (document);
  kl_document_set_id (copy, 0);
  if (!kl_store_save_document_internal (self, copy, FALSE, error))
    return 0;
  return kl_document_get_id (copy);
}

gint64
kl_store_import_file (KlStore *self, GFile *file, GError **error)
{
  g_autoptr(KlDocument) document = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  document = kl_json_load_document (file, error);
  if (document == NULL)
    return 0;
  return kl_store_import_document (self, document, error);
}

gboolean
kl_store_export_file (KlStore *self, gint64 id, GFile *file, GError **error)
{
  g_autoptr(KlDocument) document = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  document = kl_store_load_document (self, id, error);
  if (document == NULL)
    return FALSE;
  return kl_json_save_document (document, file, error);
}
