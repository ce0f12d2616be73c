"""Shared fixtures: one built and served site per session, and Debian's Chromium."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.site_build import Server, build, free_port

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium phones home at start-up; this machine's closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """Both languages built for, and served at, one loopback origin (instant navigation needs it)."""
    port = free_port()
    site = tmp_path_factory.mktemp("site")
    build(site, f"http://127.0.0.1:{port}/")
    server = Server(site, port)
    server.site = site
    yield server
    server.close()


@pytest.fixture(scope="session")
def site_dir(served_site):
    return served_site.site


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def site_tab(browser, served_site):
    """A page of the built site, so its ES modules load from where the site's pages load them."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(served_site.url)
    yield tab
    context.close()


@pytest.fixture
def fresh(page, served_site):
    """The Chinese checklist page with nothing saved in this browser."""
    from tests.checklist_page import open_checklist

    open_checklist(page, served_site, empty=True)
    return page
