"""`make bench` (publishing): what the offline package costs its reader, as medians and ratios (never
asserted). The checklist opened from disk runs one classic-script bundle that carries the Word
library from the start; the served checklist loads its ES modules and fetches Word only when asked.
Both are timed in the same run, to their `sp-checklist-ready` mark, with sizes of what each loads.

    .venv/bin/python -m tests.bench_publish
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from publish import offline, policy
from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.publish_server import PublishedSite
from tests.site_build import build

LOADS = 9


def ready_ms(browser, address: str) -> tuple[float, int]:
    """Median milliseconds from navigation to the checklist's ready mark over LOADS fresh tabs, and
    the bytes of script the last load fetched."""
    times, script_bytes = [], 0
    for _ in range(LOADS):
        context = browser.new_context()
        page = context.new_page()
        page.goto(address)
        page.wait_for_selector("#sp-checklist[data-ready=true]")
        times.append(page.evaluate("performance.getEntriesByName('sp-checklist-ready')[0].startTime"))
        script_bytes = page.evaluate("""performance.getEntriesByType('resource')
            .filter(r => r.initiatorType === 'script' || r.name.endsWith('.js'))
            .reduce((n, r) => n + (r.decodedBodySize || 0), 0)""")
        context.close()
    return statistics.median(times), script_bytes


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp, "site")
        build(site, "http://127.0.0.1:8000/")
        policy.write(site)
        start = time.perf_counter()
        archive = offline.package(Path(tmp, "sp-readiness-offline.zip"))
        package_s = time.perf_counter() - start
        with zipfile.ZipFile(archive) as z:
            z.extractall(tmp)
        unpacked = Path(tmp, offline.TOP)
        served = PublishedSite(site, "/", policy.read_headers(site / policy.HEADERS_FILE))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                served_ms, served_js = ready_ms(browser, served.url + "checklist/")
                disk_ms, _ = ready_ms(browser, (unpacked / "checklist.html").as_uri())
                browser.close()
        finally:
            served.close()
        bundle = unpacked / "assets" / "javascripts"
        print(json.dumps({
            "checklist_ready_ms_median": {"served_es_modules_with_csp": round(served_ms, 1),
                                          "offline_bundle_from_disk": round(disk_ms, 1),
                                          "ratio_offline_to_served": round(disk_ms / served_ms, 2)},
            "loads": LOADS,
            # Files read from disk have no resource timing: the bundles' own sizes instead.
            "script_bytes_fetched_by_served_checklist": served_js,
            "offline_bundle_bytes": {name: (bundle / f"{name}.js").stat().st_size for name in offline.APPS},
            "offline_zip_bytes": archive.stat().st_size,
            "offline_package_build_seconds_one_run": round(package_s, 1),
        }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
