// The `evidence` block of an answers file (the aggregate measured from a ticket export): how the one
// accepting rule checks it. Mirrors assessment/evidence/block.py message for message
// (tests/vectors/evidence/answers.json); what the block says beside the answers is display.js's.
// Twin: assessment/evidence/block.py (the same rule in Python).

import { NO_REPLY, REASONS } from './measure.js';
import { ROLES } from './columns.js';
import { clip, show } from '../shared/formatting.js';

export const HOURS = 168;
const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 53;
const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

function checks() {
  const text = (limit, nullable = false) => (v) => {
    if (v === null && nullable) return null;
    if (typeof v !== 'string') return `expected a string${nullable ? ' or null' : ''}, got ${show(v)}`;
    return Array.from(v).length > limit ? `longer than ${limit} characters` : null;
  };
  const count = (v) => (isInt(v) ? null : `expected a whole number ≥ 0, got ${show(v)}`);
  const share = (v) => (v === null || (isNumber(v) && v >= 0 && v <= 1) ? null : `expected a share from 0 to 1 or null, got ${show(v)}`);
  const minutes = (v) => (v === null || v === NO_REPLY || (isNumber(v) && v >= 0) ? null
    : `expected minutes ≥ 0, "${NO_REPLY}" or null, got ${show(v)}`);
  const grid = (v) => {
    if (!Array.isArray(v) || v.length !== HOURS) {
      return `expected a list of ${HOURS} counts, got ${Array.isArray(v) ? `${v.length} entries` : show(v)}`;
    }
    const bad = v.findIndex((x) => !isInt(x));
    return bad === -1 ? null : `[${bad}]: expected a whole number ≥ 0, got ${show(v[bad])}`;
  };
  const hours = (v) => (isInt(v) && v <= HOURS ? null : `expected a whole number from 0 to ${HOURS}, got ${show(v)}`);
  const month = (v) => (typeof v === 'string' && /^[0-9]{4}-[0-9]{2}$/.test(v) ? null : `expected YYYY-MM, got ${show(v)}`);
  const threshold = (v) => (isNumber(v) && v > 0 ? null : `expected a number > 0, got ${show(v)}`);
  const sha = (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? null : `expected 64 lowercase hexadecimal digits, got ${show(v)}`);
  const kind = (v) => (v === 'csv' || v === 'xlsx' ? null : `expected "csv" or "xlsx", got ${show(v)}`);
  return { text, count, share, minutes, grid, hours, month, threshold, sha, kind };
}

const scalar = (check) => (v, where) => {
  const problem = check(v);
  if (problem === null) return [];
  return [problem.startsWith('[') ? `${where}${problem}` : `${where}: ${problem}`];
};

function sums(v, where) {
  const parts = ['within', 'late', 'unanswered_breached', 'pending'].map((k) => v[k]);
  if (parts.every(isInt) && isInt(v.tickets) && parts.reduce((a, b) => a + b, 0) !== v.tickets) {
    return [`${where}.tickets: is not within + late + unanswered_breached + pending`];
  }
  return [];
}

function shapes() {
  const c = checks();
  const fields = (v, shape, where) => {
    const out = Object.keys(v).filter((k) => !Object.hasOwn(shape, k)).map((k) => `${where}.${clip(k)}: unknown key`);
    for (const [key, check] of Object.entries(shape)) {
      if (!Object.hasOwn(v, key)) out.push(`${where}.${key}: required key is missing`);
      else out.push(...check(v[key], `${where}.${key}`));
    }
    return out;
  };
  const object = (shape, nullable = false, extra = null) => (v, where) => {
    if (v === null && nullable) return [];
    if (!isObject(v)) return [`${where}: expected an object${nullable ? ' or null' : ''}, got ${show(v)}`];
    return [...fields(v, shape, where), ...(extra ? extra(v, where) : [])];
  };
  const list = (item, limit) => (v, where) => {
    if (!Array.isArray(v)) return [`${where}: expected a list, got ${show(v)}`];
    if (v.length > limit) return [`${where}: more than ${limit} entries`];
    return v.flatMap((x, n) => item(x, `${where}[${n}]`));
  };
  const columns = (v, where) => {
    if (!isObject(v)) return [`${where}: expected an object, got ${show(v)}`];
    const out = [];
    for (const key of Object.keys(v)) {
      if (!ROLES.includes(key)) out.push(`${where}.${clip(key)}: unknown role`);
      else out.push(...scalar(c.text(200))(v[key], `${where}.${key}`));
    }
    return out;
  };
  const S = scalar;
  const GROUP = {
    tickets: S(c.count), within: S(c.count), late: S(c.count), unanswered_breached: S(c.count), pending: S(c.count),
    attainment: S(c.share), p50_minutes: S(c.minutes), p90_minutes: S(c.minutes), p99_minutes: S(c.minutes),
  };
  const SHAPE = {
    preset: S(c.text(60, true)), columns, time_zone: S(c.text(64)), threshold_minutes: S(c.threshold),
    cutoff: S(c.text(40, true)),
    period: object({ first_arrival: S(c.text(40)), last_arrival: S(c.text(40)) }, true),
    rows: S(c.count), ...GROUP, excluded: object(Object.fromEntries(REASONS.map((r) => [r, S(c.count)]))),
    forwarded: object(GROUP, true, sums),
    by_channel: list(object({ channel: S(c.text(60)), ...GROUP, hours_with_reply: S(c.hours), replied_by_hour_of_week: S(c.grid) }, false, sums), 200),
    by_month: list(object({ month: S(c.month), ...GROUP }, false, sums), 1200),
    received_by_hour_of_week: S(c.grid), replied_by_hour_of_week: S(c.grid),
    source: object({ format: S(c.kind), encoding: S(c.text(20, true)), bytes: S(c.count), sha256: S(c.sha) }),
  };
  return { fields, SHAPE };
}

/** Every problem with an answers file's `evidence` block, as "where: what" lines (block.py `problems`). */
export function evidenceProblems(block) {
  if (!isObject(block)) return [`evidence: expected an object, got ${show(block)}`];
  const { fields, SHAPE } = shapes();
  const out = fields(block, SHAPE, 'evidence');
  if (!out.length && block.rows !== block.tickets + Object.values(block.excluded).reduce((a, b) => a + b, 0)) {
    out.push('evidence.rows: is not tickets + the excluded rows');
  }
  return [...out, ...sums(block, 'evidence')];
}
