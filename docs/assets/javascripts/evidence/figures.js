// The evidence view's figures from one aggregate (the worker's result, or the block attached to the
// assessment): the headline against the data file's threshold, the outcomes, the rows left out,
// the percentiles, by channel and by month, and the two grids of the hours of the week. Every text
// from the file (a channel's name) goes in as text.

import { el, fill } from "../shared/dom.js";
import { heatGrid, outcomeBar } from "./chart.js";
import { NO_REPLY, REASONS } from "./measure.js";
import { thresholdText } from "../criteria/quantity.js";
import { measuredKey } from "../criteria/roles.js";

const grouped = (n, lang) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
const percent = (share, t) => (share === null ? t.none : `${(share * 100).toFixed(1)}%`);

function minutes(value, t) {
  if (value === null) return t.none;
  if (value === NO_REPLY) return t.no_reply;
  return fill(t.minutes, { n: String(Number(value.toFixed(2))) });
}

function table(caption, heads, rows, numeric = new Set()) {
  // A wide table scrolls on a phone: its box takes focus so the keyboard scrolls it too.
  return el("div", { class: "cl-ev__scroll", tabindex: "0", role: "region", "aria-label": caption }, el("table", { class: "cl-ev__table" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, heads.map((h, i) => el("th", { scope: "col", class: numeric.has(i) ? "cl-ev__num" : null }, h)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, i) => (i === 0
      ? el("th", { scope: "row" }, cell) : el("td", { class: numeric.has(i) ? "cl-ev__num" : null }, cell))))))));
}

/** The first-reply threshold of the data file (clause 4.2 today), written with its unit. */
export function threshold(criteria, lang) {
  return thresholdText(criteria, measuredKey(criteria, "first_reply"), lang);
}

/** Every figure of one aggregate, as nodes. */
export function figures(result, t, criteria, lang) {
  const n = (x) => grouped(x, lang);
  const measured = result.within + result.late + result.unanswered_breached;
  const out = [el("h3", { id: "cl-ev-result-h" }, t.result)];
  out.push(el("p", { class: "cl-ev__headline", id: "cl-ev-headline" }, result.attainment === null ? t.no_headline
    : fill(t.headline, { percent: percent(result.attainment, t), measured: n(measured), threshold: threshold(criteria, lang) })));
  const period = result.period;
  if (period) {
    out.push(el("p", {}, fill(t.period_line, { first: period.first_arrival.slice(0, 16).replace("T", " "),
      last: period.last_arrival.slice(0, 16).replace("T", " "), cutoff: result.cutoff.slice(0, 16).replace("T", " "), zone: result.time_zone })));
  }
  const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0);
  out.push(el("p", {}, fill(t.rows_line, { rows: n(result.rows), tickets: n(result.tickets), excluded: n(excluded) })));
  const parts = [
    { key: "within", label: t.count_within, n: result.within }, { key: "late", label: t.count_late, n: result.late },
    { key: "breached", label: t.count_breached, n: result.unanswered_breached }, { key: "pending", label: t.count_pending, n: result.pending },
  ];
  out.push(outcomeBar(parts));
  out.push(table(t.counts_caption, [t.outcome, t.head_tickets], parts.map((p) => [
    el("span", {}, el("span", { class: `cl-ev__key cl-ev__part--${p.key}`, "aria-hidden": "true" }), p.label), n(p.n)]), new Set([1])));
  out.push(table(t.percentiles_caption, [t.percentile, t.value], [50, 90, 99].map((p) => [`p${p}`, minutes(result[`p${p}_minutes`], t)]), new Set([1])));
  if (excluded) {
    out.push(table(t.excluded, [t.reason, t.head_tickets],
      REASONS.filter((r) => result.excluded[r]).map((r) => [t[`reason_${r}`], n(result.excluded[r])]), new Set([1])));
  }
  if (result.by_channel.length) {
    out.push(table(t.channels, [t.head_channel, t.head_tickets, t.head_attainment, "p50", "p90", t.head_hours],
      result.by_channel.map((c) => [c.channel || t.blank_channel, n(c.tickets), percent(c.attainment, t),
        minutes(c.p50_minutes, t), minutes(c.p90_minutes, t), fill(t.hours_of_week, { n: c.hours_with_reply })]), new Set([1, 2, 3, 4, 5])));
  }
  if (result.by_month.length) {
    out.push(table(t.months, [t.head_month, t.head_tickets, t.head_attainment, "p50", "p90"],
      result.by_month.map((m) => [m.month, n(m.tickets), percent(m.attainment, t), minutes(m.p50_minutes, t), minutes(m.p90_minutes, t)]),
      new Set([1, 2, 3, 4])));
  }
  out.push(heatGrid(result.received_by_hour_of_week, t.grid_received, t, result.time_zone, "cl-ev-grid-received"));
  out.push(heatGrid(result.replied_by_hour_of_week, t.grid_replied, t, result.time_zone, "cl-ev-grid-replied"));
  if (result.source) {
    out.push(el("p", { class: "cl-help cl-ev__source" }, fill(t.source_line, {
      format: result.source.format.toUpperCase(), bytes: n(result.source.bytes), sha: result.source.sha256 })));
  }
  return out;
}
