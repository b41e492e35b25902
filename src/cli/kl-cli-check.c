/* kl-cli-check.c: "ketluan-cli check": the check before signing, one finding a line. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-check.h"
#include "kl-store.h"

/* TRANSLATORS: keep the options, "FILE:LINE: error|warning: message" and "db:ID:FIELD:" as
 * they are: tools read them */
static const char usage[] =
  N_("Usage: ketluan-cli check FILE [--fix -o OUT.json]\n"
     "       ketluan-cli [--db PATH] check --id N [--fix -o OUT.json]\n"
     "\n"
     "Checks a document against the format of Party documents before it is signed: number and\n"
     "symbol, place and date, type name and summary, heading numbers, footnotes, recipients,\n"
     "signature block, ambiguous figures and figures in the text that the tables contradict.\n"
     "Prints FILE:LINE: error|warning: message (db:ID:FIELD: … for a stored document).\n"
     "With --fix, applies the fixes that exist and writes the document as JSON to OUT.json\n"
     "(the findings left are printed). Exits with 1 when an error is left, else 0.\n");

/* The source text of a text file, for lines; NULL for JSON (its lines mean nothing to users). */
static char *
read_source_text (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *p;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  p = contents;
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  if (*p == '{' || !g_utf8_validate (contents, (gssize) length, NULL))
    return NULL;
  return g_steal_pointer (&contents);
}

static void
print_findings (const char *where, gboolean by_field, GListModel *findings)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(KlCheckFinding) f = g_list_model_get_item (findings, i);
      const char *severity = kl_check_severity_to_string (kl_check_finding_get_severity (f));
      guint line = kl_check_finding_get_line (f);

      if (!by_field && line > 0)
        printf ("%s:%u: %s: %s\n", where, line, severity, kl_check_finding_get_message (f));
      else
        printf ("%s:%s: %s: %s\n", where, kl_check_finding_get_field (f), severity,
                kl_check_finding_get_message (f));
    }
}

static KlDocument *
load_stored (gint64 id)
{
  g_autofree char *db = g_strdup (kl_cli_get_db_path ());
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KlDocument *document;

  if (db == NULL)
    db = kl_store_default_path ();
  store = kl_store_open (db, &error);
  /* Checking only reads: a newer or read-only library is fine. */
  if (store == NULL ||
      (error != NULL && !g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_TOO_NEW) &&
       !g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_READ_ONLY)))
    {
      kl_cli_error_at (db, 0, "%s", error != NULL ? error->message : _("cannot open"));
      return NULL;
    }
  g_clear_error (&error);
  document = kl_store_load_document (store, id, &error);
  if (document == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* TRANSLATORS: the document's id, why it cannot be loaded */
      kl_cli_error_at (db, 0, _("document %s: %s"), number, error->message);
    }
  return document;
}

int
kl_cli_check (int argc, char **argv)
{
  const char *file = NULL;
  const char *output = NULL;
  gboolean fix = FALSE;
  gint64 id = 0;
  g_autoptr(KlDocument) document = NULL;
  g_autoptr(GListStore) findings = NULL;
  g_autofree char *source = NULL;
  g_autofree char *where = NULL;
  gboolean by_field;

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_str_equal (a, "--fix"))
        fix = TRUE;
      else if ((g_str_equal (a, "-o") || g_str_equal (a, "--output")) && i + 1 < argc)
        output = argv[++i];
      else if (g_str_has_prefix (a, "--output="))
        output = a + strlen ("--output=");
      else if (g_str_equal (a, "--id") && i + 1 < argc)
        {
          char *end = NULL;
          id = g_ascii_strtoll (argv[++i], &end, 10);
          if (end == NULL || *end != '\0' || id <= 0)
            {
              kl_cli_error (_("check: --id wants a positive number, not '%s'"), argv[i]);
              return 1;
            }
        }
      else if (g_str_equal (a, "--db") && i + 1 < argc)
        kl_cli_set_db_path (argv[++i]);
      else if (g_str_has_prefix (a, "--db="))
        kl_cli_set_db_path (a + strlen ("--db="));
      else if (g_str_equal (a, "-h") || g_str_equal (a, "--help"))
        {
          fputs (_(usage), stdout);
          return 0;
        }
      else if (a[0] == '-' && a[1] != '\0')
        {
          kl_cli_error (_("check: unknown option '%s' (see ketluan-cli check --help)"), a);
          return 1;
        }
      else if (file == NULL)
        file = a;
      else
        {
          kl_cli_error (_("check: one file at a time ('%s' and '%s' given)"), file, a);
          return 1;
        }
    }

  if ((file == NULL) == (id == 0))
    {
      kl_cli_error (_("check: give one FILE or --id N (see ketluan-cli check --help)"));
      return 1;
    }
  if (fix != (output != NULL))
    {
      kl_cli_error (_("check: --fix and -o OUT.json go together"));
      return 1;
    }

  if (file != NULL && output != NULL)
    {
      g_autoptr(GFile) in = g_file_new_for_commandline_arg (file);
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);
      /* The fixed document is JSON: writing it over a text file would lose the text. */
      if (g_file_equal (in, out))
        {
          kl_cli_error (_("check: -o %s would overwrite the file being checked"), output);
          return 1;
        }
    }

  if (id != 0)
    {
      document = load_stored (id);
      if (document == NULL)
        return 1;
      where = g_strdup_printf ("db:%" G_GINT64_FORMAT, id);
      by_field = TRUE;
    }
  else
    {
      document = kl_cli_load_document (file);
      if (document == NULL)
        return 1;
      source = read_source_text (file);
      where = g_strdup (file);
      by_field = source == NULL;
    }

  findings = kl_check_document (document, source);

  if (fix)
    {
      g_autofree char *json = NULL;
      guint applied = kl_check_apply_fixes (document, G_LIST_MODEL (findings));

      json = kl_json_write_document (document);
      if (!kl_cli_write_output (output, json, strlen (json)))
        return 1;
      /* TRANSLATORS: where the document came from, the number of fixes, the output file */
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: %u fix applied, written to %s\n",
                               "%s: %u fixes applied, written to %s\n", applied),
                  where, applied, output);
      /* What is left is checked on the document as written: its lines are fields now. */
      g_clear_object (&findings);
      findings = kl_check_document (document, NULL);
      by_field = TRUE;
      g_free (where);
      where = g_strdup (output);
    }

  print_findings (where, by_field, G_LIST_MODEL (findings));
  return kl_check_count (G_LIST_MODEL (findings), KL_CHECK_SEVERITY_ERROR) > 0 ? 1 : 0;
}
