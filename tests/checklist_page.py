"""Driving the checklist page in Chromium the way a person does, for the browser tests."""

from __future__ import annotations

import json

import assessment
from assessment.shared.formatting import js_number

ENTRY_PREFIX = "sp-readiness.a."
_CRITERIA = assessment.load()
# What answer_some() enters for the two numbers: both met, whatever the data file's thresholds are.
CHANNELS = js_number(_CRITERIA.threshold(_CRITERIA.item("quality-round-the-clock")).value + 1)
REPLY = js_number(_CRITERIA.threshold(_CRITERIA.item("quality-first-reply")).value / 2)


def open_checklist(page, served_site, lang="zh", scheme="light", fragment="", empty=False):
    """The checklist page, ready; with `empty`, nothing saved in this browser before it opens."""
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url + ("en/" if lang == "en" else "") + "checklist/" + fragment)
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    if empty:
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector("#sp-checklist[data-ready=true]")


def item(page, item_id):
    return page.locator(f"#item-{item_id}")


def texts(page, item_id):
    """Open an item's note and evidence (they open on demand) and return the item."""
    it = item(page, item_id)
    toggle = it.locator("[data-action=texts]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    return it


def answer_some(page):
    page.locator("#cl-meta [name=organisation]").fill("示例科技")
    page.locator("#cl-meta [name=service]").fill("彩铃")
    item(page, "cs-organisation").locator("input[value=met]").check()
    item(page, "cs-content").locator("input[value=partial]").check()
    item(page, "quality-round-the-clock").locator("[data-field=value]").fill(CHANNELS)
    item(page, "quality-first-reply").locator("[data-field=value]").fill(REPLY)
    texts(page, "cs-organisation").locator("[data-field=note]").fill("客服中心 20 人")
    item(page, "cs-organisation").locator("[data-field=evidence]").fill("组织架构图.pdf")


def wait_saved(page):
    page.wait_for_selector("#cl-saved.cl-saved--saved")


def entries(page) -> dict:
    """Every assessment saved in this browser, by id."""
    return json.loads(page.evaluate(f"""JSON.stringify(Object.fromEntries(Object.keys(localStorage)
        .filter(k => k.startsWith('{ENTRY_PREFIX}')).map(k => [k.slice({len(ENTRY_PREFIX)}), JSON.parse(localStorage.getItem(k))])))"""))


def current_id(page) -> str:
    return page.locator("#cl-current").input_value()


def current_doc(page) -> dict:
    wait_saved(page)
    return entries(page)[current_id(page)]["doc"]


def show(page, view):
    page.locator(f"[data-view-link={view}]").click()
    page.wait_for_selector(f"[data-view={view}]:not([hidden])")


def export(page) -> dict:
    with page.expect_download() as info:
        page.locator("#cl-export").click()
    return json.loads(open(info.value.path(), encoding="utf-8").read())
