// The evidence view's pictures, plain SVG drawn here (no library, nothing from another host): the
// 7×24 heat grid of the hours of the week, and a bar of the tickets' outcomes. Colours come from
// Material's CSS variables (evidence.css), so both palettes and print read them; each picture is
// hidden from screen readers and sits beside a real table that says the same.

import { el, fill } from "../shared/dom.js";

const SVG = "http://www.w3.org/2000/svg";
const DAYS = 7;
const HOURS = 24;
const CELL = 22;
const GAP = 2;
const LEFT = 48;
const TOP = 20;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const dayName = (t, d) => t[`day_${d}`];
const hourName = (t, h) => fill(t.hour, { h });

/** A 7×24 grid of counts (Monday first, hours 0–23) as a heat map, with its table in a <details>. */
export function heatGrid(grid, title, t, zone, id) {
  const max = Math.max(1, ...grid);
  const width = LEFT + HOURS * (CELL + GAP);
  const height = TOP + DAYS * (CELL + GAP);
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "cl-ev__grid", "aria-hidden": "true", focusable: "false" });
  for (let h = 0; h < HOURS; h += 3) {
    picture.append(svg("text", { x: LEFT + h * (CELL + GAP) + CELL / 2, y: TOP - 6, class: "cl-ev__label", "text-anchor": "middle" }, h));
  }
  for (let d = 0; d < DAYS; d += 1) {
    const y = TOP + d * (CELL + GAP);
    picture.append(svg("text", { x: LEFT - 6, y: y + CELL / 2 + 4, class: "cl-ev__label", "text-anchor": "end" }, dayName(t, d)));
    for (let h = 0; h < HOURS; h += 1) {
      const n = grid[d * HOURS + h];
      const attrs = { x: LEFT + h * (CELL + GAP), y, width: CELL, height: CELL, rx: 3 };
      // Never fainter than a fifth, so one ticket at 3 a.m. is seen; none is an outlined square.
      if (n) Object.assign(attrs, { class: "cl-ev__cell", "fill-opacity": (0.2 + 0.8 * (n / max)).toFixed(3) });
      else Object.assign(attrs, { class: "cl-ev__cell cl-ev__cell--none" });
      picture.append(svg("rect", attrs, svg("title", {}, fill(t.cell, { day: dayName(t, d), hour: hourName(t, h), n }))));
    }
  }
  const head = el("tr", {}, el("td", {}), ...Array.from({ length: HOURS }, (_, h) => el("th", { scope: "col" }, hourName(t, h))));
  const rows = Array.from({ length: DAYS }, (_, d) => el("tr", {}, el("th", { scope: "row" }, dayName(t, d)),
    ...Array.from({ length: HOURS }, (_, h) => el("td", {}, String(grid[d * HOURS + h])))));
  const table = el("div", { class: "cl-ev__scroll", tabindex: "0", role: "region", "aria-label": title }, el("table", { class: "cl-ev__table" }, el("caption", {}, title), el("thead", {}, head), el("tbody", {}, ...rows)));
  return el("figure", { class: "cl-ev__figure", "aria-labelledby": id },
    el("figcaption", { id, class: "cl-ev__caption" }, title),
    picture,
    el("p", { class: "cl-help" }, fill(t.grid_note, { zone })),
    el("details", { class: "cl-ev__details" }, el("summary", {}, t.grid_table), table));
}

/** The outcomes as one stacked bar (within, late, unanswered past the threshold, pending). */
export function outcomeBar(parts) {
  const total = parts.reduce((sum, p) => sum + p.n, 0);
  const picture = svg("svg", { viewBox: "0 0 600 24", class: "cl-ev__bar", "aria-hidden": "true", focusable: "false", preserveAspectRatio: "none" });
  let x = 0;
  for (const part of parts) {
    if (!total || !part.n) continue;
    const w = (600 * part.n) / total;
    picture.append(svg("rect", { x: x.toFixed(2), y: 0, width: w.toFixed(2), height: 24, class: `cl-ev__part cl-ev__part--${part.key}` },
      svg("title", {}, `${part.label}: ${part.n}`)));
    x += w;
  }
  return picture;
}
