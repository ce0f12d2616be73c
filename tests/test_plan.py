"""The plan document and the reviewers' report and summary commands."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import docx
import pytest

import assessment
from assessment.__main__ import main
from assessment.plan import plan_file
from tests import source_document as source
from tests.cli import run

CRITERIA = assessment.load()
PLAN_TEXT = {"overview": "示例科技为彩铃业务提供7×24小时客服。\n第二行 <script>x</script>",
             "cs-channels": "客服热线 4000-000-000，全天候人工值守，用户免费。",
             "om-incidents": "故障分三级，一级故障15分钟内通报联通。"}


def doc(version=2, **over) -> dict:
    d = {"format": "sp-readiness-answers", "format_version": version, "criteria_version": CRITERIA.version,
         "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "张三 010-0000", "date": "2026-11-25"},
         "answers": {"cs-organisation": {"status": "met", "note": "客服中心20人", "evidence": "架构图.pdf"},
                     "quality-round-the-clock": {"value": 2}, "quality-first-reply": {"value": 0.5},
                     "om-severity-levels": {"status": "na"}}}
    if version == 2:
        d["plan"] = dict(PLAN_TEXT)
    d.update(over)
    return d


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def parsed(d=None):
    answers = assessment.parse_answers(CRITERIA, d or doc())
    return answers, assessment.score(CRITERIA, answers)


def test_template_data_keeps_the_documents_numbering_titles_and_prompts():
    _, sections = source.template()
    assert [p.number for p in CRITERIA.template] == list(sections)
    for part in CRITERIA.template:
        heading, prompts = sections[part.number]
        assert source.normalise(part.title.zh) == source.normalise(heading)
        assert [source.normalise(p.zh) for p in part.prompts] == prompts
    items = {i.id for i in CRITERIA.items}
    assert all(set(p.items) <= items for p in CRITERIA.template)
    assert "quality-round-the-clock" in next(p for p in CRITERIA.template if p.number == "2.4").items


def test_docx_plan_has_title_page_headings_in_order_text_and_annex(tmp_path):
    path = tmp_path / "plan.docx"
    assert run(["plan", write_json(tmp_path / "a.json", doc()), "-o", path])[0] == 0
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    template = [f"{p.number} {p.title.zh}" for p in CRITERIA.template]
    assert headings[: len(template)] == template
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")][: len(template)]
    assert levels == [1 + p.number.count(".") for p in CRITERIA.template]
    assert paragraphs[0] == "运行维护和客户服务方案"
    for value in ("示例科技", "彩铃", "张三 010-0000", "2026-11-25", CRITERIA.version):
        assert any(value in p for p in paragraphs[:8]), value
    assert "客服热线 4000-000-000，全天候人工值守，用户免费。" in paragraphs
    # The SP's two lines stay two lines of one paragraph (a w:br between them).
    assert "示例科技为彩铃业务提供7×24小时客服。\n第二行 <script>x</script>" in paragraphs
    assert "附件：就绪自评结果" in headings
    result = parsed()[1]
    assert any(p.startswith("结论") and "未完成" in p for p in paragraphs) and result["verdict"] == "incomplete"
    answers_table = document.tables[-2]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in answers_table.rows}
    assert rows[CRITERIA.item("cs-organisation").question.zh] == ["1.1", CRITERIA.item("cs-organisation").question.zh,
                                                                   "满足", "客服中心20人", "架构图.pdf"]
    assert [c.text for c in document.tables[-1].rows[0].cells] == ["负责人", "签字", "日期"]
    # East Asian font set on the styles Chinese text uses.
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "SimSun"


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_markdown_and_html_plans_hold_the_same_content_as_the_docx(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    assert run(["plan", write_json(tmp_path / "a.json", doc()), "-o", path])[0] == 0
    text = path.read_text(encoding="utf-8")
    positions = [text.index(f"{p.number} {p.title.zh}") for p in CRITERIA.template]
    assert positions == sorted(positions)
    assert "客服热线 4000-000-000，全天候人工值守，用户免费。" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "附件：就绪自评结果" in text and "未完成" in text and "客服中心20人" in text and "架构图.pdf" in text


def test_english_plan_uses_the_english_template(tmp_path):
    path = tmp_path / "plan.md"
    assert run(["plan", write_json(tmp_path / "a.json", doc()), "-o", path, "--lang", "en"])[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "# O&M and Customer Service Plan" in text and "### 2.4 Customer service channels" in text


def test_plan_refuses_an_unknown_format_and_writes_nothing(tmp_path):
    code, _, err = run(["plan", write_json(tmp_path / "a.json", doc()), "-o", tmp_path / "plan.pdf"])
    assert code == 2 and "unknown format '.pdf'" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_plan_into_a_missing_folder_fails_cleanly(tmp_path):
    code, _, err = run(["plan", write_json(tmp_path / "a.json", doc()), "-o", tmp_path / "no" / "plan.md"])
    assert code == 2 and "cannot write" in err


def test_a_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"previous plan")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_file, "docx_document", boom)
    answers, result = parsed()
    with pytest.raises(RuntimeError):
        plan_file.write(target, CRITERIA, answers, result)
    assert target.read_bytes() == b"previous plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]


def test_a_version_1_file_still_reads_and_scores_the_same():
    v1, v2 = doc(version=1), doc(version=2)
    assert "plan" not in v1
    a1, r1 = parsed(v1)
    a2, r2 = parsed(v2)
    assert r1 == r2 and a1.plan == {} and a2.plan == PLAN_TEXT


def test_every_command_has_help():
    for command in ("validate", "score", "report", "summary", "plan"):
        with pytest.raises(SystemExit) as exit_, contextlib.redirect_stdout(io.StringIO()) as out:
            main([command, "--help"])
        assert exit_.value.code == 0 and "usage:" in out.getvalue()
