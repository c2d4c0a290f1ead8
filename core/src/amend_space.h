/*
 * amend_space.h (internal): the spacing rule of "tidy" amendment quotes,
 * shared by the reader (amend_apply.c) and the writer
 * (render_diff_amendments.c), so the writer chooses a tidy quote only
 * when the reader's rule gives back exactly the text. Pure string
 * functions: no document, no repository.
 */
#ifndef RESDIFF_AMEND_SPACE_H
#define RESDIFF_AMEND_SPACE_H

#include "resdiff/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bytes [*start, *end) of s[0..len) without the spaces at its ends
 * (resdiff_text_is_space); *start == *end when it is all spaces. */
void resdiff_amend_space_trim(const char *s, size_t len, size_t *start, size_t *end);

/* Whether a quote is tidy (written without a space at either end), which
 * the reader then applies with resdiff_amend_space_splice's rule. */
bool resdiff_amend_space_tidy(const char *s, size_t len);

/* One edit of a clause text t (len bytes): appends t[*pos, start) to out,
 * then text (tl bytes) in place of t[start, end), and sets *pos = end
 * (or past a space a tidy deletion takes with its word). A tidy edit
 * keeps one space between words: "delete “grave”" takes a space with
 * the word, "after “the” insert “new”" and "after “regard,” insert
 * “with regret”" put one in. *out_start: where the edit's text begins in
 * out. Edits are applied in order of start, none overlapping; the caller
 * appends t[*pos, len) after the last. An edit starting on the space a
 * tidy deletion before it took starts after that space. */
int resdiff_amend_space_splice(resdiff_buf *out, const char *t, size_t len, size_t *pos,
		size_t start, size_t end, const char *text, size_t tl, bool tidy, size_t *out_start);

#endif
