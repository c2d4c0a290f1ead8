/*
 * resdiff/store.h: the resdiff repository, a bare git repository written
 * through libgit2 only (docs/FORMAT.md, docs/STORE.md).
 *
 * Refs (the layout is a contract, see docs/FORMAT.md):
 * (format 3; formats 1 and 2 had refs/symbols/ and refs/resdiff/views)
 *   refs/heads/readme (HEAD)           a fixed commit resdiff never moves
 *   refs/heads/record                  the record: every import and every
 *                                      correction in the order made;
 *                                      append-only, always fast-forwards.
 *                                      Tree: <lang>/<dir>/<NAME>.txt
 *   refs/heads/series/<slug>/<lang>    adoption-ordered view of one series
 *                                      in one language, one commit per
 *                                      member, rebuilt from the record (may
 *                                      be force-updated). Tree: one file
 *                                      <slug>.<lang>.txt.
 *   refs/heads/resdiff/symbols/<lang>/<NAME>  a member's commit in its view
 *   refs/heads/resdiff/views           the record commit the views were
 *                                      last built from (repair journal)
 * NAME is the reversible mapping of name.h (E/RES/2009/7 -> E_RES_2009_7).
 *
 * The record is the truth: one record commit per import, correction or
 * withdrawal; a transaction is published by moving refs/heads/record, one
 * atomic ref update made after everything it names is on disk (fsync).
 * The views and symbol refs are derived from the record after it moves;
 * refs/heads/resdiff/views names the record commit they were built from, and
 * readers use them only while it names the record's tip (otherwise they
 * compute the histories from the record in memory, and say so in a note).
 *
 * Writers hold a kernel lock on <gitdir>/resdiff.lock (flock: the kernel
 * drops it when the process dies, so no stale lock can exist) for the whole
 * transaction. Readers never write and never lock.
 *
 * Ownership: resdiff_store_open/init return a store the caller frees with
 * resdiff_store_free(). Documents returned are freed with
 * resdiff_doc_free(), series lists with resdiff_series_list_free(), and
 * strings returned through char ** with free().
 */
#ifndef RESDIFF_STORE_H
#define RESDIFF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "resdiff/common.h"
#include "resdiff/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The storage format this resdiff writes (`git config resdiff.format`),
 * and the oldest it reads and upgrades (docs/FORMAT.md, "Versions"). */
/* Format 3 (remote): every ref a reader needs under refs/heads/ and a
 * readme commit naming the format (docs/FORMAT.md, "Format 2 -> 3"). */
#define RESDIFF_STORE_FORMAT_REFS_HEADS 3
/* The format in which a draft names its resolution (the draft-of key of
 * the document file) and drafts stay out of the series views: one upgrade
 * step, from the format before it (docs/FORMAT.md, "Draft links"). */
#define RESDIFF_STORE_FORMAT_DRAFT_LINKS 4
/* The format that keeps the record's withdrawals as a list under
 * RESDIFF_STORE_WITHDRAWALS_REF, stamped with the record commit it was
 * built from, so that an import need not walk the record's history
 * (docs/FORMAT.md, "The withdrawals list"). */
#define RESDIFF_STORE_FORMAT_WITHDRAWALS 5
#define RESDIFF_STORE_FORMAT RESDIFF_STORE_FORMAT_WITHDRAWALS
#define RESDIFF_STORE_FORMAT_OLDEST 1
/* Format 3 keeps every ref a reader needs under refs/heads/, so that a
 * stock `git clone` (plain, --bare or --mirror) carries them. */
#define RESDIFF_STORE_RECORD_REF "refs/heads/record"
#define RESDIFF_STORE_SERIES_PREFIX "refs/heads/series/"
#define RESDIFF_STORE_SYMBOL_PREFIX "refs/heads/resdiff/symbols/"
#define RESDIFF_STORE_VIEWS_REF "refs/heads/resdiff/views"
/* Format 5: a commit whose tree holds RESDIFF_STORE_WITHDRAWALS_FILE, one
 * line per withdrawal in the record ("<lang>\t<symbol>\t<the record commit
 * before it>", newest first), and whose Record: trailer names the record
 * commit the list was built from; its parent is the previous list. */
#define RESDIFF_STORE_WITHDRAWALS_REF "refs/heads/resdiff/withdrawals"
#define RESDIFF_STORE_WITHDRAWALS_FILE "withdrawals"
/* HEAD: one fixed commit resdiff never moves (README.md and the file
 * RESDIFF_STORE_FORMAT_FILE naming the format), so a plain clone checks
 * out a branch that no resdiff command changes. */
#define RESDIFF_STORE_README_REF "refs/heads/readme"
#define RESDIFF_STORE_FORMAT_FILE "resdiff-format"
/* Formats 1 and 2 kept these outside refs/heads/. */
#define RESDIFF_STORE_SYMBOL_PREFIX_V2 "refs/symbols/"
#define RESDIFF_STORE_VIEWS_REF_V2 "refs/resdiff/views"
#define RESDIFF_STORE_LOCK_FILE "resdiff.lock"
/* How long a writer waits for another writer ($RESDIFF_LOCK_TIMEOUT_MS). */
#define RESDIFF_STORE_LOCK_TIMEOUT_MS 120000
/* A git *.lock file at least this old, found by a writer holding the
 * writer lock, was left by a killed process and is removed. */
#define RESDIFF_STORE_GIT_LOCK_STALE_S 2
/* Largest object the store writes: a stored document is at most the
 * parser's input cap (RESDIFF_PARSE_MAX_INPUT); RESDIFF_ETOOBIG beyond. */
#define RESDIFF_STORE_OBJECT_MAX (64u * 1024 * 1024)
/* Most documents in one import transaction (callers split larger sets). */
#define RESDIFF_STORE_BATCH_MAX 1000
/* Transactions of at least this many documents write one pack; smaller
 * ones write loose objects (many small packs would slow every lookup). */
#define RESDIFF_STORE_PACK_MIN_DOCS 16
/* Largest tree a bulk transaction keeps parsed in libgit2's object cache
 * (libgit2 keeps none over 4 KiB): a record directory of a session, read
 * for every document imported into it, is ~12 KB at 250 documents. */
#define RESDIFF_STORE_TREE_CACHE_MAX (256u * 1024)
/* The environment variable naming the repository. */
#define RESDIFF_STORE_ENV "RESDIFF_REPO"

typedef struct resdiff_store resdiff_store;

/* Create a resdiff repository (a bare git repository) at path; *created
 * is false when path already was one (then it is opened unchanged). */
int resdiff_store_init(resdiff_store **out, bool *created, const char *path);

/* Find and open the repository the way git does: from `start` (or, when
 * NULL, $RESDIFF_REPO, else the current directory) upwards. */
int resdiff_store_open(resdiff_store **out, const char *start);
void resdiff_store_free(resdiff_store *store);

/* The git directory (owned by the store). */
const char *resdiff_store_path(const resdiff_store *store);
/* The repository's storage format (RESDIFF_STORE_FORMAT_OLDEST up to
 * RESDIFF_STORE_FORMAT; writing needs RESDIFF_STORE_FORMAT). */
int resdiff_store_format(const resdiff_store *store);

/* Durability: on by default, every transaction syncs what it wrote before
 * its refs move (docs/FORMAT.md). Off for bulk loads that can be redone
 * (`import --no-fsync`): a power cut may then lose or damage the import. */
void resdiff_store_set_fsync(resdiff_store *store, bool on);

/* A writer that finds another writer at work waits for it (up to
 * RESDIFF_STORE_LOCK_TIMEOUT_MS); after RESDIFF_STORE_LOCK_NOTE_MS of
 * waiting it calls cb once, with the holder's process id (0: unknown),
 * how long it waits in all, and payload, so the caller can say why
 * nothing happens. NULL: nothing is called. */
#define RESDIFF_STORE_LOCK_NOTE_MS 1000
typedef void (*resdiff_store_wait_cb)(long holder_pid, long timeout_ms, void *payload);
void resdiff_store_set_wait_cb(resdiff_store *store, resdiff_store_wait_cb cb, void *payload);

/* Things the user should know that are not errors, one per line: lock
 * files removed, histories computed in memory because the stored ones lag
 * the record, derived refs left to repair. Owned by the store, valid until
 * resdiff_store_notes_clear(). */
const char *resdiff_store_notes(const resdiff_store *store);
void resdiff_store_notes_clear(resdiff_store *store);

typedef enum {
	RESDIFF_IMPORT_ADDED = 0,
	RESDIFF_IMPORT_AMENDED,
	RESDIFF_IMPORT_UNCHANGED
} resdiff_import_result;

/* What an amendment changed, as its record commit's subject says it
 * (docs/FORMAT.md section 3): the units or footnotes ("text"), the header
 * ("metadata": title, date, series, ...), or only the source the same text
 * was read from ("source": its Source-SHA256 and source lines, e.g. the
 * PDF and then its text extraction; "source lines": the lines alone). */
typedef enum {
	RESDIFF_IMPORT_CHANGE_NONE = 0,   /* added or unchanged */
	RESDIFF_IMPORT_CHANGE_TEXT,
	RESDIFF_IMPORT_CHANGE_METADATA,
	RESDIFF_IMPORT_CHANGE_SOURCE,
	RESDIFF_IMPORT_CHANGE_SOURCE_LINES
} resdiff_import_change;

/* "text", "metadata", "source", "source lines" ("" for NONE). */
const char *resdiff_import_change_name(resdiff_import_change change);

/* One document to import. The caller owns doc; symbol and language must be
 * set (series and date when it belongs to an adoption-ordered history). */
/* A correction whose units share less than this (Dice of their n-grams,
 * resdiff/compare.h) with the stored text is refused unless forced: it is
 * more likely another document given the wrong symbol. */
#define RESDIFF_STORE_CORRECTION_MIN_SIMILARITY 0.5

typedef struct {
	const resdiff_doc *doc;
	const char *source_sha256;    /* hex SHA-256 of the source bytes, or NULL */
	bool force;                   /* store a correction that shares little
	                                 text with the stored one, or a draft
	                                 whose text reads as adopted */
	const char *force_reason;     /* why the caller forced it (its own
	                                 check), or NULL; recorded */
	resdiff_import_result result; /* out */
	resdiff_import_change change; /* out: what an amendment changed */
	char commit[41];              /* out: the record commit, "" if unchanged */
	char forced[200];             /* out: what was forced ("" if nothing),
	                                 recorded as a Forced: trailer */
} resdiff_store_item;

/* Check that a document's symbol, language, series and date make safe,
 * valid names, and that a draft-of link is a resolution symbol given to a
 * document whose own symbol is not one (RESDIFF_EINVALID otherwise). */
int resdiff_store_check_doc(const resdiff_doc *doc);

/* RESDIFF_EINVALID, unless `force`, when the metadata a document would be
 * stored with contradicts what its text says of itself (resdiff_doc's
 * text_script, text_language, text_date; set by the parser, docs/LANGUAGES.md
 * "What the text says"): its language is written in another script, the
 * text clearly reads as another language of the same script, or the text
 * states another adoption date. `why` (NULL, or why_size bytes) receives
 * what was contradicted when forced, else "". resdiff_store_import checks
 * every item and records a forced one in its Forced: trailer; a caller may
 * check first to name its file. A document read back from the store says
 * nothing of itself and passes. */
int resdiff_store_check_text(const resdiff_doc *doc, bool force, char *why, size_t why_size);

/* Import up to RESDIFF_STORE_BATCH_MAX documents in one transaction: one
 * record commit per new or changed document, then the series views they
 * touch. All or nothing: on error no ref has moved. A document whose
 * canonical file equals the stored one but for its Source-SHA256 (other
 * line ends, a byte-order mark: nothing the parser keeps) is unchanged. A
 * correction sharing too little text with the stored version, and a draft
 * whose text reads as adopted (resdiff_doc.reads_adopted), are refused
 * (RESDIFF_EINVALID) unless item.force; forced, the record commit says
 * why in a Forced: trailer. */
int resdiff_store_import(resdiff_store *store, resdiff_store_item *items, size_t count);

/* Withdraw a document imported by mistake: a record commit "withdraw
 * SYMBOL (lang)" that removes its file (its history stays in the record),
 * its series history rebuilt without it, its symbol ref deleted. `symbol`
 * is exact (resolve a forgiving one first); commit gets the record commit.
 * RESDIFF_ENOTFOUND when the record's tip does not hold it. */
int resdiff_store_withdraw(resdiff_store *store, const char *symbol, const char *language,
		char commit[41]);

/* A correction says what it changes: fill the metadata `doc` leaves unknown
 * (series, date, meeting, title, body, kind, chapeau) from the version of
 * the same symbol and language stored at the record's tip, so re-importing
 * a corrected file without its flags keeps it in its series. A document
 * withdrawn (resdiff_store_withdraw) and imported again inherits from the
 * version it withdrew, so it goes back into its series. No-op for a new
 * document (the record's withdrawals are read once per store handle). */
int resdiff_store_inherit_meta(resdiff_store *store, resdiff_doc *doc);

/* Resolve a forgiving symbol ("2009/7", "E/RES/2009/7", "E_RES_2009_7") in
 * the record at `rev` (NULL: the record's tip) to a symbol and language.
 * `language` (or NULL) filters. RESDIFF_EAMBIGUOUS lists the candidates in
 * the error message. */
int resdiff_store_resolve(char **symbol, char **language, resdiff_store *store,
		const char *query, const char *language_filter, const char *rev);

/* Read a stored document from the record at `rev`: NULL the tip; "~N",
 * "^", "^^" the document's own versions back (N record commits that
 * changed its file: imports, corrections, withdrawals; other documents'
 * imports do not count; RESDIFF_ENOTFOUND naming how many there are);
 * "HEAD", "HEAD~N" the record (a resdiff repository's HEAD is its readme
 * branch); otherwise any git revision ("record~3", a commit id). The hash
 * of its source goes to source_sha256 (may be NULL). */
int resdiff_store_read(resdiff_doc **out, char source_sha256[65], resdiff_store *store,
		const char *symbol, const char *language, const char *rev);

/* One member of an adoption-ordered history, as its view commit says. */
typedef struct {
	const char *symbol;
	const char *language;
	const char *date;      /* the Adopted: trailer, YYYY-MM-DD */
	const char *title;     /* or NULL */
	const char *meeting;   /* or NULL */
	char commit[41];       /* the view commit */
	resdiff_doc *doc;      /* the text (units, footnotes) when loaded, else NULL */
} resdiff_member;

typedef struct {
	const char *slug;
	const char *language;
	resdiff_member *members; /* oldest adopted first */
	size_t count;
} resdiff_series;

typedef struct {
	resdiff_series *series;  /* by slug, then language */
	size_t count;
	resdiff_arena *arena;
} resdiff_series_list;

/* The adoption-ordered histories, all or those of one slug (NULL: all) and
 * language (NULL: all); with load_docs each member's text is read. */
int resdiff_store_series(resdiff_series_list **out, resdiff_store *store,
		const char *slug, const char *language, bool load_docs);
void resdiff_series_list_free(resdiff_series_list *list);

/* Every document at the record's tip, in a series or not (reports,
 * undated texts and drafts belong to no series view): what `resdiff ls`
 * prints. Strings live in the listing's arena; free it with
 * resdiff_store_listing_free(). */
typedef struct {
	const char *symbol;
	const char *language;
	const char *series;    /* or NULL */
	const char *date;      /* adoption date, or NULL */
	const char *title;     /* or NULL */
	const char *draft_of;  /* a draft's resolution, when linked, or NULL */
	bool draft;
} resdiff_store_entry;

typedef struct resdiff_store_listing {
	resdiff_store_entry *entries; /* by language, then symbol (digit runs as numbers) */
	size_t count;
	resdiff_arena *arena;
} resdiff_store_listing;

/* All documents, or those of one language (NULL: all). */
int resdiff_store_list(resdiff_store_listing **out, resdiff_store *store, const char *language);
void resdiff_store_listing_free(resdiff_store_listing *list);

/* Locks. resdiff_store_lock_check appends a one-line description of each
 * git *.lock file left in the repository (under refs/, packed-refs.lock,
 * HEAD.lock, config.lock), unless a writer is at work, to `report` and
 * returns how many it found. The next writer removes them anyway. */
int resdiff_store_lock_check(resdiff_buf *report, resdiff_store *store);
/* Take the writer lock (waiting for a running writer), remove every git
 * lock file (one line per file removed goes to `report`), release it. */
int resdiff_store_unlock(resdiff_buf *report, resdiff_store *store);

/* Bring a repository of an older storage format (from
 * RESDIFF_STORE_FORMAT_OLDEST) to RESDIFF_STORE_FORMAT, one version at a
 * time, under the writer lock; what was done goes to `report`, one line
 * each. A repository in this format is left alone (and said to be). */
int resdiff_store_upgrade(resdiff_buf *report, resdiff_store *store);

/* ---- drafts (docs/DRAFTS.md) ----------------------------------------- */

/* A draft chain is at most this long (drafts, revisions and the adopted
 * text); a longer walk along draft-of links is a cycle or an error. */
#define RESDIFF_STORE_CHAIN_MAX 64

/* A document is a draft when its symbol is a draft symbol (name.h), its
 * kind is "draft" or it names a resolution (draft-of). Drafts belong to no
 * series view. */
bool resdiff_store_doc_is_draft(const resdiff_doc *doc);

/* RESDIFF_EINVALID when `doc` would be stored as a draft but its text reads
 * as adopted (resdiff_doc.reads_adopted: "Resolution adopted by …", a
 * plenary meeting line) and `force` is false. resdiff_store_import checks
 * it for every item; a caller may check first to name its file. */
int resdiff_store_check_draft(const resdiff_doc *doc, bool force);

typedef enum {
	RESDIFF_CHAIN_DRAFT = 0,   /* a draft ("A/80/L.2") */
	RESDIFF_CHAIN_REVISION,    /* a revision of it ("A/80/L.2/Rev.1") */
	RESDIFF_CHAIN_ADOPTED      /* the resolution ("A/RES/80/1") */
} resdiff_chain_role;

typedef struct {
	const char *symbol;
	resdiff_chain_role role;
	unsigned revision;         /* N of "/Rev.N", else 0 */
	bool stored;               /* false: named by the chain, not in the store */
} resdiff_chain_member;

typedef struct {
	const char *resolution;    /* the adopted symbol the chain leads to */
	const char *language;
	resdiff_chain_member *members; /* draft, its revisions in order, the
	                                 next draft..., the resolution last */
	size_t count;
	resdiff_arena *arena;
} resdiff_draft_chain;

/* The chain of `symbol` (a stored draft or revision, or a resolution,
 * stored or named by a stored draft's draft-of) in `language` at the
 * record's tip: every stored draft whose draft-of names the resolution,
 * every stored revision of those drafts, and the resolution. A revision
 * missing between two stored ones (Rev.1 when Rev.2 is stored) is a member
 * with stored = false. RESDIFF_ENOTFOUND when nothing links to it;
 * RESDIFF_EINVALID for a cycle of draft-of links. Free with
 * resdiff_draft_chain_free(). */
int resdiff_store_draft_chain(resdiff_draft_chain **out, resdiff_store *store,
		const char *symbol, const char *language);
void resdiff_draft_chain_free(resdiff_draft_chain *chain);

/* The Source-SHA256 of a document's bytes: 64 lower-case hex digits. */
void resdiff_store_source_hash(char out[65], const void *data, size_t len);

/* Days since 1970-01-01 of a valid YYYY-MM-DD (negative before 1970). */
long long resdiff_store_days_from_date(const char *date);

#ifdef __cplusplus
}
#endif
#endif
