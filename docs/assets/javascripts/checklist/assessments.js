// The assessments an SP keeps: new, rename, delete, export, import, backups, and what another tab
// changed. Wired onto the App of checklist.js.

import { download, el, fill, localTime } from "../shared/dom.js";
import { isBlank, trim } from "../shared/blank.js";
import { DATE_YEARS, plausibleDate, readAnswers } from "../answers/answers-file.js";
import { fileBytes, isReviewFile, refuseBySize } from "../review/review-file.js";

export const EXPORT_VERSION = 2; // 2 adds the plan; version 1 files still import
export const newId = () => `a${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Flag the date field when it holds no plausible date; true when it may be saved. */
export function checkDate(app, input) {
  const bad = input.validity.badInput || (input.value !== "" && !plausibleDate(input.value));
  input.setAttribute("aria-invalid", String(bad));
  app.$("cl-date-msg").textContent = bad ? fill(app.t.date_implausible, { from: `${DATE_YEARS[0]}-01-01`, to: `${DATE_YEARS[1]}-12-31` }) : "";
  return !bad;
}

export function wireAssessments(app) {
  const { t } = app;
  const $ = app.$;

  $("cl-current").addEventListener("change", (e) => app.open(e.target.value));
  $("cl-new").addEventListener("click", () => {
    const entry = app.blank();
    const error = app.store.add(entry);
    app.open(entry.id);
    if (error) app.summary.saved("failed", error);
  });
  $("cl-rename").addEventListener("click", () => {
    const label = window.prompt(t.rename_prompt, app.entry.label);
    if (label === null || isBlank(label)) return;
    app.store.change(app.entry.id, ["label"], trim(label).slice(0, 200));
    app.renderPicker();
  });
  $("cl-delete").addEventListener("click", () => {
    const entry = app.entry;
    if (!window.confirm(fill(t.delete_confirm, { name: app.name(entry) }))) return;
    app.store.remove(entry.id);
    if (!app.store.list().length) app.store.add(app.blank());
    app.open(app.store.list()[0].id);
  });
  $("cl-meta").addEventListener("input", (e) => {
    // A date outside the plausible years (a year 50315) is flagged where it is typed and not saved:
    // both scorers would refuse the exported file.
    if (e.target.name === "date" && !checkDate(app, e.target)) return;
    app.store.change(app.entry.id, ["doc", "assessment", e.target.name], e.target.value);
    app.renderPicker();
  });

  $("cl-export").addEventListener("click", () => {
    app.store.flush();
    const doc = { ...app.entry.doc, format_version: EXPORT_VERSION, plan: app.entry.doc.plan ?? {}, result: app.result };
    download(`sp-readiness-${app.fileStem()}.json`, JSON.stringify(doc, null, 2));
  });
  $("cl-import-button").addEventListener("click", () => $("cl-import").click());
  $("cl-import").addEventListener("change", async (e) => {
    const [file] = e.target.files;
    e.target.value = "";
    if (file) await importFile(app, file);
  });

  $("cl-backups-button").addEventListener("click", (e) => {
    const open = e.currentTarget.getAttribute("aria-expanded") !== "true";
    e.currentTarget.setAttribute("aria-expanded", String(open));
    $("cl-backups").hidden = !open;
    if (open) renderBackups(app);
  });
  $("cl-report-close").addEventListener("click", () => app.views.back());
  $("cl-print").addEventListener("click", () => window.print());
  app.root.querySelector("[data-action=skip]").addEventListener("click", (e) => {
    e.preventDefault();
    e.stopPropagation();
    const row = app.answers.firstUnanswered();
    app.views.go(row ? `item-${row.item.id}` : "cl-form");
    (row ? row.status[0] ?? row.value : app.form).focus({ preventScroll: true });
  }, true);
}

/** An assessment nobody has written in: no name, details, answers, plan or attached review. */
function untouched(entry) {
  const { organisation, service, contact } = entry.doc.assessment ?? {};
  const written = (o) => Object.values(o ?? {}).some((v) => (typeof v === "string" ? v.trim() : v !== undefined));
  return !entry.label && !organisation && !service && !contact && !written(entry.doc.answers) && !written(entry.doc.plan) &&
    !written(entry.invalid) && !entry.review;
}

async function importFile(app, file) {
  const { t } = app;
  const refuse = (details) => app.alert(fill(t.import_bad, { file: file.name }), details);
  // The size first: a file over every limit is refused without being read (a 3 GB file cannot be).
  const big = await refuseBySize(file);
  if (big) return refuse([big]);
  const { bytes, problem } = await fileBytes(file);
  if (problem) return refuse([problem]);
  // A review file (larger: it holds the answers file) is the operator's review of an assessment.
  if (isReviewFile(bytes)) return app.notes.import(file.name, bytes);
  const { doc, problems } = readAnswers(app.criteria, bytes);
  if (problems.length) return refuse(problems);
  const { result, ...answers } = doc; // the recomputed result is what counts
  const names = new Set(app.store.list().map((e) => e.label));
  let label = answers.assessment?.service || file.name.replace(/\.json$/i, "") || t.untitled;
  for (let n = 2; names.has(label); n++) label = `${label.replace(/ \(\d+\)$/, "")} (${n})`;
  app.$("cl-alert").replaceChildren();
  const entry = { id: newId(), label, created: Date.now(), doc: answers, seen: null };
  // Into a browser holding only the empty assessment made on the first visit: the import takes its place.
  const [only, ...others] = app.store.list();
  const replace = !others.length && untouched(only) ? only : null;
  const error = app.store.add(entry);
  if (!error && replace) app.store.remove(replace.id);
  app.open(entry.id);
  if (error) app.notice(fill(t.import_unsaved, { file: file.name, error: error.message }), "danger");
  else app.notice(fill(t.import_ok, { file: file.name, name: label }), "success");
}

// A backup's time (stored as UTC, ISO 8601) in the reader's own time zone.
const shownTime = (iso) => (Number.isNaN(Date.parse(iso)) ? iso.slice(0, 19).replace("T", " ") : localTime(new Date(iso)));

function renderBackups(app) {
  const { t } = app;
  const body = app.$("cl-backups");
  const list = app.store.backups();
  body.replaceChildren(list.length ? el("ul", {}, list.map((b) => {
    const get = el("button", { type: "button", class: "md-button" }, t.download);
    const drop = el("button", { type: "button", class: "md-button" }, t.remove);
    get.addEventListener("click", () => download(`sp-readiness-backup-${b.created.replace(/[:.]/g, "-")}.txt`, b.raw, "text/plain"));
    drop.addEventListener("click", () => {
      if (!window.confirm(t.remove_backup_confirm)) return;
      app.store.removeKey(b.key);
      renderBackups(app);
    });
    return el("li", {}, `${fill(t.backup_of, { date: shownTime(b.created) })} ${b.what ? `(${b.what})` : ""} `, get, " ", drop);
  })) : el("p", {}, t.no_backups));
}

/** What another tab saved: show it here, and say so where it replaced this tab's own edit. */
export function remoteChange(app, change) {
  if (change.type === "added") return app.renderPicker();
  if (change.type === "removed") {
    if (change.id === app.currentId) {
      app.notice(app.t.other_tab_deleted, "warning");
      app.store.add(app.entry); // keep the work of this tab: it was open here
    } else app.store.entries.delete(change.id);
    return app.renderPicker();
  }
  if (change.type !== "changed" || change.id !== app.currentId) return app.renderPicker();
  const entry = app.entry;
  for (const path of change.changed) {
    if (path[1] === "answers") app.answers.refresh(path[2]);
    else if (path[1] === "assessment") {
      const input = app.$("cl-meta").querySelector(`[name="${path[2]}"]`);
      if (input) input.value = entry.doc.assessment?.[path[2]] ?? "";
    } else if (path[0] === "invalid") app.answers.refresh(path[1]);
  }
  app.plan.show(entry);
  app.renderPicker();
  app.rescore();
  const names = [...new Set(change.overridden.map((p) => (p[1] === "answers" ? app.question(p[2]) : p[1] === "plan" ? p[2] : p[p.length - 1])))];
  if (names.length) app.notice(fill(app.t.other_tab, { field: names.join("、") }), "warning");
}
