# gen-series.awk: one synthetic series of N members that evolve as real
# ones do, for the series picture (resdiff stats --format=svg) and its
# tests, plus a corpus manifest for them.
#
#   awk -v n=20 -v clauses=80 -v dir=OUT -f tests/data/synthetic/gen-series.awk
#
# The first member has `clauses` clauses (a fifth preambular, the rest
# numbered operative paragraphs). Each next member keeps most clauses as
# they are, rewords some (a few words replaced), drops some, adds new ones
# in their place, and now and then splits a clause in two or merges two
# neighbours, so its size stays near `clauses`. Words are made-up
# syllables, so every clause is unlike every other and the aligner's
# decisions are clear. Deterministic: the same arguments give the same
# files. Members are A/RES/<56+k>/101 of series synth-<n>, adopted on 1 July
# of 2001, 2002, ...
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function word(    w, k, len) {
	len = 2 + int(rnd() * 3)
	w = ""
	for (k = 0; k < len; k++)
		w = w substr(cons, int(rnd() * length(cons)) + 1, 1) substr(vow, int(rnd() * length(vow)) + 1, 1)
	return w
}
function sentence(count,    s, k) {
	s = word()
	for (k = 1; k < count; k++)
		s = s " " word()
	return s
}
# replace `count` random words of s
function reword(s, count,    w, nw, k, i, out) {
	nw = split(s, w, " ")
	for (k = 0; k < count; k++)
		w[int(rnd() * nw) + 1] = word()
	out = w[1]
	for (i = 2; i <= nw; i++)
		out = out " " w[i]
	return out
}
function half(s, first,    w, nw, i, out, from, to) {
	nw = split(s, w, " ")
	from = first ? 1 : int(nw / 2) + 1
	to = first ? int(nw / 2) : nw
	out = w[from]
	for (i = from + 1; i <= to; i++)
		out = out " " w[i]
	return out
}
function emit(m,    f, i, op, name, session, year) {
	session = 56 + m
	year = 2000 + m
	name = "A_RES_" session "_101"
	f = dir "/" name ".en.txt"
	print "United Nations                                         A/RES/" session "/101" > f
	print "" > f
	print "Resolution adopted by the General Assembly on 1 July " year > f
	print "" > f
	print session "/101. Synthetic series " n > f
	print "" > f
	print "The General Assembly," > f
	print "" > f
	op = 0
	for (i = 1; i <= count; i++) {
		if (kind[i] == "pp")
			print "Recalling " text[i] "," > f
		else
			print (++op) ". Decides " text[i] ";" > f
		print "" > f
	}
	print "                                                 101st plenary meeting" > f
	print "                                                 1 July " year > f
	close(f)
	print "" > manifest
	print "[document \"" name ".en\"]" > manifest
	print "\tsymbol = A/RES/" session "/101" > manifest
	print "\tlanguage = en" > manifest
	print "\tbody = GA" > manifest
	print "\tkind = resolution" > manifest
	print "\tseries = synth-" n > manifest
	print "\tdate = " year "-07-01" > manifest
	print "\tmeeting = 101" > manifest
	print "\ttitle = Synthetic series " n > manifest
	print "\tsource = " name ".en.txt" > manifest
}
# the next member's clauses from this one's
function evolve(    i, c, r, nk, nt, j) {
	c = 0
	for (i = 1; i <= count; i++) {
		r = rnd()
		if (r < 0.07 && i > 1) {                 # dropped
			continue
		} else if (r < 0.15) {                   # reworded
			nk[++c] = kind[i]; nt[c] = reword(text[i], 3)
		} else if (r < 0.165 && kind[i] == "op") { # split in two
			nk[++c] = "op"; nt[c] = half(text[i], 1)
			nk[++c] = "op"; nt[c] = half(text[i], 0)
		} else if (r < 0.185 && i < count && kind[i] == "op" && kind[i + 1] == "op") { # merged
			nk[++c] = "op"; nt[c] = text[i] " " text[i + 1]
			i++
		} else {                                 # unchanged
			nk[++c] = kind[i]; nt[c] = text[i]
		}
		if (rnd() < 0.05 && c < clauses + 2) {   # a new clause after it
			nk[++c] = kind[i]; nt[c] = sentence(18 + int(rnd() * 10))
		}
	}
	while (c < clauses - 4) {                    # new clauses at the end
		nk[++c] = "op"; nt[c] = sentence(18 + int(rnd() * 10))
	}
	count = c
	for (j = 1; j <= count; j++) { kind[j] = nk[j]; text[j] = nt[j] }
}
BEGIN {
	if (n == "") n = 20
	if (clauses == "") clauses = 80
	if (dir == "") dir = "series-out"
	seed = 20240701
	cons = "bdfgklmnprstvz"
	vow = "aeiou"
	manifest = dir "/series.manifest"
	print "# synthetic series for the series picture (gen-series.awk)" > manifest
	count = clauses
	for (i = 1; i <= count; i++) {
		kind[i] = i <= int(clauses / 5) ? "pp" : "op"
		text[i] = sentence(18 + int(rnd() * 10))
	}
	for (m = 1; m <= n; m++) {
		emit(m)
		evolve()
	}
	close(manifest)
}
