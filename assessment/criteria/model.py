"""The criteria data file: typed model, loading and validation."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictFloat, StrictInt, StrictStr, ValidationError, model_validator

from assessment.shared import input_file
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


class Evidence(Strict):
    """This site's settings for measured evidence (not the clauses'): the attainment a declared "met" needs."""

    attainment_target_percent: Annotated[StrictInt | StrictFloat, Field(gt=0, le=100)]


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

    # What each earlier version recorded (assessment/history.py): set by load(), not part of the file.
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
        # Measured evidence (evidence.py) compares first replies with clause 4.2's threshold in minutes.
        first_reply = [(n, i) for n, i in enumerate(self.items) if i.clause == "4.2"]
        if len(first_reply) != 1 or first_reply[0][1].threshold is None:
            raise ValueError("items: clause 4.2 (the first reply) needs exactly one item with a threshold;"
                             " the evidence view measures first replies against it")
        n, item = first_reply[0]
        if self.units[self.thresholds[item.threshold].unit].measures != "duration":
            raise ValueError(f"items[{n}] ({item.id}).threshold: clause 4.2's threshold '{item.threshold}'"
                             " must be in a duration unit (minute, hour, day): first replies are measured in time")
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
        """What each earlier version recorded, by version (see assessment/history.py); {} if not loaded."""
        return self._history


def _unique(key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise ValueError(f"{key}[{n}].id: duplicate id '{value}'")
        seen.add(value)


# --- loading ---------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice, which PyYAML would silently overwrite."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _number(loader: _UniqueKeyLoader, node: yaml.ScalarNode):
    """An int or float within a double's range; a longer one is refused where it stands (PyYAML would
    raise ValueError for over 4,300 digits, and a 400-digit weight would be echoed whole)."""
    if len(node.value) > 30:
        raise yaml.constructor.ConstructorError(None, None, "number out of range", node.start_mark)
    value = (yaml.SafeLoader.construct_yaml_int if node.tag.endswith(":int") else yaml.SafeLoader.construct_yaml_float)(loader, node)
    if not math.isfinite(float(value)) and node.value.lower().lstrip("+-.") not in ("inf", "nan"):
        raise yaml.constructor.ConstructorError(None, None, "number out of range", node.start_mark)
    return value


for _tag in ("int", "float"):
    _UniqueKeyLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _number)


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


def read_yaml(path: Path, error: type[ValueError]) -> object:
    """A data file's YAML (keys given twice refused); `error` names the file and the problem."""
    # Every failure is named here, so that each command, the build and the change log refuse a bad
    # file alike ("FILE: where: what"), never with a traceback.
    try:
        text = input_file.read(path, "criteria").decode("utf-8")
    except input_file.InputRefused as exc:
        raise error(str(exc)) from None
    except UnicodeDecodeError:
        raise error(f"{path}: (file): not UTF-8 text") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise error(f"{path}: YAML syntax error at {where}: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise error(f"{path}: line {line}, column {column}: character U+{code:04X} is not allowed in YAML") from None
    except RecursionError:
        raise error(f"{path}: (file): nested too deeply to read") from None
    except ValueError as exc:  # a value YAML parses but Python cannot hold, such as the date 2026-02-30
        raise error(f"{path}: (file): {exc}") from None


def load(path: str | Path = DEFAULT_PATH) -> Criteria:
    """Read and validate a criteria file."""
    path = Path(path)
    return parse(read_yaml(path, CriteriaError), str(path))
