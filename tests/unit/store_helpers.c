/* store_helpers.c: see store_helpers.h (compiled into the tests that include it). */
#include "store_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

resdiff_doc *test_make_doc(const char *symbol, const char *lang, const char *series,
		const char *date, size_t units, unsigned seed)
{
	resdiff_doc *doc = NULL;
	char text[512], id[32], label[16];
	size_t i, pp = units / 4;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, symbol), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, lang), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.series, series), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.date, date), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.body, "GA"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, "resolution"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.title, "Information and communications technologies for development"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.chapeau, "The General Assembly,"), 0);
	assert_int_equal(resdiff_doc_add_meta_footnote(doc, "*"), 0);
	for (i = 0; i < units; i++) {
		resdiff_unit *u = NULL;
		resdiff_unit_kind kind;
		if (i < pp) {
			snprintf(id, sizeof(id), "PP%zu", i + 1);
			label[0] = '\0';
			kind = RESDIFF_UNIT_PREAMBLE;
		} else if (i == pp) {
			snprintf(id, sizeof(id), "H1");
			label[0] = '\0';
			kind = RESDIFF_UNIT_HEADING;
		} else if (i % 7 == 3) {
			snprintf(id, sizeof(id), "OP%zu(a)", i - pp - 1);
			snprintf(label, sizeof(label), "(a)");
			kind = RESDIFF_UNIT_SUBPARAGRAPH;
		} else {
			snprintf(id, sizeof(id), "OP%zu", i - pp);
			snprintf(label, sizeof(label), "%zu.", i - pp);
			kind = RESDIFF_UNIT_OPERATIVE;
		}
		snprintf(text, sizeof(text), "Unit %zu of %s, version %u: reaffirms resolution %u/%zu "
			"and requests the Secretary-General to report, 信息社会 %u.", i + 1, symbol,
			seed, seed % 80, i, seed * 31 + (unsigned)i);
		assert_int_equal(resdiff_doc_add_unit(&u, doc, id, kind, label, text, 10 + 3 * i + seed % 5), 0);
		if (i % 5 == 1)
			assert_int_equal(resdiff_doc_add_fnref(doc, u, "1", 12), 0);
	}
	assert_int_equal(resdiff_doc_add_footnote(doc, "*", "Reissued for technical reasons.", 2), 0);
	assert_int_equal(resdiff_doc_add_footnote(doc, "1", "A/RES/70/125.", 40), 0);
	assert_int_equal(resdiff_doc_add_diag(doc, 7, "numbering gap before OP%u", seed % 9), 0);
	return doc;
}

void test_assert_docs_equal(const resdiff_doc *a, const resdiff_doc *b)
{
	size_t i, j;
#define SAME_STR(x, y) do { if (!(x) || !(y)) assert_true(!(x) && !(y)); \
	else assert_string_equal((x), (y)); } while (0)
	SAME_STR(a->meta.symbol, b->meta.symbol);
	SAME_STR(a->meta.body, b->meta.body);
	SAME_STR(a->meta.kind, b->meta.kind);
	SAME_STR(a->meta.date, b->meta.date);
	SAME_STR(a->meta.meeting, b->meta.meeting);
	SAME_STR(a->meta.title, b->meta.title);
	SAME_STR(a->meta.language, b->meta.language);
	SAME_STR(a->meta.chapeau, b->meta.chapeau);
	SAME_STR(a->meta.series, b->meta.series);
	SAME_STR(a->meta.draft_of, b->meta.draft_of);
	assert_int_equal(a->meta.footnote_count, b->meta.footnote_count);
	for (i = 0; i < a->meta.footnote_count; i++)
		assert_string_equal(a->meta.footnotes[i], b->meta.footnotes[i]);
	assert_int_equal(a->unit_count, b->unit_count);
	for (i = 0; i < a->unit_count; i++) {
		const resdiff_unit *u = &a->units[i], *v = &b->units[i];
		assert_string_equal(u->id, v->id);
		assert_int_equal(u->kind, v->kind);
		assert_string_equal(u->label, v->label);
		assert_string_equal(u->text, v->text);
		assert_int_equal(u->line, v->line);
		assert_int_equal(u->fnref_count, v->fnref_count);
		for (j = 0; j < u->fnref_count; j++) {
			assert_string_equal(u->fnrefs[j].label, v->fnrefs[j].label);
			assert_int_equal(u->fnrefs[j].offset, v->fnrefs[j].offset);
		}
	}
	assert_int_equal(a->footnote_count, b->footnote_count);
	for (i = 0; i < a->footnote_count; i++) {
		assert_string_equal(a->footnotes[i].label, b->footnotes[i].label);
		assert_string_equal(a->footnotes[i].text, b->footnotes[i].text);
		assert_int_equal(a->footnotes[i].line, b->footnotes[i].line);
	}
	assert_int_equal(a->diag_count, b->diag_count);
	for (i = 0; i < a->diag_count; i++) {
		assert_int_equal(a->diags[i].line, b->diags[i].line);
		assert_string_equal(a->diags[i].message, b->diags[i].message);
		assert_int_equal(a->diags[i].level, b->diags[i].level);
	}
#undef SAME_STR
}

resdiff_doc *test_big_doc(const char *symbol, size_t kib, unsigned seed)
{
	resdiff_doc *doc = test_make_doc(symbol, "en", "big", "2001-01-01", 2, seed);
	char text[1025];
	size_t i, j;

	for (i = 0; i < kib; i++) {
		char id[32];
		for (j = 0; j < 1024; j++)
			text[j] = (char)('!' + rand_r(&seed) % 90);
		text[1024] = '\0';
		snprintf(id, sizeof(id), "OP%zu", 100 + i);
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_OPERATIVE, "", text, i), 0);
	}
	return doc;
}

char *test_capture(int *status, const char *fmt, ...)
{
	char cmd[8192], chunk[4096];
	resdiff_buf out = RESDIFF_BUF_INIT;
	va_list ap;
	FILE *p;
	size_t n;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (!(p = popen(cmd, "r")))
		fail_msg("popen failed: %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		assert_int_equal(resdiff_buf_put(&out, chunk, n), 0);
	st = pclose(p);
	if (status)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	assert_int_equal(resdiff_buf_put(&out, "", 0), 0);
	return resdiff_buf_detach(&out);
}

void test_assert_fsck(const char *repo)
{
	int status;
	char *out = test_capture(&status,
		"git -C '%s' fsck --strict --no-progress 2>&1 | grep -v -e '^dangling ' -e '^notice: '", repo);
	if (out[0])
		fail_msg("git fsck --strict in %s:\n%s", repo, out);
	free(out);
	out = test_capture(&status, "git -C '%s' fsck --strict --no-progress >/dev/null 2>&1; echo $?", repo);
	assert_string_equal(out, "0\n");
	free(out);
}
