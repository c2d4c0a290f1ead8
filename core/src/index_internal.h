/* index_internal.h: the clause fingerprint index (refs/resdiff/index),
 * shared by index.c (building) and provenance.c (reading). Not public. */
#ifndef RESDIFF_INDEX_INTERNAL_H
#define RESDIFF_INDEX_INTERNAL_H

#include <git2.h>
#include "resdiff/provenance.h"
#include "store_internal.h"

/* One source of one clause: the clause `unit` of this document comes from
 * clause src_unit of src_symbol (same language). */
typedef struct {
	size_t unit;              /* index into the entry's unit ids */
	const char *src_symbol;
	const char *src_unit;
	resdiff_relation relation;
	double similarity;
	double confidence;        /* of the change, as resdiff diff shows it */
	bool moved, across;
} index_link;

/* One document of the index: one file of the index tree. */
typedef struct {
	const char *path;         /* "<lang>/<dir>/<NAME>.txt", as in the record */
	const char *symbol, *language, *date, *series;   /* series may be NULL */
	git_oid blob;             /* the record blob it was computed from */
	bool has_prev;
	const char *prev_symbol;  /* previous member of its series */
	git_oid prev_blob;
	size_t unit_count;
	const char **unit_ids;
	uint32_t *sketch;         /* unit_count x RESDIFF_INDEX_SKETCH, 0 = none */
	index_link *links;
	size_t link_count;
	/* the links of later documents into this one, reversed: unit is this
	 * document's clause, src_symbol/src_unit the later clause (trace) */
	index_link *rlinks;
	size_t rlink_count;
	git_oid file;             /* the index blob */
	/* parsed up to the links (index_entry_parse_links): the rest of the
	 * file, in the parse's arena; NULL once parsed (or when there is none) */
	char *links_text;
	size_t lines;             /* lines parsed so far */
	/* an update's old entry taken from its language's catalogue: the
	 * header alone (no unit ids, fingerprints nor links) until its file
	 * is read (index.c old_load); pos is its place in the catalogue */
	bool head_only;
	size_t pos;
	/* an update's old entry taken from its language's summary (format
	 * 15): its record blob and index file are not known until its
	 * directory's catalogue is read (index.c old_detail), or its blob
	 * from the record when the record's directory did not change;
	 * prev_path is its previous member's path, derived from the
	 * summary's order (NULL: none, or an entry not from a summary) */
	bool summary_only;
	const char *prev_path;
} index_entry;

/* Parse an index file into e (strings in arena). RESDIFF_EINVALID when it
 * is not a well-formed index file of this format. Without want_sketch the
 * fingerprints are skipped (e->sketch is NULL): blame and trace need only
 * the clauses and the links. */
int index_entry_parse(index_entry *e, resdiff_arena *arena, const char *data, size_t len,
		const char *path, bool want_sketch);
/* The same up to the links ("from" and "to" lines): their text is kept in
 * e->links_text, unparsed, for index_entry_parse_links (an update needs
 * the links of a few files only). */
int index_entry_parse_head(index_entry *e, resdiff_arena *arena, const char *data, size_t len,
		const char *path);
/* The links of an entry parsed by index_entry_parse_head (nothing when
 * they are parsed already). RESDIFF_EINVALID when they are malformed: e
 * then has no links. */
int index_entry_parse_links(index_entry *e, resdiff_arena *arena);

/* The index commit's tree if it is fresh (built from the record's tip in
 * this format); *tree NULL when stale, lost or unreadable, and *why (may
 * be NULL) then says which, as the rest of "the stored clause index ..."
 * ("is missing", "was computed with other language data"; static).
 * *record gets the record tip (zero when the record is empty). */
int index_fresh_tree(git_tree **tree, const char **why, git_oid *record, resdiff_store *s);
/* Bring a stored index of an older index format to this one, and up to
 * date: from its files when its links are today's (RESDIFF_INDEX_LINKS_
 * FORMAT or later: only the catalogue is missing), else recomputed;
 * nothing when there is none or it is of this format (*converted false).
 * A writer: resdiff upgrade. */
int index_upgrade(resdiff_index_status *status, bool *converted, resdiff_store *s);
/* Update the stored index (a writer: takes the lock), rebuilding every
 * entry when `full`. */
int index_update(resdiff_index_status *status, resdiff_store *s, bool full);

/* An index computed in memory from the record at its tip (*record; zero
 * when the record is empty), reusing the stored index's entries that still
 * hold: what readers use when the stored one is stale, since readers never
 * write. Every entry when `full`. Free with index_mem_free(). */
typedef struct index_mem index_mem;
int index_mem_build(index_mem **out, git_oid *record, resdiff_store *s, bool full);
/* The entry of the document at a record path, or NULL. */
const index_entry *index_mem_find(const index_mem *m, const char *path);
void index_mem_free(index_mem *m);

#endif
