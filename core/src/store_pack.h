/* store_pack.h: the in-memory object store of an import transaction and
 * its writing as one pack. Internal to core/. */
#ifndef RESDIFF_STORE_PACK_H
#define RESDIFF_STORE_PACK_H

#include <git2.h>
#include <stdbool.h>
#include <stdint.h>
#include "resdiff/common.h"

typedef struct store_txn store_txn;

/* Add an in-memory backend to odb (which owns and frees it): from now on
 * new objects of the repository are kept in memory until written. */
int store_txn_new(store_txn **out, git_odb *odb);
size_t store_txn_count(const store_txn *t);
/* Keep object `id` (the caller hashed data[0..len) as a `type` object:
 * the id is trusted, not checked) in the transaction, copied; nothing
 * when it is kept already. RESDIFF_ENOMEM when it cannot be kept (out
 * of memory, or over RESDIFF_STORE_OBJECT_MAX, which callers check). */
int store_txn_put(store_txn *t, const git_oid *id, const void *data, size_t len,
		git_object_t type);
/* Put the repository's object database behind one backend that never
 * re-reads objects/pack when an object about to be written is missing
 * (store_pack.c says why), and make that the repository's: *out gets a
 * reference the caller frees (git_odb_free). Writes then go to the
 * transaction's backend (store_txn_new on *out). */
int store_odb_layer(git_odb **out, git_repository *repo);
/* Write every object kept as one pack (no deltas) with its index, then
 * forget them. With `sync`, the pack, the index and objects/pack are
 * fsynced before this returns. An object over RESDIFF_STORE_OBJECT_MAX is
 * refused (RESDIFF_ETOOBIG). */
int store_txn_write_pack(store_txn *t, git_odb *odb, const char *gitdir, bool sync);
/* One object of a pack: its id, the CRC-32 of its bytes in the pack, and
 * where they start. */
typedef struct {
	const git_oid *id;
	uint32_t crc;
	uint64_t offset;
} store_pack_entry;

/* Write the version 2 .idx of a pack: entries sorted by id, `pack_sha` the
 * pack's trailer. Offsets of 2 GiB and more go to the 64-bit table. With
 * `sync` the file is fsynced before this returns. */
int store_pack_index_write(const char *path, const store_pack_entry *e, size_t n,
		const unsigned char pack_sha[20], bool sync);

/* Forget every object kept (a failed transaction). */
void store_txn_reset(store_txn *t);

#endif
