// Nothing lost: the admin's decisions persist in the browser (decisions only, keyed by the
// SHA-256 of the input files), come back on reload with a notice and a "forget" control, and
// travel as a decisions file in the CLI's --overrides format — the native CLI and a fresh page
// give the same assignment from it.
//
//   node --test tests/browser/decisions.test.mjs          (needs pkg/ and the CLI: `make build native-cli`)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSession, counts, upload, download, WECOM_XLSX, ROOT } from "./page/session.mjs";
import { EXMAIL_GBK } from "./page/fixtures.mjs";
import { CLI } from "../js/helpers.mjs";

const DECIDED = { "evil@example.cn": { type: "member", userid: "QianQi" }, "zhang.wei@example.cn": { type: "other" } };
let s;
let dir;
before(async () => {
  s = await startSession();
  dir = mkdtempSync(join(tmpdir(), "roster-decisions-"));
});
after(async () => {
  await s?.end();
  rmSync(dir, { recursive: true, force: true });
});

const visibleRow = (page, email) => page.locator(`.rc-tr:not([hidden])[data-email="${email}"]`);

async function settle(page, email, userid) {
  await visibleRow(page, email).locator("button[name=settle]").click();
  const dialog = page.locator("dialog.rc-dialog[open]");
  if (userid) {
    await dialog.locator("input[name=member-search]").fill(userid);
    await dialog.locator(`button[name=pick-member][data-userid="${userid}"]`).click();
  } else {
    await dialog.locator("button[name=settle-other]").click();
  }
  await page.waitForFunction((e) => deep(`.rc-tr[data-email="${e}"]`)?.dataset.matchedBy === "override"
    && !deep("roster-check").hasAttribute("busy"), email);
}

/** Counts the page's finished checks from the first script on, across reloads. */
async function countChecks(context) {
  await context.addInitScript(() => {
    window.__checks = 0;
    document.addEventListener("result", () => window.__checks++);
  });
}

/** The assignment as the page's own report download says (email → type, userid, matched_by). */
async function pageAssignment(page) {
  await page.selectOption("select[name=report-format]", "json");
  const report = JSON.parse((await download(page, "download-report")).bytes.toString("utf8"));
  return assignment(report);
}

const assignment = (report) => Object.fromEntries(report.assignments.map((a) => [a.email, [a.type, a.userid, a.matched_by]]));

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("roster-check/")));

test("settle, reload: still settled, with a notice, after one check; the file runs the CLI and a fresh page to the same assignment", async () => {
  const p = await s.open();
  const { page, context } = p;
  await countChecks(context);
  await upload(page);
  await counts(page);
  await settle(page, "evil@example.cn", "QianQi");
  await settle(page, "zhang.wei@example.cn", null);
  assert.equal(await page.locator("[data-keep=stored] button[name=forget-decisions]").count(), 1);
  // Decisions only: the stored value holds no cell of the files.
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("roster-check/")).map(([, v]) => v));
  assert.equal(stored.length, 1);
  assert.deepEqual(JSON.parse(stored[0]).overrides, DECIDED);
  assert.doesNotMatch(stored[0], /张伟|13800138000|wx_zhangwei/);
  const settled = await pageAssignment(page);

  await page.reload();
  await upload(page);
  await counts(page);
  await page.waitForSelector(".rc-restored");
  assert.match(await page.locator(".rc-restored").textContent(), /已恢复 .* 2 个调整/);
  assert.equal(await page.locator("button[name=forget-decisions]").isVisible(), true);
  assert.equal(await visibleRow(page, "evil@example.cn").getAttribute("data-matched-by"), "override");
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__checks), 1, "restoring costs no second check");
  assert.deepEqual(await pageAssignment(page), settled);

  // The decisions file is the CLI's --overrides file.
  const file = await download(page, "download-decisions");
  assert.match(file.name, /\.json$/);
  assert.deepEqual(JSON.parse(file.bytes.toString("utf8")), DECIDED);
  writeFileSync(join(dir, "decisions.json"), file.bytes);
  writeFileSync(join(dir, "exmail.csv"), EXMAIL_GBK);
  writeFileSync(join(dir, "wecom.xlsx"), WECOM_XLSX);
  const cli = spawnSync(CLI, ["--exmail", join(dir, "exmail.csv"), "--wecom", join(dir, "wecom.xlsx"),
    "--overrides", join(dir, "decisions.json"), "--report", join(dir, "report.json")], { encoding: "utf8" });
  assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
  assert.deepEqual(assignment(JSON.parse(readFileSync(join(dir, "report.json"), "utf8"))), settled);

  // A fresh page (nothing stored) loads the file: the same assignment.
  const q = await s.open();
  assert.deepEqual(await storedKeys(q.page), []);
  await upload(q.page);
  await counts(q.page);
  await q.page.setInputFiles("input[type=file][name=decisions]", { name: "decisions.json", mimeType: "application/json", buffer: file.bytes });
  await q.page.waitForFunction(() => deep('.rc-tr[data-email="evil@example.cn"]')?.dataset.matchedBy === "override"
    && !deep("roster-check").hasAttribute("busy"));
  assert.deepEqual(await pageAssignment(q.page), settled);
  await s.close(q);

  // Forget: gone from this browser; a reload restores nothing.
  await page.click("button[name=forget-decisions]");
  assert.deepEqual(await storedKeys(page), []);
  assert.equal(await page.locator("[data-keep=no] button[name=keep-decisions]").count(), 1);
  await page.reload();
  await upload(page);
  await counts(page);
  assert.equal(await page.locator(".rc-restored").count(), 0);
  assert.equal(await visibleRow(page, "evil@example.cn").getAttribute("data-matched-by"), "");
  await s.close(p);
});

test("columns confirmed for a file come back with the decisions after a reload: no second confirming", async () => {
  const exmail = readFileSync(join(ROOT, "tests/browser/page/exmail-abc.xlsx")); // headers A, B, C
  const p = await s.open();
  const { page, context } = p;
  await countChecks(context);
  await upload(page, { exmail });
  await counts(page);
  const guessed = await page.locator("[data-verdict]").getAttribute("data-verdict");
  await page.click("button[name=confirm-columns]");
  await page.waitForFunction((v) => deep("[data-verdict]")?.dataset.verdict !== v && !deep("roster-check").hasAttribute("busy"), guessed);
  const confirmed = await page.locator("[data-verdict]").getAttribute("data-verdict");
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith("roster-check/")).map(([, v]) => JSON.parse(v)));
  assert.equal(stored.length, 1);
  assert.ok(Object.keys(stored[0].read.exmail.columns).length > 0, JSON.stringify(stored[0]));
  assert.deepEqual(stored[0].overrides, {});

  await page.reload();
  await upload(page, { exmail });
  await counts(page);
  await page.waitForSelector("[data-restored=read]");
  assert.match(await page.locator("[data-restored=read]").textContent(), /^已恢复 .* 在本浏览器中为这些文件确认或改正的列对应。$/);
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), confirmed);
  assert.equal(await page.locator(".rc-group[data-code=column-guessed]").count(), 0);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__checks), 1, "restoring costs no second check");
  await s.close(p);
});

test("decisions are keyed by the files: other files restore nothing", async () => {
  const p = await s.open();
  const { page } = p;
  await upload(page);
  await counts(page);
  await settle(page, "evil@example.cn", null);
  await page.reload();
  // The same company with one more line: other bytes, another key.
  await upload(page, { exmail: Buffer.concat([EXMAIL_GBK, Buffer.from("new.one@example.cn,New\r\n")]) });
  await counts(page);
  assert.equal(await page.locator(".rc-restored").count(), 0);
  assert.equal(await visibleRow(page, "evil@example.cn").getAttribute("data-matched-by"), "");
  await s.close(p);
});

test("a bad decisions file is refused in the page's language, and changes nothing", async () => {
  const p = await s.open();
  const { page } = p;
  await upload(page);
  await counts(page);
  const load = (text) => page.setInputFiles("input[type=file][name=decisions]",
    { name: "d.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await load("{not json");
  await page.waitForFunction(() => deep("[data-alert-for=decisions]")?.textContent);
  assert.match(await page.locator("[data-alert-for=decisions]").textContent(), /不是 JSON/);
  await load(JSON.stringify({ "evil@example.cn": { type: "member" } }));
  await page.waitForFunction(() => /evil@example\.cn/.test(deep("[data-alert-for=decisions]")?.textContent));
  assert.equal(await visibleRow(page, "evil@example.cn").getAttribute("data-matched-by"), "");
  await s.close(p);
});

test("without SubtleCrypto (no secure context) nothing is stored, and the page says so", async () => {
  const p = await s.open();
  const { page, context } = p;
  await context.addInitScript(() => Object.defineProperty(Crypto.prototype, "subtle", { get: () => undefined }));
  await page.reload();
  await upload(page);
  await counts(page);
  await settle(page, "evil@example.cn", null);
  assert.match(await page.locator("[data-keep=insecure]").textContent(), /不会自动保存/);
  assert.deepEqual(await storedKeys(page), []);
  assert.equal(await page.locator("button[name=download-decisions]").count(), 1, "the file still works");
  await s.close(p);
});
