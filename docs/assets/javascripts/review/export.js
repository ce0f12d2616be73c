// What leaves the review page or comes back into it as a whole: the review file (with warnings
// before export), the backup of every review and its restoring. Each takes the page (review.js).

import { withConditions } from "./decisions.js";
import { FORMAT, FORMAT_VERSION, validateReview } from "./review-file.js";
import { exportWarnings } from "./checks.js";
import { backupText, readBackup } from "./backup.js";
import { today } from "./open.js";
import { isQuota } from "./store.js";
import { el, fill } from "./view.js";
import { logForFile } from "./prelaunch-view.js";
import { localAt } from "./prelaunch-log.js";
import { storageBlocked } from "../shared/storage-area.js";

export function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The review file: the format of assessment/review/review_file.py, with what is only in progress left out; the
 * submission's exact text when this browser has it (reviews opened before format 2 have none), and
 * the test log with its cut-off: now.
 */
export function reviewDoc(page, text = null, now = Date.now()) {
  const entry = page.entry;
  const r = entry.review;
  const log = logForFile(r.test_log, localAt(now, r.test_log?.time_zone ?? "Asia/Shanghai"));
  const clean = (entries) => Object.fromEntries(Object.entries(entries ?? {})
    .filter(([, e]) => e.decision || e.comment)
    .map(([id, e]) => [id, { ...(e.decision ? { decision: e.decision } : {}), ...(e.comment ? { comment: e.comment } : {}) }]));
  return {
    format: FORMAT, format_version: FORMAT_VERSION, criteria_version: page.criteria.version,
    submission_sha256: entry.sha256, submission: page.doc, ...(typeof text === "string" ? { submission_text: text } : {}),
    reviewer: { name: r.reviewer?.name ?? "", organisation: r.reviewer?.organisation ?? "", date: r.reviewer?.date ?? "" },
    items: clean(r.items), plan: clean(r.plan),
    ...(r.decision ? { decision: r.decision } : {}),
    ...(r.decision === withConditions(page.criteria) ? { conditions: (r.conditions ?? []).map(({ text, due }) => ({ text: text ?? "", due: due ?? "" })) } : {}),
    summary: r.summary ?? "",
    ...(log ? { test_log: log } : {}),
  };
}

// Refusals stop an export; warnings ask once, beside the review, with "Export anyway".
export async function exportFile(page, anyway = false) {
  if (page.inFlight) await page.pending; // every change typed so far is in the review first
  if (!page.entry) return undefined;
  const doc = reviewDoc(page);
  const problems = validateReview(page.criteria, doc);
  // The file's own words stay (reviewers compare them with the command line's), led by where on the page.
  const where = (p) => p.replace(/^conditions\[(\d+)\]\.(text|due):/, (all, n, key) =>
    `${page.t.condition} ${Number(n) + 1}, ${key === "due" ? page.t.due : page.t.condition} — ${all}`)
    .replace(/^test_log\.tests\[(\d+)\]\.(channel|contacted|replied|note):/, (all, n, key) =>
      `${page.t.tl_h}, ${page.t[`tl_${key}`]} ${Number(n) + 1} — ${all}`);
  if (problems.length) return page.alert(page.t.export_bad, problems.map(where));
  page.alert("");
  const warnings = exportWarnings(page.criteria, page.entry.review, page.result.verdict, today());
  if (warnings.length && !anyway) {
    const go = el("button", { type: "button", class: "md-button", id: "rv-export-anyway" }, page.t.export_anyway);
    go.addEventListener("click", () => exportFile(page, true));
    page.$("rv-warnings").replaceChildren(el("p", {}, page.t.warnings_h),
      el("ul", {}, warnings.map((w) => el("li", {}, fill(page.t[w.key], { ...w.values, verdict: page.t[w.values.verdict] ?? "" })))), go);
    return go.focus();
  }
  page.$("rv-warnings").replaceChildren();
  const meta = doc.submission.assessment ?? {};
  const stem = [meta.organisation, meta.service, doc.reviewer.date].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]+/gu, "_");
  // The submission's exact text is read from storage only now (it may be a megabyte); the rest was checked above.
  return page.store.text(page.entry.id).then((text) =>
    download(`sp-readiness-review-${stem || "submission"}.json`, JSON.stringify(reviewDoc(page, text), null, 2)));
}

/** Storage refused: say that the reviews now live in this page only, and offer to take them out of it. */
export function memoryNotice(page, error) {
  const { t } = page;
  const why = storageBlocked || !page.store.db || error?.name === "SecurityError" || error?.name === "InvalidStateError"
    ? t.memory_blocked : isQuota(error) ? t.memory_full : String(error?.message ?? error);
  const one = el("button", { type: "button", class: "md-button", "data-action": "memory-export" }, t.export_this);
  const all = el("button", { type: "button", class: "md-button", "data-action": "memory-backup" }, t.backup_all);
  one.hidden = !page.entry;
  one.addEventListener("click", () => exportFile(page));
  all.addEventListener("click", () => backupAll(page));
  page.$("rv-notices").append(el("div", { class: "admonition warning rv-notice rv-memory", role: "alert" },
    el("p", {}, fill(t.memory_notice, { why })), el("p", {}, one, " ", all)));
  page.saved(); // the indicator says where the review is kept now
}

export async function backupAll(page) {
  const all = await page.store.everything();
  if (!all.length) return page.notice(page.t.backup_none);
  download(`sp-readiness-reviews-backup-${today()}.json`, backupText(all));
}

export async function restoreBackup(page, file) {
  const { reviews, problems } = readBackup(page.criteria, await file.text());
  if (!reviews.length && problems.length) return page.alert(fill(page.t.restore_refused, { file: file.name }), problems);
  // What this browser holds stays as it is: only reviews of new submissions are added.
  const fresh = reviews.filter(({ entry }) => !page.store.get(entry.id) && !page.store.entries.some((e) => e.sha256 === entry.sha256));
  if (fresh.length && !await page.store.add(fresh)) {
    return page.alert(fill(page.t.restore_refused, { file: file.name }), [isQuota(page.lastError) ? page.t.storage_full : String(page.lastError?.message)]);
  }
  page.alert(problems.length ? fill(page.t.restore_bad, { file: file.name }) : "", problems);
  await page.show();
  page.notice(fill(page.t.restored, { file: file.name, added: fresh.length, skipped: reviews.length - fresh.length }));
  page.meter();
}

