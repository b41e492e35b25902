/* fuzz-json.c: kl_json_read_document on any bytes; what it accepts must write and read back. */
#include "fuzz-common.h"

#include "kl-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(KlDocument) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  fuzz_init ();
  if (size > 256 * 1024)
    return 0;
  doc = kl_json_read_document ((const char *) data, (gssize) size, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == KL_CORE_ERROR);
      return 0;
    }
  g_assert_no_error (error);

  json = kl_json_write_document (doc);
  again = kl_json_read_document (json, -1, &error);
  if (again == NULL)
    {
      g_printerr ("an accepted document does not read back from its own JSON: %s\n", error->message);
      abort ();
    }
  json_again = kl_json_write_document (again);
  if (g_strcmp0 (json, json_again) != 0)
    {
      g_printerr ("the JSON changed in a write/read round trip:\n--- first ---\n%s\n--- second ---\n%s\n",
                  json, json_again);
      abort ();
    }
  return 0;
}
