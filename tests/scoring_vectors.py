"""The shared scoring vectors: one set of answers files with hand-worked results, for both scorers."""

from __future__ import annotations

import json
from pathlib import Path

import assessment

HERE = Path(__file__).parent / "vectors"
CRITERIA = assessment.load(HERE / "criteria.yml")
VECTORS = json.loads((HERE / "vectors.json").read_text(encoding="utf-8"))
VALID = VECTORS["valid"]
INVALID = VECTORS["invalid"]
