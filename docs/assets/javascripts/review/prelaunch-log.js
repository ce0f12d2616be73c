// The operator's pre-launch test log (clause 3.3): the review file's `test_log`, its figures, and
// the suggested schedule. DOM-free, so the review page, the checklist and the tests import it.
//
// Mirrors assessment/review/prelaunch_log.py (its docstring states the rule): the same problems byte for byte
// and, through evidence/measure.js's Measure (each test a ticket: id = row number, arrival = the contact,
// first reply, channel; cut-off = as_of, else the latest time in the log), the same figures.
// `schedule` is assessment/prelaunch_schedule.yml as the build publishes it (night hours, holidays).
// Twin: assessment/review/prelaunch_log.py (the same rule in Python).

import { quote, showKind as show } from '../shared/formatting.js';
import { roleOf } from '../criteria/roles.js';
import { Measure, thresholdMinutes } from '../evidence/measure.js';
import { DAY, HOUR, MINUTE, Zone, civilFromDays, daysFromCivil, trim } from '../evidence/times.js';
import { isBlank } from '../shared/blank.js';

export const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'UTC'];
export const DEFAULT_ZONE = ZONES[0];
export const MAX_TESTS = 300;
export const MAX_CHANNEL = 60;
export const MAX_NOTE = 500;
export const KINDS = ['night', 'weekend', 'holiday'];
const LOG_KEYS = ['time_zone', 'as_of', 'tests'];
const TEST_KEYS = ['channel', 'contacted', 'replied', 'note'];
const TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})$/;
const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
const length = (text) => Array.from(text).length;
const has = (o, k) => Object.hasOwn(o, k);

/** A local time written YYYY-MM-DDTHH:MM (an <input type=datetime-local>'s value), 2000–2099. */
export function isTime(value) {
  const m = typeof value === 'string' ? TIME.exec(value) : null;
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (!(y >= 2000 && y <= 2099 && mo >= 1 && mo <= 12 && h <= 23 && mi <= 59)) return false;
  const [y2, mo2, d2] = civilFromDays(daysFromCivil(y, mo, d));
  return y2 === y && mo2 === mo && d2 === d;
}

/** Every problem of a `test_log` block as "where: what" (show/quote: review/review-file.js's). */
export function testLogProblems(log) {
  if (!isObject(log)) return [`test_log: expected an object, got ${show(log)}`];
  const out = Object.keys(log).filter((k) => !LOG_KEYS.includes(k)).map((k) => `test_log: unknown key ${quote(k)}`);
  if (!ZONES.includes(log.time_zone)) out.push(`test_log.time_zone: expected one of ${ZONES.join(', ')}, got ${show(log.time_zone)}`);
  if (has(log, 'as_of') && !isTime(log.as_of)) out.push(`test_log.as_of: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099, got ${show(log.as_of)}`);
  const { tests } = log;
  if (!Array.isArray(tests)) return [...out, `test_log.tests: expected a list, got ${show(tests)}`];
  if (tests.length > MAX_TESTS) return [...out, `test_log.tests: more than ${MAX_TESTS} tests`];
  tests.forEach((test, n) => {
    out.push(...testProblems(`test_log.tests[${n}]`, test, show, quote));
  });
  return out;
}

function testProblems(where, test, show, quote) {
  if (!isObject(test)) return [`${where}: expected an object, got ${show(test)}`];
  const out = Object.keys(test).filter((k) => !TEST_KEYS.includes(k)).map((k) => `${where}: unknown key ${quote(k)}`);
  const { channel, contacted } = test;
  const replied = has(test, 'replied') ? test.replied : '';
  if (!(typeof channel === 'string' && !isBlank(channel))) out.push(`${where}.channel: expected a text, got ${show(channel)}`);
  else if (length(channel) > MAX_CHANNEL) out.push(`${where}.channel: longer than ${MAX_CHANNEL} characters`);
  if (!isTime(contacted)) out.push(`${where}.contacted: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099, got ${show(contacted)}`);
  if (replied !== '' && !isTime(replied)) {
    out.push(`${where}.replied: expected a time YYYY-MM-DDTHH:MM from 2000 to 2099 or "", got ${show(replied)}`);
  } else if (replied && isTime(contacted) && replied < contacted) out.push(`${where}.replied: before the contact`);
  const note = has(test, 'note') ? test.note : '';
  if (typeof note !== 'string') out.push(`${where}.note: expected a string, got ${show(note)}`);
  else if (length(note) > MAX_NOTE) out.push(`${where}.note: longer than ${MAX_NOTE} characters`);
  return out;
}

// --- times -----------------------------------------------------------------------------------

/** A YYYY-MM-DDTHH:MM text as local milliseconds (days since 1970 × DAY + time of day). */
export function localMs(text) {
  const [y, mo, d, h, mi] = TIME.exec(text).slice(1).map(Number);
  return daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * MINUTE;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Local milliseconds as YYYY-MM-DDTHH:MM. */
export function localText(ms) {
  const days = Math.floor(ms / DAY);
  const rest = ms - days * DAY;
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(rest / HOUR))}:${pad(Math.floor((rest % HOUR) / MINUTE))}`;
}

/** An instant (UTC ms) as local YYYY-MM-DDTHH:MM in the zone (by name). */
export const localAt = (utcMs, zoneName) => localText(utcMs + new Zone(zoneName).offset(utcMs));

const dayText = (localDays) => localText(localDays * DAY).slice(0, 10);

/** Which kinds of hour a local time falls in: night, weekend, holiday. */
export function kindsOf(local, schedule) {
  const days = Math.floor(local / DAY);
  const hour = Math.floor((local - days * DAY) / HOUR);
  const weekday = (((days + 3) % 7) + 7) % 7; // Monday 0
  const out = [];
  if (hour >= schedule.night[0] && hour < schedule.night[1]) out.push('night');
  if (weekday >= 5) out.push('weekend');
  if (has(schedule.holidays, dayText(days))) out.push('holiday');
  return out;
}

// --- the figures -------------------------------------------------------------------------------

/**
 * The figures of a valid log (assessment/review/prelaunch_log.py `figures`): evidence/measure.js's totals and by-channel
 * figures, with the kinds of hour each channel was tested in. `asOf` (YYYY-MM-DDTHH:MM in the log's
 * zone) is the cut-off, else the log's own as_of, else the latest time in the log.
 */
export function testFigures(criteria, log, schedule, asOf = null) {
  const zone = new Zone(log.time_zone);
  const cut = asOf ?? log.as_of ?? null;
  const until = cut ? zone.toUtc(localMs(cut)) : null;
  const measure = new Measure({ id: 0, arrived: 1, replied: 2, channel: 3 }, zone, thresholdMinutes(criteria), until);
  const covered = new Map();
  log.tests.forEach((test, n) => {
    measure.add([String(n + 1), test.contacted, test.replied ?? '', test.channel]);
    const at = zone.toUtc(localMs(test.contacted));
    if (until === null || at <= until) {
      const name = Array.from(trim(test.channel)).slice(0, MAX_CHANNEL).join('');
      if (!covered.has(name)) covered.set(name, new Set());
      for (const kind of kindsOf(localMs(test.contacted), schedule)) covered.get(name).add(kind);
    }
  });
  const result = measure.result();
  const keep = ['tickets', 'within', 'late', 'unanswered_breached', 'pending', 'attainment', 'p50_minutes', 'p90_minutes'];
  const pick = (o) => Object.fromEntries(keep.map((k) => [k, o[k]]));
  return {
    time_zone: zone.name, threshold_minutes: result.threshold_minutes, cutoff: result.cutoff,
    ...pick(result), planned: result.excluded.after_cutoff,
    by_channel: result.by_channel.map((c) => ({ channel: c.channel, ...pick(c),
      ...Object.fromEntries(KINDS.map((k) => [k, Boolean(covered.get(c.channel)?.has(k))])) })),
  };
}

// --- the suggested schedule --------------------------------------------------------------------

/**
 * For each channel, the next slot of each kind after `nowLocal` (local ms): {channel, kind, at
 * (YYYY-MM-DDTHH:MM) | null when the data file lists no later public holiday}. Night: the next
 * start of the night window plus an hour (03:00); weekend: the next Saturday or Sunday, 10:00, that
 * is not a make-up working day; holiday: the next listed public holiday, 10:00.
 */
export function suggestions(channels, schedule, nowLocal) {
  const today = Math.floor(nowLocal / DAY);
  const at = (days, hour) => days * DAY + hour * HOUR;
  const nightHour = Math.min(schedule.night[0] + 1, schedule.night[1] - 1);
  let night = at(today, nightHour);
  if (night <= nowLocal) night += DAY;
  let weekend = null;
  for (let d = today; weekend === null; d += 1) {
    const weekday = (((d + 3) % 7) + 7) % 7;
    if (weekday >= 5 && at(d, 10) > nowLocal && !schedule.make_up_working_days.includes(dayText(d))) weekend = at(d, 10);
  }
  const holiday = Object.keys(schedule.holidays).sort().map((day) => localMs(`${day}T10:00`)).find((ms) => ms > nowLocal) ?? null;
  const slots = { night, weekend, holiday };
  return channels.flatMap((channel) => KINDS.map((kind) => ({ channel, kind, at: slots[kind] === null ? null : localText(slots[kind]) })));
}

/**
 * The channels the SP declared, for the reviewer to pick from: those its evidence block measured,
 * then each line of the plan sections that answer clause 4.1's item (the template's channels
 * section), its list mark taken off and cut at the first colon or comma ("- 客服热线：400…" gives
 * "客服热线"), at most 60 characters; no repeats, at most 20.
 */
export function declaredChannels(criteria, doc) {
  const found = [];
  const add = (name) => {
    const clean = Array.from(trim(name)).slice(0, MAX_CHANNEL).join('');
    if (clean && !isBlank(clean) && !found.includes(clean)) found.push(clean);
  };
  for (const c of Array.isArray(doc?.evidence?.by_channel) ? doc.evidence.by_channel : []) if (typeof c?.channel === 'string') add(c.channel);
  const round = new Set(criteria.items.filter((i) => roleOf(criteria, i) === 'round_the_clock').map((i) => i.id));
  const sections = criteria.template.filter((p) => !p.group && (p.items ?? []).some((id) => round.has(id)));
  const text = sections.map((p) => (typeof doc?.plan?.[p.id] === 'string' ? doc.plan[p.id] : '')).join('\n');
  for (const line of text.split(/\r?\n/)) {
    add(line.replace(/^\s*(?:[-*•·]|[0-9]+[.、)）])\s*/u, '').split(/[:：,，;；(（]/u)[0]);
  }
  return found.slice(0, 20); // a schedule of more would not be read
}
