/* akn.c: what the Akoma Ntoso writer and reader share: libxml2's set-up,
 * languages, document types and authors (docs/AKN.md). */
#include "akn_internal.h"
#include "resdiff/lang.h"

#include <libxml/parser.h>
#include <pthread.h>
#include <string.h>

static pthread_once_t akn_once = PTHREAD_ONCE_INIT;

static void akn_init_once(void)
{
	xmlInitParser();
}

void akn_init(void)
{
	pthread_once(&akn_once, akn_init_once);
}

/* Languages: resdiff's codes are ISO 639-1, AKN's ISO 639-2 (the
 * iso639-2 setting of each language file). */
bool resdiff_akn_detect(const char *data, size_t len)
{
	size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return (len - i >= 5 && !memcmp(data + i, "<?xml", 5)) ||
	       (len - i >= 11 && !memcmp(data + i, "<akomaNtoso", 11));
}

const char *resdiff_akn_language(const char *language)
{
	if (!language)
		return "und";
	return resdiff_lang_known(language) ? resdiff_lang_get(language)->iso639_2 : language;
}

const char *resdiff_akn_language_from_iso(const char *iso)
{
	size_t i;

	if (!iso || !strcmp(iso, "und") || !strcmp(iso, "mul"))
		return NULL;
	for (i = 0; i < resdiff_lang_count(); i++)
		if (!strcmp(iso, resdiff_lang_at(i)->iso639_2))
			return resdiff_lang_at(i)->code;
	return iso;
}

/* AKN4UN: a resolution (or decision) is a statement named after it, of
 * FRBR subtype "deliberation"; a draft resolution's subtype is
 * "resolutionDraft"; a report is a doc. The last row is the fallback. */
static const akn_doctype doctypes[] = {
	{ "resolution", "statement", "resolution", "deliberation" },
	{ "decision", "statement", "decision", "deliberation" },
	{ "draft", "statement", "resolution", "resolutionDraft" },
	{ "report", "doc", "report", "report" },
	{ NULL, "doc", "document", NULL },
};

#define DOCTYPE_COUNT (sizeof(doctypes) / sizeof(doctypes[0]))

const akn_doctype *akn_doctype_for_kind(const char *kind)
{
	size_t i;

	for (i = 0; kind && i + 1 < DOCTYPE_COUNT; i++)
		if (!strcmp(kind, doctypes[i].kind))
			return &doctypes[i];
	return &doctypes[DOCTYPE_COUNT - 1];
}

const char *akn_kind_for_doctype(const char *element, const char *name, const char *subtype)
{
	size_t i;

	for (i = 0; i + 1 < DOCTYPE_COUNT; i++)
		if (element && !strcmp(element, doctypes[i].element) &&
		    name && !strcmp(name, doctypes[i].name) &&
		    (!subtype || !strcmp(subtype, doctypes[i].subtype)))
			return doctypes[i].kind;
	return NULL;
}

/* resdiff's bodies and the organisations AKN4UN names as authors. */
static const char *const authors[][3] = {
	{ "GA", "unga", "General Assembly" },
	{ "ECOSOC", "ecosoc", "Economic and Social Council" },
	{ "SC", "unsc", "Security Council" },
	{ "Secretariat", "secretariat", "Secretariat" },
};

#define AUTHOR_COUNT (sizeof(authors) / sizeof(authors[0]))

const char *akn_author_for_body(const char *body, char *buf, size_t size)
{
	size_t i, n;

	if (!body || !*body)
		return "un";
	for (i = 0; i < AUTHOR_COUNT; i++)
		if (!strcmp(body, authors[i][0]))
			return authors[i][1];
	for (n = 0; body[n] && n + 1 < size; n++) {
		char c = body[n];
		buf[n] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
			: (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
	}
	buf[n] = '\0';
	return buf;
}

static size_t author_row(const char *eid)
{
	size_t i;
	for (i = 0; eid && i < AUTHOR_COUNT; i++)
		if (!strcmp(eid, authors[i][1]))
			break;
	return eid ? i : AUTHOR_COUNT;
}

const char *akn_body_for_author(const char *eid)
{
	size_t i = author_row(eid);
	return i < AUTHOR_COUNT ? authors[i][0] : NULL;
}

const char *akn_author_name(const char *eid)
{
	size_t i = author_row(eid);
	return i < AUTHOR_COUNT ? authors[i][2] : NULL;
}
