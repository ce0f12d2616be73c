"""The one rule for accepting an answers file, Python side (answers/scoring.js must agree: test_answers_js.py)."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings

from assessment.answers.answers_file import MAX_DEPTH
from assessment.shared import json_syntax
from assessment.shared.formatting import show
from assessment.answers import answers_file as answers
from assessment.shared.formatting import js_number
from tests.scoring_vectors import ANSWERS_FILES, CRITERIA, FILES, file_bytes

HEAD = '{"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "test-1", '


def verdict(data: bytes) -> list[str]:
    try:
        answers.read_bytes(CRITERIA, data, "f.json")
    except answers.AnswersError as exc:
        assert str(exc) == "\n".join(f"f.json: {p}" for p in exc.problems)
        return exc.problems
    return []


@pytest.mark.parametrize("vector", FILES, ids=[v["name"] for v in FILES])
def test_each_shared_file_vector_is_judged_with_exactly_its_messages(vector):
    assert verdict(file_bytes(vector)) == vector["problems"]


def test_unknown_top_level_keys_are_dropped_before_anything_keeps_the_document():
    doc, problems = answers.document((HEAD + '"answers": {}, "seen": "abc", "junk": [[1]]}').encode())
    assert problems == [] and sorted(answers.accepted(doc)) == ["answers", "criteria_version", "format", "format_version"]


def test_deep_nesting_is_refused_without_recursion_even_far_beyond_pythons_limit():
    prefix = HEAD + '"answers": {}, "x": '
    deep = (prefix + "[" * 400_000 + "]" * 400_000 + "}").encode()[:answers.MAX_BYTES]
    # the top-level object is level 1, so the 64th bracket is level 65, refused; columns count from 1
    assert verdict(deep) == [f"line 1, column {len(prefix) + 63 + 1}: nested deeper than 64 levels"]


def test_integers_are_read_as_javascript_reads_them():
    doc, _ = answers.document(b"[12345678901234567890, 9007199254740993, 42, -0]")
    assert doc == [12345678901234567168.0, 9007199254740992.0, 42, 0]
    assert [type(x) for x in doc] == [float, float, int, int]


@pytest.mark.parametrize(("value", "text"), [
    (0.00001, "0.00001"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (123.456, "123.456"), (2.0, "2"), (-0.0, "0"), (0.1 + 0.2, "0.30000000000000004"), (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (2**53 + 2, "9007199254740994"), (-2.5e-10, "-2.5e-10"),
])
def test_numbers_are_written_as_javascripts_string_writes_them(value, text):
    assert js_number(value) == text


def test_a_file_over_the_limit_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(50_000_000)
    monkeypatch.setattr(answers, "read_bytes", lambda *a: pytest.fail("the file was read"))
    with pytest.raises(answers.AnswersError) as exc:
        answers.read(CRITERIA, path)
    assert exc.value.problems == ["(file): the file is 50,000,000 bytes; the limit for an answers file is 1,000,000"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_is_refused_rather_than_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    fd = os.open(tmp_path / "pipe.json", os.O_RDWR | os.O_NONBLOCK)  # a writer, so opening does not block
    try:
        with pytest.raises(answers.AnswersError) as exc:
            answers.read(CRITERIA, tmp_path / "pipe.json")
    finally:
        os.close(fd)
    assert exc.value.problems == ["(file): not a regular file"]


def test_a_folder_or_a_missing_file_is_named_not_raised(tmp_path):
    for path, why in ((tmp_path, "not a regular file"), (tmp_path / "nope.json", "cannot read the file (No such file or directory)")):
        with pytest.raises(answers.AnswersError) as exc:
            answers.read(CRITERIA, path)
        assert exc.value.problems == [f"(file): {why}"]


def test_the_checklists_own_export_shape_is_accepted_with_its_result():
    doc = json.loads(HEAD + '"answers": {"r1": {"status": "met"}}, "plan": {}, "result": {"verdict": "ready"}}')
    read = answers.read_bytes(CRITERIA, json.dumps(doc).encode(), "f.json")
    assert read.result == {"verdict": "ready"} and read.format_version == 2


@settings(max_examples=300, deadline=None)
@given(ANSWERS_FILES)
def test_the_fast_reader_accepts_exactly_what_the_exact_scanner_accepts(data):
    # Python judges a file with json.loads and C-speed checks first, and runs the per-token scanner
    # (the one answers/scoring.js runs) only to word a refusal; both must draw the line in the same place.
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return
    assert (json_syntax.fast(text, MAX_DEPTH) is json_syntax.REFUSED) == (json_syntax.syntax(text, MAX_DEPTH, show) is not None)


def test_an_unterminated_string_of_escaped_quotes_is_refused_with_its_place():
    data = ('"' + '\\"' * 300_000).encode()  # unterminated: a naive string regex would take quadratic time
    assert verdict(data) == ["line 1, column 600002: unterminated string, found the end of the file"]
