"""The review page's inbox and store in Chromium: many files at once, the inbox, resubmissions, deciding quickly,
the IndexedDB store with its move from localStorage, backup and restore."""

from __future__ import annotations

import json

import assessment
from assessment.criteria import quantity
from assessment.plan import plan as plan_mod
from tests.browser_checks import axe_violations
from tests.test_browser_review import (answers_file, export, go_to_review, inbox_rows, item, open_file, open_page,
                                       part, reviewing, stored_reviews)

CRITERIA = assessment.load()
DECIDABLE = len(CRITERIA.items) + len([p for p in CRITERIA.template if not p.group])
__all__ = ["reviewing"]  # the fixture, used by name


def many(tmp_path, n):
    """n answers files of different SPs; their paths."""
    return [answers_file(tmp_path, f"sp{k:02}.json", assessment={"organisation": f"公司{k:02}", "service": f"业务{k:02}"})[0]
            for k in range(n)]


def test_many_files_open_at_once_and_the_inbox_lists_each_with_its_state(reviewing, tmp_path):
    page = reviewing
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    page.locator("#rv-open").set_input_files([str(p) for p in many(tmp_path, 3)] + [str(bad)])
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 3")
    assert page.locator("#rv-inbox").is_visible() and page.locator("#rv-review").is_hidden()
    assert "bad.json" in page.locator("#rv-alert").inner_text()
    row = inbox_rows(page).filter(has_text="公司01")
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "业务01" and cells[1] == plan_mod.LABELS["zh"]["incomplete"]
    assert cells[2] == CRITERIA.version and cells[3] == "未开始"
    # One decision later the row says how far the review has come.
    go_to_review(page, "公司01")
    item(page, "cs-organisation").locator("input[value=accepted]").check()
    page.wait_for_function(f"document.querySelector('#rv-progress').textContent === '已决定 1/{DECIDABLE}'")
    page.locator("#rv-inbox-button").click()
    assert row.locator("td").nth(3).inner_text() == f"已决定 1/{DECIDABLE}"


def test_the_inbox_sorts_filters_searches_and_is_worked_by_keyboard(reviewing, tmp_path):
    page = reviewing
    page.locator("#rv-open").set_input_files([str(p) for p in many(tmp_path, 4)])
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 4")
    names = lambda: inbox_rows(page).locator("[data-open]").all_inner_texts()  # noqa: E731
    page.locator("[data-sort=organisation]").click()
    assert names() == ["公司00", "公司01", "公司02", "公司03"]
    assert page.locator("th:has([data-sort=organisation])").get_attribute("aria-sort") == "ascending"
    page.locator("[data-sort=organisation]").press("Enter")
    assert names() == ["公司03", "公司02", "公司01", "公司00"]
    page.locator("#rv-search").fill("业务02")
    assert names() == ["公司02"] and "1" in page.locator("#rv-inbox-count").inner_text()
    page.locator("#rv-search").fill("")
    go_to_review(page, "公司03")
    page.locator("#rv-decision input[value=rejected]").check()
    page.locator("#rv-inbox-button").click()
    page.locator("#rv-filter").select_option("rejected")
    assert names() == ["公司03"]
    page.locator("#rv-filter").select_option("not_started")
    assert names() == ["公司02", "公司01", "公司00"]
    # Up and down move along the list; Enter opens the review.
    inbox_rows(page).first.locator("[data-open]").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#rv-review:not([hidden])")
    assert "公司01" in page.locator("#rv-meta").inner_text()


def test_files_dropped_from_a_folder_open_like_chosen_ones(reviewing, tmp_path):
    page = reviewing
    files = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in many(tmp_path, 2)]
    drop = page.evaluate_handle("""(files) => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([f.text], f.name, { type: "application/json" }));
      return data;
    }""", files)
    page.locator("#sp-review").dispatch_event("drop", {"dataTransfer": drop})
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2")


def test_an_imported_review_of_a_submission_under_review_fills_only_empty_fields_and_makes_no_second_entry(reviewing, tmp_path):
    page = reviewing
    path, _ = answers_file(tmp_path)
    open_file(page, path)
    page.wait_for_selector("#rv-review:not([hidden])")
    item(page, "cs-organisation").locator("[data-field=comment]").fill("我的意见")
    item(page, "cs-content").locator("input[value=needs_work]").check()
    _, exported = export(page)
    doc = json.loads(exported)
    doc["items"]["cs-organisation"]["comment"] = "别人的意见"  # must not replace mine
    doc["items"]["cs-commitment"] = {"decision": "rejected", "comment": "缺少承诺"}  # empty here: filled in
    other = tmp_path / "review.json"
    other.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    open_file(page, other)
    page.wait_for_function("document.querySelector('#rv-notices').textContent.includes('review.json')")
    assert inbox_rows(page).count() == 1 and len(stored_reviews(page)) == 1
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == "我的意见"
    assert item(page, "cs-commitment").locator("input[value=rejected]").is_checked()
    assert item(page, "cs-commitment").locator("[data-field=comment]").input_value() == "缺少承诺"


def test_a_resubmission_carries_over_unchanged_decisions_and_resets_changed_ones_showing_old_and_new(reviewing, tmp_path):
    page = reviewing
    first, _ = answers_file(tmp_path, "first.json")
    open_file(page, first)
    page.wait_for_selector("#rv-review:not([hidden])")
    item(page, "cs-organisation").locator("input[value=accepted]").check()
    item(page, "cs-organisation").locator("[data-field=comment]").fill("沿用")
    item(page, "quality-round-the-clock").locator("input[value=needs_work]").check()
    part(page, "cs-organisation").locator("input[value=accepted]").check()
    page.locator("#rv-reviewer [name=name]").fill("李四")
    page.wait_for_function("document.querySelector('#rv-saved').textContent === '已保存在本浏览器'")
    channels = next(i for i in CRITERIA.items if i.id == "quality-round-the-clock")
    second, _ = answers_file(tmp_path, "second.json", answers={
        "cs-organisation": {"status": "met", "note": "客服 20 人 <img src=x onerror=\"document.title='pwned'\">", "evidence": "架构图.pdf"},
        "quality-round-the-clock": {"value": 2}})
    open_file(page, second)
    page.wait_for_function("document.querySelector('#rv-meta').textContent.includes('second.json')")
    assert "重新提交" in page.locator("#rv-notices").inner_text() and "first.json" in page.locator("#rv-history").inner_text()
    assert item(page, "cs-organisation").locator("input[value=accepted]").is_checked()
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == "沿用"
    assert part(page, "cs-organisation").locator("input[value=accepted]").is_checked()
    changed = item(page, "quality-round-the-clock")
    assert changed.locator("input[value='']").is_checked()  # reset: to decide again
    line = changed.locator("[data-show=change]").inner_text()
    assert "→" in line and quantity.text(1, CRITERIA.unit_of(channels), "zh") in line and quantity.text(2, CRITERIA.unit_of(channels), "zh") in line
    assert page.locator("#rv-reviewer [name=name]").input_value() == "李四"
    assert inbox_rows(page).count() == 2  # the earlier review stays in the history
    assert inbox_rows(page).filter(has_text="重新提交").count() == 1


def test_accept_all_undecided_asks_first_and_keeps_every_decision_already_made(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    item(page, "cs-content").locator("input[value=rejected]").check()
    page.once("dialog", lambda d: d.dismiss())
    page.locator("#rv-accept-all").click()
    assert not item(page, "cs-organisation").locator("input[value=accepted]").is_checked()
    messages = []
    page.once("dialog", lambda d: (messages.append(d.message), d.accept()))
    page.locator("#rv-accept-all").click()
    page.wait_for_function(f"document.querySelector('#rv-progress').textContent === '已决定 {DECIDABLE}/{DECIDABLE}'")
    assert str(DECIDABLE - 1) in messages[0]
    assert item(page, "cs-content").locator("input[value=rejected]").is_checked()
    assert item(page, "cs-organisation").locator("input[value=accepted]").is_checked()
    assert page.locator("#rv-accept-all").is_disabled()
    stored = stored_reviews(page)[0]["review"]
    assert len(stored["items"]) + len(stored["plan"]) == DECIDABLE


def test_export_warns_before_approving_a_not_ready_submission_with_a_condition_due_before_the_review(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    page.locator("#rv-reviewer [name=date]").fill("2026-12-01")
    page.locator("#rv-decision input[value=conditional]").check()
    page.locator("#rv-condition-list [data-condition=text]").first.fill("补充材料")
    page.locator("#rv-condition-list [data-condition=due]").first.fill("2026-11-01")
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")  # every change saved first
    page.locator("#rv-export").click()
    page.locator("#rv-warnings li").first.wait_for()
    warnings = page.locator("#rv-warnings").inner_text()
    assert "“未完成”" in warnings and "2026-11-01" in warnings and "早于审核日期 2026-12-01" in warnings
    assert f"{DECIDABLE} 个条目和方案章节（共 {DECIDABLE} 个）尚未决定" in warnings.replace("还有 ", "")
    with page.expect_download() as info:
        page.locator("#rv-export-anyway").click()
    assert json.loads(open(info.value.path(), "rb").read())["conditions"][0]["due"] == "2026-11-01"


def test_the_plan_contradictions_and_the_attention_filter_show_what_needs_a_look(reviewing, tmp_path):
    page = reviewing
    covers = next(i for i in CRITERIA.items if i.clause == "5.1")
    path, _ = answers_file(tmp_path, answers={covers.id: {"status": "met"}, "cs-organisation": {"status": "met"}})
    open_file(page, path)
    page.wait_for_selector("#rv-review:not([hidden])")
    assert "5.1" in item(page, covers.id).locator("[data-show=contradiction]").inner_text()
    page.locator("#rv-attention-only").check()
    assert item(page, covers.id).is_visible() and not item(page, "cs-organisation").is_visible()
    page.locator("#rv-attention-only").uncheck()
    assert item(page, "cs-organisation").is_visible()


def test_reviews_kept_in_localstorage_move_to_the_database_without_loss(page, served_site, tmp_path):
    open_page(page, served_site)
    _, data = answers_file(tmp_path)
    submission = json.loads(data)
    entry = {"id": "rold1", "file": "old.json", "sha256": "a" * 64, "opened": "2026-11-01",
             "review": {"reviewer": {"name": "王五"}, "items": {"cs-organisation": {"decision": "accepted", "comment": "旧意见"}},
                        "plan": {}, "summary": "旧总结", "conditions": []}}
    page.evaluate("""([entry, submission]) => {
      localStorage.setItem("sp-readiness.reviews", JSON.stringify({version: 1, current: "rold1", ids: ["rold1", "rbad"]}));
      localStorage.setItem("sp-readiness.review.rold1", JSON.stringify(entry));
      localStorage.setItem("sp-readiness.review.rold1.submission", JSON.stringify(submission));
      localStorage.setItem("sp-readiness.review.rbad", "{not json");
    }""", [entry, submission])
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    [moved] = stored_reviews(page)
    assert moved["review"] == entry["review"] and moved["sha256"] == entry["sha256"]
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sp-readiness')).sort()") == [
        "sp-readiness.review.rbad", "sp-readiness.reviews"]
    assert "已损坏" in page.locator("#rv-notices").inner_text()  # the damaged one stays, downloadable
    go_to_review(page, "old.json")
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == "旧意见"
    assert page.locator("#rv-summary").input_value() == "旧总结"


def test_backup_of_all_reviews_restores_in_another_browser_and_never_overwrites(page, served_site, browser, tmp_path):
    open_page(page, served_site)
    page.locator("#rv-open").set_input_files([str(p) for p in many(tmp_path, 2)])
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2")
    go_to_review(page, "公司00")
    item(page, "cs-organisation").locator("[data-field=comment]").fill("备份里的意见")
    page.wait_for_function("document.querySelector('#rv-saved').textContent === '已保存在本浏览器'")
    with page.expect_download() as info:
        page.locator("#rv-backup").click()
    backup = tmp_path / "backup.json"
    backup.write_bytes(open(info.value.path(), "rb").read())
    other = browser.new_context().new_page()
    try:
        open_page(other, served_site)
        other.locator("#rv-restore").set_input_files(str(backup))
        other.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2")
        go_to_review(other, "公司00")
        assert item(other, "cs-organisation").locator("[data-field=comment]").input_value() == "备份里的意见"
        item(other, "cs-organisation").locator("[data-field=comment]").fill("恢复后改过")
        other.wait_for_function("document.querySelector('#rv-saved').textContent === '已保存在本浏览器'")
        other.locator("#rv-restore").set_input_files(str(backup))
        other.wait_for_function("document.querySelector('#rv-notices').textContent.includes('已在本浏览器中')")
        assert len(stored_reviews(other)) == 2
        comments = [r["review"]["items"].get("cs-organisation", {}).get("comment") for r in stored_reviews(other)]
        assert "恢复后改过" in comments and "备份里的意见" not in comments
        not_backup = tmp_path / "nb.json"
        not_backup.write_text('{"format": "x"}', encoding="utf-8")
        other.locator("#rv-restore").set_input_files(str(not_backup))
        other.wait_for_function("document.getElementById('rv-alert').innerText.includes('nb.json')")
    finally:
        other.context.close()


def test_the_inbox_fits_a_phone_and_has_no_axe_violations_in_english_dark(page, served_site, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, served_site, "en", "dark")
    page.locator("#rv-open").set_input_files([str(p) for p in many(tmp_path, 3)])
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 3")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert "Not started" not in page.locator("#rv-inbox-rows").inner_text()  # English, lower case in a sentence
    assert "not started" in page.locator("#rv-inbox-rows").inner_text()
    assert axe_violations(page) == []


def test_a_thousand_reviews_list_a_page_at_a_time_and_the_search_finds_any_of_them(reviewing):
    page = reviewing
    # Kept through the page's own store, as a year of opened files would be.
    page.evaluate("""async () => {
      const base = new URL("../assets/javascripts/", location.href);
      const { ReviewStore, newId } = await import(new URL("review/store.js", base));
      const store = new ReviewStore((e) => { throw e; });
      await store.open(() => ({}));
      const doc = { format: "sp-readiness-answers", format_version: 2, criteria_version: "x", answers: {} };
      const list = Array.from({ length: 150 }, (_, n) => ({ entry: { id: newId(), file: `f${n}.json`, sha256: n.toString(16).padStart(64, "0"),
        opened: "2026-11-01", meta: { organisation: `机构${n}`, service: "", verdict: "incomplete", criteria_version: "x", attention: 0 },
        review: { reviewer: {}, items: {}, plan: {}, summary: "", conditions: [] } }, submission: doc }));
      await store.add(list);
    }""")
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    assert inbox_rows(page).count() == 100 and "150" in page.locator("#rv-inbox-count").inner_text()
    page.locator("#rv-inbox-more").click()
    assert inbox_rows(page).count() == 150 and page.locator("#rv-inbox-more").is_hidden()
    page.locator("#rv-search").fill("机构149")
    assert inbox_rows(page).count() == 1
