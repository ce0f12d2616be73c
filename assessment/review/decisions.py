"""The decisions of a review, as data: assessment/review_decisions.yml.

Twin: docs/assets/javascripts/review/decisions.js (the same rule in the browser).

Which decisions a reviewer may give on an item or plan section and overall, the colour each is shown
in, which verdicts an overall decision agrees with, and which one carries conditions. The review
file's rule (review_file.py, review/review-file.js), the review page, the checklist, `review` and `summary`
read them from here (the browser through criteria.json, versions.published), so adding a decision is
a change to the data file and its words, not to code.
"""

from __future__ import annotations

import functools
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assessment.shared.data_files import data_file
from assessment.shared.yaml_file import read_yaml

PATH = data_file("review_decisions.yml")
Id = Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,29}$")]


class DecisionsError(ValueError):
    """The decisions file is not valid; the message names file, key and problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Decision(_Strict):
    id: Id
    tone: Literal["good", "caution", "bad"]
    # The verdicts of answers/scoring.py (a test holds the names to them; this module reads data only).
    verdicts: tuple[Literal["not_ready", "incomplete", "ready", "conditional"], ...] = ()
    conditions: bool = False


class Decisions(_Strict):
    item: Annotated[tuple[Decision, ...], Field(min_length=1)]
    overall: Annotated[tuple[Decision, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _rules(self) -> Decisions:
        for kind in ("item", "overall"):
            ids = [d.id for d in getattr(self, kind)]
            if len(set(ids)) != len(ids):
                raise ValueError(f"{kind}: an id is given twice ({', '.join(ids)})")
        if any(d.verdicts or d.conditions for d in self.item):
            raise ValueError("item: only an overall decision has verdicts or conditions")
        if sum(d.conditions for d in self.overall) != 1:
            raise ValueError("overall: exactly one decision carries conditions (conditions: true)")
        if any(not d.verdicts for d in self.overall):
            raise ValueError("overall: each decision lists the verdicts it agrees with")
        return self

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.item)

    @property
    def overall_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.overall)

    @property
    def with_conditions(self) -> str:
        """The overall decision that carries conditions ("conditional")."""
        return next(d.id for d in self.overall if d.conditions)

    def agrees(self, decision: str, verdict: str) -> bool:
        return verdict in next(d.verdicts for d in self.overall if d.id == decision)

    def published(self) -> dict:
        """What the browser receives (criteria.json `review_decisions`)."""
        return self.model_dump(mode="json")


def parse(data: object, source: str = str(PATH)) -> Decisions:
    try:
        return Decisions.model_validate(data)
    except ValidationError as exc:
        lines = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e["loc"]) or "(top level)"
            what = str(e["ctx"]["error"]) if e["type"] == "value_error" else e["msg"]
            lines.append(f"{source}: {where}: {what}")
        raise DecisionsError("\n".join(lines)) from None


@functools.cache
def load(path=PATH) -> Decisions:
    return parse(read_yaml(path, DecisionsError), str(path))


def item_label(labels: dict, decision: str | None) -> str:
    """An item's or plan section's decision in words ("no decision yet" when there is none)."""
    return labels["no_decision"] if decision is None else labels[f"item_{decision}"]


def overall_label(labels: dict, decision: str | None) -> str:
    """The overall decision in words ("in progress" while there is none)."""
    return labels["in_progress"] if decision is None else labels[f"overall_{decision}"]
