"""`summary` over many submissions: one row per file, hostile ones included, aligned, and honest about what it skipped."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import assessment
from tests.cli import run

CRITERIA = assessment.load()


def doc(**over) -> dict:
    d = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
         "assessment": {"organisation": "示例科技", "service": "彩铃"},
         "answers": {"cs-organisation": {"status": "met"}}}
    d.update(over)
    return d


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def rows_of(out: str) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(out))}


def test_summary_reports_good_bad_and_older_files_each_in_its_own_row(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    write_json(folder / "a-good.json", doc())
    write_json(folder / "b-old.json", doc(format_version=1, criteria_version="2025.01-1"))
    (folder / "c-broken.json").write_text("{nope", encoding="utf-8")
    write_json(folder / "d-bad-status.json", doc(answers={"cs-organisation": {"status": "done"}}))
    (folder / "notes.txt").write_text("not an answers file")
    code, out, err = run(["summary", folder, "--csv"])
    rows = rows_of(out)
    assert code == 1 and "4 files: 2 scored, 2 invalid" in err
    assert sorted(rows) == ["a-good.json", "b-old.json", "c-broken.json", "d-bad-status.json"]
    assert rows["a-good.json"]["verdict"] == "incomplete" and rows["a-good.json"]["organisation"] == "示例科技"
    assert rows["b-old.json"]["criteria_version"] == "2025.01-1" and rows["b-old.json"]["verdict"] == "incomplete"
    assert rows["c-broken.json"]["verdict"] == "invalid"
    assert rows["c-broken.json"]["error"] == "line 1, column 2: expected a key in double quotes or '}', found \"n\""
    assert rows["d-bad-status.json"]["error"] == 'answers.cs-organisation: status: "done" is not one of met, partial, unmet, na'


def test_summary_over_a_folder_of_hostile_files_and_a_good_one_lists_them_all(tmp_path):
    write_json(tmp_path / "good.json", doc())
    hostile = {
        "deep.json": '{"x": ' + "[" * 3000 + "]" * 3000 + "}",
        "huge-number.json": json.dumps(doc(answers={})).replace('{}', '{"quality-first-reply": {"value": 1' + "0" * 400 + "}}"),
        "surrogate.json": json.dumps(doc(answers={"cs-organisation": {"status": "met", "note": "\ud800"}})),
        "null-assessment.json": json.dumps(doc(assessment=None)),
    }
    for name, text in hostile.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "utf16.json").write_bytes(json.dumps(doc()).encode("utf-16"))
    for args in ([], ["--csv"]):
        code, out, err = run(["summary", tmp_path, *args])
        assert code == 1 and "6 files: 1 scored, 5 invalid" in err
        for name in [*hostile, "utf16.json", "good.json"]:
            assert name in out
    rows = rows_of(run(["summary", tmp_path, "--csv"])[1])
    assert rows["good.json"]["verdict"] == "incomplete"
    assert rows["deep.json"]["error"] == "line 1, column 70: nested deeper than 64 levels"
    assert rows["huge-number.json"]["error"].endswith("number out of range")
    assert rows["surrogate.json"]["error"].endswith(r"lone surrogate \ud800 in a string")
    assert rows["null-assessment.json"]["error"] == "assessment: expected an object, got null"
    assert rows["utf16.json"]["error"] == "(file): not UTF-8 text; save the file as UTF-8"


def test_summary_of_one_file_says_1_file(tmp_path):
    code, out, err = run(["summary", write_json(tmp_path / "a.json", doc()), "--lang", "en"])
    assert code == 0 and "a.json" in out and "Incomplete" in out
    assert err == "1 file: 1 scored, 0 invalid\n"
    write_json(tmp_path / "b.json", doc())
    assert run(["summary", tmp_path])[2] == "2 files: 2 scored, 0 invalid\n"


def test_summary_of_an_empty_folder_is_an_error(tmp_path):
    code, _, err = run(["summary", tmp_path])
    assert code == 2 and "no answers files" in err


def test_summary_says_it_skipped_a_symlinked_folder_and_does_not_follow_it(tmp_path):
    (tmp_path / "real").mkdir()
    write_json(tmp_path / "real" / "a.json", doc())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_json(elsewhere / "outside.json", doc())
    (tmp_path / "real" / "link").symlink_to(elsewhere, target_is_directory=True)
    code, out, err = run(["summary", tmp_path / "real"])
    assert code == 1 and "outside.json" not in out
    assert f"skipped {tmp_path / 'real' / 'link'}: symbolic link to a folder, not followed" in err
    assert "1 file: 1 scored, 0 invalid; 1 path skipped" in err


def test_summary_says_it_skipped_a_folder_it_cannot_read(tmp_path, monkeypatch):
    write_json(tmp_path / "a.json", doc())
    (tmp_path / "locked").mkdir()
    write_json(tmp_path / "locked" / "b.json", doc())
    real_scandir = os.scandir

    def scandir(path):  # the tests run as root, for whom chmod 000 locks nothing
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(["summary", tmp_path])
    assert code == 1 and "a.json" in out and "b.json" not in out
    assert f"skipped {tmp_path / 'locked'}: cannot read the folder (Permission denied)" in err


def test_summary_names_an_unreadable_file_in_its_own_row(tmp_path):
    write_json(tmp_path / "a.json", doc())
    code, out, _ = run(["summary", tmp_path / "a.json", tmp_path / "missing.json", "--csv"])
    rows = rows_of(out)
    assert code == 1 and rows["missing.json"]["error"] == "(file): cannot read the file (No such file or directory)"


def test_summary_aligns_columns_by_display_width_with_chinese_names(tmp_path):
    write_json(tmp_path / "a.json", doc(assessment={"organisation": "示例科技", "service": "彩铃"}))  # 8 and 4 columns
    write_json(tmp_path / "b.json", doc(assessment={"organisation": "Acme Ltd", "service": "RBT "}))  # 8 and 4 columns
    lines = run(["summary", tmp_path, "--lang", "en"])[1].splitlines()
    a, b = (next(line for line in lines if line.startswith(str(tmp_path / n))) for n in ("a.json", "b.json"))
    # a wide character takes two columns, so each following column starts 4 + 2 characters earlier in a's line
    assert a.index("彩铃") == b.index("RBT ") - 4
    assert a.index("Incomplete") == b.index("Incomplete") - 4 - 2


def test_summary_text_and_csv_neutralise_terminal_escapes_and_formulas(tmp_path):
    write_json(tmp_path / "a.json", doc(assessment={"organisation": "\x1b[1A\x1b[2KOther Co  ready  100%",
                                                    "service": "=HYPERLINK(\"http://x\",\"y\")\rinjected,row"}))
    out = run(["summary", tmp_path])[1]
    assert "\x1b" not in out and "\r" not in out and "\\x1b[1A\\x1b[2KOther Co" in out
    csv_out = run(["summary", tmp_path, "--csv"])[1]
    rows = list(csv.reader(io.StringIO(csv_out, newline="")))
    assert len(rows) == 2 and rows[1][2] == "'=HYPERLINK(\"http://x\",\"y\")\rinjected,row"
    assert "\x1b" not in csv_out
