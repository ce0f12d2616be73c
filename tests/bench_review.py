"""The reviewer's desk at a year's scale (make bench): medians, never asserted.

In Chromium: 100 and 1,000 reviews, each of a 20 KB submission, stored through the page's own store
(worked out for the inbox, then written: the first 100 one to a transaction as opening files does,
their median timed; the rest 100 to a transaction); the page's ready time with the
inbox drawn; one sort (a column header clicked) and one filter (a search typed) until the next frame.
In Python: `summary` of N submissions and N reviews of other files of the same SP, at N and 2N, to
show it grows linearly. Ratios compare sizes measured in the same run.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

import assessment
from assessment.cli import summary_rows as summary_mod
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.site_build import Server, build, free_port

# Store `count` reviews of 20 KB submissions through ReviewStore.add: the first 100 one to a
# transaction (timed), the rest 100 to a transaction.
SEED = """async ([count]) => {
  const base = new URL("assets/javascripts/", location.href.replace(/review\\/$/, ""));
  const { ReviewStore, newId } = await import(new URL("review/store.js", base));
  const { describe } = await import(new URL("review/checks.js", base));
  const criteria = await (await fetch(new URL("../criteria.json", base))).json();
  const store = new ReviewStore((e) => { throw e; });
  await store.open((doc) => describe(criteria, doc));
  const note = "备注".repeat(500);  // 1,000 characters, about 3 KB as UTF-8
  const times = [];
  const batch = [];
  const start = performance.now();
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const answers = {};
    for (const [k, item] of criteria.items.entries()) {
      answers[item.id] = item.kind === "check" ? { status: ["met", "partial", "unmet"][(n + k) % 3], note: k < 6 ? note : "" } : { value: 1 + (n % 3) };
    }
    const doc = { format: "sp-readiness-answers", format_version: 2, criteria_version: criteria.version,
      assessment: { organisation: `公司${n}`, service: `业务${n % 37}` }, answers, plan: { overview: "概述".repeat(200) } };
    bytes += new TextEncoder().encode(JSON.stringify(doc)).length;
    const t0 = performance.now();
    const sha = n.toString(16).padStart(64, "0");
    const decided = Object.fromEntries(criteria.items.slice(0, n % criteria.items.length).map((i) => [i.id, { decision: "accepted" }]));
    const entry = { id: newId(), file: `sp${n}.json`, sha256: sha, opened: "2026-11-01", meta: describe(criteria, doc),
      review: { reviewer: { name: "", organisation: "", date: "2026-11-01" }, items: decided, plan: {}, summary: "", conditions: [] } };
    // The first 100 one by one, as opening files does (timed each); the rest 100 to a transaction.
    if (n < 100) {
      await store.add([{ entry, submission: doc }]);
      times.push(performance.now() - t0);
    } else {
      batch.push({ entry, submission: doc });
      if (batch.length === 100 || n === count - 1) await store.add(batch.splice(0));
    }
  }
  const total = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { median_ms: times[times.length >> 1], total_s: total, mean_submission_bytes: bytes / count };
}"""

# One action until the next frame is drawn, fifteen times; the median.
MEASURE = """async ([kind]) => {
  const next = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  const search = document.querySelector("#rv-search");
  const columns = [...document.querySelectorAll("[data-sort]")];
  for (let n = 0; n < 15; n++) {
    await next();
    const t0 = performance.now();
    if (kind === "sort") columns[n % columns.length].click();
    else { search.value = n % 2 ? "公司1" : "业务2"; search.dispatchEvent(new Event("input", { bubbles: true })); }
    await next();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}"""


def browser_side(browser, url: str, count: int) -> dict:
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(url)
    page.wait_for_selector("#sp-review[data-ready=true]")
    empty = []  # the baseline: the same page with no review kept
    for _ in range(3):
        page.reload()
        page.wait_for_selector("#sp-review[data-ready=true]")
        empty.append(page.evaluate("performance.getEntriesByName('sp-review-ready')[0].startTime"))
    stored = page.evaluate(SEED, [count])
    ready = []
    for _ in range(3):
        page.reload()
        page.wait_for_selector("#sp-review[data-ready=true]")
        ready.append(page.evaluate("performance.getEntriesByName('sp-review-ready')[0].startTime"))
    drawn = page.locator("#rv-inbox-rows tr").count()
    sort = page.evaluate(MEASURE, ["sort"])
    search = page.evaluate(MEASURE, ["filter"])
    page.context.close()
    return {"reviews": count, "rows_drawn": drawn, "store_one_review_median_ms": round(stored["median_ms"], 2), "store_all_s": round(stored["total_s"], 2),
            "submission_bytes": round(stored["mean_submission_bytes"]), "ready_empty_ms": round(statistics.median(empty), 1),
            "ready_ms": round(statistics.median(ready), 1),
            "ready_over_empty": round(statistics.median(ready) / statistics.median(empty), 2),
            "sort_ms": round(sort, 1), "filter_ms": round(search, 1)}


def summary_side(tmp: Path, n: int) -> float:
    """Seconds for summary's rows over n submissions and n reviews of other files, all of one SP."""
    criteria = assessment.load()
    folder = tmp / f"summary-{n}"
    folder.mkdir()
    answers = {"format": "sp-readiness-answers", "format_version": 2, "criteria_version": criteria.version,
               "assessment": {"organisation": "甲公司", "service": "彩铃"}, "answers": {}}
    for k in range(n):
        (folder / f"a{k}.json").write_text(json.dumps({**answers, "plan": {"overview": str(k)}}, ensure_ascii=False), encoding="utf-8")
        review = {"format": "sp-readiness-review", "format_version": 1, "criteria_version": criteria.version,
                  "submission_sha256": f"{k:064x}", "submission": {**answers, "plan": {"overview": f"old {k}"}},
                  "reviewer": {"name": "", "organisation": "", "date": ""}, "items": {}, "plan": {}, "summary": ""}
        (folder / f"r{k}.json").write_text(json.dumps(review, ensure_ascii=False), encoding="utf-8")
    files, _ = summary_mod.find([folder])
    times = []
    for _ in range(5):
        start = time.perf_counter()
        summary_mod.rows(criteria, files)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    out = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        port = free_port()
        site = Path(tmp, "site")
        print("==> building the site", file=sys.stderr, flush=True)
        build(site, f"http://127.0.0.1:{port}/")
        server = Server(site, port)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in (100, 1000):
            print(f"==> review page with {count} reviews", file=sys.stderr, flush=True)
            out[f"{count}_reviews"] = browser_side(browser, server.url + "review/", count)
            print(json.dumps(out[f"{count}_reviews"]), file=sys.stderr, flush=True)
        browser.close()
        server.close()
        a, b = out["100_reviews"], out["1000_reviews"]
        out["growth_100_to_1000"] = {k: round(b[k] / a[k], 2) for k in ("store_one_review_median_ms", "ready_ms", "sort_ms", "filter_ms") if a[k]}
        print("==> summary of 800 and 1,600 files", file=sys.stderr, flush=True)
        small, large = summary_side(Path(tmp), 400), summary_side(Path(tmp), 800)
        out["summary"] = {"400_submissions_400_reviews_s": round(small, 3), "800_submissions_800_reviews_s": round(large, 3),
                          "growth_2x_files": round(large / small, 2)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
