// What an assessment's `evidence` block (first replies measured from the SP's ticket export) says
// beside the declared answers: clause 4.2's measured figure, the hours of the week each channel
// answered (4.1), and the declared "met" answers the evidence contradicts. DOM-free.
// Contract with assessment/evidence/display.py: evidenceLines() is lines() there, byte for byte, in
// the words of the `evidence_block` table of assessment/texts.*.yml (tests/test_evidence_display.py
// holds both to it). The measured items are found by role (criteria/roles.js). The figures sit
// beside the declared answer; nothing here changes an answer or the score.
// Twin: assessment/evidence/display.py (the same rule in Python).

import { minutesText } from "../criteria/quantity.js";
import { roleOf } from "../criteria/roles.js";
import { statusOf, valueInThresholdUnit } from "../answers/scoring.js";
import { grouped, sharePercent } from "../shared/formatting.js";
import { HOURS } from "./block.js";
import { attainmentTarget } from "./measure.js";

/** Python's str.format for {name} placeholders: one pass, a filled-in value is never read again. */
const format = (text, values) => text.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? String(values[key]) : whole));

/** The first `n` characters as Python counts them (code points). */
const head = (s, n) => Array.from(s).slice(0, n).join("");

/** Clause 4.2's measured figure: the `measured` text with the attainment, the threshold in its unit, the tickets and the period. */
export function measuredText(criteria, evidence, t, lang) {
  const period = evidence.period ?? { first_arrival: t.none, last_arrival: t.none };
  return format(t.measured, {
    percent: sharePercent(evidence.attainment), threshold: minutesText(criteria, evidence.threshold_minutes, lang),
    tickets: grouped(evidence.tickets), first: head(period.first_arrival, 10), last: head(period.last_arrival, 10),
  });
}

/**
 * The figures beside the items: {measured, hours: [lines], flags: [{id, clause, text}]}, flags in the
 * criteria's order.
 * `t` is the evidence_block table in `lang`; `doc` an answers document holding a valid `evidence`.
 */
export function evidenceParts(criteria, doc, t, lang) {
  const evidence = doc.evidence;
  const answers = doc.answers ?? {};
  const measured = measuredText(criteria, evidence, t, lang);
  const channels = evidence.by_channel.length ? evidence.by_channel
    : [{ channel: t.all, hours_with_reply: evidence.replied_by_hour_of_week.filter((n) => n).length }];
  const hours = channels.map((c) => format(t.hours, { channel: c.channel || t.none, n: c.hours_with_reply }));
  const contradicted = evidenceContradictions(criteria, answers, evidence);
  const flags = [];
  for (const item of criteria.items) {
    if (!contradicted[item.id]) continue;
    const answer = Object.hasOwn(answers, item.id) ? answers[item.id] : null;
    const what = roleOf(criteria, item) === "first_reply"
      ? format(t.below, { percent: sharePercent(evidence.attainment), target: `${criteria.evidence.attainment_target_percent}%` })
      : format(t.short, { full: roundTheClock(evidence), declared: valueInThresholdUnit(criteria, item, answer) || 0 });
    flags.push({ id: item.id, clause: item.clause, text: format(t.contradiction, { what }) });
  }
  return { measured, hours, flags };
}

/** For a reader, as the command line's report writes it (evidence_block.lines). */
export function evidenceLines(criteria, doc, t, lang) {
  const { measured, hours, flags } = evidenceParts(criteria, doc, t, lang);
  return [measured, ...hours, ...flags.map((f) => `${f.clause} ${f.text}`)];
}

/** Item ids whose declared "met" the evidence contradicts, in the criteria's order. */
export function evidenceContradicted(criteria, doc) {
  if (!doc.evidence) return [];
  const found = evidenceContradictions(criteria, doc.answers ?? {}, doc.evidence);
  return criteria.items.filter((i) => found[i.id]).map((i) => i.id);
}

/** {item id: contradicted} for the measured items (clauses 4.1 and 4.2 today; display.py `contradictions`). */
export function evidenceContradictions(criteria, answers, evidence) {
  const out = {};
  for (const item of criteria.items) {
    if (roleOf(criteria, item) === null) continue;
    const declared = statusOf(criteria, item, answers[item.id]) === 'met';
    out[item.id] = Boolean(declared && evidence && contradicts(criteria, item, answers, evidence));
  }
  return out;
}

/** Channels that saw a first reply in all 168 hours (the whole export when it names no channel). */
export function roundTheClock(evidence) {
  if (evidence.by_channel.length) return evidence.by_channel.filter((c) => c.hours_with_reply === HOURS).length;
  return evidence.replied_by_hour_of_week.every((n) => n) ? 1 : 0;
}

function contradicts(criteria, item, answers, evidence) {
  if (roleOf(criteria, item) === 'first_reply') return evidence.attainment !== null && evidence.attainment < attainmentTarget(criteria);
  return evidence.tickets > 0 && roundTheClock(evidence) < (answers[item.id].value || 0);
}
