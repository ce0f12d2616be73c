"""The browser reads answers files by the same rule as Python: same verdicts, same messages, byte for byte."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import assessment
from assessment.criteria import versions as history
from assessment.answers import answers_file as answers
from tests.scoring_vectors import ANSWERS_FILES, CRITERIA, FILES, file_bytes

SCRIPTS = Path(__file__).parents[1] / "docs" / "assets" / "javascripts"
ORIGIN = "http://scoring.test"
CRITERIA_JSON = history.published(CRITERIA)

READ = """async ([criteria, b64]) => {
  const m = { ...(await import('/answers/answers-file.js')), ...(await import('/answers/scoring.js')) };
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const {doc, problems} = m.readAnswers(criteria, bytes);
  return {problems, keys: doc && Object.keys(doc), result: doc && JSON.stringify(m.score(criteria, doc)),
          valid: doc && m.validate(criteria, doc)};
}"""


@pytest.fixture(scope="module")
def scoring_page(browser):
    """A page of its own origin that serves answers/scoring.js and the modules it imports as the site does (no site build needed)."""
    context = browser.new_context()
    context.route(f"{ORIGIN}/", lambda route: route.fulfill(body="<!doctype html><title>t</title>", content_type="text/html"))
    context.route(f"{ORIGIN}/**/*.js", lambda route: route.fulfill(
        body=(SCRIPTS / route.request.url.removeprefix(f"{ORIGIN}/")).read_text(encoding="utf-8"),
        content_type="text/javascript"))
    tab = context.new_page()
    tab.goto(f"{ORIGIN}/")
    yield tab
    context.close()


@pytest.fixture(scope="module")
def read_js(scoring_page):
    return lambda data: scoring_page.evaluate(READ, [CRITERIA_JSON, base64.b64encode(data).decode()])


def python_side(data: bytes) -> dict:
    try:
        read = answers.read_bytes(CRITERIA, data, "f.json")
    except answers.AnswersError as exc:
        return {"problems": exc.problems, "keys": None, "result": None, "valid": None}
    doc, _ = answers.document(data)
    return {"problems": [], "keys": list(answers.accepted(doc)),
            "result": assessment.to_json(assessment.score(CRITERIA, read)), "valid": []}


@pytest.mark.parametrize("vector", FILES, ids=[v["name"] for v in FILES])
def test_js_judges_each_shared_file_vector_with_exactly_its_messages(read_js, vector):
    data = file_bytes(vector)
    out = read_js(data)
    assert out["problems"] == vector["problems"]
    assert out == python_side(data)


def test_js_keeps_only_known_top_level_keys_of_an_accepted_file(read_js):
    data = ('{"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "test-1", "answers": {},'
            ' "seen": "abc", "__proto__": {"x": 1}, "result": {}}').encode()
    assert read_js(data)["keys"] == ["format", "format_version", "criteria_version", "answers", "result"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ANSWERS_FILES)
def test_random_files_are_accepted_or_refused_identically_by_python_and_js(read_js, data):
    assert read_js(data) == python_side(data)


def test_js_words_a_refusal_by_size_before_reading_as_python_does(scoring_page):
    sizes = [1_000_001, 50_000_000, 12_345_678_901]
    words = scoring_page.evaluate("async (sizes) => sizes.map((await import('/answers/answers-file.js')).tooBig)", sizes)
    assert words == [answers.too_big(n) for n in sizes] == [
        "(file): the file is 1,000,001 bytes; the limit for an answers file is 1,000,000",
        "(file): the file is 50,000,000 bytes; the limit for an answers file is 1,000,000",
        "(file): the file is 12,345,678,901 bytes; the limit for an answers file is 1,000,000"]
