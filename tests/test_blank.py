"""One definition of blank text in Python and in the browser (tests/vectors/blank.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.shared import blank
from assessment.plan import plan
from assessment.review import review_file as review
from assessment.criteria import versions
from tests.review_vectors import CRITERIA, VALID

CASES = json.loads((Path(__file__).parent / "vectors" / "blank.json").read_text(encoding="utf-8"))["cases"]
CONDITIONAL = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]
JUDGE = """async (texts) => {
  const m = await import('./assets/javascripts/shared/blank.js');
  const p = await import('./assets/javascripts/plan/plan.js');
  return texts.map((t) => [m.isBlank(t), m.trim(t), p.writtenText(t)]);
}"""


@pytest.mark.parametrize("case", CASES, ids=[repr(c["text"]) for c in CASES])
def test_python_judges_each_vector(case):
    assert (blank.is_blank(case["text"]), blank.trim(case["text"])) == (case["blank"], case["trimmed"])


def test_the_browser_judges_every_vector_as_python_does(site_tab):
    found = site_tab.evaluate(JUDGE, [c["text"] for c in CASES])
    assert found == [[c["blank"], c["trimmed"], plan.written_text(c["text"])] for c in CASES]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(blank.BLANK_CHARS + "a\u00ad\u3164\x1b"), max_size=12), min_size=20, max_size=20))
def test_random_texts_of_blank_and_near_blank_characters_are_judged_alike(site_tab, texts):
    found = site_tab.evaluate(JUDGE, texts)
    assert found == [[blank.is_blank(t), blank.trim(t), plan.written_text(t)] for t in texts]


@pytest.mark.parametrize("text", ["\x1c\x1d\x1e\x1f", "\x85", "\ufeff", "\u3000", "\u200b"])
def test_a_condition_of_characters_python_or_javascript_keep_is_refused_by_both(site_tab, text):
    doc = json.loads(json.dumps(CONDITIONAL))
    doc["conditions"][0]["text"] = text
    data = json.dumps(doc).encode("ascii")
    problem = "conditions[0].text: expected a text, got"
    assert any(p.startswith(problem) for p in review.problems(CRITERIA, doc))
    js = site_tab.evaluate("""async ([criteria, text]) => {
      const m = await import('./assets/javascripts/review/review-file.js');
      return m.readReview(criteria, new TextEncoder().encode(text)).problems;
    }""", [versions.published(CRITERIA), data.decode()])
    assert js == review.problems(CRITERIA, doc)


@pytest.mark.parametrize("text", ["\ufeff", "\x85", "\u2028", "\u200b\u3000", "  \n\t", "\x1c", "x", "\x00"])
def test_report_and_the_plans_checks_agree_which_sections_are_written(text):
    from assessment.answers import answers_file as answers
    from assessment.cli import report
    from assessment.answers.scoring import score
    criteria = plan_criteria()
    part = next(p for p in criteria.template if not p.group)
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": criteria.version,
           "answers": {}, "plan": {part.id: text}}
    read = answers.parse(criteria, doc)
    checks = plan.plan_checks(criteria, read, score(criteria, read))
    written = part.id in checks["written"]
    assert written == (part.number not in report.empty_plan_sections(criteria, read)) == plan.written_text(text)
    # Only what a reader cannot see is unwritten; a control character shows as U+FFFD in every document.
    assert written == (not blank.is_blank(text))


def plan_criteria():
    return CRITERIA
