"""XLSX ticket exports the browser's reader and the command line's (python-calamine) must read alike:
every shared CSV vector as a workbook (inline strings, and a shared string table), and the cell kinds
Excel and WPS write (typed dates, dates alone, times of day, durations, formulas with their cached
value, booleans, errors, rich text, escapes, cells without references, a sheet that starts at B)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from assessment.evidence.csv_text import rows as csv_rows
from tests.evidence_vectors import DIR, VECTORS, js_options, options
from tests.xlsx_files import Raw, write_xlsx

HEAD = ["ID", "Created at", "First reply time in minutes", "Via"]

# Cells of every kind, in a Zendesk-shaped sheet (the Via column carries the odd texts).
KINDS = [
    HEAD,
    [1, datetime(2024, 3, 1, 8, 5), 30, "web"],
    [2, datetime(2024, 3, 1, 9, 0, 0, 500000), ("A3+29", 61), "email"],
    [3, 45352.5, None, Raw('<c r="{ref}" t="inlineStr"><is><r><t>we</t></r><r><t xml:space="preserve">b </t></r></is></c>')],
    [4, Raw('<c r="{ref}" s="2"><v>45353</v></c>'), 5, Raw('<c r="{ref}" t="str"><v>phone &amp; chat</v></c>')],
    [5, Raw('<c r="{ref}" s="4"><v>45353.75</v></c>'), Raw('<c r="{ref}" s="3"><v>0.0208333333333333</v></c>'), "wechat"],
    [6, Raw('<c r="{ref}" s="5"><v>45354.25</v></c>'), Raw('<c r="{ref}" t="e"><v>#DIV/0!</v></c>'), True],
    [7, Raw('<c r="{ref}" s="1"><v>0.5</v></c>'), Raw('<c r="{ref}" s="3"><v>1.5</v></c>'), False],
    [8, Raw('<c r="{ref}" s="1"><v>2958465.99</v></c>'), 1, Raw('<c r="{ref}" t="inlineStr"><is><t>  a_x000D_b&#38;  </t></is></c>')],
    [9, Raw('<c r="{ref}" t="d"><v>2024-03-02T10:00:00</v></c>'), 12, Raw('<c r="{ref}"><v>not a number</v></c>')],
    [10, Raw('<c r="{ref}" s="1"><v>45355.123456789</v></c>'), Raw('<c r="{ref}" s="3"><v>-0.01</v></c>'), "web"],
    [11, Raw('<c r="{ref}" s="1"><v>-3.25</v></c>'), 0, Raw('<c r="{ref}" t="inlineStr"><is><t><![CDATA[<b>&amp;</b>]]></t></is></c>')],
    [12, "2024-03-03 23:00:00", Raw('<c r="{ref}" s="99"><v>7</v></c>'), Raw('<c r="{ref}" t="inlineStr"><is><t>ルビ</t><rPh><t>るび</t></rPh></is></c>')],
    [None, None, None, None],
    [13, datetime(2024, 3, 4, 1, 2, 3), 1e-07, "web"],
]

# The same sheet, but its cells carry no references and its rows no numbers (as some writers do).
NO_REFERENCES = """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row><x:c t="inlineStr"><x:is><x:t>Created at</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>First reply time in minutes</x:t></x:is></x:c></x:row>
<x:row/>
<x:row><x:c s="1"><x:v>45352.25</x:v></x:c><x:c><x:v>3</x:v></x:c></x:row>
<x:row r="7"><x:c s="1"><x:v>45352.5</x:v></x:c><x:c r="C7"><x:v>9</x:v></x:c></x:row>
<!-- a comment --><x:row><x:c r="B8"><x:v>75</x:v></x:c><x:c r="A8" s="1"><x:v>45353.5</x:v></x:c></x:row>
</x:sheetData></x:worksheet>"""


def _vector_rows(path: Path) -> list[list]:
    with open(path, "rb") as f:
        _, header, data = csv_rows(io.BufferedReader(f))
        return [header, *data]


def cases(tmp: Path) -> list[dict]:
    """[{name, path, options (Python), js_options}] written into tmp."""
    out = []
    for n, vector in enumerate(VECTORS):
        for shared in (False, True):
            path = write_xlsx(tmp / f"v{n}-{'shared' if shared else 'inline'}.xlsx", _vector_rows(DIR / vector["file"]),
                              shared=shared)
            out.append({"name": f"{vector['file']} ({'shared strings' if shared else 'inline strings'}): {vector['name'][:40]}",
                        "path": path, "options": options(vector), "js_options": js_options(vector)})
    plain = {"preset": None, "overrides": [], "zone": "Asia/Shanghai", "until": None}
    from assessment.evidence.reading import Options
    for shared in (False, True):
        out.append({"name": f"every kind of cell ({'shared' if shared else 'inline'})", "options": Options(),
                    "js_options": plain, "path": write_xlsx(tmp / f"kinds-{shared}.xlsx", KINDS, shared=shared)})
    # Column A empty throughout: the sheet starts at B.
    shifted = [[None, *row] for row in KINDS]
    out.append({"name": "a sheet that starts at column B", "options": Options(), "js_options": plain,
                "path": write_xlsx(tmp / "shifted.xlsx", shifted)})
    # Hostile: a cell of 10 MB (refused by both with the same message); a dimension claiming a billion rows.
    import random
    rng = random.Random(17)
    big = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(10_000_000))
    out.append({"name": "a 10 MB cell", "options": Options(), "js_options": plain,
                "path": write_xlsx(tmp / "big-cell.xlsx", [HEAD, [1, "2024-03-01 08:00:00", 5, big]])})
    out.append({"name": "a dimension claiming a billion rows", "options": Options(), "js_options": plain,
                "path": write_xlsx(tmp / "claim.xlsx", KINDS[:3], dimension="A1:XFD1000000000")})
    path = write_xlsx(tmp / "norefs.xlsx", [["x"]], extra={})
    import zipfile
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/worksheets/sheet1.xml"] = NO_REFERENCES.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out.append({"name": "cells without references, prefixed names, a comment", "options": Options(), "js_options": plain,
                "path": path})
    return out
