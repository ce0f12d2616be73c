// The decisions of a review, as data (assessment/review_decisions.yml, in criteria.json as
// `review_decisions`): which a reviewer may give on an item and overall, the tone each is shown in,
// the verdicts an overall decision agrees with, the one that carries conditions. DOM-free.
// Twin: assessment/review/decisions.py (the same rule in Python).

const list = (criteria, kind) => criteria.review_decisions[kind];

export const itemIds = (criteria) => list(criteria, "item").map((d) => d.id);
export const overallIds = (criteria) => list(criteria, "overall").map((d) => d.id);

/** The overall decision that carries conditions with due dates ("conditional"). */
export const withConditions = (criteria) => list(criteria, "overall").find((d) => d.conditions).id;

/** Does an overall decision agree with the verdict of the answers it was given on? */
export const agrees = (criteria, decision, verdict) =>
  (list(criteria, "overall").find((d) => d.id === decision)?.verdicts ?? []).includes(verdict);

/** good | caution | bad, or "none" for no (or an unknown) decision: the pages colour by tone. */
export const toneOf = (criteria, kind, decision) => list(criteria, kind).find((d) => d.id === decision)?.tone ?? "none";

/** An item's or plan section's decision in words ("no decision yet" when there is none). */
export const itemLabel = (t, decision) => (decision ? t[`item_${decision}`] : t.no_decision);

/** The overall decision in words ("in progress" while there is none). */
export const overallLabel = (t, decision) => (decision ? t[`overall_${decision}`] : t.in_progress);
