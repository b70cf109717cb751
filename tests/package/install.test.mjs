// The npm package where embedders put it, each from the tarball `make package` wrote, in scratch
// projects under target/package-tests/ (outside the repository's own folders):
//
//   (a) unbundled: the unpacked files in a static folder under a subpath, one <script type=module>
//   (b) bundled: a throwaway app built by Vite (pinned in package.json) importing roster-check/element
//   (c) Node: `import { initSync, check } from "roster-check"` after `npm install ./…tgz`
//   (d) TypeScript: tsc --noEmit --strict under a bundler app's usual settings
//
// (a) and (b) check the sample company in headless Chromium; every count and report byte is the
// native command line's.
//
//   node --test tests/package/install.test.mjs        (needs `make package` and target/debug/roster-check)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, serveRepo } from "../browser/browser.mjs";
import { ROOT, TARBALL, VERSION, bin, installed, nativeSample, pick, run, scratch, shownCounts, unpack } from "./helpers.mjs";

let browser;
const sample = nativeSample();
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Opens `url` in a fresh page; the element's counts once the sample is checked, every request
 * made, and the page's errors. */
async function checkSampleAt(url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  const counts = await shownCounts(page);
  const alerts = await page.locator("[role=alert]").allTextContents();
  const title = await page.locator("h1").last().textContent();
  await context.close();
  return { counts, requests, errors, title, alerts: alerts.filter((t) => t.trim()) };
}

test("the tarball: version from Cargo.toml, no dependencies, exports with types, everything the element loads inside", () => {
  const files = run("tar", ["-tzf", TARBALL]).stdout.trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  const pkg = JSON.parse(run("tar", ["-xzOf", TARBALL, "package/package.json"]).stdout);
  assert.equal(pkg.name, "roster-check");
  assert.equal(pkg.version, VERSION);
  assert.equal(pkg.type, "module");
  assert.equal(pkg.license, "MIT");
  for (const k of ["dependencies", "peerDependencies", "optionalDependencies", "scripts"]) assert.equal(pkg[k], undefined, k);
  assert.deepEqual(pkg.exports["."], { types: "./roster_check.d.ts", default: "./roster_check.js" });
  assert.deepEqual(pkg.exports["./element"], { types: "./element.d.ts", default: "./element.js" });
  assert.deepEqual(pkg.sideEffects, ["./element.js"]);
  for (const f of ["element.js", "element.d.ts", "worker.js", "roster_check.js", "roster_check.d.ts", "roster_check_bg.wasm",
    "sample/exmail.csv", "sample/wecom.xlsx", "sample/roster.csv", "README.md", "package.json"]) {
    assert.ok(files.includes(f), `${f} is not in the tarball: ${files.join(" ")}`);
  }
  // The snippets the module imports, and no other (wasm-bindgen leaves old ones in pkg/).
  const glue = run("tar", ["-xzOf", TARBALL, "package/roster_check.js"]).stdout;
  const imported = [...glue.matchAll(/from ['"]\.\/(snippets\/[^'"]+)['"]/g)].map((m) => m[1]).sort();
  assert.ok(imported.length > 0);
  assert.deepEqual(files.filter((f) => f.startsWith("snippets/")), imported);
  assert.deepEqual(files.filter((f) => /^lang-/.test(f)).map((f) => f.replace(/-\w+\.js$/, "")), ["lang-en", "lang-zh-TW"], "the English and Traditional Chinese chunks");
  assert.deepEqual(files.filter((f) => !/^(element|worker|roster_check)\.|^lang-(en|zh-TW)-\w+\.js$|^snippets\/|^sample\/|^README\.md$|^package\.json$|^roster_check_bg\.wasm$/.test(f)), []);
  // What a bundler follows: the worker and the wasm, each as a literal URL beside the script.
  const dir = unpack(join(scratch("contents"), "pkg"));
  assert.match(readFileSync(join(dir, "element.js"), "utf8"), /new Worker\(new URL\("\.\/worker\.js",import\.meta\.url\),\{type:"module"\}\)/);
  assert.match(readFileSync(join(dir, "worker.js"), "utf8"), /new URL\("roster_check_bg\.wasm",import\.meta\.url\)/);
  // Nothing points outside the package (the old element's ../pkg/ and ../samples/).
  for (const f of ["element.js", "worker.js"]) assert.doesNotMatch(readFileSync(join(dir, f), "utf8"), /\.\.\//, f);
  assert.match(readFileSync(join(dir, "README.md"), "utf8"), new RegExp(`"version": 1`), "the README names the report version");
});

test("(c) Node: a project that installed the tarball imports { initSync, check } and gets the CLI's report", () => {
  const dir = installed("node");
  writeFileSync(join(dir, "check.mjs"), `
import { initSync, check, version } from "roster-check";
import { readFileSync } from "node:fs";
initSync({ module: readFileSync(new URL(import.meta.resolve("roster-check/roster_check_bg.wasm"))) });
const sample = (name) => readFileSync(new URL("./node_modules/roster-check/sample/" + name, import.meta.url));
const run = check({ exmail: sample("exmail.csv"), wecom: sample("wecom.xlsx"), roster: sample("roster.csv"), options: {} });
console.log(JSON.stringify({ version: version(), report: run.reportJson() }));
run.free();
`);
  const out = JSON.parse(run("node", ["check.mjs"], { cwd: dir }).stdout);
  assert.equal(out.report, sample.json.trimEnd(), "the report JSON is the CLI's, byte for byte");
  assert.equal(out.version, VERSION, "the engine names the package's version");
  assert.deepEqual(readdirSync(join(dir, "node_modules")).filter((d) => !d.startsWith(".")), ["roster-check"], "nothing else installed");
});

const APP_TS = `
import init, { check, initSync, type CheckError, type Report } from "roster-check";
import { RosterCheck, type RosterCheckExportDetail } from "roster-check/element";

export async function accounts(exmail: Uint8Array, wecom: Uint8Array | null): Promise<number> {
  await init();
  const run = check({ exmail, wecom, roster: null, options: { path: wecom ? "bind" : "new", lang: "en" } });
  try {
    const report: Report = run.report();
    const roster: Uint8Array = run.exportRoster({ format: "xlsx" });
    return report.summary.accounts + roster.length * 0;
  } catch (err) {
    throw new Error((err as CheckError).messages?.zh ?? String(err));
  } finally {
    run.free();
  }
}
export const sync = (wasm: ArrayBuffer) => initSync({ module: wasm });

const el = document.querySelector("roster-check");
el?.addEventListener("result", (e) => console.log(e.detail.importable, e.detail.accounts));
el?.addEventListener("export", (e) => { const d: RosterCheckExportDetail = e.detail; console.log(d.kind); });
el?.addEventListener("check-error", (e) => console.log(e.detail.file, e.detail.code));
const made: RosterCheck = document.createElement("roster-check");
made.setAttribute("path", "new");
void made.loadSample();
// @ts-expect-error: the summary has no such count (the types are the report's, not any)
el?.addEventListener("result", (e) => e.detail.nonsense);
// @ts-expect-error: exmail is required
check({ wecom: null });
`;
const TSCONFIG = (lib) => JSON.stringify({
  compilerOptions: { target: "ES2022", lib, module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true,
    skipLibCheck: false, types: [] },
  include: ["*.ts"],
});

test("(d) TypeScript: the API and the element type-check with tsc --strict, ES2022 + DOM, no skipLibCheck", () => {
  const dir = installed("typescript");
  writeFileSync(join(dir, "app.ts"), APP_TS);
  writeFileSync(join(dir, "tsconfig.json"), TSCONFIG(["ES2022", "DOM", "DOM.Iterable"]));
  run(bin("tsc"), ["-p", dir]);
});

test("(d) TypeScript: why the package's declarations drop [Symbol.dispose]: wasm-bindgen's own need lib esnext.disposable", () => {
  // The same app against pkg/'s untouched declarations: refused under ES2022 + DOM, accepted
  // once the lib is added (what an app using pkg/ directly would have to do).
  const dir = scratch("typescript-raw");
  mkdirSync(join(dir, "node_modules/roster-check"), { recursive: true });
  cpSync(join(ROOT, "dist/package"), join(dir, "node_modules/roster-check"), { recursive: true });
  cpSync(join(ROOT, "pkg/roster_check.d.ts"), join(dir, "node_modules/roster-check/roster_check.d.ts"));
  writeFileSync(join(dir, "app.ts"), APP_TS);
  writeFileSync(join(dir, "tsconfig.json"), TSCONFIG(["ES2022", "DOM", "DOM.Iterable"]));
  const refused = run("sh", ["-c", `${bin("tsc")} -p . || true`], { cwd: dir }).stdout;
  assert.match(refused, /roster_check\.d\.ts.*error TS\d+:.*'dispose'/);
  writeFileSync(join(dir, "tsconfig.json"), TSCONFIG(["ES2022", "DOM", "DOM.Iterable", "esnext.disposable"]));
  run(bin("tsc"), ["-p", dir]);
});

test("(b) bundled: a Vite app importing roster-check/element emits the worker and the wasm, and checks the sample", async () => {
  const dir = installed("vite-app");
  writeFileSync(join(dir, "index.html"), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A reseller's app</title>
<script type="module" src="./main.js"></script></head>
<body><h1>Upgrade helper</h1><roster-check lang="en" sample></roster-check></body></html>
`);
  writeFileSync(join(dir, "main.js"), `import "roster-check/element";\n`);
  run(bin("vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const assets = readdirSync(join(dir, "dist/assets"));
  assert.ok(assets.some((f) => /^roster_check_bg-.+\.wasm$/.test(f)), `no wasm emitted: ${assets}`);
  assert.ok(assets.some((f) => /^worker-.+\.js$/.test(f)), `no worker emitted: ${assets}`);
  assert.ok(assets.some((f) => /^wecom-.+\.xlsx$/.test(f)), `no sample emitted: ${assets}`);
  const server = await serveRepo(join(dir, "dist"));
  try {
    const got = await checkSampleAt(server.url);
    assert.deepEqual(got.counts, pick(sample.summary));
    assert.deepEqual(got.errors, []);
    assert.deepEqual(got.alerts, []);
    assert.ok(got.requests.some((u) => /\/assets\/roster_check_bg-.+\.wasm$/.test(u)), "the wasm came from the app's assets");
    // English: its chunk, emitted by Vite and loaded when the element starts in English.
    assert.equal(got.title, "Mail roster check");
    assert.ok(got.requests.some((u) => /\/assets\/lang-en-.+\.js$/.test(u)), "the English chunk was loaded");
  } finally {
    await server.close();
  }
});

test("(a) unbundled: the unpacked package in a static folder under a subpath, one <script type=module>", async () => {
  const root = scratch("static");
  unpack(join(root, "shop/tools/vendor/roster-check"));
  writeFileSync(join(root, "shop/tools/upgrade.html"), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A reseller's page</title>
<script type="module" src="vendor/roster-check/element.js"></script></head>
<body><h1>Upgrade helper</h1><roster-check sample></roster-check></body></html>
`);
  const server = await serveRepo(root);
  try {
    const got = await checkSampleAt(`${server.url}shop/tools/upgrade.html`);
    assert.deepEqual(got.counts, pick(sample.summary));
    assert.deepEqual(got.errors, []);
    assert.deepEqual(got.alerts, []);
    const paths = got.requests.map((u) => new URL(u).pathname);
    assert.deepEqual(paths.filter((p) => p !== "/shop/tools/upgrade.html" && !p.startsWith("/shop/tools/vendor/roster-check/")), [],
      "everything the element loads comes from its own folder");
    for (const f of ["element.js", "worker.js", "roster_check_bg.wasm", "sample/exmail.csv"]) {
      assert.ok(paths.includes(`/shop/tools/vendor/roster-check/${f}`), `${f} was not loaded`);
    }
    // A Simplified Chinese page does not download the English texts.
    assert.equal(got.title, "邮箱名单检查");
    assert.deepEqual(paths.filter((p) => /lang-/.test(p)), [], "no language chunk");
    assert.ok(!existsSync(join(root, "shop/tools/vendor/roster-check/www")));
  } finally {
    await server.close();
  }
});
