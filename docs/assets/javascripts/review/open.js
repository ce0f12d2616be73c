// Opening files on the review page: an SP's answers file (a new review, a resubmission of an earlier
// one, or the same bytes as a review already kept), or an exported review file (a review to go on
// with, or, when its submission is already under review, only what fills empty fields here).
// Never a second entry for the same submission (same SHA-256 of its bytes).

import { FORMAT, decodeJson, fileBytes, readReview, readSubmission, refuseBySize, sameSubmission } from "./review-file.js";
import { carryOver, describe, fillEmpty } from "./checks.js";
import { isQuota, newId } from "./store.js";
import { fill } from "./view.js";
import { logFromFile } from "./prelaunch-view.js";
import { sha256 } from "../shared/sha256.js";

import { today } from "../shared/dom.js"; // the reader's own day, not UTC's

export { today };

// The latest earlier review of the same SP and service, told by both names (one may be empty, not both).
function earlierOf(store, meta, sha) {
  if (!meta.organisation && !meta.service) return null;
  const same = store.entries.filter((e) => e.sha256 !== sha && e.meta &&
    e.meta.organisation === meta.organisation && e.meta.service === meta.service);
  return same.sort((a, b) => ((a.edited ?? "") < (b.edited ?? "") ? 1 : -1))[0] ?? null;
}

/**
 * Open one file into the store. Returns {outcome: "refused", problems} | {outcome: "already", id,
 * message} | {outcome: "added", id, message} | {outcome: "unsaved"} (storage refused it; the store
 * has said why).
 */
export async function openOne(store, criteria, t, file) {
  // Refused by its size before a byte is read: a 3 GB file never reaches memory.
  const big = await refuseBySize(file);
  if (big) return { outcome: "refused", problems: [big] };
  const { bytes, problem } = await fileBytes(file);
  if (problem) return { outcome: "refused", problems: [problem] };
  const peek = decodeJson(bytes).doc;
  if (typeof peek === "object" && peek !== null && peek.format === FORMAT) {
    const { doc, problems } = readReview(criteria, bytes);
    if (problems.length) return { outcome: "refused", problems };
    const { reviewer, items = {}, plan = {}, decision, conditions = [], summary = "" } = doc;
    const imported = { reviewer, items, plan, decision, conditions, summary, test_log: logFromFile(doc.test_log) };
    if (!imported.test_log) delete imported.test_log;
    const present = store.entries.find((e) => e.sha256 === doc.submission_sha256);
    if (present) {
      let n = 0;
      const ok = await store.update(present.id, (entry) => { n = fillEmpty(entry.review, imported); });
      if (!ok) return { outcome: "unsaved" };
      await store.keepText(present.id, doc.submission_text); // a format 2 file proves the bytes
      return { outcome: "already", id: present.id, message: fill(t.merged, { file: file.name, n }) };
    }
    const entry = { id: newId(), file: file.name, sha256: doc.submission_sha256, opened: today(),
      meta: describe(criteria, doc.submission), review: imported };
    if (!await store.add([{ entry, submission: doc.submission, text: doc.submission_text }])) return { outcome: "unsaved" };
    return { outcome: "added", id: entry.id, message: fill(t.continued, { file: file.name }) };
  }
  const { doc, problems } = readSubmission(criteria, bytes);
  if (problems.length) return { outcome: "refused", problems };
  const sha = sha256(bytes);
  // The file's exact text, byte order mark kept, so the review file can prove the bytes reviewed.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const same = store.entries.find((e) => e.sha256 === sha);
  // A stored review that names these bytes but holds other answers is not a review of this file
  // (assessment/review/review_file.py binding_problem): this file gets a review of its own, and says why.
  const bound = same && sameSubmission(await store.submission(same.id), doc);
  if (bound) {
    await store.keepText(same.id, text); // a review opened before the text was kept gets it now
    return { outcome: "already", id: same.id, message: fill(t.already, { file: file.name }) };
  }
  const meta = describe(criteria, doc);
  const entry = { id: newId(), file: file.name, sha256: sha, opened: today(), meta,
    review: { reviewer: { name: "", organisation: "", date: today() }, items: {}, plan: {}, summary: "", conditions: [] } };
  let message = fill(t.opened, { file: file.name });
  const earlier = earlierOf(store, meta, sha);
  const earlierDoc = earlier && await store.submission(earlier.id);
  if (earlierDoc) {
    const carried = carryOver(criteria, earlier.review, earlierDoc, doc, t);
    const changed = Object.keys(carried.changes.items).length + Object.keys(carried.changes.plan).length;
    Object.assign(entry.review, { items: carried.items, plan: carried.plan });
    entry.review.reviewer = { ...entry.review.reviewer, name: earlier.review.reviewer?.name ?? "", organisation: earlier.review.reviewer?.organisation ?? "" };
    entry.previous = { id: earlier.id, file: earlier.file };
    entry.changes = carried.changes;
    const total = criteria.items.length + criteria.template.filter((p) => !p.group).length;
    message = fill(t.resubmitted, { file: file.name, previous: earlier.file, kept: total - changed, changed });
  }
  if (same) message = fill(t.not_bound, { file: file.name });
  if (!await store.add([{ entry, submission: doc, text }])) return { outcome: "unsaved" };
  return { outcome: "added", id: entry.id, message };
}

/** Open files chosen together or dropped together, one after another, with progress; then say what came of them. */
export async function openFiles(page, files) {
  page.alert("");
  const counts = { added: 0, already: 0, refused: 0 };
  const refusals = [];
  let last = null;
  for (const [n, file] of files.entries()) {
    if (files.length > 1) page.$("rv-busy").textContent = fill(page.t.opening, { n: n + 1, total: files.length });
    const opened = await openOne(page.store, page.criteria, page.t, file);
    if (opened.outcome === "unsaved") {
      refusals.push(`${file.name}: ${isQuota(page.lastError) ? page.t.storage_full : fill(page.t.save_failed, { error: page.lastError?.message })}`);
      counts.refused += files.length - n;
      break; // storage is full: the files after this one would not fit either
    }
    counts[opened.outcome] += 1;
    if (opened.outcome === "refused") refusals.push(...opened.problems.map((p) => (files.length > 1 ? `${file.name}: ${p}` : p)));
    else last = opened;
  }
  page.$("rv-busy").textContent = "";
  if (files.length === 1) {
    if (refusals.length) page.alert(fill(page.t.refused, { file: files[0].name }), refusals);
    if (last) {
      await page.select(last.id);
      page.notice(last.message);
    }
  } else {
    if (refusals.length) page.alert(fill(page.t.opened_many, counts), refusals);
    await page.select(null);
    page.notice(fill(page.t.opened_many, counts));
  }
  page.meter();
}
