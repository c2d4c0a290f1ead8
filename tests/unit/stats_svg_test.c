/* stats_svg_test.c: the picture of a series without a browser: the SVG is
 * well-formed XML (libxml2), has a column per member in adoption order, a
 * box per clause with the fate the aligner gives it, a band per matched
 * old and new clause, a title on every box, fits its own size, and holds
 * no script and no reference to anything outside it. For the corpus
 * series and a synthetic series of 20 members of about 80 clauses
 * (tests/data/synthetic/gen-series.awk). tests/browser/stats_svg.sh looks
 * at the same picture in Chromium. */
#include "helpers.h"
#include "store_helpers.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static int setup(void **state)
{
	dir = test_tmpdir();
	return test_system("cd '%s' && mkdir '%s/series' && awk -v n=20 -v clauses=80 -v dir='%s/series' "
		"-f tests/data/synthetic/gen-series.awk && '%s' init '%s/r' >/dev/null && "
		"'%s' -C '%s/r' import -q --no-index --manifest corpus/corpus.manifest >/dev/null && "
		"'%s' -C '%s/r' import -q --no-index --manifest '%s/series/series.manifest' >/dev/null",
		RESDIFF_SOURCE_DIR, dir, dir, RESDIFF_BINARY, dir, RESDIFF_BINARY, dir, RESDIFF_BINARY, dir,
		dir) ? -1 : 0;
}

static int teardown(void **state)
{
	test_system("rm -rf '%s'", dir);
	free(dir);
	return 0;
}

static double eval_number(xmlXPathContextPtr c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static double eval_number(xmlXPathContextPtr c, const char *fmt, ...)
{
	char expr[512];
	xmlXPathObjectPtr o;
	double v;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	o = xmlXPathEvalExpression(BAD_CAST expr, c);
	if (!o)
		fail_msg("bad XPath %s", expr);
	v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

#define CLS(name) "contains(concat(' ', @class, ' '), ' " name " ')"

static void check_series(const char *slug, size_t want_members)
{
	resdiff_store *store = NULL;
	resdiff_series_stats *st = NULL;
	resdiff_series_list *list = NULL;
	resdiff_buf svg = RESDIFF_BUF_INIT, page = RESDIFF_BUF_INIT, one = RESDIFF_BUF_INIT;
	xmlDocPtr d;
	xmlXPathContextPtr c;
	char path[4200];
	size_t j, i, k;
	double width, height;

	snprintf(path, sizeof(path), "%s/r", dir);
	assert_int_equal(resdiff_store_open(&store, path), 0);
	if (resdiff_series_stats_build(&st, store, slug, NULL) < 0)
		fail_msg("%s: %s", slug, resdiff_error_last());
	assert_int_equal(resdiff_render_stats_svg(&svg, st), 0);
	assert_int_equal(st->count, want_members);
	d = xmlReadMemory(svg.ptr, (int)svg.size, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(d);
	c = xmlXPathNewContext(d);
	xmlXPathRegisterNs(c, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	/* self-contained: no script, no reference to anything else */
	assert_true(eval_number(c, "count(//s:script | //*[local-name()='script'])") == 0);
	assert_true(eval_number(c, "count(//@*[local-name()='href'] | //s:image | //s:use | //s:foreignObject)") == 0);
	assert_true(eval_number(c, "count(/s:svg)") == 1);
	width = eval_number(c, "number(/s:svg/@width)");
	height = eval_number(c, "number(/s:svg/@height)");
	assert_true(eval_number(c, "count(//s:g[@class='member'])") == (double)st->count);
	assert_true(eval_number(c, "count(//s:g[@class='pair'])") == (double)st->count - 1);
	/* every box inside the picture, with a title */
	assert_true(eval_number(c, "count(//s:rect[@x + @width > %f or @y + @height > %f])", width, height) == 0);
	assert_true(eval_number(c, "count(//s:rect[" CLS("clause") "][not(s:title)])") == 0);

	/* the oracle: the aligner on each pair of members, again */
	assert_int_equal(resdiff_store_series(&list, store, slug, NULL, true), 0);
	assert_int_equal(list->series[0].count, st->count);
	for (j = 0; j < st->count; j++) {
		const resdiff_doc *doc = list->series[0].members[j].doc;
		size_t fates[3] = { 0, 0, 0 }, dropped = 0, bands = 0, forked = 0;
		resdiff_alignment *al = NULL, *next = NULL;
		if (j > 0)
			assert_int_equal(resdiff_align(&al, list->series[0].members[j - 1].doc, doc, NULL), 0);
		if (j + 1 < st->count)
			assert_int_equal(resdiff_align(&next, doc, list->series[0].members[j + 1].doc, NULL), 0);
		for (i = 0; i < doc->unit_count; i++) {
			resdiff_relation rel = al ? al->changes[al->new_change[i]].relation : RESDIFF_REL_ADDED;
			fates[rel == RESDIFF_REL_UNCHANGED ? 0 : rel == RESDIFF_REL_ADDED ? 2 : 1]++;
			if (next && next->changes[next->old_change[i]].relation == RESDIFF_REL_DROPPED)
				dropped++;
		}
		for (k = 0; al && k < al->change_count; k++) {
			const resdiff_change *ch = &al->changes[k];
			size_t n = ch->old_count * ch->new_count;
			if (ch->relation == RESDIFF_REL_ADDED || ch->relation == RESDIFF_REL_DROPPED)
				continue;
			bands += n;
			forked += ch->relation == RESDIFF_REL_SPLIT || ch->relation == RESDIFF_REL_MERGED ? n : 0;
		}
#define MEMBER "//s:g[@class='member'][%zu]"
		snprintf(path, sizeof(path), "%s", st->members[j].symbol);
		if (eval_number(c, "count(" MEMBER "[@data-symbol='%s'])", j + 1, path) != 1)
			fail_msg("%s: column %zu is not %s", slug, j + 1, path);
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[" CLS("clause") "])", j + 1) == (double)doc->unit_count);
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[" CLS("unchanged") "])", j + 1) == (double)fates[0]);
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[" CLS("reworded") "])", j + 1) == (double)fates[1]);
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[" CLS("new") "])", j + 1) == (double)fates[2]);
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[" CLS("dropped") "])", j + 1) == (double)dropped);
		/* one column: one x, left of the next column */
		assert_true(eval_number(c, "count(" MEMBER "/s:rect[@x != " MEMBER "/s:rect[1]/@x])", j + 1, j + 1) == 0);
		if (j + 1 < st->count)
			assert_true(eval_number(c, "number(" MEMBER "/s:rect[1]/@x) < number(" MEMBER "/s:rect[1]/@x)",
				j + 1, j + 2) == 1);
		/* the hover text names the member and the clause */
		for (i = 0; i < doc->unit_count; i++) {
			resdiff_buf_clear(&one);
			resdiff_buf_printf(&one, "%s %s (", st->members[j].symbol, doc->units[i].id);
			if (eval_number(c, "count(" MEMBER "/s:rect[%zu]/s:title[starts-with(., '%s')])", j + 1, i + 1,
					one.ptr) != 1)
				fail_msg("%s: box %zu of %s has no title '%s...'", slug, i + 1, st->members[j].symbol, one.ptr);
		}
		if (j > 0) {
			assert_true(eval_number(c, "count(//s:g[@class='pair'][%zu]/s:path[" CLS("band") "])", j) == (double)bands);
			assert_true(eval_number(c, "count(//s:g[@class='pair'][%zu]/s:path[" CLS("forked") "])", j) == (double)forked);
		}
		resdiff_alignment_free(al);
		resdiff_alignment_free(next);
#undef MEMBER
	}
	/* the HTML page holds the same picture */
	assert_int_equal(resdiff_render_stats_html(&page, st), 0);
	assert_non_null(strstr(page.ptr, strchr(svg.ptr, '\n') + 1));
	xmlXPathFreeContext(c);
	xmlFreeDoc(d);
	resdiff_series_list_free(list);
	resdiff_series_stats_free(st);
	resdiff_store_free(store);
	resdiff_buf_dispose(&svg);
	resdiff_buf_dispose(&page);
	resdiff_buf_dispose(&one);
}

static void test_stats_svg__corpus_series(void **state)
{
	check_series("ecosoc-wsis", 2);
}

static void test_stats_svg__twenty_members_of_eighty_clauses(void **state)
{
	check_series("synth-20", 20);
}

/* Texts reach the picture escaped and without control characters. */
static void test_stats_svg__texts_are_escaped(void **state)
{
	resdiff_series_stats st;
	resdiff_member_stats m[2];
	resdiff_member_clause cl[2];
	resdiff_member_link ln;
	resdiff_buf svg = RESDIFF_BUF_INIT;
	xmlDocPtr d;

	memset(&st, 0, sizeof(st));
	memset(m, 0, sizeof(m));
	st.slug = "s<&>\"";
	st.language = "en";
	st.members = m;
	st.count = 2;
	m[0].symbol = "A/<b>&\x1b[2J";
	m[0].date = "2001-01-01";
	m[0].units = 1;
	m[0].clauses = &cl[0];
	m[1].symbol = "A/2";
	m[1].date = "2002-01-01";
	m[1].units = 1;
	m[1].clauses = &cl[1];
	m[1].links = &ln;
	m[1].link_count = 1;
	cl[0].id = "OP1";
	cl[0].text = "</title><script>alert(1)</script> & \"quotes\" \x07 and a long tail of words that goes on and on and on";
	cl[0].arrival = RESDIFF_REL_ADDED;
	cl[0].dropped_next = false;
	cl[1] = cl[0];
	cl[1].arrival = RESDIFF_REL_REWORDED;
	ln.from = ln.to = 0;
	ln.relation = RESDIFF_REL_REWORDED;
	ln.moved = false;
	assert_int_equal(resdiff_render_stats_svg(&svg, &st), 0);
	assert_null(strstr(svg.ptr, "<script"));
	assert_null(strstr(svg.ptr, "\x1b"));
	assert_null(strstr(svg.ptr, "\x07"));
	assert_non_null(strstr(svg.ptr, "&lt;/title&gt;&lt;script&gt;"));
	assert_non_null(strstr(svg.ptr, "\xe2\x80\xa6</title>"));   /* first words only */
	d = xmlReadMemory(svg.ptr, (int)svg.size, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(d);
	xmlFreeDoc(d);
	resdiff_buf_dispose(&svg);
}

/* Series "s" in Arabic of one member, A/RES/1, of `units` clauses cl
 * (zeroed: the caller fills them). */
static void one_arabic_member(resdiff_series_stats *st, resdiff_member_stats *m,
		resdiff_member_clause *cl, size_t units)
{
	memset(st, 0, sizeof(*st));
	memset(m, 0, sizeof(*m));
	memset(cl, 0, units * sizeof(*cl));
	st->slug = "s";
	st->language = "ar";
	st->members = m;
	st->count = 1;
	m->symbol = "A/RES/1";
	m->date = "2001-01-01";
	m->units = units;
	m->clauses = cl;
}

/* An Arabic clause's first words end in "…" inside a first-strong
 * isolate: the tooltip opens with the symbol (left to right), and a bare
 * "…" after Arabic words showed at their right, the start of the text,
 * so the clause looked cut at the wrong end. A Latin clause has none. */
static void test_stats_svg__rtl_first_words_isolated(void **state)
{
	resdiff_series_stats st;
	resdiff_member_stats m;
	resdiff_member_clause cl[2];
	resdiff_buf svg = RESDIFF_BUF_INIT;
	const char *ar = "\xd8\xa5\xd9\x86 \xd8\xa7\xd9\x84\xd8\xac\xd9\x85\xd8\xb9\xd9\x8a\xd8\xa9 "
		"\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x85\xd8\xa9 ";   /* "إن الجمعية العامة " */
	char text[512] = "";
	const char *isolate, *cut;
	int i;

	(void)state;
	for (i = 0; i < 8; i++)
		strcat(text, ar);
	one_arabic_member(&st, &m, cl, 2);
	cl[0].id = "OP1";
	cl[0].text = text;
	cl[0].arrival = RESDIFF_REL_ADDED;
	cl[1].id = "OP2";
	cl[1].text = "a Latin clause that is long enough to be cut somewhere after its first sixty code points";
	cl[1].arrival = RESDIFF_REL_ADDED;
	assert_int_equal(resdiff_render_stats_svg(&svg, &st), 0);
	isolate = strstr(svg.ptr, "(first member): \xe2\x81\xa8\xd8\xa5");
	assert_non_null(isolate);
	cut = strstr(isolate, " \xe2\x80\xa6\xe2\x81\xa9</title>");
	assert_non_null(cut);
	assert_null(memchr(isolate, '<', (size_t)(cut - isolate)));   /* the same title */
	assert_non_null(strstr(svg.ptr, "(first member): a Latin clause"));
	assert_int_equal(strstr(svg.ptr, "\xe2\x81\xa8") == isolate + strlen("(first member): "), 1);
	assert_null(strstr(cut + 1, "\xe2\x81\xa8"));   /* the Latin clause: no isolate */
	resdiff_buf_dispose(&svg);
}

/* The HTML page says its language, as a diff page does: it wrote
 * <html> with no lang at all, so a browser or screen reader took an
 * Arabic series' clause texts for the reader's own language. "und"
 * when the series has none; a strange code is escaped. */
static void test_stats_html__page_carries_the_series_language(void **state)
{
	resdiff_series_stats st;
	resdiff_member_stats m;
	resdiff_member_clause cl;
	resdiff_buf page = RESDIFF_BUF_INIT;

	(void)state;
	one_arabic_member(&st, &m, &cl, 1);
	cl.id = "OP1";
	cl.text = "\xd8\xa5\xd9\x86 \xd8\xa7\xd9\x84\xd8\xac\xd9\x85\xd8\xb9\xd9\x8a\xd8\xa9";
	cl.arrival = RESDIFF_REL_ADDED;
	assert_int_equal(resdiff_render_stats_html(&page, &st), 0);
	assert_non_null(strstr(page.ptr, "<!DOCTYPE html>\n<html lang=\"ar\">"));
	/* the Arabic text itself is isolated, read right to left */
	assert_non_null(strstr(page.ptr, "\xe2\x81\xa8\xd8\xa5"));
	resdiff_buf_clear(&page);
	st.language = NULL;
	assert_int_equal(resdiff_render_stats_html(&page, &st), 0);
	assert_non_null(strstr(page.ptr, "<html lang=\"und\">"));
	resdiff_buf_clear(&page);
	st.language = "x\"><script>";
	assert_int_equal(resdiff_render_stats_html(&page, &st), 0);
	assert_null(strstr(page.ptr, "<script>"));
	assert_non_null(strstr(page.ptr, "<html lang=\"x&quot;&gt;&lt;script&gt;\">"));
	resdiff_buf_dispose(&page);
}

/* One clause is "1 clause": the text summary said "1 clauses" for a
 * member of one clause and for one new clause. */
static void test_stats_text__one_clause_is_singular(void **state)
{
	resdiff_series_stats st;
	resdiff_member_stats m[2];
	resdiff_buf out = RESDIFF_BUF_INIT;

	(void)state;
	memset(&st, 0, sizeof(st));
	memset(m, 0, sizeof(m));
	st.slug = "s";
	st.language = "en";
	st.members = m;
	st.count = 2;
	m[0].symbol = "A/1";
	m[0].date = "2001-01-01";
	m[0].units = 1;
	m[1].symbol = "A/2";
	m[1].date = "2002-01-01";
	m[1].units = 2;
	m[1].previous_units = 1;
	m[1].carried_units = 1;
	m[1].new_units = 1;
	assert_int_equal(resdiff_render_stats_text(&out, &st), 0);
	assert_non_null(strstr(out.ptr, "A/1  1 clause\n"));
	assert_non_null(strstr(out.ptr, "A/2  2 clauses\n"));
	assert_non_null(strstr(out.ptr, "new in this member: 1 clause\n"));
	assert_null(strstr(out.ptr, "1 clauses"));
	resdiff_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_svg__corpus_series),
		cmocka_unit_test(test_stats_svg__twenty_members_of_eighty_clauses),
		cmocka_unit_test(test_stats_svg__texts_are_escaped),
		cmocka_unit_test(test_stats_svg__rtl_first_words_isolated),
		cmocka_unit_test(test_stats_text__one_clause_is_singular),
		cmocka_unit_test(test_stats_html__page_carries_the_series_language),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
