/* render_diff_amendments.c: the changes as formal amendment instructions
 * citing the old numbering, in English or Chinese. */
#include "resdiff/diff.h"
#include "resdiff/text.h"

#include <string.h>

/* Above this many edits, or under this similarity, a clause is replaced
 * whole rather than edited piece by piece. */
#define AMEND_MAX_EDITS 6
#define AMEND_MIN_SIMILARITY 0.5
/* Characters of context quoted before an insertion. */
#define AMEND_CONTEXT 12
#define AMEND_CONTEXT_WORD 40

typedef struct {
	resdiff_buf *out;
	bool zh;
	size_t item;                       /* number of the amendment being written */
	const resdiff_unit *insert_anchor; /* old clause the last insertion followed */
	size_t insert_item;                /* ... and its amendment number (0: none) */
} amender;

static int put(amender *m, const char *s)
{
	return resdiff_buf_puts(m->out, s);
}

static int put_text(amender *m, const char *s, size_t len)
{
	return resdiff_text_sanitize(m->out, s, len, false);
}

static int put_quoted(amender *m, const char *s, size_t len)
{
	int error;
	if ((error = put(m, "\xe2\x80\x9c")) < 0 || (error = put_text(m, s, len)) < 0)
		return error;
	return put(m, "\xe2\x80\x9d");
}

/* "OP61(a)" -> "61(a)", "PP3" -> "3". */
static const char *number_of(const char *id)
{
	while (*id >= 'A' && *id <= 'Z')
		id++;
	return id;
}

/* "operative paragraph 5" / "执行部分第5段". */
static int put_ref(amender *m, const resdiff_unit *u)
{
	const char *n = number_of(u->id);
	switch (u->kind) {
	case RESDIFF_UNIT_PREAMBLE:
		return resdiff_buf_printf(m->out, m->zh ? "序言部分第%s段" : "preambular paragraph %s", n);
	case RESDIFF_UNIT_OPERATIVE:
	case RESDIFF_UNIT_SUBPARAGRAPH:
		return resdiff_buf_printf(m->out, m->zh ? "执行部分第%s段" : "operative paragraph %s", n);
	case RESDIFF_UNIT_HEADING:
		return resdiff_buf_printf(m->out, m->zh ? "第%s个标题" : "heading %s", n);
	default:
		return resdiff_buf_printf(m->out, m->zh ? "第%s段" : "paragraph %s", n);
	}
}

static int put_refs(amender *m, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = put(m, i + 1 == n ? (m->zh ? "和" : " and ") : (m->zh ? "、" : ", "));
		if (!error)
			error = put_ref(m, &doc->units[units[i]]);
	}
	return error;
}

static const char *kind_noun(const amender *m, resdiff_unit_kind kind)
{
	switch (kind) {
	case RESDIFF_UNIT_PREAMBLE: return m->zh ? "序言部分段落" : "preambular paragraph";
	case RESDIFF_UNIT_OPERATIVE: return m->zh ? "执行部分段落" : "operative paragraph";
	case RESDIFF_UNIT_SUBPARAGRAPH: return m->zh ? "执行部分分段" : "operative sub-paragraph";
	case RESDIFF_UNIT_HEADING: return m->zh ? "标题" : "heading";
	default: return m->zh ? "段落" : "paragraph";
	}
}

/* The old clause a new clause follows: the old counterpart of the nearest
 * matched new clause before it, or NULL at the start. */
static const resdiff_unit *old_anchor(const resdiff_diff *diff, size_t new_unit)
{
	const resdiff_alignment *al = diff->alignment;
	while (new_unit-- > 0) {
		const resdiff_change *c = &al->changes[al->new_change[new_unit]];
		if (c->old_count)
			return &al->old_doc->units[c->old_units[c->old_count - 1]];
	}
	return NULL;
}

/* "after operative paragraph 7" / "在执行部分第7段之后" ("执行部分第7段之后"
 * when the Chinese verb already says where: "移至…之后"). */
static int put_place(amender *m, const resdiff_diff *diff, size_t new_unit, bool zh_zai)
{
	const resdiff_unit *a = old_anchor(diff, new_unit);
	int error;
	if (!a)
		return put(m, m->zh ? (zh_zai ? "在案文开头" : "案文开头") : "at the beginning of the text");
	if ((error = put(m, m->zh ? (zh_zai ? "在" : "") : "after ")) < 0 || (error = put_ref(m, a)) < 0)
		return error;
	return m->zh ? put(m, "之后") : 0;
}

static int put_after(amender *m, const resdiff_diff *diff, size_t new_unit)
{
	return put_place(m, diff, new_unit, true);
}

/* Where an insertion goes. Several insertions after the same old clause
 * (new paragraphs, then a heading, then more paragraphs) are applied in
 * order: each goes after the text the previous one inserted, not after the
 * old clause again, or applying them one by one would reverse them (found
 * in review). */
static int put_insert_place(amender *m, const resdiff_diff *diff, size_t new_unit)
{
	const resdiff_unit *a = old_anchor(diff, new_unit);
	int error;
	if (m->insert_item && a == m->insert_anchor) {
		error = resdiff_buf_printf(m->out, m->zh ? "在第%zu项修正所插入的案文之后" :
			"after the text inserted by amendment %zu", m->insert_item);
	} else {
		error = put_after(m, diff, new_unit);
	}
	m->insert_anchor = a;
	m->insert_item = m->item;
	return error;
}

static int put_texts(amender *m, const resdiff_doc *doc, const size_t *units, size_t n)
{
	size_t i;
	int error = 0;
	for (i = 0; i < n && !error; i++) {
		if (i)
			error = put(m, m->zh ? "；" : "; ");
		if (!error)
			error = put_quoted(m, doc->units[units[i]].text, strlen(doc->units[units[i]].text));
	}
	return error;
}

/* The last AMEND_CONTEXT characters of an equal run. */
static void tail_of(const char *s, size_t len, const char **start, size_t *n)
{
	size_t i = len, chars = 0;
	while (i > 0 && chars < AMEND_CONTEXT) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	}
	/* in spaced scripts, start at a word: "meetings at the", not "ment at
	 * the" (back to the word's start, within AMEND_CONTEXT_WORD bytes) */
	if (i > 0 && s[i - 1] != ' ' && memchr(s + i, ' ', len - i)) {
		size_t k = i;
		while (k > 0 && s[k - 1] != ' ' && i - k < AMEND_CONTEXT_WORD)
			k--;
		if (k == 0 || s[k - 1] == ' ')
			i = k;
	}
	*start = s + i;
	*n = len - i;
}

static int put_edits(amender *m, const resdiff_edit *e, size_t n)
{
	size_t i, parts = 0;
	int error = 0;

	for (i = 0; i < n && !error; i++) {
		const char *ctx;
		size_t clen;
		if (e[i].op == RESDIFF_EDIT_EQUAL)
			continue;
		if (parts++)
			error = put(m, m->zh ? "；" : "; ");
		if (error)
			break;
		if (e[i].op == RESDIFF_EDIT_DELETE && i + 1 < n && e[i + 1].op == RESDIFF_EDIT_INSERT) {
			if ((error = put(m, m->zh ? "将" : "replace ")) < 0 ||
			    (error = put_quoted(m, e[i].text, e[i].len)) < 0 ||
			    (error = put(m, m->zh ? "改为" : " with ")) < 0)
				break;
			error = put_quoted(m, e[i + 1].text, e[i + 1].len);
			i++;
		} else if (e[i].op == RESDIFF_EDIT_DELETE) {
			if ((error = put(m, m->zh ? "删除" : "delete ")) < 0)
				break;
			error = put_quoted(m, e[i].text, e[i].len);
		} else if (i == 0) {
			if ((error = put(m, m->zh ? "在开头插入" : "insert at the beginning ")) < 0)
				break;
			error = put_quoted(m, e[i].text, e[i].len);
		} else {
			tail_of(e[i - 1].text, e[i - 1].len, &ctx, &clen);
			if ((error = put(m, m->zh ? "在" : "after ")) < 0 ||
			    (error = put_quoted(m, ctx, clen)) < 0 ||
			    (error = put(m, m->zh ? "之后插入" : " insert ")) < 0)
				break;
			error = put_quoted(m, e[i].text, e[i].len);
		}
	}
	return error;
}

static size_t edit_count(const resdiff_edit *e, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		k += e[i].op != RESDIFF_EDIT_EQUAL &&
		     !(e[i].op == RESDIFF_EDIT_INSERT && i > 0 && e[i - 1].op == RESDIFF_EDIT_DELETE);
	return k;
}

static int amend_one(amender *m, const resdiff_diff *diff, size_t ci,
		const resdiff_diff_render_options *opts, size_t *consumed)
{
	const resdiff_alignment *al = diff->alignment;
	const resdiff_change *c = &al->changes[ci];
	const resdiff_doc *od = al->old_doc, *nd = al->new_doc;
	int error = 0;

	switch (c->relation) {
	case RESDIFF_REL_DROPPED:
		if ((error = put(m, m->zh ? "删除" : "Delete ")) == 0 &&
		    (error = put_refs(m, od, c->old_units, c->old_count)) == 0)
			error = put(m, m->zh ? "。" : ".");
		return error;
	case RESDIFF_REL_ADDED: {
		/* This and the added clauses right after it, of the same kind:
		 * one insertion. */
		const resdiff_unit *u = &nd->units[c->new_units[0]];
		size_t last = ci, k;
		while (last + 1 < al->change_count &&
		       al->changes[last + 1].relation == RESDIFF_REL_ADDED &&
		       al->changes[last + 1].new_units[0] == al->changes[last].new_units[0] + 1 &&
		       nd->units[al->changes[last + 1].new_units[0]].kind == u->kind &&
		       resdiff_diff_change_shown(diff, last + 1, opts))
			last++;
		*consumed = last - ci;
		if (m->zh) {
			if ((error = put_insert_place(m, diff, c->new_units[0])) < 0)
				return error;
			if (last > ci)
				error = resdiff_buf_printf(m->out, "插入%zu个新的%s，内容如下：",
					last - ci + 1, kind_noun(m, u->kind));
			else
				error = resdiff_buf_printf(m->out, "插入一个新的%s，内容如下：",
					kind_noun(m, u->kind));
			if (error < 0)
				return error;
		} else {
			if (last > ci)
				error = resdiff_buf_printf(m->out, "Insert %zu new %ss ", last - ci + 1,
					kind_noun(m, u->kind));
			else
				error = resdiff_buf_printf(m->out, "Insert a new %s ", kind_noun(m, u->kind));
			if (error < 0 ||
			    (error = put_insert_place(m, diff, c->new_units[0])) < 0 ||
			    (error = put(m, ", reading: ")) < 0)
				return error;
		}
		for (k = ci; k <= last && !error; k++) {
			const resdiff_unit *v = &nd->units[al->changes[k].new_units[0]];
			if (k > ci)
				error = put(m, m->zh ? "；" : "; ");
			if (!error)
				error = put_quoted(m, v->text, strlen(v->text));
		}
		if (!error)
			error = put(m, m->zh ? "。" : ".");
		return error;
	}
	case RESDIFF_REL_UNCHANGED:
		break;
	default:
		if (c->relation != RESDIFF_REL_REWORDED ||
		    edit_count(diff->edits[ci], diff->edit_count[ci]) > AMEND_MAX_EDITS ||
		    c->similarity < AMEND_MIN_SIMILARITY) {
			/* Replace whole: "Replace operative paragraph 5 with: ..." */
			if ((error = put(m, m->zh ? "将" : "Replace ")) < 0 ||
			    (error = put_refs(m, od, c->old_units, c->old_count)) < 0 ||
			    (error = put(m, m->zh ? "改为：" : c->new_count > 1 ?
					" with the following paragraphs: " : " with the following: ")) < 0 ||
			    (error = put_texts(m, nd, c->new_units, c->new_count)) < 0 ||
			    (error = put(m, m->zh ? "。" : ".")) < 0)
				return error;
		} else {
			if ((error = put(m, m->zh ? "在" : "In ")) < 0 ||
			    (error = put_ref(m, &od->units[c->old_units[0]])) < 0 ||
			    (error = put(m, m->zh ? "中，" : ", ")) < 0 ||
			    (error = put_edits(m, diff->edits[ci], diff->edit_count[ci])) < 0 ||
			    (error = put(m, m->zh ? "。" : ".")) < 0)
				return error;
		}
	}
	if (c->moved) {
		if (c->relation != RESDIFF_REL_UNCHANGED && (error = put(m, m->zh ? "" : " ")) < 0)
			return error;
		if (m->zh) {
			if ((error = put(m, "将")) < 0 || (error = put_ref(m, &od->units[c->old_units[0]])) < 0 ||
			    (error = put(m, "移至")) < 0 || (error = put_place(m, diff, c->new_units[0], false)) < 0)
				return error;
			error = put(m, "。");
		} else {
			if ((error = put(m, "Move ")) < 0 || (error = put_ref(m, &od->units[c->old_units[0]])) < 0 ||
			    (error = put(m, " to a position ")) < 0 || (error = put_after(m, diff, c->new_units[0])) < 0)
				return error;
			error = put(m, ".");
		}
	}
	return error;
}

int resdiff_render_diff_amendments(resdiff_buf *out, const resdiff_diff *diff,
		const resdiff_diff_render_options *opts)
{
	const resdiff_alignment *al = diff->alignment;
	const char *lang = opts && opts->amend_lang ? opts->amend_lang :
			   al->new_doc->meta.language ? al->new_doc->meta.language : "en";
	const char *os = al->old_doc->meta.symbol ? al->old_doc->meta.symbol :
			 opts && opts->old_source ? opts->old_source : "?";
	const char *ns = al->new_doc->meta.symbol ? al->new_doc->meta.symbol :
			 opts && opts->new_source ? opts->new_source : "?";
	amender m;
	size_t i, n = 0;
	int error;

	memset(&m, 0, sizeof(m));
	m.out = out;
	m.zh = !strcmp(lang, "zh");
	if (m.zh) {
		if ((error = put(&m, "对")) < 0 || (error = put_text(&m, os, strlen(os))) < 0 ||
		    (error = put(&m, "的修正（得出")) < 0 || (error = put_text(&m, ns, strlen(ns))) < 0 ||
		    (error = put(&m, "）\n\n")) < 0)
			return error;
	} else {
		if ((error = put(&m, "Amendments to ")) < 0 || (error = put_text(&m, os, strlen(os))) < 0 ||
		    (error = put(&m, " (resulting in ")) < 0 || (error = put_text(&m, ns, strlen(ns))) < 0 ||
		    (error = put(&m, ")\n\n")) < 0)
			return error;
	}
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		if (!resdiff_diff_change_shown(diff, i, opts) ||
		    (c->relation == RESDIFF_REL_UNCHANGED && !c->moved))
			continue;
		size_t consumed = 0;
		m.item = ++n;
		if ((error = resdiff_buf_printf(out, "%zu. ", n)) < 0 ||
		    (error = amend_one(&m, diff, i, opts, &consumed)) < 0 || (error = put(&m, "\n")) < 0)
			return error;
		i += consumed;
	}
	if (!n)
		return put(&m, m.zh ? "无修正。\n" : "No amendments.\n");
	return 0;
}
