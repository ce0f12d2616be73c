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
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from assessment import plan, review
from assessment.criteria import Criteria

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
    },
}


def _strings(lang: str) -> dict[str, str]:
    parts = (plan.LABELS[lang], review.LABELS[lang], MESSAGES[lang])
    shadowed = set(parts[0]) & set(parts[1]) | set(parts[0]) & set(parts[2]) | set(parts[1]) & set(parts[2])
    assert not shadowed, f"review page labels shadow each other: {shadowed}"
    return {k: v for p in parts for k, v in p.items()}


def app(criteria: Criteria, lang: str, site_url: str) -> str:
    """The whole review page for this language; the scripts and styles load only here."""
    strings = _strings(lang)
    html = _TEMPLATES.get_template("review.html").render(
        criteria=criteria, lang=lang, t=strings, strings_json=json.dumps(strings, ensure_ascii=False),
        assets=(urlsplit(site_url or "/").path or "/") + "assets/",
        decisions=review.ITEM_DECISIONS, overall=review.DECISIONS,
        item_label=lambda d: review.item_decision_label(strings, d),
        overall_label=lambda d: review.decision_label(strings, d),
    )
    # Python-Markdown must see one raw HTML block: no blank or indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
