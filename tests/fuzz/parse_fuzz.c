/* parse_fuzz.c: fuzz target for the parser (libFuzzer entry point).
 * Built as a fuzzer with -DRESDIFF_FUZZ=ON and clang; its seed corpus in
 * tests/fuzz/parse_seeds is replayed by tests/fuzz/replay.c in every
 * ordinary test run. */
#include <stddef.h>
#include <stdint.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;

	opts.source = "fuzz";
	if (resdiff_parse(&doc, (const char *)data, size, &opts) == 0) {
		/* every renderer must cope with whatever the parser produced */
		resdiff_render_doc_json(&out, doc, "fuzz");
		resdiff_render_doc_text(&out, doc, true);
		resdiff_render_doc_summary(&out, doc, "fuzz");
	}
	resdiff_buf_dispose(&out);
	resdiff_doc_free(doc);
	return 0;
}
