"""The review page shows the evidence block of an SP's answers file beside the answers to clauses 4.1
and 4.2, in the words of the command line's report, and marks a contradicted "met" for attention."""

from __future__ import annotations

import json

import pytest

from tests.browser_checks import axe_violations
from tests.test_browser_evidence_items import BLOCK, CHANNELS, REPLY, agreeing, declared_met, python_lines
from tests.test_browser_review import item, open_file, open_page


def opened(page, served_site, tmp_path, doc, lang="zh", scheme="light"):
    open_page(page, served_site, lang, scheme)
    page.evaluate("localStorage.clear()")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    open_file(page, path)
    page.wait_for_selector("#rv-review:not([hidden])")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_contradicting_block_is_shown_beside_the_answers_and_marked_for_attention(page, served_site, tmp_path, lang):
    doc = declared_met(BLOCK)
    lines = python_lines(doc, lang)
    opened(page, served_site, tmp_path, doc, lang)
    reply, channels = item(page, REPLY.id), item(page, CHANNELS.id)
    assert reply.locator(".rv-measured p").all_text_contents() == [lines[0], lines[-1].removeprefix(f"{REPLY.clause} ")]
    assert channels.locator(".rv-measured p").all_text_contents() == [*lines[1:-2], lines[-2].removeprefix(f"{CHANNELS.clause} ")]
    assert reply.get_attribute("data-attention") == "true" and channels.get_attribute("data-attention") == "true"
    assert page.locator(".rv-measured").count() == 2


def test_an_agreeing_block_is_shown_without_a_flag_and_asks_for_no_attention(page, served_site, tmp_path):
    doc = declared_met(agreeing())
    lines = python_lines(doc, "en")
    opened(page, served_site, tmp_path, doc, "en", "dark")
    assert item(page, REPLY.id).locator(".rv-measured").text_content() == lines[0]
    assert page.locator(".rv-measured .rv-contradiction").count() == 0
    assert item(page, REPLY.id).get_attribute("data-attention") is None
    assert axe_violations(page) == []


def test_a_file_without_a_block_shows_no_measured_figure(page, served_site, tmp_path):
    opened(page, served_site, tmp_path, declared_met(None))
    assert page.locator(".rv-measured").count() == 0
