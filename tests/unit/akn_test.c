/* akn_test.c: Akoma Ntoso out and in. Every text the project holds reads
 * back from its export exactly, and the export of the same document is
 * the same bytes; constructed documents (articles, annexes, footnotes in
 * every placement, odd ids) validate against the OASIS schema and round
 * trip; hostile XML is refused with the file and line; a file from
 * elsewhere keeps all of its text. */
#include "helpers.h"
#include "store_helpers.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA RESDIFF_SOURCE_DIR "/tests/data/akn-schema/akomantoso30.xsd"

static xmlSchemaPtr schema;

static int setup(void **state)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(SCHEMA);
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	return schema ? 0 : -1;
}

static int teardown(void **state)
{
	xmlSchemaFree(schema);
	return 0;
}

/* The OASIS schema accepts it (libxml2's validator; tests/akn/validate.sh
 * runs xmllint over every text's export). */
static void assert_valid(const resdiff_buf *xml, const char *what)
{
	xmlDocPtr d = xmlReadMemory(xml->ptr, (int)xml->size, NULL, NULL, XML_PARSE_NONET);
	xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
	int rc;

	if (!d)
		fail_msg("%s: export is not well-formed", what);
	rc = xmlSchemaValidateDoc(v, d);
	xmlSchemaFreeValidCtxt(v);
	xmlFreeDoc(d);
	if (rc != 0)
		fail_msg("%s: export does not validate against akomantoso30.xsd (%d)", what, rc);
}

static resdiff_doc *akn_read(const resdiff_buf *xml, const char *source)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	resdiff_doc *doc = NULL;
	popts.source = source;
	if (resdiff_akn_parse(&doc, xml->ptr, xml->size, &popts) < 0)
		fail_msg("%s: %s", source, resdiff_error_last());
	return doc;
}

/* export, validate, read back (equal in every field), export again (the
 * same bytes). */
static void assert_round_trip(const resdiff_doc *doc, const char *what)
{
	resdiff_buf a = RESDIFF_BUF_INIT, b = RESDIFF_BUF_INIT;
	resdiff_doc *back;

	if (resdiff_render_doc_akn(&a, doc, NULL) < 0)
		fail_msg("%s: %s", what, resdiff_error_last());
	assert_valid(&a, what);
	back = akn_read(&a, what);
	test_assert_docs_equal(doc, back);
	assert_int_equal(resdiff_render_doc_akn(&b, back, NULL), 0);
	if (a.size != b.size || memcmp(a.ptr, b.ptr, a.size))
		fail_msg("%s: export, import, export is not byte-identical", what);
	resdiff_doc_free(back);
	resdiff_buf_dispose(&a);
	resdiff_buf_dispose(&b);
}

/* Every corpus document (with its manifest metadata) and every sample
 * text under tests/data, whatever lands there. */
static void test_akn__every_text_round_trips(void **state)
{
	resdiff_manifest *m = NULL;
	char *list = test_capture(NULL, "cd '%s' && { ls corpus/*.txt; find tests/data -name '*.txt'; } | sort",
		RESDIFF_SOURCE_DIR), *path, *save = NULL;
	size_t n = 0;

	assert_int_equal(resdiff_manifest_load(&m, RESDIFF_SOURCE_DIR "/corpus/corpus.manifest"), 0);
	for (path = strtok_r(list, "\n", &save); path; path = strtok_r(NULL, "\n", &save)) {
		resdiff_doc *doc = test_parse_source(path, NULL);
		const char *base = strrchr(path, '/') + 1;
		size_t k;
		for (k = 0; !strncmp(path, "corpus/", 7) && k < m->count; k++)
			if (!strcmp(m->entries[k].source, base))
				assert_int_equal(resdiff_manifest_apply(doc, &m->entries[k]), 0);
		assert_round_trip(doc, path);
		resdiff_doc_free(doc);
		n++;
	}
	assert_true(n >= 26);   /* 5 corpus texts, 46 under tests/data when written */
	resdiff_manifest_free(m);
	free(list);
}

/* The value of an XPath expression over the export (a string). */
static char *xpath(const resdiff_buf *xml, const char *expr)
{
	xmlDocPtr d = xmlReadMemory(xml->ptr, (int)xml->size, NULL, NULL, XML_PARSE_NONET);
	xmlXPathContextPtr c = xmlXPathNewContext(d);
	xmlXPathObjectPtr o;
	char *s;

	xmlXPathRegisterNs(c, BAD_CAST "a", BAD_CAST RESDIFF_AKN_NS);
	xmlXPathRegisterNs(c, BAD_CAST "resdiff", BAD_CAST RESDIFF_AKN_RESDIFF_NS);
	o = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_non_null(o);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	xmlFreeDoc(d);
	return s;
}

static void assert_xpath(const resdiff_buf *xml, const char *expr, const char *want)
{
	char *got = xpath(xml, expr);
	if (strcmp(got, want))
		fail_msg("%s: '%s', want '%s'", expr, got, want);
	xmlFree(got);
}

static resdiff_unit *add(resdiff_doc *doc, const char *id, resdiff_unit_kind kind, const char *label,
		const char *text, size_t line)
{
	resdiff_unit *u = NULL;
	assert_int_equal(resdiff_doc_add_unit(&u, doc, id, kind, label, text, line), 0);
	return u;
}

/* Articles as the parser will give them (ART<n> the heading line,
 * ART<n>.<k> its paragraphs, ANNEX<a>-ART<n>.<k> in annexes) become AKN
 * articles with their paragraphs inside: art_13__para_2. */
static void test_akn__articles(void **state)
{
	resdiff_doc *doc = NULL;
	resdiff_buf xml = RESDIFF_BUF_INIT;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_set_meta(doc, &doc->meta.symbol, "A/RES/217(III)");
	resdiff_doc_set_meta(doc, &doc->meta.language, "en");
	resdiff_doc_set_meta(doc, &doc->meta.date, "1948-12-10");
	resdiff_doc_set_meta(doc, &doc->meta.body, "GA");
	resdiff_doc_set_meta(doc, &doc->meta.kind, "resolution");
	resdiff_doc_set_meta(doc, &doc->meta.title, "Universal Declaration of Human Rights");
	add(doc, "H1", RESDIFF_UNIT_HEADING, "", "Preamble", 2);
	add(doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Whereas recognition of the inherent dignity ...,", 3);
	add(doc, "PP2", RESDIFF_UNIT_PREAMBLE, "", "Whereas disregard and contempt for human rights ...,", 4);
	add(doc, "OP1", RESDIFF_UNIT_OPERATIVE, "", "Proclaims this Universal Declaration of Human Rights ...", 6);
	add(doc, "ART1", RESDIFF_UNIT_HEADING, "", "Article 1", 8);
	add(doc, "ART1.1", RESDIFF_UNIT_PARAGRAPH, "", "All human beings are born free and equal ...", 9);
	add(doc, "ART13", RESDIFF_UNIT_HEADING, "Article 13", "", 11);
	add(doc, "ART13.1", RESDIFF_UNIT_PARAGRAPH, "1.", "Everyone has the right to freedom of movement ...", 12);
	add(doc, "ART13.2", RESDIFF_UNIT_PARAGRAPH, "2.", "Everyone has the right to leave any country ...", 13);
	add(doc, "ANNEX1", RESDIFF_UNIT_HEADING, "", "Annex", 15);
	add(doc, "ANNEX1-ART3", RESDIFF_UNIT_HEADING, "", "Article 3", 16);
	add(doc, "ANNEX1-ART3.1", RESDIFF_UNIT_PARAGRAPH, "", "Everyone has the right to life ...", 17);
	add(doc, "ANNEX1-ART3.1(a)", RESDIFF_UNIT_SUBPARAGRAPH, "(a)", "liberty;", 18);

	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), 0);
	assert_valid(&xml, "articles");
	assert_xpath(&xml, "name(//*[@eId='art_13__para_2'])", "paragraph");
	assert_xpath(&xml, "string(//*[@eId='art_13__para_2']/parent::*/@eId)", "art_13");
	assert_xpath(&xml, "name(//*[@eId='art_13'])", "article");
	assert_xpath(&xml, "string(//a:article[@eId='art_13']/a:num)", "Article 13");
	assert_xpath(&xml, "string(//a:article[@eId='art_1']/a:heading)", "Article 1");
	assert_xpath(&xml, "string(//*[@eId='art_1__para_1']/a:content/a:p)",
		"All human beings are born free and equal ...");
	assert_xpath(&xml, "string(//*[@eId='att_1__art_3__para_1']/parent::a:article/@eId)", "att_1__art_3");
	assert_xpath(&xml, "string(//*[@eId='att_1__art_3__para_1__point_a']/parent::*/@eId)",
		"att_1__art_3__para_1");
	assert_xpath(&xml, "string(//a:attachment/@eId)", "att_1");
	assert_xpath(&xml, "string(//a:attachment/a:heading)", "Annex");
	assert_xpath(&xml, "string(//a:recitals/a:heading)", "Preamble");
	assert_xpath(&xml, "count(//a:recital)", "2");
	assert_xpath(&xml, "string(//*[@eId='art_13__para_2']/@resdiff:line)", "13");
	assert_round_trip(doc, "articles");
	resdiff_buf_dispose(&xml);
	resdiff_doc_free(doc);
}

/* The store tests' documents (every kind, labels, lines, footnotes cited
 * by units and by the title, a diagnostic), over many seeds and sizes. */
static void test_akn__built_documents_round_trip(void **state)
{
	unsigned seed;
	char what[64];

	for (seed = 0; seed < 40; seed++) {
		resdiff_doc *doc = test_make_doc(seed % 2 ? "A/RES/70/1" : "E/RES/2009/7", seed % 3 ? "en" : "zh",
			seed % 4 ? "ga-ict4d" : NULL, seed % 5 ? "2015-09-25" : NULL, seed, seed);
		snprintf(what, sizeof(what), "built document %u", seed);
		assert_round_trip(doc, what);
		resdiff_doc_free(doc);
	}
}

/* A draft's link to its resolution is the work's FRBRalias name="draftOf"
 * (between FRBRuri and FRBRdate, where the schema has it), valid, and read
 * back, also from a file without resdiff's own block; annexes and the
 * expression carry none. */
static void test_akn__draft_of_round_trips(void **state)
{
	resdiff_doc *doc = test_make_doc("A/80/L.2", "en", NULL, NULL, 12, 3), *back;
	resdiff_buf xml = RESDIFF_BUF_INIT;
	const char *alias = "<FRBRalias value=\"A/RES/80/1\" name=\"draftOf\"/>";
	char *at, *p;

	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.kind, "draft"), 0);
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.draft_of, "A/RES/80/1"), 0);
	assert_round_trip(doc, "draft with draft-of");
	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), 0);
	at = strstr(xml.ptr, alias);
	assert_non_null(at);
	assert_null(strstr(at + 1, alias));          /* once: the main work only */
	assert_true(strstr(xml.ptr, "<FRBRWork>") < at && at < strstr(xml.ptr, "<FRBRExpression>"));
	assert_true(strstr(xml.ptr, "<FRBRuri") < at && at < strstr(xml.ptr, "<FRBRdate"));
	/* without resdiff's proprietary block (a file from elsewhere) */
	p = strstr(xml.ptr, "<resdiff:document ");
	assert_non_null(p);
	memcpy(p + 1, "resdiff:xocument", strlen("resdiff:xocument"));
	p = strstr(xml.ptr, "</resdiff:document>");
	if (p)
		memcpy(p + 2, "resdiff:xocument", strlen("resdiff:xocument"));
	back = akn_read(&xml, "foreign draft");
	assert_non_null(back->meta.draft_of);
	assert_string_equal(back->meta.draft_of, "A/RES/80/1");
	resdiff_doc_free(back);
	resdiff_buf_dispose(&xml);
	/* a document without a link writes none */
	assert_int_equal(resdiff_doc_set_meta(doc, &doc->meta.draft_of, NULL), 0);
	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), 0);
	assert_null(strstr(xml.ptr, "FRBRalias"));
	resdiff_buf_dispose(&xml);
	resdiff_doc_free(doc);
}

/* Footnotes in every placement: cited twice (the second a noteRef), not
 * cited at all (meta/notes), cited by a document without a title, at
 * offset 0, at the end, two at one offset, a marker with no body; and the
 * order of the footnotes, which is not the order of their markers. */
static void test_akn__footnotes_in_every_placement(void **state)
{
	resdiff_doc *doc = NULL;
	resdiff_unit *u;
	resdiff_buf xml = RESDIFF_BUF_INIT;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_add_meta_footnote(doc, "*");
	u = add(doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling its resolutions,", 3);
	resdiff_doc_add_fnref(doc, u, "2", 0);
	resdiff_doc_add_fnref(doc, u, "1", 9);
	resdiff_doc_add_fnref(doc, u, "3", 9);
	u = add(doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "回顾其决议，", 5);
	resdiff_doc_add_fnref(doc, u, "1", 6);
	resdiff_doc_add_fnref(doc, u, "9", 2);   /* not in text order */
	resdiff_doc_add_fnref(doc, u, "3", 40);  /* past the end */
	resdiff_doc_add_footnote(doc, "*", "Reissued for technical reasons.", 1);
	resdiff_doc_add_footnote(doc, "1", "A/RES/70/125.", 20);
	resdiff_doc_add_footnote(doc, "2", "See <A/1> & \"B\".", 21);
	resdiff_doc_add_footnote(doc, "3", "E/2009/10.", 22);
	resdiff_doc_add_footnote(doc, "4", "Never cited.", 23);
	resdiff_doc_add_diag(doc, 5, "footnote marker 9 has no footnote text");

	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), 0);
	assert_xpath(&xml, "count(//a:authorialNote)", "4");
	assert_xpath(&xml, "string(//a:recital//a:authorialNote[1]/@marker)", "2");
	assert_xpath(&xml, "string(//a:paragraph//a:noteRef[@marker='1']/@href)", "#authorialNote_2");
	assert_xpath(&xml, "string(//a:meta/a:notes/a:note/@marker)", "4");
	assert_xpath(&xml, "string(//a:preface//a:authorialNote/@marker)", "*");
	assert_xpath(&xml, "string(//resdiff:diagnostic)", "footnote marker 9 has no footnote text");
	assert_round_trip(doc, "footnotes");
	resdiff_buf_dispose(&xml);
	resdiff_doc_free(doc);
}

/* Documents no parser writes but a store can hold: no units; only a
 * preamble; an operative paragraph before a preambular one; ids of no
 * known shape, repeated ids, deep sub-paragraphs; texts with tabs, line
 * breaks, CR, spaces at the ends, empty texts and labels; an annex
 * without its heading line and main text after an annex; unknown kind
 * and language; metadata that is empty rather than unknown. */
static void test_akn__odd_documents_round_trip(void **state)
{
	resdiff_doc *doc = NULL;
	char id[64];
	int i;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	assert_round_trip(doc, "empty document");
	resdiff_doc_set_meta(doc, &doc->meta.chapeau, "The General Assembly,");
	assert_round_trip(doc, "chapeau only");
	add(doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "Recalling,", 1);
	assert_round_trip(doc, "preamble only");
	resdiff_doc_free(doc);

	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_set_meta(doc, &doc->meta.symbol, "X 1/2 ü");
	resdiff_doc_set_meta(doc, &doc->meta.kind, "note");
	resdiff_doc_set_meta(doc, &doc->meta.language, "de");
	resdiff_doc_set_meta(doc, &doc->meta.title, "");
	resdiff_doc_set_meta(doc, &doc->meta.date, "sometime");
	resdiff_doc_set_meta(doc, &doc->meta.meeting, "");
	resdiff_doc_set_meta(doc, &doc->meta.body, "Human Rights Council");
	add(doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "  leading and trailing spaces  ", 1);
	add(doc, "PP1", RESDIFF_UNIT_PREAMBLE, "", "tab\there, line\nbreak, cr\r\nend", 2);
	add(doc, "X1", RESDIFF_UNIT_BLOCK, "", "", 3);
	add(doc, "OP1", RESDIFF_UNIT_OPERATIVE, "", "the same id twice", 4);
	add(doc, "OP2~2", RESDIFF_UNIT_OPERATIVE, "2.", "a number printed twice", 5);
	add(doc, "OP2~2(a)", RESDIFF_UNIT_SUBPARAGRAPH, "(a)", "its part", 6);
	add(doc, "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "", 7);
	strcpy(id, "OP3");
	for (i = 0; i < 80; i++) {   /* deeper than the writer nests */
		strcat(id, "(a)");
		if (strlen(id) > 50)
			break;
		add(doc, id, RESDIFF_UNIT_SUBPARAGRAPH, "(a)", "deeper", 8 + (size_t)i);
	}
	add(doc, "OP4(b)", RESDIFF_UNIT_SUBPARAGRAPH, "(b)", "a part without its paragraph", 30);
	add(doc, "P5", RESDIFF_UNIT_PARAGRAPH, "5.", "a report's paragraph", 31);
	add(doc, "H9", RESDIFF_UNIT_HEADING, "A.", "a heading", 32);
	add(doc, "ANNEX2-OP1", RESDIFF_UNIT_OPERATIVE, "1.", "annex 2 without its heading line", 33);
	add(doc, "OP7", RESDIFF_UNIT_OPERATIVE, "7.", "main text after an annex", 34);
	add(doc, "ANNEX3", RESDIFF_UNIT_HEADING, "III", "Annex III", 35);
	add(doc, "ANNEX2-OP2", RESDIFF_UNIT_OPERATIVE, "2.", "annex 2 again", 36);
	add(doc, "ANNEX3", RESDIFF_UNIT_HEADING, "", "ANNEX3 twice", 37);
	add(doc, "(a)", RESDIFF_UNIT_SUBPARAGRAPH, "", "an id that is only parentheses", 38);
	add(doc, "ART", RESDIFF_UNIT_HEADING, "", "no number", 39);
	assert_int_equal(resdiff_doc_add_diag(doc, 4, "duplicate id OP1"), 0);
	assert_int_equal(resdiff_doc_add_note(doc, 31, "\"5\" kept: it may be a footnote marker"), 0);
	assert_round_trip(doc, "odd document");
	resdiff_doc_free(doc);
}

/* What XML 1.0 cannot carry is refused, naming the unit. */
static void test_akn__refuses_what_xml_cannot_carry(void **state)
{
	resdiff_doc *doc = NULL;
	resdiff_buf xml = RESDIFF_BUF_INIT;

	assert_int_equal(resdiff_doc_new(&doc), 0);
	resdiff_doc_set_meta(doc, &doc->meta.symbol, "A/RES/1/1");
	add(doc, "OP3", RESDIFF_UNIT_OPERATIVE, "3.", "bell \x07 here", 1);
	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "unit OP3"));
	assert_non_null(strstr(resdiff_error_last(), "U+0007"));
	resdiff_doc_free(doc);

	assert_int_equal(resdiff_doc_new(&doc), 0);
	add(doc, "OP1", RESDIFF_UNIT_OPERATIVE, "1.", "latin-1 \xe9", 1);
	assert_int_equal(resdiff_render_doc_akn(&xml, doc, NULL), RESDIFF_EINVALID);
	assert_non_null(strstr(resdiff_error_last(), "invalid UTF-8"));
	assert_int_equal(xml.size, 0);
	resdiff_doc_free(doc);
}

static int read_string(const char *xml, const char *source, resdiff_doc **doc)
{
	resdiff_parse_options popts = RESDIFF_PARSE_OPTIONS_INIT;
	popts.source = source;
	return resdiff_akn_parse(doc, xml, strlen(xml), &popts);
}

#define AKN_OPEN "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">"
#define AKN_BODY "<statement name=\"resolution\"><meta/><mainBody><p>&xxe;</p></mainBody></statement></akomaNtoso>"

/* Hostile or wrong XML: an error naming the file and the line, no
 * document, and nothing read from anywhere. */
static void test_akn__hostile_xml_is_refused(void **state)
{
	char *dir = test_tmpdir(), secret[512], xml[2048];
	FILE *f;
	size_t i;
	struct { const char *name, *xml, *want; } cases[] = {
		{ "laughs.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY a \"aaaaaaaaaa\">\n"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY xxe \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
		  AKN_OPEN AKN_BODY, "laughs.xml: line 2: a document type declaration is refused" },
		{ "extdtd.xml", "<?xml version=\"1.0\"?>\n\n<!DOCTYPE akomaNtoso SYSTEM \"http://example.invalid/a.dtd\">"
		  AKN_OPEN "</akomaNtoso>", "extdtd.xml: line 3: a document type declaration is refused; it names an external DTD" },
		{ "param.xml", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://example.invalid/p\"> %p;]>"
		  AKN_OPEN "</akomaNtoso>", "param.xml: line 1: a document type declaration is refused" },
		{ "html.xml", "<?xml version=\"1.0\"?>\n<html><body/></html>",
		  "html.xml: line 2: not Akoma Ntoso 3.0: the root element is <html> in no namespace" },
		{ "akn2.xml", "<akomaNtoso xmlns=\"http://www.akomantoso.org/2.0\"><act/></akomaNtoso>",
		  "akn2.xml: line 1: not Akoma Ntoso 3.0: the root element is <akomaNtoso> in namespace "
		  "\"http://www.akomantoso.org/2.0\"" },
		{ "empty-root.xml", AKN_OPEN "\n</akomaNtoso>", "empty-root.xml: line 1: <akomaNtoso> holds no document" },
		{ "broken.xml", "<?xml version=\"1.0\"?>\n" AKN_OPEN "\n<statement>\n<meta></statement>",
		  "broken.xml: line 4: not well-formed XML: " },
		/* no text at all: said so, not libxml2's "Document is empty" or
		 * "Start tag expected" (a byte-order mark alone said the latter) */
		{ "empty.xml", "", "empty.xml: not Akoma Ntoso (empty input)" },
		{ "bom.xml", "\xef\xbb\xbf", "bom.xml: not Akoma Ntoso (only a UTF-8 byte-order mark, "
		  "bytes 0-2: no text)" },
		{ "bomws.xml", "\xef\xbb\xbf \n\t\n", "bomws.xml: not Akoma Ntoso (only white space "
		  "after a UTF-8 byte-order mark, bytes 3-6: no text)" },
		{ "text.xml", "1. Decides to remain seized of the matter.\n", "text.xml: line 1: not well-formed XML: " },
		{ "nul.xml", "<a>\xff\xfe</a>", "nul.xml: invalid UTF-8 at byte offset 3 (line 1)" },
		/* not UTF-8 in a UTF-8 document: the byte offset and line, in one
		 * line, as for a text file (libxml2 said "Input is not proper
		 * UTF-8, indicate encoding !\nBytes: 0xFF ...", over two lines) */
		{ "latin1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" AKN_OPEN
		  "\n<statement><p>Caf\xe9</p></statement></akomaNtoso>",
		  "latin1.xml: invalid UTF-8 at byte offset 126 (line 3)" },
		/* another encoding, declared, is libxml2's to convert */
		{ "declared.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<html>Caf\xe9</html>",
		  "declared.xml: line 2: not Akoma Ntoso 3.0: the root element is <html>" },
	};

	/* an external entity naming a file that exists: never read */
	snprintf(secret, sizeof(secret), "%s/secret.txt", dir);
	assert_non_null(f = fopen(secret, "w"));
	fputs("SECRET-BYTES\n", f);
	fclose(f);
	snprintf(xml, sizeof(xml), "<?xml version=\"1.0\"?>\n<!DOCTYPE akomaNtoso [\n<!ENTITY xxe SYSTEM \"file://%s\">\n]>\n"
		AKN_OPEN AKN_BODY, secret);
	{
		resdiff_doc *doc = (resdiff_doc *)1;
		assert_int_equal(read_string(xml, "xxe.xml", &doc), RESDIFF_EINVALID);
		assert_null(doc);
		assert_non_null(strstr(resdiff_error_last(), "xxe.xml: line 2: a document type declaration is refused"));
		assert_null(strstr(resdiff_error_last(), "SECRET"));
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		resdiff_doc *doc = (resdiff_doc *)1;
		int rc = read_string(cases[i].xml, cases[i].name, &doc);
		if (rc != RESDIFF_EINVALID || strncmp(resdiff_error_last(), cases[i].want, strlen(cases[i].want)))
			fail_msg("%s: %d '%s', want '%s...'", cases[i].name, rc, resdiff_error_last(), cases[i].want);
		if (strchr(resdiff_error_last(), '\n'))
			fail_msg("%s: the message is not one line: '%s'", cases[i].name, resdiff_error_last());
		assert_null(doc);
	}
	test_system("rm -rf '%s'", dir);
	free(dir);
}

/* The line of the first `what` in `text`. */
static size_t line_at(const char *text, const char *what)
{
	const char *at = strstr(text, what), *p;
	size_t line = 1;
	assert_non_null(at);
	for (p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* An AKN document from elsewhere, with structures resdiff does not model:
 * every word of its text is in the units, the title or the footnotes,
 * and each flattening is named. */
static void test_akn__foreign_file_keeps_its_text(void **state)
{
	static const char foreign[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		AKN_OPEN "\n"
		"  <statement name=\"resolution\">\n"
		"    <meta>\n"
		"      <identification source=\"#un\">\n"
		"        <FRBRWork><FRBRthis value=\"/akn/un/statement/deliberation/unga/2010-12-20/65-141/!main\"/>\n"
		"          <FRBRuri value=\"/akn/un/statement/deliberation/unga/2010-12-20/65-141\"/>\n"
		"          <FRBRdate date=\"2010-12-20\" name=\"adoption\"/><FRBRauthor href=\"#unga\"/>\n"
		"          <FRBRcountry value=\"un\"/><FRBRsubtype value=\"deliberation\"/>\n"
		"          <FRBRname value=\"A/RES/65/141\"/></FRBRWork>\n"
		"        <FRBRExpression><FRBRlanguage language=\"eng\"/></FRBRExpression>\n"
		"      </identification>\n"
		"    </meta>\n"
		"    <preface>\n"
		"      <p><docType>Resolution</docType> adopted by the General Assembly</p>\n"
		"      <p class=\"title\"><docTitle>Information and\n        communications technologies</docTitle></p>\n"
		"    </preface>\n"
		"    <preamble>\n"
		"      <formula name=\"enactingFormula\"><p>The General Assembly,</p></formula>\n"
		"      <recitals><recital><p>Recalling its resolution <ref href=\"/akn/un/x\">64/187</ref>,</p></recital>\n"
		"        <recital><p>Noting<authorialNote marker=\"1\"><p>A/65/64.</p></authorialNote> the report,</p></recital>\n"
		"      </recitals>\n"
		"    </preamble>\n"
		"    <mainBody>\n"
		"      <section><num>I</num><heading>General</heading>\n"
		"        <paragraph><num>1.</num><content><p>Decides one;</p></content></paragraph>\n"
		"        <paragraph><num>2.</num><intro><p>Requests:</p></intro>\n"
		"          <point><num>(a)</num><content><p>first</p></content></point>\n"
		"          <point><num>(b)</num><content><p>second</p><p>with a second block</p></content></point>\n"
		"          <wrapUp><p>and wraps up;</p></wrapUp>\n"
		"        </paragraph>\n"
		"      </section>\n"
		"      <p>A loose paragraph of text.</p>\n"
		"      <table><tr><td>cell one</td><td>cell two</td></tr></table>\n"
		"      <article><num>Article 7</num><heading>Rights</heading>\n"
		"        <paragraph><num>1.</num><content><p>Everyone <b>has</b> rights.</p></content></paragraph>\n"
		"      </article>\n"
		"      <article><num>Article 8</num><content><p>Short article.</p></content></article>\n"
		"    </mainBody>\n"
		"    <attachments><attachment><heading>Annex</heading><doc name=\"annex\"><meta/>\n"
		"      <mainBody><paragraph><num>1.</num><content><p>Annexed rule.</p></content></paragraph></mainBody>\n"
		"    </doc></attachment></attachments>\n"
		"  </statement>\n"
		"</akomaNtoso>\n";
	static const char *const words[] = {
		"Recalling its resolution 64/187,", "Noting the report,", "Decides one;", "Requests:",
		"first", "second with a second block", "and wraps up;", "A loose paragraph of text.",
		"cell one cell two", "Everyone has rights.", "Short article.", "Annexed rule.", "Rights",
		"General", "Resolution adopted by the General Assembly",
	};
	static const char *const ids[] = {
		"B1", "PP1", "PP2", "H1", "OP1", "OP2", "OP2(a)", "OP2(b)", "B2", "B3", "B4", "ART7",
		"ART7.1", "ART8", "ART8.1", "ANNEX1", "ANNEX1-OP1",
	};
	resdiff_doc *doc = NULL;
	resdiff_buf all = RESDIFF_BUF_INIT, diags = RESDIFF_BUF_INIT;
	char msg[128];
	size_t i;

	if (read_string(foreign, "foreign.xml", &doc) < 0)
		fail_msg("%s", resdiff_error_last());
	assert_string_equal(doc->meta.symbol, "A/RES/65/141");
	assert_string_equal(doc->meta.language, "en");
	assert_string_equal(doc->meta.date, "2010-12-20");
	assert_string_equal(doc->meta.body, "GA");
	assert_string_equal(doc->meta.kind, "resolution");
	assert_string_equal(doc->meta.title, "Information and communications technologies");
	assert_string_equal(doc->meta.chapeau, "The General Assembly,");
	for (i = 0; i < doc->unit_count; i++)
		resdiff_buf_printf(&all, "%s %s\n", doc->units[i].id, doc->units[i].text);
	for (i = 0; i < doc->diag_count; i++)
		resdiff_buf_printf(&diags, "%zu: %s\n", doc->diags[i].line, doc->diags[i].message);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strstr(all.ptr, words[i]))
			fail_msg("'%s' lost; units:\n%s", words[i], all.ptr);
	assert_int_equal(doc->unit_count, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < doc->unit_count; i++)
		if (strcmp(doc->units[i].id, ids[i]))
			fail_msg("unit %zu is %s, want %s; units:\n%s", i, doc->units[i].id, ids[i], all.ptr);
	assert_int_equal(doc->units[resdiff_doc_unit_by_id(doc, "OP2(a)") - doc->units].kind,
		RESDIFF_UNIT_SUBPARAGRAPH);
	assert_string_equal(resdiff_doc_unit_by_id(doc, "OP2(a)")->label, "(a)");
	assert_string_equal(resdiff_doc_unit_by_id(doc, "ART7.1")->label, "1.");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP2")->fnref_count, 1);
	assert_int_equal(resdiff_doc_unit_by_id(doc, "PP2")->fnrefs[0].offset, strlen("Noting"));
	assert_int_equal(doc->footnote_count, 1);
	assert_string_equal(doc->footnotes[0].text, "A/65/64.");
	assert_int_equal(resdiff_doc_unit_by_id(doc, "H1")->line, line_at(foreign, "<section>"));
	/* each flattening is named, at its line */
	snprintf(msg, sizeof(msg), "%zu: AKN <p> flattened into B1", line_at(foreign, "<p><docType>"));
	assert_non_null(strstr(diags.ptr, msg));
	snprintf(msg, sizeof(msg), "%zu: AKN <section> flattened into heading H1", line_at(foreign, "<section>"));
	assert_non_null(strstr(diags.ptr, msg));
	snprintf(msg, sizeof(msg), "%zu: AKN <wrapUp> flattened into B2", line_at(foreign, "<wrapUp>"));
	assert_non_null(strstr(diags.ptr, msg));
	snprintf(msg, sizeof(msg), "%zu: AKN <p> flattened into B3", line_at(foreign, "<p>A loose"));
	assert_non_null(strstr(diags.ptr, msg));
	snprintf(msg, sizeof(msg), "%zu: AKN <table> flattened into B4", line_at(foreign, "<table>"));
	assert_non_null(strstr(diags.ptr, msg));
	assert_null(strstr(diags.ptr, "<td>"));
	assert_non_null(strstr(diags.ptr, "<article> text beside its heading read as ART8.1"));
	assert_non_null(strstr(diags.ptr, "<ref> kept as plain text (1 time)"));
	assert_non_null(strstr(diags.ptr, "<b> kept as plain text"));
	resdiff_buf_dispose(&all);
	resdiff_buf_dispose(&diags);
	resdiff_doc_free(doc);
}

/* Consecutive members: the newer carries what it changed
 * (activeModifications), the older what it underwent
 * (passiveModifications), one textualMod per change that is not an
 * unchanged clause in place, with the eIds of both. */
static void test_akn__series_modifications(void **state)
{
	resdiff_doc *a = test_parse_source("corpus/E_RES_2009_7.zh.txt", NULL);
	resdiff_doc *b = test_parse_source("corpus/E_RES_2017_21.zh.txt", NULL);
	resdiff_alignment *al = NULL;
	resdiff_akn_options opts = RESDIFF_AKN_OPTIONS_INIT;
	resdiff_buf older = RESDIFF_BUF_INIT, newer = RESDIFF_BUF_INIT;
	resdiff_doc *back;
	size_t i, mods = 0, want[RESDIFF_REL_COUNT] = { 0 };
	char count[32], *op6;

	resdiff_doc_set_meta(a, &a->meta.date, "2009-07-24");
	resdiff_doc_set_meta(b, &b->meta.date, "2017-07-06");
	assert_int_equal(resdiff_align(&al, a, b, NULL), 0);
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (c->relation != RESDIFF_REL_UNCHANGED || c->moved || c->renumbered) {
			mods++;
			want[c->relation]++;
		}
	}
	opts.next = al;
	assert_int_equal(resdiff_render_doc_akn(&older, a, &opts), 0);
	opts.next = NULL;
	opts.previous = al;
	assert_int_equal(resdiff_render_doc_akn(&newer, b, &opts), 0);
	assert_valid(&older, "older member");
	assert_valid(&newer, "newer member");
	snprintf(count, sizeof(count), "%zu", mods);
	assert_xpath(&older, "count(//a:passiveModifications/a:textualMod)", count);
	assert_xpath(&newer, "count(//a:activeModifications/a:textualMod)", count);
	snprintf(count, sizeof(count), "%zu", want[RESDIFF_REL_ADDED]);
	assert_xpath(&newer, "count(//a:textualMod[@type='insertion'])", count);
	snprintf(count, sizeof(count), "%zu", want[RESDIFF_REL_DROPPED]);
	assert_xpath(&newer, "count(//a:textualMod[@type='repeal'])", count);
	snprintf(count, sizeof(count), "%zu", want[RESDIFF_REL_REWORDED]);
	assert_xpath(&older, "count(//a:textualMod[@type='substitution'])", count);
	/* 2009/7 OP6 became 2017/21 OP21 (docs/PROVENANCE.md) */
	assert_xpath(&older, "string(//a:textualMod[a:destination/@href='#para_6']/a:source/@href)",
		"/akn/un/statement/deliberation/ecosoc/2017-07-06/2017-21/zho@/!main~para_21");
	assert_xpath(&newer, "string(//a:textualMod[a:source/@href='#para_21']/a:destination/@href)",
		"/akn/un/statement/deliberation/ecosoc/2009-07-24/2009-7/zho@/!main~para_6");
	op6 = xpath(&older, "string(//a:textualMod[a:destination/@href='#para_6']/@type)");
	assert_string_equal(op6, "substitution");
	xmlFree(op6);
	/* the modifications are the series' business: reading ignores them */
	back = akn_read(&newer, "newer member");
	test_assert_docs_equal(b, back);
	resdiff_doc_free(back);
	resdiff_alignment_free(al);
	resdiff_buf_dispose(&older);
	resdiff_buf_dispose(&newer);
	resdiff_doc_free(a);
	resdiff_doc_free(b);
}

/* The command line: export, import --format=akn and `format = akn` in a
 * manifest; hostile files are exit 2 with one line naming the file and
 * line, and nothing is written. */
static void test_akn__command_line(void **state)
{
	char *dir = test_tmpdir(), *out, *before, *after;
	int status;

	assert_int_equal(test_system("cd '%s' && '%s' init '%s/r' >/dev/null && '%s' -C '%s/r' import -q "
		"--manifest corpus/corpus.manifest >/dev/null && '%s' init '%s/s' >/dev/null",
		RESDIFF_SOURCE_DIR, RESDIFF_BINARY, dir, RESDIFF_BINARY, dir, RESDIFF_BINARY, dir), 0);
	/* export of a stored symbol, import of it through a manifest, export again */
	assert_int_equal(test_system("'%s' -C '%s/r' export 2009/7 -o '%s/a.xml'", RESDIFF_BINARY, dir, dir), 0);
	out = test_capture(&status, "cd '%s' && printf '[document \"a\"]\\n\\tsymbol = E/RES/2009/7\\n"
		"\\tlanguage = zh\\n\\tsource = a.xml\\n\\tformat = akn\\n' >m.manifest && "
		"'%s' -C s import --manifest m.manifest 2>&1", dir, RESDIFF_BINARY);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "added     E/RES/2009/7 (zh) 62 units"));
	free(out);
	assert_int_equal(test_system("'%s' -C '%s/s' export E/RES/2009/7 -o '%s/b.xml' && cmp -s '%s/a.xml' '%s/b.xml'",
		RESDIFF_BINARY, dir, dir, dir, dir), 0);
	/* the source hash is the XML's */
	out = test_capture(&status, "cd '%s' && git -C s log -1 --format=%%B record | grep Source-SHA256 | "
		"cut -d' ' -f2; sha256sum a.xml | cut -d' ' -f1", dir);
	assert_int_equal(status, 0);
	assert_true(strlen(out) == 130 && !strncmp(out, out + 65, 64));
	free(out);
	/* hostile input: exit 2, one line, nothing written */
	before = test_capture(&status, "git -C '%s/s' for-each-ref", dir);
	out = test_capture(&status, "cd '%s' && printf '<?xml version=\"1.0\"?>\\n<!DOCTYPE a [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]>\\n<a>&x;</a>\\n' >x.xml && '%s' -C s import --format=akn x.xml 2>&1",
		dir, RESDIFF_BINARY);
	assert_int_equal(status, 2);
	assert_string_equal(out, "resdiff: x.xml: line 2: a document type declaration is refused (Akoma "
		"Ntoso has none, and no entity is ever expanded); nothing was imported\n");
	free(out);
	out = test_capture(&status, "cd '%s' && cp a.xml t.xml && printf '<p>' >>t.xml && "
		"'%s' -C s import --format=akn t.xml 2>&1", dir, RESDIFF_BINARY);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "resdiff: t.xml: line "));
	assert_non_null(strstr(out, "not well-formed XML"));
	free(out);
	after = test_capture(&status, "git -C '%s/s' for-each-ref", dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* a write that fails (here a file size limit, as a full disk) leaves
	 * the previous export as it was and no other file: it used to leave
	 * the first few KiB of the new one in its place */
	out = test_capture(&status, "cd '%s' && cp a.xml keep.xml && sh -c \"trap '' XFSZ; ulimit -f 8; "
		"exec '%s' -C r export 2009/7 -o a.xml\" 2>&1; echo \"exit $?\"; cmp a.xml keep.xml && "
		"ls | grep -c a.xml", dir, RESDIFF_BINARY);
	assert_non_null(strstr(out, "resdiff: a.xml: write error: "));
	assert_non_null(strstr(out, "exit 2\n1\n"));
	free(out);
	/* --series into a file: said so, nothing written */
	out = test_capture(&status, "'%s' -C '%s/r' export --series ecosoc-wsis -o '%s/a.xml' 2>&1",
		RESDIFF_BINARY, dir, dir);
	assert_int_equal(status, 2);
	assert_non_null(strstr(out, "a.xml: not a directory (--series writes one file per member"));
	free(out);
	/* an unknown series: exit 2, and no directory made */
	out = test_capture(&status, "'%s' -C '%s/r' export --series no-such -o '%s/none' 2>&1; ls -d '%s/none' 2>&1",
		RESDIFF_BINARY, dir, dir, dir);
	assert_non_null(strstr(out, "resdiff: no series 'no-such'"));
	assert_non_null(strstr(out, "No such file or directory"));
	free(out);
	/* a series: one file per member */
	out = test_capture(&status, "'%s' -C '%s/r' export --series ecosoc-wsis -o '%s/series' && ls '%s/series'",
		RESDIFF_BINARY, dir, dir, dir);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "E_RES_2009_7.zh.xml\nE_RES_2017_21.zh.xml\n"));
	free(out);
	test_system("rm -rf '%s'", dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_akn__every_text_round_trips),
		cmocka_unit_test(test_akn__articles),
		cmocka_unit_test(test_akn__built_documents_round_trip),
		cmocka_unit_test(test_akn__draft_of_round_trips),
		cmocka_unit_test(test_akn__footnotes_in_every_placement),
		cmocka_unit_test(test_akn__odd_documents_round_trip),
		cmocka_unit_test(test_akn__refuses_what_xml_cannot_carry),
		cmocka_unit_test(test_akn__hostile_xml_is_refused),
		cmocka_unit_test(test_akn__foreign_file_keeps_its_text),
		cmocka_unit_test(test_akn__series_modifications),
		cmocka_unit_test(test_akn__command_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
