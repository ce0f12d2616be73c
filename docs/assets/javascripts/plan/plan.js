// The SP's plan as an outline, Markdown and a print-ready HTML page, in the browser. No DOM access.
//
// Contract: outline(), planChecks(), planMarkdown() and planHtml() give exactly what
// assessment/plan/plan.py's outline(), plan_checks(), markdown() and html_page() give for the same
// criteria, answers file, result and labels (tests compare them byte for byte). `labels` is
// assessment.plan.LABELS[lang], handed to the page by the macros. plan/plan-docx.js lays the same
// outline out as a Word document.
// Twin: assessment/plan/plan.py (the same rule in Python).

import { roleOf } from "../criteria/roles.js";
import { isBlank, trim } from "../shared/blank.js";
import * as md from "../shared/markdown-text.js";
import { quantityText, thresholdText } from "../criteria/quantity.js";
import { statusOf, valueInThresholdUnit } from "../answers/scoring.js";
import { measuredText } from "../evidence/display.js";

export const META_KEYS = ["organisation", "service", "contact", "date"];
// Shares of the text width per table column: the question wide, statuses and numbers narrow.
export const WIDTHS = { table: [60, 20, 20], answers: [10, 27, 13, 25, 25], sign_off: [34, 33, 33] };

// --- text the SP typed -------------------------------------------------------------------------

// Vertical tab and form feed are Word's manual line and page breaks when its text is pasted;
// the rest is what XML 1.0 cannot hold, and lone surrogates (the u flag matches only lone ones).
const LINE_BREAKS = /\r\n?|[\v\f]/g;
const ILLEGAL = /[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]/gu;

/** Line breaks as LF; characters XML cannot hold as U+FFFD. Every format shows the result. */
export const clean = (text) => String(text).replace(LINE_BREAKS, "\n").replace(ILLEGAL, "\ufffd");

/** Whether a plan section's text counts as written (the one rule: planChecks, the report, the plan writer; plan/plan.py `written_text`). */
export const writtenText = (text) => !isBlank(text) && !isBlank(clean(text));

/** The SP's text as paragraphs (split at blank lines), each a list of its lines. */
export function blocks(text) {
  const out = [[]];
  for (const line of text.split("\n")) {
    if (!isBlank(line)) out.at(-1).push(line);
    else if (out.at(-1).length) out.push([]);
  }
  return out.filter((b) => b.length);
}

// --- numbers -----------------------------------------------------------------------------------

export const number = (v) => String(v);
export const percent = (p) => (p === null ? "—" : `${number(p)}%`);

/** A number answer in its threshold's unit ("180分钟" for an answer of 3 hours against minutes) (plan/plan.py `answer_quantity`). */
export function answerQuantity(criteria, item, answer, version, lang) {
  const value = valueInThresholdUnit(criteria, item, answer, version);
  if (value === null) { // a unit that converts into nothing this item asks for: shown as given
    const unit = Object.hasOwn(criteria.units, answer.unit ?? "") ? criteria.units[answer.unit] : null;
    return unit ? quantityText(answer.value, unit, lang) : number(answer.value);
  }
  return quantityText(value, criteria.units[criteria.thresholds[item.threshold].unit], lang);
}

/** The status, and for a number the value and the threshold with their units. */
export function answerText(criteria, item, answer, labels, version) {
  const status = statusOf(criteria, item, answer ?? null, version);
  let text = status ? labels[status] : labels.unanswered_status;
  if (answer && typeof answer.value === "number" && item.threshold) {
    const limit = labels[item.kind].replace("{}", thresholdText(criteria, item.threshold, labels.lang));
    const parts = { status: text, value: answerQuantity(criteria, item, answer, version, labels.lang), limit };
    text = labels.with_value.replace(/\{(\w+)\}/g, (_, k) => parts[k]);
  }
  return text;
}

function question(criteria, id, labels, lang) {
  const item = criteria.items.find((i) => i.id === id);
  if (!item) return clean(id);
  return item.clause ? item.question[lang] + labels.paren.replace("{}", labels.clause.replace("{}", item.clause)) : item.question[lang];
}

const own = (obj, key) => (obj && Object.hasOwn(obj, key) ? obj[key] : undefined);

// --- the outline every format lays out ---------------------------------------------------------

/**
 * Everything a plan document shows, as plain data: each format only lays it out. With annex false,
 * no self-assessment annex (annex: null); notes the SP marked private are never in it.
 */
export function outline(criteria, doc, result, labels, lang, { annex = true } = {}) {
  const meta = doc.assessment ?? {};
  const plan = doc.plan ?? {};
  const answers = doc.answers ?? {};
  const titles = Object.fromEntries(criteria.sections.map((s) => [s.id, s.title[lang]]));
  // Measured from the SP's ticket export, under the SP's own evidence for 4.2: beside, never instead.
  const measured = doc.evidence ? clean(measuredText(criteria, doc.evidence, labels.evidence_block, lang)) : "";
  const row = (i) => {
    const a = own(answers, i.id) ?? null;
    let evidence = a ? clean(a.evidence ?? "") : "";
    if (measured && roleOf(criteria, i) === "first_reply") evidence = evidence ? `${evidence}\n${measured}` : measured;
    return [i.clause ?? "—", i.question[lang], answerText(criteria, i, a, labels, doc.criteria_version), a && a.note_private !== true ? clean(a.note ?? "") : "", evidence];
  };
  return {
    title: labels.title,
    meta: [...META_KEYS.map((k) => [labels[k], clean(own(meta, k) || "") || "—"]), [labels.criteria_version, criteria.version]],
    sections: criteria.template.map((part) => ({
      id: part.id, level: 2 + (part.number.match(/\./g) ?? []).length, heading: `${part.number} ${part.title[lang]}`,
      group: part.group, text: writtenText(own(plan, part.id) ?? "") ? trim(clean(own(plan, part.id) ?? "")) : "",
    })),
    annex: annex ? labels.annex : null,
    summary: [[labels.verdict, labels[result.verdict]], [labels.score, percent(result.percent) + labels.paren.replace("{}", `${result.earned}/${result.possible}`)]],
    table: [[labels.section, labels.score, labels.answered],
      result.sections.map((s) => [titles[s.id], percent(s.percent), `${s.answered}/${s.total}`])],
    lists: ["blockers", "gaps", "unanswered", "unknown"].map((k) => [labels[k], result[k].map((id) => question(criteria, id, labels, lang))]),
    answers: [[labels.clause_col, labels.item, labels.answer, labels.note, labels.evidence], criteria.items.map(row)],
    answers_title: labels.answers,
    sign_off: [labels.sign_off, [labels.sign_person, labels.sign_signature, labels.sign_date]],
    widths: WIDTHS,
    empty: labels.empty, none: labels.none, sep: labels.sep, printed: labels.printed,
  };
}

/**
 * What the plan holds against clauses 5.1 and 5.2, and where the SP's answer to them contradicts it.
 * 5.1: template sections 2.x and 3.x written. 5.2: each section tied to a mandatory threshold item
 * written, and those items answered and not blocking. Contradiction: the item "met" while it fails.
 */
export function planChecks(criteria, doc, result) {
  const plan = doc.plan ?? {};
  const answers = doc.answers ?? {};
  const parts = criteria.template.filter((p) => !p.group);
  const written = parts.filter((p) => writtenText(own(plan, p.id) ?? "")).map((p) => p.id);
  const missing = parts.map((p) => p.id).filter((id) => !written.includes(id));
  const required = parts.filter((p) => ["2", "3"].includes(p.number.split(".")[0])).map((p) => p.id);
  const quality = criteria.items.filter((i) => i.level === "mandatory" && i.threshold).map((i) => i.id);
  const failingItems = quality.filter((i) => result.blockers.includes(i) || result.unanswered.includes(i));
  const qualityParts = parts.filter((p) => p.items.some((i) => quality.includes(i)));
  const failing52 = qualityParts.filter((p) => missing.includes(p.id) || p.items.some((i) => failingItems.includes(i))).map((p) => p.id);
  const conditions = { "5.1": required.some((p) => missing.includes(p)), "5.2": failing52.length > 0 };
  const contradictions = {};
  for (const item of criteria.items) {
    if (!Object.hasOwn(conditions, item.clause ?? "")) continue;
    contradictions[item.id] = conditions[item.clause] && own(answers, item.id)?.status === "met";
  }
  return {
    written, missing, required_5_1: required, missing_5_1: required.filter((p) => missing.includes(p)),
    sections_5_2: qualityParts.map((p) => p.id), failing_5_2: failing52, items_failing_5_2: failingItems, contradictions,
  };
}

// --- Markdown --------------------------------------------------------------------------------

// Paragraphs stay paragraphs; each line the SP ended stays a line (shared/markdown-text.js paragraph).
const mdBlock = (t) => blocks(t).map(md.paragraph).join("\n\n");
const mdTable = ([head, rows]) => [
  `| ${head.map(md.cell).join(" | ")} |`, `|${" --- |".repeat(head.length)}`,
  ...rows.map((row) => `| ${row.map(md.cell).join(" | ")} |`),
];

export function planMarkdown(criteria, doc, result, labels, lang, options = {}) {
  const o = outline(criteria, doc, result, labels, lang, options);
  const out = [`# ${o.title}`, "", ...o.meta.map(([k, v]) => `- ${k}${o.sep}${md.item(v)}`), ""];
  for (const s of o.sections) {
    out.push(`${"#".repeat(s.level)} ${s.heading}`, "");
    if (!s.group) out.push(s.text ? mdBlock(s.text) : `_${o.empty}_`, "");
  }
  if (o.annex) {
    out.push(`## ${o.annex}`, "", ...o.summary.map(([k, v]) => `- ${k}${o.sep}${v}`), "", ...mdTable(o.table), "");
    for (const [title, items] of o.lists) {
      out.push(`### ${title}`, "", ...(items.length ? items.map((i) => `- ${md.item(i)}`) : [o.none]), "");
    }
    out.push(`### ${o.answers_title}`, "", ...mdTable(o.answers), "");
  }
  const [signTitle, signHead] = o.sign_off;
  out.push(`## ${signTitle}`, "", ...mdTable([signHead, [signHead.map(() => "")]]));
  return `${out.join("\n")}\n`;
}

// --- HTML ------------------------------------------------------------------------------------

const esc = (t) => String(t).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
  .replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
const htmlTable = ([head, rows], widths, cls = "") => `<table${cls ? ` class="${cls}"` : ""}><colgroup>${
  widths.map((w) => `<col style="width:${w}%">`).join("")}</colgroup><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
  rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

/** A standalone page that prints to a clean PDF: no scripts, no external resources. */
export function planHtml(criteria, doc, result, labels, lang, css, options = {}) {
  const o = outline(criteria, doc, result, labels, lang, options);
  const parts = [`<h1>${esc(o.title)}</h1>`, "<dl>", ...o.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`), "</dl>"];
  for (const s of o.sections) {
    parts.push(`<h${s.level}>${esc(s.heading)}</h${s.level}>`);
    if (!s.group) parts.push(s.text ? `<div class="text">${esc(s.text)}</div>` : `<p class="empty">${esc(o.empty)}</p>`);
  }
  if (o.annex) {
    parts.push(`<h2>${esc(o.annex)}</h2><ul>`, ...o.summary.map(([k, v]) => `<li>${esc(k)}${esc(o.sep)}${esc(v)}</li>`), "</ul>",
      htmlTable(o.table, o.widths.table));
    for (const [title, items] of o.lists) {
      parts.push(`<h3>${esc(title)}</h3>`, items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : `<p>${esc(o.none)}</p>`);
    }
    parts.push(`<h3>${esc(o.answers_title)}</h3>`, htmlTable(o.answers, o.widths.answers));
  }
  const [signTitle, signHead] = o.sign_off;
  parts.push(`<h2>${esc(signTitle)}</h2>`, htmlTable([signHead, [signHead.map(() => "")]], o.widths.sign_off, "sign-off"));
  const service = clean(own(doc.assessment ?? {}, "service") || "");
  const title = esc(`${o.title} — ${service}`.replace(/[ —]+$/, ""));
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style></head>` +
    `<body><main>${parts.join("")}</main></body></html>\n`;
}
