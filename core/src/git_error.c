/* git_error.c: libgit2 errors as resdiff errors. */
#include "git_error.h"

int resdiff_git_fail(int gerr, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	int code = RESDIFF_EIO;

	switch (gerr) {
	case GIT_ENOTFOUND: code = RESDIFF_ENOTFOUND; break;
	case GIT_EMODIFIED: case GIT_EEXISTS: code = RESDIFF_EMODIFIED; break;
	case GIT_EINVALIDSPEC: case GIT_EINVALID: code = RESDIFF_EINVALID; break;
	case GIT_EAMBIGUOUS: code = RESDIFF_EAMBIGUOUS; break;
	case GIT_ELOCKED:
		return resdiff_error_set(RESDIFF_ELOCKED, "%s: %s; if no other resdiff or git "
			"process is running, remove the stale lock with 'resdiff unlock'", what, msg);
	default: break;
	}
	return resdiff_error_set(code, "%s: %s", what, msg);
}
