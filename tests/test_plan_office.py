"""The plan documents are what an office expects: A4, language, page numbers, column widths, the SP's
line breaks, text XML cannot hold, values with units, numbers as JavaScript writes them, sign-off,
and the clause 5.1 / 5.2 checks."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from docx.oxml.ns import qn

import assessment
from assessment.plan import plan
from assessment.criteria import quantity
from assessment.shared.formatting import js_number
from assessment.plan import plan_file
from tests.cli import run
from tests.test_plan import CRITERIA, PLAN_TEXT, doc, parsed, write_json

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_of(d: dict, lang: str = "zh") -> docx.document.Document:
    answers, result = parsed(d)
    return docx.Document(io.BytesIO(plan_file.render("docx", CRITERIA, answers, result, lang)))


def languages(document) -> list[tuple[str, str]]:
    """Every w:lang on the default run properties and the Normal style: (val, eastAsia)."""
    found = document.styles.element.findall(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    found += document.styles["Normal"].element.findall(f"{W}rPr/{W}lang")
    return [(e.get(f"{W}val"), e.get(f"{W}eastAsia")) for e in found]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_is_a4_with_usual_margins(lang):
    section = docx_of(doc(), lang).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [25.4] * 4


def test_docx_language_is_the_chosen_one_with_a_chinese_east_asian_font():
    zh, en = docx_of(doc(), "zh"), docx_of(doc(), "en")
    # Latin runs (names, numbers, e-mail addresses) English, East Asian runs Chinese, in both:
    # LibreOffice breaks Latin text marked Chinese anywhere, not at spaces and hyphens.
    assert languages(zh) == languages(en) == [("en-GB", "zh-CN")] * 2
    assert zh.core_properties.language == "zh-CN" and en.core_properties.language == "en-GB"
    fonts = zh.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "SimSun" and fonts.get(qn("w:eastAsiaTheme")) is None


def test_docx_says_who_wrote_it_not_which_library():
    props = docx_of(doc()).core_properties
    assert (props.title, props.author, props.last_modified_by) == ("运行维护和客户服务方案", "示例科技", "示例科技")
    assert props.created.year > 2013 and docx_of(doc(assessment={}), "en").core_properties.author == ""


def test_docx_footer_holds_page_number_and_print_date_fields():
    footer = docx_of(doc()).sections[0].footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ['DATE \\@ "yyyy-MM-dd"', "PAGE", "NUMPAGES"]
    assert "打印日期：" in "".join(t.text or "" for t in footer.iter(f"{W}t"))


def test_docx_tables_give_the_question_the_widest_column_and_fit_the_page():
    document = docx_of(doc())
    answers = document.tables[-2]
    widths = [int(g.get(f"{W}w")) for g in answers._tbl.tblGrid.findall(f"{W}gridCol")]
    assert [c.text for c in answers.rows[0].cells] == ["条款", "条目", "回答", "备注", "证据"]
    assert widths[1] == max(widths) and widths[0] == min(widths) and widths[1] > 2 * widths[2]
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    for table in document.tables:
        total = sum(int(g.get(f"{W}w")) for g in table._tbl.tblGrid.findall(f"{W}gridCol"))
        assert text_width - 5 <= total <= text_width
        first_row = table._tbl.tr_lst[0]
        assert first_row.find(f"{W}trPr/{W}tblHeader") is not None  # repeated on each page


def test_docx_ends_with_the_sign_off_block():
    document = docx_of(doc(), "en")
    assert document.paragraphs[-1].text == "Sign-off" and document.paragraphs[-1].style.name == "Heading 1"
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Responsible person", "Signature", "Date"]
    assert len(table.rows) == 2 and all(c.text == "" for c in table.rows[1].cells)


LINES = {"overview": "第一行\n第二行\r\n第三行\n\n新段落\n  缩进行"}


def test_line_breaks_the_sp_typed_stay_line_breaks_in_markdown():
    answers, result = parsed(doc(plan=LINES))
    text = plan.markdown(CRITERIA, answers, result)
    assert "第一行  \n第二行  \n第三行\n\n新段落  \n  缩进行\n" in text
    rendered = __import__("markdown").markdown(text)
    assert "第一行<br />\n第二行<br />\n第三行</p>\n<p>新段落<br />" in rendered


def test_line_breaks_the_sp_typed_stay_line_breaks_in_html_and_docx():
    answers, result = parsed(doc(plan=LINES))
    page = plan.html_page(CRITERIA, answers, result)
    assert '<div class="text">第一行\n第二行\n第三行\n\n新段落\n  缩进行</div>' in page and "pre-wrap" in plan.PAGE_CSS
    texts = [p.text for p in docx_of(doc(plan=LINES)).paragraphs]
    assert ["第一行\n第二行\n第三行", "新段落\n  缩进行"] == texts[texts.index("1 概述") + 1: texts.index("1 概述") + 3]


def test_note_lines_become_line_breaks_in_every_table_cell(tmp_path):
    d = doc(answers={"cs-organisation": {"status": "met", "note": "甲\n乙", "evidence": "a.pdf\nb.pdf"}})
    answers, result = parsed(d)
    assert "| 甲<br>乙 | a.pdf<br>b.pdf |" in plan.markdown(CRITERIA, answers, result)
    row = next(r for r in docx_of(d).tables[-2].rows if r.cells[0].text == "1.1")
    assert [c.text for c in row.cells[3:]] == ["甲\n乙", "a.pdf\nb.pdf"]


HOSTILE = "a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh\ud800i\udfffj\ufffek\uffffl\tm"
CLEANED = "a\ufffdb\ufffdc\ufffdd\ne\nf\ufffdg\ufffdh\ufffdi\ufffdj\ufffdk\ufffdl\tm"
FROM_A_FILE = HOSTILE.replace("\ud800", "").replace("\udfff", "")  # the answers rule refuses lone surrogates
FROM_A_FILE_CLEANED = CLEANED.replace("h\ufffdi\ufffdj", "hij")


def test_clean_replaces_what_xml_cannot_hold_and_keeps_word_line_breaks():
    assert plan.clean(HOSTILE) == CLEANED
    assert plan.clean("ok 中文 😀 \u2028") == "ok 中文 😀 \u2028"


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_the_checklists_own_export_with_control_characters_writes_every_format(tmp_path, suffix):
    # Lone surrogates never reach a plan from a file (the answers rule refuses them); clean() covers them.
    d = doc(assessment={"organisation": "示例\x00科技", "service": "彩铃"},
            answers={"cs-organisation": {"status": "met", "note": "备\x0c注", "evidence": "证\x1f据"}, "zz\x01": {"status": "met"}},
            plan={"overview": FROM_A_FILE})
    source = tmp_path / "a.json"
    source.write_text(json.dumps(d), encoding="utf-8")  # \u escapes, as JSON.stringify writes them
    target = tmp_path / f"plan{suffix}"
    code, _, err = run(["plan", source, "-o", target])
    assert code == 0, err
    if suffix == ".docx":
        document = docx.Document(str(target))
        texts = [p.text for p in document.paragraphs]
        assert "SP名称：示例\ufffd科技" in texts and FROM_A_FILE_CLEANED in texts
        assert any(c.text == "备\n注" for r in document.tables[-2].rows for c in r.cells)
    else:
        text = target.read_text(encoding="utf-8")
        assert "示例\ufffd科技" in text and "zz\ufffd" in text and "\x00" not in text


@pytest.mark.parametrize(("value", "text"), [
    (0, "0"), (2, "2"), (2.0, "2"), (0.5, "0.5"), (0.00001, "0.00001"), (0.000001, "0.000001"), (1e-7, "1e-7"),
    (1.5e-7, "1.5e-7"), (123.456, "123.456"), (0.1 + 0.2, "0.30000000000000004"), (1e20, "100000000000000000000"),
    (1e21, "1e+21"), (1.5e300, "1.5e+300"), (10**25, "1e+25"), (5e-324, "5e-324"), (1234567.125, "1234567.125"),
])
def test_numbers_are_written_as_javascripts_string_writes_them(value, text):
    assert js_number(value) == text


def test_annex_values_carry_their_units_in_both_languages():
    channels = CRITERIA.threshold(CRITERIA.item("quality-round-the-clock"))
    reply = CRITERIA.threshold(CRITERIA.item("quality-first-reply"))
    tiny = reply.value / 100000  # a small duration, written as JavaScript writes it
    d = doc(answers={"quality-round-the-clock": {"value": channels.value}, "quality-first-reply": {"value": tiny}})
    answers, result = parsed(d)
    labels = plan.LABELS
    for lang in ("zh", "en"):
        text = plan.markdown(CRITERIA, answers, result, lang)
        for value, key, kind in ((channels.value, "round_the_clock_channels", "min"), (tiny, "first_reply", "max")):
            unit = CRITERIA.units[CRITERIA.thresholds[key].unit]
            limit = labels[lang][kind].format(quantity.threshold_text(CRITERIA, key, lang))
            shown = labels[lang]["with_value"].format(status=labels[lang]["met"], value=quantity.text(value, unit, lang), limit=limit)
            assert shown in text, (lang, shown)
    more = channels.value + 2  # English plural from the data file's unit names
    d = doc(answers={"quality-round-the-clock": {"value": more}})
    assert f"{js_number(more)} {CRITERIA.units[channels.unit].en_plural}" in plan.markdown(CRITERIA, *parsed(d), "en")


def test_annex_lists_every_answer_with_its_clause_number():
    rows = plan.outline(CRITERIA, *parsed(doc()), "zh")["answers"][1]
    assert [r[0] for r in rows] == [i.clause or "—" for i in CRITERIA.items]
    assert rows[0][0] == "1.1" and "—" in [r[0] for r in rows]


def test_html_plan_ends_with_a_sign_off_block_and_prints_on_a4_with_page_numbers():
    page = plan.html_page(CRITERIA, *parsed(doc()), "zh")
    assert re.search(r"<h2>签字确认</h2><table class=\"sign-off\">.*<th>负责人</th><th>签字</th><th>日期</th>.*</table></main>", page)
    assert "size: A4" in plan.PAGE_CSS and "counter(page)" in plan.PAGE_CSS


# --- clauses 5.1 and 5.2 against the plan -------------------------------------------------------

ALL_WRITTEN = {p.id: f"{p.number} 的内容" for p in CRITERIA.template if not p.group}


def checks(**over):
    answers, result = parsed(doc(**over))
    return plan.plan_checks(CRITERIA, answers, result)


def test_an_empty_plan_fails_5_1_and_5_2_and_met_answers_to_them_contradict_it():
    c = checks(plan={}, answers={"plan-covers-sections": {"status": "met"}, "plan-meets-quality": {"status": "met"},
                                 "quality-round-the-clock": {"value": 2}, "quality-first-reply": {"value": 1}})
    parts = [p.id for p in CRITERIA.template if not p.group]
    assert c["written"] == [] and c["missing"] == parts
    assert c["missing_5_1"] == c["required_5_1"] == [p.id for p in CRITERIA.template if not p.group and p.number[0] in "23"]
    assert c["failing_5_2"] == c["sections_5_2"] == ["cs-channels", "cs-quality"] and c["items_failing_5_2"] == []
    assert c["contradictions"] == {"plan-covers-sections": True, "plan-meets-quality": True}


def test_a_written_plan_with_quality_items_met_satisfies_5_1_and_5_2():
    c = checks(plan=ALL_WRITTEN, answers={"plan-covers-sections": {"status": "met"}, "plan-meets-quality": {"status": "met"},
                                          "quality-round-the-clock": {"value": 2}, "quality-first-reply": {"value": 1}})
    assert c["missing"] == [] and c["missing_5_1"] == [] and c["failing_5_2"] == []
    assert c["contradictions"] == {"plan-covers-sections": False, "plan-meets-quality": False}


def test_5_2_fails_while_a_quality_item_blocks_or_is_unanswered_even_with_every_section_written():
    c = checks(plan=ALL_WRITTEN, answers={"plan-meets-quality": {"status": "met"}, "quality-first-reply": {"value": 48}})
    assert c["items_failing_5_2"] == ["quality-round-the-clock", "quality-first-reply"]
    assert c["failing_5_2"] == ["cs-channels", "cs-quality"]
    assert c["contradictions"] == {"plan-covers-sections": False, "plan-meets-quality": True}


def test_only_a_met_answer_contradicts_and_whitespace_is_not_writing():
    c = checks(plan={"overview": " \u3000\n\t"}, answers={"plan-covers-sections": {"status": "partial"}})
    assert "overview" in c["missing"] and c["contradictions"] == {"plan-covers-sections": False, "plan-meets-quality": False}


def test_every_label_exists_in_both_languages():
    assert set(plan.LABELS["zh"]) == set(plan.LABELS["en"])
    assert {"sign_off", "sign_person", "sign_signature", "sign_date", "printed", "clause_col", "with_value"} <= set(plan.LABELS["zh"])
    assert assessment.plan.plan.LABELS["zh"]["sign_person"] == "负责人" and plan.LABELS["en"]["printed"] == "Printed"


@pytest.mark.parametrize("suffix", [".docx", ".md", ".html"])
def test_plan_without_the_annex_and_never_with_a_private_note(tmp_path, suffix):
    d = doc(answers={"cs-organisation": {"status": "met", "note": "演练尚未进行", "note_private": True},
                     "cs-content": {"status": "met", "note": "客服中心二十人"}})
    source = write_json(tmp_path / "a.json", d)
    texts = {}
    for name, extra in (("with", []), ("without", ["--no-annex"])):
        target = tmp_path / f"{name}{suffix}"
        code, _, err = run(["plan", source, "-o", target, *extra])
        assert code == 0, err
        texts[name] = ("\n".join(p.text for p in docx.Document(str(target)).paragraphs)
                       + "\n".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
                       if suffix == ".docx" else target.read_text(encoding="utf-8"))
    annex = plan.LABELS["zh"]["annex"]
    assert annex in texts["with"] and "客服中心二十人" in texts["with"]  # a shared note is in the annex
    assert annex not in texts["without"] and "客服中心二十人" not in texts["without"]
    assert plan.LABELS["zh"]["sign_off"] in texts["without"] and PLAN_TEXT["om-incidents"] in texts["without"]
    assert all("演练尚未进行" not in t for t in texts.values())  # a private note never
