// What counts as blank text: one definition for every check, the same as assessment/shared/blank.py.
// trim() strips other characters than Python's strip(); a text is blank here when it holds nothing
// but characters a reader cannot see: white space in either language, and the zero-width ones.
// tests/vectors/blank.json holds the cases both languages must judge alike.
// Twin: assessment/shared/blank.py (the same rule in Python).

const JS_TRIM = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const PY_ONLY = "\u001c\u001d\u001e\u001f\u0085";
const ZERO_WIDTH = "\u180e\u200b\u200c\u200d\u2060";
export const BLANK_CHARS = JS_TRIM + PY_ONLY + ZERO_WIDTH;
const BLANK = new Set(BLANK_CHARS); // every one a single UTF-16 unit

/** The text without blank characters at either end (a loop: no regular expression to backtrack on long runs). */
export function trim(text) {
  let start = 0;
  let end = text.length;
  while (start < end && BLANK.has(text[start])) start++;
  while (end > start && BLANK.has(text[end - 1])) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Whether the text holds nothing a reader can see (an empty text is blank). */
export const isBlank = (text) => trim(text) === "";
