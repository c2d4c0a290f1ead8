/* parse_meta.c: front matter, chapeau, closing lines and metadata. */
#include "parse_internal.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHAPEAU_MAX_CHARS 48   /* "The Economic and Social Council," fits */
#define FRONT_SEARCH_LINES 400 /* the chapeau is looked for this far */
#define END_LINE_MAX_CHARS 48  /* "54th plenary meeting", "第 36 次全体会议" */
#define TITLE_LINE_MIN_CHARS 8 /* shorter pieces of the title are not taken for headers */
#define TITLE_WINDOW 4         /* non-blank lines around debris searched */

/* Bodies: the keyword that identifies them in a chapeau, per language. */
static const struct {
	const char *needle;
	const char *body;
} bodies[] = {
	{ "经济及社会理事会", "ECOSOC" }, { "安全理事会", "SC" }, { "人权理事会", "HRC" },
	{ "大会", "GA" },
	{ "economic and social council", "ECOSOC" }, { "security council", "SC" },
	{ "human rights council", "HRC" }, { "general assembly", "GA" },
	{ "conseil économique et social", "ECOSOC" }, { "conseil de sécurité", "SC" },
	{ "conseil des droits de l'homme", "HRC" }, { "assemblée générale", "GA" },
	{ "consejo económico y social", "ECOSOC" }, { "consejo de seguridad", "SC" },
	{ "consejo de derechos humanos", "HRC" }, { "asamblea general", "GA" },
	{ "экономический и социальный совет", "ECOSOC" }, { "совет безопасности", "SC" },
	{ "совет по правам человека", "HRC" }, { "генеральная ассамблея", "GA" },
	{ "المجلس الاقتصادي والاجتماعي", "ECOSOC" }, { "مجلس الأمن", "SC" },
	{ "مجلس حقوق الإنسان", "HRC" }, { "الجمعية العامة", "GA" },
};

/* Words that make a short comma-ended line a chapeau. */
static const char *const chapeau_words[] = {
	"大会", "理事会", "会议", "委员会",
	"assembly", "council", "conference", "commission", "committee",
	"assemblée", "conseil", "conférence", "comité",
	"asamblea", "consejo", "conferencia", "comisión", "comité",
	"ассамблея", "совет", "конференция", "комиссия", "комитет",
	"الجمعية", "المجلس", "مجلس", "المؤتمر", "اللجنة",
};

static const char *const report_lines[] = {
	"秘书长的报告", "秘书长的说明", "report of the secretary-general",
	"note by the secretary-general", "rapport du secrétaire général",
	"note du secrétaire général", "informe del secretario general",
	"nota del secretario general", "доклад генерального секретаря",
	"записка генерального секретаря", "تقرير الأمين العام", "مذكرة من الأمين العام",
};

static const char *const summary_lines[] = {
	"摘要", "内容提要", "summary", "résumé", "resumen", "резюме", "موجز",
};

static const char *const draft_words[] = {
	"决议草案", "draft resolution", "projet de résolution", "proyecto de resolución",
	"проект резолюции", "مشروع قرار",
};

static const char *const plenary_words[] = {
	"全体会议", "plenary meeting", "séance plénière", "sesión plenaria",
	"пленарное заседание", "الجلسة العامة",
};

static int mark_if_title(parse_line *l, const char *title)
{
	resdiff_buf norm = RESDIFF_BUF_INIT;
	int error;
	if ((error = parse_normalize(&norm, l->text, l->len, NULL, NULL, 0)) < 0)
		return error;
	if (resdiff_utf8_count(norm.ptr, norm.size) >= TITLE_LINE_MIN_CHARS &&
	    !parse_ends_clause(norm.ptr, norm.size) && strstr(title, norm.ptr))
		l->cls = LINE_DEBRIS;
	resdiff_buf_dispose(&norm);
	return 0;
}

/* Lower-case a UTF-8 string (ASCII, Latin-1, Cyrillic) into out. */
static void lower(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i = 0, o = 0, adv;
	while (i < len && o + 4 < outsz) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		char enc[4];
		size_t n;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
			cp += 32;
		else if (cp >= 0x410 && cp <= 0x42F)
			cp += 32;
		else if (cp >= 0x400 && cp <= 0x40F)
			cp += 80;
		n = cp >= 0 ? resdiff_utf8_encode(enc, (uint32_t)cp) : 0;
		if (n) {
			memcpy(out + o, enc, n);
			o += n;
		}
		i += adv;
	}
	out[o] = '\0';
}

static bool contains_any(const char *lowered, const char *const *words, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strstr(lowered, words[i]))
			return true;
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool ends_with_comma(const char *s, size_t len)
{
	uint32_t c = parse_last_cp(s, len);
	return c == ',' || c == 0xFF0C || c == 0x060C || c == 0xFE50;
}

/* Strip a trailing footnote marker run ("*", "**", "¹") from a front line,
 * recording it as a metadata footnote. Returns the new length. */
static size_t strip_front_marker(parse_state *st, const char *s, size_t len)
{
	size_t end = len;
	char label[16];
	bool sup;

	/* "State of Palestine:* draft resolution": a star glued to a word */
	for (end = 1; end < len; end++)
		if (s[end] == '*' && s[end - 1] != ' ' && s[end - 1] != '*' &&
		    (end + 1 == len || s[end + 1] == ' ')) {
			resdiff_doc_add_meta_footnote(st->doc, "*");
			break;
		}
	end = len;
	while (end > 0 && s[end - 1] == '*')
		end--;
	if (end < len && len - end <= 3) {
		memcpy(label, s + end, len - end);
		label[len - end] = '\0';
		resdiff_doc_add_meta_footnote(st->doc, label);
		while (end > 0 && s[end - 1] == ' ')
			end--;
		return end;
	}
	/* superscript digits at the end */
	end = len;
	while (end > 0) {
		size_t k = end - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (parse_note_label(s + k, end - k, label, &sup) != end - k || !sup)
			break;
		end = k;
	}
	if (end < len && parse_note_label(s + end, len - end, label, &sup) == len - end) {
		resdiff_doc_add_meta_footnote(st->doc, label);
		return end;
	}
	return len;
}

/* "2009/7", "65/141. Title", "76/189. Information ..." */
static bool resolution_number(const char *s, size_t len, size_t *numlen, size_t *rest)
{
	size_t i = 0, j;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i < 2 || i > 4 || i >= len || s[i] != '/')
		return false;
	j = i + 1;
	while (j < len && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == i + 1 || j - i - 1 > 4)
		return false;
	*numlen = j;
	if (j < len && s[j] == '.')
		j++;
	if (j < len && s[j] != ' ')
		return false;
	while (j < len && s[j] == ' ')
		j++;
	/* "99/1 - العنوان" */
	if (j < len && (s[j] == '-' || !strncmp(s + j, "–", 3))) {
		j += s[j] == '-' ? 1 : 3;
		while (j < len && s[j] == ' ')
			j++;
	}
	*rest = j;
	return true;
}

static const char *body_of(const char *lowered)
{
	size_t i;
	for (i = 0; i < COUNT(bodies); i++)
		if (strstr(lowered, bodies[i].needle))
			return bodies[i].body;
	return NULL;
}

static bool is_chapeau(const char *s, size_t len)
{
	char low[512];
	if (len >= sizeof(low) / 2 || resdiff_utf8_count(s, len) > CHAPEAU_MAX_CHARS ||
	    !ends_with_comma(s, len))
		return false;
	lower(low, sizeof(low), s, len);
	return contains_any(low, chapeau_words, COUNT(chapeau_words));
}

/* "1." or "1.text" or "1. text" at the start of a line (paragraph one). */
static bool starts_paragraph_one(const char *s, size_t len)
{
	return len >= 2 && s[0] == '1' && s[1] == '.' && (len == 2 || s[2] < '0' || s[2] > '9');
}

/* A heading label such as "一.", "I.", "A." followed by text. */
static bool starts_heading_label(const char *s, size_t len)
{
	size_t i = 0, adv;
	int32_t cp = resdiff_utf8_decode(s, len, &adv);
	if (cp == 0x4E00) /* 一 */
		return adv < len && (s[adv] == '.' || !strncmp(s + adv, "、", 3));
	while (i < len && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
		i++;
	if (i == 0 && len > 0 && s[0] == 'A')
		i = 1;
	return i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ';
}


/* A running header repeats the title (or a piece of it) next to the page
 * debris; with one page break it does not recur, so match it against the
 * title instead. */
static int mark_title_lines(parse_state *st)
{
	const char *title = st->doc->meta.title;
	size_t i, n;
	int error = 0, dir;

	for (i = st->body_start; i < st->count; i++) {
		if (st->lines[i].cls != LINE_DEBRIS)
			continue;
		/* the window before (dir -1) and after (dir +1) the debris line */
		for (dir = -1; dir <= 1; dir += 2) {
			size_t k = i;
			for (n = 0; n < TITLE_WINDOW; ) {
				parse_line *l;
				if (dir < 0 ? k <= st->body_start : k + 1 >= st->count)
					break;
				k = dir < 0 ? k - 1 : k + 1;
				l = &st->lines[k];
				if (l->cls == LINE_BLANK)
					continue;
				n++;
				if (l->cls == LINE_TEXT && (error = mark_if_title(l, title)) < 0)
					return error;
			}
		}
	}
	return error;
}

int parse_front_matter(parse_state *st)
{
	size_t i, chapeau = (size_t)-1, front_end = 0, text_seen = 0;
	const char *body = NULL, *kind = NULL;
	char low[1024], date[11];
	resdiff_buf title = RESDIFF_BUF_INIT;
	char *resno = NULL;
	const char *symbol_line = NULL;
	int error = 0;

	for (i = 0; i < st->count && text_seen < FRONT_SEARCH_LINES; i++) {
		parse_line *l = &st->lines[i];
		if (l->cls != LINE_TEXT)
			continue;
		text_seen++;
		if (starts_paragraph_one(l->text, l->len))
			break;
		if (is_chapeau(l->text, l->len)) {
			chapeau = i;
			break;
		}
	}
	if (chapeau != (size_t)-1) {
		parse_line *c = &st->lines[chapeau];
		st->is_resolution = true;
		c->cls = LINE_CHAPEAU;
		if ((error = resdiff_doc_set_meta(st->doc, &st->doc->meta.chapeau, c->text)) < 0)
			goto done;
		lower(low, sizeof(low), c->text, c->len);
		body = body_of(low);
		front_end = chapeau;
		kind = "resolution";
	} else {
		/* a report: the front matter ends after "Report of the
		 * Secretary-General", or at the first heading, summary or
		 * paragraph 1, whichever comes first */
		text_seen = 0;
		for (i = 0; i < st->count && text_seen < FRONT_SEARCH_LINES; i++) {
			parse_line *l = &st->lines[i];
			size_t k;
			bool summary = false;
			if (l->cls != LINE_TEXT)
				continue;
			text_seen++;
			lower(low, sizeof(low), l->text, l->len);
			for (k = 0; k < COUNT(summary_lines); k++)
				summary |= !strcmp(low, summary_lines[k]);
			if (summary || starts_paragraph_one(l->text, l->len) ||
			    starts_heading_label(l->text, l->len)) {
				front_end = i;
				break;
			}
			if (contains_any(low, report_lines, COUNT(report_lines))) {
				front_end = i + 1;
				body = "Secretariat";
				break;
			}
		}
		kind = "report";
	}
	/* metadata from the front lines */
	for (i = 0; i < front_end; i++) {
		parse_line *l = &st->lines[i];
		size_t numlen, rest, len;
		char label[16];
		bool sup;

		if (l->cls == LINE_DEBRIS && !symbol_line && parse_is_symbol(l->text, l->len))
			symbol_line = l->text;
		if (l->cls != LINE_TEXT)
			continue;
		l->cls = LINE_FRONT;
		if (parse_note_label(l->text, l->len, label, &sup) == l->len) {
			resdiff_doc_add_meta_footnote(st->doc, label);
			continue;
		}
		len = strip_front_marker(st, l->text, l->len);
		lower(low, sizeof(low), l->text, len);
		if (contains_any(low, draft_words, COUNT(draft_words)))
			kind = "draft";
		if (!st->doc->meta.date && (strstr(low, "adopted") || strstr(low, "决议") ||
		    strstr(low, "adoptée") || strstr(low, "aprobada") || strstr(low, "принятая") ||
		    strstr(low, "اتخذته"))) {
			/* the date may be on this line or the next */
			resdiff_buf two = RESDIFF_BUF_INIT;
			size_t k;
			resdiff_buf_put(&two, l->text, len);
			for (k = i + 1; k < front_end && st->lines[k].cls == LINE_BLANK; k++)
				;
			if (k < front_end && st->lines[k].cls == LINE_TEXT) {
				resdiff_buf_putc(&two, ' ');
				resdiff_buf_put(&two, st->lines[k].text, st->lines[k].len);
			}
			if (two.ptr && parse_find_date(two.ptr, two.size, date))
				error = resdiff_doc_set_meta(st->doc, &st->doc->meta.date, date);
			resdiff_buf_dispose(&two);
			if (error < 0)
				goto done;
		}
		if (!resno && st->is_resolution && resolution_number(l->text, len, &numlen, &rest)) {
			size_t k;
			if (!(resno = strndup(l->text, numlen))) {
				error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
				goto done;
			}
			resdiff_buf_clear(&title);
			resdiff_buf_put(&title, l->text + rest, len - rest);
			/* the title continues on the following lines, up to the chapeau */
			for (k = i + 1; k < front_end; k++) {
				parse_line *n = &st->lines[k];
				size_t nl;
				if (n->cls == LINE_BLANK && title.size)
					break;
				if (n->cls != LINE_TEXT || n->text[0] == '[')
					continue;
				nl = strip_front_marker(st, n->text, n->len);
				parse_join(&title, n->text, nl);
				n->cls = LINE_FRONT;
				i = k;
			}
		}
	}
	if (!resno && st->is_resolution) {
		/* no number: the title is the last block before the chapeau */
		size_t k = front_end, first;
		while (k > 0 && st->lines[k - 1].cls != LINE_FRONT)
			k--;
		first = k;
		while (first > 0 && st->lines[first - 1].cls == LINE_FRONT)
			first--;
		resdiff_buf_clear(&title);
		for (i = first; i < k; i++) {
			const parse_line *l = &st->lines[i];
			if (l->text[0] != '[')
				parse_join(&title, l->text, strip_front_marker(st, l->text, l->len));
		}
	}
	if (title.size) {
		resdiff_buf norm = RESDIFF_BUF_INIT;
		if ((error = parse_normalize(&norm, title.ptr, title.size, NULL, NULL, 0)) == 0 && norm.size)
			error = resdiff_doc_set_meta(st->doc, &st->doc->meta.title, norm.ptr);
		resdiff_buf_dispose(&norm);
		if (error < 0)
			goto done;
	}
	/* symbol: a symbol line naming the resolution number, else the number
	 * with the body's prefix, else the first symbol line */
	if (resno) {
		char sym[128];
		size_t rl = strlen(resno);
		size_t sl = symbol_line ? strlen(symbol_line) : 0;
		if (symbol_line && sl > rl && !strcmp(symbol_line + sl - rl, resno) &&
		    symbol_line[sl - rl - 1] == '/')
			snprintf(sym, sizeof(sym), "%s", symbol_line);
		else if (body && !strcmp(body, "GA"))
			snprintf(sym, sizeof(sym), "A/RES/%s", resno);
		else if (body && !strcmp(body, "ECOSOC"))
			snprintf(sym, sizeof(sym), "E/RES/%s", resno);
		else if (body && !strcmp(body, "SC"))
			snprintf(sym, sizeof(sym), "S/RES/%s", resno);
		else
			snprintf(sym, sizeof(sym), "%s", resno);
		error = resdiff_doc_set_meta(st->doc, &st->doc->meta.symbol, sym);
	} else if (symbol_line && front_end > 0) {
		char sym[128];
		size_t sl = strlen(symbol_line);
		while (sl && symbol_line[sl - 1] == '*')
			sl--;
		snprintf(sym, sizeof(sym), "%.*s", (int)sl, symbol_line);
		error = resdiff_doc_set_meta(st->doc, &st->doc->meta.symbol, sym);
	}
	if (error < 0)
		goto done;
	if (kind && (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.kind, kind)) < 0)
		goto done;
	if (body && (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.body, body)) < 0)
		goto done;
	st->body_start = chapeau != (size_t)-1 ? chapeau + 1 : front_end;
	st->body_end = st->count;
	if (st->doc->meta.title && (error = mark_title_lines(st)) < 0)
		goto done;
done:
	free(resno);
	resdiff_buf_dispose(&title);
	return error;
}

/* The number in "第 36 次全体会议", "54th plenary meeting", "3rd plenary
 * meeting", "54e séance plénière". */
static bool meeting_number(const char *s, size_t len, char out[16])
{
	char low[256];
	size_t i, n = 0;

	if (len >= sizeof(low) / 2 || resdiff_utf8_count(s, len) > END_LINE_MAX_CHARS)
		return false;
	lower(low, sizeof(low), s, len);
	if (!contains_any(low, plenary_words, COUNT(plenary_words)))
		return false;
	for (i = 0; i < len && !(s[i] >= '0' && s[i] <= '9'); i++)
		;
	while (i < len && s[i] >= '0' && s[i] <= '9' && n < 15)
		out[n++] = s[i++];
	out[n] = '\0';
	return n > 0;
}

/* A line that holds a date and nothing else of substance. */
static bool date_only(const char *s, size_t len, char out[11])
{
	size_t i, letters = 0, adv;
	if (resdiff_utf8_count(s, len) > END_LINE_MAX_CHARS || !parse_find_date(s, len, out))
		return false;
	for (i = 0; i < len; i += adv) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp > 0x7F && resdiff_text_is_ideograph((uint32_t)cp) &&
		    cp != 0x5E74 && cp != 0x6708 && cp != 0x65E5) /* 年 月 日 */
			letters++;
	}
	return letters == 0;
}

int parse_end_matter(parse_state *st)
{
	size_t i, k;
	char num[16], date[11];
	int error = 0;

	for (i = st->body_start; i < st->body_end; i++) {
		parse_line *l = &st->lines[i];
		if (l->cls != LINE_TEXT || !meeting_number(l->text, l->len, num))
			continue;
		l->cls = LINE_END;
		if (!st->doc->meta.meeting &&
		    (error = resdiff_doc_set_meta(st->doc, &st->doc->meta.meeting, num)) < 0)
			return error;
		/* a date line right before or after it */
		for (k = i > 3 ? i - 3 : 0; k < st->body_end && k <= i + 3; k++) {
			parse_line *d = &st->lines[k];
			if (d->cls == LINE_TEXT && date_only(d->text, d->len, date)) {
				d->cls = LINE_END;
				if ((error = resdiff_doc_set_meta(st->doc, &st->doc->meta.date, date)) < 0)
					return error;
			}
		}
	}
	return 0;
}

/* Month names; index + 1 is the month. */
static const char *const months[][12] = {
	{ "january", "february", "march", "april", "may", "june", "july", "august",
	  "september", "october", "november", "december" },
	{ "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	  "septembre", "octobre", "novembre", "décembre" },
	{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	  "septiembre", "octubre", "noviembre", "diciembre" },
	{ "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
	  "сентября", "октября", "ноября", "декабря" },
	{ "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيه", "يوليه", "أغسطس",
	  "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر" },
};

static int month_of(const char *word)
{
	size_t t, m;
	for (t = 0; t < COUNT(months); t++)
		for (m = 0; m < 12; m++)
			if (t == 4 ? strstr(word, months[t][m]) != NULL : !strcmp(word, months[t][m]))
				return (int)m + 1;
	return 0;
}

static int num_of(const char *w, size_t maxdigits)
{
	size_t i = 0;
	int v = 0;
	while (w[i] >= '0' && w[i] <= '9' && i < maxdigits)
		v = v * 10 + (w[i++] - '0');
	if (i == 0 || (w[i] && strcmp(w + i, "er") && strcmp(w + i, "st") && strcmp(w + i, "nd") &&
	    strcmp(w + i, "rd") && strcmp(w + i, "th") && strcmp(w + i, "º")))
		return -1;
	return v;
}

#define DATE_MAX_WORDS 64

bool parse_find_date(const char *s, size_t len, char out[11])
{
	char low[1024], *words[DATE_MAX_WORDS], *p;
	size_t nw = 0, i, adv;

	/* 2009 年 7 月 24 日 (spaces optional) */
	for (i = 0; i + 4 <= len; i++) {
		size_t j = i, k;
		int y = 0, m = 0, d = 0;
		if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			continue;
		for (k = 0; k < 4 && j < len && s[j] >= '0' && s[j] <= '9'; k++, j++)
			y = y * 10 + (s[j] - '0');
		if (k != 4)
			continue;
		while (j < len && s[j] == ' ') j++;
		if (j + 3 > len || memcmp(s + j, "年", 3)) continue;
		j += 3;
		while (j < len && s[j] == ' ') j++;
		for (k = 0; k < 2 && j < len && s[j] >= '0' && s[j] <= '9'; k++, j++)
			m = m * 10 + (s[j] - '0');
		while (j < len && s[j] == ' ') j++;
		if (!k || j + 3 > len || memcmp(s + j, "月", 3)) continue;
		j += 3;
		while (j < len && s[j] == ' ') j++;
		for (k = 0; k < 2 && j < len && s[j] >= '0' && s[j] <= '9'; k++, j++)
			d = d * 10 + (s[j] - '0');
		while (j < len && s[j] == ' ') j++;
		if (!k || j + 3 > len || memcmp(s + j, "日", 3)) continue;
		if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
			return true;
		}
	}
	/* words: "17 December 2021", "17 décembre 2021", "17 de diciembre de
	 * 2021", "17 декабря 2021 года", "December 17, 2021" */
	if (len >= sizeof(low) / 2)
		len = sizeof(low) / 2 - 1;
	lower(low, sizeof(low), s, len);
	for (p = low; *p && nw < DATE_MAX_WORDS;) {
		while (*p == ' ' || *p == ',' || *p == '.' || *p == '/')
			*p++ = '\0';
		if (!*p)
			break;
		words[nw++] = p;
		while (*p && *p != ' ' && *p != ',' && *p != '.')
			p++;
	}
	for (i = 0; i < nw; i++) {
		int m = month_of(words[i]), d = -1, y = -1;
		size_t k;
		if (!m)
			continue;
		if (i > 0)
			d = num_of(words[i - 1], 2);
		/* "17 de diciembre", "17 كانون الأول/ديسمبر" */
		if (d < 0 && i > 1)
			d = num_of(words[i - 2], 2);
		k = i + 1;
		if (k < nw && !strcmp(words[k], "de"))
			k++;
		if (d < 0 && k < nw) { /* December 17, 2021 */
			d = num_of(words[k], 2);
			k++;
		}
		if (k < nw && strlen(words[k]) == 4)
			y = num_of(words[k], 4);
		if (d >= 1 && d <= 31 && y >= 1000) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
			return true;
		}
	}
	(void)adv;
	return false;
}
