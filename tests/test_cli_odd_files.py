"""Odd paths and lying files on the command line (issue 16): pipes, devices, huge files, numbers of
any size, a review that names one file and holds another, an output that would overwrite an input."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.shared import input_file
from assessment.review import review_file as review
from assessment.cli import summary_rows as summary
from tests.cli import run
from tests.review_vectors import HERE, VALID

ROOT = Path(__file__).parents[1]
CRITERIA = HERE / "criteria.yml"
CONDITIONAL = next(v for v in VALID if v["name"].startswith("a conditional approval"))["doc"]
SUBMISSION = CONDITIONAL["submission"]
# Every command that reads a file, with {f} where the file goes and {o} an output beside it.
READERS = [["score", "{f}"], ["report", "{f}", "--format", "markdown"], ["plan", "{f}", "-o", "{o}"],
           ["review", "{f}"], ["summary", "{f}"], ["review", "{r}", "--answers", "{f}"], ["evidence", "{f}"]]


def argv(template: list[str], f: Path, tmp_path: Path, r: Path | None = None) -> list[str]:
    values = {"{f}": str(f), "{o}": str(tmp_path / "out.md"), "{r}": str(r or f)}
    return [values.get(a, a) for a in template] + ["--criteria", str(CRITERIA)]


def answers_bytes(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def review_file(tmp_path: Path, doc: dict, name: str = "review.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="ascii")
    return path


def in_a_process(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """A real process with a time limit: a command that blocks on a pipe fails the test instead of hanging it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "assessment", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=60)


@pytest.mark.parametrize("template", READERS, ids=lambda t: " ".join(t))
def test_a_named_pipe_is_refused_at_once_by_every_command_never_waited_on(tmp_path, template):
    pipe = tmp_path / "b.json"
    os.mkfifo(pipe)
    good = tmp_path / "good-review.json"
    good.write_text(json.dumps(CONDITIONAL), encoding="ascii")
    proc = in_a_process(argv(template, pipe, tmp_path, good if "--answers" in template else None), tmp_path)
    assert proc.returncode in (1, 2)
    if template[0] == "summary":
        assert f"{pipe}".encode() in proc.stdout and input_file.NOT_REGULAR.encode() in proc.stdout
    else:
        assert proc.stderr.decode() == f"{pipe}: {input_file.NOT_REGULAR}\n"
    assert not (tmp_path / "out.md").exists()


def test_a_pipe_in_a_submissions_folder_gets_its_own_row_and_the_rest_is_summarised(tmp_path):
    os.mkfifo(tmp_path / "b.json")
    (tmp_path / "a.json").write_bytes(answers_bytes(SUBMISSION))
    proc = in_a_process(["summary", str(tmp_path), "--csv", "--criteria", str(CRITERIA)], tmp_path)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    rows = proc.stdout.decode().splitlines()
    assert any("a.json" in r and "invalid" not in r for r in rows)
    assert any("b.json" in r and input_file.NOT_REGULAR in r for r in rows)


@pytest.mark.parametrize("template", [t for t in READERS if t[0] != "summary"], ids=lambda t: " ".join(t))
def test_dev_zero_is_refused_without_being_read(tmp_path, template):
    good = review_file(tmp_path, CONDITIONAL)
    code, out, err = run(argv(template, Path("/dev/zero"), tmp_path, good if "--answers" in template else None))
    assert (code, out, err) == (2, "", f"/dev/zero: {input_file.NOT_REGULAR}\n")


@pytest.mark.parametrize(("template", "kind"), [(["score", "{f}"], "answers"), (["plan", "{f}", "-o", "{o}"], "answers"),
                                                 (["review", "{f}"], "review"), (["review", "{r}", "--answers", "{f}"], "answers")])
def test_a_huge_file_is_refused_by_its_size_before_any_byte_is_read(tmp_path, template, kind):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:  # 3 GB, sparse: no disk is spent, and reading it would take minutes
        f.truncate(3 * 1024**3)
    good = review_file(tmp_path, CONDITIONAL)
    code, out, err = run(argv(template, huge, tmp_path, good))
    assert (code, out, err) == (2, "", f"{huge}: {input_file.too_big(3 * 1024**3, kind)}\n")


def test_a_ticket_export_over_its_limit_is_refused_by_its_size_before_any_byte_is_read(tmp_path):
    huge = tmp_path / "tickets.csv"
    size = input_file.EXPORT_MAX_BYTES + 1
    with open(huge, "wb") as f:  # sparse: no disk is spent
        f.truncate(size)
    code, out, err = run(["evidence", huge, "--criteria", CRITERIA])
    assert (code, out, err) == (2, "", f"{huge}: {input_file.too_big(size, 'export')}\n")


def test_one_limit_per_kind_the_same_in_review_and_summary(tmp_path):
    big = dict(CONDITIONAL, summary="x" * (review.MAX_BYTES + 10))
    path = review_file(tmp_path, big)
    size = path.stat().st_size
    expected = input_file.too_big(size, "review")
    assert expected.endswith(f"the limit for a review file is {review.MAX_BYTES:,}")
    code, _, err = run(["review", path, "--criteria", CRITERIA])
    assert (code, err) == (2, f"{path}: {expected}\n")
    code, out, _ = run(["summary", path, "--csv", "--criteria", CRITERIA])
    assert code == 1 and expected in out
    answers = tmp_path / "answers.json"
    answers.write_bytes(answers_bytes({**SUBMISSION, "plan": {"overview": "x" * 1_500_000}}))
    code, out, _ = run(["summary", answers, "--csv", "--criteria", CRITERIA])
    assert code == 1 and input_file.too_big(answers.stat().st_size, "answers") in out


@pytest.mark.parametrize("number", ["1" + "0" * 400, "-" + "9" * 5000, "1e400", "123456789" * 40 + ".5"])
@pytest.mark.parametrize("where", ["value", "format_version", "reviewer"])
def test_a_number_of_any_size_in_a_review_is_refused_by_review_and_summary_without_a_traceback(tmp_path, number, where):
    doc = json.loads(json.dumps(CONDITIONAL))
    if where == "value":
        text = json.dumps(doc).replace('"value": 2', f'"value": {number}')
    elif where == "format_version":
        text = json.dumps(doc).replace('"format_version": 1', f'"format_version": {number}')
    else:
        text = json.dumps(doc).replace('"date": "2026-12-01"', f'"date": {number}')
    assert number in text
    path = tmp_path / "big-number.json"
    path.write_text(text, encoding="ascii")
    code, out, err = run(["review", path, "--criteria", CRITERIA])
    assert (code, out, err) == (2, "", f"{path}: {review.OUT_OF_RANGE}\n")
    for extra in ([], ["--csv"]):
        code, out, err = run(["summary", path, *extra, "--criteria", CRITERIA])
        assert code == 1 and "Traceback" not in err and "big-number.json" in out


def lying_review(tmp_path: Path) -> tuple[Path, Path, Path]:
    """File X, file Y with other answers, and a review naming X's SHA-256 while holding Y's answers."""
    x = tmp_path / "x.json"
    x.write_bytes(answers_bytes(SUBMISSION))
    y_doc = {**SUBMISSION, "answers": {**SUBMISSION["answers"], "r1": {"status": "unmet"}}}
    y = tmp_path / "y.json"
    y.write_bytes(answers_bytes(y_doc))
    lie = review_file(tmp_path, {**CONDITIONAL, "submission": y_doc,
                                 "submission_sha256": hashlib.sha256(x.read_bytes()).hexdigest()}, "lie.review.json")
    return x, y, lie


def test_review_answers_refuses_a_review_that_names_one_file_and_holds_another(tmp_path):
    x, _, lie = lying_review(tmp_path)
    for fmt in ("text", "markdown", "json", "csv"):
        code, out, err = run(["review", lie, "--answers", x, "--format", fmt, "--criteria", CRITERIA])
        assert (code, out) == (2, "")
        assert err == f"{lie}: {review.MISMATCH} ({x})\n"
        assert "this is the file that was reviewed" not in out + err


def test_summary_does_not_pair_a_review_with_the_file_it_names_but_does_not_hold(tmp_path):
    x, y, lie = lying_review(tmp_path)
    honest = review_file(tmp_path, {**CONDITIONAL, "submission_sha256": hashlib.sha256(x.read_bytes()).hexdigest()},
                         "honest.review.json")
    code, out, _ = run(["summary", tmp_path, "--csv", "--criteria", CRITERIA])
    rows = {Path(r[0]).name: r for r in __import__("csv").reader(out.splitlines())}
    assert rows["x.json"][7:9] == ["conditional", str(honest)]  # the honest review pairs
    assert rows["lie.review.json"][4] == "invalid" and review.MISMATCH in rows["lie.review.json"][summary.HEAD.index("error")]
    assert rows["y.json"][7:9] == ["", ""]
    honest.unlink()
    code, out, _ = run(["summary", tmp_path, "--csv", "--criteria", CRITERIA])
    rows = {Path(r[0]).name: r for r in __import__("csv").reader(out.splitlines())}
    assert code == 1 and rows["x.json"][7:9] == ["", ""]


def test_a_review_of_the_same_answers_with_other_spacing_still_binds(tmp_path):
    x = tmp_path / "x.json"
    x.write_bytes(json.dumps(SUBMISSION, separators=(",", ":")).encode())  # same answers, other bytes
    path = review_file(tmp_path, {**CONDITIONAL, "submission_sha256": hashlib.sha256(x.read_bytes()).hexdigest()})
    code, out, err = run(["review", path, "--answers", x, "--criteria", CRITERIA, "--lang", "en"])
    assert code == 0 and "this is the file that was reviewed" in out


@pytest.mark.parametrize("spelling", ["same", "dot", "hardlink"])
def test_plan_never_overwrites_its_answers_file(tmp_path, spelling, monkeypatch):
    answers = tmp_path / "answers.md"
    original = answers_bytes(SUBMISSION)
    answers.write_bytes(original)
    monkeypatch.chdir(tmp_path)
    target = {"same": "answers.md", "dot": "./sub/../answers.md", "hardlink": "link.md"}[spelling]
    (tmp_path / "sub").mkdir()
    if spelling == "hardlink":
        os.link(answers, tmp_path / "link.md")
    code, out, err = run(["plan", "answers.md", "-o", target, "--criteria", CRITERIA])
    assert (code, out) == (2, "")
    assert err.startswith(f"{Path(target)}: is the input answers.md") and err.count("\n") == 1
    assert answers.read_bytes() == original


def test_plan_never_overwrites_its_criteria_file(tmp_path):
    criteria = tmp_path / "criteria.yml"
    criteria.write_bytes(CRITERIA.read_bytes())
    answers = tmp_path / "answers.json"
    answers.write_bytes(answers_bytes(SUBMISSION))
    code, _, err = run(["plan", answers, "-o", criteria, "--criteria", criteria])
    assert code == 2 and err.startswith(f"{criteria}: is the input {criteria}")
    assert criteria.read_bytes() == CRITERIA.read_bytes()


def test_a_criteria_file_that_is_a_pipe_or_too_large_is_refused_at_once(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_bytes(answers_bytes(SUBMISSION))
    pipe = tmp_path / "criteria.yml"
    os.mkfifo(pipe)
    proc = in_a_process(["score", str(answers), "--criteria", str(pipe)], tmp_path)
    assert (proc.returncode, proc.stderr.decode()) == (2, f"{pipe}: {input_file.NOT_REGULAR}\n")
    huge = tmp_path / "huge.yml"
    with open(huge, "wb") as f:
        f.truncate(2 * input_file.CRITERIA_MAX_BYTES)
    code, _, err = run(["validate", huge])
    assert (code, err) == (2, f"{huge}: {input_file.too_big(2 * input_file.CRITERIA_MAX_BYTES, 'criteria')}\n")


@pytest.mark.parametrize("number", ["9" * 5000, "9" * 400, "-" + "1" * 40])
def test_a_number_of_any_size_in_a_criteria_file_is_named_not_raised(tmp_path, number):
    text = CRITERIA.read_text(encoding="utf-8")
    at = re.search(r"weight: ([0-9]+)", text)
    line = text.count("\n", 0, at.start(1)) + 1
    column = at.start(1) - text.rfind("\n", 0, at.start(1))
    changed = text[:at.start(1)] + number + text[at.end(1):]
    path = tmp_path / "criteria.yml"
    path.write_text(changed, encoding="utf-8")
    code, out, err = run(["validate", path])
    assert (code, out) == (2, "")
    assert err == f"{path}: YAML syntax error at line {line}, column {column}: number out of range\n"
