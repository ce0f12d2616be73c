"""Shared fixtures: one built and served site per session, Debian's Chromium, and the rules every
test keeps: a browser test fails on any uncaught page error or console error it did not say it
expects, and hypothesis runs the same examples on every CI run."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
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
def served_site(request, tmp_path_factory):
    """Both languages built for, and served at, one loopback origin (instant navigation needs it).

    Under pytest-xdist (`make test` runs two workers) the controller builds and serves one site for
    all of them (shared_site below); a worker waits until it is ready."""
    shared = getattr(request.config, "workerinput", {}).get("sp_site")
    if shared:
        yield SharedSite.wait(json.loads(shared))
        return
    port = free_port()
    site = tmp_path_factory.mktemp("site")
    build(site, f"http://127.0.0.1:{port}/")
    server = Server(site, port)
    server.site = site
    yield server
    server.close()


class SharedSite:
    """The site the xdist controller builds in the background as the session starts, and serves."""

    READY, FAILED = ".sp-site-ready", ".sp-site-failed"

    def __init__(self, site: Path, url: str) -> None:
        self.site, self.url = site, url

    @classmethod
    def wait(cls, info: dict) -> SharedSite:
        site = Path(info["site"])
        # A readiness file, not a sleep of a guessed length: the build takes what it takes.
        while not (site / cls.READY).exists():
            if (site / cls.FAILED).exists():
                pytest.fail((site / cls.FAILED).read_text(encoding="utf-8"), pytrace=False)
            threading.Event().wait(0.2)
        return cls(site, info["url"])

    @classmethod
    def start(cls) -> dict:
        site = Path(tempfile.mkdtemp(prefix="sp-readiness-site-"))
        port = free_port()
        url = f"http://127.0.0.1:{port}/"

        def make() -> None:
            try:
                build(site, url)
                (site / cls.READY).write_text("ready", encoding="utf-8")
            except BaseException as exc:  # a worker shows the build's own message
                (site / cls.FAILED).write_text(str(exc), encoding="utf-8")

        thread = threading.Thread(target=make, daemon=True)
        thread.start()
        return {"site": str(site), "url": url, "server": Server(site, port), "thread": thread}


_SHARED: dict = {}


def pytest_configure(config):
    # The command line cuts its text tables to the terminal's width when COLUMNS is set; pytest-xdist
    # sets COLUMNS=80 in its workers (and a developer's shell may export it). Tests that want a width
    # set it themselves.
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
    config.addinivalue_line("markers", "expect_page_errors(reason): this test expects uncaught page errors or "
                                       "console errors (use the page_errors fixture to assert which)")
    # The xdist controller (it runs no test) builds and serves the site once for every worker.
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        _SHARED.update(SharedSite.start())


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    if _SHARED:
        node.workerinput["sp_site"] = json.dumps({"site": _SHARED["site"], "url": _SHARED["url"]})


def pytest_unconfigure(config):
    if _SHARED:
        _SHARED["thread"].join()
        _SHARED["server"].close()
        shutil.rmtree(_SHARED["site"], ignore_errors=True)


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
