// review/review-file.js in Node agrees with assessment/review/review_file.py on every review vector and edge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures, bytes } from "./fixtures.mjs";
import * as reviewFile from "../../docs/assets/javascripts/review/review-file.js";
import { tooBig as answersTooBig } from "../../docs/assets/javascripts/answers/answers-file.js";

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

test("a review is of an answers file exactly when Python says so, and what changed since is Python's list", () => {
  assert.ok(fixtures.bindings.length >= 15);
  for (const v of fixtures.bindings) {
    const data = bytes(v.base64);
    const c = fixtures.criteria[v.criteria];
    assert.equal(reviewFile.bindingProblem(c, v.review, data), v.binding, v.name);
    const { doc } = reviewFile.readSubmission(c, data);
    assert.deepEqual(doc && reviewFile.reviewChanges(c, v.review, doc), v.changes, v.name);
  }
  assert.ok(fixtures.bindings.some((v) => v.binding === null) && fixtures.bindings.some((v) => v.binding === reviewFile.MISMATCH));
});

test("a new review of a submission is a valid review of it, empty but for the reviewer's date", () => {
  const base = fixtures.reviews.find((v) => v.problems.length === 0 && v.accepted === null);
  const { doc } = reviewFile.readReview(criteria, bytes(base.base64));
  const fresh = reviewFile.newReview(criteria, doc.submission, doc.submission_sha256, "2024-02-29");
  assert.deepEqual(reviewFile.validateReview(criteria, fresh), []);
  assert.deepEqual(fresh, {
    format: reviewFile.FORMAT, format_version: reviewFile.FORMAT_VERSION, criteria_version: criteria.version,
    submission_sha256: doc.submission_sha256, submission: doc.submission,
    reviewer: { name: "", organisation: "", date: "2024-02-29" }, items: {}, plan: {}, summary: "",
  });
});

test("a picked file over the review limit is refused by its size, named a review only if its first 64 KB say so", async () => {
  const { MAX_BYTES, FORMAT } = reviewFile;
  const blob = (size, at) => {
    const data = new Uint8Array(size).fill(0x20);
    if (at !== null) data.set(new TextEncoder().encode(FORMAT), at);
    return new Blob([data]);
  };
  assert.equal(await reviewFile.refuseBySize(blob(MAX_BYTES, 0)), null);
  assert.equal(await reviewFile.refuseBySize(blob(MAX_BYTES + 1, 0)), reviewFile.tooBig(MAX_BYTES + 1));
  assert.equal(await reviewFile.refuseBySize(blob(MAX_BYTES + 1, 65_536 - FORMAT.length)), reviewFile.tooBig(MAX_BYTES + 1));
  assert.equal(await reviewFile.refuseBySize(blob(MAX_BYTES + 1, 65_536 - FORMAT.length + 1)), answersTooBig(MAX_BYTES + 1));
  assert.equal(await reviewFile.refuseBySize(blob(MAX_BYTES + 1, null)), answersTooBig(MAX_BYTES + 1));
  const unreadable = { size: MAX_BYTES + 1, slice: () => ({ arrayBuffer: () => Promise.reject(new Error("gone")) }) };
  assert.equal(await reviewFile.refuseBySize(unreadable), answersTooBig(MAX_BYTES + 1));
  assert.notEqual(reviewFile.tooBig(MAX_BYTES + 1), answersTooBig(MAX_BYTES + 1));
});

test("a picked file's bytes are read whole, and a file the browser cannot read is a problem naming the error", async () => {
  assert.deepEqual(await reviewFile.fileBytes(new Blob([new Uint8Array([1, 2, 3])])), { bytes: new Uint8Array([1, 2, 3]), problem: null });
  const error = new Error("gone");
  error.name = "NotReadableError";
  assert.deepEqual(await reviewFile.fileBytes({ arrayBuffer: () => Promise.reject(error) }),
    { bytes: null, problem: "(file): cannot read the file (NotReadableError)" });
});
