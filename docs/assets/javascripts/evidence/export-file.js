// One ticket export's bytes to its aggregate, as a stream: hash, CSV rows, columns, the measure.
// Mirrors assessment/evidence/export_file.py for CSV. DOM-free: the evidence worker drives it chunk by
// chunk (push), and tests feed it whole files; nothing but counts outlives a chunk.
// Twin: assessment/evidence/export_file.py (the same rule in Python).

import { resolve, MappingError } from './columns.js';
import { CsvError, CsvStream, ENCODING_NAMES } from './csv-text.js';
import { EvidenceError, Measure } from './measure.js';
import { DEFAULT_ZONE, Zone, parseInstant, trim } from './times.js';
import { Sha256 } from '../shared/sha256.js';
import { readXlsx } from './xlsx.js';

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

// The preset and the Measure for a header: columns resolved from it and the options.
// options: {preset: name|null, overrides: [[column, role]…], zone: name, until: text|null, without: [role…]}.
export function measureFor(header, options, threshold) {
  let preset;
  let mapping;
  try {
    [preset, mapping] = resolve(header, options.preset, options.overrides);
  } catch (error) {
    if (error instanceof MappingError) throw new EvidenceError(error.message);
    throw error;
  }
  // Optional roles the SP set to "none" in the view's column form, though a preset maps them.
  for (const role of options.without ?? []) {
    if (OPTIONAL.includes(role) && role in mapping) {
      delete mapping[role];
      if (!preset.endsWith('map')) preset = `${preset}+map`;
    }
  }
  const zone = zoneOf(options.zone);
  const names = {};
  for (const [role, index] of Object.entries(mapping)) names[role] = trim(header[index]);
  return [preset, new Measure(mapping, zone, threshold, untilOf(options.until, zone), names), mapping];
}

const OPTIONAL = ['id', 'channel', 'forwarded'];
const withDefaults = (options) => ({ preset: null, overrides: [], zone: DEFAULT_ZONE, until: null, ...options });

// onHeader(header) hears the columns before they are resolved (the view's mapping form needs them
// even when they are not recognised); onMapping(preset, mapping) hears how they were resolved.
export class ExportMeasure {
  constructor(options, threshold, { onHeader = () => {}, onMapping = () => {} } = {}) {
    this.options = withDefaults(options);
    this.threshold = threshold;
    this.hash = new Sha256();
    this.bytes = 0;
    this.measure = null;
    this.preset = null;
    this.csv = new CsvStream((header) => {
      onHeader(header);
      [this.preset, this.measure, this.mapping] = measureFor(header, this.options, threshold);
      onMapping(this.preset, this.mapping);
    }, (row) => this.measure.add(row));
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

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CHUNK = 1 << 20;

// A Blob's bytes in chunks, read by slices (a File streams from disk; nothing is held whole).
async function* chunksOf(blob) {
  for (let at = 0; at < blob.size; at += CHUNK) yield new Uint8Array(await blob.slice(at, at + CHUNK).arrayBuffer());
}

/**
 * The aggregate of a ticket export held in a Blob (the File the SP picked): CSV or XLSX, told by its
 * first bytes as the command line tells them. hooks: onHeader, onMapping (as ExportMeasure's) and
 * onProgress(done, total) with bytes; `stopped()` is asked between chunks.
 */
export async function measureBlob(blob, options, threshold, hooks = {}) {
  const { onProgress = () => {}, stopped = () => false } = hooks;
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  const halt = () => { if (stopped()) throw new EvidenceError('(file): stopped'); };
  try {
    if (XLSX_MAGIC.every((b, i) => head[i] === b)) return await measureXlsx(blob, withDefaults(options), threshold, hooks, halt);
    const m = new ExportMeasure(options, threshold, hooks);
    let done = 0;
    for await (const chunk of chunksOf(blob)) {
      m.push(chunk);
      done += chunk.length;
      onProgress(done, blob.size);
      halt();
    }
    return m.result();
  } catch (error) {
    if (error instanceof CsvError) throw new EvidenceError(error.message);
    throw error;
  }
}

async function measureXlsx(blob, options, threshold, { onHeader = () => {}, onMapping = () => {}, onProgress = () => {} }, halt) {
  const hash = new Sha256();
  let done = 0;
  let total = blob.size;
  for await (const chunk of chunksOf(blob)) {
    hash.update(chunk);
    done += chunk.length;
    onProgress(done, total);
    halt();
  }
  let preset = null;
  let measure = null;
  await readXlsx(blob, {
    onHeader(header) {
      onHeader(header);
      let mapping;
      [preset, measure, mapping] = measureFor(header, options, threshold);
      onMapping(preset, mapping);
    },
    onRow: (row) => measure.add(row),
    onSheet: (size) => { total += size; },
    onCompressed: (n) => { done += n; onProgress(done, total); halt(); },
  });
  return measure.result(preset, { format: 'xlsx', encoding: null, bytes: blob.size, sha256: hash.hex() });
}
