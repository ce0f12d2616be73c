"""Property-based fuzzing of every command and every output format with review files and answers files
(issue 16): whatever the bytes, a command prints its output (exit 0, or 1 where the command says so)
or refuses with nothing but "FILE: where: what" lines on standard error and exit 2; never a
traceback, never half an output. Failures hypothesis once found are kept below as @example."""

from __future__ import annotations

import hashlib
import json
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.cli import run
from tests.review_vectors import HERE, VALID

CRITERIA = ["--criteria", str(HERE / "criteria.yml")]
CONDITIONAL = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]
SUBMISSION = CONDITIONAL["submission"]
LINE = re.compile(r"[^:\n]+: [^\n]*\S[^\n]*")  # FILE: where: what (a where of its own, then what)

numbers = st.one_of(st.integers(), st.integers(min_value=10**15, max_value=10**400).map(lambda n: n * 7),
                    st.floats(allow_nan=False, allow_infinity=False))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=10)


def patched(base: dict, changes: dict) -> dict:
    return {**base, **changes}


reviews = st.one_of(
    st.dictionaries(st.sampled_from(sorted(CONDITIONAL)), json_values, max_size=3).map(lambda d: patched(CONDITIONAL, d)),
    st.dictionaries(st.sampled_from(sorted(SUBMISSION)), json_values, max_size=2).map(
        lambda d: patched(CONDITIONAL, {"submission": patched(SUBMISSION, d)})),
    st.dictionaries(st.sampled_from(["r1", "m1", "m2", "zz"]), st.one_of(json_values, st.fixed_dictionaries(
        {"status": st.sampled_from(["met", "na", "x"]), "value": numbers}))).map(
        lambda a: patched(CONDITIONAL, {"submission": patched(SUBMISSION, {"answers": a})})),
)
files = st.one_of(
    reviews.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    reviews.map(json.dumps).map(lambda t: t.replace('"value": 2', '"value": 1e400', 1).encode()),
    st.binary(max_size=60),
)
REVIEW_FORMATS = ["text", "markdown", "json", "csv"]
ANSWERS_COMMANDS = [["score"], ["score", "--json"], ["report", "--format", "text"], ["report", "--format", "markdown"],
                    ["report", "--format", "json"], ["report", "--format", "csv"]]
PLAN_SUFFIXES = [".md", ".html", ".docx"]


def check(path, argv, allowed, out_path=None) -> int:
    code, out, err = run(argv)
    assert code in allowed, (argv, code, err)
    assert "Traceback" not in out + err
    (out + err).encode("utf-8")  # nothing a terminal or file cannot hold
    if code == 2:
        assert out == "", argv
        lines = err.splitlines()
        assert lines, argv
        for line in lines:
            assert line.startswith((f"{path}: ", f"{out_path}: ")), (argv, line)
            assert LINE.fullmatch(line), (argv, line)
    return code


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(files)
@example(json.dumps(CONDITIONAL).replace('"value": 2', '"value": ' + "1" * 400, 1).encode())  # OverflowError, issue 16
@example(json.dumps(CONDITIONAL).replace('"format_version": 1', '"format_version": ' + "9" * 5000, 1).encode())
@example(json.dumps(CONDITIONAL).replace('"date": "2026-12-01"', '"date": -1e309', 1).encode())
def test_every_command_and_format_prints_or_refuses_a_review_file_cleanly(tmp_path, data):
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    answers = tmp_path / "answers.json"
    answers.write_bytes(json.dumps(SUBMISSION).encode())
    for fmt in REVIEW_FORMATS:
        check(path, ["review", path, "--format", fmt, *CRITERIA], (0, 2))
        check(path, ["review", path, "--answers", answers, "--format", fmt, *CRITERIA], (0, 1, 2))
    for extra in ([], ["--csv"]):
        code, out, err = run(["summary", path, *extra, *CRITERIA])
        assert code in (0, 1) and "Traceback" not in err and "fuzz.json" in out
    for argv in ANSWERS_COMMANDS:  # a review file given where an answers file belongs
        check(path, [argv[0], path, *argv[1:], *CRITERIA], (0, 2))
    for suffix in PLAN_SUFFIXES:
        out_path = tmp_path / f"plan{suffix}"
        check(path, ["plan", path, "-o", out_path, *CRITERIA], (0, 2), out_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(SUBMISSION)), json_values, max_size=3), st.booleans())
def test_a_review_naming_a_fuzzed_answers_file_is_trusted_only_when_it_holds_that_file(tmp_path, changes, same):
    """review --answers: exit 0 only for the file named and held, 1 for another file, 2 for a lying review."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(patched(SUBMISSION, changes)), encoding="utf-8")
    data = answers.read_bytes()
    held = patched(SUBMISSION, changes) if same else SUBMISSION
    path = tmp_path / "review.json"
    path.write_text(json.dumps(patched(CONDITIONAL, {"submission": held, "submission_sha256": hashlib.sha256(data).hexdigest()})))
    code = check(path, ["review", path, "--answers", answers, *CRITERIA], (0, 1, 2))
    named = patched(SUBMISSION, changes)
    if not same and named != SUBMISSION:
        assert code == 2  # the review names this file but holds other answers: never trusted
    if code == 0:
        assert held == named  # trusted only when the file named holds what the review shows
