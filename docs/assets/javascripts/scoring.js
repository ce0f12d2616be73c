// Readiness scoring for the browser: the same rules as assessment/answers.py and
// assessment/scoring.py, with no DOM access, so the checklist and the tests can both import it.
//
// Contract: `criteria` is /assets/criteria.json (Criteria.model_dump() of assessment/criteria.py);
// `doc` is an answers file object. For the same inputs, JSON.stringify(score(criteria, doc)) is
// byte for byte what `python -m assessment score FILE --json` prints. Integer arithmetic only.

import { evidenceProblems } from "./evidence-block.js";

export const FORMAT = "sp-readiness-answers";
export const FORMAT_VERSIONS = [1, 2];
export const FORMAT_VERSION = 2;
export const MAX_BYTES = 1_000_000;
export const MAX_DEPTH = 64; // objects and arrays inside each other; the checklist writes 4
const MAX_PROBLEMS = 100; // listed per file; the rest are counted
const SHOWN_CHARS = 40; // of a bad text or key quoted in a message
export const STATUSES = ["met", "partial", "unmet", "na"];
const TOP_KEYS = ["format", "format_version", "criteria_version", "assessment", "plan", "evidence", "answers", "result"];
const ASSESSMENT_KEYS = ["organisation", "service", "contact", "date"];
const ANSWER_KEYS = ["status", "value", "note", "evidence"];
export const NOT_UTF8 = "(file): not UTF-8 text; save the file as UTF-8";
const CREDIT = { met: 2, partial: 1, unmet: 0 };

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const given = (x) => x !== undefined && x !== null;
const has = (o, k) => Object.hasOwn(o, k);
const own = (o, k) => (has(o, k) ? o[k] : undefined); // never an inherited property such as "constructor"
// Code points, as Python counts them, so clipped texts and columns agree.
const clip = (s) => { const c = Array.from(s); return c.length <= SHOWN_CHARS ? s : c.slice(0, SHOWN_CHARS).join("") + "…"; };
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** A bad value as a message quotes it (answers.py `show`): JSON for scalars, long texts clipped, containers named. */
export function show(x) {
  if (x === null || x === undefined) return "null";
  if (typeof x === "string") return JSON.stringify(clip(x));
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  return Array.isArray(x) ? "a list" : "an object";
}
const got = (o, k) => (has(o, k) ? show(o[k]) : "nothing");

/** Every problem with an answers document, as "where: what" lines; empty when valid. */
export function validate(criteria, doc) {
  if (!isObject(doc)) return ["(top level): expected a JSON object"];
  const out = [];
  if (own(doc, "format") !== FORMAT) out.push(`format: expected "${FORMAT}", got ${got(doc, "format")}`);
  if (!FORMAT_VERSIONS.includes(own(doc, "format_version"))) {
    out.push(`format_version: expected ${FORMAT_VERSIONS.join(" or ")}, got ${got(doc, "format_version")}`);
  }
  if (typeof own(doc, "criteria_version") !== "string") out.push(`criteria_version: expected a string, got ${got(doc, "criteria_version")}`);
  for (const [key, check] of [["assessment", assessmentProblems], ["plan", planProblems]]) {
    if (!has(doc, key)) continue;
    if (!isObject(doc[key])) out.push(`${key}: expected an object, got ${show(doc[key])}`);
    else out.push(...check(doc[key]));
  }
  if (has(doc, "evidence")) out.push(...evidenceProblems(doc.evidence, { show, clip }));
  if (has(doc, "result") && !isObject(doc.result)) out.push(`result: expected an object, got ${show(doc.result)}`);
  const answers = own(doc, "answers");
  if (!isObject(answers)) out.push(`answers: expected an object, got ${got(doc, "answers")}`);
  else {
    const items = new Map(criteria.items.map((item) => [item.id, item]));
    for (const [id, answer] of Object.entries(answers)) {
      for (const problem of answerProblems(items.get(id), answer)) out.push(`answers.${clip(id)}: ${problem}`);
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
  }
  return out;
}

const planProblems = (plan) => Object.entries(plan).filter(([, v]) => typeof v !== "string")
  .map(([k, v]) => `plan.${clip(k)}: expected a string, got ${show(v)}`);

function answerProblems(item, answer) {
  if (!isObject(answer)) return [`expected an object, got ${show(answer)}`];
  const out = Object.keys(answer).filter((k) => !ANSWER_KEYS.includes(k)).map((k) => `unknown key ${show(k)}`);
  for (const k of ["note", "evidence"]) {
    if (has(answer, k) && typeof answer[k] !== "string") out.push(`${k}: expected a string, got ${show(answer[k])}`);
  }
  const status = own(answer, "status");
  const value = own(answer, "value");
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

// --- bytes to document: the same steps as answers.py `document`, with the same messages ----------

const SPACE = /[ \t\n\r]*/y;
const PLAIN = /[^"\\\x00-\x1f]*/y; // the run of a string up to a quote, backslash or control character
const ESCAPE = /\\(?:["\\/bfnrt]|u([0-9a-fA-F]{4}))/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
const at = (re, text, pos) => { re.lastIndex = pos; return re.exec(text); };
// A character found where it does not belong, with its code point unless it is visible ASCII (answers.py `_char`).
function charAt(text, pos) {
  const code = text.codePointAt(pos);
  const c = String.fromCodePoint(code);
  return code >= 0x21 && code <= 0x7e ? show(c) : `${show(c)} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
}

// What the scanner expects next, and how it says so.
const [VALUE, FIRST_ITEM, FIRST_KEY, KEY, COLON, AFTER, END] = [0, 1, 2, 3, 4, 5, 6];
const EXPECTED = ["expected a value", "expected a value or ']'", "expected a key in double quotes or '}'",
  "expected a key in double quotes", "expected ':'", null, "expected the end of the file"];

// The first JSON syntax problem as [position, what], or null. A loop with a stack: no recursion.
function syntax(text) {
  const stack = [];
  let state = VALUE;
  let pos = 0;
  for (;;) {
    pos += at(SPACE, text, pos)[0].length;
    if (state === AFTER && !stack.length) state = END;
    const expected = EXPECTED[state] ?? (stack.at(-1) === "{" ? "expected ',' or '}'" : "expected ',' or ']'");
    if (pos >= text.length) return state === END ? null : [pos, `${expected}, found the end of the file`];
    const c = text[pos];
    let m;
    if (c === '"' && state <= KEY) {
      const end = string(text, pos);
      if (Array.isArray(end)) return end;
      pos = end;
      state = state >= FIRST_KEY ? COLON : AFTER;
    } else if (state <= FIRST_ITEM && (c === "{" || c === "[")) {
      stack.push(c);
      if (stack.length > MAX_DEPTH) return [pos, `nested deeper than ${MAX_DEPTH} levels`];
      pos += 1;
      state = c === "{" ? FIRST_KEY : FIRST_ITEM;
    } else if (state <= FIRST_ITEM && (m = at(NUMBER, text, pos) ?? at(LITERAL, text, pos))) {
      if (/^-|^[0-9]/.test(m[0]) && !Number.isFinite(Number(m[0]))) return [pos, "number out of range"];
      pos += m[0].length;
      state = AFTER;
    } else if ((state === FIRST_ITEM && c === "]") || (state === FIRST_KEY && c === "}")
      || (state === AFTER && c === (stack.at(-1) === "{" ? "}" : "]"))) {
      stack.pop();
      pos += 1;
      state = AFTER;
    } else if (state === AFTER && c === ",") {
      pos += 1;
      state = stack.at(-1) === "{" ? KEY : VALUE;
    } else if (state === COLON && c === ":") {
      pos += 1;
      state = VALUE;
    } else return [pos, `${expected}, found ${charAt(text, pos)}`];
  }
}

// The end of the string starting at pos, or [position, what] of its first problem.
function string(text, pos) {
  pos += 1;
  for (;;) {
    pos += at(PLAIN, text, pos)[0].length;
    if (pos >= text.length) return [pos, "unterminated string, found the end of the file"];
    const c = text[pos];
    if (c === '"') return pos + 1;
    if (c !== "\\") return [pos, `control character ${charAt(text, pos)} in a string; write it as an escape`];
    const m = at(ESCAPE, text, pos);
    if (!m) return [pos, `unknown escape ${show(Array.from(text.slice(pos, pos + 3)).slice(0, 2).join(""))} in a string`];
    const unit = m[1] ? parseInt(m[1], 16) : 0;
    if (unit >= 0xdc00 && unit <= 0xdfff) return [pos, `lone surrogate ${m[0]} in a string`];
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = at(ESCAPE, text, pos + m[0].length);
      const next = low && low[1] ? parseInt(low[1], 16) : 0;
      if (!(next >= 0xdc00 && next <= 0xdfff)) return [pos, `lone surrogate ${m[0]} in a string`];
      pos += low[0].length; // the pair's second half
    }
    pos += m[0].length;
  }
}

// Line and column of a position, columns counted in code points as Python counts them.
function lineColumn(text, pos) {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  let column = 1;
  for (let i = start; i < pos; i++) if (!(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff)) column++;
  return `line ${line}, column ${column}`;
}

/** The refusal of a file of `size` bytes over MAX_BYTES, for a check made before reading it (File.size). */
export const tooBig = (size) => `(file): the file is ${grouped(size)} bytes; the limit is ${grouped(MAX_BYTES)}`;

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
  const found = syntax(text);
  if (found) return { doc: null, problems: [`${lineColumn(text, found[0])}: ${found[1]}`] };
  return { doc: JSON.parse(text), problems: [] };
}

/**
 * The one rule for accepting an answers file (answers.py `read_bytes`). `bytes` is a Uint8Array of
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
