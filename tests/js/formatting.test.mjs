// formatting.js in Node writes numbers, percents and shares as assessment/shared/formatting.py does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures } from "./fixtures.mjs";
import * as formatting from "../../docs/assets/javascripts/shared/formatting.js";

test("numbers are written as Python's js_number writes them, and a percent after them", () => {
  for (const [value, text] of fixtures.numbers) assert.equal(formatting.number(value), text);
  assert.equal(formatting.percent(null), "—");
  assert.equal(formatting.percent(79.5), "79.5%");
});

test("a share is written as Python writes it, a tie rounded to the even digit", () => {
  for (const [share, text] of fixtures.percents) assert.equal(formatting.sharePercent(share), text, String(share));
  assert.equal(formatting.sharePercent(null), "—");
});

test("values in messages are quoted and clipped as Python quotes them", () => {
  for (const [value, text] of fixtures.shown) assert.equal(formatting.show(value), text, JSON.stringify(value));
});
