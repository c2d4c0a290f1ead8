"""The reading shared by the held-out English sets' make_expected.py
(tests/data/en_heldout12, en_heldout13, en_heldout14, en_heldout20): write
expected/<NAME>.json, the units a text should parse into, made without the
parser, from reading the text. It shares no code with resdiff. The older
sets (en_heldout3, 4, 6, 8) read page furniture their own way (by the
symbol line, joins over blank lines) and take only join_lines from here.

Each set's make_expected.py imports this module, says in its docstring what
its own texts need, and passes per text what only a reader can know: the
footnote markers to take out (`markers`), the page breaks that fall inside a
paragraph (`joins`), lines to drop (`drop`), headings with no label
(`headings`), a resolution's one unnumbered operative paragraph
(`unnumbered_ops`), recitals ending in a colon whose lettered list below
is theirs (`recital_lists`: "(a)" then opens PP<n>(a), "(i)" PP<n>(a)(i),
docs/PARSE.md's `PP<n>(a)` row).

Reading (docs/PARSE.md's id contract):
- the front matter goes up to the chapeau "The General Assembly," (with or
  without its comma, or with a colon); when the chapeau shares its line with
  a recital ("The General Assembly, recalling its decision …:"), the chapeau
  is cut and the rest is the recital PP1;
- the body stops at the plenary line ("52nd plenary meeting") or the end;
- page furniture goes: a footnote zone runs from the "____" rule to the page
  break (an empty line in the extracted text); a page head runs from the page
  break until both the job number ("25-19806") and the page number ("2/2")
  have been seen, and the blank lines right after a page head go with it;
  a sponsor note printed with no rule above it is dropped by hand (`drop`);
- every footnote marker is removed by hand, at the place the source has it;
  every page break that falls inside a paragraph is joined by hand (the
  others start a new paragraph: the next page opens with a label or a new
  recital);
- paragraphs break at blank lines, and before a line that opens with a
  paragraph number ("2." alone, or "10. Agriculture …") when no blank line
  stands before it (a list printed with no space between its items);
- "1." alone on its line or at the start of one opens OP<n>; a number seen
  again (a section numbering from 1 again) is OP<n>~<m>; "(a)" opens
  OP<n>(a) under the numbered paragraph above it, or OP0(a) with none above
  it (a decision's lettered paragraphs); "(i)" right under a letter other
  than (h) opens OP<n>(b)(i), and the roman numerals that follow it in
  order ("(ii)" … "(xii)") are its siblings, while a letter that merely
  looks roman ("(v)" after "(u)", "(x)" after "(w)") stays a letter; a
  roman numeral alone on its line ("II") is the label of the heading on
  the next line (after a blank line or not), H<n>, and a section's
  recitals come after its heading; a block named in `headings` is H<n>;
  "Annex I" alone is ANNEX<k>, the block after it ANNEX<k>-H1, and what
  follows (a table) is not counted; "Annex" alone on a line with its title
  on the next (no blank line between) is ANNEX<k> as one block, and what
  follows (a table) is not counted; every other block before paragraph 1 is
  a recital PP<n>;
- wrapped lines join with one space, except that a line ending in
  "letter-" joins without one ("fifty-" / "third", "Secretary-" /
  "General"); whitespace runs become one space.

An amendment (`expect_amendment`, docs/HELDOUT.md classes X and W): the body
starts after the draft's title under the "…: amendment to draft resolution"
line and stops at the sponsor note printed with no rule above it; each
block, an instruction with no number or the text it quotes, is B<n>, read as
a report's.
"""
import json
import re

PLENARY = re.compile(r'\d+(st|nd|rd|th) plenary meeting$')
JOB = re.compile(r'\d\d-\d{5}$')
PAGE = re.compile(r'\d+/\d+$')
NUMBERED = re.compile(r'\d+\.(?:\s|$)')
ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv']


def _write(name, out):
    ids = [i for i, _ in out]
    assert len(ids) == len(set(ids)), name
    with open('expected/' + name + '.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


def _body(name, raw, drop):
    """The body lines from the chapeau on, page furniture out; '<PAGE>'
    stands where a page break was."""
    start = next(i for i, s in enumerate(raw) if s.strip().startswith('The General Assembly'))
    rest = raw[start].strip()[len('The General Assembly,'):].strip()
    body = [rest] if rest else []
    foot = head = False
    seen_job = seen_page = False
    after_head = False
    for r in raw[start + 1:]:
        s = r.strip()
        if PLENARY.match(s):
            break
        if r == '':            # page break
            foot, head, seen_job, seen_page = False, True, False, False
            body.append('<PAGE>')
            continue
        if head:
            seen_job = seen_job or bool(JOB.match(s))
            seen_page = seen_page or bool(PAGE.match(s))
            if seen_job and seen_page:
                head, after_head = False, True
            continue
        if after_head and s == '':
            continue
        after_head = False
        if s.startswith('____'):
            foot = True
            continue
        if foot or s in drop:
            continue
        body.append(s)
    return body


def _paragraphs(text):
    paras, cur = [], []
    for s in text.split('\n') + ['']:
        if s == '' or (cur and NUMBERED.match(s)):
            if cur:
                paras.append(cur)
                cur = []
            if s == '':
                continue
        cur.append(s)
    return paras


def join_lines(p):
    j = ''
    for s in p:
        if not j:
            j = s
        elif j.endswith('-') and j[-2:-1].isalpha():
            j += s
        else:
            j += ' ' + s
    return re.sub(r'\s+', ' ', j).strip()


def expect(name, markers=(), joins=(), drop=(), unnumbered_ops=(), headings=(), recital_lists=()):
    raw = open(name + '.txt', encoding='utf-8').read().split('\n')
    text = '\n'.join(_body(name, raw, drop))
    for a, b in markers:
        assert text.count(a) == 1, (name, a)
        text = text.replace(a, b)
    for a, b in joins:   # a page break inside a paragraph, by hand
        pat = re.escape(a) + r'\n(?:\n)*<PAGE>\n' + re.escape(b)
        assert len(re.findall(pat, text)) == 1, (name, a, b)
        text = re.sub(pat, lambda m: a + '\n' + b, text)
    text = text.replace('<PAGE>', '')
    out, pp, op = [], 0, None
    used = {}
    letter = roman = None
    h, section = 0, False   # section: a roman numeral alone was just read
    annex, in_annex = 0, 0   # in_annex: 1 = the title comes next, 2 = the table
    in_list = False   # a recital named in `recital_lists` holds the lettered list below it
    for p in _paragraphs(text):
        j = join_lines(p)
        if re.fullmatch(r'[IVX]+', j):   # "II" alone: the label of the heading below
            section = True
            continue
        if re.fullmatch(r'[IVX]+', p[0]) and len(p) > 1:   # "II" with its heading on the next line
            j, section = join_lines(p[1:]), True
        if section or j in headings:
            h += 1
            out.append(['H%d' % h, j])
            if section:
                op, letter = None, None   # a section's recitals come first
            section = False
            continue
        if re.fullmatch(r'Annex [IVX]+', j):
            annex += 1
            in_annex = 1
            out.append(['ANNEX%d' % annex, j])
            continue
        if p[0] == 'Annex' and len(p) > 1:   # "Annex" with its title under it, no blank line
            annex += 1
            in_annex = 2
            out.append(['ANNEX%d' % annex, j])
            continue
        if in_annex == 1:
            out.append(['ANNEX%d-H1' % annex, j])
            in_annex = 2
            continue
        if in_annex == 2:
            continue        # a table: not an expected unit
        if any(j.startswith(u) for u in unnumbered_ops):
            op = 'OP1'
            out.append([op, j])
            continue
        m = re.match(r'(\d+)\.(?: (.*)|$)', j)
        if m:
            op = 'OP%d' % int(m.group(1))
            used[op] = used.get(op, 0) + 1
            if used[op] > 1:         # numbering restarted after a heading
                op = '%s~%d' % (op, used[op])
            letter = None
            out.append([op, m.group(2)])
            continue
        m = re.match(r'\(([a-z]+)\)(?: (.*)|$)', j)
        if m:
            lab = m.group(1)
            base = op or ('PP%d' % pp if in_list else 'OP0')
            # "(i)" under a letter other than (h) opens a roman list; a roman
            # numeral continues it only as the next one ("(iv)" after "(iii)"),
            # so "(v)" after "(u)" and "(x)" after "(w)" stay letters
            nxt = ROMAN[ROMAN.index(roman) + 1] if roman in ROMAN[:-1] else None
            if letter is not None and ((lab == 'i' and letter != 'h') or lab == nxt):
                roman = lab
                out.append(['%s(%s)(%s)' % (base, letter, lab), m.group(2)])
            else:
                letter, roman = lab, None
                out.append(['%s(%s)' % (base, lab), m.group(2)])
            continue
        assert op is None, (name, j[:40])
        pp += 1
        letter = None
        in_list = j.endswith(':') and any(j.startswith(r) for r in recital_lists)
        out.append(['PP%d' % pp, j])
    _write(name, out)
    for i, x in out:
        print(name, i, x[:50], '…', x[-40:])


def amendment_lines(name):
    """An amendment's lines (stripped) after the draft's title under the
    "…: amendment to draft resolution" line."""
    raw = [r.strip() for r in open(name + '.txt', encoding='utf-8').read().split('\n')]
    i = next(i for i, s in enumerate(raw) if 'amendment to draft resolution' in s) + 1
    while raw[i] == '':
        i += 1
    while raw[i] != '':      # the draft's title
        i += 1
    return raw[i:]


def expect_amendment(name, stop, markers=()):
    blocks, cur = [], []
    for s in amendment_lines(name):
        if s.startswith(stop):
            break
        if s == '':
            if cur:
                blocks.append(' '.join(cur))
                cur = []
            continue
        cur.append(s)
    if cur:
        blocks.append(' '.join(cur))
    for a, b in markers:
        assert sum(x.count(a) for x in blocks) == 1, (name, a)
        blocks = [x.replace(a, b) for x in blocks]
    out = [['B%d' % (k + 1), re.sub(r'\s+', ' ', b)] for k, b in enumerate(blocks)]
    _write(name, out)
    for k, x in out:
        print(name, k, x)
