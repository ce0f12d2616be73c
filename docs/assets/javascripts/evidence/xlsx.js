// An XLSX ticket export read as rows of cell texts, as the command line reads it through
// python-calamine (assessment/evidence/xlsx.py): the first sheet; its first row is the header; an
// empty row is skipped; each cell's text as evidence/xlsx-cells.js makes it. Streamed: the sheet
// is inflated and scanned chunk by chunk, only the shared strings are held (capped). The sheet's
// <dimension> is never read, so one claiming a billion rows costs nothing: rows count as they come.
// DOM-free (the worker).
// Twin: assessment/evidence/xlsx.py (the same rule in Python).

import { EvidenceError } from './measure.js';
import { OTHER, builtinKind, formatKind, valueText } from './xlsx-cells.js';
import { attribute, scanPart, unescapeXml } from './xml.js';
import { entryChunks, findEntry, readDirectory } from './zip.js';

export const MAX_CELL_CHARS = 1000000; // as evidence/xlsx.py and the CSV reader's field limit
const MAX_RAW_CHARS = 8 * MAX_CELL_CHARS; // a cell's XML text, before entities are read
const MAX_SMALL_PART = 16 * 2 ** 20; // workbook, relationships, styles
export const MAX_STRINGS = 256 * 2 ** 20; // the shared strings, held while the sheet is read
const MAX_COLUMNS = 16384; // Excel's XFD
const ASCII_BLANKS = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const ESCAPED = /_x00([0-9a-fA-F]{2})_/g;

const grouped = (n) => n.toLocaleString('en-US');

// A <t> text as calamine reads it: line ends as XML reads them, entities, ASCII blanks trimmed
// unless xml:space="preserve", then Excel's _x00HH_ escapes.
function tText(pieces, preserve) {
  let value = unescapeXml(pieces.join('').replace(/\r\n?/g, '\n'));
  if (!preserve) value = value.replace(ASCII_BLANKS, '');
  return value.indexOf('_x00') === -1 ? value : value.replace(ESCAPED, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

// Every open and close of a small part, as [name, raw | null], to walk with its nesting.
async function tags(blob, entries, path) {
  const entry = findEntry(entries, path);
  if (entry === null) return null;
  const out = [];
  const handler = { capturing: false, open: (name, raw) => out.push([name, raw]), close: (name) => out.push([name, null]), text() {} };
  await scanPart(entryChunks(blob, entry, MAX_SMALL_PART), handler, path);
  return out;
}

function joinPath(base, target) {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop(); else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

async function relationships(blob, entries, part) {
  const folder = part.split('/').slice(0, -1).join('/');
  const name = part.split('/').pop();
  const found = await tags(blob, entries, `${folder ? `${folder}/` : ''}_rels/${name}.rels`);
  const out = [];
  for (const [tag, raw] of found ?? []) {
    if (tag === 'Relationship' && raw !== null) {
      out.push({ id: attribute(raw, 'Id'), type: attribute(raw, 'Type') ?? '', target: joinPath(part, attribute(raw, 'Target') ?? '') });
    }
  }
  return out;
}

// The kind (OTHER, DATETIME, DURATION) of each cell style, by index.
async function styleKinds(blob, entries, path) {
  const found = path ? await tags(blob, entries, path) : null;
  const custom = new Map();
  const kinds = [];
  let inXfs = false;
  for (const [tag, raw] of found ?? []) {
    if (tag === 'numFmt' && raw !== null) custom.set(attribute(raw, 'numFmtId'), attribute(raw, 'formatCode'));
    else if (tag === 'cellXfs') inXfs = raw !== null;
    else if (tag === 'xf' && raw !== null && inXfs) {
      const id = attribute(raw, 'numFmtId');
      if (id === null) kinds.push(OTHER);
      else kinds.push(custom.has(id) && custom.get(id) !== null ? formatKind(custom.get(id)) : builtinKind(id));
    }
  }
  return kinds;
}

async function sharedStrings(blob, entries, path) {
  const entry = path ? findEntry(entries, path) : null;
  if (entry === null) return [];
  const strings = [];
  let item = null; let pieces = null; let preserve = false; let phonetic = 0; let raw = 0;
  const handler = {
    capturing: false,
    open(name, tag) {
      if (name === 'si') item = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && item !== null && !phonetic) {
        pieces = []; raw = 0; preserve = attribute(tag, 'xml:space') === 'preserve'; this.capturing = true;
      }
    },
    close(name) {
      if (name === 't' && pieces !== null) {
        item += tText(pieces, preserve);
        pieces = null; this.capturing = false;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si' && item !== null) { strings.push(item); item = null; }
    },
    text(piece) {
      raw += piece.length;
      if (raw > MAX_RAW_CHARS) throw new EvidenceError(`(file): ${path}: shared string ${strings.length} longer than ${grouped(MAX_CELL_CHARS)} characters`);
      pieces.push(piece);
    },
  };
  await scanPart(entryChunks(blob, entry, MAX_STRINGS), handler, path);
  return strings;
}

// [row, column], 0-based, of a cell reference such as "AB12"; null when it is not one.
function position(ref) {
  const m = /^([A-Z]{1,3})([0-9]{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const c of m[1]) col = col * 26 + c.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, col - 1];
}

// The sheet's cells grouped into rows as they come: onRow(rowIndex, cells) for each row with cells.
function sheetHandler(context, onRow) {
  const { strings, kinds, is1904 } = context;
  let rowIndex = 0; let colIndex = 0; let current = -1; let cells = [];
  let cell = null; let mode = null; let pieces = null; let preserve = false; let raw = 0; let phonetic = 0;
  const where = () => `row ${cell.row + 1}, column ${cell.col + 1}`;
  const flush = () => {
    if (current >= 0) onRow(current, cells);
    cells = [];
  };
  const put = (text) => {
    if (text.length > MAX_CELL_CHARS) throw new EvidenceError(`${where()}: a cell of more than ${grouped(MAX_CELL_CHARS)} characters`);
    if (cell.row !== current) {
      if (cell.row < current) throw new EvidenceError(`row ${cell.row + 1}: rows out of order; save the sheet again from Excel or WPS`);
      flush();
      current = cell.row;
    }
    while (cells.length < cell.col) cells.push('');
    cells[cell.col] = text;
  };
  return {
    capturing: false,
    done: false,
    open(name, tag) {
      if (cell === null) {
        if (name === 'row') {
          const r = attribute(tag, 'r');
          if (r !== null && /^[0-9]{1,7}$/.test(r)) rowIndex = Number(r) - 1;
        } else if (name === 'c') {
          const ref = attribute(tag, 'r');
          const at = ref === null ? [rowIndex, colIndex] : position(ref);
          if (at === null || at[1] >= MAX_COLUMNS) throw new EvidenceError(`row ${rowIndex + 1}: a cell named '${String(ref).slice(0, 20)}', not a cell of a sheet`);
          colIndex = at[1];
          const style = attribute(tag, 's');
          const kind = style === null ? OTHER : kinds[/^[0-9]+$/.test(style) ? Number(style) : 0];
          cell = { row: at[0], col: at[1], t: attribute(tag, 't'), kind: kind ?? OTHER, value: '' };
        }
        return;
      }
      if (mode === 'is') {
        if (name === 'rPh') phonetic += 1;
        else if (name === 't' && !phonetic) { pieces = []; raw = 0; preserve = attribute(tag, 'xml:space') === 'preserve'; this.capturing = true; }
        return;
      }
      // Each value element of a cell replaces what came before, as calamine reads it (<f> leaves nothing).
      cell.value = '';
      if (name === 'is') { mode = 'is'; cell.inline = ''; } else if (name === 'v' && cell.t !== 'inlineStr') {
        mode = 'v'; pieces = []; raw = 0; this.capturing = true;
      } else mode = name;
    },
    close(name) {
      if (name === 'sheetData') { this.done = true; return; }
      if (cell === null) {
        if (name === 'row') { rowIndex += 1; colIndex = 0; }
        return;
      }
      if (mode === 'is') {
        if (name === 't' && pieces !== null) { cell.inline += tText(pieces, preserve); pieces = null; this.capturing = false; }
        else if (name === 'rPh') phonetic -= 1;
        else if (name === 'is') { cell.value = cell.inline; mode = null; }
        return;
      }
      if (name === 'v' && mode === 'v') {
        const v = unescapeXml(pieces.join('').replace(/\r\n?/g, '\n'));
        pieces = null; this.capturing = false; mode = null;
        try {
          cell.value = valueText(v, cell.t, cell.kind, is1904, strings);
        } catch (error) {
          throw new EvidenceError(`${where()}: ${error.message}`);
        }
      } else if (name === mode) mode = null;
      else if (name === 'c') {
        if (cell.value !== '') put(cell.value);
        cell = null; colIndex += 1;
      }
    },
    text(piece) {
      raw += piece.length;
      if (raw > MAX_RAW_CHARS) throw new EvidenceError(`${where()}: a cell of more than ${grouped(MAX_CELL_CHARS)} characters`);
      pieces.push(piece);
    },
    end: flush,
  };
}

/**
 * Read an XLSX Blob: onHeader(header) once, then onRow(cells) for each non-empty data row.
 * onCompressed(n) hears the sheet's stored bytes as they are read (for progress); returns the
 * sheet entry's stored size first through onSheet(size).
 */
export async function readXlsx(blob, { onHeader, onRow, onSheet = () => {}, onCompressed = () => {} }) {
  const entries = await readDirectory(blob);
  const root = (await relationships(blob, entries, '')).find((r) => r.type.endsWith('/officeDocument'));
  const book = root?.target || 'xl/workbook.xml';
  const bookTags = await tags(blob, entries, book);
  if (bookTags === null) throw new EvidenceError(`(file): not an XLSX file (no ${book})`);
  const rels = await relationships(blob, entries, book);
  const first = bookTags.find(([tag, raw]) => tag === 'sheet' && raw !== null);
  const pr = bookTags.find(([tag, raw]) => tag === 'workbookPr' && raw !== null);
  const is1904 = pr ? ['1', 'true'].includes(attribute(pr[1], 'date1904')) : false;
  const sheetRel = first ? rels.find((r) => r.id === attribute(first[1], 'r:id')) : null;
  const sheet = sheetRel ? findEntry(entries, sheetRel.target) : null;
  if (sheet === null) throw new EvidenceError('(file): cannot be read as XLSX (the workbook names no first sheet)');
  const part = (type, fallback) => rels.find((r) => r.type.endsWith(type))?.target ?? (findEntry(entries, fallback) ? fallback : null);
  const kinds = await styleKinds(blob, entries, part('/styles', 'xl/styles.xml'));
  const strings = await sharedStrings(blob, entries, part('/sharedStrings', 'xl/sharedStrings.xml'));
  onSheet(sheet.compressed);
  let header = null;
  const handler = sheetHandler({ strings, kinds, is1904 }, (index, cells) => {
    if (header === null) {
      if (index !== 0 || !cells.some((h) => h.trim())) throw new EvidenceError('row 1: no header row');
      header = cells;
      onHeader(header);
    } else if (cells.some((c) => c !== '')) onRow(cells);
  });
  await scanPart(entryChunks(blob, sheet, Infinity, onCompressed), handler, sheet.name);
  handler.end();
  if (header === null) throw new EvidenceError('row 1: no header row');
}
