"""`summary` for a reviewer's terminal: sort, filter, cells cut to the width, JSON, -o with a BOM for
spreadsheets, the criteria upgrade as one column, the chosen language."""

from __future__ import annotations

import codecs
import csv
import io
import json

import assessment
from assessment.plan import plan as plan_mod
from assessment.cli import summary_layout as summary_output
from tests.cli import run

CRITERIA = assessment.load()


def write(path, organisation="甲公司", answers=None, **over):
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
           "assessment": {"organisation": organisation, "service": "彩铃"},
           "answers": answers if answers is not None else {"cs-organisation": {"status": "met"}}, **over}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def all_met():
    return {i.id: ({"status": "met"} if i.kind == "check" else {"value": CRITERIA.threshold(i).value}) for i in CRITERIA.items}


def rows(out):
    return list(csv.DictReader(io.StringIO(out)))


def test_sort_by_a_column_and_reverse_and_filter_by_verdict_or_review(tmp_path):
    write(tmp_path / "a.json", "乙", answers=all_met())
    write(tmp_path / "b.json", "甲")
    write(tmp_path / "c.json", "丙", answers={})
    code, out, _ = run(["summary", tmp_path, "--csv", "--sort", "percent", "--reverse"])
    percents = [float(r["percent"].rstrip("%")) for r in rows(out)]
    assert code == 0 and percents == sorted(percents, reverse=True) and rows(out)[0]["file"].endswith("a.json")
    ready = rows(out)[0]["verdict"]
    code, out, err = run(["summary", tmp_path, "--csv", "--filter", f"verdict={ready}"])
    assert [r["file"][-6:] for r in rows(out)] == ["a.json"] and "1 shown" in err
    code, out, _ = run(["summary", tmp_path, "--csv", "--filter", "review=none", "--sort", "organisation"])
    assert len(rows(out)) == 3


def test_an_unknown_sort_column_or_filter_is_refused_with_exit_2(tmp_path):
    write(tmp_path / "a.json")
    code, _, err = run(["summary", tmp_path, "--sort", "colour"])
    assert code == 2 and "--sort colour: one of file," in err
    code, _, err = run(["summary", tmp_path, "--filter", "verdict=great"])
    assert code == 2 and "verdict is one of ready" in err


def test_long_cells_are_cut_to_the_terminals_width_and_stay_whole_in_csv_and_json(tmp_path, monkeypatch):
    long_name = "很长的机构名称" * 20
    write(tmp_path / "a-very-long-file-name-that-ends-in.json", long_name)
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(["summary", tmp_path, "--lang", "en"])
    lines = out.splitlines()
    assert code == 0 and all(summary_output.width(line) <= 120 for line in lines)
    assert "…" in lines[1] and "ends-in.json" in lines[1]  # a path keeps its end
    code, out, _ = run(["summary", tmp_path, "--csv"])
    assert rows(out)[0]["organisation"] == long_name
    code, out, _ = run(["summary", tmp_path, "--format", "json"])
    doc = json.loads(out)
    assert doc["files"][0]["organisation"] == long_name and doc["tally"]["scored"] == 1


def test_csv_written_to_a_file_starts_with_a_byte_order_mark_for_spreadsheets(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder / "a.json")
    target = tmp_path / "summary.csv"
    code, out, err = run(["summary", folder, "--csv", "-o", target])
    data = target.read_bytes()
    assert code == 0 and out == "" and data.startswith(codecs.BOM_UTF8) and "甲公司" in data.decode("utf-8-sig")
    assert str(target) in err
    code, out, _ = run(["summary", folder, "--csv"])
    assert not out.startswith("\ufeff")  # standard output stays plain UTF-8 for pipes
    target.chmod(0o444)
    code, _, err = run(["summary", folder, "--csv", "-o", target])
    assert code == 2 and "read-only" in err


def test_a_criteria_upgrade_is_one_short_column_and_leaves_the_problem_column_empty(tmp_path):
    saved = {"verdict": "ready", "percent": 100, "earned": 1, "possible": 1, "criteria_version": "2025.01-1"}
    write(tmp_path / "old.json", criteria_version="2025.01-1", result=saved)
    code, out, _ = run(["summary", tmp_path, "--csv"])
    [row] = rows(out)
    assert row["criteria_upgrade"] == f"2025.01-1 → {CRITERIA.version}"
    assert row["saved_verdict"] == "ready" and row["verdict"] != "ready" and row["error"] == ""
    code, out, _ = run(["summary", tmp_path])
    assert summary_output.LABELS["zh"]["criteria_upgrade"] in out and plan_mod.LABELS["zh"][row["verdict"]] in out
