"""What a maintainer does to the data files, done on a copy: the steps the maintainer guide gives.

`release()` makes a legitimate change the way the guide says: edit criteria.yml, raise `version`, let
`python -m assessment changes --add-entry` draft the change-log entry, then write its words. Tests
build and score with the copy; the repository's own files are never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import yaml

from assessment.__main__ import main
from assessment.criteria.changelog import PLACEHOLDER
from tests.site_build import ROOT

DATA = ROOT / "assessment" / "criteria.yml"
LOG = ROOT / "assessment" / "changelog.yml"


def copy(folder: Path) -> Path:
    """criteria.yml and its change log, copied into `folder`; the copy's criteria path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA, folder / "criteria.yml")
    shutil.copy(LOG, folder / "changelog.yml")
    return folder / "criteria.yml"


def edit(path: Path, change: Callable[[dict], None]) -> Path:
    """Change the criteria file as data (comments are lost: only for copies)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def release(folder: Path, change: Callable[[dict], None], words: dict[str, str] | None = None) -> Path:
    """A copy with `change` made and released as a new version, as the maintainer guide says."""
    path = copy(folder)

    def raise_version(data: dict) -> None:
        change(data)
        data["version"] = f"{data['version']}-next"

    edit(path, raise_version)
    assert main(["changes", "--criteria", str(path), "--add-entry"]) == 0
    log = path.with_name("changelog.yml")
    words = words or {"zh": "测试用的修改", "en": "A change made by a test"}
    text = log.read_text(encoding="utf-8")
    for lang in ("zh", "en"):
        text = text.replace(PLACEHOLDER[lang], words[lang], 1)
    log.write_text(text, encoding="utf-8")
    return path
