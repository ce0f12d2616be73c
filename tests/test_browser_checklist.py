"""The checklist page in Chromium: answers kept, assessments apart, files in and out, safe, accessible."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import assessment
from macros import scripts
from assessment.criteria import versions as history
from assessment.plan import plan
from tests.browser_checks import axe_violations
from tests.checklist_page import (CHANNELS, REPLY, answer_some, current_doc, entries, export, item, open_checklist, show, texts,
                                  wait_saved)

ROOT = Path(__file__).parents[1]

HOSTILE = "<img src=x onerror=alert(1)>"


def test_answers_survive_a_reload(fresh):
    page = fresh
    answer_some(page)
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()
    assert item(page, "cs-content").locator("input[value=partial]").is_checked()
    assert item(page, "quality-round-the-clock").locator("[data-field=value]").input_value() == CHANNELS
    # Note and evidence open by themselves when they hold text.
    assert item(page, "cs-organisation").locator("[data-field=note]").input_value() == "客服中心 20 人"
    assert page.locator("#cl-meta [name=service]").input_value() == "彩铃"


def test_live_result_matches_the_python_scorer_and_is_announced(fresh):
    page = fresh
    answer_some(page)
    criteria = assessment.load()
    expected = assessment.score(criteria, assessment.parse_answers(criteria, current_doc(page)))
    assert expected["percent"] is not None
    verdict = plan.LABELS["zh"][expected["verdict"]]
    assert page.locator("#cl-live").text_content() == f"结论：{verdict}，得分 {expected['percent']}%"
    assert page.locator("#cl-live").get_attribute("aria-live") == "polite"
    page.locator(".cl-list--unanswered summary").click()
    page.locator(".cl-list--unanswered li").first.wait_for()
    unanswered = page.locator(".cl-list--unanswered li a")
    assert unanswered.count() == len(expected["unanswered"])
    assert unanswered.first.get_attribute("href").endswith(f"#item-{expected['unanswered'][0]}")


def test_two_assessments_are_kept_apart(fresh):
    page = fresh
    answer_some(page)
    page.locator("#cl-new").click()
    assert not item(page, "cs-organisation").locator("input[value=met]").is_checked()
    item(page, "cs-organisation").locator("input[value=unmet]").check()
    page.locator("#cl-meta [name=service]").fill("手机报")
    options = page.locator("#cl-current option")
    assert options.count() == 2
    page.locator("#cl-current").select_option(index=0)
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()
    assert page.locator("#cl-meta [name=service]").input_value() == "彩铃"
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.locator("#cl-current").select_option(index=1)
    assert item(page, "cs-organisation").locator("input[value=unmet]").is_checked()


def test_rename_and_delete_with_confirmation(fresh):
    page = fresh
    page.locator("#cl-new").click()
    page.once("dialog", lambda d: d.accept("第二项业务"))
    page.locator("#cl-rename").click()
    assert "第二项业务" in page.locator("#cl-current option:checked").text_content()
    page.once("dialog", lambda d: d.dismiss())
    page.locator("#cl-delete").click()
    assert page.locator("#cl-current option").count() == 2  # cancelled: nothing deleted
    page.once("dialog", lambda d: d.accept())
    page.locator("#cl-delete").click()
    assert page.locator("#cl-current option").count() == 1
    assert len(entries(page)) == 1


def test_export_then_import_gives_the_same_answers(fresh, tmp_path):
    page = fresh
    answer_some(page)
    exported = export(page)
    assert exported["format"] == "sp-readiness-answers" and exported["assessment"]["organisation"] == "示例科技"
    # The exported file scores the same in the reviewer's command line as in the browser.
    criteria = assessment.load()
    assert exported["result"] == assessment.score(criteria, assessment.parse_answers(criteria, exported))
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_function("document.querySelectorAll('#cl-current option').length === 2")
    assert page.locator(".cl-notice.success").count() == 1
    imported = current_doc(page)
    assert imported["answers"] == exported["answers"] and imported["assessment"] == exported["assessment"]
    assert item(page, "quality-first-reply").locator("[data-field=value]").input_value() == REPLY


def _doc(**changes):
    doc = {"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "x", "answers": {}}
    return json.dumps({**doc, **changes})


@pytest.mark.parametrize("content", [
    "{not json",
    _doc(answers={"cs-organisation": {"status": "done"}}),
    _doc(answers={"quality-first-reply": {"status": "na"}}),
    _doc(assessment=None),
    _doc(plan={"overview": 5}),
    "x" * 1_000_001,
])
def test_a_bad_import_is_refused_with_the_command_lines_message_and_keeps_current_work(fresh, tmp_path, content):
    page = fresh
    answer_some(page)
    wait_saved(page)
    before = entries(page)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(assessment.AnswersError) as refused:
        assessment.read_answers(assessment.load(), path)
    page.locator("#cl-import").set_input_files(str(path))
    alert = page.locator("#cl-alert")
    alert.locator("li").first.wait_for()
    assert "bad.json" in alert.text_content()
    assert alert.locator("li").all_text_contents() == refused.value.problems
    assert entries(page) == before
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()


def test_hostile_text_shows_as_text_and_runs_nothing(fresh, tmp_path):
    page = fresh
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    texts(page, "cs-organisation").locator("[data-field=note]").fill(HOSTILE)
    page.locator("#cl-meta [name=service]").fill(HOSTILE)
    doc = current_doc(page)
    doc["answers"]["zzz-<b>unknown</b>"] = {"note": HOSTILE}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_function("document.querySelectorAll('#cl-current option').length === 2")
    assert HOSTILE in page.locator("#cl-current").text_content()
    page.locator(".cl-list--unknown summary").click()
    page.locator(".cl-list--unknown li").first.wait_for()
    assert "zzz-<b>unknown</b>" in page.locator(".cl-list--unknown").text_content()
    show(page, "report")
    assert HOSTILE in page.locator("#cl-report-body").text_content()
    assert page.locator("#sp-checklist img, #sp-checklist b").count() == 0
    assert dialogs == []


def test_answers_from_an_older_criteria_version_open_with_a_notice_of_changes(fresh):
    page = fresh
    answer_some(page)
    wait_saved(page)
    key = "sp-readiness.a." + page.locator("#cl-current").input_value()
    entry = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
    criteria = assessment.load()
    oldest = list(criteria.history)[-1]  # the first version the change log records
    entry["doc"]["criteria_version"] = oldest
    entry["doc"]["answers"]["cs-retired-item"] = {"status": "met"}
    entry["doc"]["answers"]["quality-first-reply"] = {"status": "met", "note": "旧的备注"}  # no longer fits
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(entry)])
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    notice = page.locator(".cl-notice--version")
    text = notice.text_content()
    assert oldest in text and criteria.version in text
    changed = [i for i in criteria.history[oldest]["changed"] if i in entry["doc"]["answers"] and i != "quality-first-reply"]
    assert changed and all(criteria.item(i).question.zh in text for i in changed)  # changed since, answered
    assert "cs-retired-item" in text  # removed
    assert notice.locator("a[href$='about/#changelog']").count() == 1
    # Answers to unchanged ids are kept; the removed one is kept in the file, reported, not scored.
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()
    # Each changed answer keeps the version it was given under and asks to be confirmed at its item.
    assert item(page, changed[0]).locator(".cl-terms").count() == 1
    doc = current_doc(page)
    assert {i: doc["answers"][i].get("version") for i in changed} == {i: oldest for i in changed}
    assert doc["answers"]["cs-retired-item"] == {"status": "met"}
    assert doc["answers"]["quality-first-reply"] == {"note": "旧的备注"}  # cleared, note kept
    # What the migration cleared was backed up first, with its date.
    backups = [k for k in json.loads(page.evaluate("JSON.stringify(Object.keys(localStorage))")) if ".backup." in k]
    assert len(backups) == 1 and oldest in page.evaluate(f"localStorage.getItem('{backups[0]}')")


def test_state_survives_instant_navigation_away_and_back(fresh, served_site):
    page = fresh
    answer_some(page)
    page.evaluate("window.notReloaded = true")  # survives instant navigation, not a full page load
    page.locator(".md-nav__link", has_text="术语表").first.click()
    page.wait_for_url(served_site.url + "glossary/")
    page.locator(".md-nav__link", has_text="就绪自评").first.click()
    page.wait_for_url(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert page.evaluate("window.notReloaded === true")
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()
    item(page, "cs-process").locator("input[value=met]").check()  # and it still saves
    assert current_doc(page)["answers"]["cs-process"] == {"status": "met"}


def test_the_checklist_script_loads_only_on_the_checklist_page(page, served_site):
    scripts = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(served_site.url + "requirements/")
    page.wait_for_load_state("networkidle")
    assert not [s for s in scripts if "checklist" in s or "storage" in s]
    page.goto(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert any(s.endswith("/checklist.js") for s in scripts)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_nothing_on_every_view(page, served_site, lang, scheme):
    open_checklist(page, served_site, lang, scheme)
    answer_some(page)
    assert axe_violations(page) == []
    for view in ("plan", "report"):
        show(page, view)
        assert axe_violations(page) == [], view


def test_the_built_site_serves_the_validated_criteria(page, served_site):
    response = page.request.get(served_site.url + "assets/criteria.json")
    assert response.ok and response.json() == history.published(assessment.load())
    module = page.request.get(served_site.url + "assets/javascripts/answers/scoring.js")
    assert module.ok and "export function score" in module.text()


DOM_FREE = ["answers/scoring.js", "answers/answers-file.js", "shared/formatting.js", "criteria/roles.js", "shared/json-syntax.js", "criteria/quantity.js", "plan/plan.js", "review/review-file.js", "answers/fields.js", "shared/sha256.js", "shared/blank.js", "shared/markdown-text.js",
            # the evidence rule, its display, and the readers its worker runs
            "evidence/measure.js", "evidence/block.js", "evidence/columns.js", "evidence/times.js", "evidence/display.js",
            "evidence/csv-text.js", "evidence/export-file.js", "evidence/zip.js", "evidence/xml.js", "evidence/xlsx.js", "evidence/xlsx-cells.js", "evidence/run.js",
            "review/prelaunch-log.js", "review/decisions.js"]
DOM_NAMES = re.compile(r"\b(document|window|globalThis|self|navigator|localStorage|sessionStorage|location|HTML\w*Element|Node|Event)\b")


def code_without_comments(source: str) -> str:
    """The module's code with /* */ and // comments taken out (a "//" inside a string stays)."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r"(^|[^:\"'\\])//[^\n]*", r"\1", source)


@pytest.mark.parametrize("name", DOM_FREE)
def test_the_modules_shared_with_node_and_python_touch_no_dom_or_browser_global_anywhere(name):
    source = (ROOT / "docs/assets/javascripts" / name).read_text(encoding="utf-8")
    code = code_without_comments(source)
    assert len(code) > len(source) // 3  # the comment stripper left the code
    assert DOM_NAMES.findall(code) == []
    # What they import is DOM-free too.
    assert set(scripts.imports(name)) <= set(DOM_FREE)
