// One ticket export's bytes to its aggregate, as a stream: hash, CSV rows, columns, the measure.
// Mirrors assessment/evidence_read.py for CSV. DOM-free: the evidence worker drives it chunk by
// chunk (push), and tests feed it whole files; nothing but counts outlives a chunk.

import { resolve, MappingError } from './evidence-columns.js';
import { CsvStream, ENCODING_NAMES } from './evidence-csv.js';
import { EvidenceError, Measure } from './evidence.js';
import { DEFAULT_ZONE, Zone, parseInstant, trim } from './evidence-time.js';
import { Sha256 } from './sha256.js';

export function zoneOf(name) {
  try {
    return new Zone(name);
  } catch (error) {
    throw new EvidenceError(`--tz: ${error.message}`);
  }
}

export function untilOf(text, zone) {
  if (text === null || text === undefined) return null;
  const value = parseInstant(trim(text), zone);
  if (typeof value === 'string') {
    throw new EvidenceError(`--until: '${text}' is not a time this reads (2026-11-30 23:59, epoch, …) or lies outside 2000–2099`);
  }
  return value;
}

// options: {preset: name|null, overrides: [[column, role]…], zone: name, until: text|null}.
// onHeader(header, mapping) lets a caller see the columns before rows are counted.
export class ExportMeasure {
  constructor(options, threshold, onHeader = null) {
    this.options = { preset: null, overrides: [], zone: DEFAULT_ZONE, until: null, ...options };
    this.threshold = threshold;
    this.hash = new Sha256();
    this.bytes = 0;
    this.measure = null;
    this.preset = null;
    this.csv = new CsvStream((header) => this.start(header, onHeader), (row) => this.measure.add(row));
  }

  start(header, onHeader) {
    let preset;
    let mapping;
    try {
      [preset, mapping] = resolve(header, this.options.preset, this.options.overrides);
    } catch (error) {
      if (error instanceof MappingError) throw new EvidenceError(error.message);
      throw error;
    }
    const zone = zoneOf(this.options.zone);
    const names = {};
    for (const [role, index] of Object.entries(mapping)) names[role] = trim(header[index]);
    this.preset = preset;
    this.measure = new Measure(mapping, zone, this.threshold, untilOf(this.options.until, zone), names);
    if (onHeader) onHeader(header, mapping);
  }

  push(bytes) {
    this.hash.update(bytes);
    this.bytes += bytes.length;
    this.csv.push(bytes);
  }

  result() {
    this.csv.end();
    const source = { format: 'csv', encoding: ENCODING_NAMES[this.csv.encoding], bytes: this.bytes, sha256: this.hash.hex() };
    return this.measure.result(this.preset, source);
  }
}

// The aggregate of a whole file's bytes (tests, small files), read in chunks as the worker reads.
export function measureBytes(bytes, options, threshold, chunkSize = 1 << 20) {
  const m = new ExportMeasure(options, threshold);
  for (let at = 0; at < bytes.length; at += chunkSize) m.push(bytes.subarray(at, at + chunkSize));
  return m.result();
}
