/* lang.c: the language table (see resdiff/lang.h). One static block per
 * language; adding a language is one block and one line in `languages`.
 *
 * The word lists serve the aligner: words that every rolling update of a
 * resolution changes and that say nothing about which clause it is. They
 * are weighted down, never removed (docs/DIFF.md). Sources: the opening
 * phrases of General Assembly and ECOSOC resolutions in each language
 * (the corpus, tests/data, and the UN editorial manuals' lists of
 * preambular and operative phrases). A word missing here costs a little
 * similarity, never a wrong match: in spaced scripts the first word of a
 * clause is weighted down whether listed or not. */
#include "resdiff/lang.h"
#include "resdiff/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const none[] = { NULL };

/* ---- English ------------------------------------------------------------ */

static const char *const en_leading[] = {
	/* preambular */
	"acknowledging", "affirming", "alarmed", "appreciating", "approving", "aware",
	"bearing", "believing", "cognizant", "commending", "concerned", "condemning",
	"confident", "conscious", "considering", "convinced", "deploring", "desiring",
	"determined", "emphasizing", "emphasising", "encouraged", "endorsing", "expressing",
	"fearing", "guided", "having", "highlighting", "keeping", "mindful", "noting",
	"observing", "reaffirming", "realizing", "realising", "recalling", "recognizing",
	"recognising", "referring", "regretting", "reiterating", "reminding", "seeking",
	"stressing", "taking", "underlining", "underscoring", "viewing", "welcoming",
	"wishing", "deeply", "gravely", "seriously", "fully",
	/* operative */
	"accepts", "acknowledges", "adopts", "affirms", "agrees", "appeals", "applauds",
	"appreciates", "approves", "asks", "authorizes", "authorises", "calls", "commends",
	"condemns", "confirms", "considers", "decides", "declares", "demands", "deplores",
	"designates", "directs", "emphasizes", "emphasises", "encourages", "endorses",
	"expresses", "highlights", "invites", "notes", "proclaims", "reaffirms", "recalls",
	"recognizes", "recognises", "recommends", "regrets", "reiterates", "reminds",
	"renews", "requests", "resolves", "stresses", "supports", "takes", "transmits",
	"underlines", "underscores", "urges", "welcomes", "looks", "remains",
	NULL
};

static const char *const en_modifiers[] = {
	"also", "further", "furthermore", "moreover", "again", "once", "more", "strongly",
	"firmly", "deeply", "gravely", "seriously", "upon", "on", "note", "with", "in",
	"this", "regard", "appreciation", "satisfaction", "concern", "deep", "grave",
	"serious", "interest", "regret", "alarm", "forward", "mind", "account", "into",
	"that", "of", "particular", "committed", NULL
};

static const char *const en_months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", NULL
};

static const char *const en_numbers[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety", "hundred", "first", "second", "third", "fourth", "fifth",
	"sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "*teenth",
	"*tieth", "hundredth", NULL
};

static const char *const en_sessions[] = { "session", "sessions", NULL };

/* ---- Chinese ------------------------------------------------------------ */

static const char *const zh_leading[] = {
	"回顾", "重申", "确认", "认识到", "注意到", "指出", "着重指出", "强调", "欢迎",
	"欣见", "赞赏", "赞扬", "请", "鼓励", "促请", "吁请", "敦促", "决定", "邀请",
	"呼吁", "建议", "承认", "意识到", "深信", "坚信", "相信", "认为", "考虑到", "铭记",
	"申明", "关切", "深感关切", "表示关切", "表示赞赏", "表示满意", "表示感谢", "感谢",
	"核可", "核准", "通过", "宣布", "谴责", "支持", "要求", "授权", "重视", "希望",
	"期待", "期望", "满意", NULL
};

static const char *const zh_modifiers[] = {
	"又", "还", "并", "也", "另", "再次", "进一步", "深为", "深表", "极为", "严重",
	"表示", "满意地", "赞赏地", "关切地", "遗憾地", "感兴趣地", "严重关切地", NULL
};

static const char *const zh_numbers[] = {
	"第", "零", "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"百", "千", "两", NULL
};

static const char *const zh_sessions[] = { "届会议", "届会", "届", NULL };

/* ---- French ------------------------------------------------------------- */

static const char *const fr_leading[] = {
	"rappelant", "réaffirmant", "notant", "prenant", "considérant", "reconnaissant",
	"soulignant", "constatant", "conscient", "consciente", "convaincu", "convaincue",
	"préoccupé", "préoccupée", "se", "félicitant", "saluant", "accueillant", "ayant",
	"sachant", "affirmant", "insistant", "tenant", "guidé", "guidée", "déplorant",
	"exprimant", "résolu", "résolue", "désireux", "désireuse", "alarmé", "alarmée",
	"gardant", "réitérant", "mettant", "estimant", "profondément", "gravement",
	"prie", "décide", "demande", "invite", "engage", "encourage", "exhorte", "souligne",
	"réaffirme", "rappelle", "note", "prend", "félicite", "salue", "considère",
	"reconnaît", "reconnait", "recommande", "approuve", "adopte", "affirme", "exprime",
	"déclare", "condamne", "déplore", "insiste", "appelle", "souscrit", "accueille",
	"autorise", "charge", "redit", "réitère", "constate", "estime", "lance", "attend",
	"appuie", "met", NULL
};

static const char *const fr_modifiers[] = {
	"également", "aussi", "en", "outre", "de", "plus", "encore", "à", "nouveau",
	"vivement", "fermement", "profondément", "avec", "satisfaction", "préoccupation",
	"inquiétude", "intérêt", "appréciation", "regret", "que", "d", "l", "acte", "note",
	"compte", "esprit", "cet", "égard", "particulier", "un", "appel", "accent", "sur",
	NULL
};

static const char *const fr_months[] = {
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre", NULL
};

static const char *const fr_numbers[] = {
	"un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
	"onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente",
	"quarante", "cinquante", "soixante", "cent", "premier", "première", "second",
	"seconde", "*ième", "*ieme", "et", NULL
};

static const char *const fr_sessions[] = { "session", "sessions", NULL };

/* ---- Spanish ------------------------------------------------------------ */

static const char *const es_leading[] = {
	"recordando", "reafirmando", "observando", "tomando", "reconociendo",
	"considerando", "destacando", "subrayando", "poniendo", "acogiendo", "expresando",
	"preocupada", "preocupado", "profundamente", "convencida", "convencido",
	"consciente", "conscientes", "teniendo", "guiada", "guiado", "deplorando",
	"afirmando", "habiendo", "alarmada", "alarmado", "decidida", "decidido", "deseosa",
	"deseoso", "reiterando", "señalando", "haciendo", "recalcando", "celebrando",
	"decide", "solicita", "pide", "exhorta", "alienta", "invita", "insta", "destaca",
	"subraya", "reafirma", "recuerda", "observa", "toma", "acoge", "reconoce",
	"considera", "recomienda", "aprueba", "afirma", "expresa", "declara", "condena",
	"deplora", "hace", "reitera", "encomia", "apoya", "autoriza", "encarga", "señala",
	"pone", "celebra", "espera", NULL
};

static const char *const es_modifiers[] = {
	"también", "además", "asimismo", "igualmente", "nuevamente", "de", "nuevo", "una",
	"vez", "más", "con", "que", "en", "particular", "a", "este", "respecto", "nota",
	"beneplácito", "satisfacción", "preocupación", "aprecio", "reconocimiento",
	"interés", "presente", "cuenta", "relieve", "hincapié", "llamamiento", "firmemente",
	"encarecidamente", NULL
};

static const char *const es_months[] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "setiembre", "octubre", "noviembre", "diciembre", NULL
};

static const char *const es_numbers[] = {
	"uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
	"diez", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta",
	"ochenta", "noventa", "cien", "primer", "primera", "primero", "segundo", "segunda",
	"tercer", "tercera", "tercero", "cuarto", "cuarta", "quinto", "quinta", "sexto",
	"sexta", "séptimo", "séptima", "octavo", "octava", "noveno", "novena", "décimo",
	"décima", "*ésimo", "*ésima", "*esimo", "*esima", NULL
};

static const char *const es_sessions[] = { "período", "periodo", "sesiones", "sesión", NULL };

/* ---- Russian ------------------------------------------------------------ */

static const char *const ru_leading[] = {
	"ссылаясь", "подтверждая", "отмечая", "признавая", "приветствуя", "принимая",
	"будучи", "сознавая", "учитывая", "подчеркивая", "подчёркивая", "выражая",
	"напоминая", "считая", "рассмотрев", "констатируя", "исходя", "преисполненная",
	"вновь", "просит", "постановляет", "призывает", "предлагает", "рекомендует",
	"подчеркивает", "подчёркивает", "подтверждает", "признает", "признаёт",
	"приветствует", "отмечает", "принимает", "ссылается", "напоминает", "выражает",
	"заявляет", "осуждает", "одобряет", "поручает", "уполномочивает", "настоятельно",
	"считает", "поддерживает", "обращается", "ожидает", NULL
};

static const char *const ru_modifiers[] = {
	"также", "далее", "вновь", "еще", "ещё", "раз", "с", "и", "в", "этой", "связи",
	"во", "внимание", "к", "сведению", "удовлетворением", "признательностью",
	"тревогой", "обеспокоенностью", "озабоченностью", "глубокой", "глубокую",
	"озабоченность", "решительно", "что", "особо", "убеждена", "убежденная", NULL
};

static const char *const ru_months[] = {
	"январь", "января", "февраль", "февраля", "март", "марта", "апрель", "апреля", "май",
	"мая", "июнь", "июня", "июль", "июля", "август", "августа", "сентябрь", "сентября",
	"октябрь", "октября", "ноябрь", "ноября", "декабрь", "декабря", NULL
};

static const char *const ru_numbers[] = {
	"перв*", "втор*", "трет*", "четверт*", "четвёрт*", "пят*", "шест*", "седьм*",
	"восьм*", "девят*", "десят*", "одиннадцат*", "двенадцат*", "двадцат*", "тридцат*",
	"сорок*", "пятьдесят*", "пятидесят*", "шестьдесят*", "шестидесят*", "семьдесят*",
	"семидесят*", "восемьдесят*", "восьмидесят*", "девяност*", "сто", "сот*", "один",
	"одна", "два", "две", "три", "четыре", NULL
};

static const char *const ru_sessions[] = { "сессия", "сессии", "сессию", "сессией", NULL };

/* ---- Arabic ------------------------------------------------------------- */

static const char *const ar_leading[] = {
	/* preambular: "إذ تشير" (recalling), "وإذ تؤكد من جديد" (reaffirming) ... */
	"إذ", "وإذ", "تشير", "تؤكد", "تلاحظ", "تسلم", "ترحب", "تضع", "تعرب", "تدرك",
	"تحيط", "تشدد", "يساورها", "تعترف", "تقر", "تدين", "تأخذ", "تعيد", "تكرر",
	/* operative, General Assembly (feminine) and Council (masculine) */
	"تقرر", "تطلب", "تدعو", "تشجع", "تحث", "توصي", "تهيب", "تناشد", "تؤيد", "توافق",
	"تعتمد", "تأذن", "تكلف", "تطالب", "تثني", "يقرر", "يطلب", "يدعو", "يشجع", "يحث",
	"يلاحظ", "يحيط", "يرحب", "يؤكد", "يشدد", "يسلم", "يعرب", "يوصي", "يكرر", "يهيب",
	"يعترف", "يشير", "يدين", "يؤيد", "يثني", NULL
};

static const char *const ar_modifiers[] = {
	"أيضا", "أيضاً", "كذلك", "من", "جديد", "علما", "علماً", "عن", "في", "اعتبارها",
	"اعتباره", "مع", "التقدير", "الارتياح", "القلق", "بقلق", "بالغ", "أن", "إلى", "الشديد",
	"بارتياح", "بتقدير", NULL
};

static const char *const ar_months[] = {
	"يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيه", "يونيو", "يوليه",
	"يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", NULL
};

static const char *const ar_numbers[] = {
	"الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة",
	"الثامنة", "التاسعة", "العاشرة", "الحادية", "عشرة", "العشرين", "الثلاثين",
	"الأربعين", "الخمسين", "الستين", "السبعين", "الثمانين", "التسعين", "والعشرين",
	"والثلاثين", "والأربعين", "والخمسين", "والستين", "والسبعين", "والثمانين",
	"والتسعين", "المائة", NULL
};

static const char *const ar_sessions[] = { "دورة", "الدورة", "دورتها", "دورته", NULL };

/* ---- the table ---------------------------------------------------------- */

static const resdiff_lang languages[] = {
	{ "en", "English", RESDIFF_SCRIPT_SPACED, en_leading, en_modifiers, en_months,
	  en_numbers, en_sessions },
	{ "zh", "Chinese", RESDIFF_SCRIPT_IDEOGRAPHIC, zh_leading, zh_modifiers, none,
	  zh_numbers, zh_sessions },
	{ "fr", "French", RESDIFF_SCRIPT_SPACED, fr_leading, fr_modifiers, fr_months,
	  fr_numbers, fr_sessions },
	{ "es", "Spanish", RESDIFF_SCRIPT_SPACED, es_leading, es_modifiers, es_months,
	  es_numbers, es_sessions },
	{ "ru", "Russian", RESDIFF_SCRIPT_SPACED, ru_leading, ru_modifiers, ru_months,
	  ru_numbers, ru_sessions },
	{ "ar", "Arabic", RESDIFF_SCRIPT_SPACED, ar_leading, ar_modifiers, ar_months,
	  ar_numbers, ar_sessions },
};

static const resdiff_lang neutral = {
	"", "unknown", RESDIFF_SCRIPT_SPACED, none, none, none, none, none
};

const resdiff_lang *resdiff_lang_get(const char *code)
{
	size_t i;
	if (code)
		for (i = 0; i < sizeof(languages) / sizeof(languages[0]); i++)
			if (!strcmp(code, languages[i].code))
				return &languages[i];
	return &neutral;
}

/* ---- the lexicon -------------------------------------------------------- */

#define LEXICON_SLOTS 2048   /* a power of two, over twice the longest table */
#define LEXICON_PATTERNS 64

typedef struct {
	const char *word;    /* NULL: empty slot */
	size_t len;
	unsigned classes;
} lexicon_slot;

typedef struct {
	const char *text;    /* without the '*' */
	size_t len;
	bool prefix;         /* "pre*"; else "*suf" */
	unsigned classes;
} lexicon_pattern;

struct resdiff_lang_lexicon {
	lexicon_slot slot[LEXICON_SLOTS];
	lexicon_pattern pattern[LEXICON_PATTERNS];
	size_t npatterns;
	size_t longest;      /* bytes of the longest exact entry */
	/* per class (leading, modifier, rolling): a 1024-bit filter of the
	 * entries' first characters, and the byte lengths entries have */
	uint64_t first[3][16];
	uint64_t lengths[3];
};

static unsigned class_index(unsigned classes)
{
	return classes == RESDIFF_LANG_LEADING ? 0 : classes == RESDIFF_LANG_MODIFIER ? 1 : 2;
}

static uint32_t word_hash(const char *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* The filter slot of a code point, and of a text's first character. */
static unsigned cp_slot(uint32_t cp)
{
	return (cp * 2654435761u) >> 22;
}

static unsigned first_slot(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp = u[0];
	if (cp >= 0xF0 && len >= 4)
		cp = ((cp & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
	else if (cp >= 0xE0 && len >= 3)
		cp = ((cp & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
	else if (cp >= 0xC0 && len >= 2)
		cp = ((cp & 0x1Fu) << 6) | (u[1] & 0x3Fu);
	return cp_slot(cp);
}

static void lexicon_add(resdiff_lang_lexicon *lx, const char *const *list, unsigned classes)
{
	size_t i;
	for (i = 0; list[i]; i++) {
		const char *e = list[i];
		size_t len = strlen(e), k;
		if (len > 1 && (e[len - 1] == '*' || e[0] == '*')) {
			if (lx->npatterns < LEXICON_PATTERNS) {
				lexicon_pattern *p = &lx->pattern[lx->npatterns++];
				p->prefix = e[len - 1] == '*';
				p->text = p->prefix ? e : e + 1;
				p->len = len - 1;
				p->classes = classes;
			}
			continue;
		}
		for (k = word_hash(e, len) & (LEXICON_SLOTS - 1); lx->slot[k].word;
		     k = (k + 1) & (LEXICON_SLOTS - 1))
			if (lx->slot[k].len == len && !memcmp(lx->slot[k].word, e, len))
				break;
		if (!lx->slot[k].word) {
			lx->slot[k].word = e;
			lx->slot[k].len = len;
		}
		{
			unsigned f = first_slot(e, len), c = class_index(classes);
			lx->first[c][f / 64] |= 1ull << (f % 64);
			if (len < 64)
				lx->lengths[c] |= 1ull << len;
		}
		lx->slot[k].classes |= classes;
		if (len > lx->longest)
			lx->longest = len;
	}
}

int resdiff_lang_lexicon_new(resdiff_lang_lexicon **out, const resdiff_lang *lang)
{
	resdiff_lang_lexicon *lx = calloc(1, sizeof(*lx));
	*out = NULL;
	if (!lx)
		return resdiff_error_set(RESDIFF_ENOMEM, "out of memory");
	lexicon_add(lx, lang->leading, RESDIFF_LANG_LEADING);
	lexicon_add(lx, lang->modifiers, RESDIFF_LANG_MODIFIER);
	lexicon_add(lx, lang->months, RESDIFF_LANG_ROLLING);
	lexicon_add(lx, lang->numbers, RESDIFF_LANG_ROLLING);
	lexicon_add(lx, lang->sessions, RESDIFF_LANG_ROLLING);
	*out = lx;
	return 0;
}

void resdiff_lang_lexicon_free(resdiff_lang_lexicon *lx)
{
	free(lx);
}

static unsigned exact_classes(const resdiff_lang_lexicon *lx, const char *w, size_t len)
{
	size_t k;
	if (len > lx->longest)
		return 0;
	for (k = word_hash(w, len) & (LEXICON_SLOTS - 1); lx->slot[k].word;
	     k = (k + 1) & (LEXICON_SLOTS - 1))
		if (lx->slot[k].len == len && !memcmp(lx->slot[k].word, w, len))
			return lx->slot[k].classes;
	return 0;
}

unsigned resdiff_lang_lexicon_classify(const resdiff_lang_lexicon *lx, const char *w, size_t len)
{
	unsigned classes = exact_classes(lx, w, len);
	size_t i;
	for (i = 0; i < lx->npatterns; i++) {
		const lexicon_pattern *p = &lx->pattern[i];
		if (len >= p->len && !memcmp(p->prefix ? w : w + len - p->len, p->text, p->len))
			classes |= p->classes;
	}
	return classes;
}

bool resdiff_lang_lexicon_may_start(const resdiff_lang_lexicon *lx, uint32_t cp, unsigned classes)
{
	unsigned f = cp_slot(cp), c;
	for (c = 0; c < 3; c++)
		if ((classes & (1u << c)) && (lx->first[c][f / 64] & (1ull << (f % 64))))
			return true;
	return false;
}

size_t resdiff_lang_lexicon_prefix(const resdiff_lang_lexicon *lx, const char *s, size_t len,
		unsigned classes)
{
	uint64_t lengths = 0;
	unsigned f, c;
	size_t n;

	if (!len)
		return 0;
	f = first_slot(s, len);
	for (c = 0; c < 3; c++)
		if ((classes & (1u << c)) && (lx->first[c][f / 64] & (1ull << (f % 64))))
			lengths |= lx->lengths[c];
	lengths &= len < 63 ? (2ull << len) - 1 : ~0ull;
	while (lengths) {
		n = 63 - (size_t)__builtin_clzll(lengths);
		lengths &= ~(1ull << n);
		if (n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
			continue;  /* not at a character boundary */
		if (exact_classes(lx, s, n) & classes)
			return n;
	}
	return 0;
}
