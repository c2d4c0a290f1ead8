/*
 * resdiff/align.h: clause alignment of two documents.
 *
 * The aligner only reads two resdiff_docs: it neither parses nor touches
 * git nor prints. Every unit of the old document and of the new document
 * ends in exactly one change:
 *
 *   unchanged  one old, one new, equal comparison keys (resdiff/compare.h)
 *   reworded   one old, one new, similar keys
 *   split      one old, several new
 *   merged     several old, one new
 *   added      no old, one new
 *   dropped    one old, no new
 *
 * Matched changes also say whether they moved (their order relative to the
 * other matched changes differs: they are outside the longest common
 * order), were renumbered (same place, a different printed number or id),
 * are editorial (reworded in case or punctuation only) or changed only
 * their footnotes (references or bodies; the clause stays unchanged).
 *
 * How (docs/DIFF.md): comparison keys decide "unchanged"; everything
 * else is scored on the clauses' content: character trigrams (and, in
 * spaced scripts, words) weighted by inverse document frequency, with the
 * words every rolling update changes weighted down (the leading verb,
 * dates, numbers and session words of resdiff/lang.h). Candidate pairs
 * come from an inverted n-gram index, rarest grams first within a work
 * budget (never all n x m pairs), plus every pair with equal keys; pairs
 * of different kinds (preambular <-> operative) and far apart are
 * candidates too. Each candidate gets features (Dice, coverage of the
 * shorter clause, agreement with the document order of an anchor chain,
 * margin over its rivals, kind change) and a probability from one
 * logistic model; one maximum-weight assignment over the candidate graph
 * decides, then neighbours join a match as splits and merges. Every
 * matched change carries that probability as its confidence. Pins
 * (--pin, concordance files) are placed first; forbidden pairs never
 * become candidates.
 *
 * Ownership: resdiff_align() returns an alignment the caller frees with
 * resdiff_alignment_free(); it borrows both documents, which must outlive
 * it. Changes and their index arrays live in the alignment's arena.
 */
#ifndef RESDIFF_ALIGN_H
#define RESDIFF_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits. */
#define RESDIFF_ALIGN_MAX_UNITS 1000000   /* units per document */
/* Candidate search per old clause: its n-grams are looked up rarest
 * first until RESDIFF_ALIGN_WORK_PER_CLAUSE index entries were visited
 * (at least RESDIFF_ALIGN_MIN_GRAMS grams, none shared by more than
 * RESDIFF_ALIGN_POSTING_MAX clauses), so the work stays linear. */
#define RESDIFF_ALIGN_WORK_PER_CLAUSE 4096
#define RESDIFF_ALIGN_MIN_GRAMS 4
#define RESDIFF_ALIGN_POSTING_MAX 65536
/* A gram found in more new clauses than this is looked up only in the
 * new clauses of a window this wide about the old clause's place: the
 * MIN_GRAMS lookups every clause makes then cost at most
 * WORK_PER_CLAUSE together, whatever the text's shape (texts of equal
 * content under distinct keys were quadratic, issue 18). No text of
 * this many clauses a side or fewer is searched differently. */
#define RESDIFF_ALIGN_POSTING_WINDOW (RESDIFF_ALIGN_WORK_PER_CLAUSE / RESDIFF_ALIGN_MIN_GRAMS)
/* Candidates sharing fewer than 1/RESDIFF_ALIGN_HIT_RATIO of the best
 * candidate's rare grams are not scored. */
#define RESDIFF_ALIGN_HIT_RATIO 8
#define RESDIFF_ALIGN_CANDIDATES 12       /* candidates kept per old unit */
#define RESDIFF_ALIGN_MAX_GROUP 16        /* units on one side of a split/merge */
#define RESDIFF_ALIGN_MAX_PINS 100000

/* Similarity: character n-grams of the clauses' content (trigrams, for
 * every script; words as well in spaced scripts), weighted by inverse
 * document frequency over the clauses of both texts. */
#define RESDIFF_ALIGN_GRAM 3
/* Clauses in a gap between two anchors at most this wide on both sides
 * are candidates of each other, found by the index or not. */
#define RESDIFF_ALIGN_GAP_MAX 3
/* Under this confidence a matched change is shown as "low confidence". */
#define RESDIFF_ALIGN_LOW_CONFIDENCE 0.7

/* The features of a candidate pair (docs/DIFF.md, "Alignment", step 4). */
enum {
	RESDIFF_ALIGN_F_DICE = 0, /* weighted Dice of the two clauses' content */
	RESDIFF_ALIGN_F_COVER,    /* share of the shorter clause's content in the other */
	RESDIFF_ALIGN_F_ORDER,    /* keeps the order of the anchor chain: its cover; else 0 */
	RESDIFF_ALIGN_F_TIGHT,    /* also its diagonal neighbours anchored: cover x 1 (both)
	                             or x 0.5 (one); else 0 */
	RESDIFF_ALIGN_F_MARGIN,   /* Dice minus the best rival pair's of either clause */
	RESDIFF_ALIGN_F_KIND,     /* 1 when preambular <-> operative */
	RESDIFF_ALIGN_F_SHARE,    /* share of clauses the two texts have in common */
	RESDIFF_ALIGN_F_RIVAL,    /* 1 when both clauses have another candidate that covers more */
	RESDIFF_ALIGN_F_RECAST,   /* preambular <-> operative and the openings are one verb
	                             recast (the language's kind-recasts): its cover; else 0 */
	RESDIFF_ALIGN_FEATURES
};

/* The decision model: the probability that a candidate pair is the same
 * clause is 1 / (1 + exp(-(intercept + sum weight[i] * feature[i]))).
 * The shipped values and what they were fitted on: docs/DIFF.md. */
typedef struct {
	double intercept;
	double weight[RESDIFF_ALIGN_FEATURES];
	double rolling;     /* weight factor of rolling words, in (0, 1] */
	double accept;      /* least probability of a match */
	bool words;         /* spaced scripts: word uni- and bigrams beside trigrams */
	double formula;     /* weight factor of formula grams (the language's formula
	                       table, docs/DIFF.md "Fifth round"), in (0, 1]; 0: none */
	double formula_gate; /* formula grams weigh `formula` only between texts whose
	                        share (RESDIFF_ALIGN_F_SHARE, read with the factor 1)
	                        is under this (docs/DIFF.md, "Across-series gate");
	                        0: between any two texts */
} resdiff_align_model;

/* The shipped model. */
const resdiff_align_model *resdiff_align_model_default(void);

typedef enum {
	RESDIFF_REL_UNCHANGED = 0,
	RESDIFF_REL_REWORDED,
	RESDIFF_REL_SPLIT,
	RESDIFF_REL_MERGED,
	RESDIFF_REL_ADDED,
	RESDIFF_REL_DROPPED
} resdiff_relation;

#define RESDIFF_REL_COUNT 6

/* "unchanged", "reworded", ...; resdiff_relation_from_name returns -1 for
 * an unknown name. */
const char *resdiff_relation_name(resdiff_relation rel);
int resdiff_relation_from_name(const char *name);

typedef struct {
	resdiff_relation relation;
	const size_t *old_units;  /* indices into old->units, ascending */
	size_t old_count;         /* 0 for added */
	const size_t *new_units;  /* indices into new->units, ascending */
	size_t new_count;         /* 0 for dropped */
	double similarity;        /* [0, 1]; -1 for added and dropped */
	double confidence;        /* [0, 1], calibrated; 1 for pins; -1 for
	                             added and dropped */
	bool moved;
	bool renumbered;
	bool editorial;
	bool footnotes;           /* footnote references or bodies changed */
	bool pinned;              /* placed by a pin, not by similarity */
} resdiff_change;

/* A user decision: pair old_id with new_id, or (forbid) never pair them.
 * Several pins of one old id make a split, of one new id a merge. */
typedef struct {
	const char *old_id;
	const char *new_id;
	bool forbid;
} resdiff_align_pin;

/* One candidate pair as the model saw it, for evaluation and fitting
 * (tests/unit/align_eval_test.c): reported once per candidate after the
 * assignment, when resdiff_align_options.on_candidate is set. */
typedef struct {
	size_t old_unit, new_unit;           /* indices into the documents' units */
	double feature[RESDIFF_ALIGN_FEATURES];
	double probability;                  /* the model's, for these features */
	bool best;                           /* the most similar candidate of its old
	                                        or of its new clause */

	bool chosen;                         /* both units ended in one change */
} resdiff_align_candidate;

typedef void (*resdiff_align_candidate_fn)(const resdiff_align_candidate *candidate,
		void *payload);

typedef struct {
	const resdiff_align_pin *pins;
	size_t pin_count;
	double threshold;         /* > 0: matched changes less similar than
	                             this become dropped + added */
	double min_confidence;    /* > 0: matched changes less confident than
	                             this become dropped + added */
	const resdiff_align_model *model;  /* NULL: resdiff_align_model_default() */
	resdiff_align_candidate_fn on_candidate;  /* NULL: none */
	void *payload;            /* passed to on_candidate */
} resdiff_align_options;

#define RESDIFF_ALIGN_OPTIONS_INIT { NULL, 0, 0.0, 0.0, NULL, NULL, NULL }

typedef struct resdiff_alignment {
	const resdiff_doc *old_doc;   /* borrowed */
	const resdiff_doc *new_doc;   /* borrowed */
	resdiff_change *changes;      /* in reading order of the new text; dropped
	                                 clauses after their old predecessor */
	size_t change_count;
	size_t stats[RESDIFF_REL_COUNT];  /* changes per relation */
	size_t moved, renumbered;
	size_t *old_change;           /* change index of every old unit */
	size_t *new_change;           /* change index of every new unit */
	size_t work;                  /* steps of the candidate search (grams ranked,
	                                 index entries visited) and bytes of the keys
	                                 read for references: grows linearly with
	                                 the texts whatever their shape; the tests
	                                 check it, never a time */
	resdiff_arena *arena;
} resdiff_alignment;

/* Is this a weak match (confidence under RESDIFF_ALIGN_LOW_CONFIDENCE,
 * not pinned), shown as "reworded (low confidence)"? */
bool resdiff_change_low_confidence(const resdiff_change *change);

/* Align old with new. Errors: RESDIFF_ENOTFOUND for a pin naming an id
 * that is in neither document, RESDIFF_EINVALID for contradictory pins,
 * RESDIFF_ETOOBIG over the limits, RESDIFF_ENOMEM. */
int resdiff_align(resdiff_alignment **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts);
void resdiff_alignment_free(resdiff_alignment *alignment);

/* One document's side of alignments, prepared once: its comparison keys
 * and n-grams, which resdiff_align() computes for both documents on every
 * call. A program that aligns one document with several others (the clause
 * index: with its previous member, then with candidates across series, and
 * later as the previous member of the next) prepares it once. The result
 * of resdiff_align_prepared_run() is that of resdiff_align() on the two
 * documents, the same in every field.
 *
 * Ownership: `doc` is borrowed and must outlive the prepared side (and
 * every alignment made with it); free with resdiff_align_prepared_free().
 * The model is opts->model (NULL opts or model: the default); running with
 * another model is RESDIFF_EINVALID. */
typedef struct resdiff_align_prepared resdiff_align_prepared;
int resdiff_align_prepare(resdiff_align_prepared **out, const resdiff_doc *doc,
		const resdiff_align_options *opts);
void resdiff_align_prepared_free(resdiff_align_prepared *prepared);
int resdiff_align_prepared_run(resdiff_alignment **out, const resdiff_align_prepared *old_side,
		const resdiff_align_prepared *new_side, const resdiff_align_options *opts);

/* Parse "OLD=NEW" (pin) or "OLD!=NEW" (forbid) into *pin; the strings
 * point into `spec`, which is modified. RESDIFF_EINVALID when malformed. */
int resdiff_align_pin_parse(resdiff_align_pin *pin, char *spec);

#ifdef __cplusplus
}
#endif
#endif
