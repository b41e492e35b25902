/* fuzz-store.c: kl_store_open on any bytes written as the database file, then reading it all. */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include "kl-core.h"
#include "store/kl-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *fuzz_dir;

/* Removes what one run may leave: the file, its journal/WAL and the backups directory. */
static void
clean_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          clean_dir (path);
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
}

static void
remove_fuzz_dir (void)
{
  clean_dir (fuzz_dir);
  g_rmdir (fuzz_dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlStore) store = NULL;

  fuzz_init ();
  if (fuzz_dir == NULL)
    {
      fuzz_dir = g_dir_make_tmp ("ketluan-fuzz-store-XXXXXX", NULL);
      g_assert_nonnull (fuzz_dir);
      atexit (remove_fuzz_dir);
    }
  if (size > 1024 * 1024)
    return 0;
  clean_dir (fuzz_dir);
  path = g_build_filename (fuzz_dir, "ketluan.db", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));

  store = kl_store_open (path, &error);
  if (store == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  g_clear_error (&error);

  /* Whatever opened must list and load without crashing (errors are fine). */
  {
    g_autoptr(GPtrArray) docs = kl_store_list_documents (store, 20, &error);
    g_clear_error (&error);
    for (guint i = 0; docs != NULL && i < docs->len; i++)
      {
        KlDocumentInfo *info = docs->pdata[i];
        g_autoptr(KlDocument) doc = kl_store_load_document (store, info->id, &error);
        g_clear_error (&error);
      }
  }
  return 0;
}
