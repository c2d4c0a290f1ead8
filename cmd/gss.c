/*
 * gss.c: GSSAPI (Kerberos) for a statically linked libgit2, loaded only
 * when called (issue 18, docs/PERFORMANCE.md).
 *
 * Debian's libgit2.a refers to eight GSSAPI functions and one OID for
 * HTTP "Negotiate" authentication. Linking libgssapi_krb5 would make the
 * dynamic loader map and relocate it and six more libraries (libkrb5,
 * libk5crypto, libcom_err, libkrb5support, libkeyutils, libresolv) at every
 * start of resdiff, which never talks to a remote. These definitions
 * satisfy libgit2.a instead: the first call dlopen()s libgssapi_krb5.so.2
 * and forwards; without it a call fails with GSS_S_FAILURE, as an
 * unavailable mechanism would. Built only when CMakeLists.txt links
 * libgit2 statically (RESDIFF_STATIC_DEPS).
 *
 * The prototypes follow RFC 2744 (the C bindings), so no Kerberos headers
 * are needed to build: OM_uint32 is 32 bits, the handles are pointers.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t OM_uint32;
typedef struct {
	OM_uint32 length;
	void *elements;
} gss_OID_desc;
typedef gss_OID_desc *gss_OID;
typedef void *gss_handle; /* gss_name_t, gss_ctx_id_t, gss_cred_id_t, ... */

#define GSS_S_FAILURE (13u << 16)

/* GSS_C_NT_HOSTBASED_SERVICE, 1.2.840.113554.1.2.1.4 (RFC 2744 4.1) */
static gss_OID_desc hostbased_service = { 10, (void *)"\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04" };
gss_OID GSS_C_NT_HOSTBASED_SERVICE = &hostbased_service;

static void *library;
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void library_open(void)
{
	library = dlopen("libgssapi_krb5.so.2", RTLD_NOW | RTLD_LOCAL);
}

static void *lookup(const char *name)
{
	pthread_once(&library_once, library_open);
	return library ? dlsym(library, name) : NULL;
}

/* FORWARD(name, (parameters), (arguments)): a function that calls the
 * library's own, or fails. */
#define FORWARD(name, params, args) \
	OM_uint32 name params; \
	OM_uint32 name params \
	{ \
		OM_uint32 (*fn) params; \
		*(void **)&fn = lookup(#name); \
		if (!fn) { \
			if (minor) \
				*minor = 0; \
			return GSS_S_FAILURE; \
		} \
		return fn args; \
	}

FORWARD(gss_delete_sec_context, (OM_uint32 *minor, gss_handle *ctx, void *out),
	(minor, ctx, out))
FORWARD(gss_display_status, (OM_uint32 *minor, OM_uint32 status, int type, gss_OID mech,
	OM_uint32 *context, void *string), (minor, status, type, mech, context, string))
FORWARD(gss_import_name, (OM_uint32 *minor, void *buffer, gss_OID type, gss_handle *name),
	(minor, buffer, type, name))
FORWARD(gss_indicate_mechs, (OM_uint32 *minor, void **mechs), (minor, mechs))
FORWARD(gss_init_sec_context, (OM_uint32 *minor, gss_handle cred, gss_handle *ctx,
	gss_handle target, gss_OID mech, OM_uint32 req_flags, OM_uint32 time_req,
	void *bindings, void *input, gss_OID *actual_mech, void *output,
	OM_uint32 *ret_flags, OM_uint32 *time_rec),
	(minor, cred, ctx, target, mech, req_flags, time_req, bindings, input, actual_mech,
	 output, ret_flags, time_rec))
FORWARD(gss_release_buffer, (OM_uint32 *minor, void *buffer), (minor, buffer))
FORWARD(gss_release_name, (OM_uint32 *minor, gss_handle *name), (minor, name))
FORWARD(gss_release_oid_set, (OM_uint32 *minor, void **set), (minor, set))
