// The reviews kept in this browser: several side by side, each under its own localStorage key, so one
// damaged or large review cannot block the others, and typing a comment re-saves only that review's
// small part (the submission, up to 1 MB, is written once when the file is opened).
//
//   sp-readiness.reviews               {version: 1, current: id, ids: [id, …]}
//   sp-readiness.review.<id>           {id, file, sha256, opened, review: {reviewer, items, plan,
//                                        decision, conditions, summary}}
//   sp-readiness.review.<id>.submission  the answers document as opened (JSON)

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
  }

  load() {
    let index = null;
    try {
      index = JSON.parse(localStorage.getItem(INDEX) ?? "null");
    } catch { /* an unreadable index: the entries are found again below */ }
    const ids = isObject(index) && Array.isArray(index.ids) ? index.ids.filter((id) => typeof id === "string") : this.scan();
    for (const id of ids) {
      const raw = localStorage.getItem(entryKey(id));
      const rawSubmission = localStorage.getItem(submissionKey(id));
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
    for (let n = 0; n < localStorage.length; n++) {
      const m = /^sp-readiness\.review\.([^.]+)$/.exec(localStorage.key(n) ?? "");
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
      localStorage.setItem(key, JSON.stringify(value));
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
    return entry ? this.write(entryKey(entry.id), entry) : true;
  }

  /** Add a review; false (and nothing kept) when storage refuses it. */
  add(entry, submission) {
    if (!this.write(submissionKey(entry.id), submission)) return false;
    if (!this.write(entryKey(entry.id), entry)) {
      localStorage.removeItem(submissionKey(entry.id));
      return false;
    }
    this.entries.push(entry);
    this.submissions.set(entry.id, submission);
    this.current = entry.id;
    this.saveIndex();
    return true;
  }

  remove(id) {
    localStorage.removeItem(entryKey(id));
    localStorage.removeItem(submissionKey(id));
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
