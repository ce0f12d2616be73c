// One file holding every review kept in this browser, each with its submission, to carry a year of
// work to another browser or keep it safe; and reading such a file back. A backup is untrusted
// input like any file: each review in it is checked, and a bad one is named and left out.

import { isDate } from "./review-file.js";
import { itemIds, overallIds } from "./decisions.js";
import { validate } from "../answers/answers-file.js";
import { describe } from "./checks.js";
import { DEFAULT_ZONE, MAX_TESTS, ZONES } from "./prelaunch-log.js";
import { sha256 } from "../shared/sha256.js";

export const BACKUP_FORMAT = "sp-readiness-review-backup";
export const BACKUP_VERSION = 1;
const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const text = (x) => (typeof x === "string" ? x : undefined);

/** The backup's JSON text. */
export function backupText(list, now = new Date().toISOString()) {
  return JSON.stringify({ format: BACKUP_FORMAT, format_version: BACKUP_VERSION, made: now, reviews: list });
}

// A decision-and-comment map with only what the review page writes.
function entries(criteria, x) {
  if (!isObject(x)) return {};
  const out = {};
  for (const [id, e] of Object.entries(x)) {
    if (!isObject(e)) continue;
    const decision = itemIds(criteria).includes(e.decision) ? e.decision : undefined;
    const comment = text(e.comment);
    if (decision || comment) out[id] = JSON.parse(JSON.stringify({ decision, comment }));
  }
  return out;
}

// A stored test log with known fields of known types (rows in progress may be incomplete: kept as text).
function testLog(x) {
  if (!isObject(x) || !Array.isArray(x.tests)) return undefined;
  const tests = x.tests.filter(isObject).slice(0, MAX_TESTS).map((r, n) => ({
    id: text(r.id) && /^[A-Za-z0-9_-]{1,64}$/.test(r.id) ? r.id : `b${n}`,
    channel: text(r.channel) ?? "", contacted: text(r.contacted) ?? "", replied: text(r.replied) ?? "", note: text(r.note) ?? "" }));
  return { time_zone: ZONES.includes(x.time_zone) ? x.time_zone : DEFAULT_ZONE, tests };
}

// A stored review rebuilt from known fields of known types; null when it is not one at all.
function cleanEntry(criteria, x) {
  if (!isObject(x) || !text(x.id) || !/^[A-Za-z0-9_-]{1,64}$/.test(x.id) || !text(x.file) ||
      !/^[0-9a-f]{64}$/.test(x.sha256 ?? "") || !isObject(x.review)) return null;
  const r = x.review;
  const reviewer = isObject(r.reviewer) ? r.reviewer : {};
  const changes = isObject(x.changes) ? { items: isObject(x.changes.items) ? x.changes.items : {}, plan: isObject(x.changes.plan) ? x.changes.plan : {} } : undefined;
  return JSON.parse(JSON.stringify({
    id: x.id, file: x.file, sha256: x.sha256, opened: isDate(x.opened) ? x.opened : "", edited: text(x.edited) ?? "",
    previous: isObject(x.previous) && text(x.previous.id) ? { id: x.previous.id, file: text(x.previous.file) ?? "" } : undefined,
    changes,
    review: {
      reviewer: { name: text(reviewer.name) ?? "", organisation: text(reviewer.organisation) ?? "", date: text(reviewer.date) ?? "" },
      items: entries(criteria, r.items), plan: entries(criteria, r.plan),
      decision: overallIds(criteria).includes(r.decision) ? r.decision : undefined,
      conditions: Array.isArray(r.conditions) ? r.conditions.filter(isObject).map((c) => ({ text: text(c.text) ?? "", due: text(c.due) ?? "" })) : [],
      summary: text(r.summary) ?? "",
      test_log: testLog(r.test_log),
    },
  }));
}

/**
 * A backup file's text -> {reviews: [{entry, submission}], problems: ["where: what"]}. The whole file
 * is refused (no reviews) when it is not a backup; a review in it that is not valid is left out.
 */
export function readBackup(criteria, textContent) {
  let doc;
  try {
    doc = JSON.parse(textContent.replace(/^\ufeff/, ""));
  } catch {
    return { reviews: [], problems: ["(top level): not valid JSON"] };
  }
  if (!isObject(doc) || doc.format !== BACKUP_FORMAT) return { reviews: [], problems: [`format: expected "${BACKUP_FORMAT}"`] };
  if (doc.format_version !== BACKUP_VERSION) return { reviews: [], problems: [`format_version: expected ${BACKUP_VERSION}`] };
  if (!Array.isArray(doc.reviews)) return { reviews: [], problems: ["reviews: expected a list"] };
  const reviews = [];
  const problems = [];
  for (const [n, r] of doc.reviews.entries()) {
    const entry = cleanEntry(criteria, r?.entry);
    if (!entry) {
      problems.push(`reviews[${n}].entry: not a review`);
      continue;
    }
    const found = validate(criteria, r.submission);
    if (found.length) {
      problems.push(`reviews[${n}].submission: ${found[0]}`);
      continue;
    }
    // What the inbox shows is worked out again here, never taken from the file.
    // The submission's text comes back only if it is the file the review names (its SHA-256).
    const own = typeof r.text === "string" && sha256(new TextEncoder().encode(r.text)) === entry.sha256 ? { text: r.text } : {};
    reviews.push({ entry: { ...entry, meta: describe(criteria, r.submission) }, submission: r.submission, ...own });
  }
  return { reviews, problems };
}
