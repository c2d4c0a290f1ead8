/* render_diff_test.c: the diff renderers on documents built by hand. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static resdiff_doc *doc2(const char *op1, const char *op2)
{
	resdiff_doc *doc = NULL;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, "A/RES/1/1"), 0);
	assert_int_equal(resdiff_doc_add_unit(NULL, doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", op1, 1), 0);
	if (op2)
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, "OP2", RESDIFF_UNIT_OPERATIVE, "2.", op2, 2), 0);
	return doc;
}

typedef int (*renderer)(resdiff_buf *, const resdiff_diff *, const resdiff_diff_render_options *);

static char *render(renderer fn, const resdiff_doc *a, const resdiff_doc *b, bool color)
{
	resdiff_diff *diff = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options opts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	opts.color = color;
	opts.old_source = "old\x1b]0;title\x07.txt";
	opts.new_source = "new.txt";
	if (resdiff_diff_docs(&diff, a, b, NULL) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_int_equal(fn(&out, diff, &opts), 0);
	resdiff_diff_free(diff);
	return resdiff_buf_detach(&out);
}

static const char EVIL_OLD[] = "Decides <b>to</b> \x1b[2J continue & \xe2\x80\xae reverse \x07 work";
static const char EVIL_NEW[] = "Decides <b>to</b> \x1b[2J stop & \xe2\x80\xae reverse \x07 work";

static void assert_no_controls(const char *s, bool allow_sgr)
{
	const unsigned char *p;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || *p == '\t')
			continue;
		if (*p == 0x1b && allow_sgr && p[1] == '[' && strchr("0123456789;m", p[2]))
			continue;  /* our own colour codes */
		if (*p < 0x20 || *p == 0x7f)
			fail_msg("control character 0x%02x at %zu in:\n%s", *p, (size_t)(p - (const unsigned char *)s), s);
	}
	assert_null(strstr(s, "\xe2\x80\xae"));  /* bidi override */
	assert_null(strstr(s, "\x1b[2J"));
}

static void test_render_diff__no_control_characters_reach_the_output(void **state)
{
	resdiff_doc *a = doc2(EVIL_OLD, "Requests a report"), *b = doc2(EVIL_NEW, NULL);
	renderer fns[] = { resdiff_render_diff_text, resdiff_render_diff_markdown,
		resdiff_render_diff_amendments, resdiff_render_diff_html, resdiff_render_diff_stat };
	size_t i;
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		char *s = render(fns[i], a, b, false);
		assert_no_controls(s, false);
		free(s);
	}
	{
		char *s = render(resdiff_render_diff_text, a, b, true);
		assert_no_controls(s, true);
		assert_non_null(strstr(s, "\x1b[31m"));
		free(s);
	}
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Unit ids come from a repository like any text: a stored id holding an
 * escape sequence or a bidi override is masked in every format (found by
 * fuzzing: the amendments printed the number of an id raw). */
static void test_render_diff__hostile_ids_are_masked(void **state)
{
	static const char *const ids[] = { "OP\x1b[2J1", "OP2\xe2\x80\xae\x07" };
	resdiff_doc *a = NULL, *b = NULL;
	renderer fns[] = { resdiff_render_diff_text, resdiff_render_diff_markdown,
		resdiff_render_diff_amendments, resdiff_render_diff_html, resdiff_render_diff_stat,
		resdiff_render_diff_signals };
	size_t i;

	assert_int_equal(resdiff_doc_new(&a), 0);
	assert_int_equal(resdiff_doc_new(&b), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(resdiff_doc_add_unit(NULL, a, ids[i], RESDIFF_UNIT_OPERATIVE, "1.",
			i ? "Requests a report on the work" : "Decides to continue the work", 1), 0);
		assert_int_equal(resdiff_doc_add_unit(NULL, b, ids[i], RESDIFF_UNIT_OPERATIVE, "1.",
			i ? "Requests a full report on the work" : "Decides to stop the work", 1), 0);
	}
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		char *s = render(fns[i], a, b, false);
		assert_no_controls(s, false);
		free(s);
	}
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_render_diff__html_is_escaped_and_self_contained(void **state)
{
	resdiff_doc *a = doc2(EVIL_OLD, NULL), *b = doc2(EVIL_NEW, NULL);
	char *s = render(resdiff_render_diff_html, a, b, false);
	assert_null(strstr(s, "<b>"));
	assert_non_null(strstr(s, "&lt;b&gt;to&lt;/b&gt;"));
	assert_non_null(strstr(s, "<del>continue</del>"));
	assert_non_null(strstr(s, "<ins>stop</ins>"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "http://"));
	assert_null(strstr(s, "https://"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Two sides of one symbol (a draft and its amended text): the title
 * names each side's source before the symbol, so it no longer reads
 * "A/RES/1/1 → A/RES/1/1"; sides of two symbols keep the symbols alone. */
static void test_render_diff__html_title_tells_sides_of_one_symbol_apart(void **state)
{
	resdiff_doc *a = doc2("Decides to continue", NULL), *b = doc2("Decides to stop", NULL);
	resdiff_doc *c = doc2("Decides to stop", NULL);
	char *s = render(resdiff_render_diff_html, a, b, false);
	(void)state;
	assert_non_null(strstr(s, ".txt (A/RES/1/1) \xe2\x86\x92 new.txt (A/RES/1/1)</title>"));
	assert_null(strstr(s, "<title>A/RES/1/1 \xe2\x86\x92 A/RES/1/1</title>"));
	free(s);
	assert_int_equal(resdiff_doc_set_meta(c, &c->meta.symbol, "A/RES/2/1"), 0);
	s = render(resdiff_render_diff_html, a, c, false);
	assert_non_null(strstr(s, "<title>A/RES/1/1 \xe2\x86\x92 A/RES/2/1</title>"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(c);
}

static const char *const MOVED_CLAUSES[] = {
	"Decides to establish a working group on the protection of migratory birds;",
	"Requests the Secretary-General to submit a report on fisheries subsidies;",
	"Invites Member States to contribute to the trust fund for small islands;",
	"Encourages regional organizations to share data on desert locust swarms;",
	"Calls upon donors to support literacy programmes in rural areas;",
};

static resdiff_doc *doc_of(const size_t *order, size_t n)
{
	resdiff_doc *doc = NULL;
	size_t i;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	for (i = 0; i < n; i++) {
		char id[16], num[16];
		snprintf(id, sizeof(id), "OP%zu", i + 1);
		snprintf(num, sizeof(num), "%zu.", i + 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_OPERATIVE, num,
			MOVED_CLAUSES[order[i]], (unsigned)(i + 1)), 0);
	}
	return doc;
}

/* A moved clause leaves a stub where it stood in the old text: under the
 * row of the clause before it, or above every row when it was the first
 * (the stubs are placed in one pass, no longer by a pass per row). */
static void test_render_diff__html_stub_stays_where_the_moved_clause_was(void **state)
{
	static const size_t old_order[] = { 0, 1, 2, 3, 4 }, new_order[] = { 4, 1, 2, 0, 3 };
	resdiff_doc *a = doc_of(old_order, 5), *b = doc_of(new_order, 5);
	char *s = render(resdiff_render_diff_html, a, b, false);
	const char *first_stub, *last_stub, *first_row, *host_row, *end;
	(void)state;
	first_stub = strstr(s, "<tr class=\"stub\" id=\"s3\"><td class=\"id\">OP1</td><td>moved to "
		"<a href=\"#c3\">OP4</a>");
	last_stub = strstr(s, "<tr class=\"stub\" id=\"s0\"><td class=\"id\">OP5</td><td>moved to "
		"<a href=\"#c0\">OP1</a>");
	first_row = strstr(s, "id=\"c0\"");
	host_row = strstr(s, "id=\"c4\"><td class=\"id\"><span id=\"o-OP4\">");
	end = strstr(s, "</table>\n</section>");
	assert_non_null(first_stub);
	assert_non_null(last_stub);
	assert_non_null(first_row);
	assert_non_null(host_row);
	assert_non_null(end);
	assert_true(first_stub < first_row);        /* OP1 was first: above every row */
	assert_true(host_row < last_stub && last_stub < end);  /* OP5 followed OP4 */
	assert_null(strstr(last_stub + 1, "<tr class=\"stub\""));  /* each stub once */
	assert_null(strstr(first_stub + sizeof("<tr class=\"stub\" id=\"s3\""), "id=\"s3\""));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Text cells carry the lang of their document, and dir="rtl" where its
 * script is written right to left (issue 12): Arabic cells are laid out
 * right to left, English ones are not. */
static void test_render_diff__html_marks_language_and_direction(void **state)
{
	resdiff_doc *a = doc2("تطلب إلى الأمين العام تقديم تقرير؛", NULL);
	resdiff_doc *b = doc2("تطلب إلى الأمين العام أن يقدم تقريرا؛", NULL);
	char *s;
	(void)state;
	assert_int_equal(resdiff_doc_set_meta(a, &a->meta.language, "ar"), 0);
	assert_int_equal(resdiff_doc_set_meta(b, &b->meta.language, "ar"), 0);
	s = render(resdiff_render_diff_html, a, b, false);
	assert_non_null(strstr(s, "<td class=\"old\" lang=\"ar\" dir=\"rtl\">"));
	assert_non_null(strstr(s, "<td class=\"new\" lang=\"ar\" dir=\"rtl\">"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);

	a = doc2("Requests a report;", NULL);
	b = doc2("Requests a short report;", NULL);
	assert_int_equal(resdiff_doc_set_meta(a, &a->meta.language, "en"), 0);
	assert_int_equal(resdiff_doc_set_meta(b, &b->meta.language, "en"), 0);
	s = render(resdiff_render_diff_html, a, b, false);
	assert_non_null(strstr(s, "<td class=\"new\" lang=\"en\">"));
	assert_null(strstr(s, "dir=\"rtl\""));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_render_diff__text_and_json(void **state)
{
	resdiff_doc *a = doc2("Decides to continue", "Requests a report"), *b = doc2("Decides to stop", NULL);
	char *t = render(resdiff_render_diff_text, a, b, false);
	char *j = render(resdiff_render_diff_json, a, b, false);
	assert_non_null(strstr(t, "@@ OP1 \xe2\x86\x92 OP1 reworded"));
	assert_non_null(strstr(t, "Decides to [-continue-]{+stop+}\n"));
	assert_non_null(strstr(t, "@@ - OP2 dropped @@\n-Requests a report\n"));
	assert_non_null(strstr(j, "\"schema\":1"));
	assert_non_null(strstr(j, "{\"relation\":\"dropped\",\"old\":[\"OP2\"],\"new\":[],\"similarity\":null"));
	assert_non_null(strstr(j, "{\"op\":\"delete\",\"text\":\"continue\",\"rolling\":false}"));
	assert_non_null(strstr(j, "\"stats\":{\"unchanged\":0,\"reworded\":1,\"split\":0,\"merged\":0,\"added\":0,\"dropped\":1"));
	free(t);
	free(j);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* --stat --only=operative counts the clauses it shows: a preambular
 * paragraph left out of the listing is left out of the header too. */
static void test_render_diff__stat_counts_only_the_shown_clauses(void **state)
{
	resdiff_doc *a = doc2("Decides to continue", "Requests a report"), *b = doc2("Decides to stop", NULL);
	resdiff_diff *diff = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options opts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	resdiff_diff_counts counts;

	assert_int_equal(resdiff_doc_add_unit(NULL, a, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling all", 3), 0);
	assert_int_equal(resdiff_doc_add_unit(NULL, b, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling all", 3), 0);
	if (resdiff_diff_docs(&diff, a, b, NULL) < 0)
		fail_msg("%s", resdiff_error_last());
	resdiff_diff_count(&counts, diff, &opts);
	assert_int_equal(counts.old_clauses, 3);
	assert_int_equal(counts.new_clauses, 2);
	opts.only_operative = true;
	resdiff_diff_count(&counts, diff, &opts);
	assert_int_equal(counts.old_clauses, 2);
	assert_int_equal(counts.new_clauses, 1);
	assert_int_equal(resdiff_render_diff_stat(&out, diff, &opts), 0);
	assert_non_null(strstr(out.ptr, " 2 \xe2\x86\x92 1 operative clauses: 0 unchanged, 1 reworded"));
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	(void)state;
}

/* Found in review: "~~，~~和" and "**赋**予" do not render on GitHub (a
 * delimiter between CJK punctuation and a letter does not close). */
static void test_render_diff__markdown_marks_edits_with_ins_and_del(void **state)
{
	resdiff_doc *a = doc2("还回顾其第2006/46号决议，和该决议授予委员会的任务，", "请秘书长提交报告。");
	resdiff_doc *b = doc2("还回顾其第2006/46号决议和该决议赋予委员会的任务，", NULL);
	char *m = render(resdiff_render_diff_markdown, a, b, false);
	assert_null(strstr(m, "~~"));
	assert_non_null(strstr(m, "<del>，</del>"));
	assert_non_null(strstr(m, "<ins>赋</ins>"));
	assert_non_null(strstr(m, "<del>请秘书长提交报告。</del>"));
	free(m);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	/* markup in a text stays text */
	a = doc2("Decides <b>x</b> &lt; y", NULL);
	b = doc2("Decides <b>z</b> &lt; y", NULL);
	m = render(resdiff_render_diff_markdown, a, b, false);
	assert_null(strstr(m, "<b>"));
	assert_non_null(strstr(m, "&amp;lt;"));
	free(m);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Found in review: insertions after one old clause, each "after operative
 * paragraph 6", came out reversed when applied in turn; OP61(a)-(e) were
 * "operative paragraphs"; context was cut mid-word ("ment at the"). */
static void test_render_diff__amendments_apply_in_order(void **state)
{
	resdiff_doc *a = doc2("Decides to keep the question under review", NULL), *b = NULL;
	char *t;
	assert_int_equal(resdiff_doc_new(&b), 0);
	resdiff_doc_set_meta(b, &b->meta.symbol, "A/RES/1/2");
	resdiff_doc_add_unit(NULL, b, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Decides to keep the question under review", 1);
	resdiff_doc_add_unit(NULL, b, "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Requests a report on the outcome of the meetings", 2);
	resdiff_doc_add_unit(NULL, b, "H1", RESDIFF_UNIT_HEADING, "", "Follow-up", 3);
	resdiff_doc_add_unit(NULL, b, "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "Invites Member States to contribute:", 4);
	resdiff_doc_add_unit(NULL, b, "OP3(a)", RESDIFF_UNIT_SUBPARAGRAPH, "(a)", "To the trust fund established for the purpose;", 5);
	t = render(resdiff_render_diff_amendments, a, b, false);
	assert_non_null(strstr(t, "1. Insert a new operative paragraph after operative paragraph 1, reading:"));
	assert_non_null(strstr(t, "2. Insert a new heading after the text inserted by amendment 1, reading: “Follow-up”."));
	assert_non_null(strstr(t, "3. Insert a new operative paragraph after the text inserted by amendment 2"));
	assert_non_null(strstr(t, "4. Insert a new operative sub-paragraph after the text inserted by amendment 3"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);

	a = doc2("Decides to participate in person in the relevant meetings at the United Nations", NULL);
	b = doc2("Decides to participate in person in the relevant meetings at the meetings of the United Nations", NULL);
	t = render(resdiff_render_diff_amendments, a, b, false);
	assert_non_null(strstr(t, "after “meetings at the” insert “meetings of the”"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Found in review: a word of AMEND_CONTEXT characters or more before an
 * insertion was quoted from its middle ("after “resentatives” insert",
 * Russian "после «основенность»"): the context starts at a word. */
static void test_render_diff__amendments_context_whole_words(void **state)
{
	resdiff_doc *a = doc2("Elects freely chosen representatives.", NULL);
	resdiff_doc *b = doc2("Elects freely chosen representatives in all circumstances.", NULL);
	char *t = render(resdiff_render_diff_amendments, a, b, false);
	(void)state;
	assert_non_null(strstr(t, "after “representatives” insert “in all circumstances”"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);

	a = doc2("Имеет право на личную неприкосновенность.", NULL);
	b = doc2("Имеет право на личную неприкосновенность и достоинство.", NULL);
	t = render(resdiff_render_diff_amendments, a, b, false);
	assert_null(strstr(t, "«основенность»"));
	assert_null(strstr(t, "“основенность”"));
	assert_non_null(strstr(t, "неприкосновенность"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Found in review: a diff whose only change is a paragraph's number
 * printed its two headers and nothing else in text and Markdown, though
 * --stat said "1 renumbered" and --exit-code said changed. Runs of them
 * are named in one range. */
static void test_render_diff__renumbered_only_is_named(void **state)
{
	static const char *texts[] = { "Decides to act;", "Requests a report;",
		"Invites Member States to contribute;", "Calls upon all parties to cooperate;",
		"Decides to remain seized of the matter." };
	resdiff_doc *a = NULL, *b = NULL;
	char id[8], label[8], *t;
	size_t i;
	(void)state;
	assert_int_equal(resdiff_doc_new(&a), 0);
	assert_int_equal(resdiff_doc_new(&b), 0);
	for (i = 0; i < 5; i++) {
		/* old: 1, 2, 3, 4, 5; new: 1, 3, 4, 5, 6 (number 2 skipped) */
		snprintf(id, sizeof(id), "OP%zu", i + 1);
		snprintf(label, sizeof(label), "%zu.", i + 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, a, id, RESDIFF_UNIT_OPERATIVE, label, texts[i], (int)i + 1), 0);
		snprintf(id, sizeof(id), "OP%zu", i ? i + 2 : 1);
		snprintf(label, sizeof(label), "%zu.", i ? i + 2 : 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, b, id, RESDIFF_UNIT_OPERATIVE, label, texts[i], (int)i + 1), 0);
	}
	t = render(resdiff_render_diff_text, a, b, false);
	assert_non_null(strstr(t, "Renumbered, text unchanged: OP2\xe2\x80\x93OP5 \xe2\x86\x92 OP3\xe2\x80\x93OP6."));
	free(t);
	t = render(resdiff_render_diff_markdown, a, b, false);
	assert_non_null(strstr(t, "Renumbered, text unchanged: OP2\xe2\x80\x93OP5 \xe2\x86\x92 OP3\xe2\x80\x93OP6."));
	free(t);
	t = render(resdiff_render_diff_text, a, a, false);
	assert_null(strstr(t, "Renumbered"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Issue 19: amendments read back by `resdiff amend` must find each quote
 * once. "replace “the” with “an”" was written for a clause holding "the"
 * twice; a clause made another kind said nothing of it. */
static void test_render_diff__amendments_quote_once_and_say_kinds(void **state)
{
	resdiff_doc *a = doc2("Decides that the report and the annex be issued", NULL);
	resdiff_doc *b = doc2("Decides that the report and an annex be issued", NULL);
	char *t = render(resdiff_render_diff_amendments, a, b, false);
	(void)state;
	assert_non_null(strstr(t, "replace “and the” with “and an”"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);

	a = doc2("Decides to keep the question under review", "Recalling its resolution 1/1,");
	assert_int_equal(resdiff_doc_new(&b), 0);
	resdiff_doc_set_meta(b, &b->meta.symbol, "A/RES/1/2");
	resdiff_doc_add_unit(NULL, b, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling its resolution 1/1,", 1);
	resdiff_doc_add_unit(NULL, b, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Decides to keep the question under review", 2);
	t = render(resdiff_render_diff_amendments, a, b, false);
	assert_non_null(strstr(t, "Make operative paragraph 2 a preambular paragraph."));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* A text whose sections number their paragraphs from 1 again: OP3~2 is
 * "operative paragraph 3 of section II" (the heading it stands under),
 * not "operative paragraph 3~2", which names nothing a delegate can find. */
static void sections_doc(resdiff_doc **d, const char *text)
{
	assert_int_equal(resdiff_doc_new(d), 0);
	resdiff_doc_set_meta(*d, &(*d)->meta.symbol, "A/C.5/80/L.5");
	resdiff_doc_add_unit(NULL, *d, "H1", RESDIFF_UNIT_HEADING, "I", "Conditions of service", 1);
	resdiff_doc_add_unit(NULL, *d, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Takes note of the report of the Secretary-General;", 2);
	resdiff_doc_add_unit(NULL, *d, "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "Endorses the conclusions of the Advisory Committee;", 3);
	resdiff_doc_add_unit(NULL, *d, "H2", RESDIFF_UNIT_HEADING, "II", "Strategic heritage plan", 4);
	resdiff_doc_add_unit(NULL, *d, "OP1~2", RESDIFF_UNIT_OPERATIVE, "1.", "Requests the Secretary-General to report every five years;", 5);
	resdiff_doc_add_unit(NULL, *d, "OP2~2", RESDIFF_UNIT_OPERATIVE, "2.", text, 6);
}

static void test_render_diff__amendments_name_a_section(void **state)
{
	resdiff_doc *a, *b;
	char *t;
	(void)state;
	sections_doc(&a, "Appropriates the amount of 82,193,200 United States dollars for 2026;");
	sections_doc(&b, "Appropriates the amount of 82,193,300 United States dollars for 2026;");
	t = render(resdiff_render_diff_amendments, a, b, false);
	assert_non_null(strstr(t, "In operative paragraph 2 of section II, replace"));
	assert_null(strstr(t, "~"));
	free(t);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_render_diff__amendments_in_both_languages(void **state)
{
	resdiff_doc *a = doc2("Decides to continue its work", "Requests a report"), *b = doc2("Decides to end its work", NULL);
	resdiff_diff *diff = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options opts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;

	assert_int_equal(resdiff_diff_docs(&diff, a, b, NULL), 0);
	opts.amend_lang = "en";
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &opts), 0);
	assert_non_null(strstr(out.ptr, "1. In operative paragraph 1, replace \xe2\x80\x9c" "continue\xe2\x80\x9d with \xe2\x80\x9c" "end\xe2\x80\x9d."));
	assert_non_null(strstr(out.ptr, "2. Delete operative paragraph 2."));
	resdiff_buf_clear(&out);
	opts.amend_lang = "zh";
	assert_int_equal(resdiff_render_diff_amendments(&out, diff, &opts), 0);
	assert_non_null(strstr(out.ptr, "1. 在执行部分第1段中，将\xe2\x80\x9c" "continue\xe2\x80\x9d改为\xe2\x80\x9c" "end\xe2\x80\x9d。"));
	assert_non_null(strstr(out.ptr, "2. 删除执行部分第2段。"));
	resdiff_buf_dispose(&out);
	resdiff_diff_free(diff);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* One clause citing footnote 1, whose body is `note`. */
static resdiff_doc *doc_with_note(const char *note, const char *label)
{
	resdiff_doc *doc = doc2("Recalls its resolution on the matter,", NULL);
	resdiff_unit *u = &doc->units[0];
	assert_int_equal(resdiff_doc_add_fnref(doc, u, label, 36), 0);
	assert_int_equal(resdiff_doc_add_footnote(doc, label, note, 9), 0);
	return doc;
}

/* A change of a footnote alone showed a bare "OP1 → OP1 unchanged
 * footnotes" header: the old and new footnote and its word edits are
 * shown in text, Markdown and HTML. */
static void test_render_diff__footnote_changes_are_shown(void **state)
{
	resdiff_doc *a = doc_with_note("See A/74/62-E/2019/6.", "1");
	resdiff_doc *b = doc_with_note("See A/75/62-E/2020/11.", "2");
	resdiff_doc *c = doc2("Recalls its resolution on the matter,", NULL);
	char *s;

	s = render(resdiff_render_diff_text, a, b, false);
	assert_non_null(strstr(s, "@@ OP1 \xe2\x86\x92 OP1 unchanged footnotes @@\n"
		" footnote 1 \xe2\x86\x92 2: See A/[-74-]{+75+}/62-E/[-2019/6-]{+2020/11+}.\n"));
	free(s);
	s = render(resdiff_render_diff_markdown, a, b, false);
	assert_non_null(strstr(s, "unchanged, footnotes changed  \n  footnote 1 \xe2\x86\x92 2: "
		"See A/<del>74</del><ins>75</ins>/62-E/<del>2019/6</del><ins>2020/11</ins>.\n"));
	free(s);
	s = render(resdiff_render_diff_html, a, b, false);
	assert_non_null(strstr(s, "<div class=\"fn\"><span class=\"label\">[1]</span> See A/<del>74</del>/62-E/<del>2019/6</del>.</div>"));
	assert_non_null(strstr(s, "<div class=\"fn\"><span class=\"label\">[2]</span> See A/<ins>75</ins>/62-E/<ins>2020/11</ins>.</div>"));
	free(s);
	/* a footnote no longer cited, and one cited anew */
	s = render(resdiff_render_diff_text, a, c, false);
	assert_non_null(strstr(s, " footnote 1 (gone): [-See A/74/62-E/2019/6.-]\n"));
	free(s);
	s = render(resdiff_render_diff_text, c, b, false);
	assert_non_null(strstr(s, " footnote 2 (new): {+See A/75/62-E/2020/11.+}\n"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(c);
}

/* A verb strengthened in OP1, a rolling update alone in OP2, from session
 * 74 to 75: every format shows both, and --ignore-rolling hides OP2 from
 * all but JSON, saying so. */
static resdiff_doc *doc_signals_in(const char *lang, const char *symbol, const char *op1,
		const char *op2)
{
	resdiff_doc *doc = NULL;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, symbol), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, lang), 0);
	assert_int_equal(resdiff_doc_add_unit(NULL, doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", op1, 1), 0);
	assert_int_equal(resdiff_doc_add_unit(NULL, doc, "OP2", RESDIFF_UNIT_OPERATIVE, "2.", op2, 2), 0);
	return doc;
}

static resdiff_doc *doc_signals(const char *symbol, const char *op1, const char *op2)
{
	return doc_signals_in("en", symbol, op1, op2);
}

static char *render_opts(renderer fn, const resdiff_doc *a, const resdiff_doc *b, bool ignore_rolling)
{
	resdiff_diff *diff = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	resdiff_diff_render_options opts = RESDIFF_DIFF_RENDER_OPTIONS_INIT;
	opts.ignore_rolling = ignore_rolling;
	if (resdiff_diff_docs(&diff, a, b, NULL) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_int_equal(fn(&out, diff, &opts), 0);
	assert_int_equal(resdiff_diff_has_changes(diff, &opts), true);
	resdiff_diff_free(diff);
	return resdiff_buf_detach(&out);
}

static void test_render_diff__signals_in_every_format(void **state)
{
	resdiff_doc *a = doc_signals("A/RES/74/1", "Encourages Member States to support the programme of work;",
		"Decides to include the item in the provisional agenda of its seventy-fifth session;");
	resdiff_doc *b = doc_signals("A/RES/75/1", "Urges Member States to support the programme of work;",
		"Decides to include the item in the provisional agenda of its seventy-sixth session;");
	char *s;
	(void)state;
	s = render_opts(resdiff_render_diff_text, a, b, false);
	assert_non_null(strstr(s, "verb \xe2\x86\x91 encourages \xe2\x86\x92 urges +3 @@"));
	assert_non_null(strstr(s, " rolling @@\nDecides to include"));
	free(s);
	s = render_opts(resdiff_render_diff_text, a, b, true);
	assert_non_null(strstr(s, "(1 clause changed only by the rolling update hidden: --ignore-rolling)"));
	assert_null(strstr(s, "@@ OP2"));
	free(s);
	s = render_opts(resdiff_render_diff_stat, a, b, true);
	assert_non_null(strstr(s, "; 0 rolling, 1 strengthened, 0 weakened (1 rolling hidden)\n"));
	free(s);
	s = render_opts(resdiff_render_diff_json, a, b, true);  /* JSON keeps it */
	assert_non_null(strstr(s, "\"verb\":{\"old\":\"encourages\",\"new\":\"urges\",\"shift\":3}"));
	assert_non_null(strstr(s, "\"rolling\":true,\"verb\":null"));
	assert_non_null(strstr(s, "{\"op\":\"delete\",\"text\":\"fifth\",\"rolling\":true}"));
	assert_non_null(strstr(s, "\"rolling\":1,\"strengthened\":1,\"weakened\":0}"));
	free(s);
	s = render_opts(resdiff_render_diff_markdown, a, b, false);
	assert_non_null(strstr(s, ", verb strengthened: encourages \xe2\x86\x92 urges (+3 ranks)"));
	assert_non_null(strstr(s, ", rolling update only"));
	assert_non_null(strstr(s, "| verb strengthened | 1 |"));
	free(s);
	s = render_opts(resdiff_render_diff_markdown, a, b, true);
	assert_non_null(strstr(s, "| rolling update only, hidden | 1 |"));
	assert_null(strstr(s, ", rolling update only"));
	free(s);
	s = render_opts(resdiff_render_diff_html, a, b, false);
	assert_non_null(strstr(s, "<span class=\"badge strengthened\" title=\"verb strengthened\">"
		"\xe2\x86\x91 encourages \xe2\x86\x92 urges +3</span>"));
	assert_non_null(strstr(s, "<span class=\"badge rolling\">rolling update</span>"));
	assert_non_null(strstr(s, "<del class=\"rolling\">fifth</del>"));
	free(s);
	s = render_opts(resdiff_render_diff_html, a, b, true);
	assert_null(strstr(s, "<span class=\"badge rolling\">"));
	assert_non_null(strstr(s, "<th>rolling update only, hidden</th><td>1</td>"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Arabic verbs around an arrow: in a left-to-right line the arrow between
 * two right-to-left words takes their direction, and a terminal or a
 * browser shows "تطلب → تناشد", the change backwards. Each Arabic verb is
 * closed by a left-to-right mark (text, Markdown) or isolated in <bdi>
 * (HTML); JSON, data, carries the verbs alone. */
static void test_render_diff__rtl_verbs_read_in_order(void **state)
{
	resdiff_doc *a = doc_signals_in("ar", "A/RES/74/1", "تناشد الدول دعم البرنامج؛",
		"تقرر أن تدرج البند في جدول الأعمال المؤقت لدورتها الخامسة والسبعين؛");
	resdiff_doc *b = doc_signals_in("ar", "A/RES/75/1", "تطلب إلى الدول دعم البرنامج؛",
		"تقرر أن تدرج البند في جدول الأعمال المؤقت لدورتها الخامسة والسبعين؛");
	char *s;
	(void)state;
	s = render_opts(resdiff_render_diff_text, a, b, false);
	assert_non_null(strstr(s, "verb \xe2\x86\x91 تناشد\xe2\x80\x8e \xe2\x86\x92 تطلب\xe2\x80\x8e +1 @@"));
	free(s);
	s = render_opts(resdiff_render_diff_signals, a, b, false);
	assert_non_null(strstr(s, ": تناشد\xe2\x80\x8e \xe2\x86\x92 تطلب\xe2\x80\x8e +1\n"));
	free(s);
	s = render_opts(resdiff_render_diff_markdown, a, b, false);
	assert_non_null(strstr(s, ", verb strengthened: تناشد\xe2\x80\x8e \xe2\x86\x92 تطلب\xe2\x80\x8e (+1 rank)"));
	/* the clause's line sits in the list item that an ID opens, left to
	 * right: a right-to-left mark keeps its final "؛" at its Arabic end */
	assert_non_null(strstr(s, "البرنامج؛\xe2\x80\x8f\n"));
	free(s);
	s = render_opts(resdiff_render_diff_html, a, b, false);
	assert_non_null(strstr(s, "\xe2\x86\x91 <bdi>تناشد</bdi> \xe2\x86\x92 <bdi>تطلب</bdi> +1</span>"));
	free(s);
	s = render_opts(resdiff_render_diff_json, a, b, false);
	assert_non_null(strstr(s, "\"verb\":{\"old\":\"تناشد\",\"new\":\"تطلب\",\"shift\":1}"));
	free(s);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_diff__html_title_tells_sides_of_one_symbol_apart),
		cmocka_unit_test(test_render_diff__no_control_characters_reach_the_output),
		cmocka_unit_test(test_render_diff__html_is_escaped_and_self_contained),
		cmocka_unit_test(test_render_diff__html_marks_language_and_direction),
		cmocka_unit_test(test_render_diff__html_stub_stays_where_the_moved_clause_was),
		cmocka_unit_test(test_render_diff__text_and_json),
		cmocka_unit_test(test_render_diff__stat_counts_only_the_shown_clauses),
		cmocka_unit_test(test_render_diff__markdown_marks_edits_with_ins_and_del),
		cmocka_unit_test(test_render_diff__hostile_ids_are_masked),
		cmocka_unit_test(test_render_diff__amendments_apply_in_order),
		cmocka_unit_test(test_render_diff__amendments_name_a_section),
		cmocka_unit_test(test_render_diff__amendments_in_both_languages),
		cmocka_unit_test(test_render_diff__amendments_context_whole_words),
		cmocka_unit_test(test_render_diff__renumbered_only_is_named),
		cmocka_unit_test(test_render_diff__amendments_quote_once_and_say_kinds),
		cmocka_unit_test(test_render_diff__footnote_changes_are_shown),
		cmocka_unit_test(test_render_diff__signals_in_every_format),
		cmocka_unit_test(test_render_diff__rtl_verbs_read_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
