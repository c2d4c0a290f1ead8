/*
 * diff_notes.h (internal): the footnote edits of a diff (resdiff_diff's
 * notes), a step of resdiff_diff_docs() after the clause edits.
 */
#ifndef RESDIFF_DIFF_NOTES_H
#define RESDIFF_DIFF_NOTES_H

#include "resdiff/diff.h"

/* For every change whose footnotes changed, its footnotes old beside new
 * with the word edits of their bodies (in diff->arena). Initialises
 * libgit2 for the word edits when there is anything to diff. */
int diff_footnote_edits(resdiff_diff *diff);

#endif
