/*
 * resdiff/remote.h: a resdiff repository as a git remote. Copies of a
 * corpus exchange their records through an ordinary git host with
 * libgit2's remote API (file://, ssh://, git://, http(s)://): clone, pull
 * (fetch, then reconcile two records that diverged), push (fast-forward
 * only), and resolve, which settles a conflict a pull kept (docs/STORE.md,
 * "Remotes"; docs/FORMAT.md, section 3, for merge commits and conflicts).
 *
 * Credentials (libgit2 has no git credential helpers and ignores
 * ~/.ssh/config): for ssh, the key file $RESDIFF_SSH_KEY (its passphrase
 * in $RESDIFF_SSH_PASSPHRASE), else ssh-agent; the user is the URL's, else
 * $RESDIFF_SSH_USER, else "git". For https, $RESDIFF_TOKEN as the password
 * of $RESDIFF_USER (default "resdiff"). SSH host keys are checked against
 * $RESDIFF_KNOWN_HOSTS, else ~/.ssh/known_hosts (plain and hashed names).
 *
 * Ownership: the store is the caller's; reports are caller-owned buffers
 * lines are appended to.
 */
#ifndef RESDIFF_REMOTE_H
#define RESDIFF_REMOTE_H

#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"
#include "resdiff/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where the record's conflicts are kept: the other side's text of
 * <lang>/<dir>/<NAME>.txt at conflicts/<lang>/<dir>/<NAME>.txt (an empty
 * file when the other side withdrew it), until `resdiff resolve`. */
#define RESDIFF_REMOTE_CONFLICT_DIR "conflicts"
/* The remote pull and push use by default. */
#define RESDIFF_REMOTE_DEFAULT "origin"
/* Tries of one credential request before giving up (a wrong key would
 * otherwise be offered forever). */
#define RESDIFF_REMOTE_AUTH_TRIES 3

typedef enum {
	RESDIFF_PULL_UP_TO_DATE = 0,  /* the remote had nothing new */
	RESDIFF_PULL_FAST_FORWARD,    /* ours was behind: now the remote's */
	RESDIFF_PULL_MERGED           /* both had changes: a merge commit */
} resdiff_pull_outcome;

typedef struct {
	resdiff_pull_outcome outcome;
	size_t taken;       /* documents the merge took from the remote */
	size_t conflicts;   /* documents changed differently on both sides */
	char record[41];    /* the record's tip after the pull ("" if empty) */
} resdiff_pull_result;

/* Fetch `remote` (a configured remote's name; NULL: "origin") and bring
 * its record together with ours: fast-forward when one contains the
 * other, else a merge commit holding every version from both sides, the
 * other side's text of a document both changed differently kept under
 * RESDIFF_REMOTE_CONFLICT_DIR with a `Conflict:` trailer. Then the views
 * and the clause index are rebuilt. A failed fetch (a server gone
 * mid-transfer) changes nothing. Lines for the user go to report. */
int resdiff_remote_pull(resdiff_pull_result *result, resdiff_buf *report, resdiff_store *store,
		const char *remote);

/* Create a repository at path (new or empty directory) as a copy of url:
 * init, the remote "origin", a pull. On error nothing is left at path. */
int resdiff_remote_clone(resdiff_pull_result *result, resdiff_buf *report, const char *url,
		const char *path);

/* Push the record to `remote` fast-forward only, then the derived refs
 * (views, symbols, index; forced: they name the record they were built
 * from). RESDIFF_EMODIFIED when the remote's record has changes we lack
 * (the message says to run 'resdiff pull'); RESDIFF_ECONFLICT, nothing
 * sent, while the record holds conflicts a pull kept (the message names
 * them and 'resdiff resolve'). */
int resdiff_remote_push(resdiff_buf *report, resdiff_store *store, const char *remote);

typedef enum {
	RESDIFF_SETTLE_OURS = 0,   /* keep the text at the document's path */
	RESDIFF_SETTLE_THEIRS,     /* take the other side's (or its withdrawal) */
	RESDIFF_SETTLE_TEXT        /* a new text: doc */
} resdiff_settle;

/* Settle the conflict of symbol (exact) in language lang: one record
 * commit "resolve SYMBOL (lang): ..." that leaves one text; the views are
 * rebuilt. doc is used with RESDIFF_SETTLE_TEXT only (its symbol and
 * language must be these). RESDIFF_ENOTFOUND when there is no conflict. */
int resdiff_remote_resolve(char commit[41], resdiff_store *store, const char *symbol,
		const char *lang, resdiff_settle take, const resdiff_doc *doc);

/* The unsettled conflicts at the record's tip, "SYMBOL\tlang\tHOW\n" each,
 * HOW "changed" (both sides changed the text), "withdrawn-there" (the other
 * side withdrew what we changed) or "withdrawn-here" (we withdrew what the
 * other side changed: the document is in no tree but the conflicts one). */
int resdiff_remote_conflicts(resdiff_buf *out, resdiff_store *store);

/* The conflict a forgiving symbol names ("80/3", "A/RES/80/3",
 * "A_RES_80_3"; lang_filter or NULL), as resdiff_store_resolve finds a
 * stored document: one a copy withdrew is stored nowhere else.
 * *symbol and *lang are the caller's to free. RESDIFF_ENOTFOUND when none,
 * RESDIFF_EAMBIGUOUS (the message lists them) when several. */
int resdiff_remote_conflict_find(char **symbol, char **lang, resdiff_store *store,
		const char *query, const char *lang_filter);

#ifdef __cplusplus
}
#endif

#endif
