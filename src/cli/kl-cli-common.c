/* kl-cli-common.c: loading input and reporting errors the same way in every command. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "kl-cli-common.h"
#include "kl-chart.h"

static char *db_path;

const char *
kl_cli_get_db_path (void)
{
  return db_path;
}

void
kl_cli_set_db_path (const char *path)
{
  g_free (db_path);
  db_path = g_strdup (path);
}

GPtrArray *
kl_cli_trend_reports (const char  *command,
                      KlStore     *store,
                      KlReport   **reports,
                      guint        n_reports,
                      gint64       document_id,
                      const char  *date,
                      KlSecrecy    secrecy,
                      const char  *font_family)
{
  g_autoptr(KlStore) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *periods = NULL;

  if (store == NULL)
    {
      g_autofree char *path = db_path != NULL ? g_strdup (db_path) : kl_store_default_path ();

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
      opened = kl_store_open (path, &error);
      if (opened == NULL)
        {
          /* "warning:" is what tools read: not translated. */
          kl_cli_error ("%s: warning: %s", command, error->message);
          return g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
        }
      g_clear_error (&error);
      store = opened;
    }
  found = kl_store_find_trend_reports (store, reports, n_reports, document_id, date, secrecy,
                                       KL_PERIOD_TREND_MAX, &error);
  if (found == NULL)
    {
      kl_cli_error ("%s: warning: %s", command, error->message);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) kl_period_report_free);
    }
  if (font_family != NULL && found->len > 0)
    {
      g_autoptr(GPtrArray) drawable = kl_chart_drawable_reports (found, font_family);

      for (guint i = found->len; i-- > 0;)
        if (!g_ptr_array_find (drawable, found->pdata[i], NULL))
          {
            KlPeriodReport *item = found->pdata[i];

            /* TRANSLATORS: the command, then the period of a report found in the library,
             * then the font ("năm 2022", "Liberation Serif") */
            kl_cli_error (_("%s: warning: the library's report of %s has a letter %s cannot draw; "
                            "it is left out of the trend"),
                          command, kl_report_get_period (item->report), font_family);
            g_ptr_array_remove_index (found, i);
          }
    }
  if (found->len == 0)
    return g_steal_pointer (&found);
  periods = kl_period_reports_join (found);
  /* TRANSLATORS: the command ("chart"), then the periods of the reports found in the
   * library, separated by commas ("năm 2022, năm 2023") */
  kl_cli_error (g_dngettext (GETTEXT_PACKAGE, "%s: trend: period from the library: %s",
                             "%s: trend: periods from the library: %s", found->len),
                command, periods);
  return g_steal_pointer (&found);
}

void
kl_cli_error_at (const char *path, guint line, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    fprintf (stderr, "%s:%u: %s\n", path, line, message);
  else
    fprintf (stderr, "%s: %s\n", path, message);
}

void
kl_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "ketluan-cli: %s\n", message);
}

/* Errors from the core carry "line N: …" at their start when they know the line;
 * turn that into the FILE:LINE: form. */
static void
report_error (const char *path, const GError *error)
{
  const char *msg = error->message;
  guint line = 0;

  if (g_str_has_prefix (msg, "line "))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (msg + 5, &end, 10);

      if (end != NULL && end != msg + 5 && (*end == ':' || *end == ','))
        {
          line = (guint) n;
          msg = end + 1;
          while (*msg == ' ')
            msg++;
        }
    }
  kl_cli_error_at (path, line, "%s", msg);
}

KlDocument *
kl_cli_load_document (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  const char *p;
  KlDocument *document;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      kl_cli_error_at (path, 0, _("cannot read the file: %s"), error->message);
      return NULL;
    }

  p = contents;
  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;

  if (*p == '{')
    document = kl_json_read_document (contents, (gssize) length, &error);
  else
    document = kl_importer_import_text (contents, (gssize) length, &error);

  if (document == NULL)
    {
      report_error (path, error);
      return NULL;
    }
  return document;
}

gboolean
kl_cli_write_output (const char *path, const char *contents, gsize length)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      if (fwrite (contents, 1, length, stdout) != length)
        {
          kl_cli_error ("%s", _("cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_set_contents (path, contents, (gssize) length, &error))
    {
      kl_cli_error_at (path, 0, _("cannot write the file: %s"), error->message);
      return FALSE;
    }
  return TRUE;
}
