// Times in ticket exports: one cell's text to a UTC instant in milliseconds, and back to local fields.
// Mirrors assessment/evidence/times.py rule for rule (see its docstring); tests/vectors/evidence/
// proves both read every cell alike. DOM-free: it runs in the page and in the evidence worker.
// Twin: assessment/evidence/times.py (the same rule in Python).

export const UNPARSEABLE = 'unparseable_time';
export const OUT_OF_RANGE = 'out_of_range_time';
export const DEFAULT_ZONE = 'Asia/Shanghai';
export const MINUTE = 60000;
export const HOUR = 3600000;
export const DAY = 86400000;
export const EARLIEST = 946684800000; // 2000-01-01T00:00:00Z
export const LATEST = 4102444800000; // 2100-01-01T00:00:00Z (excluded)
const EXCEL_EPOCH_DAYS = -25569; // 1899-12-30

// [0-9], never \d, and explicit blanks, so that Python's Unicode-aware classes read the same.
const BLANKS = '[ \\t\\r\\n\\u00a0\\u3000\\ufeff]';
const TRIM = new RegExp(`^${BLANKS}+|${BLANKS}+$`, 'g');
const DASHED = /^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:T| +)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(?: *(Z|[+-][0-9]{2}(?::?[0-9]{2})?))?$/;
const CHINESE = /^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日 *([0-9]{1,2})(?:[:：]([0-9]{2})(?:[:：]([0-9]{2}))?|时([0-9]{1,2})分(?:([0-9]{1,2})秒)?)$/;
const NUMBER = /^[0-9]{1,15}(?:\.[0-9]{1,17})?$/;

const blank = (c) => c === 32 || (c >= 9 && c <= 13 && c !== 11 && c !== 12) || c === 0xa0 || c === 0x3000 || c === 0xfeff;

export function trim(text) {
  // Most cells have no blank at either end: the regular expression is skipped for them (speed).
  if (!text || (!blank(text.charCodeAt(0)) && !blank(text.charCodeAt(text.length - 1)))) return text;
  return text.replace(TRIM, '');
}

const floorDiv = (a, b) => Math.floor(a / b);

export function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = floorDiv(y >= 0 ? y : y - 399, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z) {
  z += 719468;
  const era = floorDiv(z >= 0 ? z : z - 146096, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function monthDays(y, m) {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

// A time zone's UTC offset at instants, cached per quarter hour (offsets change on such bounds).
export class Zone {
  constructor(name) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone '${name}'`);
    }
    this.name = name;
    this.cache = new Map();
    this.lastBlock = null;
    this.lastOffset = 0;
  }

  offset(utcMs) {
    const block = Math.floor(utcMs / 900000);
    if (block === this.lastBlock) return this.lastOffset; // exports run in time order: mostly the same block
    let found = this.cache.get(block);
    if (found === undefined) {
      const at = block * 900000;
      const p = {};
      for (const part of this.format.formatToParts(new Date(at))) p[part.type] = part.value;
      const local = daysFromCivil(+p.year, +p.month, +p.day) * DAY + (+p.hour) * HOUR + (+p.minute) * MINUTE + (+p.second) * 1000;
      found = local - at;
      this.cache.set(block, found);
    }
    this.lastBlock = block;
    this.lastOffset = found;
    return found;
  }

  // The instant of a naive local time: earlier one when ambiguous, offset before the change in a gap.
  toUtc(localMs) {
    const before = this.offset(localMs - DAY);
    const after = this.offset(localMs + DAY);
    const first = localMs - before;
    if (before === after || this.offset(first) === before) return first;
    const second = localMs - after;
    return this.offset(second) === after ? second : first;
  }
}

const ranged = (utcMs) => (utcMs >= EARLIEST && utcMs < LATEST ? utcMs : OUT_OF_RANGE);

function local(zone, y, mo, d, h, mi, s, ms, offset) {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= monthDays(y, mo) && h <= 23 && mi <= 59 && s <= 59)) return UNPARSEABLE;
  const at = daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * MINUTE + s * 1000 + ms;
  // Checked before the zone is asked: a year 9999 must not reach the zone's arithmetic.
  if (!(at >= EARLIEST - 2 * DAY && at < LATEST + 2 * DAY)) return OUT_OF_RANGE;
  if (offset === undefined) return ranged(zone.toUtc(at));
  if (offset === 'Z') return ranged(at);
  const digits = offset.slice(1).replace(':', '');
  const oh = +digits.slice(0, 2);
  const om = +(digits.slice(2) || 0);
  if (oh > 14 || om > 59) return UNPARSEABLE;
  const shift = (oh * HOUR + om * MINUTE) * (offset[0] === '+' ? 1 : -1);
  return ranged(at - shift);
}

function number(text, zone) {
  const value = parseFloat(text);
  if (value < 1000000) {
    if (value < 1) return UNPARSEABLE;
    const seconds = Math.floor(value * 86400 + 0.5);
    const at = EXCEL_EPOCH_DAYS * DAY + seconds * 1000;
    if (!(at >= EARLIEST - 2 * DAY && at < LATEST + 2 * DAY)) return OUT_OF_RANGE;
    return ranged(zone.toUtc(at));
  }
  if (value >= 1e9 && value < 1e11) return ranged(Math.floor(value * 1000 + 0.5));
  if (value >= 1e11 && value < 1e14) return ranged(Math.floor(value + 0.5));
  return OUT_OF_RANGE;
}

// A trimmed, non-empty cell as UTC milliseconds, or UNPARSEABLE / OUT_OF_RANGE.
export function parseInstant(cell, zone) {
  if (NUMBER.test(cell)) return number(cell, zone);
  let m = DASHED.exec(cell);
  if (m) {
    const ms = +((m[8] || '').slice(0, 3).padEnd(3, '0'));
    return local(zone, +m[1], +m[3], +m[4], +m[5], +m[6], +(m[7] || 0), ms, m[9]);
  }
  m = CHINESE.exec(cell);
  if (m) {
    const [minute, second] = m[5] !== undefined ? [m[5], m[6]] : [m[7], m[8]];
    return local(zone, +m[1], +m[2], +m[3], +m[4], +minute, +(second || 0), 0, undefined);
  }
  return UNPARSEABLE;
}

// --- durations ---------------------------------------------------------------------------

export const UNITS_MS = { minutes: MINUTE, seconds: 1000, milliseconds: 1 };
const MAX_DURATION = 100 * 366 * DAY;
const DURATION = /^(-?)([0-9]{1,13})(?:\.([0-9]{1,6}))?$/;

// A trimmed duration cell as whole milliseconds, half up, by integer arithmetic as in Python.
export function parseDuration(cell, unit) {
  const m = DURATION.exec(cell);
  if (!m) return UNPARSEABLE;
  const per = UNITS_MS[unit];
  let ms = +m[2] * per;
  if (m[3]) {
    const scale = 10 ** m[3].length;
    ms += Math.floor((2 * +m[3] * per + scale) / (2 * scale));
  }
  if (ms > MAX_DURATION) return OUT_OF_RANGE;
  return m[1] && ms ? -ms : ms;
}

// --- local fields -----------------------------------------------------------------------

const pad = (n, w = 2) => String(n).padStart(w, '0');

// An instant as ISO 8601 local time with its offset, to the second: 2026-11-30T23:59:00+08:00.
export function iso(utcMs, zone) {
  const offset = zone.offset(utcMs);
  const at = utcMs + offset;
  const days = Math.floor(at / DAY);
  const rest = at - days * DAY;
  const [y, m, d] = civilFromDays(days);
  const om = Math.floor(Math.abs(offset) / MINUTE);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(rest / HOUR))}:${pad(Math.floor(rest % HOUR / MINUTE))}:`
    + `${pad(Math.floor(rest % MINUTE / 1000))}${offset >= 0 ? '+' : '-'}${pad(Math.floor(om / 60))}:${pad(om % 60)}`;
}
