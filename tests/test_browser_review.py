"""The review page in Chromium: a reviewer opens an SP's file, decides, reloads, exports; the CLI checks it."""

from __future__ import annotations

import hashlib
import json

import pytest

import assessment
from assessment.review import review_file as review
from tests.browser_checks import axe_violations, record_requests
from tests.cli import run

HOSTILE = "<img src=x onerror=\"document.title='pwned'\">"


def answers_file(tmp_path, name="answers.json", **changes) -> tuple:
    """An SP's answers file with hostile text in its details, a note and the plan; (path, bytes)."""
    criteria = assessment.load()
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": criteria.version,
           "assessment": {"organisation": HOSTILE, "service": "彩铃", "contact": "张三", "date": "2026-11-20"},
           "answers": {"cs-organisation": {"status": "met", "note": f"客服 20 人 {HOSTILE}", "evidence": "架构图.pdf"},
                       "quality-round-the-clock": {"value": 1}},
           "plan": {"cs-organisation": "<script>document.title='pwned'</script>\n第二行"}, **changes}
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


def open_page(page, served_site, lang="zh", scheme="light"):
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url + ("en/" if lang == "en" else "") + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")


@pytest.fixture
def reviewing(page, served_site):
    """The Chinese review page with nothing saved in this browser."""
    open_page(page, served_site)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    return page


def open_file(page, path):
    page.locator("#rv-open").set_input_files(str(path))


def stored_reviews(page) -> list[dict]:
    """Every review the page keeps in IndexedDB, as stored."""
    return page.evaluate("""() => new Promise((resolve, reject) => {
      const open = indexedDB.open("sp-readiness-reviews");
      open.onsuccess = () => {
        const get = open.result.transaction("reviews").objectStore("reviews").getAll();
        get.onsuccess = () => { open.result.close(); resolve(get.result); };
        get.onerror = () => reject(get.error);
      };
    })""")


def inbox_rows(page):
    return page.locator("#rv-inbox-rows tr")


def go_to_review(page, name):
    """From wherever the page is, through the inbox, to the review whose row holds `name`."""
    if page.locator("#rv-inbox").is_hidden():
        page.locator("#rv-inbox-button").click()
    inbox_rows(page).filter(has_text=name).locator("[data-open]").click()
    page.wait_for_selector("#rv-review:not([hidden])")


def item(page, item_id):
    return page.locator(f"#rv-item-{item_id}")


def part(page, part_id):
    return page.locator(f"#rv-plan-{part_id}")


def decide(page):
    item(page, "cs-organisation").locator("input[value=accepted]").check()
    item(page, "cs-organisation").locator("[data-field=comment]").fill("组织清楚")
    item(page, "quality-round-the-clock").locator("input[value=needs_work]").check()
    item(page, "quality-round-the-clock").locator("[data-field=comment]").fill(f"只有一种渠道 {HOSTILE}")
    part(page, "cs-organisation").locator("input[value=rejected]").check()
    part(page, "cs-organisation").locator("[data-field=comment]").fill("缺少负责人联系方式")
    page.locator("#rv-reviewer [name=name]").fill("李四")
    page.locator("#rv-reviewer [name=organisation]").fill("中国联通")
    page.locator("#rv-reviewer [name=date]").fill("2026-12-01")
    page.locator("#rv-decision input[value=conditional]").check()
    page.locator("#rv-condition-list [data-condition=text]").first.fill("增加第二种全天候客服渠道")
    page.locator("#rv-condition-list [data-condition=due]").first.fill("2027-01-15")
    page.locator("#rv-summary").fill("基本满足，按条件整改。")
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")  # saved before anything reloads


def export(page) -> tuple[dict, bytes]:
    """The exported review file; past the warnings (undecided items and the like) when there are any."""
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")  # every change saved first
    with page.expect_download() as info:
        page.locator("#rv-export").click()
        anyway = page.locator("#rv-export-anyway")
        if anyway.count():
            anyway.click()
    data = open(info.value.path(), "rb").read()
    return json.loads(data), data


def test_review_round_trip_decide_reload_export_and_the_cli_confirms_the_reviewed_file(reviewing, tmp_path):
    page = reviewing
    path, data = answers_file(tmp_path)
    open_file(page, path)
    page.wait_for_selector("#rv-review:not([hidden])")
    decide(page)

    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    assert item(page, "cs-organisation").locator("input[value=accepted]").is_checked()
    assert item(page, "quality-round-the-clock").locator("[data-field=comment]").input_value() == f"只有一种渠道 {HOSTILE}"
    assert part(page, "cs-organisation").locator("input[value=rejected]").is_checked()
    assert page.locator("#rv-decision input[value=conditional]").is_checked()
    assert page.locator("#rv-condition-list [data-condition=due]").first.input_value() == "2027-01-15"
    assert page.locator("#rv-summary").input_value() == "基本满足，按条件整改。"

    doc, exported = export(page)
    assert doc["submission_sha256"] == hashlib.sha256(data).hexdigest()
    assert doc["submission"] == json.loads(data)
    assert doc["decision"] == "conditional"
    assert doc["conditions"] == [{"text": "增加第二种全天候客服渠道", "due": "2027-01-15"}]
    assert doc["items"] == {"cs-organisation": {"decision": "accepted", "comment": "组织清楚"},
                            "quality-round-the-clock": {"decision": "needs_work", "comment": f"只有一种渠道 {HOSTILE}"}}
    assert doc["plan"] == {"cs-organisation": {"decision": "rejected", "comment": "缺少负责人联系方式"}}
    assert doc["reviewer"] == {"name": "李四", "organisation": "中国联通", "date": "2026-12-01"}
    assert review.problems(assessment.load(), doc) == []

    review_path = tmp_path / "review.json"
    review_path.write_bytes(exported)
    code, out, err = run(["review", review_path, "--answers", path])
    assert code == 0, err
    assert "正是所审核的文件" in out and "有条件批准" in out and "增加第二种全天候客服渠道" in out
    other, _ = answers_file(tmp_path, "other.json", plan={})
    code, out, err = run(["review", review_path, "--answers", other, "--lang", "en"])
    assert code == 1
    assert "NOT the file that was reviewed" in out


def test_hostile_text_from_the_sp_and_the_reviewer_is_shown_as_text(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    decide(page)
    assert HOSTILE in page.locator("#rv-meta").inner_text()
    assert item(page, "cs-organisation").locator("[data-show=note]").inner_text() == f"客服 20 人 {HOSTILE}"
    assert "<script>" in part(page, "cs-organisation").locator("[data-show=text]").inner_text()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert HOSTILE in page.locator("#rv-report").inner_text()
    assert page.locator("#sp-review img, #sp-review script:not([src])").count() == 0
    assert page.title() != "pwned"


def test_a_refused_file_is_explained_and_nothing_changes(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    before = stored_reviews(page)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "sp-readiness-answers", "format_version": 2, "criteria_version": "x",
                               "answers": {"cs-organisation": {"status": "yes"}}}), encoding="utf-8")
    open_file(page, bad)
    alert = page.locator("#rv-alert")
    alert.wait_for()
    assert "bad.json" in alert.inner_text()
    assert 'answers.cs-organisation: status: "yes" is not one of met, partial, unmet, na' in alert.inner_text()
    assert stored_reviews(page) == before
    assert inbox_rows(page).count() == 1


def test_reviews_are_kept_side_by_side_and_the_same_file_is_not_opened_twice(reviewing, tmp_path):
    page = reviewing
    first, _ = answers_file(tmp_path)
    second, _ = answers_file(tmp_path, "second.json", assessment={"organisation": "乙公司", "service": "天气"})
    open_file(page, first)
    page.wait_for_selector("#rv-review:not([hidden])")
    item(page, "cs-organisation").locator("[data-field=comment]").fill("第一份")
    open_file(page, second)
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2")
    page.wait_for_function("document.querySelector('#rv-notices').textContent.includes('second.json')")
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == ""
    item(page, "cs-organisation").locator("[data-field=comment]").fill("第二份")
    go_to_review(page, "answers.json")
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == "第一份"
    open_file(page, second)  # already under review: switched to, not opened again
    page.wait_for_function("document.querySelectorAll('#rv-notices .rv-notice').length === 3")
    assert "second.json" in page.locator("#rv-notices .rv-notice").last.inner_text()
    assert inbox_rows(page).count() == 2
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value() == "第二份"
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    assert inbox_rows(page).count() == 2


def test_the_page_says_when_the_saved_result_differs_from_the_recomputed_one(reviewing, tmp_path):
    page = reviewing
    path, _ = answers_file(tmp_path, result={"verdict": "ready", "percent": 100, "earned": 66, "possible": 66})
    open_file(page, path)
    page.wait_for_selector("#rv-review:not([hidden])")
    notes = page.locator("#rv-submission-notes").inner_text()
    assert "文件中保存的结果与重新计算的结果不同" in notes and '"ready"' in notes
    assert "未完成" in page.locator("#rv-result").inner_text()


def test_export_is_refused_while_a_condition_has_no_due_date(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    page.locator("#rv-decision input[value=conditional]").check()
    page.locator("#rv-condition-list [data-condition=text]").first.fill("补充材料")
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")  # every change saved first
    page.locator("#rv-export").click()
    page.locator("#rv-alert li").first.wait_for()
    assert "conditions[0].due: expected a date (YYYY-MM-DD)" in page.locator("#rv-alert").inner_text()


def test_printout_is_the_a4_report_with_a_sign_off_and_no_buttons(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    decide(page)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    report = page.locator("#rv-report")
    assert report.is_visible()
    text = report.inner_text()
    assert "审核签字" in text and "李四" in text and "有条件批准" in text and "2027-01-15" in text
    assert "组织清楚" in text and "缺少负责人联系方式" in text
    assert page.locator("#sp-review button:visible").count() == 0
    assert not page.locator("#rv-app").is_visible() and not page.locator("h1").is_visible()
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not report.is_visible() and page.locator("#rv-app").is_visible()


@pytest.mark.parametrize("lang, scheme", [("zh", "light"), ("en", "dark")])
def test_review_page_has_no_axe_violations_and_makes_no_outside_request(page, served_site, tmp_path, lang, scheme):
    requests = record_requests(page)
    open_page(page, served_site, lang, scheme)
    assert axe_violations(page) == []
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    page.locator("#rv-decision input[value=conditional]").check()
    assert axe_violations(page) == []
    assert [u for u in requests if not u.startswith((served_site.url, "blob:", "data:"))] == []


def test_keyboard_reaches_the_decisions_and_focus_is_visible(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    comment = item(page, "cs-organisation").locator("[data-field=comment]")
    comment.focus()
    page.keyboard.press("Shift+Tab")  # back to the radio group of this item's decision
    page.keyboard.press("ArrowRight")  # moves within the group, as radios do
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused[0] == "rv-item-cs-organisation" and focused[2] != "none"
    page.keyboard.press("Tab")
    page.keyboard.type("用键盘写的意见")
    assert comment.input_value() == "用键盘写的意见"


def test_review_page_starts_after_instant_navigation(page, served_site):
    page.goto(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.locator("nav a[href$='review/']").first.click()
    page.wait_for_selector("#sp-review[data-ready=true]")
    assert page.locator("#rv-empty").is_visible()


def test_an_exported_review_file_opens_again_to_go_on_with_it(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    decide(page)
    _, exported = export(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#rv-delete").click()
    page.wait_for_selector("#rv-empty:not([hidden])")
    review_path = tmp_path / "review.json"
    review_path.write_bytes(exported)
    open_file(page, review_path)
    page.wait_for_selector("#rv-review:not([hidden])")
    assert part(page, "cs-organisation").locator("[data-field=comment]").input_value() == "缺少负责人联系方式"
    assert page.locator("#rv-condition-list [data-condition=text]").first.input_value() == "增加第二种全天候客服渠道"
    assert export(page)[1] == exported  # nothing lost or added on the way


def test_a_save_that_storage_refuses_keeps_the_review_in_the_page_says_so_and_keeps_what_was_saved(reviewing, tmp_path):
    page = reviewing
    open_file(page, answers_file(tmp_path)[0])
    page.wait_for_selector("#rv-review:not([hidden])")
    words = json.loads(page.locator("#sp-review").get_attribute("data-strings"))
    item(page, "cs-organisation").locator("[data-field=comment]").fill("保存前")
    page.wait_for_function(f"document.querySelector('#rv-saved').textContent === {json.dumps(words['saved'])}")
    # The browser's database refuses every write from now on, as it does when the disk quota is used up.
    page.evaluate("""() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    }""")
    item(page, "cs-organisation").locator("[data-field=comment]").fill("保存前" + "很长的意见" * 2000)
    # The page says, in its language, why and that the review now lives in this page only; it offers export.
    notice = page.locator("#rv-notices .rv-memory")
    notice.wait_for()
    assert words["memory_full"] in notice.inner_text() and "quota" not in notice.inner_text().lower()
    page.wait_for_function(f"document.querySelector('#rv-saved').textContent === {json.dumps(words['memory_saved'])}")
    # What was saved before is intact in the database.
    assert [r["review"]["items"]["cs-organisation"]["comment"] for r in stored_reviews(page)] == ["保存前"]
    # Another file still opens (in the page's memory); nothing more is written to the database.
    open_file(page, answers_file(tmp_path, "second.json", assessment={"organisation": "乙公司"})[0])
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2 || document.querySelector('#rv-review:not([hidden])')")
    assert page.locator("#rv-alert").inner_text() == ""
    assert len(stored_reviews(page)) == 1
    go_to_review(page, "answers.json")
    assert item(page, "cs-organisation").locator("[data-field=comment]").input_value().startswith("保存前很长的意见")
    assert notice.count() == 1  # said once


def test_two_tabs_reviewing_the_same_file_keep_each_others_comments(reviewing, tmp_path):
    first = reviewing
    open_file(first, answers_file(tmp_path)[0])
    first.wait_for_selector("#rv-review:not([hidden])")
    second = first.context.new_page()
    second.goto(first.url)
    second.wait_for_selector("#sp-review[data-ready=true]")
    go_to_review(second, "answers.json")
    item(first, "cs-organisation").locator("[data-field=comment]").fill("甲标签页的意见")
    second.wait_for_function("document.querySelector('#rv-item-cs-organisation [data-field=comment]').value !== ''")
    item(second, "cs-content").locator("[data-field=comment]").fill("乙标签页的意见")
    first.wait_for_function("document.querySelector('#rv-item-cs-content [data-field=comment]').value !== ''")
    for tab in (first, second):
        tab.reload()
        tab.wait_for_selector("#sp-review[data-ready=true]")
        assert item(tab, "cs-organisation").locator("[data-field=comment]").input_value() == "甲标签页的意见"
        assert item(tab, "cs-content").locator("[data-field=comment]").input_value() == "乙标签页的意见"
