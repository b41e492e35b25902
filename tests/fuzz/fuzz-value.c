/* fuzz-value.c: kl_value_parse on any text, with and without a column context. */
#include "fuzz-common.h"

#include <math.h>
#include "kl-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const units[] = { NULL, "%", "Tấn", "Tỷ đồng", "Triệu đồng", "Người", "xã" };
  g_autofree char *text = NULL;
  g_auto(GStrv) cells = NULL;
  KlValueContext context = { 0 };
  guint8 pick = size > 0 ? data[0] : 0;

  fuzz_init ();
  if (size > 4096)
    return 0;
  text = fuzz_strndup (data + (size > 0), size - (size > 0));

  /* Alone: the text is kept (valid UTF-8), the format never fails. */
  {
    g_autoptr(KlValue) value = kl_value_parse (text, NULL);
    g_autofree char *formatted = kl_value_format (value);
    guint n = 0;
    const double *readings = kl_value_get_readings (value, &n);

    g_assert_true (g_utf8_validate (kl_value_get_text (value), -1, NULL));
    g_assert_true (g_utf8_validate (formatted, -1, NULL));
    if (kl_value_get_ambiguous (value))
      g_assert_true (n >= 2 && readings != NULL);
    if (kl_value_has_number (value))
      g_assert_true (!isnan (kl_value_get_number (value)));
    if (kl_value_get_ambiguous (value))
      kl_value_settle (value, readings[n - 1]);
  }

  /* In a column: the lines of the input are the other cells of the column. */
  cells = g_strsplit (text, "\n", 64);
  context.unit = units[pick % G_N_ELEMENTS (units)];
  context.column = (const char *const *) cells;
  context.partner = (pick & 0x80) ? (double) (pick & 0x7f) * 13.5 : NAN;
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autoptr(KlValue) value = kl_value_parse (cells[i], &context);
      g_autofree char *formatted = kl_value_format (value);

      g_assert_true (g_utf8_validate (formatted, -1, NULL));
    }
  return 0;
}
