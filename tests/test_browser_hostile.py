"""The browser's share of issue 16, in Chromium: odd stored data, blocked and failing storage, bad
fragments, huge and lying files, the reader's own day, and language links that stay on the site."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest

import assessment
from assessment.shared import input_file
from assessment.review import review_file as review
from tests.checklist_page import (answer_some, current_id, entries, item, show,
                                  wait_saved)

SHANGHAI_0130 = datetime.datetime(2026, 11, 27, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
TODAY_THERE, YESTERDAY_THERE = "2026-11-27", "2026-11-26"  # UTC is still on the 26th
BLOCK_STORAGE = """for (const name of ['localStorage', 'sessionStorage'])
  Object.defineProperty(window, name, { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""
# Each refused write is counted, so a test waits for the page's attempt instead of a guessed delay.
FAIL_WRITES = """window.spFailedWrites = 0;
Storage.prototype.setItem = function () { window.spFailedWrites += 1; throw new DOMException('quota', 'QuotaExceededError'); };"""
CRITERIA = assessment.load()


def errors_of(page) -> list[str]:
    found = []
    page.on("pageerror", lambda e: found.append(str(e)))
    return found


def answers_doc(**changes) -> dict:
    return {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
            "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "张三", "date": "2026-11-20"},
            "answers": {"cs-organisation": {"status": "met"}}, "plan": {}, **changes}


def page_strings(page, root: str) -> dict:
    """The page's own words (macros' labels), so no test types them."""
    return json.loads(page.locator(f"#{root}").get_attribute("data-strings"))


# --- a damaged entry --------------------------------------------------------------------------


def test_a_check_item_holding_a_number_sets_that_entry_aside_and_the_others_open(fresh):
    page = fresh
    errors = errors_of(page)
    answer_some(page)
    wait_saved(page)
    good = current_id(page)
    check = next(i.id for i in CRITERIA.items if i.kind == "check")
    # made under these criteria (its version is current), so no migration may clear the answer
    bad = {"id": "abad", "label": "手改的", "created": -1,
           "doc": {**answers_doc(), "answers": {check: {"status": "met", "value": 5}}}}
    page.evaluate("v => localStorage.setItem('sp-readiness.a.abad', v)", json.dumps(bad))
    page.evaluate("sessionStorage.setItem('sp-readiness.current', 'abad')")  # it would be the one opened
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert current_id(page) == good and page.locator("#cl-current option").count() == 1
    notice = page.locator(".cl-notice", has=page.locator("[data-action=remove-broken]"))
    assert "sp-readiness.a.abad" in notice.inner_text() and "value" in notice.inner_text()
    assert json.loads(page.evaluate("localStorage.getItem('sp-readiness.a.abad')")) == bad  # kept as it was
    item(page, "cs-content").locator("input[value=met]").check()  # the others stay usable
    wait_saved(page)
    assert errors == []


def test_the_review_page_sets_aside_a_stored_review_it_cannot_show_and_keeps_the_others(page, served_site, tmp_path):
    errors = errors_of(page)
    page.goto(served_site.url + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    page.evaluate("localStorage.clear()")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(answers_doc(), ensure_ascii=False), encoding="utf-8")
    page.locator("#rv-open").set_input_files(str(good))
    page.wait_for_selector("#rv-review:not([hidden])")
    # edited by hand: the conditions of a conditional decision are a number, not a list
    bad = {"id": "rbad", "file": "bad.json", "sha256": "0" * 64, "opened": "2026-11-20",
           "review": {"reviewer": {}, "items": {}, "plan": {}, "summary": "", "decision": "conditional", "conditions": 7}}
    page.evaluate("""([entry, submission]) => {
      localStorage.setItem('sp-readiness.review.rbad', entry);
      localStorage.setItem('sp-readiness.review.rbad.submission', submission);
      const index = JSON.parse(localStorage.getItem('sp-readiness.reviews')) ?? { version: 1, ids: [] }; // as an earlier version left it
      localStorage.setItem('sp-readiness.reviews', JSON.stringify({ ...index, current: 'rbad', ids: ['rbad', ...index.ids] }));
    }""", [json.dumps(bad), json.dumps(answers_doc())])
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    words = page_strings(page, "sp-review")
    assert words["broken"] in page.locator("#rv-notices").inner_text()
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 1")  # the good one stays usable
    assert page.evaluate("localStorage.getItem('sp-readiness.review.rbad')") == json.dumps(bad)  # kept as it was
    assert errors == []


# --- the old one-key store --------------------------------------------------------------------


def test_the_old_stores_newer_copy_of_an_assessment_is_backed_up_and_named_never_deleted(fresh):
    page = fresh
    answer_some(page)
    wait_saved(page)
    mine = current_id(page)
    stored = entries(page)[mine]
    newer = json.loads(json.dumps(stored))
    newer["doc"]["answers"]["cs-content"] = {"status": "met", "note": "旧页面升级后仍在保存的内容"}
    page.evaluate("v => localStorage.setItem('sp-readiness.assessments', v)",
                  json.dumps({"version": 1, "current": mine, "list": [newer]}))
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    words = page_strings(page, "sp-checklist")
    assert page.evaluate("localStorage.getItem('sp-readiness.assessments')") is None
    assert entries(page)[mine] == stored  # the copy under its own key is untouched
    notice = page.locator(".cl-notice", has_text=words["legacy_differs"].split("{")[0])
    assert notice.count() == 1
    page.locator("#cl-backups-button").click()
    backups = page.locator("#cl-backups li")
    assert backups.count() == 1
    with page.expect_download() as info:
        backups.first.locator("button").first.click()
    assert json.loads(open(info.value.path(), encoding="utf-8").read()) == newer


# --- blocked and failing storage --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_site_data_blocked_both_apps_work_and_say_nothing_will_be_kept(browser, served_site, lang):
    context = browser.new_context()
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    prefix = served_site.url + ("en/" if lang == "en" else "")
    page.goto(prefix + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    words = page_strings(page, "sp-checklist")
    assert page.locator("#cl-notices").inner_text().count(words["storage_blocked_notice"]) == 1
    page.locator("#cl-meta [name=organisation]").fill("示例科技")
    item(page, "cs-organisation").locator("input[value=met]").check()
    # The status settles on "not kept" once the save (after its delay) has been refused.
    page.wait_for_function("([want]) => document.getElementById('cl-saved').innerText === want", arg=[words["blocked"]])
    assert words["blocked"] != words["saved"]
    show(page, "report")  # every view still works
    page.goto(prefix + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    rv = page_strings(page, "sp-review")
    assert rv["storage_blocked"] in page.locator("#rv-notices").inner_text()
    context.close()


def test_with_writes_failing_the_checklist_never_says_saved(browser, served_site):
    context = browser.new_context()
    context.add_init_script(FAIL_WRITES)
    page = context.new_page()
    page.goto(served_site.url + "en/checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    words = page_strings(page, "sp-checklist")
    status = page.locator("#cl-saved")
    assert status.inner_text() != words["saved"] and "cl-saved--failed" in status.get_attribute("class")
    tried = page.evaluate("window.spFailedWrites")
    page.locator("#cl-meta [name=organisation]").fill("X")
    page.wait_for_function("([n]) => window.spFailedWrites > n", arg=[tried])  # the edit's save was tried
    page.wait_for_function("() => !document.getElementById('cl-saved').matches('.cl-saved--saving')")
    assert status.inner_text() != words["saved"] and "cl-saved--failed" in status.get_attribute("class")
    context.close()


def test_with_writes_failing_the_review_page_opens_the_file_and_says_it_is_not_saved(browser, served_site, tmp_path):
    context = browser.new_context()
    context.add_init_script(FAIL_WRITES)
    # The review page keeps its reviews in IndexedDB: there, every write fails too.
    context.add_init_script("IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };")
    page = context.new_page()
    page.goto(served_site.url + "en/review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers_doc(), ensure_ascii=False), encoding="utf-8")
    page.locator("#rv-open").set_input_files(str(path))
    page.wait_for_selector("#rv-review:not([hidden])")
    words = page_strings(page, "sp-review")
    # Nothing was kept in the browser: the review lives in the page, and the page says so in its
    # language, with why and how to keep it (export): never "Saved" for what was not saved.
    page.wait_for_function(f"document.querySelector('#rv-saved').textContent === {json.dumps(words['memory_saved'])}")
    assert "rv-saved--failed" in page.locator("#rv-saved").get_attribute("class")
    notice = page.locator("#rv-notices .rv-memory").inner_text()
    assert words["memory_full"] in notice and words["saved"] not in notice
    assert page.locator("#rv-notices .rv-memory [data-action=memory-export]").is_visible()
    context.close()


# --- fragments ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fragment", ["#100%", "#%E0%A4%A", "#%", "#item-%ZZ"])
def test_a_fragment_with_a_bad_escape_is_ignored(page, served_site, fragment):
    errors = errors_of(page)
    page.goto(served_site.url + "checklist/" + fragment)
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert page.locator("[data-view=answers]").first.is_visible()
    assert errors == [] and "URIError" not in page.locator("#cl-alert").inner_text()


# --- huge files and lying reviews ------------------------------------------------------------------

COUNT_READS = """() => { window.__read = []; const whole = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = function () { window.__read.push(this.size); return whole.call(this); }; }"""


@pytest.mark.parametrize("gigabytes", [1, 3])
@pytest.mark.parametrize("where", ["review", "checklist"])
def test_a_huge_file_is_refused_by_its_size_without_being_read(page, served_site, tmp_path, gigabytes, where):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(gigabytes * 1024**3)  # sparse: no disk spent
    page.goto(served_site.url + f"en/{where}/")
    page.wait_for_selector(f"#sp-{where}[data-ready=true]")
    page.evaluate(COUNT_READS)
    page.locator("#rv-open" if where == "review" else "#cl-import").set_input_files(str(huge))
    alert = page.locator("#rv-alert" if where == "review" else "#cl-alert")
    message = input_file.too_big(gigabytes * 1024**3, "answers")
    alert.filter(has_text=message).wait_for()
    assert max(page.evaluate("window.__read")) <= input_file.SNIFF_BYTES  # only the start, to tell the kind


def test_a_review_file_too_large_is_refused_with_the_review_limit_in_both_apps(page, served_site, tmp_path):
    doc = {"format": "sp-readiness-review", "format_version": 1, "summary": "x" * (review.MAX_BYTES + 1)}
    path = tmp_path / "big-review.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    message = input_file.too_big(path.stat().st_size, "review")
    for where, button, alert in (("review", "#rv-open", "#rv-alert"), ("checklist", "#cl-import", "#cl-alert")):
        page.goto(served_site.url + f"en/{where}/")
        page.wait_for_selector(f"#sp-{where}[data-ready=true]")
        page.locator(button).set_input_files(str(path))
        page.locator(alert).filter(has_text=message).wait_for()


def test_the_review_page_does_not_take_a_review_naming_a_file_for_a_review_of_it(page, served_site, tmp_path):
    x_doc = answers_doc()
    x = tmp_path / "x.json"
    x.write_text(json.dumps(x_doc, ensure_ascii=False, indent=2), encoding="utf-8")
    y_doc = answers_doc(answers={"cs-organisation": {"status": "unmet"}})
    lie = {"format": "sp-readiness-review", "format_version": 1, "criteria_version": CRITERIA.version,
           "submission_sha256": hashlib.sha256(x.read_bytes()).hexdigest(), "submission": y_doc,
           "reviewer": {"name": "", "organisation": "", "date": ""}, "items": {}, "plan": {}, "summary": ""}
    assert review.problems(CRITERIA, lie) == []
    lie_path = tmp_path / "lie.json"
    lie_path.write_text(json.dumps(lie, ensure_ascii=False), encoding="utf-8")
    page.goto(served_site.url + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#sp-review[data-ready=true]")
    page.locator("#rv-open").set_input_files(str(lie_path))
    page.wait_for_selector("#rv-review:not([hidden])")
    page.locator("#rv-open").set_input_files(str(x))
    words = page_strings(page, "sp-review")
    notices = page.locator("#rv-notices")
    notices.filter(has_text=words["not_bound"].replace("{file}", "x.json")).wait_for()
    assert words["already"].replace("{file}", "x.json") not in notices.inner_text()
    page.wait_for_function("document.querySelectorAll('#rv-inbox-rows tr').length === 2")  # the file got a review of its own
    # and shows the file's own answers, not those the lying review holds
    assert page.locator("#rv-item-cs-organisation [data-show=answer]").inner_text() == words["met"]


# --- the reader's own day -------------------------------------------------------------------------


@pytest.fixture
def shanghai(browser):
    context = browser.new_context(timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.clock.set_fixed_time(SHANGHAI_0130)
    yield page
    context.close()


def test_at_0130_in_shanghai_every_date_is_the_readers_today(shanghai, served_site, tmp_path):
    page = shanghai
    page.goto(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert page.locator("#cl-meta [name=date]").input_value() == TODAY_THERE  # new assessment
    show(page, "report")
    assert TODAY_THERE in page.locator(".cl-print-date").inner_text()  # print date
    show(page, "answers")
    # a condition due yesterday (local) is overdue, though UTC is still on that day
    doc = entries(page)[current_id(page)]["doc"]
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    rv = {"format": "sp-readiness-review", "format_version": 1, "criteria_version": CRITERIA.version,
          "submission_sha256": hashlib.sha256(data).hexdigest(), "submission": doc,
          "reviewer": {"name": "李四", "organisation": "中国联通", "date": TODAY_THERE}, "items": {}, "plan": {},
          "decision": "conditional", "conditions": [{"text": "补充渠道", "due": YESTERDAY_THERE}], "summary": ""}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(rv, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_selector(".cl-rn__condition")
    assert page.locator(".cl-rn__condition--overdue").count() == 1
    page.goto(served_site.url + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    answers = tmp_path / "a.json"
    answers.write_bytes(data)
    page.locator("#rv-open").set_input_files(str(answers))
    page.wait_for_selector("#rv-review:not([hidden])")
    assert page.locator("#rv-reviewer [name=date]").input_value() == TODAY_THERE  # reviewer's date


# --- language links --------------------------------------------------------------------------------


@pytest.mark.expect_page_errors  # the host answers with its 404 page, and the browser says so
@pytest.mark.parametrize("path", ["//evil.example/login", "///evil.example/login", "/\\evil.example/login",
                                  "/en///evil.example/login", "/javascript:alert(1)//x"])
def test_language_links_stay_on_the_site_whatever_the_address(page, served_site, site_dir, path):
    not_found = (site_dir / "404.html").read_text(encoding="utf-8")
    page.route("**/*", lambda r: r.fulfill(status=404, body=not_found, content_type="text/html")
               if "evil.example" in r.request.url or "javascript" in r.request.url else r.continue_())
    origin = served_site.url.rstrip("/")
    page.goto(origin + path)
    page.wait_for_selector("a.md-select__link[hreflang]", state="attached")
    links = page.evaluate("[...document.querySelectorAll('a.md-select__link[hreflang]')].map(a => a.href)")
    assert len(links) == 2
    for link in links:
        assert link.startswith(served_site.url), link


@pytest.mark.parametrize("path", ["", "en/requirements/", "en/template/", "maintainers/"])
def test_with_site_data_blocked_every_page_opens_without_an_error_and_the_palette_still_switches(browser, served_site, path):
    """Material's own helpers for saved settings read site data in the page head; with site data
    blocked they must read "nothing saved" instead of throwing (overrides/partials/javascripts/base.html)."""
    context = browser.new_context()
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    found = errors_of(page)
    page.goto(served_site.url + path)
    page.wait_for_selector("form[data-md-component=palette]", state="attached")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    before = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() != before  # for this page view: nothing can be kept
    page.locator("body").press("/")  # search still opens (its index is not kept either)
    page.keyboard.type("7")
    # Search has answered (Material writes how many documents match, or none) without an error.
    page.wait_for_function("""() => /[0-9]|No matching|没有/.test(
      document.querySelector('.md-search-result__meta')?.textContent ?? '')""")
    assert found == []
    context.close()
