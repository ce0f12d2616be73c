// Readiness scoring for the browser: the same rules as assessment/answers/scoring.py, with no DOM access,
// so the checklist and the tests can both import it.
//
// Contract: `criteria` is /assets/criteria.json; `doc` is an answers document accepted by
// answers-file.js. For the same inputs, JSON.stringify(score(criteria, doc)) is byte for byte what
// `python -m assessment score FILE --json` prints. Integer arithmetic only.
// Twin: assessment/answers/scoring.py (the same rule in Python).

import { impliedUnit } from "./answers-file.js";
import { convert, convertible } from "../criteria/quantity.js";

const CREDIT = { met: 2, partial: 1, unmet: 0 };

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const given = (x) => x !== undefined && x !== null;
const has = (o, k) => Object.hasOwn(o, k);

/**
 * met | partial | unmet | na, or null when unanswered. `version` is the criteria version of the file
 * the answer came from; it only matters for an answer without a unit (files written before units).
 */
export function statusOf(criteria, item, answer, version) {
  if (!isObject(answer)) return null;
  if (item.kind === "check" || answer.status === "na") return given(answer.status) ? answer.status : null;
  const value = valueInThresholdUnit(criteria, item, answer, version);
  if (value === null) return null;
  const limit = criteria.thresholds[item.threshold].value;
  const ok = item.kind === "min" ? value >= limit : value <= limit;
  return ok ? "met" : "unmet";
}

/** A number answer converted into its threshold's unit (3 hours → 180 minutes), or null. */
export function valueInThresholdUnit(criteria, item, answer, version) {
  if (!isObject(answer) || typeof answer.value !== "number" || !item.threshold) return null;
  const target = criteria.units[criteria.thresholds[item.threshold].unit];
  const unit = impliedUnit(criteria, item, answer, version ?? criteria.version);
  const source = has(criteria.units, unit) ? criteria.units[unit] : null;
  if (!source || !convertible(source, target)) return null;
  return convert(answer.value, source, target);
}

/** The earlier version an answer was given under, if its item's terms changed since; else null. */
export function unconfirmedSince(criteria, item, answer, docVersion) {
  if (!isObject(answer) || (!given(answer.status) && !given(answer.value))) return null;
  const version = typeof answer.version === "string" ? answer.version : docVersion;
  const history = criteria.history ?? {};
  return has(history, version) && history[version].changed.includes(item.id) ? version : null;
}

/** Items answered under an earlier version whose terms changed since (answers/scoring.py `terms_changed`). */
export function termsChanged(criteria, doc) {
  const answers = doc.answers ?? {};
  return criteria.items.filter((item) => unconfirmedSince(criteria, item, has(answers, item.id) ? answers[item.id] : null, doc.criteria_version) !== null)
    .map((item) => item.id);
}

function percent(earned, possible) {
  if (possible === 0) return null;
  return Math.floor((1000 * earned) / possible) / 10;
}

// Python sorts strings by code point; JavaScript's default sort by UTF-16 unit differs above U+FFFF.
const SURROGATE = /[\ud800-\udfff]/;

// Sorting by UTF-16 unit equals sorting by code point when no string holds a surrogate: then the
// built-in sort serves (a 1 MB file with 60,000 unknown ids would otherwise take most of a second).
function sortByCodePoint(keys) {
  return keys.some((k) => SURROGATE.test(k)) ? keys.sort(byCodePoint) : keys.sort();
}

function byCodePoint(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The readiness result of one valid answers document (the method is published on the checklist page). */
export function score(criteria, doc) {
  const answers = doc.answers ?? {};
  const status = new Map(
    criteria.items.map((item) => [item.id, statusOf(criteria, item, Object.hasOwn(answers, item.id) ? answers[item.id] : null, doc.criteria_version)]),
  );
  const sums = (items) => {
    const counted = items.filter((i) => status.get(i.id) !== "na");
    const earned = counted.reduce((s, i) => s + i.weight * (CREDIT[status.get(i.id)] ?? 0), 0);
    return [earned, 2 * counted.reduce((s, i) => s + i.weight, 0)];
  };

  const sections = criteria.sections.map((section) => {
    const items = criteria.items.filter((i) => i.section === section.id);
    const [earned, possible] = sums(items);
    return {
      id: section.id, percent: percent(earned, possible), earned, possible,
      answered: items.filter((i) => status.get(i.id) !== null).length, total: items.length,
    };
  });

  const [earned, possible] = sums(criteria.items);
  const notMet = (i) => ["unmet", "partial"].includes(status.get(i.id));
  const blockers = criteria.items.filter((i) => i.level === "mandatory" && notMet(i)).map((i) => i.id);
  const blocking = new Set(blockers);
  const gaps = criteria.items.filter((i) => !blocking.has(i.id) && notMet(i)).map((i) => i.id);
  const unanswered = criteria.items.filter((i) => status.get(i.id) === null).map((i) => i.id);
  const known = new Set(criteria.items.map((i) => i.id));
  const unknown = sortByCodePoint(Object.keys(answers).filter((k) => !known.has(k)));

  let verdict;
  if (blockers.length) verdict = "not_ready";
  else if (criteria.items.some((i) => i.level !== "recommended" && status.get(i.id) === null)) verdict = "incomplete";
  else if (
    !criteria.items.some((i) => i.level === "required" && status.get(i.id) === "unmet") &&
    earned * 100 >= criteria.scoring.ready_percent * possible
  ) verdict = "ready";
  else verdict = "conditional";

  return {
    criteria_version: criteria.version, verdict, percent: percent(earned, possible), earned, possible,
    sections, blockers, gaps, unanswered, unknown,
  };
}
