# gen-resolutions.awk: N synthetic General Assembly resolutions in English,
# laid out as the official PDF extractions are (header block, chapeau,
# preambular and numbered operative paragraphs, hard-wrapped lines, a
# closing plenary line), plus a corpus manifest for them.
#
#   awk -v n=10000 -v dir=OUT -f bench/gen-resolutions.awk
#
# Each text has about 15 preambular and 45 operative paragraphs of about
# 200 characters (12-14 KB). Deterministic: the same n gives the same files.
# Documents are spread over 50 series, adopted in symbol order.
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function pick(arr, cnt) { return arr[int(rnd() * cnt) + 1] }
function sentence(lead,    s) {
	s = lead " " pick(obj, nobj) " " pick(link, nlink) " " pick(obj, nobj) ", " pick(tail, ntail)
	while (length(s) < 190)
		s = s " and " pick(obj, nobj) " " pick(link, nlink) " " pick(obj, nobj)
	return s
}
# print text hard-wrapped at about 90 columns, as a PDF extraction would be
function wrap(text, f,    words, nw, i, line) {
	nw = split(text, words, " ")
	line = ""
	for (i = 1; i <= nw; i++) {
		if (length(line) + length(words[i]) > 88) { print line > f; line = words[i] }
		else line = line == "" ? words[i] : line " " words[i]
	}
	if (line != "") print line > f
}
BEGIN {
	if (n == "") n = 10000
	if (dir == "") dir = "bench-out"
	seed = 20260101
	npp = split("Recalling|Reaffirming|Recognizing|Noting with concern|Welcoming|Bearing in mind|Acknowledging|Emphasizing|Stressing|Taking note of|Expressing concern|Convinced|Mindful|Deeply concerned|Noting", pp, "|")
	nop = split("Decides|Requests the Secretary-General|Calls upon Member States|Encourages|Invites|Urges|Reaffirms|Stresses|Welcomes|Emphasizes|Recognizes|Notes|Requests|Recommends|Underlines", op, "|")
	nobj = split("the information society|information and communications technologies|sustainable development|the digital divide|developing countries|the 2030 Agenda for Sustainable Development|capacity-building|international cooperation|the World Summit on the Information Society|broadband connectivity|the United Nations system|regional commissions|civil society|the private sector|open data|human rights|gender equality|technology transfer|least developed countries|small island developing States", obj, "|")
	nlink = split("in support of|with a view to|as regards|in the context of|taking into account|for the benefit of|in cooperation with|consistent with", link, "|")
	ntail = split("in accordance with its mandate|within existing resources|at all levels|in a timely manner|as appropriate|in line with national priorities|on a voluntary basis|for the period 2016-2030", tail, "|")
	split("January|February|March|April|May|June|July|August|September|October|November|December", month, "|")
	manifest = dir "/bench.manifest"
	print "# synthetic resolutions for bench/import (gen-resolutions.awk)" > manifest
	for (d = 0; d < n; d++) {
		session = 40 + int(d / 250)
		num = d % 250 + 1
		symbol = "A/RES/" session "/" num
		name = "A_RES_" session "_" num
		file = dir "/" name ".en.txt"
		year = 1945 + session
		mon = 9 + int(num / 100); if (mon > 12) mon = 12
		day = num % 28 + 1
		date = sprintf("%04d-%02d-%02d", year, mon, day)
		meeting = 50 + num % 40
		series = "bench-" sprintf("%02d", d % 50)
		title = "Synthetic resolution " session "/" num " on " pick(obj, nobj)
		print "United Nations" sprintf("%60s", symbol) > file
		print "General Assembly" sprintf("%58s", "Distr.: General") > file
		print sprintf("%74s", day " " month[mon] " " year) > file
		print "" > file
		print "Session " session > file
		print "Agenda item " (num % 130 + 1) > file
		print "" > file
		print "Resolution adopted by the General Assembly on " day " " month[mon] " " year > file
		print "" > file
		print "[without reference to a Main Committee (A/" session "/L." num ")]" > file
		print "" > file
		print session "/" num ". " title > file
		print "" > file
		print "The General Assembly," > file
		print "" > file
		for (i = 1; i <= 15; i++) { wrap(sentence(pick(pp, npp)) ",", file); print "" > file }
		for (i = 1; i <= 45; i++) { wrap(i ". " sentence(pick(op, nop)) (i == 45 ? "." : ";"), file); print "" > file }
		print sprintf("%60s", meeting "th plenary meeting") > file
		print sprintf("%60s", day " " month[mon] " " year) > file
		close(file)
		print "" > manifest
		print "[document \"" name ".en\"]" > manifest
		print "\tsymbol = " symbol > manifest
		print "\tlanguage = en" > manifest
		print "\tbody = GA" > manifest
		print "\tkind = resolution" > manifest
		print "\tseries = " series > manifest
		print "\tdate = " date > manifest
		print "\tmeeting = " meeting > manifest
		print "\ttitle = " title > manifest
		print "\tsource = " name ".en.txt" > manifest
	}
	close(manifest)
}
