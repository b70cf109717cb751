// One measurement in its own Node process (so its peak RSS is its own):
//
//   node bench/child.mjs --variant papa|wasm|page --exmail A.csv --wecom B.csv [--out ROSTER.csv]
//        [--pkg DIR] [--repeat N]
//
// Reads both files into memory first (not timed; the native bench does the same), then times the
// pipeline from bytes to the roster file's bytes, stage by stage, and prints one JSON line:
//   papa: parse, index, match, export (see papa-importer.mjs);
//   wasm: check() with its onProgress stages (read, records, match, rules, report), then
//         report() (the whole report as JS objects) and exportRoster({ format: "csv" });
//   page: check() with its stages, then what the page shows first through the lazy view
//         (head(), groups(), accounts(), assignmentsAt(the first 50)) and exportRoster; its
//         stages also in cpu_ms, the process's CPU time (process.cpuUsage(), every thread).
// maxrss_kb is process.resourceUsage().maxRSS: the whole process, Node's own ~40 MB included,
// taken when the clock stops. After that (untimed) the wasm variant gives the SHA-256 of the
// report JSON (reportJson()) and of the roster, for bench/run.mjs to hold to bench/golden.json.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const exmailBytes = readFileSync(args.exmail);
const wecomBytes = readFileSync(args.wecom);

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
/** The report JSON's digest without its `engine` object: bench/golden.json holds what the report
 * says, not the version number every release changes (tests/golden.rs does the same). */
const reportSha256 = (pkg, json) =>
  sha256(json.replace(`,"engine":{"name":"roster-check","version":"${pkg.version()}"}`, ""));
const marks = [];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e3;
};
const mark = (stage) => marks.push([stage, performance.now(), cpuMs()]);
/** Stage durations from consecutive marks: { stage: ms }; `at` 2: the process's CPU time (all
 * its threads), which a machine other builds keep busy does not inflate as it does the clock. */
function stages(at = 1) {
  const out = {};
  for (let i = 0; i + 1 < marks.length; i++) out[marks[i][0]] = marks[i + 1][at] - marks[i][at];
  return out;
}

// --repeat N: run the pipeline N times in this process and report the last run (warm JIT,
// wasm tiered up); 1 by default: a cold run, as a user gets it.
const repeat = Number(args.repeat ?? 1);
let result;
if (args.variant === "papa") {
  const { papaImport } = await import("./papa-importer.mjs");
  for (let i = 0; i < repeat; i++) {
    marks.length = 0;
    const start = performance.now();
    const r = papaImport(exmailBytes, wecomBytes, mark);
    const total = performance.now() - start;
    result = {
      total_ms: total,
      stages: stages(),
      summary: { accounts: r.accounts, member: r.member, other: r.other },
      roster_bytes: r.roster.length,
    };
    if (args.out) writeFileSync(args.out, r.roster);
  }
} else if (args.variant === "wasm") {
  // --pkg DIR: another build of the module (e.g. an -O3 experiment); pkg/ by default.
  const dir = args.pkg ?? join(ROOT, "pkg");
  const pkg = await import(join(dir, "roster_check.js"));
  const t0 = performance.now();
  const wasm = pkg.initSync({ module: readFileSync(join(dir, "roster_check_bg.wasm")) });
  const init = performance.now() - t0;
  for (let i = 0; i < repeat; i++) {
    marks.length = 0;
    const start = performance.now();
    const run = pkg.check({
      exmail: exmailBytes,
      wecom: wecomBytes,
      roster: null,
      options: {},
      onProgress: mark,
    });
    mark("report_json");
    const report = run.report();
    mark("export");
    const roster = run.exportRoster({ format: "csv" });
    mark("end");
    const total = performance.now() - start;
    const st = stages();
    // Time in check() before the first callback: copying both inputs into wasm memory.
    st.setup = marks[0][1] - start;
    // From "done" to check() returning: microseconds; counted with report_json.
    st.report_json += st.done;
    delete st.done;
    result = {
      total_ms: total,
      init_ms: init,
      stages: st,
      summary: {
        accounts: report.summary.accounts,
        member: report.summary.member,
        other: report.summary.other,
        unassigned: report.summary.unassigned,
        findings: report.findings.length,
      },
      roster_bytes: roster.length,
      wasm_memory_bytes: wasm.memory.buffer.byteLength,
      maxrss_kb: process.resourceUsage().maxRSS,
    };
    if (i === repeat - 1) {
      result.roster_sha256 = sha256(roster);
      result.report_sha256 = reportSha256(pkg, run.reportJson());
    }
    if (args.out) writeFileSync(args.out, roster);
    run.free();
  }
} else if (args.variant === "page") {
  // The page's own path through the lazy view: the summary (head), the finding groups, each
  // account's finding count and worst severity, the first page of rows, and the roster bytes;
  // no report() (no object per account).
  const dir = args.pkg ?? join(ROOT, "pkg");
  const pkg = await import(join(dir, "roster_check.js"));
  const wasm = pkg.initSync({ module: readFileSync(join(dir, "roster_check_bg.wasm")) });
  for (let i = 0; i < repeat; i++) {
    marks.length = 0;
    const start = performance.now();
    const run = pkg.check({ exmail: exmailBytes, wecom: wecomBytes, roster: null, options: {}, onProgress: mark });
    mark("view");
    const head = run.head();
    const groups = run.groups();
    const facts = run.accounts();
    const rows = run.assignmentsAt(Uint32Array.from({ length: Math.min(50, head.summary.accounts) }, (_, k) => k));
    mark("export");
    const roster = run.exportRoster({ format: "csv" });
    mark("end");
    const total = performance.now() - start;
    const st = stages();
    st.setup = marks[0][1] - start;
    st.view += st.done;
    delete st.done;
    const cpu = stages(2);
    cpu.view += cpu.done;
    delete cpu.done;
    result = {
      total_ms: total,
      stages: st,
      cpu_ms: cpu,
      summary: {
        accounts: head.summary.accounts,
        member: head.summary.member,
        other: head.summary.other,
        unassigned: head.summary.unassigned,
        findings: head.summary.errors + head.summary.warnings + head.summary.infos,
        groups: groups.length,
        rows: rows.length,
        badges: facts.count.length,
      },
      roster_bytes: roster.length,
      wasm_memory_bytes: wasm.memory.buffer.byteLength,
      maxrss_kb: process.resourceUsage().maxRSS,
    };
    if (i === repeat - 1) {
      result.roster_sha256 = sha256(roster);
      result.report_sha256 = reportSha256(pkg, run.reportJson());
    }
    run.free();
  }
} else {
  console.error(`child.mjs: unknown --variant ${args.variant}`);
  process.exit(2);
}
result.variant = args.variant;
result.maxrss_kb ??= process.resourceUsage().maxRSS;
console.log(JSON.stringify(result));
