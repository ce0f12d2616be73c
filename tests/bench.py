"""`make bench`: how long the build and the scorers take, as medians and ratios (never asserted)."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

import assessment
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.site_build import Server, build, free_port


def median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def full_answers(criteria) -> dict:
    return {"format": "sp-readiness-answers", "format_version": 1, "criteria_version": criteria.version,
            "answers": {i.id: ({"status": "partial", "note": "n" * 200} if i.kind == "check" else {"value": 1})
                        for i in criteria.items}}


def main() -> int:
    criteria = assessment.load()
    doc = full_answers(criteria)
    print("==> building both languages 5 times", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        site = Path(tmp, "site")
        build_s = median_seconds(lambda: build(site, f"http://127.0.0.1:{port}/"), 5)
        sizes = {p.name: p.stat().st_size for p in [site / "checklist/index.html", site / "assets/criteria.json"]}

        print("==> scoring one complete answers file in Python", flush=True)
        py_s = median_seconds(lambda: assessment.score(criteria, assessment.parse_answers(criteria, doc)), 2000)

        print("==> scoring the same file in Chromium (scoring.js)", flush=True)
        server = Server(site, port)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url + "checklist/")
            page.wait_for_selector("#sp-checklist[data-ready=true]")
            js_ms = page.evaluate("""async (doc) => {
              const m = await import('/assets/javascripts/scoring.js');
              const criteria = await (await fetch('/assets/criteria.json')).json();
              const times = [];
              for (let r = 0; r < 25; r++) {
                const t = performance.now();
                for (let i = 0; i < 100; i++) { m.validate(criteria, doc); m.score(criteria, doc); }
                times.push((performance.now() - t) / 100);
              }
              times.sort((a, b) => a - b);
              return times[12];
            }""", doc)
            load_s = median_seconds(lambda: (page.reload(), page.wait_for_selector("#sp-checklist[data-ready=true]")), 10)
            browser.close()
        server.close()

    js_s = js_ms / 1000
    print(json.dumps({
        "build_both_languages_s_median": round(build_s, 3),
        "score_python_ms_median": round(py_s * 1000, 4),
        "score_js_ms_median": round(js_s * 1000, 4),
        "python_over_js_ratio": round(py_s / js_s, 2) if js_s else None,
        "checklist_load_until_ready_s_median": round(load_s, 3),
        "bytes": sizes,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
