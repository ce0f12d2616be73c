"""`make bench` (first of three): how long the build and the scorers take, and reading a 1 MB answers
file in Python, as medians and ratios (never asserted)."""

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


def megabyte_answers(criteria, limit: int = assessment.answers.answers_file.MAX_BYTES) -> bytes:
    """A valid answers file just under the size limit: every item answered, the plan filled with Chinese text."""
    doc = full_answers(criteria)
    doc["format_version"] = 2
    doc["assessment"] = {"organisation": "示例科技有限公司", "service": "彩铃"}
    sections = [p.id for p in criteria.template if not p.group]
    line = "第{}行：客服热线 4000-000-000，全天候人工值守，工单两小时内响应。\n"
    size = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    line_bytes = len(json.dumps(line.format(99_999), ensure_ascii=False).encode("utf-8")) - 2  # as written in JSON
    per_section = (limit - size - 2_000) // len(sections) // line_bytes
    doc["plan"] = {p: "".join(line.format(n) for n in range(per_section)) for p in sections}
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    assert len(data) <= limit, len(data)
    return data


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

        print("==> reading a 1 MB answers file in Python (the whole rule: bytes, JSON, shape)", flush=True)
        big = megabyte_answers(criteria)
        read_1mb_s = median_seconds(lambda: assessment.answers.answers_file.read_bytes(criteria, big, "1mb.json"), 10)

        print("==> scoring the complete answers file in Chromium (answers/scoring.js)", flush=True)
        server = Server(site, port)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url + "checklist/")
            page.wait_for_selector("#sp-checklist[data-ready=true]")
            js_ms = page.evaluate("""async (doc) => {
              const m = { ...(await import('/assets/javascripts/answers/answers-file.js')), ...(await import('/assets/javascripts/answers/scoring.js')) };
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
        "read_1mb_answers_python_ms_median": round(read_1mb_s * 1000, 1),
        "read_1mb_answers_bytes": len(big),
        "bytes": sizes,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
