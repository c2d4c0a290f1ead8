/* canon_fuzz.c: fuzz target for the store's document decoder, the reader
 * of the canonical stored text (core/src/canon.c, docs/FORMAT.md): a blob
 * in a repository is input like any other. Both modes run; a document the
 * full reader accepts must round-trip: writing it and reading that back
 * gives the same bytes again, and the reading part read alone (a series
 * view) must read too. Its seeds in tests/fuzz/canon_seeds replay in every
 * test run through tests/fuzz/replay.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	resdiff_doc *doc = NULL, *again = NULL, *head = NULL, *view = NULL;
	resdiff_buf one = RESDIFF_BUF_INIT, two = RESDIFF_BUF_INIT;
	char sha[65], sha2[65];
	size_t reading;

	if (resdiff_canon_read(&head, sha, text, size, RESDIFF_CANON_HEADER_ONLY) == 0 &&
	    strlen(sha) != 0 && strlen(sha) != 64)
		abort();
	reading = resdiff_canon_reading_len(text, size);
	if (reading > size)
		abort();
	if (resdiff_canon_read(&doc, sha, text, size, RESDIFF_CANON_FULL) == 0) {
		if (resdiff_canon_write(&one, doc, sha[0] ? sha : NULL) < 0)
			abort();
		if (resdiff_canon_read(&again, sha2, one.ptr, one.size, RESDIFF_CANON_FULL) < 0)
			abort();
		if (strcmp(sha, sha2) || resdiff_canon_write(&two, again, sha2[0] ? sha2 : NULL) < 0 ||
		    one.size != two.size || memcmp(one.ptr, two.ptr, one.size))
			abort();
		/* the reading part of what was written is a series view */
		if (resdiff_canon_read(&view, NULL, one.ptr, resdiff_canon_reading_len(one.ptr, one.size),
				RESDIFF_CANON_FULL) < 0 || view->unit_count != doc->unit_count)
			abort();
	}
	resdiff_buf_dispose(&one);
	resdiff_buf_dispose(&two);
	resdiff_doc_free(doc);
	resdiff_doc_free(again);
	resdiff_doc_free(head);
	resdiff_doc_free(view);
	return 0;
}
