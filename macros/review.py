"""The review page's static HTML, rendered from macros/templates/review.html; review.js brings it to life.

Contract with docs/assets/javascripts/review*.js: each item is `.rv-item[data-item=<id>]` and each
plan section `.rv-part[data-part=<id>]`, holding `[data-show=…]` places for the SP's text and a
decision fieldset (radios data-field=decision, value "" for none) and a textarea data-field=comment;
the app's controls carry the ids used there (rv-*). `data-strings` holds every word the app writes:
assessment.plan.LABELS, assessment.review.LABELS and MESSAGES below, none shadowing another.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assessment.plan import plan
from assessment.review import review_file as review
from assessment.review import prelaunch_schedule as test_schedule
from assessment.criteria.model import Criteria

from .links import Links
from assessment.criteria import texts
from assessment.review import decisions

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True,
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

# Words only the review page uses; {name} marks a value the app fills in.
MESSAGES = texts.table("review_page")


# The inbox's columns and filters, in review/inbox.js's order (COLUMNS, FILTERS).
INBOX_COLUMNS = ("organisation", "service", "verdict", "criteria_version", "state", "decision", "due", "edited")
INBOX_FILTERS = ("all", "attention", "not_started", "in_progress", "decided")  # then each overall decision


def _strings(lang: str) -> dict[str, str]:
    parts = (plan.LABELS[lang], review.LABELS[lang], MESSAGES[lang])
    shadowed = set(parts[0]) & set(parts[1]) | set(parts[0]) & set(parts[2]) | set(parts[1]) & set(parts[2])
    assert not shadowed, f"review page labels shadow each other: {shadowed}"
    return {k: v for p in parts for k, v in p.items()}


def app(criteria: Criteria, lang: str, links: Links) -> str:
    """The whole review page for this language; the scripts and styles load only here."""
    strings = _strings(lang)
    html = _TEMPLATES.get_template("review.html").render(
        criteria=criteria, lang=lang, t=strings, strings_json=json.dumps(strings, ensure_ascii=False),
        schedule_json=json.dumps(test_schedule.load().published(), ensure_ascii=False),
        links=links,
        decisions=decisions.load().item, overall=decisions.load().overall, columns=INBOX_COLUMNS, filters=INBOX_FILTERS,
        item_label=lambda d: decisions.item_label(strings, d),
        overall_label=lambda d: decisions.overall_label(strings, d),
    )
    # Python-Markdown must see one raw HTML block: no blank or indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
