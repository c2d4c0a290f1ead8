/*
 * resdiff/provenance.h: where clauses came from and where they went, over
 * every stored document (docs/PROVENANCE.md).
 *
 * The lineage graph: within a series, each member is aligned with the one
 * before (resdiff_align, the relations of `resdiff diff`); a clause that is
 * new in its series (added, or in the first member) is looked for in the
 * earlier documents of the same language, anywhere: candidates come from
 * an index of clause fingerprints, and the best candidates are aligned
 * with the document in full, so the relation and similarity of a step
 * across series are again those `resdiff diff` prints.
 *
 * The index is kept in the resdiff repository under RESDIFF_INDEX_REF: a
 * commit whose tree mirrors the record (one file per document: its record
 * blob, its previous member, per clause RESDIFF_INDEX_SKETCH fingerprints,
 * and the links to its sources) and whose message names the record commit
 * it was built from. resdiff_index_update() brings it up to date with the
 * record, recomputing only the documents whose inputs changed; readers
 * check it against the record and rebuild it when it is stale or lost,
 * never trusting it blindly.
 *
 * Ownership: results (resdiff_provenance, resdiff_series_stats) are freed
 * with their _free function; every string in them lives in their arena.
 * Renderers append to a caller-owned resdiff_buf; they never parse and
 * never touch git.
 */
#ifndef RESDIFF_PROVENANCE_H
#define RESDIFF_PROVENANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/common.h"
#include "resdiff/align.h"
#include "resdiff/store.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESDIFF_INDEX_REF "refs/heads/resdiff/index"
#define RESDIFF_INDEX_REF_V2 "refs/resdiff/index"   /* formats 1 and 2 */
#define RESDIFF_INDEX_FORMAT 15  /* 3: links of the aligner with confidence (issue 10);
                                    4: its second round (splits, merges, refit);
                                    5: its third round (residual joins);
                                    6: no link between clauses citing different
                                       numbers of one session;
                                    7: no link between agenda paragraphs naming
                                       different items;
                                    8: the recast feature and the refit on
                                       fourteen pairs (tenth round);
                                    9: only sure matches between texts that
                                       share almost nothing (twelfth round);
                                   10: a merge or split part judged as a part
                                       of its group against a one-to-one link
                                       (thirteenth round);
                                   11: not used (a reverted commit of the
                                       fourteenth round wrote it);
                                   12: formula grams weighed down between
                                       texts that share little (the
                                       across-series gate);
                                   13: a catalogue and the postings of each
                                       language beside its files (the files
                                       unchanged: RESDIFF_INDEX_FILE_FORMAT);
                                   14: under the across-series gate a link
                                       needs the clause's own text shared,
                                       its confidence lowered by how little
                                       (across19);
                                   15: the catalogue split by directory, a
                                       summary of the language beside it
                                       (catalog21; files and links as 14) */
/* The oldest index format whose links are the ones today's aligner
 * writes. An index of an older format is not read: it is recomputed
 * (by the next update, or by `resdiff upgrade`). One of an older format
 * at or above this one only lacks the catalogue and is brought to this
 * format from its files. */
#define RESDIFF_INDEX_LINKS_FORMAT 14
/* The grammar of one document's index file ("resdiff-index 12"): formats
 * 13 to 15 of the index changed its tree and its links, not the files'
 * grammar. */
#define RESDIFF_INDEX_FILE_FORMAT 12
/* Fingerprints per clause: the smallest 32-bit hashes of its key's
 * trigrams (a bottom-k sketch; shared values estimate resemblance). */
#define RESDIFF_INDEX_SKETCH 8
/* A clause is a candidate source when it shares this many fingerprints. */
#define RESDIFF_INDEX_MIN_HITS 2
/* A fingerprint carried by more clauses than this names no source. */
#define RESDIFF_INDEX_POSTING_MAX 512
/* Earlier documents aligned in full per document, best candidates first. */
#define RESDIFF_INDEX_CROSS_DOCS 2
/* Documents kept loaded and prepared for their next member while the index
 * is computed (one per series open at a date); beyond, they are read and
 * prepared again when their next member comes. */
#define RESDIFF_INDEX_KEEP_MAX 4096
/* Earlier documents kept loaded and prepared after serving as candidates
 * across series, the least recently used given up first: a document is
 * often a candidate of several that follow it. Per language; memory is
 * this many prepared documents. */
#define RESDIFF_INDEX_CACHE_MAX 64
/* A smaller cache for tests and measurements ("0": none, every candidate
 * read and prepared again, as before the cache). */
#define RESDIFF_INDEX_CACHE_ENV "RESDIFF_INDEX_CACHE"
/* Threads that align the index's pairs, the caller's included: the online
 * processors, at most this many (pool.h's RESDIFF_POOL_THREADS_MAX or
 * fewer). RESDIFF_INDEX_THREADS_ENV ("1" .. this) sets the count; "1" runs
 * every pair in turn on the caller. The index is the same tree whatever
 * the count. */
#define RESDIFF_INDEX_THREADS_MAX 8
#define RESDIFF_INDEX_THREADS_ENV "RESDIFF_INDEX_THREADS"
/* Documents computed together when there are threads: their previous
 * members' alignments are one batch for the threads, their candidates'
 * another. Memory: up to (2 + RESDIFF_INDEX_CROSS_DOCS) prepared
 * documents for each, beside the kept and cached ones. */
#define RESDIFF_INDEX_WINDOW 32
/* Steps followed by one blame or trace (RESDIFF_ETOOBIG beyond). */
#define RESDIFF_PROVENANCE_MAX_STEPS 1000000
#define RESDIFF_PROVENANCE_JSON_SCHEMA 1

typedef struct {
	size_t documents;      /* in the index */
	size_t computed;       /* recomputed by this update */
	size_t reused;         /* kept from the previous index (carried ones
	                          included) */
	size_t read;           /* objects of the previous index read: of each
	                          language the update recomputes, its catalogue
	                          and postings and the files it needs (every
	                          file of it when the index had no catalogue) */
	size_t links_read;     /* of the files read, those whose links ("from"
	                          and "to" lines) were parsed: the computed
	                          documents', those they link into and the
	                          sources of those (all of them in a reader's
	                          in-memory index) */
	size_t carried;        /* documents of languages whose record tree did
	                          not change since the previous index: their
	                          index tree is reused as it is, unread */
	size_t prepared;       /* documents prepared for the aligner (keys and
	                          n-grams): each once, however many alignments
	                          it takes part in (the work of an update) */
	bool written;          /* a new index commit was made */
	char commit[41];       /* the index commit ("" when the record is empty) */
	const char *untrusted; /* why the stored index could not be reused
	                          file by file ("was computed with other
	                          language data"; static), NULL when it could
	                          or there was none */
} resdiff_index_status;

/* Bring the stored index up to date with the record: a writer, it takes
 * the repository lock and needs a repository in this resdiff's format.
 * `status` may be NULL. */
int resdiff_index_update(resdiff_index_status *status, resdiff_store *store);
/* The same, computing every document again rather than reusing the stored
 * entries (an index whose files disagree with the record). */
int resdiff_index_rebuild(resdiff_index_status *status, resdiff_store *store);

/* A clause of a stored document. */
typedef struct {
	const char *symbol;
	const char *language;
	const char *date;
	const char *series;    /* or NULL */
	const char *unit;      /* its id */
} resdiff_clause_ref;

typedef struct {
	resdiff_clause_ref from;   /* the older clause */
	resdiff_clause_ref to;     /* the newer one */
	resdiff_relation relation; /* unchanged, reworded, split or merged */
	double similarity;
	double confidence;         /* of the change (resdiff/align.h) */
	bool moved;
	bool across;               /* to and from are in different series, or
	                              not consecutive members of one */
} resdiff_lineage_step;

typedef struct {
	resdiff_clause_ref clause;       /* the clause asked about */
	const char *text;                /* its text */
	resdiff_lineage_step *steps;     /* blame: from the clause backwards;
	                                    trace: from the clause forwards */
	size_t step_count;
	resdiff_clause_ref *ends;        /* blame: the origins (no earlier source),
	                                    earliest first; trace: the last carriers */
	size_t end_count;
	/* Clauses reached only by a weak step across series (confidence under
	 * RESDIFF_ALIGN_LOW_CONFIDENCE, the two documents in different series
	 * or one in none): the step is listed in `steps`, but the walk does not
	 * go on through it, so such a clause is never an origin (blame) or a
	 * last carrier (trace); the clause's own series' history decides those.
	 * blame: possible earlier sources; trace: possible later carriers. */
	resdiff_clause_ref *weak_ends;
	size_t weak_end_count;
	/* blame --drafts (resdiff_provenance_drafts): the steps through the
	 * document's draft chain, from the clause backwards (adopted ← last
	 * revision ← … ← draft), and the first draft clause that carried it
	 * (draft_first.symbol NULL: no stored draft carried it) */
	resdiff_lineage_step *draft_steps;
	size_t draft_step_count;
	resdiff_clause_ref draft_first;
} resdiff_lineage;

typedef struct {
	bool forwards;                   /* trace (true) or blame */
	bool index_in_memory;            /* the stored index did not describe the
	                                    record's tip: this answer computed it
	                                    in memory */
	bool index_disagrees;            /* ... because a stored file disagreed
	                                    with the record (index_in_memory is
	                                    set too; resdiff_index_rebuild fixes) */
	const char *index_why;           /* ... why, as the rest of "the stored
	                                    clause index ..." ("was computed with
	                                    other language data"; static), NULL
	                                    when not in memory */
	resdiff_lineage *lineages;       /* one per clause asked about */
	size_t count;
	bool drafts;                     /* resdiff_provenance_drafts() ran */
	size_t draft_members;            /* stored drafts and revisions it
	                                    aligned (0: the document has none) */
	resdiff_arena *arena;
	struct index_mem *index_mem;     /* private */
} resdiff_provenance;

/* Lineage backwards of one clause (unit != NULL) or of every clause of the
 * document `symbol` (forgiving, as resdiff_store_resolve). Reads only: when
 * the stored index is stale, lost or wrong, the index is computed in memory
 * (incrementally from the stored one) and index_in_memory says so; only
 * resdiff_index_update() and imports write it back. An empty unit ("")
 * is RESDIFF_EINVALID. */
int resdiff_provenance_blame(resdiff_provenance **out, resdiff_store *store,
		const char *symbol, const char *language, const char *unit);
/* Lineage forwards of one clause, forks included. */
int resdiff_provenance_trace(resdiff_provenance **out, resdiff_store *store,
		const char *symbol, const char *language, const char *unit);
void resdiff_provenance_free(resdiff_provenance *prov);

/* blame --drafts: add to each lineage of a blame the drafts its clause
 * went through (provenance_drafts.c, docs/PROVENANCE.md "Drafts"). The
 * stored members of the document's draft chain (resdiff_store_draft_chain)
 * before it are aligned pair by pair as `resdiff diff --chain` aligns
 * them, and each clause is followed backwards through the matched changes
 * (unchanged, reworded, split, merged) until it was added. A document
 * with no chain, or none stored before it, gets no steps. Reads only;
 * everything added lives in prov's arena. */
int resdiff_provenance_drafts(resdiff_provenance *prov, resdiff_store *store);

int resdiff_render_provenance_text(resdiff_buf *out, const resdiff_provenance *prov);
int resdiff_render_provenance_json(resdiff_buf *out, const resdiff_provenance *prov);

/* ---- series statistics -------------------------------------------------- */

/* Oldest clauses kept per member. */
#define RESDIFF_STATS_OLDEST 3

/* One clause of a member, for the picture of a series. */
typedef struct {
	const char *id;
	const char *text;
	resdiff_relation arrival;   /* from the previous member: unchanged, reworded,
	                               split, merged, or added (new; all of the first) */
	bool dropped_next;          /* not carried into the next member */
} resdiff_member_clause;

/* A band from a clause of the previous member to a clause of this one:
 * one per old and new clause of a matched change (a split forks). */
typedef struct {
	size_t from, to;            /* indices into the two members' clauses */
	resdiff_relation relation;  /* unchanged, reworded, split or merged */
	bool moved;
} resdiff_member_link;

typedef struct {
	const char *symbol;
	const char *date;
	size_t units;
	size_t relations[RESDIFF_REL_COUNT]; /* against the previous member */
	size_t moved;
	size_t carried_units;      /* previous member's clauses matched here */
	size_t previous_units;
	double carried_text;       /* share of the previous text carried over:
	                              sum(length x similarity) / sum(length) over
	                              the previous member's clauses */
	size_t new_units;          /* clauses first seen in this member */
	size_t rolling;            /* changes since the previous member that are
	                              only rolling updates (docs/DIFF.md, "Signals") */
	size_t strengthened;       /* clauses whose opening verb moved up its ladder */
	size_t weakened;           /* ... down */
	/* the oldest clauses still present: unit is the clause's id in this
	 * member, symbol and date the member it first appeared in */
	resdiff_clause_ref oldest[RESDIFF_STATS_OLDEST];
	size_t oldest_count;
	resdiff_member_clause *clauses;   /* `units` of them, in reading order */
	resdiff_member_link *links;       /* from the previous member's clauses */
	size_t link_count;
} resdiff_member_stats;

typedef struct {
	const char *slug;
	const char *language;
	resdiff_member_stats *members;
	size_t count;
	resdiff_arena *arena;
} resdiff_series_stats;

int resdiff_series_stats_build(resdiff_series_stats **out, resdiff_store *store,
		const char *slug, const char *language);
void resdiff_series_stats_free(resdiff_series_stats *stats);

/* Text with a per-year chart of Unicode bars. */
int resdiff_render_stats_text(resdiff_buf *out, const resdiff_series_stats *stats);
int resdiff_render_stats_json(resdiff_buf *out, const resdiff_series_stats *stats);
/* One self-contained HTML page: the picture of the series, an SVG chart
 * of carry-over per member, and the table. */
int resdiff_render_stats_html(resdiff_buf *out, const resdiff_series_stats *stats);
/* The picture of the series, a standalone SVG document (no script, no
 * external reference): a column per member in adoption order, a box per
 * clause coloured by how it arrived (unchanged, reworded, new) and
 * outlined when it is dropped next time, bands from each clause to its
 * successors (forked for splits and merges), a <title> per box with the
 * clause's id and first words. resdiff_stats_svg_write writes the <svg>
 * element alone, for an HTML page. */
int resdiff_render_stats_svg(resdiff_buf *out, const resdiff_series_stats *stats);
int resdiff_stats_svg_write(resdiff_buf *out, const resdiff_series_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
