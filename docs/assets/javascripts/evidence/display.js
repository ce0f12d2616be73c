// What an assessment's `evidence` block (first replies measured from the SP's ticket export) says
// beside the declared answers: clause 4.2's measured figure, the hours of the week each channel
// answered (4.1), and the declared "met" answers the evidence contradicts. DOM-free.
// Contract with assessment/evidence_block.py: evidenceLines() is lines() there and thresholdText()
// is threshold_text(), byte for byte, in the words of the `evidence_block` table of
// assessment/texts.*.yml (tests/test_evidence_display.py holds both to it). The figures sit beside
// the declared answer; nothing here changes an answer or the score.

import { convert, quantityText } from "../shared/quantity.js";
import { statusOf, valueInThresholdUnit } from "../answers/scoring.js";
import { evidenceContradictions, roundTheClock } from "./block.js";

// The unit evidence blocks count in (evidence_block.py `_MINUTE`); only its `minutes` matters to convert().
const MINUTE = { measures: "duration", minutes: 1, zh: "分钟", en: "minute", en_plural: "minutes" };
const UNIT_FIELDS = ["measures", "minutes", "zh", "en", "en_plural"];

// Python compares units by their fields: a data file's own `minute` is the same unit as MINUTE.
const sameUnit = (a, b) => UNIT_FIELDS.every((k) => (a[k] ?? null) === (b[k] ?? null));

/** A threshold measured in minutes, in the unit of clause 4.2's threshold ("1小时", "30 minutes"). */
export function thresholdText(criteria, minutes, lang) {
  const item = criteria.items.find((i) => i.clause === "4.2");
  const unit = criteria.units[criteria.thresholds[item.threshold].unit];
  return quantityText(sameUnit(MINUTE, unit) ? minutes : convert(minutes, MINUTE, unit), unit, lang);
}

/** Python's `{:,}` of a whole number. */
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/**
 * Python's f"{share * 100:.1f}%". toFixed rounds a tie away from zero, Python to the even digit; a
 * double is a tie at one decimal only when it is an odd multiple of 0.25 (12.25, 0.75).
 */
export function percentText(share) {
  if (share === null) return "—";
  const x = share * 100;
  if (x % 0.5 !== 0.25) return `${x.toFixed(1)}%`;
  const tenths = Math.floor(x * 10); // exact: x is a multiple of 0.25 well below 2**50
  return `${((tenths % 2 ? tenths + 1 : tenths) / 10).toFixed(1)}%`;
}

/** Python's str.format for {name} placeholders: one pass, a filled-in value is never read again. */
const format = (text, values) => text.replace(/\{(\w+)\}/g, (whole, key) => (Object.hasOwn(values, key) ? String(values[key]) : whole));

/** The first `n` characters as Python counts them (code points). */
const head = (s, n) => Array.from(s).slice(0, n).join("");

/** Clause 4.2's measured figure: the `measured` text with the attainment, the threshold in its unit, the tickets and the period. */
export function measuredText(criteria, evidence, t, lang) {
  const period = evidence.period ?? { first_arrival: t.none, last_arrival: t.none };
  return format(t.measured, {
    percent: percentText(evidence.attainment), threshold: thresholdText(criteria, evidence.threshold_minutes, lang),
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
  const contradicted = evidenceContradictions(criteria, statusOf, answers, evidence);
  const flags = [];
  for (const item of criteria.items) {
    if (!contradicted[item.id]) continue;
    const answer = Object.hasOwn(answers, item.id) ? answers[item.id] : null;
    const what = item.clause === "4.2"
      ? format(t.below, { percent: percentText(evidence.attainment), target: `${criteria.evidence.attainment_target_percent}%` })
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
  const found = evidenceContradictions(criteria, statusOf, doc.answers ?? {}, doc.evidence);
  return criteria.items.filter((i) => found[i.id]).map((i) => i.id);
}
