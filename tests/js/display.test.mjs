// evidence/display.js in Node writes the measured figures and contradictions as assessment/evidence/block.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures } from "./fixtures.mjs";
import * as display from "../../docs/assets/javascripts/evidence/display.js";

test("the lines of a block are the command line report's, byte for byte, in both languages", () => {
  assert.ok(fixtures.evidence_display.length > 10);
  for (const v of fixtures.evidence_display) {
    assert.deepEqual(display.evidenceLines(v.criteria, v.doc, v.labels, v.lang), v.lines, v.name);
  }
});

test("the parts beside the items are the report's lines, and the block and answers are left as they were", () => {
  for (const v of fixtures.evidence_display) {
    const before = JSON.stringify(v.doc);
    const { measured, hours, flags } = display.evidenceParts(v.criteria, v.doc, v.labels, v.lang);
    assert.deepEqual([measured, ...hours, ...flags.map((f) => `${f.clause} ${f.text}`)], v.lines, v.name);
    assert.deepEqual(display.evidenceContradicted(v.criteria, v.doc), flags.map((f) => f.id), v.name);
    assert.equal(JSON.stringify(v.doc), before, v.name);
  }
});
