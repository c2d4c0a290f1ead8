/* store_pack.h: the in-memory object store of an import transaction and
 * its writing as one pack. Internal to core/. */
#ifndef RESDIFF_STORE_PACK_H
#define RESDIFF_STORE_PACK_H

#include <git2.h>
#include <stdbool.h>
#include "resdiff/common.h"

typedef struct store_txn store_txn;

/* Add an in-memory backend to odb (which owns and frees it): from now on
 * new objects of the repository are kept in memory until written. */
int store_txn_new(store_txn **out, git_odb *odb);
size_t store_txn_count(const store_txn *t);
/* Write every object kept as one pack (no deltas) with its index, then
 * forget them. With `sync`, the pack, the index and objects/pack are
 * fsynced before this returns. An object over RESDIFF_STORE_OBJECT_MAX is
 * refused (RESDIFF_ETOOBIG). */
int store_txn_write_pack(store_txn *t, git_odb *odb, const char *gitdir, bool sync);
/* Forget every object kept (a failed transaction). */
void store_txn_reset(store_txn *t);

#endif
