"""The report view: what a person signs. Printed on A4, always light, with page numbers, the print
date and a sign-off block, and none of the page's buttons or notices."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pypdf
import pytest

from tests.checklist_page import answer_some, export, open_checklist, show

A4_POINTS = (595, 842)


def printed_text(page) -> tuple[list[str], tuple[int, int]]:
    page.emulate_media(media="print")
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    # PDF text comes back with Kangxi radicals for some characters and spaces between scripts.
    text = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text())) for p in reader.pages]
    return text, (round(float(box.width)), round(float(box.height)))


@pytest.mark.parametrize(("lang", "scheme"), [("zh", "light"), ("zh", "dark"), ("en", "dark")])
def test_the_printed_report_is_a4_light_signed_and_free_of_buttons_and_notices(page, served_site, tmp_path, lang, scheme):
    open_checklist(page, served_site, lang, scheme, empty=True)
    answer_some(page)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(export(page), ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))  # leaves a notice on the page
    page.locator(".cl-notice").first.wait_for()
    show(page, "report")
    t = json.loads(page.locator("#sp-checklist").get_attribute("data-strings"))
    pages, size = printed_text(page)
    text = "\n".join(pages)
    assert size == A4_POINTS
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    for label in (t["sign_person"], t["sign_signature"], t["printed"], "示例科技"):
        assert squash(label) in text, label
    for chrome in (t["print"], t["back"], t["dismiss"], t["view_plan"], t["export"]):
        assert squash(chrome) not in text, chrome
    assert f"1/{len(pages)}" in pages[0]  # page numbers in the footer
    # Printed from the dark palette too, the page is dark text on white.
    colours = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
        getComputedStyle(document.querySelector('#cl-report-body td')).color]""")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
