"""The `summary` command: one row per submission, for many files and folders, with its review.

The rows are summary_rows.py's; their order, filters and layout (text, CSV, JSON) summary_layout.py's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from assessment.cli import options as cli_options
from assessment.cli import summary_layout as summary_out
from assessment.cli.command import LANGS, UsageError, err, out, plural
from assessment.cli import summary_rows
from assessment.cli.summary_rows import HEAD
from assessment.criteria import versions as history
from assessment.shared import output_file




def run(args: argparse.Namespace) -> int:
    criteria = history.load(args.criteria)
    fmt = "csv" if args.csv else args.format
    try:
        filters = summary_out.parse_filters(args.filter)
        if args.sort is not None and args.sort not in HEAD:
            raise summary_out.SummaryUsage(f"--sort {args.sort}: one of {', '.join(HEAD)}")
    except summary_out.SummaryUsage as exc:
        raise UsageError(str(exc)) from None
    if args.output is not None:
        try:
            output_file.check_target(args.output)
        except output_file.OutputRefused as exc:
            raise UsageError(str(exc)) from None
    files, skipped = summary_rows.find(args.paths)
    for path, why in skipped:
        err(f"skipped {path}: {why}")
    if not files:
        raise UsageError(f"no answers files (*.json) in {', '.join(map(str, args.paths))}")
    rows, n = summary_rows.rows(criteria, files, all_problems=fmt != "text", progress=err, lang=args.lang)
    rows = summary_out.select(rows, filters, args.sort, args.reverse)
    tally = {"files": n.files, "scored": n.scored, "invalid": n.invalid, "reviews": n.reviews, "paired": n.paired,
             "shown": len(rows), "skipped": len(skipped)}
    if fmt == "csv":
        table = summary_out.as_csv(rows, to_file=args.output is not None)
    elif fmt == "json":
        table = summary_out.as_json(rows, tally)
    else:
        # A terminal (or a width given in COLUMNS) gets cells cut to its width; a file or a pipe every cell whole.
        to_terminal = args.output is None and (sys.stdout.isatty() or "COLUMNS" in os.environ)
        columns = shutil.get_terminal_size((120, 24)).columns if to_terminal else 1_000_000
        table = summary_out.text(rows, args.lang, columns)
    if args.output is not None:
        try:
            output_file.write_file(args.output, table.encode("utf-8", errors="backslashreplace"))
        except (OSError, output_file.OutputRefused) as exc:
            raise UsageError(f"{args.output}: cannot write ({getattr(exc, 'strerror', None) or exc})") from None
    else:
        out(table.rstrip("\n"))
    line = f"{plural(n.files, 'file')}: {n.scored} scored, {n.invalid} invalid"
    if n.reviews:
        line += f", {plural(n.reviews, 'review')} ({n.paired} paired with a submission)"
    if filters:
        line += f"; {len(rows)} shown"
    err(line + (f"; {plural(len(skipped), 'path')} skipped" if skipped else "") + (f"; written to {args.output}" if args.output else ""))
    return 1 if n.invalid or skipped else 0


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = ("one row per answers file, for many submissions, with the decision of the review of exactly "
                 "that file (same SHA-256) where a review file is among them")
    p = sub.add_parser("summary", help=help_text, description=help_text)
    cli_options.add_criteria(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR",
                   help="answers and review files, or folders searched for *.json "
                        "(symbolic links to folders are not followed)")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text",
                   help="text: an aligned table, long cells cut to the terminal's width; csv and json: every cell whole")
    p.add_argument("--csv", action="store_true", help="the same as --format csv")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of the text table's headings and words (default zh)")
    p.add_argument("--sort", metavar="COLUMN", help=f"sort by a column: {', '.join(HEAD)}")
    p.add_argument("--reverse", action="store_true", help="sort in reverse (largest, latest first)")
    p.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE[,VALUE]",
                   help="keep rows whose verdict (ready, conditional, incomplete, not_ready, invalid) or review "
                        "(approved, conditional, rejected, in_progress, none) is one of these; repeatable")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write to FILE instead of standard output (CSV gets a UTF-8 byte order mark for spreadsheets)")
    p.set_defaults(run=run)
    return p
