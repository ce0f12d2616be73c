// Beside the measured items (clauses 4.1 and 4.2 today, found by role): what the SP's own ticket export measured (the assessment's
// `evidence` block, written by evidence/display.js in the words of the report), and a flag where it
// contradicts a declared "met". Drawn on every rescore, so a block attached or removed — by the
// evidence view, by an import, or in another tab — shows at once. The figure sits beside the declared
// answer: it never changes the answer or the score.

import { roleOf } from "../criteria/roles.js";
import { el } from "../shared/dom.js";
import { evidenceParts } from "../evidence/display.js";


/** Draw the measured figures in the items; return the ids of the items the evidence contradicts. */
export function showMeasured(app) {
  const { criteria, lang } = app;
  const doc = app.entry.doc;
  const items = criteria.items.filter((i) => roleOf(criteria, i) !== null);
  // Most rescores change neither the block nor these answers: then nothing is redrawn.
  const answers = doc.answers ?? {};
  const drawn = { entry: app.entry, evidence: doc.evidence, answers: JSON.stringify(items.map((i) => answers[i.id] ?? null)) };
  const last = app.measuredDrawn;
  if (last && last.entry === drawn.entry && last.evidence === drawn.evidence && last.answers === drawn.answers) return last.ids;
  const parts = doc.evidence ? evidenceParts(criteria, doc, app.t.evidence_block, lang) : null;
  const flags = new Map((parts?.flags ?? []).map((f) => [f.id, f.text]));
  for (const item of items) {
    const fieldset = document.getElementById(`item-${item.id}`);
    if (!fieldset) continue;
    let box = fieldset.querySelector(".cl-measured");
    if (!parts) {
      box?.remove();
      continue;
    }
    box ??= fieldset.insertBefore(el("div", { class: "cl-measured", role: "note" }), fieldset.querySelector(".cl-tools"));
    // 4.2: the share replied within the threshold; 4.1: the hours of the week each channel answered.
    const figures = roleOf(criteria, item) === "first_reply" ? [parts.measured] : parts.hours;
    box.classList.toggle("cl-measured--contradicted", flags.has(item.id));
    box.replaceChildren(
      figures.length > 1 ? el("ul", {}, figures.map((f) => el("li", {}, f))) : el("p", {}, figures[0]),
      ...(flags.has(item.id) ? [el("p", { class: "cl-flag" }, flags.get(item.id))] : []));
  }
  app.measuredDrawn = { ...drawn, ids: [...flags.keys()] };
  return app.measuredDrawn.ids;
}
