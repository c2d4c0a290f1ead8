/* align_test.c: clause alignment on documents built by hand. */
#include "helpers.h"
#include "resdiff/align.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "PP1|text" "OP1|text" ... -> a document; kind from the id prefix. */
static resdiff_doc *doc_of(const char *const *units)
{
	resdiff_doc *doc = NULL;
	size_t i;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	for (i = 0; units[i]; i++) {
		char id[64];
		const char *bar = strchr(units[i], '|');
		resdiff_unit_kind kind = RESDIFF_UNIT_PREAMBLE;
		char label[80] = "";
		assert_non_null(bar);
		snprintf(id, sizeof(id), "%.*s", (int)(bar - units[i]), units[i]);
		if (!strncmp(id, "OP", 2)) {
			kind = strchr(id, '(') ? RESDIFF_UNIT_SUBPARAGRAPH : RESDIFF_UNIT_OPERATIVE;
			snprintf(label, sizeof(label), "%s.", id + 2);
		} else if (id[0] == 'H') {
			kind = RESDIFF_UNIT_HEADING;
		}
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, kind, label, bar + 1, i + 1), 0);
	}
	return doc;
}

static const resdiff_change *change_of_old(const resdiff_alignment *al, const char *id)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(al->old_doc, id);
	assert_non_null(u);
	return &al->changes[al->old_change[u - al->old_doc->units]];
}

static const resdiff_change *change_of_new(const resdiff_alignment *al, const char *id)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(al->new_doc, id);
	assert_non_null(u);
	return &al->changes[al->new_change[u - al->new_doc->units]];
}

/* Every unit of both sides in exactly one change. */
static void check_partition(const resdiff_alignment *al)
{
	size_t *seen_o = calloc(al->old_doc->unit_count + 1, sizeof(size_t));
	size_t *seen_n = calloc(al->new_doc->unit_count + 1, sizeof(size_t));
	size_t i, k, total = 0;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		for (k = 0; k < c->old_count; k++)
			seen_o[c->old_units[k]]++;
		for (k = 0; k < c->new_count; k++)
			seen_n[c->new_units[k]]++;
		assert_true(c->old_count + c->new_count > 0);
		if (c->relation == RESDIFF_REL_ADDED || c->relation == RESDIFF_REL_DROPPED)
			assert_true(c->similarity < 0);
		else
			assert_true(c->similarity >= 0 && c->similarity <= 1);
	}
	for (i = 0; i < al->old_doc->unit_count; i++)
		assert_int_equal(seen_o[i], 1);
	for (i = 0; i < al->new_doc->unit_count; i++)
		assert_int_equal(seen_n[i], 1);
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		total += al->stats[i];
	assert_int_equal(total, al->change_count);
	free(seen_o);
	free(seen_n);
}

static resdiff_alignment *align_of(resdiff_doc *a, resdiff_doc *b, const resdiff_align_options *o)
{
	resdiff_alignment *al = NULL;
	if (resdiff_align(&al, a, b, o) < 0)
		fail_msg("%s", resdiff_error_last());
	check_partition(al);
	return al;
}

static const char *const OLD1[] = {
	"PP1|回顾信息社会世界首脑会议的成果文件，",
	"PP2|确认所有利益攸关方努力执行世界首脑会议两个阶段的成果，",
	"OP1|请秘书长向委员会提交关于执行情况的年度报告；",
	"OP2|鼓励各国政府继续努力缩小数字鸿沟；",
	"OP3|决定在下届会议上继续审议这个问题。",
	NULL
};

static const char *const NEW1[] = {
	"PP1|回顾信息社会世界首脑会议的成果文件,",           /* width only */
	"PP2|欢迎联合国各机构为加强区域合作作出的努力，",        /* added */
	"PP3|确认所有利益攸关方努力执行世界首脑会议两个阶段的成果，",
	"OP1|强调宽带连接对于可持续发展的重要性；",             /* added */
	"OP2|请秘书长向委员会提交关于执行情况的年度报告和建议；", /* reworded, renumbered */
	"OP3|决定在下届会议上继续审议这个问题。",
	NULL
};

static void test_align__relations(void **state)
{
	resdiff_doc *a = doc_of(OLD1), *b = doc_of(NEW1);
	resdiff_alignment *al = align_of(a, b, NULL);
	const resdiff_change *c;

	c = change_of_old(al, "PP1");
	assert_int_equal(c->relation, RESDIFF_REL_UNCHANGED);
	c = change_of_old(al, "PP2");
	assert_int_equal(c->relation, RESDIFF_REL_UNCHANGED);
	assert_string_equal(b->units[c->new_units[0]].id, "PP3");
	assert_false(c->renumbered);  /* preambular paragraphs carry no number */
	c = change_of_old(al, "OP1");
	assert_int_equal(c->relation, RESDIFF_REL_REWORDED);
	assert_string_equal(b->units[c->new_units[0]].id, "OP2");
	assert_true(c->renumbered);
	assert_false(c->moved);
	assert_true(c->similarity > 0.7 && c->similarity < 1);
	assert_int_equal(change_of_old(al, "OP2")->relation, RESDIFF_REL_DROPPED);
	assert_int_equal(change_of_new(al, "PP2")->relation, RESDIFF_REL_ADDED);
	assert_int_equal(change_of_new(al, "OP1")->relation, RESDIFF_REL_ADDED);
	assert_int_equal(al->stats[RESDIFF_REL_UNCHANGED], 3);
	/* reading order follows the new text; the dropped OP2 follows OP2's change */
	assert_int_equal(al->changes[0].relation, RESDIFF_REL_UNCHANGED);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align__moved_and_kind_change(void **state)
{
	static const char *const o[] = {
		"OP1|强调必须加强各利益攸关方之间的合作与协调；",
		"OP2|请秘书长向委员会提交关于执行情况的年度报告；",
		"OP3|鼓励各国政府继续努力缩小数字鸿沟并促进包容；",
		"OP4|决定在下届会议上继续审议这个问题。",
		NULL
	};
	static const char *const n[] = {
		"PP1|强调必须加强各利益攸关方之间的合作与协调，",
		"OP1|鼓励各国政府继续努力缩小数字鸿沟并促进包容；",
		"OP2|决定在下届会议上继续审议这个问题。",
		"OP3|请秘书长向委员会提交关于执行情况的年度报告；",
		NULL
	};
	resdiff_doc *a = doc_of(o), *b = doc_of(n);
	resdiff_alignment *al = align_of(a, b, NULL);
	const resdiff_change *c = change_of_old(al, "OP2");
	assert_int_equal(c->relation, RESDIFF_REL_UNCHANGED);
	assert_true(c->moved);
	assert_false(c->renumbered);
	assert_false(change_of_old(al, "OP3")->moved);
	c = change_of_old(al, "OP1");   /* operative became preambular */
	assert_int_equal(c->relation, RESDIFF_REL_REWORDED);
	assert_string_equal(b->units[c->new_units[0]].id, "PP1");
	assert_true(c->editorial);       /* only "；" -> "，" */
	assert_int_equal(al->moved, 1);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align__split_and_merge(void **state)
{
	static const char *const o[] = {
		"OP1|请秘书长向委员会提交关于执行情况的年度报告，并鼓励各国政府继续努力缩小数字鸿沟；",
		"OP2|决定在下届会议上继续审议这个问题；",
		"OP3|又决定将审议推迟到第七十届会议。",
		NULL
	};
	static const char *const n[] = {
		"OP1|请秘书长向委员会提交关于执行情况的年度报告；",
		"OP2|鼓励各国政府继续努力缩小数字鸿沟；",
		"OP3|决定在下届会议上继续审议这个问题，又决定将审议推迟到第七十届会议。",
		NULL
	};
	resdiff_doc *a = doc_of(o), *b = doc_of(n);
	resdiff_alignment *al = align_of(a, b, NULL);
	const resdiff_change *c = change_of_old(al, "OP1");
	assert_int_equal(c->relation, RESDIFF_REL_SPLIT);
	assert_int_equal(c->new_count, 2);
	c = change_of_new(al, "OP3");
	assert_int_equal(c->relation, RESDIFF_REL_MERGED);
	assert_int_equal(c->old_count, 2);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align__pins_are_respected(void **state)
{
	resdiff_doc *a = doc_of(OLD1), *b = doc_of(NEW1);
	resdiff_align_pin pins[2];
	resdiff_align_options opts = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al;
	char p1[] = "OP2=OP1", p2[] = "OP1!=OP2";
	const resdiff_change *c;

	assert_int_equal(resdiff_align_pin_parse(&pins[0], p1), 0);
	assert_int_equal(resdiff_align_pin_parse(&pins[1], p2), 0);
	assert_true(pins[1].forbid);
	opts.pins = pins;
	opts.pin_count = 2;
	al = align_of(a, b, &opts);
	c = change_of_old(al, "OP2");
	assert_true(c->pinned);
	assert_string_equal(b->units[c->new_units[0]].id, "OP1");
	assert_int_equal(c->relation, RESDIFF_REL_REWORDED);
	assert_int_equal(change_of_old(al, "OP1")->relation, RESDIFF_REL_DROPPED);
	assert_int_equal(change_of_new(al, "OP2")->relation, RESDIFF_REL_ADDED);
	resdiff_alignment_free(al);

	/* a pin naming a clause that is not there is an error */
	{
		char bad[] = "OP9=OP1";
		assert_int_equal(resdiff_align_pin_parse(&pins[0], bad), 0);
		opts.pin_count = 1;
		assert_int_equal(resdiff_align(&al, a, b, &opts), RESDIFF_ENOTFOUND);
		assert_null(al);
		assert_non_null(strstr(resdiff_error_last(), "OP9"));
	}
	{
		char bad[] = "=OP1";
		assert_int_equal(resdiff_align_pin_parse(&pins[0], bad), RESDIFF_EINVALID);
	}
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align__footnote_only_change_is_unchanged(void **state)
{
	static const char *const o[] = { "PP1|回顾信息社会世界首脑会议的成果文件，", NULL };
	resdiff_doc *a = doc_of(o), *b = doc_of(o), *c2 = doc_of(o);
	resdiff_alignment *al;

	assert_int_equal(resdiff_doc_add_fnref(a, &a->units[0], "1", 20), 0);
	assert_int_equal(resdiff_doc_add_footnote(a, "1", "见A/60/687。", 30), 0);
	/* renumbered footnote, same body: no footnote change */
	assert_int_equal(resdiff_doc_add_fnref(b, &b->units[0], "3", 20), 0);
	assert_int_equal(resdiff_doc_add_footnote(b, "3", "见 A/60/687.", 30), 0);
	al = align_of(a, b, NULL);
	assert_int_equal(al->changes[0].relation, RESDIFF_REL_UNCHANGED);
	assert_false(al->changes[0].footnotes);
	resdiff_alignment_free(al);
	/* reference gone: unchanged clause, footnote change */
	al = align_of(a, c2, NULL);
	assert_int_equal(al->changes[0].relation, RESDIFF_REL_UNCHANGED);
	assert_true(al->changes[0].footnotes);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
	resdiff_doc_free(c2);
}

static void test_align__empty_documents(void **state)
{
	static const char *const none[] = { NULL };
	resdiff_doc *a = doc_of(none), *b = doc_of(OLD1);
	resdiff_alignment *al = align_of(a, b, NULL);
	assert_int_equal(al->stats[RESDIFF_REL_ADDED], 5);
	resdiff_alignment_free(al);
	al = align_of(a, a, NULL);
	assert_int_equal(al->change_count, 0);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* Generated texts: every clause a distinct sentence; the new text drops,
 * adds and rewords some. Checks the index keeps the work near-linear. */
static resdiff_doc *generated(size_t n, unsigned seed, bool edit)
{
	static const char *const words[] = { "合作", "发展", "信息", "社会", "技术", "会议",
		"报告", "各国", "政府", "区域", "国际", "促进", "加强", "支持", "网络", "治理" };
	resdiff_doc *doc = NULL;
	size_t i, k;
	assert_int_equal(resdiff_doc_new(&doc), 0);
	for (i = 0; i < n; i++) {
		char text[512], id[32], label[32];
		size_t len = 0;
		unsigned x = (unsigned)i * 2654435761u + 12345u;
		if (edit && i % 50 == 7)
			continue;  /* dropped */
		for (k = 0; k < 12; k++) {
			x = x * 1103515245u + 12345u;
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", words[(x >> 16) % 16]);
		}
		len += (size_t)snprintf(text + len, sizeof(text) - len, "第%zu段", i);
		if (edit && i % 10 == 3)
			snprintf(text + len, sizeof(text) - len, "并加强区域合作");
		snprintf(id, sizeof(id), "OP%zu", i + 1);
		snprintf(label, sizeof(label), "%zu.", i + 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_OPERATIVE, label, text, i), 0);
	}
	(void)seed;
	return doc;
}

static void test_align__large_generated_texts(void **state)
{
	resdiff_doc *a = generated(10000, 1, false), *b = generated(10000, 2, true);
	resdiff_alignment *al = align_of(a, b, NULL);
	assert_int_equal(al->stats[RESDIFF_REL_DROPPED], 200);
	assert_int_equal(al->stats[RESDIFF_REL_REWORDED], 1000);
	assert_int_equal(al->stats[RESDIFF_REL_UNCHANGED], 8800);
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align__relations),
		cmocka_unit_test(test_align__moved_and_kind_change),
		cmocka_unit_test(test_align__split_and_merge),
		cmocka_unit_test(test_align__pins_are_respected),
		cmocka_unit_test(test_align__footnote_only_change_is_unchanged),
		cmocka_unit_test(test_align__empty_documents),
		cmocka_unit_test(test_align__large_generated_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
