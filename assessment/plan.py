"""The SP's O&M and customer service plan, written from the template and the answers file.

Contract with docs/assets/javascripts/plan.js: `markdown()` here and `planMarkdown()` there
write the same text for the same inputs (tests compare them), from the same LABELS, which the
checklist page receives as JSON.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from .answers import Answer, Answers
from .criteria import Criteria
from .scoring import status_of

LABELS = {
    "zh": {
        "title": "运行维护和客户服务方案", "report": "就绪自评报告", "organisation": "SP名称", "service": "业务名称",
        "contact": "联系人及联系方式", "date": "日期", "criteria_version": "标准版本", "sep": "：",
        "empty": "（未填写）", "annex": "附件：就绪自评结果", "verdict": "结论", "score": "得分",
        "section": "部分", "answered": "已回答", "blockers": "未满足的上线条件", "gaps": "未满足或部分满足",
        "unanswered": "未回答", "unknown": "未知条目（不计分）", "none": "无", "answers": "全部回答",
        "item": "条目", "answer": "回答", "note": "备注", "evidence": "证据", "clause": "第{}条",
        "ready": "就绪", "conditional": "有条件就绪", "incomplete": "未完成", "not_ready": "未就绪",
        "met": "满足", "partial": "部分满足", "unmet": "不满足", "na": "不适用", "unanswered_status": "未回答",
        "min": "要求：至少 {}", "max": "要求：不超过 {}",
    },
    "en": {
        "title": "O&M and Customer Service Plan", "report": "Readiness self-assessment report", "organisation": "SP name", "service": "Service",
        "contact": "Contact person and details", "date": "Date", "criteria_version": "Criteria version", "sep": ": ",
        "empty": "(not written yet)", "annex": "Annex: readiness self-assessment result", "verdict": "Verdict",
        "score": "Score", "section": "Section", "answered": "Answered", "blockers": "Launch conditions not met",
        "gaps": "Not met or partly met", "unanswered": "Unanswered", "unknown": "Unknown items (not scored)",
        "none": "none", "answers": "All answers", "item": "Item", "answer": "Answer", "note": "Note",
        "evidence": "Evidence", "clause": "clause {}",
        "ready": "Ready", "conditional": "Conditionally ready", "incomplete": "Incomplete", "not_ready": "Not ready",
        "met": "Met", "partial": "Partly met", "unmet": "Not met", "na": "Not applicable",
        "unanswered_status": "Unanswered", "min": "required: at least {}", "max": "required: at most {}",
    },
}
META_KEYS = ("organisation", "service", "contact", "date")


# --- the parts every format shares ----------------------------------------------------------


def number(value: float | int) -> str:
    """A number as JavaScript's String() writes it (2, not 2.0)."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e21 else repr(float(value))


def percent(value: float | int | None) -> str:
    return "—" if value is None else f"{number(value)}%"


def answer_text(criteria: Criteria, item, answer, labels: dict) -> str:
    status = status_of(criteria, item, answer)
    text = labels[status] if status else labels["unanswered_status"]
    if answer is not None and answer.value is not None:
        limit = labels[item.kind].format(criteria.threshold(item))
        text += f" ({number(answer.value)}; {limit})"
    return text


def question(criteria: Criteria, item_id: str, lang: str) -> str:
    known = {i.id: i for i in criteria.items}
    if item_id not in known:
        return item_id
    item = known[item_id]
    text = getattr(item.question, lang)
    return f"{text} ({LABELS[lang]['clause'].format(item.clause)})" if item.clause else text


def outline(criteria: Criteria, answers: Answers, result: dict, lang: str) -> dict:
    """Everything a plan document shows, as plain data: each format only lays it out."""
    labels = LABELS[lang]
    titles = {s.id: getattr(s.title, lang) for s in criteria.sections}
    return {
        "title": labels["title"],
        "meta": [(labels[k], answers.assessment.get(k) or "—") for k in META_KEYS]
        + [(labels["criteria_version"], criteria.version)],
        "sections": [
            {"level": 2 + part.number.count("."), "heading": f"{part.number} {getattr(part.title, lang)}",
             "group": part.group, "text": answers.plan.get(part.id, "").strip()}
            for part in criteria.template
        ],
        "annex": labels["annex"],
        "summary": [(labels["verdict"], labels[result["verdict"]]),
                    (labels["score"], f"{percent(result['percent'])} ({result['earned']}/{result['possible']})")],
        "table": ([labels["section"], labels["score"], labels["answered"]],
                  [[titles[s["id"]], percent(s["percent"]), f"{s['answered']}/{s['total']}"] for s in result["sections"]]),
        "lists": [(labels[k], [question(criteria, i, lang) for i in result[k]]) for k in ("blockers", "gaps", "unanswered", "unknown")],
        "answers": ([labels["item"], labels["answer"], labels["note"], labels["evidence"]],
                    [[getattr(i.question, lang), answer_text(criteria, i, answers.answers.get(i.id), labels),
                      answers.answers.get(i.id, _BLANK).note, answers.answers.get(i.id, _BLANK).evidence]
                     for i in criteria.items]),
        "answers_title": labels["answers"],
        "empty": labels["empty"],
        "none": labels["none"],
        "sep": labels["sep"],
    }


_BLANK = Answer()


# --- Markdown ---------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """The SP's text as Markdown that renders as text: no raw HTML gets through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>") or " "


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md_cell(h) for h in head) + " |", "|" + " --- |" * len(head)]
    return out + ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]


def markdown(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh", with_plan: bool = True) -> str:
    """The plan (or, without it, the self-assessment report alone) as Markdown."""
    o = outline(criteria, answers, result, lang)
    out = [f"# {o['title'] if with_plan else LABELS[lang]['report']}", ""]
    out += [f"- {k}{o['sep']}{_md_text(v)}" for k, v in o["meta"]] + [""]
    for s in o["sections"] if with_plan else []:
        out += [f"{'#' * s['level']} {s['heading']}", ""]
        if not s["group"]:
            out += [_md_text(s["text"]) if s["text"] else f"_{o['empty']}_", ""]
    out += [f"## {o['annex']}", ""]
    out += [f"- {k}{o['sep']}{v}" for k, v in o["summary"]] + [""]
    out += _md_table(*o["table"]) + [""]
    for title, items in o["lists"]:
        out += [f"### {title}", ""]
        out += [f"- {_md_text(i)}" for i in items] if items else [o["none"]]
        out.append("")
    out += [f"### {o['answers_title']}", ""] + _md_table(*o["answers"])
    return "\n".join(out) + "\n"


# --- HTML -----------------------------------------------------------------------------------

PAGE_CSS = """
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif; max-width: 48rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.6; color: #111; }
h1 { text-align: center; } table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; white-space: pre-wrap; }
.text { white-space: pre-wrap; } .empty { color: #555; font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: auto; } tr { break-inside: avoid; } }
"""


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    return ("<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
            + "</tbody></table>")


def html_page(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh") -> str:
    """A standalone page that prints to a clean PDF: no scripts, no external resources."""
    o, e = outline(criteria, answers, result, lang), html.escape
    parts = [f"<h1>{e(o['title'])}</h1>", "<dl>"]
    parts += [f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in o["meta"]] + ["</dl>"]
    for s in o["sections"]:
        parts.append(f"<h{s['level']}>{e(s['heading'])}</h{s['level']}>")
        if not s["group"]:
            parts.append(f'<div class="text">{e(s["text"])}</div>' if s["text"] else f'<p class="empty">{e(o["empty"])}</p>')
    parts.append(f"<h2>{e(o['annex'])}</h2><ul>")
    parts += [f"<li>{e(k)}{e(o['sep'])}{e(v)}</li>" for k, v in o["summary"]] + ["</ul>", _html_table(*o["table"])]
    for title, items in o["lists"]:
        parts.append(f"<h3>{e(title)}</h3>")
        parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>" if items else f"<p>{e(o['none'])}</p>")
    parts += [f"<h3>{e(o['answers_title'])}</h3>", _html_table(*o["answers"])]
    title = e(f"{o['title']} — {answers.assessment.get('service') or ''}".rstrip(" —"))
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}</style></head>'
            f"<body><main>{''.join(parts)}</main></body></html>\n")


# --- Word -----------------------------------------------------------------------------------


def docx_document(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh"):
    """A python-docx Document: title page, numbered template headings, the SP's text, the annex."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    o = outline(criteria, answers, result, lang)
    doc = Document()

    # Chinese text needs its own East Asian font, or Word falls back to a Latin one.
    for name, east_asian in (("Normal", "SimSun"), ("Title", "SimHei"), ("Heading 1", "SimHei"),
                             ("Heading 2", "SimHei"), ("Heading 3", "SimHei")):
        style = doc.styles[name]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), east_asian)
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = o["title"]
    doc.core_properties.language = "zh-CN" if lang == "zh" else "en-GB"

    title = doc.add_paragraph(o["title"], style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for key, value in o["meta"]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f"{key}{o['sep']}").bold = True
        p.add_run(value)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    for s in o["sections"]:
        doc.add_heading(s["heading"], level=s["level"] - 1)
        if s["group"]:
            continue
        if s["text"]:
            for para in s["text"].split("\n"):
                doc.add_paragraph(para)
        else:
            doc.add_paragraph().add_run(o["empty"]).italic = True

    doc.add_page_break()
    doc.add_heading(o["annex"], level=1)
    for key, value in o["summary"]:
        p = doc.add_paragraph()
        p.add_run(f"{key}{o['sep']}").bold = True
        p.add_run(value)
    _docx_table(doc, *o["table"])
    for heading, items in o["lists"]:
        doc.add_heading(heading, level=2)
        for i in items or [o["none"]]:
            doc.add_paragraph(i, style="List Bullet" if items else None)
    doc.add_heading(o["answers_title"], level=2)
    _docx_table(doc, *o["answers"])
    return doc


def _docx_table(doc, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text


# --- writing files ----------------------------------------------------------------------------

FORMATS = {".docx": "docx", ".md": "markdown", ".html": "html", ".htm": "html"}


def write(path: str | Path, criteria: Criteria, answers: Answers, result: dict, lang: str = "zh") -> Path:
    """Write the plan in the format its suffix names; a temporary file renamed, so nothing half-written."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: unknown format '{path.suffix}'; use .docx, .md or .html")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as out:
            if kind == "docx":
                docx_document(criteria, answers, result, lang).save(out)
            else:
                text = markdown(criteria, answers, result, lang) if kind == "markdown" else html_page(criteria, answers, result, lang)
                out.write(text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
