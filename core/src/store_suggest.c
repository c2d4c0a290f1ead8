/* store_suggest.c: what "no document X" adds so that a user finds the
 * name: the stored symbols nearest the query by edit distance, the
 * languages it is stored in when another was asked for, and the command
 * that lists them all. Error path only: it lists the record's tip once. */
#include "store_internal.h"
#include "resdiff/common.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SUGGEST_MAX 3           /* nearest symbols named */
#define SUGGEST_QUERY_MAX 128   /* longer queries get no suggestion */

/* Levenshtein distance of a and b (both under SUGGEST_QUERY_MAX bytes),
 * case folded; '_' and '/' are the same (file names and symbols). */
static size_t distance(const char *a, size_t al, const char *b, size_t bl)
{
	size_t row[SUGGEST_QUERY_MAX + 1], i, j;
	for (j = 0; j <= bl; j++)
		row[j] = j;
	for (i = 1; i <= al; i++) {
		size_t diag = row[0];
		int ca = tolower((unsigned char)a[i - 1]);
		row[0] = i;
		if (ca == '_')
			ca = '/';
		for (j = 1; j <= bl; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			size_t best, up = row[j];
			if (cb == '_')
				cb = '/';
			best = diag + (ca != cb);
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[bl];
}

/* The distance of the query to the symbol or to any tail of it after a
 * '/' ("2009/8" is 1 from E/RES/2009/7, through "2009/7"). */
static size_t symbol_distance(const char *query, size_t ql, const char *symbol)
{
	size_t best = SIZE_MAX, sl = strlen(symbol), k;
	for (k = 0; k < sl; k++) {
		size_t d;
		if (k && symbol[k - 1] != '/')
			continue;
		if (sl - k >= SUGGEST_QUERY_MAX)
			continue;
		if ((d = distance(query, ql, symbol + k, sl - k)) < best)
			best = d;
	}
	return best;
}

int store_suggest_symbols(resdiff_buf *out, resdiff_store *s, const char *query,
		const char *language)
{
	resdiff_store_listing *list = NULL;
	const char *near[SUGGEST_MAX];
	size_t dist[SUGGEST_MAX], n = 0, i, k, ql = strlen(query), limit;
	resdiff_buf other = RESDIFF_BUF_INIT;
	int error;

	if ((error = resdiff_store_list(&list, s, NULL)) < 0)
		goto done;
	if (list->count == 0) {
		error = resdiff_buf_puts(out, "; the record holds no document ('resdiff import FILE' "
			"stores one)");
		goto done;
	}
	/* one edit in a short symbol, one in four in a longer one */
	limit = ql / 4 > 1 ? ql / 4 : 1;
	for (i = 0; ql < SUGGEST_QUERY_MAX && i < list->count; i++) {
		const resdiff_store_entry *e = &list->entries[i];
		size_t d;
		bool seen = false;
		if (language && strcmp(e->language, language)) {
			/* the text is there, in another language */
			if (store_symbol_matches(e->symbol, strlen(e->symbol), query) &&
			    (error = resdiff_buf_printf(&other, "%s%s %s", other.size ? ", " : "",
					e->symbol, e->language)) < 0)
				goto done;
			continue;
		}
		if ((d = symbol_distance(query, ql, e->symbol)) > limit)
			continue;
		for (k = 0; k < n; k++)
			if (!strcmp(near[k], e->symbol))
				seen = true;
		if (seen)
			continue;
		/* kept in order of distance, the listing's order among equals */
		if (n < SUGGEST_MAX)
			k = n++;
		else if (d < dist[SUGGEST_MAX - 1])
			k = SUGGEST_MAX - 1;
		else
			continue;
		near[k] = e->symbol;
		dist[k] = d;
		for (; k > 0 && dist[k - 1] > dist[k]; k--) {
			const char *ts = near[k - 1];
			size_t td = dist[k - 1];
			near[k - 1] = near[k];
			dist[k - 1] = dist[k];
			near[k] = ts;
			dist[k] = td;
		}
	}
	if (other.size && (error = resdiff_buf_printf(out, "; stored in other languages only: %s",
			other.ptr)) < 0)
		goto done;
	for (k = 0; k < n; k++)
		if ((error = resdiff_buf_printf(out, "%s%s", k ? ", " : "; the nearest stored: ",
				near[k])) < 0)
			goto done;
	error = resdiff_buf_puts(out, "; 'resdiff ls' lists every stored text");
done:
	resdiff_buf_dispose(&other);
	resdiff_store_listing_free(list);
	return error;
}
