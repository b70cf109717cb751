// The JS API's shape and its refusals: every failure is an Error naming the file and the cause.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, bytesOf } from "./helpers.mjs";
import { check, rules, version, words } from "./load.mjs";

const exmail = bytesOf("tests/js/fixtures/basic-exmail.csv");
const wecom = bytesOf("tests/js/fixtures/basic-wecom.csv");

/** Asserts `f` throws a real `Error` (not a wasm trap) whose message matches `pattern`. */
function throwsError(f, pattern) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${e}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `a wasm trap: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test("the module exports check and its version", () => {
  assert.equal(typeof check, "function");
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(version(), cargo.match(/^version = "(.*)"/m)[1]);
});

test("a missing required file is an Error naming it", () => {
  throwsError(() => check({ wecom }), /^exmail file: missing/);
  throwsError(() => check({ exmail }), /^wecom file: missing/);
  throwsError(() => check({ exmail: null, wecom }), /^exmail file: missing/);
});

test("path new needs no WeCom file; path bind refuses its absence with a code", () => {
  for (const wecomValue of [null, undefined]) {
    const run = check({ exmail, wecom: wecomValue, options: { path: "new" } });
    const report = run.report();
    assert.equal(report.inputs.wecom, null);
    assert.ok(report.assignments.length > 0);
    for (const a of report.assignments) assert.deepEqual([a.type, a.matched_by, a.userid], ["member", "path_new", null]);
    assert.deepEqual(run.members(), []);
    assert.deepEqual(report, JSON.parse(run.reportJson()));
    run.free();
  }
  const e = thrown(() => check({ exmail, wecom: null }));
  assertContract(e, { file: "wecom", code: "wecom-required", row: undefined });
  assert.match(e.messages.zh, /文件导出/);
});

test("columns found by their content are named in the report's inputs and findings", () => {
  const unnamed = new TextEncoder().encode("A,B,C\n1,zhang.wei@example.cn,13800138000\n2,li.na@example.cn,13900139000\n");
  const run = check({ exmail: unnamed, wecom });
  const report = run.report();
  assert.deepEqual(report.inputs.exmail.guessed, [
    { column: "B", header: "B", field: "email", looks_like: "email" },
    { column: "C", header: "C", field: null, looks_like: "mobile" },
  ]);
  assert.deepEqual(report.inputs.wecom.guessed, []);
  assert.equal(report.findings.filter((f) => f.code === "column-guessed").length, 2);
  run.free();
});

test("bytes of the wrong type are an Error naming the file", () => {
  throwsError(() => check({ exmail: "a,b\n1,2", wecom }), /^exmail file: expected .*Uint8Array.*a string/);
  throwsError(() => check({ exmail, wecom: [1, 2, 3] }), /^wecom file: expected .*Uint8Array.*object/);
  throwsError(() => check({ exmail, wecom, roster: 42 }), /^roster file: expected .*number/);
});

test("the input must be an object", () => {
  throwsError(() => check(undefined), /^check: expected an object/);
  throwsError(() => check("exmail.csv"), /^check: expected an object/);
});

test("wrong options are an Error naming options and the field", () => {
  throwsError(() => check({ exmail, wecom, options: { advancedQuota: 3 } }), /^options: unknown field `advancedQuota`/);
  throwsError(() => check({ exmail, wecom, options: { path: "upgrade" } }), /^options: unknown variant `upgrade`/);
  throwsError(() => check({ exmail, wecom, options: { target_paid: "yes" } }), /^options: invalid type/);
  throwsError(
    () => check({ exmail, wecom, options: { overrides: { "a@example.cn": { type: "member" } } } }),
    /^options: missing field `userid`/,
  );
  throwsError(() => check({ exmail, wecom, options: { exmail_file: { sheet: 1 } } }), /^options: invalid type/);
});

test("options are read as their JSON: undefined is absent, an integer must be one", () => {
  const run = check({ exmail, wecom, options: { advanced_quota: 0, enterprise_name: undefined, lang: "en" } });
  const report = run.report();
  run.free();
  const quota = report.findings.find((f) => f.code === "quota-exceeded");
  assert.ok(quota, "advanced_quota 0 is read as the integer 0");
  assert.doesNotMatch(quota.message, /[\u4e00-\u9fff]/, "lang en is read");
  throwsError(() => check({ exmail, wecom, options: { advanced_quota: 2.5 } }), /^options: invalid type: floating point `2.5`, expected u64/);
  throwsError(() => check({ exmail, wecom, options: { advanced_quota: -1 } }), /^options: invalid value: integer `-1`, expected u64/);
  throwsError(() => check({ exmail, wecom, options: { domains: "acme.cn" } }), /^options: invalid type: string "acme.cn", expected a sequence/);
  throwsError(() => check({ exmail, wecom, options: [] }), /^options: invalid type: sequence, expected struct Options/);
});

test("rules() is the whole catalogue: every code, in order, each text in zh, zh-TW and en", () => {
  const table = rules();
  const dts = readFileSync(join(ROOT, "pkg/roster_check.d.ts"), "utf8");
  const codes = [...dts.match(/export type Code = ([^;]*);/)[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(Object.keys(table), codes, "every code of the generated union, in catalogue order");
  Object.values(table).forEach((rule, i) => {
    assert.equal(rule.order, i);
    for (const key of ["message", "fix", "title"]) {
      assert.deepEqual(Object.keys(rule[key]), ["zh", "zh-TW", "en"], key);
      for (const text of Object.values(rule[key])) assert.ok(text.length > 0, `${codes[i]} ${key}`);
    }
    assert.equal(rule.zh, rule.message.zh);
    assert.equal(rule.fix_en, rule.fix.en);
    // Every slot is an argument or the finding's own email / value.
    for (const text of Object.values(rule.message)) {
      for (const [, slot] of text.matchAll(/\{(\w+)\}/g)) {
        assert.ok(rule.args.includes(slot) || slot === "email" || slot === "value", `${codes[i]}: {${slot}}`);
      }
    }
  });
});

test("words() labels every feature, field, evidence, type, severity, state, file and path", () => {
  const dts = readFileSync(join(ROOT, "pkg/roster_check.d.ts"), "utf8");
  const union = (name) => [...dts.match(new RegExp(`export type ${name} = ([^;]*);`))[1].matchAll(/"([\w-]+)"/g)].map((m) => m[1]);
  const table = words();
  const kinds = { feature: "Feature", field: "Field", matched_by: "MatchedBy", type: "AssignmentType",
    severity: "Severity", status: "MemberStatus", file: "FileKind", path: "UpgradePath" };
  for (const [key, name] of Object.entries(kinds)) {
    assert.deepEqual(Object.keys(table[key]), union(name), key);
    for (const texts of Object.values(table[key])) {
      assert.deepEqual(Object.keys(texts), ["zh", "zh-TW", "en"]);
      assert.ok(Object.values(texts).every((t) => t.length > 0), key);
    }
  }
  assert.deepEqual(table.feature.rtx, { zh: "RTX 账号关联", "zh-TW": "RTX 賬號關聯", en: "RTX association" });
});

test("the TypeScript declarations ship in pkg/", () => {
  const dts = readFileSync(join(ROOT, "pkg/roster_check.d.ts"), "utf8");
  for (const name of ["CheckInput", "Options", "Report", "Summary", "Assignment", "Finding", "ExportOptions"]) {
    assert.match(dts, new RegExp(`export interface ${name} \\{`), name);
  }
  assert.match(dts, /export function check\(input: CheckInput\): Check;/);
  assert.match(dts, /report\(\): Report;/);
  assert.match(dts, /exportRoster\(options\?: ExportOptions \| null\): Uint8Array;/);
  assert.match(dts, /exportReport\(options\?: ExportOptions \| null\): Uint8Array;/);
  assert.doesNotMatch(dts, /export function __panicForTests/, "test-only export kept out of the types");
});

test("unreadable bytes are an Error naming the file", () => {
  throwsError(() => check({ exmail: new Uint8Array(0), wecom }), /^exmail file: /);
  throwsError(() => check({ exmail, wecom: new Uint8Array(0) }), /^wecom file: /);
  throwsError(() => check({ exmail: new Uint8Array([0xff, 0xfe, 0, 0xd8]), wecom }), /^exmail file: /);
});

test("a broken spreadsheet is an Error naming the file", () => {
  throwsError(() => check({ exmail, wecom, roster: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) }), /^roster file: /);
});

/** The error `f` throws. */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("no error thrown");
}

/** The contract the page relies on: own properties file, code, row, args, messages {zh, zh-TW, en}. */
function assertContract(e, { file, code, row }) {
  assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
  for (const key of ["file", "code", "row", "args", "messages"]) {
    assert.ok(Object.hasOwn(e, key), `own property ${key}`);
  }
  assert.equal(e.file, file);
  assert.equal(e.code, code);
  assert.equal(e.row, row);
  assert.equal(Object.getPrototypeOf(e.args), Object.prototype);
  assert.deepEqual(Object.keys(e.messages).sort(), ["en", "zh", "zh-TW"]);
  assert.ok(e.messages.zh.length > 0 && e.messages.en.length > 0 && e.messages["zh-TW"].length > 0);
}

test("a read error carries its file, code, row, args and both languages", () => {
  const broken = new TextEncoder().encode("邮箱帐号,姓名\na@example.cn,张伟\nb@example.cn,\"李娜\nc@example.cn,王芳\n");
  const e = thrown(() => check({ exmail: broken, wecom }));
  assertContract(e, { file: "exmail", code: "unclosed-quote", row: 3 });
  assert.deepEqual(e.args, { row: 3, column: 2, lines: 2 });
  assert.match(e.message, /^exmail file: row 3, column 2: a quote/, "message keeps the English text of 0.1");
  assert.match(e.messages.zh, /^企业邮箱账号文件：第 3 行 B 列的引号（"）没有闭合.*请补上或删除该引号后重新保存。$/);
  assert.match(e.messages.en, /^Exmail account file: row 3, column B: a quote \(\"\) opens a cell that is never closed/);

  const nul = thrown(() => check({ exmail, wecom: new Uint8Array([...new TextEncoder().encode("姓名,账号\n"), 0, 0, 0, 0x41]) }));
  assertContract(nul, { file: "wecom", code: "not-text", row: undefined });
  assert.equal(nul.args.line, 2);
  assert.match(nul.messages.zh, /^企业微信通讯录文件：第 2 行含有 NUL 字节/);
});

test("option and call errors carry their code too", () => {
  const opt = thrown(() => check({ exmail, wecom, options: { advancedQuota: 3 } }));
  assertContract(opt, { file: "options", code: "options-invalid", row: undefined });
  assert.match(opt.messages.zh, /^选项：选项有误：unknown field `advancedQuota`/);
  assertContract(thrown(() => check("exmail.csv")), { file: null, code: "input-not-object", row: undefined });
  assertContract(thrown(() => check({ wecom })), { file: "exmail", code: "file-missing", row: undefined });
  const text = thrown(() => check({ exmail: "a,b", wecom }));
  assertContract(text, { file: "exmail", code: "file-is-text", row: undefined });
  assert.match(text.messages.en, /arrayBuffer\(\)/);
  const run = check({ exmail, wecom });
  const format = thrown(() => run.exportRoster({ format: "pdf" }));
  assertContract(format, { file: null, code: "export-format-unknown", row: undefined });
  assert.deepEqual(format.args, { what: "roster", allowed: ['"csv"', '"xlsx"'], got: "pdf" });
  run.free();
});

test("a workbook the browser build cannot read says to save it as .xlsx", () => {
  const ods = bytesOf("tests/fixtures/ingest/exmail_phones.ods");
  const e = thrown(() => check({ exmail: ods, wecom }));
  assertContract(e, { file: "exmail", code: "spreadsheet-unsupported", row: undefined });
  assert.equal(e.args.format, "ods");
  assert.match(e.messages.zh, /另存为 \.xlsx（文件 → 另存为 → Excel 工作簿）/);
  assert.match(e.messages.en, /Save it as \.xlsx \(File → Save As → Excel Workbook/);
  assert.match(e.message, /^exmail file: this ods workbook cannot be read here/);
});

test("a handle gives the report as a plain object, with progress", () => {
  const stages = [];
  const run = check({ exmail, wecom, roster: null, options: {}, onProgress: (s) => stages.push(s) });
  assert.deepEqual(stages, ["read", "records", "match", "rules", "report", "done"]);
  const report = run.report();
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.equal(report.version, 1);
  const s = report.summary;
  assert.equal(s.accounts, s.member + s.other + s.unassigned);
  assert.ok(s.accounts > 0);
  assert.deepEqual(report, JSON.parse(run.reportJson()));
  assert.equal(run.reportJson(), run.reportJson(), "deterministic");
  run.free();
  assert.throws(() => run.report(), /null pointer passed to rust/, "a freed handle refuses use");
});

test("a progress callback that throws does not stop the check", () => {
  const run = check({ exmail, wecom, onProgress: () => { throw new Error("observer bug"); } });
  assert.equal(run.report().version, 1);
  run.free();
});

test("a handle exports and refuses unknown formats", () => {
  const run = check({ exmail, wecom });
  const report = run.report();
  const csv = run.exportRoster({ format: "csv" });
  assert.ok(csv instanceof Uint8Array);
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], "CSV starts with a BOM");
  assert.deepEqual(run.exportRoster(), csv, "csv is the default");
  const xlsx = run.exportRoster({ format: "xlsx" });
  assert.equal(new TextDecoder().decode(xlsx.subarray(0, 2)), "PK");
  const findings = run.exportReport({ format: "csv" });
  assert.ok(findings instanceof Uint8Array && findings.length > 0);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(run.exportReport({ format: "json" }))), report);

  throwsError(() => run.exportRoster({ format: "pdf" }), /^export: roster format must be one of "csv", "xlsx", not "pdf"/);
  throwsError(() => run.exportRoster({ format: "json" }), /^export: roster format/);
  throwsError(() => run.exportReport({ format: 7 }), /^export: report format/);
  run.free();
});

test("members() lists every WeCom member with the mailbox each gets", () => {
  const run = check({ exmail, wecom });
  const report = run.report();
  const members = run.members();
  assert.equal(members.length, report.summary.wecom_members);
  // The shape of the native MemberInfo's JSON, keys in its order (compact.js builds them).
  for (const m of members) {
    assert.deepEqual(Object.keys(m), ["userid", "name", "row", "department", "status", "mailbox"]);
    assert.ok(typeof m.userid === "string" && typeof m.name === "string" && typeof m.department === "string");
    assert.ok(Number.isInteger(m.row) && m.row > 1);
    assert.match(m.status, /^(active|disabled|left|not_activated|unknown)$/);
    assert.ok(m.mailbox === null || typeof m.mailbox === "string");
  }
  const byUser = new Map(members.map((m) => [m.userid, m]));
  for (const a of report.assignments.filter((a) => a.type === "member")) {
    assert.equal(byUser.get(a.userid)?.mailbox, a.email, a.email);
  }
  run.free();
});
