// The reviews as earlier versions of the review page kept them, in localStorage; read once, to move
// them into IndexedDB (review/store.js). Nothing here writes: the caller removes the old keys only
// after the new database holds their contents, and leaves damaged ones where they are.
//
//   sp-readiness.reviews               {version: 1, current: id, ids: [id, …]}
//   sp-readiness.review.<id>           {id, file, sha256, opened, review: {…}}
//   sp-readiness.review.<id>.submission  the answers document as opened (JSON)

import { localArea } from "../shared/storage-area.js";

export const LEGACY_INDEX = "sp-readiness.reviews";
const entryKey = (id) => `sp-readiness.review.${id}`;
const submissionKey = (id) => `${entryKey(id)}.submission`;
const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

export function isEntry(x, id = x?.id) {
  return isObject(x) && typeof id === "string" && x.id === id && typeof x.file === "string" &&
    typeof x.sha256 === "string" && isReview(x.review);
}

// A review the page can show: an entry edited by hand into another shape is set aside, not shown
// (one damaged entry must not stop the page with every other review in it).
function isReview(r) {
  const optional = (key, ok) => r[key] === undefined || ok(r[key]);
  return isObject(r) && optional("reviewer", isObject) && optional("items", isObject) && optional("plan", isObject) &&
    optional("conditions", (c) => Array.isArray(c) && c.every(isObject)) && optional("summary", (s) => typeof s === "string");
}

// The index is gone or unreadable: find the reviews by their keys.
function scan(storage) {
  const ids = [];
  for (let n = 0; n < storage.length; n++) {
    const m = /^sp-readiness\.review\.([^.]+)$/.exec(storage.key(n) ?? "");
    if (m) ids.push(m[1]);
  }
  return ids;
}

/**
 * What localStorage holds of the old layout: {reviews: [{entry, submission, keys}], broken: [{id, raw}],
 * current}. `keys` are what to remove once the review is safe elsewhere.
 */
export function readLegacy(storage = localArea) {
  let index = null;
  try {
    index = JSON.parse(storage.getItem(LEGACY_INDEX) ?? "null");
  } catch { /* an unreadable index: the entries are found by their keys */ }
  const listed = isObject(index) && Array.isArray(index.ids) ? index.ids.filter((id) => typeof id === "string") : [];
  const ids = [...new Set([...listed, ...scan(storage)])];
  const reviews = [];
  const broken = [];
  for (const id of ids) {
    const raw = storage.getItem(entryKey(id));
    const rawSubmission = storage.getItem(submissionKey(id));
    if (raw === null && rawSubmission === null) continue;
    try {
      const entry = JSON.parse(raw);
      const submission = JSON.parse(rawSubmission);
      if (!isEntry(entry, id) || !isObject(submission)) throw new Error("not a review");
      reviews.push({ entry, submission, keys: [entryKey(id), submissionKey(id)] });
    } catch {
      broken.push({ id, raw: `${raw}\n${rawSubmission}` });
    }
  }
  return { reviews, broken, current: isObject(index) ? index.current : null, hasIndex: storage.getItem(LEGACY_INDEX) !== null };
}
