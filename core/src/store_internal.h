/* store_internal.h: shared by store*.c; not a public header. */
#ifndef RESDIFF_STORE_INTERNAL_H
#define RESDIFF_STORE_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include "resdiff/store.h"

/* What resdiff knows of one record blob without reading it again. */
typedef struct {
	git_oid blob;        /* key: the record blob */
	bool used;
	const char *symbol, *series, *date, *title, *meeting, *body;
	/* series is NULL for a draft (no view holds one); draft_of is its
	 * resolution, when linked */
	const char *draft_of;
	bool draft;
	char source_sha256[65];
	git_oid view_blob;   /* reading part, written when series and date are set */
	bool view_written;   /* view_blob is set (writers only write it) */
	/* memo of the last view commit made for this member: on view_parent
	 * (zero for the first member) it is view_commit */
	bool view_built;
	git_oid view_parent, view_commit;
} store_doc_info;

struct resdiff_store {
	git_repository *repo;
	git_odb *odb;
	struct store_txn *txn;      /* in-memory objects of a large transaction */
	char *gitdir;               /* with a trailing '/' */
	int lock_fd;                /* the writer lock's file while held, else -1 */
	int format;                 /* resdiff.format of the repository */
	bool format_inferred;       /* no resdiff.format in the config (a stock
	                               clone): read from the readme commit;
	                               the first writer sets it */
	const char *record_ref;     /* where readers find the record: the record
	                               ref, or a plain clone's origin/record */
	bool fsync;                 /* fsync before refs move (default) */
	resdiff_store_wait_cb wait_cb;   /* told when a writer waits (may be NULL) */
	void *wait_payload;
	resdiff_buf notes;          /* lines for the user (resdiff_store_notes) */
	/* withdrawals in the record commit withdrawn_at (when withdrawn_read),
	 * newest first, read when a new document may be a withdrawn one back
	 * (store_meta.c): lines "<lang>\t<symbol>\t<the record commit before
	 * it>\n", from the stored list and the record commits after its stamp */
	resdiff_buf withdrawn;
	bool withdrawn_read;
	git_oid withdrawn_at;
	/* record commits read to find withdrawals (the stored list spares
	 * all but those after its stamp): tests count them */
	size_t withdrawal_commits_read;
	/* documents looked up in the record tree to rebuild series views
	 * (plan_views: a view appended to looks up its last member and the
	 * new ones, not every member): tests count them */
	size_t view_members_read;
	/* record blobs read back to learn their metadata (store_info_get), and
	 * record blobs put in the transaction already hashed (import_once):
	 * tests count them */
	size_t info_blobs_read, blobs_put;
	/* cache of store_doc_info (arena-allocated, so pointers stay valid),
	 * open addressing on the blob id */
	store_doc_info **infos;
	size_t info_count, info_alloc;
	resdiff_arena *info_arena;
};

/* libgit2, as git, opens no repository another user owns unless it is
 * listed in safe.directory. When `path` (bare, or with a .git directory)
 * is such a repository, sets an error saying so, with the setting that
 * lets it be opened (an absolute path, as git wants), and returns
 * RESDIFF_ENOTFOUND; otherwise returns 0 and sets nothing. */
int store_refuse_foreign_owner(const char *path);
/* Begin a bulk transaction when none is open: the repository's objects
 * behind the store's own layer (store_odb_layer, which s->odb becomes)
 * and an in-memory backend in front, whose objects a later
 * store_txn_write_pack(s->txn, s->odb, ...) writes as one pack. */
int store_txn_begin(resdiff_store *s);
/* Take the writer lock (a kernel lock on <gitdir>/resdiff.lock, so it
 * dies with its process), waiting up to RESDIFF_STORE_LOCK_TIMEOUT_MS;
 * then remove git lock files a killed writer left (a note says which). */
int store_lock_acquire(resdiff_store *s);
static inline bool store_locked(const resdiff_store *s) { return s->lock_fd >= 0; }
/* RESDIFF_EINVALID unless the repository is in this resdiff's format
 * (older ones are read, and written only after 'resdiff upgrade'). */
int store_check_writable(resdiff_store *s);
/* Durability (store_sync.c): before a writer moves refs, what they
 * publish is on disk. Each is a no-op when s->fsync is off. */
int store_sync_configure(resdiff_store *s);
/* Around the writing of derived refs (views, symbols), maybe thousands:
 * `start` turns syncing of each ref off, the end turns it back; the
 * caller then makes them durable at once (store_sync_all). */
int store_sync_derived_refs(resdiff_store *s, bool start);
int store_fsync_path(resdiff_store *s, const char *path);
/* fsync a directory of the repository given relative to the git dir
 * ("objects", "refs/heads/series/x"), and every directory between it and
 * the git dir when `parents`. */
int store_fsync_dir(resdiff_store *s, const char *rel, bool parents);
/* Sync the whole file system of the repository (syncfs): after many
 * small writes made without syncing each. */
int store_sync_all(resdiff_store *s);
/* Compare-and-swap one ref from `old` (NULL: must not exist) to `id`
 * (NULL: delete); RESDIFF_EMODIFIED when it moved. */
int store_ref_cas(resdiff_store *s, const char *name, const git_oid *old,
		const git_oid *id, const char *why);
/* The same for a ref readers trust (the record, the views stamp, the
 * index): when it is created, its directories are synced up to the git
 * dir, so the new name survives a power cut (libgit2 syncs the file and
 * its own directory). */
int store_ref_publish(resdiff_store *s, const char *name, const git_oid *old,
		const git_oid *id, const char *why);
/* Rebuild the views, symbol refs and stamp when the stamp lags the record
 * (the caller holds the writer lock). */
int store_views_repair(resdiff_store *s);
/* Does the forgiving query name the symbol (its first sl bytes, not
 * NUL-terminated there)? Equal, or a tail of it after a '/': "65/141"
 * names A/RES/65/141, "5/141" does not. */
bool store_symbol_matches(const char *symbol, size_t sl, const char *query);
/* Append to out what helps a user find a document the query named
 * and the record (at its tip) does not hold: the nearest stored symbols
 * by edit distance, the languages it is stored in when `language` (or
 * NULL) is not one, and "'resdiff ls' lists every stored text"; each
 * part after "; " (store_suggest.c). */
int store_suggest_symbols(resdiff_buf *out, resdiff_store *s, const char *query,
		const char *language);
/* The newest withdrawal of a document the query names (its symbol, or a
 * tail of it after a '/': "65/141" for A/RES/65/141), in `language` or
 * any language when NULL: its symbol into sym (symsz bytes) and the
 * record commit before it into rev; both "" when none. */
int store_withdrawn_find(char *sym, size_t symsz, char rev[41], resdiff_store *s,
		const char *query, const char *language);
/* The withdrawals list for the record commit `record` (format 5,
 * RESDIFF_STORE_WITHDRAWALS_REF): when the stored list's stamp is not
 * `record`, the new list commit is written (its parent the stored one)
 * into *out and *stale set; *was (when *had) is the ref's value now, for
 * a compare-and-swap. Nothing is written when the list is current. */
int store_withdrawals_commit(git_oid *out, bool *stale, git_oid *was, bool *had,
		resdiff_store *s, const git_oid *record);
/* Bring the stored withdrawals list up to the record's tip and publish it
 * (objects synced first): `resdiff upgrade`'s step to format 5. Sets
 * *count to the withdrawals listed. */
int store_withdrawals_publish(size_t *count, resdiff_store *s);
/* Rebuild every view and symbol ref from the record, lagging or not (the
 * caller holds the writer lock). */
int store_views_rebuild(resdiff_store *s);
/* Add a line to the notes (printf-style, no newline). */
int store_note(resdiff_store *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The record path of a document: "<lang>/<dir>/<NAME>.txt", dir being NAME
 * up to its last '_' ("zh/E_RES_2009/E_RES_2009_7.txt"). */
int store_doc_path(resdiff_buf *out, const char *symbol, const char *lang);
/* What the store knows of a record blob (cached); with write_view, a
 * series member's view blob is written (writers only). */
int store_info_get(store_doc_info **out, resdiff_store *s, const git_oid *blob, bool write_view);
/* Call fn for every document of language `lang` in the record tree `root`
 * (with write_view, writing each series member's view blob: writers). */
typedef int (*store_doc_fn)(store_doc_info *info, void *payload);
int store_each_doc(resdiff_store *s, git_tree *root, const char *lang, bool write_view,
		store_doc_fn fn, void *payload);
/* The same for every language tree of `root`, or only `language` (NULL:
 * all): on_lang gets each language's name (valid while root lives) before
 * its documents. Readers pass write_view false. */
typedef int (*store_lang_fn)(const char *lang, void *payload);
int store_each_record_doc(resdiff_store *s, git_tree *root, const char *language,
		store_lang_fn on_lang, store_doc_fn fn, void *payload);
/* Adoption order of two dated members: date, then symbol (digit runs as
 * numbers), as the views order them. */
int store_info_cmp(const store_doc_info *a, const store_doc_info *b);
/* Existing refs under prefix, appended as "name\n" lines. */
int store_list_refs(resdiff_buf *out, resdiff_store *s, const char *prefix);
/* Append "line\n" to b unless b has that line already. */
int store_line_add(resdiff_buf *b, const char *line);
/* The value of a commit message trailer ("Adopted", "Record"), or NULL. */
const char *store_trailer(const git_message_trailer_array *t, const char *key);
void store_lock_release(resdiff_store *s);
/* The record's tip tree (RESDIFF_ENOTFOUND when the record is empty). */
int store_record_tree(git_tree **out, resdiff_store *s);
/* Before an import: RESDIFF_EINVALID when a draft of `items` reads as
 * adopted (resdiff_doc.reads_adopted) and is not forced, or when the
 * draft-of links of `items`, with those stored, make a cycle
 * (store_drafts.c). */
int store_drafts_check(resdiff_store *s, const resdiff_store_item *items, size_t count);

/* Can this copy write commits? 0 with *fallback false when git has
 * user.name and user.email (repository or global config); 0 with
 * *fallback true when it has not and the copy has no remote (its commits
 * stay local and carry resdiff <resdiff@localhost>); RESDIFF_EINVALID,
 * saying how to set them, when it has not and the copy has a remote. */
int store_identity_check(resdiff_store *s, bool *fallback);
/* The author of record commits: the repository's or user's git identity,
 * else (store_identity_check) resdiff <resdiff@localhost>, now. */
int store_record_signature(git_signature **out, resdiff_store *s);
/* Make the objects a writer made durable before a ref names them. */
int store_sync_objects(resdiff_store *s);

/* Ref names by the repository's format (format 3 moved them under
 * refs/heads/, docs/FORMAT.md section 2). */
static inline const char *store_views_ref(const resdiff_store *s)
{
	return s->format >= 3 ? RESDIFF_STORE_VIEWS_REF : RESDIFF_STORE_VIEWS_REF_V2;
}
static inline const char *store_symbol_prefix(const resdiff_store *s)
{
	return s->format >= 3 ? RESDIFF_STORE_SYMBOL_PREFIX : RESDIFF_STORE_SYMBOL_PREFIX_V2;
}
const char *store_index_ref(const resdiff_store *s);
/* Write the readme commit (README.md, RESDIFF_STORE_FORMAT_FILE) to *out;
 * a pure function of the format: every repository has the same one. */
int store_readme_commit(git_oid *out, resdiff_store *s);
/* Before a writer's first change on a stock clone: resdiff.format set in
 * the config, the record ref created from a plain clone's origin/record. */
int store_adopt_clone(resdiff_store *s);

#endif
