// Where the checklist and the review page get the criteria (assets/criteria.json, written by the
// build from assessment/criteria.yml). The offline package is opened from disk, where scripts may
// not fetch files: there the same JSON comes first in a classic script, assets/criteria.js.

/** The criteria object, from the offline package's script when present, else fetched from `url`. */
export async function loadCriteria(url) {
  if (globalThis.spReadinessCriteria) return globalThis.spReadinessCriteria;
  return (await fetch(url)).json();
}
