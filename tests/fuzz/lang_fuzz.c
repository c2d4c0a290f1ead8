/* lang_fuzz.c: fuzz target for the language-file reader (core/src/lang.c,
 * docs/LANGUAGES.md). Whatever it accepts must hold what the section rules
 * promise, and every phrase must expand. Built as a fuzzer with
 * -DRESDIFF_FUZZ=ON and clang; its seeds in tests/fuzz/lang_seeds replay in
 * every ordinary test run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lang_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int value(resdiff_buf *out, const char *name, size_t len, void *ctx)
{
	(void)ctx;
	return resdiff_buf_put(out, name, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	resdiff_lang *l = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	size_t s, i;

	if (lang_parse(&l, "fuzz", (const char *)data, size) < 0)
		return 0;
	if (!l->code || !l->name || !l->script)
		abort();
	for (s = 0; s < RESDIFF_SECTION_COUNT; s++)
		for (i = 0; i < l->section[s].count; i++) {
			const resdiff_lang_entry *e = &l->section[s].entry[i];
			if (strlen(e->text) != e->len)
				abort();
			if (resdiff_lang_expand(&out, e->text, value, NULL) < 0)
				abort();
		}
	resdiff_buf_dispose(&out);
	lang_parsed_free(l);
	return 0;
}
