// The settle dialog shows every finding of the account and asks before taking a member away
// from another mailbox; "下载邮箱名单" is the primary action only when the roster is
// importable, and asks first (naming the open errors) when it is not.
//
//   node --test tests/browser/settle-and-download.test.mjs          (needs pkg/: `make build`)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, counts, upload, download } from "./page/session.mjs";
import { makeXlsx } from "./page/fixtures.mjs";

let s;
before(async () => { s = await startSession(); });
after(async () => { await s?.end(); });

async function sample(page) {
  await page.click("button[name=sample]");
  await counts(page);
  await page.waitForSelector(".rc-vspacer .rc-tr[data-email]");
}

const row = (page, email) => page.locator(`.rc-tr:not([hidden])[data-email="${email}"]`);

/** Narrows the table to one account (the virtual table renders only the rows in view). */
async function find(page, email) {
  await page.fill("input[name=search]", email);
  await page.waitForFunction((e) => [...deepAll(".rc-vspacer .rc-tr:not([hidden])")]
    .filter((r) => r.dataset.email).map((r) => r.dataset.email).join() === e, email);
  return row(page, email);
}

test("the settle dialog lists the account's own findings, also those that name no account (an invalid address)", async () => {
  const p = await s.open();
  const { page } = p;
  await sample(page);
  // zhang..ming@ is an account whose address is invalid: the finding is on its row, with no `email`.
  await row(page, "zhang..ming@acme-tech.cn").locator("button[name=settle]").click();
  const dialog = page.locator("dialog.rc-dialog[open]");
  await dialog.waitFor();
  const codes = await dialog.locator(".rc-dialog-findings li").evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.ok(codes.includes("email-invalid"), codes.join());
  assert.match(await dialog.locator('.rc-dialog-findings li[data-code="email-invalid"]').textContent(), /企业邮箱 第 4 行/);
  await page.keyboard.press("Escape");
  // A member's own faults on the WeCom side (yaoyan's mobile, on row 11 of the WeCom file)
  // show with the account given to it.
  await (await find(page, "yaoyan@acme-tech.cn")).locator("button[name=settle]").click();
  await dialog.waitFor();
  assert.equal(await dialog.locator('.rc-dialog-findings li[data-code="mobile-mangled"]').count(), 0);
  await dialog.locator("input[name=member-search]").fill("yaoyan");
  await dialog.locator('button[name=pick-member][data-userid="yaoyan"]').click();
  await page.waitForFunction(() => deep('.rc-tr[data-email="yaoyan@acme-tech.cn"]')?.dataset.matchedBy === "override");
  await row(page, "yaoyan@acme-tech.cn").locator("button[name=settle]").click();
  await dialog.waitFor();
  assert.match(await dialog.locator('.rc-dialog-findings li[data-code="mobile-mangled"]').textContent(), /企业微信 第 11 行/);
  await s.close(p);
});

test("taking a member another mailbox has: the dialog names that mailbox and asks first", async () => {
  const p = await s.open();
  const { page, log } = p;
  await sample(page);
  const before = await counts(page);
  let checks = 0;
  await page.exposeFunction("__checked", () => { checks++; });
  await page.evaluate(() => deep("roster-check").addEventListener("result", () => window.__checked()));
  const pick = async () => {
    await row(page, "chenjie@foxmail.com").locator("button[name=settle]").click();
    await page.locator("dialog.rc-dialog[open] input[name=member-search]").fill("xujing");
    await page.locator('dialog.rc-dialog[open] button[name=pick-member][data-userid="xujing"]').click();
    const ask = page.locator("dialog[data-confirm=move-member][open]");
    await ask.waitFor();
    return ask;
  };
  await find(page, "chenjie@foxmail.com");
  let ask = await pick();
  assert.match(await ask.textContent(), /xujing@acme-tech\.cn/);
  assert.match(await ask.textContent(), /将失去这个成员/);
  assert.equal(await page.evaluate(() => deepActive().name), "confirm-cancel", "the safe answer has the focus");
  // Cancel: nothing changes, nothing is checked again.
  await page.keyboard.press("Enter");
  await ask.waitFor({ state: "detached" });
  await page.keyboard.press("Escape");
  await page.waitForTimeout(300);
  assert.equal(checks, 0);
  assert.equal(await row(page, "chenjie@foxmail.com").getAttribute("data-type"), "other");
  // Confirm: chenjie@ gets xujing, and xujing@ loses it.
  ask = await pick();
  await ask.locator("button[name=confirm-ok]").click();
  await page.waitForFunction(() => deep('.rc-tr[data-email="chenjie@foxmail.com"]')?.dataset.matchedBy === "override");
  await counts(page);
  assert.equal(await (await find(page, "xujing@acme-tech.cn")).getAttribute("data-type"), "other");
  assert.equal((await counts(page)).member, before.member);
  assert.deepEqual(log.dialogs, [], "no window.confirm");
  await s.close(p);
});

test("not importable: the roster download is not the primary action and asks first, naming the open errors", async () => {
  const p = await s.open();
  const { page } = p;
  await sample(page);
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "not-importable");
  const button = page.locator("button[name=download-roster]");
  assert.doesNotMatch(await button.getAttribute("class"), /rc-primary/);
  let downloads = 0;
  page.on("download", () => downloads++);
  await button.click();
  const ask = page.locator("dialog[data-confirm=download-roster][open]");
  await ask.waitFor();
  const codes = await ask.locator("li[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code));
  // The errors, then the matches to confirm (the sample's doubtful pairs).
  assert.deepEqual(new Set(codes), new Set(["email-invalid", "email-duplicate", "userid-duplicate", "userid-invalid", "mobile-mangled",
    "ambiguous-key", "name-mismatch"]));
  assert.match(await ask.textContent(), /还有 6 个错误/);
  assert.match(await ask.textContent(), /还有 \d+ 个匹配没有确认/);
  await ask.locator("button[name=confirm-cancel]").click();
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, "cancel downloads nothing");
  const got = await download(page, "download-roster", { confirm: true });
  assert.match(got.name, /邮箱名单\.csv/);
  await s.close(p);
});

test("importable: the roster download is the primary action and does not ask", async () => {
  const p = await s.open();
  const { page } = p;
  const exmail = Buffer.from("邮箱帐号,姓名,手机\nzhang.wei@example.cn,张伟,13800138000\nli.na@example.cn,李娜,13900139000\n");
  const wecom = makeXlsx([["姓名", "账号", "手机", "部门"], ["张伟", "ZhangWei", "13800138000", "销售部"],
    ["李娜", "LiNa", "13900139000", "销售部"]]);
  await upload(page, { exmail, wecom });
  await counts(page);
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "importable");
  assert.match(await page.locator("[data-verdict]").textContent(), /✓.*可以导入/);
  assert.match(await page.locator("button[name=download-roster]").getAttribute("class"), /rc-primary/);
  const got = await download(page, "download-roster");
  assert.match(got.bytes.toString("utf8"), /zhang\.wei@example\.cn,张伟,成员邮箱,ZhangWei/);
  assert.equal(await page.locator("dialog[data-confirm]").count(), 0);
  await s.close(p);
});
