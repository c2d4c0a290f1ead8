/* parse_units.c: blocks to units: ids, kinds, sub-paragraph levels,
 * annexes and the numbering diagnostics. docs/PARSE.md, "Units and ids"
 * and "Numbering checks". */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#define SUBLEVEL_MAX 3        /* OP1(a)(i) is as deep as sub-paragraphs go */
#define NUMBER_JUMP_MAX 5     /* a paragraph number may skip this many */
#define ID_MAX 128
#define TABLE_CELLS_MIN 8     /* lines of a block read as table cells ... */
#define TABLE_CELL_BYTES 24   /* ... when they hold fewer bytes than this on average */

typedef struct {
	bool resolution;
	int last_number;      /* last paragraph number accepted */
	char parent[64];      /* id of the current numbered paragraph */
	char subs[SUBLEVEL_MAX][8]; /* current sub labels per level */
	int sublevel;         /* 0: none; 1: (a); 2: (i) */
	size_t pp, h, b, annex;
	char prefix[24];      /* "ANNEX1-" inside annexes */
	int article;          /* the article being read (ART<n>), 0 before the first */
	char art_id[64];      /* its id: "ART12", "ART12~2", "ANNEX1-ART3" */
	int art_para;         /* its last paragraph number (ART12.<k>) */
	int last_article;     /* for the numbering diagnostics */
	int formula;          /* declarations: 0 before OP1, 1 in it, 2 after it */
	bool in_section;      /* a heading came after the last numbered paragraph */
	bool restarted;       /* operative numbering restarted under a heading */
} numbering;

/* "Annex", "ANNEX II", "Annexe I", "ПРИЛОЖЕНИЕ II": a whole word of
 * annex-words (any case), then only a number, a roman numeral or one
 * letter ("word*": anything). Every word is tried: "annex" is no match
 * for "Annexe I", "annexe" is. */
static bool is_annex(const char *s, size_t len)
{
	const resdiff_lang_list *words = resdiff_lang_all(RESDIFF_SECTION_ANNEX_WORDS);
	char low[128], word[64];
	size_t i, k, wl, n;
	if (len >= sizeof(low) / 2)
		return false;
	parse_lower(low, sizeof(low), s, len);
	n = strlen(low);
	for (k = 0; k < words->count; k++) {
		const resdiff_lang_entry *w = &words->entry[k];
		bool any = w->text[w->len - 1] == '*', rest_ok = true;
		parse_lower(word, sizeof(word), w->text, w->len - any);
		wl = strlen(word);
		if (wl == 0 || strncmp(low, word, wl))
			continue;
		if (any)
			return true;
		if (wl < n && low[wl] != ' ' && !(low[wl] >= '0' && low[wl] <= '9'))
			continue; /* "annex" in "annexe": another word */
		for (i = wl; i < n && rest_ok; i++)
			rest_ok = low[i] == ' ' || low[i] == 'i' || low[i] == 'v' || low[i] == 'x' ||
				(low[i] >= '0' && low[i] <= '9') ||
				(low[i] >= 'a' && low[i] <= 'z' && i == n - 1);
		if (rest_ok)
			return true;
	}
	return false;
}

/* A block that opens an annex: "Annex II", or "Annex" on its first line
 * with the annex's title on the next ("Annex\nAwaza Political Declaration"). */
static bool annex_block(const parse_state *st, const block *b)
{
	const parse_line *first = &st->lines[b->line];
	return is_annex(b->raw.ptr ? b->raw.ptr : "", b->raw.size) ||
		(b->nlines > 1 && b->label.kind == LABEL_NONE && is_annex(first->text, first->len));
}

static char next_letter(const char *sub)
{
	return strlen(sub) == 1 ? (char)(sub[0] + 1) : 0;
}

/* The rank of a letter id from 0: "a" 0, "z" 25, "aa" 26, "bb" 27 (UN
 * texts double the letter after (z)); -1 when s is not one letter
 * repeated. */
static int letter_rank(const char *s)
{
	size_t n = strlen(s), k;
	if (n == 0 || s[0] < 'a' || s[0] > 'z')
		return -1;
	for (k = 1; k < n; k++)
		if (s[k] != s[0])
			return -1;
	return (int)(n - 1) * 26 + (s[0] - 'a');
}

/* Does letter s come right after letter prev ("b" after "a", "aa" after "z")? */
static bool letter_follows(const char *prev, const char *s)
{
	int p = letter_rank(prev);
	return p >= 0 && letter_rank(s) == p + 1;
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
			b->line + 1)) < 0)
		goto done;
	b->unit = (int)(st->doc->unit_count - 1);
	st->work += b->raw.size;
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
		if ((error = parse_block_marker(prev, base + b->markers[k].pos, b->markers[k].label)) < 0)
			return error;
	return 0;
}

/* Blocks become units one behind, so that a following unnumbered block
 * can still be joined to the unit before it. */
/* Paragraph ids used so far ("OP2", "ANNEX1-P4") and how often: an open
 * addressing table, so a file that repeats its numbers (many resolutions
 * in one file) costs one probe per paragraph, not a search of all units. */
typedef struct {
	const char *id;       /* arena string, NULL for an empty slot */
	uint32_t hash;
	int uses;
} id_slot;

typedef struct {
	id_slot *slots;
	size_t size, count;   /* size is a power of two, count <= size / 2 */
} id_table;

static id_slot *id_find(const id_table *t, const char *id, uint32_t h, size_t *work)
{
	size_t mask = t->size - 1, k;
	for (k = h & mask; t->slots[k].id; k = (k + 1) & mask) {
		(*work)++;
		if (t->slots[k].hash == h && !strcmp(t->slots[k].id, id))
			break;
	}
	return &t->slots[k];
}

/* The number of earlier uses of `id`, counting this one. */
static int id_use(int *uses, parse_state *st, id_table *t, const char *id)
{
	uint32_t h = parse_hash(id);
	id_slot *slot;

	if ((t->count + 1) * 2 > t->size) {
		size_t n = t->size ? t->size * 2 : 256, k;
		id_table bigger = { calloc(n, sizeof(id_slot)), n, t->count };
		if (!bigger.slots)
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		for (k = 0; k < t->size; k++)
			if (t->slots[k].id)
				*id_find(&bigger, t->slots[k].id, t->slots[k].hash, &st->work) = t->slots[k];
		free(t->slots);
		*t = bigger;
	}
	slot = id_find(t, id, h, &st->work);
	if (!slot->id) {
		if (!(slot->id = resdiff_arena_strdup(st->doc->arena, id)))
			return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
		slot->hash = h;
		t->count++;
	}
	*uses = ++slot->uses;
	return 0;
}

typedef struct {
	parse_state *st;
	block_list *bl;
	numbering nb;
	id_table ids;         /* paragraph ids used (numbered paragraphs) */
	block *held;          /* the block of the unit not yet emitted, or NULL */
	char id[ID_MAX];      /* ... its id, kind and printed label */
	resdiff_unit_kind kind;
	char label[LABEL_MAX];
} builder;

/* A block's text once it is in a unit (or joined to another block): no
 * one reads it again, and a file of many paragraphs need not keep it. */
static void release(block *b)
{
	resdiff_buf_dispose(&b->raw);
	free(b->markers);
	b->markers = NULL;
	b->marker_count = b->marker_alloc = 0;
}

static int flush(builder *ub)
{
	int error = 0;
	if (ub->held) {
		error = emit_unit(ub->st, ub->held, ub->id, ub->kind, ub->label);
		release(ub->held);
	}
	ub->held = NULL;
	return error;
}

/* Emit the unit held so far and hold block b as the next one. */
static int hold(builder *ub, block *b, resdiff_unit_kind kind, const char *label,
		const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static int hold(builder *ub, block *b, resdiff_unit_kind kind, const char *label,
		const char *fmt, ...)
{
	va_list ap;
	int error;
	if ((error = flush(ub)) < 0)
		return error;
	va_start(ap, fmt);
	vsnprintf(ub->id, sizeof(ub->id), fmt, ap);
	va_end(ap);
	ub->kind = kind;
	snprintf(ub->label, sizeof(ub->label), "%s", label);
	ub->held = b;
	return 0;
}

/* Does block b open a clause: a capitalised word of the language file's
 * leading-words ("Underlining that …", "Recalling …")? */
static bool opens_clause(const block *b)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	return u_isupper((UChar32)parse_first_cp(s, b->raw.size)) &&
		parse_opens_with(s, b->raw.size, RESDIFF_SECTION_LEADING_WORDS);
}

/* Is the unit held the line that opens an annex and nothing else ("Annex
 * I" alone, its title set apart by a blank line)? The heading-shaped block
 * after it is then the annex's title (ANNEX1-H1), whatever follows it (a
 * table, "Gross" / "Net of staff assessment", opens no clause). */
static bool annex_title(const builder *ub)
{
	const block *h = ub->held;
	return h && ub->nb.annex > 0 && ub->nb.h == 0 && ub->nb.pp == 0 && ub->nb.last_number == 0 &&
		ub->kind == RESDIFF_UNIT_HEADING && is_annex(h->raw.ptr ? h->raw.ptr : "", h->raw.size);
}

/* Is block b a heading? An unlabelled heading is followed by a labelled
 * paragraph or another heading, not by the rest of its own sentence; in a
 * resolution, a paragraph that opens a clause of its own ("Countries in
 * special situations" / "Underlining that …") is no such rest, unless b
 * opens one too (a short recital that lost its comma). In a declaration's
 * preamble a block that opens as a recital ("принимая во внимание, что …
 * народами, и") is a recital, whatever it ends with. */
static bool is_heading(const builder *ub, const block *b, const block *next)
{
	if (ub->st->declaration && !ub->nb.formula &&
	    parse_opens_with(b->raw.ptr ? b->raw.ptr : "", b->raw.size,
		    RESDIFF_SECTION_PREAMBLE_OPENERS))
		return false;
	/* "Annex" / "Staffing table for 2026" opens an annex whatever follows
	 * it (a table printed one cell per line makes a long block) */
	return parse_heading_shaped(b->raw.ptr ? b->raw.ptr : "", b->raw.size) &&
		(b->label.kind != LABEL_NONE || !next || next->label.kind != LABEL_NONE ||
		 annex_title(ub) || annex_block(ub->st, b) ||
		 parse_heading_shaped(next->raw.ptr ? next->raw.ptr : "", next->raw.size) ||
		 (ub->nb.resolution && opens_clause(next) && !opens_clause(b)) ||
		 (!ub->nb.resolution && ub->nb.last_number == 0) || /* "摘要" before a summary */
		 (ub->st->declaration && !ub->nb.formula && /* "Preamble" before a recital */
		  parse_opens_with(next->raw.ptr ? next->raw.ptr : "", next->raw.size,
			RESDIFF_SECTION_PREAMBLE_OPENERS)));
}

/* "Annex": numbering restarts and ids take the prefix ANNEX<k>-. */
static int start_annex(builder *ub, block *b)
{
	numbering *nb = &ub->nb;
	nb->annex++;
	snprintf(nb->prefix, sizeof(nb->prefix), "ANNEX%zu-", nb->annex);
	nb->last_number = 0;
	nb->pp = nb->h = nb->b = 0;
	nb->sublevel = 0;
	nb->parent[0] = '\0';
	nb->article = nb->art_para = nb->last_article = 0;
	return hold(ub, b, RESDIFF_UNIT_HEADING, "", "ANNEX%zu", nb->annex);
}

static int heading(builder *ub, block *b)
{
	ub->nb.in_section = ub->nb.last_number > 0;
	return hold(ub, b, RESDIFF_UNIT_HEADING, b->label.text, "%sH%zu", ub->nb.prefix, ++ub->nb.h);
}

/* Reports: "1. 非洲" restarts under each section; a numbered line shaped
 * like a heading and followed by the expected paragraph number is a
 * heading. */
static bool numbered_subheading(const builder *ub, const block *b, const block *next, bool shaped)
{
	int n = b->label.number;
	if (ub->nb.resolution || !shaped)
		return false;
	return n != ub->nb.last_number + 1 ||
		(next && next->label.kind == LABEL_NUMBER &&
		 next->label.number == ub->nb.last_number + 1);
}

/* "12. text": OP12 or P12, with a diagnostic when the number is out of
 * order, and OP12~2 for a number used twice. */
static int numbered_paragraph(builder *ub, block *b, size_t line, int n, const char *label)
{
	numbering *nb = &ub->nb;
	int uses = 0, error;
	bool in_order;
	char id[ID_MAX];

	/* "II" / "Strategic heritage plan …" / "1. Takes note …": a section
	 * that numbers its paragraphs from 1 again (docs/PARSE.md, OP1~2) */
	if (n == 1 && nb->in_section && nb->resolution) {
		resdiff_doc_add_note(ub->st->doc, line, "paragraph numbering restarts at 1 after "
			"a heading: a number printed again is read as OP<n>~<m>");
		nb->last_number = 0;
		nb->restarted = true;
	}
	nb->in_section = false;
	in_order = n == nb->last_number + 1;
	if (n != nb->last_number + 1) {
		if (n > nb->last_number + 1 && n <= nb->last_number + 1 + NUMBER_JUMP_MAX)
			resdiff_doc_add_diag(ub->st->doc, line,
				"paragraph numbers jump from %d to %d", nb->last_number, n);
		else
			resdiff_doc_add_diag(ub->st->doc, line,
				"paragraph %d follows paragraph %d", n, nb->last_number);
	}
	snprintf(id, sizeof(id), "%s%s%d", nb->prefix, nb->resolution ? "OP" : "P", n);
	if ((error = id_use(&uses, ub->st, &ub->ids, id)) < 0)
		return error;
	if (uses > 1) {
		/* the second OP2 is OP2~2, the third OP2~3; in sections that
		 * restart their numbering, in order, that is no defect */
		size_t k = strlen(id);
		if (!(nb->restarted && in_order))
			resdiff_doc_add_diag(ub->st->doc, line, "paragraph number %d used twice", n);
		snprintf(id + k, sizeof(id) - k, "~%d", uses);
	}
	snprintf(nb->parent, sizeof(nb->parent), "%s", id);
	nb->last_number = n > nb->last_number ? n : nb->last_number;
	nb->sublevel = 0;
	return hold(ub, b, nb->resolution ? RESDIFF_UNIT_OPERATIVE : RESDIFF_UNIT_PARAGRAPH,
		label, "%s", id);
}

/* "(b) 主题的执行情况": a lettered section heading, not a sub-paragraph
 * (no chapeau ending in a colon announces it). */
static bool lettered_heading(const builder *ub, const block *b, bool shaped)
{
	const block *prev = ub->held;
	return shaped && !(prev && prev->raw.size && ends_with_colon(prev->raw.ptr, prev->raw.size)) &&
		(ub->nb.sublevel == 0 || next_letter(ub->nb.subs[0]) != b->label.sub[0]);
}

/* "(a) Decides …" with no numbered paragraph yet: the lettered paragraphs
 * of a decision are its operative ones, not a recital's list ("… as
 * follows:" then "(a) Promoting …"). The text opens with a clause verb of
 * `operative-ladder` or `leading-words`, in capitals, and no preambular
 * opener. */
static bool decision_paragraph(const builder *ub, const block *b)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	size_t n = b->raw.size;
	return ub->nb.resolution && ub->nb.last_number == 0 && !ub->nb.annex &&
		strncmp(ub->nb.parent + strlen(ub->nb.prefix), "OP", 2) &&
		u_isupper((UChar32)parse_first_cp(s, n)) &&
		(parse_opens_with(s, n, RESDIFF_SECTION_OPERATIVE_LADDER) ||
		 parse_opens_with(s, n, RESDIFF_SECTION_LEADING_WORDS)) &&
		!parse_opens_with(s, n, RESDIFF_SECTION_PREAMBULAR_LADDER) &&
		!parse_opens_with(s, n, RESDIFF_SECTION_PREAMBLE_OPENERS);
}

/* "(a)" or "(i)": OP3(a), OP3(a)(i), with diagnostics for letters out of
 * order and for a sub-paragraph without a numbered paragraph. A decision's
 * lettered paragraphs (decision_paragraph()) are OP0(a), OP0(b), with no
 * diagnostic. */
static int sub_paragraph(builder *ub, block *b, size_t line)
{
	numbering *nb = &ub->nb;
	const char *s = b->label.sub;
	int level;

	if (strlen(s) == 1 && s[0] == 'a' && decision_paragraph(ub, b)) {
		snprintf(nb->parent, sizeof(nb->parent), "%sOP0", nb->prefix);
		nb->sublevel = 0;
	}
	if (!nb->parent[0]) {
		resdiff_doc_add_diag(ub->st->doc, line,
			"sub-paragraph (%s) without a numbered paragraph", s);
		snprintf(nb->parent, sizeof(nb->parent), "%s%s0", nb->prefix, nb->resolution ? "OP" : "P");
	}
	/* letter level or roman level? A numbered item ("’1‘") is never a
	 * letter */
	if (b->label.numbered)
		level = nb->sublevel >= 1 ? 2 : 1;
	else if (strlen(s) == 1 && (nb->sublevel == 0 || (nb->sublevel >= 1 && next_letter(nb->subs[0]) == s[0])) &&
	    !(nb->sublevel >= 1 && roman_value(s) && next_letter(nb->subs[0]) != s[0]))
		level = 1;
	else if (strlen(s) > 1 && nb->sublevel >= 1 && letter_follows(nb->subs[0], s) &&
		 !(nb->sublevel == 2 && roman_value(s) == roman_value(nb->subs[1]) + 1))
		level = 1; /* "(aa)" after "(z)", "(ii)" after "(hh)" */
	else if (roman_value(s) && nb->sublevel >= 1)
		level = 2;
	else
		level = 1;
	if (level == 1 && nb->sublevel >= 1 && !letter_follows(nb->subs[0], s))
		resdiff_doc_add_diag(ub->st->doc, line, "sub-paragraph (%s) follows (%s)", s, nb->subs[0]);
	if (level == 1 && nb->sublevel == 0 && s[0] != 'a')
		resdiff_doc_add_diag(ub->st->doc, line, "sub-paragraphs start at (%s)", s);
	snprintf(nb->subs[level - 1], sizeof(nb->subs[0]), "%s", s);
	nb->sublevel = level;
	if (level == 1)
		return hold(ub, b, RESDIFF_UNIT_SUBPARAGRAPH, b->label.text, "%s(%s)", nb->parent, s);
	return hold(ub, b, RESDIFF_UNIT_SUBPARAGRAPH, b->label.text, "%s(%s)(%s)", nb->parent,
		nb->subs[0], s);
}

/* Unnumbered text after a numbered paragraph: a wrapped line taken for a
 * new paragraph; keep it with its paragraph. */
static int join_to_held(builder *ub, block *b, size_t line)
{
	int error;
	if (ub->nb.resolution)
		resdiff_doc_add_diag(ub->st->doc, line,
			"text without a paragraph number joined to %s", ub->id);
	b->into = (int)(ub->held - ub->bl->blocks);
	error = merge_into(ub->held, b);
	release(b);
	return error;
}

/* Unlabelled text: a preambular paragraph of a resolution, or an
 * unnumbered block of a report. */
static int unnumbered(builder *ub, block *b)
{
	numbering *nb = &ub->nb;
	int error;
	if (!nb->resolution)
		return hold(ub, b, RESDIFF_UNIT_BLOCK, b->label.text, "%sB%zu", nb->prefix, ++nb->b);
	if ((error = hold(ub, b, RESDIFF_UNIT_PREAMBLE, b->label.text, "%sPP%zu", nb->prefix,
			++nb->pp)) < 0)
		return error;
	/* "…grounded in five priority areas, as follows:" then "(a)": the list
	 * is the recital's, PP6(a); a list after a recital of another one is not */
	if (b->raw.size && ends_with_colon(b->raw.ptr, b->raw.size)) {
		snprintf(nb->parent, sizeof(nb->parent), "%s", ub->id);
		nb->sublevel = 0;
	} else if (!strncmp(nb->parent + strlen(nb->prefix), "PP", 2)) {
		nb->parent[0] = '\0';
	}
	return 0;
}

/* "Article 12": ART12 (kind article, the heading as printed), with the
 * numbering diagnostics of paragraphs; its paragraphs follow. */
static int article(builder *ub, block *b, size_t line)
{
	numbering *nb = &ub->nb;
	int n = b->label.number, uses = 0, error;
	char id[ID_MAX];

	if (n != nb->last_article + 1) {
		if (n > nb->last_article + 1 && n <= nb->last_article + 1 + NUMBER_JUMP_MAX)
			resdiff_doc_add_diag(ub->st->doc, line,
				"article numbers jump from %d to %d", nb->last_article, n);
		else
			resdiff_doc_add_diag(ub->st->doc, line,
				"article %d follows article %d", n, nb->last_article);
	}
	snprintf(id, sizeof(id), "%sART%d", nb->prefix, n);
	if ((error = id_use(&uses, ub->st, &ub->ids, id)) < 0)
		return error;
	if (uses > 1) {
		size_t k = strlen(id);
		resdiff_doc_add_diag(ub->st->doc, line, "article number %d used twice", n);
		snprintf(id + k, sizeof(id) - k, "~%d", uses);
	}
	snprintf(nb->art_id, sizeof(nb->art_id), "%s", id);
	nb->article = n;
	nb->art_para = 0;
	nb->last_article = n > nb->last_article ? n : nb->last_article;
	nb->sublevel = 0;
	nb->parent[0] = '\0';
	nb->formula = 2;
	return hold(ub, b, RESDIFF_UNIT_ARTICLE, "", "%s", id);
}

/* A paragraph of the current article: ART12.<k>, k its printed number
 * ("1.") or the next one. */
static int article_paragraph(builder *ub, block *b, size_t line)
{
	numbering *nb = &ub->nb;
	int k = b->label.kind == LABEL_NUMBER ? b->label.number : nb->art_para + 1;

	if (k != nb->art_para + 1)
		resdiff_doc_add_diag(ub->st->doc, line, "paragraph %d of article %d follows "
			"paragraph %d", k, nb->article, nb->art_para);
	nb->art_para = k > nb->art_para ? k : nb->art_para;
	nb->sublevel = 0;
	snprintf(nb->parent, sizeof(nb->parent), "%s.%d", nb->art_id, k);
	return hold(ub, b, RESDIFF_UNIT_PARAGRAPH,
		b->label.kind == LABEL_NUMBER ? b->label.text : "", "%s", nb->parent);
}

/* Inside an article: its paragraphs and their sub-paragraphs, headings
 * between articles, an annex. */
static int in_article(builder *ub, block *b, bool shaped)
{
	size_t line = b->line + 1;
	switch (b->label.kind) {
	case LABEL_NUMBER:
		return article_paragraph(ub, b, line);
	case LABEL_SUB:
		return sub_paragraph(ub, b, line);
	case LABEL_HEADING:
		return heading(ub, b);
	default:
		break;
	}
	if (shaped && annex_block(ub->st, b))
		return start_annex(ub, b);
	if (shaped)
		return heading(ub, b);
	return article_paragraph(ub, b, line);
}

/* Block b's text without the spaces and line ends at its end: its length. */
static size_t trimmed_len(const block *b)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	size_t n = b->raw.size;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return n;
}

/* Without its chapeau, a declaration's proclamation is the first block
 * after its recitals that ends a sentence ("Proclame la présente
 * Déclaration … effectives.", "провозглашает …"), where recitals end in a
 * comma, and opens with no recital's word ("ولما كان …"). */
static bool proclaims(const builder *ub, const block *b)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	size_t n = trimmed_len(b);
	uint32_t c = parse_last_cp(s, n);
	return ub->nb.pp > 0 && (c == '.' || c == 0x3002) &&
		!parse_opens_with(s, n, RESDIFF_SECTION_PREAMBLE_OPENERS);
}

/* A declaration's proclaiming formula ("Now, therefore, … proclaims",
 * "因此现在,…发布…"), or the first text after its chapeau: OP1, empty
 * label; the text after it up to the first article joins it. */
static bool opens_proclamation(const builder *ub, const block *b)
{
	const parse_state *st = ub->st;
	if (!st->declaration || ub->nb.formula || b->label.kind != LABEL_NONE)
		return false;
	return (st->chapeau_line != (size_t)-1 && b->line >= st->chapeau_line) ||
		parse_opens_with(b->raw.ptr ? b->raw.ptr : "", b->raw.size,
			RESDIFF_SECTION_PROCLAIMING_FORMULAS) ||
		(st->chapeau_line == (size_t)-1 && proclaims(ub, b));
}

/* After a section's heading in the operative part, an unnumbered block
 * is a recital ("Having considered …,", "Recalling its resolution
 * 79/258 A;") when it ends in a comma or opens with a preambular opener
 * (the language file's preambular-ladder, leading-words that are
 * participles being no help here), and else the section's operative
 * paragraph printed without a number ("Approves the gross budget …;"),
 * which is paragraph 1 of its section. */
static bool section_operative(const block *b)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	size_t n = trimmed_len(b);
	if (n == 0 || s[n - 1] == ',' || !u_isupper((UChar32)parse_first_cp(s, n)))
		return false;
	/* a table printed one cell per line ("Action" / "Title of post" /
	 * "P-4" / "1" …) is no paragraph */
	if (b->nlines >= TABLE_CELLS_MIN && n < b->nlines * TABLE_CELL_BYTES)
		return false;
	if (parse_opens_with(s, n, RESDIFF_SECTION_PREAMBULAR_LADDER))
		return false;
	return s[n - 1] == ';' || s[n - 1] == '.' || s[n - 1] == ':';
}

/* A resolution whose one operative paragraph carries no number ("The
 * General Assembly" / "Adopts the Declaration …, annexed to the present
 * resolution." / closing lines / "Annex"): the block opens with a verb
 * of the language file's operative-ladder or leading-words, capitalised
 * (no preambular opener), ends a sentence as no recital does, and nothing
 * but an annex or the end of the text follows it. It is OP1, with an
 * empty label. */
static bool sole_operative(const builder *ub, const block *b, const block *next)
{
	const char *s = b->raw.ptr ? b->raw.ptr : "";
	size_t n = trimmed_len(b);
	uint32_t c = parse_last_cp(s, n);
	if (next && !annex_block(ub->st, next))
		return false;
	return (c == '.' || c == 0x3002) && u_isupper((UChar32)parse_first_cp(s, n)) &&
		(parse_opens_with(s, n, RESDIFF_SECTION_OPERATIVE_LADDER) ||
		 parse_opens_with(s, n, RESDIFF_SECTION_LEADING_WORDS)) &&
		!parse_opens_with(s, n, RESDIFF_SECTION_PREAMBULAR_LADDER) &&
		!parse_opens_with(s, n, RESDIFF_SECTION_PREAMBLE_OPENERS);
}

/* One block: decide what it is and take the step for it. */
static int build_unit(builder *ub, block *b, const block *next)
{
	numbering *nb = &ub->nb;
	const label_t *lab = &b->label;
	size_t line = b->line + 1;
	bool shaped = is_heading(ub, b, next);

	if (lab->kind == LABEL_ARTICLE)
		return article(ub, b, line);
	if (nb->article)
		return in_article(ub, b, shaped);
	if (opens_proclamation(ub, b)) {
		nb->formula = 1;
		return hold(ub, b, RESDIFF_UNIT_OPERATIVE, "", "%sOP1", nb->prefix);
	}
	if (nb->formula == 1 && lab->kind == LABEL_NONE && ub->held) {
		/* the proclamation goes on ("Proclaims this Declaration …") */
		int error;
		b->into = (int)(ub->held - ub->bl->blocks);
		error = merge_into(ub->held, b);
		release(b);
		return error;
	}

	switch (lab->kind) {
	case LABEL_NUMBER:
		return numbered_subheading(ub, b, next, shaped) ? heading(ub, b) :
			numbered_paragraph(ub, b, line, b->label.number, b->label.text);
	case LABEL_SUB:
		return lettered_heading(ub, b, shaped) ? heading(ub, b) : sub_paragraph(ub, b, line);
	case LABEL_HEADING:
		return heading(ub, b);
	case LABEL_NONE:
	case LABEL_ARTICLE:
		break;
	}
	if (shaped && annex_block(ub->st, b))
		return start_annex(ub, b);
	if (shaped)
		return heading(ub, b);
	if (nb->resolution && nb->last_number == 0 && !nb->annex)
		return sole_operative(ub, b, next) ? numbered_paragraph(ub, b, line, 1, "") :
			unnumbered(ub, b);
	if (nb->in_section)
		/* after a section's heading: its recitals, or its one
		 * operative paragraph, printed without a number */
		return section_operative(b) ? numbered_paragraph(ub, b, line, 1, "") :
			unnumbered(ub, b);
	if (ub->held && nb->last_number > 0)
		return join_to_held(ub, b, line);
	return unnumbered(ub, b);
}

int parse_build_units(parse_state *st, block_list *bl)
{
	builder ub;
	size_t i;
	int error = 0;

	memset(&ub, 0, sizeof(ub));
	ub.st = st;
	ub.bl = bl;
	ub.nb.resolution = st->is_resolution;
	for (i = 0; i < bl->count; i++) {
		st->work++;
		if ((error = build_unit(&ub, &bl->blocks[i], i + 1 < bl->count ? &bl->blocks[i + 1] : NULL)) < 0)
			goto done;
	}
	error = flush(&ub);
done:
	free(ub.ids.slots);
	return error;
}
