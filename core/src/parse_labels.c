/* parse_labels.c: the label a line starts with: a paragraph number "12.",
 * a sub-paragraph letter "(a)" "(iv)" "б)" "(ب)" ")ب(" "’1‘", or a heading label "一."
 * "(二)" "IV." "A.". docs/PARSE.md, "Units and ids". */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

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

/* The value of the upper-case roman numeral s[0..n) if it is written the
 * canonical way ("IV", not "IIII" or "VX"), up to 39; else 0. */
static int roman_value(const char *s, size_t n)
{
	static const char *const units[] = { "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX" };
	size_t tens = 0, k;
	while (tens < n && tens < 3 && s[tens] == 'X')
		tens++;
	for (k = 1; k < 10; k++)
		if (strlen(units[k]) == n - tens && !memcmp(s + tens, units[k], n - tens))
			return (int)(tens * 10 + k);
	return n == tens && tens > 0 ? (int)(tens * 10) : 0;
}

/* One sub-paragraph letter at s: a Latin letter or roman numeral, or a
 * letter of a language's sub-letters (Cyrillic "б", Arabic "ب"), whose id
 * is the Latin letter of the same rank so that parallel texts share ids.
 * Writes the Latin id form to latin[8] and returns the bytes read (0 if
 * none). */
/* One letter repeated: "aa", "bb". */
static bool doubled(const char *s)
{
	size_t k;
	for (k = 1; s[k]; k++)
		if (s[k] != s[0])
			return false;
	return k > 1;
}

static size_t sub_letter(const char *s, size_t len, char latin[8])
{
	size_t k = 0, i, n;
	while (k < len && s[k] >= 'a' && s[k] <= 'z' && k < 5)
		k++;
	if (k > 0) {
		snprintf(latin, 8, "%.*s", (int)k, s);
		/* "(aa)", "(bb)": past (z) UN texts double the letter */
		if (k == 1 || is_roman(latin) || (k <= SUB_LETTER_REPEAT_MAX && doubled(latin)))
			return k;
		latin[0] = '\0';
		return 0;
	}
	for (n = 0; n < resdiff_lang_count(); n++) {
		const resdiff_lang_list *l = &resdiff_lang_at(n)->section[RESDIFF_SECTION_SUB_LETTERS];
		for (i = 0; i < l->count; i++)
			if (len >= l->entry[i].len && !memcmp(s, l->entry[i].text, l->entry[i].len) &&
			    i < 26 * 7) {
				/* past "z" the letter doubles as after (z) in UN texts:
				 * the 27th is "aa", the 28th "bb" (Russian "ю", "я") */
				memset(latin, (int)('a' + i % 26), i / 26 + 1);
				latin[i / 26 + 1] = '\0';
				return l->entry[i].len;
			}
	}
	return 0;
}

/* U+2018 or U+2019, the single quotation marks Arabic numbered items are
 * printed between: 3 bytes, or 0. */
static size_t item_mark(const char *s, size_t len)
{
	return len >= 3 && (!strncmp(s, "‘", 3) || !strncmp(s, "’", 3)) ? 3 : 0;
}

/* Arabic's numbered items, the level English letters "(i)", "(ii)": the
 * number between single quotation marks, "’1‘" as UN Arabic texts store it
 * (shown right to left, it reads ‘1’), "‘1’" as a layout that reversed it
 * gives, the digits in either digit set ("’١‘", label "’1‘"), a space or
 * the line's end after it. The id is the roman numeral of the number, so
 * that the Arabic and English versions share ids ("OP1(b)(ii)"). Returns
 * true when found. */
static bool numbered_item(label_t *lab, const char *s, size_t len)
{
	char num[PARSE_NUMBER_DIGITS + 2];
	size_t open = item_mark(s, len), i, close;
	int n;
	if (!open)
		return false;
	/* two digits at most: PARSE_NUMBERED_ITEM_MAX has two */
	i = open + resdiff_digits_read(s + open, len - open, 2, num);
	n = atoi(num);
	if (i == open || n < 1 || n > PARSE_NUMBERED_ITEM_MAX ||
	    !(close = item_mark(s + i, len - i)) ||
	    (i + close < len && skip_spaces(s, len, i + close) == i + close))
		return false;
	{
		static const char *const units[] = { "", "i", "ii", "iii", "iv", "v", "vi", "vii",
			"viii", "ix" };
		snprintf(lab->sub, sizeof(lab->sub), "%s%s", n >= 10 ? (n == 20 ? "xx" : "x") : "",
			units[n % 10]);
	}
	lab->kind = LABEL_SUB;
	lab->numbered = true;
	/* the marks as printed, the number in ASCII (as "١ -" is "1 -") */
	snprintf(lab->text, sizeof(lab->text), "%.3s%s%.3s", s, num, s + i);
	lab->len = skip_spaces(s, len, i + close);
	return true;
}

/* ")ب(": a letter between parentheses stored mirrored, as older UN Arabic
 * texts have them (")ب( تتاح لجميع رؤساء الوفود …", in the UN's own
 * sentence pairs). Only a letter of a language's sub-letters that is not
 * ASCII: ")a(" is no label. The label is written the right way round,
 * "(ب)", as "（a）" is written "(a)". Returns true when found. */
static bool mirrored_sub(label_t *lab, const char *s, size_t len)
{
	size_t n;
	if (len < 3 || s[0] != ')' || (unsigned char)s[1] < 0x80)
		return false;
	n = sub_letter(s + 1, len - 1, lab->sub);
	if (!n || 1 + n >= len || s[1 + n] != '(') {
		memset(lab->sub, 0, sizeof(lab->sub));
		return false;
	}
	lab->kind = LABEL_SUB;
	snprintf(lab->text, sizeof(lab->text), "(%.*s)", (int)n, s + 1);
	lab->len = skip_spaces(s, len, 2 + n);
	return true;
}

int parse_label_numeral(uint32_t c)
{
	const resdiff_lang_list *l = resdiff_lang_all(RESDIFF_SECTION_LABEL_NUMERALS);
	size_t i;
	for (i = 0; i < l->count; i++)
		if (l->entry[i].cp == c)
			return l->entry[i].number;
	return 0;
}

void parse_label_detect(label_t *lab, const char *s, size_t len, const resdiff_lang *lang)
{
	size_t i = 0, j, adv, digits;
	char num[PARSE_NUMBER_DIGITS + 2];
	int32_t cp;

	memset(lab, 0, sizeof(*lab));
	if (numbered_item(lab, s, len) || mirrored_sub(lab, s, len))
		return;
	/* "12." / "12.text" / Arabic "12 - text" / Chinese "12．text" (the
	 * full-width full stop); the digits in any digit set ("١٢ -", "１２．"),
	 * the label and number in ASCII */
	i = resdiff_digits_read(s, len, PARSE_NUMBER_DIGITS + 1, num);
	digits = strlen(num);
	if (digits > 0 && digits <= PARSE_NUMBER_DIGITS) {
		size_t stop = i < len && s[i] == '.' ? 1 :
			      i + 3 <= len && !strncmp(s + i, "．", 3) ? 3 : 0;
		if (stop && resdiff_digit_at(s + i + stop, len - i - stop, &adv) < 0) {
			lab->kind = LABEL_NUMBER;
			lab->number = atoi(num);
			snprintf(lab->text, sizeof(lab->text), "%s.", num);
			lab->len = skip_spaces(s, len, i + stop);
			return;
		}
		j = skip_spaces(s, len, i);
		if (j < len && (s[j] == '-' || !strncmp(s + j, "–", 3))) {
			size_t after = j + (s[j] == '-' ? 1 : 3), k = skip_spaces(s, len, after);
			int32_t next = k < len ? resdiff_utf8_decode(s + k, len - k, &adv) : -1;
			/* "12 - text" in any language when it cannot be a wrapped
			 * line: spaced dash, no year ("2014 - …"), no range
			 * ("12 - 15 June"), no leading zero */
			bool spaced = j > i && k > after && next > 0 && !u_isdigit(next) &&
				digits <= PARSE_DASH_NUMBER_DIGITS && num[0] != '0';
			if (lang->paragraph_number_dash || spaced) {
				lab->kind = LABEL_NUMBER;
				lab->number = atoi(num);
				snprintf(lab->text, sizeof(lab->text), "%s -", num);
				lab->len = k;
				lab->in_sequence_only = !lang->paragraph_number_dash;
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
		while (k < len && (cp = resdiff_utf8_decode(s + k, len - k, &adv)) > 0 && parse_label_numeral((uint32_t)cp))
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
	if (cp > 0 && parse_label_numeral((uint32_t)cp)) {
		i = 0;
		while (i < len && (cp = resdiff_utf8_decode(s + i, len - i, &adv)) > 0 && parse_label_numeral((uint32_t)cp))
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
	/* "IV. Text", or "IV." alone on its line with the text on the next */
	if (i > 0 && i < len && s[i] == '.' && (i + 1 == len || s[i + 1] == ' ')) {
		lab->kind = LABEL_HEADING;
		snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + 1), s);
		lab->len = skip_spaces(s, len, i + 1);
		return;
	}
	/* "IV" alone on its line, no full stop, the heading's text on a later
	 * line: a section number only when it is a well-formed roman numeral
	 * (parse_blocks.c takes it only where a paragraph has ended) */
	if (i > 0 && skip_spaces(s, len, i) == len && roman_value(s, i) > 0) {
		lab->kind = LABEL_HEADING;
		lab->number = roman_value(s, i);
		snprintf(lab->text, sizeof(lab->text), "%.*s", (int)i, s);
		lab->len = len;
	}
}
/* Marks a phrase match looks through: Arabic vowel marks (harakat,
 * shadda, sukun, superscript alef) and tatweel, which a printed text may
 * have where the language file's entry has none ("لمّا" for "لما"). */
static bool ignorable_mark(uint32_t cp)
{
	return (cp >= 0x064B && cp <= 0x0652) || cp == 0x0670 || cp == 0x0640;
}

/* Does the lower-cased text low[0..len) start with the phrase p (lower-
 * cased)? Marks are looked through on both sides. Returns the bytes of
 * low the phrase took, or 0. */
static size_t phrase_prefix(const char *low, size_t len, const char *p)
{
	size_t i = 0, k = 0, plen = strlen(p), adv;
	while (k < plen) {
		int32_t a, b;
		size_t padv;
		b = resdiff_utf8_decode(p + k, plen - k, &padv);
		if (b > 0 && ignorable_mark((uint32_t)b)) {
			k += padv;
			continue;
		}
		while (i < len && (a = resdiff_utf8_decode(low + i, len - i, &adv)) > 0 &&
		       ignorable_mark((uint32_t)a))
			i += adv;
		if (i >= len)
			return 0;
		a = resdiff_utf8_decode(low + i, len - i, &adv);
		if (a != b)
			return 0;
		i += adv;
		k += padv;
	}
	for (;;) {
		int32_t a = i < len ? resdiff_utf8_decode(low + i, len - i, &adv) : -1;
		if (a <= 0 || !ignorable_mark((uint32_t)a))
			return i;
		i += adv;
	}
}

/* A phrase ends at a word's end in a spaced script; Han needs none. */
static bool word_ends(const char *s, size_t len, size_t at)
{
	size_t adv;
	int32_t prev, next;
	if (at >= len)
		return true;
	next = resdiff_utf8_decode(s + at, len - at, &adv);
	prev = (int32_t)parse_last_cp(s, at);
	if (prev > 0 && resdiff_text_is_cjk((uint32_t)prev))
		return true;
	return next <= 0 || !(u_isalnum((UChar32)next) || ignorable_mark((uint32_t)next));
}

/* The first code point of a phrase that phrase_prefix() compares, as
 * parse_lower() makes it: marks looked through, what does not decode
 * dropped. false when the phrase has none (empty, or marks only). */
static bool phrase_first(const char *p, size_t len, int32_t *first)
{
	size_t k = 0, adv;
	while (k < len) {
		int32_t b = parse_lower_cp(resdiff_utf8_decode(p + k, len - k, &adv));
		k += adv ? adv : 1;
		if (b >= 0 && !(b > 0 && ignorable_mark((uint32_t)b))) {
			*first = b;
			return true;
		}
	}
	return false;
}

size_t parse_opens_with(const char *s, size_t len, resdiff_lang_section section)
{
	const resdiff_lang_list *l = resdiff_lang_all(section);
	char low[256], pat[256];
	size_t k, n, i = 0, adv, best = 0;
	int32_t a = -1, b;

	if (!l->count)
		return 0;
	parse_lower(low, sizeof(low), s, len < 200 ? len : 200);
	n = strlen(low);
	/* the first code point phrase_prefix() compares on the text's side (-1:
	 * none, or one that does not decode): a phrase whose own first differs
	 * cannot open the text, and is not lower-cased whole (issue 18: every
	 * line is tried against every phrase of every language) */
	while (i < n && (a = resdiff_utf8_decode(low + i, n - i, &adv)) > 0 &&
	       ignorable_mark((uint32_t)a))
		i += adv;
	if (i >= n)
		a = -1;
	for (k = 0; k < l->count; k++) {
		size_t m;
		if (phrase_first(l->entry[k].text, l->entry[k].len, &b) && b != a)
			continue;
		parse_lower(pat, sizeof(pat), l->entry[k].text, l->entry[k].len);
		if ((m = phrase_prefix(low, n, pat)) > best && word_ends(low, n, m))
			best = m;
	}
	return best;
}

/* A number as an article heading prints it: ASCII, Arabic-Indic or
 * Persian digits, a run of the numerals of label-numerals ("二十一": tens
 * and hundreds multiply what stands before them), or a roman numeral in
 * capitals. Returns its value (0: none) and the bytes read in *used. */
static int article_number(const char *s, size_t len, size_t *used)
{
	size_t i = 0, adv;
	int value = 0, cur = 0;
	int32_t cp = len ? resdiff_utf8_decode(s, len, &adv) : -1;

	*used = 0;
	if (resdiff_digit_at(s, len, &adv) >= 0) {
		char num[PARSE_NUMBER_DIGITS + 1];
		i = resdiff_digits_read(s, len, PARSE_NUMBER_DIGITS, num);
		value = atoi(num);
	} else if (cp > 0x7F && parse_label_numeral((uint32_t)cp)) {
		int v;
		while (i < len && (cp = resdiff_utf8_decode(s + i, len - i, &adv)) > 0 &&
		       (v = parse_label_numeral((uint32_t)cp)) > 0 && value < 10000) {
			if (v == 10 || v == 100 || v == 1000) {
				value += (cur ? cur : 1) * v;
				cur = 0;
			} else {
				cur = cur * 10 + v;
			}
			i += adv;
		}
		value += cur;
	} else if (cp == 'i' || cp == 'v' || cp == 'x' || cp == 'l') {
		/* the text was lower-cased: roman numerals read back */
		static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
			"ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix",
			"xx" };
		size_t k, n = 0;
		while (n < len && n < 6 && (s[n] == 'i' || s[n] == 'v' || s[n] == 'x' || s[n] == 'l'))
			n++;
		for (k = 0; k < sizeof(r) / sizeof(r[0]); k++)
			if (strlen(r[k]) == n && !strncmp(r[k], s, n)) {
				value = (int)k + 1;
				i = n;
			}
	}
	*used = value > 0 ? i : 0;
	return value > 0 ? value : 0;
}

/* An article-heading pattern lower-cased, and the words before its
 * number ("{n}") with trailing spaces cut. Every line of a document is
 * tried against every pattern of every language, so each thread keeps
 * them (issue 18: lower-casing them again per line was an eighth of an
 * English diff); a slot is used only while it holds a copy of the very
 * pattern text, so a changed language table just refills it. Sixteen
 * slots: the six languages have eight patterns, and a pattern past the
 * last slot is lower-cased per line as before. The cache is thread-local
 * storage, which every thread's start zeroes whole (64 slots were 25 KB,
 * 7 pages, for each thread of the process). */
#define HEADING_CACHE_SLOTS 16
#define HEADING_TEXT_MAX 128

typedef struct {
	char text[HEADING_TEXT_MAX];  /* the pattern as in the table */
	size_t len;                   /* 0: empty slot */
	char pat[HEADING_TEXT_MAX], head[HEADING_TEXT_MAX];
	int hole;                     /* offset of "{n}" in pat, or -1 */
} heading_pattern;

static _Thread_local heading_pattern heading_cache[HEADING_CACHE_SLOTS];

static void heading_prepare(heading_pattern *h, const char *text, size_t len)
{
	const char *hole;
	size_t n;
	parse_lower(h->pat, sizeof(h->pat), text, len);
	h->hole = -1;
	h->head[0] = '\0';
	if ((hole = strstr(h->pat, "{n}")) != NULL) {
		h->hole = (int)(hole - h->pat);
		n = (size_t)h->hole < sizeof(h->head) - 1 ? (size_t)h->hole : sizeof(h->head) - 1;
		memcpy(h->head, h->pat, n);
		while (n && h->head[n - 1] == ' ')
			n--;
		h->head[n] = '\0';
	}
}

static const heading_pattern *heading_pattern_of(heading_pattern *scratch, size_t k,
		const char *text, size_t len)
{
	heading_pattern *h;
	if (k >= HEADING_CACHE_SLOTS || len == 0 || len >= HEADING_TEXT_MAX) {
		heading_prepare(scratch, text, len);
		return scratch;
	}
	h = &heading_cache[k];
	if (h->len != len || memcmp(h->text, text, len)) {
		memcpy(h->text, text, len);
		h->len = len;
		heading_prepare(h, text, len);
	}
	return h;
}

int parse_article_heading(const char *s, size_t len, size_t *end)
{
	const resdiff_lang_list *l = resdiff_lang_all(RESDIFF_SECTION_ARTICLE_HEADINGS);
	heading_pattern scratch;
	char low[256];
	size_t k, n;

	*end = 0;
	if (!l->count || len == 0)
		return 0;
	parse_lower(low, sizeof(low), s, len < 200 ? len : 200);
	n = strlen(low);
	for (k = 0; k < l->count; k++) {
		const heading_pattern *h = heading_pattern_of(&scratch, k, l->entry[k].text,
			l->entry[k].len);
		size_t m, used = 0, at;
		int number = 1;
		if (h->hole >= 0) {
			/* the words before the number, spaces between them as printed */
			const char *hole = h->pat + h->hole;
			if (!(m = phrase_prefix(low, n, h->head)))
				continue;
			at = m;
			while (at < n && low[at] == ' ')
				at++;
			if (!(number = article_number(low + at, n - at, &used)))
				continue;
			at += used;
			if (hole[3]) {
				const char *tail = hole + 3;
				while (*tail == ' ' && at < n && low[at] == ' ')
					at++;
				while (*tail == ' ')
					tail++;
				if (!(m = phrase_prefix(low + at, n - at, tail)))
					continue;
				at += m;
			}
		} else if (!(at = phrase_prefix(low, n, h->pat))) {
			continue;
		}
		if (!word_ends(low, n, at))
			continue;
		*end = at;
		return number;
	}
	return 0;
}
