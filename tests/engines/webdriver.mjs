// The few W3C WebDriver (classic, over HTTP) calls the WebKit tests need, written with fetch:
// no npm client, so nothing can download a driver or a browser behind our back. Every call has
// its own timeout, because WebKitWebDriver answers some failures by never answering at all.
//
//   const driver = await startWebKitDriver();            // WebKitWebDriver under xvfb-run
//   const session = await driver.newSession();            // a fresh MiniBrowser
//   await session.navigate(url); await session.execute("return 1 + 1");
//   await session.close(); await driver.stop();

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

/** The key under which WebDriver serialises a DOM element (W3C "web element identifier"). */
export const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
// Debian's webkit2gtk-driver runs the MiniBrowser that libwebkit2gtk-4.1-0 ships.
export const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** How long one driver call may take before the test fails instead of hanging. */
const CALL_TIMEOUT_MS = 20_000;
/** Starting a MiniBrowser takes 1–2 s; under load it has once not answered at all (engines.mjs
 * then tries once more, within a test's 60 s). */
const SESSION_TIMEOUT_MS = 25_000;

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class WebDriverError extends Error {}

/** One HTTP call to the driver; resolves to the reply's `value`, rejects with the driver's message. */
async function call(base, method, path, body, timeoutMs = CALL_TIMEOUT_MS) {
  let response;
  try {
    response = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const why = err.name === "TimeoutError" ? `no answer in ${timeoutMs} ms` : err.message;
    throw new WebDriverError(`WebDriver ${method} ${path}: ${why}`);
  }
  const reply = await response.json().catch(() => ({ value: { error: `HTTP ${response.status}` } }));
  if (!response.ok || reply.value?.error) {
    const { error, message } = reply.value ?? {};
    throw new WebDriverError(`WebDriver ${method} ${path}: ${error ?? response.status}: ${message ?? ""}`.trim());
  }
  return reply.value;
}

/**
 * Starts WebKitWebDriver on a free loopback port inside its own X server: WebKitGTK has no
 * headless mode, so `xvfb-run -a` gives it a private display. Without
 * WEBKIT_DISABLE_COMPOSITING_MODE=1 its pages render black or torn under Xvfb (no GL there).
 * The driver and its X server form one process group, stopped together by `stop()`.
 */
export async function startWebKitDriver({ width = 1366, height = 900 } = {}) {
  for (const file of [WEBKIT_DRIVER, MINIBROWSER, "/usr/bin/xvfb-run"]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`make system-packages\``);
  }
  const port = await freePort();
  const child = spawn("xvfb-run", ["-a", "-s", `-screen 0 ${width}x${height}x24 -nolisten tcp`,
    WEBKIT_DRIVER, `--port=${port}`, "--host=local"], {
    detached: true, // its own process group: stop() ends xvfb-run, Xvfb and the driver at once
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // Its own process group outlives this one: end it when Node exits or is told to stop
  // (`timeout`, Ctrl-C and a test runner killing its files all signal Node's group, not this
  // one). Seen: a `timeout`-killed run left Xvfb, the driver and a MiniBrowser behind.
  const killGroup = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
    }
  };
  const onSignal = (signal) => {
    killGroup();
    process.kill(process.pid, signal); // the default action, now that this listener is gone
  };
  process.once("exit", killGroup);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.once(signal, onSignal);
  const base = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await call(base, "GET", "/status", undefined, 1000)).ready !== undefined) break;
    } catch (err) {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`WebKitWebDriver did not answer on ${base} in 15 s: ${err.message} ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  function stop() {
    killGroup();
    process.off("exit", killGroup);
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.off(signal, onSignal);
    return Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }

  async function newSession() {
    const { sessionId, capabilities } = await call(base, "POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
          timeouts: { script: CALL_TIMEOUT_MS, pageLoad: CALL_TIMEOUT_MS, implicit: 0 },
        },
      },
    }, SESSION_TIMEOUT_MS);
    const path = `/session/${sessionId}`;
    const session = {
      capabilities,
      navigate: (url) => call(base, "POST", `${path}/url`, { url }),
      setWindowRect: (rect) => call(base, "POST", `${path}/window/rect`, rect),
      /** Runs a function body (`return …`); a returned promise is awaited (W3C "execute script"). */
      execute: (script, args = []) => call(base, "POST", `${path}/execute/sync`, { script, args }),
      /** "Element send keys": on an <input type=file>, the text is the path of the file to choose. */
      sendKeys: (element, text) => call(base, "POST", `${path}/element/${element[ELEMENT_KEY]}/value`, { text }),
      click: (element) => call(base, "POST", `${path}/element/${element[ELEMENT_KEY]}/click`, {}),
      close: () => call(base, "DELETE", path),
    };
    return session;
  }

  return { base, newSession, stop };
}
