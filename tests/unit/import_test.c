/* import_test.c: imports that cannot surprise, and withdrawals, through
 * the command line on the bundled corpus and the English samples. */
#define _DEFAULT_SOURCE  /* nanosleep with -std=c11 */
#include "store_helpers.h"
#include "store_internal.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *dir;     /* scratch directory */
	char repo[4200];
} fixture;

static void setup_corpus(fixture *f)
{
	int status;
	char *out;
	f->dir = test_tmpdir();
	snprintf(f->repo, sizeof(f->repo), "%s/r.git", f->dir);
	out = test_capture(&status, "%s init '%s' && %s -C '%s' import -q --manifest "
		"%s/corpus/corpus.manifest 2>&1", RESDIFF_BINARY, f->repo, RESDIFF_BINARY, f->repo,
		RESDIFF_SOURCE_DIR);
	if (status != 0)
		fail_msg("%s", out);
	free(out);
}

static void teardown(fixture *f)
{
	test_system("rm -rf '%s'", f->dir);
	free(f->dir);
}

/* resdiff -C REPO <args>, from the scratch directory; stdout and stderr
 * apart (stderr in *err, freed by the caller). */
static char *run(int *status, char **err, const fixture *f, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
static char *run(int *status, char **err, const fixture *f, const char *fmt, ...)
{
	char args[4096], *out;
	int st;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	out = test_capture(status, "cd '%s' && %s -C '%s' %s 2>err.txt", f->dir, RESDIFF_BINARY,
		f->repo, args);
	*err = test_capture(&st, "cat '%s/err.txt'", f->dir);
	return out;
}

static char *git(const fixture *f, const char *args)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' %s 2>&1", f->repo, args);
	if (status != 0)
		fail_msg("git %s: %s", args, out);
	return out;
}

/* Lines of s that start with `prefix`. */
static size_t lines_starting(const char *s, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	const char *p = s;
	while (p && *p) {
		n += !strncmp(p, prefix, len);
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return n;
}

/* Other line ends or a byte-order mark: the same document, unchanged. */
static void test_import__crlf_and_bom_are_unchanged(void **state)
{
	fixture f;
	char *out, *err, *before, *after;
	int status;

	setup_corpus(&f);
	before = git(&f, "rev-parse record");
	test_system("cd '%s' && mkdir crlf bom && sed 's/$/\\r/' '%s/corpus/E_RES_2009_7.zh.txt' "
		">crlf/E_RES_2009_7.zh.txt && { printf '\\357\\273\\277'; cat "
		"'%s/corpus/E_RES_2009_7.zh.txt'; } >bom/E_RES_2009_7.zh.txt", f.dir,
		RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR);
	out = run(&status, &err, &f, "import --manifest %s/corpus/corpus.manifest "
		"crlf/E_RES_2009_7.zh.txt bom/E_RES_2009_7.zh.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_string_equal(out, "unchanged E/RES/2009/7 (zh) 62 units\n"
		"unchanged E/RES/2009/7 (zh) 62 units\n0 added, 0 amended, 2 unchanged\n");
	assert_string_equal(err, "");
	free(out);
	free(err);
	after = git(&f, "rev-parse record");
	assert_string_equal(before, after);
	free(before);
	free(after);
	teardown(&f);
}

/* The same document from its PDF and then from its text extraction:
 * units, footnotes and metadata equal, only the source (its hash and
 * lines) differs. The import says so, and records no text amendment;
 * the series history keeps its member. */
static void test_import__pdf_then_text_is_a_source_change(void **state)
{
	fixture f;
	char *out, *err, *view_before, *view_after;
	int status;

	f.dir = test_tmpdir();
	snprintf(f.repo, sizeof(f.repo), "%s/r.git", f.dir);
	test_system("%s init '%s' >/dev/null", RESDIFF_BINARY, f.repo);
	out = run(&status, &err, &f, "import --series ga-test %s/tests/data/pdf/en.pdf", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "added     A/RES/99/1 (en) 13 units  "));
	free(out);
	free(err);
	view_before = git(&f, "rev-parse series/ga-test/en");
	out = run(&status, &err, &f, "import --series ga-test %s/tests/data/pdf/en.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "amended   A/RES/99/1 (en) 13 units  "));
	assert_non_null(strstr(out, "  source only (the same text and metadata, read from another file)\n"));
	assert_null(strstr(out, "  text"));
	assert_non_null(strstr(out, "0 added, 1 amended, 0 unchanged; 1 of the amended in metadata or "
		"source only, the text the same\n"));
	free(out);
	free(err);
	out = git(&f, "log -1 --format=%s record");
	assert_string_equal(out, "amend A/RES/99/1 (en) source\n");
	free(out);
	/* the series history is rebuilt with the new source: its only line
	 * changed is source-sha256 */
	{
		char args[300];
		view_before[strcspn(view_before, "\n")] = '\0';
		snprintf(args, sizeof(args), "diff --unified=0 %s series/ga-test/en", view_before);
		view_after = git(&f, args);
		assert_int_equal(lines_starting(view_after, "+"), 2);  /* +++ and the line */
		assert_int_equal(lines_starting(view_after, "+source-sha256\t"), 1);
		assert_int_equal(lines_starting(view_after, "-source-sha256\t"), 1);
		assert_int_equal(lines_starting(view_after, "-"), 2);
	}
	free(view_before);
	free(view_after);
	/* a date given differently: metadata only, said so */
	out = run(&status, &err, &f, "import --force --date 2021-12-18 %s/tests/data/pdf/en.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "  metadata only (the text is the same)  forced: "));
	free(out);
	free(err);
	out = git(&f, "log -1 --format=%s record");
	assert_string_equal(out, "amend A/RES/99/1 (en) metadata\n");
	free(out);
	/* a word changed: a text amendment, the summary as before */
	test_system("sed 's/sustainable development,/sustainable growth,/' '%s/tests/data/pdf/en.txt' "
		">'%s/en.txt'", RESDIFF_SOURCE_DIR, f.dir);
	out = run(&status, &err, &f, "import --symbol A/RES/99/1 en.txt");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "  text\n0 added, 1 amended, 0 unchanged\n"));
	free(out);
	free(err);
	out = git(&f, "log -1 --format=%s record");
	assert_string_equal(out, "amend A/RES/99/1 (en) text\n");
	free(out);
	test_assert_fsck(f.repo);
	teardown(&f);
}

/* A text stored under another symbol than the one it names, or a
 * "correction" sharing little wording with the stored text: refused,
 * saying why and that nothing was imported; stored with --force, and
 * the record says it was forced. */
static void test_import__surprises_need_force(void **state)
{
	fixture f;
	char *out, *err, *before, *after;
	int status;

	setup_corpus(&f);
	out = run(&status, &err, &f, "import -q --lang en --series ga-ict4sd --date 2019-12-19 "
		"%s/tests/data/en/A_RES_74_197.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	free(err);
	before = git(&f, "rev-parse record");
	/* the case: 80/1 given 74/197's symbol */
	out = run(&status, &err, &f, "import --lang en --symbol A/RES/74/197 %s/tests/data/en/A_RES_80_1.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "the text names itself A/RES/80/1, but --symbol would store it as "
		"A/RES/74/197: use --force"));
	assert_non_null(strstr(err, "; nothing was imported\n"));
	free(out);
	free(err);
	/* the same text made to name itself 74/197: its wording gives it away */
	test_system("sed 's|A/RES/80/1|A/RES/74/197|g; s|^80/1\\.|74/197.|' "
		"'%s/tests/data/en/A_RES_80_1.txt' >'%s/x.txt'", RESDIFF_SOURCE_DIR, f.dir);
	out = run(&status, &err, &f, "import --lang en x.txt");
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "A/RES/74/197 (en): this text shares "));
	assert_non_null(strstr(err, "is it another document?"));
	assert_non_null(strstr(err, "; nothing was imported\n"));
	free(out);
	free(err);
	after = git(&f, "rev-parse record");
	assert_string_equal(before, after);
	free(after);
	/* forced: stored, and the output and the record say so */
	out = run(&status, &err, &f, "import --force --lang en --symbol A/RES/74/197 "
		"%s/tests/data/en/A_RES_80_1.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "amended   A/RES/74/197 (en) 11 units  "));
	assert_non_null(strstr(out, "% of its wording with the text it corrects; the text names "
		"itself A/RES/80/1\n"));
	free(out);
	free(err);
	out = git(&f, "log -1 --format=%B record");
	assert_non_null(strstr(out, "\nForced: shares "));
	assert_non_null(strstr(out, "% of its wording with the text it corrects; the text names itself "
		"A/RES/80/1\n"));
	free(out);
	/* the same units from other bytes (x.txt names itself 74/197): unchanged */
	out = run(&status, &err, &f, "import --lang en x.txt");
	assert_int_equal(status, 0);
	assert_string_equal(out, "unchanged A/RES/74/197 (en) 11 units\n0 added, 0 amended, 1 unchanged\n");
	free(out);
	free(err);
	/* a real correction (one word) needs nothing */
	test_system("sed '48s/满意地/欣然/' '%s/corpus/E_RES_2009_7.zh.txt' >'%s/E_RES_2009_7.zh.txt'",
		RESDIFF_SOURCE_DIR, f.dir);
	out = run(&status, &err, &f, "import --manifest %s/corpus/corpus.manifest E_RES_2009_7.zh.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "amended   E/RES/2009/7 (zh) 62 units  "));
	assert_null(strstr(out, "forced"));
	free(out);
	free(err);
	test_assert_fsck(f.repo);
	free(before);
	teardown(&f);
}

/* A batch that fails says what was imported: nothing, or the earlier
 * transactions; and a file name cannot fake a line of its own. */
static void test_import__failures_say_what_was_imported(void **state)
{
	fixture f;
	char *out, *err, *before, *after;
	int status;

	setup_corpus(&f);
	before = git(&f, "rev-parse record");
	test_system("cd '%s' && printf 'x\\0y\\n' >nul.txt && "
		"printf 'The General Assembly,\\n\\n1. Decides;\\n' >\"$(printf 'a\\nresdiff: fake\\033[31m.txt')\"",
		f.dir);
	out = run(&status, &err, &f, "import --manifest %s/corpus/corpus.manifest nul.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_string_equal(err, "resdiff: nul.txt: NUL byte at byte offset 1 (line 1); nothing was "
		"imported\n");
	free(out);
	free(err);
	/* transactions of 2: the first two documents went in */
	out = run(&status, &err, &f, "import --batch 2 --manifest %s/corpus/corpus.manifest "
		"%s/corpus/E_RES_2009_7.zh.txt %s/corpus/A_RES_65_141.zh.txt nul.txt", RESDIFF_SOURCE_DIR,
		RESDIFF_SOURCE_DIR, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "; the 2 documents before this transaction were imported, the 1 "
		"from it on were not\n"));
	free(out);
	free(err);
	after = git(&f, "rev-parse record");
	assert_string_equal(before, after);  /* those two were unchanged */
	free(after);
	/* a newline and ESC in a file name: one line, escaped */
	out = run(&status, &err, &f, "import --symbol A/1 --lang en \"$(printf 'a\\nresdiff: fake\\033[31m.txt')\"");
	assert_int_equal(status, 0);
	free(out);
	free(err);
	out = run(&status, &err, &f, "import --symbol A/2 --lang en \"$(printf 'a\\nresdiff: fake\\033[31m.txt')\" nul.txt");
	assert_int_equal(status, 2);
	assert_int_equal(lines_starting(err, "resdiff:"), 1);
	assert_int_equal(lines_starting(err, ""), 1);
	assert_null(strchr(err, '\033'));
	free(out);
	free(err);
	out = run(&status, &err, &f, "show \"$(printf 'A/1\\nresdiff: fake')\"");
	assert_int_equal(status, 2);
	assert_string_equal(err, "resdiff: 'A/1\\x0Aresdiff: fake' is not a document symbol: byte 3 "
		"(0x0A) is not one of letters, digits, space and / - . ( ) _ , + *\n");
	free(out);
	free(err);
	free(before);
	teardown(&f);
}

/* One grammar: what import refuses as a symbol, show refuses too, and
 * diff takes for a file name. */
static void test_import__one_symbol_grammar(void **state)
{
	fixture f;
	char *out, *err;
	int status;

	setup_corpus(&f);
	out = run(&status, &err, &f, "import --force --symbol ../../etc %s/corpus/E_RES_2009_7.zh.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "'../../etc' is not a document symbol: a component starts with '.'"));
	free(out);
	free(err);
	out = run(&status, &err, &f, "show ../../etc");
	assert_int_equal(status, 2);
	assert_string_equal(err, "resdiff: '../../etc' is not a document symbol: a component starts "
		"with '.'\n");
	free(out);
	free(err);
	out = run(&status, &err, &f, "diff ../../no-such-dir 2009/7");
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "../../no-such-dir"));
	assert_null(strstr(err, "not a document symbol"));
	assert_null(strstr(err, "in the record"));  /* a file, not looked up */
	free(out);
	free(err);
	/* what the grammar accepts, diff looks up in the repository */
	out = run(&status, &err, &f, "diff --stat 2009/7 E_RES_2017_21");
	assert_int_equal(status, 0);
	free(out);
	free(err);
	teardown(&f);
}

/* rm records a withdrawal: the history stays, the views follow. */
static void test_import__rm_withdraws(void **state)
{
	fixture f;
	char *out, *err;
	int status;

	setup_corpus(&f);
	out = run(&status, &err, &f, "rm 2017/21");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "withdrawn E/RES/2017/21 (zh)  "));
	free(out);
	free(err);
	out = git(&f, "log -2 --format=%s record");
	assert_string_equal(out, "withdraw E/RES/2017/21 (zh)\nimport A/66/64-E/2011/77 (zh)\n");
	free(out);
	out = git(&f, "log -1 --format=%B record");
	assert_non_null(strstr(out, "\n\nSymbol: E/RES/2017/21\nLanguage: zh\n"));
	free(out);
	/* gone from the tip, its series and its ref; readable in the history */
	out = run(&status, &err, &f, "show 2017/21");
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "no document '2017/21' in the record"));
	free(out);
	free(err);
	out = run(&status, &err, &f, "show E/RES/2017/21@~1");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "symbol    E/RES/2017/21\n"));
	free(out);
	free(err);
	out = run(&status, &err, &f, "log ecosoc-wsis");
	assert_int_equal(status, 0);
	assert_null(strstr(out, "2017/21"));
	assert_non_null(strstr(out, "E/RES/2009/7"));
	free(out);
	free(err);
	out = git(&f, "for-each-ref --format='%(refname)' refs/heads/resdiff/symbols");
	assert_string_equal(out, "refs/heads/resdiff/symbols/zh/A_RES_65_141\nrefs/heads/resdiff/symbols/zh/E_RES_2009_7\n");
	free(out);
	/* blame and trace follow the record (the index was updated) */
	out = run(&status, &err, &f, "trace 2009/7:OP6");
	assert_int_equal(status, 0);
	assert_null(strstr(out, "2017/21"));
	assert_string_equal(err, "");
	free(out);
	free(err);
	out = run(&status, &err, &f, "rm 2017/21");
	assert_int_equal(status, 2);
	free(out);
	free(err);
	test_assert_fsck(f.repo);
	teardown(&f);
}

/* A normal import (new documents, in adoption order, the index brought
 * up to date each time) leaves no dangling object: replaced indexes stay
 * reachable through their successors. */
static void test_import__no_dangling_objects(void **state)
{
	fixture f;
	char *out, *err;
	int status;

	setup_corpus(&f);
	out = run(&status, &err, &f, "import -q --lang en --series ga-ict4sd "
		"%s/tests/data/en/A_RES_74_197.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	free(err);
	out = run(&status, &err, &f, "import -q --lang en --series ga-ict4sd "
		"%s/tests/data/en/A_RES_75_202.txt", RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	free(err);
	out = test_capture(&status, "git -C '%s' fsck --strict --no-progress 2>&1", f.repo);
	assert_int_equal(status, 0);
	assert_string_equal(out, "");
	free(out);
	out = git(&f, "rev-list --count refs/heads/resdiff/index");
	assert_string_equal(out, "3\n");  /* three index commits, one chain */
	free(out);
	teardown(&f);
}

/* Ctrl-C or SIGTERM inside an import of several transactions: the
 * repository is at a transaction boundary (here every third document),
 * readers agree with the record, and the next import goes on at once. */
static void stopped_by(int sig)
{
	fixture f;
	char *out, *err, *count;
	int status, tries = 0;
	pid_t pid;

	setup_corpus(&f);
	test_system("mkdir -p '%s/texts' && awk -v n=30 -v dir='%s/texts' -f '%s/bench/gen-resolutions.awk'",
		f.dir, f.dir, RESDIFF_SOURCE_DIR);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char manifest[4300];
		snprintf(manifest, sizeof(manifest), "%s/texts/bench.manifest", f.dir);
		freopen("/dev/null", "w", stdout);
		execl(RESDIFF_BINARY, RESDIFF_BINARY, "-C", f.repo, "import", "--batch", "3", "--no-index",
			"--manifest", manifest, (char *)NULL);
		_exit(127);
	}
	/* wait until it has committed something, then interrupt it */
	do {
		struct timespec tick = { 0, 2000000 };
		nanosleep(&tick, NULL);
		count = test_capture(&status, "git -C '%s' rev-list --count record", f.repo);
		status = (int)strtoul(count, NULL, 10);
		free(count);
	} while (status < 6 && tries++ < 5000);
	kill(pid, sig);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* killed by the signal (or done before it came) */
	assert_true(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0));
	test_assert_fsck(f.repo);
	count = test_capture(&status, "git -C '%s' rev-list --count record", f.repo);
	assert_int_equal((strtoul(count, NULL, 10) - 5) % 3, 0);  /* 5 corpus commits, then 3s */
	free(count);
	/* readers: the histories as stored or computed agree with the record */
	out = run(&status, &err, &f, "log");
	assert_int_equal(status, 0);
	count = test_capture(&status, "git -C '%s' ls-tree -r --name-only record | grep -c '^en/'", f.repo);
	{
		/* member lines ("\n  2009-07-24  E/RES/2009/7 ..."): the generated
		 * documents in the record and the three dated corpus ones */
		size_t members = 0;
		const char *p;
		for (p = out; (p = strstr(p, "\n  ")); p++)
			members += p[3] >= '0' && p[3] <= '9';
		assert_int_equal(members, strtoul(count, NULL, 10) + 3);
	}
	free(count);
	free(out);
	free(err);
	/* the next import needs no unlock and finishes the job */
	out = run(&status, &err, &f, "import -q --manifest texts/bench.manifest");
	assert_int_equal(status, 0);
	assert_null(strstr(err, "unlock"));
	free(out);
	free(err);
	count = test_capture(&status, "git -C '%s' ls-tree -r --name-only record | grep -c '^en/'", f.repo);
	assert_string_equal(count, "30\n");
	free(count);
	test_assert_fsck(f.repo);
	teardown(&f);
}

static void test_import__sigint_and_sigterm(void **state)
{
	stopped_by(SIGINT);
	stopped_by(SIGTERM);
}

/* The views a transaction rebuilt, against every view rebuilt from the
 * record: the same refs (`git for-each-ref`, names and ids). */
static void assert_views_rebuilt_alike(resdiff_store *s, const char *dir)
{
	int status;
	char *before = test_capture(&status, "git -C '%s' for-each-ref", dir), *after;
	assert_int_equal(status, 0);
	assert_int_equal(store_lock_acquire(s), 0);
	assert_int_equal(store_views_rebuild(s), 0);
	store_lock_release(s);
	after = test_capture(&status, "git -C '%s' for-each-ref", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void import_docs(resdiff_store *s, resdiff_doc **docs, size_t n)
{
	resdiff_store_item items[4];
	size_t i;
	assert_true(n <= 4);
	memset(items, 0, sizeof(items));
	for (i = 0; i < n; i++)
		items[i].doc = docs[i];
	if (resdiff_store_import(s, items, n) < 0)
		fail_msg("import %s: %s", docs[0]->meta.symbol, resdiff_error_last());
	for (i = 0; i < n; i++)
		resdiff_doc_free(docs[i]);
}

static void import_one(resdiff_store *s, resdiff_doc *doc)
{
	import_docs(s, &doc, 1);
}

/* A store opened afresh: its cache of document headers empty. */
static resdiff_store *reopen(resdiff_store *s, const char *dir)
{
	resdiff_store_free(s);
	s = NULL;
	assert_int_equal(resdiff_store_open(&s, dir), 0);
	return s;
}

/* Importing one member rebuilds its series' view from the view's own
 * members and the transaction's documents: it reads the headers of that
 * series (info_count: the headers the store read), not of every document
 * of the language; and the views are those a rebuild from the record
 * writes, after a new member, a member moved to another series, a batch
 * with a redated member, and a withdrawal. */
static void test_import__one_member_reads_its_series(void **state)
{
	static const char *series[] = { "alpha", "beta", "gamma", "delta" };
	resdiff_store *s = NULL;
	resdiff_doc *batch[2];
	char *dir = test_tmpdir(), sym[32], date[16], line[64];
	bool created;
	size_t i, j;

	(void)state;
	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	/* en: four series of three members, one document in none; zh: alpha */
	for (j = 0; j < 4; j++)
		for (i = 1; i <= 3; i++) {
			snprintf(sym, sizeof(sym), "A/RES/%zu/%zu", 60 + i, j + 1);
			snprintf(date, sizeof(date), "%zu-10-01", 2005 + i);
			import_one(s, test_make_doc(sym, "en", series[j], date, 4, (unsigned)(i * 10 + j)));
		}
	import_one(s, test_make_doc("A/RES/61/99", "en", NULL, "2006-12-01", 4, 99));
	import_one(s, test_make_doc("A/RES/61/1", "zh", "alpha", "2006-10-01", 4, 1));

	/* a new alpha member: alpha's three and itself, not en's thirteen */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/64/1", "en", "alpha", "2009-10-01", 4, 41));
	assert_true(s->info_count <= 4);
	assert_views_rebuilt_alike(s, dir);

	/* alpha's 62/1 moves to beta: the two series' members */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/62/1", "en", "beta", "2007-10-01", 4, 21));
	assert_true(s->info_count <= 4 + 3 + 1);
	assert_views_rebuilt_alike(s, dir);

	/* one batch: a new gamma member and an old one redated after it */
	s = reopen(s, dir);
	batch[0] = test_make_doc("A/RES/64/3", "en", "gamma", "2009-10-01", 4, 43);
	batch[1] = test_make_doc("A/RES/61/3", "en", "gamma", "2010-01-01", 4, 13);
	import_docs(s, batch, 2);
	assert_true(s->info_count <= 3 + 2 + 1);
	assert_views_rebuilt_alike(s, dir);

	/* a withdrawal: its series' remaining members */
	s = reopen(s, dir);
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/62/4", "en", line), 0);
	assert_true(s->info_count <= 3);
	assert_views_rebuilt_alike(s, dir);

	/* a view resdiff did not write (no Symbol: trailer): the language
	 * is scanned, and the view is the rebuild's again */
	s = reopen(s, dir);
	assert_int_equal(test_system("cd '%s' && t=$(git mktree </dev/null) && "
		"c=$(echo junk | git -c user.name=t -c user.email=t@t commit-tree $t) && "
		"git update-ref refs/heads/series/beta/en $c", dir), 0);
	import_one(s, test_make_doc("A/RES/65/2", "en", "beta", "2010-10-01", 4, 52));
	assert_true(s->info_count >= 13);
	assert_views_rebuilt_alike(s, dir);

	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A transaction that only appends members to a series looks up the
 * view's last member and its new ones, not every old member
 * (view_members_read): the work of one more member does not grow with
 * the series, as the work of one more document did not grow with the
 * language above; a member that lands before the last one, or an old one
 * amended, rebuilds from all the members. The views are always those of
 * a rebuild from the record. */
static void test_import__appending_reads_the_last_member_only(void **state)
{
	resdiff_store *s = NULL;
	resdiff_doc *batch[4];
	char *dir = test_tmpdir(), sym[32], date[16];
	bool created;
	size_t i, was;

	(void)state;
	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	for (i = 1; i <= 12; i++) {
		snprintf(sym, sizeof(sym), "A/RES/%zu/1", 60 + i);
		snprintf(date, sizeof(date), "%zu-10-01", 2000 + i);
		was = s->view_members_read;
		import_one(s, test_make_doc(sym, "en", "alpha", date, 4, (unsigned)i));
		/* the last member and the new one: 2 (1 for the first) */
		assert_true(s->view_members_read - was <= 2);
	}
	assert_views_rebuilt_alike(s, dir);

	/* a store opened afresh: the same */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/73/1", "en", "alpha", "2013-10-01", 4, 13));
	assert_int_equal(s->view_members_read, 2);
	assert_views_rebuilt_alike(s, dir);

	/* one transaction: three new members of alpha (out of order among
	 * themselves) and the first of beta: alpha's last member and four */
	s = reopen(s, dir);
	batch[0] = test_make_doc("A/RES/76/1", "en", "alpha", "2016-10-01", 4, 16);
	batch[1] = test_make_doc("A/RES/74/1", "en", "alpha", "2014-10-01", 4, 14);
	batch[2] = test_make_doc("A/RES/75/1", "en", "alpha", "2015-10-01", 4, 15);
	batch[3] = test_make_doc("A/RES/74/2", "en", "beta", "2014-10-01", 4, 24);
	import_docs(s, batch, 4);
	assert_int_equal(s->view_members_read, 1 + 4);
	assert_views_rebuilt_alike(s, dir);

	/* a member before the last one: every member (16) looked up again */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/65/2", "en", "alpha", "2005-12-01", 4, 52));
	assert_true(s->view_members_read >= 16);
	assert_views_rebuilt_alike(s, dir);

	/* an old member amended (the last one, its text): every member */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/76/1", "en", "alpha", "2016-10-01", 4, 17));
	assert_true(s->view_members_read >= 17);
	assert_views_rebuilt_alike(s, dir);

	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A transaction's documents are not read back to plan the views: their
 * headers and view blobs come from the bytes being imported, and each
 * record blob, hashed once to compare it with the stored one, is put in
 * the transaction as it is (libgit2's write would hash it again). An old
 * member is read once for its header and its view blob (it was read twice).
 * info_blobs_read counts the record blobs read back, blobs_put the record
 * blobs put without a second hash; main read 20 back and put none. */
static void test_import__new_documents_not_read_back(void **state)
{
	resdiff_store *s = NULL;
	resdiff_store_item items[2 * RESDIFF_STORE_PACK_MIN_DOCS];
	resdiff_doc *docs[2 * RESDIFF_STORE_PACK_MIN_DOCS];
	char *dir = test_tmpdir(), sym[32], date[16];
	size_t i, n = 2 * RESDIFF_STORE_PACK_MIN_DOCS;
	bool created;

	(void)state;
	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	memset(items, 0, sizeof(items));
	for (i = 0; i < n; i++) {
		snprintf(sym, sizeof(sym), "A/RES/%zu/1", 40 + i);
		snprintf(date, sizeof(date), "%zu-10-01", 1980 + i);
		items[i].doc = docs[i] = test_make_doc(sym, "en", i % 2 ? "alpha" : "beta", date, 4,
			(unsigned)i + 1);
	}
	/* a bulk transaction (a pack): nothing read back, every blob put */
	if (resdiff_store_import(s, items, n) < 0)
		fail_msg("import: %s", resdiff_error_last());
	for (i = 0; i < n; i++)
		resdiff_doc_free(docs[i]);
	assert_int_equal(s->info_blobs_read, 0);
	assert_int_equal(s->blobs_put, n);
	assert_views_rebuilt_alike(s, dir);

	/* a store opened afresh, one more member (loose objects, written by
	 * libgit2): the view's last member read once, the new one not at all */
	s = reopen(s, dir);
	import_one(s, test_make_doc("A/RES/80/1", "en", "alpha", "2020-10-01", 4, 99));
	assert_int_equal(s->info_blobs_read, 1);
	assert_int_equal(s->blobs_put, 0);
	assert_views_rebuilt_alike(s, dir);

	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Every object a transaction writes is new, and libgit2 looks for it
 * before writing it; on a miss its object database re-read objects/pack
 * (and compared each pack found with each loaded): a bulk import's cost
 * grew with the number of packs, one per transaction of 1000 documents.
 * Through the store's own layer (store_odb_layer) a write does not re-read
 * the directory: it is read a few times per transaction, not once per
 * object, with 1 pack or 41 (strace counts libgit2's look for a
 * multi-pack-index, the first thing each re-read does). */
static size_t pack_dir_opens(const char *dir, const char *gen, const char *manifest)
{
	int status;
	char *out = test_capture(&status, "cd '%s' && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=openat -o trace.txt "
		"%s -C r.git import -q --no-index --manifest '%s/%s' >/dev/null 2>&1 && "
		"{ grep -c 'objects/pack/multi-pack-index' trace.txt || true; }",
		dir, RESDIFF_BINARY, gen, manifest);
	size_t n = (size_t)strtoul(out, NULL, 10);
	free(out);
	return status == 0 ? n : (size_t)-1;
}

static void test_import__writes_do_not_rescan_the_packs(void **state)
{
	char *dir = test_tmpdir(), *gen;
	size_t one, many;
	int status;

	(void)state;
	if (test_system("strace -qq -o /dev/null -e trace=openat true >/dev/null 2>&1") != 0) {
		test_system("rm -rf '%s'", dir);
		free(dir);
		skip();
	}
	gen = test_capture(&status, "cd '%s' && mkdir t && awk -v n=60 -v dir=t -f '%s/bench/gen-resolutions.awk' && "
		"awk '/^\\[document/ { k++ } k <= 20 { print }' t/bench.manifest >t/a.manifest && "
		"awk '/^\\[document/ { k++ } k > 20 && k <= 40 { print }' t/bench.manifest >t/b.manifest && "
		"awk '/^\\[document/ { k++ } k > 40 { print }' t/bench.manifest >t/c.manifest && "
		"%s init r.git >/dev/null && %s -C r.git import -q --no-index --manifest t/a.manifest >/dev/null && "
		"printf '%%s/t' \"$PWD\"", dir, RESDIFF_SOURCE_DIR, RESDIFF_BINARY, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	/* 20 documents (a pack of ~160 objects) into a repository of 1 pack */
	one = pack_dir_opens(dir, gen, "b.manifest");
	/* 40 packs more (copies of the first, other names), then 20 more */
	assert_int_equal(test_system("cd '%s/r.git/objects/pack' && p=$(ls *.pack | head -1) && "
		"for i in $(seq 1 40); do h=$(printf '%%040x' $i); cp $p pack-$h.pack; "
		"cp ${p%%.pack}.idx pack-$h.idx; done", dir), 0);
	many = pack_dir_opens(dir, gen, "c.manifest");
	assert_true(one != (size_t)-1 && many != (size_t)-1);
	assert_true(one <= 8);
	assert_true(many <= 8);
	assert_int_equal(test_system("git -C '%s/r.git' fsck --strict >/dev/null 2>&1", dir), 0);
	test_system("rm -rf '%s'", dir);
	free(gen);
	free(dir);
}

/* The same for the clause index: `index --full` of 60 documents (a pack
 * of their index files) in a repository of 41 packs goes through the
 * store's layer too (it re-read objects/pack once per object before). */
static void test_import__index_writes_do_not_rescan_the_packs(void **state)
{
	char *dir = test_tmpdir(), *out;
	int status;
	size_t n;

	(void)state;
	if (test_system("strace -qq -o /dev/null -e trace=openat true >/dev/null 2>&1") != 0) {
		test_system("rm -rf '%s'", dir);
		free(dir);
		skip();
	}
	assert_int_equal(test_system("cd '%s' && mkdir t && awk -v n=60 -v dir=t -f '%s/bench/gen-resolutions.awk' && "
		"%s init r.git >/dev/null && %s -C r.git import -q --no-index --manifest t/bench.manifest >/dev/null && "
		"cd r.git/objects/pack && p=$(ls *.pack | head -1) && for i in $(seq 1 40); do "
		"h=$(printf '%%040x' $i); cp $p pack-$h.pack; cp ${p%%.pack}.idx pack-$h.idx; done",
		dir, RESDIFF_SOURCE_DIR, RESDIFF_BINARY, RESDIFF_BINARY), 0);
	out = test_capture(&status, "cd '%s' && ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=openat -o trace.txt "
		"%s -C r.git index --full >/dev/null 2>&1 && "
		"{ grep -c 'objects/pack/multi-pack-index' trace.txt || true; }", dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	n = (size_t)strtoul(out, NULL, 10);
	assert_true(n <= 8);
	assert_int_equal(test_system("git -C '%s/r.git' fsck --strict >/dev/null 2>&1", dir), 0);
	assert_int_equal(test_system("git -C '%s/r.git' cat-file -e resdiff/index", dir), 0);
	test_system("rm -rf '%s'", dir);
	free(out);
	free(dir);
}

/* The stored withdrawals list names the record's tip and holds what a
 * walk of the record's first parents finds (git as the oracle):
 * "<lang>\t<symbol>\t<the commit before>" lines, newest first. */
static void assert_withdrawals_listed(const char *dir)
{
	int status;
	char *want = test_capture(&status, "git -C '%s' log --first-parent --format='%%s%%x09%%P' "
		"record | sed -n 's/^withdraw \\(.*\\) (\\([a-z]*\\))\t\\([0-9a-f]*\\).*/\\2\t\\1\t\\3/p'",
		dir), *list, *rec, *msg;
	assert_int_equal(status, 0);
	list = test_capture(&status, "git -C '%s' show resdiff/withdrawals:withdrawals", dir);
	assert_int_equal(status, 0);
	assert_string_equal(list, want);
	rec = test_capture(&status, "git -C '%s' rev-parse record", dir);
	msg = test_capture(&status, "git -C '%s' log -1 --format=%%B resdiff/withdrawals", dir);
	assert_non_null(strstr(msg, rec));
	free(want);
	free(list);
	free(rec);
	free(msg);
}

/* A document back after its withdrawal, nothing said: inherits the series
 * and date it had when withdrawn, and is imported. */
static void import_back(resdiff_store *s, const char *symbol, const char *series,
		const char *date, unsigned seed)
{
	resdiff_doc *doc = test_make_doc(symbol, "en", NULL, NULL, 4, seed);
	assert_int_equal(resdiff_store_inherit_meta(s, doc), 0);
	assert_non_null(doc->meta.series);
	assert_string_equal(doc->meta.series, series);
	assert_string_equal(doc->meta.date, date);
	import_one(s, doc);
}

/* Whether a new document is a withdrawn one back is answered from the
 * stored list (format 5) and the record commits after its stamp, not by
 * reading every record commit (withdrawal_commits_read); a list that lags
 * (a writer that did not move it), is not in resdiff's form, or is gone
 * costs the walk, and the answer is the same. */
static void test_import__withdrawals_from_the_stored_list(void **state)
{
	resdiff_store *s = NULL;
	resdiff_doc *doc;
	char *dir = test_tmpdir(), sym[32], date[16], commit[41];
	bool created;
	size_t i;

	(void)state;
	assert_int_equal(resdiff_store_init(&s, &created, dir), 0);
	for (i = 1; i <= 12; i++) {
		snprintf(sym, sizeof(sym), "A/RES/6%zu/%zu", i % 3, i);
		snprintf(date, sizeof(date), "%zu-10-%02zu", 2000 + i % 3, i);
		import_one(s, test_make_doc(sym, "en", i % 2 ? "alpha" : "beta", date, 4, (unsigned)i));
	}
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/61/4", "en", commit), 0);
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/62/5", "en", commit), 0);
	import_one(s, test_make_doc("A/RES/63/1", "en", "alpha", "2003-01-01", 4, 31));
	assert_withdrawals_listed(dir);

	/* one more document, its metadata unsaid: main read all 15 record
	 * commits to know it was never withdrawn; the list, none, then the
	 * new record commit while writing the list */
	s = reopen(s, dir);
	doc = test_make_doc("A/RES/63/2", "en", NULL, NULL, 4, 32);
	assert_int_equal(resdiff_store_inherit_meta(s, doc), 0);
	assert_null(doc->meta.series);
	assert_int_equal(s->withdrawal_commits_read, 0);
	import_one(s, doc);
	assert_int_equal(s->withdrawal_commits_read, 1);
	assert_withdrawals_listed(dir);

	/* a withdrawn one back, from the list */
	s = reopen(s, dir);
	import_back(s, "A/RES/61/4", "beta", "2001-10-04", 4);
	assert_true(s->withdrawal_commits_read <= 1);
	assert_withdrawals_listed(dir);

	/* a list that lags a withdrawal (moved back as a writer that did not
	 * write it would leave it): the commits after its stamp are read */
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/60/6", "en", commit), 0);
	assert_int_equal(test_system("git -C '%s' update-ref refs/heads/resdiff/withdrawals "
		"resdiff/withdrawals~1", dir), 0);
	s = reopen(s, dir);
	import_back(s, "A/RES/60/6", "beta", "2000-10-06", 6);
	assert_true(s->withdrawal_commits_read >= 1 && s->withdrawal_commits_read <= 2);
	assert_withdrawals_listed(dir);

	/* a list not in resdiff's form: the whole walk, the same answer */
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/60/3", "en", commit), 0);
	assert_int_equal(test_system("cd '%s' && b=$(echo junk | git hash-object -w --stdin) && "
		"t=$(printf '100644 blob %%s\twithdrawals\n' $b | git mktree) && "
		"c=$(printf 'withdrawals\n\nRecord: %%s\n' $(git rev-parse record) | "
		"git -c user.name=t -c user.email=t@t commit-tree $t) && "
		"git update-ref refs/heads/resdiff/withdrawals $c", dir), 0);
	s = reopen(s, dir);
	import_back(s, "A/RES/60/3", "alpha", "2000-10-03", 3);
	assert_true(s->withdrawal_commits_read >= 20);
	assert_withdrawals_listed(dir);

	/* no list at all (removed): the same */
	assert_int_equal(resdiff_store_withdraw(s, "A/RES/62/8", "en", commit), 0);
	assert_int_equal(test_system("git -C '%s' update-ref -d refs/heads/resdiff/withdrawals", dir), 0);
	s = reopen(s, dir);
	import_back(s, "A/RES/62/8", "beta", "2002-10-08", 8);
	assert_true(s->withdrawal_commits_read >= 20);
	assert_withdrawals_listed(dir);
	assert_int_equal(test_system("git -C '%s' fsck --strict >/dev/null 2>&1", dir), 0);

	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import__crlf_and_bom_are_unchanged),
		cmocka_unit_test(test_import__pdf_then_text_is_a_source_change),
		cmocka_unit_test(test_import__surprises_need_force),
		cmocka_unit_test(test_import__failures_say_what_was_imported),
		cmocka_unit_test(test_import__one_symbol_grammar),
		cmocka_unit_test(test_import__rm_withdraws),
		cmocka_unit_test(test_import__no_dangling_objects),
		cmocka_unit_test(test_import__sigint_and_sigterm),
		cmocka_unit_test(test_import__one_member_reads_its_series),
		cmocka_unit_test(test_import__appending_reads_the_last_member_only),
		cmocka_unit_test(test_import__new_documents_not_read_back),
		cmocka_unit_test(test_import__writes_do_not_rescan_the_packs),
		cmocka_unit_test(test_import__index_writes_do_not_rescan_the_packs),
		cmocka_unit_test(test_import__withdrawals_from_the_stored_list),
	};
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	if (getenv("RESDIFF_TEST_FILTER")) /* run one test: RESDIFF_TEST_FILTER='*sig*' */
		cmocka_set_test_filter(getenv("RESDIFF_TEST_FILTER"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
