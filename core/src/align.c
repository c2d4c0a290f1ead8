/* align.c: clause alignment (see resdiff/align.h and docs/DIFF.md). */
#include "resdiff/align.h"
#include "resdiff/compare.h"
#include "resdiff/text.h"
#include "sort.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
#define EXACT_WEIGHT 2.0

static const char *const relation_names[RESDIFF_REL_COUNT] = {
	"unchanged", "reworded", "split", "merged", "added", "dropped"
};

const char *resdiff_relation_name(resdiff_relation rel)
{
	return (unsigned)rel < RESDIFF_REL_COUNT ? relation_names[rel] : "unknown";
}

int resdiff_relation_from_name(const char *name)
{
	int i;
	for (i = 0; i < RESDIFF_REL_COUNT; i++)
		if (!strcmp(name, relation_names[i]))
			return i;
	return -1;
}

int resdiff_align_pin_parse(resdiff_align_pin *pin, char *spec)
{
	char *eq = strchr(spec, '=');

	memset(pin, 0, sizeof(*pin));
	if (!eq || eq == spec || !eq[1])
		return resdiff_error_set(RESDIFF_EINVALID, "bad pin '%s' (want OLD=NEW or OLD!=NEW)", spec);
	pin->new_id = eq + 1;
	if (eq > spec && eq[-1] == '!') {
		pin->forbid = true;
		eq--;
		if (eq == spec)
			return resdiff_error_set(RESDIFF_EINVALID, "bad pin '%s'", spec);
	}
	*eq = '\0';
	pin->old_id = spec;
	return 0;
}

/* One side of the alignment: keys and n-gram sets per unit. */
typedef struct {
	const resdiff_doc *doc;
	size_t n;
	const char **key;
	size_t *keylen;
	uint32_t *gram;      /* n-gram hashes of all units, sorted per unit */
	float *weight;       /* their idf, parallel to gram */
	size_t *off;         /* unit i: gram[off[i] .. off[i + 1]) */
	size_t total;        /* off[n] */
	double *wsum;        /* sum of a unit's gram weights */
	uint32_t *plo, *pcnt;/* old side: each gram's postings in aligner.post */
	size_t *group;       /* group of each unit, NONE while free */
} side;

#define GRAMS(s, i) ((s)->gram + (s)->off[i])
#define WEIGHTS(s, i) ((s)->weight + (s)->off[i])
#define NGRAMS(s, i) ((s)->off[(i) + 1] - (s)->off[i])

/* A group becomes one change. */
typedef struct {
	size_t old[RESDIFF_ALIGN_MAX_GROUP];
	size_t nold;
	size_t new[RESDIFF_ALIGN_MAX_GROUP];
	size_t nnew;
	bool pinned;
	double dice;
	long sort_pos;
	int sort_sub;
	bool moved;
} group;

typedef struct {
	size_t o, n;
	double dice, cont_o, cont_n;
	double score;        /* what assignment maximises */
	bool exact;
} cand;

typedef struct {
	size_t o, n;
} pair;

typedef struct {
	side o, n;
	group *groups;
	size_t ngroups, agroups;
	cand *cands;
	size_t ncands, acands;
	pair *forbidden;
	size_t nforbidden;
	unsigned gram_n;
	double thr;
	uint32_t *post;      /* new-side units per gram, grouped by gram */
	resdiff_arena *scratch;
} aligner;

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

static void *scratch_calloc(aligner *a, size_t count, size_t size)
{
	void *p;
	size_t bytes;
	if (count && size > SIZE_MAX / count)
		return NULL;
	bytes = count * size;
	if (bytes == 0)
		bytes = 1;
	p = resdiff_arena_alloc(a->scratch, bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

static int side_keys(aligner *a, side *s, const resdiff_doc *doc)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	s->doc = doc;
	s->n = doc->unit_count;
	if (s->n > RESDIFF_ALIGN_MAX_UNITS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: more than %u clauses",
			doc->meta.symbol ? doc->meta.symbol : "document", RESDIFF_ALIGN_MAX_UNITS);
	if (!(s->key = scratch_calloc(a, s->n, sizeof(*s->key))) ||
	    !(s->keylen = scratch_calloc(a, s->n, sizeof(*s->keylen))) ||
	    !(s->off = scratch_calloc(a, s->n + 1, sizeof(*s->off))) ||
	    !(s->wsum = scratch_calloc(a, s->n, sizeof(*s->wsum))) ||
	    !(s->group = scratch_calloc(a, s->n, sizeof(*s->group))))
		return oom();
	for (i = 0; i < s->n; i++) {
		const char *text = doc->units[i].text ? doc->units[i].text : "";
		s->group[i] = NONE;
		resdiff_buf_clear(&buf);
		if ((error = resdiff_compare_key(&buf, text, strlen(text), RESDIFF_KEY_EXACT)) < 0)
			goto done;
		s->keylen[i] = buf.size;
		if (!(s->key[i] = resdiff_arena_strndup(a->scratch, buf.ptr ? buf.ptr : "", buf.size))) {
			error = oom();
			goto done;
		}
	}
done:
	resdiff_buf_dispose(&buf);
	return error;
}

/* A 32-bit hash of an n-gram of code points (splitmix64 finalizer). */
static uint32_t gram_hash(const uint32_t *w, unsigned n)
{
	uint64_t x = 0;
	unsigned k;
	for (k = 0; k < n; k++)
		x = (x << 21) | w[k];
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return (uint32_t)(x >> 32);
}

#define GRAM_PAD 0x1FFFFFu

/* Every unit's set of n-gram hashes, in one array. */
static int side_grams(side *s, unsigned n)
{
	size_t i, total = 0, w;
	uint32_t win[3];

	for (i = 0; i < s->n; i++) {
		size_t cps = resdiff_utf8_count(s->key[i], s->keylen[i]);
		total += cps < n ? (cps ? 1 : 0) : cps - n + 1;
	}
	if (total > UINT32_MAX / 2)
		return resdiff_error_set(RESDIFF_ETOOBIG, "texts too large to align");
	if (!(s->gram = malloc((total ? total : 1) * sizeof(*s->gram))))
		return oom();
	for (i = 0, w = 0; i < s->n; i++) {
		const char *key = s->key[i];
		size_t len = s->keylen[i], p = 0, adv, seen = 0, start = w, k, u;
		win[0] = win[1] = win[2] = GRAM_PAD;
		s->off[i] = w;
		while (p < len) {
			int32_t cp = resdiff_utf8_decode(key + p, len - p, &adv);
			p += adv;
			win[0] = win[1];
			win[1] = win[2];
			win[2] = cp < 0 ? 0xFFFDu : (uint32_t)cp;
			if (++seen >= n)
				s->gram[w++] = gram_hash(win + 3 - n, n);
		}
		if (seen && seen < n)
			s->gram[w++] = gram_hash(win + 3 - n, n);
		sort_u32(s->gram + start, w - start);
		for (k = start, u = start; k < w; k++)
			if (u == start || s->gram[u - 1] != s->gram[k])
				s->gram[u++] = s->gram[k];
		w = u;
	}
	s->off[s->n] = w;
	s->total = w;
	if (!(s->weight = malloc((w ? w : 1) * sizeof(*s->weight))))
		return oom();
	return 0;
}

static void side_dispose(side *s)
{
	free(s->gram);
	free(s->weight);
	free(s->plo);
	free(s->pcnt);
}

static bool key_equal(const aligner *a, size_t o, size_t n)
{
	return a->o.keylen[o] == a->n.keylen[n] &&
	       !memcmp(a->o.key[o], a->n.key[n], a->o.keylen[o]);
}

static void unit_sums(side *s)
{
	size_t i, k;
	for (i = 0; i < s->n; i++)
		for (s->wsum[i] = 0, k = s->off[i]; k < s->off[i + 1]; k++)
			s->wsum[i] += s->weight[k];
}


/* Inverse document frequency over the clauses of both texts: the grams
 * every clause on the topic shares ("信息社会") weigh little, the grams
 * that make a clause itself weigh much. The same pass lays out the
 * inverted index of the new side: for each old gram, where its new-side
 * clauses are in a->post. One radix sort of (hash, slot) pairs. */
#define IDF_CACHE 64

static int build_weights(aligner *a)
{
	size_t total = a->o.total + a->n.total, i, npost = 0, units = a->o.n + a->n.n;
	uint64_t *occ = NULL, *tmp = NULL;
	uint32_t *unit_of = NULL;  /* new-side slot -> unit */
	float idf_cache[IDF_CACHE];
	int error = 0;

	idf_cache[0] = 0;
	if (!(a->post = malloc((a->n.total ? a->n.total : 1) * sizeof(*a->post))) ||
	    !(a->o.plo = malloc((a->o.total ? a->o.total : 1) * sizeof(uint32_t))) ||
	    !(a->o.pcnt = malloc((a->o.total ? a->o.total : 1) * sizeof(uint32_t)))) {
		error = oom();
		goto done;
	}
	for (i = 1; i < IDF_CACHE; i++)
		idf_cache[i] = (float)log(1.0 + (double)units / (double)i);
	if (!total)
		goto done;
	if (!(occ = malloc(total * sizeof(*occ))) || !(tmp = malloc(total * sizeof(*tmp)))) {
		error = oom();
		goto done;
	}
	if (!(unit_of = malloc((a->n.total ? a->n.total : 1) * sizeof(*unit_of)))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < a->n.n; i++) {
		size_t k;
		for (k = a->n.off[i]; k < a->n.off[i + 1]; k++)
			unit_of[k] = (uint32_t)i;
	}
	for (i = 0; i < a->o.total; i++)
		occ[i] = ((uint64_t)a->o.gram[i] << 32) | i;
	for (i = 0; i < a->n.total; i++)
		occ[a->o.total + i] = ((uint64_t)a->n.gram[i] << 32) | (a->o.total + i);
	sort_u64_by_high32(occ, tmp, total);
	free(tmp);
	tmp = NULL;
	for (i = 0; i < total;) {
		size_t j = i, k, lo = npost;
		float idf;
		while (j < total && (occ[j] >> 32) == (occ[i] >> 32))
			j++;
		idf = j - i < IDF_CACHE ? idf_cache[j - i] :
			(float)log(1.0 + (double)units / (double)(j - i));
		for (k = i; k < j; k++) {
			size_t slot = (size_t)(occ[k] & 0xFFFFFFFFu);
			if (slot < a->o.total) {
				a->o.weight[slot] = idf;
			} else {
				slot -= a->o.total;
				a->n.weight[slot] = idf;
				a->post[npost++] = unit_of[slot];
			}
		}
		for (k = i; k < j; k++) {
			size_t slot = (size_t)(occ[k] & 0xFFFFFFFFu);
			if (slot < a->o.total) {
				a->o.plo[slot] = (uint32_t)lo;
				a->o.pcnt[slot] = (uint32_t)(npost - lo);
			}
		}
		i = j;
	}
	unit_sums(&a->o);
	unit_sums(&a->n);
done:
	free(occ);
	free(tmp);
	free(unit_of);
	return error;
}

/* Weighted |a ∩ b| of two units' gram sets. */
static double common_weight(const aligner *a, size_t o, size_t n)
{
	const uint32_t *x = GRAMS(&a->o, o), *y = GRAMS(&a->n, n);
	const float *wx = WEIGHTS(&a->o, o);
	size_t i = 0, j = 0, nx = NGRAMS(&a->o, o), ny = NGRAMS(&a->n, n);
	double w = 0;
	while (i < nx && j < ny) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else
			w += wx[i], i++, j++;
	}
	return w;
}

/* Groups. */
static int group_new(size_t *out, aligner *a)
{
	*out = 0;  /* set on every path: gcc 12 -O3 cannot see the callers check errors */
	if (a->ngroups == a->agroups) {
		size_t na = a->agroups ? a->agroups * 2 : 64;
		group *g = realloc(a->groups, na * sizeof(*g));
		if (!g)
			return oom();
		a->groups = g;
		a->agroups = na;
	}
	memset(&a->groups[a->ngroups], 0, sizeof(group));
	*out = a->ngroups++;
	return 0;
}

static int group_add(aligner *a, size_t g, size_t o, size_t n)
{
	group *gr = &a->groups[g];
	if (o != NONE) {
		if (gr->nold == RESDIFF_ALIGN_MAX_GROUP)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"more than %d clauses pinned together", RESDIFF_ALIGN_MAX_GROUP);
		gr->old[gr->nold++] = o;
		a->o.group[o] = g;
	}
	if (n != NONE) {
		if (gr->nnew == RESDIFF_ALIGN_MAX_GROUP)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"more than %d clauses pinned together", RESDIFF_ALIGN_MAX_GROUP);
		gr->new[gr->nnew++] = n;
		a->n.group[n] = g;
	}
	return 0;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

static int cmp_pair(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

static bool is_forbidden(const aligner *a, size_t o, size_t n)
{
	pair key = { o, n };
	return a->nforbidden &&
	       bsearch(&key, a->forbidden, a->nforbidden, sizeof(pair), cmp_pair) != NULL;
}

static int unit_index(size_t *out, const resdiff_doc *doc, const char *id, const char *which)
{
	const resdiff_unit *u = resdiff_doc_unit_by_id(doc, id);
	if (!u)
		return resdiff_error_set(RESDIFF_ENOTFOUND, "pin: no clause %s in the %s text", id, which);
	*out = (size_t)(u - doc->units);
	return 0;
}

static int place_pins(aligner *a, const resdiff_align_options *opts)
{
	size_t i, k, nf = 0;
	int error;

	if (opts->pin_count > RESDIFF_ALIGN_MAX_PINS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d pins", RESDIFF_ALIGN_MAX_PINS);
	for (i = 0; i < opts->pin_count; i++)
		nf += opts->pins[i].forbid;
	if (nf && !(a->forbidden = scratch_calloc(a, nf, sizeof(pair))))
		return oom();
	for (i = 0; i < opts->pin_count; i++) {
		const resdiff_align_pin *p = &opts->pins[i];
		size_t o = NONE, n = NONE, go, gn, g;
		if ((error = unit_index(&o, a->o.doc, p->old_id, "old")) < 0 ||
		    (error = unit_index(&n, a->n.doc, p->new_id, "new")) < 0)
			return error;
		if (p->forbid) {
			a->forbidden[a->nforbidden].o = o;
			a->forbidden[a->nforbidden++].n = n;
			continue;
		}
		go = a->o.group[o];
		gn = a->n.group[n];
		if (go == NONE && gn == NONE) {
			if ((error = group_new(&g, a)) < 0 || (error = group_add(a, g, o, n)) < 0)
				return error;
			a->groups[g].pinned = true;
		} else if (go == NONE) {
			if ((error = group_add(a, gn, o, NONE)) < 0)
				return error;
		} else if (gn == NONE) {
			if ((error = group_add(a, go, NONE, n)) < 0)
				return error;
		} else if (go != gn) {
			/* Two pinned groups joined by a third pin: one group. */
			group *src = &a->groups[gn];
			for (k = 0; k < src->nold; k++)
				if ((error = group_add(a, go, src->old[k], NONE)) < 0)
					return error;
			for (k = 0; k < src->nnew; k++)
				if ((error = group_add(a, go, NONE, src->new[k])) < 0)
					return error;
			src->nold = src->nnew = 0;
		}
	}
	for (i = 0; i < a->nforbidden; i++) {
		size_t go = a->o.group[a->forbidden[i].o];
		if (go != NONE && go == a->n.group[a->forbidden[i].n])
			return resdiff_error_set(RESDIFF_EINVALID, "pin: %s=%s is both pinned and forbidden",
				a->o.doc->units[a->forbidden[i].o].id, a->n.doc->units[a->forbidden[i].n].id);
	}
	if (a->nforbidden)
		qsort(a->forbidden, a->nforbidden, sizeof(pair), cmp_pair);
	return 0;
}

/* Candidate pairs from an inverted index of the new side's n-grams. */
typedef struct {
	uint64_t gram;
	size_t unit;
} posting;

static int cmp_posting(const void *x, const void *y)
{
	const posting *a = x, *b = y;
	if (a->gram != b->gram)
		return a->gram < b->gram ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

typedef struct {
	size_t count;
	size_t unit;
} hit;

static int cmp_hit(const void *x, const void *y)
{
	const hit *a = x, *b = y;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* Headings pair only with headings, unless their text is equal. */
static bool kinds_compatible(const aligner *a, size_t o, size_t n)
{
	bool ho = a->o.doc->units[o].kind == RESDIFF_UNIT_HEADING;
	bool hn = a->n.doc->units[n].kind == RESDIFF_UNIT_HEADING;
	return ho == hn || key_equal(a, o, n);
}

static int cand_push(aligner *a, const cand *c)
{
	if (a->ncands == a->acands) {
		size_t na = a->acands ? a->acands * 2 : 256;
		cand *p = realloc(a->cands, na * sizeof(*p));
		if (!p)
			return oom();
		a->cands = p;
		a->acands = na;
	}
	a->cands[a->ncands++] = *c;
	return 0;
}

/* FNV-1a of a key. */
static uint64_t key_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static int find_candidates(aligner *a)
{
	posting *keys = NULL;
	size_t *count = NULL;
	hit *hits = NULL;
	uint64_t *ranges = NULL;
	size_t i, j, k, nkeys = 0, maxgrams = 0, budget;
	int error = 0;

	for (i = 0; i < a->o.n; i++)
		if (NGRAMS(&a->o, i) > maxgrams)
			maxgrams = NGRAMS(&a->o, i);
	if ((maxgrams && !(ranges = malloc(maxgrams * sizeof(*ranges)))) ||
	    (a->n.n && !(keys = malloc(a->n.n * sizeof(*keys)))) ||
	    (a->n.n && !(count = calloc(a->n.n, sizeof(*count)))) ||
	    (a->n.n && !(hits = malloc(a->n.n * sizeof(*hits))))) {
		error = oom();
		goto done;
	}
	for (j = 0; j < a->n.n; j++) {
		if (a->n.group[j] != NONE)
			continue;
		keys[nkeys].gram = key_hash(a->n.key[j], a->n.keylen[j]);
		keys[nkeys++].unit = j;
	}
	if (nkeys)
		qsort(keys, nkeys, sizeof(*keys), cmp_posting);
	for (i = 0; i < a->o.n; i++) {
		size_t nhits = 0, ng = NGRAMS(&a->o, i), base = a->o.off[i];
		if (a->o.group[i] != NONE)
			continue;
		/* Rarest grams first, within a work budget: common grams say
		 * little and cost much (a text of 10 000 clauses on one topic).
		 * (count << 32 | first posting) sorts by count. */
		for (k = 0; k < ng; k++)
			ranges[k] = ((uint64_t)a->o.pcnt[base + k] << 32) | a->o.plo[base + k];
		sort_u64_small(ranges, ng);
		for (k = 0, budget = RESDIFF_ALIGN_WORK_PER_CLAUSE; k < ng; k++) {
			size_t lo = (size_t)(ranges[k] & 0xFFFFFFFFu);
			size_t end = lo + (size_t)(ranges[k] >> 32);
			if (end == lo)
				continue;
			if (end - lo > budget && k >= RESDIFF_ALIGN_MIN_GRAMS)
				break;
			if (end - lo > RESDIFF_ALIGN_POSTING_MAX)
				break;
			budget = end - lo > budget ? 0 : budget - (end - lo);
			for (; lo < end; lo++) {
				size_t u = a->post[lo];
				if (a->n.group[u] != NONE)
					continue;  /* pinned */
				if (count[u]++ == 0) {
					hits[nhits].unit = u;
					hits[nhits++].count = 0;
				}
			}
		}
		/* Equal keys are always candidates (the patience anchors). */
		{
			size_t lo = 0, hi = nkeys;
			uint64_t h = key_hash(a->o.key[i], a->o.keylen[i]);
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (keys[mid].gram < h)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (k = 0; lo < nkeys && keys[lo].gram == h && k < RESDIFF_ALIGN_CANDIDATES; lo++, k++) {
				size_t u = keys[lo].unit;
				if (count[u] < SIZE_MAX / 2 && count[u]++ == 0) {
					hits[nhits].unit = u;
					hits[nhits++].count = 0;
				}
				count[u] += SIZE_MAX / 4;  /* rank first */
			}
		}
		/* Keep the RESDIFF_ALIGN_CANDIDATES best counts (insertion into a
		 * short sorted prefix; no sort of every hit). */
		{
			size_t kept = 0;
			for (k = 0; k < nhits; k++) {
				hit h2;
				size_t p;
				h2.unit = hits[k].unit;
				h2.count = count[h2.unit];
				count[h2.unit] = 0;
				if (kept == RESDIFF_ALIGN_CANDIDATES && cmp_hit(&h2, &hits[kept - 1]) >= 0)
					continue;
				p = kept < RESDIFF_ALIGN_CANDIDATES ? kept++ : kept - 1;
				while (p > 0 && cmp_hit(&h2, &hits[p - 1]) < 0) {
					hits[p] = hits[p - 1];
					p--;
				}
				hits[p] = h2;
			}
			nhits = kept;
			/* Drop hits sharing far fewer rare grams than the best
			 * (equal keys, boosted, always stay). */
			{
				size_t best = 0, w = 0;
				for (k = 0; k < nhits; k++) {
					size_t real = hits[k].count >= SIZE_MAX / 8 ?
						hits[k].count - SIZE_MAX / 4 : hits[k].count;
					if (real > best)
						best = real;
				}
				for (k = 0; k < nhits; k++)
					if (hits[k].count >= SIZE_MAX / 8 ||
					    hits[k].count * RESDIFF_ALIGN_HIT_RATIO >= best)
						hits[w++] = hits[k];
				nhits = w;
			}
		}
		for (k = 0; k < nhits; k++) {
			size_t n = hits[k].unit;
			double common;
			cand c;
			if (is_forbidden(a, i, n) || !kinds_compatible(a, i, n))
				continue;
			common = common_weight(a, i, n);
			c.o = i;
			c.n = n;
			c.exact = key_equal(a, i, n);
			c.dice = c.exact ? 1.0 : a->o.wsum[i] + a->n.wsum[n] > 0 ?
				2.0 * common / (a->o.wsum[i] + a->n.wsum[n]) : 0;
			c.cont_o = a->o.wsum[i] > 0 ? common / a->o.wsum[i] : 0;
			c.cont_n = a->n.wsum[n] > 0 ? common / a->n.wsum[n] : 0;
			c.score = c.dice;
			if (!c.exact && c.score < a->thr * RESDIFF_ALIGN_GAP_FACTOR &&
			    c.cont_o < RESDIFF_ALIGN_CONTAINMENT &&
			    c.cont_n < RESDIFF_ALIGN_CONTAINMENT)
				continue;
			if ((error = cand_push(a, &c)) < 0)
				goto done;
		}
	}
done:
	free(keys);
	free(ranges);
	free(count);
	free(hits);
	return error;
}

/* The maximum-weight chain of candidates increasing in both documents
 * (weighted LCS; a Fenwick tree of prefix maxima over new positions). */
typedef struct {
	double best;
	size_t cand;
} fen;

static int cmp_chain(const void *x, const void *y)
{
	const cand *a = *(const cand *const *)x, *b = *(const cand *const *)y;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return a->n > b->n ? -1 : a->n < b->n;  /* same old: never chain */
}

static double chain_weight(const aligner *a, const cand *c)
{
	if (c->exact)
		return EXACT_WEIGHT;
	return c->score >= a->thr ? c->score : 0;
}

static int chain_match(aligner *a)
{
	const cand **items = NULL;
	fen *tree = NULL;
	size_t *prev = NULL;
	double *best = NULL;
	size_t nitems = 0, i, m = a->n.n, end = NONE;
	double top = 0;
	int error = 0;

	if (!a->ncands)
		return 0;
	if (!(items = malloc(a->ncands * sizeof(*items))) ||
	    !(tree = calloc(m + 1, sizeof(*tree))) ||
	    !(prev = malloc(a->ncands * sizeof(*prev))) ||
	    !(best = malloc(a->ncands * sizeof(*best)))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < a->ncands; i++)
		if (chain_weight(a, &a->cands[i]) > 0)
			items[nitems++] = &a->cands[i];
	qsort(items, nitems, sizeof(*items), cmp_chain);
	for (i = 0; i <= m; i++)
		tree[i].cand = NONE;
	for (i = 0; i < nitems; i++) {
		size_t pos = items[i]->n, p;  /* prefix [1..pos] = new positions < n */
		double b = 0;
		size_t from = NONE;
		for (p = pos; p > 0; p -= p & (~p + 1))
			if (tree[p].cand != NONE && tree[p].best > b)
				b = tree[p].best, from = tree[p].cand;
		best[i] = b + chain_weight(a, items[i]);
		prev[i] = from;
		for (p = pos + 1; p <= m; p += p & (~p + 1))
			if (tree[p].cand == NONE || best[i] > tree[p].best)
				tree[p].best = best[i], tree[p].cand = i;
		if (best[i] > top)
			top = best[i], end = i;
	}
	for (i = end; i != NONE; i = prev[i]) {
		size_t g;
		if ((error = group_new(&g, a)) < 0 ||
		    (error = group_add(a, g, items[i]->o, items[i]->n)) < 0)
			goto done;
		a->groups[g].dice = items[i]->dice;
	}
done:
	free(items);
	free(tree);
	free(prev);
	free(best);
	return error;
}

static int cmp_cand_score(const void *x, const void *y);

static int cmp_cand_ptr_score(const void *x, const void *y)
{
	return cmp_cand_score(*(const cand *const *)x, *(const cand *const *)y);
}

static int cmp_cand_score(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->exact != b->exact)
		return a->exact ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->o != b->o)
		return a->o < b->o ? -1 : 1;
	return a->n < b->n ? -1 : a->n > b->n;
}

/* Between two consecutive matched clauses that keep document order, the
 * clauses left on both sides are likely counterparts even with weaker
 * similarity (a re-translated recital between two carried-forward ones):
 * match them, in order, above the lower gap threshold, when the gap is at
 * most RESDIFF_ALIGN_GAP_MAX clauses wide on each side. */
static int gap_match(aligner *a)
{
	const cand **items = NULL;
	size_t nitems = 0, i, g;
	double gthr = RESDIFF_ALIGN_GAP_FACTOR * a->thr;
	size_t gmax = RESDIFF_ALIGN_GAP_MAX;
	int error = 0;

	if (!a->ncands)
		return 0;
	if (!(items = malloc(a->ncands * sizeof(*items))))
		return oom();
	for (i = 0; i < a->ncands; i++)
		if (a->cands[i].score >= gthr)
			items[nitems++] = &a->cands[i];
	qsort(items, nitems, sizeof(*items), cmp_cand_ptr_score);
	for (i = 0; i < nitems; i++) {
		const cand *c = items[i];
		size_t po, pn, no, nn;
		bool ok;
		if (a->o.group[c->o] != NONE || a->n.group[c->n] != NONE)
			continue;
		/* The nearest matched clauses before and after, on the old side. */
		for (po = c->o; po > 0 && a->o.group[po - 1] == NONE; po--)
			;
		for (no = c->o + 1; no < a->o.n && a->o.group[no] == NONE; no++)
			;
		for (pn = c->n; pn > 0 && a->n.group[pn - 1] == NONE; pn--)
			;
		for (nn = c->n + 1; nn < a->n.n && a->n.group[nn] == NONE; nn++)
			;
		if (no - po > gmax || nn - pn > gmax)
			continue;
		/* Both boundaries must be the same matched groups (or the ends). */
		ok = (po == 0 && pn == 0) ||
		     (po > 0 && pn > 0 && a->o.group[po - 1] == a->n.group[pn - 1]);
		ok = ok && ((no == a->o.n && nn == a->n.n) ||
		     (no < a->o.n && nn < a->n.n && a->o.group[no] == a->n.group[nn]));
		if (!ok)
			continue;
		if ((error = group_new(&g, a)) < 0 || (error = group_add(a, g, c->o, c->n)) < 0)
			goto done;
		a->groups[g].dice = c->dice;
	}
done:
	free(items);
	return error;
}

/* What the order-preserving chain left: pairs across the order (moves),
 * best first, with stronger evidence. */
static int move_match(aligner *a)
{
	size_t i, g;
	int error;

	if (a->ncands)
		qsort(a->cands, a->ncands, sizeof(cand), cmp_cand_score);
	for (i = 0; i < a->ncands; i++) {
		const cand *c = &a->cands[i];
		if (a->o.group[c->o] != NONE || a->n.group[c->n] != NONE)
			continue;
		if (!c->exact && c->score < a->thr + RESDIFF_ALIGN_MOVE_MARGIN)
			continue;
		if ((error = group_new(&g, a)) < 0 || (error = group_add(a, g, c->o, c->n)) < 0)
			return error;
		a->groups[g].dice = c->dice;
	}
	return 0;
}

/* The weighted n-gram set of several units of one side: (hash << 32 |
 * weight bits), sorted, one entry per hash. */
static int grams_union(uint64_t **out, size_t *count, const side *s,
		const size_t *units, size_t nunits, size_t extra)
{
	size_t total = 0, i, k, n = 0, w = 0;
	uint64_t *u;

	for (i = 0; i < nunits; i++)
		total += NGRAMS(s, units[i]);
	if (extra != NONE)
		total += NGRAMS(s, extra);
	*out = NULL;
	*count = 0;
	if (!total)
		return 0;
	if (!(u = malloc(total * sizeof(*u))))
		return oom();
	for (i = 0; i <= nunits; i++) {
		size_t unit = i < nunits ? units[i] : extra;
		if (unit == NONE)
			continue;
		for (k = s->off[unit]; k < s->off[unit + 1]; k++) {
			uint32_t bits;
			memcpy(&bits, &s->weight[k], sizeof(bits));
			u[n++] = ((uint64_t)s->gram[k] << 32) | bits;
		}
	}
	sort_u64_small(u, n);
	for (i = 0; i < n; i++)
		if (w == 0 || (u[w - 1] >> 32) != (u[i] >> 32))
			u[w++] = u[i];
	*out = u;
	*count = w;
	return 0;
}

static double entry_weight(uint64_t e)
{
	uint32_t bits = (uint32_t)(e & 0xFFFFFFFFu);
	float f;
	memcpy(&f, &bits, sizeof(f));
	return f;
}

static double weighted_dice(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	size_t i = 0, j = 0;
	double wx = 0, wy = 0, common = 0;
	for (i = 0; i < nx; i++)
		wx += entry_weight(x[i]);
	for (j = 0; j < ny; j++)
		wy += entry_weight(y[j]);
	for (i = 0, j = 0; i < nx && j < ny;) {
		if ((x[i] >> 32) < (y[j] >> 32))
			i++;
		else if ((x[i] >> 32) > (y[j] >> 32))
			j++;
		else
			common += entry_weight(x[i]), i++, j++;
	}
	return wx + wy > 0 ? 2.0 * common / (wx + wy) : 1.0;
}

static int group_dice(double *out, const aligner *a, const group *g, size_t extra_old,
		size_t extra_new)
{
	uint64_t *go = NULL, *gn = NULL;
	size_t no, nn;
	int error;

	if ((error = grams_union(&go, &no, &a->o, g->old, g->nold, extra_old)) < 0 ||
	    (error = grams_union(&gn, &nn, &a->n, g->new, g->nnew, extra_new)) < 0)
		goto done;
	*out = weighted_dice(go, no, gn, nn);
done:
	free(go);
	free(gn);
	return error;
}

/* Is `unit` next to a member of the group, with at most
 * RESDIFF_ALIGN_MAX_GAP free (unmatched) clauses between? */
static bool adjacent(const side *s, const size_t *units, size_t n, size_t unit)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		size_t lo = units[i] < unit ? units[i] : unit;
		size_t hi = units[i] < unit ? unit : units[i];
		bool free_between = hi - lo - 1 <= RESDIFF_ALIGN_MAX_GAP;
		for (k = lo + 1; free_between && k < hi; k++)
			free_between = s->group[k] == NONE;
		if (free_between)
			return true;
	}
	return false;
}

/* A free unit joins its neighbour's group when most of its n-grams are in
 * the group's single clause on the other side and the group's similarity
 * grows: one old clause split in two new ones, or two merged. */
static int split_merge(aligner *a)
{
	bool changed = true;
	size_t pass, i;
	int error;

	for (pass = 0; changed && pass < RESDIFF_ALIGN_MAX_GROUP; pass++) {
		changed = false;
		for (i = 0; i < a->ncands; i++) {
			const cand *c = &a->cands[i];
			size_t go = a->o.group[c->o], gn = a->n.group[c->n];
			double now, with;
			group *g;

			if (go != NONE && gn == NONE && c->cont_n >= RESDIFF_ALIGN_CONTAINMENT) {
				g = &a->groups[go];
				if (g->nold != 1 || g->nnew == 0 || g->nnew >= RESDIFF_ALIGN_MAX_GROUP ||
				    g->pinned || !adjacent(&a->n, g->new, g->nnew, c->n))
					continue;
				if ((error = group_dice(&now, a, g, NONE, NONE)) < 0 ||
				    (error = group_dice(&with, a, g, NONE, c->n)) < 0)
					return error;
				if (with <= now)
					continue;
				if ((error = group_add(a, go, NONE, c->n)) < 0)
					return error;
				g->dice = with;
				changed = true;
			} else if (gn != NONE && go == NONE && c->cont_o >= RESDIFF_ALIGN_CONTAINMENT) {
				g = &a->groups[gn];
				if (g->nnew != 1 || g->nold == 0 || g->nold >= RESDIFF_ALIGN_MAX_GROUP ||
				    g->pinned || !adjacent(&a->o, g->old, g->nold, c->o))
					continue;
				if ((error = group_dice(&now, a, g, NONE, NONE)) < 0 ||
				    (error = group_dice(&with, a, g, c->o, NONE)) < 0)
					return error;
				if (with <= now)
					continue;
				if ((error = group_add(a, gn, c->o, NONE)) < 0)
					return error;
				g->dice = with;
				changed = true;
			}
		}
	}
	return 0;
}

/* Footnotes of a clause as a sorted list of body keys (labels are
 * renumbered between versions; the bodies are what matter). */
static int footnote_keys(resdiff_buf *out, const resdiff_doc *doc, const size_t *units, size_t n)
{
	char **keys = NULL;
	size_t nkeys = 0, total = 0, i, k;
	int error = 0;

	for (i = 0; i < n; i++)
		total += doc->units[units[i]].fnref_count;
	if (!total)
		return 0;
	if (!(keys = calloc(total, sizeof(*keys))))
		return oom();
	for (i = 0; i < n; i++) {
		const resdiff_unit *u = &doc->units[units[i]];
		for (k = 0; k < u->fnref_count; k++) {
			const resdiff_footnote *f = resdiff_doc_footnote(doc, u->fnrefs[k].label);
			resdiff_buf key = RESDIFF_BUF_INIT;
			if (f)
				error = resdiff_compare_key(&key, f->text, strlen(f->text), RESDIFF_KEY_EXACT);
			else
				error = resdiff_buf_printf(&key, "#%s", u->fnrefs[k].label);
			if (!error && !key.ptr)
				error = resdiff_buf_put(&key, "", 0);
			if (error) {
				resdiff_buf_dispose(&key);
				goto done;
			}
			keys[nkeys++] = resdiff_buf_detach(&key);
		}
	}
	for (i = 1; i < nkeys; i++) {  /* insertion sort: a clause cites few footnotes */
		char *x = keys[i];
		for (k = i; k > 0 && strcmp(keys[k - 1], x) > 0; k--)
			keys[k] = keys[k - 1];
		keys[k] = x;
	}
	for (i = 0; i < nkeys && !error; i++)
		if ((error = resdiff_buf_puts(out, keys[i])) == 0)
			error = resdiff_buf_putc(out, '\n');
done:
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return error;
}

static int footnotes_changed(bool *out, const aligner *a, const group *g)
{
	resdiff_buf fo = RESDIFF_BUF_INIT, fn = RESDIFF_BUF_INIT;
	int error;

	*out = false;
	if ((error = footnote_keys(&fo, a->o.doc, g->old, g->nold)) < 0 ||
	    (error = footnote_keys(&fn, a->n.doc, g->new, g->nnew)) < 0)
		goto done;
	*out = fo.size != fn.size || (fo.size && memcmp(fo.ptr, fn.ptr, fo.size));
done:
	resdiff_buf_dispose(&fo);
	resdiff_buf_dispose(&fn);
	return error;
}

/* Moved: matched groups outside the longest increasing run of new
 * positions taken in old order (patience LIS with predecessors). */
static int mark_moves(aligner *a)
{
	size_t *order = NULL, *tails = NULL, *prev = NULL, n = 0, len = 0, i;
	int error = 0;

	if (!a->ngroups)
		return 0;
	if (!(order = malloc(a->ngroups * sizeof(*order))) ||
	    !(tails = malloc(a->ngroups * sizeof(*tails))) ||
	    !(prev = malloc(a->ngroups * sizeof(*prev)))) {
		error = oom();
		goto done;
	}
	/* Groups in old order: walk the old units. */
	for (i = 0; i < a->o.n; i++) {
		size_t g = a->o.group[i];
		if (g != NONE && a->groups[g].nnew && a->groups[g].old[0] == i)
			order[n++] = g;
	}
	for (i = 0; i < n; i++) {
		size_t key = a->groups[order[i]].new[0], lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (a->groups[order[tails[mid]]].new[0] < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tails[lo - 1] : NONE;
		tails[lo] = i;
		if (lo == len)
			len++;
		a->groups[order[i]].moved = true;
	}
	for (i = len ? tails[len - 1] : NONE; i != NONE; i = prev[i])
		a->groups[order[i]].moved = false;
done:
	free(order);
	free(tails);
	free(prev);
	return error;
}

/* Equal once case and punctuation are ignored (the loose keys). */
static int editorial(bool *out, const aligner *a, size_t o, size_t n)
{
	resdiff_buf lo = RESDIFF_BUF_INIT, ln = RESDIFF_BUF_INIT;
	const char *to = a->o.doc->units[o].text, *tn = a->n.doc->units[n].text;
	int error;

	*out = false;
	if ((error = resdiff_compare_key(&lo, to, strlen(to), RESDIFF_KEY_LOOSE)) == 0 &&
	    (error = resdiff_compare_key(&ln, tn, strlen(tn), RESDIFF_KEY_LOOSE)) == 0)
		*out = lo.size == ln.size && (!lo.size || !memcmp(lo.ptr, ln.ptr, lo.size));
	resdiff_buf_dispose(&lo);
	resdiff_buf_dispose(&ln);
	return error;
}

static int cmp_group_order(const void *x, const void *y)
{
	const group *a = x, *b = y;
	if (a->sort_pos != b->sort_pos)
		return a->sort_pos < b->sort_pos ? -1 : 1;
	if (a->sort_sub != b->sort_sub)
		return a->sort_sub < b->sort_sub ? -1 : 1;
	return a->old[0] < b->old[0] ? -1 : a->old[0] > b->old[0];
}

static int build(resdiff_alignment *al, aligner *a)
{
	size_t i, k, live = 0;
	int error;

	/* Every free unit is added or dropped. */
	for (i = 0; i < a->o.n; i++)
		if (a->o.group[i] == NONE &&
		    ((error = group_new(&k, a)) < 0 || (error = group_add(a, k, i, NONE)) < 0))
			return error;
	for (i = 0; i < a->n.n; i++)
		if (a->n.group[i] == NONE &&
		    ((error = group_new(&k, a)) < 0 || (error = group_add(a, k, NONE, i)) < 0))
			return error;
	/* Drop emptied groups (pins joined), sort members. */
	for (i = 0; i < a->ngroups; i++) {
		group *g = &a->groups[i];
		if (!g->nold && !g->nnew)
			continue;
		qsort(g->old, g->nold, sizeof(size_t), cmp_size);
		qsort(g->new, g->nnew, sizeof(size_t), cmp_size);
		a->groups[live++] = *g;
	}
	a->ngroups = live;
	for (i = 0; i < a->ngroups; i++) {
		for (k = 0; k < a->groups[i].nold; k++)
			a->o.group[a->groups[i].old[k]] = i;
		for (k = 0; k < a->groups[i].nnew; k++)
			a->n.group[a->groups[i].new[k]] = i;
	}
	if ((error = mark_moves(a)) < 0)
		return error;
	/* Reading order: by first new clause; a dropped clause after the
	 * change holding the old clause before it. */
	for (i = 0; i < a->ngroups; i++) {
		group *g = &a->groups[i];
		if (g->nnew) {
			g->sort_pos = (long)g->new[0];
			g->sort_sub = 0;
		} else {
			size_t o = g->old[0];
			g->sort_pos = -1;
			g->sort_sub = 1;
			while (o-- > 0) {
				const group *p = &a->groups[a->o.group[o]];
				if (p->nnew) {
					g->sort_pos = (long)p->new[0];
					break;
				}
			}
		}
	}
	if (a->ngroups)
		qsort(a->groups, a->ngroups, sizeof(group), cmp_group_order);

	al->change_count = a->ngroups;
	if (!(al->changes = resdiff_arena_alloc(al->arena, (a->ngroups ? a->ngroups : 1) * sizeof(resdiff_change))) ||
	    !(al->old_change = resdiff_arena_alloc(al->arena, (a->o.n ? a->o.n : 1) * sizeof(size_t))) ||
	    !(al->new_change = resdiff_arena_alloc(al->arena, (a->n.n ? a->n.n : 1) * sizeof(size_t))))
		return oom();
	for (i = 0; i < a->ngroups; i++) {
		group *g = &a->groups[i];
		resdiff_change *c = &al->changes[i];
		size_t *olds = NULL, *news = NULL;

		memset(c, 0, sizeof(*c));
		if ((g->nold && !(olds = resdiff_arena_alloc(al->arena, g->nold * sizeof(size_t)))) ||
		    (g->nnew && !(news = resdiff_arena_alloc(al->arena, g->nnew * sizeof(size_t)))))
			return oom();
		if (g->nold)
			memcpy(olds, g->old, g->nold * sizeof(size_t));
		if (g->nnew)
			memcpy(news, g->new, g->nnew * sizeof(size_t));
		c->old_units = olds;
		c->old_count = g->nold;
		c->new_units = news;
		c->new_count = g->nnew;
		c->pinned = g->pinned;
		for (k = 0; k < g->nold; k++)
			al->old_change[g->old[k]] = i;
		for (k = 0; k < g->nnew; k++)
			al->new_change[g->new[k]] = i;
		if (!g->nnew) {
			c->relation = RESDIFF_REL_DROPPED;
			c->similarity = -1;
		} else if (!g->nold) {
			c->relation = RESDIFF_REL_ADDED;
			c->similarity = -1;
		} else {
			const resdiff_unit *uo = &a->o.doc->units[g->old[0]];
			const resdiff_unit *un = &a->n.doc->units[g->new[0]];
			if (g->nold == 1 && g->nnew == 1 && key_equal(a, g->old[0], g->new[0])) {
				c->relation = RESDIFF_REL_UNCHANGED;
				c->similarity = 1.0;
			} else {
				if (g->nold == 1 && g->nnew == 1)
					c->relation = RESDIFF_REL_REWORDED;
				else
					c->relation = g->nnew >= g->nold ? RESDIFF_REL_SPLIT : RESDIFF_REL_MERGED;
				if ((error = group_dice(&c->similarity, a, g, NONE, NONE)) < 0)
					return error;
				if (c->similarity >= 1.0)
					c->similarity = 0.999;  /* same n-grams, different text */
				if (c->relation == RESDIFF_REL_REWORDED &&
				    (error = editorial(&c->editorial, a, g->old[0], g->new[0])) < 0)
					return error;
			}
			c->moved = g->moved;
			c->renumbered = !g->moved && strcmp(uo->id, un->id) &&
				((uo->label && uo->label[0]) || (un->label && un->label[0]));
			if ((error = footnotes_changed(&c->footnotes, a, g)) < 0)
				return error;
			al->moved += c->moved;
			al->renumbered += c->renumbered;
		}
		al->stats[c->relation]++;
	}
	return 0;
}

int resdiff_align(resdiff_alignment **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts)
{
	static const resdiff_align_options defaults = RESDIFF_ALIGN_OPTIONS_INIT;
	resdiff_alignment *al = NULL;
	aligner a;
	size_t i, ideo = 0;
	int error;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	memset(&a, 0, sizeof(a));
	if (!(a.scratch = resdiff_arena_new()) || !(al = calloc(1, sizeof(*al))) ||
	    !(al->arena = resdiff_arena_new())) {
		error = oom();
		goto done;
	}
	al->old_doc = old_doc;
	al->new_doc = new_doc;
	if ((error = side_keys(&a, &a.o, old_doc)) < 0 ||
	    (error = side_keys(&a, &a.n, new_doc)) < 0)
		goto done;
	/* The threshold depends on the script: mostly Han/kana/Hangul clauses
	 * (one character carries a word) or spaced words. */
	for (i = 0; i < a.o.n; i++)
		ideo += resdiff_compare_is_ideographic(a.o.key[i], a.o.keylen[i]);
	for (i = 0; i < a.n.n; i++)
		ideo += resdiff_compare_is_ideographic(a.n.key[i], a.n.keylen[i]);
	a.gram_n = RESDIFF_ALIGN_GRAM;
	a.thr = opts->threshold > 0 ? opts->threshold :
		ideo && ideo * 2 >= a.o.n + a.n.n ? RESDIFF_ALIGN_THRESHOLD_IDEOGRAPHIC :
		RESDIFF_ALIGN_THRESHOLD_SPACED;
	if ((error = side_grams(&a.o, a.gram_n)) < 0 || (error = side_grams(&a.n, a.gram_n)) < 0 ||
	    (error = build_weights(&a)) < 0 ||
	    (error = place_pins(&a, opts)) < 0 ||
	    (error = find_candidates(&a)) < 0 ||
	    (error = chain_match(&a)) < 0 ||
	    (error = gap_match(&a)) < 0 ||
	    (error = move_match(&a)) < 0 ||
	    (error = split_merge(&a)) < 0 ||
	    (error = build(al, &a)) < 0)
		goto done;
	*out = al;
	al = NULL;
done:
	side_dispose(&a.o);
	side_dispose(&a.n);
	free(a.groups);
	free(a.cands);
	free(a.post);
	resdiff_arena_free(a.scratch);
	resdiff_alignment_free(al);
	return error;
}

void resdiff_alignment_free(resdiff_alignment *alignment)
{
	if (!alignment)
		return;
	resdiff_arena_free(alignment->arena);
	free(alignment);
}
