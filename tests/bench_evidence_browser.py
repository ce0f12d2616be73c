"""`make bench`: the checklist's evidence view measuring a ticket export in Chromium, as medians (never asserted).

Zendesk-style CSV exports of 100,000 and 1,000,000 rows (bench_evidence.write_csv) are picked in the
view; for each: the time from the pick to the figures drawn (median of 3), the longest main-thread task
meanwhile (PerformanceObserver longtask; 0 means no task over 50 ms), the page's JS heap before and
after (nothing of the file reaches the page), the peak resident memory of the page's renderer process
(page and worker together; a page per size), and the growth from 100k to 1M rows. Baseline in the same run: a worker
that only reads the same File's bytes in 1 MiB slices, as the evidence worker reads them.
Also a 200,000-row XLSX (bench_evidence.write_xlsx_export) read by the site's own XLSX reader.
Run alone: .venv/bin/python -m tests.bench_evidence_browser [--quick]  (--quick: 20k and 200k rows, a 40k-row XLSX).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.bench_evidence import write_csv, write_xlsx_export
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.site_build import Server, build, free_port

WATCH = """() => {
  window.benchLong = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) benchLong = Math.max(benchLong, e.duration); })
    .observe({ type: 'longtask', buffered: false });
  const input = document.getElementById('cl-ev-file');
  input.addEventListener('change', () => { window.benchStart = performance.now(); window.benchLong = 0; }, { capture: true });
  new MutationObserver(() => {
    if (document.getElementById('cl-ev-headline') && window.benchStart && !window.benchEnd) window.benchEnd = performance.now();
  }).observe(document.getElementById('cl-ev-figures'), { childList: true });
}"""

# The baseline: a worker that only reads the File's bytes, by 1 MiB slices.
BASELINE = """async () => {
  const file = document.getElementById('cl-ev-file').files[0];
  const code = `onmessage = async ({data: file}) => { let n = 0;
    for (let at = 0; at < file.size; at += 1 << 20) n += (await file.slice(at, at + (1 << 20)).arrayBuffer()).byteLength;
    postMessage(n); };`;
  const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  const start = performance.now();
  await new Promise((done) => { worker.onmessage = done; worker.postMessage(file); });
  worker.terminate();
  return performance.now() - start;
}"""


def renderers() -> set[int]:
    """Chromium's renderer processes now running (the page and its worker live in one)."""
    out = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"--type=renderer" in (entry / "cmdline").read_bytes():
                out.add(int(entry.name))
        except OSError:
            pass
    return out


def peak_rss_mb(pids: set[int]) -> float:
    """The largest peak resident memory (VmHWM) among these processes, in MiB."""
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
    return peak / 1024


def heap(page) -> int:
    return page.evaluate("performance.memory.usedJSHeapSize")


def run_once(page, path: Path) -> dict:
    page.set_input_files("#cl-ev-file", [])  # the same file picked again must be a new pick
    page.evaluate("window.benchStart = 0; window.benchEnd = 0; window.gc && gc()")
    before = heap(page)
    page.set_input_files("#cl-ev-file", str(path))
    page.wait_for_function("window.benchEnd > 0", timeout=600_000)
    page.evaluate("window.gc && gc()")
    return {"seconds": page.evaluate("(benchEnd - benchStart) / 1000"), "longest_task_ms": page.evaluate("benchLong"),
            "heap_before_mb": before / 2**20, "heap_after_mb": heap(page) / 2**20,
            "baseline_read_seconds": page.evaluate(BASELINE) / 1000}


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [20_000, 200_000] if quick else [100_000, 1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        port = free_port()
        build(tmp / "site", f"http://127.0.0.1:{port}/")
        server = Server(tmp / "site", port)
        results = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM,
                                            args=[*CHROMIUM_ARGS, "--enable-precise-memory-info", "--js-flags=--expose-gc"])
                for rows in sizes:
                    path = write_csv(tmp / f"{rows}.csv", rows)
                    before = renderers()
                    # A page of its own per size, so its renderer's peak memory is this size's alone.
                    page = browser.new_context().new_page()
                    page.goto(server.url + "checklist/#evidence")
                    page.wait_for_selector("#sp-checklist[data-ready=true]")
                    page.wait_for_selector("#cl-evidence[data-ready=true]")
                    page.evaluate(WATCH)
                    mine = renderers() - before
                    runs = [run_once(page, path) for _ in range(3)]
                    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                    med["renderer_peak_rss_mb"] = peak_rss_mb(mine)
                    page.context.close()
                    med["file_mb"] = path.stat().st_size / 2**20
                    med["ratio_to_baseline"] = med["seconds"] / med["baseline_read_seconds"]
                    results[f"{rows}_rows"] = {k: round(v, 3) for k, v in med.items()}
                    path.unlink()
                # An XLSX export read by the site's own reader (zip, inflate, XML) in the same worker.
                xlsx = write_xlsx_export(tmp / "export.xlsx", sizes[1] // 5)
                page = browser.new_context().new_page()
                page.goto(server.url + "checklist/#evidence")
                page.wait_for_selector("#cl-evidence[data-ready=true]")
                page.evaluate(WATCH)
                runs = [run_once(page, xlsx) for _ in range(3)]
                results[f"xlsx_{sizes[1] // 5}_rows"] = {
                    "seconds": round(statistics.median(r["seconds"] for r in runs), 3),
                    "longest_task_ms": round(statistics.median(r["longest_task_ms"] for r in runs), 3),
                    "file_mb": round(xlsx.stat().st_size / 2**20, 3)}
                page.context.close()
                browser.close()
        finally:
            server.close()
        a, b = (results[f"{n}_rows"] for n in sizes)
        results["growth"] = {"rows": sizes[1] / sizes[0], "seconds": round(b["seconds"] / a["seconds"], 2),
                             "heap_after_mb": round(b["heap_after_mb"] / max(a["heap_after_mb"], 1e-9), 2),
                             "renderer_peak_rss_mb": round(b["renderer_peak_rss_mb"] / max(a["renderer_peak_rss_mb"], 1e-9), 2)}
        print(json.dumps({"evidence_view": results}, indent=2))


if __name__ == "__main__":
    main()
