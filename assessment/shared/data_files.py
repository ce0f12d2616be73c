"""Where the package's data files live: beside its code, at the top of assessment/.

Code is grouped in packages by capability; the data files a maintainer edits (criteria.yml and its
changelog.yml, the interface's words texts.*.yml, the pre-launch schedule, the helpdesk presets …)
stay together in one folder, so a maintainer finds them all in one place and the wheel ships them
with one glob.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1]


def data_file(name: str) -> Path:
    """The data file `name` (e.g. "criteria.yml") of this installation."""
    return DATA_DIR / name
