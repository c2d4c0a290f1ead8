/* render_list.c: the documents of a repository, as `resdiff ls` prints
 * them. Walks the listing it is given; touches no git. */
#include "resdiff/render.h"
#include "resdiff/store.h"
#include "resdiff/text.h"

#include <string.h>

/* Columns of the text form: the symbol and the place are padded to this
 * many terminal cells (resdiff_text_width: a CJK character takes two). */
#define LIST_SYMBOL_WIDTH 20
#define LIST_PLACE_WIDTH 16

static int put_clean(resdiff_buf *out, const char *s)
{
	return resdiff_text_sanitize(out, s, strlen(s), false);
}

/* Where a document stands: its series, "draft of X", "draft", or "-". */
static int put_place(resdiff_buf *out, const resdiff_store_entry *e)
{
	int error;
	if (e->series)
		return put_clean(out, e->series);
	if (e->draft_of)
		return (error = resdiff_buf_puts(out, "draft of ")) < 0 ? error : put_clean(out, e->draft_of);
	return resdiff_buf_puts(out, e->draft ? "draft" : "-");
}

int resdiff_render_listing_text(resdiff_buf *out, const struct resdiff_store_listing *l)
{
	resdiff_buf place = RESDIFF_BUF_INIT, symbol = RESDIFF_BUF_INIT;
	size_t i, sw, pw;
	int error = 0;

	for (i = 0; i < l->count && !error; i++) {
		const resdiff_store_entry *e = &l->entries[i];
		resdiff_buf_clear(&place);
		resdiff_buf_clear(&symbol);
		/* widths of what is shown: the sanitized text, in cells */
		if ((error = put_place(&place, e)) < 0 || (error = put_clean(&symbol, e->symbol)) < 0)
			break;
		sw = resdiff_text_width(symbol.ptr ? symbol.ptr : "", symbol.size);
		pw = resdiff_text_width(place.ptr ? place.ptr : "", place.size);
		if ((error = resdiff_buf_put(out, symbol.ptr ? symbol.ptr : "", symbol.size)) < 0 ||
		    (error = resdiff_buf_printf(out, "%*s %-3s %-10s  %s",
				(int)(sw < LIST_SYMBOL_WIDTH ? LIST_SYMBOL_WIDTH - sw : 0), "",
				e->language, e->date ? e->date : "-", place.ptr ? place.ptr : "")) < 0 ||
		    (e->title && (error = resdiff_buf_printf(out, "%*s  ",
				(int)(pw < LIST_PLACE_WIDTH ? LIST_PLACE_WIDTH - pw : 0), "")) < 0) ||
		    (e->title && (error = put_clean(out, e->title)) < 0) ||
		    (error = resdiff_buf_putc(out, '\n')) < 0)
			break;
	}
	resdiff_buf_dispose(&place);
	resdiff_buf_dispose(&symbol);
	return error;
}

int resdiff_render_listing_json(resdiff_buf *out, const struct resdiff_store_listing *l)
{
	resdiff_json w;
	size_t i;

	resdiff_json_init(&w, out, false);
	resdiff_json_object_open(&w);
	resdiff_json_key_uint(&w, "schema", RESDIFF_JSON_SCHEMA);
	resdiff_json_key(&w, "documents");
	resdiff_json_list_open(&w);
	for (i = 0; i < l->count; i++) {
		const resdiff_store_entry *e = &l->entries[i];
		resdiff_json_object_open(&w);
		resdiff_json_key_string(&w, "symbol", e->symbol);
		resdiff_json_key_string(&w, "language", e->language);
		resdiff_json_key_string(&w, "date", e->date);
		resdiff_json_key_string(&w, "series", e->series);
		resdiff_json_key_bool(&w, "draft", e->draft);
		resdiff_json_key_string(&w, "draft_of", e->draft_of);
		resdiff_json_key_string(&w, "title", e->title);
		resdiff_json_object_close(&w);
	}
	resdiff_json_array_close(&w);
	resdiff_json_object_close(&w);
	return resdiff_json_end(&w);
}
