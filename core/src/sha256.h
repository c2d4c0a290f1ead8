/* sha256.h: a small SHA-256 (FIPS 180-4) for Source-SHA256 trailers.
 * Internal to core/: not a public header. */
#ifndef RESDIFF_SHA256_H
#define RESDIFF_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t len;
	unsigned char block[64];
	size_t used;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, unsigned char digest[32]);
/* Lower-case hex of the SHA-256 of data[0..len) into hex[65]. */
void sha256_hex(char hex[65], const void *data, size_t len);

#endif
