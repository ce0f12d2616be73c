"""The browser scorer (answers/scoring.js, in Chromium) agrees exactly with the Python reference."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assessment
from assessment.criteria import versions as history
from tests.scoring_vectors import CRITERIA, INVALID, VALID

CRITERIA_JSON = history.published(CRITERIA)
BUNDLED = assessment.load()
BUNDLED_JSON = history.published(BUNDLED)

RUN = """async ([criteria, text]) => {
  const m = { ...(await import('./assets/javascripts/answers/answers-file.js')), ...(await import('./assets/javascripts/answers/scoring.js')) };
  const doc = JSON.parse(text);
  const problems = m.validate(criteria, doc);
  return {problems, result: problems.length ? null : JSON.stringify(m.score(criteria, doc))};
}"""


@pytest.fixture(scope="module")
def scorer(site_tab):
    return lambda criteria, doc: site_tab.evaluate(RUN, [criteria, doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)])


def python_side(criteria, doc: dict):
    problems = assessment.answers.answers_file.problems(criteria, doc)
    return problems, None if problems else assessment.to_json(assessment.score(criteria, assessment.parse_answers(criteria, doc)))


@pytest.mark.parametrize("vector", VALID, ids=[v["name"] for v in VALID])
def test_js_scores_each_shared_vector_byte_for_byte_like_python(scorer, vector):
    out = scorer(CRITERIA_JSON, vector["answers"])
    assert out["problems"] == []
    assert out["result"] == assessment.to_json(vector["expected"])


@pytest.mark.parametrize("vector", INVALID, ids=[v["name"] for v in INVALID])
def test_js_refuses_each_bad_vector_with_the_same_messages_as_python(scorer, vector):
    # The vectors file is read as text so that 1e999 overflows in JavaScript's parser too.
    text = json.dumps(vector["answers"], ensure_ascii=False).replace("Infinity", "1e999")
    out = scorer(CRITERIA_JSON, text)
    assert out["problems"] == assessment.answers.answers_file.problems(CRITERIA, vector["answers"]) == vector["problems"]


# --- random answers -------------------------------------------------------------------

def answer_for(criteria, item):
    """A valid answer: counts whole, durations in any duration unit or none (the version's), any version."""
    status = st.sampled_from(["met", "partial", "unmet", "na"] if item.na_allowed else ["met", "partial", "unmet"])
    versions = st.sampled_from(sorted(criteria.history) or [criteria.version])
    extras = st.fixed_dictionaries({}, optional={"note": st.text(max_size=20), "evidence": st.text(max_size=20),
                                                 "version": versions})
    if item.kind == "check":
        core = st.one_of(st.just({}), status.map(lambda s: {"status": s}))
    else:
        unit = criteria.units[criteria.threshold(item).unit]
        if unit.measures == "count":
            core = st.one_of(st.just({}), st.integers(0, 30).map(lambda v: {"value": v}))
        else:
            number = st.one_of(st.integers(0, 3000), st.floats(0, 3000, allow_nan=False, allow_infinity=False))
            units = st.sampled_from([None] + [k for k, u in criteria.units.items() if u.measures == "duration"])
            core = st.one_of(st.just({}), st.tuples(number, units).map(
                lambda t: {"value": t[0]} if t[1] is None else {"value": t[0], "unit": t[1]}))
        if item.na_allowed:
            core = st.one_of(core, st.just({"status": "na"}))
    return st.tuples(core, extras).map(lambda t: {**t[0], **t[1]})


def answers_docs(criteria):
    known = st.fixed_dictionaries({}, optional={item.id: answer_for(criteria, item) for item in criteria.items})
    unknown = st.dictionaries(st.text(min_size=1, max_size=6).filter(lambda k: k not in {i.id for i in criteria.items}),
                              st.just({"status": "met"}), max_size=3)
    versions = st.sampled_from(sorted(criteria.history) or [criteria.version])
    return st.tuples(known, unknown, versions).map(lambda t: {
        "format": "sp-readiness-answers", "format_version": 3, "criteria_version": t[2],
        "answers": {**t[0], **t[1]}})


@pytest.mark.parametrize("criteria, criteria_json", [(CRITERIA, CRITERIA_JSON), (BUNDLED, BUNDLED_JSON)], ids=["vectors", "bundled"])
def test_random_answers_score_identically_in_python_and_js(scorer, criteria, criteria_json):
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(answers_docs(criteria))
    def check(doc):
        problems, result = python_side(criteria, doc)
        assert problems == []
        assert scorer(criteria_json, doc) == {"problems": [], "result": result}

    check()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from([i.id for i in CRITERIA.items] + ["x"]),
                       st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3),
                                 st.dictionaries(st.sampled_from(["status", "value", "unit", "version", "note", "evidence", "other"]),
                                                 st.one_of(st.none(), st.booleans(), st.integers(-2, 40), st.floats(0, 9),
                                                           st.sampled_from(["met", "partial", "unmet", "na", "yes",
                                                                            "hour", "minute", "channel", "week", "test-1"]))))))
def test_random_malformed_answers_are_judged_identically_in_python_and_js(scorer, answers):
    doc = {"format": "sp-readiness-answers", "format_version": 1, "criteria_version": "x", "answers": answers}
    problems, result = python_side(CRITERIA, doc)
    assert scorer(CRITERIA_JSON, doc) == {"problems": problems, "result": result}
