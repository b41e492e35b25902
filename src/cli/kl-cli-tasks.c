/* kl-cli-tasks.c: "ketluan-cli tasks": tasks assigned by conclusions, their follow-up and report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-tasks.h"
#include "store/kl-store.h"

/* TRANSLATORS: keep the options, the words in capitals of the synopses, "FILE:LINE:" and
 * the states open, done and overdue as they are: tools read them */
static const char usage[] =
  N_("Usage: ketluan-cli tasks FILE [--today YYYY-MM-DD] [--long]\n"
     "       ketluan-cli [--db PATH] tasks FILE --save\n"
     "       ketluan-cli [--db PATH] tasks --id N [--save] [--long]\n"
     "       ketluan-cli [--db PATH] tasks [--today YYYY-MM-DD] [--long]\n"
     "       ketluan-cli [--db PATH] tasks --report -o OUT.json [--today YYYY-MM-DD]\n"
     "       ketluan-cli [--db PATH] tasks --done ID | --reopen ID\n"
     "\n"
     "With FILE: finds the tasks the document assigns and prints one a line,\n"
     "  FILE:LINE: BODY | DEADLINE | TEXT   (DEADLINE dd/mm/yyyy, or - when none; LINE is the\n"
     "  line of the file, or of the body for a JSON file). --save stores the document in the\n"
     "  library as a new document and keeps its tasks for follow-up.\n"
     "With --id N: the same for a stored document; --save keeps its tasks (replacing those\n"
     "  kept before; a task kept before keeps its state).\n"
     "Without FILE: lists the kept tasks, ID STATUS DEADLINE BODY | DOCUMENT | TEXT, where\n"
     "  STATUS is open, done or overdue (open and past its deadline as of --today).\n"
     "--long also gives the deadline as the document words it, in parentheses after\n"
     "  DEADLINE (alone when the wording holds the whole date), and for kept tasks the\n"
     "  line of the document's body: DOCUMENT line N.\n"
     "--report writes the follow-up report of open and overdue tasks (a BÁO CÁO) as JSON.\n"
     "--done marks a task done today; --reopen opens it again.\n");

typedef struct {
  const char *file;
  gint64      id;
  gboolean    save;
  gboolean    report;
  const char *output;
  gint64      done;
  gint64      reopen;
  gboolean    full;     /* --long */
  GDate       today;
} Options;

static gboolean
parse_id (const char *text, gint64 *out)
{
  char *end = NULL;
  gint64 id;

  if (text == NULL)
    return FALSE;
  id = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || id <= 0)
    return FALSE;
  *out = id;
  return TRUE;
}

static gboolean
parse_options (int argc, char **argv, Options *opts)
{
  memset (opts, 0, sizeof *opts);
  g_date_clear (&opts->today, 1);

  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      const char *next = i + 1 < argc ? argv[i + 1] : NULL;

      if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          fputs (_(usage), stdout);
          exit (0);
        }
      else if (strcmp (a, "--save") == 0)
        opts->save = TRUE;
      else if (strcmp (a, "--report") == 0)
        opts->report = TRUE;
      else if (strcmp (a, "--long") == 0)
        opts->full = TRUE;
      else if (strcmp (a, "-o") == 0 && next != NULL)
        opts->output = argv[++i];
      else if (strcmp (a, "--db") == 0 && next != NULL)
        kl_cli_set_db_path (argv[++i]);
      else if ((strcmp (a, "--id") == 0 || strcmp (a, "--done") == 0 ||
                strcmp (a, "--reopen") == 0) && next != NULL)
        {
          gint64 *slot = strcmp (a, "--id") == 0 ? &opts->id
                       : strcmp (a, "--done") == 0 ? &opts->done : &opts->reopen;
          if (!parse_id (next, slot))
            {
              kl_cli_error (_("tasks: %s wants a number, not '%s'"), a, next);
              return FALSE;
            }
          i++;
        }
      else if (strcmp (a, "--today") == 0 && next != NULL)
        {
          unsigned y, m, d;
          if (sscanf (next, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
            {
              kl_cli_error (_("tasks: --today wants a date YYYY-MM-DD, not '%s'"), next);
              return FALSE;
            }
          g_date_set_dmy (&opts->today, d, m, y);
          i++;
        }
      else if (a[0] == '-' && a[1] != '\0')
        {
          kl_cli_error (_("tasks: unknown option '%s'\n%s"), a, _(usage));
          return FALSE;
        }
      else if (opts->file == NULL)
        opts->file = a;
      else
        {
          kl_cli_error (_("tasks: one FILE at a time ('%s' is one too many)"), a);
          return FALSE;
        }
    }
  if (!g_date_valid (&opts->today))
    g_date_set_time_t (&opts->today, time (NULL));
  if (opts->report && opts->output == NULL)
    {
      kl_cli_error ("%s", _("tasks: --report needs -o OUT.json"));
      return FALSE;
    }
  if (opts->file != NULL && opts->id > 0)
    {
      kl_cli_error ("%s", _("tasks: give FILE or --id, not both"));
      return FALSE;
    }
  return TRUE;
}

static KlStore *
open_store (gboolean for_writing)
{
  const char *path = kl_cli_get_db_path ();
  g_autofree char *def = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = NULL;

  if (path == NULL || *path == '\0')
    path = def = kl_store_default_path ();
  store = kl_store_open (path, &error);
  if (store == NULL)
    {
      kl_cli_error ("%s", error->message);
      return NULL;
    }
  if (error != NULL)
    {
      if (for_writing)
        {
          kl_cli_error ("%s", error->message);
          return NULL;
        }
      fprintf (stderr, "ketluan-cli: warning: %s\n", error->message);
    }
  return g_steal_pointer (&store);
}

/* The text of a text file, for lines; NULL for JSON, whose lines mean nothing to users. */
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

/* The lines without --long are read by scripts: they keep the form they have had since
 * the command came; --long adds what the library learnt to keep later. */
static void
print_extracted (const char *where, GListModel *tasks, gboolean full)
{
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (tasks, i);
      g_autofree char *due = full ? kl_task_dup_due_display_full (task) : kl_task_dup_due_display (task);

      printf ("%s:%u: %s | %s | %s\n", where, kl_task_get_line (task),
              kl_task_get_assignee (task), due, kl_task_get_text (task));
    }
}

static int
save_tasks (KlStore *store, gint64 document_id, GListModel *tasks)
{
  g_autoptr(GError) error = NULL;

  if (!kl_store_save_tasks (store, document_id, tasks, &error))
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  {
    guint n = g_list_model_get_n_items (tasks);
    g_autofree char *document = g_strdup_printf ("%lld", (long long) document_id);

    /* TRANSLATORS: the number of tasks, the document's id */
    kl_cli_error (g_dngettext (GETTEXT_PACKAGE, "kept %u task of document %s",
                               "kept %u tasks of document %s", n), n, document);
  }
  return 0;
}

static int
tasks_of_file (const Options *opts)
{
  g_autoptr(KlDocument) doc = kl_cli_load_document (opts->file);
  g_autoptr(GListStore) tasks = NULL;
  g_autofree char *source = NULL;

  if (doc == NULL)
    return 1;
  tasks = kl_tasks_extract (doc);
  source = read_source_text (opts->file);
  if (source != NULL)
    kl_tasks_locate_in_source (G_LIST_MODEL (tasks), source);
  print_extracted (opts->file, G_LIST_MODEL (tasks), opts->full);

  if (opts->save)
    {
      g_autoptr(KlStore) store = open_store (TRUE);
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (store == NULL)
        return 1;
      id = kl_store_import_document (store, doc, &error);
      if (id == 0)
        {
          kl_cli_error_at (opts->file, 0, "%s", error->message);
          return 1;
        }
      printf ("%lld\n", (long long) id);
      return save_tasks (store, id, G_LIST_MODEL (tasks));
    }
  return 0;
}

static int
tasks_of_stored (const Options *opts)
{
  g_autoptr(KlStore) store = open_store (opts->save);
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  if (store == NULL)
    return 1;
  doc = kl_store_load_document (store, opts->id, &error);
  if (doc == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  tasks = kl_tasks_extract (doc);
  where = g_strdup_printf ("db:%lld:body", (long long) opts->id);
  print_extracted (where, G_LIST_MODEL (tasks), opts->full);
  return opts->save ? save_tasks (store, opts->id, G_LIST_MODEL (tasks)) : 0;
}

static int
list_stored (const Options *opts)
{
  g_autoptr(KlStore) store = open_store (FALSE);
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return 1;
  tasks = kl_store_list_tasks (store, 0, &error);
  if (tasks == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tasks)); i++)
    {
      g_autoptr(KlTask) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      /* --long: the deadline as written too (kl_task_dup_due_display_full()). */
      g_autofree char *due = opts->full ? kl_task_dup_due_display_full (task) : kl_task_dup_due_display (task);
      KlTaskStatus status = kl_task_get_status (task, &opts->today);
      const char *symbol = kl_task_get_document_symbol (task);
      g_autofree char *line = NULL;

      if (!opts->full)
        {
          printf ("%lld %s %s %s | %s | %s\n", (long long) kl_task_get_id (task),
                  kl_task_status_to_string (status), due,
                  kl_task_get_assignee (task) != NULL ? kl_task_get_assignee (task) : "-",
                  symbol != NULL ? symbol : "-", kl_task_get_text (task));
          continue;
        }
      /* Tasks kept by a library older than version 8 have no line. */
      if (kl_task_get_body_line (task) > 0)
        line = g_strdup_printf (" line %u", kl_task_get_body_line (task));
      printf ("%lld %s %s %s | %s%s | %s\n", (long long) kl_task_get_id (task),
              kl_task_status_to_string (status), due,
              kl_task_get_assignee (task) != NULL ? kl_task_get_assignee (task) : "-",
              symbol != NULL ? symbol : "-", line != NULL ? line : "", kl_task_get_text (task));
    }
  return 0;
}

static int
write_report (const Options *opts)
{
  g_autoptr(KlStore) store = open_store (FALSE);
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(KlOrganization) org = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (store == NULL)
    return 1;
  tasks = kl_store_list_tasks (store, 0, &error);
  if (tasks == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  org = kl_store_load_organization (store, NULL);
  /* A library without a profile yet: the header is that of the documents followed. */
  if (org != NULL && kl_organization_get_name (org) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (tasks)) > 0)
    {
      g_autoptr(KlTask) first = g_list_model_get_item (G_LIST_MODEL (tasks), 0);
      g_autoptr(KlDocument) source = kl_store_load_document (store, kl_task_get_document_id (first), NULL);
      if (source != NULL)
        {
          kl_organization_set_superior (org, kl_document_get_superior (source));
          kl_organization_set_name (org, kl_document_get_issuer (source));
          kl_organization_set_abbreviation (org, kl_document_get_issuer_abbreviation (source));
          kl_organization_set_place (org, kl_document_get_place (source));
        }
    }
  doc = kl_tasks_build_report (G_LIST_MODEL (tasks), &opts->today, org);
  json = kl_json_write_document (doc);
  return kl_cli_write_output (opts->output, json, strlen (json)) ? 0 : 1;
}

static int
change_state (gint64 id, KlTaskState state)
{
  g_autoptr(KlStore) store = open_store (TRUE);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return 1;
  if (!kl_store_set_task_state (store, id, state, NULL, &error))
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}

int
kl_cli_tasks (int argc, char **argv)
{
  Options opts;

  if (!parse_options (argc, argv, &opts))
    return 1;
  if (opts.done > 0)
    return change_state (opts.done, KL_TASK_STATE_DONE);
  if (opts.reopen > 0)
    return change_state (opts.reopen, KL_TASK_STATE_OPEN);
  if (opts.report)
    return write_report (&opts);
  if (opts.file != NULL)
    return tasks_of_file (&opts);
  if (opts.id > 0)
    return tasks_of_stored (&opts);
  return list_stored (&opts);
}
