"""The answers file's optional `evidence` block: one accepting rule in Python and the browser, and the
measured figures shown beside the declared answers by report, summary and review, contradictions flagged."""

from __future__ import annotations

import copy
import csv
import io
import hashlib
import json

import pytest

from assessment.answers import answers_file as answers_mod
from assessment.criteria import quantity
from assessment.evidence import display as evidence_display
from assessment.criteria import texts
from assessment.criteria import versions
from tests.cli import run
from tests.evidence_vectors import CRITERIA, DIR

VECTORS = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"]
CRITERIA_JSON = versions.published(CRITERIA)
CRITERIA_FILE = ["--criteria", DIR.parent / "criteria.yml"]
MEASURED = VECTORS[0]["doc"]  # answers m1 (4.1) and m2 (4.2) met; evidence: 60 % within, no channel 7×24


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_python_gives_each_vectors_problems(vector):
    assert answers_mod.problems(CRITERIA, vector["doc"]) == vector["problems"]


VALIDATE = """async ([criteria, text]) => {
  const m = { ...(await import('./assets/javascripts/answers/answers-file.js')), ...(await import('./assets/javascripts/answers/scoring.js')) };
  const read = m.readAnswers(criteria, new TextEncoder().encode(text));
  return [m.validate(criteria, JSON.parse(text)), read.doc && Object.keys(read.doc)];
}"""


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_the_browser_gives_each_vectors_problems_byte_for_byte(site_tab, vector):
    problems, kept = site_tab.evaluate(VALIDATE, [CRITERIA_JSON, json.dumps(vector["doc"], ensure_ascii=False)])
    assert problems == vector["problems"]
    assert (kept is not None and "evidence" in kept) == (vector["problems"] == [])


def test_a_valid_block_is_kept_when_the_file_is_read():
    data = json.dumps(MEASURED, ensure_ascii=False).encode("utf-8")
    read = answers_mod.read_bytes(CRITERIA, data, "a.json")
    assert read.evidence == MEASURED["evidence"]


CONTRADICTIONS = """async ([criteria, doc]) => {
  const d = await import('./assets/javascripts/evidence/display.js');
  return d.evidenceContradictions(criteria, doc.answers, doc.evidence);
}"""


def with_evidence(**changes) -> dict:
    doc = copy.deepcopy(MEASURED)
    doc["evidence"].update(changes)
    return doc


@pytest.mark.parametrize("doc, expected", [
    (MEASURED, {"m1": True, "m2": True}),
    (with_evidence(attainment=1.0), {"m1": True, "m2": False}),
    ({**MEASURED, "answers": {"m1": {"value": 0}, "m2": {"value": 2}}}, {"m1": False, "m2": False}),
    (with_evidence(by_channel=[], replied_by_hour_of_week=[1] * 168), {"m1": False, "m2": True}),
], ids=["both contradicted", "attainment at target", "declared unmet: nothing to contradict", "every hour answered"])
def test_contradictions_are_the_same_in_python_and_the_browser(site_tab, doc, expected):
    read = answers_mod.parse(CRITERIA, doc)
    assert evidence_display.contradictions(CRITERIA, read, read.evidence) == expected
    assert site_tab.evaluate(CONTRADICTIONS, [CRITERIA_JSON, doc]) == expected


def test_the_attainment_target_comes_from_the_data_file():
    target = CRITERIA.evidence.attainment_target_percent / 100
    read = answers_mod.parse(CRITERIA, with_evidence(attainment=target))
    assert evidence_display.contradictions(CRITERIA, read, read.evidence)["m2"] is False
    read = answers_mod.parse(CRITERIA, with_evidence(attainment=target - 0.001))
    assert evidence_display.contradictions(CRITERIA, read, read.evidence)["m2"] is True


def write(path, doc) -> bytes:
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_shows_the_measured_figure_beside_the_declared_one_and_flags_contradictions(tmp_path, lang):
    t = texts.table("evidence_block")[lang]
    threshold = quantity.minutes_text(CRITERIA, MEASURED["evidence"]["threshold_minutes"], lang)
    period = MEASURED["evidence"]["period"]
    measured = t["measured"].format(percent="60.0%", threshold=threshold, tickets="6",
                                    first=period["first_arrival"][:10], last=period["last_arrival"][:10])
    flag = t["contradiction"].split("{")[0]
    path = tmp_path / "a.json"
    write(path, MEASURED)
    for fmt in ("text", "markdown"):
        code, out, err = run(["report", path, "--format", fmt, "--lang", lang, *CRITERIA_FILE])
        assert code == 0 and measured in out and out.count(flag) == 2
        if fmt == "text":  # Markdown escapes the clause's dot (4\.2), so a line cannot start a list
            assert f"4.2 {flag}" in out and f"4.1 {flag}" in out
    code, out, err = run(["report", path, "--format", "json", *CRITERIA_FILE])
    got = json.loads(out)
    assert got["evidence"] == MEASURED["evidence"] and got["evidence_contradictions"] == {"m1": True, "m2": True}


def test_summary_has_an_evidence_column(tmp_path):
    write(tmp_path / "a.json", MEASURED)
    write(tmp_path / "b.json", {k: v for k, v in MEASURED.items() if k != "evidence"})
    code, out, err = run(["summary", tmp_path, "--csv", "--lang", "en", *CRITERIA_FILE])
    head, *body = csv.reader(io.StringIO(out))
    rows = {r[0].rsplit("/", 1)[-1]: r for r in body}
    t = texts.table("evidence_block")["en"]
    expected = t["cell"].format(percent="60.0%", tickets="6") + t["cell_contradicts"].format(clauses="4.1, 4.2")
    assert rows["a.json"][head.index("evidence")] == expected
    assert rows["b.json"][head.index("evidence")] == ""


def test_review_shows_the_submissions_evidence(tmp_path):
    data = write(tmp_path / "a.json", MEASURED)
    review = {"format": "sp-readiness-review", "format_version": 1, "criteria_version": CRITERIA.version,
              "submission_sha256": hashlib.sha256(data).hexdigest(), "submission": json.loads(data),
              "reviewer": {"name": "王审核", "organisation": "联通", "date": "2026-12-01"}, "items": {},
              "decision": "approved", "conditions": [], "summary": ""}
    write(tmp_path / "r.json", review)
    code, out, err = run(["review", tmp_path / "r.json", "--answers", tmp_path / "a.json", "--lang", "en", *CRITERIA_FILE])
    t = texts.table("evidence_block")["en"]
    threshold = quantity.minutes_text(CRITERIA, MEASURED["evidence"]["threshold_minutes"], "en")
    period = MEASURED["evidence"]["period"]
    measured = t["measured"].format(percent="60.0%", threshold=threshold, tickets="6",
                                    first=period["first_arrival"][:10], last=period["last_arrival"][:10])
    assert code == 0 and measured in out and "4.2 " + t["contradiction"].split("{")[0] in out


def test_a_forged_block_refuses_the_whole_answers_file_on_the_command_line(tmp_path):
    doc = VECTORS[1]["doc"]
    path = tmp_path / "forged.json"
    write(path, doc)
    code, out, err = run(["report", path, *CRITERIA_FILE])
    assert (code, out) == (2, "") and err == "".join(f"{path}: {p}\n" for p in VECTORS[1]["problems"])
