// The review page: an inbox of every review kept in this browser, and one review at a time with
// decisions and comments beside the SP's answers; export the review file, print the report, back up
// and restore all. The form is rendered at build time by macros/review.py; review/view.js fills it,
// review/inbox.js lists, review/open.js opens files, review/store.js keeps, review/checks.js judges.

import { withConditions } from "./review/decisions.js";
import { score } from "./answers/scoring.js";
import { ReviewStore, isQuota } from "./review/store.js";
import { Inbox } from "./review/inbox.js";
import { openFiles } from "./review/open.js";
import { acceptUndecided, describe, progress } from "./review/checks.js";
import { backupAll, download, exportFile, memoryNotice, restoreBackup } from "./review/export.js";
import { TestLog } from "./review/prelaunch-view.js";
import { el, fill, renderReport, showChanges, showConditions, showReview, showSubmission } from "./review/view.js";
import { loadCriteria } from "./criteria/criteria-source.js";
import { storageBlocked } from "./shared/storage-area.js";

const CRITERIA_URL = new URL("../criteria.json", import.meta.url);
let criteria = null; // loaded once; instant navigation may show the page many times
let shown = null; // the page on screen, for the print events (registered once)

const size = (bytes) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

class ReviewPage {
  constructor(root) {
    this.root = root;
    this.t = JSON.parse(root.dataset.strings);
    this.lang = root.dataset.lang;
    this.$ = (id) => root.querySelector(`#${id}`);
    this.criteria = criteria;
    this.store = new ReviewStore((error) => this.saved(error), (id) => this.remote(id));
    this.inbox = new Inbox(root, this.t, this.lang, (id) => this.select(id));
    this.testlog = new TestLog(this);
  }

  alert(text, details = []) {
    this.$("rv-alert").replaceChildren(...(text ? [el("p", {}, text)] : []),
      ...(details.length ? [el("ul", {}, details.map((d) => el("li", {}, d)))] : []));
  }

  notice(text, ...extra) {
    const dismiss = el("button", { type: "button", class: "md-button" }, this.t.dismiss);
    const notice = el("div", { class: "admonition note rv-notice", role: "status" }, el("p", {}, text), ...extra, dismiss);
    dismiss.addEventListener("click", () => notice.remove());
    this.$("rv-notices").append(notice);
  }

  /** The saved indicator; a failed save says why in the page's language (storage full: what to do). */
  saved(error = null) {
    this.lastError = error;
    const place = this.$("rv-saved");
    // Once the database refused, what is "saved" lives in this page only, and the indicator says so.
    const memory = !error && this.store.memory;
    const text = memory ? this.t.memory_saved : !error ? this.t.saved : isQuota(error) ? this.t.storage_full
      : fill(this.t.save_failed, { error: error.message ?? error });
    if (place.textContent !== text) place.textContent = text;
    place.classList.toggle("rv-saved--failed", Boolean(error || memory));
    place.setAttribute("role", error ? "alert" : "status");
  }

  async meter() {
    const estimate = await ReviewStore.estimate();
    this.$("rv-meter").textContent = estimate ? fill(this.t.storage_meter, { used: size(estimate.usage), quota: size(estimate.quota) }) : "";
  }

  async start() {
    await this.store.open((doc) => describe(criteria, doc));
    // The page works either way; it says that nothing will be kept, and how to keep it (export).
    if (this.store.memory) memoryNotice(this, this.store.memory);
    else if (storageBlocked) this.notice(this.t.storage_blocked);
    this.store.onMemory = (error) => memoryNotice(this, error);
    for (const { raw } of this.store.broken) {
      const button = el("button", { type: "button", class: "md-button" }, this.t.download_raw);
      button.addEventListener("click", () => download("sp-readiness-review-damaged.txt", raw));
      this.notice(this.t.broken, button);
    }
    this.wire();
    this.$("rv-app").hidden = false;
    await this.show();
    if (this.store.memory) this.saved();
    this.meter();
  }

  get entry() {
    return this.store.entry;
  }

  async select(id) {
    this.store.select(id);
    this.$("rv-warnings").replaceChildren();
    await this.show();
    (id ? this.$("rv-review").querySelector("h2") : this.$("rv-inbox-h"))?.setAttribute("tabindex", "-1");
    (id ? this.$("rv-submission-h") : this.$("rv-inbox-h")).focus();
  }

  // Another tab changed a review: list it afresh, and show its new state if it is ours, except in the
  // field the reviewer is typing in.
  async remote(id) {
    if (!this.root.isConnected) return;
    this.inbox.update(criteria, this.store.entries);
    const entry = this.entry;
    if (!entry) return this.show();
    if (id === entry.id || id === "*") {
      showReview(this.root, this.criteria, entry.review, this.t, document.activeElement);
      this.testlog.show(this.doc, document.activeElement);
      this.progress();
    }
  }

  /** The inbox, or the review chosen in it. */
  async show() {
    const entry = this.entry;
    this.inbox.update(criteria, this.store.entries);
    this.$("rv-empty").hidden = this.store.entries.length > 0;
    this.$("rv-backup").disabled = !this.store.entries.length;
    this.$("rv-inbox-button").disabled = !entry;
    const doc = entry && await this.store.submission(entry.id);
    this.$("rv-inbox").hidden = Boolean(doc);
    this.$("rv-review").hidden = !doc;
    this.$("rv-notices").querySelector("[data-action=memory-export]")?.toggleAttribute("hidden", !doc); // only with a review open
    if (!doc) return;
    this.doc = doc;
    this.result = score(criteria, doc);
    const meta = describe(criteria, doc); // the criteria may have changed since the review was opened
    if (JSON.stringify(meta) !== JSON.stringify(entry.meta)) this.store.update(entry.id, (e) => { e.meta = meta; });
    showSubmission(this.root, criteria, entry, doc, this.result, this.t, this.lang);
    showReview(this.root, this.criteria, entry.review, this.t);
    showChanges(this.root, criteria, entry, doc, this.result, this.t);
    this.testlog.show(doc);
    this.progress();
  }

  progress() {
    if (!this.entry) return; // a save that lands after the reviewer went back to the inbox
    const { decided, total } = progress(criteria, this.entry.review);
    this.$("rv-progress").textContent = fill(this.t.progress, { n: decided, total });
    this.$("rv-accept-all").disabled = decided === total;
  }

  // Saves in flight are counted (aria-busy on the indicator), so an export waits for the last keystroke.
  save(mutate) {
    const entry = this.entry;
    this.inFlight = (this.inFlight ?? 0) + 1;
    this.$("rv-saved").setAttribute("aria-busy", "true");
    const done = (async () => {
      try {
        if (!entry || !await this.store.update(entry.id, mutate)) return false;
        this.saved();
        this.progress();
        return true;
      } finally {
        if (!--this.inFlight) this.$("rv-saved").removeAttribute("aria-busy");
      }
    })();
    this.pending = Promise.all([this.pending, done]);
    return done;
  }

  // Every change is saved at once, one field at a time, so a reload loses nothing.
  changed(target) {
    const box = target.closest("[data-item], [data-part]");
    if (box) {
      const [part, id] = box.dataset.item ? ["items", box.dataset.item] : ["plan", box.dataset.part];
      const decision = target.dataset.field === "decision";
      if (decision && !target.checked) return;
      if (decision) box.dataset.decision = target.value;
      const [key, value] = decision ? ["decision", target.value] : ["comment", target.value];
      return this.save(({ review }) => {
        const own = { ...(review[part]?.[id] ?? {}), [key]: value || undefined };
        review[part] = { ...review[part], [id]: JSON.parse(JSON.stringify(own)) };
      });
    }
    if (target.closest("#rv-reviewer")) {
      const { name, value } = target;
      return this.save(({ review }) => { review.reviewer = { ...review.reviewer, [name]: value }; });
    }
    if (target.name === "rv-decision") {
      if (!target.checked) return;
      const value = target.value || undefined;
      return this.save(({ review }) => {
        review.decision = value;
        if (value === withConditions(this.criteria) && !review.conditions?.length) review.conditions = [{ text: "", due: "" }];
      }).then(() => showConditions(this.root, this.criteria, this.entry.review, this.t));
    }
    if (target.dataset.condition) {
      const n = Number(target.closest("[data-index]").dataset.index);
      const { value } = target;
      const key = target.dataset.condition;
      return this.save(({ review }) => {
        if (review.conditions?.[n]) review.conditions[n] = { ...review.conditions[n], [key]: value };
      });
    }
    if (target.id === "rv-summary") {
      const { value } = target;
      return this.save(({ review }) => { review.summary = value; });
    }
    if (target.id === "rv-attention-only") this.$("rv-review").classList.toggle("rv-attention-only", target.checked);
  }

  async editConditions(change) {
    await this.save(({ review }) => { review.conditions = change([...(review.conditions ?? [])]); });
    showConditions(this.root, this.criteria, this.entry.review, this.t);
  }

  async acceptAll() {
    const { decided, total } = progress(criteria, this.entry.review);
    if (decided === total || !window.confirm(fill(this.t.accept_all_confirm, { n: total - decided }))) return;
    let n = 0;
    if (!await this.save(({ review }) => { n = acceptUndecided(criteria, review); })) return;
    showReview(this.root, this.criteria, this.entry.review, this.t);
    this.notice(fill(this.t.accepted_all, { n }));
  }

  async remove() {
    const entry = this.entry;
    const name = [entry?.meta?.service, entry?.meta?.organisation].filter(Boolean).join(" · ") || this.t.untitled_review;
    if (!entry || !window.confirm(fill(this.t.delete_confirm, { name }))) return;
    if (await this.store.remove(entry.id)) await this.select(null);
    this.meter();
  }

  // The report is rebuilt for every print, from the same data the form shows.
  beforePrint() {
    const entry = this.entry;
    if (!entry || !this.root.isConnected) return;
    renderReport(this.$("rv-report"), criteria, entry, this.doc, entry.review, this.result, this.t, this.lang);
    this.testlog.addToReport(this.$("rv-report"));
    this.$("rv-report").hidden = false;
    document.body.classList.add("rv-printing");
  }

  afterPrint() {
    this.$("rv-report").hidden = true;
    document.body.classList.remove("rv-printing");
  }

  wire() {
    const ours = (e) => e.target.matches("input:not([type=file]), textarea") && e.target.closest("#rv-review");
    this.root.addEventListener("input", (e) => ours(e) && e.target.type !== "radio" && e.target.type !== "checkbox" && this.changed(e.target));
    // Text fields were saved as typed: their change on leaving would only save the same again.
    this.root.addEventListener("change", (e) => ours(e) && (e.target.type === "radio" || e.target.type === "checkbox") && this.changed(e.target));
    const click = (id, act) => this.$(id).addEventListener("click", act);
    click("rv-inbox-button", () => this.select(null));
    click("rv-open-button", () => this.$("rv-open").click());
    click("rv-restore-button", () => this.$("rv-restore").click());
    click("rv-backup", () => backupAll(this));
    click("rv-accept-all", () => this.acceptAll());
    click("rv-export", () => exportFile(this));
    click("rv-delete", () => this.remove());
    click("rv-print", () => window.print());
    this.$("rv-open").addEventListener("change", (e) => {
      const files = [...e.target.files];
      e.target.value = "";
      if (files.length) openFiles(this, files);
    });
    this.$("rv-restore").addEventListener("change", (e) => {
      const [file] = e.target.files;
      e.target.value = "";
      if (file) restoreBackup(this, file);
    });
    // Files dragged from a folder open as if chosen with the button.
    this.root.addEventListener("dragover", (e) => {
      if (!e.dataTransfer?.types.includes("Files")) return;
      e.preventDefault();
      this.root.classList.add("rv--dropping");
    });
    this.root.addEventListener("dragleave", (e) => { if (!this.root.contains(e.relatedTarget)) this.root.classList.remove("rv--dropping"); });
    this.root.addEventListener("drop", (e) => {
      this.root.classList.remove("rv--dropping");
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      openFiles(this, files);
    });
    click("rv-add-condition", async () => {
      await this.editConditions((list) => [...list, { text: "", due: "" }]);
      this.$("rv-condition-list").querySelector("li:last-child input")?.focus();
    });
    click("rv-condition-list", async (e) => {
      const button = e.target.closest("[data-action=remove-condition]");
      if (!button) return;
      const n = Number(button.closest("[data-index]").dataset.index);
      await this.editConditions((list) => list.filter((_, i) => i !== n));
      this.$("rv-add-condition").focus();
    });
  }
}

window.addEventListener("beforeprint", () => shown?.beforePrint());
window.addEventListener("afterprint", () => shown?.afterPrint());

async function onPage() {
  document.body.classList.remove("rv-printing");
  const root = document.getElementById("sp-review");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "loading";
  try {
    criteria ??= await loadCriteria(CRITERIA_URL);
    shown = new ReviewPage(root);
    await shown.start();
    root.dataset.ready = "true";
    performance.mark("sp-review-ready"); // make bench: the inbox is drawn
  } catch (error) {
    root.dataset.ready = "failed";
    root.querySelector("#rv-alert").textContent = String(error);
    throw error;
  }
}

if (window.document$) window.document$.subscribe(onPage);
else onPage();
