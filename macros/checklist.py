"""The checklist page's static HTML, rendered at build time from the criteria; the ES modules
in docs/assets/javascripts/ (entry: checklist.js) bring it to life.

Contract with those modules (one place for it):
- `#sp-checklist[data-lang][data-strings][data-plan-css]` holds everything; the app sets
  `data-ready="true"` once it works. `data-strings` is assessment.plan.LABELS[lang] merged with
  assessment.review.LABELS[lang] and MESSAGES[lang] below (none may shadow another); plan.LABELS
  holds the `evidence_block` table under that key.
- Views are `[data-view=answers|plan|report]`, shown by the URL fragment (#answers, #plan, #report).
- Each item is `fieldset#item-<id>[data-item][data-kind][data-level]` holding native inputs marked
  data-field = status | value; note and evidence text areas are created on demand in
  `#item-<id>-texts`. Each plan section is `[data-part=<template id>][data-items="<ids>"]`.
- App controls carry the ids cl-*.
The HTML itself lives in templates/checklist.html.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import markupsafe

from assessment.plan import plan
from assessment.review import review_file as review
from assessment.review import prelaunch_schedule as test_schedule
from assessment.criteria import quantity as quantities
from assessment.answers.answers_file import DATE_YEARS
from assessment.criteria.model import Criteria

from . import scripts
from .links import Links
from assessment.criteria import texts

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)

# Text only the app uses, {name} marking a value it fills in. Statuses, verdicts, clause numbers
# and limits come from assessment.plan.LABELS, so each label is kept once.
MESSAGES = texts.table("checklist")

# The app also shows the operator's review (checklist/reviewnotes.js), in assessment.review's words.
_shadowed = {lang: set(MESSAGES[lang]) & set(plan.LABELS[lang]) | set(MESSAGES[lang]) & set(review.LABELS[lang])
             | set(plan.LABELS[lang]) & set(review.LABELS[lang]) for lang in MESSAGES}
assert not any(_shadowed.values()), f"MESSAGES, assessment.plan.LABELS and assessment.review.LABELS shadow: {_shadowed}"
assert MESSAGES["zh"].keys() == MESSAGES["en"].keys(), "MESSAGES: both languages need the same keys"


# The evidence view's words (loaded with its modules only when opened): its own table, and the
# command line's `evidence` table for the names the two share (reasons, days, "no reply").
EVIDENCE_VIEW = texts.table("evidence_view")
EVIDENCE = texts.table("evidence")
assert not any(set(EVIDENCE_VIEW[lang]) & set(EVIDENCE[lang]) for lang in EVIDENCE_VIEW), "evidence_view shadows evidence"


def strings(lang: str) -> dict:
    """Every label the app shows, in one language. plan.LABELS brings the `evidence_block` table whole
    (the measured figures beside clauses 4.1 and 4.2, written by evidence/display.js as
    evidence/block.py writes them: its keys, such as `contradiction`, are not the checklist's)."""
    return {**plan.LABELS[lang], **review.LABELS[lang], **MESSAGES[lang]}


def module_graph(entry: str = "checklist.js") -> list[str]:
    """Every module the entry imports, directly or not (dynamic import() left out: the Word library
    loads only when asked). The page names them all, so the browser fetches them at once instead of
    discovering them one import at a time."""
    return scripts.reachable(entry)


def app(criteria: Criteria, lang: str, links: Links) -> str:
    """The whole checklist for one language: status bar, the three views, the form."""
    t = strings(lang)
    text = lambda value: getattr(value, lang)  # noqa: E731
    items = []
    for item in criteria.items:
        unit = criteria.unit_of(item)
        items.append({
            "item": item, "question": text(item.question), "help": text(item.help),
            "options": ["met", "partial", "unmet"] + (["na"] if item.na_allowed else []),
            "unit": (unit.zh if lang == "zh" else unit.en_plural) if unit else "",
            "step": "1" if unit and unit.measures == "count" else "any",
            "limit": quantities.threshold_text(criteria, item.threshold, lang) if unit else "",
        })
    html = _TEMPLATES.get_template("checklist.html").render(
        t=t, lang=lang, criteria=criteria, text=text, items=items, links=links,
        items_by_section={s.id: [i for i in items if i["item"].section == s.id] for s in criteria.sections},
        strings_json=json.dumps(t, ensure_ascii=False), ev=EVIDENCE_VIEW[lang],
        evidence_json=json.dumps({**EVIDENCE[lang], **EVIDENCE_VIEW[lang]}, ensure_ascii=False),
        schedule_json=json.dumps(test_schedule.load().published(), ensure_ascii=False),
        date_range=[f"{DATE_YEARS[0]}-01-01", f"{DATE_YEARS[1]}-12-31"], modules=module_graph(),
        # Kept byte for byte (the exported page must equal the command line's): newlines as references.
        plan_css=markupsafe.Markup(str(markupsafe.escape(plan.PAGE_CSS)).replace("\n", "&#10;")),
    )
    # One line: Markdown would end a raw HTML block at a blank line.
    return re.sub(r"\n\s*", " ", html)
