"""The boundaries of the rules in Python (tests/edge_vectors.py computes them from the data file;
tests/js/ runs the same vectors through answers/scoring.js and review/review-file.js and compares)."""

from __future__ import annotations

import json

import pytest

import assessment
from assessment.review import review_file as review
from tests import edge_vectors, review_vectors
from tests.js_fixtures import BUNDLED, TEST, with_reachable_ready_percent

CRITERIA = {"bundled": BUNDLED, "test": with_reachable_ready_percent(TEST)}


@pytest.mark.parametrize("key", sorted(CRITERIA))
def test_exactly_at_ready_percent_is_ready_and_one_step_below_is_conditional(key):
    criteria = CRITERIA[key]
    edges = edge_vectors.ready_edges(criteria)
    for edge in edges:
        result = assessment.score(criteria, assessment.parse_answers(criteria, edge["doc"]))
        assert (result["verdict"], result["earned"], result["possible"]) == (edge["verdict"], edge["earned"], edge["possible"])
    at, below = edges
    assert at["earned"] * 100 == criteria.scoring.ready_percent * at["possible"]
    assert below["earned"] * 100 < criteria.scoring.ready_percent * below["possible"]


def test_the_bundled_ready_percent_is_reachable_exactly_so_its_edge_is_tested_without_a_stand_in():
    assert with_reachable_ready_percent(BUNDLED) is BUNDLED


@pytest.mark.parametrize("key", sorted(CRITERIA))
def test_a_value_exactly_at_each_threshold_meets_it_and_the_nearest_number_past_it_does_not(key):
    criteria = CRITERIA[key]
    edges = edge_vectors.threshold_edges(criteria)
    assert {e["item"] for e in edges} == {i.id for i in criteria.items if i.kind != "check"}
    for edge in edges:
        answers = assessment.parse_answers(criteria, edge["doc"])
        item = next(i for i in criteria.items if i.id == edge["item"])
        assert assessment.answers.scoring.status_of(criteria, item, answers.answers[item.id]) == edge["status"], edge["name"]
        if edge["name"].split(" ")[1] == "exactly":
            assert edge["status"] == "met"


BASE = next(v for v in review_vectors.VALID if v["name"].startswith("a conditional approval"))["doc"]
REVIEW_EDGES = edge_vectors.review_edges(BASE)


@pytest.mark.parametrize("edge", REVIEW_EDGES, ids=[e["name"] for e in REVIEW_EDGES])
def test_review_files_at_each_limit_and_date_edge(edge):
    doc, problem = review.decode(edge["data"])
    problems = [problem] if problem else review.problems(review_vectors.CRITERIA, doc)
    assert (problems == []) == edge["accepted"], problems
    if not edge["accepted"]:
        assert len(problems) == 1


def test_review_size_and_nesting_edges_are_at_the_modules_limits():
    sizes = {len(e["data"]) for e in REVIEW_EDGES if e["name"].endswith("bytes")}
    assert sizes == {review.MAX_BYTES, review.MAX_BYTES + 1}
    past = next(e for e in REVIEW_EDGES if e["name"] == f"nested exactly {review.MAX_DEPTH + 1} levels")
    assert review.problems(review_vectors.CRITERIA, json.loads(past["data"])) == [
        f"(top level): nested deeper than {review.MAX_DEPTH} levels"]
