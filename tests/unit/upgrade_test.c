/* upgrade_test.c: `resdiff upgrade` on repositories written by storage
 * formats 1, 2 and 3 (tests/data/format1: made by resdiff at ad49534,
 * tests/data/format2: at 50a1b3c, tests/data/format3-drafts, with a draft
 * in a view: at cb2b933), not by this code's idea of the old formats. */
#include "store_helpers.h"
#include "resdiff/provenance.h"
#include "resdiff/lang.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A fresh copy of a fixture repository; caller frees the path. */
static char *fixture_copy(char **tmp, const char *dir, const char *name)
{
	char *repo = malloc(4200);
	int status;
	*tmp = test_tmpdir();
	free(test_capture(&status, "tar -C '%s' -xzf '%s/tests/data/%s/repo.tar.gz' 2>&1", *tmp,
		RESDIFF_SOURCE_DIR, dir));
	assert_int_equal(status, 0);
	snprintf(repo, 4200, "%s/%s", *tmp, name);
	return repo;
}

static char *format1_copy(char **tmp)
{
	return fixture_copy(tmp, "format1", "format1.git");
}

/* A fresh copy of the format N repository (tests/data/formatN). */
static char *format_copy(char **tmp, int format)
{
	char dir[32], name[32];
	snprintf(dir, sizeof(dir), "format%d", format);
	snprintf(name, sizeof(name), "format%d.git", format);
	return fixture_copy(tmp, dir, name);
}

/* fmt with its %d this resdiff's storage format (plus an offset), in buf */
#define WITH_FORMAT(buf, fmt, offset) \
	(snprintf(buf, sizeof(buf), fmt, RESDIFF_STORE_FORMAT + (offset)), buf)

/* Refs but the clause index (which an upgrade brings up to date), the
 * withdrawals list (format 5 adds it) and the readme, with the names of formats 1 and 2 mapped to those of format 3
 * and later. */
#define REFS_AS_FORMAT3 "for-each-ref --format='%(objectname) %(refname)' | " \
	"grep -v 'resdiff/index$' | grep -v ' refs/heads/readme$' | " \
	"grep -v ' refs/heads/resdiff/withdrawals$' | " \
	"sed -e 's| refs/symbols/| refs/heads/resdiff/symbols/|; s| refs/resdiff/views$| refs/heads/resdiff/views|' | LC_ALL=C sort -k2"

static char *run(int *status, const char *repo, const char *args)
{
	return test_capture(status, "%s -C '%s' %s 2>&1", RESDIFF_BINARY, repo, args);
}

static char *git(const char *repo, const char *args)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' %s 2>&1", repo, args);
	if (status != 0)
		fail_msg("git %s: %s", args, out);
	return out;
}

/* After an upgrade: the refs (as format 3 names them) are `refs`, `log`
 * prints what it did before, fsck is clean, and a second upgrade has
 * nothing to do. */
static void assert_upgrade_settled(const char *repo, const char *refs, const char *log)
{
	char *after, want[128];
	int status;

	after = git(repo, REFS_AS_FORMAT3);
	assert_string_equal(refs, after);
	free(after);
	after = run(&status, repo, "log");
	assert_string_equal(log, after);
	free(after);
	test_assert_fsck(repo);
	after = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(after, WITH_FORMAT(want, "is in storage format %d already", 0)));
	free(after);
}

static void test_upgrade__format1_repository(void **state)
{
	char *tmp, *repo = format1_copy(&tmp), *out, *refs, *log, *after, want[128];
	int status;

	/* read as it is */
	log = run(&status, repo, "log");
	assert_int_equal(status, 0);
	assert_non_null(strstr(log, "2009-07-24  E/RES/2009/7"));
	assert_non_null(strstr(log, "ga-ict4sd (en)\n  2019-12-19  A/RES/74/197"));
	refs = git(repo, "for-each-ref");
	out = run(&status, repo, "blame 2017/21:OP21");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "OP21\tearliest: E/RES/2009/7 OP6 (2009-07-24), 1 step"));
	/* its index is of clause index format 2: computed in memory, not written */
	assert_non_null(strstr(out, "computed in memory"));
	free(out);
	after = git(repo, "for-each-ref");
	assert_string_equal(refs, after);
	free(after);
	/* written only after an upgrade; the refusal says how, and writes nothing */
	out = test_capture(&status, "%s -C '%s' import --lang en %s/tests/data/en/A_RES_76_189.txt 2>&1",
		RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "storage format 1"));
	assert_non_null(strstr(out, "run 'resdiff upgrade' first"));
	free(out);
	out = run(&status, repo, "index");
	assert_int_equal(status, 2);
	free(out);
	after = git(repo, "for-each-ref");
	assert_string_equal(refs, after);
	free(after);

	/* the upgrade */
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, WITH_FORMAT(want, "from storage format 1 to %d\n", 0)));
	free(out);
	out = git(repo, "config resdiff.format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	/* nothing of the record or views was rewritten, only renamed */
	free(refs);
	refs = test_capture(&status, "d=$(mktemp -d) && tar -C \"$d\" -xzf '%s/tests/data/format1/repo.tar.gz' && "
		"git -C \"$d/format1.git\" %s && rm -rf \"$d\"",
		RESDIFF_SOURCE_DIR, REFS_AS_FORMAT3);
	assert_upgrade_settled(repo, refs, log);
	/* and it is written as any repository of this format */
	out = test_capture(&status, "%s -C '%s' import --lang en --series ga-ict4sd --date 2021-12-17 "
		"--symbol A/RES/76/189 %s/tests/data/en/A_RES_76_189.txt 2>&1", RESDIFF_BINARY, repo,
		RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "1 added, 0 amended, 0 unchanged"));
	free(out);
	out = run(&status, repo, "log ga-ict4sd");
	assert_non_null(strstr(out, "2021-12-17  A/RES/76/189"));
	free(out);
	/* the index was brought to this resdiff's format and the record's tip */
	{
		char idx_want[64], *rec = git(repo, "rev-parse record");
		out = git(repo, "log -1 --format=%B refs/heads/resdiff/index");
		snprintf(idx_want, sizeof(idx_want), "Index-Format: %d\n", RESDIFF_INDEX_FORMAT);
		assert_non_null(strstr(out, idx_want));
		assert_non_null(strstr(out, rec));
		free(rec);
		free(out);
	}
	test_assert_fsck(repo);
	free(refs);
	free(log);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* A format 1 writer killed between the record and the views left them
 * behind: the upgrade makes them match the record, which readers trust. */
static void test_upgrade__views_lagging(void **state)
{
	char *tmp, *repo = format1_copy(&tmp), *out, *rec, *stamp;
	int status;

	free(git(repo, "update-ref refs/resdiff/views record~1"));
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "rebuilt the series views"));
	free(out);
	rec = git(repo, "rev-parse record");
	stamp = git(repo, "rev-parse refs/heads/resdiff/views");
	assert_string_equal(rec, stamp);
	free(rec);
	free(stamp);
	test_assert_fsck(repo);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* A format 1 writer at work holds resdiff.lock its way: no upgrade under
 * it. One that was killed left the file: taken over. */
static void test_upgrade__format1_writer_lock(void **state)
{
	char *tmp, *repo = format1_copy(&tmp), *out, host[128], path[4300], want[128];
	pid_t dead = fork();
	int status;
	FILE *f;

	if (dead == 0)
		_exit(0);
	waitpid(dead, &status, 0);
	gethostname(host, sizeof(host));
	host[sizeof(host) - 1] = '\0';
	snprintf(path, sizeof(path), "%s/resdiff.lock", repo);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%ld %s\n", (long)getpid(), host);
	fclose(f);
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 2);
	snprintf(path, sizeof(path), "a resdiff writer (process %ld) holds", (long)getpid());
	assert_non_null(strstr(out, path));
	free(out);
	out = git(repo, "config resdiff.format");
	assert_string_equal(out, "1\n");
	free(out);
	snprintf(path, sizeof(path), "%s/resdiff.lock", repo);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "%ld %s\n", (long)dead, host);
	fclose(f);
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	snprintf(path, sizeof(path), "left by process %ld, which is no longer running", (long)dead);
	assert_non_null(strstr(out, path));
	assert_non_null(strstr(out, WITH_FORMAT(want, "from storage format 1 to %d", 0)));
	free(out);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* A repository of a later format is refused by every command, naming it. */
static void test_upgrade__newer_format_refused(void **state)
{
	char *tmp, *repo = format1_copy(&tmp), *out, want[128];
	int status;

	free(git(repo, WITH_FORMAT(want, "config resdiff.format %d", 1)));
	out = run(&status, repo, "log");
	assert_int_equal(status, 2);
	snprintf(want, sizeof(want), "format %d is newer than this resdiff knows (%d): upgrade resdiff",
		RESDIFF_STORE_FORMAT + 1, RESDIFF_STORE_FORMAT);
	assert_non_null(strstr(out, want));
	free(out);
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 2);
	free(out);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* Format 3 kept a dated draft in its series view; the draft-links step
 * (RESDIFF_STORE_FORMAT_DRAFT_LINKS) rebuilds the views without it, keeps
 * every other view as it was, rewrites nothing of the record, and then the
 * draft can be linked to its resolution. */
static void test_upgrade__format3_draft_leaves_its_view(void **state)
{
	char *tmp, *repo = fixture_copy(&tmp, "format3-drafts", "format3.git"), *out, *log, *after;
	char *rec, *wsis, *ict4d, want[128];
	int status;

	log = run(&status, repo, "log ga-palestine");
	assert_int_equal(status, 0);
	assert_non_null(strstr(log, "2025-09-15  A/80/L.2"));
	rec = git(repo, "rev-parse record");
	wsis = git(repo, "rev-parse series/ecosoc-wsis/zh");
	ict4d = git(repo, "rev-parse series/ga-ict4d/zh");
	/* no link written before the upgrade */
	out = test_capture(&status, "%s -C '%s' import --draft-of A/RES/80/1 "
		"%s/tests/data/en/A_80_L.2.txt 2>&1", RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "run 'resdiff upgrade' first"));
	free(out);

	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "drafts belong to none (2 drafts stored)"));
	assert_non_null(strstr(out, WITH_FORMAT(want, "from storage format 3 to %d\n", 0)));
	free(out);
	out = git(repo, "config resdiff.format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	/* the draft left its view and lost its symbol ref */
	after = run(&status, repo, "log ga-palestine");
	assert_int_equal(status, 0);
	assert_null(strstr(after, "A/80/L.2"));
	assert_non_null(strstr(after, "2025-09-19  A/RES/80/1"));
	free(after);
	out = git(repo, "for-each-ref '--format=%(refname)'");
	assert_null(strstr(out, "A_80_L.2"));
	assert_non_null(strstr(out, "/en/A_RES_80_1\n"));
	free(out);
	/* the record and the other views are as they were; still shown */
	out = git(repo, "rev-parse record");
	assert_string_equal(out, rec);
	free(out);
	out = git(repo, "rev-parse series/ecosoc-wsis/zh");
	assert_string_equal(out, wsis);
	free(out);
	out = git(repo, "rev-parse series/ga-ict4d/zh");
	assert_string_equal(out, ict4d);
	free(out);
	out = run(&status, repo, "show A/80/L.2");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "kind      draft\n"));
	free(out);
	/* the readme names the new format, so a stock clone reads it */
	out = git(repo, "show readme:resdiff-format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	out = git(repo, "symbolic-ref HEAD");
	assert_string_equal(out, "refs/heads/readme\n");
	free(out);
	{
		char clone[4300];
		snprintf(clone, sizeof(clone), "%s/clone.git", tmp);
		assert_int_equal(test_system("git clone -q --bare '%s' '%s'", repo, clone), 0);
		out = run(&status, clone, "log ga-palestine");
		assert_int_equal(status, 0);
		assert_null(strstr(out, "A/80/L.2"));
		free(out);
		test_system("rm -rf '%s'", clone);
	}
	test_assert_fsck(repo);

	/* now the link is written: a metadata correction of the draft */
	out = test_capture(&status, "%s -C '%s' import --draft-of A/RES/80/1 "
		"%s/tests/data/en/A_80_L.2.txt 2>&1", RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "0 added, 1 amended, 0 unchanged"));
	free(out);
	out = git(repo, "show record:en/A_80/A_80_L.2.txt");
	assert_non_null(strstr(out, "resdiff-document 2\n"));
	assert_non_null(strstr(out, "\ndraft-of\tA/RES/80/1\n"));
	free(out);
	out = run(&status, repo, "drafts 80/1");
	assert_int_equal(status, 0);
	assert_string_equal(out, "A/RES/80/1 (en): 2 in the chain, 2 stored\n"
		"  draft     A/80/L.2\n  adopted   A/RES/80/1\n");
	free(out);
	test_assert_fsck(repo);
	free(rec);
	free(wsis);
	free(ict4d);
	free(log);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* Format 2 -> 3 (and on): refs a reader needs move under refs/heads/ (a stock
 * clone carries them), HEAD names the readme, the stale index is brought
 * up to date; read before as it is, and a bare clone of it works after. */
static void test_upgrade__format2_repository(void **state)
{
	char *tmp, *repo = format_copy(&tmp, 2), *out, *refs, *after, *log, *rec, clone[4300], want[128];
	int status;

	log = run(&status, repo, "log");
	assert_int_equal(status, 0);
	assert_non_null(strstr(log, "ga-ict4sd (en)\n  2019-12-19  A/RES/74/197"));
	refs = git(repo, REFS_AS_FORMAT3);
	/* the index lags the record (imported with --no-index): computed */
	out = run(&status, repo, "blame 2017/21:OP21");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "computed in memory"));
	free(out);
	/* a stock clone of a format 2 repository is not one resdiff knows */
	snprintf(clone, sizeof(clone), "%s/clone2.git", tmp);
	assert_int_equal(test_system("git clone -q --bare '%s' '%s'", repo, clone), 0);
	out = run(&status, clone, "log");
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "not a resdiff repository"));
	free(out);
	test_system("rm -rf '%s'", clone);

	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, WITH_FORMAT(want, "from storage format 2 to %d\n", 0)));
	assert_non_null(strstr(out, "brought the clause index up to date"));
	free(out);
	after = git(repo, REFS_AS_FORMAT3);
	assert_string_equal(refs, after);
	free(after);
	/* nothing left outside refs/heads/, HEAD on the readme */
	out = git(repo, "for-each-ref --format='%(refname)' refs/symbols refs/resdiff");
	assert_string_equal(out, "");
	free(out);
	out = git(repo, "symbolic-ref HEAD");
	assert_string_equal(out, "refs/heads/readme\n");
	free(out);
	out = git(repo, "show readme:resdiff-format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	rec = git(repo, "rev-parse record");
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/index");
	assert_non_null(strstr(out, rec));
	free(out);
	after = run(&status, repo, "log");
	assert_string_equal(log, after);
	free(after);
	test_assert_fsck(repo);
	/* the blame is read from the stored index now */
	out = run(&status, repo, "blame 2017/21:OP21");
	assert_int_equal(status, 0);
	assert_null(strstr(out, "computed in memory"));
	free(out);
	/* a stock bare clone now is a repository resdiff reads, no note */
	assert_int_equal(test_system("git clone -q --bare '%s' '%s'", repo, clone), 0);
	out = run(&status, clone, "log");
	assert_int_equal(status, 0);
	assert_string_equal(out, log);
	free(out);
	out = run(&status, clone, "blame 2017/21:OP21");
	assert_int_equal(status, 0);
	assert_null(strstr(out, "computed in memory"));
	free(out);
	free(rec);
	free(refs);
	free(log);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* The withdrawals of a record as a walk of its first parents finds them:
 * "<lang>\t<symbol>\t<the commit before>" lines, newest first (git as the
 * oracle of what the stored list must hold). */
#define WITHDRAWALS_BY_GIT "log --first-parent --format='%s%x09%P' record | " \
	"sed -n 's/^withdraw \\(.*\\) (\\([a-z]*\\))\t\\([0-9a-f]*\\).*/\\2\t\\1\t\\3/p'"

/* Format 4 -> 5: the record's withdrawals are listed (one walk), stamped
 * with the record's tip; nothing else moves; a re-import of a withdrawn
 * document inherits from its newest withdrawal through the list, and the
 * list follows the record from then on. */
static void test_upgrade__format4_withdrawals_listed(void **state)
{
	char *tmp, *repo = fixture_copy(&tmp, "format4-withdrawals", "format4.git"), *out, *refs;
	char *log, *rec, *want_list, want[128];
	int status;

	log = run(&status, repo, "log");
	assert_int_equal(status, 0);
	refs = git(repo, REFS_AS_FORMAT3);
	/* read as it is: the walk finds the withdrawal */
	out = run(&status, repo, "show --lang zh E/RES/2009/7");
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "was withdrawn"));
	free(out);
	out = test_capture(&status, "%s -C '%s' import --lang en %s/tests/data/en/A_RES_80_1.txt 2>&1",
		RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "run 'resdiff upgrade' first"));
	free(out);

	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "listed the record's withdrawals (3) in "
		"refs/heads/resdiff/withdrawals"));
	assert_non_null(strstr(out, WITH_FORMAT(want, "from storage format 4 to %d\n", 0)));
	free(out);
	out = git(repo, "config resdiff.format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	out = git(repo, "show readme:resdiff-format");
	assert_string_equal(out, WITH_FORMAT(want, "%d\n", 0));
	free(out);
	/* the list: what a walk of the record finds, stamped with its tip */
	rec = git(repo, "rev-parse record");
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/withdrawals");
	assert_non_null(strstr(out, "withdrawals: 3 in the record\n"));
	assert_non_null(strstr(out, rec));
	free(out);
	want_list = git(repo, WITHDRAWALS_BY_GIT);
	assert_non_null(strstr(want_list, "zh\tE/RES/2009/7\t"));
	out = git(repo, "show resdiff/withdrawals:withdrawals");
	assert_string_equal(out, want_list);
	free(out);
	/* nothing else moved; run twice: nothing to do */
	assert_upgrade_settled(repo, refs, log);

	/* the withdrawn A/RES/80/1 back, nothing said: as its newest withdrawal
	 * left it (series ga-question, not ga-palestine) */
	out = test_capture(&status, "%s -C '%s' import --lang en %s/tests/data/en/A_RES_80_1.txt 2>&1",
		RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	out = git(repo, "show record:en/A_RES_80/A_RES_80_1.txt");
	assert_non_null(strstr(out, "\nseries\tga-question\n"));
	assert_non_null(strstr(out, "\ndate\t2025-09-19\n"));
	free(out);
	/* the list follows the record */
	free(rec);
	rec = git(repo, "rev-parse record");
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/withdrawals");
	assert_non_null(strstr(out, rec));
	free(out);
	out = git(repo, "show resdiff/withdrawals:withdrawals");
	assert_string_equal(out, want_list);
	free(out);
	test_assert_fsck(repo);
	free(want_list);
	free(rec);
	free(refs);
	free(log);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* The '@' entries of the stored index are those of index format 15: of
 * each language, a summary, postings and a catalogue tree holding one blob
 * for each directory of its files, named as the directory. */
static void assert_index_split(const char *repo)
{
	char *meta = git(repo, "ls-tree -r --name-only refs/heads/resdiff/index | grep /@ | "
		"grep -v /@catalogue/");
	char *langs = git(repo, "ls-tree -d --name-only refs/heads/resdiff/index | "
		"sed 's,$,/@postings,;p;s,@postings,@summary,'");
	char *cats = git(repo, "ls-tree -r --name-only refs/heads/resdiff/index | grep /@catalogue/");
	char *dirs = git(repo, "ls-tree -r --name-only refs/heads/resdiff/index | grep -v /@ | "
		"sed 's,/[^/]*$,,' | uniq | sed 's,/,/@catalogue/,'");
	char *type = git(repo, "cat-file -t refs/heads/resdiff/index:en/@catalogue");

	assert_string_equal(meta, langs);
	assert_string_equal(cats, dirs);
	assert_string_equal(type, "tree\n");
	free(meta);
	free(langs);
	free(cats);
	free(dirs);
	free(type);
}

/* `resdiff upgrade` brings the stored clause index to this index format
 * (of 9 documents, `computed` of them recomputed): the same files
 * (`files`, ls-tree of them before), the '@' entries of format 15, and
 * each of the n commands answering as it did (before[i], freed); run
 * again, it has nothing to do. */
static void assert_index_upgraded(const char *repo, int computed, const char *files,
		const char *const *clauses, char **before, size_t n)
{
	char msg[128], *out;
	size_t i;
	int status;

	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	snprintf(msg, sizeof(msg), "brought the clause index to index format %d (9 documents, %d computed)",
		RESDIFF_INDEX_FORMAT, computed);
	assert_non_null(strstr(out, msg));
	free(out);
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/index");
	snprintf(msg, sizeof(msg), "Index-Format: %d\n", RESDIFF_INDEX_FORMAT);
	assert_non_null(strstr(out, msg));
	free(out);
	/* the same files, a catalogue, a summary and postings beside each
	 * language's */
	out = git(repo, "ls-tree -r refs/heads/resdiff/index | grep -v /@");
	assert_string_equal(files, out);
	free(out);
	assert_index_split(repo);
	for (i = 0; i < n; i++) {
		out = run(&status, repo, clauses[i]);
		assert_int_equal(status, 0);
		assert_string_equal(before[i], out);
		free(out);
		free(before[i]);
	}
	out = run(&status, repo, "upgrade");
	assert_int_equal(status, 0);
	assert_null(strstr(out, "brought the clause index"));
	free(out);
}

/* The stored index tree is the one `resdiff index --full` writes. */
static void assert_index_is_rebuild(const char *repo)
{
	char *before = git(repo, "rev-parse refs/heads/resdiff/index^{tree}"), *out, *after;
	int status;

	out = run(&status, repo, "index --full");
	assert_int_equal(status, 0);
	free(out);
	after = git(repo, "rev-parse refs/heads/resdiff/index^{tree}");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* The clause index of index format 12 (tests/data/index12, written by
 * 7a5dedc: one file per document, no catalogue, links of the aligner
 * before across19) is brought to this format by `resdiff upgrade` in a
 * repository of the current storage format: older than
 * RESDIFF_INDEX_LINKS_FORMAT, so every file is recomputed, a summary,
 * the catalogues and postings written beside them; on these texts (within series, and
 * Chinese, where the across-series rule does not act) the files come out
 * the same and blame and trace answer as before; the next import updates
 * it through the catalogue to the tree a rebuild writes. */
static void test_upgrade__index12_catalogued(void **state)
{
	static const char *const clauses[] = {
		"blame --lang zh E/RES/2017/21:OP21", "trace --lang zh E/RES/2009/7:OP6",
		"blame --lang en A/RES/78/132:OP1", "blame --lang en A/RES/78/132:OP5",
		"trace --lang en A/RES/74/197:OP1", "trace --lang en A/RES/75/202:PP3",
		"blame --lang en A/RES/76/189:PP2", "blame --format=json --lang en A/RES/78/132:OP3",
	};
	char *tmp, *repo = fixture_copy(&tmp, "index12", "index12.git"), *out, *files;
	char *before[sizeof(clauses) / sizeof(clauses[0])];
	size_t i;
	int status;

	(void)state;
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/index");
	assert_non_null(strstr(out, "Index-Format: 12\n"));
	free(out);
	files = git(repo, "ls-tree -r refs/heads/resdiff/index");
	assert_null(strstr(files, "@catalogue"));
	/* answered from an index computed in memory (format 12 is older than
	 * RESDIFF_INDEX_LINKS_FORMAT): the note says so, the answer follows */
	for (i = 0; i < sizeof(clauses) / sizeof(clauses[0]); i++) {
		char *note;
		before[i] = run(&status, repo, clauses[i]);
		assert_int_equal(status, 0);
		assert_non_null(note = strstr(before[i], "resdiff: note: the stored clause index is of another "
			"index format;"));
		note = strchr(note, '\n');
		assert_non_null(note);
		memmove(before[i], note + 1, strlen(note + 1) + 1);
	}
	assert_index_upgraded(repo, 9, files, clauses, before, sizeof(clauses) / sizeof(clauses[0]));
	/* one more member, through the catalogue: the rebuild's tree */
	out = test_capture(&status, "%s -C '%s' import -q --lang en --series ga-ict4sd --date 2025-12-15 "
		"%s/tests/data/en/A_RES_80_151.txt 2>&1", RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	assert_index_is_rebuild(repo);
	test_assert_fsck(repo);
	free(files);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

/* The fixture's index commit made to name this resdiff's language data
 * (its `Lang:` trailer): an index written before a language file changed
 * (ee78c1c's, before Arabic and Russian verbs were ranked) is stale and
 * recomputed, which index12_catalogued tests; the conversion tested here
 * is of an index whose links are today's, and must not break each time a
 * language file gains a word. */
static void fixture_lang_current(const char *repo)
{
	char cmd[256], *id, *out;
	int status;

	id = test_capture(&status, "git -C '%s' cat-file commit refs/heads/resdiff/index | "
		"sed 's/^Lang: .*/Lang: %016" PRIx64 "/' | git -C '%s' hash-object -t commit -w --stdin",
		repo, resdiff_lang_fingerprint(), repo);
	assert_int_equal(status, 0);
	id[strcspn(id, "\n")] = '\0';
	snprintf(cmd, sizeof(cmd), "update-ref refs/heads/resdiff/index %s", id);
	out = git(repo, cmd);
	free(out);
	free(id);
}

/* The clause index of index format 14 (tests/data/index14, written by
 * ee78c1c: one catalogue blob a language) is brought to format 15 by
 * `resdiff upgrade` from its files, nothing recomputed (its links are
 * today's): the same files, the catalogue split by directory and a
 * summary beside it, the tree `resdiff index --full` writes from nothing;
 * readers answer the same before and after. One more document then
 * writes the catalogues of the directories whose files it writes (its
 * own and its previous member's), the others kept as they were, and the
 * tree is again the rebuild's. */
static void test_upgrade__index14_split(void **state)
{
	static const char *const clauses[] = {
		"blame --lang zh E/RES/2017/21:OP21", "trace --lang zh E/RES/2009/7:OP6",
		"blame --lang en A/RES/78/132:OP1", "trace --lang en A/RES/74/197:OP1",
		"trace --lang en A/RES/75/202:PP3", "blame --format=json --lang en A/RES/78/132:OP3",
	};
	char *tmp, *repo = fixture_copy(&tmp, "index14", "index14.git"), *out, *files, *old;
	char *before[sizeof(clauses) / sizeof(clauses[0])], msg[128];
	size_t i;
	int status;

	(void)state;
	fixture_lang_current(repo);
	out = git(repo, "log -1 --format=%B refs/heads/resdiff/index");
	assert_non_null(strstr(out, "Index-Format: 14\n"));
	free(out);
	out = git(repo, "cat-file -t refs/heads/resdiff/index:en/@catalogue");
	assert_string_equal(out, "blob\n");
	free(out);
	files = git(repo, "ls-tree -r refs/heads/resdiff/index | grep -v /@");
	/* readers take an index of format 14 as it is (they never read the
	 * catalogue): no note */
	for (i = 0; i < sizeof(clauses) / sizeof(clauses[0]); i++) {
		before[i] = run(&status, repo, clauses[i]);
		assert_int_equal(status, 0);
		assert_null(strstr(before[i], "resdiff: note:"));
	}
	assert_index_upgraded(repo, 0, files, clauses, before, sizeof(clauses) / sizeof(clauses[0]));
	/* the upgraded tree is a fresh build's */
	assert_index_is_rebuild(repo);
	/* one more member (a new directory): its catalogue and its previous
	 * member's (which gains "to" lines) written, en's other directories'
	 * and every zh one kept */
	old = git(repo, "rev-parse refs/heads/resdiff/index^{tree}");
	out = test_capture(&status, "%s -C '%s' import -q --lang en --series ga-ict4sd --date 2025-12-15 "
		"%s/tests/data/en/A_RES_80_151.txt 2>&1", RESDIFF_BINARY, repo, RESDIFF_SOURCE_DIR);
	assert_int_equal(status, 0);
	free(out);
	old[strcspn(old, "\n")] = '\0';
	snprintf(msg, sizeof(msg), "diff-tree -r --name-only %s refs/heads/resdiff/index", old);
	out = git(repo, msg);
	assert_string_equal(out, "en/@catalogue/A_RES_78\nen/@catalogue/A_RES_80\nen/@postings\n"
		"en/@summary\nen/A_RES_78/A_RES_78_132.txt\nen/A_RES_80/A_RES_80_151.txt\n");
	free(out);
	assert_index_split(repo);
	assert_index_is_rebuild(repo);
	test_assert_fsck(repo);
	free(old);
	free(files);
	test_system("rm -rf '%s'", tmp);
	free(repo);
	free(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgrade__format1_repository),
		cmocka_unit_test(test_upgrade__views_lagging),
		cmocka_unit_test(test_upgrade__format1_writer_lock),
		cmocka_unit_test(test_upgrade__newer_format_refused),
		cmocka_unit_test(test_upgrade__format3_draft_leaves_its_view),
		cmocka_unit_test(test_upgrade__format2_repository),
		cmocka_unit_test(test_upgrade__format4_withdrawals_listed),
		cmocka_unit_test(test_upgrade__index12_catalogued),
		cmocka_unit_test(test_upgrade__index14_split),
	};
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
