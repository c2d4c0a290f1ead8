/* amend_fuzz.c: fuzz target for the reader of tabled amendments
 * (core/src/amend_read.c) and the applier behind it (amend_apply.c).
 * Whatever the reader accepts must apply to a small draft without error
 * but out of memory, and every outcome must be accounted for. Built as a
 * fuzzer with -DRESDIFF_FUZZ=ON and clang; its seeds in
 * tests/fuzz/amend_seeds replay in every ordinary test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Paragraphs of each kind, numbers and words the seeds cite. */
static const char DRAFT[] =
	"The Economic and Social Council,\n\n"
	"Recalling the outcome documents of the World Summit on the Information\n"
	"Society, including the Geneva Declaration of Principles,\n\n"
	"Reaffirming the decision to deny visas ahead of the upcoming session,\n\n"
	"1. Decides that:\n\n(a) The State may submit a statement of its Head of State;\n\n"
	"(b) The State may deliver statements by videoconference;\n\n"
	"2. Requests a report;\n\n3. Decides to remain seized of the matter.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_amend_read_options ropts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *am = NULL;
	resdiff_amend_result *res = NULL;
	resdiff_doc *draft = NULL;
	size_t i, applied = 0;

	popts.language = "en";
	if (resdiff_amendments_read(&am, (const char *)data, size, &ropts) < 0)
		return 0;
	if (resdiff_parse(&draft, DRAFT, sizeof(DRAFT) - 1, &popts) < 0)
		abort();
	if (resdiff_amendments_apply(&res, draft, am) < 0)
		abort();
	if (res->count != am->count)
		abort();
	for (i = 0; i < res->count; i++) {
		applied += res->outcomes[i].status == RESDIFF_AMEND_APPLIED;
		if ((res->outcomes[i].status == RESDIFF_AMEND_APPLIED) != !res->outcomes[i].reason)
			abort();
	}
	if (applied != res->applied)
		abort();
	resdiff_amend_result_free(res);
	resdiff_doc_free(draft);
	resdiff_amendments_free(am);
	return 0;
}
