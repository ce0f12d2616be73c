"""The Python reference scorer and answers validation, rule by rule."""

from __future__ import annotations

import json

import pytest

import assessment
from assessment.__main__ import main
from tests.scoring_vectors import CRITERIA, HERE, INVALID, VALID


def scored(answers: dict, criteria=CRITERIA) -> dict:
    doc = {"format": "sp-readiness-answers", "format_version": 1, "criteria_version": criteria.version,
           "answers": answers}
    return assessment.score(criteria, assessment.parse_answers(criteria, doc))


@pytest.mark.parametrize("vector", VALID, ids=[v["name"] for v in VALID])
def test_shared_vector_scores_as_worked_by_hand(vector):
    result = assessment.score(CRITERIA, assessment.parse_answers(CRITERIA, vector["answers"]))
    assert result == vector["expected"]
    # Same bytes as JavaScript's JSON.stringify of the same object.
    assert assessment.to_json(result) == json.dumps(vector["expected"], ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("vector", INVALID, ids=[v["name"] for v in INVALID])
def test_shared_vector_is_refused_naming_item_and_problem(vector):
    assert assessment.answers.answers_file.problems(CRITERIA, vector["answers"]) == vector["problems"]


def test_credit_is_two_for_met_one_for_partial_zero_for_unmet_and_unanswered():
    base = {"m1": {"value": 1}, "m2": {"value": 1}, "m3": {"status": "met"}, "r2": {"status": "na"}, "c1": {"status": "na"}}
    earned = {s: scored({**base, "r1": {"status": s}})["earned"] for s in ("met", "partial", "unmet")}
    assert earned == {"met": 12 + 4 + 4, "partial": 12 + 2 + 4, "unmet": 12 + 0 + 4}
    assert scored(base)["earned"] == 16


def test_min_is_met_at_or_above_and_max_at_or_below_the_threshold():
    def statuses(m1, m2):
        r = scored({"m1": {"value": m1}, "m2": {"value": m2}})
        return ("m1" in r["blockers"], "m2" in r["blockers"])
    channels = CRITERIA.threshold(CRITERIA.item("m1")).value  # a count: whole numbers only
    hours = CRITERIA.threshold(CRITERIA.item("m2")).value  # a duration: decimals allowed
    assert statuses(channels, hours) == (False, False)
    assert statuses(channels - 1, hours + 0.001) == (True, True)
    assert statuses(channels + 6, 0) == (False, False)


def test_ready_needs_earned_times_100_at_least_ready_percent_times_possible():
    answers = {"m1": {"value": 1}, "m2": {"value": 1}, "m3": {"status": "met"}, "r1": {"status": "partial"},
               "r2": {"status": "na"}, "c1": {"status": "na"}}  # 18 of 20: exactly 90 %
    at = CRITERIA.model_copy(update={"scoring": CRITERIA.scoring.model_copy(update={"ready_percent": 90})})
    above = CRITERIA.model_copy(update={"scoring": CRITERIA.scoring.model_copy(update={"ready_percent": 91})})
    assert scored(answers, at)["verdict"] == "ready"
    assert scored(answers, above)["verdict"] == "conditional"


def test_the_bundled_criteria_score_a_complete_good_file_ready():
    criteria = assessment.load()
    answers = {i.id: ({"status": "met"} if i.kind == "check" else {"value": criteria.threshold(i).value})
               for i in criteria.items}
    result = scored(answers, criteria)
    assert (result["verdict"], result["percent"], result["unanswered"]) == ("ready", 100, [])


def test_bundled_criteria_cover_every_clause_of_sections_1_2_4_and_5_1_5_2():
    criteria = assessment.load()
    covered = {i.clause for i in criteria.items}
    wanted = {f"1.{n}" for n in range(1, 8)} | {f"2.{n}" for n in range(1, 6)} | {"4.1", "4.2", "5.1", "5.2"}
    assert wanted <= covered
    levels = {i.clause: i.level for i in criteria.items if i.clause}
    assert all(levels[c] == "mandatory" for c in ("4.1", "4.2", "5.1", "5.2"))
    assert all(levels[c] == "required" for c in wanted if c[0] in "12")
    kinds = {i.clause: (i.kind, criteria.units[criteria.threshold(i).unit].measures)
             for i in criteria.items if i.clause in ("4.1", "4.2")}
    assert kinds == {"4.1": ("min", "count"), "4.2": ("max", "duration")}


# --- files and the command line -------------------------------------------------------


def write(tmp_path, content: str | bytes, name="answers.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_cli_score_json_prints_the_result_object(tmp_path, capsys):
    vector = VALID[6]
    path = write(tmp_path, json.dumps(vector["answers"], ensure_ascii=False))
    assert main(["score", str(path), "--json", "--criteria", str(HERE / "criteria.yml")]) == 0
    out = capsys.readouterr().out.strip()
    assert out == assessment.to_json(vector["expected"])


def test_cli_score_text_names_verdict_and_blockers_by_clause_and_question(tmp_path, capsys):
    criteria = assessment.load()
    doc = {"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "old-1",
           "answers": {"quality-first-reply": {"value": 3}}}
    assert main(["score", str(write(tmp_path, json.dumps(doc))), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    question = criteria.item("quality-first-reply").question.en
    assert "Verdict: Not ready" in out and f"Launch conditions not met:\n  - clause 4.2 {question}" in out
    assert f"answered against criteria old-1, scored against {criteria.version}" in out


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "line 1, column 2: expected a key in double quotes or '}', found \"n\""),
    (b"\xff\xfe", "(file): not UTF-8 text; save the file as UTF-8"),
    ('{"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "x", "answers": {"quality-first-reply": {"value": NaN}}}',
     "line 1, column 127: expected a value, found \"N\""),
    ('{"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "x", "answers": {"cs-organisation": {"status": "done"}}}',
     'answers.cs-organisation: status: "done" is not one of met, partial, unmet, na'),
])
def test_cli_score_refuses_a_bad_file_with_exit_2_and_file_where_what(tmp_path, capsys, content, message):
    path = write(tmp_path, content)
    assert main(["score", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"{path}: {message}\n"


def test_cli_score_refuses_a_file_over_one_megabyte(tmp_path, capsys):
    path = write(tmp_path, '{"pad": "' + "x" * 1_000_001 + '"}')
    assert main(["score", str(path)]) == 2
    assert capsys.readouterr().err == f"{path}: (file): the file is 1,000,012 bytes; the limit for an answers file is 1,000,000\n"


def test_cli_score_reports_a_missing_file(tmp_path, capsys):
    assert main(["score", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nope.json'}: (file): cannot read the file (No such file or directory)\n"
