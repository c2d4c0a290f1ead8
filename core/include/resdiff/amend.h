/*
 * resdiff/amend.h: tabled amendments to a draft, read and applied.
 *
 * Two stages, neither prints:
 *
 * - The reader (core/src/amend_read.c) is a parser stage: the text of an
 *   amendment document (the wording `resdiff diff --format=amendments`
 *   writes, or the usual UN phrasings: docs/AMEND.md) in, the list of
 *   amendments out, each with its number, its source line and its
 *   operations on the draft (delete, insert, replace, edit, move, make a
 *   clause another kind), citing clauses by their numbers in the draft as
 *   tabled. It knows no document. The phrases it reads are a language
 *   file's [amendment-phrases] (what the writer writes) and
 *   [amendment-grammar] (docs/LANGUAGES.md); nothing of a language is in
 *   the code.
 * - The applier (core/src/amend_apply.c) takes a document and the
 *   amendments and makes the amended document, its units numbered as the
 *   amended text would be printed, with the outcome of every amendment:
 *   applied, or why not (quoted words not found or found more than once,
 *   no such paragraph, two amendments touching the same words). An
 *   amendment that cannot apply is not applied; the others still are.
 *
 * Ownership: resdiff_amendments_read() returns a list the caller frees
 * with resdiff_amendments_free(); every string in it lives in its arena.
 * resdiff_amendments_apply() returns a result the caller frees with
 * resdiff_amend_result_free(); it owns the amended document and the
 * reasons, and borrows the amendments, which must outlive it.
 */
#ifndef RESDIFF_AMEND_H
#define RESDIFF_AMEND_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits: an amendment document over RESDIFF_AMEND_MAX_INPUT bytes
 * or with more than RESDIFF_AMEND_MAX_ITEMS amendments is refused
 * (RESDIFF_ETOOBIG); an amendment the reader cannot read within
 * RESDIFF_AMEND_MAX_STEPS steps (its quotes can be cut too many ways) is
 * reported as unread, like any amendment it cannot read. */
#define RESDIFF_AMEND_MAX_INPUT (16u * 1024 * 1024)
#define RESDIFF_AMEND_MAX_ITEMS 20000
#define RESDIFF_AMEND_MAX_STEPS 200000

/* ---- the reader ---------------------------------------------------------- */

typedef enum {
	RESDIFF_AMEND_EDIT = 0,   /* word edits inside one clause */
	RESDIFF_AMEND_DELETE,     /* delete clauses */
	RESDIFF_AMEND_INSERT,     /* insert new clauses */
	RESDIFF_AMEND_REPLACE,    /* replace clauses with new texts */
	RESDIFF_AMEND_MOVE,       /* move a clause elsewhere */
	RESDIFF_AMEND_RETYPE      /* a clause becomes a clause of another kind */
} resdiff_amend_op_kind;

/* "edit", "delete", ... */
const char *resdiff_amend_op_kind_name(resdiff_amend_op_kind kind);

typedef enum {
	RESDIFF_AMEND_EDIT_REPLACE = 0,   /* replace `old` with `new` */
	RESDIFF_AMEND_EDIT_DELETE,        /* delete `old` */
	RESDIFF_AMEND_EDIT_INSERT_AFTER,  /* after `old` insert `new` */
	RESDIFF_AMEND_EDIT_INSERT_BEFORE, /* before `old` insert `new` */
	RESDIFF_AMEND_EDIT_INSERT_START,  /* insert `new` at the beginning */
	RESDIFF_AMEND_EDIT_INSERT_END     /* insert `new` at the end */
} resdiff_amend_edit_kind;

typedef struct {
	resdiff_amend_edit_kind kind;
	const char *old;   /* the quoted words: those replaced or deleted, or
	                    * those an insertion follows or precedes; NULL at
	                    * the beginning or the end */
	const char *new;   /* the words put in; NULL for a deletion */
} resdiff_amend_edit;

/* A clause as an amendment cites it: its kind and its number in the draft
 * as tabled ("2", "61(a)", and "1~2", the writer's name for the second
 * paragraph printed with the number 1). */
typedef struct {
	resdiff_unit_kind kind;   /* preamble, operative, subparagraph, heading
	                           * or paragraph ("paragraph 5" of a report) */
	const char *number;
} resdiff_amend_ref;

typedef enum {
	RESDIFF_AMEND_AT_START = 0,    /* at the beginning of the text */
	RESDIFF_AMEND_AFTER_CLAUSE,    /* after `ref` */
	RESDIFF_AMEND_AFTER_INSERTED   /* after the text amendment `item` inserted */
} resdiff_amend_place_kind;

typedef struct {
	resdiff_amend_place_kind kind;
	resdiff_amend_ref ref;    /* AFTER_CLAUSE */
	size_t item;              /* AFTER_INSERTED: the amendment's number */
} resdiff_amend_place;

/* One operation. refs: the clauses it acts on (one for edit, move and
 * retype; one or more for delete and replace, which replaces them all by
 * the texts; none for insert). */
typedef struct {
	resdiff_amend_op_kind kind;
	resdiff_amend_ref *refs;
	size_t ref_count;
	resdiff_amend_edit *edits;  /* edit: in the order given */
	size_t edit_count;
	const char **texts;         /* insert, replace: the new clauses' texts */
	size_t text_count;
	bool has_kind;              /* the amendment names the kind: */
	resdiff_unit_kind new_kind; /* insert: of the new clauses; retype and
	                             * move ("..., as a new preambular
	                             * paragraph"): the kind it becomes */
	resdiff_amend_place place;  /* insert, move */
} resdiff_amend_op;

typedef struct {
	size_t number;            /* as the document numbers it ("3." is 3), else 1, 2, ... */
	size_t line;              /* 1-based line of the document where it starts */
	const char *text;         /* as read, its lines joined */
	resdiff_amend_op *ops;    /* in the order given */
	size_t op_count;
	const char *error;        /* NULL when read; else why it could not be */
} resdiff_amendment;

typedef struct resdiff_amendments {
	const char *header;       /* "Amendments to draft resolution A/C.3/80/L.21", or NULL */
	const char *language;     /* the language whose phrases read it ("en") */
	bool none;                /* the document says there are none ("No amendments.") */
	resdiff_amendment *items;
	size_t count;
	resdiff_arena *arena;     /* owns everything above */
} resdiff_amendments;

typedef struct {
	const char *language;     /* read only this language's phrases; NULL:
	                           * the language that reads most amendments */
	const char *source;       /* the name in error messages ("-": stdin) */
} resdiff_amend_read_options;

#define RESDIFF_AMEND_READ_OPTIONS_INIT { NULL, NULL }

/* Read text[0..len). An amendment the reader cannot read is kept, with
 * its `error`. Errors: RESDIFF_EINVALID for text that is not UTF-8, for
 * an unknown language, and when nothing in it reads as an amendment;
 * RESDIFF_ETOOBIG over the limits. */
int resdiff_amendments_read(resdiff_amendments **out, const char *text, size_t len,
		const resdiff_amend_read_options *opts);
void resdiff_amendments_free(resdiff_amendments *amendments);

/* ---- the applier ------------------------------------------------------- */

typedef enum {
	RESDIFF_AMEND_APPLIED = 0,
	RESDIFF_AMEND_UNREAD,     /* the reader could not read it */
	RESDIFF_AMEND_FAILED,     /* it cannot apply to this draft */
	RESDIFF_AMEND_CLASH       /* it touches what another amendment touches */
} resdiff_amend_status;

/* "applied", "unread", "failed", "clash" */
const char *resdiff_amend_status_name(resdiff_amend_status status);

typedef struct {
	const resdiff_amendment *amendment;  /* borrowed */
	resdiff_amend_status status;
	const char *reason;       /* NULL when applied */
	size_t clash_with;        /* CLASH: the number of an amendment it clashes with */
} resdiff_amend_outcome;

typedef struct resdiff_amend_result {
	resdiff_doc *doc;         /* the amended document */
	resdiff_amend_outcome *outcomes;  /* one per amendment, in order */
	size_t count;
	size_t applied;           /* how many were applied */
	resdiff_arena *arena;     /* owns the outcomes and their reasons */
} resdiff_amend_result;

/* Apply the amendments to `draft` (every number they cite is the draft's
 * as tabled): each amendment applies whole or not at all. The amended
 * document keeps the draft's metadata and footnotes; its units are
 * numbered as the amended text would be printed (PP1.., OP1.., OP1(a)..,
 * labels to match), carry the draft's source line (0 for new text) and
 * their footnote markers where the words around them remain; it has no
 * diagnostics. Errors: RESDIFF_ENOMEM. */
int resdiff_amendments_apply(resdiff_amend_result **out, const resdiff_doc *draft,
		const resdiff_amendments *amendments);
void resdiff_amend_result_free(resdiff_amend_result *result);

#ifdef __cplusplus
}
#endif
#endif
