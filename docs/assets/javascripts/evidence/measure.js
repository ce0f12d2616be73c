// First replies and 7×24 coverage measured from a ticket export: the aggregate, as a pure computation.
// Mirrors assessment/evidence/measure.py (its docstring states the rule): for the same rows, mapping, zone,
// threshold and cut-off, JSON.stringify(measure.result()) is byte for byte Python's to_json.
// DOM-free, so the evidence worker runs it; rows go in one at a time and only counts are kept.
// Twin: assessment/evidence/measure.py (the same rule in Python).

import { measuredThreshold } from '../criteria/roles.js';
import { DURATION_UNIT, REPLY_ROLES } from './columns.js';
import { DAY, EARLIEST, HOUR, LATEST, MINUTE, OUT_OF_RANGE, civilFromDays, iso, parseDuration, parseInstant, trim } from './times.js';

export const REASONS = ['duplicate_id', 'no_arrival', 'unparseable_time', 'out_of_range_time', 'reply_before_arrival', 'after_cutoff'];
export const NO_REPLY = 'no_reply';
const PERCENTILES = [50, 90, 99];
export const MAX_CHANNELS = 200;
const MAX_CHANNEL_CHARS = 60;
const FORWARDED_TRUE = new Set(['1', 'true', 'yes', 'y', '是', '√', '✓', 'x']);
const HOURS_OF_WEEK = 168;

export class EvidenceError extends Error {}

// The first-reply threshold (clause 4.2 today), in minutes: the one place that reads it.
export function thresholdMinutes(criteria) {
  const q = measuredThreshold(criteria, 'first_reply');
  return q.value * criteria.units[q.unit].minutes; // a duration: the model refuses the role another unit
}

// This site's attainment target (a share, 0–1) below which a declared "met" is contradicted.
export function attainmentTarget(criteria) {
  return criteria.evidence.attainment_target_percent / 100;
}

// Strings in code point order, as Python sorts them (the built-in sort compares UTF-16 units).
export function codePointCompare(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

class Group {
  constructor(grid = false) {
    this.within = 0; this.late = 0; this.breached = 0; this.pending = 0;
    this.replies = new Map(); // first-reply milliseconds -> tickets
    this.grid = grid ? new Array(HOURS_OF_WEEK).fill(0) : null;
  }

  replied(ms, thresholdMs) {
    if (ms <= thresholdMs) this.within += 1; else this.late += 1;
    this.replies.set(ms, (this.replies.get(ms) || 0) + 1);
  }

  figures() {
    const measured = this.within + this.late + this.breached;
    const out = {
      tickets: measured + this.pending, within: this.within, late: this.late,
      unanswered_breached: this.breached, pending: this.pending,
      attainment: measured ? this.within / measured : null,
    };
    const ordered = [...this.replies].sort((a, b) => a[0] - b[0]);
    for (const p of PERCENTILES) out[`p${p}_minutes`] = nearestRank(ordered, this.within + this.late, measured, p);
    return out;
  }
}

function nearestRank(ordered, replied, measured, p) {
  if (measured === 0) return null;
  const rank = Math.floor((p * measured + 99) / 100);
  if (rank > replied) return NO_REPLY;
  let seen = 0;
  for (const [ms, n] of ordered) {
    seen += n;
    if (seen >= rank) return ms / MINUTE;
  }
  throw new Error('rank beyond the replies counted');
}

// Feed rows (arrays of cell texts) with add(); result() gives the aggregate.
export class Measure {
  constructor(mapping, zone, threshold, untilMs = null, columns = {}) {
    this.zone = zone; this.until = untilMs;
    this.thresholdMinutes = threshold;
    this.thresholdMs = threshold * MINUTE;
    this.idAt = mapping.id ?? null;
    this.arrivedAt = mapping.arrived;
    const replyRole = REPLY_ROLES.find((r) => r in mapping);
    this.replyAt = mapping[replyRole];
    this.durationUnit = DURATION_UNIT[replyRole] ?? null;
    this.channelAt = mapping.channel ?? null;
    this.forwardedAt = mapping.forwarded ?? null;
    this.columns = columns;
    this.rows = 0;
    this.excluded = Object.fromEntries(REASONS.map((r) => [r, 0]));
    this.ids = new Set();
    this.total = new Group();
    this.channels = new Map();
    this.months = new Map();
    this.forwarded = this.forwardedAt !== null ? new Group() : null;
    this.received = new Array(HOURS_OF_WEEK).fill(0);
    this.repliedGrid = new Array(HOURS_OF_WEEK).fill(0);
    this.first = null; this.last = null; this.latest = null;
    this.waiting = []; // unanswered, maybe pending at the cut-off
    this.pruneAt = 1024;
    this.days = new Map(); // local day -> [YYYY-MM, first hour of the week]
  }

  cell(row, index) {
    return index !== null && index < row.length ? trim(row[index]) : '';
  }

  add(row, duplicate = null) {
    this.rows += 1;
    if (duplicate === null && this.idAt !== null) {
      const ident = this.cell(row, this.idAt);
      if (ident) {
        const before = this.ids.size; // one hash of the id, not two (has, then add)
        this.ids.add(ident);
        duplicate = this.ids.size === before;
      }
    }
    if (duplicate) return this.exclude('duplicate_id');
    const text = this.cell(row, this.arrivedAt);
    if (!text) return this.exclude('no_arrival');
    const arrival = parseInstant(text, this.zone);
    if (typeof arrival === 'string') return this.exclude(arrival);
    const reply = this.reply(this.cell(row, this.replyAt), arrival);
    if (typeof reply === 'string') return this.exclude(reply);
    if (this.until !== null && arrival > this.until) return this.exclude('after_cutoff');
    return this.count(arrival, reply, row);
  }

  reply(text, arrival) {
    if (!text) return null;
    let reply;
    if (this.durationUnit === null) {
      reply = parseInstant(text, this.zone);
    } else {
      const spent = parseDuration(text, this.durationUnit);
      if (typeof spent === 'string') return spent;
      reply = arrival + spent;
      if (!(reply >= EARLIEST && reply < LATEST)) return OUT_OF_RANGE;
    }
    if (typeof reply === 'number' && reply < arrival) return 'reply_before_arrival';
    return reply;
  }

  exclude(reason) {
    this.excluded[reason] += 1;
  }

  // [YYYY-MM, hour of the week] of an instant in the zone.
  local(utcMs) {
    const at = utcMs + this.zone.offset(utcMs);
    const days = Math.floor(at / DAY);
    let found = this.days.get(days);
    if (found === undefined) {
      const [y, m] = civilFromDays(days);
      found = [`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`, (((days + 3) % 7) + 7) % 7 * 24];
      this.days.set(days, found);
    }
    return [found[0], found[1] + Math.floor((at - days * DAY) / HOUR)];
  }

  count(arrival, reply, row) {
    const [month, hour] = this.local(arrival);
    this.received[hour] += 1;
    const channel = this.channel(row);
    const groups = [this.total, this.month(month)];
    if (channel !== null) groups.push(channel);
    if (this.forwarded !== null && FORWARDED_TRUE.has(this.cell(row, this.forwardedAt).replace(/[A-Z]/g, (c) => c.toLowerCase()))) {
      groups.push(this.forwarded);
    }
    if (this.first === null || arrival < this.first) this.first = arrival;
    if (this.last === null || arrival > this.last) this.last = arrival;
    if (this.until === null) {
      const latest = reply === null || reply < arrival ? arrival : reply;
      if (this.latest === null || latest > this.latest) this.latest = latest;
    } else if (reply !== null && reply > this.until) {
      reply = null; // not yet given at the cut-off
    }
    if (reply === null) return this.unanswered(arrival, groups);
    const replyHour = this.local(reply)[1];
    this.repliedGrid[replyHour] += 1;
    for (const group of groups) group.replied(reply - arrival, this.thresholdMs);
    if (channel !== null) channel.grid[replyHour] += 1;
    return undefined;
  }

  channel(row) {
    if (this.channelAt === null) return null;
    const cell = this.cell(row, this.channelAt);
    // Cut to MAX_CHANNEL_CHARS code points; a text of no more UTF-16 units than that is short enough.
    const name = cell.length <= MAX_CHANNEL_CHARS ? cell : Array.from(cell).slice(0, MAX_CHANNEL_CHARS).join('');
    let group = this.channels.get(name);
    if (group === undefined) {
      if (this.channels.size >= MAX_CHANNELS) {
        const column = this.columns.channel ?? 'channel';
        throw new EvidenceError(`column '${column}': more than ${MAX_CHANNELS} different channels; is it the channel column?`);
      }
      group = new Group(true);
      this.channels.set(name, group);
    }
    return group;
  }

  month(month) {
    let group = this.months.get(month);
    if (group === undefined) {
      group = new Group();
      this.months.set(month, group);
    }
    return group;
  }

  unanswered(arrival, groups) {
    if (this.until !== null) return this.settle(arrival, groups, this.until);
    // The cut-off only grows: a ticket already older than the threshold stays breached.
    if (this.latest - arrival > this.thresholdMs) return this.settle(arrival, groups, this.latest);
    this.waiting.push([arrival, groups]);
    if (this.waiting.length > this.pruneAt) {
      const keep = [];
      for (const entry of this.waiting) {
        if (this.latest - entry[0] > this.thresholdMs) this.settle(entry[0], entry[1], this.latest);
        else keep.push(entry);
      }
      this.waiting = keep;
      this.pruneAt = 2 * keep.length + 1024;
    }
    return undefined;
  }

  settle(arrival, groups, cutoff) {
    const breached = cutoff - arrival > this.thresholdMs;
    for (const group of groups) {
      if (breached) group.breached += 1; else group.pending += 1;
    }
  }

  result(preset = null, source = null) {
    const cutoff = this.until !== null ? this.until : this.latest;
    for (const [arrival, groups] of this.waiting) this.settle(arrival, groups, cutoff);
    this.waiting = [];
    const zone = this.zone;
    const byName = (a, b) => codePointCompare(a[0], b[0]);
    const out = {
      preset, columns: this.columns, time_zone: zone.name,
      threshold_minutes: this.thresholdMinutes,
      cutoff: cutoff !== null ? iso(cutoff, zone) : null,
      period: this.first !== null ? { first_arrival: iso(this.first, zone), last_arrival: iso(this.last, zone) } : null,
      rows: this.rows,
      ...this.total.figures(),
      excluded: { ...this.excluded },
      forwarded: this.forwarded !== null ? this.forwarded.figures() : null,
      by_channel: [...this.channels].sort(byName).map(([name, group]) => ({
        channel: name, ...group.figures(), hours_with_reply: group.grid.filter((n) => n).length,
        replied_by_hour_of_week: group.grid,
      })),
      by_month: [...this.months].sort(byName).map(([month, group]) => ({ month, ...group.figures() })),
      received_by_hour_of_week: this.received,
      replied_by_hour_of_week: this.repliedGrid,
    };
    if (source !== null) out.source = source;
    return out;
  }
}

export function measure(rows, mapping, zone, threshold, untilMs = null, columns = {}, preset = null, source = null) {
  const m = new Measure(mapping, zone, threshold, untilMs, columns);
  for (const row of rows) m.add(row);
  return m.result(preset, source);
}
