"""What an SP changed between two answers files: every item whose answer changed (clause, question,
old → new with units, and note or evidence when those changed), every plan section whose text
changed, the SP's details, and both verdicts.

The `diff` command prints it (cli/diff.py); `review --answers` tells with it what changed since the
review (cli/review.py).
"""

from __future__ import annotations

import json

from assessment.answers import answers_file as answers_mod
from assessment.answers.scoring import score
from assessment.criteria import model as criteria_mod
from assessment.criteria import texts
from assessment.plan import plan as plan_mod

# Words only this comparison uses; {name} marks a value filled in.
LABELS = texts.table("diff")


def labels_of(lang: str) -> dict:
    return {**plan_mod.LABELS[lang], **LABELS[lang]}


def compare(criteria: criteria_mod.Criteria, old: answers_mod.Answers, new: answers_mod.Answers, lang: str) -> dict:
    """The changes as plain data: items (clause, question, field changes), plan sections, details, verdicts."""
    labels = labels_of(lang)
    blank = answers_mod.Answer()
    known = {i.id: i for i in criteria.items}
    items = []
    for item_id in dict.fromkeys([*known, *old.answers, *new.answers]):
        before, after = old.answers.get(item_id), new.answers.get(item_id)
        if (before or blank) == (after or blank):
            continue
        item = known.get(item_id)
        fields = []
        if item is not None:
            a, b = (plan_mod.answer_text(criteria, item, x, labels) for x in (before, after))
            if a != b:
                fields.append({"field": "answer", "old": a, "new": b})
        for name in ("note", "evidence"):
            a, b = getattr(before or blank, name), getattr(after or blank, name)
            if a != b:
                fields.append({"field": name, "old": a, "new": b})
        if item is None and not fields:  # an unknown id whose status or value changed
            fields.append({"field": "answer", "old": json.dumps((before or blank).__dict__, ensure_ascii=False),
                           "new": json.dumps((after or blank).__dict__, ensure_ascii=False)})
        items.append({"id": item_id, "clause": (item.clause or "") if item else "",
                      "question": getattr(item.question, lang) if item else item_id, "fields": fields})
    plan = [{"id": p.id, "number": p.number, "title": getattr(p.title, lang),
             "old": old.plan.get(p.id, ""), "new": new.plan.get(p.id, "")}
            for p in criteria.template if not p.group and old.plan.get(p.id, "") != new.plan.get(p.id, "")]
    details = [{"field": k, "old": old.assessment.get(k, ""), "new": new.assessment.get(k, "")}
               for k in plan_mod.META_KEYS if old.assessment.get(k, "") != new.assessment.get(k, "")]
    results = [score(criteria, old), score(criteria, new)]
    verdicts = [{"verdict": r["verdict"], "label": labels[r["verdict"]], "percent": r["percent"]} for r in results]
    return {"items": items, "plan": plan, "details": details, "verdicts": verdicts,
            "changed": bool(items or plan or details)}


def where(item: dict, labels: dict) -> str:
    """An item named by its question and clause, as reports name it."""
    return item["question"] + labels["paren"].format(labels["clause"].format(item["clause"])) if item["clause"] else item["question"]
