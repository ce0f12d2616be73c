"""Reading an XLSX ticket export (腾讯企点 and Zammad export Excel): python-calamine, after checks on the zip.

The first sheet's first row is the header. Cells become the text the CSV rule reads: text as it
is, numbers as JavaScript writes them (45352.336805555555, 1709251500000), typed dates as
`2024-03-01 08:05:00[.123456]` (naive, read in the chosen zone), a date without a time as
`2024-03-01` (refused as a time, as in CSV). Formulas are never evaluated: calamine gives the value
Excel cached, or nothing. Before calamine opens the file, the zip's directory is checked, so that a
zip bomb dressed as XLSX is refused before anything is inflated; a sheet whose dimension claims a
billion rows is harmless (calamine sizes the sheet by the cells it finds).

Twin: docs/assets/javascripts/evidence/xlsx.js (the same rule in the browser).
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Iterator

from assessment.evidence.measure import EvidenceError
from assessment.evidence.reading import measure_rows
from assessment.shared.formatting import js_number

MAX_UNCOMPRESSED = 1 << 30  # 1 GiB inflated: far beyond Excel's 1,048,576 rows of a ticket export
MAX_RATIO = 200  # real sheets inflate 5–20×; a run of one byte inflates 1,000×
MAX_CELL_CHARS = 1_000_000  # as the CSV reader's field limit


def check_zip(path: Path) -> None:
    """Refuse what is not an XLSX, or what would inflate to far more than it holds."""
    try:
        with zipfile.ZipFile(path) as z:
            entries = z.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise EvidenceError(f"(file): not an XLSX file ({exc})") from None
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED:
        raise EvidenceError(f"(file): the XLSX would inflate to {total:,} bytes, more than {MAX_UNCOMPRESSED:,} "
                            "(a zip bomb?)")
    for e in entries:
        if e.file_size > 1_000_000 and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise EvidenceError(f"(file): {e.filename} would inflate {e.file_size // max(e.compress_size, 1):,} times "
                                "(a zip bomb?)")


def cell_text(value: object) -> str:
    """A calamine cell as the text the CSV rule reads."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, datetime):
        text = f"{value:%Y-%m-%d %H:%M:%S}"
        return f"{text}.{value.microsecond:06d}" if value.microsecond else text
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (time, timedelta)):
        return str(value)  # a time of day or a duration typed as time: not read as an instant
    return str(value)


def _rows(sheet) -> Iterator[list[str]]:
    for n, row in enumerate(sheet.iter_rows(), start=1):
        cells = [cell_text(v) for v in row]
        for c, text in enumerate(cells):
            if len(text) > MAX_CELL_CHARS:
                raise EvidenceError(f"row {n}, column {c + 1}: a cell of more than {MAX_CELL_CHARS:,} characters")
        yield cells


def measure_xlsx(path: Path, options, threshold: float) -> dict:
    from python_calamine import CalamineWorkbook  # loaded late: only an XLSX export needs it

    check_zip(path)
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        size = 0
        while chunk := f.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises its own errors, and others from the zip and XML underneath
        raise EvidenceError(f"(file): cannot be read as XLSX ({type(exc).__name__}: {str(exc)[:200]})") from None
    rows = _rows(sheet)
    header = next(rows, None)
    if header is None or not any(h.strip() for h in header):
        raise EvidenceError("row 1: no header row")
    m = measure_rows(header, _data(rows), options, threshold)
    source = {"format": "xlsx", "encoding": None, "bytes": size, "sha256": sha.hexdigest()}
    return m.result(m.preset, source)


def _data(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """Data rows; an entirely empty row (Excel keeps formatted empty rows) is skipped, as a blank CSV line is."""
    for row in rows:
        if any(row):
            yield row
