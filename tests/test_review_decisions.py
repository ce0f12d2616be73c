"""The review decisions are data (assessment/review_decisions.yml): each has its words in both
languages, agrees with real verdicts, and a bad file is refused naming file, key and problem."""

from __future__ import annotations

import pytest
import yaml

from assessment.answers.scoring import VERDICTS
from assessment.review import decisions, review_file
from assessment.review.decisions import DecisionsError


def test_every_decision_has_its_words_in_both_languages():
    found = decisions.load()
    for lang, labels in review_file.LABELS.items():
        assert all(decisions.item_label(labels, d) for d in found.item_ids), lang
        assert all(decisions.overall_label(labels, d) for d in found.overall_ids), lang


def test_the_verdicts_a_decision_agrees_with_are_the_scorers_verdicts():
    found = decisions.load()
    assert {v for d in found.overall for v in d.verdicts} <= set(VERDICTS)
    assert found.agrees(found.with_conditions, "conditional")


def test_the_review_file_rule_takes_its_decisions_from_the_data_file():
    assert review_file.ITEM_DECISIONS == decisions.load().item_ids
    assert review_file.DECISIONS == decisions.load().overall_ids


@pytest.mark.parametrize("change, message", [
    (lambda d: d["overall"][1].pop("conditions"), "overall: exactly one decision carries conditions"),
    (lambda d: d["item"].append(dict(d["item"][0])), "item: an id is given twice"),
    (lambda d: d["overall"][0].update(verdicts=["finished"]), "overall.0.verdicts.0"),
    (lambda d: d["item"][0].update(tone="green"), "item.0.tone"),
    (lambda d: d["item"][0].update(verdicts=["ready"]), "item: only an overall decision has verdicts or conditions"),
])
def test_a_bad_decisions_file_is_refused_naming_file_and_key(tmp_path, change, message):
    data = yaml.safe_load(decisions.PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "review_decisions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DecisionsError) as error:
        decisions.load.__wrapped__(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)
