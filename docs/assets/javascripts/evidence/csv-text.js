// Reading a ticket export's CSV bytes as a stream: encoding, delimiter, rows; as the command line
// reads them (assessment/evidence/csv_text.py states the rule). Bytes go in chunk by chunk (push), rows
// come out through a callback, so a file of any size is read in flat memory. The CSV grammar is
// Papa Parse's (vendored), driven chunk by chunk the way its own streamers drive it.
// Twin: assessment/evidence/csv_text.py (the same rule in Python).

import Papa from '../../vendor/papaparse/papaparse.js';

export const SNIFF_BYTES = 65536;
export const MAX_CELL_CHARS = 1000000;
const MAX_PENDING_CHARS = 8 * MAX_CELL_CHARS; // an unfinished row longer than this is refused
const DELIMITERS = [',', ';', '\t'];
export const ENCODING_NAMES = { 'utf-8-sig': 'utf-8-bom', 'utf-8': 'utf-8', gb18030: 'gb18030' };

export class CsvError extends Error {}

// 'utf-8-sig', 'utf-8' or 'gb18030', from the file's first bytes.
export function detectEncoding(head) {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-sig';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, SNIFF_BYTES), { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function delimiterOf(firstLine) {
  const counts = DELIMITERS.map((d) => firstLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best ? DELIMITERS[counts.indexOf(best)] : ',';
}

function newlineOf(text) {
  const at = text.search(/[\r\n]/);
  if (at === -1) return '\n';
  if (text[at] === '\r') return text[at + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

function newlines(text, end) {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) n += 1;
  return n;
}

// Feed bytes with push(chunk) and finally end(); onHeader(header) once, then onRow(row) per data row.
export class CsvStream {
  constructor(onHeader, onRow) {
    this.onHeader = onHeader;
    this.onRow = onRow;
    this.encoding = null;
    this.decoder = null;
    this.head = [];
    this.headLength = 0;
    this.pending = '';
    this.parser = null;
    this.header = null;
    this.lines = 0;
    this.breaks = 0; // line feeds decoded so far
  }

  // The encoding is chosen once the first SNIFF_BYTES (or the whole, shorter file) are in.
  push(bytes) {
    if (this.encoding === null) {
      this.head.push(bytes.slice());
      this.headLength += bytes.length;
      if (this.headLength >= SNIFF_BYTES) this.begin();
      return;
    }
    this.text(this.decode(bytes, true), false);
  }

  begin() {
    const head = new Uint8Array(this.headLength);
    let at = 0;
    for (const piece of this.head) { head.set(piece, at); at += piece.length; }
    this.head = [];
    this.encoding = detectEncoding(head);
    this.decoder = new TextDecoder(this.encoding === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true });
    this.text(this.decode(head, true), false);
  }

  end() {
    if (this.encoding === null) {
      if (this.headLength === 0) throw new CsvError('line 1: the file is empty');
      this.begin();
    }
    this.text(this.decode(new Uint8Array(0), false), true);
    if (this.header === null) throw new CsvError('line 1: the file is empty');
  }

  decode(bytes, stream) {
    try {
      return this.decoder.decode(bytes, { stream });
    } catch {
      const name = this.encoding === 'gb18030' ? 'GB18030' : 'UTF-8';
      throw new CsvError(`after line ${this.lines}: bytes that are not ${name} (mixed encodings?); save the export in one encoding`);
    }
  }

  text(chunk, final) {
    const nul = chunk.indexOf('\0');
    // The physical line, as the command line counts it (line breaks before the NUL byte).
    if (nul !== -1) throw new CsvError(`line ${this.breaks + newlines(chunk, nul) + 1}: a NUL byte; this is not a text export`);
    this.breaks += newlines(chunk, chunk.length);
    const text = this.pending + chunk;
    if (this.parser === null) {
      const cut = text.search(/[\r\n]/);
      // Wait for the first line break, and for the LF that may follow a CR, to know the newline.
      if ((cut === -1 || cut === text.length - 1) && !final) {
        if (text.length > MAX_PENDING_CHARS) throw new CsvError(`line 1: a row longer than ${MAX_PENDING_CHARS} characters`);
        this.pending = text;
        return;
      }
      const first = cut === -1 ? text : text.slice(0, cut);
      this.parser = new Papa.Parser({ delimiter: delimiterOf(first), newline: newlineOf(text) });
    }
    // A chunk that ends between CR and LF would end a row early: the CR waits for the next chunk.
    const held = !final && text.endsWith('\r') ? '\r' : '';
    const body = held ? text.slice(0, -1) : text;
    const result = this.parser.parse(body, 0, !final);
    this.pending = final ? '' : body.substring(result.meta.cursor) + held;
    if (this.pending.length > MAX_PENDING_CHARS) {
      throw new CsvError(`line ${this.lines + 1}: a row longer than ${MAX_PENDING_CHARS} characters`);
    }
    for (const row of result.data) this.row(row);
  }

  row(row) {
    this.lines += 1;
    for (const cell of row) {
      if (cell.length > MAX_CELL_CHARS) {
        throw new CsvError(`line ${this.lines}: field larger than field limit (${MAX_CELL_CHARS})`);
      }
    }
    if (this.header === null) {
      if (!row.some((h) => h.trim())) throw new CsvError('line 1: no header row');
      this.header = row;
      this.onHeader(row);
    } else if (!(row.length === 1 && row[0] === '')) {
      this.onRow(row);
    }
  }
}

// The header and rows of a whole file's bytes (small files, tests): [encoding name, header, rows].
export function readCsv(bytes, chunkSize = 1 << 20) {
  const rows = [];
  let header = null;
  const stream = new CsvStream((h) => { header = h; }, (r) => rows.push(r));
  for (let at = 0; at < bytes.length; at += chunkSize) stream.push(bytes.subarray(at, at + chunkSize));
  stream.end();
  return [ENCODING_NAMES[stream.encoding], header, rows];
}
