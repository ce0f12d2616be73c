// The readiness checklist page: entry point and the assessments an SP keeps in this browser.
// The form is rendered at build time (macros/checklist.py states the contract); the modules
// beside this one each do one job: checklist/storage.js (saving, tabs, backups), checklist/form.js (answers),
// checklist/summary-view.js (status bar and result), checklist/planwriter.js, checklist/report-view.js, checklist/reviewnotes.js (the operator's
// review beside the work), checklist/views.js (URL fragments).
// Every user or imported text goes into the page as text, never as HTML.

import { download, el, fill, today } from "./shared/dom.js";
import { AnswersForm } from "./checklist/form.js";
import { splitLegacy } from "./checklist/legacy-layout.js";
import { migrate, stale } from "./answers/migrate.js";
import { PlanWriter } from "./checklist/planwriter.js";
import { ReviewNotes } from "./checklist/reviewnotes.js";
import { renderReport } from "./checklist/report-view.js";
import { quantityText } from "./criteria/quantity.js";
import { FORMAT, validate } from "./answers/answers-file.js";
import { score, termsChanged } from "./answers/scoring.js";
import { Store } from "./checklist/storage.js";
import { storageBlocked } from "./shared/storage-area.js";
import { Summary } from "./checklist/summary-view.js";
import { Views } from "./checklist/views.js";
import { EXPORT_VERSION, checkDate, newId, remoteChange, wireAssessments } from "./checklist/assessments.js";
import { loadCriteria } from "./criteria/criteria-source.js";
import { showMeasured } from "./checklist/evidence-items.js";

const CRITERIA_URL = new URL("../criteria.json", import.meta.url);
const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);
const texts = (o) => o === undefined || (isObject(o) && Object.values(o).every((v) => typeof v === "string"));

class App {
  constructor(root, criteria) {
    this.root = root;
    this.criteria = criteria;
    this.t = JSON.parse(root.dataset.strings); // assessment.plan.LABELS + the app's messages
    this.lang = root.dataset.lang;
    this.$ = (id) => document.getElementById(id);
    this.form = this.$("cl-form");
    this.byId = new Map(criteria.items.map((i) => [i.id, i]));
    this.result = null;
  }

  start() {
    this.summary = new Summary(this);
    this.store = new Store({ onRemote: (c) => remoteChange(this, c), onStatus: (s, e) => this.summary.saved(s, e) });
    const legacy = splitLegacy(this.store, (s) => isObject(s) && s.version === 1 && Array.isArray(s.list) &&
      s.list.every((e) => isObject(e) && typeof e.id === "string" && /^[\w-]{1,64}$/.test(e.id)));
    if (legacy?.type === "legacy_broken") this.notice(fill(this.t.legacy_broken, { date: today() }), "danger", this.rawButton(legacy.raw));
    if (legacy?.type === "legacy_kept") this.notice(this.t.legacy_kept, "danger", this.rawButton(legacy.raw));
    if (legacy?.type === "save_failed") this.summary.saved("failed", legacy.error);
    if (legacy?.type === "legacy_differs") {
      const names = legacy.entries.map((e) => e.label || e.doc?.assessment?.service || e.id).join(this.lang === "zh" ? "、" : ", ");
      this.notice(fill(this.t.legacy_differs, { count: legacy.entries.length, names }), "warning");
    }
    for (const broken of this.store.load((entry) => this.problem(entry))) this.showBroken(broken);
    if (!this.store.list().length) this.store.add(this.blank());
    this.answers = new AnswersForm(this);
    this.plan = new PlanWriter(this);
    this.notes = new ReviewNotes(this);
    this.views = new Views(this.root, (view) => this.shown(view));
    wireAssessments(this);
    this.open(this.store.current);
    this.views.route({ restore: false });
    const failure = this.store.failed.values().next().value;
    this.summary.saved(failure ? "failed" : this.store.dirty.size ? "saving" : "saved", failure);
    if (storageBlocked) this.notice(this.t.storage_blocked_notice, "danger");
  }

  close() {
    // Called once Material has shown another page: the status bar is gone, so the last save
    // reports to nobody (it used to throw on the missing #cl-saved).
    this.store.onStatus = () => {};
    this.store.onRemote = () => {};
    this.store.flush();
    this.store.close();
    this.views.close();
  }

  blank() {
    return {
      id: newId(), label: "", created: Date.now(), doc: {
        format: FORMAT, format_version: EXPORT_VERSION, criteria_version: this.criteria.version,
        assessment: { organisation: "", service: "", contact: "", date: today() }, answers: {}, plan: {},
      },
    };
  }

  /** Why a stored entry cannot be opened, or null. Answers an older version allowed are migrated. */
  problem(entry) {
    const { doc } = entry;
    if (typeof entry.label !== "string" || !isObject(doc) || !isObject(doc.answers)) return "not an assessment";
    if (!texts(doc.assessment) || !texts(doc.plan) || !texts(entry.invalid)) return "text fields are not texts";
    if (entry.seen !== undefined && entry.seen !== null && !texts(entry.seen)) return "seen: not item signatures";
    // Answers of known items that no longer fit are cleared by migrate(), but only for an entry made
    // under other criteria; under these, such an answer (a check item holding a number) is damage.
    // An implausible date saved before dates were checked opens, flagged in its field.
    const migrates = stale(this.criteria, entry);
    const bad = validate(this.criteria, { ...doc, format: FORMAT, format_version: EXPORT_VERSION })
      .filter((p) => (!migrates || !this.byId.has(p.match(/^answers\.([^:]+):/)?.[1])) && !p.startsWith("assessment.date:"));
    return bad.length ? bad.join("; ") : null;
  }

  get entry() {
    return this.store.entries.get(this.currentId) ?? this.store.list()[0];
  }

  /** Show one assessment: details, answers, plan and result; one that cannot be shown is set aside. */
  open(id) {
    try {
      this.show(id);
    } catch (error) {
      // Whatever this entry holds, it must not take the other assessments down with it: set it
      // aside (its stored text untouched) with the notice of a damaged entry, and open another.
      const broken = this.currentId;
      this.store.entries.delete(broken);
      this.store.dirty.delete(broken);
      this.showBroken({ key: `sp-readiness.a.${broken}`, raw: this.store.written.get(broken) ?? "", problem: String(error) });
      if (!this.store.list().length) this.store.add(this.blank());
      this.show(this.store.list()[0].id);
    }
  }

  show(id) {
    this.store.flush();
    this.currentId = this.store.entries.has(id) ? id : this.store.list()[0].id;
    this.store.current = this.currentId;
    const entry = this.entry;
    this.$("cl-notices").querySelectorAll("[data-entry]").forEach((n) => {
      if (n.dataset.entry !== entry.id) n.remove();
    });
    if (stale(this.criteria, entry)) this.upgrade(entry);
    for (const input of this.$("cl-meta").querySelectorAll("input")) input.value = entry.doc.assessment?.[input.name] ?? "";
    checkDate(this, this.$("cl-meta").querySelector("[name=date]")); // one saved before dates were checked
    this.answers.show(entry);
    this.plan.show(entry);
    this.renderPicker();
    this.rescore();
  }

  // A newer criteria version: answers that no longer fit are cleared, after a backup.
  upgrade(entry) {
    const trial = JSON.parse(JSON.stringify(entry));
    const changes = migrate(this.criteria, trial);
    if (changes.cleared.length) {
      try {
        this.store.backup(this.store.written.get(entry.id) ?? JSON.stringify(entry), `before migration: ${this.name(entry)}`);
      } catch { /* storage full: the migration is kept in memory only, and saving says so */ }
    }
    this.store.entries.set(entry.id, trial);
    const error = this.store.add(trial);
    if (error) this.summary.saved("failed", error);
    const line = (k, c) => (k === "converted" ? this.converted(c) : this.question(c));
    const lists = ["added", "removed", "changed", "converted", "cleared"].filter((k) => changes[k].length)
      .map((k) => el("div", {}, el("p", {}, this.t[k]), el("ul", {}, changes[k].map((c) => el("li", {}, line(k, c))))));
    if (changes.old === this.criteria.version && !lists.length) return;
    const link = el("p", {}, el("a", { href: this.root.dataset.changelog }, this.t.changelog));
    const notice = this.notice(fill(this.t.version_changed, { old: changes.old, new: this.criteria.version }), "warning", [...lists, link]);
    notice.classList.add("cl-notice--version");
    notice.dataset.entry = entry.id;
  }

  rescore() {
    this.result = score(this.criteria, this.entry.doc);
    const checks = this.plan.checks(this.result);
    // Declared "met" answers put in doubt: by the plan (5.1, 5.2) or by the measured evidence (4.1, 4.2).
    this.drawnEvidence = this.entry.doc.evidence;
    this.measuredContradictions = showMeasured(this);
    const doubted = new Set([...this.measuredContradictions, ...Object.keys(checks.contradictions).filter((id) => checks.contradictions[id])]);
    const contradictions = this.criteria.items.filter((i) => doubted.has(i.id)).map((i) => i.id);
    for (const id of Object.keys(checks.contradictions)) {
      const clause = this.byId.get(id).clause;
      const parts = clause === "5.1" ? checks.missing_5_1 : checks.failing_5_2;
      this.answers.planCheck(id, checks.contradictions[id] ? parts.map((p) => this.criteria.template.find((x) => x.id === p)) : null);
    }
    this.summary.render(this.result, contradictions, termsChanged(this.criteria, this.entry.doc));
    this.plan.renderStatus(checks);
    this.contradictions = contradictions;
    this.notes.update(); // the operator's review: drawn when attached, changes marked
    if (this.views?.current === "report") renderReport(this, contradictions);
  }

  answered() {
    this.rescore();
  }

  shown(view) {
    document.body.classList.toggle("cl-reporting", view === "report");
    // An evidence block attached or removed in this tab while another view was shown.
    if (this.entry.doc.evidence !== this.drawnEvidence) this.rescore();
    if (view === "plan") this.plan.renderRelated();
    if (view === "report") renderReport(this, this.contradictions ?? []);
    // The evidence view's modules (and its worker) load the first time it is opened.
    if (view === "evidence") import("./evidence/view.js").then((m) => m.showEvidence(this));
  }

  question(id) {
    return this.byId.get(id)?.question[this.lang] ?? id;
  }

  /** A number converted into the current unit, for the notice: "4.2 …: 3小时 → 180分钟". */
  converted({ id, from, to }) {
    const units = this.criteria.units;
    const text = (v, u) => (Object.hasOwn(units, u) ? quantityText(v, units[u], this.lang) : String(v));
    return `${this.question(id)}${this.t.sep}${text(...from)} → ${text(...to)}`;
  }

  itemLink(id) {
    const item = this.byId.get(id);
    if (!item) return el("span", {}, id);
    return el("a", { href: `#item-${id}` }, item.clause ? `${item.clause} ${item.question[this.lang]}` : item.question[this.lang]);
  }

  name(entry) {
    const { organisation, service } = entry.doc.assessment ?? {};
    // No name of its own: the page's word for "untitled", so it reads right in either language.
    const own = entry.label && entry.label !== this.t.untitled ? entry.label : "";
    // Only what the name does not say already (an import is named after its service).
    const detail = [service, organisation].filter((x) => x && !own.includes(x)).join(" · ");
    return own && detail ? own + this.t.paren.replace("{}", detail) : own || detail || this.t.untitled;
  }

  renderPicker() {
    const picker = this.$("cl-current");
    picker.replaceChildren(...this.store.list().map((e) => el("option", { value: e.id }, this.name(e))));
    picker.value = this.currentId;
    picker.disabled = false;
  }

  fileStem() {
    const { organisation, service, date } = this.entry.doc.assessment ?? {};
    return [organisation, service, date].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]+/gu, "_") || "assessment";
  }

  // --- messages ------------------------------------------------------------------------------

  alert(text, details = []) {
    this.$("cl-alert").replaceChildren(el("p", {}, text), ...(details.length ? [el("ul", {}, details.map((d) => el("li", {}, d)))] : []));
    this.$("cl-alert").scrollIntoView({ block: "nearest" });
  }

  say(text) {
    this.$("cl-say").textContent = text;
  }

  notice(text, kind = "warning", extra = []) {
    const notice = el("div", { class: `admonition ${kind} cl-notice cl-no-print`, role: "status" }, el("p", {}, text), ...extra,
      el("button", { type: "button", class: "md-button", "data-action": "dismiss" }, this.t.dismiss));
    notice.querySelector("[data-action=dismiss]").addEventListener("click", () => notice.remove());
    this.$("cl-notices").append(notice);
    return notice;
  }

  rawButton(raw, name = "sp-readiness-saved-data.txt") {
    const button = el("button", { type: "button", class: "md-button", "data-action": "download-raw" }, this.t.download_raw);
    button.addEventListener("click", () => download(name, raw, "text/plain"));
    return [button];
  }

  showBroken({ key, raw, problem }) {
    const remove = el("button", { type: "button", class: "md-button", "data-action": "remove-broken" }, this.t.remove_broken);
    const notice = this.notice(this.t.broken, "danger", [el("p", {}, `${key}: ${problem}`), ...this.rawButton(raw, `${key}.txt`), remove]);
    remove.addEventListener("click", () => {
      if (!window.confirm(this.t.remove_backup_confirm)) return;
      this.store.removeKey(key);
      notice.remove();
    });
  }
}

// --- the page ---------------------------------------------------------------------------------

/**
 * Items off screen are not laid out (content-visibility), so the page starts fast; they keep the
 * height they had when last laid out. Lay them all out once, when the browser is idle after start,
 * so the page has its real height from then on and does not grow while the reader scrolls.
 */
function layOutOnceWhenIdle(root) {
  const form = root.querySelector("#cl-form");
  const idle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  idle(() => {
    form.classList.add("cl-measuring");
    // Two frames: the heights are remembered as the first is drawn; then skipping resumes.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      form.classList.remove("cl-measuring");
      root.dataset.measured = "true";
    }));
  }, { timeout: 2000 });
}

let criteria = null; // loaded once; Material's instant navigation may show the page many times
let active = null;

async function onPage() {
  if (active && !document.body.contains(active.root)) {
    active.close();
    active = null;
  }
  document.body.classList.remove("cl-reporting");
  const root = document.getElementById("sp-checklist");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "loading";
  try {
    criteria ??= await loadCriteria(CRITERIA_URL);
    active = new App(root, criteria);
    active.start();
    root.dataset.ready = "true";
    performance.mark("sp-checklist-ready"); // make bench reads it
    layOutOnceWhenIdle(root);
  } catch (error) {
    root.dataset.ready = "failed";
    root.querySelector("#cl-alert").textContent = String(error);
    throw error;
  }
}

if (window.document$) window.document$.subscribe(onPage);
else onPage();
