/* concordance_test.c: pins from the command line and concordance files
 * (resdiff/concordance.h). */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

static resdiff_concordance *read_text(const char *text, size_t len, int want)
{
	resdiff_concordance *c = NULL;
	assert_int_equal(resdiff_concordance_new(&c), 0);
	assert_int_equal(resdiff_concordance_read(c, text, len, "pins.tsv"), want);
	return c;
}

static void test_concordance__pins_forbids_and_gold_lines(void **state)
{
	static const char text[] = "PP1=PP2\n  OP3!=OP4   # never\r\n\n# a comment\n"
		"split\tOP5\tOP5,OP6\tnote\nadded\t-\tOP9\n";
	resdiff_concordance *c = read_text(text, sizeof(text) - 1, 0);

	assert_int_equal(c->count, 4);
	assert_string_equal(c->pins[0].old_id, "PP1");
	assert_string_equal(c->pins[0].new_id, "PP2");
	assert_false(c->pins[0].forbid);
	assert_string_equal(c->pins[1].old_id, "OP3");
	assert_string_equal(c->pins[1].new_id, "OP4");
	assert_true(c->pins[1].forbid);
	assert_string_equal(c->pins[2].new_id, "OP5");
	assert_string_equal(c->pins[3].old_id, "OP5");
	assert_string_equal(c->pins[3].new_id, "OP6");
	resdiff_concordance_free(c);
}

/* Blank lines count: the error names the line a user sees in an editor
 * (the reader used strtok, which skipped them). */
static void test_concordance__errors_name_the_line(void **state)
{
	static const char text[] = "PP1=PP1\n\n\n# note\nOP1=\n";
	resdiff_concordance *c = read_text(text, sizeof(text) - 1, RESDIFF_EINVALID);

	assert_non_null(strstr(resdiff_error_last(), "pins.tsv:5"));
	resdiff_concordance_free(c);
	c = read_text("reworded\tOP1\n", 13, RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "pins.tsv:1: want 'relation<TAB>old-ids<TAB>new-ids'"));
	resdiff_concordance_free(c);
}

/* A NUL byte ended the file silently: what followed was never read. */
static void test_concordance__nul_byte_is_an_error(void **state)
{
	static const char text[] = "PP1=PP1\nOP1=OP1\0OP2=OP3\n";
	resdiff_concordance *c = read_text(text, sizeof(text) - 1, RESDIFF_EINVALID);

	assert_non_null(strstr(resdiff_error_last(), "pins.tsv:2: NUL byte at byte offset 15"));
	resdiff_concordance_free(c);
}

/* A gold line pins every old id to every new id: a short line could ask
 * for millions of pins. */
static void test_concordance__pins_are_limited(void **state)
{
	resdiff_buf line = RESDIFF_BUF_INIT;
	resdiff_concordance *c;
	size_t i, side;

	assert_int_equal(resdiff_buf_puts(&line, "merged\t"), 0);
	for (side = 0; side < 2; side++) {
		for (i = 0; i < 400; i++)
			assert_int_equal(resdiff_buf_printf(&line, "%sOP%zu", i ? "," : "", i), 0);
		assert_int_equal(resdiff_buf_puts(&line, side ? "\n" : "\t"), 0);
	}
	c = read_text(line.ptr, line.size, RESDIFF_ETOOBIG);
	assert_non_null(strstr(resdiff_error_last(), "pins.tsv:1: more than 100000 pins"));
	assert_int_equal(c->count, RESDIFF_CONCORDANCE_MAX_PINS);
	resdiff_concordance_free(c);
	resdiff_buf_dispose(&line);
}

static void test_concordance__command_line_pins(void **state)
{
	resdiff_concordance *c = NULL;

	assert_int_equal(resdiff_concordance_new(&c), 0);
	assert_int_equal(resdiff_concordance_add(c, "OP1=OP2", false, "--pin"), 0);
	assert_int_equal(resdiff_concordance_add(c, "OP3=OP4", true, "--unpin"), 0);
	assert_true(c->pins[1].forbid);
	assert_int_equal(resdiff_concordance_add(c, "OP3!=OP4", true, "--unpin"), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "--unpin takes OLD=NEW"));
	assert_int_equal(resdiff_concordance_add(c, "=OP4", false, "--pin"), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "--pin"));
	assert_int_equal(c->count, 2);
	resdiff_concordance_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concordance__pins_forbids_and_gold_lines),
		cmocka_unit_test(test_concordance__errors_name_the_line),
		cmocka_unit_test(test_concordance__nul_byte_is_an_error),
		cmocka_unit_test(test_concordance__pins_are_limited),
		cmocka_unit_test(test_concordance__command_line_pins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
