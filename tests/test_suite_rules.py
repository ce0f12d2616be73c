"""The rules the suite keeps for every test, including tests written later (tests/conftest.py)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import settings

from tests import conftest
from tests.site_build import ROOT


def test_a_page_error_and_a_console_error_are_recorded_for_the_test_that_is_running(page, page_errors):
    page.set_content("<p>x</p>")
    page.evaluate("setTimeout(() => { throw new Error('planted failure'); }); console.error('planted message')")
    page.wait_for_function("new Promise((done) => setTimeout(() => done(true), 0))")
    page.context.close()  # delivers every event still on its way
    assert any("uncaught Error: planted failure" in e for e in page_errors), page_errors
    assert any("console.error: planted message" in e for e in page_errors), page_errors
    page_errors.clear()  # what this test expected is not left for the check after it


def test_a_context_made_by_a_test_itself_is_watched_too(browser, page_errors):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<p>x</p>")
    tab.evaluate("console.error('from a context of its own')")
    context.close()
    assert [e for e in page_errors if "from a context of its own" in e]
    page_errors.clear()


def test_hypothesis_is_derandomized_in_ci_and_replays_the_kept_examples():
    ci = settings.get_profile("ci")
    assert ci.derandomize is True and ci.database is conftest.KEPT_EXAMPLES
    assert settings.get_profile("dev").database is not None
    assert (ROOT / "tests" / "vectors" / "hypothesis" / "README.md").exists()


def test_a_hung_test_fails_after_the_global_timeout(request):
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert 0 < options["timeout"] <= 600
    assert request.config.pluginmanager.hasplugin("timeout")


@pytest.mark.expect_page_errors("a page that throws on purpose")
def test_the_marker_lets_a_test_that_expects_an_error_pass(page):
    page.set_content("<p>x</p>")
    page.evaluate("setTimeout(() => { throw new Error('expected'); })")
    page.wait_for_function("new Promise((done) => setTimeout(() => done(true), 0))")


def test_no_test_waits_a_fixed_time():
    """A sleep of a guessed length is a flake waiting for a slower machine: tests wait for the page's or
    the program's own signal instead (tests/browser_checks.py FRAMES, wait_for_function, a readiness file)."""
    import re

    fixed = re.compile(r"\.wait_for_timeout\(|(?<![\w.])time\.sleep\(|^\s*sleep\(", re.M)
    found = [f"{p.name}:{n}: {line.strip()}" for p in sorted((ROOT / "tests").glob("*.py")) if p.name != "test_suite_rules.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), 1)
             if fixed.search(line) and not line.startswith("        time.sleep(60)")]  # a child program's slow write, killed
    assert found == []
