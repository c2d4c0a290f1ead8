/* amend_read_test.c: the reader of tabled amendments (resdiff/amend.h),
 * on the writer's wording and on the usual UN phrasings, English and
 * Chinese, and on the forms taken for French, Spanish, Russian and Arabic. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static resdiff_amendments *read_ok(const char *text, const char *lang)
{
	resdiff_amend_read_options opts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *am = NULL;
	opts.language = lang;
	opts.source = "test";
	if (resdiff_amendments_read(&am, text, strlen(text), &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	return am;
}

static const resdiff_amend_op *op_of(const resdiff_amendments *am, size_t item, size_t op)
{
	assert_true(item < am->count);
	if (am->items[item].error)
		fail_msg("amendment %zu: %s", am->items[item].number, am->items[item].error);
	assert_true(op < am->items[item].op_count);
	return &am->items[item].ops[op];
}

static void assert_ref(const resdiff_amend_ref *r, resdiff_unit_kind kind, const char *number)
{
	assert_int_equal(r->kind, kind);
	assert_string_equal(r->number, number);
}

static void test_amend_read__the_writers_own_wording(void **state)
{
	resdiff_amendments *am = read_ok(
		"Amendments to A/80/L.2 (resulting in A/RES/80/1)\n"
		"\n"
		"1. In preambular paragraph 2, replace “Deploring” with “Regretting”; delete “arbitrarily ”.\n"
		"2. Insert a new preambular paragraph after preambular paragraph 2, reading: “Taking note,”.\n"
		"3. In operative paragraph 1(b), after “statement at the ” insert “meetings of the ”.\n"
		"4. Delete operative paragraph 3 and operative paragraph 4.\n"
		"5. Move operative paragraph 6 to a position after operative paragraph 1, as a preambular paragraph.\n"
		"6. Make operative paragraph 2 an operative sub-paragraph.\n", "en");
	const resdiff_amend_op *op;
	(void)state;
	assert_non_null(am->header);
	assert_int_equal(am->count, 6);
	assert_int_equal(am->items[0].line, 3);
	op = op_of(am, 0, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_EDIT);
	assert_ref(&op->refs[0], RESDIFF_UNIT_PREAMBLE, "2");
	assert_int_equal(op->edit_count, 2);
	assert_int_equal(op->edits[0].kind, RESDIFF_AMEND_EDIT_REPLACE);
	assert_string_equal(op->edits[0].old, "Deploring");
	assert_string_equal(op->edits[0].new, "Regretting");
	assert_int_equal(op->edits[1].kind, RESDIFF_AMEND_EDIT_DELETE);
	assert_string_equal(op->edits[1].old, "arbitrarily ");
	op = op_of(am, 1, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_INSERT);
	assert_int_equal(op->text_count, 1);
	assert_string_equal(op->texts[0], "Taking note,");
	assert_int_equal(op->new_kind, RESDIFF_UNIT_PREAMBLE);
	assert_int_equal(op->place.kind, RESDIFF_AMEND_AFTER_CLAUSE);
	assert_ref(&op->place.ref, RESDIFF_UNIT_PREAMBLE, "2");
	op = op_of(am, 2, 0);
	assert_ref(&op->refs[0], RESDIFF_UNIT_SUBPARAGRAPH, "1(b)");
	assert_int_equal(op->edits[0].kind, RESDIFF_AMEND_EDIT_INSERT_AFTER);
	assert_string_equal(op->edits[0].old, "statement at the ");
	op = op_of(am, 3, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_DELETE);
	assert_int_equal(op->ref_count, 2);
	assert_ref(&op->refs[1], RESDIFF_UNIT_OPERATIVE, "4");
	op = op_of(am, 4, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_MOVE);
	assert_true(op->has_kind);
	assert_int_equal(op->new_kind, RESDIFF_UNIT_PREAMBLE);
	op = op_of(am, 5, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_RETYPE);
	assert_int_equal(op->new_kind, RESDIFF_UNIT_SUBPARAGRAPH);
	resdiff_amendments_free(am);
}

static void test_amend_read__usual_un_phrasings(void **state)
{
	resdiff_amendments *am = read_ok(
		"Amendments to draft resolution A/C.3/80/L.21\n"
		"\n"
		"1. In the second preambular paragraph, replace \"Deploring\" with \"Regretting\".\n"
		"2. In operative paragraph 1 (a), before “the” insert “all”, and delete “grave”.\n"
		"3. Delete operative paragraph 7.\n"
		"4. Insert a new operative paragraph after operative paragraph 3, reading:\n"
		"   “Requests the Secretary-General to report;”\n"
		"5. Operative paragraph 4 should read: “Decides to remain seized of the matter.”\n", "en");
	const resdiff_amend_op *op;
	(void)state;
	assert_int_equal(am->count, 5);
	op = op_of(am, 0, 0);
	assert_ref(&op->refs[0], RESDIFF_UNIT_PREAMBLE, "2");
	assert_string_equal(op->edits[0].new, "Regretting");
	op = op_of(am, 1, 0);
	assert_ref(&op->refs[0], RESDIFF_UNIT_SUBPARAGRAPH, "1(a)");
	assert_int_equal(op->edit_count, 2);
	assert_int_equal(op->edits[0].kind, RESDIFF_AMEND_EDIT_INSERT_BEFORE);
	assert_int_equal(op->edits[1].kind, RESDIFF_AMEND_EDIT_DELETE);
	op = op_of(am, 2, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_DELETE);
	assert_ref(&op->refs[0], RESDIFF_UNIT_OPERATIVE, "7");
	op = op_of(am, 3, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_INSERT);
	assert_string_equal(op->texts[0], "Requests the Secretary-General to report;");
	assert_int_equal(am->items[3].line, 6);
	op = op_of(am, 4, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_REPLACE);
	assert_ref(&op->refs[0], RESDIFF_UNIT_OPERATIVE, "4");
	assert_string_equal(op->texts[0], "Decides to remain seized of the matter.");
	assert_int_equal(am->items[4].line, 8);
	resdiff_amendments_free(am);
}

static void test_amend_read__chinese(void **state)
{
	resdiff_amendments *am = read_ok(
		"对E/RES/2009/7的修正案\n"
		"\n"
		"1. 在序言部分第一段中，将“成果文件”替换为“各项成果文件”。\n"
		"2. 删除执行部分第2段。\n"
		"3. 在执行部分第3段后插入一个新的执行部分段，案文如下：“鼓励各会员国；”\n"
		"4. 执行部分第5段应改为：“请秘书长提交报告。”\n", NULL);
	const resdiff_amend_op *op;
	(void)state;
	assert_string_equal(am->language, "zh");
	assert_int_equal(am->count, 4);
	op = op_of(am, 0, 0);
	assert_ref(&op->refs[0], RESDIFF_UNIT_PREAMBLE, "1");
	assert_string_equal(op->edits[0].old, "成果文件");
	assert_string_equal(op->edits[0].new, "各项成果文件");
	assert_int_equal(op_of(am, 1, 0)->kind, RESDIFF_AMEND_DELETE);
	op = op_of(am, 2, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_INSERT);
	assert_int_equal(op->new_kind, RESDIFF_UNIT_OPERATIVE);
	assert_ref(&op->place.ref, RESDIFF_UNIT_OPERATIVE, "3");
	op = op_of(am, 3, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_REPLACE);
	assert_string_equal(op->texts[0], "请秘书长提交报告。");
	resdiff_amendments_free(am);
}

/* "In operative paragraphs 27 and 43, delete “sexual and reproductive”."
 * (A/C.3/80/L.64, amendment 2, tests/data/parse-amend): one edit cited for
 * several paragraphs is the same edit in each, one operation a paragraph;
 * a move still cites one. */
/* French, Spanish, Russian and Arabic: the UN forms their [amendment-grammar]
 * reads beside the writer's ("Au paragraphe 5 du dispositif, remplacer « … »
 * par « … »", a reference in the Russian prepositional, Arabic "بـ"), in
 * each language named and found by the reader. */
static void test_amend_read__four_languages(void **state)
{
	static const struct {
		const char *lang, *text, *old, *new;
		resdiff_unit_kind kind;
		const char *number;
	} cases[] = {
		{ "fr", "Amendements au projet de r\u00e9solution A/C.3/80/L.20\n\n"
			"1. Au paragraphe 5 du dispositif, remplacer \u00ab\u00a0r\u00e9affirme\u00a0\u00bb "
			"par \u00ab\u00a0rappelle\u00a0\u00bb.\n"
			"2. Au troisi\u00e8me alin\u00e9a du pr\u00e9ambule, supprimer les mots "
			"\u00ab\u00a0et la paix\u00a0\u00bb.\n",
			"r\u00e9affirme", "rappelle", RESDIFF_UNIT_OPERATIVE, "5" },
		{ "es", "1. En el p\u00e1rrafo 5 de la parte dispositiva, sustit\u00fayase "
			"\u00abreafirma\u00bb por \u00abrecuerda\u00bb.\n"
			"2. En el tercer p\u00e1rrafo del pre\u00e1mbulo, supr\u00edmase \u201cy la paz\u201d.\n",
			"reafirma", "recuerda", RESDIFF_UNIT_OPERATIVE, "5" },
		{ "ru", "1. \u0412 \u043f\u0443\u043d\u043a\u0442\u0435 5 "
			"\u043f\u043e\u0441\u0442\u0430\u043d\u043e\u0432\u043b\u044f\u044e\u0449\u0435\u0439 "
			"\u0447\u0430\u0441\u0442\u0438 \u0437\u0430\u043c\u0435\u043d\u0438\u0442\u044c "
			"\u00ab\u0430\u00bb \u043d\u0430 \u00ab\u0431\u00bb.\n",
			"\u0430", "\u0431", RESDIFF_UNIT_OPERATIVE, "5" },
		{ "ar", "1. \u0641\u064a \u0627\u0644\u0641\u0642\u0631\u0629 5 \u0645\u0646 "
			"\u0627\u0644\u0645\u0646\u0637\u0648\u0642\u060c \u064a\u0633\u062a\u0639\u0627\u0636 "
			"\u0639\u0646 \u201d\u062a\u0624\u0643\u062f\u201c \u0628\u0640 \u201d\u062a\u0634\u064a\u0631\u201c.\n",
			"\u062a\u0624\u0643\u062f", "\u062a\u0634\u064a\u0631", RESDIFF_UNIT_OPERATIVE, "5" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resdiff_amendments *am = read_ok(cases[i].text, cases[i].lang);
		const resdiff_amend_op *op = op_of(am, 0, 0);
		assert_string_equal(am->language, cases[i].lang);
		assert_int_equal(op->kind, RESDIFF_AMEND_EDIT);
		assert_ref(&op->refs[0], cases[i].kind, cases[i].number);
		assert_string_equal(op->edits[0].old, cases[i].old);
		assert_string_equal(op->edits[0].new, cases[i].new);
		if (i < 2) { /* the preambular paragraph by its ordinal, the words deleted */
			op = op_of(am, 1, 0);
			assert_ref(&op->refs[0], RESDIFF_UNIT_PREAMBLE, "3");
			assert_int_equal(op->edits[0].kind, RESDIFF_AMEND_EDIT_DELETE);
		}
		resdiff_amendments_free(am);
	}
}

static void test_amend_read__one_edit_in_several_paragraphs(void **state)
{
	resdiff_amendments *am = read_ok(
		"1. In operative paragraphs 27 and 43, delete “sexual and reproductive”.\n"
		"2. In preambular paragraphs 2, 5 and 9(b), replace “States” by “Member States”.\n"
		"3. Delete operative paragraphs 3 and 4.\n"
		"4. Move operative paragraphs 6 and 7 to a position after operative paragraph 1.\n", "en");
	const resdiff_amend_op *op;
	(void)state;
	assert_int_equal(am->count, 4);
	assert_int_equal(am->items[0].op_count, 2);
	assert_ref(&op_of(am, 0, 0)->refs[0], RESDIFF_UNIT_OPERATIVE, "27");
	op = op_of(am, 0, 1);
	assert_int_equal(op->kind, RESDIFF_AMEND_EDIT);
	assert_int_equal(op->ref_count, 1);
	assert_ref(&op->refs[0], RESDIFF_UNIT_OPERATIVE, "43");
	assert_int_equal(op->edits[0].kind, RESDIFF_AMEND_EDIT_DELETE);
	assert_string_equal(op->edits[0].old, "sexual and reproductive");
	assert_int_equal(am->items[1].op_count, 3);
	assert_ref(&op_of(am, 1, 1)->refs[0], RESDIFF_UNIT_PREAMBLE, "5");
	op = op_of(am, 1, 2);
	assert_ref(&op->refs[0], RESDIFF_UNIT_PREAMBLE, "9(b)");
	assert_string_equal(op->edits[0].new, "Member States");
	op = op_of(am, 2, 0);
	assert_int_equal(op->kind, RESDIFF_AMEND_DELETE);
	assert_int_equal(op->ref_count, 2);
	assert_ref(&op->refs[1], RESDIFF_UNIT_OPERATIVE, "4");
	assert_non_null(am->items[3].error);
	resdiff_amendments_free(am);
	am = read_ok("1. 在执行部分第27和43段中，删除“性和生殖”。\n", NULL);
	assert_string_equal(am->language, "zh");
	assert_int_equal(am->items[0].op_count, 2);
	assert_ref(&op_of(am, 0, 1)->refs[0], RESDIFF_UNIT_OPERATIVE, "43");
	assert_string_equal(op_of(am, 0, 1)->edits[0].old, "性和生殖");
	resdiff_amendments_free(am);
}

/* Tabled amendment documents as their PDFs print them (tests/data/
 * parse-amend): page headers and job numbers before the amendments, "1."
 * alone on its line, hard wraps, a single unnumbered amendment, the
 * inserted paragraph printed unquoted after "reading:". The line reading
 * took the front matter for six unread amendments (L.63), the "(2023)"
 * ending a wrapped line for amendment 2023 (L.61) and read nothing of
 * L.62; the document parser's units read every one, at its source line. */
static void test_amend_read__documents_as_downloaded(void **state)
{
	static const struct {
		const char *file;
		size_t count, line;
		resdiff_amend_op_kind kind;
		const char *ref;
	} docs[] = {
		{ "A_C.3_80_L.61.txt", 2, 31, RESDIFF_AMEND_EDIT, "14" },
		{ "A_C.3_80_L.62.txt", 1, 32, RESDIFF_AMEND_INSERT, "14" },
		{ "A_C.3_80_L.63.txt", 1, 31, RESDIFF_AMEND_EDIT, "13" },
		{ "A_C.3_80_L.64.txt", 3, 30, RESDIFF_AMEND_EDIT, "13" },
	};
	size_t d, k;
	(void)state;
	for (d = 0; d < sizeof(docs) / sizeof(docs[0]); d++) {
		char path[128];
		size_t len;
		char *text;
		resdiff_amendments *am;
		snprintf(path, sizeof(path), "tests/data/parse-amend/%s", docs[d].file);
		text = test_read_source(path, &len);
		am = read_ok(text, NULL);
		assert_int_equal(am->count, docs[d].count);
		for (k = 0; k < am->count; k++)
			assert_null(am->items[k].error);
		assert_int_equal(am->items[0].line, docs[d].line);
		assert_int_equal(op_of(am, 0, 0)->kind, docs[d].kind);
		assert_string_equal(op_of(am, 0, 0)->kind == RESDIFF_AMEND_INSERT ?
			op_of(am, 0, 0)->place.ref.number : op_of(am, 0, 0)->refs[0].number, docs[d].ref);
		if (docs[d].kind == RESDIFF_AMEND_INSERT)
			assert_true(!strncmp(op_of(am, 0, 0)->texts[0], "Reaffirming that, in accordance", 31));
		resdiff_amendments_free(am);
		free(text);
	}
}

/* A numbered amendment document prints the paragraph it inserts after
 * "…, reading:" without quotes, on lines of its own: the text runs to
 * the end of that amendment and keeps its own end mark, in a document
 * as downloaded (the parser joins it into the amendment's paragraph)
 * and in a clean list alike; a quoted text still ends at its mark. */
static void test_amend_read__unquoted_inserted_paragraph(void **state)
{
	static const char *const inputs[] = {
		"United Nations A/C.3/99/L.70\n\nGeneral Assembly\nNinety-ninth session\n"
		"Third Committee\nAgenda item 70\n\n"
		"Ruritania: amendments to draft resolution A/C.3/99/L.2\n\n"
		"1. After operative paragraph 3, insert a new operative paragraph, reading:\n\n"
		"Requests the Secretary-General to report on the matter\nat its next session;\n\n"
		"2. In operative paragraph 2, replace \"welcomes\" with \"notes\".\n",
		"1. After operative paragraph 3, insert a new operative paragraph, reading:\n"
		"Requests the Secretary-General to report on the matter at its next session;\n"
		"2. In operative paragraph 2, replace \"welcomes\" with \"notes\".\n",
	};
	resdiff_amendments *am;
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
		am = read_ok(inputs[k], NULL);
		assert_int_equal(am->count, 2);
		assert_null(am->items[0].error);
		assert_null(am->items[1].error);
		assert_int_equal(op_of(am, 0, 0)->kind, RESDIFF_AMEND_INSERT);
		assert_string_equal(op_of(am, 0, 0)->place.ref.number, "3");
		assert_int_equal(op_of(am, 0, 0)->text_count, 1);
		assert_string_equal(op_of(am, 0, 0)->texts[0],
			"Requests the Secretary-General to report on the matter at its next session;");
		assert_int_equal(op_of(am, 1, 0)->kind, RESDIFF_AMEND_EDIT);
		resdiff_amendments_free(am);
	}
	am = read_ok("1. 在执行部分第3段后插入一个新的执行部分段，案文如下：\n"
		"请秘书长在下届会议上报告此事；\n"
		"2. 删除执行部分第4段。\n", NULL);
	assert_string_equal(am->language, "zh");
	assert_int_equal(am->count, 2);
	assert_null(am->items[0].error);
	assert_int_equal(op_of(am, 0, 0)->kind, RESDIFF_AMEND_INSERT);
	assert_string_equal(op_of(am, 0, 0)->texts[0], "请秘书长在下届会议上报告此事；");
	resdiff_amendments_free(am);
}

static void test_amend_read__unread_amendments_are_kept_with_why(void **state)
{
	resdiff_amendments *am = read_ok(
		"1. Delete operative paragraph 2.\n"
		"2. Kindly reconsider the whole thing.\n", "en");
	(void)state;
	assert_int_equal(am->count, 2);
	assert_null(am->items[0].error);
	assert_non_null(am->items[1].error);
	assert_int_equal(am->items[1].number, 2);
	assert_int_equal(am->items[1].line, 2);
	resdiff_amendments_free(am);
}

/* The writer's "No amendments." is an amendment document too: the draft
 * as it stands, not "nothing reads as an amendment". */
static void test_amend_read__no_amendments(void **state)
{
	resdiff_amendments *am = read_ok("Amendments to A/1 (resulting in A/2)\n\nNo amendments.\n", NULL);
	(void)state;
	assert_true(am->none);
	assert_int_equal(am->count, 0);
	resdiff_amendments_free(am);
	am = read_ok("对E/RES/2009/7的修正（得出E/RES/2009/7）\n\n无修正。\n", NULL);
	assert_true(am->none);
	assert_string_equal(am->language, "zh");
	resdiff_amendments_free(am);
}

static void test_amend_read__refused_inputs(void **state)
{
	resdiff_amend_read_options opts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_amendments *am = NULL;
	const char *nothing = "The weather is fine today.\n", *bad_utf8 = "1. Delete \xff paragraph.\n";
	(void)state;
	assert_int_equal(resdiff_amendments_read(&am, nothing, strlen(nothing), &opts), RESDIFF_EINVALID);
	assert_null(am);
	opts.source = "am.txt";
	assert_int_equal(resdiff_amendments_read(&am, bad_utf8, strlen(bad_utf8), &opts), RESDIFF_EINVALID);
	/* the parser's words: where, by byte offset and line */
	assert_string_equal(resdiff_error_last(), "am.txt: invalid UTF-8 at byte offset 10 (line 1)");
	assert_int_equal(resdiff_amendments_read(&am, "1. Delete\n\0x", 12, &opts), RESDIFF_EINVALID);
	assert_string_equal(resdiff_error_last(), "am.txt: NUL byte at byte offset 10 (line 2)");
	/* UTF-16 is named, with the conversion, not "invalid UTF-8 at byte 0" */
	assert_int_equal(resdiff_amendments_read(&am, "\xFF\xFE" "1\0.\0", 6, &opts), RESDIFF_EINVALID);
	assert_string_equal(resdiff_error_last(),
		"am.txt: UTF-16 encoded (little-endian); convert to UTF-8 (iconv -f UTF-16LE -t UTF-8)");
	opts.language = "xx";
	assert_int_equal(resdiff_amendments_read(&am, "1. Delete operative paragraph 2.\n", 33, &opts),
		RESDIFF_EINVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amend_read__the_writers_own_wording),
		cmocka_unit_test(test_amend_read__usual_un_phrasings),
		cmocka_unit_test(test_amend_read__chinese),
		cmocka_unit_test(test_amend_read__four_languages),
		cmocka_unit_test(test_amend_read__one_edit_in_several_paragraphs),
		cmocka_unit_test(test_amend_read__documents_as_downloaded),
		cmocka_unit_test(test_amend_read__unquoted_inserted_paragraph),
		cmocka_unit_test(test_amend_read__unread_amendments_are_kept_with_why),
		cmocka_unit_test(test_amend_read__no_amendments),
		cmocka_unit_test(test_amend_read__refused_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
