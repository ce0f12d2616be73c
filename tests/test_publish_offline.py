"""The offline package (`make offline`): unzipped into any folder and opened from disk (file://) in
Chromium, every page and link opens a page, search finds, the checklist keeps, imports and exports
answers and writes Word, the review page opens a submission; nothing is asked of any other host."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from publish import offline
from tests.checklist_page import answer_some, current_doc, entries, show, wait_saved
from tests.publish_server import Trouble, search
from tests.site_build import LANGUAGES, PAGES

FILES = [p.rstrip("/") + ".html" if p else "index.html" for p in PAGES]


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory):
    """The package built as `make offline` builds it, unzipped where no server could find it."""
    if shutil.which("npm") is None and not (offline.ROOT / "node_modules" / ".bin" / "esbuild").exists():
        pytest.skip("the offline package is bundled by esbuild, which needs npm to install: npm is not on PATH")
    where = tmp_path_factory.mktemp("offline")
    archive = offline.package(where / "sp-readiness-offline.zip")
    folder = where / "下载 的 文件"  # any folder: spaces and Chinese in the path too
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    return folder / offline.TOP


@pytest.fixture
def tab(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    yield page, Trouble(page), requested
    context.close()


def url(root: Path, lang: str, name: str) -> str:
    return (root / LANGUAGES[lang] / name).as_uri()


def only_disk(requested: list[str]) -> list[str]:
    """Requests for anything but the package's own files (blob: and data: are the page's own)."""
    return [u for u in requested if urlsplit(u).scheme not in ("file", "blob", "data")]


def test_the_package_holds_both_languages_and_loads_nothing_from_another_host(unpacked):
    for lang in LANGUAGES:
        for name in FILES:
            assert (unpacked / LANGUAGES[lang] / name).is_file(), (lang, name)
    loads = re.compile(r'<(?:script|img|iframe)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"')
    for path in unpacked.rglob("*.html"):
        for match in loads.finditer(path.read_text(encoding="utf-8")):
            address = match.group(1) or match.group(2)
            if 'rel="canonical"' in match.group(0):
                continue  # names the published site, loads nothing
            assert not urlsplit(address).scheme and not address.startswith("//"), (path, address)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_and_every_link_opens_a_page_from_disk(tab, unpacked, lang):
    page, trouble, requested = tab
    for name in FILES:
        page.goto(url(unpacked, lang, name))
        page.wait_for_load_state("load")
        assert page.locator("article h1").count() == 1, name
        if name == "checklist.html":
            page.wait_for_selector("#sp-checklist[data-ready=true]")
        if name == "review.html":
            page.wait_for_selector("#sp-review[data-ready=true]")
        links = page.eval_on_selector_all("a[href]", "els => els.map(a => [a.href, a.outerHTML.slice(0, 200)])")
        for link, html in links:
            parts = urlsplit(link)
            if parts.scheme != "file":
                continue
            assert Path(unquote(parts.path)).is_file(), f"{name}: {html} opens {link}, no page"
    assert not trouble.all(), "\n".join(trouble.all())
    assert only_disk(requested) == []


def test_language_switch_and_navigation_open_pages_from_disk(tab, unpacked):
    page, trouble, _ = tab
    page.goto(url(unpacked, "zh", "requirements.html") + "#req-4-1")
    page.wait_for_load_state("load")
    page.locator('a.md-select__link[hreflang="en"]').evaluate("a => a.click()")
    page.wait_for_url("**/en/requirements.html#req-4-1")
    page.locator('.md-nav--primary a[href$="checklist.html"]').first.click()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert page.url == url(unpacked, "en", "checklist.html")
    assert not trouble.all(), "\n".join(trouble.all())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_from_disk(tab, unpacked, lang):
    page, trouble, requested = tab
    page.goto(url(unpacked, lang, "index.html"))
    page.wait_for_load_state("load")
    hits = search(page, "客服" if lang == "zh" else "interface")
    assert hits and all(Path(unquote(urlsplit(h).path)).is_file() for h in hits), hits
    assert all(f"/{LANGUAGES[lang]}".rstrip("/") in h for h in hits)
    assert not trouble.all(), "\n".join(trouble.all())
    assert only_disk(requested) == []


def test_the_checklist_keeps_exports_imports_and_writes_word_from_disk(tab, unpacked, tmp_path):
    page, trouble, requested = tab
    page.goto(url(unpacked, "zh", "checklist.html"))
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    answer_some(page)
    wait_saved(page)
    kept = current_doc(page)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    assert current_doc(page) == kept
    assert page.locator("#cl-meta [name=organisation]").input_value() == kept["assessment"]["organisation"]

    with page.expect_download() as info:
        page.locator("#cl-export").click()
    exported = tmp_path / "answers.json"
    info.value.save_as(exported)
    assert json.loads(exported.read_text(encoding="utf-8"))["answers"] == kept["answers"]
    before = set(entries(page))
    page.locator("#cl-import").set_input_files(str(exported))
    page.wait_for_function(f"Object.keys(localStorage).filter(k => k.startsWith('sp-readiness.a.')).length > {len(before)}")
    imported = [e for key, e in entries(page).items() if key not in before]
    assert len(imported) == 1 and imported[0]["doc"]["answers"] == kept["answers"]

    show(page, "plan")
    with page.expect_download() as info:
        page.locator("#cl-plan-docx").click()
    word = tmp_path / info.value.suggested_filename
    info.value.save_as(word)
    assert word.suffix == ".docx" and zipfile.is_zipfile(word)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert kept["assessment"]["service"] in text
    show(page, "report")
    assert page.locator("#cl-report-body table").count() >= 2
    assert not trouble.all(), "\n".join(trouble.all())
    assert only_disk(requested) == []


def test_the_review_page_opens_a_submission_from_disk(tab, unpacked, tmp_path):
    page, trouble, requested = tab
    page.goto(url(unpacked, "en", "checklist.html"))
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    answer_some(page)
    wait_saved(page)
    with page.expect_download() as info:
        page.locator("#cl-export").click()
    answers = tmp_path / "answers.json"
    info.value.save_as(answers)
    page.goto(url(unpacked, "en", "review.html"))
    page.wait_for_selector("#sp-review[data-ready=true]")
    page.locator("#rv-open").set_input_files(str(answers))
    page.wait_for_selector("#rv-review:not([hidden])")
    assert page.locator(".rv-item").count() > 0
    assert not trouble.all(), "\n".join(trouble.all())
    assert only_disk(requested) == []


def test_the_offline_configurations_keep_the_served_sites_features_but_instant_navigation():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and Python tags: not needed here
    read = lambda name: yaml.load((offline.ROOT / name).read_text(encoding="utf-8"), Loader)  # noqa: E731
    served = read("mkdocs.yml")["theme"]["features"]
    for config in offline.CONFIGS:
        assert read(config)["theme"]["features"] == [f for f in served if f != "navigation.instant"], config


def test_the_search_shim_and_the_bundler_are_the_pinned_versions():
    package = json.loads((offline.ROOT / "package.json").read_text(encoding="utf-8"))
    locked = json.loads((offline.ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    shim = offline.ROOT / "docs/assets/vendor/iframe-worker"
    assert package["dependencies"]["iframe-worker"] == locked["node_modules/iframe-worker"]["version"] == \
        (shim / "VERSION").read_text(encoding="utf-8").split()[1]
    assert "Permission is hereby granted" in (shim / "LICENSE").read_text(encoding="utf-8")
    # A build tool, never shipped: a development dependency, so `make vendor` leaves it out.
    assert package["devDependencies"]["esbuild"] == locked["node_modules/esbuild"]["version"]
    assert "esbuild" not in package["dependencies"]


def test_without_npm_or_esbuild_make_offline_says_what_to_install(tmp_path, monkeypatch):
    shutil.copy(offline.ROOT / "package-lock.json", tmp_path)
    monkeypatch.setattr(offline, "ROOT", tmp_path)
    monkeypatch.setattr(offline.shutil, "which", lambda name: None)
    with pytest.raises(offline.OfflineError, match=r"install Node\.js and npm.*esbuild \d+\.\d+\.\d+"):
        offline.esbuild()


def test_the_evidence_view_measures_an_export_in_the_page_from_disk(tab, unpacked):
    """From disk a page may start no worker: the view measures in the page itself, says so, and gives
    the command line's figures."""
    from assessment.criteria.texts import table
    from tests.cli import run
    from tests.evidence_vectors import DIR

    page, trouble, requested = tab
    export = DIR / "zammad-gb18030.csv"
    code, out, _ = run(["evidence", export, "--format", "json"])
    want = json.loads(out)
    page.goto(url(unpacked, "en", "checklist.html") + "#evidence")
    page.wait_for_selector("#cl-evidence[data-ready=true]")
    page.set_input_files("#cl-ev-file", str(export))
    page.wait_for_selector("#cl-ev-headline, .cl-ev__message--error", timeout=60_000)
    assert page.locator(".cl-ev__message--error").count() == 0, page.locator("#cl-ev-message").text_content()
    assert page.locator("#cl-ev-message").text_content() != table("evidence_view")["en"]["no_worker"]
    assert f"{want['attainment'] * 100:.1f}%" in page.locator("#cl-ev-headline").text_content()
    page.locator("#cl-ev-attach-button").click()
    page.wait_for_selector("#cl-ev-remove:not([hidden])")
    assert [e["doc"].get("evidence") for e in entries(page).values()] == [want]
    assert not trouble.all(), "\n".join(trouble.all())
    assert only_disk(requested) == []
