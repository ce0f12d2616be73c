// evidence/measure.js in Node measures every ticket-export vector and every branch of the measure to
// assessment/evidence/measure.py's bytes (tests/evidence_rows.py writes the rows, Python the aggregates).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures, bytes } from "./fixtures.mjs";
import * as evidence from "../../docs/assets/javascripts/evidence/measure.js";
import { measureBytes } from "../../docs/assets/javascripts/evidence/export-file.js";
import { Zone } from "../../docs/assets/javascripts/evidence/times.js";

const { criteria, files, rows } = fixtures.evidence;

test("the threshold and the attainment target are read from the criteria as Python reads them", () => {
  assert.equal(evidence.thresholdMinutes(criteria), fixtures.evidence.threshold);
  assert.equal(evidence.attainmentTarget(criteria), fixtures.evidence.attainment_target);
});

test("every ticket-export vector is measured to Python's bytes", () => {
  assert.ok(files.length >= 9);
  for (const v of files) {
    const out = JSON.stringify(measureBytes(bytes(v.base64), v.options, evidence.thresholdMinutes(criteria)));
    assert.equal(out, v.python, v.name);
  }
});

function jsMeasures(c) {
  try {
    return JSON.stringify(evidence.measure(c.rows, c.mapping, new Zone(c.zone), fixtures.evidence.threshold, c.until, c.columns,
      "preset", c.no_source ? null : { format: "rows" }));
  } catch (error) {
    assert.ok(error instanceof evidence.EvidenceError, `${c.name}: ${error}`);
    return `error: ${error.message}`;
  }
}

test("every branch of the measure gives Python's aggregate: exclusions, cut-offs, zones, reply units, channels, forwarding, many waiting", () => {
  assert.ok(rows.length >= 30);
  for (const c of rows) assert.equal(jsMeasures(c), c.python, c.name);
});

test("one channel more than the most kept is refused with Python's message, the most kept is measured", () => {
  const refused = rows.filter((c) => c.python.startsWith("error: "));
  assert.equal(refused.length, 2);
  for (const c of refused) assert.equal(c.rows.length, evidence.MAX_CHANNELS + 1);
  assert.ok(rows.some((c) => c.rows.length === evidence.MAX_CHANNELS && JSON.parse(c.python).by_channel.length === evidence.MAX_CHANNELS));
});

test("codePointCompare orders as Python: by code point, above U+FFFF too, a prefix first", () => {
  const names = ["\uffff", "\u{1F4F1}", "a", "ab", "", "\u{1F4F1}a", "b"];
  assert.deepEqual(names.sort(evidence.codePointCompare), ["", "a", "ab", "b", "\uffff", "\u{1F4F1}", "\u{1F4F1}a"]);
  assert.equal(evidence.codePointCompare("a", "a"), 0);
});
