/* parallel.c: the language versions of one document side by side
 * (resdiff/parallel.h, docs/PARALLEL.md). Rows are built one document at
 * a time: the first document's units are the first rows; each further
 * document is aligned with the rows so far (anchors by printed numbers,
 * then a banded dynamic programme in each gap between anchors) and the
 * rows are rebuilt with it. */
#include "parallel_internal.h"
#include "resdiff/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the model (docs/PARALLEL.md, "The model"); costs in nats ---------- */

#define COST_PAIR 0.06        /* one unit to one row */
#define COST_GAP 4.5          /* a unit without counterpart, or a row without a unit */
#define COST_SPLIT2 6.0       /* one to two: rarer than a missing paragraph */
#define COST_SPLIT3 8.0       /* one to three */
/* The length term: d, the difference of the two log lengths (as English
 * would have them), is normal with variance v, the sum of the two
 * languages' noise variances plus LENGTH_SHORT_VAR over the shorter
 * length in letters (short units vary more), for all but a share
 * LENGTH_STRAY of pairs, whose lengths stray by a normal of deviation
 * LENGTH_STRAY_SD (half a paragraph lost in translation: such a pair is
 * still a pair, flagged). The cost is -log of that density, less that of
 * a perfect match at variance LENGTH_VAR_REF. */
#define LENGTH_VAR_REF 0.02
#define LENGTH_SHORT_VAR 1.0
#define LENGTH_STRAY 0.02
#define LENGTH_STRAY_SD 1.0
/* Punctuation: commas, semicolons, colons and parentheses mostly survive
 * translation; weight * (min(|a - b|, MARKS_REACH) / MARKS_REACH - 1/2). */
#define MARKS_WEIGHT 1.5
#define MARKS_REACH 3
/* Content, averaged over the documents of a row: numbers (Jaccard j of
 * the two sets: weight * (1 - 2j) when either holds one), a kind change,
 * printed numbers that agree or differ, names of a Latin-script text
 * found in another script. */
#define NUMBERS_WEIGHT 2.5
#define KIND_COST 3.0
#define KEY_WEIGHT 3.0
#define NAMES_WEIGHT 2.0
/* Log odds that two units with one printed number are one paragraph,
 * before their content is looked at. */
#define ANCHOR_PRIOR 4.6

typedef struct {
	unsigned a, b;   /* rows, units of the new document */
	double cost;
} bead;

static const bead beads[] = {
	{ 1, 1, COST_PAIR }, { 1, 0, COST_GAP }, { 0, 1, COST_GAP },
	{ 1, 2, COST_SPLIT2 }, { 2, 1, COST_SPLIT2 }, { 1, 3, COST_SPLIT3 }, { 3, 1, COST_SPLIT3 },
};
#define BEADS (sizeof(beads) / sizeof(beads[0]))

static const char *const flag_names[RESDIFF_PARALLEL_FLAG_COUNT] = {
	"missing", "numbers", "length", "kind", "split", "list"
};

const char *resdiff_parallel_flag_name(size_t i)
{
	return i < RESDIFF_PARALLEL_FLAG_COUNT ? flag_names[i] : "";
}

const char *resdiff_parallel_flag_bit_name(unsigned flag)
{
	size_t i;
	for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT && !(flag & (1u << i)); i++)
		;
	return resdiff_parallel_flag_name(i);
}

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

/* ---- rows while they are built ----------------------------------------- */

typedef struct {
	size_t ndocs;
	resdiff_parallel_cell *cells;  /* row r's cell of document d: [r * ndocs + d] */
	double *confidence;
	bool *anchored;
	size_t count, alloc;
} row_list;

static void rows_dispose(row_list *l)
{
	free(l->cells);
	free(l->confidence);
	free(l->anchored);
	memset(l, 0, sizeof(*l));
}

/* Append an empty row; its index in *out. */
static int rows_add(row_list *l, size_t *out)
{
	if (l->count == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 64;
		resdiff_parallel_cell *c = realloc(l->cells, na * l->ndocs * sizeof(*c));
		double *conf;
		bool *anch;
		if (!c)
			return oom();
		l->cells = c;
		if (!(conf = realloc(l->confidence, na * sizeof(*conf))))
			return oom();
		l->confidence = conf;
		if (!(anch = realloc(l->anchored, na * sizeof(*anch))))
			return oom();
		l->anchored = anch;
		l->alloc = na;
	}
	memset(&l->cells[l->count * l->ndocs], 0, l->ndocs * sizeof(*l->cells));
	l->confidence[l->count] = 1;
	l->anchored[l->count] = true;
	*out = l->count++;
	return 0;
}

static const resdiff_parallel_cell *cell_of(const row_list *l, size_t r, size_t d)
{
	return &l->cells[r * l->ndocs + d];
}

/* ---- one step: the rows so far against document k ---------------------- */

/* The dynamic programme of one gap between anchors: n rows against m
 * units, cells (i, j) for j in [lo[i], hi[i]] (i rows and j units taken). */
typedef struct {
	size_t n, m;
	size_t *lo, *hi, *off;
	size_t cells;
	double *vit, *fwd, *bwd;
	float *cost;              /* cells * BEADS: the bead that ends in the cell */
	unsigned char *back;      /* the best bead that ends in the cell */
	size_t alloc_rows, alloc_cells;
} band;

typedef struct {
	size_t ndocs;
	par_doc *docs;
	size_t k;                 /* the document being added */
	const row_list *rows;     /* built from documents 0 .. k-1 */
	double *est, *est_var;    /* per row: log length as English would have it */
	const char **key;         /* per row: the printed number, or NULL */
	uint64_t *scratch[4];
	size_t scratch_alloc[4];
	band bd;
	int error;                /* sticky: the first error of a cost */
} aligner;

static size_t range_letters(const par_doc *pd, size_t first, size_t count)
{
	return pd->prefix[first + count] - pd->prefix[first];
}

/* The log length of units [first, first + count) of pd as English would
 * have it. */
static double norm_log_length(const par_doc *pd, size_t first, size_t count)
{
	return log((double)range_letters(pd, first, count)) - pd->log_ratio;
}

static void row_estimates(aligner *al)
{
	size_t r, d;
	for (r = 0; r < al->rows->count; r++) {
		double sw = 0, sx = 0;
		al->key[r] = NULL;
		for (d = 0; d < al->k; d++) {
			const resdiff_parallel_cell *c = cell_of(al->rows, r, d);
			const par_doc *pd = &al->docs[d];
			if (!c->count)
				continue;
			sw += 1 / pd->var;
			sx += norm_log_length(pd, c->first, c->count) / pd->var;
			if (!al->key[r] && c->count == 1)
				al->key[r] = pd->units[c->first].key;
		}
		al->est[r] = sw > 0 ? sx / sw : 0;
		al->est_var[r] = sw > 0 ? 1 / sw : 1;
	}
}

/* The estimate of `a` consecutive rows taken together: from the documents
 * present in all of them, else from the rows' own estimates. */
static void range_estimate(const aligner *al, size_t r0, size_t a, double *est, double *var)
{
	double sw = 0, sx = 0, sum = 0, vmax = 0;
	size_t d, r;

	if (a == 1) {
		*est = al->est[r0];
		*var = al->est_var[r0];
		return;
	}
	for (d = 0; d < al->k; d++) {
		const resdiff_parallel_cell *c0 = cell_of(al->rows, r0, d);
		const resdiff_parallel_cell *cl = cell_of(al->rows, r0 + a - 1, d);
		const par_doc *pd = &al->docs[d];
		for (r = r0; r < r0 + a && cell_of(al->rows, r, d)->count; r++)
			;
		if (r < r0 + a)
			continue;
		sw += 1 / pd->var;
		sx += norm_log_length(pd, c0->first, cl->first + cl->count - c0->first) / pd->var;
	}
	if (sw > 0) {
		*est = sx / sw;
		*var = 1 / sw;
		return;
	}
	for (r = r0; r < r0 + a; r++) {
		sum += exp(al->est[r]);
		vmax = al->est_var[r] > vmax ? al->est_var[r] : vmax;
	}
	*est = log(sum);
	*var = vmax;
}

/* weight * (1 - 2j) for the Jaccard j of two sets; 0 when both are empty. */
static double agreement(par_set x, par_set y, double weight)
{
	size_t common;
	if (!x.count && !y.count)
		return 0;
	common = par_set_common(x, y);
	return weight * (1 - 2.0 * (double)common / (double)(x.count + y.count - common));
}

/* Names: the Latin-script words of a text in another script, found among
 * the words of the other text. */
static double names(const par_doc *dx, par_set x, const par_doc *dy, par_set y)
{
	if (dx->latin && dy->latin)
		return 0;
	if (!dx->latin && !dy->latin)
		return x.count && y.count ? agreement(x, y, NAMES_WEIGHT) : 0;
	if (dx->latin) {
		par_set t = x;
		x = y;
		y = t;
	}
	if (!x.count)
		return 0;
	return NAMES_WEIGHT * (1 - 2.0 * (double)par_set_common(x, y) / (double)x.count);
}

/* What the units say beyond their lengths: averaged over the documents
 * of the rows. */
static double content_cost(aligner *al, size_t r0, size_t a, size_t u0, size_t b)
{
	const par_doc *dk = &al->docs[al->k];
	par_set kn, kw;
	double sum = 0;
	size_t d, r, seen = 0;

	if (par_range_set(&kn, dk, u0, b, 0, &al->scratch[0], &al->scratch_alloc[0]) < 0 ||
	    par_range_set(&kw, dk, u0, b, 1, &al->scratch[1], &al->scratch_alloc[1]) < 0) {
		al->error = RESDIFF_ENOMEM;
		return 0;
	}
	for (d = 0; d < al->k; d++) {
		const par_doc *pd = &al->docs[d];
		size_t first = 0, end = 0;
		bool any = false;
		par_set dn, dw;
		const char *k1, *k2;
		for (r = r0; r < r0 + a; r++) {
			const resdiff_parallel_cell *c = cell_of(al->rows, r, d);
			if (!c->count)
				continue;
			if (!any)
				first = c->first;
			end = c->first + c->count;
			any = true;
		}
		if (!any)
			continue;
		if (par_range_set(&dn, pd, first, end - first, 0, &al->scratch[2], &al->scratch_alloc[2]) < 0 ||
		    par_range_set(&dw, pd, first, end - first, 1, &al->scratch[3], &al->scratch_alloc[3]) < 0) {
			al->error = RESDIFF_ENOMEM;
			return 0;
		}
		seen++;
		sum += agreement(dn, kn, NUMBERS_WEIGHT) + names(pd, dw, dk, kw);
		{
			size_t ma = pd->mark_prefix[end] - pd->mark_prefix[first];
			size_t mb = dk->mark_prefix[u0 + b] - dk->mark_prefix[u0];
			size_t diff = ma > mb ? ma - mb : mb - ma;
			sum += MARKS_WEIGHT * ((double)(diff < MARKS_REACH ? diff : MARKS_REACH) / MARKS_REACH - 0.5);
		}
		if (pd->units[first].kind != dk->units[u0].kind)
			sum += KIND_COST;
		k1 = pd->units[first].key;
		k2 = dk->units[u0].key;
		if (k1 && k2)
			sum += strcmp(k1, k2) ? 2 * KEY_WEIGHT : -KEY_WEIGHT;
	}
	return seen ? sum / (double)seen : 0;
}

static double normal(double x, double var)
{
	return exp(-0.5 * x * x / var) / sqrt(6.283185307179586 * var);
}

static double length_cost(double d, double v)
{
	return log(normal(0, LENGTH_VAR_REF)) -
		log((1 - LENGTH_STRAY) * normal(d, v) + LENGTH_STRAY * normal(d, LENGTH_STRAY_SD * LENGTH_STRAY_SD));
}

/* The cost of pairing rows [r0, r0 + a) with units [u0, u0 + b) of
 * document k, without the bead's prior. */
static double pair_cost(aligner *al, size_t r0, size_t a, size_t u0, size_t b)
{
	const par_doc *dk = &al->docs[al->k];
	double est, var, x, v, d, shorter;

	range_estimate(al, r0, a, &est, &var);
	x = norm_log_length(dk, u0, b);
	shorter = exp(x < est ? x : est);
	v = var + dk->var + LENGTH_SHORT_VAR / (shorter > 1 ? shorter : 1);
	d = x - est;
	return length_cost(d, v) + content_cost(al, r0, a, u0, b);
}

static double bead_cost(aligner *al, size_t t, size_t r0, size_t u0)
{
	if (!beads[t].a || !beads[t].b)
		return beads[t].cost;
	return beads[t].cost + pair_cost(al, r0, beads[t].a, u0, beads[t].b);
}

static double log_add(double x, double y)
{
	double m;
	if (x == -INFINITY)
		return y;
	if (y == -INFINITY)
		return x;
	m = x > y ? x : y;
	return m + log1p(exp(-fabs(x - y)));
}

static int band_prepare(band *bd, size_t n, size_t m)
{
	size_t i, cells = 0;
	if (n + 1 > bd->alloc_rows) {
		size_t na = n + 1;
		size_t *lo = realloc(bd->lo, na * sizeof(*lo)), *hi, *off;
		if (!lo)
			return oom();
		bd->lo = lo;
		if (!(hi = realloc(bd->hi, na * sizeof(*hi))))
			return oom();
		bd->hi = hi;
		if (!(off = realloc(bd->off, na * sizeof(*off))))
			return oom();
		bd->off = off;
		bd->alloc_rows = na;
	}
	bd->n = n;
	bd->m = m;
	for (i = 0; i <= n; i++) {
		size_t c = n ? i * m / n : 0;
		size_t c2 = n ? ((i + 1) * m + n - 1) / n : m;
		bd->lo[i] = c > RESDIFF_PARALLEL_BAND ? c - RESDIFF_PARALLEL_BAND : 0;
		bd->hi[i] = c2 + RESDIFF_PARALLEL_BAND < m ? c2 + RESDIFF_PARALLEL_BAND : m;
		bd->off[i] = cells;
		cells += bd->hi[i] - bd->lo[i] + 1;
	}
	bd->cells = cells;
	if (cells > bd->alloc_cells) {
		double *v = realloc(bd->vit, cells * sizeof(*v)), *f, *b;
		float *c;
		unsigned char *bk;
		if (!v)
			return oom();
		bd->vit = v;
		if (!(f = realloc(bd->fwd, cells * sizeof(*f))))
			return oom();
		bd->fwd = f;
		if (!(b = realloc(bd->bwd, cells * sizeof(*b))))
			return oom();
		bd->bwd = b;
		if (!(c = realloc(bd->cost, cells * BEADS * sizeof(*c))))
			return oom();
		bd->cost = c;
		if (!(bk = realloc(bd->back, cells)))
			return oom();
		bd->back = bk;
		bd->alloc_cells = cells;
	}
	return 0;
}

static void band_dispose(band *bd)
{
	free(bd->lo);
	free(bd->hi);
	free(bd->off);
	free(bd->vit);
	free(bd->fwd);
	free(bd->bwd);
	free(bd->cost);
	free(bd->back);
}

/* The index of cell (i, j), or (size_t)-1 outside the band. */
static size_t band_cell(const band *bd, size_t i, size_t j)
{
	if (i > bd->n || j < bd->lo[i] || j > bd->hi[i])
		return (size_t)-1;
	return bd->off[i] + j - bd->lo[i];
}

/* Forward: the best path (vit, back) and the log-sum of all paths (fwd)
 * into each cell, for rows from r0 and units from u0. */
static void band_forward(aligner *al, size_t r0, size_t u0)
{
	band *bd = &al->bd;
	size_t i, j, t;

	for (i = 0; i <= bd->n; i++)
		for (j = bd->lo[i]; j <= bd->hi[i]; j++) {
			size_t c = band_cell(bd, i, j);
			bd->vit[c] = INFINITY;
			bd->fwd[c] = -INFINITY;
			bd->back[c] = (unsigned char)BEADS;
			for (t = 0; t < BEADS; t++) {
				size_t p;
				double cost;
				bd->cost[c * BEADS + t] = INFINITY;
				if (i < beads[t].a || j < beads[t].b)
					continue;
				p = band_cell(bd, i - beads[t].a, j - beads[t].b);
				if (p == (size_t)-1 || bd->vit[p] == INFINITY)
					continue;
				cost = bead_cost(al, t, r0 + i - beads[t].a, u0 + j - beads[t].b);
				bd->cost[c * BEADS + t] = (float)cost;
				cost = bd->cost[c * BEADS + t];
				if (bd->vit[p] + cost < bd->vit[c]) {
					bd->vit[c] = bd->vit[p] + cost;
					bd->back[c] = (unsigned char)t;
				}
				bd->fwd[c] = log_add(bd->fwd[c], bd->fwd[p] - cost);
			}
			if (i == 0 && j == 0) {
				bd->vit[c] = 0;
				bd->fwd[c] = 0;
			}
		}
}

/* Backward: the log-sum of all paths from each cell to the end. */
static void band_backward(band *bd)
{
	size_t i, j, t;

	for (i = bd->n + 1; i-- > 0; )
		for (j = bd->hi[i] + 1; j-- > bd->lo[i]; ) {
			size_t c = band_cell(bd, i, j);
			bd->bwd[c] = i == bd->n && j == bd->m ? 0 : -INFINITY;
			for (t = 0; t < BEADS; t++) {
				size_t q = band_cell(bd, i + beads[t].a, j + beads[t].b);
				double cost;
				if (q == (size_t)-1 || (cost = bd->cost[q * BEADS + t]) == INFINITY)
					continue;
				bd->bwd[c] = log_add(bd->bwd[c], bd->bwd[q] - cost);
			}
		}
}

/* ---- building the rows --------------------------------------------------- */

/* A new row of `out`: rows [r0, r0 + a) of the old list taken together,
 * with units [u0, u0 + b) of document k. */
static int emit(row_list *out, const row_list *rows, size_t r0, size_t a, size_t k, size_t u0,
		size_t b, double confidence, bool anchor)
{
	size_t r, d, nr;
	int error;

	if ((error = rows_add(out, &nr)) < 0)
		return error;
	out->confidence[nr] = confidence;
	out->anchored[nr] = anchor || (a == 1 && b == 0);
	for (r = r0; r < r0 + a; r++) {
		for (d = 0; d < k; d++) {
			const resdiff_parallel_cell *c = cell_of(rows, r, d);
			resdiff_parallel_cell *o = &out->cells[nr * out->ndocs + d];
			if (!c->count)
				continue;
			if (!o->count)
				o->first = c->first;
			o->count = c->first + c->count - o->first;
		}
		if (rows->confidence[r] < out->confidence[nr])
			out->confidence[nr] = rows->confidence[r];
		out->anchored[nr] = out->anchored[nr] && rows->anchored[r];
	}
	if (!a)
		out->anchored[nr] = false;
	out->cells[nr * out->ndocs + k].first = u0;
	out->cells[nr * out->ndocs + k].count = b;
	return 0;
}

/* One gap between anchors: rows [r0, r0 + n) against units [u0, u0 + m)
 * of document k, the best path emitted with the posterior of each bead. */
static int align_gap(aligner *al, row_list *out, size_t r0, size_t n, size_t u0, size_t m)
{
	band *bd = &al->bd;
	size_t i = n, j = m, count = 0, *path = NULL;
	double z;
	int error;

	if (!n && !m)
		return 0;
	if ((error = band_prepare(bd, n, m)) < 0)
		return error;
	band_forward(al, r0, u0);
	if (al->error)
		return al->error;
	band_backward(bd);
	z = bd->fwd[band_cell(bd, n, m)];
	if (!(path = malloc((n + m + 1) * 3 * sizeof(*path))))
		return oom();
	/* the best path, from its end: (i, j, bead) of each step */
	while (i || j) {
		size_t t = bd->back[band_cell(bd, i, j)];
		if (t >= BEADS) {
			error = resdiff_error_set(RESDIFF_ERROR, "parallel: no path through the band");
			goto done;
		}
		path[3 * count] = i;
		path[3 * count + 1] = j;
		path[3 * count++ + 2] = t;
		i -= beads[t].a;
		j -= beads[t].b;
	}
	while (count--) {
		size_t ci = path[3 * count], cj = path[3 * count + 1], t = path[3 * count + 2];
		size_t c = band_cell(bd, ci, cj), p = band_cell(bd, ci - beads[t].a, cj - beads[t].b);
		double posterior = exp(bd->fwd[p] - bd->cost[c * BEADS + t] + bd->bwd[c] - z);
		if (!(posterior <= 1))
			posterior = 1;
		if ((error = emit(out, al->rows, r0 + ci - beads[t].a, beads[t].a, al->k,
				u0 + cj - beads[t].b, beads[t].b, posterior, false)) < 0)
			goto done;
	}
done:
	free(path);
	return error;
}

typedef struct {
	const char *key;
	size_t row;
} keyed_row;

static int cmp_keyed(const void *x, const void *y)
{
	const keyed_row *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* Anchors: units of document k and rows with one printed number, in a
 * longest chain increasing in both (patience sorting, O(m log m)). Their
 * unit indices go to anchor_unit[], rows to anchor_row[], *count. */
static int find_anchors(aligner *al, size_t *anchor_row, size_t *anchor_unit, size_t *count)
{
	const par_doc *dk = &al->docs[al->k];
	keyed_row *keyed = NULL;
	size_t *pair_row = NULL, *pair_unit = NULL, *tails = NULL, *prev = NULL;
	size_t nk = 0, np = 0, len = 0, r, j, x;
	int error = 0;

	*count = 0;
	if (!(keyed = malloc((al->rows->count + 1) * sizeof(*keyed))) ||
	    !(pair_row = malloc((dk->count + 1) * sizeof(*pair_row))) ||
	    !(pair_unit = malloc((dk->count + 1) * sizeof(*pair_unit))) ||
	    !(tails = malloc((dk->count + 1) * sizeof(*tails))) ||
	    !(prev = malloc((dk->count + 1) * sizeof(*prev)))) {
		error = oom();
		goto done;
	}
	for (r = 0; r < al->rows->count; r++)
		if (al->key[r]) {
			keyed[nk].key = al->key[r];
			keyed[nk++].row = r;
		}
	qsort(keyed, nk, sizeof(*keyed), cmp_keyed);
	for (j = 0; j < dk->count; j++) {
		keyed_row probe, *hit;
		size_t lo = 0, hi = nk;
		if (!dk->units[j].key)
			continue;
		probe.key = dk->units[j].key;
		/* the first row with this key */
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(keyed[mid].key, probe.key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		hit = lo < nk && !strcmp(keyed[lo].key, probe.key) ? &keyed[lo] : NULL;
		if (!hit)
			continue;
		pair_row[np] = hit->row;
		pair_unit[np++] = j;
	}
	/* longest chain with rows increasing: tails[l] is the pair ending the
	 * best chain of length l + 1 found so far */
	for (x = 0; x < np; x++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (pair_row[tails[mid]] < pair_row[x])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[x] = lo ? tails[lo - 1] : (size_t)-1;
		tails[lo] = x;
		if (lo == len)
			len++;
	}
	*count = len;
	for (x = len ? tails[len - 1] : (size_t)-1; len--; x = prev[x]) {
		anchor_row[len] = pair_row[x];
		anchor_unit[len] = pair_unit[x];
	}
done:
	free(keyed);
	free(pair_row);
	free(pair_unit);
	free(tails);
	free(prev);
	return error;
}

/* Align document k with the rows and build the new rows into *out. */
static int align_step(aligner *al, const row_list *rows, row_list *out)
{
	const par_doc *dk = &al->docs[al->k];
	size_t *anchor_row = NULL, *anchor_unit = NULL, na = 0, x, r = 0, u = 0;
	int error;

	al->rows = rows;
	if (!(al->est = malloc((rows->count + 1) * sizeof(*al->est))) ||
	    !(al->est_var = malloc((rows->count + 1) * sizeof(*al->est_var))) ||
	    !(al->key = malloc((rows->count + 1) * sizeof(*al->key))) ||
	    !(anchor_row = malloc((dk->count + 1) * sizeof(*anchor_row))) ||
	    !(anchor_unit = malloc((dk->count + 1) * sizeof(*anchor_unit)))) {
		error = oom();
		goto done;
	}
	row_estimates(al);
	if ((error = find_anchors(al, anchor_row, anchor_unit, &na)) < 0)
		goto done;
	for (x = 0; x <= na; x++) {
		size_t ar = x < na ? anchor_row[x] : rows->count;
		size_t au = x < na ? anchor_unit[x] : dk->count;
		double odds;
		if ((error = align_gap(al, out, r, ar - r, u, au - u)) < 0)
			goto done;
		if (x == na)
			break;
		/* the anchor: how much likelier paired than apart */
		odds = ANCHOR_PRIOR + 2 * COST_GAP - COST_PAIR - pair_cost(al, ar, 1, au, 1);
		if (al->error) {
			error = al->error;
			goto done;
		}
		if ((error = emit(out, rows, ar, 1, al->k, au, 1, 1 / (1 + exp(-odds)), true)) < 0)
			goto done;
		r = ar + 1;
		u = au + 1;
	}
done:
	free(al->est);
	free(al->est_var);
	free(al->key);
	al->est = al->est_var = NULL;
	al->key = NULL;
	free(anchor_row);
	free(anchor_unit);
	return error;
}

/* ---- flags --------------------------------------------------------------- */

static double cell_log_length(const par_doc *pd, const resdiff_parallel_cell *c)
{
	return norm_log_length(pd, c->first, c->count);
}

static bool same_set(par_set x, par_set y)
{
	return x.count == y.count && par_set_common(x, y) == x.count;
}

static int row_flags(unsigned *flags, aligner *al, const resdiff_parallel_row *row)
{
	const resdiff_parallel_cell *base = NULL;
	const par_doc *bd = NULL;
	par_set bn = { NULL, 0 };
	size_t d, e, i, items, base_items = 0, most_items = 0;
	int error;

	*flags = 0;
	for (d = 0; d < al->ndocs; d++) {
		const resdiff_parallel_cell *c = &row->cells[d];
		const par_doc *pd = &al->docs[d];
		par_set n;
		if (!c->count) {
			*flags |= RESDIFF_PARALLEL_MISSING;
			continue;
		}
		if (c->count > 1)
			*flags |= RESDIFF_PARALLEL_SPLIT;
		if ((error = par_range_set(&n, pd, c->first, c->count, 0, &al->scratch[base ? 1 : 0],
				&al->scratch_alloc[base ? 1 : 0])) < 0)
			return error;
		for (i = items = 0; i < c->count; i++)
			items += pd->units[c->first + i].list_items;
		if (items > most_items)
			most_items = items;
		if (!base) {
			base = c;
			bd = pd;
			bn = n;
			base_items = items;
			continue;
		}
		/* lists of different lengths, when there is a list */
		if (items != base_items)
			*flags |= RESDIFF_PARALLEL_LIST;
		if (pd->units[c->first].kind != bd->units[base->first].kind)
			*flags |= RESDIFF_PARALLEL_KIND;
		if (!same_set(bn, n))
			*flags |= RESDIFF_PARALLEL_NUMBERS;
	}
	if (most_items < 2)
		*flags &= ~(unsigned)RESDIFF_PARALLEL_LIST;
	/* lengths, every pair */
	for (d = 0; d < al->ndocs; d++)
		for (e = d + 1; e < al->ndocs; e++) {
			const resdiff_parallel_cell *c1 = &row->cells[d], *c2 = &row->cells[e];
			double x1, x2, longer, shorter, v;
			if (!c1->count || !c2->count)
				continue;
			x1 = cell_log_length(&al->docs[d], c1);
			x2 = cell_log_length(&al->docs[e], c2);
			longer = exp(x1 > x2 ? x1 : x2);
			shorter = exp(x1 < x2 ? x1 : x2);
			v = al->docs[d].var + al->docs[e].var + LENGTH_SHORT_VAR / (shorter > 1 ? shorter : 1);
			if (longer >= RESDIFF_PARALLEL_LENGTH_MIN &&
			    fabs(x1 - x2) > RESDIFF_PARALLEL_LENGTH_SD * sqrt(v))
				*flags |= RESDIFF_PARALLEL_LENGTH;
		}
	return 0;
}

/* ---- the result ---------------------------------------------------------- */

static const char *doc_language(const resdiff_doc *doc)
{
	resdiff_buf sample = RESDIFF_BUF_INIT;
	const char *code;
	size_t i;

	if (doc->meta.language && *doc->meta.language)
		return doc->meta.language;
	for (i = 0; i < doc->unit_count && sample.size < 4096; i++)
		if (resdiff_buf_puts(&sample, doc->units[i].text ? doc->units[i].text : "") < 0 ||
		    resdiff_buf_putc(&sample, '\n') < 0)
			break;
	code = sample.size ? resdiff_text_detect_language(sample.ptr, sample.size) : "";
	resdiff_buf_dispose(&sample);
	return code;
}

/* Column keys: the language, "en#2" for its second input. */
static int name_columns(resdiff_parallel *p)
{
	size_t d, e, seen;
	char key[64];

	for (d = 0; d < p->doc_count; d++) {
		const char *lang = p->languages[d][0] ? p->languages[d] : "und";
		for (e = 0, seen = 1; e < d; e++)
			seen += !strcmp(p->languages[e], p->languages[d]);
		if (seen > 1)
			snprintf(key, sizeof(key), "%s#%zu", lang, seen);
		else
			snprintf(key, sizeof(key), "%s", lang);
		if (!(p->keys[d] = resdiff_arena_strdup(p->arena, key)))
			return oom();
	}
	return 0;
}

int resdiff_parallel_align(resdiff_parallel **out, const resdiff_doc *const *docs, size_t count)
{
	resdiff_parallel *p = NULL;
	row_list rows, next;
	aligner al;
	size_t d, r, i;
	int error;

	*out = NULL;
	memset(&al, 0, sizeof(al));
	memset(&rows, 0, sizeof(rows));
	memset(&next, 0, sizeof(next));
	if (count < 2 || count > RESDIFF_PARALLEL_MAX_DOCS)
		return resdiff_error_set(RESDIFF_EINVALID,
			"a parallel view needs 2 to %d documents, not %zu", RESDIFF_PARALLEL_MAX_DOCS, count);
	if ((error = resdiff_lang_load()) < 0)
		return error;
	if (!(p = calloc(1, sizeof(*p))) || !(p->arena = resdiff_arena_new())) {
		error = oom();
		goto done;
	}
	p->docs = docs;
	p->doc_count = count;
	al.ndocs = count;
	if (!(p->languages = resdiff_arena_alloc(p->arena, count * sizeof(*p->languages))) ||
	    !(p->keys = resdiff_arena_alloc(p->arena, count * sizeof(*p->keys))) ||
	    !(al.docs = resdiff_arena_alloc(p->arena, count * sizeof(*al.docs)))) {
		error = oom();
		goto done;
	}
	for (d = 0; d < count; d++) {
		const char *lang = doc_language(docs[d]);
		if (!(p->languages[d] = resdiff_arena_strdup(p->arena, lang))) {
			error = oom();
			goto done;
		}
		if ((error = par_doc_build(&al.docs[d], docs[d], resdiff_lang_get(lang), p->arena)) < 0)
			goto done;
	}
	if ((error = name_columns(p)) < 0)
		goto done;
	/* the first document's units are the first rows */
	rows.ndocs = next.ndocs = count;
	for (i = 0; i < al.docs[0].count; i++) {
		if ((error = rows_add(&rows, &r)) < 0)
			goto done;
		rows.cells[r * count].first = i;
		rows.cells[r * count].count = 1;
	}
	for (al.k = 1; al.k < count; al.k++) {
		next.count = 0;
		if ((error = align_step(&al, &rows, &next)) < 0)
			goto done;
		{
			row_list t = rows;
			rows = next;
			next = t;
		}
	}
	p->row_count = rows.count;
	if (!(p->rows = resdiff_arena_alloc(p->arena, (rows.count + 1) * sizeof(*p->rows)))) {
		error = oom();
		goto done;
	}
	for (r = 0; r < rows.count; r++) {
		resdiff_parallel_row *row = &p->rows[r];
		size_t present = 0;
		if (!(row->cells = resdiff_arena_alloc(p->arena, count * sizeof(*row->cells)))) {
			error = oom();
			goto done;
		}
		memcpy(row->cells, &rows.cells[r * count], count * sizeof(*row->cells));
		for (d = 0; d < count; d++)
			present += row->cells[d].count > 0;
		row->confidence = rows.confidence[r];
		row->anchored = rows.anchored[r] && present > 1;
		if ((error = row_flags(&row->flags, &al, row)) < 0 ||
		    (error = par_row_reasons(row, al.docs, count, p->arena)) < 0)
			goto done;
		p->anchors += row->anchored;
		p->flagged += row->flags != 0;
		for (i = 0; i < RESDIFF_PARALLEL_FLAG_COUNT; i++)
			p->flag_rows[i] += (row->flags >> i) & 1;
	}
	if ((error = par_meta_reasons(p)) < 0)
		goto done;
	*out = p;
	p = NULL;
done:
	rows_dispose(&rows);
	rows_dispose(&next);
	band_dispose(&al.bd);
	for (i = 0; i < 4; i++)
		free(al.scratch[i]);
	resdiff_parallel_free(p);
	return error;
}

void resdiff_parallel_free(resdiff_parallel *parallel)
{
	if (!parallel)
		return;
	resdiff_arena_free(parallel->arena);
	free(parallel);
}

/* ---- learning the length model ------------------------------------------- */

typedef struct {
	const char *id;
	size_t unit;
} id_index;

static int cmp_id(const void *x, const void *y)
{
	return strcmp(((const id_index *)x)->id, ((const id_index *)y)->id);
}

/* Units that pair by id across languages: their ids come from the text's
 * structure, not from positions in one language's preamble. */
static bool learnable(const resdiff_unit *u)
{
	return u->kind != RESDIFF_UNIT_PREAMBLE && !par_is_article_heading(u->id);
}

/* Mean and variance (n - 1) of log(letters in b / letters in a) over the
 * units of equal ids. */
static int pair_stats(double *mean, double *var, size_t *pairs, const par_doc *a,
		const par_doc *b)
{
	id_index *index = malloc((b->count + 1) * sizeof(*index));
	double sum = 0, sum2 = 0;
	size_t i, n = 0;

	if (!index)
		return oom();
	for (i = 0; i < b->count; i++) {
		index[i].id = b->doc->units[i].id;
		index[i].unit = i;
	}
	qsort(index, b->count, sizeof(*index), cmp_id);
	for (i = 0; i < a->count; i++) {
		id_index probe, *hit;
		double x;
		if (!learnable(&a->doc->units[i]))
			continue;
		probe.id = a->doc->units[i].id;
		if (!(hit = bsearch(&probe, index, b->count, sizeof(*index), cmp_id)) ||
		    !learnable(&b->doc->units[hit->unit]))
			continue;
		x = log((double)b->units[hit->unit].letters / (double)a->units[i].letters);
		sum += x;
		sum2 += x * x;
		n++;
	}
	free(index);
	*pairs = n;
	if (n < 3)
		return resdiff_error_set(RESDIFF_EINVALID,
			"documents %s and %s share %zu paragraph ids; learning needs 3",
			a->doc->meta.language ? a->doc->meta.language : "?",
			b->doc->meta.language ? b->doc->meta.language : "?", n);
	*mean = sum / (double)n;
	*var = (sum2 - sum * sum / (double)n) / (double)(n - 1);
	return 0;
}

int resdiff_parallel_learn_lengths(resdiff_parallel_length *out, const resdiff_doc *const *docs,
		size_t count)
{
	resdiff_arena *arena = NULL;
	par_doc *pd = NULL;
	double *var = NULL, total = 0, mean = 0;
	size_t a, b, pairs = 0;
	int error = 0;

	if (count < 3 || count > RESDIFF_PARALLEL_MAX_DOCS)
		return resdiff_error_set(RESDIFF_EINVALID,
			"learning the length model needs 3 to %d documents, not %zu",
			RESDIFF_PARALLEL_MAX_DOCS, count);
	if ((error = resdiff_lang_load()) < 0)
		return error;
	if (!(arena = resdiff_arena_new()) || !(pd = calloc(count, sizeof(*pd))) ||
	    !(var = calloc(count * count, sizeof(*var)))) {
		error = oom();
		goto done;
	}
	for (a = 0; a < count; a++)
		if ((error = par_doc_build(&pd[a], docs[a], resdiff_lang_get(NULL), arena)) < 0)
			goto done;
	out[0].ratio = 1;
	out[0].pairs = 0;
	for (a = 0; a < count; a++)
		for (b = a + 1; b < count; b++) {
			if ((error = pair_stats(&mean, &var[a * count + b], &pairs, &pd[a], &pd[b])) < 0)
				goto done;
			var[b * count + a] = var[a * count + b];
			total += var[a * count + b];
			if (a == 0) {
				out[b].ratio = exp(mean);
				out[b].pairs = pairs;
			}
		}
	/* var(a, b) = s_a + s_b: the normal equations give
	 * (n - 2) s_a + S = sum over b of var(a, b), S = total / (n - 1) */
	for (a = 0; a < count; a++) {
		double row = 0, s;
		for (b = 0; b < count; b++)
			row += a == b ? 0 : var[a * count + b];
		s = (row - total / (double)(count - 1)) / (double)(count - 2);
		out[a].noise = sqrt(s > 1e-6 ? s : 1e-6);
	}
done:
	free(var);
	free(pd);
	resdiff_arena_free(arena);
	return error;
}
