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


# Resolves after the browser has drawn two more frames: layout and scrolling caused by the last action
# have been applied. A wait for the page's own progress, never a sleep of a guessed length.
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))"


def record_requests(page) -> list[str]:
    """Start recording the URL of every request the page (and its workers) make."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def pdf_text(page) -> str:
    """The text of the page printed to PDF, as a reader of the PDF gets it (spaces dropped, NFKC:
    PDF text comes back with Kangxi radicals for some characters and spaces between scripts)."""
    import io
    import re
    import unicodedata

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(page.pdf()))
    text = "".join(re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text())) for p in reader.pages)
    # Noto CJK's glyph for 户 shares its ToUnicode entry with the variant 戶.
    return text.translate(PDF_VARIANTS)


PDF_VARIANTS = str.maketrans({"戶": "户"})


def squeezed(text: str) -> str:
    """Text compared with pdf_text: NFKC, without spaces."""
    import re
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_SETTLE = """([source, frames, key, element]) => {
    const value = JSON.stringify((0, eval)(source)(element));
    const state = (window[key] ??= {value: undefined, same: 0});
    if (value === state.value) state.same += 1; else Object.assign(state, {value, same: 0});
    return state.same >= frames && value;
}"""


def settled(page, source: str, element=None, frames: int = 5, timeout: float = 10_000):
    """The value of the JS function `source` (given `element`) once it has stayed the same for
    `frames` animation frames in a row: layout that is still moving (items coming on screen settle
    to their real height) is waited for, and one that never settles fails after `timeout` ms."""
    import json
    import secrets

    handle = page.wait_for_function(_SETTLE, arg=[source, frames, f"__settle_{secrets.token_hex(4)}", element],
                                    polling="raf", timeout=timeout)
    return json.loads(handle.json_value())
