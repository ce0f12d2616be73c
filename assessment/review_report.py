"""The reviewer's review printed as text, Markdown, JSON or CSV, and the `review` command.

`python -m assessment review REVIEW.json [--answers ANSWERS.json] [--format …] [--lang zh|en]`
prints the overall decision, the conditions and every item's and plan section's decision and
comment; with --answers it says whether that file is, byte for byte, the one reviewed (exit 1 when
it is not). A bad file gives "FILE: where: what" and exit 2, never a traceback.

Text from files is untrusted: text output shows control characters escaped, CSV cells that would
start a formula get a leading ', and no format can be broken by a lone surrogate.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from pathlib import Path

from . import answers as answers_mod
from . import criteria as criteria_mod
from . import evidence_block
from . import plan as plan_mod
from . import review as review_mod
from .scoring import score

# C0 and C1 controls (but newline and tab), DEL, bidirectional overrides, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def escaped(text: str) -> str:
    """Text safe for a terminal: every unsafe character written as \\xNN or \\uNNNN."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def cell(text: str) -> str:
    """A CSV cell no spreadsheet runs as a formula; lone surrogates written as \\uNNNN."""
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return "'" + text if text.startswith(_FORMULA) else text


# --- the review as plain data, every format lays it out -----------------------------------------


def outline(criteria: criteria_mod.Criteria, review: review_mod.Review, lang: str) -> dict:
    labels = {**plan_mod.LABELS[lang], **review_mod.LABELS[lang]}
    sub = review.submission
    items = []
    for item in criteria.items:
        entry = review.items.get(item.id, review_mod.Entry())
        items.append({"id": item.id, "clause": item.clause or "", "question": getattr(item.question, lang),
                      "answer": plan_mod.answer_text(criteria, item, sub.answers.get(item.id), labels),
                      "decision": entry.decision, "comment": entry.comment})
    parts = []
    for part in criteria.template:
        if part.group:
            continue
        entry = review.plan.get(part.id, review_mod.Entry())
        parts.append({"id": part.id, "number": part.number, "title": getattr(part.title, lang),
                      "decision": entry.decision, "comment": entry.comment})
    known = {i.id for i in criteria.items} | {p.id for p in criteria.template}
    unknown = [k for k in [*review.items, *review.plan] if k not in known]
    return {"labels": labels, "result": score(criteria, sub), "items": items, "plan": parts, "unknown": unknown}


def _who(review: review_mod.Review) -> str:
    meta = review.submission.assessment
    return " · ".join(v for v in (meta.get("service"), meta.get("organisation")) if v) or "—"


def text(source: str, criteria, review: review_mod.Review, lang: str, check: str | None) -> str:
    o = outline(criteria, review, lang)
    t = o["labels"]
    sep = t["sep"]

    def block(label: str, value: str, indent: str = "  ") -> list[str]:
        lines = escaped(value).split("\n")
        return [f"{indent}{label}{sep}{lines[0]}"] + [f"{indent}  {line}" for line in lines[1:]]

    r = o["result"]
    out = [f"{escaped(source)}: {t['review']}{sep}{escaped(_who(review))}",
           f"{t['submission']}{sep}SHA-256 {review.submission_sha256}",
           f"{t['verdict']}{sep}{t[r['verdict']]} ({t['score']} {plan_mod.percent(r['percent'])})"]
    if review.submission.evidence is not None:  # measured first replies, beside the SP's declared answers
        out += ["  " + escaped(line) for line in evidence_block.lines(criteria, review.submission, review.submission.evidence, lang)]
    if check:
        out.append(check)
    reviewer = ", ".join(escaped(review.reviewer[k]) for k in review_mod.REVIEWER_KEYS if review.reviewer.get(k))
    out.append(f"{t['reviewer']}{sep}{reviewer or '—'}")
    out.append(f"{t['overall']}{sep}{review_mod.decision_label(t, review.decision)}")
    if review.decision == "conditional":
        out.append(f"{t['conditions']}{sep}".rstrip())
        for n, c in enumerate(review.conditions, 1):
            out += block(f"{n}. {t['due']} {c.due}", c.text)
    out += block(t["summary"], review.summary or "—", "")
    out.append(f"{t['items']}{sep}".rstrip())
    for i in o["items"]:
        clause = f" ({t['clause'].format(i['clause'])})" if i["clause"] else ""
        out.append(f"  {i['id']}{clause} {i['question']}")
        out.append(f"    {t['answer']}{sep}{i['answer']}; {t['decision']}{sep}{review_mod.item_decision_label(t, i['decision'])}")
        if i["comment"]:
            out += block(t["comment"], i["comment"], "    ")
    out.append(f"{t['plan_sections']}{sep}".rstrip())
    for p in o["plan"]:
        out.append(f"  {p['number']} {p['title']}{sep}{review_mod.item_decision_label(t, p['decision'])}")
        if p["comment"]:
            out += block(t["comment"], p["comment"], "    ")
    if o["unknown"]:
        out.append(f"{t['unknown_ids']}{sep}{', '.join(escaped(k) for k in o['unknown'])}")
    return "\n".join(out) + "\n"


def _md(value: str) -> str:
    value = escaped(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>") or " "


def markdown(source: str, criteria, review: review_mod.Review, lang: str, check: str | None) -> str:
    o = outline(criteria, review, lang)
    t = o["labels"]
    sep = t["sep"]
    r = o["result"]
    out = [f"# {t['review_report']}{sep}{_md(_who(review))}", ""]
    out += [f"- {t['submission']}{sep}`{review.submission_sha256}`",
            f"- {t['verdict']}{sep}{t[r['verdict']]}, {t['score']} {plan_mod.percent(r['percent'])}",
            f"- {t['reviewer']}{sep}{_md(', '.join(v for v in review.reviewer.values() if v)) or '—'}",
            f"- **{t['overall']}{sep}{review_mod.decision_label(t, review.decision)}**"]
    if check:
        out.append(f"- {_md(check)}")
    out.append("")
    if review.decision == "conditional":
        out += [f"## {t['conditions']}", "", f"| {t['condition']} | {t['due']} |", "| --- | --- |"]
        out += [f"| {_md(c.text)} | {c.due} |" for c in review.conditions] + [""]
    out += [f"## {t['summary']}", "", _md(review.summary) if review.summary else "—", ""]
    out += [f"## {t['items']}", "", f"| {t['item']} | {t['answer']} | {t['decision']} | {t['comment']} |", "| --- | --- | --- | --- |"]
    for i in o["items"]:
        clause = f" ({t['clause'].format(i['clause'])})" if i["clause"] else ""
        out.append(f"| {_md(i['question'] + clause)} | {_md(i['answer'])} | "
                   f"{review_mod.item_decision_label(t, i['decision'])} | {_md(i['comment'])} |")
    out += ["", f"## {t['plan_sections']}", "", f"| {t['section']} | {t['decision']} | {t['comment']} |", "| --- | --- | --- |"]
    out += [f"| {_md(p['number'] + ' ' + p['title'])} | {review_mod.item_decision_label(t, p['decision'])} | {_md(p['comment'])} |"
            for p in o["plan"]]
    return "\n".join(out) + "\n"


def as_json(source: str, criteria, review: review_mod.Review, lang: str, check: dict | None) -> str:
    o = outline(criteria, review, lang)
    doc = {
        "file": source, "submission_sha256": review.submission_sha256, "assessment": review.submission.assessment,
        "result": o["result"], "reviewer": review.reviewer, "decision": review.decision,
        "conditions": [{"text": c.text, "due": c.due} for c in review.conditions], "summary": review.summary,
        "items": o["items"], "plan": o["plan"], "unknown": o["unknown"],
    }
    if check is not None:
        doc["answers_check"] = check
    text_out = json.dumps(doc, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text_out) + "\n"


def as_csv(criteria, review: review_mod.Review, lang: str) -> str:
    o = outline(criteria, review, lang)
    rows = [["kind", "id", "clause", "question", "answer", "decision", "comment", "due"],
            ["overall", "", "", "", "", review.decision or "", review.summary, ""]]
    rows += [["condition", str(n), "", "", "", "", c.text, c.due] for n, c in enumerate(review.conditions, 1)]
    rows += [["item", i["id"], i["clause"], i["question"], i["answer"], i["decision"] or "", i["comment"], ""] for i in o["items"]]
    rows += [["plan", p["id"], p["number"], p["title"], "", p["decision"] or "", p["comment"], ""] for p in o["plan"]]
    out = io.StringIO()
    # \r\n rows, so a bare \r or \n inside a cell is always quoted (csv quotes the terminator's characters).
    csv.writer(out, lineterminator="\r\n").writerows([[cell(c) for c in row] for row in rows])
    return out.getvalue()


# --- the command ----------------------------------------------------------------------------------


def read_review(criteria, path: Path) -> review_mod.Review:
    """The one place the command reads a review file."""
    return review_mod.read(criteria, path)


def check_answers(criteria, review: review_mod.Review, path: Path) -> dict:
    """Whether the file at path is, byte for byte, the one reviewed; if not, what differs."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise review_mod.ReviewError(f"{path}: cannot read the file ({exc.strerror})") from None
    sha = review_mod.sha256(data)
    check = {"file": str(path), "sha256": sha, "reviewed": sha == review.submission_sha256}
    if not check["reviewed"]:
        try:
            current = review_mod.read_submission(criteria, data, str(path))
            items, plan = review_mod.changes_since(criteria, review, current)
            check["changed"] = {"items": items, "plan": plan}
        except answers_mod.AnswersError as exc:
            check["invalid"] = str(exc).split("\n")[0]
    return check


def check_sentence(check: dict, review: review_mod.Review) -> str:
    if check["reviewed"]:
        return f"{escaped(check['file'])}: this is the file that was reviewed (SHA-256 {check['sha256']})"
    sentence = (f"{escaped(check['file'])}: NOT the file that was reviewed: its SHA-256 is {check['sha256']}, "
                f"the review is of {review.submission_sha256}")
    if "invalid" in check:
        return f"{sentence}; it is not a valid answers file either ({escaped(check['invalid'])})"
    changed = check["changed"]
    if not changed["items"] and not changed["plan"]:
        return f"{sentence}; its answers and plan are the same as reviewed"
    parts = [f"{k} {', '.join(escaped(i) for i in changed[k])}" for k in ("items", "plan") if changed[k]]
    return f"{sentence}; changed since the review: {'; '.join(parts)}"


def run(args: argparse.Namespace) -> int:
    """Exit 0 when printed (and, with --answers, the file is the one reviewed); 1 when it is not; 2 bad input."""
    try:
        criteria = criteria_mod.load(args.criteria)
        review = read_review(criteria, args.review)
        check = check_answers(criteria, review, args.answers) if args.answers else None
    except (review_mod.ReviewError, criteria_mod.CriteriaError, answers_mod.AnswersError) as exc:
        # One "FILE: where: what" line per problem, as every other command writes them.
        sys.stderr.write("".join(escaped(line) + "\n" for line in str(exc).split("\n")))
        return 2
    source = str(args.review)
    sentence = check_sentence(check, review) if check else None
    if args.format == "json":
        sys.stdout.write(as_json(source, criteria, review, args.lang, check))
    elif args.format == "csv":
        sys.stdout.write(as_csv(criteria, review, args.lang))
        if sentence:
            print(sentence, file=sys.stderr)
    elif args.format == "markdown":
        sys.stdout.write(markdown(source, criteria, review, args.lang, sentence))
    else:
        sys.stdout.write(text(source, criteria, review, args.lang, sentence))
    return 1 if check and not check["reviewed"] else 0


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `review` on the subparsers of python -m assessment."""
    help_text = "print a reviewer's review file; with --answers, check it is of that answers file"
    p = sub.add_parser("review", help=help_text, description=help_text,
                       epilog="Exit status: 0 printed (and the answers file is the one reviewed); "
                              "1 the answers file is not the one reviewed; 2 bad input.")
    p.add_argument("review", type=Path, help="the review file (JSON) exported from the review page")
    p.add_argument("--answers", type=Path, help="an answers file: is it, byte for byte, the one reviewed?")
    p.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text")
    p.add_argument("--lang", choices=list(plan_mod.LABELS), default="zh", help="language of the labels and questions")
    p.add_argument("--criteria", type=Path, default=criteria_mod.DEFAULT_PATH,
                   help="criteria data file (default: the bundled assessment/criteria.yml)")
    p.set_defaults(run=run)
    return p
