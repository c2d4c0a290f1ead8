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
 * How (docs/DIFF.md): keys and IDF-weighted n-gram sets per unit;
 * candidate pairs from an inverted n-gram index, rarest grams first within
 * a work budget (never all n x m pairs), plus every pair with equal keys;
 * a maximum-weight order-preserving chain over the candidates, exact keys
 * weighted above any similarity (the patience anchors); clauses in short
 * gaps between two chained pairs matched at a lower threshold; the rest
 * matched across the order (moves) above a stricter one; then split and
 * merge by containment of a neighbour's n-grams. Pins (--pin, concordance
 * files) are placed first; forbidden pairs never become candidates.
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
/* Candidates sharing fewer than 1/RESDIFF_ALIGN_HIT_RATIO of the best
 * candidate's rare grams are not scored. */
#define RESDIFF_ALIGN_HIT_RATIO 8
#define RESDIFF_ALIGN_CANDIDATES 12       /* candidates kept per old unit */
#define RESDIFF_ALIGN_MAX_GROUP 16        /* units on one side of a split/merge */
#define RESDIFF_ALIGN_MAX_PINS 100000

/* Similarity: character n-grams of the comparison keys (trigrams, for
 * every script), weighted by inverse document frequency over the clauses
 * of both texts, compared with a weighted Dice coefficient. */
#define RESDIFF_ALIGN_GRAM 3

/* Default thresholds, measured on the corpus gold alignments
 * (tests/golden/align, docs/DIFF.md). Spaced scripts have no gold pair
 * yet: their value is the ideographic one until measured. */
#define RESDIFF_ALIGN_THRESHOLD_IDEOGRAPHIC 0.25
#define RESDIFF_ALIGN_THRESHOLD_SPACED 0.25
/* Clauses in a gap between two in-order matches pair above this share of
 * the threshold when the gap is at most RESDIFF_ALIGN_GAP_MAX clauses
 * wide on each side. */
#define RESDIFF_ALIGN_GAP_FACTOR 0.48
#define RESDIFF_ALIGN_GAP_MAX 3
/* Matching against the document order (a move) needs this much more. */
#define RESDIFF_ALIGN_MOVE_MARGIN 0.10
/* A neighbour joins a split/merge when this share of its weighted n-grams
 * lies in the other side and the group's similarity grows ... */
#define RESDIFF_ALIGN_CONTAINMENT 0.30
/* ... and it lies next to the group, with at most this many unmatched
 * clauses between. */
#define RESDIFF_ALIGN_MAX_GAP 2

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

typedef struct {
	const resdiff_align_pin *pins;
	size_t pin_count;
	double threshold;         /* 0: the per-script default above */
} resdiff_align_options;

#define RESDIFF_ALIGN_OPTIONS_INIT { NULL, 0, 0.0 }

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
	resdiff_arena *arena;
} resdiff_alignment;

/* Align old with new. Errors: RESDIFF_ENOTFOUND for a pin naming an id
 * that is in neither document, RESDIFF_EINVALID for contradictory pins,
 * RESDIFF_ETOOBIG over the limits, RESDIFF_ENOMEM. */
int resdiff_align(resdiff_alignment **out, const resdiff_doc *old_doc,
		const resdiff_doc *new_doc, const resdiff_align_options *opts);
void resdiff_alignment_free(resdiff_alignment *alignment);

/* Parse "OLD=NEW" (pin) or "OLD!=NEW" (forbid) into *pin; the strings
 * point into `spec`, which is modified. RESDIFF_EINVALID when malformed. */
int resdiff_align_pin_parse(resdiff_align_pin *pin, char *spec);

#ifdef __cplusplus
}
#endif
#endif
