// The JSON scanner of the one accepting rule (answers/answers_file.py `_syntax`): it names the line, column and
// problem of the first thing a file gets wrong, with a loop and a stack, never recursion, so a file
// nested a million deep cannot overflow the stack. Numbers out of a double's range and lone
// surrogates are refused here, as Python refuses them. No DOM access.
// Twin: assessment/shared/json_syntax.py (the same rule in Python).

// answers/scoring.js passes its nesting limit and its way of quoting a value (`show`), so this module imports
// nothing back from it.

const SPACE = /[ \t\n\r]*/y;
const PLAIN = /[^"\\\x00-\x1f]*/y; // the run of a string up to a quote, backslash or control character
const ESCAPE = /\\(?:["\\/bfnrt]|u([0-9a-fA-F]{4}))/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;
const at = (re, text, pos) => { re.lastIndex = pos; return re.exec(text); };
// A character found where it does not belong, with its code point unless it is visible ASCII (answers/answers_file.py `_char`).
function charAt(text, pos, show) {
  const code = text.codePointAt(pos);
  const c = String.fromCodePoint(code);
  return code >= 0x21 && code <= 0x7e ? show(c) : `${show(c)} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
}

// What the scanner expects next, and how it says so.
const [VALUE, FIRST_ITEM, FIRST_KEY, KEY, COLON, AFTER, END] = [0, 1, 2, 3, 4, 5, 6];
const EXPECTED = ["expected a value", "expected a value or ']'", "expected a key in double quotes or '}'",
  "expected a key in double quotes", "expected ':'", null, "expected the end of the file"];

// The first JSON syntax problem as [position, what], or null. A loop with a stack: no recursion.
export function syntax(text, MAX_DEPTH, show) {
  const stack = [];
  let state = VALUE;
  let pos = 0;
  for (;;) {
    pos += at(SPACE, text, pos)[0].length;
    if (state === AFTER && !stack.length) state = END;
    const expected = EXPECTED[state] ?? (stack.at(-1) === "{" ? "expected ',' or '}'" : "expected ',' or ']'");
    if (pos >= text.length) return state === END ? null : [pos, `${expected}, found the end of the file`];
    const c = text[pos];
    // A number or a literal where a value may stand (neither starts with '"', '{' or '[').
    const m = state <= FIRST_ITEM ? (at(NUMBER, text, pos) ?? at(LITERAL, text, pos)) : null;
    if (c === '"' && state <= KEY) {
      const end = string(text, pos, show);
      if (Array.isArray(end)) return end;
      pos = end;
      state = state >= FIRST_KEY ? COLON : AFTER;
    } else if (state <= FIRST_ITEM && (c === "{" || c === "[")) {
      stack.push(c);
      if (stack.length > MAX_DEPTH) return [pos, `nested deeper than ${MAX_DEPTH} levels`];
      pos += 1;
      state = c === "{" ? FIRST_KEY : FIRST_ITEM;
    } else if (m) {
      if (/^-|^[0-9]/.test(m[0]) && !Number.isFinite(Number(m[0]))) return [pos, "number out of range"];
      pos += m[0].length;
      state = AFTER;
    } else if ((state === FIRST_ITEM && c === "]") || (state === FIRST_KEY && c === "}")
      || (state === AFTER && c === (stack.at(-1) === "{" ? "}" : "]"))) {
      stack.pop();
      pos += 1;
      state = AFTER;
    } else if (state === AFTER && c === ",") {
      pos += 1;
      state = stack.at(-1) === "{" ? KEY : VALUE;
    } else if (state === COLON && c === ":") {
      pos += 1;
      state = VALUE;
    } else return [pos, `${expected}, found ${charAt(text, pos, show)}`];
  }
}

// The end of the string starting at pos, or [position, what] of its first problem.
function string(text, pos, show) {
  pos += 1;
  for (;;) {
    pos += at(PLAIN, text, pos)[0].length;
    if (pos >= text.length) return [pos, "unterminated string, found the end of the file"];
    const c = text[pos];
    if (c === '"') return pos + 1;
    if (c !== "\\") return [pos, `control character ${charAt(text, pos, show)} in a string; write it as an escape`];
    const m = at(ESCAPE, text, pos);
    if (!m) return [pos, `unknown escape ${show(Array.from(text.slice(pos, pos + 3)).slice(0, 2).join(""))} in a string`];
    const unit = m[1] ? parseInt(m[1], 16) : 0;
    if (unit >= 0xdc00 && unit <= 0xdfff) return [pos, `lone surrogate ${m[0]} in a string`];
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = at(ESCAPE, text, pos + m[0].length);
      const next = low?.[1] ? parseInt(low[1], 16) : 0;
      if (!(next >= 0xdc00 && next <= 0xdfff)) return [pos, `lone surrogate ${m[0]} in a string`];
      pos += low[0].length; // the pair's second half
    }
    pos += m[0].length;
  }
}

// Line and column of a position, columns counted in code points as Python counts them.
export function lineColumn(text, pos) {
  const start = text.lastIndexOf("\n", pos - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  let column = 1;
  for (let i = start; i < pos; i++) if (!(text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff)) column++;
  return `line ${line}, column ${column}`;
}
