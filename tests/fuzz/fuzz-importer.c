/* fuzz-importer.c: kl_importer_import_text on any bytes; what it reads must save as JSON and read back. */
#include "fuzz-common.h"

#include "kl-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autofree char *json = NULL;
  g_autoptr(KlDocument) again = NULL;

  fuzz_init ();
  if (size > 256 * 1024)
    return 0;
  doc = kl_importer_import_text ((const char *) data, (gssize) size, &error);
  if (doc == NULL)
    {
      /* A refusal always says why, with a line where it knows one. */
      g_assert_nonnull (error);
      g_assert_true (error->message[0] != '\0');
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (kl_document_get_body (doc), -1, NULL));

  /* Nothing the importer produces may be impossible to save and open again. */
  json = kl_json_write_document (doc);
  again = kl_json_read_document (json, -1, &error);
  if (again == NULL)
    {
      g_printerr ("an imported document does not read back from its JSON: %s\n", error->message);
      abort ();
    }
  g_assert_cmpstr (kl_document_get_body (again), ==, kl_document_get_body (doc));
  return 0;
}
