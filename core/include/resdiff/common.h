/*
 * resdiff/common.h: error codes, the last-error message, growable buffers
 * and arenas shared by every stage of the pipeline.
 *
 * Errors: every fallible function returns an int, 0 on success or one of
 * the negative RESDIFF_E* codes below, and leaves a human-readable message
 * (naming the file, line or byte offset where there is one) that
 * resdiff_error_last() returns until the next error on the same thread.
 */
#ifndef RESDIFF_COMMON_H
#define RESDIFF_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Expected errors. */
enum {
	RESDIFF_OK = 0,
	RESDIFF_ERROR = -1,     /* generic / internal */
	RESDIFF_ENOMEM = -2,    /* out of memory */
	RESDIFF_EINVALID = -3,  /* invalid input (bad UTF-8, bad option, ...) */
	RESDIFF_ENOTFOUND = -4, /* no such document, file, ref */
	RESDIFF_EAMBIGUOUS = -5,/* a short name matches several documents */
	RESDIFF_ELOCKED = -6,   /* a lock is held by someone else */
	RESDIFF_EMODIFIED = -7, /* compare-and-swap lost a race */
	RESDIFF_ETOOBIG = -8,   /* input over a named limit */
	RESDIFF_EIO = -9,       /* reading or writing failed (disk full, ...) */
	RESDIFF_ECONFLICT = -10,/* unresolved conflicts block the operation */
	RESDIFF_EINTERRUPTED = -11 /* stopped by a signal at a transaction boundary */
};

/* Interrupts (as sqlite3_interrupt): resdiff_interrupt() asks every
 * writer of this process to stop at its next transaction boundary; it is
 * async-signal-safe, for a SIGINT/SIGTERM handler. A writer that sees it
 * before its refs move abandons the transaction (nothing published) and
 * returns RESDIFF_EINTERRUPTED; one past that point finishes first.
 * resdiff_interrupted() says whether it was asked; _clear() forgets it. */
void resdiff_interrupt(void);
bool resdiff_interrupted(void);
void resdiff_interrupt_clear(void);

/* The message of the last error on this thread ("" when none). The string
 * is owned by the library and valid until the next resdiff call. */
const char *resdiff_error_last(void);

/* Set the last error and return `code`, so callers write
 * `return resdiff_error_set(RESDIFF_EINVALID, "%s: ...", path);`. */
int resdiff_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
int resdiff_error_vset(int code, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;
/* Prefix the current message with "prefix: " (e.g. a file name). */
void resdiff_error_prefix(const char *prefix);
void resdiff_error_clear(void);

/*
 * A growable byte buffer. Caller-owned struct: initialise with
 * RESDIFF_BUF_INIT, release the bytes with resdiff_buf_dispose(). The
 * content is always NUL-terminated when ptr is not NULL.
 */
typedef struct {
	char *ptr;
	size_t size;
	size_t asize;
} resdiff_buf;

#define RESDIFF_BUF_INIT { NULL, 0, 0 }

int resdiff_buf_grow(resdiff_buf *buf, size_t need);
int resdiff_buf_put(resdiff_buf *buf, const char *data, size_t len);
int resdiff_buf_puts(resdiff_buf *buf, const char *str);
int resdiff_buf_putc(resdiff_buf *buf, char c);
int resdiff_buf_printf(resdiff_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
int resdiff_buf_vprintf(resdiff_buf *buf, const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 0)))
#endif
	;
void resdiff_buf_clear(resdiff_buf *buf);
/* Hand the bytes to the caller (free() them); the buffer becomes empty. */
char *resdiff_buf_detach(resdiff_buf *buf);
void resdiff_buf_dispose(resdiff_buf *buf);

/*
 * An arena: many small allocations released in one call. Opaque; create
 * with resdiff_arena_new(), release everything with resdiff_arena_free().
 * Allocation failure returns NULL (never aborts).
 */
typedef struct resdiff_arena resdiff_arena;

resdiff_arena *resdiff_arena_new(void);
void *resdiff_arena_alloc(resdiff_arena *arena, size_t size);
/* Copy `len` bytes and add a NUL. */
char *resdiff_arena_strndup(resdiff_arena *arena, const char *s, size_t len);
char *resdiff_arena_strdup(resdiff_arena *arena, const char *s);
void resdiff_arena_free(resdiff_arena *arena);

#ifdef __cplusplus
}
#endif
#endif
