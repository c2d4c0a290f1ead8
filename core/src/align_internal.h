/*
 * align_internal.h: the aligner's working state, shared by its three
 * files behind the one public header resdiff/align.h:
 *
 *   align_score.c   content of each clause, weighted n-grams, candidate
 *                   pairs from an inverted index, pair and group scores
 *   align_assign.c  the model: features, anchor chain, the assignment,
 *                   splits and merges, confidence
 *   align.c         the entry point, pins, and the result (changes,
 *                   moves, footnotes, reading order)
 *
 * Everything here lives for one resdiff_align() call: arrays in the
 * scratch arena or malloc'd and released by align.c.
 */
#ifndef RESDIFF_ALIGN_INTERNAL_H
#define RESDIFF_ALIGN_INTERNAL_H

#include "resdiff/align.h"
#include "resdiff/lang.h"

#include <stdint.h>

#define NONE ((size_t)-1)

/* One side of the alignment: keys and weighted n-gram sets per unit. */
typedef struct {
	const resdiff_doc *doc;
	const resdiff_lang *lang;
	size_t n;
	const char **key;    /* exact comparison keys (equal: unchanged) */
	size_t *keylen;
	uint64_t *loose;     /* hash of the loose key (RESDIFF_KEY_LOOSE): equal
	                        when only case or punctuation differ */
	uint32_t *gram;      /* content n-gram hashes of all units, sorted per unit */
	float *weight;       /* idf x rolling factor, parallel to gram */
	uint8_t *rolling;    /* 1: the gram touches a rolling word; parallel */
	size_t *off;         /* unit i: gram[off[i] .. off[i + 1]) */
	size_t total;        /* off[n] */
	double *wsum;        /* sum of a unit's gram weights */
	uint64_t *prange;    /* old side: each gram's postings in aligner.post,
	                        (first << 32 | count): one write, one read */
	size_t *group;       /* group of each unit, NONE while free */
	bool borrowed;       /* key .. total belong to a resdiff_align_prepared */
	bool formulas;       /* some gram is marked a formula (MARK_FORMULA) */
} align_side;

/* A document's side prepared once (resdiff_align_prepare): what
 * align_side_prepare computes from the document alone (keys, n-grams,
 * offsets) in its own arena, lent to each alignment it takes part in. */
struct resdiff_align_prepared {
	align_side side;
	const resdiff_align_model *model;   /* the grams depend on model->words */
	resdiff_arena *arena;
};

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
	double dice;         /* content similarity of the whole group (model weights) */
	double similarity;   /* the same with rolling words weighed fully: shown */
	double confidence;   /* the least probability of the pairs it was built of */
	long sort_pos;
	int sort_sub;
	bool moved;
} align_group;

/* A candidate pair. */
typedef struct {
	size_t o, n;
	double dice, cov_o, cov_n;   /* cov_o: share of o's content found in n */
	double feature[RESDIFF_ALIGN_FEATURES];
	double p;                    /* the model's probability */
	bool exact;                  /* equal comparison keys */
	bool best;                   /* the most similar candidate of o or of n */
} align_cand;

typedef struct {
	size_t o, n;
} align_pair;

/* How much a group's old and new units have in common. */
typedef struct {
	double dice;         /* weighted Dice of the two sides' content */
	double cover;        /* the share of the smaller side found in the other */
	double cover_old;    /* the share of the old side's content found in the new */
	double cover_new;    /* and the reverse */
} align_overlap;

/* A group's weighted n-gram sets as align_group_score builds them (model
 * weights), kept for the group while its members stay the same: the joins
 * score one group beside each candidate clause in turn. Owned by the
 * aligner (align_group_memo_free). */
typedef struct {
	size_t old[RESDIFF_ALIGN_MAX_GROUP];
	size_t nold;
	size_t new[RESDIFF_ALIGN_MAX_GROUP];
	size_t nnew;
	bool valid;
	uint64_t *x, *y;     /* the old and the new side's sets, sorted */
	size_t nx, ny;
} align_group_memo;

/* A clause's recast openings (align_assign.c), read on first use. */
typedef struct {
	uint64_t bits;
	bool read;
} align_recast;

typedef struct {
	align_side o, n;
	align_group *groups;
	size_t ngroups, agroups;
	align_group_memo *memo;   /* one per group, grown on demand; NULL: none yet */
	size_t nmemo;
	align_recast *recast_o, *recast_n;   /* scratch; NULL: not the same language */
	align_cand *cands;
	size_t ncands, acands;
	align_pair *forbidden;
	size_t nforbidden;
	const resdiff_align_model *model;
	double prior;        /* estimated share of clauses the texts have in common */
	double formula;      /* the factor of formula grams in effect: the model's,
	                        or 1 (none) when its gate keeps it off (align_run) */
	uint32_t *post;      /* new-side units per gram, grouped by gram */
	size_t work;         /* steps of the candidate search (resdiff_alignment.work) */
	resdiff_arena *scratch;
} aligner;

int align_oom(void);
void *align_scratch_calloc(aligner *a, size_t count, size_t size);
int align_group_new(size_t *out, aligner *a);
int align_group_add(aligner *a, size_t g, size_t o, size_t n);
bool align_key_equal(const aligner *a, size_t o, size_t n);
bool align_is_forbidden(const aligner *a, size_t o, size_t n);

/* align_score.c */
/* The model's factor of formula grams: 1 when it uses none. */
double align_model_formula(const resdiff_align_model *m);
int align_side_prepare(aligner *a, align_side *s, const resdiff_doc *doc);
/* s borrows from's keys and n-grams, with its own weights and groups. */
int align_side_borrow(aligner *a, align_side *s, const align_side *from);
int align_weights(aligner *a);
int align_candidates(aligner *a);
/* Score the pair (o, n) and add it to the candidates (unless forbidden or
 * of incompatible kinds); candidates are kept sorted by old unit only
 * when added by align_candidates(). */
int align_candidate_add(aligner *a, size_t o, size_t n);
/* The similarity shown for the pair (o, n): rolling words at full weight. */
double align_pair_similarity(const aligner *a, size_t o, size_t n);

/* The share of the lighter clause that is shared text of its own (not
 * formula, not rolling), formula grams counted at full weight. */
double align_pair_own(const aligner *a, size_t o, size_t n);

/* The overlap of a group's old and new units, with one more unit on
 * either side (NONE: none); `plain` weighs rolling words like the others
 * (what is shown as the similarity), else as the model does. */
int align_group_score(align_overlap *out, const aligner *a, const align_group *g,
		size_t extra_old, size_t extra_new, bool plain);
/* Free the groups' memos of align_group_score. */
void align_group_memo_free(aligner *a);

/* align_assign.c */
/* The share of clauses the texts have in common, from the candidates. */
double align_share(const aligner *a);
double align_model_probability(const resdiff_align_model *m, const double *feature);
int align_assign(aligner *a);
int align_split_merge(aligner *a);
int align_confidence(aligner *a);

#endif
