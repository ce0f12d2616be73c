// What the review page shows: the SP's submission, the reviewer's decisions in the form, and the
// printable report. Every SP or reviewer text goes in as text (textContent, form values), never HTML.

import { itemLabel, overallLabel, withConditions } from "./decisions.js";
import { roleOf } from "../criteria/roles.js";
import { META_KEYS, answerText, percent, writtenText } from "../plan/plan.js";
import { attention } from "./checks.js";
import { evidenceParts } from "../evidence/display.js";
import { unconfirmedSince } from "../answers/scoring.js";

/** An answer as the reviewer reads it, saying when it was given under earlier terms and not confirmed since. */
function answerShown(criteria, item, doc, t) {
  const answer = answerOf(doc, item.id);
  const text = answerText(criteria, item, answer, t, doc.criteria_version);
  const since = unconfirmedSince(criteria, item, answer ?? null, doc.criteria_version);
  return since === null ? text : `${text}${t.sep}${t.unconfirmed_mark.replace("{version}", since)}`;
}

/** An element with attributes; children are nodes or strings (as text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  for (const child of children.flat()) node.append(child instanceof Node ? child : String(child));
  return node;
}

export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
const answerOf = (doc, id) => (Object.hasOwn(doc.answers ?? {}, id) ? doc.answers[id] : null);

/** How the result saved in the SP's file differs from ours, as a sentence, or null. */
export function resultDifference(t, saved, result) {
  if (typeof saved !== "object" || saved === null) return null;
  const keys = ["verdict", "percent", "earned", "possible", "criteria_version"];
  const fields = keys.filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(result[k]));
  if (!fields.length) return null;
  return fill(t.result_differs, { fields: fields.map((k) => fill(t.result_field, { key: k, saved: JSON.stringify(saved[k] ?? null), now: JSON.stringify(result[k]) })).join("; ") });
}

function resultBlock(criteria, result, t, lang) {
  const titles = Object.fromEntries(criteria.sections.map((s) => [s.id, s.title[lang]]));
  const question = (id) => criteria.items.find((i) => i.id === id)?.question[lang] ?? id;
  return [
    el("p", { class: "rv-verdict" }, el("strong", { class: `rv-verdict--${result.verdict}` }, t[result.verdict]),
      ` · ${t.score} ${percent(result.percent)}${t.paren.replace("{}", `${result.earned}/${result.possible}`)}`),
    el("table", {}, el("thead", {}, el("tr", {}, [t.section, t.score, t.answered].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, result.sections.map((s) => el("tr", {}, el("td", {}, titles[s.id]), el("td", {}, percent(s.percent)), el("td", {}, `${s.answered}/${s.total}`))))),
    ...["blockers", "gaps", "unanswered"].filter((k) => result[k].length).map((k) =>
      el("div", {}, el("p", {}, t[k] + t.paren.replace("{}", result[k].length)), el("ul", {}, result[k].map((id) => el("li", {}, question(id)))))),
  ];
}

/** Fill the page with one submission: details, notes, result, every answer and plan section. */
export function showSubmission(root, criteria, entry, doc, result, t, lang) {
  const $ = (id) => root.querySelector(`#${id}`);
  const notes = [];
  if (doc.criteria_version !== criteria.version) notes.push(fill(t.version_differs, { old: doc.criteria_version, new: criteria.version }));
  const differs = resultDifference(t, doc.result, result);
  if (differs) notes.push(differs);
  $("rv-submission-notes").replaceChildren(...notes.map((n) => el("p", { class: "admonition warning rv-note" }, n)));
  const meta = doc.assessment ?? {};
  const pairs = [...META_KEYS.map((k) => [t[k], meta[k] || "—"]), [t.criteria_version, doc.criteria_version],
    [t.file, entry.file], [t.sha256, entry.sha256]];
  $("rv-meta").replaceChildren(...pairs.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  $("rv-result").replaceChildren(...resultBlock(criteria, result, t, lang));
  for (const box of root.querySelectorAll(".rv-item")) {
    const item = criteria.items.find((i) => i.id === box.dataset.item);
    const answer = answerOf(doc, item.id);
    box.querySelector("[data-show=answer]").textContent = answerShown(criteria, item, doc, t);
    box.querySelector("[data-show=note]").textContent = answer?.note || "—";
    box.querySelector("[data-show=evidence]").textContent = answer?.evidence || "—";
  }
  for (const part of root.querySelectorAll(".rv-part")) {
    const text = doc.plan?.[part.dataset.part] ?? "";
    const place = part.querySelector("[data-show=text]");
    place.textContent = writtenText(text) ? text : t.empty;
    place.classList.toggle("rv-plan-text--empty", !writtenText(text));
  }
  const known = new Set(criteria.items.map((i) => i.id));
  const unknown = Object.keys(doc.answers ?? {}).filter((id) => !known.has(id));
  $("rv-unknown").hidden = !unknown.length;
  $("rv-unknown-list").replaceChildren(...unknown.map((id) => el("li", {}, id)));
}

function setDecision(box, entry, keep) {
  const decision = entry?.decision ?? "";
  for (const radio of box.querySelectorAll("[data-field=decision]")) radio.checked = radio.value === decision;
  const comment = box.querySelector("[data-field=comment]");
  if (comment !== keep) comment.value = entry?.comment ?? "";
  box.dataset.decision = decision;
}

/** Fill the form with the reviewer's work so far; `keep` (the field being typed in) is left alone. */
export function showReview(root, criteria, review, t, keep = null) {
  const $ = (id) => root.querySelector(`#${id}`);
  for (const input of $("rv-reviewer").querySelectorAll("input")) if (input !== keep) input.value = review.reviewer?.[input.name] ?? "";
  for (const radio of $("rv-decision").querySelectorAll("input")) radio.checked = radio.value === (review.decision ?? "");
  if ($("rv-summary") !== keep) $("rv-summary").value = review.summary ?? "";
  for (const box of root.querySelectorAll(".rv-item")) setDecision(box, review.items?.[box.dataset.item], keep);
  for (const box of root.querySelectorAll(".rv-part")) setDecision(box, review.plan?.[box.dataset.part], keep);
  if (!$("rv-condition-list").contains(keep)) showConditions(root, criteria, review, t);
}

/**
 * What needs the reviewer's eye: for a resubmission, the earlier review and each changed answer or
 * plan text (old → new); the items the plan contradicts (clauses 5.1 and 5.2). Boxes that need
 * attention are marked, for the "only what needs attention" switch.
 */
export function showChanges(root, criteria, entry, doc, result, t) {
  const changes = entry.changes ?? { items: {}, plan: {} };
  const changed = Object.keys(changes.items).length + Object.keys(changes.plan).length;
  root.querySelector("#rv-history").replaceChildren(...(entry.previous
    ? [el("p", { class: "admonition info rv-note" }, fill(t.history, { previous: entry.previous.file, changed }))] : []));
  const { ids, contradictions } = attention(criteria, doc, result);
  const measured = doc.evidence ? evidenceParts(criteria, doc, t.evidence_block, t.lang) : null;
  for (const box of root.querySelectorAll(".rv-item, .rv-part")) {
    if (box.dataset.item) showMeasured(box, criteria, criteria.items.find((i) => i.id === box.dataset.item), measured);
    const id = box.dataset.item ?? box.dataset.part;
    const change = (box.dataset.item ? changes.items : changes.plan)[id];
    const line = box.querySelector("[data-show=change]");
    line.hidden = !change;
    line.textContent = change ? fill(t.change_line, { old: change.old || t.empty, new: change.new || t.empty }) : "";
    const contradiction = box.querySelector("[data-show=contradiction]");
    const item = box.dataset.item && contradictions.includes(id) ? criteria.items.find((i) => i.id === id) : null;
    if (contradiction) {
      contradiction.hidden = !item;
      contradiction.textContent = item ? fill(t.contradiction_line, { clause: item.clause }) : "";
    }
    const needs = Boolean(change) || (box.dataset.item ? ids.includes(id) : !(doc.plan?.[id] ?? "").trim());
    if (needs) box.dataset.attention = "true";
    else delete box.dataset.attention;
  }
}

/**
 * Beside the measured answers (clauses 4.1 and 4.2 today, found by role): what the SP's ticket export measured (the file's
 * `evidence` block), in the checklist's and the command line's words, and the contradiction if any.
 */
function showMeasured(box, criteria, item, parts) {
  const role = item ? roleOf(criteria, item) : null;
  const figures = !parts || !role ? null : role === "first_reply" ? [parts.measured] : parts.hours;
  let node = box.querySelector(".rv-measured");
  if (!figures) {
    node?.remove();
    return;
  }
  node ??= box.querySelector("[data-show=contradiction]").insertAdjacentElement("afterend", el("div", { class: "rv-measured" }));
  const flag = parts.flags.find((f) => f.id === item.id);
  node.replaceChildren(...figures.map((f) => el("p", {}, f)), ...(flag ? [el("p", { class: "rv-contradiction" }, flag.text)] : []));
}

/** The conditions list, shown only with the decision that carries conditions. */
export function showConditions(root, criteria, review, t) {
  const $ = (id) => root.querySelector(`#${id}`);
  $("rv-conditions").hidden = review.decision !== withConditions(criteria);
  $("rv-condition-list").replaceChildren(...(review.conditions ?? []).map((c, n) => {
    // A condition may run to a few sentences: a box that grows with it, not a one-line field.
    const text = el("textarea", { "data-condition": "text", maxlength: "2000", required: true, rows: 2 });
    const due = el("input", { type: "date", "data-condition": "due", required: true });
    text.value = c.text ?? "";
    due.value = c.due ?? "";
    return el("li", { class: "rv-condition", "data-index": n },
      el("label", {}, `${t.condition} ${n + 1}`, text), el("label", {}, t.due, due),
      el("button", { type: "button", class: "md-button", "data-action": "remove-condition", "aria-label": `${t.remove_condition} ${n + 1}` }, t.remove_condition));
  }));
}

// --- the printed report ----------------------------------------------------------------------

/** The review report for print: A4, the reviewer's decisions beside the SP's answers, a sign-off block. */
export function renderReport(container, criteria, entry, doc, review, result, t, lang) {
  const meta = doc.assessment ?? {};
  const pairs = (list) => el("dl", { class: "rv-report__meta" }, list.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v || "—")]));
  const row = (cells, tag = "td") => el("tr", {}, cells.map((c) => el(tag, tag === "th" ? { scope: "col" } : {}, c)));
  const table = (head, rows) => el("table", {}, el("thead", {}, row(head, "th")), el("tbody", {}, rows.map((r) => row(r))));
  const items = criteria.items.map((item) => {
    const own = review.items?.[item.id] ?? {};
    const clause = item.clause ? t.paren.replace("{}", t.clause.replace("{}", item.clause)) : "";
    return [`${item.question[lang]}${clause}`, answerShown(criteria, item, doc, t), itemLabel(t, own.decision), own.comment ?? ""];
  });
  const parts = criteria.template.filter((p) => !p.group).map((p) => {
    const own = review.plan?.[p.id] ?? {};
    return [`${p.number} ${p.title[lang]}`, itemLabel(t, own.decision), own.comment ?? ""];
  });
  const conditional = review.decision === withConditions(criteria);
  const reviewer = review.reviewer ?? {};
  container.replaceChildren(
    el("h2", {}, t.review_report),
    pairs([...META_KEYS.map((k) => [t[k], meta[k]]), [t.file, entry.file], [t.sha256, el("code", { class: "rv-sha" }, entry.sha256)],
      [t.recomputed, `${t[result.verdict]} · ${percent(result.percent)}${t.paren.replace("{}", `${result.earned}/${result.possible}`)}`]]),
    el("h3", {}, t.overall), el("p", { class: "rv-report__decision" }, overallLabel(t, review.decision)),
    ...(conditional ? [el("h3", {}, t.conditions), table([t.condition, t.due], (review.conditions ?? []).map((c) => [c.text ?? "", c.due ?? ""]))] : []),
    el("h3", {}, t.summary), el("p", { class: "rv-report__text" }, review.summary || t.none_yet),
    el("h3", {}, t.items), table([t.item, t.answer, t.decision, t.comment], items),
    el("h3", {}, t.plan_sections), table([t.section, t.decision, t.comment], parts),
    el("section", { class: "rv-signoff", "aria-label": t.review_sign_off }, el("h3", {}, t.review_sign_off),
      pairs([[t.reviewer_name, reviewer.name], [t.reviewer_organisation, reviewer.organisation], [t.review_date, reviewer.date]]),
      el("p", { class: "rv-signoff__line" }, `${t.sign_signature}${t.sep}`), el("p", { class: "rv-signoff__line" }, `${t.sign_date}${t.sep}`)),
    el("p", { class: "rv-report__footer" }, t.generated));
}
