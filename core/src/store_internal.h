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
	char source_sha256[65];
	git_oid view_blob;   /* reading part, written when series and date are set */
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
	bool locked;
	/* cache of store_doc_info (arena-allocated, so pointers stay valid),
	 * open addressing on the blob id */
	store_doc_info **infos;
	size_t info_count, info_alloc;
	resdiff_arena *info_arena;
};

int store_lock_acquire(resdiff_store *s);
/* The record path of a document: "<lang>/<dir>/<NAME>.txt", dir being NAME
 * up to its last '_' ("zh/E_RES_2009/E_RES_2009_7.txt"). */
int store_doc_path(resdiff_buf *out, const char *symbol, const char *lang);
/* The value of a commit message trailer ("Adopted", "Record"), or NULL. */
const char *store_trailer(const git_message_trailer_array *t, const char *key);
void store_lock_release(resdiff_store *s);
/* RESDIFF_ELOCKED naming the file if a git *.lock is in the way. */
int store_check_git_locks(resdiff_store *s);

#endif
