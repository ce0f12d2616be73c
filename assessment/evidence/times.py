"""Times in ticket exports: one cell's text to a UTC instant in milliseconds, and back to local fields.

Contract with docs/assets/javascripts/evidence/times.js: both read every cell to the same instant;
tests/vectors/evidence/ proves it. The rule:

- text `2024-03-01 08:05[:00[.123]]` (also with `T`, `/` or `.` between date parts, one- or two-digit
  month, day and hour), optionally followed by `Z` or an offset (`+08:00`, `+0800`, `+08`): with an
  offset it is that instant, without one it is read in the chosen time zone;
- text `2024年03月01日 08:05[:00]` (also `8时05分[00秒]`), read in the chosen zone;
- a plain number: below 1,000,000 an Excel serial date (days since 1899-12-30, read in the chosen
  zone, rounded to the second); from 1e9 to 1e11 epoch seconds; from 1e11 to 1e14 epoch
  milliseconds (epoch numbers are UTC);
- a date without a time of day is refused: a first reply within an hour cannot be measured from it;
- instants outside [2000-01-01, 2100-01-01) UTC are out of range (a year 9999 is a typo or an attack).

A naive local time that a daylight-saving change makes ambiguous takes the earlier instant; one the
change skips is read with the offset in force before the change (Python's fold=0). Both languages
derive this from "the zone's UTC offset at an instant" alone, which zoneinfo and ICU agree on.

Twin: docs/assets/javascripts/evidence/times.js (the same rule in the browser).
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UNPARSEABLE = "unparseable_time"
OUT_OF_RANGE = "out_of_range_time"
DEFAULT_ZONE = "Asia/Shanghai"

MINUTE = 60_000
HOUR = 3_600_000
DAY = 86_400_000
EARLIEST = 946_684_800_000  # 2000-01-01T00:00:00Z
LATEST = 4_102_444_800_000  # 2100-01-01T00:00:00Z (excluded)
EXCEL_EPOCH_DAYS = -25_569  # 1899-12-30 in days since 1970-01-01

# Characters trimmed from a cell: ASCII blanks, no-break and ideographic spaces, a stray BOM.
BLANKS = " \t\r\n\u00a0\u3000\ufeff"

# [0-9], never \d: Python's \d matches any script's digits, JavaScript's only ASCII.
_DASHED = re.compile(
    r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:T| +)([0-9]{1,2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(?: *(Z|[+-][0-9]{2}(?::?[0-9]{2})?))?")
_CHINESE = re.compile(
    r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日 *([0-9]{1,2})(?:[:：]([0-9]{2})(?:[:：]([0-9]{2}))?"
    r"|时([0-9]{1,2})分(?:([0-9]{1,2})秒)?)")
_NUMBER = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,17})?")


def trim(text: str) -> str:
    return text.strip(BLANKS)


def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (exact integer arithmetic)."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (m <= 2), m, d


def _month_days(y: int, m: int) -> int:
    if m == 2:
        return 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28
    return 30 if m in (4, 6, 9, 11) else 31


class Zone:
    """A time zone's UTC offset at instants, cached per quarter hour (offsets change on such bounds)."""

    def __init__(self, name: str):
        try:
            self._info = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(f"unknown time zone '{name}'") from None
        self.name = name
        self._cache: dict[int, int] = {}

    def offset(self, utc_ms: int) -> int:
        """Milliseconds to add to a UTC instant for the zone's local time (within 2000–2099 ± a day)."""
        block = utc_ms // 900_000
        found = self._cache.get(block)
        if found is None:
            moment = datetime.fromtimestamp(block * 900, timezone.utc).astimezone(self._info)
            found = self._cache[block] = int(moment.utcoffset().total_seconds()) * 1000
        return found

    def changes(self) -> list[tuple[int, int, int]]:
        """(UTC instant, offset before, offset after) of each change of offset between 1999-12-29 and
        2100-01-04, found with `offset` itself so that a SQL twin reproduces `offset` and `to_utc`.
        Weeks are searched, then the quarter hour within: offsets never change twice in a week."""
        out = []
        week = 7 * DAY
        day = EARLIEST - 3 * DAY
        previous = self.offset(day)
        while day < LATEST + 3 * DAY:
            following = self.offset(day + week)
            if following != previous:
                low, high = day // 900_000, (day + week) // 900_000  # offset(low) == previous
                while high - low > 1:
                    mid = (low + high) // 2
                    if self.offset(mid * 900_000) == previous:
                        low = mid
                    else:
                        high = mid
                out.append((high * 900_000, previous, self.offset(high * 900_000)))
            previous, day = following, day + week
        return out

    def to_utc(self, local_ms: int) -> int:
        """The instant of a naive local time: earlier one when ambiguous, offset before the change in a gap."""
        before, after = self.offset(local_ms - DAY), self.offset(local_ms + DAY)
        first = local_ms - before
        if before == after or self.offset(first) == before:
            return first
        second = local_ms - after
        return second if self.offset(second) == after else first


def _ranged(utc_ms: int) -> int | str:
    return utc_ms if EARLIEST <= utc_ms < LATEST else OUT_OF_RANGE


def _local(zone: Zone, y: int, mo: int, d: int, h: int, mi: int, s: int, ms: int, offset: str | None) -> int | str:
    if not (1 <= mo <= 12 and 1 <= d <= _month_days(y, mo) and h <= 23 and mi <= 59 and s <= 59):
        return UNPARSEABLE
    local = days_from_civil(y, mo, d) * DAY + h * HOUR + mi * MINUTE + s * 1000 + ms
    # Checked before the zone is asked: a year 9999 must not reach the zone's arithmetic.
    if not EARLIEST - 2 * DAY <= local < LATEST + 2 * DAY:
        return OUT_OF_RANGE
    if offset is None:
        return _ranged(zone.to_utc(local))
    if offset == "Z":
        return _ranged(local)
    digits = offset[1:].replace(":", "")
    oh, om = int(digits[:2]), int(digits[2:] or 0)
    if oh > 14 or om > 59:
        return UNPARSEABLE
    shift = (oh * HOUR + om * MINUTE) * (1 if offset[0] == "+" else -1)
    return _ranged(local - shift)


def _number(text: str, zone: Zone) -> int | str:
    value = float(text)
    if value < 1_000_000:
        if value < 1:
            return UNPARSEABLE
        seconds = math.floor(value * 86400 + 0.5)
        local = EXCEL_EPOCH_DAYS * DAY + seconds * 1000
        if not EARLIEST - 2 * DAY <= local < LATEST + 2 * DAY:
            return OUT_OF_RANGE
        return _ranged(zone.to_utc(local))
    if 1e9 <= value < 1e11:
        return _ranged(math.floor(value * 1000 + 0.5))
    if 1e11 <= value < 1e14:
        return _ranged(math.floor(value + 0.5))
    return OUT_OF_RANGE


def parse_instant(cell: str, zone: Zone) -> int | str:
    """A trimmed, non-empty cell as UTC milliseconds, or UNPARSEABLE / OUT_OF_RANGE."""
    if _NUMBER.fullmatch(cell):
        return _number(cell, zone)
    m = _DASHED.fullmatch(cell)
    if m:
        y, _, mo, d, h, mi, s, frac, offset = m.groups()
        ms = int((frac or "")[:3].ljust(3, "0"))
        return _local(zone, int(y), int(mo), int(d), int(h), int(mi), int(s or 0), ms, offset)
    m = _CHINESE.fullmatch(cell)
    if m:
        y, mo, d, h, mi, s, mi2, s2 = m.groups()
        minute, second = (mi, s) if mi is not None else (mi2, s2)
        return _local(zone, int(y), int(mo), int(d), int(h), int(minute), int(second or 0), 0, None)
    return UNPARSEABLE


# --- durations --------------------------------------------------------------------------

UNITS_MS = {"minutes": MINUTE, "seconds": 1000, "milliseconds": 1}
MAX_DURATION = 100 * 366 * DAY
_DURATION = re.compile(r"(-?)([0-9]{1,13})(?:\.([0-9]{1,6}))?")


def parse_duration(cell: str, unit: str) -> int | str:
    """A trimmed duration cell in minutes, seconds or milliseconds as whole milliseconds, half up.

    Integer arithmetic only, so that both languages round the same: 1.5 seconds is 1500 ms and
    0.0005 seconds rounds to 1 ms. A negative value is kept (the reply came "before" the contact).
    """
    m = _DURATION.fullmatch(cell)
    if not m:
        return UNPARSEABLE
    sign, whole, frac = m.groups()
    per = UNITS_MS[unit]
    ms = int(whole) * per
    if frac:
        scale = 10 ** len(frac)
        ms += (2 * int(frac) * per + scale) // (2 * scale)
    if ms > MAX_DURATION:
        return OUT_OF_RANGE
    return -ms if sign and ms else ms


# --- local fields -----------------------------------------------------------------------


def local_fields(utc_ms: int, zone: Zone) -> tuple[int, int, int, int, int, int]:
    """(year, month, day, hour, minute, weekday Monday=0) of an instant in the zone."""
    local = utc_ms + zone.offset(utc_ms)
    days, rest = divmod(local, DAY)
    y, m, d = civil_from_days(days)
    return y, m, d, rest // HOUR, rest % HOUR // MINUTE, (days + 3) % 7


def iso(utc_ms: int, zone: Zone) -> str:
    """An instant as ISO 8601 local time with its offset, to the second: 2026-11-30T23:59:00+08:00."""
    offset = zone.offset(utc_ms)
    local = utc_ms + offset
    days, rest = divmod(local, DAY)
    y, m, d = civil_from_days(days)
    sign = "+" if offset >= 0 else "-"
    om = abs(offset) // MINUTE
    return (f"{y:04d}-{m:02d}-{d:02d}T{rest // HOUR:02d}:{rest % HOUR // MINUTE:02d}:{rest % MINUTE // 1000:02d}"
            f"{sign}{om // 60:02d}:{om % 60:02d}")
