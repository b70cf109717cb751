// The packaged element (dist/package/, as the tarball holds it) inside host pages that are not
// ours, in headless Chromium: a hostile stylesheet (Tailwind's preflight from the pinned npm
// package, global `*`, `button`, `table` rules, `html { font-size: 10px }`) changes nothing
// inside it; a host may theme it through --rc-* and ::part; the strict CSP a host page may
// have (no 'unsafe-inline', no 'wasm-unsafe-eval') is enough, and what the worker's own
// response needs when a server sends one CSP header on everything; served from another origin;
// several elements on one page, and one taken off the page ends its worker.
//
//   node --test tests/browser/host.test.mjs          (needs `make build` and target/debug/roster-check)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { launchChromium, serveRepo } from "./browser.mjs";
import { ROOT } from "../js/helpers.mjs";
import { EXMAIL_GBK } from "./page/fixtures.mjs";
import { WECOM_XLSX } from "./page/session.mjs";
import { nativeSample, pick } from "../package/helpers.mjs";

const HOST = join(ROOT, "target/package-tests/host");
const STRICT = "default-src 'self'; script-src 'self'; style-src 'self'";
const sample = pick(nativeSample().summary);
let browser;

/** Tailwind's preflight as an app ships it: `--theme(--x, fallback)` is what Tailwind's
 * compiler replaces; without a theme, by its fallback. */
function preflight() {
  const css = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/preflight.css"), "utf8");
  return css.replace(/--theme\(\s*--[\w-]+\s*,\s*([\s\S]*?)\)(?=\s*;|\s*\/\*)/g, "$1");
}

const HOSTILE = `
html { font-size: 10px; }
*, *::before, *::after { box-sizing: content-box !important; }
* { font-family: "Courier New", monospace; color: #c0f; line-height: 3; letter-spacing: 2px; text-transform: uppercase;
  text-align: right; word-spacing: 8px; font-style: italic; cursor: crosshair; }
button { background: hotpink !important; border: 6px dashed lime; padding: 20px; font-size: 30px; border-radius: 0; }
table, thead, tr, td, th, div, section, details, summary { border: 3px solid red; padding: 10px; margin: 5px; }
input, select { width: 50px; height: 60px; font-size: 25px; }
h1, h2, p, span, label { font-size: 40px; margin: 30px; }
dialog { background: black; color: white; }
`;

/** A page of the host site: `head` goes in <head> before the element's one script. */
function page(name, { head = "", body = "<roster-check sample></roster-check>" } = {}) {
  writeFileSync(join(HOST, name), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>host ${name}</title>
${head}
<script type="module" src="/vendor/roster-check/element.js"></script>
</head><body>${body}</body></html>
`);
}

before(async () => {
  rmSync(HOST, { recursive: true, force: true });
  mkdirSync(HOST, { recursive: true });
  cpSync(join(ROOT, "dist/package"), join(HOST, "vendor/roster-check"), { recursive: true });
  writeFileSync(join(HOST, "favicon.ico"), "");
  writeFileSync(join(HOST, "hostile.css"), preflight() + HOSTILE);
  // The host's box is the same on both pages (width, no margin): only what is inside may differ.
  writeFileSync(join(HOST, "frame.css"), "body { margin: 0 !important; } roster-check { width: 1200px; margin: 0 !important; padding: 0 !important; border: 0 !important; }\n");
  writeFileSync(join(HOST, "theme.css"), "roster-check { --rc-accent: rgb(1, 2, 3); } roster-check::part(primary) { border-radius: 0px; }\n");
  writeFileSync(join(HOST, "green.css"), "p { color: rgb(0, 128, 0); }\n");
  page("plain.html", { head: `<link rel="stylesheet" href="frame.css">` });
  page("hostile.html", { head: `<link rel="stylesheet" href="hostile.css"><link rel="stylesheet" href="frame.css">` });
  page("themed.html", { head: `<link rel="stylesheet" href="theme.css">` });
  page("strict.html", { head: `<meta http-equiv="Content-Security-Policy" content="${STRICT}">` });
  page("two.html", { body: `<roster-check sample></roster-check><roster-check></roster-check>` });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A fresh page at `url` recording errors and CSP violations; `counts(i)` reads element i's counts. */
async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN", acceptDownloads: true });
  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await tab.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await tab.goto(url);
  const counts = async (i = 0) => {
    const el = tab.locator("roster-check").nth(i);
    await el.locator("[data-count=accounts]").waitFor({ timeout: 60_000 });
    await tab.waitForFunction((n) => !document.querySelectorAll("roster-check")[n].hasAttribute("busy"), i);
    return el.evaluate((host) => Object.fromEntries(["accounts", "member", "other", "unassigned"]
      .map((k) => [k, Number(host.shadowRoot.querySelector(`[data-count=${k}]`).textContent)])));
  };
  const alerts = (i = 0) => tab.locator("roster-check").nth(i).evaluate((host) =>
    [...host.shadowRoot.querySelectorAll("[role=alert]")].map((e) => e.textContent.trim()).filter(Boolean));
  return { tab, context, errors, counts, alerts, csp: () => tab.evaluate(() => window.__csp) };
}

// Inside the element: the parts a person sees, and what decides how they look.
const PARTS = [".rc", "h1", "h2", ".rc-privacy", ".rc-drop", "label.rc-pick", "button[name=sample]", "button[name=check]",
  "input[name=advanced_quota]", "select[name=roster-format]", ".rc-state", ".rc-tile", ".rc-num", ".rc-group summary",
  ".rc-table", ".rc-tr.rc-th", ".rc-vspacer .rc-tr[data-email] .rc-td", "button[name=settle]", "input[name=search]"];
const PROPS = ["font-family", "font-size", "font-style", "line-height", "letter-spacing", "word-spacing", "text-transform",
  "text-align", "color", "background-color", "box-sizing", "padding-top", "padding-left", "border-top-width",
  "border-top-style", "border-top-color", "margin-top", "width", "height", "cursor"];

async function looks(url) {
  const p = await open(url);
  assert.deepEqual(await p.counts(), sample);
  await p.tab.locator(".rc-vspacer .rc-tr[data-email]").first().waitFor();
  const styles = await p.tab.evaluate(([parts, props]) => {
    const root = document.querySelector("roster-check").shadowRoot;
    return Object.fromEntries(parts.map((sel) => {
      const el = root.querySelector(sel);
      if (!el) return [sel, null];
      const cs = getComputedStyle(el);
      return [sel, Object.fromEntries(props.map((k) => [k, cs.getPropertyValue(k)]))];
    }));
  }, [PARTS, PROPS]);
  const { width, height } = await p.tab.locator("roster-check").boundingBox(); // not x, y: the page scrolls to the result
  const box = { width, height };
  const host = await p.tab.locator("roster-check").evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).fontFamily]);
  // The status line says how long the check took: the one thing meant to differ.
  const shot = await p.tab.locator("roster-check").screenshot({ mask: [p.tab.locator(".rc-status")] });
  await p.context.close();
  return { styles, box, shot, host, errors: p.errors };
}

test("a hostile host stylesheet (Tailwind's preflight, *, button, table, html 10px) changes nothing inside the element", async () => {
  const base = `${(await serve()).url}`;
  const plain = await looks(`${base}plain.html`);
  const hostile = await looks(`${base}hostile.html`);
  for (const sel of PARTS) assert.ok(plain.styles[sel], `${sel}: not found in the element`);
  assert.deepEqual(hostile.styles, plain.styles);
  assert.deepEqual(hostile.box, plain.box);
  mkdirSync(join(ROOT, "artifacts"), { recursive: true });
  writeFileSync(join(ROOT, "artifacts/host-plain.png"), plain.shot);
  writeFileSync(join(ROOT, "artifacts/host-hostile.png"), hostile.shot);
  assert.ok(hostile.shot.equals(plain.shot), "the element's screenshots differ");
  // And the sheet is hostile: on the element itself (the host page's side) it does apply.
  assert.deepEqual(hostile.host, ["rgb(204, 0, 255)", '"Courier New", monospace']);
  assert.notDeepEqual(plain.host, hostile.host);
  assert.deepEqual([...plain.errors, ...hostile.errors], []);
  await stopServer();
});

test("the host themes the element through --rc-* custom properties and ::part", async () => {
  const base = (await serve()).url;
  const read = async (url) => {
    const p = await open(url);
    const got = await p.tab.locator("button[name=check]").evaluate((b) => {
      const cs = getComputedStyle(b);
      return { bg: cs.backgroundColor, radius: cs.borderTopLeftRadius, part: b.getAttribute("part") };
    });
    await p.context.close();
    return got;
  };
  const plain = await read(`${base}plain.html`);
  const themed = await read(`${base}themed.html`);
  assert.deepEqual(plain, { bg: "rgb(11, 98, 214)", radius: "6px", part: "button primary" });
  assert.deepEqual(themed, { bg: "rgb(1, 2, 3)", radius: "0px", part: "button primary" });
  await stopServer();
});

test(`a host page with CSP "${STRICT}" (no 'unsafe-inline', no 'wasm-unsafe-eval'): checks, styles, downloads, no violation`, async () => {
  const base = (await serve()).url;
  const p = await open(`${base}strict.html`);
  assert.deepEqual(await p.counts(), sample);
  // Styled: the constructed stylesheet applies under style-src 'self'.
  assert.equal(await p.tab.locator("h1").evaluate((h) => getComputedStyle(h).fontSize), "24px");
  const dl = p.tab.waitForEvent("download");
  await p.tab.click("button[name=download-roster]");
  await p.tab.click("dialog[data-confirm=download-roster][open] button[name=confirm-ok]");
  assert.match((await dl).suggestedFilename(), /邮箱名单\.csv/);
  assert.deepEqual(await p.csp(), []);
  assert.deepEqual(p.errors, []);
  await p.context.close();
  await stopServer();
});

// What the element itself needs of the page's policy: its scripts (script-src, which worker-src
// falls back to), and connect-src for the sample company's files; styles need nothing.
const MINIMAL = "default-src 'none'; script-src 'self'";
test(`the minimal host policy: "${MINIMAL}" for the user's files, and connect-src 'self' for the sample`, async () => {
  writeFileSync(join(HOST, "minimal.html"), `<!doctype html><meta charset="utf-8"><title>minimal</title>
<meta http-equiv="Content-Security-Policy" content="${MINIMAL}">
<script type="module" src="/vendor/roster-check/element.js"></script><roster-check></roster-check>`);
  writeFileSync(join(HOST, "minimal-sample.html"), `<!doctype html><meta charset="utf-8"><title>minimal</title>
<meta http-equiv="Content-Security-Policy" content="${MINIMAL}; connect-src 'self'">
<script type="module" src="/vendor/roster-check/element.js"></script><roster-check sample></roster-check>`);
  const base = (await serve()).url;
  let p = await open(`${base}minimal.html`);
  await p.tab.setInputFiles("input[name=wecom]", { name: "wecom.xlsx", mimeType: "application/octet-stream", buffer: WECOM_XLSX });
  await p.tab.setInputFiles("input[name=exmail]", { name: "exmail.csv", mimeType: "text/csv", buffer: EXMAIL_GBK });
  assert.equal((await p.counts()).accounts, 6);
  assert.equal(await p.tab.locator("h1").evaluate((h) => getComputedStyle(h).fontSize), "24px", "styled with style-src 'none'");
  const dl = p.tab.waitForEvent("download");
  await p.tab.click("button[name=download-report]");
  assert.match((await dl).suggestedFilename(), /检查结果\.csv/);
  assert.deepEqual(await p.csp(), []);
  assert.deepEqual(p.errors, []);
  await p.context.close();
  p = await open(`${base}minimal-sample.html`);
  assert.deepEqual(await p.counts(), sample);
  assert.deepEqual(await p.csp(), []);
  await p.context.close();
  await stopServer();
});

test("under style-src 'self': adoptedStyleSheets and a same-origin <link> style a shadow root; a <style> element is refused", async () => {
  writeFileSync(join(HOST, "probe.js"), `
const sheet = new CSSStyleSheet();
sheet.replaceSync("p { color: rgb(0, 128, 0); }");
const make = (fill) => {
  const host = document.body.appendChild(document.createElement("div"));
  const root = host.attachShadow({ mode: "open" });
  fill(root);
  root.append(Object.assign(document.createElement("p"), { textContent: "x" }));
  return root;
};
const roots = {
  adopted: make((r) => { r.adoptedStyleSheets = [sheet]; }),
  style: make((r) => { r.append(Object.assign(document.createElement("style"), { textContent: "p { color: rgb(0, 128, 0); }" })); }),
  link: make((r) => { r.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: "/green.css" })); }),
};
window.probe = () => Object.fromEntries(Object.entries(roots).map(([k, r]) => [k, getComputedStyle(r.querySelector("p")).color]));
`);
  writeFileSync(join(HOST, "probe.html"), `<!doctype html><meta charset="utf-8"><title>probe</title>
<meta http-equiv="Content-Security-Policy" content="${STRICT}"><script type="module" src="/probe.js"></script><body></body>`);
  const base = (await serve()).url;
  const p = await open(`${base}probe.html`);
  await p.tab.waitForFunction(() => window.probe && window.probe().link === "rgb(0, 128, 0)");
  const got = await p.tab.evaluate(() => window.probe());
  assert.deepEqual(got, { adopted: "rgb(0, 128, 0)", style: "rgb(0, 0, 0)", link: "rgb(0, 128, 0)" });
  assert.deepEqual((await p.csp()).map((v) => v.split(" ")[0]), ["style-src-elem"]);
  await p.context.close();
  await stopServer();
});

test("one CSP header on every response: the worker runs under its own response's policy, which needs 'wasm-unsafe-eval'", async () => {
  // The page's policy as above, sent as a header on everything, worker.js included: the wasm
  // may not compile in the worker, and the element says so in its error box.
  let base = (await serve({ headers: () => ({ "content-security-policy": STRICT }) })).url;
  let p = await open(`${base}plain.html`);
  await p.tab.locator("roster-check [role=alert]").filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
  // Said in the page's language, with what the site must change (not the browser's English).
  const said = (await p.alerts()).join("\n");
  assert.match(said, /^浏览器拒绝编译检查引擎（WebAssembly）：.*'wasm-unsafe-eval'/m);
  assert.doesNotMatch(said, /violates|Failed to fetch/);
  assert.equal(await p.tab.locator("[data-count=accounts]").count(), 0);
  await p.context.close();
  await stopServer();
  // The worker script's response with 'wasm-unsafe-eval' (every other response as strict): it works.
  base = (await serve({ headers: (path) => ({ "content-security-policy": path.endsWith("/worker.js")
    ? `${STRICT.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")}` : STRICT }) })).url;
  p = await open(`${base}plain.html`);
  assert.deepEqual(await p.counts(), sample);
  assert.deepEqual(await p.csp(), []);
  await p.context.close();
  await stopServer();
  // The worker's response allowing the wasm to compile but not to be fetched (no connect-src):
  // said too, in the page's language.
  base = (await serve({ headers: (path) => ({ "content-security-policy": path.endsWith("/worker.js")
    ? "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'" : STRICT }) })).url;
  p = await open(`${base}plain.html`);
  await p.tab.locator("roster-check [role=alert]").filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
  const unreachable = (await p.alerts()).join("\n");
  assert.match(unreachable, /^无法下载检查引擎（roster_check_bg\.wasm）：.*connect-src/m);
  assert.doesNotMatch(unreachable, /Failed to fetch/);
  await p.context.close();
  await stopServer();
});

test("served from another origin (a CDN): a blob worker under the host page's policy, which then needs worker-src blob: and the CDN, and 'wasm-unsafe-eval'", async () => {
  const cdn = await serveRepo(join(HOST, "vendor"), { headers: () => ({ "access-control-allow-origin": "*" }) });
  const origin = cdn.url.replace(/\/$/, "");
  const policy = (wasm) => `default-src 'self'; script-src 'self' ${origin}${wasm ? " 'wasm-unsafe-eval'" : ""}; worker-src blob: ${origin}; connect-src 'self' ${origin}; style-src 'self'`;
  for (const wasm of [true, false]) {
    writeFileSync(join(HOST, "cdn.html"), `<!doctype html><meta charset="utf-8"><title>cdn</title>
<meta http-equiv="Content-Security-Policy" content="${policy(wasm)}">
<script type="module" src="${cdn.url}roster-check/element.js"></script><roster-check sample></roster-check>`);
    const base = (await serve()).url;
    const p = await open(`${base}cdn.html`);
    if (wasm) {
      assert.deepEqual(await p.counts(), sample);
      assert.deepEqual(p.errors, []);
    } else {
      await p.tab.locator("roster-check [role=alert]").filter({ hasText: /\S/ }).first().waitFor({ timeout: 30_000 });
      assert.match((await p.alerts()).join("\n"), /^浏览器拒绝编译检查引擎（WebAssembly）/m);
    }
    await p.context.close();
    await stopServer();
  }
  await cdn.close();
});

test("two elements on one page check independently; one taken off the page ends its worker, and back on it starts another", async () => {
  const base = (await serve()).url;
  const p = await open(`${base}two.html`);
  const { tab } = p;
  const second = tab.locator("roster-check").nth(1);
  await second.locator("input[name=wecom]").setInputFiles({ name: "wecom.xlsx", mimeType: "application/octet-stream", buffer: WECOM_XLSX });
  await second.locator("input[name=exmail]").setInputFiles({ name: "exmail.csv", mimeType: "text/csv", buffer: EXMAIL_GBK });
  assert.deepEqual(await p.counts(0), sample);
  const other = await p.counts(1);
  assert.equal(other.accounts, 6);
  assert.notDeepEqual(other, sample);
  assert.equal(tab.workers().length, 2, "one worker per element");
  // Counts each check's `result` event per element, to wait for a check that ran after a step.
  await tab.evaluate(() => {
    window.__results = [0, 0];
    document.querySelectorAll("roster-check").forEach((el, i) => el.addEventListener("result", () => window.__results[i]++));
  });
  // Off the page: its worker ends.
  const closed = new Promise((resolve) => { for (const w of tab.workers()) w.once("close", () => resolve(w)); });
  await tab.evaluate(() => { window.__first = document.querySelector("roster-check"); window.__first.remove(); });
  await closed;
  assert.equal(tab.workers().length, 1);
  // The other goes on: checked again, same counts.
  await tab.locator("roster-check button[name=check]").click();
  await tab.waitForFunction(() => window.__results[1] === 1);
  assert.deepEqual(await p.counts(0), other);
  // Moved within the page (removed and inserted in one task): it keeps its worker.
  await tab.evaluate(() => { const el = document.querySelector("roster-check"); document.body.append(el); });
  await tab.waitForTimeout(300);
  assert.equal(tab.workers().length, 1);
  // Back on the page: a new worker, given the files again.
  await tab.evaluate(() => document.body.prepend(window.__first));
  await tab.waitForFunction(() => window.__results[0] === 1);
  assert.deepEqual(await p.counts(0), sample);
  assert.equal(tab.workers().length, 2);
  assert.deepEqual(await p.alerts(0), []);
  assert.deepEqual(p.errors, []);
  await p.context.close();
  await stopServer();
});

// One host server at a time, started by each test with the headers it needs.
let server = null;
async function serve(options) {
  server = await serveRepo(HOST, options);
  return server;
}
async function stopServer() {
  await server?.close();
  server = null;
}
