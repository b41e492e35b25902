/* kl-cli-render.c: `ketluan-cli render`: a document to print-ready PDF, PNG or SVG pages. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-renderer.h"
#include "kl-fonts.h"
#include "kl-store.h"

/* TRANSLATORS: keep the options, the formats and "[page]" as they are */
static const char usage[] =
  N_("Usage: ketluan-cli render FILE -o OUT [--format pdf|png|svg] [--page N] [--dpi N]\n"
     "                          [--page-style FILE]\n"
     "       ketluan-cli [--db PATH] render --id N -o OUT …\n"
     "\n"
     "FILE is a seed-style text or a JSON document; --id renders a stored document.\n"
     "The format defaults from OUT's extension. PDF holds every page; PNG and SVG one page\n"
     "(--page, from 1; default 1). --dpi applies to PNG (default 150). --page-style is a key\n"
     "file with a [page] group (margins in mm, sizes in pt; see the README). A trend chart\n"
     "of the document also shows the earlier periods of its reports found in the library\n"
     "(--db, or the default one when it exists; listed on stderr) unless --no-library.\n");

/* "line N: message" from the core or the renderer becomes FILE:N: message; the renderer
 * counts lines of the body, which the importer maps back to lines of the text file. */
static void
report (const char *path, KlDocument *document, const GError *error)
{
  const char *msg = error->message;
  guint line = 0;

  if (g_str_has_prefix (msg, "line "))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (msg + 5, &end, 10);
      if (end != NULL && end != msg + 5 && *end == ':')
        {
          line = (guint) n;
          if (document != NULL && kl_importer_get_file_line (document, line) > 0)
            line = kl_importer_get_file_line (document, line);
          msg = end + 1;
          while (*msg == ' ')
            msg++;
        }
    }
  kl_cli_error_at (path, line, "%s", msg);
}

static const char *
format_from_path (const char *path)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL)
    return NULL;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return "pdf";
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return "png";
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return "svg";
  return NULL;
}

int
kl_cli_render (int argc, char **argv)
{
  g_autofree char *output = NULL, *format = NULL, *style_path = NULL;
  gint64 id = 0;
  int page = 0;
  double dpi = 150;
  gboolean help = FALSE, no_library = FALSE;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { "no-library", 0, 0, G_OPTION_ARG_NONE, &no_library, NULL, NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "page", 'p', 0, G_OPTION_ARG_INT, &page, NULL, NULL },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, NULL, NULL },
    { "page-style", 0, 0, G_OPTION_ARG_FILENAME, &style_path, NULL, NULL },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(KlPages) pages = NULL;
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  KlPageStyle style;
  const char *source;
  gboolean ok;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      kl_cli_error ("render: %s", error->message);
      fputs (_(usage), stderr);
      return 1;
    }
  if (help)
    {
      fputs (_(usage), stdout);
      return 0;
    }
  if (output == NULL || ((files == NULL || files[0] == NULL) == (id == 0)) ||
      (files != NULL && files[0] != NULL && files[1] != NULL))
    {
      kl_cli_error (_("render: give one FILE or --id N, and -o OUT"));
      fputs (_(usage), stderr);
      return 1;
    }
  if (format == NULL)
    {
      const char *guess = format_from_path (output);
      if (guess == NULL)
        {
          kl_cli_error (_("render: cannot tell the format from '%s': use --format pdf|png|svg"), output);
          return 1;
        }
      format = g_strdup (guess);
    }
  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "png") && !g_str_equal (format, "svg"))
    {
      kl_cli_error (_("render: unknown format '%s' (pdf, png or svg)"), format);
      return 1;
    }

  kl_page_style_init_default (&style);
  if (style_path != NULL && !kl_page_style_load_keyfile (&style, style_path, &error))
    {
      kl_cli_error_at (style_path, 0, "%s", error->message);
      return 1;
    }

  if (id != 0)
    {
      g_autofree char *db = g_strdup (kl_cli_get_db_path ());

      if (db == NULL)
        db = kl_store_default_path ();
      store = kl_store_open (db, &error);
      /* Store messages name the database file already. */
      if (store == NULL || (error != NULL && !g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW)))
        {
          kl_cli_error ("render: %s", error->message);
          return 1;
        }
      g_clear_error (&error);
      document = kl_store_load_document (store, id, &error);
      if (document == NULL)
        {
          kl_cli_error ("render: %s", error->message);
          return 1;
        }
      source = kl_store_get_path (store);
    }
  else
    {
      document = kl_cli_load_document (files[0]);
      if (document == NULL)
        return 1;
      source = files[0];
    }

  if (!no_library && kl_period_document_has_trend (document))
    {
      GListStore *reports = kl_document_get_reports (document);
      g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_object_unref);

      g_autofree char *family = kl_fonts_resolve_family (style.font_family, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (reports)); i++)
        g_ptr_array_add (own, g_list_model_get_item (G_LIST_MODEL (reports), i));
      trend = kl_cli_trend_reports ("render", store, (KlReport **) own->pdata, own->len, id,
                                    kl_document_get_date (document), kl_document_get_secrecy (document), family);
    }
  pages = kl_pages_layout_with_trend (document, &style, trend, &error);
  if (pages == NULL)
    {
      report (source, document, error);
      return 1;
    }

  if (g_str_equal (format, "pdf"))
    ok = kl_pages_write_pdf (pages, document, output, &error);
  else if (g_str_equal (format, "png"))
    ok = kl_pages_write_png (pages, page > 0 ? (guint) page - 1 : 0, dpi, output, &error);
  else
    ok = kl_pages_write_svg (pages, page > 0 ? (guint) page - 1 : 0, output, &error);
  if (!ok)
    {
      kl_cli_error ("render: %s", error->message);
      return 1;
    }

  /* FORMAT.md: tell the user which font was used when it is not Times New Roman. The keys
   * "font:" and "pages:" are read by scripts: not translated. */
  if (g_ascii_strcasecmp (kl_pages_get_font_family (pages), "Times New Roman") != 0)
    printf ("font: %s (%s)\n", kl_pages_get_font_family (pages),
            _("Times New Roman is not installed; metric-compatible substitute"));
  else
    printf ("font: %s\n", kl_pages_get_font_family (pages));
  printf ("pages: %u\n", kl_pages_get_n_pages (pages));
  return 0;
}
