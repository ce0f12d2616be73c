// answers/scoring.js in Node agrees with assessment/answers/scoring.py on every shared and edge vector (the files
// read by answers-file.js, whose own test is answers-file.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures, bytes } from "./fixtures.mjs";
import * as scoring from "../../docs/assets/javascripts/answers/scoring.js";
import { readAnswers } from "../../docs/assets/javascripts/answers/answers-file.js";

const criteria = fixtures.criteria;

function jsReads(c, data) {
  const { doc, problems } = readAnswers(c, data);
  const result = doc && scoring.score(c, doc);
  return { problems, keys: doc && Object.keys(doc), result: doc && JSON.stringify(result), changed: doc && scoring.termsChanged(c, doc),
           value: result };
}

test("every answers file is accepted or refused with Python's exact messages, and scored to Python's bytes", () => {
  for (const v of fixtures.answers) {
    const { value, ...out } = jsReads(criteria[v.criteria], bytes(v.base64));
    assert.deepEqual(out, { problems: v.problems, keys: v.keys, result: v.result, changed: v.changed }, v.name);
    // Python's as a value too: no NaN or undefined that JSON would write as null or leave out.
    if (v.result !== null) assert.deepEqual(value, JSON.parse(v.result), v.name);
  }
});

test("every rule edge is in the fixtures, on both criteria files and the one with an earlier version", () => {
  const names = new Set(fixtures.answers.map((v) => `${v.criteria}: ${v.name}`));
  for (const key of ["test", "bundled"]) {
    for (const name of ["criteria_version missing", "100 problems", "unknown ids, astral only", "status na and a value on a check item", "U+FFFF before the document"]) {
      assert.ok(names.has(`${key}: ${name}`), `${key}: ${name}`);
    }
  }
  assert.ok(fixtures.answers.filter((v) => v.criteria === "history" && v.changed?.length).length >= 10);
});

test("the edges: exactly at ready_percent is ready, one step below is conditional", () => {
  const edges = fixtures.answers.filter((v) => v.edge?.verdict);
  assert.ok(edges.length >= 4);
  for (const v of edges) {
    const c = criteria[v.criteria];
    const { doc } = readAnswers(c, bytes(v.base64));
    assert.equal(scoring.score(c, doc).verdict, v.edge.verdict, v.name);
  }
});

test("the edges: a value exactly at a threshold meets it, the nearest number past it does not", () => {
  const edges = fixtures.answers.filter((v) => v.edge?.item);
  assert.ok(edges.length >= 10);
  for (const v of edges) {
    const c = criteria[v.criteria];
    const { doc } = readAnswers(c, bytes(v.base64));
    const item = c.items.find((i) => i.id === v.edge.item);
    assert.equal(scoring.statusOf(c, item, doc.answers[item.id]), v.edge.status, v.name);
  }
});
