"""The answers file an SP exports from the checklist: the one rule for accepting it.

Contract with docs/assets/javascripts/answers/answers-file.js (`readAnswers`, `validate`): both accept and
refuse the same bytes with the same "where: what" messages, byte for byte; tests/vectors/ runs one
set of files through both, and a fuzz test compares them on random input. The rule, in order:

1. at most MAX_BYTES bytes;
2. UTF-8, with or without a byte order mark; anything else (UTF-16, invalid UTF-8) is refused;
3. JSON that nests at most MAX_DEPTH deep, whose numbers are finite doubles (not 1 followed by
   400 zeros) and whose strings hold no lone surrogate (\\ud800), which no output format
   (terminal, CSV, .docx) can hold. answers/answers-file.js checks this with a small scanner that never
   recurses (`syntax`); Python decides at C speed (`_fast`) and runs the same scanner
   (`_syntax`) only to name the line, column and problem of a file it refuses;
4. the document's shape (`problems`): nulls and booleans are not objects or numbers; unknown
   top-level keys are dropped, never kept; the optional `evidence` block (the aggregate measured
   from a ticket export) is checked to its last cell by evidence/block.py.

Twin: docs/assets/javascripts/answers/answers-file.js (the same rule in the browser).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from assessment.shared import input_file
from assessment.evidence import block as evidence_block
from assessment.criteria.model import Criteria
from assessment.shared import json_syntax
from assessment.shared.formatting import clip, js_keys, show
from assessment.criteria.quantity import convertible

FORMAT = "sp-readiness-answers"
FORMAT_VERSIONS = (1, 2, 3)  # 2 adds the optional `plan`, 3 each number's `unit` and an answer's `version`; all read
MAX_BYTES = input_file.ANSWERS_MAX_BYTES
MAX_DEPTH = 64  # objects and arrays inside each other; the checklist writes 4
MAX_PROBLEMS = 100  # listed per file; the rest are counted
STATUSES = ("met", "partial", "unmet", "na")
TOP_KEYS = ("format", "format_version", "criteria_version", "assessment", "plan", "evidence", "answers", "result")
ASSESSMENT_KEYS = ("organisation", "service", "contact", "date")
ANSWER_KEYS = ("status", "value", "unit", "version", "note", "evidence", "note_private")
NOT_UTF8 = "(file): not UTF-8 text; save the file as UTF-8"
# The assessment's date: empty, or a real calendar day written YYYY-MM-DD in these years. A year
# such as 50315 is a typing slip, not a date anyone plans for; answers/answers-file.js has the same rule.
DATE_YEARS = (2000, 2099)


class AnswersError(ValueError):
    """The answers file is refused; one "FILE: where: what" line per problem."""

    def __init__(self, source: str, problems: list[str]):
        self.source, self.problems = source, problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


@dataclass(frozen=True)
class Answer:
    status: str | None = None  # met | partial | unmet | na
    value: float | None = None  # min/max items, in `unit`
    unit: str | None = None  # the file's, or for a file without units the one in force for its version
    version: str | None = None  # the criteria version the answer was given or confirmed under, if not the file's
    note: str = ""
    evidence: str = ""
    note_private: bool = False  # the SP keeps the note out of its plan (still in the answers file)


@dataclass
class Answers:
    criteria_version: str
    assessment: dict[str, str]
    answers: dict[str, Answer]  # known and unknown ids alike, in file order
    plan: dict[str, str] = field(default_factory=dict)
    format_version: int = 2
    result: dict | None = None  # what the SP's browser computed, if the file carries it
    evidence: dict | None = None  # first replies measured from a ticket export (evidence/block.py)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_object(value: object) -> bool:
    return isinstance(value, dict)


# --- the document's shape -------------------------------------------------------------------


def problems(criteria: Criteria, doc: object) -> list[str]:
    """Every problem with an answers document, as 'where: what' lines; empty when valid."""
    if not _is_object(doc):
        return ["(top level): expected a JSON object"]
    out = []
    if doc.get("format") != FORMAT:
        out.append(f"format: expected \"{FORMAT}\", got {_got(doc, 'format')}")
    version = doc.get("format_version")
    if not (_is_number(version) and version in FORMAT_VERSIONS):
        versions = ", ".join(map(str, FORMAT_VERSIONS[:-1])) + f" or {FORMAT_VERSIONS[-1]}"
        out.append(f"format_version: expected {versions}, got {_got(doc, 'format_version')}")
    if not isinstance(doc.get("criteria_version"), str):
        out.append(f"criteria_version: expected a string, got {_got(doc, 'criteria_version')}")
    for key, check in (("assessment", _assessment_problems), ("plan", _plan_problems)):
        if key not in doc:
            continue
        if not _is_object(doc[key]):
            out.append(f"{key}: expected an object, got {show(doc[key])}")
        else:
            out += check(doc[key])
    if "evidence" in doc:
        out += evidence_block.problems(doc["evidence"])
    if "result" in doc and not _is_object(doc["result"]):
        out.append(f"result: expected an object, got {show(doc['result'])}")
    answers = doc.get("answers")
    if not _is_object(answers):
        out.append(f"answers: expected an object, got {_got(doc, 'answers')}")
    else:
        items = {item.id: item for item in criteria.items}
        version = doc.get("criteria_version")
        for item_id in js_keys(answers):
            problems_ = _answer_problems(criteria, items.get(item_id), answers[item_id], version)
            out += [f"answers.{clip(item_id)}: {p}" for p in problems_]
    if len(out) > MAX_PROBLEMS:
        out[MAX_PROBLEMS:] = [f"(top level): {len(out) - MAX_PROBLEMS} more problems not listed"]
    return out


def _got(doc: dict, key: str) -> str:
    return show(doc[key]) if key in doc else "nothing"


def _assessment_problems(meta: dict) -> list[str]:
    out = []
    for key in js_keys(meta):
        if key not in ASSESSMENT_KEYS:
            out.append(f"assessment.{clip(key)}: unknown key")
        elif not isinstance(meta[key], str):
            out.append(f"assessment.{key}: expected a string, got {show(meta[key])}")
        elif key == "date" and meta[key] and not plausible_date(meta[key]):
            out.append(f"assessment.date: {show(meta[key])} is not a date from {DATE_YEARS[0]}-01-01 to "
                       f"{DATE_YEARS[1]}-12-31 written YYYY-MM-DD")
    return out


def plausible_date(text: str) -> bool:
    """A real calendar day, YYYY-MM-DD (ASCII digits), in DATE_YEARS."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not all("0" <= c <= "9" for c in text[:4] + text[5:7] + text[8:]):
        return False
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    if not (DATE_YEARS[0] <= year <= DATE_YEARS[1] and 1 <= month <= 12):
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def _plan_problems(plan: dict) -> list[str]:
    return [f"plan.{clip(k)}: expected a string, got {show(plan[k])}" for k in js_keys(plan) if not isinstance(plan[k], str)]


def implied_unit(criteria: Criteria, item, answer: dict, version: object) -> str | None:
    """The unit of a number answer: its own, else the one in force for the version it was given under."""
    unit = answer.get("unit")
    if isinstance(unit, str) or item is None or item.threshold is None:
        return unit if isinstance(unit, str) else None
    given = answer.get("version") if isinstance(answer.get("version"), str) else version
    recorded = criteria.history.get(given, {}).get("units", {}) if isinstance(given, str) else {}
    return recorded.get(item.id) or criteria.thresholds[item.threshold].unit


def _answer_problems(criteria: Criteria, item, answer: object, version: object) -> list[str]:
    if not _is_object(answer):
        return [f"expected an object, got {show(answer)}"]
    out = [f"unknown key {show(k)}" for k in js_keys(answer) if k not in ANSWER_KEYS]
    out += [f"{k}: expected a string, got {show(answer[k])}" for k in ("unit", "version", "note", "evidence")
            if k in answer and not isinstance(answer[k], str)]
    if "note_private" in answer and not isinstance(answer["note_private"], bool):
        out.append(f"note_private: expected true or false, got {show(answer['note_private'])}")
    status, value, unit = answer.get("status"), answer.get("value"), answer.get("unit")
    if status is not None and status not in STATUSES:
        out.append(f"status: {show(status)} is not one of {', '.join(STATUSES)}")
    number = _is_number(value) and math.isfinite(value) and value >= 0
    if value is not None and not number:
        out.append(f"value: {show(value)} is not a finite number ≥ 0")
    if isinstance(unit, str) and unit not in criteria.units:
        out.append(f"unit: {show(unit)} is not one of {', '.join(criteria.units)}")
    if item is None:  # unknown id: kept and reported, never scored
        return out
    if item.kind == "check" and value is not None:
        out.append(f"value: a '{item.kind}' item takes a status, not a value")
    if item.kind == "check" and unit is not None:
        out.append(f"unit: a '{item.kind}' item takes a status, not a unit")
    if item.kind != "check" and status not in (None, "na"):
        out.append(f"status: a '{item.kind}' item takes a value, or status \"na\"")
    if item.kind != "check" and status == "na" and value is not None:
        out.append("value: give a value or status \"na\", not both")
    if status == "na" and not item.na_allowed:
        out.append("status: \"na\" is not allowed for this item")
    if item.kind != "check" and unit is not None and value is None:
        out.append("unit: a unit goes with a value")
    effective = implied_unit(criteria, item, answer, version)
    if item.kind != "check" and effective in criteria.units:
        target = criteria.thresholds[item.threshold].unit
        source, wanted = criteria.units[effective], criteria.units[target]
        if isinstance(unit, str) and not convertible(source, wanted):
            out.append(f"unit: {show(unit)} does not convert into {show(target)}")
        elif number and source.measures == "count" and not float(value).is_integer():
            out.append(f"value: {show(value)} is not a whole number of {show(effective)}")
    return out


def parse(criteria: Criteria, doc: object, source: str = "<answers>") -> Answers:
    """Validate an answers document; raise AnswersError listing every problem."""
    found = problems(criteria, doc)
    if found:
        raise AnswersError(source, found)
    items = {item.id: item for item in criteria.items}
    return Answers(
        criteria_version=doc["criteria_version"],
        assessment=dict(doc.get("assessment", {})),
        answers={
            k: Answer(status=v.get("status"), value=v.get("value"),
                      unit=implied_unit(criteria, items.get(k), v, doc["criteria_version"]) if v.get("value") is not None else None,
                      version=v.get("version"), note=v.get("note", ""), evidence=v.get("evidence", ""),
                      note_private=v.get("note_private") is True)
            for k, v in doc["answers"].items()
        },
        plan=dict(doc.get("plan", {})),
        format_version=int(doc["format_version"]),
        result=doc.get("result"),
        evidence=doc.get("evidence"),
    )


# --- bytes to document ------------------------------------------------------------------------


def too_big(size: int) -> str:
    """The refusal of a file of `size` bytes over MAX_BYTES (answers/answers-file.js `tooBig`)."""
    return input_file.too_big(size, "answers")


def document(data: bytes) -> tuple[object, list[str]]:
    """The JSON document in an answers file's bytes, or the file-level problem that refuses it."""
    if len(data) > MAX_BYTES:
        return None, [too_big(len(data))]
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return None, [NOT_UTF8]
    doc = json_syntax.fast(text, MAX_DEPTH)
    if doc is not json_syntax.REFUSED:
        return doc, []
    # The exact scanner, only for a file that will be refused: it names line and column.
    found = json_syntax.syntax(text, MAX_DEPTH, show)
    if found is None:  # the fast path refused what the scanner accepts: trust the scanner, as answers/answers-file.js does
        return json.loads(text, parse_int=json_syntax.read_int), []
    pos, what = found
    line, column = json_syntax.line_column(text, pos)
    return None, [f"line {line}, column {column}: {what}"]


def accepted(doc: dict) -> dict:
    """The document as kept: unknown top-level keys dropped."""
    return {k: doc[k] for k in TOP_KEYS if k in doc}


def read_bytes(criteria: Criteria, data: bytes, source: str) -> Answers:
    """Read and validate an answers file's bytes; AnswersError names the source and every problem."""
    doc, found = document(data)
    if found:
        raise AnswersError(source, found)
    return parse(criteria, accepted(doc) if _is_object(doc) else doc, source)


def read(criteria: Criteria, path: str | Path) -> Answers:
    """Read and validate an answers file from disk (a regular file within MAX_BYTES; shared/input_file.py)."""
    try:
        data = input_file.read(path, "answers")
    except input_file.InputRefused as exc:
        raise AnswersError(exc.path, [exc.problem]) from None
    return read_bytes(criteria, data, str(path))
