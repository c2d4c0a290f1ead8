/* static_tls_check.c: CMakeLists.txt links this with the static archives
 * and the --wrap options of cmd/startup.c's part 3 before deferring
 * libgit2's TLS and SSH set-up: a libgit2.a built on OpenSSL has no
 * git_mbedtls_* functions to wrap. */
#include <git2.h>

#define WRAP(ret, name, params, args) \
	ret __real_##name params; \
	ret __wrap_##name params; \
	ret __wrap_##name params { return __real_##name args; }

typedef struct git_stream git_stream;
WRAP(int, git_mbedtls_stream_global_init, (void), ())
WRAP(int, git_mbedtls_stream_new, (git_stream **o, const char *h, const char *p), (o, h, p))
WRAP(int, git_mbedtls_stream_wrap, (git_stream **o, git_stream *i, const char *h), (o, i, h))
WRAP(int, git_mbedtls__set_cert_location, (const char *f, const char *p), (f, p))
WRAP(int, libssh2_init, (int flags), (flags))

int main(void)
{
	git_libgit2_init();
	return 0;
}
