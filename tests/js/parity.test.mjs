// Same answers as native: each case through the JS API in Node equals the command line's output.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesOf, cases, nativeRun } from "./helpers.mjs";
import { check } from "./load.mjs";

for (const c of cases()) {
  test(`node = native: ${c.name}`, () => {
    const native = nativeRun(c);
    const run = check({
      exmail: bytesOf(c.exmail),
      wecom: bytesOf(c.wecom),
      roster: c.roster ? bytesOf(c.roster) : null,
      options: c.options,
    });
    try {
      assert.equal(run.reportJson(), native.json.trimEnd(), "report JSON is byte-identical");
      assert.deepEqual(run.report(), JSON.parse(native.json), "report() is the same plain object");
      assert.deepEqual(run.exportRoster({ format: "csv" }), native.roster, "roster CSV is byte-identical");
      assert.deepEqual(run.exportReport({ format: "csv" }), native.findings, "findings CSV is byte-identical");
    } finally {
      run.free();
    }
  });
}
