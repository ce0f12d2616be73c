"""What every reader of an export shares: the reading options, and rows fed to a Measure.

The options (preset, columns mapped by hand, time zone, cut-off) are read one way for the row-by-row
reference, the XLSX reader and DuckDB, so `--tz` and `--until` are refused alike whatever the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from assessment.evidence import columns as columns_mod
from assessment.evidence.measure import EvidenceError, Measure
from assessment.evidence.times import DEFAULT_ZONE, Zone, parse_instant, trim


@dataclass(frozen=True)
class Options:
    preset: str | None = None
    overrides: tuple[tuple[str, str], ...] = ()
    zone: str = DEFAULT_ZONE
    until: str | None = None


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
