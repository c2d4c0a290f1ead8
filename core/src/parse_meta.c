/* parse_meta.c: front matter, chapeau, closing lines and metadata. */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define CHAPEAU_MAX_CHARS 48   /* "The Economic and Social Council," fits */
#define CHAPEAU_MAX_CJK 20
#define PARA_ONE_LOOK 4        /* lines after a label alone ("1.") for its text */     /* "联合国人类住区规划署理事会，" fits */
#define FRONT_SEARCH_LINES 400 /* the chapeau is looked for this far */
#define END_LINE_MAX_CHARS 48  /* "54th plenary meeting", "第 36 次全体会议" */
#define TITLE_LINE_MIN_CHARS 8 /* shorter pieces of the title are not taken for headers */
#define TITLE_WINDOW 4         /* non-blank lines around debris searched */
#define PAGE_BACK_LINES 40     /* non-blank lines looked back over page furniture */

/* Is the line a piece of the title (norm is scratch space)? */
static int title_piece(bool *out, resdiff_buf *norm, const parse_line *l, const char *title)
{
	int error;
	*out = false;
	if (parse_ends_clause(l->text, l->len))
		return 0; /* cheap first: a running title ends no clause */
	resdiff_buf_clear(norm);
	if ((error = parse_normalize(norm, l->text, l->len, NULL, NULL, 0)) < 0)
		return error;
	*out = resdiff_utf8_count(norm->ptr, norm->size) >= TITLE_LINE_MIN_CHARS &&
	       strstr(title, norm->ptr) != NULL;
	return 0;
}

/* The last text line before line i across the page furniture between
 * them (blank lines, page debris, and a footnote zone: the lines under a
 * "____" rule, still text when this runs), or NULL when the line right
 * above i (blank lines aside) is a piece of the title already taken out
 * (a running title wrapped over two lines) or no text line is near. */
static const parse_line *text_before_page(const parse_state *st, size_t i)
{
	size_t k = i, j, seen = 0;
	/* the page head and foot */
	while (k > st->body_start && seen < PAGE_BACK_LINES) {
		const parse_line *b = &st->lines[k - 1];
		if (b->cls != LINE_BLANK) {
			if (!seen++ && b->cls == LINE_DEBRIS && b->why && strstr(b->why, "piece of the title"))
				return NULL;
			if (b->cls != LINE_DEBRIS)
				break;
		}
		k--;
	}
	/* a footnote zone: text and blank lines up to a rule */
	for (j = k; j > st->body_start && seen < PAGE_BACK_LINES; j--) {
		const parse_line *b = &st->lines[j - 1];
		if (b->cls == LINE_SEPARATOR) {
			k = j - 1;
			break;
		}
		if (b->cls != LINE_TEXT && b->cls != LINE_BLANK)
			break;
		seen += b->cls != LINE_BLANK;
	}
	while (k > st->body_start && st->lines[k - 1].cls == LINE_BLANK)
		k--;
	return k > st->body_start && st->lines[k - 1].cls == LINE_TEXT ? &st->lines[k - 1] : NULL;
}

/* Mark line i when it is a piece of the title, unless it carries on the
 * line right above it, a wrapped line of text that ends no clause and is
 * no piece of the title ("…the Convention on the\nProhibition of the Use,
 * …" at the foot of a page is text), or it opens with a small letter and
 * carries on such a line across a page break ("…the presence and
 * activities" / page furniture / "of the United Nations, other …" at the
 * head of the next page is text: a running title opens with a capital). */
static int mark_if_title(resdiff_buf *norm, parse_state *st, size_t i, const char *title)
{
	parse_line *l = &st->lines[i];
	const parse_line *above = i > 0 ? &st->lines[i - 1] : NULL;
	bool piece;
	int error;
	if ((error = title_piece(&piece, norm, l, title)) < 0 || !piece)
		return error;
	if (above && above->cls != LINE_TEXT && u_islower((UChar32)parse_first_cp(l->text, l->len)))
		above = text_before_page(st, i);
	if (above && above->cls == LINE_TEXT && !parse_ends_clause(above->text, above->len)) {
		if ((error = title_piece(&piece, norm, above, title)) < 0 || !piece)
			return error;
	}
	l->cls = LINE_DEBRIS;
	l->why = "running title (a piece of the title)";
	return 0;
}

/* Does the lower-cased line hold a word of this section of any language? */
static bool contains_any(const char *lowered, resdiff_lang_section section)
{
	const resdiff_lang_list *l = resdiff_lang_all(section);
	size_t i;
	for (i = 0; i < l->count; i++)
		if (strstr(lowered, l->entry[i].text))
			return true;
	return false;
}

static bool ends_with_comma(const char *s, size_t len)
{
	uint32_t c = parse_last_cp(s, len);
	return c == ',' || c == 0xFF0C || c == 0x060C || c == 0xFE50;
}

/* Strip a trailing footnote marker run ("*", "**", "¹") from a front line,
 * recording it as a metadata footnote. Returns the new length. */
static size_t strip_front_marker(parse_state *st, const char *s, size_t len)
{
	size_t end = len;
	char label[16];
	bool sup, at_end = false;

	/* "State of Palestine:* draft resolution": a star glued to a word;
	 * "Palestine:** draft decision": a run of them */
	for (end = 1; end < len; end++) {
		size_t k = end;
		if (s[end] != '*' || s[end - 1] == ' ' || s[end - 1] == '*')
			continue;
		while (k < len && s[k] == '*')
			k++;
		if (k - end == 1 && (k == len || s[k] == ' ')) {
			resdiff_doc_add_meta_footnote(st->doc, "*");
			at_end = k == len; /* "Uzbekistan:*" ends its line: recorded once */
			break;
		}
		if (k - end <= 3 && k < len && s[k] == ' ') {
			memcpy(label, s + end, k - end);
			label[k - end] = '\0';
			resdiff_doc_add_meta_footnote(st->doc, label);
			break;
		}
	}
	end = len;
	while (end > 0 && s[end - 1] == '*')
		end--;
	if (end < len && len - end <= 3) {
		memcpy(label, s + end, len - end);
		label[len - end] = '\0';
		if (!at_end)
			resdiff_doc_add_meta_footnote(st->doc, label);
		while (end > 0 && s[end - 1] == ' ')
			end--;
		return end;
	}
	/* superscript digits at the end */
	end = len;
	while (end > 0) {
		size_t k = end - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (parse_note_label(s + k, end - k, label, &sup) != end - k || !sup)
			break;
		end = k;
	}
	if (end < len && parse_note_label(s + end, len - end, label, &sup) == len - end) {
		resdiff_doc_add_meta_footnote(st->doc, label);
		return end;
	}
	return len;
}

/* "2009/7", "65/141. Title", "76/189. Information ...", "٧٦/١٨٩": the
 * number in ASCII to resno (room for RESNO_MAX + 1) and the offset of the
 * title in *rest. */
#define RESNO_MAX 9 /* "2009/1234" */
static bool resolution_number(const char *s, size_t len, char resno[RESNO_MAX + 1], size_t *rest)
{
	char year[6], num[6];
	size_t i = resdiff_digits_read(s, len, 5, year), j;
	if (strlen(year) < 2 || strlen(year) > 4 || i >= len || s[i] != '/')
		return false;
	j = i + 1 + resdiff_digits_read(s + i + 1, len - i - 1, 5, num);
	if (!num[0] || strlen(num) > 4)
		return false;
	snprintf(resno, RESNO_MAX + 1, "%s/%s", year, num);
	if (j < len && s[j] == '.')
		j++;
	if (j < len && s[j] != ' ')
		return false;
	while (j < len && s[j] == ' ')
		j++;
	/* "99/1 - العنوان" */
	if (j < len && (s[j] == '-' || !strncmp(s + j, "–", 3))) {
		j += s[j] == '-' ? 1 : 3;
		while (j < len && s[j] == ' ')
			j++;
	}
	*rest = j;
	return true;
}

/* The body a chapeau names (GA, SC, ECOSOC, HRC), or NULL. */
static const char *body_of(const char *lowered)
{
	const resdiff_lang_list *l = resdiff_lang_all(RESDIFF_SECTION_BODIES);
	size_t i;
	for (i = 0; i < l->count; i++)
		if (strstr(lowered, l->entry[i].text))
			return l->entry[i].key;
	return NULL;
}

/* Short enough to be a chapeau, and to be lower-cased in 512 bytes. */
static bool len_ok_for_chapeau(const parse_line *l)
{
	return l->len < 256 && resdiff_utf8_count(l->text, l->len) <= CHAPEAU_MAX_CHARS;
}

static bool is_chapeau(const char *s, size_t len)
{
	char low[512];
	if (len >= sizeof(low) / 2 || resdiff_utf8_count(s, len) > CHAPEAU_MAX_CHARS ||
	    !ends_with_comma(s, len))
		return false;
	parse_lower(low, sizeof(low), s, len);
	return contains_any(low, RESDIFF_SECTION_CHAPEAU_WORDS);
}

/* A chapeau that lost its comma ("The General Assembly"): short, no
 * punctuation at its end, and naming a body with a chapeau word. */
static bool bare_chapeau(const parse_line *l)
{
	char low[512];
	if (!len_ok_for_chapeau(l) || l->len >= sizeof(low) / 2 || !l->len ||
	    !u_isalpha((UChar32)parse_last_cp(l->text, l->len)))
		return false;
	parse_lower(low, sizeof(low), l->text, l->len);
	return contains_any(low, RESDIFF_SECTION_CHAPEAU_WORDS) && body_of(low) != NULL;
}

/* Does line l say more than the body's name ("The General Assembly",
 * "L'Assemblée générale"), as a chapeau does and a masthead ("General
 * Assembly") does not? */
static bool more_than_body(const parse_line *l)
{
	const resdiff_lang_list *bodies = resdiff_lang_all(RESDIFF_SECTION_BODIES);
	char low[512];
	size_t i;
	if (l->len >= sizeof(low) / 2)
		return false;
	parse_lower(low, sizeof(low), l->text, l->len);
	for (i = 0; i < bodies->count; i++)
		if (strstr(low, bodies->entry[i].text))
			return strlen(low) > bodies->entry[i].len;
	return false;
}

/* "1." or "1.text" or "1. text" at the start of a line (paragraph one). */
static bool starts_paragraph_one(const char *s, size_t len)
{
	return len >= 2 && s[0] == '1' && s[1] == '.' && (len == 2 || s[2] < '0' || s[2] > '9');
}

/* Paragraph one as the language numbers it: "1." everywhere, "1 - " in
 * Arabic (and spaced, "1 - text", in any language). */
static bool opens_paragraph_one(const parse_state *st, const parse_line *l)
{
	label_t lab;
	size_t adv;
	if (starts_paragraph_one(l->text, l->len))
		return true;
	if (resdiff_digit_at(l->text, l->len, &adv) != 1)
		return false;
	parse_label_detect(&lab, l->text, l->len, st->lang);
	return lab.kind == LABEL_NUMBER && lab.number == 1;
}

/* Does the text open a clause: a word of the language tables that opens a
 * recital or an operative paragraph ("Recalling", "Decides", "Rappelant",
 * "回顾", "وإذ تشير", "Whereas")? Where the script has case, written with
 * a capital unless any_case (Russian recitals open in lower case, so only
 * a line that follows a clause end may). */
static bool opens_clause(const char *s, size_t len, bool any_case)
{
	uint32_t c = parse_first_cp(s, len);
	if (!c || (!any_case && u_islower((UChar32)c)))
		return false;
	return parse_opens_with(s, len, RESDIFF_SECTION_LEADING_WORDS) ||
	       parse_opens_with(s, len, RESDIFF_SECTION_PREAMBULAR_LADDER) ||
	       parse_opens_with(s, len, RESDIFF_SECTION_OPERATIVE_LADDER) ||
	       parse_opens_with(s, len, RESDIFF_SECTION_PREAMBLE_OPENERS);
}

/* The length of s without a footnote marker at its end after
 * punctuation ("issue,1", "2015,12", "session;*", "文件，¹"): the front
 * matter is read before the markers are. */
static size_t before_end_marker(const char *s, size_t len)
{
	size_t end = len, n = 0;
	char label[16];
	bool sup;
	uint32_t c;
	while (end > 0 && n < 3 && ((s[end - 1] >= '0' && s[end - 1] <= '9') || s[end - 1] == '*')) {
		end--;
		n++;
	}
	if (end == len) {
		/* superscript digits */
		while (end > 0) {
			size_t k = end - 1;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			if (parse_note_label(s + k, end - k, label, &sup) != end - k || !sup)
				break;
			end = k;
		}
	}
	if (end == len || end == 0)
		return len;
	c = parse_last_cp(s, end);
	return parse_ends_clause(s, end) && c != '.' && c != 0x3002 ? end : len;
}

/* Does the line end a clause, a footnote marker after its end looked
 * through? */
static bool front_ends_clause(const parse_line *l)
{
	return parse_ends_clause(l->text, before_end_marker(l->text, l->len));
}

/* A recital's end: a comma or semicolon (, ; ， ； ، ؛), looking
 * through closing quotes and brackets. */
static bool ends_recital(const char *s, size_t len)
{
	uint32_t c;
	size_t adv, closers = 0;
	len = before_end_marker(s, len);
	while (len > 0 && closers <= CLOSERS_MAX) {
		size_t k = len - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		c = (uint32_t)resdiff_utf8_decode(s + k, len - k, &adv);
		if (c == ',' || c == ';' || c == 0xFF0C || c == 0xFF1B || c == 0x060C || c == 0x061B)
			return true;
		if (!(c == ')' || c == ']' || c == '"' || c == 0x201D || c == 0x2019 || c == 0xBB ||
		      c == 0xFF09 || c == 0x300D || c == 0x300F))
			return false;
		len = k;
		closers++;
	}
	return false;
}

/* A heading label such as "一.", "I.", "A." followed by text. */
static bool starts_heading_label(const char *s, size_t len)
{
	size_t i = 0, adv;
	int32_t cp = resdiff_utf8_decode(s, len, &adv);
	if (parse_label_numeral((uint32_t)cp) == 1) /* 一 */
		return adv < len && (s[adv] == '.' || !strncmp(s + adv, "、", 3) ||
				     !strncmp(s + adv, "．", 3)); /* full-width full stop */
	while (i < len && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
		i++;
	if (i == 0 && len > 0 && s[0] == 'A')
		i = 1;
	return i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ';
}


/* A running header repeats the title (or a piece of it) next to the page
 * debris; with one page break it does not recur, so match it against the
 * title instead. */
static int mark_title_lines(parse_state *st)
{
	const char *title = st->doc->meta.title;
	resdiff_buf norm = RESDIFF_BUF_INIT;
	size_t i, k, n, ahead = 0;
	int error = 0;

	/* one pass: `ahead` counts the non-blank lines still in the window
	 * after the last debris line (a line found to be the title is debris
	 * too, and opens its own window); the window before a debris line is
	 * looked at when it is reached */
	for (i = st->body_start; i < st->count && !error; i++) {
		parse_line *l = &st->lines[i];
		st->work++;
		if (l->cls == LINE_BLANK)
			continue;
		if (ahead > 0) {
			ahead--;
			if (l->cls == LINE_TEXT && (error = mark_if_title(&norm, st, i, title)) < 0)
				break;
		}
		if (l->cls != LINE_DEBRIS)
			continue;
		for (k = i, n = 0; k > st->body_start && n < TITLE_WINDOW && !error;) {
			parse_line *b = &st->lines[--k];
			st->work++;
			if (b->cls == LINE_BLANK)
				continue;
			n++;
			if (b->cls == LINE_TEXT)
				error = mark_if_title(&norm, st, k, title);
		}
		ahead = TITLE_WINDOW;
	}
	resdiff_buf_dispose(&norm);
	return error;
}

#define NO_LINE ((size_t)-1)

static bool is_draft(const resdiff_doc *doc)
{
	return doc->meta.kind && !strcmp(doc->meta.kind, "draft");
}

/* What the front lines say, gathered on the way to the document. */
typedef struct {
	size_t chapeau;           /* line index of the chapeau, or NO_LINE */
	size_t end;               /* one past the last front line */
	const char *body, *kind;  /* static strings, or NULL */
	char *resno;              /* "2009/7" (malloc'd), or NULL */
	const char *symbol_line;  /* the first symbol line among them, or NULL */
	bool adopted;             /* a front line of the adopted-words */
	bool amendment;           /* a front line of the amendment-words */
	size_t title_first;       /* an amendment's title block: its first
	                           * line (it ends at end), or NO_LINE */
	resdiff_buf title;
} front;

/* Does the lower-cased comma-ended line end, before its comma, with a
 * chapeau word ("大会，", "经济及社会理事会，")? A Chinese chapeau does;
 * "…首脑\n会议与连通有关的各项目标，" does not. */
static bool ends_with_body(const char *lowered)
{
	const resdiff_lang_list *w = resdiff_lang_all(RESDIFF_SECTION_CHAPEAU_WORDS);
	size_t n = strlen(lowered), k;
	if (!n)
		return false;
	k = n - 1; /* drop the comma */
	while (k > 0 && ((unsigned char)lowered[k] & 0xC0) == 0x80)
		k--;
	while (k > 0 && lowered[k - 1] == ' ')
		k--;
	for (n = 0; n < w->count; n++)
		if (k >= w->entry[n].len && !memcmp(lowered + k - w->entry[n].len, w->entry[n].text,
				w->entry[n].len))
			return true;
	return false;
}

/* A short comma-ended line that names a body but is a piece of a recital
 * (in a text without its chapeau the first recital is the first such
 * line): one that opens a clause ("确认科学和技术促进发展委员会…的作用，"),
 * holds a digit (a chapeau never does: "…理事会 2010 年 7 月 19 日第
 * 2010/2 号决议，"), is long for a Chinese chapeau ("理事会、同时继续执行
 * …所发挥的作用，", a wrapped line) or, Chinese, ends in no body before
 * its comma ("会议与连通有关的各项目标，"), names a session ("会第十三届会议，"),
 * or carries on the longer line right above it that
 * ends no clause ("… of the Fifth\nCommittee reforms,"). */
static bool recital_piece(const parse_state *st, size_t i)
{
	const parse_line *l = &st->lines[i], *above = i > 0 ? &st->lines[i - 1] : NULL;
	size_t k, adv;
	bool cjk;
	char low[512];
	if (opens_clause(l->text, l->len, true) ||
	    (parse_visible_chars(l->text, l->len, &cjk) > CHAPEAU_MAX_CJK && cjk))
		return true;
	parse_lower(low, sizeof(low), l->text, l->len);
	if (contains_any(low, RESDIFF_SECTION_SESSION_WORDS) || (cjk && !ends_with_body(low)))
		return true;
	for (k = 0; k < l->len; k++)
		if (resdiff_digit_at(l->text + k, l->len - k, &adv) >= 0)
			return true;
	return above && above->cls == LINE_TEXT && !parse_ends_clause(above->text, above->len) &&
	       resdiff_utf8_count(above->text, above->len) > CHAPEAU_MAX_CHARS;
}

/* The chapeau inside a formula line: after the formula, a short phrase
 * naming a body up to a comma. Sets the cut (bytes of the line) and
 * returns true when there is one. */
static bool inline_chapeau(const parse_line *l, size_t formula, size_t *at, size_t *clen)
{
	const char *s = l->text;
	size_t i = formula, start, adv, chars = 0;
	char low[512];

	while (i < l->len) {
		int32_t cp = resdiff_utf8_decode(s + i, l->len - i, &adv);
		if (!(cp == ' ' || cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x060C))
			break;
		i += adv;
	}
	start = i;
	while (i < l->len && chars <= CHAPEAU_MAX_CHARS) {
		int32_t cp = resdiff_utf8_decode(s + i, l->len - i, &adv);
		i += adv;
		chars++;
		if (cp == ',' || cp == 0xFF0C || cp == 0x060C) {
			if (i - start >= sizeof(low) / 2)
				return false;
			parse_lower(low, sizeof(low), s + start, i - start);
			if (!contains_any(low, RESDIFF_SECTION_CHAPEAU_WORDS))
				return false;
			while (i < l->len && s[i] == ' ')
				i++;
			*at = start;
			*clen = i - start;
			return i < l->len && i < UINT16_MAX;
		}
	}
	return false;
}

/* "The General Assembly, recalling its resolution 79/122 …:": a chapeau
 * that opens its line, a recital in lower case after it (a decision's
 * single sentence). Sets the cut (the chapeau's bytes, at 0) and returns
 * true when the line is one; the recital stays text. */
static bool chapeau_opens_line(parse_line *l)
{
	size_t at, clen;
	char low[512];
	if (!u_isupper((UChar32)parse_first_cp(l->text, l->len)) ||
	    !inline_chapeau(l, 0, &at, &clen) || at != 0 || clen >= sizeof(low) / 2 ||
	    !u_islower((UChar32)parse_first_cp(l->text + clen, l->len - clen)) ||
	    !opens_clause(l->text + clen, l->len - clen, true))
		return false;
	parse_lower(low, sizeof(low), l->text, clen);
	if (!body_of(low))
		return false;
	l->cut_at = 0;
	l->cut_len = (uint16_t)clen;
	return true;
}

/* The first line after line i that is not blank (st->count when none). */
static size_t after_blanks(const parse_state *st, size_t i)
{
	for (i++; i < st->count && st->lines[i].cls == LINE_BLANK; i++)
		;
	return i;
}

/* Does the lower-cased text end with a body's name ("… general assembly"),
 * a whole word? */
static bool ends_in_body_name(const char *lowered)
{
	const resdiff_lang_list *b = resdiff_lang_all(RESDIFF_SECTION_BODIES);
	size_t n = strlen(lowered), i, e;
	for (i = 0; i < b->count; i++) {
		e = b->entry[i].len;
		if (e && n >= e && !memcmp(lowered + n - e, b->entry[i].text, e) &&
		    (n == e || (unsigned char)lowered[n - e - 1] >= 0x80 ||
		     !u_isalnum((UChar32)(unsigned char)lowered[n - e - 1])))
			return true;
	}
	return false;
}

/* "The General Assembly:" (a decision's chapeau announcing its
 * paragraphs): a short line that is a body's name and nothing after it,
 * then a colon (":", "："; spaces or a no-break space before it, as French
 * prints "L'Assemblée générale :"), no piece of a recital, and the next
 * text line opens a label ("(a)", "1.") or a clause. "The General Assembly
 * decides:" is no chapeau: its verb is text. */
static bool colon_chapeau(const parse_state *st, size_t i)
{
	const parse_line *l = &st->lines[i];
	uint32_t c = parse_last_cp(l->text, l->len);
	size_t n = l->len, j;
	char low[512];
	label_t lab;

	if ((c != ':' && c != 0xFF1A) || !len_ok_for_chapeau(l) || l->len >= sizeof(low) / 2 ||
	    recital_piece(st, i))
		return false;
	n -= c == ':' ? 1 : 3;
	for (;;) {   /* spaces, U+00A0 or U+202F before the colon */
		if (n >= 1 && l->text[n - 1] == ' ')
			n -= 1;
		else if (n >= 2 && !memcmp(l->text + n - 2, "\xC2\xA0", 2))
			n -= 2;
		else if (n >= 3 && !memcmp(l->text + n - 3, "\xE2\x80\xAF", 3))
			n -= 3;
		else
			break;
	}
	parse_lower(low, sizeof(low), l->text, n);
	if (!n || !u_isupper((UChar32)parse_first_cp(l->text, l->len)) ||
	    !contains_any(low, RESDIFF_SECTION_CHAPEAU_WORDS) || !ends_in_body_name(low))
		return false;
	j = after_blanks(st, i);
	if (j >= st->count || st->lines[j].cls != LINE_TEXT)
		return false;
	parse_label_detect(&lab, st->lines[j].text, st->lines[j].len, st->lang);
	return lab.kind == LABEL_SUB || lab.kind == LABEL_NUMBER ||
	       opens_clause(st->lines[j].text, st->lines[j].len, false);
}

/* The chapeau: the first short comma-ended line naming a body, searched
 * up to paragraph 1. NO_LINE when there is none (a report). */
static size_t find_chapeau(parse_state *st)
{
	size_t i, text_seen = 0, before = NO_LINE;
	for (i = 0; i < st->count && text_seen < FRONT_SEARCH_LINES; i++) {
		parse_line *l = &st->lines[i];
		st->work++;
		if (l->cls != LINE_TEXT)
			continue;
		text_seen++;
		if (opens_paragraph_one(st, l))
			/* "The General Assembly" without its comma, right before
			 * paragraph 1 (no recitals) */
			return before != NO_LINE && bare_chapeau(&st->lines[before]) ? before : NO_LINE;
		if ((is_chapeau(l->text, l->len) && !recital_piece(st, i)) || chapeau_opens_line(l) ||
		    colon_chapeau(st, i))
			return i;
		/* ... or before a block that opens a clause ("The General
		 * Assembly" / "" / "Adopts the Declaration …", a paragraph with
		 * no number): a blank line between, a capital on the clause, and
		 * more than a masthead's "General Assembly" on the line */
		if (before != NO_LINE && i > before + 1 && st->lines[i - 1].cls == LINE_BLANK &&
		    opens_clause(l->text, l->len, false) && bare_chapeau(&st->lines[before]) &&
		    more_than_body(&st->lines[before]) && !recital_piece(st, before))
			return before;
		before = i;
	}
	return NO_LINE;
}

static int take_chapeau(parse_state *st, front *fm)
{
	parse_line *c = &st->lines[fm->chapeau];
	char low[1024], chap[512];
	size_t n = c->cut_len;
	st->is_resolution = true;
	fm->end = fm->chapeau;
	fm->kind = "resolution";
	if (n) {   /* the chapeau opens a recital's line: the recital stays text */
		while (n > 0 && c->text[n - 1] == ' ')
			n--;
		snprintf(chap, sizeof(chap), "%.*s", (int)n, c->text);
		parse_lower(low, sizeof(low), chap, strlen(chap));
		fm->body = body_of(low);
		return resdiff_doc_set_meta(st->doc, &st->doc->meta.chapeau, chap);
	}
	c->cls = LINE_CHAPEAU;
	parse_lower(low, sizeof(low), c->text, c->len);
	fm->body = body_of(low);
	return resdiff_doc_set_meta(st->doc, &st->doc->meta.chapeau, c->text);
}

/* Line i opens the first lettered paragraph of a list, "(a)", whose text
 * (on its line or on the next text line) opens a clause with a capital
 * ("(a)" / "Approves the calendar …;"): a paragraph, never front matter. */
static bool opens_first_lettered_clause(const parse_state *st, size_t i)
{
	const parse_line *l = &st->lines[i];
	label_t lab;
	size_t j;
	parse_label_detect(&lab, l->text, l->len, st->lang);
	if (lab.kind != LABEL_SUB || strcmp(lab.sub, "a"))
		return false;
	if (lab.len < l->len)
		return opens_clause(l->text + lab.len, l->len - lab.len, false);
	j = after_blanks(st, i);
	return j < st->count && st->lines[j].cls == LINE_TEXT &&
	       opens_clause(st->lines[j].text, st->lines[j].len, false);
}

/* A report: the front matter ends after "Report of the Secretary-General",
 * or at the first heading, summary, paragraph 1 or lettered clause
 * ("(a)" / "Approves …"), whichever comes first. */
static void find_report_front(parse_state *st, front *fm)
{
	const resdiff_lang_list *summaries = resdiff_lang_all(RESDIFF_SECTION_SUMMARY_LINES);
	size_t i, k, text_seen = 0;
	char low[1024];

	fm->kind = "report";
	for (i = 0; i < st->count && text_seen < FRONT_SEARCH_LINES; i++) {
		const parse_line *l = &st->lines[i];
		bool summary = false;
		st->work++;
		if (l->cls != LINE_TEXT)
			continue;
		text_seen++;
		parse_lower(low, sizeof(low), l->text, l->len);
		for (k = 0; k < summaries->count; k++)
			summary |= !strcmp(low, summaries->entry[k].text);
		/* a lettered paragraph that opens a clause ends the front
		 * matter as paragraph 1 does: its words stay text (P0(a),
		 * with a warning), they are not dropped as front lines */
		if (summary || starts_paragraph_one(l->text, l->len) ||
		    starts_heading_label(l->text, l->len) || opens_first_lettered_clause(st, i)) {
			fm->end = i;
			return;
		}
		if (contains_any(low, RESDIFF_SECTION_REPORT_LINES)) {
			fm->end = i + 1;
			fm->body = "Secretariat";
			return;
		}
	}
}

/* The first front line that holds a word of the amendment-words ("Burundi:
 * amendment to revised draft resolution A/C.3/80/L.20/Rev.1"), searched
 * as a report's front matter is, up to paragraph 1; NO_LINE when none. */
static size_t find_amendment_line(parse_state *st)
{
	size_t i, text_seen = 0;
	char low[1024];

	for (i = 0; i < st->count && text_seen < FRONT_SEARCH_LINES; i++) {
		const parse_line *l = &st->lines[i];
		st->work++;
		if (l->cls != LINE_TEXT)
			continue;
		text_seen++;
		if (opens_paragraph_one(st, l))
			return NO_LINE;
		parse_lower(low, sizeof(low), l->text, l->len);
		if (contains_any(low, RESDIFF_SECTION_AMENDMENT_WORDS))
			return i;
	}
	return NO_LINE;
}

/* One past the last line of the block that holds line i: the block runs
 * to a blank line (debris inside it, a symbol line, is passed over). */
static size_t block_end(parse_state *st, size_t i)
{
	while (i < st->count && st->lines[i].cls != LINE_BLANK) {
		st->work++;
		i++;
	}
	return i;
}

/* An amendment to a draft: the front matter ends after the title printed
 * under the amendment line ("Rights of the child"), the next block, so
 * that an instruction with no number ("Delete the third preambular
 * paragraph.") is the body's first paragraph. A next block that opens
 * paragraph 1 or ends a clause is no title (it is an instruction): then
 * the front matter ends with the amendment line's block. The body is read
 * as a report's is (numbered instructions P<n>, others B<n>): an
 * amendment has no operative part of its own (docs/PARSE.md). */
static void take_amendment(parse_state *st, front *fm, size_t line)
{
	size_t k = block_end(st, line), t = k, last = NO_LINE;

	fm->kind = "amendment";
	fm->amendment = true;
	fm->title_first = NO_LINE;
	fm->end = k;
	while (t < st->count && st->lines[t].cls != LINE_TEXT) {
		st->work++;
		t++;
	}
	if (t >= st->count || opens_paragraph_one(st, &st->lines[t]))
		return;
	for (k = t; k < st->count && st->lines[k].cls != LINE_BLANK; k++) {
		st->work++;
		if (st->lines[k].cls == LINE_TEXT)
			last = k;
	}
	if (parse_ends_clause(st->lines[last].text, st->lines[last].len))
		return;
	fm->title_first = t;
	fm->end = k;
}

/* An amendment's title: its block's text lines. */
static void amendment_title(parse_state *st, front *fm)
{
	size_t i;
	resdiff_buf_clear(&fm->title);
	for (i = fm->title_first; i < fm->end; i++) {
		const parse_line *l = &st->lines[i];
		if (l->cls == LINE_FRONT && l->text[0] != '[')
			parse_join(&fm->title, l->text, strip_front_marker(st, l->text, l->len));
	}
}

/* "Resolution adopted by the General Assembly on 17 December 2021": the
 * date may be on this front line (text[0..len)) or the next. */
static int front_date(parse_state *st, const front *fm, size_t i, size_t len)
{
	const parse_line *l = &st->lines[i];
	resdiff_buf two = RESDIFF_BUF_INIT;
	char date[11];
	size_t k;
	int error = 0;

	resdiff_buf_put(&two, l->text, len);
	for (k = i + 1; k < fm->end && st->lines[k].cls == LINE_BLANK; k++)
		st->work++;
	if (k < fm->end && st->lines[k].cls == LINE_TEXT) {
		resdiff_buf_putc(&two, ' ');
		resdiff_buf_put(&two, st->lines[k].text, st->lines[k].len);
	}
	if (two.ptr && parse_find_date(two.ptr, two.size, date))
		error = resdiff_doc_set_meta(st->doc, &st->doc->meta.date, date);
	resdiff_buf_dispose(&two);
	return error;
}

/* "76/189. Information and …": the resolution number, and the title that
 * follows it up to a blank line. Returns the index of the title's last
 * line. */
static int number_and_title(size_t *last, parse_state *st, front *fm, size_t i, size_t len,
		const char *resno, size_t rest)
{
	const parse_line *l = &st->lines[i];
	size_t k;

	*last = i;
	if (!(fm->resno = strdup(resno)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	resdiff_buf_clear(&fm->title);
	resdiff_buf_put(&fm->title, l->text + rest, len - rest);
	/* the title continues on the following lines, up to the chapeau */
	for (k = i + 1; k < fm->end; k++) {
		parse_line *n = &st->lines[k];
		size_t nl;
		st->work++;
		if (n->cls == LINE_BLANK && fm->title.size)
			break;
		if (n->cls != LINE_TEXT || n->text[0] == '[')
			continue;
		nl = strip_front_marker(st, n->text, n->len);
		parse_join(&fm->title, n->text, nl);
		n->cls = LINE_FRONT;
		*last = k;
	}
	return 0;
}

/* The front lines: marker labels, draft or not, adoption date, resolution
 * number and title, the symbol line. */
static int read_front_lines(parse_state *st, front *fm)
{
	size_t i;
	char low[1024];
	int error;

	for (i = 0; i < fm->end; i++) {
		parse_line *l = &st->lines[i];
		size_t rest, len;
		char resno[RESNO_MAX + 1];
		char label[16];
		bool sup;

		st->work++;
		if (l->cls == LINE_DEBRIS && !fm->symbol_line && parse_is_symbol(l->text, l->len))
			fm->symbol_line = l->text;
		if (l->cls != LINE_TEXT)
			continue;
		l->cls = LINE_FRONT;
		if (parse_note_label(l->text, l->len, label, &sup) == l->len) {
			resdiff_doc_add_meta_footnote(st->doc, label);
			continue;
		}
		len = strip_front_marker(st, l->text, l->len);
		parse_lower(low, sizeof(low), l->text, len);
		if (!fm->amendment && contains_any(low, RESDIFF_SECTION_DRAFT_WORDS))
			fm->kind = "draft";
		if (contains_any(low, RESDIFF_SECTION_ADOPTED_WORDS)) {
			fm->adopted = true;
			if (!st->doc->meta.date && (error = front_date(st, fm, i, len)) < 0)
				return error;
		}
		if (!fm->resno && st->is_resolution && resolution_number(l->text, len, resno, &rest) &&
		    (error = number_and_title(&i, st, fm, i, len, resno, rest)) < 0)
			return error;
	}
	return 0;
}

/* No resolution number: the title is the last block before the chapeau. */
static void title_before_chapeau(parse_state *st, front *fm)
{
	size_t k = fm->end, first, i;
	while (k > 0 && st->lines[k - 1].cls != LINE_FRONT)
		k--;
	first = k;
	while (first > 0 && st->lines[first - 1].cls == LINE_FRONT)
		first--;
	resdiff_buf_clear(&fm->title);
	for (i = first; i < k; i++) {
		const parse_line *l = &st->lines[i];
		if (l->text[0] != '[')
			parse_join(&fm->title, l->text, strip_front_marker(st, l->text, l->len));
	}
}

static int set_title(parse_state *st, const front *fm)
{
	resdiff_buf norm = RESDIFF_BUF_INIT;
	int error;
	if ((error = parse_normalize(&norm, fm->title.ptr, fm->title.size, NULL, NULL, 0)) == 0 && norm.size)
		error = resdiff_doc_set_meta(st->doc, &st->doc->meta.title, norm.ptr);
	resdiff_buf_dispose(&norm);
	return error;
}

/* The symbol: a symbol line naming the resolution number, else the number
 * with the body's prefix, else the first symbol line. */
static int set_symbol(parse_state *st, const front *fm)
{
	const char *line = fm->symbol_line;
	size_t sl = line ? strlen(line) : 0;
	char sym[128];

	if (fm->resno) {
		size_t rl = strlen(fm->resno);
		if (line && sl > rl && !strcmp(line + sl - rl, fm->resno) && line[sl - rl - 1] == '/')
			snprintf(sym, sizeof(sym), "%s", line);
		else if (fm->body && !strcmp(fm->body, "GA"))
			snprintf(sym, sizeof(sym), "A/RES/%s", fm->resno);
		else if (fm->body && !strcmp(fm->body, "ECOSOC"))
			snprintf(sym, sizeof(sym), "E/RES/%s", fm->resno);
		else if (fm->body && !strcmp(fm->body, "SC"))
			snprintf(sym, sizeof(sym), "S/RES/%s", fm->resno);
		else
			snprintf(sym, sizeof(sym), "%s", fm->resno);
	} else if (line && fm->end > 0) {
		while (sl && line[sl - 1] == '*')
			sl--;
		snprintf(sym, sizeof(sym), "%.*s", (int)sl, line);
	} else {
		return 0;
	}
	return resdiff_doc_set_meta(st->doc, &st->doc->meta.symbol, sym);
}

/* Declarations ("Universal Declaration of Human Rights"): a title, an
 * adoption line, maybe a note and a "Preamble" heading, then recitals
 * ("Whereas …"), then the chapeau ("The General Assembly", with or
 * without a comma, or inside the formula: "因此现在,大会,发布…"), the
 * proclamation and the articles. */

/* The next text line at or after *i that the front search reads (it
 * stops at paragraph 1 or an article heading): true with *i set. */
static bool next_front_line(parse_state *st, size_t *i, size_t *seen)
{
	size_t end;
	for (; *i < st->count && *seen < FRONT_SEARCH_LINES; (*i)++) {
		const parse_line *l = &st->lines[*i];
		st->work++;
		if (l->cls != LINE_TEXT)
			continue;
		(*seen)++;
		/* "article 6 of the Convention,6" wrapped to a line's start
		 * is text, not a heading */
		return !opens_paragraph_one(st, l) &&
			!(!u_islower((UChar32)parse_first_cp(l->text, l->len)) &&
			  parse_article_heading(l->text, l->len, &end));
	}
	return false;
}

/* The first line that opens a recital, searched as the chapeau is, up
 * to paragraph 1 or an article heading; NO_LINE when there is none. */
static size_t find_opener(parse_state *st)
{
	size_t i, seen = 0;
	for (i = 0; next_front_line(st, &i, &seen); i++)
		if (parse_opens_with(st->lines[i].text, st->lines[i].len,
				RESDIFF_SECTION_PREAMBLE_OPENERS))
			return i;
	return NO_LINE;
}

/* A line no longer than a heading (a title: "99/1. Информационно-…"). */
static bool line_shaped(const parse_line *l)
{
	bool cjk;
	size_t n = parse_visible_chars(l->text, l->len, &cjk);
	return n <= (cjk ? HEADING_MAX_CJK : HEADING_MAX_LATIN);
}

/* A resolution body pasted without its chapeau ("The General Assembly,"):
 * before paragraph 1, blocks of lines that read as recitals. A block ends
 * at a line that ends a clause; a new one starts there, or after a blank
 * line at a line that opens a clause. The recitals start at the first
 * block that opens with a word of the language tables (opens_clause) and
 * ends as a recital does (comma, semicolon, or a colon before a list),
 * taking with it the run of comma-ended blocks right before it (a recital
 * whose opener the tables lack); when no block opens so, at that run if
 * paragraph 1 opens with an operative verb ("1. Decides"), else at
 * paragraph 1 itself. Returns the line, or NO_LINE: the search stops where
 * a report's front matter would (a summary, a heading label) and must stop
 * at paragraph 1, so a report is never read this way. */
static size_t find_headless_recital(parse_state *st)
{
	const resdiff_lang_list *summaries = resdiff_lang_all(RESDIFF_SECTION_SUMMARY_LINES);
	size_t i, k, seen = 0, first = NO_LINE, run = NO_LINE, start = NO_LINE, prev = NO_LINE;
	bool gap = false, after_end = false; /* the block follows a clause end */
	char low[1024];
	label_t lab;

	for (i = 0; next_front_line(st, &i, &seen); i++) {
		const parse_line *l = &st->lines[i];
		const parse_line *p = prev != NO_LINE ? &st->lines[prev] : NULL;
		bool opener, recital, ended = !p || front_ends_clause(p);
		uint32_t last;
		if (starts_heading_label(l->text, l->len))
			return NO_LINE;
		parse_lower(low, sizeof(low), l->text, l->len);
		for (k = 0; k < summaries->count; k++)
			if (!strcmp(low, summaries->entry[k].text))
				return NO_LINE;
		/* across a blank line, a clause opener starts a block: in capitals,
		 * or in lower case after a title-shaped line (Russian recitals) */
		if (ended || (i > prev + 1 && opens_clause(l->text, l->len, line_shaped(p)))) {
			if (!ended)
				run = NO_LINE; /* the block before never ended: no recital */
			start = i;
			gap = false;
			after_end = ended;
		} else if (i > prev + 1) {
			gap = true;
		}
		prev = i;
		if (!front_ends_clause(l))
			continue;
		/* the block [start, i] is whole */
		opener = opens_clause(st->lines[start].text, st->lines[start].len, after_end);
		last = parse_last_cp(l->text, l->len);
		recital = ends_recital(l->text, l->len) ||
			(opener && (last == ':' || last == 0xFF1A));
		if (opener && recital && first == NO_LINE)
			first = run != NO_LINE ? run : start;
		if (recital && (opener || !gap)) {
			if (run == NO_LINE)
				run = start;
		} else {
			run = NO_LINE;
		}
	}
	/* the search must have stopped at paragraph 1 */
	if (i >= st->count || st->lines[i].cls != LINE_TEXT || !opens_paragraph_one(st, &st->lines[i]))
		return NO_LINE;
	if (first != NO_LINE)
		return first;
	/* "1. Decides", or "1." alone and "Decides" on the next text line */
	parse_label_detect(&lab, st->lines[i].text, st->lines[i].len, st->lang);
	for (k = i; lab.len >= st->lines[k].len && k + 1 < st->count && k < i + PARA_ONE_LOOK; ) {
		if (st->lines[++k].cls == LINE_TEXT)
			lab.len = 0;
	}
	if (lab.kind == LABEL_NUMBER && lab.len < st->lines[k].len &&
	    opens_clause(st->lines[k].text + lab.len, st->lines[k].len - lab.len, true))
		return run != NO_LINE && (prev == NO_LINE || front_ends_clause(&st->lines[prev])) ? run : i;
	return NO_LINE;
}

static int take_headless(parse_state *st, front *fm, size_t recital)
{
	st->is_resolution = true;
	fm->end = recital;
	fm->kind = "resolution";
	return resdiff_doc_add_diag(st->doc, recital + 1,
		"no chapeau (such as \"The General Assembly,\") before the first "
		"preambular paragraph: read as a resolution without one");
}

/* The chapeau of a declaration: after the recitals and before the first
 * article or paragraph 1, a short line naming a body that ends in a comma
 * or in no punctuation at all, or a chapeau inside a formula line. */
static size_t find_late_chapeau(parse_state *st, size_t from)
{
	size_t i, seen = 0, end, f, cut;
	char low[512];
	for (i = from; next_front_line(st, &i, &seen); i++) {
		parse_line *l = &st->lines[i];
		if (parse_opens_with(l->text, l->len, RESDIFF_SECTION_PREAMBLE_OPENERS))
			continue;
		if ((f = parse_opens_with(l->text, l->len, RESDIFF_SECTION_PROCLAIMING_FORMULAS)) &&
		    inline_chapeau(l, f, &end, &cut)) {
			l->cut_at = (uint16_t)end;
			l->cut_len = (uint16_t)cut;
			return i;
		}
		if (len_ok_for_chapeau(l) && (ends_with_comma(l->text, l->len) ||
					       !parse_ends_clause(l->text, l->len))) {
			parse_lower(low, sizeof(low), l->text, l->len);
			if (contains_any(low, RESDIFF_SECTION_CHAPEAU_WORDS))
				return i;
		}
	}
	return NO_LINE;
}

/* The front matter of a declaration ends at its first recital, or at the
 * heading right before it ("Preamble") when a title stands before that. */
static size_t declaration_front_end(const parse_state *st, size_t opener)
{
	size_t k = opener, before = NO_LINE, first = NO_LINE;
	while (k > 0) {
		const parse_line *l = &st->lines[--k];
		if (l->cls != LINE_TEXT)
			continue;
		if (before == NO_LINE)
			before = k;
		first = k;
	}
	if (before != NO_LINE && first != before &&
	    parse_heading_shaped(st->lines[before].text, st->lines[before].len))
		return before;
	return opener;
}

static int take_declaration(parse_state *st, front *fm, size_t opener)
{
	size_t c = find_late_chapeau(st, opener + 1);
	char low[1024];
	int error;

	st->is_resolution = st->declaration = true;
	st->chapeau_line = c;
	fm->end = declaration_front_end(st, opener);
	fm->kind = "resolution";
	if (c == NO_LINE)
		return 0;
	if (!st->lines[c].cut_len) {
		parse_line *l = &st->lines[c];
		l->cls = LINE_CHAPEAU;
		parse_lower(low, sizeof(low), l->text, l->len);
		fm->body = body_of(low);
		return resdiff_doc_set_meta(st->doc, &st->doc->meta.chapeau, l->text);
	} else {
		const parse_line *l = &st->lines[c];
		char chap[512];
		size_t n = l->cut_len;
		while (n > 0 && l->text[l->cut_at + n - 1] == ' ')
			n--;
		snprintf(chap, sizeof(chap), "%.*s", (int)n, l->text + l->cut_at);
		parse_lower(low, sizeof(low), chap, strlen(chap));
		fm->body = body_of(low);
		error = resdiff_doc_set_meta(st->doc, &st->doc->meta.chapeau, chap);
	}
	return error;
}

/* A declaration's title is its first line. */
static void declaration_title(parse_state *st, front *fm)
{
	size_t i;
	resdiff_buf_clear(&fm->title);
	for (i = 0; i < fm->end; i++)
		if (st->lines[i].cls == LINE_FRONT) {
			const parse_line *l = &st->lines[i];
			parse_join(&fm->title, l->text, strip_front_marker(st, l->text, l->len));
			return;
		}
}

int parse_front_matter(parse_state *st)
{
	front fm;
	size_t opener, recital, amendment;
	int error = 0;

	memset(&fm, 0, sizeof(fm));
	st->chapeau_line = NO_LINE;
	fm.chapeau = find_chapeau(st);
	opener = find_opener(st);
	/* an amendment line before any chapeau or recital: a recital that
	 * cites "amendments to draft resolution …" makes no amendment */
	amendment = find_amendment_line(st);
	if (amendment != NO_LINE && ((fm.chapeau != NO_LINE && fm.chapeau < amendment) ||
				     (opener != NO_LINE && opener < amendment)))
		amendment = NO_LINE;
	/* without a chapeau, "Considérant" among a resolution's recitals
	 * ("Rappelant …", "Considérant …") makes no declaration */
	recital = amendment == NO_LINE && fm.chapeau == NO_LINE && opener != NO_LINE ?
		find_headless_recital(st) : NO_LINE;
	if (amendment != NO_LINE) {
		fm.chapeau = NO_LINE;
		take_amendment(st, &fm, amendment);
	} else if (recital != NO_LINE && recital < opener) {
		if ((error = take_headless(st, &fm, recital)) < 0)
			goto done;
	} else if (opener != NO_LINE && (fm.chapeau == NO_LINE || fm.chapeau > opener)) {
		fm.chapeau = NO_LINE;
		if ((error = take_declaration(st, &fm, opener)) < 0)
			goto done;
	} else if (fm.chapeau != NO_LINE) {
		if ((error = take_chapeau(st, &fm)) < 0)
			goto done;
	} else if ((recital = find_headless_recital(st)) != NO_LINE) {
		if ((error = take_headless(st, &fm, recital)) < 0)
			goto done;
	} else {
		find_report_front(st, &fm);
	}
	if ((error = read_front_lines(st, &fm)) < 0)
		goto done;
	if (fm.amendment && fm.title_first != NO_LINE)
		amendment_title(st, &fm);
	else if (st->declaration && !fm.resno)
		declaration_title(st, &fm);
	else if (!fm.resno && st->is_resolution)
		title_before_chapeau(st, &fm);
	if ((fm.title.size && (error = set_title(st, &fm)) < 0) ||
	    (error = set_symbol(st, &fm)) < 0 ||
	    (fm.kind && (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.kind, fm.kind)) < 0) ||
	    (fm.body && (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.body, fm.body)) < 0))
		goto done;
	st->doc->reads_adopted = fm.adopted && !is_draft(st->doc) && !fm.amendment;
	st->body_start = fm.chapeau == NO_LINE ? fm.end :
		st->lines[fm.chapeau].cut_len ? fm.chapeau : fm.chapeau + 1;
	st->body_end = st->count;
	if (st->doc->meta.title)
		error = mark_title_lines(st);
done:
	free(fm.resno);
	resdiff_buf_dispose(&fm.title);
	return error;
}

/* The number in "第 36 次全体会议", "54th plenary meeting", "3rd plenary
 * meeting", "54e séance plénière". */
static bool meeting_number(const char *s, size_t len, char out[16])
{
	char low[256];
	size_t i, n, adv;

	if (len >= sizeof(low) / 2)
		return false;
	/* the number first: most lines have none, and need no lower-casing */
	for (i = 0; i < len && resdiff_digit_at(s + i, len - i, &adv) < 0; i++)
		;
	if (i == len || resdiff_utf8_count(s, len) > END_LINE_MAX_CHARS)
		return false;
	parse_lower(low, sizeof(low), s, len);
	if (!contains_any(low, RESDIFF_SECTION_PLENARY_WORDS))
		return false;
	n = resdiff_digits_read(s + i, len - i, 15, out);
	return n > 0;
}

/* A line that holds a date and nothing else of substance. */
static bool date_only(const char *s, size_t len, char out[11])
{
	const resdiff_lang_list *marks = resdiff_lang_all(RESDIFF_SECTION_NUMERIC_DATE);
	size_t i, k, letters = 0, adv;
	if (resdiff_utf8_count(s, len) > END_LINE_MAX_CHARS || !parse_find_date(s, len, out))
		return false;
	for (i = 0; i < len; i += adv) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp > 0x7F && resdiff_text_is_ideograph((uint32_t)cp)) {
			for (k = 0; k < marks->count && marks->entry[k].cp != (uint32_t)cp; k++)
				;
			letters += k == marks->count; /* not 年 月 日 */
		}
	}
	return letters == 0;
}

int parse_end_matter(parse_state *st)
{
	size_t i, k;
	char num[16], date[11];
	int error = 0;

	for (i = st->body_start; i < st->body_end; i++) {
		parse_line *l = &st->lines[i];
		st->work++;
		if (l->cls != LINE_TEXT || !meeting_number(l->text, l->len, num))
			continue;
		l->cls = LINE_END;
		st->doc->reads_adopted |= !is_draft(st->doc);
		if (!st->doc->meta.meeting &&
		    (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.meeting, num)) < 0)
			return error;
		/* a date line right before or after it */
		for (k = i > 3 ? i - 3 : 0; k < st->body_end && k <= i + 3; k++) {
			parse_line *d = &st->lines[k];
			st->work++;
			if (d->cls == LINE_TEXT && date_only(d->text, d->len, date)) {
				d->cls = LINE_END;
				if ((error = resdiff_doc_set_meta(st->doc, &st->doc->meta.date, date)) < 0)
					return error;
			}
		}
	}
	return 0;
}
