// The zip container of an XLSX file, read from a Blob (the File the SP picked) by slices: the
// central directory, then one entry at a time inflated by the browser's DecompressionStream.
// Hostile files are contained here: the declared sizes are checked as assessment/evidence/xlsx.py
// checks them (same limits, same messages), and the bytes really inflated are counted as they
// come, so an entry that lies about its size stops at what it declared. DOM-free (the worker).

import { EvidenceError } from './measure.js';

export const MAX_UNCOMPRESSED = 2 ** 30; // as evidence/xlsx.py: 1 GiB inflated in all
export const MAX_RATIO = 200; // real sheets inflate 5–20×; a run of one byte inflates 1,000×
const MAX_ENTRIES = 10000;
const MAX_DIRECTORY = 16 * 2 ** 20;
const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const grouped = (n) => n.toLocaleString('en-US');
const notXlsx = (why) => new EvidenceError(`(file): not an XLSX file (${why})`);

async function bytesOf(blob, start, end) {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

const u64 = (view, at) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;

// The end of central directory record, zip64's when the plain one is saturated.
async function directoryPlace(blob) {
  const tailStart = Math.max(0, blob.size - (65535 + 22));
  const tail = await bytesOf(blob, tailStart, blob.size);
  const view = new DataView(tail.buffer);
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (view.getUint32(at, true) !== EOCD) continue;
    let count = view.getUint16(at + 10, true);
    let size = view.getUint32(at + 12, true);
    let offset = view.getUint32(at + 16, true);
    if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && at >= 20
        && view.getUint32(at - 20, true) === LOCATOR64) {
      const where = u64(view, at - 12);
      const record = await bytesOf(blob, where, where + 56);
      const v = new DataView(record.buffer);
      if (record.length < 56 || v.getUint32(0, true) !== EOCD64) throw notXlsx('a broken zip64 directory');
      count = u64(v, 32); size = u64(v, 40); offset = u64(v, 48);
    }
    return { count, size, offset };
  }
  throw notXlsx('File is not a zip file');
}

function zip64Sizes(extra, entry) {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let at = 0; at + 4 <= extra.length;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const take = () => { const v = p + 8 <= at + 4 + length ? u64(view, p) : null; p += 8; return v; };
      if (entry.size === 0xffffffff) entry.size = take() ?? entry.size;
      if (entry.compressed === 0xffffffff) entry.compressed = take() ?? entry.compressed;
      if (entry.offset === 0xffffffff) entry.offset = take() ?? entry.offset;
    }
    at += 4 + length;
  }
}

/** The entries of a zip: [{name, method, compressed, size, offset}], after the declared sizes pass. */
export async function readDirectory(blob) {
  const place = await directoryPlace(blob);
  if (place.count > MAX_ENTRIES || place.size > MAX_DIRECTORY || place.offset + place.size > blob.size) {
    throw notXlsx('a zip directory out of bounds');
  }
  const data = await bytesOf(blob, place.offset, place.offset + place.size);
  const view = new DataView(data.buffer);
  const names = new TextDecoder('utf-8');
  const entries = [];
  let at = 0;
  for (let n = 0; n < place.count; n += 1) {
    if (at + 46 > data.length || view.getUint32(at, true) !== CENTRAL) throw notXlsx('a broken zip directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry = {
      method: view.getUint16(at + 10, true), compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true), offset: view.getUint32(at + 42, true),
      name: names.decode(data.subarray(at + 46, at + 46 + nameLength)),
    };
    zip64Sizes(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > MAX_UNCOMPRESSED) {
    throw new EvidenceError(`(file): the XLSX would inflate to ${grouped(total)} bytes, more than ${grouped(MAX_UNCOMPRESSED)} (a zip bomb?)`);
  }
  for (const e of entries) {
    const ratio = Math.floor(e.size / Math.max(e.compressed, 1));
    if (e.size > 1000000 && e.size > MAX_RATIO * Math.max(e.compressed, 1)) {
      throw new EvidenceError(`(file): ${e.name} would inflate ${grouped(ratio)} times (a zip bomb?)`);
    }
  }
  return entries;
}

/** The entry of a name, as zips write it or with other case and separators; or null. */
export function findEntry(entries, name) {
  const key = name.replace(/^\/+/, '').toLowerCase();
  return entries.find((e) => e.name.replace(/\\/g, '/').toLowerCase() === key) ?? null;
}

/**
 * An entry's inflated bytes, chunk by chunk. onCompressed(n) hears how many stored bytes were read.
 * More bytes than the entry declared (or than `limit`) stop the reading with a clear message.
 */
export async function* entryChunks(blob, entry, limit = MAX_UNCOMPRESSED, onCompressed = () => {}) {
  const head = await bytesOf(blob, entry.offset, entry.offset + 30);
  const view = new DataView(head.buffer);
  if (head.length < 30 || view.getUint32(0, true) !== LOCAL) throw notXlsx(`a broken entry ${entry.name}`);
  const start = entry.offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + entry.compressed > blob.size) throw notXlsx(`entry ${entry.name} runs past the end of the file`);
  if (entry.method !== 0 && entry.method !== 8) throw notXlsx(`entry ${entry.name} is compressed by method ${entry.method}`);
  let stream = blob.slice(start, start + entry.compressed).stream();
  stream = stream.pipeThrough(new TransformStream({
    transform(chunk, controller) { onCompressed(chunk.length); controller.enqueue(chunk); },
  }));
  if (entry.method === 8) stream = stream.pipeThrough(new DecompressionStream('deflate-raw'));
  const cap = Math.min(entry.size, limit);
  const reader = stream.getReader();
  let inflated = 0;
  try {
    for (;;) {
      let step;
      try {
        step = await reader.read();
      } catch (error) {
        throw notXlsx(`entry ${entry.name} does not inflate: ${error.message}`);
      }
      if (step.done) return;
      inflated += step.value.length;
      if (inflated > cap) {
        const what = cap < entry.size ? `more than ${grouped(cap)} bytes` : `more than the ${grouped(entry.size)} bytes it declares`;
        throw new EvidenceError(`(file): ${entry.name} inflates to ${what} (a zip bomb?)`);
      }
      yield step.value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
