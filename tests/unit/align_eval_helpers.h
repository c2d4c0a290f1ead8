/* align_eval_helpers.h: what tests/unit/align_eval_test.c measures with:
 * gold alignments (tests/golden/align/README.md), links and their scores,
 * the baseline aligner, and the fit of the aligner's model. */
#ifndef RESDIFF_ALIGN_EVAL_HELPERS_H
#define RESDIFF_ALIGN_EVAL_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/resdiff.h"

#define EVAL_ID 40
#define EVAL_CLASS 16

/* A link: (old, new) for a matched pair, ("-", new) for an added clause,
 * (old, "-") for a dropped one. Gold links carry the relation of their
 * line and its class= note ("" when none); predicted links the relation
 * and confidence of their change. */
typedef struct {
	char old_id[EVAL_ID], new_id[EVAL_ID];
	int relation;
	char cls[EVAL_CLASS];
	double confidence;
} eval_link;

typedef struct {
	eval_link *l;
	size_t n, alloc;
} eval_links;

/* Read a gold file: false, with every problem in why[0..cap) (an id that
 * is in neither text, a unit named twice or in no line: the parser's ids
 * changed under the gold), unless it covers every unit of both documents
 * exactly once. */
bool eval_gold_read(eval_links *gold, char *why, size_t cap, const char *relpath,
		const resdiff_doc *a, const resdiff_doc *b);
/* The same, failing the test with the gold file named. */
void eval_gold_load(eval_links *gold, const char *relpath, const resdiff_doc *a,
		const resdiff_doc *b);
void eval_links_of(eval_links *out, const resdiff_alignment *al);
void eval_links_dispose(eval_links *s);
const eval_link *eval_find(const eval_links *s, const char *old_id, const char *new_id);
bool eval_is_pair(const eval_link *l);

typedef struct {
	size_t hit, npred, ngold;
	size_t agree, pairs;   /* relation agreement on correct pair links */
	double p, r, f1;
} eval_score;

eval_score eval_score_of(const eval_links *pred, const eval_links *gold, bool pairs_only);
/* F1 of summed counts. */
void eval_score_finish(eval_score *s);

/* The baseline: character-bigram Dice of every pair of clause keys,
 * greedy one-to-one from the best pair down, pairs under the threshold
 * added/dropped. */
typedef struct eval_baseline eval_baseline;
eval_baseline *eval_baseline_new(const resdiff_doc *a, const resdiff_doc *b);
void eval_baseline_links(eval_links *out, const eval_baseline *b, double threshold);
void eval_baseline_free(eval_baseline *b);

/* Training samples: every candidate pair the aligner scored with model m,
 * labelled 1 when the gold pairs it. */
typedef struct {
	double x[RESDIFF_ALIGN_FEATURES];
	int y;
	size_t old_unit, new_unit;
	double p;
	bool best;
	bool chosen;         /* both units ended in one change */
} eval_sample;

typedef struct {
	eval_sample *s;
	size_t n, alloc;
} eval_samples;

void eval_collect(eval_samples *out, const resdiff_doc *a, const resdiff_doc *b,
		const eval_links *gold, const resdiff_align_model *m);
void eval_samples_dispose(eval_samples *s);
/* Logistic regression of the samples that are the best candidate of
 * their old or new clause (the pairs an assignment can choose; the
 * others would teach the model what it never decides) (Newton's method, L2 penalty lambda
 * on the weights, none on the intercept): m->intercept and m->weight. */
void eval_fit_logistic(resdiff_align_model *m, const eval_samples *s, double lambda);

/* Align with model m (NULL: shipped); fails the test on error. */
resdiff_alignment *eval_align(const resdiff_doc *a, const resdiff_doc *b,
		const resdiff_align_model *m);
/* The same with --min-confidence. */
resdiff_alignment *eval_align_floor(const resdiff_doc *a, const resdiff_doc *b,
		const resdiff_align_model *m, double min_confidence);

#endif
