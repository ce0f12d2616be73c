// Where the SP stands, always in view: the status bar (name, verdict, score, answered, saved) and
// the result panel (launch conditions, sections, lists), redrawn from one score result.

import { el, fill } from "../shared/dom.js";
import { percent } from "../plan/plan.js";
import { storageBlocked } from "../shared/storage-area.js";

// A verdict is told by colour, icon and word together, never by colour alone; marks that read at
// the size of the text in any font (a half-filled circle read as a stray mark).
const ICONS = { ready: "✔", conditional: "!", incomplete: "…", not_ready: "✖", contradicted: "?" };

/**
 * The verdict as shown in the status bar, the result and the report alike: when the plan
 * contradicts a "met" answer to 5.1 or 5.2, or the measured evidence one to 4.1 or 4.2, a ready or
 * conditional verdict is put in doubt, in the colour of a problem, everywhere at once.
 */
export function verdictBadge(t, verdict, contradictions) {
  const { kind, word } = verdictWords(t, verdict, contradictions);
  return el("span", { class: `cl-verdict-badge cl-verdict--${kind}` },
    el("span", { class: "cl-verdict__icon", "aria-hidden": "true" }, ICONS[kind]), ` ${word}`);
}

function verdictWords(t, verdict, contradictions) {
  const doubt = contradictions.length > 0 && (verdict === "ready" || verdict === "conditional");
  return { kind: doubt ? "contradicted" : verdict, word: doubt ? fill(t.verdict_contradicted, { verdict: t[verdict] }) : t[verdict] };
}
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

  render(result, contradictions = [], unconfirmed = []) {
    const t = this.t;
    const answered = result.sections.reduce((n, s) => n + s.answered, 0);
    const total = result.sections.reduce((n, s) => n + s.total, 0);
    const badge = verdictBadge(t, result.verdict, contradictions);
    const bar = this.app.$("cl-bar-verdict");
    bar.className = badge.className;
    bar.replaceChildren(...badge.childNodes);
    this.app.$("cl-bar-score").textContent = `${fill(t.score_of, { percent: percent(result.percent) })} · ${fill(t.answered_count, { answered, total })}`;
    this.app.$("cl-verdict").replaceChildren(verdictBadge(t, result.verdict, contradictions),
      ` · ${fill(t.score_of, { percent: percent(result.percent) })} · ${fill(t.answered_count, { answered, total })}`);
    const live = fill(t.live, { verdict: verdictWords(t, result.verdict, contradictions).word, percent: percent(result.percent) });
    if (this.app.$("cl-live").textContent !== live) this.app.$("cl-live").textContent = live;

    const blocked = new Set(result.blockers);
    const unanswered = new Set(result.unanswered);
    const doubted = new Set(contradictions);
    const measured = new Set(this.app.measuredContradictions ?? []); // 4.1, 4.2: by the evidence, not the plan
    for (const [id, span] of this.launch) {
      const state = blocked.has(id) ? "unmet" : unanswered.has(id) ? "none" : doubted.has(id) ? "contradicted" : "met";
      const contradicted = measured.has(id) ? t.met_measured_contradicted : t.met_contradicted;
      const word = { none: t.unanswered_status, met: t.met, unmet: t.unmet, contradicted }[state];
      span.className = `cl-state cl-state--${state}`;
      span.textContent = `${this.app.question(id)} — ${word}`;
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
        el("summary", {}, this.t[key] + this.t.paren.replace("{}", ids.length)));
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
