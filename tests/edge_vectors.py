"""Vectors at every boundary the rules have, computed from a criteria data file (never typed), for
both scorers: Python's tests run them here, and the Node and Chromium tests compare answers/scoring.js and
review/review-file.js with Python on them.

- answers exactly at `scoring.ready_percent` with a ready verdict, and one step below it;
- each threshold exactly, and the nearest numbers on either side of it;
- review files at the nesting and size limits and one past, and due dates on century and leap days.
"""

from __future__ import annotations

import json
import math

from assessment.shared import formatting
from assessment.review import review_file as review_mod
from assessment.criteria.model import Criteria

HEAD = {"format": "sp-readiness-answers", "format_version": 2}


def _doc(criteria: Criteria, answers: dict) -> dict:
    return {**HEAD, "criteria_version": criteria.version, "answers": answers}


def _answer(criteria: Criteria, item, status: str | None) -> dict | None:
    """The answer that gives `status` to the item (a value at its threshold for met, just past it for unmet)."""
    if status is None:
        return None
    if item.kind == "check" or status == "na":
        return {"status": status}
    limit = criteria.threshold(item).value
    if status == "met":
        return {"value": limit}
    return {"value": limit - 1 if item.kind == "min" else limit + 1}


def _choices(item) -> list[str | None]:
    """Statuses an item may take in a file that is not refused a ready verdict by its level alone."""
    if item.level == "mandatory":
        return ["met"]
    numeric = item.kind != "check"
    choices = ["met"] if numeric else ["met", "partial"]
    if item.level == "recommended":
        choices += ["unmet", None]
    if item.na_allowed:
        choices.append("na")
    return choices


def _reachable(criteria: Criteria) -> dict[tuple[int, int], dict[str, str | None]]:
    """Every (earned, possible) a ready-eligible file can reach, with one choice of statuses for each."""
    credit = {"met": 2, "partial": 1, "unmet": 0, None: 0}
    states: dict[tuple[int, int], dict[str, str | None]] = {(0, 0): {}}
    for item in criteria.items:
        step = {}
        for (earned, possible), chosen in states.items():
            for status in _choices(item):
                key = (earned, possible) if status == "na" else (earned + item.weight * credit[status], possible + 2 * item.weight)
                step.setdefault(key, {**chosen, item.id: status})
        states = step
    return states


def ready_edges(criteria: Criteria) -> list[dict]:
    """Files exactly at ready_percent (ready) and at the nearest percent below it (conditional).

    Raises ValueError when no file can land exactly on the threshold: then the data file's
    ready_percent cannot be met exactly and the edge must be thought about, not skipped."""
    ready = criteria.scoring.ready_percent
    states = _reachable(criteria)
    exact = sorted(k for k in states if k[1] and k[0] * 100 == ready * k[1])
    if not exact:
        raise ValueError(f"no answers reach exactly {ready}% with these items and weights")
    below = max((k for k in states if k[1] and k[0] * 100 < ready * k[1]), key=lambda k: (k[0] / k[1], k))
    out = []
    for name, key, verdict in (("exactly at ready_percent is ready", exact[0], "ready"),
                               ("just below ready_percent is conditional", below, "conditional")):
        chosen = states[key]
        answers = {i.id: a for i in criteria.items if (a := _answer(criteria, i, chosen[i.id])) is not None}
        out.append({"name": f"{name} ({key[0]} of {key[1]})", "doc": _doc(criteria, answers), "verdict": verdict,
                    "earned": key[0], "possible": key[1]})
    return out


def threshold_edges(criteria: Criteria) -> list[dict]:
    """For each item with a threshold: the value exactly at it and the nearest doubles either side."""
    out = []
    for item in criteria.items:
        if item.kind == "check":
            continue
        limit = criteria.threshold(item).value
        edges = [("exactly at", limit), ("one below", limit - 1), ("one above", limit + 1)]
        if criteria.unit_of(item).measures != "count":  # a count is whole: no number lies between
            edges += [("just below", math.nextafter(limit, -math.inf)), ("just above", math.nextafter(limit, math.inf))]
        for label, value in edges:
            met = value >= limit if item.kind == "min" else value <= limit
            out.append({"name": f"{item.id} {label} its threshold ({value!r})",
                        "doc": _doc(criteria, {item.id: {"value": value}}), "item": item.id,
                        "status": "met" if met else "unmet"})
    return out


def answers_edges(criteria: Criteria) -> list[dict]:
    return ready_edges(criteria) + threshold_edges(criteria)


# --- review files -------------------------------------------------------------------------------


def review_edges(base: dict) -> list[dict]:
    """Review files (bytes) at the limits of review/review_file.py, from a valid conditional review `base`."""
    out = []

    def add(name: str, data: bytes, accepted: bool) -> None:
        out.append({"name": name, "data": data, "accepted": accepted})

    for due, real in (("2000-02-29", True), ("2024-02-29", True), ("1900-02-29", False), ("2100-02-29", False),
                      ("2023-02-29", False), ("2024-04-31", False), ("2024-12-31", True), ("2024-13-01", False),
                      ("0001-01-01", True), ("9999-12-31", True), ("0000-01-01", False), ("2024-2-29", False)):
        doc = {**base, "conditions": [{"text": "t", "due": due}]}
        add(f"a condition due {due}", json.dumps(doc).encode(), real)
        doc = {**base, "reviewer": {**base.get("reviewer", {}), "date": due}}
        add(f"a reviewer date {due}", json.dumps(doc).encode(), real)
    # Nesting: an unknown key of the submission (dropped, as in any answers file) holds the extra
    # levels; the review is level 1, its submission level 2.
    for levels, accepted in ((review_mod.MAX_DEPTH, True), (review_mod.MAX_DEPTH + 1, False)):
        text = json.dumps({**base, "submission": {**base["submission"], "x": None}})
        inner = "[" * (levels - 2) + "]" * (levels - 2)
        add(f"nested exactly {levels} levels", text.replace('"x": null', f'"x": {inner}').encode(), accepted)
    # Size: padded with spaces to exactly the limit, and one byte past it.
    text = json.dumps(base).encode()
    for size, accepted in ((review_mod.MAX_BYTES, True), (review_mod.MAX_BYTES + 1, False)):
        add(f"exactly {size:,} bytes", text + b" " * (size - len(text)), accepted)
    return out


# --- every branch of the answers rule -----------------------------------------------------------


def _pick(criteria: Criteria, test) -> str:
    return next(i.id for i in criteria.items if test(i))


def rule_edges(criteria: Criteria) -> list[dict]:
    """Answers documents (or raw bytes) at each branch of the rule of answers/answers_file.py and answers/scoring.js:
    every check a document can fail, each boundary of the date rule and of the problem count, the
    clipping of quoted texts at its length, units, versions, sorting of unknown ids by code point,
    and byte order marks that are only nearly one. Items, units and versions come from `criteria`.

    Each entry is {"name", "data": bytes}; what each scorer makes of them is compared, not typed here."""
    from assessment.answers import answers_file as answers_mod

    out: list[dict] = []
    head = {"format": answers_mod.FORMAT, "format_version": max(answers_mod.FORMAT_VERSIONS),
            "criteria_version": criteria.version}

    def add(name: str, doc: object) -> None:
        out.append({"name": name, "data": json.dumps(doc).encode("utf-8", "surrogatepass")})

    def with_answers(name: str, answers: dict, **top) -> None:
        add(name, {**head, **top, "answers": answers})

    check = _pick(criteria, lambda i: i.kind == "check")
    na_check = _pick(criteria, lambda i: i.kind == "check" and i.na_allowed)
    no_na_check = _pick(criteria, lambda i: i.kind == "check" and not i.na_allowed)
    count = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "count")
    duration = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "duration")
    count_unit = criteria.threshold(count).unit
    duration_unit = criteria.threshold(duration).unit
    other_duration = next(u for u, q in criteria.units.items() if q.measures == "duration" and u != duration_unit)
    limit = criteria.threshold(duration).value

    # The top level: each required key missing, null or of the wrong type.
    for key in ("format", "format_version", "criteria_version", "answers"):
        for label, value in (("missing", None), ("null", "null"), ("a number", 5)):
            doc = {**head, "answers": {}}
            if label == "missing":
                del doc[key]
            else:
                doc[key] = None if value == "null" else value
            add(f"{key} {label}", doc)
    for key in ("assessment", "plan", "result", "evidence"):
        add(f"{key} not an object", {**head, "answers": {}, key: [1]})
    add("evidence with an unknown key", {**head, "answers": {}, "evidence": {"x": 1}})

    # The assessment block: unknown keys clipped at the quoted length and one past it, the date rule.
    shown = formatting.SHOWN_CHARS
    for n in (shown - 1, shown, shown + 1):
        add(f"an unknown assessment key of {n} characters", {**head, "answers": {}, "assessment": {"k" * n: ""}})
    add("an assessment value that is not a string", {**head, "answers": {}, "assessment": {"service": 5}})
    first, last = answers_mod.DATE_YEARS
    dates = [f"{first - 1}-12-31", f"{first}-01-01", f"{last}-12-31", f"{last + 1}-01-01", f"{first}-02-29",
             f"{first + 4}-02-29", f"{first + 3}-02-29", f"{first + 3}-02-28", f"{first + 3}-00-10", f"{first + 3}-01-10",
             f"{first + 3}-12-10", f"{first + 3}-13-10", f"{first + 3}-01-00", f"{first + 3}-01-01", f"{first + 3}-01-31",
             f"{first + 3}-01-32", f"{first + 3}-04-30", f"{first + 3}-04-31", f"x{first + 3}-01-01", f"{first + 3}-01-01x",
             f"{first + 3}-1-01", "", f"{first + 3}-0:-01", f"{first + 3}-1A-01", f"20A{first % 10}-01-01"]
    # The last day of each month and the day after it, in a leap year and a common one.
    for year in (first + 3, first + 4):
        for month, last in enumerate((31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
            dates += [f"{year}-{month:02d}-{last}", f"{year}-{month:02d}-{last + 1}"]
    for date in dates:
        add(f"the assessment date {date!r}", {**head, "answers": {}, "assessment": {"date": date}})

    # The number of problems listed: one below the limit, at it, one past it.
    for n in (answers_mod.MAX_PROBLEMS - 1, answers_mod.MAX_PROBLEMS, answers_mod.MAX_PROBLEMS + 1):
        with_answers(f"{n} problems", {f"unknown-{k:03d}": {"status": "bogus"} for k in range(n)})

    # One answer's every check.
    bad_answers = {
        "each text field not a string": {check: {"status": "met", "note": 1, "evidence": 2, "version": 3}},
        "a unit that is not a string": {duration.id: {"value": limit, "unit": 4}},
        "an unknown key of an answer": {check: {"status": "met", "x": 1}},
        "note_private not true or false": {check: {"status": "met", "note_private": "yes"}},
        "note_private true": {check: {"status": "met", "note_private": True}},
        "an unknown status": {check: {"status": "done"}},
        "an unknown unit": {duration.id: {"value": limit, "unit": "fortnight"}},
        "an unknown unit for an unknown id": {"unknown": {"value": 1, "unit": "fortnight"}},
        "a unit on a check item": {check: {"status": "met", "unit": duration_unit}},
        "a value on a check item": {check: {"status": "met", "value": 1}},
        "a status met on a number item": {duration.id: {"status": "met"}},
        "status na on a number item not allowing it": {duration.id: {"status": "na"}},
        "status na and a value": {duration.id: {"status": "na", "value": limit}},
        "status na and a value on a check item": {na_check: {"status": "na", "value": 1}},
        "status na on a check item not allowing it": {no_na_check: {"status": "na"}},
        "status na on a check item allowing it": {na_check: {"status": "na"}},
        "a unit without a value": {duration.id: {"unit": duration_unit}},
        "a count unit on a duration item": {duration.id: {"value": limit, "unit": count_unit}},
        "a duration unit on a count item": {count.id: {"value": 1, "unit": duration_unit}},
        "a fraction of a count": {count.id: {"value": 1.5}},
        "a fraction of a count in its unit": {count.id: {"value": 1.5, "unit": count_unit}},
        "a fraction of a duration": {duration.id: {"value": 0.5}},
        "a duration in another unit": {duration.id: {"value": limit, "unit": other_duration}},
        "a string value": {duration.id: {"value": "5"}},
        "a true value": {duration.id: {"value": True}},
        "a false value": {duration.id: {"value": False}},
        "a false status": {check: {"status": False}},
        "a negative value": {duration.id: {"value": -1}},
        "a negative zero": {duration.id: {"value": -0.0}},
        "an answer that is not an object": {check: "met"},
        "a null answer": {check: None},
    }
    for name, answers in bad_answers.items():
        with_answers(name, answers)
    out.append({"name": "an infinite value", "data": json.dumps({**head, "answers": {duration.id: {"value": 0}}})
                .replace('"value": 0', '"value": 1e999').encode()})

    # Unknown ids, kept and listed in code point order (JavaScript's sort differs above U+FFFF).
    for label, ids in (("plain", ["b", "a", "c"]), ("astral only", ["\U0001F600", "\U0001D49C"]),
                       ("astral, prefixes and the last plane-0 character",
                        ["\U0001F600b", "\U0001F600a", "\U0001F600", "\uffff", "\U0001D49Cz", "z", "a"])):
        with_answers(f"unknown ids, {label}", {i: {} for i in ids})

    # Keys ordered as JavaScript orders an object's keys: array indices (below 2**32 - 1) first, by value.
    with_answers("unknown ids that are array indices and one past them",
                 {i: {"status": "bogus"} for i in ("b", "4294967295", "4294967294", "1", "a", "01", "4294967296", "0")})

    # Refusals the scanner words: what it found (plain or with its code point), inside an object or a
    # list, on a later line, in escapes of surrogates alone, paired and reversed.
    for label, text in (("a tilde", "~"), ("an exclamation mark", "!"), ("DEL", "\x7f"),
                        ("a value then junk in an object", '{"a": 1 x}'), ("a value then junk in a list", "[1 x]"),
                        ("an X where a value goes", '{"a": X}'), ("junk on the fourth line", '{\n"a":\n\n1 x}'),
                        ("two low surrogates", '{"a": "\\udc00\\udc00"}'), ("a pair", '{"a": "\\udbff\\udc00"}'),
                        ("a high surrogate alone", '{"a": "\\udbff"}'), ("a reversed pair", '{"a": "\\udc00\\udbff"}'),
                        ("the lowest pair, then junk", '{"a": "\\ud800\\udc00" x}'), ("a list closed by a brace", "[}"),
                        ("an object closed by a bracket", "{]")):
        out.append({"name": f"{label} in the file", "data": text.encode()})

    # A section whose items are all "na": no possible points, no percent.
    na_all = {i.id: {"status": "na"} for i in criteria.items if i.na_allowed}
    with_answers("every item that allows it answered na", na_all)

    # Bytes that start like a byte order mark without being one.
    body = json.dumps({**head, "answers": {}}).encode()
    for label, prefix in (("a byte order mark", b"\xef\xbb\xbf"), ("U+FFFF", "\uffff".encode()),
                          ("U+FEC0", "\ufec0".encode()), ("a space and BB BF", b" \xbb\xbf"), ("two bytes of one", b"\xef\xbb"),
                          ("BF third", b"  \xbf")):
        out.append({"name": f"{label} before the document", "data": prefix + body})
    return out


def with_history(criteria: Criteria) -> Criteria:
    """A copy of `criteria` with an earlier version in which its duration item was answered in
    another unit, and its count item in a duration (so an answer given then converts into nothing
    the item asks for now), and which its first check item and that duration item changed since; the
    duration item, made "required", may be answered "na" (so a number item answered "na" is scored)."""
    duration = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "duration")
    count = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "count")
    check = _pick(criteria, lambda i: i.kind == "check")
    unit = criteria.threshold(duration).unit
    other = next(u for u, q in criteria.units.items() if q.measures == "duration" and u != unit)
    items = [i.model_copy(update={"level": "required", "na_allowed": True}) if i.id == duration.id else i
             for i in criteria.items]
    copy = criteria.model_copy(update={"items": items})
    units = {i.id: criteria.threshold(i).unit for i in criteria.items if i.threshold}
    copy._history = {**criteria.history, "earlier": {"units": {**units, duration.id: other, count.id: other},
                                                      "changed": [check, duration.id], "added": []}}
    return copy


def history_edges(criteria: Criteria) -> list[dict]:
    """Answers given under the earlier version of `with_history(criteria)`, the file's or the answer's own."""
    duration = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "duration")
    count = next(i for i in criteria.items if i.kind != "check" and criteria.unit_of(i).measures == "count")
    check = _pick(criteria, lambda i: i.kind == "check")
    limit = criteria.threshold(duration).value
    unit = criteria.threshold(duration).unit
    out = []
    for file_version in ("earlier", criteria.version):
        for answer_version in (None, "earlier", criteria.version, "unknown"):
            own = {} if answer_version is None else {"version": answer_version}
            for value in (limit, limit + 1, limit * 1000):
                for label, answer in (("no unit", {"value": value}), ("its unit", {"value": value, "unit": unit})):
                    doc = {**HEAD, "format_version": 3, "criteria_version": file_version,
                           "answers": {duration.id: {**answer, **own}, check: {"status": "met", **own},
                                       count.id: {"value": value / 2, **own}}}
                    out.append({"name": f"file {file_version}, answer {answer_version}, {value} with {label}",
                                "data": json.dumps(doc).encode()})
            for label, answers in (("na", {duration.id: {"status": "na", **own}}),
                                   ("a note only", {duration.id: {"note": "n", **own}, check: {"note": "n", **own}})):
                doc = {**HEAD, "format_version": 3, "criteria_version": file_version, "answers": answers}
                out.append({"name": f"file {file_version}, answer {answer_version}, {label}", "data": json.dumps(doc).encode()})
    return out


def binding_edges(review: dict) -> list[dict]:
    """Answers files set beside a valid review `review`: the one it holds, written otherwise, and each
    way a file can say something else (or the same in other words). {"name", "review", "data"}: whether
    the review is of that file and what changed since are Python's to say (review.binding_problem,
    review.changes_since) and review/review-file.js's to agree."""
    sub = review["submission"]
    answers = sub["answers"]
    first = next(iter(answers))
    numbered = next(k for k, a in answers.items() if "value" in a)
    extra_review = {**review, "items": {**review["items"], "not-an-item": {"decision": "accepted"}},
                    "plan": {**review["plan"], "not-a-section": {"comment": "c"}}}
    changed = lambda **kw: {**sub, **kw}
    answer = lambda id_, **kw: changed(answers={**answers, id_: {**answers[id_], **kw}})
    cases = [
        ("the same document", review, sub),
        ("the same answers, an empty note where none was", review,
         changed(answers={**answers, numbered: {**answers[numbered], "note": "", "evidence": ""}})),
        ("a note changed", review, answer(first, note="other")),
        ("a status changed", review, answer(first, status="partial")),
        ("a value written as a float", review, answer(numbered, value=float(answers[numbered]["value"]))),
        ("a value changed", review, answer(numbered, value=answers[numbered]["value"] + 1)),
        ("evidence changed", review, answer(first, evidence="other.pdf")),
        ("an answer taken away", review, changed(answers={k: a for k, a in answers.items() if k != first})),
        ("an answer added", review, changed(answers={**answers, "r2": {"status": "met"}})),
        ("a plan text changed", review, changed(plan={**sub.get("plan", {}), "overview": "other"})),
        ("a plan section emptied", review, changed(plan={})),
        ("the assessment changed", review, changed(assessment={**sub.get("assessment", {}), "service": "other"})),
        ("no assessment", review, {k: v for k, v in sub.items() if k != "assessment"}),
        ("a result added", review, changed(result={})),
        ("another criteria version", review, changed(criteria_version="other")),
        ("another format version", review, changed(format_version=3 if sub["format_version"] != 3 else 2)),
        ("review entries for ids no criteria know, the same document", extra_review, sub),
        ("review entries for ids no criteria know, answers changed", extra_review,
         changed(answers={**answers, "not-an-item": {"note": "x"}}, plan={**sub.get("plan", {}), "not-a-section": "x"})),
    ]
    # The result block is any object: values of other types, arrays of other lengths or order, on either side.
    results = [({"x": 1}, {"x": 2}), ({"x": 1}, {"x": {}}), ({"x": []}, {"x": {}}), ({"x": None}, {"x": {}}),
               ({"x": [1, 2]}, {"x": [1]}), ({"x": [1, 2]}, {"x": [2, 1]}), ({"x": [1, {"y": None}]}, {"x": [1, {"y": None}]})]
    for a, b in results + [(b, a) for a, b in results]:
        cases.append((f"the review's result {json.dumps(b)}, the file's {json.dumps(a)}",
                      {**review, "submission": {**sub, "result": b}}, changed(result=a)))
    out = [{"name": name, "review": r, "data": json.dumps(doc, ensure_ascii=False, indent=1).encode()} for name, r, doc in cases]
    out.append({"name": "not an answers file", "review": review, "data": b"nope"})
    return out


def review_rule_edges(base: dict) -> list[dict]:
    """Review files at each branch of the review rule not at a limit: quoted texts at the quoted
    length, keys that are plain only in part, values of the wrong type that read as right once
    turned into text. {"name", "data"}; what each reader makes of them is compared, not typed here."""
    sha = base["submission_sha256"]
    n = 40  # review/review_file.py quotes at most this many characters of a text
    cases = {f"an unknown top-level key of {k} characters": {**base, "k" * k: 1} for k in (n - 1, n, n + 1)}
    cases.update({
        "an item id with a character a plain key has not, first": {**base, "items": {"!r1": {"decision": "bogus"}}},
        "an item id with a character a plain key has not, last": {**base, "items": {"r1!": {"decision": "bogus"}}},
        "an item id of 64 plain characters": {**base, "items": {"r" * 64: {"decision": "bogus"}}},
        "an item id of 65 plain characters": {**base, "items": {"r" * 65: {"decision": "bogus"}}},
        "a due date in a list": {**base, "conditions": [{"text": "t", "due": ["2024-01-01"]}]},
        "the SHA-256 in a list": {**base, "submission_sha256": [sha]},
        "the SHA-256 with a character before": {**base, "submission_sha256": "0" + sha},
        "the SHA-256 with a character after": {**base, "submission_sha256": sha + "0"},
        "a condition's text in a list": {**base, "conditions": [{"text": ["t"], "due": "2024-01-01"}]},
        "a condition's text blank": {**base, "conditions": [{"text": " \u3000", "due": "2024-01-01"}]},
        "a reviewer date in a list": {**base, "reviewer": {**base["reviewer"], "date": ["2024-01-01"]}},
        "a condition due on the 32nd of January": {**base, "conditions": [{"text": "t", "due": "2024-01-32"}]},
        "a condition due on the 31st of January": {**base, "conditions": [{"text": "t", "due": "2024-01-31"}]},
        "item ids that are array indices, with a leading zero and one past": {
            **base, "items": {k: {"decision": "bogus"} for k in ("b", "01", "1", "0", "4294967295", "4294967294")}},
        "the criteria version a number": {**base, "criteria_version": 5},
        "the submission a list": {**base, "submission": [1]},
        "the submission a number": {**base, "submission": 5},
    })
    # The last day of each month and the day after it, in a leap year and a common one.
    for year in (2023, 2024):
        for month, last in enumerate((31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
            for day in (last, last + 1):
                cases[f"a condition due {year}-{month:02d}-{day}"] = {**base, "conditions": [{"text": "t", "due": f"{year}-{month:02d}-{day}"}]}
    return [{"name": name, "data": json.dumps(doc, ensure_ascii=False).encode()} for name, doc in cases.items()]


# --- the plan ------------------------------------------------------------------------------------


def plan_edges(criteria: Criteria) -> list[dict]:
    """Answers documents at each branch of the plan (plan/plan.py, plan/plan.js): a number item with a note
    but no value, section texts blank only once cleaned, every required section written but one,
    everything written with the quality items met. Ids and the template come from `criteria`."""
    head = {**HEAD, "criteria_version": criteria.version}
    parts = [p for p in criteria.template if not p.group]
    written = {p.id: f"text of {p.id}" for p in parts}
    number_items = [i for i in criteria.items if i.kind != "check"]
    met = {i.id: _answer(criteria, i, "met") for i in number_items}
    required = [p.id for p in parts if p.number.split(".")[0] in ("2", "3")]
    # The items that say the plan is whole (5.1) and meets the quality rules (5.2), answered "met":
    # a plan that fails them contradicts the answer.
    says_met = {i.id: {"status": "met"} for i in criteria.items if i.clause in ("5.1", "5.2")}
    out = [
        {**head, "answers": {number_items[0].id: {"note": "no value yet"}}},
        {**head, "plan": {parts[0].id: "\v", parts[1].id: "\f\f", parts[2].id: "\x00", parts[3].id: "\r\n\r\n",
                          parts[4].id: "\x1c", parts[5].id: "\x1f \x1e"}, "answers": {}},
        {**head, "plan": {k: v for k, v in written.items() if k != required[-1]}, "answers": {**met, **says_met}},
        {**head, "plan": written, "answers": {**met, **says_met}},
        {**head, "plan": {k: v for k, v in written.items() if k not in required}, "answers": says_met},
        {**head, "answers": {i.id: {"status": "na"} for i in criteria.items if i.na_allowed}},
    ]
    return out


def with_inherited_names(criteria: Criteria) -> Criteria:
    """A copy of `criteria` whose first plan section is named like a property every JavaScript object
    inherits ("constructor"): a reader must never take an inherited property for the SP's text; and
    whose last section is numbered in a chapter of two digits (21.1), which is not chapter 2."""
    first = next(p for p in criteria.template if not p.group)
    last = [p for p in criteria.template if not p.group][-1]
    template = [p.model_copy(update={"id": "constructor"}) if p is first
                else p.model_copy(update={"number": "21.1"}) if p is last else p for p in criteria.template]
    copy = criteria.model_copy(update={"template": template})
    copy._history = criteria.history
    return copy


def binding_edges_with_groups(criteria: Criteria, review: dict) -> list[dict]:
    """Answers files beside a review of `criteria`, whose template has group headings (no text of
    their own): text filed under a group's id, under a section's, an empty answer, no plan at all.
    `review` is any valid review; its submission is replaced by an empty one of `criteria`."""
    group = next(p.id for p in criteria.template if p.group)
    section = next(p.id for p in criteria.template if not p.group)
    item = criteria.items[0].id
    sub = {**HEAD, "criteria_version": criteria.version, "answers": {}, "plan": {}}
    rev = {**review, "criteria_version": criteria.version, "submission": sub, "items": {}, "plan": {}}
    rev.pop("conditions", None)
    rev["decision"] = "approved"
    cases = [("the same empty document", sub), ("text under a group heading's id", {**sub, "plan": {group: "x"}}),
             ("text under a section's id", {**sub, "plan": {section: "x"}}), ("an empty answer", {**sub, "answers": {item: {}}}),
             ("no plan at all", {k: v for k, v in sub.items() if k != "plan"})]
    return [{"name": f"with group headings: {name}", "review": rev, "data": json.dumps(doc).encode()} for name, doc in cases]
