// The plan view: one text per template section, a first draft from what the SP already wrote in
// the checklist, where clauses 5.1 and 5.2 stand, and the exports (Word, Markdown, HTML).

import { isBlank, trim } from "../shared/blank.js";
import { download, el, fill } from "../shared/dom.js";
import { thresholdText } from "../criteria/quantity.js";
import { answerQuantity, planChecks, planHtml, planMarkdown, writtenText } from "../plan/plan.js";

export class PlanWriter {
  constructor(app) {
    this.app = app;
    this.t = app.t;
    this.view = app.$("cl-plan");
    this.parts = [...this.view.querySelectorAll("[data-part]")].map((node) => ({
      node, id: node.dataset.part, area: node.querySelector("textarea"),
      items: node.dataset.items ? node.dataset.items.split(" ") : [],
    }));
    this.view.addEventListener("input", (e) => {
      const part = e.target.closest("[data-part]");
      if (part && e.target.dataset.field === "plan") this.changed(part.dataset.part, e.target.value);
    });
    this.view.addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=insert]");
      if (button) this.insert(this.parts.find((p) => p.node.contains(button)));
    });
    this.annex = app.$("cl-plan-annex");
    this.annex.addEventListener("change", () => app.store.change(app.entry.id, ["plan_annex"], this.annex.checked ? undefined : false));
    app.$("cl-plan-md").addEventListener("click", () => this.export("md"));
    app.$("cl-plan-html").addEventListener("click", () => this.export("html"));
    app.$("cl-plan-docx").addEventListener("click", () => this.exportWord());
  }

  show(entry) {
    this.annex.checked = entry.plan_annex !== false; // attached unless the SP left it out
    for (const part of this.parts) {
      const text = entry.doc.plan?.[part.id] ?? "";
      if (part.area.value !== text) part.area.value = text;
    }
    this.renderRelated();
  }

  changed(id, text) {
    const before = writtenText(this.app.entry.doc.plan?.[id] ?? "");
    const now = writtenText(text);
    this.app.store.change(this.app.entry.id, ["doc", "plan", id], now ? text : undefined);
    this.app.entry.doc.format_version = 2;
    if (before !== now) this.app.rescore(); // a section became written or empty
  }

  /**
   * What the SP wrote for these items, as plain prose for the plan in the page's language: no
   * question, no self-score, no private note. Each passage says how to tell it is already in the
   * plan whatever language it was inserted in: a note or evidence by its own text, a value by a
   * record of values inserted (entry.drafted) and its number.
   */
  draft(ids) {
    const { criteria, lang, t } = this.app;
    const answers = this.app.entry.doc.answers;
    const out = [];
    for (const id of ids) {
      const item = criteria.items.find((i) => i.id === id);
      const a = Object.hasOwn(answers, id) ? answers[id] : null;
      if (!item || !a) continue;
      if (typeof a.value === "number") {
        const limit = fill(t[`${item.kind}_words`], { q: thresholdText(criteria, item.threshold, lang) });
        const value = answerQuantity(criteria, item, a, this.app.entry.doc.criteria_version, lang);
        const clause = t.clause.replace("{}", item.clause);
        const [open, close] = lang === "zh" ? ["（", "）"] : [" (", ")"];
        out.push({ line: `${clause[0].toUpperCase()}${clause.slice(1)}${t.sep}${value}${open}${limit}${close}`,
          key: `value ${id} ${a.value}`, own: String(a.value) });
      }
      const note = a.note ? trim(a.note) : "";
      if (note && a.note_private !== true) out.push({ line: note, own: note });
      const evidence = a.evidence ? trim(a.evidence) : "";
      if (evidence) out.push({ line: `${t.evidence}${t.sep}${evidence}`, own: evidence });
    }
    return out;
  }

  /** Whether a passage is in the plan already, in any section (3.5 and 2.7 share passages). */
  inPlan(passage) {
    const texts = this.parts.map((p) => p.area.value);
    if (texts.some((text) => text.includes(passage.line))) return true;
    if (!passage.key) return texts.some((text) => text.includes(passage.own));
    return (this.app.entry.drafted ?? []).includes(passage.key) && texts.some((text) => text.includes(passage.own));
  }

  renderRelated() {
    for (const part of this.parts) {
      const body = part.node.querySelector(".cl-related__body");
      if (!body) continue;
      const passages = this.draft(part.items);
      const fresh = passages.filter((p) => !this.inPlan(p));
      body.replaceChildren(...(passages.length ? passages.map((p) => el("p", {}, p.line,
        ...(fresh.includes(p) ? [] : [el("span", { class: "cl-related__done" }, this.t.draft_in_plan)])))
        : [el("p", {}, this.t.nothing_related)]));
      // Nothing to insert, or all of it already in the plan: the button says so by being off.
      part.node.querySelector("[data-action=insert]").disabled = !fresh.length;
    }
  }

  /** Insert the draft; passages already in the plan, in any section or language, are not added again. */
  insert(part) {
    const text = part.area.value;
    const fresh = this.draft(part.items).filter((p) => !this.inPlan(p));
    if (fresh.length) {
      const lines = fresh.map((p) => p.line);
      part.area.value = !isBlank(text) ? `${text.trimEnd()}\n\n${lines.join("\n")}` : lines.join("\n");
      this.changed(part.id, part.area.value);
      const keys = fresh.filter((p) => p.key).map((p) => p.key);
      if (keys.length) this.app.store.change(this.app.entry.id, ["drafted"], [...new Set([...(this.app.entry.drafted ?? []), ...keys])]);
    }
    this.renderRelated();
    part.area.focus();
  }

  /** Where the plan stands against clauses 5.1 and 5.2 (plan/plan.js planChecks, as the command line). */
  checks(result) {
    return planChecks(this.app.criteria, this.app.entry.doc, result);
  }

  renderStatus(checks) {
    const t = this.t;
    const part = (id) => this.app.criteria.template.find((p) => p.id === id);
    // Out of the tab order: the sections follow in the same order, so Tab reaches the first text box
    // after the export buttons, not after a link to every empty section.
    const link = (id) => el("li", {}, el("a", { href: `#plan-${id}-h`, tabindex: "-1" }, `${part(id).number} ${part(id).title[this.app.lang]}`));
    const total = checks.written.length + checks.missing.length;
    const blocks = [el("p", {}, fill(t.plan_progress, { written: checks.written.length, total }))];
    if (checks.missing_5_1.length) blocks.push(el("p", { class: "cl-flag" }, t.flag_5_1), el("ul", {}, checks.missing_5_1.map(link)));
    if (checks.failing_5_2.length) blocks.push(el("p", { class: "cl-flag" }, t.flag_5_2), el("ul", {}, checks.failing_5_2.map(link)));
    const others = checks.missing.filter((id) => !checks.missing_5_1.includes(id));
    if (others.length) blocks.push(el("p", {}, t.plan_empty), el("ul", {}, others.map(link)));
    if (!checks.missing.length && !checks.failing_5_2.length) blocks.push(el("p", {}, t.plan_complete));
    this.app.$("cl-plan-status").replaceChildren(...blocks);
  }

  export(kind) {
    const { criteria, lang, t } = this.app;
    const doc = this.app.entry.doc;
    const result = this.app.result;
    const stem = this.app.fileStem();
    const options = { annex: this.annex.checked };
    if (kind === "md") download(`plan-${stem}.md`, planMarkdown(criteria, doc, result, t, lang, options), "text/markdown");
    else download(`plan-${stem}.html`, planHtml(criteria, doc, result, t, lang, this.app.root.dataset.planCss, options), "text/html");
  }

  // The Word writer and its library are large: loaded only when the SP asks for Word.
  async exportWord() {
    const { criteria, lang, t } = this.app;
    const button = this.app.$("cl-plan-docx");
    button.disabled = true;
    this.app.say(t.plan_docx_busy);
    try {
      const { planDocx } = await import("../plan/plan-docx.js");
      const blob = await planDocx(criteria, this.app.entry.doc, this.app.result, t, lang, { annex: this.annex.checked });
      download(`plan-${this.app.fileStem()}.docx`, blob);
      this.app.say("");
    } catch (error) {
      this.app.say(fill(t.plan_docx_failed, { error: error.message }));
    } finally {
      button.disabled = false;
    }
  }
}
