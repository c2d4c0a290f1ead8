/* parse_labels.c: the label a line starts with: a paragraph number "12.",
 * a sub-paragraph letter "(a)" "(iv)" "б)" "(ب)", or a heading label "一."
 * "(二)" "IV." "A.". docs/PARSE.md, "Units and ids". */
#include "parse_state.h"
#include "resdiff/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t adv;
	while (i < len) {
		int32_t cp = resdiff_utf8_decode(s + i, len - i, &adv);
		if (cp < 0 || !resdiff_text_is_space((uint32_t)cp))
			break;
		i += adv;
	}
	return i;
}

static bool is_roman(const char *s)
{
	for (; *s; s++)
		if (*s != 'i' && *s != 'v' && *s != 'x' && *s != 'l' && *s != 'c')
			return false;
	return true;
}

/* One sub-paragraph letter at s: a Latin letter or roman numeral, or a
 * letter of a language's sub-letters (Cyrillic "б", Arabic "ب"), whose id
 * is the Latin letter of the same rank so that parallel texts share ids.
 * Writes the Latin id form to latin[8] and returns the bytes read (0 if
 * none). */
static size_t sub_letter(const char *s, size_t len, char latin[8])
{
	size_t k = 0, i, n;
	while (k < len && s[k] >= 'a' && s[k] <= 'z' && k < 5)
		k++;
	if (k > 0) {
		snprintf(latin, 8, "%.*s", (int)k, s);
		if (k == 1 || is_roman(latin))
			return k;
		latin[0] = '\0';
		return 0;
	}
	for (n = 0; n < resdiff_lang_count(); n++) {
		const resdiff_lang_list *l = &resdiff_lang_at(n)->section[RESDIFF_SECTION_SUB_LETTERS];
		for (i = 0; i < l->count; i++)
			if (len >= l->entry[i].len && !memcmp(s, l->entry[i].text, l->entry[i].len)) {
				snprintf(latin, 8, "%c", (char)('a' + i));
				return l->entry[i].len;
			}
	}
	return 0;
}

int parse_label_numeral(uint32_t c)
{
	const resdiff_lang_list *l = resdiff_lang_all(RESDIFF_SECTION_LABEL_NUMERALS);
	size_t i;
	for (i = 0; i < l->count; i++)
		if (l->entry[i].cp == c)
			return l->entry[i].number;
	return 0;
}

void parse_label_detect(label_t *lab, const char *s, size_t len, const resdiff_lang *lang)
{
	size_t i = 0, j, adv;
	int32_t cp;

	memset(lab, 0, sizeof(*lab));
	/* "12." / "12.text" / Arabic "12 - text" */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i <= PARSE_NUMBER_DIGITS) {
		if (i < len && s[i] == '.' && !(i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')) {
			lab->kind = LABEL_NUMBER;
			lab->number = atoi(s);
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + 1), s);
			lab->len = skip_spaces(s, len, i + 1);
			return;
		}
		if (lang->paragraph_number_dash) {
			j = skip_spaces(s, len, i);
			if (j < len && (s[j] == '-' || !strncmp(s + j, "–", 3))) {
				lab->kind = LABEL_NUMBER;
				lab->number = atoi(s);
				snprintf(lab->text, sizeof(lab->text), "%.*s -", (int)i, s);
				lab->len = skip_spaces(s, len, j + (s[j] == '-' ? 1 : 3));
				return;
			}
		}
		return;
	}
	/* "(a)", "(iv)", "（a）", "(б)", "(ب)"; "a)", "iv)", "б)" */
	j = 0;
	if (len > 0 && s[0] == '(')
		j = 1;
	else if (len >= 3 && !strncmp(s, "（", 3))
		j = 3;
	{
		size_t n = sub_letter(s + j, len - j, lab->sub);
		size_t k = j + n;
		if (n && k < len && (s[k] == ')' || !strncmp(s + k, "）", 3)) &&
		    (j || (k + 1 < len && s[k + 1] == ' '))) {
			size_t close = s[k] == ')' ? 1 : 3;
			lab->kind = LABEL_SUB;
			snprintf(lab->text, sizeof(lab->text), "%s%.*s)", j ? "(" : "", (int)n, s + j);
			lab->len = skip_spaces(s, len, k + close);
			return;
		}
		memset(lab->sub, 0, sizeof(lab->sub));
	}
	/* "(一)", "（十一）" */
	if (j) {
		size_t k = j;
		while (k < len && (cp = resdiff_utf8_decode(s + k, len - k, &adv)) > 0 && parse_label_numeral((uint32_t)cp))
			k += adv;
		if (k > j && k < len && (s[k] == ')' || !strncmp(s + k, "）", 3))) {
			size_t close = s[k] == ')' ? 1 : 3;
			lab->kind = LABEL_HEADING;
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(k + close), s);
			lab->len = skip_spaces(s, len, k + close);
			return;
		}
	}
	/* "一.", "十二、", "IV.", "A." */
	cp = resdiff_utf8_decode(s, len, &adv);
	if (cp > 0 && parse_label_numeral((uint32_t)cp)) {
		i = 0;
		while (i < len && (cp = resdiff_utf8_decode(s + i, len - i, &adv)) > 0 && parse_label_numeral((uint32_t)cp))
			i += adv;
		if (i < len && (s[i] == '.' || !strncmp(s + i, "、", 3) || !strncmp(s + i, "．", 3))) {
			size_t dl = s[i] == '.' ? 1 : 3;
			lab->kind = LABEL_HEADING;
			snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + dl), s);
			lab->len = skip_spaces(s, len, i + dl);
		}
		return;
	}
	i = 0;
	while (i < len && i < 6 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X' || s[i] == 'L'))
		i++;
	if (i == 0 && len > 1 && s[0] >= 'A' && s[0] <= 'Z')
		i = 1;
	if (i > 0 && i + 1 < len && s[i] == '.' && s[i + 1] == ' ') {
		lab->kind = LABEL_HEADING;
		snprintf(lab->text, sizeof(lab->text), "%.*s", (int)(i + 1), s);
		lab->len = skip_spaces(s, len, i + 1);
	}
}