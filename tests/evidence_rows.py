"""Rows for the measure of ticket exports at each of its branches, for both measurers: tests/js_fixtures.py
hands them with Python's aggregate to the Node test of evidence/measure.js (tests/js/evidence.test.mjs).

Seeded, so each run (and each mutant of a mutation run) meets the same rows. The threshold is the
test criteria's (tests/vectors/criteria.yml), never typed: rows are placed on it, one minute either
side, and far from it."""

from __future__ import annotations

import random

from assessment.evidence import measure as evidence
from assessment.evidence import times as t
from tests.evidence_vectors import THRESHOLD

ZONES = ("Asia/Shanghai", "America/New_York", "UTC")
CHANNELS = ("web", "email", "电话", "\U0001F4F1 app", "\uffff end", "c" * (evidence.MAX_CHANNEL_CHARS + 10), "")
FORWARDED = ("1", "TRUE", "Yes", "y", "是", "√", "✓", "X", "x", "no", "0", "", "false", "Ｙ")


def _text(ms: int, zone: t.Zone) -> str:
    """A local wall-clock time as an export writes it (the zone's own offset)."""
    return t.iso(ms, zone)[:16].replace("T", " ")


def _rows(rng: random.Random, zone: t.Zone, n: int, reply: str) -> list[list[str]]:
    start = t.days_from_civil(2024, 1, 25) * t.DAY
    minute = t.MINUTE
    out = []
    for k in range(n):
        arrival = start + rng.randrange(0, 24 * 60 * 20) * minute  # three weeks over a month's end
        kind = rng.random()
        if kind < 0.2:
            spent = None
        elif kind < 0.5:
            spent = rng.choice((0, THRESHOLD, THRESHOLD - 1, THRESHOLD + 1)) * minute
        elif kind < 0.55:
            spent = -minute
        else:
            spent = rng.randrange(0, int(4 * THRESHOLD)) * minute
        ident = str(k) if rng.random() > 0.05 else str(rng.randrange(0, k + 1))  # a few ids twice
        arrived = _text(arrival, zone)
        odd = rng.random()
        if odd < 0.03:
            arrived = ""
        elif odd < 0.06:
            arrived = "not a time"
        elif odd < 0.08:
            arrived = "1999-12-31 23:00"
        if spent is None:
            replied = ""
        elif reply == "replied":
            replied = _text(arrival + spent, zone)
        else:
            replied = {"reply_minutes": str(spent // minute), "reply_seconds": str(spent // 1000),
                       "reply_milliseconds": str(spent)}[reply]
        out.append([ident, arrived, replied, rng.choice(CHANNELS), rng.choice(FORWARDED)])
    return out


def cases() -> list[dict]:
    """{name, rows, mapping, zone, until (ms or None), columns}; the aggregate is Python's to compute."""
    rng = random.Random(19)
    out = []
    full = {"id": 0, "arrived": 1, "channel": 3, "forwarded": 4}
    columns = {"id": "ID", "arrived": "Created", "channel": "Via", "forwarded": "Forwarded"}
    for zone_name in ZONES:
        zone = t.Zone(zone_name)
        for reply in ("replied", "reply_minutes", "reply_seconds", "reply_milliseconds"):
            rows = _rows(rng, zone, 160, reply)
            mapping = {**full, reply: 2}
            out.append({"name": f"{zone_name}, {reply}", "rows": rows, "mapping": mapping, "zone": zone_name,
                        "until": None, "columns": {**columns, reply: "Reply"}})
            arrivals = sorted(a for r in rows if isinstance(a := t.parse_instant(t.trim(r[1]), zone), int))
            out.append({"name": f"{zone_name}, {reply}, cut off mid-way", "rows": rows, "mapping": mapping,
                        "zone": zone_name, "until": arrivals[len(arrivals) // 2], "columns": {}})
    zone = t.Zone("Asia/Shanghai")
    rows = _rows(rng, zone, 60, "replied")
    out.append({"name": "no id, channel or forwarded column", "rows": rows, "mapping": {"arrived": 1, "replied": 2},
                "zone": "Asia/Shanghai", "until": None, "columns": {}})
    out.append({"name": "rows shorter than the mapping", "rows": [r[:2] for r in rows] + [r[:1] for r in rows[:5]],
                "mapping": {**full, "replied": 2}, "zone": "Asia/Shanghai", "until": None, "columns": {}})
    out.append({"name": "no rows", "rows": [], "mapping": {**full, "replied": 2}, "zone": "Asia/Shanghai", "until": None,
                "columns": {}})
    # More unanswered tickets wait than the measure keeps before it settles the oldest: 1,000 at T,
    # one replied just past the threshold (the cut-off moves there), then tickets exactly the threshold
    # before that cut-off (pending at the end) and at it. The settling happens among them.
    base = t.days_from_civil(2024, 5, 1) * t.DAY
    thr = round(THRESHOLD * t.MINUTE)
    at = lambda ms: _text(ms, zone)
    many = [[f"a{k}", at(base), "", "web", ""] for k in range(1000)]
    many.append(["r", at(base), str(thr + t.MINUTE), "web", ""])
    many += [[f"b{k}", at(base + t.MINUTE), "", "email", ""] for k in range(30)]
    many += [[f"c{k}", at(base + thr + t.MINUTE), "", "email", ""] for k in range(30)]
    mapping = {**full, "reply_milliseconds": 2}
    out.append({"name": "1,061 tickets waiting, some exactly the threshold old", "rows": many, "mapping": mapping,
                "zone": "Asia/Shanghai", "until": None, "columns": {}})
    out.append({"name": "the same, one ticket later", "rows": many + [["d", at(base + thr + 2 * t.MINUTE), "", "", ""]],
                "mapping": mapping, "zone": "Asia/Shanghai", "until": None, "columns": {}})
    # Distinct channels: exactly the most kept, and one more (the column named by its header, or not).
    for n, names in ((evidence.MAX_CHANNELS, {}), (evidence.MAX_CHANNELS + 1, {"channel": "Via"}),
                     (evidence.MAX_CHANNELS + 1, {})):
        rows = [[str(k), _text(base + k * t.HOUR, zone), "", f"channel {k}", ""] for k in range(n)]
        out.append({"name": f"{n} channels{', the column named' if names else ''}", "rows": rows,
                    "mapping": {**full, "replied": 2}, "zone": "Asia/Shanghai", "until": None, "columns": names})
    # The reply column's own edges, in UTC: a reply at the first instant counted and one before it,
    # replies on either side of the last, durations unreadable, negative or too long; ids blank (never duplicates) and
    # repeated, in a column that is not the first.
    utc = t.Zone("UTC")
    first, last = t.EARLIEST, t.LATEST
    rows = [[_text(first, utc), "0", ""], [_text(first, utc), "0", ""], [_text(first, utc), "1", "  "],
            [_text(last - t.HOUR, utc), "59", "a"], [_text(last - t.HOUR, utc), "60", "b"],
            [_text(last - t.MINUTE, utc), "0", "c"], [_text(last - t.MINUTE, utc), "1", "d"], [_text(first, utc), "2", "a"],
            [_text(first, utc), "-1", "f"]]
    rows += [[_text(first + k * t.DAY, utc), cell, f"e{k}"]
             for k, cell in enumerate(("abc", "-5", "1e3", "", " 7 ", "1.5", "0.0000005", "99999999999999", "5.", ".5"))]
    out.append({"name": "reply minutes at the ends of the range and unreadable, ids in the third column", "rows": rows,
                "mapping": {"arrived": 0, "reply_minutes": 1, "id": 2}, "zone": "UTC", "until": None, "columns": {}})
    out.append({"name": "the same, without a source", "rows": rows, "mapping": {"arrived": 0, "reply_minutes": 1, "id": 2},
                "zone": "UTC", "until": None, "columns": {}, "no_source": True})
    return out


def python_measures(case: dict) -> str:
    """Python's aggregate of a case as JSON, or "error: …" when it refuses the rows."""
    try:
        return evidence.to_json(evidence.measure(case["rows"], case["mapping"], t.Zone(case["zone"]), THRESHOLD,
                                                 case["until"], case["columns"], "preset",
                                                 None if case.get("no_source") else {"format": "rows"}))
    except evidence.EvidenceError as exc:
        return f"error: {exc}"
