/* check_test.c: corpus checks, one test per kind of finding, on seeded
 * broken copies of corpus files; the GitHub annotation format. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

typedef struct {
	char *dir;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	fx->dir = test_tmpdir();
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	test_system("rm -rf '%s'", fx->dir);
	free(fx->dir);
	free(fx);
	return 0;
}

/* Copy a corpus file into the fixture, applying a sed expression. */
static void seed(fixture *fx, const char *name, const char *sed)
{
	assert_int_equal(test_system("sed -e '%s' '%s/corpus/%s' > '%s/%s'", sed ? sed : "",
		RESDIFF_SOURCE_DIR, name, fx->dir, name), 0);
}

static void write_file(fixture *fx, const char *name, const char *text)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", fx->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char manifest_2009[] =
	"[document \"E_RES_2009_7.zh\"]\n\tsymbol = E/RES/2009/7\n\tlanguage = zh\n"
	"\tseries = ecosoc-wsis\n\tdate = 2009-07-24\n\tmeeting = 36\n\tsource = E_RES_2009_7.zh.txt\n";

static resdiff_findings *run_manifest(fixture *fx)
{
	resdiff_findings *f = NULL;
	char path[512];
	snprintf(path, sizeof(path), "%s/corpus.manifest", fx->dir);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_manifest(f, path), 0);
	return f;
}

static void assert_finding(const resdiff_findings *f, const char *kind, size_t line, const char *needle)
{
	size_t i;
	for (i = 0; i < f->count; i++)
		if (!strcmp(f->items[i].kind, kind) && (!line || f->items[i].line == line) &&
		    strstr(f->items[i].message, needle))
			return;
	for (i = 0; i < f->count; i++)
		print_message("  have %s:%zu %s: %s\n", f->items[i].file, f->items[i].line,
			f->items[i].kind, f->items[i].message);
	fail_msg("no %s finding at line %zu with '%s'", kind, line, needle);
}

static void test_check__bundled_corpus_is_clean(void **state)
{
	resdiff_findings *f = NULL;
	char path[512];
	snprintf(path, sizeof(path), "%s/corpus/corpus.manifest", RESDIFF_SOURCE_DIR);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_manifest(f, path), 0);
	if (f->count)
		fail_msg("%s:%zu: %s", f->items[0].file, f->items[0].line, f->items[0].message);
	assert_int_equal(f->accepted, 1); /* the lost marker of footnote 2, acknowledged */
	resdiff_findings_free(f);
}

static void test_check__text_that_does_not_parse(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	seed(fx, "E_RES_2009_7.zh.txt", "12s/回顾/\\xff/");
	write_file(fx, "corpus.manifest", manifest_2009);
	f = run_manifest(fx);
	assert_finding(f, "parse", 12, "invalid UTF-8");
	resdiff_findings_free(f);
}

static void test_check__numbering_gap(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	seed(fx, "E_RES_2009_7.zh.txt", "s/^ 17\\. /  19. /;s/^  19\\. / 20. /;s/^ 20\\. 注/ 21. 注/");
	write_file(fx, "corpus.manifest", manifest_2009);
	f = run_manifest(fx);
	assert_finding(f, "diagnostic", 0, "paragraph");
	resdiff_findings_free(f);
}

static void test_check__marker_without_footnote(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	/* drop the body of footnote 4 (" 见 A/60/687。" after the label "4") */
	seed(fx, "E_RES_2009_7.zh.txt", "216d");
	write_file(fx, "corpus.manifest", manifest_2009);
	f = run_manifest(fx);
	assert_finding(f, "diagnostic", 162, "footnote marker 4 has no footnote text");
	resdiff_findings_free(f);
}

static void test_check__footnote_not_cited(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	/* drop the marker "1" after PP1 */
	seed(fx, "E_RES_2009_7.zh.txt", "13d");
	write_file(fx, "corpus.manifest", manifest_2009);
	f = run_manifest(fx);
	assert_finding(f, "diagnostic", 64, "footnote 1 is not cited");
	resdiff_findings_free(f);
}

static void test_check__metadata_disagrees(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	seed(fx, "E_RES_2009_7.zh.txt", NULL);
	write_file(fx, "corpus.manifest",
		"[document \"E_RES_2009_7.zh\"]\n\tsymbol = E/RES/2009/7\n\tlanguage = zh\n"
		"\tdate = 2009-07-25\n\tmeeting = 37\n\tsource = E_RES_2009_7.zh.txt\n");
	f = run_manifest(fx);
	assert_finding(f, "metadata", 0, "the manifest says date 2009-07-25 but the text says 2009-07-24");
	assert_finding(f, "metadata", 0, "meeting 37");
	resdiff_findings_free(f);
}

static void test_check__manifest_and_files_disagree(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	seed(fx, "E_RES_2009_7.zh.txt", NULL);
	seed(fx, "E_RES_2017_21.zh.txt", NULL);
	write_file(fx, "stray.txt", "99/1. A title\n\nThe General Assembly,\n\nRecalling x,\n\n1. Decides;\n");
	write_file(fx, "corpus.manifest",
		"[document \"E_RES_2017_21.zh\"]\n\tsymbol = E/RES/2017/21\n\tlanguage = zh\n"
		"\tseries = ecosoc-wsis\n\tdate = 2017-07-06\n\tsource = E_RES_2017_21.zh.txt\n"
		"[document \"E_RES_2009_7.zh\"]\n\tsymbol = E/RES/2009/7\n\tlanguage = zh\n"
		"\tseries = ecosoc-wsis\n\tdate = 2009-07-24\n\tsource = E_RES_2009_7.zh.txt\n"
		"[document \"missing\"]\n\tsymbol = E/RES/2010/2\n\tlanguage = zh\n"
		"\tseries = ecosoc-wsis\n\tsource = E_RES_2010_2.zh.txt\n"
		"[document \"misnamed\"]\n\tsymbol = E/RES/2011/1\n\tlanguage = zh\n"
		"\tsource = stray.txt\n");
	f = run_manifest(fx);
	assert_finding(f, "manifest", 0, "\"E_RES_2009_7.zh\" (2009-07-24) is listed after \"E_RES_2017_21.zh\"");
	assert_finding(f, "manifest", 0, "E_RES_2010_2.zh.txt does not exist");
	assert_finding(f, "manifest", 0, "file stray.txt should be named E_RES_2011_1.zh.txt");
	assert_finding(f, "metadata", 0, "symbol E/RES/2011/1 but the text says A/RES/99/1");
	resdiff_findings_free(f);

	/* a file beside the manifest that it does not list */
	write_file(fx, "corpus.manifest", manifest_2009);
	f = run_manifest(fx);
	assert_finding(f, "manifest", 0, "E_RES_2017_21.zh.txt is not listed in the manifest");
	resdiff_findings_free(f);
}

static void test_check__manifest_that_does_not_load(void **state)
{
	fixture *fx = *state;
	resdiff_findings *f;
	write_file(fx, "corpus.manifest", "[document \"x\"]\n\tsymbol = E/1\n[broken\n");
	f = run_manifest(fx);
	assert_int_equal(f->count, 1);
	assert_finding(f, "manifest", 3, "a section header without its closing ']'");
	assert_null(strstr(f->items[0].message, "corpus.manifest"));   /* the file is the finding's */
	resdiff_findings_free(f);
}

static void test_check__debris_in_a_paragraph(void **state)
{
	resdiff_findings *f = NULL;
	resdiff_doc *doc = NULL;
	const char *accept[] = { "PP3 contains nothing but a footnote label at byte 0", NULL };
	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_add_unit(NULL, doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "回顾 成果文件，", 3);
	resdiff_doc_add_unit(NULL, doc, "PP2", RESDIFF_UNIT_PREAMBLE, "", "Recalling 09-49042 (C) x,", 5);
	resdiff_doc_add_unit(NULL, doc, "PP3", RESDIFF_UNIT_PREAMBLE, "", "12", 7);
	resdiff_doc_add_unit(NULL, doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "Decides¹ [A/1](#);", 9);
	/* one space between an ideograph and a Latin word is no debris; one
	 * next to a number is */
	resdiff_doc_add_unit(NULL, doc, "OP2", RESDIFF_UNIT_OPERATIVE, "2.", "发展数字强化的社会 and 知识经济，方针 C7 和 A/60/687。", 11);
	resdiff_doc_add_unit(NULL, doc, "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "注意到 2008年", 13);
	/* A/C.5/80/L.4 (tests/data/en_heldout24): a draft's blank to fill in
	 * is no footnote separator; a separator left in a paragraph is */
	resdiff_doc_add_unit(NULL, doc, "OP4", RESDIFF_UNIT_OPERATIVE, "4.",
		"Reaffirms its resolution 80/___ of ______________ 2025;", 15);
	resdiff_doc_add_unit(NULL, doc, "OP5", RESDIFF_UNIT_OPERATIVE, "5.",
		"Invites States, __________________ 27 A/79/160. to contribute;", 17);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_doc(f, doc, "x.txt", accept), 0);
	assert_finding(f, "debris", 3, "PP1 contains a space next to a CJK character");
	assert_finding(f, "debris", 5, "PP2 contains a job number");
	assert_finding(f, "debris", 9, "OP1 contains a superscript footnote marker");
	assert_finding(f, "debris", 13, "OP3 contains a space next to a CJK character");
	assert_finding(f, "debris", 17, "OP5 contains a footnote separator");
	assert_int_equal(f->count, 5);
	assert_int_equal(f->accepted, 1);
	resdiff_findings_free(f);
	resdiff_doc_free(doc);
}

static void test_check__formats(void **state)
{
	resdiff_findings *f = NULL;
	resdiff_buf b = RESDIFF_BUF_INIT;
	assert_int_equal(resdiff_findings_new(&f), 0);
	resdiff_findings_add(f, "corpus/a,b.txt", 12, "diagnostic", "paragraph numbers jump: 100%% sure\nreally");
	resdiff_findings_add(f, "corpus/c.manifest", 0, "manifest", "x");
	assert_int_equal(resdiff_render_findings_github(&b, f), 0);
	assert_string_equal(b.ptr,
		"::error file=corpus/a%2Cb.txt,line=12,title=resdiff diagnostic::paragraph numbers jump: 100%25 sure%0Areally\n"
		"::error file=corpus/c.manifest,title=resdiff manifest::x\n");
	resdiff_buf_clear(&b);
	assert_int_equal(resdiff_render_findings_text(&b, f), 0);
	assert_string_equal(b.ptr,
		"corpus/a,b.txt:12: diagnostic: paragraph numbers jump: 100% sure^Jreally\n"
		"corpus/c.manifest: manifest: x\n");
	resdiff_buf_clear(&b);
	assert_int_equal(resdiff_render_findings_json(&b, f), 0);
	assert_non_null(strstr(b.ptr, "\"file\":\"corpus/a,b.txt\",\"line\":12,\"kind\":\"diagnostic\""));
	assert_non_null(strstr(b.ptr, "\"count\":2"));
	resdiff_buf_dispose(&b);
	resdiff_findings_free(f);
}

static void test_check__cli_exit_codes(void **state)
{
	fixture *fx = *state;
	seed(fx, "E_RES_2009_7.zh.txt", "13d");
	write_file(fx, "corpus.manifest", manifest_2009);
	assert_int_equal(test_system("cd '%s' && '%s' check >/dev/null", RESDIFF_SOURCE_DIR, RESDIFF_BINARY), 0);
	assert_int_equal(test_system("'%s' check '%s' >/dev/null", RESDIFF_BINARY, fx->dir), 1);
	assert_int_equal(test_system("'%s' check --format=github '%s/corpus.manifest' | grep -q '^::error file=.*E_RES_2009_7.zh.txt,line=64,'",
		RESDIFF_BINARY, fx->dir), 0);
	assert_int_equal(test_system("'%s' check --format=xml '%s' 2>/dev/null", RESDIFF_BINARY, fx->dir), 2);
	assert_int_equal(test_system("'%s' check '%s/nope' 2>/dev/null", RESDIFF_BINARY, fx->dir), 2);
}

/* The parser's notes are listed, in every format, and not counted. */
static void test_check__notes_are_listed_not_counted(void **state)
{
	resdiff_findings *f = NULL;
	resdiff_buf b = RESDIFF_BUF_INIT;
	char path[512];
	snprintf(path, sizeof(path), "%s/tests/data/parse-classes/marker_after_a_number.en.txt",
		RESDIFF_SOURCE_DIR);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_file(f, path, NULL, NULL), 0);
	assert_int_equal(f->count, 0);
	assert_int_equal(f->note_count, 1);
	assert_string_equal(f->notes[0].kind, "note");
	assert_int_equal(f->notes[0].line, 20);
	assert_int_equal(resdiff_render_findings_text(&b, f), 0);
	assert_non_null(strstr(b.ptr, "marker_after_a_number.en.txt:20: note: the number 5 after"));
	assert_non_null(strstr(b.ptr, "\nno findings\n"));
	resdiff_buf_clear(&b);
	assert_int_equal(resdiff_render_findings_github(&b, f), 0);
	assert_non_null(strstr(b.ptr, "::notice file="));
	resdiff_buf_clear(&b);
	assert_int_equal(resdiff_render_findings_json(&b, f), 0);
	assert_non_null(strstr(b.ptr, "\"count\":0,\"accepted\":0,\"notes\":[\n{\"file\":"));
	resdiff_buf_dispose(&b);
	resdiff_findings_free(f);
	/* and the command passes */
	assert_int_equal(test_system("'%s' check '%s' >/dev/null", RESDIFF_BINARY, path), 0);
}

/* What import and parse print on stderr: the parser's diagnostics alone
 * (no debris, no shape findings), accepted ones hidden but counted, notes
 * only when asked, a summary line, and a file name that could drive the
 * terminal shown escaped. */
static void test_check__diagnostics_as_lines(void **state)
{
	static const char *const accept[] = { "footnote 2 is not cited", NULL };
	resdiff_doc *doc = test_parse_source("corpus/A_66_64-E_2011_77.zh.txt", "zh");
	resdiff_doc *noted = test_parse_source("tests/data/en/A_RES_80_155.txt", "en");
	resdiff_findings *f = NULL;
	resdiff_buf b = RESDIFF_BUF_INIT;

	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_diagnostics(f, doc, "a\x1b[2Jb.txt", NULL), 0);
	assert_int_equal(f->count, 1);
	assert_int_equal(resdiff_render_findings_lines(&b, f, "a\x1b[2Jb.txt", "resdiff: ", false), 0);
	assert_string_equal(b.ptr, "a^[[2Jb.txt:91: diagnostic: footnote 2 is not cited\n"
		"resdiff: a^[[2Jb.txt: 1 warning\n");
	resdiff_findings_free(f);
	resdiff_buf_clear(&b);

	/* accepted by the manifest: nothing to show */
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_diagnostics(f, doc, "x.txt", accept), 0);
	assert_int_equal(f->count, 0);
	assert_int_equal(f->accepted, 1);
	assert_int_equal(resdiff_render_findings_lines(&b, f, "x.txt", "resdiff: ", true), 0);
	assert_int_equal(b.size, 0);
	resdiff_findings_free(f);

	/* a note: hidden by default, shown with the count when asked */
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_diagnostics(f, noted, "y.txt", NULL), 0);
	assert_int_equal(f->count, 0);
	assert_int_equal(f->note_count, 1);
	assert_int_equal(resdiff_render_findings_lines(&b, f, "y.txt", NULL, false), 0);
	assert_int_equal(b.size, 0);
	assert_int_equal(resdiff_render_findings_lines(&b, f, "y.txt", NULL, true), 0);
	assert_non_null(strstr(b.ptr, "y.txt:79: note: the number 4 after \"annual\""));
	assert_non_null(strstr(b.ptr, "\ny.txt: 0 warnings, 1 note\n"));
	resdiff_findings_free(f);
	resdiff_buf_clear(&b);

	/* many: the first RESDIFF_FINDINGS_LINES_MAX, a line for the rest,
	 * and the summary counts them all */
	assert_int_equal(resdiff_findings_new(&f), 0);
	{
		size_t k, lines = 0;
		const char *p;
		for (k = 0; k < RESDIFF_FINDINGS_LINES_MAX + 50; k++)
			assert_int_equal(resdiff_check_add(f, "z.txt", k + 1, "diagnostic", NULL,
				"paragraph %zu is odd", k + 1), 0);
		assert_int_equal(resdiff_render_findings_lines(&b, f, "z.txt", "resdiff: ", false), 0);
		for (p = b.ptr; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, RESDIFF_FINDINGS_LINES_MAX + 2);
		assert_null(strstr(b.ptr, "paragraph 101 is odd"));
		assert_non_null(strstr(b.ptr, "\nresdiff: z.txt: 50 more not shown here ('resdiff check' "
			"lists them all)\nresdiff: z.txt: 150 warnings\n"));
	}
	resdiff_findings_free(f);
	resdiff_buf_dispose(&b);
	resdiff_doc_free(doc);
	resdiff_doc_free(noted);
}

static void parse_traced_file(resdiff_doc **doc, resdiff_parse_trace **trace, const char *relpath)
{
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	size_t len;
	char *text = test_read_source(relpath, &len);
	assert_int_equal(resdiff_parse_traced(doc, trace, text, len, &opts), 0);
	free(text);
}

/* The accounting finds a word or number that went missing from a unit,
 * and a marker taken in a weak form while the number stays glued. */
static void test_check__accounting_finds_what_was_lost(void **state)
{
	resdiff_findings *f = NULL;
	resdiff_doc *doc = NULL;
	resdiff_parse_trace *t = NULL;
	resdiff_unit *u;
	size_t k;

	parse_traced_file(&doc, &t, "tests/data/parse-classes/marker_after_a_number.en.txt");
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_int_equal(f->count, 0);
	/* a parser that dropped the "3" of "paragraph 3" */
	u = (resdiff_unit *)resdiff_doc_unit_by_id(doc, "PP2");
	u->text = "Recalling also paragraph of its resolution 72/279 and the Paris Agreement, adopted "
		"under the Convention, which entered into force on 4 November 2016,";
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_finding(f, "loss", 13, "PP2 lost text of its source: \"…ecalling also paragraph 3 of its resolution 72/2…\" at byte 25");
	resdiff_findings_free(f);

	/* a parser that took "paragraph 3" for the marker and left "Agreement,3" */
	assert_int_equal(resdiff_findings_new(&f), 0);
	u->text = "Recalling also paragraph of its resolution 72/279 and the Paris Agreement, adopted "
		"under the Convention,3 which entered into force on 4 November 2016,";
	for (k = 0; k < t->marker_count; k++)
		if (!strcmp(t->markers[k].label, "3")) {
			resdiff_marker_trace m = t->markers[k];
			m.line = 13;
			m.byte = strlen("Recalling also paragraph ");
			m.form = "spaced";
			/* markers stay in reading order: before the 2 of "Agreement,2" */
			assert_string_equal(t->markers[k - 1].label, "2");
			t->markers[k] = t->markers[k - 1];
			t->markers[k - 1] = m;
			break;
		}
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_finding(f, "marker", 13, "PP2: footnote marker 3 was taken from \"…ecalling also paragraph 3 of");
	assert_int_equal(f->count, 1);
	resdiff_findings_free(f);

	/* a footnote cited for the first time after a higher one */
	assert_int_equal(resdiff_findings_new(&f), 0);
	u = (resdiff_unit *)resdiff_doc_unit_by_id(doc, "PP3");
	u->fnrefs[0].label = "7";
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_finding(f, "marker", 0, "PP4 cites footnote 5 for the first time after footnote 7");
	resdiff_findings_free(f);
	resdiff_parse_trace_free(t);
	resdiff_doc_free(doc);
}

/* Property: in every text of the repository, every word and number of a
 * line that went into a unit or a footnote is in its text or is one of
 * its markers (the accounting finds nothing). */
/* A parse that lost structure does not pass as "no findings": a unit far
 * longer than the others, a resolution with no operative part, markup,
 * a title that swallowed sentences. A sound document has none. */
static void test_check__implausible_shapes(void **state)
{
	resdiff_findings *f = NULL;
	resdiff_doc *doc = NULL;
	char longtext[2048], id[16];
	size_t i;

	memset(longtext, 'x', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, "resolution"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.title, "Whereas one thing is so. "
		"Whereas another is. Now, therefore, the Assembly proclaims this."), 0);
	for (i = 1; i <= 10; i++) {
		snprintf(id, sizeof(id), "PP%zu", i);
		resdiff_doc_add_unit(NULL, doc, id, RESDIFF_UNIT_PREAMBLE, "",
			i == 3 ? "Recalling <para>its resolution</para>," : "Recalling its resolution 1/1,",
			i);
	}
	resdiff_doc_add_unit(NULL, doc, "PP11", RESDIFF_UNIT_PREAMBLE, "", longtext, 20);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_doc(f, doc, "x.txt", NULL), 0);
	assert_finding(f, "shape", 20, "PP11 has 2047 characters");
	assert_finding(f, "shape", 0, "the resolution has no operative part (11 units");
	assert_finding(f, "shape", 3, "PP3 contains markup at byte 10");
	assert_finding(f, "shape", 0, "the title holds");
	assert_int_equal(f->count, 4);
	resdiff_findings_free(f);
	resdiff_doc_free(doc);

	/* the six UDHR texts as parsed now, with the symbol they do not print
	 * (import would refuse them without one): no finding */
	for (i = 0; i < 6; i++) {
		static const char *const langs[] = { "ar", "en", "es", "fr", "ru", "zh" };
		resdiff_manifest_entry entry;
		char path[1024];
		memset(&entry, 0, sizeof(entry));
		entry.symbol = "A/RES/217A";
		entry.language = langs[i];
		snprintf(path, sizeof(path), "%s/tests/data/udhr/udhr_%s.txt", RESDIFF_SOURCE_DIR, langs[i]);
		assert_int_equal(resdiff_findings_new(&f), 0);
		assert_int_equal(resdiff_check_file(f, path, &entry, NULL), 0);
		if (f->count)
			fail_msg("%s: %s: %s", path, f->items[0].kind, f->items[0].message);
		resdiff_findings_free(f);
		/* without it, import's refusal */
		assert_int_equal(resdiff_findings_new(&f), 0);
		assert_int_equal(resdiff_check_file(f, path, NULL, NULL), 0);
		assert_finding(f, "import", 0, "refused: the document has no symbol");
		assert_int_equal(f->count, 1);
		resdiff_findings_free(f);
	}
}

/* Words taken out of the body as a running title that does not recur
 * while the paragraph runs on through them are a "loss" (issue 10: the
 * words of a paragraph went into page furniture with no diagnostic). A
 * running title in the page head, its second line opening with a small
 * letter, is not. */
static void test_check__words_lost_as_a_running_title(void **state)
{
	static const char text[] = "The General Assembly,\n\n"
		"1. Welcomes the report on the presence and activities\n\n"
		"A/99/L.8\n"
		"of the agencies and bodies concerned\n"
		"30-00008\n"
		"2/2\n\n"
		"in constructed territories;\n\n"
		"2. Decides to remain seized of the matter.\n";
	resdiff_parse_options opts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_findings *f = NULL;
	resdiff_doc *doc = NULL;
	resdiff_parse_trace *t = NULL;
	(void)state;

	/* the parser keeps the title's piece at the head of a page in its
	 * paragraph; the wrapped running title on page 3 is furniture */
	parse_traced_file(&doc, &t, "tests/data/parse-classes/title_piece_after_a_page_break.en.txt");
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_int_equal(f->count, 0);
	assert_int_equal(t->lines[43].role, RESDIFF_LINE_DEBRIS);   /* line 44, page 3's head */
	/* a parser that dropped line 36 as a piece of the title */
	assert_int_equal(t->lines[35].role, RESDIFF_LINE_UNIT);
	t->lines[35].role = RESDIFF_LINE_DEBRIS;
	t->lines[35].reason = "running title (a piece of the title)";
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_finding(f, "loss", 36, "letters and digits taken out of OP1 as a running title (a piece of "
		"the title) (\"of the United Nations, other international organizations and\"): the "
		"paragraph runs on through the line");
	/* (the unit's text, unchanged, now also reads as holding words its lines lack) */
	resdiff_findings_free(f);
	resdiff_parse_trace_free(t);
	resdiff_doc_free(doc);

	/* a line of text between the lines of a page head: the parser still
	 * takes it for a running title, the check says what was lost */
	assert_int_equal(resdiff_parse_traced(&doc, &t, text, strlen(text), &opts), 0);
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_account(f, doc, t, "x.txt", NULL), 0);
	assert_finding(f, "loss", 6, "31 letters and digits taken out of OP1 as a running title (between "
		"page debris) (\"of the agencies and bodies concerned\")");
	assert_int_equal(f->count, 1);
	resdiff_findings_free(f);
	resdiff_parse_trace_free(t);
	resdiff_doc_free(doc);
}

static void test_check__every_word_is_accounted_for(void **state)
{
	static const char *const dirs[] = { "corpus", "tests/data/en", "tests/data/synthetic",
		"tests/data/parse-classes" };
	size_t d, files = 0;
	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char path[1024];
		DIR *dir;
		struct dirent *e;
		snprintf(path, sizeof(path), "%s/%s", RESDIFF_SOURCE_DIR, dirs[d]);
		assert_non_null(dir = opendir(path));
		while ((e = readdir(dir))) {
			resdiff_findings *f = NULL;
			size_t len = strlen(e->d_name), i;
			if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s", RESDIFF_SOURCE_DIR, dirs[d], e->d_name);
			assert_int_equal(resdiff_findings_new(&f), 0);
			assert_int_equal(resdiff_check_file(f, path, NULL, NULL), 0);
			for (i = 0; i < f->count; i++)
				if (!strcmp(f->items[i].kind, "loss") || !strcmp(f->items[i].kind, "marker"))
					fail_msg("%s:%zu: %s: %s", path, f->items[i].line, f->items[i].kind,
						f->items[i].message);
			resdiff_findings_free(f);
			files++;
		}
		closedir(dir);
	}
	assert_true(files >= 15);
}

/* Issue 10, class X: an amendment to a draft has no operative part of its
 * own (its instructions change the draft's), so check asks none of it; a
 * draft with the same units still gets the finding. */
static void test_check__amendment_needs_no_operative_part(void **state)
{
	static const char *const kinds[] = { "amendment", "draft" };
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++) {
		resdiff_findings *f = NULL;
		resdiff_doc *doc = NULL;
		assert_int_equal(resdiff_doc_new(&doc), 0);
		assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, kinds[i]), 0);
		resdiff_doc_add_unit(NULL, doc, "P1", RESDIFF_UNIT_PARAGRAPH, "1.",
			"In operative paragraph 5, replace “all lakes” with “large lakes”.", 3);
		resdiff_doc_add_unit(NULL, doc, "P2", RESDIFF_UNIT_PARAGRAPH, "2.",
			"Delete the third preambular paragraph.", 5);
		assert_int_equal(resdiff_findings_new(&f), 0);
		assert_int_equal(resdiff_check_doc(f, doc, "x.txt", NULL), 0);
		if (i == 0)
			assert_int_equal(f->count, 0);
		else
			assert_finding(f, "shape", 0, "the draft has no operative part (2 units");
		resdiff_findings_free(f);
		resdiff_doc_free(doc);
	}
}

/* A directory's texts are checked in the byte order of their names, not
 * in readdir's order (which differs between file systems): the findings
 * and a CI log read the same everywhere. A file named like a manifest's
 * text but with a .PDF suffix counts; a .TXT one does not. */
static void test_check__directory_in_name_order(void **state)
{
	static const char *const names[] = { "zz.txt", "m.txt", "b.txt", "x.txt", "a.txt",
		"q.txt", "c.txt", "k.txt" };
	fixture *fx = *state;
	resdiff_findings *f = NULL;
	size_t i;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		write_file(fx, names[i], "");  /* empty: one "parse" finding each */
	write_file(fx, "upper.TXT", "");
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_dir(f, fx->dir, NULL), 0);
	assert_int_equal(f->count, sizeof(names) / sizeof(names[0]));
	for (i = 1; i < f->count; i++)
		if (strcmp(f->items[i - 1].file, f->items[i].file) >= 0)
			fail_msg("%s before %s", f->items[i - 1].file, f->items[i].file);
	resdiff_findings_free(f);
	f = NULL;
	assert_int_equal(resdiff_findings_new(&f), 0);
	assert_int_equal(resdiff_check_dir(f, "/nonexistent-resdiff-dir", NULL), RESDIFF_ENOTFOUND);
	resdiff_findings_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__bundled_corpus_is_clean),
		cmocka_unit_test_setup_teardown(test_check__text_that_does_not_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__numbering_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__marker_without_footnote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__footnote_not_cited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__metadata_disagrees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__manifest_and_files_disagree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__manifest_that_does_not_load, setup, teardown),
		cmocka_unit_test(test_check__debris_in_a_paragraph),
		cmocka_unit_test(test_check__formats),
		cmocka_unit_test(test_check__notes_are_listed_not_counted),
		cmocka_unit_test(test_check__diagnostics_as_lines),
		cmocka_unit_test(test_check__accounting_finds_what_was_lost),
		cmocka_unit_test(test_check__implausible_shapes),
		cmocka_unit_test(test_check__amendment_needs_no_operative_part),
		cmocka_unit_test(test_check__every_word_is_accounted_for),
		cmocka_unit_test(test_check__words_lost_as_a_running_title),
		cmocka_unit_test_setup_teardown(test_check__cli_exit_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check__directory_in_name_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
