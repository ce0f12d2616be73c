"""Hostile answers files on the command line: "FILE: where: what" and exit 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.cli import run
from tests.scoring_vectors import ANSWERS_FILES, FILES, HERE, file_bytes

ROOT = Path(__file__).parents[1]
CRITERIA = ["--criteria", HERE / "criteria.yml"]
REFUSED = [v for v in FILES if v["problems"]]
ACCEPTED = [v for v in FILES if not v["problems"]]
COMMANDS = {
    "score": ["score"], "score-json": ["score", "--json"], "report-text": ["report"],
    "report-en": ["report", "--lang", "en"], "report-markdown": ["report", "--format", "markdown"],
    "report-json": ["report", "--format", "json"], "report-csv": ["report", "--format", "csv", "--lang", "en"],
    "plan-md": ["plan", "-o", "{out}.md"], "plan-docx": ["plan", "-o", "{out}.docx"],
}


def command(name: str, path: Path, out: Path) -> list:
    return [a.replace("{out}", str(out)) for a in COMMANDS[name][:1]] + [path] + \
        [a.replace("{out}", str(out)) for a in COMMANDS[name][1:]] + CRITERIA


@pytest.mark.parametrize("vector", REFUSED, ids=[v["name"] for v in REFUSED])
def test_every_command_refuses_each_hostile_file_with_file_where_what_and_exit_2(tmp_path, vector):
    path = tmp_path / "hostile.json"
    path.write_bytes(file_bytes(vector))
    expected = "".join(f"{path}: {p}\n" for p in vector["problems"])
    for name in COMMANDS:
        code, out, err = run(command(name, path, tmp_path / "plan"))
        assert (name, code, out, err) == (name, 2, "", expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.json"]  # no plan written


@pytest.mark.parametrize("vector", ACCEPTED, ids=[v["name"] for v in ACCEPTED])
def test_every_command_accepts_each_valid_odd_file(tmp_path, vector):
    path = tmp_path / "odd.json"
    path.write_bytes(file_bytes(vector))
    for name in COMMANDS:
        code, out, err = run(command(name, path, tmp_path / "plan"))
        if name == "plan-docx" and code == 2:  # a text Word cannot hold (\0, \v) is named, not raised
            assert err.startswith(f"{tmp_path / 'plan.docx'}: ") and err.count("\n") == 1
            continue
        assert code == 0, (name, err)
        assert "\x1b" not in out and "\x00" not in out


def test_a_real_process_shows_no_traceback_for_a_hostile_file_or_a_name_that_is_not_utf8(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    folder = tmp_path / "in"
    folder.mkdir()
    good = next(v for v in ACCEPTED if v["name"] == "a plain valid file is accepted")
    (folder / os.fsdecode(b"\xff-not-utf8.json")).write_bytes(file_bytes(good))
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "0"}
    for args, status in (([deep], 2), ([folder, "--csv"], 0), ([folder], 0)):
        name = "score" if args[0] == deep else "summary"
        proc = subprocess.run([sys.executable, "-m", "assessment", name, *map(str, args), *map(str, CRITERIA)],
                              cwd=ROOT, env=env, capture_output=True)
        assert proc.returncode == status, proc.stderr
        assert b"Traceback" not in proc.stderr
    assert b"\\udcff-not-utf8.json" in proc.stdout


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ANSWERS_FILES)
def test_random_files_never_crash_any_command(tmp_path, data):
    path = tmp_path / "random.json"
    path.write_bytes(data)
    for name in COMMANDS:
        code, out, err = run(command(name, path, tmp_path / "plan"))
        assert code in (0, 2)
        if code == 2:
            assert all(line.startswith(f"{path}: ") or line.startswith(f"{tmp_path / 'plan'}")
                       for line in err.splitlines())
        for text in (out, err):
            text.encode("utf-8")  # no lone surrogate reaches the output
            assert "\x1b" not in text
    for extra in ([], ["--csv"]):
        code, out, err = run(["summary", tmp_path, *extra, *CRITERIA])
        assert code in (0, 1) and "random.json" in out and "\x1b" not in out


def test_a_key_with_a_line_break_or_escape_stays_on_its_problems_one_line(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text('{"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "test-1",'
                    ' "answers": {"a\\nb\\u001b[2J": 1, "c": 2}}', encoding="utf-8")
    code, out, err = run(["score", path, *CRITERIA])
    assert code == 2 and err == (f"{path}: answers.a\\nb\\x1b[2J: expected an object, got 1\n"
                                 f"{path}: answers.c: expected an object, got 2\n")


@pytest.mark.parametrize(("content", "problem"), [
    ("[" * 5000 + "]" * 5000, "(file): nested too deeply to read"),
    (b"\xff\xfe", "(file): not UTF-8 text"),
])
def test_a_criteria_file_that_cannot_be_read_is_named_with_exit_2(tmp_path, content, problem):
    path = tmp_path / "criteria.yml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    good = tmp_path / "a.json"
    good.write_bytes(file_bytes(ACCEPTED[0]))
    for args in (["validate", path], ["score", good, "--criteria", path], ["summary", good, "--criteria", path]):
        assert run(args) == (2, "", f"{path}: {problem}\n")
