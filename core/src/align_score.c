/* align_score.c: what the aligner compares. The content of each clause
 * (rolling words marked), its IDF-weighted n-grams, candidate pairs from
 * an inverted index of the new side, and the scores of pairs and groups
 * (docs/DIFF.md, "Scores"). */
#include "align_internal.h"
#include "lang_internal.h"
#include "resdiff/compare.h"
#include "resdiff/text.h"
#include "memory.h"
#include "sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ---- content ------------------------------------------------------------ */

/* What a character of a clause's content is part of (content.rolling):
 * a rolling word, a formula (a run of words the formula table lists).
 * A gram's marks are also its rank when one clause holds a hash more than
 * once (grams_of): content (0), formula, rolling, both. Formula ranks
 * before rolling so that, while the across-series gate keeps the formula
 * factor at 1, a gram is weighed as if no table were read (a formula gram
 * is then content, which wins over rolling). */
#define MARK_FORMULA 1u
#define MARK_ROLLING 2u

/* A clause's words key decoded: code points, where each starts in the
 * key, the MARK_* bits of each, and where each word starts (spaces are
 * dropped). */
typedef struct {
	uint32_t *cp;
	size_t *byte;
	uint8_t *rolling;    /* MARK_* bits */
	size_t n, alloc;
	size_t *word;        /* start of each word in cp */
	size_t nwords, awords;
	uint64_t *wordhash;  /* formula_word_hash() of each word (when a table is used) */
	size_t awordhash;
	uint32_t seen[256];  /* code points asked of the lexicon, by cp % 256 */
	bool may[256];       /* and whether a rolling word can start with them */
} content;

static int content_push(content *c, uint32_t cp, size_t byte, bool word_start)
{
	if (c->n == c->alloc) {
		size_t na = c->alloc ? c->alloc * 2 : 256;
		uint32_t *p = realloc(c->cp, na * sizeof(*p));
		size_t *b;
		uint8_t *r;
		if (!p)
			return align_oom();
		c->cp = p;
		if (!(b = realloc(c->byte, (na + 1) * sizeof(*b))))
			return align_oom();
		c->byte = b;
		if (!(r = realloc(c->rolling, na)))
			return align_oom();
		c->rolling = r;
		c->alloc = na;
	}
	if (word_start) {
		if (c->nwords == c->awords) {
			size_t na = c->awords ? c->awords * 2 : 64;
			size_t *w = realloc(c->word, na * sizeof(*w));
			if (!w)
				return align_oom();
			c->word = w;
			c->awords = na;
		}
		c->word[c->nwords++] = c->n;
	}
	c->rolling[c->n] = 0;
	c->byte[c->n] = byte;
	c->cp[c->n++] = cp;
	return 0;
}

static void content_dispose(content *c)
{
	free(c->cp);
	free(c->byte);
	free(c->rolling);
	free(c->word);
	free(c->wordhash);
}

static size_t word_end(const content *c, size_t w)
{
	return w + 1 < c->nwords ? c->word[w + 1] : c->n;
}

static bool is_digit(uint32_t cp)
{
	if (cp < 0x80)
		return cp - '0' < 10;
	if (cp >= 0x3400 && cp < 0xA000)  /* CJK ideographs: never */
		return false;
	return u_isdigit((UChar32)cp);
}

static void mark(content *c, size_t from, size_t to)
{
	for (; from < to && from < c->n; from++)
		c->rolling[from] |= MARK_ROLLING;
}

/* Code points of key[from .. from + bytes), from code point `at`. */
static size_t cps_in(const content *c, size_t at, size_t bytes)
{
	size_t k = at;
	while (k < c->n && c->byte[k] < c->byte[at] + bytes)
		k++;
	return k - at;
}

/* Spaced scripts: the first word (the leading verb, listed or not) and
 * the listed words after it; numbers, months, number words, sessions. */
static void mark_spaced(content *c, const char *key, const resdiff_lang_lexicon *lx,
		bool heading)
{
	size_t i, k;
	bool leading = !heading;

	for (i = 0; i < c->nwords; i++) {
		size_t from = c->word[i], to = word_end(c, i);
		size_t b0 = c->byte[from], b1 = c->byte[to];
		unsigned cls;
		bool digit = false;
		while (b1 > b0 && key[b1 - 1] == ' ')
			b1--;
		cls = resdiff_lang_lexicon_classify(lx, key + b0, b1 - b0);
		if (leading && i < RESDIFF_LANG_LEADING_MAX &&
		    (i == 0 || (cls & (RESDIFF_LANG_LEADING | RESDIFF_LANG_MODIFIER)))) {
			mark(c, from, to);
			continue;
		}
		leading = false;
		for (k = from; k < to && !digit; k++)
			digit = is_digit(c->cp[k]);
		if (digit || (cls & RESDIFF_LANG_ROLLING))
			mark(c, from, to);
	}
}

/* Can a rolling word start with cp? The lexicon's answer, remembered for
 * the last code point of each of 256 slots (texts repeat their
 * characters). */
static bool may_start_rolling(content *c, const resdiff_lang_lexicon *lx, uint32_t cp)
{
	size_t k = cp & 255;
	if (c->seen[k] != cp + 1) {
		c->seen[k] = cp + 1;
		c->may[k] = resdiff_lang_lexicon_may_start(lx, cp, RESDIFF_LANG_ROLLING);
	}
	return c->may[k];
}

/* Ideographic scripts: listed leading words from the start, digits, runs
 * of two or more listed number characters (第六十四届), and listed words
 * of several characters (届会议). */
static void mark_ideographic(content *c, const char *key, size_t len,
		const resdiff_lang_lexicon *lx, bool heading)
{
	size_t i, run = 0, taken;

	for (i = 0, taken = 0; !heading && i < c->n && taken < RESDIFF_LANG_LEADING_MAX; taken++) {
		size_t m = resdiff_lang_lexicon_prefix(lx, key + c->byte[i], len - c->byte[i],
			RESDIFF_LANG_LEADING | RESDIFF_LANG_MODIFIER);
		size_t cps;
		if (!m)
			break;
		cps = cps_in(c, i, m);
		mark(c, i, i + cps);
		i += cps;
	}
	for (i = 0; i <= c->n; i++) {
		size_t m = 0, cps = 0;
		if (i < c->n) {
			if (is_digit(c->cp[i]))
				c->rolling[i] |= MARK_ROLLING;
			if (may_start_rolling(c, lx, c->cp[i]))
				m = resdiff_lang_lexicon_prefix(lx, key + c->byte[i], len - c->byte[i],
					RESDIFF_LANG_ROLLING);
			cps = m ? cps_in(c, i, m) : 0;
		}
		if (cps == 1) {
			run++;
			continue;
		}
		if (run >= 2)
			mark(c, i - run, i);
		run = 0;
		if (cps > 1) {
			mark(c, i, i + cps);
			i += cps - 1;
		}
	}
}

/* Keys are well-formed UTF-8 (compare.c encodes them): ASCII and the
 * three-byte CJK characters decoded inline, the rest by the full decoder. */
static int32_t key_decode(const char *s, size_t len, size_t *adv)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*adv = 1;
		return u[0];
	}
	if ((u[0] & 0xF0) == 0xE0 && len >= 3) {
		*adv = 3;
		return ((int32_t)(u[0] & 0x0F) << 12) | ((int32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	}
	return resdiff_utf8_decode(s, len, adv);
}

/* A 32-bit hash of 64 bits (of grams of code points, of words) (splitmix64 finalizer). */
static uint32_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return (uint32_t)(x >> 32);
}

/* ---- formulas ------------------------------------------------------------ */

/* The formula table of a language (core/lang/formula/<code>.txt, built by
 * core/lang/formula/build.py from texts of many resolutions): each line a
 * run of words that many different resolutions share ("requests the
 * secretary general to submit to the general assembly at its"), as a
 * words key with "0" for a word holding a digit. Its word
 * FORMULA_N-grams, hashed, sorted: a clause's word FORMULA_N-gram found
 * here is a formula, and the characters of its words are marked
 * MARK_FORMULA. Spaced scripts only; a language without a table (and
 * every ideographic text) is read as before. */
#define FORMULA_N 4
#define FORMULA_MAX_WORDS 256  /* words read of one table line */

typedef struct {
	uint32_t *gram;      /* sorted, unique */
	size_t n;
} formula_set;

/* FNV-1a of one word's code points; a word with a digit hashes as "0". */
static uint64_t formula_word_hash(const uint32_t *cp, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t k;
	for (k = 0; k < n; k++)
		if (is_digit(cp[k]))
			return (h ^ '0') * 1099511628211ull;
	for (k = 0; k < n; k++)
		h = (h ^ cp[k]) * 1099511628211ull;
	return h;
}

static uint32_t formula_gram_hash(const uint64_t *wordhash)
{
	uint64_t x = 0x243F6A8885A308D3ull;
	unsigned k;
	for (k = 0; k < FORMULA_N; k++)
		x = (x ^ wordhash[k]) * 0x100000001B3ull + k;
	return mix(x);
}

static void formula_set_dispose(formula_set *f)
{
	free(f->gram);
	f->gram = NULL;
	f->n = 0;
}

/* The formula set of language `code`: empty when it has no table. */
static int formula_set_load(formula_set *f, const char *code)
{
	const lang_file *file = NULL;
	uint64_t wh[FORMULA_MAX_WORDS];
	uint32_t word[128];
	size_t i, cap = 0, p, len;
	const char *t;

	f->gram = NULL;
	f->n = 0;
	for (i = 0; code && i < formula_file_count; i++)
		if (!strcmp(formula_files[i].code, code))
			file = &formula_files[i];
	if (!file || !file->len)
		return 0;
	t = file->text;
	len = file->len;
	for (p = 0; p < len; p++)
		cap += t[p] == ' ' || t[p] == '\n';
	if (!(f->gram = malloc((cap + 1) * sizeof(*f->gram))))
		return align_oom();
	for (p = 0; p < len;) {
		size_t end = p, nw = 0, nc = 0, adv;
		while (end < len && t[end] != '\n')
			end++;
		if (t[p] != '#') {
			while (p <= end && nw < FORMULA_MAX_WORDS) {
				if (p == end || t[p] == ' ') {
					if (nc)
						wh[nw++] = formula_word_hash(word, nc);
					nc = 0;
					p++;
					continue;
				}
				{
					int32_t cp = key_decode(t + p, end - p, &adv);
					if (nc < sizeof(word) / sizeof(word[0]))
						word[nc++] = cp < 0 ? 0xFFFDu : (uint32_t)cp;
					p += adv ? adv : 1;
				}
			}
			for (i = 0; i + FORMULA_N <= nw && f->n < cap + 1; i++)
				f->gram[f->n++] = formula_gram_hash(wh + i);
		}
		p = end + 1;
	}
	qsort(f->gram, f->n, sizeof(*f->gram), sort_cmp_u32);
	for (i = 0, p = 0; i < f->n; i++)
		if (p == 0 || f->gram[p - 1] != f->gram[i])
			f->gram[p++] = f->gram[i];
	f->n = p;
	return 0;
}

static bool formula_has(const formula_set *f, uint32_t g)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->gram[mid] < g)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->n && f->gram[lo] == g;
}

/* Mark the words of every formula N-gram of a clause. */
static int mark_formulas(content *c, const formula_set *f)
{
	size_t i;
	if (!f->n || c->nwords < FORMULA_N)
		return 0;
	if (c->nwords > c->awordhash) {
		uint64_t *w = realloc(c->wordhash, c->nwords * sizeof(*w));
		if (!w)
			return align_oom();
		c->wordhash = w;
		c->awordhash = c->nwords;
	}
	for (i = 0; i < c->nwords; i++)
		c->wordhash[i] = formula_word_hash(c->cp + c->word[i], word_end(c, i) - c->word[i]);
	for (i = 0; i + FORMULA_N <= c->nwords; i++) {
		size_t k;
		if (!formula_has(f, formula_gram_hash(c->wordhash + i)))
			continue;
		for (k = c->word[i]; k < word_end(c, i + FORMULA_N - 1); k++)
			c->rolling[k] |= MARK_FORMULA;
	}
	return 0;
}

static int content_of(content *c, const char *words, size_t len, const resdiff_lang_lexicon *lx,
		const formula_set *formulas, bool ideographic, bool heading)
{
	size_t p = 0, adv;
	bool start = true;
	int error;

	c->n = c->nwords = 0;
	while (p < len) {
		int32_t cp = key_decode(words + p, len - p, &adv);
		if (cp == ' ') {
			p += adv;
			start = true;
			continue;
		}
		if ((error = content_push(c, cp < 0 ? 0xFFFDu : (uint32_t)cp, p, start)) < 0)
			return error;
		p += adv;
		start = false;
	}
	if (c->byte)
		c->byte[c->n] = len;
	if (ideographic) {
		mark_ideographic(c, words, len, lx, heading);
		return 0;
	}
	mark_spaced(c, words, lx, heading);
	return heading ? 0 : mark_formulas(c, formulas);
}

/* ---- n-grams ------------------------------------------------------------ */

static uint32_t gram_hash(const uint32_t *w, unsigned n)
{
	uint64_t x = 0;
	unsigned k;
	for (k = 0; k < n; k++)
		x = (x << 21) | w[k];
	return mix(x);
}

/* Words: FNV-1a of the code points, in a domain of their own. */
static uint32_t word_hash(const content *c, size_t first, size_t count)
{
	uint64_t h = 1469598103934665603ull ^ (0x5704D5ull * count);
	size_t w, k;
	for (w = first; w < first + count; w++) {
		for (k = c->word[w]; k < word_end(c, w); k++)
			h = (h ^ c->cp[k]) * 1099511628211ull;
		h = (h ^ 0x20) * 1099511628211ull;
	}
	return mix(h ^ 0x9E3779B97F4A7C15ull);
}

#define GRAM_PAD 0x1FFFFFu

typedef struct {
	uint64_t *g;         /* hash << 32 | rolling */
	uint64_t *tmp;       /* the sort's scratch, as large as g */
	size_t n, alloc;
} gram_list;

static int gram_reserve(gram_list *l, size_t need)
{
	if (need > l->alloc) {
		size_t na = l->alloc ? l->alloc : 512;
		uint64_t *p;
		while (na < need)
			na *= 2;
		if (!(p = realloc(l->g, na * sizeof(*p))))
			return align_oom();
		l->g = p;
		if (!(p = realloc(l->tmp, na * sizeof(*p))))
			return align_oom();
		l->tmp = p;
		l->alloc = na;
	}
	return 0;
}

/* Room is reserved by grams_of(): at most one gram per character and two
 * per word, or one padded gram. `marks`: MARK_* bits of the gram. */
static void gram_push(gram_list *l, uint32_t hash, unsigned marks)
{
	l->g[l->n++] = ((uint64_t)hash << 32) | marks;
}

/* A gram is rolling when any of its characters is, formula when all are. */
static unsigned gram_marks(const uint8_t *mark, size_t n)
{
	unsigned any = 0, all = MARK_FORMULA;
	size_t k;
	for (k = 0; k < n; k++) {
		any |= mark[k];
		all &= mark[k];
	}
	return (any & MARK_ROLLING) | all;
}

/* The n-grams of one clause's content: character trigrams over the text
 * without spaces (a text shorter than three characters is one padded
 * gram), and in spaced scripts, when the model asks, its words and word
 * pairs. A gram is rolling when any of its characters or words is. */
static int grams_of(gram_list *l, const content *c, unsigned n, bool words)
{
	uint32_t win[3];
	size_t i, k;
	int error;

	l->n = 0;
	if ((error = gram_reserve(l, c->n + 2 * c->nwords + 1)) < 0)
		return error;
	if (c->n && c->n < n) {
		for (k = 0; k < n; k++)
			win[k] = k < n - c->n ? GRAM_PAD : c->cp[k - (n - c->n)];
		gram_push(l, gram_hash(win, n), gram_marks(c->rolling, c->n));
	}
	for (i = 0; i + n <= c->n; i++)
		gram_push(l, gram_hash(c->cp + i, n), gram_marks(c->rolling + i, n));
	for (i = 0; words && i < c->nwords; i++) {
		unsigned r1 = c->rolling[c->word[i]] & MARK_ROLLING;
		unsigned r2 = i + 1 < c->nwords ? c->rolling[c->word[i + 1]] & MARK_ROLLING : 0;
		gram_push(l, word_hash(c, i, 1), r1);
		if (i + 1 < c->nwords)
			gram_push(l, word_hash(c, i, 2), r1 | r2);
	}
	/* One entry per hash; content wins over formula, formula over
	 * rolling (marks 0 sort first, MARK_* above). */
	sort_u64_bytes(l->g, l->tmp, l->n);
	for (i = 0, k = 0; i < l->n; i++)
		if (k == 0 || (l->g[k - 1] >> 32) != (l->g[i] >> 32))
			l->g[k++] = l->g[i];
	l->n = k;
	return 0;
}

/* FNV-1a of s[0..len), leaving out the bytes equal to `skip` (0: none).
 * Of a words key without its spaces, it is the loose key's hash (the
 * loose key is the words key with the spaces dropped). */
static uint64_t fnv64(const char *s, size_t len, char skip)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;
	for (i = 0; i < len; i++)
		if (!skip || s[i] != skip)
			h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The language of a side: the document's, else guessed from its text. */
static const resdiff_lang *side_lang(const resdiff_doc *doc)
{
	resdiff_buf sample = RESDIFF_BUF_INIT;
	const resdiff_lang *lang;
	size_t i;

	if (doc->meta.language)
		return resdiff_lang_get(doc->meta.language);
	for (i = 0; i < doc->unit_count && sample.size < 4096; i++)
		if (doc->units[i].text && (resdiff_buf_puts(&sample, doc->units[i].text) < 0 ||
		    resdiff_buf_putc(&sample, '\n') < 0))
			break;
	lang = resdiff_lang_get(resdiff_text_detect_language(sample.ptr ? sample.ptr : "", sample.size));
	resdiff_buf_dispose(&sample);
	return lang;
}

/* Grams of a side whose pages are mapped ahead of the writes: at most
 * this many past the last written are mapped and not used (256 KiB of
 * hashes, 64 KiB of marks). */
#define GRAMS_MAP_AHEAD ((size_t)1 << 16)

int align_side_prepare(aligner *a, align_side *s, const resdiff_doc *doc)
{
	resdiff_buf buf = RESDIFF_BUF_INIT, words = RESDIFF_BUF_INIT;
	resdiff_lang_lexicon *lx = NULL;
	formula_set formulas = { NULL, 0 };
	content c;
	gram_list l;
	size_t i, k, w = 0, cap = 0, mapped = 0;
	int error = 0;

	memset(&c, 0, sizeof(c));
	memset(&l, 0, sizeof(l));
	s->doc = doc;
	s->n = doc->unit_count;
	if (s->n > RESDIFF_ALIGN_MAX_UNITS)
		return resdiff_error_set(RESDIFF_ETOOBIG, "%s: more than %u clauses",
			doc->meta.symbol ? doc->meta.symbol : "document", RESDIFF_ALIGN_MAX_UNITS);
	if ((error = resdiff_lang_load()) < 0)
		return error;
	s->lang = side_lang(doc);
	if ((error = resdiff_lang_lexicon_new(&lx, s->lang)) < 0)
		return error;
	if (a->model->formula > 0 && a->model->formula < 1 &&
	    (error = formula_set_load(&formulas, s->lang->code)) < 0)
		goto done;
	if (!(s->key = align_scratch_calloc(a, s->n, sizeof(*s->key))) ||
	    !(s->keylen = align_scratch_calloc(a, s->n, sizeof(*s->keylen))) ||
	    !(s->loose = align_scratch_calloc(a, s->n, sizeof(*s->loose))) ||
	    !(s->off = align_scratch_calloc(a, s->n + 1, sizeof(*s->off))) ||
	    !(s->wsum = align_scratch_calloc(a, s->n, sizeof(*s->wsum))) ||
	    !(s->group = align_scratch_calloc(a, s->n, sizeof(*s->group)))) {
		error = align_oom();
		goto done;
	}
	/* Room for every gram at once, as a rule: a clause has at most one
	 * trigram per byte of its text (unless NFKC expands it), plus two
	 * word grams per word. Pages never written are never touched. */
	for (i = 0; i < s->n; i++)
		cap += (doc->units[i].text ? strlen(doc->units[i].text) : 0) + 1;
	if (a->model->words)
		cap *= 2;
	if (!(s->gram = malloc(cap * sizeof(*s->gram))) || !(s->rolling = malloc(cap))) {
		error = align_oom();
		goto done;
	}
	for (i = 0; i < s->n; i++) {
		const resdiff_unit *u = &doc->units[i];
		const char *text = u->text ? u->text : "";
		bool ideo;
		s->group[i] = NONE;
		resdiff_buf_clear(&buf);
		resdiff_buf_clear(&words);
		if ((error = resdiff_compare_keys(&buf, &words, text, strlen(text))) < 0)
			goto done;
		s->keylen[i] = buf.size;
		if (!(s->key[i] = resdiff_arena_strndup(a->scratch, buf.ptr ? buf.ptr : "", buf.size))) {
			error = align_oom();
			goto done;
		}
		s->loose[i] = fnv64(words.ptr ? words.ptr : "", words.size, ' ');
		ideo = !s->lang->script->spaced ||
		       resdiff_compare_is_ideographic(s->key[i], s->keylen[i]);
		if ((error = content_of(&c, words.ptr ? words.ptr : "", words.size, lx, &formulas, ideo,
				u->kind == RESDIFF_UNIT_HEADING)) < 0 ||
		    (error = grams_of(&l, &c, RESDIFF_ALIGN_GRAM, a->model->words && !ideo)) < 0)
			goto done;
		if (w + l.n > UINT32_MAX / 2) {
			error = resdiff_error_set(RESDIFF_ETOOBIG, "texts too large to align");
			goto done;
		}
		if (w + l.n > cap) {  /* NFKC expanded a text (㍿ -> 株式会社) */
			size_t nc = cap * 2;
			uint32_t *g;
			uint8_t *r;
			while (nc < w + l.n)
				nc *= 2;
			if (!(g = realloc(s->gram, nc * sizeof(*g)))) {
				error = align_oom();
				goto done;
			}
			s->gram = g;
			if (!(r = realloc(s->rolling, nc))) {
				error = align_oom();
				goto done;
			}
			s->rolling = r;
			cap = nc;
			mapped = w;
		}
		if (w + l.n > mapped) {
			/* the grams are written in order up to an end not known
			 * yet: their pages are mapped in bulk, GRAMS_MAP_AHEAD at
			 * a time (memory.h) */
			size_t to = w + l.n + GRAMS_MAP_AHEAD;
			if (to > cap)
				to = cap;
			memory_populate(s->gram + mapped, (to - mapped) * sizeof(*s->gram));
			memory_populate(s->rolling + mapped, to - mapped);
			mapped = to;
		}
		s->off[i] = w;
		for (k = 0; k < l.n; k++, w++) {
			s->gram[w] = (uint32_t)(l.g[k] >> 32);
			s->rolling[w] = (uint8_t)(l.g[k] & (MARK_ROLLING | MARK_FORMULA));
			s->formulas |= (s->rolling[w] & (MARK_ROLLING | MARK_FORMULA)) == MARK_FORMULA;
		}
	}
	s->off[s->n] = w;
	s->total = w;
	if (w && w < cap) {
		/* the grams' arrays cut to their length: the pages mapped
		 * ahead and not used go back (shrinking never fails in effect:
		 * on failure the longer array is kept) */
		uint32_t *g = realloc(s->gram, w * sizeof(*g));
		uint8_t *r;
		if (g)
			s->gram = g;
		if ((r = realloc(s->rolling, w)))
			s->rolling = r;
	}
	if (!(s->weight = malloc((w ? w : 1) * sizeof(*s->weight))))
		error = align_oom();
done:
	resdiff_lang_lexicon_free(lx);
	formula_set_dispose(&formulas);
	resdiff_buf_dispose(&buf);
	resdiff_buf_dispose(&words);
	content_dispose(&c);
	free(l.g);
	free(l.tmp);
	return error;
}

int align_side_borrow(aligner *a, align_side *s, const align_side *from)
{
	size_t i;

	*s = *from;
	s->borrowed = true;
	s->weight = NULL;
	s->prange = NULL;
	if (!(s->wsum = align_scratch_calloc(a, s->n, sizeof(*s->wsum))) ||
	    !(s->group = align_scratch_calloc(a, s->n, sizeof(*s->group))) ||
	    !(s->weight = malloc((s->total ? s->total : 1) * sizeof(*s->weight))))
		return align_oom();
	for (i = 0; i < s->n; i++)
		s->group[i] = NONE;
	return 0;
}

/* ---- weights and the inverted index ------------------------------------- */

static void unit_sums(align_side *s)
{
	size_t i, k;
	for (i = 0; i < s->n; i++)
		for (s->wsum[i] = 0, k = s->off[i]; k < s->off[i + 1]; k++)
			s->wsum[i] += s->weight[k];
}

/* The factor of formula grams: 1 when the model uses none. */
double align_model_formula(const resdiff_align_model *m)
{
	return m->formula > 0 && m->formula < 1 ? m->formula : 1;
}

/* What the alignment multiplied a gram's idf by, for its MARK_* bits
 * (formula grams: the factor in effect, a->formula). */
static double mark_factor(const aligner *a, unsigned marks)
{
	if (marks & MARK_ROLLING)
		return a->model->rolling > 0 ? a->model->rolling : 1;
	return marks & MARK_FORMULA ? a->formula : 1;
}

/* Inverse document frequency over the clauses of both texts: the grams
 * every clause on the topic shares ("信息社会") weigh little, the grams
 * that make a clause itself weigh much; rolling grams weigh
 * model->rolling of that and formula grams (the formula table: what many
 * resolutions share) model->formula. The same pass lays out the inverted index of
 * the new side: for each old gram, where its new-side clauses are in
 * a->post. One sort of (hash, slot) pairs by hash, stable: an MSD pass by
 * the top SORT_BUCKET_BITS, then each bucket by the rest.
 *
 * The occurrences are not held all at once (they were 19 MB of a 97 MB
 * peak for two texts of 10 000 clauses): the buckets are taken in runs
 * of at most ALIGN_WEIGHTS_CHUNK occurrences (one bucket may exceed it),
 * each gathered from where the last one stopped in every clause's sorted
 * grams. Equal hashes
 * share a bucket, so a run never splits a gram; the runs go in hash order,
 * so a->post is laid out as by one sort of everything. */
#define IDF_CACHE 64
#define ALIGN_WEIGHTS_CHUNK ((size_t)1 << 18)   /* occurrences: 2 MiB a run */

/* The weights of the old and new side, the new side's postings, from the
 * occurrences of one run of buckets. */
typedef struct {
	aligner *a;
	size_t units;        /* clauses of both texts: the idf's numerator */
	float idf_cache[IDF_CACHE], factor[4];
	size_t npost;
} weigh_state;

/* occ[0..n): (hash << 32 | index), sorted by hash, index into slot[] and
 * unit[] (the new side's clause of a slot; any value on the old side). */
static void weigh_run(weigh_state *w, const uint64_t *occ, size_t n, const uint32_t *slot,
		const uint32_t *unit)
{
	aligner *a = w->a;
	size_t i, o_total = a->o.total;

	for (i = 0; i < n;) {
		size_t j = i, k, lo = w->npost;
		float idf;
		while (j < n && (occ[j] >> 32) == (occ[i] >> 32))
			j++;
		idf = j - i < IDF_CACHE ? w->idf_cache[j - i] :
			(float)log(1.0 + (double)w->units / (double)(j - i));
		for (k = i; k < j; k++) {
			size_t x = (size_t)(occ[k] & 0xFFFFFFFFu), sl = slot[x];
			if (sl < o_total) {
				a->o.weight[sl] = idf * w->factor[a->o.rolling[sl]];
			} else {
				sl -= o_total;
				a->n.weight[sl] = idf * w->factor[a->n.rolling[sl]];
				a->post[w->npost++] = unit[x];
			}
		}
		/* the sort is stable and a run gathers the old side first: a
		 * gram's old slots come before its new ones */
		for (k = i; k < j; k++) {
			size_t sl = slot[occ[k] & 0xFFFFFFFFu];
			if (sl >= o_total)
				break;
			a->o.prange[sl] = ((uint64_t)lo << 32) | (uint64_t)(w->npost - lo);
		}
		i = j;
	}
}

int align_weights(aligner *a)
{
	size_t total = a->o.total + a->n.total, i, b, units = a->o.n + a->n.n, room = 0;
	uint64_t *occ = NULL, *tmp = NULL;
	uint32_t *slot = NULL, *unit = NULL;  /* of each occurrence of a run */
	size_t *cur = NULL;  /* each clause's first gram not yet gathered */
	size_t *start = NULL, *next, *rel, biggest;  /* the sort's buckets */
	weigh_state w;
	int error = 0;

	memset(&w, 0, sizeof(w));
	w.a = a;
	w.units = units;
	w.factor[0] = 1;
	w.factor[MARK_ROLLING] = w.factor[MARK_ROLLING | MARK_FORMULA] = (float)a->model->rolling;
	w.factor[MARK_FORMULA] = (float)a->formula;
	if (!(a->post = malloc((a->n.total ? a->n.total : 1) * sizeof(*a->post))) ||
	    !(a->o.prange = malloc((a->o.total ? a->o.total : 1) * sizeof(*a->o.prange)))) {
		error = align_oom();
		goto done;
	}
	/* every slot's weight and posting range, and a posting per new slot,
	 * are written below: their pages are mapped in bulk (memory.h) */
	memory_populate(a->o.weight, a->o.total * sizeof(*a->o.weight));
	memory_populate(a->n.weight, a->n.total * sizeof(*a->n.weight));
	memory_populate(a->post, a->n.total * sizeof(*a->post));
	memory_populate(a->o.prange, a->o.total * sizeof(*a->o.prange));
	for (i = 1; i < IDF_CACHE; i++)
		w.idf_cache[i] = (float)log(1.0 + (double)units / (double)i);
	if (!total)
		goto done;
	if (!(start = calloc(3 * (SORT_BUCKETS + 1), sizeof(*start)))) {
		error = align_oom();
		goto done;
	}
	next = start + SORT_BUCKETS + 1;
	rel = next + SORT_BUCKETS + 1;
	for (i = 0; i < a->o.total; i++)
		start[(a->o.gram[i] >> (32 - SORT_BUCKET_BITS)) + 1]++;
	for (i = 0; i < a->n.total; i++)
		start[(a->n.gram[i] >> (32 - SORT_BUCKET_BITS)) + 1]++;
	for (i = 0, biggest = 0; i < SORT_BUCKETS; i++) {
		if (start[i + 1] > biggest)
			biggest = start[i + 1];
		start[i + 1] += start[i];
	}
	room = biggest > ALIGN_WEIGHTS_CHUNK ? biggest : ALIGN_WEIGHTS_CHUNK;
	if (room > total)
		room = total;
	if (!(tmp = malloc(biggest * sizeof(*tmp))) || !(occ = malloc(room * sizeof(*occ))) ||
	    !(slot = malloc(room * sizeof(*slot))) || !(unit = malloc(room * sizeof(*unit))) ||
	    !(cur = malloc((units ? units : 1) * sizeof(*cur)))) {
		error = align_oom();
		goto done;
	}
	/* the runs fill the run buffers nearly to room (the buckets of
	 * hashed grams are even): their pages are mapped in one call each */
	memory_populate(occ, room * sizeof(*occ));
	memory_populate(slot, room * sizeof(*slot));
	memory_populate(unit, room * sizeof(*unit));
	memory_populate(tmp, biggest * sizeof(*tmp));
	for (i = 0; i < a->o.n; i++)
		cur[i] = a->o.off[i];
	for (i = 0; i < a->n.n; i++)
		cur[a->o.n + i] = a->n.off[i];
	for (b = 0; b < SORT_BUCKETS;) {
		size_t e = b + 1, base = start[b], n, u;
		unsigned span;
		while (e < SORT_BUCKETS && start[e + 1] - base <= room)
			e++;
		n = start[e] - base;
		span = (unsigned)(e - b);
		for (i = b; i <= e; i++)
			rel[i] = start[i] - base;
		for (i = b; i < e; i++)
			next[i] = rel[i];
		/* Gather the run's occurrences, slots in order within a bucket
		 * (old side first): the index of each is where it was put. A
		 * clause's grams are sorted, so each clause's cursor moves on
		 * from where the last run left it. */
		for (u = 0; u < a->o.n; u++) {
			for (i = cur[u]; i < a->o.off[u + 1] &&
			     (a->o.gram[i] >> (32 - SORT_BUCKET_BITS)) < e; i++) {
				size_t x = next[a->o.gram[i] >> (32 - SORT_BUCKET_BITS)]++;
				occ[x] = ((uint64_t)a->o.gram[i] << 32) | x;
				slot[x] = (uint32_t)i;
			}
			cur[u] = i;
		}
		for (u = 0; u < a->n.n; u++) {
			for (i = cur[a->o.n + u]; i < a->n.off[u + 1] &&
			     (a->n.gram[i] >> (32 - SORT_BUCKET_BITS)) < e; i++) {
				size_t x = next[a->n.gram[i] >> (32 - SORT_BUCKET_BITS)]++;
				occ[x] = ((uint64_t)a->n.gram[i] << 32) | x;
				slot[x] = (uint32_t)(a->o.total + i);
				unit[x] = (uint32_t)u;
			}
			cur[a->o.n + u] = i;
		}
		sort_u64_buckets_by_high32(occ, tmp, rel + b, span);
		weigh_run(&w, occ, n, slot, unit);
		b = e;
	}
	unit_sums(&a->o);
	unit_sums(&a->n);
done:
	free(occ);
	free(tmp);
	free(slot);
	free(unit);
	free(cur);
	free(start);
	return error;
}

/* ---- candidates --------------------------------------------------------- */

/* Weighted |a ∩ b| of two units' gram sets (old-side weights: the idf is
 * shared, the rolling flag may differ, the lighter one counts). */
static double common_weight(const aligner *a, size_t o, size_t n)
{
	const uint32_t *x = GRAMS(&a->o, o), *y = GRAMS(&a->n, n);
	const float *wx = WEIGHTS(&a->o, o), *wy = WEIGHTS(&a->n, n);
	size_t i = 0, j = 0, nx = NGRAMS(&a->o, o), ny = NGRAMS(&a->n, n);
	double w = 0;
	while (i < nx && j < ny) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else
			w += wx[i] < wy[j] ? wx[i] : wy[j], i++, j++;
	}
	return w;
}

/* The weights of pair (o, n) with each gram's weight divided by
 * undo[its MARK_* bits]: the two clauses' sums, the shared weight (the
 * lighter of the two), and the shared weight, as weighed, of the grams
 * neither formula nor rolling on either side. */
typedef struct {
	double sx, sy, common, own;
} pair_sums;

static pair_sums pair_sums_of(const aligner *a, size_t o, size_t n, const double *undo)
{
	const uint32_t *x = GRAMS(&a->o, o), *y = GRAMS(&a->n, n);
	const float *wx = WEIGHTS(&a->o, o), *wy = WEIGHTS(&a->n, n);
	const uint8_t *rx = a->o.rolling + a->o.off[o], *ry = a->n.rolling + a->n.off[n];
	size_t i, j, nx = NGRAMS(&a->o, o), ny = NGRAMS(&a->n, n);
	pair_sums p = { 0, 0, 0, 0 };

	for (i = 0; i < nx; i++)
		p.sx += wx[i] / undo[rx[i]];
	for (j = 0; j < ny; j++)
		p.sy += wy[j] / undo[ry[j]];
	for (i = 0, j = 0; i < nx && j < ny;) {
		if (x[i] < y[j]) {
			i++;
		} else if (x[i] > y[j]) {
			j++;
		} else {
			double ex = wx[i] / undo[rx[i]], ey = wy[j] / undo[ry[j]];
			p.common += ex < ey ? ex : ey;
			if (!rx[i] && !ry[j])
				p.own += wx[i] < wy[j] ? wx[i] : wy[j];
			i++, j++;
		}
	}
	return p;
}

/* The similarity shown for one pair: Dice of the two gram sets with
 * rolling grams at full weight (their idf, undoing the model's factor). */
double align_pair_similarity(const aligner *a, size_t o, size_t n)
{
	double undo[4];
	pair_sums p;
	unsigned i;

	for (i = 0; i < 4; i++)
		undo[i] = mark_factor(a, i);
	p = pair_sums_of(a, o, n, undo);
	return p.sx + p.sy > 0 ? 2.0 * p.common / (p.sx + p.sy) : 1.0;
}

/* The clause's own text shared (docs/DIFF.md, "Across-series precision
 * (across19)"): the weight of the grams the pair shares that are neither
 * formula nor rolling, over the whole weight of the lighter clause with
 * its formula grams at full weight (rolling grams at the model's factor).
 * What two clauses share when they share only a formula, a subject's
 * name or a list of dates is then a small part of either. */
double align_pair_own(const aligner *a, size_t o, size_t n)
{
	double undo[4] = { 1, 1, 1, 1 }, lighter;
	pair_sums p;

	undo[MARK_FORMULA] = a->formula;
	p = pair_sums_of(a, o, n, undo);
	lighter = p.sx < p.sy ? p.sx : p.sy;
	return lighter > 0 ? p.own / lighter : 0;
}

typedef struct {
	uint64_t key;
	size_t unit;
} keyed;

static int cmp_keyed(const void *x, const void *y)
{
	const keyed *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

typedef struct {
	double score;        /* shared weight; equal keys get EXACT_BOOST on top */
	size_t unit;
} hit;

static int cmp_hit(const hit *a, const hit *b)
{
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* Headings pair only with headings, unless their text is equal. */
static bool kinds_compatible(const aligner *a, size_t o, size_t n)
{
	bool ho = a->o.doc->units[o].kind == RESDIFF_UNIT_HEADING;
	bool hn = a->n.doc->units[n].kind == RESDIFF_UNIT_HEADING;
	return ho == hn || align_key_equal(a, o, n);
}

static int cand_push(aligner *a, const align_cand *c)
{
	if (a->ncands == a->acands) {
		/* first: room for a full candidate list of every old clause */
		size_t na = a->acands ? a->acands * 2 :
			(a->o.n + 1) * RESDIFF_ALIGN_CANDIDATES;
		align_cand *p = realloc(a->cands, na * sizeof(*p));
		if (!p)
			return align_oom();
		a->cands = p;
		a->acands = na;
	}
	a->cands[a->ncands++] = *c;
	return 0;
}

#define EXACT_BOOST 1e12

/* How many grams ahead lookup() asks the cache for postings (each gram's
 * are somewhere in a->post: one cache miss a gram, the most of its time). */
#define LOOKUP_PREFETCH 4
#if defined(__GNUC__)
#define LOOKUP_PREFETCH_AT(p) __builtin_prefetch(p)
#else
#define LOOKUP_PREFETCH_AT(p) ((void)(p))
#endif

/* Does new unit u have the gram (its grams are sorted and unique)? */
static bool unit_has_gram(const align_side *s, size_t u, uint32_t gram)
{
	const uint32_t *g = GRAMS(s, u);
	size_t lo = 0, hi = NGRAMS(s, u);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g[mid] < gram)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NGRAMS(s, u) && g[lo] == gram;
}

/* First posting in a->post[lo .. end) (ascending units) of a unit >= u. */
static size_t posting_from(aligner *a, size_t lo, size_t end, size_t u)
{
	while (lo < end) {
		size_t mid = lo + (end - lo) / 2;
		a->work++;
		if (a->post[mid] < u)
			lo = mid + 1;
		else
			end = mid;
	}
	return lo;
}

/* A gram of old unit i found in more than RESDIFF_ALIGN_POSTING_WINDOW new
 * units says little of which one is i's, yet the rarest grams must give
 * every clause candidates: its postings are narrowed to the units of a
 * window RESDIFF_ALIGN_POSTING_WINDOW wide about i's place in the new text
 * (i's share of the old text), [*lo, *end) to at most that many. Issue 18:
 * N clauses of equal content under distinct keys walked N postings each. */
static void posting_window(aligner *a, size_t i, size_t *lo, size_t *end)
{
	size_t w = RESDIFF_ALIGN_POSTING_WINDOW, at = 0, from;
	if (a->o.n)
		at = (size_t)((double)i * (double)a->n.n / (double)a->o.n);
	from = at > w / 2 ? at - w / 2 : 0;
	if (a->n.n > w && from > a->n.n - w)
		from = a->n.n - w;
	*lo = posting_from(a, *lo, *end, from);
	*end = posting_from(a, *lo, *end, from + w);
}

/* The new units sharing most weighted content grams with old unit i, into
 * hits; score[] is all zero before and after; ranges has room for twice
 * the clause's grams (the second half: the sort's scratch). */
static size_t lookup(aligner *a, size_t i, const keyed *keys, size_t nkeys, double *score,
		hit *hits, uint64_t *ranges)
{
	size_t nhits = 0, ng = NGRAMS(&a->o, i), base = a->o.off[i], k, nr = 0, budget, eq;
	uint64_t h;
	bool crowded;

	/* Rarest grams first, within a work budget: common grams say little
	 * and cost much (a text of 10 000 clauses on one topic). Rolling
	 * grams (numbers, dates, the leading verb) are weak evidence of
	 * identity: looked up after all the others. Ranges are (rolling << 63
	 * | count << 32 | gram slot), sorted. */
	for (k = 0; k < ng; k++)
		ranges[nr++] = ((uint64_t)((a->o.rolling[base + k] & MARK_ROLLING) != 0) << 63) |
			((a->o.prange[base + k] & 0xFFFFFFFFu) << 32) | (base + k);
	if (ng)  /* ranges is NULL when no clause has grams */
		sort_u64_ranks(ranges, ranges + ng, nr);
	a->work += nr;
	/* The new units of equal key (hash), the first of them at eq. When
	 * there are RESDIFF_ALIGN_CANDIDATES or more, those first ones are
	 * the candidates whatever the grams say (EXACT_BOOST ranks them
	 * above every other hit): only their own shared weight is summed,
	 * gram by gram in the order below, so the sums and hence the
	 * candidates are those of the full search. Without it, N identical
	 * clauses on each side cost N x N (issue 18). */
	{
		size_t hi = nkeys;
		h = fnv64(a->o.key[i], a->o.keylen[i], 0);
		eq = 0;
		while (eq < hi) {
			size_t mid = eq + (hi - eq) / 2;
			if (keys[mid].key < h)
				eq = mid + 1;
			else
				hi = mid;
		}
		crowded = eq + RESDIFF_ALIGN_CANDIDATES <= nkeys &&
			keys[eq + RESDIFF_ALIGN_CANDIDATES - 1].key == h;
	}
	for (k = 0, budget = RESDIFF_ALIGN_WORK_PER_CLAUSE; k < nr; k++) {
		size_t slot = (size_t)(ranges[k] & 0xFFFFFFFFu);
		size_t lo = (size_t)(a->o.prange[slot] >> 32);
		size_t end = lo + (size_t)(a->o.prange[slot] & 0xFFFFFFFFu);

		double w = a->o.weight[slot];
		if (k + LOOKUP_PREFETCH < nr)
			LOOKUP_PREFETCH_AT(&a->post[a->o.prange[ranges[k + LOOKUP_PREFETCH] &
				0xFFFFFFFFu] >> 32]);
		if (end == lo)
			continue;
		if ((end - lo > budget && k >= RESDIFF_ALIGN_MIN_GRAMS) ||
		    end - lo > RESDIFF_ALIGN_POSTING_MAX)
			break;
		budget = end - lo > budget ? 0 : budget - (end - lo);
		if (crowded) {
			size_t e;
			for (e = eq; e < eq + RESDIFF_ALIGN_CANDIDATES; e++) {
				size_t u = keys[e].unit;
				a->work++;
				if (!unit_has_gram(&a->n, u, a->o.gram[slot]))
					continue;
				if (score[u] == 0) {
					hits[nhits].unit = u;
					hits[nhits++].score = 0;
				}
				score[u] += w;
			}
			continue;
		}
		if (end - lo > RESDIFF_ALIGN_POSTING_WINDOW)
			posting_window(a, i, &lo, &end);
		a->work += end - lo;
		for (; lo < end; lo++) {
			size_t u = a->post[lo];
			if (a->n.group[u] != NONE)
				continue;  /* pinned */
			if (score[u] == 0) {
				hits[nhits].unit = u;
				hits[nhits++].score = 0;
			}
			score[u] += w;
		}
	}
	/* Equal keys are always candidates (the patience anchors). */
	{
		size_t lo = eq;
		for (k = 0; lo < nkeys && keys[lo].key == h && k < RESDIFF_ALIGN_CANDIDATES; lo++, k++) {
			size_t u = keys[lo].unit;
			if (score[u] >= EXACT_BOOST)
				continue;
			if (score[u] == 0) {
				hits[nhits].unit = u;
				hits[nhits++].score = 0;
			}
			score[u] += EXACT_BOOST;  /* rank first */
		}
	}
	/* Keep the RESDIFF_ALIGN_CANDIDATES best (insertion into a short
	 * sorted prefix; no sort of every hit), then drop those sharing far
	 * less than the best (equal keys always stay). */
	{
		size_t kept = 0, w = 0;
		double best = 0;
		for (k = 0; k < nhits; k++) {
			hit h2;
			size_t p;
			h2.unit = hits[k].unit;
			h2.score = score[h2.unit];
			score[h2.unit] = 0;
			if (kept == RESDIFF_ALIGN_CANDIDATES && cmp_hit(&h2, &hits[kept - 1]) >= 0)
				continue;
			p = kept < RESDIFF_ALIGN_CANDIDATES ? kept++ : kept - 1;
			while (p > 0 && cmp_hit(&h2, &hits[p - 1]) < 0) {
				hits[p] = hits[p - 1];
				p--;
			}
			hits[p] = h2;
		}
		for (k = 0; k < kept; k++) {
			double real = hits[k].score >= EXACT_BOOST ? hits[k].score - EXACT_BOOST :
				hits[k].score;
			if (real > best)
				best = real;
		}
		for (k = 0; k < kept; k++)
			if (hits[k].score >= EXACT_BOOST ||
			    hits[k].score * RESDIFF_ALIGN_HIT_RATIO >= best)
				hits[w++] = hits[k];
		nhits = w;
	}
	return nhits;
}

int align_candidate_add(aligner *a, size_t o, size_t n)
{
	double common, wo = a->o.wsum[o], wn = a->n.wsum[n];
	align_cand c;

	if (align_is_forbidden(a, o, n) || !kinds_compatible(a, o, n))
		return 0;
	memset(&c, 0, sizeof(c));
	common = common_weight(a, o, n);
	c.o = o;
	c.n = n;
	c.exact = align_key_equal(a, o, n);
	c.dice = c.exact ? 1.0 : wo + wn > 0 ? 2.0 * common / (wo + wn) : 0;
	c.cov_o = c.exact ? 1.0 : wo > 0 ? common / wo : 0;
	c.cov_n = c.exact ? 1.0 : wn > 0 ? common / wn : 0;
	return cand_push(a, &c);
}

int align_candidates(aligner *a)
{
	keyed *keys = NULL;
	double *score = NULL;
	hit *hits = NULL;
	uint64_t *ranges = NULL;
	size_t i, j, k, nkeys = 0, maxgrams = 0;
	int error = 0;

	for (i = 0; i < a->o.n; i++)
		if (NGRAMS(&a->o, i) > maxgrams)
			maxgrams = NGRAMS(&a->o, i);
	/* ranges: a clause's, then the sort's scratch */
	if ((maxgrams && !(ranges = malloc(2 * maxgrams * sizeof(*ranges)))) ||
	    (a->n.n && !(keys = malloc(a->n.n * sizeof(*keys)))) ||
	    (a->n.n && !(score = calloc(a->n.n, sizeof(*score)))) ||
	    (a->n.n && !(hits = malloc(a->n.n * sizeof(*hits))))) {
		error = align_oom();
		goto done;
	}
	for (j = 0; j < a->n.n; j++) {
		if (a->n.group[j] != NONE)
			continue;
		keys[nkeys].key = fnv64(a->n.key[j], a->n.keylen[j], 0);
		keys[nkeys++].unit = j;
	}
	if (nkeys)
		qsort(keys, nkeys, sizeof(*keys), cmp_keyed);
	for (i = 0; i < a->o.n; i++) {
		size_t nhits;
		if (a->o.group[i] != NONE)
			continue;
		nhits = lookup(a, i, keys, nkeys, score, hits, ranges);
		for (k = 0; k < nhits; k++)
			if ((error = align_candidate_add(a, i, hits[k].unit)) < 0)
				goto done;
	}
done:
	free(keys);
	free(ranges);
	free(score);
	free(hits);
	return error;
}

/* ---- groups ------------------------------------------------------------- */

/* The weighted n-gram set of several units of one side: (hash << 32 |
 * weight bits), sorted, one entry per hash (the lighter weight). */
static int grams_union(uint64_t **out, size_t *count, const align_side *s,
		const size_t *units, size_t nunits, size_t extra, const double *undo)
{
	size_t total = 0, i, k, n = 0, w = 0;
	uint64_t *u;

	for (i = 0; i < nunits; i++)
		total += NGRAMS(s, units[i]);
	if (extra != NONE)
		total += NGRAMS(s, extra);
	*out = NULL;
	*count = 0;
	if (!total)
		return 0;
	if (!(u = malloc(total * sizeof(*u))))
		return align_oom();
	for (i = 0; i <= nunits; i++) {
		size_t unit = i < nunits ? units[i] : extra;
		if (unit == NONE)
			continue;
		for (k = s->off[unit]; k < s->off[unit + 1]; k++) {
			float f = undo ? (float)(s->weight[k] / undo[s->rolling[k]]) : s->weight[k];
			uint32_t bits;
			memcpy(&bits, &f, sizeof(bits));
			u[n++] = ((uint64_t)s->gram[k] << 32) | bits;
		}
	}
	/* Positive floats order as their bits: the lighter weight sorts first.
	 * One unit's grams are in hash order already (align_side_prepare). */
	for (i = 1; i < n && u[i - 1] <= u[i]; i++)
		;
	if (i < n)
		sort_u64_small(u, n);
	for (i = 0; i < n; i++)
		if (w == 0 || (u[w - 1] >> 32) != (u[i] >> 32))
			u[w++] = u[i];
	*out = u;
	*count = w;
	return 0;
}

static double entry_weight(uint64_t e)
{
	uint32_t bits = (uint32_t)(e & 0xFFFFFFFFu);
	float f;
	memcpy(&f, &bits, sizeof(f));
	return f;
}

/* Two sets of grams_union merged into *out (malloc'ed): the very array
 * grams_union gives for the units of both (sorted, the lighter weight of
 * a hash kept), so every sum over it is the same to the bit. */
static int grams_merge(uint64_t **out, size_t *count, const uint64_t *x, size_t nx,
		const uint64_t *y, size_t ny)
{
	size_t i = 0, j = 0, w = 0;
	uint64_t *u;

	*out = NULL;
	*count = 0;
	if (!nx && !ny)
		return 0;
	if (!(u = malloc((nx + ny) * sizeof(*u))))
		return align_oom();
	while (i < nx || j < ny) {
		uint64_t v = j == ny || (i < nx && x[i] <= y[j]) ? x[i++] : y[j++];
		if (w == 0 || (u[w - 1] >> 32) != (v >> 32))
			u[w++] = v;
	}
	*out = u;
	*count = w;
	return 0;
}

/* The memo of group g (a pointer into a->groups, else NULL): its sets
 * as they are now, built when its members changed. NULL with *error 0
 * when g is not one of the aligner's groups. */
static align_group_memo *group_memo(int *error, const aligner *a, const align_group *g)
{
	aligner *m = (aligner *)a;   /* the memo only: the alignment is unchanged */
	uintptr_t at = (uintptr_t)g, first = (uintptr_t)a->groups;
	size_t i;
	align_group_memo *e;

	*error = 0;
	if (!a->groups || at < first || at >= first + a->ngroups * sizeof(*g))
		return NULL;
	i = (size_t)(g - a->groups);
	if (i >= a->nmemo) {
		size_t n = a->ngroups > 2 * a->nmemo ? a->ngroups : 2 * a->nmemo;
		if (!(e = realloc(m->memo, n * sizeof(*e)))) {
			*error = align_oom();
			return NULL;
		}
		memset(e + a->nmemo, 0, (n - a->nmemo) * sizeof(*e));
		m->memo = e;
		m->nmemo = n;
	}
	e = &m->memo[i];
	if (e->valid && e->nold == g->nold && e->nnew == g->nnew &&
	    !memcmp(e->old, g->old, g->nold * sizeof(*g->old)) &&
	    !memcmp(e->new, g->new, g->nnew * sizeof(*g->new)))
		return e;
	free(e->x);
	free(e->y);
	e->x = e->y = NULL;
	e->valid = false;
	if ((*error = grams_union(&e->x, &e->nx, &a->o, g->old, g->nold, NONE, NULL)) < 0 ||
	    (*error = grams_union(&e->y, &e->ny, &a->n, g->new, g->nnew, NONE, NULL)) < 0)
		return NULL;
	memcpy(e->old, g->old, g->nold * sizeof(*g->old));
	memcpy(e->new, g->new, g->nnew * sizeof(*g->new));
	e->nold = g->nold;
	e->nnew = g->nnew;
	e->valid = true;
	return e;
}

void align_group_memo_free(aligner *a)
{
	size_t i;
	for (i = 0; i < a->nmemo; i++) {
		free(a->memo[i].x);
		free(a->memo[i].y);
	}
	free(a->memo);
	a->memo = NULL;
	a->nmemo = 0;
}

/* One side's set of a group with one more unit (NONE: none): the memo's
 * set merged with the unit's, or the memo's own (*owned NULL). */
static int side_with(const uint64_t **set, size_t *count, uint64_t **owned, const align_side *s,
		const uint64_t *memo, size_t nmemo, size_t extra)
{
	uint64_t *one = NULL;
	size_t n = 0;
	int error;

	*owned = NULL;
	*set = memo;
	*count = nmemo;
	if (extra == NONE)
		return 0;
	if ((error = grams_union(&one, &n, s, NULL, 0, extra, NULL)) < 0 ||
	    (error = grams_merge(owned, count, memo, nmemo, one, n)) < 0) {
		free(one);
		return error;
	}
	free(one);
	*set = *owned;
	return 0;
}

int align_group_score(align_overlap *out, const aligner *a, const align_group *g,
		size_t extra_old, size_t extra_new, bool plain)
{
	double undo[4];
	uint64_t *x = NULL, *y = NULL;
	const uint64_t *sx, *sy;
	size_t nx, ny, i = 0, j = 0;
	double wx = 0, wy = 0, common = 0;
	align_group_memo *memo = NULL;
	int error;

	for (i = 0; i < 4; i++)
		undo[i] = mark_factor(a, (unsigned)i);
	if (!plain && !(memo = group_memo(&error, a, g)) && error < 0)
		return error;
	if (memo) {
		if ((error = side_with(&sx, &nx, &x, &a->o, memo->x, memo->nx, extra_old)) < 0 ||
		    (error = side_with(&sy, &ny, &y, &a->n, memo->y, memo->ny, extra_new)) < 0)
			goto done;
	} else {
		if ((error = grams_union(&x, &nx, &a->o, g->old, g->nold, extra_old, plain ? undo : NULL)) < 0 ||
		    (error = grams_union(&y, &ny, &a->n, g->new, g->nnew, extra_new, plain ? undo : NULL)) < 0)
			goto done;
		sx = x;
		sy = y;
	}
	for (i = 0; i < nx; i++)
		wx += entry_weight(sx[i]);
	for (j = 0; j < ny; j++)
		wy += entry_weight(sy[j]);
	for (i = 0, j = 0; i < nx && j < ny;) {
		if ((sx[i] >> 32) < (sy[j] >> 32)) {
			i++;
		} else if ((sx[i] >> 32) > (sy[j] >> 32)) {
			j++;
		} else {
			double ex = entry_weight(sx[i]), ey = entry_weight(sy[j]);
			common += ex < ey ? ex : ey;
			i++, j++;
		}
	}
	out->dice = wx + wy > 0 ? 2.0 * common / (wx + wy) : 1.0;
	out->cover = wx > 0 && wy > 0 ? common / (wx < wy ? wx : wy) : 0;
	out->cover_old = wx > 0 ? common / wx : 0;
	out->cover_new = wy > 0 ? common / wy : 0;
done:
	free(x);
	free(y);
	return error;
}
