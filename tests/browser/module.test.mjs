// The JS module in headless Chromium: loads from pkg/ as the page loads it, refuses bad input
// with an Error, and gives the same answers as the native command line.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { brokenGbk, bytesOf, cases, nativeRun } from "../js/helpers.mjs";
import { check } from "../js/load.mjs";
import { launchChromium, serveRepo, watchErrors } from "./browser.mjs";

let server, browser, page, errors;

before(async () => {
  server = await serveRepo();
  browser = await launchChromium();
  page = await browser.newPage();
  errors = watchErrors(page);
  await page.goto(`${server.url}tests/browser/harness.html`);
  await page.waitForFunction(() => window.harness !== undefined, null, { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("pkg/ loads in Chromium", async () => {
  assert.match(await page.evaluate(() => window.harness.version()), /^\d+\.\d+\.\d+/);
  assert.equal(await page.textContent("#status"), "ready");
  assert.deepEqual(errors, []);
});

test("bad input is an Error naming the file, in the browser too", async () => {
  const missing = await page.evaluate(() => window.harness.failure({ wecom: new Uint8Array(1) }));
  assert.deepEqual(missing, { isError: true, isTrap: false, message: "exmail file: missing (pass its bytes as `exmail`)" });
  const options = await page.evaluate(() =>
    window.harness.failure({ exmail: new Uint8Array(1), wecom: new Uint8Array(1), options: { lang: "fr" } }),
  );
  assert.equal(options.isError, true);
  assert.match(options.message, /^options: unknown variant `fr`/);
});

test("undecodable GBK: Chromium's TextDecoder finds the line Node's does", async () => {
  const wecom = [...bytesOf("tests/js/fixtures/basic-wecom.csv")];
  for (const options of [{}, { exmail_file: { encoding: "gbk" } }]) {
    let inNode;
    try {
      check({ exmail: brokenGbk(), wecom: new Uint8Array(wecom), options }).free();
    } catch (e) {
      inNode = e.message;
    }
    assert.match(inNode, /^exmail file: line 401 /);
    const got = await page.evaluate(
      ([exmail, wecom, options]) =>
        window.harness.failure({ exmail: new Uint8Array(exmail), wecom: new Uint8Array(wecom), options }),
      [[...brokenGbk()], wecom, options],
    );
    assert.deepEqual(got, { isError: true, isTrap: false, message: inNode });
  }
});

for (const c of cases()) {
  test(`chromium = node: ${c.name}`, async () => {
    const run = check({
      exmail: bytesOf(c.exmail),
      wecom: bytesOf(c.wecom),
      roster: c.roster ? bytesOf(c.roster) : null,
      options: c.options,
    });
    const node = run.reportJson();
    run.free();
    const got = await page.evaluate(([c]) => window.harness.run(c, false), [c]);
    assert.equal(got.json, node, "report JSON is byte-identical");
    assert.deepEqual(got.report, JSON.parse(node), "report() is the same object");
    assert.ok(got.plain, "report() is a plain object");
    assert.deepEqual(errors, []);
  });

  test(`chromium = native: ${c.name}`, async () => {
    const native = nativeRun(c);
    const got = await page.evaluate(([c]) => window.harness.run(c, true), [c]);
    assert.equal(got.json, native.json.trimEnd(), "report JSON is byte-identical");
    assert.deepEqual(got.report, JSON.parse(native.json), "report() is the same object");
    assert.deepEqual(new Uint8Array(Buffer.from(got.roster, "base64")), native.roster, "roster CSV is byte-identical");
    assert.deepEqual(new Uint8Array(Buffer.from(got.findings, "base64")), native.findings, "findings CSV is byte-identical");
    assert.equal(got.xlsxMagic, "PK");
    assert.deepEqual(errors, []);
  });
}
