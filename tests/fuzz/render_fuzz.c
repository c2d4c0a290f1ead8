/* render_fuzz.c: fuzz target for the diff renderers (text, stat, signals,
 * JSON, Markdown, HTML, amendments) on hostile documents. The input is two
 * canonical stored texts (docs/FORMAT.md) separated by a line "=====" (or
 * cut in half): a repository can hold any unit id, symbol, title or text,
 * control characters and bad UTF-8 included, and the symbols are also the
 * names shown for the two sides. Checked, with a UTF-8 decoder of its own:
 * JSON and HTML are valid UTF-8; no output holds a control character
 * other than newline (and tab in text), nor the bidi embeddings,
 * overrides, isolates or line/paragraph separators the terminal
 * sanitizer masks. Its seeds in tests/fuzz/render_seeds replay in every
 * test run through tests/fuzz/replay.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/resdiff.h"
#include "fuzz_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const resdiff_buf *out, size_t at)
{
	fprintf(stderr, "%s output: bad character at byte %zu: %.*s\n", what, at,
		(int)(out->size - at < 80 ? out->size - at : 80), out->ptr + at);
	abort();
}

/* utf8: must be valid UTF-8 (JSON, HTML); tab: a tab may appear; json:
 * only what JSON forbids raw (control characters) is refused, the text's
 * own characters (bidi controls included) are the strings' values. */
static void check(const char *what, const resdiff_buf *out, bool utf8, bool tab)
{
	bool json = !strcmp(what, "json");
	const unsigned char *p = (const unsigned char *)out->ptr;
	size_t i = 0, adv;

	while (i < out->size) {
		long cp = fuzz_next_cp(p + i, out->size - i, &adv);
		if (cp < 0) {
			if (utf8)
				fail(what, out, i);
		} else if ((cp < 0x20 && cp != '\n' && !(tab && cp == '\t')) ||
			   (!json && ((cp >= 0x7F && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
			   (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029))) {
			fail(what, out, i);
		}
		i += adv;
	}
}

typedef int (*render_fn)(resdiff_buf *, const resdiff_diff *, const resdiff_diff_render_options *);

static void run(const char *what, render_fn fn, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts, bool utf8, bool tab)
{
	resdiff_buf out = RESDIFF_BUF_INIT;
	if (fn(&out, diff, opts) == 0)
		check(what, &out, utf8, tab);
	resdiff_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char SEP[] = "\n=====\n";
	const char *text = (const char *)data, *sep = NULL;
	resdiff_doc *a = NULL, *b = NULL;
	resdiff_diff *diff = NULL;
	resdiff_diff_render_options ropts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	size_t i, alen, boff;

	for (i = 0; i + sizeof(SEP) - 1 <= size; i++)
		if (!memcmp(text + i, SEP, sizeof(SEP) - 1)) {
			sep = text + i;
			break;
		}
	alen = sep ? (size_t)(sep - text) + 1 : size / 2;
	boff = sep ? alen + sizeof(SEP) - 2 : alen;
	if (resdiff_canon_read(&a, NULL, text, alen, RESDIFF_CANON_FULL) == 0 &&
	    resdiff_canon_read(&b, NULL, text + boff, size - boff, RESDIFF_CANON_FULL) == 0 &&
	    resdiff_diff_docs(&diff, a, b, NULL) == 0) {
		int pass;
		ropts.old_source = a->meta.symbol ? a->meta.symbol : "old";
		ropts.new_source = b->meta.symbol ? b->meta.symbol : "new";
		for (pass = 0; pass < 2; pass++) {
			run("text", resdiff_render_diff_text, diff, &ropts, false, true);
			run("stat", resdiff_render_diff_stat, diff, &ropts, false, true);
			run("signals", resdiff_render_diff_signals, diff, &ropts, false, true);
			run("json", resdiff_render_diff_json, diff, &ropts, true, false);
			run("markdown", resdiff_render_diff_markdown, diff, &ropts, false, true);
			/* a tab is white space in HTML, as in text */
			run("html", resdiff_render_diff_html, diff, &ropts, true, true);
			run("amendments", resdiff_render_diff_amendments, diff, &ropts, false, true);
			ropts.only_operative = true;
			ropts.ignore_rolling = true;
			ropts.json_lines = true;
			ropts.html_fragment = true;
			ropts.html_id_prefix = "p2-";
		}
	}
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	return 0;
}
