/* fuzz-common.h: what every libFuzzer target of Ketluan shares (set-up, NUL-terminated input). */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

/* A critical is a broken precondition inside the code under test: make it a crash the
 * fuzzer reports, as G_DEBUG=fatal-criticals does for the test suite. Warnings stay quiet
 * so that the fuzzer's output is not drowned. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* The fuzz bytes as a NUL-terminated string (the bytes may hold NULs of their own). */
static inline char *
fuzz_strndup (const uint8_t *data, size_t size)
{
  char *s = g_malloc (size + 1);

  memcpy (s, data, size);
  s[size] = '\0';
  return s;
}
