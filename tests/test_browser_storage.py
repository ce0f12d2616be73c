"""Nothing lost: two tabs, broken entries, a full storage, the old layout, backups."""

from __future__ import annotations

import json

from tests.checklist_page import (answer_some, current_doc, current_id, entries, item, open_checklist, texts,
                                  wait_saved)


def second_tab(page, served_site):
    other = page.context.new_page()
    open_checklist(other, served_site)
    return other


def reload(page):
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")


def test_two_tabs_editing_different_items_of_one_assessment_keep_both(fresh, served_site):
    a = fresh
    b = second_tab(a, served_site)
    assert current_id(a) == current_id(b)
    item(a, "cs-organisation").locator("input[value=met]").check()
    texts(b, "cs-process").locator("[data-field=note]").fill("B 的备注")  # before A's save reached B
    item(b, "om-routine").locator("input[value=partial]").check()
    wait_saved(a)
    wait_saved(b)
    item(a, "cs-content").locator("input[value=unmet]").check()
    wait_saved(a)
    for tab in (a, b):
        reload(tab)
        answers = current_doc(tab)["answers"]
        assert answers["cs-organisation"] == {"status": "met"}
        assert answers["cs-process"] == {"note": "B 的备注"}
        assert answers["om-routine"] == {"status": "partial"}
        assert answers["cs-content"] == {"status": "unmet"}
    # B shows A's later answer without a reload, too.
    b.wait_for_function("document.querySelector('#item-cs-content input[value=unmet]').checked")


def test_an_assessment_created_in_one_tab_appears_in_the_other_and_both_keep_their_work(fresh, served_site):
    a = fresh
    b = second_tab(a, served_site)
    a.locator("#cl-new").click()
    a.locator("#cl-meta [name=service]").fill("手机报")
    b.wait_for_function("document.querySelectorAll('#cl-current option').length === 2")
    item(b, "cs-organisation").locator("input[value=met]").check()  # B edits the first assessment
    item(a, "cs-organisation").locator("input[value=unmet]").check()  # A edits the new one
    wait_saved(a)
    wait_saved(b)
    reload(a)
    saved = entries(a)
    assert len(saved) == 2
    statuses = sorted(e["doc"]["answers"]["cs-organisation"]["status"] for e in saved.values())
    assert statuses == ["met", "unmet"]


def test_when_two_tabs_change_the_same_field_the_later_wins_and_the_other_tab_says_so(fresh, served_site):
    a = fresh
    b = second_tab(a, served_site)
    texts(a, "cs-process").locator("[data-field=note]").fill("A 写的")
    wait_saved(a)
    b.wait_for_function("document.querySelector('#item-cs-process [data-field=note]')?.value === 'A 写的'")
    b.locator("#item-cs-process [data-field=note]").fill("B 改的")
    wait_saved(b)
    a.wait_for_function("document.querySelector('#item-cs-process [data-field=note]').value === 'B 改的'")
    notice = a.locator(".cl-notice", has_text="另一个标签页")
    notice.wait_for()
    assert "是否有清晰" in notice.text_content()  # names the item's question
    assert current_doc(a)["answers"]["cs-process"]["note"] == "B 改的"


def test_a_broken_entry_is_set_aside_and_offered_while_a_good_one_loads(fresh):
    page = fresh
    answer_some(page)
    wait_saved(page)
    good = current_id(page)
    broken = {"id": "abroken", "label": "坏的", "created": 0, "seen": "abc",
              "doc": {"answers": {}, "plan": {"overview": 5}}}
    page.evaluate("v => localStorage.setItem('sp-readiness.a.abroken', v)", json.dumps(broken))
    reload(page)
    assert current_id(page) == good and page.locator("#cl-current option").count() == 1
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()
    notice = page.locator(".cl-notice", has=page.locator("[data-action=remove-broken]"))
    with page.expect_download() as info:
        notice.locator("[data-action=download-raw]").click()
    assert json.loads(open(info.value.path(), encoding="utf-8").read()) == broken
    # Set aside, not overwritten: still there until the user deletes it.
    assert json.loads(page.evaluate("localStorage.getItem('sp-readiness.a.abroken')")) == broken


def test_a_full_storage_shows_the_failure_beside_the_saved_indicator_and_loses_nothing(fresh):
    page = fresh
    answer_some(page)
    wait_saved(page)
    before = entries(page)
    page.evaluate("""() => { const chunk = 'x'.repeat(256 * 1024);
        for (let i = 0; i < 1000; i++) { try { localStorage.setItem('filler-' + i, chunk); } catch { break; } }
        for (let i = 0; i < 1000; i++) { try { localStorage.setItem('small-' + i, 'x'.repeat(1024)); } catch { break; } } }""")
    page.evaluate("scrollTo(0, document.body.scrollHeight / 2)")
    texts(page, "om-routine").locator("[data-field=note]").fill("很长的备注" * 2000)
    page.wait_for_selector("#cl-saved.cl-saved--failed")
    saved = page.locator("#cl-saved")
    box = saved.bounding_box()
    assert saved.is_visible() and 0 <= box["y"] < 844 and "未保存" in saved.text_content()
    assert entries(page) == before  # nothing saved before is lost


def test_the_old_single_key_layout_is_split_into_one_key_per_assessment(page, served_site):
    open_checklist(page, served_site)
    page.evaluate("localStorage.clear()")
    old = {"version": 1, "current": "a1", "list": [
        {"id": "a1", "label": "旧评估", "doc": {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "x",
                                               "answers": {"cs-organisation": {"status": "met"}}, "plan": {}}, "seen": None}]}
    page.evaluate("v => localStorage.setItem('sp-readiness.assessments', v)", json.dumps(old))
    reload(page)
    assert page.evaluate("localStorage.getItem('sp-readiness.assessments')") is None
    assert list(entries(page)) == ["a1"]
    assert item(page, "cs-organisation").locator("input[value=met]").is_checked()


def test_an_unreadable_old_layout_is_backed_up_with_its_date_and_offered(page, served_site):
    open_checklist(page, served_site)
    page.evaluate("localStorage.clear(); localStorage.setItem('sp-readiness.assessments', '{\"version\": 1, \"list\": [broken')")
    reload(page)
    notice = page.locator(".cl-notice", has=page.locator("[data-action=download-raw]"))
    with page.expect_download() as info:
        notice.locator("[data-action=download-raw]").click()
    assert open(info.value.path(), encoding="utf-8").read() == '{"version": 1, "list": [broken'
    page.locator("#cl-backups-button").click()
    backups = page.locator("#cl-backups li")
    assert backups.count() == 1
    with page.expect_download() as info:
        backups.first.locator("button").first.click()
    assert open(info.value.path(), encoding="utf-8").read() == '{"version": 1, "list": [broken'
    item(page, "cs-content").locator("input[value=met]").check()  # the page still works
    assert current_doc(page)["answers"] == {"cs-content": {"status": "met"}}


def test_a_save_that_finds_another_tabs_newer_version_before_its_event_keeps_both_edits(fresh):
    """The merge in saveOne: another tab's write is in storage, but its `storage` event has not
    arrived here yet (written straight into localStorage, which fires no event in the writing tab)."""
    page = fresh
    page.locator("#cl-meta [name=organisation]").fill("本标签页")
    wait_saved(page)
    key = f"sp-readiness.a.{current_id(page)}"
    # The other tab's newer version: it answered another item, and changed the field edited here next.
    page.evaluate("""(key) => {
        const entry = JSON.parse(localStorage.getItem(key));
        entry.doc.answers['cs-content'] = {status: 'partial'};
        entry.doc.assessment.service = '另一标签页的业务';
        entry.doc.assessment.organisation = '另一标签页';
        localStorage.setItem(key, JSON.stringify(entry));
    }""", key)
    item(page, "cs-organisation").locator("input[value=met]").check()
    page.locator("#cl-meta [name=organisation]").fill("本标签页，后改")
    page.wait_for_function("""(key) => JSON.parse(localStorage.getItem(key)).doc.answers['cs-organisation']?.status === 'met'""",
                           arg=key, timeout=10_000)
    wait_saved(page)
    doc = entries(page)[current_id(page)]["doc"]
    assert doc["answers"]["cs-content"] == {"status": "partial"}  # the other tab's answer is not lost
    assert doc["answers"]["cs-organisation"] == {"status": "met"}  # nor this tab's
    assert doc["assessment"]["service"] == "另一标签页的业务"
    assert doc["assessment"]["organisation"] == "本标签页，后改"  # this tab's later edit of the same field wins
    assert page.locator("#cl-saved").get_attribute("class").split().count("cl-saved--saved") == 1
