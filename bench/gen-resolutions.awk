# gen-resolutions.awk: N synthetic General Assembly resolutions, laid out
# as the official PDF extractions are (header block, adoption line, chapeau,
# preambular and numbered operative paragraphs, hard-wrapped lines, a
# closing plenary line), in one to six languages, plus a corpus manifest.
#
#   awk -v n=10000 -v dir=OUT [-v langs=ar,zh,en,fr,es,ru] [-v series=S] \
#       -f bench/gen-resolutions.awk
#
# n counts documents (one resolution in one language); the resolutions are
# numbered in symbol order, 250 a session from session 40, and each is
# written in every language of `langs` (default: en only) before the next.
# Resolution r belongs to series r mod S (default 50): from one member of a
# series to the next, each clause is carried over unchanged (about 80 %),
# reworded (one phrase replaced, 10 %) or dropped (6 %), new clauses are
# added (8 %), and the first preambular paragraph recalls the previous
# member. The six languages are parallel texts of one clause list: the
# same clause is the same phrases in each language's vocabulary (small
# vocabularies, but each language's script, punctuation, chapeau, numbering
# ("1. ", Arabic "1 - ") and wrapping: about 88 bytes a line for Latin
# script, 150 for Cyrillic and Arabic, 35 characters for Chinese, which is
# wrapped between phrases and written without spaces).
#
# Each text has 8-19 preambular and 12-49 operative paragraphs at first
# (per series), about 200 characters each in English (6-14 KB).
# Deterministic: the same arguments give the same files (its own
# Park-Miller generator, exact in any awk's doubles; mawk and gawk agree).
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function rint(k) { return int(rnd() * k) }

# a new clause: "lead o1 l1 o2 t ref e1 e2 e3 ..." as vocabulary indices
# (ref 0: no reference to an earlier resolution; e*: "and o l o" triples)
function clause_new(ext,    c, i) {
	c = (rint(NLEAD) + 1) " " (rint(NOBJ) + 1) " " (rint(NLINK) + 1) " " (rint(NOBJ) + 1) " " (rint(NTAIL) + 1)
	c = c " " (rnd() < 0.4 ? (30 + rint(40)) * 1000 + rint(250) + 1 : 0)
	for (i = 0; i < ext; i++)
		c = c " " (rint(NOBJ) + 1) " " (rint(NLINK) + 1) " " (rint(NOBJ) + 1)
	return c
}
# one phrase of the clause replaced (never the lead: a reworded clause
# keeps its verb, as in the real texts)
function clause_reword(c,    f, nf, k, i, out) {
	nf = split(c, f, " ")
	k = 2 + rint(nf - 1)
	if (k == 3 || (k > 6 && (k - 7) % 3 == 1)) f[k] = f[k] % NLINK + 1
	else if (k == 5) f[k] = f[k] % NTAIL + 1
	else if (k == 6) f[k] = f[k] ? 0 : (30 + rint(40)) * 1000 + rint(250) + 1
	else f[k] = f[k] % NOBJ + 1
	out = f[1]
	for (i = 2; i <= nf; i++) out = out " " f[i]
	return out
}
# evolve the list PART ("p" preambular, "o" operative) of series s from
# one member to the next; lo/hi bound its length
function evolve(s, part, lo, hi,    n, m, i, u, tmp, add, at) {
	n = cnt[s, part]; m = 0
	for (i = 1; i <= n; i++) {
		u = rnd()
		if (u < 0.06 && n > lo) continue
		tmp[++m] = u < 0.16 ? clause_reword(cl[s, part, i]) : cl[s, part, i]
	}
	add = int(m * 0.08 + rnd())
	if (m + add < lo) add = lo - m
	if (m + add > hi) add = 0
	for (; add > 0; add--) {
		at = 1 + rint(m + 1)
		for (i = m; i >= at; i--) tmp[i + 1] = tmp[i]
		tmp[at] = clause_new(rint(3)); m++
	}
	for (i = 1; i <= m; i++) cl[s, part, i] = tmp[i]
	cnt[s, part] = m
}
function symbol_of(res) { return (40 + int(res / 250)) "/" (res % 250 + 1) }
function words(L, key, s, arr,    k, i) {
	k = split(s, arr, "|")
	for (i = 1; i <= k; i++) V[L, key, i] = arr[i]
	return k
}
# text of clause c in language L, preambular (part "p") or operative
function render(L, part, c,    f, nf, i, t, J) {
	J = JOIN[L]
	nf = split(c, f, " ")
	t = V[L, part == "p" ? "pp" : "op", f[1]] J V[L, "obj", f[2]] J V[L, "link", f[3]] J V[L, "obj", f[4]]
	for (i = 7; i + 2 <= nf; i += 3)
		t = t AND[L] V[L, "obj", f[i]] J V[L, "link", f[i + 1]] J V[L, "obj", f[i + 2]]
	if (f[6]) t = t AND[L] sprintf(REF[L], int(f[6] / 1000) "/" f[6] % 1000)
	return t COMMA[L] V[L, "tail", f[5]]
}
# print text hard-wrapped at about WIDTH[L] bytes, as a PDF extraction
# would be; Chinese is wrapped between phrases and joined without spaces
function wrap(L, text, f,    w, nw, i, line, J, sp) {
	J = JOIN[L]; sp = J == " " ? " " : ""
	nw = split(text, w, J)
	line = ""
	for (i = 1; i <= nw; i++) {
		if (line != "" && length(line) + length(w[i]) > WIDTH[L]) { print line > f; line = w[i] }
		else line = line == "" ? w[i] : line sp w[i]
	}
	if (line != "") print line > f
}
function date_text(L, y, m, d) {
	if (L == "zh") return y "年" m "月" d "日"
	if (L == "es") return d " de " V[L, "month", m] " de " y
	if (L == "ru") return d " " V[L, "month", m] " " y " года"
	return d " " V[L, "month", m] " " y
}
function vocabulary(   x) {
	NLEAD = 10; NOBJ = 12; NLINK = 6; NTAIL = 6
	# English
	JOIN["en"] = " "; AND["en"] = " and "; COMMA["en"] = ", "; WIDTH["en"] = 88
	REF["en"] = "resolution %s"; END_P["en"] = ","; END_O["en"] = ";"; END_LAST["en"] = "."; NUM["en"] = ". "
	ORG["en"] = "United Nations"; BODY["en"] = "General Assembly"; DISTR["en"] = "Distr.: General"
	CHAPEAU["en"] = "The General Assembly,"
	words("en", "pp", "Recalling|Reaffirming|Recognizing|Noting with concern|Welcoming|Bearing in mind|Emphasizing|Expressing concern at|Mindful of|Taking note of", x)
	words("en", "op", "Decides to support|Requests the Secretary-General to promote|Calls upon Member States to strengthen|Encourages Governments to advance|Invites the United Nations system to enhance|Urges all stakeholders to pursue|Reaffirms its commitment to|Stresses the importance of|Welcomes the progress made in|Recommends further work on", x)
	words("en", "obj", "sustainable development|the digital divide|developing countries|capacity-building|international cooperation|the United Nations system|regional commissions|civil society|human rights|gender equality|technology transfer|small island developing States", x)
	words("en", "link", "in support of|with a view to strengthening|in the context of|taking into account|for the benefit of|in cooperation with", x)
	words("en", "tail", "in accordance with its mandate|within existing resources|at all levels|in a timely manner|as appropriate|on a voluntary basis", x)
	words("en", "month", "January|February|March|April|May|June|July|August|September|October|November|December", x)
	# French
	JOIN["fr"] = " "; AND["fr"] = " et "; COMMA["fr"] = ", "; WIDTH["fr"] = 88
	REF["fr"] = "la résolution %s"; END_P["fr"] = ","; END_O["fr"] = " ;"; END_LAST["fr"] = "."; NUM["fr"] = ". "
	ORG["fr"] = "Nations Unies"; BODY["fr"] = "Assemblée générale"; DISTR["fr"] = "Distr. générale"
	CHAPEAU["fr"] = "L’Assemblée générale,"
	words("fr", "pp", "Rappelant|Réaffirmant|Considérant|Notant avec préoccupation|Se félicitant de|Ayant à l’esprit|Soulignant|Se déclarant préoccupée par|Consciente de|Prenant note de", x)
	words("fr", "op", "Décide d’appuyer|Prie le Secrétaire général de promouvoir|Demande aux États Membres de renforcer|Encourage les gouvernements à faire progresser|Invite le système des Nations Unies à améliorer|Exhorte toutes les parties prenantes à poursuivre|Réaffirme son attachement à|Souligne l’importance de|Se félicite des progrès accomplis dans|Recommande de poursuivre les travaux sur", x)
	words("fr", "obj", "le développement durable|la fracture numérique|les pays en développement|le renforcement des capacités|la coopération internationale|le système des Nations Unies|les commissions régionales|la société civile|les droits humains|l’égalité des genres|le transfert de technologie|les petits États insulaires en développement", x)
	words("fr", "link", "à l’appui de|en vue de renforcer|dans le contexte de|compte tenu de|au profit de|en coopération avec", x)
	words("fr", "tail", "conformément à son mandat|dans la limite des ressources existantes|à tous les niveaux|en temps voulu|selon qu’il conviendra|à titre volontaire", x)
	words("fr", "month", "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre", x)
	# Spanish
	JOIN["es"] = " "; AND["es"] = " y "; COMMA["es"] = ", "; WIDTH["es"] = 88
	REF["es"] = "la resolución %s"; END_P["es"] = ","; END_O["es"] = ";"; END_LAST["es"] = "."; NUM["es"] = ". "
	ORG["es"] = "Naciones Unidas"; BODY["es"] = "Asamblea General"; DISTR["es"] = "Distr. general"
	CHAPEAU["es"] = "La Asamblea General,"
	words("es", "pp", "Recordando|Reafirmando|Reconociendo|Observando con preocupación|Acogiendo con beneplácito|Teniendo presente|Destacando|Expresando preocupación por|Consciente de|Tomando nota de", x)
	words("es", "op", "Decide apoyar|Solicita al Secretario General que promueva|Exhorta a los Estados Miembros a que fortalezcan|Alienta a los gobiernos a que impulsen|Invita al sistema de las Naciones Unidas a que mejore|Insta a todos los interesados a que persigan|Reafirma su compromiso con|Destaca la importancia de|Acoge con beneplácito los progresos realizados en|Recomienda que prosiga la labor sobre", x)
	words("es", "obj", "el desarrollo sostenible|la brecha digital|los países en desarrollo|la creación de capacidad|la cooperación internacional|el sistema de las Naciones Unidas|las comisiones regionales|la sociedad civil|los derechos humanos|la igualdad de género|la transferencia de tecnología|los pequeños Estados insulares en desarrollo", x)
	words("es", "link", "en apoyo de|con miras a fortalecer|en el contexto de|teniendo en cuenta|en beneficio de|en cooperación con", x)
	words("es", "tail", "de conformidad con su mandato|con cargo a los recursos existentes|a todos los niveles|de manera oportuna|según proceda|con carácter voluntario", x)
	words("es", "month", "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre", x)
	# Russian: preambular and operative paragraphs begin in lower case
	JOIN["ru"] = " "; AND["ru"] = " и "; COMMA["ru"] = ", "; WIDTH["ru"] = 150
	REF["ru"] = "резолюции %s"; END_P["ru"] = ","; END_O["ru"] = ";"; END_LAST["ru"] = "."; NUM["ru"] = ". "
	ORG["ru"] = "Организация Объединенных Наций"; BODY["ru"] = "Генеральная Ассамблея"; DISTR["ru"] = "Distr.: General"
	CHAPEAU["ru"] = "Генеральная Ассамблея,"
	words("ru", "pp", "ссылаясь на|подтверждая|признавая|с обеспокоенностью отмечая|приветствуя|учитывая|подчеркивая|выражая обеспокоенность по поводу|сознавая|принимая к сведению", x)
	words("ru", "op", "постановляет поддержать|просит Генерального секретаря содействовать|призывает государства-члены укреплять|рекомендует правительствам продвигать|предлагает системе Организации Объединенных Наций совершенствовать|настоятельно призывает все заинтересованные стороны добиваться|вновь подтверждает свою приверженность|подчеркивает важность|приветствует прогресс в области|рекомендует продолжить работу по вопросам", x)
	words("ru", "obj", "устойчивого развития|цифрового разрыва|развивающихся стран|укрепления потенциала|международного сотрудничества|системы Организации Объединенных Наций|региональных комиссий|гражданского общества|прав человека|гендерного равенства|передачи технологий|малых островных развивающихся государств", x)
	words("ru", "link", "в поддержку|в целях укрепления|в контексте|с учетом|в интересах|в сотрудничестве с представителями", x)
	words("ru", "tail", "в соответствии со своим мандатом|в рамках имеющихся ресурсов|на всех уровнях|своевременно|в надлежащих случаях|на добровольной основе", x)
	words("ru", "month", "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря", x)
	# Arabic: "1 - " numbering, Arabic comma and semicolon
	JOIN["ar"] = " "; AND["ar"] = " و"; COMMA["ar"] = "، "; WIDTH["ar"] = 150
	REF["ar"] = "القرار %s"; END_P["ar"] = "،"; END_O["ar"] = "؛"; END_LAST["ar"] = "."; NUM["ar"] = " - "
	ORG["ar"] = "الأمم المتحدة"; BODY["ar"] = "الجمعية العامة"; DISTR["ar"] = "Distr.: General"
	CHAPEAU["ar"] = "إن الجمعية العامة،"
	words("ar", "pp", "إذ تشير إلى|وإذ تؤكد من جديد|وإذ تسلم بأهمية|وإذ تلاحظ مع القلق|وإذ ترحب بالجهود المبذولة في مجال|وإذ تضع في اعتبارها|وإذ تشدد على|وإذ تعرب عن القلق إزاء|وإذ تدرك|وإذ تحيط علما بأعمال", x)
	words("ar", "op", "تقرر أن تدعم|تطلب إلى الأمين العام أن يعزز|تهيب بالدول الأعضاء أن تعزز|تشجع الحكومات على دعم|تدعو منظومة الأمم المتحدة إلى تحسين|تحث جميع أصحاب المصلحة على مواصلة|تؤكد من جديد التزامها بتحقيق|تشدد على أهمية|ترحب بالتقدم المحرز في مجال|توصي بمواصلة العمل بشأن", x)
	words("ar", "obj", "التنمية المستدامة|الفجوة الرقمية|البلدان النامية|بناء القدرات|التعاون الدولي|منظومة الأمم المتحدة|اللجان الإقليمية|المجتمع المدني|حقوق الإنسان|المساواة بين الجنسين|نقل التكنولوجيا|الدول الجزرية الصغيرة النامية", x)
	words("ar", "link", "دعما لجهود|بهدف تعزيز|في سياق|مع مراعاة|لصالح|بالتعاون مع", x)
	words("ar", "tail", "وفقا لولايتها|في حدود الموارد المتاحة|على جميع المستويات|في الوقت المناسب|حسب الاقتضاء|على أساس طوعي", x)
	words("ar", "month", "كانون الثاني/يناير|شباط/فبراير|آذار/مارس|نيسان/أبريل|أيار/مايو|حزيران/يونيه|تموز/يوليه|آب/أغسطس|أيلول/سبتمبر|تشرين الأول/أكتوبر|تشرين الثاني/نوفمبر|كانون الأول/ديسمبر", x)
	# Chinese: phrases joined without spaces (JOIN is only the wrapping mark)
	JOIN["zh"] = "\001"; AND["zh"] = "\001以及\001"; COMMA["zh"] = "，\001"; WIDTH["zh"] = 105
	REF["zh"] = "第%s号决议"; END_P["zh"] = "，"; END_O["zh"] = "；"; END_LAST["zh"] = "。"; NUM["zh"] = ". "
	ORG["zh"] = "联合国"; BODY["zh"] = "大会"; DISTR["zh"] = "Distr.: General"
	CHAPEAU["zh"] = "大会，"
	words("zh", "pp", "回顾|重申|确认|关切地注意到|欢迎|铭记|强调|表示关切|意识到|注意到", x)
	words("zh", "op", "决定支持|请秘书长促进|吁请会员国加强|鼓励各国政府推动|请联合国系统改进|敦促所有利益攸关方继续推进|重申致力于|强调|欢迎进一步推进|建议继续推进", x)
	words("zh", "obj", "可持续发展|数字鸿沟|发展中国家|能力建设|国际合作|联合国系统|各区域委员会|民间社会|人权|性别平等|技术转让|小岛屿发展中国家", x)
	words("zh", "link", "以支持|以加强|结合|同时考虑到|以惠及|并协同", x)
	words("zh", "tail", "依照其任务规定|在现有资源范围内|在各级|及时|酌情|在自愿基础上", x)
}
# the adoption line and the closing lines, per language
function adoption(L, dt) {
	if (L == "fr") return "Résolution adoptée par l’Assemblée générale le " dt
	if (L == "es") return "Resolución aprobada por la Asamblea General el " dt
	if (L == "ru") return "Резолюция, принятая Генеральной Ассамблеей " dt
	if (L == "ar") return "قرار اتخذته الجمعية العامة في " dt
	if (L == "zh") return "大会" dt "通过的决议"
	return "Resolution adopted by the General Assembly on " dt
}
function plenary(L, m) {
	if (L == "fr") return m "e séance plénière"
	if (L == "es") return m "ª sesión plenaria"
	if (L == "ru") return m "-е пленарное заседание"
	if (L == "ar") return "الجلسة العامة " m
	if (L == "zh") return "第" m "次全体会议"
	return m "th plenary meeting"
}
function write_doc(L, r, s, file,    session, num, symbol, year, mon, day, dt, title, i, n, t, tv) {
	session = 40 + int(r / 250); num = r % 250 + 1; symbol = "A/RES/" session "/" num
	year = 1945 + session
	mon = 9 + int(num / 100); if (mon > 12) mon = 12
	day = num % 28 + 1
	dt = date_text(L, year, mon, day)
	tv = TITLE[s]; split(tv, t, " ")
	title = V[L, "obj", t[1]] JOIN[L] V[L, "link", t[2]] JOIN[L] V[L, "obj", t[3]]
	gsub(/\001/, "", title)
	DOC_TITLE = title
	print ORG[L] sprintf("%50s", symbol) > file
	print BODY[L] sprintf("%40s", DISTR[L]) > file
	print sprintf("%60s", dt) > file
	print "" > file
	print "Session " session > file
	print "Agenda item " (num % 130 + 1) > file
	print "" > file
	print adoption(L, dt) > file
	print "" > file
	print "[without reference to a Main Committee (A/" session "/L." num ")]" > file
	print "" > file
	print session "/" num (L == "ar" ? " - " : ". ") title > file
	print "" > file
	print CHAPEAU[L] > file
	print "" > file
	if (PREV[s] != "") { wrap(L, V[L, "pp", 1] JOIN[L] sprintf(REF[L], PREV[s]) END_P[L], file); print "" > file }
	n = cnt[s, "p"]
	for (i = 1; i <= n; i++) { wrap(L, render(L, "p", cl[s, "p", i]) END_P[L], file); print "" > file }
	n = cnt[s, "o"]
	for (i = 1; i <= n; i++) { wrap(L, i NUM[L] render(L, "o", cl[s, "o", i]) (i == n ? END_LAST[L] : END_O[L]), file); print "" > file }
	print sprintf("%60s", plenary(L, 50 + num % 40)) > file
	print sprintf("%60s", dt) > file
	close(file)
}
BEGIN {
	if (n == "") n = 10000
	if (dir == "") dir = "bench-out"
	if (langs == "") langs = "en"
	if (series == "") series = 50
	nl = split(langs, lang, ",")
	seed = 20260101
	vocabulary()
	for (i = 1; i <= nl; i++)
		if (!((lang[i], "obj", 1) in V)) { print "gen-resolutions.awk: unknown language " lang[i] > "/dev/stderr"; exit 2 }
	manifest = dir "/bench.manifest"
	print "# synthetic resolutions for bench/ (gen-resolutions.awk, langs=" langs ", series=" series ")" > manifest
	d = 0
	for (r = 0; d < n; r++) {
		s = r % series
		if (!(s in TITLE)) {
			TITLE[s] = (rint(NOBJ) + 1) " " (rint(NLINK) + 1) " " (rint(NOBJ) + 1)
			cnt[s, "p"] = 8 + rint(12); cnt[s, "o"] = 12 + rint(38)
			LO[s, "p"] = int(cnt[s, "p"] / 2); HI[s, "p"] = cnt[s, "p"] * 2
			LO[s, "o"] = int(cnt[s, "o"] / 2); HI[s, "o"] = cnt[s, "o"] * 2
			for (i = 1; i <= cnt[s, "p"]; i++) cl[s, "p", i] = clause_new(rint(3))
			for (i = 1; i <= cnt[s, "o"]; i++) cl[s, "o", i] = clause_new(rint(3))
			PREV[s] = ""
		} else {
			evolve(s, "p", LO[s, "p"], HI[s, "p"])
			evolve(s, "o", LO[s, "o"], HI[s, "o"])
		}
		session = 40 + int(r / 250); num = r % 250 + 1
		name0 = "A_RES_" session "_" num
		year = 1945 + session
		mon = 9 + int(num / 100); if (mon > 12) mon = 12
		date = sprintf("%04d-%02d-%02d", year, mon, num % 28 + 1)
		for (li = 1; li <= nl && d < n; li++) {
			d++
			L = lang[li]
			name = name0 "." L
			write_doc(L, r, s, dir "/" name ".txt")
			print "" > manifest
			print "[document \"" name "\"]" > manifest
			print "\tsymbol = A/RES/" session "/" num > manifest
			print "\tlanguage = " L > manifest
			print "\tbody = GA" > manifest
			print "\tkind = resolution" > manifest
			print "\tseries = bench-" sprintf("%02d", s) > manifest
			print "\tdate = " date > manifest
			print "\tmeeting = " (50 + num % 40) > manifest
			print "\ttitle = " DOC_TITLE > manifest
			print "\tsource = " name ".txt" > manifest
		}
		PREV[s] = session "/" num
	}
	close(manifest)
}
