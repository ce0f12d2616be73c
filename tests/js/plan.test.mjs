// plan.js in Node writes the same outline, checks, Markdown and HTML as assessment/plan.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures } from "./fixtures.mjs";
import * as plan from "../../docs/assets/javascripts/plan.js";

const criteria = fixtures.criteria.plan;

test("outline, checks, Markdown and HTML agree with Python byte for byte, in both languages", () => {
  for (const v of fixtures.plan) {
    const name = `${v.lang} ${JSON.stringify(v.doc).slice(0, 80)}`;
    assert.deepEqual(plan.outline(criteria, v.doc, v.result, v.labels, v.lang), v.outline, name);
    assert.deepEqual(plan.planChecks(criteria, v.doc, v.result), v.checks, name);
    assert.equal(plan.planMarkdown(criteria, v.doc, v.result, v.labels, v.lang), v.markdown, name);
    assert.equal(plan.planHtml(criteria, v.doc, v.result, v.labels, v.lang, fixtures.page_css), v.html, name);
  }
});

test("numbers are written as Python writes them for the plan", () => {
  for (const [value, text] of fixtures.numbers) assert.equal(plan.number(value), text);
  assert.equal(plan.percent(null), "—");
  assert.equal(plan.percent(79.5), "79.5%");
});
