"""The criteria data file: typed model, loading and validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictFloat, StrictInt, StrictStr, ValidationError, model_validator

from assessment.criteria.roles import ROLES
from assessment.shared.yaml_file import read_yaml
from assessment.shared.data_files import data_file

DEFAULT_PATH = data_file("criteria.yml")


class CriteriaError(ValueError):
    """The data file is unreadable or invalid; the message names file, key and problem."""


# --- model -----------------------------------------------------------------

Positive = Annotated[StrictInt, Field(gt=0)]
NonEmpty = Annotated[StrictStr, Field(min_length=1)]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]+$")]
Key = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$")]  # a threshold's or a unit's name


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One text in both languages of the site."""

    zh: NonEmpty
    en: NonEmpty


class Unit(Strict):
    """A unit a threshold or an answer is given in, named in both languages (English has a plural).

    A duration says how many minutes it holds, so a value converts between durations; a count
    (channels) holds whole numbers only and converts to nothing else.
    """

    measures: Literal["duration", "count"]
    minutes: Annotated[StrictInt | StrictFloat, Field(gt=0, allow_inf_nan=False)] | None = None
    zh: NonEmpty
    en: NonEmpty
    en_plural: NonEmpty

    @model_validator(mode="after")
    def _minutes(self) -> Unit:
        if self.measures == "duration" and self.minutes is None:
            raise ValueError("minutes: a duration says how many minutes one of it holds (hour: 60)")
        if self.measures == "count" and self.minutes is not None:
            raise ValueError("minutes: a count has no minutes; remove the key")
        return self


class Quantity(Strict):
    """A threshold: a value and the key of its unit in `units`."""

    value: Annotated[StrictInt | StrictFloat, Field(gt=0, allow_inf_nan=False)]
    unit: Key


class Scoring(Strict):
    ready_percent: Annotated[StrictInt, Field(ge=1, le=100)]


class Measures(Strict):
    """Which threshold each measurement from a ticket export is held to, by the threshold's key (roles.py)."""

    first_reply: Key = "first_reply"
    round_the_clock: Key = "round_the_clock_channels"


class Evidence(Strict):
    """Settings for measured evidence: this site's attainment a declared "met" needs (not the clauses'),
    and which thresholds are measured."""

    attainment_target_percent: Annotated[StrictInt | StrictFloat, Field(gt=0, le=100)]
    measures: Measures = Measures()


class Section(Strict):
    id: Slug
    title: Text


class Item(Strict):
    """One self-assessment question."""

    id: Slug
    section: Slug
    clause: Annotated[StrictStr, Field(pattern=r"^[1-9]\.[1-9]$")] | None
    level: Literal["mandatory", "required", "recommended"]
    weight: Annotated[StrictInt, Field(ge=1, le=10)]
    kind: Literal["check", "min", "max"]
    threshold: StrictStr | None = None
    na_allowed: bool = False
    question: Text
    help: Text

    @model_validator(mode="after")
    def _consistent(self) -> Item:
        if self.kind == "check" and self.threshold is not None:
            raise ValueError("threshold: a 'check' item takes no threshold")
        if self.kind != "check" and self.threshold is None:
            raise ValueError(f"threshold: a '{self.kind}' item needs a threshold")
        if self.level == "mandatory" and self.na_allowed:
            raise ValueError("na_allowed: a mandatory item cannot be answered 'na'")
        if self.clause is None and self.level != "recommended":
            raise ValueError("clause: only recommended items may have no clause")
        return self


class TemplateSection(Strict):
    """A section of the appendix template of the plan."""

    id: Slug
    number: Annotated[StrictStr, Field(pattern=r"^[1-9](\.[1-9])?$")]
    title: Text
    group: bool = False  # a heading that only holds sub-sections
    prompts: list[Text] = []
    items: list[Slug] = []


class Criteria(Strict):
    """The whole data file."""

    version: NonEmpty
    clauses: dict[Annotated[StrictStr, Field(pattern=r"^[1-9]$")], Annotated[StrictInt, Field(ge=1, le=9)]]
    units: Annotated[dict[Key, Unit], Field(min_length=1)]
    thresholds: Annotated[dict[Key, Quantity], Field(min_length=1)]
    scoring: Scoring
    evidence: Evidence
    sections: Annotated[list[Section], Field(min_length=1)]
    items: Annotated[list[Item], Field(min_length=1)]
    template: Annotated[list[TemplateSection], Field(min_length=1)]

    # What each earlier version recorded (assessment/criteria/versions.py): set by load(), not part of the file.
    _history: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _references(self) -> Criteria:
        _unique("sections", [s.id for s in self.sections])
        _unique("items", [i.id for i in self.items])
        _unique("template", [t.id for t in self.template])
        for key, q in self.thresholds.items():
            if q.unit not in self.units:
                raise ValueError(f"thresholds.{key}.unit: '{q.unit}' is not a key of units ({', '.join(self.units)})")
            if self.units[q.unit].measures == "count" and not float(q.value).is_integer():
                raise ValueError(f"thresholds.{key}.value: {q.value} {q.unit}: a count is a whole number")
        sections = {s.id for s in self.sections}
        items = {i.id for i in self.items}
        clauses = {f"{s}.{n}" for s, count in self.clauses.items() for n in range(1, count + 1)}
        for n, item in enumerate(self.items):
            where = f"items[{n}] ({item.id})"
            if item.section not in sections:
                raise ValueError(f"{where}.section: unknown section '{item.section}'")
            if item.threshold is not None and item.threshold not in self.thresholds:
                raise ValueError(f"{where}.threshold: '{item.threshold}' names no key of thresholds ({', '.join(self.thresholds)})")
            if item.clause is not None and item.clause not in clauses:
                raise ValueError(f"{where}.clause: '{item.clause}' is not a clause of the requirements"
                                 f" (see `clauses`: section {item.clause.split('.')[0]} has"
                                 f" {self.clauses.get(item.clause.split('.')[0], 0)})")
        # Measured evidence compares first replies and hours answered with the thresholds named by role.
        for role, measures in ROLES.items():
            key = getattr(self.evidence.measures, role)
            where = f"evidence.measures.{role}"
            if key not in self.thresholds:
                raise ValueError(f"{where}: '{key}' names no key of thresholds ({', '.join(self.thresholds)})")
            if self.units[self.thresholds[key].unit].measures != measures:
                raise ValueError(f"{where}: the threshold '{key}' must be in a {measures} unit"
                                 f" ({', '.join(u for u, unit in self.units.items() if unit.measures == measures)})")
            asking = [i.id for i in self.items if i.threshold == key]
            if len(asking) != 1:
                raise ValueError(f"{where}: exactly one item must ask about the threshold '{key}'"
                                 f" (found {len(asking)}{': ' + ', '.join(asking) if asking else ''});"
                                 " the evidence is shown beside it")
        for n, part in enumerate(self.template):
            for ref in part.items:
                if ref not in items:
                    raise ValueError(f"template[{n}] ({part.id}).items: unknown item '{ref}'")
        return self

    # Lookups used by pages and scoring.
    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def threshold(self, item: Item) -> Quantity | None:
        """The quantity a number item is compared with, or None for a check item."""
        return self.thresholds[item.threshold] if item.threshold else None

    def unit_of(self, item: Item) -> Unit | None:
        """The unit a number item's answer is entered in: its threshold's."""
        return self.units[self.thresholds[item.threshold].unit] if item.threshold else None

    @property
    def history(self) -> dict:
        """What each earlier version recorded, by version (see assessment/criteria/versions.py); {} if not loaded."""
        return self._history


def _unique(key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise ValueError(f"{key}[{n}].id: duplicate id '{value}'")
        seen.add(value)


# --- loading ---------------------------------------------------------------


def _path(loc: tuple, data: object) -> str:
    """Render a pydantic error location as a key path, naming items by their id."""
    out, node = "", data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(top level)"


def _message(error: dict, data: object) -> str:
    where = _path(error["loc"], data)
    if error["type"] == "value_error":
        # Our own validators say "key: problem", relative to the model that raised it.
        text = str(error["ctx"]["error"])
        return text if where == "(top level)" else f"{where}.{text}"
    if error["type"] == "missing":
        return f"{where}: required key is missing"
    problem = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
    return f"{where}: {problem} (got {error.get('input')!r})"


def parse(data: object, source: str = "<data>") -> Criteria:
    """Validate already-parsed data; raise CriteriaError naming source, key and problem."""
    if not isinstance(data, dict):
        raise CriteriaError(f"{source}: (top level): expected a mapping of keys, got {type(data).__name__}")
    try:
        return Criteria.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {_message(e, data)}" for e in exc.errors()]
        raise CriteriaError("\n".join(lines)) from None


def load(path: str | Path = DEFAULT_PATH) -> Criteria:
    """Read and validate a criteria file."""
    path = Path(path)
    return parse(read_yaml(path, CriteriaError), str(path))
