// Moving the reviews earlier versions kept in localStorage (review/legacy.js reads them) into the
// IndexedDB store (review/store.js), on the first start after an upgrade.

import { LEGACY_INDEX } from "./legacy.js";
import { localArea } from "../shared/storage-area.js";

// One transaction for all: either every old review is in the database, or none is and localStorage
// keeps them all. Reviews already moved (an earlier, interrupted start) are not written again.
export async function migrate(store, legacy, describe) {
  const ok = await store.transaction(["reviews", "submissions"], (stores, guard) => {
    for (const { entry, submission } of legacy.reviews) {
      const request = stores.reviews.get(entry.id);
      request.onsuccess = guard(() => {
        if (request.result) return;
        let meta = {};
        try {
          meta = describe(submission);
        } catch { /* what the inbox shows is worked out again when the review is opened */ }
        stores.reviews.put({ edited: new Date().toISOString(), ...entry, meta });
        stores.submissions.put(submission, entry.id);
      });
    }
  });
  if (!ok) return;
  for (const { keys } of legacy.reviews) for (const key of keys) localArea.removeItem(key);
  if (!legacy.broken.length) localArea.removeItem(LEGACY_INDEX);
}
