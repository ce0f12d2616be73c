"""Vectors at every boundary the rules have, computed from a criteria data file (never typed), for
both scorers: Python's tests run them here, and the Node and Chromium tests compare scoring.js and
review-file.js with Python on them.

- answers exactly at `scoring.ready_percent` with a ready verdict, and one step below it;
- each threshold exactly, and the nearest numbers on either side of it;
- review files at the nesting and size limits and one past, and due dates on century and leap days.
"""

from __future__ import annotations

import json
import math

from assessment import review as review_mod
from assessment.criteria import Criteria

HEAD = {"format": "sp-readiness-answers", "format_version": 2}


def _doc(criteria: Criteria, answers: dict) -> dict:
    return {**HEAD, "criteria_version": criteria.version, "answers": answers}


def _answer(criteria: Criteria, item, status: str | None) -> dict | None:
    """The answer that gives `status` to the item (a value at its threshold for met, just past it for unmet)."""
    if status is None:
        return None
    if item.kind == "check" or status == "na":
        return {"status": status}
    limit = criteria.threshold(item).value
    if status == "met":
        return {"value": limit}
    return {"value": limit - 1 if item.kind == "min" else limit + 1}


def _choices(item) -> list[str | None]:
    """Statuses an item may take in a file that is not refused a ready verdict by its level alone."""
    if item.level == "mandatory":
        return ["met"]
    numeric = item.kind != "check"
    choices = ["met"] if numeric else ["met", "partial"]
    if item.level == "recommended":
        choices += ["unmet", None]
    if item.na_allowed:
        choices.append("na")
    return choices


def _reachable(criteria: Criteria) -> dict[tuple[int, int], dict[str, str | None]]:
    """Every (earned, possible) a ready-eligible file can reach, with one choice of statuses for each."""
    credit = {"met": 2, "partial": 1, "unmet": 0, None: 0}
    states: dict[tuple[int, int], dict[str, str | None]] = {(0, 0): {}}
    for item in criteria.items:
        step = {}
        for (earned, possible), chosen in states.items():
            for status in _choices(item):
                key = (earned, possible) if status == "na" else (earned + item.weight * credit[status], possible + 2 * item.weight)
                step.setdefault(key, {**chosen, item.id: status})
        states = step
    return states


def ready_edges(criteria: Criteria) -> list[dict]:
    """Files exactly at ready_percent (ready) and at the nearest percent below it (conditional).

    Raises ValueError when no file can land exactly on the threshold: then the data file's
    ready_percent cannot be met exactly and the edge must be thought about, not skipped."""
    ready = criteria.scoring.ready_percent
    states = _reachable(criteria)
    exact = sorted(k for k in states if k[1] and k[0] * 100 == ready * k[1])
    if not exact:
        raise ValueError(f"no answers reach exactly {ready}% with these items and weights")
    below = max((k for k in states if k[1] and k[0] * 100 < ready * k[1]), key=lambda k: (k[0] / k[1], k))
    out = []
    for name, key, verdict in (("exactly at ready_percent is ready", exact[0], "ready"),
                               ("just below ready_percent is conditional", below, "conditional")):
        chosen = states[key]
        answers = {i.id: a for i in criteria.items if (a := _answer(criteria, i, chosen[i.id])) is not None}
        out.append({"name": f"{name} ({key[0]} of {key[1]})", "doc": _doc(criteria, answers), "verdict": verdict,
                    "earned": key[0], "possible": key[1]})
    return out


def threshold_edges(criteria: Criteria) -> list[dict]:
    """For each item with a threshold: the value exactly at it and the nearest doubles either side."""
    out = []
    for item in criteria.items:
        if item.kind == "check":
            continue
        limit = criteria.threshold(item).value
        edges = [("exactly at", limit), ("one below", limit - 1), ("one above", limit + 1)]
        if criteria.unit_of(item).measures != "count":  # a count is whole: no number lies between
            edges += [("just below", math.nextafter(limit, -math.inf)), ("just above", math.nextafter(limit, math.inf))]
        for label, value in edges:
            met = value >= limit if item.kind == "min" else value <= limit
            out.append({"name": f"{item.id} {label} its threshold ({value!r})",
                        "doc": _doc(criteria, {item.id: {"value": value}}), "item": item.id,
                        "status": "met" if met else "unmet"})
    return out


def answers_edges(criteria: Criteria) -> list[dict]:
    return ready_edges(criteria) + threshold_edges(criteria)


# --- review files -------------------------------------------------------------------------------


def review_edges(base: dict) -> list[dict]:
    """Review files (bytes) at the limits of review.py, from a valid conditional review `base`."""
    out = []

    def add(name: str, data: bytes, accepted: bool) -> None:
        out.append({"name": name, "data": data, "accepted": accepted})

    for due, real in (("2000-02-29", True), ("2024-02-29", True), ("1900-02-29", False), ("2100-02-29", False),
                      ("2023-02-29", False), ("2024-04-31", False), ("2024-12-31", True), ("2024-13-01", False),
                      ("0001-01-01", True), ("9999-12-31", True), ("0000-01-01", False), ("2024-2-29", False)):
        doc = {**base, "conditions": [{"text": "t", "due": due}]}
        add(f"a condition due {due}", json.dumps(doc).encode(), real)
        doc = {**base, "reviewer": {**base.get("reviewer", {}), "date": due}}
        add(f"a reviewer date {due}", json.dumps(doc).encode(), real)
    # Nesting: an unknown key of the submission (dropped, as in any answers file) holds the extra
    # levels; the review is level 1, its submission level 2.
    for levels, accepted in ((review_mod.MAX_DEPTH, True), (review_mod.MAX_DEPTH + 1, False)):
        text = json.dumps({**base, "submission": {**base["submission"], "x": None}})
        inner = "[" * (levels - 2) + "]" * (levels - 2)
        add(f"nested exactly {levels} levels", text.replace('"x": null', f'"x": {inner}').encode(), accepted)
    # Size: padded with spaces to exactly the limit, and one byte past it.
    text = json.dumps(base).encode()
    for size, accepted in ((review_mod.MAX_BYTES, True), (review_mod.MAX_BYTES + 1, False)):
        add(f"exactly {size:,} bytes", text + b" " * (size - len(text)), accepted)
    return out
