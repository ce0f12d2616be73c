"""Command line for the operator's reviewers and maintainers: python -m assessment COMMAND … (or sp-readiness).

One module per command in this package, each owning its parser (`add_parser`) and its `run`;
`COMMANDS` is the order `--help` lists them in. Exit status: 0 done; 1 summary found invalid files
or skipped folders, review --answers was given another file than the one reviewed, or diff found a
change; 2 bad input, one "FILE: where: what" line per problem on standard error, never a traceback;
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys

from assessment.answers import answers_file as answers_mod
from assessment.cli import changes, diff, evidence, plan, report, review, score, summary, validate
from assessment.cli.command import UsageError, err
from assessment.cli.terminal import terminal
from assessment.criteria import model as criteria_mod

COMMANDS = (validate, changes, score, report, summary, plan, review, diff, evidence)


def build_parser(prog: str = "python -m assessment") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Check the SP Readiness criteria data, and score, report on and write plans from SPs' answers files.",
        epilog="Exit status: 0 done; 1 summary found invalid files or skipped folders, review --answers "
               "was given another file than the one reviewed, or diff found a change; 2 bad input, with one "
               "'FILE: where: what' line per problem; 130 interrupted (Ctrl-C).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
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
        err(str(exc))
        return 2
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, with the shell's usual status for it
        err("interrupted")
        return 130
    except BrokenPipeError:  # the reader (head, less) stopped reading: nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def tool() -> int:
    """The installed `sp-readiness` command (pyproject.toml): the same commands, under the name typed."""
    return main(prog="sp-readiness")
