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

from assessment import plan, review
from assessment.criteria import Criteria

from .links import Links

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True,
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)

# Words only the review page uses; {name} marks a value the app fills in.
MESSAGES = {
    "zh": {
        "noscript": "审核页面需要启用 JavaScript。", "reviews": "审核", "current": "当前审核",
        "open": "打开答卷文件", "delete_review": "删除此审核", "export_review": "导出审核文件",
        "print_review": "打印审核报告", "empty_state": "尚未打开任何答卷文件。请打开 SP 从自评清单导出的 JSON 文件开始审核；"
        "也可以打开之前导出的审核文件继续审核。审核内容只保存在本浏览器中。",
        "file": "文件", "details": "SP 信息", "recomputed": "重新计算的结果", "by_item": "逐条审核",
        "plan_review": "方案逐节审核", "sp_answer": "SP 的回答", "sp_text": "SP 编写的内容",
        "add_condition": "添加条件", "remove_condition": "删除条件", "overall_h": "总体审核结论",
        "refused": "无法打开“{file}”，当前审核未改变：", "opened": "已打开“{file}”，开始新的审核。",
        "already": "“{file}”已在审核中（同一文件），已切换到该审核。",
        "not_bound": "本浏览器保存的一份审核注明了与“{file}”相同的 SHA-256，但其中的答复与该文件不同，不是对该文件的审核；已为该文件新开一份审核。", "continued": "已打开审核文件“{file}”，可继续审核。",
        "result_differs": "文件中保存的结果与重新计算的结果不同：{fields}。以重新计算的结果为准。",
        "result_field": "{key} 文件中为 {saved}，重新计算为 {now}",
        "version_differs": "SP 按自评表版本 {old} 作答，本站自评表版本为 {new}。",
        "export_bad": "审核文件尚不完整，无法导出：", "delete_confirm": "删除对“{name}”的审核？此操作无法撤销。",
        "saved": "已保存在本浏览器", "save_failed": "无法保存到浏览器存储：{error}",
        "not_kept": "不会保存：浏览器禁止本站存储数据",
        "storage_blocked": "浏览器禁止本站存储数据。审核页面可以照常使用，但关闭或刷新本页后，这里的审核都不会保留。离开前请导出审核文件。",
        "broken": "浏览器中保存的一项审核已损坏，无法读取，已跳过。可下载其原始数据：", "download_raw": "下载原始数据",
        "dismiss": "知道了", "untitled_review": "未命名 SP", "generated": "本报告由审核页面生成",
        "review_of": "对 {name} 的审核", "none_yet": "（无）", "unknown_answers": "SP 文件中的未知条目（不计分）",
        "changed_since": "自审核以来已修改",
        "inbox_h": "审核列表", "open_many": "打开答卷或审核文件（可多选）", "backup_all": "备份全部审核",
        "restore": "从备份恢复", "search": "搜索", "filter": "筛选", "drop_hint": "也可以把多个文件从文件夹拖到此处打开。",
        "col_organisation": "SP名称", "col_service": "业务名称", "col_verdict": "自评结论", "col_criteria_version": "自评表版本",
        "col_state": "审核进度", "col_decision": "审核结论", "col_due": "最早条件期限", "col_edited": "最后编辑",
        "filter_all": "全部", "filter_attention": "需要关注", "filter_not_started": "未开始", "filter_in_progress": "审核中",
        "filter_decided": "已完成", "filter_approved": "批准", "filter_conditional": "有条件批准", "filter_rejected": "不批准",
        "state_not_started": "未开始", "state_in_progress": "已决定 {n}/{total}", "state_decided": "已完成",
        "inbox_count": "显示 {shown} 项，共 {total} 项", "inbox_none": "没有符合筛选或搜索条件的审核。",
        "inbox_more": "再显示 {n} 项（还有 {rest} 项）",
        "attention_count": "{n} 处需关注", "resubmission": "重新提交", "this_review": "此审核",
        "progress": "已决定 {n}/{total}", "accept_all": "其余全部通过",
        "accept_all_confirm": "将尚未决定的 {n} 个条目和方案章节全部设为“通过”？",
        "accepted_all": "已将 {n} 个尚未决定的条目和方案章节设为“通过”。", "attention_only": "只显示需要关注的条目",
        "storage_full": "浏览器存储空间已满，这次更改没有保存；已保存的审核都完好。请先备份全部审核，再删除不再需要的审核以腾出空间。",
        "storage_meter": "已用存储 {used}，可用上限 {quota}",
        "opening": "正在打开第 {n} 个文件，共 {total} 个……",
        "opened_many": "已打开 {added} 个新审核；{already} 个已在审核中；{refused} 个无法打开。",
        "merged": "“{file}”所审的文件已在审核中，已切换到该审核；从文件中补入了 {n} 处空白内容，已有的内容未改动。",
        "resubmitted": "“{file}”是“{previous}”的重新提交：未修改的 {kept} 处沿用之前的决定和意见，已修改的 {changed} 处需重新决定。之前的审核仍保留在审核列表中。",
        "history": "重新提交，之前的审核：{previous}。已修改 {changed} 处。",
        "change_line": "自上次审核以来已修改：{old} → {new}", "contradiction_line": "此条目回答为“满足”，但方案不满足第 {clause} 条。",
        "warnings_h": "导出前请确认：", "export_anyway": "仍然导出",
        "warn_not_ready": "批准的提交自评结论为“{verdict}”，不是“就绪”。",
        "warn_due_before": "条件 {n} 的期限 {due} 早于审核日期 {date}。",
        "warn_undecided": "还有 {n} 个条目和方案章节（共 {total} 个）尚未决定。",
        "backup_none": "没有可备份的审核。", "restored": "已从“{file}”恢复 {added} 项审核；{skipped} 项已在本浏览器中，未改动。",
        "restore_bad": "“{file}”中有些内容无法恢复，已跳过：", "restore_refused": "无法从“{file}”恢复，未做任何改动：",
        "contradictions_h": "回答与方案不一致",
    },
    "en": {
        "noscript": "The review page needs JavaScript.", "reviews": "Reviews", "current": "Current review",
        "open": "Open answers file", "delete_review": "Delete this review", "export_review": "Export review file",
        "print_review": "Print review report", "empty_state": "No answers file is open yet. Open the JSON file an SP "
        "exported from the readiness checklist to start a review, or a review file exported earlier to go on with it. "
        "Reviews are kept only in this browser.",
        "file": "File", "details": "SP details", "recomputed": "Recomputed result", "by_item": "Item by item",
        "plan_review": "The plan, section by section", "sp_answer": "The SP's answer", "sp_text": "What the SP wrote",
        "add_condition": "Add a condition", "remove_condition": "Remove condition", "overall_h": "Overall decision",
        "refused": "Could not open \u201c{file}\u201d; the current review is unchanged:",
        "opened": "Opened \u201c{file}\u201d as a new review.",
        "already": "\u201c{file}\u201d is already under review (the same file); switched to that review.",
        "not_bound": "A review kept in this browser names the SHA-256 of \u201c{file}\u201d but holds other answers, so it is not a review of this file; a new review of the file was opened.",
        "continued": "Opened the review file \u201c{file}\u201d to go on with it.",
        "result_differs": "The result saved in the file differs from the recomputed one: {fields}. The recomputed result counts.",
        "result_field": "{key} {saved} in the file, {now} recomputed",
        "version_differs": "The SP answered against criteria version {old}; this site's version is {new}.",
        "export_bad": "The review is not complete enough to export:",
        "delete_confirm": "Delete the review of \u201c{name}\u201d? This cannot be undone.",
        "saved": "Saved in this browser", "save_failed": "Could not save to browser storage: {error}",
        "not_kept": "Not kept: this browser blocks site data",
        "storage_blocked": "This browser blocks site data, so no review done here will be kept once the page is closed "
                           "or reloaded. The page works as usual; export the review file before you leave.",
        "broken": "A review saved in this browser is damaged and cannot be read; it was skipped. Its raw data:",
        "download_raw": "Download the raw data", "dismiss": "Dismiss", "untitled_review": "Unnamed SP",
        "generated": "This report was made by the review page", "review_of": "Review of {name}",
        "none_yet": "(none)", "unknown_answers": "Unknown items in the SP's file (not scored)",
        "changed_since": "changed since the review",
        "inbox_h": "Reviews", "open_many": "Open answers or review files (several at once)", "backup_all": "Back up all reviews",
        "restore": "Restore from a backup", "search": "Search", "filter": "Show", "drop_hint": "You can also drag several files from a folder onto this page.",
        "col_organisation": "SP name", "col_service": "Service", "col_verdict": "Self-assessment", "col_criteria_version": "Checklist version",
        "col_state": "Progress", "col_decision": "Decision", "col_due": "Earliest condition due", "col_edited": "Last edited",
        "filter_all": "All", "filter_attention": "Needs attention", "filter_not_started": "Not started", "filter_in_progress": "In progress",
        "filter_decided": "Decided", "filter_approved": "Approved", "filter_conditional": "Approved with conditions", "filter_rejected": "Rejected",
        "state_not_started": "not started", "state_in_progress": "{n} of {total} decided", "state_decided": "decided",
        "inbox_count": "Showing {shown} of {total}", "inbox_none": "No review matches the filter and search.",
        "inbox_more": "Show {n} more (of {rest} not shown)",
        "attention_count": "needs attention: {n}", "resubmission": "resubmission", "this_review": "This review",
        "progress": "{n} of {total} decided", "accept_all": "Accept all undecided",
        "accept_all_confirm": "Mark every undecided item and plan section \u201cAccepted\u201d ({n} in all)?",
        "accepted_all": "Marked \u201cAccepted\u201d: {n} undecided items and plan sections.", "attention_only": "Show only what needs attention",
        "storage_full": "Browser storage is full, so this change was not saved; every review saved before is intact. "
        "Back up all reviews, then delete reviews you no longer need to make room.",
        "storage_meter": "Storage used: {used} of {quota}",
        "opening": "Opening file {n} of {total}\u2026",
        "opened_many": "Opened as new reviews: {added}; already under review: {already}; could not be opened: {refused}.",
        "merged": "The file \u201c{file}\u201d reviews is already under review; switched to that review. Empty fields "
        "filled in from the file: {n}; nothing already there was changed.",
        "resubmitted": "\u201c{file}\u201d resubmits \u201c{previous}\u201d. Unchanged, with their decisions and comments "
        "kept: {kept}; changed, to decide again: {changed}. The earlier review stays in the list.",
        "history": "Resubmission; earlier review: {previous}. Changed: {changed}.",
        "change_line": "Changed since the last review: {old} \u2192 {new}",
        "contradiction_line": "Answered \u201cmet\u201d, but the plan falls short of clause {clause}.",
        "warnings_h": "Before you export, please check:", "export_anyway": "Export anyway",
        "warn_not_ready": "The submission being approved has the self-assessment verdict \u201c{verdict}\u201d, not \u201cReady\u201d.",
        "warn_due_before": "Condition {n} is due {due}, before the review date {date}.",
        "warn_undecided": "Not decided yet: {n} of {total} items and plan sections.",
        "backup_none": "There is no review to back up.",
        "restored": "Reviews restored from \u201c{file}\u201d: {added}; already in this browser and left as they are: {skipped}.",
        "restore_bad": "Some of \u201c{file}\u201d could not be restored and was left out:",
        "restore_refused": "Could not restore from \u201c{file}\u201d; nothing was changed:",
        "contradictions_h": "Answers that contradict the plan",
    },
}


# The inbox's columns and filters, in review-inbox.js's order (COLUMNS, FILTERS).
INBOX_COLUMNS = ("organisation", "service", "verdict", "criteria_version", "state", "decision", "due", "edited")
INBOX_FILTERS = ("all", "attention", "not_started", "in_progress", "decided", "approved", "conditional", "rejected")


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
        links=links,
        decisions=review.ITEM_DECISIONS, overall=review.DECISIONS, columns=INBOX_COLUMNS, filters=INBOX_FILTERS,
        item_label=lambda d: review.item_decision_label(strings, d),
        overall_label=lambda d: review.decision_label(strings, d),
    )
    # Python-Markdown must see one raw HTML block: no blank or indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
