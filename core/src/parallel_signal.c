/* parallel_signal.c: what survives translation, per unit (parallel_internal.h):
 * its length in letters and digits, the numbers and document symbols it
 * holds, its Latin-script words, and the id it carries when that id comes
 * from a printed number. */
#include "parallel_internal.h"
#include "resdiff/compare.h"
#include "resdiff/text.h"
#include "sort.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* A number longer than this many digits is cut (it is still one number). */
#define NUMBER_DIGITS_MAX 40
/* Tokens of a date: a month name counts as a number when a number stands
 * at most this many words before or after it ("10 de diciembre de 2020"). */
#define MONTH_REACH 2
/* Bytes of a Latin word kept for comparison (longer ones are cut). */
#define WORD_MAX 64
/* Words of one text read for month names (the rest are not). */
#define MONTH_WORDS_MAX 4096
/* Bytes of a numeral with its context shown in a reason ("第十三条 = 13");
 * a longer one is shown as its value. */
#define NUMERAL_SHOWN_MAX 96
/* Letters or digits of a list item's label in parentheses ("(viii)"). */
#define LIST_LABEL_MAX 4

typedef struct {
	uint64_t *hash;
	size_t count, alloc;
	par_tokens *named;      /* or NULL: also record each token's text */
} hash_list;

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

static uint64_t fnv(char tag, const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;
	h = (h ^ (unsigned char)tag) * 1099511628211ULL;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Record the hash of tag + s; with l->named, also `shown` (the token as a
 * reader knows it: "1948", "A/RES/217", "décembre = 12"). */
static int push_shown(hash_list *l, char tag, const char *s, size_t len, const char *shown,
		size_t shown_len)
{
	if (l->named) {
		par_tokens *t = l->named;
		if (t->count == t->alloc) {
			size_t na = t->alloc ? t->alloc * 2 : 16;
			par_token *p = realloc(t->tok, na * sizeof(*p));
			if (!p)
				return oom();
			t->tok = p;
			t->alloc = na;
		}
		t->tok[t->count].hash = fnv(tag, s, len);
		t->tok[t->count].name = t->names.size;
		if (resdiff_buf_put(&t->names, shown, shown_len) < 0 || resdiff_buf_putc(&t->names, '\0') < 0)
			return oom();
		t->count++;
		return 0;
	}
	if (l->count == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		uint64_t *p = realloc(l->hash, na * sizeof(*p));
		if (!p)
			return oom();
		l->hash = p;
		l->alloc = na;
	}
	l->hash[l->count++] = fnv(tag, s, len);
	return 0;
}

static int push(hash_list *l, char tag, const char *s, size_t len)
{
	return push_shown(l, tag, s, len, s, len);
}

/* Sort, drop duplicates, copy into the arena. */
static int to_set(par_set *out, hash_list *l, resdiff_arena *arena)
{
	size_t i, n = 0;
	uint64_t *copy;

	out->hash = NULL;
	out->count = 0;
	if (!l->count)
		return 0;
	sort_u64_small(l->hash, l->count);
	for (i = 0; i < l->count; i++)
		if (!n || l->hash[n - 1] != l->hash[i])
			l->hash[n++] = l->hash[i];
	if (!(copy = resdiff_arena_alloc(arena, n * sizeof(*copy))))
		return oom();
	memcpy(copy, l->hash, n * sizeof(*copy));
	out->hash = copy;
	out->count = n;
	l->count = 0;
	return 0;
}

bool par_is_article_heading(const char *id)
{
	const char *p = id;
	if (!strncmp(p, "ANNEX", 5)) {
		for (p += 5; *p >= '0' && *p <= '9'; p++)
			;
		if (*p++ != '-')
			return false;
	}
	if (strncmp(p, "ART", 3) || !p[3])
		return false;
	for (p += 3; *p >= '0' && *p <= '9'; p++)
		;
	return !*p;
}

/* The id of a unit whose number was printed: an article's heading, and
 * the numbered operative paragraphs, sub-paragraphs and report paragraphs
 * (a label as printed). Preambular paragraphs, headings and blocks count
 * positions; "OP2~2", a number printed twice, names no one paragraph. */
static const char *anchor_key(const resdiff_unit *u)
{
	if (strchr(u->id, '~'))
		return NULL;
	if (par_is_article_heading(u->id))
		return u->id;
	if (u->label && u->label[0] && (u->kind == RESDIFF_UNIT_OPERATIVE ||
	    u->kind == RESDIFF_UNIT_SUBPARAGRAPH || u->kind == RESDIFF_UNIT_PARAGRAPH))
		return u->id;
	return NULL;
}

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
	int32_t cp;
	if (i >= len) {
		*adv = 0;
		return -1;
	}
	cp = resdiff_utf8_decode(s + i, len - i, adv);
	return cp;
}

static bool digit_at(const char *s, size_t len, size_t i, int *value, size_t *adv)
{
	int32_t cp = cp_at(s, len, i, adv);
	if (cp < 0 || !u_isdigit(cp))
		return false;
	*value = u_charDigitValue(cp);
	return *value >= 0 && *value <= 9;
}

/* A group separator or a decimal mark between digits: "10,000",
 * "10 000" (with a no-break space), "1.5", "1,5", Arabic "١٬٠٠٠". */
static bool number_separator(int32_t cp)
{
	return cp == ',' || cp == '.' || cp == ' ' || cp == '\'' || cp == 0xA0 || cp == 0x202F ||
		cp == 0x2009 || cp == 0x066B || cp == 0x066C;
}

/* The digits of the number starting at s[*i], in any script, as ASCII:
 * groups of three after a separator join ("10,000" and "10 000" are
 * 10000), other digits after a point or comma are a decimal part ("1,5"
 * and "1.5" are 1.5); leading zeros go. *i moves past the number. */
static size_t read_number(char *out, const char *s, size_t len, size_t *i)
{
	size_t n = 0, adv, a2, k, digits;
	bool decimal = false;
	int32_t sep;
	int v;

	for (;;) {
		while (digit_at(s, len, *i, &v, &adv)) {
			if (n < NUMBER_DIGITS_MAX && (n || v))
				out[n++] = (char)('0' + v);
			*i += adv;
		}
		if ((sep = cp_at(s, len, *i, &adv)) < 0 || !number_separator(sep))
			break;
		for (k = *i + adv, digits = 0; digit_at(s, len, k, &v, &a2); k += a2)
			digits++;
		if (digits == 3 && !decimal) {
			*i += adv;      /* a group */
		} else if (digits && !decimal && (sep == '.' || sep == ',' || sep == 0x066B)) {
			if (!n)
				out[n++] = '0';
			out[n++] = '.';
			decimal = true;
			*i += adv;
		} else {
			break;
		}
	}
	if (!n)
		out[n++] = '0';
	return n;
}

/* "(III)": a roman numeral in parentheses, as in "217 A (III)"; its
 * value, or 0. Upper-case I, V and X only: letters that number
 * sub-paragraphs are lower case. */
static int paren_roman(const char *s, size_t len, size_t i, size_t *end)
{
	size_t k = i + 1;
	int value = 0, prev = 0;
	if (s[i] != '(')
		return 0;
	while (k < len && (s[k] == 'I' || s[k] == 'V' || s[k] == 'X') && k - i <= 6)
		k++;
	if (k == i + 1 || k >= len || s[k] != ')')
		return 0;
	for (size_t p = k; p-- > i + 1; ) {
		int d = s[p] == 'I' ? 1 : s[p] == 'V' ? 5 : 10;
		value += d < prev ? -d : d;
		if (d > prev)
			prev = d;
	}
	*end = k + 1;
	return value > 0 ? value : 0;
}

static bool symbol_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		c == '/' || c == '.' || c == '-';
}

/* "A/RES/76/189", "E/2009/INF/2/Add.1": an upper-case Latin letter
 * starts it, a slash is in it; trailing dots and dashes go. */
static size_t symbol_at(const char *s, size_t len, size_t i)
{
	size_t k = i;
	bool slash = false;
	if (!(s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && symbol_char(s[i - 1])))
		return 0;
	while (k < len && symbol_char(s[k])) {
		slash |= s[k] == '/';
		k++;
	}
	while (k > i && (s[k - 1] == '.' || s[k - 1] == '-' || s[k - 1] == '/'))
		k--;
	return slash ? k - i : 0;
}

/* A comma, semicolon, colon or opening parenthesis, of any script. */
static bool clause_mark(int32_t cp)
{
	return cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == 0x060C || cp == 0x061B ||
		cp == 0x3001 || cp == 0xFF0C || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF08;
}

static void count_letters(par_unit *pu, const char *s, size_t len)
{
	size_t i = 0, adv;
	while (i < len) {
		int32_t cp = cp_at(s, len, i, &adv);
		if (cp >= 0 && u_isalnum(cp))
			pu->letters++;
		else if (clause_mark(cp))
			pu->marks++;
		i += adv;
	}
}

/* Where a list item may start: the text's start, or after a colon, a
 * semicolon or a line break of any script (and spaces). */
static bool item_start(const char *s, size_t i)
{
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (i == 0 || s[i - 1] == ':' || s[i - 1] == ';' || s[i - 1] == '\n')
		return true;
	/* the last code point before: ：；؛ (3 bytes, 3 bytes, 2 bytes) */
	if (i >= 3 && (!memcmp(s + i - 3, "\xEF\xBC\x9A", 3) || !memcmp(s + i - 3, "\xEF\xBC\x9B", 3)))
		return true;
	return i >= 2 && !memcmp(s + i - 2, "\xD8\x9B", 2);
}

/* The length of a list item's label at s[i] ("(a)", "(iv)", "(1)",
 * "（一）", "(أ)", "a)", "б)"): an opening parenthesis (or none), one to
 * LIST_LABEL_MAX letters or digits, a closing one; 0 when there is none. */
static size_t list_label_at(const char *s, size_t len, size_t i)
{
	size_t k = i, adv, n = 0;
	int32_t cp = cp_at(s, len, k, &adv);
	bool paren = cp == '(' || cp == 0xFF08;
	if (paren)
		k += adv;
	while ((cp = cp_at(s, len, k, &adv)) >= 0 && u_isalnum(cp) && n <= LIST_LABEL_MAX) {
		n++;
		k += adv;
	}
	if (!n || n > (paren ? LIST_LABEL_MAX : 2) || !(cp == ')' || cp == 0xFF09))
		return 0;
	return k + adv - i;
}

static size_t count_list_items(const char *s, size_t len)
{
	size_t i = 0, adv, n = 0, l;
	while (i < len) {
		if (item_start(s, i) && (l = list_label_at(s, len, i)) > 0) {
			n++;
			i += l;
			continue;
		}
		cp_at(s, len, i, &adv);
		i += adv ? adv : 1;
	}
	return n;
}

/* The numbers of a text (digit runs, parenthesised roman numerals,
 * document symbols) when `with_numbers`, and its Latin-script words. */
static int scan_text(hash_list *numbers, hash_list *words, const char *s, size_t len,
		bool with_numbers)
{
	char num[NUMBER_DIGITS_MAX + 2], word[WORD_MAX];
	size_t i = 0, adv, n, end, wlen = 0;
	int v, error = 0;

	while (i < len && !error) {
		int32_t cp = cp_at(s, len, i, &adv);
		if (with_numbers && !wlen && (n = symbol_at(s, len, i)) > 0) {
			error = push(numbers, 'S', s + i, n);
			i += n;
			continue;
		}
		if (cp >= 0 && u_isalpha(cp) && resdiff_text_is_latin((uint32_t)cp)) {
			char enc[4];
			size_t el = resdiff_utf8_encode(enc, (uint32_t)u_tolower(cp));
			if (wlen + el <= sizeof(word)) {
				memcpy(word + wlen, enc, el);
				wlen += el;
			}
			i += adv;
			continue;
		}
		if (wlen > 1 && (error = push(words, 'W', word, wlen)) < 0)
			break;
		wlen = 0;
		if (with_numbers && digit_at(s, len, i, &v, &adv)) {
			n = read_number(num, s, len, &i);
			error = push(numbers, 'N', num, n);
		} else if (with_numbers && s[i] == '(' && (v = paren_roman(s, len, i, &end)) > 0) {
			n = (size_t)snprintf(num, sizeof(num), "%d", v);
			error = push_shown(numbers, 'N', num, n, s + i, end - i);
			i = end;
		} else {
			i += adv ? adv : 1;
		}
	}
	if (!error && wlen > 1)
		error = push(words, 'W', word, wlen);
	return error;
}

static bool contains(const char *s, size_t len, const char *part, size_t plen)
{
	size_t i;
	for (i = 0; i + plen <= len; i++)
		if (!memcmp(s + i, part, plen))
			return true;
	return false;
}

/* Months of dates: a month name of the document's language (months,
 * month-variants) with a number at most MONTH_REACH words away counts as
 * the number of the month, as a numeric date writes it ("10 December
 * 1948" and "1948年12月10日" both hold 10, 12 and 1948). */
static int scan_months(hash_list *numbers, const resdiff_lang *lang, const char *text,
		resdiff_buf *key)
{
	const resdiff_lang_list *lists[2];
	size_t starts[MONTH_WORDS_MAX], nw = 0, i, w, l, e;
	char num[16];
	int error;

	lists[0] = &lang->section[RESDIFF_SECTION_MONTHS];
	lists[1] = &lang->section[RESDIFF_SECTION_MONTH_VARIANTS];
	if (!lists[0]->count && !lists[1]->count)
		return 0;
	resdiff_buf_clear(key);
	if ((error = resdiff_compare_key(key, text, strlen(text), RESDIFF_KEY_WORDS)) < 0 ||
	    (error = resdiff_buf_putc(key, ' ')) < 0)
		return error;
	/* the words: each ends at a space */
	for (i = 0; i < key->size && nw < MONTH_WORDS_MAX; i++)
		if (i == 0 || key->ptr[i - 1] == ' ')
			starts[nw++] = i;
	for (w = 0; w < nw; w++) {
		const char *tok = key->ptr + starts[w];
		size_t tlen = strchr(tok, ' ') - tok, adv;
		int month = 0;
		for (l = 0; l < 2 && !month; l++)
			for (e = 0; e < lists[l]->count && !month; e++) {
				const resdiff_lang_entry *en = &lists[l]->entry[e];
				if (en->number >= 1 && en->number <= 12 &&
				    ((en->len == tlen && !memcmp(tok, en->text, tlen)) ||
				     (lang->months_inside_words && en->len < tlen &&
				      contains(tok, tlen, en->text, en->len))))
					month = en->number;
			}
		/* a number within reach makes it a date */
		for (i = w > MONTH_REACH ? w - MONTH_REACH : 0; month && i < nw && i <= w + MONTH_REACH; i++) {
			int32_t cp = cp_at(key->ptr, key->size, starts[i], &adv);
			if (i != w && cp >= 0 && u_isdigit(cp)) {
				size_t n = (size_t)snprintf(num, sizeof(num), "%d", month);
				char shown[WORD_MAX + 24];
				int sn = snprintf(shown, sizeof(shown), "%.*s = %d", (int)(tlen < WORD_MAX ? tlen : WORD_MAX),
					tok, month);
				if ((error = push_shown(numbers, 'N', num, n, shown, (size_t)sn)) < 0)
					return error;
				break;
			}
		}
	}
	return 0;
}

/* Does the numeral-contexts entry e hold the run s[start..end) of
 * `count` numerals where its "{n}" or "{y}" stands ("第{n}条" and
 * "第十二条")? "{y}" takes only digits read by position, two or more
 * ("一九四八", not "十", "千"). */
static bool numeral_context(const resdiff_lang_entry *e, const char *s, size_t len, size_t start,
		size_t end, size_t count, bool positional)
{
	const char *slot = strstr(e->text, "{n}");
	size_t before, after;
	if (!slot) {
		if (!(slot = strstr(e->text, "{y}")) || !positional || count < 2)
			return false;
	}
	before = (size_t)(slot - e->text);
	after = e->len - before - 3;
	return before <= start && !memcmp(s + start - before, e->text, before) &&
		end + after <= len && !memcmp(s + end, slot + 3, after);
}

/* Numbers written in the language's numerals ("第十二条", "百分之五",
 * "一九四八年十二月十日"), read where its numeral-contexts say the other
 * languages print digits, as the value ("第十二条 = 12"). */
static int scan_numerals(hash_list *numbers, const resdiff_lang *lang, const char *s, size_t len)
{
	const resdiff_lang_list *ctx = &lang->section[RESDIFF_SECTION_NUMERAL_CONTEXTS];
	size_t i = 0, adv, e;
	int error;

	if (!ctx->count || !lang->section[RESDIFF_SECTION_NUMERALS].count)
		return 0;
	while (i < len) {
		int32_t cp = cp_at(s, len, i, &adv);
		size_t used, k, count = 0, a2;
		bool positional = true;
		long value;
		if (cp < 0 || !resdiff_lang_is_numeral(lang, (uint32_t)cp)) {
			i += adv ? adv : 1;
			continue;
		}
		value = resdiff_lang_numerals(lang, s + i, len - i, &used);
		if (!used) {
			i += adv;
			continue;
		}
		for (k = i; k < i + used; k += a2) {
			size_t one;
			cp_at(s, len, k, &a2);
			count++;
			/* a unit (十, 百, 千, 万) is no digit read by position */
			positional &= resdiff_lang_numerals(lang, s + k, a2, &one) < 10;
		}
		for (e = 0; e < ctx->count; e++)
			if (numeral_context(&ctx->entry[e], s, len, i, i + used, count, positional)) {
				/* shown with its context, as printed: "第十三条 = 13" */
				const char *text = ctx->entry[e].text, *slot = strstr(text, "{n}");
				size_t before = (size_t)((slot ? slot : strstr(text, "{y}")) - text);
				size_t span = used + ctx->entry[e].len - 3;
				char num[24], shown[NUMERAL_SHOWN_MAX + 32];
				int n = snprintf(num, sizeof(num), "%ld", value);
				int sn = span <= NUMERAL_SHOWN_MAX ?
					snprintf(shown, sizeof(shown), "%.*s = %ld", (int)span, s + i - before, value) :
					snprintf(shown, sizeof(shown), "%ld", value);
				if ((error = push_shown(numbers, 'N', num, (size_t)n, shown, (size_t)sn)) < 0)
					return error;
				break;
			}
		i += used;
	}
	return 0;
}

int par_doc_build(par_doc *pd, const resdiff_doc *doc, const resdiff_lang *lang,
		resdiff_arena *arena)
{
	hash_list numbers = { NULL, 0, 0, NULL }, words = { NULL, 0, 0, NULL };
	resdiff_buf key = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	memset(pd, 0, sizeof(*pd));
	if (doc->unit_count > RESDIFF_PARALLEL_MAX_UNITS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%zu units in one document; at most %d",
			doc->unit_count, RESDIFF_PARALLEL_MAX_UNITS);
	pd->doc = doc;
	pd->lang = lang;
	pd->latin = lang->script->id == RESDIFF_SCRIPT_LATIN;
	pd->log_ratio = log(lang->length_ratio);
	pd->var = lang->length_noise * lang->length_noise;
	pd->count = doc->unit_count;
	if (!(pd->units = resdiff_arena_alloc(arena, (pd->count + 1) * sizeof(*pd->units))) ||
	    !(pd->prefix = resdiff_arena_alloc(arena, (pd->count + 1) * sizeof(*pd->prefix))) ||
	    !(pd->mark_prefix = resdiff_arena_alloc(arena, (pd->count + 1) * sizeof(*pd->prefix))))
		return oom();
	pd->prefix[0] = pd->mark_prefix[0] = 0;
	for (i = 0; i < pd->count && !error; i++) {
		const resdiff_unit *u = &doc->units[i];
		par_unit *pu = &pd->units[i];
		const char *text = u->text ? u->text : "";
		bool numbered = !par_is_article_heading(u->id);
		memset(pu, 0, sizeof(*pu));
		pu->kind = u->kind;
		pu->key = anchor_key(u);
		count_letters(pu, text, strlen(text));
		pu->list_items = count_list_items(text, strlen(text));
		if ((error = scan_text(&numbers, &words, text, strlen(text), numbered)) < 0 ||
		    (numbered && (error = scan_months(&numbers, lang, text, &key)) < 0) ||
		    (numbered && (error = scan_numerals(&numbers, lang, text, strlen(text))) < 0) ||
		    (error = to_set(&pu->numbers, &numbers, arena)) < 0 ||
		    (error = to_set(&pu->words, &words, arena)) < 0)
			break;
		if (!pu->letters)
			pu->letters = 1;
		pd->prefix[i + 1] = pd->prefix[i] + pu->letters;
		pd->mark_prefix[i + 1] = pd->mark_prefix[i] + pu->marks;
	}
	free(numbers.hash);
	free(words.hash);
	resdiff_buf_dispose(&key);
	return error;
}

size_t par_set_common(par_set a, par_set b)
{
	size_t i = 0, j = 0, n = 0;
	while (i < a.count && j < b.count) {
		if (a.hash[i] < b.hash[j])
			i++;
		else if (a.hash[i] > b.hash[j])
			j++;
		else {
			n++;
			i++;
			j++;
		}
	}
	return n;
}

int par_range_set(par_set *out, const par_doc *pd, size_t first, size_t count, int which,
		uint64_t **scratch, size_t *scratch_alloc)
{
	size_t i, total = 0, n = 0;
	uint64_t *p;

	if (count == 1) {
		*out = which ? pd->units[first].words : pd->units[first].numbers;
		return 0;
	}
	for (i = first; i < first + count; i++)
		total += which ? pd->units[i].words.count : pd->units[i].numbers.count;
	if (total > *scratch_alloc) {
		if (!(p = realloc(*scratch, total * sizeof(*p))))
			return oom();
		*scratch = p;
		*scratch_alloc = total;
	}
	for (i = first; i < first + count; i++) {
		par_set s = which ? pd->units[i].words : pd->units[i].numbers;
		if (!s.count)
			continue;   /* no set: its hash is NULL, and so may be *scratch */
		memcpy(*scratch + n, s.hash, s.count * sizeof(*s.hash));
		n += s.count;
	}
	sort_u64_small(*scratch, n);
	total = 0;
	for (i = 0; i < n; i++)
		if (!total || (*scratch)[total - 1] != (*scratch)[i])
			(*scratch)[total++] = (*scratch)[i];
	out->hash = *scratch;
	out->count = total;
	return 0;
}

int par_range_tokens(par_tokens *out, const par_doc *pd, size_t first, size_t count)
{
	hash_list numbers = { NULL, 0, 0, out }, words = { NULL, 0, 0, NULL };
	resdiff_buf key = RESDIFF_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = first; i < first + count && !error; i++) {
		const resdiff_unit *u = &pd->doc->units[i];
		const char *text = u->text ? u->text : "";
		if (par_is_article_heading(u->id))
			continue;
		if ((error = scan_text(&numbers, &words, text, strlen(text), true)) == 0 &&
		    (error = scan_months(&numbers, pd->lang, text, &key)) == 0)
			error = scan_numerals(&numbers, pd->lang, text, strlen(text));
		words.count = 0;
	}
	free(words.hash);
	resdiff_buf_dispose(&key);
	return error;
}

void par_tokens_dispose(par_tokens *t)
{
	free(t->tok);
	resdiff_buf_dispose(&t->names);
	memset(t, 0, sizeof(*t));
}
