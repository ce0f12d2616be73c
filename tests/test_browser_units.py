"""A maintainer changes 4.2 to 30 minutes and 4.1 to two channels: in the checklist an SP's earlier
answers are converted, never reread in the new unit, and ask to be confirmed until the SP does."""

from __future__ import annotations

import json

import pytest

import assessment
from assessment.criteria import quantity
from tests import maintainer
from tests.checklist_page import current_doc, export, item
from tests.site_build import Server, build, free_port


def _thirty_minutes_two_channels(data: dict) -> None:
    data["thresholds"]["first_reply"] = {"value": 30, "unit": "minute"}
    data["thresholds"]["round_the_clock_channels"] = {"value": 2, "unit": "channel"}


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("changed")
    criteria = maintainer.release(folder / "data", _thirty_minutes_two_channels)
    port = free_port()
    build(folder / "site", f"http://127.0.0.1:{port}/", criteria)
    server = Server(folder / "site", port)
    server.criteria = assessment.load(criteria)
    yield server
    server.close()


def test_an_earlier_answer_is_converted_flagged_and_confirmed_in_the_checklist(browser, changed_site, tmp_path):
    old, new = assessment.load(), changed_site.criteria
    reply = old.threshold(old.item("quality-first-reply"))
    three_hours = quantity.convert(3, old.units["hour"], old.units[reply.unit])  # as the current unit writes it
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": old.version,
           "assessment": {"organisation": "星河互动", "service": "彩铃"},
           "answers": {"quality-first-reply": {"value": three_hours, "note": "夜间3小时"},
                       "quality-round-the-clock": {"value": 2}, "cs-organisation": {"status": "met"}}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(changed_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_selector(".cl-notice--version")

    target = new.units[new.threshold(new.item("quality-first-reply")).unit]
    minutes = quantity.convert(3, old.units["hour"], target)
    field = item(page, "quality-first-reply").locator("[data-field=value]")
    assert float(field.input_value()) == minutes  # converted, never reread: 3 hours is not 3 minutes
    assert item(page, "quality-first-reply").locator(".cl-unit").text_content() == target.zh
    limit = quantity.threshold_text(new, "first_reply", "zh")
    assert item(page, "quality-first-reply").locator(".cl-msg").text_content().endswith(f"超过{limit}")
    notice = page.locator(".cl-notice--version").text_content()
    if reply.unit != target:
        assert f"{quantity.text(three_hours, old.units[reply.unit], 'zh')} → {quantity.text(minutes, target, 'zh')}" in notice
    for item_id in ("quality-first-reply", "quality-round-the-clock"):
        assert item(page, item_id).locator(".cl-terms").count() == 1  # terms changed since it was answered
        assert new.item(item_id).question.zh in page.locator(".cl-list--unconfirmed").text_content()
    assert item(page, "cs-organisation").locator(".cl-terms").count() == 0  # unchanged: nothing to confirm

    item(page, "quality-round-the-clock").locator("[data-action=confirm]").click()
    assert item(page, "quality-round-the-clock").locator(".cl-terms").count() == 0
    saved = current_doc(page)
    assert "version" not in saved["answers"]["quality-round-the-clock"]
    assert saved["answers"]["quality-first-reply"]["version"] == old.version  # still unconfirmed
    assert saved["criteria_version"] == new.version
    exported = export(page)
    assert exported["answers"]["quality-first-reply"] == {"value": minutes, "unit": target_key(new), "note": "夜间3小时",
                                                        "version": old.version}
    read = assessment.answers.answers_file.parse(new, exported)
    assert assessment.answers.scoring.terms_changed(new, read) == ["quality-first-reply"]
    assert "quality-first-reply" in assessment.score(new, read)["blockers"]
    context.close()


def target_key(criteria) -> str:
    return criteria.threshold(criteria.item("quality-first-reply")).unit
