// plan/plan.js in Node writes the same outline, checks, Markdown and HTML as assessment/plan/plan.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures } from "./fixtures.mjs";
import * as plan from "../../docs/assets/javascripts/plan/plan.js";

test("outline, checks, Markdown and HTML agree with Python byte for byte, in both languages, with and without the annex", () => {
  assert.ok(fixtures.plan.some((v) => !v.annex) && fixtures.plan.some((v) => v.criteria === "plan-inherited"));
  for (const v of fixtures.plan) {
    const criteria = fixtures.criteria[v.criteria];
    const options = { annex: v.annex };
    const name = `${v.criteria} ${v.lang} annex ${v.annex} ${JSON.stringify(v.doc).slice(0, 80)}`;
    assert.deepEqual(plan.outline(criteria, v.doc, v.result, v.labels, v.lang, options), v.outline, name);
    assert.deepEqual(plan.planChecks(criteria, v.doc, v.result), v.checks, name);
    assert.equal(plan.planMarkdown(criteria, v.doc, v.result, v.labels, v.lang, options), v.markdown, name);
    assert.equal(plan.planHtml(criteria, v.doc, v.result, v.labels, v.lang, fixtures.page_css, options), v.html, name);
  }
});

test("a number answer is written in its threshold's unit, or as given when its unit converts into nothing the item asks for", () => {
  const criteria = fixtures.criteria.plan;
  assert.ok(fixtures.quantities.length >= 20);
  for (const v of fixtures.quantities) {
    const item = criteria.items.find((i) => i.id === v.item);
    assert.equal(plan.answerQuantity(criteria, item, v.answer, criteria.version, v.lang), v.text, JSON.stringify(v));
  }
});

