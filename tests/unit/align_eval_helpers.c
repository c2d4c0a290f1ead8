/* align_eval_helpers.c: gold alignments, link scores, the baseline and the
 * model fit of tests/unit/align_eval_test.c (see align_eval_helpers.h). */
#include "helpers.h"
#include "align_eval_helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_link(eval_links *s, const char *o, const char *n, int relation,
		const char *cls, double confidence)
{
	eval_link *l;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 128;
		s->l = realloc(s->l, s->alloc * sizeof(*s->l));
		assert_non_null(s->l);
	}
	l = &s->l[s->n++];
	memset(l, 0, sizeof(*l));
	snprintf(l->old_id, sizeof(l->old_id), "%s", o);
	snprintf(l->new_id, sizeof(l->new_id), "%s", n);
	snprintf(l->cls, sizeof(l->cls), "%s", cls ? cls : "");
	l->relation = relation;
	l->confidence = confidence;
}

void eval_links_dispose(eval_links *s)
{
	free(s->l);
	memset(s, 0, sizeof(*s));
}

bool eval_is_pair(const eval_link *l)
{
	return strcmp(l->old_id, "-") && strcmp(l->new_id, "-");
}

const eval_link *eval_find(const eval_links *s, const char *old_id, const char *new_id)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->l[i].old_id, old_id) && !strcmp(s->l[i].new_id, new_id))
			return &s->l[i];
	return NULL;
}

/* "class=expansion" anywhere in a note; "" when none. */
static void class_of(char *out, size_t cap, const char *note)
{
	const char *p = note ? strstr(note, "class=") : NULL;
	size_t n = 0;
	out[0] = '\0';
	if (!p)
		return;
	for (p += 6; p[n] && p[n] != ' ' && p[n] != ';' && p[n] != ',' && p[n] != '\t' && n + 1 < cap; n++)
		out[n] = p[n];
	out[n] = '\0';
}

/* Append one problem, "<a> <b>", to a bounded message ("; " between
 * problems). */
static void why_add(char *why, size_t cap, const char *a, const char *b)
{
	size_t n = strlen(why);
	if (n + 4 < cap)
		snprintf(why + n, cap - n, "%s%s %s", n ? "; " : "", a, b);
}

/* Are the ids of a gold field (comma-separated, "-" for none) units of
 * doc? Counts each id in seen[] (units of doc) and notes every unknown
 * id in why. */
static void gold_ids(size_t *count, size_t *seen, char *why, size_t cap, const char *field,
		const resdiff_doc *doc, const char *side)
{
	char ids[1024], *id, *save = NULL;
	*count = 0;
	if (!strcmp(field, "-"))
		return;
	snprintf(ids, sizeof(ids), "%s", field);
	for (id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		const resdiff_unit *u = resdiff_doc_unit_by_id(doc, id);
		if (!u)
			why_add(why, cap, id, !strcmp(side, "old") ? "not in the old text" :
				"not in the new text");
		else
			seen[u - doc->units]++;
		(*count)++;
	}
}

/* Every unit of doc named exactly once, else the first few that are not
 * into why. */
static void gold_coverage(char *why, size_t cap, const size_t *seen, const resdiff_doc *doc,
		const char *side)
{
	size_t i, shown = 0;
	for (i = 0; i < doc->unit_count && shown < 8; i++) {
		if (seen[i] == 1)
			continue;
		why_add(why, cap, doc->units[i].id, seen[i] ?
			(!strcmp(side, "old") ? "of the old text named twice" : "of the new text named twice") :
			(!strcmp(side, "old") ? "of the old text in no line" : "of the new text in no line"));
		shown++;
	}
}

bool eval_gold_read(eval_links *gold, char *why, size_t cap, const char *relpath,
		const resdiff_doc *a, const resdiff_doc *b)
{
	char *text = test_read_source(relpath, NULL), *line, *save = NULL;
	size_t *seen_o = calloc(a->unit_count + 1, sizeof(size_t));
	size_t *seen_n = calloc(b->unit_count + 1, sizeof(size_t));

	assert_non_null(seen_o);
	assert_non_null(seen_n);
	memset(gold, 0, sizeof(*gold));
	why[0] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { NULL }, *s2 = NULL, *tok, *o, *n, *so = NULL, *sn = NULL;
		char cls[EVAL_CLASS], news[1024], olds[1024];
		size_t nf = 0, no, nn;
		int rel;
		if (line[0] == '#' || !line[0])
			continue;
		for (tok = strtok_r(line, "\t", &s2); tok && nf < 4; tok = strtok_r(NULL, "\t", &s2))
			f[nf++] = tok;
		if (nf < 3) {
			why_add(why, cap, "a line with", "fewer than three fields");
			continue;
		}
		rel = resdiff_relation_from_name(f[0]);
		if (rel < 0) {
			why_add(why, cap, "unknown relation", f[0]);
			continue;
		}
		class_of(cls, sizeof(cls), f[3]);
		gold_ids(&no, seen_o, why, cap, f[1], a, "old");
		gold_ids(&nn, seen_n, why, cap, f[2], b, "new");
		if (why[0])
			continue;
		snprintf(olds, sizeof(olds), "%s", f[1]);
		if (!no) {
			snprintf(news, sizeof(news), "%s", f[2]);
			for (n = strtok_r(news, ",", &sn); n; n = strtok_r(NULL, ",", &sn))
				add_link(gold, "-", n, rel, cls, -1);
			continue;
		}
		for (o = strtok_r(olds, ",", &so); o; o = strtok_r(NULL, ",", &so)) {
			if (!nn) {
				add_link(gold, o, "-", rel, cls, -1);
				continue;
			}
			snprintf(news, sizeof(news), "%s", f[2]);
			for (n = strtok_r(news, ",", &sn); n; n = strtok_r(NULL, ",", &sn))
				add_link(gold, o, n, rel, cls, -1);
		}
	}
	/* The gold covers every unit of both parsed texts exactly once. */
	gold_coverage(why, cap, seen_o, a, "old");
	gold_coverage(why, cap, seen_n, b, "new");
	free(seen_o);
	free(seen_n);
	free(text);
	if (why[0])
		eval_links_dispose(gold);
	return !why[0];
}

void eval_gold_load(eval_links *gold, const char *relpath, const resdiff_doc *a,
		const resdiff_doc *b)
{
	char why[2048];
	if (!eval_gold_read(gold, why, sizeof(why), relpath, a, b))
		fail_msg("%s does not fit the parsed texts (%s -> %s): %s", relpath,
			a->meta.symbol ? a->meta.symbol : "?", b->meta.symbol ? b->meta.symbol : "?", why);
}

void eval_links_of(eval_links *out, const resdiff_alignment *al)
{
	size_t i, k, j;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!c->old_count)
			add_link(out, "-", al->new_doc->units[c->new_units[0]].id, c->relation, NULL, -1);
		else if (!c->new_count)
			add_link(out, al->old_doc->units[c->old_units[0]].id, "-", c->relation, NULL, -1);
		else
			for (k = 0; k < c->old_count; k++)
				for (j = 0; j < c->new_count; j++)
					add_link(out, al->old_doc->units[c->old_units[k]].id,
						al->new_doc->units[c->new_units[j]].id, c->relation, NULL,
						c->confidence);
	}
}

void eval_score_finish(eval_score *s)
{
	s->p = s->npred ? (double)s->hit / (double)s->npred : 0;
	s->r = s->ngold ? (double)s->hit / (double)s->ngold : 0;
	s->f1 = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0;
	if (!s->npred && !s->ngold)
		s->p = s->r = s->f1 = 1;
}

eval_score eval_score_of(const eval_links *pred, const eval_links *gold, bool pairs_only)
{
	eval_score s;
	size_t i;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < gold->n; i++)
		s.ngold += !pairs_only || eval_is_pair(&gold->l[i]);
	for (i = 0; i < pred->n; i++) {
		const eval_link *g;
		if (pairs_only && !eval_is_pair(&pred->l[i]))
			continue;
		s.npred++;
		g = eval_find(gold, pred->l[i].old_id, pred->l[i].new_id);
		if (!g)
			continue;
		s.hit++;
		if (eval_is_pair(g)) {
			s.pairs++;
			s.agree += g->relation == pred->l[i].relation;
		}
	}
	eval_score_finish(&s);
	return s;
}

/* ---- the baseline ------------------------------------------------------- */

typedef struct {
	size_t o, n;
	double dice;
} scored;

struct eval_baseline {
	const resdiff_doc *a, *b;
	scored *pairs;
	size_t npairs;
};

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

eval_baseline *eval_baseline_new(const resdiff_doc *a, const resdiff_doc *b)
{
	eval_baseline *in = calloc(1, sizeof(*in));
	uint64_t **ga = calloc(a->unit_count + 1, sizeof(*ga)), **gb = calloc(b->unit_count + 1, sizeof(*gb));
	size_t *na = calloc(a->unit_count + 1, sizeof(size_t)), *nb = calloc(b->unit_count + 1, sizeof(size_t));
	size_t i, j;

	in->a = a;
	in->b = b;
	in->pairs = malloc((a->unit_count * b->unit_count + 1) * sizeof(*in->pairs));
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
	return in;
}

void eval_baseline_links(eval_links *out, const eval_baseline *in, double threshold)
{
	bool *used_o = calloc(in->a->unit_count + 1, 1), *used_n = calloc(in->b->unit_count + 1, 1);
	size_t i;
	memset(out, 0, sizeof(*out));
	for (i = 0; i < in->npairs && in->pairs[i].dice >= threshold; i++) {
		const scored *p = &in->pairs[i];
		if (used_o[p->o] || used_n[p->n])
			continue;
		used_o[p->o] = used_n[p->n] = true;
		add_link(out, in->a->units[p->o].id, in->b->units[p->n].id,
			strcmp(in->a->units[p->o].text, in->b->units[p->n].text) ?
			RESDIFF_REL_REWORDED : RESDIFF_REL_UNCHANGED, NULL, -1);
	}
	for (i = 0; i < in->a->unit_count; i++)
		if (!used_o[i])
			add_link(out, in->a->units[i].id, "-", RESDIFF_REL_DROPPED, NULL, -1);
	for (i = 0; i < in->b->unit_count; i++)
		if (!used_n[i])
			add_link(out, "-", in->b->units[i].id, RESDIFF_REL_ADDED, NULL, -1);
	free(used_o);
	free(used_n);
}

void eval_baseline_free(eval_baseline *b)
{
	if (!b)
		return;
	free(b->pairs);
	free(b);
}

/* ---- samples and the fit ------------------------------------------------ */

resdiff_alignment *eval_align(const resdiff_doc *a, const resdiff_doc *b,
		const resdiff_align_model *m)
{
	return eval_align_floor(a, b, m, 0);
}

resdiff_alignment *eval_align_floor(const resdiff_doc *a, const resdiff_doc *b,
		const resdiff_align_model *m, double min_confidence)
{
	resdiff_align_options opts = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al = NULL;
	opts.model = m;
	opts.min_confidence = min_confidence;
	if (resdiff_align(&al, a, b, &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	return al;
}

typedef struct {
	eval_samples *out;
	const resdiff_doc *a, *b;
	const eval_links *gold;
} collector;

static void collect_one(const resdiff_align_candidate *c, void *payload)
{
	collector *col = payload;
	eval_samples *s = col->out;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 1024;
		s->s = realloc(s->s, s->alloc * sizeof(*s->s));
		assert_non_null(s->s);
	}
	memcpy(s->s[s->n].x, c->feature, sizeof(c->feature));
	s->s[s->n].old_unit = c->old_unit;
	s->s[s->n].new_unit = c->new_unit;
	s->s[s->n].p = c->probability;
	s->s[s->n].best = c->best;
	s->s[s->n].chosen = c->chosen;
	s->s[s->n++].y = eval_find(col->gold, col->a->units[c->old_unit].id,
		col->b->units[c->new_unit].id) != NULL;
}

void eval_collect(eval_samples *out, const resdiff_doc *a, const resdiff_doc *b,
		const eval_links *gold, const resdiff_align_model *m)
{
	resdiff_align_options opts = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al = NULL;
	collector col = { out, a, b, gold };
	opts.model = m;
	opts.on_candidate = collect_one;
	opts.payload = &col;
	if (resdiff_align(&al, a, b, &opts) < 0)
		fail_msg("%s", resdiff_error_last());
	resdiff_alignment_free(al);

}

void eval_samples_dispose(eval_samples *s)
{
	free(s->s);
	memset(s, 0, sizeof(*s));
}

#define NPARAM (RESDIFF_ALIGN_FEATURES + 1)

/* Solve h x = g (NPARAM unknowns) by Gaussian elimination with partial
 * pivoting; h and g are overwritten. */
static void solve(double h[NPARAM][NPARAM], double g[NPARAM], double x[NPARAM])
{
	int i, j, k;
	for (i = 0; i < NPARAM; i++) {
		int piv = i;
		for (k = i + 1; k < NPARAM; k++)
			if (fabs(h[k][i]) > fabs(h[piv][i]))
				piv = k;
		if (piv != i) {
			for (j = 0; j < NPARAM; j++) {
				double t = h[i][j];
				h[i][j] = h[piv][j];
				h[piv][j] = t;
			}
			double t = g[i];
			g[i] = g[piv];
			g[piv] = t;
		}
		for (k = i + 1; k < NPARAM; k++) {
			double f = h[i][i] != 0 ? h[k][i] / h[i][i] : 0;
			for (j = i; j < NPARAM; j++)
				h[k][j] -= f * h[i][j];
			g[k] -= f * g[i];
		}
	}
	for (i = NPARAM - 1; i >= 0; i--) {
		double sum = g[i];
		for (j = i + 1; j < NPARAM; j++)
			sum -= h[i][j] * x[j];
		x[i] = h[i][i] != 0 ? sum / h[i][i] : 0;
	}
}

/* The penalized log-likelihood of beta. */
static double loglik(const double *beta, const eval_samples *s, double lambda)
{
	double ll = 0;
	size_t k;
	int i;
	for (k = 0; k < s->n; k++) {
		double z = beta[0];
		if (!s->s[k].best)
			continue;
		for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
			z += beta[i + 1] * s->s[k].x[i];
		ll += s->s[k].y ? -log1p(exp(-z)) : -log1p(exp(z));
	}
	for (i = 1; i < NPARAM; i++)
		ll -= 0.5 * lambda * beta[i] * beta[i];
	return ll;
}

void eval_fit_logistic(resdiff_align_model *m, const eval_samples *s, double lambda)
{
	double beta[NPARAM], ll;
	int it, i, j;
	size_t k;

	beta[0] = m->intercept;
	for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
		beta[i + 1] = m->weight[i];
	ll = loglik(beta, s, lambda);
	for (it = 0; it < 100; it++) {
		double h[NPARAM][NPARAM], g[NPARAM], step[NPARAM], next[NPARAM], t, nll = 0;
		memset(h, 0, sizeof(h));
		memset(g, 0, sizeof(g));
		for (k = 0; k < s->n; k++) {
			double x[NPARAM], z, p;
			if (!s->s[k].best)
				continue;
			x[0] = 1;
			for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
				x[i + 1] = s->s[k].x[i];
			z = 0;
			for (i = 0; i < NPARAM; i++)
				z += beta[i] * x[i];
			p = 1.0 / (1.0 + exp(-z));
			for (i = 0; i < NPARAM; i++) {
				g[i] += (s->s[k].y - p) * x[i];
				for (j = 0; j < NPARAM; j++)
					h[i][j] += p * (1 - p) * x[i] * x[j];
			}
		}
		for (i = 1; i < NPARAM; i++) {
			g[i] -= lambda * beta[i];
			h[i][i] += lambda;
		}
		h[0][0] += 1e-6;
		solve(h, g, step);
		/* Step halving: the penalized likelihood must grow. */
		for (t = 1; t > 1e-6; t /= 2) {
			for (i = 0; i < NPARAM; i++)
				next[i] = beta[i] + t * step[i];
			nll = loglik(next, s, lambda);
			if (nll >= ll)
				break;
		}
		if (t <= 1e-6)
			break;
		memcpy(beta, next, sizeof(beta));
		if (nll - ll < 1e-10) {
			ll = nll;
			break;
		}
		ll = nll;
	}
	m->intercept = beta[0];
	for (i = 0; i < RESDIFF_ALIGN_FEATURES; i++)
		m->weight[i] = beta[i + 1];
}
