/* script.c: the script table (see resdiff/lang.h). What depends on the
 * writing system rather than on one language: spacing, direction, which
 * code points belong to it, and the punctuation folds every language
 * shares. A language file names its script; what one language adds (its
 * own punctuation folds, for one) is in its file. */
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <string.h>

/* Typographic forms that keys fold in every language: curly and angle
 * quotes to '"' and '\'', dashes and the minus sign to '-'. */
static const uint32_t common_folds[][2] = {
	{ 0x00AB, '"' }, { 0x00BB, '"' },                                  /* « » */
	{ 0x2010, '-' }, { 0x2011, '-' }, { 0x2012, '-' }, { 0x2013, '-' },
	{ 0x2014, '-' }, { 0x2015, '-' },                                  /* ‐ ‑ ‒ – — ― */
	{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201A, '\'' }, { 0x201B, '\'' }, /* ‘ ’ ‚ ‛ */
	{ 0x201C, '"' }, { 0x201D, '"' }, { 0x201E, '"' }, { 0x201F, '"' },     /* “ ” „ ‟ */
	{ 0x2212, '-' }, { 0xFE58, '-' },                                  /* − ﹘ */
};

static const resdiff_script scripts[RESDIFF_SCRIPT_COUNT] = {
	[RESDIFF_SCRIPT_HAN] = { RESDIFF_SCRIPT_HAN, "han", .spaced = false, .detect_weight = 4 },
	[RESDIFF_SCRIPT_ARABIC] = { RESDIFF_SCRIPT_ARABIC, "arabic", .spaced = true, .rtl = true,
		.detect_weight = 2 },
	[RESDIFF_SCRIPT_CYRILLIC] = { RESDIFF_SCRIPT_CYRILLIC, "cyrillic", .spaced = true,
		.detect_weight = 2 },
	[RESDIFF_SCRIPT_LATIN] = { RESDIFF_SCRIPT_LATIN, "latin", .spaced = true },
	[RESDIFF_SCRIPT_COMMON] = { RESDIFF_SCRIPT_COMMON, "common", .spaced = true,
		.key_folds = common_folds,
		.key_fold_count = sizeof(common_folds) / sizeof(common_folds[0]) },
};

const resdiff_script *resdiff_script_get(resdiff_script_id id)
{
	return &scripts[id < RESDIFF_SCRIPT_COUNT ? id : RESDIFF_SCRIPT_COMMON];
}

const resdiff_script *resdiff_script_named(const char *name)
{
	size_t i;
	for (i = 0; name && i < RESDIFF_SCRIPT_COUNT; i++)
		if (!strcmp(name, scripts[i].name))
			return &scripts[i];
	return NULL;
}

const resdiff_script *resdiff_script_of(uint32_t cp)
{
	resdiff_script_id id = RESDIFF_SCRIPT_COMMON;
	if (cp < 0x80) {
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			id = RESDIFF_SCRIPT_LATIN;
	} else if (resdiff_text_is_ideograph(cp)) {
		id = RESDIFF_SCRIPT_HAN;
	} else if (cp >= 0x0600 && cp <= 0x06FF) {
		id = RESDIFF_SCRIPT_ARABIC;
	} else if (cp >= 0x0400 && cp <= 0x04FF) {
		id = RESDIFF_SCRIPT_CYRILLIC;
	} else if (resdiff_text_is_latin(cp)) {
		/* letters only: not the no-break space, « », §, °, ×, ÷ of
		 * U+0080..U+00BF and U+00D7, U+00F7 that every script uses */
		id = RESDIFF_SCRIPT_LATIN;
	}
	return &scripts[id];
}
