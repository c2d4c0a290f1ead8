/*
 * align_eval_test.c: the aligner against the hand-checked gold alignments
 * of the corpus pairs (tests/golden/align/NAME.gold), beside the baseline
 * "character-bigram Dice, greedy one-to-one, best threshold".
 *
 * Scoring (docs/DIFF.md): an alignment is a set of links. A matched change
 * (unchanged, reworded, split, merged) contributes one link (old, new) per
 * old x new pair of its ids; an added clause the link (-, new), a dropped
 * clause (old, -). Precision = |predicted ∩ gold| / |predicted|, recall =
 * |predicted ∩ gold| / |gold|, F1 their harmonic mean. Links carry no
 * relation name, so the baseline (which cannot split or merge) is judged
 * on the same ground; relation agreement on the correct pair links is
 * printed beside it.
 *
 * Set RESDIFF_EVAL_SWEEP=1 to print F1 over a range of thresholds (the
 * measurement behind RESDIFF_ALIGN_THRESHOLD_*).
 */
#include "helpers.h"
#include "resdiff/align.h"
#include "resdiff/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINKS 4096

typedef struct {
	char old_id[32], new_id[32];
	int relation;   /* for agreement; -1 when unknown */
} link;

typedef struct {
	link l[MAX_LINKS];
	size_t n;
} link_set;

static void add_link(link_set *s, const char *o, const char *n, int relation)
{
	assert_true(s->n < MAX_LINKS);
	snprintf(s->l[s->n].old_id, sizeof(s->l[0].old_id), "%s", o);
	snprintf(s->l[s->n].new_id, sizeof(s->l[0].new_id), "%s", n);
	s->l[s->n++].relation = relation;
}

static const link *find_link(const link_set *s, const link *x)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->l[i].old_id, x->old_id) && !strcmp(s->l[i].new_id, x->new_id))
			return &s->l[i];
	return NULL;
}

static void load_gold(link_set *gold, const char *relpath, const resdiff_doc *a, const resdiff_doc *b)
{
	char *text = test_read_source(relpath, NULL), *line, *save = NULL;
	size_t units_old = 0, units_new = 0;

	memset(gold, 0, sizeof(*gold));
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { NULL }, *s2 = NULL, *tok, *o, *n, *so = NULL, *sn = NULL;
		size_t nf = 0;
		int rel;
		if (line[0] == '#' || !line[0])
			continue;
		for (tok = strtok_r(line, "\t", &s2); tok && nf < 4; tok = strtok_r(NULL, "\t", &s2))
			f[nf++] = tok;
		assert_true(nf >= 3);
		rel = resdiff_relation_from_name(f[0]);
		assert_true(rel >= 0);
		if (!strcmp(f[1], "-")) {
			for (n = strtok_r(f[2], ",", &sn); n; n = strtok_r(NULL, ",", &sn)) {
				if (!resdiff_doc_unit_by_id(b, n))
					fail_msg("%s: %s not in the new text", relpath, n);
				add_link(gold, "-", n, rel);
				units_new++;
			}
			continue;
		}
		if (!strcmp(f[2], "-")) {
			for (o = strtok_r(f[1], ",", &so); o; o = strtok_r(NULL, ",", &so)) {
				if (!resdiff_doc_unit_by_id(a, o))
					fail_msg("%s: %s not in the old text", relpath, o);
				add_link(gold, o, "-", rel);
				units_old++;
			}
			continue;
		}
		for (o = strtok_r(f[1], ",", &so); o; o = strtok_r(NULL, ",", &so)) {
			char news[512];
			snprintf(news, sizeof(news), "%s", f[2]);
			if (!resdiff_doc_unit_by_id(a, o))
				fail_msg("%s: %s not in the old text", relpath, o);
			units_old++;
			for (n = strtok_r(news, ",", &sn); n; n = strtok_r(NULL, ",", &sn))
				add_link(gold, o, n, rel);
		}
		{
			char news[512], *s3 = NULL;
			snprintf(news, sizeof(news), "%s", f[2]);
			for (n = strtok_r(news, ",", &s3); n; n = strtok_r(NULL, ",", &s3)) {
				if (!resdiff_doc_unit_by_id(b, n))
					fail_msg("%s: %s not in the new text", relpath, n);
				units_new++;
			}
		}
	}
	/* The gold covers every unit of both parsed texts exactly once. */
	assert_int_equal(units_old, a->unit_count);
	assert_int_equal(units_new, b->unit_count);
	free(text);
}

static void links_of(link_set *s, const resdiff_alignment *al)
{
	size_t i, k, j;
	memset(s, 0, sizeof(*s));
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!c->old_count)
			add_link(s, "-", al->new_doc->units[c->new_units[0]].id, c->relation);
		else if (!c->new_count)
			add_link(s, al->old_doc->units[c->old_units[0]].id, "-", c->relation);
		else
			for (k = 0; k < c->old_count; k++)
				for (j = 0; j < c->new_count; j++)
					add_link(s, al->old_doc->units[c->old_units[k]].id,
						al->new_doc->units[c->new_units[j]].id, c->relation);
	}
}

typedef struct {
	double p, r, f1;
	size_t agree, pairs;
} score;

static bool is_pair(const link *l)
{
	return strcmp(l->old_id, "-") && strcmp(l->new_id, "-");
}

static score score_of(const link_set *pred, const link_set *gold, bool links_only)
{
	score s = { 0, 0, 0, 0, 0 };
	size_t i, hit = 0, npred = 0, ngold = 0;
	for (i = 0; i < gold->n; i++)
		ngold += !links_only || is_pair(&gold->l[i]);
	for (i = 0; i < pred->n; i++) {
		const link *g;
		if (links_only && !is_pair(&pred->l[i]))
			continue;
		npred++;
		g = find_link(gold, &pred->l[i]);
		if (!g)
			continue;
		hit++;
		if (strcmp(g->old_id, "-") && strcmp(g->new_id, "-")) {
			s.pairs++;
			s.agree += g->relation == pred->l[i].relation;
		}
	}
	s.p = npred ? (double)hit / (double)npred : 0;
	s.r = ngold ? (double)hit / (double)ngold : 0;
	s.f1 = s.p + s.r > 0 ? 2 * s.p * s.r / (s.p + s.r) : 0;
	return s;
}

/* The baseline: bigram Dice of every pair, greedy one-to-one from the
 * best pair down, pairs below the threshold left as added/dropped. */
typedef struct {
	size_t o, n;
	double dice;
} scored;

static int cmp_scored(const void *x, const void *y)
{
	const scored *a = x, *b = y;
	if (a->dice != b->dice)
		return a->dice > b->dice ? -1 : 1;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

static uint64_t *bigrams(const char *text, size_t *count)
{
	resdiff_buf key = RESDIFF_BUF_INIT;
	uint64_t *g = NULL;
	assert_int_equal(resdiff_compare_key(&key, text, strlen(text), RESDIFF_KEY_EXACT), 0);
	assert_int_equal(resdiff_ngrams_build(&g, count, key.ptr ? key.ptr : "", key.size, 2), 0);
	resdiff_buf_dispose(&key);
	return g;
}

static void baseline_links(link_set *s, const resdiff_doc *a, const resdiff_doc *b,
		const scored *pairs, size_t npairs, double threshold)
{
	bool *used_o = calloc(a->unit_count + 1, 1), *used_n = calloc(b->unit_count + 1, 1);
	size_t i;
	memset(s, 0, sizeof(*s));
	for (i = 0; i < npairs && pairs[i].dice >= threshold; i++) {
		if (used_o[pairs[i].o] || used_n[pairs[i].n])
			continue;
		used_o[pairs[i].o] = used_n[pairs[i].n] = true;
		add_link(s, a->units[pairs[i].o].id, b->units[pairs[i].n].id,
			strcmp(a->units[pairs[i].o].text, b->units[pairs[i].n].text) ?
			RESDIFF_REL_REWORDED : RESDIFF_REL_UNCHANGED);
	}
	for (i = 0; i < a->unit_count; i++)
		if (!used_o[i])
			add_link(s, a->units[i].id, "-", RESDIFF_REL_DROPPED);
	for (i = 0; i < b->unit_count; i++)
		if (!used_n[i])
			add_link(s, "-", b->units[i].id, RESDIFF_REL_ADDED);
	free(used_o);
	free(used_n);
}

/* The baseline's pairs of one corpus pair, all scored and sorted. */
typedef struct {
	resdiff_doc *a, *b;
	scored *pairs;
	size_t npairs;
} baseline_input;

static void baseline_prepare(baseline_input *in, resdiff_doc *a, resdiff_doc *b)
{
	uint64_t **ga = calloc(a->unit_count + 1, sizeof(*ga)), **gb = calloc(b->unit_count + 1, sizeof(*gb));
	size_t *na = calloc(a->unit_count + 1, sizeof(size_t)), *nb = calloc(b->unit_count + 1, sizeof(size_t));
	size_t i, j;

	in->a = a;
	in->b = b;
	in->pairs = malloc((a->unit_count * b->unit_count + 1) * sizeof(*in->pairs));
	in->npairs = 0;
	for (i = 0; i < a->unit_count; i++)
		ga[i] = bigrams(a->units[i].text, &na[i]);
	for (j = 0; j < b->unit_count; j++)
		gb[j] = bigrams(b->units[j].text, &nb[j]);
	for (i = 0; i < a->unit_count; i++)
		for (j = 0; j < b->unit_count; j++) {
			in->pairs[in->npairs].o = i;
			in->pairs[in->npairs].n = j;
			in->pairs[in->npairs++].dice = resdiff_ngrams_dice(ga[i], na[i], gb[j], nb[j]);
		}
	qsort(in->pairs, in->npairs, sizeof(*in->pairs), cmp_scored);
	for (i = 0; i < a->unit_count; i++)
		free(ga[i]);
	for (j = 0; j < b->unit_count; j++)
		free(gb[j]);
	free(ga);
	free(gb);
	free(na);
	free(nb);
}

static score baseline_at(const baseline_input *in, const link_set *gold, double t, bool links_only)
{
	link_set *pred = malloc(sizeof(*pred));
	score s;
	baseline_links(pred, in->a, in->b, in->pairs, in->npairs, t);
	s = score_of(pred, gold, links_only);
	free(pred);
	return s;
}

typedef struct {
	const char *old_file, *new_file, *gold;
	double floor;        /* F1 floors, set from measurement (docs/DIFF.md) */
	double link_floor;
} corpus_pair;

static const corpus_pair PAIRS[] = {
	{ "corpus/E_RES_2009_7.zh.txt", "corpus/E_RES_2017_21.zh.txt",
	  "tests/golden/align/E_RES_2009_7__E_RES_2017_21.gold", 0.96, 0.90 },
	{ "corpus/E_RES_2009_7.zh.txt", "corpus/A_RES_65_141.zh.txt",
	  "tests/golden/align/E_RES_2009_7__A_RES_65_141.gold", 0.95, 0.78 },
	/* Floors lowered from 0.98 / 0.90 when the gold gained PP11 -> OP17
	 * (re-checked by reading; tests/golden/align/README.md). */
	{ "corpus/A_RES_65_141.zh.txt", "corpus/E_RES_2017_21.zh.txt",
	  "tests/golden/align/A_RES_65_141__E_RES_2017_21.gold", 0.97, 0.85 },
};

#define NPAIRS (sizeof(PAIRS) / sizeof(PAIRS[0]))

/* The baseline (at its best single threshold) must be beaten on every
 * pair by at least these margins of F1: all links, pair links. Measured
 * margins (docs/DIFF.md): 0.015-0.036 and 0.050-0.145; the pair-link
 * margin on 65/141 -> 2017/21 fell to 0.015 when the gold gained
 * PP11 -> OP17, which neither finds. */
#define BASELINE_MARGIN 0.01
#define BASELINE_LINK_MARGIN 0.01

static score align_score(const resdiff_doc *a, const resdiff_doc *b, const link_set *gold,
		double threshold, link_set *pred, bool links_only)
{
	resdiff_align_options opts = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al = NULL;
	score s;
	opts.threshold = threshold;
	if (resdiff_align(&al, a, b, &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	links_of(pred, al);
	s = score_of(pred, gold, links_only);
	resdiff_alignment_free(al);
	return s;
}

static void test_align_eval__corpus_pairs_against_gold(void **state)
{
	link_set *gold = calloc(NPAIRS, sizeof(*gold)), *pred = malloc(sizeof(*pred));
	baseline_input base[NPAIRS];
	resdiff_doc *docs[NPAIRS][2];
	score ours[NPAIRS], ours_links[NPAIRS], bglob[NPAIRS], bglob_links[NPAIRS];
	score boracle[NPAIRS];
	double toracle[NPAIRS], tglobal = 0, best_mean = -1;
	const char *sweep = getenv("RESDIFF_EVAL_SWEEP");
	size_t p, i;
	int t;

	for (p = 0; p < NPAIRS; p++) {
		docs[p][0] = test_parse_source(PAIRS[p].old_file, "zh");
		docs[p][1] = test_parse_source(PAIRS[p].new_file, "zh");
		load_gold(&gold[p], PAIRS[p].gold, docs[p][0], docs[p][1]);
		baseline_prepare(&base[p], docs[p][0], docs[p][1]);
		ours[p] = align_score(docs[p][0], docs[p][1], &gold[p], 0, pred, false);
		ours_links[p] = align_score(docs[p][0], docs[p][1], &gold[p], 0, pred, true);
		boracle[p].f1 = -1;
	}
	/* Baseline thresholds: one best for all three pairs (as the aligner
	 * has one default), and, for reference, the best of each pair. */
	for (t = 1; t <= 99; t++) {
		double mean = 0;
		for (p = 0; p < NPAIRS; p++) {
			score s = baseline_at(&base[p], &gold[p], t / 100.0, false);
			mean += s.f1 / NPAIRS;
			if (s.f1 > boracle[p].f1) {
				boracle[p] = s;
				toracle[p] = t / 100.0;
			}
		}
		if (mean > best_mean) {
			best_mean = mean;
			tglobal = t / 100.0;
		}
	}
	for (p = 0; p < NPAIRS; p++) {
		bglob[p] = baseline_at(&base[p], &gold[p], tglobal, false);
		bglob_links[p] = baseline_at(&base[p], &gold[p], tglobal, true);
	}
	printf("F1 over all links (pairs + added/dropped singletons):\n");
	printf("  %-30s %5s %5s %5s %7s | %-17s | %-22s\n", "pair (old__new)", "P", "R", "F1",
		"rel.ok", "baseline t=global", "baseline t=best of pair");
	for (p = 0; p < NPAIRS; p++)
		printf("  %-30.30s %5.3f %5.3f %5.3f %3zu/%-3zu | %5.3f (t=%.2f)      | %5.3f (t=%.2f)\n",
			strrchr(PAIRS[p].gold, '/') + 1, ours[p].p, ours[p].r, ours[p].f1,
			ours[p].agree, ours[p].pairs, bglob[p].f1, tglobal, boracle[p].f1, toracle[p]);
	printf("F1 over pair links only (old, new both present):\n");
	for (p = 0; p < NPAIRS; p++)
		printf("  %-30.30s %5.3f %5.3f %5.3f         | %5.3f (P %.3f R %.3f)\n",
			strrchr(PAIRS[p].gold, '/') + 1, ours_links[p].p, ours_links[p].r, ours_links[p].f1,
			bglob_links[p].f1, bglob_links[p].p, bglob_links[p].r);
	for (p = 0; sweep && p < NPAIRS; p++) {
		double th;
		printf("%s\n", PAIRS[p].gold);
		for (th = 0.10; th < 0.71; th += 0.05)
			printf("    threshold %.2f: F1 %.3f links %.3f\n", th,
				align_score(docs[p][0], docs[p][1], &gold[p], th, pred, false).f1,
				align_score(docs[p][0], docs[p][1], &gold[p], th, pred, true).f1);
		align_score(docs[p][0], docs[p][1], &gold[p],
			getenv("RESDIFF_EVAL_T") ? atof(getenv("RESDIFF_EVAL_T")) : 0, pred, false);
		for (i = 0; i < pred->n; i++)
			if (!find_link(&gold[p], &pred->l[i]))
				printf("    wrong: %s -> %s (%s)\n", pred->l[i].old_id, pred->l[i].new_id,
					resdiff_relation_name((resdiff_relation)pred->l[i].relation));
		for (i = 0; i < gold[p].n; i++)
			if (!find_link(pred, &gold[p].l[i]))
				printf("    missed: %s -> %s (%s)\n", gold[p].l[i].old_id, gold[p].l[i].new_id,
					resdiff_relation_name((resdiff_relation)gold[p].l[i].relation));
	}
	for (p = 0; p < NPAIRS; p++) {
		free(base[p].pairs);
		resdiff_doc_free(docs[p][0]);
		resdiff_doc_free(docs[p][1]);
	}
	free(gold);
	free(pred);
	for (p = 0; p < NPAIRS; p++) {
		if (ours[p].f1 < PAIRS[p].floor || ours_links[p].f1 < PAIRS[p].link_floor)
			fail_msg("%s: F1 %.3f / links %.3f under the floors %.3f / %.3f", PAIRS[p].gold,
				ours[p].f1, ours_links[p].f1, PAIRS[p].floor, PAIRS[p].link_floor);
		if (!(ours[p].f1 > bglob[p].f1 + BASELINE_MARGIN) ||
		    !(ours_links[p].f1 > bglob_links[p].f1 + BASELINE_LINK_MARGIN))
			fail_msg("%s: F1 %.3f / links %.3f do not beat the baseline %.3f / %.3f by %.2f / %.2f",
				PAIRS[p].gold, ours[p].f1, ours_links[p].f1, bglob[p].f1, bglob_links[p].f1,
				BASELINE_MARGIN, BASELINE_LINK_MARGIN);
	}
}

static void assert_lineage(const char *old_file, const char *old_id, const char *new_file,
		const char *new_id)
{
	resdiff_doc *a = test_parse_source(old_file, "zh"), *b = test_parse_source(new_file, "zh");
	resdiff_alignment *al = NULL;
	const resdiff_unit *u = resdiff_doc_unit_by_id(a, old_id);
	const resdiff_change *c;

	assert_non_null(u);
	if (resdiff_align(&al, a, b, NULL) < 0)
		fail_msg("%s", resdiff_error_last());
	c = &al->changes[al->old_change[u - a->units]];
	if (c->relation != RESDIFF_REL_REWORDED || c->new_count != 1 ||
	    strcmp(b->units[c->new_units[0]].id, new_id))
		fail_msg("%s %s: %s -> %s, want reworded %s", old_file, old_id,
			resdiff_relation_name(c->relation),
			c->new_count ? b->units[c->new_units[0]].id : "-", new_id);
	printf("lineage %s %s -> %s %s reworded %.2f%s\n", a->meta.symbol, old_id, b->meta.symbol,
		new_id, c->similarity, c->moved ? " moved" : "");
	resdiff_alignment_free(al);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

static void test_align_eval__known_lineage(void **state)
{
	assert_lineage("corpus/E_RES_2009_7.zh.txt", "OP6", "corpus/A_RES_65_141.zh.txt", "OP7");
	assert_lineage("corpus/A_RES_65_141.zh.txt", "OP7", "corpus/E_RES_2017_21.zh.txt", "OP21");
	assert_lineage("corpus/E_RES_2009_7.zh.txt", "OP6", "corpus/E_RES_2017_21.zh.txt", "OP21");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_align_eval__corpus_pairs_against_gold),
		cmocka_unit_test(test_align_eval__known_lineage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
