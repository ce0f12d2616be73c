"""The operator's review in the SP's checklist (Chromium): a review file imports beside the work it
reviewed, its decision, conditions and comments appear where they belong, and changes since the
review are marked as the SP edits."""

from __future__ import annotations

import hashlib
import json

import pytest

import assessment
from assessment.review import review_file as review
from tests.browser_checks import axe_violations
from tests.checklist_page import answer_some, entries, export, item, open_checklist, show, texts, wait_saved

HOSTILE = "<img src=x onerror=alert(1)><b>bold</b>"


def review_of(exported: dict, **changes) -> dict:
    """A finished review of the exact bytes of an exported answers file, as the review page writes it."""
    data = json.dumps(exported, ensure_ascii=False, indent=2).encode("utf-8")
    doc = {
        "format": "sp-readiness-review", "format_version": 1, "criteria_version": assessment.load().version,
        "submission_sha256": hashlib.sha256(data).hexdigest(), "submission": json.loads(data),
        "reviewer": {"name": "李四", "organisation": "中国联通", "date": "2026-12-01"},
        "items": {"cs-organisation": {"decision": "accepted", "comment": "组织清楚"},
                  "quality-round-the-clock": {"decision": "needs_work", "comment": f"只有一种渠道\n{HOSTILE}"},
                  "cs-content": {"decision": "rejected", "comment": "内容审核流程缺失"}},
        "plan": {"cs-organisation": {"decision": "rejected", "comment": f"缺少负责人联系方式 {HOSTILE}"}},
        "decision": "conditional",
        "conditions": [{"text": "增加第二种全天候客服渠道", "due": "2020-01-15"},
                       {"text": f"补充应急预案 {HOSTILE}", "due": "2099-12-31"}],
        "summary": f"基本满足，按条件整改。{HOSTILE}",
        **changes,
    }
    assert review.problems(assessment.load(), doc) == []  # the file the review page would export
    return doc


def import_file(page, tmp_path, doc, name="review.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))


def reviewed(page, tmp_path, **changes) -> dict:
    """Answer, export, write a plan section, then import a review of the exported file."""
    answer_some(page)
    show(page, "plan")
    page.locator("[data-part=cs-organisation] textarea").fill("客服中心负责人：王五")
    show(page, "answers")
    exported = export(page)
    doc = review_of(exported, **changes)
    import_file(page, tmp_path, doc)
    page.wait_for_selector("#cl-review:not([hidden])")
    return doc


def seen(locator) -> str:
    """The text a reader sees: the element brought on screen and drawn first (off-screen items are not laid out)."""
    if locator.evaluate("e => !e.closest('[hidden]')"):
        locator.scroll_into_view_if_needed()
        locator.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return locator.inner_text()


def note(page, key):
    """The reviewer's note at an item or plan section, brought on screen (off-screen items are not laid out)."""
    found = page.locator(f"[data-review='{key}']")
    if found.count() == 1 and found.evaluate("e => !e.hidden"):
        found.scroll_into_view_if_needed()
    return found


def test_an_imported_review_shows_its_decision_conditions_and_comments_at_their_places(fresh, tmp_path):
    page = fresh
    reviewed(page, tmp_path)
    assert page.locator("#cl-current option").count() == 1  # attached to the same assessment, not a new one
    assert page.locator(".cl-notice.success").count() == 1
    panel = page.locator("#cl-review")
    text = seen(panel)
    assert "有条件批准" in text and "李四" in text and "中国联通" in text and "2026-12-01" in text
    conditions = panel.locator(".cl-rn__condition")
    assert conditions.count() == 2
    assert "增加第二种全天候客服渠道" in seen(conditions.nth(0)) and "2020-01-15" in seen(conditions.nth(0))
    assert "已逾期" in seen(conditions.nth(0))
    assert conditions.nth(0).get_attribute("class").endswith("--overdue")
    assert "已逾期" not in seen(conditions.nth(1)) and "2099-12-31" in seen(conditions.nth(1))

    # Each comment sits inside its item's fieldset, after the answer, with the decision in words.
    organisation = item(page, "cs-organisation").locator("[data-review='item:cs-organisation']")
    assert "通过" in seen(organisation) and "组织清楚" in seen(organisation)
    assert page.evaluate("""document.querySelector("#item-cs-organisation .cl-answer").nextElementSibling
        .dataset.review""") == "item:cs-organisation"
    assert "需要改进" in seen(note(page, "item:quality-round-the-clock"))
    assert "不通过" in seen(note(page, "item:cs-content"))
    assert note(page, "item:cs-channels").is_hidden()  # no word from the reviewer, no change: nothing shown
    show(page, "plan")
    section = page.locator("[data-part=cs-organisation] [data-review='plan:cs-organisation']")
    assert "不通过" in seen(section) and "缺少负责人联系方式" in seen(section)
    # Nothing changed since the review: no item or section is marked.
    assert page.locator(".cl-rn__changed:visible").count() == 0

    show(page, "report")
    report = page.locator(".cl-rn-report")
    assert "审核意见" in seen(report.locator("h3"))
    assert "有条件批准" in seen(report) and "组织清楚" in seen(report)
    assert "缺少负责人联系方式" in seen(report)
    # The review is kept with the assessment, but never part of the exported answers file.
    wait_saved(page)
    stored = next(iter(entries(page).values()))
    assert stored["review"]["decision"] == "conditional"
    show(page, "answers")
    assert "review" not in export(page)


def test_changing_an_answer_or_text_marks_it_changed_since_the_review_and_back(fresh, tmp_path):
    page = fresh
    reviewed(page, tmp_path)
    changed = note(page, "item:cs-organisation").locator(".cl-rn__changed")
    assert changed.is_hidden()
    item(page, "cs-organisation").locator("input[value=partial]").check()
    changed.wait_for(state="visible")
    assert "自审核以来已修改" in seen(changed)
    assert "1 个条目" in seen(page.locator("#cl-review .cl-rn__count"))
    item(page, "cs-organisation").locator("input[value=met]").check()
    changed.wait_for(state="hidden")
    # An item the reviewer said nothing about is marked too, and a note counts as a change.
    texts(page, "cs-channels").locator("[data-field=note]").fill("新增的备注")
    note(page, "item:cs-channels").locator(".cl-rn__changed").wait_for(state="visible")
    show(page, "plan")
    page.locator("[data-part=cs-organisation] textarea").fill("改写后的方案")
    page.locator("[data-review='plan:cs-organisation'] .cl-rn__changed").wait_for(state="visible")
    show(page, "report")
    assert "自审核以来已修改" in seen(page.locator(".cl-rn-report"))
    # Kept after a reload: the review is stored with the assessment.
    wait_saved(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    show(page, "answers")
    note(page, "item:cs-channels").locator(".cl-rn__changed").wait_for(state="visible")
    assert "有条件批准" in seen(page.locator("#cl-review"))


def test_removing_the_review_takes_it_off_the_page_and_out_of_storage(fresh, tmp_path):
    page = fresh
    reviewed(page, tmp_path)
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-action=remove-review]").click()
    page.wait_for_selector("#cl-review", state="hidden")
    assert page.locator("[data-review]").count() == 0
    wait_saved(page)
    assert "review" not in next(iter(entries(page).values()))
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()  # the answers stay


def test_hostile_text_in_a_review_is_shown_as_text(fresh, tmp_path):
    page = fresh
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reviewed(page, tmp_path)
    assert HOSTILE in seen(page.locator("#cl-review"))
    assert HOSTILE in seen(note(page, "item:quality-round-the-clock"))
    show(page, "plan")
    assert HOSTILE in seen(note(page, "plan:cs-organisation"))
    show(page, "report")
    assert HOSTILE in seen(page.locator(".cl-rn-report"))
    assert page.locator("#sp-checklist img, #sp-checklist b").count() == 0
    assert dialogs == []


def test_a_broken_review_file_is_refused_with_its_problems_and_nothing_stored_changes(fresh, tmp_path):
    page = fresh
    answer_some(page)
    exported = export(page)
    wait_saved(page)
    before = entries(page)
    doc = review_of(exported)
    doc["items"]["cs-organisation"]["decision"] = "fine"
    doc["conditions"][0]["due"] = "2027-02-30"
    import_file(page, tmp_path, doc, "bad-review.json")
    alert = page.locator("#cl-alert")
    alert.locator("li").first.wait_for()
    assert "bad-review.json" in seen(alert.locator("p"))
    assert alert.locator("li").all_text_contents() == review.problems(assessment.load(), doc)
    assert entries(page) == before
    assert page.locator("#cl-review").is_hidden()
    assert page.locator("[data-review]").count() == 0


def test_a_review_of_an_assessment_not_in_this_browser_asks_which_one_it_belongs_to(fresh, tmp_path):
    page = fresh
    answer_some(page)
    exported = export(page)
    other = {**exported, "assessment": {**exported["assessment"], "organisation": "乙公司"}}
    import_file(page, tmp_path, review_of(other))
    pick = page.locator(".cl-rn-pick")
    pick.wait_for()
    assert "乙公司" in seen(pick)
    assert page.locator("#cl-review").is_hidden()  # nothing attached until the SP says where
    assert axe_violations(page) == []
    # Keyboard: the choice has focus; pick "a new assessment" and attach with the keyboard.
    assert page.evaluate("document.activeElement.id") == "cl-rn-target"
    page.locator("#cl-rn-target").select_option(value="")
    page.locator("[data-action=attach-review]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#cl-current option').length === 2")
    page.wait_for_selector("#cl-review:not([hidden])")
    assert page.locator("#cl-meta [name=organisation]").input_value() == "乙公司"
    assert note(page, "item:cs-organisation").locator(".cl-rn__changed").is_hidden()  # the answers as reviewed

    # Picking an existing assessment attaches the review to it.
    third = {**exported, "assessment": {**exported["assessment"], "organisation": "丙公司"}}
    import_file(page, tmp_path, review_of(third, decision="rejected", conditions=[]), "second.json")
    pick.wait_for()
    page.locator("#cl-rn-target").select_option(index=0)
    page.locator("[data-action=attach-review]").click()
    page.wait_for_function("document.querySelector('#cl-review h3') && "
                           "document.querySelector('#cl-review').textContent.includes('不批准')")
    assert page.locator("#cl-current option").count() == 2
    assert page.locator("#cl-meta [name=organisation]").input_value() == "示例科技"

    # Escape takes the question back: nothing attached, focus back on the import button.
    import_file(page, tmp_path, review_of(third, decision="approved", conditions=[]), "third.json")
    pick.wait_for()
    page.keyboard.press("Escape")
    pick.wait_for(state="detached")
    assert page.evaluate("document.activeElement.id") == "cl-import-button"
    assert "不批准" in seen(page.locator("#cl-review"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_review_attached(page, served_site, tmp_path, scheme):
    open_checklist(page, served_site, "en", scheme, empty=True)
    reviewed(page, tmp_path)
    item(page, "cs-organisation").locator("input[value=partial]").check()
    note(page, "item:cs-organisation").locator(".cl-rn__changed").wait_for(state="visible")
    assert "Approved with conditions" in seen(page.locator("#cl-review"))
    assert axe_violations(page) == []
    for view in ("plan", "report"):
        show(page, view)
        assert axe_violations(page) == [], view


def test_a_review_attached_in_one_tab_shows_in_the_other_and_survives_its_edits(fresh, served_site, tmp_path):
    page = fresh
    answer_some(page)
    wait_saved(page)
    other = page.context.new_page()
    open_checklist(other, served_site)
    import_file(page, tmp_path, review_of(export(page)))
    page.wait_for_selector("#cl-review:not([hidden])")
    other.wait_for_selector("#cl-review:not([hidden])")
    assert "组织清楚" in seen(note(other, "item:cs-organisation"))
    # An edit in the other tab, written over what it had, keeps the review and is marked there.
    item(other, "cs-organisation").locator("input[value=unmet]").check()
    note(other, "item:cs-organisation").locator(".cl-rn__changed").wait_for(state="visible")
    wait_saved(other)
    note(page, "item:cs-organisation").locator(".cl-rn__changed").wait_for(state="visible")
    assert next(iter(entries(page).values()))["review"]["decision"] == "conditional"
