"""The `evidence` block of an answers file: the measured aggregate, how it is accepted, what it contradicts.

The block is what `python -m assessment evidence --format json` prints and the checklist's evidence
view attaches: counts, grids, the period, the preset, the export's SHA-256 and row counts; never a
ticket. It comes from strangers like the rest of the file, so it is checked to its last cell.
Contract with docs/assets/javascripts/evidence/block.js: the same problems, byte for byte
(tests/vectors/evidence/answers.json).

Contradictions (flagged like those of 5.1 and 5.2): clause 4.2's item answered within the
threshold while the measured attainment is below this site's target (criteria.yml `evidence`);
clause 4.1's item answered with N round-the-clock channels while fewer than N measured channels
(the whole export, when it names no channel) saw a first reply in every one of the 168 hours of
the week.
"""

from __future__ import annotations

import re

from assessment.criteria import quantity
from assessment.criteria import texts
from assessment.criteria.model import Criteria, Unit
from assessment.evidence.measure import NO_REPLY, REASONS, attainment_target
from assessment.evidence.columns import ROLES
from assessment.shared.formatting import js_number

HOURS = 168
MAX_INT = 2**53
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_SHA = re.compile(r"[0-9a-f]{64}")


def _int(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and 0 <= v <= MAX_INT and v == int(v)


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _show(v) -> str:
    from assessment.answers.answers_file import show  # answers imports this module
    return show(v)


def _text(limit: int, nullable: bool = False):
    def check(v) -> str | None:
        if v is None and nullable:
            return None
        if not isinstance(v, str):
            return f"expected a string{' or null' if nullable else ''}, got {_show(v)}"
        return f"longer than {limit} characters" if len(v) > limit else None
    return check


def _count(v) -> str | None:
    return None if _int(v) else f"expected a whole number ≥ 0, got {_show(v)}"


def _share(v) -> str | None:
    return None if v is None or (_number(v) and 0 <= v <= 1) else f"expected a share from 0 to 1 or null, got {_show(v)}"


def _minutes(v) -> str | None:
    if v is None or v == NO_REPLY or (_number(v) and v >= 0):
        return None
    return f"expected minutes ≥ 0, \"{NO_REPLY}\" or null, got {_show(v)}"


def _grid(v) -> str | None:
    if not isinstance(v, list) or len(v) != HOURS:
        return f"expected a list of {HOURS} counts, got {_show(v) if not isinstance(v, list) else f'{len(v)} entries'}"
    bad = next((n for n, x in enumerate(v) if not _int(x)), None)
    return None if bad is None else f"[{bad}]: expected a whole number ≥ 0, got {_show(v[bad])}"


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
    return None if _int(v) and v <= HOURS else f"expected a whole number from 0 to {HOURS}, got {_show(v)}"


def _month(v) -> str | None:
    return None if isinstance(v, str) and _MONTH.fullmatch(v) else f"expected YYYY-MM, got {_show(v)}"


def _threshold(v) -> str | None:
    return None if _number(v) and v > 0 else f"expected a number > 0, got {_show(v)}"


def _sha(v) -> str | None:
    return None if isinstance(v, str) and _SHA.fullmatch(v) else f"expected 64 lowercase hexadecimal digits, got {_show(v)}"


def _kind(v) -> str | None:
    return None if v in ("csv", "xlsx") else f"expected \"csv\" or \"xlsx\", got {_show(v)}"


def _object(shape: dict, nullable: bool = False, extra=None):
    def check(v, where: str) -> list[str]:
        if v is None and nullable:
            return []
        if not isinstance(v, dict):
            return [f"{where}: expected an object{' or null' if nullable else ''}, got {_show(v)}"]
        return _fields(v, shape, where) + (extra(v, where) if extra else [])
    return check


def _list(item, limit: int):
    def check(v, where: str) -> list[str]:
        if not isinstance(v, list):
            return [f"{where}: expected a list, got {_show(v)}"]
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
        return [f"{where}: expected an object, got {_show(v)}"]
    from assessment.answers.answers_file import _clip, _js_keys
    out = []
    for key in _js_keys(v):
        if key not in ROLES:
            out.append(f"{where}.{_clip(key)}: unknown role")
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
    from assessment.answers.answers_file import _clip, _js_keys
    out = [f"{where}.{_clip(k)}: unknown key" for k in _js_keys(v) if k not in shape]
    for key, check in shape.items():
        if key not in v:
            out.append(f"{where}.{key}: required key is missing")
        else:
            out += check(v[key], f"{where}.{key}")
    return out


def problems(block: object) -> list[str]:
    """Every problem with an answers file's `evidence` block, as "where: what" lines."""
    if not isinstance(block, dict):
        return [f"evidence: expected an object, got {_show(block)}"]
    out = _fields(block, SHAPE, "evidence")
    if not out and block["rows"] != block["tickets"] + sum(block["excluded"].values()):
        out.append("evidence.rows: is not tickets + the excluded rows")
    return out + _sums(block, "evidence")


# --- what the evidence says about the SP's declared answers ----------------------------------------


def contradictions(criteria: Criteria, answers, evidence: dict | None) -> dict[str, bool]:
    """{item id: contradicted} for the items of clauses 4.1 and 4.2, from a valid evidence block.

    `answers` is an Answers; an item counts as declared met when its value meets the threshold."""
    from assessment.answers.scoring import status_of
    out = {}
    for item in criteria.items:
        if item.clause not in ("4.1", "4.2"):
            continue
        declared = status_of(criteria, item, answers.answers.get(item.id)) == "met"
        out[item.id] = bool(declared and evidence is not None and _contradicts(criteria, item, answers, evidence))
    return out


def _contradicts(criteria: Criteria, item, answers, evidence: dict) -> bool:
    if item.clause == "4.2":
        return evidence["attainment"] is not None and evidence["attainment"] < attainment_target(criteria)
    declared = _declared(criteria, item, answers)
    if evidence["by_channel"]:
        full = sum(1 for c in evidence["by_channel"] if c["hours_with_reply"] == HOURS)
    else:
        full = 1 if all(evidence["replied_by_hour_of_week"]) else 0
    return evidence["tickets"] > 0 and full < declared


LABELS = texts.table("evidence_block")


def threshold_text(criteria: Criteria, minutes: float, lang: str) -> str:
    """A threshold measured in minutes, written in the unit of clause 4.2's threshold ("1小时", "30 minutes")."""
    item = next(i for i in criteria.items if i.clause == "4.2")
    unit = criteria.units[criteria.threshold(item).unit]
    return quantity.text(quantity.convert(minutes, _MINUTE, unit), unit, lang)


# The unit evidence blocks count in; only its `minutes` matters to convert().
_MINUTE = Unit(measures="duration", minutes=1, zh="分钟", en="minute", en_plural="minutes")


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def measured(criteria: Criteria, evidence: dict, lang: str) -> str:
    """Clause 4.2's measured figure: "measured: 97.3% within 1 hour, 12,408 tickets, 2026-09-01 to 2026-11-30"."""
    t = LABELS[lang]
    threshold = threshold_text(criteria, evidence["threshold_minutes"], lang)
    period = evidence["period"] or {"first_arrival": t["none"], "last_arrival": t["none"]}
    return t["measured"].format(percent=_percent(evidence["attainment"]), threshold=threshold,
                                tickets=f"{int(evidence['tickets']):,}", first=period["first_arrival"][:10],
                                last=period["last_arrival"][:10])


def lines(criteria: Criteria, answers, evidence: dict, lang: str) -> list[str]:
    """For a reader: the measured figure of 4.2, the hours answered per channel (4.1), and contradictions.

    The browser writes the same lines (evidence-display.js evidenceLines): counts go through int(),
    since a file may write 12408.0, which JavaScript reads as 12408."""
    t = LABELS[lang]
    out = [measured(criteria, evidence, lang)]
    channels = evidence["by_channel"] or [{"channel": t["all"], "hours_with_reply": sum(1 for n in evidence["replied_by_hour_of_week"] if n)}]
    out += [t["hours"].format(channel=c["channel"] or t["none"], n=int(c["hours_with_reply"])) for c in channels]
    flags = contradictions(criteria, answers, evidence)
    for item in criteria.items:
        if not flags.get(item.id):
            continue
        if item.clause == "4.2":
            what = t["below"].format(percent=_percent(evidence["attainment"]),
                                     target=f"{js_number(criteria.evidence.attainment_target_percent)}%")
        else:
            full = sum(1 for c in evidence["by_channel"] if c["hours_with_reply"] == HOURS) if evidence["by_channel"] \
                else int(all(evidence["replied_by_hour_of_week"]))
            what = t["short"].format(full=full, declared=js_number(_declared(criteria, item, answers)))
        out.append(f"{item.clause} " + t["contradiction"].format(what=what))
    return out


def _declared(criteria: Criteria, item, answers) -> float | int:
    """The number of round-the-clock channels declared, in the threshold's unit (0 when none)."""
    from assessment.answers.scoring import value_in_threshold_unit
    return value_in_threshold_unit(criteria, item, answers.answers.get(item.id)) or 0


def cell(criteria: Criteria, answers, lang: str = "en") -> str:
    """The summary's column: attainment and tickets measured, and the clauses the evidence contradicts."""
    evidence = answers.evidence
    if evidence is None:
        return ""
    t = LABELS[lang]
    text = t["cell"].format(percent=_percent(evidence["attainment"]), tickets=f"{int(evidence['tickets']):,}")
    flags = contradictions(criteria, answers, evidence)
    flagged = [i.clause for i in criteria.items if flags.get(i.id)]
    return text + (t["cell_contradicts"].format(clauses=", ".join(flagged)) if flagged else "")
