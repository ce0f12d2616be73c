"""The change log of the criteria data file and the site: typed model, loading and validation.

Readers see the data file's version (2026.11-2) and could take it for the document's; the log says
what each version changed, and which self-assessment items it added, removed or reworded, so the
checklist's notice for answers made under an older version can point to it (about page, #changelog).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import Field, Strict as StrictType, ValidationError, model_validator

# The same strictness, key paths and duplicate-key refusal as the criteria file.
from assessment.criteria.model import Key, NonEmpty, Quantity, Slug, Strict, Text, _message
from assessment.shared.yaml_file import read_yaml
from assessment.criteria import texts
from assessment.shared.data_files import data_file

DEFAULT_PATH = data_file("changelog.yml")
# The words a drafted entry carries until the maintainer writes its own (`changes --add-entry`).
PLACEHOLDER = texts.table("changes_placeholder")


class ChangeLogError(ValueError):
    """The change log is unreadable or invalid; the message names file, key and problem."""


class ThresholdChange(Strict):
    """A threshold this version changed, as data: the about page and the checklist's notice read it."""

    key: Key
    from_: Quantity = Field(alias="from")
    to: Quantity


class Signature(Strict):
    """What a version of criteria.yml held, written by `python -m assessment changes --sign`.

    `units`: the unit each number item's answer was entered in (answers files without units are read
    in it); `thresholds`: every threshold; `items`: a short hash of each item's whole definition
    (assessment/criteria/versions.py), so a change made without a new version is caught. Versions recorded
    before signatures existed carry `units` alone.
    """

    units: dict[Slug, Key]
    thresholds: dict[Key, Quantity] = {}
    items: dict[Slug, Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]] = {}


class Entry(Strict):
    """One version of the criteria data file, and what changed with it."""

    version: NonEmpty
    date: Annotated[dt.date, StrictType()]  # unquoted YAML date, 2026-11-25
    changes: Annotated[list[Text], Field(min_length=1)]
    added: list[Slug] = []
    removed: list[Slug] = []
    reworded: list[Slug] = []
    thresholds: list[ThresholdChange] = []
    signature: Signature | None = None

    @model_validator(mode="after")
    def _each_item_once(self) -> Entry:
        seen: set[str] = set()
        for key in ("added", "removed", "reworded"):
            for n, item in enumerate(getattr(self, key)):
                if item in seen:
                    raise ValueError(f"{key}[{n}]: item '{item}' is listed twice in this version")
                seen.add(item)
        return self


class ChangeLog(Strict):
    """Every version, newest first."""

    entries: Annotated[list[Entry], Field(min_length=1)]

    @model_validator(mode="after")
    def _newest_first(self) -> ChangeLog:
        versions: set[str] = set()
        for n, entry in enumerate(self.entries):
            if entry.version in versions:
                raise ValueError(f"entries[{n}].version: duplicate version '{entry.version}'")
            versions.add(entry.version)
            if n and entry.date > self.entries[n - 1].date:
                raise ValueError(f"entries[{n}].date: {entry.date} is later than the entry above it; newest first")
        return self

    @property
    def latest(self) -> Entry:
        return self.entries[0]


def beside(criteria_path: str | Path) -> Path:
    """The change log of a criteria file: changelog.yml in the same folder."""
    return Path(criteria_path).with_name("changelog.yml")


def load(path: str | Path = DEFAULT_PATH) -> ChangeLog:
    """Read and validate a change log file."""
    path = Path(path)
    data = read_yaml(path, ChangeLogError)
    if not isinstance(data, dict):
        raise ChangeLogError(f"{path}: (top level): expected a mapping of keys, got {type(data).__name__}")
    try:
        return ChangeLog.model_validate(data)
    except ValidationError as exc:
        raise ChangeLogError("\n".join(f"{path}: {_message(e, data)}" for e in exc.errors())) from None
