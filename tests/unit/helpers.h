/* helpers.h: shared by the cmocka unit tests. */
#ifndef RESDIFF_TEST_HELPERS_H
#define RESDIFF_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "resdiff/resdiff.h"

/* Read a file below the source tree ("corpus/E_RES_2009_7.zh.txt");
 * fails the test if it cannot. Caller frees. */
char *test_read_source(const char *relpath, size_t *len);
/* Parse a file below the source tree; fails the test on error. */
resdiff_doc *test_parse_source(const char *relpath, const char *lang);
/* Parse a string; fails the test on error. */
resdiff_doc *test_parse_string(const char *text, const char *lang);
/* Count units of one kind. */
size_t test_count_kind(const resdiff_doc *doc, resdiff_unit_kind kind);
/* Assert the unit `id` exists and has exactly `text`. */
void test_assert_unit_text(const resdiff_doc *doc, const char *id, const char *text);
/* Make a fresh temporary directory (mkdtemp); caller frees the string. */
char *test_tmpdir(void);
/* Run a shell command, return its exit status (or -1). */
int test_system(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
