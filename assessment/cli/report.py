"""The reviewer's report of one answers file, as terminal text, Markdown or CSV, in Chinese or English.

Items are named by clause number and question in the chosen language, never by internal id
(the id stays in CSV, for machines). Labels shared with the plan and the checklist come from
assessment.plan.LABELS; the few only the command line uses are in CLI_LABELS below. Every text
from the file passes through assessment.output (terminal) or _md (Markdown) before it is shown.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assessment.evidence import display as evidence_display
from assessment.answers.answers_file import Answer, Answers
from assessment.shared import markdown_text as md
from assessment.shared.blank import is_blank
from assessment.criteria.model import Criteria, Item
from assessment.shared.formatting import js_number, percent
from assessment.cli import options as cli_options
from assessment.cli.command import load, out
from assessment.cli.terminal import csv_text, lines, table, terminal
from assessment.criteria import quantity as quantities
from assessment.plan.plan import LABELS, META_KEYS, answer_quantity, written_text
from assessment.answers.scoring import status_of, terms_changed, value_in_threshold_unit
from assessment.criteria import texts

CLI_LABELS = texts.table("report")
COMPARED = ("verdict", "percent", "earned", "possible", "criteria_version")


def labels(lang: str) -> dict:
    return {**LABELS[lang], **CLI_LABELS[lang]}


def clause(item: Item, t: dict) -> str:
    return t["clause"].format(item.clause) if item.clause else t["no_clause"]


def item_name(criteria: Criteria, item_id: str, lang: str) -> str:
    """An item as a reviewer reads it: clause number and question; an unknown id as itself."""
    t = labels(lang)
    known = {i.id: i for i in criteria.items}
    if item_id not in known:
        return item_id
    item = known[item_id]
    return f"{clause(item, t)} {getattr(item.question, lang)}"


def status_text(criteria: Criteria, item: Item, answer: Answer | None, t: dict) -> str:
    status = status_of(criteria, item, answer)
    return t[status] if status else t["unanswered_status"]


def requirement(criteria: Criteria, item: Item, t: dict) -> str:
    return "" if item.kind == "check" else t[item.kind].format(quantities.threshold_text(criteria, item.threshold, t["lang"]))


def value_text(criteria: Criteria, item: Item, answer: Answer | None, lang: str) -> str:
    """A number answer with its unit, in the threshold's unit, as the review and the plan write it."""
    return "" if answer is None or answer.value is None else answer_quantity(criteria, item, answer, lang)


def empty_plan_sections(criteria: Criteria, answers: Answers) -> list[str]:
    return [p.number for p in criteria.template if not p.group and not written_text(answers.plan.get(p.id, ""))]


def browser_difference(answers: Answers, result: dict, lang: str = "en") -> str | None:
    """How the result the SP's browser saved in the file differs from ours, if it does."""
    if answers.result is None or answers.result == result:
        return None
    t = labels(lang)
    fields = [t["differs_field"].format(k, repr(answers.result.get(k)), repr(result[k]))
              for k in COMPARED if answers.result.get(k) != result[k]]
    return t["differs"].format(", ".join(fields) or t["in_detail"])


def remarks(criteria: Criteria, answers: Answers, result: dict, lang: str) -> list[str]:
    t = labels(lang)
    out = []
    if answers.criteria_version != criteria.version:
        out.append(t["other_criteria"].format(answers.criteria_version, criteria.version))
    if difference := browser_difference(answers, result, lang):
        out.append(difference)
    if answers.evidence is not None:  # measured from the SP's ticket export, beside what it declared
        out += evidence_display.lines(criteria, answers, answers.evidence, lang)
    return out


# --- terminal text -----------------------------------------------------------------------------


def score_lines(source: str, criteria: Criteria, answers: Answers, result: dict, lang: str) -> list[str]:
    """The verdict, score, sections and the items that fall short; every file text escaped."""
    t, sep = labels(lang), LABELS[lang]["sep"]
    titles = {s.id: getattr(s.title, lang) for s in criteria.sections}
    earned = f"{result['earned']}/{result['possible']}"
    out = [terminal(source),
           f"{t['verdict']}{sep}{t[result['verdict']]} — {t['verdict_reason'][result['verdict']]}",
           f"{t['score']}{sep}{percent(result['percent'])}{t['paren'].format(earned + ' ' + t['half_points'])}{t['comma']}"
           f"{t['criteria_version']} {terminal(result['criteria_version'])}"]
    out += [f"{t['remark']}{sep}{terminal(r)}" for r in remarks(criteria, answers, result, lang)]
    rows = [[t["section"], t["score"], t["answered"]]]
    rows += [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]]
    out += ["  " + row for row in table(rows, right={1})]
    lists = {key: result[key] for key in ("blockers", "gaps", "unanswered", "unknown")}
    lists["terms_changed"] = terms_changed(criteria, answers)
    for key, ids in lists.items():
        if ids:
            out.append(f"{t[key]}{sep}".rstrip())
            out += [f"  - {terminal(item_name(criteria, i, lang))}" for i in ids]
    return out


def text(source: str, criteria: Criteria, answers: Answers, result: dict, lang: str) -> str:
    """The full report for a terminal: score lines, the SP's details, empty plan sections, every answer."""
    t, sep = labels(lang), LABELS[lang]["sep"]
    out = score_lines(source, criteria, answers, result, lang)
    meta = [f"{t[k]}{sep}{terminal(answers.assessment[k])}" for k in META_KEYS if answers.assessment.get(k)]
    out.insert(1, t["semicolon"].join(meta) or t["no_meta"])
    out.append(f"{t['plan_empty']}{sep}{t['comma'].join(empty_plan_sections(criteria, answers)) or t['none']}")
    out.append(f"{t['answers']}{sep}".rstrip())
    unconfirmed = set(terms_changed(criteria, answers))
    for item in criteria.items:
        a = answers.answers.get(item.id)
        answer = status_text(criteria, item, a, t)
        if a is not None and a.value is not None:
            answer += t["paren"].format(value_text(criteria, item, a, lang) + t["semicolon"] + requirement(criteria, item, t))
        if item.id in unconfirmed:
            answer += f" — {t['answered_under'].format(terminal(a.version or answers.criteria_version))}"
        out += [f"  {item_name(criteria, item.id, lang)}", f"    {t['answer']}{sep}{answer}"]
        for key, value in (("note", a.note if a else ""), ("evidence", a.evidence if a else "")):
            if not is_blank(value):
                first, *rest = lines(value)
                out += [f"    {t[key]}{sep}{first}", *(f"      {line}" for line in rest)]
    return "\n".join(out) + "\n"


# --- Markdown ----------------------------------------------------------------------------------

def _md(value: str, cell: bool = False) -> str:
    """A file text as Markdown that renders as that text (markdown_text), control characters shown as escapes."""
    text = terminal(value, keep="\n\r\t").replace("\r\n", "\n").replace("\r", "\n")
    return md.cell(text) if cell else md.item(text)


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(_md(c, cell=True) for c in row) + " |" for row in [head]] + \
        ["|" + " --- |" * len(head)] + ["| " + " | ".join(_md(c, cell=True) for c in row) + " |" for row in rows]


def markdown(source: str, criteria: Criteria, answers: Answers, result: dict, lang: str) -> str:
    t, sep = labels(lang), LABELS[lang]["sep"]
    titles = {s.id: getattr(s.title, lang) for s in criteria.sections}
    out = [f"# {t['report']}", ""]
    out += [f"- {t[k]}{sep}{_md(answers.assessment.get(k) or '—')}" for k in META_KEYS]
    out += [f"- {t['criteria_version']}{sep}{_md(criteria.version)}", f"- {t['file']}{sep}{_md(source)}", ""]
    out += [f"- {t['verdict']}{sep}{t[result['verdict']]} — {t['verdict_reason'][result['verdict']]}",
            f"- {t['score']}{sep}{percent(result['percent'])}{t['paren'].format(str(result['earned']) + '/' + str(result['possible']))}"]
    out += [f"- {t['remark']}{sep}{_md(r)}" for r in remarks(criteria, answers, result, lang)]
    out += [f"- {t['plan_empty']}{sep}{t['comma'].join(empty_plan_sections(criteria, answers)) or t['none']}", ""]
    out += _md_table([t["section"], t["score"], t["answered"]],
                     [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]])
    lists = {key: result[key] for key in ("blockers", "gaps", "unanswered", "unknown")}
    lists["terms_changed"] = terms_changed(criteria, answers)
    for key, ids in lists.items():
        out += ["", f"## {t[key]}", ""]
        out += [f"- {_md(item_name(criteria, i, lang))}" for i in ids] or [t["none"]]
    out += ["", f"## {t['answers']}", ""]
    out += _md_table([t["clause_head"], t["question"], t["status"], t["value"],
                      t["note"], t["evidence"]], [row[:2] + row[4:6] + row[7:] for row in _rows(criteria, answers, lang, units=True)])
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------------


def _rows(criteria: Criteria, answers: Answers, lang: str, units: bool = False) -> list[list[str]]:
    """One row per item: clause, question, id, level, answer, value (with its unit when asked), requirement,
    note, evidence."""
    t = labels(lang)
    out = []
    for item in criteria.items:
        a = answers.answers.get(item.id)
        # CSV keeps a bare number, in the threshold's unit (the requirement column names the unit).
        bare = "" if a is None or a.value is None else js_number(value_in_threshold_unit(criteria, item, a) or a.value)
        value = value_text(criteria, item, a, lang) if units else bare
        out.append([item.clause or "", getattr(item.question, lang), item.id, item.level,
                    status_text(criteria, item, a, t), value, requirement(criteria, item, t),
                    a.note if a else "", a.evidence if a else ""])
    return out


def csv_rows(criteria: Criteria, answers: Answers, lang: str) -> list[list[str]]:
    """The answers table for a spreadsheet, headed in the chosen language (assessment.output neutralises it)."""
    t = labels(lang)
    head = [t["clause_head"], t["question"], t["id"], t["level"], t["status"], t["value"],
            t["requirement"], t["note"], t["evidence"]]
    return [head, *_rows(criteria, answers, lang)]


# --- the command ------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    criteria, answers, result = load(args, args.answers)
    source = str(args.answers)
    if args.format == "json":
        out(json.dumps({
            "file": source, "assessment": answers.assessment,
            "answered_criteria_version": answers.criteria_version, "result": result,
            "browser_result": "absent" if answers.result is None else "differs" if browser_difference(answers, result) else "same",
            "plan_sections_empty": empty_plan_sections(criteria, answers),
            "terms_changed": terms_changed(criteria, answers),
            "evidence": answers.evidence,
            "evidence_contradictions": evidence_display.contradictions(criteria, answers, answers.evidence),
            "answers": {k: {"status": a.status, "value": a.value, "unit": a.unit, "version": a.version,
                            "note": a.note, "evidence": a.evidence}
                        for k, a in answers.answers.items()},
        }, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out(csv_text(csv_rows(criteria, answers, args.lang)))
    elif args.format == "markdown":
        out(markdown(source, criteria, answers, result, args.lang))
    else:
        out(text(source, criteria, answers, result, args.lang))
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = "the full report of one answers file"
    p = sub.add_parser("report", help=help_text, description=help_text)
    cli_options.add_criteria(p)
    p.add_argument("answers", type=Path, help="the answers file (JSON)")
    cli_options.add_format_lang(p, lang_help="language of the text, Markdown and CSV report")
    p.set_defaults(run=run)
    return p
