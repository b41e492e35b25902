/* kl-vn-date.h: Vietnamese dates and numbers in words, as Party documents write them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Cẩm Thủy, ngày 07 tháng 7 năm 2023": days 1–9 and months 1–2 zero-padded (FORMAT.md).
 * @place may be NULL (then "ngày 07 tháng 7 năm 2023"). @date NULL gives the blank form
 * "<place>, ngày    tháng    năm 20…" offices fill by hand. New string. */
char       *kl_vn_date_format         (const char *place,
                                       GDate      *date);
/* Only the day/month/year part: "ngày 07 tháng 02 năm 2024". */
char       *kl_vn_date_format_short   (GDate      *date);

/* Reads "27/3/2024", "27-03-2024", "2024-03-27", "ngày 11 tháng 7 năm 2023",
 * "Cẩm Thủy, ngày 07 tháng 7 năm 2023" (returns the place in @place_out when not NULL).
 * Returns FALSE when no complete valid date is found. */
gboolean    kl_vn_date_parse          (const char *text,
                                       GDate      *date_out,
                                       char      **place_out);

/* Ordinals in words as in meeting titles: 14 → "Mười Bốn", 25 → "Hai Mươi Lăm",
 * 1 → "Nhất" (lần thứ Nhất), 4 → "Tư". Capitalised per word as in the seeds. */
char       *kl_vn_ordinal_to_words    (guint       n);
/* Reads "Mười Bốn", "mười bốn", "Hai mươi mốt", "thứ Nhất", and plain digits "25".
 * Returns 0 when not a number word. */
guint       kl_vn_ordinal_from_words  (const char *text);

/* Roman numerals for terms and sections: 26 → "XXVI"; reading back returns 0 if invalid. */
char       *kl_roman_format           (guint       n);
guint       kl_roman_parse            (const char *text);

G_END_DECLS
