// A page an admin can trust with an irreversible upgrade (issue 12, the page): errors on the
// file's own box in the page's language and no stale roster after a failed read; a picker that
// offers what this build reads; where each file comes from and what each option changes; the
// verdict that waits for guessed columns and doubtful matches; path `new` from the Exmail list
// alone.
//
//   node --test tests/browser/trust.test.mjs          (needs pkg/: `make build`)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startSession, counts, upload, alerts, WECOM_XLSX, ROOT } from "./page/session.mjs";
import { EXMAIL_GBK, makeXlsx } from "./page/fixtures.mjs";
import { describeFailure } from "../../package/src/errors.js";

const HERE = join(ROOT, "tests/browser/page");
const INGEST = join(ROOT, "tests/fixtures/ingest");
const fixture = (dir, name) => ({ name, mimeType: "application/octet-stream", buffer: readFileSync(join(dir, name)) });
let s;

before(async () => { s = await startSession(); });
after(async () => { await s?.end(); });

/** The English message the engine throws for these inputs (null when it does not throw). */
async function engineError(inputs, options = {}) {
  const mod = await import(join(ROOT, "pkg/roster_check.js"));
  mod.initSync({ module: readFileSync(join(ROOT, "pkg/roster_check_bg.wasm")) });
  try {
    mod.check({ roster: null, ...inputs, options }).free();
    return null;
  } catch (err) {
    return err;
  }
}

test("a failure is placed by the Error's `file` and told in `messages[lang]`; English `message` is the fallback", () => {
  const err = Object.assign(new Error("wecom file: the header row has no userid"), {
    file: "wecom", code: "missing-column", messages: { zh: "企业微信文件：找不到账号列", en: "WeCom file: no userid column" } });
  assert.deepEqual(describeFailure(err, "zh"), { file: "wecom", text: "企业微信文件：找不到账号列", code: "missing-column", whole: true });
  assert.deepEqual(describeFailure(err, "en"), { file: "wecom", text: "WeCom file: no userid column", code: "missing-column", whole: true });
  // An engine that gives only `message`: its prefix still names the file.
  assert.deepEqual(describeFailure(new Error("exmail file: line 3 contains NUL bytes"), "zh"),
    { file: "exmail", text: "line 3 contains NUL bytes", code: null, whole: false });
  assert.equal(describeFailure(new Error("options: unknown field `x`"), "en").file, "options");
  assert.equal(describeFailure(new Error("the checker could not start"), "zh").file, null);
});

test("a failed read: shown on that file's box, the old result and its downloads gone; a new file recovers", async () => {
  const p = await s.open();
  const { page } = p;
  await upload(page);
  assert.equal((await counts(page)).accounts, "6");
  await page.setInputFiles("input[type=file][name=exmail]", fixture(INGEST, "nul_bytes.csv"));
  await page.waitForFunction(() => deep(".rc-drop[data-file=exmail] [role=alert]")?.textContent);
  const shown = await alerts(page);
  assert.deepEqual(Object.keys(shown), ["exmail"], "only the Exmail box speaks");
  assert.match(shown.exmail, /NUL/);
  assert.match(shown.exmail, /之前的结果已清除/);
  // Nothing of the previous files' result is left to download or to read as current.
  assert.equal(await page.locator("button[name=download-roster]").count(), 0);
  assert.equal(await page.locator("[data-count=accounts]").count(), 0);
  assert.equal(await page.locator(".rc-accounts").isVisible(), false);
  // The worker let go of the old result too: even a script cannot export it.
  const exported = await page.evaluate(() => deep("roster-check").engine
    .call("export", { kind: "roster", format: "csv" }).then(() => "exported", (e) => e.message));
  assert.match(exported, /nothing checked/);
  // Choosing a good file again recovers.
  await page.setInputFiles("input[type=file][name=exmail]", { name: "exmail.csv", mimeType: "text/csv", buffer: EXMAIL_GBK });
  assert.equal((await counts(page)).accounts, "6");
  assert.deepEqual(await alerts(page), {});
  await s.close(p);
});

test("a failed read is told in the page's language (zh and en), from the engine's `messages`", async () => {
  const err = await engineError({ exmail: readFileSync(join(INGEST, "nul_bytes.csv")), wecom: WECOM_XLSX });
  assert.ok(err.messages.zh && err.messages.en, "the engine's Error has messages");
  for (const lang of ["zh", "en"]) {
    const p = await s.open();
    const { page } = p;
    if (lang === "en") await page.click("button[name=lang][value=en]");
    await upload(page, { exmail: readFileSync(join(INGEST, "nul_bytes.csv")) });
    await page.waitForFunction(() => deep(".rc-drop[data-file=exmail] [role=alert]")?.textContent);
    const text = (await alerts(page)).exmail;
    assert.ok(text.includes(err.messages[lang]), `${lang}: ${text}`);
    if (lang === "zh") assert.ok(!text.includes(err.message.replace(/^exmail file: /, "")), "no English sentence on the zh page");
    await s.close(p);
  }
});

test("the picker offers what this build reads; old .xls / .ods are told to be saved as .xlsx", async () => {
  const p = await s.open();
  const { page } = p;
  const accepts = await page.$$eval("roster-check input[type=file]:not([name=decisions])", (els) => els.map((e) => [e.name, e.accept]));
  assert.deepEqual(accepts, [["exmail", ".csv,.tsv,.txt,.xlsx,.xlsm"], ["wecom", ".csv,.tsv,.txt,.xlsx,.xlsm"],
    ["roster", ".csv,.tsv,.txt,.xlsx,.xlsm"]]);
  for (const kind of ["exmail", "wecom", "roster"]) {
    assert.match(await page.locator(`.rc-drop[data-file=${kind}] .rc-formats`).textContent(), /旧版 \.xls \/ \.ods 请先另存为 \.xlsx/);
  }
  // Each offered kind is read: UTF-16 .txt, a macro-enabled .xlsm (LibreOffice), the WeCom
  // console's own layout (openpyxl: merged instruction rows, numeric phones).
  for (const wecom of [fixture(INGEST, "wecom_utf16le_bom.txt"), fixture(HERE, "wecom.xlsm"), fixture(HERE, "wecom-console.xlsx")]) {
    await page.setInputFiles("input[type=file][name=wecom]", wecom);
    if (!(await page.locator("[data-count=accounts]").count())) {
      await page.setInputFiles("input[type=file][name=exmail]", { name: "exmail.csv", mimeType: "text/csv", buffer: EXMAIL_GBK });
    }
    await page.waitForFunction((n) => deep(".rc-drop[data-file=wecom] .rc-fname-text")?.textContent.startsWith(n)
      && !deep("roster-check").hasAttribute("busy") && deep("[data-count=wecom_members]"), wecom.name);
    assert.deepEqual(await alerts(page), {}, wecom.name);
    assert.ok(Number(await page.locator("[data-count=wecom_members]").textContent()) > 0, wecom.name);
  }
  // An .xls chosen anyway ("all files"): refused on its box, saying to save it as .xlsx.
  await page.setInputFiles("input[type=file][name=wecom]", fixture(HERE, "legacy.xls"));
  await page.waitForFunction(() => deep(".rc-drop[data-file=wecom] [role=alert]")?.textContent);
  assert.match((await alerts(page)).wecom, /\.xlsx/);
  // In English too.
  await page.click("button[name=lang][value=en]");
  await page.waitForFunction(() => deep("h1")?.textContent === "Mail roster check");
  assert.match(await page.locator(".rc-drop[data-file=exmail] .rc-formats").textContent(), /save old \.xls \/ \.ods files as \.xlsx first/);
  await s.close(p);
});

test("words: 检查 before any check, 重新检查 after; where each file comes from; what each option changes", async () => {
  const p = await s.open();
  const { page } = p;
  assert.equal(await page.locator("button[name=check]").textContent(), "检查");
  const src = async (kind) => page.locator(`.rc-drop[data-file=${kind}] .rc-src`).textContent();
  assert.match(await src("exmail"), /企业邮箱管理后台.*通讯录.*导出/);
  assert.match(await src("wecom"), /企业微信管理后台 → 通讯录 → 批量导入\/导出 → 文件导出/);
  assert.match(await src("roster"), /企业邮箱管理后台 → 工具箱 → 企业微信 → .*下载「邮箱名单」/);
  // The file picker reads the box's words with it.
  const described = await page.$eval("input[type=file][name=wecom]", (i) => i.getAttribute("aria-describedby").split(" ")
    .map((id) => i.getRootNode().getElementById(id).textContent).join(" | "));
  assert.match(described, /文件导出/);
  // What is known of the console formats, with the date and how sure it is.
  const about = await page.locator(".rc-about").textContent();
  assert.match(about, /2026-12-05/);
  assert.match(about, /成员列表/);
  assert.match(about, /激活状态/);
  assert.match(about, /把握/);
  // Every option says in one line what it changes.
  const options = await page.$$eval(".rc-context :is(input, fieldset)[aria-describedby]", (els) => els.map((e) => [e.name || e.className,
    e.getRootNode().getElementById(e.getAttribute("aria-describedby"))?.textContent || ""]));
  const named = new Set(options.map(([n]) => n));
  for (const n of ["path", "advanced_quota", "target_paid", "wecom_api_email_param", "exmail_contacts_api",
    "wecom_contacts_api", "department_backup_rules", "domains", "enterprise_name"]) assert.ok(named.has(n), `${n} has no help line`);
  assert.ok(options.some(([n]) => /rc-features/.test(n)), "features have a help line");
  for (const [n, text] of options) assert.ok(text.length > 8, `${n}: "${text}"`);
  await upload(page);
  await counts(page);
  assert.equal(await page.locator("button[name=check]").textContent(), "重新检查");
  await page.click("button[name=lang][value=en]");
  await page.waitForFunction(() => deep("button[name=check]")?.textContent === "Check again");
  assert.match(await page.locator(".rc-drop[data-file=wecom] .rc-src").textContent(), /Batch import\/export/);
  await s.close(p);
  const fresh = await s.open();
  await fresh.page.click("button[name=lang][value=en]");
  // English is a chunk of its own: the element is drawn again once it is in.
  await fresh.page.waitForFunction(() => deep("h1")?.textContent === "Mail roster check");
  assert.equal(await fresh.page.locator("button[name=check]").textContent(), "Check");
  await s.close(fresh);
});

test("the English texts cannot load: the switch redraws the element in Chinese, and it still checks", async () => {
  const p = await s.open();
  const { page, context } = p;
  // English is a chunk of its own (lang-en-….js), asked for only when the element is switched.
  const refused = [];
  await context.route(/\/lang-en-[^/]*\.js$/, (route) => { refused.push(route.request().url()); return route.abort(); });
  await page.click("button[name=lang][value=en]");
  // Drawn again for lang="en", with the only texts it has: the switch shows Chinese as the one in use.
  await page.waitForFunction(() => deep("roster-check").getAttribute("lang") === "en"
    && deep("button[name=lang][value=zh]")?.getAttribute("aria-pressed") === "true" && deep("[role=group][aria-label]"));
  await page.waitForTimeout(200);
  assert.equal(refused.length, 1);
  assert.equal(await page.locator("h1").textContent(), "邮箱名单检查");
  assert.equal(await page.locator("button[name=check]").textContent(), "检查");
  await upload(page);
  assert.ok(Number((await counts(page)).accounts) > 0);
  assert.deepEqual(await alerts(page), {});
  await s.close(p);
});

test("path new: the WeCom box says it is optional", async () => {
  const p = await s.open("/www/index.html?x", undefined);
  const { page } = p;
  assert.match(await page.locator(".rc-drop[data-file=wecom] .rc-need").textContent(), /必需/);
  await page.check("input[name=path][value=new]");
  assert.match(await page.locator(".rc-drop[data-file=wecom] .rc-need").textContent(), /可选/);
  assert.match(await page.locator(".rc-drop[data-file=wecom] .rc-src").textContent(), /不需要/);
  await s.close(p);
  // The element's own attribute says so too.
  const q = await s.open("/www/embed.html");
  await q.page.evaluate(() => deep("roster-check").setAttribute("path", "new"));
  assert.match(await q.page.locator(".rc-drop[data-file=wecom] .rc-need").textContent(), /可选/);
  await s.close(q);
});

test("path new: the check runs on the Exmail file alone", async () => {
  const p = await s.open();
  const { page } = p;
  await page.check("input[name=path][value=new]");
  await upload(page, { wecom: null });
  const shown = await counts(page);
  assert.equal(shown.accounts, "6");
  assert.deepEqual(await alerts(page), {});
  // Accounts no key placed are proposed as members, and the table says why.
  const row = page.locator('.rc-tr:not([hidden])[data-matched-by="path_new"]').first();
  assert.match(await row.locator(".rc-c-t_why").textContent(), /新建企业微信：默认成员/);
  // Back to path bind: that result was checked without contacts; it goes, and the page asks for them.
  await page.check("input[name=path][value=bind]");
  await page.waitForFunction(() => !deep("[data-count=accounts]"));
  assert.match(await page.locator(".rc-status").textContent(), /企业微信通讯录/);
  assert.match(await page.locator(".rc-drop[data-file=wecom] .rc-need").textContent(), /必需/);
  await s.close(p);
});

test("columns found by content: the mapping panel opens and the verdict asks to confirm them", async () => {
  // Headers nobody knows (A, B, C), saved by LibreOffice: the engine says `column-guessed`.
  const exmail = readFileSync(join(HERE, "exmail-abc.xlsx"));
  for (const lang of ["zh", "en"]) {
    const p = await s.open();
    const { page } = p;
    if (lang === "en") await page.click("button[name=lang][value=en]");
    await upload(page, { exmail });
    await counts(page);
    const verdict = page.locator("[data-verdict]");
    assert.equal(await verdict.getAttribute("data-verdict"), "confirm");
    assert.doesNotMatch(await verdict.textContent(), /✓|可以导入|Ready to import/);
    assert.equal(await page.locator(".rc-drop[data-file=exmail] details.rc-read").getAttribute("open"), "");
    assert.doesNotMatch(await page.locator("button[name=download-roster]").getAttribute("class"), /rc-primary/);
    // Confirming them pins the columns as read; checked again, nothing is guessed any more.
    await page.click("button[name=confirm-columns]");
    await page.waitForFunction(() => deep("[data-verdict]")?.dataset.verdict !== "confirm"
      && !deep("roster-check").hasAttribute("busy"));
    assert.equal(await page.locator(".rc-group[data-code=column-guessed]").count(), 0);
    await s.close(p);
  }
});

test("a doubtful match: no ✓, the download asks naming it, the embedder's event says confirm; settled, ✓", async () => {
  // zhang's mobile now belongs to 刘洋 (a reused number): matched by it, against the name.
  const exmail = Buffer.from("邮箱帐号,姓名,手机\nzhang.wei@example.cn,张伟,13800138000\nli.na@example.cn,李娜,13900139000\n");
  const wecom = makeXlsx([["姓名", "账号", "手机", "部门"], ["刘洋", "LiuYang", "13800138000", "销售部"],
    ["李娜", "LiNa", "13900139000", "销售部"]]);
  const p = await s.open();
  const { page } = p;
  await page.evaluate(() => {
    window.__results = [];
    deep("roster-check").addEventListener("result", (e) => window.__results.push(e.detail));
  });
  await upload(page, { exmail, wecom });
  await counts(page);
  const verdict = page.locator("[data-verdict]");
  assert.equal(await verdict.getAttribute("data-verdict"), "confirm");
  assert.equal(await verdict.getAttribute("data-importable"), "true", "the engine's word: no error");
  assert.doesNotMatch(await verdict.textContent(), /✓|可以导入/);
  assert.match(await verdict.textContent(), /1 个匹配需要确认/);
  const detail = await page.evaluate(() => window.__results.at(-1));
  assert.deepEqual([detail.importable, detail.confirm, detail.verdict], [true, 1, "confirm"]);
  // The way to them: the table narrowed to the name-mismatch accounts.
  await page.click("button[name=show-confirm][data-code=name-mismatch]");
  await page.waitForFunction(() => [...deepAll(".rc-vspacer .rc-tr[data-email]:not([hidden])")]
    .map((r) => r.dataset.email).join() === "zhang.wei@example.cn");
  // The download asks first, naming the match.
  const button = page.locator("button[name=download-roster]");
  assert.doesNotMatch(await button.getAttribute("class"), /rc-primary/);
  await button.click();
  const ask = page.locator("dialog[data-confirm=download-roster][open]");
  await ask.waitFor();
  assert.match(await ask.textContent(), /还有 1 个匹配没有确认/);
  assert.deepEqual(await ask.locator("li[data-code]").evaluateAll((els) => els.map((e) => e.dataset.code)), ["name-mismatch"]);
  await ask.locator("button[name=confirm-cancel]").click();
  // The admin looks and decides: zhang's mailbox is not 刘洋's; it becomes an other mailbox.
  await page.locator('.rc-tr[data-email="zhang.wei@example.cn"] button[name=settle]').click();
  await page.locator("dialog.rc-dialog[open] button[name=settle-other]").click();
  await page.waitForFunction(() => deep("[data-verdict]")?.dataset.verdict === "importable"
    && !deep("roster-check").hasAttribute("busy"));
  assert.match(await verdict.textContent(), /✓.*可以导入/);
  assert.match(await button.getAttribute("class"), /rc-primary/);
  const last = await page.evaluate(() => window.__results.at(-1));
  assert.deepEqual([last.confirm, last.verdict], [0, "importable"]);
  await s.close(p);
});

test("a sheet chosen for the admin: the verdict asks, and keeping that sheet settles it", async () => {
  // Two visible worksheets with accounts: the active one (在职) is read, sheet-chosen says so.
  const exmail = readFileSync(join(ROOT, "tests/xlsx/fixtures/exmail_two_sheets.xlsx"));
  const p = await s.open();
  const { page } = p;
  await page.evaluate(() => {
    window.__results = [];
    deep("roster-check").addEventListener("result", (e) => window.__results.push(e.detail));
  });
  await upload(page, { exmail });
  await counts(page);
  const verdict = page.locator("[data-verdict]");
  assert.equal(await verdict.getAttribute("data-verdict"), "confirm");
  assert.match(await verdict.textContent(), /读取的工作表是自动选的（企业邮箱/);
  const before = await page.evaluate(() => window.__results.at(-1).confirm);
  await page.click("button[name=confirm-sheet]");
  await page.waitForFunction(() => !deep(".rc-group[data-code=sheet-chosen]") && !deep("roster-check").hasAttribute("busy"));
  // The sheet no longer counts (the fixture's accounts no key matches may still ask, by
  // same-name-unmatched: that is the matches' part, not the reading's).
  assert.doesNotMatch(await verdict.textContent(), /读取的工作表是自动选的/);
  assert.equal(await page.evaluate(() => window.__results.at(-1).confirm), before - 1);
  assert.equal(await page.locator("input[name=exmail-sheet]").inputValue(), "在职");
  await s.close(p);
});

test("an empty or unknown file is said plainly, in the page's language", async () => {
  const err = await engineError({ exmail: readFileSync(join(INGEST, "empty.csv")), wecom: WECOM_XLSX });
  const p = await s.open();
  const { page } = p;
  await upload(page, { exmail: readFileSync(join(INGEST, "empty.csv")) });
  await page.waitForFunction(() => deep(".rc-drop[data-file=exmail] [role=alert]")?.textContent);
  const text = (await alerts(page)).exmail;
  assert.ok(text.includes(err.messages.zh), text);
  assert.match(text, /[\u4e00-\u9fff]/);
  // Headers nobody knows and no address in any cell: the finding says so in Chinese, and the
  // file's mapping panel opens to map the column by hand.
  await page.setInputFiles("input[type=file][name=exmail]", { name: "x.csv", mimeType: "text/csv",
    buffer: Buffer.from("甲,乙\n张伟,销售\n李娜,市场\n") });
  await page.waitForSelector(".rc-group[data-code=missing-column]");
  assert.match(await page.locator(".rc-group[data-code=missing-column] .rc-group-msg").textContent(), /找不到必需的列「邮箱地址」/);
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "not-importable");
  assert.equal(await page.locator(".rc-drop[data-file=exmail] details.rc-read").getAttribute("open"), "");
  await s.close(p);
});

test("a worker that cannot load: the page says so at once, in its language, instead of waiting", async () => {
  const p = await s.open();
  const { page, context, log } = p;
  await context.route("**/dist/package/worker.js", (route) => route.fulfill({ status: 404, body: "not found" }));
  await page.reload();
  await upload(page);
  await page.waitForFunction(() => deep("[data-alert-for=page]")?.textContent, null, { timeout: 5000 });
  assert.match((await alerts(page)).page, /检查引擎无法启动/);
  assert.equal(await page.locator("[data-count=accounts]").count(), 0);
  // The 404 itself is the only console error; nothing is left unhandled.
  assert.deepEqual(log.errors.filter((e) => !/404|Failed to load/.test(e)), []);
  await s.close(p);
});
