// The 1M-account company in headless Chromium: does the page's worker finish without the tab
// dying, and how long does it take?
//
//   node bench/browser-1m.mjs [--accounts 1000000] [--data target/bench-data]
//        [--synth target/release/roster-synth] [--page auto|www|bench] [--timeout-s 900]
//
// Drives Debian's /usr/bin/chromium with playwright-core (never a downloaded browser). The real
// page (www/index.html) is used when it is there (--page auto), else bench/browser/, a minimal page
// of the same hooks that runs the wasm in a module Worker as www/ does. The files are set on
// input[name=exmail] / input[name=wecom]; the time is from setting them to the summary's account
// count showing the expected number. Prints one JSON line (and a summary on stderr), with the
// memory: the wasm memory (www/: the element's `timing.memory`), each worker's JS heap after a
// GC (CDP `Runtime.getHeapUsage`) and the renderer's peak RSS (Linux `VmHWM`, page and worker).

import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { company } from "./data.mjs";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { workerHeaps } from "../tests/browser/browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const opt = {
  accounts: "1000000",
  data: join(ROOT, "target/bench-data"),
  synth: join(ROOT, "target/release/roster-synth"),
  page: "auto",
  "timeout-s": "900",
};
for (let i = 2; i < process.argv.length; i += 2) opt[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];

const n = Number(opt.accounts);
const { exmail, wecom, bytes: inputBytes } = company(n, opt);

const realPage = existsSync(join(ROOT, "www/index.html")) && existsSync(join(ROOT, "dist/package/worker.js"));
const which = opt.page === "auto" ? (realPage ? "www" : "bench") : opt.page;
const path = which === "www" ? "www/" : "bench/browser/";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

/** The repository root on a free loopback port (as `make serve` serves it). */
async function serveRepo(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep))) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": statSync(file).size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Linux: the most resident memory (VmHWM, bytes) of each Chromium renderer under `pid` (this
 * script: Playwright's launched browser has no process handle) — the
 * page's renderer holds its dedicated worker and the worker's wasm memory. */
function rendererPeaks(pid) {
  const children = new Map();
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(p)]);
    } catch {} // gone meanwhile
  }
  const out = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      try {
        const cmd = readFileSync(`/proc/${c}/cmdline`, "utf8");
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${c}/status`, "utf8"));
        if (cmd.includes("--type=renderer") && hwm) out.push(Number(hwm[1]) * 1024);
      } catch {}
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const server = await serveRepo(ROOT);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const result = { accounts: n, input_bytes: inputBytes, page: path, ok: false };
try {
  const page = await browser.newPage();
  const errors = [];
  let crashed = false;
  page.on("crash", () => (crashed = true));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url + path);
  await page.locator("input[name=exmail]").waitFor({ state: "attached" });

  const accounts = page.locator("[data-count=accounts]").first();
  const t0 = performance.now();
  await page.locator("input[name=exmail]").setInputFiles(exmail);
  await page.locator("input[name=wecom]").setInputFiles(wecom);
  const deadline = Date.now() + Number(opt["timeout-s"]) * 1000;
  // Poll rather than waitForFunction: a dead tab must end the wait, not hang it.
  for (;;) {
    if (crashed) throw new Error("the tab crashed (renderer died)");
    if (Date.now() > deadline) throw new Error(`no summary after ${opt["timeout-s"]} s`);
    const text = (await accounts.textContent({ timeout: 60_000 }).catch(() => "")) ?? "";
    const count = Number(text.replace(/[^\d]/g, ""));
    if (text.trim() && count > 0) {
      result.summary_accounts = count;
      break;
    }
    if (which === "bench") {
      const r = await page.evaluate(() => window.benchResult);
      if (r && r.error) throw new Error(`worker: ${r.error}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  result.total_ms = performance.now() - t0;
  if (which === "www") {
    // The element's own account of the worker's time (ms) and its wasm memory (bytes).
    result.worker_timing = await page.evaluate(() => document.querySelector("roster-check").timing);
    if (result.worker_timing?.memory) result.wasm_memory_bytes = result.worker_timing.memory;
  }
  result.worker_heaps = await workerHeaps(browser).catch((e) => ({ error: e.message }));
  result.renderer_peak_bytes = Math.max(0, ...rendererPeaks(process.pid));
  if (which === "bench") {
    const r = await page.evaluate(() => window.benchResult);
    Object.assign(result, { worker_ms: r.worker_ms, stages: r.stages, wasm_memory_bytes: r.wasm_memory_bytes, summary: r.summary, roster_bytes: r.roster_bytes });
  }
  result.errors = errors;
  result.ok = !crashed && errors.length === 0 && result.summary_accounts > 0;
} catch (e) {
  result.error = e.message;
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(result));
const mbs = (inputBytes / 1e6 / (result.total_ms / 1000)).toFixed(0);
console.error(
  result.ok
    ? `browser-1m: ${path} finished ${result.summary_accounts} accounts in ${(result.total_ms / 1000).toFixed(2)} s (${mbs} MB/s of ${(inputBytes / 1e6).toFixed(0)} MB)` +
        (result.wasm_memory_bytes ? `, wasm memory ${(result.wasm_memory_bytes / 2 ** 20).toFixed(0)} MiB` : "") +
        (Array.isArray(result.worker_heaps) ? `, worker JS heap ${result.worker_heaps.map((w) => (w.usedSize / 2 ** 20).toFixed(1)).join(" + ")} MiB` : "") +
        `, renderer peak RSS ${(result.renderer_peak_bytes / 2 ** 20).toFixed(0)} MiB`
    : `browser-1m: FAILED: ${result.error ?? result.errors.join("; ")}`,
);
process.exit(result.ok ? 0 : 1);
