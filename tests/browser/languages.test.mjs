// The page in three languages (zh, zh-TW, en) switched on a result without a second check, and
// the support summary (复制给技术支持) copied as the command line writes it (issue 13, the page).
//
//   node --test tests/browser/languages.test.mjs   (needs `make build` and target/debug/roster-check)
//   PAGE_BIG=N sets the size of the switched result (default 100000; 0: the sample company's).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSession, counts, upload, alerts, download, WECOM_XLSX, ROOT } from "./page/session.mjs";
import { EXMAIL_GBK, bigCompany } from "./page/fixtures.mjs";
import { STRINGS, loadLang } from "../../package/src/i18n.js";

const BIG = process.env.PAGE_BIG === undefined ? 100_000 : Number(process.env.PAGE_BIG);
const CLI = join(ROOT, "target/debug/roster-check");
const LANGS = ["zh", "en", "zh-TW", "zh"];
let s;
let mod;

before(async () => {
  s = await startSession();
  mod = await import(join(ROOT, "pkg/roster_check.js"));
  mod.initSync({ module: readFileSync(join(ROOT, "pkg/roster_check_bg.wasm")) });
  await loadLang("en");
  await loadLang("zh-TW");
});
after(async () => { await s?.end(); });

/** Counts the worker's `check` calls from now on (window.__checks). */
function countChecks(page) {
  return page.evaluate(() => {
    const engine = deep("roster-check").engine;
    const call = engine.call.bind(engine);
    window.__checks = 0;
    engine.call = (op, ...rest) => {
      if (op === "check") window.__checks++;
      return call(op, ...rest);
    };
  });
}

/** Clicks the language switch and waits until the element is drawn in `lang`. */
async function switchTo(page, lang) {
  await page.click(`button[name=lang][value=${lang}]`);
  await page.waitForFunction((h1) => deep("h1")?.textContent === h1
    && deep(`button[name=lang][aria-pressed=true]`)?.value, STRINGS[lang].title);
  assert.equal(await page.locator("button[name=lang][aria-pressed=true]").getAttribute("value"), lang);
}

test(`${BIG || "sample"}: zh → en → zh-TW → zh switches findings, counts and verdict with no second check`, { timeout: 300_000 }, async () => {
  const p = await s.open();
  const { page } = p;
  let inputs;
  let dir = null;
  if (BIG) {
    const { exmail, wecom } = bigCompany(BIG);
    // From disk, by path (a buffer would be decoded on the page's main thread by the driver).
    dir = mkdtempSync(join(tmpdir(), "roster-lang-"));
    writeFileSync(join(dir, "wecom.csv"), wecom);
    writeFileSync(join(dir, "exmail.csv"), exmail);
    inputs = { exmail, wecom };
    await page.setInputFiles("input[type=file][name=wecom]", join(dir, "wecom.csv"));
    await page.setInputFiles("input[type=file][name=exmail]", join(dir, "exmail.csv"));
  } else {
    const read = (f) => readFileSync(join(ROOT, "samples/demo", f));
    inputs = { exmail: read("exmail.csv"), wecom: read("wecom.xlsx"), roster: read("roster.csv") };
    await page.click("button[name=sample]");
  }
  const shown = await counts(page);
  // The same check in Node: what each language must show.
  const run = mod.check({ roster: null, ...inputs, options: { path: "bind", lang: "zh" } });
  const report = run.report();
  const groups = run.groups("zh");
  const rules = mod.rules();
  const words = mod.words();
  const messages = Object.fromEntries(["zh", "zh-TW", "en"].map((lang) => [lang, run.messages(lang)]));
  run.free();
  assert.equal(shown.accounts, String(report.summary.accounts));
  assert.ok(groups.length > 1, "findings to switch");
  const first = groups.find((g) => g.count > 1);
  const verdictKey = report.summary.importable ? "importable_yes" : "importable_no";

  await countChecks(page);
  await page.evaluate(() => { window.__longTasks.length = 0; });
  for (const lang of LANGS) {
    if (lang !== "zh" || (await page.locator("button[name=lang][value=zh][aria-pressed=true]").count()) === 0) await switchTo(page, lang);
    // The counts stay; the verdict, every group's title and a finding's message are in `lang`.
    assert.deepEqual(await counts(page), shown, lang);
    assert.equal(await page.locator(".rc-state-title").textContent(), STRINGS[lang][verdictKey], lang);
    assert.equal(await page.locator(".rc-tiles [data-count=accounts] + .rc-tile-label").textContent(), STRINGS[lang].c_accounts);
    const titles = await page.$$eval("roster-check .rc-group", (els) => els.map((g) => [g.dataset.code, g.querySelector(".rc-group-title").textContent]));
    assert.deepEqual(titles.map(([code]) => code), groups.map((g) => g.code), lang);
    for (const [code, title] of titles) {
      const g = groups.find((x) => x.code === code);
      assert.equal(title, g.count > 1 ? rules[code].title[lang] : messages[lang][g.findings[0]], `${lang} ${code}`);
    }
    // The table's type and evidence, and the type filter's options, are the engine's words().
    const row = page.locator(".rc-vspacer .rc-tr[data-matched-by]:not([data-matched-by=''])").first();
    const [type, by] = await Promise.all(["type", "matchedBy"].map((k) => row.evaluate((el, k) => el.dataset[k], k)));
    const say = (kind, key) => { const w = words[kind][key][lang]; return lang === "en" ? w[0].toUpperCase() + w.slice(1) : w; };
    assert.equal(await row.locator(".rc-c-t_type").textContent(), say("type", type), lang);
    assert.ok((await row.locator(".rc-c-t_why").textContent()).startsWith(say("matched_by", by)), lang);
    assert.deepEqual(await page.$$eval("roster-check select[name=filter-type] option", (os) => os.slice(1).map((o) => o.textContent)),
      ["member", "other", "unassigned"].map((k) => say("type", k)), lang);
    // Open a group: its rows' messages in `lang`, from the worker (no check).
    await page.locator(`.rc-group[data-code="${first.code}"] summary`).click();
    const cell = page.locator(`.rc-group[data-code="${first.code}"] .rc-ftable tbody tr`).first().locator("td").nth(4);
    assert.equal(await cell.textContent(), messages[lang][first.findings[0]], lang);
    assert.equal(await page.locator(`.rc-group[data-code="${first.code}"] .rc-fix`).textContent(),
      STRINGS[lang].fix + rules[first.code].fix[lang]);
  }
  assert.equal(await page.evaluate(() => window.__checks), 0, "a language switch ran a check");
  const long = await page.evaluate(() => window.__longTasks);
  const worst = Math.max(0, ...long);
  console.log(`# ${BIG || "sample"} rows: 3 language switches, ${long.length} long tasks, longest ${worst.toFixed(0)} ms`);
  assert.ok(worst < 200, `longest main-thread task ${worst} ms`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  await s.close(p);
});

test("an error on a file's box follows the language, with no second check", async () => {
  const p = await s.open();
  const { page } = p;
  const broken = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  let err = null;
  try {
    mod.check({ exmail: EXMAIL_GBK, wecom: broken, roster: null, options: { lang: "zh" } }).free();
  } catch (e) {
    err = e;
  }
  assert.equal(err?.file, "wecom");
  await upload(page, { wecom: broken });
  await page.waitForFunction(() => deep(".rc-drop[data-file=wecom] [role=alert]")?.textContent);
  await countChecks(page);
  for (const lang of LANGS) {
    if (lang !== "zh" || (await page.locator("button[name=lang][value=zh][aria-pressed=true]").count()) === 0) await switchTo(page, lang);
    const shown = await alerts(page);
    assert.deepEqual(Object.keys(shown), ["wecom"], lang);
    assert.equal(shown.wecom, err.messages[lang], lang);
  }
  assert.equal(await page.evaluate(() => window.__checks), 0, "a language switch ran a check");
  await s.close(p);
});

/** The CLI's --support-summary for the page's default options. */
function cliSupportSummary(files) {
  const dir = mkdtempSync(join(tmpdir(), "roster-support-"));
  const args = [];
  for (const [kind, bytes] of Object.entries(files)) {
    writeFileSync(join(dir, kind), bytes);
    args.push(`--${kind}`, join(dir, kind));
  }
  const out = join(dir, "support.json");
  const run = spawnSync(CLI, [...args, "--support-summary", out], { encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const text = readFileSync(out, "utf8");
  rmSync(dir, { recursive: true, force: true });
  return text;
}

/** Every cell of a delimited text file (GBK or UTF-8), trimmed, non-empty. */
function cells(bytes, encoding) {
  return new TextDecoder(encoding).decode(bytes).split(/\r?\n/).flatMap((line) => line.split(","))
    .map((c) => c.trim()).filter((c) => c.length > 1);
}

test("复制给技术支持: the copied text is the CLI's --support-summary, shown before, with none of the input cells", async () => {
  const read = (f) => readFileSync(join(ROOT, "samples/demo", f));
  const files = { exmail: read("exmail.csv"), wecom: read("wecom.xlsx"), roster: read("roster.csv") };
  const expected = cliSupportSummary(files);
  const p = await s.open();
  const { page, context } = p;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.srv.origin });
  await page.click("button[name=sample]");
  await counts(page);
  // Said next to the button, shown in a disclosure before copying.
  const button = page.locator("button[name=copy-support]");
  assert.equal(await button.textContent(), "复制给技术支持");
  const noteId = await button.getAttribute("aria-describedby");
  assert.match(await page.locator(`[id="${noteId}"]`).textContent(), /不含任何邮箱地址、姓名、手机号或账号/);
  await page.locator(".rc-support-preview summary").click();
  await page.waitForFunction(() => deep("[data-support=preview]")?.textContent);
  assert.equal(await page.locator("[data-support=preview]").textContent(), expected);
  await button.click();
  await page.waitForFunction(() => /已复制/.test(deep(".rc-status")?.textContent || ""));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, expected);
  // None of the input cells (addresses, names, phones, userids of the sample company).
  const leaked = [...cells(files.exmail, "utf-8"), ...cells(files.roster, "utf-8")]
    .filter((c) => /@|\d{7}|[\u4e00-\u9fff]/.test(c) && copied.includes(c));
  assert.deepEqual(leaked, []);
  // In the other languages the button says so in them; the findings download follows the page.
  await switchTo(page, "zh-TW");
  assert.equal(await button.textContent(), "複製給技術支援");
  const run = mod.check({ ...files, options: { path: "bind", lang: "zh" } });
  const traditional = run.messages("zh-TW");
  const simplified = run.messages("zh");
  run.free();
  const findings = await download(page, "download-report");
  assert.equal(findings.name, "檢查結果.csv");
  const csv = findings.bytes.toString("utf8");
  assert.ok(csv.includes(traditional[0]), `the findings file lacks ${traditional[0]}`);
  if (traditional[0] !== simplified[0]) assert.ok(!csv.includes(simplified[0]), "the findings file is in Simplified Chinese");
  await switchTo(page, "en");
  assert.equal(await button.textContent(), "Copy for support");
  await s.close(p);
});

test("复制给技术支持: when the clipboard is refused, the text is offered selected in a dialog", async () => {
  const p = await s.open();
  const { page } = p;
  await upload(page, { exmail: EXMAIL_GBK, wecom: WECOM_XLSX });
  await counts(page);
  const expected = cliSupportSummary({ exmail: EXMAIL_GBK, wecom: WECOM_XLSX });
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  });
  await page.click("button[name=copy-support]");
  const area = page.locator("dialog[data-support=fallback][open] textarea");
  await area.waitFor();
  assert.equal(await area.inputValue(), expected);
  const selected = await page.evaluate(() => {
    const a = deep("dialog[data-support=fallback] textarea");
    return a.value.slice(a.selectionStart, a.selectionEnd);
  });
  assert.equal(selected, expected, "the whole text is selected");
  for (const cell of ["zhang.wei@example.cn", "张伟"]) assert.ok(!expected.includes(cell), cell);
  await page.click("dialog[data-support=fallback] button[name=support-close]");
  await page.waitForSelector("dialog[data-support=fallback]", { state: "detached" });
  await s.close(p);
});

test("files the page hands out are named in its language (roster, findings, decisions in zh-TW and en)", async () => {
  const p = await s.open();
  const { page } = p;
  await page.click("button[name=sample]");
  await counts(page);
  await page.locator(".rc-vspacer .rc-tr[data-email] button[name=settle]").first().click();
  await page.click("dialog.rc-dialog[open] button[name=settle-other]");
  await page.waitForSelector("roster-check:not([busy]) button[name=download-decisions]");
  for (const [lang, names] of [["zh-TW", ["郵箱名單.csv", "檢查結果.csv", "郵箱名單調整.json"]], ["en", ["mail-roster.csv", "findings.csv", "decisions.json"]]]) {
    await switchTo(page, lang);
    const got = [];
    for (const [button, confirm] of [["download-roster", true], ["download-report", false], ["download-decisions", false]]) {
      const asks = button === "download-roster" && (await page.locator("button[name=download-roster][data-asks]").count()) > 0;
      got.push((await download(page, button, { confirm: confirm && asks })).name);
    }
    assert.deepEqual(got, names, lang);
  }
  await s.close(p);
});
