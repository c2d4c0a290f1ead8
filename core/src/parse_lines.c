/* parse_lines.c: bytes to trimmed lines; page debris. */
#include "memory.h"
#include "parse_state.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <stdlib.h>
#include <string.h>

/* Remove Markdown link remnants "[text](target)" keeping the text. */
static size_t strip_links(char *s, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] == '[') {
			size_t close = i + 1, par;
			while (close < len && s[close] != ']' && s[close] != '[' && s[close] != '\n')
				close++;
			if (close + 1 < len && s[close] == ']' && s[close + 1] == '(') {
				par = close + 2;
				while (par < len && s[par] != ')' && s[par] != ' ' && par - close < 512)
					par++;
				if (par < len && s[par] == ')') {
					memmove(s + o, s + i + 1, close - i - 1);
					o += close - i - 1;
					i = par + 1;
					continue;
				}
			}
		}
		s[o++] = s[i++];
	}
	return o;
}

int parse_split_lines(parse_state *st, const char *text, size_t len)
{
	size_t i = 0, lineno = 0, alloc = 0;
	int error = 0;

	if ((error = resdiff_text_check_encoding(st->source, text, len)) < 0)
		return error;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (len > RESDIFF_PARSE_MAX_INPUT)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: larger than %u MiB",
			st->source, RESDIFF_PARSE_MAX_INPUT / (1024 * 1024));
	/* one allocation for the line table: count the line ends (LF, CR, or
	 * CRLF) first; a last line without an end is one more */
	{
		const char *p = text, *end = text + len;
		size_t n = 1;
		while ((p = memchr(p, '\n', (size_t)(end - p)))) {
			n++;
			p++;
		}
		for (p = text; (p = memchr(p, '\r', (size_t)(end - p))); p++)
			n += p + 1 == end || p[1] != '\n';
		if (!(st->lines = malloc(n * sizeof(*st->lines))))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		memory_populate(st->lines, n * sizeof(*st->lines));  /* all written below */
		alloc = n;
	}
	while (i < len) {
		size_t start = i, end, lstart, lend, indent = 0, adv;
		bool form_feed = false;
		parse_line *l;
		char *copy;

		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		end = i;
		if (i < len && text[i] == '\r')
			i++;
		if (i < len && text[i] == '\n' && (i == end || text[i - 1] == '\r'))
			i++;
		lineno++;
		st->work++;
		if (end - start > RESDIFF_PARSE_MAX_LINE)
			return resdiff_error_set(RESDIFF_ETOOBIG, "%s: line %zu longer than %u KiB",
				st->source, lineno, RESDIFF_PARSE_MAX_LINE / 1024);
		/* trim, counting leading whitespace characters */
		lstart = start;
		while (lstart < end) {
			int32_t cp = resdiff_utf8_decode(text + lstart, end - lstart, &adv);
			if (cp < 0 || !(resdiff_text_is_space((uint32_t)cp) || cp == '\f' || cp == '\v'))
				break;
			form_feed |= cp == '\f';
			indent++;
			lstart += adv;
		}
		lend = end;
		while (lend > lstart) {
			size_t k = lend - 1;
			int32_t cp;
			while (k > lstart && ((unsigned char)text[k] & 0xC0) == 0x80)
				k--;
			cp = resdiff_utf8_decode(text + k, lend - k, &adv);
			if (cp < 0 || !(resdiff_text_is_space((uint32_t)cp) || cp == '\f' || cp == '\v'))
				break;
			form_feed |= cp == '\f';
			lend = k;
		}
		if (st->count == alloc) {
			size_t n = alloc ? alloc * 2 : 256;
			parse_line *p = realloc(st->lines, n * sizeof(*p));
			if (!p)
				return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			st->lines = p;
			alloc = n;
		}
		l = &st->lines[st->count++];
		memset(l, 0, sizeof(*l));
		if (!(copy = resdiff_arena_strndup(st->scratch, text + lstart, lend - lstart)))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		l->len = strip_links(copy, lend - lstart);
		copy[l->len] = '\0';
		l->text = l->source = copy;
		l->block = -1;
		l->indent = (uint8_t)(indent > 255 ? 255 : indent);
		l->wide_blank = l->len == 0 && end - start >= SEPARATOR_SPACES;
		l->page_break = form_feed;
		l->cls = l->len ? LINE_TEXT : LINE_BLANK;
	}
	return error;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Skip ASCII spaces. */
static size_t skip_sp(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static size_t digits(const char *s, size_t len, size_t i)
{
	while (i < len && is_digit(s[i]))
		i++;
	return i;
}

/* Job numbers: "09-49042 (C) 4", "21-19246 (E)    100122", "21-19246",
 * "GE.11-60123 (C)", "4 09-49042 (C)". */
static bool is_job_number(const char *s, size_t len)
{
	size_t i = 0, j;

	j = digits(s, len, 0);
	if (j > 0 && j <= 4 && j < len && s[j] == ' ') /* leading page number */
		i = skip_sp(s, len, j);
	if (i + 3 <= len && is_upper(s[i]) && is_upper(s[i + 1]) && s[i + 2] == '.')
		i += 3;
	j = digits(s, len, i);
	if (j - i != 2 || j >= len || s[j] != '-')
		return false;
	i = digits(s, len, j + 1);
	if (i - j - 1 < 4 || i - j - 1 > 6)
		return false;
	i = skip_sp(s, len, i);
	if (i + 3 <= len && s[i] == '(' && is_upper(s[i + 1]) && s[i + 2] == ')')
		i = skip_sp(s, len, i + 3);
	while (i < len) {
		j = digits(s, len, i);
		if (j == i || j - i > 6)
			return false;
		i = skip_sp(s, len, j);
	}
	return true;
}

static bool is_barcode(const char *s, size_t len)
{
	size_t j;
	if (len < 8 || s[0] != '*' || s[len - 1] != '*')
		return false;
	j = digits(s, len, 1);
	return j == len - 1 && j - 1 >= 6;
}

/* "3/12", "2 / 13"; *num and *den receive the numbers. */
static bool is_page_number(const char *s, size_t len, int *num, int *den)
{
	size_t i = digits(s, len, 0), j;
	if (i == 0 || i > 3)
		return false;
	*num = atoi(s);
	j = skip_sp(s, len, i);
	if (j >= len || s[j] != '/')
		return false;
	j = skip_sp(s, len, j + 1);
	i = digits(s, len, j);
	if (i == j || i - j > 3 || i != len)
		return false;
	*den = atoi(s + j);
	return *num >= 1 && *num <= *den;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* Occurrences of v in the sorted array a[0..n). */
static int count_int(const int *a, size_t n, int v)
{
	size_t lo = 0, hi = n;
	int c = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < n && a[lo] == v && c < 2)
		lo++, c++;
	return c;
}

#define RUNNING_WINDOW 4   /* lines either side of debris searched for running titles */
#define RUNNING_MAX_LEN 200

typedef struct {
	const parse_line *l;
	size_t line;
	size_t cluster;
} running_candidate;

static int cmp_candidate(const void *a, const void *b)
{
	const running_candidate *ca = a, *cb = b;
	int c;
	if (ca->l->len != cb->l->len)
		return ca->l->len < cb->l->len ? -1 : 1;
	if ((c = memcmp(ca->l->text, cb->l->text, ca->l->len)) != 0)
		return c;
	if (ca->cluster != cb->cluster)
		return ca->cluster < cb->cluster ? -1 : 1;
	return ca->line < cb->line ? -1 : ca->line > cb->line;
}

static bool same_text(const parse_line *a, const parse_line *b)
{
	return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/* Could the line be a running title: text, short, ending no clause and
 * holding no date (a date recurs in the front and closing lines)? */
static bool title_shaped(const parse_line *l)
{
	char date[11];
	return l->cls == LINE_TEXT && l->len <= RUNNING_MAX_LEN && !parse_ends_clause(l->text, l->len) &&
	       !parse_find_date(l->text, l->len, date);
}

/* Could line i be a running title: title-shaped, or the first line of a
 * two-line one that ends in a comma ("Oceans and the law of the sea:
 * sustainable fisheries," / "including through the 1995 Agreement") with
 * its title-shaped second line right below it? */
static bool title_line(const parse_state *st, size_t i)
{
	const parse_line *l = &st->lines[i];
	char date[11];
	if (title_shaped(l))
		return true;
	return l->cls == LINE_TEXT && l->len <= RUNNING_MAX_LEN && i + 1 < st->count &&
	       parse_last_cp(l->text, l->len) == ',' && title_shaped(&st->lines[i + 1]) &&
	       !parse_find_date(l->text, l->len, date);
}

/* A line of a page's header or footer: debris, or a title. */
static bool header_line(const parse_state *st, size_t i)
{
	return st->lines[i].cls == LINE_DEBRIS || title_line(st, i);
}

#define SANDWICH_MAX_LINES 2 /* a running title between debris lines: its lines */

/* A running title that does not recur (one page break, or a text without
 * its front matter, where the title to match it against is unknown):
 * one or two title lines whose nearest non-blank neighbours above and
 * below are page debris ("09-12345" / "Information and communications
 * technologies for development" / "2/3"). A page's text is never set
 * between two debris lines alone. */
static void mark_sandwiched_titles(parse_state *st)
{
	size_t i, k, above = (size_t)-1;
	for (i = 0; i < st->count; i++) {
		st->work++;
		if (st->lines[i].cls == LINE_BLANK)
			continue;
		if (st->lines[i].cls == LINE_DEBRIS) {
			/* the lines since the last debris line */
			if (above != (size_t)-1 && i > above + 1) {
				size_t n = 0, last = (size_t)-1;
				bool ok = true;
				for (k = above + 1; k < i && ok; k++, st->work++) {
					if (st->lines[k].cls == LINE_BLANK)
						continue;
					ok = ++n <= SANDWICH_MAX_LINES && title_line(st, k);
					last = k;
				}
				if (ok && n > 0 && !parse_ends_clause(st->lines[last].text, st->lines[last].len))
					for (k = above + 1; k < i; k++)
						if (st->lines[k].cls == LINE_TEXT) {
							st->lines[k].cls = LINE_DEBRIS;
							st->lines[k].why = "running title (between page debris)";
						}
			}
			above = i;
		} else if (above != (size_t)-1 && i > above + 1 + 2 * SANDWICH_MAX_LINES) {
			above = (size_t)-1; /* too far from the debris above */
		}
	}
}

static void mark_running_titles(parse_state *st)
{
	running_candidate *cand = NULL;
	size_t ncand = 0, alloc = 0, i, j, k, cluster = 0, last_hi = 0;
	bool have = false;

	for (j = 0; j < st->count; j++) {
		size_t lo, hi, n;
		if (st->lines[j].cls != LINE_DEBRIS)
			continue;
		/* the lines that stand right next to the debris line, no blank
		 * line between, as a page header or footer does ("A/RES/76/189"
		 * above or below its short title); the page's text is set off by
		 * a blank line, and a line of it that recurs is text */
		lo = j;
		for (n = 0; lo > 0 && n < RUNNING_WINDOW && header_line(st, lo - 1); lo--, st->work++)
			n++;
		hi = j;
		for (n = 0; hi + 1 < st->count && n < RUNNING_WINDOW && header_line(st, hi + 1);
		     hi++, st->work++)
			n++;
		if (!have || lo > last_hi)
			cluster++;
		if (have && lo <= last_hi)
			lo = last_hi + 1;
		have = true;
		if (hi > last_hi || cluster == 1)
			last_hi = hi;
		for (k = lo; k <= hi; k++) {
			const parse_line *l = &st->lines[k];
			st->work++;
			if (!title_line(st, k))
				continue;
			if (ncand == alloc) {
				size_t na = alloc ? alloc * 2 : 64;
				running_candidate *p = realloc(cand, na * sizeof(*p));
				if (!p)
					goto done; /* best effort: leave the titles in */
				cand = p;
				alloc = na;
			}
			cand[ncand].l = l;
			cand[ncand].line = k;
			cand[ncand].cluster = cluster;
			ncand++;
		}
	}
	if (ncand)
		qsort(cand, ncand, sizeof(*cand), cmp_candidate);
	for (i = 0; i < ncand; i = j) {
		size_t clusters = 1;
		for (j = i + 1; j < ncand && same_text(cand[i].l, cand[j].l); j++, st->work++)
			clusters += cand[j].cluster != cand[j - 1].cluster;
		if (clusters >= 2)
			for (k = i; k < j; k++) {
				st->lines[cand[k].line].cls = LINE_DEBRIS;
				st->lines[cand[k].line].why = "running title";
			}
	}
done:
	free(cand);
}

void parse_mark_debris(parse_state *st)
{
	size_t i, k;
	int *dens = NULL;
	size_t ndens = 0, dens_alloc = 0;
	bool brk;

	/* 1. unambiguous debris, separators */
	for (i = 0; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		int num, den;
		bool sep = true;

		if (l->cls == LINE_BLANK) {
			if (l->wide_blank)
				l->cls = LINE_SEPARATOR;
			continue;
		}
		for (k = 0; k < l->len; k++)
			if (l->text[k] != '_')
				sep = false;
		if (sep && l->len >= 5) {
			l->cls = LINE_SEPARATOR;
		} else if (is_job_number(l->text, l->len)) {
			l->cls = LINE_DEBRIS;
			l->why = "job number";
		} else if (is_barcode(l->text, l->len)) {
			l->cls = LINE_DEBRIS;
			l->why = "barcode";
		} else if (parse_is_symbol(l->text, l->len) && l->text[l->len - 1] != '.') {
			/* "A/99/123." ends a sentence ("… contained in document\n
			 * A/99/123."): text; a page's symbol has no full stop */
			l->cls = LINE_DEBRIS;
			l->why = "document symbol";
		} else if (is_page_number(l->text, l->len, &num, &den)) {
			if (ndens == dens_alloc) {
				size_t na = dens_alloc ? dens_alloc * 2 : 64;
				int *p = realloc(dens, na * sizeof(*p));
				if (!p)
					continue; /* best effort: this page number stays */
				dens = p;
				dens_alloc = na;
			}
			dens[ndens++] = den;
		}
	}
	if (ndens)
		qsort(dens, ndens, sizeof(*dens), cmp_int);
	/* 2. page numbers: "a/b" whose total b recurs, or that sit by other debris */
	for (i = 0; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		int num, den, same = 0;
		bool near = false;
		if (l->cls != LINE_TEXT || !is_page_number(l->text, l->len, &num, &den))
			continue;
		same = count_int(dens, ndens, den);
		for (k = i > 3 ? i - 3 : 0; k < st->count && k <= i + 3; k++, st->work++)
			near |= st->lines[k].cls == LINE_DEBRIS;
		if (same >= 2 || near) {
			l->cls = LINE_DEBRIS;
			l->why = "page number";
		}
	}
	free(dens);
	/* 2b. a bare page number ("8") next to a page header or footer */
	for (i = 0; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		size_t d = digits(l->text, l->len, 0), a, seen;
		bool near = false;
		if (l->cls != LINE_TEXT || d == 0 || d > 3 || d != l->len)
			continue;
		for (a = i, seen = 0; a > 0 && seen < 1 && !near; a--) {
			const parse_line *m = &st->lines[a - 1];
			st->work++;
			if (m->cls == LINE_BLANK)
				continue;
			near = m->cls == LINE_DEBRIS;
			seen++;
		}
		for (a = i + 1, seen = 0; a < st->count && seen < 1 && !near; a++) {
			const parse_line *m = &st->lines[a];
			st->work++;
			if (m->cls == LINE_BLANK)
				continue;
			near = m->cls == LINE_DEBRIS;
			seen++;
		}
		if (near) {
			l->cls = LINE_DEBRIS;
			l->why = "page number beside page debris";
		}
	}
	/* 3. running titles: short lines next to debris that recur next to
	 * debris at two or more page breaks. Candidates are sorted by text so
	 * this stays O(n log n) however many pages there are. */
	mark_running_titles(st);
	/* 3b. one that does not recur, alone between two debris lines */
	mark_sandwiched_titles(st);
	/* 4. remember page breaks for the paragraph joiner: the first text
	 * line after debris */
	for (i = 0, brk = false; i < st->count; i++) {
		if (st->lines[i].cls == LINE_DEBRIS) {
			brk = true;
		} else if (brk && st->lines[i].cls == LINE_TEXT) {
			st->lines[i].page_break = true;
			brk = false;
		}
	}
}
