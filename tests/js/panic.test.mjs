// A bug in the engine (a Rust panic) reaches JS as an Error, not `RuntimeError: unreachable`, and
// the instance then refuses further work. Its own file: node --test runs each in a new process.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesOf } from "./helpers.mjs";
import { check, panicForTests } from "./load.mjs";

test("a panic is thrown as an Error and poisons the instance", () => {
  assert.throws(panicForTests, (e) => {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
    assert.match(e.message, /^roster-check: internal error, please report it: .*panic requested by a test/s);
    assert.equal(e.code, "internal-error");
    assert.equal(e.file, null);
    assert.match(e.messages.zh, /^内部错误，请报告：.*panic requested by a test/s);
    return true;
  });
  const input = { exmail: bytesOf("tests/js/fixtures/basic-exmail.csv"), wecom: bytesOf("tests/js/fixtures/basic-wecom.csv") };
  assert.throws(() => check(input), (e) => {
    assert.match(e.message, /left this module instance unusable; load it again/);
    assert.equal(e.code, "instance-unusable");
    assert.match(e.messages.en, /load the page again/);
    return true;
  });
});
