"""Rules of assessment/review/review_file.py that only the command line meets: which of a submission's reviews
is the latest, a file too large for either kind, and what a review without a summary holds."""

from __future__ import annotations

import json

import pytest

from assessment.answers import answers_file as answers
from assessment.shared import input_file
from assessment.review import review_file as review
from assessment.review import decisions
from tests import review_vectors

BASE = next(v for v in review_vectors.VALID if v["name"].startswith("a conditional approval"))["doc"]


def _review(date: str | None, summary: bool = True):
    reviewer = {k: v for k, v in BASE["reviewer"].items() if k != "date"}
    doc = {**BASE, "reviewer": reviewer if date is None else {**reviewer, "date": date}}
    if not summary:
        doc.pop("summary")
    return review.parse(review_vectors.CRITERIA, doc)


def test_an_undated_review_counts_as_the_earliest_of_its_submission_whatever_its_path():
    dated, undated = _review(BASE["reviewer"]["date"]), _review(None)
    for pairs in ([("a.json", dated), ("z.json", undated)], [("z.json", undated), ("a.json", dated)]):
        (path, latest), = review.latest_by_submission(pairs).values()
        assert (str(path), latest) == ("a.json", dated)


def test_two_reviews_dated_alike_are_told_apart_by_the_path_that_sorts_last():
    first, second = _review(BASE["reviewer"]["date"]), _review(BASE["reviewer"]["date"])
    (path, latest), = review.latest_by_submission([("b.json", first), ("a.json", second)]).values()
    assert (str(path), latest) == ("b.json", first)


def test_a_review_without_a_summary_holds_an_empty_one():
    assert _review(BASE["reviewer"]["date"], summary=False).summary == ""


@pytest.mark.parametrize("start, kind", [(review.FORMAT, "review"), (answers.FORMAT, "answers")])
def test_a_file_over_the_review_limit_is_refused_with_the_limit_of_the_kind_its_start_names(tmp_path, start, kind):
    path = tmp_path / "big.json"
    path.write_bytes(json.dumps({"format": start}).encode().ljust(review.MAX_BYTES + 1))
    with pytest.raises(answers.AnswersError) as refused:
        review.read_either(path)
    assert refused.value.problems == [input_file.too_big(review.MAX_BYTES + 1, kind)]


def test_a_file_at_the_review_limit_is_read_whole(tmp_path):
    path = tmp_path / "full.json"
    data = json.dumps(BASE).encode().ljust(review.MAX_BYTES)
    path.write_bytes(data)
    assert review.read_either(path) == data


def test_a_long_integer_is_read_as_javascript_reads_it_exact_below_2_to_the_53_else_the_nearest_double():
    below, at, past, far = 2**53 - 1, 2**53, 2**53 + 1, 2**60
    doc, problem = review.decode(json.dumps([below, at, past, far]).encode())
    assert problem is None
    assert [(type(x), x) for x in doc] == [(int, below), (float, float(at)), (float, float(past)), (float, float(far))]


def test_only_a_json_object_of_the_review_format_is_a_review():
    assert review.is_review(BASE)
    assert not review.is_review({**BASE, "format": answers.FORMAT})
    assert not review.is_review([BASE])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_review_without_an_overall_decision_reads_as_in_progress(lang):
    labels = review.LABELS[lang]
    assert decisions.overall_label(labels, None) == labels["in_progress"]
    assert decisions.overall_label(labels, "approved") == labels["overall_approved"]


def test_summary_reads_reviews_by_the_criteria_it_is_given(tmp_path):
    (tmp_path / "r.json").write_text(json.dumps(BASE), encoding="utf-8")
    found = review.decisions_by_submission([tmp_path], review_vectors.CRITERIA)
    assert {sha: decision for sha, (_, decision) in found.items()} == {BASE["submission_sha256"]: BASE["decision"]}


def test_summary_reads_reviews_by_the_bundled_criteria_when_given_none(tmp_path):
    import assessment
    from tests.edge_vectors import binding_edges_with_groups

    doc = binding_edges_with_groups(assessment.load(), BASE)[0]["review"]
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    found = review.decisions_by_submission([tmp_path])
    assert {sha: decision for sha, (_, decision) in found.items()} == {doc["submission_sha256"]: doc["decision"]}
