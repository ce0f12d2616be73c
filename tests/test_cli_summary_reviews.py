"""`summary` over a folder of answers and review files: each submission shows the decision of the
review of exactly its bytes (same SHA-256); other reviews are listed, never taken for bad answers files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import assessment
from assessment.cli import summary_layout as summary_output
from tests.cli import run

CRITERIA = assessment.load()


def answers(organisation: str, service: str = "彩铃") -> dict:
    return {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
            "assessment": {"organisation": organisation, "service": service},
            "answers": {"cs-organisation": {"status": "met"}}}


def write_answers(path: Path, doc: dict) -> bytes:
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(data)
    return data


def write_review(path: Path, submission: bytes, date: str = "2026-12-01", **over) -> Path:
    review = {"format": "sp-readiness-review", "format_version": 1, "criteria_version": CRITERIA.version,
              "submission_sha256": hashlib.sha256(submission).hexdigest(), "submission": json.loads(submission),
              "reviewer": {"name": "王审核", "organisation": "联通", "date": date},
              "items": {"cs-organisation": {"decision": "needs_work", "comment": "请补充"}},
              "decision": "conditional", "conditions": [{"text": "补充渠道", "due": "2027-01-15"}], "summary": "基本可以"}
    for k, v in over.items():  # None leaves the key out, as a review in progress does
        if v is None:
            del review[k]
        else:
            review[k] = v
    path.write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    return path


def csv_rows(folder: Path) -> tuple[int, dict[str, dict], str]:
    code, out, err = run(["summary", folder, "--csv"])
    return code, {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}, err


def test_the_reviewed_submission_shows_the_decision_and_the_other_none(tmp_path):
    reviewed = write_answers(tmp_path / "acme.json", answers("Acme"))
    write_answers(tmp_path / "beta.json", answers("Beta"))
    write_review(tmp_path / "acme-review.json", reviewed)
    code, rows, err = csv_rows(tmp_path)
    assert code == 0, err
    assert sorted(rows) == ["acme.json", "beta.json"]  # the paired review has no row of its own
    assert rows["acme.json"]["review"] == "conditional"
    assert rows["acme.json"]["review_file"] == str(tmp_path / "acme-review.json")
    assert rows["acme.json"]["verdict"] == "incomplete"
    assert rows["beta.json"]["review"] == "" and rows["beta.json"]["review_file"] == ""
    assert err == "3 files: 2 scored, 0 invalid, 1 review (1 paired with a submission)\n"


def test_the_text_table_has_the_review_column(tmp_path):
    reviewed = write_answers(tmp_path / "acme.json", answers("Acme", "RBT"))  # ASCII: columns are characters
    write_review(tmp_path / "r.json", reviewed, decision="approved", conditions=[])
    code, out, _ = run(["summary", tmp_path, "--lang", "en"])
    head, row = out.splitlines()
    assert code == 0
    words = summary_output.LABELS["en"]
    shown = ["file", "organisation", "service", "criteria_version", "verdict", "percent", "blockers", "review", "review_file"]
    assert [head.index(words[k]) for k in shown] == sorted(head.index(words[k]) for k in shown)
    assert words["error"] not in head  # a column empty in every row is left out of the text table
    assert head.index(words["review"] + " ") == row.index(assessment.review.review_file.LABELS["en"]["overall_approved"])


def test_a_review_of_a_submission_edited_afterwards_does_not_pair(tmp_path):
    reviewed = answers("Acme")
    submission = write_answers(tmp_path / "acme.json", reviewed)
    write_review(tmp_path / "acme-review.json", submission)
    edited = {**reviewed, "answers": {"cs-organisation": {"status": "met", "note": "补充了渠道"}}}
    write_answers(tmp_path / "acme.json", edited)  # the SP answered the review: other bytes
    code, rows, err = csv_rows(tmp_path)
    assert code == 0, err
    assert rows["acme.json"]["review"] == ""
    review_row = rows["acme-review.json"]
    assert review_row["review"] == "conditional" and review_row["organisation"] == "Acme"
    assert review_row["error"] == (f"no matching submission ({tmp_path / 'acme.json'}: "
                                   "same organisation and service, but not the file reviewed)")
    assert "1 review (0 paired with a submission)" in err


def test_same_json_written_with_other_bytes_is_not_the_file_reviewed(tmp_path):
    doc = answers("Acme")
    write_review(tmp_path / "review.json", write_answers(tmp_path / "acme.json", doc))
    (tmp_path / "acme.json").write_text(json.dumps(doc), encoding="utf-8")  # reformatted, same content
    rows = csv_rows(tmp_path)[1]
    assert rows["acme.json"]["review"] == "" and rows["review.json"]["error"].startswith("no matching submission")


def test_a_review_of_a_file_not_given_is_listed_with_no_matching_submission(tmp_path):
    elsewhere = write_answers(tmp_path / "not-here.json", answers("Gamma", "视频"))
    folder = tmp_path / "reviews"
    folder.mkdir()
    write_review(folder / "gamma-review.json", elsewhere, decision=None, conditions=None)  # in progress
    code, rows, err = csv_rows(folder)
    assert code == 0, err
    row = rows["gamma-review.json"]
    assert (row["organisation"], row["service"], row["verdict"]) == ("Gamma", "视频", "")
    assert row["review"] == "in_progress" and row["error"] == "no matching submission"
    assert err == "1 file: 0 scored, 0 invalid, 1 review (0 paired with a submission)\n"


def test_the_latest_review_of_a_submission_pairs_and_the_earlier_one_is_listed(tmp_path):
    submission = write_answers(tmp_path / "acme.json", answers("Acme"))
    write_review(tmp_path / "first.json", submission, date="2026-11-01", decision="rejected", conditions=[])
    write_review(tmp_path / "second.json", submission, date="2026-12-01", decision="approved", conditions=[])
    code, rows, _ = csv_rows(tmp_path)
    assert code == 0
    assert rows["acme.json"]["review"] == "approved" and rows["acme.json"]["review_file"].endswith("second.json")
    assert rows["first.json"]["review"] == "rejected"
    assert rows["first.json"]["error"] == f"earlier review of the same submission; the latest is {tmp_path / 'second.json'}"


def test_a_refused_review_file_is_an_invalid_row_named_as_a_review_problem(tmp_path):
    submission = write_answers(tmp_path / "acme.json", answers("Acme"))
    write_review(tmp_path / "bad-review.json", submission, decision="maybe", conditions=[])
    code, rows, err = csv_rows(tmp_path)
    assert code == 1 and "2 files: 1 scored, 1 invalid" in err
    assert rows["bad-review.json"]["verdict"] == "invalid"
    assert rows["bad-review.json"]["error"] == 'decision: expected one of approved, conditional, rejected, got "maybe"'
    assert rows["acme.json"]["review"] == ""


def test_hostile_text_in_a_review_is_escaped_in_text_and_neutralised_in_csv(tmp_path):
    elsewhere = write_answers(tmp_path / "x.json", answers("=cmd|' /C calc'!A0", "\x1b[2Kfake"))
    folder = tmp_path / "reviews"
    folder.mkdir()
    write_review(folder / "r.json", elsewhere)
    out = run(["summary", folder])[1]
    assert "\x1b" not in out and "\\x1b[2Kfake" in out
    code, rows, _ = csv_rows(folder)
    assert rows["r.json"]["organisation"] == "'=cmd|' /C calc'!A0"
