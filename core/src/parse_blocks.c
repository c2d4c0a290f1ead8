/* parse_blocks.c: main-text lines joined into blocks, one per paragraph or
 * heading: where a new paragraph starts (labels, clause ends, blank lines,
 * indentation, page breaks) and which footnote markers it carries.
 * docs/PARSE.md, "Joining lines". */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* Footnote marker lines kept before the first paragraph. */
#define PENDING_MARKERS_MAX 16
/* A line with more characters than this (spaces not counted) is longer
 * than any page is wide (about 80 on a UN page): text with such
 * lines puts one paragraph on a line. */
#define LONG_LINE_LATIN 120
#define LONG_LINE_CJK 60

int parse_block_marker(block *b, size_t pos, const char *label)
{
	if (b->marker_count == b->marker_alloc) {
		size_t n = b->marker_alloc ? b->marker_alloc * 2 : 4;
		line_marker *p = realloc(b->markers, n * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		b->markers = p;
		b->marker_alloc = n;
	}
	b->markers[b->marker_count].pos = pos;
	b->markers[b->marker_count].label = label;
	b->marker_count++;
	return 0;
}

/* The joiner's state as it walks the main-text lines. */
typedef struct {
	parse_state *st;
	block_list *bl;
	block *cur;           /* the block being joined, or NULL before the first */
	size_t typical;       /* characters in a typical full line */
	size_t blanks;        /* blank lines since the last text line */
	bool page_break;      /* page debris or footnotes since the last text line */
	bool after_marker;    /* a marker line right before this one */
	bool after_chapeau;   /* a declaration's chapeau stood since the last text line */
	int last_num;         /* last paragraph number that started a block */
	const char *pending[PENDING_MARKERS_MAX]; /* marker lines before the first block */
	size_t npending;
} joiner;

/* Append line text from byte `from` (after a label) to the current block. */
static int block_add_line(joiner *j, parse_line *l, size_t from)
{
	block *b = j->cur;
	size_t base, k;
	int error;

	l->block = (int)(b - j->bl->blocks);
	if (l->cut_len && l->marker_count == 0 && l->cut_at >= from &&
	    (size_t)l->cut_at + l->cut_len <= l->len) {
		/* the chapeau inside the line went to the metadata */
		resdiff_buf rest = RESDIFF_BUF_INIT;
		if ((error = resdiff_buf_put(&rest, l->text + from, l->cut_at - from)) < 0 ||
		    (error = resdiff_buf_put(&rest, l->text + l->cut_at + l->cut_len,
				l->len - l->cut_at - l->cut_len)) < 0 ||
		    (error = parse_join(&b->raw, rest.ptr, rest.size)) < 0) {
			resdiff_buf_dispose(&rest);
			return error;
		}
		resdiff_buf_dispose(&rest);
		b->nlines++;
		b->last = l;
		return 0;
	}
	if ((error = parse_join(&b->raw, l->text + from, l->len - from)) < 0)
		return error;
	base = b->raw.size - (l->len - from);
	for (k = 0; k < l->marker_count; k++) {
		size_t p = l->markers[k].pos >= from ? base + l->markers[k].pos - from : base;
		if ((error = parse_block_marker(b, p, l->markers[k].label)) < 0)
			return error;
	}
	b->nlines++;
	b->last = l;
	return 0;
}

static block *block_new(block_list *bl, size_t line)
{
	block *b;
	if (bl->count == bl->alloc) {
		size_t n = bl->alloc ? bl->alloc * 2 : 64;
		block *p = realloc(bl->blocks, n * sizeof(*p));
		if (!p)
			return NULL;
		bl->blocks = p;
		bl->alloc = n;
	}
	b = &bl->blocks[bl->count++];
	memset(b, 0, sizeof(*b));
	b->line = line;
	b->unit = b->into = -1;
	return b;
}

void parse_blocks_dispose(block_list *bl)
{
	size_t i;
	for (i = 0; i < bl->count; i++) {
		resdiff_buf_dispose(&bl->blocks[i].raw);
		free(bl->blocks[i].markers);
	}
	free(bl->blocks);
}


/* Spacing of this extraction: are blank lines paragraph breaks, and are
 * paragraph starts indented? */
static void measure_layout(parse_state *st, size_t *typical)
{
	size_t i, pairs = 0, spaced = 0, text = 0, indented = 0, prev = (size_t)-1;
	size_t hist[64] = { 0 }, ends[64] = { 0 }, best = 0, k, long_lines = 0, near, near_ends;
	bool blank = false;

	for (i = st->body_start; i < st->count; i++) {
		const parse_line *l = &st->lines[i];
		bool cjk;
		if (l->cls == LINE_BLANK) {
			blank = true;
			continue;
		}
		if (l->cls != LINE_TEXT) {
			prev = (size_t)-1;
			blank = false;
			continue;
		}
		text++;
		indented += l->indent > 0;
		k = parse_visible_chars(l->text, l->len, &cjk);
		long_lines += k > (cjk ? LONG_LINE_CJK : LONG_LINE_LATIN);
		k /= 4;
		hist[k < 63 ? k : 63]++;
		ends[k < 63 ? k : 63] += parse_ends_clause(l->text, l->len);
		if (prev != (size_t)-1) {
			pairs++;
			spaced += blank;
		}
		prev = i;
		blank = false;
	}
	st->double_spaced = pairs > 0 && spaced * 10 > pairs * 7;
	/* one line per paragraph: many lines far longer than any page is
	 * wide (whatever their lengths have in common), few blank lines
	 * between them */
	st->line_paragraphs = !st->double_spaced && long_lines * 4 >= text && spaced * 2 < pairs;
	st->indent_signal = text > 0 && indented * 10 >= text && indented * 10 <= text * 8;
	/* typical full line: the most common length bucket among long lines */
	for (k = 4; k < 63; k++)
		if (hist[k] > hist[best] || best < 4)
			best = k;
	*typical = best * 4 + 2;
	/* hard-wrapped text has many lines of about that width, and most of
	 * them are cut mid-sentence: lines of one width that each end a
	 * clause are paragraphs that happen to be alike (a short text typed
	 * one paragraph a line), not wraps */
	near = hist[best] + (best > 0 ? hist[best - 1] : 0) + hist[best + 1];
	near_ends = ends[best] + (best > 0 ? ends[best - 1] : 0) + ends[best + 1];
	st->wrapped = text > 0 && near * 10 >= text * 4 && near_ends * 2 <= near;
}

/* Is line i the first of a new paragraph (given the previous text)? */
static bool starts_block(const parse_state *st, size_t i, const label_t *lab)
{
	const parse_line *l = &st->lines[i];
	return lab->kind != LABEL_NONE || (st->double_spaced && st->indent_signal && l->indent > 0);
}

static size_t next_text_line(const parse_state *st, size_t i)
{
	for (i++; i < st->count; i++)
		if (st->lines[i].cls == LINE_TEXT)
			return i;
		else if (st->lines[i].cls == LINE_CHAPEAU || st->lines[i].cls == LINE_END)
			break;
	return st->count;
}

/* Does the text line after i start with paragraph number n? */
static bool next_number_is(const parse_state *st, size_t i, int n)
{
	size_t k = next_text_line(st, i);
	label_t lab;
	if (k >= st->count)
		return false;
	parse_label_detect(&lab, st->lines[k].text, st->lines[k].len, st->lang);
	return lab.kind == LABEL_NUMBER && lab.number == n;
}


/* The block's text as a heading (read at most HEADING_MAX_BYTES: this is
 * asked again at every labelled line of a long paragraph). */
static bool cur_heading_shaped(joiner *j)
{
	const block *b = j->cur;
	j->st->work += b->raw.size < HEADING_MAX_BYTES ? b->raw.size : HEADING_MAX_BYTES;
	return parse_heading_shaped(b->raw.ptr, b->raw.size);
}

/* A labelled line inside a paragraph: a new paragraph unless the block
 * goes on mid-sentence ("... in\n2015. The"), or a letter follows a
 * clause that does not end. */
static bool label_breaks(joiner *j, const label_t *lab)
{
	const block *cur = j->cur;
	bool ends = parse_ends_clause(cur->raw.ptr, cur->raw.size);
	bool heading = cur_heading_shaped(j);
	if (lab->kind == LABEL_NUMBER && !ends && !heading && cur->raw.size > cur->label.len)
		return false;
	if (lab->kind == LABEL_HEADING && lab->number > 0)
		return ends; /* a bare "IV" after a clause that goes on ("annex\nII\nto") is text */
	return ends || heading || lab->kind != LABEL_SUB;
}

/* Double-spaced text where paragraph starts are indented: the indent
 * decides, or a short heading-shaped line before a paragraph start. */
static bool indent_breaks(joiner *j, size_t i)
{
	const parse_state *st = j->st;
	const parse_line *l = &st->lines[i];
	size_t n = next_text_line(st, i);
	label_t nl;
	bool cjk;
	/* the line right after a marker line is indented by the extraction,
	 * not by the author */
	if (l->indent > 0 && !j->after_marker)
		return true;
	if (parse_heading_shaped(l->text, l->len) &&
	    parse_visible_chars(l->text, l->len, &cjk) * 4 < j->typical * 3 && n < st->count) {
		parse_label_detect(&nl, st->lines[n].text, st->lines[n].len, st->lang);
		return starts_block(st, n, &nl);
	}
	return false;
}

/* "…relevant stakeholders,\nReaffirming also that …": no blank line, but
 * the line before ends a clause well short of the typical width and this
 * one opens with a capitalised clause opener (leading-words). */
static bool opener_after_short_line(const joiner *j, const parse_line *l)
{
	bool cjk;
	uint32_t c = parse_first_cp(l->text, l->len);
	return j->typical > 0 && j->cur->last &&
		parse_visible_chars(j->cur->last->text, j->cur->last->len, &cjk) * 4 < j->typical * 3 &&
		u_isupper((UChar32)c) && parse_opens_with(l->text, l->len, RESDIFF_SECTION_LEADING_WORDS);
}

/* An unlabelled line after a clause end or a one-line heading: the layout
 * decides (blank lines, indentation, line length), and across a page
 * break only a line that looks like a paragraph start begins one. */
static bool layout_breaks(joiner *j, size_t i)
{
	const parse_state *st = j->st;
	const parse_line *l = &st->lines[i];
	const block *cur = j->cur;
	bool ends = parse_ends_clause(cur->raw.ptr, cur->raw.size);
	bool cjk, brk;
	bool heading_block = cur->nlines == 1 && (cur->label.kind == LABEL_NONE ||
		cur->label.kind == LABEL_HEADING) && cur_heading_shaped(j) &&
		(!st->double_spaced ||
		 parse_visible_chars(cur->raw.ptr, cur->raw.size, &cjk) * 4 < j->typical * 3);

	/* "II" / "Strategic heritage plan of the United Nations Office at
	 * Geneva" or a heading over two or three full lines: a labelled
	 * heading ends at a blank line whatever its length */
	bool label_heading = cur->label.kind == LABEL_HEADING && cur->raw.size &&
		!st->double_spaced && j->blanks > 0;

	/* "Noting that … a better" / page debris / "flow of information …":
	 * a one-line clause cut by a page break is no heading when it opens
	 * with a clause opener and the next page goes on in lower case */
	/* "Part I" / "Overall policymaking, direction and coordination", a
	 * blank line, "Section 1" / "…": an unlabelled heading wrapped over
	 * two or three lines ends at a blank line when a heading-shaped line
	 * follows; two headings stand apart */
	bool wrapped_unlabelled = !ends && cur->label.kind == LABEL_NONE && cur->nlines > 1 &&
		cur->nlines <= HEADING_WRAP_LINES_MAX && !st->double_spaced && j->blanks > 0 &&
		!j->page_break && cur_heading_shaped(j) &&
		u_isupper((UChar32)parse_first_cp(cur->raw.ptr, cur->raw.size)) &&
		u_isupper((UChar32)parse_first_cp(l->text, l->len)) &&
		parse_heading_shaped(l->text, l->len);

	if (wrapped_unlabelled)
		return true;
	if (!ends && heading_block && j->page_break && cur->label.kind == LABEL_NONE &&
	    u_islower((UChar32)parse_first_cp(l->text, l->len)) &&
	    parse_opens_with(cur->raw.ptr, cur->raw.size, RESDIFF_SECTION_LEADING_WORDS))
		return false;
	if (!ends && !heading_block && !label_heading)
		return false;
	if (st->double_spaced && st->indent_signal)
		brk = indent_breaks(j, i);
	else if (st->double_spaced)
		/* a full-width wrapped line ending a sentence does not end the
		 * paragraph */
		brk = !st->wrapped || !ends ||
		      parse_visible_chars(cur->last->text, cur->last->len, &cjk) * 10 < j->typical * 9;
	else
		brk = j->blanks > 0 || st->line_paragraphs || (ends && opener_after_short_line(j, l));
	if (brk && j->page_break && !heading_block && !st->indent_signal) {
		uint32_t c = parse_first_cp(l->text, l->len);
		brk = !u_islower((UChar32)c) && (u_isupper((UChar32)c) || !u_isalpha((UChar32)c) ||
						  resdiff_text_is_cjk(c));
	}
	return brk;
}

/* An article heading alone on its line ("Article 12", "Article 12.",
 * "Article 12 – Definitions"): its number, or 0. */
static int article_line(const parse_line *l)
{
	size_t end, k;
	int n = parse_article_heading(l->text, l->len, &end);
	if (!n)
		return 0;
	k = end;
	while (k < l->len && l->text[k] == ' ')
		k++;
	if (k == l->len || (k + 1 == l->len && l->text[k] == '.'))
		return n;
	if ((l->text[k] == '.' || l->text[k] == ':' || l->text[k] == '-' ||
	     !strncmp(l->text + k, "–", 3) || !strncmp(l->text + k, "—", 3)) &&
	    parse_heading_shaped(l->text, l->len))
		return n;
	return 0;
}

/* The lines of text in block b: a label alone on its first line ("II" or
 * "II." above the heading's text) is not one. */
static size_t text_lines(const parse_state *st, const block *b)
{
	const parse_line *first = &st->lines[b->line];
	return b->nlines - (b->nlines > 1 && b->label.len >= first->len);
}

/* The current block is one line of a labelled heading ("II. …") that
 * ends no clause and runs to near the typical width, with no blank line
 * after it: the heading wraps onto the next line. */
static bool wrapped_heading(const joiner *j)
{
	const block *cur = j->cur;
	bool cjk;
	return cur->label.kind == LABEL_HEADING && text_lines(j->st, cur) == 1 && j->blanks == 0 &&
		j->typical > 0 && cur->raw.size && !parse_ends_clause(cur->raw.ptr, cur->raw.size) &&
		parse_visible_chars(cur->last->text, cur->last->len, &cjk) * 4 >= j->typical * 3;
}

/* The current block is an unlabelled heading ("Department of Political
 * and Peacebuilding Affairs/Peacebuilding", or "Annex" and a title line)
 * and the line under it follows with no blank line and no page break: the
 * heading wraps onto that line ("Support Office"), however short its
 * first line. Two headings stand apart. */
static bool heading_goes_on(joiner *j)
{
	const block *cur = j->cur;
	return j->blanks == 0 && !j->page_break && !j->st->double_spaced &&
		cur->label.kind == LABEL_NONE && cur->raw.size &&
		!parse_ends_clause(cur->raw.ptr, cur->raw.size) && cur_heading_shaped(j);
}

/* Does text line i (label `lab`) start a new block? */
static bool starts_new_block(joiner *j, size_t i, const label_t *lab)
{
	const parse_line *l = &j->st->lines[i];
	if (!j->cur || j->after_chapeau)
		return true;
	if (l->lead_marker)
		return false; /* "…分析。¹ 本报告无意…": the text goes on */
	if (j->cur->label.kind == LABEL_ARTICLE && j->cur->nlines == 1)
		return true; /* an article heading is a block of its own */
	if (lab->kind == LABEL_ARTICLE)
		return j->cur->raw.size == 0 || parse_ends_clause(j->cur->raw.ptr, j->cur->raw.size) ||
			cur_heading_shaped(j);
	if (j->st->declaration &&
	    (parse_opens_with(l->text, l->len, RESDIFF_SECTION_PREAMBLE_OPENERS) ||
	     parse_opens_with(l->text, l->len, RESDIFF_SECTION_PROCLAIMING_FORMULAS)))
		return true; /* "…; и" / "принимая во внимание, что …" */
	if (lab->kind == LABEL_NUMBER && lab->number == j->last_num + 1)
		return true; /* the next paragraph number */
	if (lab->kind == LABEL_NONE && j->cur->raw.size == 0)
		return false; /* a label alone on its line: "1." or "I." then the text */
	if (lab->kind == LABEL_NONE && wrapped_heading(j))
		return false; /* "II. Implementation of the … for Landlocked\nDeveloping …" */
	if (lab->kind == LABEL_NONE && parse_heading_shaped(l->text, l->len) &&
	    next_number_is(j->st, i, j->last_num + 1) && !heading_goes_on(j))
		return true; /* a heading right before the next paragraph */
	if (lab->kind != LABEL_NONE)
		return label_breaks(j, lab);
	if (j->cur->raw.size == 0)
		return false; /* a label alone on its line: "1." then the text */
	return layout_breaks(j, i);
}

/* A footnote marker alone on its line goes with the text before it. */
static int marker_line(joiner *j, const parse_line *l)
{
	j->after_marker = true;
	if (j->cur)
		return parse_block_marker(j->cur, j->cur->raw.size, l->marker);
	if (j->npending < PENDING_MARKERS_MAX)
		j->pending[j->npending++] = l->marker;
	else
		return resdiff_doc_add_diag(j->st->doc, (size_t)(l - j->st->lines) + 1, "more than %d "
			"footnote markers before the first paragraph: marker %s is dropped",
			PENDING_MARKERS_MAX, l->marker);
	return 0;
}

/* "100000." at the start of a line, in any digit set: a paragraph
 * number over the limit (PARSE_NUMBER_DIGITS); returns the length of
 * "100000." or 0. */
static size_t number_over_limit(const char *s, size_t len)
{
	size_t i = 0, n = 0, adv;
	while (resdiff_digit_at(s + i, len - i, &adv) >= 0) {
		i += adv;
		n++;
	}
	if (n <= PARSE_NUMBER_DIGITS || i >= len || s[i] != '.' ||
	    resdiff_digit_at(s + i + 1, len - i - 1, &adv) >= 0)
		return 0;
	return i + 1;
}

/* "25" alone on its line after a blank line or a page break, where the
 * paragraph before has ended, paragraph 24 was the last, and the next line
 * opens a clause ("Condemns without reservation …"): paragraph 25 printed
 * without its full stop (issue 10, class AA). parse_notes.c left the line
 * as text (no footnote 25 exists). */
static bool bare_number_label(const joiner *j, size_t i, label_t *lab)
{
	const parse_line *l = &j->st->lines[i];
	char num[PARSE_NUMBER_DIGITS + 2];
	size_t k = resdiff_digits_read(l->text, l->len, PARSE_NUMBER_DIGITS + 1, num), n;
	uint32_t c;
	if (k == 0 || strlen(num) > PARSE_NUMBER_DIGITS || k != l->len || j->last_num <= 0 ||
	    atoi(num) != j->last_num + 1 || (!j->blanks && !j->page_break) || !j->cur ||
	    !parse_ends_clause(j->cur->raw.ptr, j->cur->raw.size))
		return false;
	n = next_text_line(j->st, i);
	if (n >= j->st->count)
		return false;
	c = parse_first_cp(j->st->lines[n].text, j->st->lines[n].len);
	if (!u_isupper((UChar32)c) ||
	    !parse_opens_with(j->st->lines[n].text, j->st->lines[n].len, RESDIFF_SECTION_LEADING_WORDS))
		return false;
	memset(lab, 0, sizeof(*lab));
	lab->kind = LABEL_NUMBER;
	lab->number = j->last_num + 1;
	snprintf(lab->text, sizeof(lab->text), "%s", num);
	lab->len = l->len;
	return true;
}

/* Text line i: to a new block or to the current one. */
static int text_line(joiner *j, size_t i)
{
	parse_line *l = &j->st->lines[i];
	label_t lab;
	size_t k;
	int error;

	parse_label_detect(&lab, l->text, l->len, j->st->lang);
	/* "…sur le paragraphe\n12 - tel qu'il…": outside Arabic a dashed
	 * number is a label only where the numbering goes on (or restarts) */
	if (lab.in_sequence_only && lab.number != j->last_num + 1 && lab.number != 1)
		memset(&lab, 0, sizeof(lab));
	if (lab.kind == LABEL_NONE && bare_number_label(j, i, &lab) &&
	    (error = resdiff_doc_add_note(j->st->doc, i + 1, "'%s' alone on its line is read as "
			"paragraph number %d, printed without its full stop", lab.text, lab.number)) < 0)
		return error;
	if (lab.kind == LABEL_NONE && (lab.number = article_line(l)) > 0)
		lab.kind = LABEL_ARTICLE;
	/* a limit that is hit is said: the number stays text */
	if (lab.kind == LABEL_NONE && (k = number_over_limit(l->text, l->len)) &&
	    (error = resdiff_doc_add_diag(j->st->doc, i + 1, "'%.*s' has more than %d digits: "
			"not taken as a paragraph number, the line stays in the paragraph before it",
			(int)k, l->text, PARSE_NUMBER_DIGITS)) < 0)
		return error;
	if (!starts_new_block(j, i, &lab))
		return block_add_line(j, l, 0);
	if (lab.kind == LABEL_NUMBER && lab.number == j->last_num + 1)
		j->last_num = lab.number;
	if (!(j->cur = block_new(j->bl, i)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	j->cur->label = lab;
	for (k = 0; k < j->npending; k++)
		if ((error = parse_block_marker(j->cur, 0, j->pending[k])) < 0)
			return error;
	j->npending = 0;
	return block_add_line(j, l, lab.len);
}

int parse_assemble(parse_state *st, block_list *bl)
{
	joiner j;
	size_t i;
	int error;

	memset(&j, 0, sizeof(j));
	j.st = st;
	j.bl = bl;
	measure_layout(st, &j.typical);
	for (i = st->body_start; i < st->count; i++) {
		st->work++;
		switch (st->lines[i].cls) {
		case LINE_BLANK:
		case LINE_SEPARATOR:
			j.blanks++;
			j.after_marker = false;
			continue;
		case LINE_DEBRIS:
		case LINE_NOTE:
			j.page_break = true;
			continue;
		case LINE_MARKER:
			if ((error = marker_line(&j, &st->lines[i])) < 0)
				return error;
			continue;
		case LINE_TEXT:
			if ((error = text_line(&j, i)) < 0)
				return error;
			j.blanks = 0;
			j.page_break = false;
			j.after_marker = false;
			j.after_chapeau = false;
			continue;
		case LINE_CHAPEAU:
			j.after_chapeau = true;
			continue;
		default:
			continue;
		}
	}
	return 0;
}
