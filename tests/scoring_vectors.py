"""The shared vectors both scorers must match, and random answers files for fuzzing both.

vectors.json holds `valid` documents with hand-worked results, `invalid` documents with the
exact problems both scorers give, and `files`: raw files (as text, base64 bytes, or `parts` repeated and
joined) with the exact "where: what" problems both readers must give, byte for byte ([] = accepted).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from hypothesis import strategies as st

import assessment

HERE = Path(__file__).parent / "vectors"
CRITERIA = assessment.load(HERE / "criteria.yml")
VECTORS = json.loads((HERE / "vectors.json").read_text(encoding="utf-8"))
VALID = VECTORS["valid"]
INVALID = VECTORS["invalid"]
FILES = VECTORS["files"]


def file_bytes(vector: dict) -> bytes:
    """The bytes of one `files` vector."""
    if "base64" in vector:
        return base64.b64decode(vector["base64"])
    if "parts" in vector:
        return "".join(text * count for text, count in vector["parts"]).encode("utf-8")
    return vector["text"].encode("utf-8")


# --- random answers files: mostly near-valid, so that every rule is reached ------------------------

_FRAGMENTS = ["\x00", "\x1b[2J", "\x1b]0;x\x07", "\u202e", "\r", "\n", "\t", "=", "+", "-", "@", "中", "\U0001f600"]
_TEXT = st.lists(st.characters(codec="utf-8") | st.sampled_from(_FRAGMENTS), max_size=8).map("".join)
# One text in twenty carries a lone surrogate, so that most files get past the reader to the rules.
ODD_TEXT = st.builds(lambda t, k: t + "\ud800" if k == 18 else "\udc00" + t if k == 19 else t, _TEXT, st.sampled_from(range(20)))
ODD_NUMBER = st.one_of(
    st.integers(-3, 30), st.floats(-1, 100), st.integers(-3, 30), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([2**53, 2**53 + 1, 10**400, -(10**309), 1e21, 1e-7, -0.0, 5e-324, 1.7976931348623157e308]))
SCALAR = st.one_of(st.none(), st.booleans(), ODD_NUMBER, ODD_TEXT)
JSON_VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(ODD_TEXT, inner, max_size=4)), max_leaves=12)
def _mostly(value):
    """The right value nine times in ten, else any scalar."""
    return st.builds(lambda k, x: value if k < 9 else x, st.sampled_from(range(10)), SCALAR)


IDS = st.sampled_from([i.id for i in CRITERIA.items] + ["__proto__", "constructor", "toString", "10", "2", "x"])
ANSWER = st.one_of(
    st.fixed_dictionaries({}, optional={
        "status": st.one_of(st.sampled_from(["met", "partial", "unmet", "na"]), SCALAR),
        "value": st.one_of(ODD_NUMBER, SCALAR), "note": st.one_of(ODD_TEXT, SCALAR), "evidence": ODD_TEXT,
        "other": SCALAR}),
    JSON_VALUE)
DOC = st.fixed_dictionaries(
    {"format": _mostly("sp-readiness-answers"),
     "format_version": st.builds(lambda k, x: [1, 2, 2, 1.0, 2.0, 2, 2, True, "2", 3][k] if k < 10 else x,
                                 st.sampled_from(range(12)), SCALAR),
     "criteria_version": _mostly("test-1"),
     "answers": st.one_of(st.dictionaries(IDS, ANSWER, max_size=5), JSON_VALUE)},
    optional={"assessment": st.one_of(st.dictionaries(st.sampled_from(["organisation", "service", "contact", "date", "x"]),
                                                      st.one_of(ODD_TEXT, SCALAR), max_size=4), JSON_VALUE),
              "plan": st.one_of(st.dictionaries(st.sampled_from(["overview", "cs-channels", "1"]), st.one_of(ODD_TEXT, SCALAR),
                                                max_size=3), JSON_VALUE),
              "result": JSON_VALUE, "extra": JSON_VALUE})


def _encode(doc: object, ascii_only: bool, indent: int | None) -> bytes:
    # Lone surrogates become \ud800 escapes with ensure_ascii, invalid UTF-8 (CESU) bytes without it.
    return json.dumps(doc, ensure_ascii=ascii_only, indent=indent).encode("utf-8", "surrogatepass")


@st.composite
def _deep(draw) -> bytes:
    depth = draw(st.integers(1, 70))
    kind = draw(st.sampled_from(["[]", "{}"]))
    inner = "[" * depth + "]" * depth if kind == "[]" else '{"a":' * depth + "1" + "}" * depth
    return ('{"format":"sp-readiness-answers","format_version":2,"criteria_version":"test-1","answers":{},"x":'
            + inner + "}").encode()


@st.composite
def _mutated(draw, files) -> bytes:
    data = bytearray(draw(files))
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from([b"[", b"}", b",", b"\\", b'"', b"\xef\xbb\xbf", b"\xff", b"\\ud800"]))
    return bytes(data)


ENCODED = st.builds(_encode, DOC, st.booleans(), st.sampled_from([None, 1]))
WITH_BOM = ENCODED.map(lambda b: b"\xef\xbb\xbf" + b)
ANSWERS_FILES = st.one_of(ENCODED, ENCODED, WITH_BOM, _deep(), _mutated(ENCODED), st.binary(max_size=200),
                          st.builds(_encode, JSON_VALUE, st.booleans(), st.just(None)))
