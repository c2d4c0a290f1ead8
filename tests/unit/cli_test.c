/* cli_test.c: what every command does with its standard output, through
 * the command line: a failed write is exit 2 with one message. */
#include "helpers.h"
#include "store_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static int setup(void **state)
{
	dir = test_tmpdir();
	return test_system("cd '%s' && '%s' init '%s/r' >/dev/null && '%s' -C '%s/r' import -q "
		"--manifest corpus/corpus.manifest >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, dir,
		RESDIFF_BINARY, dir) ? -1 : 0;
}

static int teardown(void **state)
{
	test_system("rm -rf '%s'", dir);
	free(dir);
	return 0;
}

#define A "corpus/E_RES_2009_7.zh.txt"
#define B "corpus/E_RES_2017_21.zh.txt"
#define AM "tests/data/amend/E_RES_2009_7.un-phrasings.zh.txt"

/* Every command that prints, and some of their formats; "R" stands for
 * the scratch repository, "N" for a new directory. Small outputs (--stat,
 * --version) sit in stdio's buffer until exit: the case of the issue. */
static const char *const commands[] = {
	"--version", "--help", "diff --help",
	"parse " A, "parse --format=json " A, "parse --format=summary " A,
	"check corpus", "check --format=json corpus", "textconv " A,
	"diff --stat " A " " B, "diff " A " " B, "diff --format=json " A " " B,
	"diff --format=html " A " " B, "diff --format=markdown " A " " B,
	"diff --format=amendments " A " " B, "-C R diff --series ecosoc-wsis --format=json",
	"-C R show 2009/7", "-C R show --format=json 2009/7", "-C R log", "-C R series",
	"-C R blame 2017/21:OP21", "-C R trace --format=json 2009/7:OP6",
	"-C R stats ecosoc-wsis", "-C R stats --format=svg ecosoc-wsis", "-C R export 2009/7",
	"export " A, "-C R index", "-C R unlock", "-C R import " A, "init N",
	"amend " A " " AM, "amend --diff " A " " AM, "-C R amend --format=json 2009/7 " AM,
};

static char *expand(const char *cmd, size_t n)
{
	resdiff_buf b = RESDIFF_BUF_INIT;
	for (; *cmd; cmd++) {
		if (*cmd == 'R' && (cmd[1] == ' ' || !cmd[1]) && cmd[-1] == ' ')
			resdiff_buf_printf(&b, "'%s/r'", dir);
		else if (*cmd == 'N' && !cmd[1] && cmd[-1] == ' ')
			resdiff_buf_printf(&b, "'%s/new%zu'", dir, n);
		else
			resdiff_buf_putc(&b, *cmd);
	}
	return resdiff_buf_detach(&b);
}

static void test_cli__write_error_is_exit_2_with_one_message(void **state)
{
	size_t i;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char *cmd = expand(commands[i], i), *err;
		int status;

		/* it works when the output can be written ... */
		err = test_capture(&status, "cd '%s' && '%s' %s 2>&1 >/dev/null", RESDIFF_SOURCE_DIR,
			RESDIFF_BINARY, cmd);
		if (status != 0 && status != 1)
			fail_msg("resdiff %s: exit %d: %s", cmd, status, err);
		free(err);
		if (!strncmp(commands[i], "init ", 5))
			test_system("rm -rf '%s/new%zu'", dir, i);
		/* ... and says so once, with exit 2, when it cannot */
		err = test_capture(&status, "cd '%s' && '%s' %s 2>&1 >/dev/full", RESDIFF_SOURCE_DIR,
			RESDIFF_BINARY, cmd);
		if (status != 2 || strcmp(err, "resdiff: write error on standard output: "
				"No space left on device\n"))
			fail_msg("resdiff %s >/dev/full: exit %d, stderr '%s'", cmd, status, err);
		free(err);
		free(cmd);
	}
}

/* `check` with no path reads corpus/: run where there is none, it says
 * that this was its default, not only that "corpus" is missing; a path
 * given and missing is named as given. */
static void test_cli__check_default_path_missing_says_so(void **state)
{
	int status;
	char *err = test_capture(&status, "cd '%s' && '%s' check 2>&1 >/dev/null", dir,
		RESDIFF_BINARY);
	(void)state;
	assert_int_equal(status, 2);
	if (!strstr(err, "corpus: no such file or directory (the default path"))
		fail_msg("check in a directory without corpus/: '%s'", err);
	free(err);
	err = test_capture(&status, "cd '%s' && '%s' check nope 2>&1 >/dev/null", dir,
		RESDIFF_BINARY);
	assert_int_equal(status, 2);
	assert_string_equal(err, "resdiff: nope: no such file or directory\n");
	free(err);
}

/* `log`, `ls` and `series` that find nothing to list say why on stderr (an empty
 * record, or no text in that language), print nothing and exit 0. */
/* Standard input is named so in errors, not "-" ("-: damaged PDF"; found
 * by review17): parse, diff, textconv and amend. */
static void test_cli__standard_input_named(void **state)
{
	static const char *const stdin_commands[] = {
		"parse -", "diff - tests/data/en/A_80_L.2.txt", "textconv -",
		"amend tests/data/en/A_80_L.2.txt -",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(stdin_commands) / sizeof(stdin_commands[0]); i++) {
		int status;
		char *err = test_capture(&status, "cd '%s' && printf '%%%%PDF-1.4 cut' | '%s' %s 2>&1 >/dev/null",
			RESDIFF_SOURCE_DIR, RESDIFF_BINARY, stdin_commands[i]);
		assert_int_not_equal(status, 0);
		if (!strstr(err, "standard input: ") || strstr(err, "-: "))
			fail_msg("resdiff %s: stderr '%s'", stdin_commands[i], err);
		free(err);
	}
	/* and so in the parser's warnings and their summary (parse, import) */
	for (i = 0; i < 2; i++) {
		int status;
		char *err = test_capture(&status, "cd '%s' && rm -rf stdin.git && '%s' init stdin.git >/dev/null && "
			"printf '1. Decides;\\n' | '%s' %s 2>&1 >/dev/null", dir, RESDIFF_BINARY, RESDIFF_BINARY,
			i ? "-C stdin.git import --symbol A/RES/1/1 --lang en -" : "parse -");
		assert_int_equal(status, 0);
		if (!strstr(err, "standard input:1: diagnostic: no chapeau") ||
		    !strstr(err, "resdiff: standard input: 1 warning\n") || strstr(err, "-:"))
			fail_msg("stderr '%s'", err);
		free(err);
	}
	/* check reads standard input as parse does, and names it in its
	 * findings (it said "-: no such file or directory") */
	{
		int status;
		char *out = test_capture(&status, "cd '%s' && printf '1. Decides;\\n' | '%s' check --lang en - 2>&1",
			RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
		assert_int_equal(status, 1);  /* findings, not an error */
		if (!strstr(out, "standard input:1") || strstr(out, "no such file") || strstr(out, "-:"))
			fail_msg("check -: '%s'", out);
		free(out);
		out = test_capture(&status, "cd '%s' && '%s' check --lang en - < tests/data/en/A_80_L.2.txt 2>&1",
			RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
		if (strstr(out, "no such file") || strstr(out, "-:"))
			fail_msg("check - < A_80_L.2.txt: '%s'", out);
		free(out);
	}
}

static void test_cli__empty_listings_say_why(void **state)
{
	static const struct {
		const char *repo, *args, *says;
	} cases[] = {
		{ "empty", "log", "no series stored: the record is empty" },
		{ "empty", "ls", "no document stored: the record is empty" },
		{ "r", "log --lang fr", "no series stored in language 'fr'" },
		{ "r", "ls --lang fr", "no document stored in language 'fr'" },
		{ "empty", "series", "no series stored: the record is empty" },
		{ "r", "series --lang fr", "no series stored in language 'fr'" },
	};
	size_t i;
	(void)state;
	assert_int_equal(test_system("'%s' init '%s/empty' >/dev/null", RESDIFF_BINARY, dir), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char args[512], *out, *err;
		int status;
		snprintf(args, sizeof(args), "-C '%s/%s' %s", dir, cases[i].repo, cases[i].args);
		out = test_capture(&status, "'%s' %s 2>/dev/null", RESDIFF_BINARY, args);
		assert_int_equal(status, 0);
		assert_string_equal(out, "");
		free(out);
		err = test_capture(&status, "'%s' %s 2>&1 >/dev/null", RESDIFF_BINARY, args);
		if (!strstr(err, cases[i].says))
			fail_msg("resdiff %s: stderr '%s'", args, err);
		free(err);
	}
	/* something to list: no note */
	{
		int status;
		char *err = test_capture(&status, "'%s' -C '%s/r' log 2>&1 >/dev/null", RESDIFF_BINARY,
			dir);
		assert_int_equal(status, 0);
		assert_null(strstr(err, "note: no"));
		free(err);
	}
}

/* -C FILE, --repo=FILE or $RESDIFF_REPO=FILE: exit 2 and the path named as
 * not a directory. It said "not a resdiff repository (or any of the parent
 * directories)", init said the directory existed, and a file inside a
 * repository ($RESDIFF_REPO=r/config) could open that repository. */
static void test_cli__repository_given_as_a_file(void **state)
{
	static const struct {
		const char *option, *sep, *rest;
	} forms[] = {
		{ "-C", " ", "ls" }, { "--repo", "=", "log" }, { "-C", " ", "init" },
		{ "-C", " ", "diff 2009/7 2017/21" },
	};
	char path[512], cmd[1200], want[700];
	size_t i;
	int status;
	char *out;

	(void)state;
	snprintf(path, sizeof(path), "%s/a-file", dir);
	assert_int_equal(test_system("echo text > '%s'", path), 0);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s%s'%s' %s", forms[i].option, forms[i].sep, path, forms[i].rest);
		out = test_capture(&status, "'%s' %s 2>&1", RESDIFF_BINARY, cmd);
		assert_int_equal(status, 2);
		snprintf(want, sizeof(want), "%s %s: not a directory, so not a resdiff repository",
			forms[i].option, path);
		if (!strstr(out, want))
			fail_msg("resdiff %s: '%s'", cmd, out);
		free(out);
	}
	/* the file is left as it was */
	out = test_capture(&status, "cat '%s'", path);
	assert_string_equal(out, "text\n");
	free(out);
	/* init FILE: it said "failed to make directory 'FILE': directory exists" */
	out = test_capture(&status, "'%s' init '%s' 2>&1", RESDIFF_BINARY, path);
	assert_int_equal(status, 2);
	snprintf(want, sizeof(want), "resdiff: %s: a file, not a directory; resdiff init wants an empty "
		"or new directory\n", path);
	assert_string_equal(out, want);
	free(out);
	/* $RESDIFF_REPO: the library says it too, of a file inside a repository */
	out = test_capture(&status, "RESDIFF_REPO='%s/r/config' '%s' ls 2>&1", dir, RESDIFF_BINARY);
	assert_int_equal(status, 2);
	snprintf(want, sizeof(want), "resdiff: %s/r/config: not a directory, so not a resdiff repository\n", dir);
	assert_string_equal(out, want);
	free(out);
}

/* Two symbols diffed where there is no repository: the error said only
 * "not a resdiff repository", not that the arguments were read as stored
 * symbols because no such files exist. */
static void test_cli__symbols_outside_a_repository_say_why(void **state)
{
	int status;
	char *out;

	(void)state;
	assert_int_equal(test_system("mkdir -p '%s/no-repo'", dir), 0);
	out = test_capture(&status, "cd '%s/no-repo' && env -u RESDIFF_REPO '%s' diff 2009/7 2017/21 2>&1",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 2);
	if (!strstr(out, "not a resdiff repository") ||
	    !strstr(out, "no file '2009/7' here, so it was read as the symbol of a stored document"))
		fail_msg("diff 2009/7 2017/21 outside a repository: '%s'", out);
	free(out);
}

/* A manifest libgit2's parser refuses: exit 2, the file and line in
 * resdiff's words (it printed "failed to parse config file: invalid
 * configuration key (in PATH:3)"), and the repository as it was. */
static void test_cli__malformed_manifest_writes_nothing(void **state)
{
	char *before, *after, *out, want[700];
	int status;

	(void)state;
	assert_int_equal(test_system("printf '[document \"a\"]\\n\\tsymbol = E/RES/2009/7\\n"
		"\\tlan guage = zh\\n' > '%s/bad.manifest'", dir), 0);
	before = test_capture(&status, "git -C '%s/r' for-each-ref", dir);
	out = test_capture(&status, "'%s' -C '%s/r' import --manifest '%s/bad.manifest' 2>&1", RESDIFF_BINARY,
		dir, dir);
	assert_int_equal(status, 2);
	snprintf(want, sizeof(want), "resdiff: %s/bad.manifest:3: not a section header, a comment or a "
		"'key = value' line (a key is letters, digits and '-')\n", dir);
	assert_string_equal(out, want);
	after = test_capture(&status, "git -C '%s/r' for-each-ref", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(out);
}

/* A command given the wrong number of arguments says what it takes and
 * where to read more, in the same words everywhere (exit 2): blame,
 * trace, clone, report, resolve and textconv named no help, show said
 * "wants", stats sent the user to 'resdiff series' only. */
static void test_cli__wrong_arity_points_to_help(void **state)
{
	static const char *const verbs[] = {
		"blame", "trace", "clone", "report", "resolve", "textconv", "show", "stats", "rm",
		"drafts", "export", "diff", "amend",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		char want[200], *out;
		int status;
		out = test_capture(&status, "'%s' -C '%s/r' %s 2>&1 >/dev/null", RESDIFF_BINARY, dir, verbs[i]);
		assert_int_equal(status, 2);
		snprintf(want, sizeof(want), "(see 'resdiff %s --help'", verbs[i]);
		if (strncmp(out, "resdiff: ", 9) || !strstr(out, " takes ") || !strstr(out, want))
			fail_msg("resdiff %s: '%s'", verbs[i], out);
		free(out);
	}
}

/* diff reads and parses its two files at once, NEW on a thread of its
 * own (RESDIFF_PARSE_THREAD=1: whatever their sizes): the error printed is
 * still the failing input's, OLD's when both fail (as when they were
 * parsed one after the other), and the output and errors are the same
 * with the thread turned off. */
static void test_cli__diff_error_names_the_failing_input(void **state)
{
	static const char *const pairs[][3] = {
		{ A, "BAD_NEW", "BAD_NEW" },       /* NEW fails on the thread, OLD parses */
		{ "BAD_OLD", B, "BAD_OLD" },       /* OLD fails, NEW parses on the thread */
		{ "BAD_OLD", "BAD_NEW", "BAD_OLD" },
		{ A, "MISSING", "MISSING" },
	};
	size_t i;
	int status;
	char *out, *off;

	(void)state;
	assert_int_equal(test_system(": > '%s/bad_old.txt' && : > '%s/bad_new.txt'", dir, dir), 0);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		char path[3][512], want[600];
		size_t k;
		for (k = 0; k < 3; k++) {
			const char *p = pairs[i][k];
			if (!strcmp(p, "BAD_OLD") || !strcmp(p, "BAD_NEW") || !strcmp(p, "MISSING"))
				snprintf(path[k], sizeof(path[k]), "%s/%s.txt", dir, !strcmp(p, "BAD_OLD") ?
					"bad_old" : !strcmp(p, "BAD_NEW") ? "bad_new" : "missing");
			else
				snprintf(path[k], sizeof(path[k]), "%s", p);
		}
		snprintf(want, sizeof(want), "resdiff: %s: %s\n", path[2],
			!strcmp(pairs[i][2], "MISSING") ? "No such file or directory" :
			"no recognisable paragraphs (empty input)");
		out = test_capture(&status, "cd '%s' && RESDIFF_PARSE_THREAD=1 '%s' diff --stat "
			"'%s' '%s' 2>&1 >/dev/null",
			RESDIFF_SOURCE_DIR, RESDIFF_BINARY, path[0], path[1]);
		assert_int_equal(status, 2);
		assert_string_equal(out, want);
		off = test_capture(&status, "cd '%s' && RESDIFF_NO_PARSE_THREAD=1 '%s' diff --stat "
			"'%s' '%s' 2>&1 >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY, path[0], path[1]);
		assert_int_equal(status, 2);
		assert_string_equal(off, out);
		free(out);
		free(off);
	}
	out = test_capture(&status, "cd '%s' && RESDIFF_PARSE_THREAD=1 '%s' diff --format=json %s %s",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, A, B);
	assert_int_equal(status, 0);
	off = test_capture(&status, "cd '%s' && RESDIFF_NO_PARSE_THREAD=1 '%s' diff --format=json %s %s",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, A, B);
	assert_int_equal(status, 0);
	assert_true(strlen(out) > 1000);
	assert_string_equal(out, off);
	free(out);
	free(off);
}

/* A file of no text (a UTF-8 byte-order mark alone, or with white space
 * after it) says what it holds, with byte offsets, in every command that
 * reads it, exit 2; an import of it writes nothing. It said "no
 * recognisable paragraphs" (parse, diff, import), "nothing in it reads as
 * an amendment" (amend), "Start tag expected" (import --format=akn). */
static void test_cli__blank_input_says_what_it_holds(void **state)
{
	static const struct {
		const char *bytes, *says;
	} files[] = {
		{ "\\357\\273\\277", "(only a UTF-8 byte-order mark, bytes 0-2: no text)" },
		{ "\\357\\273\\277 \\n\\t\\n\\n", "(only white space after a UTF-8 byte-order mark, bytes 3-7: "
		  "no text)" },
		{ "  \\n", "(only white space, bytes 0-2: no text)" },
	};
	static const char *const readers[] = {
		"parse F", "diff " A " F", "diff F " A, "-C R import F", "-C R import --lang en F",
		"amend --diff " A " F", "-C R import --format=akn F", "check F",
	};
	size_t i, k;
	char *before, *after;
	int status;

	(void)state;
	before = test_capture(&status, "git -C '%s/r' for-each-ref", dir);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		assert_int_equal(test_system("printf '%s' > '%s/blank.txt'", files[i].bytes, dir), 0);
		for (k = 0; k < sizeof(readers) / sizeof(readers[0]); k++) {
			char *cmd = expand(readers[k], k), *err, *f;
			resdiff_buf line = RESDIFF_BUF_INIT;
			/* F: the blank file */
			for (f = cmd; *f; f++)
				if (*f == 'F' && (!f[1] || f[1] == ' ') && f[-1] == ' ')
					resdiff_buf_printf(&line, "'%s/blank.txt'", dir);
				else
					resdiff_buf_putc(&line, *f);
			/* check reports on standard output, the others on stderr */
			err = test_capture(&status, "cd '%s' && '%s' %s 2>&1", RESDIFF_SOURCE_DIR,
				RESDIFF_BINARY, line.ptr);
			if (status != (strncmp(readers[k], "check", 5) ? 2 : 1) || !strstr(err, files[i].says) ||
			    !strstr(err, "blank.txt"))
				fail_msg("resdiff %s: exit %d, stderr '%s'", line.ptr, status, err);
			free(err);
			free(cmd);
			resdiff_buf_dispose(&line);
		}
	}
	after = test_capture(&status, "git -C '%s/r' for-each-ref", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* "no document X" names the stored symbols nearest X and how to list
 * them all; a text stored in another language than the one asked for
 * says which. It said only "no document '2009/8' in the record". */
static void test_cli__no_document_suggests_names(void **state)
{
	static const struct {
		const char *args, *says;
	} cases[] = {
		{ "show 2009/8", "no document '2009/8' in the record; the nearest stored: E/RES/2009/7; "
		  "'resdiff ls' lists every stored text" },
		{ "diff 2009/7 2017/22", "the nearest stored: E/RES/2017/21;" },
		{ "blame 65/14:OP1", "the nearest stored: A/RES/65/141;" },
		{ "trace E_RES_2009_8:OP6", "the nearest stored: E/RES/2009/7;" },
		{ "export 2009/77", "the nearest stored: E/RES/2009/7;" },
		{ "show --lang en 2009/7", "no document '2009/7' (en) in the record; stored in other "
		  "languages only: E/RES/2009/7 zh;" },
		{ "show zzzz", "no document 'zzzz' in the record; 'resdiff ls' lists every stored text" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status;
		char *err = test_capture(&status, "'%s' -C '%s/r' %s 2>&1 >/dev/null", RESDIFF_BINARY, dir,
			cases[i].args);
		if (status != 2 || !strstr(err, cases[i].says))
			fail_msg("resdiff %s: exit %d, stderr '%s'", cases[i].args, status, err);
		free(err);
	}
}

/* Two identical texts: one plain sentence under the two headers (text,
 * Markdown, HTML), "identical": true in JSON; exit 0, and 0 with
 * --exit-code. A copy differing only in a character width the comparison
 * folds says so. Before, the text format printed the two headers and
 * nothing under them. */
/* Found in review: a pager that could not start (PAGER=nonexistent) took
 * the whole diff with it, exit 0: the diff is then written without it.
 * The pager runs only on a terminal: `script` gives the diff one. */
static void test_cli__pager_that_cannot_run(void **state)
{
	int status;
	char *out;

	(void)state;
	if (system("command -v script >/dev/null 2>&1") != 0)
		skip();
	out = test_capture(&status, "cd '%s' && RESDIFF_PAGER=resdiff-no-such-pager script -qec "
		"\"'%s' diff corpus/E_RES_2009_7.zh.txt corpus/E_RES_2017_21.zh.txt\" /dev/null 2>&1",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
	assert_non_null(strstr(out, "the pager could not be run"));
	assert_non_null(strstr(out, "@@ "));
	free(out);
}

/* Found in review: diff and amend took --lang ru for an English text in
 * silence (its verbs then read as Russian: "0 weakened" where there were
 * two); parse warned. Every file read under a language it contradicts is
 * now said. */
static void test_cli__language_told_contradicted(void **state)
{
	int status;
	char *out;

	(void)state;
	out = test_capture(&status, "cd '%s' && '%s' diff --no-pager --lang=ru --signals "
		"tests/data/en/A_80_L.2.txt tests/data/en/A_RES_80_1.txt 2>&1 >/dev/null",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
	assert_non_null(strstr(out, "tests/data/en/A_80_L.2.txt: warning: the text is written in Latin "
		"script, not in the Cyrillic script of Russian; it is read as told"));
	assert_non_null(strstr(out, "A_RES_80_1.txt: warning:"));
	free(out);
	out = test_capture(&status, "cd '%s' && '%s' diff --no-pager --lang=en --signals "
		"tests/data/en/A_80_L.2.txt tests/data/en/A_RES_80_1.txt 2>&1 >/dev/null",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY);
	assert_null(strstr(out, "warning"));
	free(out);
}

static void test_cli__identical_texts_say_so(void **state)
{
	static const struct {
		const char *format, *says;
	} cases[] = {
		{ "", "+++ " A " (E/RES/2009/7, 2009-07-24)\nThe texts are identical: 62 clauses, 6 "
		  "footnotes, none changed.\n" },
		{ "--exit-code", "The texts are identical: 62 clauses" },
		{ "--format=markdown", "\n\nThe texts are identical: 62 clauses, 6 footnotes, none changed.\n" },
		{ "--format=html", "<p class=\"identical\" id=\"identical\">The texts are identical: 62 "
		  "clauses, 6 footnotes, none changed.</p>" },
		{ "--format=json", ",\"identical\":true}\n" },
	};
	size_t i;
	int status;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = test_capture(&status, "cd '%s' && '%s' diff --no-pager %s %s %s", RESDIFF_SOURCE_DIR,
			RESDIFF_BINARY, cases[i].format, A, A);
		if (status != 0 || !strstr(out, cases[i].says))
			fail_msg("diff %s: exit %d, stdout '%.400s'", cases[i].format, status, out);
		free(out);
	}
	/* different texts: no such sentence, "identical": false */
	out = test_capture(&status, "cd '%s' && '%s' diff --no-pager %s %s", RESDIFF_SOURCE_DIR,
		RESDIFF_BINARY, A, B);
	assert_null(strstr(out, "identical"));
	free(out);
	out = test_capture(&status, "cd '%s' && '%s' diff --format=json %s %s", RESDIFF_SOURCE_DIR,
		RESDIFF_BINARY, A, B);
	assert_non_null(strstr(out, ",\"identical\":false}\n"));
	free(out);
	/* the same stored text against itself */
	out = test_capture(&status, "'%s' -C '%s/r' diff --no-pager 2009/7 2009/7", RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "The texts are identical: 62 clauses"));
	free(out);
	/* a year in full-width digits: the same once folded, not byte for byte */
	assert_int_equal(test_system("cd '%s' && w=$(printf '\\357\\274\\222\\357\\274\\220"
		"\\357\\274\\220\\357\\274\\226') && sed \"0,/2006/s//$w/\" %s > '%s/wide.txt'",
		RESDIFF_SOURCE_DIR, A, dir), 0);
	out = test_capture(&status, "cd '%s' && '%s' diff --no-pager %s '%s/wide.txt'",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, A, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "The texts are identical clause for clause: 62 clauses, 6 "
		"footnotes, none changed; some characters differ only in width"));
	free(out);
}

/* An index computed with other language data (its Lang: trailer another
 * resdiff's) is named as such by blame's note and by `resdiff index`,
 * which recomputes it and keeps it as the new index's parent: nothing
 * dangles (it started a new chain, leaving the old index unreachable). */
static void test_cli__index_of_other_language_data(void **state)
{
	int status;
	char *out;

	(void)state;
	assert_int_equal(test_system("cd '%s/r' && old=$(git rev-parse resdiff/index) && "
		"msg=$(git log -1 --format=%%B $old | sed 's/^Lang: .*/Lang: 0123456789abcdef/') && "
		"new=$(GIT_AUTHOR_NAME=resdiff GIT_AUTHOR_EMAIL=r@localhost GIT_COMMITTER_NAME=resdiff "
		"GIT_COMMITTER_EMAIL=r@localhost git commit-tree $old^{tree} -p $old -m \"$msg\") && "
		"git update-ref refs/heads/resdiff/index $new && echo $new > ../forged", dir), 0);
	out = test_capture(&status, "'%s' -C '%s/r' blame 2017/21:OP21 2>&1 >/dev/null",
		RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	assert_string_equal(out, "resdiff: note: the stored clause index was computed with other "
		"language data, by a resdiff with other language files; computed in memory "
		"('resdiff index' stores it)\n");
	free(out);
	out = test_capture(&status, "'%s' -C '%s/r' index", RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "5 computed, 0 reused; the stored index was computed with other "
		"language data"));
	free(out);
	/* the forged index is the new one's parent: reachable, nothing dangling */
	assert_int_equal(test_system("cd '%s/r' && test \"$(git rev-parse resdiff/index^)\" = "
		"\"$(cat ../forged)\" && ! git fsck --no-reflogs 2>&1 | grep -q 'dangling commit'", dir), 0);
	out = test_capture(&status, "'%s' -C '%s/r' blame 2017/21:OP21 2>&1 >/dev/null",
		RESDIFF_BINARY, dir);
	assert_string_equal(out, "");
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli__write_error_is_exit_2_with_one_message),
		cmocka_unit_test(test_cli__check_default_path_missing_says_so),
		cmocka_unit_test(test_cli__diff_error_names_the_failing_input),
		cmocka_unit_test(test_cli__empty_listings_say_why),
		cmocka_unit_test(test_cli__standard_input_named),
		cmocka_unit_test(test_cli__repository_given_as_a_file),
		cmocka_unit_test(test_cli__symbols_outside_a_repository_say_why),
		cmocka_unit_test(test_cli__malformed_manifest_writes_nothing),
		cmocka_unit_test(test_cli__wrong_arity_points_to_help),
		cmocka_unit_test(test_cli__blank_input_says_what_it_holds),
		cmocka_unit_test(test_cli__no_document_suggests_names),
		cmocka_unit_test(test_cli__pager_that_cannot_run),
		cmocka_unit_test(test_cli__language_told_contradicted),
		cmocka_unit_test(test_cli__identical_texts_say_so),
		cmocka_unit_test(test_cli__index_of_other_language_data),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
