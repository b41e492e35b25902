/* kl-cli-new.c: "ketluan-cli new": a new draft from a built-in template, filled from a source
 * document's issuer, meeting and reports. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-templates.h"

/* TRANSLATORS: keep the options and the kinds TB, KL, BC as they are */
static const char usage[] =
  N_("Usage: ketluan-cli new KIND --from FILE [-o OUT.json]\n"
     "\n"
     "Drafts a new document of KIND (TB conclusion notice, KL conclusion, BC report) from the\n"
     "built-in template, filled with the issuer, the meeting and the reports (with their\n"
     "generated sentences) of FILE, a text or JSON document. Prints the draft as JSON, or\n"
     "writes it to OUT.json.\n");

int
kl_cli_new (int argc, char **argv)
{
  const char *kind = NULL, *from = NULL, *output = NULL;
  g_autoptr(KlDocument) source = NULL;
  g_autoptr(KlOrganization) org = NULL;
  g_autoptr(KlDocument) draft = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const KlTemplate *chosen = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          fputs (_(usage), stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--from") == 0 && i + 1 < argc)
        from = argv[++i];
      else if (strcmp (argv[i], "-o") == 0 && i + 1 < argc)
        output = argv[++i];
      else if (argv[i][0] != '-' && kind == NULL)
        kind = argv[i];
      else
        {
          kl_cli_error (_("new: unexpected argument '%s'\n%s"), argv[i], _(usage));
          return 1;
        }
    }
  if (kind == NULL || from == NULL)
    {
      kl_cli_error (_("new: a KIND and --from FILE are needed\n%s"), _(usage));
      return 1;
    }

  templates = kl_templates_builtin ();
  for (guint i = 0; i < templates->len; i++)
    {
      const KlTemplate *t = templates->pdata[i];
      if (g_ascii_strcasecmp (t->kind, kind) == 0)
        chosen = t;
    }
  if (chosen == NULL)
    {
      kl_cli_error (_("new: no template for the kind '%s' (there are TB, KL and BC)"), kind);
      return 1;
    }

  source = kl_cli_load_document (from);
  if (source == NULL)
    return 1;

  org = kl_document_dup_organization (source);
  /* A table annexed to the issuer's own document names the issuer as its presenter; the
   * committee does not hand the report back to itself, so such a presenter is dropped and
   * the template leaves out its "Giao …" sentence. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (kl_document_get_reports (source))); i++)
    {
      g_autoptr(KlReport) r = g_list_model_get_item (G_LIST_MODEL (kl_document_get_reports (source)), i);
      const char *presenter = kl_report_get_presenter (r);
      const char *issuer = kl_document_get_issuer (source);

      if (presenter != NULL && issuer != NULL && g_utf8_collate (presenter, issuer) == 0)
        kl_report_set_presenter (r, NULL);
    }
  draft = kl_template_instantiate (chosen->text, org, kl_document_get_meeting (source),
                                   G_LIST_MODEL (kl_document_get_reports (source)), &error);
  if (draft == NULL)
    {
      kl_cli_error (_("new: the template '%s' cannot be filled: %s"), chosen->name, error->message);
      return 1;
    }

  json = kl_json_write_document (draft);
  return kl_cli_write_output (output != NULL ? output : "-", json, strlen (json)) ? 0 : 1;
}
