"""The plan written to a file: .docx (plan/plan_docx.py), Markdown or HTML (plan/plan.py), by the target's suffix.

The bytes are made whole in memory first and then written safely (shared/output_file.py): the usual
permissions, symlinked or read-only targets refused, no temporary file left behind.
"""

from __future__ import annotations

import io
from pathlib import Path

from assessment.answers.answers_file import Answers
from assessment.criteria.model import Criteria
from assessment.plan.plan import html_page, markdown, outline
from assessment.shared.output_file import OutputRefused, check_target, write_file


# --- Word -------------------------------------------------------------------------------------


def docx_document(criteria: Criteria, answers: Answers, result: dict, lang: str = "zh", annex: bool = True):
    """A python-docx Document of the plan (layout in plan/plan_docx.py)."""
    from assessment.plan.plan_docx import build  # loaded late: python-docx is needed for .docx only

    return build(outline(criteria, answers, result, lang, annex), lang)


# --- writing files ----------------------------------------------------------------------------

FORMATS = {".docx": "docx", ".md": "markdown", ".html": "html", ".htm": "html"}
WriteRefused = OutputRefused  # the name callers of write() know


def render(kind: str, criteria: Criteria, answers: Answers, result: dict, lang: str, annex: bool = True) -> bytes:
    """The plan's bytes in one format: "docx", "markdown" or "html"; `annex`: with the self-assessment."""
    if kind == "docx":
        out = io.BytesIO()
        docx_document(criteria, answers, result, lang, annex).save(out)
        return out.getvalue()
    text = (markdown(criteria, answers, result, lang, annex=annex) if kind == "markdown"
            else html_page(criteria, answers, result, lang, annex))
    return text.encode("utf-8")


def write(path: str | Path, criteria: Criteria, answers: Answers, result: dict, lang: str = "zh", annex: bool = True) -> Path:
    """Write the plan in the format its suffix names, made whole in memory first, then written safely
    (output_file.write_file: usual permissions, symlinked or read-only targets refused, no temporary
    file left behind). Raises WriteRefused (a ValueError) naming the path, or OSError."""
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise WriteRefused(f"{path}: unknown format '{path.suffix}'; use .docx, .md or .html")
    check_target(path)  # before the work of making the document
    return write_file(path, render(kind, criteria, answers, result, lang, annex))
