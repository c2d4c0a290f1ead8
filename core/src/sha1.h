/* sha1.h: plain SHA-1 for the pack trailer the transaction writer emits.
 * Internal to core/: not a public header. */
#ifndef RESDIFF_SHA1_H
#define RESDIFF_SHA1_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[5];
	uint64_t len;
	unsigned char block[64];
	size_t used;
} sha1_ctx;

void sha1_init(sha1_ctx *c);
void sha1_update(sha1_ctx *c, const void *data, size_t len);
void sha1_final(sha1_ctx *c, unsigned char digest[20]);

#endif
