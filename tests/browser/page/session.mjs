// What every page test needs: one server and one Chromium per test file, fresh pages that
// record requests, dialogs, errors and CSP violations, and the page's common gestures
// (upload, wait for the counts, download, run axe-core).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, ROOT } from "./server.mjs";
import { EXMAIL_GBK, WECOM_ROWS, makeXlsx } from "./fixtures.mjs";

export { ROOT };
export const WECOM_XLSX = makeXlsx(WECOM_ROWS);
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Starts the server and the browser; `end()` stops both. */
export async function startSession() {
  const srv = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const requests = []; // every URL any page asked for
  const violations = []; // CSP violations reported by any page

  /** A fresh page (its own context: storage starts empty unless `storageState` is given). */
  async function open(path = "/www/index.html", viewport = { width: 1366, height: 900 }, { storageState } = {}) {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: "zh-CN", storageState });
    const page = await context.newPage();
    const log = { dialogs: [], errors: [] };
    page.on("request", (r) => requests.push(r.url()));
    context.on("request", (r) => requests.push(r.url())); // workers' requests too
    page.on("dialog", (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    page.on("pageerror", (e) => log.errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
    await page.addInitScript(() => {
      // The element draws in its open shadow root: the tests' lookups go through open roots.
      window.deepAll = (selector, root = document) => {
        const found = [...root.querySelectorAll(selector)];
        for (const el of root.querySelectorAll("*")) if (el.shadowRoot) found.push(...window.deepAll(selector, el.shadowRoot));
        return found;
      };
      window.deep = (selector) => window.deepAll(selector)[0] ?? null;
      window.deepActive = () => {
        let a = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a;
      };
      window.__longTasks = [];
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      try {
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); })
          .observe({ type: "longtask", buffered: true });
      } catch {}
    });
    await page.goto(srv.origin + path);
    return { page, context, log };
  }

  async function close({ page, context }) {
    violations.push(...(await page.evaluate(() => window.__csp).catch(() => [])));
    await context.close();
  }

  async function end() {
    await browser?.close();
    await srv?.close();
  }

  return { srv, browser, requests, violations, open, close, end };
}

/** Waits for a finished check whose accounts count is shown, and returns all counts. */
export async function counts(page) {
  await page.waitForSelector("roster-check:not([busy]) [data-count=accounts]");
  return page.evaluate(() => Object.fromEntries(
    [...deepAll(".rc-tiles [data-count]")].map((e) => [e.dataset.count, e.textContent])));
}

/** Chooses the files as a person does (WeCom first, so the check runs once, on the Exmail file). */
export async function upload(page, { exmail = EXMAIL_GBK, wecom = WECOM_XLSX, roster = null } = {}) {
  const file = (name, buffer, mimeType) => ({ name, mimeType, buffer });
  if (wecom) {
    await page.setInputFiles("input[type=file][name=wecom]", file("企业微信通讯录.xlsx", wecom,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
  }
  if (roster) await page.setInputFiles("input[type=file][name=roster]", file("roster.csv", roster, "text/csv"));
  await page.setInputFiles("input[type=file][name=exmail]", file("exmail-gbk.csv", exmail, "text/csv"));
}

/** The text of every non-empty alert of the page, by where it sits (`data-alert-for`). */
export function alerts(page) {
  return page.evaluate(() => Object.fromEntries([...deepAll("[role=alert]")]
    .filter((e) => e.textContent.trim())
    .map((e) => [e.dataset.alertFor || "page", e.textContent.trim()])));
}

/** Clicks a download button (and, with `confirm`, the OK of the confirm step the page shows
 * first); the file's bytes, or the page's own error message as a failure. */
export async function download(page, name, { confirm = false } = {}) {
  const failed = page.waitForFunction(() => [...deepAll("[role=alert]")]
    .map((e) => e.textContent).join(""), null, { timeout: 60_000 })
    .then(async (h) => { throw new Error(`page says: ${await h.jsonValue()}`); });
  const got = page.waitForEvent("download", { timeout: 60_000 });
  await page.evaluate(() => { for (const e of deepAll("[role=alert]")) e.textContent = ""; });
  await page.click(`button[name=${name}]`);
  if (confirm) await page.click("dialog[data-confirm][open] button[name=confirm-ok]");
  const dl = await Promise.race([got, failed]);
  failed.catch(() => {});
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** axe-core's critical and serious violations on the page as it is now. Injected as text
 * through `evaluate`: the page's CSP refuses inline script elements, not the driver's eval. */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
}
