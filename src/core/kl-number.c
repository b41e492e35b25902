/* kl-number.c: writing numbers the Vietnamese way (dot groups thousands, comma marks decimals). */
#include "kl-number.h"

#include <math.h>
#include <string.h>

/* Decimal places beyond what a double carries are noise; cap what callers may ask. */
#define KL_NUMBER_MAX_DECIMALS 9

char *
kl_number_format (double value,
                  int    max_decimals)
{
  g_autofree char *plain = NULL;
  const char *digits;
  const char *point;
  gsize int_len;
  GString *out;

  /* A missing figure prints as the dash tables use for "no figure". */
  if (isnan (value))
    return g_strdup ("-");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");

  max_decimals = CLAMP (max_decimals, 0, KL_NUMBER_MAX_DECIMALS);
  plain = g_strdup_printf ("%.*f", max_decimals, value);
  /* printf follows the C locale only if the process does; normalise the point. */
  g_strdelimit (plain, ",", '.');

  digits = plain;
  out = g_string_new (NULL);
  if (*digits == '-')
    digits++;

  point = strchr (digits, '.');
  int_len = point ? (gsize) (point - digits) : strlen (digits);

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }

  if (point != NULL)
    {
      const char *frac = point + 1;
      gsize frac_len = strlen (frac);

      while (frac_len > 0 && frac[frac_len - 1] == '0')
        frac_len--;
      if (frac_len > 0)
        {
          g_string_append_c (out, ',');
          g_string_append_len (out, frac, frac_len);
        }
    }

  /* Rounding may leave "-0": a sign on zero means nothing to a reader. */
  if (plain[0] == '-' && strcmp (out->str, "0") != 0)
    g_string_prepend_c (out, '-');

  return g_string_free (out, FALSE);
}

char *
kl_number_format_percent (double ratio)
{
  return kl_number_format (ratio * 100.0, 1);
}
