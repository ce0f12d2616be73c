"""The plan's outline laid out as a Word document (python-docx): what an office expects of it.

A4 with 2.54 cm margins, the document's language in its properties and the languages of text runs
(Chinese East Asian, English Latin) on the defaults and the Normal style, styles set in full (STYLES:
sizes, weight, colour, spacing, fonts for both scripts, headings kept with what follows), page number
and print date fields in the footer, tables with set column widths, a shaded header row repeated on
each page and rows never split, the SP's line breaks kept.
docs/assets/javascripts/plan/plan-docx.js makes the same document in the browser; a test compares them.

The body is built in reading order with lxml's SubElement, each element made in place under its
parent: python-docx's add_paragraph() looks for the section properties from the start of the body
on every call, and making each element apart (OxmlElement) and moving it in (addprevious, append)
costs a namespace fix-up per element; both made a long plan grow faster than linearly (330,000
lines took 30 s). The section properties are taken off the body first and put back last.

Twin: docs/assets/javascripts/plan/plan-docx.js (the same rule in the browser).
"""

from __future__ import annotations

import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from assessment.plan.plan import blocks

A4 = (11906, 16838)  # twips (1/20 pt): 210 × 297 mm
MARGIN = 1440  # 2.54 cm, Word's usual margin
TEXT_WIDTH = A4[0] - 2 * MARGIN
LANGUAGE = {"zh": "zh-CN", "en": "en-GB"}
# Runs carry two languages: East Asian text is Chinese, Latin text (names, numbers, e-mail and web
# addresses) English in both documents, as Word on a Chinese system writes it. Latin text marked
# Chinese is broken anywhere by LibreOffice ("kefu@xinghe.e|xample"), not at spaces and hyphens.
RUN_LANGUAGE = {"val": "en-GB", "eastAsia": "zh-CN"}
# The look of the document, set in full on each style so it does not hang on the template's theme:
# sizes in half-points, spacing in twips (before, after, line: 240 is single), colours as RGB.
# Text is a serif (SimSun with Times New Roman), headings a sans-serif (SimHei with Arial), as
# Chinese office documents usually are; Chinese names turn up in English plans too, so East Asian
# text is Chinese in both. Headings keep with the next paragraph, so none ends a page alone.
# docs/assets/javascripts/plan/plan-docx.js sets the same; tests/test_plan_docx_browser.py compares them.
BODY_FONTS = {"latin": "Times New Roman", "east_asian": "SimSun"}
HEADING_FONTS = {"latin": "Arial", "east_asian": "SimHei"}
STYLES = {
    "Normal": {**BODY_FONTS, "size": 22, "after": 120, "line": 300},
    "Title": {**HEADING_FONTS, "size": 44, "bold": True, "color": "1F3864", "before": 2880, "after": 480,
              "keep_next": True, "center": True},
    "Heading 1": {**HEADING_FONTS, "size": 32, "bold": True, "color": "1F3864", "before": 360, "after": 160,
                  "keep_next": True},
    "Heading 2": {**HEADING_FONTS, "size": 28, "bold": True, "color": "2E5395", "before": 280, "after": 120,
                  "keep_next": True},
    "Heading 3": {**HEADING_FONTS, "size": 24, "bold": True, "color": "2E5395", "before": 240, "after": 80,
                  "keep_next": True},
    "Table Text": {**BODY_FONTS, "size": 20, "after": 0, "line": 264},
}
TABLE_HEAD_FILL = "D9E2F3"  # a light shade under the header row, repeated on each page


def _el(tag: str, parent=None, **attrs):
    """A w: element with w: attributes, made in place as the last child of `parent` when given."""
    attrib = {qn(f"w:{k}"): str(v) for k, v in attrs.items()}
    if parent is None:
        return OxmlElement(tag, attrib)
    return etree.SubElement(parent, qn(tag), attrib)


class _Body:
    """Appends paragraphs and tables to a document body in constant time each, in reading order;
    finish() puts the section properties back at the end, where Word expects them."""

    def __init__(self, document):
        self.body = document.element.body
        self.end = self.body.sectPr
        self.body.remove(self.end)
        self.style_ids = {s.name: s.style_id for s in document.styles}

    def finish(self) -> None:
        self.body.append(self.end)

    def paragraph(self, text: str = "", style: str | None = None, *, bold_prefix: str = "", italic: bool = False,
                  center: bool = False, page_break_before: bool = False, keep_next: bool = False):
        p = _el("w:p", self.body)
        if style or center or page_break_before or keep_next:
            ppr = _el("w:pPr", p)
            if style:
                _el("w:pStyle", ppr, val=self.style_ids[style])
            if keep_next:
                _el("w:keepNext", ppr)
            if page_break_before:
                _el("w:pageBreakBefore", ppr)
            if center:
                _el("w:jc", ppr, val="center")
        if bold_prefix:
            _run(p, bold_prefix, bold=True)
        if text or not bold_prefix:
            _run(p, text, italic=italic)
        return p

    def table(self, head: list[str], rows: list[list[str]], widths: list[int], row_height: int = 0):
        twips = [TEXT_WIDTH * w // sum(widths) for w in widths]
        tbl = _el("w:tbl", self.body)
        pr = _el("w:tblPr", tbl)
        _el("w:tblStyle", pr, val=self.style_ids["Table Grid"])
        _el("w:tblW", pr, w=sum(twips), type="dxa")
        _el("w:tblLayout", pr, type="fixed")
        grid = _el("w:tblGrid", tbl)
        for w in twips:
            _el("w:gridCol", grid, w=w)
        text_style = self.style_ids["Table Text"]
        for n, cells in enumerate([head, *rows]):
            tr = _el("w:tr", tbl)
            trpr = _el("w:trPr", tr)
            _el("w:cantSplit", trpr)  # a row is never cut across two pages
            if n == 0:
                _el("w:tblHeader", trpr)  # repeated at the top of each page
            elif row_height:
                _el("w:trHeight", trpr, val=row_height, hRule="atLeast")
            for text, w in zip(cells, twips):
                tc = _el("w:tc", tr)
                tcpr = _el("w:tcPr", tc)
                _el("w:tcW", tcpr, w=w, type="dxa")
                if n == 0:
                    _el("w:shd", tcpr, val="clear", color="auto", fill=TABLE_HEAD_FILL)
                p = _el("w:p", tc)
                _el("w:pStyle", _el("w:pPr", p), val=text_style)
                _run(p, text, bold=n == 0)
        return tbl


def _run(p, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """One run; each line break the text holds becomes a w:br."""
    r = _el("w:r", p)
    if bold or italic:
        rpr = _el("w:rPr", r)
        if bold:
            _el("w:b", rpr)
        if italic:
            _el("w:i", rpr)
    for n, line in enumerate(text.split("\n")):
        if n:
            _el("w:br", r)
        if line:
            t = _el("w:t", r)
            t.text = line
            t.set(qn("xml:space"), "preserve")


def _field(p, instruction: str, shown: str) -> None:
    """A field Word computes when it lays out or prints the page (PAGE, NUMPAGES, DATE)."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        r = _el("w:r", p)
        if kind == "instr":
            t = _el("w:instrText", r)
            t.text = f" {instruction} "
            t.set(qn("xml:space"), "preserve")
        elif kind == "text":
            _el("w:t", r).text = shown
        else:
            _el("w:fldChar", r, fldCharType=kind)


def author(o: dict) -> str:
    """The SP's organisation, the document's author ("" when not given)."""
    name = o["meta"][0][1]
    return "" if name == "—" else name


def _look(props: dict, ppr, rpr) -> None:
    """Write one entry of STYLES as paragraph and run properties, in the schema's order."""
    if props.get("keep_next"):
        _el("w:keepNext", ppr)
        _el("w:keepLines", ppr)
    spacing = {k: props[k] for k in ("before", "after", "line") if k in props}
    if spacing:
        _el("w:spacing", ppr, **spacing, **({"lineRule": "auto"} if "line" in props else {}))
    if props.get("center"):
        _el("w:jc", ppr, val="center")
    fonts = {"ascii": props["latin"], "hAnsi": props["latin"], "cs": props["latin"], "eastAsia": props["east_asian"]}
    _el("w:rFonts", rpr, **fonts)
    if props.get("bold"):
        _el("w:b", rpr)
        _el("w:bCs", rpr)
    if "color" in props:
        _el("w:color", rpr, val=props["color"])
    _el("w:sz", rpr, val=props["size"])
    _el("w:szCs", rpr, val=props["size"])


def _styles(document) -> None:
    """The template's defaults and styles replaced by STYLES, with the languages of text runs."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    for tag in ("w:rPrDefault", "w:pPrDefault"):  # the template's theme fonts and spacing go
        old = defaults.find(qn(tag))
        if old is not None:
            defaults.remove(old)
    rpr = _el("w:rPr", _el("w:rPrDefault", defaults))
    _el("w:pPr", _el("w:pPrDefault", defaults))
    _el("w:rFonts", rpr, ascii=STYLES["Normal"]["latin"], hAnsi=STYLES["Normal"]["latin"],
        cs=STYLES["Normal"]["latin"], eastAsia=STYLES["Normal"]["east_asian"])
    _el("w:lang", rpr, **RUN_LANGUAGE)
    if styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='TableText']") is None:
        table_text = styles.add_style("Table Text", 1)  # 1: a paragraph style
        table_text.base_style = styles["Normal"]
    for name, props in STYLES.items():
        el = styles[name].element
        for tag in ("w:pPr", "w:rPr"):
            old = el.find(qn(tag))
            if old is not None:
                el.remove(old)
        ppr, rpr = _el("w:pPr", el), _el("w:rPr", el)
        _look(props, ppr, rpr)
        if name == "Normal":
            _el("w:lang", rpr, **RUN_LANGUAGE)


def _setup(document, o: dict, lang: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Twips(MARGIN)

    _styles(document)
    # python-docx's template says it was written by "python-docx" in 2013; say who and when instead.
    props, now = document.core_properties, datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    props.title, props.language, props.author, props.last_modified_by = o["title"], LANGUAGE[lang], author(o), author(o)
    props.created = props.modified = now
    props.revision = 1

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{o['printed']}{o['sep']}")
    _field(footer._p, 'DATE \\@ "yyyy-MM-dd"', datetime.date.today().isoformat())
    footer.add_run("    ")
    _field(footer._p, "PAGE", "1")
    footer.add_run(" / ")
    _field(footer._p, "NUMPAGES", "1")


def build(o: dict, lang: str):
    """The Document for an outline of plan.outline()."""
    document = Document()
    _setup(document, o, lang)
    body = _Body(document)

    body.paragraph(o["title"], "Title", center=True)
    for key, value in o["meta"]:
        body.paragraph(value, bold_prefix=f"{key}{o['sep']}", center=True)

    first = True
    for s in o["sections"]:
        body.paragraph(s["heading"], f"Heading {s['level'] - 1}", page_break_before=first)
        first = False
        if s["group"]:
            continue
        if not s["text"]:
            body.paragraph(o["empty"], italic=True)
        for block in _blocks(s["text"]):
            body.paragraph("\n".join(block))

    if o["annex"]:
        body.paragraph(o["annex"], "Heading 1", page_break_before=True)
        for key, value in o["summary"]:
            body.paragraph(value, bold_prefix=f"{key}{o['sep']}")
        body.table(*o["table"], o["widths"]["table"])
        for heading, items in o["lists"]:
            body.paragraph(heading, "Heading 2")
            for i in items:
                body.paragraph(i, "List Bullet")
            if not items:
                body.paragraph(o["none"])
        body.paragraph(o["answers_title"], "Heading 2")
        body.table(*o["answers"], o["widths"]["answers"])
    title, head = o["sign_off"]
    body.paragraph(title, "Heading 1", keep_next=True)
    body.table(head, [[""] * len(head)], o["widths"]["sign_off"], row_height=851)  # 1.5 cm to sign in
    body.finish()
    return document


def _blocks(text: str) -> list[list[str]]:
    return blocks(text) if text else []
