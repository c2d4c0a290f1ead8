/* pdf_layout.c: characters with boxes and sizes, page by page, to text.
 *
 * 1. Lines: the reader's lines, those sharing a baseline band merged.
 *    Each gets its box, font size and bottom (medians), and a direction.
 * 2. Superscripts: characters smaller than the line and raised above its
 *    bottom; digits among them become superscript digits (U+00B9 ...), so
 *    the parser reads them as footnote markers; "(1)" loses its brackets.
 * 3. Right-to-left lines are rebuilt from the boxes: characters sorted by
 *    position, spaces from the gaps, then put in logical order (the runs
 *    of the bidi algorithm read back, see visual_to_logical).
 * 4. Running headers and footers: lines at the head or foot of a page,
 *    apart from the text block, that recur (digits aside) at the same
 *    height on another page; a page number alone there; at the foot, a
 *    line where other pages have their running footer.
 * 5. Footnotes: the lines at the foot of a page set smaller than the body
 *    text, starting with a label (or continuing the last note).
 * 6. Hard wraps are joined: a line continues the one before when that one
 *    had no room left for the first word of this one, it stands one line
 *    pitch below, the size is the same, and this one is not indented
 *    further (first lines of paragraphs are). Across a page break the same
 *    test runs against the last body line of the page before.
 *
 * Sorting keeps every pass O(n log n); nothing recurses.
 */
#include "pdf_internal.h"
#include "resdiff/pdf.h"
#include "resdiff/text.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define LINE_OVERLAP 0.5f     /* share of the smaller height: same line */
#define SUP_SIZE 0.85f        /* superscript: smaller than this x line size */
#define SUP_RAISE 0.2f        /* ... and its bottom raised by this x size */
#define SPACE_GAP 0.12f       /* gap (x size) that is a space between characters */
#define NEIGHBOUR_SCAN 8      /* characters looked at around a space */
#define BAND 0.12f            /* top and bottom share of a page for running lines */
#define RUNNING_TOLERANCE 3.0f /* points a running line may move between pages */
#define EDGE_GAP 0.8f         /* gap (x line height) between page furniture and the text */
#define EDGE_LINES 4          /* lines of furniture at most, at the head or the foot */
#define NOTE_SIZE 0.92f       /* footnote lines: at most this x body size */
#define NOTE_SKIP 3           /* note numbers that may be missing before a page's first */
#define SIZE_CHANGE 0.15f     /* relative size change that ends a paragraph */
#define PARA_GAP 0.3f         /* space (x size) beyond the line pitch that ends a paragraph */
#define INDENT 0.5f           /* indentation (x size) of a first line */
#define WRAP_SLACK 0.3f       /* room (x size) a wrapped line may leave beyond the next word */
#define CENTRED 1.5f          /* points off the column centre for centred text */
#define SEPARATOR "__________________"

enum { ROLE_BODY, ROLE_RUNNING, ROLE_NOTE, ROLE_MARKER };

typedef struct {
	size_t page;
	size_t seg_first, seg_count;  /* its reader lines: line_segs[seg_first ..] */
	float x1, y1, x2, y2;         /* box of its visible characters */
	float size, bottom;           /* medians over its visible characters */
	size_t visible;               /* visible characters */
	size_t rtl_chars, ltr_chars;  /* strong characters of each direction */
	bool rtl;
	size_t text_off, text_len;    /* its text in layout.text */
	float lead_width;             /* width of its first word */
	int role;
	bool edge;                    /* at the head or foot, apart from the text block */
	uint64_t key;                 /* text with digits folded, for running lines */
} pline;

typedef struct {
	size_t first, count;          /* glyph range of one reader line */
	size_t page;
	float x1, y1, x2, y2;         /* box of its visible characters */
} segment;

typedef struct {
	const pdf_doc *doc;
	segment *segs;
	size_t seg_count;
	size_t *line_segs;            /* segments grouped by line, left to right */
	pline *lines;
	size_t line_count;
	resdiff_buf text;             /* texts of all lines */
	float body_size;
	float pitch;                  /* baseline to baseline within a paragraph, at body size */
	float *left, *right;          /* per page: column edges of body lines */
} layout;

static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || resdiff_text_is_space(cp);
}

static bool visible(const pdf_glyph *g)
{
	return g->cp != '\n' && !is_space_cp(g->cp) && g->cp >= 0x20 &&
	       !(g->cp >= 0x7F && g->cp < 0xA0) && g->cp != 0xFFFD;
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return x < y ? -1 : x > y;
}

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

static void seg_box(const layout *L, segment *s)
{
	size_t k;
	s->x1 = s->y1 = INFINITY;
	s->x2 = s->y2 = -INFINITY;
	for (k = s->first; k < s->first + s->count; k++) {
		const pdf_glyph *g = &L->doc->glyphs[k];
		if (!visible(g))
			continue;
		s->x1 = fminf(s->x1, fminf(g->x1, g->x2));
		s->y1 = fminf(s->y1, g->y1);
		s->x2 = fmaxf(s->x2, fmaxf(g->x1, g->x2));
		s->y2 = fmaxf(s->y2, g->y2);
	}
}

/* 1. Reader lines, then visual lines. */
static int make_segments(layout *L)
{
	const pdf_doc *doc = L->doc;
	size_t p, i;

	L->segs = malloc((doc->glyph_count + doc->page_count + 1) * sizeof(*L->segs));
	if (!L->segs)
		return oom();
	for (p = 0; p < doc->page_count; p++) {
		const pdf_page *pg = &doc->pages[p];
		size_t start = pg->first, end = pg->first + pg->count;
		for (i = start; i <= end; i++) {
			if (i < end && doc->glyphs[i].cp != '\n')
				continue;
			if (i > start) {
				size_t k;
				bool any = false;
				for (k = start; k < i && !any; k++)
					any = visible(&doc->glyphs[k]);
				if (any) {
					segment *sg = &L->segs[L->seg_count++];
					sg->first = start;
					sg->count = i - start;
					sg->page = p;
					seg_box(L, sg);
				}
			}
			start = i + 1;
		}
	}
	return 0;
}

/* Median size and bottom, box, direction of a line. */
static int line_stats(layout *L, pline *ln)
{
	size_t s, k, n = 0, r = 0, l = 0;
	float *sizes = NULL, *bottoms = NULL;

	ln->x1 = ln->y1 = INFINITY;
	ln->x2 = ln->y2 = -INFINITY;
	for (s = ln->seg_first; s < ln->seg_first + ln->seg_count; s++)
		n += L->segs[L->line_segs[s]].count;
	sizes = malloc((n + 1) * sizeof(*sizes));
	bottoms = malloc((n + 1) * sizeof(*bottoms));
	if (!sizes || !bottoms) {
		free(sizes);
		free(bottoms);
		return oom();
	}
	n = 0;
	for (s = ln->seg_first; s < ln->seg_first + ln->seg_count; s++) {
		const segment *sg = &L->segs[L->line_segs[s]];
		for (k = sg->first; k < sg->first + sg->count; k++) {
			const pdf_glyph *g = &L->doc->glyphs[k];
			UCharDirection d;
			if (!visible(g))
				continue;
			ln->x1 = fminf(ln->x1, fminf(g->x1, g->x2));
			ln->x2 = fmaxf(ln->x2, fmaxf(g->x1, g->x2));
			ln->y1 = fminf(ln->y1, g->y1);
			ln->y2 = fmaxf(ln->y2, g->y2);
			sizes[n] = g->size;
			bottoms[n] = g->y2;
			n++;
			d = u_charDirection((UChar32)g->cp);
			if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC)
				r++;
			else if (d == U_LEFT_TO_RIGHT)
				l++;
		}
	}
	qsort(sizes, n, sizeof(*sizes), cmp_float);
	qsort(bottoms, n, sizeof(*bottoms), cmp_float);
	ln->visible = n;
	ln->size = n ? sizes[n / 2] : 0;
	ln->bottom = n ? bottoms[n / 2] : 0;
	ln->rtl_chars = r;
	ln->ltr_chars = l;
	free(sizes);
	free(bottoms);
	return 0;
}

typedef struct {
	double key;     /* sort key */
	size_t index;   /* tie-breaker and payload */
} sort_item;

static int cmp_item(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Group the reader lines of each page into visual lines by vertical
 * overlap (a reader may cut a widely spaced line into words and put some
 * of them elsewhere); lines keep the reader's order of their first piece,
 * pieces go left to right. */
static int make_lines(layout *L)
{
	sort_item *items = NULL, *groups = NULL;
	size_t *group_of = NULL, i, j, k, first, ng, at = 0;
	int error = 0;

	L->lines = calloc(L->seg_count + 1, sizeof(*L->lines));
	L->line_segs = malloc((L->seg_count + 1) * sizeof(*L->line_segs));
	items = malloc((L->seg_count + 1) * sizeof(*items));
	groups = malloc((L->seg_count + 1) * sizeof(*groups));
	group_of = malloc((L->seg_count + 1) * sizeof(*group_of));
	if (!L->lines || !L->line_segs || !items || !groups || !group_of) {
		error = oom();
		goto done;
	}
	for (first = 0; first < L->seg_count; first = j) {
		size_t page = L->segs[first].page, n;
		for (j = first; j < L->seg_count && L->segs[j].page == page; j++)
			;
		n = j - first;
		/* by vertical centre, then sweep into groups */
		for (i = 0; i < n; i++) {
			const segment *sg = &L->segs[first + i];
			items[i].key = (sg->y1 + sg->y2) / 2;
			items[i].index = first + i;
		}
		qsort(items, n, sizeof(*items), cmp_item);
		ng = 0;
		for (i = 0; i < n; i++) {
			const segment *sg = &L->segs[items[i].index];
			if (ng) {
				const segment *head = &L->segs[groups[ng - 1].index];
				float overlap = fminf(head->y2, sg->y2) - fmaxf(head->y1, sg->y1);
				float h = fminf(head->y2 - head->y1, sg->y2 - sg->y1);
				if (h > 0 && overlap >= LINE_OVERLAP * h) {
					group_of[items[i].index] = ng - 1;
					if ((double)items[i].index < groups[ng - 1].key)
						groups[ng - 1].key = (double)items[i].index;
					/* the tallest piece stands for the line */
					if (sg->y2 - sg->y1 > head->y2 - head->y1)
						groups[ng - 1].index = items[i].index;
					continue;
				}
			}
			/* key: the reader's first piece; index: the group's head */
			groups[ng].key = (double)items[i].index;
			groups[ng].index = items[i].index;
			group_of[items[i].index] = ng++;
		}
		/* pieces of each group left to right, groups in reading order */
		for (i = 0; i < n; i++) {
			const segment *sg = &L->segs[first + i];
			items[i].key = (double)group_of[first + i] * 1e6 + sg->x1;
			items[i].index = first + i;
		}
		qsort(items, n, sizeof(*items), cmp_item);
		{
			sort_item *order = malloc((ng + 1) * sizeof(*order));
			size_t *start = malloc((ng + 1) * sizeof(*start)), g;
			if (!order || !start) {
				free(order);
				free(start);
				error = oom();
				goto done;
			}
			for (g = 0, k = 0; g < ng; g++) {
				start[g] = k;
				while (k < n && group_of[items[k].index] == g)
					k++;
				order[g].key = groups[g].key;
				order[g].index = g;
			}
			start[ng] = n;
			qsort(order, ng, sizeof(*order), cmp_item);
			for (g = 0; g < ng; g++) {
				size_t gi = order[g].index;
				pline *ln = &L->lines[L->line_count++];
				ln->page = page;
				ln->seg_first = at;
				ln->seg_count = start[gi + 1] - start[gi];
				for (k = start[gi]; k < start[gi + 1]; k++)
					L->line_segs[at++] = items[k].index;
				if ((error = line_stats(L, ln)) < 0) {
					free(order);
					free(start);
					goto done;
				}
			}
			free(order);
			free(start);
		}
	}
done:
	free(items);
	free(groups);
	free(group_of);
	return error;
}

/* 2, 3. Text of a line. */
static uint32_t superscript_of(uint32_t cp)
{
	static const uint32_t digits[10] = { 0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075,
		0x2076, 0x2077, 0x2078, 0x2079 };
	return cp >= '0' && cp <= '9' ? digits[cp - '0'] : cp;
}

static bool is_superscript(const pline *ln, const pdf_glyph *g)
{
	return g->size > 0 && g->size < SUP_SIZE * ln->size &&
	       g->y2 < ln->bottom - SUP_RAISE * ln->size;
}

/* The character a glyph stands for in the text: 0 to leave it out. */
static uint32_t text_cp(const pline *ln, const pdf_glyph *g)
{
	if (g->cp < 0x20 || (g->cp >= 0x7F && g->cp < 0xA0) || g->cp > 0x10FFFF ||
	    (g->cp >= 0xD800 && g->cp <= 0xDFFF))
		return 0;
	if (!is_superscript(ln, g))
		return g->cp;
	if (g->cp == '(' || g->cp == ')')
		return 0;  /* "(1)" as an Arabic footnote marker */
	return superscript_of(g->cp);
}

static int put_cp(resdiff_buf *out, uint32_t cp)
{
	char enc[4];
	size_t n = resdiff_utf8_encode(enc, cp);
	return n ? resdiff_buf_put(out, enc, n) : 0;
}

static bool ends_with_space(const resdiff_buf *b, size_t from)
{
	return b->size > from && b->ptr[b->size - 1] == ' ';
}

/* The reader puts a space wherever the font size changes, so a space
 * next to a superscript stays only when there is a real gap: "question¹,"
 * not "question¹ ,". */
static bool false_space(const layout *L, const pline *ln, const segment *sg, size_t k)
{
	const pdf_glyph *prev = NULL, *next = NULL;
	size_t j;
	/* the neighbours, past a few more spaces at most (never quadratic) */
	for (j = k; j > sg->first && k - j < NEIGHBOUR_SCAN && !prev; j--)
		if (visible(&L->doc->glyphs[j - 1]))
			prev = &L->doc->glyphs[j - 1];
	for (j = k + 1; j < sg->first + sg->count && j - k < NEIGHBOUR_SCAN && !next; j++)
		if (visible(&L->doc->glyphs[j]))
			next = &L->doc->glyphs[j];
	return prev && next && (is_superscript(ln, prev) || is_superscript(ln, next)) &&
	       fminf(next->x1, next->x2) - fmaxf(prev->x1, prev->x2) < SPACE_GAP * ln->size;
}

static int ltr_text(layout *L, pline *ln)
{
	size_t s, k, from = L->text.size;
	float lead_x1 = INFINITY, lead_x2 = -INFINITY;
	bool lead_done = false;
	int error;

	for (s = ln->seg_first; s < ln->seg_first + ln->seg_count; s++) {
		const segment *sg = &L->segs[L->line_segs[s]];
		if (s > ln->seg_first && !ends_with_space(&L->text, from) &&
		    (error = resdiff_buf_putc(&L->text, ' ')) < 0)
			return error;
		lead_done |= s > ln->seg_first;
		for (k = sg->first; k < sg->first + sg->count; k++) {
			const pdf_glyph *g = &L->doc->glyphs[k];
			uint32_t cp;
			if (g->cp == '\n')
				continue;
			if (is_space_cp(g->cp)) {
				if (false_space(L, ln, sg, k))
					continue;
				if (L->text.size > from && !ends_with_space(&L->text, from) &&
				    (error = resdiff_buf_putc(&L->text, ' ')) < 0)
					return error;
				lead_done |= lead_x2 > lead_x1;
				continue;
			}
			if ((cp = text_cp(ln, g)) && (error = put_cp(&L->text, cp)) < 0)
				return error;
			if (!lead_done && visible(g)) {
				lead_x1 = fminf(lead_x1, fminf(g->x1, g->x2));
				lead_x2 = fmaxf(lead_x2, fmaxf(g->x1, g->x2));
				/* a line may break after any CJK character */
				lead_done = resdiff_text_is_cjk(g->cp);
			}
		}
	}
	while (ends_with_space(&L->text, from))
		L->text.size--;
	ln->lead_width = lead_x2 > lead_x1 ? lead_x2 - lead_x1 : 0;
	return 0;
}

typedef struct {
	size_t glyph, marks;  /* a base character and the marks after it */
	float x1, x2, size;
} cluster;

static int cmp_cluster(const void *a, const void *b)
{
	const cluster *x = a, *y = b;
	float cx = x->x1 + x->x2, cy = y->x1 + y->x2;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	return x->glyph < y->glyph ? -1 : x->glyph > y->glyph;
}

static bool rtl_char(uint32_t cp)
{
	UCharDirection d = u_charDirection((UChar32)cp);
	return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

enum { DIR_NEUTRAL, DIR_RTL, DIR_LTR, DIR_NUMBER };

static int dir_class(uint32_t cp)
{
	switch (u_charDirection((UChar32)cp)) {
	case U_LEFT_TO_RIGHT: return DIR_LTR;
	case U_RIGHT_TO_LEFT: case U_RIGHT_TO_LEFT_ARABIC: return DIR_RTL;
	case U_EUROPEAN_NUMBER: case U_ARABIC_NUMBER: return DIR_NUMBER;
	default: return DIR_NEUTRAL;
	}
}

/* Visual (left to right) to logical order for a right-to-left line, as the
 * Unicode bidi algorithm lays out such a line with numbers and Latin in it
 * (levels 1 and 2): runs of Latin and numbers keep their order, with the
 * separators between them ("A/76/64", "75/202"; a space next to a number
 * goes with the Arabic); the runs are read right to left and the Arabic
 * ones reversed. vis[] is rewritten in place through tmp[]. */
static void visual_to_logical(uint32_t *vis, uint32_t *tmp, bool *ltr, size_t n)
{
	size_t i, j, k, out = 0;
	int left = DIR_RTL;  /* the line starts and ends right to left */

	for (i = 0; i < n; i = j) {
		int c = dir_class(vis[i]), right = DIR_RTL;
		if (c != DIR_NEUTRAL) {
			ltr[i] = c != DIR_RTL;
			left = c;
			j = i + 1;
			continue;
		}
		for (j = i; j < n && dir_class(vis[j]) == DIR_NEUTRAL; j++)
			;
		if (j < n)
			right = dir_class(vis[j]);
		for (k = i; k < j; k++) {
			bool space = resdiff_text_is_space(vis[k]);
			ltr[k] = left != DIR_RTL && right != DIR_RTL &&
				!(space && (left == DIR_NUMBER || right == DIR_NUMBER));
		}
	}
	for (i = n; i > 0; i = j) {
		for (j = i; j > 0 && ltr[j - 1] == ltr[i - 1]; j--)
			;
		if (ltr[i - 1])
			for (k = j; k < i; k++)
				tmp[out++] = vis[k];
		else
			for (k = i; k > j; k--)
				tmp[out++] = vis[k - 1];
	}
	memcpy(vis, tmp, n * sizeof(*vis));
}

/* A right-to-left line: characters by position (marks stay with their
 * base), spaces where the gaps are, then the logical order. */
static int rtl_text(layout *L, pline *ln)
{
	cluster *cl = NULL;
	uint32_t *vis = NULL, *tmp = NULL;
	bool *ltr = NULL;
	size_t s, k, n = 0, i, m, len = 0;
	int error = 0;

	for (s = ln->seg_first; s < ln->seg_first + ln->seg_count; s++)
		n += L->segs[L->line_segs[s]].count;
	cl = malloc((n + 1) * sizeof(*cl));
	vis = malloc((2 * n + 1) * sizeof(*vis));
	tmp = malloc((2 * n + 1) * sizeof(*tmp));
	ltr = malloc((2 * n + 1) * sizeof(*ltr));
	if (!cl || !vis || !tmp || !ltr) {
		error = oom();
		goto done;
	}
	n = 0;
	for (s = ln->seg_first; s < ln->seg_first + ln->seg_count; s++) {
		const segment *sg = &L->segs[L->line_segs[s]];
		for (k = sg->first; k < sg->first + sg->count; k++) {
			const pdf_glyph *g = &L->doc->glyphs[k];
			if (!visible(g) || !text_cp(ln, g))
				continue;
			if (n && u_charDirection((UChar32)g->cp) == U_DIR_NON_SPACING_MARK &&
			    cl[n - 1].glyph + cl[n - 1].marks + 1 == k) {
				cl[n - 1].marks++;
				continue;
			}
			cl[n].glyph = k;
			cl[n].marks = 0;
			cl[n].x1 = fminf(g->x1, g->x2);
			cl[n].x2 = fmaxf(g->x1, g->x2);
			cl[n].size = g->size;
			n++;
		}
	}
	qsort(cl, n, sizeof(*cl), cmp_cluster);
	/* the first word stands at the right */
	for (i = n; i > 1 && cl[i - 1].x1 - cl[i - 2].x2 <= SPACE_GAP * cl[i - 1].size; i--)
		;
	ln->lead_width = n ? cl[n - 1].x2 - cl[i - 1].x1 : 0;
	for (i = 0; i < n; i++) {
		const pdf_glyph *base = &L->doc->glyphs[cl[i].glyph];
		if (i > 0 && cl[i].x1 - cl[i - 1].x2 > SPACE_GAP * cl[i].size)
			vis[len++] = ' ';
		if (rtl_char(base->cp)) {
			/* drawn right to left: marks come first in visual order */
			for (m = cl[i].marks; m > 0; m--)
				vis[len++] = text_cp(ln, base + m);
			vis[len++] = text_cp(ln, base);
		} else {
			for (m = 0; m <= cl[i].marks; m++)
				vis[len++] = text_cp(ln, base + m);
		}
	}
	visual_to_logical(vis, tmp, ltr, len);
	for (i = 0; i < len; i++)
		if ((error = put_cp(&L->text, vis[i])) < 0)
			goto done;
done:
	free(cl);
	free(vis);
	free(tmp);
	free(ltr);
	return error;
}

/* FNV-1a of the text with digit runs folded to one '#' and spaces left out. */
/* A line's text in the layout's buffer; "" while the buffer holds nothing
 * (lines all empty: the buffer may be unallocated, and NULL + 0 is
 * undefined). */
static const char *line_text(const layout *L, const pline *ln)
{
	return L->text.ptr ? L->text.ptr + ln->text_off : "";
}

static uint64_t running_key(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;
	bool digit = false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			continue;
		if (c >= '0' && c <= '9') {
			if (digit)
				continue;
			digit = true;
			c = '#';
		} else {
			digit = false;
		}
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

static int line_texts(layout *L)
{
	size_t i;
	size_t r = 0, l = 0;
	int error;

	/* in a right-to-left document every line is a right-to-left paragraph
	 * (a line of Latin or numbers in it too); elsewhere lines with more
	 * right-to-left letters than others */
	for (i = 0; i < L->line_count; i++) {
		r += L->lines[i].rtl_chars;
		l += L->lines[i].ltr_chars;
	}
	for (i = 0; i < L->line_count; i++)
		L->lines[i].rtl = r > l || L->lines[i].rtl_chars > L->lines[i].ltr_chars;
	for (i = 0; i < L->line_count; i++) {
		pline *ln = &L->lines[i];
		ln->text_off = L->text.size;
		if ((error = ln->rtl ? rtl_text(L, ln) : ltr_text(L, ln)) < 0)
			return error;
		ln->text_len = L->text.size - ln->text_off;
		ln->key = running_key(line_text(L, ln), ln->text_len);
	}
	return 0;
}

/* 4. Running headers, footers, page numbers. */
static bool in_band(const layout *L, const pline *ln)
{
	float h = L->doc->pages[ln->page].height;
	return h > 0 && (ln->y2 <= BAND * h || ln->y1 >= (1 - BAND) * h);
}

static bool is_page_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0, groups = 0;
	bool roman = true;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (!digits++)
				groups++;
			roman = false;
			continue;
		}
		digits = 0;
		if (c == ' ' || c == '-' || c == '/')
			continue;
		if (!strchr("ivxlc", c))
			return false;
	}
	return groups == 1 || groups == 2 || (roman && len > 0 && len <= 6);
}

typedef struct {
	uint64_t key;
	float y;
	size_t page, line;
} line_ref;

static int cmp_running(const void *a, const void *b)
{
	const line_ref *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_band_y(const void *a, const void *b)
{
	float x = ((const line_ref *)a)->y, y = ((const line_ref *)b)->y;
	return x < y ? -1 : x > y;
}

/* Is some y in ys[0..n) (sorted) within RUNNING_TOLERANCE of y? */
static bool near_y(const line_ref *ys, size_t n, float y)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (ys[mid].y < y - RUNNING_TOLERANCE)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ys[lo].y <= y + RUNNING_TOLERANCE;
}

/* Mark the lines at the head and the foot of each page that stand apart
 * from the text block (a gap below or above them) within the top or
 * bottom BAND: the only ones that can be running lines. Footnotes sit at
 * the foot too, but close to each other, so they are not taken. */
static int mark_edges(layout *L)
{
	sort_item *items;
	size_t first, end, i, n, k;

	if (!(items = malloc((L->line_count + 1) * sizeof(*items))))
		return oom();
	for (first = 0; first < L->line_count; first = end) {
		for (end = first; end < L->line_count && L->lines[end].page == L->lines[first].page; end++)
			;
		n = end - first;
		for (i = 0; i < n; i++) {
			items[i].key = L->lines[first + i].y1;
			items[i].index = first + i;
		}
		qsort(items, n, sizeof(*items), cmp_item);
		/* the fewest lines from the head that a gap parts from the rest */
		for (k = 0; k < n && k < EDGE_LINES && in_band(L, &L->lines[items[k].index]); k++) {
			const pline *a = &L->lines[items[k].index];
			if (k + 1 == n || L->lines[items[k + 1].index].y1 - a->y2 >= EDGE_GAP * (a->y2 - a->y1)) {
				for (i = 0; i <= k; i++)
					L->lines[items[i].index].edge = true;
				break;
			}
		}
		for (k = 0; k < n && k < EDGE_LINES && in_band(L, &L->lines[items[n - 1 - k].index]); k++) {
			const pline *a = &L->lines[items[n - 1 - k].index];
			if (k + 1 == n || a->y1 - L->lines[items[n - 2 - k].index].y2 >= EDGE_GAP * (a->y2 - a->y1)) {
				for (i = 0; i <= k; i++)
					L->lines[items[n - 1 - i].index].edge = true;
				break;
			}
		}
	}
	free(items);
	return 0;
}

static int mark_running(layout *L)
{
	line_ref *band;
	size_t n = 0, i, j, k;

	if (!(band = malloc((L->line_count + 1) * sizeof(*band))))
		return oom();
	for (i = 0; i < L->line_count; i++) {
		pline *ln = &L->lines[i];
		if (!ln->edge)
			continue;
		if (is_page_number(line_text(L, ln), ln->text_len)) {
			ln->role = ROLE_RUNNING;
			continue;
		}
		band[n].key = ln->key;
		band[n].y = ln->y1;
		band[n].page = ln->page;
		band[n].line = i;
		n++;
	}
	/* equal keys at about the same height on two pages or more */
	qsort(band, n, sizeof(*band), cmp_running);
	for (i = 0; i < n; i = j) {
		size_t pages = 1;
		for (j = i + 1; j < n && band[j].key == band[i].key &&
		     band[j].y - band[j - 1].y <= RUNNING_TOLERANCE; j++)
			pages += band[j].page != band[j - 1].page;
		if (pages >= 2)
			for (k = i; k < j; k++)
				L->lines[band[k].line].role = ROLE_RUNNING;
	}
	/* at the foot, a line where the running footers of other pages stand
	 * is one too: the first page's job number and barcode ("19-22407 (E)
	 * 130120 *1922407*"). At the head the first page's block stays: it
	 * holds the symbol the parser reads. */
	for (i = 0, k = 0; i < L->line_count; i++) {
		const pline *ln = &L->lines[i];
		if (ln->role == ROLE_RUNNING && ln->y1 > L->doc->pages[ln->page].height / 2)
			band[k++].y = ln->y1;
	}
	qsort(band, k, sizeof(*band), cmp_band_y);
	for (i = 0; i < L->line_count; i++) {
		pline *ln = &L->lines[i];
		if (ln->role == ROLE_BODY && ln->edge && ln->y1 > L->doc->pages[ln->page].height / 2 &&
		    near_y(band, k, ln->y1))
			ln->role = ROLE_RUNNING;
	}
	free(band);
	return 0;
}

/* The size of most body characters (lines weighted by their characters). */
static int body_size(layout *L)
{
	sort_item *sizes;
	size_t i, k, n = 0, best = 0, weight;

	if (!(sizes = malloc((L->line_count + 1) * sizeof(*sizes))))
		return oom();
	for (i = 0; i < L->line_count; i++) {
		if (L->lines[i].role != ROLE_BODY)
			continue;
		sizes[n].key = L->lines[i].size;
		sizes[n].index = L->lines[i].visible;
		n++;
	}
	qsort(sizes, n, sizeof(*sizes), cmp_item);
	L->body_size = 0;
	for (i = 0; i < n; i = k) {
		for (k = i, weight = 0; k < n && sizes[k].key - sizes[i].key < 0.3; k++)
			weight += sizes[k].index;
		if (weight > best) {
			best = weight;
			L->body_size = (float)sizes[i].key;
		}
	}
	free(sizes);
	return 0;
}

/* 5. A footnote label at the start of a text: "12", "(3)", "¹²", "*". */
static size_t note_label(const char *s, size_t len, char out[16])
{
	size_t i = 0, n = 0, adv;
	bool paren = false;

	if (i < len && s[i] == '*') {
		while (i < len && s[i] == '*' && n < 3)
			out[n++] = s[i++];
		out[n] = '\0';
		return i;
	}
	if (i < len && s[i] == '(') {
		paren = true;
		i++;
	}
	while (i < len && n < 3) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		uint32_t d;
		if (cp >= '0' && cp <= '9')
			d = (uint32_t)(cp - '0');
		else if (cp == 0xB9)
			d = 1;
		else if (cp == 0xB2 || cp == 0xB3)
			d = (uint32_t)(cp - 0xB0);
		else if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079))
			d = (uint32_t)(cp - 0x2070);
		else
			break;
		if (n == 0 && d == 0)
			return 0;
		out[n++] = (char)('0' + d);
		i += adv;
	}
	out[n] = '\0';
	if (!n || (paren && !(i < len && s[i] == ')')) || (i < len && s[i] >= '0' && s[i] <= '9'))
		return 0;  /* no label, or "2015": a number */
	if (paren)
		i++;
	/* a label stands apart from the note's text or runs into it as a
	 * superscript; "2030 Agenda" on a continuation line is told apart by
	 * the numbering (see mark_notes) */
	return i;
}

typedef struct {
	char label[16];
	resdiff_buf text;
} note;

static bool is_cjk_at_end(const char *s, size_t len)
{
	size_t k = len;
	size_t adv;
	int32_t cp;
	if (!len)
		return false;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		k--;
	cp = resdiff_utf8_decode(s + k, len - k, &adv);
	return cp > 0 && resdiff_text_is_cjk((uint32_t)cp);
}

static bool is_cjk_at_start(const char *s, size_t len)
{
	size_t adv;
	int32_t cp = len ? resdiff_utf8_decode(s, len, &adv) : -1;
	return cp > 0 && resdiff_text_is_cjk((uint32_t)cp);
}

/* Join `s` to the text in out as the next line of the same paragraph: no
 * space next to CJK, none after "letter-" (the hyphen stays), else one. */
static int join_line(resdiff_buf *out, const char *s, size_t len)
{
	int error;
	if (out->size && len) {
		bool hyphen = out->size >= 2 && out->ptr[out->size - 1] == '-' &&
			out->ptr[out->size - 2] != ' ' && out->ptr[out->size - 2] != '-';
		if (!hyphen && !is_cjk_at_end(out->ptr, out->size) && !is_cjk_at_start(s, len) &&
		    (error = resdiff_buf_putc(out, ' ')) < 0)
			return error;
	}
	return resdiff_buf_put(out, s, len);
}

static int cmp_line_y(const void *a, const void *b)
{
	const line_ref *x = a, *y = b;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* A line holding only a small footnote label is a marker that the
 * typesetter pushed onto a line of its own: it goes to the end of the
 * line before, as superscript digits. */
static int mark_marker_lines(layout *L)
{
	size_t i, k, adv;
	char label[16];
	int error;

	for (i = 0; i < L->line_count; i++) {
		pline *ln = &L->lines[i];
		const char *s = line_text(L, ln);
		size_t off = L->text.size;
		if (ln->role != ROLE_BODY || ln->size >= SUP_SIZE * L->body_size ||
		    note_label(s, ln->text_len, label) != ln->text_len)
			continue;
		for (k = 0; label[k]; k++) {
			int32_t cp = resdiff_utf8_decode(label + k, 1, &adv);
			if ((error = put_cp(&L->text, superscript_of((uint32_t)cp))) < 0)
				return error;
		}
		ln->text_off = off;
		ln->text_len = L->text.size - off;
		ln->role = ROLE_MARKER;
	}
	return 0;
}

/* Mark the footnote lines of every page and collect the notes in order. */
static int mark_notes(layout *L, note **notes_out, size_t *count_out)
{
	note *notes = NULL;
	line_ref *order;
	size_t count = 0, alloc = 0, i, first_line = 0;
	int error = 0;
	long expect = 0;

	if (!(order = malloc((L->line_count + 1) * sizeof(*order))))
		return oom();
	while (first_line < L->line_count) {
		size_t page = L->lines[first_line].page, end = first_line, n = 0, z;
		while (end < L->line_count && L->lines[end].page == page)
			end++;
		for (i = first_line; i < end; i++) {
			if (L->lines[i].role != ROLE_BODY)
				continue;
			order[n].y = L->lines[i].y1;
			order[n].line = i;
			n++;
		}
		qsort(order, n, sizeof(*order), cmp_line_y);
		/* the zone: the small lines at the bottom */
		for (z = n; z > 0 && L->lines[order[z - 1].line].size <= NOTE_SIZE * L->body_size; z--)
			;
		if (z < n && z > 0) {
			pline *top = &L->lines[order[z].line];
			char label[16];
			bool starts = note_label(line_text(L, top), top->text_len, label) > 0;
			if (!starts && count == 0)
				z = n;  /* small text, but no note: leave it in the body */
		} else {
			z = n;  /* no zone, or a page of small text only */
		}
		for (i = z; i < n; i++) {
			pline *ln = &L->lines[order[i].line];
			const char *s = line_text(L, ln);
			char label[16];
			size_t ll = note_label(s, ln->text_len, label);
			long number = atol(label);
			/* the next number starts the next note; at the top of a
			 * page's zone a few may have been skipped (a note whose
			 * body stands elsewhere) */
			bool fresh = ll > 0 && (label[0] == '*' || number == expect || count == 0 ||
				(i == z && number > expect && number <= expect + NOTE_SKIP));
			ln->role = ROLE_NOTE;
			if (fresh) {
				if (count == alloc) {
					size_t na = alloc ? alloc * 2 : 16;
					note *p = realloc(notes, na * sizeof(*p));
					if (!p) {
						error = oom();
						goto done;
					}
					notes = p;
					alloc = na;
				}
				memset(&notes[count], 0, sizeof(notes[count]));
				memcpy(notes[count].label, label, sizeof(label));
				count++;
				expect = label[0] == '*' ? expect : atol(label) + 1;
				while (ll < ln->text_len && s[ll] == ' ')
					ll++;
				s += ll;
				if ((error = resdiff_buf_put(&notes[count - 1].text, s, ln->text_len - ll)) < 0)
					goto done;
			} else if (count) {
				if ((error = join_line(&notes[count - 1].text, s, ln->text_len)) < 0)
					goto done;
			}
		}
		first_line = end;
	}
done:
	free(order);
	*notes_out = notes;
	*count_out = count;
	return error;
}

/* Column edges of the body lines of each page. */
static int column_edges(layout *L)
{
	size_t i, pages = L->doc->page_count;
	L->left = malloc((pages + 1) * sizeof(float));
	L->right = malloc((pages + 1) * sizeof(float));
	if (!L->left || !L->right)
		return oom();
	for (i = 0; i < pages; i++) {
		L->left[i] = INFINITY;
		L->right[i] = -INFINITY;
	}
	for (i = 0; i < L->line_count; i++) {
		const pline *ln = &L->lines[i];
		if (ln->role != ROLE_BODY)
			continue;
		L->left[ln->page] = fminf(L->left[ln->page], ln->x1);
		L->right[ln->page] = fmaxf(L->right[ln->page], ln->x2);
	}
	return 0;
}

/* The most common distance between the bottoms of consecutive body lines
 * of body size on a page: the line pitch inside paragraphs. */
static int line_pitch(layout *L)
{
	float *d;
	size_t i, n = 0, k, j, best = 0;
	const pline *prev = NULL;

	if (!(d = malloc((L->line_count + 1) * sizeof(*d))))
		return oom();
	for (i = 0; i < L->line_count; i++) {
		const pline *ln = &L->lines[i];
		if (ln->role != ROLE_BODY)
			continue;
		if (prev && prev->page == ln->page && fabsf(ln->size - L->body_size) < 0.5f &&
		    fabsf(prev->size - L->body_size) < 0.5f && ln->bottom > prev->bottom)
			d[n++] = ln->bottom - prev->bottom;
		prev = ln;
	}
	qsort(d, n, sizeof(*d), cmp_float);
	L->pitch = 1.2f * L->body_size;
	for (i = 0; i < n; i = k) {
		for (k = i; k < n && d[k] - d[i] < 0.5f; k++)
			;
		if (k - i > best) {
			best = k - i;
			L->pitch = d[(i + k) / 2];
		}
	}
	if (best < 2) {
		/* too few lines to tell: the closest pair, if it is a line's step */
		L->pitch = 1.2f * L->body_size;
		for (j = 0; j < n; j++)
			if (d[j] < 1.5f * L->body_size)
				L->pitch = fminf(L->pitch, d[j]);
	}
	free(d);
	return 0;
}

/* 6. Does `cur` continue the paragraph of `prev`? */
static bool continues(const layout *L, const pline *prev, const pline *cur)
{
	float size = prev->size, room, indent_prev, indent_cur, centre;

	if (prev->rtl != cur->rtl || size <= 0 ||
	    fabsf(cur->size - size) > SIZE_CHANGE * size)
		return false;
	if (cur->page == prev->page) {
		float step = cur->bottom - prev->bottom;
		float pitch = L->body_size > 0 ? L->pitch * size / L->body_size : 1.2f * size;
		if (step > pitch + PARA_GAP * size || step < 0.5f * size)
			return false;
	} else if (cur->page != prev->page + 1) {
		return false;
	}
	/* the previous line would have taken the first word of this one; a
	 * block indented on one side (a title) is taken to be indented as
	 * much on the other */
	indent_prev = prev->rtl ? L->right[prev->page] - prev->x2 : prev->x1 - L->left[prev->page];
	indent_cur = cur->rtl ? L->right[cur->page] - cur->x2 : cur->x1 - L->left[cur->page];
	room = prev->rtl ? prev->x1 - L->left[prev->page] : L->right[prev->page] - prev->x2;
	if (room - fmaxf(indent_cur, 0) > cur->lead_width + WRAP_SLACK * size)
		return false;
	/* first lines are indented; centred lines are not first lines */
	centre = (L->left[cur->page] + L->right[cur->page]) / 2;
	if (indent_cur > indent_prev + INDENT * size &&
	    !(fabsf((cur->x1 + cur->x2) / 2 - centre) < CENTRED && indent_prev > INDENT * size))
		return false;
	return true;
}

static int emit(layout *L, resdiff_buf *out, const note *notes, size_t note_count)
{
	const pline *prev = NULL;
	resdiff_buf para = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < L->line_count; i++) {
		const pline *ln = &L->lines[i];
		const char *s = line_text(L, ln);
		if (ln->role == ROLE_MARKER && para.size) {
			if ((error = resdiff_buf_put(&para, s, ln->text_len)) < 0)
				goto done;
			prev = ln;
			continue;
		}
		if ((ln->role != ROLE_BODY && ln->role != ROLE_MARKER) || !ln->text_len)
			continue;
		if (prev && !continues(L, prev, ln)) {
			if ((error = resdiff_buf_put(out, para.ptr, para.size)) < 0 ||
			    (error = resdiff_buf_puts(out, "\n\n")) < 0)
				goto done;
			resdiff_buf_clear(&para);
		}
		if ((error = join_line(&para, s, ln->text_len)) < 0)
			goto done;
		prev = ln;
	}
	if (para.size && ((error = resdiff_buf_put(out, para.ptr, para.size)) < 0 ||
			  (error = resdiff_buf_puts(out, "\n")) < 0))
		goto done;
	if (note_count && (error = resdiff_buf_puts(out, "\n" SEPARATOR "\n")) < 0)
		goto done;
	for (i = 0; i < note_count; i++) {
		if ((error = resdiff_buf_printf(out, "\n%s ", notes[i].label)) < 0 ||
		    (error = resdiff_buf_put(out, notes[i].text.ptr, notes[i].text.size)) < 0 ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			goto done;
	}
done:
	resdiff_buf_dispose(&para);
	return error;
}

int pdf_layout(resdiff_buf *out, const pdf_doc *doc, const char *source)
{
	layout L;
	note *notes = NULL;
	size_t note_count = 0, i;
	int error;

	memset(&L, 0, sizeof(L));
	L.doc = doc;
	if ((error = make_segments(&L)) < 0)
		goto done;
	if (L.seg_count == 0) {
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: no text layer (a scanned or image-only PDF; resdiff does not read images)",
			source ? source : "PDF");
		goto done;
	}
	if ((error = make_lines(&L)) < 0 || (error = line_texts(&L)) < 0 ||
	    (error = mark_edges(&L)) < 0 || (error = mark_running(&L)) < 0 || (error = body_size(&L)) < 0 ||
	    (error = mark_marker_lines(&L)) < 0 ||
	    (error = mark_notes(&L, &notes, &note_count)) < 0 ||
	    (error = column_edges(&L)) < 0 || (error = line_pitch(&L)) < 0)
		goto done;
	error = emit(&L, out, notes, note_count);
done:
	for (i = 0; i < note_count; i++)
		resdiff_buf_dispose(&notes[i].text);
	free(notes);
	free(L.segs);
	free(L.line_segs);
	free(L.lines);
	free(L.left);
	free(L.right);
	resdiff_buf_dispose(&L.text);
	return error;
}

int pdf_doc_add_page(pdf_doc *doc, float width, float height)
{
	if (doc->page_count == doc->page_alloc) {
		size_t n = doc->page_alloc ? doc->page_alloc * 2 : 16;
		pdf_page *p = realloc(doc->pages, n * sizeof(*p));
		if (!p)
			return oom();
		doc->pages = p;
		doc->page_alloc = n;
	}
	doc->pages[doc->page_count].width = width;
	doc->pages[doc->page_count].height = height;
	doc->pages[doc->page_count].first = doc->glyph_count;
	doc->pages[doc->page_count].count = 0;
	doc->page_count++;
	return 0;
}

int pdf_doc_add_glyph(pdf_doc *doc, const pdf_glyph *glyph)
{
	if (!doc->page_count)
		return resdiff_error_set(RESDIFF_EINVALID, "a character before the first page");
	if (doc->glyph_count >= RESDIFF_PDF_MAX_GLYPHS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %u characters",
			RESDIFF_PDF_MAX_GLYPHS);
	if (doc->glyph_count == doc->glyph_alloc) {
		size_t n = doc->glyph_alloc ? doc->glyph_alloc * 2 : 4096;
		pdf_glyph *g = realloc(doc->glyphs, n * sizeof(*g));
		if (!g)
			return oom();
		doc->glyphs = g;
		doc->glyph_alloc = n;
	}
	doc->glyphs[doc->glyph_count++] = *glyph;
	doc->pages[doc->page_count - 1].count++;
	return 0;
}

void pdf_doc_dispose(pdf_doc *doc)
{
	free(doc->glyphs);
	free(doc->pages);
	memset(doc, 0, sizeof(*doc));
}
