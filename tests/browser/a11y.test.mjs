// The page by keyboard and for assistive technology: every account row reachable in order by
// Tab, and axe-core (npm, pinned) finding no critical or serious violation in zh and en, before
// and after a check, with the dialogs open, on a desktop and a 360-px-wide phone screen.
//
//   node --test tests/browser/a11y.test.mjs          (needs pkg/: `make build`)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSession, counts, axeViolations, ROOT } from "./page/session.mjs";
import { bigCompany } from "./page/fixtures.mjs";

const SAMPLE = join(ROOT, "samples/demo");
const PHONE = { width: 360, height: 740 };
let s;

before(async () => { s = await startSession(); });
after(async () => { await s?.end(); });

/** The sample company's addresses in report order (the table's order), from the Node module. */
async function sampleOrder() {
  const mod = await import(join(ROOT, "pkg/roster_check.js"));
  mod.initSync({ module: readFileSync(join(ROOT, "pkg/roster_check_bg.wasm")) });
  const read = (f) => readFileSync(join(SAMPLE, f));
  const run = mod.check({ exmail: read("exmail.csv"), wecom: read("wecom.xlsx"), roster: read("roster.csv"), options: {} });
  const emails = run.report().assignments.map((a) => a.email);
  run.free();
  return emails;
}

/** Presses Tab from the table's search box until the focus leaves the table; the settle
 * buttons reached, in order. */
async function tabThroughRows(page, key = "Tab") {
  await page.focus("input[name=search]");
  const reached = [];
  for (let i = 0; i < 2000; i++) {
    await page.keyboard.press(key);
    const where = await page.evaluate(() => {
      const a = deepActive();
      if (a?.name === "settle") return a.dataset.email;
      return a?.closest(".rc-accounts") ? "" : null;
    });
    if (where === null) break;
    if (where) reached.push(where);
  }
  return reached;
}

for (const viewport of [{ width: 1366, height: 900 }, PHONE]) {
  test(`keyboard, ${viewport.width}px: Tab reaches every row's settle button, in table order`, async () => {
    const p = await s.open("/www/index.html", viewport);
    const { page } = p;
    await page.click("button[name=sample]");
    await counts(page);
    await page.waitForSelector(".rc-vspacer .rc-tr[data-email]");
    const order = await sampleOrder();
    const reached = await tabThroughRows(page);
    assert.deepEqual(reached, order);
    // And back: Shift+Tab from the last row walks up to the first.
    await page.keyboard.press("Shift+Tab");
    const last = await page.evaluate(() => deepActive()?.dataset.email);
    assert.equal(last, order.at(-1));
    const up = [last];
    for (let i = 0; i < order.length - 1; i++) {
      await page.keyboard.press("Shift+Tab");
      up.push(await page.evaluate(() => deepActive()?.dataset.email));
    }
    assert.deepEqual(up, [...order].reverse());
    // Enter on a row reached by keyboard opens that row's account.
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog.rc-dialog[open]");
    assert.match(await page.locator("dialog.rc-dialog[open] .rc-dialog-acct").textContent(), new RegExp(order[0].replace(/\./g, "\\.")));
    await s.close(p);
  });
}

test("keyboard across the worker's pages of rows: 450 accounts, End, Shift+Tab, PageUp", async () => {
  const p = await s.open();
  const { page } = p;
  const { exmail, wecom } = bigCompany(450);
  const dir = mkdtempSync(join(tmpdir(), "roster-a11y-"));
  writeFileSync(join(dir, "wecom.csv"), wecom);
  writeFileSync(join(dir, "exmail.csv"), exmail);
  await page.setInputFiles("input[type=file][name=wecom]", join(dir, "wecom.csv"));
  await page.setInputFiles("input[type=file][name=exmail]", join(dir, "exmail.csv"));
  await page.waitForFunction(() => deep("[data-count=accounts]")?.textContent === "450");
  await page.waitForSelector(".rc-vspacer .rc-tr[data-email]");
  const focused = () => page.evaluate(() => deepActive()?.dataset.email);
  const wait = (email) => page.waitForFunction((e) => deepActive()?.dataset.email === e, email);
  await page.focus('.rc-tr[data-email="user0@big.example.cn"] button[name=settle]');
  // Tab past the first page of 200 rows the worker sends.
  for (let i = 0; i < 205; i++) await page.keyboard.press("Tab");
  await wait("user205@big.example.cn");
  await page.keyboard.press("End");
  await wait("user449@big.example.cn");
  await page.keyboard.press("Shift+Tab");
  await wait("user448@big.example.cn");
  await page.keyboard.press("PageUp");
  await page.waitForFunction(() => /^user4[0-4]\d@/.test(deepActive()?.dataset.email || ""));
  await page.keyboard.press("Home");
  await wait("user0@big.example.cn");
  // The focused row is the one on screen.
  const visible = await page.evaluate(() => {
    const r = deepActive().getBoundingClientRect();
    const box = deep(".rc-vscroll").getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  });
  assert.ok(visible, `${await focused()} is outside the scroller`);
  rmSync(dir, { recursive: true, force: true });
  await s.close(p);
});

const HEADINGS = { "zh-TW": "郵箱名單檢查", en: "Mail roster check" };
for (const lang of ["zh", "zh-TW", "en"]) {
  for (const viewport of [{ width: 1366, height: 900 }, PHONE]) {
    test(`axe-core, ${lang}, ${viewport.width}px: no critical or serious violation before, after a check, with the dialog open`, async () => {
      const p = await s.open(`/www/index.html`, viewport);
      const { page } = p;
      if (lang !== "zh") {
        await page.click(`button[name=lang][value=${lang}]`);
        await page.waitForFunction((h1) => deep("h1")?.textContent === h1, HEADINGS[lang]);
      }
      assert.deepEqual(await axeViolations(page), [], "before any file");
      await page.click("button[name=sample]");
      await counts(page);
      await page.waitForSelector(".rc-vspacer .rc-tr[data-email]");
      await page.locator(".rc-group summary").first().click();
      await page.locator(".rc-group[open] .rc-ftable tbody tr").first().waitFor();
      assert.deepEqual(await axeViolations(page), [], "after the check");
      await page.locator(".rc-support-preview summary").click();
      await page.waitForFunction(() => deep("[data-support=preview]")?.textContent);
      assert.deepEqual(await axeViolations(page), [], "support summary shown");
      await page.locator(".rc-vspacer .rc-tr[data-email] button[name=settle]").first().click();
      await page.waitForSelector("dialog.rc-dialog[open] button[name=pick-member]");
      assert.deepEqual(await axeViolations(page), [], "settle dialog open");
      // Settled: the decisions panel shows; then the roster download's confirm step.
      await page.locator("dialog.rc-dialog[open] button[name=settle-other]").click();
      await page.waitForSelector("button[name=forget-decisions]");
      await page.waitForSelector("roster-check:not([busy])");
      assert.deepEqual(await axeViolations(page), [], "decisions panel");
      await page.click("button[name=download-roster]");
      await page.waitForSelector("dialog[data-confirm=download-roster][open]");
      assert.deepEqual(await axeViolations(page), [], "download confirm open");
      await page.keyboard.press("Escape");
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(sideways <= 1, `the page scrolls sideways by ${sideways}px`);
      await s.close(p);
    });
  }
}
