"""Rules of assessment/plan/plan.py that only Python meets: numbers JSON cannot carry to the Node tests
(written as JavaScript's String() writes them), and the Word plan without its annex."""

from __future__ import annotations

import math

import pytest

import assessment
from assessment.plan import plan
from assessment.plan import plan_file
from assessment.shared.formatting import js_number, percent
from tests.test_plan import CRITERIA


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_number_json_cannot_hold_is_written_as_javascript_writes_it(value):
    # JavaScript's own spellings (ECMAScript Number::toString), the plan's rule for every number.
    assert js_number(value) == {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]


@pytest.mark.parametrize("lang", sorted(plan.LABELS))
def test_the_word_plan_has_the_annex_only_when_asked(lang):
    answers = assessment.parse_answers(CRITERIA, {"format": "sp-readiness-answers", "format_version": 2,
                                                  "criteria_version": CRITERIA.version, "answers": {}})
    result = assessment.score(CRITERIA, answers)
    title = plan.LABELS[lang]["annex"]
    texts = lambda annex: [p.text for p in plan_file.docx_document(CRITERIA, answers, result, lang, annex).paragraphs]
    assert title in texts(True)
    assert title not in texts(False)


@pytest.mark.parametrize("name", ["plan.md", "plan.html"])
def test_a_plan_written_without_its_annex_has_none(tmp_path, name):
    answers = assessment.parse_answers(CRITERIA, {"format": "sp-readiness-answers", "format_version": 2,
                                                  "criteria_version": CRITERIA.version, "answers": {}})
    result = assessment.score(CRITERIA, answers)
    title = plan.LABELS["en"]["annex"]
    with_annex = plan_file.write(tmp_path / f"a-{name}", CRITERIA, answers, result, "en").read_text(encoding="utf-8")
    without = plan_file.write(tmp_path / name, CRITERIA, answers, result, "en", annex=False).read_text(encoding="utf-8")
    assert title in with_annex and title not in without


def test_a_score_with_no_possible_points_is_written_as_a_dash_and_zero_as_zero():
    assert percent(None) == "—"
    assert percent(0) == "0%"


@pytest.mark.parametrize("lang", sorted(plan.LABELS))
def test_the_self_assessment_alone_in_markdown_ends_in_one_line_break(lang):
    answers = assessment.parse_answers(CRITERIA, {"format": "sp-readiness-answers", "format_version": 2,
                                                  "criteria_version": CRITERIA.version, "answers": {}})
    text = plan.markdown(CRITERIA, answers, assessment.score(CRITERIA, answers), lang, with_plan=False)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert plan.LABELS[lang]["annex"] in text and plan.LABELS[lang]["sign_off"] not in text
