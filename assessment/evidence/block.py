"""The `evidence` block of an answers file: the measured aggregate, and how it is accepted.

The block is what `python -m assessment evidence --format json` prints and the checklist's evidence
view attaches: counts, grids, the period, the preset, the export's SHA-256 and row counts; never a
ticket. It comes from strangers like the rest of the file, so it is checked to its last cell.
Contract with docs/assets/javascripts/evidence/block.js: the same problems, byte for byte
(tests/vectors/evidence/answers.json). What the block says beside the answers is display.py's.

Twin: docs/assets/javascripts/evidence/block.js (the same rule in the browser).
"""

from __future__ import annotations

import re

from assessment.evidence.columns import ROLES
from assessment.evidence.measure import NO_REPLY, REASONS
from assessment.shared.formatting import clip, js_keys, show

HOURS = 168
MAX_INT = 2**53
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_SHA = re.compile(r"[0-9a-f]{64}")


def _int(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and 0 <= v <= MAX_INT and v == int(v)


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _text(limit: int, nullable: bool = False):
    def check(v) -> str | None:
        if v is None and nullable:
            return None
        if not isinstance(v, str):
            return f"expected a string{' or null' if nullable else ''}, got {show(v)}"
        return f"longer than {limit} characters" if len(v) > limit else None
    return check


def _count(v) -> str | None:
    return None if _int(v) else f"expected a whole number ≥ 0, got {show(v)}"


def _share(v) -> str | None:
    return None if v is None or (_number(v) and 0 <= v <= 1) else f"expected a share from 0 to 1 or null, got {show(v)}"


def _minutes(v) -> str | None:
    if v is None or v == NO_REPLY or (_number(v) and v >= 0):
        return None
    return f"expected minutes ≥ 0, \"{NO_REPLY}\" or null, got {show(v)}"


def _grid(v) -> str | None:
    if not isinstance(v, list) or len(v) != HOURS:
        return f"expected a list of {HOURS} counts, got {show(v) if not isinstance(v, list) else f'{len(v)} entries'}"
    bad = next((n for n, x in enumerate(v) if not _int(x)), None)
    return None if bad is None else f"[{bad}]: expected a whole number ≥ 0, got {show(v[bad])}"


def _scalar(check):
    """A check of one value (None or "what") as a check of a keyed value (["where: what"])."""
    def keyed(v, where: str) -> list[str]:
        problem = check(v)
        if problem is None:
            return []
        return [f"{where}{problem}" if problem.startswith("[") else f"{where}: {problem}"]
    return keyed


GROUP = {k: _scalar(c) for k, c in (("tickets", _count), ("within", _count), ("late", _count),
                                     ("unanswered_breached", _count), ("pending", _count), ("attainment", _share),
                                     ("p50_minutes", _minutes), ("p90_minutes", _minutes), ("p99_minutes", _minutes))}


def _hours(v) -> str | None:
    return None if _int(v) and v <= HOURS else f"expected a whole number from 0 to {HOURS}, got {show(v)}"


def _month(v) -> str | None:
    return None if isinstance(v, str) and _MONTH.fullmatch(v) else f"expected YYYY-MM, got {show(v)}"


def _threshold(v) -> str | None:
    return None if _number(v) and v > 0 else f"expected a number > 0, got {show(v)}"


def _sha(v) -> str | None:
    return None if isinstance(v, str) and _SHA.fullmatch(v) else f"expected 64 lowercase hexadecimal digits, got {show(v)}"


def _kind(v) -> str | None:
    return None if v in ("csv", "xlsx") else f"expected \"csv\" or \"xlsx\", got {show(v)}"


def _object(shape: dict, nullable: bool = False, extra=None):
    def check(v, where: str) -> list[str]:
        if v is None and nullable:
            return []
        if not isinstance(v, dict):
            return [f"{where}: expected an object{' or null' if nullable else ''}, got {show(v)}"]
        return _fields(v, shape, where) + (extra(v, where) if extra else [])
    return check


def _list(item, limit: int):
    def check(v, where: str) -> list[str]:
        if not isinstance(v, list):
            return [f"{where}: expected a list, got {show(v)}"]
        if len(v) > limit:
            return [f"{where}: more than {limit} entries"]
        return [p for n, x in enumerate(v) for p in item(x, f"{where}[{n}]")]
    return check


def _sums(v: dict, where: str) -> list[str]:
    parts = [v.get(k) for k in ("within", "late", "unanswered_breached", "pending")]
    if all(_int(p) for p in parts) and _int(v.get("tickets")) and sum(parts) != v["tickets"]:
        return [f"{where}.tickets: is not within + late + unanswered_breached + pending"]
    return []


def _columns(v, where: str) -> list[str]:
    if not isinstance(v, dict):
        return [f"{where}: expected an object, got {show(v)}"]
    out = []
    for key in js_keys(v):
        if key not in ROLES:
            out.append(f"{where}.{clip(key)}: unknown role")
        elif problem := _text(200)(v[key]):
            out.append(f"{where}.{key}: {problem}")
    return out


S = _scalar
SHAPE = {
    "preset": S(_text(60, nullable=True)), "columns": _columns, "time_zone": S(_text(64)),
    "threshold_minutes": S(_threshold), "cutoff": S(_text(40, nullable=True)),
    "period": _object({"first_arrival": S(_text(40)), "last_arrival": S(_text(40))}, nullable=True),
    "rows": S(_count), **GROUP, "excluded": _object({r: S(_count) for r in REASONS}),
    "forwarded": _object(GROUP, nullable=True, extra=_sums),
    "by_channel": _list(_object({"channel": S(_text(60)), **GROUP, "hours_with_reply": S(_hours),
                                 "replied_by_hour_of_week": S(_grid)}, extra=_sums), 200),
    "by_month": _list(_object({"month": S(_month), **GROUP}, extra=_sums), 1200),
    "received_by_hour_of_week": S(_grid), "replied_by_hour_of_week": S(_grid),
    "source": _object({"format": S(_kind), "encoding": S(_text(20, nullable=True)), "bytes": S(_count),
                       "sha256": S(_sha)}),
}


def _fields(v: dict, shape: dict, where: str) -> list[str]:
    out = [f"{where}.{clip(k)}: unknown key" for k in js_keys(v) if k not in shape]
    for key, check in shape.items():
        if key not in v:
            out.append(f"{where}.{key}: required key is missing")
        else:
            out += check(v[key], f"{where}.{key}")
    return out


def problems(block: object) -> list[str]:
    """Every problem with an answers file's `evidence` block, as "where: what" lines."""
    if not isinstance(block, dict):
        return [f"evidence: expected an object, got {show(block)}"]
    out = _fields(block, SHAPE, "evidence")
    if not out and block["rows"] != block["tickets"] + sum(block["excluded"].values()):
        out.append("evidence.rows: is not tickets + the excluded rows")
    return out + _sums(block, "evidence")
