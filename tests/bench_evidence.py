"""`make bench` (fourth): measuring a ticket export on the command line, as medians (never asserted).

`python -m assessment evidence` on Zendesk-style CSV exports of 1,000,000 and 10,000,000 rows
(UTF-8, and GB18030 at 1M, which is transcoded as it streams) and on a 200,000-row XLSX: the time
and the peak memory of the whole process, and how both grow from 1M to 10M rows. The reference
row-by-row reader (the rule the browser mirrors) at 1M rows is the baseline measured in the same
run. Exports are written by DuckDB (seconds for 10M rows); each is measured in a fresh process.
Run alone: .venv/bin/python -m tests.bench_evidence [--quick]  (--quick: 100k and 1M rows).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from tests.xlsx_files import write_xlsx

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = ["热线", "在线客服", "邮件", "微信公众号", "App"]


def write_csv(path: Path, rows: int) -> Path:
    """About 80 bytes a row: id, requester, subject, created (Beijing time, three months), channel, minutes (3 % blank)."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"""
        COPY (SELECT 1000000 + i AS "ID", '客户' || (i % 9973) AS "Requester", '关于业务的咨询 ' || (i % 97) AS "Subject",
                     strftime(TIMESTAMP '2024-09-01' + to_seconds(CAST(hash(i) % 7862400 AS BIGINT)), '%Y-%m-%d %H:%M:%S') AS "Created at",
                     {CHANNELS!r}[1 + i % 5] AS "Via",
                     CASE WHEN hash(i * 7) % 100 < 3 THEN NULL ELSE hash(i * 3) % 240 END AS "First reply time in minutes",
                     NULL AS "First reply time in minutes within business hours"
              FROM range({rows}) t(i))
        TO '{path}' (HEADER, DELIMITER ',')""")
    con.close()
    return path


def to_gb18030(src: Path, dest: Path) -> Path:
    with open(src, encoding="utf-8") as a, open(dest, "w", encoding="gb18030") as b:
        while block := a.read(1 << 20):
            b.write(block)
    return dest


def write_xlsx_export(path: Path, rows: int) -> Path:
    start = datetime(2024, 9, 1)
    data = [["ID", "Created at", "First reply time in minutes", "Via"]]
    for i in range(rows):
        data.append([1_000_000 + i, start + timedelta(seconds=(i * 7919) % 7_862_400),
                     None if i % 33 == 0 else (i * 31) % 240, CHANNELS[i % 5]])
    return write_xlsx(path, data)


# A parent per run, so that its children's peak is this run's peak alone.
PEAK = """import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
sys.stderr.write(done.stderr + "\\n" + str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(done.returncode)"""


def measure(argv: list[str], repeat: int) -> dict:
    """Median wall time and median peak RSS of `repeat` fresh processes."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", PEAK, *argv], cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(map(str, argv))} failed:\n{done.stderr}")
        peaks.append(int(done.stderr.rsplit("\n", 1)[1]))
    return {"median_seconds": round(statistics.median(times), 3),
            "median_peak_rss_mb": round(statistics.median(peaks) / 1024, 1)}


def cli(path: Path) -> list[str]:
    return [sys.executable, "-m", "assessment", "evidence", str(path), "--format", "json"]


REFERENCE = """import sys; from pathlib import Path
from assessment import load
from assessment.evidence import threshold_minutes, to_json
from assessment.evidence_read import Options, measure_file
print(to_json(measure_file(Path(sys.argv[1]), Options(), threshold_minutes(load()))))"""


def main() -> int:
    quick = "--quick" in sys.argv
    small, large = (100_000, 1_000_000) if quick else (1_000_000, 10_000_000)
    repeat = 3
    out: dict = {"rows_small": small, "rows_large": large}
    with tempfile.TemporaryDirectory(prefix="bench-evidence-") as tmp:
        tmp = Path(tmp)
        print(f"==> writing exports of {small:,} and {large:,} rows", flush=True)
        a = write_csv(tmp / "small.csv", small)
        b = write_csv(tmp / "large.csv", large)
        g = to_gb18030(a, tmp / "small-gb18030.csv")
        x = write_xlsx_export(tmp / "200k.xlsx", 200_000 if not quick else 20_000)
        out["bytes_small"], out["bytes_large"] = a.stat().st_size, b.stat().st_size
        print("==> the command line (DuckDB) and the reference reader", flush=True)
        out["cli_small"] = measure(cli(a), repeat)
        out["cli_large"] = measure(cli(b), repeat)
        out["cli_small_gb18030"] = measure(cli(g), repeat)
        out["cli_xlsx"] = measure(cli(x), repeat)
        out["reference_small"] = measure([sys.executable, "-c", REFERENCE, str(a)], 1 if not quick else repeat)
        same = subprocess.run(cli(a), cwd=ROOT, capture_output=True, text=True).stdout == \
            subprocess.run([sys.executable, "-c", REFERENCE, str(a)], cwd=ROOT, capture_output=True, text=True).stdout
    out["same_json_as_reference"] = same
    out["time_growth_large_over_small"] = round(out["cli_large"]["median_seconds"] / out["cli_small"]["median_seconds"], 2)
    out["memory_growth_large_over_small"] = round(out["cli_large"]["median_peak_rss_mb"] / out["cli_small"]["median_peak_rss_mb"], 2)
    out["speedup_over_reference_small"] = round(out["reference_small"]["median_seconds"] / out["cli_small"]["median_seconds"], 2)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
