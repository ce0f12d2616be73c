"""Rules of assessment/answers/answers_file.py that only Python meets: the evidence block an accepted file keeps."""

from __future__ import annotations

import json

from assessment.answers import answers_file as answers
from tests.evidence_vectors import CRITERIA, DIR

VECTORS = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"]


def test_an_accepted_file_keeps_its_evidence_block_as_written():
    accepted = [v for v in VECTORS if v.get("problems") == [] and "evidence" in v["doc"]]
    assert accepted
    for v in accepted:
        read = answers.read_bytes(CRITERIA, json.dumps(v["doc"]).encode(), "f.json")
        assert read.evidence == v["doc"]["evidence"], v["name"]


def test_a_file_without_an_evidence_block_has_none():
    doc = {k: v for k, v in VECTORS[0]["doc"].items() if k != "evidence"}
    assert answers.read_bytes(CRITERIA, json.dumps(doc).encode(), "f.json").evidence is None
