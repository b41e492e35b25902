/* kl-cli-chart.c: `ketluan-cli chart`: a report's plan-versus-actual chart alone as PNG, SVG or PDF. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-chart.h"
#include "kl-fonts.h"

/* Default width: the text width of an A4 portrait page with the default margins
 * (210 mm − 30 mm − 15 mm), so a chart drops into a document unscaled. */
#define DEFAULT_WIDTH (165.0 / 25.4 * 72.0)

/* TRANSLATORS: keep the options (--kind…), the chart kinds and the formats as they are */
static const char usage[] =
  N_("Usage: ketluan-cli [--db PATH] chart FILE --kind achievement|bullet|summary|trend\n"
     "                         -o OUT.{png,svg,pdf} [--report N] [--width PT] [--dpi N]\n"
     "                         [--font FAMILY] [--format F] [--no-library]\n"
     "\n"
     "FILE is a seed-style text or a JSON document. --report picks the report (from 1;\n"
     "default 1); the trend chart uses every report of the document (or the one --report\n"
     "picks) and, when the library exists, the earlier periods of the same reports found\n"
     "in it (at most 5 periods in all; those taken are listed on stderr; --no-library\n"
     "leaves them out). --width is in points (default: A4 portrait text width, 467.7;\n"
     "landscape is 728.5). --dpi applies to PNG.\n");

/* Ambiguous figures are flagged in the chart; say it here too, with the line, so the user
 * can settle them (a warning, not an error: the rest of the chart is right). */
static void
warn_ambiguous (const char *path, KlReport *report)
{
  GListModel *model = G_LIST_MODEL (kl_report_get_targets (report));
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlTarget) t = g_list_model_get_item (model, i);
      const char *code = kl_target_get_code (t) ? kl_target_get_code (t) : "";
      KlValue *plan = kl_target_get_plan (t);
      KlValue *actual = kl_target_get_actual (t);
      g_autofree char *plan_message = NULL;
      g_autofree char *actual_message = NULL;

      if (plan != NULL && kl_value_get_ambiguous (plan))
        /* TRANSLATORS: the target's number and name, the figure as typed */
        plan_message = g_strdup_printf (_("%s plan of '%s': '%s' is ambiguous; not drawn until settled"),
                                        code, kl_target_get_name (t), kl_value_get_text (plan));
      if (actual != NULL && kl_value_get_ambiguous (actual))
        actual_message = g_strdup_printf (_("%s actual of '%s': '%s' is ambiguous; not drawn until settled"),
                                          code, kl_target_get_name (t), kl_value_get_text (actual));
      /* "warning:" is what tools read: not translated. */
      if (plan_message != NULL)
        kl_cli_error_at (path, kl_target_get_source_line (t), "warning: %s", plan_message);
      if (actual_message != NULL)
        kl_cli_error_at (path, kl_target_get_source_line (t), "warning: %s", actual_message);
    }
}

int
kl_cli_chart (int argc, char **argv)
{
  g_autofree char *kind_name = NULL, *output = NULL, *font = NULL, *format = NULL;
  g_autofree char *width_text = NULL, *family = NULL;
  int report_index = 0, dpi = 150;
  gboolean help = FALSE, no_library = FALSE;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, NULL, NULL },
    { "no-library", 0, 0, G_OPTION_ARG_NONE, &no_library, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "report", 'r', 0, G_OPTION_ARG_INT, &report_index, NULL, NULL },
    { "width", 'w', 0, G_OPTION_ARG_STRING, &width_text, NULL, NULL },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, NULL, NULL },
    { "font", 0, 0, G_OPTION_ARG_STRING, &font, NULL, NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  GListModel *model;
  KlChartKind kind;
  double width = DEFAULT_WIDTH;
  const char *path;
  guint n_reports;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      kl_cli_error ("chart: %s", error->message);
      return 1;
    }
  if (help)
    {
      fputs (_(usage), stdout);
      return 0;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      kl_cli_error (_("chart: give exactly one input FILE"));
      fputs (_(usage), stderr);
      return 1;
    }
  path = files[0];
  if (kind_name == NULL || !kl_chart_kind_from_string (kind_name, &kind))
    {
      if (kind_name == NULL)
        kl_cli_error (_("chart: --kind must be achievement, bullet, summary or trend"));
      else
        kl_cli_error (_("chart: --kind must be achievement, bullet, summary or trend (not '%s')"), kind_name);
      return 1;
    }
  if (output == NULL)
    {
      kl_cli_error (_("chart: give the output file with -o OUT.png, OUT.svg or OUT.pdf"));
      return 1;
    }
  if (format == NULL)
    {
      const char *dot = strrchr (output, '.');
      if (dot == NULL || strchr (dot, '/') != NULL)
        {
          kl_cli_error (_("chart: cannot tell the format of '%s'; end it in .png, .svg or .pdf, or give --format"),
                        output);
          return 1;
        }
      format = g_ascii_strdown (dot + 1, -1);
    }
  if (g_strcmp0 (format, "png") != 0 && g_strcmp0 (format, "svg") != 0 && g_strcmp0 (format, "pdf") != 0)
    {
      kl_cli_error (_("chart: unknown output format '%s' (use png, svg or pdf)"), format);
      return 1;
    }
  if (width_text != NULL)
    {
      char *end = NULL;
      width = g_ascii_strtod (width_text, &end);
      if (end == width_text || *end != '\0' || !(width >= 200 && width <= 3000))
        {
          kl_cli_error (_("chart: --width '%s' must be a number of points between 200 and 3000"), width_text);
          return 1;
        }
    }
  if (dpi < 36 || dpi > 1200)
    {
      kl_cli_error (_("chart: --dpi %d must be between 36 and 1200"), dpi);
      return 1;
    }

  /* The document's font as the renderer chooses it; a substitute is said, never silent. */
  family = kl_fonts_resolve_family (font, &error);
  if (family == NULL)
    {
      kl_cli_error ("chart: %s", error->message);
      return 1;
    }
  if (font != NULL && g_ascii_strcasecmp (font, family) != 0)
    kl_cli_error (_("chart: font '%s' is not installed; using '%s'"), font, family);

  document = kl_cli_load_document (path);
  if (document == NULL)
    return 1;

  model = G_LIST_MODEL (kl_document_get_reports (document));
  n_reports = g_list_model_get_n_items (model);
  if (n_reports == 0)
    {
      kl_cli_error_at (path, 0, "%s", _("the document has no report with a target table to chart"));
      return 1;
    }
  if (report_index < 0 || (guint) report_index > n_reports)
    {
      kl_cli_error_at (path, 0, g_dngettext (GETTEXT_PACKAGE, "--report %d: the document has %u report",
                                             "--report %d: the document has %u reports", n_reports),
                       report_index, n_reports);
      return 1;
    }

  if (kind == KL_CHART_TREND && report_index == 0)
    for (guint i = 0; i < n_reports; i++)
      g_ptr_array_add (reports, g_list_model_get_item (model, i));
  else
    g_ptr_array_add (reports, g_list_model_get_item (model, report_index > 0 ? (guint) report_index - 1 : 0));

  for (guint i = 0; i < reports->len; i++)
    if (kl_report_get_n_targets (reports->pdata[i]) == 0)
      {
        kl_cli_error_at (path, 0, _("report %u ('%s') has no targets to chart"),
                         reports->len == 1 ? (report_index > 0 ? (guint) report_index : 1) : i + 1,
                         kl_report_get_title (reports->pdata[i]) ? kl_report_get_title (reports->pdata[i]) : "");
        return 1;
      }
  for (guint i = 0; i < reports->len; i++)
    warn_ambiguous (path, reports->pdata[i]);

  /* The same reports' earlier periods from the library, in period order with the file's. */
  if (kind == KL_CHART_TREND && !no_library)
    {
      g_autoptr(GPtrArray) others = kl_cli_trend_reports ("chart", NULL, (KlReport **) reports->pdata,
                                                          reports->len, 0, kl_document_get_date (document),
                                                          kl_document_get_secrecy (document), family);
      GPtrArray *series = kl_period_series ((KlReport **) reports->pdata, reports->len,
                                            kl_document_get_date (document), others, 0, NULL);

      g_ptr_array_unref (reports);
      reports = series;
    }

  /* Every glyph from the chosen font, as for the pages; a target's line when known. */
  if (!kl_chart_check_fonts (kind, (KlReport **) reports->pdata, reports->len, family, width, &error))
    {
      const char *msg = error->message;
      guint line = 0;

      if (g_str_has_prefix (msg, "line "))
        {
          char *end = NULL;
          line = (guint) g_ascii_strtoull (msg + 5, &end, 10);
          if (end != NULL && *end == ':')
            msg = end + 1 + (end[1] == ' ');
          else
            line = 0;
        }
      kl_cli_error_at (path, line, "%s", msg);
      return 1;
    }

  /* Drawn to memory first and written atomically: no half-written file on any failure. */
  bytes = kl_chart_render (kind, (KlReport **) reports->pdata, reports->len, family, width, format,
                           dpi, &error);
  if (bytes == NULL)
    {
      kl_cli_error_at (output, 0, "%s", error->message);
      return 1;
    }
  if (!kl_cli_write_output (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    return 1;
  return 0;
}
