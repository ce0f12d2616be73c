"""Command line: python -m assessment {validate,score} …"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import criteria as criteria_mod


def _validate(args: argparse.Namespace) -> int:
    data = criteria_mod.load(args.criteria)
    print(f"{args.criteria}: valid (version {data.version}, {len(data.items)} items, "
          f"{len(data.template)} template sections)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assessment",
        description="Check the SP Readiness criteria data and score SPs' answers files.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = sub.add_parser("validate", help="check a criteria data file")
    validate.add_argument("criteria", nargs="?", type=Path, default=criteria_mod.DEFAULT_PATH,
                          help="the data file (default: the bundled assessment/criteria.yml)")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except criteria_mod.CriteriaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
