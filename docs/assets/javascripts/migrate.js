// Assessments answered against an older version of the criteria: what changed, and answers that
// no longer fit are cleared (note and evidence kept) after the entry was backed up.

import { validate } from "./scoring.js";

/** What an answer depends on; a change of any of these asks the SP to check the answer. */
export function signature(item) {
  return JSON.stringify([item.kind, item.threshold, item.level, item.weight, item.na_allowed, item.question]);
}

export function signatures(criteria) {
  return Object.fromEntries(criteria.items.map((i) => [i.id, signature(i)]));
}

/** Does this entry need migrate()? */
export function stale(criteria, entry) {
  const seen = entry.seen ?? {};
  return entry.doc.criteria_version !== criteria.version || criteria.items.some((i) => seen[i.id] !== signature(i));
}

/** Bring an entry up to the current criteria in place; return what changed, for the notice. */
export function migrate(criteria, entry) {
  const now = signatures(criteria);
  const seen = entry.seen && typeof entry.seen === "object" ? entry.seen : {};
  const seenAny = Object.keys(seen).length > 0;
  const known = seenAny ? Object.keys(seen) : Object.keys(entry.doc.answers);
  const changes = {
    old: entry.doc.criteria_version,
    added: seenAny ? criteria.items.filter((i) => !Object.hasOwn(seen, i.id)).map((i) => i.id) : [],
    removed: known.filter((id) => !Object.hasOwn(now, id)),
    changed: criteria.items.filter((i) => Object.hasOwn(seen, i.id) && seen[i.id] !== now[i.id]).map((i) => i.id),
    cleared: [],
  };
  for (const item of criteria.items) {
    if (!Object.hasOwn(entry.doc.answers, item.id)) continue;
    const answer = entry.doc.answers[item.id];
    const probe = { ...entry.doc, answers: { [item.id]: answer } };
    if (validate(criteria, probe).some((p) => p.startsWith(`answers.${item.id}:`))) {
      const kept = {};
      for (const key of ["note", "evidence"]) if (typeof answer?.[key] === "string" && answer[key]) kept[key] = answer[key];
      if (Object.keys(kept).length) entry.doc.answers[item.id] = kept;
      else delete entry.doc.answers[item.id];
      changes.cleared.push(item.id);
    }
  }
  entry.doc.criteria_version = criteria.version;
  entry.seen = now;
  return changes;
}
