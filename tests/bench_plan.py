"""Benchmark: how long `plan -o x.docx` takes as the plan grows (medians and ratios; never asserted).

Linear cost shows as ratios near 4 between 10k, 40k and 160k lines (each step is 4× longer),
and a near-constant time per line. Run: .venv/bin/python -m tests.bench_plan
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import assessment
from assessment import plan

SIZES = (10_000, 40_000, 160_000)
REPEAT = 3
LARGEST = 300_000


def answers_with_plan(criteria, lines: int) -> assessment.Answers:
    """A plan of `lines` lines spread over every template section, a blank line every tenth."""
    parts = [p.id for p in criteria.template if not p.group]
    text = {p: [] for p in parts}
    for n in range(lines):
        text[parts[n % len(parts)]].append("" if n % 10 == 9 else f"第{n}行：客服热线 4000-000-000，全天候人工值守。")
    doc = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": criteria.version,
           "assessment": {"organisation": "示例科技", "service": "彩铃"},
           "answers": {i.id: ({"status": "met", "note": "备注"} if i.kind == "check" else {"value": 1}) for i in criteria.items},
           "plan": {p: "\n".join(t) for p, t in text.items()}}
    return assessment.parse_answers(criteria, doc)


def median_seconds(run, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    criteria = assessment.load()
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp, "plan.docx")
        for lines in SIZES:
            print(f"==> writing a {lines:,}-line plan to .docx, {REPEAT} times", flush=True)
            answers = answers_with_plan(criteria, lines)
            result = assessment.score(criteria, answers)
            seconds = median_seconds(lambda: plan.write(target, criteria, answers, result, "zh"))
            report[f"docx_{lines}_lines_s_median"] = round(seconds, 3)
            report[f"docx_{lines}_lines_bytes"] = target.stat().st_size
            report[f"docx_{lines}_lines_us_per_line"] = round(seconds / lines * 1e6, 2)
        print(f"==> writing a {LARGEST:,}-line plan once (the size issue 9 names)", flush=True)
        answers = answers_with_plan(criteria, LARGEST)
        result = assessment.score(criteria, answers)
        report[f"docx_{LARGEST}_lines_s"] = round(median_seconds(lambda: plan.write(target, criteria, answers, result, "zh"), 1), 3)
    a, b, c = (report[f"docx_{n}_lines_s_median"] for n in SIZES)
    report["ratio_40k_over_10k"] = round(b / a, 2) if a else None  # 4 when linear, 16 when quadratic
    report["ratio_160k_over_40k"] = round(c / b, 2) if b else None
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
