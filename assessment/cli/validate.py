"""The `validate` command: check a criteria data file and its change log."""

from __future__ import annotations

import argparse
from pathlib import Path

from assessment.cli.command import out, plural
from assessment.cli.terminal import terminal
from assessment.criteria import model as criteria_mod
from assessment.criteria import versions as history


def run(args: argparse.Namespace) -> int:
    data = history.load(args.criteria)
    out(f"{terminal(str(args.criteria))}: valid (version {data.version}, {plural(len(data.items), 'item')}, "
        f"{plural(len(data.template), 'template section')})")
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = "check a criteria data file"
    p = sub.add_parser("validate", help=help_text, description=help_text)
    p.add_argument("criteria", nargs="?", type=Path, default=criteria_mod.DEFAULT_PATH,
                   help="the data file (default: the bundled assessment/criteria.yml)")
    p.set_defaults(run=run)
    return p
