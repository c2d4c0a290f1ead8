/* diff_fuzz.c: fuzz target for the diff stage (libFuzzer entry point).
 * The input is two texts separated by a line "=====" (or cut in half when
 * there is none); both are parsed, aligned and word-diffed, every renderer
 * runs, and the alignment's contract is checked: every unit of both sides
 * in exactly one change. Its seeds in tests/fuzz/diff_seeds replay in every
 * ordinary test run through tests/fuzz/replay.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_partition(const resdiff_alignment *al)
{
	unsigned char *seen_o = calloc(al->old_doc->unit_count + 1, 1);
	unsigned char *seen_n = calloc(al->new_doc->unit_count + 1, 1);
	size_t i, k;

	if (!seen_o || !seen_n)
		abort();
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (c->old_count + c->new_count == 0)
			abort();
		if ((c->similarity < 0) != (c->old_count == 0 || c->new_count == 0) || c->similarity > 1)
			abort();
		for (k = 0; k < c->old_count; k++)
			if (c->old_units[k] >= al->old_doc->unit_count || seen_o[c->old_units[k]]++)
				abort();
		for (k = 0; k < c->new_count; k++)
			if (c->new_units[k] >= al->new_doc->unit_count || seen_n[c->new_units[k]]++)
				abort();
	}
	for (i = 0; i < al->old_doc->unit_count; i++)
		if (seen_o[i] != 1)
			abort();
	for (i = 0; i < al->new_doc->unit_count; i++)
		if (seen_n[i] != 1)
			abort();
	free(seen_o);
	free(seen_n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char SEP[] = "\n=====\n";
	const char *text = (const char *)data, *sep = NULL;
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *a = NULL, *b = NULL;
	resdiff_diff *diff = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options ropts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	size_t i, alen, boff;

	for (i = 0; i + sizeof(SEP) - 1 <= size; i++)
		if (!memcmp(text + i, SEP, sizeof(SEP) - 1)) {
			sep = text + i;
			break;
		}
	alen = sep ? (size_t)(sep - text) : size / 2;
	boff = sep ? alen + sizeof(SEP) - 1 : alen;
	opts.source = "fuzz";
	if (resdiff_parse(&a, text, alen, &opts) == 0 &&
	    resdiff_parse(&b, text + boff, size - boff, &opts) == 0 &&
	    resdiff_diff_docs(&diff, a, b, NULL) == 0) {
		check_partition(diff->alignment);
		resdiff_render_diff_text(&out, diff, &ropts);
		ropts.color = true;
		resdiff_render_diff_text(&out, diff, &ropts);
		resdiff_render_diff_stat(&out, diff, &ropts);
		resdiff_render_diff_json(&out, diff, &ropts);
		resdiff_render_diff_markdown(&out, diff, &ropts);
		resdiff_render_diff_html(&out, diff, &ropts);
		resdiff_render_diff_signals(&out, diff, &ropts);
		ropts.ignore_rolling = true;
		resdiff_render_diff_text(&out, diff, &ropts);
		resdiff_render_diff_signals(&out, diff, &ropts);
		resdiff_render_diff_html(&out, diff, &ropts);
		ropts.ignore_rolling = false;
		ropts.amend_lang = "en";
		resdiff_render_diff_amendments(&out, diff, &ropts);
		ropts.amend_lang = "zh";
		ropts.only_operative = true;
		resdiff_render_diff_amendments(&out, diff, &ropts);
	}
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return 0;
}
