"""The checklist on a phone (390 × 844) and from the keyboard: a short sticky bar, targets a finger
can hit, a quick way back to the view tabs, the plan's first text box early in the tab order."""

from __future__ import annotations

import pytest

from tests.browser_checks import FRAMES
from tests.checklist_page import item, open_checklist, show, texts

LANGS = ["zh", "en"]
PHONE = {"width": 390, "height": 844}
TARGETS = """() => [...document.querySelectorAll('#sp-checklist :is(button, a[href], input, select, textarea, summary)')]
    .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    // a radio or a check box is hit through its label too
    .map((e) => [e, ['radio', 'checkbox'].includes(e.type) ? e.closest('label') ?? e : e])
    .map(([e, t]) => { const r = t.getBoundingClientRect();
        return [e.tagName + (e.type ? ':' + e.type : ''), (e.textContent.trim() || e.name || '').slice(0, 24), r.width, r.height]; })
    .filter(([, , w, h]) => w < 24 || h < 24)"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_header_and_status_bar_take_at_most_110_px_of_a_phone(phone, served_site, lang):
    open_checklist(phone, served_site, lang)
    phone.evaluate("scrollTo(0, 2000)")
    phone.evaluate(FRAMES)  # the sticky bar has been laid out where the scroll left it
    bottom = phone.evaluate("document.getElementById('cl-bar').getBoundingClientRect().bottom")
    assert bottom <= 110, bottom
    for selector in ["#cl-current", "#cl-bar-verdict", "[data-view-link=report]", "#cl-saved"]:
        box = phone.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 110 and box["x"] + box["width"] <= PHONE["width"], selector


@pytest.mark.parametrize("lang", LANGS)
def test_every_control_is_at_least_24_px_square_on_a_phone(phone, served_site, lang):
    open_checklist(phone, served_site, lang, empty=True)
    texts(phone, "cs-organisation")  # the note, its privacy box and the evidence
    for view in ["answers", "plan", "report"]:
        show(phone, view)
        assert phone.evaluate(TARGETS) == [], view


@pytest.mark.parametrize("lang", LANGS)
def test_the_english_and_chinese_report_fit_a_phone_without_scrolling_sideways(phone, served_site, lang):
    open_checklist(phone, served_site, lang, empty=True)
    phone.locator("#cl-meta [name=contact]").fill("Zhang San, 400-000-0000, kefu@xinghe-interactive.example")
    phone.locator("#cl-meta [name=organisation]").fill("Xinghe Interactive Technology Co., Ltd.")
    texts(phone, "cs-organisation").locator("[data-field=note]").fill("kefu@xinghe.example 400-000-0000 " * 3)
    show(phone, "report")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_escape_in_the_form_goes_back_to_the_view_tabs(page, served_site):
    open_checklist(page, served_site, empty=True)
    field = item(page, "om-routine").locator("input[value=met]")
    field.focus()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.viewLink") == "answers"
    assert page.locator("[data-view-link=answers]").is_visible()


def test_the_plans_first_text_box_is_a_few_tabs_from_the_view_tabs(page, served_site):
    open_checklist(page, served_site, empty=True)
    show(page, "plan")
    page.locator("[data-view-link=plan]").focus()
    for presses in range(1, 9):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    assert page.evaluate("document.activeElement.closest('[data-part]')?.dataset.part") == "overview", presses


@pytest.mark.parametrize("viewport", [(1366, 768), PHONE])
def test_the_page_does_not_grow_while_the_reader_scrolls_down(browser, served_site, viewport):
    size = viewport if isinstance(viewport, dict) else {"width": viewport[0], "height": viewport[1]}
    context = browser.new_context(viewport=size)
    page = context.new_page()
    open_checklist(page, served_site, empty=True)
    page.wait_for_selector("#sp-checklist[data-measured=true]")
    before = page.evaluate("document.documentElement.scrollHeight")
    heights = []
    for _ in range(40):  # scroll to the bottom a screen at a time, as a reader does
        page.mouse.wheel(0, size["height"] * 0.8)
        page.evaluate(FRAMES)
        heights.append(page.evaluate("document.documentElement.scrollHeight"))
    assert max(heights) - before < 0.02 * before, (before, max(heights))  # was 5,025 -> 6,071 px
    context.close()
