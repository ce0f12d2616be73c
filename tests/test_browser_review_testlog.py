"""The pre-launch test log on the review page, in Chromium: rows added by keyboard, the suggested
schedule, the figures (the same as Python's, word for word), kept across a reload, exported in
format 2 and printed alike by the command line; the JavaScript twins agree with Python; a text that is
not the file reviewed is refused on the page and in the checklist; with IndexedDB refused, the review
lives on in the page and can still be exported."""

from __future__ import annotations

import datetime
import hashlib
import json

import pytest

import assessment
from assessment.evidence import display as evidence_display
from assessment.criteria import versions as history
from assessment.review import review_file as review
from assessment.review import prelaunch_log as test_log
from assessment.review import prelaunch_schedule as test_schedule
from assessment.criteria import texts
from assessment.answers.answers_file import parse as parse_answers
from assessment.evidence.measure import to_json
from tests.browser_checks import axe_violations
from tests.cli import run
from tests.review_vectors import CRITERIA as VECTOR_CRITERIA, INVALID, VALID

CRITERIA = assessment.load()
SCHEDULE = test_schedule.load()
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
# The page's "now": noon the day before the data file's first public holiday that follows a weekday,
# so every kind of slot (night, weekend, holiday) has a next one in the data file.
FIRST_HOLIDAY = next(d for d in map(datetime.date.fromisoformat, SCHEDULE.holidays)
                     if (d - datetime.timedelta(days=1)).isoformat() not in SCHEDULE.holidays)
NOW = datetime.datetime.combine(FIRST_HOLIDAY - datetime.timedelta(days=1), datetime.time(12), SHANGHAI)
CHANNELS = ("客服热线", "在线客服")
PLAN = f"- {CHANNELS[0]}：400-123-4567，7×24小时\n- {CHANNELS[1]}（网站右下角）"


def words(page) -> dict:
    return json.loads(page.locator("#sp-review").get_attribute("data-strings"))


def answers_file(tmp_path, name="answers.json") -> tuple:
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": CRITERIA.version,
           "assessment": {"organisation": "示例科技", "service": "彩铃", "contact": "张三", "date": NOW.date().isoformat()},
           "answers": {"quality-round-the-clock": {"value": 1}}, "plan": {"cs-channels": PLAN}}
    data = ("\ufeff" + json.dumps(doc, ensure_ascii=False, indent=2) + "\r\n").encode("utf-8")  # a BOM and CRLF: bytes kept
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


@pytest.fixture
def reviewer(browser, served_site):
    """A fresh browser at NOW in Shanghai (US English input formats, so typed times are deterministic)."""
    context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(served_site.url + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    yield page
    context.close()


def open_review(page, path):
    page.locator("#rv-open").set_input_files(str(path))
    page.wait_for_selector("#rv-review:not([hidden])")


def type_time(page, moment: datetime.datetime) -> None:
    """Type a time into the focused datetime-local field, segment by segment as a person does."""
    page.keyboard.type(moment.strftime("%m%d%Y%I%M") + moment.strftime("%p"))


def tab_to(page, field: str) -> None:
    for _ in range(12):  # Tab walks the segments of a time field before leaving it
        if page.evaluate("document.activeElement.dataset.test") == field:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the {field} field")


def stored_log(page) -> dict:
    return page.evaluate("""() => new Promise((resolve) => {
      const open = indexedDB.open("sp-readiness-reviews");
      open.onsuccess = () => {
        const get = open.result.transaction("reviews").objectStore("reviews").getAll();
        get.onsuccess = () => { open.result.close(); resolve(get.result[0].review.test_log); };
      };
    })""")


def expected_slots() -> dict:
    """The next slot of each kind after NOW, worked out here from the data file alone."""
    local = NOW.replace(tzinfo=None)
    night = datetime.datetime.combine(local.date(), datetime.time(SCHEDULE.night[0] + 1))
    night += datetime.timedelta(days=1) if night <= local else datetime.timedelta()
    day = local.date()
    while not (day.weekday() >= 5 and datetime.datetime.combine(day, datetime.time(10)) > local
               and day.isoformat() not in SCHEDULE.make_up_working_days):
        day += datetime.timedelta(days=1)
    weekend = datetime.datetime.combine(day, datetime.time(10))
    holiday = min(datetime.datetime.combine(datetime.date.fromisoformat(d), datetime.time(10)) for d in SCHEDULE.holidays
                  if datetime.datetime.combine(datetime.date.fromisoformat(d), datetime.time(10)) > local)
    return {k: v.strftime("%Y-%m-%d %H:%M") for k, v in (("night", night), ("weekend", weekend), ("holiday", holiday))}


def figure_lines(log: dict, lang: str) -> list[str]:
    figures = test_log.figures(CRITERIA, {"time_zone": log["time_zone"], "tests": log["tests"]}, SCHEDULE,
                               as_of=NOW.strftime("%Y-%m-%dT%H:%M"))
    return test_log.figure_lines(CRITERIA, figures, lang)


def test_a_reviewer_logs_tests_by_keyboard_takes_the_schedule_and_exports_what_the_command_line_prints(reviewer, tmp_path):
    page = reviewer
    path, data = answers_file(tmp_path)
    open_review(page, path)
    t = words(page)
    # The schedule offers the channels the SP declared, each with its next night, weekend and holiday.
    schedule = page.locator("#rv-tl-schedule tbody tr")
    assert [schedule.nth(n).locator("th").inner_text() for n in range(schedule.count())] == list(CHANNELS)
    slots = expected_slots()
    for n in range(2):
        cells = schedule.nth(n).locator("td")
        assert [cells.nth(k).inner_text().split(" " + t["tl_add_suggested"])[0] for k in range(3)] == [
            slots["night"], slots["weekend"], slots["holiday"]]
    # A test made last night, typed in by keyboard alone.
    page.locator("#rv-tl-add").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement?.dataset.test === 'channel'")
    page.keyboard.type(CHANNELS[0])
    tab_to(page, "contacted")
    night = datetime.datetime.combine(NOW.date() - datetime.timedelta(days=1), datetime.time(SCHEDULE.night[0], 10))
    type_time(page, night)
    tab_to(page, "replied")
    type_time(page, night + datetime.timedelta(minutes=15))
    tab_to(page, "note")
    page.keyboard.type("值班人员接听")
    # The holiday slot of the second channel, taken from the schedule by keyboard: focus lands on its reply.
    add = page.locator(f"#rv-tl-schedule [data-action=add-suggested][data-channel='{CHANNELS[1]}']").nth(2)
    add.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement?.dataset.test === 'replied'")
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 2")
    page.wait_for_function(f"document.querySelector('#rv-saved').textContent === {json.dumps(t['saved'])}")
    log = stored_log(page)
    assert [(r["channel"], r["contacted"], r["replied"], r["note"]) for r in log["tests"]] == [
        (CHANNELS[0], night.strftime("%Y-%m-%dT%H:%M"), (night + datetime.timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"), "值班人员接听"),
        (CHANNELS[1], slots["holiday"].replace(" ", "T"), "", "")]
    lines = figure_lines(log, "zh")
    assert page.locator("#rv-tl-figures p").all_inner_texts() == lines
    # The holiday test is planned, not tested; the night test covers the night of the first channel.
    assert t["tl_tested"] in schedule.nth(0).locator("td").nth(0).inner_text()
    assert slots["holiday"] in schedule.nth(1).locator("td").nth(2).inner_text()
    # The printed review report carries each test and the figures, before the sign-off.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.locator("#rv-report .rv-report__tests")
    assert printed.locator("p").all_inner_texts() == lines
    assert printed.locator("li").first.inner_text().startswith(test_log.row_line(1, log["tests"][0], "zh"))
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # Kept across a reload.
    page.reload()
    page.wait_for_selector("#rv-review:not([hidden])")
    assert page.locator("#rv-tl-rows [data-test=note]").first.input_value() == "值班人员接听"
    assert page.locator("#rv-tl-figures p").all_inner_texts() == lines
    # Exported in format 2, with the exact text of the file reviewed; the command line prints the same figures.
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")
    with page.expect_download() as info:
        page.locator("#rv-export").click()
        if page.locator("#rv-export-anyway").count():
            page.locator("#rv-export-anyway").click()
    exported = open(info.value.path(), "rb").read()
    doc = json.loads(exported)
    assert doc["format_version"] == review.FORMAT_VERSION and doc["submission_text"].encode("utf-8") == data
    assert doc["test_log"]["as_of"] == NOW.strftime("%Y-%m-%dT%H:%M") and "id" not in doc["test_log"]["tests"][0]
    file = tmp_path / "review.json"
    file.write_bytes(exported)
    code, out, err = run(["review", file, "--format", "json", "--lang", "zh", "--answers", path])
    assert (code, err) == (0, "") and json.loads(out)["test_log"]["message"] == lines
    code, out, _ = run(["review", file, "--lang", "en"])
    assert code == 0 and all(f"  {line}\n" in out for line in figure_lines(log, "en"))


def test_removing_a_test_by_keyboard_moves_focus_and_the_figures_follow(reviewer, tmp_path):
    page = reviewer
    open_review(page, answers_file(tmp_path)[0])
    page.locator("#rv-tl-add-all").click()
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 6")
    assert page.locator("#rv-tl-add-all").is_disabled()  # nothing left to suggest
    page.locator("#rv-tl-rows [data-action=remove-test]").nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 5")
    assert page.evaluate("document.activeElement.closest('tr') === document.querySelectorAll('#rv-tl-rows tr')[1]")
    assert not page.locator("#rv-tl-add-all").is_disabled()
    assert len(stored_log(page)["tests"]) == 5


# --- the JavaScript twins -------------------------------------------------------------------------

FIGURES = """async ([criteria, log, schedule, asOf]) => {
  const m = await import('./assets/javascripts/review/prelaunch-log.js');
  const w = await import('./assets/javascripts/review/prelaunch-log-words.js');
  const figures = m.testFigures(criteria, log, schedule, asOf);
  return [JSON.stringify(figures), w.figureLines(criteria, figures, STRINGS_ZH, 'zh'), w.figureLines(criteria, figures, STRINGS_EN, 'en')];
}"""


def vector_logs() -> list[tuple[dict, str | None]]:
    log = next(v for v in VALID if v["name"].startswith("format 2: the submission"))["doc"]["test_log"]
    day = FIRST_HOLIDAY.isoformat()
    many = {"time_zone": "UTC", "tests": [{"channel": f"渠道{n % 3}", "contacted": f"{day}T{n % 24:02d}:{n * 7 % 60:02d}",
                                           "replied": "" if n % 4 == 0 else f"{day}T23:{n % 60:02d}"} for n in range(40)]}
    return [(log, None), (log, "2026-10-01T03:15"), (many, None), (many, f"{day}T12:00")]


@pytest.mark.parametrize("log,as_of", vector_logs())
def test_the_browser_computes_and_words_the_figures_as_python_does(site_tab, log, as_of):
    labels = texts.table("review")
    script = FIGURES.replace("STRINGS_ZH", json.dumps(labels["zh"], ensure_ascii=False)).replace(
        "STRINGS_EN", json.dumps(labels["en"], ensure_ascii=False))
    found = site_tab.evaluate(script, [history.published(VECTOR_CRITERIA), log, SCHEDULE.published(), as_of])
    figures = test_log.figures(VECTOR_CRITERIA, log, SCHEDULE, as_of)
    assert found == [to_json(figures), test_log.figure_lines(VECTOR_CRITERIA, figures, "zh"),
                     test_log.figure_lines(VECTOR_CRITERIA, figures, "en")]


EVIDENCE = """async ([criteria, doc, w, lang]) => {
  const m = await import('./assets/javascripts/evidence/display.js');
  return m.evidenceLines(criteria, doc, w, lang);
}"""


def evidence_docs() -> list[dict]:
    vectors = json.loads((VECTOR_CRITERIA_PATH.parent / "evidence" / "answers.json").read_text(encoding="utf-8"))["vectors"]
    base = next(v["doc"] for v in vectors if v["name"].startswith("a measured block"))
    low = json.loads(json.dumps(base))
    low["evidence"]["attainment"] = 0.0
    low["answers"]["m1"] = {"value": 5}
    none = json.loads(json.dumps(base))
    none["evidence"]["by_channel"] = []
    return [base, low, none]


VECTOR_CRITERIA_PATH = __import__("tests.review_vectors", fromlist=["HERE"]).HERE / "criteria.yml"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_pages_evidence_lines_are_python_s_word_for_word(site_tab, lang):
    w = texts.table("evidence_block")[lang]
    for doc in evidence_docs():
        read = parse_answers(VECTOR_CRITERIA, doc)
        expected = evidence_display.lines(VECTOR_CRITERIA, read, read.evidence, lang)
        assert site_tab.evaluate(EVIDENCE, [history.published(VECTOR_CRITERIA), doc, w, lang]) == expected


# --- a text that is not the file reviewed; an old file ---------------------------------------------


def bad_text_vector() -> dict:
    return next(v for v in INVALID if v["name"].startswith("format 2: the text hashes to submission_sha256"))


def test_the_review_page_refuses_a_review_whose_text_is_not_the_file_reviewed_and_reads_format_1(reviewer, tmp_path):
    page = reviewer
    vector = bad_text_vector()
    criteria_doc = json.loads(json.dumps(vector["doc"]))
    # The same lie under the site's own criteria: the text hashes right but holds other answers.
    path, data = answers_file(tmp_path)
    submission = json.loads(data.decode("utf-8-sig"))
    other = json.dumps({**submission, "plan": {"cs-channels": "别的方案"}}, ensure_ascii=False)
    lie = {**criteria_doc, "criteria_version": CRITERIA.version, "submission": submission, "submission_text": other,
           "submission_sha256": hashlib.sha256(other.encode()).hexdigest(), "items": {}, "plan": {},
           "decision": "approved", "conditions": [], "test_log": {"time_zone": "Asia/Shanghai", "tests": []}}
    assert review.problems(CRITERIA, lie) == [review.TEXT_OTHER]
    bad = tmp_path / "lie.json"
    bad.write_text(json.dumps(lie, ensure_ascii=False), encoding="utf-8")
    page.locator("#rv-open").set_input_files(str(bad))
    page.locator("#rv-alert li").first.wait_for()
    assert page.locator("#rv-alert li").all_inner_texts() == [review.TEXT_OTHER]
    assert page.locator("#rv-review").is_hidden()
    # A format 1 review file (no text, no log) still opens to go on with.
    old = {key: value for key, value in lie.items() if key not in ("submission_text", "test_log")}
    old.update(format_version=1, submission_sha256=hashlib.sha256(data).hexdigest())
    assert review.problems(CRITERIA, old) == []
    good = tmp_path / "old.json"
    good.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    open_review(page, good)
    assert page.locator("#rv-tl-table").is_hidden() and page.locator("#rv-tl-figures").inner_text() == words(page)["tl_none"]


def test_the_checklist_refuses_a_review_whose_text_is_not_the_file_reviewed(page, served_site, tmp_path):
    page.goto(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    doc = json.loads(json.dumps(bad_text_vector()["doc"]))
    text = json.dumps(doc["submission"], ensure_ascii=False).replace(doc["submission"]["plan"]["overview"], "别的方案")
    doc.update(criteria_version=CRITERIA.version, submission_text=text, submission_sha256=hashlib.sha256(text.encode()).hexdigest())
    doc["submission"] = {**doc["submission"], "criteria_version": CRITERIA.version, "answers": {}, "plan": {}}
    path = tmp_path / "lie.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    problems = review.problems(CRITERIA, doc)
    assert problems and problems[-1] in (review.TEXT_OTHER, review.TEXT_NOT_HASHED)
    page.locator("#cl-import").set_input_files(str(path))
    page.locator("#cl-alert li").first.wait_for()
    assert page.locator("#cl-alert li").all_inner_texts() == problems
    assert page.locator("#cl-review").is_hidden()


# --- the checklist shows the log ----------------------------------------------------------------------


def test_the_checklist_shows_an_imported_reviews_test_log_and_figures(browser, served_site, tmp_path):
    context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto(served_site.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    path, data = answers_file(tmp_path)
    page.locator("#cl-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('#cl-alert').textContent === ''")
    day = FIRST_HOLIDAY.isoformat()
    log = {"time_zone": "Asia/Shanghai", "as_of": f"{day}T12:00",
           "tests": [{"channel": CHANNELS[0], "contacted": f"{day}T03:10", "replied": f"{day}T03:20", "note": "<b>夜间</b>"},
                     {"channel": CHANNELS[1], "contacted": f"{day}T10:00", "replied": "", "note": ""}]}
    doc = {"format": "sp-readiness-review", "format_version": 2, "criteria_version": CRITERIA.version,
           "submission_sha256": hashlib.sha256(data).hexdigest(), "submission": json.loads(data.decode("utf-8-sig")),
           "submission_text": data.decode("utf-8"), "reviewer": {"name": "李四", "organisation": "中国联通", "date": day},
           "test_log": log}
    assert review.problems(CRITERIA, doc) == []
    file = tmp_path / "review.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    page.locator("#cl-import").set_input_files(str(file))
    page.wait_for_selector("#cl-review:not([hidden])")
    figures = test_log.figures(CRITERIA, log, SCHEDULE)
    assert page.locator("#cl-review .cl-rn__figures li").all_inner_texts() == test_log.figure_lines(CRITERIA, figures, "zh")
    rows = page.locator("#cl-review .cl-rn__tests li").all_inner_texts()
    assert rows[0].startswith(test_log.row_line(1, log["tests"][0], "zh").split(". ", 1)[1]) and "<b>夜间</b>" in rows[0]
    assert page.locator("#cl-review b").count() == 0  # text stays text
    context.close()


# --- storage refused -------------------------------------------------------------------------------------

REFUSE_DATABASE = "indexedDB.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_indexeddb_refused_the_review_lives_in_the_page_says_so_and_exports(browser, served_site, tmp_path, lang):
    context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai", accept_downloads=True)
    context.add_init_script(REFUSE_DATABASE)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.goto(served_site.url + ("en/" if lang == "en" else "") + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    t = words(page)
    notice = page.locator("#rv-notices .rv-memory")
    assert notice.inner_text().startswith(t["memory_notice"].split("{why}")[0]) and t["memory_blocked"] in notice.inner_text()
    path, data = answers_file(tmp_path)
    open_review(page, path)
    page.locator("#rv-tl-schedule [data-action=add-suggested]").first.click()
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 1")
    page.locator("#rv-item-cs-organisation [data-field=comment]").fill("只在本页")
    assert page.locator("#rv-saved").inner_text() == t["memory_saved"] != t["saved"]
    page.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")
    with page.expect_download() as info:
        notice.locator("[data-action=memory-export]").click()
        if page.locator("#rv-export-anyway").count():
            page.locator("#rv-export-anyway").click()
    file = tmp_path / "review.json"
    file.write_bytes(open(info.value.path(), "rb").read())
    code, out, err = run(["review", file, "--format", "json", "--answers", path])
    shown = json.loads(out)
    assert (code, err) == (0, "") and len(shown["test_log"]["tests"]) == 1
    assert next(i for i in shown["items"] if i["id"] == "cs-organisation")["comment"] == "只在本页"
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_test_log_has_no_accessibility_violations(reviewer, served_site, tmp_path, lang, scheme):
    page = reviewer
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url + ("en/" if lang == "en" else "") + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    open_review(page, answers_file(tmp_path)[0])
    page.locator("#rv-tl-add-all").click()
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 6")
    page.locator("#rv-testlog").scroll_into_view_if_needed()
    assert axe_violations(page) == []


def test_two_tabs_editing_the_log_keep_each_others_rows(reviewer, tmp_path):
    first = reviewer
    open_review(first, answers_file(tmp_path)[0])
    first.locator("#rv-tl-add").click()
    first.locator("#rv-tl-rows [data-test=channel]").first.fill(CHANNELS[0])
    second = first.context.new_page()
    second.clock.set_fixed_time(NOW)
    second.goto(first.url)
    second.wait_for_selector("#sp-review[data-ready=true]")
    second.locator("#rv-inbox-rows [data-open]").first.click()  # each tab chooses its own review
    second.wait_for_selector("#rv-review:not([hidden])")
    second.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 1")
    # One tab writes the note of the first test while the other adds a second test.
    first.locator("#rv-tl-rows [data-test=note]").first.fill("甲标签页")
    second.locator("#rv-tl-add").click()
    second.locator("#rv-tl-rows tr").nth(1).locator("[data-test=channel]").fill(CHANNELS[1])
    first.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 2")
    second.wait_for_function("document.querySelector('#rv-tl-rows [data-test=note]').value === '甲标签页'")
    for tab in (first, second):
        tab.reload()
        tab.wait_for_selector("#rv-review:not([hidden])")
        assert [tab.locator("#rv-tl-rows [data-test=channel]").nth(n).input_value() for n in range(2)] == list(CHANNELS)
        assert tab.locator("#rv-tl-rows [data-test=note]").first.input_value() == "甲标签页"


def test_a_backup_carries_the_log_and_the_submissions_text_to_another_browser(reviewer, browser, served_site, tmp_path):
    page = reviewer
    path, data = answers_file(tmp_path)
    open_review(page, path)
    page.locator("#rv-tl-schedule [data-action=add-suggested]").first.click()
    page.wait_for_function("document.querySelectorAll('#rv-tl-rows tr').length === 1")
    with page.expect_download() as info:
        page.locator("#rv-backup").click()
    backup = tmp_path / "backup.json"
    backup.write_bytes(open(info.value.path(), "rb").read())
    context = browser.new_context(locale="en-US", timezone_id="Asia/Shanghai", accept_downloads=True)
    other = context.new_page()
    other.clock.set_fixed_time(NOW)
    other.goto(served_site.url + "review/")
    other.wait_for_selector("#sp-review[data-ready=true]")
    other.locator("#rv-restore").set_input_files(str(backup))
    other.locator("#rv-inbox-rows [data-open]").first.click()
    other.wait_for_selector("#rv-review:not([hidden])")
    assert other.locator("#rv-tl-rows [data-test=channel]").first.input_value() == CHANNELS[0]
    other.wait_for_selector("#rv-saved:not([aria-busy])", state="attached")
    with other.expect_download() as info:
        other.locator("#rv-export").click()
        if other.locator("#rv-export-anyway").count():
            other.locator("#rv-export-anyway").click()
    doc = json.loads(open(info.value.path(), "rb").read())
    assert doc["submission_text"].encode("utf-8") == data and len(doc["test_log"]["tests"]) == 1
    context.close()


# --- random logs and texts: Python and the browser judge them alike ----------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

READ_REVIEW = """async ([criteria, text]) => {
  const m = await import('./assets/javascripts/review/review-file.js');
  return m.readReview(criteria, new TextEncoder().encode(text)).problems;
}"""
odd = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6), st.lists(st.integers(), max_size=1))
times = st.one_of(st.sampled_from(["2026-10-01T03:10", "2026-10-01T03:09", "2026-02-29T10:00", "2099-12-31T23:59",
                                   "1999-12-31T23:59", "2100-01-01T00:00", "2026-10-01 03:10", "2026-10-01T24:00", ""]), odd)
tests_ = st.one_of(odd, st.fixed_dictionaries({}, optional={
    "channel": st.one_of(st.sampled_from(["热线", " ", "x" * 60, "x" * 61, "\u3000", "𠀀" * 60]), odd),
    "contacted": times, "replied": times, "note": st.one_of(st.sampled_from(["", "长" * 500, "长" * 501]), odd), "who": odd}))
logs = st.one_of(odd, st.fixed_dictionaries({}, optional={
    "time_zone": st.one_of(st.sampled_from(list(test_log.ZONES) + ["Asia/shanghai", "Mars/Base"]), odd),
    "as_of": times, "tests": st.one_of(st.lists(tests_, max_size=4), odd), "extra": odd}))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(log=logs, version=st.sampled_from([1, 2]), text=st.sampled_from(["own", "spaced", "other", "absent", "number"]))
def test_random_logs_and_texts_are_judged_identically_in_python_and_js(site_tab, log, version, text):
    doc = json.loads(json.dumps(next(v for v in VALID if v["name"].startswith("format 2: the submission"))["doc"]))
    doc.update(format_version=version, test_log=log)
    own = doc["submission_text"]
    other = json.dumps({**doc["submission"], "plan": {"overview": "别的方案"}}, ensure_ascii=False)  # hashed right, other answers
    doc["submission_text"] = {"own": own, "spaced": own + " ", "other": other, "number": 5}.get(text)
    if text == "other":
        doc["submission_sha256"] = hashlib.sha256(other.encode("utf-8")).hexdigest()
    if text == "absent":
        del doc["submission_text"]
    payload = json.dumps(doc, ensure_ascii=False)
    found = site_tab.evaluate(READ_REVIEW, [history.published(VECTOR_CRITERIA), payload])
    assert found == review.problems(VECTOR_CRITERIA, json.loads(payload))
