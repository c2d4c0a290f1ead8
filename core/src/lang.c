/* lang.c: the language table (see resdiff/lang.h and docs/LANGUAGES.md).
 *
 * Each language is a data file, core/lang/<code>.txt, that CMake embeds
 * into the library (core/lang/embed.cmake); no file is read at run time.
 * On first use every file of the table is parsed into its sections: the
 * text is copied once and cut in place, each entry points into it. The
 * loaded table lives until the process ends. */
#include "lang_internal.h"
#include "resdiff/text.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The language table: one line per language, in the UN's order (the
 * order error messages list them, and the parser tries their words in:
 * the first body a chapeau names is taken). Each code has its file
 * core/lang/<code>.txt. */
static const char *const table[] = {
	"ar",
	"zh",
	"en",
	"fr",
	"ru",
	"es",
};

#define LANG_MAX 16              /* languages in the table, temporary ones included */
#define SETTING_MAX 64           /* bytes of a code, a name or a script name */

/* What an entry of a section must be. */
enum {
	KEYED = 1,          /* "KEY = text" */
	UNIQUE_KEYS = 2,    /* no key twice (these two: check_unique) */
	UNIQUE_TEXTS = 4,   /* no text twice */
	NUMBER_KEYS = 8,    /* keys are numbers from 1 */
	ONE_CP_KEY = 16,    /* a key is one code point */
	ONE_CP_TEXT = 32,   /* a text is one code point */
	AT_MOST_ONE_CP = 64, /* a text is one code point or empty */
	ZERO_KEYS = 128,     /* keys are numbers from 0 */
	UNIQUE_ENTRIES = 256 /* no "KEY = text" twice (a key may recur) */
};

static const struct {
	const char *name;
	unsigned rules;
} sections[RESDIFF_SECTION_COUNT] = {
	[RESDIFF_SECTION_FUNCTION_WORDS] = { "function-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_BODIES] = { "bodies", KEYED | UNIQUE_TEXTS },
	[RESDIFF_SECTION_CHAPEAU_WORDS] = { "chapeau-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_ADOPTED_WORDS] = { "adopted-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_DRAFT_WORDS] = { "draft-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_AMENDMENT_WORDS] = { "amendment-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_REPORT_LINES] = { "report-lines", UNIQUE_TEXTS },
	[RESDIFF_SECTION_SUMMARY_LINES] = { "summary-lines", UNIQUE_TEXTS },
	[RESDIFF_SECTION_PLENARY_WORDS] = { "plenary-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_ANNEX_WORDS] = { "annex-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_SUB_LETTERS] = { "sub-letters", UNIQUE_TEXTS },
	[RESDIFF_SECTION_LABEL_NUMERALS] = { "label-numerals",
		KEYED | UNIQUE_KEYS | UNIQUE_TEXTS | NUMBER_KEYS | ONE_CP_TEXT },
	[RESDIFF_SECTION_REFERENCE_WORDS] = { "reference-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_QUANTITY_WORDS] = { "quantity-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_CITATION_ABBREVIATIONS] = { "citation-abbreviations", UNIQUE_TEXTS },
	[RESDIFF_SECTION_MONTHS] = { "months", KEYED | UNIQUE_KEYS | UNIQUE_TEXTS | NUMBER_KEYS },
	[RESDIFF_SECTION_MONTH_VARIANTS] = { "month-variants", KEYED | UNIQUE_TEXTS | NUMBER_KEYS },
	[RESDIFF_SECTION_DAY_SUFFIXES] = { "day-suffixes", UNIQUE_TEXTS },
	[RESDIFF_SECTION_DATE_JOINERS] = { "date-joiners", UNIQUE_TEXTS },
	[RESDIFF_SECTION_NUMERIC_DATE] = { "numeric-date", KEYED | UNIQUE_KEYS | ONE_CP_TEXT },
	[RESDIFF_SECTION_LEADING_WORDS] = { "leading-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_LEADING_MODIFIERS] = { "leading-modifiers", UNIQUE_TEXTS },
	[RESDIFF_SECTION_NUMBER_WORDS] = { "number-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_SESSION_WORDS] = { "session-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_AGENDA_WORDS] = { "agenda-words", UNIQUE_TEXTS },
	[RESDIFF_SECTION_KIND_RECASTS] = { "kind-recasts", KEYED | UNIQUE_ENTRIES },
	[RESDIFF_SECTION_KEY_FOLDS] = { "key-folds",
		KEYED | UNIQUE_KEYS | ONE_CP_KEY | AT_MOST_ONE_CP },
	[RESDIFF_SECTION_AMENDMENT_PHRASES] = { "amendment-phrases", KEYED | UNIQUE_KEYS },
	[RESDIFF_SECTION_OPERATIVE_LADDER] = { "operative-ladder", KEYED | UNIQUE_TEXTS | NUMBER_KEYS },
	[RESDIFF_SECTION_PREAMBULAR_LADDER] = { "preambular-ladder", KEYED | UNIQUE_TEXTS | NUMBER_KEYS },
	[RESDIFF_SECTION_ORDINALS] = { "ordinals", KEYED | UNIQUE_TEXTS | NUMBER_KEYS },
	[RESDIFF_SECTION_NUMERALS] = { "numerals", KEYED | UNIQUE_TEXTS | ZERO_KEYS | ONE_CP_TEXT },
	[RESDIFF_SECTION_NUMERAL_CONTEXTS] = { "numeral-contexts", UNIQUE_TEXTS },
	[RESDIFF_SECTION_ARTICLE_HEADINGS] = { "article-headings", UNIQUE_TEXTS },
	[RESDIFF_SECTION_PREAMBLE_OPENERS] = { "preamble-openers", UNIQUE_TEXTS },
	[RESDIFF_SECTION_PROCLAIMING_FORMULAS] = { "proclaiming-formulas", UNIQUE_TEXTS },
	[RESDIFF_SECTION_AMENDMENT_GRAMMAR] = { "amendment-grammar", KEYED | UNIQUE_ENTRIES },
	[RESDIFF_SECTION_PLURAL_REFERENCE_WORDS] = { "plural-reference-words", UNIQUE_TEXTS },
};

/* FNV-1a over the lines of one embedded file that are neither blank nor
 * comments, each with its end. */
static uint64_t fingerprint_file(uint64_t h, const lang_file *f)
{
	size_t i = 0, e, k;
	while (i < f->len) {
		for (e = i; e < f->len && f->text[e] != '\n'; e++)
			;
		for (k = i; k < e && (f->text[k] == ' ' || f->text[k] == '\t' || f->text[k] == '\r'); k++)
			;
		if (k < e && f->text[k] != '#')
			for (k = i; k <= e; k++)
				h = (h ^ (unsigned char)(k < e ? f->text[k] : '\n')) * 1099511628211ull;
		i = e + 1;
	}
	return h;
}

uint64_t resdiff_lang_fingerprint(void)
{
	uint64_t h = 14695981039346656037ull;
	size_t k;
	for (k = 0; k < lang_file_count; k++) {
		lang_file name = { lang_files[k].code, lang_files[k].code, strlen(lang_files[k].code) };
		h = fingerprint_file(fingerprint_file(h, &name), &lang_files[k]);
	}
	for (k = 0; k < formula_file_count; k++) {
		lang_file name = { formula_files[k].code, formula_files[k].code,
			strlen(formula_files[k].code) };
		h = fingerprint_file(fingerprint_file(h, &name), &formula_files[k]);
	}
	return h;
}

const char *resdiff_lang_section_name(resdiff_lang_section section)
{
	return section < RESDIFF_SECTION_COUNT ? sections[section].name : "";
}

/* ---- one file ------------------------------------------------------------ */

/* A parsed file: the language first, so a resdiff_lang * is one of these. */
typedef struct {
	resdiff_lang lang;
	char *buf;                    /* the text, cut into NUL-terminated pieces */
	resdiff_lang_entry *entries;  /* every section's, each section contiguous */
} parsed_lang;

#define SECTION_LANGUAGE RESDIFF_SECTION_COUNT  /* [language]: the settings */
#define SECTION_NONE (RESDIFF_SECTION_COUNT + 1)

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* The number of code points of s[0..len) (well-formed: lang_parse checks
 * every file), and the first in *first (0 when empty). */
static size_t cps_of(const char *s, size_t len, uint32_t *first)
{
	size_t i = 0, adv, n = 0;
	*first = 0;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (n++ == 0)
			*first = cp < 0 ? 0xFFFD : (uint32_t)cp;
		i += adv;
	}
	return n;
}

static int number_of(const char *key)
{
	long v = 0;
	const char *p = key;
	for (; *p >= '0' && *p <= '9' && v < 1000000; p++)
		v = v * 10 + (*p - '0');
	return p > key && !*p ? (int)v : -1;
}

static int bad(const char *source, size_t line, const char *what, const char *detail)
{
	return resdiff_error_set(RESDIFF_EINVALID, "%s:%zu: %s%s%s", source, line, what,
		detail ? ": " : "", detail ? detail : "");
}

static int setting(parsed_lang *pl, const char *source, size_t line, const char *key, char *value)
{
	resdiff_lang *l = &pl->lang;
	bool *flag = !strcmp(key, "paragraph-number-dash") ? &l->paragraph_number_dash :
		     !strcmp(key, "months-inside-words") ? &l->months_inside_words : NULL;
	if (strlen(value) >= SETTING_MAX)
		return bad(source, line, "setting too long", key);
	if (flag) {
		if (strcmp(value, "yes") && strcmp(value, "no"))
			return bad(source, line, "yes or no expected", key);
		*flag = !strcmp(value, "yes");
	} else if (!strcmp(key, "code")) {
		l->code = value;
	} else if (!strcmp(key, "name")) {
		l->name = value;
	} else if (!strcmp(key, "iso639-2")) {
		l->iso639_2 = value;
	} else if (!strcmp(key, "length-ratio") || !strcmp(key, "length-noise")) {
		char *end;
		double v = strtod(value, &end);
		if (end == value || *end || !(v > 0 && v < 100))
			return bad(source, line, "a positive number expected", key);
		*(!strcmp(key, "length-ratio") ? &l->length_ratio : &l->length_noise) = v;
	} else if (!strcmp(key, "script")) {
		if (!(l->script = resdiff_script_named(value)))
			return bad(source, line, "no such script in core/src/script.c", value);
	} else {
		return bad(source, line, "unknown setting", key);
	}
	return 0;
}

/* One entry of section s, checked against the section's rules. */
static int entry(parsed_lang *pl, size_t *count, size_t *alloc, int s, const char *source,
		size_t line, char *key, char *text)
{
	unsigned rules = sections[s].rules;
	resdiff_lang_entry *e;
	size_t len = strlen(text);
	bool quoted = len >= 2 && text[0] == '"' && text[len - 1] == '"';
	uint32_t kcp;

	if (quoted) {
		text[--len] = '\0';
		text++;
		len--;
	}
	if (!len && !(quoted && (rules & KEYED)))  /* a phrase may be "" */
		return bad(source, line, "empty entry", NULL);
	if (*count == *alloc) {
		size_t na = *alloc ? *alloc * 2 : 256;
		resdiff_lang_entry *p = realloc(pl->entries, na * sizeof(*p));
		if (!p)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		pl->entries = p;
		*alloc = na;
	}
	e = &pl->entries[(*count)++];
	e->key = key;
	e->text = text;
	e->len = len;
	e->number = key ? number_of(key) : -1;
	if (rules & (ONE_CP_TEXT | AT_MOST_ONE_CP)) {
		size_t n = cps_of(text, len, &e->cp);
		if (n > 1 || (n == 0 && (rules & ONE_CP_TEXT)))
			return bad(source, line, "one character expected", text);
	} else if ((unsigned char)text[0] < 0x80) {
		e->cp = (unsigned char)text[0];
	} else {
		size_t adv;
		int32_t cp = resdiff_utf8_decode(text, len, &adv);
		e->cp = cp < 0 ? 0xFFFD : (uint32_t)cp;
	}
	if ((rules & NUMBER_KEYS) && e->number < 1)
		return bad(source, line, "a number from 1 expected", key);
	if ((rules & ZERO_KEYS) && e->number < 0)
		return bad(source, line, "a number expected", key);
	if ((rules & ONE_CP_KEY) && cps_of(key, strlen(key), &kcp) != 1)
		return bad(source, line, "one character expected", key);
	return 0;
}

static void parsed_free(parsed_lang *pl)
{
	if (pl) {
		free(pl->buf);
		free(pl->entries);
		free(pl);
	}
}

static int check_unique(const parsed_lang *pl, const char *source);

/* A language file's text to a language. Strict: also check that it is
 * UTF-8 and that no section lists an entry twice (the tests and temporary
 * languages; the embedded files are checked by the tests, not at every
 * start of the program). */
static int parse_file(parsed_lang **out, const char *source, const char *text, size_t len,
		bool strict)
{
	parsed_lang *pl = calloc(1, sizeof(*pl));
	size_t start[RESDIFF_SECTION_COUNT + 1], count_of[RESDIFF_SECTION_COUNT + 1];
	size_t count = 0, alloc = 0, line = 0, k;
	bool seen[RESDIFF_SECTION_COUNT + 1];
	char *p, *next;
	int s = SECTION_NONE, error = 0;

	*out = NULL;
	memset(seen, 0, sizeof(seen));
	memset(start, 0, sizeof(start));
	memset(count_of, 0, sizeof(count_of));
	if (!pl || !(pl->buf = malloc(len + 1))) {
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		goto done;
	}
	memcpy(pl->buf, text, len);
	pl->buf[len] = '\0';
	if (strlen(pl->buf) != len) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: a NUL byte", source);
		goto done;
	}
	if (strict && resdiff_utf8_validate(text, len, &k) < 0) {
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: invalid UTF-8 at byte %zu", source, k);
		goto done;
	}
	for (p = pl->buf; p && !error; p = next) {
		char *l, *key = NULL, *eq;
		if ((next = strchr(p, '\n')))
			*next++ = '\0';
		line++;
		l = trim(p);
		if (!*l || *l == '#')
			continue;
		if (*l == '[') {
			size_t n = strlen(l);
			if (l[n - 1] != ']') {
				error = bad(source, line, "a section name ends in ']'", l);
				break;
			}
			l[n - 1] = '\0';
			/* files give the sections in order: try the next one first */
			s = s + 1 < RESDIFF_SECTION_COUNT && !strcmp(l + 1, sections[s + 1].name) ? s + 1 : 0;
			while (s < RESDIFF_SECTION_COUNT && strcmp(l + 1, sections[s].name))
				s++;
			if (s == RESDIFF_SECTION_COUNT && strcmp(l + 1, "language"))
				error = bad(source, line, "unknown section", l + 1);
			else if (seen[s])
				error = bad(source, line, "section given twice", l + 1);
			seen[s] = true;
			start[s] = count;
			continue;
		}
		if (s == SECTION_NONE) {
			error = bad(source, line, "an entry before any section", NULL);
			break;
		}
		if (s == SECTION_LANGUAGE || (sections[s].rules & KEYED)) {
			if (!(eq = strchr(l, '='))) {
				error = bad(source, line, "KEY = text expected", l);
				break;
			}
			*eq = '\0';
			key = trim(l);
			l = trim(eq + 1);
			if (!*key) {
				error = bad(source, line, "KEY = text expected", NULL);
				break;
			}
		}
		if (s == SECTION_LANGUAGE)
			error = setting(pl, source, line, key, l);
		else if ((error = entry(pl, &count, &alloc, s, source, line, key, l)) == 0)
			count_of[s]++;
	}
	if (!error && (!pl->lang.code || !pl->lang.name || !pl->lang.script))
		error = resdiff_error_set(RESDIFF_EINVALID,
			"%s: [language] needs code, name and script", source);
	if (error)
		goto done;
	if (!pl->lang.iso639_2)
		pl->lang.iso639_2 = pl->lang.code;
	if (!pl->lang.length_ratio)
		pl->lang.length_ratio = 1;
	if (!pl->lang.length_noise)
		pl->lang.length_noise = RESDIFF_LANG_LENGTH_NOISE;
	/* each section's entries are contiguous: the file gives it once */
	for (s = 0; s < RESDIFF_SECTION_COUNT; s++) {
		/* a file without entries: pl->entries is NULL, and NULL + 0 is
		 * undefined (found by fuzzing, tests/fuzz/lang_seeds) */
		pl->lang.section[s].entry = pl->entries ? pl->entries + start[s] : NULL;
		pl->lang.section[s].count = count_of[s];
	}
	for (k = 0; k < pl->lang.section[RESDIFF_SECTION_NUMERALS].count; k++)
		pl->lang.numeral_bits |= 1ull << (pl->lang.section[RESDIFF_SECTION_NUMERALS].entry[k].cp % 64);
	if (strict && (error = check_unique(pl, source)) < 0)
		goto done;
	*out = pl;
	pl = NULL;
done:
	parsed_free(pl);
	return error;
}

/* No entry twice where the section's rules say so (quadratic: strict only). */
static int check_unique(const parsed_lang *pl, const char *source)
{
	size_t s, i, j;
	for (s = 0; s < RESDIFF_SECTION_COUNT; s++) {
		const resdiff_lang_list *l = &pl->lang.section[s];
		for (i = 0; i < l->count; i++)
			for (j = 0; j < i; j++) {
				if ((sections[s].rules & UNIQUE_TEXTS) &&
				    !strcmp(l->entry[i].text, l->entry[j].text))
					return resdiff_error_set(RESDIFF_EINVALID, "%s: [%s] lists \"%s\" twice",
						source, sections[s].name, l->entry[i].text);
				if ((sections[s].rules & UNIQUE_KEYS) &&
				    !strcmp(l->entry[i].key, l->entry[j].key))
					return resdiff_error_set(RESDIFF_EINVALID, "%s: [%s] gives \"%s\" twice",
						source, sections[s].name, l->entry[i].key);
				if ((sections[s].rules & UNIQUE_ENTRIES) &&
				    !strcmp(l->entry[i].key, l->entry[j].key) &&
				    !strcmp(l->entry[i].text, l->entry[j].text))
					return resdiff_error_set(RESDIFF_EINVALID,
						"%s: [%s] gives \"%s = %s\" twice", source, sections[s].name,
						l->entry[i].key, l->entry[i].text);
			}
	}
	return 0;
}

int lang_parse(resdiff_lang **out, const char *source, const char *text, size_t len)
{
	parsed_lang *pl;
	int error = parse_file(&pl, source, text, len, true);
	*out = error < 0 ? NULL : &pl->lang;
	return error;
}

void lang_parsed_free(resdiff_lang *lang)
{
	parsed_free((parsed_lang *)lang);
}

/* ---- the table ------------------------------------------------------------ */

typedef struct {
	parsed_lang *lang[LANG_MAX];
	size_t count;
	resdiff_lang_list all[RESDIFF_SECTION_COUNT];  /* entries malloc'd */
	lang_folds folds;
	resdiff_lang neutral;   /* what an unknown code gets */
	int error;
	char message[256];
} lang_table;

static lang_table state;
static _Atomic(const lang_table *) ready;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int add_fold(lang_folds *f, uint32_t from, uint32_t to)
{
	size_t i = f->count;
	if (from > 0xFFFF)
		return resdiff_error_set(RESDIFF_EINVALID, "key fold of U+%04X: outside the BMP",
			(unsigned)from);
	while (i > 0 && f->from[i - 1] > from)
		i--;
	if (i > 0 && f->from[i - 1] == from)
		return f->to[i - 1] == to ? 0 : resdiff_error_set(RESDIFF_EINVALID,
			"key fold of U+%04X given twice, to different characters", (unsigned)from);
	if (f->count == LANG_FOLDS_MAX)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d key folds", LANG_FOLDS_MAX);
	memmove(f->from + i + 1, f->from + i, (f->count - i) * sizeof(*f->from));
	memmove(f->to + i + 1, f->to + i, (f->count - i) * sizeof(*f->to));
	f->from[i] = from;
	f->to[i] = to;
	f->count++;
	f->has[from / 64] |= 1ull << (from % 64);
	return 0;
}

/* What is compiled from the languages: the sections of all of them, the
 * key folds of every script and language. */
static int build(lang_table *t)
{
	size_t s, i, k, n;
	int error = 0;

	memset(&t->folds, 0, sizeof(t->folds));
	for (s = 0; s < RESDIFF_SCRIPT_COUNT && !error; s++) {
		const resdiff_script *sc = resdiff_script_get((resdiff_script_id)s);
		for (k = 0; k < sc->key_fold_count && !error; k++)
			error = add_fold(&t->folds, sc->key_folds[k][0], sc->key_folds[k][1]);
	}
	for (i = 0; i < t->count && !error; i++) {
		const resdiff_lang_list *f = &t->lang[i]->lang.section[RESDIFF_SECTION_KEY_FOLDS];
		for (k = 0; k < f->count && !error; k++) {
			uint32_t from;
			cps_of(f->entry[k].key, strlen(f->entry[k].key), &from);
			error = add_fold(&t->folds, from, f->entry[k].cp);
		}
	}
	for (s = 0; s < RESDIFF_SECTION_COUNT && !error; s++) {
		resdiff_lang_entry *all;
		for (i = 0, n = 0; i < t->count; i++)
			n += t->lang[i]->lang.section[s].count;
		if (!(all = malloc((n ? n : 1) * sizeof(*all)))) {
			error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
			break;
		}
		for (i = 0, n = 0; i < t->count; i++) {
			const resdiff_lang_list *l = &t->lang[i]->lang.section[s];
			if (l->count)  /* l->entry may be NULL */
				memcpy(all + n, l->entry, l->count * sizeof(*all));
			n += l->count;
		}
		free((void *)t->all[s].entry);
		t->all[s].entry = all;
		t->all[s].count = n;
	}
	return error;
}

static int add(lang_table *t, const char *source, const char *text, size_t len, const char *code,
		bool strict)
{
	parsed_lang *pl;
	size_t i;
	int error;
	if (t->count == LANG_MAX)
		return resdiff_error_set(RESDIFF_ETOOBIG, "more than %d languages", LANG_MAX);
	if ((error = parse_file(&pl, source, text, len, strict)) < 0)
		return error;
	for (i = 0; i < t->count; i++)
		if (!strcmp(t->lang[i]->lang.code, pl->lang.code))
			error = resdiff_error_set(RESDIFF_EINVALID, "%s: language %s is in the table already",
				source, pl->lang.code);
	if (!error && code && strcmp(code, pl->lang.code))
		error = resdiff_error_set(RESDIFF_EINVALID, "%s: says code = %s", source, pl->lang.code);
	if (error) {
		parsed_free(pl);
		return error;
	}
	t->lang[t->count++] = pl;
	return 0;
}

static void load_table(void)
{
	lang_table *t = &state;
	char source[64];
	size_t i, k;
	int error = 0;

	t->neutral.code = t->neutral.iso639_2 = "";
	t->neutral.name = "unknown";
	t->neutral.script = resdiff_script_get(RESDIFF_SCRIPT_LATIN);
	t->neutral.length_ratio = 1;
	t->neutral.length_noise = RESDIFF_LANG_LENGTH_NOISE;
	for (i = 0; i < sizeof(table) / sizeof(table[0]) && !error; i++) {
		snprintf(source, sizeof(source), "core/lang/%s.txt", table[i]);
		for (k = 0; k < lang_file_count && strcmp(lang_files[k].code, table[i]); k++)
			;
		error = k == lang_file_count ?
			resdiff_error_set(RESDIFF_ERROR, "%s: not embedded in the library", source) :
			add(t, source, lang_files[k].text, lang_files[k].len, table[i], false);
	}
	if (!error)
		error = build(t);
	if (error) {
		t->error = error;
		snprintf(t->message, sizeof(t->message), "%s", resdiff_error_last());
		for (i = 0; i < t->count; i++)
			parsed_free(t->lang[i]);
		t->count = 0;
		for (k = 0; k < RESDIFF_SECTION_COUNT; k++)
			t->all[k].count = 0;
		memset(&t->folds, 0, sizeof(t->folds));
	}
	atomic_store_explicit(&ready, t, memory_order_release);
}

static const lang_table *loaded(void)
{
	const lang_table *t = atomic_load_explicit(&ready, memory_order_acquire);
	if (!t) {
		pthread_once(&once, load_table);
		t = &state;
	}
	return t;
}

int resdiff_lang_load(void)
{
	const lang_table *t = loaded();
	return t->error ? resdiff_error_set(t->error, "%s", t->message) : 0;
}

int lang_register(const char *source, const char *text, size_t len)
{
	int error;
	if ((error = resdiff_lang_load()) < 0 || (error = add(&state, source, text, len, NULL, true)) < 0)
		return error;
	return build(&state);
}

const lang_folds *lang_key_folds(void)
{
	return &loaded()->folds;
}

size_t resdiff_lang_count(void)
{
	return loaded()->count;
}

const resdiff_lang *resdiff_lang_at(size_t i)
{
	const lang_table *t = loaded();
	return i < t->count ? &t->lang[i]->lang : &t->neutral;
}

static const resdiff_lang *find(const char *code)
{
	const lang_table *t = loaded();
	size_t i;
	for (i = 0; code && i < t->count; i++)
		if (!strcmp(code, t->lang[i]->lang.code))
			return &t->lang[i]->lang;
	return NULL;
}

const resdiff_lang *resdiff_lang_get(const char *code)
{
	const resdiff_lang *l = find(code);
	return l ? l : &loaded()->neutral;
}

bool resdiff_lang_known(const char *code)
{
	return find(code) != NULL;
}

const resdiff_lang_list *resdiff_lang_all(resdiff_lang_section section)
{
	return &loaded()->all[section < RESDIFF_SECTION_COUNT ? section : 0];
}

const char *resdiff_lang_phrase(const resdiff_lang *lang, resdiff_lang_section section,
		const char *key)
{
	const resdiff_lang_list *l = &lang->section[section];
	size_t i;
	for (i = 0; i < l->count; i++)
		if (l->entry[i].key && !strcmp(l->entry[i].key, key))
			return l->entry[i].text;
	return NULL;
}

/* Every phrase the amendment writer says (docs/LANGUAGES.md lists them):
 * a language lacking one writes and reads English's, all of them, never a
 * mix. */
static const char *const writer_keys[] = {
	"header", "none", "quote-open", "quote-close", "separator", "list-separator",
	"list-last", "ref-preambular", "ref-operative", "ref-subparagraph", "ref-heading",
	"ref-other", "in-section", "noun-preambular", "noun-operative", "noun-subparagraph",
	"noun-heading", "noun-other", "a-noun-preambular", "a-noun-operative",
	"a-noun-subparagraph", "a-noun-heading", "a-noun-other", "place-start", "place-after",
	"place-start-bare", "place-after-bare", "after-inserted", "edit-replace", "edit-delete",
	"edit-insert-start", "edit-insert-after", "delete", "insert-one", "insert-many",
	"replace-one", "replace-many", "edit", "move-separator", "move", "move-retype", "retype",
};

const char *resdiff_amendments_lang(const char *code, const char **missing)
{
	const resdiff_lang *l = resdiff_lang_get(code);
	const char *lack = NULL;
	size_t i;
	for (i = 0; i < sizeof(writer_keys) / sizeof(*writer_keys) && !lack; i++)
		if (!resdiff_lang_phrase(l, RESDIFF_SECTION_AMENDMENT_PHRASES, writer_keys[i]))
			lack = writer_keys[i];
	if (missing)
		*missing = lack;
	return lack ? "en" : l->code;
}

int resdiff_lang_expand(resdiff_buf *out, const char *phrase, resdiff_lang_value_fn value,
		void *ctx)
{
	const char *open, *close;
	int error;
	while ((open = strchr(phrase, '{')) && (close = strchr(open + 1, '}'))) {
		if ((error = resdiff_buf_put(out, phrase, (size_t)(open - phrase))) < 0 ||
		    (error = value(out, open + 1, (size_t)(close - open - 1), ctx)) < 0)
			return error;
		phrase = close + 1;
	}
	return resdiff_buf_puts(out, phrase);
}
