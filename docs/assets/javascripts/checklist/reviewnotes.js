// The operator's review, as the SP sees it in the checklist: a review file (review/review-file.js) is
// imported like an answers file, attached to the assessment it reviewed (entry.review, never part
// of the exported answers file), and shown beside the work: the decision, reviewer and conditions
// in the result panel, each comment at its item and plan section, and where the SP's answer or
// text has changed since the review, kept up to date as the SP edits. Every text from the review
// goes into the page as text (shared/dom.js el), never as HTML.

import { itemLabel, overallLabel, toneOf } from "../review/decisions.js";
import { el, fill, today } from "../shared/dom.js";
import { newId } from "./assessments.js";
import { isOverdue, readReview, reviewChanges, validateReview } from "../review/review-file.js";
import { testFigures } from "../review/prelaunch-log.js";
import { figureLines, rowLine } from "../review/prelaunch-log-words.js";

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

export class ReviewNotes {
  constructor(app) {
    this.app = app;
    this.t = app.t;
    this.box = app.$("cl-review");
    this.shown = undefined; // the review object drawn now (identity: a new one is drawn afresh)
    this.review = null; // the same, once validated; null when none (or a stored one is unreadable)
    this.marks = new Map(); // "item:<id>" | "plan:<id>" -> {box, changed, own}
    this.frame = 0;
    // Texts (note, evidence, plan) do not rescore; their changes are marked at the next frame.
    const later = () => {
      if (this.review && !this.frame) this.frame = requestAnimationFrame(() => this.update());
    };
    app.root.addEventListener("input", later);
    app.root.addEventListener("change", later);
  }

  // --- words ---------------------------------------------------------------------------------

  itemWord(decision) {
    return itemLabel(this.t, decision);
  }

  overallWord(decision) {
    return overallLabel(this.t, decision);
  }

  reviewerLine(reviewer) {
    const who = [reviewer.name, reviewer.organisation, reviewer.date].filter(Boolean).join(" · ");
    return `${this.t.reviewer}${this.t.sep}${who || this.t.empty}`;
  }

  paren(text) {
    return this.app.lang === "zh" ? `（${text}）` : ` (${text})`;
  }

  // --- drawing -------------------------------------------------------------------------------

  /** Called after every rescore: draw a newly attached (or opened) review, then mark changes. */
  update() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const entry = this.app.entry;
    if (entry.review !== this.shown) this.draw(entry);
    if (!this.review) return;
    const changes = reviewChanges(this.app.criteria, this.review, entry.doc);
    const changed = new Set([...changes.items.map((id) => `item:${id}`), ...changes.plan.map((id) => `plan:${id}`)]);
    for (const [key, mark] of this.marks) {
      mark.changed.hidden = !changed.has(key);
      mark.box.hidden = !mark.own && mark.changed.hidden;
    }
    this.counted.textContent = fill(this.t.review_changed_count, { items: changes.items.length, plan: changes.plan.length });
    this.changes = changes;
  }

  draw(entry) {
    this.shown = entry.review;
    const ok = isObject(entry.review) && !validateReview(this.app.criteria, entry.review).length;
    this.review = ok ? entry.review : null;
    for (const mark of this.marks.values()) mark.box.remove();
    this.marks.clear();
    this.box.hidden = !this.review;
    if (!this.review) return this.box.replaceChildren();
    const { items = {}, plan = {} } = this.review;
    for (const { id } of this.app.criteria.items) {
      const row = this.app.answers.row(id);
      if (row) this.mark(`item:${id}`, items[id], row.fieldset.querySelector(".cl-answer"));
    }
    for (const part of this.app.plan.parts) this.mark(`plan:${part.id}`, plan[part.id], part.area);
    this.drawSummary();
  }

  /** The reviewer's word on one item or plan section, placed after `after`, and its changed mark. */
  mark(key, said, after) {
    const own = isObject(said) && Boolean(said.decision || said.comment);
    const tone = own ? toneOf(this.app.criteria, "item", said.decision) : "none";
    const box = el("div", { class: `cl-rn cl-rn--${tone}`, role: "note", "data-review": key });
    if (own) {
      box.append(el("p", {}, `${this.t.review}${this.t.sep}`, el("span", { class: "cl-rn__decision" }, this.itemWord(said.decision))));
      if (said.comment) box.append(el("p", { class: "cl-rn__comment" }, said.comment));
    }
    const changed = el("p", { class: "cl-rn__changed", hidden: true }, `⚠ ${this.t.review_changed}`);
    box.append(changed);
    box.hidden = !own;
    after.after(box);
    this.marks.set(key, { box, changed, own });
  }

  // The result panel: decision, reviewer, conditions (overdue ones marked), summary, changes.
  drawSummary() {
    const { t } = this;
    const r = this.review;
    this.counted = el("p", { class: "cl-rn__count" });
    const remove = el("button", { type: "button", class: "md-button", "data-action": "remove-review" }, t.review_remove);
    remove.addEventListener("click", () => this.remove());
    this.box.replaceChildren(el("h3", { class: "cl-result__h" }, t.review_h), ...this.overview(r), this.counted, remove);
  }

  /** The review's decision, reviewer, conditions and summary, for the result panel and the report. */
  overview(r) {
    const { t } = this;
    const now = today();
    const blocks = [
      el("p", {}, `${t.overall}${t.sep}`,
        el("span", { class: `cl-rn__overall cl-rn__overall--${toneOf(this.app.criteria, "overall", r.decision)}` }, this.overallWord(r.decision))),
      el("p", {}, this.reviewerLine(r.reviewer)),
    ];
    if (r.conditions?.length) {
      blocks.push(el("p", {}, t.conditions), el("ul", { class: "cl-rn__conditions" }, r.conditions.map((c) => {
        const late = isOverdue(c, now);
        return el("li", { class: late ? "cl-rn__condition cl-rn__condition--overdue" : "cl-rn__condition" },
          el("span", { class: "cl-rn__comment" }, c.text), this.paren(`${t.due}${t.sep}${c.due}${late ? ` · ${t.review_overdue}` : ""}`));
      })));
    }
    if (r.summary) blocks.push(el("p", {}, `${t.summary}${t.sep}`), el("p", { class: "cl-rn__comment" }, r.summary));
    return [...blocks, ...this.testLog(r.test_log)];
  }

  /** The operator's pre-launch test (clause 3.3): each test and the figures, as `review` prints them. */
  testLog(log) {
    if (!log?.tests?.length) return [];
    const { t, app } = this;
    const schedule = JSON.parse(app.root.dataset.schedule);
    const figures = testFigures(app.criteria, log, schedule);
    return [el("p", { class: "cl-rn__tl-h" }, `${t.tl_h}${this.paren(fill(t.tl_zone, { zone: log.time_zone }))}`),
      el("ol", { class: "cl-rn__tests" }, log.tests.map((test, n) => el("li", { class: "cl-rn__comment" },
        rowLine(n + 1, test, t).replace(/^\d+\. /, ""), test.note ? el("span", { class: "cl-rn__note" }, ` · ${test.note}`) : null))),
      el("ul", { class: "cl-rn__figures" }, figureLines(app.criteria, figures, t, app.lang).map((line) => el("li", {}, line)))];
  }

  /** The report's section "Review comments": everything the reviewer wrote, with what changed since. */
  report() {
    if (!this.review) return [];
    const { t, app } = this;
    const changed = { item: new Set(this.changes?.items), plan: new Set(this.changes?.plan) };
    // In the order of the checklist and the template; ids the criteria do not know come last.
    const order = { item: app.criteria.items.map((i) => i.id), plan: app.criteria.template.map((p) => p.id) };
    const rank = (kind, id) => (order[kind].includes(id) ? order[kind].indexOf(id) : Infinity);
    const head = { item: t.item, plan: t.plan_sections };
    const rows = (kind, entries, name) => Object.entries(isObject(entries) ? entries : {})
      .filter(([, e]) => e.decision || e.comment).sort(([a], [b]) => rank(kind, a) - rank(kind, b))
      .map(([id, e]) => el("tr", {}, el("td", { "data-label": head[kind] }, name(id)),
        el("td", { "data-label": t.decision }, this.itemWord(e.decision), changed[kind].has(id) ? this.paren(t.review_changed) : ""),
        el("td", { "data-label": t.comment, class: "cl-rn__comment" }, e.comment ?? "")));
    const part = (id) => {
      const p = app.criteria.template.find((x) => x.id === id);
      return p ? `${p.number} ${p.title[app.lang]}` : id;
    };
    const table = (kind, entries, name, title) => {
      const body = rows(kind, entries, name);
      return body.length ? [el("h4", {}, title), el("table", { class: "cl-table cl-rn__table" },
        el("thead", {}, el("tr", {}, [head[kind], t.decision, t.comment].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, body))] : [];
    };
    const item = (id) => (app.byId.get(id)?.clause ? `${app.byId.get(id).clause} ${app.question(id)}` : app.question(id));
    return [el("section", { class: "cl-rn-report", "aria-labelledby": "cl-rn-report-h" },
      el("h3", { id: "cl-rn-report-h" }, t.review_comments), ...this.overview(this.review),
      ...table("item", this.review.items, item, t.items), ...table("plan", this.review.plan, part, t.plan_sections))];
  }

  // --- import and attach ---------------------------------------------------------------------

  /** A review file's bytes from the import button: refused with its problems, or attached. */
  import(file, bytes) {
    const { app, t } = this;
    const { doc, problems } = readReview(app.criteria, bytes);
    if (problems.length) return app.alert(fill(t.review_bad, { file }), problems);
    app.$("cl-alert").replaceChildren();
    const who = (a) => JSON.stringify([a?.organisation ?? "", a?.service ?? ""]);
    const matches = app.store.list().filter((e) => who(e.doc.assessment) === who(doc.submission.assessment));
    if (matches.length === 1) return this.attach(matches[0].id, doc, file);
    return this.ask(doc, file, matches);
  }

  // None or several assessments match the reviewed one: the SP picks (or takes the reviewed answers).
  ask(doc, file, matches) {
    const { app, t } = this;
    app.$("cl-notices").querySelector(".cl-rn-pick")?.remove();
    const { organisation, service } = doc.submission.assessment ?? {};
    const name = [service, organisation].filter(Boolean).join(" · ") || t.untitled;
    const text = fill(matches.length ? t.review_pick_many : t.review_pick_none, { file, name });
    const select = el("select", { id: "cl-rn-target" }, app.store.list().map((e) => el("option", { value: e.id }, app.name(e))),
      el("option", { value: "" }, t.review_as_new));
    select.value = matches[0]?.id ?? app.currentId;
    const attach = el("button", { type: "button", class: "md-button md-button--primary", "data-action": "attach-review" }, t.review_attach);
    const cancel = el("button", { type: "button", class: "md-button", "data-action": "cancel-review" }, t.review_cancel);
    const notice = el("div", { class: "admonition question cl-notice cl-no-print cl-rn-pick", role: "group", "aria-labelledby": "cl-rn-pick-h" },
      el("p", { id: "cl-rn-pick-h" }, text), el("p", {}, el("label", { for: "cl-rn-target" }, `${t.review_target} `), select),
      el("p", {}, attach, " ", cancel));
    // Focus goes back to the import button, not lost with the notice.
    const close = () => {
      notice.remove();
      app.$("cl-import-button").focus();
    };
    attach.addEventListener("click", () => {
      close();
      this.attach(select.value || this.fromSubmission(doc), doc, file);
    });
    cancel.addEventListener("click", close);
    notice.addEventListener("keydown", (e) => e.key === "Escape" && close());
    app.$("cl-notices").append(notice);
    select.focus();
  }

  /** A new assessment holding the answers as reviewed; returns its id. */
  fromSubmission(doc) {
    const { result, ...answers } = structuredClone(doc.submission); // the recomputed result is what counts
    const names = new Set(this.app.store.list().map((e) => e.label));
    let label = answers.assessment?.service || this.t.untitled;
    for (let n = 2; names.has(label); n++) label = `${label.replace(/ \(\d+\)$/, "")} (${n})`;
    const entry = { id: newId(), label, created: Date.now(), doc: answers, seen: null };
    this.app.store.add(entry);
    return entry.id;
  }

  attach(id, doc, file) {
    const { app, t } = this;
    const had = Boolean(app.store.entries.get(id).review);
    // The submission's text proved the bytes when the file was read; kept, it would double what is stored.
    const kept = { ...doc };
    delete kept.submission_text;
    app.store.change(id, ["review"], kept);
    const error = app.store.flush();
    app.open(id);
    const name = app.name(app.entry);
    if (error) app.notice(fill(t.review_unsaved, { file, name, error: error.message }), "danger");
    else app.notice(fill(had ? t.review_replaced : t.review_attached, { file, name }), "success");
  }

  remove() {
    if (!window.confirm(this.t.review_remove_confirm)) return;
    this.app.store.change(this.app.entry.id, ["review"], undefined);
    this.app.store.flush();
    this.update();
  }
}
