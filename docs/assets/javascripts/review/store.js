// The reviews kept in this browser, in IndexedDB (localStorage holds about twenty 680 KB
// submissions; a year of reviews needs more). Two object stores, so the inbox reads every review
// without reading a single submission:
//
//   reviews      {id, file, sha256, opened, edited, meta: {organisation, service, verdict, …},
//                 review: {reviewer, items, plan, decision, conditions, summary}, previous?, changes?}
//   submissions  id -> the answers document as opened; `${id}#text` -> the file's exact text (format 2
//                review files embed it, so a review proves the bytes it reviewed)
//
// Every edit is one readwrite transaction that reads the stored review, changes one field and
// writes it back; IndexedDB runs such transactions one after another, so two tabs editing the same
// review never undo each other's fields. Other tabs are told over a BroadcastChannel.
//
// When the browser refuses the database (site data blocked, a private window) or a write (storage
// full), the reviews live on in this page's memory for the session: `memory` says why, nothing is
// written to the database from then on (a later write that succeeded would bring back a stale copy),
// and the page says that nothing will be kept once it is closed and offers the export.

import { isEntry, readLegacy } from "./legacy.js";
import { migrate } from "./migrate.js";
import { sessionArea } from "../shared/storage-area.js";

const DB_NAME = "sp-readiness-reviews";
const CURRENT = "sp-readiness.review-current"; // per tab (sessionStorage): which review is on screen
const CHANNEL = "sp-readiness.reviews";

/** Whether a failed write failed for want of room. */
export const isQuota = (error) => error?.name === "QuotaExceededError" || /quota/i.test(String(error?.message ?? ""));

const textKey = (id) => `${id}#text`;

export const newId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

function openDb() {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore("reviews", { keyPath: "id" });
    request.result.createObjectStore("submissions");
  };
  return done(request);
}

export class ReviewStore {
  /** onError(error) hears of every failed write; onRemote(id) of every change another tab made. */
  constructor(onError, onRemote = () => {}) {
    this.onError = onError;
    this.onRemote = onRemote;
    this.db = null;
    this.entries = [];
    this.submissions = new Map(); // id -> answers document, read on demand
    this.broken = []; // [{id, raw}] old localStorage entries that cannot be read, left where they are
    this.current = null;
    this.texts = new Map(); // id -> the submission's exact text, read on demand
    this.memory = null; // the error that moved the reviews into this page's memory, once one did
    this.onMemory = () => {};
  }

  /** From now on keep everything in this page's memory (the database refused `error`). */
  toMemory(error) {
    if (this.memory) return;
    this.memory = error ?? new DOMException("refused", "UnknownError");
    this.onMemory(this.memory);
  }

  /** Open the database, move over what localStorage holds, read every review (not the submissions). */
  async open(describe) {
    try {
      this.db = await openDb();
    } catch (error) {
      // Site data blocked or IndexedDB unavailable: a working page whose reviews last for the session.
      this.db = null;
      const legacy = readLegacy();
      this.broken = legacy.broken;
      this.toMemory(error);
      return;
    }
    const legacy = readLegacy();
    this.broken = legacy.broken;
    if (legacy.reviews.length) await migrate(this, legacy, describe);
    this.entries = await done(this.db.transaction("reviews").objectStore("reviews").getAll());
    this.entries.sort((a, b) => (a.opened + a.id < b.opened + b.id ? -1 : 1));
    const wanted = sessionArea.getItem(CURRENT) ?? legacy.current;
    this.current = this.get(wanted) ? wanted : null;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = (event) => !this.memory && this.remote(event.data?.id);
  }

  /**
   * Run `work(stores, guard)` in one readwrite transaction; true once committed, false (and onError,
   * with the first error thrown, such as QuotaExceededError) if not. Request handlers are wrapped in
   * guard(fn), so an error thrown inside one aborts the transaction and is the one reported.
   */
  transaction(names, work) {
    return new Promise((resolve) => {
      let tx;
      let failure = null;
      const fail = (error) => {
        failure ??= error;
        try { tx?.abort(); } catch { /* already finished */ }
      };
      const guard = (fn) => (...args) => {
        try {
          fn(...args);
        } catch (error) {
          fail(error);
        }
      };
      try {
        tx = this.db.transaction(names, "readwrite");
        work(Object.fromEntries(names.map((n) => [n, tx.objectStore(n)])), guard);
      } catch (error) {
        fail(error);
        this.failure = failure;
        this.onError(failure);
        return resolve(false);
      }
      tx.oncomplete = () => resolve(true);
      tx.onabort = () => {
        this.failure = failure ?? tx.error ?? new DOMException("aborted", "AbortError");
        this.onError(this.failure);
        resolve(false);
      };
    });
  }

  get(id) {
    return this.entries.find((e) => e.id === id) ?? null;
  }

  get entry() {
    return this.get(this.current);
  }

  select(id) {
    this.current = this.get(id) ? id : null;
    try {
      if (this.current) sessionArea.setItem(CURRENT, this.current);
      else sessionArea.removeItem(CURRENT);
    } catch { /* a tab that cannot remember its review opens the inbox after a reload */ }
  }

  // A value of the submissions store, or null (also when the database is gone).
  async read(key) {
    if (!this.db) return null;
    try {
      return (await done(this.db.transaction("submissions").objectStore("submissions").get(key))) ?? null;
    } catch {
      return null;
    }
  }

  async submission(id = this.current) {
    if (!this.submissions.has(id)) {
      const doc = await this.read(id);
      if (!doc) return null;
      this.submissions.set(id, doc);
    }
    return this.submissions.get(id);
  }

  /** The submission's exact text as opened, or null when not known (reviews opened before format 2). */
  async text(id = this.current) {
    if (!this.texts.has(id)) {
      const text = await this.read(textKey(id));
      if (typeof text !== "string") return null;
      this.texts.set(id, text);
    }
    return this.texts.get(id);
  }

  /** Keep the submission's exact text for a review that has none yet. */
  async keepText(id, text) {
    if (typeof text !== "string" || this.texts.has(id)) return;
    if (!this.memory) {
      const ok = await this.transaction(["submissions"], (stores) => stores.submissions.put(text, textKey(id)));
      if (!ok) this.toMemory(this.failure);
    }
    this.texts.set(id, text);
  }

  /**
   * Add reviews with their submissions ([{entry, submission, text?}]). True once kept: in the
   * database, or, when it refuses, in this page's memory for the session (`memory` says so).
   */
  async add(list) {
    const stamped = list.map(({ entry, submission, text }) => ({ entry: { edited: new Date().toISOString(), ...entry }, submission, text }));
    const ok = !this.memory && await this.transaction(["reviews", "submissions"], (stores) => {
      for (const { entry, submission, text } of stamped) {
        stores.reviews.put(entry);
        stores.submissions.put(submission, entry.id);
        if (typeof text === "string") stores.submissions.put(text, textKey(entry.id));
      }
    });
    if (!ok) this.toMemory(this.failure);
    for (const { entry, submission, text } of stamped) {
      this.entries.push(entry);
      this.submissions.set(entry.id, submission);
      if (typeof text === "string") this.texts.set(entry.id, text);
    }
    if (ok) this.tell(stamped.length === 1 ? stamped[0].entry.id : "*");
    return true;
  }

  /**
   * Change one review by `mutate(entry)`, applied to the stored copy inside the transaction (ours is
   * then replaced by it), so what another tab saved meanwhile in other fields stays. True once saved.
   */
  async update(id, mutate) {
    const ours = this.get(id);
    if (!ours) return false;
    const edited = new Date().toISOString();
    if (this.memory) {
      mutate(ours);
      ours.edited = edited;
      return true;
    }
    let stored = null;
    const ok = await this.transaction(["reviews"], (stores, guard) => {
      const request = stores.reviews.get(id);
      request.onsuccess = guard(() => {
        stored = request.result;
        if (!stored) return;
        mutate(stored);
        stored.edited = edited;
        stores.reviews.put(stored);
      });
    });
    if (!ok) {
      this.toMemory(this.failure);
      return this.update(id, mutate);
    }
    if (!stored) return false;
    for (const k of Object.keys(ours)) if (!(k in stored)) delete ours[k];
    Object.assign(ours, stored);
    this.tell(id);
    return true;
  }

  async remove(id) {
    const ok = !this.memory && await this.transaction(["reviews", "submissions"], (stores) => {
      stores.reviews.delete(id);
      stores.submissions.delete(id);
      stores.submissions.delete(textKey(id));
    });
    if (!ok) this.toMemory(this.failure);
    this.entries = this.entries.filter((e) => e.id !== id);
    this.submissions.delete(id);
    this.texts.delete(id);
    if (this.current === id) this.select(null);
    if (ok) this.tell(id);
    return true;
  }

  /** Every review with its submission (and text, when known), for a backup. */
  async everything() {
    if (this.memory) {
      const out = [];
      for (const entry of this.entries) {
        const text = await this.text(entry.id);
        out.push({ entry, submission: await this.submission(entry.id), ...(text === null ? {} : { text }) });
      }
      return out;
    }
    const tx = this.db.transaction(["reviews", "submissions"]);
    const [entries, keys, docs] = await Promise.all([done(tx.objectStore("reviews").getAll()),
      done(tx.objectStore("submissions").getAllKeys()), done(tx.objectStore("submissions").getAll())]);
    const submissions = new Map(keys.map((k, n) => [k, docs[n]]));
    return entries.map((entry) => {
      const text = submissions.get(textKey(entry.id));
      return { entry, submission: submissions.get(entry.id), ...(typeof text === "string" ? { text } : {}) };
    });
  }

  tell(id) {
    if (!this.memory) this.channel?.postMessage({ id });
  }

  // Another tab changed a review ("*": several): read it again.
  async remote(id) {
    if (typeof id !== "string") return;
    if (id === "*") {
      this.entries = await done(this.db.transaction("reviews").objectStore("reviews").getAll());
    } else {
      const fresh = await done(this.db.transaction("reviews").objectStore("reviews").get(id));
      const at = this.entries.findIndex((e) => e.id === id);
      if (!fresh) this.entries = this.entries.filter((e) => e.id !== id);
      else if (at >= 0) this.entries[at] = fresh;
      else this.entries.push(fresh);
    }
    if (!this.get(this.current)) this.select(null);
    this.onRemote(id);
  }

  /** How much this site keeps and may keep, in bytes; null where the browser does not say. */
  static async estimate() {
    try {
      if (!navigator.storage?.estimate) return null;
      const { usage, quota } = await navigator.storage.estimate();
      return Number.isFinite(usage) && Number.isFinite(quota) ? { usage, quota } : null;
    } catch {
      return null;
    }
  }
}

export { isEntry };
