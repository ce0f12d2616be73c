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

from . import criteria as criteria_mod
from . import evidence_columns as columns_mod
from .evidence import NO_REPLY, REASONS, EvidenceError, threshold_minutes, to_json
from .evidence_read import Options, measure_file
from .evidence_time import DEFAULT_ZONE
from .output import table, terminal

LABELS = {
    "zh": {
        "title": "{file}：首次答复实测（时限 {threshold}，按日历时间，时区 {zone}）",
        "preset": "导出格式：{preset}；列：{columns}",
        "period": "期间：{first} 至 {last}（截止 {cutoff}）",
        "no_period": "期间：没有计入的工单",
        "rows": "数据行 {rows}：计入 {tickets}，排除 {excluded}",
        "excluded_detail": "（{detail}）",
        "attainment": "时限内答复：{percent}（考核 {measured} 件中 {within} 件；超时答复 {late}；超时未答复 {breached}；截止时未到时限 {pending}）",
        "no_attainment": "时限内答复：无可考核的工单",
        "percentiles": "首次答复用时：p50 {p50}，p90 {p90}，p99 {p99}",
        "forwarded": "联通1001转来：{percent}（{tickets} 件）",
        "by_channel": "按渠道",
        "by_month": "按月",
        "head_channel": ["渠道", "工单", "时限内", "p90", "有首次答复的小时"],
        "head_month": ["月份", "工单", "时限内", "p50", "p90"],
        "grid": "一周中给出首次答复的小时（# 有，· 无；0–23 时）：",
        "days": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
        "minutes": "{n} 分钟",
        "hours_of_week": "{n}/168",
        "no_reply": "无答复",
        "none": "—",
        "blank_channel": "（空）",
        "reasons": {"duplicate_id": "重复编号", "no_arrival": "无来单时间", "unparseable_time": "时间无法识别",
                    "out_of_range_time": "时间超出 2000–2099 年", "reply_before_arrival": "答复早于来单",
                    "after_cutoff": "截止后来单"},
        "threshold": "{n} 分钟",
    },
    "en": {
        "title": "{file}: measured first replies (threshold {threshold}, calendar time, zone {zone})",
        "preset": "Export: {preset}; columns: {columns}",
        "period": "Period: {first} to {last} (cut-off {cutoff})",
        "no_period": "Period: no ticket counted",
        "rows": "Data rows {rows}: counted {tickets}, excluded {excluded}",
        "excluded_detail": " ({detail})",
        "attainment": "Replied within the threshold: {percent} ({within} of {measured} measured; late {late}; unanswered past the threshold {breached}; not yet due at the cut-off {pending})",
        "no_attainment": "Replied within the threshold: no ticket to measure",
        "percentiles": "First reply time: p50 {p50}, p90 {p90}, p99 {p99}",
        "forwarded": "Forwarded by Unicom 1001: {percent} ({tickets} tickets)",
        "by_channel": "By channel",
        "by_month": "By month",
        "head_channel": ["channel", "tickets", "within", "p90", "hours with a first reply"],
        "head_month": ["month", "tickets", "within", "p50", "p90"],
        "grid": "Hours of the week in which a first reply was given (# yes, · no; hours 0–23):",
        "days": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        "minutes": "{n} min",
        "hours_of_week": "{n}/168",
        "no_reply": "no reply",
        "none": "—",
        "blank_channel": "(blank)",
        "reasons": {"duplicate_id": "duplicate id", "no_arrival": "no arrival time", "unparseable_time": "unreadable time",
                    "out_of_range_time": "time outside 2000–2099", "reply_before_arrival": "reply before arrival",
                    "after_cutoff": "arrived after the cut-off"},
        "threshold": "{n} minutes",
    },
}


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


def text(source: str, result: dict, lang: str) -> str:
    """The aggregate for a reader: totals, percentiles, channels, months and the replied hours of the week."""
    L = LABELS[lang]
    threshold = f"{result['threshold_minutes']:g}"
    out = [L["title"].format(file=source, threshold=L["threshold"].format(n=threshold), zone=result["time_zone"])]
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
        detail = ", ".join(f"{L['reasons'][r]} {_count(n)}" for r, n in result["excluded"].items() if n)
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
        out += ["", L["by_channel"], *("  " + r for r in table([L["head_channel"], *[[terminal(c) for c in r] for r in rows]],
                                                               right={1, 2, 3}))]
    if result["by_month"]:
        rows = [[m["month"], _count(m["tickets"]), _percent(m["attainment"], L["none"]), _minutes(m["p50_minutes"], L),
                 _minutes(m["p90_minutes"], L)] for m in result["by_month"]]
        out += ["", L["by_month"], *("  " + r for r in table([L["head_month"], *rows], right={1, 2, 3, 4}))]
    grid = result["replied_by_hour_of_week"]
    out += ["", L["grid"]]
    for day, name in enumerate(L["days"]):
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
        criteria = criteria_mod.load(args.criteria)
        options = Options(args.preset, tuple(args.map or ()), args.tz, args.until)
        result = measure_file(args.export, options, threshold_minutes(criteria), engine="duckdb")
    except EvidenceError as exc:
        for line in str(exc).split("\n"):
            sys.stderr.write(terminal(f"{args.export}: {line}") + "\n")
        return 2
    if args.format == "json":
        sys.stdout.write(to_json(result) + "\n")
    else:
        sys.stdout.write(text(terminal(str(args.export)), result, args.lang) + "\n")
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
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=list(LABELS), default="zh", help="language of the text (default zh)")
    p.add_argument("--criteria", type=Path, default=criteria_mod.DEFAULT_PATH,
                   help="criteria data file (default: the bundled assessment/criteria.yml)")
    p.set_defaults(run=run)
    return p
