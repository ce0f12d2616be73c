"""The site in real Chromium: search, privacy, accessibility, language switch, print, palettes."""

from __future__ import annotations

import re

import pytest

from tests.browser_checks import axe_violations, pdf_text, record_requests, squeezed
from tests.site_build import LANGUAGES, PAGES


def open_page(page, served_site, lang: str, path: str = "", scheme: str = "light"):
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url + LANGUAGES[lang] + path)
    page.wait_for_load_state("networkidle")


def search(page, query: str) -> list[str]:
    box = page.locator(".md-search__input")
    if not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("s")  # Material's shortcut to the search box
    # Start from an empty box, so the results awaited below are this query's, not the last one's.
    box.fill("")
    box.press("End")
    page.wait_for_function("!/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    box.press("End")  # Material reads the box on key-up; filling CJK text fires none
    # Results are in once the count replaces the "initialising" message.
    page.wait_for_function("/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    results = page.locator(".md-search-result__item > a, .md-search-result__link")
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def test_a_mid_sentence_chinese_word_finds_the_right_page(page, served_site):
    open_page(page, served_site, "zh")
    # 奖励 stands only inside clause 3.4, never at a word boundary a naive tokenizer would see.
    hits = search(page, "奖励")
    assert "/requirements/" in hits[0]
    assert any("/requirements/" in h and h.endswith("#req-3") for h in hits), hits
    assert all("/en/" not in h for h in hits)
    # 接口关系 (a dictionary term) stands in the middle of clause 2.5.
    assert any("/requirements/" in h and h.endswith("#req-2") for h in search(page, "接口关系"))


def test_chinese_search_finds_a_domain_term_from_the_user_dictionary(page, served_site):
    open_page(page, served_site, "zh", "glossary/")
    hits = search(page, "初步答复")
    assert any("requirements/" in h for h in hits)


def test_english_search_finds_only_english_pages(page, served_site):
    open_page(page, served_site, "en")
    hits = search(page, "interface")
    assert hits and all("/en/" in h for h in hits)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_request_leaves_the_site_on_any_page(page, served_site, lang):
    urls = record_requests(page)
    for path in PAGES:
        open_page(page, served_site, lang, path)
    search(page, "SP")  # loads the search worker and index too
    outside = [u for u in urls if not u.startswith((served_site.url, "data:", "blob:"))]
    assert urls and outside == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violation_on_any_page(page, served_site, lang, scheme):
    found = {}
    for path in PAGES:
        open_page(page, served_site, lang, path, scheme)
        if violations := axe_violations(page):
            found[path] = violations
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_open_search_dialog(page, served_site, scheme):
    open_page(page, served_site, "zh", scheme=scheme)
    search(page, "客服")
    assert axe_violations(page) == []


def test_language_switch_stays_on_the_same_page_and_anchor(page, served_site):
    open_page(page, served_site, "zh", "requirements/#req-4-2")
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(served_site.url + "en/requirements/#req-4-2")
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang=zh]").click()
    page.wait_for_url(served_site.url + "requirements/#req-4-2")


def test_language_switch_follows_instant_navigation(page, served_site):
    open_page(page, served_site, "en")
    page.locator(".md-nav__link", has_text="Glossary").first.click()
    page.wait_for_url(served_site.url + "en/glossary/")
    page.wait_for_function("document.querySelector('a.md-select__link[hreflang=zh]').href.endsWith('/glossary/')")


@pytest.mark.parametrize("path", ["requirements/", "template/"])
def test_print_shows_the_document_without_navigation_chrome(page, served_site, path):
    open_page(page, served_site, "zh", path)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("article h1").is_visible()
    printed = re.sub(r"^\d+/\d+", "", pdf_text(page))  # the page counter the print style puts first
    title = squeezed(page.locator("article h1").inner_text())
    assert printed.startswith(title), (title, printed[:200])  # no header or navigation above the title
    last = squeezed(page.locator("article > p").last.inner_text())
    assert last[:40] in printed, last  # the article to its end


def test_palette_toggle_switches_between_light_and_dark(page, served_site):
    open_page(page, served_site, "en")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    before = scheme()
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() != before
    page.reload()
    assert scheme() != before  # the choice is kept


def test_keyboard_reaches_the_content_through_the_skip_link(page, served_site):
    open_page(page, served_site, "zh", "requirements/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in skip.get_attribute("class").split()
    page.keyboard.press("Enter")
    assert page.url.endswith("#req")
