/* static_check.c: CMakeLists.txt links this with the static archives
 * (and cmd/gss.c) before choosing them for the resdiff executable. */
#include <git2.h>
#include <libxml/parser.h>
#include <unicode/ubrk.h>

int __real_mbedtls_x509_crt_parse_file(void *chain, const char *path);
int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path);
int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	return __real_mbedtls_x509_crt_parse_file(chain, path);
}

int main(void)
{
	UErrorCode e = U_ZERO_ERROR;
	git_libgit2_init();
	ubrk_close(ubrk_open(UBRK_WORD, "", 0, 0, &e));
	xmlCleanupParser();
	return 0;
}
