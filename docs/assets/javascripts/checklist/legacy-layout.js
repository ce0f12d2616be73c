// The checklist's old storage layout: every assessment under one key, sp-readiness.assessments.
// It is read once and split into one key per assessment (checklist/storage.js); nothing in it is dropped
// that was not first copied or backed up.

import { same } from "../answers/fields.js";
import { localArea, sessionArea } from "../shared/storage-area.js";
import { CURRENT, ENTRY, PREFIX } from "./storage.js";

export const LEGACY = `${PREFIX}assessments`;

// Whether a stored assessment's text holds the same work as an old-layout entry (its order aside).
function sameContent(storedText, entry) {
  try {
    const { created: _a, ...stored } = JSON.parse(storedText);
    const { created: _b, ...old } = entry;
    return same(Object.keys(stored).sort().map((k) => [k, stored[k]]), Object.keys(old).sort().map((k) => [k, old[k]]));
  } catch {
    return false;
  }
}

/**
 * Split the old one-key layout into one key per assessment. Nothing is dropped that was not first
 * copied: an unreadable old state is backed up before its key goes, or left where it is; an old
 * copy of an assessment that differs from the one under its own key (an old tab still saving) is
 * backed up and named, never silently deleted.
 * Returns what to tell the user, or null.
 */
export function splitLegacy(store, isLegacyState) {
  const raw = localArea.getItem(LEGACY);
  if (raw === null) return null;
  let state = null;
  try {
    state = JSON.parse(raw);
  } catch { /* judged below */ }
  if (isLegacyState(state)) {
    let error = null;
    const differing = []; // an old tab kept saving here after the split: its copy may be the newer one
    state.list.forEach((entry, n) => {
      const stored = localArea.getItem(ENTRY + entry.id);
      if (stored === null) error ??= store.write(entry.id, JSON.stringify({ ...entry, created: n }));
      else if (!sameContent(stored, entry)) differing.push(entry);
    });
    if (error) return { type: "save_failed", error };
    try {
      for (const entry of differing) store.backup(JSON.stringify(entry), `old layout: ${entry.label || entry.id}`);
    } catch {
      return { type: "legacy_kept", raw }; // storage full: the old key stays until it can be backed up
    }
    if (state.current && !sessionArea.getItem(CURRENT)) store.current = state.current;
    localArea.removeItem(LEGACY);
    return differing.length ? { type: "legacy_differs", entries: differing } : null;
  }
  try {
    const key = store.backup(raw, "old layout");
    localArea.removeItem(LEGACY);
    return { type: "legacy_broken", raw, key };
  } catch {
    return { type: "legacy_kept", raw };
  }
}
