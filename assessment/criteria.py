"""The criteria data file: typed model, loading and validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError, model_validator

DEFAULT_PATH = Path(__file__).with_name("criteria.yml")


class CriteriaError(ValueError):
    """The data file is unreadable or invalid; the message names file, key and problem."""


# --- model -----------------------------------------------------------------

Positive = Annotated[StrictInt, Field(gt=0)]
NonEmpty = Annotated[StrictStr, Field(min_length=1)]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z0-9-]+$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One text in both languages of the site."""

    zh: NonEmpty
    en: NonEmpty


class Thresholds(Strict):
    """The two quality thresholds of requirements section 4."""

    round_the_clock_channels: Positive  # clause 4.1
    first_reply_hours: Positive  # clause 4.2


class Unit(Strict):
    """The unit of a threshold: one Chinese word; English singular and plural."""

    zh: NonEmpty
    en: NonEmpty
    en_plural: NonEmpty


class Units(Strict):
    """One unit per threshold, keyed as in Thresholds."""

    round_the_clock_channels: Unit
    first_reply_hours: Unit


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
    clause: Annotated[StrictStr, Field(pattern=r"^[1-5]\.[1-9]$")] | None
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
    thresholds: Thresholds
    units: Units
    scoring: Scoring
    evidence: Evidence
    sections: Annotated[list[Section], Field(min_length=1)]
    items: Annotated[list[Item], Field(min_length=1)]
    template: Annotated[list[TemplateSection], Field(min_length=1)]

    @model_validator(mode="after")
    def _references(self) -> Criteria:
        _unique("sections", [s.id for s in self.sections])
        _unique("items", [i.id for i in self.items])
        _unique("template", [t.id for t in self.template])
        sections = {s.id for s in self.sections}
        thresholds = set(Thresholds.model_fields)
        items = {i.id for i in self.items}
        for n, item in enumerate(self.items):
            where = f"items[{n}] ({item.id})"
            if item.section not in sections:
                raise ValueError(f"{where}.section: unknown section '{item.section}'")
            if item.threshold is not None and item.threshold not in thresholds:
                raise ValueError(f"{where}.threshold: '{item.threshold}' names no key of thresholds")
        for n, part in enumerate(self.template):
            for ref in part.items:
                if ref not in items:
                    raise ValueError(f"template[{n}] ({part.id}).items: unknown item '{ref}'")
        return self

    # Lookups used by pages and scoring.
    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def threshold(self, item: Item) -> int:
        return getattr(self.thresholds, item.threshold) if item.threshold else 0


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
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise error(f"{path}: YAML syntax error at {where}: {exc.problem}") from None


def load(path: str | Path = DEFAULT_PATH) -> Criteria:
    """Read and validate a criteria file."""
    path = Path(path)
    return parse(read_yaml(path, CriteriaError), str(path))
