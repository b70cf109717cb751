// The lazy view of a check: what a page shows (the summary, a page of rows, a group's findings,
// one account's findings) without report() making an object per account. Each part is the same
// as report() has it.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesOf, cases } from "./helpers.mjs";
import { check } from "./load.mjs";

function run(c) {
  return check({
    exmail: bytesOf(c.exmail),
    wecom: c.wecom ? bytesOf(c.wecom) : null,
    roster: c.roster ? bytesOf(c.roster) : null,
    options: c.options,
  });
}

test("head() is report() without its lists", () => {
  for (const c of cases()) {
    const handle = run(c);
    const report = handle.report();
    assert.deepEqual(handle.head(), { ...report, assignments: [], findings: [] }, c.name);
    handle.free();
  }
});

test("assignmentsAt and findingsAt give report()'s objects at the indexes asked for, in that order", () => {
  let seen = 0;
  for (const c of cases()) {
    const handle = run(c);
    const report = handle.report();
    const every = Uint32Array.from(report.assignments.keys());
    assert.deepEqual(handle.assignmentsAt(every), report.assignments, c.name);
    const backwards = [...every].reverse();
    assert.deepEqual(handle.assignmentsAt(backwards), backwards.map((i) => report.assignments[i]), c.name);
    const page = handle.filter({ type: "other" }).slice(0, 2);
    assert.deepEqual(handle.assignmentsAt(page), [...page].map((i) => report.assignments[i]), c.name);
    const found = Uint32Array.from(report.findings.keys());
    assert.deepEqual(handle.findingsAt(found), report.findings, c.name);
    for (const group of handle.groups()) {
      assert.deepEqual(handle.findingsAt(group.findings), group.findings.map((i) => report.findings[i]), c.name);
    }
    for (const a of report.assignments.slice(0, 3)) {
      const own = handle.findingsOf(a.email);
      assert.deepEqual(handle.findingsAt(own), report.findings.filter((f) => f.email === a.email), c.name);
    }
    assert.deepEqual(handle.assignmentsAt([]), []);
    seen += report.assignments.length;
    handle.free();
  }
  assert.ok(seen > 0);
});

test("an index past the end is refused, naming the list", () => {
  const c = cases()[0];
  const handle = run(c);
  const n = handle.head().summary.accounts;
  for (const [call, list] of [
    [() => handle.assignmentsAt([0, n]), "assignments"],
    [() => handle.findingsAt([handle.report().findings.length])],
  ]) {
    assert.throws(call, (e) => {
      assert.equal(e.code, "index-out-of-range");
      if (list) assert.match(e.message, new RegExp(`^${list}: index ${n} is out of range \\(${n} in all\\)`));
      return true;
    });
  }
  handle.free();
});
