/* concordance_fuzz.c: fuzz target for the reader of concordance files
 * (core/src/concordance.c, `diff --concordance FILE`). Checked: every pin
 * it returns has a non-empty old and new id without '\n' or '#', no more
 * pins than the limit, and an error always leaves a message. Its seeds in
 * tests/fuzz/concordance_seeds replay in every test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_concordance *c = NULL;
	size_t i;
	int error;

	if (resdiff_concordance_new(&c) < 0)
		abort();
	error = resdiff_concordance_read(c, (const char *)data, size, "fuzz.tsv");
	if (error < 0 && strncmp(resdiff_error_last(), "fuzz.tsv:", 9))
		abort();
	if (c->count > RESDIFF_CONCORDANCE_MAX_PINS)
		abort();
	for (i = 0; i < c->count; i++) {
		const resdiff_align_pin *p = &c->pins[i];
		if (!p->old_id[0] || !p->new_id[0] || strchr(p->old_id, '\n') ||
		    strchr(p->new_id, '\n') || strchr(p->old_id, '#') || strchr(p->new_id, '#'))
			abort();
	}
	resdiff_concordance_free(c);
	return 0;
}
