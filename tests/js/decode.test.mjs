// Text the wasm hands to the host's TextDecoder (GB18030 and the other legacy encodings): the
// same refusals, naming the same line, as the command line, which decodes with encoding_rs.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CLI, ROOT, brokenGbk, bytesOf } from "./helpers.mjs";
import { check } from "./load.mjs";

const wecom = bytesOf("tests/js/fixtures/basic-wecom.csv");

/**
 * The exmail file's refusal by the command line, in `lang`: its message without the program and
 * the path.
 */
function nativeRefusal(exmail, options, lang) {
  const dir = mkdtempSync(join(tmpdir(), "roster-check-decode-"));
  try {
    writeFileSync(join(dir, "exmail.csv"), exmail);
    writeFileSync(join(dir, "options.json"), JSON.stringify(options));
    const args = ["--exmail", join(dir, "exmail.csv"), "--wecom", join(ROOT, "tests/js/fixtures/basic-wecom.csv")];
    const r = spawnSync(CLI, [...args, "--options", join(dir, "options.json"), "--lang", lang], { encoding: "utf8" });
    assert.equal(r.status, 2, r.stderr);
    const path = (name) => ` ${join(dir, name)}`;
    return r.stderr.trim().replace(/^roster-check: /, "").replace(path("exmail.csv"), "").replace(path("options.json"), "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function wasmRefusal(exmail, options) {
  try {
    check({ exmail, wecom, options }).free();
  } catch (e) {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
    return e;
  }
  assert.fail("read");
}

const utf16 = (text) => new Uint8Array(Buffer.from(text, "utf16le"));

for (const [name, exmail, options, wanted] of [
  ["sniffed GB18030", brokenGbk(), {}, /^exmail file: line 401 is neither UTF-8 nor GB18030\/GBK text/],
  ["forced gbk", brokenGbk(), { exmail_file: { encoding: "GBK" } }, /^exmail file: line 401 is not valid gbk/],
  [
    "forced shift_jis",
    new Uint8Array([...Buffer.from("a,b\r\nc,d\r\n"), 0x82, 0xa0, 0x82, 0xff, 13, 10]),
    { exmail_file: { encoding: "sjis" } },
    /^exmail file: line 3 is not valid shift_jis/,
  ],
  [
    "utf-16 with a lone surrogate",
    new Uint8Array([0xff, 0xfe, ...utf16("a\tb\r\nc\t"), 0x00, 0xd8, ...utf16("\r\n")]),
    {},
    /^exmail file: line 2 is not valid utf-16le/,
  ],
  ["a label no decoder reads", brokenGbk(), { exmail_file: { encoding: "iso-2022-kr" } }, /^options: unknown encoding `iso-2022-kr`/],
]) {
  test(`undecodable text, as native says it: ${name}`, () => {
    const error = wasmRefusal(exmail, options);
    assert.match(error.message, wanted);
    for (const lang of ["zh", "en"]) assert.equal(error.messages[lang], nativeRefusal(exmail, options, lang), lang);
  });
}

test("a legacy encoding forced by label is decoded by the host", () => {
  // windows-1252 (a latin1 label): é is one byte.
  const exmail = new Uint8Array([...Buffer.from("email,name\r\nrene@example.cn,Ren"), 0xe9, 13, 10]);
  const run = check({ exmail, wecom, options: { exmail_file: { encoding: "latin1" } } });
  try {
    const report = run.report();
    assert.equal(report.inputs.exmail.encoding, "windows-1252");
    assert.equal(report.assignments[0].name, "René");
  } finally {
    run.free();
  }
});
