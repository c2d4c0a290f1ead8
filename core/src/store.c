/* store.c: the resdiff repository: open, import, views, lookups. */
#define _XOPEN_SOURCE 700  /* realpath */
#include "git_error.h"
#include "store_internal.h"
#include "resdiff/canon.h"
#include "resdiff/compare.h"
#include "resdiff/manifest.h"
#include "resdiff/name.h"
#include "resdiff/provenance.h"
#include "store_pack.h"

#include <git2/sys/commit.h>
#include <git2/sys/odb_backend.h>
#include <nettle/sha2.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resdiff/text.h"
#include <sys/stat.h>
#include <unistd.h>

#define VIEW_IDENT_NAME "resdiff"
#define VIEW_IDENT_EMAIL "resdiff@localhost"
/* How often a transaction is retried when a ref moved under it. */
#define CAS_RETRIES 3
/* Bytes of unit text compared to tell a correction from another document. */
#define CORRECTION_SAMPLE_MAX (1024u * 1024)

/* ---- errors ---------------------------------------------------------- */



/* ---- dates and names ------------------------------------------------- */

long long resdiff_store_days_from_date(const char *date)
{
	/* days from civil (Howard Hinnant), proleptic Gregorian */
	long long y = atoi(date), m = atoi(date + 5), d = atoi(date + 8), era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void resdiff_store_source_hash(char out[65], const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

/* Commit time of an adoption date: before 1970 clamps to the epoch. */
static git_time_t adoption_time(const char *date)
{
	long long days = resdiff_store_days_from_date(date);
	return days < 0 ? 0 : (git_time_t)(days * 86400);
}

int resdiff_store_check_doc(const resdiff_doc *doc)
{
	const resdiff_meta *m = &doc->meta;
	char *name = NULL;
	int error;

	if (!m->symbol)
		return resdiff_error_set(RESDIFF_EINVALID,
			"the document has no symbol (give one with --symbol or a manifest)");
	if ((error = resdiff_name_symbol_check(m->symbol)) < 0)
		return error;
	if (!m->language || !resdiff_name_language_ok(m->language))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: missing or invalid language '%s' (2-3 lower-case letters)",
			m->symbol, m->language ? m->language : "");
	if (m->series && !resdiff_name_series_ok(m->series))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: invalid series name '%s' (lower-case letters, digits, '-')",
			m->symbol, m->series);
	if (m->date && !resdiff_date_valid(m->date))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: invalid date '%s' (want YYYY-MM-DD)", m->symbol, m->date);
	if (m->draft_of && !resdiff_name_is_resolution(m->draft_of))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: draft-of '%s' is not a resolution symbol (like A/RES/80/1)",
			m->symbol, m->draft_of);
	if (m->draft_of && resdiff_name_is_resolution(m->symbol))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s is the symbol of an adopted resolution, not of a draft: it cannot be a "
			"draft of %s (a draft's symbol is like A/80/L.2)", m->symbol, m->draft_of);
	/* unreachable through the check above, kept for what a caller builds */
	if (m->draft_of && !strcmp(m->draft_of, m->symbol))
		return resdiff_error_set(RESDIFF_EINVALID,
			"%s: draft-of names the document itself (a cycle)", m->symbol);
	if ((error = resdiff_name_from_symbol(&name, m->symbol)) < 0)
		return error;
	{
		char ref[512];
		int valid = 0;
		snprintf(ref, sizeof(ref), "%s%s/%s", RESDIFF_STORE_SYMBOL_PREFIX_V2, m->language, name);
		if (git_reference_name_is_valid(&valid, ref) < 0 || !valid)
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: the symbol does not map to a safe ref name ('%s')", m->symbol, name);
	}
	free(name);
	return error;
}

/* "Latin" */
static const char *capitalized(char out[32], const char *name)
{
	snprintf(out, 32, "%s", name);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

int resdiff_store_check_text(const resdiff_doc *doc, bool force, char *why, size_t why_size)
{
	const resdiff_meta *m = &doc->meta;
	const resdiff_lang *given = resdiff_lang_get(m->language), *read;
	char found[200] = "", hint[120], a[32], b[32];

	if (doc->text_script && m->language && given->code[0] &&
	    strcmp(doc->text_script, given->script->name)) {
		snprintf(found, sizeof(found), "the text is written in %s script, not in the %s "
			"script of %s", capitalized(a, doc->text_script),
			capitalized(b, given->script->name), given->name);
		snprintf(hint, sizeof(hint), "%s%s%s", doc->text_language ? " (it reads as " : "",
			doc->text_language ? resdiff_lang_get(doc->text_language)->name : "",
			doc->text_language ? ")" : "");
	} else if (doc->text_language && m->language && strcmp(doc->text_language, m->language)) {
		read = resdiff_lang_get(doc->text_language);
		snprintf(found, sizeof(found), "the text reads as %s, not %s (its %s function words "
			"outnumber the %s ones)", read->name, given->code[0] ? given->name : m->language,
			read->name, given->code[0] ? given->name : m->language);
		hint[0] = '\0';
	} else if (doc->text_date && m->date && strcmp(doc->text_date, m->date)) {
		snprintf(found, sizeof(found), "the text states it was adopted on %s, not on %s",
			doc->text_date, m->date);
		hint[0] = '\0';
	}
	if (why && why_size)
		snprintf(why, why_size, "%s", force ? found : "");
	if (!found[0] || force)
		return 0;
	return resdiff_error_set(RESDIFF_EINVALID, "%s (%s): %s%s: check the %s given for it, or "
		"use --force to store it so", m->symbol ? m->symbol : "?",
		m->language ? m->language : "?", found, hint,
		strncmp(found, "the text states", 15) ? "language" : "date");
}

/* "<lang>/<dir>/<NAME>.txt": dir is NAME up to its last '_' (the symbol
 * without its last component: "E_RES_2009"), or NAME itself. */
int store_doc_path(resdiff_buf *out, const char *symbol, const char *lang)
{
	char *name = NULL;
	const char *last;
	size_t dirlen;
	int error;

	if ((error = resdiff_name_from_symbol(&name, symbol)) < 0)
		return error;
	last = strrchr(name, '_');
	dirlen = last && last > name ? (size_t)(last - name) : strlen(name);
	error = resdiff_buf_printf(out, "%s/%.*s/%s.txt", lang, (int)dirlen, name, name);
	free(name);
	return error;
}

static int symbol_ref(resdiff_buf *out, const resdiff_store *s, const char *symbol,
		const char *lang)
{
	char *name = NULL;
	int error;
	if ((error = resdiff_name_from_symbol(&name, symbol)) < 0)
		return error;
	error = resdiff_buf_printf(out, "%s%s/%s", store_symbol_prefix(s), lang, name);
	free(name);
	return error;
}

/* Copy s to out with control characters as spaces (commit messages). */
static int put_line(resdiff_buf *out, const char *s)
{
	int error = 0;
	for (; *s && !error; s++)
		error = resdiff_buf_putc(out, (unsigned char)*s < 0x20 || *s == 0x7F ? ' ' : *s);
	return error;
}

/* ---- open, init, free ------------------------------------------------ */

const char *store_index_ref(const resdiff_store *s)
{
	return s->format >= 3 ? RESDIFF_INDEX_REF : RESDIFF_INDEX_REF_V2;
}

/* The remote a plain clone's record comes from ("refs/remotes/origin/"). */
#define CLONE_REMOTE_PREFIX "refs/remotes/origin/"

/* A stock clone has no resdiff.format in its config: the readme commit
 * names the format (RESDIFF_STORE_FORMAT_FILE); a plain clone has it as
 * its checked-out branch, a bare or mirror clone as refs/heads/readme. */
static int format_from_readme(int32_t *v, git_repository *repo)
{
	static const char *const refs[] = { RESDIFF_STORE_README_REF, CLONE_REMOTE_PREFIX "readme" };
	git_object *obj = NULL;
	char spec[200];
	size_t i;
	int found = 0;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]) && !found; i++) {
		snprintf(spec, sizeof(spec), "%s:%s", refs[i], RESDIFF_STORE_FORMAT_FILE);
		if (git_revparse_single(&obj, repo, spec) == 0 &&
		    git_object_type(obj) == GIT_OBJECT_BLOB) {
			const git_blob *b = (const git_blob *)obj;
			char num[16];
			size_t n = (size_t)git_blob_rawsize(b);
			if (n && n < sizeof(num)) {
				memcpy(num, git_blob_rawcontent(b), n);
				num[n] = '\0';
				*v = (int32_t)strtol(num, NULL, 10);
				found = *v > 0;
			}
		}
		git_object_free(obj);
		obj = NULL;
	}
	git_error_clear();
	return found;
}

/* The repository's resdiff.format, when it is one this resdiff reads. */
static int check_resdiff_repo(int *format, bool *inferred, git_repository *repo, const char *where)
{
	git_config *cfg = NULL;
	int32_t v = 0;
	int error = 0;

	*inferred = false;
	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_get_int32(&v, cfg, "resdiff.format") < 0) {
		if (format_from_readme(&v, repo))
			*inferred = true;
		else
			error = resdiff_error_set(RESDIFF_ENOTFOUND,
				"not a resdiff repository: %s (create one with 'resdiff init')", where);
	}
	if (error < 0) {
		/* said above */
	} else if (v > RESDIFF_STORE_FORMAT) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: resdiff repository format %d is newer than this resdiff knows (%d): "
			"upgrade resdiff", where, (int)v, RESDIFF_STORE_FORMAT);
	} else if (v < RESDIFF_STORE_FORMAT_OLDEST) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: resdiff repository format %d is older than this resdiff reads (%d to %d)",
			where, (int)v, RESDIFF_STORE_FORMAT_OLDEST, RESDIFF_STORE_FORMAT);
	}
	*format = (int)v;
	git_config_free(cfg);
	git_error_clear();
	return error;
}

/* Where readers find the record: its own ref, else (a plain clone, which
 * has only the branch HEAD names) the origin's. */
static const char *choose_record_ref(git_repository *repo)
{
	git_oid id;
	const char *ref = RESDIFF_STORE_RECORD_REF;
	if (git_reference_name_to_id(&id, repo, RESDIFF_STORE_RECORD_REF) < 0 &&
	    git_reference_name_to_id(&id, repo, CLONE_REMOTE_PREFIX "record") == 0)
		ref = CLONE_REMOTE_PREFIX "record";
	git_error_clear();
	return ref;
}

int store_adopt_clone(resdiff_store *s)
{
	git_config *cfg = NULL;
	git_oid id;
	int error = 0;

	if (s->format_inferred) {
		GIT_TRY(git_repository_config(&cfg, s->repo), s->gitdir);
		GIT_TRY(git_config_set_int32(cfg, "resdiff.format", s->format), s->gitdir);
		GIT_TRY(git_config_set_bool(cfg, "core.quotepath", 0), s->gitdir);
		s->format_inferred = false;
	}
	if (strcmp(s->record_ref, RESDIFF_STORE_RECORD_REF) &&
	    git_reference_name_to_id(&id, s->repo, s->record_ref) == 0) {
		if ((error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, NULL, &id,
				"resdiff: the record of the clone")) < 0)
			goto done;
		s->record_ref = RESDIFF_STORE_RECORD_REF;
	}
done:
	git_error_clear();
	git_config_free(cfg);
	return error;
}

int store_readme_commit(git_oid *out, resdiff_store *s)
{
	static const char readme[] =
		"# A resdiff repository\n\n"
		"UN resolutions as structured paragraphs, stored by resdiff\n"
		"(docs/FORMAT.md). This branch never moves; the documents are in\n"
		"the branch `record`, their series histories in `series/*`.\n\n"
		"    resdiff clone URL DIR        # or: git clone --bare URL DIR\n"
		"    resdiff -C DIR log\n"
		"    resdiff -C DIR pull          # bring in what others imported\n"
		"    resdiff -C DIR push\n";
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_oid blob, tree;
	char num[16];
	int error = 0;

	snprintf(num, sizeof(num), "%d\n", s->format);
	GIT_TRY(git_treebuilder_new(&tb, s->repo, NULL), "cannot write the readme");
	GIT_TRY(git_blob_create_from_buffer(&blob, s->repo, readme, sizeof(readme) - 1),
		"cannot write the readme");
	GIT_TRY(git_treebuilder_insert(NULL, tb, "README.md", &blob, GIT_FILEMODE_BLOB),
		"cannot write the readme");
	GIT_TRY(git_blob_create_from_buffer(&blob, s->repo, num, strlen(num)),
		"cannot write the readme");
	GIT_TRY(git_treebuilder_insert(NULL, tb, RESDIFF_STORE_FORMAT_FILE, &blob, GIT_FILEMODE_BLOB),
		"cannot write the readme");
	GIT_TRY(git_treebuilder_write(&tree, tb), "cannot write the readme");
	/* a pure function of the format: every repository has the same commit */
	GIT_TRY(git_signature_new(&sig, VIEW_IDENT_NAME, VIEW_IDENT_EMAIL, 0, 0),
		"cannot make a signature");
	GIT_TRY(git_commit_create_from_ids(out, s->repo, NULL, sig, sig, NULL,
		"resdiff repository\n\nThis branch never moves; the record is the branch 'record'.\n",
		&tree, 0, NULL), "cannot write the readme");
done:
	git_signature_free(sig);
	git_treebuilder_free(tb);
	return error;
}

int store_check_writable(resdiff_store *s)
{
	if (s->format == RESDIFF_STORE_FORMAT)
		return 0;
	return resdiff_error_set(RESDIFF_EINVALID,
		"%s: this repository is in storage format %d; resdiff reads it but writes only format %d: "
		"run 'resdiff upgrade' first", s->gitdir, s->format, RESDIFF_STORE_FORMAT);
}

static int store_wrap(resdiff_store **out, git_repository *repo, int format, bool inferred)
{
	resdiff_store *s;
	const char *gd = git_repository_path(repo);
	size_t n = strlen(gd);
	int error = 0;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))) || !(s->gitdir = malloc(n + 2)) ||
	    !(s->info_arena = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(s->gitdir, gd, n + 1);
	if (n && gd[n - 1] != '/')
		strcat(s->gitdir, "/");
	s->lock_fd = -1;
	s->format = format;
	s->format_inferred = inferred;
	s->record_ref = choose_record_ref(repo);
	s->fsync = true;
	GIT_TRY(git_repository_odb(&s->odb, repo), "cannot open the object database");
	s->repo = repo;
	*out = s;
	s = NULL;
done:
	if (s) {
		git_odb_free(s->odb);
		free(s->gitdir);
		resdiff_arena_free(s->info_arena);
		free(s);
	}
	return error;
}

/* A global, XDG or system git config file that cannot be read or parsed
 * would fail every command (libgit2 reads them all to open a repository):
 * each is looked at once a process, and a broken one is skipped (its level
 * searched in a directory that does not exist) with a warning naming it.
 * The repository's own config is not skipped: it holds the storage format
 * and the remotes; libgit2's error names its file and line. */
#define CONFIG_SKIPPED_DIR "/nonexistent/resdiff: a broken git config skipped"
#define CONFIG_WARNINGS_MAX 2048
static char config_warnings[CONFIG_WARNINGS_MAX];

static void config_skip_broken(void)
{
	static bool checked;
	static const struct {
		int level;
		int (*find)(git_buf *);
	} levels[] = {
		{ GIT_CONFIG_LEVEL_GLOBAL, git_config_find_global },
		{ GIT_CONFIG_LEVEL_XDG, git_config_find_xdg },
		{ GIT_CONFIG_LEVEL_SYSTEM, git_config_find_system },
	};
	size_t i, used = 0;

	if (checked)
		return;
	checked = true;
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		git_buf path = GIT_BUF_INIT;
		git_config *cfg = NULL;
		const char *why = NULL;
		char reason[512];
		FILE *f;

		if (levels[i].find(&path) < 0) {
			git_error_clear();
			git_buf_dispose(&path);
			continue;
		}
		if (!(f = fopen(path.ptr, "r"))) {
			snprintf(reason, sizeof(reason), "cannot read it: %s", strerror(errno));
			why = reason;
		} else {
			fclose(f);
			if (git_config_open_ondisk(&cfg, path.ptr) < 0) {
				snprintf(reason, sizeof(reason), "%s", git_error_last() ?
					git_error_last()->message : "unknown error");
				why = reason;
			}
			git_config_free(cfg);
			git_error_clear();
		}
		if (why && git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i].level,
				CONFIG_SKIPPED_DIR) == 0 && used < sizeof(config_warnings))
			used += (size_t)snprintf(config_warnings + used, sizeof(config_warnings) - used,
				"warning: skipping the git config file %s (%s)\n", path.ptr, why);
		git_error_clear();
		git_buf_dispose(&path);
	}
	if (used >= sizeof(config_warnings))
		config_warnings[sizeof(config_warnings) - 1] = '\0';
}

/* The warnings of config_skip_broken, among the store's notes. */
static int config_notes(resdiff_store *s)
{
	const char *p = config_warnings, *nl;
	int error = 0;
	for (; *p && error == 0; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		error = store_note(s, "%.*s", (int)(nl - p), p);
	}
	return error;
}

int store_refuse_foreign_owner(const char *path)
{
	static const char *const heads[] = { "HEAD", ".git/HEAD" };
	char head[4200], *abs;
	struct stat st;
	size_t i;
	int error;

	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		snprintf(head, sizeof(head), "%s/%s", path, heads[i]);
		if (stat(head, &st) == 0)
			break;
	}
	if (i == sizeof(heads) / sizeof(heads[0]) || st.st_uid == geteuid())
		return 0;
	/* git compares safe.directory with the absolute path: a relative
	 * one given back as it was typed would never match */
	abs = realpath(path, NULL);
	error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s belongs to another user: git and "
		"libgit2 open it only when it is listed as safe ('git config --global --add "
		"safe.directory %s')", path, abs ? abs : path);
	free(abs);
	return error;
}

int resdiff_store_open(resdiff_store **out, const char *start)
{
	struct stat fst;
	git_repository *repo = NULL;
	const char *from = start;
	int gerr, error, format;
	bool inferred;

	*out = NULL;
	git_libgit2_init();
	config_skip_broken();
	if (!from)
		from = getenv(RESDIFF_STORE_ENV);
	if (!from || !from[0])
		from = ".";
	/* a file ($RESDIFF_REPO=corpus.manifest) is no repository; libgit2
	 * would search the file's parent directories for one */
	if (stat(from, &fst) == 0 && !S_ISDIR(fst.st_mode))
		return resdiff_error_set(RESDIFF_ENOTFOUND, "%s: not a directory, so not a resdiff "
			"repository", from);
	if ((gerr = git_repository_open_ext(&repo, from, 0, NULL)) < 0) {
		struct stat st;
		/* libgit2, as git, does not open a repository another user owns */
		if (gerr == GIT_ENOTFOUND && (error = store_refuse_foreign_owner(from)) < 0)
			return error;
		if (gerr == GIT_ENOTFOUND && stat(from, &st) != 0)
			return resdiff_error_set(RESDIFF_ENOTFOUND, "%s: no such directory "
				"(create a repository there with 'resdiff init %s')", from, from);
		if (gerr == GIT_ENOTFOUND)
			return resdiff_error_set(RESDIFF_ENOTFOUND,
				"not a resdiff repository (or any of the parent directories): %s "
				"(create one with 'resdiff init', or name one with -C DIR or $%s)",
				from, RESDIFF_STORE_ENV);
		return resdiff_git_fail(gerr, from);
	}
	if ((error = check_resdiff_repo(&format, &inferred, repo, git_repository_path(repo))) < 0 ||
	    (error = store_wrap(out, repo, format, inferred)) < 0)
		git_repository_free(repo);
	else if ((error = config_notes(*out)) < 0) {
		resdiff_store_free(*out);
		*out = NULL;
	}
	return error;
}

int resdiff_store_init(resdiff_store **out, bool *created, const char *path)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_oid readme;
	DIR *d;
	int error = 0, gerr, format;
	bool inferred;

	*out = NULL;
	*created = false;
	git_libgit2_init();
	config_skip_broken();
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		if ((error = check_resdiff_repo(&format, &inferred, repo, path)) < 0) {
			if (error == RESDIFF_ENOTFOUND)
				error = resdiff_error_set(RESDIFF_EINVALID,
					"%s is a git repository but not a resdiff one; "
					"choose an empty or new directory", path);
			goto done;
		}
		error = store_wrap(out, repo, format, inferred);
		repo = error < 0 ? repo : NULL;
		goto done;
	}
	if ((d = opendir(path))) {
		struct dirent *e;
		bool empty = true;
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				empty = false;
		closedir(d);
		if (!empty) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s: directory is not empty; resdiff init wants an empty or new directory", path);
			goto done;
		}
	}
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = "readme";  /* RESDIFF_STORE_README_REF */
	opts.description = "resdiff repository: UN resolutions as structured paragraphs\n";
	if ((gerr = git_repository_init_ext(&repo, path, &opts)) < 0) {
		error = resdiff_git_fail(gerr, path);
		goto done;
	}
	GIT_TRY(git_repository_config(&cfg, repo), path);
	GIT_TRY(git_config_set_int32(cfg, "resdiff.format", RESDIFF_STORE_FORMAT), path);
	/* show Chinese paths and messages as they are */
	GIT_TRY(git_config_set_bool(cfg, "core.quotepath", 0), path);
	if ((error = store_wrap(out, repo, RESDIFF_STORE_FORMAT, false)) < 0)
		goto done;
	repo = NULL;
	/* HEAD: the readme, a branch no resdiff command moves */
	if ((error = store_sync_configure(*out)) < 0 ||
	    (error = store_readme_commit(&readme, *out)) < 0 || (error = store_sync_objects(*out)) < 0 ||
	    (error = store_ref_publish(*out, RESDIFF_STORE_README_REF, NULL, &readme,
			"resdiff init")) < 0) {
		resdiff_store_free(*out);
		*out = NULL;
		goto done;
	}
	*created = true;
done:
	git_config_free(cfg);
	git_repository_free(repo);
	return error;
}

void resdiff_store_free(resdiff_store *s)
{
	if (!s)
		return;
	store_lock_release(s);
	if (s->txn)
		store_txn_reset(s->txn);
	git_odb_free(s->odb);
	git_repository_free(s->repo);
	free(s->infos);
	resdiff_arena_free(s->info_arena);
	resdiff_buf_dispose(&s->notes);
	resdiff_buf_dispose(&s->withdrawn);
	free(s->gitdir);
	free(s);
}

const char *resdiff_store_path(const resdiff_store *s)
{
	return s->gitdir;
}

int resdiff_store_format(const resdiff_store *s)
{
	return s->format;
}

void resdiff_store_set_fsync(resdiff_store *s, bool on)
{
	s->fsync = on;
}

void resdiff_store_set_wait_cb(resdiff_store *s, resdiff_store_wait_cb cb, void *payload)
{
	s->wait_cb = cb;
	s->wait_payload = payload;
}

const char *resdiff_store_notes(const resdiff_store *s)
{
	return s->notes.ptr ? s->notes.ptr : "";
}

void resdiff_store_notes_clear(resdiff_store *s)
{
	resdiff_buf_clear(&s->notes);
}

/* ---- objects: one pack per large transaction ------------------------ */

int store_txn_begin(resdiff_store *s)
{
	git_odb *odb;
	int error;
	if (s->txn)
		return 0;
	/* the objects on disk behind one backend, the transaction's in front */
	if ((error = store_odb_layer(&odb, s->repo)) < 0)
		return error;
	/* trees up to RESDIFF_STORE_TREE_CACHE_MAX bytes kept parsed in
	 * libgit2's object cache (its default keeps none over 4 KiB): a
	 * transaction walks the same record directories (a session's, ~12 KB
	 * at 250 documents) for every document, and read them again, inflated
	 * and hash-checked, each time */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
		(size_t)RESDIFF_STORE_TREE_CACHE_MAX);
	git_odb_free(s->odb);
	s->odb = odb;
	return store_txn_new(&s->txn, s->odb);
}

/* ---- the doc info cache ---------------------------------------------- */

static size_t oid_hash(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h));
	return h;
}

static store_doc_info **info_slot(resdiff_store *s, const git_oid *blob)
{
	size_t i = oid_hash(blob) & (s->info_alloc - 1);
	while (s->infos[i] && !git_oid_equal(&s->infos[i]->blob, blob))
		i = (i + 1) & (s->info_alloc - 1);
	return &s->infos[i];
}

static int info_grow(resdiff_store *s)
{
	store_doc_info **old = s->infos;
	size_t i, n = s->info_alloc;

	if (s->info_alloc && (s->info_count + 1) * 2 < s->info_alloc)
		return 0;
	s->info_alloc = n ? n * 2 : 1024;
	if (!(s->infos = calloc(s->info_alloc, sizeof(*s->infos)))) {
		s->infos = old;
		s->info_alloc = n;
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		if (old[i])
			*info_slot(s, &old[i]->blob) = old[i];
	free(old);
	return 0;
}

/* Forget every cached info: after a failed transaction the view blobs
 * they name may never have reached the disk. */
static void info_clear(resdiff_store *s)
{
	resdiff_arena *fresh = resdiff_arena_new();
	free(s->infos);
	s->infos = NULL;
	s->info_alloc = s->info_count = 0;
	if (fresh) { /* else keep the old arena: only the table must go */
		resdiff_arena_free(s->info_arena);
		s->info_arena = fresh;
	}
}

static const char *info_str(resdiff_store *s, const char *v)
{
	return v ? resdiff_arena_strdup(s->info_arena, v) : NULL;
}

/* The info of record blob `blob_id` whose bytes are data[0..len): made
 * and cached when not there; with write_view, its view blob (the reading
 * part) written when the document is a series member (writers only).
 * `fresh`: the blob was just written by this transaction, so its view
 * blob is new too and is written without looking for it first (one hash,
 * libgit2's; a look first hashes it twice). */
static int info_from_data(store_doc_info **out, resdiff_store *s, const git_oid *blob_id,
		const char *data, size_t len, bool write_view, bool fresh)
{
	resdiff_doc *doc = NULL;
	store_doc_info *info;
	int error = 0;

	if ((error = info_grow(s)) < 0)
		return error;
	info = *info_slot(s, blob_id);
	if (!info) {
		if (!(info = resdiff_arena_alloc(s->info_arena, sizeof(*info)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		memset(info, 0, sizeof(*info));
		if ((error = resdiff_canon_read(&doc, info->source_sha256, data, len,
				RESDIFF_CANON_HEADER_ONLY)) < 0)
			goto done;
		info->symbol = info_str(s, doc->meta.symbol);
		info->draft_of = info_str(s, doc->meta.draft_of);
		info->draft = resdiff_store_doc_is_draft(doc);
		/* a draft belongs to no series view, whatever its metadata says */
		info->series = info->draft ? NULL : info_str(s, doc->meta.series);
		info->date = info_str(s, doc->meta.date);
		info->title = info_str(s, doc->meta.title);
		info->meeting = info_str(s, doc->meta.meeting);
		info->body = info_str(s, doc->meta.body);
		if (!info->symbol) {
			error = resdiff_error_set(RESDIFF_EINVALID, "a stored document has no symbol");
			goto done;
		}
		git_oid_cpy(&info->blob, blob_id);
		info->used = true;
		*info_slot(s, blob_id) = info;
		s->info_count++;
	}
	/* a series member's view blob (its reading part): writers only */
	if (write_view && !info->view_written && info->series && info->date) {
		/* every member of a series it rewrites: nearly all are there
		 * already (a write would open a temporary file per member) */
		size_t rl = resdiff_canon_reading_len(data, len);
		if (fresh || git_odb_hash(&info->view_blob, data, rl, GIT_OBJECT_BLOB) < 0 ||
		    !git_odb_exists(s->odb, &info->view_blob))
			GIT_TRY(git_blob_create_from_buffer(&info->view_blob, s->repo, data, rl),
				"cannot write a view");
		info->view_written = true;
	}
	*out = info;
done:
	resdiff_doc_free(doc);
	return error;
}

/* The info of record blob `blob_id`, cached or read once; with
 * write_view, its view blob written when the document is a member of a
 * series, of series `slug` only when slug is not NULL (one read serves
 * both: the info first, then the view when it is a member). */
static int info_read(store_doc_info **out, resdiff_store *s, const git_oid *blob_id,
		bool write_view, const char *slug)
{
	git_blob *blob = NULL;
	store_doc_info *info;
	const char *data;
	size_t len;
	int error = 0;

	*out = NULL;
	if ((error = info_grow(s)) < 0)
		return error;
	info = *info_slot(s, blob_id);
	if (info && (!write_view || info->view_written || !info->series || !info->date ||
	             (slug && strcmp(info->series, slug))))
		return *out = info, 0;
	s->info_blobs_read++;
	GIT_TRY(git_blob_lookup(&blob, s->repo, blob_id), "cannot read a stored document");
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if ((error = info_from_data(&info, s, blob_id, data, len, false, false)) < 0)
		goto done;
	if (write_view && info->series && info->date && (!slug || !strcmp(info->series, slug)))
		error = info_from_data(&info, s, blob_id, data, len, true, false);
	*out = info;
done:
	git_blob_free(blob);
	return error;
}

int store_info_get(store_doc_info **out, resdiff_store *s, const git_oid *blob_id,
		bool write_view)
{
	return info_read(out, s, blob_id, write_view, NULL);
}

/* ---- ref updates ----------------------------------------------------- */

/* A planned ref update: to `id`, or deleted when `remove`. */
typedef struct {
	char *name;
	git_oid id;
	bool remove;
} ref_plan;

typedef struct {
	ref_plan *items;
	size_t count, alloc;
	size_t sorted;       /* items[0..sorted) are sorted by name */
} ref_plans;

static void plans_dispose(ref_plans *p)
{
	size_t i;
	for (i = 0; i < p->count; i++)
		free(p->items[i].name);
	free(p->items);
	memset(p, 0, sizeof(*p));
}

static int plan_cmp(const void *a, const void *b)
{
	return strcmp(((const ref_plan *)a)->name, ((const ref_plan *)b)->name);
}

/* Sort what is planned so far; later lookups bsearch it. */
static void plans_sort(ref_plans *p)
{
	if (p->count)
		qsort(p->items, p->count, sizeof(*p->items), plan_cmp);
	p->sorted = p->count;
}

/* Planned in the sorted part, or (linearly) after it. */
static ref_plan *plans_find(ref_plans *p, const char *name)
{
	ref_plan key, *r;
	size_t i;

	key.name = (char *)name;
	if (p->sorted && (r = bsearch(&key, p->items, p->sorted, sizeof(*p->items), plan_cmp)))
		return r;
	for (i = p->sorted; i < p->count; i++)
		if (!strcmp(p->items[i].name, name))
			return &p->items[i];
	return NULL;
}

/* Plan name -> id (NULL: delete). The caller makes sure a name is planned
 * once (each document is in at most one view). */
static int plans_add(ref_plans *p, const char *name, const git_oid *id)
{
	ref_plan *r;

	if (p->count == p->alloc) {
		size_t n = p->alloc ? p->alloc * 2 : 64;
		ref_plan *items = realloc(p->items, n * sizeof(*items));
		if (!items)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		p->items = items;
		p->alloc = n;
	}
	r = &p->items[p->count];
	if (!(r->name = strdup(name)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	p->count++;
	r->remove = id == NULL;
	if (id)
		git_oid_cpy(&r->id, id);
	else
		memset(&r->id, 0, sizeof(r->id));
	return 0;
}

int store_ref_cas(resdiff_store *s, const char *name, const git_oid *old,
		const git_oid *id, const char *why)
{
	git_reference *ref = NULL, *created = NULL;
	int error = 0, gerr;

	if (!id) {
		if ((gerr = git_reference_lookup(&ref, s->repo, name)) == GIT_ENOTFOUND)
			goto done;
		GIT_TRY(gerr, name);
		if (old && (git_reference_type(ref) != GIT_REFERENCE_DIRECT ||
		            !git_oid_equal(git_reference_target(ref), old))) {
			error = resdiff_error_set(RESDIFF_EMODIFIED, "%s moved during the update", name);
			goto done;
		}
		GIT_TRY(git_reference_delete(ref), name);
	} else if (!old) {
		gerr = git_reference_create(&created, s->repo, name, id, 0, why);
		GIT_TRY(gerr, name);
	} else {
		gerr = git_reference_create_matching(&created, s->repo, name, id, 1, old, why);
		GIT_TRY(gerr, name);
	}
done:
	git_reference_free(ref);
	git_reference_free(created);
	return error;
}

int store_ref_publish(resdiff_store *s, const char *name, const git_oid *old,
		const git_oid *id, const char *why)
{
	char dir[512];
	const char *slash = strrchr(name, '/');
	int error;

	if ((error = store_ref_cas(s, name, old, id, why)) < 0 || old || !id || !slash)
		return error;
	/* a new ref may sit in a new directory: make its name durable too */
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - name), name);
	return store_fsync_dir(s, dir, true);
}

/* Apply planned updates: each compared against the value it has now
 * (under the writer lock only another git process could change it). */
static int plans_apply(resdiff_store *s, ref_plans *p)
{
	size_t i;
	int error = 0;

	for (i = 0; i < p->count && !error; i++) {
		git_oid cur;
		bool exists = git_reference_name_to_id(&cur, s->repo, p->items[i].name) == 0;
		if (p->items[i].remove)
			error = exists ? store_ref_cas(s, p->items[i].name, &cur, NULL, "resdiff") : 0;
		else if (!exists || !git_oid_equal(&cur, &p->items[i].id))
			error = store_ref_cas(s, p->items[i].name, exists ? &cur : NULL, &p->items[i].id,
				"resdiff: rebuild view");
	}
	git_error_clear();
	return error;
}

/* Make the objects of the transaction durable: its pack, or (loose
 * objects, each synced with its directory by libgit2) objects/ itself,
 * which holds the fan-out directories new objects may have created. */
int store_sync_objects(resdiff_store *s)
{
	if (s->txn && store_txn_count(s->txn))
		return store_txn_write_pack(s->txn, s->odb, s->gitdir, s->fsync);
	return store_fsync_dir(s, "objects", false);
}

/* After the record moved to `record`: the views and symbol refs, then the
 * stamp naming the record they were built from (readers trust the views
 * only while the stamp names the record's tip). The derived refs, maybe
 * thousands, are not synced one by one: one sync of the file system makes
 * them durable before the stamp moves. */
static int publish_views(resdiff_store *s, ref_plans *plans, const git_oid *stamp_was,
		const git_oid *record)
{
	int error, end;
	if ((error = store_sync_derived_refs(s, true)) < 0)
		return error;
	error = plans_apply(s, plans);
	end = store_sync_derived_refs(s, false);
	if (error < 0 || (error = end) < 0 || (error = store_sync_all(s)) < 0)
		return error;
	return store_ref_publish(s, store_views_ref(s), stamp_was, record, "resdiff: views built");
}

/* ---- views ------------------------------------------------------------ */

typedef struct {
	store_doc_info *info;
} member_ref;

int store_info_cmp(const store_doc_info *a, const store_doc_info *b)
{
	int c = strcmp(a->date, b->date);
	return c ? c : resdiff_text_natural_cmp(a->symbol, b->symbol);
}

static int member_cmp(const void *pa, const void *pb)
{
	return store_info_cmp(((const member_ref *)pa)->info, ((const member_ref *)pb)->info);
}

/* Build the view chain of members[0..n) (sorted) on `base` (NULL: from
 * the first member); *tip gets the last commit (`base` when n is 0). */
static int build_view(git_oid *tip, resdiff_store *s, const char *slug, const char *lang,
		member_ref *members, size_t n, const git_oid *base, ref_plans *plans)
{
	resdiff_buf msg = RESDIFF_BUF_INIT, file = RESDIFF_BUF_INIT, ref = RESDIFF_BUF_INIT;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_oid parent, tree, commit;
	bool has_parent = base != NULL;
	size_t i;
	int error = 0;

	if (base)
		git_oid_cpy(&parent, base);
	if ((error = resdiff_buf_printf(&file, "%s.%s.txt", slug, lang)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		store_doc_info *m = members[i].info;
		const git_oid *parents[1] = { &parent };

		/* same member on the same parent as last time: same commit */
		if (m->view_built && (has_parent ? git_oid_equal(&m->view_parent, &parent)
		                                 : git_oid_is_zero(&m->view_parent))) {
			git_oid_cpy(&commit, &m->view_commit);
			goto planned;
		}
		git_treebuilder_free(tb);
		tb = NULL;
		GIT_TRY(git_treebuilder_new(&tb, s->repo, NULL), "cannot build a view tree");
		GIT_TRY(git_treebuilder_insert(NULL, tb, file.ptr, &m->view_blob,
			GIT_FILEMODE_BLOB), "cannot build a view tree");
		GIT_TRY(git_treebuilder_write(&tree, tb), "cannot write a view tree");
		resdiff_buf_clear(&msg);
		if ((error = put_line(&msg, m->symbol)) < 0 ||
		    (m->title && ((error = resdiff_buf_puts(&msg, ": ")) < 0 ||
		                  (error = put_line(&msg, m->title)) < 0)) ||
		    (error = resdiff_buf_puts(&msg, "\n\nSymbol: ")) < 0 ||
		    (error = put_line(&msg, m->symbol)) < 0 ||
		    (error = resdiff_buf_printf(&msg, "\nLanguage: %s\nAdopted: %s\n", lang, m->date)) < 0)
			goto done;
		if (m->meeting && ((error = resdiff_buf_puts(&msg, "Meeting: ")) < 0 ||
		                   (error = put_line(&msg, m->meeting)) < 0 ||
		                   (error = resdiff_buf_putc(&msg, '\n')) < 0))
			goto done;
		if (m->body && ((error = resdiff_buf_puts(&msg, "Body: ")) < 0 ||
		                (error = put_line(&msg, m->body)) < 0 ||
		                (error = resdiff_buf_putc(&msg, '\n')) < 0))
			goto done;
		if (m->source_sha256[0] &&
		    (error = resdiff_buf_printf(&msg, "Source-SHA256: %s\n", m->source_sha256)) < 0)
			goto done;
		git_signature_free(sig);
		sig = NULL;
		GIT_TRY(git_signature_new(&sig, VIEW_IDENT_NAME, VIEW_IDENT_EMAIL,
			adoption_time(m->date), 0), "cannot make a signature");
		GIT_TRY(git_commit_create_from_ids(&commit, s->repo, NULL, sig, sig, NULL, msg.ptr,
			&tree, has_parent ? 1 : 0, parents), "cannot write a view commit");
		if (has_parent)
			git_oid_cpy(&m->view_parent, &parent);
		else
			memset(&m->view_parent, 0, sizeof(m->view_parent));
		git_oid_cpy(&m->view_commit, &commit);
		m->view_built = true;
planned:
		git_oid_cpy(&parent, &commit);
		has_parent = true;
		resdiff_buf_clear(&ref);
		if ((error = symbol_ref(&ref, s, m->symbol, lang)) < 0 ||
		    (error = plans_add(plans, ref.ptr, &commit)) < 0)
			goto done;
	}
	if (has_parent)
		git_oid_cpy(tip, &parent);
done:
	git_treebuilder_free(tb);
	git_signature_free(sig);
	resdiff_buf_dispose(&msg);
	resdiff_buf_dispose(&file);
	resdiff_buf_dispose(&ref);
	return error;
}

/* Which views to rebuild: "lang\tslug" lines; `all` rebuilds every view. */
typedef struct {
	resdiff_buf keys;    /* "lang\tslug\n"... */
	resdiff_buf langs;   /* "lang\n"... */
	resdiff_buf gone;    /* "lang\tsymbol\n": docs that may have left every view */
	/* "lang\tslug\tsymbol\n": documents the transaction wrote into a
	 * series (a document may be there twice) */
	resdiff_buf touched;
	/* "lang\tslug\n": views an old member may have left or changed in
	 * (a document amended or withdrawn): rebuilt from all their members */
	resdiff_buf changed;
	bool all;
} view_set;

static bool line_in(const resdiff_buf *b, const char *line)
{
	size_t n = strlen(line);
	const char *p = b->ptr;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		if ((size_t)(nl - p) == n && !memcmp(p, line, n))
			return true;
		p = nl + 1;
	}
	return false;
}

int store_line_add(resdiff_buf *b, const char *line)
{
	int error;
	if (line_in(b, line))
		return 0;
	if ((error = resdiff_buf_puts(b, line)) < 0)
		return error;
	return resdiff_buf_putc(b, '\n');
}

static int view_set_add(view_set *v, const char *lang, const char *slug)
{
	char key[128];
	int error;
	snprintf(key, sizeof(key), "%s\t%s", lang, slug);
	if ((error = store_line_add(&v->keys, key)) < 0)
		return error;
	return store_line_add(&v->langs, lang);
}

/* A view an old member may have changed in or left (the document was
 * amended or withdrawn): its members are all looked up again. */
static int view_set_change(view_set *v, const char *lang, const char *slug)
{
	char key[128];
	int error;
	snprintf(key, sizeof(key), "%s\t%s", lang, slug);
	if ((error = view_set_add(v, lang, slug)) < 0)
		return error;
	return store_line_add(&v->changed, key);
}

/* A document the transaction wrote into series `slug`: a candidate
 * member of that view besides the members it had (plan_views). */
static int view_set_touch(view_set *v, const char *lang, const char *slug, const char *symbol)
{
	int error;
	if ((error = view_set_add(v, lang, slug)) < 0)
		return error;
	return resdiff_buf_printf(&v->touched, "%s\t%s\t%s\n", lang, slug, symbol);
}

static void view_set_dispose(view_set *v)
{
	resdiff_buf_dispose(&v->touched);
	resdiff_buf_dispose(&v->changed);
	resdiff_buf_dispose(&v->keys);
	resdiff_buf_dispose(&v->langs);
	resdiff_buf_dispose(&v->gone);
}

typedef struct {
	member_ref *items;
	size_t count, alloc;
} member_list;

static int members_add(member_list *l, store_doc_info *info)
{
	if (l->count == l->alloc) {
		size_t n = l->alloc ? l->alloc * 2 : 256;
		member_ref *items = realloc(l->items, n * sizeof(*items));
		if (!items)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		l->items = items;
		l->alloc = n;
	}
	l->items[l->count++].info = info;
	return 0;
}

int store_each_doc(resdiff_store *s, git_tree *root, const char *lang, bool write_view,
		store_doc_fn fn, void *payload)
{
	git_tree_entry *lang_entry = NULL;
	git_tree *lang_tree = NULL, *dir = NULL;
	size_t i, j;
	int error = 0, gerr;

	if ((gerr = git_tree_entry_bypath(&lang_entry, root, lang)) == GIT_ENOTFOUND)
		return 0;
	GIT_TRY(gerr, lang);
	GIT_TRY(git_tree_lookup(&lang_tree, s->repo, git_tree_entry_id(lang_entry)), lang);
	for (i = 0; i < git_tree_entrycount(lang_tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(lang_tree, i);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		git_tree_free(dir);
		dir = NULL;
		GIT_TRY(git_tree_lookup(&dir, s->repo, git_tree_entry_id(e)), lang);
		for (j = 0; j < git_tree_entrycount(dir); j++) {
			const git_tree_entry *f = git_tree_entry_byindex(dir, j);
			store_doc_info *info;
			if (git_tree_entry_type(f) != GIT_OBJECT_BLOB)
				continue;
			if ((error = store_info_get(&info, s, git_tree_entry_id(f), write_view)) < 0 ||
			    (error = fn(info, payload)) < 0)
				goto done;
		}
	}
done:
	git_tree_free(dir);
	git_tree_free(lang_tree);
	git_tree_entry_free(lang_entry);
	return error;
}

int store_each_record_doc(resdiff_store *s, git_tree *root, const char *language,
		store_lang_fn on_lang, store_doc_fn fn, void *payload)
{
	size_t i;
	int error = 0;
	for (i = 0; i < git_tree_entrycount(root) && !error; i++) {
		const git_tree_entry *le = git_tree_entry_byindex(root, i);
		const char *lang = git_tree_entry_name(le);
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE || (language && strcmp(lang, language)))
			continue;
		if ((error = on_lang(lang, payload)) == 0)
			error = store_each_doc(s, root, lang, false, fn, payload);
	}
	return error;
}

static int add_member(store_doc_info *info, void *payload)
{
	return members_add(payload, info);
}

/* Every document of one language in the record tree, header only: the
 * view blobs are made for the members of the views rebuilt (plan_views),
 * not for every document of the language (an import of one member hashed
 * all of them: 1 667 in a language of the 10k corpus). */
static int scan_language(member_list *out, resdiff_store *s, git_tree *root, const char *lang)
{
	return store_each_doc(s, root, lang, false, add_member, out);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_list_refs(resdiff_buf *out, resdiff_store *s, const char *prefix)
{
	git_reference_iterator *it = NULL;
	const char *name;
	char glob[256], **names = NULL;
	size_t count = 0, alloc = 0, i;
	int error = 0, gerr;

	/* in name order: libgit2 lists loose refs before packed ones, so a
	 * clone (packed) and its origin (loose) would list them otherwise */
	snprintf(glob, sizeof(glob), "%s*", prefix);
	GIT_TRY(git_reference_iterator_glob_new(&it, s->repo, glob), "cannot list refs");
	while ((gerr = git_reference_next_name(&name, it)) == 0) {
		if (count == alloc) {
			size_t n = alloc ? alloc * 2 : 64;
			char **nn = realloc(names, n * sizeof(*nn));
			if (!nn) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			names = nn;
			alloc = n;
		}
		if (!(names[count] = strdup(name))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		count++;
	}
	if (gerr != GIT_ITEROVER) {
		error = resdiff_git_fail(gerr, "cannot list refs");
		goto done;
	}
	if (count)
		qsort(names, count, sizeof(*names), cmp_names);
	for (i = 0; i < count && !error; i++)
		error = store_line_add(out, names[i]);
done:
	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
	git_reference_iterator_free(it);
	return error;
}

static int cmp_info_ptr(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t)((const member_ref *)pa)->info;
	uintptr_t b = (uintptr_t)((const member_ref *)pb)->info;
	return a < b ? -1 : a > b;
}

/* The document of `root` stored under symbol `sym` in `lang`, when it is
 * a member of series `slug` now: added to out. 1 when `sym` names no
 * record path (not a symbol: the view is not one resdiff wrote). */
static int candidate_add(member_list *out, resdiff_store *s, git_tree *root, const char *lang,
		const char *slug, const char *sym)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	git_tree_entry *e = NULL;
	store_doc_info *info = NULL;
	int error = 0, gerr;

	if (store_doc_path(&path, sym, lang) < 0) {
		resdiff_error_clear();
		error = 1;
		goto done;
	}
	s->view_members_read++;
	if ((gerr = git_tree_entry_bypath(&e, root, path.ptr)) == GIT_ENOTFOUND)
		goto done;  /* withdrawn */
	GIT_TRY(gerr, path.ptr);
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		goto done;
	if ((error = info_read(&info, s, git_tree_entry_id(e), true, slug)) < 0)
		goto done;
	if (info->series && info->date && !strcmp(info->series, slug) &&
	    (error = members_add(out, info)) < 0)
		goto done;
done:
	git_tree_entry_free(e);
	resdiff_buf_dispose(&path);
	return error;
}

/* The transaction's documents in series `slug` of `lang` that are
 * members in `root`: added to out. */
static int touched_add(member_list *out, resdiff_store *s, git_tree *root, const view_set *v,
		const char *lang, const char *slug)
{
	size_t ll = strlen(lang), sl = strlen(slug), n;
	const char *p;
	int error;

	for (p = v->touched.ptr; p && *p; p = strchr(p, '\n') + 1) {
		const char *end = strchr(p, '\n');
		char sym[RESDIFF_SYMBOL_MAX + 1];
		if ((size_t)(end - p) <= ll + sl + 2 || memcmp(p, lang, ll) || p[ll] != '\t' ||
		    memcmp(p + ll + 1, slug, sl) || p[ll + 1 + sl] != '\t')
			continue;
		n = (size_t)(end - p) - ll - sl - 2;
		if (n >= sizeof(sym))
			continue;
		memcpy(sym, p + ll + sl + 2, n);
		sym[n] = '\0';
		if ((error = candidate_add(out, s, root, lang, slug, sym)) < 0)
			return error;
		/* imported: a symbol, 1 is not expected */
	}
	return 0;
}

/* out->items[start..] once each (a document touched twice, or an old
 * member the transaction amended); the order is lost. */
static void members_unique(member_list *out, size_t start)
{
	size_t i, n = out->count - start;
	if (n < 2)
		return;
	qsort(out->items + start, n, sizeof(*out->items), cmp_info_ptr);
	for (i = 1, n = 1; i < out->count - start; i++)
		if (out->items[start + i].info != out->items[start + n - 1].info)
			out->items[start + n++] = out->items[start + i];
	out->count = start + n;
}

/* The view of series `slug` in `lang` when the transaction only appends
 * to it: no old member changed or left (v->changed), and every document
 * the transaction wrote into the series sorts after the view's last
 * member. Then the old chain stays as it is, and only the new members
 * are built on its tip: out gets them (sorted), *base the tip (zero when
 * the view is new). The old members are not looked up again, so
 * importing into a long series costs what importing into a short one
 * does (a bulk import's transaction touching every series read every
 * member of each: the import's cost grew with the corpus). *ok is false
 * (nothing added) when the view must be rebuilt from all its members. */
static int view_appended(member_list *out, git_oid *base, bool *ok, resdiff_store *s,
		git_tree *root, const view_set *v, const char *lang, const char *slug)
{
	resdiff_buf name = RESDIFF_BUF_INIT;
	git_commit *commit = NULL;
	git_message_trailer_array tr = { NULL, 0, NULL };
	store_doc_info *last = NULL;
	const char *sym;
	size_t start = out->count, i;
	char key[128];
	int error = 0, gerr;

	*ok = false;
	memset(base, 0, sizeof(*base));
	snprintf(key, sizeof(key), "%s\t%s", lang, slug);
	if (line_in(&v->changed, key) ||
	    (error = resdiff_buf_printf(&name, "%s%s/%s", RESDIFF_STORE_SERIES_PREFIX, slug, lang)) < 0)
		goto done;
	gerr = git_reference_name_to_id(base, s->repo, name.ptr);
	if (gerr < 0 && gerr != GIT_ENOTFOUND)
		goto done;
	if (gerr == 0) {
		/* the last member: still one (nothing the transaction wrote left it) */
		if (git_commit_lookup(&commit, s->repo, base) < 0 ||
		    git_message_trailers(&tr, git_commit_message(commit)) < 0 ||
		    !(sym = store_trailer(&tr, "Symbol")))
			goto done;
		if ((error = candidate_add(out, s, root, lang, slug, sym)) != 0 || out->count != start + 1)
			goto done;
		last = out->items[start].info;
		out->count = start;
	}
	if ((error = touched_add(out, s, root, v, lang, slug)) < 0)
		goto done;
	members_unique(out, start);
	for (i = start; i < out->count; i++)
		if (last && store_info_cmp(out->items[i].info, last) <= 0)
			goto done;
	if (out->count - start > 1)
		qsort(out->items + start, out->count - start, sizeof(*out->items), member_cmp);
	*ok = true;
done:
	if (!*ok) {
		git_error_clear();
		out->count = start;
		if (error > 0)
			error = 0;
	}
	git_message_trailer_array_free(&tr);
	git_commit_free(commit);
	resdiff_buf_dispose(&name);
	return error;
}

/* The members of series `slug` in `lang` in the record tree `root`,
 * without reading the language's every document: while the views stamp
 * names the record a transaction started from (!v->all), a view holds
 * exactly the members that record had; `root` is that record changed by
 * the transaction's documents alone (v->touched, and the ones it
 * withdrew or amended out of the series, which are looked up again).
 * So the members are the view's old members and the touched documents
 * that are members in `root` now: about a series' length of headers
 * read, not a language's. *found is false (nothing added) when the view
 * cannot be read: the caller scans the language. */
static int view_members(member_list *out, bool *found, resdiff_store *s, git_tree *root,
		const view_set *v, const char *lang, const char *slug)
{
	resdiff_buf name = RESDIFF_BUF_INIT;
	git_commit *commit = NULL;
	git_message_trailer_array tr = { NULL, 0, NULL };
	size_t start = out->count;
	git_oid id;
	int error = 0, gerr;

	*found = false;
	if ((error = resdiff_buf_printf(&name, "%s%s/%s", RESDIFF_STORE_SERIES_PREFIX, slug, lang)) < 0)
		goto done;
	gerr = git_reference_name_to_id(&id, s->repo, name.ptr);
	if (gerr < 0 && gerr != GIT_ENOTFOUND)
		goto scan;
	/* the old members, newest first along the view's first parents */
	while (gerr == 0) {
		const char *sym;
		git_commit_free(commit);
		commit = NULL;
		git_message_trailer_array_free(&tr);
		memset(&tr, 0, sizeof(tr));
		if (git_commit_lookup(&commit, s->repo, &id) < 0 ||
		    git_message_trailers(&tr, git_commit_message(commit)) < 0 ||
		    !(sym = store_trailer(&tr, "Symbol")))
			goto scan;
		if ((error = candidate_add(out, s, root, lang, slug, sym)) < 0)
			goto done;
		if (error > 0) {
			error = 0;
			goto scan;
		}
		if (!git_commit_parentcount(commit))
			break;
		git_oid_cpy(&id, git_commit_parent_id(commit, 0));
	}
	if ((error = touched_add(out, s, root, v, lang, slug)) < 0)
		goto done;
	members_unique(out, start);
	*found = true;
	goto done;
scan:
	git_error_clear();
	out->count = start;
done:
	git_message_trailer_array_free(&tr);
	git_commit_free(commit);
	resdiff_buf_dispose(&name);
	return error;
}

/* Plan the views in `v` from the record tree `root`. */
static int plan_views(resdiff_store *s, git_tree *root, view_set *v, ref_plans *plans)
{
	member_list docs = { NULL, 0, 0 }, members = { NULL, 0, 0 };
	resdiff_buf existing = RESDIFF_BUF_INIT, name = RESDIFF_BUF_INIT;
	const char *lp, *kp;
	bool scanned, found;
	size_t i;
	int error = 0;

	if (v->all) {
		/* every language in the record, every series found, and every
		 * existing view or symbol ref (deleted when not rebuilt) */
		for (i = 0; root && i < git_tree_entrycount(root); i++) {
			const char *l = git_tree_entry_name(git_tree_entry_byindex(root, i));
			if (resdiff_name_language_ok(l) && (error = store_line_add(&v->langs, l)) < 0)
				goto done;
		}
		if ((error = store_list_refs(&existing, s, RESDIFF_STORE_SERIES_PREFIX)) < 0 ||
		    (error = store_list_refs(&existing, s, store_symbol_prefix(s))) < 0)
			goto done;
	}
	for (lp = v->langs.ptr; lp && *lp; lp = strchr(lp, '\n') + 1) {
		char lang[8];
		size_t ll = (size_t)(strchr(lp, '\n') - lp);
		if (ll >= sizeof(lang))
			continue;
		memcpy(lang, lp, ll);
		lang[ll] = '\0';
		docs.count = 0;
		scanned = false;
		if (v->all) {
			if (root && (error = scan_language(&docs, s, root, lang)) < 0)
				goto done;
			scanned = true;
		}
		if (v->all)
			for (i = 0; i < docs.count; i++)
				if (docs.items[i].info->series && docs.items[i].info->date &&
				    (error = view_set_add(v, lang, docs.items[i].info->series)) < 0)
					goto done;
		for (kp = v->keys.ptr; kp && *kp; kp = strchr(kp, '\n') + 1) {
			char slug[80];
			const char *tab = strchr(kp, '\t');
			size_t sl = (size_t)(strchr(kp, '\n') - tab - 1);
			git_oid tip, base;
			bool appended = false;
			if ((size_t)(tab - kp) != ll || memcmp(kp, lang, ll) || sl >= sizeof(slug))
				continue;
			memcpy(slug, tab + 1, sl);
			slug[sl] = '\0';
			members.count = 0;
			found = false;
			if (!v->all && root &&
			    (error = view_appended(&members, &base, &appended, s, root, v, lang, slug)) < 0)
				goto done;
			if (appended) {
				bool has_base = !git_oid_is_zero(&base);
				resdiff_buf_clear(&name);
				if ((error = resdiff_buf_printf(&name, "%s%s/%s",
						RESDIFF_STORE_SERIES_PREFIX, slug, lang)) < 0 ||
				    (error = build_view(&tip, s, slug, lang, members.items, members.count,
						has_base ? &base : NULL, plans)) < 0 ||
				    (error = plans_add(plans, name.ptr,
						has_base || members.count ? &tip : NULL)) < 0)
					goto done;
				continue;
			}
			if (!v->all && root &&
			    (error = view_members(&members, &found, s, root, v, lang, slug)) < 0)
				goto done;
			if (!found && !scanned) {
				if (root && (error = scan_language(&docs, s, root, lang)) < 0)
					goto done;
				scanned = true;
			}
			for (i = 0; !found && i < docs.count; i++) {
				store_doc_info *d = docs.items[i].info;
				if (d->series && d->date && !strcmp(d->series, slug) &&
				    ((error = store_info_get(&d, s, &d->blob, true)) < 0 ||
				     (error = members_add(&members, d)) < 0))
					goto done;
			}
			if (members.count)
				qsort(members.items, members.count, sizeof(*members.items), member_cmp);
			resdiff_buf_clear(&name);
			if ((error = resdiff_buf_printf(&name, "%s%s/%s",
					RESDIFF_STORE_SERIES_PREFIX, slug, lang)) < 0 ||
			    (error = build_view(&tip, s, slug, lang, members.items, members.count, NULL,
					plans)) < 0 ||
			    (error = plans_add(plans, name.ptr, members.count ? &tip : NULL)) < 0)
				goto done;
		}
	}
	/* documents that left every view lose their symbol ref */
	plans_sort(plans);
	for (lp = v->gone.ptr; lp && *lp; lp = strchr(lp, '\n') + 1) {
		char *line = strndup(lp, (size_t)(strchr(lp, '\n') - lp));
		char *tab = line ? strchr(line, '\t') : NULL;
		if (!tab) {
			free(line);
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		*tab = '\0';
		resdiff_buf_clear(&name);
		error = symbol_ref(&name, s, tab + 1, line);
		free(line);
		if (error < 0 || (!plans_find(plans, name.ptr) &&
		                  (error = plans_add(plans, name.ptr, NULL)) < 0))
			goto done;
	}
	plans_sort(plans);
	for (lp = existing.ptr; lp && *lp; lp = strchr(lp, '\n') + 1) {
		char *ref = strndup(lp, (size_t)(strchr(lp, '\n') - lp));
		if (!ref) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		error = plans_find(plans, ref) ? 0 : plans_add(plans, ref, NULL);
		free(ref);
		if (error < 0)
			goto done;
	}
done:
	free(docs.items);
	free(members.items);
	resdiff_buf_dispose(&existing);
	resdiff_buf_dispose(&name);
	return error;
}

/* ---- import ----------------------------------------------------------- */

static int ref_id(git_oid *out, resdiff_store *s, const char *name, bool *exists)
{
	int gerr = git_reference_name_to_id(out, s->repo, name);
	*exists = gerr == 0;
	if (gerr == 0 || gerr == GIT_ENOTFOUND)
		return 0;
	return resdiff_git_fail(gerr, name);
}

int store_identity_check(resdiff_store *s, bool *fallback)
{
	git_signature *sig = NULL;
	git_strarray remotes = { NULL, 0 };
	int error = 0;

	*fallback = false;
	if (git_signature_default(&sig, s->repo) == 0) {
		git_signature_free(sig);
		return 0;
	}
	git_error_clear();
	/* a copy with no remote keeps its commits to itself: they may carry
	 * resdiff's own name (CI, a scratch repository); one with a remote
	 * shares them, and they must say who made them */
	if (git_remote_list(&remotes, s->repo) == 0 && remotes.count)
		error = resdiff_error_set(RESDIFF_EINVALID, "who is writing? This copy has a remote "
			"(%s), so its commits travel and must name their author, but git knows no "
			"user.name and user.email: set them with git config --global user.name \"Your "
			"Name\" and git config --global user.email you@example.org (or git -C %s config "
			"... for this repository only)", remotes.strings[0], s->gitdir);
	else
		*fallback = true;
	git_error_clear();
	git_strarray_dispose(&remotes);
	return error;
}

int store_record_signature(git_signature **out, resdiff_store *s)
{
	bool fallback;
	int error;

	*out = NULL;
	if ((error = store_identity_check(s, &fallback)) < 0)
		return error;
	if (!fallback && git_signature_default(out, s->repo) == 0)
		return 0;
	git_error_clear();
	if (git_signature_now(out, VIEW_IDENT_NAME, VIEW_IDENT_EMAIL) == 0)
		return 0;
	return resdiff_git_fail(-1, "cannot make a signature");
}

const char *resdiff_import_change_name(resdiff_import_change change)
{
	switch (change) {
	case RESDIFF_IMPORT_CHANGE_TEXT: return "text";
	case RESDIFF_IMPORT_CHANGE_METADATA: return "metadata";
	case RESDIFF_IMPORT_CHANGE_SOURCE: return "source";
	case RESDIFF_IMPORT_CHANGE_SOURCE_LINES: return "source lines";
	case RESDIFF_IMPORT_CHANGE_NONE: break;
	}
	return "";
}

static bool source_line(size_t *from, size_t *to, const char *p, size_t len);

/* The part of a canonical file that differs: the units or footnotes, the
 * header but for its source-sha256 line, the source (its hash, and maybe
 * its lines: the same text read from another file), or the lines alone. */
static resdiff_import_change what_changed(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *ha = strstr(a, "\n\n"), *hb = strstr(b, "\n\n");
	size_t ra = resdiff_canon_reading_len(a, alen), rb = resdiff_canon_reading_len(b, blen);
	size_t af, at, bf, bt, ahl, bhl;
	if (!ha || !hb)
		return RESDIFF_IMPORT_CHANGE_TEXT;
	if (ra - (size_t)(ha - a) != rb - (size_t)(hb - b) ||
	    memcmp(ha, hb, ra - (size_t)(ha - a)))
		return RESDIFF_IMPORT_CHANGE_TEXT;
	if (ha - a == hb - b && !memcmp(a, b, (size_t)(ha - a)))
		return RESDIFF_IMPORT_CHANGE_SOURCE_LINES;
	/* headers differ (each with its last line end): in their source-sha256
	 * line only? */
	ahl = (size_t)(ha - a) + 1;
	bhl = (size_t)(hb - b) + 1;
	if (source_line(&af, &at, a, ahl) && source_line(&bf, &bt, b, bhl) && af == bf &&
	    !memcmp(a, b, af) && ahl - at == bhl - bt && !memcmp(a + at, b + bt, ahl - at))
		return RESDIFF_IMPORT_CHANGE_SOURCE;
	return RESDIFF_IMPORT_CHANGE_METADATA;
}

/* Where the source-sha256 line of a canonical file's header is: [*from,
 * *to) (false when it has none). */
static bool source_line(size_t *from, size_t *to, const char *p, size_t len)
{
	static const char key[] = "\nsource-sha256\t";
	size_t i;
	for (i = 0; i + sizeof(key) - 1 <= len; i++) {
		if (p[i] == '\n' && i + 1 < len && p[i + 1] == '\n')
			return false;  /* end of the header */
		if (!memcmp(p + i, key, sizeof(key) - 1)) {
			const char *nl = memchr(p + i + 1, '\n', len - i - 1);
			if (!nl)
				return false;
			*from = i + 1;
			*to = (size_t)(nl - p) + 1;
			return true;
		}
	}
	return false;
}

/* The same document read from other bytes (line ends, a byte-order mark):
 * canonical files equal but for their source-sha256 lines. */
static bool same_but_source(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t af, at, bf, bt;
	if (!source_line(&af, &at, a, alen) || !source_line(&bf, &bt, b, blen))
		return false;
	return af == bf && !memcmp(a, b, af) && alen - at == blen - bt &&
	       !memcmp(a + at, b + bt, alen - at);
}

/* How much of its units' text a correction shares with the stored one:
 * Dice of the n-grams of all unit texts (1 when both have none). */
static int correction_similarity(double *out, const char *old, size_t oldlen, const resdiff_doc *doc)
{
	resdiff_doc *prev = NULL;
	resdiff_buf a = RESDIFF_BUF_INIT, b = RESDIFF_BUF_INIT;
	size_t i;
	int error;

	if ((error = resdiff_canon_read(&prev, NULL, old, oldlen, RESDIFF_CANON_FULL)) < 0)
		goto done;
	for (i = 0; i < prev->unit_count && !error; i++)
		if (!(error = resdiff_buf_puts(&a, prev->units[i].text)))
			error = resdiff_buf_putc(&a, '\n');
	for (i = 0; i < doc->unit_count && !error; i++)
		if (!(error = resdiff_buf_puts(&b, doc->units[i].text)))
			error = resdiff_buf_putc(&b, '\n');
	/* long documents: their beginnings tell (and keys have a size limit) */
	for (i = 0; i < 2 && !error; i++) {
		resdiff_buf *t = i ? &b : &a;
		if (t->size > CORRECTION_SAMPLE_MAX) {
			size_t cut = CORRECTION_SAMPLE_MAX;
			while (cut && ((unsigned char)t->ptr[cut] & 0xC0) == 0x80)
				cut--;  /* not inside a character */
			t->ptr[cut] = '\0';
			t->size = cut;
		}
	}
	if (!error)
		error = resdiff_compare_similarity(out, a.ptr ? a.ptr : "", b.ptr ? b.ptr : "");
done:
	resdiff_doc_free(prev);
	resdiff_buf_dispose(&a);
	resdiff_buf_dispose(&b);
	return error;
}

/* "<verb> <symbol> (<lang>)[ <what>]" and the trailers of a record commit. */
static int record_message(resdiff_buf *msg, const resdiff_doc *doc, const char *verb,
		const char *what, const char *sha, const char *forced)
{
	const resdiff_meta *m = &doc->meta;
	int error;

	if ((error = resdiff_buf_puts(msg, verb)) < 0 ||
	    (error = resdiff_buf_putc(msg, ' ')) < 0 ||
	    (error = put_line(msg, m->symbol)) < 0 ||
	    (error = resdiff_buf_printf(msg, " (%s)%s%s", m->language, what ? " " : "",
			what ? what : "")) < 0)
		return error;
	if ((error = resdiff_buf_printf(msg, "\n\nSymbol: %s\nLanguage: %s\n%s%s%s%s%s%s",
			m->symbol, m->language,
			m->date ? "Adopted: " : "", m->date ? m->date : "", m->date ? "\n" : "",
			sha ? "Source-SHA256: " : "", sha ? sha : "", sha ? "\n" : "")) < 0)
		return error;
	if (forced && forced[0] && ((error = resdiff_buf_puts(msg, "Forced: ")) < 0 ||
	                            (error = put_line(msg, forced)) < 0 ||
	                            (error = resdiff_buf_putc(msg, '\n')) < 0))
		return error;
	return 0;
}

/* The withdrawals list (format 5) for the record commit `at`, moved with
 * the views' refs (a compare-and-swap from its value now, synced with
 * them before the stamp moves); nothing when it names `at` already. A
 * list the derived refs fail to move lags, and costs the next reader the
 * record commits after its stamp (store_meta.c). */
static int plan_withdrawals(resdiff_store *s, const git_oid *at, ref_plans *plans)
{
	git_oid list, was;
	bool stale, had;
	int error;

	if (s->format < RESDIFF_STORE_FORMAT_WITHDRAWALS)
		return 0;  /* an upgrade's step: the list comes with format 5 */
	if ((error = store_withdrawals_commit(&list, &stale, &was, &had, s, at)) < 0 || !stale)
		return error;
	return plans_add(plans, RESDIFF_STORE_WITHDRAWALS_REF, &list);
}

/* The end of every transaction: the views of `tree` planned, objects made
 * durable, the record moved from `tip` to `record` (NULL: not moved, a
 * repair of lagging views), then the derived refs and the stamp. */
static int finish(resdiff_store *s, git_tree *tree, view_set *views, ref_plans *plans,
		const git_oid *tip, const git_oid *record, const git_oid *stamp)
{
	git_oid at;
	int error;

	git_oid_cpy(&at, record ? record : tip);
	if ((error = plan_views(s, tree, views, plans)) < 0 ||
	    (error = plan_withdrawals(s, &at, plans)) < 0 || (error = store_sync_objects(s)) < 0)
		return error;
	/* everything is on disk: publish, by moving the record */
	if (record && (error = store_ref_publish(s, RESDIFF_STORE_RECORD_REF, tip, record,
			"resdiff")) < 0)
		return error;
	/* recorded; the rest is derived from the record */
	if ((error = publish_views(s, plans, stamp, &at)) < 0 && record)
		error = store_note(s, "the change is recorded, but the series views were not updated "
			"(%s); readers compute them from the record until the next writer repairs them",
			resdiff_error_last());
	return error;
}

/* Has the process been asked to stop (resdiff_interrupt)? Looked at
 * before each document of a transaction and before its record moves:
 * nothing is published then. `done` documents of the transaction were
 * gone through. The test hook $RESDIFF_TEST_SIGNAL_AFTER=K[:SIGNUM] raises
 * the signal (default SIGINT) once K documents of this process were gone
 * through, so that tests/interrupt stops an import at a known point. */
static int check_interrupt(size_t done)
{
	static size_t seen;  /* documents gone through by this process */
	const char *hook;

	if (done && (hook = getenv("RESDIFF_TEST_SIGNAL_AFTER")) && hook[0]) {
		char *end;
		unsigned long k = strtoul(hook, &end, 10);
		int sig = *end == ':' ? atoi(end + 1) : SIGINT;
		if (++seen == k)
			raise(sig ? sig : SIGINT);
	}
	if (resdiff_interrupted())
		return resdiff_error_set(RESDIFF_EINTERRUPTED, "interrupted");
	return 0;
}

/* Appends reason (may be NULL or empty: nothing) to what the item's
 * import forced, "; " between reasons; the Forced: trailer says them. */
static void forced_add(resdiff_store_item *item, const char *reason)
{
	size_t n = strlen(item->forced);
	if (reason && reason[0])
		snprintf(item->forced + n, sizeof(item->forced) - n, "%s%s", n ? "; " : "", reason);
}

/* Write record blob `id`, already hashed from data[0..len): into the
 * transaction's objects directly when one is open and the object is not
 * stored already (libgit2's write would hash it a second time), else
 * through libgit2. */
static int blob_write_hashed(resdiff_store *s, const git_oid *id, const char *data, size_t len)
{
	git_oid written;
	int error = 0;

	if (s->txn) {
		if (git_odb_exists_ext(s->odb, id, GIT_ODB_LOOKUP_NO_REFRESH))
			return 0;
		s->blobs_put++;
		return store_txn_put(s->txn, id, data, len, GIT_OBJECT_BLOB);
	}
	GIT_TRY(git_blob_create_from_buffer(&written, s->repo, data, len), "cannot write a document");
done:
	return error;
}

static int import_once(resdiff_store *s, resdiff_store_item *items, size_t count,
		resdiff_buf *canon, resdiff_buf *paths, bool all_views)
{
	view_set views;
	ref_plans plans = { NULL, 0, 0, 0 };
	git_oid tip, cur_commit, views_at, tree_id;
	git_commit *tip_commit = NULL;
	git_tree *tree = NULL, *new_tree = NULL;
	git_signature *sig = NULL;
	git_blob *old_blob = NULL;
	resdiff_buf msg = RESDIFF_BUF_INIT;
	bool has_tip, has_views_at, changed = false;
	char why[sizeof(items->forced)];
	size_t i;
	int error = 0;

	memset(&views, 0, sizeof(views));
	if ((count >= RESDIFF_STORE_PACK_MIN_DOCS && (error = store_txn_begin(s)) < 0) ||
	    (error = ref_id(&tip, s, RESDIFF_STORE_RECORD_REF, &has_tip)) < 0 ||
	    (error = ref_id(&views_at, s, store_views_ref(s), &has_views_at)) < 0 ||
	    (error = store_record_signature(&sig, s)) < 0)
		goto done;
	/* views lagging the record (an interrupted import): rebuild them all */
	if (all_views || (has_tip && (!has_views_at || !git_oid_equal(&tip, &views_at))))
		views.all = true;
	if (has_tip) {
		GIT_TRY(git_commit_lookup(&tip_commit, s->repo, &tip), "cannot read the record");
		GIT_TRY(git_commit_tree(&tree, tip_commit), "cannot read the record");
	}
	git_oid_cpy(&cur_commit, &tip);
	for (i = 0; i < count; i++) {
		const resdiff_doc *doc = items[i].doc;
		const char *path = paths[i].ptr;
		git_tree_entry *old = NULL;
		git_tree_update upd;
		git_oid blob_id, commit_id;
		const git_oid *parents[1] = { &cur_commit };
		const char *action = "import";
		int gerr;

		items[i].result = RESDIFF_IMPORT_UNCHANGED;
		items[i].change = RESDIFF_IMPORT_CHANGE_NONE;
		items[i].commit[0] = items[i].forced[0] = '\0';
		if ((error = check_interrupt(i)) < 0)
			goto done;
		/* the blob is written only when it is committed: an unchanged or
		 * refused document leaves nothing behind */
		GIT_TRY(git_odb_hash(&blob_id, canon[i].ptr, canon[i].size, GIT_OBJECT_BLOB),
			"cannot hash a document");
		gerr = tree ? git_tree_entry_bypath(&old, tree, path) : GIT_ENOTFOUND;
		if (gerr < 0 && gerr != GIT_ENOTFOUND) {
			error = resdiff_git_fail(gerr, path);
			goto done;
		}
		if (old && git_oid_equal(git_tree_entry_id(old), &blob_id)) {
			git_tree_entry_free(old);
			continue;
		}
		resdiff_buf_clear(&msg);
		if (old) {
			store_doc_info *info;
			const char *was;
			size_t waslen;
			git_blob_free(old_blob);
			old_blob = NULL;
			error = git_blob_lookup(&old_blob, s->repo, git_tree_entry_id(old));
			git_tree_entry_free(old);
			GIT_TRY(error, path);
			was = git_blob_rawcontent(old_blob);
			waslen = (size_t)git_blob_rawsize(old_blob);
			if (same_but_source(was, waslen, canon[i].ptr, canon[i].size))
				continue;  /* other line ends or a byte-order mark: unchanged */
			items[i].change = what_changed(was, waslen, canon[i].ptr, canon[i].size);
			action = resdiff_import_change_name(items[i].change);
			if (items[i].change == RESDIFF_IMPORT_CHANGE_TEXT) {
				double sim;
				if ((error = correction_similarity(&sim, was, waslen, doc)) < 0)
					goto done;
				if (sim < RESDIFF_STORE_CORRECTION_MIN_SIMILARITY && !items[i].force) {
					error = resdiff_error_set(RESDIFF_EINVALID, "%s (%s): this text shares %.0f%% "
						"of its wording with the one stored under that symbol (a correction "
						"shares at least %.0f%%): is it another document? Check its symbol, or "
						"store it as a correction with --force", doc->meta.symbol,
						doc->meta.language, sim * 100,
						RESDIFF_STORE_CORRECTION_MIN_SIMILARITY * 100);
					goto done;
				}
				if (sim < RESDIFF_STORE_CORRECTION_MIN_SIMILARITY)
					snprintf(items[i].forced, sizeof(items[i].forced),
						"shares %.0f%% of its wording with the text it corrects", sim * 100);
			}
			if ((error = store_info_get(&info, s, git_blob_id(old_blob), false)) < 0)
				goto done;
			if (info->series && info->date &&
			    (error = view_set_change(&views, doc->meta.language, info->series)) < 0)
				goto done;
			items[i].result = RESDIFF_IMPORT_AMENDED;
		} else {
			items[i].result = RESDIFF_IMPORT_ADDED;
		}
		if (doc->reads_adopted && resdiff_store_doc_is_draft(doc))
			forced_add(&items[i], "the text reads as adopted");
		resdiff_store_check_text(doc, true, why, sizeof(why));
		forced_add(&items[i], why);
		forced_add(&items[i], items[i].force_reason);
		if ((error = blob_write_hashed(s, &blob_id, canon[i].ptr, canon[i].size)) < 0)
			goto done;
		if (doc->meta.series && doc->meta.date && !resdiff_store_doc_is_draft(doc)) {
			store_doc_info *info;
			/* its info and view blob now, from the bytes in hand: the
			 * views are planned without reading it back */
			if ((error = info_from_data(&info, s, &blob_id, canon[i].ptr, canon[i].size,
					true, true)) < 0)
				goto done;
			if ((error = view_set_touch(&views, doc->meta.language, doc->meta.series,
					doc->meta.symbol)) < 0)
				goto done;
		} else {
			char line[RESDIFF_SYMBOL_MAX + 16];
			snprintf(line, sizeof(line), "%s\t%s", doc->meta.language, doc->meta.symbol);
			if ((error = store_line_add(&views.gone, line)) < 0)
				goto done;
		}
		/* "import E/RES/2009/7 (zh)", "amend E/RES/2009/7 (zh) text" */
		if ((error = record_message(&msg, doc, items[i].result == RESDIFF_IMPORT_AMENDED ?
				"amend" : "import", items[i].result == RESDIFF_IMPORT_AMENDED ? action : NULL,
				items[i].source_sha256, items[i].forced)) < 0)
			goto done;
		upd.action = GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&upd.id, &blob_id);
		upd.filemode = GIT_FILEMODE_BLOB;
		upd.path = path;
		GIT_TRY(git_tree_create_updated(&tree_id, s->repo, tree, 1, &upd), "cannot write a tree");
		GIT_TRY(git_commit_create_from_ids(&commit_id, s->repo, NULL, sig, sig, NULL, msg.ptr,
			&tree_id, has_tip || changed ? 1 : 0, parents), "cannot write a record commit");
		GIT_TRY(git_tree_lookup(&new_tree, s->repo, &tree_id), "cannot read a tree");
		git_tree_free(tree);
		tree = new_tree;
		new_tree = NULL;
		git_oid_cpy(&cur_commit, &commit_id);
		git_oid_tostr(items[i].commit, sizeof(items[i].commit), &commit_id);
		changed = true;
	}
	/* the last look before the record moves: after it, the transaction ends */
	if ((error = check_interrupt(count)) < 0)
		goto done;
	if (changed || views.all)
		error = finish(s, tree, &views, &plans, has_tip ? &tip : NULL, changed ? &cur_commit : NULL,
			has_views_at ? &views_at : NULL);
done:
	if (error < 0 && s->txn)
		store_txn_reset(s->txn);
	if (error < 0)
		info_clear(s);
	git_blob_free(old_blob);
	git_tree_free(tree);
	git_tree_free(new_tree);
	git_commit_free(tip_commit);
	git_signature_free(sig);
	resdiff_buf_dispose(&msg);
	plans_dispose(&plans);
	view_set_dispose(&views);
	return error;
}

int resdiff_store_import(resdiff_store *s, resdiff_store_item *items, size_t count)
{
	resdiff_buf *canon = NULL, *paths = NULL;
	size_t i, j;
	bool locked_here = !store_locked(s);
	int error = 0, attempt;

	if (count > RESDIFF_STORE_BATCH_MAX)
		return resdiff_error_set(RESDIFF_ETOOBIG,
			"more than %d documents in one import transaction", RESDIFF_STORE_BATCH_MAX);
	if (!(canon = calloc(count + 1, sizeof(*canon))) ||
	    !(paths = calloc(count + 1, sizeof(*paths)))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < count; i++) {
		const resdiff_meta *m = &items[i].doc->meta;
		if ((error = resdiff_store_check_doc(items[i].doc)) < 0 ||
		    (error = resdiff_store_check_text(items[i].doc, items[i].force, NULL, 0)) < 0 ||
		    (error = resdiff_canon_write(&canon[i], items[i].doc, items[i].source_sha256)) < 0 ||
		    (error = store_doc_path(&paths[i], m->symbol, m->language)) < 0)
			goto done;
		if (canon[i].size > RESDIFF_STORE_OBJECT_MAX) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "%s (%s): the stored document would be %zu "
				"bytes, over the limit of %u MiB", m->symbol, m->language, canon[i].size,
				RESDIFF_STORE_OBJECT_MAX / (1024 * 1024));
			goto done;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(paths[j].ptr, paths[i].ptr) && strcmp(canon[j].ptr, canon[i].ptr) &&
			    !same_but_source(canon[j].ptr, canon[j].size, canon[i].ptr, canon[i].size)) {
				error = resdiff_error_set(RESDIFF_EINVALID,
					"%s (%s) is given twice with different texts", m->symbol, m->language);
				goto done;
			}
	}
	if ((error = store_check_writable(s)) < 0 || (error = store_drafts_check(s, items, count)) < 0 ||
	    (error = store_lock_acquire(s)) < 0 || (error = store_sync_configure(s)) < 0)
		goto done;
	for (attempt = 0; attempt < CAS_RETRIES; attempt++)
		if ((error = import_once(s, items, count, canon, paths, false)) != RESDIFF_EMODIFIED)
			break;
	if (locked_here)
		store_lock_release(s);
done:
	for (i = 0; canon && paths && i < count; i++) {
		resdiff_buf_dispose(&canon[i]);
		resdiff_buf_dispose(&paths[i]);
	}
	free(canon);
	free(paths);
	return error;
}

static int withdraw_once(resdiff_store *s, const char *symbol, const char *lang,
		char commit[41])
{
	view_set views;
	ref_plans plans = { NULL, 0, 0, 0 };
	resdiff_buf path = RESDIFF_BUF_INIT, msg = RESDIFF_BUF_INIT;
	git_oid tip, views_at, tree_id, commit_id;
	git_commit *tip_commit = NULL;
	git_tree *tree = NULL, *new_tree = NULL;
	git_tree_entry *old = NULL;
	git_signature *sig = NULL;
	git_tree_update upd;
	store_doc_info *info;
	char line[RESDIFF_SYMBOL_MAX + 16];
	bool has_tip, has_views_at;
	int error = 0, gerr;

	memset(&views, 0, sizeof(views));
	if ((error = ref_id(&tip, s, RESDIFF_STORE_RECORD_REF, &has_tip)) < 0 ||
	    (error = ref_id(&views_at, s, store_views_ref(s), &has_views_at)) < 0 ||
	    (error = store_record_signature(&sig, s)) < 0 ||
	    (error = store_doc_path(&path, symbol, lang)) < 0)
		goto done;
	if (!has_tip) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "the record is empty");
		goto done;
	}
	views.all = !has_views_at || !git_oid_equal(&tip, &views_at);
	GIT_TRY(git_commit_lookup(&tip_commit, s->repo, &tip), "cannot read the record");
	GIT_TRY(git_commit_tree(&tree, tip_commit), "cannot read the record");
	if ((gerr = git_tree_entry_bypath(&old, tree, path.ptr)) == GIT_ENOTFOUND) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no document %s (%s) in the record", symbol, lang);
		goto done;
	}
	GIT_TRY(gerr, path.ptr);
	if ((error = store_info_get(&info, s, git_tree_entry_id(old), false)) < 0)
		goto done;
	/* its history loses it, and its symbol ref goes */
	if (info->series && info->date && (error = view_set_change(&views, lang, info->series)) < 0)
		goto done;
	snprintf(line, sizeof(line), "%s\t%s", lang, symbol);
	if ((error = store_line_add(&views.gone, line)) < 0)
		goto done;
	memset(&upd, 0, sizeof(upd));
	upd.action = GIT_TREE_UPDATE_REMOVE;
	upd.path = path.ptr;
	GIT_TRY(git_tree_create_updated(&tree_id, s->repo, tree, 1, &upd), "cannot write a tree");
	if ((error = resdiff_buf_puts(&msg, "withdraw ")) < 0 || (error = put_line(&msg, symbol)) < 0 ||
	    (error = resdiff_buf_printf(&msg, " (%s)\n\nSymbol: %s\nLanguage: %s\n", lang, symbol,
			lang)) < 0)
		goto done;
	{
		const git_oid *parents[1] = { &tip };
		GIT_TRY(git_commit_create_from_ids(&commit_id, s->repo, NULL, sig, sig, NULL, msg.ptr,
			&tree_id, 1, parents), "cannot write a record commit");
	}
	GIT_TRY(git_tree_lookup(&new_tree, s->repo, &tree_id), "cannot read a tree");
	if ((error = finish(s, new_tree, &views, &plans, &tip, &commit_id,
			has_views_at ? &views_at : NULL)) < 0)
		goto done;
	git_oid_tostr(commit, 41, &commit_id);
done:
	if (error < 0)
		info_clear(s);
	git_tree_entry_free(old);
	git_tree_free(new_tree);
	git_tree_free(tree);
	git_commit_free(tip_commit);
	git_signature_free(sig);
	resdiff_buf_dispose(&path);
	resdiff_buf_dispose(&msg);
	plans_dispose(&plans);
	view_set_dispose(&views);
	return error;
}

int resdiff_store_withdraw(resdiff_store *s, const char *symbol, const char *language,
		char commit[41])
{
	bool locked_here = !store_locked(s);
	int error, attempt;

	commit[0] = '\0';
	if ((error = resdiff_name_symbol_check(symbol)) < 0 || (error = store_check_writable(s)) < 0 ||
	    (error = store_lock_acquire(s)) < 0)
		return error;
	if ((error = store_sync_configure(s)) < 0) {
		if (locked_here)
			store_lock_release(s);
		return error;
	}
	for (attempt = 0; attempt < CAS_RETRIES; attempt++)
		if ((error = withdraw_once(s, symbol, language, commit)) != RESDIFF_EMODIFIED)
			break;
	if (locked_here)
		store_lock_release(s);
	return error;
}

int store_views_repair(resdiff_store *s)
{
	int error = 0, attempt;
	for (attempt = 0; attempt < CAS_RETRIES; attempt++)
		if ((error = import_once(s, NULL, 0, NULL, NULL, false)) != RESDIFF_EMODIFIED)
			break;
	return error;
}

int store_views_rebuild(resdiff_store *s)
{
	int error = 0, attempt;
	for (attempt = 0; attempt < CAS_RETRIES; attempt++)
		if ((error = import_once(s, NULL, 0, NULL, NULL, true)) != RESDIFF_EMODIFIED)
			break;
	return error;
}

/* ---- reading ---------------------------------------------------------- */

/* Earlier states of the record along its first parents (0 when none or
 * unreadable): what SYMBOL@~N can reach. */
static size_t record_depth(resdiff_store *s)
{
	git_revwalk *walk = NULL;
	git_oid id;
	size_t n = 0;
	if (git_revwalk_new(&walk, s->repo) == 0 && git_revwalk_push_ref(walk, s->record_ref) == 0) {
		git_revwalk_simplify_first_parent(walk);
		while (git_revwalk_next(&id, walk) == 0)
			n++;
	}
	git_revwalk_free(walk);
	return n ? n - 1 : 0;
}

static int record_tree(git_tree **out, git_commit **commit_out, resdiff_store *s, const char *rev)
{
	resdiff_buf spec = RESDIFF_BUF_INIT;
	git_object *obj = NULL;
	git_commit *commit = NULL;
	int error = 0, gerr;

	*out = NULL;
	if (commit_out)
		*commit_out = NULL;
	if (!rev || !rev[0])
		error = resdiff_buf_puts(&spec, s->record_ref);
	else if (rev[0] == '~' || rev[0] == '^')
		error = resdiff_buf_printf(&spec, "%s%s", s->record_ref, rev);
	else if (!strncmp(rev, "HEAD", 4) && (!rev[4] || rev[4] == '~' || rev[4] == '^'))
		/* HEAD of a resdiff repository is its readme branch: here the record */
		error = resdiff_buf_printf(&spec, "%s%s", s->record_ref, rev + 4);
	else
		error = resdiff_buf_puts(&spec, rev);
	if (error < 0)
		goto done;
	if ((gerr = git_revparse_single(&obj, s->repo, spec.ptr)) < 0) {
		if ((!rev || !rev[0]) && gerr == GIT_ENOTFOUND)
			error = resdiff_error_set(RESDIFF_ENOTFOUND,
				"the record is empty (import documents with 'resdiff import')");
		else if (rev && (rev[0] == '~' || rev[0] == '^'))
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s: the record has only %zu earlier "
				"state%s (each import adds one)", rev, record_depth(s),
				record_depth(s) == 1 ? "" : "s");
		else if (rev && rev[0] && (gerr == GIT_ENOTFOUND || gerr == GIT_EINVALIDSPEC ||
				gerr == GIT_EAMBIGUOUS))
			/* libgit2 says "revspec 'x' not found" */
			error = resdiff_error_set(gerr == GIT_EAMBIGUOUS ? RESDIFF_EAMBIGUOUS : RESDIFF_ENOTFOUND,
				"no revision '%s' in this repository (after '@': ~N or ^ for the "
				"document's own versions, HEAD~N or record~N, a commit id)", rev);
		else
			error = resdiff_git_fail(gerr, rev ? rev : s->record_ref);
		goto done;
	}
	GIT_TRY(git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT),
		rev ? rev : s->record_ref);
	GIT_TRY(git_commit_tree(out, commit), "cannot read the record");
	if (commit_out) {
		*commit_out = commit;
		commit = NULL;
	}
done:
	git_commit_free(commit);
	git_object_free(obj);
	resdiff_buf_dispose(&spec);
	return error;
}

int store_record_tree(git_tree **out, resdiff_store *s)
{
	return record_tree(out, NULL, s, NULL);
}

bool store_symbol_matches(const char *symbol, size_t sl, const char *query)
{
	size_t ql = strlen(query);
	if (sl == ql && !memcmp(symbol, query, ql))
		return true;
	return ql < sl && symbol[sl - ql - 1] == '/' && !memcmp(symbol + sl - ql, query, ql);
}

/* Does symbol (or its file name) match the forgiving query? */
static bool symbol_matches(const char *symbol, const char *name, const char *query)
{
	return !strcmp(name, query) || store_symbol_matches(symbol, strlen(symbol), query);
}

static int resolve_at(char **symbol_out, char **lang_out, resdiff_store *s,
		const char *query, const char *language_filter, const char *rev);

/* "~2", "^", "^^": the number of versions back; 0 for any other revision. */
static unsigned versions_back(const char *rev)
{
	char *end;
	unsigned long n;
	size_t k;
	if (!rev || (rev[0] != '~' && rev[0] != '^'))
		return 0;
	if (rev[1] >= '0' && rev[1] <= '9') {
		n = strtoul(rev + 1, &end, 10);
		return *end || n == 0 || n > 1000000 ? 0 : (unsigned)n;
	}
	for (k = 1; rev[k] == rev[0]; k++)
		;
	return rev[k] ? 0 : (unsigned)k;
}

int resdiff_store_resolve(char **symbol_out, char **lang_out, resdiff_store *s,
		const char *query, const char *language_filter, const char *rev)
{
	/* SYMBOL@~N names a version of a document the tip may no longer hold
	 * (withdrawn), or not alone: its name is looked for at the tip, then,
	 * failing that, among the documents of record~N */
	int error;
	if (!versions_back(rev))
		return resolve_at(symbol_out, lang_out, s, query, language_filter, rev);
	error = resolve_at(symbol_out, lang_out, s, query, language_filter, NULL);
	if (error >= 0 || error == RESDIFF_ENOMEM)
		return error;
	resdiff_error_clear();
	return resolve_at(symbol_out, lang_out, s, query, language_filter, rev);
}

static int resolve_at(char **symbol_out, char **lang_out, resdiff_store *s,
		const char *query, const char *language_filter, const char *rev)
{
	git_tree *root = NULL, *lang_tree = NULL, *dir = NULL;
	resdiff_buf found = RESDIFF_BUF_INIT; /* "symbol\tlang\n" */
	resdiff_buf list = RESDIFF_BUF_INIT;
	char *first_sym = NULL, *first_lang = NULL;
	size_t i, j, k, nfound = 0, nsymbols = 0;
	bool exact = false;
	int error = 0;

	*symbol_out = *lang_out = NULL;
	if ((error = resdiff_name_symbol_check(query)) < 0 ||
	    (error = record_tree(&root, NULL, s, rev)) < 0)
		goto done;
	for (i = 0; i < git_tree_entrycount(root); i++) {
		const git_tree_entry *le = git_tree_entry_byindex(root, i);
		const char *lang = git_tree_entry_name(le);
		if (git_tree_entry_type(le) != GIT_OBJECT_TREE)
			continue;
		if (language_filter && strcmp(lang, language_filter))
			continue;
		git_tree_free(lang_tree);
		lang_tree = NULL;
		GIT_TRY(git_tree_lookup(&lang_tree, s->repo, git_tree_entry_id(le)), lang);
		for (j = 0; j < git_tree_entrycount(lang_tree); j++) {
			const git_tree_entry *de = git_tree_entry_byindex(lang_tree, j);
			if (git_tree_entry_type(de) != GIT_OBJECT_TREE)
				continue;
			git_tree_free(dir);
			dir = NULL;
			GIT_TRY(git_tree_lookup(&dir, s->repo, git_tree_entry_id(de)), lang);
			for (k = 0; k < git_tree_entrycount(dir); k++) {
				const char *fname = git_tree_entry_name(git_tree_entry_byindex(dir, k));
				size_t fl = strlen(fname);
				char *name, *sym = NULL;
				bool is_exact;
				if (fl < 5 || strcmp(fname + fl - 4, ".txt"))
					continue;
				if (!(name = strndup(fname, fl - 4))) {
					error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
					goto done;
				}
				if (resdiff_name_to_symbol(&sym, name) < 0 ||
				    !symbol_matches(sym, name, query)) {
					free(name);
					free(sym);
					continue;
				}
				is_exact = !strcmp(sym, query) || !strcmp(name, query);
				if (is_exact && !exact) {
					/* an exact match wins over suffix matches */
					resdiff_buf_clear(&found);
					nfound = 0;
					exact = true;
				}
				if (is_exact || !exact) {
					error = resdiff_buf_printf(&found, "%s\t%s\n", sym, lang);
					nfound++;
				}
				free(name);
				free(sym);
				if (error < 0)
					goto done;
			}
		}
	}
	if (nfound == 0 && !(rev && rev[0])) {
		/* at the tip: a document withdrawn says so, and where it is */
		char wsym[256], wrev[41];
		if ((error = store_withdrawn_find(wsym, sizeof(wsym), wrev, s, query,
						  language_filter)) < 0)
			goto done;
		if (wrev[0]) {
			error = resdiff_error_set(RESDIFF_ENOTFOUND, "no document '%s'%s%s%s in the record: "
				"%s was withdrawn ('resdiff show %s@%.12s' shows it as it was)", query,
				language_filter ? " (" : "", language_filter ? language_filter : "",
				language_filter ? ")" : "", wsym, wsym, wrev);
			goto done;
		}
	}
	if (nfound == 0) {
		/* at an earlier state, the document may have come later; the
		 * names nearest it, and how to list them all */
		resdiff_buf hint = RESDIFF_BUF_INIT;
		if (store_suggest_symbols(&hint, s, query, language_filter) < 0) {
			resdiff_buf_clear(&hint);
			resdiff_error_clear();
		}
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no document '%s'%s%s%s in the record%s%s%s%s",
			query, language_filter ? " (" : "", language_filter ? language_filter : "",
			language_filter ? ")" : "", rev && rev[0] ? " as it was at " : "",
			rev && rev[0] ? rev : "", rev && rev[0] ? " (imported after it?)" : "",
			hint.ptr ? hint.ptr : "");
		resdiff_buf_dispose(&hint);
		goto done;
	}
	{
		/* count distinct symbols; build the candidate list */
		const char *p = found.ptr;
		while (*p) {
			const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
			char *sym = strndup(p, (size_t)(tab - p));
			char *lang = strndup(tab + 1, (size_t)(nl - tab - 1));
			if (!sym || !lang) {
				free(sym);
				free(lang);
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			if (!first_sym) {
				first_sym = sym;
				first_lang = lang;
				nsymbols = 1;
			} else {
				if (strcmp(sym, first_sym))
					nsymbols++;
				free(sym);
				free(lang);
			}
			if ((error = resdiff_buf_printf(&list, "\n  %.*s (%.*s)", (int)(tab - p), p,
					(int)(nl - tab - 1), tab + 1)) < 0)
				goto done;
			p = nl + 1;
		}
	}
	if (nfound > 1) {
		error = resdiff_error_set(RESDIFF_EAMBIGUOUS, "'%s' is ambiguous%s; candidates:%s",
			query, nsymbols > 1 ? "" : " (several languages: use --lang)", list.ptr);
		goto done;
	}
	*symbol_out = first_sym;
	*lang_out = first_lang;
	first_sym = first_lang = NULL;
done:
	free(first_sym);
	free(first_lang);
	git_tree_free(dir);
	git_tree_free(lang_tree);
	git_tree_free(root);
	resdiff_buf_dispose(&found);
	resdiff_buf_dispose(&list);
	return error;
}

/* The blob id of `path` in commit c's tree (zero when it holds none). */
static int path_blob(git_oid *out, git_commit *c, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int error = 0, gerr;

	memset(out, 0, sizeof(*out));
	GIT_TRY(git_commit_tree(&tree, c), "cannot read the record");
	if ((gerr = git_tree_entry_bypath(&entry, tree, path)) == 0)
		git_oid_cpy(out, git_tree_entry_id(entry));
	else if (gerr != GIT_ENOTFOUND)
		GIT_TRY(gerr, path);
done:
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return error;
}

/* The record's tree as it was `back` versions of the document at `path`
 * ago: walking first parents from the tip, the tree before the back-th
 * record commit that changed the file (an import, a correction, a
 * withdrawal); the imports of other documents do not count. */
static int version_tree(git_tree **out, resdiff_store *s, const char *path, unsigned back,
		const char *symbol, const char *language)
{
	git_commit *cur = NULL, *parent = NULL;
	git_oid cur_blob, parent_blob;
	unsigned seen = 0;
	int error;

	*out = NULL;
	if ((error = record_tree(out, &cur, s, NULL)) < 0)
		return error;
	git_tree_free(*out);
	*out = NULL;
	if ((error = path_blob(&cur_blob, cur, path)) < 0)
		goto done;
	while (git_commit_parentcount(cur) > 0) {
		GIT_TRY(git_commit_parent(&parent, cur, 0), "cannot read the record");
		if ((error = path_blob(&parent_blob, parent, path)) < 0)
			goto done;
		if (!git_oid_equal(&cur_blob, &parent_blob) && ++seen == back) {
			GIT_TRY(git_commit_tree(out, parent), "cannot read the record");
			goto done;
		}
		git_commit_free(cur);
		cur = parent;
		parent = NULL;
		cur_blob = parent_blob;
	}
	/* the first import, in the root commit, is a change from nothing too */
	seen += !git_oid_is_zero(&cur_blob);
	/* changes before the tip's state, less the first import (from nothing) */
	error = resdiff_error_set(RESDIFF_ENOTFOUND, "%s (%s)@~%u: the record holds %u earlier "
		"version%s of it (each correction or withdrawal of it makes one; other documents' "
		"imports do not)", symbol, language, back, seen ? seen - 1 : 0, seen == 2 ? "" : "s");
done:
	git_commit_free(parent);
	git_commit_free(cur);
	return error;
}

int resdiff_store_read(resdiff_doc **out, char source_sha256[65], resdiff_store *s,
		const char *symbol, const char *language, const char *rev)
{
	resdiff_buf path = RESDIFF_BUF_INIT;
	git_tree *root = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int error = 0, gerr;

	*out = NULL;
	if ((error = store_doc_path(&path, symbol, language)) < 0 ||
	    (error = versions_back(rev) ? version_tree(&root, s, path.ptr, versions_back(rev), symbol,
			language) : record_tree(&root, NULL, s, rev)) < 0)
		goto done;
	if ((gerr = git_tree_entry_bypath(&entry, root, path.ptr)) == GIT_ENOTFOUND) {
		error = resdiff_error_set(RESDIFF_ENOTFOUND, "no document %s (%s) in the record%s%s",
			symbol, language, rev ? " at " : "", rev ? rev : "");
		goto done;
	}
	GIT_TRY(gerr, path.ptr);
	GIT_TRY(git_blob_lookup(&blob, s->repo, git_tree_entry_id(entry)), path.ptr);
	error = resdiff_canon_read(out, source_sha256, git_blob_rawcontent(blob),
		(size_t)git_blob_rawsize(blob), RESDIFF_CANON_FULL);
	if (error < 0)
		resdiff_error_prefix(path.ptr);
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(root);
	resdiff_buf_dispose(&path);
	return error;
}
