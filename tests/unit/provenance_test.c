/* provenance_test.c: the clause index, blame, trace and series statistics
 * on the bundled corpus; the index is checked against the record, and
 * computed in memory (never written by readers) when stale, lost or lying. */
#include "store_helpers.h"
#include "index_internal.h"
#include "resdiff/lang.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Import the manifest's documents whose symbols are listed (NULL: all). */
static void import_corpus(resdiff_store *s, const char *const *symbols)
{
	resdiff_manifest *m = NULL;
	char path[4096];
	size_t i;

	snprintf(path, sizeof(path), "%s/corpus/corpus.manifest", RESDIFF_SOURCE_DIR);
	assert_int_equal(resdiff_manifest_load(&m, path), 0);
	for (i = 0; i < m->count; i++) {
		const resdiff_manifest_entry *e = &m->entries[i];
		resdiff_store_item item;
		resdiff_doc *doc;
		char rel[4096];
		size_t k;
		bool want = symbols == NULL;
		for (k = 0; symbols && symbols[k]; k++)
			want |= !strcmp(symbols[k], e->symbol);
		if (!want)
			continue;
		snprintf(rel, sizeof(rel), "corpus/%s", e->source);
		doc = test_parse_source(rel, e->language);
		assert_int_equal(resdiff_manifest_apply(doc, e), 0);
		memset(&item, 0, sizeof(item));
		item.doc = doc;
		if (resdiff_store_import(s, &item, 1) < 0)
			fail_msg("import %s: %s", e->symbol, resdiff_error_last());
		resdiff_doc_free(doc);
	}
	resdiff_manifest_free(m);
}

static resdiff_store *new_store(char **dir)
{
	resdiff_store *s = NULL;
	bool created;
	*dir = test_tmpdir();
	assert_int_equal(resdiff_store_init(&s, &created, *dir), 0);
	return s;
}

static char *git_out(const char *repo, const char *args)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' %s 2>&1", repo, args);
	if (status != 0)
		fail_msg("git %s: exit %d: %s", args, status, out);
	return out;
}

/* What a reader may not change: every file of the repository, with its
 * size and modification time. */
static char *repo_snapshot(const char *dir)
{
	int status;
	char *out = test_capture(&status, "cd '%s' && find . -printf '%%p %%s %%T@\n' | sort", dir);
	assert_int_equal(status, 0);
	return out;
}

/* The blame of 2017/21 OP21 ends at 2009/7 OP6, one reworded step;
 * `memory`: whether it had to compute the index in memory (-1: either). */
static void assert_blame_op21_in(resdiff_store *s, int memory)
{
	resdiff_provenance *p = NULL;
	const resdiff_lineage *l;
	if (resdiff_provenance_blame(&p, s, "2017/21", NULL, "OP21") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	if (memory >= 0)
		assert_int_equal(p->index_in_memory, memory);
	assert_int_equal(p->count, 1);
	l = &p->lineages[0];
	assert_string_equal(l->clause.symbol, "E/RES/2017/21");
	assert_int_equal(l->end_count, 1);
	assert_string_equal(l->ends[0].symbol, "E/RES/2009/7");
	assert_string_equal(l->ends[0].unit, "OP6");
	assert_string_equal(l->ends[0].date, "2009-07-24");
	assert_int_equal(l->step_count, 1);
	assert_int_equal(l->steps[0].relation, RESDIFF_REL_REWORDED);
	assert_true(l->steps[0].similarity > 0.5 && l->steps[0].similarity < 0.8);
	assert_true(l->steps[0].moved);
	resdiff_provenance_free(p);
}

static void assert_blame_op21(resdiff_store *s)
{
	assert_blame_op21_in(s, -1);
}

/* The trace of 2009/7 OP6 forks into 65/141 OP7 and 2017/21 OP21. */
static void assert_trace_fork(resdiff_store *s)
{
	resdiff_provenance *p = NULL;
	const resdiff_lineage *l;
	size_t k;
	bool to_ga = false, to_ecosoc = false;

	if (resdiff_provenance_trace(&p, s, "E/RES/2009/7", "zh", "OP6") < 0)
		fail_msg("trace: %s", resdiff_error_last());
	l = &p->lineages[0];
	for (k = 0; k < l->step_count; k++) {
		if (!strcmp(l->steps[k].to.symbol, "A/RES/65/141") && !strcmp(l->steps[k].to.unit, "OP7"))
			to_ga = true;
		if (!strcmp(l->steps[k].to.symbol, "E/RES/2017/21") && !strcmp(l->steps[k].to.unit, "OP21"))
			to_ecosoc = true;
	}
	assert_true(to_ga);
	assert_true(to_ecosoc);
	assert_int_equal(l->end_count, 2);
	resdiff_provenance_free(p);
}

static bool index_matches_record(const char *dir)
{
	char *rec = git_out(dir, "rev-parse refs/heads/record");
	char *msg = git_out(dir, "log -1 --format=%B refs/heads/resdiff/index");
	bool ok;
	rec[strcspn(rec, "\n")] = '\0';
	ok = strstr(msg, rec) != NULL;
	free(rec);
	free(msg);
	return ok;
}

static void test_provenance__blame_and_trace_fork(void **state)
{
	char *dir;
	resdiff_store *s = new_store(&dir);
	resdiff_provenance *p = NULL;

	import_corpus(s, NULL);
	assert_blame_op21(s);
	assert_trace_fork(s);
	/* errors name what is missing */
	assert_int_equal(resdiff_provenance_blame(&p, s, "2009/7", NULL, "OP99"), RESDIFF_ENOTFOUND);
	assert_non_null(strstr(resdiff_error_last(), "OP99"));
	/* ... and which clauses there are: runs of one kind, headings left out */
	assert_non_null(strstr(resdiff_error_last(), "its clauses: PP1-PP11, OP1-OP49 "));
	assert_int_equal(resdiff_provenance_trace(&p, s, "2009/7", NULL, NULL), RESDIFF_EINVALID);
	/* "2009/7:" names no clause: said so, not "has no clause " */
	assert_int_equal(resdiff_provenance_blame(&p, s, "2009/7", NULL, ""), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "no clause id after ':'"));
	assert_int_equal(resdiff_provenance_trace(&p, s, "2009/7", NULL, ""), RESDIFF_EINVALID);
	assert_int_equal(resdiff_provenance_blame(&p, s, "1999/1", NULL, NULL), RESDIFF_ENOTFOUND);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A weak step across series (65/141 PP16 <- 2009/7 OP4 on the corpus,
 * confidence 0.37) is listed but never names the origin: the clause is
 * first seen in its own series, the other series' clause only a possible
 * source; trace says the same from the other end. */
static void test_provenance__weak_link_across_series_is_no_origin(void **state)
{
	char *dir;
	resdiff_store *s = new_store(&dir);
	resdiff_provenance *p = NULL, *t = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	size_t i, k, j, weak = 0;

	import_corpus(s, NULL);
	if (resdiff_provenance_blame(&p, s, "A/RES/65/141", "zh", NULL) < 0)
		fail_msg("blame: %s", resdiff_error_last());
	for (i = 0; i < p->count; i++) {
		const resdiff_lineage *l = &p->lineages[i];
		for (k = 0; k < l->step_count; k++) {
			const resdiff_lineage_step *st = &l->steps[k];
			bool found = false;
			if (st->confidence >= RESDIFF_ALIGN_LOW_CONFIDENCE || !st->from.series ||
			    !strcmp(st->from.series, "ga-ict4d"))
				continue;
			weak++;
			for (j = 0; j < l->end_count; j++)
				if (!strcmp(l->ends[j].symbol, st->from.symbol) &&
				    !strcmp(l->ends[j].unit, st->from.unit))
					fail_msg("%s: weak source %s %s named as origin", l->clause.unit,
						st->from.symbol, st->from.unit);
			for (j = 0; j < l->weak_end_count; j++)
				found |= !strcmp(l->weak_ends[j].symbol, st->from.symbol) &&
					!strcmp(l->weak_ends[j].unit, st->from.unit);
			assert_true(found);
			/* trace from the weak source: the clause is only a possible carrier */
			if (resdiff_provenance_trace(&t, s, st->from.symbol, "zh", st->from.unit) < 0)
				fail_msg("trace: %s", resdiff_error_last());
			for (j = 0; j < t->lineages[0].end_count; j++)
				assert_false(!strcmp(t->lineages[0].ends[j].symbol, "A/RES/65/141") &&
					!strcmp(t->lineages[0].ends[j].unit, l->clause.unit));
			assert_true(t->lineages[0].weak_end_count >= 1);
			resdiff_provenance_free(t);
			t = NULL;
		}
	}
	/* the corpus has several (PP16, PP18, OP11, ...): the test tests something */
	assert_true(weak >= 1);
	resdiff_provenance_free(p);
	p = NULL;
	/* the text names it a possibility, the step keeps its mark */
	if (resdiff_provenance_blame(&p, s, "A/RES/65/141", "zh", "PP16") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	assert_int_equal(resdiff_render_provenance_text(&out, p), 0);
	if (p->lineages[0].weak_end_count) {
		assert_non_null(strstr(out.ptr, "\nPP16\tfirst seen here; possibly from E/RES/2009/7 "));
		assert_non_null(strstr(out.ptr, ", low confidence, across series\n"));
		assert_non_null(strstr(out.ptr, ": reworded (low confidence) "));
	}
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_provenance_json(&out, p), 0);
	assert_non_null(strstr(out.ptr, "\"possible_origins\":["));
	resdiff_buf_dispose(&out);
	resdiff_provenance_free(p);
	/* a strong step across series is still followed (2017/21 OP21's fork) */
	assert_trace_fork(s);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static void test_provenance__incremental_update(void **state)
{
	static const char *const first[] = { "E/RES/2009/7", NULL };
	static const char *const later[] = { "E/RES/2017/21", NULL };
	static const char *const middle[] = { "A/RES/65/141", NULL };
	resdiff_index_status st;
	char *dir;
	resdiff_store *s = new_store(&dir);

	import_corpus(s, first);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.documents, 1);
	assert_int_equal(st.computed, 1);
	assert_true(st.written);
	/* nothing new: nothing written */
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_false(st.written);
	/* a later member: only it is computed */
	import_corpus(s, later);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.documents, 2);
	assert_int_equal(st.computed, 1);
	assert_int_equal(st.reused, 1);
	/* an earlier document of another series: it, and what follows it */
	import_corpus(s, middle);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.documents, 3);
	assert_int_equal(st.computed, 2);
	assert_int_equal(st.reused, 1);
	assert_true(index_matches_record(dir));
	assert_blame_op21(s);
	/* 2009/7's file was reused each time, but gained the links into it */
	assert_trace_fork(s);
	{
		char *out = git_out(dir, "show refs/heads/resdiff/index:zh/E_RES_2009/E_RES_2009_7.txt");
		assert_non_null(strstr(out, "\nto\tOP6\tA/RES/65/141\tOP7\treworded\t"));
		assert_non_null(strstr(out, "\nto\tOP6\tE/RES/2017/21\tOP21\treworded\t"));
		free(out);
	}
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* An index behind the record, lost, or whose files do not describe the
 * record's texts is computed in memory: the answers are right, nothing is
 * written, and only a writer (resdiff_index_update) stores it. */
static void test_provenance__stale_lost_and_lying_index(void **state)
{
	static const char *const two[] = { "E/RES/2009/7", "A/RES/65/141", NULL };
	static const char *const last[] = { "E/RES/2017/21", NULL };
	char *dir, *out, *before, *after, cmd[8192];
	resdiff_store *s = new_store(&dir);
	resdiff_index_status st;
	int status;

	import_corpus(s, two);
	assert_int_equal(resdiff_index_update(NULL, s), 0);
	/* stale: the record moved on, the index did not */
	import_corpus(s, last);
	assert_false(index_matches_record(dir));
	before = repo_snapshot(dir);
	assert_blame_op21_in(s, 1);
	assert_trace_fork(s);
	after = repo_snapshot(dir);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_false(index_matches_record(dir));
	/* a writer stores it, reusing what the stale index had */
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_true(st.written);
	assert_int_equal(st.computed, 1);
	assert_true(index_matches_record(dir));
	assert_blame_op21_in(s, 0);
	/* lost */
	free(git_out(dir, "update-ref -d refs/heads/resdiff/index"));
	assert_blame_op21_in(s, 1);
	free(test_capture(&status, "git -C '%s' rev-parse -q --verify refs/heads/resdiff/index", dir));
	assert_int_not_equal(status, 0);  /* blame did not write it back */
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 3);
	assert_true(index_matches_record(dir));
	/* of a format before RESDIFF_INDEX_LINKS_FORMAT (its links came from
	 * an older aligner): not trusted, computed in memory, and the update
	 * recomputes every file */
	snprintf(cmd, sizeof(cmd),
		"cd '%s' && c=$(git log -1 --format=%%B refs/heads/resdiff/index | "
		"sed 's/^Index-Format: .*/Index-Format: %d/' | "
		"git commit-tree refs/heads/resdiff/index^{tree}) && git update-ref refs/heads/resdiff/index $c",
		dir, RESDIFF_INDEX_LINKS_FORMAT - 1);
	assert_int_equal(test_system("%s", cmd), 0);
	before = repo_snapshot(dir);
	assert_blame_op21_in(s, 1);
	after = repo_snapshot(dir);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_true(st.written);
	assert_int_equal(st.computed, 3);
	out = git_out(dir, "log -1 --format=%B refs/heads/resdiff/index");
	snprintf(cmd, sizeof(cmd), "Index-Format: %d\n", RESDIFF_INDEX_FORMAT);
	assert_non_null(strstr(out, cmd));
	free(out);
	assert_blame_op21_in(s, 0);
	/* lying: the same commit message, but 2017/21's file claims another
	 * record blob and has no links */
	snprintf(cmd, sizeof(cmd),
		"cd '%s' && f=zh/E_RES_2017/E_RES_2017_21.txt && "
		"git show refs/heads/resdiff/index:$f | sed -e 's/^blob\t.*/blob\t1111111111111111111111111111111111111111/' "
		"-e '/^from\t/d' >lie && b=$(git hash-object -w lie) && rm lie && "
		"git read-tree --index-output=lie.idx refs/heads/resdiff/index && "
		"GIT_INDEX_FILE=lie.idx git update-index --cacheinfo 100644,$b,$f && "
		"t=$(GIT_INDEX_FILE=lie.idx git write-tree) && rm lie.idx && "
		"c=$(git log -1 --format=%%B refs/heads/resdiff/index | git commit-tree $t) && "
		"git update-ref refs/heads/resdiff/index $c", dir);
	assert_int_equal(test_system("%s", cmd), 0);
	out = git_out(dir, "show refs/heads/resdiff/index:zh/E_RES_2017/E_RES_2017_21.txt");
	assert_non_null(strstr(out, "blob\t1111111111"));
	free(out);
	before = repo_snapshot(dir);
	assert_blame_op21_in(s, 1);
	after = repo_snapshot(dir);
	assert_string_equal(before, after);
	free(after);
	free(before);
	/* the update trusts the commit's Record: trailer; a rebuild repairs */
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_false(st.written);
	assert_int_equal(resdiff_index_rebuild(&st, s), 0);
	assert_int_equal(st.computed, 3);
	out = git_out(dir, "show refs/heads/resdiff/index:zh/E_RES_2017/E_RES_2017_21.txt");
	assert_null(strstr(out, "blob\t1111111111"));
	assert_non_null(strstr(out, "from\tOP21\tE/RES/2009/7\tOP6\treworded\t"));
	free(out);
	assert_blame_op21_in(s, 0);
	/* disagreeing: 2017/21's file (right blob) drops its link from 2009/7
	 * OP6 while 2009/7's file still lists the link into it: trace sees the
	 * two files disagree, rebuilds, and still forks */
	snprintf(cmd, sizeof(cmd),
		"cd '%s' && f=zh/E_RES_2017/E_RES_2017_21.txt && "
		"git show refs/heads/resdiff/index:$f | sed -e '/^from	OP21	/d' >lie && b=$(git hash-object -w lie) && rm lie && "
		"git read-tree --index-output=lie.idx refs/heads/resdiff/index && "
		"GIT_INDEX_FILE=lie.idx git update-index --cacheinfo 100644,$b,$f && "
		"t=$(GIT_INDEX_FILE=lie.idx git write-tree) && rm lie.idx && "
		"c=$(git log -1 --format=%%B refs/heads/resdiff/index | git commit-tree $t) && "
		"git update-ref refs/heads/resdiff/index $c", dir);
	assert_int_equal(test_system("%s", cmd), 0);
	out = git_out(dir, "show refs/heads/resdiff/index:zh/E_RES_2017/E_RES_2017_21.txt");
	assert_null(strstr(out, "from\tOP21\t"));
	free(out);
	assert_trace_fork(s);
	out = git_out(dir, "show refs/heads/resdiff/index:zh/E_RES_2017/E_RES_2017_21.txt");
	assert_null(strstr(out, "from\tOP21\t"));  /* still lying: readers never write */
	free(out);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* An index computed with other language data (its Lang: trailer, a
 * fingerprint of the embedded language files) is not trusted: a reader
 * computes in memory, the next update recomputes every document. A verb
 * or a kind recast added to a language file changes links; before the
 * trailer, such an index stayed and blame disagreed with diff. */
static void test_provenance__index_of_other_language_data(void **state)
{
	static const char *const three[] = { "E/RES/2009/7", "A/RES/65/141", "E/RES/2017/21", NULL };
	char *dir, *msg, want[40];
	resdiff_store *s = new_store(&dir);
	resdiff_index_status st;

	(void)state;
	import_corpus(s, three);
	assert_int_equal(resdiff_index_update(NULL, s), 0);
	msg = git_out(dir, "log -1 --format=%B refs/heads/resdiff/index");
	snprintf(want, sizeof(want), "Lang: %016" PRIx64 "\n", resdiff_lang_fingerprint());
	assert_non_null(strstr(msg, want));
	free(msg);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_false(st.written);  /* fresh: nothing to do */
	assert_int_equal(test_system("cd '%s' && t=$(git rev-parse 'refs/heads/resdiff/index^{tree}') && "
		"c=$(git log -1 --format=%%B refs/heads/resdiff/index | "
		"sed -e 's/^Lang: .*/Lang: 0123456789abcdef/' | git commit-tree $t) && "
		"git update-ref refs/heads/resdiff/index $c", dir), 0);
	assert_blame_op21_in(s, 1);  /* computed in memory */
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_true(st.written);
	assert_int_equal(st.computed, 3);
	assert_blame_op21_in(s, 0);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A large import leaves an in-memory object backend on the store; an
 * index update of a few documents through the same store must still
 * write its objects (they were lost before: the ref named a missing
 * commit). */
static void test_provenance__few_documents_after_large_import(void **state)
{
	char *dir;
	resdiff_store *s = new_store(&dir), *t = NULL;
	resdiff_store_item items[RESDIFF_STORE_PACK_MIN_DOCS];
	resdiff_doc *docs[RESDIFF_STORE_PACK_MIN_DOCS], *one;
	resdiff_index_status st;
	resdiff_provenance *p = NULL;
	char sym[64], date[16];
	size_t i;

	for (i = 0; i < RESDIFF_STORE_PACK_MIN_DOCS; i++) {
		snprintf(sym, sizeof(sym), "A/RES/70/%zu", i + 1);
		snprintf(date, sizeof(date), "2015-12-%02zu", i + 1);
		docs[i] = test_make_doc(sym, "en", "bulk", date, 12, (unsigned)i);
		memset(&items[i], 0, sizeof(items[i]));
		items[i].doc = docs[i];
	}
	assert_int_equal(resdiff_store_import(s, items, RESDIFF_STORE_PACK_MIN_DOCS), 0);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, RESDIFF_STORE_PACK_MIN_DOCS);
	one = test_make_doc("A/RES/71/1", "en", "bulk", "2016-12-01", 12, 3);
	memset(&items[0], 0, sizeof(items[0]));
	items[0].doc = one;
	assert_int_equal(resdiff_store_import(s, items, 1), 0);
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 1);
	resdiff_store_free(s);
	test_assert_fsck(dir);
	/* a new process sees a fresh, complete index */
	assert_int_equal(resdiff_store_open(&t, dir), 0);
	assert_int_equal(resdiff_index_update(&st, t), 0);
	assert_false(st.written);
	assert_int_equal(resdiff_provenance_blame(&p, t, "A/RES/71/1", NULL, "OP3"), 0);
	assert_int_equal(p->lineages[0].ends[0].date[0], '2');
	resdiff_provenance_free(p);
	resdiff_store_free(t);
	for (i = 0; i < RESDIFF_STORE_PACK_MIN_DOCS; i++)
		resdiff_doc_free(docs[i]);
	resdiff_doc_free(one);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static void test_provenance__series_stats(void **state)
{
	char *dir;
	resdiff_store *s = new_store(&dir);
	resdiff_series_stats *st = NULL;
	const resdiff_member_stats *m;
	resdiff_buf out = RESDIFF_BUF_INIT;

	import_corpus(s, NULL);
	if (resdiff_series_stats_build(&st, s, "ecosoc-wsis", NULL) < 0)
		fail_msg("stats: %s", resdiff_error_last());
	assert_int_equal(st->count, 2);
	m = &st->members[1];
	assert_string_equal(m->symbol, "E/RES/2017/21");
	assert_int_equal(m->units, 85);
	assert_int_equal(m->previous_units, 62);
	/* every old clause is carried over or dropped */
	assert_int_equal(m->carried_units + m->relations[RESDIFF_REL_DROPPED], 62);
	assert_true(m->carried_text > 0.05 && m->carried_text < (double)m->carried_units / 62.0);
	/* every new clause is new or descends from an old one */
	assert_int_equal(m->new_units, m->relations[RESDIFF_REL_ADDED]);
	assert_int_equal(m->oldest_count, RESDIFF_STATS_OLDEST);
	assert_string_equal(m->oldest[0].symbol, "E/RES/2009/7");
	assert_int_equal(resdiff_render_stats_text(&out, st), 0);
	assert_non_null(strstr(out.ptr, "carried over from E/RES/2009/7: 17 of 62 clauses"));
	assert_non_null(strstr(out.ptr, "2017 \xe2\x96\x88"));
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_stats_html(&out, st), 0);
	assert_non_null(strstr(out.ptr, "<svg"));
	/* the signals of the second member end its row */
	assert_true(m->strengthened > 0);
	{
		char row[128];
		snprintf(row, sizeof(row), "%%</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>\n",
			m->rolling, m->strengthened, m->weakened);
		assert_non_null(strstr(out.ptr, "<th>rolling only</th><th>verbs stronger</th><th>verbs weaker</th>"));
		assert_non_null(strstr(out.ptr, row));
	}
	resdiff_buf_dispose(&out);
	resdiff_series_stats_free(st);
	assert_int_equal(resdiff_series_stats_build(&st, s, "no-such", NULL), RESDIFF_ENOTFOUND);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* stats reads the signals diff reads: each member with its footnote
 * citations (a view keeps only the reading part, and a footnote edit that
 * is no rolling update made a clause "rolling only" in stats alone). */
static void test_provenance__stats_signals_agree_with_diff(void **state)
{
	char *dir = test_tmpdir(), *out;
	int status;
	(void)state;
	assert_int_equal(test_system("set -e; cd '%s'; '%s' init r >/dev/null; "
		"for f in A_RES_74_197 A_RES_75_202 A_RES_76_189 A_RES_78_132; do "
		"'%s' -C r import -q --lang en --series ga-ict '%s/tests/data/en/'$f.txt; done",
		dir, RESDIFF_BINARY, RESDIFF_BINARY, RESDIFF_SOURCE_DIR), 0);
	out = test_capture(&status, "cd '%s' && '%s' -C r stats --format=json ga-ict | python3 -c "
		"'import json,sys; m=json.load(sys.stdin)[\"members\"][1:]; "
		"print(\" \".join(\"%%d/%%d/%%d\" %% (x[\"rolling\"], x[\"strengthened\"], x[\"weakened\"]) for x in m))'",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	{
		char *want = test_capture(&status, "cd '%s' && '%s' -C r diff --series ga-ict --format=json | "
			"python3 -c 'import json,sys; s=[json.loads(l)[\"stats\"] for l in sys.stdin]; "
			"print(\" \".join(\"%%d/%%d/%%d\" %% (x[\"rolling\"], x[\"strengthened\"], x[\"weakened\"]) for x in s))'",
			dir, RESDIFF_BINARY);
		assert_int_equal(status, 0);
		assert_string_equal(out, want);
		/* 74/197 -> 75/202: PP15, OP15, OP45 -> OP46 (PP1's footnote gains a
		 * resolution: partly rolling) */
		assert_int_equal(strncmp(want, "3/", 2), 0);
		free(want);
	}
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* An English resolution of `n` operative clauses; clause i is 14 made-up
 * words drawn from seeds[i], so clauses of different seeds share nothing. */
static resdiff_doc *clause_doc(const char *symbol, const char *series, const char *date,
		const unsigned *seeds, size_t n)
{
	resdiff_doc *doc = NULL;
	size_t i, w, k;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.symbol, symbol), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.language, "en"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.series, series), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.date, date), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.body, "GA"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, "resolution"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.chapeau, "The General Assembly,"), 0);
	for (i = 0; i < n; i++) {
		char text[256], id[16], label[16];
		unsigned seed = seeds[i];
		size_t len = 0;
		for (w = 0; w < 14; w++) {
			size_t wl = 4 + (size_t)(rand_r(&seed) % 6);
			for (k = 0; k < wl; k++)
				text[len++] = (char)('a' + rand_r(&seed) % 26);
			text[len++] = w == 13 ? ';' : ' ';
		}
		text[len] = '\0';
		snprintf(id, sizeof(id), "OP%zu", i + 1);
		snprintf(label, sizeof(label), "%zu.", i + 1);
		assert_int_equal(resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_OPERATIVE, label, text, 10 + 2 * i), 0);
	}
	return doc;
}

static void import_doc(resdiff_store *s, resdiff_doc *doc)
{
	resdiff_store_item item;
	memset(&item, 0, sizeof(item));
	item.doc = doc;
	if (resdiff_store_import(s, &item, 1) < 0)
		fail_msg("import %s: %s", doc->meta.symbol, resdiff_error_last());
	resdiff_doc_free(doc);
}

/* The work of the index is an operation count, not a time: each document
 * is prepared for the aligner (keys, n-grams) once, however many
 * alignments it takes part in: 62/1 with its previous member 61/1 and with
 * 60/1 across series is three preparations, not four; 60/1 and 61/1, which
 * align with nothing, none. The links are those of resdiff_align(). */
static void test_provenance__documents_prepared_once(void **state)
{
	static const unsigned alpha[] = { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 };
	static const unsigned beta1[] = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209 };
	static const unsigned beta2[] = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 103 };
	resdiff_index_status st;
	resdiff_provenance *p = NULL;
	const resdiff_lineage *l;
	char *dir;
	resdiff_store *s = new_store(&dir);

	(void)state;
	import_doc(s, clause_doc("A/RES/60/1", "alpha", "2005-10-01", alpha, 10));
	import_doc(s, clause_doc("A/RES/61/1", "beta", "2006-10-01", beta1, 10));
	import_doc(s, clause_doc("A/RES/62/1", "beta", "2007-10-01", beta2, 11));
	assert_int_equal(resdiff_index_rebuild(&st, s), 0);
	assert_int_equal(st.documents, 3);
	assert_int_equal(st.computed, 3);
	assert_int_equal(st.prepared, 3);
	if (resdiff_provenance_blame(&p, s, "A/RES/62/1", NULL, "OP11") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	assert_int_equal(p->count, 1);
	l = &p->lineages[0];
	assert_int_equal(l->end_count, 1);
	assert_string_equal(l->ends[0].symbol, "A/RES/60/1");
	assert_string_equal(l->ends[0].unit, "OP4");
	assert_int_equal(l->step_count, 1);
	assert_int_equal(l->steps[0].relation, RESDIFF_REL_UNCHANGED);
	resdiff_provenance_free(p);
	/* a carried-over clause keeps its source in the previous member */
	if (resdiff_provenance_blame(&p, s, "A/RES/62/1", NULL, "OP3") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	assert_string_equal(p->lineages[0].ends[0].symbol, "A/RES/61/1");
	assert_string_equal(p->lineages[0].ends[0].unit, "OP3");
	resdiff_provenance_free(p);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Documents in no series (imported without a manifest or --series): a
 * step between them says so, not "across series". */
static void test_provenance__steps_in_no_series(void **state)
{
	static const unsigned a[] = { 300, 301, 302, 303, 304, 305 };
	resdiff_provenance *p = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	char *dir;
	resdiff_store *s = new_store(&dir);

	(void)state;
	import_doc(s, clause_doc("A/RES/70/1", NULL, "2015-10-01", a, 6));
	import_doc(s, clause_doc("A/RES/71/1", NULL, "2016-10-01", a, 6));
	if (resdiff_provenance_blame(&p, s, "A/RES/71/1", NULL, "OP2") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	assert_int_equal(p->lineages[0].step_count, 1);
	assert_int_equal(resdiff_render_provenance_text(&out, p), 0);
	assert_non_null(strstr(out.ptr, "\tA/RES/71/1 OP2 (2016-10-01) \xe2\x86\x90 A/RES/70/1 OP2 "
		"(2015-10-01): unchanged, in no series\n"));
	assert_null(strstr(out.ptr, "across series"));
	resdiff_buf_dispose(&out);
	resdiff_provenance_free(p);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* The id of the stored index's tree. */
static char *index_tree(const char *dir)
{
	char *out = git_out(dir, "rev-parse refs/heads/resdiff/index^{tree}");
	out[strcspn(out, "\n")] = '\0';
	return out;
}

/* The stored index tree (just updated) is the one a rebuild writes. */
static void assert_update_is_rebuild(resdiff_store *s, const char *dir)
{
	resdiff_index_status st;
	char *updated = index_tree(dir), *rebuilt;

	assert_int_equal(resdiff_index_rebuild(&st, s), 0);
	rebuilt = index_tree(dir);
	assert_string_equal(updated, rebuilt);
	free(updated);
	free(rebuilt);
}

/* A document that is a candidate across series for several later ones is
 * read and prepared once while it stays in the cache of candidates
 * (RESDIFF_INDEX_CACHE_MAX): 60/1 and 60/2 each serve 62/1 and 62/2. With
 * room for one, 60/1 is given up for 60/2 and read again; with none, both
 * are (counted with one thread: the documents computed one at a time).
 * The stored index is the same tree every time, and with 2 and 3 threads
 * (RESDIFF_INDEX_THREADS_ENV: the alignments of a window of documents run
 * on a pool; what is prepared then depends on the window, not checked). */
static void test_provenance__candidates_prepared_once_while_cached(void **state)
{
	static const unsigned alpha[] = { 100, 101, 102, 103, 104, 105, 106, 107, 108, 109 };
	static const unsigned delta[] = { 400, 401, 402, 403, 404, 405, 406, 407, 408, 409 };
	static const unsigned beta1[] = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209 };
	static const unsigned beta2[] = { 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 103, 403 };
	static const unsigned gamma1[] = { 300, 301, 302, 303, 304, 305, 306, 307, 308, 309 };
	static const unsigned gamma2[] = { 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 104, 404 };
	static const struct { const char *env; const char *threads; size_t prepared; } runs[] = {
		{ NULL, "1", 6 }, { "1", "1", 7 }, { "0", "1", 8 }, { NULL, "1", 6 },
		{ NULL, "2", 0 }, { "0", "2", 0 }, { NULL, "3", 0 },
	};
	resdiff_index_status st;
	char *dir, *tree = NULL;
	resdiff_store *s = new_store(&dir);
	size_t r;

	(void)state;
	import_doc(s, clause_doc("A/RES/60/1", "alpha", "2005-10-01", alpha, 10));
	import_doc(s, clause_doc("A/RES/60/2", "delta", "2005-10-02", delta, 10));
	import_doc(s, clause_doc("A/RES/61/1", "beta", "2006-10-01", beta1, 10));
	import_doc(s, clause_doc("A/RES/61/2", "gamma", "2006-10-02", gamma1, 10));
	import_doc(s, clause_doc("A/RES/62/1", "beta", "2007-10-01", beta2, 12));
	import_doc(s, clause_doc("A/RES/62/2", "gamma", "2007-10-02", gamma2, 12));
	for (r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		char *t;
		if (runs[r].env)
			setenv(RESDIFF_INDEX_CACHE_ENV, runs[r].env, 1);
		else
			unsetenv(RESDIFF_INDEX_CACHE_ENV);
		setenv(RESDIFF_INDEX_THREADS_ENV, runs[r].threads, 1);
		if (resdiff_index_rebuild(&st, s) < 0)
			fail_msg("index: %s", resdiff_error_last());
		assert_int_equal(st.computed, 6);
		if (runs[r].prepared && st.prepared != runs[r].prepared)
			fail_msg("cache %s: %zu documents prepared, not %zu",
				runs[r].env ? runs[r].env : "default", st.prepared, runs[r].prepared);
		t = index_tree(dir);
		if (tree)
			assert_string_equal(t, tree);
		free(tree);
		tree = t;
	}
	unsetenv(RESDIFF_INDEX_CACHE_ENV);
	unsetenv(RESDIFF_INDEX_THREADS_ENV);
	free(tree);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* An update carries the index trees of the languages the import did not
 * touch as they are (not one of their files read) and recomputes the
 * others; the tree is the very one a rebuild from nothing writes. */
static void test_provenance__update_reads_one_language(void **state)
{
	static const unsigned a1[] = { 100, 101, 102, 103, 104, 105 };
	static const unsigned a2[] = { 100, 101, 102, 103, 104, 106 };
	static const unsigned a3[] = { 100, 101, 110, 103, 104, 106, 107 };
	static const unsigned b1[] = { 200, 201, 202, 203, 204, 205 };
	resdiff_index_status st;
	char *dir, *updated, *rebuilt;
	resdiff_store *s = new_store(&dir);
	resdiff_provenance *p = NULL;

	(void)state;
	/* en: two series; zh: two documents; fr: one */
	import_doc(s, clause_doc("A/RES/60/1", "alpha", "2005-10-01", a1, 6));
	import_doc(s, clause_doc("A/RES/60/2", "beta", "2005-11-01", b1, 6));
	import_doc(s, clause_doc("A/RES/61/1", "alpha", "2006-10-01", a2, 6));
	import_doc(s, test_make_doc("E/RES/2009/7", "zh", "ecosoc-wsis", "2009-07-24", 5, 1));
	import_doc(s, test_make_doc("E/RES/2010/3", "zh", "ecosoc-wsis", "2010-07-20", 5, 2));
	import_doc(s, test_make_doc("E/RES/2009/7", "fr", "ecosoc-wsis", "2009-07-24", 5, 1));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.documents, 6);
	assert_int_equal(st.computed, 6);
	assert_int_equal(st.read, 0);
	assert_int_equal(st.carried, 0);

	/* one more English member: zh and fr carried unread, en's summary
	 * and postings read, its previous member's file (it gains "to" lines)
	 * and that file's directory's catalogue, the new one computed */
	import_doc(s, clause_doc("A/RES/62/1", "alpha", "2007-10-01", a3, 7));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_true(st.written);
	assert_int_equal(st.documents, 7);
	assert_int_equal(st.computed, 1);
	assert_int_equal(st.reused, 6);
	assert_int_equal(st.read, 4);
	assert_int_equal(st.carried, 3);
	assert_true(index_matches_record(dir));
	{
		/* the commit counts every document it holds, not the computed
		 * languages' alone (it said 4) */
		char *subject = git_out(dir, "log -1 --format=%s refs/heads/resdiff/index");
		assert_non_null(strstr(subject, ": 7 documents\n"));
		free(subject);
	}
	updated = index_tree(dir);
	assert_int_equal(resdiff_index_rebuild(&st, s), 0);
	assert_int_equal(st.computed, 7);
	assert_int_equal(st.read, 0);
	assert_int_equal(st.carried, 0);
	rebuilt = index_tree(dir);
	assert_string_equal(updated, rebuilt);
	free(updated);
	free(rebuilt);

	/* an earlier zh member and a new text of the fr one: en carried, the
	 * two others' summaries and postings read, the old files of the
	 * documents recomputed (zh 2, fr 1) and their directories' catalogues
	 * (zh 2, fr 1); still the rebuild's tree */
	import_doc(s, test_make_doc("E/RES/2008/1", "zh", "ecosoc-wsis", "2008-07-20", 5, 3));
	import_doc(s, test_make_doc("E/RES/2009/7", "fr", "ecosoc-wsis", "2009-07-24", 5, 4));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.documents, 8);
	assert_int_equal(st.carried, 4);
	assert_int_equal(st.read, 10);
	assert_int_equal(st.computed, 4);  /* zh: all three from 2008 on; fr: one */
	assert_update_is_rebuild(s, dir);
	/* and the answers come from it: 62/1 OP1 was 61/1's and 60/1's */
	if (resdiff_provenance_blame(&p, s, "A/RES/62/1", NULL, "OP1") < 0)
		fail_msg("blame: %s", resdiff_error_last());
	assert_false(p->index_in_memory);
	assert_int_equal(p->lineages[0].step_count, 2);
	assert_string_equal(p->lineages[0].ends[0].symbol, "A/RES/60/1");
	resdiff_provenance_free(p);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* Replace the stored index's file at `path` by its text through a sed
 * expression (a damaged file), under the same commit message. */
static void damage_index_file(const char *dir, const char *path, const char *sed)
{
	char cmd[4096];
	snprintf(cmd, sizeof(cmd),
		"cd '%s' && f=%s && "
		"git show refs/heads/resdiff/index:$f | sed -e '%s' >bad && b=$(git hash-object -w bad) && rm bad && "
		"git read-tree --index-output=bad.idx refs/heads/resdiff/index && "
		"GIT_INDEX_FILE=bad.idx git update-index --cacheinfo 100644,$b,$f && "
		"t=$(GIT_INDEX_FILE=bad.idx git write-tree) && rm bad.idx && "
		"c=$(git log -1 --format=%%B refs/heads/resdiff/index | git commit-tree $t) && "
		"git update-ref refs/heads/resdiff/index $c", dir, path, sed);
	assert_int_equal(test_system("%s", cmd), 0);
}

/* An update parses the links ("from" and "to" lines) of the files it
 * writes and of the sources named in their "to" lines only, not of every
 * file of the language; the tree is still the rebuild's, after a new last
 * member, an earlier member and a damaged file (whose links, when they
 * are needed and do not parse, send the update back to parsing every
 * file, which recomputes it). */
static void test_provenance__update_parses_the_links_it_needs(void **state)
{
	static const unsigned a1[] = { 300, 301, 302, 303, 304, 305 };
	static const unsigned a2[] = { 300, 301, 302, 303, 304, 306 };
	static const unsigned a3[] = { 300, 301, 302, 303, 304, 306, 307 };
	static const unsigned a4[] = { 300, 301, 302, 303, 308, 306, 307 };
	static const unsigned a0[] = { 300, 301, 309, 303, 304, 305 };
	static const unsigned b1[] = { 310, 311, 312, 313, 314, 315 };
	static const unsigned b2[] = { 310, 311, 302, 313, 314, 315 };
	static const unsigned g1[] = { 320, 321, 322, 323, 324, 325 };
	static const unsigned g2[] = { 320, 321, 322, 323, 324, 326 };
	resdiff_index_status st;
	char *dir, *updated, *rebuilt, *out;
	resdiff_store *s = new_store(&dir);

	(void)state;
	import_doc(s, clause_doc("A/RES/60/1", "alpha", "2005-10-01", a1, 6));
	import_doc(s, clause_doc("A/RES/60/2", "beta", "2005-10-02", b1, 6));
	import_doc(s, clause_doc("A/RES/60/3", "gamma", "2005-10-03", g1, 6));
	import_doc(s, clause_doc("A/RES/61/1", "alpha", "2006-10-01", a2, 6));
	import_doc(s, clause_doc("A/RES/61/2", "beta", "2006-10-02", b2, 6));
	import_doc(s, clause_doc("A/RES/61/3", "gamma", "2006-10-03", g2, 6));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 6);
	assert_int_equal(st.links_read, 0);

	/* a new last member of alpha: the summary, the postings, its
	 * previous member's file and that file's directory's catalogue read
	 * (not the six files), the links of that
	 * member (which gains "to" lines) and of the documents it links into
	 * across series only */
	import_doc(s, clause_doc("A/RES/62/1", "alpha", "2007-10-01", a3, 7));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 1);
	assert_true(st.read >= 3);
	assert_true(st.read <= 5);
	assert_true(st.links_read >= 1);
	assert_true(st.links_read <= 3);
	out = git_out(dir, "show refs/heads/resdiff/index:en/A_RES_61/A_RES_61_1.txt");
	assert_non_null(strstr(out, "\nto\tOP1\tA/RES/62/1\tOP1\t"));
	free(out);
	updated = index_tree(dir);
	assert_int_equal(resdiff_index_rebuild(&st, s), 0);
	assert_int_equal(st.links_read, 0);
	rebuilt = index_tree(dir);
	assert_string_equal(updated, rebuilt);
	free(updated);
	free(rebuilt);

	/* an earlier member of alpha: everything from its date recomputed,
	 * reused documents keep their "to" lines from the others */
	import_doc(s, clause_doc("A/RES/59/1", "alpha", "2004-10-01", a0, 6));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 8);
	assert_update_is_rebuild(s, dir);

	/* a damaged file the update needs (the new member's previous one):
	 * its links do not parse, so every file is parsed whole and it is
	 * recomputed, as a rebuild writes it */
	damage_index_file(dir, "en/A_RES_62/A_RES_62_1.txt", "s/^from\\(\\tOP1\\t[^\\t]*\\t[^\\t]*\\t\\)[a-z]*/from\\1bogus/");
	out = git_out(dir, "show refs/heads/resdiff/index:en/A_RES_62/A_RES_62_1.txt");
	assert_non_null(strstr(out, "\tbogus\t"));
	free(out);
	import_doc(s, clause_doc("A/RES/63/1", "alpha", "2008-10-01", a4, 7));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 2);
	assert_int_equal(st.links_read, st.read);
	out = git_out(dir, "show refs/heads/resdiff/index:en/A_RES_62/A_RES_62_1.txt");
	assert_null(strstr(out, "bogus"));
	free(out);
	assert_update_is_rebuild(s, dir);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A directory's catalogue or a summary that cannot serve (malformed, or
 * naming another file than the tree's) sends the update back to reading
 * every file: the tree is still the rebuild's, and the next update reads
 * the catalogues again. */
static void test_provenance__damaged_catalogue_read_again(void **state)
{
	static const unsigned a1[] = { 400, 401, 402, 403, 404, 405 };
	static const unsigned a2[] = { 400, 401, 402, 403, 404, 406 };
	static const unsigned a3[] = { 400, 401, 402, 403, 407, 406 };
	static const unsigned a4[] = { 400, 401, 408, 403, 407, 406 };
	static const unsigned a5[] = { 409, 401, 408, 403, 407, 406 };
	static const unsigned b1[] = { 410, 411, 412, 413, 414, 415 };
	static const struct {
		const char *path, *sed;
	} damage[] = {
		/* a line of the previous member's directory with a bad blob */
		{ "en/@catalogue/A_RES_62", "2s/\\t[0-9a-f]*\\t/\\tnot-hex\\t/" },
		/* another index file named than the tree holds */
		{ "en/@catalogue/A_RES_63", "2s/\\t[0-9a-f]*$/\\t0123456789012345678901234567890123456789/" },
		/* a summary line cut short */
		{ "en/@summary", "3s/\\t[^\\t]*$//" },
	};
	static const unsigned *const next[] = { a3, a4, a5 };
	resdiff_index_status st;
	char *dir, symbol[32], date[16];
	resdiff_store *s = new_store(&dir);
	size_t i;

	(void)state;
	import_doc(s, clause_doc("A/RES/60/1", "alpha", "2005-10-01", a1, 6));
	import_doc(s, clause_doc("A/RES/60/2", "beta", "2005-10-02", b1, 6));
	import_doc(s, clause_doc("A/RES/62/1", "alpha", "2007-10-01", a2, 6));
	assert_int_equal(resdiff_index_update(&st, s), 0);
	for (i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
		char *out, *was, cmd[256];
		snprintf(cmd, sizeof(cmd), "show refs/heads/resdiff/index:%s", damage[i].path);
		was = git_out(dir, cmd);
		damage_index_file(dir, damage[i].path, damage[i].sed);
		out = git_out(dir, cmd);
		assert_string_not_equal(was, out);
		free(was);
		free(out);
		snprintf(symbol, sizeof(symbol), "A/RES/%zu/1", 63 + i);
		snprintf(date, sizeof(date), "%zu-10-01", 2008 + i);
		import_doc(s, clause_doc(symbol, "alpha", date, next[i], 6));
		assert_int_equal(resdiff_index_update(&st, s), 0);
		assert_int_equal(st.computed, 1);
		assert_update_is_rebuild(s, dir);
		out = git_out(dir, "ls-tree -r --name-only refs/heads/resdiff/index");
		assert_non_null(strstr(out, "en/@summary\n"));
		free(out);
	}
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* The index update after one more document into a store of n (four series
 * of distinct clauses, each member rewording one clause of the previous):
 * the objects of the previous index it reads (resdiff_index_status.read),
 * after checking that the update wrote the rebuild's tree. */
static size_t one_more_reads(size_t n)
{
	resdiff_index_status st;
	char *dir, symbol[32], series[16], date[16];
	resdiff_store *s = new_store(&dir);
	size_t k, u, reads;

	for (k = 0; k <= n; k++) {
		unsigned seeds[6];
		for (u = 0; u < 6; u++)
			seeds[u] = (unsigned)(1000 * (k % 4) + u + (u == k / 4 % 6 ? 100 * (k / 4) : 0));
		snprintf(symbol, sizeof(symbol), "A/RES/%zu/%zu", 40 + k / 12, k % 12 + 1);
		snprintf(series, sizeof(series), "s%zu", k % 4);
		snprintf(date, sizeof(date), "%zu-%02zu-01", 1985 + k / 12, k % 12 + 1);
		import_doc(s, clause_doc(symbol, series, date, seeds, 6));
		if (k + 1 == n)
			assert_int_equal(resdiff_index_update(&st, s), 0);
	}
	assert_int_equal(resdiff_index_update(&st, s), 0);
	assert_int_equal(st.computed, 1);
	assert_int_equal(st.documents, n + 1);
	reads = st.read;
	assert_update_is_rebuild(s, dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
	return reads;
}

/* One more document reads what it needs of the previous index (its
 * language's summary and postings, the files its links reach and their
 * directories' catalogues), however
 * many documents are stored: the same count at 8 and at 40 documents
 * (every file of the language, 8 and 40, before index format 13). */
static void test_provenance__one_more_reads_do_not_grow(void **state)
{
	size_t small, large;

	(void)state;
	small = one_more_reads(8);
	large = one_more_reads(40);
	assert_int_equal(small, large);
	assert_true(large <= 5);
}

/* The index files' numbers read by hand (hex_fingerprint, fixed4 in
 * index.c) are strtoul's and strtod's, bit for bit: every "%.4f" from 0
 * to 1, and the forms entry_write never writes, which still go to the
 * library (upper-case hex, fewer digits, an exponent). */
static void test_provenance__index_numbers_as_libc(void **state)
{
	static const char *odd[] = { "0.5", "1", "5e-1", "0.12345", ".5", "0.1000" };
	resdiff_buf file = RESDIFF_BUF_INIT;
	resdiff_arena *arena = resdiff_arena_new();
	index_entry e;
	unsigned v;
	size_t i;

	(void)state;
	assert_non_null(arena);
	assert_int_equal(resdiff_buf_printf(&file, "resdiff-index %d\nsymbol\tA/RES/1/1\n"
		"language\ten\nblob\t%040d\n\nunit\tOP1\t0000abcd 89ABCDEF fedcba98 1 0x1f\n\n",
		RESDIFF_INDEX_FILE_FORMAT, 1), 0);
	for (v = 0; v <= 10000; v++)
		assert_int_equal(resdiff_buf_printf(&file, "from\tOP1\tA/RES/0/1\tOP1\treworded\t"
			"%.4f\t%.4f\t-\n", v / 10000.0, (10000 - v) / 10000.0), 0);
	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		assert_int_equal(resdiff_buf_printf(&file, "from\tOP1\tA/RES/0/1\tOP1\treworded\t"
			"%s\t%s\t-\n", odd[i], odd[i]), 0);
	assert_int_equal(index_entry_parse(&e, arena, file.ptr, file.size, "t", true), 0);
	assert_int_equal(e.unit_count, 1);
	assert_int_equal(e.sketch[0], 0xabcd);
	assert_int_equal(e.sketch[1], 0x89abcdef);
	assert_int_equal(e.sketch[2], 0xfedcba98);
	assert_int_equal(e.sketch[3], 1);
	assert_int_equal(e.sketch[4], 0x1f);
	assert_int_equal(e.link_count, 10001 + sizeof(odd) / sizeof(*odd));
	for (v = 0; v <= 10000; v++) {
		char a[16], b[16];
		snprintf(a, sizeof(a), "%.4f", v / 10000.0);
		snprintf(b, sizeof(b), "%.4f", (10000 - v) / 10000.0);
		assert_true(e.links[v].similarity == strtod(a, NULL));
		assert_true(e.links[v].confidence == strtod(b, NULL));
	}
	for (i = 0; i < sizeof(odd) / sizeof(*odd); i++)
		assert_true(e.links[10001 + i].similarity == strtod(odd[i], NULL));
	/* still refused: a zero fingerprint, a number with debris */
	resdiff_buf_clear(&file);
	assert_int_equal(resdiff_buf_printf(&file, "resdiff-index %d\nsymbol\tA/RES/1/1\n"
		"language\ten\nblob\t%040d\n\nunit\tOP1\t00000000\n", RESDIFF_INDEX_FILE_FORMAT, 1), 0);
	assert_int_equal(index_entry_parse(&e, arena, file.ptr, file.size, "t", true), RESDIFF_EINVALID);
	resdiff_buf_clear(&file);
	assert_int_equal(resdiff_buf_printf(&file, "resdiff-index %d\nsymbol\tA/RES/1/1\n"
		"language\ten\nblob\t%040d\n\nunit\tOP1\t0000abcd\n\nfrom\tOP1\tA/RES/0/1\tOP1\t"
		"reworded\t0.5000x\t0.5000\t-\n", RESDIFF_INDEX_FILE_FORMAT, 1), 0);
	assert_int_equal(index_entry_parse(&e, arena, file.ptr, file.size, "t", true), RESDIFF_EINVALID);
	resdiff_buf_dispose(&file);
	resdiff_arena_free(arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provenance__blame_and_trace_fork),
		cmocka_unit_test(test_provenance__weak_link_across_series_is_no_origin),
		cmocka_unit_test(test_provenance__incremental_update),
		cmocka_unit_test(test_provenance__stale_lost_and_lying_index),
		cmocka_unit_test(test_provenance__index_of_other_language_data),
		cmocka_unit_test(test_provenance__few_documents_after_large_import),
		cmocka_unit_test(test_provenance__series_stats),
		cmocka_unit_test(test_provenance__stats_signals_agree_with_diff),
		cmocka_unit_test(test_provenance__documents_prepared_once),
		cmocka_unit_test(test_provenance__candidates_prepared_once_while_cached),
		cmocka_unit_test(test_provenance__steps_in_no_series),
		cmocka_unit_test(test_provenance__update_reads_one_language),
		cmocka_unit_test(test_provenance__update_parses_the_links_it_needs),
		cmocka_unit_test(test_provenance__damaged_catalogue_read_again),
		cmocka_unit_test(test_provenance__one_more_reads_do_not_grow),
		cmocka_unit_test(test_provenance__index_numbers_as_libc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
