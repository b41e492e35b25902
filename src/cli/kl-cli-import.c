/* kl-cli-import.c: "ketluan-cli import" and "ketluan-cli targets": read a document, show what was read. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"

/* Storing an imported document lives with the store commands (kl-cli-store.c). It is looked
 * up weakly so that the CLI links with or without the store layer: when defined, it stores
 * @document in the library at @db_path, prints its id and returns the exit status. */
int kl_cli_store_import_document (KlDocument *document,
                                  const char *source_path,
                                  const char *db_path) __attribute__ ((weak));

typedef struct {
  const char *file;
  const char *output;
  gboolean    json;
} Options;

static gboolean
parse_options (int argc, char **argv, Options *opts, const char *usage)
{
  memset (opts, 0, sizeof *opts);
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_str_equal (a, "--json"))
        opts->json = TRUE;
      else if ((g_str_equal (a, "-o") || g_str_equal (a, "--output")) && i + 1 < argc)
        opts->output = argv[++i];
      else if (g_str_has_prefix (a, "--output="))
        opts->output = a + strlen ("--output=");
      else if (g_str_equal (a, "--db") && i + 1 < argc)
        kl_cli_set_db_path (argv[++i]);
      else if (g_str_has_prefix (a, "--db="))
        kl_cli_set_db_path (a + strlen ("--db="));
      else if (g_str_equal (a, "-h") || g_str_equal (a, "--help"))
        {
          printf (_("Usage: ketluan-cli %s\n"), usage);
          exit (0);
        }
      else if (a[0] == '-' && a[1] != '\0')
        {
          kl_cli_error (_("%s: unknown option '%s' (usage: ketluan-cli %s)"), argv[0], a, usage);
          return FALSE;
        }
      else if (opts->file == NULL)
        opts->file = a;
      else
        {
          kl_cli_error (_("%s: one file at a time ('%s' and '%s' given)"), argv[0], opts->file, a);
          return FALSE;
        }
    }
  if (opts->file == NULL)
    {
      kl_cli_error (_("%s: no file given (usage: ketluan-cli %s)"), argv[0], usage);
      return FALSE;
    }
  return TRUE;
}

/* The line as FILE:LINE:, then the message without its "line N: " prefix; "warning:" is what
 * tools read, not translated. */
static void
print_warning (FILE *out, const char *file, KlWarning *w)
{
  if (kl_warning_get_line (w) > 0)
    fprintf (out, "%s:%u: warning: %s\n", file, kl_warning_get_line (w), kl_warning_get_text (w));
  else
    fprintf (out, "%s: warning: %s\n", file, kl_warning_get_text (w));
}

static void
count_body (const char *body, guint *paragraphs, guint *footnotes)
{
  g_auto(GStrv) blocks = NULL;

  *paragraphs = *footnotes = 0;
  if (body == NULL)
    return;
  blocks = g_strsplit (body, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    {
      const char *b = blocks[i];
      while (*b == '\n' || *b == ' ')
        b++;
      if (*b == '\0')
        continue;
      if (g_str_has_prefix (b, "[^") && strstr (b, "]:") != NULL)
        (*footnotes)++;
      else
        (*paragraphs)++;
    }
}

static guint
count_targets (KlDocument *doc)
{
  GListModel *reports = G_LIST_MODEL (kl_document_get_reports (doc));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (reports, i);
      n += kl_report_get_n_targets (r);
    }
  return n;
}

static const char *
or_dash (const char *s)
{
  return s != NULL && *s != '\0' ? s : "—";
}

/* Appends "label", "value" to @fields. */
static void
add_field (GPtrArray *fields, const char *label, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_field (GPtrArray *fields, const char *label, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
print_summary (const char *file, KlDocument *doc)
{
  const char *const *recipients = kl_document_get_recipients (doc);
  GListModel *warnings = G_LIST_MODEL (kl_document_get_warnings (doc));
  KlSigner *signer = kl_document_get_signer (doc);
  g_autofree char *symbol = kl_document_dup_symbol (doc);
  g_autofree char *summary = g_strdup (kl_document_get_summary (doc));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  guint paragraphs, footnotes;
  guint n_warnings = g_list_model_get_n_items (warnings);
  glong width = 12;

  count_body (kl_document_get_body (doc), &paragraphs, &footnotes);
  if (summary != NULL)
    g_strdelimit (summary, "\n", ' ');

  add_field (fields, _("kind:"), "%s", or_dash (kl_document_get_kind (doc)));
  add_field (fields, _("symbol:"), "%s", kl_document_get_symbol (doc) != NULL ? symbol : _("— (no number)"));
  add_field (fields, _("title:"), "%s", or_dash (kl_document_get_title (doc)));
  add_field (fields, _("summary:"), "%s", or_dash (summary));
  add_field (fields, _("issuer:"), "%s / %s", or_dash (kl_document_get_superior (doc)),
             or_dash (kl_document_get_issuer (doc)));
  add_field (fields, _("place, date:"), "%s, %s", or_dash (kl_document_get_place (doc)),
             kl_document_get_date (doc) != NULL ? kl_document_get_date (doc)
                                                : or_dash (kl_document_get_date_text (doc)));
  add_field (fields, _("paragraphs:"), "%u", paragraphs);
  add_field (fields, _("footnotes:"), "%u", footnotes);
  add_field (fields, _("recipients:"), "%u", recipients != NULL ? g_strv_length ((char **) recipients) : 0);
  add_field (fields, _("signer:"), "%s / %s / %s", or_dash (kl_signer_get_authority (signer)),
             or_dash (kl_signer_get_position (signer)), or_dash (kl_signer_get_name (signer)));
  add_field (fields, _("reports:"), "%u", g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (doc))));
  add_field (fields, _("targets:"), "%u", count_targets (doc));
  add_field (fields, _("warnings:"), "%u", n_warnings);

  /* The values in one column, whatever the language of the labels. */
  for (guint i = 0; i < fields->len; i += 2)
    width = MAX (width, g_utf8_strlen (fields->pdata[i], -1) + 1);
  printf ("%s\n", file);
  for (guint i = 0; i < fields->len; i += 2)
    printf ("  %s%*s%s\n", (char *) fields->pdata[i],
            (int) (width - g_utf8_strlen (fields->pdata[i], -1)), "", (char *) fields->pdata[i + 1]);

  fflush (stdout);
  for (guint i = 0; i < n_warnings; i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (warnings, i);
      print_warning (stderr, file, w);
    }
}

int
kl_cli_import (int argc, char **argv)
{
  Options opts;
  g_autoptr(KlDocument) doc = NULL;

  if (!parse_options (argc, argv, &opts, "import FILE [--json] [-o OUT.json]"))
    return 1;

  doc = kl_cli_load_document (opts.file);
  if (doc == NULL)
    return 1;

  /* With --db (or KETLUAN_DB) the store commands take the document into the library. */
  if (kl_cli_get_db_path () != NULL && kl_cli_store_import_document != NULL)
    return kl_cli_store_import_document (doc, opts.file, kl_cli_get_db_path ());

  if (opts.output != NULL && !g_str_equal (opts.output, "-"))
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (opts.output);
      g_autoptr(GError) error = NULL;

      if (!kl_json_save_document (doc, out, &error))
        {
          kl_cli_error_at (opts.output, 0, _("cannot write the file: %s"), error->message);
          return 1;
        }
      if (!opts.json)
        print_summary (opts.file, doc);
      return 0;
    }

  if (opts.json)
    {
      g_autofree char *json = kl_json_write_document (doc);
      return kl_cli_write_output ("-", json, strlen (json)) ? 0 : 1;
    }

  print_summary (opts.file, doc);
  return 0;
}

/* ---- targets ---- */

/* Pads @s with spaces to @width columns (characters: NFC Vietnamese is one column each). */
static void
put_cell (GString *out, const char *s, guint width, gboolean right)
{
  glong len = g_utf8_strlen (s, -1);
  guint pad = len < (glong) width ? width - (guint) len : 0;

  if (right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, s);
  if (!right)
    for (guint i = 0; i < pad; i++)
      g_string_append_c (out, ' ');
}

/* Cuts @s to @width columns, ending with "…" when it was longer. */
static char *
fit (const char *s, guint width)
{
  if (s == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (s, -1) <= (glong) width)
    return g_strdup (s);
  {
    const char *end = g_utf8_offset_to_pointer (s, width - 1);
    return g_strdup_printf ("%.*s…", (int) (end - s), s);
  }
}

/* Splits @s into lines of at most @width columns at spaces. */
static GPtrArray *
wrap (const char *s, guint width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit (s != NULL ? s : "", " ", -1);
  GString *cur = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (cur->len > 0 && g_utf8_strlen (cur->str, -1) + 1 + g_utf8_strlen (words[i], -1) > (glong) width)
        {
          g_ptr_array_add (lines, g_strdup (cur->str));
          g_string_truncate (cur, 0);
        }
      if (cur->len > 0)
        g_string_append_c (cur, ' ');
      g_string_append (cur, words[i]);
      while (g_utf8_strlen (cur->str, -1) > (glong) width)
        {
          const char *cut = g_utf8_offset_to_pointer (cur->str, width);
          g_ptr_array_add (lines, g_strndup (cur->str, (gsize) (cut - cur->str)));
          g_string_erase (cur, 0, cut - cur->str);
        }
    }
  if (cur->len > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (cur->str));
  g_string_free (cur, TRUE);
  return lines;
}

#define W_CODE 5
#define W_NAME 40
#define W_UNIT 10
#define W_VALUE 14
#define W_RATIO 8
#define W_STATUS 16

static void
print_report (GString *out, const char *file, KlReport *report, guint index, GListModel *warnings)
{
  GListModel *targets = G_LIST_MODEL (kl_report_get_targets (report));
  guint n = g_list_model_get_n_items (targets);
  guint first_line = G_MAXUINT, last_line = 0;
  guint main_met, main_total, comp_met, comp_total;
  const char *title = kl_report_get_annex_title (report);

  g_string_append_printf (out, _("Report %u: %s\n"), index + 1,
                          or_dash (title != NULL ? title : kl_report_get_title (report)));
  if (kl_report_get_annex_subtitle (report) != NULL)
    g_string_append_printf (out, "  %s\n", kl_report_get_annex_subtitle (report));
  g_string_append_c (out, '\n');

  put_cell (out, "TT", W_CODE, FALSE);
  g_string_append_c (out, ' ');
  put_cell (out, "Chỉ tiêu", W_NAME, FALSE);
  g_string_append_c (out, ' ');
  put_cell (out, "ĐVT", W_UNIT, FALSE);
  g_string_append_c (out, ' ');
  put_cell (out, "Kế hoạch", W_VALUE, TRUE);
  g_string_append_c (out, ' ');
  put_cell (out, "Thực hiện", W_VALUE, TRUE);
  g_string_append_c (out, ' ');
  put_cell (out, "TH/KH %", W_RATIO, TRUE);
  g_string_append (out, "  ");
  g_string_append (out, "Đánh giá\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (targets, i);
      g_autoptr(GPtrArray) name_lines = wrap (kl_target_get_name (t), W_NAME);
      g_autofree char *code = fit (kl_target_get_code (t), W_CODE);
      guint line = kl_target_get_source_line (t);

      if (line > 0)
        {
          first_line = MIN (first_line, line);
          last_line = MAX (last_line, line);
        }
      put_cell (out, code, W_CODE, FALSE);
      g_string_append_c (out, ' ');
      if (kl_target_is_group (t))
        {
          g_string_append (out, name_lines->pdata[0]);
          g_string_append_c (out, '\n');
        }
      else
        {
          g_autofree char *unit = fit (kl_target_get_unit (t), W_UNIT);
          g_autofree char *plan = kl_value_format (kl_target_get_plan (t));
          g_autofree char *actual = kl_value_format (kl_target_get_actual (t));
          g_autofree char *plan_fit = fit (plan, W_VALUE);
          g_autofree char *actual_fit = fit (actual, W_VALUE);
          g_autofree char *ratio = NULL;
          double r = kl_target_get_ratio (t);
          GString *mark = g_string_new (NULL);

          if (!isnan (r))
            {
              ratio = g_strdup_printf ("%.1f", r * 100.0);
              g_strdelimit (ratio, ".", ',');
            }
          if (kl_target_get_disagrees (t, NULL))
            g_string_append (mark, " !");
          if (kl_value_get_ambiguous (kl_target_get_plan (t)) ||
              kl_value_get_ambiguous (kl_target_get_actual (t)) ||
              kl_value_get_ambiguous (kl_target_get_next_plan (t)))
            g_string_append (mark, " ?");

          put_cell (out, name_lines->pdata[0], W_NAME, FALSE);
          g_string_append_c (out, ' ');
          put_cell (out, unit, W_UNIT, FALSE);
          g_string_append_c (out, ' ');
          put_cell (out, plan_fit, W_VALUE, TRUE);
          g_string_append_c (out, ' ');
          put_cell (out, actual_fit, W_VALUE, TRUE);
          g_string_append_c (out, ' ');
          put_cell (out, ratio != NULL ? ratio : "—", W_RATIO, TRUE);
          g_string_append (out, "  ");
          g_string_append (out, kl_status_to_vietnamese (kl_target_get_status (t)));
          g_string_append (out, mark->str);
          g_string_append_c (out, '\n');
          g_string_free (mark, TRUE);
        }
      for (guint k = 1; k < name_lines->len; k++)
        {
          put_cell (out, "", W_CODE, FALSE);
          g_string_append_c (out, ' ');
          g_string_append (out, name_lines->pdata[k]);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, "\n  %s\n\n",
                          /* TRANSLATORS: the legend of the marks after a target's status */
                          _("! the status typed in the table disagrees with the figures;"
                            " ? a figure could be read two ways"));

  /* The warnings of this table: those on its lines. */
  for (guint i = 0; i < g_list_model_get_n_items (warnings); i++)
    {
      g_autoptr(KlWarning) w = g_list_model_get_item (warnings, i);
      guint line = kl_warning_get_line (w);

      if (line > 0 && first_line != G_MAXUINT && line >= first_line - MIN (first_line, 3u) &&
          line <= last_line)
        {
          if (line > 0)
            g_string_append_printf (out, "%s:%u: warning: %s\n", file, line, kl_warning_get_text (w));
        }
    }

  kl_report_count (report, KL_TARGET_KIND_MAIN, &main_met, &main_total);
  kl_report_count (report, KL_TARGET_KIND_COMPONENT, &comp_met, &comp_total);
  g_string_append_printf (out, "\n%u/%u chỉ tiêu chính, %u/%u chỉ tiêu thành phần đạt và vượt kế hoạch\n",
                          main_met, main_total, comp_met, comp_total);
}

int
kl_cli_targets (int argc, char **argv)
{
  Options opts;
  g_autoptr(KlDocument) doc = NULL;
  GListModel *reports;
  guint n;

  if (!parse_options (argc, argv, &opts, "targets FILE [--json]"))
    return 1;

  doc = kl_cli_load_document (opts.file);
  if (doc == NULL)
    return 1;

  reports = G_LIST_MODEL (kl_document_get_reports (doc));
  n = g_list_model_get_n_items (reports);

  if (opts.json)
    {
      g_autofree char *json = kl_json_write_targets (doc);
      return kl_cli_write_output (opts.output != NULL ? opts.output : "-", json, strlen (json)) ? 0 : 1;
    }

  if (n == 0)
    {
      kl_cli_error_at (opts.file, 0, "%s", _("no target table in this document"));
      return 1;
    }

  {
    GString *out = g_string_new (NULL);
    gboolean ok;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(KlReport) r = g_list_model_get_item (reports, i);
        if (i > 0)
          g_string_append (out, "\n\n");
        print_report (out, opts.file, r, i, G_LIST_MODEL (kl_document_get_warnings (doc)));
      }
    ok = kl_cli_write_output (opts.output != NULL ? opts.output : "-", out->str, out->len);
    g_string_free (out, TRUE);
    return ok ? 0 : 1;
  }
}
