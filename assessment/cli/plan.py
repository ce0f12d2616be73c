"""The `plan` command: the SP's O&M and customer service plan written from its answers file as .docx, .md or .html."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.cli import options as cli_options
from assessment.cli.command import LANGS, UsageError, err, load
from assessment.plan import plan_file
from assessment.shared.formatting import percent
from assessment.shared.output_file import OutputRefused, refuse_inputs


def run(args: argparse.Namespace) -> int:
    try:  # before reading anything: the output must not be one of the inputs
        refuse_inputs(args.output, [args.answers, args.criteria])
    except OutputRefused as exc:
        raise UsageError(str(exc)) from None
    criteria, answers, result = load(args, args.answers)
    try:
        written = plan_file.write(args.output, criteria, answers, result, args.lang, annex=not args.no_annex)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    except ValueError as exc:  # a suffix that names no format, or a text the format cannot hold
        message = str(exc)
        raise UsageError(message if message.startswith(f"{args.output}:") else f"{args.output}: {message}") from None
    err(f"{written}: plan written ({result['verdict']}, {percent(result['percent'])})")
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = "write the SP's O&M and customer service plan as .docx, .md or .html"
    p = sub.add_parser("plan", help=help_text, description=help_text)
    cli_options.add_criteria(p)
    p.add_argument("answers", type=Path, help="the answers file (JSON)")
    p.add_argument("-o", "--output", type=Path, required=True, help="plan.docx, plan.md or plan.html")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of the plan")
    p.add_argument("--no-annex", action="store_true",
                   help="leave out the self-assessment annex (by default it is attached: the operator checks "
                        "the plan against it); notes marked private are never in the plan")
    p.set_defaults(run=run)
    return p
