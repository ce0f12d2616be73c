"""Word from the browser: plan-docx.js in Chromium makes the same document as `plan -o x.docx`."""

from __future__ import annotations

import base64
import io
import json
from urllib.parse import urlsplit

import docx
import pytest

import assessment
from assessment import plan
from tests.cli import run
from tests.test_browser_plan import CRITERIA_JSON
from tests.test_plan import CRITERIA, doc, write_json
from tests.test_plan_office import W, languages

PLAN_DOCX = """async (args) => {
    const [c, d, r, l, lang] = JSON.parse(args);
    const m = await import('./assets/javascripts/plan-docx.js');
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
    assert browser["languages"] == [("zh-CN" if lang == "zh" else "en-GB", "zh-CN")]
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
        const m = await import(root + 'assets/javascripts/plan-docx.js');
        await m.planDocx(c, d, r, l, lang);
    }""", json.dumps([CRITERIA_JSON, doc(), assessment.score(CRITERIA, assessment.parse_answers(CRITERIA, doc())),
                      plan.LABELS[lang], lang, root]))
    origin = urlsplit(served_site.url).netloc
    assert all(urlsplit(u).netloc == origin for u in urls), urls
    paths = {urlsplit(u).path for u in urls}
    assert f"{root}assets/vendor/docx/docx.js" in paths  # beside the page's own scripts, also under a sub-path
    assert paths <= {f"{root}assets/javascripts/{name}" for name in ("plan-docx.js", "plan.js", "scoring.js")} | {
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
