// One XLSX cell to the text the CSV rule reads, exactly as the command line's XLSX path makes it
// (python-calamine, then assessment/evidence/xlsx.py cell_text): text as it is; numbers as
// JavaScript writes them; a number in a date format as `2024-03-01 08:05:00[.123000]`, a whole
// one as `2024-03-01`, one below 1 as a time of day, one in a duration format ([h]:mm) as Python
// writes a timedelta; booleans as true/false; errors as nothing. Formulas are never evaluated:
// only the value Excel cached is read. DOM-free.

import { civilFromDays } from './times.js';

const DAY_MS = 86400000;
const EPOCH_DAYS = -25569; // 1899-12-30, in days from 1970-01-01
const DAYS_1900_TO_1904 = 1462;
export const OTHER = 0;
export const DATETIME = 1;
export const DURATION = 2;

// An Excel number format's kind, read as calamine reads it (formats.rs, detect_custom_number_format).
export function formatKind(format) {
  let escaped = false; let quote = false; let brackets = 0; let prev = ' '; let hms = false; let ap = false;
  for (const s of format) {
    if (escaped) escaped = false;
    else if (s === '_' || s === '\\' || s === '*') escaped = true;
    else if (quote) { if (s === '"') quote = false; }
    else if (s === '"') quote = true;
    else if (s === ';') return OTHER; // the first format only
    else if (s === '[') brackets += 1;
    else if (s === ']' && brackets === 1 && hms) return DURATION;
    else if (s === ']') brackets = Math.max(0, brackets - 1);
    else if ((s === 'a' || s === 'A') && !ap && brackets === 0) ap = true;
    else if (ap && brackets === 0 && 'pm/PM'.includes(s)) return DATETIME;
    else if (!ap && brackets === 0 && 'dmhysDMHYS'.includes(s)) return DATETIME;
    else if (!(hms && s.toLowerCase() === prev.toLowerCase())) hms = prev === '[' && 'mhsMHS'.includes(s);
    prev = s;
  }
  return OTHER;
}

// Built-in format ids (calamine's builtin_format_by_id).
export function builtinKind(id) {
  if (/^(1[4-9]|2[0-2]|45|47)$/.test(id)) return DATETIME;
  return id === '46' ? DURATION : OTHER;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const roundAway = (x) => Math.sign(x) * Math.round(Math.abs(x)); // Rust's f64::round

function clock(ms) {
  const seconds = Math.floor(ms / 1000);
  const text = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return ms % 1000 ? `${text}.${pad((ms % 1000) * 1000, 6)}` : text;
}

// A timedelta as Python's str() writes it: "0:30:00", "1 day, 2:00:00", "-1 day, 23:30:00".
function timedelta(ms) {
  const days = Math.floor(ms / DAY_MS);
  const rest = ms - days * DAY_MS;
  const seconds = Math.floor(rest / 1000);
  let text = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (rest % 1000) text += `.${pad((rest % 1000) * 1000, 6)}`;
  return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${text}` : text;
}

// A serial number in a date format: [days from 1899-12-30, ms of the day], or null past chrono's range.
function serial(value, is1904) {
  let f = is1904 ? value + DAYS_1900_TO_1904 : value;
  if (f < 60) f += 1; // Excel's 1900 leap-day bug
  const ms = roundAway(f * DAY_MS);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.2e15) return null;
  const days = Math.floor(ms / DAY_MS);
  return [days, ms - days * DAY_MS];
}

/** A number cell as text, by the kind of its number format. */
export function numberText(value, kind, is1904) {
  if (kind === OTHER || !Number.isFinite(value)) return String(value);
  if (kind === DURATION) return timedelta(roundAway(value * DAY_MS));
  const at = serial(value, is1904);
  if (at === null) return String(value);
  const [y, m, d] = civilFromDays(at[0] + EPOCH_DAYS);
  if (value < 1) return clock(at[1]);
  if (y < 1 || y > 9999) return String(value); // beyond Python's dates: the number itself
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return Number.isInteger(value) ? date : `${date} ${clock(at[1])}`;
}

const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * The text of a `<v>` value by the cell's type attribute t and its format kind; `strings` is the
 * shared string table. Returns a string, or throws a message (without where) for a broken cell.
 */
export function valueText(v, t, kind, is1904, strings) {
  if (v === '') return '';
  switch (t) {
    case 's': {
      const index = /^[0-9]+$/.test(v) ? Number(v) : 0;
      if (index >= strings.length) throw new Error(`shared string ${v} is not in the table`);
      return strings[index];
    }
    case 'b': return v !== '0' ? 'true' : 'false';
    case 'e': return '';
    case 'str': return v;
    case 'd': return isoText(v);
    case 'n': case null: {
      if (NUMBER.test(v)) return numberText(Number(v), kind, is1904);
      if (SPECIAL.test(v)) return String(Number(v.replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN')));
      if (t === null) return v; // no type and not a number: the text itself
      throw new Error(`'${v.slice(0, 40)}' is not a number`);
    }
    default: throw new Error(`unknown cell type '${t.slice(0, 20)}'`);
  }
}

// A t="d" cell (ISO 8601 text), as python-calamine turns it into a datetime, time or date.
function isoText(v) {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?$/.exec(v);
  if (m) {
    const micro = (m[7] || '').padEnd(6, '0').slice(0, 6);
    const text = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
    return +micro ? `${text}.${micro}` : text;
  }
  return v; // a date alone reads as itself; other forms are kept as text
}
