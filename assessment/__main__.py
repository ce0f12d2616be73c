"""Command line: python -m assessment {validate,score} …"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import answers as answers_mod
from . import criteria as criteria_mod
from .scoring import score, to_json

VERDICT_TEXT = {
    "ready": "ready: meets every launch condition and the readiness threshold",
    "conditional": "conditional: launch conditions met, but required items or the overall score fall short",
    "incomplete": "incomplete: mandatory or required items are unanswered",
    "not_ready": "not ready: a launch condition (mandatory item) is not met",
}


def _validate(args: argparse.Namespace) -> int:
    data = criteria_mod.load(args.criteria)
    print(f"{args.criteria}: valid (version {data.version}, {len(data.items)} items, "
          f"{len(data.template)} template sections)")
    return 0


def _score(args: argparse.Namespace) -> int:
    criteria = criteria_mod.load(args.criteria)
    answers = answers_mod.read(criteria, args.answers)
    result = score(criteria, answers)
    if args.json:
        print(to_json(result))
        return 0
    print(f"{args.answers}: {VERDICT_TEXT[result['verdict']]}")
    pct = "n/a" if result["percent"] is None else f"{result['percent']}%"
    print(f"score {pct} ({result['earned']}/{result['possible']} half-points), criteria {result['criteria_version']}")
    if answers.criteria_version != criteria.version:
        print(f"note: answered against criteria {answers.criteria_version}, scored against {criteria.version}")
    for section in result["sections"]:
        pct = "n/a" if section["percent"] is None else f"{section['percent']}%"
        print(f"  {section['id']:<18} {pct:>7}  answered {section['answered']}/{section['total']}")
    for key in ("blockers", "gaps", "unanswered", "unknown"):
        if result[key]:
            print(f"{key}: {', '.join(result[key])}")
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

    scorer = sub.add_parser("score", help="score an SP's answers file exported from the checklist")
    scorer.add_argument("answers", type=Path, help="the answers file (JSON)")
    scorer.add_argument("--json", action="store_true", help="print the result object as JSON")
    scorer.add_argument("--criteria", type=Path, default=criteria_mod.DEFAULT_PATH,
                        help="criteria data file (default: the bundled one)")
    scorer.set_defaults(run=_score)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (criteria_mod.CriteriaError, answers_mod.AnswersError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
