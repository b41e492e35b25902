/* kl-tasks.c: tasks assigned by a conclusion, their deadlines, and the follow-up report. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kl-tasks.h"
#include "kl-importer.h"
#include "kl-markup.h"

/* ---- Words of a sentence ---------------------------------------------------------------- */

typedef struct {
  const char *start;   /* into the sentence */
  gsize       len;     /* bytes of the word as written, punctuation included */
  char       *bare;    /* casefolded, without leading/trailing punctuation */
  gboolean    upper;   /* the first letter is a capital */
  gboolean    punct;   /* the word ends with , ; : . or similar: a phrase cannot go on */
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->bare);
}

static gboolean
is_edge_punct (gunichar c)
{
  return c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' ||
         c == ')' || c == '"' || c == 0x201C || c == 0x201D || c == '\'' || c == 0x2018 ||
         c == 0x2019;
}

static GArray *
split_words (const char *sentence)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  const char *p = sentence;

  g_array_set_clear_func (words, word_clear);
  while (*p != '\0')
    {
      const char *s, *e, *bs, *be;
      Word w = { 0 };
      g_autofree char *core = NULL;

      while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
      if (*p == '\0')
        break;
      s = p;
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
        p++;
      e = p;

      bs = s;
      while (bs < e && is_edge_punct (g_utf8_get_char (bs)))
        bs = g_utf8_next_char (bs);
      be = e;
      while (be > bs)
        {
          const char *prev = g_utf8_prev_char (be);
          gunichar c = g_utf8_get_char (prev);
          if (!is_edge_punct (c))
            break;
          if (c != ')' && c != '"' && c != 0x201D)
            w.punct = TRUE;
          be = prev;
        }
      w.start = s;
      w.len = e - s;
      core = g_strndup (bs, be - bs);
      w.bare = g_utf8_casefold (core, -1);
      w.upper = *core != '\0' && g_unichar_isupper (g_utf8_get_char (core));
      g_array_append_val (words, w);
    }
  return words;
}

#define WORD(words, i) (&g_array_index ((words), Word, (i)))

/* Does the phrase (casefolded words) start at word @i? Returns its length in words, or 0.
 * A phrase does not run across punctuation inside it. */
static guint
match_words (GArray *words, guint i, char **parts)
{
  guint n = g_strv_length (parts);

  if (i + n > words->len)
    return 0;
  for (guint k = 0; k < n; k++)
    {
      if (strcmp (WORD (words, i + k)->bare, parts[k]) != 0)
        return 0;
      if (k + 1 < n && WORD (words, i + k)->punct)
        return 0;
    }
  return n;
}

/* Phrases are split and casefolded once per list and kept for the life of the process
 * (the lists are static), so matching allocates nothing. */
G_LOCK_DEFINE_STATIC (compiled);

static GPtrArray *
compile_phrases (const char * const *phrases)
{
  static GHashTable *cache;
  GPtrArray *list;

  G_LOCK (compiled);
  if (cache == NULL)
    cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  list = g_hash_table_lookup (cache, phrases);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      for (guint k = 0; phrases[k] != NULL; k++)
        {
          g_autofree char *folded = g_utf8_casefold (phrases[k], -1);
          g_ptr_array_add (list, g_strsplit (folded, " ", -1));
        }
      g_hash_table_insert (cache, (gpointer) phrases, list);
    }
  G_UNLOCK (compiled);
  return list;
}

static guint
match_any (GArray *words, guint i, const char * const *phrases)
{
  GPtrArray *list = compile_phrases (phrases);

  for (guint k = 0; k < list->len; k++)
    {
      guint n = match_words (words, i, list->pdata[k]);
      if (n > 0)
        return n;
    }
  return 0;
}

/* ---- Vocabulary --------------------------------------------------------------------------- */

/* What a body does when it is given a task. Longer phrases first where one is a prefix. */
static const char * const action_verbs[] = {
  "chịu trách nhiệm", "chủ trì", "phối hợp", "theo dõi", "đôn đốc", "xây dựng", "hoàn thiện",
  "hoàn chỉnh", "hoàn thành", "tiếp thu", "tham mưu", "chỉ đạo", "lãnh đạo", "triển khai",
  "thực hiện", "rà soát", "kiểm tra", "nghiên cứu", "chuẩn bị", "ban hành", "báo cáo",
  "trình", "đề xuất", "hướng dẫn", "quán triệt", "cụ thể hóa", "cụ thể hoá", "tăng cường",
  "đẩy mạnh", "nâng cao", "tập trung", "tiếp tục", "chủ động", "khẩn trương", "sớm", "phải",
  "cần", "quan tâm", "làm tốt", "giải quyết", "khắc phục", "bổ sung", "phấn đấu", "duy trì",
  "thẩm định", "tuyên truyền", "vận động", "củng cố", "kiện toàn", "phân công", "bố trí",
  "sắp xếp", "tổng hợp", "thường xuyên", "tổ chức", "xử lý", "đảm bảo", "bảo đảm", "dự thảo",
  "tích cực", "nghiêm túc", "quyết liệt",
  NULL
};

/* After a subject these say what happened or what was agreed: not a task. Checked before
 * the verbs, so that "trình bày" is not read as "trình". */
static const char * const stop_words[] = {
  "đã", "đang", "được", "bị", "là", "có", "nhất trí", "thống nhất", "thông nhất", "đánh giá",
  "ghi nhận", "biểu dương", "trình bày", "phát biểu", "tiếp nhận", "nhận", "không", "chưa",
  "còn", "vẫn", "cũng", "cơ bản", "chủ trì hội nghị", "chủ trì phát biểu", "chủ trì buổi",
  "chủ trì cuộc", "chủ trì hội", "kết luận", "cho ý kiến", "thảo luận", "nghe", "tổ chức hội nghị",
  "tổ chức hội", "họp", "đạt", "tăng", "giảm",
  NULL
};

/* How a body's name starts (compared casefolded, on word boundaries). */
static const char * const body_starts[] = {
  "ubnd", "ủy ban", "uỷ ban", "hđnd", "hội đồng nhân dân", "văn phòng", "ban", "thường trực",
  "đảng ủy", "đảng uỷ", "đảng đoàn", "huyện ủy", "huyện uỷ", "tỉnh ủy", "tỉnh uỷ", "thành ủy",
  "thị ủy", "quận ủy", "mặt trận", "mttq", "công an", "phòng", "sở", "trung tâm",
  "các cơ quan", "các ban", "các cấp ủy", "các cấp uỷ", "cấp ủy", "cấp uỷ", "các chi bộ",
  "chi bộ", "các đảng bộ", "các đoàn thể", "các tổ chức", "các ngành", "các đơn vị",
  "các phòng", "các xã", "các địa phương", "cơ quan", "ubkt", "thanh tra", "viện kiểm sát",
  "tòa án", "toà án", "chi cục", "kho bạc", "huyện đoàn", "đoàn thanh niên", "hội liên hiệp",
  "hội nông dân", "hội cựu chiến binh", "liên đoàn lao động", "bch", "btv", "chính quyền",
  "các đảng ủy", "các tổ chức cơ sở đảng",
  NULL
};

/* Leading clauses after which the subject may come: "Trên cơ sở …, UBND huyện …". */
static const char * const lead_ins[] = {
  "trên cơ sở", "căn cứ", "để", "trong", "thời gian tới", "từ nay", "đồng thời", "nhằm",
  NULL
};

#define MAX_ASSIGNEE_WORDS 14

/* Reads an assignee starting at word @i: words up to the first action verb (which must be
 * written in lower case, so that "Ban Chỉ đạo" stays a name). Returns the number of words
 * of the assignee, 0 when what follows is no body or no verb comes. */
/* Verbs that after a bare subject state a target ("Đảng bộ huyện hoàn thành tốt nhiệm vụ"),
 * not a task; after "giao …" they still end the body's name. */
static const char * const target_verbs[] = { "hoàn thành", "duy trì", NULL };

/* "tổ chức đảng", "tổ chức cơ sở đảng": a noun inside a list of bodies, not the verb. */
static gboolean
is_noun_to_chuc (GArray *words, guint j)
{
  static const char * const nouns[] = {
    "tổ chức đảng", "tổ chức cơ", "tổ chức chính", "tổ chức hội", NULL
  };
  return match_any (words, j, nouns) > 0;
}

/* Small words inside bodies' names ("Ủy ban nhân dân xã", "các cơ quan chuyên môn"). */
static const char * const name_words[] = {
  "nhân", "dân", "xã", "huyện", "tỉnh", "phường", "thị", "trấn", "thành", "phố", "ủy", "uỷ",
  "bộ", "đảng", "cấp", "các", "cơ", "quan", "đơn", "vị", "chuyên", "môn", "trực", "thuộc",
  "ban", "ngành", "đoàn", "thể", "chính", "quyền", "quân", "sự", "thường", "vụ", "kiểm", "tra",
  "văn", "phòng", "hội", "đồng", "mặt", "trận", "tổ", "quốc", "chi", "sở", NULL
};

/* The name alone, when no known verb follows "giao …": capitals and name words. */
static guint
read_name_only (GArray *words, guint i)
{
  guint j;

  for (j = i; j < words->len && j - i <= MAX_ASSIGNEE_WORDS; j++)
    {
      Word *w = WORD (words, j);
      if (!w->upper && !g_strv_contains (name_words, w->bare))
        break;
      if (w->punct)
        {
          const char *last = g_utf8_prev_char (w->start + w->len);
          /* "Giao Ủy ban nhân dân xã:" introduces the items below. */
          if (*last == ':')
            return j + 1 - i;
          if (*last != ',')
            return 0;   /* the sentence ends inside the name: no task to tell */
        }
    }
  /* A name followed by nothing or by punctuation assigns nothing readable. */
  return j < words->len && j > i ? j - i : 0;
}

static guint
read_assignee (GArray *words, guint i, gboolean need_body_start)
{
  guint j;

  if (i >= words->len)
    return 0;
  if (need_body_start && match_any (words, i, body_starts) == 0)
    return 0;
  if (!need_body_start)
    {
      /* After "giao"/"đề nghị": a capital, or a plural like "các cơ quan" ("giao ban
       * thường niên" is a meeting, not a body). */
      static const char * const plural[] = { "các", "cấp", NULL };
      static const char * const person[] = { "đồng chí", NULL };
      Word *w = WORD (words, i);
      /* "giao đồng chí Phó Bí thư …": a person may be given a task too. */
      gboolean is_person = match_any (words, i, person) > 0;
      if (!w->upper && !is_person &&
          (match_any (words, i, body_starts) == 0 || match_any (words, i, plural) == 0))
        return 0;
    }

  for (j = i + 1; j < words->len && j - i <= MAX_ASSIGNEE_WORDS; j++)
    {
      Word *w = WORD (words, j);
      Word *prev = WORD (words, j - 1);

      if (prev->punct && *prev->start != '\0')
        {
          const char *last = g_utf8_prev_char (prev->start + prev->len);
          /* A body's name never runs over ";" or ":" or "." (commas join lists of bodies). */
          if (*last != ',')
            break;
        }
      if (w->upper)
        continue;
      {
        static const char * const related[] = { "có liên quan", "liên quan", NULL };
        if (match_any (words, j, related) > 0)
          continue;
      }
      if (is_noun_to_chuc (words, j))
        continue;
      if (match_any (words, j, stop_words) > 0)
        return 0;
      if (need_body_start && match_any (words, j, target_verbs) > 0)
        return 0;
      {
        guint n = match_any (words, j, action_verbs);
        if (n > 0)
          {
            /* "tổ chức được 12 phiên họp": what was done, not what is to be done. */
            if (j + n < words->len && strcmp (WORD (words, j + n)->bare, "được") == 0)
              return 0;
            return j - i;
          }
      }
    }
  return need_body_start ? 0 : read_name_only (words, i);
}

/* Text of words [from, to) as written, without trailing punctuation. */
static char *
words_text (GArray *words, guint from, guint to)
{
  const char *s, *e;
  g_autofree char *text = NULL;

  if (from >= to)
    return g_strdup ("");
  s = WORD (words, from)->start;
  e = WORD (words, to - 1)->start + WORD (words, to - 1)->len;
  text = g_strndup (s, e - s);
  return text != NULL ? g_strdup (g_strstrip (text)) : NULL;
}

static char *
strip_end (const char *text)
{
  char *copy = g_strdup (text);
  gsize len;

  g_strstrip (copy);
  len = strlen (copy);
  while (len > 0 && strchr (".;:,/ ", copy[len - 1]) != NULL)
    copy[--len] = '\0';
  return copy;
}

static char *
strip_assignee (const char *text)
{
  char *copy = strip_end (text);
  return copy;
}

/* ---- Deadlines ----------------------------------------------------------------------------- */

static guint
roman_or_digit_quarter (const char *s)
{
  if (g_ascii_isdigit (*s))
    return (guint) atoi (s);
  if (g_ascii_strcasecmp (s, "I") == 0)   return 1;
  if (g_ascii_strcasecmp (s, "II") == 0)  return 2;
  if (g_ascii_strcasecmp (s, "III") == 0) return 3;
  if (g_ascii_strcasecmp (s, "IV") == 0)  return 4;
  return 0;
}

static void
set_month_end (GDate *date, guint month, guint year)
{
  g_date_clear (date, 1);
  if (month >= 1 && month <= 12 && year >= 1 && year <= 9999)
    g_date_set_dmy (date, g_date_get_days_in_month (month, year), month, year);
}

static GRegex *
deadline_regex (guint which)
{
  /* Compiled once; the patterns are case-insensitive and UTF-8. "(?<!\\p{L})" stands for a
   * word start, which \b does not give for Vietnamese letters. */
  static GRegex *regexes[5];
  static const char *patterns[5] = {
    /* 0: a day: trước ngày 15/01/2026, chậm nhất ngày 25 tháng 12 năm 2025, trước 30/6 */
    "(?<!\\p{L})(?:trước|chậm nhất(?: là| vào)?|hạn(?: chót)?(?: là)?|đến|trong|xong trước)"
    "\\s+(?:ngày\\s+)?(\\d{1,2})\\s*(?:/|-|\\s+tháng\\s+)\\s*(\\d{1,2})"
    "(?:\\s*(?:/|-|\\s+năm\\s+)\\s*(\\d{4}))?(?!\\d)",
    /* 1: a month with its year: (trước) tháng 6/2024, trong tháng 6 năm 2024 */
    "(?<!\\p{L})(?:(trước|trong|hết|cuối|đến hết|đến cuối)\\s+)?tháng\\s+(\\d{1,2})"
    "\\s*(?:/|\\s+năm\\s+)\\s*(\\d{4})",
    /* 2: a quarter: quý III/2024, trong quý 3 năm 2024 */
    "(?<!\\p{L})(?:(?:trước|trong|hết|cuối)\\s+)?quý\\s+(IV|I{1,3}|[1-4])"
    "\\s*(?:/|\\s+năm\\s+)\\s*(\\d{4})",
    /* 3: a year: trong năm 2026, trước năm 2026 */
    "(?<!\\p{L})(trong|trước|hết|cuối|đến hết|đến cuối|ngay trong)\\s+năm\\s+(\\d{4})",
    /* 4: a month without year: trong tháng 6, trước tháng 12 */
    "(?<!\\p{L})(trong|trước|hết|cuối)\\s+tháng\\s+(\\d{1,2})(?![\\d/])",
  };

  if (g_once_init_enter (&regexes[which]))
    {
      GRegex *re = g_regex_new (patterns[which], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (re != NULL);
      g_once_init_leave (&regexes[which], re);
    }
  return regexes[which];
}

static guint
group_uint (GMatchInfo *mi, int n)
{
  g_autofree char *s = g_match_info_fetch (mi, n);
  return s != NULL && *s != '\0' ? (guint) atoi (s) : 0;
}

static char *
group_folded (GMatchInfo *mi, int n)
{
  g_autofree char *s = g_match_info_fetch (mi, n);
  return s != NULL ? g_utf8_casefold (s, -1) : g_strdup ("");
}

/* The next (strictly after @reference) occurrence of day/month; FALSE without reference. */
static gboolean
next_day_month (const GDate *reference, guint day, guint month, GDate *out)
{
  guint year;

  if (reference == NULL || !g_date_valid (reference))
    return FALSE;
  year = g_date_get_year (reference);
  for (int k = 0; k < 5; k++, year++)
    {
      guint d = day;
      if (month < 1 || month > 12)
        return FALSE;
      /* 29/2 in a year without it moves on to the next leap year. */
      if (!g_date_valid_dmy (d, month, year))
        continue;
      g_date_set_dmy (out, d, month, year);
      if (g_date_compare (out, reference) > 0)
        return TRUE;
    }
  g_date_clear (out, 1);
  return FALSE;
}

gboolean
kl_tasks_parse_deadline (const char   *text,
                         const GDate  *reference,
                         GDate        *due_out,
                         char        **due_text_out)
{
  gint best_pos = -1;
  guint best_which = 0;
  GDate due;

  g_return_val_if_fail (text != NULL, FALSE);

  /* The earliest match of any pattern is the deadline; at one position the more precise
   * pattern (lower index) wins. */
  for (guint which = 0; which < 5; which++)
    {
      g_autoptr(GMatchInfo) mi = NULL;
      gint start, end;

      if (!g_regex_match (deadline_regex (which), text, 0, &mi))
        continue;
      g_match_info_fetch_pos (mi, 0, &start, &end);
      if (best_pos < 0 || start < best_pos)
        {
          best_pos = start;
          best_which = which;
        }
    }
  if (best_pos < 0)
    return FALSE;

  {
    g_autoptr(GMatchInfo) mi = NULL;
    g_autofree char *matched = NULL;

    g_regex_match (deadline_regex (best_which), text, 0, &mi);
    matched = g_match_info_fetch (mi, 0);
    g_date_clear (&due, 1);

    switch (best_which)
      {
      case 0:
        {
          guint d = group_uint (mi, 1), m = group_uint (mi, 2), y = group_uint (mi, 3);
          if (y > 0)
            {
              if (g_date_valid_dmy (d, m, y))
                g_date_set_dmy (&due, d, m, y);
            }
          else
            next_day_month (reference, d, m, &due);
          if (!g_date_valid_dmy (d, m, y > 0 ? y : 2000))
            return FALSE;   /* "trước 45/13" is no date at all */
          break;
        }
      case 1:
        {
          g_autofree char *how = group_folded (mi, 1);
          guint m = group_uint (mi, 2), y = group_uint (mi, 3);
          if (m < 1 || m > 12)
            return FALSE;
          if (strcmp (how, "trước") == 0)
            {
              if (m == 1)
                set_month_end (&due, 12, y - 1);
              else
                set_month_end (&due, m - 1, y);
            }
          else
            set_month_end (&due, m, y);
          break;
        }
      case 2:
        {
          g_autofree char *q = g_match_info_fetch (mi, 1);
          guint quarter = roman_or_digit_quarter (q);
          guint y = group_uint (mi, 2);
          if (quarter < 1 || quarter > 4)
            return FALSE;
          set_month_end (&due, quarter * 3, y);
          break;
        }
      case 3:
        {
          g_autofree char *how = group_folded (mi, 1);
          guint y = group_uint (mi, 2);
          set_month_end (&due, 12, strcmp (how, "trước") == 0 ? y - 1 : y);
          break;
        }
      case 4:
        {
          g_autofree char *how = group_folded (mi, 1);
          guint m = group_uint (mi, 2);
          GDate first;
          if (m < 1 || m > 12)
            return FALSE;
          g_date_clear (&first, 1);
          /* The month must not be over yet: its last day is after the reference. */
          if (reference != NULL && g_date_valid (reference))
            {
              guint y = g_date_get_year (reference);
              set_month_end (&first, m, y);
              if (g_date_compare (&first, reference) <= 0)
                set_month_end (&first, m, y + 1);
              if (strcmp (how, "trước") == 0)
                {
                  guint fy = g_date_get_year (&first);
                  if (m == 1)
                    set_month_end (&first, 12, fy - 1);
                  else
                    set_month_end (&first, m - 1, fy);
                }
              due = first;
            }
          break;
        }
      default:
        g_assert_not_reached ();
      }

    if (due_text_out != NULL)
      *due_text_out = g_strdup (g_strstrip (matched));
  }
  if (due_out != NULL)
    *due_out = due;
  return TRUE;
}

/* ---- Sentences ----------------------------------------------------------------------------- */

/* Splits plain text into sentences at ". ", "! ", "? " before a capital, a digit or "(". */
static GPtrArray *
split_sentences (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p = text;

  while (*p != '\0')
    {
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n'))
        {
          const char *q = p + 1;
          gunichar c;
          while (*q == ' ' || *q == '\n')
            q++;
          c = g_utf8_get_char (q);
          if (*q != '\0' && (g_unichar_isupper (c) || g_unichar_isdigit (c) || c == '(' ||
                             c == 0x201C || c == '"'))
            {
              g_ptr_array_add (out, g_strndup (start, p + 1 - start));
              start = q;
              p = q;
              continue;
            }
        }
      p = g_utf8_next_char (p);
    }
  if (*start != '\0')
    g_ptr_array_add (out, g_strdup (start));
  return out;
}

typedef struct {
  char  *text;
  char  *assignee;
} Found;

static void
found_free (gpointer data)
{
  Found *f = data;
  g_free (f->text);
  g_free (f->assignee);
  g_free (f);
}

static void
add_found (GPtrArray *found, const char *text, const char *assignee)
{
  Found *f = g_new0 (Found, 1);
  f->text = strip_end (text);
  f->assignee = strip_assignee (assignee);
  /* "các cơ quan, đơn vị" is a body too: capitalised as a heading would be. */
  if (*f->assignee != '\0')
    {
      gunichar c = g_utf8_get_char (f->assignee);
      if (g_unichar_islower (c))
        {
          char buf[8];
          int n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
          g_autofree char *rest = g_strdup (g_utf8_next_char (f->assignee));
          g_free (f->assignee);
          f->assignee = g_strdup_printf ("%.*s%s", n, buf, rest);
        }
    }
  g_ptr_array_add (found, f);
}

/* Tasks given with "giao", "đề nghị", "yêu cầu" inside @sentence. */
static void
find_triggered (const char *sentence, GArray *words, GPtrArray *found)
{
  static const char * const triggers[] = { "giao", "đề nghị", "yêu cầu", NULL };
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < words->len; i++)
    {
      guint n = match_any (words, i, triggers);
      guint a, n_assignee;

      if (n == 0 || WORD (words, i + n - 1)->punct)
        continue;
      /* "được giao", "bàn giao", "Nghị quyết … giao": given to, not giving. */
      if (i > 0 && (strcmp (WORD (words, i - 1)->bare, "được") == 0 ||
                    strcmp (WORD (words, i - 1)->bare, "bàn") == 0 ||
                    strcmp (WORD (words, i - 1)->bare, "theo") == 0 ||
                    strcmp (WORD (words, i - 1)->bare, "với") == 0))
        continue;
      a = i + n;
      if (a < words->len && strcmp (WORD (words, a)->bare, "cho") == 0)
        a++;
      n_assignee = read_assignee (words, a, FALSE);
      if (n_assignee == 0)
        continue;
      g_array_append_val (starts, i);
      {
        guint e = a + n_assignee;
        g_array_append_val (ends, e);
      }
      g_ptr_array_add (names, words_text (words, a, a + n_assignee));
      i = a + n_assignee - 1;
    }

  for (guint k = 0; k < starts->len; k++)
    {
      guint from = g_array_index (starts, guint, k);
      guint to = k + 1 < starts->len ? g_array_index (starts, guint, k + 1) : words->len;
      g_autofree char *text = NULL;

      /* The first task keeps the sentence's opening ("Ban Chấp hành … giao …"); the others
       * start at their own "giao". */
      if (k == 0)
        from = 0;
      if (k + 1 < starts->len)
        {
          /* Cut before "và"/"đồng thời" joining the next phrase. */
          while (to > from + 1 && (strcmp (WORD (words, to - 1)->bare, "và") == 0 ||
                                   strcmp (WORD (words, to - 1)->bare, "đồng") == 0 ||
                                   strcmp (WORD (words, to - 1)->bare, "thời") == 0))
            to--;
          text = words_text (words, from, to);
        }
      else
        text = g_strdup (WORD (words, from)->start);
      add_found (found, text, names->pdata[k]);
    }
  (void) sentence;
  g_array_unref (starts);
  g_array_unref (ends);
}

/* A task whose subject is a body: "Văn phòng Huyện ủy theo dõi …". */
static gboolean
find_subject (const char *sentence, GArray *words, GPtrArray *found)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok = FALSE;
  guint zero = 0;

  g_array_append_val (candidates, zero);
  /* After a leading clause ending with a comma. */
  if (match_any (words, 0, lead_ins) > 0)
    for (guint i = 0; i < words->len && i < 20; i++)
      {
        Word *w = WORD (words, i);
        if (w->punct && w->start[w->len - 1] == ',')
          {
            guint next = i + 1;
            g_array_append_val (candidates, next);
            break;
          }
      }
  /* After a short lead-in ending with ":" ("Trong lĩnh vực dịch vụ: UBND huyện …"). */
  for (guint i = 0; i < words->len && i < 14; i++)
    {
      Word *w = WORD (words, i);
      if (w->punct && w->start[w->len - 1] == ':')
        {
          guint next = i + 1;
          g_array_append_val (candidates, next);
          break;
        }
    }

  for (guint k = 0; k < candidates->len && !ok; k++)
    {
      guint start = g_array_index (candidates, guint, k);
      guint n = read_assignee (words, start, TRUE);

      if (n > 0)
        {
          g_autofree char *name = words_text (words, start, start + n);
          add_found (found, sentence, name);
          ok = TRUE;
        }
    }
  g_array_unref (candidates);
  return ok;
}

static void
sentence_tasks (const char *sentence, GPtrArray *found)
{
  g_autoptr(GArray) words = split_words (sentence);
  guint before = found->len;

  if (words->len < 3)
    return;
  find_triggered (sentence, words, found);
  if (found->len == before)
    find_subject (sentence, words, found);
}

static gboolean
ends_with_colon (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  return len > 0 && copy[len - 1] == ':';
}

static void
append_task (GListStore *store, const char *text, const char *assignee, guint line,
             const GDate *reference)
{
  g_autoptr(KlTask) task = kl_task_new (text, assignee);
  g_autofree char *due_text = NULL;
  GDate due;

  kl_task_set_line (task, line);
  kl_task_set_body_line (task, line);
  kl_task_set_position (task, g_list_model_get_n_items (G_LIST_MODEL (store)));
  if (kl_tasks_parse_deadline (text, reference, &due, &due_text))
    {
      kl_task_set_due_text (task, due_text);
      kl_task_set_due_gdate (task, &due);
    }
  g_list_store_append (store, task);
}

GListStore *
kl_tasks_extract_from_markup (const char *body, const GDate *reference)
{
  g_autoptr(KlMarkup) markup = NULL;
  GListStore *store = g_list_store_new (KL_TYPE_TASK);
  guint first = 0;
  g_autofree char *list_assignee = NULL;   /* set while items follow "… sau:" */

  g_return_val_if_fail (body != NULL, store);

  markup = kl_markup_parse (body);

  /* With headings, what comes before the first one tells of the meeting. */
  for (guint i = 0; i < markup->blocks->len; i++)
    {
      KlBlock *b = markup->blocks->pdata[i];
      if (b->type == KL_BLOCK_HEADING)
        {
          first = i;
          break;
        }
    }

  for (guint i = first; i < markup->blocks->len; i++)
    {
      KlBlock *b = markup->blocks->pdata[i];
      g_autofree char *plain = NULL;
      g_autoptr(GPtrArray) sentences = NULL;
      g_autoptr(GPtrArray) found = NULL;
      gboolean introduces = FALSE;

      if (b->type != KL_BLOCK_PARAGRAPH && b->type != KL_BLOCK_ITEM)
        {
          g_clear_pointer (&list_assignee, g_free);
          continue;
        }
      plain = kl_runs_to_plain (b->runs);
      if (plain == NULL || *plain == '\0')
        continue;

      if (b->type != KL_BLOCK_ITEM)
        g_clear_pointer (&list_assignee, g_free);

      sentences = split_sentences (plain);
      found = g_ptr_array_new_with_free_func (found_free);
      for (guint s = 0; s < sentences->len; s++)
        {
          guint before = found->len;
          sentence_tasks (sentences->pdata[s], found);
          /* The last sentence of the block assigns work listed in the items below. */
          if (s + 1 == sentences->len && found->len > before &&
              ends_with_colon (sentences->pdata[s]))
            introduces = TRUE;
        }

      if (b->type == KL_BLOCK_ITEM && list_assignee != NULL && found->len == 0)
        {
          g_autofree char *text = strip_end (plain);
          append_task (store, text, list_assignee, b->line, reference);
          continue;
        }

      for (guint f = 0; f < found->len; f++)
        {
          Found *task = found->pdata[f];
          if (introduces && f + 1 == found->len)
            break;
          append_task (store, task->text, task->assignee, b->line, reference);
        }
      if (introduces)
        {
          Found *last = found->pdata[found->len - 1];
          g_free (list_assignee);
          list_assignee = g_strdup (last->assignee);
          /* When no item follows, the sentence is a task after all. */
          if (i + 1 >= markup->blocks->len ||
              ((KlBlock *) markup->blocks->pdata[i + 1])->type != KL_BLOCK_ITEM)
            {
              append_task (store, last->text, last->assignee, b->line, reference);
              g_clear_pointer (&list_assignee, g_free);
            }
        }
    }
  return store;
}

GListStore *
kl_tasks_extract (KlDocument *document)
{
  GListStore *store;
  GDate date;
  gboolean has_date;
  g_autofree char *symbol = NULL;
  guint n;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  has_date = kl_document_get_gdate (document, &date);
  store = kl_tasks_extract_from_markup (kl_document_get_body (document) != NULL
                                          ? kl_document_get_body (document) : "",
                                        has_date ? &date : NULL);
  if (kl_document_get_number (document) > 0 || kl_document_get_symbol (document) != NULL)
    symbol = kl_document_dup_symbol (document);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (G_LIST_MODEL (store), i);
      guint file_line = kl_importer_get_file_line (document, kl_task_get_line (task));

      kl_task_set_document_id (task, kl_document_get_id (document));
      kl_task_set_document_symbol (task, symbol);
      /* A document imported from text tells where its body blocks were in the file. */
      if (file_line > 0)
        kl_task_set_line (task, file_line);
    }
  return store;
}

/* ---- Lines in the source file ---------------------------------------------------------------- */

/* A source line without the markup the importer drops, casefolded, blanks collapsed. */
static char *
clean_line (const char *line)
{
  GString *out = g_string_new (NULL);
  const char *p = line;
  gboolean space = FALSE;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          if (close != NULL && close - p < 12)
            {
              p = close + 1;
              continue;
            }
        }
      if (*p == '*' || *p == '\\' || *p == '_')
        {
          p++;
          continue;
        }
      if (*p == ' ' || *p == '\t')
        {
          space = TRUE;
          p++;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
      p++;
    }
  {
    g_autofree char *s = g_string_free (out, FALSE);
    return g_utf8_casefold (s, -1);
  }
}

void
kl_tasks_locate_in_source (GListModel *tasks, const char *source_text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  guint n_lines, from = 0;

  g_return_if_fail (G_IS_LIST_MODEL (tasks));
  if (source_text == NULL)
    return;

  lines = g_strsplit (source_text, "\n", -1);
  n_lines = g_strv_length (lines);
  clean = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_lines; i++)
    g_ptr_array_add (clean, clean_line (lines[i]));

  for (guint t = 0; t < g_list_model_get_n_items (tasks); t++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (tasks, t);
      g_autofree char *needle_full = clean_line (kl_task_get_text (task));
      /* Twelve words tell apart sentences that open alike; six still match when the
       * source cut the sentence across lines early. */
      static const guint lengths[] = { 12, 6 };
      gboolean found = FALSE;

      for (guint l = 0; l < G_N_ELEMENTS (lengths) && !found; l++)
        {
          g_autofree char *needle = NULL;
          const char *cut = needle_full;
          guint words = 0;

          while (*cut != '\0')
            {
              if (*cut == ' ' && ++words == lengths[l])
                break;
              cut++;
            }
          needle = g_strndup (needle_full, cut - needle_full);
          if (*needle == '\0')
            break;
          for (guint k = 0; k < n_lines; k++)
            {
              guint i = (from + k) % n_lines;
              if (strstr (clean->pdata[i], needle) != NULL)
                {
                  kl_task_set_line (task, i + 1);
                  from = i;
                  found = TRUE;
                  break;
                }
            }
        }
    }
}

/* ---- Grouping and the follow-up report --------------------------------------------------------- */

char *
kl_tasks_dup_assignee_key (const char *assignee)
{
  static const struct { const char *abbr, *full; } expand[] = {
    { "ubnd", "ủy ban nhân dân" },
    { "hđnd", "hội đồng nhân dân" },
    { "mttq", "mặt trận tổ quốc" },
    { "ubkt", "ủy ban kiểm tra" },
    { "btv", "ban thường vụ" },
    { "bch", "ban chấp hành" },
    { "vp", "văn phòng" },
    { "tt", "thường trực" },
  };
  g_autofree char *nfc = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (assignee != NULL, NULL);

  nfc = g_utf8_normalize (assignee, -1, G_NORMALIZE_NFC);
  folded = g_utf8_casefold (nfc != NULL ? nfc : assignee, -1);
  /* "uỷ" and "ủy" are two spellings of one word. */
  {
    g_autoptr(GString) s = g_string_new (folded);
    g_string_replace (s, "uỷ", "ủy", 0);
    g_string_replace (s, "oà", "òa", 0);
    g_free (folded);
    folded = g_string_free (g_steal_pointer (&s), FALSE);
  }
  parts = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *w = parts[i];
      if (*w == '\0')
        continue;
      for (gsize k = 0; k < G_N_ELEMENTS (expand); k++)
        if (strcmp (w, expand[k].abbr) == 0)
          {
            w = expand[k].full;
            break;
          }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, w);
    }
  return g_string_free (out, FALSE);
}

static char *
escape_inline (const char *text)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);
  g_ptr_array_add (runs, kl_run_new (text, 0));
  return kl_runs_write_inline (runs);
}

/* "giao Đảng ủy …" cut from the middle of a sentence starts an item with a capital. */
static char *
capitalize (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  char buf[8];
  int n;

  if (!g_unichar_islower (c))
    return g_strdup (text);
  n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
  return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (text));
}

static char *
format_dmy (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

KlDocument *
kl_tasks_build_report (GListModel *tasks, const GDate *today, KlOrganization *org)
{
  KlDocument *doc;
  GDate now;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *today_text = NULL;
  guint n_open = 0, n_overdue = 0;
  char iso[16];

  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);
  g_return_val_if_fail (org == NULL || KL_IS_ORGANIZATION (org), NULL);

  if (today == NULL || !g_date_valid (today))
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
    }
  else
    now = *today;
  today_text = format_dmy (&now);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (tasks, i);
      KlTaskStatus status = kl_task_get_status (task, &now);
      const char *assignee = kl_task_get_assignee (task);
      g_autofree char *key = NULL;
      guint g;

      if (status == KL_TASK_STATUS_DONE)
        continue;
      n_open++;
      if (status == KL_TASK_STATUS_OVERDUE)
        n_overdue++;
      if (assignee == NULL)
        assignee = "Chưa xác định";
      key = kl_tasks_dup_assignee_key (assignee);
      for (g = 0; g < keys->len; g++)
        if (strcmp (keys->pdata[g], key) == 0)
          break;
      if (g == keys->len)
        {
          g_ptr_array_add (keys, g_steal_pointer (&key));
          g_ptr_array_add (names, g_strdup (assignee));
          g_ptr_array_add (groups, g_ptr_array_new_with_free_func (g_object_unref));
        }
      g_ptr_array_add (groups->pdata[g], g_object_ref (task));
    }

  doc = kl_document_new ("BC");
  if (org != NULL)
    kl_document_apply_organization (doc, org);
  kl_document_set_title (doc, kl_document_kind_title ("BC"));
  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (&now),
              g_date_get_month (&now), g_date_get_day (&now));
  kl_document_set_date (doc, iso);
  {
    g_autofree char *summary = g_strdup_printf (
        "tình hình thực hiện các nhiệm vụ được giao\ntại các thông báo, kết luận "
        "(đến ngày %s)", today_text);
    kl_document_set_summary (doc, summary);
  }

  if (n_open == 0)
    {
      g_string_append_printf (body,
                              "Đến ngày %s, mọi nhiệm vụ được giao tại các thông báo, kết luận "
                              "đang theo dõi đều đã hoàn thành.\n", today_text);
    }
  else
    {
      g_string_append_printf (body,
                              "Đến ngày %s, còn %u nhiệm vụ được giao tại các thông báo, kết "
                              "luận chưa hoàn thành, trong đó %u nhiệm vụ đã quá thời hạn. "
                              "Các nhiệm vụ được liệt kê theo cơ quan, đơn vị được giao như "
                              "sau:\n", today_text, n_open, n_overdue);
      for (guint g = 0; g < groups->len; g++)
        {
          GPtrArray *list = groups->pdata[g];
          g_autofree char *heading = escape_inline (names->pdata[g]);

          g_string_append_printf (body, "\n### %u. %s\n", g + 1, heading);
          for (guint k = 0; k < list->len; k++)
            {
              KlTask *task = list->pdata[k];
              g_autofree char *capital = capitalize (kl_task_get_text (task));
              g_autofree char *text = escape_inline (capital);
              g_autofree char *due = NULL;
              const char *symbol = kl_task_get_document_symbol (task);
              GDate d;

              g_string_append_printf (body, "\n- %s (", text);
              if (symbol != NULL)
                {
                  g_autofree char *s = escape_inline (symbol);
                  g_string_append_printf (body, "văn bản số %s; ", s);
                }
              if (kl_task_get_due_gdate (task, &d))
                {
                  due = format_dmy (&d);
                  g_string_append_printf (body, "thời hạn %s", due);
                }
              else
                g_string_append (body, "không ghi thời hạn");
              if (kl_task_get_status (task, &now) == KL_TASK_STATUS_OVERDUE)
                g_string_append (body, "; **quá hạn**");
              g_string_append (body, ").\n");
            }
        }
    }
  kl_document_set_body (doc, body->str);

  /* The office reports to the Standing Office; the chief of the office signs by order. */
  {
    g_autoptr(KlSigner) signer = kl_signer_new ("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", NULL);
    const char *recipients[] = {
      "- Thường trực cấp ủy (báo cáo),",
      "- Các cơ quan, đơn vị được giao nhiệm vụ,",
      "- Lưu Văn phòng.",
      NULL,
    };
    kl_document_set_signer (doc, signer);
    kl_document_set_recipients (doc, recipients);
  }
  return doc;
}
