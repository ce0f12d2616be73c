// The reviews kept in this browser: several side by side, each under its own localStorage key, so one
// damaged or large review cannot block the others, and typing a comment re-saves only that review's
// small part (the submission, up to 1 MB, is written once when the file is opened).
//
//   sp-readiness.reviews               {version: 1, current: id, ids: [id, …]}
//   sp-readiness.review.<id>           {id, file, sha256, opened, review: {reviewer, items, plan,
//                                        decision, conditions, summary}}
//   sp-readiness.review.<id>.submission  the answers document as opened (JSON)

import { localArea } from "./storage-area.js";

const INDEX = "sp-readiness.reviews";
const entryKey = (id) => `sp-readiness.review.${id}`;
const submissionKey = (id) => `${entryKey(id)}.submission`;
const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

export const newId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function isEntry(x, id) {
  return isObject(x) && x.id === id && typeof x.file === "string" && typeof x.sha256 === "string" && isObject(x.review);
}

export class ReviewStore {
  /** onError(message) is told of every failed save; nothing is thrown to the page. */
  constructor(onError) {
    this.onError = onError;
    this.current = null;
    this.entries = []; // in index order
    this.submissions = new Map(); // id -> answers document
    this.broken = []; // [{id, raw}] entries that could not be read, left in storage untouched
    this.unstored = new Set(); // ids of reviews storage refused when they were added: kept in memory only
  }

  load() {
    let index = null;
    try {
      index = JSON.parse(localArea.getItem(INDEX) ?? "null");
    } catch { /* an unreadable index: the entries are found again below */ }
    const ids = isObject(index) && Array.isArray(index.ids) ? index.ids.filter((id) => typeof id === "string") : this.scan();
    for (const id of ids) {
      const raw = localArea.getItem(entryKey(id));
      const rawSubmission = localArea.getItem(submissionKey(id));
      try {
        const entry = JSON.parse(raw);
        const submission = JSON.parse(rawSubmission);
        if (!isEntry(entry, id) || !isObject(submission)) throw new Error("not a review");
        this.entries.push(entry);
        this.submissions.set(id, submission);
      } catch {
        if (raw !== null || rawSubmission !== null) this.broken.push({ id, raw: `${raw}\n${rawSubmission}` });
      }
    }
    this.current = this.entries.some((e) => e.id === index?.current) ? index.current : this.entries[0]?.id ?? null;
  }

  // The index is gone: find the reviews by their keys.
  scan() {
    const ids = [];
    for (let n = 0; n < localArea.length; n++) {
      const m = /^sp-readiness\.review\.([^.]+)$/.exec(localArea.key(n) ?? "");
      if (m) ids.push(m[1]);
    }
    return ids;
  }

  get entry() {
    return this.entries.find((e) => e.id === this.current) ?? null;
  }

  submission(id = this.current) {
    return this.submissions.get(id) ?? null;
  }

  write(key, value) {
    try {
      localArea.setItem(key, JSON.stringify(value));
      return true;
    } catch (error) {
      this.onError(error.message);
      return false;
    }
  }

  saveIndex() {
    // Broken entries stay listed, so a later version (or a person) can still recover them.
    const ids = [...this.entries.map((e) => e.id), ...this.broken.map((b) => b.id)];
    return this.write(INDEX, { version: 1, current: this.current, ids });
  }

  save(entry = this.entry) {
    if (entry && this.unstored.has(entry.id)) return this.store(entry);
    return entry ? this.write(entryKey(entry.id), entry) : true;
  }

  /** Add a review; false when storage refuses it: it is then kept for this page only (onError said so),
   * and every later save tries to store it whole again. */
  add(entry, submission) {
    this.entries.push(entry);
    this.submissions.set(entry.id, submission);
    this.current = entry.id;
    return this.store(entry);
  }

  // The submission and the entry, both or neither; then the index.
  store(entry) {
    const stored = this.write(submissionKey(entry.id), this.submissions.get(entry.id)) && this.write(entryKey(entry.id), entry);
    if (!stored) {
      localArea.removeItem(submissionKey(entry.id));
      this.unstored.add(entry.id);
      return false;
    }
    this.unstored.delete(entry.id);
    return this.saveIndex();
  }

  remove(id) {
    this.unstored.delete(id);
    localArea.removeItem(entryKey(id));
    localArea.removeItem(submissionKey(id));
    this.entries = this.entries.filter((e) => e.id !== id);
    this.submissions.delete(id);
    if (this.current === id) this.current = this.entries[0]?.id ?? null;
    this.saveIndex();
  }

  select(id) {
    if (this.entries.some((e) => e.id === id)) this.current = id;
    this.saveIndex();
  }
}
