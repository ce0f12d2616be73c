"""The checklist form, rendered from the criteria at build time; checklist.js brings it to life.

Contract with docs/assets/javascripts/checklist.js: each item is a fieldset
`#item-<id>[data-item][data-kind]` holding inputs marked data-field = status, value, note, evidence
(names are unique per item, so each item's radios form their own group);
the app's controls carry the ids used there (cl-*).
"""

from __future__ import annotations

import json
from html import escape

from assessment import plan
from assessment.criteria import Criteria, Item

# Labels only the form uses; statuses, clauses and limits come from assessment.plan.LABELS.
FORM_LABELS = {
    "zh": {
        "mandatory": "上线条件", "required": "要求", "recommended": "建议（非要求）",
        "no_clause": "良好实践，不是要求的条款", "value": "数值", "clear": "清除回答",
    },
    "en": {
        "mandatory": "Launch condition", "required": "Required", "recommended": "Recommended (not a requirement)",
        "no_clause": "Good practice, not a clause of the requirements", "value": "Value", "clear": "Clear answer",
    },
}


def _item(criteria: Criteria, item: Item, lang: str) -> str:
    t = {**plan.LABELS[lang], **FORM_LABELS[lang]}
    q, h = escape(getattr(item.question, lang)), escape(getattr(item.help, lang))
    n = f"item-{item.id}"
    if item.clause:
        clause = f'<a href="../requirements/#req-{item.clause.replace(".", "-")}">{t["clause"].format(item.clause)}</a>'
    else:
        clause = escape(t["no_clause"])
    if item.kind == "check":
        options = ["met", "partial", "unmet"] + (["na"] if item.na_allowed else [])
        answer = "".join(
            f'<label class="cl-choice"><input type="radio" name="{n}-status" data-field="status" value="{s}"> {t[s]}</label>'
            for s in options
        )
        answer = f'<div class="cl-answer" role="radiogroup" aria-labelledby="{n}-q">{answer}</div>'
    else:
        limit = criteria.threshold(item)
        answer = (
            f'<div class="cl-answer"><label>{t["value"]} <input type="number" name="{n}-value" data-field="value" min="0" step="any" '
            f'inputmode="decimal" aria-describedby="{n}-limit"></label> '
            f'<span class="cl-limit" id="{n}-limit" data-threshold="{limit}">{t[item.kind].format(limit)}</span>'
        )
        if item.na_allowed:
            answer += f'<label class="cl-choice"><input type="checkbox" name="{n}-status" data-field="status" value="na"> {t["na"]}</label>'
        answer += "</div>"
    return (
        f'<fieldset class="cl-item cl-item--{item.level}" id="{n}" data-item="{item.id}" data-kind="{item.kind}">'
        f'<legend id="{n}-q"><span class="cl-badge cl-badge--{item.level}">{t[item.level]}</span> {q}</legend>'
        f'<p class="cl-help">{h} <span class="cl-clause">{clause}</span></p>'
        f"{answer}"
        f'<button type="button" class="md-button cl-clear" data-action="clear">{t["clear"]}</button>'
        f'<div class="cl-texts"><label>{t["note"]}<textarea name="{n}-note" data-field="note" rows="2"></textarea></label>'
        f'<label>{t["evidence"]}<textarea name="{n}-evidence" data-field="evidence" rows="2"></textarea></label></div>'
        "</fieldset>"
    )


def form(criteria: Criteria, lang: str) -> str:
    """Every section and item as one form, in criteria order."""
    out = ['<form id="cl-form" class="cl-form" autocomplete="off" novalidate>']
    for section in criteria.sections:
        title = escape(getattr(section.title, lang))
        out.append(f'<section class="cl-section" id="section-{section.id}" aria-labelledby="section-{section.id}-h">')
        out.append(f'<h3 id="section-{section.id}-h">{title} <span class="cl-progress" data-section="{section.id}"></span></h3>')
        out += [_item(criteria, i, lang) for i in criteria.items if i.section == section.id]
        out.append("</section>")
    out.append("</form>")
    return "".join(out)


# Text the app writes at run time, handed to checklist.js as JSON together with assessment.plan.LABELS
# (which it must not shadow); {name} marks a value it fills in.
MESSAGES = {
    "zh": {
        "assessments": "评估", "current": "当前评估", "new": "新建评估", "rename": "重命名", "delete": "删除",
        "export": "导出 JSON", "import": "导入 JSON", "report_view": "报告视图", "print": "打印报告",
        "back": "返回清单", "details": "评估信息", "result": "自评结果", "noscript": "本清单需要启用 JavaScript。",
        "untitled": "未命名评估", "rename_prompt": "新名称：", "delete_confirm": "删除评估“{name}”？此操作无法撤销。",
        "answered_count": "已回答 {answered}/{total}",
        "live": "结论：{verdict}，得分 {percent}",
        "import_bad": "无法导入“{file}”，当前工作未改变：", "import_ok": "已导入“{file}”，作为新评估“{name}”。",
        "too_big": "文件超过 1 MB。", "not_json": "文件不是有效的 JSON：{error}",
        "corrupt": "浏览器中保存的清单数据已损坏，无法读取。原始内容已备份，可下载保存；清单已从空白开始。",
        "download_raw": "下载原始数据", "dismiss": "知道了",
        "version_changed": "此评估按标准版本 {old} 回答，当前版本为 {new}。",
        "added": "新增条目", "removed": "已删除的条目（回答保留但不计分）", "changed": "有变化的条目（请复核回答）",
        "cleared": "以下条目的回答已不符合新标准，已清除（备注保留）：",
        "saved_failed": "无法保存到浏览器存储：{error}",
        "plan": "编写《运行维护和客户服务方案》",
        "plan_intro": "按附录模板逐节编写方案，随评估一起保存。每节下方列出你在自评中已填写的内容，可一键插入作为初稿。",
        "related": "自评中已填写的内容", "insert": "插入自评内容", "nothing_related": "相关条目尚未回答。",
        "plan_md": "导出方案（Markdown）", "plan_html": "导出方案（可打印 HTML）",
        "plan_progress": "已填写 {written}/{total} 节", "plan_empty": "尚未填写的章节",
        "flag_5_1": "第5.1条：方案应至少包括要求第1、2节的内容，以下章节尚未填写：",
        "flag_5_2": "第5.2条：方案应至少满足第4节的条件，以下章节尚未填写或相关条件未满足：",
        "plan_complete": "各章节均已填写。",
    },
    "en": {
        "assessments": "Assessments", "current": "Current assessment", "new": "New assessment", "rename": "Rename",
        "delete": "Delete", "export": "Export JSON", "import": "Import JSON", "report_view": "Report view",
        "print": "Print report", "back": "Back to checklist", "details": "Assessment details",
        "result": "Self-assessment result", "noscript": "This checklist needs JavaScript.",
        "untitled": "Untitled assessment", "rename_prompt": "New name:",
        "delete_confirm": "Delete the assessment \u201c{name}\u201d? This cannot be undone.",
        "answered_count": "answered {answered}/{total}",
        "live": "Verdict: {verdict}, score {percent}",
        "import_bad": "Could not import \u201c{file}\u201d; your current work is unchanged:",
        "import_ok": "Imported \u201c{file}\u201d as the new assessment \u201c{name}\u201d.",
        "too_big": "The file is larger than 1 MB.", "not_json": "The file is not valid JSON: {error}",
        "corrupt": "The checklist data saved in this browser is corrupt and cannot be read. The raw text is backed "
                   "up and can be downloaded; the checklist starts empty.",
        "download_raw": "Download the raw data", "dismiss": "Dismiss",
        "version_changed": "This assessment was answered against criteria version {old}; the current version is {new}.",
        "added": "Added items", "removed": "Removed items (answers kept, not scored)",
        "changed": "Changed items (check your answers)",
        "cleared": "These answers no longer fit the new criteria and were cleared (notes kept):",
        "saved_failed": "Could not save to browser storage: {error}",
        "plan": "Write the O&M and Customer Service Plan",
        "plan_intro": "Write the plan section by section from the appendix template; it is saved with the assessment. "
                      "Under each section is what you already said in the checklist, to insert as a first draft.",
        "related": "What you said in the checklist", "insert": "Insert checklist answers",
        "nothing_related": "The related items are not answered yet.",
        "plan_md": "Export plan (Markdown)", "plan_html": "Export plan (printable HTML)",
        "plan_progress": "{written}/{total} sections written", "plan_empty": "Sections not written yet",
        "flag_5_1": "Clause 5.1: the plan must cover at least sections 1 and 2 of the requirements; not written yet:",
        "flag_5_2": "Clause 5.2: the plan must meet at least the conditions of section 4; not written, or the condition not met:",
        "plan_complete": "Every section is written.",
    },
}


def app(criteria: Criteria, lang: str) -> str:
    """The whole checklist: toolbar, assessment details, live result, the form and the report view."""
    strings = {**plan.LABELS[lang], **MESSAGES[lang]}
    m = {k: escape(v) for k, v in strings.items()}
    meta = "".join(
        f'<label>{m[k]}<input type="{"date" if k == "date" else "text"}" name="{k}" maxlength="200"></label>'
        for k in ("organisation", "service", "contact", "date")
    )
    # In an attribute, not a <script>: Material's instant navigation re-runs scripts in the content.
    plan_css = escape(plan.PAGE_CSS)
    return (
        f'<div id="sp-checklist" class="cl" data-lang="{lang}" data-strings="{escape(json.dumps(strings, ensure_ascii=False))}" '
        f'data-plan-css="{plan_css}">'
        f'<noscript><p class="cl-noscript">{m["noscript"]}</p></noscript>'
        '<div id="cl-alert" class="cl-alert" role="alert"></div>'
        '<div id="cl-notices" class="cl-notices"></div>'
        f'<div id="cl-app" class="cl-app" hidden>'
        f'<div class="cl-toolbar" role="group" aria-label="{m["assessments"]}">'
        f'<label>{m["current"]} <select id="cl-current"></select></label>'
        f'<button type="button" class="md-button" id="cl-new">{m["new"]}</button>'
        f'<button type="button" class="md-button" id="cl-rename">{m["rename"]}</button>'
        f'<button type="button" class="md-button" id="cl-delete">{m["delete"]}</button>'
        f'<button type="button" class="md-button" id="cl-export">{m["export"]}</button>'
        f'<button type="button" class="md-button" id="cl-import-button">{m["import"]}</button>'
        f'<input type="file" id="cl-import" accept=".json,application/json" hidden>'
        f'<button type="button" class="md-button md-button--primary" id="cl-report-open">{m["report_view"]}</button>'
        "</div>"
        f'<fieldset id="cl-meta" class="cl-meta"><legend>{m["details"]}</legend>{meta}</fieldset>'
        f'<section id="cl-result" class="cl-result" aria-labelledby="cl-result-h">'
        f'<h2 id="cl-result-h">{m["result"]}</h2>'
        '<p id="cl-verdict" class="cl-verdict"></p>'
        '<p id="cl-live" class="cl-visually-hidden" aria-live="polite" aria-atomic="true"></p>'
        '<ul id="cl-sections" class="cl-sections"></ul>'
        '<div id="cl-lists" class="cl-lists"></div>'
        "</section>"
        f"{form(criteria, lang)}"
        f"{plan_writer(criteria, lang)}"
        "</div>"
        f'<section id="cl-report" class="cl-report" hidden aria-labelledby="cl-report-h">'
        f'<div class="cl-toolbar cl-no-print"><button type="button" class="md-button md-button--primary" id="cl-print">{m["print"]}</button>'
        f'<button type="button" class="md-button" id="cl-report-close">{m["back"]}</button></div>'
        f'<h2 id="cl-report-h">{m["report"]}</h2><div id="cl-report-body"></div>'
        "</section>"
        "</div>"
    )


def plan_writer(criteria: Criteria, lang: str) -> str:
    """One text area per template section, with its prompts; checklist.js adds the related answers."""
    m = MESSAGES[lang]
    out = [f'<section id="cl-plan" class="cl-plan" aria-labelledby="cl-plan-h"><h2 id="cl-plan-h">{escape(m["plan"])}</h2>',
           f'<p>{escape(m["plan_intro"])}</p>',
           '<div class="cl-toolbar">'
           f'<button type="button" class="md-button" id="cl-plan-md">{escape(m["plan_md"])}</button>'
           f'<button type="button" class="md-button" id="cl-plan-html">{escape(m["plan_html"])}</button></div>',
           '<div id="cl-plan-status" class="cl-plan-status"></div>']
    for part in criteria.template:
        level = 3 + part.number.count(".")
        title = f"{part.number} {escape(getattr(part.title, lang))}"
        out.append(f'<h{level} id="plan-{part.id}-h">{title}</h{level}>')
        if part.group:
            continue
        prompts = "".join(f"<li>{escape(getattr(p, lang))}</li>" for p in part.prompts)
        out.append(
            f'<div class="cl-plan-part" id="plan-{part.id}" data-part="{part.id}" data-items="{" ".join(part.items)}">'
            + (f'<ul class="tpl-prompts">{prompts}</ul>' if prompts else "")
            + (f'<details class="cl-related"><summary>{escape(m["related"])}</summary><div class="cl-related__body"></div>'
               f'<button type="button" class="md-button" data-action="insert">{escape(m["insert"])}</button></details>'
               if part.items else "")
            + f'<textarea rows="6" data-field="plan" aria-labelledby="plan-{part.id}-h"></textarea></div>'
        )
    out.append("</section>")
    return "".join(out)


_shadowed = {lang: set(MESSAGES[lang]) & set(plan.LABELS[lang]) for lang in MESSAGES}
assert not any(_shadowed.values()), f"MESSAGES shadows assessment.plan.LABELS: {_shadowed}"
