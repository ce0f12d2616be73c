"""The plan writer in Chromium, and its exports agreeing with the Python plan writer."""

from __future__ import annotations

import json

import pytest

import assessment
from assessment.criteria import versions as history
from assessment.plan import plan
from assessment.criteria import quantity
from assessment.shared.formatting import js_number
from tests.browser_checks import axe_violations, pdf_text, squeezed
from tests.checklist_page import CHANNELS, answer_some, current_doc, entries, item, open_checklist, show, texts, wait_saved
from tests.evidence_vectors import DIR as EVIDENCE_DIR
from tests.test_plan import CRITERIA, doc

CRITERIA_JSON = history.published(CRITERIA)


def part(page, part_id):
    return page.locator(f"#plan-{part_id}")


def download(page, button) -> str:
    with page.expect_download() as info:
        page.locator(button).click()
    return open(info.value.path(), encoding="utf-8").read()


def python_plan(d: dict, lang="zh") -> tuple[str, str]:
    answers = assessment.parse_answers(CRITERIA, d)
    result = assessment.score(CRITERIA, answers)
    return plan.markdown(CRITERIA, answers, result, lang), plan.html_page(CRITERIA, answers, result, lang)


def test_plan_text_survives_a_reload(fresh):
    page = fresh
    show(page, "plan")
    part(page, "overview").locator("textarea").fill("我们的概述\n第二行")
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert part(page, "overview").locator("textarea").input_value() == "我们的概述\n第二行"
    assert current_doc(page)["plan"] == {"overview": "我们的概述\n第二行"}


def test_inserting_answers_writes_plain_prose_once(fresh):
    page = fresh
    answer_some(page)
    texts(page, "cs-channels").locator("[data-field=note]").fill("客服热线 400-000-0000，全天有人接听。")
    show(page, "plan")
    channels = part(page, "cs-channels")
    related = channels.locator(".cl-related__body").text_content()
    # What the SP said, with the value, its unit and the threshold it meets; no question, no self-score.
    unit = CRITERIA.unit_of(CRITERIA.item("quality-round-the-clock"))
    said = f"第4.1条：{quantity.text(float(CHANNELS), unit, 'zh')}（至少{quantity.threshold_text(CRITERIA, 'round_the_clock_channels', 'zh')}）"
    assert said in related and "客服热线 400-000-0000，全天有人接听。" in related
    assert CRITERIA.item("quality-round-the-clock").question.zh not in related
    assert "满足" not in related
    insert = channels.locator("[data-action=insert]")
    insert.click()
    assert insert.is_disabled()  # all of it is in the text now: nothing to insert again
    show(page, "answers")
    item(page, "cs-channels").locator("[data-field=evidence]").fill("热线录音.zip")
    show(page, "plan")
    insert.click()  # inserting again adds only what is new
    text = channels.locator("textarea").input_value()
    assert text.count("客服热线 400-000-0000") == 1 and text.count(said) == 1 and text.count("热线录音.zip") == 1
    assert said in current_doc(page)["plan"]["cs-channels"]


def test_progress_flags_clauses_5_1_and_5_2_until_written(fresh):
    page = fresh
    show(page, "plan")
    status = page.locator("#cl-plan-status")
    assert "第5.1条" in status.text_content() and "第5.2条" in status.text_content()
    for p in CRITERIA.template:
        if not p.group:
            part(page, p.id).locator("textarea").fill(f"{p.number} 的内容")
    assert "第5.1条" not in status.text_content()
    assert "第5.2条" in status.text_content()  # written, but the quality items are not answered yet
    show(page, "answers")
    for item_id in ("quality-round-the-clock", "quality-first-reply"):  # exactly at the threshold: met
        value = js_number(CRITERIA.threshold(CRITERIA.item(item_id)).value)
        item(page, item_id).locator("[data-field=value]").fill(value)
    assert "第5.2条" not in status.text_content() and "各章节均已填写" in status.text_content()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clause_5_1_met_with_an_empty_plan_is_flagged_in_the_item_the_result_and_the_report(page, served_site, lang):
    open_checklist(page, served_site, lang, empty=True)
    item(page, "plan-covers-sections").locator("input[value=met]").check()
    flag = item(page, "plan-covers-sections").locator(".cl-plancheck")
    assert flag.is_visible() and "2.1" in flag.text_content()
    assert page.locator(".cl-list--contradictions").count() == 1
    show(page, "report")
    assert getattr(CRITERIA.item("plan-covers-sections").question, lang) in page.locator(".cl-report__flags").text_content()
    assert page.locator(".cl-report__flags li").count() == 1
    show(page, "plan")
    part(page, "overview").locator("textarea").fill("x")
    for p in CRITERIA.template:
        if not p.group and p.number[0] in "23":
            part(page, p.id).locator("textarea").fill("内容")
    show(page, "answers")
    assert item(page, "plan-covers-sections").locator(".cl-plancheck").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exported_markdown_and_html_are_what_the_python_writer_gives(page, served_site, lang):
    open_checklist(page, served_site, lang, empty=True)
    answer_some(page)
    show(page, "plan")
    part(page, "overview").locator("textarea").fill("概述 <b>粗体?</b> | 竖线\n第二行")
    part(page, "om-incidents").locator("textarea").fill("故障分三级")
    markdown = download(page, "#cl-plan-md")
    html = download(page, "#cl-plan-html")
    d = current_doc(page)
    expected_md, expected_html = python_plan(d, lang)
    assert markdown == expected_md
    assert html == expected_html
    assert "故障分三级" in markdown and "&lt;b&gt;" in markdown and "示例科技" in markdown


ALL_WRITTEN = {p.id: f"{p.number}\n第二行" for p in CRITERIA.template if not p.group}
# A block measured from a ticket export, as the command line prints it (tests/vectors/evidence/).
MEASURED = json.loads((EVIDENCE_DIR / "answers.json").read_text(encoding="utf-8"))["vectors"][0]["doc"]["evidence"]
EDGE_CASES = [
    doc(), doc(version=1), doc(assessment={}),
    doc(plan={"overview": "  <img src=x onerror=alert(1)> & \"q\" 'a'  ", "cs-process": "|a|\r\nb"}),
    doc(answers={"zz-unknown": {"status": "met"}, "quality-first-reply": {"value": 2.0}}),
    # line breaks of every kind, blank lines, indentation, trailing spaces, JS/Python whitespace differences
    doc(plan={"overview": "一\n二\r\n三\r四\v五\f六\n\n\n  七  \n\t八\t", "cs-content": "\u3000\ufeff\x85x\x85\xa0",
              "cs-commitment": "\u2028\u2029", "om-routine": "a  \n  \n b"}),
    # what XML cannot hold, lone surrogates, astral characters
    doc(assessment={"organisation": "示例\x00科技", "service": "彩\ud800铃"}, plan={"overview": "a\x01b\udfffc\ufffe😀\uffff"},
        answers={"cs-organisation": {"status": "met", "note": "x\x1fy\nz", "evidence": "e\x0cf"}, "zz\x02": {"status": "met"}}),
    # numbers JavaScript and Python would write differently without care, and units
    doc(answers={"quality-round-the-clock": {"value": 1e21}, "quality-first-reply": {"value": 0.00001}}),
    doc(answers={"quality-round-the-clock": {"value": 1}, "quality-first-reply": {"value": 1e-7}}),
    doc(answers={"quality-round-the-clock": {"value": 123456789012}, "quality-first-reply": {"value": 0.1 + 0.2}}),
    # 5.1 and 5.2: empty plan answered met; full plan with a blocking quality item
    doc(plan={}, answers={"plan-covers-sections": {"status": "met"}, "plan-meets-quality": {"status": "met"}}),
    doc(plan=ALL_WRITTEN, answers={"plan-covers-sections": {"status": "met"}, "plan-meets-quality": {"status": "met"},
                                   "quality-round-the-clock": {"value": 0}, "quality-first-reply": {"value": 1}}),
    doc(plan=ALL_WRITTEN, answers={"plan-covers-sections": {"status": "partial"}, "quality-round-the-clock": {"value": 3},
                                   "quality-first-reply": {"value": 0.5}}),
    # the measured evidence under 4.2's own evidence, or alone; a period holding what XML cannot hold,
    # a lone surrogate and an astral character; a percent Python and JavaScript round differently
    doc(evidence=MEASURED, answers={"quality-first-reply": {"value": 0.5, "evidence": "工单系统\n截图"}}),
    doc(evidence={**MEASURED, "attainment": 0.1225,
                  "period": {"first_arrival": "2024\x01-03-01\ud800x", "last_arrival": "😀2024-03-03T"}}),
    # a note the SP keeps private, beside one it shares
    doc(answers={"cs-organisation": {"status": "met", "note": "演练尚未进行", "note_private": True, "evidence": "a.pdf"},
                 "cs-content": {"status": "partial", "note": "visible", "note_private": False}}),
]
JS_PLAN = """async (args) => {
    const [c, d, r, l, lang, css, annex] = JSON.parse(args);
    const m = await import('./assets/javascripts/plan/plan.js');
    return JSON.stringify([m.outline(c, d, r, l, lang, { annex }), m.planChecks(c, d, r),
                           m.planMarkdown(c, d, r, l, lang, { annex }), m.planHtml(c, d, r, l, lang, css, { annex })]);
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_js_and_python_outline_checks_and_plans_agree_byte_for_byte(page, served_site, lang):
    page.goto(served_site.url)
    for d in EDGE_CASES:
        answers = assessment.parse_answers(CRITERIA, d)
        result = assessment.score(CRITERIA, answers)
        # As JSON text with \u escapes both ways, as the checklist reads a file: lone surrogates survive the trip.
        for annex in (True, False):
            args = json.dumps([CRITERIA_JSON, d, result, plan.LABELS[lang], lang, plan.PAGE_CSS, annex])
            js = json.loads(page.evaluate(JS_PLAN, args))
            py = [plan.outline(CRITERIA, answers, result, lang, annex), plan.plan_checks(CRITERIA, answers, result),
                  plan.markdown(CRITERIA, answers, result, lang, annex=annex), plan.html_page(CRITERIA, answers, result, lang, annex)]
            assert js == json.loads(json.dumps(py)), (d, annex)
        assert (js[2].encode("utf-8"), js[3].encode("utf-8")) == (py[2].encode("utf-8"), py[3].encode("utf-8"))


def test_python_numbers_are_javascripts_string(page, served_site):
    page.goto(served_site.url)
    values = [0, 1, 2.5, 0.00001, 0.000001, 1e-7, 1.5e-7, 0.1 + 0.2, 1e20, 1e21, 1.5e300, 5e-324, 123456789.125,
              1 / 3, 2 ** 53, 2 ** 53 + 2, 1e-6 * 3, 98765.4321e-12]
    assert page.evaluate("(vs) => vs.map(String)", values) == [js_number(v) for v in values]


def test_the_printable_plan_page_has_no_navigation_chrome_and_is_accessible(fresh, tmp_path):
    page = fresh
    answer_some(page)
    show(page, "plan")
    part(page, "overview").locator("textarea").fill("概述")
    html = download(page, "#cl-plan-html")
    path = tmp_path / "plan.html"
    path.write_text(html, encoding="utf-8")
    requests = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert page.locator("nav, header, .md-header, .md-sidebar, script").count() == 0
    assert page.locator("h1").text_content() == "运行维护和客户服务方案"
    assert [u for u in requests if not u.startswith("file:")] == []
    printed = pdf_text(page)
    assert squeezed("运行维护和客户服务方案") in printed and squeezed("概述") in printed
    for p in CRITERIA.template:  # every section of the plan is printed, under its number
        assert squeezed(f"{p.number}{p.title.zh}") in printed, p.id
    page.emulate_media(media="screen")
    assert axe_violations(page) == []


def test_a_version_1_file_imports_and_exports_as_version_2(fresh, tmp_path):
    page = fresh
    v1 = doc(version=1)
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(v1, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_selector(".cl-notice.success")  # it takes the place of the untouched first assessment
    assert current_doc(page)["answers"] == v1["answers"]
    with page.expect_download() as info:
        page.locator("#cl-export").click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["format_version"] == 2 and exported["plan"] == {}
    assert exported["result"] == assessment.score(CRITERIA, assessment.parse_answers(CRITERIA, v1))
    assert len(entries(page)) == 1
