// The one rule for accepting an answers file in the browser, the same as assessment/answers/answers_file.py:
// for the same bytes both accept or refuse with the same "where: what" messages, byte for byte
// (tests/vectors/ runs both). DOM-free.
//
// Contract: `criteria` is /assets/criteria.json (Criteria.model_dump() of assessment/criteria/model.py);
// `doc` is an answers file object.
// Twin: assessment/answers/answers_file.py (the same rule in Python).

import { lineColumn, syntax } from "../shared/json-syntax.js";
import { clip, grouped, show } from "../shared/formatting.js";
import { convertible } from "../criteria/quantity.js";
import { evidenceProblems } from "../evidence/block.js";

export const FORMAT = "sp-readiness-answers";
export const FORMAT_VERSIONS = [1, 2, 3]; // 2 adds `plan`, 3 each number's `unit` and an answer's `version`
export const FORMAT_VERSION = 3;
export const MAX_BYTES = 1_000_000;
export const MAX_DEPTH = 64; // objects and arrays inside each other; the checklist writes 4
const MAX_PROBLEMS = 100; // listed per file; the rest are counted
export const STATUSES = ["met", "partial", "unmet", "na"];
const TOP_KEYS = ["format", "format_version", "criteria_version", "assessment", "plan", "evidence", "answers", "result"];
const ASSESSMENT_KEYS = ["organisation", "service", "contact", "date"];
const ANSWER_KEYS = ["status", "value", "unit", "version", "note", "evidence", "note_private"];
// The assessment's date: empty, or a real calendar day written YYYY-MM-DD in these years (answers/answers_file.py).
export const DATE_YEARS = [2000, 2099];
export const NOT_UTF8 = "(file): not UTF-8 text; save the file as UTF-8";

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const given = (x) => x !== undefined && x !== null;
const has = (o, k) => Object.hasOwn(o, k);
const own = (o, k) => (has(o, k) ? o[k] : undefined); // never an inherited property such as "constructor"
export { show };
const got = (o, k) => (has(o, k) ? show(o[k]) : "nothing");

/** Every problem with an answers document, as "where: what" lines; empty when valid. */
export function validate(criteria, doc) {
  if (!isObject(doc)) return ["(top level): expected a JSON object"];
  const out = [];
  if (own(doc, "format") !== FORMAT) out.push(`format: expected "${FORMAT}", got ${got(doc, "format")}`);
  if (!FORMAT_VERSIONS.includes(own(doc, "format_version"))) {
    const versions = `${FORMAT_VERSIONS.slice(0, -1).join(", ")} or ${FORMAT_VERSIONS.at(-1)}`;
    out.push(`format_version: expected ${versions}, got ${got(doc, "format_version")}`);
  }
  if (typeof own(doc, "criteria_version") !== "string") out.push(`criteria_version: expected a string, got ${got(doc, "criteria_version")}`);
  for (const [key, check] of [["assessment", assessmentProblems], ["plan", planProblems]]) {
    if (!has(doc, key)) continue;
    if (!isObject(doc[key])) out.push(`${key}: expected an object, got ${show(doc[key])}`);
    else out.push(...check(doc[key]));
  }
  if (has(doc, "evidence")) out.push(...evidenceProblems(doc.evidence));
  if (has(doc, "result") && !isObject(doc.result)) out.push(`result: expected an object, got ${show(doc.result)}`);
  const answers = own(doc, "answers");
  if (!isObject(answers)) out.push(`answers: expected an object, got ${got(doc, "answers")}`);
  else {
    const items = new Map(criteria.items.map((item) => [item.id, item]));
    const version = own(doc, "criteria_version");
    for (const [id, answer] of Object.entries(answers)) {
      for (const problem of answerProblems(criteria, items.get(id), answer, version)) out.push(`answers.${clip(id)}: ${problem}`);
    }
  }
  if (out.length > MAX_PROBLEMS) out.splice(MAX_PROBLEMS, Infinity, `(top level): ${out.length - MAX_PROBLEMS} more problems not listed`);
  return out;
}

function assessmentProblems(meta) {
  const out = [];
  for (const [key, value] of Object.entries(meta)) {
    if (!ASSESSMENT_KEYS.includes(key)) out.push(`assessment.${clip(key)}: unknown key`);
    else if (typeof value !== "string") out.push(`assessment.${key}: expected a string, got ${show(value)}`);
    else if (key === "date" && value && !plausibleDate(value)) out.push(dateProblem(value));
  }
  return out;
}

export const dateProblem = (value) =>
  `assessment.date: ${show(value)} is not a date from ${DATE_YEARS[0]}-01-01 to ${DATE_YEARS[1]}-12-31 written YYYY-MM-DD`;

/** A real calendar day, YYYY-MM-DD (ASCII digits), in DATE_YEARS. */
export function plausibleDate(text) {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number);
  if (year < DATE_YEARS[0] || year > DATE_YEARS[1] || month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day >= 1 && day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const planProblems = (plan) => Object.entries(plan).filter(([, v]) => typeof v !== "string")
  .map(([k, v]) => `plan.${clip(k)}: expected a string, got ${show(v)}`);

/** The unit of a number answer: its own, else the one in force for the version it was given under (answers/answers_file.py `implied_unit`). */
export function impliedUnit(criteria, item, answer, version) {
  const unit = own(answer, "unit");
  if (typeof unit === "string" || !item || !item.threshold) return typeof unit === "string" ? unit : null;
  const given = typeof own(answer, "version") === "string" ? answer.version : version;
  const history = criteria.history ?? {};
  const recorded = typeof given === "string" && has(history, given) ? history[given].units : {};
  return (has(recorded, item.id) ? recorded[item.id] : null) || criteria.thresholds[item.threshold].unit;
}

function answerProblems(criteria, item, answer, version) {
  if (!isObject(answer)) return [`expected an object, got ${show(answer)}`];
  const out = Object.keys(answer).filter((k) => !ANSWER_KEYS.includes(k)).map((k) => `unknown key ${show(k)}`);
  for (const k of ["unit", "version", "note", "evidence"]) {
    if (has(answer, k) && typeof answer[k] !== "string") out.push(`${k}: expected a string, got ${show(answer[k])}`);
  }
  if (has(answer, "note_private") && typeof answer.note_private !== "boolean") {
    out.push(`note_private: expected true or false, got ${show(answer.note_private)}`);
  }
  const status = own(answer, "status");
  const value = own(answer, "value");
  const unit = own(answer, "unit");
  if (given(status) && !STATUSES.includes(status)) {
    out.push(`status: ${show(status)} is not one of ${STATUSES.join(", ")}`);
  }
  const number = typeof value === "number" && Number.isFinite(value) && value >= 0;
  if (given(value) && !number) out.push(`value: ${show(value)} is not a finite number ≥ 0`);
  if (typeof unit === "string" && !has(criteria.units, unit)) {
    out.push(`unit: ${show(unit)} is not one of ${Object.keys(criteria.units).join(", ")}`);
  }
  if (!item) return out; // unknown id: kept and reported, never scored
  if (item.kind === "check" && given(value)) out.push(`value: a '${item.kind}' item takes a status, not a value`);
  if (item.kind === "check" && given(unit)) out.push(`unit: a '${item.kind}' item takes a status, not a unit`);
  if (item.kind !== "check" && given(status) && status !== "na") {
    out.push(`status: a '${item.kind}' item takes a value, or status "na"`);
  }
  if (item.kind !== "check" && status === "na" && given(value)) out.push('value: give a value or status "na", not both');
  if (status === "na" && !item.na_allowed) out.push('status: "na" is not allowed for this item');
  if (item.kind !== "check" && given(unit) && !given(value)) out.push("unit: a unit goes with a value");
  const effective = impliedUnit(criteria, item, answer, version);
  if (item.kind !== "check" && has(criteria.units, effective)) {
    const target = criteria.thresholds[item.threshold].unit;
    const source = criteria.units[effective];
    if (typeof unit === "string" && !convertible(source, criteria.units[target])) {
      out.push(`unit: ${show(unit)} does not convert into ${show(target)}`);
    } else if (number && source.measures === "count" && !Number.isInteger(value)) {
      out.push(`value: ${show(value)} is not a whole number of ${show(effective)}`);
    }
  }
  return out;
}

// --- bytes to document: the same steps as answers/answers_file.py `document`, with the same messages ----------

/** The refusal of a file of `size` bytes over MAX_BYTES, for a check made before reading it (File.size). */
export const tooBig = (size) => `(file): the file is ${grouped(size)} bytes; the limit for an answers file is ${grouped(MAX_BYTES)}`;

/** The JSON document in an answers file's bytes, or the file-level problem that refuses it. */
export function readDocument(bytes) {
  if (bytes.length > MAX_BYTES) return { doc: null, problems: [tooBig(bytes.length)] };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return { doc: null, problems: [NOT_UTF8] };
  }
  const found = syntax(text, MAX_DEPTH, show);
  if (found) return { doc: null, problems: [`${lineColumn(text, found[0])}: ${found[1]}`] };
  return { doc: JSON.parse(text), problems: [] };
}

/**
 * The one rule for accepting an answers file (answers/answers_file.py `read_bytes`). `bytes` is a Uint8Array of
 * the whole file. Returns {doc, problems}: `problems` are "where: what" lines (empty when
 * accepted); `doc` is the accepted document with unknown top-level keys dropped, or null.
 */
export function readAnswers(criteria, bytes) {
  const { doc, problems } = readDocument(bytes);
  if (problems.length) return { doc: null, problems };
  const kept = isObject(doc) ? Object.fromEntries(TOP_KEYS.filter((k) => has(doc, k)).map((k) => [k, doc[k]])) : doc;
  const found = validate(criteria, kept);
  return found.length ? { doc: null, problems: found } : { doc: kept, problems: [] };
}
