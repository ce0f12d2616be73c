"""The shared ticket-export vectors (tests/vectors/evidence/): files, how to read them, hand-worked figures."""

from __future__ import annotations

import json
from pathlib import Path

import assessment
from assessment.evidence.measure import threshold_minutes
from assessment.evidence.reading import Options

DIR = Path(__file__).parent / "vectors" / "evidence"
VECTORS = json.loads((DIR / "vectors.json").read_text(encoding="utf-8"))["vectors"]
CRITERIA = assessment.load(Path(__file__).parent / "vectors" / "criteria.yml")
THRESHOLD = threshold_minutes(CRITERIA)


def options(vector: dict) -> Options:
    return Options(vector["preset"], tuple(tuple(pair) for pair in vector["map"]),
                   vector["tz"] or "Asia/Shanghai", vector["until"])


def js_options(vector: dict) -> dict:
    return {"preset": vector["preset"], "overrides": vector["map"], "zone": vector["tz"] or "Asia/Shanghai",
            "until": vector["until"]}


def differences(expected: object, got: object, where: str = "") -> list[str]:
    """Where `got` differs from the hand-worked `expected` (a subset: keys not given are not checked).

    `received_cells` / `replied_cells` give hour-of-week cells ({"167": 2}) of the two grids."""
    out = []
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where}: expected an object, got {got!r}"]
        for key, value in expected.items():
            if key in ("received_cells", "replied_cells"):
                grid = got["received_by_hour_of_week" if key == "received_cells" else "replied_by_hour_of_week"]
                out += [f"{key}[{cell}]: expected {n}, got {grid[int(cell)]}" for cell, n in value.items()
                        if grid[int(cell)] != n]
            elif key not in got:
                out.append(f"{where}.{key}: missing")
            else:
                out += differences(value, got[key], f"{where}.{key}")
    elif isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{where}: expected {len(expected)} entries, got {got!r}"]
        for n, (a, b) in enumerate(zip(expected, got)):
            out += differences(a, b, f"{where}[{n}]")
    elif expected != got or type(expected) is bool and type(got) is not bool:
        out.append(f"{where}: expected {expected!r}, got {got!r}")
    return out
