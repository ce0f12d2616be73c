// The items a ticket export measures, found by role in the data file, never by clause number.
// Contract with assessment/criteria/roles.py: criteria.json's `evidence.measures` names, for each
// measurement, the threshold it is held to; the item measured is the one item that asks about it.
// Twin: assessment/criteria/roles.py (the same rule in Python).

export const ROLES = ["first_reply", "round_the_clock"];

/** The key of the threshold `role` is held to ("first_reply", "round_the_clock_channels"). */
export const measuredKey = (criteria, role) => criteria.evidence.measures[role];

/** The one item that asks about the threshold `role` is held to. */
export const measuredItem = (criteria, role) => criteria.items.find((i) => i.threshold === measuredKey(criteria, role));

export const measuredThreshold = (criteria, role) => criteria.thresholds[measuredKey(criteria, role)];

/** The role an item is measured for, or null. */
export const roleOf = (criteria, item) => ROLES.find((r) => item.threshold != null && item.threshold === measuredKey(criteria, r)) ?? null;
