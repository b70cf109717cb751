// One small interface over three browser engines, so the person-level tests are written once:
//
//   chromium  Debian's Chromium through playwright-core (as tests/browser/ does)
//   firefox   Debian's Firefox ESR through puppeteer-core, WebDriver BiDi, headless
//   webkit    Debian's WebKitGTK MiniBrowser through WebKitWebDriver (W3C WebDriver over HTTP,
//             tests/engines/webdriver.mjs), in its own Xvfb
//
//   const engine = await launchEngine("firefox");     // engine.version: what ran, for the record
//   const page = await engine.open(url);              // a fresh page with its own storage
//   await page.evaluate((rc, a) => rc.counts(), a);   // rc: tests/engines/in-page.mjs
//   await page.waitFor((rc) => rc.counts(), [], "the counts");
//   await page.setFile((rc, k) => rc.deepAll(`input[name=${k}]`)[0], ["exmail"], "/abs/path.csv");
//   await page.click((rc) => rc.byRole("button", "下载")[0]);
//   await page.close(); await engine.close();
//
// Functions handed to a page run there, not in Node: they get `rc` and JSON arguments only.
// Every driver call has a timeout, so a hung driver fails the test instead of hanging `make test`.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { launchChromium } from "../browser/browser.mjs";
import { pageHelpers } from "./in-page.mjs";
import { ELEMENT_KEY, startWebKitDriver } from "./webdriver.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];
export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const VIEWPORT = { width: 1366, height: 900 };
/** The longest any single driver call may take. */
export const CALL_TIMEOUT_MS = 20_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The script that runs `fn(rc, ...args)` in the page and yields its (awaited) result. */
function script(fn, args) {
  return `(async () => { const rc = (${pageHelpers})(); return (${fn})(rc, ...${JSON.stringify(args)}); })()`;
}

/**
 * What every engine's page offers on top of its three primitives: `run(expression)` → JSON
 * value, `handle(expression)` → an element handle or null, and `setFile`/`click` on a handle.
 */
function pageApi({ run, handle, setFile, click, close }) {
  const page = {
    evaluate: (fn, ...args) => within(CALL_TIMEOUT_MS, "evaluate", run(script(fn, args))),

    /** Polls `fn` until it returns something truthy; fails after `timeout` with its last value. */
    async waitFor(fn, args = [], what = String(fn), timeout = 30_000) {
      const deadline = Date.now() + timeout;
      let last;
      for (;;) {
        last = await page.evaluate(fn, ...args);
        if (last) return last;
        if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}; last: ${JSON.stringify(last)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },

    /** The element `fn` finds, waiting for it to appear. */
    async element(fn, args = [], what = String(fn), timeout = 30_000) {
      // Composed in Node, not with eval in the page: the page's CSP forbids eval.
      await page.waitFor(`(rc, ...args) => Boolean((${fn})(rc, ...args))`, args, what, timeout);
      const found = await within(CALL_TIMEOUT_MS, `find ${what}`, handle(script(fn, args)));
      if (!found) throw new Error(`${what}: gone before it could be used`);
      return found;
    },

    /** Chooses `path` in the file input `fn` finds, as a person picking a file does. */
    async setFile(fn, args, path, what = "a file input") {
      const el = await page.element(fn, args, what);
      await within(CALL_TIMEOUT_MS, `choose ${path} in ${what}`, setFile(el, path));
    },

    /**
     * Clicks the element `fn` finds (a real click, at its place on screen) once it stands still.
     * A click that provably landed elsewhere (the page scrolled under the pointer) is aimed
     * again, as a person would; one that reached the element is never repeated.
     */
    async click(fn, args = [], what = "an element") {
      let landed = null;
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.waitFor(`async (rc, ...args) => { const el = (${fn})(rc, ...args);
          return Boolean(el) && (await rc.stable(el)) && (rc.armClick(el), true); }`, args, `${what} to stand still`);
        const el = await page.element(fn, args, what);
        await within(CALL_TIMEOUT_MS, `click ${what}`, click(el));
        // The click event is dispatched before the driver's call returns in all three engines.
        landed = await page.evaluate((rc) => rc.clickLanded());
        if (landed === "target") return;
        console.log(`click ${what}: landed on ${landed ?? "nothing"}; aimed again`);
      }
      throw new Error(`click ${what}: landed on ${landed ?? "nothing"} three times`);
    },

    close: () => within(CALL_TIMEOUT_MS, "close the page", close()),
  };
  return page;
}

/** After navigation, the listeners and download catcher of in-page.mjs go in before any action. */
async function ready(page) {
  await page.evaluate((rc) => rc.install());
  return page;
}

async function launchChromiumEngine() {
  const browser = await launchChromium();
  return {
    name: "chromium",
    version: `Chromium ${browser.version()}`,
    async open(url) {
      const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
      const tab = await context.newPage();
      tab.setDefaultTimeout(CALL_TIMEOUT_MS);
      await tab.goto(url);
      return ready(pageApi({
        run: (expression) => tab.evaluate(expression),
        handle: async (expression) => (await tab.evaluateHandle(expression)).asElement(),
        setFile: (el, path) => el.setInputFiles(path),
        click: (el) => el.click(),
        close: () => context.close(),
      }));
    },
    close: () => within(CALL_TIMEOUT_MS, "close Chromium", browser.close()),
  };
}

async function launchFirefoxEngine() {
  // A fresh profile per run, removed after; puppeteer's own prefs already turn off updates,
  // telemetry and the like. Anything not on loopback goes to a proxy that is not there, so the
  // page cannot reach the network even by mistake (loopback never goes through a proxy).
  const profile = mkdtempSync(join(tmpdir(), "roster-firefox-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    defaultViewport: VIEWPORT,
    protocolTimeout: CALL_TIMEOUT_MS,
    extraPrefsFirefox: {
      "network.proxy.type": 1,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": 9,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": 9,
      "network.proxy.allow_hijacking_localhost": false,
      "network.proxy.no_proxies_on": "localhost, 127.0.0.1",
      "intl.accept_languages": "zh-CN",
    },
  });
  const version = await browser.version(); // "firefox/153.8.0"
  return {
    name: "firefox",
    version: version.replace(/^firefox\//, "Firefox "),
    async open(url) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      tab.setDefaultTimeout(CALL_TIMEOUT_MS);
      await tab.goto(url);
      return ready(pageApi({
        run: (expression) => tab.evaluate(expression),
        handle: async (expression) => (await tab.evaluateHandle(expression)).asElement(),
        setFile: (el, path) => el.uploadFile(path),
        click: (el) => el.click(),
        close: () => context.close(),
      }));
    },
    async close() {
      await within(CALL_TIMEOUT_MS, "close Firefox", browser.close());
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function launchWebKitEngine() {
  const driver = await startWebKitDriver(VIEWPORT);
  // The version is the session's: start one to read it (and to fail here if MiniBrowser cannot start).
  const probe = await driver.newSession().catch(async (err) => { await driver.stop(); throw err; });
  const version = `WebKitGTK ${probe.capabilities.browserVersion}`;
  await probe.close();
  return {
    name: "webkit",
    version,
    async open(url) {
      // A new MiniBrowser per page: its automation sessions keep their data in memory only,
      // so each page starts with empty storage, as a fresh context does in the other engines.
      // Seen once in `make test` on the shared 2-core machine: WebKitWebDriver did not answer a
      // new session's request at all (the page never loaded). One more try, then the test fails.
      const session = await driver.newSession().catch((err) => {
        console.log(`webkit: ${err.message}; starting a session once more`);
        return driver.newSession();
      });
      await session.setWindowRect(VIEWPORT);
      await session.navigate(url);
      return ready(pageApi({
        run: (expression) => session.execute(`return ${expression};`),
        handle: async (expression) => {
          const value = await session.execute(`return ${expression};`);
          return value && value[ELEMENT_KEY] ? value : null;
        },
        setFile: (el, path) => session.sendKeys(el, path),
        click: (el) => session.click(el),
        close: () => session.close(),
      }));
    },
    close: () => driver.stop(),
  };
}

const LAUNCHERS = { chromium: launchChromiumEngine, firefox: launchFirefoxEngine, webkit: launchWebKitEngine };

/** Starts `name` (one of ENGINES), within a minute. */
export function launchEngine(name) {
  const launcher = LAUNCHERS[name];
  if (!launcher) throw new Error(`unknown engine ${name}: one of ${ENGINES.join(", ")}`);
  return within(60_000, `start ${name}`, launcher());
}
