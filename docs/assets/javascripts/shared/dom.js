// Small DOM helpers shared by the checklist's modules. Every text goes in as a text node.

/** An element with attributes; children are nodes or strings (always as text, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    // A strict Content-Security-Policy refuses style attributes, but not styles set through the DOM.
    if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A message template with {name} slots filled in. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));

const two = (n) => String(n).padStart(2, "0");

/** A date as YYYY-MM-DD in the reader's own time zone (toISOString() would give the UTC day: at 01:30 in Shanghai, yesterday). */
export const localDate = (d = new Date()) => `${String(d.getFullYear()).padStart(4, "0")}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;

/** Today in the reader's own time zone, YYYY-MM-DD: what every date shown, stored or compared uses. */
export const today = () => localDate();

/** A moment as YYYY-MM-DD HH:MM:SS in the reader's own time zone. */
export const localTime = (d) => `${localDate(d)} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;

/** Offer text or a Blob to the user as a download. */
export function download(name, content, type = "application/json") {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
