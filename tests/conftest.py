"""Shared fixtures: one built and served site per session, Debian's Chromium, and the rules every
test keeps: a browser test fails on any uncaught page error or console error it did not say it
expects, and hypothesis runs the same examples on every CI run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings
from hypothesis.database import DirectoryBasedExampleDatabase, MultiplexedDatabase, ReadOnlyDatabase
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


# --- hypothesis: the same examples on every CI run, and the failures it found kept as vectors ----------

# Failing examples kept from local runs (`make hypothesis-vectors` copies .hypothesis/examples here);
# both profiles replay them before generating anything.
KEPT_EXAMPLES = ReadOnlyDatabase(DirectoryBasedExampleDatabase(Path(__file__).parent / "vectors" / "hypothesis"))
# derandomize=True leaves out the database; the child profile gives the kept examples back (read-only),
# so CI replays them first and then draws the same examples from a seed fixed by each test's code.
settings.register_profile("ci", settings(derandomize=True, print_blob=True), database=KEPT_EXAMPLES)
settings.register_profile("dev", database=MultiplexedDatabase(
    DirectoryBasedExampleDatabase(Path(__file__).parents[1] / ".hypothesis" / "examples"), KEPT_EXAMPLES))
# `make mutate`: CI's examples, but a mutant's first failing example is enough (no shrinking, which
# can take longer than the test), so the hundreds of mutants a module has are run in minutes.
settings.register_profile("mutation", settings(settings.get_profile("ci"), phases=(Phase.explicit, Phase.reuse, Phase.generate)))
settings.load_profile(os.environ.get("SP_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


# --- Chromium: every page watched for uncaught errors and console errors ---------------------------


class PageErrors:
    """Uncaught page errors and console.error messages of every page, for the test that is running."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def watch(self, context):
        context.on("page", self._page)
        for tab in context.pages:
            self._page(tab)
        return context

    def _page(self, tab) -> None:
        tab.on("pageerror", lambda error: self.seen.append(f"{tab.url}: uncaught {error.name}: {error.message}"))
        tab.on("console", lambda message: message.type == "error" and self.seen.append(
            f"{tab.url}: console.error: {message.text} ({message.location.get('url')}:{message.location.get('lineNumber')})"))


PAGE_ERRORS = PageErrors()


class WatchedBrowser:
    """The Chromium browser, but every context and page it makes is watched (tests that make their
    own context with browser.new_context() are covered too)."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, *args, **kwargs):
        return PAGE_ERRORS.watch(self._browser.new_context(*args, **kwargs))

    def new_page(self, *args, **kwargs):
        tab = self._browser.new_page(*args, **kwargs)
        PAGE_ERRORS.watch(tab.context)
        return tab

    def __getattr__(self, name):
        return getattr(self._browser, name)


def pytest_configure(config):
    config.addinivalue_line("markers", "expect_page_errors(reason): this test expects uncaught page errors or "
                                       "console errors (use the page_errors fixture to assert which)")


@pytest.fixture
def page_errors():
    """Opt-out for a test that expects page errors: it gets the list and asserts what it expects."""
    return PAGE_ERRORS.seen


@pytest.fixture(autouse=True)
def _no_page_errors(request):
    PAGE_ERRORS.seen.clear()
    yield
    seen = list(PAGE_ERRORS.seen)
    PAGE_ERRORS.seen.clear()
    if seen and "page_errors" not in request.fixturenames and not request.node.get_closest_marker("expect_page_errors"):
        pytest.fail("the page reported errors:\n" + "\n".join(seen), pytrace=False)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield WatchedBrowser(chromium)
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
