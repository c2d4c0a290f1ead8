/* amend_space.c: the spacing rule of tidy amendment quotes (see
 * amend_space.h), one rule for the reader and the writer. */
#include "amend_space.h"

#include <string.h>
#include <unicode/uchar.h>

static uint32_t first_cp(const char *s, size_t len, size_t *adv)
{
	int32_t cp;
	*adv = 0;
	cp = len ? resdiff_utf8_decode(s, len, adv) : 0;
	if (!*adv && len)
		*adv = 1;
	return cp < 0 ? 0 : (uint32_t)cp;
}

static bool word_cp(uint32_t cp)
{
	return u_isalnum((UChar32)cp) && !resdiff_text_is_cjk(cp);
}

void resdiff_amend_space_trim(const char *s, size_t len, size_t *start, size_t *end)
{
	size_t a = 0, b = len, adv, at;
	while (a < b && resdiff_text_is_space(first_cp(s + a, b - a, &adv)))
		a += adv;
	while (b > a && resdiff_text_is_space(resdiff_utf8_last(s + a, b - a, &at)))
		b = a + at;
	*start = a;
	*end = b;
}

bool resdiff_amend_space_tidy(const char *s, size_t len)
{
	size_t a, b;
	resdiff_amend_space_trim(s, len, &a, &b);
	return !len || (a == 0 && b == len);
}

int resdiff_amend_space_splice(resdiff_buf *out, const char *t, size_t len, size_t *pos,
		size_t start, size_t end, const char *text, size_t tl, bool tidy, size_t *out_start)
{
	size_t adv, at;
	int error;

	/* a tidy deletion before took the space this edit starts on
	 * ("delete “act”; replace “ now” with …"): the edit starts after it */
	bool taken = start < *pos;
	if (taken)
		start = *pos;
	if (end < start)
		end = start;
	if ((error = resdiff_buf_put(out, t + *pos, start - *pos)) < 0)
		return error;
	if (taken && tl && text[0] == ' ' && out->size && out->ptr[out->size - 1] == ' ') {
		text++;  /* the space is written once */
		tl--;
	}
	*pos = end;
	*out_start = out->size;
	if (tidy && tl && (word_cp(resdiff_utf8_last(out->ptr, out->size, &at)) ||
	    (out->size && strchr(",;:.)", out->ptr[out->size - 1]))) &&
	    word_cp(first_cp(text, tl, &adv)) && (error = resdiff_buf_putc(out, ' ')) < 0)
		return error;
	if ((error = resdiff_buf_put(out, text, tl)) < 0)
		return error;
	if (tidy && tl && word_cp(resdiff_utf8_last(text, tl, &at)) &&
	    word_cp(first_cp(t + *pos, len - *pos, &adv)) && (error = resdiff_buf_putc(out, ' ')) < 0)
		return error;
	if (tidy && !tl && end > start) {
		/* a word deleted: one space, none before punctuation */
		bool space_before = out->size && out->ptr[out->size - 1] == ' ';
		char next = t[*pos];
		if ((space_before || !out->size) && next == ' ')
			(*pos)++;
		else if (space_before && (!next || strchr(",.;:)", next))) {
			out->size--;
			out->ptr[out->size] = '\0';
		}
	}
	return 0;
}
