// The page tests that matter to a person, written once and run in each engine by the
// tests/engines/<engine>.test.mjs files: the sample check, choosing a GBK CSV pair and an XLSX
// pair, settling one account, downloading the roster, a broken file; and the npm package's
// element in a reseller's page (the tarball unpacked under a subpath). Every expected number and
// byte comes from the native command line run on the same files and decisions.
//
// The page is reached only through the interface hooks (docs: interfaces.md "Web page") and
// roles and accessible names a person sees: the page's look is being redesigned beside these
// tests. Failures are read from the page's own error box (role=alert): a wasm module that fails
// to load reaches no console in any engine.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveRepo } from "../browser/browser.mjs";
import { CLI, ROOT } from "../js/helpers.mjs";
import { unpack } from "../package/helpers.mjs";
import { launchEngine } from "./engines.mjs";

const at = (path) => join(ROOT, path);

/** The inputs, as files on disk: WebDriver chooses a file by its path. */
export const PAIRS = {
  // The Exmail console's GBK export with an instruction row above the header, an Excel-mangled
  // mobile and a name that looks like HTML; the WeCom contacts as a GBK CSV.
  gbk: { exmail: at("tests/browser/page/exmail-gbk.csv"), wecom: at("tests/engines/fixtures/wecom-gbk.csv") },
  // Both sides as XLSX written by LibreOffice (phones stored as numbers).
  xlsx: { exmail: at("tests/fixtures/ingest/exmail_phones.xlsx"), wecom: at("tests/fixtures/ingest/wecom_template.xlsx") },
  sample: { exmail: at("samples/demo/exmail.csv"), wecom: at("samples/demo/wecom.xlsx"), roster: at("samples/demo/roster.csv") },
};
const BROKEN = at("tests/fixtures/ingest/garbage.bin");
/** The account settled by hand: matched to ZhangWei by WeChat id, made an other mailbox. */
const SETTLED = "zhang.wei@example.cn";
const COUNT_KEYS = ["accounts", "member", "other", "unassigned"];

/**
 * The native CLI on the same inputs (page defaults: path bind, zh): its report's four counts
 * and the CSV roster it writes.
 */
export function native({ exmail, wecom, roster }, overrides = null, lang = "zh") {
  const dir = mkdtempSync(join(tmpdir(), "roster-engines-"));
  try {
    const args = ["--exmail", exmail, "--wecom", wecom, "--report", join(dir, "report.json"), "--out", join(dir, "roster.csv"),
      "--lang", lang];
    if (roster) args.push("--roster", roster);
    if (overrides) {
      writeFileSync(join(dir, "overrides.json"), JSON.stringify(overrides));
      args.push("--overrides", join(dir, "overrides.json"));
    }
    const run = spawnSync(CLI, args, { encoding: "utf8" });
    // 0: importable, 1: error findings (still a full report); 2 is a failure.
    assert.ok(run.status === 0 || run.status === 1, `${CLI} ${args.join(" ")}: ${run.status} ${run.stderr}`);
    const { summary, findings } = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    const counts = Object.fromEntries(COUNT_KEYS.map((k) => [k, summary[k]]));
    // Each code's first finding's message, in `lang`: what its group on the page shows.
    const firstMessages = {};
    for (const f of findings) firstMessages[f.code] ??= f.message;
    return { counts, roster: readFileSync(join(dir, "roster.csv")), firstMessages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- gestures, each one a person's step --------------------------------------------------------

/** Chooses `path` in the interface's file input for `kind` (exmail, wecom or roster). */
async function chooseOne(page, kind, path) {
  await page.setFile((rc, k) => rc.deepAll(`input[type=file][name=${k}]`)[0], [kind], path, `input[name=${kind}]`);
}

/** Waits until the four counts shown are `expected`; fails with what is shown (and any alert). */
async function expectCounts(page, expected, what) {
  try {
    await page.waitFor((rc, want) => {
      const shown = rc.counts();
      return shown && Object.keys(want).every((k) => shown[k] === want[k]);
    }, [expected], `${what}: counts ${JSON.stringify(expected)}`);
  } catch (err) {
    const shown = await page.evaluate((rc) => ({ counts: rc.counts(), alerts: rc.alerts() }));
    assert.fail(`${what}: expected ${JSON.stringify(expected)}, the page shows ${JSON.stringify(shown)} (${err.message})`);
  }
}

/**
 * Clicks the roster download button and returns the file the page made: {name, bytes}. When
 * the page asks first (a roster with errors may need a "download anyway"), the person says
 * yes with the dialog's download button.
 */
async function downloadRoster(page) {
  const before = await page.evaluate((rc) => rc.downloadCount());
  await page.click((rc) => rc.deepAll("[name=download-roster]").find(rc.visible), [], "[name=download-roster]");
  const next = await page.waitFor((rc, i) => (rc.downloadCount() > i ? "downloaded"
    : rc.openDialog() && rc.byRole("button", "下载", rc.openDialog()).length ? "asked" : null), [before],
  "the roster download or a question before it");
  if (next === "asked") {
    await page.click((rc) => rc.byRole("button", "下载", rc.openDialog())[0], [], "the dialog's download button");
  }
  const file = await page.waitFor((rc, i) => rc.download(i), [before], "the roster download");
  return { name: file.name, bytes: Buffer.from(file.base64, "base64") };
}

/**
 * A copy of what the page serves (www/ and the package it loads, dist/package/) with
 * `change(dir)` applied, served on its own port: how a broken deployment looks to the page.
 * `close()` stops it and removes it.
 */
async function serveBrokenCopy(change) {
  const dir = mkdtempSync(join(tmpdir(), "roster-served-"));
  // Dereferenced: where a folder is a symlink, breaking the copy must not break the original.
  for (const part of ["www", "dist/package"]) cpSync(at(part), join(dir, part), { recursive: true, dereference: true });
  change(dir);
  const server = await serveRepo(dir);
  return { url: server.url, close: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * A reseller's site: the tarball `make package` wrote, unpacked under a subpath, and a page of
 * theirs with one <script type="module"> and the tag, served on its own port.
 */
async function servePackagedHost() {
  const dir = mkdtempSync(join(tmpdir(), "roster-host-"));
  unpack(join(dir, "shop/tools/vendor/roster-check"));
  writeFileSync(join(dir, "shop/tools/upgrade.html"), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>升级助手</title>
<script type="module" src="vendor/roster-check/element.js"></script></head>
<body><h1>企业邮箱升级</h1><roster-check></roster-check></body></html>
`);
  const server = await serveRepo(dir);
  return { url: server.url, close: async () => { await server.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function noErrors(page) {
  assert.deepEqual(await page.evaluate((rc) => rc.alerts()), [], "the page's error box");
  assert.deepEqual(await page.evaluate((rc) => rc.errors()), [], "uncaught errors and console.error");
}

// --- the tests ---------------------------------------------------------------------------------

/** Registers the person-level tests for one engine (a name of engines.mjs's ENGINES). */
export function personTests(engineName) {
  let server;
  let engine;
  const TEST = { timeout: 60_000 }; // a hung driver fails its test instead of hanging make test

  before(async () => {
    server = await serveRepo();
    engine = await launchEngine(engineName);
    console.log(`${engineName}: ${engine.version}`);
  }, { timeout: 90_000 });

  after(async () => {
    await engine?.close();
    await server?.close();
  }, { timeout: 30_000 });

  /** Runs `body(page)` on a fresh page at `path` (of `base`), closing it whatever happens. */
  async function withPage(path, body, base = server.url) {
    const page = await engine.open(base + path);
    try {
      await body(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  test(`${engineName}: the sample company (www/?sample) shows the CLI's counts and downloads its roster`, TEST, () =>
    withPage("www/?sample", async (page) => {
      const want = native(PAIRS.sample);
      await expectCounts(page, want.counts, "sample");
      const file = await downloadRoster(page);
      assert.match(file.name, /\.csv$/);
      assert.ok(file.bytes.equals(want.roster), `the page's ${file.name} differs from the CLI's roster`);
      await noErrors(page);
    }));

  test(`${engineName}: the packaged element (the tarball unpacked under a subpath, one script tag) checks the sample and downloads its roster`, TEST, async () => {
    const host = await servePackagedHost();
    try {
      await withPage("shop/tools/upgrade.html", async (page) => {
        const want = native(PAIRS.sample);
        await page.click((rc) => rc.byRole("button", "示例公司")[0], [], "the sample company button");
        await expectCounts(page, want.counts, "the package's sample");
        const file = await downloadRoster(page);
        assert.ok(file.bytes.equals(want.roster), `the page's ${file.name} differs from the CLI's roster`);
        await noErrors(page);
      }, host.url);
    } finally {
      await host.close();
    }
  });

  test(`${engineName}: a GBK CSV pair gives the CLI's counts`, TEST, () =>
    withPage("www/", async (page) => {
      await chooseOne(page, "wecom", PAIRS.gbk.wecom);
      await chooseOne(page, "exmail", PAIRS.gbk.exmail);
      await expectCounts(page, native(PAIRS.gbk).counts, "GBK CSV pair");
      await noErrors(page);
    }));

  test(`${engineName}: an XLSX pair gives the CLI's counts`, TEST, () =>
    withPage("www/", async (page) => {
      await chooseOne(page, "wecom", PAIRS.xlsx.wecom);
      await chooseOne(page, "exmail", PAIRS.xlsx.exmail);
      await expectCounts(page, native(PAIRS.xlsx).counts, "XLSX pair");
      await noErrors(page);
    }));

  test(`${engineName}: settling one account changes the counts; the roster is the CLI's, byte for byte`, TEST, () =>
    withPage("www/", async (page) => {
      const plain = native(PAIRS.gbk);
      const settled = native(PAIRS.gbk, { [SETTLED]: { type: "other" } });
      assert.notDeepEqual(settled.counts, plain.counts, "the fixture's override must change the counts");
      await chooseOne(page, "wecom", PAIRS.gbk.wecom);
      await chooseOne(page, "exmail", PAIRS.gbk.exmail);
      await expectCounts(page, plain.counts, "before settling");
      const first = await downloadRoster(page);
      assert.ok(first.bytes.equals(plain.roster), "the roster before settling differs from the CLI's");

      // The 调整 (settle) button of that account's row, then "make it an other mailbox" in the dialog.
      await page.click((rc, email) => rc.byRole("button", "调整").find((b) => rc.nameOf(b).includes(email)
        || (b.closest("[role=row], tr")?.textContent ?? "").includes(email)), [SETTLED], `调整 ${SETTLED}`);
      await page.click((rc) => {
        const dialog = rc.deepAll("dialog[open], [role=dialog]").find(rc.visible);
        return dialog && rc.byRole("button", "其他邮箱", dialog)[0];
      }, [], "the dialog's 设为其他邮箱");
      await expectCounts(page, settled.counts, `after settling ${SETTLED} as other`);

      const second = await downloadRoster(page);
      assert.ok(second.bytes.equals(settled.roster), "the roster after settling differs from the CLI's with that override");
      assert.ok(!second.bytes.equals(first.bytes));
      await noErrors(page);
    }));

  test(`${engineName}: switching to English and to Traditional Chinese redraws the findings in them, with no second check`, TEST, () =>
    withPage("www/?sample", async (page) => {
      const want = native(PAIRS.sample);
      await expectCounts(page, want.counts, "sample");
      // Every check the element asks its worker for, from now on.
      await page.evaluate((rc) => {
        const el = rc.deepAll("roster-check")[0];
        const call = el.engine.call.bind(el.engine);
        window.__checks = 0;
        el.engine.call = (op, ...rest) => ((op === "check" && window.__checks++), call(op, ...rest));
        return true;
      });
      for (const [lang, name, support] of [["en", "English", "Copy for support"], ["zh-TW", "繁體中文", "複製給技術支援"]]) {
        const messages = native(PAIRS.sample, null, lang).firstMessages;
        await page.click((rc, name) => rc.byRole("button", `^${name}$`)[0], [name], `the language switch's ${name}`);
        await page.waitFor((rc, support) => rc.byRole("button", `^${support}$`).length > 0, [support], `the page in ${lang}`);
        const groups = await page.evaluate((rc) => rc.deepAll(".rc-group[data-code]")
          .map((g) => [g.dataset.code, g.querySelector("summary").textContent]));
        assert.ok(groups.length > 0, "finding groups");
        for (const [code, text] of groups) assert.ok(text.includes(messages[code]), `${lang} ${code}: ${text} lacks ${messages[code]}`);
        await expectCounts(page, want.counts, `in ${lang}`);
      }
      assert.equal(await page.evaluate(() => window.__checks), 0, "a language switch ran a check");
      await noErrors(page);
    }));

  test(`${engineName}: a broken file shows the page's error box (role=alert) naming it`, TEST, () =>
    withPage("www/", async (page) => {
      // "roster-check: FILE-LABEL PATH: REASON" (zh: "…PATH：REASON"), in the CLI's --lang: the
      // page shows the same reason in its own language, without the path.
      const reasons = ["zh", "en"].map((lang) => {
        const run = spawnSync(CLI, ["--lang", lang, "--exmail", PAIRS.gbk.exmail, "--wecom", BROKEN], { encoding: "utf8" });
        assert.equal(run.status, 2, "the CLI refuses the file too");
        const after = run.stderr.slice(run.stderr.indexOf(BROKEN) + BROKEN.length);
        const reason = after.replace(/^[:：]\s*/, "").trim();
        assert.ok(reason.length > 10, run.stderr);
        return reason;
      });
      await chooseOne(page, "wecom", BROKEN);
      await chooseOne(page, "exmail", PAIRS.gbk.exmail);
      const alerts = await page.waitFor((rc) => rc.placedAlerts().length && rc.placedAlerts(), [], "a role=alert with text");
      assert.equal(alerts.length, 1, JSON.stringify(alerts));
      const [{ text, file }] = alerts;
      // Named by its words, or by sitting in the WeCom file's own box.
      assert.ok(file === "wecom" || (file === null && /wecom|企业微信/i.test(text)),
        `the alert does not name the WeCom file: ${JSON.stringify(alerts[0])}`);
      assert.ok(reasons.some((reason) => text.includes(reason)),
        `the alert ${JSON.stringify(text)} lacks the engine's reason ${JSON.stringify(reasons)}`);
      assert.deepEqual(await page.evaluate((rc) => rc.errors()), [], "uncaught errors and console.error");
    }));

  test(`${engineName}: the wasm cannot load: the page's error box says so`, TEST, async () => {
    const broken = await serveBrokenCopy((dir) => writeFileSync(join(dir, "dist/package/roster_check_bg.wasm"), "not wasm at all"));
    try {
      await withPage("www/", async (page) => {
        await chooseOne(page, "wecom", PAIRS.gbk.wecom);
        await chooseOne(page, "exmail", PAIRS.gbk.exmail);
        const alerts = await page.waitFor((rc) => rc.alerts().length && rc.alerts(), [], "a role=alert with text");
        // The words are each engine's own WebAssembly error: only that it is about the wasm is common.
        assert.match(alerts.join("\n"), /wasm|WebAssembly/i);
        assert.equal(await page.evaluate((rc) => rc.counts()), null, "no counts without a check");
      }, broken.url);
    } finally {
      await broken.close();
    }
  });

  // A worker that fails to start fires its `error` event before the page has asked it
  // anything, in all three engines: the page must say so at once rather than wait forever
  // (what a bundled element without its worker would show too).
  test(`${engineName}: the worker cannot load: the page's error box says so`,
    TEST, async () => {
      const broken = await serveBrokenCopy((dir) => rmSync(join(dir, "dist/package/worker.js")));
      try {
        await withPage("www/", async (page) => {
          await chooseOne(page, "wecom", PAIRS.gbk.wecom);
          await chooseOne(page, "exmail", PAIRS.gbk.exmail);
          // A person waits a few seconds, not 30, before deciding nothing happens.
          const alerts = await page.waitFor((rc) => rc.alerts().length && rc.alerts(), [], "a role=alert with text", 5000);
          assert.ok(alerts[0].length > 0);
        }, broken.url);
      } finally {
        await broken.close();
      }
    });

  // Not a person's step but what the page's Engine.spawn builds on, and where the engines
  // differ: a worker the engine will not start either throws from `new Worker` or fires
  // `error` on it later. Engine.spawn falls back to a blob worker only on a throw, and its
  // `error` handler only rejects calls already pending; both paths need handling.
  const WORKER_START = {
    // A worker script on another origin (an element embedded from a CDN-like host).
    crossOrigin: { chromium: "throws SecurityError", firefox: "error event", webkit: "throws SecurityError" },
    // A blob worker under the page's CSP, which has no worker-src blob: (the fallback's case).
    blobUnderCsp: { chromium: "error event", firefox: "error event", webkit: "throws SecurityError" },
  };
  test(`${engineName}: a worker the engine will not start: ${JSON.stringify(
    Object.fromEntries(Object.entries(WORKER_START).map(([k, v]) => [k, v[engineName]])))}`, TEST, () =>
    withPage("www/embed.html", async (page) => {
      const seen = await page.evaluate(async () => {
        const start = (url) => new Promise((resolve) => {
          let worker;
          try {
            worker = new Worker(url, { type: "module" });
          } catch (err) {
            resolve(`throws ${err.name}`);
            return;
          }
          worker.onerror = () => resolve("error event");
          worker.onmessage = () => resolve("started");
          setTimeout(() => resolve("nothing in 5 s"), 5000);
        });
        const other = new URL(location.href);
        other.hostname = other.hostname === "localhost" ? "127.0.0.1" : "localhost";
        return {
          crossOrigin: await start(new URL("/dist/package/worker.js", other).href),
          blobUnderCsp: await start(URL.createObjectURL(new Blob(["postMessage(1)"], { type: "text/javascript" }))),
        };
      });
      assert.deepEqual(seen, Object.fromEntries(Object.entries(WORKER_START).map(([k, v]) => [k, v[engineName]])));
    }));
}
