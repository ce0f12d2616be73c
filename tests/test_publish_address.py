"""Any address: the site built as `make build` builds it (the default SITE_URL) works unchanged when a
plain web server publishes it below another path; no page names its own files by absolute address."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.publish_server import PublishedSite, Trouble, search
from tests.site_build import LANGUAGES, PAGES, build

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # the Makefile's and mkdocs.yml's default
PREFIX = "/plain/"
ABSOLUTE = re.compile(r'\b(?:href|src)="(/[^"]*)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("address-site")
    build(site, DEFAULT_SITE_URL)
    return site


@pytest.fixture(scope="module")
def elsewhere(built):
    server = PublishedSite(built, PREFIX)
    yield server
    server.close()


def test_no_page_names_the_sites_own_files_by_absolute_address(built):
    # 404.html is the exception by nature: a server shows it at any depth, so it needs SITE_URL's path.
    found = {str(p.relative_to(built)): ABSOLUTE.findall(p.read_text(encoding="utf-8"))
             for p in built.rglob("*.html") if p.name != "404.html"}
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_opens_below_a_sub_path_without_errors(browser, elsewhere, lang):
    context = browser.new_context()
    page = context.new_page()
    trouble = Trouble(page)
    for path in PAGES:
        page.goto(elsewhere.url + LANGUAGES[lang] + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").count() == 1, path
        if path == "checklist/":
            page.wait_for_selector("#sp-checklist[data-ready=true]")
            assert page.locator("#cl-form .cl-item").count() > 0
        if path == "review/":
            page.wait_for_selector("#sp-review[data-ready=true]")
    assert not trouble.all(), "\n".join(trouble.all())
    assert elsewhere.errors() == []
    context.close()


def test_navigation_search_and_language_switch_stay_below_the_sub_path(browser, elsewhere):
    context = browser.new_context()
    page = context.new_page()
    trouble = Trouble(page)
    page.goto(elsewhere.url)
    page.wait_for_load_state("networkidle")
    nav = page.locator(".md-nav--primary .md-nav__link[href]")
    targets = {urlsplit(nav.nth(i).evaluate("a => a.href")).path for i in range(nav.count())}
    assert targets >= {PREFIX + p for p in PAGES}, targets
    # Instant navigation or not, following a link shows the page it names, styled by its own sheets.
    page.locator('.md-nav--primary a[href$="checklist/"]').first.click()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert urlsplit(page.url).path == PREFIX + "checklist/"
    page.locator('.md-nav--primary a[href$="requirements/"]').first.click()
    page.wait_for_url(re.compile(r"/requirements/$"))
    hits = search(page, "客服")
    assert hits and all(urlsplit(h).path.startswith(PREFIX) for h in hits), hits
    page.keyboard.press("Escape")
    page.goto(elsewhere.url + "requirements/#req-4-1")
    page.wait_for_load_state("networkidle")
    english = page.locator('a.md-select__link[hreflang="en"]')
    assert urlsplit(english.evaluate("a => a.href")).path == PREFIX + "en/requirements/"
    english.evaluate("a => a.click()")
    page.wait_for_url(re.compile(r"/plain/en/requirements/#req-4-1$"))
    chinese = page.locator('a.md-select__link[hreflang="zh"]')
    assert urlsplit(chinese.evaluate("a => a.href")).path == PREFIX + "requirements/"
    assert not trouble.all(), "\n".join(trouble.all())
    assert elsewhere.errors() == []
    context.close()
