"""How `summary` lays out its rows: sorted, filtered, cut to the terminal's width, in the chosen
language for people (text) and with stable keys for programs (CSV and JSON, full text).

CSV written to a file (-o) starts with a UTF-8 byte order mark, so Excel and WPS on a Chinese
Windows open it by double-click without mojibake; CSV on standard output has none (pipes and
scripts expect plain UTF-8).
"""

from __future__ import annotations

import json

from assessment.plan import plan as plan_mod
from assessment.review import review_file as review_mod
from assessment.cli.terminal import csv_text, table, terminal, width
from assessment.cli.summary_rows import HEAD, IN_PROGRESS, RIGHT
from assessment.criteria import texts
from assessment.review import decisions

BOM = "\ufeff"
NUMERIC = {"percent", "blockers"}
FILTERS = {"verdict": ("ready", "conditional", "incomplete", "not_ready", "invalid"),
           "review": (*decisions.load().overall_ids, IN_PROGRESS, "none")}
# Columns never cut: short by nature, and cutting them would change their meaning.
UNCUT = {"verdict", "percent", "blockers", "review", "criteria_version"}
MIN_CUT = 8

# Column headings and words of the text table; {name} marks a value filled in.
LABELS = texts.table("summary")


class SummaryUsage(ValueError):
    """A --sort or --filter that names no column or value; the message says which are known."""


def parse_filters(specs: list[str]) -> dict[str, set[str]]:
    """["verdict=ready,conditional", "review=none"] -> {column: allowed values}."""
    out: dict[str, set[str]] = {}
    for spec in specs:
        key, _, values = spec.partition("=")
        if key not in FILTERS:
            raise SummaryUsage(f"--filter {spec}: filter by {' or '.join(FILTERS)}, as verdict=ready or review=approved")
        wanted = {v for v in values.split(",") if v}
        unknown = wanted - set(FILTERS[key])
        if not wanted or unknown:
            raise SummaryUsage(f"--filter {spec}: {key} is one of {', '.join(FILTERS[key])}")
        out.setdefault(key, set()).update(wanted)
    return out


def select(rows: list[list[str]], filters: dict[str, set[str]], sort: str | None, reverse: bool) -> list[list[str]]:
    """The rows that pass every filter, sorted by a column (numbers as numbers, empty cells last)."""
    at = {k: HEAD.index(k) for k in HEAD}
    kept = [r for r in rows if all((r[at[k]] or "none") in allowed for k, allowed in filters.items())]
    if sort is None:
        return kept
    if sort not in at:
        raise SummaryUsage(f"--sort {sort}: one of {', '.join(HEAD)}")
    n = at[sort]

    def key(row):
        cell = row[n]
        if sort in NUMERIC:
            try:
                return (0, float(cell.rstrip("%")), row[0])
            except ValueError:
                return (1, 0.0, row[0])
        return (0 if cell else 1, cell, row[0])

    ordered = sorted(kept, key=key, reverse=reverse)
    if reverse:  # empty cells last either way
        ordered = [r for r in ordered if r[n]] + [r for r in ordered if not r[n]]
    return ordered


PATHS = {"file", "review_file"}  # cut from the left: a file's name is at its end
MIN_PATH = 24


def cut(text: str, columns: int, keep_end: bool = False) -> str:
    """The text cut to `columns` display columns, with … where it was cut (at the start when keep_end)."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for c in reversed(text) if keep_end else text:
        w = width(c)
        if used + w > columns - 1:
            break
        out.append(c)
        used += w
    return "…" + "".join(reversed(out)) if keep_end else "".join(out) + "…"


def fit(rows: list[list[str]], columns: int) -> list[list[str]]:
    """Rows (head first) whose widest cuttable columns are narrowed until the table fits `columns`."""
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    cuttable = [i for i, name in enumerate(HEAD) if name not in UNCUT]
    while sum(widths) + 2 * (len(widths) - 1) > columns:
        least = lambda i: MIN_PATH if HEAD[i] in PATHS else MIN_CUT  # noqa: E731
        room = [i for i in cuttable if widths[i] > least(i)]
        if not room:
            break  # as narrow as is still readable; the terminal wraps the rest
        widths[max(room, key=lambda i: widths[i])] -= 1
    return [[cut(c, widths[i], HEAD[i] in PATHS) for i, c in enumerate(r)] for r in rows]


def words(row: list[str], lang: str) -> list[str]:
    """A row's verdict and review in the chosen language (text output only)."""
    t = {**plan_mod.LABELS[lang], **review_mod.LABELS[lang], **LABELS[lang]}
    out = list(row)
    v, r = HEAD.index("verdict"), HEAD.index("review")
    if out[v]:
        out[v] = t.get(out[v], out[v])
    if out[r]:
        out[r] = decisions.overall_label(t, None if out[r] == IN_PROGRESS else out[r])
    return out


def text(rows: list[list[str]], lang: str, columns: int) -> str:
    head = [LABELS[lang][k] for k in HEAD]
    body = [[terminal(c) for c in words(r, lang)] for r in rows]
    shown = fit([head, *body], columns)
    # Columns empty in every row say nothing: left out of the table (they stay in CSV and JSON).
    keep = [i for i in range(len(HEAD)) if i == 0 or any(r[i] for r in shown[1:])]
    narrowed = [[r[i] for i in keep] for r in shown]
    right = {keep.index(i) for i in RIGHT if i in keep}
    return "\n".join(table(narrowed, right=right)) + "\n"


def as_csv(rows: list[list[str]], to_file: bool) -> str:
    return (BOM if to_file else "") + csv_text([HEAD, *rows])


def as_json(rows: list[list[str]], tally: dict) -> str:
    return json.dumps({"files": [dict(zip(HEAD, r)) for r in rows], "tally": tally}, ensure_ascii=False, indent=2) + "\n"

