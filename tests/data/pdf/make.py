#!/usr/bin/env python3
"""Make the test PDFs of tests/data/pdf from their sources.

    python3 tests/data/pdf/make.py            # all six languages and bad/
    python3 tests/data/pdf/make.py en zh      # some
    python3 tests/data/pdf/make.py bad        # only the bad inputs
    python3 tests/data/pdf/make.py A_RES_74_197 --resdiff build/resdiff

For each LANG.src this writes LANG.txt (the text route: the same document as
plain text, footnote markers as digits after the word, "(1)" in Arabic, and
the footnote bodies after a separator at the end) and LANG.pdf (the document
typeset by LibreOffice: A5 pages, a running header with the symbol and short
title on every page, the page number "n/N" in the footer, footnotes at the
page foot below LibreOffice's separator line, justified paragraphs that wrap).
tests/unit/pdf_test.c checks that both routes give the same units.

Needs (Debian 12): libreoffice-writer-nogui, fonts-noto-core (Noto Serif,
Noto Naskh Arabic) and fonts-noto-cjk (Noto Serif CJK SC). Only this script
needs them; the PDFs are committed, so the tests need only poppler.
Standard library only; LibreOffice runs headless with a throw-away profile.

A_RES_74_197.en.pdf is A/RES/74/197 typeset again (it is not the UN's PDF)
from the units and footnotes that `resdiff parse --format=json` reads in
tests/data/en/A_RES_74_197.txt, in the UN's page layout: A4, 10 pt, the
first page with the UN's header block, job number and barcode, then a
running header (symbol and title, left on even pages, right on odd ones)
and a footer with the job number and "n/N"; 17 footnotes at page feet. Its
units must equal those of that text, a PDF extraction of the UN's PDF.

bad/ holds small PDFs written here byte by byte (and encrypted by qpdf,
Debian package qpdf) for the refusals: three.pdf (three pages of text, for
the page limit), image.pdf (an image, no text layer), encrypted.pdf (needs
a password), nocopy.pdf (no password, but copying text is not permitted),
truncated.pdf (three.pdf cut in half) and garbage.pdf (a header, a
trailer, nothing readable between).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("en", "zh", "ar", "ru", "fr", "es")
NOTE = re.compile(r"\[\^([^\]]*)\]")
# [=N]: a footnote cited again, a superscript N (the UN repeats the number)
MARK = re.compile(r"\[(\^)([^\]]*)\]|\[=(\d+)\]")


def read_src(lang):
    doc = {"lang": lang, "blocks": []}
    with open(os.path.join(HERE, lang + ".src"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition(" ")
            key = key[1:]
            if key in ("symbol", "lang", "header"):
                doc[key] = value
            else:
                doc["blocks"].append((key, value))
    return doc


def marker(lang, n):
    return "(%d)" % n if lang == "ar" else str(n)


def write_txt(doc):
    out, notes = [], []

    def text(value):
        def note(m):
            notes.append(m.group(1))
            return marker(doc["lang"], len(notes))
        return NOTE.sub(note, value)

    out.append(doc["symbol"])
    out.append("")
    for key, value in doc["blocks"]:
        out.append(text(value))
        out.append("")
    out.append("__________________")
    out.append("")
    for i, body in enumerate(notes, 1):
        out.append("%s %s" % (marker(doc["lang"], i), body))
        out.append("")
    with open(os.path.join(HERE, doc["lang"] + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


FONTS = {
    "western": ("Noto Serif", "11pt"),
    "asian": ("Noto Serif CJK SC", "11pt"),
    "complex": ("Noto Naskh Arabic", "12pt"),
}


def styles(lang, size="11pt"):
    rtl = lang == "ar"
    wm = ' style:writing-mode="rl-tb"' if rtl else ""
    start = "end" if rtl else "start"
    lang_attrs = {
        "en": 'fo:language="en" fo:country="GB"',
        "ru": 'fo:language="ru" fo:country="RU"',
        "fr": 'fo:language="fr" fo:country="FR"',
        "es": 'fo:language="es" fo:country="ES"',
        "zh": 'style:language-asian="zh" style:country-asian="CN"',
        "ar": 'style:language-complex="ar" style:country-complex="SA"',
    }[lang]
    text_props = (
        '<style:text-properties style:font-name="%s" fo:font-size="%s" '
        'style:font-name-asian="%s" style:font-size-asian="%s" '
        'style:font-name-complex="%s" style:font-size-complex="%s" %s/>'
        % (FONTS["western"][0], size, FONTS["asian"][0], FONTS["asian"][1],
           FONTS["complex"][0], FONTS["complex"][1], lang_attrs))

    def para(name, align, extra="", text=""):
        return ('<style:style style:name="%s" style:family="paragraph" '
                'style:parent-style-name="Standard"><style:paragraph-properties '
                'fo:text-align="%s"%s%s/>%s</style:style>' % (name, align, wm, extra, text))

    return "\n".join([
        '<style:default-style style:family="paragraph"><style:paragraph-properties%s/>%s'
        '</style:default-style>' % (wm, text_props),
        '<style:style style:name="Standard" style:family="paragraph"/>',
        para("Front", "center", ' fo:margin-bottom="6pt"'),
        para("Title", start, ' fo:margin-top="6pt" fo:margin-bottom="12pt" fo:margin-left="1cm" '
             'fo:margin-right="1cm"', '<style:text-properties fo:font-weight="bold" '
             'style:font-weight-asian="bold" style:font-weight-complex="bold"/>'),
        para("Chapeau", start, ' fo:margin-bottom="6pt" fo:text-indent="1cm"'),
        # Arabic is set ragged: LibreOffice justifies it with kashida glyphs
        # whose text (ToUnicode) is wrong in its PDFs
        para("Para", start if rtl else "justify", ' fo:margin-bottom="6pt" fo:text-indent="1cm"'),
        para("Sub", start if rtl else "justify", ' fo:margin-bottom="6pt" fo:margin-left="1cm" fo:margin-right="0cm" '
             'fo:text-indent="1cm"' if not rtl else ' fo:margin-bottom="6pt" fo:margin-right="1cm" '
             'fo:margin-left="0cm" fo:text-indent="1cm"'),
        para("Close", start, ' fo:margin-top="6pt"'),
        para("HeaderRight", "end", "", '<style:text-properties fo:font-size="9pt" '
             'fo:font-weight="bold"/>'),
        para("FirstPage", start, "", '<style:text-properties fo:font-size="9pt"/>'),
        para("Header", start, ' fo:border-bottom="0.5pt solid #000000" fo:padding-bottom="2pt"',
             '<style:text-properties fo:font-size="9pt" style:font-size-asian="9pt" '
             'style:font-size-complex="10pt"/>'),
        para("Footer", "center", "",
             '<style:text-properties fo:font-size="9pt" style:font-size-asian="9pt" '
             'style:font-size-complex="10pt"/>'),
        para("Footnote", "justify" if rtl else start, ' fo:margin-left="0.5cm" fo:text-indent="-0.5cm"'
             if not rtl else ' fo:margin-right="0.5cm" fo:text-indent="-0.5cm"',
             '<style:text-properties fo:font-size="9pt" style:font-size-asian="9pt" '
             'style:font-size-complex="10pt"/>'),
        '<text:notes-configuration text:note-class="footnote" style:num-format="1" '
        'text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>',
    ])


def write_fodt(doc, path):
    lang = doc["lang"]
    body, notes = [], [0]

    def text(value):
        def note(m):
            notes[0] += 1
            n = notes[0]
            return ('<text:note text:id="ftn%d" text:note-class="footnote">'
                    '<text:note-citation>%d</text:note-citation><text:note-body>'
                    '<text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>'
                    % (n, n, escape(m.group(2))))
        parts, last = [], 0
        for m in MARK.finditer(value):
            parts.append(escape(value[last:m.start()]))
            if m.group(1):
                parts.append(note(m))
            else:
                parts.append('<text:span text:style-name="Sup">%s</text:span>' % m.group(3))
            last = m.end()
        parts.append(escape(value[last:]))
        return "".join(parts)

    style = {"front": "Front", "title": "Title", "chapeau": "Chapeau", "pp": "Para",
             "op": "Para", "sub": "Sub", "close": "Close"}
    for key, value in doc["blocks"]:
        if key in ("op", "sub", "title"):
            label, _, rest = value.partition(" ")
            if lang == "ar" and key in ("op", "title"):  # "1 - text"
                more, _, rest = rest.partition(" ")
                label = label + " " + more
            value_xml = escape(label) + "<text:tab/>" + text(rest)
        else:
            value_xml = text(value)
        body.append('<text:p text:style-name="%s">%s</text:p>' % (style[key], value_xml))
    header = escape(doc["symbol"]) + "<text:tab/>" + escape(doc["header"])
    wm = ' style:writing-mode="rl-tb"' if lang == "ar" else ""
    un = doc.get("un")
    page = ('fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" '
            'fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"' if un else
            'fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.2cm" '
            'fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"')
    if un:
        footer = ('<text:p text:style-name="Footer">%s<text:tab/><text:page-number '
                  'text:select-page="current">2</text:page-number>/<text:page-count>2'
                  '</text:page-count></text:p>' % escape(un["job"]))
        masters = """<style:master-page style:name="First_20_Page" style:display-name="First Page"
 style:page-layout-name="pm1" style:next-style-name="Standard">
<style:header>%(first)s</style:header>
<style:footer><text:p text:style-name="FirstPage">%(job_full)s</text:p></style:footer>
</style:master-page>
<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="HeaderRight">%(header)s</text:p></style:header>
<style:header-left><text:p text:style-name="Header">%(header)s</text:p></style:header-left>
<style:footer>%(footer)s</style:footer>
</style:master-page>""" % {
            "first": "".join('<text:p text:style-name="FirstPage">%s</text:p>'
                             % escape(line).replace("\t", "<text:tab/>")
                             for line in un["first_page"]),
            "job_full": escape(un["job_full"]), "header": header, "footer": footer}
        body.insert(0, '<text:p text:style-name="FirstPara"/>')
    else:
        masters = """<style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">%(header)s</text:p></style:header>
<style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number>/<text:page-count>1</text:page-count></text:p></style:footer>
</style:master-page>""" % {"header": header}
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="Noto Serif" svg:font-family="'Noto Serif'"/>
<style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
<style:font-face style:name="Noto Naskh Arabic" svg:font-family="'Noto Naskh Arabic'"/>
</office:font-face-decls>
<office:styles>
%(styles)s
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1">
<style:page-layout-properties %(page)s%(wm)s>
<style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm"
 style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="%(adj)s"
 style:rel-width="25%%" style:color="#000000"/>
</style:page-layout-properties>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>
</style:page-layout>
<style:style style:name="FirstPara" style:family="paragraph" style:master-page-name="First_20_Page"/>
<style:style style:name="Sup" style:family="text"><style:text-properties style:text-position="super 58%%"/></style:style>
</office:automatic-styles>
<office:master-styles>
%(masters)s
</office:master-styles>
<office:body><office:text>
%(body)s
</office:text></office:body>
</office:document>
""" % {"styles": styles(lang, "10pt" if un else "11pt"), "wm": wm,
       "adj": "right" if lang == "ar" else "left", "page": page, "masters": masters,
       "body": "\n".join(body)}
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml)


def un_document(resdiff):
    """A/RES/74/197 as blocks, from what resdiff reads in its text."""
    src = os.path.join(HERE, "..", "en", "A_RES_74_197.txt")
    out = subprocess.run([resdiff, "parse", "--format=json", src], check=True,
                         stdout=subprocess.PIPE).stdout
    parsed = json.loads(out)
    notes = {n["label"]: n["text"] for n in parsed["footnotes"]}
    cited = set()

    def cite(label):
        if label in cited:
            return "[=%s]" % label
        cited.add(label)
        return "[^%s]" % notes[label]
    blocks = [("front", "Resolution adopted by the General Assembly on 19 December 2019"),
              ("front", "[on the report of the Second Committee (A/74/378)]"),
              ("title", "74/197. " + parsed["meta"]["title"]),
              ("chapeau", parsed["meta"]["chapeau"])]
    for unit in parsed["units"]:
        text = unit["text"]
        for ref in sorted(unit["footnotes"], key=lambda r: -r["offset"]):
            text = text[:ref["offset"]] + "\0%s\0" % ref["label"] + text[ref["offset"]:]
        text = re.sub("\0([^\0]*)\0", lambda m: cite(m.group(1)), text)
        kind = {"preamble": "pp", "operative": "op", "subparagraph": "sub"}[unit["kind"]]
        blocks.append((kind, (unit["label"] + " " if unit["label"] else "") + text))
    blocks += [("close", "52nd plenary meeting"), ("close", "19 December 2019")]
    return {"lang": "en", "symbol": "A/RES/74/197", "blocks": blocks,
            "header": "Information and communications technologies for sustainable development",
            "un": {"job": "19-22407",
                   "job_full": "19-22407 (E)    130120    *1922407*",
                   "first_page": ["United Nations\tA/RES/74/197",
                                  "General Assembly\tDistr.: General",
                                  "10 January 2020",
                                  "Seventy-fourth session",
                                  "Agenda item 16"]}}


def minimal_pdf(pages, extra=()):
    """A PDF with one page per content stream in `pages`, Helvetica as F1
    and the objects in `extra` (numbered after the pages)."""
    n = len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
            + b"] /Count %d >>" % n,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    image_ref = b" /XObject << /Im1 %d 0 R >>" % (4 + 2 * n) if extra else b""
    for i, content in enumerate(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                    b" /Resources << /Font << /F1 3 0 R >>%s >> >>" % (5 + 2 * i, image_ref))
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.extend(extra)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_bad():
    qpdf = shutil.which("qpdf")
    if not qpdf:
        sys.exit("make.py: qpdf not found (apt-get install qpdf)")
    bad = os.path.join(HERE, "bad")
    os.makedirs(bad, exist_ok=True)
    text = [b"BT /F1 12 Tf 72 720 Td (Page %d of a text that resdiff can read.) Tj ET" % i
            for i in (1, 2, 3)]
    three = minimal_pdf(text)
    image = minimal_pdf([b"q 200 0 0 200 72 500 cm /Im1 Do Q"], [
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 64 >>\nstream\n" + bytes(range(0, 256, 4)) + b"\nendstream"])
    files = {
        "three.pdf": three,
        "image.pdf": image,
        "truncated.pdf": three[:len(three) // 2],
        "garbage.pdf": b"%PDF-1.4\n" + b"this is not a PDF body\n" * 4 + b"%%EOF\n",
    }
    for name, data in files.items():
        with open(os.path.join(bad, name), "wb") as f:
            f.write(data)
    src = os.path.join(bad, "three.pdf")
    subprocess.run([qpdf, "--encrypt", "user", "owner", "256", "--", src,
                    os.path.join(bad, "encrypted.pdf")], check=True)
    subprocess.run([qpdf, "--encrypt", "", "owner", "256", "--extract=n", "--", src,
                    os.path.join(bad, "nocopy.pdf")], check=True)
    print("wrote bad/")


def main(args):
    resdiff = None
    if "--resdiff" in args:
        i = args.index("--resdiff")
        resdiff = args[i + 1]
        args = args[:i] + args[i + 2:]
    targets = args or list(LANGS) + ["bad"]
    if "bad" in targets:
        make_bad()
    langs = [t for t in targets if t != "bad"]
    if not langs:
        return
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("make.py: soffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in langs:
            if lang == "A_RES_74_197":
                if not resdiff:
                    sys.exit("make.py: A_RES_74_197 needs --resdiff BUILD/resdiff")
                doc = un_document(resdiff)
                lang = "A_RES_74_197.en"
            else:
                doc = read_src(lang)
                write_txt(doc)
            fodt = os.path.join(tmp, lang + ".fodt")
            write_fodt(doc, fodt)
            subprocess.run([soffice, "-env:UserInstallation=file://" + tmp + "/profile",
                            "--headless", "--convert-to", "pdf", "--outdir", tmp, fodt],
                           check=True, stdout=subprocess.DEVNULL)
            shutil.copyfile(os.path.join(tmp, lang + ".pdf"), os.path.join(HERE, lang + ".pdf"))
            print("wrote %s.pdf" % lang)


if __name__ == "__main__":
    main(sys.argv[1:])
