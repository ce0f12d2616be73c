"""The `evidence` command: first replies and 7×24 coverage measured from an SP's ticket export.

`python -m assessment evidence EXPORT [--preset NAME] [--map COLUMN=ROLE …] [--tz ZONE]
[--until TIME] [--format text|json] [--lang zh|en]` prints the aggregate; `--format json` writes
exactly the JSON the checklist's evidence view computes for the same file. A bad file gives
"FILE: where: what" and exit 2, never a traceback. Texts from the file (column names, channels)
are shown escaped: they cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assessment.cli import options as cli_options
from assessment.criteria import quantity
from assessment.criteria import versions as history
from assessment.criteria import texts
from assessment.evidence import columns as columns_mod
from assessment.evidence.measure import NO_REPLY, EvidenceError, threshold_minutes, to_json
from assessment.evidence.export_file import measure_file
from assessment.evidence.reading import Options
from assessment.evidence.times import DEFAULT_ZONE
from assessment.cli.terminal import table, terminal

LABELS = texts.table("evidence")
DAYS = 7


def _count(n: int) -> str:
    return f"{n:,}"


def _percent(share: float | None, none: str) -> str:
    return none if share is None else f"{share * 100:.1f}%"


def _minutes(value, labels: dict) -> str:
    if value is None:
        return labels["none"]
    if value == NO_REPLY:
        return labels["no_reply"]
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return labels["minutes"].format(n=text)


def text(source: str, criteria, result: dict, lang: str) -> str:
    """The aggregate for a reader: totals, percentiles, channels, months and the replied hours of the week."""
    L = LABELS[lang]
    threshold = quantity.minutes_text(criteria, result["threshold_minutes"], lang)
    out = [L["title"].format(file=source, threshold=threshold, zone=result["time_zone"])]
    columns = ", ".join(f"{role}={name}" for role, name in result["columns"].items())
    out.append("  " + L["preset"].format(preset=result["preset"], columns=columns))
    if result["period"]:
        out.append("  " + L["period"].format(first=result["period"]["first_arrival"][:10],
                                             last=result["period"]["last_arrival"][:10], cutoff=result["cutoff"]))
    else:
        out.append("  " + L["no_period"])
    excluded = sum(result["excluded"].values())
    line = L["rows"].format(rows=_count(result["rows"]), tickets=_count(result["tickets"]), excluded=_count(excluded))
    if excluded:
        detail = ", ".join(f"{L['reason_' + r]} {_count(n)}" for r, n in result["excluded"].items() if n)
        line += L["excluded_detail"].format(detail=detail)
    out.append("  " + line)
    measured = result["within"] + result["late"] + result["unanswered_breached"]
    if result["attainment"] is None:
        out.append("  " + L["no_attainment"])
    else:
        out.append("  " + L["attainment"].format(
            percent=_percent(result["attainment"], L["none"]), measured=_count(measured), within=_count(result["within"]),
            late=_count(result["late"]), breached=_count(result["unanswered_breached"]), pending=_count(result["pending"])))
        out.append("  " + L["percentiles"].format(**{f"p{p}": _minutes(result[f"p{p}_minutes"], L) for p in (50, 90, 99)}))
    if result["forwarded"] is not None:
        out.append("  " + L["forwarded"].format(percent=_percent(result["forwarded"]["attainment"], L["none"]),
                                                tickets=_count(result["forwarded"]["tickets"])))
    if result["by_channel"]:
        rows = [[c["channel"] or L["blank_channel"], _count(c["tickets"]), _percent(c["attainment"], L["none"]),
                 _minutes(c["p90_minutes"], L), L["hours_of_week"].format(n=c["hours_with_reply"])]
                for c in result["by_channel"]]
        out += ["", L["by_channel"], *("  " + r for r in table([[L["head_channel"], L["head_tickets"], L["head_within"], "p90", L["head_hours"]], *[[terminal(c) for c in r] for r in rows]],
                                                               right={1, 2, 3}))]
    if result["by_month"]:
        rows = [[m["month"], _count(m["tickets"]), _percent(m["attainment"], L["none"]), _minutes(m["p50_minutes"], L),
                 _minutes(m["p90_minutes"], L)] for m in result["by_month"]]
        out += ["", L["by_month"], *("  " + r for r in table([[L["head_month"], L["head_tickets"], L["head_within"], "p50", "p90"], *rows], right={1, 2, 3, 4}))]
    grid = result["replied_by_hour_of_week"]
    out += ["", L["grid"]]
    for day in range(DAYS):
        name = L[f"day_{day}"]
        cells = "".join("#" if grid[day * 24 + h] else "·" for h in range(24))
        out.append(f"  {name:<4} {cells}" if lang == "en" else f"  {name} {cells}")
    return "\n".join(out)


def _mapping(text_value: str) -> tuple[str, str]:
    column, sep, role = text_value.rpartition("=")
    if not sep or not column:
        raise argparse.ArgumentTypeError(f"'{text_value}' is not COLUMN=ROLE (roles: {', '.join(columns_mod.ROLES)})")
    return column, role


def run(args: argparse.Namespace) -> int:
    try:
        criteria = history.load(args.criteria)
        options = Options(args.preset, tuple(args.map or ()), args.tz, args.until)
        result = measure_file(args.export, options, threshold_minutes(criteria), engine="duckdb")
    except EvidenceError as exc:
        for line in str(exc).split("\n"):
            sys.stderr.write(terminal(f"{args.export}: {line}") + "\n")
        return 2
    if args.format == "json":
        sys.stdout.write(to_json(result) + "\n")
    else:
        sys.stdout.write(text(terminal(str(args.export)), criteria, result, args.lang) + "\n")
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    """Register `evidence` on the subparsers of python -m assessment."""
    help_text = "measure first replies and 7×24 coverage from a ticket or session export (CSV or XLSX)"
    p = sub.add_parser("evidence", help=help_text, description=help_text,
                       epilog="Roles for --map: " + ", ".join(columns_mod.ROLES) + ". Presets: "
                              + ", ".join(f"{p.name} ({p.label})" for p in columns_mod.PRESETS)
                              + ". Exit status: 0 measured; 2 bad input, one 'FILE: where: what' line.")
    p.add_argument("export", type=Path, help="the export: CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX")
    p.add_argument("--preset", choices=columns_mod.PRESET_NAMES, help="the helpdesk that wrote it (default: "
                   "recognised from the header)")
    p.add_argument("--map", action="append", type=_mapping, metavar="COLUMN=ROLE",
                   help="which column holds a role, e.g. 接入时间=arrived or 'First reply (s)=reply_seconds'; repeat")
    p.add_argument("--tz", default=DEFAULT_ZONE, metavar="ZONE",
                   help=f"time zone of times written without an offset (default {DEFAULT_ZONE}); epoch numbers are UTC")
    p.add_argument("--until", metavar="TIME", help="the cut-off, e.g. '2026-11-30 23:59' (default: the latest time in "
                   "the file)")
    cli_options.add_format_lang(p, ["text", "json"], "language of the text")
    cli_options.add_criteria(p)
    p.set_defaults(run=run)
    return p
