/*
 * startup.c: what the process does not pay for before its real work
 * (issue 18, docs/PERFORMANCE.md).
 *
 * 1. No CA certificates. Debian's libgit2 is built with mbedTLS and
 *    git_libgit2_init() parses the whole system CA bundle
 *    (/etc/ssl/certs/ca-certificates.crt, ~140 certificates, 54 M
 *    instructions: half of a whole `resdiff diff`). resdiff opens no
 *    network connection: every repository it reads or writes is local, and
 *    word edits only use git_diff_buffers(). The executable therefore
 *    defines the two mbedTLS loaders libgit2 calls at init; the dynamic
 *    linker binds libgit2's references to these (an executable's symbols
 *    come first), and they load nothing. Should a command ever talk to a
 *    remote over HTTPS, it calls cmd_tls_enable() (clone, pull and push do)
 *    and the real loaders are then used: core/ loads the system bundle
 *    (GIT_OPT_SET_SSL_CERT_LOCATIONS) when a remote's URL is https.
 *    With libgit2 linked statically (RESDIFF_STATIC_DEPS) the same is
 *    done with the linker's --wrap. With a libgit2 built on OpenSSL these
 *    are never called and change nothing.
 *
 * 2. libgit2's start-up off the critical path: cmd_startup_begin() starts
 *    git_libgit2_init() on a thread first thing in main, so it overlaps
 *    reading, parsing and aligning; cmd_startup_end() joins it and drops
 *    its reference. libgit2's init is reference counted and thread safe,
 *    so a core/ function that calls git_libgit2_init() meanwhile waits for
 *    the one in flight and then finds it done.
 */
#define _GNU_SOURCE
#include "cmd.h"

#include <dlfcn.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <git2.h>

bool cmd_tls_certificates = false;
double cmd_startup_cpu_seconds;

/* The mbedTLS declarations, without its headers (not a build dependency). */
typedef struct mbedtls_x509_crt mbedtls_x509_crt;

#ifdef RESDIFF_STATIC_DEPS
/* libgit2 and mbedTLS linked statically: the linker's --wrap sends
 * libgit2's calls here, and __real_ names mbedTLS's own. */
int __real_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int __real_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path);
int __wrap_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int __wrap_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path);

/* set while the deferred TLS set-up runs (below): it loads no bundle of
 * its own, as it loaded none at init before */
static _Thread_local bool tls_setup_running;

static bool certificates_wanted(void)
{
	return !tls_setup_running && __atomic_load_n(&cmd_tls_certificates, __ATOMIC_ACQUIRE);
}

int __wrap_mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path)
{
	return certificates_wanted() ? __real_mbedtls_x509_crt_parse_file(chain, path) : 0;
}

int __wrap_mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path)
{
	return certificates_wanted() ? __real_mbedtls_x509_crt_parse_path(chain, path) : 0;
}

#ifdef RESDIFF_DEFER_TLS
/* 3. libgit2's TLS and SSH set-up deferred to first use. git_libgit2_init()
 *    seeds mbedTLS's entropy pool and random generator (1.4 M
 *    instructions) and runs libssh2_init(), which initializes OpenSSL and
 *    loads its engines (1.0 M): together all but 0.01 M of the init, and
 *    ~60 page faults, for network transports a diff never opens. The
 *    libgit2 entry points that use the TLS state (a new TLS stream, a
 *    wrapped one, the certificate locations) run the real set-up once
 *    first; libssh2 initializes itself when libgit2 opens its first SSH
 *    session (libssh2_session_init_ex() calls libssh2_init() if nobody
 *    did), and its libssh2_exit() at shutdown does nothing if it never
 *    ran. */
typedef struct git_stream git_stream;
int __real_git_mbedtls_stream_global_init(void);
int __real_git_mbedtls_stream_new(git_stream **out, const char *host, const char *port);
int __real_git_mbedtls_stream_wrap(git_stream **out, git_stream *in, const char *host);
int __real_git_mbedtls__set_cert_location(const char *file, const char *path);
int __wrap_git_mbedtls_stream_global_init(void);
int __wrap_git_mbedtls_stream_new(git_stream **out, const char *host, const char *port);
int __wrap_git_mbedtls_stream_wrap(git_stream **out, git_stream *in, const char *host);
int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path);
int __wrap_libssh2_init(int flags);

static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static int tls_setup_error;

static void tls_setup(void)
{
	tls_setup_running = true;
	tls_setup_error = __real_git_mbedtls_stream_global_init();
	tls_setup_running = false;
}

static int tls_ready(void)
{
	pthread_once(&tls_once, tls_setup);
	return tls_setup_error;
}

int __wrap_git_mbedtls_stream_global_init(void)
{
	return 0;
}

int __wrap_git_mbedtls_stream_new(git_stream **out, const char *host, const char *port)
{
	return tls_ready() < 0 ? -1 : __real_git_mbedtls_stream_new(out, host, port);
}

int __wrap_git_mbedtls_stream_wrap(git_stream **out, git_stream *in, const char *host)
{
	return tls_ready() < 0 ? -1 : __real_git_mbedtls_stream_wrap(out, in, host);
}

int __wrap_git_mbedtls__set_cert_location(const char *file, const char *path)
{
	return tls_ready() < 0 ? -1 : __real_git_mbedtls__set_cert_location(file, path);
}

int __wrap_libssh2_init(int flags)
{
	(void)flags;
	return 0;
}
#endif
#else
/* Shared libgit2: the executable's definitions come first in symbol
 * lookup; the real ones are the next. */
int mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path);
int mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path);

typedef int (*crt_loader)(mbedtls_x509_crt *, const char *);

static int forward(const char *name, mbedtls_x509_crt *chain, const char *path)
{
	crt_loader real;
	*(void **)&real = dlsym(RTLD_NEXT, name);
	return real ? real(chain, path) : -1;
}

int mbedtls_x509_crt_parse_file(mbedtls_x509_crt *chain, const char *path)
{
	return __atomic_load_n(&cmd_tls_certificates, __ATOMIC_ACQUIRE) ? forward("mbedtls_x509_crt_parse_file", chain, path) : 0;
}

int mbedtls_x509_crt_parse_path(mbedtls_x509_crt *chain, const char *path)
{
	return __atomic_load_n(&cmd_tls_certificates, __ATOMIC_ACQUIRE) ? forward("mbedtls_x509_crt_parse_path", chain, path) : 0;
}
#endif

/* After libgit2's init (waiting for the one in flight), so that it still
 * loads nothing: core/ names the certificates when a remote is https, and
 * a clone or pull from a path or file:// never reads them. The reference
 * taken here is the process's (released by exit, like core/'s). */
void cmd_tls_enable(void)
{
	git_libgit2_init();
	__atomic_store_n(&cmd_tls_certificates, true, __ATOMIC_RELEASE);
}

static pthread_t init_thread;
static bool init_started;

static void *init_libgit2(void *unused)
{
	(void)unused;
	git_libgit2_init();
	return NULL;
}

/* The commands that never call libgit2 (no repository, no word edits). */
static bool needs_libgit2(const char *command)
{
	static const char *const none[] = { "parse", "check", "textconv", NULL };
	size_t i;
	if (!command)
		return false;
	for (i = 0; none[i]; i++)
		if (!strcmp(command, none[i]))
			return false;
	return true;
}

/* 4. The heap on a huge page (diff only). A diff of two resolutions
 *    writes ~1 MB of heap (the documents, the language tables, the
 *    aligner's arrays): ~200 fresh pages, each a trap that costs this VM
 *    9-20 us (core/src/memory.h). The main heap's next 2 MiB are instead
 *    one transparent huge page, mapped at the first write in one fault.
 *    glibc's malloc grows its heap with brk(): it is asked once to grow
 *    past the next 2 MiB boundary and 2 MiB more (a block as big, freed at
 *    once: it goes back to the heap's free top), those 2 MiB are marked
 *    MADV_HUGEPAGE before anything writes them, and the free heap below
 *    the boundary is taken by one block that is never written (freed at
 *    exit), so that what malloc hands out next starts there. The heap is
 *    not given back while the process runs (M_TRIM_THRESHOLD: giving back
 *    its top would split the huge page); blocks of 128 KiB and more are
 *    mapped on their own, as glibc starts (M_MMAP_THRESHOLD, raised for
 *    the set-up only; glibc no longer raises it as such blocks are freed:
 *    setting a threshold turns that off). The
 *    process holds 2 MiB more at most; a diff that needs more heap gets
 *    small pages past the huge one. Advisory: where anything is not as
 *    expected (another libc, a sanitizer's allocator, huge pages off) the
 *    heap is on small pages as before. RESDIFF_NO_HUGE_HEAP=1 turns it
 *    off, to measure it. */
#define HEAP_HUGE_PAGE ((size_t)2 << 20)
/* glibc's initial threshold for blocks mapped on their own */
#define HEAP_MMAP_THRESHOLD (128 * 1024)
/* room for the chunk headers between the block below and the next one */
#define HEAP_HEADERS 64
/* a sanitizer's allocator is not glibc's heap */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define HEAP_SANITIZED 1
#endif
#endif
#ifndef HEAP_SANITIZED
#define HEAP_SANITIZED 0
#endif

static void *heap_below;  /* the free heap under the boundary: never written */

static void heap_on_huge_page(void)
{
#if defined(__linux__) && defined(__GLIBC__) && defined(MADV_HUGEPAGE) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33)) && !HEAP_SANITIZED
	uintptr_t brk_now, bottom, start;
	struct mallinfo2 mi;
	void *grow;

	if (!mallopt(M_TRIM_THRESHOLD, (int)(64 * HEAP_HUGE_PAGE)) ||
	    !mallopt(M_MMAP_THRESHOLD, (int)(16 * HEAP_HUGE_PAGE)))
		return;
	mi = mallinfo2();
	brk_now = (uintptr_t)sbrk(0);
	if (brk_now == (uintptr_t)-1 || mi.keepcost == 0 || mi.keepcost > brk_now)
		goto done;
	bottom = brk_now - mi.keepcost;  /* where the heap's free top begins */
	start = (bottom + HEAP_HEADERS + 4096 + HEAP_HUGE_PAGE - 1) &
		~(uintptr_t)(HEAP_HUGE_PAGE - 1);
	if (!(grow = malloc(start + HEAP_HUGE_PAGE - bottom)))
		goto done;
	free(grow);
	if ((uintptr_t)sbrk(0) >= start + HEAP_HUGE_PAGE &&
	    madvise((void *)start, HEAP_HUGE_PAGE, MADV_HUGEPAGE) == 0)
		heap_below = malloc(start - bottom - HEAP_HEADERS);
done:
	mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_THRESHOLD);
#endif
}

void cmd_startup_begin(int argc, char **argv)
{
	const char *command = NULL;
	struct timespec ts;
	int i;

	/* CPU time spent before main: the loader, relocations, constructors
	 * (--timing; /proc/self/stat's start time counts 10 ms ticks) */
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0)
		cmd_startup_cpu_seconds = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	/* the first word that is not a global option or its value */
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--repo")) {
			i++;
			continue;
		}
		if (argv[i][0] != '-') {
			command = argv[i];
			break;
		}
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "--help") ||
		    !strcmp(argv[i], "-h") || !strcmp(argv[i], "--man-pages"))
			return;
	}
	if (command && !strcmp(command, "diff") && !getenv("RESDIFF_NO_HUGE_HEAP"))
		heap_on_huge_page();
	if (!needs_libgit2(command))
		return;
	/* RESDIFF_NO_INIT_THREAD=1 turns the lever off, to measure it
	 * (bench/diff/run.sh); without the thread (or if it cannot start) each
	 * git_libgit2_init() pays on first use, as before */
	if (getenv("RESDIFF_NO_INIT_THREAD"))
		return;
	init_started = pthread_create(&init_thread, NULL, init_libgit2, NULL) == 0;
}

void cmd_startup_end(void)
{
	free(heap_below);
	heap_below = NULL;
	if (!init_started)
		return;
	pthread_join(init_thread, NULL);
	git_libgit2_shutdown();
	init_started = false;
}
