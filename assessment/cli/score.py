"""The `score` command: score one answers file exported from the checklist, exactly as the browser does."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.answers.scoring import to_json
from assessment.cli import options as cli_options
from assessment.cli import report
from assessment.cli.command import LANGS, load, out


def run(args: argparse.Namespace) -> int:
    criteria, answers, result = load(args, args.answers)
    out(to_json(result) if args.json else "\n".join(report.score_lines(str(args.answers), criteria, answers, result, args.lang)))
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = "score one answers file exported from the checklist"
    p = sub.add_parser("score", help=help_text, description=help_text)
    cli_options.add_criteria(p)
    p.add_argument("answers", type=Path, help="the answers file (JSON)")
    p.add_argument("--json", action="store_true", help="print the result object as JSON")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of the text (default zh)")
    p.set_defaults(run=run)
    return p
