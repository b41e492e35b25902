/* fuzz-tsv.c: kl_tsv_read_targets on any pasted text (the clipboard gives UTF-8). */
#include "fuzz-common.h"

#include "kl-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autoptr(KlReport) report = NULL;
  g_autoptr(GListStore) warnings = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  fuzz_init ();
  if (size > 65536)
    return 0;
  text = g_utf8_make_valid ((const char *) data, (gssize) size);
  report = kl_report_new ("fuzz");
  warnings = g_list_store_new (KL_TYPE_WARNING);

  ok = kl_tsv_read_targets (text, 1, report, warnings, &error);
  if (!ok)
    {
      g_assert_error (error, KL_CORE_ERROR, KL_CORE_ERROR_TABLE);
      g_assert_cmpuint (kl_report_get_n_targets (report), ==, 0);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (kl_report_get_n_targets (report), >, 0);
  /* Reading the values again (as the JSON reader does) holds too. */
  kl_tsv_reparse_values (report, warnings);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (warnings)); i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (G_LIST_MODEL (warnings), i);
      g_assert_true (g_utf8_validate (kl_warning_get_message (w), -1, NULL));
    }
  return 0;
}
