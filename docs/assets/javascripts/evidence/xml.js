// A small streaming XML scanner for the parts of an XLSX file (workbook, styles, shared strings,
// the sheet): text goes in chunk by chunk, tags and text come out through a handler, so a sheet of
// any length is read in flat memory. It reads what Excel, WPS and export tools write; it does not
// validate, resolve DTDs or expand anything but the five entities and character references, so a
// crafted file cannot make it fetch, nest or multiply anything. DOM-free (the worker).

import { EvidenceError } from './measure.js';

const MAX_TAG_CHARS = 1 << 20; // one tag (with its attributes) longer than this is no sheet's
const NAMED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;

function entity(match, name) {
  if (name[0] !== '#') return NAMED[name];
  const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/** Text or an attribute value as written in XML, read: entities and character references resolved. */
export function unescapeXml(text) {
  return text.indexOf('&') === -1 ? text : text.replace(ENTITY, entity);
}

/** The value of one attribute of a tag's raw text (`c r="A1" t="s"`), read; or null. */
const FINDERS = new Map();
export function attribute(raw, name) {
  let finder = FINDERS.get(name);
  if (finder === undefined) {
    finder = new RegExp(`\\s${name.replace(':', '\\:')}\\s*=\\s*["']`);
    FINDERS.set(name, finder);
  }
  const at = raw.search(finder);
  if (at === -1) return null;
  const open = raw.indexOf('=', at) + 1;
  const quoteAt = raw.slice(open).search(/["']/) + open;
  const end = raw.indexOf(raw[quoteAt], quoteAt + 1);
  return end === -1 ? null : unescapeXml(raw.slice(quoteAt + 1, end));
}

// The end of the tag that opens at `from` ('<'), skipping '>' inside quoted attribute values.
function tagEnd(text, from) {
  let at = text.indexOf('>', from);
  let quote = null;
  let scan = from;
  while (at !== -1) {
    for (; scan < at; scan += 1) {
      const c = text.charCodeAt(scan);
      if (quote === null) { if (c === 34 || c === 39) quote = c; } else if (c === quote) quote = null;
    }
    if (quote === null) return at;
    at = text.indexOf('>', at + 1);
  }
  return -1;
}

/**
 * Feed text with push(chunk), then end(). The handler has open(name, raw, empty), close(name) and
 * text(raw); text is handed over only while handler.capturing is true. Names lose their prefix.
 */
export class XmlScanner {
  constructor(handler, part) {
    this.handler = handler;
    this.part = part;
    this.rest = '';
  }

  push(chunk) {
    const text = this.rest ? this.rest + chunk : chunk;
    const h = this.handler;
    let i = 0;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt === -1) {
        if (h.capturing && i < text.length) h.text(text.slice(i));
        i = text.length;
        break;
      }
      if (h.capturing && lt > i) h.text(text.slice(i, lt));
      const next = text.charCodeAt(lt + 1);
      let end;
      if (next === 33) { // <! : a comment or CDATA
        if (text.startsWith('<![CDATA[', lt)) {
          end = text.indexOf(']]>', lt);
          if (end === -1) break;
          if (h.capturing) h.text(text.slice(lt + 9, end).replace(/&/g, '&amp;')); // read as written
          i = end + 3;
          continue;
        }
        if (text.length - lt < 4) break;
        end = text.startsWith('<!--', lt) ? text.indexOf('-->', lt) : text.indexOf('>', lt);
        if (end === -1) break;
        i = end + (text[end] === '>' ? 1 : 3);
        continue;
      }
      end = tagEnd(text, lt);
      if (end === -1) break;
      if (next === 63) { i = end + 1; continue; } // <? … ?>
      if (next === 47) { // </name>
        const name = text.slice(lt + 2, end).trim();
        h.close(name.slice(name.indexOf(':') + 1));
      } else {
        const empty = text.charCodeAt(end - 1) === 47;
        const raw = text.slice(lt + 1, empty ? end - 1 : end);
        const space = raw.search(/[\s]/);
        const name = space === -1 ? raw : raw.slice(0, space);
        h.open(name.slice(name.indexOf(':') + 1), raw, empty);
        if (empty) h.close(name.slice(name.indexOf(':') + 1));
      }
      i = end + 1;
    }
    this.rest = i < text.length ? text.slice(i) : '';
    if (this.rest.length > MAX_TAG_CHARS) {
      throw new EvidenceError(`(file): ${this.part}: a tag longer than ${MAX_TAG_CHARS.toLocaleString('en-US')} characters`);
    }
  }

  end() {
    if (this.rest.trim()) throw new EvidenceError(`(file): ${this.part}: the XML ends inside a tag`);
  }
}

/** Scan a whole part, chunk by chunk, as UTF-8 text. */
export async function scanPart(chunks, handler, part) {
  const scanner = new XmlScanner(handler, part);
  const decoder = new TextDecoder('utf-8');
  for await (const bytes of chunks) scanner.push(decoder.decode(bytes, { stream: true }));
  scanner.push(decoder.decode());
  scanner.end();
}
