"""Helpers for the Chromium tests: axe-core and a record of every request a page makes."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python

# axe-core as shipped inside the axe-playwright-python wheel: no download at test time.
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page once its transitions settle; return its violations, summarised."""
    # Colours measured mid-transition (Material fades search results in) are not what readers see.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def record_requests(page) -> list[str]:
    """Start recording the URL of every request the page (and its workers) make."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls
