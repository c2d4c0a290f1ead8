/* store_pack.c: the object store of one import transaction. Objects live
 * in memory (an ODB backend of our own, so we can list them) until the
 * transaction writes them as one pack without deltas, with its index.
 * libgit2's mempack would do, but its dump walks every tree of every
 * commit and searches deltas: quadratic in the record's size. */
#include "store_pack.h"

#include "resdiff/common.h"
#include "resdiff/store.h"

#include <errno.h>
#include <fcntl.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <nettle/sha1.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* zlib takes at most this much input at a time and writes into a buffer
 * of PACK_ZOUT bytes, so no length is ever cast to zlib's 32-bit uInt:
 * an object over 4 GiB would take the same path as one over 1 MiB. */
#define PACK_ZIN_CHUNK (1u << 20)
#define PACK_ZOUT (64u * 1024)

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
	if (len > RESDIFF_STORE_OBJECT_MAX) {
		git_error_set(GIT_ERROR_INVALID, "an object of %zu bytes is over the limit of %u MiB",
			len, RESDIFF_STORE_OBJECT_MAX / (1024 * 1024));
		return -1;
	}
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

int store_txn_put(store_txn *t, const git_oid *id, const void *data, size_t len,
		git_object_t type)
{
	if (txn_write(&t->parent, id, data, len, type) < 0)
		return resdiff_error_set(RESDIFF_ENOMEM, "cannot keep an object: %s",
			git_error_last() ? git_error_last()->message : "out of memory");
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

/*
 * The repository's objects on disk behind a transaction, through one
 * backend. libgit2 looks for every object it is asked to write first, and
 * when it is not found (a new object: nearly all of a transaction's)
 * re-reads objects/pack and matches each pack found against each pack
 * loaded: two scans of the pack directory and O(packs^2) name comparisons
 * per object written. A bulk import leaves a pack per transaction of 1000
 * documents, so this grew with the corpus (180 packs: +4 ms a document).
 * Here the object database of the repository is libgit2's own ("disk"),
 * seen through this backend, which has no refresh: a write looks for the
 * object in the packs known (and freshens it, as libgit2 does, when it is
 * there) and, if not, is kept by the transaction. Reads and existence
 * checks go to the disk database, which re-reads objects/pack itself when
 * a read misses. An object only in a pack another process added since the
 * last refresh may be written again: a duplicate, which git allows.
 */
typedef struct {
	git_odb_backend parent;
	git_odb *disk;     /* owned */
} disk_backend;

/* The object's bytes copied into a buffer of the backend's (the ODB
 * frees it), its size and type out; `o` freed either way. */
static int disk_copy_out(void **out, size_t *len, git_object_t *type, git_odb_backend *b,
		git_odb_object *o)
{
	*len = git_odb_object_size(o);
	*type = git_odb_object_type(o);
	if (!(*out = git_odb_backend_data_alloc(b, *len + 1))) {
		git_odb_object_free(o);
		return -1;
	}
	memcpy(*out, git_odb_object_data(o), *len);
	git_odb_object_free(o);
	return 0;
}

static int disk_read(void **out, size_t *len, git_object_t *type, git_odb_backend *b,
		const git_oid *id)
{
	git_odb_object *o = NULL;
	int error;
	if ((error = git_odb_read(&o, ((disk_backend *)b)->disk, id)) < 0)
		return error;
	return disk_copy_out(out, len, type, b, o);
}

static int disk_read_prefix(git_oid *out_id, void **out, size_t *len, git_object_t *type,
		git_odb_backend *b, const git_oid *short_id, size_t n)
{
	git_odb_object *o = NULL;
	int error;
	if ((error = git_odb_read_prefix(&o, ((disk_backend *)b)->disk, short_id, n)) < 0)
		return error;
	git_oid_cpy(out_id, git_odb_object_id(o));
	return disk_copy_out(out, len, type, b, o);
}

static int disk_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	return git_odb_read_header(len, type, ((disk_backend *)b)->disk, id);
}

static int disk_exists(git_odb_backend *b, const git_oid *id)
{
	return git_odb_exists_ext(((disk_backend *)b)->disk, id, GIT_ODB_LOOKUP_NO_REFRESH);
}

static int disk_exists_prefix(git_oid *out, git_odb_backend *b, const git_oid *short_id, size_t n)
{
	return git_odb_exists_prefix(out, ((disk_backend *)b)->disk, short_id, n);
}

/* libgit2's freshen of the disk database without its refresh: 0 when a
 * backend has the object (and touched it), else GIT_ENOTFOUND. */
static int disk_freshen(git_odb_backend *b, const git_oid *id)
{
	git_odb *disk = ((disk_backend *)b)->disk;
	size_t i, n = git_odb_num_backends(disk);
	for (i = 0; i < n; i++) {
		git_odb_backend *d;
		if (git_odb_get_backend(&d, disk, i) < 0)
			continue;
		if (d->freshen ? d->freshen(d, id) == 0 : d->exists && d->exists(d, id))
			return 0;
	}
	git_error_clear();
	return GIT_ENOTFOUND;
}

static int disk_write(git_odb_backend *b, const git_oid *id, const void *data, size_t len,
		git_object_t type)
{
	git_oid written;
	(void)id;
	return git_odb_write(&written, ((disk_backend *)b)->disk, data, len, type);
}

static int disk_writepack(git_odb_writepack **out, git_odb_backend *b, git_odb *odb,
		git_indexer_progress_cb cb, void *payload)
{
	(void)odb;
	return git_odb_write_pack(out, ((disk_backend *)b)->disk, cb, payload);
}

static int disk_foreach(git_odb_backend *b, git_odb_foreach_cb cb, void *payload)
{
	return git_odb_foreach(((disk_backend *)b)->disk, cb, payload);
}

static void disk_free(git_odb_backend *b)
{
	git_odb_free(((disk_backend *)b)->disk);
	free(b);
}

int store_odb_layer(git_odb **out, git_repository *repo)
{
	git_odb *disk = NULL, *odb = NULL;
	disk_backend *d = NULL;
	int error = 0;

	*out = NULL;
	if (git_repository_odb(&disk, repo) < 0 || git_odb_new(&odb) < 0 ||
	    !(d = calloc(1, sizeof(*d)))) {
		error = resdiff_error_set(RESDIFF_ERROR, "cannot open the object database: %s",
			git_error_last() ? git_error_last()->message : "out of memory");
		goto done;
	}
	git_odb_init_backend(&d->parent, GIT_ODB_BACKEND_VERSION);
	d->parent.read = disk_read;
	d->parent.read_prefix = disk_read_prefix;
	d->parent.read_header = disk_read_header;
	d->parent.exists = disk_exists;
	d->parent.exists_prefix = disk_exists_prefix;
	d->parent.freshen = disk_freshen;
	d->parent.write = disk_write;
	d->parent.writepack = disk_writepack;
	d->parent.foreach = disk_foreach;
	d->parent.free = disk_free;
	d->disk = disk;
	if (git_odb_add_backend(odb, &d->parent, 1) < 0) {
		error = resdiff_error_set(RESDIFF_ERROR, "cannot open the object database: %s",
			git_error_last() ? git_error_last()->message : "unknown error");
		goto done;
	}
	disk = NULL;  /* the backend's now */
	d = NULL;
	git_repository_set_odb(repo, odb);
	*out = odb;
	odb = NULL;
done:
	free(d);
	git_odb_free(disk);
	git_odb_free(odb);
	return error;
}

/* The disk database behind `odb` (store_odb_layer), or odb itself. */
static git_odb *disk_of(git_odb *odb)
{
	size_t i, n = git_odb_num_backends(odb);
	for (i = 0; i < n; i++) {
		git_odb_backend *b;
		if (git_odb_get_backend(&b, odb, i) == 0 && b->read == disk_read)
			return ((disk_backend *)b)->disk;
	}
	git_error_clear();
	return odb;
}

/*
 * Writing: the pack (objects zlib-compressed, no deltas) and its version 2
 * index are written straight to temporary files in objects/pack and
 * renamed into place, index last (git sees a pack once its .idx exists).
 * Unlike libgit2's indexer this never decompresses what it just compressed:
 * we know every object's id, offset and CRC already.
 */
typedef struct {
	FILE *f;
	struct sha1_ctx sha;
	uint64_t offset;
	bool failed;
} pack_file;

static void pf_put(pack_file *p, const void *data, size_t len)
{
	if (p->failed)
		return;
	sha1_update(&p->sha, len, data);
	if (fwrite(data, 1, len, p->f) != len)
		p->failed = true;
	p->offset += len;
}

static int cmp_entry(const void *a, const void *b)
{
	return git_oid_cmp(((const store_pack_entry *)a)->id, ((const store_pack_entry *)b)->id);
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int io_failure(const char *what, const char *path)
{
	return resdiff_error_set(RESDIFF_EIO, "%s %s: %s", what, path, strerror(errno ? errno : EIO));
}

int store_pack_index_write(const char *path, const store_pack_entry *e, size_t n,
		const unsigned char pack_sha[20], bool sync)
{
	pack_file p;
	unsigned char b[8], digest[20];
	uint32_t fan[256] = { 0 };
	size_t i, large = 0;
	int error = 0;

	memset(&p, 0, sizeof(p));
	if (!(p.f = fopen(path, "wb")))
		return io_failure("cannot create", path);
	sha1_init(&p.sha);
	pf_put(&p, "\377tOc\0\0\0\2", 8);
	for (i = 0; i < n; i++)
		fan[e[i].id->id[0]]++;
	for (i = 1; i < 256; i++)
		fan[i] += fan[i - 1];
	for (i = 0; i < 256; i++) {
		be32(b, fan[i]);
		pf_put(&p, b, 4);
	}
	for (i = 0; i < n; i++)
		pf_put(&p, e[i].id->id, GIT_OID_RAWSZ);
	for (i = 0; i < n; i++) {
		be32(b, e[i].crc);
		pf_put(&p, b, 4);
	}
	for (i = 0; i < n; i++) {
		if (e[i].offset < 0x80000000u)
			be32(b, (uint32_t)e[i].offset);
		else
			be32(b, 0x80000000u | (uint32_t)large++);
		pf_put(&p, b, 4);
	}
	for (i = 0; i < n; i++)
		if (e[i].offset >= 0x80000000u) {
			be32(b, (uint32_t)(e[i].offset >> 32));
			be32(b + 4, (uint32_t)e[i].offset);
			pf_put(&p, b, 8);
		}
	pf_put(&p, pack_sha, 20);
	sha1_digest(&p.sha, SHA1_DIGEST_SIZE, digest);
	if (!p.failed && fwrite(digest, 1, 20, p.f) != 20)
		p.failed = true;
	if (fflush(p.f) != 0 || (sync && fsync(fileno(p.f)) != 0))
		p.failed = true;
	if (fclose(p.f) != 0)
		p.failed = true;
	if (p.failed)
		error = io_failure("cannot write", path);
	return error;
}

/* Make a rename in dir durable. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC), error = 0;
	if (fd < 0 || (fsync(fd) < 0 && errno != EINVAL))
		error = io_failure("cannot sync", dir);
	if (fd >= 0)
		close(fd);
	return error;
}

/* One object, compressed, after its header: crc and bytes go to p. */
static int put_object(pack_file *p, z_stream *z, unsigned char *zbuf, const txn_object *o,
		uint32_t *crc)
{
	const unsigned char *in = o->data;
	size_t remaining = o->len;
	int rc;

	if (deflateReset(z) != Z_OK)
		return resdiff_error_set(RESDIFF_ERROR, "cannot compress an object");
	z->avail_in = 0;
	do {
		size_t produced;
		if (!z->avail_in && remaining) {
			size_t n = remaining < PACK_ZIN_CHUNK ? remaining : PACK_ZIN_CHUNK;
			z->next_in = (unsigned char *)in;
			z->avail_in = (uInt)n;
			in += n;
			remaining -= n;
		}
		z->next_out = zbuf;
		z->avail_out = PACK_ZOUT;
		rc = deflate(z, remaining ? Z_NO_FLUSH : Z_FINISH);
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
			return resdiff_error_set(RESDIFF_ERROR, "cannot compress an object");
		produced = PACK_ZOUT - z->avail_out;
		*crc = (uint32_t)crc32(*crc, zbuf, (uInt)produced);
		pf_put(p, zbuf, produced);
	} while (rc != Z_STREAM_END && !p->failed);
	return 0;
}

int store_txn_write_pack(store_txn *t, git_odb *odb, const char *gitdir, bool sync)
{
	pack_file p;
	z_stream z;
	unsigned char hdr[16], digest[20], *zbuf = NULL;
	char tmp_pack[4096] = "", tmp_idx[4096] = "", final[4096], hex[41], dir[4096];
	size_t n = 0;
	store_pack_entry *entries = NULL;
	txn_object *o;
	bool zinit = false;
	int fd, error = 0;

	if (!t->count)
		return 0;
	memset(&p, 0, sizeof(p));
	memset(&z, 0, sizeof(z));
	sha1_init(&p.sha);
	if (!(entries = malloc(t->count * sizeof(*entries))) || !(zbuf = malloc(PACK_ZOUT))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (deflateInit(&z, Z_BEST_SPEED) != Z_OK) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory (zlib)");
		goto done;
	}
	zinit = true;
	snprintf(dir, sizeof(dir), "%sobjects/pack", gitdir);
	snprintf(tmp_pack, sizeof(tmp_pack), "%s/tmp_pack_XXXXXX", dir);
	if ((fd = mkstemp(tmp_pack)) < 0 || !(p.f = fdopen(fd, "wb"))) {
		error = io_failure("cannot create", tmp_pack);
		if (fd >= 0)
			close(fd);
		tmp_pack[0] = '\0';
		goto done;
	}
	memcpy(hdr, "PACK\0\0\0\2", 8);
	be32(hdr + 8, (uint32_t)t->count);
	pf_put(&p, hdr, 12);
	for (o = t->first; o && !p.failed; o = o->next) {
		size_t hn = 0, size = o->len;
		uint32_t crc;
		if (o->len > RESDIFF_STORE_OBJECT_MAX) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "an object of %zu bytes is over the "
				"limit of %u MiB", o->len, RESDIFF_STORE_OBJECT_MAX / (1024 * 1024));
			goto done;
		}
		/* type and size: 4 bits, then 7 bits a byte (size_t wide) */
		hdr[hn++] = (unsigned char)(((unsigned)o->type << 4) | (size & 15) | (size > 15 ? 0x80 : 0));
		for (size >>= 4; size; size >>= 7)
			hdr[hn++] = (unsigned char)((size & 0x7f) | (size > 0x7f ? 0x80 : 0));
		entries[n].id = &o->id;
		entries[n].offset = p.offset;
		crc = (uint32_t)crc32(0L, hdr, (uInt)hn);
		pf_put(&p, hdr, hn);
		if ((error = put_object(&p, &z, zbuf, o, &crc)) < 0)
			goto done;
		entries[n].crc = crc;
		n++;
	}
	sha1_digest(&p.sha, SHA1_DIGEST_SIZE, digest);
	if (!p.failed && fwrite(digest, 1, 20, p.f) != 20)
		p.failed = true;
	if (fflush(p.f) != 0 || (sync && fsync(fileno(p.f)) != 0))
		p.failed = true;
	if (fclose(p.f) != 0)
		p.failed = true;
	p.f = NULL;
	if (p.failed) {
		error = io_failure("cannot write", tmp_pack);
		goto done;
	}
	qsort(entries, n, sizeof(*entries), cmp_entry);
	snprintf(tmp_idx, sizeof(tmp_idx), "%s/tmp_idx_XXXXXX", dir);
	if ((fd = mkstemp(tmp_idx)) < 0) {
		error = io_failure("cannot create", tmp_idx);
		tmp_idx[0] = '\0';
		goto done;
	}
	close(fd);
	if ((error = store_pack_index_write(tmp_idx, entries, n, digest, sync)) < 0)
		goto done;
	/* both files are on disk; the pack first, then the index that makes
	 * git see it, then the directory that holds both names */
	for (n = 0; n < 20; n++)
		snprintf(hex + 2 * n, 3, "%02x", digest[n]);
	snprintf(final, sizeof(final), "%s/pack-%s.pack", dir, hex);
	if (chmod(tmp_pack, 0444) != 0 || rename(tmp_pack, final) != 0) {
		error = io_failure("cannot install", final);
		goto done;
	}
	tmp_pack[0] = '\0';
	snprintf(final, sizeof(final), "%s/pack-%s.idx", dir, hex);
	if (chmod(tmp_idx, 0444) != 0 || rename(tmp_idx, final) != 0) {
		error = io_failure("cannot install", final);
		goto done;
	}
	tmp_idx[0] = '\0';
	if (sync && (error = sync_dir(dir)) < 0)
		goto done;
	if (git_odb_refresh(disk_of(odb)) < 0)
		error = resdiff_error_set(RESDIFF_EIO, "cannot read the new pack: %s",
			git_error_last() ? git_error_last()->message : "unknown error");
done:
	if (p.f)
		fclose(p.f);
	if (tmp_pack[0])
		unlink(tmp_pack);
	if (tmp_idx[0])
		unlink(tmp_idx);
	if (zinit)
		deflateEnd(&z);
	free(zbuf);
	free(entries);
	store_txn_reset(t);
	return error;
}
