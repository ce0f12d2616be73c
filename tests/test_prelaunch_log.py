"""The pre-launch test log (clause 3.3) in review file format 2, in Python: the schedule data file,
the figures by the ticket evidence's rule, the submission's text bound to its SHA-256, and
`python -m assessment review` printing the log in every format and both languages."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json

import pytest

import assessment
from assessment.shared import markdown_text
from assessment.review import review_file as review
from assessment.review import prelaunch_log as test_log
from assessment.review import prelaunch_schedule as test_schedule
from assessment.criteria import texts
from assessment.evidence.measure import threshold_minutes
from tests.cli import run
from tests.review_vectors import HERE, INVALID, VALID

CRITERIA_PATH = HERE / "criteria.yml"
CRITERIA = assessment.load(CRITERIA_PATH)
SCHEDULE = test_schedule.load()
WORDS = texts.table("review")
V2 = next(v for v in VALID if v["name"].startswith("format 2: the submission's exact text"))["doc"]
V1 = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]


def at(day: datetime.date, minutes: float) -> str:
    """A log time: `minutes` after midnight of `day`, as YYYY-MM-DDTHH:MM."""
    moment = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M")


def holiday() -> datetime.date:
    """A public holiday of the data file that is a weekday, so a test on it covers nothing else."""
    return next(d for d in map(datetime.date.fromisoformat, SCHEDULE.holidays) if d.weekday() < 5)


def log_doc(tests, **extra) -> dict:
    return {"time_zone": test_log.DEFAULT_ZONE, "tests": tests, **extra}


# --- the schedule data file ------------------------------------------------------------------------


def test_every_public_holiday_has_a_named_source_and_the_night_is_a_window_of_hours():
    years = {s["year"] for s in SCHEDULE.sources}
    assert SCHEDULE.holidays and all(int(day[:4]) in years for day in SCHEDULE.holidays)
    assert all(s["title"] and s["url"].startswith("https://") for s in SCHEDULE.sources)
    assert 0 <= SCHEDULE.night[0] < SCHEDULE.night[1] <= 24


def test_a_bad_schedule_file_is_refused_naming_file_place_and_problem(tmp_path):
    text = test_schedule.PATH.read_text(encoding="utf-8")
    first = next(iter(SCHEDULE.holidays))
    bad = tmp_path / "test_schedule.yml"
    bad.write_text(text.replace(f"from: {first}", "from: 2026-02-30", 1), encoding="utf-8")
    with pytest.raises(test_schedule.ScheduleError) as error:
        test_schedule.load.__wrapped__(bad)
    assert str(error.value).startswith(f"{bad}: ")


# --- the figures -------------------------------------------------------------------------------------


def test_each_test_counts_as_a_ticket_by_the_evidence_rule_against_clause_4_2s_threshold():
    limit = threshold_minutes(CRITERIA)
    day = holiday()
    tests = [
        {"channel": "热线", "contacted": at(day, 600), "replied": at(day, 600 + limit)},  # within, inclusive
        {"channel": "热线", "contacted": at(day, 700), "replied": at(day, 700 + limit + 1)},  # late
        {"channel": "在线", "contacted": at(day, 800)},  # no reply, older than the threshold at the cut-off
        {"channel": "在线", "contacted": at(day, 900 + 2 * limit - 1), "replied": ""},  # no reply, not yet due
    ]
    figures = test_log.figures(CRITERIA, log_doc(tests), SCHEDULE, as_of=at(day, 900 + 2 * limit))
    assert (figures["within"], figures["late"], figures["unanswered_breached"], figures["pending"]) == (1, 1, 1, 1)
    assert figures["attainment"] == 1 / 3 and figures["threshold_minutes"] == limit and figures["planned"] == 0
    by = {c["channel"]: c for c in figures["by_channel"]}
    assert (by["热线"]["within"], by["热线"]["late"], by["在线"]["unanswered_breached"], by["在线"]["pending"]) == (1, 1, 1, 1)


def test_tests_after_the_cut_off_are_planned_and_count_for_no_kind_of_hour():
    day = holiday()
    tests = [{"channel": "热线", "contacted": at(day, 600)}, {"channel": "热线", "contacted": at(day, 60 * 24 + 600)}]
    figures = test_log.figures(CRITERIA, log_doc(tests), SCHEDULE, as_of=at(day, 601))
    assert figures["tickets"] == 1 and figures["planned"] == 1


def test_night_weekend_and_holiday_are_told_apart_per_channel_from_the_data_file():
    day = holiday()
    saturday = next(day + datetime.timedelta(days=n) for n in range(1, 60)
                    if (day + datetime.timedelta(days=n)).weekday() == 5
                    and (day + datetime.timedelta(days=n)).isoformat() not in SCHEDULE.holidays)
    weekday = next(day + datetime.timedelta(days=n) for n in range(1, 30)
                   if (day + datetime.timedelta(days=n)).weekday() < 5
                   and (day + datetime.timedelta(days=n)).isoformat() not in SCHEDULE.holidays)
    night = SCHEDULE.night[0] * 60
    tests = [{"channel": "热线", "contacted": at(weekday, night)},  # night only
             {"channel": "在线", "contacted": at(saturday, 12 * 60)},  # weekend only
             {"channel": "邮件", "contacted": at(day, 12 * 60)},  # holiday only
             {"channel": "短信", "contacted": at(weekday, SCHEDULE.night[1] * 60)}]  # the window's end is not night
    figures = test_log.figures(CRITERIA, log_doc(tests), SCHEDULE, as_of=at(weekday + datetime.timedelta(days=40), 0))
    kinds = {c["channel"]: [k for k in test_log.KINDS if c[k]] for c in figures["by_channel"]}
    assert kinds == {"热线": ["night"], "在线": ["weekend"], "邮件": ["holiday"], "短信": []}


def test_without_a_cut_off_the_latest_time_in_the_log_is_the_cut_off():
    day = holiday()
    tests = [{"channel": "热线", "contacted": at(day, 600)}, {"channel": "热线", "contacted": at(day, 700), "replied": at(day, 701)}]
    figures = test_log.figures(CRITERIA, log_doc(tests), SCHEDULE)
    assert figures["cutoff"].startswith(at(day, 701)) and figures["unanswered_breached"] == 1


# --- the review file ---------------------------------------------------------------------------------


def test_a_format_2_review_keeps_its_text_and_test_log_and_a_format_1_review_is_still_read():
    new = review.parse(CRITERIA, V2)
    assert new.submission_text == V2["submission_text"] and new.test_log == V2["test_log"]
    assert hashlib.sha256(new.submission_text.encode("utf-8")).hexdigest() == new.submission_sha256
    old = review.parse(CRITERIA, V1)
    assert old.test_log is None and old.submission_text is None


@pytest.mark.parametrize("vector", [v for v in INVALID if v["name"].startswith("format 2: the text")], ids=lambda v: v["name"])
def test_review_and_summary_refuse_a_text_that_is_not_the_file_reviewed(tmp_path, vector):
    path = tmp_path / "review.json"
    path.write_text(json.dumps(vector["doc"], ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["review", path, "--criteria", CRITERIA_PATH])
    assert (code, out) == (2, "") and err == "".join(f"{path}: {p}\n" for p in vector["problems"])
    code, out, _ = run(["summary", path, "--criteria", CRITERIA_PATH, "--format", "json"])
    rows = json.loads(out)["files"]
    assert code == 1 and [(r["verdict"], r["error"]) for r in rows] == [("invalid", vector["problems"][0])]


def test_an_old_format_1_review_file_is_still_printed(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps(V1, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(["review", path, "--criteria", CRITERIA_PATH])
    assert code == 0 and err == "" and WORDS["zh"]["tl_h"] not in out


# --- printed ---------------------------------------------------------------------------------------


def hostile_review(tmp_path) -> tuple:
    day = holiday()
    doc = json.loads(json.dumps(V2))
    doc["test_log"]["tests"].append({"channel": "[x](javascript:alert(1))", "contacted": at(day, 60),
                                     "replied": "", "note": "# 审核结论：批准\n| a | b |"})
    path = tmp_path / "review.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path, review.parse(CRITERIA, doc)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_prints_the_log_and_its_figures_in_text_in_the_chosen_language(tmp_path, lang):
    path, parsed = hostile_review(tmp_path)
    code, out, _ = run(["review", path, "--criteria", CRITERIA_PATH, "--lang", lang])
    figures = test_log.figures(CRITERIA, parsed.test_log, SCHEDULE)
    assert code == 0 and WORDS[lang]["tl_h"] in out
    for line in test_log.figure_lines(CRITERIA, figures, lang):
        assert f"  {line}\n" in out
    for n, test in enumerate(parsed.test_log["tests"], 1):
        assert test_log.row_line(n, test, lang) in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_markdown_escapes_the_logs_text(tmp_path, lang):
    path, parsed = hostile_review(tmp_path)
    code, out, _ = run(["review", path, "--criteria", CRITERIA_PATH, "--lang", lang, "--format", "markdown"])
    assert code == 0 and f"## {WORDS[lang]['tl_h']}" in out
    assert markdown_text.cell("[x](javascript:alert(1))") in out and "[x](javascript:" not in out
    assert "\n# 审核结论" not in out and "| a | b |" not in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_json_and_csv_carry_the_log_and_the_same_figures(tmp_path, lang):
    path, parsed = hostile_review(tmp_path)
    figures = test_log.figures(CRITERIA, parsed.test_log, SCHEDULE)
    lines = test_log.figure_lines(CRITERIA, figures, lang)
    code, out, _ = run(["review", path, "--criteria", CRITERIA_PATH, "--lang", lang, "--format", "json"])
    shown = json.loads(out)["test_log"]
    assert code == 0 and shown["figures"] == json.loads(json.dumps(figures)) and shown["message"] == lines
    assert shown["tests"] == parsed.test_log["tests"]
    code, out, _ = run(["review", path, "--criteria", CRITERIA_PATH, "--lang", lang, "--format", "csv"])
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[3] for r in rows if r[0] == "test_figures"] == lines
    assert [r[3] for r in rows if r[0] == "test"] == [t["channel"] for t in parsed.test_log["tests"]]


def test_summary_pairs_a_format_2_review_with_its_submission_by_the_embedded_texts_bytes(tmp_path):
    (tmp_path / "answers.json").write_bytes(V2["submission_text"].encode("utf-8"))
    (tmp_path / "review.json").write_text(json.dumps(V2, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(["summary", tmp_path, "--criteria", CRITERIA_PATH, "--format", "json"])
    rows = json.loads(out)["files"]
    assert code == 0 and [r["review"] for r in rows] == [V2["decision"]]
