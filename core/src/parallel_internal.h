/*
 * parallel_internal.h: what the parallel aligner (parallel.c) reads of
 * each unit, computed once per document by parallel_signal.c: the
 * signals that survive translation (resdiff/parallel.h).
 */
#ifndef RESDIFF_PARALLEL_INTERNAL_H
#define RESDIFF_PARALLEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "resdiff/lang.h"
#include "resdiff/parallel.h"

/* A sorted set of 64-bit hashes (no duplicates). */
typedef struct {
	const uint64_t *hash;
	size_t count;
} par_set;

typedef struct {
	size_t letters;         /* letters and digits, at least 1 */
	size_t marks;           /* clause punctuation: commas, semicolons,
	                           colons, opening parentheses, of any script */
	par_set numbers;        /* numbers (any script's digits, months of dates,
	                           "(III)"), and document symbols */
	par_set words;          /* Latin-script words, case-folded: every word
	                           in a Latin-script document, the names in
	                           another script */
	size_t list_items;      /* labels of list items in the text ("(a)") */
	const char *key;        /* the id when it comes from a printed number
	                           (OP12, ART13), else NULL */
	resdiff_unit_kind kind;
} par_unit;

typedef struct {
	const resdiff_doc *doc;
	const resdiff_lang *lang;
	bool latin;             /* written in the Latin script */
	double log_ratio;       /* log of lang->length_ratio */
	double var;             /* lang->length_noise squared */
	par_unit *units;
	size_t count;
	size_t *prefix;         /* prefix[i]: letters of units [0, i) */
	size_t *mark_prefix;    /* the same for marks */
} par_doc;

/* Compute the signals of every unit of `doc` (language `lang`) into pd,
 * allocating from `arena`. RESDIFF_ENOMEM, RESDIFF_ETOOBIG. */
int par_doc_build(par_doc *pd, const resdiff_doc *doc, const resdiff_lang *lang,
		resdiff_arena *arena);

/* Is this the heading of an article ("ART13", "ANNEX1-ART2"), whose
 * number is its id? */
bool par_is_article_heading(const char *id);

/* |a ∩ b| of two sets. */
size_t par_set_common(par_set a, par_set b);
/* The union of the sets of units [first, first + count) of pd: the one
 * unit's set, or a merge into *scratch (grown with realloc; the caller
 * frees it). which: 0 numbers, 1 words. */
int par_range_set(par_set *out, const par_doc *pd, size_t first, size_t count, int which,
		uint64_t **scratch, size_t *scratch_alloc);

/* The numbers of units [first, first + count) of pd with the text a
 * reader knows them by, in text order (duplicates kept): what a row's
 * reasons name (parallel_reason.c). */
typedef struct {
	uint64_t hash;          /* as in par_unit.numbers */
	size_t name;            /* offset of its NUL-terminated text in names */
} par_token;

typedef struct {
	par_token *tok;
	size_t count, alloc;
	resdiff_buf names;
} par_tokens;

/* Append the tokens of the range to *out; par_tokens_dispose() frees. */
int par_range_tokens(par_tokens *out, const par_doc *pd, size_t first, size_t count);
void par_tokens_dispose(par_tokens *t);

/* The reasons of a row whose flags are set (resdiff_parallel_reason),
 * allocated from `arena`. */
int par_row_reasons(resdiff_parallel_row *row, const par_doc *docs, size_t ndocs,
		resdiff_arena *arena);
/* The metadata check (resdiff_parallel.meta_flags): fills p's meta_*. */
int par_meta_reasons(resdiff_parallel *p);

#endif
