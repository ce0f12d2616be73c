"""Command line for the operator's reviewers: python -m assessment COMMAND …

Commands: validate (a criteria file), score (one answers file), report (the full report of one
file), summary (one row per file for many, each with its review), plan (the SP's plan as .docx, .md
or .html), review (a reviewer's review file; review_report.py), evidence (first replies measured
from a ticket export; evidence_cli.py).
Exit status: 0 done; 1 summary found invalid files or skipped folders, or review --answers was given
another file than the one reviewed; 2 bad input, one "FILE: where: what" line per problem on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import answers as answers_mod
from . import criteria as criteria_mod
from . import plan as plan_mod
from . import evidence_block, evidence_cli, report, review_report
from . import summary as summary_mod
from .output import csv_text, table, terminal
from .scoring import score, to_json

LANGS = list(plan_mod.LABELS)


class UsageError(ValueError):
    """Bad arguments or an unwritable output; reported like a bad file."""


def _criteria(path: Path) -> criteria_mod.Criteria:
    """The criteria file; the failures criteria.load does not name yet are named here."""
    try:
        return criteria_mod.load(path)
    except UnicodeDecodeError:
        raise UsageError(f"{path}: (file): not UTF-8 text") from None
    except RecursionError:
        raise UsageError(f"{path}: (file): nested too deeply to read") from None


def _load(args: argparse.Namespace, path: Path):
    criteria = _criteria(args.criteria)
    answers = answers_mod.read(criteria, path)
    return criteria, answers, score(criteria, answers)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err(text: str) -> None:
    """A message on standard error, one escaped line per line: file texts cannot drive the terminal."""
    sys.stderr.write("".join(terminal(line) + "\n" for line in text.split("\n")))


# --- commands -----------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    data = _criteria(args.criteria)
    _out(f"{terminal(str(args.criteria))}: valid (version {data.version}, {len(data.items)} items, "
         f"{len(data.template)} template sections)")
    return 0


def _score(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    _out(to_json(result) if args.json else "\n".join(report.score_lines(str(args.answers), criteria, answers, result, args.lang)))
    return 0


def _report(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    source = str(args.answers)
    if args.format == "json":
        _out(json.dumps({
            "file": source, "assessment": answers.assessment,
            "answered_criteria_version": answers.criteria_version, "result": result,
            "browser_result": "absent" if answers.result is None else "differs" if report.browser_difference(answers, result) else "same",
            "plan_sections_empty": report.empty_plan_sections(criteria, answers),
            "evidence": answers.evidence,
            "evidence_contradictions": evidence_block.contradictions(criteria, answers, answers.evidence),
            "answers": {k: {"status": a.status, "value": a.value, "note": a.note, "evidence": a.evidence}
                        for k, a in answers.answers.items()},
        }, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        _out(csv_text(report.csv_rows(criteria, answers, args.lang)))
    elif args.format == "markdown":
        _out(report.markdown(source, criteria, answers, result, args.lang))
    else:
        _out(report.text(source, criteria, answers, result, args.lang))
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _summary(args: argparse.Namespace) -> int:
    criteria = _criteria(args.criteria)
    files, skipped = summary_mod.find(args.paths)
    for path, why in skipped:
        _err(f"skipped {path}: {why}")
    if not files:
        raise UsageError(f"no answers files (*.json) in {', '.join(map(str, args.paths))}")
    rows, n = summary_mod.rows(criteria, files, all_problems=args.csv, progress=_err)
    if args.csv:
        _out(csv_text([summary_mod.HEAD, *rows]))
    else:
        _out("\n".join(table([[terminal(c) for c in row] for row in [summary_mod.HEAD, *rows]], right=summary_mod.RIGHT)))
    tally = f"{_plural(n.files, 'file')}: {n.scored} scored, {n.invalid} invalid"
    if n.reviews:
        tally += f", {_plural(n.reviews, 'review')} ({n.paired} paired with a submission)"
    _err(tally + (f"; {_plural(len(skipped), 'path')} skipped" if skipped else ""))
    return 1 if n.invalid or skipped else 0


def _plan(args: argparse.Namespace) -> int:
    criteria, answers, result = _load(args, args.answers)
    try:
        written = plan_mod.write(args.output, criteria, answers, result, args.lang)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    except ValueError as exc:  # a suffix that names no format, or a text the format cannot hold
        message = str(exc)
        raise UsageError(message if message.startswith(f"{args.output}:") else f"{args.output}: {message}") from None
    _err(f"{written}: plan written ({result['verdict']}, {report.percent(result['percent'])})")
    return 0


# --- arguments ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessment",
        description="Check the SP Readiness criteria data, and score, report on and write plans from SPs' answers files.",
        epilog="Exit status: 0 done; 1 summary found invalid files or skipped folders, or review --answers "
               "was given another file than the one reviewed; 2 bad input, with one 'FILE: where: what' line per problem.",
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
    scorer.add_argument("--lang", choices=LANGS, default="zh", help="language of the text (default zh)")

    reporter = command("report", _report, "the full report of one answers file")
    reporter.add_argument("answers", type=Path, help="the answers file (JSON)")
    reporter.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text")
    reporter.add_argument("--lang", choices=LANGS, default="zh",
                          help="language of the text, Markdown and CSV report (default zh)")

    summary = command("summary", _summary, "one row per answers file, for many submissions, with the decision of "
                      "the review of exactly that file (same SHA-256) where a review file is among them")
    summary.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR",
                         help="answers and review files, or folders searched for *.json "
                              "(symbolic links to folders are not followed)")
    summary.add_argument("--csv", action="store_true", help="write CSV instead of an aligned table")

    plan = command("plan", _plan, "write the SP's O&M and customer service plan as .docx, .md or .html")
    plan.add_argument("answers", type=Path, help="the answers file (JSON)")
    plan.add_argument("-o", "--output", type=Path, required=True, help="plan.docx, plan.md or plan.html")
    plan.add_argument("--lang", choices=LANGS, default="zh", help="language of the plan")
    review_report.add_parser(sub)
    evidence_cli.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # A name that cannot be encoded (a file name that is not UTF-8) is written as an escape, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except answers_mod.AnswersError as exc:  # one line per problem, even when a key holds a line break
        sys.stderr.write("".join(terminal(f"{exc.source}: {p}") + "\n" for p in exc.problems))
        return 2
    except (criteria_mod.CriteriaError, UsageError) as exc:
        _err(str(exc))
        return 2
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, with the shell's usual status for it
        _err("interrupted")
        return 130
    except BrokenPipeError:  # the reader (head, less) stopped reading: nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
