/* common.c: last-error message, growable buffers, arenas. */
#include "resdiff/common.h"
#include "memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERROR_MESSAGE_MAX 1024

static _Thread_local char error_message[ERROR_MESSAGE_MAX];

/* Lock-free atomics: safe in a signal handler and across threads. */
static int interrupt_asked;

void resdiff_interrupt(void)
{
	__atomic_store_n(&interrupt_asked, 1, __ATOMIC_SEQ_CST);
}

bool resdiff_interrupted(void)
{
	return __atomic_load_n(&interrupt_asked, __ATOMIC_SEQ_CST) != 0;
}

void resdiff_interrupt_clear(void)
{
	__atomic_store_n(&interrupt_asked, 0, __ATOMIC_SEQ_CST);
}

const char *resdiff_error_last(void)
{
	return error_message;
}

int resdiff_error_vset(int code, const char *fmt, va_list ap)
{
	vsnprintf(error_message, sizeof(error_message), fmt, ap);
	return code;
}

int resdiff_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	resdiff_error_vset(code, fmt, ap);
	va_end(ap);
	return code;
}

void resdiff_error_prefix(const char *prefix)
{
	char tmp[ERROR_MESSAGE_MAX];
	size_t plen = strlen(prefix);

	if (plen > ERROR_MESSAGE_MAX / 2)
		plen = ERROR_MESSAGE_MAX / 2;
	memcpy(tmp, prefix, plen);
	memcpy(tmp + plen, ": ", 2);
	memcpy(tmp + plen + 2, error_message, ERROR_MESSAGE_MAX - plen - 3);
	tmp[ERROR_MESSAGE_MAX - 1] = '\0';
	memcpy(error_message, tmp, sizeof(tmp));
}

void resdiff_error_clear(void)
{
	error_message[0] = '\0';
}

int resdiff_buf_grow(resdiff_buf *buf, size_t need)
{
	size_t asize;
	char *p;

	if (need < buf->asize)
		return 0;
	asize = buf->asize ? buf->asize : 64;
	while (asize <= need) {
		if (asize > SIZE_MAX / 2)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		asize *= 2;
	}
	p = realloc(buf->ptr, asize);
	if (!p)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	buf->ptr = p;
	buf->asize = asize;
	return 0;
}

int resdiff_buf_put(resdiff_buf *buf, const char *data, size_t len)
{
	int error;
	if (len > SIZE_MAX - buf->size - 1)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if ((error = resdiff_buf_grow(buf, buf->size + len + 1)) < 0)
		return error;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int resdiff_buf_puts(resdiff_buf *buf, const char *str)
{
	return resdiff_buf_put(buf, str, strlen(str));
}

int resdiff_buf_putc(resdiff_buf *buf, char c)
{
	return resdiff_buf_put(buf, &c, 1);
}

int resdiff_buf_vprintf(resdiff_buf *buf, const char *fmt, va_list ap)
{
	va_list again;
	int n, error;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0) {
		va_end(again);
		return resdiff_error_set(RESDIFF_ERROR, "bad format");
	}
	if ((error = resdiff_buf_grow(buf, buf->size + (size_t)n + 1)) < 0) {
		va_end(again);
		return error;
	}
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, again);
	va_end(again);
	buf->size += (size_t)n;
	return 0;
}

int resdiff_buf_printf(resdiff_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = resdiff_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return error;
}

void resdiff_buf_clear(resdiff_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

char *resdiff_buf_detach(resdiff_buf *buf)
{
	char *p = buf->ptr;
	if (!p)
		p = calloc(1, 1);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
	return p;
}

void resdiff_buf_dispose(resdiff_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = buf->asize = 0;
}

/* Arena: a list of chunks; big requests get a chunk of their own. */
#define ARENA_CHUNK_SIZE (64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

/* An arena's chunks of ARENA_CHUNK_SIZE are mapped in one call each
 * (memory.h) from this one on: most arenas (a clause's, a document's)
 * never reach it, and the chunk that is mapped and not used (its last)
 * is then at most an eighth of the arena. */
#define ARENA_MAP_FROM 8

struct resdiff_arena {
	struct arena_chunk *head;
	size_t chunks;  /* of ARENA_CHUNK_SIZE made so far */
};

resdiff_arena *resdiff_arena_new(void)
{
	return calloc(1, sizeof(resdiff_arena));
}

/* size bytes of the arena, not zeroed (in steps of max_align_t). */
static void *arena_take(resdiff_arena *arena, size_t size)
{
	struct arena_chunk *c = arena->head;
	size_t align = sizeof(max_align_t);
	size_t need = (size + align - 1) / align * align;
	void *p;

	if (size == 0)
		need = align;
	if (need < size)
		return NULL;
	if (!c || c->size - c->used < need) {
		size_t csize = need > ARENA_CHUNK_SIZE ? need : ARENA_CHUNK_SIZE;
		if (csize > SIZE_MAX - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + csize);
		if (!c)
			return NULL;
		c->used = 0;
		c->size = csize;
		/* A chunk is filled front to back (each allocation zeroed or
		 * copied into): its pages are mapped in one call, not a fault
		 * each (memory.h),
		 * a large request's always, the others' from ARENA_MAP_FROM on
		 * (a process may hold thousands of small arenas: the index's
		 * kept documents). */
		if (need > ARENA_CHUNK_SIZE)
			memory_populate(c->data, need);
		else if (++arena->chunks >= ARENA_MAP_FROM)
			memory_populate(c->data, csize);
		if (arena->head && need > ARENA_CHUNK_SIZE) {
			/* keep the current chunk at the head for small requests */
			c->next = arena->head->next;
			arena->head->next = c;
		} else {
			c->next = arena->head;
			arena->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += need;
	return p;
}

void *resdiff_arena_alloc(resdiff_arena *arena, size_t size)
{
	void *p = arena_take(arena, size);
	if (p)
		memset(p, 0, size ? size : 1);
	return p;
}

char *resdiff_arena_strndup(resdiff_arena *arena, const char *s, size_t len)
{
	char *p;
	if (len == SIZE_MAX)
		return NULL;
	/* written whole: not zeroed first (the parser's lines, 7 MB on the
	 * 10 000-paragraph pair, were written twice) */
	p = arena_take(arena, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *resdiff_arena_strdup(resdiff_arena *arena, const char *s)
{
	return resdiff_arena_strndup(arena, s ? s : "", s ? strlen(s) : 0);
}

void resdiff_arena_free(resdiff_arena *arena)
{
	struct arena_chunk *c, *next;
	if (!arena)
		return;
	for (c = arena->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(arena);
}
