/* akn_fuzz.c: fuzz target for the Akoma Ntoso reader (libFuzzer entry
 * point). Whatever it reads must export, and what it exports must read
 * back into a document that exports to the same bytes. Built as a fuzzer
 * with -DRESDIFF_FUZZ=ON and clang; its seeds in tests/fuzz/akn_seeds
 * replay in every ordinary test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL, *again = NULL;
	resdiff_buf a = RESDIFF_BUF_INIT, b = RESDIFF_BUF_INIT;

	opts.source = "fuzz";
	if (resdiff_akn_parse(&doc, (const char *)data, size, &opts) == 0) {
		if (resdiff_render_doc_akn(&a, doc, NULL) < 0 ||
		    resdiff_akn_parse(&again, a.ptr, a.size, &opts) < 0 ||
		    resdiff_render_doc_akn(&b, again, NULL) < 0 ||
		    a.size != b.size || memcmp(a.ptr, b.ptr, a.size))
			abort();
		/* the other renderers cope with what it read */
		resdiff_render_doc_json(&b, doc, "fuzz");
		resdiff_render_doc_text(&b, doc, true);
	}
	resdiff_buf_dispose(&a);
	resdiff_buf_dispose(&b);
	resdiff_doc_free(doc);
	resdiff_doc_free(again);
	return 0;
}
