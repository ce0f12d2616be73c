"""`report` for reviewers: items named by clause and question in the chosen language, in every format."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

import assessment
from assessment.criteria import quantity
from assessment.shared.formatting import js_number
from tests.cli import run

CRITERIA = assessment.load()
Q = {i.id: i.question for i in CRITERIA.items}
REPLY = CRITERIA.threshold(CRITERIA.item("quality-first-reply"))  # a duration: half of it is met
HALF = {"value": REPLY.value / 2, "unit": REPLY.unit}
CHANNELS = CRITERIA.threshold(CRITERIA.item("quality-round-the-clock")).value + 1


def doc(**over) -> dict:
    d = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
         "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "张三 010-0000", "date": "2026-11-25"},
         "answers": {"cs-organisation": {"status": "met", "note": "客服中心20人\n第二行", "evidence": "架构图.pdf"},
                     "quality-round-the-clock": {"value": CHANNELS}, "quality-first-reply": dict(HALF),
                     "om-severity-levels": {"status": "na"}},
         "plan": {"overview": "概述", "cs-channels": "客服热线"}}
    d.update(over)
    return d


@pytest.fixture
def answers_file(tmp_path):
    def write(d=None, name="a.json"):
        path = tmp_path / name
        path.write_text(json.dumps(d or doc(), ensure_ascii=False), encoding="utf-8")
        return path
    return write


def test_text_report_in_chinese_names_items_by_clause_and_question(answers_file):
    code, out, _ = run(["report", answers_file()])
    assert code == 0
    assert "结论：未完成" in out and "方案未填写的章节：2.1" in out and "全部回答：" in out
    assert f"  第1.1条 {Q['cs-organisation'].zh}\n    回答：满足\n    备注：客服中心20人\n      第二行\n    证据：架构图.pdf" in out
    unit = CRITERIA.units[REPLY.unit]
    half, limit = quantity.text(HALF["value"], unit, "zh"), quantity.text(REPLY.value, unit, "zh")
    assert f"  第4.2条 {Q['quality-first-reply'].zh}\n    回答：满足（{half}；要求：不超过{limit}）" in out  # full-width in Chinese
    assert "cs-organisation" not in out and "Verdict" not in out


def test_text_report_in_english_has_english_labels_too(answers_file):
    code, out, _ = run(["report", answers_file(), "--lang", "en"])
    assert code == 0
    assert "Verdict: Incomplete" in out and "Plan sections not written: 2.1" in out
    assert f"  clause 1.1 {Q['cs-organisation'].en}\n    Answer: Met\n    Note: 客服中心20人" in out
    assert "结论" not in out and "cs-organisation" not in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markdown_report_lists_clause_question_and_answer_in_the_chosen_language(answers_file, lang):
    code, out, _ = run(["report", answers_file(), "--format", "markdown", "--lang", lang])
    question = getattr(Q["cs-organisation"], lang)
    status = {"zh": "满足", "en": "Met"}[lang]
    assert code == 0 and out.startswith({"zh": "# 就绪自评报告", "en": "# Readiness self-assessment report"}[lang])
    assert f"| 1.1 | {question} | {status} |   | 客服中心20人<br>第二行 | 架构图.pdf |" in out
    assert "## 2.1" not in out  # the report, not the plan


def test_markdown_report_shows_file_texts_as_text_not_markup(answers_file):
    d = doc(assessment={"organisation": "<script>alert(1)</script> [x](javascript:y) *b*"})
    out = run(["report", answers_file(d), "--format", "markdown"])[1]
    assert re.search(r"(?<!\\)<(?!br>)", out) is None and re.search(r"(?<!\\)\[", out) is None  # every < and [ escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:y) \\*b\\*" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_report_has_clause_question_and_answer_in_the_chosen_language(answers_file, lang):
    code, out, _ = run(["report", answers_file(), "--format", "csv", "--lang", lang])
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows) == 1 + len(CRITERIA.items)  # the note's line break stays inside its cell
    head = {"zh": ["条款", "问题", "条目编号", "级别", "回答", "数值", "要求", "备注", "证据"],
            "en": ["Clause", "Question", "Item id", "Level", "Answer", "Value", "Requirement", "Note", "Evidence"]}[lang]
    assert rows[0] == head
    first = dict(zip(head, rows[1]))
    assert rows[1][:5] == ["1.1", getattr(Q["cs-organisation"], lang), "cs-organisation", "required", {"zh": "满足", "en": "Met"}[lang]]
    assert first[head[7]] == "客服中心20人\n第二行"
    reply = next(r for r in rows if r[2] == "quality-first-reply")
    assert reply[5] == js_number(HALF["value"]) and reply[0] == "4.2"  # a bare number, in the threshold's unit


def test_csv_report_neutralises_formulas_and_quotes_every_cell(answers_file):
    d = doc(answers={"cs-organisation": {"status": "met", "note": "=HYPERLINK(\"http://x\")", "evidence": "@SUM(A1)"},
                     "cs-content": {"status": "met", "note": "+1", "evidence": "-2"},
                     "cs-commitment": {"status": "met", "note": "\tTAB", "evidence": "\rCR"}})
    out = run(["report", answers_file(d), "--format", "csv"])[1]
    rows = {r[2]: r for r in csv.reader(io.StringIO(out))}
    assert rows["cs-organisation"][7:] == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert rows["cs-content"][7:] == ["'+1", "'-2"]
    assert rows["cs-commitment"][7:] == ["'\tTAB", "'\rCR"]
    assert all(record.startswith('"') for record in out.split("\n") if record)


def test_json_report_keeps_the_machine_fields(answers_file):
    code, out, _ = run(["report", answers_file(), "--format", "json"])
    report = json.loads(out)
    assert code == 0 and report["browser_result"] == "absent" and report["result"]["verdict"] == "incomplete"
    assert "2.1" in report["plan_sections_empty"] and "2.4" not in report["plan_sections_empty"]
    assert report["answers"]["quality-first-reply"]["value"] == 0.5


def test_report_says_when_the_browsers_result_differs(answers_file):
    good = json.loads(run(["report", answers_file(), "--format", "json"])[1])["result"]
    same = answers_file(doc(result=good), "same.json")
    forged = answers_file(doc(result={**good, "verdict": "ready", "percent": 100}), "forged.json")
    assert json.loads(run(["report", same, "--format", "json"])[1])["browser_result"] == "same"
    assert json.loads(run(["report", forged, "--format", "json"])[1])["browser_result"] == "differs"
    text = run(["report", forged, "--lang", "en"])[1]
    assert "differs from the recomputed one" in text and "verdict 'ready' in the file, 'incomplete' recomputed" in text
    assert "文件中保存的浏览器结果与重新计算的结果不同" in run(["report", forged])[1]


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
def test_control_characters_from_the_file_are_shown_escaped_never_sent_to_the_terminal(answers_file, fmt):
    d = doc(assessment={"organisation": "A\x1b[2J\x1b[1;1HB\u202eC\x07"},
            answers={"cs-organisation": {"status": "met", "note": "x\x1b]0;title\x07\x9by"}})
    out = run(["report", answers_file(d), "--format", fmt])[1]
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    shown = {"text": "A\\x1b[2J\\x1b[1;1HB\\u202eC\\x07", "csv": "x\\x1b]0;title\\x07\\x9by",
             "markdown": "A\\\\x1b\\[2J\\\\x1b\\[1;1HB\\\\u202eC\\\\x07"}  # Markdown escapes the backslash too
    assert shown[fmt] in out
