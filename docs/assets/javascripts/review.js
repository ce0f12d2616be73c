// The review page: open an SP's answers file, record decisions and comments, keep several reviews
// in this browser, export the review file, print the report. The form is rendered at build time by
// macros/review.py; review-view.js fills it, review-store.js keeps it, review-file.js judges files.

import { score } from "./scoring.js";
import { FORMAT, FORMAT_VERSION, decodeJson, newReview, readReview, readSubmission, validateReview } from "./review-file.js";
import { ReviewStore, newId } from "./review-store.js";
import { el, fill, renderReport, showConditions, showReview, showSubmission } from "./review-view.js";
import { sha256 } from "./sha256.js";

const CRITERIA_URL = new URL("../criteria.json", import.meta.url);
const today = () => new Date().toISOString().slice(0, 10);

let criteria = null; // loaded once; instant navigation may show the page many times
let shown = null; // the page on screen, for the print events (registered once)

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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
    const text = error ? fill(this.t.save_failed, { error }) : this.t.saved;
    if (place.textContent !== text) place.textContent = text;
    place.classList.toggle("rv-saved--failed", Boolean(error));
    place.setAttribute("role", error ? "alert" : "status");
  }

  start() {
    this.store.load();
    for (const { raw } of this.store.broken) {
      const button = el("button", { type: "button", class: "md-button" }, this.t.download_raw);
      button.addEventListener("click", () => download("sp-readiness-review-damaged.txt", raw));
      this.notice(this.t.broken, button);
    }
    this.wire();
    this.$("rv-app").hidden = false;
    this.show();
  }

  get entry() {
    return this.store.entry;
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

  /** The picker's label: the file's name only where it says more than the service and organisation. */
  label(entry) {
    const meta = this.store.submission(entry.id)?.assessment ?? {};
    const named = [meta.service, meta.organisation].filter(Boolean);
    // Files exported from the checklist are named organisation-service-date, spaces and signs as "_".
    const stem = (x) => x.replace(/[^\p{L}\p{N}._-]+/gu, "_");
    const repeats = named.length && named.every((x) => entry.file.includes(x) || entry.file.includes(stem(x)));
    const extra = repeats ? meta.date || "" : entry.file;
    return extra ? this.name(entry) + this.t.paren.replace("{}", extra) : this.name(entry);
  }

  // Show the current review (or the invitation to open a file).
  show() {
    const entry = this.entry;
    const picker = this.$("rv-current");
    picker.replaceChildren(...this.store.entries.map((e) => el("option", { value: e.id }, this.label(e))));
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
    const bytes = new Uint8Array(await file.arrayBuffer());
    const refuse = (problems) => this.alert(fill(this.t.refused, { file: file.name }), problems);
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
      const same = this.store.entries.find((e) => e.sha256 === sha);
      if (same) {
        this.alert("");
        this.store.select(same.id);
        this.show();
        return this.notice(fill(this.t.already, { file: file.name }));
      }
      submission = doc;
      const { reviewer, items, plan, summary } = newReview(criteria, doc, sha, today());
      entry = { id: newId(), file: file.name, sha256: sha, opened: today(), review: { reviewer, items, plan, summary, conditions: [] } };
      message = fill(this.t.opened, { file: file.name });
    }
    if (!this.store.add(entry, submission)) return;
    this.alert("");
    this.show();
    this.notice(message);
    this.saved();
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
