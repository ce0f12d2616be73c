// review-file.js in Node agrees with assessment/review.py on every review vector and edge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures, bytes } from "./fixtures.mjs";
import * as reviewFile from "../../docs/assets/javascripts/review-file.js";

const criteria = fixtures.criteria.review;

test("every review file is accepted or refused with Python's exact messages", () => {
  for (const v of fixtures.reviews) {
    assert.deepEqual(reviewFile.readReview(criteria, bytes(v.base64)).problems, v.problems, v.name);
  }
});

test("the edges: leap days of 2000 and 2024 are dates, of 1900 and 2100 are not; nesting and size at the limit and one past", () => {
  const edges = fixtures.reviews.filter((v) => v.accepted !== null);
  assert.ok(edges.length >= 28);
  for (const v of edges) {
    const { problems } = reviewFile.readReview(criteria, bytes(v.base64));
    assert.equal(problems.length === 0, v.accepted, `${v.name}: ${problems}`);
  }
});

test("isDate takes real calendar days only", () => {
  for (const day of ["2000-02-29", "2024-02-29", "0001-01-01", "9999-12-31", "2023-12-31"]) assert.equal(reviewFile.isDate(day), true, day);
  for (const day of ["1900-02-29", "2100-02-29", "2023-02-29", "2024-04-31", "2024-00-10", "2024-01-00", "0000-01-01",
                     "2024-1-01", " 2024-01-01", "2024-01-01 ", "2024/01/01", 20240101, null]) assert.equal(reviewFile.isDate(day), false, String(day));
});

test("a condition is overdue the day after its due date, not on it", () => {
  assert.equal(reviewFile.isOverdue({ due: "2024-02-29" }, "2024-02-29"), false);
  assert.equal(reviewFile.isOverdue({ due: "2024-02-29" }, "2024-03-01"), true);
  assert.equal(reviewFile.isOverdue({ due: "not a date" }, "2024-03-01"), false);
});
