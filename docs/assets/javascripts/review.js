// The review page: open an SP's answers file, record decisions and comments, keep several reviews
// in this browser, export the review file, print the report. The form is rendered at build time by
// macros/review.py; review-view.js fills it, review-store.js keeps it, review-file.js judges files.

import { score } from "./scoring.js";
import {
  FORMAT, FORMAT_VERSION, decodeJson, fileBytes, newReview, readReview, readSubmission, refuseBySize,
  sameSubmission, validateReview,
} from "./review-file.js";
import { ReviewStore, newId } from "./review-store.js";
import { el, fill, renderReport, showConditions, showReview, showSubmission } from "./review-view.js";
import { download, today } from "./dom.js";
import { sha256 } from "./sha256.js";
import { storageBlocked } from "./storage-area.js";

const CRITERIA_URL = new URL("../criteria.json", import.meta.url);

let criteria = null; // loaded once; instant navigation may show the page many times
let shown = null; // the page on screen, for the print events (registered once)

class ReviewPage {
  constructor(root) {
    this.root = root;
    this.t = JSON.parse(root.dataset.strings);
    this.lang = root.dataset.lang;
    this.$ = (id) => root.querySelector(`#${id}`);
    this.store = new ReviewStore((error) => this.saved(error));
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

  saved(error = null) {
    const place = this.$("rv-saved");
    // Kept in this page's memory only when the browser blocks site data: never "Saved".
    const text = error ? fill(this.t.save_failed, { error }) : storageBlocked ? this.t.not_kept : this.t.saved;
    if (place.textContent !== text) place.textContent = text;
    place.classList.toggle("rv-saved--failed", Boolean(error) || storageBlocked);
    place.setAttribute("role", error ? "alert" : "status");
  }

  start() {
    if (storageBlocked) this.notice(this.t.storage_blocked);
    this.store.load();
    for (const { raw } of this.store.broken) this.brokenNotice(raw);
    this.wire();
    this.$("rv-app").hidden = false;
    this.show();
  }

  get entry() {
    return this.store.entry;
  }

  brokenNotice(raw) {
    const button = el("button", { type: "button", class: "md-button" }, this.t.download_raw);
    button.addEventListener("click", () => download("sp-readiness-review-damaged.txt", raw, "text/plain"));
    this.notice(this.t.broken, button);
  }

  // Out of the list for this page, its stored text untouched (and still listed in the index).
  setAside(entry) {
    const raw = `${JSON.stringify(entry)}\n${JSON.stringify(this.store.submission(entry.id))}`;
    this.store.entries = this.store.entries.filter((e) => e !== entry);
    this.store.broken.push({ id: entry.id, raw });
    if (this.store.current === entry.id) this.store.current = this.store.entries[0]?.id ?? null;
    return raw;
  }

  // Another tab saved a review: take its version, so our next save does not undo its work.
  synced(event) {
    if (!this.root.isConnected || (event.key !== null && !event.key.startsWith("sp-readiness.review"))) return;
    const current = this.store.current;
    this.store = new ReviewStore((error) => this.saved(error));
    this.store.load();
    if (this.store.entries.some((e) => e.id === current)) this.store.current = current;
    this.show();
  }

  name(entry) {
    const meta = this.store.submission(entry.id)?.assessment ?? {};
    return [meta.service, meta.organisation].filter(Boolean).join(" · ") || this.t.untitled_review;
  }

  // Show the current review (or the invitation to open a file); one that cannot be shown is set aside.
  show() {
    for (;;) {
      try {
        return this.draw();
      } catch (error) {
        if (!this.entry) throw error; // the empty page itself: a real fault, not stored data
        this.brokenNotice(this.setAside(this.entry));
      }
    }
  }

  draw() {
    const entry = this.entry;
    const picker = this.$("rv-current");
    picker.replaceChildren(...this.store.entries.map((e) => el("option", { value: e.id }, `${this.name(e)} (${e.file})`)));
    picker.value = entry?.id ?? "";
    for (const id of ["rv-current", "rv-export", "rv-print", "rv-delete"]) this.$(id).disabled = !entry;
    this.$("rv-empty").hidden = Boolean(entry);
    this.$("rv-review").hidden = !entry;
    if (!entry) return;
    const doc = this.store.submission();
    this.result = score(criteria, doc);
    showSubmission(this.root, criteria, entry, doc, this.result, this.t, this.lang);
    showReview(this.root, entry.review, this.t);
  }

  // Every change is saved at once, so a reload loses nothing.
  changed(target) {
    const review = this.entry?.review;
    if (!review) return;
    const box = target.closest("[data-item], [data-part]");
    if (box) {
      const [part, id] = box.dataset.item ? ["items", box.dataset.item] : ["plan", box.dataset.part];
      const own = { ...(review[part]?.[id] ?? {}) };
      if (target.dataset.field === "decision") {
        if (!target.checked) return;
        own.decision = target.value || undefined;
        box.dataset.decision = target.value;
      } else own.comment = target.value || undefined;
      review[part] = { ...review[part], [id]: JSON.parse(JSON.stringify(own)) };
    } else if (target.closest("#rv-reviewer")) {
      review.reviewer = { ...review.reviewer, [target.name]: target.value };
    } else if (target.name === "rv-decision") {
      if (!target.checked) return;
      review.decision = target.value || undefined;
      if (review.decision === "conditional" && !review.conditions?.length) review.conditions = [{ text: "", due: "" }];
      showConditions(this.root, review, this.t);
    } else if (target.dataset.condition) {
      const n = Number(target.closest("[data-index]").dataset.index);
      review.conditions[n] = { ...review.conditions[n], [target.dataset.condition]: target.value };
    } else if (target.id === "rv-summary") {
      review.summary = target.value;
    } else return;
    if (this.store.save()) this.saved();
  }

  editConditions(change) {
    const review = this.entry.review;
    review.conditions = change([...(review.conditions ?? [])]);
    showConditions(this.root, review, this.t);
    if (this.store.save()) this.saved();
  }

  async openFile(file) {
    const refuse = (problems) => this.alert(fill(this.t.refused, { file: file.name }), problems);
    // The size first: a file over every limit is refused without being read (a 3 GB file cannot be).
    const big = await refuseBySize(file);
    if (big) return refuse([big]);
    const { bytes, problem } = await fileBytes(file);
    if (problem) return refuse([problem]);
    const peek = decodeJson(bytes).doc;
    let entry;
    let submission;
    let message;
    if (typeof peek === "object" && peek !== null && peek.format === FORMAT) {
      const { doc, problems } = readReview(criteria, bytes);
      if (problems.length) return refuse(problems);
      const { reviewer, items = {}, plan = {}, decision, conditions = [], summary = "" } = doc;
      submission = doc.submission;
      entry = { id: newId(), file: file.name, sha256: doc.submission_sha256, opened: today(), review: { reviewer, items, plan, decision, conditions, summary } };
      message = fill(this.t.continued, { file: file.name });
    } else {
      const { doc, problems } = readSubmission(criteria, bytes);
      if (problems.length) return refuse(problems);
      const sha = sha256(bytes);
      const named = this.store.entries.filter((e) => e.sha256 === sha);
      // A review kept here that names this file but holds other answers is not its review.
      const same = named.find((e) => this.store.submission(e.id) && sameSubmission(this.store.submission(e.id), doc));
      if (same) {
        this.alert("");
        this.store.select(same.id);
        this.show();
        return this.notice(fill(this.t.already, { file: file.name }));
      }
      submission = doc;
      const { reviewer, items, plan, summary } = newReview(criteria, doc, sha, today());
      entry = { id: newId(), file: file.name, sha256: sha, opened: today(), review: { reviewer, items, plan, summary, conditions: [] } };
      // A review kept here that names this file but holds other answers is not its review: say so.
      message = fill(named.length ? this.t.not_bound : this.t.opened, { file: file.name });
    }
    const stored = this.store.add(entry, submission); // when storage refuses it, it is kept for this page only
    this.alert("");
    this.show();
    this.notice(message);
    if (stored) this.saved();
  }

  /** The review file: the format of assessment/review.py, with what is only in progress left out. */
  reviewDoc() {
    const entry = this.entry;
    const r = entry.review;
    const clean = (entries) => Object.fromEntries(Object.entries(entries ?? {})
      .filter(([, e]) => e.decision || e.comment)
      .map(([id, e]) => [id, { ...(e.decision ? { decision: e.decision } : {}), ...(e.comment ? { comment: e.comment } : {}) }]));
    return {
      format: FORMAT, format_version: FORMAT_VERSION, criteria_version: criteria.version,
      submission_sha256: entry.sha256, submission: this.store.submission(),
      reviewer: { name: r.reviewer?.name ?? "", organisation: r.reviewer?.organisation ?? "", date: r.reviewer?.date ?? "" },
      items: clean(r.items), plan: clean(r.plan),
      ...(r.decision ? { decision: r.decision } : {}),
      ...(r.decision === "conditional" ? { conditions: (r.conditions ?? []).map(({ text, due }) => ({ text: text ?? "", due: due ?? "" })) } : {}),
      summary: r.summary ?? "",
    };
  }

  exportFile() {
    const doc = this.reviewDoc();
    const problems = validateReview(criteria, doc);
    // The file's own words stay (reviewers compare them with the command line's), led by where on the page.
    const where = (p) => p.replace(/^conditions\[(\d+)\]\.(text|due):/, (all, n, key) =>
      `${this.t.condition} ${Number(n) + 1}, ${key === "due" ? this.t.due : this.t.condition} — ${all}`);
    if (problems.length) return this.alert(this.t.export_bad, problems.map(where));
    this.alert("");
    const meta = doc.submission.assessment ?? {};
    const stem = [meta.organisation, meta.service, doc.reviewer.date].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]+/gu, "_");
    download(`sp-readiness-review-${stem || "submission"}.json`, JSON.stringify(doc, null, 2));
  }

  remove() {
    const entry = this.entry;
    if (!entry || !window.confirm(fill(this.t.delete_confirm, { name: this.name(entry) }))) return;
    this.store.remove(entry.id);
    this.show();
  }

  // The report is rebuilt for every print, from the same data the form shows.
  beforePrint() {
    const entry = this.entry;
    if (!entry || !this.root.isConnected) return;
    renderReport(this.$("rv-report"), criteria, entry, this.store.submission(), entry.review, this.result, this.t, this.lang);
    this.$("rv-report").hidden = false;
    document.body.classList.add("rv-printing");
  }

  afterPrint() {
    this.$("rv-report").hidden = true;
    document.body.classList.remove("rv-printing");
  }

  wire() {
    const ours = (e) => e.target.matches("input:not([type=file]), textarea") && e.target.closest("#rv-review");
    this.root.addEventListener("input", (e) => ours(e) && e.target.type !== "radio" && this.changed(e.target));
    this.root.addEventListener("change", (e) => ours(e) && this.changed(e.target));
    this.$("rv-current").addEventListener("change", (e) => {
      this.store.select(e.target.value);
      this.show();
    });
    this.$("rv-open-button").addEventListener("click", () => this.$("rv-open").click());
    this.$("rv-open").addEventListener("change", async (e) => {
      const [file] = e.target.files;
      e.target.value = "";
      if (file) await this.openFile(file);
    });
    this.$("rv-export").addEventListener("click", () => this.exportFile());
    this.$("rv-delete").addEventListener("click", () => this.remove());
    this.$("rv-print").addEventListener("click", () => window.print());
    this.$("rv-add-condition").addEventListener("click", () => {
      this.editConditions((list) => [...list, { text: "", due: "" }]);
      this.$("rv-condition-list").querySelector("li:last-child input")?.focus();
    });
    this.$("rv-condition-list").addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=remove-condition]");
      if (!button) return;
      const n = Number(button.closest("[data-index]").dataset.index);
      this.editConditions((list) => list.filter((_, i) => i !== n));
      this.$("rv-add-condition").focus();
    });
  }
}

window.addEventListener("storage", (event) => shown?.synced(event));
window.addEventListener("beforeprint", () => shown?.beforePrint());
window.addEventListener("afterprint", () => shown?.afterPrint());

async function onPage() {
  document.body.classList.remove("rv-printing");
  const root = document.getElementById("sp-review");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "loading";
  try {
    criteria ??= await (await fetch(CRITERIA_URL)).json();
    shown = new ReviewPage(root);
    shown.start();
    root.dataset.ready = "true";
  } catch (error) {
    root.dataset.ready = "failed";
    root.querySelector("#rv-alert").textContent = String(error);
    throw error;
  }
}

if (window.document$) window.document$.subscribe(onPage);
else onPage();
