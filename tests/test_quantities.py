"""Quantities and units: one way to write and convert them in Python and JavaScript, and answers that
keep their meaning when a threshold changes unit (tests/vectors/quantities.json, worked by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import assessment
from assessment.answers import answers_file as answers
from assessment.criteria import versions as history
from assessment.criteria import quantity
from assessment.answers.scoring import status_of, terms_changed

HERE = Path(__file__).parent / "vectors"
VECTORS = json.loads((HERE / "quantities.json").read_text(encoding="utf-8"))
UNITS = assessment.load(HERE / "units" / "criteria.yml")  # 4.2 went from 1 hour (test-1) to 30 minutes (test-2)
UNITS_JSON = history.published(UNITS)

JS = """async ([criteria, vectors]) => {
  const q = await import('./assets/javascripts/criteria/quantity.js');
  const s = { ...(await import('./assets/javascripts/answers/answers-file.js')), ...(await import('./assets/javascripts/answers/scoring.js')) };
  const u = criteria.units;
  return {
    texts: vectors.texts.map((v) => q.quantityText(v.value, u[v.unit], v.lang, v.words)),
    conversions: vectors.conversions.map((v) => q.convert(v.value, u[v.from], u[v.to])),
    answers: vectors.answers.map((v) => ({
      statuses: Object.fromEntries(criteria.items.map((i) => [i.id, s.statusOf(criteria, i, v.doc.answers[i.id] ?? null, v.doc.criteria_version)])),
      terms_changed: s.termsChanged(criteria, v.doc), verdict: s.score(criteria, v.doc).verdict, problems: s.validate(criteria, v.doc)})),
    refused: vectors.refused.map((v) => s.validate(criteria, v.doc)),
  };
}"""


@pytest.mark.parametrize("v", VECTORS["texts"], ids=[v["text"] for v in VECTORS["texts"]])
def test_python_writes_each_quantity_as_worked_by_hand(v):
    assert quantity.text(v["value"], UNITS.units[v["unit"]], v["lang"], v["words"]) == v["text"]


@pytest.mark.parametrize("v", VECTORS["conversions"], ids=[f"{v['value']} {v['from']}" for v in VECTORS["conversions"]])
def test_python_converts_between_durations_as_worked_by_hand(v):
    assert quantity.convert(v["value"], UNITS.units[v["from"]], UNITS.units[v["to"]]) == v["result"]


def test_a_count_converts_into_nothing_but_itself():
    with pytest.raises(ValueError):
        quantity.convert(2, UNITS.units["channel"], UNITS.units["hour"])


@pytest.mark.parametrize("v", VECTORS["answers"], ids=[v["name"] for v in VECTORS["answers"]])
def test_answers_keep_their_meaning_across_a_change_of_unit_in_python(v):
    read = answers.parse(UNITS, v["doc"])
    assert {i.id: status_of(UNITS, i, read.answers.get(i.id)) for i in UNITS.items} == v["statuses"]
    assert terms_changed(UNITS, read) == v["terms_changed"]
    assert assessment.score(UNITS, read)["verdict"] == v["verdict"]


@pytest.mark.parametrize("v", VECTORS["refused"], ids=[v["name"] for v in VECTORS["refused"]])
def test_python_refuses_numbers_that_do_not_fit_their_unit(v):
    assert answers.problems(UNITS, v["doc"]) == v["problems"]


def test_javascript_writes_converts_reads_and_refuses_exactly_as_python(site_tab):
    out = site_tab.evaluate(JS, [UNITS_JSON, VECTORS])
    assert out["texts"] == [v["text"] for v in VECTORS["texts"]]
    assert out["conversions"] == [v["result"] for v in VECTORS["conversions"]]
    assert out["answers"] == [{"statuses": v["statuses"], "terms_changed": v["terms_changed"], "verdict": v["verdict"],
                               "problems": []} for v in VECTORS["answers"]]
    assert out["refused"] == [v["problems"] for v in VECTORS["refused"]]
