"""Benchmark: how long a plan's .docx takes as the plan grows, from `plan -o x.docx` (Python) and
from planDocx() in Chromium (the browser's Word export); medians and ratios, never asserted.

Linear cost shows as ratios near 4 between 10k, 40k and 160k lines (each step is 4× longer), near
2.06 from 160k to 330k lines (the size issue 16 names), and a near-constant time per line.
Run: .venv/bin/python -m tests.bench_plan
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import assessment
from assessment.criteria import versions as history
from assessment.plan import plan
from assessment.plan import plan_file
from tests.bench import median_seconds
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.site_build import Server, build, free_port

SIZES = (10_000, 40_000, 160_000)
REPEAT = 3
LARGEST = 330_000  # once each, Python and browser: where the Word export grew faster than linearly (issue 16)


def answers_with_plan(criteria, lines: int) -> assessment.Answers:
    return assessment.parse_answers(criteria, document_with_plan(criteria, lines))


def document_with_plan(criteria, lines: int) -> dict:
    """An answers file whose plan has `lines` lines over every template section, a blank line every tenth."""
    parts = [p.id for p in criteria.template if not p.group]
    text = {p: [] for p in parts}
    for n in range(lines):
        text[parts[n % len(parts)]].append("" if n % 10 == 9 else f"第{n}行：客服热线 4000-000-000，全天候人工值守。")
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": criteria.version,
           "assessment": {"organisation": "示例科技", "service": "彩铃"},
           "answers": {i.id: ({"status": "met", "note": "备注"} if i.kind == "check" else {"value": 1}) for i in criteria.items},
           "plan": {p: "\n".join(t) for p, t in text.items()}}
    return doc


BROWSER_DOCX = """async ([c, d, r, l, repeat]) => {
    const m = await import('/assets/javascripts/plan/plan-docx.js');
    const times = [];
    for (let i = 0; i < repeat; i++) {
        const t = performance.now();
        await m.planDocx(c, d, r, l, 'zh');
        times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(repeat / 2)];
}"""


def browser_seconds(criteria) -> dict[int, float]:
    """planDocx() in Chromium on a freshly built site, median seconds per size."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        site = Path(tmp, "site")
        build(site, f"http://127.0.0.1:{port}/")
        server = Server(site, port)
        criteria_json = history.published(criteria)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(server.url)
                for lines, repeat in [*((n, REPEAT) for n in SIZES), (LARGEST, 1)]:
                    print(f"==> planDocx() in Chromium for a {lines:,}-line plan, {repeat} times", flush=True)
                    doc = document_with_plan(criteria, lines)
                    result = assessment.score(criteria, assessment.parse_answers(criteria, doc))
                    out[lines] = page.evaluate(BROWSER_DOCX, [criteria_json, doc, result, plan.LABELS["zh"], repeat]) / 1000
                browser.close()
        finally:
            server.close()
    return out


def main() -> int:
    criteria = assessment.load()
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp, "plan.docx")
        for lines in SIZES:
            print(f"==> writing a {lines:,}-line plan to .docx, {REPEAT} times", flush=True)
            answers = answers_with_plan(criteria, lines)
            result = assessment.score(criteria, answers)
            seconds = median_seconds(lambda: plan_file.write(target, criteria, answers, result, "zh"), REPEAT)
            report[f"docx_{lines}_lines_s_median"] = round(seconds, 3)
            report[f"docx_{lines}_lines_bytes"] = target.stat().st_size
            report[f"docx_{lines}_lines_us_per_line"] = round(seconds / lines * 1e6, 2)
        print(f"==> writing a {LARGEST:,}-line plan once (the size issue 16 names)", flush=True)
        answers = answers_with_plan(criteria, LARGEST)
        result = assessment.score(criteria, answers)
        report[f"docx_{LARGEST}_lines_s"] = round(median_seconds(lambda: plan_file.write(target, criteria, answers, result, "zh"), 1), 3)
    a, b, c = (report[f"docx_{n}_lines_s_median"] for n in SIZES)
    report["ratio_40k_over_10k"] = round(b / a, 2) if a else None  # 4 when linear, 16 when quadratic
    report["ratio_160k_over_40k"] = round(c / b, 2) if b else None
    largest = report[f"docx_{LARGEST}_lines_s"]
    report[f"ratio_{LARGEST // 1000}k_over_160k"] = round(largest / c, 2) if c else None  # 2.06 when linear
    report[f"docx_{LARGEST}_lines_us_per_line"] = round(largest / LARGEST * 1e6, 2)
    print("==> building the site for the browser's Word export", flush=True)
    js = browser_seconds(criteria)
    for lines in SIZES:
        report[f"browser_docx_{lines}_lines_s_median"] = round(js[lines], 3)
    report["browser_ratio_40k_over_10k"] = round(js[SIZES[1]] / js[SIZES[0]], 2)
    report["browser_ratio_160k_over_40k"] = round(js[SIZES[2]] / js[SIZES[1]], 2)
    report[f"browser_docx_{LARGEST}_lines_s"] = round(js[LARGEST], 3)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
