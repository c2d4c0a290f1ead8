/* git_error.h: libgit2 errors as resdiff errors, for the stages that use
 * git (store, index, report). Internal to core/. */
#ifndef RESDIFF_GIT_ERROR_H
#define RESDIFF_GIT_ERROR_H

#include <git2.h>
#include "resdiff/common.h"

/* Map a libgit2 error code to a RESDIFF_E* code and set the last-error
 * message "what: libgit2's message" (a held lock names 'resdiff unlock'). */
int resdiff_git_fail(int gerr, const char *what);

/* Run a libgit2 call; on failure set `error` and jump to `done`. */
#define GIT_TRY(call, what) do { int gerr_ = (call); \
	if (gerr_ < 0) { error = resdiff_git_fail(gerr_, what); goto done; } } while (0)

#endif
