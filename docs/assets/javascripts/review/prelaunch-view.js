// The review page's pre-launch test log (clause 3.3): rows of channel, contact, first reply and note
// that the reviewer adds, edits and removes; the figures computed from them (review/prelaunch-log.js, the ticket
// evidence's own rule) and the suggested schedule: each declared channel at night, at a weekend and on
// a public holiday. Rows are kept in the review (`review.test_log.tests`, each with an `id` so that
// two tabs editing different rows never touch each other's), saved field by field like every other
// field of the review (review/store.js). Every text goes in as text.

import { DEFAULT_ZONE, KINDS, MAX_CHANNEL, MAX_NOTE, declaredChannels, isTime, kindsOf, localAt, localMs, suggestions, testFigures } from "./prelaunch-log.js";
import { figureLines, rowLine, shownTime } from "./prelaunch-log-words.js";
import { el, fill } from "./view.js";
import { trim } from "../evidence/times.js";
import { isBlank } from "../shared/blank.js";

const FIELDS = ["channel", "contacted", "replied", "note"];
const rowId = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** Whether a stored row is complete enough to count: a channel, a contact time, a reply time after it or none. */
export const countable = (row) => typeof row.channel === "string" && !isBlank(row.channel) && isTime(row.contacted) &&
  (!row.replied || (isTime(row.replied) && row.replied >= row.contacted));

/** The log as the review file holds it (review/export.js): rows without their ids, the cut-off given. */
export function logForFile(log, asOf) {
  if (!log?.tests?.length) return null;
  return { time_zone: log.time_zone ?? DEFAULT_ZONE, as_of: asOf,
    tests: log.tests.map((r) => ({ channel: r.channel ?? "", contacted: r.contacted ?? "", replied: r.replied ?? "", note: r.note ?? "" })) };
}

/** A log from a review file, as the page keeps it: each row given an id. */
export function logFromFile(log) {
  if (!log) return undefined;
  return { time_zone: log.time_zone, tests: log.tests.map((r) => ({ id: rowId(), channel: r.channel, contacted: r.contacted,
    replied: r.replied ?? "", note: r.note ?? "" })) };
}

export class TestLog {
  constructor(page) {
    this.page = page;
    this.t = page.t;
    this.$ = page.$;
    this.schedule = JSON.parse(page.root.dataset.schedule);
    this.$("rv-tl-add").addEventListener("click", () => this.add([{}], "channel"));
    this.$("rv-tl-add-all").addEventListener("click", () => this.add(this.missing().map((s) => ({ channel: s.channel, contacted: s.at })), "replied"));
    this.$("rv-tl-rows").addEventListener("input", (e) => this.edit(e.target));
    this.$("rv-tl-rows").addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=remove-test]");
      if (button) this.remove(button.closest("tr").dataset.row);
    });
    this.$("rv-tl-schedule").addEventListener("click", (e) => {
      const button = e.target.closest("[data-action=add-suggested]");
      if (button) this.add([{ channel: button.dataset.channel, contacted: button.dataset.at }], "replied");
    });
  }

  get log() {
    return this.page.entry?.review.test_log ?? { time_zone: DEFAULT_ZONE, tests: [] };
  }

  /** Draw the log for the review on screen; the field being typed in (`keep`) is left alone. */
  show(doc, keep = null) {
    this.doc = doc;
    const { t } = this;
    const log = this.log;
    this.$("rv-tl-zone").textContent = fill(t.tl_zone, { zone: log.time_zone });
    const channels = declaredChannels(this.page.criteria, doc);
    this.$("rv-tl-channels").replaceChildren(...channels.map((c) => el("option", { value: c })));
    const body = this.$("rv-tl-rows");
    const have = new Map([...body.children].map((tr) => [tr.dataset.row, tr]));
    const rows = log.tests.map((row, n) => {
      const tr = have.get(row.id) ?? this.rowElement(row.id);
      tr.querySelector("th").textContent = String(n + 1);
      for (const input of tr.querySelectorAll("[data-test]")) {
        const key = input.dataset.test;
        input.setAttribute("aria-label", `${t[`tl_${key}`]} ${n + 1}`);
        if (input !== keep) input.value = row[key] ?? "";
      }
      tr.querySelector("[data-action=remove-test]").setAttribute("aria-label", fill(t.tl_remove, { n: n + 1 }));
      return tr;
    });
    if (rows.length !== body.children.length || rows.some((tr, n) => body.children[n] !== tr)) body.replaceChildren(...rows);
    this.$("rv-tl-table").hidden = !rows.length;
    this.figures(channels);
  }

  rowElement(id) {
    const { t } = this;
    const cell = (key, attrs) => el("td", { "data-label": t[`tl_${key}`] }, el("input", { "data-test": key, ...attrs }));
    const time = { type: "datetime-local", min: "2000-01-01T00:00", max: "2099-12-31T23:59" };
    return el("tr", { "data-row": id }, el("th", { scope: "row" }),
      cell("channel", { type: "text", list: "rv-tl-channels", maxlength: String(MAX_CHANNEL), autocomplete: "off" }),
      cell("contacted", time), cell("replied", time),
      cell("note", { type: "text", maxlength: String(MAX_NOTE) }),
      el("td", {}, el("button", { type: "button", class: "md-button", "data-action": "remove-test" }, t.tl_remove_short)));
  }

  // --- changes, each saved at once --------------------------------------------------------------

  async add(rows, focus) {
    if (!rows.length) return;
    const fresh = rows.map((r) => ({ id: rowId(), channel: r.channel ?? "", contacted: r.contacted ?? "", replied: "", note: "" }));
    await this.page.save(({ review }) => {
      const log = review.test_log ?? { time_zone: DEFAULT_ZONE, tests: [] };
      review.test_log = { ...log, tests: [...log.tests, ...fresh] };
    });
    this.show(this.doc);
    const tr = this.$("rv-tl-rows").querySelector(`[data-row="${fresh[0].id}"]`);
    tr?.querySelector(`[data-test=${focus}]`)?.focus();
  }

  edit(input) {
    const key = input.dataset.test;
    if (!FIELDS.includes(key)) return;
    const id = input.closest("tr").dataset.row;
    const { value } = input;
    this.page.save(({ review }) => {
      const row = review.test_log?.tests.find((r) => r.id === id);
      if (row) row[key] = value; // a row another tab removed meanwhile stays removed
    }).then(() => this.figures(declaredChannels(this.page.criteria, this.doc)));
  }

  async remove(id) {
    const rows = [...this.$("rv-tl-rows").children];
    const at = rows.findIndex((tr) => tr.dataset.row === id);
    await this.page.save(({ review }) => {
      if (review.test_log) review.test_log = { ...review.test_log, tests: review.test_log.tests.filter((r) => r.id !== id) };
    });
    this.show(this.doc);
    // Focus moves to the row that took its place, else the one before, else the add button.
    const left = [...this.$("rv-tl-rows").children];
    ((left[at] ?? left[at - 1])?.querySelector("[data-action=remove-test]") ?? this.$("rv-tl-add")).focus();
  }

  // --- figures and schedule -------------------------------------------------------------------------

  now(zone) {
    return localAt(Date.now(), zone);
  }

  /** Figures of the countable rows, cut off now; the schedule for the declared and logged channels. */
  figures(declared) {
    const { t, page } = this;
    const log = this.log;
    const good = log.tests.filter(countable);
    const skipped = log.tests.length - good.length;
    const now = this.now(log.time_zone);
    const figures = good.length ? testFigures(page.criteria, { time_zone: log.time_zone, tests: good }, this.schedule, now) : null;
    const lines = figures ? figureLines(page.criteria, figures, t, page.lang) : [t.tl_none];
    this.$("rv-tl-figures").replaceChildren(...lines.map((line) => el("p", {}, line)),
      ...(skipped ? [el("p", { class: "rv-tl-skipped" }, fill(t.tl_incomplete, { n: skipped }))] : []));
    // Which kinds each channel has: tested (before now) or planned (a row after now).
    const state = new Map();
    for (const row of good) {
      const name = Array.from(trim(row.channel)).slice(0, MAX_CHANNEL).join("");
      const kinds = state.get(name) ?? {};
      for (const kind of kindsOf(localMs(row.contacted), this.schedule)) {
        kinds[kind] = row.contacted <= now ? "tested" : kinds[kind] === "tested" ? "tested" : { planned: row.contacted };
      }
      state.set(name, kinds);
    }
    const channels = [...new Set([...declared, ...state.keys()])];
    this.suggested = suggestions(channels, this.schedule, localMs(now));
    this.state = state;
    this.drawSchedule(channels);
  }

  /** The suggestions not yet tested or planned. */
  missing() {
    return (this.suggested ?? []).filter((s) => s.at && !this.state.get(s.channel)?.[s.kind]);
  }

  drawSchedule(channels) {
    const { t } = this;
    const night = `${t.tl_night} ${String(this.schedule.night[0]).padStart(2, "0")}:00–${String(this.schedule.night[1]).padStart(2, "0")}:00`;
    const heads = { night, weekend: t.tl_weekend, holiday: t.tl_holiday };
    const cell = (channel, kind) => {
      const had = this.state.get(channel)?.[kind];
      if (had === "tested") return el("td", { "data-label": heads[kind], class: "rv-tl-done" }, `✓ ${t.tl_tested}`);
      if (had) return el("td", { "data-label": heads[kind] }, fill(t.tl_planned_at, { at: shownTime(had.planned) }));
      const slot = this.suggested.find((s) => s.channel === channel && s.kind === kind);
      if (!slot.at) return el("td", { "data-label": heads[kind], class: "rv-tl-none" }, t.tl_no_holiday);
      return el("td", { "data-label": heads[kind] }, `${shownTime(slot.at)} `,
        el("button", { type: "button", class: "md-button", "data-action": "add-suggested", "data-channel": channel, "data-at": slot.at,
          "aria-label": fill(t.tl_add_suggested_for, { channel, kind: heads[kind], at: shownTime(slot.at) }) }, t.tl_add_suggested));
    };
    this.$("rv-tl-schedule").replaceChildren(...(channels.length ? [el("table", { class: "rv-tl-plan" },
      el("thead", {}, el("tr", {}, [t.tl_channel, ...KINDS.map((k) => heads[k])].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, channels.map((c) => el("tr", {}, el("th", { scope: "row" }, c), ...KINDS.map((k) => cell(c, k))))))]
      : [el("p", {}, t.tl_no_channels)]));
    this.$("rv-tl-add-all").disabled = !this.missing().length;
  }

  /** The printed report's section: each test in words, with its note, and the figures; before the sign-off. */
  addToReport(container) {
    const { t } = this;
    const tests = this.log.tests.filter(countable);
    if (!tests.length) return;
    const figures = this.$("rv-tl-figures").querySelectorAll("p");
    container.querySelector(".rv-signoff")?.before(el("section", { class: "rv-report__tests" },
      el("h3", {}, `${t.tl_h}${t.paren.replace("{}", fill(t.tl_zone, { zone: this.log.time_zone }))}`),
      el("ul", {}, tests.map((row, n) => el("li", {}, rowLine(n + 1, row, t), row.note ? ` — ${row.note}` : ""))),
      ...[...figures].map((p) => el("p", {}, p.textContent))));
  }
}
