"""One ticket export file to its aggregate: the file's kind, its SHA-256, the columns, the rows.

XLSX is read through python-calamine (xlsx.py). CSV has two readers that give the same bytes:
DuckDB (duckdb_reader.py), which the command line uses, and the row-by-row reference (csv_text.py
feeding measure.Measure through reading.py), which states the rule and which the browser mirrors;
tests hold them to each other. Neither holds the file whole; the aggregate keeps counts only.
Every refusal is an EvidenceError whose message says "where: what"; the command line puts the
file name in front.

Twin: docs/assets/javascripts/evidence/export-file.js (the same rule in the browser).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from assessment.evidence.csv_text import CsvError
from assessment.evidence.csv_text import rows as csv_rows
from assessment.evidence.measure import EvidenceError
from assessment.evidence.reading import Options, measure_rows
from assessment.shared import input_file

XLSX_MAGIC = b"PK\x03\x04"


class _Hashing(io.RawIOBase):
    """A binary file that hashes and counts every byte read through it."""

    def __init__(self, raw):
        self.raw, self.sha, self.size = raw, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        if n:
            self.sha.update(memoryview(buffer)[:n])
            self.size += n
        return n


def measure_file(path: Path, options: Options, threshold: float, engine: str = "python") -> dict:
    """The aggregate of one export file (CSV or XLSX), with its source: kind, encoding, bytes, SHA-256.

    `engine` chooses the CSV reader: "duckdb" (fast, the command line's) or "python" (the reference)."""
    try:
        handle = input_file.open_stream(path, "export")  # a regular file within the limit: no pipe, no device
    except input_file.InputRefused as exc:
        raise EvidenceError(exc.problem) from None
    with handle:
        if handle.read(4) == XLSX_MAGIC:
            from assessment.evidence.xlsx import measure_xlsx  # python-calamine is loaded only for XLSX
            return measure_xlsx(path, options, threshold)
        if engine == "duckdb":
            from assessment.evidence.duckdb_reader import measure_csv  # DuckDB is loaded only for CSV
            return measure_csv(path, options, threshold)
        handle.seek(0)
        hashing = _Hashing(handle)
        stream = io.BufferedReader(hashing, buffer_size=1 << 20)
        try:
            encoding, header, rows = csv_rows(stream)
            m = measure_rows(header, rows, options, threshold)
        except CsvError as exc:
            raise EvidenceError(str(exc)) from None
        source = {"format": "csv", "encoding": encoding, "bytes": hashing.size, "sha256": hashing.sha.hexdigest()}
        return m.result(m.preset, source)
