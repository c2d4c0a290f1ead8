/* report.c: the corpus texts changed between two revisions of a git
 * repository, parsed and diffed clause by clause; and the git diff driver. */
/* realpath() is XSI */
#define _XOPEN_SOURCE 700
#include "git_error.h"
#include "resdiff/report.h"
#include "resdiff/pdf.h"
#include "resdiff/canon.h"
#include "resdiff/manifest.h"
#include "resdiff/parse.h"

#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>



/* ---- the diff driver ---------------------------------------------------- */

int resdiff_textconv(resdiff_buf *out, bool *parsed, const char *text, size_t len,
		const char *language)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_buf canon = RESDIFF_BUF_INIT;
	resdiff_doc *doc = NULL;
	int error;

	*parsed = false;
	popts.language = language;
	if (resdiff_parse(&doc, text, len, &popts) < 0) {
		resdiff_error_clear();
		error = resdiff_buf_put(out, text, len);
		goto done;
	}
	if ((error = resdiff_canon_write(&canon, doc, NULL)) < 0)
		goto done;
	error = resdiff_buf_put(out, canon.ptr, resdiff_canon_reading_len(canon.ptr, canon.size));
	*parsed = error == 0;
done:
	resdiff_buf_dispose(&canon);
	resdiff_doc_free(doc);
	return error;
}

static int open_repo(git_repository **out, const char *start)
{
	int gerr;
	git_libgit2_init();
	if ((gerr = git_repository_open_ext(out, start ? start : ".", 0, NULL)) < 0) {
		if (gerr == GIT_ENOTFOUND)
			return resdiff_error_set(RESDIFF_ENOTFOUND,
				"not a git repository (or any of the parent directories): %s",
				start ? start : ".");
		return resdiff_git_fail(gerr, start ? start : ".");
	}
	return 0;
}

/* Does the attributes file already give the pattern our driver? */
static bool has_attr_line(const char *text, const char *pattern)
{
	const char *p = text;
	size_t plen = strlen(pattern);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		if (len > plen && !strncmp(p, pattern, plen) &&
		    (p[plen] == ' ' || p[plen] == '\t')) {
			const char *q = p + plen;
			const char *end = p + len;
			while (q < end) {
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				size_t wl = strlen("diff=" RESDIFF_DIFF_DRIVER);
				if ((size_t)(end - q) >= wl && !strncmp(q, "diff=" RESDIFF_DIFF_DRIVER, wl) &&
				    (q + wl == end || q[wl] == ' ' || q[wl] == '\t' || q[wl] == '\r'))
					return true;
				while (q < end && *q != ' ' && *q != '\t')
					q++;
			}
		}
		p = nl ? nl + 1 : NULL;
	}
	return false;
}

int resdiff_diff_driver_install(resdiff_buf *where, const char *start, const char *command)
{
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	resdiff_buf path = RESDIFF_BUF_INIT;
	static const char *const patterns[] = RESDIFF_DIFF_DRIVER_PATTERNS;
	char *old = NULL;
	size_t oldlen = 0, i;
	int newline = 0;
	FILE *f = NULL;
	int error = 0;

	if (!command || !command[0])
		return resdiff_error_set(RESDIFF_EINVALID, "the diff driver needs a command");
	if ((error = open_repo(&repo, start)) < 0)
		goto done;
	GIT_TRY(git_repository_config(&cfg, repo), "cannot open the repository's config");
	GIT_TRY(git_config_set_string(cfg, "diff." RESDIFF_DIFF_DRIVER ".textconv", command),
		"cannot set diff." RESDIFF_DIFF_DRIVER ".textconv");
	if (where && (error = resdiff_buf_printf(where, "%sconfig: diff.%s.textconv = %s\n",
			git_repository_path(repo), RESDIFF_DIFF_DRIVER, command)) < 0)
		goto done;
	if (git_repository_is_bare(repo))
		error = resdiff_buf_printf(&path, "%sinfo/attributes", git_repository_path(repo));
	else
		error = resdiff_buf_printf(&path, "%s.gitattributes", git_repository_workdir(repo));
	if (error < 0)
		goto done;
	if (resdiff_file_read(&old, &oldlen, path.ptr) < 0) {
		resdiff_error_clear();
		old = NULL;
		oldlen = 0;
	}
	for (i = 0; i < sizeof(patterns) / sizeof(*patterns); i++) {
		if (old && has_attr_line(old, patterns[i]))
			continue;
		if (!f && !(f = fopen(path.ptr, "a"))) {
			error = resdiff_error_set(RESDIFF_EIO, "%s: cannot open for writing", path.ptr);
			goto done;
		}
		if ((oldlen && old[oldlen - 1] != '\n' && !newline++ && fputc('\n', f) == EOF) ||
		    fprintf(f, "%s diff=%s\n", patterns[i], RESDIFF_DIFF_DRIVER) < 0) {
			error = resdiff_error_set(RESDIFF_EIO, "%s: write error", path.ptr);
			goto done;
		}
		if (where && (error = resdiff_buf_printf(where, "%s: %s diff=%s\n", path.ptr,
				patterns[i], RESDIFF_DIFF_DRIVER)) < 0)
			goto done;
	}
	if (f && fclose(f) != 0) {
		f = NULL;
		error = resdiff_error_set(RESDIFF_EIO, "%s: write error", path.ptr);
		goto done;
	}
	f = NULL;
done:
	if (f)
		fclose(f);
	free(old);
	resdiff_buf_dispose(&path);
	git_config_free(cfg);
	git_repository_free(repo);
	return error;
}

/* ---- the report ------------------------------------------------------- */

const char *resdiff_report_status_name(resdiff_report_status status)
{
	switch (status) {
	case RESDIFF_REPORT_ADDED: return "added";
	case RESDIFF_REPORT_DELETED: return "deleted";
	case RESDIFF_REPORT_RENAMED: return "renamed";
	default: return "modified";
	}
}

typedef struct {
	resdiff_report *report;
	git_repository *repo;
	const resdiff_manifest *manifest;
	const char *prefix;     /* the manifest's directory in the repository, "" or "dir/" */
	const char *language;
	size_t alloc;
	int error;
} build_ctx;

/* The manifest entry of a repository path, or NULL. */
static const resdiff_manifest_entry *entry_for_path(const build_ctx *c, const char *path)
{
	size_t i, pl = strlen(c->prefix);
	const char *rel;
	if (!c->manifest || strncmp(path, c->prefix, pl))
		return NULL;
	rel = path + pl;
	for (i = 0; i < c->manifest->count; i++) {
		const char *src = c->manifest->entries[i].source;
		while (src[0] == '.' && src[1] == '/')
			src += 2;
		if (!strcmp(src, rel))
			return &c->manifest->entries[i];
	}
	return NULL;
}

static bool wanted(const build_ctx *c, const char *path)
{
	size_t len;
	if (!path)
		return false;
	if (c->manifest)
		return entry_for_path(c, path) != NULL;
	len = strlen(path);
	return len > 4 && (!strcmp(path + len - 4, ".txt") || !strcasecmp(path + len - 4, ".pdf"));
}

/* Parse one side; an absent side is an empty document. */
static int load_side(resdiff_doc **out, const char **perror, build_ctx *c, const git_oid *id,
		const char *path)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_pdf_options pdf = RESDIFF_PDF_OPTIONS_INIT;
	const resdiff_manifest_entry *entry;
	git_blob *blob = NULL;
	const char *data;
	char *text = NULL;
	bool unreadable = false;
	size_t len;
	int error = 0;

	*out = NULL;
	if (!path || git_oid_is_zero(id))
		return resdiff_doc_new(out);
	entry = entry_for_path(c, path);
	GIT_TRY(git_blob_lookup(&blob, c->repo, id), path);
	popts.language = c->language ? c->language : entry ? entry->language : NULL;
	popts.source = pdf.source = path;
	data = git_blob_rawcontent(blob);
	len = (size_t)git_blob_rawsize(blob);
	if (resdiff_pdf_detect(data, len, path)) {
		/* a PDF in the repository: its text, as import and check read it */
		unreadable = resdiff_pdf_extract(&text, &len, data, len, &pdf) < 0;
		data = text;
	}
	if (unreadable || resdiff_parse(out, data, len, &popts) < 0) {
		/* kept in the report, not fatal */
		if (!(*perror = resdiff_arena_strdup(c->report->arena, resdiff_error_last()))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		resdiff_error_clear();
		error = resdiff_doc_new(out);
		goto done;
	}
	if (entry)
		error = resdiff_manifest_apply(*out, entry);
done:
	free(text);
	git_blob_free(blob);
	return error;
}

static int add_delta(build_ctx *c, const git_diff_delta *d)
{
	resdiff_report *r = c->report;
	resdiff_report_file *f;
	const char *op = d->status == GIT_DELTA_ADDED ? NULL : d->old_file.path;
	const char *np = d->status == GIT_DELTA_DELETED ? NULL : d->new_file.path;
	int error;

	if (!wanted(c, op) && !wanted(c, np))
		return 0;
	if (r->count >= RESDIFF_REPORT_MAX_FILES)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d changed texts",
			RESDIFF_REPORT_MAX_FILES);
	if (r->count == c->alloc) {
		size_t n = c->alloc ? c->alloc * 2 : 16;
		resdiff_report_file *fs = realloc(r->files, n * sizeof(*fs));
		if (!fs)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		r->files = fs;
		c->alloc = n;
	}
	f = &r->files[r->count++];
	memset(f, 0, sizeof(*f));
	f->status = d->status == GIT_DELTA_ADDED ? RESDIFF_REPORT_ADDED :
		d->status == GIT_DELTA_DELETED ? RESDIFF_REPORT_DELETED :
		d->status == GIT_DELTA_RENAMED ? RESDIFF_REPORT_RENAMED : RESDIFF_REPORT_MODIFIED;
	if ((op && !(f->old_path = resdiff_arena_strdup(r->arena, op))) ||
	    (np && !(f->new_path = resdiff_arena_strdup(r->arena, np))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if (op)
		git_oid_tostr(f->old_blob, sizeof(f->old_blob), &d->old_file.id);
	if (np)
		git_oid_tostr(f->new_blob, sizeof(f->new_blob), &d->new_file.id);
	if ((error = load_side(&f->old_doc, &f->error, c, &d->old_file.id, op)) < 0 ||
	    (error = load_side(&f->new_doc, &f->error, c, &d->new_file.id, np)) < 0)
		return error;
	if (f->error)
		return 0;
	return resdiff_diff_docs(&f->diff, f->old_doc, f->new_doc, NULL);
}

static int resolve_range(git_commit **a, git_commit **b, git_repository *repo, const char *range)
{
	git_revspec spec;
	git_object *oa = NULL, *ob = NULL;
	int error = 0;

	*a = *b = NULL;
	memset(&spec, 0, sizeof(spec));
	if (strstr(range, "...")) {
		return resdiff_error_set(RESDIFF_EINVALID,
			"'%s': use REV1..REV2 (the symmetric difference is not a report)", range);
	}
	GIT_TRY(git_revparse(&spec, repo, range), range);
	if (spec.flags & GIT_REVSPEC_RANGE) {
		GIT_TRY(git_object_peel(&oa, spec.from, GIT_OBJECT_COMMIT), range);
		GIT_TRY(git_object_peel(&ob, spec.to, GIT_OBJECT_COMMIT), range);
	} else {
		/* one revision: against its first parent */
		git_commit *c = NULL;
		GIT_TRY(git_object_peel(&ob, spec.from, GIT_OBJECT_COMMIT), range);
		if (git_commit_parentcount((git_commit *)ob) == 0) {
			error = resdiff_error_set(RESDIFF_EINVALID,
				"%s is a root commit; give a range REV1..REV2", range);
			goto done;
		}
		GIT_TRY(git_commit_parent(&c, (git_commit *)ob, 0), range);
		oa = (git_object *)c;
	}
	*a = (git_commit *)oa;
	*b = (git_commit *)ob;
	oa = ob = NULL;
done:
	git_object_free(spec.from);
	git_object_free(spec.to);
	git_object_free(oa);
	git_object_free(ob);
	return error;
}

/* The manifest's directory relative to the work tree: "" or "dir/". */
static int manifest_prefix(char **out, git_repository *repo, const char *manifest_path)
{
	char real[PATH_MAX], wd[PATH_MAX], *slash;
	const char *w = git_repository_workdir(repo);
	size_t wl;

	*out = NULL;
	if (!w)
		return resdiff_error_set(RESDIFF_EINVALID, "--manifest needs a repository with a work tree");
	if (!realpath(manifest_path, real))
		return resdiff_error_set(RESDIFF_ENOTFOUND, "%s: no such manifest", manifest_path);
	if (!realpath(w, wd))
		return resdiff_error_set(RESDIFF_EIO, "%s: cannot resolve the work tree", w);
	wl = strlen(wd);
	if (strncmp(real, wd, wl) || real[wl] != '/')
		return resdiff_error_set(RESDIFF_EINVALID, "%s is not inside the repository %s",
			manifest_path, wd);
	slash = strrchr(real, '/');
	*slash = '\0';
	if (strlen(real) <= wl) {
		*out = strdup("");
	} else if ((*out = malloc(strlen(real + wl + 1) + 2))) {
		strcpy(*out, real + wl + 1);
		strcat(*out, "/");
	}
	return *out ? 0 : resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

int resdiff_report_build(resdiff_report **out, const char *start, const char *range,
		const resdiff_report_options *opts)
{
	resdiff_report_options defaults = RESDIFF_REPORT_OPTIONS_INIT;
	build_ctx c;
	resdiff_manifest *manifest = NULL;
	git_commit *ca = NULL, *cb = NULL;
	git_tree *ta = NULL, *tb = NULL;
	git_diff *diff = NULL;
	git_diff_options dopts;
	git_diff_find_options fopts;
	char *prefix = NULL;
	size_t i;
	int error = 0;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	memset(&c, 0, sizeof(c));
	if (!(c.report = calloc(1, sizeof(*c.report))) || !(c.report->arena = resdiff_arena_new()) ||
	    !(c.report->range = resdiff_arena_strdup(c.report->arena, range))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if ((error = open_repo(&c.repo, start)) < 0)
		goto done;
	if (opts->manifest) {
		if ((error = resdiff_manifest_load(&manifest, opts->manifest)) < 0 ||
		    (error = manifest_prefix(&prefix, c.repo, opts->manifest)) < 0)
			goto done;
	}
	c.manifest = manifest;
	c.prefix = prefix ? prefix : "";
	c.language = opts->language;
	if ((error = resolve_range(&ca, &cb, c.repo, range)) < 0)
		goto done;
	git_oid_tostr(c.report->old_commit, sizeof(c.report->old_commit), git_commit_id(ca));
	git_oid_tostr(c.report->new_commit, sizeof(c.report->new_commit), git_commit_id(cb));
	GIT_TRY(git_commit_tree(&ta, ca), range);
	GIT_TRY(git_commit_tree(&tb, cb), range);
	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
	GIT_TRY(git_diff_tree_to_tree(&diff, c.repo, ta, tb, &dopts), range);
	git_diff_find_options_init(&fopts, GIT_DIFF_FIND_OPTIONS_VERSION);
	fopts.flags = GIT_DIFF_FIND_RENAMES;
	GIT_TRY(git_diff_find_similar(diff, &fopts), range);
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_UNMODIFIED)
			continue;
		if ((error = add_delta(&c, d)) < 0)
			goto done;
	}
	*out = c.report;
	c.report = NULL;
done:
	resdiff_report_free(c.report);
	git_diff_free(diff);
	git_tree_free(ta);
	git_tree_free(tb);
	git_commit_free(ca);
	git_commit_free(cb);
	git_repository_free(c.repo);
	resdiff_manifest_free(manifest);
	free(prefix);
	return error;
}

void resdiff_report_free(resdiff_report *report)
{
	size_t i;
	if (!report)
		return;
	for (i = 0; i < report->count; i++) {
		resdiff_diff_free(report->files[i].diff);
		resdiff_doc_free(report->files[i].old_doc);
		resdiff_doc_free(report->files[i].new_doc);
	}
	free(report->files);
	resdiff_arena_free(report->arena);
	free(report);
}
