/* parse.c: UN document text to resdiff_doc: the driver, line joining,
 * paragraph labels, ids and numbering diagnostics. docs/PARSE.md. */
#include "parse_internal.h"
#include "resdiff/parse.h"
#include "resdiff/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uchar.h>

#define LABEL_MAX 32
#define SUBLEVEL_MAX 3        /* OP1(a)(i) is as deep as sub-paragraphs go */
#define NUMBER_JUMP_MAX 5     /* a paragraph number may skip this many */
#define ZONE_GAP_REPORT_MAX 20 /* missing footnote numbers reported per gap */
#define PENDING_MARKERS_MAX 16 /* footnote markers kept before the first paragraph */

int resdiff_file_read(char **out, size_t *len, const char *path)
{
	resdiff_buf buf = RESDIFF_BUF_INIT;
	FILE *f;
	char chunk[65536];
	size_t n;
	int error = 0;

	*out = NULL;
	*len = 0;
	{
		struct stat sb;
		if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			return resdiff_error_set(RESDIFF_EINVALID, "%s: is a directory", path);
	}
	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return resdiff_error_set(errno == ENOENT ? RESDIFF_ENOTFOUND : RESDIFF_EIO,
			"%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf.size + n > RESDIFF_PARSE_MAX_INPUT) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "%s: larger than %u MiB",
				path, RESDIFF_PARSE_MAX_INPUT / (1024 * 1024));
			goto done;
		}
		if ((error = resdiff_buf_put(&buf, chunk, n)) < 0)
			goto done;
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

/* ---- text helpers shared by the passes ---- */

uint32_t parse_last_cp(const char *s, size_t len)
{
	size_t k, adv;
	int32_t cp;
	if (!len)
		return 0;
	k = len - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	cp = resdiff_utf8_decode(s + k, len - k, &adv);
	return cp < 0 ? 0 : (uint32_t)cp;
}

uint32_t parse_first_cp(const char *s, size_t len)
{
	size_t adv;
	int32_t cp = len ? resdiff_utf8_decode(s, len, &adv) : 0;
	return cp < 0 ? 0 : (uint32_t)cp;
}

static bool closer(uint32_t c)
{
	return c == 0x201D || c == 0x2019 || c == '"' || c == '\'' || c == ')' || c == ']' ||
	       c == 0xFF09 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x00BB;
}

bool parse_ends_clause(const char *s, size_t len)
{
	uint32_t c;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len) {
		c = parse_last_cp(s, len);
		if (closer(c)) {
			size_t k = len - 1;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			len = k;
			continue;
		}
		return c == ',' || c == ';' || c == '.' || c == ':' || c == '!' || c == '?' ||
		       c == 0xFF0C || c == 0xFF1B || c == 0x3002 || c == 0xFF1A || c == 0xFF01 ||
		       c == 0xFF1F || c == 0xFF0E || c == 0x060C || c == 0x061B || c == 0x06D4;
	}
	return false;
}

int parse_join(resdiff_buf *raw, const char *s, size_t len)
{
	int error;
	if (raw->size) {
		/* "multi-\nstakeholder" joins without a space, keeping the hyphen */
		bool hyphen = raw->ptr[raw->size - 1] == '-' && raw->size >= 2 &&
			      u_isalpha((UChar32)parse_last_cp(raw->ptr, raw->size - 1));
		if (!hyphen && (error = resdiff_buf_putc(raw, ' ')) < 0)
			return error;
	}
	return resdiff_buf_put(raw, s, len);
}

int parse_normalize(resdiff_buf *out, const char *s, size_t len,
		const size_t *pos, size_t *offsets, size_t npos)
{
	size_t i = 0, adv, p = 0, cps = 0;
	bool pending = false;
	uint32_t prev = 0;
	int error;

	while (i <= len) {
		int32_t cp;
		while (p < npos && pos[p] <= i)
			offsets[p++] = cps;
		if (i == len)
			break;
		cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp < 0) {
			i += adv;
			continue;
		}
		if (resdiff_text_is_space((uint32_t)cp) || cp == '\t') {
			pending = cps > 0;
			i += adv;
			continue;
		}
		if (pending && !resdiff_text_is_cjk(prev) && !resdiff_text_is_cjk((uint32_t)cp)) {
			if ((error = resdiff_buf_putc(out, ' ')) < 0)
				return error;
			cps++;
		}
		pending = false;
		if ((error = resdiff_buf_put(out, s + i, adv)) < 0)
			return error;
		cps++;
		prev = (uint32_t)cp;
		i += adv;
	}
	while (p < npos)
		offsets[p++] = cps;
	return resdiff_buf_put(out, "", 0);
}

/* ---- labels ---- */

typedef enum { LABEL_NONE, LABEL_NUMBER, LABEL_SUB, LABEL_HEADING } label_kind;

typedef struct {
	label_kind kind;
	int number;           /* LABEL_NUMBER */
	char sub[8];          /* LABEL_SUB: "a", "iv" */
	char text[LABEL_MAX]; /* as printed: "1.", "(a)", "一." */
	size_t len;           /* bytes of the label and following spaces */
} label_t;

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t adv;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp < 0 || !resdiff_text_is_space((uint32_t)cp))
			break;
		i += adv;
	}
	return i;
}

static bool is_roman(const char *s)
{
	for (; *s; s++)
		if (*s != 'i' && *s != 'v' && *s != 'x' && *s != 'l' && *s != 'c')
			return false;
	return true;
}

/* Sub-paragraph letters of the Cyrillic and Arabic alphabets, in the order
 * UN documents use them; ids use the Latin letter of the same rank so that
 * parallel texts share ids ("(б)" and "(ب)" are both "(b)"). */
static const char *const cyrillic_letters[] = { "а", "б", "в", "г", "д", "е", "ж", "з",
	"и", "к", "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ",
	"э", "ю", "я" };
static const char *const arabic_letters[] = { "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح",
	"ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ",
	"ذ", "ض" };

/* One sub-paragraph letter at s: a Latin letter or roman numeral, or one
 * Cyrillic or Arabic letter. Writes the Latin id form to latin[8] and
 * returns the bytes read (0 if none). */
static size_t sub_letter(const char *s, size_t len, char latin[8])
{
	size_t k = 0, i, n;
	while (k < len && s[k] >= 'a' && s[k] <= 'z' && k < 5)
		k++;
	if (k > 0) {
		snprintf(latin, 8, "%.*s", (int)k, s);
		if (k == 1 || is_roman(latin))
			return k;
		latin[0] = '\0';
		return 0;
	}
	for (i = 0; i < sizeof(cyrillic_letters) / sizeof(cyrillic_letters[0]); i++) {
		n = strlen(cyrillic_letters[i]);
		if (len >= n && !memcmp(s, cyrillic_letters[i], n)) {
			snprintf(latin, 8, "%c", (char)('a' + i));
			return n;
		}
	}
	for (i = 0; i < sizeof(arabic_letters) / sizeof(arabic_letters[0]); i++) {
		n = strlen(arabic_letters[i]);
		if (len >= n && !memcmp(s, arabic_letters[i], n)) {
			snprintf(latin, 8, "%c", (char)('a' + i));
			return n;
		}
	}
	return 0;
}

static int cjk_numeral(uint32_t c)
{
	static const uint32_t digits[] = { 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
					   0x4E03, 0x516B, 0x4E5D, 0x5341 };
	size_t i;
	for (i = 0; i < 10; i++)
		if (digits[i] == c)
			return (int)i + 1;
	return 0;
}

static void label_detect(label_t *lab, const char *s, size_t len, const char *lang)
{
	size_t i = 0, j, adv;
	int32_t cp;

	memset(lab, 0, sizeof(*lab));
	/* "12." / "12.text" / Arabic "12 - text" */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i <= PARSE_NUMBER_DIGITS) {
		if (i < len && s[i] == '.' && !(i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')) {
			lab->kind = LABEL_NUMBER;
			lab->number = atoi(s);
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + 1), s);
			lab->len = skip_spaces(s, len, i + 1);
			return;
		}
		if (lang && !strcmp(lang, "ar")) {
			j = skip_spaces(s, len, i);
			if (j < len && (s[j] == '-' || !strncmp(s + j, "–", 3))) {
				lab->kind = LABEL_NUMBER;
				lab->number = atoi(s);
				snprintf(lab->text, sizeof(lab->text), "%.*s -", (int)i, s);
				lab->len = skip_spaces(s, len, j + (s[j] == '-' ? 1 : 3));
				return;
			}
		}
		return;
	}
	/* "(a)", "(iv)", "（a）", "(б)", "(ب)"; "a)", "iv)", "б)" */
	j = 0;
	if (len > 0 && s[0] == '(')
		j = 1;
	else if (len >= 3 && !strncmp(s, "（", 3))
		j = 3;
	{
		size_t n = sub_letter(s + j, len - j, lab->sub);
		size_t k = j + n;
		if (n && k < len && (s[k] == ')' || !strncmp(s + k, "）", 3)) &&
		    (j || (k + 1 < len && s[k + 1] == ' '))) {
			size_t close = s[k] == ')' ? 1 : 3;
			lab->kind = LABEL_SUB;
			snprintf(lab->text, sizeof(lab->text), "%s%.*s)", j ? "(" : "", (int)n, s + j);
			lab->len = skip_spaces(s, len, k + close);
			return;
		}
		memset(lab->sub, 0, sizeof(lab->sub));
	}
	/* "(一)", "（十一）" */
	if (j) {
		size_t k = j;
		while (k < len && (cp = resdiff_utf8_decode(s + k, len - k, &adv)) > 0 && cjk_numeral((uint32_t)cp))
			k += adv;
		if (k > j && k < len && (s[k] == ')' || !strncmp(s + k, "）", 3))) {
			size_t close = s[k] == ')' ? 1 : 3;
			lab->kind = LABEL_HEADING;
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(k + close), s);
			lab->len = skip_spaces(s, len, k + close);
			return;
		}
	}
	/* "一.", "十二、", "IV.", "A." */
	cp = resdiff_utf8_decode(s, len, &adv);
	if (cp > 0 && cjk_numeral((uint32_t)cp)) {
		i = 0;
		while (i < len && (cp = resdiff_utf8_decode(s + i, len - i, &adv)) > 0 && cjk_numeral((uint32_t)cp))
			i += adv;
		if (i < len && (s[i] == '.' || !strncmp(s + i, "、", 3) || !strncmp(s + i, "．", 3))) {
			size_t dl = s[i] == '.' ? 1 : 3;
			lab->kind = LABEL_HEADING;
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + dl), s);
			lab->len = skip_spaces(s, len, i + dl);
		}
		return;
	}
	i = 0;
	while (i < len && i < 6 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X' || s[i] == 'L'))
		i++;
	if (i == 0 && len > 1 && s[0] >= 'A' && s[0] <= 'Z')
		i = 1;
	if (i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ') {
		lab->kind = LABEL_HEADING;
		snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + 1), s);
		lab->len = skip_spaces(s, len, i + 1);
	}
}

/* ---- blocks ---- */

typedef struct {
	size_t line;          /* first line index */
	resdiff_buf raw;
	line_marker *markers;
	size_t marker_count, marker_alloc;
	label_t label;
	size_t nlines;
	const parse_line *last;
} block;

typedef struct {
	block *blocks;
	size_t count, alloc;
} block_list;

static int block_marker(block *b, size_t pos, const char *label)
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
		if ((error = block_marker(b, p, l->markers[k].label)) < 0)
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

static void blocks_dispose(block_list *bl)
{
	size_t i;
	for (i = 0; i < bl->count; i++) {
		PARSE_WORK(1);
		resdiff_buf_dispose(&bl->blocks[i].raw);
		free(bl->blocks[i].markers);
	}
	free(bl->blocks);
}

/* Character count ignoring whitespace; *cjk tells whether CJK dominates. */
static size_t visible_chars(const char *s, size_t len, bool *cjk)
{
	size_t i = 0, adv, n = 0, c = 0;
	while (i < len) {
		int32_t cp;
		if ((unsigned char)s[i] < 0x80) { /* ASCII: no decoding */
			n += s[i] != ' ' && s[i] != '\t';
			i++;
			continue;
		}
		cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp > 0 && !resdiff_text_is_space((uint32_t)cp)) {
			n++;
			c += resdiff_text_is_cjk((uint32_t)cp);
		}
		i += adv;
	}
	*cjk = c * 2 > n;
	return n;
}

static bool heading_shaped(const char *s, size_t len)
{
	bool cjk;
	size_t n = visible_chars(s, len, &cjk), i;
	if (n == 0 || parse_ends_clause(s, len))
		return false;
	/* a heading is one phrase: no sentence ends inside it */
	for (i = 0; i + 1 < len; i++)
		if ((s[i] == '.' || s[i] == ';') && s[i + 1] == ' ')
			return false;
	for (i = 0; i + 3 <= len; i++)
		if ((unsigned char)s[i] >= 0xE3 && (!memcmp(s + i, "。", 3) || !memcmp(s + i, "；", 3)))
			return false;
	return n <= (cjk ? HEADING_MAX_CJK : HEADING_MAX_LATIN);
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
		k = visible_chars(l->text, l->len, &cjk) / 4;
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
	label_detect(&lab, st->lines[k].text, st->lines[k].len, st->language);
	return lab.kind == LABEL_NUMBER && lab.number == n;
}

/* "100000." at the start of a line: a paragraph number over the limit
 * (PARSE_NUMBER_DIGITS); returns the length of "100000." or 0. */
static size_t number_over_limit(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i <= PARSE_NUMBER_DIGITS || i >= len || s[i] != '.' ||
	    (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return 0;
	return i + 1;
}

_Thread_local size_t parse_work;

size_t parse_work_last(void)
{
	return parse_work;
}

static int assemble(parse_state *st, block_list *bl)
{
	size_t i, blanks = 0, typical;
	bool page_break = false, after_marker = false;
	int last_num = 0;
	block *cur = NULL;
	const char *pending[PENDING_MARKERS_MAX];
	size_t npending = 0, k;
	int error;

	measure_layout(st, &typical);
	for (i = st->body_start; i < st->count; i++) {
		parse_line *l = &st->lines[i];
		label_t lab;
		bool brk;

		PARSE_WORK(1);
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
				if ((error = block_marker(cur, cur->raw.size, l->marker)) < 0)
					return error;
			} else if (npending < PENDING_MARKERS_MAX) {
				pending[npending++] = l->marker;
			} else if ((error = resdiff_doc_add_diag(st->doc, l->lineno, "more than %d footnote "
					"markers before the first paragraph: marker %s is dropped",
					PENDING_MARKERS_MAX, l->marker)) < 0) {
				return error;
			}
			after_marker = true;
			continue;
		case LINE_TEXT:
			break;
		default:
			continue;
		}
		label_detect(&lab, l->text, l->len, st->language);
		if (lab.kind == LABEL_NONE && (k = number_over_limit(l->text, l->len)) &&
		    (error = resdiff_doc_add_diag(st->doc, l->lineno, "'%.*s' has more than %d digits: "
				"not taken as a paragraph number, the line stays in the paragraph before it",
				(int)k, l->text, PARSE_NUMBER_DIGITS)) < 0)
			return error;
		if (!cur) {
			brk = true;
		} else if (l->lead_marker) {
			brk = false; /* "…分析。¹ 本报告无意…": the text goes on */
		} else if (lab.kind == LABEL_NUMBER && lab.number == last_num + 1) {
			brk = true; /* the next paragraph number */
		} else if (lab.kind == LABEL_NONE && heading_shaped(l->text, l->len) &&
			   next_number_is(st, i, last_num + 1)) {
			brk = true; /* a heading right before the next paragraph */
		} else if (lab.kind == LABEL_NUMBER || lab.kind == LABEL_SUB || lab.kind == LABEL_HEADING) {
			brk = parse_ends_clause(cur->raw.ptr, cur->raw.size) ||
			      heading_shaped(cur->raw.ptr, cur->raw.size) || lab.kind != LABEL_SUB;
			/* a number inside a sentence is not a label ("... in\n2015. The") */
			if (lab.kind == LABEL_NUMBER && !parse_ends_clause(cur->raw.ptr, cur->raw.size) &&
			    !heading_shaped(cur->raw.ptr, cur->raw.size) && cur->raw.size > cur->label.len)
				brk = false;
		} else if (cur->raw.size == 0) {
			brk = false; /* a label alone on its line: "1." then the text */
		} else {
			bool ends = parse_ends_clause(cur->raw.ptr, cur->raw.size);
			bool cjk;
			bool heading_block = cur->nlines == 1 && (cur->label.kind == LABEL_NONE ||
				cur->label.kind == LABEL_HEADING) && heading_shaped(cur->raw.ptr, cur->raw.size) &&
				(!st->double_spaced ||
				 visible_chars(cur->raw.ptr, cur->raw.size, &cjk) * 4 < typical * 3);
			brk = false;
			if (ends || heading_block) {
				if (st->double_spaced && st->indent_signal) {
					size_t n = next_text_line(st, i);
					label_t nl;
					/* the line right after a marker line is indented by
					 * the extraction, not by the author */
					brk = l->indent > 0 && !after_marker;
					if (!brk && heading_shaped(l->text, l->len) &&
					    visible_chars(l->text, l->len, &cjk) * 4 < typical * 3 && n < st->count) {
						label_detect(&nl, st->lines[n].text, st->lines[n].len, st->language);
						brk = starts_block(st, n, &nl);
					}
				} else if (st->double_spaced) {
					/* a full-width wrapped line ending a sentence does not
					 * end the paragraph */
					bool cjk2;
					brk = !st->wrapped || !ends ||
					      visible_chars(cur->last->text, cur->last->len, &cjk2) * 10 < typical * 9;
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
				if ((error = block_marker(cur, 0, pending[k])) < 0)
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

/* ---- units ---- */

typedef struct {
	bool resolution;
	int last_number;      /* last paragraph number accepted */
	char parent[64];      /* id of the current numbered paragraph */
	char subs[SUBLEVEL_MAX][8]; /* current sub labels per level */
	int sublevel;         /* 0: none; 1: (a); 2: (i) */
	size_t pp, h, b, annex;
	char prefix[24];      /* "ANNEX1-" inside annexes */
} numbering;

static const char *const annex_words[] = {
	"annex", "annexe", "anexo", "附件", "приложение", "المرفق",
};

static bool is_annex(const char *s, size_t len)
{
	char low[64];
	size_t i, k, wl;
	if (len >= sizeof(low))
		return false;
	for (i = 0; i < len; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	low[len] = '\0';
	if (!strncmp(low, "приложение", strlen("приложение")) || !strncmp(low, "Приложение", 20))
		return true;
	for (k = 0; k < sizeof(annex_words) / sizeof(annex_words[0]); k++) {
		wl = strlen(annex_words[k]);
		if (!strncmp(low, annex_words[k], wl)) {
			for (i = wl; i < len; i++)
				if (!(low[i] == ' ' || low[i] == 'i' || low[i] == 'v' || low[i] == 'x' ||
				      (low[i] >= '0' && low[i] <= '9') || (low[i] >= 'a' && low[i] <= 'z' && i == len - 1)))
					return false;
			return true;
		}
	}
	return false;
}

static char next_letter(const char *sub)
{
	return strlen(sub) == 1 ? (char)(sub[0] + 1) : 0;
}

/* Roman numerals i..xx as strings, in order. */
static int roman_value(const char *s)
{
	static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
		"xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx" };
	size_t k;
	for (k = 0; k < sizeof(r) / sizeof(r[0]); k++)
		if (!strcmp(r[k], s))
			return (int)k + 1;
	return 0;
}

static bool ends_with_colon(const char *s, size_t len)
{
	uint32_t c;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	c = parse_last_cp(s, len);
	return c == ':' || c == 0xFF1A;
}

static int emit_unit(parse_state *st, block *b, const char *id, resdiff_unit_kind kind,
		const char *label)
{
	resdiff_buf text = RESDIFF_BUF_INIT;
	size_t *pos = NULL, *off = NULL, k;
	resdiff_unit *u;
	int error;

	if (b->marker_count) {
		pos = malloc(b->marker_count * sizeof(*pos));
		off = malloc(b->marker_count * sizeof(*off));
		if (!pos || !off) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			goto done;
		}
		for (k = 0; k < b->marker_count; k++)
			pos[k] = b->markers[k].pos;
	}
	if ((error = parse_normalize(&text, b->raw.ptr ? b->raw.ptr : "", b->raw.size, pos, off,
			b->marker_count)) < 0)
		goto done;
	if ((error = resdiff_doc_add_unit(&u, st->doc, id, kind, label, text.ptr,
			st->lines[b->line].lineno)) < 0)
		goto done;
	for (k = 0; k < b->marker_count; k++)
		if ((error = resdiff_doc_add_fnref(st->doc, u, b->markers[k].label, off[k])) < 0)
			goto done;
done:
	free(pos);
	free(off);
	resdiff_buf_dispose(&text);
	return error;
}

/* Append a block's text (and markers) to the previous unit's block. */
static int merge_into(block *prev, block *b)
{
	size_t base, k;
	int error;
	if ((error = parse_join(&prev->raw, b->raw.ptr ? b->raw.ptr : "", b->raw.size)) < 0)
		return error;
	base = prev->raw.size - b->raw.size;
	for (k = 0; k < b->marker_count; k++)
		if ((error = block_marker(prev, base + b->markers[k].pos, b->markers[k].label)) < 0)
			return error;
	return 0;
}

static int build_units(parse_state *st, block_list *bl)
{
	numbering nb;
	size_t i;
	int error = 0;
	block *last_unit = NULL;
	resdiff_unit_kind last_kind = RESDIFF_UNIT_PREAMBLE;
	char id[128];

	memset(&nb, 0, sizeof(nb));
	nb.resolution = st->is_resolution;
	/* blocks are emitted one behind, so a following unnumbered block can
	 * still be merged into its predecessor */
	char last_id[128] = "", last_label[LABEL_MAX] = "";

#define FLUSH() do { \
		if (last_unit && (error = emit_unit(st, last_unit, last_id, last_kind, last_label)) < 0) \
			return error; \
		last_unit = NULL; \
	} while (0)

	for (i = 0; i < bl->count; i++) {
		PARSE_WORK(1);
		block *b = &bl->blocks[i];
		label_t *lab = &b->label;
		size_t line = st->lines[b->line].lineno;
		const char *body = b->raw.ptr ? b->raw.ptr : "";
		block *next = i + 1 < bl->count ? &bl->blocks[i + 1] : NULL;
		/* an unlabelled heading is followed by a labelled paragraph or
		 * another heading, not by the rest of its own sentence */
		bool heading = heading_shaped(body, b->raw.size) &&
			(lab->kind != LABEL_NONE || !next || next->label.kind != LABEL_NONE ||
			 heading_shaped(next->raw.ptr ? next->raw.ptr : "", next->raw.size) ||
			 (!nb.resolution && nb.last_number == 0)); /* "摘要" before a summary */
		resdiff_unit_kind kind;
		const char *label = lab->text;

		if (lab->kind == LABEL_NONE && heading && is_annex(body, b->raw.size)) {
			nb.annex++;
			snprintf(nb.prefix, sizeof(nb.prefix), "ANNEX%zu-", nb.annex);
			nb.last_number = 0;
			nb.pp = nb.h = nb.b = 0;
			nb.sublevel = 0;
			nb.parent[0] = '\0';
			FLUSH();
			snprintf(last_id, sizeof(last_id), "ANNEX%zu", nb.annex);
			last_kind = RESDIFF_UNIT_HEADING;
			snprintf(last_label, sizeof(last_label), "%s", "");
			last_unit = b;
			continue;
		}
		if (lab->kind == LABEL_NUMBER) {
			int n = lab->number;
			bool subheading = false;
			if (!nb.resolution && heading) {
				/* reports: "1. 非洲" restarts under each section; a
				 * numbered line shaped like a heading and followed by the
				 * expected paragraph number is a heading */
				subheading = n != nb.last_number + 1 ||
					(next && next->label.kind == LABEL_NUMBER &&
					 next->label.number == nb.last_number + 1);
			}
			if (subheading) {
				kind = RESDIFF_UNIT_HEADING;
				FLUSH();
				snprintf(last_id, sizeof(last_id), "%sH%zu", nb.prefix, ++nb.h);
			} else {
				if (n != nb.last_number + 1) {
					if (n > nb.last_number + 1 && n <= nb.last_number + 1 + NUMBER_JUMP_MAX)
						resdiff_doc_add_diag(st->doc, line,
							"paragraph numbers jump from %d to %d", nb.last_number, n);
					else
						resdiff_doc_add_diag(st->doc, line,
							"paragraph %d follows paragraph %d", n, nb.last_number);
				}
				kind = nb.resolution ? RESDIFF_UNIT_OPERATIVE : RESDIFF_UNIT_PARAGRAPH;
				FLUSH();
				snprintf(id, sizeof(id), "%s%s%d", nb.prefix, nb.resolution ? "OP" : "P", n);
				/* only a number not above the last one can repeat (this
				 * keeps the lookup off the common path: no quadratic parse) */
				if (n <= nb.last_number && resdiff_doc_unit_by_id(st->doc, id)) {
					int dup = 2;
					char base[128];
					snprintf(base, sizeof(base), "%s", id);
					resdiff_doc_add_diag(st->doc, line, "paragraph number %d used twice", n);
					do
						snprintf(id, sizeof(id), "%s~%d", base, dup++);
					while (resdiff_doc_unit_by_id(st->doc, id));
				}
				snprintf(last_id, sizeof(last_id), "%s", id);
				snprintf(nb.parent, sizeof(nb.parent), "%s", id);
				nb.last_number = n > nb.last_number ? n : nb.last_number;
				nb.sublevel = 0;
			}
		} else if (lab->kind == LABEL_SUB && heading && !(last_unit && last_unit->raw.size &&
			   ends_with_colon(last_unit->raw.ptr, last_unit->raw.size)) &&
			   (nb.sublevel == 0 || next_letter(nb.subs[0]) != lab->sub[0])) {
			/* "(b) 主题的执行情况": a lettered section heading, not a
			 * sub-paragraph (no chapeau ending in a colon announces it) */
			kind = RESDIFF_UNIT_HEADING;
			FLUSH();
			snprintf(last_id, sizeof(last_id), "%sH%zu", nb.prefix, ++nb.h);
		} else if (lab->kind == LABEL_SUB) {
			const char *s = lab->sub;
			int level;
			if (!nb.parent[0]) {
				resdiff_doc_add_diag(st->doc, line,
					"sub-paragraph (%s) without a numbered paragraph", s);
				snprintf(nb.parent, sizeof(nb.parent), "%s%s0", nb.prefix, nb.resolution ? "OP" : "P");
			}
			/* letter level or roman level? */
			if (strlen(s) == 1 && (nb.sublevel == 0 || (nb.sublevel >= 1 && next_letter(nb.subs[0]) == s[0])) &&
			    !(nb.sublevel >= 1 && roman_value(s) && next_letter(nb.subs[0]) != s[0]))
				level = 1;
			else if (roman_value(s) && nb.sublevel >= 1)
				level = 2;
			else
				level = 1;
			if (level == 1 && nb.sublevel >= 1 && next_letter(nb.subs[0]) != s[0])
				resdiff_doc_add_diag(st->doc, line, "sub-paragraph (%s) follows (%s)", s, nb.subs[0]);
			if (level == 1 && nb.sublevel == 0 && s[0] != 'a')
				resdiff_doc_add_diag(st->doc, line, "sub-paragraphs start at (%s)", s);
			snprintf(nb.subs[level - 1], sizeof(nb.subs[0]), "%s", s);
			nb.sublevel = level;
			FLUSH();
			if (level == 1)
				snprintf(last_id, sizeof(last_id), "%s(%s)", nb.parent, s);
			else
				snprintf(last_id, sizeof(last_id), "%s(%s)(%s)", nb.parent, nb.subs[0], s);
			kind = RESDIFF_UNIT_SUBPARAGRAPH;
		} else if (lab->kind == LABEL_HEADING || heading) {
			kind = RESDIFF_UNIT_HEADING;
			FLUSH();
			snprintf(last_id, sizeof(last_id), "%sH%zu", nb.prefix, ++nb.h);
		} else if (nb.resolution && nb.last_number == 0 && !nb.annex) {
			kind = RESDIFF_UNIT_PREAMBLE;
			FLUSH();
			snprintf(last_id, sizeof(last_id), "%sPP%zu", nb.prefix, ++nb.pp);
		} else if (last_unit && nb.last_number > 0) {
			/* unnumbered text after a numbered paragraph: a wrapped line
			 * taken for a new paragraph; keep it with its paragraph */
			if (nb.resolution)
				resdiff_doc_add_diag(st->doc, line,
					"text without a paragraph number joined to %s", last_id);
			if ((error = merge_into(last_unit, b)) < 0)
				return error;
			continue;
		} else {
			kind = nb.resolution ? RESDIFF_UNIT_PREAMBLE : RESDIFF_UNIT_BLOCK;
			FLUSH();
			snprintf(last_id, sizeof(last_id), "%s%s%zu", nb.prefix,
				nb.resolution ? "PP" : "B", nb.resolution ? ++nb.pp : ++nb.b);
		}
		last_kind = kind;
		snprintf(last_label, sizeof(last_label), "%s", label);
		last_unit = b;
	}
	FLUSH();
#undef FLUSH
	return 0;
}

static int add_footnotes(parse_state *st)
{
	size_t i, k;
	int error;

	for (i = 0; i < st->note_count; i++) {
		parse_note *n = &st->notes[i];
		resdiff_buf text = RESDIFF_BUF_INIT;
		if (!n->in_zone) {
			if (n->label[0] && n->cited)
				resdiff_doc_add_diag(st->doc, st->lines[n->line].lineno,
					"footnote marker %s has no footnote text", n->label);
			continue;
		}
		if ((error = parse_normalize(&text, n->text.ptr ? n->text.ptr : "", n->text.size,
				NULL, NULL, 0)) < 0 ||
		    (error = resdiff_doc_add_footnote(st->doc, n->label, text.ptr,
				st->lines[n->line].lineno)) < 0) {
			resdiff_buf_dispose(&text);
			return error;
		}
		resdiff_buf_dispose(&text);
	}
	/* a gap in the numbering of the footnotes found ("4", "6"): the body of
	 * 5 is missing, and its marker, if any, stayed in the text as a number */
	{
		int last = 0;
		size_t last_line = 0;
		for (i = 0; i < st->doc->footnote_count; i++) {
			const resdiff_footnote *f = &st->doc->footnotes[i];
			int v = f->label[0] == '*' ? 0 : atoi(f->label), m;
			if (!v)
				continue;
			for (m = last + 1; m < v && m - last <= ZONE_GAP_REPORT_MAX; m++) {
				char lab[16];
				snprintf(lab, sizeof(lab), "%d", m);
				if (parse_note_find(st, lab) < 0)
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
	/* footnotes no unit, title or front matter cites */
	for (i = 0; i < st->doc->footnote_count; i++) {
		const char *label = st->doc->footnotes[i].label;
		bool cited = false;
		size_t u;
		for (u = 0; u < st->doc->unit_count && !cited; u++)
			for (k = 0; k < st->doc->units[u].fnref_count; k++)
				cited |= !strcmp(st->doc->units[u].fnrefs[k].label, label);
		for (k = 0; k < st->doc->meta.footnote_count; k++)
			cited |= !strcmp(st->doc->meta.footnotes[k], label);
		if (!cited)
			resdiff_doc_add_diag(st->doc, st->doc->footnotes[i].line,
				"footnote %s is not cited", label);
	}
	return 0;
}

int resdiff_parse(resdiff_doc **out, const char *text, size_t len,
		const resdiff_parse_options *opts)
{
	parse_state st;

	parse_work = 0;	block_list bl = { NULL, 0, 0 };
	const char *lang;
	size_t i;
	int error;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	st.source = opts && opts->source ? opts->source : "<input>";
	if ((error = resdiff_doc_new(&st.doc)) < 0)
		return error;
	if (opts && opts->language && !resdiff_text_language_valid(opts->language)) {
		error = resdiff_error_set(RESDIFF_EINVALID, "unknown language '%s'", opts->language);
		goto done;
	}
	if ((error = parse_split_lines(&st, text, len)) < 0)
		goto done;
	if (opts && opts->language) {
		lang = opts->language;
	} else {
		size_t bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
		lang = resdiff_text_detect_language(text + bom, len - bom);
	}
	if ((error = resdiff_doc_set_meta(st.doc, &st.doc->meta.language, lang)) < 0)
		goto done;
	st.language = st.doc->meta.language;
	parse_mark_debris(&st);
	if ((error = parse_front_matter(&st)) < 0 ||
	    (error = parse_end_matter(&st)) < 0 ||
	    (error = parse_footnotes(&st)) < 0 ||
	    (error = assemble(&st, &bl)) < 0 ||
	    (error = build_units(&st, &bl)) < 0 ||
	    (error = add_footnotes(&st)) < 0)
		goto done;
	if (st.doc->unit_count == 0) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: no recognisable paragraphs%s",
			st.source, len == 0 ? " (empty input)" : "");
		goto done;
	}
	*out = st.doc;
	st.doc = NULL;
done:
	blocks_dispose(&bl);
	for (i = 0; i < st.note_count; i++)
		resdiff_buf_dispose(&st.notes[i].text);
	free(st.notes);
	free(st.index);
	free(st.lines);
	resdiff_doc_free(st.doc);
	return error;
}
