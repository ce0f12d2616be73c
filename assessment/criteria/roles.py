"""The items a ticket export measures, found by role in the data file, never by clause number.

criteria.yml's `evidence.measures` names, for each measurement, the threshold it is held to:
`first_reply` (minutes from a contact to its first reply, clause 4.2 today) and `round_the_clock`
(channels answering at every hour of the week, clause 4.1 today). The item measured is the one item
that asks about that threshold, so renumbering a clause or renaming a threshold key is a change to
the data file alone. Contract with docs/assets/javascripts/criteria/roles.js: the same lookups.

Twin: docs/assets/javascripts/criteria/roles.js (the same rule in the browser).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports ROLES from here to validate the data file
    from assessment.criteria.model import Criteria, Item, Quantity

# Each role and the kind of unit its threshold must be in.
ROLES = {"first_reply": "duration", "round_the_clock": "count"}


def measured_key(criteria: Criteria, role: str) -> str:
    """The key of the threshold `role` is held to ("first_reply", "round_the_clock_channels")."""
    return getattr(criteria.evidence.measures, role)


def measured_item(criteria: Criteria, role: str) -> Item:
    """The one item that asks about the threshold `role` is held to."""
    key = measured_key(criteria, role)
    return next(i for i in criteria.items if i.threshold == key)


def measured_threshold(criteria: Criteria, role: str) -> Quantity:
    return criteria.thresholds[measured_key(criteria, role)]


def role_of(criteria: Criteria, item: Item) -> str | None:
    """The role an item is measured for, or None."""
    return next((r for r in ROLES if item.threshold is not None and item.threshold == measured_key(criteria, r)), None)
