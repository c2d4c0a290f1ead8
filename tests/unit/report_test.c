/* report_test.c: resdiff report on a scratch git repository with two
 * commits, and the git diff driver with the real git program. */
#include "store_helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GIT "git -c user.name=t -c user.email=t@example.org -c init.defaultBranch=main"

/* A work tree: commit 1 has 2009/7, 2006/85 and a note; commit 2 edits
 * OP6 of 2009/7, deletes 2006/85, adds 65/141 and edits the note. */
static char *make_repo(void)
{
	char *dir = test_tmpdir();
	int rc = test_system(
		"set -e; cd '%s'; " GIT " init -q .; mkdir corpus; "
		"cp '%s/corpus/E_RES_2009_7.zh.txt' '%s/corpus/E_2006_85.zh.txt' corpus/; "
		"printf 'notes\\n' >notes.txt; printf 'x\\n' >README.md; "
		"printf '[document \"E_RES_2009_7.zh\"]\\n\\tsymbol = E/RES/2009/7\\n\\tlanguage = zh\\n"
		"\\tsource = E_RES_2009_7.zh.txt\\n' >corpus/corpus.manifest; "
		"git add -A; " GIT " commit -q -m one; "
		"sed -i 's/如缺少资源、基础设施/如缺少资金、基础设施/' corpus/E_RES_2009_7.zh.txt; "
		"git rm -q corpus/E_2006_85.zh.txt; cp '%s/corpus/A_RES_65_141.zh.txt' corpus/; "
		"printf '\\377\\376 not text\\n' >notes.txt; "
		"git add -A; " GIT " commit -q -m two",
		dir, RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR);
	assert_int_equal(rc, 0);
	return dir;
}

static const resdiff_report_file *find(const resdiff_report *r, const char *path)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		if (!strcmp(r->files[i].new_path ? r->files[i].new_path : r->files[i].old_path, path))
			return &r->files[i];
	fail_msg("no %s in the report", path);
	return NULL;
}

static void test_report__two_commits(void **state)
{
	char *dir = make_repo();
	resdiff_report *r = NULL;
	const resdiff_report_file *f;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const resdiff_alignment *al;

	if (resdiff_report_build(&r, dir, "HEAD~1..HEAD", NULL) < 0)
		fail_msg("report: %s", resdiff_error_last());
	assert_int_equal(r->count, 4);  /* README.md is not a text */
	f = find(r, "corpus/E_RES_2009_7.zh.txt");
	assert_int_equal(f->status, RESDIFF_REPORT_MODIFIED);
	al = f->diff->alignment;
	assert_int_equal(al->stats[RESDIFF_REL_REWORDED], 1);
	assert_int_equal(al->stats[RESDIFF_REL_UNCHANGED], 61);
	{
		size_t k;
		for (k = 0; k < al->change_count && al->changes[k].relation != RESDIFF_REL_REWORDED; k++)
			;
		assert_true(k < al->change_count);
		assert_string_equal(f->new_doc->units[al->changes[k].new_units[0]].id, "OP6");
	}
	f = find(r, "corpus/E_2006_85.zh.txt");
	assert_int_equal(f->status, RESDIFF_REPORT_DELETED);
	assert_int_equal(f->diff->alignment->stats[RESDIFF_REL_DROPPED], 77);
	f = find(r, "corpus/A_RES_65_141.zh.txt");
	assert_int_equal(f->status, RESDIFF_REPORT_ADDED);
	assert_int_equal(f->diff->alignment->stats[RESDIFF_REL_ADDED], 49);
	f = find(r, "notes.txt");
	assert_null(f->diff);
	assert_non_null(f->error);
	assert_int_equal(resdiff_render_report_markdown(&out, r), 0);
	assert_non_null(strstr(out.ptr, "| corpus/E\\_RES\\_2009\\_7.zh.txt | modified | 1 reworded |"));
	assert_non_null(strstr(out.ptr, "| corpus/E\\_2006\\_85.zh.txt | deleted | 77 dropped |"));
	assert_non_null(strstr(out.ptr, "| notes.txt | modified | does not parse |"));
	assert_non_null(strstr(out.ptr, "资金"));
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_report_json(&out, r), 0);
	assert_non_null(strstr(out.ptr, "\"status\":\"added\""));
	assert_non_null(strstr(out.ptr, "\"relation\":\"reworded\",\"old\":[\"OP6\"],\"new\":[\"OP6\"]"));
	resdiff_buf_dispose(&out);
	resdiff_report_free(r);
	/* one revision means REV^..REV; bad ranges are errors */
	assert_int_equal(resdiff_report_build(&r, dir, "HEAD", NULL), 0);
	assert_int_equal(r->count, 4);
	resdiff_report_free(r);
	assert_int_equal(resdiff_report_build(&r, dir, "HEAD~1", NULL), RESDIFF_EINVALID);
	assert_true(resdiff_report_build(&r, dir, "nosuch..HEAD", NULL) < 0);
	assert_int_equal(resdiff_report_build(&r, dir, "HEAD~1...HEAD", NULL), RESDIFF_EINVALID);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* With a manifest only its texts count, with its languages. */
static void test_report__manifest_and_cli(void **state)
{
	char *dir = make_repo(), *out;
	int status;

	out = test_capture(&status, "cd '%s/corpus' && '%s' report --manifest corpus.manifest HEAD~1..HEAD",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "| corpus/E\\_RES\\_2009\\_7.zh.txt | modified | 1 reworded |"));
	assert_null(strstr(out, "notes.txt"));
	assert_null(strstr(out, "A\\_RES\\_65"));
	free(out);
	out = test_capture(&status, "cd '%s' && '%s' report --format=json HEAD~1..HEAD | python3 -c "
		"'import json,sys; d=json.load(sys.stdin); print(len(d[\"files\"]), d[\"files\"][0][\"status\"])'",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	assert_string_equal(out, "4 added\n");
	free(out);
	out = test_capture(&status, "cd / && '%s' report HEAD~1..HEAD 2>&1", RESDIFF_BINARY);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "not a git repository"));
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Stock git diff and git log -p show paragraphs once the driver is set. */
static void test_report__git_diff_driver(void **state)
{
	char *dir = make_repo(), *out;
	int status;

	out = test_capture(&status, "'%s' install-diff-driver --repo '%s'", RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	free(out);
	/* twice: the attribute line is not repeated */
	out = test_capture(&status, "'%s' -C '%s' install-diff-driver && grep -c '^\\*\\.txt diff=resdiff' '%s/.gitattributes'",
		RESDIFF_BINARY, dir, dir);
	assert_int_equal(status, 0);
	{
		/* the count is the whole last line ("11" must not pass for "1") */
		size_t n = strlen(out);
		const char *last = out;
		assert_true(n >= 2 && out[n - 1] == '\n');
		for (last = out + n - 1; last > out && last[-1] != '\n'; last--)
			;
		assert_string_equal(last, "1\n");
	}
	free(out);
	out = test_capture(&status, "git -C '%s' config diff.resdiff.textconv", dir);
	assert_non_null(strstr(out, "textconv"));
	free(out);
	/* the edited paragraph is one -/+ pair of whole OP6 lines */
	out = test_capture(&status, "git -C '%s' diff HEAD~1 HEAD -- corpus/E_RES_2009_7.zh.txt", dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "\n-OP6\t确认信息和通信技术带来了新的机遇和挑战"));
	assert_non_null(strstr(out, "\n+OP6\t确认信息和通信技术带来了新的机遇和挑战"));
	assert_non_null(strstr(out, "如缺少资金"));
	assert_null(strstr(out, "\n-OP7\t"));
	free(out);
	/* without the driver git shows the hard-wrapped source lines */
	out = test_capture(&status, "git -C '%s' diff --no-textconv HEAD~1 HEAD -- corpus/E_RES_2009_7.zh.txt", dir);
	assert_null(strstr(out, "\n+OP6\t"));
	free(out);
	out = test_capture(&status, "git -C '%s' log -p --format=%%s -- corpus/E_RES_2009_7.zh.txt", dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "\n+OP6\t确认信息和通信技术带来了新的机遇和挑战，当前迫切需要消除发展中国家在获取新技术方面的主要障碍，如缺少资金"));
	assert_non_null(strstr(out, "\n+symbol\tE/RES/2009/7"));  /* the first commit, whole */
	free(out);
	/* a .txt that does not parse still diffs (printed as it is) */
	out = test_capture(&status, "git -C '%s' diff HEAD~1 HEAD -- notes.txt", dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "\n-H1\tnotes"));      /* parsed: a one-heading text */
	assert_non_null(strstr(out, "\n+\377\376 not text")); /* not UTF-8: as it is */
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A text whose next version raises a verb and rolls a session forward:
 * the report says so per document (issue 15). */
static void test_report__signals_per_document(void **state)
{
	char *dir = test_tmpdir();
	resdiff_report *r = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	int rc = test_system(
		"set -e; cd '%s'; " GIT " init -q .; "
		"cp '%s/tests/golden/inputs/rolling_74.en.txt' ict.en.txt; "
		"git add -A; " GIT " commit -q -m one; "
		"cp '%s/tests/golden/inputs/substance_75.en.txt' ict.en.txt; "
		"git add -A; " GIT " commit -q -m two",
		dir, RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR);
	(void)state;
	assert_int_equal(rc, 0);
	if (resdiff_report_build(&r, dir, "HEAD~1..HEAD", NULL) < 0)
		fail_msg("report: %s", resdiff_error_last());
	assert_int_equal(resdiff_render_report_markdown(&out, r), 0);
	assert_non_null(strstr(out.ptr, "| ict.en.txt | modified | 3 reworded, "
		"1 only the rolling update, 1 verb strengthened |"));
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_report_json(&out, r), 0);
	assert_non_null(strstr(out.ptr, "\"verb\":{\"old\":\"encourages\",\"new\":\"urges\",\"shift\":3}"));
	resdiff_buf_dispose(&out);
	resdiff_report_free(r);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* PDFs in the repository: the driver is set for them, and report and
 * git diff read their text as import does. */
static void test_report__pdf(void **state)
{
#ifdef RESDIFF_PDF_HELPER_BIN
	char *dir = test_tmpdir(), *out;
	int status;

	assert_int_equal(test_system(
		"set -e; cd '%s'; " GIT " init -q .; cp '%s/tests/data/pdf/en.pdf' res.pdf; "
		"git add -A; " GIT " commit -q -m one; "
		"cp '%s/tests/data/pdf/A_RES_74_197.en.pdf' res.pdf; git add -A; " GIT " commit -q -m two",
		dir, RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR), 0);
	out = test_capture(&status, "'%s' -C '%s' install-diff-driver", RESDIFF_BINARY, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, ".gitattributes: *.pdf diff=resdiff\n"));
	free(out);
	out = test_capture(&status, "cd '%s' && '%s' report --format=json HEAD | python3 -c "
		"'import json,sys; f=json.load(sys.stdin)[\"files\"][0]; "
		"print(f[\"path\"] if \"path\" in f else f.get(\"new_path\"), f.get(\"error\"), "
		"f[\"diff\"] is not None and len(f[\"diff\"][\"changes\"]) > 10)'",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	assert_string_equal(out, "res.pdf None True\n");
	free(out);
	/* git diff through the driver: paragraphs, not "Binary files differ" */
	out = test_capture(&status, "git -C '%s' diff HEAD~1 HEAD -- res.pdf", dir);
	assert_int_equal(status, 0);
	assert_null(strstr(out, "Binary files"));
	assert_non_null(strstr(out, "\n+symbol\tA/RES/74/197"));
	assert_non_null(strstr(out, "\n-symbol\tA/RES/99/1"));
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
#else
	print_message("skipped: built without poppler-glib (no resdiff-pdf)\n");
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__two_commits),
		cmocka_unit_test(test_report__manifest_and_cli),
		cmocka_unit_test(test_report__git_diff_driver),
		cmocka_unit_test(test_report__pdf),
		cmocka_unit_test(test_report__signals_per_document),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
