// User text in Markdown that renders as that text: the browser's twin of assessment/shared/markdown_text.py,
// byte for byte (the checklist's Markdown plan equals the command line's). No raw HTML or entities,
// links, images, emphasis, code or table cells from the text, and no heading, list, block quote or
// rule at the start of any line: <, > and & become entities, the other marks are backslash-escaped.
// Twin: assessment/shared/markdown_text.py (the same rule in Python).

const INLINE = /[\\`*_[\]|#~!]/g;
// Spaces and tabs off a line's end, by a loop (a regular expression backtracks on a long run).
function trimEnd(text) {
  let end = text.length;
  while (end && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return text.slice(0, end);
}
const LINE_START = /^([ \t]*)(?:([-+=])|([0-9]{1,9})([.)]))/;

/** The text with every Markdown mark escaped; line breaks left as they are. */
export const inline = (text) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
  .replace(INLINE, (c) => `\\${c}`);

const line = (text) => inline(text).replace(LINE_START, (_all, space, mark, digits, stop) => (mark ? `${space}\\${mark}` : `${space}${digits}\\${stop}`));

/** Each line of the text (split at LF) escaped, so none can start a block. */
export const lines = (text) => text.split("\n").map(line);

/** Text for a list item or other one-line place: lines kept as hard breaks, without indentation or blank lines. */
export const item = (text) => lines(text).map((l) => trimEnd(l.replace(/^[ \t]+/, ""))).filter((l) => l !== "").join("  \n  ");

/** Lines of one paragraph, each kept as a line (two trailing spaces: a hard break); the first line's
 * indentation is dropped (four spaces would make the paragraph a code block). */
export const paragraph = (block) => [block[0].replace(/^[ \t]+/, ""), ...block.slice(1)].map((l) => line(trimEnd(l))).join("  \n");

/** Text for a table cell: marks escaped, line breaks as <br>, never empty. */
export const cell = (text) => inline(text).replaceAll("\n", "<br>") || " ";
