"""A strict Content-Security-Policy: the site served with the headers the build writes (_headers) works
with no violation on any page, in every view of the checklist, on the review page, during Word export
and during search; the policy allows nothing but the site itself and never 'unsafe-inline'."""

from __future__ import annotations

import json

import pytest

from publish import policy
from tests.checklist_page import answer_some, show
from tests.publish_server import PublishedSite, Trouble, search
from tests.site_build import LANGUAGES, PAGES, build

# The policy the issue asks the site to work under; the written one must be at least as strict.
REQUIRED = {"default-src": {"'self'"}, "script-src": {"'self'"}, "style-src": {"'self'"}, "img-src": {"'self'", "data:"},
            "object-src": {"'none'"}, "base-uri": {"'self'"}, "frame-ancestors": {"'none'"}}


def parse(value: str) -> dict[str, set[str]]:
    return {d.split()[0]: set(d.split()[1:]) for d in value.split(";") if d.strip()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("policy-site")
    build(site, "http://127.0.0.1:8000/")
    policy.write(site)
    return site


@pytest.fixture(scope="module")
def strict(built):
    server = PublishedSite(built, "/", policy.read_headers(built / policy.HEADERS_FILE))
    server.site = built
    yield server
    server.close()


@pytest.fixture
def tab(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page, Trouble(page)
    context.close()


def test_the_written_policy_is_the_required_one_with_only_hashes_added(built):
    headers = policy.read_headers(built / policy.HEADERS_FILE)
    written = parse(headers["Content-Security-Policy"])
    assert set(written) == set(REQUIRED)
    for directive, sources in written.items():
        extra = sources - REQUIRED[directive]
        assert REQUIRED[directive] <= sources
        assert all(s.startswith("'sha256-") for s in extra), (directive, extra)
        assert directive == "script-src" or not extra
    assert "unsafe" not in headers["Content-Security-Policy"]
    assert written["script-src"] - {"'self'"}, "Material's inline scripts are listed by hash"
    nginx = (built / policy.NGINX_FILE).read_text(encoding="utf-8")
    for name, value in headers.items():
        assert f'add_header {name} "{value}" always;' in nginx


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_works_under_the_policy(tab, strict, lang):
    page, trouble = tab
    for path in PAGES:
        response = page.goto(strict.url + LANGUAGES[lang] + path)
        assert response.headers["content-security-policy"] == policy.read_headers(
            strict.site / policy.HEADERS_FILE)["Content-Security-Policy"], path
        page.wait_for_load_state("networkidle")
        if path == "checklist/":
            page.wait_for_selector("#sp-checklist[data-ready=true]")
        if path == "review/":
            page.wait_for_selector("#sp-review[data-ready=true]")
    # Material's palette script and local-storage helpers ran: the palette toggle works.
    # (Waits go through selectors: the policy refuses the string evaluation wait_for_function polls with.)
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    page.wait_for_selector("body[data-md-color-scheme=slate]")
    assert page.evaluate("Object.keys(localStorage).some(k => k.endsWith('__palette'))")
    assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_under_the_policy(tab, strict, lang):
    page, trouble = tab
    page.goto(strict.url + LANGUAGES[lang])
    page.wait_for_load_state("networkidle")
    assert search(page, "SP")
    assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_checklist_view_and_word_export_work_under_the_policy(tab, strict, lang):
    page, trouble = tab
    for view in ("answers", "plan", "report"):  # each view opened by its address, too
        page.goto(strict.url + LANGUAGES[lang] + "checklist/#" + view)
        page.wait_for_selector(f"#sp-checklist[data-ready=true] [data-view={view}]:not([hidden])")
    page.goto(strict.url + LANGUAGES[lang] + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    answer_some(page)
    for view in ("plan", "report", "answers", "report"):
        show(page, view)
        page.wait_for_load_state("networkidle")
    # The report's tables keep their column widths (set through the DOM, not a style attribute).
    widths = page.eval_on_selector_all("#cl-report-body col", "cols => cols.map(c => c.style.width)")
    assert widths and all(w.endswith("%") for w in widths)
    show(page, "plan")
    with page.expect_download() as info:
        page.locator("#cl-plan-docx").click()
    assert info.value.suggested_filename.endswith(".docx")
    show(page, "answers")
    with page.expect_download() as info:
        page.locator("#cl-export").click()
    assert json.loads(open(info.value.path(), encoding="utf-8").read())["answers"]
    assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_evidence_view_measures_and_draws_under_the_policy(tab, strict, lang):
    """A module worker, the CSV reader, SVG grids and the figures' bars: nothing the
    strict policy refuses (a style attribute or an inline script would show as a violation)."""
    from tests.evidence_vectors import DIR

    page, trouble = tab
    page.goto(strict.url + LANGUAGES[lang] + "checklist/#evidence")
    page.wait_for_selector("#cl-evidence[data-ready=true]")
    page.set_input_files("#cl-ev-file", str(DIR / "qiyu.csv"))
    page.wait_for_selector("#cl-ev-headline, .cl-ev__message--error", timeout=60_000)
    assert page.locator(".cl-ev__message--error").count() == 0
    assert page.locator("#cl-ev-figures svg").count() >= 2
    page.locator("#cl-ev-attach-button").click()
    page.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert not trouble.all(), "\n".join(trouble.all())


def test_the_review_page_works_under_the_policy(tab, strict, built, tmp_path):
    page, trouble = tab
    page.goto(strict.url + "checklist/")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    answer_some(page)
    show(page, "answers")
    with page.expect_download() as info:
        page.locator("#cl-export").click()
    answers = tmp_path / "answers.json"
    info.value.save_as(answers)
    page.goto(strict.url + "review/")
    page.wait_for_selector("#sp-review[data-ready=true]")
    page.locator("#rv-open").set_input_files(str(answers))
    page.wait_for_selector("#rv-review:not([hidden])")
    assert page.locator(".rv-item").count() > 0
    assert not trouble.all(), "\n".join(trouble.all())
