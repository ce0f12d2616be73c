// Quantities: a number with a unit of the data file, written and converted one way everywhere.
// Contract with assessment/criteria/quantity.py: quantityText(), minutesText() and convert() give the
// same text and the same number as text(), minutes_text() and convert() there
// (tests/vectors/quantities.json holds both to it). No DOM access: answers/scoring.js, plan/plan.js and the tests import it.
// Twin: assessment/criteria/quantity.py (the same rule in Python).

import { measuredThreshold } from "./roles.js";

const ZH_WORDS = "零一二三四五六七八九十";
const EN_WORDS = "zero one two three four five six seven eight nine ten".split(" ");
const PLACES = 1_000_000; // converted values keep six decimals: 0.1 hour is 6 minutes

/** A small whole count as a word (一, 两, three), or null when it has none. */
export function numberWords(n, lang) {
  if (!Number.isInteger(n) || n < 0 || n > 10) return null;
  if (lang === "zh") return n === 2 ? "两" : ZH_WORDS[n];
  return EN_WORDS[n];
}

/** "1小时", "30分钟", "1.5小时", "2种"; "1 hour", "30 minutes", "1.5 hours"; `words` writes 一种, two channels. */
export function quantityText(value, unit, lang, words = false) {
  const shown = (words ? numberWords(value, lang) : null) ?? String(value);
  if (lang === "zh") return `${shown}${unit.zh}`;
  return `${shown} ${value === 1 ? unit.en : unit.en_plural}`;
}

/** A threshold of the data file, by its key, as text. */
export function thresholdText(criteria, key, lang, words = false) {
  const q = criteria.thresholds[key];
  return quantityText(q.value, criteria.units[q.unit], lang, words);
}

// The unit measured durations are counted in (evidence blocks' threshold_minutes); only its `minutes`
// matters to convert().
const MINUTE = { measures: "duration", minutes: 1, zh: "分钟", en: "minute", en_plural: "minutes" };
const UNIT_FIELDS = ["measures", "minutes", "zh", "en", "en_plural"];
// Python compares units by their fields: a data file's own `minute` is the same unit as MINUTE.
const sameUnit = (a, b) => UNIT_FIELDS.every((k) => (a[k] ?? null) === (b[k] ?? null));

/** A measured duration in minutes, written in the unit of the first-reply threshold ("1小时", "30 minutes"). */
export function minutesText(criteria, minutes, lang) {
  const unit = criteria.units[measuredThreshold(criteria, "first_reply").unit];
  return quantityText(sameUnit(MINUTE, unit) ? minutes : convert(minutes, MINUTE, unit), unit, lang);
}

/** Durations convert into each other; a count only into itself. */
export function convertible(source, target) {
  return source === target || (source.measures === "duration" && target.measures === "duration");
}

/** `value` in `source` units expressed in `target` units (3 hours → 180 minutes); unchanged if the same unit. */
export function convert(value, source, target) {
  if (source === target) return value;
  if (!convertible(source, target)) throw new Error(`cannot convert ${source.en_plural} into ${target.en_plural}`);
  return Math.floor(((value * source.minutes) / target.minutes) * PLACES + 0.5) / PLACES;
}
