/* amend_apply_test.c: tabled amendments applied to a draft
 * (resdiff/amend.h): numbers cite the draft as tabled, an amendment
 * applies whole or not at all, clashes and missing words are reported and
 * the others still apply, the result is numbered as it would be printed. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

static const char DRAFT[] =
	"The General Assembly,\n\n"
	"Recalling its resolution 70/1 of 25 September 2015, entitled \"Transforming our\n"
	"world: the 2030 Agenda for Sustainable Development\",\n\n"
	"Reaffirming the decision to deny visas ahead of the upcoming session of the\n"
	"General Assembly,\n\n"
	"1. Decides that:\n\n"
	"(a) The State may submit a statement of its Head of State;\n\n"
	"(b) The State may deliver statements by videoconference;\n\n"
	"2. Requests the Secretary-General to report on the implementation of the present resolution;\n\n"
	"3. Decides to remain seized of the matter.\n";

static const char PP1[] = "Recalling its resolution 70/1 of 25 September 2015, entitled "
	"\"Transforming our world: the 2030 Agenda for Sustainable Development\",";

typedef struct {
	resdiff_doc *draft;
	resdiff_amendments *am;
	resdiff_amend_result *res;
} applied;

static void apply(applied *a, const char *amendments)
{
	resdiff_amend_read_options opts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	memset(a, 0, sizeof(*a));
	a->draft = test_parse_string(DRAFT, "en");
	opts.language = "en";
	if (resdiff_amendments_read(&a->am, amendments, strlen(amendments), &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_int_equal(resdiff_amendments_apply(&a->res, a->draft, a->am), 0);
	for (size_t i = 0; i < a->res->count; i++)
		if (a->res->outcomes[i].reason)
			print_message("  amendment %zu: %s\n", i + 1, a->res->outcomes[i].reason);
}

static void dispose(applied *a)
{
	resdiff_amend_result_free(a->res);
	resdiff_amendments_free(a->am);
	resdiff_doc_free(a->draft);
}

/* Paragraph numbers printed again (a draft that holds a second list, as
 * pasted): the amended text numbers each use apart, "~2", "~3", as the
 * parser does, however many paragraphs there are. */
static void test_amend_apply__numbers_used_again_keep_their_marks(void **state)
{
	resdiff_amend_read_options opts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	static const char am_text[] =
		"1. In operative paragraph 2, replace \"a report\" with \"a short report\".\n";
	resdiff_buf draft = RESDIFF_BUF_INIT;
	resdiff_amendments *am = NULL;
	resdiff_amend_result *res = NULL;
	resdiff_doc *doc;
	size_t round, k;
	(void)state;
	assert_int_equal(resdiff_buf_puts(&draft, "The General Assembly,\n\nRecalling its resolution 1,\n\n"), 0);
	for (round = 0; round < 3; round++)
		for (k = 1; k <= 300; k++)
			assert_int_equal(resdiff_buf_printf(&draft, "%zu. Requests a report number %zu;\n\n",
				k, round * 300 + k), 0);
	doc = test_parse_string(draft.ptr, "en");
	opts.language = "en";
	assert_int_equal(resdiff_amendments_read(&am, am_text, strlen(am_text), &opts), 0);
	assert_int_equal(resdiff_amendments_apply(&res, doc, am), 0);
	assert_int_equal(res->applied, 1);
	assert_int_equal(res->doc->unit_count, 901);
	for (k = 0; k < res->doc->unit_count; k++)
		assert_string_equal(res->doc->units[k].id, doc->units[k].id);
	test_assert_unit_text(res->doc, "OP2", "Requests a short report number 2;");
	test_assert_unit_text(res->doc, "OP300~3", "Requests a report number 900;");
	resdiff_amend_result_free(res);
	resdiff_amendments_free(am);
	resdiff_doc_free(doc);
	resdiff_buf_dispose(&draft);
}

static void test_amend_apply__numbers_cite_the_draft_as_tabled(void **state)
{
	applied a;
	(void)state;
	/* deleting PP1 first does not make "preambular paragraph 2" another */
	apply(&a,
		"1. Delete preambular paragraph 1.\n"
		"2. In preambular paragraph 2, replace \"Reaffirming\" with \"Noting\"; delete \"upcoming \".\n"
		"3. Insert a new operative paragraph after operative paragraph 2, reading: \"Invites all States to cooperate;\".\n"
		"4. In operative paragraph 1 (a), replace \"Head of State\" with \"President\".\n");
	assert_int_equal(a.res->applied, 4);
	assert_int_equal(a.res->doc->unit_count, 7);
	test_assert_unit_text(a.res->doc, "PP1",
		"Noting the decision to deny visas ahead of the session of the General Assembly,");
	test_assert_unit_text(a.res->doc, "OP1(a)", "The State may submit a statement of its President;");
	test_assert_unit_text(a.res->doc, "OP3", "Invites all States to cooperate;");
	test_assert_unit_text(a.res->doc, "OP4", "Decides to remain seized of the matter.");
	assert_string_equal(a.res->doc->units[5].label, "3.");
	dispose(&a);
}

static void test_amend_apply__clashes_fail_both_and_the_rest_apply(void **state)
{
	applied a;
	(void)state;
	apply(&a,
		"1. In preambular paragraph 2, replace \"upcoming session\" with \"eightieth session\".\n"
		"2. In preambular paragraph 2, replace \"the upcoming\" with \"its coming\".\n"
		"3. Delete operative paragraph 3.\n");
	assert_int_equal(a.res->applied, 1);
	assert_int_equal(a.res->outcomes[0].status, RESDIFF_AMEND_CLASH);
	assert_int_equal(a.res->outcomes[0].clash_with, 2);
	assert_int_equal(a.res->outcomes[1].status, RESDIFF_AMEND_CLASH);
	assert_int_equal(a.res->outcomes[1].clash_with, 1);
	assert_int_equal(a.res->outcomes[2].status, RESDIFF_AMEND_APPLIED);
	test_assert_unit_text(a.res->doc, "PP2",
		"Reaffirming the decision to deny visas ahead of the upcoming session of the General Assembly,");
	assert_int_equal(test_count_kind(a.res->doc, RESDIFF_UNIT_OPERATIVE), 2);
	dispose(&a);
}

static void test_amend_apply__what_cannot_apply_says_why(void **state)
{
	applied a;
	(void)state;
	apply(&a,
		"1. In operative paragraph 2, replace \"Head of Government\" with \"President\".\n"
		"2. In operative paragraph 1 (a), replace \"State\" with \"Country\".\n"
		"3. Delete operative paragraph 9.\n"
		"4. In operative paragraph 1 (b), replace \"videoconference\" with \"video link\"; "
		"replace \"nowhere\" with \"anywhere\".\n");
	assert_int_equal(a.res->applied, 0);
	assert_int_equal(a.res->outcomes[0].status, RESDIFF_AMEND_FAILED);
	assert_non_null(strstr(a.res->outcomes[0].reason, "is not in operative paragraph 2"));
	assert_non_null(strstr(a.res->outcomes[1].reason, "2 times"));
	assert_non_null(strstr(a.res->outcomes[2].reason, "no operative paragraph 9"));
	/* an amendment applies whole or not at all */
	assert_int_equal(a.res->outcomes[3].status, RESDIFF_AMEND_FAILED);
	test_assert_unit_text(a.res->doc, "OP1(b)", "The State may deliver statements by videoconference;");
	dispose(&a);
}

static void test_amend_apply__kinds_change_and_numbers_follow(void **state)
{
	applied a;
	(void)state;
	apply(&a,
		"1. Move operative paragraph 3 to a position after preambular paragraph 2, as a preambular paragraph.\n"
		"2. Make preambular paragraph 1 an operative paragraph.\n");
	assert_int_equal(a.res->applied, 2);
	test_assert_unit_text(a.res->doc, "PP2", "Decides to remain seized of the matter.");
	test_assert_unit_text(a.res->doc, "OP1", PP1);
	test_assert_unit_text(a.res->doc, "OP2", "Decides that:");
	test_assert_unit_text(a.res->doc, "OP2(b)", "The State may deliver statements by videoconference;");
	dispose(&a);
}

static void test_amend_apply__unread_amendment_is_not_applied(void **state)
{
	applied a;
	(void)state;
	apply(&a,
		"1. Kindly reconsider the whole thing.\n"
		"2. Delete operative paragraph 2.\n");
	assert_int_equal(a.res->applied, 1);
	assert_int_equal(a.res->outcomes[0].status, RESDIFF_AMEND_UNREAD);
	assert_int_equal(a.res->outcomes[1].status, RESDIFF_AMEND_APPLIED);
	dispose(&a);
}

/* Hand-written insertions keep one space between words on both sides,
 * whichever side the quoted words stand ("before “X” insert “Y”" put
 * "Yimmediate" once: the last character of an insertion was never read). */
static void test_amend_apply__insertions_keep_spaces_on_both_sides(void **state)
{
	applied a;
	(void)state;
	apply(&a,
		"1. In preambular paragraph 2, before \"decision to deny\" insert \"unilateral\".\n"
		"2. In operative paragraph 2, after \"report\" insert \"annually\".\n"
		"3. In operative paragraph 3, before \"seized\" insert \"actively\", and after \"of\" insert \"all aspects of\".\n");
	assert_int_equal(a.res->applied, 3);
	test_assert_unit_text(a.res->doc, "PP2",
		"Reaffirming the unilateral decision to deny visas ahead of the upcoming session of the General Assembly,");
	test_assert_unit_text(a.res->doc, "OP2",
		"Requests the Secretary-General to report annually on the implementation of the present resolution;");
	test_assert_unit_text(a.res->doc, "OP3", "Decides to remain actively seized of all aspects of the matter.");
	dispose(&a);
}

/* A tidy deletion takes the space after its word; an edit quoted from
 * that space on ("delete “remain”; replace “ seized” with …") made the
 * reader copy a span of negative length (out of memory, exit 2). */
static void test_amend_apply__edit_on_a_space_a_deletion_took(void **state)
{
	applied a;
	(void)state;
	apply(&a, "1. In operative paragraph 3, delete \"remain\"; replace \" seized\" with \" kept\".\n");
	assert_int_equal(a.res->applied, 1);
	test_assert_unit_text(a.res->doc, "OP3", "Decides to kept of the matter.");
	dispose(&a);
}

/* Found in review: "at the end, add" put its words after the closing full
 * stop ("… matter., and …"); they go before it, unless they end a sentence
 * of their own. */
static void test_amend_apply__at_the_end_before_the_full_stop(void **state)
{
	applied a;
	(void)state;
	apply(&a, "1. In operative paragraph 3, at the end, add \", as a priority\".\n");
	assert_int_equal(a.res->applied, 1);
	test_assert_unit_text(a.res->doc, "OP3", "Decides to remain seized of the matter, as a priority.");
	dispose(&a);
	apply(&a, "1. In operative paragraph 3, at the end, add \"It will review it.\".\n");
	assert_int_equal(a.res->applied, 1);
	test_assert_unit_text(a.res->doc, "OP3", "Decides to remain seized of the matter. It will review it.");
	dispose(&a);
}

/* A declaration keeps its articles: amending a recital of the UDHR left
 * every article heading a "B<n>" block and every article paragraph an
 * operative paragraph (ART13.2 became OP17), so the amended text no longer
 * diffed article by article against the original. */
static void test_amend_apply__articles_keep_their_ids(void **state)
{
	static const char am_text[] =
		"1. In preambular paragraph 4, replace \"between nations\" with \"between all nations\".\n";
	resdiff_amend_read_options opts = RESDIFF_AMEND_READ_OPTIONS_INIT;
	resdiff_doc *draft = test_parse_source("tests/data/udhr/udhr_en.txt", "en");
	resdiff_amendments *am = NULL;
	resdiff_amend_result *res = NULL;
	size_t i;
	(void)state;
	opts.language = "en";
	if (resdiff_amendments_read(&am, am_text, strlen(am_text), &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_int_equal(resdiff_amendments_apply(&res, draft, am), 0);
	assert_int_equal(res->applied, 1);
	assert_int_equal(res->doc->unit_count, draft->unit_count);
	for (i = 0; i < draft->unit_count; i++) {
		assert_string_equal(res->doc->units[i].id, draft->units[i].id);
		assert_int_equal(res->doc->units[i].kind, draft->units[i].kind);
		assert_string_equal(res->doc->units[i].label, draft->units[i].label);
	}
	test_assert_unit_text(res->doc, "ART13.2",
		"Everyone has the right to leave any country, including his own, and to return to his country.");
	resdiff_amend_result_free(res);
	resdiff_amendments_free(am);
	resdiff_doc_free(draft);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amend_apply__numbers_cite_the_draft_as_tabled),
		cmocka_unit_test(test_amend_apply__numbers_used_again_keep_their_marks),
		cmocka_unit_test(test_amend_apply__clashes_fail_both_and_the_rest_apply),
		cmocka_unit_test(test_amend_apply__what_cannot_apply_says_why),
		cmocka_unit_test(test_amend_apply__kinds_change_and_numbers_follow),
		cmocka_unit_test(test_amend_apply__unread_amendment_is_not_applied),
		cmocka_unit_test(test_amend_apply__insertions_keep_spaces_on_both_sides),
		cmocka_unit_test(test_amend_apply__articles_keep_their_ids),
		cmocka_unit_test(test_amend_apply__edit_on_a_space_a_deletion_took),
		cmocka_unit_test(test_amend_apply__at_the_end_before_the_full_stop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
