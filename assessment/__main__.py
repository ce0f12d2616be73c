"""Command line for the operator's reviewers: python -m assessment COMMAND …

Commands: validate (a criteria file), score (one answers file), report (the full report of one
file), summary (one row per file for many), plan (the SP's plan as .docx, .md or .html).
Exit status: 0 done, 1 summary found bad files, 2 bad input (the message names file and problem).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from . import answers as answers_mod
from . import criteria as criteria_mod
from . import plan as plan_mod
from . import review_report
from .scoring import score, status_of, to_json

VERDICT_TEXT = {
    "ready": "ready: meets every launch condition and the readiness threshold",
    "conditional": "conditional: launch conditions met, but required items or the overall score fall short",
    "incomplete": "incomplete: mandatory or required items are unanswered",
    "not_ready": "not ready: a launch condition (mandatory item) is not met",
}


class UsageError(ValueError):
    """Bad arguments or an unwritable output; reported like a bad file."""


def _load(args: argparse.Namespace, path: Path):
    criteria = criteria_mod.load(args.criteria)
    answers = answers_mod.read(criteria, path)
    return criteria, answers, score(criteria, answers)


def browser_difference(answers: answers_mod.Answers, result: dict) -> str | None:
    """How the result the SP's browser saved in the file differs from ours, if it does."""
    if answers.result is None or answers.result == result:
        return None
    fields = [k for k in ("verdict", "percent", "earned", "possible", "criteria_version") if answers.result.get(k) != result[k]]
    shown = ", ".join(f"{k} {answers.result.get(k)!r} in the file, {result[k]!r} recomputed" for k in fields)
    return f"the result saved in the file differs from the recomputed one ({shown or 'in detail'})"


def _notes(criteria, answers, result) -> list[str]:
    notes = []
    if answers.criteria_version != criteria.version:
        notes.append(f"answered against criteria {answers.criteria_version}, scored against {criteria.version}")
    if difference := browser_difference(answers, result):
        notes.append(difference)
    return notes


# --- commands -----------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    data = criteria_mod.load(args.criteria)
    print(f"{args.criteria}: valid (version {data.version}, {len(data.items)} items, "
          f"{len(data.template)} template sections)")
    return 0


def _score_text(path: Path, criteria, answers, result) -> list[str]:
    lines = [f"{path}: {VERDICT_TEXT[result['verdict']]}",
             f"score {plan_mod.percent(result['percent'])} ({result['earned']}/{result['possible']} half-points), "
             f"criteria {result['criteria_version']}"]
    lines += [f"note: {n}" for n in _notes(criteria, answers, result)]
    for section in result["sections"]:
        lines.append(f"  {section['id']:<18} {plan_mod.percent(section['percent']):>7}  "
                     f"answered {section['answered']}/{section['total']}")
    lines += [f"{key}: {', '.join(result[key])}" for key in ("blockers", "gaps", "unanswered", "unknown") if result[key]]
    return lines


def _score(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    print(to_json(result) if args.json else "\n".join(_score_text(args.answers, criteria, answers, result)))
    return 0


def _report(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    empty = [p.number for p in criteria.template if not p.group and not answers.plan.get(p.id, "").strip()]
    if args.format == "json":
        print(json.dumps({
            "file": str(args.answers), "assessment": answers.assessment,
            "answered_criteria_version": answers.criteria_version, "result": result,
            "browser_result": "absent" if answers.result is None else "differs" if browser_difference(answers, result) else "same",
            "plan_sections_empty": empty,
            "answers": {k: {"status": a.status, "value": a.value, "note": a.note, "evidence": a.evidence}
                        for k, a in answers.answers.items()},
        }, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "section", "clause", "level", "kind", "status", "value", "note", "evidence"])
        for item in criteria.items:
            a = answers.answers.get(item.id)
            writer.writerow([item.id, item.section, item.clause or "", item.level, item.kind,
                             status_of(criteria, item, a) or "unanswered",
                             "" if a is None or a.value is None else plan_mod.number(a.value),
                             a.note if a else "", a.evidence if a else ""])
        sys.stdout.write(out.getvalue())
    elif args.format == "markdown":
        text = plan_mod.markdown(criteria, answers, result, args.lang, with_plan=False)
        notes = _notes(criteria, answers, result)
        print(text + ("\n" + "\n".join(f"> Note: {n}" for n in notes) + "\n" if notes else ""), end="")
    else:
        lines = _score_text(args.answers, criteria, answers, result)
        meta = ", ".join(f"{k} {answers.assessment.get(k)}" for k in plan_mod.META_KEYS if answers.assessment.get(k))
        lines.insert(1, meta or "no organisation, service, contact or date given")
        lines.append(f"plan sections not written: {', '.join(empty) or 'none'}")
        lines.append("answers:")
        for item in criteria.items:
            a = answers.answers.get(item.id)
            lines.append(f"  {item.id}: {plan_mod.answer_text(criteria, item, a, plan_mod.LABELS['en'])}")
            lines += [f"    {k}: {v}" for k, v in (("note", a.note if a else ""), ("evidence", a.evidence if a else "")) if v]
        print("\n".join(lines))
    return 0


def _files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            found.append(path)
    return found


def _summary(args: argparse.Namespace) -> int:
    criteria = criteria_mod.load(args.criteria)
    files = _files(args.paths)
    if not files:
        raise UsageError(f"no answers files (*.json) in {', '.join(map(str, args.paths))}")
    head = ["file", "organisation", "service", "criteria_version", "verdict", "percent", "blockers", "error"]
    rows, bad = [], 0
    for n, path in enumerate(files, 1):
        if len(files) > 50 and n % 50 == 0:
            print(f"… {n}/{len(files)} files read", file=sys.stderr)
        try:
            answers = answers_mod.read(criteria, path)
        except answers_mod.AnswersError as exc:
            bad += 1
            rows.append([str(path), "", "", "", "invalid", "", "", str(exc).replace(f"{path}: ", "").replace("\n", "; ")])
            continue
        result = score(criteria, answers)
        rows.append([str(path), answers.assessment.get("organisation", ""), answers.assessment.get("service", ""),
                     answers.criteria_version, result["verdict"], plan_mod.percent(result["percent"]),
                     str(len(result["blockers"])), browser_difference(answers, result) or ""])
    if args.csv:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([head, *rows])
        sys.stdout.write(out.getvalue())
    else:
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head) - 1)]
        for row in [head, *rows]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)) + ("  " + row[-1] if row[-1] else "").rstrip())
    print(f"{len(files)} files: {len(files) - bad} scored, {bad} invalid", file=sys.stderr)
    return 1 if bad else 0


def _plan(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    try:
        written = plan_mod.write(args.output, criteria, answers, result, args.lang)
    except ValueError as exc:  # a suffix that names no format; nothing was written
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
    print(f"{written}: plan written ({result['verdict']}, {plan_mod.percent(result['percent'])})", file=sys.stderr)
    return 0


# --- arguments ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessment",
        description="Check the SP Readiness criteria data, and score, report on and write plans from SPs' answers files.",
        epilog="Exit status: 0 done; 1 summary found invalid files; 2 bad input, with a message naming file and problem.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run, help_text: str, criteria_option: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if criteria_option:
            p.add_argument("--criteria", type=Path, default=criteria_mod.DEFAULT_PATH,
                           help="criteria data file (default: the bundled assessment/criteria.yml)")
        p.set_defaults(run=run)
        return p

    validate = command("validate", _validate, "check a criteria data file", criteria_option=False)
    validate.add_argument("criteria", nargs="?", type=Path, default=criteria_mod.DEFAULT_PATH,
                          help="the data file (default: the bundled assessment/criteria.yml)")

    scorer = command("score", _score, "score one answers file exported from the checklist")
    scorer.add_argument("answers", type=Path, help="the answers file (JSON)")
    scorer.add_argument("--json", action="store_true", help="print the result object as JSON")

    report = command("report", _report, "the full report of one answers file")
    report.add_argument("answers", type=Path, help="the answers file (JSON)")
    report.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text")
    report.add_argument("--lang", choices=list(plan_mod.LABELS), default="zh", help="language of the markdown report")

    summary = command("summary", _summary, "one row per answers file, for many submissions")
    summary.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR",
                         help="answers files, or folders searched for *.json")
    summary.add_argument("--csv", action="store_true", help="write CSV instead of an aligned table")

    plan = command("plan", _plan, "write the SP's O&M and customer service plan as .docx, .md or .html")
    plan.add_argument("answers", type=Path, help="the answers file (JSON)")
    plan.add_argument("-o", "--output", type=Path, required=True, help="plan.docx, plan.md or plan.html")
    plan.add_argument("--lang", choices=list(plan_mod.LABELS), default="zh", help="language of the plan")
    review_report.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (criteria_mod.CriteriaError, answers_mod.AnswersError, UsageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
