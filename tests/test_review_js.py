"""review/review-file.js and shared/sha256.js in Chromium agree exactly with assessment/review/review_file.py and hashlib."""

from __future__ import annotations

import base64
import hashlib
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.criteria import versions as history
from assessment.review import review_file as review
from tests.review_vectors import BINDINGS, CRITERIA, INVALID, VALID, file_bytes

CRITERIA_JSON = history.published(CRITERIA)

READ = """async ([criteria, b64]) => {
  const m = await import('./assets/javascripts/review/review-file.js');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return m.readReview(criteria, bytes).problems;
}"""

SHA = """async (b64) => {
  const { sha256 } = await import('./assets/javascripts/shared/sha256.js');
  return sha256(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}"""


@pytest.fixture(scope="module")
def tab(site_tab):
    return site_tab


def js_problems(tab, data: bytes) -> list[str]:
    return tab.evaluate(READ, [CRITERIA_JSON, base64.b64encode(data).decode()])


def py_problems(data: bytes) -> list[str]:
    doc, problem = review.decode(data)
    return [problem] if problem else review.problems(CRITERIA, doc)


@pytest.mark.parametrize("vector", VALID, ids=[v["name"] for v in VALID])
def test_js_accepts_each_review_python_accepts(tab, vector):
    assert js_problems(tab, file_bytes(vector)) == [] == py_problems(file_bytes(vector))


@pytest.mark.parametrize("vector", INVALID, ids=[v["name"] for v in INVALID])
def test_js_refuses_each_bad_review_with_python_s_messages_byte_for_byte(tab, vector):
    data = file_bytes(vector)
    found = js_problems(tab, data)
    assert found == py_problems(data) == vector["problems"]


def test_js_refuses_an_oversized_review_like_python(tab):
    data = b" " * review.MAX_BYTES + b"{}"
    assert js_problems(tab, data) == py_problems(data) == [f"(file): the file is {review.MAX_BYTES + 2:,} bytes; the limit for a review file is {review.MAX_BYTES:,}"]


# Random review-shaped documents with wrong and odd values in every place.
odd = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False),
                st.text(max_size=45), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
entry = st.one_of(odd, st.fixed_dictionaries({}, optional={
    "decision": st.one_of(st.sampled_from(["accepted", "needs_work", "rejected", "ok"]), odd),
    "comment": st.one_of(st.text(max_size=5), odd), "x": odd}))
ids = st.one_of(st.sampled_from(["r1", "m1", "overview", "10", "2", "01", "__proto__", "a b"]), st.text(max_size=4))
reviews = st.fixed_dictionaries(
    {"format": st.sampled_from(["sp-readiness-review", "x"]), "format_version": st.sampled_from([1, 1.0, 2, True]),
     "criteria_version": st.one_of(st.just("test-1"), odd),
     "submission_sha256": st.sampled_from(["a" * 64, "A" * 64, "a" * 63]),
     "submission": st.one_of(st.just(VALID[0]["doc"]["submission"]), odd),
     "reviewer": st.one_of(st.fixed_dictionaries({}, optional={"name": st.one_of(st.text(max_size=3), odd),
                                                               "date": st.sampled_from(["", "2026-12-01", "2026-02-30"]),
                                                               "role": odd}), odd)},
    optional={"items": st.one_of(st.dictionaries(ids, entry, max_size=4), odd),
              "plan": st.one_of(st.dictionaries(ids, entry, max_size=3), odd),
              "decision": st.one_of(st.sampled_from(["approved", "conditional", "rejected"]), odd),
              "conditions": st.one_of(st.lists(st.one_of(odd, st.fixed_dictionaries({}, optional={
                  "text": st.one_of(st.text(max_size=3), odd), "due": st.sampled_from(["2027-01-15", "2027-02-29", "x"]),
                  "y": odd})), max_size=3), odd),
              "summary": st.one_of(st.text(max_size=3), odd), "other": odd})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reviews)
def test_random_review_documents_are_judged_identically_in_python_and_js(tab, doc):
    data = json.dumps(doc).encode("ascii")
    assert js_problems(tab, data) == py_problems(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=60))
def test_random_bytes_are_judged_identically_in_python_and_js(tab, data):
    assert js_problems(tab, data) == py_problems(data)


# --- SHA-256 -------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 1_000_000])
def test_sha256_js_matches_hashlib_at_every_padding_boundary(tab, size):
    data = random.Random(size).randbytes(size)
    assert tab.evaluate(SHA, base64.b64encode(data).decode()) == hashlib.sha256(data).hexdigest()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_sha256_js_matches_hashlib_on_random_bytes(tab, data):
    assert tab.evaluate(SHA, base64.b64encode(data).decode()) == hashlib.sha256(data).hexdigest()


# --- what changed since the review ---------------------------------------------------------

CHANGES = """async ([criteria, review, current]) => {
  const m = await import('./assets/javascripts/review/review-file.js');
  return m.reviewChanges(criteria, review, current);
}"""


def test_review_changes_name_the_items_and_plan_sections_the_sp_changed_since(tab):
    reviewed = VALID[1]["doc"]
    current = json.loads(json.dumps(reviewed["submission"]))
    current["answers"]["r1"]["note"] = "客服 25 人"  # a note changed
    current["answers"]["m1"] = {"value": 2}  # unchanged
    current["answers"]["r2"] = {"status": "met"}  # newly answered
    current["plan"]["overview"] = "我们的方案（修订）"
    assert tab.evaluate(CHANGES, [CRITERIA_JSON, reviewed, current]) == {"items": ["r1", "r2"], "plan": ["overview"]}
    assert tab.evaluate(CHANGES, [CRITERIA_JSON, reviewed, reviewed["submission"]]) == {"items": [], "plan": []}


BINDING = """async ([criteria, review, text]) => {
  const m = await import('./assets/javascripts/review/review-file.js');
  return m.bindingProblem(criteria, review, new TextEncoder().encode(text));
}"""


@pytest.mark.parametrize("vector", BINDINGS, ids=[v["name"] for v in BINDINGS])
def test_js_trusts_a_review_only_when_the_file_it_names_holds_its_answers_as_python_does(tab, vector):
    assert review.problems(CRITERIA, vector["review"]) == []
    found = tab.evaluate(BINDING, [CRITERIA_JSON, vector["review"], vector["answers"]])
    assert found == vector["problem"] == review.binding_problem(
        CRITERIA, review.parse(CRITERIA, vector["review"]), vector["answers"].encode("utf-8"))
