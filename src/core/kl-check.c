/* kl-check.c: the check before signing (see kl-check.h for the rules and how lines are found). */
#include <glib/gi18n-lib.h>

#include "kl-check.h"
#include "kl-markup.h"
#include "kl-number.h"
#include "kl-vn-date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------ */
/* KlCheckFinding                                                                             */
/* ------------------------------------------------------------------------------------------ */

struct _KlCheckFinding
{
  GObject          parent_instance;

  char            *rule;
  KlCheckSeverity  severity;
  guint            line;
  char            *field;
  char            *message;

  char            *fix_description;
  KlCheckFixFunc   fix_func;
  gpointer         fix_data;
  GDestroyNotify   fix_destroy;
};

G_DEFINE_FINAL_TYPE (KlCheckFinding, kl_check_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_LINE,
  PROP_FIELD,
  PROP_MESSAGE,
  PROP_FIX_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kl_check_finding_finalize (GObject *object)
{
  KlCheckFinding *self = KL_CHECK_FINDING (object);

  g_free (self->rule);
  g_free (self->field);
  g_free (self->message);
  g_free (self->fix_description);
  if (self->fix_destroy != NULL && self->fix_data != NULL)
    self->fix_destroy (self->fix_data);

  G_OBJECT_CLASS (kl_check_finding_parent_class)->finalize (object);
}

static void
kl_check_finding_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlCheckFinding *self = KL_CHECK_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE:            g_value_set_string (value, self->rule); break;
    case PROP_SEVERITY:        g_value_set_uint (value, self->severity); break;
    case PROP_LINE:            g_value_set_uint (value, self->line); break;
    case PROP_FIELD:           g_value_set_string (value, self->field); break;
    case PROP_MESSAGE:         g_value_set_string (value, self->message); break;
    case PROP_FIX_DESCRIPTION: g_value_set_string (value, self->fix_description); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_check_finding_class_init (KlCheckFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kl_check_finding_finalize;
  object_class->get_property = kl_check_finding_get_property;

  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, ro);
  properties[PROP_SEVERITY] = g_param_spec_uint ("severity", NULL, NULL, 0,
                                                 KL_CHECK_SEVERITY_ERROR, 0, ro);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_FIX_DESCRIPTION] = g_param_spec_string ("fix-description", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_check_finding_init (KlCheckFinding *self)
{
  (void) self;
}

KlCheckFinding *
kl_check_finding_new (const char      *rule,
                      KlCheckSeverity  severity,
                      guint            line,
                      const char      *field,
                      const char      *message)
{
  KlCheckFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (KL_TYPE_CHECK_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->line = line;
  self->field = g_strdup (field);
  self->message = g_strdup (message);
  return self;
}

void
kl_check_finding_set_fix (KlCheckFinding *self,
                          const char     *description,
                          KlCheckFixFunc  func,
                          gpointer        data,
                          GDestroyNotify  destroy)
{
  g_return_if_fail (KL_IS_CHECK_FINDING (self));
  g_return_if_fail (description != NULL && func != NULL);

  if (self->fix_destroy != NULL && self->fix_data != NULL)
    self->fix_destroy (self->fix_data);
  self->fix_func = func;
  self->fix_data = data;
  self->fix_destroy = destroy;
  if (g_strcmp0 (self->fix_description, description) != 0)
    {
      g_free (self->fix_description);
      self->fix_description = g_strdup (description);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIX_DESCRIPTION]);
    }
}

const char *
kl_check_finding_get_rule (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), NULL);
  return self->rule;
}

KlCheckSeverity
kl_check_finding_get_severity (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), KL_CHECK_SEVERITY_ERROR);
  return self->severity;
}

guint
kl_check_finding_get_line (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), 0);
  return self->line;
}

const char *
kl_check_finding_get_field (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), NULL);
  return self->field;
}

const char *
kl_check_finding_get_message (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), NULL);
  return self->message;
}

gboolean
kl_check_finding_has_fix (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), FALSE);
  return self->fix_func != NULL;
}

const char *
kl_check_finding_get_fix_description (KlCheckFinding *self)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), NULL);
  return self->fix_description;
}

gboolean
kl_check_finding_apply_fix (KlCheckFinding *self,
                            KlDocument     *document)
{
  g_return_val_if_fail (KL_IS_CHECK_FINDING (self), FALSE);
  g_return_val_if_fail (KL_IS_DOCUMENT (document), FALSE);

  if (self->fix_func == NULL)
    return FALSE;
  return self->fix_func (document, self->fix_data);
}

const char *
kl_check_severity_to_string (KlCheckSeverity severity)
{
  return severity == KL_CHECK_SEVERITY_ERROR ? "error" : "warning";
}

/* ------------------------------------------------------------------------------------------ */
/* Fixes                                                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef enum {
  FIX_NOTHING,          /* the model is already right; only the source text was wrong */
  FIX_SYMBOL,           /* str: the new symbol */
  FIX_DATE_TEXT,        /* str: the new date text */
  FIX_AUTHORITY,        /* str */
  FIX_POSITION,         /* str */
  FIX_NAME,             /* str */
  FIX_RECIPIENT_DASH,   /* index */
  FIX_RECIPIENT_END,    /* index, str: the final character wanted ("," or ".") */
  FIX_BODY_REPLACE,     /* index: the body line to search from; old → str */
  FIX_SETTLE,           /* report, index (target), column, number */
  FIX_TYPED_STATUS,     /* report, index (target), str */
} FixKind;

typedef struct {
  FixKind  kind;
  guint    report;
  guint    index;
  guint    column;   /* 0 plan, 1 actual, 2 next plan */
  double   number;
  char    *old;
  char    *str;
} Fix;

static void
fix_free (gpointer data)
{
  Fix *fix = data;

  g_free (fix->old);
  g_free (fix->str);
  g_free (fix);
}

static Fix *
fix_new (FixKind kind, const char *str)
{
  Fix *fix = g_new0 (Fix, 1);

  fix->kind = kind;
  fix->str = g_strdup (str);
  return fix;
}

static KlTarget *
fix_target (KlDocument *doc, Fix *fix)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));
  g_autoptr(KlReport) report = NULL;

  if (fix->report >= g_list_model_get_n_items (reports))
    return NULL;
  report = g_list_model_get_item (reports, fix->report);
  if (fix->index >= g_list_model_get_n_items (G_LIST_MODEL (kl_report_get_targets (report))))
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (kl_report_get_targets (report)), fix->index);
}

/* Byte offset of the start of 1-based @line in @text (the end when past it). */
static gsize
offset_of_line (const char *text, guint line)
{
  const char *p = text;

  for (guint l = 1; l < line && *p != '\0'; p++)
    if (*p == '\n')
      l++;
  return (gsize) (p - text);
}

static gboolean
apply_fix (KlDocument *doc, gpointer data)
{
  Fix *fix = data;

  switch (fix->kind)
    {
    case FIX_NOTHING:
      return TRUE;

    case FIX_SYMBOL:
      kl_document_set_symbol (doc, fix->str);
      return TRUE;

    case FIX_DATE_TEXT:
      kl_document_set_date_text (doc, fix->str);
      return TRUE;

    case FIX_AUTHORITY:
      kl_signer_set_authority (kl_document_get_signer (doc), fix->str);
      return TRUE;

    case FIX_POSITION:
      kl_signer_set_position (kl_document_get_signer (doc), fix->str);
      return TRUE;

    case FIX_NAME:
      kl_signer_set_name (kl_document_get_signer (doc), fix->str);
      return TRUE;

    case FIX_RECIPIENT_DASH:
    case FIX_RECIPIENT_END:
      {
        const char *const *lines = kl_document_get_recipients (doc);
        g_auto(GStrv) copy = NULL;
        char *line;

        if (lines == NULL || fix->index >= g_strv_length ((char **) lines))
          return FALSE;
        copy = g_strdupv ((char **) lines);
        line = g_strstrip (copy[fix->index]);
        if (fix->kind == FIX_RECIPIENT_DASH)
          {
            const char *rest = line;
            while (*rest == '-' || *rest == '+' || *rest == ' ' || *rest == '*')
              rest++;
            copy[fix->index] = g_strconcat ("- ", rest, NULL);
          }
        else
          {
            gsize len = strlen (line);
            while (len > 0 && strchr (",.;: ", line[len - 1]) != NULL)
              len--;
            line[len] = '\0';
            copy[fix->index] = g_strconcat (line, fix->str, NULL);
          }
        g_free (line);
        kl_document_set_recipients (doc, (const char *const *) copy);
        return TRUE;
      }

    case FIX_BODY_REPLACE:
      {
        const char *body = kl_document_get_body (doc);
        const char *found;
        GString *s;

        if (body == NULL)
          return FALSE;
        found = strstr (body + offset_of_line (body, fix->index), fix->old);
        if (found == NULL)
          found = strstr (body, fix->old);
        if (found == NULL)
          return FALSE;
        s = g_string_new_len (body, found - body);
        g_string_append (s, fix->str);
        g_string_append (s, found + strlen (fix->old));
        kl_document_set_body (doc, s->str);
        g_string_free (s, TRUE);
        return TRUE;
      }

    case FIX_SETTLE:
      {
        g_autoptr(KlTarget) target = fix_target (doc, fix);
        KlValue *value;

        if (target == NULL)
          return FALSE;
        value = fix->column == 0 ? kl_target_get_plan (target)
              : fix->column == 1 ? kl_target_get_actual (target)
              : kl_target_get_next_plan (target);
        if (!kl_value_get_ambiguous (value))
          return FALSE;
        kl_value_settle (value, fix->number);
        return TRUE;
      }

    case FIX_TYPED_STATUS:
      {
        g_autoptr(KlTarget) target = fix_target (doc, fix);

        if (target == NULL)
          return FALSE;
        kl_target_set_typed_status (target, fix->str);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* The source text, for lines                                                                 */
/* ------------------------------------------------------------------------------------------ */

/* Drops what the importer drops: bold/italic stars, <b>/<sup> tags, heading marks, escapes;
 * collapses blanks; NFC. */
static char *
clean_text (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  GString *s = g_string_new (NULL);
  const char *p;

  if (nfc == NULL)
    return g_string_free (s, FALSE);
  p = nfc;
  while (*p == '#' || *p == ' ')
    p++;
  for (; *p != '\0'; p++)
    {
      if (*p == '*' || *p == '\\')
        continue;
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          if (end != NULL && end - p < 8)
            {
              p = end;
              continue;
            }
        }
      if (*p == ' ' || *p == '\t' || *p == '\r')
        {
          if (s->len > 0 && s->str[s->len - 1] != ' ')
            g_string_append_c (s, ' ');
          continue;
        }
      g_string_append_c (s, *p);
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* Up to @max_chars characters of @text, cut back to a whole word when possible. */
static char *
text_prefix (const char *text, glong max_chars)
{
  g_autofree char *clean = clean_text (text);
  const char *end;
  char *out;

  if (g_utf8_strlen (clean, -1) <= max_chars)
    return g_steal_pointer (&clean);
  end = g_utf8_offset_to_pointer (clean, max_chars);
  out = g_strndup (clean, (gsize) (end - clean));
  {
    char *space = strrchr (out, ' ');
    if (space != NULL && space - out > 12)
      *space = '\0';
  }
  return out;
}

typedef struct {
  KlDocument *doc;
  GPtrArray  *lines;       /* cleaned source lines, or NULL without a source */
  guint       body_cursor; /* 0-based index from which body blocks are searched */
  guint       body_start;  /* 0-based index of the first line after the title */
  guint       header_end;  /* lines before the type name (or the first 30) hold the header */
  KlMarkup   *markup;
  GListStore *findings;
} Check;

/* The 1-based line at or after 0-based @from whose cleaned text contains @needle; 0 if none. */
static guint
find_line (Check *c, const char *needle, guint from)
{
  g_autofree char *clean = NULL;

  if (c->lines == NULL || needle == NULL)
    return 0;
  clean = clean_text (needle);
  if (*clean == '\0')
    return 0;
  for (guint i = from; i < c->lines->len; i++)
    if (strstr (c->lines->pdata[i], clean) != NULL)
      return i + 1;
  return 0;
}

static guint
find_line_prefix (Check *c, const char *text, guint from)
{
  g_autofree char *prefix = NULL;
  guint line;

  if (c->lines == NULL || text == NULL)
    return 0;
  prefix = text_prefix (text, 48);
  line = find_line (c, prefix, from);
  if (line == 0)
    {
      /* A hard line break inside the text (a recipient on two lines) splits the prefix. */
      g_free (prefix);
      prefix = text_prefix (text, 20);
      line = find_line (c, prefix, from);
    }
  return line;
}

/* The first line starting with @start (cleaned), at or after @from. */
static guint
find_line_starting (Check *c, const char *start, guint from)
{
  if (c->lines == NULL)
    return 0;
  for (guint i = from; i < c->lines->len; i++)
    if (g_str_has_prefix (c->lines->pdata[i], start))
      return i + 1;
  return 0;
}

static KlCheckFinding *
add (Check           *c,
     const char      *rule,
     KlCheckSeverity  severity,
     guint            line,
     const char      *field,
     const char      *format,
     ...) G_GNUC_PRINTF (6, 7);

static KlCheckFinding *
add (Check           *c,
     const char      *rule,
     KlCheckSeverity  severity,
     guint            line,
     const char      *field,
     const char      *format,
     ...)
{
  g_autofree char *message = NULL;
  g_autoptr(KlCheckFinding) f = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  f = kl_check_finding_new (rule, severity, line, field, message);
  g_list_store_append (c->findings, f);
  return f;   /* borrowed: the store holds it */
}

static void
set_fix (KlCheckFinding *f, Fix *fix, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
set_fix (KlCheckFinding *f, Fix *fix, const char *format, ...)
{
  g_autofree char *description = NULL;
  va_list args;

  va_start (args, format);
  description = g_strdup_vprintf (format, args);
  va_end (args);
  kl_check_finding_set_fix (f, description, apply_fix, fix, fix_free);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* TRUE when @s has letters and none of them is lower case. */
static gboolean
is_capitals (const char *s)
{
  gboolean letters = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_islower (ch))
        return FALSE;
      if (g_unichar_isalpha (ch))
        letters = TRUE;
    }
  return letters;
}

static gboolean
utf8_equal_nocase (const char *a, const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *na = g_utf8_normalize (fa, -1, G_NORMALIZE_NFC);
  g_autofree char *nb = g_utf8_normalize (fb, -1, G_NORMALIZE_NFC);

  return g_strcmp0 (na, nb) == 0;
}

/* "NGUYỄN VĂN AN" → "Nguyễn Văn An". */
static char *
name_case (const char *name)
{
  GString *s = g_string_new (NULL);
  gboolean start = TRUE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_isspace (ch))
        {
          start = TRUE;
          g_string_append_unichar (s, ch);
          continue;
        }
      g_string_append_unichar (s, start ? g_unichar_totitle (ch) : g_unichar_tolower (ch));
      start = FALSE;
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Header: issuer, number and symbol, place and date                                          */
/* ------------------------------------------------------------------------------------------ */

static void
check_issuer (Check *c)
{
  if (is_blank (kl_document_get_issuer (c->doc)))
    add (c, "header-issuer", KL_CHECK_SEVERITY_ERROR, 0, "issuer",
         _("no issuing body (e.g. 'HUYỆN ỦY …') above the number: the header is incomplete"));
  else if (is_blank (kl_document_get_superior (c->doc)))
    add (c, "header-issuer", KL_CHECK_SEVERITY_ERROR, find_line (c, kl_document_get_issuer (c->doc), 0),
         "superior", _("no superior body (e.g. 'ĐẢNG BỘ TỈNH …') above the issuer"));
}

static void
check_symbol (Check *c)
{
  const char *kind = kl_document_get_kind (c->doc);
  const char *symbol = kl_document_get_symbol (c->doc);
  const char *title = kl_document_get_title (c->doc);
  const char *abbrev = kl_document_get_issuer_abbreviation (c->doc);
  guint line = find_line_starting (c, "Số", 0);

  /* Only the header holds the number: a body paragraph may start with "Số lao động…". */
  if (line > c->header_end)
    line = 0;
  g_autofree char *sym = NULL;
  const char *dash, *slash;
  gboolean is_cv = g_strcmp0 (kind, "CV") == 0;

  /* The type name says which kind the document is; the symbol must say the same. */
  if (!is_cv && kind != NULL && !is_blank (title))
    {
      const char *expected = kl_document_kind_title (kind);
      if (expected != NULL && !utf8_equal_nocase (expected, title))
        add (c, "symbol-kind", KL_CHECK_SEVERITY_ERROR, find_line (c, title, 0), "title",
             /* TRANSLATORS: the type name as typed, the kind's abbreviation (TB, KL, BC), the
              * type name of that kind */
             _("the type name '%s' does not match the kind %s ('%s')"), title, kind, expected);
    }

  if (line > 0 && g_str_has_prefix (c->lines->pdata[line - 1], "Số:"))
    {
      KlCheckFinding *f = add (c, "symbol-colon", KL_CHECK_SEVERITY_ERROR, line, "symbol",
                               /* TRANSLATORS: %s is the number and symbol, e.g. 31-TB/ĐU */
                               _("'Số:' has a colon; the number is written 'Số %s'"),
                               symbol != NULL ? symbol : "…");
      set_fix (f, fix_new (FIX_NOTHING, NULL), _("write 'Số' without the colon"));
    }

  if (symbol == NULL || *symbol == '\0')
    {
      if (kl_document_get_number (c->doc) == 0)
        add (c, "symbol-missing", KL_CHECK_SEVERITY_WARNING, line, "symbol",
             /* TRANSLATORS: %s is the kind's abbreviation (TB, KL, BC…), maybe empty */
             _("no number yet: take the next %s number from the register before issuing"),
             kind != NULL ? kind : "");
      return;
    }

  /* A symbol typed with its label or colon ("Số: 12-TB/HU") prints "Số Số: …". */
  sym = g_strstrip (g_strdup (symbol));
  if (g_str_has_prefix (sym, "Số") || sym[0] == ':')
    {
      const char *p = sym;
      KlCheckFinding *f;
      if (g_str_has_prefix (p, "Số"))
        p += strlen ("Số");
      while (*p == ':' || *p == ' ')
        p++;
      f = add (c, "symbol-colon", KL_CHECK_SEVERITY_ERROR, line, "symbol",
               /* TRANSLATORS: %s is the number and symbol as typed */
               _("the symbol '%s' repeats 'Số' or its colon; 'Số' is printed before it"), symbol);
      /* TRANSLATORS: a fix of the check; %s is the corrected number and symbol */
      set_fix (f, fix_new (FIX_SYMBOL, p), _("change the symbol to '%s'"), p);
      return;
    }

  dash = strchr (sym, '-');
  slash = strrchr (sym, '/');
  {
    const char *p = sym;
    gboolean digits = FALSE;
    while (g_ascii_isdigit (*p))
      {
        p++;
        digits = TRUE;
      }
    if (!digits || dash != p || slash == NULL || slash < dash || slash[1] == '\0' ||
        (!is_cv && slash == dash + 1))
      {
        add (c, "symbol-form", KL_CHECK_SEVERITY_ERROR, line, "symbol",
             /* TRANSLATORS: the number and symbol as typed, then the kind's abbreviation (TB…)
              * or the translation of "TYPE" */
             _("the symbol '%s' is not NUMBER-%s/ISSUER (e.g. '406-TB/HU')"), symbol,
             /* TRANSLATORS: the type part of a symbol NUMBER-TYPE/ISSUER, when the kind is unknown */
             kind != NULL ? kind : _("TYPE"));
        return;
      }
  }

  {
    g_autofree char *type = g_strndup (dash + 1, (gsize) (slash - dash - 1));
    g_autofree char *number = g_strndup (sym, (gsize) (dash - sym));
    const char *issuer = slash + 1;

    if (kind != NULL && g_strcmp0 (type, kind) != 0)
      {
        g_autofree char *fixed = g_strdup_printf ("%s-%s/%s", number, kind, issuer);
        KlCheckFinding *f;
        const char *name = kl_document_kind_title (kind);
        f = add (c, "symbol-kind", KL_CHECK_SEVERITY_ERROR, line, "symbol",
                 /* TRANSLATORS: the number and symbol, its type part, the document's kind (TB…),
                  * that kind's type name (THÔNG BÁO…) */
                 _("the symbol '%s' says %s but the document is a %s (%s)"), symbol, type, kind,
                 name != NULL ? name : kind);
        set_fix (f, fix_new (FIX_SYMBOL, fixed), _("change the symbol to '%s'"), fixed);
      }
    else if (!is_blank (abbrev) && g_strcmp0 (issuer, abbrev) != 0)
      {
        g_autofree char *fixed = g_strdup_printf ("%s-%s/%s", number, type, abbrev);
        KlCheckFinding *f = add (c, "symbol-issuer", KL_CHECK_SEVERITY_ERROR, line, "symbol",
                                 /* TRANSLATORS: the number and symbol, its issuer part, the
                                  * issuer's abbreviation (HU, ĐU…) */
                                 _("the symbol '%s' names the issuer '%s' but the issuer's "
                                   "abbreviation is '%s'"), symbol, issuer, abbrev);
        set_fix (f, fix_new (FIX_SYMBOL, fixed), _("change the symbol to '%s'"), fixed);
      }
  }
}

typedef struct {
  gboolean has_day, has_month;
  guint    day, month;
  char     day_text[8], month_text[8];
} TypedDate;

/* Reads "ngày D tháng M năm Y" as typed (keeping the leading zeros), blanks allowed. */
static gboolean
read_typed_date (const char *text, TypedDate *out)
{
  const char *ngay = strstr (text, "ngày");
  const char *thang = strstr (text, "tháng");

  memset (out, 0, sizeof *out);
  if (ngay == NULL || thang == NULL || strstr (thang, "năm") == NULL)
    return FALSE;
  {
    const char *p = ngay + strlen ("ngày");
    gsize n = 0;
    while (*p == ' ')
      p++;
    while (g_ascii_isdigit (p[n]) && n < sizeof out->day_text - 1)
      n++;
    if (n > 0)
      {
        memcpy (out->day_text, p, n);
        out->has_day = TRUE;
        out->day = (guint) atoi (out->day_text);
      }
  }
  {
    const char *p = thang + strlen ("tháng");
    gsize n = 0;
    while (*p == ' ')
      p++;
    while (g_ascii_isdigit (p[n]) && n < sizeof out->month_text - 1)
      n++;
    if (n > 0)
      {
        memcpy (out->month_text, p, n);
        out->has_month = TRUE;
        out->month = (guint) atoi (out->month_text);
      }
  }
  return TRUE;
}

static gboolean
day_padded_right (const char *typed, guint day)
{
  return day >= 10 || (strlen (typed) == 2 && typed[0] == '0');
}

static gboolean
month_padded_right (const char *typed, guint month)
{
  if (month <= 2)
    return strlen (typed) == 2 && typed[0] == '0';
  return typed[0] != '0';
}

/* "ngày 5 tháng 1 năm 2024" → "ngày 05 tháng 01 năm 2024" (only the numbers change). */
static char *
pad_date_text (const char *text, const TypedDate *d)
{
  GString *s = g_string_new (text);
  char buf[8];

  if (d->has_month)
    {
      const char *at = strstr (s->str, "tháng");
      gsize pos = (gsize) (strstr (at, d->month_text) - s->str);
      g_snprintf (buf, sizeof buf, d->month <= 2 ? "%02u" : "%u", d->month);
      g_string_erase (s, (gssize) pos, (gssize) strlen (d->month_text));
      g_string_insert (s, (gssize) pos, buf);
    }
  if (d->has_day)
    {
      const char *at = strstr (s->str, "ngày");
      gsize pos = (gsize) (strstr (at, d->day_text) - s->str);
      g_snprintf (buf, sizeof buf, "%02u", d->day);
      g_string_erase (s, (gssize) pos, (gssize) strlen (d->day_text));
      g_string_insert (s, (gssize) pos, buf);
    }
  return g_string_free (s, FALSE);
}

static void
check_date (Check *c)
{
  const char *place = kl_document_get_place (c->doc);
  const char *date = kl_document_get_date (c->doc);
  const char *date_text = kl_document_get_date_text (c->doc);
  guint line = 0;

  /* The date line of the source: "<place>, ngày …". */
  if (c->lines != NULL)
    for (guint i = 0; i < c->lines->len && i < c->header_end && line == 0; i++)
      {
        const char *l = c->lines->pdata[i];
        if (strstr (l, "ngày") != NULL && strstr (l, "tháng") != NULL && strstr (l, "năm") != NULL &&
            !g_str_has_prefix (l, "("))
          line = i + 1;
      }

  if (is_blank (place))
    add (c, "date-place", KL_CHECK_SEVERITY_ERROR, line, "place",
         _("no place before the date: the date line starts with the locality's name "
           "('Cẩm Thủy, ngày …')"));

  if (date == NULL && is_blank (date_text))
    {
      add (c, "date-missing", KL_CHECK_SEVERITY_WARNING, line, "date",
           _("no date: the page shows a blank date line to fill in by hand"));
      return;
    }

  if (date != NULL)
    {
      GDate d;
      if (!kl_document_get_gdate (c->doc, &d))
        {
          add (c, "date-missing", KL_CHECK_SEVERITY_ERROR, line, "date",
               /* TRANSLATORS: %s is the date as stored (YYYY-MM-DD) */
               _("the date '%s' is not a valid date"), date);
          return;
        }
      /* The model prints a full date zero-padded; only the text as typed can be wrong. */
      if (line > 0)
        {
          TypedDate t;
          if (read_typed_date (c->lines->pdata[line - 1], &t) && t.has_day && t.has_month &&
              (!day_padded_right (t.day_text, t.day) || !month_padded_right (t.month_text, t.month)))
            {
              g_autofree char *right = kl_vn_date_format_short (&d);
              KlCheckFinding *f = add (c, "date-padding", KL_CHECK_SEVERITY_ERROR, line, "date",
                                       /* TRANSLATORS: the day and the month as typed, then the
                                        * date written right (ngày 05 tháng 12 năm 2025) */
                                       _("'ngày %s tháng %s' is written '%s': days 1–9 and months "
                                         "1–2 take a leading zero, other months none"),
                                       t.day_text, t.month_text, right);
              /* TRANSLATORS: a fix of the check; %s is the text written instead */
              set_fix (f, fix_new (FIX_NOTHING, NULL), _("write '%s'"), right);
            }
        }
      return;
    }

  /* Only a date as typed (incomplete): check what it has. */
  {
    TypedDate t;
    guint l = line > 0 ? line : 0;

    if (!read_typed_date (date_text, &t))
      {
        add (c, "date-missing", KL_CHECK_SEVERITY_WARNING, l, "date",
             /* TRANSLATORS: %s is the date line as typed; keep 'ngày DD tháng M năm YYYY' */
             _("the date '%s' is not written 'ngày DD tháng M năm YYYY'"), date_text);
        return;
      }
    if (!t.has_day)
      add (c, "date-day", KL_CHECK_SEVERITY_WARNING, l, "date",
           /* TRANSLATORS: %s is the date line as typed */
           _("the date '%s' has no day: it will be filled in by hand"), date_text);
    if ((t.has_day && !day_padded_right (t.day_text, t.day)) ||
        (t.has_month && !month_padded_right (t.month_text, t.month)))
      {
        g_autofree char *fixed = pad_date_text (date_text, &t);
        KlCheckFinding *f = add (c, "date-padding", KL_CHECK_SEVERITY_ERROR, l, "date",
                                 /* TRANSLATORS: the date line as typed, then written right */
                                 _("the date '%s' should be written '%s': days 1–9 and months 1–2 "
                                   "take a leading zero, other months none"), date_text, fixed);
        set_fix (f, fix_new (FIX_DATE_TEXT, fixed), _("write '%s'"), fixed);
      }
  }
}

static void
check_title (Check *c)
{
  const char *title = kl_document_get_title (c->doc);
  const char *summary = kl_document_get_summary (c->doc);
  gboolean is_cv = g_strcmp0 (kl_document_get_kind (c->doc), "CV") == 0;
  guint line = is_blank (title) ? 0 : find_line (c, title, 0);

  /* A công văn has no type name; its summary goes under the number instead. */
  if (is_blank (title) && !is_cv)
    add (c, "title-missing", KL_CHECK_SEVERITY_ERROR, 0, "title",
         _("no type name (THÔNG BÁO, KẾT LUẬN, BÁO CÁO…) above the summary"));
  else if (!is_blank (title) && !is_cv && c->lines != NULL && line == 0)
    /* A new document takes the type name of its kind: the file may still lack it. */
    add (c, "title-missing", KL_CHECK_SEVERITY_ERROR, 0, "title",
         /* TRANSLATORS: %s is the type name (THÔNG BÁO…) */
         _("the file has no type name line ('%s') above the summary"), title);
  if (is_blank (summary))
    add (c, "summary-missing", KL_CHECK_SEVERITY_ERROR, line, "summary",
         _("no summary (trích yếu) under the type name"));
  else
    {
      g_autofree char *first = g_strdup (summary);
      char *nl = strchr (first, '\n');
      guint sl;
      if (nl != NULL)
        *nl = '\0';
      sl = find_line_prefix (c, first, line > 0 ? line - 1 : 0);
      if (sl > 0)
        line = sl;
    }
  c->body_start = line;
  c->body_cursor = line;
}

/* ------------------------------------------------------------------------------------------ */
/* Body: headings, footnotes, figures in the text                                             */
/* ------------------------------------------------------------------------------------------ */

static guint
block_line (Check *c, const KlBlock *block)
{
  g_autofree char *plain = NULL;
  guint line;

  if (c->lines == NULL)
    return 0;
  if (block->type == KL_BLOCK_TABLE)
    return 0;
  if (block->type == KL_BLOCK_EMBED)
    /* Found as the writer spells it; "{{ chart … }}" typed with more spaces is not. */
    plain = block->embed_kind != NULL ? g_strdup_printf ("{{chart %s %u}}", block->embed_kind, block->embed_index)
                                      : g_strdup_printf ("{{targets %u}}", block->embed_index);
  else
    plain = kl_runs_to_plain (block->runs);
  if (block->type == KL_BLOCK_ITEM && block->marker != NULL && block->marker[0] == '(')
    {
      char *with = g_strconcat (block->marker, " ", plain, NULL);
      g_free (plain);
      plain = with;
    }
  line = find_line_prefix (c, plain, c->body_cursor);
  if (line > 0 && block->type != KL_BLOCK_FOOTNOTE)
    c->body_cursor = line - 1;
  else if (line == 0 && block->type == KL_BLOCK_FOOTNOTE)
    /* Footnote texts moved by the importer: search the whole body for them. */
    line = find_line_prefix (c, plain, c->body_start);
  return line;
}

static char *
body_field (const KlBlock *block)
{
  return g_strdup_printf ("body:%u", block->line);
}

/* A heading's number: "II." "II-" → 2 (Roman), "3." → 3, "1.2." → major 1, minor 2. */
typedef struct {
  guint major, minor;
  gboolean roman, has_minor;
  gsize len;      /* bytes of the number, without its final punctuation */
} HeadingNumber;

static gboolean
read_heading_number (const char *text, guint level, HeadingNumber *out)
{
  const char *p = text;

  memset (out, 0, sizeof *out);
  if (level == 2)
    {
      gsize n = 0;
      char buf[16];
      while (strchr ("IVXLC", p[n]) != NULL && p[n] != '\0' && n < sizeof buf - 1)
        n++;
      if (n == 0 || (p[n] != '.' && p[n] != '-' && p[n] != ')'))
        return FALSE;
      memcpy (buf, p, n);
      buf[n] = '\0';
      out->major = kl_roman_parse (buf);
      out->roman = TRUE;
      out->len = n;
      return out->major > 0;
    }
  if (level == 3 || level == 4)
    {
      char *end;
      unsigned long a = strtoul (p, &end, 10);
      if (end == p || *end != '.')
        return FALSE;
      out->major = (guint) a;
      if (g_ascii_isdigit (end[1]))
        {
          const char *q = end + 1;
          unsigned long b = strtoul (q, &end, 10);
          out->minor = (guint) b;
          out->has_minor = TRUE;
        }
      out->len = (gsize) (end - p);
      return TRUE;
    }
  return FALSE;
}

/* A part heading: "Phần thứ nhất", "PHẦN II" → its number; 0 when not a numbered part. */
static guint
read_part_number (const char *text)
{
  g_autofree char *fold = g_utf8_casefold (text, -1);
  const char *p;

  if (!g_str_has_prefix (fold, "phần "))
    return 0;
  p = fold + strlen ("phần ");
  if (g_str_has_prefix (p, "thứ "))
    return kl_vn_ordinal_from_words (p);
  {
    g_autofree char *up = g_utf8_strup (p, -1);
    guint n = kl_roman_parse (up);
    return n > 0 ? n : (guint) atoi (p);
  }
}

static void
heading_finding (Check *c, const KlBlock *block, const char *plain, guint line,
                 const HeadingNumber *hn, const char *expected)
{
  g_autofree char *field = body_field (block);
  g_autofree char *shown = text_prefix (plain, 40);
  g_autofree char *body_text = kl_runs_write_inline (block->runs);
  KlCheckFinding *f;

  f = add (c, "heading-sequence", KL_CHECK_SEVERITY_ERROR, line, field,
           /* TRANSLATORS: the start of the heading's text, then the number it should have (II,
            * 3, 1.2, Phần thứ hai) */
           _("heading '%s…' is numbered out of sequence: expected %s"), shown, expected);
  /* Renumber this heading only: the plain number is the start of its text. */
  if (hn != NULL && strlen (plain) >= hn->len)
    {
      g_autofree char *old_num = g_strndup (plain, hn->len);
      const char *in_markup = strstr (body_text, old_num);
      if (in_markup != NULL)
        {
          Fix *fix = fix_new (FIX_BODY_REPLACE, expected);
          fix->old = g_strdup (old_num);
          fix->index = block->line;
          /* TRANSLATORS: a fix of the check: the heading's number, the number it gets */
          set_fix (f, fix, _("renumber the heading %s as %s"), old_num, expected);
        }
    }
}

static void
check_headings (Check *c, GArray *lines)
{
  guint part = 0, section = 0, clause = 0, sub = 0;

  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];
      g_autofree char *plain = NULL;
      HeadingNumber hn;
      guint line = g_array_index (lines, guint, i);

      if (block->type != KL_BLOCK_HEADING)
        continue;
      plain = kl_runs_to_plain (block->runs);
      g_strstrip (plain);

      if (block->level == 1)
        {
          guint n = read_part_number (plain);
          if (n == 0)
            continue;
          if (n != part + 1)
            {
              g_autofree char *words = kl_vn_ordinal_to_words (part + 1);
              g_autofree char *expected = g_strdup_printf ("Phần thứ %s", words);
              heading_finding (c, block, plain, line, NULL, expected);
            }
          part = n > part ? n : part + 1;
          section = clause = sub = 0;
        }
      else if (block->level == 2 && read_heading_number (plain, 2, &hn))
        {
          if (hn.major != section + 1)
            {
              g_autofree char *expected = kl_roman_format (section + 1);
              heading_finding (c, block, plain, line, &hn, expected);
            }
          /* A gap moves the count on; a repeat or a step back keeps the expected number. */
          section = hn.major > section ? hn.major : section + 1;
          clause = sub = 0;
        }
      else if ((block->level == 3 || block->level == 4) && read_heading_number (plain, 3, &hn))
        {
          if (!hn.has_minor)
            {
              if (hn.major != clause + 1)
                {
                  g_autofree char *expected = g_strdup_printf ("%u", clause + 1);
                  heading_finding (c, block, plain, line, &hn, expected);
                }
              clause = hn.major > clause ? hn.major : clause + 1;
              sub = 0;
            }
          else
            {
              if (hn.major != clause || hn.minor != sub + 1)
                {
                  g_autofree char *expected = g_strdup_printf ("%u.%u", MAX (clause, 1), sub + 1);
                  heading_finding (c, block, plain, line, &hn, expected);
                }
              sub = hn.major == clause && hn.minor > sub ? hn.minor : sub + 1;
            }
        }
    }
}

/* Numbered items "(1)", "(2)"… run in sequence; "(1)" starts a new list. */
static void
check_items (Check *c, GArray *lines)
{
  guint previous = 0;

  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];
      guint n;

      if (block->type != KL_BLOCK_ITEM || block->marker == NULL || block->marker[0] != '(' ||
          !g_ascii_isdigit (block->marker[1]))
        continue;
      n = (guint) atoi (block->marker + 1);
      if (n != 1 && n != previous + 1)
        {
          g_autofree char *field = body_field (block);
          g_autofree char *expected = g_strdup_printf ("(%u)", previous + 1);
          KlCheckFinding *f = add (c, "item-sequence", KL_CHECK_SEVERITY_ERROR,
                                   g_array_index (lines, guint, i), field,
                                   /* TRANSLATORS: the item's marker, e.g. (3), the number of the
                                    * item before it, the marker expected, e.g. (2) */
                                   _("item %s follows item (%u): expected %s"), block->marker,
                                   previous, expected);
          Fix *fix = fix_new (FIX_BODY_REPLACE, expected);
          fix->old = g_strdup (block->marker);
          fix->index = block->line;
          /* TRANSLATORS: a fix of the check: the item's marker, e.g. (3), the marker it gets */
          set_fix (f, fix, _("renumber the item %s as %s"), block->marker, expected);
          n = previous + 1;
        }
      previous = n;
    }
}

static void
check_footnotes (Check *c, GArray *lines)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();          /* labels, first use order */
  g_autoptr(GArray) ref_index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) defined = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];

      if (block->type == KL_BLOCK_FOOTNOTE && block->label != NULL)
        {
          if (g_hash_table_contains (defined, block->label))
            {
              g_autofree char *field = body_field (block);
              add (c, "footnote-unused", KL_CHECK_SEVERITY_ERROR,
                   g_array_index (lines, guint, i), field,
                   /* TRANSLATORS: %s is the footnote's label (1, 2…) */
                   _("footnote [%s] has a second text"), block->label);
            }
          g_hash_table_add (defined, block->label);
        }
      if (block->runs == NULL)
        continue;
      for (guint r = 0; r < block->runs->len; r++)
        {
          const KlRun *run = block->runs->pdata[r];
          if ((run->flags & KL_RUN_FOOTNOTE_REF) && !g_hash_table_contains (seen, run->text))
            {
              g_hash_table_add (seen, run->text);
              g_ptr_array_add (refs, run->text);
              g_array_append_val (ref_index, i);
            }
        }
    }

  for (guint k = 0; k < refs->len; k++)
    {
      const char *label = refs->pdata[k];
      guint bi = g_array_index (ref_index, guint, k);
      const KlBlock *block = c->markup->blocks->pdata[bi];
      g_autofree char *field = body_field (block);
      guint line = g_array_index (lines, guint, bi);
      g_autofree char *expected = g_strdup_printf ("%u", k + 1);

      /* The reference may sit on a later line of a joined paragraph. */
      if (c->lines != NULL && line > 0)
        {
          g_autofree char *marker = g_strdup_printf ("(%s)", label);
          guint l2 = find_line (c, marker, line - 1);
          if (l2 > 0 && l2 < line + 12)
            line = l2;
        }
      if (!g_hash_table_contains (defined, label))
        add (c, "footnote-undefined", KL_CHECK_SEVERITY_ERROR, line, field,
             /* TRANSLATORS: %s is the footnote's label (1, 2…) */
             _("footnote (%s) is referred to but has no text"), label);
      if (!g_str_equal (label, expected))
        add (c, "footnote-sequence", KL_CHECK_SEVERITY_ERROR, line, field,
             /* TRANSLATORS: the footnote's label, then its place among the footnotes referred to */
             _("footnote (%s) is the footnote number %u of the document: footnotes are numbered "
               "continuously"), label, k + 1);
    }

  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];
      if (block->type == KL_BLOCK_FOOTNOTE && block->label != NULL &&
          !g_hash_table_contains (seen, block->label))
        {
          g_autofree char *field = body_field (block);
          add (c, "footnote-unused", KL_CHECK_SEVERITY_ERROR, g_array_index (lines, guint, i),
               /* TRANSLATORS: %s is the footnote's label (1, 2…) */
               field, _("footnote (%s) has a text but nothing refers to it"), block->label);
        }
    }
}

/* Reads a number written the Vietnamese way or with a decimal dot: "94,8" "94.8" "100". */
static double
read_percent (const char *s)
{
  g_autofree char *copy = g_strdup (s);
  g_strdelimit (copy, ",", '.');
  return g_ascii_strtod (copy, NULL);
}

/* The sentence-like segment of @text around byte @pos: from the previous ". " ";" ":" or
 * "(" up to @pos. */
static const char *
segment_start (const char *text, const char *pos)
{
  const char *p = pos;

  while (p > text)
    {
      char ch = p[-1];
      if (ch == ';' || ch == '(' || ch == '\n' || ((ch == '.' || ch == ':') && p[0] == ' '))
        break;
      p--;
    }
  return p;
}

static KlReport *
only_report (KlDocument *doc)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));

  if (g_list_model_get_n_items (reports) != 1)
    return NULL;
  return g_list_model_get_item (reports, 0);
}

static void
check_ratios (Check *c, const KlBlock *block, const char *plain, guint line)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (c->doc));
  g_autoptr(GRegex) re = g_regex_new ("(?:đạt|bằng)\\s+([0-9]+(?:[.,][0-9]+)?)\\s*%\\s*(?:kế hoạch|KH|dự toán)",
                                      G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) mi = NULL;

  if (g_list_model_get_n_items (reports) == 0)
    return;
  g_regex_match (re, plain, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      int start, end, nstart, nend;
      const char *seg;
      g_autofree char *segment = NULL;
      g_autofree char *num = g_match_info_fetch (mi, 1);
      g_autofree char *whole = g_match_info_fetch (mi, 0);
      KlTarget *best = NULL;
      const char *best_at = NULL;
      double said = read_percent (num);

      g_match_info_fetch_pos (mi, 0, &start, &end);
      g_match_info_fetch_pos (mi, 1, &nstart, &nend);
      seg = segment_start (plain, plain + start);
      segment = g_utf8_casefold (seg, (gssize) (plain + start - seg));

      /* The target named last before "đạt X%" in the same segment. */
      for (guint r = 0; r < g_list_model_get_n_items (reports); r++)
        {
          g_autoptr(KlReport) report = g_list_model_get_item (reports, r);
          GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));
          for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
            {
              g_autoptr(KlTarget) target = g_list_model_get_item (targets, t);
              g_autofree char *name = NULL;
              const char *at;
              if (kl_target_is_group (target) || kl_target_get_name (target) == NULL)
                continue;
              name = g_utf8_casefold (kl_target_get_name (target), -1);
              g_strstrip (name);
              if (g_utf8_strlen (name, -1) < 8)
                continue;
              at = g_strrstr (segment, name);
              if (at == NULL && g_str_has_prefix (name, "tổng "))
                at = g_strrstr (segment, name + strlen ("tổng "));
              if (at != NULL && (best_at == NULL || at > best_at))
                {
                  best = target;
                  best_at = at;
                }
            }
          if (best != NULL)
            {
              double ratio = kl_target_get_ratio (best);
              double plan = kl_value_get_number (kl_target_get_plan (best));
              double actual = kl_value_get_number (kl_target_get_actual (best));
              double plain_ratio = plan != 0 ? actual / plan : NAN;

              /* Lower-is-better targets are often quoted as actual/plan: accept either. */
              if (!isnan (ratio) && fabs (said - 100 * ratio) > 0.5 + 1e-6 &&
                  (isnan (plain_ratio) || fabs (said - 100 * plain_ratio) > 0.5 + 1e-6))
                {
                  g_autofree char *field = body_field (block);
                  g_autofree char *table = kl_number_format_percent (ratio);
                  g_autofree char *name = g_strdup (kl_target_get_name (best));
                  GString *fixed = g_string_new (whole);
                  guint l = line;
                  KlCheckFinding *f;
                  Fix *fix;

                  if (c->lines != NULL && line > 0)
                    {
                      guint l2 = find_line (c, whole, line - 1);
                      if (l2 > 0)
                        l = l2;
                    }
                  g_string_replace (fixed, num, table, 1);
                  f = add (c, "ratio-text", KL_CHECK_SEVERITY_ERROR, l, field,
                           /* TRANSLATORS: the words of the text (đạt 95% kế hoạch), the target's
                            * name, the table's percentage */
                           _("the text says '%s' for '%s' but the table gives %s%%"),
                           whole, name, table);
                  fix = fix_new (FIX_BODY_REPLACE, fixed->str);
                  fix->old = g_strdup (whole);
                  fix->index = block->line;
                  set_fix (f, fix, _("write '%s'"), fixed->str);
                  g_string_free (fixed, TRUE);
                }
              break;
            }
        }
    }
}

static void
check_counts (Check *c, const KlBlock *block, const char *plain, guint line)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (c->doc));
  g_autoptr(GRegex) re = g_regex_new ("([0-9]+)\\s*/\\s*([0-9]+)\\s+chỉ tiêu\\s+(chính|thành phần)",
                                      G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) mi = NULL;
  g_autoptr(KlReport) only = only_report (c->doc);

  if (g_list_model_get_n_items (reports) == 0)
    return;
  g_regex_match (re, plain, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      int start, end;
      g_autofree char *whole = g_match_info_fetch (mi, 0);
      g_autofree char *n_text = g_match_info_fetch (mi, 1);
      g_autofree char *m_text = g_match_info_fetch (mi, 2);
      g_autofree char *which = g_match_info_fetch (mi, 3);
      g_autofree char *which_fold = g_utf8_casefold (which, -1);
      KlTargetKind kind = g_str_equal (which_fold, "chính") ? KL_TARGET_KIND_MAIN
                                                              : KL_TARGET_KIND_COMPONENT;
      guint n = (guint) atoi (n_text), m = (guint) atoi (m_text);
      gboolean supported = FALSE, any = FALSE;
      const char *rest, *dat;

      g_match_info_fetch_pos (mi, 0, &start, &end);
      /* Only claims of targets met: "… đạt và vượt", not "… không đạt". */
      rest = plain + end;
      dat = strstr (rest, "đạt");
      if (dat == NULL || (dat - rest >= 6 && (strncmp (dat - 6, "không ", 6) == 0)) ||
          (dat - rest >= 5 && strncmp (dat - 5, "chưa ", 5) == 0))
        continue;
      {
        const char *stop = strpbrk (rest, ".;");
        if (stop != NULL && stop < dat)
          continue;
      }

      for (guint r = 0; r < g_list_model_get_n_items (reports); r++)
        {
          g_autoptr(KlReport) report = g_list_model_get_item (reports, r);
          guint met, total;
          kl_report_count (report, kind, &met, &total);
          if (total > 0)
            any = TRUE;
          if (met == n && total == m)
            supported = TRUE;
        }
      if (!any || supported)
        continue;

      {
        g_autofree char *field = body_field (block);
        guint l = line;
        KlCheckFinding *f;

        if (c->lines != NULL && line > 0)
          {
            guint l2 = find_line (c, whole, line - 1);
            if (l2 > 0)
              l = l2;
          }
        if (only != NULL)
          {
            guint met, total;
            g_autofree char *fixed = NULL;
            Fix *fix;
            kl_report_count (only, kind, &met, &total);
            fixed = g_strdup_printf ("%u/%u chỉ tiêu %s", met, total, which);
            f = add (c, "count-text", KL_CHECK_SEVERITY_ERROR, l, field,
                     /* TRANSLATORS: the words of the text (2/3 chỉ tiêu chính), then the count
                      * of targets met and of targets in the table */
                     _("the text says '%s' met but the table gives %u/%u"), whole, met, total);
            fix = fix_new (FIX_BODY_REPLACE, fixed);
            fix->old = g_strdup (whole);
            fix->index = block->line;
            set_fix (f, fix, _("write '%s'"), fixed);
          }
        else
          add (c, "count-text", KL_CHECK_SEVERITY_ERROR, l, field,
               /* TRANSLATORS: %s is the words of the text (2/3 chỉ tiêu chính) */
               _("the text says '%s' met but no target table gives that count"), whole);
      }
    }
}

/* A table or chart embedded in the body must name a report of the document, or the pages
 * cannot be laid out at all. */
static void
check_embeds (Check *c, GArray *lines)
{
  guint n_reports = g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (c->doc)));

  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];
      g_autofree char *field = NULL;
      const char *format;

      if (block->type != KL_BLOCK_EMBED || (block->embed_index >= 1 && block->embed_index <= n_reports))
        continue;
      field = body_field (block);
      format = block->embed_kind != NULL
               ? g_dngettext (GETTEXT_PACKAGE,
                              "the chart in the text is of report %u, but the document has %u report",
                              "the chart in the text is of report %u, but the document has %u reports",
                              n_reports)
               : g_dngettext (GETTEXT_PACKAGE,
                              "the target table in the text is report %u's, but the document has %u report",
                              "the target table in the text is report %u's, but the document has %u reports",
                              n_reports);
      add (c, "embed-report", KL_CHECK_SEVERITY_ERROR, g_array_index (lines, guint, i), field, format,
           block->embed_index, n_reports);
    }
}

static void
check_body (Check *c)
{
  const char *body = kl_document_get_body (c->doc);
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (guint));

  c->markup = kl_markup_parse (body != NULL ? body : "");
  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      guint line = block_line (c, c->markup->blocks->pdata[i]);
      g_array_append_val (lines, line);
    }

  check_headings (c, lines);
  check_items (c, lines);
  check_footnotes (c, lines);
  check_embeds (c, lines);
  for (guint i = 0; i < c->markup->blocks->len; i++)
    {
      const KlBlock *block = c->markup->blocks->pdata[i];
      g_autofree char *plain = NULL;

      if (block->runs == NULL || block->type == KL_BLOCK_FOOTNOTE)
        continue;
      plain = kl_runs_to_plain (block->runs);
      check_ratios (c, block, plain, g_array_index (lines, guint, i));
      check_counts (c, block, plain, g_array_index (lines, guint, i));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Closing: recipients and signer                                                             */
/* ------------------------------------------------------------------------------------------ */

static guint
closing_start (Check *c)
{
  guint l = find_line_starting (c, "Nơi nhận", c->body_start);
  return l > 0 ? l - 1 : c->body_cursor;
}

static gboolean
is_authority (const char *line)
{
  return g_str_has_prefix (line, "T/M ") || g_str_has_prefix (line, "K/T ") ||
         g_str_has_prefix (line, "T/L ") || g_str_has_prefix (line, "T/U ") ||
         g_str_has_prefix (line, "TM. ") || g_str_has_prefix (line, "KT. ") ||
         g_str_has_prefix (line, "TL. ") || g_str_has_prefix (line, "TUQ. ");
}

/* The importer turns "-X", "+ X", "• X" into "- X" and joins a line without a dash to the
 * recipient above: the file itself is checked here, the document by check_recipients(). */
static void
check_recipient_lines (Check *c)
{
  guint start = find_line_starting (c, "Nơi nhận", c->body_start);
  const char *previous = NULL;
  gboolean blank = FALSE;

  if (start == 0)
    return;
  for (guint i = start; i < c->lines->len; i++)
    {
      const char *l = c->lines->pdata[i];
      gsize plen;

      if (*l == '\0')
        {
          blank = TRUE;
          continue;
        }
      if (is_authority (l))
        break;
      if (g_str_has_prefix (l, "- "))
        {
          previous = l;
          blank = FALSE;
          continue;
        }
      if (g_str_has_prefix (l, "-") || g_str_has_prefix (l, "+") || g_str_has_prefix (l, "–") ||
          g_str_has_prefix (l, "•"))
        {
          KlCheckFinding *f = add (c, "recipients-dash", KL_CHECK_SEVERITY_ERROR, i + 1, "recipients",
                                   /* TRANSLATORS: the line of the file, then its first character
                                    * (+, •, –) */
                                   _("recipient line '%s' starts with '%.*s' instead of '- '"), l,
                                   (int) (g_utf8_next_char (l) - l), l);
          set_fix (f, fix_new (FIX_NOTHING, NULL), _("start the line with '- '"));
          previous = l;
          blank = FALSE;
          continue;
        }
      /* A new paragraph that is not a recipient ends the list (the annex, the signature). */
      if (blank || previous == NULL)
        break;
      plen = strlen (previous);
      if (plen > 0 && (previous[plen - 1] == ',' || previous[plen - 1] == '.'))
        add (c, "recipients-dash", KL_CHECK_SEVERITY_ERROR, i + 1, "recipients",
             /* TRANSLATORS: %s is the line of the file */
             _("recipient line '%s' does not start with '- ' (it was read as the end of the line "
               "above)"), l);
      previous = l;
    }
}

static void
check_recipients (Check *c)
{
  const char *const *lines = kl_document_get_recipients (c->doc);
  guint n = lines != NULL ? g_strv_length ((char **) lines) : 0;
  guint from = closing_start (c);

  if (c->lines != NULL)
    check_recipient_lines (c);
  if (n == 0)
    {
      add (c, "recipients-missing", KL_CHECK_SEVERITY_ERROR, 0, "recipients",
           _("no 'Nơi nhận' list: every document says who receives it, the last line '- Lưu …'"));
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      g_autofree char *field = g_strdup_printf ("recipients[%u]", i);
      g_autofree char *shown = text_prefix (line, 40);
      guint l = find_line_prefix (c, line, from);
      gsize len = strlen (line);
      gboolean last = i + 1 == n;
      char end = len > 0 ? line[len - 1] : '\0';

      if (!g_str_has_prefix (line, "- "))
        {
          KlCheckFinding *f = add (c, "recipients-dash", KL_CHECK_SEVERITY_ERROR, l, field,
                                   /* TRANSLATORS: %s is the recipient line */
                                   _("recipient '%s' does not start with '- '"), shown);
          Fix *fix = fix_new (FIX_RECIPIENT_DASH, NULL);
          fix->index = i;
          set_fix (f, fix, _("start the line with '- '"));
        }
      if (!last && end != ',')
        {
          KlCheckFinding *f = add (c, "recipients-comma", KL_CHECK_SEVERITY_ERROR, l, field,
                                   /* TRANSLATORS: %s is the recipient line */
                                   _("recipient '%s' does not end with ','"), shown);
          Fix *fix = fix_new (FIX_RECIPIENT_END, ",");
          fix->index = i;
          set_fix (f, fix, _("end the line with ','"));
        }
      if (last)
        {
          const char *p = line;
          while (*p == '-' || *p == ' ')
            p++;
          if (!g_str_has_prefix (p, "Lưu"))
            add (c, "recipients-last", KL_CHECK_SEVERITY_ERROR, l, field,
                 /* TRANSLATORS: %s is the recipient line */
                 _("the last recipient '%s' is not the file copy: end the list with '- Lưu …'"),
                 shown);
          else if (end != '.')
            {
              KlCheckFinding *f = add (c, "recipients-last", KL_CHECK_SEVERITY_ERROR, l, field,
                                       /* TRANSLATORS: %s is the recipient line */
                                       _("the last recipient '%s' does not end with '.'"), shown);
              Fix *fix = fix_new (FIX_RECIPIENT_END, ".");
              fix->index = i;
              /* TRANSLATORS: a fix of the check; %c is the character the line ends with */
              set_fix (f, fix, _("end the last line with '.' instead of '%c'"), end);
            }
        }
      if (l > 0)
        from = l - 1;
    }
}

static void
check_signer (Check *c)
{
  KlSigner *signer = kl_document_get_signer (c->doc);
  const char *authority = kl_signer_get_authority (signer);
  const char *position = kl_signer_get_position (signer);
  const char *name = kl_signer_get_name (signer);
  guint from = closing_start (c);
  guint la = is_blank (authority) ? 0 : find_line (c, authority, from);
  guint lp = is_blank (position) ? 0 : find_line (c, position, la > 0 ? la - 1 : from);
  guint ln = is_blank (name) ? 0 : find_line (c, name, lp > 0 ? lp - 1 : from);

  if (is_blank (authority) && is_blank (position) && is_blank (name))
    {
      add (c, "signer-missing", KL_CHECK_SEVERITY_ERROR, 0, "signer",
           _("no signature block (authority, position and name)"));
      return;
    }

  if (!is_blank (authority))
    {
      g_autofree char *a = g_strstrip (g_strdup (authority));
      static const char *const forms[] = { "T/M ", "K/T ", "T/L ", "T/U " };
      gboolean form_ok = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
        if (g_str_has_prefix (a, forms[i]) && !is_blank (a + 4))
          form_ok = TRUE;
      if (!form_ok || !is_capitals (a))
        {
          KlCheckFinding *f = add (c, "signer-authority", KL_CHECK_SEVERITY_ERROR, la,
                                   "signer.authority",
                                   /* TRANSLATORS: %s is the authority as typed (TM. HUYỆN ỦY) */
                                   _("the authority '%s' is not T/M, K/T, T/L or T/U followed by "
                                     "the body or head in capitals"), authority);
          /* State documents write "TM.", "KT.", "TL.", "TUQ."; Party documents the slash forms. */
          static const char *const state_forms[][2] = {
            { "tm. ", "T/M " }, { "kt. ", "K/T " }, { "tl. ", "T/L " }, { "tuq. ", "T/U " },
            { "t/m ", "T/M " }, { "k/t ", "K/T " }, { "t/l ", "T/L " }, { "t/u ", "T/U " },
          };
          for (guint i = 0; i < G_N_ELEMENTS (state_forms); i++)
            {
              gsize len = strlen (state_forms[i][0]);
              if (g_ascii_strncasecmp (a, state_forms[i][0], len) == 0 && !is_blank (a + len))
                {
                  g_autofree char *rest = g_utf8_strup (a + len, -1);
                  g_autofree char *fixed = g_strconcat (state_forms[i][1], rest, NULL);
                  set_fix (f, fix_new (FIX_AUTHORITY, fixed), _("write '%s'"), fixed);
                  break;
                }
            }
        }
      else if (g_str_has_prefix (a, "K/T ") && !is_blank (position))
        {
          g_autofree char *p = g_utf8_strup (position, -1);
          g_strstrip (p);
          if (!g_str_has_prefix (p, "PHÓ "))
            add (c, "signer-deputy", KL_CHECK_SEVERITY_ERROR, lp > 0 ? lp : la, "signer.position",
                 /* TRANSLATORS: the authority (K/T BÍ THƯ), then the position under it (BÍ THƯ) */
                 _("'%s' signs for the head, so the position under it is a deputy's "
                   "('PHÓ …'), not '%s'"), authority, position);
        }
    }

  if (is_blank (position))
    add (c, "signer-missing", KL_CHECK_SEVERITY_ERROR, la, "signer.position",
         _("the signature block has no position (e.g. 'PHÓ BÍ THƯ')"));
  else if (!is_capitals (position))
    {
      g_autofree char *up = g_utf8_strup (position, -1);
      KlCheckFinding *f = add (c, "signer-position", KL_CHECK_SEVERITY_ERROR, lp,
                               /* TRANSLATORS: %s is the signer's position as typed */
                               "signer.position", _("the position '%s' is not in capitals"),
                               position);
      set_fix (f, fix_new (FIX_POSITION, up), _("write '%s'"), up);
    }

  if (is_blank (name))
    add (c, "signer-missing", KL_CHECK_SEVERITY_ERROR, lp, "signer.name",
         _("the signature block has no name"));
  else if (is_capitals (name))
    {
      g_autofree char *fixed = name_case (name);
      KlCheckFinding *f = add (c, "signer-name", KL_CHECK_SEVERITY_ERROR, ln, "signer.name",
                               /* TRANSLATORS: the signer's name as typed, then written right
                                * (Nguyễn Văn An) */
                               _("the name '%s' is in capitals: it is written '%s'"), name, fixed);
      set_fix (f, fix_new (FIX_NAME, fixed), _("write '%s'"), fixed);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Target tables                                                                              */
/* ------------------------------------------------------------------------------------------ */

/* The reading of an ambiguous value closest (by orders of magnitude) to the row's other
 * figures that are not ambiguous; the parser's first reading when there is none. */
static double
likely_reading (KlValue *value, KlTarget *target)
{
  guint n = 0;
  const double *readings = kl_value_get_readings (value, &n);
  KlValue *others[] = { kl_target_get_plan (target), kl_target_get_actual (target),
                        kl_target_get_next_plan (target) };
  double best = n > 0 ? readings[0] : NAN;
  double best_distance = INFINITY;

  for (guint r = 0; r < n; r++)
    {
      double distance = 0;
      guint used = 0;
      if (readings[r] <= 0)
        continue;
      for (guint o = 0; o < G_N_ELEMENTS (others); o++)
        {
          KlValue *v = others[o];
          double x;
          if (v == value || !kl_value_has_number (v) || kl_value_get_ambiguous (v))
            continue;
          x = kl_value_get_number (v);
          if (x <= 0)
            continue;
          distance += fabs (log10 (readings[r] / x));
          used++;
        }
      if (used > 0 && distance < best_distance)
        {
          best_distance = distance;
          best = readings[r];
        }
    }
  return best;
}

static void
check_targets (Check *c)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (c->doc));
  static const char *const columns[] = { "plan", "actual", "next-plan" };
  /* For a report without column headings (a document built in code). */
  static const char *const column_names[] = { N_("Plan"), N_("Actual"), N_("Next plan") };

  for (guint r = 0; r < g_list_model_get_n_items (reports); r++)
    {
      g_autoptr(KlReport) report = g_list_model_get_item (reports, r);
      GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));

      /* The renderer prints no annex for a report without targets, so its chart is lost. */
      if (kl_report_get_annex_chart (report) != NULL && g_list_model_get_n_items (targets) == 0)
        {
          g_autofree char *field = g_strdup_printf ("reports[%u].annex-chart", r);

          add (c, "annex-chart-empty", KL_CHECK_SEVERITY_WARNING, 0, field,
               _("report %u has a chart chosen for its annex but no targets: nothing is printed"), r + 1);
        }
      for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
        {
          g_autoptr(KlTarget) target = g_list_model_get_item (targets, t);
          KlValue *values[] = { kl_target_get_plan (target), kl_target_get_actual (target),
                                kl_target_get_next_plan (target) };
          const char *labels[] = { kl_report_get_plan_label (report),
                                   kl_report_get_actual_label (report),
                                   kl_report_get_next_plan_label (report) };
          guint line = kl_target_get_source_line (target);
          const char *code = kl_target_get_code (target);
          g_autofree char *row = g_strdup (!is_blank (code) ? code : kl_target_get_name (target));
          g_autofree char *explanation = NULL;

          if (kl_target_is_group (target))
            continue;

          for (guint k = 0; k < G_N_ELEMENTS (values); k++)
            {
              g_autofree char *field = NULL;
              g_autofree char *chosen = NULL;
              g_autofree char *alternatives = NULL;
              guint n = 0;
              const double *readings;
              double likely;
              KlCheckFinding *f;
              Fix *fix;

              if (!kl_value_get_ambiguous (values[k]))
                continue;
              readings = kl_value_get_readings (values[k], &n);
              for (guint i = 0; i < n; i++)
                {
                  g_autofree char *s = kl_number_format (readings[i], 6);
                  /* "14 200 or 14,2": a dot here would be one of the readings in question. */
                  g_strdelimit (s, ".", ' ');
                  if (alternatives == NULL)
                    alternatives = g_steal_pointer (&s);
                  else
                    {
                      /* TRANSLATORS: readings of an ambiguous figure: "14 200 or 14,2" */
                      char *joined = g_strdup_printf (_("%s or %s"), alternatives, s);
                      g_free (alternatives);
                      alternatives = joined;
                    }
                }
              likely = likely_reading (values[k], target);
              chosen = kl_number_format (likely, 6);
              g_strdelimit (chosen, ".", ' ');
              field = g_strdup_printf ("reports[%u].targets[%u].%s", r, t, columns[k]);
              f = add (c, "value-ambiguous",
                       k < 2 ? KL_CHECK_SEVERITY_ERROR : KL_CHECK_SEVERITY_WARNING, line, field,
                       /* TRANSLATORS: the row of the target table (its number or name), the
                        * column's heading, the figure as typed, its readings ("14 200 or 14,2") */
                       _("row %s, column %s: '%s' could be %s; settle it"), row,
                       labels[k] != NULL ? labels[k] : _(column_names[k]),
                       kl_value_get_text (values[k]), alternatives != NULL ? alternatives : "");
              fix = fix_new (FIX_SETTLE, NULL);
              fix->report = r;
              fix->index = t;
              fix->column = k;
              fix->number = likely;
              /* TRANSLATORS: a fix of the check: the figure as typed, the number it is read as */
              set_fix (f, fix, _("read '%s' as %s (closest to the row's other figures)"),
                       kl_value_get_text (values[k]), chosen);
            }

          if (kl_target_get_disagrees (target, &explanation))
            {
              g_autoptr(KlValue) typed = kl_value_parse (kl_target_get_typed_status (target), NULL);
              gboolean word = kl_value_get_qualifier (typed) == KL_QUALIFIER_STATUS;
              KlStatus status = kl_target_get_status (target);
              g_autofree char *field = g_strdup_printf ("reports[%u].targets[%u].typed-status", r, t);
              g_autofree char *computed = NULL;
              KlCheckFinding *f;
              Fix *fix;

              gboolean contradicts = word;

              if (word)
                computed = g_strdup (status == KL_STATUS_NOT_MET ? "Không đạt" : "Đạt");
              else
                {
                  computed = kl_number_format_percent (kl_target_get_ratio (target));
                  /* A typed 100 % or more for a target not met (or less for one met) says
                   * the opposite of the figures; a rounding difference only is a warning. */
                  if (kl_value_has_number (typed) &&
                      kl_target_get_effective_direction (target, NULL) == KL_DIRECTION_HIGHER_BETTER &&
                      status != KL_STATUS_NO_DATA)
                    contradicts = (kl_value_get_number (typed) >= 100.0) != (status != KL_STATUS_NOT_MET);
                }
              f = add (c, "status-disagrees",
                       contradicts ? KL_CHECK_SEVERITY_ERROR : KL_CHECK_SEVERITY_WARNING, line, field,
                       /* TRANSLATORS: the row of the target table (its number or name), then why
                        * its typed status is wrong */
                       _("row %s: %s"), row, explanation);
              fix = fix_new (FIX_TYPED_STATUS, computed);
              fix->report = r;
              fix->index = t;
              /* TRANSLATORS: a fix of the check; %s is the text written instead */
              /* TRANSLATORS: a fix of the check; %s is the status the figures give (Đạt, 94,2%) */
              set_fix (f, fix, _("write '%s' in the status column, as the figures say"), computed);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------------ */

static int
compare_findings (gconstpointer a, gconstpointer b)
{
  KlCheckFinding *fa = *(KlCheckFinding **) a;
  KlCheckFinding *fb = *(KlCheckFinding **) b;
  guint oa = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fa), "kl-check-order"));
  guint ob = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fb), "kl-check-order"));

  if (fa->line != fb->line)
    return fa->line < fb->line ? -1 : 1;
  return oa < ob ? -1 : oa > ob ? 1 : 0;
}

GListStore *
kl_check_document (KlDocument *document,
                   const char *source_text)
{
  Check c = { 0 };

  g_return_val_if_fail (KL_IS_DOCUMENT (document), NULL);

  c.doc = document;
  c.findings = g_list_store_new (KL_TYPE_CHECK_FINDING);
  if (source_text != NULL)
    {
      g_auto(GStrv) raw = g_strsplit (source_text, "\n", -1);
      c.lines = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; raw[i] != NULL; i++)
        g_ptr_array_add (c.lines, clean_text (raw[i]));
    }

  c.header_end = 30;
  if (c.lines != NULL && !is_blank (kl_document_get_title (document)))
    {
      guint t = find_line (&c, kl_document_get_title (document), 0);
      if (t > 0)
        c.header_end = t - 1;
    }

  check_issuer (&c);
  check_symbol (&c);
  check_date (&c);
  check_title (&c);
  check_body (&c);
  check_recipients (&c);
  check_signer (&c);
  check_targets (&c);

  /* With a file, report in the file's order (like a compiler); what has no line (missing
   * parts) comes first. The checks run in document order, which breaks the ties. */
  if (c.lines != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (c.findings));
      g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          KlCheckFinding *f = g_list_model_get_item (G_LIST_MODEL (c.findings), i);
          g_object_set_data (G_OBJECT (f), "kl-check-order", GUINT_TO_POINTER (i));
          g_ptr_array_add (sorted, f);
        }
      g_ptr_array_sort (sorted, compare_findings);
      g_list_store_splice (c.findings, 0, n, sorted->pdata, sorted->len);
    }

  g_clear_pointer (&c.markup, kl_markup_free);
  g_clear_pointer (&c.lines, g_ptr_array_unref);
  return c.findings;
}

guint
kl_check_apply_fixes (KlDocument *document,
                      GListModel *findings)
{
  guint applied = 0;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (findings), 0);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KlCheckFinding) f = g_list_model_get_item (findings, i);
      if (kl_check_finding_has_fix (f) && kl_check_finding_apply_fix (f, document))
        applied++;
    }
  return applied;
}

guint
kl_check_count (GListModel      *findings,
                KlCheckSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (findings), 0);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KlCheckFinding) f = g_list_model_get_item (findings, i);
      if (f->severity == severity)
        n++;
    }
  return n;
}
