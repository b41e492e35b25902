/* ketluan-cli.c: the command-line front end; dispatches to the command groups. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-i18n.h"

typedef struct {
  const char       *name;
  KlCliCommandFunc  func;
  const char       *synopsis;     /* as typed: not translated */
  const char       *description;  /* translated when printed */
} Command;

static const Command commands[] = {
#ifdef KL_CLI_HAVE_IMPORT
  { "import",    kl_cli_import,  "import FILE [--json] [-o OUT.json]",
    N_("read a seed-style text or JSON document; with --db, store it and print its id") },
  { "targets",   kl_cli_targets, "targets FILE [--json]",
    N_("the target tables with ratio, status and warnings") },
#endif
#ifdef KL_CLI_HAVE_STORE
  { "list",      kl_cli_store,   "list", N_("documents in the library, newest first") },
  { "search",    kl_cli_store,   "search TEXT", N_("full-text search (with or without diacritics)") },
  { "export",    kl_cli_store,   "export ID -o FILE.json", N_("write a stored document as JSON") },
  { "revisions", kl_cli_store,   "revisions ID", N_("list the revisions of a document") },
  { "backup",    kl_cli_store,   "backup", N_("take a backup copy of the library now") },
  { "restore",   kl_cli_store,   "restore FILE", N_("restore the library from a backup copy") },
#endif
#ifdef KL_CLI_HAVE_RENDER
  { "render",    kl_cli_render,
    "render FILE|--id N -o OUT [--format pdf|png|svg] [--page N] [--dpi N] [--page-style FILE]",
    N_("lay out the pages of a document as PDF, PNG or SVG") },
#endif
#ifdef KL_CLI_HAVE_CHART
  { "chart",     kl_cli_chart,   "chart FILE --kind achievement|bullet|summary|trend -o OUT.{png,svg,pdf}",
    N_("draw the plan-versus-actual chart of a report") },
#endif
#ifdef KL_CLI_HAVE_CHECK
  { "check",     kl_cli_check,   "check FILE|--id N", N_("check a document before signing") },
#endif
#ifdef KL_CLI_HAVE_NEW
  { "new",       kl_cli_new,     "new KIND --from FILE [-o OUT.json]",
    N_("draft a TB/KL/BC from its template, filled from FILE") },
#endif
#ifdef KL_CLI_HAVE_TASKS
  { "tasks",     kl_cli_tasks,   "tasks [FILE]", N_("tasks assigned by conclusions, open and overdue") },
#endif
};

/* The synopses in a column, each description after it (under it when the synopsis is long). */
#define SYNOPSIS_WIDTH 36

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n%s\n\n%s\n",
           /* TRANSLATORS: keep --db and the words in capitals as they are, as in the
            * synopses of the commands below, which are not translated */
           _("Usage: ketluan-cli [--db PATH] COMMAND [ARGUMENTS…]"),
           _("Drafts, checks and renders the documents of a Party committee meeting."),
           _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strlen (commands[i].synopsis) <= SYNOPSIS_WIDTH)
        fprintf (out, "  %-*s %s\n", SYNOPSIS_WIDTH, commands[i].synopsis, _(commands[i].description));
      else
        fprintf (out, "  %s\n  %-*s %s\n", commands[i].synopsis, SYNOPSIS_WIDTH, "",
                 _(commands[i].description));
    }
  fprintf (out, "\n%s\n%s\n\n%s\n",
           _("Options:"),
           /* TRANSLATORS: keep the options and $KETLUAN_DB, $XDG_DATA_HOME as they are; the
            * descriptions start at column 17 */
           _("  --db PATH     the library database (default: $KETLUAN_DB, else\n"
             "                $XDG_DATA_HOME/ketluan/ketluan.db)\n"
             "  -h, --help    show this help\n"
             "  --version     show the version"),
           /* TRANSLATORS: "FILE:LINE: message" is the form tools read: keep it */
           _("Errors are printed as FILE:LINE: message; the exit status is 1 on error."));
}

int
main (int argc, char **argv)
{
  int i = 1;

  setlocale (LC_ALL, "");
  /* Help, messages and the findings of "check" are translated; from the build tree, with the
   * catalog built there. */
  kl_i18n_bind_catalog ();

  kl_cli_set_db_path (g_getenv ("KETLUAN_DB"));

  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help (stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("ketluan-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (strcmp (argv[i], "--db") == 0 && i + 1 < argc)
        {
          kl_cli_set_db_path (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          kl_cli_set_db_path (argv[i] + 5);
          i++;
        }
      else
        {
          kl_cli_error (_("unknown option '%s' (see ketluan-cli --help)"), argv[i]);
          return 1;
        }
    }

  if (i >= argc)
    {
      print_help (stderr);
      return 1;
    }

  for (gsize c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      return commands[c].func (argc - i, argv + i);

  kl_cli_error (_("unknown command '%s' (see ketluan-cli --help)"), argv[i]);
  return 1;
}
