/* kl-templates.c: document templates with placeholders filled from the organization, the
 * meeting and its reports; the built-in notice, conclusion and report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-templates.h"
#include "kl-core-error.h"
#include "kl-markup.h"
#include "kl-sentences.h"
#include "kl-vn-date.h"

/* ---- KlTemplate ---------------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (KlTemplate, kl_template, kl_template_copy, kl_template_free)

KlTemplate *
kl_template_new (const char *name, const char *text)
{
  KlTemplate *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (KlTemplate, 1);
  self->name = g_strdup (name);
  self->text = g_strdup (text);
  self->kind = kl_template_dup_field (text, "kind");
  if (self->kind == NULL)
    self->kind = g_strdup ("TB");
  return self;
}

KlTemplate *
kl_template_copy (const KlTemplate *self)
{
  KlTemplate *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (KlTemplate, 1);
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->kind = g_strdup (self->kind);
  copy->text = g_strdup (self->text);
  return copy;
}

void
kl_template_free (KlTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->kind);
  g_free (self->text);
  g_free (self);
}

/* ---- Header ------------------------------------------------------------------------------- */

static const char * const header_fields[] = {
  "kind", "title", "summary", "authority", "position", "recipient", "annex", NULL,
};

/* Splits "field: value"; FALSE when the line has no such shape. */
static gboolean
split_field (const char *line, char **field_out, char **value_out)
{
  const char *colon = strchr (line, ':');
  const char *p;

  if (colon == NULL || colon == line)
    return FALSE;
  for (p = line; p < colon; p++)
    if (!g_ascii_islower (*p) && *p != '-')
      return FALSE;
  *field_out = g_strndup (line, colon - line);
  p = colon + 1;
  while (*p == ' ' || *p == '\t')
    p++;
  *value_out = g_strdup (p);
  g_strchomp (*value_out);
  return TRUE;
}

static gboolean
is_header_field (const char *field)
{
  return g_strv_contains (header_fields, field);
}

typedef struct {
  char  *field;
  char  *value;
  guint  line;
} HeaderLine;

static void
header_line_free (gpointer data)
{
  HeaderLine *h = data;
  g_free (h->field);
  g_free (h->value);
  g_free (h);
}

/* Reads the header; @body_out points into @text at the body, @body_line_out is its first
 * line. Returns the header lines (possibly none), or NULL with @error. */
static GPtrArray *
read_header (const char *text, const char **body_out, guint *body_line_out, GError **error)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (header_line_free);
  const char *p = text;
  guint line = 1;
  gboolean first = TRUE;

  *body_out = text;
  *body_line_out = 1;
  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      g_autofree char *l = eol != NULL ? g_strndup (p, eol - p) : g_strdup (p);
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;

      g_strchomp (l);   /* also a CR of CRLF */
      if (strcmp (l, "---") == 0 && !first)
        {
          *body_out = eol != NULL ? eol + 1 : p + strlen (p);
          *body_line_out = line + 1;
          return lines;
        }
      if (!split_field (l, &field, &value) || !is_header_field (field))
        {
          if (first)
            return lines;   /* no header: all of it is the body */
          kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, line,
                                     _("'%s' is not a header field (kind, title, summary, "
                                       "authority, position, recipient, annex) and the header "
                                       "is not closed by '---'"), l);
          g_ptr_array_unref (lines);
          return NULL;
        }
      {
        HeaderLine *h = g_new0 (HeaderLine, 1);
        h->field = g_steal_pointer (&field);
        h->value = g_steal_pointer (&value);
        h->line = line;
        g_ptr_array_add (lines, h);
      }
      first = FALSE;
      if (eol == NULL)
        break;
      p = eol + 1;
      line++;
    }
  if (!first)
    {
      kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, line,
                                 _("the header is not closed by a line '---'"));
      g_ptr_array_unref (lines);
      return NULL;
    }
  return lines;
}

char *
kl_template_dup_field (const char *text, const char *field)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) out = NULL;
  const char *body;
  guint body_line;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  lines = read_header (text, &body, &body_line, NULL);
  if (lines == NULL)
    return NULL;
  for (guint i = 0; i < lines->len; i++)
    {
      HeaderLine *h = lines->pdata[i];
      if (strcmp (h->field, field) != 0)
        continue;
      if (out == NULL)
        out = g_string_new (h->value);
      else
        g_string_append_printf (out, "\n%s", h->value);
    }
  return out != NULL ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* ---- Placeholders ------------------------------------------------------------------------- */

typedef enum { NODE_TEXT, NODE_VAR, NODE_SECTION } NodeType;

typedef struct {
  NodeType   type;
  char      *text;       /* literal text, or the placeholder's name */
  guint      line;
  GPtrArray *children;   /* sections */
} Node;

static void
node_free (gpointer data)
{
  Node *n = data;
  g_free (n->text);
  g_clear_pointer (&n->children, g_ptr_array_unref);
  g_free (n);
}

static Node *
node_new (NodeType type, const char *text, gsize len, guint line)
{
  Node *n = g_new0 (Node, 1);
  n->type = type;
  n->text = g_strndup (text, len);
  n->line = line;
  return n;
}

static guint
count_lines (const char *from, const char *to)
{
  guint n = 0;
  for (const char *p = from; p < to; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* Parses up to the end of @section (or of the text when NULL) into @out. */
static gboolean
parse_nodes (const char **pp, guint *line, const char *section, guint section_line,
             GPtrArray *out, GError **error)
{
  const char *p = *pp;

  for (;;)
    {
      const char *open = strstr (p, "{{");
      const char *close;
      g_autofree char *tag = NULL;
      guint tag_line;

      if (open == NULL)
        {
          if (*p != '\0')
            g_ptr_array_add (out, node_new (NODE_TEXT, p, strlen (p), *line));
          *line += count_lines (p, p + strlen (p));
          *pp = p + strlen (p);
          if (section != NULL)
            {
              kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, section_line,
                                         _("{{#%s}} is never closed by {{/%s}}"), section, section);
              return FALSE;
            }
          return TRUE;
        }
      if (open > p)
        g_ptr_array_add (out, node_new (NODE_TEXT, p, open - p, *line));
      *line += count_lines (p, open);
      tag_line = *line;
      close = strstr (open + 2, "}}");
      {
        const char *nl = strchr (open + 2, '\n');
        if (close == NULL || (nl != NULL && nl < close))
          {
            kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, tag_line,
                                       _("'{{' is not closed by '}}' on the same line"));
            return FALSE;
          }
      }
      tag = g_strstrip (g_strndup (open + 2, close - open - 2));
      p = close + 2;

      if (g_str_has_prefix (tag, "targets ") || g_str_has_prefix (tag, "chart "))
        {
          /* A markup embed, not a placeholder. */
          g_ptr_array_add (out, node_new (NODE_TEXT, open, p - open, tag_line));
        }
      else if (tag[0] == '#')
        {
          Node *n = node_new (NODE_SECTION, tag + 1, strlen (tag + 1), tag_line);
          g_strstrip (n->text);
          n->children = g_ptr_array_new_with_free_func (node_free);
          g_ptr_array_add (out, n);
          if (!parse_nodes (&p, line, n->text, tag_line, n->children, error))
            return FALSE;
        }
      else if (tag[0] == '/')
        {
          g_autofree char *name = g_strstrip (g_strdup (tag + 1));
          if (section == NULL || strcmp (name, section) != 0)
            {
              if (section == NULL)
                kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, tag_line,
                                           _("{{/%s}} closes a section that was never opened"), name);
              else
                kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, tag_line,
                                           _("{{/%s}} found where {{/%s}} (opened on line %u) was "
                                             "expected"), name, section, section_line);
              return FALSE;
            }
          *pp = p;
          return TRUE;
        }
      else if (*tag == '\0')
        {
          kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, tag_line,
                                     _("empty placeholder {{}}"));
          return FALSE;
        }
      else
        g_ptr_array_add (out, node_new (NODE_VAR, tag, strlen (tag), tag_line));
    }
}

typedef struct {
  KlOrganization *org;
  KlMeeting      *meeting;
  GPtrArray      *reports;   /* of KlReport* */
  gboolean        escape;    /* writing body markup */
} Context;

static const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

static char *
format_dmy_iso (const char *iso, gboolean long_form)
{
  unsigned y = 0, m = 0, d = 0;
  GDate date;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup ("");
  if (!long_form)
    return g_strdup_printf ("%02u/%02u/%04u", d, m, y);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return kl_vn_date_format_short (&date);
}

/* "HUYỆN ỦY CẨM THỦY" with place "Cẩm Thủy" → "HUYỆN ỦY"; "ĐẢNG ỦY XÃ TÂN PHONG" → "ĐẢNG ỦY". */
static char *
issuer_body (KlOrganization *org)
{
  static const char * const levels[] = {
    " THÀNH PHỐ", " THỊ XÃ", " THỊ TRẤN", " XÃ", " PHƯỜNG", " HUYỆN", " QUẬN", " TỈNH", NULL,
  };
  const char *name, *place;
  g_autofree char *upper_place = NULL;
  char *body;

  if (org == NULL || kl_organization_get_name (org) == NULL)
    return g_strdup ("");
  name = kl_organization_get_name (org);
  place = kl_organization_get_place (org);
  body = g_strdup (name);
  if (place != NULL && *place != '\0')
    {
      upper_place = g_utf8_strup (place, -1);
      if (g_str_has_suffix (body, upper_place) && strlen (body) > strlen (upper_place))
        {
          body[strlen (body) - strlen (upper_place)] = '\0';
          g_strchomp (body);
          for (guint i = 0; levels[i] != NULL; i++)
            if (g_str_has_suffix (body, levels[i]) && strlen (body) > strlen (levels[i]))
              {
                body[strlen (body) - strlen (levels[i])] = '\0';
                break;
              }
        }
    }
  return body;
}

static char *
sentence_case (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  gunichar c;
  char buf[8];
  int n;

  if (*lower == '\0')
    return g_strdup ("");
  c = g_utf8_get_char (lower);
  n = g_unichar_to_utf8 (g_unichar_toupper (c), buf);
  return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (lower));
}

/* "Báo cáo tình hình …" → "tình hình …"; a capital at the start becomes small unless the
 * word is an acronym ("UBND"). */
static char *
report_subject (const char *title)
{
  const char *t = title != NULL ? title : "";
  gunichar c, c2;
  char buf[8];
  int n;

  while (*t == ' ')
    t++;
  if (g_ascii_strncasecmp (t, "báo cáo ", strlen ("báo cáo ")) == 0 ||
      g_str_has_prefix (t, "Báo cáo ") || g_str_has_prefix (t, "BÁO CÁO "))
    t += strlen ("Báo cáo ");
  if (*t == '\0')
    return g_strdup ("");
  c = g_utf8_get_char (t);
  c2 = g_utf8_get_char (g_utf8_next_char (t));
  if (!g_unichar_isupper (c) || g_unichar_isupper (c2))
    return g_strdup (t);
  n = g_unichar_to_utf8 (g_unichar_tolower (c), buf);
  return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (t));
}

static char *
strip_trailing_newlines (char *s)
{
  if (s != NULL)
    g_strchomp (s);
  return s;
}

/* The value of a report's field; @markup_out says whether it is markup already. */
static gboolean
report_field (KlReport *report, guint index, const char *field, char **value_out,
              gboolean *markup_out)
{
  *markup_out = FALSE;
  if (strcmp (field, "title") == 0)
    *value_out = g_strdup (nonnull (kl_report_get_title (report)));
  else if (strcmp (field, "subject") == 0)
    *value_out = report_subject (kl_report_get_title (report));
  else if (strcmp (field, "presenter") == 0)
    *value_out = g_strdup (nonnull (kl_report_get_presenter (report)));
  else if (strcmp (field, "period") == 0)
    *value_out = g_strdup (nonnull (kl_report_get_period (report)));
  else if (strcmp (field, "index") == 0)
    *value_out = g_strdup_printf ("%u", index);
  else if (strcmp (field, "count") == 0)
    {
      *value_out = kl_sentences_count (report);
      *markup_out = FALSE;
    }
  else if (strcmp (field, "not_met") == 0)
    *value_out = kl_sentences_not_met (report);
  else if (strcmp (field, "next_targets") == 0)
    {
      *value_out = strip_trailing_newlines (kl_sentences_next_targets (report));
      *markup_out = TRUE;
    }
  else if (strcmp (field, "sentences") == 0)
    {
      *value_out = strip_trailing_newlines (kl_sentences_generate (report));
      *markup_out = TRUE;
    }
  else
    return FALSE;
  if (*value_out == NULL)
    *value_out = g_strdup ("");
  return TRUE;
}

static const char *
meeting_body_name (KlMeetingBody body)
{
  switch (body)
    {
    case KL_MEETING_BODY_BTV: return "Ban Thường vụ";
    case KL_MEETING_BODY_TT:  return "Thường trực";
    case KL_MEETING_BODY_BCH:
    default:                  return "Ban Chấp hành";
    }
}

/* Looks @name up. @current is the report of the enclosing {{#reports}} (NULL outside). */
static gboolean
lookup (Context *ctx, const char *name, KlReport *current, guint current_index, guint line,
        char **value_out, gboolean *markup_out, GError **error)
{
  KlOrganization *org = ctx->org;
  KlMeeting *meeting = ctx->meeting;

  *markup_out = FALSE;
  *value_out = NULL;

#define ORG(getter) g_strdup (org != NULL ? nonnull (getter (org)) : "")
#define MEETING(getter) g_strdup (meeting != NULL ? nonnull (getter (meeting)) : "")
  if (strcmp (name, "superior") == 0)           *value_out = ORG (kl_organization_get_superior);
  else if (strcmp (name, "issuer") == 0)        *value_out = ORG (kl_organization_get_name);
  else if (strcmp (name, "abbreviation") == 0)  *value_out = ORG (kl_organization_get_abbreviation);
  else if (strcmp (name, "place") == 0)         *value_out = ORG (kl_organization_get_place);
  else if (strcmp (name, "committee") == 0)     *value_out = ORG (kl_organization_get_committee);
  else if (strcmp (name, "term") == 0)          *value_out = ORG (kl_organization_get_term);
  else if (strcmp (name, "term.years") == 0)    *value_out = ORG (kl_organization_get_term_years);
  else if (strcmp (name, "issuer.body") == 0)   *value_out = issuer_body (org);
  else if (strcmp (name, "issuer.short") == 0)
    {
      g_autofree char *body = issuer_body (org);
      *value_out = sentence_case (body);
    }
  else if (strcmp (name, "meeting.title") == 0)
    *value_out = meeting != NULL
                   ? kl_meeting_dup_title (meeting, org != NULL ? kl_organization_get_committee (org) : NULL)
                   : g_strdup ("");
  else if (strcmp (name, "meeting.date") == 0)
    *value_out = format_dmy_iso (meeting != NULL ? kl_meeting_get_date (meeting) : NULL, FALSE);
  else if (strcmp (name, "meeting.date.long") == 0)
    *value_out = format_dmy_iso (meeting != NULL ? kl_meeting_get_date (meeting) : NULL, TRUE);
  else if (strcmp (name, "meeting.body") == 0)
    *value_out = g_strdup (meeting != NULL ? meeting_body_name (kl_meeting_get_body (meeting)) : "");
  else if (strcmp (name, "meeting.organ") == 0 || strcmp (name, "meeting.authority") == 0)
    {
      /* The Executive Committee is named after the Party organisation ("Ban Chấp hành Đảng
       * bộ xã") and signs as the committee ("T/M ĐẢNG ỦY"); the Standing Committee and the
       * Standing Office are named after the committee ("Ban Thường vụ Đảng ủy"). */
      KlMeetingBody body = meeting != NULL ? kl_meeting_get_body (meeting) : KL_MEETING_BODY_BCH;
      g_autofree char *issuer = issuer_body (org);
      g_autofree char *short_name = sentence_case (issuer);
      gboolean organ = strcmp (name, "meeting.organ") == 0;

      if (body == KL_MEETING_BODY_BCH)
        *value_out = organ ? g_strdup_printf ("Ban Chấp hành %s",
                                              org != NULL ? nonnull (kl_organization_get_committee (org)) : "")
                           : g_strdup (issuer);
      else if (organ)
        *value_out = g_strdup_printf ("%s %s", meeting_body_name (body), short_name);
      else
        *value_out = g_utf8_strup (meeting_body_name (body), -1);
      g_strchomp (*value_out);
    }
  else if (strcmp (name, "meeting.ordinal") == 0)
    {
      if (meeting == NULL)
        *value_out = g_strdup ("");
      else if (kl_meeting_get_ordinal_text (meeting) != NULL)
        *value_out = g_strdup (kl_meeting_get_ordinal_text (meeting));
      else if (kl_meeting_get_ordinal (meeting) > 0)
        *value_out = g_strdup_printf ("%u", kl_meeting_get_ordinal (meeting));
      else
        *value_out = g_strdup ("");
    }
  else if (strcmp (name, "meeting.chair") == 0) *value_out = MEETING (kl_meeting_get_chair);
  else if (strcmp (name, "meeting.place") == 0) *value_out = MEETING (kl_meeting_get_place);
  else if (strcmp (name, "meeting.term") == 0)  *value_out = MEETING (kl_meeting_get_term);
  else if (strcmp (name, "reports.count") == 0)
    *value_out = g_strdup_printf ("%u", ctx->reports->len);
  else if (strcmp (name, "reports.next") == 0)
    *value_out = g_strdup_printf ("%u", ctx->reports->len + 1);
  else if (strcmp (name, "reports.titles") == 0)
    {
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < ctx->reports->len; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? "; " : "",
                                nonnull (kl_report_get_title (ctx->reports->pdata[i])));
      *value_out = g_string_free (s, FALSE);
    }
  else if (strcmp (name, "reports.period") == 0)
    *value_out = g_strdup (ctx->reports->len > 0
                             ? nonnull (kl_report_get_period (ctx->reports->pdata[0])) : "");
  else if (g_str_has_prefix (name, "report."))
    {
      const char *rest = name + strlen ("report.");
      KlReport *report = current;
      guint index = current_index;

      if (g_ascii_isdigit (*rest))
        {
          char *end = NULL;
          guint64 n = g_ascii_strtoull (rest, &end, 10);
          if (end == NULL || *end != '.')
            goto unknown;
          if (n < 1 || n > ctx->reports->len)
            {
              kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, line,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "{{%s}}: there is only %u report",
                                                      "{{%s}}: there are only %u reports",
                                                      ctx->reports->len),
                                         name, ctx->reports->len);
              return FALSE;
            }
          report = ctx->reports->pdata[n - 1];
          index = (guint) n;
          rest = end + 1;
        }
      else if (report == NULL)
        {
          kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, line,
                                     _("{{%s}} is outside {{#reports}}…{{/reports}}: write "
                                       "{{report.1.%s}} for one report"), name, rest);
          return FALSE;
        }
      if (!report_field (report, index, rest, value_out, markup_out))
        goto unknown;
    }
  else
    goto unknown;
#undef ORG
#undef MEETING
  return TRUE;

unknown:
  kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, line,
                             _("unknown placeholder {{%s}}"), name);
  return FALSE;
}

static char *
escape_inline (const char *text)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_run_free);

  if (*text == '\0')
    return g_strdup ("");
  g_ptr_array_add (runs, kl_run_new (text, 0));
  return kl_runs_write_inline (runs);
}

static gboolean
render_nodes (Context *ctx, GPtrArray *nodes, KlReport *current, guint current_index,
              GString *out, GError **error)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *n = nodes->pdata[i];

      switch (n->type)
        {
        case NODE_TEXT:
          g_string_append (out, n->text);
          break;

        case NODE_VAR:
          {
            g_autofree char *value = NULL;
            gboolean markup = FALSE;

            if (!lookup (ctx, n->text, current, current_index, n->line, &value, &markup, error))
              return FALSE;
            if (ctx->escape && !markup)
              {
                g_autofree char *escaped = escape_inline (value);
                g_string_append (out, escaped);
              }
            else
              g_string_append (out, value);
            break;
          }

        case NODE_SECTION:
          if (strcmp (n->text, "reports") == 0)
            {
              for (guint r = 0; r < ctx->reports->len; r++)
                if (!render_nodes (ctx, n->children, ctx->reports->pdata[r], r + 1, out, error))
                  return FALSE;
            }
          else
            {
              g_autofree char *value = NULL;
              gboolean markup = FALSE;

              if (!lookup (ctx, n->text, current, current_index, n->line, &value, &markup, error))
                return FALSE;
              if (*value != '\0' &&
                  !render_nodes (ctx, n->children, current, current_index, out, error))
                return FALSE;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* Fills one piece of text that starts on line @first_line of the template. */
static char *
fill (Context *ctx, const char *text, guint first_line, gboolean escape, GError **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (node_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  guint line = first_line;

  if (!parse_nodes (&p, &line, NULL, 0, nodes, error))
    return NULL;
  ctx->escape = escape;
  if (!render_nodes (ctx, nodes, NULL, 0, out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Blank lines left by empty sections collapse to one; no blanks at either end. */
static char *
tidy_body (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean blank = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        {
          blank = TRUE;
          continue;
        }
      if (blank && out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%s\n", lines[i]);
      blank = FALSE;
    }
  return g_string_free (out, FALSE);
}

/* g_set_str() is newer than GLib 2.74. */
static void
set_str (char **slot, const char *value)
{
  char *copy = g_strdup (value);
  g_free (*slot);
  *slot = copy;
}

KlDocument *
kl_template_instantiate (const char      *template_text,
                         KlOrganization  *org,
                         KlMeeting       *meeting,
                         GListModel      *reports,
                         GError         **error)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) report_list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(GPtrArray) recipients = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) summary = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *position = NULL;
  g_autofree char *body = NULL;
  g_autofree char *tidy = NULL;
  gboolean annex = FALSE;
  const char *body_text;
  guint body_line;
  Context ctx = { 0 };

  g_return_val_if_fail (template_text != NULL, NULL);
  g_return_val_if_fail (org == NULL || KL_IS_ORGANIZATION (org), NULL);
  g_return_val_if_fail (meeting == NULL || KL_IS_MEETING (meeting), NULL);
  g_return_val_if_fail (reports == NULL || G_IS_LIST_MODEL (reports), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (reports == NULL && meeting != NULL)
    reports = G_LIST_MODEL (kl_meeting_get_reports (meeting));
  if (reports != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
      g_ptr_array_add (report_list, g_list_model_get_item (reports, i));

  ctx.org = org;
  ctx.meeting = meeting;
  ctx.reports = report_list;

  header = read_header (template_text, &body_text, &body_line, error);
  if (header == NULL)
    return NULL;

  for (guint i = 0; i < header->len; i++)
    {
      HeaderLine *h = header->pdata[i];
      g_autofree char *value = fill (&ctx, h->value, h->line, FALSE, error);

      if (value == NULL)
        return NULL;
      g_strstrip (value);
      if (strcmp (h->field, "kind") == 0)
        set_str (&kind, value);
      else if (strcmp (h->field, "title") == 0)
        set_str (&title, value);
      else if (strcmp (h->field, "summary") == 0)
        {
          if (summary == NULL)
            summary = g_string_new (value);
          else
            g_string_append_printf (summary, "\n%s", value);
        }
      else if (strcmp (h->field, "authority") == 0)
        set_str (&authority, value);
      else if (strcmp (h->field, "position") == 0)
        set_str (&position, value);
      else if (strcmp (h->field, "recipient") == 0)
        g_ptr_array_add (recipients, g_steal_pointer (&value));
      else if (strcmp (h->field, "annex") == 0)
        {
          if (strcmp (value, "yes") == 0)
            annex = TRUE;
          else if (strcmp (value, "no") == 0)
            annex = FALSE;
          else
            {
              kl_core_set_error_at_line (error, KL_CORE_ERROR, KL_CORE_ERROR_PARSE, h->line,
                                         _("annex must be 'yes' or 'no', not '%s'"), value);
              return NULL;
            }
        }
    }

  body = fill (&ctx, body_text, body_line, TRUE, error);
  if (body == NULL)
    return NULL;
  tidy = tidy_body (body);

  doc = kl_document_new (kind != NULL && *kind != '\0' ? kind : "TB");
  if (org != NULL)
    kl_document_apply_organization (doc, org);
  if (title == NULL || *title == '\0')
    set_str (&title, kl_document_kind_title (kl_document_get_kind (doc)));
  kl_document_set_title (doc, title);
  if (summary != NULL)
    kl_document_set_summary (doc, summary->str);
  kl_document_set_body (doc, tidy);
  if (meeting != NULL)
    kl_document_set_meeting (doc, meeting);
  if (authority != NULL)
    kl_signer_set_authority (kl_document_get_signer (doc), authority);
  if (position != NULL)
    kl_signer_set_position (kl_document_get_signer (doc), position);
  if (recipients->len > 0)
    {
      g_ptr_array_add (recipients, NULL);
      kl_document_set_recipients (doc, (const char * const *) recipients->pdata);
    }
  if (annex)
    for (guint i = 0; i < report_list->len; i++)
      {
        g_autoptr(KlReport) copy = kl_report_copy (report_list->pdata[i]);
        g_list_store_append (kl_document_get_reports (doc), copy);
      }
  return g_steal_pointer (&doc);
}

/* ---- Built-in templates ------------------------------------------------------------------- */

/* Written for Ketluan; the wording follows the usual shape of these documents, not any
 * particular one. */
static const char builtin_notice[] =
  "kind: TB\n"
  "title: THÔNG BÁO\n"
  "summary: kết luận {{meeting.title}}\n"
  "authority: T/M {{meeting.authority}}\n"
  "position: BÍ THƯ\n"
  "recipient: - Thường trực cấp ủy cấp trên (báo cáo),\n"
  "recipient: - Các đồng chí ủy viên Ban Chấp hành {{committee}},\n"
  "recipient: - Các chi bộ, đảng bộ trực thuộc,\n"
  "recipient: - Lưu Văn phòng {{issuer.short}}.\n"
  "---\n"
  "{{meeting.title}} đã họp{{#meeting.date}} ngày {{meeting.date}}{{/meeting.date}}"
  "{{#meeting.place}} tại {{meeting.place}}{{/meeting.place}} để xem xét, cho ý kiến về các "
  "nội dung: {{reports.titles}}.{{#meeting.chair}} Hội nghị do {{meeting.chair}} chủ "
  "trì.{{/meeting.chair}} Trên cơ sở các báo cáo và ý kiến phát biểu của các đại biểu dự họp, "
  "hội nghị thống nhất kết luận như sau:\n"
  "\n"
  "{{#reports}}\n"
  "### {{report.index}}. Về {{report.subject}}\n"
  "\n"
  "{{report.sentences}}\n"
  "\n"
  "Hội nghị cơ bản nhất trí với nội dung báo cáo.{{#report.presenter}} Giao "
  "{{report.presenter}} tiếp thu đầy đủ ý kiến đóng góp tại hội nghị, hoàn chỉnh báo cáo và "
  "tổ chức thực hiện.{{/report.presenter}}\n"
  "\n"
  "{{/reports}}\n"
  "### {{reports.next}}. Tổ chức thực hiện\n"
  "\n"
  "Các chi bộ, đảng bộ trực thuộc và các cơ quan, đơn vị liên quan căn cứ nội dung Thông báo "
  "này để quán triệt và tổ chức thực hiện. Giao Văn phòng {{issuer.short}} theo dõi, đôn đốc "
  "việc thực hiện và tổng hợp kết quả báo cáo Thường trực {{issuer.short}}.\n";

static const char builtin_conclusion[] =
  "kind: KL\n"
  "title: KẾT LUẬN\n"
  "summary: của {{meeting.organ}} về các nội dung trình tại\n"
  "summary: {{meeting.title}}\n"
  "authority: T/M {{meeting.authority}}\n"
  "position: BÍ THƯ\n"
  "recipient: - Thường trực cấp ủy cấp trên (báo cáo),\n"
  "recipient: - Các đồng chí ủy viên {{meeting.organ}},\n"
  "recipient: - Các cơ quan, đơn vị liên quan,\n"
  "recipient: - Lưu Văn phòng {{issuer.short}}.\n"
  "---\n"
  "Tại {{meeting.title}}{{#meeting.date}} ngày {{meeting.date}}{{/meeting.date}}, sau khi "
  "nghe trình bày các báo cáo và thảo luận, {{meeting.organ}} kết luận như "
  "sau:\n"
  "\n"
  "{{#reports}}\n"
  "### {{report.index}}. Về {{report.subject}}\n"
  "\n"
  "{{report.sentences}}\n"
  "\n"
  "{{meeting.organ}} đồng ý với những nội dung chủ yếu của báo cáo."
  "{{#report.presenter}} Giao {{report.presenter}} hoàn thiện báo cáo theo ý kiến kết luận, "
  "xây dựng kế hoạch triển khai và báo cáo kết quả thực hiện.{{/report.presenter}}\n"
  "\n"
  "{{/reports}}\n"
  "### {{reports.next}}. Tổ chức thực hiện\n"
  "\n"
  "Các cấp ủy, tổ chức đảng và các cơ quan, đơn vị liên quan căn cứ Kết luận này xây dựng kế "
  "hoạch thực hiện phù hợp với tình hình thực tế. Giao Văn phòng {{issuer.short}} theo dõi, "
  "đôn đốc, định kỳ báo cáo {{meeting.organ}} kết quả thực hiện.\n";

static const char builtin_report[] =
  "kind: BC\n"
  "title: BÁO CÁO\n"
  "summary: kết quả thực hiện các chỉ tiêu chủ yếu {{reports.period}}\n"
  "authority: T/M {{issuer.body}}\n"
  "position: BÍ THƯ\n"
  "recipient: - Thường trực cấp ủy cấp trên (báo cáo),\n"
  "recipient: - Các đồng chí ủy viên Ban Chấp hành {{committee}},\n"
  "recipient: - Lưu Văn phòng {{issuer.short}}.\n"
  "annex: yes\n"
  "---\n"
  "## I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n"
  "\n"
  "{{#reports}}\n"
  "### {{report.index}}. Về {{report.subject}}\n"
  "\n"
  "{{report.sentences}}\n"
  "\n"
  "Kết quả thực hiện từng chỉ tiêu được nêu tại Phụ lục {{report.index}} kèm theo Báo cáo "
  "này.\n"
  "\n"
  "{{/reports}}\n"
  "## II. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI\n"
  "\n"
  "Trên cơ sở kết quả đạt được và những chỉ tiêu chưa đạt, {{committee}} tập trung chỉ đạo "
  "khắc phục hạn chế, phấn đấu hoàn thành các chỉ tiêu của kỳ tiếp theo.\n";

GPtrArray *
kl_templates_builtin (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_template_free);

  g_ptr_array_add (list, kl_template_new ("Thông báo kết luận hội nghị", builtin_notice));
  g_ptr_array_add (list, kl_template_new ("Kết luận", builtin_conclusion));
  g_ptr_array_add (list, kl_template_new ("Báo cáo kèm biểu chỉ tiêu", builtin_report));
  return list;
}
