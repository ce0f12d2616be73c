// answers/fields.js: the field paths two tabs merge at, read and written without losing a neighbour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldPaths, getPath, same, setPath } from "../../docs/assets/javascripts/answers/fields.js";

const entry = () => ({ label: "A", doc: { answers: { x: { status: "met", note: "n" } }, plan: { p: "text" }, assessment: {} } });

test("getPath reads a field and gives undefined for a path through a missing, inherited or non-object step", () => {
  const e = entry();
  assert.equal(getPath(e, ["doc", "answers", "x", "note"]), "n");
  assert.equal(getPath(e, ["doc", "answers", "y", "note"]), undefined);
  assert.equal(getPath(e, ["doc", "answers", "x", "note", "length"]), undefined);
  assert.equal(getPath(e, ["doc", "answers", "toString"]), undefined);
  assert.equal(getPath({ a: [1] }, ["a", "0"]), undefined);
  assert.equal(getPath({ a: null }, ["a", "b"]), undefined);
  assert.deepEqual(getPath(e, []), e);
});

test("setPath writes one field and keeps its neighbours", () => {
  const e = entry();
  setPath(e, ["doc", "answers", "x", "evidence"], "file.pdf");
  assert.deepEqual(e.doc.answers.x, { status: "met", note: "n", evidence: "file.pdf" });
  setPath(e, ["doc", "answers", "new", "status"], "partial");
  assert.deepEqual(e.doc.answers.new, { status: "partial" });
  setPath(e, ["label"], "B");
  assert.equal(e.label, "B");
});

test("setPath with undefined or an empty text deletes the field, and an answer left empty, but not doc.answers", () => {
  const e = entry();
  setPath(e, ["doc", "answers", "x", "note"], "");
  assert.deepEqual(e.doc.answers.x, { status: "met" });
  setPath(e, ["doc", "answers", "x", "status"], undefined);
  assert.deepEqual(e.doc.answers, {});
  setPath(e, ["doc", "plan", "p"], undefined);
  assert.deepEqual(e.doc.plan, {});
  assert.ok("answers" in e.doc && "plan" in e.doc);
  const zero = entry();
  setPath(zero, ["doc", "answers", "x", "value"], 0);  // 0 is a value, not nothing
  assert.equal(zero.doc.answers.x.value, 0);
});

test("setPath replaces a step that is not an object", () => {
  const e = { doc: { answers: { x: "oops" } } };
  setPath(e, ["doc", "answers", "x", "note"], "n");
  assert.deepEqual(e.doc.answers.x, { note: "n" });
});

test("fieldPaths lists every field of either entry at the merge depth, once, in a fixed order", () => {
  const a = { label: "A", doc: { assessment: { organisation: "o" }, plan: { p: "1" }, answers: { x: {} } }, invalid: { y: "?" } };
  const b = { label: "B", doc: { assessment: { service: "s" }, plan: { p: "2", q: "3" }, answers: { z: {} } } };
  const answer = (id) => ["status", "value", "unit", "version", "note", "evidence", "note_private"].map((f) => ["doc", "answers", id, f]);
  assert.deepEqual(fieldPaths(a, b), [
    ["label"], ["doc", "assessment", "organisation"], ["doc", "assessment", "service"],
    ["doc", "plan", "p"], ["doc", "plan", "q"], ["invalid", "y"],
    ...answer("x"), ...answer("z"), ["doc", "evidence"],
    ["doc", "criteria_version"], ["doc", "format_version"], ["seen"], ["review"], ["plan_annex"], ["drafted"],
  ]);
});

test("same compares by JSON value", () => {
  assert.equal(same({ a: [1, "x"] }, { a: [1, "x"] }), true);
  assert.equal(same({ a: 1 }, { a: 2 }), false);
  assert.equal(same(undefined, undefined), true);
  assert.equal(same(undefined, null), false);
});
