// The browser's storage areas as the apps use them, also when the browser refuses them.
//
// With site data blocked, merely reading window.localStorage throws a SecurityError; some browsers
// (private windows, full disks) hand out an area whose every write fails. The apps must still open
// and work, and say that nothing will be kept: here a refused area is replaced by one held in
// memory for this page only, and `blocked` says so.

class MemoryArea {
  constructor() {
    this.map = new Map();
  }

  get length() {
    return this.map.size;
  }

  key(n) {
    return [...this.map.keys()][n] ?? null;
  }

  getItem(key) {
    return this.map.has(String(key)) ? this.map.get(String(key)) : null;
  }

  setItem(key, value) {
    this.map.set(String(key), String(value));
  }

  removeItem(key) {
    this.map.delete(String(key));
  }

  clear() {
    this.map.clear();
  }
}

const PROBE = "sp-readiness.probe";

function open(name) {
  try {
    const area = window[name]; // throws a SecurityError when site data is blocked
    area.getItem(PROBE); // some browsers throw only on first use
    return { area, blocked: false };
  } catch {
    return { area: new MemoryArea(), blocked: true };
  }
}

const local = open("localStorage");
const session = open("sessionStorage");

/** localStorage, or this page's memory when the browser refuses it. */
export const localArea = local.area;
/** sessionStorage, or this page's memory when the browser refuses it. */
export const sessionArea = session.area;
/** Whether nothing saved now will be there after a reload: the browser refuses its storage. */
export const storageBlocked = local.blocked;
