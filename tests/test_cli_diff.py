"""`python -m assessment diff OLD NEW`: what an SP changed between two answers files."""

from __future__ import annotations

import csv
import io
import json

import assessment
from assessment.criteria import quantity
from assessment.plan import plan as plan_mod
from tests.cli import run

CRITERIA = assessment.load()
CHANNELS = next(i for i in CRITERIA.items if i.kind == "min" and i.threshold)


def answers(tmp_path, name, answers=None, plan=None, **meta):
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
           "assessment": {"organisation": "甲公司", "service": "彩铃", **meta},
           "answers": answers if answers is not None else {CHANNELS.id: {"value": 1}, "cs-organisation": {"status": "met"}},
           "plan": plan if plan is not None else {"overview": "概述"}}
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_same_answers_exit_0_and_say_so_even_when_the_bytes_differ(tmp_path):
    old = answers(tmp_path, "old.json")
    new = tmp_path / "new.json"
    new.write_text(json.dumps(json.loads(old.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    code, out, err = run(["diff", old, new, "--lang", "en"])
    assert code == 0, err
    assert "The answers and the plan are unchanged." in out


def test_a_change_exits_1_with_clause_old_and_new_value_with_units_and_both_verdicts(tmp_path):
    old = answers(tmp_path, "old.json")
    new = answers(tmp_path, "new.json", answers={CHANNELS.id: {"value": 2, "note": "新增热线"}, "cs-organisation": {"status": "met"}},
                  plan={"overview": "概述\n第二行"})
    code, out, err = run(["diff", old, new])
    assert code == 1, err
    labels = plan_mod.LABELS["zh"]
    old_text = plan_mod.answer_text(CRITERIA, CHANNELS, assessment.answers.answers_file.Answer(value=1), labels)
    new_text = plan_mod.answer_text(CRITERIA, CHANNELS, assessment.answers.answers_file.Answer(value=2, note="x"), labels)
    assert labels["clause"].format(CHANNELS.clause) in out and CHANNELS.question.zh in out
    assert f"{old_text} → {new_text}" in out
    assert quantity.text(2, CRITERIA.unit_of(CHANNELS), "zh") in out
    assert "备注：— → 新增热线" in out and "    + 第二行" in out
    assert out.count(labels["incomplete"]) >= 2  # both verdicts
    code, out, _ = run(["diff", old, new, "--lang", "en"])
    assert quantity.text(2, CRITERIA.unit_of(CHANNELS), "en") in out and "Items changed" in out


def test_every_format_carries_the_changes(tmp_path):
    old = answers(tmp_path, "old.json")
    new = answers(tmp_path, "new.json", organisation="乙公司")
    code, out, _ = run(["diff", old, new, "--format", "json"])
    doc = json.loads(out)
    assert code == 1 and doc["details"] == [{"field": "organisation", "old": "甲公司", "new": "乙公司"}]
    assert [v["verdict"] for v in doc["verdicts"]] == ["incomplete", "incomplete"] and doc["changed"] is True
    code, out, _ = run(["diff", old, new, "--format", "csv", "--lang", "en"])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["Kind", "Where", "Field", "Old", "New"] and ["SP details", "SP name", "SP name", "甲公司", "乙公司"] in rows
    assert rows[-1][0] == "verdict"
    code, out, _ = run(["diff", old, new, "--format", "markdown"])
    assert "| SP 信息 | SP名称 | SP名称 | 甲公司 | 乙公司 |" in out


def test_bad_input_exits_2_with_file_where_what_and_no_traceback(tmp_path):
    old = answers(tmp_path, "old.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "sp-readiness-answers", "format_version": 2, "answers": {"x": 1}', encoding="utf-8")
    code, out, err = run(["diff", old, bad])
    assert code == 2 and out == "" and err.startswith(f"{bad}: ") and "Traceback" not in err
    code, _, err = run(["diff", old, tmp_path / "missing.json"])
    assert code == 2 and "missing.json" in err


def test_hostile_text_is_escaped_in_the_terminal_and_neutralised_in_csv(tmp_path):
    old = answers(tmp_path, "old.json")
    new = answers(tmp_path, "new.json", answers={CHANNELS.id: {"value": 1}, "cs-organisation": {"status": "met", "note": "=1+1\x1b[2J"}})
    code, out, _ = run(["diff", old, new])
    assert code == 1 and "\x1b" not in out and "\\x1b[2J" in out
    code, out, _ = run(["diff", old, new, "--format", "csv"])
    assert "'=1+1" in out


def test_english_counts_say_1_item_and_2_items(tmp_path):
    from assessment.cli.command import plural as _plural

    assert _plural(1, "item") == "1 item" and _plural(2, "item") == "2 items" and _plural(0, "file") == "0 files"
    code, out, _ = run(["validate"])
    assert code == 0 and f"{len(CRITERIA.items)} items" in out
