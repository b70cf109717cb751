// Shared by the package tests: the tarball `make package` wrote, scratch projects outside the
// repository's folders (target/package-tests/), npm without the registry, and the counts the
// native command line gives for the sample company the package ships.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT } from "../js/helpers.mjs";

export { ROOT };

export const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))[1];
export const TARBALL = join(ROOT, `dist/roster-check-${VERSION}.tgz`);
export const SCRATCH = join(ROOT, "target/package-tests");
const BIN = join(ROOT, "node_modules/.bin");
const SAMPLE = join(ROOT, "samples/demo");

/** Runs a command; fails the test with its output unless it exits 0. */
export function run(cmd, args, { cwd, env } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 180_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The repository's pinned dev tools (tsc, vite) by name. */
export const bin = (name) => join(BIN, name);

/** An empty folder target/package-tests/<name>/ (emptied if it was there). */
export function scratch(name) {
  assert.ok(existsSync(TARBALL), `${TARBALL} is missing: run \`make package\``);
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A scratch project that installed the tarball as an embedder does (`npm install ./…tgz`), with
 * no registry: --offline, and a cache of its own that starts empty, so anything the package
 * would need from a registry fails the install instead of being fetched.
 */
export function installed(name, packageJson = {}) {
  const dir = scratch(name);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `scratch-${name}`, private: true, type: "module", ...packageJson }, null, 2));
  const cache = mkdtempSync(join(tmpdir(), "roster-npm-cache-"));
  try {
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--cache", cache, TARBALL], { cwd: dir });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  return dir;
}

/** Unpacks the tarball's files (without npm's `package/` prefix) into `dir`. */
export function unpack(dir) {
  mkdirSync(dir, { recursive: true });
  run("tar", ["-xzf", TARBALL, "-C", dir, "--strip-components=1"]);
  return dir;
}

/** The native CLI's report on the sample company (exmail, wecom and the wizard's roster), as
 * the element checks it by default (path bind, zh): the report's JSON text and its summary. */
export function nativeSample() {
  const dir = mkdtempSync(join(tmpdir(), "roster-package-"));
  try {
    const out = join(dir, "report.json");
    const r = spawnSync(CLI, ["--exmail", join(SAMPLE, "exmail.csv"), "--wecom", join(SAMPLE, "wecom.xlsx"),
      "--roster", join(SAMPLE, "roster.csv"), "--report", out], { encoding: "utf8" });
    assert.ok(r.status === 0 || r.status === 1, `${CLI}: ${r.status} ${r.stderr}`);
    const json = readFileSync(out, "utf8");
    return { json, summary: JSON.parse(json).summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const COUNT_KEYS = ["accounts", "member", "other", "unassigned"];

/** Waits (in a Playwright page) for the element's four counts and returns them as numbers. */
export async function shownCounts(page, timeout = 60_000) {
  await page.waitForSelector("roster-check:not([busy]) [data-count=accounts]", { timeout });
  return page.evaluate((keys) => {
    const root = document.querySelector("roster-check").shadowRoot;
    return Object.fromEntries(keys.map((k) => [k, Number(root.querySelector(`[data-count=${k}]`).textContent)]));
  }, COUNT_KEYS);
}

export const pick = (summary) => Object.fromEntries(COUNT_KEYS.map((k) => [k, summary[k]]));
