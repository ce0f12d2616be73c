"""Finding one's way in the checklist: views with their own address, the status bar, focus, numbers."""

from __future__ import annotations

import pytest

import assessment
from assessment.criteria import quantity
from assessment.shared.formatting import js_number
from macros import checklist

from tests.browser_checks import settled
from tests.checklist_page import answer_some, current_doc, item, open_checklist, show, texts, wait_saved

LANGS = ["zh", "en"]


def visible_view(page) -> str:
    return page.locator("[data-view]:not([hidden])").get_attribute("data-view")


@pytest.mark.parametrize("lang", LANGS)
def test_back_and_forward_move_between_views(page, served_site, lang):
    open_checklist(page, served_site, lang)
    assert visible_view(page) == "answers"
    show(page, "plan")
    show(page, "report")
    assert page.url.endswith("#report")
    page.go_back()
    page.wait_for_function("!document.querySelector('[data-view=plan]').hidden")
    page.go_back()
    page.wait_for_function("!document.querySelector('[data-view=answers]').hidden")
    page.go_forward()
    page.wait_for_function("!document.querySelector('[data-view=plan]').hidden")
    assert page.url.endswith("#plan")


@pytest.mark.parametrize("lang", LANGS)
def test_a_bookmarked_report_opens_the_report(page, served_site, lang):
    open_checklist(page, served_site, lang, fragment="#report")
    assert visible_view(page) == "report"
    assert page.locator("#cl-report-body table").count() >= 2


def test_leaving_the_report_returns_to_where_the_reader_was(fresh):
    page = fresh
    page.evaluate("scrollTo(0, 2500)")
    # What the reader sees at the top: the first item below the status bar.
    first = """() => { const bar = document.getElementById('cl-bar').getBoundingClientRect().bottom;
        return [...document.querySelectorAll('fieldset[data-item]')].find((f) => f.getBoundingClientRect().bottom > bar).id; }"""
    seen = settled(page, first)  # items coming on screen settle to their real height
    page.locator("[data-view-link=report]").dispatch_event("click")  # as a keyboard user would, no scrolling
    page.wait_for_selector("[data-view=report]:not([hidden])")
    page.locator("#cl-report-close").click()
    page.wait_for_selector("[data-view=answers]:not([hidden])")
    # Back at that item: it is on screen just below the bar (items laid out only on screen may have
    # settled to a slightly different height meanwhile, so not to the pixel).
    box = settled(page, f"""() => {{ const r = document.getElementById('{seen}').getBoundingClientRect();
        return [r.top, r.bottom, document.getElementById('cl-bar').getBoundingClientRect().bottom, innerHeight]; }}""")
    top, bottom, bar, height = box
    assert bottom > bar - 40 and top < bar + height / 3


@pytest.mark.parametrize("lang", LANGS)
def test_the_first_click_on_a_blocker_link_scrolls_to_the_item_on_a_page_opened_directly(page, served_site, lang):
    open_checklist(page, served_site, lang)
    item(page, "quality-first-reply").locator("[data-field=value]").fill("30")
    wait_saved(page)
    page.reload()  # opened directly: no instant navigation has happened
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("scrollTo(0, 0)")
    page.locator(".cl-list--blockers a").first.click()
    assert page.url.endswith("#item-quality-first-reply")
    page.wait_for_function("""(() => { const r = document.getElementById('item-quality-first-reply').getBoundingClientRect();
        const bar = document.getElementById('cl-bar').getBoundingClientRect();
        return r.top >= bar.bottom - 1 && r.top < innerHeight / 2; })()""")


def test_a_link_to_an_item_opens_the_answers_view_at_it(fresh, served_site):
    page = fresh
    show(page, "report")
    page.goto(served_site.url + "checklist/#item-om-routine")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert visible_view(page) == "answers"
    page.wait_for_function("Math.abs(document.getElementById('item-om-routine').getBoundingClientRect().top - document.getElementById('cl-bar').getBoundingClientRect().bottom) < 150")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible_on_every_kind_of_control(page, served_site, scheme):
    open_checklist(page, served_site, "zh", scheme)
    texts(page, "cs-process")
    controls = {
        "radio": item(page, "cs-process").locator("input[value=met]"),
        "number": item(page, "quality-first-reply").locator("[data-field=value]"),
        "text": page.locator("#cl-meta [name=organisation]"),
        "textarea": item(page, "cs-process").locator("[data-field=note]"),
    }
    for name, control in controls.items():
        control.scroll_into_view_if_needed()
        page.evaluate("document.activeElement.blur()")
        settled(page, "(e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }",
                control.element_handle())  # off-screen items settle to their real height
        box = control.bounding_box()
        clip = {"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": box["height"] + 16}
        before = page.screenshot(clip=clip)
        control.focus()
        page.keyboard.press("Shift")  # focus came from the keyboard: :focus-visible applies
        after = page.screenshot(clip=clip)
        assert before != after, f"{name}: focus leaves no visible mark ({scheme})"


def test_clearing_an_answer_keeps_the_note_and_evidence(fresh):
    page = fresh
    answer_some(page)
    it = item(page, "cs-organisation")
    it.locator("[data-action=clear]").click()
    assert not it.locator("input[value=met]").is_checked()
    doc = current_doc(page)
    assert doc["answers"]["cs-organisation"] == {"note": "客服中心 20 人", "evidence": "组织架构图.pdf"}
    assert it.locator("[data-field=note]").input_value() == "客服中心 20 人"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_threshold_answer_says_at_once_whether_it_is_met_with_its_unit(page, served_site, lang):
    # The words come from the data file's threshold and unit, written by the one formatter.
    criteria = assessment.load()
    t = checklist.strings(lang)
    q = criteria.threshold(criteria.item("quality-first-reply"))
    unit = criteria.units[q.unit]
    limit = quantity.threshold_text(criteria, "first_reply", lang)
    met = t["meets"].format(limit=t["max_words"].format(q=limit))
    unmet = t["misses"].format(limit=t["max_fail_words"].format(q=limit))
    open_checklist(page, served_site, lang)
    page.evaluate("localStorage.clear()")
    field = item(page, "quality-first-reply").locator("[data-field=value]")
    assert item(page, "quality-first-reply").locator(".cl-unit").text_content() == (unit.zh if lang == "zh" else unit.en_plural)
    field.fill(js_number(q.value * 30))
    assert item(page, "quality-first-reply").locator(".cl-msg").text_content() == unmet
    field.fill(js_number(q.value / 2))
    assert item(page, "quality-first-reply").locator(".cl-msg").text_content() == met


def test_an_invalid_number_stays_visible_with_an_error_also_after_reload(fresh):
    page = fresh
    field = item(page, "quality-first-reply").locator("[data-field=value]")
    field.fill("-1")
    msg = item(page, "quality-first-reply").locator(".cl-msg")
    assert field.input_value() == "-1" and "0" in msg.text_content() and field.get_attribute("aria-invalid") == "true"
    assert "value" not in current_doc(page)["answers"].get("quality-first-reply", {})
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert field.input_value() == "-1" and field.get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize("lang", LANGS)
def test_the_status_bar_shows_the_verdict_after_scrolling_to_the_bottom(page, served_site, lang):
    open_checklist(page, served_site, lang)
    item(page, "quality-first-reply").locator("[data-field=value]").fill("30")
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    badge = page.locator("#cl-bar-verdict")
    settled(page, "(e) => [scrollY, e.getBoundingClientRect().y]", badge.element_handle())
    box = badge.bounding_box()
    assert 0 <= box["y"] < 200 and badge.is_visible()
    assert "cl-verdict--not_ready" in badge.get_attribute("class")
    assert badge.evaluate("e => getComputedStyle(e).color") in ("rgb(183, 28, 28)",)
    assert page.locator("#cl-saved").text_content()


def test_the_phone_layout_keeps_the_picker_and_views_on_screen(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    open_checklist(page, served_site)
    for selector in ["#cl-current", "[data-view-link=report]", "#cl-bar-verdict"]:
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
    legend = item(page, "cs-organisation").locator("legend").bounding_box()
    card = item(page, "cs-organisation").bounding_box()
    assert legend["y"] > card["y"], "the question sits inside its card, not across the border"
    context.close()


def test_the_items_take_less_than_half_the_old_height(page, served_site):
    open_checklist(page, served_site)
    height = page.locator("#cl-form").evaluate("f => f.getBoundingClientRect().height")
    # The form was 12,000 px of a 12,000 px page before note and evidence opened on demand.
    assert height < 6000


def test_the_filters_and_next_unanswered_find_launch_conditions_and_gaps(fresh):
    page = fresh
    page.locator("#cl-filter").select_option("mandatory")
    shown = page.locator("fieldset[data-item]:visible")
    assert {e.get_attribute("data-level") for e in shown.all()} == {"mandatory"}
    page.locator("#cl-filter").select_option("all")
    item(page, "cs-organisation").locator("input[value=met]").check()
    page.locator("#cl-next").click()
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "cs-content"
    page.locator("#cl-next").click()  # pressed again without answering: it moves on
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "cs-commitment"
    item(page, "cs-content").locator("input[value=unmet]").check()
    page.locator("#cl-filter").select_option("gaps")
    page.locator("#cl-meta [name=organisation]").focus()
    assert [e.get_attribute("data-item") for e in page.locator("fieldset[data-item]:visible").all()] == ["cs-content"]


def test_the_skip_link_goes_to_the_first_unanswered_item(fresh):
    page = fresh
    item(page, "cs-organisation").locator("input[value=met]").check()
    page.locator(".cl-skip").focus()
    assert page.locator(".cl-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('[data-item]').dataset.item") == "cs-content"
    page.keyboard.press("ArrowRight")  # radios: arrows move and select
    assert item(page, "cs-content").locator("input[value=partial]").is_checked()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("start", ["", "template/"])
def test_the_plan_writer_is_one_click_from_the_home_and_template_pages(page, served_site, lang, start):
    page.goto(served_site.url + ("en/" if lang == "en" else "") + start)
    page.locator(".md-content a[href$='checklist/#plan']").first.click()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.wait_for_selector("[data-view=plan]:not([hidden])")
    assert page.locator("#cl-plan-docx").is_visible()


@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)])
def test_the_page_does_not_shift_when_the_app_appears(browser, served_site, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    open_checklist(page, served_site)
    shift = page.evaluate("""() => new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
            .observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
    })""")
    assert shift < 0.02  # cumulative layout shift; the bar and the views keep their place as the app fills them
    context.close()


TOP_ITEM = """() => { const bar = document.getElementById('cl-bar').getBoundingClientRect().bottom;
    return [...document.querySelectorAll('[data-view]:not([hidden]) :is(fieldset[data-item], [data-part])')]
        .find((f) => f.getBoundingClientRect().bottom > bar + 8)?.id; }"""


def settled_top(page):
    # Items coming on screen settle to their real height, and Back restores the place after them: the
    # top item once it has stayed the same for a quarter of a second's frames.
    return settled(page, TOP_ITEM, frames=15)


@pytest.mark.parametrize("lang", LANGS)
def test_back_and_forward_between_views_stay_in_the_page_and_keep_place_filter_and_focus(page, served_site, lang):
    open_checklist(page, served_site, lang, empty=True)  # opened directly, where Material used to fetch the page on Back
    page.evaluate("document.getElementById('sp-checklist').dataset.marker = 'same page'")
    path = page.url.split("#")[0]
    requests = []
    page.on("request", lambda r: requests.append(r.url) if r.url.split("#")[0] == path else None)
    page.locator("#cl-filter").select_option("unanswered")
    chosen = page.locator("fieldset[data-item]:visible").nth(12).get_attribute("data-item")
    note = texts(page, chosen).locator("[data-field=note]")
    note.scroll_into_view_if_needed()
    note.focus()
    answers_top = settled_top(page)
    show(page, "plan")
    plan_box = page.locator("[data-view=plan] textarea").nth(3)
    plan_box.scroll_into_view_if_needed()
    plan_box.focus()
    plan_top = settled_top(page)
    show(page, "report")

    page.go_back()
    page.wait_for_selector("[data-view=plan]:not([hidden])")
    page.go_back()
    page.wait_for_selector("[data-view=answers]:not([hidden])")
    assert settled_top(page) == answers_top
    assert page.locator("#cl-filter").input_value() == "unanswered"
    assert page.evaluate("document.activeElement.dataset.field + ' ' + document.activeElement.closest('[data-item]').id") == f"note item-{chosen}"
    page.go_forward()
    page.wait_for_selector("[data-view=plan]:not([hidden])")
    assert settled_top(page) == plan_top
    assert page.evaluate("document.activeElement") and plan_box.evaluate("e => e === document.activeElement")
    assert page.evaluate("document.getElementById('sp-checklist').dataset.marker") == "same page"
    assert requests == []
