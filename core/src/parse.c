/* parse.c: UN document text to resdiff_doc. The driver: it runs the
 * passes in order, each in its own file, and they never call back up:
 *
 *   parse_lines.c   bytes -> lines; page debris
 *   parse_meta.c    front matter, chapeau, closing lines, metadata
 *   parse_notes.c   footnote bodies and markers; the document's footnotes
 *   parse_blocks.c  lines -> blocks (paragraph joining)
 *   parse_units.c   blocks -> units (ids, numbering diagnostics)
 *
 * docs/PARSE.md describes the rules. */
#include "memory.h"
#include "parse_state.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A file of unknown size is read this much at a time. */
#define FILE_READ_CHUNK ((size_t)64 * 1024)

int resdiff_file_read(char **out, size_t *len, const char *path)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	FILE *f;
	struct stat sb;
	size_t n, room;
	int error = 0;

	*out = NULL;
	*len = 0;
	if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return resdiff_error_set(RESDIFF_EINVALID, "%s: is a directory", path);
	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return resdiff_error_set(errno == ENOENT ? RESDIFF_ENOTFOUND : RESDIFF_EIO,
			"%s: %s", path, strerror(errno));
	/* A regular file is read into one buffer of its size, whose pages are
	 * mapped in one call (memory.h); a pipe, or a file that grows, into
	 * a buffer that grows by FILE_READ_CHUNK. At most one byte past
	 * RESDIFF_PARSE_MAX_INPUT is read, to know that it is too large. */
	if (f != stdin && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
	    (uint64_t)sb.st_size <= RESDIFF_PARSE_MAX_INPUT) {
		if ((error = resdiff_buf_grow(&buf, (size_t)sb.st_size + 1)) < 0)
			goto done;
		memory_populate(buf.ptr, (size_t)sb.st_size + 1);
	}
	for (;;) {
		if (buf.asize - buf.size < 2 &&
		    (error = resdiff_buf_grow(&buf, buf.size + FILE_READ_CHUNK)) < 0)
			goto done;
		room = buf.asize - buf.size - 1;
		if (room > (size_t)RESDIFF_PARSE_MAX_INPUT + 1 - buf.size)
			room = (size_t)RESDIFF_PARSE_MAX_INPUT + 1 - buf.size;
		if (!(n = fread(buf.ptr + buf.size, 1, room, f)))
			break;
		buf.size += n;
		if (buf.size > RESDIFF_PARSE_MAX_INPUT) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "%s: larger than %u MiB",
				path, RESDIFF_PARSE_MAX_INPUT / (1024 * 1024));
			goto done;
		}
	}
	if (ferror(f)) {
		error = resdiff_error_set(RESDIFF_EIO, "%s: read error", path);
		goto done;
	}
	if ((error = resdiff_buf_put(&buf, "", 0)) < 0)
		goto done;
	*len = buf.size;
	*out = resdiff_buf_detach(&buf);
done:
	if (f != stdin)
		fclose(f);
	resdiff_buf_dispose(&buf);
	return error;
}

/* Letters of a text before its language guess is doubted aloud. */
#define LANGUAGE_EVIDENCE_LETTERS 400

/* A warning when the text's script is not its language's, or when no
 * function word of any language of its script is in it (a language
 * resdiff does not read, taken for the first of that script). */
static int check_language(parse_state *st, const resdiff_text_guess *g, bool given)
{
	const resdiff_script *script = resdiff_script_get((resdiff_script_id)g->script);
	if (g->letters < LANGUAGE_EVIDENCE_LETTERS)
		return 0;
	if (given && script != st->lang->script)
		return resdiff_doc_add_diag(st->doc, 0, "the text is written in %c%s script, not in the "
			"%c%s script of %s, the language given for it", toupper((unsigned char)script->name[0]),
			script->name + 1, toupper((unsigned char)st->lang->script->name[0]),
			st->lang->script->name + 1, st->lang->name);
	if (!given && g->candidates > 1 && g->words == 0)
		return resdiff_doc_add_diag(st->doc, 0, "no common word of any language of the %c%s "
			"script that resdiff reads was found: read as %s; name its language "
			"if that is wrong", toupper((unsigned char)script->name[0]), script->name + 1,
			st->lang->name);
	return 0;
}

/* What the text says of itself (resdiff_doc.text_*, docs/LANGUAGES.md
 * "What the text says"): its script once it has LANGUAGE_EVIDENCE_LETTERS
 * letters; its language when, besides, that is the only language of the
 * script, or its function words number at least LANGUAGE_EVIDENCE_WORDS
 * and LANGUAGE_EVIDENCE_RATIO times those of every other language of the
 * script (an English text has hundreds of "the", "of", "and" and next to
 * no "les", "des", "los"; a text of a Latin-script language resdiff does
 * not read has few of any, and says only its script); the date it states. */
#define LANGUAGE_EVIDENCE_WORDS 20
#define LANGUAGE_EVIDENCE_RATIO 5
static void note_evidence(parse_state *st, const resdiff_text_guess *g)
{
	resdiff_doc *doc = st->doc;
	doc->text_date = doc->meta.date;
	if (g->letters < LANGUAGE_EVIDENCE_LETTERS)
		return;
	doc->text_script = resdiff_script_get((resdiff_script_id)g->script)->name;
	if (g->candidates == 1 || (g->words >= LANGUAGE_EVIDENCE_WORDS &&
	    g->words >= LANGUAGE_EVIDENCE_RATIO * g->runner_up_words))
		doc->text_language = g->code;
}

/* A paragraph or footnote of joined lines over RESDIFF_PARSE_MAX_UNIT
 * could be stored but never compared: refused here, where the line is
 * known. */
static int check_unit_sizes(const parse_state *st)
{
	const resdiff_doc *doc = st->doc;
	size_t i;
	for (i = 0; i < doc->unit_count; i++)
		if (strlen(doc->units[i].text) > RESDIFF_PARSE_MAX_UNIT)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"%s: line %zu: paragraph %s is longer than %u MiB", st->source,
				doc->units[i].line, doc->units[i].id, RESDIFF_PARSE_MAX_UNIT >> 20);
	for (i = 0; i < doc->footnote_count; i++)
		if (strlen(doc->footnotes[i].text) > RESDIFF_PARSE_MAX_UNIT)
			return resdiff_error_set(RESDIFF_ETOOBIG,
				"%s: line %zu: footnote %s is longer than %u MiB", st->source,
				doc->footnotes[i].line, doc->footnotes[i].label, RESDIFF_PARSE_MAX_UNIT >> 20);
	return 0;
}

int resdiff_parse_traced(resdiff_doc **out, resdiff_parse_trace **trace, const char *text,
		size_t len, const resdiff_parse_options *opts)
{
	parse_state st;
	block_list bl = { NULL, 0, 0 };
	resdiff_text_guess guess;
	const char *lang;
	size_t i, bom;
	int error;

	*out = NULL;
	if (trace)
		*trace = NULL;
	memset(&st, 0, sizeof(st));
	st.source = opts && opts->source ? opts->source : "<input>";
	if ((error = resdiff_lang_load()) < 0 || (error = resdiff_doc_new(&st.doc)) < 0)
		return error;
	if (!(st.scratch = resdiff_arena_new())) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	if (opts && opts->language && !resdiff_text_language_valid(opts->language)) {
		error = resdiff_error_set(RESDIFF_EINVALID, "unknown language '%s'", opts->language);
		goto done;
	}
	if ((error = parse_split_lines(&st, text, len)) < 0)
		goto done;
	bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	resdiff_text_guess_language(&guess, text + bom, len - bom);
	lang = opts && opts->language ? opts->language : guess.code;
	if ((error = resdiff_doc_set_meta(st.doc, &st.doc->meta.language, lang)) < 0)
		goto done;
	st.lang = resdiff_lang_get(st.language = st.doc->meta.language);
	if ((error = check_language(&st, &guess, opts && opts->language)) < 0)
		goto done;
	parse_mark_debris(&st);
	if ((error = parse_front_matter(&st)) < 0 ||
	    (error = parse_end_matter(&st)) < 0 ||
	    (error = parse_footnotes(&st)) < 0 ||
	    (error = parse_assemble(&st, &bl)) < 0 ||
	    (error = parse_build_units(&st, &bl)) < 0 ||
	    (error = parse_footnotes_emit(&st)) < 0)
		goto done;
	if (st.doc->unit_count == 0) {
		/* a file of no text says what it holds ("only a UTF-8
		 * byte-order mark, bytes 0-2: no text"), not just that no paragraph was found */
		char blank[128];
		bool is_blank = resdiff_text_describe_blank(blank, sizeof(blank), text, len);
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: no recognisable paragraphs%s%s%s",
			st.source, is_blank ? " (" : "", is_blank ? blank : "", is_blank ? ")" : "");
		goto done;
	}
	if ((error = check_unit_sizes(&st)) < 0 ||
	    (trace && (error = parse_trace_build(trace, &st, &bl)) < 0))
		goto done;
	note_evidence(&st, &guess);
	*out = st.doc;
	st.doc = NULL;
done:
	parse_blocks_dispose(&bl);
	for (i = 0; i < st.note_count; i++)
		resdiff_buf_dispose(&st.notes[i].text);
	free(st.notes);
	free(st.index);
	free(st.lines);
	resdiff_arena_free(st.scratch);
	resdiff_doc_free(st.doc);
	return error;
}

int resdiff_parse(resdiff_doc **out, const char *text, size_t len,
		const resdiff_parse_options *opts)
{
	return resdiff_parse_traced(out, NULL, text, len, opts);
}
