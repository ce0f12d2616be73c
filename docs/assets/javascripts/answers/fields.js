// One field of a stored assessment, named by its path: ["doc", "answers", id, "note"], ["doc", "evidence"],
// ["doc", "plan", part], ["doc", "assessment", key], ["label"], ["invalid", id], ["plan_annex"]. Tabs merge at
// this depth: two tabs that change different fields both keep their change.

const isObject = (x) => typeof x === "object" && x !== null && !Array.isArray(x);

export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export function getPath(entry, path) {
  let node = entry;
  for (const key of path) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Set (or, with undefined, delete) one field; objects left empty on the way are removed. */
export function setPath(entry, path, value) {
  const parents = [entry];
  let node = entry;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key];
    parents.push(node);
  }
  const last = path[path.length - 1];
  if (value === undefined || value === "") delete node[last];
  else node[last] = value;
  // An answer with nothing left in it is no answer; keep doc.answers and doc.plan themselves.
  for (let i = path.length - 1; i >= 3; i--) {
    if (Object.keys(parents[i]).length) break;
    delete parents[i - 1][path[i - 1]];
  }
}


/** Every field path of two entries, at the depth tabs merge at. */
export function fieldPaths(a, b) {
  const paths = [["label"]];
  const keysOf = (path) => new Set([...Object.keys(getPath(a, path) ?? {}), ...Object.keys(getPath(b, path) ?? {})]);
  for (const key of keysOf(["doc", "assessment"])) paths.push(["doc", "assessment", key]);
  for (const key of keysOf(["doc", "plan"])) paths.push(["doc", "plan", key]);
  for (const key of keysOf(["invalid"])) paths.push(["invalid", key]);
  for (const id of keysOf(["doc", "answers"])) {
    for (const field of ["status", "value", "unit", "version", "note", "evidence", "note_private"]) paths.push(["doc", "answers", id, field]);
  }
  paths.push(["doc", "evidence"]); // the aggregate measured from a ticket export, whole (evidence/view.js)
  for (const key of ["criteria_version", "format_version"]) paths.push(["doc", key]);
  paths.push(["seen"], ["review"]); // review: the operator's review the SP attached (checklist/reviewnotes.js)
  paths.push(["plan_annex"], ["drafted"]); // the plan's options and inserted values (checklist/planwriter.js)
  return paths;
}

