// The answers form: fills the build-time fieldsets from an assessment, turns each change into one
// field change in the store, and says at once how a number compares with its threshold.

import { el, fill } from "../shared/dom.js";
import { quantityText } from "../criteria/quantity.js";
import { statusOf, unconfirmedSince } from "../answers/scoring.js";

const answerPath = (id, field) => ["doc", "answers", id, field];

export class AnswersForm {
  constructor(app) {
    this.app = app;
    this.t = app.t;
    this.form = app.$("cl-form");
    this.byId = new Map(app.criteria.items.map((i) => [i.id, i]));
    this.rows = new Map(); // found on first use: a checklist of thousands of items starts at once
    this.marked = new Set(); // items showing anything, to reset when another assessment is shown
    this.form.addEventListener("input", (e) => this.input(e.target));
    this.form.addEventListener("change", (e) => e.target.type === "radio" || e.target.type === "checkbox" ? this.input(e.target) : null);
    this.form.addEventListener("click", (e) => this.click(e));
    app.$("cl-filter").addEventListener("change", (e) => (this.form.dataset.filter = e.target.value));
    app.$("cl-next").addEventListener("click", () => this.nextUnanswered());
  }

  get entry() {
    return this.app.entry;
  }

  /** The controls of one item, looked up once. */
  row(id) {
    if (this.rows.has(id)) return this.rows.get(id);
    const fieldset = document.getElementById(`item-${id}`);
    if (!fieldset || !this.byId.has(id)) return null;
    const controls = [...fieldset.querySelectorAll("input")];
    const row = {
      item: this.byId.get(id), fieldset,
      status: controls.filter((c) => c.type === "radio" || c.type === "checkbox"),
      value: controls.find((c) => c.type === "number") ?? null,
      msg: fieldset.querySelector(".cl-msg"), texts: null, // note and evidence: made on first use
      toggle: fieldset.querySelector("[data-action=texts]"),
    };
    this.rows.set(id, row);
    return row;
  }

  /** Show one assessment's answers: only items with something to show are touched. */
  show(entry) {
    const ids = new Set([...this.marked, ...Object.keys(entry.doc.answers), ...Object.keys(entry.invalid ?? {})]);
    this.marked.clear();
    for (const id of ids) if (this.byId.has(id)) this.refresh(id);
  }

  /** Refresh one item after a change (here or in another tab). */
  refresh(id) {
    const row = this.row(id);
    if (!row) return;
    const answer = Object.hasOwn(this.entry.doc.answers, id) ? this.entry.doc.answers[id] : {};
    if (Object.keys(answer).length || this.entry.invalid?.[id] !== undefined) this.marked.add(id);
    for (const input of row.status) input.checked = input.value === answer.status;
    if (row.value) row.value.value = typeof answer.value === "number" ? String(answer.value) : this.entry.invalid?.[id] ?? "";
    this.showTexts(row, answer, false);
    this.mark(id);
  }

  /** The item's state for filters and styles, and a number's verdict in words. */
  mark(id) {
    const row = this.row(id);
    const answer = this.entry.doc.answers[id];
    const status = statusOf(this.app.criteria, row.item, answer ?? null);
    row.fieldset.dataset.state = status ?? "none";
    this.markTerms(row, answer);
    if (!row.value) return;
    const invalid = this.entry.invalid?.[id];
    row.value.setAttribute("aria-invalid", String(invalid !== undefined));
    row.msg.className = "cl-msg";
    if (invalid !== undefined) {
      row.msg.classList.add("cl-msg--error");
      const unit = this.app.criteria.thresholds[row.item.threshold].unit;
      row.msg.textContent = this.app.criteria.units[unit].measures === "count" ? this.t.bad_count : this.t.bad_number;
    } else if (typeof answer?.value === "number") {
      const q = this.app.criteria.thresholds[row.item.threshold];
      const met = status === "met";
      const limit = quantityText(q.value, this.app.criteria.units[q.unit], this.app.lang);
      const words = fill(this.t[`${row.item.kind}${met ? "" : "_fail"}_words`], { q: limit });
      row.msg.classList.add(met ? "cl-msg--met" : "cl-msg--unmet");
      row.msg.textContent = fill(met ? this.t.meets : this.t.misses, { limit: words });
    } else row.msg.textContent = "";
  }

  /** "Terms changed since you answered": an answer given under an earlier version asks to be confirmed. */
  markTerms(row, answer) {
    const since = unconfirmedSince(this.app.criteria, row.item, answer ?? null, this.entry.doc.criteria_version);
    let box = row.fieldset.querySelector(".cl-terms");
    if (since === null) {
      box?.remove();
      return;
    }
    box ??= row.fieldset.insertBefore(el("div", { class: "cl-terms", role: "note" }), row.fieldset.querySelector(".cl-tools"));
    box.replaceChildren(el("p", {}, fill(this.t.terms_changed, { version: since })),
      el("button", { type: "button", "data-action": "confirm" }, this.t.confirm));
  }

  input(target) {
    const row = this.row(target.closest("[data-item]")?.dataset.item);
    if (!row) return;
    const id = row.item.id;
    this.marked.add(id);
    const store = this.app.store;
    const key = this.app.entry.id;
    const field = target.dataset.field ?? (target.type === "radio" || target.type === "checkbox" ? "status" : null);
    if (field === "note_private" && target.type !== "checkbox") return;
    if (field === "note_private") {
      store.change(key, answerPath(id, field), target.checked ? true : undefined);
      return; // where the note goes, not the score
    }
    if (field === "note" || field === "evidence") {
      store.change(key, answerPath(id, field), target.value);
      row.toggle.textContent = this.hasTexts(this.entry.doc.answers[id]) ? this.t.texts_filled : this.t.texts;
      return; // texts do not change the score
    }
    // Answering again under this version confirms the answer: it no longer carries an older one.
    if (field === "status" || field === "value") store.change(key, answerPath(id, "version"), undefined);
    if (field === "status") {
      if (target.type === "checkbox" && !target.checked) store.change(key, answerPath(id, "status"), undefined);
      else {
        store.change(key, answerPath(id, "status"), target.value);
        if (row.value) this.setValue(row, "");
      }
    } else if (field === "value") {
      this.setValue(row, target.value, target.validity.badInput);
      if (target.value !== "" || target.validity.badInput) {
        for (const box of row.status) box.checked = false;
        store.change(key, answerPath(id, "status"), undefined);
      }
    }
    this.mark(id);
    this.app.answered(id);
  }

  /** A number field's text: a valid number is the answer; anything else stays visible, flagged. */
  setValue(row, raw, bad = false) {
    const id = row.item.id;
    const key = this.app.entry.id;
    const number = raw.trim() === "" ? NaN : Number(raw);
    const unit = this.app.criteria.thresholds[row.item.threshold].unit;
    const whole = this.app.criteria.units[unit].measures !== "count" || Number.isInteger(number);
    const ok = !bad && Number.isFinite(number) && number >= 0 && whole;
    if (raw === "" && !bad) row.value.value = "";
    this.app.store.change(key, answerPath(id, "value"), ok ? number : undefined);
    this.app.store.change(key, answerPath(id, "unit"), ok ? unit : undefined); // kept with its unit: never reread in another
    this.app.store.change(key, ["invalid", id], ok || (raw === "" && !bad) ? undefined : raw || "?");
  }

  click(e) {
    const button = e.target.closest("button[data-action]");
    const row = button && this.row(button.closest("[data-item]")?.dataset.item);
    if (!row) return;
    this.marked.add(row.item.id);
    if (button.dataset.action === "confirm") {
      this.app.store.change(this.app.entry.id, answerPath(row.item.id, "version"), undefined);
      this.mark(row.item.id);
      this.app.answered(row.item.id);
      (row.status[0] ?? row.value).focus();
    } else if (button.dataset.action === "clear") {
      // Clearing takes back the answer only: the note and evidence are the SP's own writing.
      for (const input of row.status) input.checked = false;
      this.app.store.change(this.app.entry.id, answerPath(row.item.id, "status"), undefined);
      if (row.value) this.setValue(row, "");
      this.mark(row.item.id);
      this.app.answered(row.item.id);
    } else if (button.dataset.action === "texts") {
      const open = button.getAttribute("aria-expanded") !== "true";
      this.showTexts(row, this.entry.doc.answers[row.item.id] ?? {}, open);
      if (open) row.texts.querySelector("textarea").focus();
    }
  }

  hasTexts(answer) {
    return Boolean(answer?.note || answer?.evidence);
  }

  // Note and evidence open on demand, and by themselves when they hold text.
  showTexts(row, answer, force) {
    const open = force || this.hasTexts(answer);
    if (!row.texts && !open) return;
    if (!row.texts) {
      const n = `item-${row.item.id}`;
      row.texts = el("div", { class: "cl-texts", id: `${n}-texts` });
      row.toggle.parentElement.after(row.texts);
      row.toggle.setAttribute("aria-controls", row.texts.id);
      // Notes go into the plan unless the SP keeps one private: a note explains the answer to
      // whoever reviews it, but some are internal ("drill not held yet").
      row.texts.append(
        el("div", { class: "cl-note" },
          el("label", {}, this.t.note, el("textarea", { name: `${n}-note`, "data-field": "note", rows: 2 })),
          el("label", { class: "cl-check" }, el("input", { type: "checkbox", name: `${n}-private`, "data-field": "note_private" }), this.t.note_private)),
        el("label", {}, this.t.evidence, el("textarea", { name: `${n}-evidence`, "data-field": "evidence", rows: 2 })));
    }
    row.texts.querySelector("[data-field=note_private]").checked = answer?.note_private === true;
    for (const area of row.texts.querySelectorAll("textarea")) {
      const text = answer?.[area.dataset.field] ?? "";
      if (area.value !== text) area.value = text;
    }
    if (open || !row.texts.contains(document.activeElement)) row.texts.hidden = !open;
    row.toggle.setAttribute("aria-expanded", String(!row.texts.hidden));
    row.toggle.textContent = this.hasTexts(answer) ? this.t.texts_filled : this.t.texts;
  }

  /** Open the texts of an item, e.g. to let a test or a link reach them. */
  openTexts(id) {
    const row = this.row(id);
    if (row) this.showTexts(row, this.entry.doc.answers[id] ?? {}, true);
  }

  /** Beside items 5.1 and 5.2: the plan sections that contradict a "met" answer, or nothing. */
  planCheck(id, missing) {
    const row = this.row(id);
    if (!row) return;
    let box = row.fieldset.querySelector(".cl-plancheck");
    if (!missing) {
      box?.remove();
      return;
    }
    box ??= row.fieldset.insertBefore(el("div", { class: "cl-plancheck", role: "note" }), row.fieldset.querySelector(".cl-tools"));
    const label = (p) => `${p.number} ${p.title[this.app.lang]}`;
    box.replaceChildren(el("p", {}, this.t.contradiction),
      el("ul", {}, missing.map((p) => el("li", {}, el("a", { href: `#plan-${p.id}-h` }, label(p))))));
  }

  firstUnanswered(after = null) {
    const ids = [...this.byId.keys()];
    const start = after ? ids.indexOf(after) + 1 : 0;
    const answers = this.entry.doc.answers;
    for (const id of [...ids.slice(start), ...ids.slice(0, start)]) {
      if (statusOf(this.app.criteria, this.byId.get(id), Object.hasOwn(answers, id) ? answers[id] : null) !== null) continue;
      const row = this.row(id);
      if (row.fieldset.offsetParent !== null) return row; // not hidden by a filter
    }
    return null;
  }

  /** Move to the next unanswered item after the one in focus, or say none is left. */
  nextUnanswered() {
    // From the item in focus, or else from the one this button last went to, so it moves on.
    const here = document.activeElement?.closest?.("[data-item]")?.dataset.item ?? this.lastNext ?? null;
    const row = this.firstUnanswered(here);
    this.lastNext = row?.item.id;
    if (!row) {
      this.app.say(this.t.all_answered);
      return;
    }
    this.app.views.go(`item-${row.item.id}`);
    (row.status[0] ?? row.value).focus({ preventScroll: true });
  }
}
