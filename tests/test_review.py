"""The review file in Python: what is accepted and refused, with which message, and what it holds."""

from __future__ import annotations

import json

import pytest

from assessment.review import review_file as review
from tests.review_vectors import BINDINGS, CRITERIA, INVALID, VALID, file_bytes


def problems_of(data: bytes) -> list[str]:
    try:
        review.read_bytes(CRITERIA, data, "R.json")
    except review.ReviewError as exc:
        return [line.removeprefix("R.json: ") for line in str(exc).split("\n")]
    return []


@pytest.mark.parametrize("vector", VALID, ids=[v["name"] for v in VALID])
def test_shared_valid_review_vector_is_accepted(vector):
    assert problems_of(file_bytes(vector)) == []


@pytest.mark.parametrize("vector", INVALID, ids=[v["name"] for v in INVALID])
def test_shared_invalid_review_vector_is_refused_naming_file_place_and_problem(vector):
    assert problems_of(file_bytes(vector)) == vector["problems"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed():
    assert problems_of(b" " * review.MAX_BYTES + b"{}") == [f"(file): the file is {review.MAX_BYTES + 2:,} bytes; the limit for a review file is {review.MAX_BYTES:,}"]


def test_parsed_review_holds_decisions_conditions_and_the_submission():
    vector = next(v for v in VALID if v["name"].startswith("a conditional approval"))
    parsed = review.read_bytes(CRITERIA, file_bytes(vector), "R.json")
    assert parsed.decision == "conditional"
    assert parsed.conditions == [review.Condition("补充第二种全天候渠道", "2027-01-15")]
    assert parsed.items["m1"] == review.Entry("needs_work", "只有一种渠道")
    assert parsed.items["m2"] == review.Entry("rejected", "")
    assert parsed.plan["overview"].comment == "请补充负责人"
    assert parsed.submission.assessment["service"] == "彩铃"
    assert parsed.submission.answers["r1"].status == "met"
    assert parsed.reviewer == {"name": "李四", "organisation": "中国联通", "date": "2026-12-01"}


@pytest.mark.parametrize("text, ok", [("2028-02-29", True), ("2027-02-29", False), ("1900-02-29", False),
                                      ("2000-02-29", True), ("0000-01-01", False), ("2027-04-31", False),
                                      ("2027-1-01", False), ("２０２７-01-01", False), ("2027-01-01\n", False)])
def test_dates_must_be_real_calendar_days_in_ascii_digits(text, ok):
    assert review.is_date(text) is ok


def write_review(folder, name, sha, decision="approved", date="2026-12-01"):
    vector = VALID[0]["doc"]
    doc = {**vector, "submission_sha256": sha, "reviewer": {"date": date}, "decision": decision}
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_decisions_by_submission_pairs_each_submission_with_its_latest_valid_review(tmp_path):
    a, b = "a" * 64, "b" * 64
    write_review(tmp_path, "old.json", a, "rejected", "2026-11-01")
    newest = write_review(tmp_path, "new.json", a, "conditional", "2026-12-01")
    (tmp_path / "sub").mkdir()
    other = write_review(tmp_path / "sub", "b.json", b, "approved")
    (tmp_path / "answers.json").write_text(json.dumps(VALID[0]["doc"]["submission"]), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"format": "sp-readiness-review"}', encoding="utf-8")
    (tmp_path / "not-json.json").write_bytes(b"\xff")
    found = review.decisions_by_submission([tmp_path], CRITERIA)
    assert found == {a: (newest, "conditional"), b: (other, "approved")}


def test_decisions_by_submission_reports_a_review_in_progress_as_none(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**VALID[0]["doc"], "submission_sha256": "c" * 64}), encoding="utf-8")
    assert review.decisions_by_submission([path], CRITERIA) == {"c" * 64: (path, None)}


def test_changes_since_the_review_are_the_items_and_sections_review_file_js_names():
    # The same case as test_review_js.py's reviewChanges test, with the same expected ids.
    reviewed = review.parse(CRITERIA, VALID[1]["doc"])
    current = json.loads(json.dumps(VALID[1]["doc"]["submission"]))
    current["answers"]["r1"]["note"] = "客服 25 人"
    current["answers"]["m1"] = {"value": 2}
    current["answers"]["r2"] = {"status": "met"}
    current["plan"]["overview"] = "我们的方案（修订）"
    changed = review.changes_since(CRITERIA, reviewed, review.read_submission(CRITERIA, json.dumps(current).encode(), "A.json"))
    assert changed == (["r1", "r2"], ["overview"])
    assert review.changes_since(CRITERIA, reviewed, reviewed.submission) == ([], [])


@pytest.mark.parametrize("vector", BINDINGS, ids=[v["name"] for v in BINDINGS])
def test_a_review_is_trusted_only_when_the_file_it_names_holds_its_answers(vector):
    parsed = review.parse(CRITERIA, vector["review"], "R.json")
    assert review.binding_problem(CRITERIA, parsed, vector["answers"].encode("utf-8")) == vector["problem"]
