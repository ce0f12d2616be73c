"""Word from the browser: plan/plan-docx.js in Chromium makes the same document as `plan -o x.docx`."""

from __future__ import annotations

import base64
import io
import json
from urllib.parse import urlsplit

import docx
import pytest

import assessment
from assessment.plan import plan
from tests.cli import run
from tests.test_browser_plan import CRITERIA_JSON
from tests.test_plan import CRITERIA, doc, write_json
from tests.test_plan_office import W, languages

PLAN_DOCX = """async (args) => {
    const [c, d, r, l, lang] = JSON.parse(args);
    const m = await import('./assets/javascripts/plan/plan-docx.js');
    const blob = await m.planDocx(c, d, r, l, lang);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return [blob.type, btoa(text)];
}"""
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CASES = {
    "zh": doc(plan={"overview": "第一行\n第二行\r\n\n新段落\x0b换行\x00", "cs-channels": "热线 <b>4000</b> | 全天候",
                    "om-incidents": "  缩进\t制表"},
              answers={"cs-organisation": {"status": "met", "note": "甲\n乙", "evidence": "图.pdf"},
                       "quality-round-the-clock": {"value": 2}, "quality-first-reply": {"value": 0.00001},
                       "om-severity-levels": {"status": "na"}, "zz-unknown": {"status": "met"}}),
    "en": doc(assessment={"organisation": "Example Ltd", "service": "Ringback", "date": "2026-11-25"},
              answers={"quality-round-the-clock": {"value": 1}, "plan-covers-sections": {"status": "met"}}),
}


def browser_docx(page, d: dict, lang: str) -> docx.document.Document:
    answers = assessment.parse_answers(CRITERIA, d)
    result = assessment.score(CRITERIA, answers)
    kind, data = page.evaluate(PLAN_DOCX, json.dumps([CRITERIA_JSON, d, result, plan.LABELS[lang], lang]))
    assert kind == DOCX_TYPE
    return docx.Document(io.BytesIO(base64.b64decode(data)))


def cli_docx(tmp_path, d: dict, lang: str) -> docx.document.Document:
    target = tmp_path / f"cli-{lang}.docx"
    code, _, err = run(["plan", write_json(tmp_path / f"a-{lang}.json", d), "-o", target, "--lang", lang])
    assert code == 0, err
    return docx.Document(str(target))


def structure(document) -> dict:
    """What must be the same in both: page, language, paragraphs (headings by level), tables, footer fields."""
    section = document.sections[0]
    heading = lambda p: p.style.name if p.style.name.startswith(("Heading", "Title")) else "text"  # noqa: E731
    return {
        "page_mm": [round(section.page_width.mm), round(section.page_height.mm)],
        "margins_mm": [round(m.mm, 1) for m in (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)],
        "languages": sorted(set(languages(document))),
        "east_asian_font": document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").get(f"{W}eastAsia"),
        "title_author": [document.core_properties.title, document.core_properties.author],
        "paragraphs": [(heading(p), p.text) for p in document.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in document.tables],
        "column_widths": [[int(g.get(f"{W}w")) for g in t._tbl.tblGrid.findall(f"{W}gridCol")] for t in document.tables],
        "footer_fields": [t.text.strip().split()[0] for t in section.footer._element.iter(f"{W}instrText")]
        + [f.get(f"{W}instr").split()[0] for f in section.footer._element.iter(f"{W}fldSimple")],
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_browser_and_cli_word_documents_have_the_same_structure(page, served_site, tmp_path, lang):
    page.goto(served_site.url)
    d = CASES[lang]
    browser, cli = structure(browser_docx(page, d, lang)), structure(cli_docx(tmp_path, d, lang))
    assert browser["page_mm"] == [210, 297] and browser["margins_mm"] == [25.4] * 4
    assert browser["languages"] == [("en-GB", "zh-CN")]  # Latin runs English, East Asian Chinese
    assert sorted(browser["footer_fields"]) == ["DATE", "NUMPAGES", "PAGE"]
    headings = [t for s, t in browser["paragraphs"] if s.startswith("Heading")]
    assert headings[: len(CRITERIA.template)] == [f"{p.number} {getattr(p.title, lang)}" for p in CRITERIA.template]
    for key in browser:
        if key != "footer_fields":
            assert browser[key] == cli[key], key
    assert sorted(browser["footer_fields"]) == sorted(cli["footer_fields"])


def test_browser_word_document_keeps_line_breaks_and_cleans_what_xml_cannot_hold(page, served_site):
    page.goto(served_site.url)
    texts = [p.text for p in browser_docx(page, CASES["zh"], "zh").paragraphs]
    assert "第一行\n第二行" in texts and "新段落\n换行\ufffd" in texts and "缩进\t制表" in texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_library_loads_only_when_asked_from_the_site_itself(page, served_site, lang):
    root = "/" if lang == "zh" else "/en/"
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(served_site.url + root.lstrip("/") + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "/vendor/" in u]  # the checklist stays light
    urls.clear()
    page.evaluate("""async (args) => {
        const [c, d, r, l, lang, root] = JSON.parse(args);
        const m = await import(root + 'assets/javascripts/plan/plan-docx.js');
        await m.planDocx(c, d, r, l, lang);
    }""", json.dumps([CRITERIA_JSON, doc(), assessment.score(CRITERIA, assessment.parse_answers(CRITERIA, doc())),
                      plan.LABELS[lang], lang, root]))
    origin = urlsplit(served_site.url).netloc
    assert all(urlsplit(u).netloc == origin for u in urls), urls
    paths = {urlsplit(u).path for u in urls}
    assert f"{root}assets/vendor/docx/docx.js" in paths  # beside the page's own scripts, also under a sub-path
    assert paths <= {f"{root}assets/javascripts/{name}" for name in ("plan/plan-docx.js", "plan/plan.js", "answers/scoring.js", "shared/json-syntax.js", "criteria/quantity.js", "shared/blank.js", "shared/markdown-text.js")} | {
        f"{root}assets/vendor/docx/docx.js"}, paths


def test_the_vendored_library_is_the_pinned_version_with_its_licences(served_site, page):
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pinned = json.loads((root / "package.json").read_text())["dependencies"]["docx"]
    locked = json.loads((root / "package-lock.json").read_text())["packages"]["node_modules/docx"]["version"]
    vendor = root / "docs/assets/vendor/docx"
    assert pinned == locked == (vendor / "VERSION").read_text().split()[1]
    for licence in ("LICENSE", "LICENSE-fflate", "LICENSE-nanoid"):
        assert "MIT License" in (vendor / licence).read_text() or "Permission is hereby granted" in (vendor / licence).read_text()
    response = page.request.get(served_site.url + "assets/vendor/docx/docx.js")
    assert response.ok and "javascript" in response.headers["content-type"]
    assert "import " not in response.text()[:2000]  # self-contained: no further module requests


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_button_downloads_the_same_document_as_the_command_line(page, served_site, tmp_path, lang):
    from tests.checklist_page import answer_some, current_doc, open_checklist, show

    open_checklist(page, served_site, lang, empty=True)
    answer_some(page)
    show(page, "plan")
    page.locator("#plan-overview textarea").fill("第一行\n第二行")
    with page.expect_download() as info:
        page.locator("#cl-plan-docx").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    browser, cli = structure(docx.Document(download.path())), structure(cli_docx(tmp_path, current_doc(page), lang))
    for found in (browser, cli):
        found["footer_fields"] = sorted(found["footer_fields"])  # where a field is written, not which
    assert browser == cli


def effective_style(document, name: str) -> dict:
    """What a style looks like once the document defaults and the styles it is based on apply."""
    found: dict = {}

    def take(ppr, rpr):
        for el in ([] if ppr is None else list(ppr)) + ([] if rpr is None else list(rpr)):
            tag = el.tag.replace(W, "")
            if tag in ("keepNext", "keepLines", "b"):
                found[tag] = el.get(f"{W}val") not in ("0", "false")
            elif tag in ("sz", "color", "jc"):
                found[tag] = el.get(f"{W}val")
            elif tag == "spacing":
                found.update({f"spacing_{k}": el.get(f"{W}{k}") for k in ("before", "after", "line") if el.get(f"{W}{k}")})
            elif tag == "rFonts":
                found.update({f"font_{k}": el.get(f"{W}{k}") for k in ("ascii", "eastAsia") if el.get(f"{W}{k}")})

    defaults = document.styles.element.find(f"{W}docDefaults")
    take(defaults.find(f"{W}pPrDefault/{W}pPr"), defaults.find(f"{W}rPrDefault/{W}rPr"))
    by_id = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}
    chain, style = [], by_id[name]
    while style is not None:
        chain.insert(0, style)
        based = style.find(f"{W}basedOn")
        style = None if based is None else by_id[based.get(f"{W}val")]
    for s in chain:
        take(s.find(f"{W}pPr"), s.find(f"{W}rPr"))
    return found


STYLE_NAMES = ["Normal", "Title", "Heading1", "Heading2", "TableText"]  # style ids, the same in both


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_browser_word_document_looks_like_the_command_lines_title_headings_and_tables(page, served_site, tmp_path, lang):
    page.goto(served_site.url)
    d = CASES[lang]
    browser, cli = browser_docx(page, d, lang), cli_docx(tmp_path, d, lang)
    for name in STYLE_NAMES:
        assert effective_style(browser, name) == effective_style(cli, name), name
    title, h1, h2, normal = (effective_style(cli, n) for n in ("Title", "Heading1", "Heading2", "Normal"))
    # A visible outline: the title and each heading level larger than the text, bold, kept with what follows.
    assert int(title["sz"]) > int(h1["sz"]) > int(h2["sz"]) > int(normal["sz"])
    for style in (title, h1, h2):
        assert style["b"] and style["keepNext"] and style["font_eastAsia"] != normal["font_eastAsia"]
    assert not normal.get("b") and normal["font_ascii"] and normal["font_eastAsia"]
    for document in (browser, cli):
        assert [p.style.style_id for p in document.paragraphs if p.text == CASES_TITLE[lang]][:1] == ["Title"]
        for table in document.tables:
            rows = table._tbl.tr_lst
            assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)  # no row cut across pages
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
            assert {p.style.style_id for row in table.rows for c in row.cells for p in c.paragraphs} == {"TableText"}


CASES_TITLE = {lang: plan.LABELS[lang]["title"] for lang in ("zh", "en")}
