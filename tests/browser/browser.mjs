// Shared by the browser tests: a static server for the repository on a free loopback port, and
// Debian's Chromium driven by playwright-core (which never downloads a browser of its own).
//
//   const server = await serveRepo();          // server.url = "http://127.0.0.1:PORT/"
//   const browser = await launchChromium();
//   const page = await browser.newPage();
//   await page.goto(server.url + "www/");
//   ...; await browser.close(); await server.close();

import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "../js/helpers.mjs";

export { ROOT };

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Serves the repository root (or `root`) on 127.0.0.1 at a free port, like `make serve` does.
 * `headers(path)` may add response headers (a host's Content-Security-Policy). */
export async function serveRepo(root = ROOT, { headers = () => ({}) } = {}) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { location: `${path}/` }).end();
          return;
        }
        file = join(file, "index.html");
      }
      const size = statSync(file).size;
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": size,
        "cache-control": "no-store",
        ...headers(path),
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Debian's headless Chromium, with nothing that reaches for the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Collects the page's console errors and uncaught exceptions, to assert there are none. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  return errors;
}

/** The JS heap of each dedicated worker of `browser` after a full GC, through a browser-level
 * CDP session (a worker is not a Page, so Playwright's page sessions cannot reach it): [{ url,
 * usedSize, totalSize, backingStorageSize }] in bytes. The wasm memory is not in `usedSize`. */
export async function workerHeaps(browser) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send("Target.getTargets");
    const out = [];
    for (const t of targetInfos.filter((t) => t.type === "worker")) {
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId: t.targetId, flatten: false });
      let id = 0;
      const ask = (method) => {
        const mine = ++id;
        const answer = new Promise((resolve) => {
          const on = (e) => {
            if (e.sessionId !== sessionId) return;
            const m = JSON.parse(e.message);
            if (m.id !== mine) return;
            cdp.off("Target.receivedMessageFromTarget", on);
            resolve(m.result ?? {});
          };
          cdp.on("Target.receivedMessageFromTarget", on);
        });
        return cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: mine, method }) }).then(() => answer);
      };
      await ask("HeapProfiler.collectGarbage");
      out.push({ url: t.url, ...(await ask("Runtime.getHeapUsage")) });
      await cdp.send("Target.detachFromTarget", { sessionId });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
