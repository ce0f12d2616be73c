"""The measured figures beside the declared answers: the browser (evidence/display.js) writes the lines
of `python -m assessment report` (evidence_display.lines) byte for byte, over blocks that reach the
corners where Python and JavaScript write numbers differently."""

from __future__ import annotations

import copy
import json

import pytest

from assessment.criteria import versions
from assessment.answers import answers_file as answers_mod
from assessment.criteria import model as criteria_mod
from assessment.criteria import quantity
from assessment.evidence import display as evidence_display
from assessment.criteria import texts
from tests.evidence_vectors import CRITERIA, DIR

MEASURED = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"][0]["doc"]
LABELS = texts.table("evidence_block")


def criteria_with(unit: str | None = None, target: float | None = None):
    """The vectors' criteria, clause 4.2's threshold in `unit` (its value kept in minutes) or another target."""
    data = json.loads(CRITERIA.model_dump_json())
    if unit:
        q = data["thresholds"]["first_reply"]
        minutes = q["value"] * data["units"][q["unit"]]["minutes"]
        data["thresholds"]["first_reply"] = {"value": minutes / data["units"][unit]["minutes"], "unit": unit}
    if target is not None:
        data["evidence"]["attainment_target_percent"] = target
    return criteria_mod.parse(data)


def block(**changes) -> dict:
    doc = copy.deepcopy(MEASURED)
    doc["evidence"].update(changes)
    return doc


def counted(doc: dict, tickets: int) -> dict:
    """A block whose counts add up to `tickets` (the accepting rule checks the sums)."""
    e = doc["evidence"]
    within = tickets - 3
    e.update(tickets=tickets, rows=tickets, within=within, late=1, unanswered_breached=1, pending=1)
    e["attainment"] = within / (tickets - 1)
    e["by_channel"] = []
    e["by_month"] = []
    return doc


def answers(doc: dict, **given) -> dict:
    return {**doc, "answers": given}


EVERY_HOUR = [1] * 168
CASES = [
    ("both contradicted", CRITERIA, MEASURED),
    ("agrees: no flag", CRITERIA, answers(block(attainment=1.0, by_channel=[], replied_by_hour_of_week=EVERY_HOUR,
                                                within=5, late=0, unanswered_breached=0), m1={"value": 1}, m2={"value": 1})),
    # 12.25 %: toFixed rounds the tie up, Python's format to the even digit.
    ("a tie at one decimal", CRITERIA, block(attainment=0.1225)),
    ("another tie", CRITERIA, block(attainment=0.0075)),
    ("thousands grouped", CRITERIA, counted(copy.deepcopy(MEASURED), 1_234_567)),
    ("whole numbers written with .0", CRITERIA, block(tickets=6.0, by_channel=[{**MEASURED["evidence"]["by_channel"][0],
                                                                                   "hours_with_reply": 2.0}, MEASURED["evidence"]["by_channel"][1]])),
    ("no ticket counted", CRITERIA, {**MEASURED, "evidence": {**MEASURED["evidence"], "period": None, "attainment": None,
                                                              "tickets": 0, "within": 0, "late": 0, "unanswered_breached": 0,
                                                              "pending": 0, "rows": 0, "by_channel": [], "by_month": [],
                                                              "replied_by_hour_of_week": [0] * 168}}),
    ("a blank channel and characters beyond the BMP", CRITERIA, block(
        by_channel=[{**MEASURED["evidence"]["by_channel"][0], "channel": ""}, {**MEASURED["evidence"]["by_channel"][1], "channel": "𠀀微信"}],
        period={"first_arrival": "𠀀𠀁2024-03-01T08:05", "last_arrival": "2024-03-03"})),
    ("two channels declared", CRITERIA, answers(MEASURED, m1={"value": 2, "unit": "channel"}, m2={"value": 30, "unit": "minute"})),
    ("threshold in minutes", criteria_with(unit="minute"), MEASURED),
    ("threshold of 90 minutes in hours", CRITERIA, block(threshold_minutes=90)),
    ("a target with decimals", criteria_with(target=62.5), block(attainment=0.61)),
]

LINES = """async ([criteria, doc, t, lang]) => {
  const m = await import('./assets/javascripts/evidence/display.js');
  return m.evidenceLines(criteria, doc, t, lang);
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name, criteria, doc", CASES, ids=[c[0] for c in CASES])
def test_the_browser_writes_the_reports_evidence_lines_byte_for_byte(site_tab, name, criteria, doc, lang):
    read = answers_mod.parse(criteria, doc)  # every case is a block the accepting rule takes
    expected = evidence_display.lines(criteria, read, read.evidence, lang)
    criteria_json = versions.published(criteria)
    assert site_tab.evaluate(LINES, [criteria_json, doc, LABELS[lang], lang]) == expected


def test_the_cases_reach_what_they_name():
    """The corners are really reached: a tie, a flag and none, grouped thousands."""
    for name, criteria, doc in CASES:
        read = answers_mod.parse(criteria, doc)
        flags = evidence_display.contradictions(criteria, read, read.evidence)
        out = "\n".join(evidence_display.lines(criteria, read, read.evidence, "en"))
        if name == "agrees: no flag":
            assert not any(flags.values())
        if name == "both contradicted":
            assert all(flags.values())
        if name == "a tie at one decimal":
            assert "12.2%" in out
        if name == "thousands grouped":
            assert "1,234,567" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plans_annex_writes_the_measured_figure_under_4_2s_own_evidence(lang):
    from assessment.plan import plan
    from assessment.answers import scoring
    from tests.test_plan import CRITERIA as BUNDLED, doc
    reply = next(i for i in BUNDLED.items if i.clause == "4.2")
    d = doc(evidence=MEASURED["evidence"], answers={reply.id: {"value": 0.5, "evidence": "工单系统截图"}})
    read = answers_mod.parse(BUNDLED, d)
    figure = evidence_display.measured(BUNDLED, MEASURED["evidence"], lang)
    assert figure == LABELS[lang]["measured"].format(
        percent="60.0%", threshold=quantity.minutes_text(BUNDLED, MEASURED["evidence"]["threshold_minutes"], lang),
        tickets="6", first="2024-03-01", last="2024-03-03")
    rows = plan.outline(BUNDLED, read, scoring.score(BUNDLED, read), lang)["answers"][1]
    by_clause = {r[0]: r for r in rows}
    assert by_clause["4.2"][-1] == f"工单系统截图\n{figure}"
    assert all(figure not in r[-1] for r in rows if r[0] != "4.2")
    without = answers_mod.parse(BUNDLED, doc(answers={reply.id: {"value": 0.5, "evidence": "工单系统截图"}}))
    rows = plan.outline(BUNDLED, without, scoring.score(BUNDLED, without), lang)["answers"][1]
    assert {r[0]: r for r in rows}["4.2"][-1] == "工单系统截图"
