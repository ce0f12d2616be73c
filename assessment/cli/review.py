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

from assessment.answers import answers_file as answers_mod
from assessment.cli import options as cli_options
from assessment.criteria import model as criteria_mod
from assessment.evidence import display as evidence_display
from assessment.criteria import versions as history
from assessment.shared import input_file
from assessment.shared import markdown_text as md
from assessment.plan import plan as plan_mod
from assessment.answers import answers_diff as diff_mod
from assessment.review import review_file as review_mod
from assessment.review import prelaunch_log as test_log_mod
from assessment.review import prelaunch_schedule as test_schedule
from assessment.answers.scoring import score, terms_changed
from assessment.criteria import texts
from assessment.shared.formatting import percent
from assessment.review import decisions

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
    unconfirmed = set(terms_changed(criteria, sub))
    for item in criteria.items:
        entry = review.items.get(item.id, review_mod.Entry())
        answer = sub.answers.get(item.id)
        shown = plan_mod.answer_text(criteria, item, answer, labels)
        if item.id in unconfirmed:
            shown += labels["sep"] + labels["unconfirmed_mark"].format(version=answer.version or sub.criteria_version)
        items.append({"id": item.id, "clause": item.clause or "", "question": getattr(item.question, lang),
                      "answer": shown,
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
    log = review.test_log
    figures = test_log_mod.figures(criteria, log, test_schedule.load()) if log and log["tests"] else None
    return {"labels": labels, "result": score(criteria, sub), "items": items, "plan": parts, "unknown": unknown,
            "test_log": log, "test_figures": figures,
            "test_lines": test_log_mod.figure_lines(criteria, figures, lang) if figures else []}


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
           f"{t['verdict']}{sep}{t[r['verdict']]}{t['paren'].format(t['score'] + ' ' + percent(r['percent']))}"]
    if review.submission.evidence is not None:  # measured first replies, beside the SP's declared answers
        out += ["  " + escaped(line) for line in evidence_display.lines(criteria, review.submission, review.submission.evidence, lang)]
    if check:
        out.append(check)
    if review.submission.criteria_version != criteria.version:
        out.append(escaped(t["recomputed_under"].format(old=review.submission.criteria_version, new=criteria.version)))
    reviewer = t["comma"].join(escaped(review.reviewer[k]) for k in review_mod.REVIEWER_KEYS if review.reviewer.get(k))
    out.append(f"{t['reviewer']}{sep}{reviewer or '—'}")
    out.append(f"{t['overall']}{sep}{decisions.overall_label(t, review.decision)}")
    if review.decision == "conditional":
        out.append(f"{t['conditions']}{sep}".rstrip())
        for n, c in enumerate(review.conditions, 1):
            out += block(f"{n}. {t['due']} {c.due}", c.text)
    out += block(t["summary"], review.summary or "—", "")
    if o["test_log"] is not None:  # the operator's own test of the service (clause 3.3)
        out.append(f"{t['tl_h']}{t['paren'].format(t['tl_zone'].format(zone=o['test_log']['time_zone']))}{sep}".rstrip())
        for n, test in enumerate(o["test_log"]["tests"], 1):
            out.append("  " + escaped(test_log_mod.row_line(n, test, lang)))
            if test.get("note"):
                out += block(t["tl_note"], test["note"], "    ")
        out += ["  " + escaped(line) for line in o["test_lines"] or [t["tl_none"]]]
    out.append(f"{t['items']}{sep}".rstrip())
    for i in o["items"]:
        clause = t["paren"].format(t["clause"].format(i["clause"])) if i["clause"] else ""
        out.append(f"  {i['id']}{clause} {i['question']}")
        out.append(f"    {t['answer']}{sep}{i['answer']}; {t['decision']}{sep}{decisions.item_label(t, i['decision'])}")
        if i["comment"]:
            out += block(t["comment"], i["comment"], "    ")
    out.append(f"{t['plan_sections']}{sep}".rstrip())
    for p in o["plan"]:
        out.append(f"  {p['number']} {p['title']}{sep}{decisions.item_label(t, p['decision'])}")
        if p["comment"]:
            out += block(t["comment"], p["comment"], "    ")
    if o["unknown"]:
        out.append(f"{t['unknown_ids']}{sep}{', '.join(escaped(k) for k in o['unknown'])}")
    return "\n".join(out) + "\n"


def _md(value: str, where: str = "cell") -> str:
    """A file text as Markdown that renders as that text (markdown_text: one escaping for every Markdown
    output), control characters shown as escapes: in a table cell, a list item or a heading."""
    text = escaped(value).replace("\r\n", "\n").replace("\r", "\n")
    return {"cell": md.cell, "item": md.item, "heading": md.one_line}[where](text)


def markdown(source: str, criteria, review: review_mod.Review, lang: str, check: str | None) -> str:
    o = outline(criteria, review, lang)
    t = o["labels"]
    sep = t["sep"]
    r = o["result"]
    out = [f"# {t['review_report']}{sep}{_md(_who(review), 'heading')}", ""]
    out += [f"- {t['submission']}{sep}`{review.submission_sha256}`",
            f"- {t['verdict']}{sep}{t[r['verdict']]}, {t['score']} {percent(r['percent'])}",
            f"- {t['reviewer']}{sep}{_md(', '.join(v for v in review.reviewer.values() if v), 'item') or '—'}",
            f"- **{t['overall']}{sep}{decisions.overall_label(t, review.decision)}**"]
    if check:
        out.append(f"- {_md(check, 'item')}")
    out.append("")
    if review.decision == "conditional":
        out += [f"## {t['conditions']}", "", f"| {t['condition']} | {t['due']} |", "| --- | --- |"]
        out += [f"| {_md(c.text)} | {c.due} |" for c in review.conditions] + [""]
    out += [f"## {t['summary']}", "", _md(review.summary, 'item') if review.summary else "—", ""]
    if o["test_log"] is not None:
        out += [f"## {t['tl_h']}", "", _md(t["tl_zone"].format(zone=o["test_log"]["time_zone"]), "item"), ""]
        if o["test_log"]["tests"]:
            out += [f"| # | {t['tl_channel']} | {t['tl_contacted']} | {t['tl_replied']} | {t['tl_note']} |",
                    "| --- | --- | --- | --- | --- |"]
            out += [f"| {n} | {_md(x['channel'])} | {x['contacted'].replace('T', ' ')} | "
                    f"{x.get('replied', '').replace('T', ' ') or _md(t['tl_no_reply'])} | {_md(x.get('note', ''))} |"
                    for n, x in enumerate(o["test_log"]["tests"], 1)]
            out.append("")
        out += [f"- {_md(line, 'item')}" for line in o["test_lines"] or [t["tl_none"]]] + [""]
    out += [f"## {t['items']}", "", f"| {t['item']} | {t['answer']} | {t['decision']} | {t['comment']} |", "| --- | --- | --- | --- |"]
    for i in o["items"]:
        clause = t["paren"].format(t["clause"].format(i["clause"])) if i["clause"] else ""
        out.append(f"| {_md(i['question'] + clause)} | {_md(i['answer'])} | "
                   f"{decisions.item_label(t, i['decision'])} | {_md(i['comment'])} |")
    out += ["", f"## {t['plan_sections']}", "", f"| {t['section']} | {t['decision']} | {t['comment']} |", "| --- | --- | --- |"]
    out += [f"| {_md(p['number'] + ' ' + p['title'])} | {decisions.item_label(t, p['decision'])} | {_md(p['comment'])} |"
            for p in o["plan"]]
    return "\n".join(out) + "\n"


def as_json(source: str, criteria, review: review_mod.Review, lang: str, check: dict | None) -> str:
    o = outline(criteria, review, lang)
    doc = {
        "file": source, "submission_sha256": review.submission_sha256, "assessment": review.submission.assessment,
        "result": o["result"], "reviewer": review.reviewer, "decision": review.decision,
        "conditions": [{"text": c.text, "due": c.due} for c in review.conditions], "summary": review.summary,
        "items": o["items"], "plan": o["plan"], "unknown": o["unknown"],
        "test_log": None if o["test_log"] is None else {**o["test_log"], "figures": o["test_figures"],
                                                         "message": o["test_lines"]},
    }
    if check is not None:
        doc["answers_check"] = {**check, "message": check_lines(check, review, lang)}
    text_out = json.dumps(doc, ensure_ascii=False, indent=2)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text_out) + "\n"


def as_csv(criteria, review: review_mod.Review, lang: str, check: dict | None = None) -> str:
    o = outline(criteria, review, lang)
    rows = [["kind", "id", "clause", "question", "answer", "decision", "comment", "due"],
            ["overall", "", "", "", "", review.decision or "", review.summary, ""]]
    rows += [["condition", str(n), "", "", "", "", c.text, c.due] for n, c in enumerate(review.conditions, 1)]
    rows += [["item", i["id"], i["clause"], i["question"], i["answer"], i["decision"] or "", i["comment"], ""] for i in o["items"]]
    rows += [["plan", p["id"], p["number"], p["title"], "", p["decision"] or "", p["comment"], ""] for p in o["plan"]]
    if o["test_log"] is not None:  # each test: channel, contact → reply, note; then the figures in words
        rows += [["test", str(n), "", x["channel"], f"{x['contacted']} → {x.get('replied', '')}".rstrip(" →"), "",
                  x.get("note", ""), ""] for n, x in enumerate(o["test_log"]["tests"], 1)]
        rows += [["test_figures", "", "", line, "", "", "", ""] for line in o["test_lines"]]
    if check is not None:  # the --answers check in the file itself, a row per line, so a spreadsheet shows it too
        rows += [["answers_check", "", "", line.strip(), "", "", "", ""] for line in check_lines(check, review, lang)]
    out = io.StringIO()
    # \r\n rows, so a bare \r or \n inside a cell is always quoted (csv quotes the terminator's characters).
    csv.writer(out, lineterminator="\r\n").writerows([[cell(c) for c in row] for row in rows])
    return out.getvalue()


# --- the command ----------------------------------------------------------------------------------


def read_review(criteria, path: Path) -> review_mod.Review:
    """The one place the command reads a review file."""
    return review_mod.read(criteria, path)


# Words of the --answers check; {name} marks a value filled in.
CHECK_LABELS = texts.table("review_check")


def check_answers(criteria, review: review_mod.Review, path: Path, lang: str = "zh", review_source: str = "<review>") -> dict:
    """Whether the file at path is, byte for byte, the one reviewed; if not, what differs (diff.compare)."""
    try:
        data = input_file.read(path, "answers")
    except input_file.InputRefused as exc:
        raise answers_mod.AnswersError(exc.path, [exc.problem]) from None
    sha = review_mod.sha256(data)
    if sha == review.submission_sha256 and (problem := review_mod.binding_problem(criteria, review, data)):
        # The review names this file but holds other answers: neither half of it can be trusted.
        raise review_mod.ReviewError(f"{review_source}: {problem} ({path})")
    check = {"file": str(path), "sha256": sha, "reviewed": sha == review.submission_sha256}
    if not check["reviewed"]:
        try:
            current = review_mod.read_submission(criteria, data, str(path))
            items, plan = review_mod.changes_since(criteria, review, current)
            check["changed"] = {"items": items, "plan": plan}
            check["changes"] = diff_mod.compare(criteria, review.submission, current, lang)
        except answers_mod.AnswersError as exc:
            check["invalid"] = str(exc).split("\n")[0]
    return check


def check_lines(check: dict, review: review_mod.Review, lang: str) -> list[str]:
    """The check in the chosen language: the verdict on the bytes, then each change since the review
    (clause and question, old -> new with units), each changed plan section, and the verdict now."""
    words = {**plan_mod.LABELS[lang], **diff_mod.LABELS[lang], **CHECK_LABELS[lang]}
    file = escaped(check["file"])
    if check["reviewed"]:
        return [words["check_same"].format(file=file, sha=check["sha256"])]
    first = words["check_other"].format(file=file, sha=check["sha256"], reviewed=review.submission_sha256)
    if "invalid" in check:
        return [first + words["check_invalid"].format(problem=escaped(check["invalid"]))]
    changes = check["changes"]
    if not changes["items"] and not changes["plan"]:
        return [first + words["check_unchanged"]]
    sep = words["sep"]
    out = [first + words["check_changed"].format(n=len(changes["items"]) + len(changes["plan"]))]
    for item in changes["items"]:
        for f in item["fields"]:
            change = words["arrow"].format(old=f["old"] or "—", new=f["new"] or "—")
            out.append(f"  {escaped(diff_mod.where(item, words))}{sep}{words['field_' + f['field']]}{sep}{escaped(change)}")
    out += [f"  {words['check_plan'].format(number=p['number'], title=p['title'])}" for p in changes["plan"]]
    old, new = changes["verdicts"]
    out.append("  " + words["check_verdict"].format(old=f"{old['label']} ({percent(old['percent'])})",
                                                    new=f"{new['label']} ({percent(new['percent'])})"))
    return out


def check_sentence(check: dict, review: review_mod.Review, lang: str = "en") -> str:
    return "\n".join(check_lines(check, review, lang))


def run(args: argparse.Namespace) -> int:
    """Exit 0 when printed (and, with --answers, the file is the one reviewed); 1 when it is not; 2 bad input."""
    try:
        criteria = history.load(args.criteria)
        review = read_review(criteria, args.review)
        check = check_answers(criteria, review, args.answers, args.lang, str(args.review)) if args.answers else None
    except (review_mod.ReviewError, criteria_mod.CriteriaError, answers_mod.AnswersError) as exc:
        # One "FILE: where: what" line per problem, as every other command writes them.
        sys.stderr.write("".join(escaped(line) + "\n" for line in str(exc).split("\n")))
        return 2
    source = str(args.review)
    sentence = check_sentence(check, review, args.lang) if check else None
    if args.format == "json":
        sys.stdout.write(as_json(source, criteria, review, args.lang, check))
    elif args.format == "csv":
        sys.stdout.write(as_csv(criteria, review, args.lang, check))
        if sentence:
            sys.stderr.write(sentence + "\n")
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
    cli_options.add_format_lang(p)
    cli_options.add_criteria(p)
    p.set_defaults(run=run)
    return p
