// `make bench`: roster-check against a Papa Parse importer, against its own native build, and
// the native build against a bare parse of the same bytes.
//
//   node bench/run.mjs --synth target/release/roster-synth \
//        --native target/bench-native/release/roster-bench-native \
//        [--sizes 10000,100000,1000000] [--runs 5] [--runs-large 2] [--data target/bench-data]
//        [--json FILE] [--smoke] [--repeat N] [--pkg DIR] [--record-golden]
//
// For each size it makes a company with roster-synth (members = 95% of accounts, UTF-8 CSV, so
// that Papa can read it; cached in --data), then measures, in rounds, each variant in a child
// process of its own — one pipeline run per process, so `maxRSS` is that run's peak:
//   (a) papa   — bench/papa-importer.mjs in Node (the peer);
//   (b) wasm   — pkg/ through the public JS API in Node: check → report() → exportRoster(csv);
//   (d) page   — pkg/ as the page uses it: check → head(), groups(), accounts(), the first 50
//                rows (assignmentsAt) → exportRoster(csv); no report();
//   (c) native — bench/native: the same pipeline as (b) in a release build;
//   (z) bare   — bench/native --bare: both files through the csv crate's ByteRecord reader,
//                nothing else (the floor the native pipeline is measured against).
// Variants alternate within a round so a burst of load on this shared machine hits all of
// them; the best of the rounds is kept. Sizes ≥ 1M get --runs-large rounds.
// --repeat N: each Node child runs the pipeline N times and reports the last (warm) run.
// --pkg DIR: another build of the JS module for (b) (e.g. an older one, to compare in one run).
// --smoke: only checks that every variant runs and that they agree on the account count.
//
// Same bytes: the native and wasm variants give the SHA-256 of the report JSON and of the
// roster CSV; bench/golden.json holds them per generator (the hash of roster-synth's source,
// which names the data) and size. A digest that differs fails the run (also --smoke); a size
// without a recorded digest is said, and --record-golden records it from this run.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { company, generatorHash } from "./data.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");

const opt = {
  sizes: "10000,100000,1000000",
  runs: "5",
  "runs-large": "2",
  repeat: "1",
  data: join(ROOT, "target/bench-data"),
  synth: join(ROOT, "target/release/roster-synth"),
  native: join(ROOT, "target/bench-native/release/roster-bench-native"),
};
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i].replace(/^--/, "");
  if (name === "smoke") opt.smoke = true;
  else opt[name] = process.argv[++i];
}
const sizes = opt.sizes.split(",").map(Number);
const VARIANTS = ["papa", "wasm", "page", "native", "bare"];
const LABEL = {
  papa: "(a) Papa Parse importer, Node",
  wasm: "(b) roster-check wasm, Node (JS API)",
  page: "(d) roster-check wasm, Node: the page's path (lazy view)",
  native: "(c) roster-check native",
  bare: "(z) bare parse, native (csv ByteRecord)",
};
const GOLDEN = join(HERE, "golden.json");

function die(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

function measure(variant, files) {
  const io = ["--exmail", files.exmail, "--wecom", files.wecom];
  const [cmd, args] =
    variant === "native" || variant === "bare"
      ? [opt.native, variant === "bare" ? [...io, "--bare"] : io]
      : [
          process.execPath,
          [join(HERE, "child.mjs"), "--variant", variant, ...io, "--repeat", opt.repeat, ...(opt.pkg ? ["--pkg", resolve(opt.pkg)] : [])],
        ];
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) {
    return { variant, failed: `exit ${r.status ?? r.signal}: ${(r.stderr || "").trim().split("\n").slice(-3).join(" | ")}` };
  }
  const line = r.stdout.trim().split("\n").pop();
  return JSON.parse(line);
}

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (bytes) => bytes / 1e6;

if (!existsSync(join(opt.pkg ?? join(ROOT, "pkg"), "roster_check_bg.wasm"))) die("pkg/ is missing: run `make build`");
if (!existsSync(opt.native)) die(`${opt.native} is missing: build bench/native`);

const started = new Date();
const results = [];
for (const n of sizes) {
  const files = company(n, opt);
  const rounds = opt.smoke ? 1 : n >= 1_000_000 ? Number(opt["runs-large"]) : Number(opt.runs);
  const runs = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (const v of VARIANTS) {
      const r = measure(v, files);
      runs[v].push(r);
      process.stderr.write(
        `bench: ${n} accounts, round ${round + 1}/${rounds}, ${v}: ` +
          (r.failed ? `FAILED ${r.failed}` : `${ms(r.total_ms)} ms, ${(r.maxrss_kb / 1024).toFixed(0)} MB`) +
          "\n",
      );
    }
  }
  const best = {};
  for (const v of VARIANTS) {
    const ok = runs[v].filter((r) => !r.failed);
    if (!ok.length) {
      best[v] = runs[v][0];
      continue;
    }
    best[v] = ok.reduce((a, b) => (b.total_ms < a.total_ms ? b : a));
    best[v].all_ms = ok.map((r) => r.total_ms);
    best[v].maxrss_kb = Math.max(...ok.map((r) => r.maxrss_kb));
  }
  results.push({ accounts: n, members: Math.floor((n * 95) / 100), input_bytes: files.bytes, rounds, best });
}

// --- same bytes -------------------------------------------------------------------------------

const generator = generatorHash();
const golden = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, "utf8")) : {};
const digestLines = [];
let digestsDiffer = false;
for (const r of results) {
  const want = golden[generator]?.[r.accounts];
  for (const v of ["native", "wasm", "page"]) {
    const b = r.best[v];
    if (b.failed || !b.report_sha256) continue;
    const got = { report_sha256: b.report_sha256, roster_sha256: b.roster_sha256 };
    if (!want) continue;
    for (const k of Object.keys(got)) {
      if (got[k] !== want[k]) {
        digestsDiffer = true;
        digestLines.push(`- ${r.accounts}: ${v} ${k} ${got[k]}, golden ${want[k]}: DIFFERENT`);
      }
    }
  }
  const native = r.best.native;
  if (want) {
    if (!digestLines.some((l) => l.startsWith(`- ${r.accounts}:`))) {
      digestLines.push(`- ${r.accounts}: report and roster bytes as golden (${want.report_sha256.slice(0, 12)}…, ${want.roster_sha256.slice(0, 12)}…)`);
    }
  } else if (opt["record-golden"] && !native.failed) {
    golden[generator] ??= {};
    golden[generator][r.accounts] = { report_sha256: native.report_sha256, roster_sha256: native.roster_sha256 };
    digestLines.push(`- ${r.accounts}: recorded in bench/golden.json`);
  } else {
    digestLines.push(`- ${r.accounts}: no golden digest for generator ${generator} (--record-golden records one)`);
  }
}
if (opt["record-golden"]) writeFileSync(GOLDEN, JSON.stringify(golden, null, 2) + "\n");

// --- report ----------------------------------------------------------------------------------

const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [])[1] ?? "?";
const lines = [];
const out = (s = "") => lines.push(s);
out(`Machine: ${cpus().length} cores (nproc), ${cpu}; Node ${process.version}; ${started.toISOString()}`);
if (opt.smoke) out("Smoke run: one round, debug builds of the generator and the native bench — the times mean nothing.");
if (opt.repeat !== "1") out(`Node variants: run ${opt.repeat} times per process, the last (warm) run reported.`);
out(`Load average at start: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
out();
out("| accounts × members | input | variant | best ms (all runs) | speed vs (a) | MB/s of input | peak RSS | wasm memory |");
out("|---|---|---|---|---|---|---|---|");
for (const r of results) {
  const papa = r.best.papa;
  for (const v of VARIANTS) {
    const b = r.best[v];
    const size = `${r.accounts.toLocaleString("en")} × ${r.members.toLocaleString("en")}`;
    const input = `${mb(r.input_bytes).toFixed(1)} MB`;
    if (b.failed) {
      out(`| ${size} | ${input} | ${LABEL[v]} | FAILED: ${b.failed} | | | | |`);
      continue;
    }
    const ratio = papa && !papa.failed ? `${(papa.total_ms / b.total_ms).toFixed(1)}×` : "—";
    const wasmMemory = b.wasm_memory_bytes ? `${(b.wasm_memory_bytes / 2 ** 20).toFixed(0)} MiB` : "—";
    out(
      `| ${size} | ${input} | ${LABEL[v]} | ${ms(b.total_ms)} (${b.all_ms.map(ms).join(", ")}) | ${ratio} | ` +
        `${(mb(r.input_bytes) / (b.total_ms / 1000)).toFixed(0)} | ${(b.maxrss_kb / 1024).toFixed(0)} MB | ${wasmMemory} |`,
    );
  }
}
out();
out("Stages of the best run, ms (read includes copying the inputs into wasm memory for (b) and (d); for (d) the");
out("report JSON column is the lazy view: head(), groups(), accounts() and the first 50 rows):");
out();
out("| accounts | variant | read | records | match | rules | report | report JSON | export roster CSV |");
out("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  for (const v of ["wasm", "page", "native"]) {
    const b = r.best[v];
    if (b.failed) continue;
    const s = b.stages;
    const cols = [(s.setup ?? 0) + s.read, s.records, s.match, s.rules, s.report, s.report_json ?? s.view, s.export];
    out(`| ${r.accounts.toLocaleString("en")} | ${LABEL[v]} | ${cols.map(ms).join(" | ")} |`);
    if (v === "native" && b.allocs) {
      const a = b.allocs;
      const counts = [(a.setup ?? 0) + a.read, a.records, a.match, a.rules, a.report, a.report_json, a.export];
      out(`| ${r.accounts.toLocaleString("en")} | (c) allocations (count) | ${counts.map((n) => n.toLocaleString("en")).join(" | ")} |`);
    }
  }
  const p = r.best.papa;
  if (!p.failed) {
    const s = p.stages;
    out(
      `| ${r.accounts.toLocaleString("en")} | ${LABEL.papa} | parse ${ms(s.parse)} | — | index ${ms(s.index)} + ` +
        `join ${ms(s.match)} | — | — | — | unparse ${ms(s.export)} |`,
    );
  }
  const z = r.best.bare;
  if (!z.failed) {
    out(`| ${r.accounts.toLocaleString("en")} | ${LABEL.bare} | exmail ${ms(z.stages.exmail)} + wecom ${ms(z.stages.wecom)} | | | | | | |`);
  }
}
out();
out("Native: the pipeline against the bare parse (best of each), and the heap:");
out();
for (const r of results) {
  const { native, bare } = r.best;
  if (native.failed || bare.failed) continue;
  out(
    `- ${r.accounts.toLocaleString("en")}: ${(native.total_ms / bare.total_ms).toFixed(2)}× the bare parse ` +
      `(${ms(native.total_ms)} against ${ms(bare.total_ms)} ms; target ≤ 3×); ` +
      `${Object.values(native.allocs ?? {}).reduce((x, y) => x + y, 0).toLocaleString("en")} allocations, ` +
      `at most ${native.peak_live_mb?.toFixed(0)} MB live`,
  );
}
out();
out("Agreement (distinct accounts; accounts matched to a member):");
out();
for (const r of results) {
  const parts = ["papa", "wasm", "page", "native"].filter((v) => !r.best[v].failed).map(
    (v) => `${v} ${r.best[v].summary.accounts} / ${r.best[v].summary.member}`,
  );
  out(`- ${r.accounts.toLocaleString("en")}: ${parts.join("; ")}`);
}
out();
out(`Same bytes (SHA-256 of the report JSON and the roster CSV, native, wasm and page, against bench/golden.json, generator ${generator}):`);
out();
for (const l of digestLines) out(l);
out();
out("Ratios (best against best):");
out();
for (const r of results) {
  const { papa, wasm, page, native, bare } = r.best;
  if ([papa, wasm, page, native, bare].some((b) => b.failed)) continue;
  const x = (a, b) => (a.total_ms / b.total_ms).toFixed(2);
  out(
    `- ${r.accounts.toLocaleString("en")}: (c) ${x(native, bare)}× (z) (target ≤ 3×); (d) ${x(page, native)}× (c) ` +
      `(target ≤ 1.3×); (b) ${x(wasm, native)}× (c); (a) ${x(papa, page)}× (d) and ${x(papa, wasm)}× (b) ` +
      `(target: the JS API ≥ 5× faster than Papa at 100k)`,
  );
}
console.log(lines.join("\n"));

if (opt.json) {
  mkdirSync(dirname(resolve(opt.json)), { recursive: true });
  writeFileSync(opt.json, JSON.stringify({ started: started.toISOString(), cpu, node: process.version, generator, results }, null, 1));
}

if (opt.smoke) {
  for (const r of results) {
    for (const v of VARIANTS) if (r.best[v].failed) die(`smoke: ${v} failed at ${r.accounts}: ${r.best[v].failed}`);
    const counts = new Set(["papa", "wasm", "page", "native"].map((v) => r.best[v].summary.accounts));
    if (counts.size !== 1) die(`smoke: the variants disagree on the account count at ${r.accounts}`);
  }
}
if (digestsDiffer) die("the report or roster bytes differ from bench/golden.json (see above)");
if (opt.smoke) console.log("bench-smoke: every variant ran, they agree on the account count, and the bytes are the golden ones");
