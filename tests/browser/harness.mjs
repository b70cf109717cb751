// The browser side of the parity tests: fetches the fixtures, runs them through pkg/, returns
// what the test compares with the native command line.
import init, { check, version } from "../../pkg/roster_check.js";

await init();

async function fetchBytes(path) {
  if (!path) return null;
  const res = await fetch(`../../${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

window.harness = {
  version,
  /** Runs one case: the report as JSON text and as the object, and (`exports`) the CSVs. */
  async run({ exmail, wecom, roster, options }, exports = true) {
    const input = {
      exmail: await fetchBytes(exmail),
      wecom: await fetchBytes(wecom),
      roster: await fetchBytes(roster),
      options,
    };
    const run = check(input);
    try {
      const report = run.report();
      const out = { json: run.reportJson(), report, plain: Object.getPrototypeOf(report) === Object.prototype };
      if (exports) {
        out.roster = base64(run.exportRoster({ format: "csv" }));
        out.findings = base64(run.exportReport({ format: "csv" }));
        out.xlsxMagic = new TextDecoder().decode(run.exportRoster({ format: "xlsx" }).subarray(0, 2));
      }
      return out;
    } finally {
      run.free();
    }
  },
  /** Calls check with the given input; returns how it failed. */
  failure(input) {
    try {
      check(input);
      return null;
    } catch (e) {
      return { isError: e instanceof Error, isTrap: e instanceof WebAssembly.RuntimeError, message: e.message };
    }
  },
};
document.getElementById("status").textContent = "ready";
