"""What an answers file's `evidence` block says beside the declared answers, in words.

Clause 4.2's measured figure, the hours of the week each channel answered (4.1), and the declared
"met" answers the evidence contradicts (flagged like those of 5.1 and 5.2): the first-reply item
answered within the threshold while the measured attainment is below this site's target
(criteria.yml `evidence`); the round-the-clock item answered with N channels while fewer than N
measured channels (the whole export, when it names no channel) saw a first reply in every one of
the 168 hours of the week. The items are found by their role (criteria.yml `evidence.measures`).
Contract with docs/assets/javascripts/evidence/display.js: the same lines, byte for byte.

Twin: docs/assets/javascripts/evidence/display.js (the same rule in the browser).
"""

from __future__ import annotations

from assessment.answers.scoring import status_of, value_in_threshold_unit
from assessment.criteria import quantity, roles
from assessment.criteria import texts
from assessment.criteria.model import Criteria
from assessment.evidence.block import HOURS
from assessment.evidence.measure import attainment_target
from assessment.shared.formatting import js_number, share_percent


def contradictions(criteria: Criteria, answers, evidence: dict | None) -> dict[str, bool]:
    """{item id: contradicted} for the measured items (clauses 4.1 and 4.2 today), from a valid evidence block.

    `answers` is an Answers; an item counts as declared met when its value meets the threshold."""
    out = {}
    for item in criteria.items:
        if roles.role_of(criteria, item) is None:
            continue
        declared = status_of(criteria, item, answers.answers.get(item.id)) == "met"
        out[item.id] = bool(declared and evidence is not None and _contradicts(criteria, item, answers, evidence))
    return out


def _contradicts(criteria: Criteria, item, answers, evidence: dict) -> bool:
    if roles.role_of(criteria, item) == "first_reply":
        return evidence["attainment"] is not None and evidence["attainment"] < attainment_target(criteria)
    declared = _declared(criteria, item, answers)
    if evidence["by_channel"]:
        full = sum(1 for c in evidence["by_channel"] if c["hours_with_reply"] == HOURS)
    else:
        full = 1 if all(evidence["replied_by_hour_of_week"]) else 0
    return evidence["tickets"] > 0 and full < declared


LABELS = texts.table("evidence_block")


def measured(criteria: Criteria, evidence: dict, lang: str) -> str:
    """Clause 4.2's measured figure: "measured: 97.3% within 1 hour, 12,408 tickets, 2026-09-01 to 2026-11-30"."""
    t = LABELS[lang]
    threshold = quantity.minutes_text(criteria, evidence["threshold_minutes"], lang)
    period = evidence["period"] or {"first_arrival": t["none"], "last_arrival": t["none"]}
    return t["measured"].format(percent=share_percent(evidence["attainment"]), threshold=threshold,
                                tickets=f"{int(evidence['tickets']):,}", first=period["first_arrival"][:10],
                                last=period["last_arrival"][:10])


def lines(criteria: Criteria, answers, evidence: dict, lang: str) -> list[str]:
    """For a reader: the measured figure of 4.2, the hours answered per channel (4.1), and contradictions.

    The browser writes the same lines (evidence/display.js evidenceLines): counts go through int(),
    since a file may write 12408.0, which JavaScript reads as 12408."""
    t = LABELS[lang]
    out = [measured(criteria, evidence, lang)]
    channels = evidence["by_channel"] or [{"channel": t["all"], "hours_with_reply": sum(1 for n in evidence["replied_by_hour_of_week"] if n)}]
    out += [t["hours"].format(channel=c["channel"] or t["none"], n=int(c["hours_with_reply"])) for c in channels]
    flags = contradictions(criteria, answers, evidence)
    for item in criteria.items:
        if not flags.get(item.id):
            continue
        if roles.role_of(criteria, item) == "first_reply":
            what = t["below"].format(percent=share_percent(evidence["attainment"]),
                                     target=f"{js_number(criteria.evidence.attainment_target_percent)}%")
        else:
            full = sum(1 for c in evidence["by_channel"] if c["hours_with_reply"] == HOURS) if evidence["by_channel"] \
                else int(all(evidence["replied_by_hour_of_week"]))
            what = t["short"].format(full=full, declared=js_number(_declared(criteria, item, answers)))
        out.append(f"{item.clause} " + t["contradiction"].format(what=what))
    return out


def _declared(criteria: Criteria, item, answers) -> float | int:
    """The number of round-the-clock channels declared, in the threshold's unit (0 when none)."""
    return value_in_threshold_unit(criteria, item, answers.answers.get(item.id)) or 0


def cell(criteria: Criteria, answers, lang: str = "en") -> str:
    """The summary's column: attainment and tickets measured, and the clauses the evidence contradicts."""
    evidence = answers.evidence
    if evidence is None:
        return ""
    t = LABELS[lang]
    text = t["cell"].format(percent=share_percent(evidence["attainment"]), tickets=f"{int(evidence['tickets']):,}")
    flags = contradictions(criteria, answers, evidence)
    flagged = [i.clause for i in criteria.items if flags.get(i.id)]
    return text + (t["cell_contradicts"].format(clauses=", ".join(flagged)) if flagged else "")
