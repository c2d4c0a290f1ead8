/* check_misread.c: a resolution the parser read as something else.
 *
 * Two failures pass every other check, since the text is all there, only
 * in the wrong place (kind "misread", docs/CHECK.md):
 *
 * - a resolution read as a report: the parser found no chapeau, so the
 *   recitals and operative paragraphs became a report's blocks and
 *   numbered paragraphs (B1, P1 …). Most of them open as clauses do;
 *   a report's paragraphs rarely do ("The Secretary-General …", "In its
 *   resolution …");
 * - clauses swallowed by the front matter: the chapeau or the start of
 *   the body was found too late, and recitals before it went into the
 *   metadata. A front-matter block that opens as a clause does and ends
 *   as one (a comma, a semicolon, a full stop) is such a recital; a title
 *   that opens with a gerund ("Taking forward …") ends with no
 *   punctuation.
 *
 * "Opens as a clause does" is the language file's word lists, through
 * resdiff/lang.h: a verb of leading-words, after any leading-modifiers
 * ("Recalling", "Also requests", "又请"), or an entry of either verb
 * ladder, in the document's language (in every language of the table
 * when the text does not clearly say its own, as the parser finds every
 * language's words in any text). No word of any language is in this
 * file.
 *
 * Linear: each unit's opening (at most MISREAD_PREFIX_BYTES) and each
 * front line are read once. */
#include "resdiff/check.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Bytes of a paragraph read for its opening verb: the longest entry of
 * the lists is a few words (diff_verbs.c reads as many). */
#define MISREAD_PREFIX_BYTES 160
/* A report is asked whether it reads as a resolution only with this many
 * paragraphs (B and P units) or more: two paragraphs prove nothing. */
#define MISREAD_MIN_PARAGRAPHS 3
/* ... and it does when at least this per cent of them open as clauses
 * ("most of them"). Set on the texts of the training sweep (docs/CHECK.md,
 * "Misread"): the two Secretary-General reports of corpus/ have 1.2 % and
 * 2 %, the resolutions cut to read as reports 50 % (one) and 67 % to
 * 100 % (the others). */
#define MISREAD_CLAUSE_PERCENT 50
/* A footnote marker at the end of a front line has at most this many
 * characters ("123", "***"), as the parser reads one (parse_meta.c). */
#define MISREAD_MARKER_CHARS 3
/* Bytes of the opening verb quoted in a message. */
#define MISREAD_QUOTE_BYTES 48

/* The languages whose word lists are asked, each with its lexicon. */
typedef struct {
	const resdiff_lang **lang;
	resdiff_lang_lexicon **lx;
	size_t count;
	resdiff_buf key;
} opener;

/* Does text[0..len) open as a clause does? *verb_len receives the bytes of
 * the opening verb in o->key (0: it does not). */
static int opens_clause(size_t *verb_len, opener *o, const char *text, size_t len)
{
	size_t matched = 0, k;
	int error;

	*verb_len = 0;
	if (len > MISREAD_PREFIX_BYTES) {  /* cut at a character boundary */
		len = MISREAD_PREFIX_BYTES;
		while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	resdiff_buf_clear(&o->key);
	if ((error = resdiff_compare_key(&o->key, text, len, RESDIFF_KEY_WORDS)) < 0)
		return error;
	for (k = 0; k < o->count && !matched; k++) {
		const resdiff_lang *lang = o->lang[k];
		if (!(matched = resdiff_lang_lexicon_leading(o->lx[k], lang, o->key.ptr, o->key.size)) &&
		    !resdiff_lang_ladder_match(lang, RESDIFF_SECTION_OPERATIVE_LADDER, o->key.ptr,
				o->key.size, &matched))
			resdiff_lang_ladder_match(lang, RESDIFF_SECTION_PREAMBULAR_LADDER, o->key.ptr,
				o->key.size, &matched);
	}
	*verb_len = matched;
	return 0;
}

/* The opening verb as a message quotes it. */
static const char *quoted(char out[MISREAD_QUOTE_BYTES + 1], const opener *o, size_t verb_len)
{
	size_t n = verb_len < MISREAD_QUOTE_BYTES ? verb_len : MISREAD_QUOTE_BYTES;
	while (n && n < verb_len && ((unsigned char)o->key.ptr[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, o->key.ptr, n);
	out[n] = '\0';
	return out;
}

/* Rule 1: a document read as a report (or as nothing) whose paragraphs
 * mostly open as clauses. */
static int report_of_clauses(resdiff_findings *f, opener *o, const resdiff_doc *doc,
		const char *file, const char *const *accept)
{
	const resdiff_unit *first = NULL;
	char verb[MISREAD_QUOTE_BYTES + 1] = "";
	size_t i, paragraphs = 0, clauses = 0, n;
	int error;

	if (doc->meta.kind && strcmp(doc->meta.kind, "report"))
		return 0;  /* a resolution or a draft: check_shape asks for its operative part */
	for (i = 0; i < doc->unit_count; i++) {
		const resdiff_unit *u = &doc->units[i];
		if (u->kind != RESDIFF_UNIT_PARAGRAPH && u->kind != RESDIFF_UNIT_BLOCK)
			continue;
		paragraphs++;
		if ((error = opens_clause(&n, o, u->text, strlen(u->text))) < 0)
			return error;
		if (!n)
			continue;
		if (!clauses++) {
			first = u;
			quoted(verb, o, n);
		}
	}
	if (!first || paragraphs < MISREAD_MIN_PARAGRAPHS ||
	    clauses * 100 < paragraphs * MISREAD_CLAUSE_PERCENT)
		return 0;
	return resdiff_check_add(f, file, first->line, "misread", accept, "read as a %s, but %zu of "
		"its %zu paragraphs open as clauses do (%s \"%s\"): a resolution whose chapeau "
		"was not found", doc->meta.kind ? doc->meta.kind : "document", clauses, paragraphs,
		first->id, verb);
}

/* The length of a front line without a footnote marker at its end ("… on
 * the issue,1", "成果文件，¹", "session;*"): up to MISREAD_MARKER_CHARS
 * digits of any script (ICU's decimal and other numbers: superscripts) or
 * stars. The front matter is read before the markers are taken out. */
static size_t without_marker(const char *s, size_t len)
{
	size_t end = len, n = 0;
	while (end > 0 && n < MISREAD_MARKER_CHARS) {
		size_t k = end - 1, adv;
		int32_t cp;
		int8_t type;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		cp = resdiff_utf8_decode(s + k, end - k, &adv);
		type = cp > 0 ? u_charType((UChar32)cp) : U_UNASSIGNED;
		if (cp != '*' && type != U_DECIMAL_DIGIT_NUMBER && type != U_OTHER_NUMBER)
			break;
		end = k;
		n++;
	}
	return end;
}

/* Does the front line end a clause, a footnote marker after the clause
 * end looked through? */
static bool front_line_ends_clause(const char *s)
{
	size_t len = strlen(s);
	return resdiff_text_ends_clause(s, len) || resdiff_text_ends_clause(s, without_marker(s, len));
}

/* Rule 2: front-matter blocks that open and end as clauses. Blocks are
 * cut as the parser cuts a body pasted without its chapeau (parse_meta.c,
 * find_headless_recital): one ends at a line that ends a clause, and a new
 * one starts after that, or after a blank line at a line that opens a
 * clause (extractions put a blank line between the wrapped lines of one
 * paragraph). Page debris is looked through; any line that is not front
 * matter ends the run. One finding per document, at the first block. */
static int clauses_in_front(resdiff_findings *f, opener *o, const resdiff_parse_trace *trace, const char *file, const char *const *accept)
{
	char verb[MISREAD_QUOTE_BYTES + 1] = "", start_quote[MISREAD_QUOTE_BYTES + 1] = "";
	size_t i, start = 0, blocks = 0, first = 0, start_verb = 0;
	bool open = false, blank = false;
	int error;

	for (i = 0; i < trace->line_count; i++) {
		const resdiff_line_trace *l = &trace->lines[i];
		size_t verb_len;
		if (l->role == RESDIFF_LINE_DEBRIS)
			continue;
		if (l->role == RESDIFF_LINE_BLANK) {
			blank = true;
			continue;
		}
		if (l->role != RESDIFF_LINE_FRONT) {
			open = false;
			continue;
		}
		if ((error = opens_clause(&verb_len, o, l->text, strlen(l->text))) < 0)
			return error;
		if (!open || (blank && verb_len)) {
			open = true;
			start = i;
			start_verb = verb_len;
			if (verb_len && !blocks)
				quoted(start_quote, o, verb_len);
		}
		blank = false;
		if (!front_line_ends_clause(l->text))
			continue;
		/* the block [start, i] is whole */
		open = false;
		if (start_verb && !blocks++) {
			first = start;
			memcpy(verb, start_quote, sizeof(verb));
		}
	}
	if (!blocks)
		return 0;
	return resdiff_check_add(f, file, first + 1, "misread", accept, "%zu front-matter "
		"block%s open%s and end%s as a clause (\"%s\" …): the body was found too late and "
		"its first clauses went into the metadata", blocks, blocks == 1 ? "" : "s",
		blocks == 1 ? "s" : "", blocks == 1 ? "s" : "", verb);
}

/* The document's language; every language of the table when the text
 * does not clearly say it is in that one (a short text, a detection that
 * could be wrong: docs/LANGUAGES.md, "What the text says"), the
 * document's first. */
static int opener_init(opener *o, const resdiff_doc *doc)
{
	const char *code = doc->meta.language;
	bool sure = code && doc->text_language && !strcmp(code, doc->text_language);
	size_t n = resdiff_lang_count(), i;
	int error;

	memset(o, 0, sizeof(*o));
	if (!(o->lang = calloc(n + 1, sizeof(*o->lang))) || !(o->lx = calloc(n + 1, sizeof(*o->lx))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	if (resdiff_lang_known(code))
		o->lang[o->count++] = resdiff_lang_get(code);
	for (i = 0; i < n && !sure; i++)
		if (!code || strcmp(resdiff_lang_at(i)->code, code))
			o->lang[o->count++] = resdiff_lang_at(i);
	for (i = 0; i < o->count; i++)
		if ((error = resdiff_lang_lexicon_new(&o->lx[i], o->lang[i])) < 0)
			return error;
	return 0;
}

static void opener_dispose(opener *o)
{
	size_t i;
	for (i = 0; o->lx && i < o->count; i++)
		resdiff_lang_lexicon_free(o->lx[i]);
	free(o->lx);
	free(o->lang);
	resdiff_buf_dispose(&o->key);
}

int resdiff_check_misread(resdiff_findings *f, const resdiff_doc *doc,
		const resdiff_parse_trace *trace, const char *file, const char *const *accept)
{
	opener o;
	int error;

	if ((error = opener_init(&o, doc)) < 0 ||
	    (error = report_of_clauses(f, &o, doc, file, accept)) < 0)
		goto done;
	if (trace)
		error = clauses_in_front(f, &o, trace, file, accept);
done:
	opener_dispose(&o);
	return error;
}
