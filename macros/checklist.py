"""The checklist page's static HTML, rendered at build time from the criteria; the ES modules
in docs/assets/javascripts/ (entry: checklist.js) bring it to life.

Contract with those modules (one place for it):
- `#sp-checklist[data-lang][data-strings][data-plan-css]` holds everything; the app sets
  `data-ready="true"` once it works. `data-strings` is assessment.plan.LABELS[lang] merged with
  assessment.review.LABELS[lang] and MESSAGES[lang] below (none may shadow another).
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

from assessment import plan, review
from assessment import quantity as quantities
from assessment.answers import DATE_YEARS
from assessment.criteria import Criteria

from .links import Links

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)

# Text only the app uses, {name} marking a value it fills in. Statuses, verdicts, clause numbers
# and limits come from assessment.plan.LABELS, so each label is kept once.
MESSAGES = {
    "zh": {
        "mandatory": "上线条件", "required": "要求", "recommended": "建议（非要求）",
        "value": "数值", "clear": "清除回答", "texts": "备注和证据", "texts_filled": "备注和证据（已填写）",
        "note_private": "备注仅自己可见：不写入方案（导出的 JSON 仍含备注）",
        "date_implausible": "请填写 {from} 至 {to} 之间的日期", "plan_annex": "附上就绪自评结果（附件）", "draft_in_plan": "（已在方案中）", "keys_hint": "键盘：在任何条目中按 Esc 回到视图标签。",
        "plan_annex_help": "默认附上：联通按自评结果审核方案。如已另行提交 JSON 回答文件，可不附。标为“仅自己可见”的备注不会写入方案。",
        "assessments": "评估", "current": "当前评估", "new": "新建评估", "rename": "重命名", "delete": "删除",
        "export": "导出 JSON", "import": "导入 JSON", "details": "评估信息", "result": "自评结果",
        "noscript": "本清单需要启用 JavaScript。", "loading": "正在载入……",
        "skip": "跳到第一个未回答的条目",
        "views": "视图", "view_answers": "回答", "view_plan": "编写方案", "view_report": "报告",
        "status_bar": "评估状态",
        "untitled": "未命名评估", "rename_prompt": "新名称：", "delete_confirm": "删除评估“{name}”？此操作无法撤销。",
        "answered_count": "已回答 {answered}/{total}", "score_of": "得分 {percent}",
        "live": "结论：{verdict}，得分 {percent}",
        "verdict_contradicted": "{verdict}？回答与方案不一致", "met_contradicted": "满足？与方案不一致",
        "saved": "已保存", "saving": "正在保存……", "save_failed": "未保存：{error}",
        "blocked": "不会保存：浏览器禁止本站存储数据",
        "storage_blocked_notice": "浏览器禁止本站存储数据。清单可以照常使用，但关闭或刷新本页后，这里所做的一切都不会保留。离开前请导出答卷文件。",
        "quota": "浏览器存储空间已满。请导出 JSON 备份，或删除不用的评估或备份。",
        "import_bad": "无法导入“{file}”，当前工作未改变：", "import_ok": "已导入“{file}”，作为新评估“{name}”。",
        "import_unsaved": "已打开“{file}”，但未能保存到浏览器存储（{error}）。请先导出备份或腾出空间。",
        "too_big": "文件超过 1 MB。", "not_json": "文件不是有效的 JSON：{error}",
        "download_raw": "下载原始数据", "dismiss": "知道了", "remove_broken": "删除这份数据",
        "broken": "浏览器中保存的一份评估数据无法读取，已单独存放，其他评估照常打开。可下载其原始内容：",
        "legacy_broken": "浏览器中按旧格式保存的清单数据无法读取。原始内容已备份（{date}），可下载保存。",
        "legacy_kept": "浏览器中按旧格式保存的清单数据无法读取，也无法备份（存储已满），已原样保留，请下载保存。",
        "legacy_differs": "浏览器中旧格式的数据里有 {count} 项评估与现有的不同（{names}），可能是旧页面在升级后仍在保存。旧格式中的版本已作为备份保存（见“备份”），没有删除。",
        "backups": "备份", "backup_of": "{date} 的备份", "no_backups": "没有备份。", "download": "下载", "remove": "删除",
        "remove_backup_confirm": "删除这份备份？此操作无法撤销。",
        "other_tab": "另一个标签页修改了“{field}”，已采用较晚的修改。",
        "other_tab_deleted": "另一个标签页删除了正在编辑的评估。",
        "version_changed": "此评估按自评表版本 {old} 回答，当前版本为 {new}。",
        "changelog": "查看版本变化", "added": "新增条目", "removed": "已删除的条目（回答保留但不计分）",
        "changed": "条件有变化的条目（请逐条确认回答）",
        "cleared": "以下条目的回答已不符合新标准，已清除（备注保留，修改前的数据已备份）：",
        "filter": "显示", "filter_all": "全部条目", "filter_mandatory": "只看上线条件",
        "filter_unanswered": "只看未回答", "filter_gaps": "只看差距",
        "next_unanswered": "下一个未回答", "all_answered": "所有条目都已回答。",
        "sections_nav": "各部分进度", "launch_conditions": "上线条件",
        "more": "还有 {count} 项",
        "bad_number": "请输入不小于 0 的数字；此值未计入结果。",
        "meets": "满足：{limit}", "misses": "未满足：{limit}",
        "min_words": "至少{q}", "max_words": "不超过{q}",
        "min_fail_words": "少于{q}", "max_fail_words": "超过{q}",
        "bad_count": "请输入不小于 0 的整数；此值未计入结果。",
        "terms_changed": "你按自评表版本 {version} 回答此条目，此后条件有变化：请确认回答仍然成立，或修改回答。", "confirm": "确认回答",
        "converted": "以下数值已换算为当前单位（数值的意义不变）：", "unconfirmed": "条件有变化、待确认的回答",
        "review_h": "运营方的审核", "review_comments": "审核意见", "review_overdue": "已逾期",
        "review_changed": "自审核以来已修改", "review_changed_count": "自审核以来已修改：{items} 个条目，{plan} 节方案。",
        "review_bad": "无法导入审核文件“{file}”，当前工作未改变：",
        "review_attached": "已将审核文件“{file}”附到评估“{name}”。",
        "review_replaced": "已将审核文件“{file}”附到评估“{name}”，取代了之前的审核。",
        "review_unsaved": "审核文件“{file}”已附到评估“{name}”，但未能保存到浏览器存储（{error}）。",
        "review_pick_none": "审核文件“{file}”所审的评估（{name}）与本浏览器中的评估都不对应。请选择要附加到哪个评估：",
        "review_pick_many": "审核文件“{file}”所审的评估（{name}）与本浏览器中的多个评估对应。请选择要附加到哪个评估：",
        "review_target": "附加到", "review_as_new": "新建评估（使用审核时的回答）", "review_attach": "附加审核",
        "review_cancel": "取消", "review_remove": "移除审核", "review_remove_confirm": "从此评估移除审核意见？审核文件本身不受影响。",
        "plan": "编写《运行维护和客户服务方案》",
        "plan_intro": "按附录模板逐节编写方案，随评估一起保存。每节下方列出你在自评中已写的备注、证据和数值，可一键插入作为初稿。",
        "related": "可插入的自评内容", "insert": "插入我的回答", "nothing_related": "相关条目还没有备注、证据或数值。",
        "plan_md": "导出方案（Markdown）", "plan_html": "导出方案（可打印 HTML）", "plan_docx": "导出方案（Word）",
        "plan_docx_busy": "正在生成 Word 文件……", "plan_docx_failed": "无法生成 Word 文件：{error}",
        "plan_progress": "已填写 {written}/{total} 节", "plan_empty": "尚未填写的章节",
        "flag_5_1": "第5.1条：方案应至少包括要求第1、2节的内容，以下章节尚未填写：",
        "flag_5_2": "第5.2条：方案应至少满足第4节的条件，以下章节尚未填写或相关条件未满足：",
        "plan_complete": "各章节均已填写。",
        "contradiction": "此条目回答为“满足”，但方案中仍有问题：",
        "contradictions": "回答与方案不一致",
        "print": "打印报告", "back": "返回",
        "disclaimer": "就绪自评是SP自己按本站清单作出的评估，不是中国联通的审核、测试或批准。结论“就绪”只表示按本站的计分方法满足了清单的条件，不表示业务可以开通。",
    },
    "en": {
        "mandatory": "Launch condition", "required": "Required", "recommended": "Recommended (not a requirement)",
        "value": "Value", "clear": "Clear answer", "texts": "Note and evidence", "texts_filled": "Note and evidence (filled in)",
        "note_private": "Keep this note private: not in the plan (the exported JSON still holds it)",
        "date_implausible": "Enter a date from {from} to {to}", "plan_annex": "Attach the readiness self-assessment (annex)", "draft_in_plan": " (already in the plan)", "keys_hint": "Keyboard: press Esc in any item to go back to the view tabs.",
        "plan_annex_help": "Attached by default: the operator reviews the plan against your self-assessment. Leave it out if you send the JSON answers file separately. Notes marked private never go into the plan.",
        "assessments": "Assessments", "current": "Current assessment", "new": "New assessment", "rename": "Rename",
        "delete": "Delete", "export": "Export JSON", "import": "Import JSON", "details": "Assessment details",
        "result": "Self-assessment result", "noscript": "This checklist needs JavaScript.", "loading": "Loading…",
        "skip": "Skip to the first unanswered item",
        "views": "Views", "view_answers": "Answers", "view_plan": "Write the plan", "view_report": "Report",
        "status_bar": "Assessment status",
        "untitled": "Untitled assessment", "rename_prompt": "New name:",
        "delete_confirm": "Delete the assessment \u201c{name}\u201d? This cannot be undone.",
        "answered_count": "answered {answered}/{total}", "score_of": "Score {percent}",
        "live": "Verdict: {verdict}, score {percent}",
        "verdict_contradicted": "{verdict}? Answers contradict the plan", "met_contradicted": "met? The plan says otherwise",
        "saved": "Saved", "saving": "Saving…", "save_failed": "Not saved: {error}",
        "blocked": "Not kept: this browser blocks site data",
        "storage_blocked_notice": "This browser blocks site data, so nothing done here will be kept once the page is "
                                  "closed or reloaded. The checklist works as usual; export your answers file before you leave.",
        "quota": "Browser storage is full. Export a JSON backup, or delete assessments or backups you no longer need.",
        "import_bad": "Could not import \u201c{file}\u201d; your current work is unchanged:",
        "import_ok": "Imported \u201c{file}\u201d as the new assessment \u201c{name}\u201d.",
        "import_unsaved": "Opened \u201c{file}\u201d, but it could not be saved in browser storage ({error}). "
                          "Export a backup or free some space first.",
        "too_big": "The file is larger than 1 MB.", "not_json": "The file is not valid JSON: {error}",
        "download_raw": "Download the raw data", "dismiss": "Dismiss", "remove_broken": "Delete this data",
        "broken": "One assessment saved in this browser cannot be read. It is set aside and the others open as usual. "
                  "You can download its raw text:",
        "legacy_broken": "The checklist data saved in this browser in the old format cannot be read. The raw text is "
                         "backed up ({date}) and can be downloaded.",
        "legacy_kept": "The checklist data saved in this browser in the old format cannot be read, nor backed up "
                       "(storage is full); it is left as it was: download it.",
        "legacy_differs": "The checklist data saved in this browser in the old format holds {count} assessment(s) that "
                          "differ from the ones kept now ({names}), perhaps from an old page still saving after the "
                          "upgrade. Those old copies are kept as backups (see Backups); nothing was deleted.",
        "backups": "Backups", "backup_of": "Backup of {date}", "no_backups": "No backups.", "download": "Download",
        "remove": "Delete", "remove_backup_confirm": "Delete this backup? This cannot be undone.",
        "other_tab": "Another tab changed \u201c{field}\u201d; the later change is kept.",
        "other_tab_deleted": "Another tab deleted the assessment you were editing.",
        "version_changed": "This assessment was answered against checklist version {old}; the current version is {new}.",
        "changelog": "See what changed", "added": "Added items", "removed": "Removed items (answers kept, not scored)",
        "changed": "Items whose terms changed (confirm each answer)",
        "cleared": "These answers no longer fit the new criteria and were cleared (notes kept; the data before the "
                   "change is backed up):",
        "filter": "Show", "filter_all": "All items", "filter_mandatory": "Launch conditions only",
        "filter_unanswered": "Unanswered only", "filter_gaps": "Gaps only",
        "next_unanswered": "Next unanswered", "all_answered": "Every item is answered.",
        "sections_nav": "Progress by section", "launch_conditions": "Launch conditions",
        "more": "{count} more",
        "bad_number": "Enter a number of 0 or more; this value is not counted.",
        "meets": "Met: {limit}", "misses": "Not met: {limit}",
        "min_words": "at least {q}", "max_words": "at most {q}",
        "min_fail_words": "less than {q}", "max_fail_words": "more than {q}",
        "bad_count": "Enter a whole number of 0 or more; this value is not counted.",
        "terms_changed": "You answered this item under checklist version {version}; its terms have changed since: confirm that your answer still holds, or change it.", "confirm": "Confirm answer",
        "converted": "These numbers were converted into the current unit (their meaning is unchanged):", "unconfirmed": "Answers to confirm (terms changed)",
        "review_h": "The operator's review", "review_comments": "Review comments", "review_overdue": "overdue",
        "review_changed": "changed since the review",
        "review_changed_count": "Changed since the review: {items} items, {plan} plan sections.",
        "review_bad": "Could not import the review file \u201c{file}\u201d; your current work is unchanged:",
        "review_attached": "Attached the review file \u201c{file}\u201d to the assessment \u201c{name}\u201d.",
        "review_replaced": "Attached the review file \u201c{file}\u201d to the assessment \u201c{name}\u201d, "
                           "in place of the earlier review.",
        "review_unsaved": "Attached the review file \u201c{file}\u201d to \u201c{name}\u201d, but it could not be saved "
                          "in browser storage ({error}).",
        "review_pick_none": "The review file \u201c{file}\u201d reviewed an assessment ({name}) that matches none in "
                            "this browser. Choose the assessment to attach it to:",
        "review_pick_many": "The review file \u201c{file}\u201d reviewed an assessment ({name}) that matches several in "
                            "this browser. Choose the assessment to attach it to:",
        "review_target": "Attach to", "review_as_new": "A new assessment (the answers as reviewed)",
        "review_attach": "Attach the review", "review_cancel": "Cancel", "review_remove": "Remove the review",
        "review_remove_confirm": "Remove the review from this assessment? The review file itself is not affected.",
        "plan": "Write the O&M and Customer Service Plan",
        "plan_intro": "Write the plan section by section from the appendix template; it is saved with the assessment. "
                      "Under each section are the notes, evidence and values you gave in the checklist, to insert as a "
                      "first draft.",
        "related": "What you can insert from the checklist", "insert": "Insert my answers",
        "nothing_related": "The related items have no note, evidence or value yet.",
        "plan_md": "Export plan (Markdown)", "plan_html": "Export plan (printable HTML)", "plan_docx": "Export plan (Word)",
        "plan_docx_busy": "Building the Word file…", "plan_docx_failed": "Could not build the Word file: {error}",
        "plan_progress": "{written}/{total} sections written", "plan_empty": "Sections not written yet",
        "flag_5_1": "Clause 5.1: the plan must cover at least sections 1 and 2 of the requirements; not written yet:",
        "flag_5_2": "Clause 5.2: the plan must meet at least the conditions of section 4; not written, or the condition not met:",
        "plan_complete": "Every section is written.",
        "contradiction": "This item is answered \u201cmet\u201d, but the plan still falls short:",
        "contradictions": "Answers that contradict the plan",
        "print": "Print report", "back": "Back",
        "disclaimer": "The readiness self-assessment is the SP's own, made with this site's checklist; it is not China Unicom's "
                      "review, test or approval. \u201cReady\u201d only means the checklist's conditions are met under this "
                      "site's scoring method; it does not mean the service may launch.",
    },
}

# The app also shows the operator's review (reviewnotes.js), in assessment.review's words.
_shadowed = {lang: set(MESSAGES[lang]) & set(plan.LABELS[lang]) | set(MESSAGES[lang]) & set(review.LABELS[lang])
             | set(plan.LABELS[lang]) & set(review.LABELS[lang]) for lang in MESSAGES}
assert not any(_shadowed.values()), f"MESSAGES, assessment.plan.LABELS and assessment.review.LABELS shadow: {_shadowed}"
assert MESSAGES["zh"].keys() == MESSAGES["en"].keys(), "MESSAGES: both languages need the same keys"


def strings(lang: str) -> dict[str, str]:
    """Every label the app shows, in one language."""
    return {**plan.LABELS[lang], **review.LABELS[lang], **MESSAGES[lang]}


SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "javascripts"
_STATIC_IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w.-]+\.js)";', re.MULTILINE)


def module_graph(entry: str = "checklist.js") -> list[str]:
    """Every module the entry imports, directly or not, by file name (dynamic import() left out:
    the Word library loads only when asked). The page names them all, so the browser fetches them
    at once instead of discovering them one import at a time."""
    found, todo = [], [entry]
    while todo:
        name = todo.pop(0)
        if name in found:
            continue
        path = SCRIPTS / name
        if not path.is_file():
            raise ValueError(f"{path}: imported by the checklist but missing")
        found.append(name)
        todo += _STATIC_IMPORT.findall(path.read_text(encoding="utf-8"))
    return found


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
        strings_json=json.dumps(t, ensure_ascii=False),
        date_range=[f"{DATE_YEARS[0]}-01-01", f"{DATE_YEARS[1]}-12-31"], modules=module_graph(),
        # Kept byte for byte (the exported page must equal the command line's): newlines as references.
        plan_css=markupsafe.Markup(str(markupsafe.escape(plan.PAGE_CSS)).replace("\n", "&#10;")),
    )
    # One line: Markdown would end a raw HTML block at a blank line.
    return re.sub(r"\n\s*", " ", html)
