"""The checklist in Chromium at the real size and at 1,000 and 5,000 generated items (make bench).

Reports medians, never asserts them: ready time, one answer (script and next frame), one keystroke
in a note and in a plan section, HTML bytes, layout shift, a 1 MB assessment's keystroke, and one
answer with an evidence block of 200 channels drawn beside clauses 4.1 and 4.2 (against none).
Ready time is also given against a baseline measured in the same run, load by load in turn: the
same page with the site's own scripts blocked (`bare_load_ms`, the page's load event), as the
ratio `ready_vs_bare`.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.generated_criteria import write as generated
from tests.site_build import ROOT, Server, build, free_port

SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
OWN_SCRIPTS = {p.relative_to(SCRIPTS).as_posix() for p in SCRIPTS.rglob("*.js")}

# One answer, one keystroke: script time until the handlers return, and until the next frame is drawn.
MEASURE = """async ([selector, kind]) => {
  const next = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [], frames = [];
  for (let n = 0; n < 15; n++) {
    const el = document.querySelector(selector);
    await next();
    const t0 = performance.now();
    if (kind === 'radio') { const radios = el.querySelectorAll('input[type=radio]'); radios[n % radios.length].click(); }
    else { el.value += 'x'; el.dispatchEvent(new Event('input', { bubbles: true })); }
    times.push(performance.now() - t0);
    await next();
    frames.push(performance.now() - t0);
  }
  const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  return [median(times), median(frames)];
}"""

LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(total), 500);
})"""


def block_own_scripts(route) -> None:
    if route.request.url.split("?")[0].split("/assets/javascripts/", 1)[-1] in OWN_SCRIPTS:
        route.abort()
    else:
        route.continue_()


SIZES = (500, 1500)


def measure(browser, url: str, reloads: int = 7) -> dict:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    bare = browser.new_page(viewport={"width": 1366, "height": 768})
    bare.route("**/assets/javascripts/**/*.js", block_own_scripts)
    page.goto(url)
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("localStorage.clear()")
    bare.goto(url, wait_until="load")
    ready, bare_load = [], []
    for _ in range(reloads):  # in turn, so both see the same machine load
        page.reload()
        page.wait_for_selector("#sp-checklist[data-ready=true]")
        ready.append(page.evaluate("performance.getEntriesByName('sp-checklist-ready')[0].startTime"))
        bare.reload(wait_until="load")
        bare_load.append(bare.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    bare.close()
    cls = page.evaluate(LAYOUT_SHIFT)
    answer = page.evaluate(MEASURE, ["#item-cs-process", "radio"])
    page.locator("#item-cs-process [data-action=texts]").click()
    note = page.evaluate(MEASURE, ["#item-cs-process [data-field=note]", "text"])
    page.goto(url + "#plan")
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    plan = page.evaluate(MEASURE, ["#plan-overview textarea", "text"])
    page.close()
    return {"ready_ms": round(statistics.median(ready), 1), "bare_load_ms": round(statistics.median(bare_load), 1),
            "ready_vs_bare": round(statistics.median(ready) / statistics.median(bare_load), 2), "layout_shift": round(cls, 4),
            "answer_script_ms": round(answer[0], 2), "answer_next_frame_ms": round(answer[1], 2),
            "note_keystroke_ms": round(note[0], 3), "plan_keystroke_ms": round(plan[0], 3)}


def big_assessment(browser, url: str) -> dict:
    """A 1 MB assessment (the largest file accepted): 25,000 unknown ids and a 20,000-line plan."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("""() => {
      localStorage.clear();
      const answers = {};
      for (let i = 0; i < 25000; i++) answers['old-item-' + i] = { status: 'met' };
      const plan = { overview: Array.from({ length: 20000 }, (_, i) => 'line ' + i).join('\\n') };
      const doc = { format: 'sp-readiness-answers', format_version: 2, criteria_version: 'x', assessment: {}, answers, plan };
      localStorage.setItem('sp-readiness.a.abig', JSON.stringify({ id: 'abig', label: 'big', created: 0, doc, seen: null }));
      return JSON.stringify(doc).length;
    }""")
    size = page.evaluate("localStorage.getItem('sp-readiness.a.abig').length")
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    ready = page.evaluate("performance.getEntriesByName('sp-checklist-ready')[0].startTime")
    page.locator("#item-cs-process [data-action=texts]").click()
    note = page.evaluate(MEASURE, ["#item-cs-process [data-field=note]", "text"])
    answer = page.evaluate(MEASURE, ["#item-cs-process", "radio"])
    save = page.evaluate("""() => { const t = performance.now(); document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event('pagehide')); return performance.now() - t; }""")
    page.close()
    return {"bytes": size, "ready_ms": round(ready, 1), "note_keystroke_ms": round(note[0], 3),
            "answer_script_ms": round(answer[0], 2), "answer_next_frame_ms": round(answer[1], 2), "save_ms": round(save, 2)}


def evidence_beside(browser, url: str, rounds: int = 5) -> dict:
    """One answer with an evidence block of 200 channels attached (the most the accepting rule takes),
    drawn beside clauses 4.1 and 4.2 on every rescore, against the same assessment without a block,
    measured in turn."""
    from tests.evidence_vectors import DIR
    block = json.loads((DIR / "answers.json").read_text(encoding="utf-8"))["vectors"][0]["doc"]["evidence"]
    block["by_channel"] = [{**block["by_channel"][0], "channel": f"channel {n}"} for n in range(200)]
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url)
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    page.evaluate("""(block) => {
      localStorage.clear();
      const doc = { format: 'sp-readiness-answers', format_version: 3, criteria_version: 'x', assessment: {}, answers: {}, plan: {} };
      for (const [id, evidence] of [['awith', block], ['awithout', null]]) {
        const d = evidence ? { ...doc, evidence } : doc;
        localStorage.setItem('sp-readiness.a.' + id, JSON.stringify({ id, label: id, created: id.length, doc: d, seen: null }));
      }
    }""", block)
    page.reload()
    page.wait_for_selector("#sp-checklist[data-ready=true]")
    times = {"awith": [], "awithout": []}
    for _ in range(rounds):
        for id_ in times:
            page.select_option("#cl-current", id_)
            times[id_].append(page.evaluate(MEASURE, ["#item-cs-process", "radio"])[0])
    page.select_option("#cl-current", "awith")
    assert page.locator(".cl-measured li").count() == 200  # the block is drawn
    page.close()
    with_, without = statistics.median(times["awith"]), statistics.median(times["awithout"])
    return {"answer_script_ms": round(with_, 2), "answer_script_ms_without_block": round(without, 2),
            "ratio": round(with_ / without, 2) if without else None}


def main() -> int:
    out = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # The real size, and 500 and 1,500 items (about the most a 1,000,000-byte criteria file holds).
        for size in (None, *SIZES):
            name = "real" if size is None else f"{size}_items"
            print(f"==> checklist with {name}", file=sys.stderr, flush=True)
            port = free_port()
            site = Path(tmp, name)
            criteria = None if size is None else generated(Path(tmp, f"{name}-data"), size)
            build(site, f"http://127.0.0.1:{port}/", criteria)
            html = (site / "checklist" / "index.html").read_bytes()
            server = Server(site, port)
            result = measure(browser, server.url + "checklist/")
            result.update(html_bytes=len(html), html_gzip_bytes=len(gzip.compress(html)))
            if size is None:
                print("==> a 1 MB assessment", file=sys.stderr, flush=True)
                out["one_mb_assessment"] = big_assessment(browser, server.url + "checklist/")
                print("==> an evidence block beside 4.1 and 4.2", file=sys.stderr, flush=True)
                out["evidence_block_200_channels"] = evidence_beside(browser, server.url + "checklist/")
            server.close()
            out[name] = result
        browser.close()
    a, b = (out[f"{n}_items"] for n in SIZES)
    out[f"growth_{SIZES[0]}_to_{SIZES[1]}"] = {k: round(b[k] / a[k], 2) for k in ("ready_ms", "answer_script_ms", "answer_next_frame_ms", "html_bytes") if a[k]}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
