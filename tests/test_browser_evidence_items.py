"""The measured evidence in the SP's checklist: an answers file's `evidence` block imports with the
assessment and exports back unchanged; clauses 4.1 and 4.2's items show the measured figures beside
the declared answer, a contradicted "met" is flagged in the item, the result and the report in the
words of the command line's report, and the score is the declared one."""

from __future__ import annotations

import copy
import json

import pytest

import assessment
from assessment.answers import answers_file as answers_mod
from assessment.evidence import measure as evidence
from assessment.evidence import display as evidence_display
from assessment.answers import scoring
from assessment.shared.formatting import js_number
from tests.browser_checks import axe_violations
from tests.checklist_page import ENTRY_PREFIX, current_id, export, item, open_checklist, show, wait_saved
from tests.cli import run
from tests.evidence_vectors import DIR

CRITERIA = assessment.load()
CHANNELS = CRITERIA.item("quality-round-the-clock")
REPLY = CRITERIA.item("quality-first-reply")
# A block measured from a small export: 60 % replied within the threshold, no channel answering
# every hour of the week (tests/vectors/evidence/answers.json, the command line's own output).
BLOCK = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"][0]["doc"]["evidence"]


def declared_met(evidence: dict | None) -> dict:
    """Both launch conditions answered exactly at their thresholds (met), with the given block."""
    def at_threshold(i):
        q = CRITERIA.threshold(i)
        return {"value": q.value, "unit": q.unit}
    doc = {"format": "sp-readiness-answers", "format_version": 3, "criteria_version": CRITERIA.version,
           "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "", "date": ""},
           "answers": {CHANNELS.id: at_threshold(CHANNELS), REPLY.id: at_threshold(REPLY)}}
    return {**doc, "evidence": evidence} if evidence is not None else doc


def agreeing() -> dict:
    """The same export, every ticket replied within the threshold and every hour of the week answered."""
    e = copy.deepcopy(BLOCK)
    e.update(within=5, late=0, unanswered_breached=0, attainment=1.0, by_channel=[], replied_by_hour_of_week=[1] * 168)
    return e


def import_doc(page, tmp_path, doc, name="answers.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))


def imported(page, tmp_path, doc):
    done = page.locator(".cl-notice.success").count()
    import_doc(page, tmp_path, doc)
    page.locator(".cl-notice.success").nth(done).wait_for()


def python_lines(doc: dict, lang: str) -> list[str]:
    read = answers_mod.parse(CRITERIA, doc)
    return evidence_display.lines(CRITERIA, read, read.evidence, lang)


def strings(page) -> dict:
    return json.loads(page.locator("#sp-checklist").get_attribute("data-strings"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_contradicting_block_is_flagged_in_the_item_the_result_and_the_report(page, served_site, tmp_path, lang):
    doc = declared_met(BLOCK)
    lines = python_lines(doc, lang)
    flags = {i.clause: line.removeprefix(f"{i.clause} ") for line in lines for i in (CHANNELS, REPLY)
             if line.startswith(f"{i.clause} ")}
    assert set(flags) == {"4.1", "4.2"}  # the block contradicts both declared answers
    open_checklist(page, served_site, lang, empty=True)
    score_before = page.locator("#cl-bar-score").text_content()
    imported(page, tmp_path, doc)
    t = strings(page)

    # Beside the declared answer, which stays what the SP typed.
    reply, channels = item(page, REPLY.id), item(page, CHANNELS.id)
    assert reply.locator(".cl-measured p").first.text_content() == lines[0]
    assert reply.locator(".cl-measured .cl-flag").text_content() == flags["4.2"]
    assert channels.locator(".cl-measured li").all_text_contents() == lines[1:-2]
    assert channels.locator(".cl-measured .cl-flag").text_content() == flags["4.1"]
    assert reply.locator("[data-field=value]").input_value() == js_number(CRITERIA.threshold(REPLY).value)
    assert reply.locator(".cl-msg").text_content() != ""  # the declared value still says "met"

    # The result: listed as contradicted, the launch conditions say so, the score is the declared one.
    contradicted = page.locator("[data-list=contradictions] li")
    assert contradicted.all_text_contents() == [f"{i.clause} {i.question.model_dump()[lang]}" for i in (CHANNELS, REPLY)]
    launch = page.locator(f"[data-launch={REPLY.id}]")
    assert t["met_measured_contradicted"] in launch.text_content() and "cl-state--contradicted" in launch.get_attribute("class")
    result = export(page)["result"]
    assert result == scoring.score(CRITERIA, answers_mod.parse(CRITERIA, declared_met(None)))
    assert page.locator("#cl-bar-score").text_content() != score_before

    # The report: the contradicted items, and the measured lines exactly as the command line writes them.
    show(page, "report")
    report = page.locator("#cl-report-body")
    assert report.locator(".cl-report__evidence h3").text_content() == t["evidence_block"]["title"]
    assert report.locator(".cl-report__evidence li").all_text_contents() == lines
    assert report.locator(".cl-report__flags li").all_text_contents() == [i.question.model_dump()[lang] for i in (CHANNELS, REPLY)]


def test_a_block_that_agrees_shows_the_figures_and_flags_nothing(page, served_site, tmp_path):
    doc = declared_met(agreeing())
    lines = python_lines(doc, "zh")
    assert len(lines) == 2  # the measured figure and the hours: no contradiction line
    open_checklist(page, served_site, "zh", empty=True)
    imported(page, tmp_path, doc)
    assert item(page, REPLY.id).locator(".cl-measured").text_content() == lines[0]
    assert item(page, CHANNELS.id).locator(".cl-measured").text_content() == lines[1]
    assert page.locator(".cl-measured--contradicted, .cl-measured .cl-flag, [data-list=contradictions]").count() == 0
    assert "cl-state--met" in page.locator(f"[data-launch={REPLY.id}]").get_attribute("class")


def test_an_assessment_without_a_block_shows_no_figure(page, served_site, tmp_path):
    open_checklist(page, served_site, "en", empty=True)
    imported(page, tmp_path, declared_met(None))
    assert page.locator(".cl-measured").count() == 0
    show(page, "report")
    assert page.locator(".cl-report__evidence").count() == 0


def test_export_writes_the_imported_block_back_as_the_command_line_reads_it(page, served_site, tmp_path):
    doc = declared_met(BLOCK)
    open_checklist(page, served_site, "zh", empty=True)
    imported(page, tmp_path, doc)
    page.reload()  # through storage, not only this page's memory
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    out = export(page)
    # Key for key, in the same order, each number as the command line writes it (JavaScript's way).
    assert evidence.to_json(out["evidence"]) == evidence.to_json(BLOCK)
    path = tmp_path / "exported.json"
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    code, stdout, err = run(["report", path, "--format", "json"])
    assert code == 0, err
    assert json.loads(stdout)["evidence"] == BLOCK


def test_a_forged_block_is_refused_with_the_accepting_rules_words(page, served_site, tmp_path):
    forged = copy.deepcopy(BLOCK)
    forged["within"] += forged["pending"]  # a pending ticket counted as replied in time
    forged["pending"] = 0
    forged["by_channel"][1]["replied_by_hour_of_week"][0] = -1
    doc = declared_met(forged)
    expected = answers_mod.problems(CRITERIA, doc)
    assert expected  # the rule refuses it
    open_checklist(page, served_site, "en", empty=True)
    before = page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{ENTRY_PREFIX}')).length")
    import_doc(page, tmp_path, doc, "forged.json")
    alert = page.locator("#cl-alert")
    alert.locator("li").first.wait_for()
    assert alert.locator("li").all_text_contents() == expected
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{ENTRY_PREFIX}')).length") == before
    assert page.locator(".cl-measured").count() == 0


def test_a_block_attached_or_removed_in_another_tab_shows_at_once(page, served_site, tmp_path):
    open_checklist(page, served_site, "zh", empty=True)
    imported(page, tmp_path, declared_met(None))
    wait_saved(page)
    key = ENTRY_PREFIX + current_id(page)
    other = page.context.new_page()
    other.goto(served_site.url)
    # Another tab (the evidence view, there) writes the assessment with a block attached, then without.
    attach = """([key, block]) => { const e = JSON.parse(localStorage.getItem(key));
      if (block) e.doc.evidence = block; else delete e.doc.evidence; localStorage.setItem(key, JSON.stringify(e)); }"""
    other.evaluate(attach, [key, BLOCK])
    flag = item(page, REPLY.id).locator(".cl-measured .cl-flag")
    flag.wait_for()
    assert page.locator("[data-list=contradictions] li").count() == 2
    other.evaluate(attach, [key, None])
    page.locator(".cl-measured").first.wait_for(state="detached")
    assert page.locator("[data-list=contradictions]").count() == 0
    other.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_measured_figures_and_flags_pass_axe_in_both_palettes(page, served_site, tmp_path, scheme):
    open_checklist(page, served_site, "en", scheme, empty=True)
    imported(page, tmp_path, declared_met(BLOCK))
    assert page.locator(".cl-measured").count() == 2
    assert axe_violations(page) == []
    show(page, "report")
    assert axe_violations(page) == []


def test_a_block_survives_the_upgrade_of_an_assessment_made_under_an_earlier_checklist(page, served_site, tmp_path):
    from assessment.criteria import versions as history
    earlier = [v for v in history.published(CRITERIA)["history"] if v != CRITERIA.version]
    assert earlier, "the change log names an earlier version"
    doc = {**declared_met(BLOCK), "criteria_version": earlier[-1]}
    open_checklist(page, served_site, "zh", empty=True)
    imported(page, tmp_path, doc)
    out = export(page)
    assert out["criteria_version"] == CRITERIA.version and evidence.to_json(out["evidence"]) == evidence.to_json(BLOCK)
    assert item(page, REPLY.id).locator(".cl-measured").count() == 1


def test_a_file_of_the_first_format_without_a_block_exports_without_one(page, served_site, tmp_path):
    doc = {k: v for k, v in declared_met(None).items() if k != "assessment"}
    doc = {**doc, "format_version": 1, "answers": {CHANNELS.id: {"value": CRITERIA.threshold(CHANNELS).value}}}
    open_checklist(page, served_site, "en", empty=True)
    imported(page, tmp_path, doc)
    out = export(page)
    assert "evidence" not in out and out["answers"][CHANNELS.id]["value"] == CRITERIA.threshold(CHANNELS).value
    assert page.locator(".cl-measured").count() == 0


def ready_with(evidence: dict) -> dict:
    """Every item met and the whole plan written (the plan contradicts nothing), with a block."""
    doc = declared_met(evidence)
    doc["answers"].update({i.id: {"status": "met"} for i in CRITERIA.items if i.kind == "check"})
    doc["plan"] = {p.id: f"{p.number} 已写" for p in CRITERIA.template if not p.group}
    return doc


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_evidence_puts_a_ready_verdict_in_doubt_and_agreeing_evidence_does_not(page, served_site, tmp_path, lang):
    open_checklist(page, served_site, lang, empty=True)
    imported(page, tmp_path, ready_with(agreeing()))
    t = strings(page)
    word = lambda where: page.locator(where).text_content().split(" ", 1)[1]  # noqa: E731 (after the icon)
    assert word("#cl-bar-verdict") == t["ready"]
    imported(page, tmp_path, ready_with(BLOCK))
    doubted = t["verdict_contradicted"].format(verdict=t["ready"])
    for where in ("#cl-bar-verdict", "#cl-verdict .cl-verdict-badge"):
        assert word(where) == doubted, where
    # The declared result is unchanged: the evidence puts it in doubt, it does not rescore it.
    assert export(page)["result"]["verdict"] == "ready"


def test_a_channel_name_from_the_file_is_shown_as_text(page, served_site, tmp_path):
    block = copy.deepcopy(BLOCK)
    block["by_channel"][0]["channel"] = "<img src=x onerror=alert(1)><b>热线</b>"
    open_checklist(page, served_site, "zh", empty=True)
    imported(page, tmp_path, declared_met(block))
    box = item(page, CHANNELS.id).locator(".cl-measured")
    assert block["by_channel"][0]["channel"] in box.locator("li").first.text_content()
    assert box.locator("img, b").count() == 0


def test_the_printed_report_carries_the_measured_lines(page, served_site, tmp_path):
    import re
    from tests.test_browser_report import printed_text
    doc = declared_met(BLOCK)
    open_checklist(page, served_site, "en", "dark", empty=True)
    imported(page, tmp_path, doc)
    show(page, "report")
    pages, _ = printed_text(page)
    text = "".join(pages)
    for line in python_lines(doc, "en"):
        assert re.sub(r"\s+", "", line) in text, line
