/* kl-number.h: Vietnamese number conventions: reading the digits users type, writing them back. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @value the Vietnamese way: dot for thousands, comma for decimals, at most
 * @max_decimals decimals with trailing zeros removed: 17501 → "17.501", 99.4 → "99,4",
 * 1234567.5 → "1.234.567,5", -3 → "-3". Returns a new string. */
char    *kl_number_format        (double value,
                                  int    max_decimals);

/* Formats a ratio (1.0 = 100 %) as a percentage with one decimal at most: 0.948 → "94,8". */
char    *kl_number_format_percent (double ratio);

G_END_DECLS
