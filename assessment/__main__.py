"""Command line for the operator's reviewers: python -m assessment COMMAND …

Commands: validate (a criteria file), score (one answers file), report (the full report of one
file), summary (one row per file for many, each with its review), plan (the SP's plan as .docx, .md
or .html), review (a reviewer's review file; review_report.py), diff (what changed between two
answers files; diff.py), evidence (first replies measured from a ticket export; evidence_cli.py).
Exit status: 0 done; 1 summary found invalid files or skipped folders, review --answers was given
another file than the one reviewed, or diff found a change; 2 bad input, one "FILE: where: what" line per problem on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

from assessment.answers import answers_file as answers_mod
from assessment.cli import options as cli_options
from assessment.criteria import model as criteria_mod
from assessment.criteria import versions as history
from assessment.plan import plan as plan_mod
from assessment.answers import answers_diff as diff_mod
from assessment.evidence import block as evidence_block
from assessment.cli import evidence as evidence_cli
from assessment.cli import report
from assessment.cli import review as review_report
from assessment.cli import summary as summary_mod
from assessment.shared import output_file
from assessment.cli import summary_layout as summary_out
from assessment.cli.terminal import csv_text, terminal
from assessment.answers.scoring import score, terms_changed, to_json
from assessment.shared.output_file import OutputRefused, refuse_inputs

LANGS = list(plan_mod.LABELS)


class UsageError(ValueError):
    """Bad arguments or an unwritable output; reported like a bad file."""


def _load(args: argparse.Namespace, path: Path):
    criteria = history.load(args.criteria)
    answers = answers_mod.read(criteria, path)
    return criteria, answers, score(criteria, answers)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _err(text: str) -> None:
    """A message on standard error, one escaped line per line: file texts cannot drive the terminal."""
    sys.stderr.write("".join(terminal(line) + "\n" for line in text.split("\n")))


# --- commands -----------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    data = history.load(args.criteria)
    _out(f"{terminal(str(args.criteria))}: valid (version {data.version}, {_plural(len(data.items), 'item')}, "
         f"{_plural(len(data.template), 'template section')})")
    return 0


def _changes(args: argparse.Namespace) -> int:
    """What changed since the last release (or since OLD), in words, and the change-log entry it needs."""
    import datetime as dt

    from assessment.criteria import changelog as change_log
    from assessment.criteria import criteria_changes as changes

    criteria = _criteria_file(args.criteria)
    log_path = change_log.beside(args.criteria)
    try:
        log = change_log.load(log_path)
    except change_log.ChangeLogError as exc:
        raise UsageError(str(exc)) from None
    old = _criteria_file(args.old) if args.old else None
    if old is not None:
        since, before = str(args.old), history.signature(old)
    else:
        found = changes.baseline(log, criteria.version)
        if found is None:
            raise UsageError(f"{log_path}: entries: no earlier version records a signature; give OLD, a copy of the earlier criteria file")
        since, before = f"{found[0]}", found[1]
    lines = changes.describe(before, criteria, args.lang, old)
    t = changes.WORDS[args.lang]
    _out(f"{terminal(str(args.criteria))} ({criteria.version}) ← {terminal(since)}")
    _out("\n".join(f"  - {terminal(line)}" for line in lines) if lines else f"  {t['none']}")
    has_entry = any(e.version == criteria.version for e in log.entries)
    if args.sign:
        if log.latest.version != criteria.version:
            raise UsageError(f"{log_path}: entries[0].version: '{log.latest.version}' is not criteria.yml's version "
                             f"'{criteria.version}'; raise the version and add its entry first (--add-entry)")
        changes.sign(log_path, criteria)
        _out(f"{terminal(str(log_path))}: signature of {criteria.version} recorded")
    elif args.add_entry:
        if has_entry:
            raise UsageError(f"{log_path}: version '{criteria.version}' has an entry already: raise `version` in "
                             "criteria.yml for a new release, or record this change in that entry with --sign")
        changes.add_entry(log_path, changes.draft(before, criteria, dt.date.today().isoformat()))
        _out(f"{terminal(str(log_path))}: entry for {criteria.version} added; write its `changes` in both languages")
    elif lines:
        _out(t["draft"] + "\n" + changes.draft(before, criteria, dt.date.today().isoformat()).rstrip("\n"))
    return 0


def _criteria_file(path: Path) -> criteria_mod.Criteria:
    """A criteria file alone, not held to its change log (for comparing versions while editing)."""
    return criteria_mod.load(path)


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
            "terms_changed": terms_changed(criteria, answers),
            "evidence": answers.evidence,
            "evidence_contradictions": evidence_block.contradictions(criteria, answers, answers.evidence),
            "answers": {k: {"status": a.status, "value": a.value, "unit": a.unit, "version": a.version,
                            "note": a.note, "evidence": a.evidence}
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
    criteria = history.load(args.criteria)
    fmt = "csv" if args.csv else args.format
    try:
        filters = summary_out.parse_filters(args.filter)
        if args.sort is not None and args.sort not in summary_mod.HEAD:
            raise summary_out.SummaryUsage(f"--sort {args.sort}: one of {', '.join(summary_mod.HEAD)}")
    except summary_out.SummaryUsage as exc:
        raise UsageError(str(exc)) from None
    if args.output is not None:
        try:
            output_file.check_target(args.output)
        except output_file.OutputRefused as exc:
            raise UsageError(str(exc)) from None
    files, skipped = summary_mod.find(args.paths)
    for path, why in skipped:
        _err(f"skipped {path}: {why}")
    if not files:
        raise UsageError(f"no answers files (*.json) in {', '.join(map(str, args.paths))}")
    rows, n = summary_mod.rows(criteria, files, all_problems=fmt != "text", progress=_err, lang=args.lang)
    rows = summary_out.select(rows, filters, args.sort, args.reverse)
    tally = {"files": n.files, "scored": n.scored, "invalid": n.invalid, "reviews": n.reviews, "paired": n.paired,
             "shown": len(rows), "skipped": len(skipped)}
    if fmt == "csv":
        out = summary_out.as_csv(rows, to_file=args.output is not None)
    elif fmt == "json":
        out = summary_out.as_json(rows, tally)
    else:
        # A terminal (or a width given in COLUMNS) gets cells cut to its width; a file or a pipe every cell whole.
        to_terminal = args.output is None and (sys.stdout.isatty() or "COLUMNS" in os.environ)
        columns = shutil.get_terminal_size((120, 24)).columns if to_terminal else 1_000_000
        out = summary_out.text(rows, args.lang, columns)
    if args.output is not None:
        try:
            output_file.write_file(args.output, out.encode("utf-8", errors="backslashreplace"))
        except (OSError, output_file.OutputRefused) as exc:
            raise UsageError(f"{args.output}: cannot write ({getattr(exc, 'strerror', None) or exc})") from None
    else:
        _out(out.rstrip("\n"))
    line = f"{_plural(n.files, 'file')}: {n.scored} scored, {n.invalid} invalid"
    if n.reviews:
        line += f", {_plural(n.reviews, 'review')} ({n.paired} paired with a submission)"
    if filters:
        line += f"; {len(rows)} shown"
    _err(line + (f"; {_plural(len(skipped), 'path')} skipped" if skipped else "") + (f"; written to {args.output}" if args.output else ""))
    return 1 if n.invalid or skipped else 0


def _plan(args: argparse.Namespace) -> int:
    try:  # before reading anything: the output must not be one of the inputs
        refuse_inputs(args.output, [args.answers, args.criteria])
    except OutputRefused as exc:
        raise UsageError(str(exc)) from None
    criteria, answers, result = _load(args, args.answers)
    try:
        written = plan_mod.write(args.output, criteria, answers, result, args.lang, annex=not args.no_annex)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    except ValueError as exc:  # a suffix that names no format, or a text the format cannot hold
        message = str(exc)
        raise UsageError(message if message.startswith(f"{args.output}:") else f"{args.output}: {message}") from None
    _err(f"{written}: plan written ({result['verdict']}, {report.percent(result['percent'])})")
    return 0


# --- arguments ----------------------------------------------------------------------------


def build_parser(prog: str = "python -m assessment") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check the SP Readiness criteria data, and score, report on and write plans from SPs' answers files.",
        epilog="Exit status: 0 done; 1 summary found invalid files or skipped folders, review --answers "
               "was given another file than the one reviewed, or diff found a change; 2 bad input, with one "
               "'FILE: where: what' line per problem; 130 interrupted (Ctrl-C).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run, help_text: str, criteria_option: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if criteria_option:
            cli_options.add_criteria(p)
        p.set_defaults(run=run)
        return p

    validate = command("validate", _validate, "check a criteria data file", criteria_option=False)
    validate.add_argument("criteria", nargs="?", type=Path, default=criteria_mod.DEFAULT_PATH,
                          help="the data file (default: the bundled assessment/criteria.yml)")

    changer = command("changes", _changes, "what changed in the criteria since the last release (or since OLD), in "
                      "words, and the change-log entry it needs")
    changer.add_argument("old", nargs="?", type=Path, metavar="OLD",
                         help="an earlier criteria file to compare with (default: what the change log recorded last)")
    changer.add_argument("--lang", choices=LANGS, default="zh", help="language of the description (default zh)")
    action = changer.add_mutually_exclusive_group()
    action.add_argument("--add-entry", action="store_true",
                        help="put the drafted entry first in the change log beside the criteria file")
    action.add_argument("--sign", action="store_true",
                        help="record the criteria file's signature in the newest change-log entry (same version)")

    scorer = command("score", _score, "score one answers file exported from the checklist")
    scorer.add_argument("answers", type=Path, help="the answers file (JSON)")
    scorer.add_argument("--json", action="store_true", help="print the result object as JSON")
    scorer.add_argument("--lang", choices=LANGS, default="zh", help="language of the text (default zh)")

    reporter = command("report", _report, "the full report of one answers file")
    reporter.add_argument("answers", type=Path, help="the answers file (JSON)")
    cli_options.add_format_lang(reporter, lang_help="language of the text, Markdown and CSV report")

    summary = command("summary", _summary, "one row per answers file, for many submissions, with the decision of "
                      "the review of exactly that file (same SHA-256) where a review file is among them")
    summary.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR",
                         help="answers and review files, or folders searched for *.json "
                              "(symbolic links to folders are not followed)")
    summary.add_argument("--format", choices=["text", "csv", "json"], default="text",
                         help="text: an aligned table, long cells cut to the terminal's width; csv and json: every cell whole")
    summary.add_argument("--csv", action="store_true", help="the same as --format csv")
    summary.add_argument("--lang", choices=LANGS, default="zh", help="language of the text table's headings and words (default zh)")
    summary.add_argument("--sort", metavar="COLUMN", help=f"sort by a column: {', '.join(summary_mod.HEAD)}")
    summary.add_argument("--reverse", action="store_true", help="sort in reverse (largest, latest first)")
    summary.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE[,VALUE]",
                         help="keep rows whose verdict (ready, conditional, incomplete, not_ready, invalid) or review "
                              "(approved, conditional, rejected, in_progress, none) is one of these; repeatable")
    summary.add_argument("-o", "--output", type=Path, metavar="FILE",
                         help="write to FILE instead of standard output (CSV gets a UTF-8 byte order mark for spreadsheets)")

    plan = command("plan", _plan, "write the SP's O&M and customer service plan as .docx, .md or .html")
    plan.add_argument("answers", type=Path, help="the answers file (JSON)")
    plan.add_argument("-o", "--output", type=Path, required=True, help="plan.docx, plan.md or plan.html")
    plan.add_argument("--lang", choices=LANGS, default="zh", help="language of the plan")
    plan.add_argument("--no-annex", action="store_true",
                      help="leave out the self-assessment annex (by default it is attached: the operator checks "
                           "the plan against it); notes marked private are never in the plan")
    review_report.add_parser(sub)
    diff_mod.add_parser(sub)
    evidence_cli.add_parser(sub)
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m assessment") -> int:
    # A name that cannot be encoded (a file name that is not UTF-8) is written as an escape, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser(prog).parse_args(argv)
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


def tool() -> int:
    """The installed `sp-readiness` command (pyproject.toml): the same commands, under the name typed."""
    return main(prog="sp-readiness")


if __name__ == "__main__":
    sys.exit(main())
