/*
 * resdiff/worddiff.h: the edits inside a reworded clause.
 *
 * Both texts are cut into tokens: each character of an unspaced script
 * (the script table's Han: Han, kana, Hangul) is a token, other scripts
 * are cut at ICU word boundaries, every punctuation mark is a token of its
 * own and a run of whitespace is one token. Tokens
 * are compared by their comparison keys (resdiff/compare.h: a width-only
 * difference is no edit) through libgit2's xdiff (git_diff_buffers, one
 * token per line, patience, never "minimal"). Short equal runs between
 * two edits (at most RESDIFF_WORDDIFF_TINY tokens that are not spaces)
 * are then folded into one replacement, so "不满意地注意到" -> "强调指出"
 * reads as one change rather than scattered characters.
 *
 * The edits, read in order, spell the old text when the insertions are
 * skipped and the new text when the deletions are skipped (equal runs
 * show the new text's characters).
 *
 * Ownership: edits and their text are allocated from the caller's arena.
 */
#ifndef RESDIFF_WORDDIFF_H
#define RESDIFF_WORDDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Named limits. Above RESDIFF_WORDDIFF_MAX_TOKENS tokens on a side the
 * clause is shown as one replacement instead of being diffed. */
#define RESDIFF_WORDDIFF_MAX_TOKENS 200000
#define RESDIFF_WORDDIFF_TINY 2

typedef enum {
	RESDIFF_EDIT_EQUAL = 0,
	RESDIFF_EDIT_INSERT,
	RESDIFF_EDIT_DELETE
} resdiff_edit_op;

/* "equal", "insert", "delete". */
const char *resdiff_edit_op_name(resdiff_edit_op op);

typedef struct {
	resdiff_edit_op op;
	const char *text;   /* NUL terminated, in the arena */
	size_t len;
	bool rolling;       /* a deletion or insertion that is only a rolling
	                       update (resdiff/diff.h); resdiff_worddiff() leaves
	                       it false, the diff stage sets it */
} resdiff_edit;

/* Word edits turning old[0..olen) into new[0..nlen) (UTF-8). *out is an
 * array of *count edits in `arena`. Adjacent edits never share an op, and
 * a deletion comes before the insertion that replaces it. */
int resdiff_worddiff(resdiff_edit **out, size_t *count, resdiff_arena *arena,
		const char *old_text, size_t olen, const char *new_text, size_t nlen);

#ifdef __cplusplus
}
#endif
#endif
