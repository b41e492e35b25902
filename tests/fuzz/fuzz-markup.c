/* fuzz-markup.c: kl_markup_parse on any text, and the writer's round trip on what it read. */
#include "fuzz-common.h"

#include "kl-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autoptr(KlMarkup) first = NULL;
  g_autoptr(KlMarkup) second = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  g_autofree char *plain = NULL;

  fuzz_init ();
  if (size > 65536)
    return 0;
  text = fuzz_strndup (data, size);

  first = kl_markup_parse (text);
  g_assert_nonnull (first);
  written = kl_markup_write (first);
  g_assert_true (g_utf8_validate (written, -1, NULL));
  plain = kl_markup_to_plain (first);
  g_assert_true (g_utf8_validate (plain, -1, NULL));

  /* The writer's output is canonical: it reads back to the same tree and writes the same. */
  second = kl_markup_parse (written);
  rewritten = kl_markup_write (second);
  if (g_strcmp0 (written, rewritten) != 0)
    {
      g_printerr ("not canonical:\n--- written ---\n%s\n--- rewritten ---\n%s\n", written, rewritten);
      abort ();
    }
  if (!kl_markup_equal (first, second))
    {
      g_printerr ("the tree changed in a write/parse round trip:\n%s\n", written);
      abort ();
    }

  /* Copies compare equal. */
  {
    g_autoptr(KlMarkup) copy = kl_markup_copy (first);
    g_assert_true (kl_markup_equal (first, copy));
  }
  return 0;
}
