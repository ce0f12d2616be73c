"""The SP's O&M and customer service plan, written from the template and the answers file.

Contract with docs/assets/javascripts/plan/plan.js: `outline()`, `plan_checks()`, `markdown()` and
`html_page()` here and `outline()`, `planChecks()`, `planMarkdown()` and `planHtml()` there give the
same data and the same text for the same inputs (tests compare them byte for byte), from the same
LABELS, which the checklist page receives as JSON. The .docx (plan/plan_docx.py here, plan/plan-docx.js in the
browser) lays out the same outline.

Text the SP typed is cleaned the same way in every format (see `clean`): characters XML cannot hold
become U+FFFD, so a .docx can always be written and a reader sees that something was there.

Twin: docs/assets/javascripts/plan/plan.js (the same rule in the browser).
"""

from __future__ import annotations

import html
import re

from assessment.answers.answers_file import Answers
from assessment.shared import markdown_text as md
from assessment.shared.blank import is_blank, trim
from assessment.criteria import roles
from assessment.criteria.model import Criteria
from assessment.shared.formatting import js_number, percent
from assessment.criteria import quantity as quantities
from assessment.answers.scoring import status_of, value_in_threshold_unit
from assessment.evidence import display as evidence_display
from assessment.criteria import texts

# The plan's words, and under `evidence_block` that table whole: the annex writes clause 4.2's measured
# figure (evidence_display.measured), and plan/plan.js, which receives these labels, writes it the same way.
LABELS = {lang: {**table, "evidence_block": evidence_display.LABELS[lang]} for lang, table in texts.table("plan").items()}
META_KEYS = ("organisation", "service", "contact", "date")
# Shares of the text width per table column: the question wide, statuses and numbers narrow; note and
# evidence wide enough that a phone number or an e-mail address stays on one line in Word.
WIDTHS = {"table": [60, 20, 20], "answers": [10, 27, 13, 25, 25], "sign_off": [34, 33, 33]}


# --- text the SP typed ------------------------------------------------------------------------

# Vertical tab and form feed are Word's manual line and page breaks when its text is pasted.
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c]")
# What XML 1.0 cannot hold (besides the breaks above), and lone surrogates, which no UTF-8 file can.
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Line breaks as LF; characters XML cannot hold as U+FFFD. Every format shows the result."""
    return _ILLEGAL.sub("\ufffd", _LINE_BREAKS.sub("\n", text))


def written_text(text: str) -> bool:
    """Whether a plan section's text counts as written (the one rule: plan_checks, report, the checklist):
    it holds something a reader can see (shared/blank.py), also once cleaned for the documents."""
    return not is_blank(text) and not is_blank(clean(text))


def _section_text(text: str) -> str:
    """A plan section's text as the documents show it; "" when it is not written."""
    return trim(clean(text)) if written_text(text) else ""


def blocks(text: str) -> list[list[str]]:
    """The SP's text as paragraphs (split at blank lines), each a list of its lines."""
    out: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not is_blank(line):
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


# --- numbers ----------------------------------------------------------------------------------


def answer_quantity(criteria: Criteria, item, answer, lang: str) -> str:
    """A number answer in its threshold's unit ("180分钟" for an answer of 3 hours against minutes)."""
    value = value_in_threshold_unit(criteria, item, answer)
    if value is None:  # a unit that converts into nothing this item asks for: shown as given
        unit = criteria.units.get(answer.unit or "")
        return quantities.text(answer.value, unit, lang) if unit else js_number(answer.value)
    return quantities.text(value, criteria.unit_of(item), lang)


def answer_text(criteria: Criteria, item, answer, labels: dict) -> str:
    """The status, and for a number the value and the threshold with their units."""
    status = status_of(criteria, item, answer)
    text = labels[status] if status else labels["unanswered_status"]
    if answer is not None and answer.value is not None and item.threshold:
        lang = labels["lang"]
        limit = labels[item.kind].format(quantities.threshold_text(criteria, item.threshold, lang))
        parts = {"status": text, "value": answer_quantity(criteria, item, answer, lang), "limit": limit}
        text = re.sub(r"\{(\w+)\}", lambda m: parts[m.group(1)], labels["with_value"])
    return text


def question(criteria: Criteria, item_id: str, lang: str) -> str:
    known = {i.id: i for i in criteria.items}
    if item_id not in known:
        return clean(item_id)
    item = known[item_id]
    text = getattr(item.question, lang)
    return text + LABELS[lang]["paren"].format(LABELS[lang]["clause"].format(item.clause)) if item.clause else text


# --- the outline every format lays out --------------------------------------------------------


def outline(criteria: Criteria, answers: Answers, result: dict, lang: str, annex: bool = True) -> dict:
    """Everything a plan document shows, as plain data (lists, so it compares with plan/plan.js's JSON).

    Without `annex`, the plan has no self-assessment annex ("annex" is None); notes the SP marked
    private are never in it."""
    labels = LABELS[lang]
    titles = {s.id: getattr(s.title, lang) for s in criteria.sections}

    # Measured from the SP's ticket export, under the SP's own evidence for 4.2: beside, never instead.
    measured = clean(evidence_display.measured(criteria, answers.evidence, lang)) if answers.evidence is not None else ""

    def row(item) -> list[str]:
        a = answers.answers.get(item.id)
        evidence = clean(a.evidence) if a else ""
        if measured and roles.role_of(criteria, item) == "first_reply":
            evidence = f"{evidence}\n{measured}" if evidence else measured
        return [item.clause or "—", getattr(item.question, lang), answer_text(criteria, item, a, labels),
                clean(a.note) if a and not a.note_private else "", evidence]

    return {
        "title": labels["title"],
        "meta": [[labels[k], clean(answers.assessment.get(k) or "") or "—"] for k in META_KEYS]
        + [[labels["criteria_version"], criteria.version]],
        "sections": [
            {"id": part.id, "level": 2 + part.number.count("."), "heading": f"{part.number} {getattr(part.title, lang)}",
             "group": part.group, "text": _section_text(answers.plan.get(part.id, ""))}
            for part in criteria.template
        ],
        "annex": labels["annex"] if annex else None,
        "summary": [[labels["verdict"], labels[result["verdict"]]],
                    [labels["score"], percent(result["percent"]) + labels["paren"].format(f"{result['earned']}/{result['possible']}")]],
        "table": [[labels["section"], labels["score"], labels["answered"]],
                  [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]]],
        "lists": [[labels[k], [question(criteria, i, lang) for i in result[k]]] for k in ("blockers", "gaps", "unanswered", "unknown")],
        "answers": [[labels["clause_col"], labels["item"], labels["answer"], labels["note"], labels["evidence"]],
                    [row(i) for i in criteria.items]],
        "answers_title": labels["answers"],
        "sign_off": [labels["sign_off"], [labels["sign_person"], labels["sign_signature"], labels["sign_date"]]],
        "widths": WIDTHS,
        "empty": labels["empty"], "none": labels["none"], "sep": labels["sep"], "printed": labels["printed"],
    }


def plan_checks(criteria: Criteria, answers: Answers, result: dict) -> dict:
    """What the plan holds against clauses 5.1 and 5.2, and where the SP's answer to them contradicts it.

    5.1: the plan covers sections 1 and 2 of the requirements, i.e. template sections 2.x and 3.x.
    5.2: the plan meets section 4: each template section tied to a mandatory threshold item is written,
    and those items are answered and not blocking. A contradiction: the item answered "met" while
    its condition fails.
    """
    parts = [p for p in criteria.template if not p.group]
    written = [p.id for p in parts if written_text(answers.plan.get(p.id, ""))]
    missing = [p.id for p in parts if p.id not in written]
    required = [p.id for p in parts if p.number.split(".")[0] in ("2", "3")]
    quality = [i.id for i in criteria.items if i.level == "mandatory" and i.threshold]
    failing_items = [i for i in quality if i in result["blockers"] or i in result["unanswered"]]
    quality_parts = [p for p in parts if any(i in quality for i in p.items)]
    failing_5_2 = [p.id for p in quality_parts if p.id in missing or any(i in failing_items for i in p.items)]
    conditions = {"5.1": any(p in missing for p in required), "5.2": bool(failing_5_2)}
    contradictions = {}
    for item in criteria.items:
        if item.clause in conditions:
            a = answers.answers.get(item.id)
            contradictions[item.id] = bool(conditions[item.clause] and a is not None and a.status == "met")
    return {
        "written": written, "missing": missing,
        "required_5_1": required, "missing_5_1": [p for p in required if p in missing],
        "sections_5_2": [p.id for p in quality_parts], "failing_5_2": failing_5_2, "items_failing_5_2": failing_items,
        "contradictions": contradictions,
    }



# --- Markdown ---------------------------------------------------------------------------------


def _md_block(text: str) -> str:
    """Paragraphs stay paragraphs; each line the SP ended stays a line (markdown_text.paragraph)."""
    return "\n\n".join(md.paragraph(b) for b in blocks(text))


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(md.cell(h) for h in head) + " |", "|" + " --- |" * len(head)]
    return out + ["| " + " | ".join(md.cell(c) for c in row) + " |" for row in rows]


def markdown(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh", with_plan: bool = True,
             annex: bool = True) -> str:
    """The plan (or, without it, the self-assessment report alone) as Markdown."""
    o = outline(criteria, answers, result, lang, annex or not with_plan)
    out = [f"# {o['title'] if with_plan else LABELS[lang]['report']}", ""]
    out += [f"- {k}{o['sep']}{md.item(v)}" for k, v in o["meta"]] + [""]
    for s in o["sections"] if with_plan else []:
        out += [f"{'#' * s['level']} {s['heading']}", ""]
        if not s["group"]:
            out += [_md_block(s["text"]) if s["text"] else f"_{o['empty']}_", ""]
    if o["annex"]:
        out += [f"## {o['annex']}", ""]
        out += [f"- {k}{o['sep']}{v}" for k, v in o["summary"]] + [""]
        out += _md_table(*o["table"]) + [""]
        for title, items in o["lists"]:
            out += [f"### {title}", ""]
            out += [f"- {md.item(i)}" for i in items] if items else [o["none"]]
            out.append("")
        out += [f"### {o['answers_title']}", ""] + _md_table(*o["answers"]) + [""]
    if with_plan:
        title, head = o["sign_off"]
        out += [f"## {title}", ""] + _md_table(head, [[""] * len(head)])
    elif out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------

PAGE_CSS = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.6; color: #111; background: #fff; }
h1 { text-align: center; } h1, h2, h3 { break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; table-layout: fixed; overflow-wrap: anywhere; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; white-space: pre-wrap; }
.text { white-space: pre-wrap; } .empty { color: #555; font-style: italic; } .sign-off td { height: 3rem; }
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) " / " counter(pages); } }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } thead { display: table-header-group; } }
"""


def _html_table(head: list[str], rows: list[list[str]], widths: list[int], cls: str = "") -> str:
    e = html.escape
    return (f"<table{f' class={chr(34)}{cls}{chr(34)}' if cls else ''}><colgroup>"
            + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup><thead><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
            + "</tbody></table>")


def html_page(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh", annex: bool = True) -> str:
    """A standalone page that prints to a clean PDF: no scripts, no external resources."""
    o, e = outline(criteria, answers, result, lang, annex), html.escape
    parts = [f"<h1>{e(o['title'])}</h1>", "<dl>"]
    parts += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in o["meta"]] + ["</dl>"]
    for s in o["sections"]:
        parts.append(f"<h{s['level']}>{e(s['heading'])}</h{s['level']}>")
        if not s["group"]:
            parts.append(f'<div class="text">{e(s["text"])}</div>' if s["text"] else f'<p class="empty">{e(o["empty"])}</p>')
    if o["annex"]:
        parts.append(f"<h2>{e(o['annex'])}</h2><ul>")
        parts += [f"<li>{e(k)}{e(o['sep'])}{e(v)}</li>" for k, v in o["summary"]] + ["</ul>", _html_table(*o["table"], o["widths"]["table"])]
        for title, items in o["lists"]:
            parts.append(f"<h3>{e(title)}</h3>")
            parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>" if items else f"<p>{e(o['none'])}</p>")
        parts += [f"<h3>{e(o['answers_title'])}</h3>", _html_table(*o["answers"], o["widths"]["answers"])]
    title, head = o["sign_off"]
    parts += [f"<h2>{e(title)}</h2>", _html_table(head, [[""] * len(head)], o["widths"]["sign_off"], "sign-off")]
    page_title = e(f"{o['title']} — {clean(answers.assessment.get('service') or '')}".rstrip(" —"))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{page_title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}</style></head>'
            f"<body><main>{''.join(parts)}</main></body></html>\n")
