// The operator's review file: reading and validation for the browser, with no DOM access, so the
// review page, the checklist and the tests can all import it.
//
// Contract with assessment/review/review_file.py: for the same bytes both accept or refuse a review file with
// the same "where: what" messages, byte for byte (tests/vectors/reviews.json). Messages never echo
// numbers (Python and JavaScript write them differently) and quote at most 40 characters of a text.
// `criteria` is /assets/criteria.json.
// Twin: assessment/review/review_file.py (the same rule in Python).

import { itemIds, overallIds, withConditions } from "./decisions.js";
import { isBlank } from "../shared/blank.js";
import { grouped, quote, showKind } from "../shared/formatting.js";
import { readAnswers, tooBig as answersTooBig, validate } from "../answers/answers-file.js";
import { sha256 } from "../shared/sha256.js";
import { testLogProblems } from "./prelaunch-log.js";

export const FORMAT = "sp-readiness-review";
export const FORMAT_VERSION = 2; // 2 added the pre-launch test log and the submission's exact text; 1 is still read
const VERSIONS = [1, 2];
// One limit per kind of file, the same in the command line (assessment/shared/input_file.py).
export const MAX_BYTES = 5_000_000; // the answers file (at most 1 MB) twice (as read and as text), comments, the test log
const SNIFF_BYTES = 65_536; // of a file too large to read, looked at to tell which kind it was meant as
export const OUT_OF_RANGE = "(top level): a number out of range (beyond what a double holds)";
export const MISMATCH = "submission_sha256: the file with this SHA-256 holds other answers than the submission "
  + "in this review; the review is not of that file";
export const MAX_DEPTH = 64;
const REVIEWER_KEYS = ["name", "organisation", "date"];
const ENTRY_KEYS = ["decision", "comment"];
const CONDITION_KEYS = ["text", "due"];
const TOP_KEYS_1 = ["format", "format_version", "criteria_version", "submission_sha256", "submission", "reviewer",
  "items", "plan", "decision", "conditions", "summary"];
const TOP_KEYS = [...TOP_KEYS_1, "submission_text", "test_log"];
export const TEXT_NOT_HASHED = "submission_text: its SHA-256 is not submission_sha256; it is not the text of the file reviewed";
export const TEXT_OTHER = "submission_text: holds other answers than the submission in this review";

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const has = (o, k) => Object.hasOwn(o, k);

// --- how a value is named in a message (same text as assessment/review/review_file.py) -----------------

const key = (path, name) => (/^[A-Za-z0-9_-]{1,64}$/.test(name) ? `${path}.${name}` : `${path}[${quote(name)}]`);

/** A real calendar date written YYYY-MM-DD (year 0001 to 9999). */
export function isDate(value) {
  const m = typeof value === "string" ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value) : null;
  if (!m) return false;
  const [year, month, day] = m.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

// How deeply containers nest (the top-level value is 1), without recursion.
function depth(doc) {
  let deepest = 0;
  const stack = [[doc, 1]];
  while (stack.length) {
    const [node, d] = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    deepest = Math.max(deepest, d);
    if (d > MAX_DEPTH) return d;
    for (const v of Array.isArray(node) ? node : Object.values(node)) stack.push([v, d + 1]);
  }
  return deepest;
}

// --- validation --------------------------------------------------------------------------

/** Every problem with a review document, as "where: what" lines; empty when valid. */
export function validateReview(criteria, doc) {
  if (depth(doc) > MAX_DEPTH) return [`(top level): nested deeper than ${MAX_DEPTH} levels`];
  if (!isObject(doc)) return ["(top level): expected a JSON object"];
  const known = doc.format_version === 1 ? TOP_KEYS_1 : TOP_KEYS;
  const out = Object.keys(doc).filter((k) => !known.includes(k)).map((k) => `(top level): unknown key ${quote(k)}`);
  if (doc.format !== FORMAT) out.push(`format: expected "${FORMAT}", got ${showKind(doc.format)}`);
  if (!VERSIONS.includes(doc.format_version)) out.push(`format_version: expected ${VERSIONS.join(" or ")}, got ${showKind(doc.format_version)}`);
  if (typeof doc.criteria_version !== "string") out.push(`criteria_version: expected a string, got ${showKind(doc.criteria_version)}`);
  const sha = doc.submission_sha256;
  if (!(typeof sha === "string" && /^[0-9a-f]{64}$/.test(sha))) {
    out.push(`submission_sha256: expected 64 lowercase hexadecimal digits, got ${showKind(sha)}`);
  }
  if (!isObject(doc.submission)) out.push(`submission: expected an object, got ${showKind(doc.submission)}`);
  else out.push(...submissionProblems(criteria, doc.submission).map((p) => `submission.${p}`));
  const reviewer = doc.reviewer;
  if (!isObject(reviewer)) out.push(`reviewer: expected an object, got ${showKind(reviewer)}`);
  else {
    for (const k of Object.keys(reviewer)) {
      const value = reviewer[k];
      if (!REVIEWER_KEYS.includes(k)) out.push(`reviewer: unknown key ${quote(k)}`);
      else if (typeof value !== "string") out.push(`reviewer.${k}: expected a string, got ${showKind(value)}`);
      else if (k === "date" && value && !isDate(value)) out.push(`reviewer.date: expected a date (YYYY-MM-DD), got ${showKind(value)}`);
    }
  }
  for (const part of ["items", "plan"]) if (has(doc, part)) out.push(...entriesProblems(criteria, part, doc[part]));
  if (has(doc, "decision") && !overallIds(criteria).includes(doc.decision)) {
    out.push(`decision: expected one of ${overallIds(criteria).join(", ")}, got ${showKind(doc.decision)}`);
  }
  if (has(doc, "conditions")) out.push(...conditionsProblems(criteria, doc.conditions, doc.decision));
  if (has(doc, "summary") && typeof doc.summary !== "string") out.push(`summary: expected a string, got ${showKind(doc.summary)}`);
  if (has(doc, "test_log") && known === TOP_KEYS) out.push(...testLogProblems(doc.test_log));
  if (has(doc, "submission_text") && known === TOP_KEYS) out.push(...textProblems(criteria, doc, !out.length));
  return out;
}

// The embedded text must be the file reviewed: its SHA-256 is submission_sha256 and it holds the
// submission's answers (checked only when the rest of the review is valid). assessment/review/review_file.py.
function textProblems(criteria, doc, restValid) {
  const text = doc.submission_text;
  if (typeof text !== "string") return [`submission_text: expected a string, got ${showKind(text)}`];
  if (!restValid) return [];
  // A lone surrogate is no file's text: TextEncoder writes it as U+FFFD, so the hash cannot match.
  if (/\p{Surrogate}/u.test(text)) return [TEXT_NOT_HASHED];
  const bytes = new TextEncoder().encode(text);
  if (sha256(bytes) !== doc.submission_sha256) return [TEXT_NOT_HASHED];
  const named = readAnswers(criteria, bytes);
  return !named.problems.length && sameSubmission(named.doc, doc.submission) ? [] : [TEXT_OTHER];
}

/** The checklist's own rules for the answers file inside the review (the one place they are called). */
function submissionProblems(criteria, submission) {
  return validate(criteria, submission);
}

function entriesProblems(criteria, part, entries) {
  if (!isObject(entries)) return [`${part}: expected an object, got ${showKind(entries)}`];
  const out = [];
  for (const id of Object.keys(entries)) {
    const where = key(part, id);
    const entry = entries[id];
    if (!isObject(entry)) {
      out.push(`${where}: expected an object, got ${showKind(entry)}`);
      continue;
    }
    for (const k of Object.keys(entry)) if (!ENTRY_KEYS.includes(k)) out.push(`${where}: unknown key ${quote(k)}`);
    if (has(entry, "decision") && !itemIds(criteria).includes(entry.decision)) {
      out.push(`${where}.decision: expected one of ${itemIds(criteria).join(", ")}, got ${showKind(entry.decision)}`);
    }
    if (has(entry, "comment") && typeof entry.comment !== "string") out.push(`${where}.comment: expected a string, got ${showKind(entry.comment)}`);
  }
  return out;
}

function conditionsProblems(criteria, conditions, decision) {
  if (!Array.isArray(conditions)) return [`conditions: expected a list, got ${showKind(conditions)}`];
  const conditional = withConditions(criteria);
  const out = decision === conditional || !conditions.length ? [] : [`conditions: only a "${conditional}" decision has conditions`];
  conditions.forEach((condition, n) => {
    const where = `conditions[${n}]`;
    if (!isObject(condition)) {
      out.push(`${where}: expected an object, got ${showKind(condition)}`);
      return;
    }
    for (const k of Object.keys(condition)) if (!CONDITION_KEYS.includes(k)) out.push(`${where}: unknown key ${quote(k)}`);
    const text = condition.text;
    if (!(typeof text === "string" && !isBlank(text))) out.push(`${where}.text: expected a text, got ${showKind(text)}`);
    if (!isDate(condition.due)) out.push(`${where}.due: expected a date (YYYY-MM-DD), got ${showKind(condition.due)}`);
  });
  return out;
}

// --- reading bytes -------------------------------------------------------------------------


/** The refusal of a review file of `size` bytes over MAX_BYTES (assessment/shared/input_file.py `too_big`). */
export const tooBig = (size) => `(file): the file is ${grouped(size)} bytes; the limit for a review file is ${grouped(MAX_BYTES)}`;

/**
 * The refusal of a picked file (a File) too large for either kind, decided from File.size and its
 * first 64 KB without reading the rest (a 3 GB file cannot even be read); null when it may be read.
 * Mirrors assessment/review/review_file.py `read_either`.
 */
export async function refuseBySize(file) {
  if (file.size <= MAX_BYTES) return null;
  let start = "";
  try {
    // windows-1252 maps every byte to one character and ASCII to itself: an exact search for the name.
    start = new TextDecoder("windows-1252").decode(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch { /* unreadable: named as an answers file */ }
  return start.includes(FORMAT) ? tooBig(file.size) : answersTooBig(file.size);
}

/** A picked file's bytes, or {problem} when the browser cannot read it (removed, or too large for memory). */
export async function fileBytes(file) {
  try {
    return { bytes: new Uint8Array(await file.arrayBuffer()), problem: null };
  } catch (error) {
    return { bytes: null, problem: `(file): cannot read the file (${error.name})` };
  }
}

/**
 * JSON from a file's bytes as assessment/review/review_file.py decodes it: UTF-8, one BOM allowed, and numbers
 * beyond a double's range (which JSON.parse reads as Infinity) refused.
 */
/** Whether a file's bytes are meant as a review file (its problems are then the review's), by its `format`: the checklist's import tells it from an answers file so. */
export function isReviewFile(bytes) {
  const { doc } = decodeJson(bytes);
  return typeof doc === "object" && doc !== null && !Array.isArray(doc) && doc.format === FORMAT;
}

export function decodeJson(bytes) {
  if (bytes.length > MAX_BYTES) return { doc: null, problem: tooBig(bytes.length) };
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { doc: null, problem: "(top level): not UTF-8 text" };
  }
  let outOfRange = false;
  let doc;
  try {
    doc = JSON.parse(text, (_k, v) => {
      if (typeof v === "number" && !Number.isFinite(v)) outOfRange = true;
      return v;
    });
  } catch (error) {
    // A parser that runs out of stack has met nesting deeper than any valid file holds.
    return { doc: null, problem: error instanceof RangeError ? `(top level): nested deeper than ${MAX_DEPTH} levels` : "(top level): not valid JSON" };
  }
  return outOfRange ? { doc: null, problem: OUT_OF_RANGE } : { doc, problem: null };
}

/** A review file's bytes -> {doc, problems}: doc is null unless problems is empty. */
export function readReview(criteria, bytes) {
  const { doc, problem } = decodeJson(bytes);
  if (problem) return { doc: null, problems: [problem] };
  const problems = validateReview(criteria, doc);
  return { doc: problems.length ? null : doc, problems };
}

/** An SP's answers file's bytes -> {doc, problems}, by the checklist's one rule (answers/scoring.js readAnswers). */
export function readSubmission(criteria, bytes) {
  return readAnswers(criteria, bytes);
}

// --- does the review hold the file its SHA-256 names? (assessment/review/review_file.py `binding_problem`) ---
// Nothing inside a review file ties its SHA-256 to the answers it holds, so wherever the file with
// that SHA-256 is at hand its answers are compared with the review's; disagreeing halves are refused.

function same(a, b) {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return false;
  if (typeof a !== "object" || a === null) return a === b;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => has(b, k) && same(a[k], b[k]));
}

// What an answers document says, as compared: an absent note, value or result is the same as an empty one.
function canonical(doc) {
  const answers = {};
  for (const [id, a] of Object.entries(doc.answers ?? {})) answers[id] = [a.status ?? null, a.value ?? null, a.note ?? "", a.evidence ?? ""];
  return { criteria_version: doc.criteria_version, format_version: doc.format_version, assessment: doc.assessment ?? {},
    plan: doc.plan ?? {}, result: doc.result ?? null, answers };
}

/** Whether two valid answers documents say the same (their bytes may differ in spacing or order). */
export const sameSubmission = (a, b) => same(canonical(a), canonical(b));

/** For the bytes of the file whose SHA-256 a valid review names: MISMATCH unless they hold the review's answers. */
export function bindingProblem(criteria, review, bytes) {
  const { doc, problems } = readAnswers(criteria, bytes);
  return !problems.length && sameSubmission(doc, review.submission) ? null : MISMATCH;
}

// --- helpers for pages that show a review --------------------------------------------------

/** A new, empty review of a submission (the answers document and the SHA-256 of its bytes). */
export function newReview(criteria, submission, sha256, today) {
  return {
    format: FORMAT, format_version: FORMAT_VERSION, criteria_version: criteria.version,
    submission_sha256: sha256, submission, reviewer: { name: "", organisation: "", date: today },
    items: {}, plan: {}, summary: "",
  };
}

/** Whether a condition's due date has passed (dates as YYYY-MM-DD compare as text). */
export const isOverdue = (condition, today) => isDate(condition.due) && condition.due < today;

const answerKey = (a) => (isObject(a)
  ? JSON.stringify([a.status ?? null, a.value ?? null, a.note ?? "", a.evidence ?? ""])
  : JSON.stringify([null, null, "", ""]));

/**
 * What the SP changed since the review: {items: [item ids], plan: [template section ids]} whose
 * answer (status, value, note, evidence) or plan text differs between the reviewed submission and
 * `currentDoc` (an answers document). Ids come from the criteria and from the review's own entries.
 */
export function reviewChanges(criteria, review, currentDoc) {
  const before = review.submission ?? {};
  const pick = (doc, part, id) => (isObject(doc[part]) && has(doc[part], id) ? doc[part][id] : undefined);
  const ids = (known, own) => [...new Set([...known, ...Object.keys(isObject(own) ? own : {})])];
  const items = ids(criteria.items.map((i) => i.id), review.items)
    .filter((id) => answerKey(pick(before, "answers", id)) !== answerKey(pick(currentDoc, "answers", id)));
  const plan = ids(criteria.template.filter((p) => !p.group).map((p) => p.id), review.plan)
    .filter((id) => (pick(before, "plan", id) ?? "") !== (pick(currentDoc, "plan", id) ?? ""));
  return { items, plan };
}
