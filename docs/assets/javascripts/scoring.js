// Readiness scoring for the browser: the same rules as assessment/answers.py and
// assessment/scoring.py, with no DOM access, so the checklist and the tests can both import it.
//
// Contract: `criteria` is /assets/criteria.json (Criteria.model_dump() of assessment/criteria.py);
// `doc` is an answers file object. For the same inputs, JSON.stringify(score(criteria, doc)) is
// byte for byte what `python -m assessment score FILE --json` prints. Integer arithmetic only.

export const FORMAT = "sp-readiness-answers";
export const FORMAT_VERSIONS = [1, 2];
export const FORMAT_VERSION = 2;
export const MAX_BYTES = 1_000_000;
export const STATUSES = ["met", "partial", "unmet", "na"];
const ASSESSMENT_KEYS = ["organisation", "service", "contact", "date"];
const ANSWER_KEYS = ["status", "value", "note", "evidence"];
const CREDIT = { met: 2, partial: 1, unmet: 0 };

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const given = (x) => x !== undefined && x !== null;
// How a bad value is quoted in a message; non-finite numbers as Python's json.dumps writes them.
const show = (x) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : JSON.stringify(x === undefined ? null : x));

/** Every problem with an answers document, as "where: what" lines; empty when valid. */
export function validate(criteria, doc) {
  if (!isObject(doc)) return ["(top level): expected a JSON object"];
  const out = [];
  if (doc.format !== FORMAT) out.push(`format: expected "${FORMAT}", got ${show(doc.format)}`);
  if (!FORMAT_VERSIONS.includes(doc.format_version)) {
    out.push(`format_version: expected one of ${FORMAT_VERSIONS.join(", ")}, got ${show(doc.format_version)}`);
  }
  if (typeof doc.criteria_version !== "string") out.push("criteria_version: expected a string");
  const meta = doc.assessment ?? {};
  if (!isObject(meta)) out.push("assessment: expected an object");
  else {
    for (const [key, value] of Object.entries(meta)) {
      if (!ASSESSMENT_KEYS.includes(key)) out.push(`assessment.${key}: unknown key`);
      else if (typeof value !== "string") out.push(`assessment.${key}: expected a string`);
    }
  }
  const plan = doc.plan ?? {};
  if (!isObject(plan) || !Object.values(plan).every((v) => typeof v === "string")) {
    out.push("plan: expected an object of texts");
  }
  if (!isObject(doc.answers)) {
    out.push("answers: expected an object");
    return out;
  }
  const items = new Map(criteria.items.map((item) => [item.id, item]));
  for (const [id, answer] of Object.entries(doc.answers)) {
    for (const problem of answerProblems(items.get(id), answer)) out.push(`answers.${id}: ${problem}`);
  }
  return out;
}

function answerProblems(item, answer) {
  if (!isObject(answer)) return ["expected an object"];
  const out = Object.keys(answer).filter((k) => !ANSWER_KEYS.includes(k)).map((k) => `unknown key '${k}'`);
  for (const k of ["note", "evidence"]) {
    if (k in answer && typeof answer[k] !== "string") out.push(`${k}: expected a string`);
  }
  const { status, value } = answer;
  if (given(status) && !STATUSES.includes(status)) {
    out.push(`status: ${show(status)} is not one of ${STATUSES.join(", ")}`);
  }
  if (given(value) && !(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    out.push(`value: ${show(value)} is not a finite number ≥ 0`);
  }
  if (!item) return out; // unknown id: kept and reported, never scored
  if (item.kind === "check" && given(value)) out.push(`value: a '${item.kind}' item takes a status, not a value`);
  if (item.kind !== "check" && given(status) && status !== "na") {
    out.push(`status: a '${item.kind}' item takes a value, or status "na"`);
  }
  if (item.kind !== "check" && status === "na" && given(value)) out.push('value: give a value or status "na", not both');
  if (status === "na" && !item.na_allowed) out.push('status: "na" is not allowed for this item');
  return out;
}

/** met | partial | unmet | na, or null when unanswered. */
export function statusOf(criteria, item, answer) {
  if (!isObject(answer)) return null;
  if (item.kind === "check" || answer.status === "na") return given(answer.status) ? answer.status : null;
  if (!given(answer.value)) return null;
  const limit = criteria.thresholds[item.threshold];
  const ok = item.kind === "min" ? answer.value >= limit : answer.value <= limit;
  return ok ? "met" : "unmet";
}

function percent(earned, possible) {
  if (possible === 0) return null;
  return Math.floor((1000 * earned) / possible) / 10;
}

// Python sorts strings by code point; JavaScript's default sort by UTF-16 unit differs above U+FFFF.
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
    criteria.items.map((item) => [item.id, statusOf(criteria, item, Object.hasOwn(answers, item.id) ? answers[item.id] : null)]),
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
  const gaps = criteria.items.filter((i) => !blockers.includes(i.id) && notMet(i)).map((i) => i.id);
  const unanswered = criteria.items.filter((i) => status.get(i.id) === null).map((i) => i.id);
  const known = new Set(criteria.items.map((i) => i.id));
  const unknown = Object.keys(answers).filter((k) => !known.has(k)).sort(byCodePoint);

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
