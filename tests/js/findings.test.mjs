// Findings as data through the JS API: each carries its `args`; every finding says itself in
// any language (Check.messages) without a second check, as the native command line says it; the
// page's computations (groups, table filter, account findings, member picker) and the support
// summary come from the module.

import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesOf, cases, nativeRun } from "./helpers.mjs";
import { check, rules } from "./load.mjs";

const LANGS = ["zh", "zh-TW", "en"];

function run(c, options = c.options) {
  return check({
    exmail: bytesOf(c.exmail),
    wecom: c.wecom ? bytesOf(c.wecom) : null,
    roster: c.roster ? bytesOf(c.roster) : null,
    options,
  });
}

test("every finding says itself in every language without a second check, as the CLI says it", () => {
  for (const c of cases()) {
    const handle = run(c);
    const report = handle.report();
    const catalogue = rules();
    for (const lang of LANGS) {
      const messages = handle.messages(lang);
      assert.equal(messages.length, report.findings.length);
      report.findings.forEach((f, i) => {
        assert.deepEqual(Object.keys(f.args), catalogue[f.code].args, `${c.name}: ${f.code} args`);
        assert.doesNotMatch(messages[i], /\{\w+\}/, `${c.name}: ${f.code} in ${lang} left a slot`);
      });
      // The native command line in that language writes the same messages.
      const native = JSON.parse(nativeRun({ ...c, options: { ...c.options, lang } }).json);
      assert.deepEqual(native.findings.map((f) => f.message), messages, `${c.name} in ${lang}`);
    }
    const own = handle.messages(report.findings.length ? c.options.lang ?? "zh" : "zh");
    assert.deepEqual(report.findings.map((f) => f.message), own, "report() speaks the check's lang");
    handle.free();
  }
});

test("messages() refuses a language it does not know, and takes zh-CN for zh", () => {
  const handle = check({ exmail: bytesOf(cases()[0].exmail), wecom: bytesOf(cases()[0].wecom) });
  assert.throws(() => handle.messages("fr"), /unknown language `fr`/);
  assert.deepEqual(handle.messages("zh-CN"), handle.messages("zh"));
  handle.free();
});

test("exportReport takes a language, the check's by default", () => {
  const c = cases()[0];
  const handle = run(c);
  const text = (options) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(handle.exportReport(options));
  assert.match(text({ format: "csv" }), /^\uFEFF严重程度,代码,文件/);
  assert.match(text({ format: "csv", lang: "zh-TW" }), /^\uFEFF嚴重程度,代碼,檔案/);
  assert.match(text({ format: "csv", lang: "en" }), /^\uFEFFseverity,code,file/);
  assert.throws(() => handle.exportReport({ lang: "xx" }), /unknown language `xx`/);
  handle.free();
});

test("groups, the table filter, each account's findings and the picker come from the module", () => {
  const c = cases()[0];
  const handle = run(c);
  const report = handle.report();
  const groups = handle.groups("en");
  // One group per code, in report order, covering every finding once.
  assert.deepEqual(groups.flatMap((g) => g.findings), report.findings.map((_, i) => i));
  for (const g of groups) {
    assert.equal(g.count, g.findings.length);
    assert.ok(g.findings.every((i) => report.findings[i].code === g.code));
    assert.equal(g.title, rules()[g.code].title.en);
    assert.equal(g.accounts, g.findings.some((i) => report.findings[i].email !== null));
  }
  const members = [...handle.filter({ type: "member" })];
  assert.deepEqual(members, report.assignments.flatMap((a, i) => (a.type === "member" ? [i] : [])));
  const text = [...handle.filter({ q: "ZHANG" })];
  assert.ok(text.length > 0 && text.every((i) => JSON.stringify(report.assignments[i]).toLowerCase().includes("zhang")));
  const facts = handle.accounts();
  report.assignments.forEach((a, i) => {
    const mine = [...handle.findingsOf(a.email)];
    assert.equal(facts.count[i], mine.length);
    assert.ok(mine.every((j) => report.findings[j].email === a.email));
    const worst = Math.min(3, ...mine.map((j) => ["error", "warning", "info"].indexOf(report.findings[j].severity)));
    assert.equal(facts.worst[i], worst, a.email);
  });
  const picked = handle.pickMembers("", "张伟", 3);
  assert.ok(picked.total >= picked.members.length && picked.members.length <= 3);
  assert.equal(picked.members[0].name, "张伟");
  assert.equal(picked.members[0].suggested, true);
  assert.throws(() => handle.filter({ typo: 1 }), /unknown field `typo`/);
  handle.free();
});

test("the support summary is the CLI's, and names no person or address", () => {
  for (const c of cases()) {
    const handle = run(c);
    const summary = handle.supportSummary();
    assert.equal(summary, nativeRun(c).support, c.name);
    const parsed = JSON.parse(summary);
    assert.equal(parsed.engine.name, "roster-check");
    for (const a of handle.report().assignments) {
      assert.ok(!summary.includes(a.email), `${c.name}: ${a.email}`);
      if (a.name.length >= 2) assert.ok(!summary.includes(a.name), `${c.name}: ${a.name}`);
    }
    handle.free();
  }
});
