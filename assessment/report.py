"""The reviewer's report of one answers file, as terminal text, Markdown or CSV, in Chinese or English.

Items are named by clause number and question in the chosen language, never by internal id
(the id stays in CSV, for machines). Labels shared with the plan and the checklist come from
assessment.plan.LABELS; the few only the command line uses are in CLI_LABELS below. Every text
from the file passes through assessment.output (terminal) or _md (Markdown) before it is shown.
"""

from __future__ import annotations

from . import evidence_block
from .answers import Answer, Answers
from .criteria import Criteria, Item
from .js_number import js_number
from .output import lines, table, terminal
from .plan import LABELS, META_KEYS
from .scoring import status_of

CLI_LABELS = {
    "zh": {
        "verdict_reason": {
            "ready": "满足全部上线条件，得分达到就绪线",
            "conditional": "上线条件均已满足，但有要求条目未满足或总分未达到就绪线",
            "incomplete": "有上线条件或要求条目未回答",
            "not_ready": "有上线条件（强制条目）未满足",
        },
        "no_meta": "未填写SP名称、业务名称、联系人或日期", "half_points": "半分", "file": "文件", "clause_head": "条款",
        "plan_empty": "方案未填写的章节", "question": "问题", "id": "条目编号", "level": "级别",
        "status": "回答", "value": "数值", "requirement": "要求", "no_clause": "（建议项）",
        "other_criteria": "按标准 {} 作答，按标准 {} 计分",
        "differs": "文件中保存的浏览器结果与重新计算的结果不同（{}）", "differs_field": "{}：文件中 {}，重新计算 {}",
        "in_detail": "细节不同", "remark": "注意",
    },
    "en": {
        "verdict_reason": {
            "ready": "meets every launch condition and the readiness threshold",
            "conditional": "launch conditions met, but required items or the overall score fall short",
            "incomplete": "mandatory or required items are unanswered",
            "not_ready": "a launch condition (mandatory item) is not met",
        },
        "no_meta": "no organisation, service, contact or date given", "half_points": "half-points", "file": "File", "clause_head": "Clause",
        "plan_empty": "Plan sections not written", "question": "Question", "id": "Item id", "level": "Level",
        "status": "Answer", "value": "Value", "requirement": "Requirement", "no_clause": "(recommended)",
        "other_criteria": "answered against criteria {}, scored against {}",
        "differs": "the result saved in the file differs from the recomputed one ({})",
        "differs_field": "{} {} in the file, {} recomputed", "in_detail": "in detail", "remark": "Note",
    },
}
COMPARED = ("verdict", "percent", "earned", "possible", "criteria_version")


def labels(lang: str) -> dict:
    return {**LABELS[lang], **CLI_LABELS[lang]}


def percent(value: float | int | None) -> str:
    return "—" if value is None else f"{js_number(value)}%"


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
    return "" if item.kind == "check" else t[item.kind].format(criteria.threshold(item))


def value_text(answer: Answer | None) -> str:
    return "" if answer is None or answer.value is None else js_number(answer.value)


def empty_plan_sections(criteria: Criteria, answers: Answers) -> list[str]:
    return [p.number for p in criteria.template if not p.group and not answers.plan.get(p.id, "").strip()]


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
        out += evidence_block.lines(criteria, answers, answers.evidence, lang)
    return out


# --- terminal text -----------------------------------------------------------------------------


def score_lines(source: str, criteria: Criteria, answers: Answers, result: dict, lang: str) -> list[str]:
    """The verdict, score, sections and the items that fall short; every file text escaped."""
    t, sep = labels(lang), LABELS[lang]["sep"]
    titles = {s.id: getattr(s.title, lang) for s in criteria.sections}
    out = [terminal(source),
           f"{t['verdict']}{sep}{t[result['verdict']]} — {t['verdict_reason'][result['verdict']]}",
           f"{t['score']}{sep}{percent(result['percent'])} ({result['earned']}/{result['possible']} {t['half_points']}), "
           f"{t['criteria_version']} {terminal(result['criteria_version'])}"]
    out += [f"{t['remark']}{sep}{terminal(r)}" for r in remarks(criteria, answers, result, lang)]
    rows = [[t["section"], t["score"], t["answered"]]]
    rows += [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]]
    out += ["  " + row for row in table(rows, right={1})]
    for key in ("blockers", "gaps", "unanswered", "unknown"):
        if result[key]:
            out.append(f"{t[key]}{sep}".rstrip())
            out += [f"  - {terminal(item_name(criteria, i, lang))}" for i in result[key]]
    return out


def text(source: str, criteria: Criteria, answers: Answers, result: dict, lang: str) -> str:
    """The full report for a terminal: score lines, the SP's details, empty plan sections, every answer."""
    t, sep = labels(lang), LABELS[lang]["sep"]
    out = score_lines(source, criteria, answers, result, lang)
    meta = [f"{t[k]}{sep}{terminal(answers.assessment[k])}" for k in META_KEYS if answers.assessment.get(k)]
    out.insert(1, "; ".join(meta) or t["no_meta"])
    out.append(f"{t['plan_empty']}{sep}{', '.join(empty_plan_sections(criteria, answers)) or t['none']}")
    out.append(f"{t['answers']}{sep}".rstrip())
    for item in criteria.items:
        a = answers.answers.get(item.id)
        answer = status_text(criteria, item, a, t)
        if a is not None and a.value is not None:
            answer += f" ({value_text(a)}; {requirement(criteria, item, t)})"
        out += [f"  {item_name(criteria, item.id, lang)}", f"    {t['answer']}{sep}{answer}"]
        for key, value in (("note", a.note if a else ""), ("evidence", a.evidence if a else "")):
            if value.strip():
                first, *rest = lines(value)
                out += [f"    {t[key]}{sep}{first}", *(f"      {line}" for line in rest)]
    return "\n".join(out) + "\n"


# --- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]<>|&#~!")


def _md(value: str, cell: bool = False) -> str:
    """A file text as Markdown that renders as that text: no HTML, links or emphasis get through."""
    safe = "".join("\\" + c if c in _MD_SPECIAL else c for c in terminal(value, keep="\n\r\t"))
    safe = safe.replace("\r\n", "\n").replace("\r", "\n")
    return (safe.replace("\n", "<br>") or " ") if cell else safe.replace("\n", "  \n")


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
            f"- {t['score']}{sep}{percent(result['percent'])} ({result['earned']}/{result['possible']})"]
    out += [f"- {t['remark']}{sep}{_md(r)}" for r in remarks(criteria, answers, result, lang)]
    out += [f"- {t['plan_empty']}{sep}{', '.join(empty_plan_sections(criteria, answers)) or t['none']}", ""]
    out += _md_table([t["section"], t["score"], t["answered"]],
                     [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]])
    for key in ("blockers", "gaps", "unanswered", "unknown"):
        out += ["", f"## {t[key]}", ""]
        out += [f"- {_md(item_name(criteria, i, lang))}" for i in result[key]] or [t["none"]]
    out += ["", f"## {t['answers']}", ""]
    out += _md_table([t["clause_head"], t["question"], t["status"], t["value"],
                      t["note"], t["evidence"]], [row[:2] + row[4:6] + row[7:] for row in _rows(criteria, answers, lang)])
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------------


def _rows(criteria: Criteria, answers: Answers, lang: str) -> list[list[str]]:
    """One row per item: clause, question, id, level, answer, value, requirement, note, evidence."""
    t = labels(lang)
    out = []
    for item in criteria.items:
        a = answers.answers.get(item.id)
        out.append([item.clause or "", getattr(item.question, lang), item.id, item.level,
                    status_text(criteria, item, a, t), value_text(a), requirement(criteria, item, t),
                    a.note if a else "", a.evidence if a else ""])
    return out


def csv_rows(criteria: Criteria, answers: Answers, lang: str) -> list[list[str]]:
    """The answers table for a spreadsheet, headed in the chosen language (assessment.output neutralises it)."""
    t = labels(lang)
    head = [t["clause_head"], t["question"], t["id"], t["level"], t["status"], t["value"],
            t["requirement"], t["note"], t["evidence"]]
    return [head, *_rows(criteria, answers, lang)]
