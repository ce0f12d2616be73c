"""What changed between two versions of the criteria, in words, and the change-log entry it needs.

`python -m assessment changes [OLD] [--sign]` compares the data file with OLD (another criteria
file, e.g. `git show HEAD:assessment/criteria.yml > old.yml`) or, without OLD, with what the change
log recorded for its newest version; it prints the differences as an SP would read them and a draft
entry for changelog.yml. `--sign` writes the current file's signature into the newest entry, which
`validate` then holds the data file to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assessment.criteria import changelog as change_log
from assessment.criteria import versions as history
from assessment.criteria.model import Criteria
from assessment.criteria.quantity import text as quantity_text
from assessment.criteria import texts

# What a drafted entry says until the maintainer writes the change in words; validate refuses it.

WORDS = texts.table("changes")


def _quantity(criteria: Criteria, q: dict | None, lang: str) -> str:
    if q is None:
        return "—"
    unit = criteria.units.get(q["unit"])
    return quantity_text(q["value"], unit, lang) if unit else f"{q['value']} {q['unit']}"


def describe(before: dict, criteria: Criteria, lang: str, old: Criteria | None = None) -> list[str]:
    """The differences between a recorded signature (or an older file's) and the current file, in words."""
    w = WORDS[lang]
    now = history.signature(criteria)
    diff = history.differences(before, now)
    out = []
    for key in diff["thresholds"]:
        out.append(w["threshold"].format(key=key, old=_quantity(old or criteria, before["thresholds"].get(key), lang),
                                         new=_quantity(criteria, now["thresholds"][key], lang)))
    for item_id in diff["units"]:
        units = old.units if old else criteria.units
        name = lambda u, us: getattr(us[u], lang) if u in us else u  # noqa: E731
        out.append(w["units"].format(id=item_id, old=name(before["units"][item_id], units), new=name(now["units"][item_id], criteria.units)))
    clause = {"zh": "第{}条", "en": "clause {}"}[lang]
    questions = {i.id: (f"{clause.format(i.clause)} " if i.clause else "") + getattr(i.question, lang) for i in criteria.items}
    old_questions = {i.id: getattr(i.question, lang) for i in old.items} if old else {}
    for item_id in diff["added"]:
        out.append(w["added"].format(id=item_id, question=questions[item_id]))
    for item_id in diff["removed"]:
        out.append(w["removed"].format(id=item_id) + (f"：{old_questions[item_id]}" if lang == "zh" and item_id in old_questions
                                                      else f": {old_questions[item_id]}" if item_id in old_questions else ""))
    by_key = {k: [i.id for i in criteria.items if i.threshold == k] for k in criteria.thresholds}
    explained = {i for k in diff["thresholds"] for i in by_key.get(k, [])}  # said above, as the threshold
    for item_id in [i for i in diff["changed"] if i not in explained]:
        line = w["changed"].format(id=item_id, question=questions[item_id])
        if old_questions.get(item_id) not in (None, questions[item_id]):
            line += w["was"].format(question=old_questions[item_id])
        out.append(line)
    return out


def signature_yaml(sig: dict, indent: str = "    ") -> str:
    """The signature block as changelog.yml holds it; hashes quoted so YAML never reads them as numbers."""
    def flow(d: dict) -> str:
        return "{" + ", ".join(f"{k}: {flow(v) if isinstance(v, dict) else json.dumps(v)}" for k, v in d.items()) + "}"
    lines = [f"{indent}signature:  # written by `python -m assessment changes --sign`; validate holds criteria.yml to it",
             f"{indent}  units: {flow(sig['units'])}", f"{indent}  thresholds:"]
    lines += [f"{indent}    {k}: {flow(v)}" for k, v in sig["thresholds"].items()]
    lines.append(f"{indent}  items:")
    lines += [f'{indent}    {k}: "{v}"' for k, v in sig["items"].items()]
    return "\n".join(lines) + "\n"


def draft(before: dict, criteria: Criteria, date: str) -> str:
    """A change-log entry for the current file, to paste at the top of `entries:` and complete."""
    now = history.signature(criteria)
    diff = history.differences(before, now)
    by_key = {k: [i.id for i in criteria.items if i.threshold == k] for k in criteria.thresholds}
    threshold_items = {i for k in diff["thresholds"] for i in by_key[k]}
    out = [f'  - version: "{criteria.version}"', f"    date: {date}", "    changes:",
           f"      - zh: {change_log.PLACEHOLDER['zh']}", f"        en: {change_log.PLACEHOLDER['en']}"]
    for key, ids in (("added", diff["added"]), ("removed", diff["removed"]),
                     ("reworded", [i for i in diff["changed"] if i not in threshold_items])):
        if ids:
            out.append(f"    {key}: [{', '.join(ids)}]")
    if diff["thresholds"]:
        out.append("    thresholds:")
        for key in diff["thresholds"]:
            out.append(f"      - key: {key}")
            for side, q in (("from", before["thresholds"].get(key)), ("to", now["thresholds"][key])):
                out.append(f"        {side}: {{value: {json.dumps(q['value'])}, unit: {q['unit']}}}")
    return "\n".join(out) + "\n" + signature_yaml(now)


_ENTRY = re.compile(r"^  - version:", re.M)


def sign(log_path: Path, criteria: Criteria) -> None:
    """Write the current signature into the newest entry of the change log (replacing any there)."""
    text = log_path.read_text(encoding="utf-8")
    starts = [m.start() for m in _ENTRY.finditer(text)]
    if not starts:
        raise change_log.ChangeLogError(f"{log_path}: entries: no entry to sign")
    start, end = starts[0], starts[1] if len(starts) > 1 else len(text)
    entry = text[start:end]
    if f'"{criteria.version}"' not in entry.splitlines()[0] and f" {criteria.version}" not in entry.splitlines()[0]:
        raise change_log.ChangeLogError(
            f"{log_path}: entries[0].version: the newest entry is not '{criteria.version}'; add its entry first")
    lines = entry.splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith("    signature:"):
            skipping = True
            continue
        if skipping and (line.startswith("      ") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    body = "".join(kept).rstrip("\n") + "\n" + signature_yaml(history.signature(criteria))
    log_path.write_text(text[:start] + body + text[end:], encoding="utf-8")


def add_entry(log_path: Path, entry: str) -> None:
    """Put a drafted entry first under `entries:` in the change log."""
    text = log_path.read_text(encoding="utf-8")
    m = re.search(r"^entries:[ \t]*\n", text, re.M)
    if m is None:
        raise change_log.ChangeLogError(f"{log_path}: entries: no 'entries:' line to add the entry under")
    log_path.write_text(text[:m.end()] + entry + text[m.end():], encoding="utf-8")


def baseline(log: change_log.ChangeLog, version: str) -> tuple[str, dict] | None:
    """The newest recorded release other than `version`: its version and signature."""
    entry = next((e for e in log.entries if e.version != version and e.signature is not None), None)
    return None if entry is None else (entry.version, _recorded(entry.signature))


def _recorded(sig: change_log.Signature) -> dict:
    return {"units": dict(sig.units), "thresholds": {k: history._plain(q) for k, q in sig.thresholds.items()},
            "items": dict(sig.items)}
