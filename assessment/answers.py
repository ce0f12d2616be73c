"""The answers file an SP exports from the checklist: reading and validation.

Contract with docs/assets/javascripts/scoring.js: both accept and refuse the same files, with
the same rules; tests/vectors/ runs one set of files through both.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from .criteria import Criteria

FORMAT = "sp-readiness-answers"
FORMAT_VERSIONS = (1, 2)  # 2 adds the optional `plan`; 1 still reads
MAX_BYTES = 1_000_000
STATUSES = ("met", "partial", "unmet", "na")
ASSESSMENT_KEYS = ("organisation", "service", "contact", "date")
ANSWER_KEYS = ("status", "value", "note", "evidence")


class AnswersError(ValueError):
    """The answers file is refused; the message names the file, the item and the problem."""


@dataclass(frozen=True)
class Answer:
    status: str | None = None  # met | partial | unmet | na
    value: float | None = None  # min/max items
    note: str = ""
    evidence: str = ""


@dataclass
class Answers:
    criteria_version: str
    assessment: dict[str, str]
    answers: dict[str, Answer]  # known and unknown ids alike, in file order
    plan: dict[str, str] = field(default_factory=dict)
    format_version: int = 2
    result: dict | None = None  # what the SP's browser computed, if the file carries it


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def problems(criteria: Criteria, doc: object) -> list[str]:
    """Every problem with an answers document, as 'where: what' lines; empty when valid."""
    if not isinstance(doc, dict):
        return ["(top level): expected a JSON object"]
    out = []
    if doc.get("format") != FORMAT:
        out.append(f"format: expected \"{FORMAT}\", got {json.dumps(doc.get('format'), ensure_ascii=False)}")
    if doc.get("format_version") not in FORMAT_VERSIONS:
        out.append(f"format_version: expected one of {', '.join(map(str, FORMAT_VERSIONS))}, "
                   f"got {json.dumps(doc.get('format_version'))}")
    if not isinstance(doc.get("criteria_version"), str):
        out.append("criteria_version: expected a string")
    meta = doc.get("assessment", {})
    if not isinstance(meta, dict):
        out.append("assessment: expected an object")
    else:
        for key, value in meta.items():
            if key not in ASSESSMENT_KEYS:
                out.append(f"assessment.{key}: unknown key")
            elif not isinstance(value, str):
                out.append(f"assessment.{key}: expected a string")
    plan = doc.get("plan", {})
    if not isinstance(plan, dict) or not all(isinstance(v, str) for v in plan.values()):
        out.append("plan: expected an object of texts")
    answers = doc.get("answers")
    if not isinstance(answers, dict):
        out.append("answers: expected an object")
        return out
    items = {item.id: item for item in criteria.items}
    for item_id, answer in answers.items():
        out += [f"answers.{item_id}: {p}" for p in _answer_problems(items.get(item_id), answer)]
    return out


def _answer_problems(item, answer: object) -> list[str]:
    if not isinstance(answer, dict):
        return ["expected an object"]
    out = [f"unknown key '{k}'" for k in answer if k not in ANSWER_KEYS]
    out += [f"{k}: expected a string" for k in ("note", "evidence") if k in answer and not isinstance(answer[k], str)]
    status, value = answer.get("status"), answer.get("value")
    if status is not None and status not in STATUSES:
        out.append(f"status: {json.dumps(status, ensure_ascii=False)} is not one of {', '.join(STATUSES)}")
    if value is not None and not (_is_number(value) and math.isfinite(value) and value >= 0):
        out.append(f"value: {json.dumps(value, ensure_ascii=False)} is not a finite number ≥ 0")
    if item is None:  # unknown id: kept and reported, never scored
        return out
    if item.kind == "check" and value is not None:
        out.append(f"value: a '{item.kind}' item takes a status, not a value")
    if item.kind != "check" and status not in (None, "na"):
        out.append(f"status: a '{item.kind}' item takes a value, or status \"na\"")
    if item.kind != "check" and status == "na" and value is not None:
        out.append("value: give a value or status \"na\", not both")
    if status == "na" and not item.na_allowed:
        out.append("status: \"na\" is not allowed for this item")
    return out


def parse(criteria: Criteria, doc: object, source: str = "<answers>") -> Answers:
    """Validate an answers document; raise AnswersError listing every problem."""
    found = problems(criteria, doc)
    if found:
        raise AnswersError("\n".join(f"{source}: {p}" for p in found))
    return Answers(
        criteria_version=doc["criteria_version"],
        assessment=dict(doc.get("assessment", {})),
        answers={
            k: Answer(status=v.get("status"), value=v.get("value"),
                      note=v.get("note", ""), evidence=v.get("evidence", ""))
            for k, v in doc["answers"].items()
        },
        plan=dict(doc.get("plan", {})),
        format_version=doc["format_version"],
        result=doc.get("result") if isinstance(doc.get("result"), dict) else None,
    )


def read(criteria: Criteria, path: str | Path) -> Answers:
    """Read and validate an answers file from disk."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise AnswersError(f"{path}: file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise AnswersError(f"{path}: cannot read the file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise AnswersError(f"{path}: not UTF-8 text") from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        raise AnswersError(f"{path}: not JSON ({exc})") from None
    return parse(criteria, doc, str(path))


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")
