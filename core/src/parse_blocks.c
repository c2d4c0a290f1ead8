/* parse_blocks.c: main-text lines joined into blocks, one per paragraph or
 * heading: where a new paragraph starts (labels, clause ends, blank lines,
 * indentation, page breaks) and which footnote markers it carries.
 * docs/PARSE.md, "Joining lines". */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

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

/* Append line text from byte `from` (after a label) to a block. */
static int block_add_line(block *b, const parse_line *l, size_t from)
{
	size_t base, k;
	int error;

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
	size_t hist[64] = { 0 }, best = 0, k;
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
		k = parse_visible_chars(l->text, l->len, &cjk) / 4;
		hist[k < 63 ? k : 63]++;
		if (prev != (size_t)-1) {
			pairs++;
			spaced += blank;
		}
		prev = i;
		blank = false;
	}
	st->double_spaced = pairs > 0 && spaced * 10 > pairs * 7;
	st->indent_signal = text > 0 && indented * 10 >= text && indented * 10 <= text * 8;
	/* typical full line: the most common length bucket among long lines */
	for (k = 4; k < 63; k++)
		if (hist[k] > hist[best] || best < 4)
			best = k;
	*typical = best * 4 + 2;
	/* hard-wrapped text has many lines of about that width */
	st->wrapped = text > 0 && (hist[best] + (best > 0 ? hist[best - 1] : 0) + hist[best + 1]) * 10 >= text * 4;
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
	parse_label_detect(&lab, st->lines[k].text, st->lines[k].len, st->language);
	return lab.kind == LABEL_NUMBER && lab.number == n;
}

int parse_assemble(parse_state *st, block_list *bl)
{
	size_t i, blanks = 0, typical;
	bool page_break = false, after_marker = false;
	int last_num = 0;
	block *cur = NULL;
	const char *pending[16];
	size_t npending = 0, k;
	int error;

	measure_layout(st, &typical);
	for (i = st->body_start; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		label_t lab;
		bool brk;

		switch (l->cls) {
		case LINE_BLANK:
		case LINE_SEPARATOR:
			blanks++;
			after_marker = false;
			continue;
		case LINE_DEBRIS:
		case LINE_NOTE:
			page_break = true;
			continue;
		case LINE_MARKER:
			if (cur) {
				if ((error = parse_block_marker(cur, cur->raw.size, l->marker)) < 0)
					return error;
			} else if (npending < 16) {
				pending[npending++] = l->marker;
			}
			after_marker = true;
			continue;
		case LINE_TEXT:
			break;
		default:
			continue;
		}
		parse_label_detect(&lab, l->text, l->len, st->language);
		if (!cur) {
			brk = true;
		} else if (l->lead_marker) {
			brk = false; /* "…分析。¹ 本报告无意…": the text goes on */
		} else if (lab.kind == LABEL_NUMBER && lab.number == last_num + 1) {
			brk = true; /* the next paragraph number */
		} else if (lab.kind == LABEL_NONE && parse_heading_shaped(l->text, l->len) &&
			   next_number_is(st, i, last_num + 1)) {
			brk = true; /* a heading right before the next paragraph */
		} else if (lab.kind == LABEL_NUMBER || lab.kind == LABEL_SUB || lab.kind == LABEL_HEADING) {
			brk = parse_ends_clause(cur->raw.ptr, cur->raw.size) ||
			      parse_heading_shaped(cur->raw.ptr, cur->raw.size) || lab.kind != LABEL_SUB;
			/* a number inside a sentence is not a label ("... in\n2015. The") */
			if (lab.kind == LABEL_NUMBER && !parse_ends_clause(cur->raw.ptr, cur->raw.size) &&
			    !parse_heading_shaped(cur->raw.ptr, cur->raw.size) && cur->raw.size > cur->label.len)
				brk = false;
		} else if (cur->raw.size == 0) {
			brk = false; /* a label alone on its line: "1." then the text */
		} else {
			bool ends = parse_ends_clause(cur->raw.ptr, cur->raw.size);
			bool cjk;
			bool heading_block = cur->nlines == 1 && (cur->label.kind == LABEL_NONE ||
				cur->label.kind == LABEL_HEADING) && parse_heading_shaped(cur->raw.ptr, cur->raw.size) &&
				(!st->double_spaced ||
				 parse_visible_chars(cur->raw.ptr, cur->raw.size, &cjk) * 4 < typical * 3);
			brk = false;
			if (ends || heading_block) {
				if (st->double_spaced && st->indent_signal) {
					size_t n = next_text_line(st, i);
					label_t nl;
					/* the line right after a marker line is indented by
					 * the extraction, not by the author */
					brk = l->indent > 0 && !after_marker;
					if (!brk && parse_heading_shaped(l->text, l->len) &&
					    parse_visible_chars(l->text, l->len, &cjk) * 4 < typical * 3 && n < st->count) {
						parse_label_detect(&nl, st->lines[n].text, st->lines[n].len, st->language);
						brk = starts_block(st, n, &nl);
					}
				} else if (st->double_spaced) {
					/* a full-width wrapped line ending a sentence does not
					 * end the paragraph */
					bool cjk2;
					brk = !st->wrapped || !ends ||
					      parse_visible_chars(cur->last->text, cur->last->len, &cjk2) * 10 < typical * 9;
				} else {
					brk = blanks > 0;
				}
				if (brk && page_break && !heading_block && !st->indent_signal) {
					/* across a page break only a line that looks like a
					 * paragraph start begins one */
					uint32_t c = parse_first_cp(l->text, l->len);
					brk = !u_islower((UChar32)c) && (u_isupper((UChar32)c) || !u_isalpha((UChar32)c) ||
									  resdiff_text_is_cjk(c));
				}
			}
		}
		if (brk && lab.kind == LABEL_NUMBER && lab.number == last_num + 1)
			last_num = lab.number;
		if (brk) {
			if (!(cur = block_new(bl, i)))
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			cur->label = lab;
			for (k = 0; k < npending; k++)
				if ((error = parse_block_marker(cur, 0, pending[k])) < 0)
					return error;
			npending = 0;
			if ((error = block_add_line(cur, l, lab.len)) < 0)
				return error;
		} else if ((error = block_add_line(cur, l, 0)) < 0) {
			return error;
		}
		blanks = 0;
		page_break = false;
		after_marker = false;
	}
	return 0;
}