/* diff_verbs.c: the opening verb of each matched change and where it
 * stands on the language's ladder (docs/DIFF.md, "Verb strength"). */
#include "diff_signals.h"
#include "resdiff/compare.h"
#include "resdiff/lang.h"
#include "resdiff/text.h"

#include <string.h>

/* Bytes of a clause read for its opening verb: the longest ladder entry is
 * a few words. */
#define VERB_PREFIX_MAX 160

bool resdiff_verb_shift(const resdiff_verb_change *verb, int *shift)
{
	*shift = 0;
	if (!verb->old_rank || !verb->new_rank || !verb->same_ladder)
		return false;
	*shift = verb->new_rank - verb->old_rank;
	return true;
}

const char *resdiff_verb_mark(const resdiff_verb_change *verb)
{
	int shift;
	if (!resdiff_verb_shift(verb, &shift))
		return "?";
	return shift > 0 ? "\xe2\x86\x91" : shift < 0 ? "\xe2\x86\x93" : "=";
}

const char *resdiff_verb_word(const resdiff_verb_change *verb)
{
	int shift;
	if (!resdiff_verb_shift(verb, &shift))
		return "unranked";
	return shift > 0 ? "strengthened" : shift < 0 ? "weakened" : "same rank";
}

typedef struct {
	const char *verb;          /* in the arena, or NULL */
	int rank;
	resdiff_lang_section ladder;
} opening;

/* The ladder entry the clause opens with, also after up to
 * VERB_MODIFIERS_MAX listed modifiers in a spaced script ("Once again
 * urges" ranks as "urges"); *matched covers the modifiers too. */
#define VERB_MODIFIERS_MAX 2
static const resdiff_lang_entry *ladder_after_modifiers(const resdiff_lang_lexicon *lx,
		const resdiff_lang *lang, resdiff_lang_section ladder, const char *key, size_t len,
		size_t *matched)
{
	const resdiff_lang_entry *e;
	size_t at = 0, k;

	for (k = 0; k <= VERB_MODIFIERS_MAX; k++) {
		const char *sp;
		if ((e = resdiff_lang_ladder_match(lang, ladder, key + at, len - at, matched))) {
			*matched += at;
			return e;
		}
		if (!lang->script->spaced || !(sp = memchr(key + at, ' ', len - at)) ||
		    !(resdiff_lang_lexicon_classify(lx, key + at, (size_t)(sp - key) - at) &
		      RESDIFF_LANG_MODIFIER))
			return NULL;
		at = (size_t)(sp - key) + 1;
	}
	return NULL;
}

static int opening_of(opening *out, resdiff_diff *diff, const resdiff_doc *doc, size_t unit,
		const resdiff_lang_lexicon *lx)
{
	const resdiff_unit *u = &doc->units[unit];
	const resdiff_lang *lang = resdiff_lang_get(doc->meta.language);
	const resdiff_lang_entry *e;
	resdiff_buf key = RESDIFF_BUF_INIT;
	size_t len = strlen(u->text), matched;
	int error;

	memset(out, 0, sizeof(*out));
	if (u->kind == RESDIFF_UNIT_PREAMBLE)
		out->ladder = RESDIFF_SECTION_PREAMBULAR_LADDER;
	else if (u->kind == RESDIFF_UNIT_OPERATIVE || u->kind == RESDIFF_UNIT_SUBPARAGRAPH)
		out->ladder = RESDIFF_SECTION_OPERATIVE_LADDER;
	else
		return 0;  /* headings and report paragraphs open with no verb */
	if (len > VERB_PREFIX_MAX) {  /* cut at a character boundary */
		len = VERB_PREFIX_MAX;
		while (len && ((unsigned char)u->text[len] & 0xC0) == 0x80)
			len--;
	}
	if ((error = resdiff_compare_key(&key, u->text, len, RESDIFF_KEY_WORDS)) < 0)
		goto done;
	if ((e = ladder_after_modifiers(lx, lang, out->ladder, key.ptr, key.size, &matched))) {
		out->rank = e->number;
		out->verb = resdiff_arena_strndup(diff->arena, key.ptr, matched);
	} else if ((matched = resdiff_lang_lexicon_leading(lx, lang, key.ptr, key.size)) > 0) {
		out->verb = resdiff_arena_strndup(diff->arena, key.ptr, matched);
	} else {
		goto done;
	}
	if (!out->verb)
		error = resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
done:
	resdiff_buf_dispose(&key);
	return error;
}

int diff_verbs(resdiff_diff *diff)
{
	const resdiff_alignment *al = diff->alignment;
	resdiff_lang_lexicon *olx = NULL, *nlx = NULL;
	size_t i;
	int error;

	if ((error = resdiff_lang_lexicon_new(&olx, resdiff_lang_get(al->old_doc->meta.language))) < 0 ||
	    (error = resdiff_lang_lexicon_new(&nlx, resdiff_lang_get(al->new_doc->meta.language))) < 0)
		goto done;
	for (i = 0; i < al->change_count; i++) {
		const resdiff_change *c = &al->changes[i];
		resdiff_change_signals *sg = &diff->signals[i];
		opening o, n;
		if (c->relation != RESDIFF_REL_REWORDED && c->relation != RESDIFF_REL_SPLIT &&
		    c->relation != RESDIFF_REL_MERGED)
			continue;
		if ((error = opening_of(&o, diff, al->old_doc, c->old_units[0], olx)) < 0 ||
		    (error = opening_of(&n, diff, al->new_doc, c->new_units[0], nlx)) < 0)
			goto done;
		sg->verb.old_verb = o.verb;
		sg->verb.new_verb = n.verb;
		sg->verb.old_rank = o.rank;
		sg->verb.new_rank = n.rank;
		sg->verb.same_ladder = o.ladder == n.ladder;
		sg->verb_changed = o.verb && n.verb && strcmp(o.verb, n.verb);
	}
done:
	resdiff_lang_lexicon_free(olx);
	resdiff_lang_lexicon_free(nlx);
	return error;
}
