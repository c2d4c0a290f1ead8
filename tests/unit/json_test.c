/* json_test.c: the one JSON writer: layout, escaping, UTF-8, errors; and
 * the CLI's JSON on a file whose name is not UTF-8. */
#include "helpers.h"
#include "store_helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_sample(resdiff_json *w)
{
	resdiff_json_object_open(w);
	resdiff_json_key_uint(w, "schema", 1);
	resdiff_json_key_string(w, "name", NULL);
	resdiff_json_key(w, "changes");
	resdiff_json_list_open(w);
	resdiff_json_object_open(w);
	resdiff_json_key(w, "ids");
	resdiff_json_array_open(w);
	resdiff_json_string(w, "OP1");
	resdiff_json_string(w, "OP2");
	resdiff_json_array_close(w);
	resdiff_json_key_fixed(w, "similarity", 0.8567, 3);
	resdiff_json_object_close(w);
	resdiff_json_bool(w, true);
	resdiff_json_array_close(w);
	resdiff_json_key(w, "empty");
	resdiff_json_list_open(w);
	resdiff_json_array_close(w);
	resdiff_json_object_close(w);
}

/* One spacing style: no spaces, a list puts each element on its own line;
 * in JSON Lines mode nothing breaks a line; the value ends its line. */
static void test_json__layout(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_json w;

	resdiff_json_init(&w, &b, false);
	write_sample(&w);
	assert_int_equal(resdiff_json_end(&w), 0);
	assert_string_equal(b.ptr, "{\"schema\":1,\"name\":null,\"changes\":[\n"
		"{\"ids\":[\"OP1\",\"OP2\"],\"similarity\":0.857},\ntrue\n],\"empty\":[]}\n");
	resdiff_buf_clear(&b);
	resdiff_json_init(&w, &b, true);
	write_sample(&w);
	write_sample(&w);
	assert_int_equal(resdiff_json_end(&w), 0);
	assert_string_equal(b.ptr,
		"{\"schema\":1,\"name\":null,\"changes\":[{\"ids\":[\"OP1\",\"OP2\"],\"similarity\":0.857},true],\"empty\":[]}\n"
		"{\"schema\":1,\"name\":null,\"changes\":[{\"ids\":[\"OP1\",\"OP2\"],\"similarity\":0.857},true],\"empty\":[]}\n");
	resdiff_buf_dispose(&b);
}

static char *one_string(const char *s, size_t len)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_json w;
	resdiff_json_init(&w, &b, true);
	assert_int_equal(resdiff_json_string_len(&w, s, len), 0);
	assert_int_equal(resdiff_json_end(&w), 0);
	return resdiff_buf_detach(&b);
}
#define ONE_STRING(lit) one_string(lit, sizeof(lit) - 1)

static void test_json__escapes(void **state)
{
	char *s = ONE_STRING("q\"b\\n\nr\rt\te\x1b" "d\x7f" "决\xe2\x80\xae");
	assert_string_equal(s, "\"q\\\"b\\\\n\\nr\\rt\\te\\u001bd\\u007f决\xe2\x80\xae\"\n");
	free(s);
}

/* Each ill-formed sequence (maximal subpart) becomes one U+FFFD. */
static void test_json__bad_utf8_becomes_replacement(void **state)
{
	char *s = ONE_STRING("a\xff" "b\xe5\x86" "c\xe0\x80\xaf" "d\xed\xa0\x80" "e");
	assert_string_equal(s, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		"d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "e\"\n");
	free(s);
}

/* Whatever the bytes, the output is valid UTF-8 and keeps the text around
 * them: every string of one or two bytes, and every one of three bytes
 * whose first is a lead of a multi-byte sequence (E0..F4: those that read
 * furthest), written between two letters. */
static void test_json__output_always_valid_utf8(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_json w;
	unsigned char in[5];
	uint32_t x, first;
	size_t n, bad = 0, off;

	for (n = 1; n <= 3; n++)
		for (x = 0; x < (1u << (8 * n)) && bad < 5; x++) {
			first = n == 3 ? 0xE0 + (x >> 16) : x & 0xFF;
			if (first > 0xFF || (n == 3 && first > 0xF4))
				break;
			in[0] = 'a';
			in[1] = (unsigned char)first, in[2] = (unsigned char)(x >> 8), in[3] = (unsigned char)x;
			in[n + 1] = 'z';
			resdiff_buf_clear(&b);
			resdiff_json_init(&w, &b, true);
			resdiff_json_string_len(&w, (const char *)in, n + 2);
			if (resdiff_json_end(&w) < 0 || resdiff_utf8_validate(b.ptr, b.size, &off) < 0 ||
			    b.ptr[1] != 'a' || b.ptr[b.size - 3] != 'z') {
				fprintf(stderr, "bad output for %02x %02x %02x (%zu bytes)\n", in[1], in[2], in[3], n);
				bad++;
			}
		}
	assert_int_equal(bad, 0);
	resdiff_buf_dispose(&b);
}

static void test_json__numbers(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_json w;
	resdiff_json_init(&w, &b, true);
	resdiff_json_array_open(&w);
	resdiff_json_fixed(&w, 1.0, 3);
	resdiff_json_fixed(&w, 0.12345, 4);
	resdiff_json_fixed(&w, NAN, 3);
	resdiff_json_fixed(&w, INFINITY, 3);
	resdiff_json_int(&w, -7);
	resdiff_json_uint(&w, 18446744073709551615u);
	resdiff_json_array_close(&w);
	assert_int_equal(resdiff_json_end(&w), 0);
	assert_string_equal(b.ptr, "[1.000,0.1235,null,null,-7,18446744073709551615]\n");
	resdiff_buf_dispose(&b);
}

/* Calls out of order are errors, and errors are sticky. */
static void test_json__misuse_is_an_error(void **state)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	resdiff_json w;
	size_t size;

	resdiff_json_init(&w, &b, false);
	resdiff_json_object_open(&w);
	assert_int_equal(resdiff_json_string(&w, "no key"), RESDIFF_EINVALID);
	size = b.size;
	assert_int_equal(resdiff_json_key_string(&w, "k", "v"), RESDIFF_EINVALID);
	assert_int_equal(b.size, size);
	assert_int_equal(resdiff_json_end(&w), RESDIFF_EINVALID);

	resdiff_buf_clear(&b);
	resdiff_json_init(&w, &b, false);
	resdiff_json_array_open(&w);
	assert_int_equal(resdiff_json_key(&w, "k"), RESDIFF_EINVALID);
	resdiff_json_init(&w, &b, false);
	resdiff_json_array_open(&w);
	assert_int_equal(resdiff_json_object_close(&w), RESDIFF_EINVALID);
	resdiff_json_init(&w, &b, false);
	resdiff_json_object_open(&w);
	assert_int_equal(resdiff_json_end(&w), RESDIFF_EINVALID);  /* left open */
	resdiff_json_init(&w, &b, false);
	for (size = 0; size < RESDIFF_JSON_DEPTH_MAX; size++)
		assert_int_equal(resdiff_json_array_open(&w), 0);
	assert_int_equal(resdiff_json_array_open(&w), RESDIFF_EINVALID);
	resdiff_buf_dispose(&b);
}

/* A file named with a byte that is not UTF-8: parse and diff still print
 * valid JSON, the byte shown as U+FFFD. */
static void test_json__cli_non_utf8_file_name(void **state)
{
	char *dir = test_tmpdir(), path[4096], *out;
	const char *name = "res\xff.txt";
	size_t off;
	int status;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs("The General Assembly,\n\n1. Decides to act;\n\n2. Requests a report.\n", f);
	fclose(f);
	out = test_capture(&status, "cd '%s' && '%s' parse --format=json './%s'", dir, RESDIFF_BINARY, name);
	assert_int_equal(status, 0);
	assert_int_equal(resdiff_utf8_validate(out, strlen(out), &off), 0);
	assert_non_null(strstr(out, "\"source\":\"./res\xef\xbf\xbd.txt\""));
	free(out);
	out = test_capture(&status, "cd '%s' && '%s' diff --format=json './%s' './%s'", dir, RESDIFF_BINARY,
		name, name);
	assert_int_equal(status, 0);
	assert_int_equal(resdiff_utf8_validate(out, strlen(out), &off), 0);
	assert_non_null(strstr(out, "\"source\":\"./res\xef\xbf\xbd.txt\""));
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Several documents are JSON Lines: one line each, whatever they hold. */
static void test_json__cli_parse_is_json_lines(void **state)
{
	int status;
	char *out = test_capture(&status, "cd '%s' && '%s' parse --format=json corpus/E_RES_2009_7.zh.txt "
		"corpus/E_RES_2017_21.zh.txt corpus/A_66_64-E_2011_77.zh.txt", RESDIFF_SOURCE_DIR,
		RESDIFF_BINARY);
	const char *line = out, *nl;
	size_t lines = 0;

	assert_int_equal(status, 0);
	for (; (nl = strchr(line, '\n')) != NULL; line = nl + 1, lines++) {
		assert_true(!strncmp(line, "{\"schema\":1,", 12));
		assert_true(nl[-1] == '}');
	}
	assert_string_equal(line, "");
	assert_int_equal(lines, 3);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__layout),
		cmocka_unit_test(test_json__escapes),
		cmocka_unit_test(test_json__bad_utf8_becomes_replacement),
		cmocka_unit_test(test_json__output_always_valid_utf8),
		cmocka_unit_test(test_json__numbers),
		cmocka_unit_test(test_json__misuse_is_an_error),
		cmocka_unit_test(test_json__cli_non_utf8_file_name),
		cmocka_unit_test(test_json__cli_parse_is_json_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
