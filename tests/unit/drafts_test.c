/* drafts_test.c: drafts linked to their resolution in the store
 * (docs/DRAFTS.md): the link, the chain, views without drafts, and links
 * refused (not a resolution, a cycle) with nothing written. */
#include "store_helpers.h"
#include "resdiff/render.h"

#include <stdlib.h>
#include <string.h>

static char *new_repo(resdiff_store **out)
{
	char *dir = test_tmpdir();
	bool created;
	assert_int_equal(resdiff_store_init(out, &created, dir), 0);
	return dir;
}

/* A document of `symbol`; draft_of and series/date may be NULL. */
static resdiff_doc *doc_of(const char *symbol, const char *draft_of, const char *series,
		const char *date, unsigned seed)
{
	resdiff_doc *d = test_make_doc(symbol, "en", series, date, 8, seed);
	if (draft_of)
		assert_int_equal(resdiff_doc_set_meta(d, &d->meta.draft_of, draft_of), 0);
	return d;
}

static int import_doc(resdiff_store *s, resdiff_doc *doc)
{
	resdiff_store_item item;
	int error;
	memset(&item, 0, sizeof(item));
	item.doc = doc;
	error = resdiff_store_import(s, &item, 1);
	resdiff_doc_free(doc);
	return error;
}

static char *git_out(const char *repo, const char *args)
{
	int status;
	char *out = test_capture(&status, "git -C '%s' %s 2>&1", repo, args);
	if (status != 0)
		fail_msg("git %s: exit %d: %s", args, status, out);
	return out;
}

/* "draft A/80/L.2|revision A/80/L.2/Rev.1 -|adopted A/RES/80/1" ('-': not stored) */
static void assert_chain(resdiff_store *s, const char *query, const char *want)
{
	resdiff_draft_chain *c = NULL;
	resdiff_buf got = RESDIFF_BUF_INIT;
	static const char *const roles[] = { "draft", "revision", "adopted" };
	size_t i;

	if (resdiff_store_draft_chain(&c, s, query, NULL) < 0)
		fail_msg("chain of %s: %s", query, resdiff_error_last());
	for (i = 0; i < c->count; i++)
		assert_int_equal(resdiff_buf_printf(&got, "%s%s %s%s", i ? "|" : "",
			roles[c->members[i].role], c->members[i].symbol, c->members[i].stored ? "" : " -"), 0);
	assert_string_equal(got.ptr, want);
	assert_string_equal(c->language, "en");
	resdiff_buf_dispose(&got);
	resdiff_draft_chain_free(c);
}

static size_t series_members(resdiff_store *s, const char *slug)
{
	resdiff_series_list *list = NULL;
	size_t n = 0, i;
	int error = resdiff_store_series(&list, s, slug, NULL, false);
	if (error == RESDIFF_ENOTFOUND)
		return 0;   /* no such series */
	assert_int_equal(error, 0);
	for (i = 0; i < list->count; i++)
		n += list->series[i].count;
	resdiff_series_list_free(list);
	return n;
}

static void test_drafts__link_waits_for_its_resolution(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *out;
	resdiff_draft_chain *c = NULL;

	/* a dated draft given a series: stored, linked, in no view */
	assert_int_equal(import_doc(s, doc_of("A/80/L.2", "A/RES/80/1", "ga-x", "2025-09-15", 1)), 0);
	assert_chain(s, "80/1", "draft A/80/L.2|adopted A/RES/80/1 -");
	assert_chain(s, "A/80/L.2", "draft A/80/L.2|adopted A/RES/80/1 -");
	assert_int_equal(series_members(s, "ga-x"), 0);
	out = git_out(dir, "for-each-ref '--format=%(refname)' " RESDIFF_STORE_SYMBOL_PREFIX " "
		RESDIFF_STORE_SERIES_PREFIX);
	assert_string_equal(out, "");
	free(out);
	/* the resolution arrives: the link resolves, the view holds it alone */
	assert_int_equal(import_doc(s, doc_of("A/RES/80/1", NULL, "ga-x", "2025-09-19", 2)), 0);
	assert_chain(s, "A/RES/80/1", "draft A/80/L.2|adopted A/RES/80/1");
	assert_int_equal(series_members(s, "ga-x"), 1);
	out = git_out(dir, "for-each-ref '--format=%(refname)' " RESDIFF_STORE_SYMBOL_PREFIX);
	assert_string_equal(out, RESDIFF_STORE_SYMBOL_PREFIX "en/A_RES_80_1\n");
	free(out);
	/* a resolution nothing links to has no chain */
	assert_int_equal(import_doc(s, doc_of("A/RES/80/2", NULL, NULL, NULL, 3)), 0);
	assert_int_equal(resdiff_store_draft_chain(&c, s, "A/RES/80/2", NULL), RESDIFF_ENOTFOUND);
	assert_null(c);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

static void test_drafts__revisions_follow_their_draft(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);

	/* Rev.2 and Rev.10 need no link of their own; Rev.1 and Rev.3-9 are
	 * missing; a revision of an unlinked draft is not in the chain */
	assert_int_equal(import_doc(s, doc_of("A/80/L.2/Rev.10", NULL, NULL, NULL, 4)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/L.2/Rev.2", NULL, NULL, NULL, 5)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/L.2", "A/RES/80/1", NULL, NULL, 6)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/L.7/Rev.1", NULL, NULL, NULL, 7)), 0);
	assert_chain(s, "A/80/L.2/Rev.2", "draft A/80/L.2|revision A/80/L.2/Rev.1 -|"
		"revision A/80/L.2/Rev.2|revision A/80/L.2/Rev.3 -|revision A/80/L.2/Rev.4 -|"
		"revision A/80/L.2/Rev.5 -|revision A/80/L.2/Rev.6 -|revision A/80/L.2/Rev.7 -|"
		"revision A/80/L.2/Rev.8 -|revision A/80/L.2/Rev.9 -|revision A/80/L.2/Rev.10|"
		"adopted A/RES/80/1 -");
	/* a second draft of the same resolution, whose draft is missing */
	assert_int_equal(import_doc(s, doc_of("A/80/L.5/Rev.1", "A/RES/80/1", NULL, NULL, 8)), 0);
	assert_chain(s, "80/1", "draft A/80/L.2|revision A/80/L.2/Rev.1 -|"
		"revision A/80/L.2/Rev.2|revision A/80/L.2/Rev.3 -|revision A/80/L.2/Rev.4 -|"
		"revision A/80/L.2/Rev.5 -|revision A/80/L.2/Rev.6 -|revision A/80/L.2/Rev.7 -|"
		"revision A/80/L.2/Rev.8 -|revision A/80/L.2/Rev.9 -|revision A/80/L.2/Rev.10|"
		"draft A/80/L.5 -|revision A/80/L.5/Rev.1|adopted A/RES/80/1 -");
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* A link that is not a resolution symbol, or one given to a document whose
 * own symbol is a resolution's, is refused and the record does not move.
 * (Since only a non-resolution symbol may have a link and a link names a
 * resolution, no import can close a cycle any more: the cycle check stays
 * as a defence and these links are refused before it.) */
static void test_drafts__bad_links_write_nothing(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *before, *after;

	assert_int_equal(import_doc(s, doc_of("A/80/L.3", "A/RES/80/1", NULL, NULL, 9)), 0);
	before = git_out(dir, "for-each-ref");
	assert_int_equal(import_doc(s, doc_of("A/80/L.2", "A/80/1", NULL, NULL, 10)), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "'A/80/1' is not a resolution symbol"));
	assert_int_equal(import_doc(s, doc_of("A/RES/80/1", "A/RES/80/1", NULL, NULL, 11)),
		RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "A/RES/80/1 is the symbol of an adopted resolution"));
	assert_int_equal(import_doc(s, doc_of("A/RES/80/1", "A/RES/80/3", NULL, NULL, 12)),
		RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "cannot be a draft of A/RES/80/3"));
	/* two resolutions naming each other in one import: refused as such */
	{
		resdiff_store_item items[2];
		resdiff_doc *a = doc_of("A/RES/80/7", "A/RES/80/8", NULL, NULL, 13);
		resdiff_doc *b = doc_of("A/RES/80/8", "A/RES/80/7", NULL, NULL, 14);
		memset(items, 0, sizeof(items));
		items[0].doc = a;
		items[1].doc = b;
		assert_int_equal(resdiff_store_import(s, items, 2), RESDIFF_EINVALID);
		assert_non_null(strstr(resdiff_error_last(), "the symbol of an adopted resolution"));
		resdiff_doc_free(a);
		resdiff_doc_free(b);
	}
	after = git_out(dir, "for-each-ref");
	assert_string_equal(before, after);
	free(before);
	free(after);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* The parser reads an adoption (the adopted-words line, a plenary meeting)
 * in the adopted text and none in its draft; a text that reads as adopted
 * is stored as a draft only when forced, and the record commit says so. */
static void test_drafts__adopted_text_as_draft_needs_force(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s), *before, *after, *msg;
	resdiff_doc *adopted = test_parse_source("tests/data/en/A_RES_80_1.txt", "en");
	resdiff_doc *draft = test_parse_source("tests/data/en/A_80_L.2.txt", "en");
	resdiff_store_item item;

	assert_true(adopted->reads_adopted);
	assert_false(draft->reads_adopted);
	assert_int_equal(resdiff_store_check_draft(adopted, false), 0);    /* not a draft */
	assert_int_equal(resdiff_store_check_draft(draft, false), 0);      /* not adopted */
	assert_int_equal(resdiff_doc_set_meta(adopted, &adopted->meta.symbol, "A/80/L.2/Rev.1"), 0);
	assert_int_equal(resdiff_store_check_draft(adopted, false), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "A/80/L.2/Rev.1 (en): the text reads as adopted"));
	assert_int_equal(resdiff_store_check_draft(adopted, true), 0);

	before = git_out(dir, "for-each-ref");
	memset(&item, 0, sizeof(item));
	item.doc = adopted;
	assert_int_equal(resdiff_store_import(s, &item, 1), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "Use --force"));
	after = git_out(dir, "for-each-ref");
	assert_string_equal(before, after);
	item.force = true;
	assert_int_equal(resdiff_store_import(s, &item, 1), 0);
	assert_int_equal(item.result, RESDIFF_IMPORT_ADDED);
	assert_string_equal(item.forced, "the text reads as adopted");
	msg = git_out(dir, "log -1 --format=%B " RESDIFF_STORE_RECORD_REF);
	assert_non_null(strstr(msg, "\nForced: the text reads as adopted\n"));
	free(msg);
	/* the draft proper needs no force */
	memset(&item, 0, sizeof(item));
	item.doc = draft;
	assert_int_equal(resdiff_store_import(s, &item, 1), 0);
	assert_string_equal(item.forced, "");
	free(before);
	free(after);
	resdiff_doc_free(adopted);
	resdiff_doc_free(draft);
	test_assert_fsck(dir);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* blame --drafts: each clause of the adopted text followed back through
 * the stored chain (A/80/L.2 → Rev.2 → A/RES/80/1, Rev.1 not stored), with
 * the relations `resdiff diff --chain` gives; a clause added at adoption
 * has no draft; a document with no chain gets nothing; both renderers. */
static void test_drafts__blame_through_the_drafts(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);
	resdiff_doc *draft = test_parse_source("tests/data/en/A_80_L.2.txt", "en");
	resdiff_store_item items[3];
	resdiff_provenance *p = NULL;
	resdiff_buf out = RESDIFF_BUF_INIT;
	const resdiff_lineage *l;

	assert_int_equal(resdiff_doc_set_meta(draft, &draft->meta.draft_of, "A/RES/80/1"), 0);
	memset(items, 0, sizeof(items));
	items[0].doc = draft;
	items[1].doc = test_parse_source("tests/data/drafts/A_80_L.2_Rev.2.txt", "en");
	items[2].doc = test_parse_source("tests/data/en/A_RES_80_1.txt", "en");
	assert_int_equal(resdiff_store_import(s, items, 3), 0);

	assert_int_equal(resdiff_provenance_blame(&p, s, "80/1", NULL, "PP2"), 0);
	assert_int_equal(resdiff_provenance_drafts(p, s), 0);
	assert_int_equal(p->draft_members, 2);
	l = &p->lineages[0];
	assert_int_equal(l->draft_step_count, 2);
	assert_string_equal(l->draft_steps[0].to.symbol, "A/RES/80/1");
	assert_string_equal(l->draft_steps[0].from.symbol, "A/80/L.2/Rev.2");
	assert_int_equal(l->draft_steps[0].relation, RESDIFF_REL_REWORDED);
	assert_string_equal(l->draft_steps[1].to.symbol, "A/80/L.2/Rev.2");
	assert_string_equal(l->draft_steps[1].from.symbol, "A/80/L.2");
	assert_string_equal(l->draft_steps[1].from.unit, "PP2");
	assert_int_equal(l->draft_steps[1].relation, RESDIFF_REL_REWORDED);  /* Deploring → Regretting */
	assert_string_equal(l->draft_first.symbol, "A/80/L.2");
	assert_string_equal(l->draft_first.unit, "PP2");
	assert_int_equal(resdiff_render_provenance_text(&out, p), 0);
	assert_non_null(strstr(out.ptr, "\tdrafts: first in A/80/L.2 PP2, 2 steps\n"
		"\t\tA/RES/80/1 PP2 \xe2\x86\x90 A/80/L.2/Rev.2 PP2: reworded "));
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_provenance_json(&out, p), 0);
	assert_non_null(strstr(out.ptr, "\"drafts\":{\"first\":{\"symbol\":\"A/80/L.2\",\"unit\":\"PP2\""));
	{
		/* a draft step has the series steps' keys but the two on series */
		const char *d = strstr(out.ptr, "\"drafts\":");
		assert_non_null(strstr(d, "\"relation\":\"reworded\",\"similarity\":"));
		assert_non_null(strstr(d, "\"moved\":false}"));
		assert_null(strstr(d, "\"across_series\""));
	}
	resdiff_provenance_free(p);
	p = NULL;

	/* PP3 is new in the adopted text; PP4 is the drafts' PP3, unchanged */
	assert_int_equal(resdiff_provenance_blame(&p, s, "80/1", NULL, NULL), 0);
	assert_int_equal(resdiff_provenance_drafts(p, s), 0);
	assert_string_equal(p->lineages[2].clause.unit, "PP3");
	assert_int_equal(p->lineages[2].draft_step_count, 0);
	assert_null(p->lineages[2].draft_first.symbol);
	assert_string_equal(p->lineages[3].draft_first.unit, "PP3");
	assert_int_equal(p->lineages[3].draft_steps[0].relation, RESDIFF_REL_UNCHANGED);
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_provenance_json(&out, p), 0);
	assert_non_null(strstr(out.ptr, "\"drafts\":{\"first\":null,\"steps\":[]}"));
	resdiff_provenance_free(p);
	p = NULL;

	/* the first draft itself has nothing before it */
	assert_int_equal(resdiff_provenance_blame(&p, s, "A/80/L.2", NULL, "PP1"), 0);
	assert_int_equal(resdiff_provenance_drafts(p, s), 0);
	assert_true(p->drafts);
	assert_int_equal(p->draft_members, 0);
	assert_int_equal(p->lineages[0].draft_step_count, 0);
	resdiff_buf_clear(&out);
	assert_int_equal(resdiff_render_provenance_text(&out, p), 0);
	assert_null(strstr(out.ptr, "drafts:"));
	resdiff_provenance_free(p);

	resdiff_buf_dispose(&out);
	resdiff_doc_free(draft);
	resdiff_doc_free((resdiff_doc *)items[1].doc);
	resdiff_doc_free((resdiff_doc *)items[2].doc);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* resdiff ls: every stored document, those in no series view too (a
 * report, a draft, an undated text), by language then symbol with digit
 * runs as numbers; rendered as text and JSON; a language filter. */
static void test_drafts__listing_holds_what_no_view_holds(void **state)
{
	resdiff_store *s = NULL;
	char *dir = new_repo(&s);
	resdiff_store_listing *l = NULL;
	resdiff_buf text = RESDIFF_BUF_INIT, json = RESDIFF_BUF_INIT;
	resdiff_doc *fr;

	assert_int_equal(resdiff_store_list(&l, s, NULL), 0);   /* nothing imported yet */
	assert_int_equal(l->count, 0);
	resdiff_store_listing_free(l);
	assert_int_equal(import_doc(s, doc_of("A/RES/80/10", NULL, "ga-x", "2025-09-19", 1)), 0);
	assert_int_equal(import_doc(s, doc_of("A/RES/80/9", NULL, "ga-x", "2025-09-18", 2)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/L.2", "A/RES/80/10", NULL, NULL, 3)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/L.2/Rev.1", NULL, NULL, NULL, 4)), 0);
	assert_int_equal(import_doc(s, doc_of("A/80/64", NULL, NULL, NULL, 5)), 0);
	fr = test_make_doc("A/RES/80/9", "fr", "ga-x", "2025-09-18", 8, 6);
	assert_int_equal(import_doc(s, fr), 0);

	assert_int_equal(resdiff_store_list(&l, s, NULL), 0);
	assert_int_equal(l->count, 6);
	assert_int_equal(resdiff_render_listing_text(&text, l), 0);
	assert_string_equal(text.ptr,
		"A/80/64              en  -           -                 Information and communications technologies for development\n"
		"A/80/L.2             en  -           draft of A/RES/80/10  Information and communications technologies for development\n"
		"A/80/L.2/Rev.1       en  -           draft             Information and communications technologies for development\n"
		"A/RES/80/9           en  2025-09-18  ga-x              Information and communications technologies for development\n"
		"A/RES/80/10          en  2025-09-19  ga-x              Information and communications technologies for development\n"
		"A/RES/80/9           fr  2025-09-18  ga-x              Information and communications technologies for development\n");
	assert_int_equal(resdiff_render_listing_json(&json, l), 0);
	assert_non_null(strstr(json.ptr, "{\"symbol\":\"A/80/L.2\",\"language\":\"en\",\"date\":null,"
		"\"series\":null,\"draft\":true,\"draft_of\":\"A/RES/80/10\","));
	assert_non_null(strstr(json.ptr, "{\"symbol\":\"A/80/64\",\"language\":\"en\",\"date\":null,"
		"\"series\":null,\"draft\":false,\"draft_of\":null,"));
	resdiff_store_listing_free(l);

	assert_int_equal(resdiff_store_list(&l, s, "fr"), 0);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->entries[0].symbol, "A/RES/80/9");
	assert_string_equal(l->entries[0].series, "ga-x");
	resdiff_store_listing_free(l);
	resdiff_buf_dispose(&text);
	resdiff_buf_dispose(&json);
	resdiff_store_free(s);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drafts__link_waits_for_its_resolution),
		cmocka_unit_test(test_drafts__revisions_follow_their_draft),
		cmocka_unit_test(test_drafts__bad_links_write_nothing),
		cmocka_unit_test(test_drafts__adopted_text_as_draft_needs_force),
		cmocka_unit_test(test_drafts__blame_through_the_drafts),
		cmocka_unit_test(test_drafts__listing_holds_what_no_view_holds),
	};
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
