// Quantities: a number with a unit of the data file, written and converted one way everywhere.
// Contract with assessment/quantity.py: quantityText() and convert() give the same text and the
// same number as text() and convert() there (tests/vectors/quantities.json holds both to it).
// No DOM access: scoring.js, plan.js and the tests import it.

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
