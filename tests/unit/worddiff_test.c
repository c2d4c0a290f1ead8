/* worddiff_test.c: token edits inside a clause. */
#include "helpers.h"
#include "resdiff/worddiff.h"

#include <stdlib.h>
#include <string.h>

/* Render edits as git's plain word diff: [-old-]{+new+}. */
static char *render(const char *a, const char *b)
{
	resdiff_arena *arena = resdiff_arena_new();
	resdiff_buf out = RESDIFF_BUF_INIT, old = RESDIFF_BUF_INIT, neu = RESDIFF_BUF_INIT;
	resdiff_edit *e = NULL;
	size_t n = 0, i;

	assert_non_null(arena);
	assert_int_equal(resdiff_worddiff(&e, &n, arena, a, strlen(a), b, strlen(b)), 0);
	for (i = 0; i < n; i++) {
		if (i)
			assert_int_not_equal(e[i].op, e[i - 1].op);
		assert_int_equal(strlen(e[i].text), e[i].len);
		if (e[i].op == RESDIFF_EDIT_DELETE)
			resdiff_buf_printf(&out, "[-%s-]", e[i].text);
		else if (e[i].op == RESDIFF_EDIT_INSERT)
			resdiff_buf_printf(&out, "{+%s+}", e[i].text);
		else
			resdiff_buf_puts(&out, e[i].text);
		if (e[i].op != RESDIFF_EDIT_INSERT)
			resdiff_buf_puts(&old, e[i].text);
		if (e[i].op != RESDIFF_EDIT_DELETE)
			resdiff_buf_puts(&neu, e[i].text);
	}
	/* The edits spell the new text exactly. */
	assert_string_equal(neu.ptr ? neu.ptr : "", b);
	resdiff_buf_dispose(&old);
	resdiff_buf_dispose(&neu);
	resdiff_arena_free(arena);
	return resdiff_buf_detach(&out);
}

static void check(const char *a, const char *b, const char *want)
{
	char *got = render(a, b);
	if (strcmp(got, want))
		fail_msg("worddiff:\n  old:  %s\n  new:  %s\n  got:  %s\n  want: %s", a, b, got, want);
	free(got);
}

static void test_worddiff__han_is_one_char_per_token(void **state)
{
	check("请秘书长提交报告", "请秘书长向大会提交报告", "请秘书长{+向大会+}提交报告");
	check("回顾其第2006/46号决议", "回顾其第2008/3号决议", "回顾其第[-2006/46-]{+2008/3+}号决议");
}

static void test_worddiff__a_replacement_reads_as_one(void **state)
{
	check("又不满意地注意到秘书长的报告", "又强调指出秘书长的报告",
	      "又[-不满意地注意到-]{+强调指出+}秘书长的报告");
	/* one equal character between two changes folds into them */
	check("满意地注意到各方的努力", "欣见到各国的努力", "[-满意地注意到各方-]{+欣见到各国+}的努力");
}

static void test_worddiff__spaced_words(void **state)
{
	check("Requests the Secretary-General to report", "Requests the Secretary-General to submit a report",
	      "Requests the Secretary-General to {+submit a +}report");
	check("Decides to continue", "Decides to end", "Decides to [-continue-]{+end+}");
}

static void test_worddiff__width_only_is_equal(void **state)
{
	check("决定，继续", "决定,继续", "决定,继续");
}

static void test_worddiff__empty_sides(void **state)
{
	check("", "新案文", "{+新案文+}");
	check("旧案文", "", "[-旧案文-]");
	check("", "", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worddiff__han_is_one_char_per_token),
		cmocka_unit_test(test_worddiff__a_replacement_reads_as_one),
		cmocka_unit_test(test_worddiff__spaced_words),
		cmocka_unit_test(test_worddiff__width_only_is_equal),
		cmocka_unit_test(test_worddiff__empty_sides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
