/* parse_notes.c: footnote zones, bodies and markers.
 *
 * Pass 1 finds footnote bodies: after a separator line (____ or a line of
 * spaces), on lines starting with superscript digits, and in clusters of
 * consecutively labelled lines ("10 http://...", "11 ..."). When a label is
 * defined twice, separator and superscript zones win over clusters, larger
 * clusters over smaller, later over earlier; a losing zone goes back to
 * being text (its labels were markers with text after them).
 *
 * Pass 2 walks the main text in order and turns markers into references:
 * labels alone on a line, superscripts, digits glued to a word or after
 * punctuation ("Goals17", "issue,1", "文件，1"), a label starting a line
 * ("26 上举行了…"), and spaced digits ("Development 10 and") — each only
 * when it resolves against a body found in pass 1 and fits the order in
 * which footnotes are first cited, so real numbers stay in the text.
 *
 * Pass 3 (parse_footnotes_emit, after the units are built) adds the bodies
 * to the document with the diagnostics of what does not fit: a marker
 * without a body, a gap in the labels, a footnote no one cites.
 */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define CLUSTER_LOOKAHEAD 8   /* non-blank lines searched for the next label */
#define NOTE_MAX_LINES 60     /* a footnote body longer than this ends */
#define MARKER_ORDER_SLACK 3  /* a first citation may skip this many labels */
#define ZONE_MISSING_MAX 2    /* bodies that may be missing between two in a zone */
#define MARKER_LOOKBACK 40    /* non-blank lines searched back for a marker (a page) */
#define STAR_LOOKBACK 400     /* lines searched back for a "*" marker (the front page) */
#define STAR_RUN_MAX 3        /* "*", "**", "***": a longer run of stars is no marker */
#define ZONE_GAP_REPORT_MAX 20 /* missing footnote numbers reported per gap */
#define TITLE_LINK_MAX 3      /* letters of "of", "for" inside a title */
#define DOUBT_CONTEXT_MAX 40  /* bytes of text quoted before a doubtful marker */
#define CARRY_LINES_MAX 4     /* lines of a footnote carried over under the next page's rule */
#define ROMAN_CHAPTER_MAX 6   /* letters of a roman chapter number before "." ("VIII.20") */
#define PARAGRAPH_NUMBER_MAX 1000 /* "2015." at a line start is a wrapped year, not paragraph 2015 */

enum { ZONE_CLUSTER = 1, ZONE_STRONG = 1000 };

typedef struct {
	size_t start;      /* line index of the first label */
	size_t first_note, note_count;
	int strength;
	bool dissolved;
} zone;

/* Footnotes are found by label through an open-addressing table of the
 * notes that stand. It is built once the zones are settled, when every
 * label has one note at most (dissolved notes have the label "" and are
 * left out), so a file that defines the same labels again and again costs
 * one probe per lookup; notes added later (markers without a body) go in
 * as they come. */
static void index_put(int *t, size_t size, const parse_state *st, size_t note, size_t *work)
{
	size_t mask = size - 1, k;
	for (k = parse_hash(st->notes[note].label) & mask; t[k] >= 0; k = (k + 1) & mask)
		(*work)++;
	t[k] = (int)note;
}

static int index_resize(parse_state *st, size_t size)
{
	size_t i;
	int *t = malloc(size * sizeof(*t));
	if (!t)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < size; i++)
		t[i] = -1;
	for (i = 0; i < st->note_count; i++)
		if (st->notes[i].label[0])
			index_put(t, size, st, i, &st->work);
	free(st->index);
	st->index = t;
	st->index_size = size;
	return 0;
}

static int index_build(parse_state *st)
{
	size_t live = 0, i, size = 64;
	for (i = 0; i < st->note_count; i++)
		live += st->notes[i].label[0] != '\0';
	while (size < live * 2 + 2)
		size *= 2;
	st->index_live = live;
	return index_resize(st, size);
}

static int index_insert(parse_state *st, size_t note)
{
	int error;
	if (!st->index || !st->notes[note].label[0])
		return 0; /* not built yet: index_build() takes it */
	if ((st->index_live + 1) * 2 > st->index_size &&
	    (error = index_resize(st, st->index_size * 2)) < 0)
		return error;
	index_put(st->index, st->index_size, st, note, &st->work);
	st->index_live++;
	return 0;
}

static int note_find(const parse_state *st, const char *label)
{
	size_t mask, k;
	if (!st->index_size || !label[0])
		return -1;
	mask = st->index_size - 1;
	for (k = parse_hash(label) & mask; st->index[k] >= 0; k = (k + 1) & mask)
		if (!strcmp(st->notes[st->index[k]].label, label))
			return st->index[k];
	return -1;
}

/* Does a body found in a zone carry the label? */
static bool defined(const parse_state *st, const char *label)
{
	int n = note_find(st, label);
	return n >= 0 && st->notes[n].in_zone;
}

/* Does label b follow label a (2 after 1, ** after *, 1 after stars)? */
static bool label_follows(const char *a, const char *b)
{
	if (a[0] == '*')
		return (b[0] == '*' && strlen(b) == strlen(a) + 1) || !strcmp(b, "1");
	if (b[0] == '*')
		return false;
	return atoi(b) == atoi(a) + 1;
}

/* Inside a zone a body may be missing: 3 may come after 1 (the marker of
 * 2 is then reported as having no footnote text). */
static bool label_follows_in_zone(const char *a, const char *b)
{
	int gap;
	if (a[0] == '*' || b[0] == '*')
		return label_follows(a, b);
	gap = atoi(b) - atoi(a);
	return gap >= 1 && gap <= 1 + ZONE_MISSING_MAX;
}

static bool is_numbered_start(const char *s, size_t len)
{
	char num[6];
	size_t i = resdiff_digits_read(s, len, 5, num), adv;
	return i > 0 && strlen(num) <= 4 && i < len && s[i] == '.' &&
	       resdiff_digit_at(s + i + 1, len - i - 1, &adv) < 0;
}

/* "1 - يقرر": after the number at s[0..n), spaces and a dash. A paragraph
 * number (Arabic style), never a footnote's label or marker. */
static bool dash_numbered(const char *s, size_t len, size_t n)
{
	while (n < len && (s[n] == ' ' || s[n] == '\t'))
		n++;
	return n < len && (s[n] == '-' || !strncmp(s + n, "–", 3));
}

static bool label_only(const parse_line *l, char label[16], bool *sup)
{
	return l->cls == LINE_TEXT && parse_note_label(l->text, l->len, label, sup) == l->len;
}

/* Is line i the start of a footnote body? Sets the label, the line where
 * the body text starts and the byte offset of the text in that line. */
static bool candidate_at(parse_state *st, size_t i, char label[16], size_t *body_line,
		size_t *text_off, bool *sup)
{
	const parse_line *l = &st->lines[i];
	size_t n, j;

	if (l->cls != LINE_TEXT)
		return false;
	n = parse_note_label(l->text, l->len, label, sup);
	if (n == 0)
		return false;
	if (n == l->len) {
		for (j = i + 1; j < st->count && st->lines[j].cls == LINE_BLANK; j++)
			st->work++;
		if (j >= st->count || st->lines[j].cls != LINE_TEXT)
			return false;
		if (is_numbered_start(st->lines[j].text, st->lines[j].len) ||
		    parse_note_label(st->lines[j].text, st->lines[j].len, (char[16]){0}, &(bool){0}) ==
		    st->lines[j].len)
			return false;
		*body_line = j;
		*text_off = 0;
		return true;
	}
	/* inline: "12 text" (space required after digits/stars), "¹ text" */
	if (!*sup && l->text[n] != ' ' && l->text[n] != '\t')
		return false;
	j = n;
	while (j < l->len && (l->text[j] == ' ' || l->text[j] == '\t'))
		j++;
	if (j >= l->len || dash_numbered(l->text, l->len, n))
		return false;
	/* "18 December 1997, 54/200 of": a date wrapped onto the line */
	if (!*sup && parse_month_then_number(l->text + j, l->len - j))
		return false;
	*body_line = i;
	*text_off = j;
	return true;
}

static bool ends_sentence(const char *s, size_t len)
{
	uint32_t c;
	size_t closers = 0;
	while (len) {
		c = parse_last_cp(s, len);
		if ((c == 0x201D || c == 0x2019 || c == ')' || c == 0xFF09 || c == '"' || c == 0x300B ||
		     c == 0x300D) && closers++ < CLOSERS_MAX) {
			size_t k = len - 1;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			len = k;
			continue;
		}
		return c == 0x3002 || c == '.' || c == 0xFF0E || c == ';' || c == 0xFF1B ||
		       c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F;
	}
	return false;
}

/* Join a line to a footnote body, keeping count of open brackets. */
static int note_append(parse_note *n, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		if (s[i] == '(' || s[i] == '[')
			n->open++;
		else if ((s[i] == ')' || s[i] == ']') && n->open > 0)
			n->open--;
	}
	return parse_join(&n->text, s, len);
}

/* A body that ends in an abbreviation a number follows ("Sales No.
 * E.95.XIII.18", "vol. 1771": citation-abbreviations) is not finished. */
static bool ends_with_number_abbrev(const char *s, size_t len)
{
	const resdiff_lang_list *l = resdiff_lang_all(RESDIFF_SECTION_CITATION_ABBREVIATIONS);
	size_t i, n;
	for (i = 0; i < l->count; i++) {
		n = l->entry[i].len;
		if (len >= n && !memcmp(s + len - n, l->entry[i].text, n) &&
		    (len == n || s[len - n - 1] == ' ' || s[len - n - 1] == '('))
			return true;
	}
	return false;
}

/* "E.95.XIII.18 and corrigendum), chap. I": a line that starts with a
 * sales number or a document symbol ("A/RES/70/1", "FCCC/CP/2015/10")
 * carries on the reference of a footnote body. */
static bool starts_with_reference(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 7 && s[i] >= 'A' && s[i] <= 'Z')
		i++;
	if (i == 0 || i >= len)
		return false;
	if (s[i] == '/')
		return i + 1 < len && ((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (s[i + 1] >= '0' && s[i + 1] <= '9'));
	/* sales numbers: a language letter or two, the year, a roman category */
	return i <= 2 && s[i] == '.' && i + 3 < len && s[i + 1] >= '0' && s[i + 1] <= '9' &&
	       s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] == '.';
}

/* A footnote body that reads as a finished sentence still goes on to the
 * next line when a bracket is open, when it ends in "No." or the like,
 * when the next line starts with a sales number or a symbol, or when it
 * ends in a semicolon and no blank line stands before the next line (a
 * list of references: "(E/2011/31);\nibid., 2012"). */
static bool body_finished(const parse_note *n, const parse_line *next, bool blank)
{
	return ends_sentence(n->text.ptr, n->text.size) && n->open == 0 &&
	       !ends_with_number_abbrev(n->text.ptr, n->text.size) &&
	       !starts_with_reference(next->text, next->len) &&
	       (blank || n->text.ptr[n->text.size - 1] != ';');
}

static int note_new(parse_state *st, const char *label, size_t line)
{
	parse_note *n;
	int error;
	if (st->note_count == st->note_alloc) {
		size_t na = st->note_alloc ? st->note_alloc * 2 : 32;
		parse_note *p = realloc(st->notes, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		st->notes = p;
		st->note_alloc = na;
	}
	n = &st->notes[st->note_count];
	memset(n, 0, sizeof(*n));
	if (!(n->label = resdiff_arena_strdup(st->doc->arena, label)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	n->line = line;
	n->first = n->last = line;
	if ((error = index_insert(st, st->note_count)) < 0)
		return error;
	return (int)st->note_count++;
}

/* Is the first non-blank line after k a body labelled after `prev`? */
static bool next_label_after(parse_state *st, size_t k, const char *prev)
{
	char label[16];
	size_t j, bl, off;
	bool sup;
	for (j = k + 1; j < st->count && st->lines[j].cls == LINE_BLANK; j++)
		st->work++;
	return j < st->count && candidate_at(st, j, label, &bl, &off, &sup) && label_follows(prev, label);
}

/* "Recalling also …" after a blank line: a clause of the main text opens
 * here. Without a rule above them, footnote bodies do not run on into one. */
static bool opens_clause(const parse_line *l)
{
	size_t adv;
	int32_t c = resdiff_utf8_decode(l->text, l->len, &adv);
	return c > 0 && u_isupper((UChar32)c) &&
	       parse_opens_with(l->text, l->len, RESDIFF_SECTION_LEADING_WORDS) > 0;
}

/* "25" alone on its line after a blank line, the next paragraph number
 * (the last "24." read was paragraph 24), with no footnote 25 anywhere and
 * a clause opening on the next text line ("25 " / "Condemns without
 * reservation …"): a paragraph number printed without its full stop, not a
 * marker (issue 10, class AA). The line stays text; parse_blocks.c takes
 * it as the label. */
static bool number_opens_paragraph(const parse_state *st, size_t i, const char *label, bool sup,
		int last_paragraph)
{
	size_t k;
	if (sup || label[0] < '0' || label[0] > '9' || last_paragraph <= 0 ||
	    atoi(label) != last_paragraph + 1 || defined(st, label))
		return false;
	if (i == 0 || i <= st->body_start || st->lines[i - 1].cls != LINE_BLANK)
		return false;
	for (k = i + 1; k < st->count && st->lines[k].cls == LINE_BLANK; k++)
		;
	return k < st->count && st->lines[k].cls == LINE_TEXT && opens_clause(&st->lines[k]);
}

/* Read one zone from line i whose first label is known to start there.
 * Returns the line index after the zone. */
static int read_zone(size_t *next, parse_state *st, size_t i, zone *z, bool clustered)
{
	char label[16], prev[16] = "";
	size_t body_line, off, k;
	bool sup, blank = false;
	int idx = -1, error;
	parse_note *cur = NULL;

	z->start = i;
	z->first_note = st->note_count;
	k = i;
	while (k < st->count) {
		parse_line *l = &st->lines[k];
		st->work++;
		if (l->cls == LINE_BLANK) {
			blank = true;
			k++;
			continue;
		}
		if (l->cls != LINE_TEXT && l->cls != LINE_NOTE)
			break;
		/* the next label, or one a little further on when the body before
		 * ends a sentence (a body may be missing); "New York,\n17 March
		 * 2022" goes on */
		if (candidate_at(st, k, label, &body_line, &off, &sup) &&
		    (!cur || label_follows(prev, label) ||
		     (ends_sentence(cur->text.ptr, cur->text.size) &&
		      (sup || label_follows_in_zone(prev, label))))) {
			size_t m;
			if ((idx = note_new(st, label, k)) < 0)
				return idx;
			cur = &st->notes[idx];
			cur->in_zone = true;
			cur->clustered = clustered;
			snprintf(prev, sizeof(prev), "%s", label);
			for (m = k; m <= body_line; m++)
				if (st->lines[m].cls == LINE_TEXT) {
					st->lines[m].cls = LINE_NOTE;
					st->lines[m].note = idx;
				}
			if ((error = note_append(cur, st->lines[body_line].text + off,
					st->lines[body_line].len - off)) < 0)
				return error;
			cur->first = k;
			cur->last = body_line;
			k = body_line + 1;
			blank = false;
			continue;
		}
		if (!cur || is_numbered_start(l->text, l->len) || k - cur->first > NOTE_MAX_LINES ||
		    (clustered && blank && opens_clause(l)))
			break;
		/* a body that seems complete still goes on when the next label
		 * follows right after this line ("…http://groups.\naspx?…。\n30 …") */
		if (body_finished(cur, l, blank) &&
		    !(cur->text.size && cur->text.ptr[cur->text.size - 1] == '.' &&
		      (unsigned char)l->text[0] < 0x80 && next_label_after(st, k, prev)))
			break;
		/* continuation of the current body */
		if ((error = note_append(cur, l->text, l->len)) < 0)
			return error;
		l->cls = LINE_NOTE;
		l->note = idx;
		cur->last = k;
		k++;
		blank = false;
	}
	z->note_count = st->note_count - z->first_note;
	*next = k;
	return 0;
}

/* A cluster: a candidate whose successor label follows within a few lines. */
static bool cluster_follows(parse_state *st, size_t i, const char *label)
{
	char next[16];
	size_t k, seen = 0, bl, off;
	bool sup;

	/* the last line of the text: footnotes of the last page */
	candidate_at(st, i, next, &bl, &off, &sup);
	for (k = bl + 1; k < st->count && st->lines[k].cls != LINE_TEXT; k++)
		st->work++;
	if (k >= st->count)
		return true;
	for (k = i + 1; k < st->count && seen < CLUSTER_LOOKAHEAD; k++) {
		const parse_line *l = &st->lines[k];
		st->work++;
		if (l->cls == LINE_BLANK)
			continue;
		if (l->cls != LINE_TEXT)
			return false;
		seen++;
		if (candidate_at(st, k, next, &bl, &off, &sup) && label_follows(label, next))
			return true;
	}
	return false;
}

/* "20 拉加经委会…" and a few lines on " 20 该计划可查询 http://…": the
 * label seen first is the marker, the one that repeats it is the body. */
static bool marker_precedes(parse_state *st, size_t i, const char *label)
{
	char prev[16];
	size_t k, seen = 0;
	bool sup;

	for (k = i; k > st->body_start && seen < MARKER_LOOKBACK; k--) {
		const parse_line *l = &st->lines[k - 1];
		st->work++;
		size_t n;
		if (l->cls == LINE_BLANK)
			continue;
		if (l->cls != LINE_TEXT && l->cls != LINE_DEBRIS)
			return false;
		seen++;
		n = parse_note_label(l->text, l->len, prev, &sup);
		if (n && !sup && !strcmp(prev, label) && (n == l->len || l->text[n] == ' '))
			return true;
	}
	return false;
}

/* "* On behalf of the States …" at the foot of a page, with no rule above
 * it: a body when its marker stands glued to a word before it, in the
 * front matter too ("Iraq:* draft resolution", "Assembly*"). */
static bool star_cited_before(parse_state *st, size_t i, const char *label)
{
	size_t k, n = strlen(label), from = i > STAR_LOOKBACK ? i - STAR_LOOKBACK : 0;

	if (label[0] != '*')
		return false;
	for (k = from; k < i; k++) {
		const parse_line *l = &st->lines[k];
		const char *p = l->text, *end = l->text + l->len;
		if (l->cls == LINE_BLANK || l->cls == LINE_SEPARATOR)
			continue;
		while ((p = memchr(p, '*', (size_t)(end - p))) != NULL) {
			st->work++;
			if (p > l->text && p[-1] != ' ' && p[-1] != '*' && (size_t)(end - p) >= n &&
			    !strncmp(p, label, n) && (p + n == end || p[n] != '*'))
				return true;
			while (p < end && *p == '*')
				p++;
		}
	}
	return false;
}

static void dissolve(parse_state *st, zone *z)
{
	size_t n, k;
	for (n = z->first_note; n < z->first_note + z->note_count; n++) {
		parse_note *note = &st->notes[n];
		for (k = note->first; k <= note->last; k++, st->work++)
			if (st->lines[k].cls == LINE_NOTE && st->lines[k].note == (int)n)
				st->lines[k].cls = LINE_TEXT;
		note->in_zone = false;
		note->label = "";
	}
	z->dissolved = true;
}

/* Keep one definition per label (see the file comment): notes sorted by
 * label, so this is O(n log n) however many zones there are. */
typedef struct {
	const char *label;
	size_t zone;
} zone_label;

static int cmp_zone_label(const void *a, const void *b)
{
	const zone_label *x = a, *y = b;
	int c = strcmp(x->label, y->label);
	return c ? c : (x->zone < y->zone ? -1 : x->zone > y->zone);
}

static int resolve_duplicates(parse_state *st, zone *zones, size_t nzones)
{
	zone_label *all;
	size_t n = 0, z, k, i, j;

	for (z = 0; z < nzones; z++)
		n += zones[z].note_count;
	if (!n)
		return 0;
	if (!(all = malloc(n * sizeof(*all))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (z = 0, n = 0; z < nzones; z++)
		for (k = zones[z].first_note; k < zones[z].first_note + zones[z].note_count; k++) {
			all[n].label = st->notes[k].label;
			all[n++].zone = z;
		}
	qsort(all, n, sizeof(*all), cmp_zone_label);
	for (i = 0; i < n; i = j) {
		size_t best = all[i].zone;
		for (j = i + 1; j < n && !strcmp(all[j].label, all[i].label); j++, st->work++) {
			const zone *a = &zones[best], *b = &zones[all[j].zone];
			/* stronger wins; of equals, the later (bodies follow markers) */
			if (zones[best].dissolved || (!b->dissolved &&
			    (b->strength > a->strength || (b->strength == a->strength && b->start > a->start))))
				best = all[j].zone;
		}
		for (k = i; k < j; k++)
			if (all[k].zone != best && !zones[all[k].zone].dissolved)
				dissolve(st, &zones[all[k].zone]);
	}
	free(all);
	return 0;
}

/* A cluster (no rule above it) must carry on the numbering: its first
 * label is 1 or a star, or one of the few labels before it stands in
 * another zone. "18 December 1997, …" and "19 December 2023," in a
 * document whose footnotes are 1 to 4 are wrapped lines of text. Zones in
 * document order; returns whether any was dissolved. */
static bool drop_stray_clusters(parse_state *st, zone *zones, size_t nz)
{
	size_t z;
	int v, k;
	bool dropped = false, found;
	char lab[16];

	for (z = 0; z < nz; z++) {
		const parse_note *first;
		if (zones[z].dissolved || zones[z].strength >= ZONE_STRONG || !zones[z].note_count)
			continue;
		first = &st->notes[zones[z].first_note];
		v = first->label[0] == '*' ? 0 : atoi(first->label);
		if (v <= 1)
			continue;
		for (k = v - 1, found = false; k >= 1 && k >= v - 1 - ZONE_MISSING_MAX && !found; k--) {
			snprintf(lab, sizeof(lab), "%d", k);
			found = defined(st, lab);
		}
		if (!found) {
			dissolve(st, &zones[z]);
			dropped = true;
		}
	}
	return dropped;
}

/* "__________________" / "corrigendum (E/2005/27 …), chap. I, sect. D." /
 * "43 Ibid., …": the first lines under a rule carry on the last footnote
 * of the page before (its body broke across the page), and the next
 * footnote's label follows. Those lines join that footnote's body; returns
 * how many lines were taken (0: none, the rule opens no such zone). */
static int carried_over(parse_state *st, size_t i)
{
	parse_note *last = &st->notes[st->note_count - 1];
	char label[16];
	size_t k, bl, off, seen = 0, m;
	bool sup;
	int error;

	if (!last->in_zone)
		return 0;
	for (k = i; k < st->count && seen < CARRY_LINES_MAX; k++) {
		if (st->lines[k].cls == LINE_BLANK)
			continue;
		if (st->lines[k].cls != LINE_TEXT)
			return 0;
		if (candidate_at(st, k, label, &bl, &off, &sup))
			break;
		seen++;
	}
	if (k >= st->count || seen == 0 || seen >= CARRY_LINES_MAX ||
	    !candidate_at(st, k, label, &bl, &off, &sup) || !label_follows(last->label, label))
		return 0;
	for (m = i; m < k; m++) {
		parse_line *l = &st->lines[m];
		if (l->cls != LINE_TEXT)
			continue;
		if ((error = note_append(last, l->text, l->len)) < 0)
			return error;
		l->cls = LINE_NOTE;
		l->note = st->note_count - 1;
		last->last = m;
	}
	return (int)(k - i);
}

static int find_zones(parse_state *st, zone **out, size_t *nout)
{
	zone *zones = NULL;
	size_t nz = 0, alloc = 0, i = st->body_start, next, bl, off;
	bool after_sep = false, sup;
	char label[16];
	int error = 0;

	while (i < st->count) {
		parse_line *l = &st->lines[i];
		int strength = 0;
		st->work++;
		if (l->cls == LINE_SEPARATOR) {
			after_sep = true;
			i++;
			continue;
		}
		if (l->cls == LINE_BLANK) {
			i++;
			continue;
		}
		if (l->cls != LINE_TEXT) {
			after_sep = false;
			i++;
			continue;
		}
		if (after_sep && st->note_count > 0 && !candidate_at(st, i, label, &bl, &off, &sup)) {
			int taken = carried_over(st, i);
			if (taken < 0) {
				error = taken;
				goto done;
			}
			if (taken > 0) {
				i += (size_t)taken; /* the zone goes on with the next label */
				continue;
			}
		}
		if (candidate_at(st, i, label, &bl, &off, &sup)) {
			if (after_sep || sup)
				strength = ZONE_STRONG;
			/* without a separator, only "12 text" lines make a zone: a
			 * label alone on a line before text is a marker ("…的报告，\n2\n
			 * 满意地注意到…"), even when the next one follows it */
			else if (bl == i && (cluster_follows(st, i, label) || marker_precedes(st, i, label) ||
					     star_cited_before(st, i, label)))
				strength = ZONE_CLUSTER;
		}
		after_sep = false;
		if (!strength) {
			i++;
			continue;
		}
		if (nz == alloc) {
			size_t na = alloc ? alloc * 2 : 16;
			zone *p = realloc(zones, na * sizeof(*p));
			if (!p) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			zones = p;
			alloc = na;
		}
		memset(&zones[nz], 0, sizeof(zones[nz]));
		if ((error = read_zone(&next, st, i, &zones[nz], strength != ZONE_STRONG)) < 0)
			goto done;
		zones[nz].strength = strength == ZONE_STRONG ? ZONE_STRONG :
			ZONE_CLUSTER + (int)zones[nz].note_count;
		nz++;
		i = next > i ? next : i + 1;
	}
	if ((error = resolve_duplicates(st, zones, nz)) < 0 ||
	    (error = index_build(st)) < 0)
		goto done;
	if (drop_stray_clusters(st, zones, nz) && (error = index_build(st)) < 0)
		goto done;
	/* the zones that stand, in order, for body_in_next_zone's search */
	for (i = 0, next = 0; i < nz; i++)
		if (!zones[i].dissolved)
			zones[next++] = zones[i];
	nz = next;
done:
	if (error < 0) {
		free(zones);
		return error;
	}
	*out = zones;
	*nout = nz;
	return 0;
}

/* Where the labels of footnotes stand in a strong form in the main text:
 * glued to a word or a closing mark ("Agreement,3"), or superscript. A
 * weak form of the same label before it (a number set off by spaces,
 * "paragraph 3 of") is then text: the marker is the strong one. */
typedef struct {
	size_t line, byte;
} spot;

#define SPOT_LABELS 1000      /* numeric labels 1..999 */

typedef struct {
	spot *spots;          /* by label value, then in reading order */
	size_t first[SPOT_LABELS + 1]; /* spots of value v: [first[v], first[v + 1]) */
} strong_spots;

typedef struct {
	int max_cited;        /* highest numeric label cited so far */
	const zone *zones;
	size_t nzones;
	const strong_spots *strong;
	/* label_count_around()'s last answer: the count of count_label in the
	 * stretch before zone count_zone (counted once per zone, not once per
	 * number, so that many candidates in one stretch stay linear) */
	bool count_known;
	char count_label[16];
	size_t count_zone, count;
} cite_state;

/* A label cited with no body anywhere (a number alone on its line whose
 * footnote is missing) does not move the order on: the markers of the
 * footnotes that do have bodies are still read after it (issue 10, class
 * AB: a stray "25" must not make "denial;15" wait for a marker 27). */
static void cite(parse_state *st, cite_state *cs, const char *label, size_t li)
{
	int n = note_find(st, label);
	if (n >= 0 && !st->notes[n].cited) {
		st->notes[n].cited = true;
		st->notes[n].cited_line = li;
	}
	if (label[0] != '*' && n >= 0 && st->notes[n].in_zone && atoi(label) > cs->max_cited)
		cs->max_cited = atoi(label);
}

/* First citation in order (allowing a few skipped labels), or a re-citation. */
static bool plausible(const parse_state *st, const cite_state *cs, const char *label, bool recite_ok)
{
	int n = note_find(st, label), v = label[0] == '*' ? 0 : atoi(label);
	if (n < 0 || !st->notes[n].in_zone)
		return false;
	if (st->notes[n].cited)
		return recite_ok;
	return label[0] == '*' || (v > cs->max_cited && v <= cs->max_cited + MARKER_ORDER_SLACK);
}

/* Is the body of `label` in the first zone after line i? (Zones are in
 * document order and none is dissolved here: a binary search.) */
/* The first zone that starts after line i: zones are in document order,
 * a binary search. */
static size_t next_zone(const cite_state *cs, size_t i)
{
	size_t lo = 0, hi = cs->nzones;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cs->zones[mid].start <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool body_in_next_zone(const parse_state *st, const cite_state *cs, size_t i, const char *label)
{
	size_t lo = next_zone(cs, i);
	int n = note_find(st, label);
	if (n < 0)
		return false;
	return lo < cs->nzones && (size_t)n >= cs->zones[lo].first_note &&
	       (size_t)n < cs->zones[lo].first_note + cs->zones[lo].note_count;
}

static bool closing_punct(uint32_t c)
{
	return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == 0x201D ||
	       c == 0x2019 || c == '"' || c == 0x00BB || c == 0xFF0C || c == 0x3002 ||
	       c == 0xFF1B || c == 0xFF1A || c == 0x3001 || c == 0xFF09 || c == 0x300D ||
	       c == 0x300F || c == 0x300B || c == 0x060C || c == 0x061B;
}

static bool right_ok(const char *s, size_t len, size_t i)
{
	size_t adv;
	int32_t c;
	if (i >= len)
		return true;
	c = resdiff_utf8_decode(s + i, len - i, &adv);
	if (c == ' ' || c == '\t')
		return true;
	if (c == '%' || c == '/' || c == '-' || c == '.' || c == 0x2013)
		return false; /* 9.6%, 2006/46, 1-5, 2.5.1 */
	return !u_isalnum(c);
}

/* "、4 个国家": after a list separator, a number set off by spaces before a
 * CJK word is a quantity (the extraction spaces numbers inside CJK text),
 * not a glued marker; "(…)47 所指出" after a bracket still is one. */
static bool quantity_follows(const char *s, size_t len, size_t i)
{
	size_t adv;
	int32_t c;
	if (i >= len || s[i] != ' ')
		return false;
	while (i < len && s[i] == ' ')
		i++;
	c = i < len ? resdiff_utf8_decode(s + i, len - i, &adv) : -1;
	return c > 0 && resdiff_text_is_ideograph((uint32_t)c);
}

#define MARKER_WORD_MIN 5  /* letters in a lower-case word a spaced marker follows */

/* Can the word before the space before s[i] carry a spaced marker? A
 * capitalised word ("Development 10", "Nations 1") or a longer one ("report
 * 11"); short lower-case words are the determiners and prepositions that
 * come before quantities ("that 2", "from 17", "all 17", "with 75"). */
static bool marker_word_before(const char *s, size_t i)
{
	size_t k = i, end, adv, letters = 0, j;
	int32_t c;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	end = k;
	while (k > 0 && s[k - 1] != ' ')
		k--;
	c = resdiff_utf8_decode(s + k, end - k, &adv);
	if (c > 0 && u_isupper((UChar32)c))
		return true;
	for (j = k; j < end; j += adv) {
		c = resdiff_utf8_decode(s + j, end - j, &adv);
		letters += c > 0 && u_isalpha((UChar32)c);
	}
	return letters >= MARKER_WORD_MIN;
}

/* Punctuation that separates list items: a number after it is counted. */
static bool list_punct(uint32_t c)
{
	return c == 0x3001 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';' ||
	       c == ':' || c == 0x060C || c == 0x061B;
}

/* Does a number that a reference numbers stand right before s[i], or
 * one space before it: one to three digits ("rule 5(1)", "article
 * 12(3)", "Article 2 (4) of the Charter"), not a year ("2015(1)"), nor
 * the end of a symbol ("70/1(1)"), after which a bracketed number is a
 * footnote's marker? */
static bool reference_number_before(const char *s, size_t i)
{
	size_t k, n = 0, adv;
	if (i > 1 && s[i - 1] == ' ')
		i--;
	k = i;
	while (resdiff_digit_before(s, k, &adv) >= 0) {
		k -= adv;
		n++;
	}
	return k < i && n <= 3 && !(k > 0 && (s[k - 1] == '/' || s[k - 1] == '.' ||
						   s[k - 1] == '-' || s[k - 1] == ','));
}

static bool glued_shape(const char *s, size_t len, size_t i, size_t n, uint32_t prev)
{
	return n && prev != 0 && right_ok(s, len, i + n) &&
	       (u_islower((UChar32)prev) || closing_punct(prev)) &&
	       !(list_punct(prev) && quantity_follows(s, len, i + n)) &&
	       !(prev == '.' && resdiff_text_symbol_part_before(s, i));
}

/* A number glued after a dotted number ("indicator 5.4.1, and", "target
 * 5.4 and"): is it a marker after a sentence's full stop ("… in
 * 2025.3 The")? Only when the sentence ends there: nothing glued after
 * it, and after its spaces the end of the line (whose next line does not
 * go on in lower case) or a word that does not open in lower case. */
static bool sentence_ends_after(const parse_state *st, size_t li, const char *s, size_t len,
		size_t j)
{
	size_t adv;
	int32_t c;
	if (j < len && s[j] != ' ')
		return false;
	while (j < len && s[j] == ' ')
		j++;
	if (j == len) {
		const parse_line *next = li + 1 < st->count ? &st->lines[li + 1] : NULL;
		size_t k = 0;
		while (next && k < next->len && next->text[k] == ' ')
			k++;
		if (!next || k == next->len)
			return true;
		c = resdiff_utf8_decode(next->text + k, next->len - k, &adv);
		return !(c > 0 && u_islower((UChar32)c));
	}
	c = resdiff_utf8_decode(s + j, len - j, &adv);
	return !(c > 0 && u_islower((UChar32)c));
}

/* Is s[.. d) a roman numeral in capitals standing as a word ("IV",
 * "VIII", "XII"), the chapter of a report's paragraph number ("paragraph
 * VIII.20")? */
static bool roman_word_before(const char *s, size_t d)
{
	size_t k = d;
	while (k > 0 && d - k < ROMAN_CHAPTER_MAX && s[k - 1] && strchr("IVXLC", s[k - 1]))
		k--;
	return k < d && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '(');
}

/* Does the number at s[i .. j) go on the dotted number before it ("5.4.1,
 * and", "paragraph IV.15 of"): glued after a digit, or a roman chapter
 * number, and a full stop where no sentence ends? */
static bool number_goes_on(const parse_state *st, size_t li, const char *s, size_t len,
		size_t i, size_t j, uint32_t prev, uint32_t prev2)
{
	return prev == '.' && ((prev2 >= '0' && prev2 <= '9') || (i > 0 && roman_word_before(s, i - 1))) &&
	       !sentence_ends_after(st, li, s, len, j);
}

/* One pass over the main text for the strong spots (see strong_spots). */
static int find_strong_spots(parse_state *st, strong_spots *ss)
{
	size_t count[SPOT_LABELS + 1] = { 0 }, li, v;
	int error = 0, pass;

	memset(ss, 0, sizeof(*ss));
	/* pass 0 counts, pass 1 fills (a counting sort by label value) */
	for (pass = 0; pass < 2 && !error; pass++) {
		if (pass == 1) {
			for (v = 0; v < SPOT_LABELS; v++)
				ss->first[v + 1] = ss->first[v] + count[v];
			if (!ss->first[SPOT_LABELS])
				break;
			if (!(ss->spots = malloc(ss->first[SPOT_LABELS] * sizeof(*ss->spots)))) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				break;
			}
			memcpy(count, ss->first, sizeof(count));
		}
		for (li = st->body_start; li < st->count; li++) {
			const parse_line *l = &st->lines[li];
			const char *s = l->text;
			size_t len = l->len, i = 0, adv, n;
			uint32_t prev = 0, prev2 = 0;
			char label[16];
			bool sup;
			if (l->cls != LINE_TEXT)
				continue;
			st->work += len;
			while (i < len) {
				int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
				n = 0;
				if (parse_superscript_digit(cp) > 0 ||
				    (cp >= '1' && cp <= '9' && !(prev >= '0' && prev <= '9'))) {
					n = parse_note_label(s + i, len - i, label, &sup);
					if (n && !sup && (!glued_shape(s, len, i, n, prev) ||
							  number_goes_on(st, li, s, len, i, i + n, prev, prev2)))
						n = 0;
					if (n && label[0] != '*' && defined(st, label) &&
					    (v = (size_t)atoi(label)) < SPOT_LABELS) {
						if (pass == 0) {
							count[v]++;
						} else {
							ss->spots[count[v]].line = li;
							ss->spots[count[v]++].byte = i;
						}
					}
				}
				prev2 = prev;
				prev = cp < 0 ? 0 : (uint32_t)cp;
				i += n ? n : adv;
			}
		}
	}
	return error;
}

/* Is there a strong spot of `label` after byte i of line li and before
 * the zone that holds its body? */
static bool strong_later(const cite_state *cs, size_t li, size_t i, const char *label)
{
	const strong_spots *ss = cs->strong;
	size_t v = label[0] == '*' ? 0 : (size_t)atoi(label), lo, hi, z;
	if (!ss || v == 0 || v >= SPOT_LABELS)
		return false;
	lo = ss->first[v];
	hi = ss->first[v + 1];
	/* the first spot after (li, i) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const spot *p = &ss->spots[mid];
		if (p->line < li || (p->line == li && p->byte <= i))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= ss->first[v + 1])
		return false;
	/* the spot must come before the first zone after line li */
	z = next_zone(cs, li);
	return z >= cs->nzones || ss->spots[lo].line < cs->zones[z].start;
}

/* The word before byte i of s (after skipping spaces): *w and its length;
 * *attached says no punctuation but an abbreviation's full stop stands
 * between it and s[i] ("paragraph 3", "para. 3", not "levels, 9", nor
 * "Principles. 13"). */
static size_t word_before(const char *s, size_t i, const char **w, bool *attached)
{
	size_t k = i, end;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	end = k;
	while (k > 0 && s[k - 1] != ' ' && end - k < 64)
		k--;
	/* a full stop keeps the word on the number only when it abbreviates
	 * ("para. 4", "art. 12"); after a whole word it ends a sentence
	 * ("… with the Paris Principles. 13 We will …") */
	*attached = end > k && s[end - 1] != ',' && s[end - 1] != ';' && s[end - 1] != ':' &&
		    s[end - 1] != ')' && (unsigned char)s[end - 1] < 0x80 &&
		    (s[end - 1] != '.' || ends_with_number_abbrev(s + k, end - k));
	if (end > k && s[end - 1] == '.')
		end--;
	while (k < end && (s[k] == '(' || s[k] == '"' || s[k] == '[' || s[k] == '\''))
		k++;
	*w = s + k;
	return end - k;
}

/* Is the word after byte j one that counts ("5 billion", "3 years")? */
static bool quantity_after(const char *s, size_t len, size_t j)
{
	size_t k;
	while (j < len && s[j] == ' ')
		j++;
	for (k = j; k < len && s[k] != ' ' && s[k] != ',' && s[k] != ';' && s[k] != '.' &&
	     s[k] != ':' && s[k] != ')'; k++)
		;
	return k > j && parse_quantity_word(s + j, k - j);
}

/* Do a short lower-case word and a capitalised one end s[0 .. k)
 * ("Programme of", "Platform for")? */
static bool title_link_before(const char *s, size_t k)
{
	size_t end, letters = 0;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	end = k;
	while (k > 0 && s[k - 1] >= 'a' && s[k - 1] <= 'z')
		k--, letters++;
	if (letters < 2 || letters > TITLE_LINK_MAX || k == 0 || s[k - 1] != ' ' || end == k)
		return false;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	while (k > 0 && s[k - 1] != ' ')
		k--;
	return s[k] >= 'A' && s[k] <= 'Z';
}

/* Does the capitalised word at w end a title ("Programme of Action",
 * "Platform for Action"): a short lower-case word and a capitalised one
 * stand before it, on its line or, when it opens its line, at the end of
 * the text line before ("Programme of" / "Action 9 and")? Such a word names
 * a document, it does not count; the number after it may be a marker. */
static bool ends_title(const parse_state *st, size_t li, const char *s, const char *w)
{
	size_t k = (size_t)(w - s);
	if (!(*w >= 'A' && *w <= 'Z'))
		return false;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k > 0)
		return title_link_before(s, k);
	return li > st->body_start && st->lines[li - 1].cls == LINE_TEXT &&
	       title_link_before(st->lines[li - 1].text, st->lines[li - 1].len);
}

/* Does the number `label` stand as a number of its own anywhere after
 * byte i of line li and before the first footnote zone after li? */
static bool label_later(parse_state *st, const cite_state *cs, size_t li, size_t i, const char *label)
{
	size_t z = next_zone(cs, li), end = z < cs->nzones ? cs->zones[z].start : st->count;
	size_t ll = strlen(label), k, p;
	for (k = li; k < end && k < st->count; k++) {
		const parse_line *l = &st->lines[k];
		st->work += l->len;
		for (p = k == li ? i : 0; p + ll <= l->len; p++)
			if (!memcmp(l->text + p, label, ll) &&
			    (p == 0 || l->text[p - 1] < '0' || l->text[p - 1] > '9') &&
			    (p + ll == l->len || l->text[p + ll] < '0' || l->text[p + ll] > '9'))
				return true;
	}
	return false;
}

/* How many times does the number `label` stand as a number of its own in
 * the main text between the footnote zone before line li and the one after
 * it? A paragraph's number at the start of its line ("1.", "1 -") does not
 * count: it cannot cite a footnote; page furniture ("2/2") does not either. */
static size_t label_count_around(parse_state *st, cite_state *cs, size_t li, const char *label)
{
	size_t z = next_zone(cs, li), end = z < cs->nzones ? cs->zones[z].start : st->count;
	size_t k = z > 0 ? cs->zones[z - 1].start : st->body_start;
	size_t ll = strlen(label), p, lead, count = 0;
	if (cs->count_known && cs->count_zone == z && !strcmp(cs->count_label, label))
		return cs->count;
	for (; k < end && k < st->count; k++) {
		const parse_line *l = &st->lines[k];
		if (l->cls != LINE_TEXT)
			continue;
		st->work += l->len;
		for (lead = 0; lead < l->len && l->text[lead] == ' '; lead++)
			;
		for (p = 0; p + ll <= l->len; p++)
			if (!memcmp(l->text + p, label, ll) &&
			    (p == 0 || l->text[p - 1] < '0' || l->text[p - 1] > '9') &&
			    (p + ll == l->len || l->text[p + ll] < '0' || l->text[p + ll] > '9') &&
			    !(p == lead && (p + ll == l->len || l->text[p + ll] == '.' ||
					    dash_numbered(l->text, l->len, p + ll))))
				count++;
	}
	cs->count_known = true;
	cs->count_zone = z;
	snprintf(cs->count_label, sizeof(cs->count_label), "%s", label);
	cs->count = count;
	return count;
}

/* "Financing for Development, 38 States expressed": a counting word
 * follows, but the number is set off by a comma or semicolon as spaced
 * markers are, it is the very next footnote, and nothing else before that
 * footnote's zone could cite it: it is the marker. */
static bool sole_next_citation(parse_state *st, const cite_state *cs, size_t li, const char *s,
		size_t i, size_t n, const char *label)
{
	size_t k = i;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	return k < i && k > 0 && (s[k - 1] == ',' || s[k - 1] == ';') &&
		atoi(label) == cs->max_cited + 1 && !label_later(st, cs, li, i + n, label);
}

/* "the capital master plan 1 and the related report": a number set off
 * by spaces after a short lower-case word (which marker_word_before turns
 * down: "that 2", "from 17") is still the marker when nothing else could
 * be: it is the very next footnote, a lower-case word goes on after it,
 * and no other number of that label stands in the text between the
 * footnote zone before it and the one after it (a paragraph's own number,
 * "1.", does not count). */
static bool sole_after_short_word(parse_state *st, cite_state *cs, size_t li, const char *s,
		size_t len, size_t i, size_t n, const char *label)
{
	size_t k = i, j = i + n, adv;
	int32_t c;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k == i || k == 0 || atoi(label) != cs->max_cited + 1)
		return false;
	j = k - 1;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	c = resdiff_utf8_decode(s + j, k - j, &adv);
	if (c < 0 || !u_islower((UChar32)c))
		return false;
	j = i + n;
	while (j < len && s[j] == ' ')
		j++;
	if (j == i + n || j >= len)
		return false;
	c = resdiff_utf8_decode(s + j, len - j, &adv);
	return c > 0 && u_islower((UChar32)c) && label_count_around(st, cs, li, label) == 1;
}

static int year_at(const char *s, size_t len);
static bool month_before(const parse_state *st, size_t li, const char *s, size_t i);
static bool year_after_word(const parse_state *st, size_t li, const char *s, size_t len,
		size_t i, size_t e);

/* "programmes 5, 7, 8, 9, 12 and 22": a number that the list goes on
 * after (", 9", " and 22": a comma, or a word of at most LIST_JOINER_MAX
 * letters, then a number) is an item of a list of numbers, never a
 * marker, whatever footnotes exist. Byte j is just after the number. */
#define LIST_JOINER_MAX 3
static bool list_item(const char *s, size_t len, size_t j, bool after_symbol)
{
	size_t k = j, w;
	if (k < len && (s[k] == ',' || s[k] == ';'))
		k++;
	else {
		if (k >= len || s[k] != ' ')
			return false;
		while (k < len && s[k] == ' ')
			k++;
		for (w = 0; k < len && s[k] >= 'a' && s[k] <= 'z'; k++)
			w++;
		if (w == 0 || w > LIST_JOINER_MAX)
			return false;
	}
	if (k >= len || s[k] != ' ')
		return false;
	while (k < len && s[k] == ' ')
		k++;
	if (k >= len || s[k] < '0' || s[k] > '9')
		return false;
	/* "71/205 20 and 72/190": after a resolution's number the list goes on
	 * with symbols; a bare number between them is no item of it */
	if (after_symbol) {
		while (k < len && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k < len && s[k] == '/')
			return false;
	}
	return true;
}

/* "dated 20 October 2025 6 and", "on Their Destruction of 1972 1 and": a
 * year that ends a full date (a month's name before it) or follows a short
 * lower-case word that is no reference word (year_after_word: "of", "in",
 * not "resolution 1972") stands before the space before byte i. */
static bool date_before(const parse_state *st, size_t li, const char *s, size_t len, size_t i)
{
	size_t k = i;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k < 4 || k == i || (k > 4 && s[k - 5] != ' ') || !year_at(s + k - 4, 4))
		return false;
	return month_before(st, li, s, k - 4) || year_after_word(st, li, s, len, k - 4, k);
}

/* Does a resolution's symbol end right before s[i] ("71/205 20 and"): a
 * session number of one or two digits, a slash and one to three digits,
 * then one space? */
static bool resolution_number_before(const char *s, size_t i)
{
	size_t k = i, n = 0, m = 0;
	if (k == 0 || s[k - 1] != ' ')
		return false;
	k--;
	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9' && n <= 3) {
		k--;
		n++;
	}
	if (n == 0 || n > 3 || k == 0 || s[k - 1] != '/')
		return false;
	k--;
	while (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9' && m <= 2) {
		k--;
		m++;
	}
	return m >= 1 && m <= 2 && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '(');
}

/* "Development 10 and": a number set off by spaces is a marker only when
 * everything fits: it follows a name (a capitalised or a longer word, or
 * a closing mark) and no word that says what the number counts ("paragraph
 * 3", "article 12", "Goal 17"); it is the label's first citation in order,
 * with the body in the next footnote zone; no strong form of the label
 * ("Agreement,3") comes later before that zone; and no word that counts
 * follows it ("5 billion", "3 years"). When only the last test fails, the
 * number stays text with a note. */
static bool spaced_marker(parse_state *st, cite_state *cs, size_t li, const char *s,
		size_t len, size_t i, size_t n, const char *label, uint32_t prev2)
{
	const char *w;
	bool attached, plural = false, sole = false;
	size_t wl = word_before(s, i, &w, &attached);
	if (label[0] == '*' || list_item(s, len, i + n, resolution_number_before(s, i)) ||
	    !plausible(st, cs, label, false) || !body_in_next_zone(st, cs, li, label))
		return false;
	if (!(marker_word_before(s, i) || closing_punct(prev2) || date_before(st, li, s, len, i) ||
	      resolution_number_before(s, i)) &&
	    !(sole = sole_after_short_word(st, cs, li, s, len, i, n, label)))
		return false;
	if (strong_later(cs, li, i, label))
		return false;
	if (attached && parse_reference_word(w, wl)) {
		/* "Programme of Action 9 and", "Goals 5 and the targets": a word
		 * that points, but it ends a title, or it is plural and only one
		 * number follows it (list_item said the list does not go on) */
		plural = parse_plural_reference_word(w, wl);
		if (!((ends_title(st, li, s, w) || plural) && atoi(label) == cs->max_cited + 1))
			return false;
	}
	if (quantity_after(s, len, i + n)) {
		if (sole_next_citation(st, cs, li, s, i, n, label)) {
			resdiff_doc_add_note(st->doc, li + 1,
				"the number %s after \"%.*s\" is read as the marker of footnote %s, "
				"which nothing else cites, though a word that counts follows it",
				label, (int)wl, w, label);
			return true;
		}
		resdiff_doc_add_note(st->doc, li + 1,
			"the number %s after \"%.*s\" stays in the text: it could be the marker of "
			"footnote %s, but reads as a quantity", label, (int)wl, w, label);
		return false;
	}
	if (plural)
		resdiff_doc_add_note(st->doc, li + 1,
			"the number %s after \"%.*s\" is read as the marker of footnote %s: the word "
			"points to more than one number and no list follows it",
			label, (int)wl, w, label);
	else if (sole)
		resdiff_doc_add_note(st->doc, li + 1,
			"the number %s after \"%.*s\" is read as the marker of footnote %s, the next "
			"one, which no other number before its body could cite", label, (int)wl, w, label);
	return true;
}

/* "19 September 2025;2": the label stands glued after a number, the
 * strongest form a marker takes there, but the footnote was cited before:
 * one of the two places is not its marker, and the parser cannot tell
 * which (a digit of "GC(69)/RES/9 A.2" taken for it once hid the real
 * marker here). */
static void doubt_cited_before(parse_state *st, size_t li, const char *s, size_t i,
		const char *label)
{
	int n = note_find(st, label), words = 0;
	size_t from = i;
	if (n < 0 || !st->notes[n].in_zone || !st->notes[n].cited || (s[i - 1] != ';' && s[i - 1] != ','))
		return;
	/* the two words before it ("September 2025;") */
	while (from > 0 && i - from < DOUBT_CONTEXT_MAX && !(s[from - 1] == ' ' && ++words == 2))
		from--;
	while (from < i && ((unsigned char)s[from] & 0xC0) == 0x80)
		from++;
	resdiff_doc_add_diag(st->doc, li + 1, "the number %s after \"%.*s\" stays in the text, though "
		"it stands like the marker of footnote %s, which was taken from line %zu before: one of "
		"the two is not its marker", label, (int)(i - from), s + from, label,
		st->notes[n].cited_line + 1);
}

/* A marker taken out of line l: it stood at byte `src` of the source and
 * stands at the end of `out`, the text without it. */
static int add_marker(parse_state *st, parse_line *l, resdiff_buf *out, size_t src,
		const char *label, const char *form)
{
	/* the arena cannot grow an array in place: double it, so that a line
	 * full of markers costs linear time */
	if (l->marker_count == l->marker_alloc) {
		size_t cap = l->marker_alloc ? l->marker_alloc * 2 : 4;
		line_marker *m = resdiff_arena_alloc(st->doc->arena, cap * sizeof(*m));
		if (!m)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		if (l->marker_count)
			memcpy(m, l->markers, l->marker_count * sizeof(*m));
		l->markers = m;
		l->marker_alloc = cap;
	}
	l->markers[l->marker_count].pos = out->size;
	l->markers[l->marker_count].src = src;
	l->markers[l->marker_count].form = form;
	if (!(l->markers[l->marker_count].label = resdiff_arena_strdup(st->doc->arena, label)))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	l->marker_count++;
	return 0;
}

/* A year of 19xx or 20xx at s (4 digits): its value, or 0. */
static int year_at(const char *s, size_t len)
{
	size_t k;
	int v = 0;
	if (len < 4 || !((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
		return 0;
	for (k = 0; k < 4; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		v = v * 10 + (s[k] - '0');
	}
	return v;
}

/* A year range's start just before byte i of s ("2014–" or "2014-"), or at
 * the end of the text line before when i is 0 ("2015–\n20304"): its year,
 * or 0. */
static int range_start_before(const parse_state *st, size_t li, const char *s, size_t i)
{
	const parse_line *l;
	size_t k;
	if (i == 0) {
		if (li == 0 || st->lines[li - 1].cls != LINE_TEXT)
			return 0;
		l = &st->lines[li - 1];
		s = l->text;
		i = l->len;
	}
	if (i >= 3 && !strncmp(s + i - 3, "–", 3))
		k = i - 3;
	else if (i >= 1 && s[i - 1] == '-')
		k = i - 1;
	else
		return 0;
	return k >= 4 && (k == 4 || !(s[k - 5] >= '0' && s[k - 5] <= '9')) ? year_at(s + k - 4, 4) : 0;
}

/* "16 September 20055": a month's name just before byte i of s (or at the
 * end of the text line before when i is 0)? */
static bool month_before(const parse_state *st, size_t li, const char *s, size_t i)
{
	char word[32];
	size_t k, n = i;
	if (i == 0) {
		if (li == 0 || st->lines[li - 1].cls != LINE_TEXT)
			return false;
		s = st->lines[li - 1].text;
		n = st->lines[li - 1].len;
	} else if (s[i - 1] != ' ') {
		return false;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	k = n;
	while (k > 0 && s[k - 1] != ' ')
		k--;
	if (n == k || n - k + 3 > sizeof(word))
		return false;
	/* the word and " 2": the shape parse_month_then_number reads */
	snprintf(word, sizeof(word), "%.*s 2", (int)(n - k), s + k);
	return parse_month_then_number(word, strlen(word));
}

/* "report … for 202530 and": a year after a short lower-case word
 * ("for", "in", "since": at most YEAR_WORD_MAX letters) that no word that
 * counts follows, and after no word that says what a number points to
 * ("resolution 20248"). The word may end the text line before when the
 * year starts its line ("… Tribunals for" / "20244 and"), as a month's
 * name may (month_before). */
#define YEAR_WORD_MAX 5
static bool year_after_word(const parse_state *st, size_t li, const char *s, size_t len,
		size_t i, size_t e)
{
	const char *w = s;
	size_t k = i, end;
	if (i == 0) {
		if (li == 0 || st->lines[li - 1].cls != LINE_TEXT)
			return false;
		w = st->lines[li - 1].text;
		k = st->lines[li - 1].len;
	} else if (s[k - 1] != ' ') {
		return false;
	}
	while (k > 0 && w[k - 1] == ' ')
		k--;
	end = k;
	while (k > 0 && w[k - 1] >= 'a' && w[k - 1] <= 'z')
		k--;
	if (end - k < 2 || end - k > YEAR_WORD_MAX || (k > 0 && w[k - 1] != ' ' && w[k - 1] != '('))
		return false;
	return !parse_reference_word(w + k, end - k) && !quantity_after(s, len, e);
}

/* "2014–20243", "2015–\n20304", "16 September 20055": a year that ends
 * a range or a date with the marker of the next footnote glued to it (the
 * digits cannot tell them apart). A range's end year must lie within a
 * century after its start; the rest must be the next label with its body
 * in the next zone. Returns the bytes of the year (4) and sets label, or 0. */
static size_t year_range_marker(parse_state *st, const cite_state *cs, size_t li,
		const char *s, size_t len, size_t i, char label[16])
{
	size_t e = i;
	int from, to;
	while (e < len && s[e] >= '0' && s[e] <= '9')
		e++;
	if (e - i < 5 || e - i > 7 || !right_ok(s, len, e) || !(to = year_at(s + i, len - i)))
		return 0;
	if ((from = range_start_before(st, li, s, i)) != 0 ? (to <= from || to > from + 100) :
	    !(month_before(st, li, s, i) || year_after_word(st, li, s, len, i, e)))
		return 0;
	snprintf(label, 16, "%.*s", (int)(e - i - 4), s + i + 4);
	if (label[0] == '0' || atoi(label) != cs->max_cited + 1 ||
	    !body_in_next_zone(st, cs, li, label))
		return 0;
	return 4;
}

/* "78/22127 and", "paragraphs VIII.7441 and": the next footnote's label
 * glued to the number that ends a resolution's symbol (one to three
 * digits after "78/") or a report's paragraph after a roman chapter
 * ("VIII.74"): the run is four or five digits, too long for that number,
 * and its last one or two digits are the next label, whose body stands
 * in the next footnote zone. Returns the number's length, or 0. */
static size_t number_run_marker(parse_state *st, const cite_state *cs, size_t li,
		const char *s, size_t len, size_t i, uint32_t prev, char label[16])
{
	size_t e = i, keep;
	bool symbol = prev == '/' && i >= 2 && s[i - 2] >= '0' && s[i - 2] <= '9';
	if (!symbol && !(prev == '.' && i > 0 && roman_word_before(s, i - 1)))
		return 0;
	while (e < len && s[e] >= '0' && s[e] <= '9')
		e++;
	if (e - i < 4 || e - i > 5 || !right_ok(s, len, e) || (e < len && (s[e] == '/' || s[e] == '.')))
		return 0;
	for (keep = e - i - 2; keep < e - i; keep++) {
		if (keep < 1 || keep > 3)
			continue;
		snprintf(label, 16, "%.*s", (int)(e - i - keep), s + i + keep);
		if (label[0] != '0' && atoi(label) == cs->max_cited + 1 &&
		    body_in_next_zone(st, cs, li, label))
			return keep;
	}
	return 0;
}

/* Does the front matter cite the label ("Iraq:* draft resolution")? */
static bool cited_by_front(const parse_state *st, const char *label)
{
	size_t k;
	for (k = 0; k < st->doc->meta.footnote_count; k++)
		if (!strcmp(st->doc->meta.footnotes[k], label))
			return true;
	return false;
}

/* Scan one main-text line for inline markers; rewrite its text without them. */
static int scan_line(parse_state *st, cite_state *cs, size_t li)
{
	parse_line *l = &st->lines[li];
	resdiff_buf out = RESDIFF_BUF_INIT;
	const char *s = l->text;
	size_t len = l->len, i = 0, adv, adv2, n;
	size_t from = 0;     /* s[from .. i) is text not yet copied to out: the
	                        copy is made only when a marker is taken out */
	char label[16];
	bool sup;
	int error = 0;
	uint32_t prev = 0, prev2 = 0;

	st->work += len;

	/* a label starting the line: "26 上举行了…"; not "2 - تطلب" */
	n = parse_note_label(s, len, label, &sup);
	if (n && !sup && n < len && s[n] == ' ' && label[0] != '*' && !dash_numbered(s, len, n) &&
	    !parse_day_then_month(s + n, len - n) && plausible(st, cs, label, false) && body_in_next_zone(st, cs, li, label) &&
	    !strong_later(cs, li, 0, label)) {
		if ((error = add_marker(st, l, &out, 0, label, "leading")) < 0)
			goto done;
		cite(st, cs, label, li);
		l->lead_marker = true;
		i = n;
		while (i < len && s[i] == ' ')
			i++;
		from = i;
	}
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		const char *form = NULL;
		n = 0;
		if (parse_superscript_digit(cp) >= 0) {
			form = "superscript";
			n = parse_note_label(s + i, len - i, label, &sup);
			if (n && !defined(st, label) && (u_isalnum((UChar32)prev)))
				n = 0; /* m², 10³ */
		} else if (cp == '(' && i + 2 < len && resdiff_digit_at(s + i + 1, len - i - 1, &adv2) > 0) {
			/* "المسألة(1)،", "المسألة(١)،": a parenthesised number that
			 * names a footnote */
			form = "parenthesised";
			n = parse_note_label(s + i, len - i, label, &sup);
			if (n && !(right_ok(s, len, i + n) && plausible(st, cs, label, true)))
				n = 0;
			if (n && reference_number_before(s, i)) {
				/* "rule 5(1)", "article 12(3)": the sub-number of a
				 * reference; it stays, and a note says so */
				size_t k = i > 1 && s[i - 1] == ' ' ? i - 1 : i;
				while (resdiff_digit_before(s, k, &adv2) >= 0)
					k -= adv2;
				resdiff_doc_add_note(st->doc, li + 1,
					"\"%.*s\" stays in the text: the number in brackets after a number "
					"reads as a reference (\"rule 5(1)\"), not as the marker of footnote %s",
					(int)(i + n - k), s + k, label);
				n = 0;
			}
		} else if (cp == '*' && prev != 0 && (u_isalpha((UChar32)prev) || closing_punct(prev))) {
			/* "the International Criminal Court* that": a run of stars
			 * glued to a word of the text, whose body stands in the next
			 * footnote zone and which nothing cited yet (the front
			 * matter's "Iraq:*" cites its own) */
			while (n < len - i && n < sizeof(label) - 1 && s[i + n] == '*')
				n++;
			memcpy(label, s + i, n);
			label[n] = '\0';
			form = "glued";
			if (n > STAR_RUN_MAX || !right_ok(s, len, i + n) || !plausible(st, cs, label, false) ||
			    cited_by_front(st, label) || !body_in_next_zone(st, cs, li, label))
				n = 0;
		} else if (cp >= '1' && cp <= '9' && !(prev >= '0' && prev <= '9') &&
			   ((n = year_range_marker(st, cs, li, s, len, i, label)) > 0 ||
			    (n = number_run_marker(st, cs, li, s, len, i, prev, label)) > 0)) {
			/* the year ("20243") or the number ("78/22127") stays, the
			 * marker glued after it goes */
			if ((error = resdiff_buf_put(&out, s + from, i + n - from)) < 0 ||
			    (error = add_marker(st, l, &out, i + n, label, "glued")) < 0)
				goto done;
			cite(st, cs, label, li);
			i += n + strlen(label);
			from = i;
			prev = '0';
			continue;
		} else if (cp >= '1' && cp <= '9' && !(prev >= '0' && prev <= '9')) {
			n = parse_note_label(s + i, len - i, label, &sup);
			/* "adopted 4 April 2025": a day, whatever footnotes exist */
			if (n && (!right_ok(s, len, i + n) || parse_day_then_month(s + i + n, len - i - n)))
				n = 0;
			if (n && prev != 0 && (u_islower((UChar32)prev) || closing_punct(prev))) {
				/* glued: "Goals17", "issue,1", "文件，1"; after a number
				 * ("2016,3") only the next label whose body follows, or one
				 * a missed marker or two before left in order ("78/22127 and
				 * 79/184,28": 27 missed, 28 the next one found) */
				bool after_number = closing_punct(prev) && prev2 >= '0' && prev2 <= '9';
				form = "glued";
				if (!glued_shape(s, len, i, n, prev)) {
					n = 0;
				} else if (number_goes_on(st, li, s, len, i, i + n, prev, prev2)) {
					/* "indicator 5.4.1, and": the number goes on */
					if (atoi(label) == cs->max_cited + 1 &&
					    body_in_next_zone(st, cs, li, label))
						resdiff_doc_add_note(st->doc, li + 1,
							"\"%c.%s\" stays in the text: the %s goes on the number "
							"before it (the sentence does not end there), it is not the "
							"marker of footnote %s", (char)prev2, label, label, label);
					n = 0;
				} else if (after_number ? !((atoi(label) == cs->max_cited + 1 ||
							     plausible(st, cs, label, false)) &&
							    body_in_next_zone(st, cs, li, label)) :
							  !plausible(st, cs, label, true)) {
					if (after_number)
						doubt_cited_before(st, li, s, i, label);
					n = 0;
				}
			} else if (n && prev == ' ' && prev2 != 0 &&
				   (!(prev2 >= '0' && prev2 <= '9') || date_before(st, li, s, len, i) ||
				    resolution_number_before(s, i)) &&
				   !resdiff_text_is_cjk(prev2)) {
				/* spaced: "Development 10 and", "report 11 and", "2005, 6
				 * and"; not "that 2 regional commissions", "from 17 to",
				 * "paragraph 3 of" */
				form = "spaced";
				if (!spaced_marker(st, cs, li, s, len, i, n, label, prev2))
					n = 0;
			} else {
				n = 0;
			}
		}
		if (n) {
			if ((error = resdiff_buf_put(&out, s + from, i - from)) < 0 ||
			    (error = add_marker(st, l, &out, i, label, form)) < 0)
				goto done;
			cite(st, cs, label, li);
			i += n;
			from = i;
			continue;
		}
		prev2 = prev;
		prev = cp < 0 ? 0 : (uint32_t)cp;
		i += adv;
	}
	if (l->marker_count) {
		char *t;
		if ((error = resdiff_buf_put(&out, s + from, len - from)) < 0)
			goto done;
		if (!(t = resdiff_arena_strndup(st->doc->arena, out.ptr ? out.ptr : "", out.size))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		l->text = t;
		l->len = out.size;
	}
done:
	resdiff_buf_dispose(&out);
	return error;
}

/* Is line l a table cell that holds only a number or a dash ("39",
 * "1 573", "–")? */
static bool number_cell(const parse_line *l)
{
	size_t k = 0, digits = 0;
	bool dash = false;
	while (k < l->len && l->text[k] == ' ')
		k++;
	if (l->len - k >= 3 && (!strncmp(l->text + k, "–", 3) || !strncmp(l->text + k, "—", 3))) {
		k += 3;
		dash = true;
	} else if (k < l->len && l->text[k] == '-') {
		k++;
		dash = true;
	} else {
		while (k < l->len && ((l->text[k] >= '0' && l->text[k] <= '9') || l->text[k] == ' ')) {
			digits += l->text[k] != ' ';
			k++;
		}
	}
	while (k < l->len && l->text[k] == ' ')
		k++;
	return k == l->len && (dash || digits > 0);
}

/* A number alone on line i with a number or a dash alone on the line
 * before or after it: a table printed one cell per line ("Deputy
 * Secretary-General" / "1" / "–" / "1"), not a footnote marker. */
static bool table_cell(const parse_state *st, size_t i)
{
	size_t k;
	for (k = i; k-- > st->body_start && st->lines[k].cls == LINE_BLANK;)
		;
	if (k < i && k >= st->body_start && st->lines[k].cls == LINE_TEXT && number_cell(&st->lines[k]))
		return true;
	for (k = i + 1; k < st->count && st->lines[k].cls == LINE_BLANK; k++)
		;
	return k < st->count && st->lines[k].cls == LINE_TEXT && number_cell(&st->lines[k]);
}

/* A line that starts with an undefined label cited before: a lone body. */
static int lone_body(parse_state *st, size_t i, bool *taken)
{
	char label[16];
	size_t bl, off, k;
	bool sup;
	int idx, error;
	parse_note *n;

	*taken = false;
	if (!candidate_at(st, i, label, &bl, &off, &sup) || bl != i)
		return 0;
	idx = note_find(st, label);
	if (idx < 0 || st->notes[idx].in_zone || !st->notes[idx].cited)
		return 0;
	n = &st->notes[idx];
	n->in_zone = true;
	n->line = i;
	n->first = i;
	resdiff_buf_clear(&n->text);
	n->open = 0;
	if ((error = note_append(n, st->lines[i].text + off, st->lines[i].len - off)) < 0)
		return error;
	st->lines[i].cls = LINE_NOTE;
	st->lines[i].note = idx;
	n->last = i;
	for (k = i + 1; k < st->count; k++) {
		parse_line *l = &st->lines[k];
		st->work++;
		if (l->cls == LINE_BLANK)
			continue;
		if (l->cls != LINE_TEXT || is_numbered_start(l->text, l->len) || k - i > NOTE_MAX_LINES ||
		    body_finished(n, l, true))
			break;
		if ((error = note_append(n, l->text, l->len)) < 0)
			return error;
		l->cls = LINE_NOTE;
		l->note = idx;
		n->last = k;
	}
	*taken = true;
	return 0;
}

int parse_footnotes(parse_state *st)
{
	zone *zones = NULL;
	size_t nz = 0, i;
	cite_state cs;
	strong_spots strong;
	char label[16];
	bool sup, taken;
	int error, last_paragraph = 0;

	memset(&strong, 0, sizeof(strong));
	if ((error = find_zones(st, &zones, &nz)) < 0 ||
	    (error = find_strong_spots(st, &strong)) < 0)
		goto done;
	memset(&cs, 0, sizeof(cs));
	cs.zones = zones;
	cs.nzones = nz;
	cs.strong = &strong;
	for (i = st->body_start; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		st->work++;
		if (l->cls != LINE_TEXT)
			continue;
		if (is_numbered_start(l->text, l->len) && atoi(l->text) < PARAGRAPH_NUMBER_MAX)
			last_paragraph = atoi(l->text);
		if (label_only(l, label, &sup) && !sup && table_cell(st, i)) {
			continue; /* "Under-Secretary-General" / "39" / "17" / "56": a table's cells */
		} else if (label_only(l, label, &sup)) {
			int n;
			if (number_opens_paragraph(st, i, label, sup, last_paragraph)) {
				last_paragraph++;
				continue;
			}
			n = note_find(st, label);
			l->cls = LINE_MARKER;
			if (!(l->marker = resdiff_arena_strdup(st->doc->arena, label))) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			if (n < 0 && (n = note_new(st, label, i)) < 0) {
				error = n;
				goto done;
			}
			cite(st, &cs, label, i);
			continue;
		}
		if ((error = lone_body(st, i, &taken)) < 0)
			goto done;
		if (taken)
			continue;
		if ((error = scan_line(st, &cs, i)) < 0)
			goto done;
	}
done:
	free(strong.spots);
	free(zones);
	return error;
}

/* The bodies in their zones become the document's footnotes; a marker
 * whose label has no body is reported. */
static int add_bodies(parse_state *st)
{
	resdiff_buf text = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < st->note_count; i++) {
		parse_note *n = &st->notes[i];
		n->footnote = NO_FOOTNOTE;
		if (!n->in_zone) {
			if (n->label[0] && n->cited)
				resdiff_doc_add_diag(st->doc, n->line + 1,
					"footnote marker %s has no footnote text", n->label);
			continue;
		}
		resdiff_buf_clear(&text);
		if ((error = parse_normalize(&text, n->text.ptr ? n->text.ptr : "", n->text.size,
				NULL, NULL, 0)) < 0 ||
		    (error = resdiff_doc_add_footnote(st->doc, n->label, text.ptr,
				n->line + 1)) < 0)
			break;
		n->footnote = st->doc->footnote_count - 1;
	}
	resdiff_buf_dispose(&text);
	return error;
}

/* A gap in the numbering of the footnotes found ("4", "6"): the body of 5
 * is missing, and its marker, if any, stayed in the text as a number. */
static void report_gaps(parse_state *st)
{
	size_t i, last_line = 0;
	int last = 0;

	for (i = 0; i < st->doc->footnote_count; i++) {
		const resdiff_footnote *f = &st->doc->footnotes[i];
		int v = f->label[0] == '*' ? 0 : atoi(f->label), m;
		if (!v)
			continue;
		for (m = last + 1; m < v && m - last <= ZONE_GAP_REPORT_MAX; m++) {
			char lab[16];
			snprintf(lab, sizeof(lab), "%d", m);
			if (note_find(st, lab) < 0 && last == 0)
				resdiff_doc_add_diag(st->doc, f->line,
					"footnote %d is missing: the first numbered footnote is %d", m, v);
			else if (note_find(st, lab) < 0)
				resdiff_doc_add_diag(st->doc, f->line,
					"footnote %d is missing: the footnotes jump from %d (line %zu) to %d",
					m, last, last_line, v);
		}
		if (v - last - 1 > ZONE_GAP_REPORT_MAX)
			resdiff_doc_add_diag(st->doc, f->line, "footnotes %d to %d are not checked: a gap "
				"is checked for its first %d numbers", last + ZONE_GAP_REPORT_MAX + 1, v - 1,
				ZONE_GAP_REPORT_MAX);
		if (v > last) {
			last = v;
			last_line = f->line;
		}
	}
}

/* Is the nearest line above the note's label a line of the main text that
 * ends no clause ("… 52/181 of" above "18 December 1997, …"), looking
 * past the lines of other such notes no one cites? */
static bool carries_on_text(parse_state *st, const parse_note *note)
{
	size_t k = note->first;
	while (k > st->body_start && (st->lines[k - 1].cls == LINE_BLANK ||
	       (st->lines[k - 1].cls == LINE_NOTE && st->lines[k - 1].note >= 0 &&
		st->notes[st->lines[k - 1].note].clustered && !st->notes[st->lines[k - 1].note].cited)))
		k--, st->work++;
	return k > st->body_start && st->lines[k - 1].cls == LINE_TEXT &&
	       !parse_ends_clause(st->lines[k - 1].text, st->lines[k - 1].len);
}

static bool spans_blank(parse_state *st, const parse_note *note)
{
	size_t k;
	for (k = note->first; k < note->last; k++, st->work++)
		if (st->lines[k].cls == LINE_BLANK)
			return true;
	return false;
}

/* Footnotes no unit, title or front matter cites: every citation marks
 * its note once (labels are unique among the notes that stand). */
static int report_uncited(parse_state *st)
{
	bool *cited;
	size_t i, k;
	int n;

	if (!(cited = calloc(st->note_count + 1, sizeof(*cited))))
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	for (i = 0; i < st->doc->unit_count; i++)
		for (k = 0; k < st->doc->units[i].fnref_count; k++) {
			st->work++;
			if ((n = note_find(st, st->doc->units[i].fnrefs[k].label)) >= 0)
				cited[n] = true;
		}
	for (k = 0; k < st->doc->meta.footnote_count; k++)
		if ((n = note_find(st, st->doc->meta.footnotes[k])) >= 0)
			cited[n] = true;
	for (i = 0; i < st->note_count; i++) {
		const parse_note *note = &st->notes[i];
		if (note->footnote == NO_FOOTNOTE || cited[i])
			continue;
		resdiff_doc_add_diag(st->doc, st->doc->footnotes[note->footnote].line,
			"footnote %s is not cited", note->label);
		/* a cluster without a rule above it may be wrapped lines of text
		 * that start with a number: when the body carries on a sentence
		 * of the text or runs across a blank line, say what left the
		 * paragraphs */
		if (note->clustered && (carries_on_text(st, note) || spans_blank(st, note)))
			resdiff_doc_add_diag(st->doc, note->first + 1, "lines %zu to %zu were read as the "
				"text of footnote %s, which nothing cites: if they belong to a paragraph, "
				"they are missing from it", note->first + 1, note->last + 1, note->label);
	}
	free(cited);
	return 0;
}

int parse_footnotes_emit(parse_state *st)
{
	int error;
	if ((error = add_bodies(st)) < 0)
		return error;
	report_gaps(st);
	return report_uncited(st);
}
