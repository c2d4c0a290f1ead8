/* check_fuzz.c: fuzz target for the checks on a parsed text (libFuzzer
 * entry point): the parse with its trace, then every check `resdiff
 * check` runs on one file (debris, accounting of words and markers, texts
 * misread as reports), as core/src/check.c calls them. Built as a fuzzer
 * with -DRESDIFF_FUZZ=ON and clang; its seed corpus in
 * tests/fuzz/check_seeds is replayed by tests/fuzz/replay.c in every
 * ordinary test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_parse_trace *trace = NULL;
	resdiff_findings *f = NULL;
	resdiff_doc *doc = NULL;
	size_t k;

	opts.source = "fuzz";
	if (resdiff_findings_new(&f) < 0)
		return 0;
	if (resdiff_parse_traced(&doc, &trace, (const char *)data, size, &opts) == 0 &&
	    resdiff_check_doc(f, doc, "fuzz", NULL) == 0 &&
	    resdiff_check_account(f, doc, trace, "fuzz", NULL) == 0)
		(void)resdiff_check_misread(f, doc, trace, "fuzz", NULL);
	/* every finding names the file and says something */
	for (k = 0; k < f->count; k++)
		if (!f->items[k].file || !f->items[k].kind || !f->items[k].message ||
		    !f->items[k].message[0])
			abort();
	resdiff_parse_trace_free(trace);
	resdiff_doc_free(doc);
	resdiff_findings_free(f);
	return 0;
}
