/* kl-cli-store.c: the library commands of ketluan-cli: list, search, export, revisions, backup, restore. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "store/kl-store.h"

static char *
db_path (void)
{
  const char *path = kl_cli_get_db_path ();

  return path != NULL && *path != '\0' ? g_strdup (path) : kl_store_default_path ();
}

/* Opens the library; a read-only one (newer version, read-only file) is fine for reading. */
static KlStore *
open_store (gboolean for_writing)
{
  g_autofree char *path = db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = kl_store_open (path, &error);

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

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* One line per field in tab-separated output: tabs and line breaks inside become spaces. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  return g_strdelimit (copy, "\t\r\n", ' ');
}

static int
cmd_list (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = 0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--limit") == 0 && i + 1 < argc)
        limit = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else
        {
          kl_cli_error (_("list: unknown argument '%s' (usage: list [--limit N])"), argv[i]);
          return 1;
        }
    }
  store = open_store (FALSE);
  if (store == NULL)
    return 1;
  list = kl_store_list_documents (store, limit, &error);
  if (list == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < list->len; i++)
    {
      KlDocumentInfo *info = g_ptr_array_index (list, i);
      g_autofree char *modified = format_time (info->modified);
      g_autofree char *summary = one_line (info->summary);
      g_autofree char *title = one_line (info->title);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\n", info->id,
              info->kind != NULL ? info->kind : "",
              info->state == KL_DOCUMENT_STATE_ISSUED ? "issued" : "draft",
              info->date != NULL ? info->date : "-", modified, title, summary);
    }
  return 0;
}

static int
cmd_search (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  guint limit = 20;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--limit") == 0 && i + 1 < argc)
        limit = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append (query, argv[i]);
        }
    }
  if (query->len == 0)
    {
      kl_cli_error ("%s", _("search: what to search for? (usage: search TEXT)"));
      return 1;
    }
  store = open_store (FALSE);
  if (store == NULL)
    return 1;
  hits = kl_store_search (store, query->str, limit, &error);
  if (hits == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      KlSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = one_line (hit->title);
      g_autofree char *snippet = one_line (hit->snippet);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", hit->id, title, snippet);
    }
  if (hits->len == 0)
    kl_cli_error (_("nothing found for '%s'"), query->str);
  return 0;
}

static int
cmd_export (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *output = NULL;
  const char *id_text = NULL;
  gint64 id = 0;

  for (int i = 1; i < argc; i++)
    {
      if ((strcmp (argv[i], "-o") == 0 || strcmp (argv[i], "--output") == 0) && i + 1 < argc)
        output = argv[++i];
      else if (id_text == NULL)
        id_text = argv[i];
      else
        {
          kl_cli_error (_("export: unexpected argument '%s'"), argv[i]);
          return 1;
        }
    }
  if (!parse_id (id_text, &id) || output == NULL)
    {
      kl_cli_error ("%s", _("usage: export ID -o FILE.json (the ID is a number from 'list')"));
      return 1;
    }
  store = open_store (FALSE);
  if (store == NULL)
    return 1;
  doc = kl_store_load_document (store, id, &error);
  if (doc == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  json = kl_json_write_document (doc);
  return kl_cli_write_output (output, json, strlen (json)) ? 0 : 1;
}

static int
cmd_revisions (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  gint64 id = 0;

  if (argc != 2 || !parse_id (argv[1], &id))
    {
      kl_cli_error ("%s", _("usage: revisions ID (the ID is a number from 'list')"));
      return 1;
    }
  store = open_store (FALSE);
  if (store == NULL)
    return 1;
  doc = kl_store_load_document (store, id, &error);
  if (doc == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  list = kl_store_list_revisions (store, id, &error);
  if (list == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < list->len; i++)
    {
      KlRevisionInfo *info = g_ptr_array_index (list, i);
      g_autofree char *created = format_time (info->created);
      g_autofree char *reason = one_line (info->reason);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\n", info->id, created, reason);
    }
  if (list->len == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* TRANSLATORS: the document's id */
      kl_cli_error (_("document %s has no revisions yet"), number);
    }
  return 0;
}

static int
cmd_backup (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (argc != 1)
    {
      kl_cli_error ("%s", _("usage: backup"));
      return 1;
    }
  store = open_store (FALSE);
  if (store == NULL)
    return 1;
  path = kl_store_backup (store, &error);
  if (path == NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  printf ("%s\n", path);
  return 0;
}

static int
cmd_restore (int argc, char **argv)
{
  g_autoptr(KlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      kl_cli_error ("%s", _("usage: restore FILE (a backup, e.g. from 'backup')"));
      return 1;
    }
  store = open_store (TRUE);
  if (store == NULL)
    return 1;
  if (!kl_store_restore_backup (store, argv[1], &error))
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  /* TRANSLATORS: the library's file, the backup it was restored from */
  printf (_("restored %s from %s (the previous content was backed up first)\n"),
          kl_store_get_path (store), argv[1]);
  return 0;
}

int
kl_cli_store_import_document (KlDocument *document,
                              const char *source_path,
                              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = NULL;
  gint64 id;

  g_return_val_if_fail (KL_IS_DOCUMENT (document), 1);

  store = kl_store_open (path != NULL ? path : kl_cli_get_db_path (), &error);
  if (store == NULL || error != NULL)
    {
      kl_cli_error ("%s", error->message);
      return 1;
    }
  /* Always a new document: importing the same file twice gives two drafts. */
  id = kl_store_import_document (store, document, &error);
  if (id == 0)
    {
      kl_cli_error_at (source_path != NULL ? source_path : "-", 0, "%s", error->message);
      return 1;
    }
  printf ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

int
kl_cli_store_import (const char *path, KlDocument *doc)
{
  g_autofree char *db = db_path ();

  return kl_cli_store_import_document (doc, path, db);
}

int
kl_cli_store (int argc, char **argv)
{
  static const struct {
    const char       *name;
    KlCliCommandFunc  func;
  } commands[] = {
    { "list", cmd_list },
    { "search", cmd_search },
    { "export", cmd_export },
    { "revisions", cmd_revisions },
    { "backup", cmd_backup },
    { "restore", cmd_restore },
  };

  g_return_val_if_fail (argc >= 1, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[0], commands[i].name) == 0)
      return commands[i].func (argc, argv);
  kl_cli_error (_("unknown library command '%s'"), argv[0]);
  return 1;
}
