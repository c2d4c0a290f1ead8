/*
 * resdiff-pdf: the one program of resdiff that links poppler. It reads a
 * PDF on standard input and writes, for every page in order, the
 * characters that poppler's text layer gives (in poppler's reading order,
 * bidi control characters left out) with the box and font size of each.
 * resdiff runs it only when it reads a PDF (core/src/pdf.c), so the other
 * commands never load poppler, glib or cairo; a crash or a runaway on a
 * hostile PDF ends this process, not resdiff's.
 *
 * Output (docs/PARSE.md, "PDF input"), one record per line, numbers in
 * hundredths of a point, y growing down the page:
 *
 *   %resdiff-pdf 1                   header
 *   p WIDTH HEIGHT                   a page starts
 *   CP X1 Y1 X2 Y2 SIZE              a character: code point in hex
 *                                    (a = end of one of poppler's lines)
 *   e                                the document ended well
 *   ! KIND MESSAGE                   an error; KIND is encrypted, copy,
 *                                    damaged, pages or input
 *
 * Options: --max-pages=N refuses longer documents; --max-bytes=N refuses
 * longer input. Exit status 0 after "e", 1 after "!", 2 on a usage error.
 * Nothing is fetched, no JavaScript runs (poppler-glib never runs it), and
 * nothing is written but standard output.
 */
#include <poppler.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define HELPER_MAX_SECONDS 300                       /* CPU time */
#define HELPER_MAX_MEMORY (4ull * 1024 * 1024 * 1024) /* address space */

static int fail(const char *kind, const char *message)
{
	printf("! %s %s\n", kind, message);
	fflush(stdout);
	return 1;
}

/* Bidi embedding marks poppler-glib adds around right-to-left runs; the
 * layout (one box per character) has no entries for them. */
static int is_bidi_mark(gunichar c)
{
	return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

static long centi(double v)
{
	return (long)(v * 100.0 + (v < 0 ? -0.5 : 0.5));
}

static void limit_resources(void)
{
	struct rlimit cpu = { HELPER_MAX_SECONDS, HELPER_MAX_SECONDS + 5 };
	setrlimit(RLIMIT_CPU, &cpu);
#ifndef RESDIFF_SANITIZE_BUILD /* AddressSanitizer reserves terabytes */
	{
		struct rlimit as = { HELPER_MAX_MEMORY, HELPER_MAX_MEMORY };
		setrlimit(RLIMIT_AS, &as);
	}
#endif
}

/*
 * poppler-glib's text puts the characters of a right-to-left run in
 * logical order and marks the run with embedding marks (RLE ... PDF, with
 * LRE ... PDF around numbers and Latin inside it), while its layout lists
 * one box per character with the characters of each run in drawing order.
 * Within one outermost embedding the text is the drawing order reordered by
 * the rule of the Unicode bidi algorithm (L2: reverse every run at level n
 * or above, from the highest level down to 1), so the same rule applied to
 * the positions says which box belongs to which character.
 */
#define HELPER_MAX_LEVEL 60

typedef struct {
	gunichar c;
	int level;
	guint span; /* which outermost embedding; 0 = none */
} mark_char;

/* Reverse the runs of span[0..n) (levels from its marks) as rule L2 does;
 * order[k] becomes the index into the span of the k-th drawn character. */
static void span_order(guint *order, const mark_char *span, guint n)
{
	int top = 0, lvl;
	guint i, j, k;

	for (i = 0; i < n; i++) {
		order[i] = i;
		if (span[i].level > top)
			top = span[i].level;
	}
	for (lvl = top; lvl >= 1; lvl--) {
		for (i = 0; i < n; i = j) {
			if (span[order[i]].level < lvl) {
				j = i + 1;
				continue;
			}
			for (j = i; j < n && span[order[j]].level >= lvl; j++)
				;
			for (k = 0; k < (j - i) / 2; k++) {
				guint t = order[i + k];
				order[i + k] = order[j - 1 - k];
				order[j - 1 - k] = t;
			}
		}
	}
}

static void glyph_out(gunichar c, const PopplerRectangle *r, double size)
{
	printf("%x %ld %ld %ld %ld %ld\n", c == '\n' ? 0xa : (unsigned)c, centi(r->x1),
		centi(r->y1), centi(r->x2), centi(r->y2), centi(size));
}

static int page_out(PopplerPage *page)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0, i = 0, n = 0, k, *order = NULL;
	mark_char *chars = NULL;
	double *sizes = NULL;
	GList *attrs, *a;
	double w, h, size = 0;
	char *text;
	const char *s;
	int level = 0, stack[HELPER_MAX_LEVEL + 1], depth = 0, error = 0;
	guint span = 0;

	poppler_page_get_size(page, &w, &h);
	printf("p %ld %ld\n", centi(w), centi(h));
	text = poppler_page_get_text(page);
	if (!text)
		return 0;
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	attrs = poppler_page_get_text_attributes(page);
	chars = g_new(mark_char, g_utf8_strlen(text, -1) + 1);
	/* characters without marks, with their embedding levels */
	for (s = text; *s; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);
		if (c == 0x202A || c == 0x202B || c == 0x202D || c == 0x202E) {
			int odd = c == 0x202B || c == 0x202E;
			int next = odd ? (level + 1) | 1 : (level + 2) & ~1;
			if (depth < HELPER_MAX_LEVEL && next <= HELPER_MAX_LEVEL) {
				if (depth == 0)
					span++;
				stack[depth++] = level;
				level = next;
			}
			continue;
		}
		if (c == 0x202C) {
			if (depth > 0)
				level = stack[--depth];
			continue;
		}
		if (is_bidi_mark(c))
			continue;
		chars[n].c = c;
		chars[n].level = level;
		chars[n].span = depth ? span : 0;
		n++;
	}
	if (n != nrects) {
		error = -1; /* text and layout disagree: a damaged page */
		goto done;
	}
	/* font sizes come in ranges of layout indexes, in order */
	sizes = g_new(double, n + 1);
	order = g_new(guint, n + 1);
	for (a = attrs, i = 0; i < n; i++) {
		while (a && ((PopplerTextAttributes *)a->data)->end_index < (int)i)
			a = a->next;
		if (a && ((PopplerTextAttributes *)a->data)->start_index <= (int)i)
			size = ((PopplerTextAttributes *)a->data)->font_size;
		sizes[i] = size;
	}
	/* each outermost embedding is reordered on its own; characters
	 * outside embeddings keep their box */
	for (i = 0; i < n; i = k) {
		if (chars[i].span == 0) {
			glyph_out(chars[i].c, &rects[i], sizes[i]);
			k = i + 1;
			continue;
		}
		for (k = i; k < n && chars[k].span == chars[i].span; k++)
			;
		span_order(order, chars + i, k - i);
		{
			guint j;
			/* order[d] = text index drawn d-th, so box i+d is its box */
			guint *box_of = g_new(guint, k - i);
			for (j = 0; j < k - i; j++)
				box_of[order[j]] = i + j;
			for (j = 0; j < k - i; j++)
				glyph_out(chars[i + j].c, &rects[box_of[j]], sizes[box_of[j]]);
			g_free(box_of);
		}
	}
done:
	g_free(order);
	g_free(sizes);
	g_free(chars);
	poppler_page_free_text_attributes(attrs);
	g_free(rects);
	g_free(text);
	return error;
}

int main(int argc, char **argv)
{
	PopplerDocument *doc = NULL;
	GError *gerror = NULL;
	char *data = NULL;
	size_t len = 0, cap = 0, max_bytes = 64u * 1024 * 1024;
	long max_pages = 5000;
	int i, n, rc = 1;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--max-pages=", 12))
			max_pages = atol(argv[i] + 12);
		else if (!strncmp(argv[i], "--max-bytes=", 12))
			max_bytes = (size_t)atoll(argv[i] + 12);
		else {
			fprintf(stderr, "usage: resdiff-pdf [--max-pages=N] [--max-bytes=N] < FILE.pdf\n");
			return 2;
		}
	}
	limit_resources();
	printf("%%resdiff-pdf 1\n");
	for (;;) {
		ssize_t got;
		if (len == cap) {
			char *p;
			cap = cap ? cap * 2 : 1 << 16;
			if (!(p = realloc(data, cap)))
				return fail("input", "out of memory");
			data = p;
		}
		got = read(0, data + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return fail("input", strerror(errno));
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > max_bytes)
			return fail("input", "larger than the limit");
	}
	if (len > (size_t)G_MAXINT)
		return fail("input", "larger than the limit");
	doc = poppler_document_new_from_data(data, (int)len, NULL, &gerror);
	if (!doc) {
		int encrypted = gerror && gerror->domain == POPPLER_ERROR &&
			gerror->code == POPPLER_ERROR_ENCRYPTED;
		rc = fail(encrypted ? "encrypted" : "damaged",
			gerror && gerror->message ? gerror->message : "cannot be opened");
		goto done;
	}
	if (!(poppler_document_get_permissions(doc) & POPPLER_PERMISSIONS_OK_TO_COPY)) {
		rc = fail("copy", "its permissions do not allow copying its text");
		goto done;
	}
	n = poppler_document_get_n_pages(doc);
	if (n > max_pages) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%d pages", n);
		rc = fail("pages", msg);
		goto done;
	}
	for (i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		int error;
		if (!page) {
			rc = fail("damaged", "a page cannot be read");
			goto done;
		}
		error = page_out(page);
		g_object_unref(page);
		if (error < 0) {
			rc = fail("damaged", "the text of a page cannot be read");
			goto done;
		}
	}
	printf("e\n");
	rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
done:
	if (gerror)
		g_error_free(gerror);
	if (doc)
		g_object_unref(doc);
	free(data);
	return rc;
}
