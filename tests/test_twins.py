"""A rule held in both languages lives in two modules of the same folder and name, each naming the other.

answers/scoring.py and answers/scoring.js hold one rule (the shared vectors prove they agree); the
names say so, so a newcomer who changes one finds the other. Python's snake_case is JavaScript's
kebab-case: answers/answers_file.py <-> answers/answers-file.js.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PY, JS = ROOT / "assessment", ROOT / "docs" / "assets" / "javascripts"
TWINS = [
    "shared/blank", "shared/markdown_text", "shared/json_syntax", "shared/formatting",
    "criteria/quantity", "criteria/roles",
    "answers/answers_file", "answers/scoring",
    "evidence/measure", "evidence/times", "evidence/columns", "evidence/csv_text", "evidence/export_file",
    "evidence/xlsx", "evidence/block", "evidence/display",
    "review/review_file", "review/prelaunch_log", "review/decisions",
    "plan/plan", "plan/plan_docx",
]
MARK = re.compile(r"Twin: (\S+\.(?:py|js))")


def js_name(twin: str) -> str:
    return twin.replace("_", "-") + ".js"


def modules(root: Path, suffix: str) -> dict[str, Path]:
    return {p.relative_to(root).with_suffix("").as_posix().replace("-", "_"): p
            for p in root.rglob(f"*{suffix}") if p.parent != root and p.stem != "__init__"}


@pytest.mark.parametrize("twin", TWINS)
def test_each_twin_has_its_partner_and_each_names_the_other(twin):
    python, script = PY / f"{twin}.py", JS / js_name(twin)
    assert python.is_file() and script.is_file(), f"{twin}: both {python.relative_to(ROOT)} and {script.relative_to(ROOT)}"
    assert MARK.findall(python.read_text(encoding="utf-8")) == [f"docs/assets/javascripts/{js_name(twin)}"]
    assert MARK.findall(script.read_text(encoding="utf-8")) == [f"assessment/{twin}.py"]


def test_modules_of_the_same_folder_and_name_are_listed_as_twins():
    same = sorted(set(modules(PY, ".py")) & set(modules(JS, ".js")))
    assert same == sorted(TWINS)


def test_no_module_claims_a_twin_that_is_not_listed():
    claimed = {p.relative_to(ROOT).as_posix() for root, suffix in ((PY, ".py"), (JS, ".js"))
               for p in root.rglob(f"*{suffix}") if MARK.search(p.read_text(encoding="utf-8"))}
    listed = {f"assessment/{t}.py" for t in TWINS} | {f"docs/assets/javascripts/{js_name(t)}" for t in TWINS}
    assert claimed == listed
