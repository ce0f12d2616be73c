"""`python -m assessment review`: the review printed in four formats, the reviewed file checked, bad files named."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assessment
from assessment.criteria import quantity
from tests.cli import run
from tests.review_vectors import HERE, VALID

CRITERIA = HERE / "criteria.yml"
_LOADED = assessment.load(CRITERIA)
# The review vectors answer m1 (clause 4.1) with 2: written with the data file's unit and threshold.
M1_ANSWER = (f"Met ({quantity.text(2, _LOADED.unit_of(_LOADED.item('m1')), 'en')}; required: at least "
             f"{quantity.threshold_text(_LOADED, _LOADED.item('m1').threshold, 'en')})")
CONDITIONAL = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]


def write(tmp_path, doc, name="review.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="ascii")  # ASCII keeps a lone surrogate an escape
    return path


def review_cli(*args):
    return run(["review", *args, "--criteria", CRITERIA])


def test_text_prints_decision_conditions_and_each_items_decision_comment_clause_and_question(tmp_path):
    code, out, err = review_cli(write(tmp_path, CONDITIONAL), "--lang", "en")
    assert code == 0, err
    assert "Overall decision: Approved with conditions" in out
    assert "1. Due 2027-01-15: 补充第二种全天候渠道" in out
    assert f"m1 (clause 4.1) Q\n    Answer: {M1_ANSWER}; Decision: Needs work\n    Comment: 只有一种渠道" in out
    assert "m2 (clause 4.2) Q\n    Answer: Unanswered; Decision: Rejected" in out
    assert "1 Overview: Needs work\n    Comment: 请补充负责人" in out
    assert "Summary: 基本可以" in out


def test_chinese_labels_by_default(tmp_path):
    code, out, _ = review_cli(write(tmp_path, CONDITIONAL))
    assert code == 0 and "审核结论：有条件批准" in out and "期限 2027-01-15" in out


def test_answers_check_exit_0_for_the_reviewed_bytes_and_1_for_any_other_file(tmp_path):
    submission = json.dumps(CONDITIONAL["submission"], ensure_ascii=False, indent=2).encode("utf-8")
    reviewed = tmp_path / "answers.json"
    reviewed.write_bytes(submission)
    path = write(tmp_path, {**CONDITIONAL, "submission_sha256": hashlib.sha256(submission).hexdigest()})
    code, out, _ = review_cli(path, "--answers", reviewed, "--lang", "en")
    assert code == 0 and "this is the file that was reviewed" in out
    same_json_other_bytes = tmp_path / "reformatted.json"
    same_json_other_bytes.write_text(json.dumps(CONDITIONAL["submission"]), encoding="utf-8")
    code, out, _ = review_cli(path, "--answers", same_json_other_bytes, "--lang", "en")
    assert code == 1 and "NOT the file that was reviewed" in out
    assert "its answers and plan are the same as reviewed" in out
    changed = tmp_path / "changed.json"
    sub = json.loads(submission)
    changed.write_text(json.dumps({**sub, "answers": {**sub["answers"], "r1": {"status": "partial"}}, "plan": {}}), encoding="utf-8")
    code, out, _ = review_cli(path, "--answers", changed, "--lang", "en")
    assert code == 1 and "changed since the review (2):" in out
    assert "  Q (clause 1.1): Answer: Met → Partly met\n" in out  # clause, old -> new
    assert "  plan 1 Overview: text changed" in out and "  verdict: Incomplete (" in out
    code, out, _ = review_cli(path, "--answers", changed)  # the chosen language, Chinese by default
    assert "不是所审核的文件" in out and "（第1.1条）：回答：满足 → 部分满足" in out  # full-width in Chinese
    code, out, _ = review_cli(path, "--answers", changed, "--format", "csv")
    check_rows = [r for r in csv.reader(io.StringIO(out)) if r[0] == "answers_check"]
    assert "不是所审核的文件" in check_rows[0][3] and any("部分满足" in r[3] for r in check_rows)
    code, out, _ = review_cli(path, "--answers", CRITERIA, "--lang", "en")
    assert code == 1 and "it is not a valid answers file either" in out
    code, out, _ = review_cli(path, "--answers", reviewed, "--format", "json")
    assert code == 0 and json.loads(out)["answers_check"]["reviewed"] is True


def test_bad_review_file_is_named_with_place_and_problem_exit_2_no_traceback(tmp_path):
    path = write(tmp_path, {**CONDITIONAL, "decision": "maybe", "conditions": "soon"})
    code, out, err = review_cli(path)
    assert code == 2 and out == ""
    assert f"{path}: decision: expected one of approved, conditional, rejected, got \"maybe\"" in err
    assert f"{path}: conditions: expected a list, got \"soon\"" in err
    assert all(line.startswith(f"{path}: ") for line in err.splitlines())  # one "FILE: where: what" per line
    assert "Traceback" not in err
    code, _, err = review_cli(tmp_path / "missing.json")
    assert code == 2 and "missing.json: (file): cannot read the file" in err
    code, _, err = review_cli(write(tmp_path, CONDITIONAL), "--answers", tmp_path / "nope.json")
    assert code == 2 and "nope.json: (file): cannot read the file" in err


HOSTILE = {**CONDITIONAL, "summary": "=HYPERLINK(\"http://x\")\rnext", "reviewer": {"name": "\x1b[2J\x1b[H李四"},
           "items": {"r1": {"decision": "accepted", "comment": "@SUM(A1)\ud800\u202e"}},
           "plan": {"overview": {"comment": "<img src=x onerror=alert(1)>"}}}


def test_csv_neutralises_formulas_and_quotes_a_bare_carriage_return(tmp_path):
    code, out, _ = review_cli(write(tmp_path, HOSTILE), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    overall = next(r for r in rows if r[0] == "overall")
    assert overall[6] == "'=HYPERLINK(\"http://x\")\rnext"
    item = next(r for r in rows if r[1] == "r1")
    assert item[6] == "'@SUM(A1)\\ud800\u202e"
    assert len(rows) == 2 + 1 + 6 + 1  # head, overall, one condition, six items, one plan section


def test_text_and_markdown_escape_control_characters_and_no_format_breaks_on_a_lone_surrogate(tmp_path):
    path = write(tmp_path, HOSTILE)
    for fmt in ("text", "markdown", "json", "csv"):
        code, out, err = review_cli(path, "--format", fmt)
        assert code == 0, err
        out.encode("utf-8")  # a lone surrogate would raise here, as it would on a real terminal
        assert "\x1b" not in out
    _, text_out, _ = review_cli(path)
    assert "\\x1b[2J\\x1b[H李四" in text_out and "\\u202e" in text_out
    _, md, _ = review_cli(path, "--format", "markdown")
    assert "&lt;img src=x onerror=alert(1)&gt;" in md and "<img" not in md


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_json_and_markdown_hold_every_item_and_section(tmp_path, fmt):
    code, out, _ = review_cli(write(tmp_path, CONDITIONAL), "--format", fmt, "--lang", "en")
    assert code == 0
    if fmt == "json":
        doc = json.loads(out)
        assert [i["id"] for i in doc["items"]] == ["m1", "m2", "r1", "r2", "c1", "m3"]
        assert doc["decision"] == "conditional" and doc["plan"][0]["comment"] == "请补充负责人"
    else:
        assert "**Overall decision: Approved with conditions**" in out and "| 补充第二种全天候渠道 | 2027-01-15 |" in out


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=80),
                 json_values.map(lambda v: json.dumps(v).encode()),
                 st.dictionaries(st.sampled_from(sorted(CONDITIONAL)), json_values).map(
                     lambda d: json.dumps({**CONDITIONAL, **d}).encode())))
def test_any_file_is_printed_or_refused_with_exit_2_never_a_traceback(tmp_path, data):
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    for fmt in ("text", "csv"):
        code, out, err = review_cli(path, "--format", fmt)
        assert code in (0, 2)
        assert (code == 2) == bool(err) and (out == "") == (code == 2)
        (out + err).encode("utf-8")
