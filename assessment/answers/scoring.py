"""Readiness scoring: a pure function of the criteria and validated answers.

Contract with docs/assets/javascripts/answers/scoring.js: for the same inputs both return the same
result, serialised to the same bytes by `to_json` here and JSON.stringify there (integer
arithmetic throughout; an integral percent is written without ".0", as JavaScript does).

Twin: docs/assets/javascripts/answers/scoring.js (the same rule in the browser).
"""

from __future__ import annotations

import json

from assessment.answers.answers_file import Answer, Answers
from assessment.criteria.model import Criteria, Item
from assessment.criteria.quantity import convert, convertible

CREDIT = {"met": 2, "partial": 1, "unmet": 0}
VERDICTS = ("not_ready", "incomplete", "ready", "conditional")


def status_of(criteria: Criteria, item: Item, answer: Answer | None) -> str | None:
    """met | partial | unmet | na, or None when unanswered."""
    if answer is None:
        return None
    if item.kind == "check" or answer.status == "na":
        return answer.status
    value = value_in_threshold_unit(criteria, item, answer)
    if value is None:
        return None
    limit = criteria.threshold(item).value
    ok = value >= limit if item.kind == "min" else value <= limit
    return "met" if ok else "unmet"


def value_in_threshold_unit(criteria: Criteria, item: Item, answer: Answer | None) -> float | int | None:
    """A number answer converted into its threshold's unit (3 hours → 180 minutes), or None."""
    if answer is None or answer.value is None or item.threshold is None:
        return None
    target = criteria.units[criteria.threshold(item).unit]
    source = criteria.units.get(answer.unit or criteria.threshold(item).unit)
    if source is None or not convertible(source, target):
        return None
    return convert(answer.value, source, target)


def terms_changed(criteria: Criteria, answers: Answers) -> list[str]:
    """Items answered under an earlier version whose terms changed since: the SP is asked to confirm them."""
    out = []
    for item in criteria.items:
        answer = answers.answers.get(item.id)
        if answer is None or (answer.status is None and answer.value is None):
            continue
        version = answer.version or answers.criteria_version
        if item.id in criteria.history.get(version, {}).get("changed", ()):
            out.append(item.id)
    return out


def _percent(earned: int, possible: int) -> int | float | None:
    if possible == 0:
        return None
    tenths = 1000 * earned // possible
    return tenths // 10 if tenths % 10 == 0 else tenths / 10


def score(criteria: Criteria, answers: Answers) -> dict:
    """The readiness result of one answers file (see the method on the checklist page)."""
    statuses = {item.id: status_of(criteria, item, answers.answers.get(item.id)) for item in criteria.items}

    def sums(items: list[Item]) -> tuple[int, int]:
        counted = [i for i in items if statuses[i.id] != "na"]
        earned = sum(i.weight * CREDIT.get(statuses[i.id], 0) for i in counted)
        return earned, 2 * sum(i.weight for i in counted)

    sections = []
    for section in criteria.sections:
        items = [i for i in criteria.items if i.section == section.id]
        earned, possible = sums(items)
        sections.append({
            "id": section.id, "percent": _percent(earned, possible), "earned": earned, "possible": possible,
            "answered": sum(statuses[i.id] is not None for i in items), "total": len(items),
        })

    earned, possible = sums(criteria.items)
    blockers = [i.id for i in criteria.items if i.level == "mandatory" and statuses[i.id] in ("unmet", "partial")]
    gaps = [i.id for i in criteria.items if i.id not in blockers and statuses[i.id] in ("unmet", "partial")]
    unanswered = [i.id for i in criteria.items if statuses[i.id] is None]
    known = {i.id for i in criteria.items}
    unknown = sorted(k for k in answers.answers if k not in known)

    if blockers:
        verdict = "not_ready"
    elif any(i.level != "recommended" and statuses[i.id] is None for i in criteria.items):
        verdict = "incomplete"
    elif (not any(i.level == "required" and statuses[i.id] == "unmet" for i in criteria.items)
          and earned * 100 >= criteria.scoring.ready_percent * possible):
        verdict = "ready"
    else:
        verdict = "conditional"

    return {
        "criteria_version": criteria.version, "verdict": verdict, "percent": _percent(earned, possible),
        "earned": earned, "possible": possible, "sections": sections,
        "blockers": blockers, "gaps": gaps, "unanswered": unanswered, "unknown": unknown,
    }


def to_json(result: dict) -> str:
    """The result as JSON.stringify writes it: compact, keys in order, text unescaped."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))
