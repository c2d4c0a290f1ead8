/* store_pack.c: the object store of one import transaction. Objects live
 * in memory (an ODB backend of our own, so we can list them) until the
 * transaction writes them as one pack without deltas, through libgit2's
 * pack indexer. libgit2's mempack would do, but its dump walks every tree
 * of every commit and searches deltas: quadratic in the record's size. */
#include "store_pack.h"
#include "sha1.h"

#include <git2/sys/odb_backend.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Bytes handed to the pack indexer at a time. */
#define PACK_CHUNK (1024 * 1024)

typedef struct txn_object {
	struct txn_object *next;   /* insertion order */
	git_oid id;
	git_object_t type;
	size_t len;
	unsigned char data[];
} txn_object;

struct store_txn {
	git_odb_backend parent;
	txn_object **table;        /* open addressing on the id */
	size_t alloc, count;
	txn_object *first, *last;
};

static size_t slot_of(const store_txn *t, const git_oid *id)
{
	size_t h, i;
	memcpy(&h, id->id, sizeof(h));
	for (i = h & (t->alloc - 1); t->table[i] && !git_oid_equal(&t->table[i]->id, id);
	     i = (i + 1) & (t->alloc - 1))
		;
	return i;
}

static txn_object *find(const store_txn *t, const git_oid *id)
{
	return t->alloc ? t->table[slot_of(t, id)] : NULL;
}

static int grow(store_txn *t)
{
	txn_object **old = t->table;
	size_t i, n = t->alloc;

	if (t->alloc && (t->count + 1) * 2 < t->alloc)
		return 0;
	t->alloc = n ? n * 2 : 4096;
	if (!(t->table = calloc(t->alloc, sizeof(*t->table)))) {
		t->table = old;
		t->alloc = n;
		git_error_set_oom();
		return -1;
	}
	for (i = 0; i < n; i++)
		if (old[i])
			t->table[slot_of(t, &old[i]->id)] = old[i];
	free(old);
	return 0;
}

static int txn_read(void **out, size_t *len, git_object_t *type, git_odb_backend *b,
		const git_oid *id)
{
	txn_object *o = find((store_txn *)b, id);
	if (!o)
		return GIT_ENOTFOUND;
	if (!(*out = git_odb_backend_data_alloc(b, o->len + 1)))
		return -1;
	memcpy(*out, o->data, o->len);
	*len = o->len;
	*type = o->type;
	return 0;
}

static int txn_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	txn_object *o = find((store_txn *)b, id);
	if (!o)
		return GIT_ENOTFOUND;
	*len = o->len;
	*type = o->type;
	return 0;
}

static int txn_exists(git_odb_backend *b, const git_oid *id)
{
	return find((store_txn *)b, id) != NULL;
}

static int txn_write(git_odb_backend *b, const git_oid *id, const void *data, size_t len,
		git_object_t type)
{
	store_txn *t = (store_txn *)b;
	txn_object *o;

	if (find(t, id))
		return 0;
	if (grow(t) < 0 || !(o = malloc(sizeof(*o) + len + 1))) {
		git_error_set_oom();
		return -1;
	}
	o->next = NULL;
	git_oid_cpy(&o->id, id);
	o->type = type;
	o->len = len;
	memcpy(o->data, data, len);
	t->table[slot_of(t, id)] = o;
	t->count++;
	if (t->last)
		t->last->next = o;
	else
		t->first = o;
	t->last = o;
	return 0;
}

void store_txn_reset(store_txn *t)
{
	txn_object *o, *next;
	for (o = t->first; o; o = next) {
		next = o->next;
		free(o);
	}
	t->first = t->last = NULL;
	if (t->table)
		memset(t->table, 0, t->alloc * sizeof(*t->table));
	t->count = 0;
}

static void txn_free(git_odb_backend *b)
{
	store_txn *t = (store_txn *)b;
	store_txn_reset(t);
	free(t->table);
	free(t);
}

int store_txn_new(store_txn **out, git_odb *odb)
{
	store_txn *t = calloc(1, sizeof(*t));
	int error;

	*out = NULL;
	if (!t)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	git_odb_init_backend(&t->parent, GIT_ODB_BACKEND_VERSION);
	t->parent.read = txn_read;
	t->parent.read_header = txn_read_header;
	t->parent.write = txn_write;
	t->parent.exists = txn_exists;
	t->parent.free = txn_free;
	/* highest priority: the transaction's writes land here */
	if ((error = git_odb_add_backend(odb, &t->parent, 999)) < 0) {
		free(t);
		return resdiff_error_set(RESDIFF_ERROR, "cannot add the transaction object store: %s",
			git_error_last() ? git_error_last()->message : "unknown error");
	}
	*out = t;
	return 0;
}

size_t store_txn_count(const store_txn *t)
{
	return t->count;
}

/* Append bytes to the pack being streamed into the indexer. */
typedef struct {
	git_odb_writepack *wp;
	git_indexer_progress stats;
	sha1_ctx sha;
	unsigned char *buf;
	size_t used;
} pack_out;

static int out_flush(pack_out *p)
{
	int error = 0;
	if (p->used)
		error = p->wp->append(p->wp, p->buf, p->used, &p->stats);
	p->used = 0;
	return error;
}

static int out_put(pack_out *p, const void *data, size_t len, bool hash)
{
	const unsigned char *d = data;
	int error;

	if (hash)
		sha1_update(&p->sha, data, len);
	while (len) {
		size_t n = PACK_CHUNK - p->used < len ? PACK_CHUNK - p->used : len;
		memcpy(p->buf + p->used, d, n);
		p->used += n;
		d += n;
		len -= n;
		if (p->used == PACK_CHUNK && (error = out_flush(p)) < 0)
			return error;
	}
	return 0;
}

static int git_failure(const char *what)
{
	const git_error *e = git_error_last();
	return resdiff_error_set(RESDIFF_EIO, "%s: %s", what, e && e->message ? e->message : "unknown error");
}

int store_txn_write_pack(store_txn *t, git_odb *odb)
{
	pack_out p;
	z_stream z;
	unsigned char hdr[16], digest[20], *zbuf = NULL;
	size_t zalloc = 0;
	txn_object *o;
	bool zinit = false;
	int error = 0;

	if (!t->count)
		return 0;
	memset(&p, 0, sizeof(p));
	memset(&z, 0, sizeof(z));
	sha1_init(&p.sha);
	if (!(p.buf = malloc(PACK_CHUNK))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (deflateInit(&z, Z_BEST_SPEED) != Z_OK) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory (zlib)");
		goto done;
	}
	zinit = true;
	if (git_odb_write_pack(&p.wp, odb, NULL, NULL) < 0) {
		error = git_failure("cannot write the pack");
		goto done;
	}
	memcpy(hdr, "PACK\0\0\0\2", 8);
	hdr[8] = (unsigned char)(t->count >> 24);
	hdr[9] = (unsigned char)(t->count >> 16);
	hdr[10] = (unsigned char)(t->count >> 8);
	hdr[11] = (unsigned char)t->count;
	if (out_put(&p, hdr, 12, true) < 0)
		goto write_error;
	for (o = t->first; o; o = o->next) {
		size_t n = 0, size = o->len, bound = deflateBound(&z, (uLong)o->len);
		hdr[n++] = (unsigned char)(((unsigned)o->type << 4) | (size & 15) | (size > 15 ? 0x80 : 0));
		for (size >>= 4; size; size >>= 7)
			hdr[n++] = (unsigned char)((size & 0x7f) | (size > 0x7f ? 0x80 : 0));
		if (bound > zalloc) {
			unsigned char *nb = realloc(zbuf, bound);
			if (!nb) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			zbuf = nb;
			zalloc = bound;
		}
		deflateReset(&z);
		z.next_in = o->data;
		z.avail_in = (uInt)o->len;
		z.next_out = zbuf;
		z.avail_out = (uInt)zalloc;
		if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
			error = resdiff_error_set(RESDIFF_ERROR, "cannot compress an object");
			goto done;
		}
		if (out_put(&p, hdr, n, true) < 0 || out_put(&p, zbuf, zalloc - z.avail_out, true) < 0)
			goto write_error;
	}
	sha1_final(&p.sha, digest);
	if (out_put(&p, digest, 20, false) < 0 || out_flush(&p) < 0 ||
	    p.wp->commit(p.wp, &p.stats) < 0)
		goto write_error;
	goto done;
write_error:
	error = git_failure("cannot write the pack");
done:
	if (p.wp)
		p.wp->free(p.wp);
	if (zinit)
		deflateEnd(&z);
	free(zbuf);
	free(p.buf);
	store_txn_reset(t);
	return error;
}
