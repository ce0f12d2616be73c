// How numbers, shares and values are written, one way for every view, as the command line writes them.
// Contract with assessment/shared/formatting.py: the same text for the same value (tests/js and the
// Chromium tests compare them). DOM-free.
// Twin: assessment/shared/formatting.py (the same rule in Python).

export const SHOWN_CHARS = 40; // of a bad text or key quoted in a message

/** A number as String() writes it (Python's js_number writes the same). */
export const number = (v) => String(v);

/** A score in percent (0–100), "—" when there is none. */
export const percent = (p) => (p === null ? "—" : `${number(p)}%`);

/**
 * A share (0–1) as Python's f"{share * 100:.1f}%". toFixed rounds a tie away from zero, Python to the
 * even digit; a double is a tie at one decimal only when it is an odd multiple of 0.25 (12.25, 0.75).
 */
export function sharePercent(share) {
  if (share === null) return "—";
  const x = share * 100;
  if (x % 0.5 !== 0.25) return `${x.toFixed(1)}%`;
  const tenths = Math.floor(x * 10); // exact: x is a multiple of 0.25 well below 2**50
  return `${((tenths % 2 ? tenths + 1 : tenths) / 10).toFixed(1)}%`;
}

/** A whole number with thousands separators, as Python's `{:,}` writes it: 1,000,000. */
export const grouped = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** A text cut to SHOWN_CHARS code points, as Python counts them, so clipped texts agree. */
export const clip = (s) => {
  const c = Array.from(s);
  return c.length <= SHOWN_CHARS ? s : `${c.slice(0, SHOWN_CHARS).join("")}…`;
};

/** A text as JSON, cut to SHOWN_CHARS code points (JSON.stringify escapes a lone surrogate, as quote() there). */
export const quote = (text) => JSON.stringify(clip(text));

/** A bad value as a message quotes it: JSON for scalars, long texts clipped, containers named. */
export function show(x) {
  if (x === null || x === undefined) return "null";
  if (typeof x === "string") return quote(x);
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  return Array.isArray(x) ? "a list" : "an object";
}

/** A bad value named by its kind, never echoed when a number (review files: a number is never shown). */
export function showKind(value) {
  if (typeof value === "string") return quote(value);
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return "a number";
  return Array.isArray(value) ? "a list" : "an object";
}
