// answers-file.js in Node accepts and refuses every shared answers file as assessment/answers/answers_file.py does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixtures, bytes } from "./fixtures.mjs";
import * as answersFile from "../../docs/assets/javascripts/answers/answers-file.js";

const criteria = fixtures.criteria;

test("every answers file is accepted or refused with Python's exact messages and keys", () => {
  for (const v of fixtures.answers) {
    const { doc, problems } = answersFile.readAnswers(criteria[v.criteria], bytes(v.base64));
    assert.deepEqual({ problems, keys: doc && Object.keys(doc) }, { problems: v.problems, keys: v.keys }, v.name);
  }
});

test("an accepted document passes validate, and a refused one fails it or its reading", () => {
  for (const v of fixtures.answers) {
    const { doc } = answersFile.readDocument(bytes(v.base64));
    if (v.result !== null) assert.deepEqual(answersFile.validate(criteria[v.criteria], doc), [], v.name);
  }
});

test("a file over the size limit is refused before it is read, naming both sizes", () => {
  assert.equal(answersFile.tooBig(answersFile.MAX_BYTES + 1), "(file): the file is 1,000,001 bytes; the limit for an answers file is 1,000,000");
  const big = new Uint8Array(answersFile.MAX_BYTES + 1).fill(0x20);
  assert.deepEqual(answersFile.readAnswers(criteria.test, big), { doc: null, problems: [answersFile.tooBig(answersFile.MAX_BYTES + 1)] });
});
