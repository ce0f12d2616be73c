"""The operator's review of one SP submission: the review file, its typed model and validation.

Contract with docs/assets/javascripts/review/review-file.js: both accept and refuse the same review
files (the same bytes), with the same "where: what" messages byte for byte; tests/vectors/reviews.json
runs one set of files through both. Messages never echo numbers (Python and JavaScript write them
differently) and quote at most 40 characters of a bad text.

Twin: docs/assets/javascripts/review/review-file.js (the same rule in the browser).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from assessment.answers import answers_file as answers_mod
from assessment.shared import input_file
from assessment.shared.blank import is_blank
from assessment.criteria.model import Criteria, load
from assessment.review import decisions
from assessment.review import prelaunch_log as test_log_mod
from assessment.criteria import texts

FORMAT = "sp-readiness-review"
FORMAT_VERSION = 2  # 2 added the pre-launch test log and the submission's exact text; 1 is still read
VERSIONS = (1, 2)
MAX_BYTES = input_file.REVIEW_MAX_BYTES  # the answers file twice (its answers and its text), comments, the test log
MAX_DEPTH = 64
# The decisions a reviewer may give (assessment/review_decisions.yml, review/decisions.py).
ITEM_DECISIONS = decisions.load().item_ids
DECISIONS = decisions.load().overall_ids
REVIEWER_KEYS = ("name", "organisation", "date")
ENTRY_KEYS = ("decision", "comment")
CONDITION_KEYS = ("text", "due")
TOP_KEYS_1 = ("format", "format_version", "criteria_version", "submission_sha256", "submission", "reviewer",
              "items", "plan", "decision", "conditions", "summary")
TOP_KEYS = TOP_KEYS_1 + ("submission_text", "test_log")
TEXT_NOT_HASHED = ("submission_text: its SHA-256 is not submission_sha256; it is not the text of the file reviewed")
TEXT_OTHER = "submission_text: holds other answers than the submission in this review"

# Words for decisions, in both languages of the site; the review page receives them with
# assessment.plan.LABELS, so none of these keys may shadow a key there (checked in macros/review.py).
LABELS = texts.table("review")


class ReviewError(ValueError):
    """The review file is refused; each line is "FILE: where: what"."""


@dataclass(frozen=True)
class Entry:
    """The reviewer's word on one item or one plan section."""

    decision: str | None = None  # accepted | needs_work | rejected
    comment: str = ""


@dataclass(frozen=True)
class Condition:
    text: str
    due: str  # YYYY-MM-DD


@dataclass
class Review:
    criteria_version: str
    submission_sha256: str
    submission: answers_mod.Answers
    submission_doc: dict  # the answers file as reviewed, as it was in the review file
    reviewer: dict[str, str]
    items: dict[str, Entry] = field(default_factory=dict)
    plan: dict[str, Entry] = field(default_factory=dict)
    decision: str | None = None  # approved | conditional | rejected; None while in progress
    conditions: list[Condition] = field(default_factory=list)
    summary: str = ""
    test_log: dict | None = None  # format 2: the pre-launch test log (assessment/review/prelaunch_log.py)
    submission_text: str | None = None  # format 2: the reviewed file's text, whose SHA-256 is submission_sha256


# --- how a value is named in a message (same text as review/review-file.js) ------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def quote(text: str) -> str:
    """A text as JSON.stringify writes it, cut to 40 characters; lone surrogates escaped as JS does."""
    cut = text[:40] + "…" if len(text) > 40 else text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(cut, ensure_ascii=False))


def show(value: object) -> str:
    """A bad value in a message: texts quoted, everything else by its kind (numbers never echoed)."""
    if isinstance(value, str):
        return quote(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def key(path: str, name: str) -> str:
    """path.name, or path[\"name\"] when the name is not plain letters, digits, - and _."""
    if _PLAIN_KEY.fullmatch(name):
        return f"{path}.{name}" if path else name
    return f"{path}[{quote(name)}]"


def js_order(keys) -> list[str]:
    """Keys in the order JavaScript's Object.keys lists them: array indices ascending, then the rest."""
    keys = list(keys)

    def is_index(k: str) -> bool:
        return k.isascii() and k.isdigit() and (k == "0" or not k.startswith("0")) and int(k) < 2**32 - 1

    return sorted((k for k in keys if is_index(k)), key=int) + [k for k in keys if not is_index(k)]


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (year 0001 to 9999)."""
    m = _DATE.fullmatch(value) if isinstance(value, str) else None
    if not m:
        return False
    year, month, day = (int(g) for g in m.groups())
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= days[month - 1]


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# --- validation --------------------------------------------------------------------------------


def problems(criteria: Criteria, doc: object) -> list[str]:
    """Every problem with a review document, as "where: what" lines; empty when valid."""
    if _depth(doc) > MAX_DEPTH:
        return [f"(top level): nested deeper than {MAX_DEPTH} levels"]
    if not isinstance(doc, dict):
        return ["(top level): expected a JSON object"]
    version = doc.get("format_version")
    known = TOP_KEYS_1 if _number(version) and version == 1 else TOP_KEYS
    out = [f"(top level): unknown key {quote(k)}" for k in js_order(doc) if k not in known]
    if doc.get("format") != FORMAT:
        out.append(f'format: expected "{FORMAT}", got {show(doc.get("format"))}')
    if not (_number(version) and version in VERSIONS):
        out.append(f"format_version: expected {' or '.join(map(str, VERSIONS))}, got {show(version)}")
    if not isinstance(doc.get("criteria_version"), str):
        out.append(f"criteria_version: expected a string, got {show(doc.get('criteria_version'))}")
    sha = doc.get("submission_sha256")
    if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        out.append(f"submission_sha256: expected 64 lowercase hexadecimal digits, got {show(sha)}")
    submission = doc.get("submission")
    if not isinstance(submission, dict):
        out.append(f"submission: expected an object, got {show(submission)}")
    else:
        out += [f"submission.{p}" for p in submission_problems(criteria, submission)]
    reviewer = doc.get("reviewer")
    if not isinstance(reviewer, dict):
        out.append(f"reviewer: expected an object, got {show(reviewer)}")
    else:
        for k in js_order(reviewer):
            value = reviewer[k]
            if k not in REVIEWER_KEYS:
                out.append(f"reviewer: unknown key {quote(k)}")
            elif not isinstance(value, str):
                out.append(f"reviewer.{k}: expected a string, got {show(value)}")
            elif k == "date" and value and not is_date(value):
                out.append(f"reviewer.date: expected a date (YYYY-MM-DD), got {show(value)}")
    for part, allowed in (("items", ITEM_DECISIONS), ("plan", ITEM_DECISIONS)):
        if part in doc:
            out += _entries_problems(part, doc[part], allowed)
    decision = doc.get("decision")
    if "decision" in doc and decision not in DECISIONS:
        out.append(f"decision: expected one of {', '.join(DECISIONS)}, got {show(decision)}")
    if "conditions" in doc:
        out += _conditions_problems(doc["conditions"], decision)
    if "summary" in doc and not isinstance(doc["summary"], str):
        out.append(f"summary: expected a string, got {show(doc['summary'])}")
    if "test_log" in doc and known is TOP_KEYS:
        out += test_log_mod.problems(doc["test_log"], show, quote)
    if "submission_text" in doc and known is TOP_KEYS:
        out += _text_problems(criteria, doc, not out)
    return out


def _text_problems(criteria: Criteria, doc: dict, rest_valid: bool) -> list[str]:
    """The embedded text must be the file reviewed: its SHA-256 is submission_sha256 and it holds the
    submission's answers (checked only when the rest of the review is valid)."""
    text = doc["submission_text"]
    if not isinstance(text, str):
        return [f"submission_text: expected a string, got {show(text)}"]
    if not rest_valid:
        return []
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file's text (JavaScript hashes it as U+FFFD)
        return [TEXT_NOT_HASHED]
    if sha256(data) != doc["submission_sha256"]:
        return [TEXT_NOT_HASHED]
    try:
        named = answers_mod.read_bytes(criteria, data, "<text>")
    except answers_mod.AnswersError:
        return [TEXT_OTHER]
    submission = answers_mod.parse(criteria, doc["submission"], "<submission>")
    return [] if same_submission(named, submission) else [TEXT_OTHER]


def submission_problems(criteria: Criteria, submission: dict) -> list[str]:
    """The checklist's own rules for the answers file inside the review (the one place they are called)."""
    return answers_mod.problems(criteria, submission)


def _entries_problems(part: str, entries: object, allowed: tuple[str, ...]) -> list[str]:
    if not isinstance(entries, dict):
        return [f"{part}: expected an object, got {show(entries)}"]
    out = []
    for ident in js_order(entries):
        where, entry = key(part, ident), entries[ident]
        if not isinstance(entry, dict):
            out.append(f"{where}: expected an object, got {show(entry)}")
            continue
        for k in js_order(entry):
            if k not in ENTRY_KEYS:
                out.append(f"{where}: unknown key {quote(k)}")
        if "decision" in entry and entry["decision"] not in allowed:
            out.append(f"{where}.decision: expected one of {', '.join(allowed)}, got {show(entry['decision'])}")
        if "comment" in entry and not isinstance(entry["comment"], str):
            out.append(f"{where}.comment: expected a string, got {show(entry['comment'])}")
    return out


def _conditions_problems(conditions: object, decision: object) -> list[str]:
    if not isinstance(conditions, list):
        return [f"conditions: expected a list, got {show(conditions)}"]
    conditional = decisions.load().with_conditions
    out = [] if decision == conditional or not conditions else [f'conditions: only a "{conditional}" decision has conditions']
    for n, condition in enumerate(conditions):
        where = f"conditions[{n}]"
        if not isinstance(condition, dict):
            out.append(f"{where}: expected an object, got {show(condition)}")
            continue
        for k in js_order(condition):
            if k not in CONDITION_KEYS:
                out.append(f"{where}: unknown key {quote(k)}")
        text = condition.get("text")
        if not (isinstance(text, str) and not is_blank(text)):
            out.append(f"{where}.text: expected a text, got {show(text)}")
        if not is_date(condition.get("due")):
            out.append(f"{where}.due: expected a date (YYYY-MM-DD), got {show(condition.get('due'))}")
    return out


def _depth(doc: object) -> int:
    """How deeply containers nest (the top-level object is 1), without recursion."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            stack += [(v, depth + 1) for v in (node.values() if isinstance(node, dict) else node)]
    return deepest


# --- reading -----------------------------------------------------------------------------------


def _entries(raw: dict | None) -> dict[str, Entry]:
    return {k: Entry(v.get("decision"), v.get("comment", "")) for k, v in (raw or {}).items()}


def parse(criteria: Criteria, doc: object, source: str = "<review>") -> Review:
    """Validate a review document; raise ReviewError listing every problem as "SOURCE: where: what"."""
    found = problems(criteria, doc)
    if found:
        raise ReviewError("\n".join(f"{source}: {p}" for p in found))
    return Review(
        criteria_version=doc["criteria_version"],
        submission_sha256=doc["submission_sha256"],
        submission=answers_mod.parse(criteria, doc["submission"], f"{source}: submission"),
        submission_doc=doc["submission"],
        reviewer=dict(doc["reviewer"]),
        items=_entries(doc.get("items")),
        plan=_entries(doc.get("plan")),
        decision=doc.get("decision"),
        conditions=[Condition(c["text"], c["due"]) for c in doc.get("conditions", [])],
        summary=doc.get("summary", ""),
        test_log=doc.get("test_log"),
        submission_text=doc.get("submission_text"),
    )


OUT_OF_RANGE = "(top level): a number out of range (beyond what a double holds)"


def decode(data: bytes) -> tuple[object, str | None]:
    """JSON from a file's bytes as review/review-file.js decodes it: UTF-8, one BOM allowed, no NaN, and
    numbers of any size read as JavaScript reads them, those beyond a double's range refused."""
    if len(data) > MAX_BYTES:
        return None, input_file.too_big(len(data), "review")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "(top level): not UTF-8 text"
    out_of_range = []

    def number(token: str) -> float:
        x = float(token)  # never raises: a huge token is inf
        if not math.isfinite(x):
            out_of_range.append(token)
        return x

    def integer(digits: str) -> int | float:
        if len(digits) < 16:
            return int(digits)
        x = number(digits)  # as JavaScript reads it: exact below 2**53, else the nearest double
        return int(x) if math.isfinite(x) and abs(x) < 2**53 else x

    try:
        doc = json.loads(text, parse_constant=_refuse_constant, parse_int=integer, parse_float=number)
    except RecursionError:
        return None, f"(top level): nested deeper than {MAX_DEPTH} levels"
    except ValueError:
        return None, "(top level): not valid JSON"
    return (None, OUT_OF_RANGE) if out_of_range else (doc, None)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def read_bytes(criteria: Criteria, data: bytes, source: str = "<review>") -> Review:
    doc, problem = decode(data)
    if problem:
        raise ReviewError(f"{source}: {problem}")
    return parse(criteria, doc, source)


def read(criteria: Criteria, path: str | Path) -> Review:
    """Read and validate a review file from disk (a regular file within MAX_BYTES; shared/input_file.py)."""
    try:
        data = input_file.read(path, "review")
    except input_file.InputRefused as exc:
        raise ReviewError(str(exc)) from None
    return read_bytes(criteria, data, str(path))


def read_either(path: str | Path) -> bytes:
    """The bytes of a file that may be an answers file or a review file (summary): a regular file
    within the larger limit; one too large is refused with the limit of the kind its start names."""
    def refuse(size: int, fd: int) -> str:
        return input_file.too_big(size, "review" if FORMAT.encode() in input_file.start(fd) else "answers")

    try:
        return input_file.read_limited(path, MAX_BYTES, refuse)
    except input_file.InputRefused as exc:
        raise answers_mod.AnswersError(exc.path, [exc.problem]) from None


def read_submission(criteria: Criteria, data: bytes, source: str) -> answers_mod.Answers:
    """An SP's answers file from its bytes, by the checklist's one rule (answers.read_bytes)."""
    return answers_mod.read_bytes(criteria, data, source)


def changes_since(criteria: Criteria, review: Review, current: answers_mod.Answers) -> tuple[list[str], list[str]]:
    """What the SP changed since the review, as review/review-file.js's reviewChanges() finds it: the item ids
    (from the criteria and the review) whose answer differs, and the plan section ids whose text differs."""
    before = review.submission
    blank = answers_mod.Answer()

    def ids(known, own):
        return list(dict.fromkeys([*known, *js_order(own)]))

    items = [i for i in ids([i.id for i in criteria.items], review.items)
             if before.answers.get(i, blank) != current.answers.get(i, blank)]
    plan = [p for p in ids([p.id for p in criteria.template if not p.group], review.plan)
            if before.plan.get(p, "") != current.plan.get(p, "")]
    return items, plan


# --- does the review hold the file its SHA-256 names? ----------------------------------------
# A review file names the reviewed file by the SHA-256 of its bytes and carries that file's answers
# (`submission`). Nothing inside the file ties the two together, so wherever the file with that
# SHA-256 is at hand (review --answers, summary, the review page), its answers are compared with the
# ones the review holds; a review whose two halves disagree is refused, never trusted.
# review/review-file.js `bindingProblem` gives the same verdict and text (tests/vectors/reviews.json).

MISMATCH = ("submission_sha256: the file with this SHA-256 holds other answers than the submission "
            "in this review; the review is not of that file")


def _same(a: object, b: object) -> bool:
    """JSON values equal as JavaScript sees them: 1 and 1.0 alike, true and 1 not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if _number(a) or _number(b):
        return _number(a) and _number(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def _canonical(answers: answers_mod.Answers) -> dict:
    """What an answers file says, as compared: an absent note, value or result is the same as an empty one."""
    return {"criteria_version": answers.criteria_version, "format_version": answers.format_version,
            "assessment": answers.assessment, "plan": answers.plan, "result": answers.result,
            "answers": {k: [a.status, a.value, a.note, a.evidence] for k, a in answers.answers.items()}}


def same_submission(a: answers_mod.Answers, b: answers_mod.Answers) -> bool:
    """Whether two answers files say the same (their bytes may still differ in spacing or order)."""
    return _same(_canonical(a), _canonical(b))


def binding_problem(criteria: Criteria, review: Review, data: bytes) -> str | None:
    """For the bytes of the file whose SHA-256 the review names: MISMATCH when the answers in it are
    not those the review holds (or it is no valid answers file), else None."""
    try:
        named = answers_mod.read_bytes(criteria, data, "<named>")
    except answers_mod.AnswersError:
        return MISMATCH
    return None if same_submission(named, review.submission) else MISMATCH


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_review(doc: object) -> bool:
    """Whether a parsed JSON file says it is a review file (valid or not)."""
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def decisions_by_submission(paths, criteria: Criteria | None = None) -> dict[str, tuple[Path, str | None]]:
    """For each submission reviewed in these files (or folders, searched for *.json): its SHA-256
    -> (review file, overall decision; None while in progress).

    Files that are not review files, and review files that are refused, are left out. When several
    reviews are of the same submission, the one with the latest reviewer date wins (then the path).
    """
    criteria = criteria or load()
    reviews = []
    for path in _json_files(paths):
        try:
            data = input_file.read(path, "review")
        except input_file.InputRefused:
            continue
        doc, problem = decode(data)
        if problem or not is_review(doc):
            continue
        try:
            reviews.append((path, parse(criteria, doc, str(path))))
        except ReviewError:
            continue
    return {sha: (path, review.decision) for sha, (path, review) in latest_by_submission(reviews).items()}


def latest_by_submission(reviews) -> dict[str, tuple[Path, Review]]:
    """(path, review) pairs -> for each submission's SHA-256, its latest review: the latest reviewer
    date wins, then the path that sorts last (an undated review counts as the earliest)."""
    found: dict[str, tuple[Path, Review]] = {}
    for path, review in reviews:
        best = found.get(review.submission_sha256)
        if best is None or (review.reviewer.get("date", ""), str(path)) > (best[1].reviewer.get("date", ""), str(best[0])):
            found[review.submission_sha256] = (Path(path), review)
    return found


def _json_files(paths) -> list[Path]:
    out = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            out.append(path)
    return out
