"""mkdocs-macros module: hands the validated criteria to the pages, nothing more."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

import assessment
from assessment import changelog as change_log
from assessment.criteria import Text

from . import checklist, links
from . import review as review_page

_ZH_DIGITS = "零一二三四五六七八九十"
_EN_WORDS = "zero one two three four five six seven eight nine ten".split()
_CHANGE_WORDS = {
    "zh": {"added": "新增的条目", "removed": "删除的条目", "reworded": "改写的条目", "sep": "：", "and": "、",
           "clause": "第{}条", "recommended": "建议条目", "paren": "（{}）"},
    "en": {"added": "Items added", "removed": "Items removed", "reworded": "Items reworded", "sep": ": ",
           "and": ", ", "clause": "clause {}", "recommended": "recommended", "paren": " ({})"},
}


def criteria_path(project_dir: str | Path) -> Path:
    """The data file: $SP_CRITERIA when set (tests, previews), else assessment/criteria.yml."""
    return Path(project_dir, os.environ.get("SP_CRITERIA") or "assessment/criteria.yml")


def define_env(env) -> None:
    """Load and validate the data file once per build; a bad file stops the build."""
    try:
        criteria = assessment.load(criteria_path(env.project_dir))
    except assessment.CriteriaError as exc:
        raise PluginError(f"Invalid criteria data:\n{exc}") from None
    try:
        history = change_log.load()
    except change_log.ChangeLogError as exc:
        raise PluginError(f"Invalid change log:\n{exc}") from None
    lang = env.conf["theme"]["language"]

    env.variables["criteria"] = criteria
    env.variables["criteria_json"] = criteria.model_dump_json()
    env.variables["thresholds"] = criteria.thresholds
    env.variables["lang"] = lang

    @env.filter
    def tr(text: Text) -> str:
        """The text in this build's language."""
        return getattr(text, lang)

    @env.filter
    def count(n: int) -> str:
        """A small count as a word: 一/两/三 in Chinese (一种, 两种), one/two/three in English."""
        if lang == "zh":
            return "两" if n == 2 else _ZH_DIGITS[n] if n <= 10 else str(n)
        return _EN_WORDS[n] if n <= 10 else str(n)

    @env.filter
    def plural(word: str, n: int) -> str:
        """English plural for a count; Chinese has none."""
        return word if n == 1 or lang == "zh" else word + "s"

    @env.macro
    def disclaimer() -> str:
        """That the self-assessment is the SP's own, not the operator's review: one text for every page."""
        return escape(checklist.MESSAGES[lang]["disclaimer"])

    @env.macro
    def checklist_app() -> str:
        """The self-assessment checklist for this language."""
        return checklist.app(criteria, lang, links.for_page(env.conf, env.page))

    @env.macro
    def translation(name: str) -> str:
        """Link to page `name` (its file name without .md) in the other language, from this page."""
        return links.for_page(env.conf, env.page).translation(name)

    @env.macro
    def review_app() -> str:
        """The operator's review page for this language."""
        return review_page.app(criteria, lang, links.for_page(env.conf, env.page))

    @env.macro
    def plan_template(heading_level: int = 2) -> str:
        """The appendix template as Markdown, one anchored heading per section."""
        out = []
        for part in criteria.template:
            depth = heading_level + part.number.count(".")
            anchor = "tpl-" + part.number.replace(".", "-")
            out.append(f"{'#' * depth} {part.number} {tr(part.title)} {{ #{anchor} }}\n")
            if part.prompts:
                # The document marks prompts with ─; CSS draws it so the text stays the document's.
                lis = "".join(f"<li>{escape(tr(p))}</li>" for p in part.prompts)
                out.append(f'<ul class="tpl-prompts">{lis}</ul>\n')
        return "\n".join(out)

    @env.macro
    def changelog(heading_level: int = 3) -> str:
        """The versions of the criteria and the site, newest first, each with the items it changed."""
        words = _CHANGE_WORDS[lang]
        known = {item.id: item for item in criteria.items}

        def label(item_id: str) -> str:
            item = known.get(item_id)  # a removed item is no longer in the data file
            if item is None:
                return f"`{item_id}`"
            where = words["clause"].format(item.clause) if item.clause else words["recommended"]
            return f"`{item_id}`" + words["paren"].format(where)

        out = []
        for entry in history.entries:
            anchor = "changelog-" + "".join(c if c.isalnum() else "-" for c in entry.version)
            out.append(f"{'#' * heading_level} {escape(entry.version)} · {entry.date.isoformat()} {{ #{anchor} }}\n")
            lines = [escape(tr(change)) for change in entry.changes]
            for key in ("added", "removed", "reworded"):
                ids = getattr(entry, key)
                if ids:
                    lines.append(words[key] + words["sep"] + words["and"].join(label(i) for i in ids))
            out.append("".join(f"- {line}\n" for line in lines))
        return "\n".join(out)


def on_post_build(env) -> None:
    """Publish the validated criteria at assets/criteria.json for the checklist and scoring.js.

    Contract: the JSON is Criteria.model_dump() of assessment/criteria.py, keys as in the data file.
    """
    out = Path(env.conf["site_dir"], "assets", "criteria.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(env.variables["criteria_json"], encoding="utf-8")
