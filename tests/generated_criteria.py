"""Criteria of any size, for measuring how the checklist scales (make bench) and for tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.site_build import ROOT


def write(path: Path, items: int) -> Path:
    """The real criteria with check items added until there are `items` of them."""
    data = yaml.safe_load((ROOT / "assessment" / "criteria.yml").read_text(encoding="utf-8"))
    real = data["items"]
    sections = [s["id"] for s in data["sections"]]
    extra = []
    for n in range(items - len(real)):
        extra.append({
            "id": f"gen-{n:05d}", "section": sections[n % len(sections)], "clause": None, "level": "recommended",
            "weight": 1 + n % 3, "kind": "check", "na_allowed": True,
            "question": {"zh": f"生成的条目 {n}：是否有书面的做法并按时检查？", "en": f"Generated item {n}: is there a written practice, checked on time?"},
            "help": {"zh": "用于测量规模的条目。", "en": "An item for measuring scale."},
        })
    data["items"] = real + extra
    data["version"] = f"{data['version']}-gen{items}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
