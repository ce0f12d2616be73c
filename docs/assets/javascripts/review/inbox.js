// The inbox: every review kept in this browser as one row (organisation, service, verdict, criteria
// version, progress, decision, earliest condition due, last edited), sorted, filtered and searched.
// rows(), sortRows() and filterRows() are DOM-free (the benchmark and the tests call them);
// Inbox draws them into the page's table and hears the reviewer's keys.

import { overallLabel } from "./decisions.js";
import { earliestDue, progress, state } from "./checks.js";
import { el, fill } from "./view.js";

export const COLUMNS = ["organisation", "service", "verdict", "criteria_version", "state", "decision", "due", "edited"];
export const PAGE = 100; // rows drawn at first, and added by each "show more"
// The filters (the page draws them: macros/review.py) are these states and every overall decision.
// Verdicts and progress sort by meaning, not by their words.
const VERDICT_ORDER = { not_ready: 0, incomplete: 1, conditional: 2, ready: 3 };
const STATE_ORDER = { not_started: 0, in_progress: 1, decided: 2 };

/** One plain row per review. */
export function rows(criteria, entries) {
  return entries.map((e) => {
    const meta = e.meta ?? {};
    const { decided, total } = progress(criteria, e.review);
    return {
      id: e.id, file: e.file, organisation: meta.organisation ?? "", service: meta.service ?? "",
      verdict: meta.verdict ?? "", criteria_version: meta.criteria_version ?? "", state: state(criteria, e.review),
      decided, total, decision: e.review.decision ?? "", due: earliestDue(criteria, e.review), edited: e.edited ?? e.opened ?? "",
      attention: (meta.attention ?? 0) + Object.keys(e.changes?.items ?? {}).length + Object.keys(e.changes?.plan ?? {}).length,
      resubmission: Boolean(e.previous),
    };
  });
}

const collators = new Map(); // building a collator costs more than sorting a hundred rows with it
const collator = (lang) => {
  if (!collators.has(lang)) collators.set(lang, new Intl.Collator(lang === "zh" ? "zh-u-co-pinyin" : "en", { numeric: true }).compare);
  return collators.get(lang);
};

/** Rows sorted by a column, ties broken by organisation then file, so the order never jumps. */
export function sortRows(list, column, descending, lang) {
  const text = collator(lang);
  const rank = (r) => (column === "verdict" ? VERDICT_ORDER[r.verdict] ?? -1
    : column === "state" ? STATE_ORDER[r.state] * 10000 + r.decided : null);
  const by = (a, b) => {
    const ranked = rank(a);
    if (ranked !== null) return ranked - rank(b);
    // Empty values (no due date, no decision) go last whichever way the column is sorted.
    if (!a[column] !== !b[column]) return (!a[column] ? 1 : -1) * (descending ? -1 : 1);
    return text(a[column], b[column]);
  };
  const sign = descending ? -1 : 1;
  return [...list].sort((a, b) => sign * by(a, b) || text(a.organisation, b.organisation) || text(a.file, b.file));
}

/** Rows that pass the filter and hold every word of the search (organisation, service, file). */
export function filterRows(list, filter, query) {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const passes = {
    all: () => true, attention: (r) => r.attention > 0, not_started: (r) => r.state === "not_started",
    in_progress: (r) => r.state === "in_progress", decided: (r) => r.state === "decided",
  }[filter] ?? ((r) => r.decision === filter);
  return list.filter((r) => {
    if (!passes(r)) return false;
    if (!words.length) return true;
    const hay = `${r.organisation}\n${r.service}\n${r.file}`.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** An ISO time as the reader's local "YYYY-MM-DD HH:MM". */
export function localTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export class Inbox {
  /** root: the page's #sp-review; onOpen(id) when the reviewer picks a review. */
  constructor(root, t, lang, onOpen) {
    Object.assign(this, { root, t, lang, onOpen, column: "edited", descending: true, all: [] });
    this.$ = (id) => root.querySelector(`#${id}`);
    this.limit = PAGE;
    this.$("rv-search").addEventListener("input", () => this.draw());
    this.$("rv-filter").addEventListener("change", () => this.draw());
    this.$("rv-inbox-more").addEventListener("click", () => {
      this.limit += PAGE;
      this.draw(true);
      this.$("rv-inbox-rows").querySelectorAll("[data-open]")[this.limit - PAGE]?.focus();
    });
    this.$("rv-inbox-head").addEventListener("click", (e) => {
      const button = e.target.closest("[data-sort]");
      if (!button) return;
      const column = button.dataset.sort;
      this.descending = column === this.column ? !this.descending : column === "edited";
      this.column = column;
      this.draw();
    });
    this.$("rv-inbox-rows").addEventListener("click", (e) => {
      const button = e.target.closest("[data-open]");
      if (button) onOpen(button.dataset.open);
    });
    // Up and down move between the rows' open buttons, as in a mail client's list.
    this.$("rv-inbox-rows").addEventListener("keydown", (e) => {
      if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key) || !e.target.matches("[data-open]")) return;
      const buttons = [...this.$("rv-inbox-rows").querySelectorAll("[data-open]")];
      const at = buttons.indexOf(e.target);
      const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (buttons[next]) {
        e.preventDefault();
        buttons[next].focus();
      }
    });
  }

  /** Take the reviews afresh (criteria and the store's entries) and draw. */
  update(criteria, entries) {
    this.all = rows(criteria, entries);
    this.draw();
  }

  cells(r) {
    const t = this.t;
    const progressText = r.state === "not_started" ? t.state_not_started
      : r.state === "decided" ? t.state_decided : fill(t.state_in_progress, { n: r.decided, total: r.total });
    const decision = overallLabel(t, r.decision || null);
    const name = el("button", { type: "button", class: "rv-inbox__open", "data-open": r.id }, r.organisation || t.untitled_review);
    const flags = [r.attention ? el("span", { class: "rv-flag rv-flag--attention" }, fill(t.attention_count, { n: r.attention })) : "",
      r.resubmission ? el("span", { class: "rv-flag" }, t.resubmission) : ""];
    return [[name, el("span", { class: "rv-inbox__file" }, r.file), ...flags], r.service || "—", t[r.verdict] ?? r.verdict,
      r.criteria_version, progressText, decision, el("span", { class: "rv-nowrap" }, r.due || "—"),
      localTime(r.edited).split(" ").map((part) => el("span", { class: "rv-nowrap" }, part, " "))];
  }

  // A year of reviews is a thousand rows: the first PAGE are drawn, the rest on asking, so sorting and
  // searching stay quick however many are kept.
  draw(more = false) {
    if (!more) this.limit = PAGE;
    const filter = this.$("rv-filter").value;
    const matching = sortRows(filterRows(this.all, filter, this.$("rv-search").value), this.column, this.descending, this.lang);
    const shown = matching.slice(0, this.limit);
    for (const th of this.$("rv-inbox-head").querySelectorAll("th")) {
      const column = th.querySelector("[data-sort]")?.dataset.sort;
      if (column === this.column) th.setAttribute("aria-sort", this.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    const labels = COLUMNS.map((c) => this.$("rv-inbox-head").querySelector(`[data-sort=${c}]`).textContent);
    this.$("rv-inbox-rows").replaceChildren(...shown.map((r) => el("tr", { "data-id": r.id, "data-state": r.state },
      this.cells(r).map((cell, n) => el(n ? "td" : "th", { scope: n ? undefined : "row", "data-label": labels[n] }, cell)))));
    this.$("rv-inbox-count").textContent = fill(this.t.inbox_count, { shown: matching.length, total: this.all.length });
    this.$("rv-inbox-table").hidden = !this.all.length;
    this.$("rv-inbox-none").hidden = Boolean(shown.length) || !this.all.length;
    const rest = matching.length - shown.length;
    this.$("rv-inbox-more").hidden = rest <= 0;
    this.$("rv-inbox-more").textContent = fill(this.t.inbox_more, { n: Math.min(rest, PAGE), rest });
  }
}
