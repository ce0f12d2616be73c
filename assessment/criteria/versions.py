"""The criteria file and its change log held to each other, and what each earlier version meant.

A data file checks itself here: the newest change-log entry must be the file's version and must
record (in its `signature`) exactly what the file holds, so a change to an item, a threshold or a
unit made without a new version is refused; the newest entry must list what changed since the entry
before it; every id a change log names must be an item of some version; thresholds changes are data.

From the change log comes `history`, what the checklist, the scorers and the review tools need to
read an answer given under an earlier version (published in criteria.json, read by answers/scoring.js):

    {version: {"units": {item id: unit}, "changed": [item ids], "added": [item ids]}}

`units` is the unit each number item's answer was entered in under that version; `changed` are the
items whose terms (question, help, threshold, unit, level …) changed in a later version, so an answer
given under it asks to be confirmed; `added` are the items added since.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from assessment.criteria import changelog as change_log
from assessment.review import decisions
from assessment.criteria import model as criteria_mod
from assessment.criteria.model import DEFAULT_PATH, Criteria, CriteriaError, Item

COMMAND = "python -m assessment changes"


def item_hash(criteria: Criteria, item: Item) -> str:
    """A short hash of everything an item is, its threshold's value and unit included (not its id)."""
    data = item.model_dump(mode="json", exclude={"id"})
    q = criteria.threshold(item)
    data["threshold"] = None if q is None else _plain(q)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def signature(criteria: Criteria) -> dict:
    """What the change log records for the current file (Signature in criteria/changelog.py, as plain data)."""
    return {
        "units": {i.id: criteria.thresholds[i.threshold].unit for i in criteria.items if i.threshold},
        "thresholds": {k: _plain(q) for k, q in criteria.thresholds.items()},
        "items": {i.id: item_hash(criteria, i) for i in criteria.items},
    }


def _recorded(sig: change_log.Signature) -> dict:
    return {
        "units": dict(sig.units),
        "thresholds": {k: _plain(q) for k, q in sig.thresholds.items()},
        "items": dict(sig.items),
    }


def differences(before: dict, after: dict, criteria: Criteria | None = None) -> dict:
    """Items added, removed and changed, and thresholds changed, between two signatures."""
    b, a = before.get("items", {}), after["items"]
    return {
        "added": [i for i in a if i not in b],
        "removed": [i for i in b if i not in a],
        "changed": [i for i in a if i in b and a[i] != b[i]],
        "thresholds": [k for k in after["thresholds"] if before.get("thresholds", {}).get(k) not in (None, after["thresholds"][k])],
        "units": [i for i in after["units"] if i in before.get("units", {}) and before["units"][i] != after["units"][i]],
    }


def problems(criteria: Criteria, log: change_log.ChangeLog, log_path: str) -> list[str]:
    """Every way the change log and the criteria file disagree, as "FILE: where: what" lines."""

    out: list[str] = []
    latest = log.latest
    where = f"{log_path}: entries[0] ({latest.version})"
    for n, entry in enumerate(log.entries):
        for m, change in enumerate(entry.changes):
            for lang in ("zh", "en"):
                if getattr(change, lang) == change_log.PLACEHOLDER[lang]:
                    out.append(f"{log_path}: entries[{n}] ({entry.version}).changes[{m}].{lang}: still the draft's"
                               " placeholder; say in words what this version changed")
    if latest.version != criteria.version:
        return [f"{log_path}: entries[0].version: the newest entry is '{latest.version}' but criteria.yml's version"
                f" is '{criteria.version}': add an entry for '{criteria.version}' at the top ({COMMAND} drafts it)"]
    now = signature(criteria)
    if latest.signature is None or not latest.signature.items:
        out.append(f"{where}.signature: missing; record it with `{COMMAND} --sign`")
    else:
        changed = differences(_recorded(latest.signature), now)
        said = [f"item {i} added" for i in changed["added"]] + [f"item {i} removed" for i in changed["removed"]]
        said += [f"item {i} changed" for i in changed["changed"]]
        said += [f"threshold {k} changed" for k in changed["thresholds"]]
        if said:
            out.append(f"{where}.signature: criteria.yml changed since version {latest.version} was recorded"
                       f" ({'; '.join(said)}): raise `version` in criteria.yml and add an entry ({COMMAND} drafts it);"
                       f" if version {latest.version} was never published, record the change with `{COMMAND} --sign`")
    # The newest entry lists what changed since the one before it, when that one recorded its items.
    previous = next((e for e in log.entries[1:] if e.signature is not None), None)
    if previous is not None and latest.signature is not None and not out:
        before = _recorded(previous.signature)
        changed = differences(before, now)
        by_key = {k: [i.id for i in criteria.items if i.threshold == k] for k in criteria.thresholds}
        threshold_items = {i for c in latest.thresholds for i in by_key.get(c.key, [])}
        if previous.signature.items:
            for key, ids in (("added", changed["added"]), ("removed", changed["removed"])):
                missing = [i for i in ids if i not in getattr(latest, key)]
                if missing:
                    out.append(f"{where}.{key}: list {', '.join(missing)} (changed since {previous.version})")
            missing = [i for i in changed["changed"] if i not in latest.reworded and i not in threshold_items]
            if missing:
                out.append(f"{where}.reworded: list {', '.join(missing)} (changed since {previous.version},"
                           " or record their threshold's change under `thresholds`)")
            unchanged = [i for i in latest.reworded if i in now["items"] and i not in changed["changed"]]
            if unchanged:
                out.append(f"{where}.reworded: {', '.join(unchanged)} did not change since {previous.version}")
        recorded = {c.key: c for c in latest.thresholds}
        for key in sorted(set(changed["thresholds"]) | set(recorded)):
            old, new = before.get("thresholds", {}).get(key), now["thresholds"].get(key)
            change = recorded.get(key)
            if change is None:
                out.append(f"{where}.thresholds: record the change of {key} (from {_q(old)} to {_q(new)})")
            elif old is None or _plain(change.from_) != old or _plain(change.to) != new:
                out.append(f"{where}.thresholds: {key} changed from {_q(old)} to {_q(new)};"
                           f" the entry says from {_q(_plain(change.from_))} to {_q(_plain(change.to))}")
    # Every id named anywhere is an item of some version.
    known = set(now["items"])
    for entry in log.entries:
        if entry.signature is not None:
            known |= set(entry.signature.items) | set(entry.signature.units)
        known |= set(entry.removed)
    for n, entry in enumerate(log.entries):
        for key in ("added", "reworded"):
            for m, item_id in enumerate(getattr(entry, key)):
                if item_id not in known:
                    out.append(f"{log_path}: entries[{n}] ({entry.version}).{key}[{m}]: '{item_id}' is no item of"
                               " criteria.yml, nor one a change log entry removed; check the spelling")
        for m, change in enumerate(entry.thresholds):
            if change.key not in now["thresholds"] and not any(change.key in (e.signature.thresholds if e.signature else {}) for e in log.entries):
                out.append(f"{log_path}: entries[{n}] ({entry.version}).thresholds[{m}].key: '{change.key}' is no threshold")
    for n, entry in enumerate(log.entries):
        units = entry.signature.units if entry.signature else {}
        for item_id, unit in units.items():
            if unit not in criteria.units:
                out.append(f"{log_path}: entries[{n}] ({entry.version}).signature.units.{item_id}: '{unit}' is not"
                           " a key of criteria.yml's units; keep every unit an earlier version used")
    return out


def _plain(q) -> dict:
    """A quantity as data, 1.0 written as 1 (YAML's 1 and 1.0 are the same threshold)."""
    value = int(q.value) if float(q.value).is_integer() else q.value
    return {"value": value, "unit": q.unit}


def _q(q: dict | None) -> str:
    return "nothing" if q is None else f"{q['value']} {q['unit']}"


def versions(criteria: Criteria, log: change_log.ChangeLog) -> dict:
    """What an answer given under each version needs to be read now (see the module's docstring)."""
    out: dict[str, dict] = {}
    current_units = signature(criteria)["units"]
    by_key = {k: [i.id for i in criteria.items if i.threshold == k] for k in criteria.thresholds}
    later_changed: list[str] = []  # items changed by entries newer than the one being read
    later_added: list[str] = []
    units = current_units
    for entry in log.entries:  # newest first
        if entry.signature is not None:
            units = dict(entry.signature.units)
        out[entry.version] = {
            "units": {i: units.get(i, current_units[i]) for i in current_units},
            "changed": [i.id for i in criteria.items if i.id in later_changed],
            "added": [i.id for i in criteria.items if i.id in later_added],
        }
        touched = list(entry.reworded) + [i for c in entry.thresholds for i in by_key.get(c.key, [])]
        later_changed += [i for i in touched if i not in later_changed]
        later_added += [i for i in entry.added if i not in later_added]
    return out


def published(criteria: Criteria) -> dict:
    """The criteria as the browser reads them (assets/criteria.json): the file's data plus `history`,
    and the review decisions (review_decisions.yml), which every page that reads a review needs."""
    data = criteria.model_dump(mode="json")
    data["history"] = criteria.history
    data["review_decisions"] = decisions.load().published()
    return data


def load(path: str | Path = DEFAULT_PATH) -> Criteria:
    """The criteria file and the change log beside it, held to each other; history attached."""
    path = Path(path)
    criteria = criteria_mod.load(path)
    log_path = change_log.beside(path)
    if not log_path.is_file():
        raise CriteriaError(f"{path}: (file): no change log beside it; expected {log_path}")
    try:
        log = change_log.load(log_path)
    except change_log.ChangeLogError as exc:
        raise CriteriaError(str(exc)) from None
    found = problems(criteria, log, str(log_path))
    if found:
        raise CriteriaError("\n".join(found))
    criteria._history = versions(criteria, log)
    return criteria
