// The vectors and Python's results for them, written by `python -m tests.js_fixtures FILE`
// (tests/test_js_node.py and `make mutate` do it and pass the file in SP_JS_FIXTURES).
import { readFileSync } from "node:fs";

const path = process.env.SP_JS_FIXTURES;
if (!path) throw new Error("SP_JS_FIXTURES is not set: run these through tests/test_js_node.py or `make mutate`");
export const fixtures = JSON.parse(readFileSync(path, "utf-8"));
export const bytes = (b64) => new Uint8Array(Buffer.from(b64, "base64"));
