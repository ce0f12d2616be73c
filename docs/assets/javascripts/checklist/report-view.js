// The report view: what the plan's annex shows (one outline, from plan/plan.js), laid out to read on a
// phone and to print on A4 with a sign-off block.

import { el, today } from "../shared/dom.js";
import { evidenceLines } from "../evidence/display.js";
import { outline, WIDTHS } from "../plan/plan.js";
import { verdictBadge } from "./summary-view.js";

/** A bordered table; each cell carries its column name, so a phone can show rows as cards. */
function table([head, rows], attrs = {}, widths = null) {
  return el("table", { class: "cl-table", ...attrs },
    widths ? el("colgroup", {}, widths.map((w) => el("col", { style: `width: ${w}%` }))) : null,
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, n) => el("td", { "data-label": head[n] }, cell))))));
}

export function renderReport(app, contradictions) {
  const { criteria, lang, t } = app;
  const o = outline(criteria, app.entry.doc, app.result, t, lang);
  const pairs = (list) => list.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]);
  // The verdict as the status bar and the result show it, plan contradictions included.
  const summary = o.summary.map(([k, v], n) => [k, n === 0 ? verdictBadge(t, app.result.verdict, contradictions) : v]);
  const printed = [[t.printed, today()]];
  const sign = [t.sign_person, t.sign_signature, t.sign_date];
  app.$("cl-report-body").replaceChildren(
    el("dl", { class: "cl-report__meta" }, pairs(o.meta), pairs(summary), el("div", { class: "cl-print-date" }, pairs(printed))),
    el("h3", {}, t.result), table(o.table, {}, WIDTHS.table),
    ...(contradictions.length ? [el("div", { class: "cl-report__flags" }, el("h3", {}, t.contradictions),
      el("ul", {}, contradictions.map((id) => el("li", {}, app.question(id)))))] : []),
    // Measured from the SP's ticket export, in the lines of the command line's report.
    ...(app.entry.doc.evidence ? [el("div", { class: "cl-report__list cl-report__evidence" }, el("h3", {}, t.evidence_block.title),
      el("ul", {}, evidenceLines(criteria, app.entry.doc, t.evidence_block, lang).map((line) => el("li", {}, line))))] : []),
    // "Unknown items" only matters when there are some; the other lists say "none" on purpose.
    ...o.lists.filter(([title, items]) => items.length || title !== t.unknown).map(([title, items]) => el("div", { class: "cl-report__list" }, el("h3", {}, title),
      items.length ? el("ul", {}, items.map((i) => el("li", {}, i))) : el("p", {}, o.none))),
    el("h3", {}, o.answers_title), table(o.answers, { class: "cl-table cl-report__answers" }, WIDTHS.answers),
    ...app.notes.report(), // the operator's review, when one is attached
    el("section", { class: "cl-signoff", "aria-labelledby": "cl-signoff-h" },
      el("h3", { id: "cl-signoff-h" }, t.sign_off),
      el("dl", {}, sign.flatMap((label) => [el("dt", {}, label), el("dd", {}, "")]))));
}
