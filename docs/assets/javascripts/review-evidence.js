// The review page's view of the SP's measured first replies (the answers file's optional `evidence`
// block): beside the declared 4.2 answer the measured attainment, beside 4.1 the hours of the week
// each channel answered in, and beside either a contradiction of the declared "met".
//
// `evidenceLines` is a minimal DOM-free twin of assessment/evidence_block.py `lines()`: the same
// lines in the same order, word for word (texts.*.yml `evidence_block`, handed to the page as
// data-evidence-words); tests/test_browser_review_testlog.py compares them.

import { evidenceContradictions, roundTheClock } from "./evidence-block.js";
import { statusOf, valueInThresholdUnit } from "./scoring.js";
import { percentText, thresholdText } from "./test-log-words.js";
import { el } from "./review-view.js";

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** [{clause: "4.1" | "4.2" | null, text}] in evidence_block.lines() order; null clause: the measured 4.2 line. */
export function evidenceLines(criteria, doc, evidence, w, lang) {
  const period = evidence.period ?? { first_arrival: w.none, last_arrival: w.none };
  const out = [{ clause: "4.2", text: fill(w.measured, { percent: percentText(evidence.attainment),
    threshold: thresholdText(criteria, evidence.threshold_minutes, lang), tickets: grouped(evidence.tickets),
    first: period.first_arrival.slice(0, 10), last: period.last_arrival.slice(0, 10) }) }];
  const channels = evidence.by_channel.length ? evidence.by_channel
    : [{ channel: w.all, hours_with_reply: evidence.replied_by_hour_of_week.filter((n) => n).length }];
  for (const c of channels) out.push({ clause: "4.1", text: fill(w.hours, { channel: c.channel || w.none, n: c.hours_with_reply }) });
  const answers = doc.answers ?? {};
  const status = (crit, item, answer) => statusOf(crit, item, answer, doc.criteria_version);
  const flags = evidenceContradictions(criteria, status, answers, evidence);
  for (const item of criteria.items) {
    if (!flags[item.id]) continue;
    const what = item.clause === "4.2"
      ? fill(w.below, { percent: percentText(evidence.attainment), target: `${criteria.evidence.attainment_target_percent}%` })
      : fill(w.short, { full: roundTheClock(evidence),
        declared: valueInThresholdUnit(criteria, item, answers[item.id], doc.criteria_version) ?? 0 });
    out.push({ clause: item.clause, text: `${item.clause} ${fill(w.contradiction, { what })}`, contradiction: true });
  }
  return out;
}

/** Put the lines beside the 4.1 and 4.2 items (none when the file carries no evidence). */
export function showEvidence(root, criteria, doc, lang) {
  for (const old of root.querySelectorAll(".rv-measured")) old.remove();
  if (!doc.evidence) return;
  const w = JSON.parse(root.dataset.evidenceWords);
  const lines = evidenceLines(criteria, doc, doc.evidence, w, lang);
  for (const item of criteria.items.filter((i) => i.clause === "4.1" || i.clause === "4.2")) {
    const mine = lines.filter((l) => l.clause === item.clause);
    const box = root.querySelector(`.rv-item[data-item="${item.id}"] .rv-clause`);
    if (!box || !mine.length) continue;
    box.after(el("div", { class: "rv-measured", "data-clause": item.clause },
      ...mine.map((l) => el("p", { class: l.contradiction ? "rv-measured__contradiction" : "rv-measured__line" }, l.contradiction ? `⚠ ${l.text}` : l.text))));
  }
}
