"""First replies and 7×24 coverage measured from a ticket export: the aggregate, as a pure computation.

Contract with docs/assets/javascripts/evidence/measure.js: for the same rows, mapping, zone, threshold and
cut-off both produce the same JSON, byte for byte (`to_json`); tests/vectors/evidence/ proves it.
Rows go in one at a time and nothing but counts is kept, so an export of any length is measured
in flat memory (ids are remembered only to find duplicates). The rule, in calendar time:

- a row is excluded, the first reason found counting: `duplicate_id` (a non-empty id an earlier
  row had), `no_arrival` (arrival empty), `unparseable_time` / `out_of_range_time` (arrival or reply
  unreadable, or outside 2000–2099), `reply_before_arrival`, `after_cutoff` (arrived after the cut-off);
- the cut-off is the `until` given, else the latest arrival or reply among the counted rows; a
  reply after the cut-off had not been given at the cut-off;
- `within`: replied within the threshold (inclusive); `late`: replied after it;
  `unanswered_breached`: no reply and older than the threshold at the cut-off; `pending`: no reply
  and not older: counted, left out of attainment;
- attainment = within / (within + late + unanswered_breached), null when that is 0;
- p50/p90/p99 by nearest rank: the value at rank ⌈p/100 × N⌉ of the first-reply times in ascending
  order over within + late + unanswered_breached, an unanswered ticket counting as longer than any
  reply: a rank that falls on one is "no_reply"; null when N is 0;
- by channel (code point order), by month of arrival (local), and two 168-hour grids of the week in
  the chosen zone (Monday 00:00 first): contacts received, first replies given.

Twin: docs/assets/javascripts/evidence/measure.js (the same rule in the browser).
"""

from __future__ import annotations

import json
import math
from typing import Iterable

from assessment.criteria import roles
from assessment.criteria.model import Criteria
from assessment.evidence.columns import DURATION_UNIT, REPLY_ROLES
from assessment.evidence.times import DAY, HOUR, MINUTE, OUT_OF_RANGE, Zone, civil_from_days, iso, parse_duration, parse_instant, trim
from assessment.shared.formatting import js_number

REASONS = ("duplicate_id", "no_arrival", "unparseable_time", "out_of_range_time", "reply_before_arrival", "after_cutoff")
NO_REPLY = "no_reply"
PERCENTILES = (50, 90, 99)
MAX_CHANNELS = 200  # more distinct values than any helpdesk has channels: the wrong column
MAX_CHANNEL_CHARS = 60
FORWARDED_TRUE = frozenset({"1", "true", "yes", "y", "是", "√", "✓", "x"})
HOURS_OF_WEEK = 168


def _ascii_lower(text: str) -> str:
    """A–Z in lower case, nothing else (JavaScript's toLowerCase would touch other scripts differently)."""
    return text.translate(_LOWER)


_LOWER = {c: c + 32 for c in range(65, 91)}


class EvidenceError(ValueError):
    """The export cannot be measured as mapped; the message says "where: what"."""


# --- the criteria this reads ------------------------------------------------------------


def threshold_minutes(criteria: Criteria) -> float:
    """The first-reply threshold (clause 4.2 today), in minutes: the one place that reads it."""
    q = roles.measured_threshold(criteria, "first_reply")
    return q.value * criteria.units[q.unit].minutes  # a duration: the model refuses the role another unit


def attainment_target(criteria: Criteria) -> float:
    """This site's attainment target (a share, 0–1) below which a declared "met" is contradicted."""
    return criteria.evidence.attainment_target_percent / 100


# --- one group's counts -----------------------------------------------------------------


class _Group:
    __slots__ = ("within", "late", "breached", "pending", "replies", "grid")

    def __init__(self, grid: bool = False):
        self.within = self.late = self.breached = self.pending = 0
        self.replies: dict[int, int] = {}  # first-reply milliseconds -> tickets
        self.grid = [0] * HOURS_OF_WEEK if grid else None

    def replied(self, ms: int, threshold_ms: float) -> None:
        if ms <= threshold_ms:
            self.within += 1
        else:
            self.late += 1
        self.replies[ms] = self.replies.get(ms, 0) + 1

    def figures(self) -> dict:
        measured = self.within + self.late + self.breached
        out = {
            "tickets": measured + self.pending, "within": self.within, "late": self.late,
            "unanswered_breached": self.breached, "pending": self.pending,
            "attainment": self.within / measured if measured else None,
        }
        ordered = sorted(self.replies.items())
        for p in PERCENTILES:
            out[f"p{p}_minutes"] = _nearest_rank(ordered, self.within + self.late, measured, p)
        return out


def _nearest_rank(ordered: list[tuple[int, int]], replied: int, measured: int, p: int) -> float | str | None:
    if measured == 0:
        return None
    rank = (p * measured + 99) // 100
    if rank > replied:
        return NO_REPLY
    seen = 0
    for ms, n in ordered:
        seen += n
        if seen >= rank:
            return ms / MINUTE
    raise AssertionError("rank beyond the replies counted")


# --- the measurement --------------------------------------------------------------------


class Measure:
    """Feed rows (lists of cell texts) with `add`; `result` gives the aggregate."""

    def __init__(self, mapping: dict[str, int], zone: Zone, threshold: float, until_ms: int | None = None,
                 columns: dict[str, str] | None = None):
        self.zone, self.until = zone, until_ms
        self.threshold_minutes = threshold
        self.threshold_ms = threshold * MINUTE
        self.id_at = mapping.get("id")
        self.arrived_at = mapping["arrived"]
        reply_role = next(r for r in REPLY_ROLES if r in mapping)
        self.reply_at = mapping[reply_role]
        self.duration_unit = DURATION_UNIT.get(reply_role)
        self.channel_at = mapping.get("channel")
        self.forwarded_at = mapping.get("forwarded")
        self.columns = columns or {}
        self.rows = 0
        self.excluded = dict.fromkeys(REASONS, 0)
        self.ids: set[str] = set()
        self.total = _Group()
        self.channels: dict[str, _Group] = {}
        self.months: dict[str, _Group] = {}
        self.forwarded = _Group() if self.forwarded_at is not None else None
        self.received = [0] * HOURS_OF_WEEK
        self.replied_grid = [0] * HOURS_OF_WEEK
        self.first = self.last = self.latest = None
        self.waiting: list[tuple[int, tuple[_Group, ...]]] = []  # unanswered, maybe pending at the cut-off
        self._prune_at = 1024
        self._months: dict[int, tuple[str, int]] = {}  # local day -> (YYYY-MM, weekday)

    # one row ------------------------------------------------------------------
    def _cell(self, row: list[str], index: int | None) -> str:
        return trim(row[index]) if index is not None and index < len(row) else ""

    def add(self, row: list[str], duplicate: bool | None = None) -> None:
        """One data row. `duplicate`, when given, says whether an earlier row had its id (a reader that
        finds duplicates itself, such as DuckDB's, passes it; otherwise the id column is used here)."""
        self.rows += 1
        if duplicate is None and self.id_at is not None:
            ident = self._cell(row, self.id_at)
            if ident:
                duplicate = ident in self.ids
                self.ids.add(ident)
        if duplicate:
            return self._exclude("duplicate_id")
        text = self._cell(row, self.arrived_at)
        if not text:
            return self._exclude("no_arrival")
        arrival = parse_instant(text, self.zone)
        if isinstance(arrival, str):
            return self._exclude(arrival)
        reply = self._reply(self._cell(row, self.reply_at), arrival)
        if isinstance(reply, str):
            return self._exclude(reply)
        if self.until is not None and arrival > self.until:
            return self._exclude("after_cutoff")
        self._count(arrival, reply, row)

    def _reply(self, text: str, arrival: int) -> int | str | None:
        if not text:
            return None
        if self.duration_unit is None:
            reply = parse_instant(text, self.zone)
        else:
            spent = parse_duration(text, self.duration_unit)
            if isinstance(spent, str):
                return spent
            reply = arrival + spent
            if not (946_684_800_000 <= reply < 4_102_444_800_000):
                return OUT_OF_RANGE
        if isinstance(reply, int) and reply < arrival:
            return "reply_before_arrival"
        return reply

    def _exclude(self, reason: str) -> None:
        self.excluded[reason] += 1

    def _local(self, utc_ms: int) -> tuple[str, int]:
        """(YYYY-MM, hour of the week) of an instant in the zone."""
        local = utc_ms + self.zone.offset(utc_ms)
        days = local // DAY
        found = self._months.get(days)
        if found is None:
            y, m, _ = civil_from_days(days)
            found = self._months[days] = (f"{y:04d}-{m:02d}", (days + 3) % 7 * 24)
        return found[0], found[1] + local % DAY // HOUR

    def _count(self, arrival: int, reply: int | None, row: list[str]) -> None:
        month, hour = self._local(arrival)
        self.received[hour] += 1
        channel = self._channel(row)
        groups = [self.total, self._month(month)] + ([channel] if channel is not None else [])
        if self.forwarded is not None and _ascii_lower(self._cell(row, self.forwarded_at)) in FORWARDED_TRUE:
            groups.append(self.forwarded)
        if self.first is None or arrival < self.first:
            self.first = arrival
        if self.last is None or arrival > self.last:
            self.last = arrival
        if self.until is None:
            latest = arrival if reply is None or reply < arrival else reply
            if self.latest is None or latest > self.latest:
                self.latest = latest
        elif reply is not None and reply > self.until:
            reply = None  # not yet given at the cut-off
        if reply is None:
            return self._unanswered(arrival, tuple(groups))
        _, reply_hour = self._local(reply)
        self.replied_grid[reply_hour] += 1
        for group in groups:
            group.replied(reply - arrival, self.threshold_ms)
        if channel is not None:
            channel.grid[reply_hour] += 1

    def _channel(self, row: list[str]) -> _Group | None:
        if self.channel_at is None:
            return None
        return self._channel_named(self._cell(row, self.channel_at))

    def _channel_named(self, trimmed: str) -> _Group:
        name = trimmed[:MAX_CHANNEL_CHARS]
        group = self.channels.get(name)
        if group is None:
            if len(self.channels) >= MAX_CHANNELS:
                column = self.columns.get("channel", "channel")
                raise EvidenceError(f"column '{column}': more than {MAX_CHANNELS} different channels; "
                                    f"is it the channel column?")
            group = self.channels[name] = _Group(grid=True)
        return group

    def _month(self, month: str) -> _Group:
        group = self.months.get(month)
        if group is None:
            group = self.months[month] = _Group()
        return group

    def _unanswered(self, arrival: int, groups: tuple) -> None:
        if self.until is not None:
            return self._settle(arrival, groups, self.until)
        # The cut-off only grows: a ticket already older than the threshold stays breached.
        if self.latest - arrival > self.threshold_ms:
            return self._settle(arrival, groups, self.latest)
        self.waiting.append((arrival, groups))
        if len(self.waiting) > self._prune_at:
            keep = []
            for entry in self.waiting:
                if self.latest - entry[0] > self.threshold_ms:
                    self._settle(entry[0], entry[1], self.latest)
                else:
                    keep.append(entry)
            self.waiting = keep
            self._prune_at = 2 * len(keep) + 1024

    def _settle(self, arrival: int, groups: tuple, cutoff: int) -> None:
        breached = cutoff - arrival > self.threshold_ms
        for group in groups:
            if breached:
                group.breached += 1
            else:
                group.pending += 1

    # counts made elsewhere (a SQL engine), added as if their rows had been read here ---------
    def add_counted(self, n: int, month: str, channel: str | None, forwarded: bool, reply_ms: int | None,
                    breached: bool) -> None:
        """n counted tickets of one month, channel (trimmed; None when unmapped) and first-reply time
        (None: no reply at the cut-off, `breached` saying whether older than the threshold then)."""
        groups = [self.total, self._month(month)]
        if channel is not None:
            groups.append(self._channel_named(channel))
        if forwarded and self.forwarded is not None:
            groups.append(self.forwarded)
        for group in groups:
            if reply_ms is None:
                if breached:
                    group.breached += n
                else:
                    group.pending += n
            else:
                if reply_ms <= self.threshold_ms:
                    group.within += n
                else:
                    group.late += n
                group.replies[reply_ms] = group.replies.get(reply_ms, 0) + n

    def add_frame(self, rows: int, excluded: dict[str, int], received: dict[int, int],
                  replied: list[tuple[str | None, int, int]], first: int | None, last: int | None,
                  latest: int | None) -> None:
        """What is not per ticket: row and exclusion counts, the grids (replied: channel, hour, n), the period."""
        self.rows += rows
        for reason, n in excluded.items():
            self.excluded[reason] += n
        for hour, n in received.items():
            self.received[hour] += n
        for channel, hour, n in replied:
            self.replied_grid[hour] += n
            if channel is not None:
                self._channel_named(channel).grid[hour] += n
        self.first, self.last, self.latest = first, last, latest

    # the aggregate --------------------------------------------------------------
    def result(self, preset: str | None = None, source: dict | None = None) -> dict:
        cutoff = self.until if self.until is not None else self.latest
        for arrival, groups in self.waiting:
            self._settle(arrival, groups, cutoff)
        self.waiting = []
        zone = self.zone
        out = {
            "preset": preset, "columns": self.columns, "time_zone": zone.name,
            "threshold_minutes": self.threshold_minutes,
            "cutoff": iso(cutoff, zone) if cutoff is not None else None,
            "period": {"first_arrival": iso(self.first, zone), "last_arrival": iso(self.last, zone)}
            if self.first is not None else None,
            "rows": self.rows,
            **self.total.figures(),
            "excluded": dict(self.excluded),
            "forwarded": self.forwarded.figures() if self.forwarded is not None else None,
            "by_channel": [
                {"channel": name, **group.figures(), "hours_with_reply": sum(1 for n in group.grid if n),
                 "replied_by_hour_of_week": group.grid}
                for name, group in sorted(self.channels.items())],
            "by_month": [{"month": month, **group.figures()} for month, group in sorted(self.months.items())],
            "received_by_hour_of_week": self.received,
            "replied_by_hour_of_week": self.replied_grid,
        }
        if source is not None:
            out["source"] = source
        return out


def measure(rows: Iterable[list[str]], mapping: dict[str, int], zone: Zone, threshold: float,
            until_ms: int | None = None, columns: dict[str, str] | None = None, preset: str | None = None,
            source: dict | None = None) -> dict:
    """The aggregate of data rows (header already taken off), as `Measure` computes it."""
    m = Measure(mapping, zone, threshold, until_ms, columns)
    for row in rows:
        m.add(row)
    return m.result(preset, source)


# --- JSON as JSON.stringify writes it ---------------------------------------------------


def to_json(value: object) -> str:
    """Compact JSON, keys in order, text unescaped, numbers as JavaScript's String(number) writes them."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def _write(value: object, parts: list[str]) -> None:

    if isinstance(value, dict):
        parts.append("{")
        for n, (key, item) in enumerate(value.items()):
            parts.append(("," if n else "") + json.dumps(key, ensure_ascii=False) + ":")
            _write(item, parts)
        parts.append("}")
    elif isinstance(value, list):
        parts.append("[")
        for n, item in enumerate(value):
            if n:
                parts.append(",")
            _write(item, parts)
        parts.append("]")
    elif isinstance(value, bool) or value is None or isinstance(value, str):
        parts.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("a measured figure is not finite")
        parts.append(js_number(value))
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
