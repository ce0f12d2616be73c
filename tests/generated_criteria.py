"""Criteria of any size, for measuring how the checklist scales (make bench) and for the bench's smoke test.

The real criteria with check items added, released the way the maintainer guide says (a new version
with its change-log entry, tests/maintainer.py), so the build accepts them as it accepts a
maintainer's change. Every item is listed in a template section, as `validate` requires.
"""

from __future__ import annotations

from pathlib import Path

from assessment.shared.input_file import CRITERIA_MAX_BYTES
from tests import maintainer

# A generated item's question and help, about as long as the real ones.
QUESTION = {"zh": "生成的条目 {n}：是否有书面的做法并按时检查？", "en": "Generated item {n}: is there a written practice, checked on time?"}
HELP = {"zh": "用于测量规模的条目。", "en": "An item for measuring scale."}


def write(folder: Path, items: int) -> Path:
    """A released copy of the criteria in `folder` with `items` items in all; its criteria path."""

    def grow(data: dict) -> None:
        real = data["items"]
        sections = [s["id"] for s in data["sections"]]
        extra = [{
            "id": f"gen-{n:05d}", "section": sections[n % len(sections)], "clause": None, "level": "recommended",
            "weight": 1 + n % 3, "kind": "check", "na_allowed": True,
            "question": {lang: text.format(n=n) for lang, text in QUESTION.items()}, "help": dict(HELP),
        } for n in range(items - len(real))]
        data["items"] = real + extra
        # Each added item in the plan template's last section, as every item must be somewhere.
        last = next(s for s in reversed(data["template"]) if not s.get("group"))
        last.setdefault("items", []).extend(i["id"] for i in extra)

    path = maintainer.release(folder, grow)
    for file in (path, path.with_name("changelog.yml")):
        size = file.stat().st_size
        if size > CRITERIA_MAX_BYTES:
            raise ValueError(f"{file}: {size:,} bytes, over the {CRITERIA_MAX_BYTES:,} a data file may hold: ask for fewer items")
    return path
