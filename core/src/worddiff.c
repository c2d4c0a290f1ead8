/* worddiff.c: token edits inside a clause through libgit2's xdiff. */
#include "resdiff/worddiff.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

const char *resdiff_edit_op_name(resdiff_edit_op op)
{
	switch (op) {
	case RESDIFF_EDIT_EQUAL: return "equal";
	case RESDIFF_EDIT_INSERT: return "insert";
	case RESDIFF_EDIT_DELETE: return "delete";
	}
	return "unknown";
}

typedef struct {
	size_t start, len;  /* bytes in the text */
	bool space;
} token;

typedef struct {
	token *tok;
	size_t n, alloc;
} tokens;

static int oom(void)
{
	return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
}

static int tok_push(tokens *t, size_t start, size_t len, bool space)
{
	if (t->n == RESDIFF_WORDDIFF_MAX_TOKENS)
		return 1;  /* over the limit: the caller replaces the clause whole */
	if (t->n == t->alloc) {
		size_t na = t->alloc ? t->alloc * 2 : 64;
		token *p = realloc(t->tok, na * sizeof(*p));
		if (!p)
			return oom();
		t->tok = p;
		t->alloc = na;
	}
	t->tok[t->n].start = start;
	t->tok[t->n].len = len;
	t->tok[t->n++].space = space;
	return 0;
}

/* Cut s[from..to) (a spaced script, no whitespace) at ICU word boundaries. */
static int tokenize_run(tokens *t, UBreakIterator *brk, const char *s, size_t from, size_t to)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u16 = NULL;
	size_t *off = NULL, i = from, n = 0, adv;
	int32_t prev, next;
	int error = 0;

	if (!brk)
		return tok_push(t, from, to - from, false);
	if (!(u16 = malloc((to - from + 1) * sizeof(*u16))) ||
	    !(off = malloc((to - from + 2) * sizeof(*off)))) {
		error = oom();
		goto done;
	}
	while (i < to) {
		int32_t cp = resdiff_utf8_decode(s + i, to - i, &adv);
		if (cp < 0)
			cp = 0xFFFD;
		if (cp >= 0x10000) {
			off[n] = i;
			u16[n++] = U16_LEAD(cp);
			off[n] = i;
			u16[n++] = U16_TRAIL(cp);
		} else {
			off[n] = i;
			u16[n++] = (UChar)cp;
		}
		i += adv;
	}
	off[n] = to;
	ubrk_setText(brk, u16, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		error = tok_push(t, from, to - from, false);
		goto done;
	}
	for (prev = ubrk_first(brk); (next = ubrk_next(brk)) != UBRK_DONE; prev = next)
		if ((error = tok_push(t, off[prev], off[next] - off[prev], false)) != 0)
			goto done;
done:
	free(u16);
	free(off);
	return error;
}

/* 0 ok, 1 over RESDIFF_WORDDIFF_MAX_TOKENS, < 0 error. */
static int tokenize(tokens *t, UBreakIterator *brk, const char *s, size_t len)
{
	size_t i = 0, adv, run = (size_t)-1;
	int error = 0;

	while (i < len && !error) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		bool space = cp >= 0 && resdiff_text_is_space((uint32_t)cp);
		bool single = cp >= 0 && (!resdiff_script_of((uint32_t)cp)->spaced ||
			(cp >= 0x80 && u_ispunct(cp)));

		if ((space || single) && run != (size_t)-1) {
			if ((error = tokenize_run(t, brk, s, run, i)) != 0)
				break;
			run = (size_t)-1;
		}
		if (space) {
			size_t j = i + adv, a2;
			while (j < len) {
				int32_t c2 = resdiff_utf8_decode(s + j, len - j, &a2);
				if (c2 < 0 || !resdiff_text_is_space((uint32_t)c2))
					break;
				j += a2;
			}
			error = tok_push(t, i, j - i, true);
			i = j;
			continue;
		}
		if (single)
			error = tok_push(t, i, adv, false);
		else if (run == (size_t)-1)
			run = i;
		i += adv;
	}
	if (!error && run != (size_t)-1)
		error = tokenize_run(t, brk, s, run, len);
	return error;
}

/* One token key per line. */
static int token_lines(resdiff_buf *out, const char *s, const tokens *t)
{
	size_t i, k;
	int error = 0;

	for (i = 0; i < t->n && !error; i++) {
		const char *p = s + t->tok[i].start;
		size_t len = t->tok[i].len, before = out->size;
		bool ascii = true;

		if (t->tok[i].space) {
			error = resdiff_buf_puts(out, " \n");
			continue;
		}
		for (k = 0; k < len; k++)
			ascii &= (unsigned char)p[k] < 0x80;
		if (ascii)
			error = resdiff_buf_put(out, p, len);
		else
			error = resdiff_compare_key(out, p, len, RESDIFF_KEY_EXACT);
		if (!error && out->size == before)
			error = resdiff_buf_putc(out, ' ');
		if (!error)
			error = resdiff_buf_putc(out, '\n');
	}
	return error ? error : resdiff_buf_put(out, "", 0);
}

/* A run of tokens, equal or changed. */
typedef struct {
	bool change;
	size_t os, oe, ns, ne;
} segment;

typedef struct {
	segment *seg;
	size_t n, alloc;
	size_t o, nw;   /* cursor: tokens consumed on each side */
	int error;
} segments;

static int seg_push(segments *s, bool change, size_t os, size_t oe, size_t ns, size_t ne)
{
	if (oe == os && ne == ns)
		return 0;
	if (s->n == s->alloc) {
		size_t na = s->alloc ? s->alloc * 2 : 32;
		segment *p = realloc(s->seg, na * sizeof(*p));
		if (!p)
			return oom();
		s->seg = p;
		s->alloc = na;
	}
	s->seg[s->n].change = change;
	s->seg[s->n].os = os;
	s->seg[s->n].oe = oe;
	s->seg[s->n].ns = ns;
	s->seg[s->n++].ne = ne;
	return 0;
}

static int on_hunk(const git_diff_delta *delta, const git_diff_hunk *hunk, void *payload)
{
	segments *s = payload;
	size_t os = hunk->old_lines ? (size_t)hunk->old_start - 1 : (size_t)hunk->old_start;
	size_t ns = hunk->new_lines ? (size_t)hunk->new_start - 1 : (size_t)hunk->new_start;

	(void)delta;
	if (os < s->o || ns < s->nw || os - s->o != ns - s->nw) {
		s->error = resdiff_error_set(RESDIFF_ERROR, "word diff: inconsistent hunk");
		return -1;
	}
	if ((s->error = seg_push(s, false, s->o, os, s->nw, ns)) < 0 ||
	    (s->error = seg_push(s, true, os, os + (size_t)hunk->old_lines,
			ns, ns + (size_t)hunk->new_lines)) < 0)
		return -1;
	s->o = os + (size_t)hunk->old_lines;
	s->nw = ns + (size_t)hunk->new_lines;
	return 0;
}

static size_t solid_tokens(const tokens *t, size_t from, size_t to)
{
	size_t n = 0;
	for (; from < to; from++)
		n += !t->tok[from].space;
	return n;
}

static int emit(resdiff_edit *edits, size_t *count, resdiff_arena *arena,
		resdiff_edit_op op, const char *s, const tokens *t, size_t from, size_t to)
{
	size_t start, end;
	char *text;

	if (from >= to)
		return 0;
	start = t->tok[from].start;
	end = t->tok[to - 1].start + t->tok[to - 1].len;
	if (*count && edits[*count - 1].op == op) {  /* extend the previous run */
		resdiff_edit *e = &edits[*count - 1];
		if (!(text = resdiff_arena_alloc(arena, e->len + end - start + 1)))
			return oom();
		memcpy(text, e->text, e->len);
		memcpy(text + e->len, s + start, end - start);
		e->len += end - start;
		text[e->len] = '\0';
		e->text = text;
		return 0;
	}
	if (!(text = resdiff_arena_strndup(arena, s + start, end - start)))
		return oom();
	edits[*count].op = op;
	edits[*count].text = text;
	edits[*count].len = end - start;
	edits[*count].rolling = false;
	(*count)++;
	return 0;
}

int resdiff_worddiff(resdiff_edit **out, size_t *count, resdiff_arena *arena,
		const char *old_text, size_t olen, const char *new_text, size_t nlen)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *brk = NULL;
	tokens to = { NULL, 0, 0 }, tn = { NULL, 0, 0 };
	resdiff_buf lo = RESDIFF_BUF_INIT, ln = RESDIFF_BUF_INIT;
	segments segs = { NULL, 0, 0, 0, 0, 0 };
	resdiff_edit *edits = NULL;
	git_diff_options dopts;
	size_t i, n = 0;
	bool whole = false, git_up = false;
	int error = 0, r1, r2;

	*out = NULL;
	*count = 0;
	brk = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
	if (U_FAILURE(err))
		brk = NULL;  /* fall back to whole runs */
	r1 = tokenize(&to, brk, old_text, olen);
	r2 = tokenize(&tn, brk, new_text, nlen);
	if (r1 < 0 || r2 < 0) {
		error = r1 < 0 ? r1 : r2;
		goto done;
	}
	whole = r1 > 0 || r2 > 0;
	if (!whole && (to.n == 0 || tn.n == 0)) {
		if ((error = seg_push(&segs, true, 0, to.n, 0, tn.n)) < 0)
			goto done;
	} else if (!whole) {
		if ((error = token_lines(&lo, old_text, &to)) < 0 ||
		    (error = token_lines(&ln, new_text, &tn)) < 0)
			goto done;
		if (git_libgit2_init() < 0) {
			error = resdiff_error_set(RESDIFF_ERROR, "libgit2: init failed");
			goto done;
		}
		git_up = true;
		git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
		dopts.flags = GIT_DIFF_PATIENCE | GIT_DIFF_FORCE_TEXT;
		dopts.context_lines = 0;
		dopts.interhunk_lines = 0;
		if (git_diff_buffers(lo.ptr, lo.size, "old", ln.ptr, ln.size, "new", &dopts,
				NULL, NULL, on_hunk, NULL, &segs) < 0) {
			const git_error *ge = git_error_last();
			error = segs.error ? segs.error : resdiff_error_set(RESDIFF_ERROR,
				"libgit2: %s", ge && ge->message ? ge->message : "diff failed");
			goto done;
		}
		if (to.n - segs.o != tn.n - segs.nw) {
			error = resdiff_error_set(RESDIFF_ERROR, "word diff: inconsistent tail");
			goto done;
		}
		if ((error = seg_push(&segs, false, segs.o, to.n, segs.nw, tn.n)) < 0)
			goto done;
	}
	if (whole) {
		/* Too many tokens to diff safely: one replacement. */
		if (!(edits = resdiff_arena_alloc(arena, 2 * sizeof(*edits)))) {
			error = oom();
			goto done;
		}
		if (olen) {
			edits[n].op = RESDIFF_EDIT_DELETE;
			edits[n].len = olen;
			edits[n].rolling = false;
			if (!(edits[n++].text = resdiff_arena_strndup(arena, old_text, olen))) {
				error = oom();
				goto done;
			}
		}
		if (nlen) {
			edits[n].op = RESDIFF_EDIT_INSERT;
			edits[n].len = nlen;
			edits[n].rolling = false;
			if (!(edits[n++].text = resdiff_arena_strndup(arena, new_text, nlen))) {
				error = oom();
				goto done;
			}
		}
		*out = edits;
		*count = n;
		goto done;
	}
	/* Fold tiny equal runs between two changes into the change. */
	for (i = 1; i + 1 < segs.n; i++)
		if (!segs.seg[i].change && segs.seg[i - 1].change && segs.seg[i + 1].change &&
		    solid_tokens(&tn, segs.seg[i].ns, segs.seg[i].ne) <= RESDIFF_WORDDIFF_TINY)
			segs.seg[i].change = true;
	if (!(edits = resdiff_arena_alloc(arena, (2 * segs.n + 1) * sizeof(*edits)))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < segs.n; i++) {
		size_t j = i;
		if (!segs.seg[i].change) {
			if ((error = emit(edits, &n, arena, RESDIFF_EDIT_EQUAL, new_text, &tn,
					segs.seg[i].ns, segs.seg[i].ne)) < 0)
				goto done;
			continue;
		}
		while (j + 1 < segs.n && segs.seg[j + 1].change)
			j++;
		if ((error = emit(edits, &n, arena, RESDIFF_EDIT_DELETE, old_text, &to,
				segs.seg[i].os, segs.seg[j].oe)) < 0 ||
		    (error = emit(edits, &n, arena, RESDIFF_EDIT_INSERT, new_text, &tn,
				segs.seg[i].ns, segs.seg[j].ne)) < 0)
			goto done;
		i = j;
	}
	*out = edits;
	*count = n;
done:
	if (git_up)
		git_libgit2_shutdown();
	if (brk)
		ubrk_close(brk);
	free(to.tok);
	free(tn.tok);
	free(segs.seg);
	resdiff_buf_dispose(&lo);
	resdiff_buf_dispose(&ln);
	return error;
}
