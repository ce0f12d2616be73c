"""The `changes` command, for maintainers: what changed in the criteria since the last release (or since
OLD, an earlier criteria file), in words, and the change-log entry it needs (criteria/criteria_changes.py)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from assessment.cli import options as cli_options
from assessment.cli.command import LANGS, UsageError, out
from assessment.cli.terminal import terminal
from assessment.criteria import changelog as change_log
from assessment.criteria import criteria_changes as changes
from assessment.criteria import model as criteria_mod
from assessment.criteria import versions as history


def run(args: argparse.Namespace) -> int:
    """What changed since the last release (or since OLD), in words, and the change-log entry it needs."""
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
    out(f"{terminal(str(args.criteria))} ({criteria.version}) ← {terminal(since)}")
    out("\n".join(f"  - {terminal(line)}" for line in lines) if lines else f"  {t['none']}")
    has_entry = any(e.version == criteria.version for e in log.entries)
    if args.sign:
        if log.latest.version != criteria.version:
            raise UsageError(f"{log_path}: entries[0].version: '{log.latest.version}' is not criteria.yml's version "
                             f"'{criteria.version}'; raise the version and add its entry first (--add-entry)")
        changes.sign(log_path, criteria)
        out(f"{terminal(str(log_path))}: signature of {criteria.version} recorded")
    elif args.add_entry:
        if has_entry:
            raise UsageError(f"{log_path}: version '{criteria.version}' has an entry already: raise `version` in "
                             "criteria.yml for a new release, or record this change in that entry with --sign")
        changes.add_entry(log_path, changes.draft(before, criteria, dt.date.today().isoformat()))
        out(f"{terminal(str(log_path))}: entry for {criteria.version} added; write its `changes` in both languages")
    elif lines:
        out(t["draft"] + "\n" + changes.draft(before, criteria, dt.date.today().isoformat()).rstrip("\n"))
    return 0


def _criteria_file(path: Path) -> criteria_mod.Criteria:
    """A criteria file alone, not held to its change log (for comparing versions while editing)."""
    return criteria_mod.load(path)


def add_parser(sub) -> argparse.ArgumentParser:
    help_text = ("what changed in the criteria since the last release (or since OLD), in words, and the "
                 "change-log entry it needs")
    p = sub.add_parser("changes", help=help_text, description=help_text)
    cli_options.add_criteria(p)
    p.add_argument("old", nargs="?", type=Path, metavar="OLD",
                   help="an earlier criteria file to compare with (default: what the change log recorded last)")
    p.add_argument("--lang", choices=LANGS, default="zh", help="language of the description (default zh)")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--add-entry", action="store_true",
                        help="put the drafted entry first in the change log beside the criteria file")
    action.add_argument("--sign", action="store_true",
                        help="record the criteria file's signature in the newest change-log entry (same version)")
    p.set_defaults(run=run)
    return p
