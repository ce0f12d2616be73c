// Assessments answered against an older version of the criteria. Nothing is reinterpreted: a number
// given in a unit that has since changed is converted (3 hours → 180 minutes); each answer keeps the
// version it was given under, so the items whose terms changed since ask to be confirmed
// (answers/scoring.js termsChanged) and an exported file says so; answers that no longer fit at all are
// cleared (note and evidence kept) after the entry was backed up. What changed comes from the change
// log, published as criteria.history (assessment/criteria/versions.py).

import { convert, convertible } from "../criteria/quantity.js";
import { impliedUnit, validate } from "./answers-file.js";

const given = (x) => x !== undefined && x !== null;

/** Does this entry need migrate()? */
export function stale(criteria, entry) {
  return entry.doc.criteria_version !== criteria.version;
}

/** Bring an entry up to the current criteria in place; return what changed, for the notice. */
export function migrate(criteria, entry) {
  const old = entry.doc.criteria_version;
  const recorded = Object.hasOwn(criteria.history ?? {}, old) ? criteria.history[old] : null;
  const answers = entry.doc.answers;
  const answered = (id) => Object.hasOwn(answers, id) && (given(answers[id]?.status) || given(answers[id]?.value));
  const known = new Set(criteria.items.map((i) => i.id));
  const changes = {
    old,
    added: recorded ? recorded.added : [],
    removed: Object.keys(answers).filter((id) => !known.has(id)),
    changed: recorded ? recorded.changed.filter(answered) : [],
    converted: [],
    cleared: [],
  };
  for (const item of criteria.items) {
    if (!Object.hasOwn(answers, item.id)) continue;
    const answer = answers[item.id];
    let unusable = false; // a number in a unit that converts into nothing the item now asks for
    if (item.threshold && typeof answer?.value === "number") {
      const target = criteria.thresholds[item.threshold].unit;
      const unit = impliedUnit(criteria, item, answer, old);
      if (Object.hasOwn(criteria.units, unit) && convertible(criteria.units[unit], criteria.units[target])) {
        const value = convert(answer.value, criteria.units[unit], criteria.units[target]);
        if (unit !== target) changes.converted.push({ id: item.id, from: [answer.value, unit], to: [value, target] });
        answer.value = value;
        answer.unit = target;
      } else unusable = true;
    }
    // The version the answer was given under stays with it until the SP confirms or changes it.
    if (answered(item.id) && typeof answer.version !== "string" && old !== criteria.version) answer.version = old;
    const probe = { ...entry.doc, criteria_version: criteria.version, answers: { [item.id]: answer } };
    if (unusable || validate(criteria, probe).some((p) => p.startsWith(`answers.${item.id}:`))) {
      const kept = {};
      for (const key of ["note", "evidence"]) if (typeof answer?.[key] === "string" && answer[key]) kept[key] = answer[key];
      if (Object.keys(kept).length) answers[item.id] = kept;
      else delete answers[item.id];
      changes.cleared.push(item.id);
    }
  }
  entry.doc.criteria_version = criteria.version;
  delete entry.seen; // item signatures of earlier releases; the change log now says what changed
  return changes;
}
