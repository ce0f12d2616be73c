// Browser storage for the checklist: one key per assessment, dated backups, tabs kept in step.
//
// localStorage layout (every key starts with PREFIX; the keys themselves are the index of
// assessments, so no shared list exists for two tabs to overwrite):
//   a.<id>            one assessment: {id, label, created, doc, seen, invalid, review}; doc is an
//                     answers file as exported, seen the item signatures it was answered against,
//                     invalid the raw text of number fields that hold no valid number yet, review
//                     the operator's review file attached to it (checklist/reviewnotes.js; not exported)
//   backup.<iso>.<r>  {created, what, raw}: text set aside before anything replaced or dropped it;
//                     a new backup never takes an existing key
//   assessments       the old layout (all assessments in one key): read once and split up (checklist/legacy-layout.js)
// sessionStorage (per tab): current = the assessment this tab shows.
//
// Saving is cheap as work grows: a change marks one field of one assessment dirty, and only that
// assessment is written, once the typing pauses (or at once when the page is hidden). A write
// first looks at what is stored: if another tab wrote since, its version is taken and only this
// tab's dirty fields are laid over it, so edits to different fields in two tabs are both kept.

import { fieldPaths, getPath, same, setPath } from "../answers/fields.js";
import { localArea, sessionArea } from "../shared/storage-area.js";

export const PREFIX = "sp-readiness.";
export const ENTRY = `${PREFIX}a.`;
const BACKUP = `${PREFIX}backup.`;
export const CURRENT = `${PREFIX}current`;
const SAVE_DELAY_MS = 300;

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

// --- the store -----------------------------------------------------------------------------

export class Store {
  constructor({ onRemote = () => {}, onStatus = () => {} } = {}) {
    this.entries = new Map(); // id -> entry (parsed and accepted)
    this.written = new Map(); // id -> the exact text this tab last wrote or read
    this.dirty = new Map(); // id -> Map(pathKey -> path) not yet written
    this.touched = new Set(); // "id|pathKey" edited in this tab, to say when another tab overrides
    this.failed = new Map(); // id -> the error of its last write, until one succeeds: never "saved" meanwhile
    this.onRemote = onRemote;
    this.onStatus = onStatus;
    this.timer = null;
    this.listeners = [
      [window, "storage", (e) => this.remote(e)],
      [window, "pagehide", () => this.flush()],
      [document, "visibilitychange", () => document.visibilityState === "hidden" && this.flush()],
    ];
    for (const [target, type, fn] of this.listeners) target.addEventListener(type, fn);
  }

  close() {
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn);
  }

  /** Read every stored assessment; `accept(entry)` returns a problem text or null. */
  load(accept) {
    const broken = [];
    for (const key of this.keys(ENTRY)) {
      const raw = localArea.getItem(key);
      let entry = null;
      try {
        entry = JSON.parse(raw);
      } catch { /* judged below */ }
      const id = key.slice(ENTRY.length);
      const problem = !isObject(entry) || entry.id !== id ? "not an assessment" : accept(entry);
      if (problem) broken.push({ key, raw, problem });
      else {
        this.entries.set(id, entry);
        this.written.set(id, raw);
      }
    }
    return broken;
  }

  keys(prefix) {
    const out = [];
    for (let i = 0; i < localArea.length; i++) {
      const key = localArea.key(i);
      if (key?.startsWith(prefix)) out.push(key);
    }
    return out.sort();
  }

  list() {
    return [...this.entries.values()].sort((a, b) => (a.created ?? 0) - (b.created ?? 0) || (a.id < b.id ? -1 : 1));
  }

  get current() {
    try {
      return sessionArea.getItem(CURRENT) ?? localArea.getItem(CURRENT);
    } catch {
      return null;
    }
  }

  set current(id) {
    try {
      sessionArea.setItem(CURRENT, id);
      localArea.setItem(CURRENT, id); // where the next new tab starts
    } catch { /* only a convenience */ }
  }

  // --- changes ---------------------------------------------------------------------------

  /** Record a change to one field of one assessment; it is written once typing pauses. */
  change(id, path, value) {
    const entry = this.entries.get(id);
    setPath(entry, path, value);
    const key = path.join("\u0000");
    if (!this.dirty.has(id)) this.dirty.set(id, new Map());
    this.dirty.get(id).set(key, path);
    this.touched.add(`${id}|${key}`);
    this.schedule();
  }

  /** Write a whole new assessment (created or imported) at once; returns an error or null. */
  add(entry) {
    this.entries.set(entry.id, entry);
    return this.write(entry.id, JSON.stringify(entry));
  }

  /** Forget an assessment here and in storage. */
  remove(id) {
    this.entries.delete(id);
    this.dirty.delete(id);
    this.failed.delete(id);
    this.written.delete(id);
    localArea.removeItem(ENTRY + id);
  }

  schedule() {
    this.onStatus("saving");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Write every assessment with unsaved changes now. */
  flush() {
    clearTimeout(this.timer);
    let error = null;
    for (const id of [...this.dirty.keys()]) error = this.saveOne(id) ?? error;
    // An assessment whose whole first write failed (created or imported while storage refused it).
    for (const id of [...this.failed.keys()]) {
      if (!this.dirty.has(id) && this.entries.has(id)) error = this.write(id, JSON.stringify(this.entries.get(id))) ?? error;
    }
    error ??= this.failed.values().next().value ?? null;
    this.onStatus(error ? "failed" : "saved", error);
    return error;
  }

  saveOne(id) {
    const entry = this.entries.get(id);
    const paths = this.dirty.get(id);
    if (!entry || !paths) return null;
    const stored = localArea.getItem(ENTRY + id);
    if (stored !== null && stored !== this.written.get(id)) {
      // Another tab wrote since: take its version and lay this tab's dirty fields over it.
      const theirs = this.parse(stored, id);
      if (theirs) {
        for (const path of paths.values()) setPath(theirs, path, getPath(entry, path));
        this.adopt(id, theirs, paths);
      }
    }
    const error = this.write(id, JSON.stringify(this.entries.get(id)));
    if (!error) this.dirty.delete(id);
    return error;
  }

  write(id, text) {
    try {
      localArea.setItem(ENTRY + id, text);
      this.written.set(id, text);
      this.failed.delete(id);
      return null;
    } catch (error) {
      this.failed.set(id, error);
      return error;
    }
  }

  parse(text, id) {
    try {
      const entry = JSON.parse(text);
      return isObject(entry) && entry.id === id && isObject(entry.doc) ? entry : null;
    } catch {
      return null;
    }
  }

  /** Take another tab's version of an assessment; report which fields this tab lost. */
  adopt(id, theirs, keep = new Map()) {
    const mine = this.entries.get(id);
    const changed = [];
    const overridden = [];
    for (const path of fieldPaths(mine, theirs)) {
      const key = path.join("\u0000");
      if (keep.has(key)) continue;
      if (!same(getPath(mine, path), getPath(theirs, path))) {
        changed.push(path);
        if (this.touched.has(`${id}|${key}`)) overridden.push(path);
      }
    }
    this.entries.set(id, theirs);
    return { changed, overridden };
  }

  // Another tab wrote or removed a key.
  remote(event) {
    if (event.storageArea !== localArea || !event.key?.startsWith(ENTRY)) {
      if (event.key === null) this.onRemote({ type: "cleared" });
      return;
    }
    const id = event.key.slice(ENTRY.length);
    if (event.newValue === null) {
      if (!this.entries.has(id)) return;
      this.written.delete(id);
      this.onRemote({ type: "removed", id });
      return;
    }
    const theirs = this.parse(event.newValue, id);
    if (!theirs) return; // a broken write elsewhere is not taken over work here
    this.written.set(id, event.newValue);
    if (!this.entries.has(id)) {
      this.entries.set(id, theirs);
      this.onRemote({ type: "added", id });
      return;
    }
    const pending = this.dirty.get(id) ?? new Map();
    for (const path of pending.values()) setPath(theirs, path, getPath(this.entries.get(id), path));
    const { changed, overridden } = this.adopt(id, theirs, pending);
    if (changed.length) this.onRemote({ type: "changed", id, changed, overridden });
  }

  // --- backups -----------------------------------------------------------------------------

  /** Keep raw text under a new dated key; returns the key, or throws when storage is full. */
  backup(raw, what) {
    const created = new Date().toISOString();
    let key;
    do key = `${BACKUP}${created}.${Math.random().toString(36).slice(2, 8)}`;
    while (localArea.getItem(key) !== null);
    localArea.setItem(key, JSON.stringify({ created, what, raw }));
    return key;
  }

  backups() {
    return this.keys(BACKUP).map((key) => {
      let value = null;
      try {
        value = JSON.parse(localArea.getItem(key));
      } catch { /* shown with its key */ }
      return { key, created: value?.created ?? key.slice(BACKUP.length, BACKUP.length + 24), what: value?.what ?? "", raw: value?.raw ?? localArea.getItem(key) };
    });
  }

  removeKey(key) {
    localArea.removeItem(key);
  }
}
