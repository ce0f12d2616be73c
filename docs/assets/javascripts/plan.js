// The SP's plan as Markdown and as a print-ready HTML page, in the browser. No DOM access.
//
// Contract: planMarkdown() and planHtml() write exactly what assessment/plan.py's markdown() and
// html_page() write for the same criteria, answers file, result and labels (tests compare them).
// `labels` is assessment.plan.LABELS[lang], handed to the page by the macros.

import { statusOf } from "./scoring.js";

export const META_KEYS = ["organisation", "service", "contact", "date"];

export const number = (v) => String(v);
export const percent = (p) => (p === null ? "—" : `${number(p)}%`);

export function answerText(criteria, item, answer, labels) {
  const status = statusOf(criteria, item, answer ?? null);
  let text = status ? labels[status] : labels.unanswered_status;
  if (answer && typeof answer.value === "number") {
    const limit = labels[item.kind].replace("{}", criteria.thresholds[item.threshold]);
    text += ` (${number(answer.value)}; ${limit})`;
  }
  return text;
}

function question(criteria, id, labels, lang) {
  const item = criteria.items.find((i) => i.id === id);
  if (!item) return id;
  return item.clause ? `${item.question[lang]} (${labels.clause.replace("{}", item.clause)})` : item.question[lang];
}

/** Everything a plan document shows, as plain data: each format only lays it out. */
export function outline(criteria, doc, result, labels, lang) {
  const meta = doc.assessment ?? {};
  const plan = doc.plan ?? {};
  const answers = doc.answers ?? {};
  const titles = Object.fromEntries(criteria.sections.map((s) => [s.id, s.title[lang]]));
  return {
    title: labels.title,
    meta: [...META_KEYS.map((k) => [labels[k], meta[k] || "—"]), [labels.criteria_version, criteria.version]],
    sections: criteria.template.map((part) => ({
      level: 2 + (part.number.match(/\./g) ?? []).length, heading: `${part.number} ${part.title[lang]}`,
      group: part.group, text: (plan[part.id] ?? "").trim(),
    })),
    annex: labels.annex,
    summary: [[labels.verdict, labels[result.verdict]], [labels.score, `${percent(result.percent)} (${result.earned}/${result.possible})`]],
    table: [[labels.section, labels.score, labels.answered],
      result.sections.map((s) => [titles[s.id], percent(s.percent), `${s.answered}/${s.total}`])],
    lists: ["blockers", "gaps", "unanswered", "unknown"].map((k) => [labels[k], result[k].map((id) => question(criteria, id, labels, lang))]),
    answers: [[labels.item, labels.answer, labels.note, labels.evidence],
      criteria.items.map((i) => {
        const a = Object.hasOwn(answers, i.id) ? answers[i.id] : null;
        return [i.question[lang], answerText(criteria, i, a, labels), a?.note ?? "", a?.evidence ?? ""];
      })],
    answers_title: labels.answers, empty: labels.empty, none: labels.none, sep: labels.sep,
  };
}

// --- Markdown --------------------------------------------------------------------------------

const mdText = (t) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
const mdCell = (t) => mdText(t).replaceAll("|", "\\|").replaceAll("\r\n", "\n").replaceAll("\n", "<br>") || " ";
const mdTable = ([head, rows]) => [
  `| ${head.map(mdCell).join(" | ")} |`, `|${" --- |".repeat(head.length)}`,
  ...rows.map((row) => `| ${row.map(mdCell).join(" | ")} |`),
];

export function planMarkdown(criteria, doc, result, labels, lang) {
  const o = outline(criteria, doc, result, labels, lang);
  const out = [`# ${o.title}`, "", ...o.meta.map(([k, v]) => `- ${k}${o.sep}${mdText(v)}`), ""];
  for (const s of o.sections) {
    out.push(`${"#".repeat(s.level)} ${s.heading}`, "");
    if (!s.group) out.push(s.text ? mdText(s.text) : `_${o.empty}_`, "");
  }
  out.push(`## ${o.annex}`, "", ...o.summary.map(([k, v]) => `- ${k}${o.sep}${v}`), "", ...mdTable(o.table), "");
  for (const [title, items] of o.lists) {
    out.push(`### ${title}`, "", ...(items.length ? items.map((i) => `- ${mdText(i)}`) : [o.none]), "");
  }
  out.push(`### ${o.answers_title}`, "", ...mdTable(o.answers));
  return `${out.join("\n")}\n`;
}

// --- HTML ------------------------------------------------------------------------------------

const esc = (t) => String(t).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
  .replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
const htmlTable = ([head, rows]) => `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
  rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

/** A standalone page that prints to a clean PDF: no scripts, no external resources. */
export function planHtml(criteria, doc, result, labels, lang, css) {
  const o = outline(criteria, doc, result, labels, lang);
  const parts = [`<h1>${esc(o.title)}</h1>`, "<dl>", ...o.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`), "</dl>"];
  for (const s of o.sections) {
    parts.push(`<h${s.level}>${esc(s.heading)}</h${s.level}>`);
    if (!s.group) parts.push(s.text ? `<div class="text">${esc(s.text)}</div>` : `<p class="empty">${esc(o.empty)}</p>`);
  }
  parts.push(`<h2>${esc(o.annex)}</h2><ul>`, ...o.summary.map(([k, v]) => `<li>${esc(k)}${esc(o.sep)}${esc(v)}</li>`), "</ul>", htmlTable(o.table));
  for (const [title, items] of o.lists) {
    parts.push(`<h3>${esc(title)}</h3>`, items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : `<p>${esc(o.none)}</p>`);
  }
  parts.push(`<h3>${esc(o.answers_title)}</h3>`, htmlTable(o.answers));
  const service = (doc.assessment ?? {}).service ?? "";
  const title = esc(`${o.title} — ${service}`.replace(/[ —]+$/, ""));
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style></head>` +
    `<body><main>${parts.join("")}</main></body></html>\n`;
}
