"""One ticket export file to its aggregate: the file's kind, its SHA-256, the columns, the rows.

XLSX is read through python-calamine (evidence_xlsx.py). CSV has two readers that give the same
bytes: DuckDB (evidence_duckdb.py), which the command line uses, and the row-by-row reference
(evidence_csv.py feeding evidence.Measure), which states the rule and which the browser mirrors;
tests hold them to each other. Neither holds the file whole; the aggregate keeps counts only.
Every refusal is an EvidenceError whose message says "where: what"; the command line puts the
file name in front.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from assessment.evidence import columns as columns_mod
from assessment.shared import input_file
from assessment.evidence.measure import EvidenceError, Measure
from assessment.evidence.csv_text import CsvError
from assessment.evidence.csv_text import rows as csv_rows
from assessment.evidence.times import DEFAULT_ZONE, Zone, parse_instant, trim

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Options:
    preset: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    zone: str = DEFAULT_ZONE
    until: str | None = None


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


def zone_of(name: str) -> Zone:
    try:
        return Zone(name)
    except ValueError as exc:
        raise EvidenceError(f"--tz: {exc}") from None


def until_of(text: str | None, zone: Zone) -> int | None:
    if text is None:
        return None
    value = parse_instant(trim(text), zone)
    if isinstance(value, str):
        raise EvidenceError(f"--until: '{text}' is not a time this reads (2026-11-30 23:59, epoch, …) "
                            f"or lies outside 2000–2099")
    return value


def measure_rows(header: list[str], rows: Iterator[list[str]], options: Options, threshold: float) -> Measure:
    """A Measure fed with every row, the columns resolved from the header and the options."""
    try:
        preset, mapping = columns_mod.resolve(header, options.preset, list(options.overrides))
    except columns_mod.MappingError as exc:
        raise EvidenceError(str(exc)) from None
    zone = zone_of(options.zone)
    names = {role: trim(header[index]) for role, index in mapping.items()}
    m = Measure(mapping, zone, threshold, until_of(options.until, zone), names)
    m.preset = preset
    for row in rows:
        m.add(row)
    return m


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
