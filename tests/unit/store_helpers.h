/* store_helpers.h: documents and git oracles shared by the store tests. */
#ifndef RESDIFF_TEST_STORE_HELPERS_H
#define RESDIFF_TEST_STORE_HELPERS_H

#include "helpers.h"

/* A document built with the doc.h API: `units` units of every kind with
 * labels, lines, footnote references, footnotes and a diagnostic; `seed`
 * varies the texts. series and date may be NULL. Caller frees. */
resdiff_doc *test_make_doc(const char *symbol, const char *lang, const char *series,
		const char *date, size_t units, unsigned seed);
/* A document of `kib` units of 1 KiB of random printable text (it barely
 * compresses): series "big", dated 2001-01-01, English. Caller frees. */
resdiff_doc *test_big_doc(const char *symbol, size_t kib, unsigned seed);
/* Fail the test unless a and b are equal in every field. */
void test_assert_docs_equal(const resdiff_doc *a, const resdiff_doc *b);
/* Run a shell command and return its standard output (caller frees);
 * *status gets the exit status. */
char *test_capture(int *status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* `git fsck --strict` in repo must exit 0 and print nothing but dangling
 * objects. */
void test_assert_fsck(const char *repo);

#endif
