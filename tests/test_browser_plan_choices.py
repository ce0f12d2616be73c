"""The plan the SP chooses to send: drafts inserted once in one language, private notes, the annex; and
the assessment date checked where it is typed."""

from __future__ import annotations

import json

import pytest

from assessment.plan import plan
from assessment.answers.answers_file import DATE_YEARS
from tests.checklist_page import current_doc, item, open_checklist, show, texts, wait_saved
from tests.test_browser_plan import download, part
from tests.test_plan import CRITERIA

SHARED = "cs-unicom-interface"  # an item both 2.7 and 3.5 draw on


def shared_parts() -> list[str]:
    parts = [p.id for p in CRITERIA.template if SHARED in p.items]
    assert len(parts) == 2
    return parts


def test_a_passage_shared_by_two_sections_is_inserted_once_and_not_again_in_the_other_language(page, served_site):
    open_checklist(page, served_site, empty=True)
    texts(page, SHARED).locator("[data-field=note]").fill("与联通10010客服的接口人：李四，每周对账一次。")
    threshold = next(i for i in CRITERIA.items if i.threshold)
    item(page, threshold.id).locator("[data-field=value]").fill("3")
    show(page, "plan")
    first, second = shared_parts()
    part(page, first).locator("[data-action=insert]").click()
    assert part(page, second).locator("[data-action=insert]").is_disabled()  # already in the plan, in 2.7
    assert "已在方案中" in part(page, second).locator(".cl-related__body").text_content()
    value_part = next(p.id for p in CRITERIA.template if threshold.id in p.items)
    part(page, value_part).locator("[data-action=insert]").click()
    wait_saved(page)
    before = current_doc(page)["plan"]

    open_checklist(page, served_site, "en")  # the same assessment, the page in English
    show(page, "plan")
    for part_id in (first, second, value_part):
        assert part(page, part_id).locator("[data-action=insert]").is_disabled(), part_id
    assert current_doc(page)["plan"] == before
    assert sum(text.count("每周对账一次") for text in before.values()) == 1


def test_a_private_note_stays_out_of_the_draft_and_the_plan_and_the_annex_can_be_left_out(page, served_site):
    open_checklist(page, served_site, empty=True)
    note = "演练尚未进行"
    it = texts(page, "om-incidents")
    it.locator("[data-field=note]").fill(note)
    it.locator("[data-field=note_private]").check()
    wait_saved(page)
    assert current_doc(page)["answers"]["om-incidents"]["note_private"] is True
    show(page, "plan")
    incidents = next(p.id for p in CRITERIA.template if "om-incidents" in p.items)
    assert note not in part(page, incidents).locator(".cl-related__body").text_content()
    with_annex = download(page, "#cl-plan-md")
    assert note not in with_annex and plan.LABELS["zh"]["annex"] in with_annex

    annex = page.locator("#cl-plan-annex")
    assert annex.is_checked()  # attached by default, and the help says why
    assert page.locator("#cl-plan-annex-help").is_visible()
    annex.uncheck()
    without = download(page, "#cl-plan-md")
    assert plan.LABELS["zh"]["annex"] not in without and plan.LABELS["zh"]["sign_off"] in without
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert not page.locator("#cl-plan-annex").is_checked()  # the choice is kept with the assessment


def test_an_implausible_date_is_flagged_where_it_is_typed_and_not_saved(page, served_site):
    open_checklist(page, served_site, empty=True)
    field = page.locator("#cl-meta [name=date]")
    good = f"{DATE_YEARS[0] + 26}-11-25"
    field.fill(good)
    wait_saved(page)
    field.evaluate("(e) => { e.value = '50315-11-25'; e.dispatchEvent(new Event('input', { bubbles: true })); }")
    assert field.get_attribute("aria-invalid") == "true"
    message = page.locator("#cl-date-msg").text_content()
    assert f"{DATE_YEARS[0]}-01-01" in message and f"{DATE_YEARS[1]}-12-31" in message
    assert current_doc(page)["assessment"]["date"] == good  # the last plausible date is what is kept
    field.fill(good)
    assert field.get_attribute("aria-invalid") == "false" and page.locator("#cl-date-msg").text_content() == ""


def all_met() -> dict:
    """Every item answered as meeting it (numbers at their threshold, read from the data file)."""
    answers = {}
    for i in CRITERIA.items:
        answers[i.id] = {"value": CRITERIA.threshold(i).value} if i.threshold else {"status": "met"}
    return {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
            "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "", "date": ""}, "answers": answers, "plan": {}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_that_contradicts_5_1_and_5_2_puts_the_verdict_in_doubt_alike_everywhere(page, served_site, tmp_path, lang):
    open_checklist(page, served_site, lang, empty=True)
    source = tmp_path / "all-met.json"
    source.write_text(json.dumps(all_met(), ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(source))
    page.wait_for_function("document.getElementById('cl-bar-verdict').className.includes('contradicted')")
    badges = {"bar": page.locator("#cl-bar-verdict"), "result": page.locator("#cl-verdict .cl-verdict-badge")}
    show(page, "report")
    badges["report"] = page.locator("#cl-report-body .cl-verdict-badge")
    looks = {name: b.evaluate("e => [e.className, e.textContent.trim(), getComputedStyle(e).color]") for name, b in badges.items()}
    assert len({tuple(v) for v in looks.values()}) == 1, looks  # the same words, class and colour
    cls, words, colour = looks["bar"]
    assert "cl-verdict--contradicted" in cls and plan.LABELS[lang]["ready"] in words
    show(page, "answers")
    for item_id in ("plan-covers-sections", "plan-meets-quality"):
        state = page.locator(f"[data-launch={item_id}]")
        assert "cl-state--contradicted" in state.get_attribute("class")
        assert state.evaluate("e => getComputedStyle(e).color") == colour  # never green beside the doubt


def test_importing_into_an_empty_browser_replaces_the_empty_assessment_and_names_it_once(page, served_site, tmp_path):
    open_checklist(page, served_site, empty=True)
    assert page.locator("#cl-current option").count() == 1  # the empty one made on the first visit
    d = all_met()
    d["assessment"].update(service="星河音乐彩铃", organisation="星河互动科技有限公司")
    source = tmp_path / "import.json"
    source.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(source))
    page.wait_for_selector(".cl-notice.success")
    options = page.locator("#cl-current option").all_text_contents()
    assert len(options) == 1, options
    assert options[0].count("星河音乐彩铃") == 1 and options[0].count("星河互动科技有限公司") == 1, options
    # a second import is added beside it: only the untouched first one is replaced
    page.locator("#cl-import").set_input_files(str(source))
    page.wait_for_function("document.querySelectorAll('#cl-current option').length === 2")
