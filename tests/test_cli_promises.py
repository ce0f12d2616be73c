"""What the README promises of the command line, command by command: `--help`, exit statuses
(2 and "FILE: where: what" for a bad file given to any option that reads one, --criteria included),
130 on Ctrl-C, and a quiet stop when the reader of the output goes away (`| head -c1`)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.criteria import model as criteria_mod
from tests.cli import run
from tests.review_vectors import VALID as REVIEWS
from tests.scoring_vectors import FILES, HERE, file_bytes

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_CRITERIA = HERE / "criteria.yml"
GOOD_ANSWERS = next(v for v in FILES if v["name"] == "a plain valid file is accepted")
GOOD_REVIEW = next(v for v in REVIEWS if v["name"].startswith("a conditional approval"))["doc"]
# Commands as the README's table lists them: `python -m assessment NAME …`.
README_COMMANDS = dict(re.findall(r"`\.venv/bin/python -m assessment (\w+) ([^`]*)`", README))
ENV = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


def process(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assessment", *map(str, args)], cwd=ROOT, env=ENV,
                          capture_output=True, timeout=120, **kwargs)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    """A valid answers file and a valid review file of it."""
    answers = tmp_path / "answers.json"
    answers.write_bytes(file_bytes(GOOD_ANSWERS))
    review = tmp_path / "review.json"
    review.write_text(json.dumps(GOOD_REVIEW), encoding="ascii")
    return {"answers": answers, "review": review, "out": tmp_path / "plan.md"}


def test_the_readme_lists_every_command_the_parser_has():
    from assessment.__main__ import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(README_COMMANDS) == sorted(sub.choices)


@pytest.mark.parametrize("name", sorted(README_COMMANDS))
def test_every_command_answers_help_with_its_usage_and_every_option_the_readme_names(name):
    proc = process(name, "--help")
    assert proc.returncode == 0 and proc.stderr == b""
    usage = proc.stdout.decode()
    assert usage.startswith(f"usage: python -m assessment {name} ")
    options = set(re.findall(r"(--?[a-z][a-z-]*)", README_COMMANDS[name])) | {"--help"}
    if name != "validate":  # "every command but validate takes --criteria FILE"
        options.add("--criteria")
    assert all(option in usage for option in options), (options, usage)


def test_help_without_a_command_lists_them_all_and_a_missing_argument_is_exit_2():
    proc = process("--help")
    assert proc.returncode == 0 and all(name in proc.stdout.decode() for name in README_COMMANDS)
    for args in ([], ["score"], ["plan", "x.json"], ["score", "x.json", "--lang", "fr"]):
        proc = process(*args)
        assert proc.returncode == 2 and proc.stdout == b"" and b"usage: " in proc.stderr
        assert b"Traceback" not in proc.stderr


# --- a bad criteria file: every command, one message -------------------------------------------

BAD_CRITERIA = {
    "missing": None,
    "a folder": "folder",
    "not UTF-8": b"version: \xff\xfe\n",
    "nested thousands deep": ("[" * 5000 + "]" * 5000).encode(),
    "a NUL character": b"version: \"a\x00\"\n",
    "a NUL character on line 2": b"# a\nversion: \"\x00\"\n",
    "a YAML syntax error": b"version: [\n",
    "a key given twice": b"version: a\nversion: b\n",
    "a list at the top": b"- 1\n",
    "a mapping missing every key": b"{}\n",
}
EXACT = {
    "not UTF-8": "(file): not UTF-8 text",
    "nested thousands deep": "(file): nested too deeply to read",
    "a NUL character": "line 1, column 12: character U+0000 is not allowed in YAML",
}


def criteria_file(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "criteria.yml"
    content = BAD_CRITERIA[kind]
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    return path


def every_command(files: dict[str, Path], criteria: Path) -> dict[str, list]:
    with_criteria = ["--criteria", criteria]
    return {
        "validate": ["validate", criteria],
        "score": ["score", files["answers"], *with_criteria],
        "report": ["report", files["answers"], "--format", "csv", *with_criteria],
        "summary": ["summary", files["answers"], *with_criteria],
        "plan": ["plan", files["answers"], "-o", files["out"], *with_criteria],
        "review": ["review", files["review"], *with_criteria],
        "review --answers": ["review", files["review"], "--answers", files["answers"], *with_criteria],
    }


@pytest.mark.parametrize("kind", sorted(BAD_CRITERIA))
def test_every_command_refuses_a_bad_criteria_file_with_the_same_file_where_what_and_exit_2(tmp_path, files, kind):
    criteria = criteria_file(tmp_path, kind)
    with pytest.raises(criteria_mod.CriteriaError) as refused:
        criteria_mod.load(criteria)
    expected = str(refused.value) + "\n"
    assert all(line.startswith(f"{criteria}: ") for line in expected.splitlines())
    if kind in EXACT:
        assert expected == f"{criteria}: {EXACT[kind]}\n"
    for name, args in every_command(files, criteria).items():
        assert (name, *run(args)) == (name, 2, "", expected)
    assert not files["out"].exists()


@pytest.mark.parametrize("kind", ["not UTF-8", "nested thousands deep", "a NUL character"])
def test_review_with_an_unreadable_criteria_file_is_exit_2_without_a_traceback_in_a_real_process(tmp_path, files, kind):
    criteria = criteria_file(tmp_path, kind)
    proc = process("review", files["review"], "--criteria", criteria)
    assert (proc.returncode, proc.stdout, proc.stderr.decode()) == (2, b"", f"{criteria}: {EXACT[kind]}\n")


def test_every_other_file_option_refuses_a_missing_or_unreadable_file_with_exit_2(tmp_path, files):
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    missing = tmp_path / "missing.json"
    criteria = ["--criteria", TEST_CRITERIA]
    for bad in (missing, folder):
        cases = {
            "score FILE": ["score", bad, *criteria], "report FILE": ["report", bad, *criteria],
            "plan FILE": ["plan", bad, "-o", files["out"], *criteria],
            "review REVIEW": ["review", bad, *criteria],
            "review --answers": ["review", files["review"], "--answers", bad, *criteria],
        }
        for name, args in cases.items():
            code, out, err = run(args)
            assert (name, code, out) == (name, 2, ""), err
            said = "not a regular file" if bad == folder else "cannot read the file ("  # a folder is refused before opening
            assert err.startswith(f"{bad}: (file): {said}") and err.count("\n") == 1, (name, err)
    # -o is a file option too: a folder there is named, and nothing is written.
    code, out, err = run(["plan", files["answers"], "-o", folder, *criteria])
    assert (code, out) == (2, "") and err.startswith(f"{folder}: ") and err.count("\n") == 1


def test_summary_exit_1_for_an_invalid_file_or_a_skipped_path_and_0_when_all_are_read(tmp_path, files):
    criteria = ["--criteria", TEST_CRITERIA]
    assert run(["summary", files["answers"], *criteria])[0] == 0
    code, out, err = run(["summary", files["answers"], tmp_path / "missing.json", *criteria])
    assert code == 1 and "missing.json" in out
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff")
    assert run(["summary", files["answers"], bad, *criteria])[0] == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(["summary", empty, *criteria])
    assert (code, out) == (2, "") and err == f"no answers files (*.json) in {empty}\n"


# --- Ctrl-C and a closed pipe ----------------------------------------------------------------------


def test_ctrl_c_stops_any_command_with_exit_130_and_no_traceback(tmp_path, monkeypatch, files):
    """In-process, for every command: an interrupt anywhere in the work is exit 130, "interrupted"."""
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(criteria_mod, "load", interrupt)
    for name, args in every_command(files, TEST_CRITERIA).items():
        assert (name, *run(args)) == (name, 130, "", "interrupted\n")


def test_sigint_to_a_real_process_mid_summary_is_exit_130_with_one_line(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    data = file_bytes(GOOD_ANSWERS)
    for n in range(4000):
        (folder / f"{n:05}.json").write_bytes(data)
    proc = subprocess.Popen([sys.executable, "-m", "assessment", "summary", str(folder), "--criteria", str(TEST_CRITERIA)],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = proc.stderr.readline()  # the first progress line: the command is at work
        assert first.startswith(b"\xe2\x80\xa6 50/4000 files read"), first
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert b"Traceback" not in err and err.endswith(b"interrupted\n") and out == b""


def big_answers(tmp_path: Path) -> Path:
    """An answers file whose report is far bigger than a pipe holds, so the writer meets the closed end."""
    doc = json.loads(file_bytes(GOOD_ANSWERS))
    doc["answers"]["r1"]["note"] = "说明" * 150_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("reader", ["gone before the first byte", "stops after one byte"])
@pytest.mark.parametrize("args", [
    ["score", "{big}"], ["score", "{big}", "--json"], ["validate"],
    ["report", "{big}"], ["report", "{big}", "--format", "json"], ["report", "{big}", "--format", "csv"],
    ["summary", "{folder}"], ["summary", "{folder}", "--csv"], ["review", "{review}"],
    ["review", "{review}", "--format", "markdown"],
], ids=" ".join)
def test_a_reader_that_goes_away_ends_the_command_quietly_with_exit_0(tmp_path, files, args, reader):
    big = big_answers(tmp_path)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        (folder / f"{n:05}-{'长' * 60}.json").write_bytes(file_bytes(GOOD_ANSWERS))
    review = tmp_path / "big-review.json"
    review.write_text(json.dumps({**GOOD_REVIEW, "summary": "意见" * 200_000}, ensure_ascii=False), encoding="utf-8")
    names = {"{big}": big, "{folder}": folder, "{review}": review}
    argv = [str(names.get(a, a)) for a in args]
    argv += [str(TEST_CRITERIA)] if args == ["validate"] else ["--criteria", str(TEST_CRITERIA)]
    read_end, write_end = os.pipe()
    if reader == "gone before the first byte":  # `… | head -c0`: every write meets a closed pipe
        os.close(read_end)
    proc = subprocess.Popen([sys.executable, "-m", "assessment", *argv], cwd=ROOT, env=ENV,
                            stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        if reader == "stops after one byte":  # `… | head -c1`
            assert len(os.read(read_end, 1)) == 1
            os.close(read_end)
        err = proc.stderr.read()
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert b"Traceback" not in err and b"BrokenPipeError" not in err and b"Exception ignored" not in err, err
    assert proc.returncode == 0, err
