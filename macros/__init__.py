"""mkdocs-macros module: hands the validated criteria to the pages, nothing more."""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError

import assessment
from assessment.criteria import changelog as change_log
from assessment.criteria import versions as history
from assessment.criteria import quantity as quantities
from assessment.criteria.model import Quantity, Text

from . import checklist, links
from . import review as review_page
from assessment.criteria import texts

_CHANGE_WORDS = texts.table("changelog")


def criteria_path(project_dir: str | Path) -> Path:
    """The data file: $SP_CRITERIA when set (tests, previews), else assessment/criteria.yml."""
    return Path(project_dir, os.environ.get("SP_CRITERIA") or "assessment/criteria.yml")


def define_env(env) -> None:
    """Load and validate the data file once per build; a bad file stops the build."""
    try:
        criteria = assessment.load(criteria_path(env.project_dir))
    except assessment.CriteriaError as exc:
        raise PluginError(f"Invalid criteria data:\n{exc}") from None
    # The criteria loaded above were held to this change log; the about page shows it.
    history = change_log.load(change_log.beside(criteria_path(env.project_dir)))
    lang = env.conf["theme"]["language"]

    env.variables["criteria"] = criteria
    env.variables["criteria_json"] = criteria_json(criteria)
    env.variables["thresholds"] = criteria.thresholds
    env.variables["lang"] = lang

    @env.filter
    def tr(text: Text) -> str:
        """The text in this build's language."""
        return getattr(text, lang)

    @env.filter
    def quantity(q: Quantity, words: bool = False) -> str:
        """A threshold with its unit, as every page, document and command writes it: 1小时, 30 minutes.

        `words=True` writes a small whole count as a word for running text: 一种, two channels.
        """
        if not isinstance(q, Quantity):
            raise PluginError(f"the quantity filter takes a threshold such as thresholds.first_reply, got {q!r}")
        return quantities.text(q.value, criteria.units[q.unit], lang, words)

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

        def threshold_name(key: str) -> str:
            """A threshold as readers know it: by the clause of the item that uses it."""
            item = next((i for i in criteria.items if i.threshold == key and i.clause), None)
            return words["clause"].format(item.clause) if item else f"`{key}`"

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
            if entry.thresholds:
                said = [words["from_to"].format(key=threshold_name(c.key), old=quantity(c.from_), new=quantity(c.to))
                        for c in entry.thresholds]
                lines.append(words["thresholds"] + words["sep"] + words["and"].join(said))
            out.append("".join(f"- {line}\n" for line in lines))
        return "\n".join(out)


def criteria_json(criteria) -> str:
    """The contract with the browser: Criteria.model_dump() plus `history` (assessment/criteria/versions.py)."""
    return json.dumps(history.published(criteria), ensure_ascii=False, separators=(",", ":"))


def on_post_build(env) -> None:
    """Publish the validated criteria at assets/criteria.json for the checklist and answers/scoring.js.

    Contract: the JSON is Criteria.model_dump() of assessment/criteria/model.py, keys as in the data file,
    with `history`: what each earlier version recorded (assessment/criteria/versions.py).
    """
    out = Path(env.conf["site_dir"], "assets", "criteria.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(env.variables["criteria_json"], encoding="utf-8")
