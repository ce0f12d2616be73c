// Where the SP stands, always in view: the status bar (name, verdict, score, answered, saved) and
// the result panel (launch conditions, sections, lists), redrawn from one score result.

import { el, fill } from "./dom.js";
import { percent } from "./plan.js";
import { storageBlocked } from "./storage-area.js";

// A verdict is told by colour, icon and word together, never by colour alone.
const ICONS = { ready: "✔", conditional: "◐", incomplete: "…", not_ready: "✖" };
const LIST_LIMIT = 100; // a long list shows its first entries; the filters reach the rest

export class Summary {
  constructor(app) {
    this.app = app;
    this.t = app.t;
    this.lists = app.$("cl-lists");
    this.open = new Set(["blockers", "contradictions", "unconfirmed"]);
    this.last = null;
    // Found once: searching a checklist of thousands of items on every answer is what made it slow.
    const all = (selector, key) => new Map([...app.root.querySelectorAll(selector)].map((e) => [e.dataset[key], e]));
    this.launch = all("[data-launch]", "launch");
    this.sectionScores = all("[data-section-score]", "sectionScore");
    this.sectionBars = all("[data-section-bar]", "sectionBar");
    this.progress = all(".cl-progress[data-section]", "section");
  }

  badge(verdict) {
    return [el("span", { class: "cl-verdict__icon", "aria-hidden": "true" }, ICONS[verdict]), ` ${this.t[verdict]}`];
  }

  render(result, contradictions = [], unconfirmed = []) {
    const t = this.t;
    const answered = result.sections.reduce((n, s) => n + s.answered, 0);
    const total = result.sections.reduce((n, s) => n + s.total, 0);
    const bar = this.app.$("cl-bar-verdict");
    bar.className = `cl-verdict-badge cl-verdict--${result.verdict}`;
    bar.replaceChildren(...this.badge(result.verdict));
    this.app.$("cl-bar-score").textContent = `${fill(t.score_of, { percent: percent(result.percent) })} · ${fill(t.answered_count, { answered, total })}`;
    this.app.$("cl-verdict").replaceChildren(
      el("span", { class: `cl-verdict-badge cl-verdict--${result.verdict}` }, ...this.badge(result.verdict)),
      ` · ${fill(t.score_of, { percent: percent(result.percent) })} · ${fill(t.answered_count, { answered, total })}`);
    const live = fill(t.live, { verdict: t[result.verdict], percent: percent(result.percent) });
    if (this.app.$("cl-live").textContent !== live) this.app.$("cl-live").textContent = live;

    const blocked = new Set(result.blockers);
    const unanswered = new Set(result.unanswered);
    for (const [id, span] of this.launch) {
      const state = blocked.has(id) ? "unmet" : unanswered.has(id) ? "none" : "met";
      span.className = `cl-state cl-state--${state}`;
      span.textContent = `${this.app.question(id)} — ${state === "none" ? t.unanswered_status : state === "met" ? t.met : t.unmet}`;
    }
    for (const s of result.sections) {
      const text = `${percent(s.percent)} · ${fill(t.answered_count, s)}`;
      this.sectionScores.get(s.id).textContent = text;
      this.sectionBars.get(s.id).style.width = `${s.percent ?? 0}%`;
      this.progress.get(s.id).textContent = text;
    }
    this.last = { result, contradictions, unconfirmed };
    this.renderLists();
  }

  // The lists of items, drawn in full only while open, so a long checklist stays quick to answer.
  renderLists() {
    const { result, contradictions, unconfirmed } = this.last;
    const lists = { unconfirmed, contradictions, blockers: result.blockers, gaps: result.gaps, unanswered: result.unanswered, unknown: result.unknown };
    const shown = Object.entries(lists).filter(([, ids]) => ids.length).map(([key, ids]) => {
      const details = el("details", { class: `cl-list cl-list--${key}`, "data-list": key, open: this.open.has(key) },
        el("summary", {}, `${this.t[key]} (${ids.length})`));
      if (this.open.has(key)) {
        details.append(el("ul", {}, ids.slice(0, LIST_LIMIT).map((id) => el("li", {}, this.app.itemLink(id)))));
        if (ids.length > LIST_LIMIT) details.append(el("p", {}, fill(this.t.more, { count: ids.length - LIST_LIMIT })));
      }
      details.addEventListener("toggle", () => {
        if (details.open === this.open.has(key)) return;
        if (details.open) this.open.add(key);
        else this.open.delete(key);
        this.renderLists();
        this.lists.querySelector(`[data-list=${key}] summary`)?.focus();
      });
      return details;
    });
    this.lists.replaceChildren(...shown);
  }

  saved(state, error) {
    if (storageBlocked) state = "blocked"; // kept in this page's memory only: never "Saved"
    const box = this.app.$("cl-saved");
    box.className = `cl-saved cl-saved--${state}`;
    const quota = error && (error.name === "QuotaExceededError" || /quota/i.test(error.message));
    box.textContent = state === "failed" ? fill(this.t.save_failed, { error: quota ? this.t.quota : error?.message ?? error }) : this.t[state];
  }
}
