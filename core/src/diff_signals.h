/*
 * diff_signals.h (internal): the steps of resdiff_diff_docs() after the
 * word and footnote edits that read what a negotiator looks for first
 * (docs/DIFF.md, "Signals"): the opening verb of every matched change,
 * and which edits are only the rolling update of an annual resolution.
 * Both fill diff->signals (allocated by the caller, zeroed) and allocate
 * from diff->arena.
 */
#ifndef RESDIFF_DIFF_SIGNALS_H
#define RESDIFF_DIFF_SIGNALS_H

#include "resdiff/diff.h"

/* The verb of each reworded, split or merged change, old beside new. */
int diff_verbs(resdiff_diff *diff);

/* Tag every deletion and insertion (of clauses and footnotes) that is a
 * rolling update, and each change's counts; diff->steps first. */
int diff_rolling(resdiff_diff *diff);

/* How far the second text is from the first, in sessions (steps[0]) and
 * years (steps[1]), from their symbols and dates (one session a year: each
 * stands in for the other); 0 where none or backwards. False when nothing
 * tells. */
bool diff_rolling_steps(long steps[2], const resdiff_doc *old_doc, const resdiff_doc *new_doc);

#endif
