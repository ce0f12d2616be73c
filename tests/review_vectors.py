"""The shared review-file vectors (tests/vectors/reviews.json), as bytes, for both readers."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import assessment

HERE = Path(__file__).parent / "vectors"
CRITERIA = assessment.load(HERE / "criteria.yml")
VECTORS = json.loads((HERE / "reviews.json").read_text(encoding="utf-8"))
VALID = VECTORS["valid"]
INVALID = VECTORS["invalid"]
BINDINGS = VECTORS["bindings"]  # a review and the file whose SHA-256 it names


def file_bytes(vector: dict) -> bytes:
    """The file a vector stands for: `doc` written as JSON (ASCII, so lone surrogates stay escapes),
    `text` as UTF-8, or `base64` raw."""
    if "doc" in vector:
        return json.dumps(vector["doc"]).encode("ascii")
    if "text" in vector:
        return vector["text"].encode("utf-8")
    return base64.b64decode(vector["base64"])
