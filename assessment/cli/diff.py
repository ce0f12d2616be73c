"""The `diff` command: what an SP changed between two answers files (answers/answers_diff.py), printed.

`python -m assessment diff OLD NEW [--format text|markdown|json|csv] [--lang zh|en]` lists every
item whose answer changed (clause, question, old → new with units, and note or evidence when those
changed), every plan section whose text changed, and both verdicts. Exit 0 when answers and plan are
the same, 1 when something changed, 2 on bad input ("FILE: where: what", never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assessment.answers import answers_file as answers_mod
from assessment.answers.answers_diff import compare, labels_of, where
from assessment.cli import options as cli_options
from assessment.cli.terminal import csv_text, lines, terminal
from assessment.criteria import versions as history
from assessment.shared.formatting import percent


def _verdict(v: dict, labels: dict) -> str:
    return f"{v['label']} ({percent(v['percent'])})"


def rows(diff: dict, lang: str) -> list[list[str]]:
    """One row per changed field (kind, where, field, old, new), the verdicts last; CSV lays these out."""
    labels = labels_of(lang)
    out = [[labels["col_kind"], labels["col_where"], labels["col_field"], labels["col_old"], labels["col_new"]]]
    for d in diff["details"]:
        out.append([labels["kind_detail"], labels[d["field"]], labels[d["field"]], d["old"], d["new"]])
    for item in diff["items"]:
        for f in item["fields"]:
            out.append([labels["kind_item"], where(item, labels), labels[f"field_{f['field']}"], f["old"], f["new"]])
    for p in diff["plan"]:
        out.append([labels["kind_plan"], f"{p['number']} {p['title']}", "", p["old"], p["new"]])
    old, new = diff["verdicts"]
    out.append([labels["kind_verdict"], "", labels["verdicts"], _verdict(old, labels), _verdict(new, labels)])
    return out


def text(diff: dict, old_name: str, new_name: str, lang: str) -> str:
    labels = labels_of(lang)
    sep = labels["sep"]
    arrow = lambda a, b: labels["arrow"].format(old=a or "—", new=b or "—")  # noqa: E731
    out = [labels["diff_title"], f"  {labels['old_file']}{sep}{terminal(old_name)}", f"  {labels['new_file']}{sep}{terminal(new_name)}",
           f"  {labels['verdicts']}{sep}{arrow(*(_verdict(v, labels) for v in diff['verdicts']))}", ""]
    if not diff["changed"]:
        return "\n".join([*out, labels["no_change"]]) + "\n"
    n = len(diff["details"]) + len(diff["items"]) + len(diff["plan"])
    out.append(labels["changes"].format(n=n))
    if diff["details"]:
        out += ["", labels["details_changed"]]
        out += [f"  {labels[d['field']]}{sep}{terminal(arrow(d['old'], d['new']))}" for d in diff["details"]]
    if diff["items"]:
        out += ["", labels["changed_items"]]
        for item in diff["items"]:
            out.append(f"  {terminal(where(item, labels))}")
            out += [f"    {labels['field_' + f['field']]}{sep}{terminal(arrow(f['old'], f['new']))}" for f in item["fields"]]
    if diff["plan"]:
        out += ["", labels["changed_plan"]]
        for p in diff["plan"]:
            out.append(f"  {p['number']} {p['title']}")
            out += [f"    - {line}" for line in lines(p["old"])] if p["old"] else [f"    - {labels['empty']}"]
            out += [f"    + {line}" for line in lines(p["new"])] if p["new"] else [f"    + {labels['empty']}"]
    return "\n".join(out) + "\n"


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", "<br>") or " "


def markdown(diff: dict, old_name: str, new_name: str, lang: str) -> str:
    labels = labels_of(lang)
    table = rows(diff, lang)
    out = [f"# {labels['diff_title']}", "", f"- {labels['old_file']}{labels['sep']}`{_md(old_name)}`",
           f"- {labels['new_file']}{labels['sep']}`{_md(new_name)}`", ""]
    if not diff["changed"]:
        out += [labels["no_change"], ""]
    out += [f"| {' | '.join(_md(c) for c in table[0])} |", "|" + " --- |" * len(table[0])]
    out += [f"| {' | '.join(_md(c) for c in row)} |" for row in table[1:]]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    criteria = history.load(args.criteria)
    old, new = answers_mod.read(criteria, args.old), answers_mod.read(criteria, args.new)
    diff = compare(criteria, old, new, args.lang)
    if args.format == "json":
        sys.stdout.write(json.dumps({"old": str(args.old), "new": str(args.new), **diff}, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(csv_text(rows(diff, args.lang)))
    elif args.format == "markdown":
        sys.stdout.write(markdown(diff, str(args.old), str(args.new), args.lang))
    else:
        sys.stdout.write(text(diff, str(args.old), str(args.new), args.lang))
    return 1 if diff["changed"] else 0


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `diff` on the subparsers of python -m assessment."""
    help_text = "what an SP changed between two answers files: items with clause and old -> new, plan sections, verdicts"
    p = sub.add_parser("diff", help=help_text, description=help_text,
                       epilog="Exit status: 0 nothing changed; 1 something changed; 2 bad input.")
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier answers file")
    p.add_argument("new", type=Path, metavar="NEW", help="the later answers file")
    cli_options.add_format_lang(p)
    cli_options.add_criteria(p)
    p.set_defaults(run=run)
    return p
