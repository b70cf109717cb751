// Shared by the Node tests (tests/js) and the browser tests (tests/browser): the fixtures, and
// the native command line that gives the reference answer for each.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI = join(ROOT, "target/debug/roster-check");
export const SYNTH = join(ROOT, "target/debug/roster-synth");
const FIXTURES = "tests/js/fixtures";

/** 400 lines of GBK (张伟,a@b.cn), past the first 4 KiB, then line 401 with two bad bytes. */
export function brokenGbk() {
  const line = [0xd5, 0xc5, 0xce, 0xb0, ...Buffer.from(",a@b.cn\r\n")];
  return new Uint8Array([...Array(400).fill(line).flat(), ...Buffer.from("x,"), 0xff, 0xff, 13, 10]);
}

/** The checks compared between native, Node and Chromium. Paths are relative to the repo root. */
export function cases() {
  const list = [
    {
      name: "utf-8 csv with BOM",
      exmail: `${FIXTURES}/basic-exmail.csv`,
      wecom: `${FIXTURES}/basic-wecom.csv`,
      options: {},
    },
    {
      name: "gb18030 csv + utf-16 tsv, english messages",
      exmail: `${FIXTURES}/gbk-exmail.csv`,
      wecom: `${FIXTURES}/utf16-wecom.txt`,
      options: { lang: "en" },
    },
    {
      name: "instruction rows above the header, path new, every option",
      exmail: `${FIXTURES}/instructions-exmail.csv`,
      wecom: `${FIXTURES}/instructions-wecom.csv`,
      options: {
        path: "new",
        advanced_quota: 1,
        target_paid: true,
        wecom_api_email_param: true,
        exmail_contacts_api: true,
        wecom_contacts_api: true,
        department_backup_rules: true,
        features_in_use: ["rtx", "signature"],
        enterprise_name: "示例科技",
        domains: ["example.cn"],
        lang: "en",
      },
    },
    {
      name: "path new from the Exmail list alone (no WeCom file), role mailboxes",
      exmail: `${FIXTURES}/new-exmail.csv`,
      options: {
        path: "new",
        enterprise_name: "深圳市示达科技有限公司",
        advanced_quota: 0,
        overrides: { "partner.li@example.cn": { type: "other" } },
      },
    },
    {
      name: "overrides",
      exmail: `${FIXTURES}/basic-exmail.csv`,
      wecom: `${FIXTURES}/basic-wecom.csv`,
      options: { overrides: JSON.parse(readFileSync(join(ROOT, FIXTURES, "overrides.json"), "utf8")) },
    },
  ];
  return list.concat(synthCases(), sampleCases());
}

/**
 * Companies made by `roster-synth` (deterministic by seed) under target/test-fixtures/, which
 * the browser tests' server reaches too: XLSX inputs, a wizard roster, GB18030 with every fault.
 */
function synthCases() {
  const company = (name, args) => {
    const dir = join(ROOT, "target/test-fixtures", name);
    if (!existsSync(join(dir, "truth.json"))) {
      if (!existsSync(SYNTH)) throw new Error(`${SYNTH} is missing: run \`cargo build\` (make test does)`);
      mkdirSync(join(ROOT, "target/test-fixtures"), { recursive: true });
      const tmp = mkdtempSync(`${dir}.tmp-`);
      const r = spawnSync(SYNTH, [...args, "--out", tmp], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`roster-synth ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
      try {
        renameSync(tmp, dir);
      } catch {
        rmSync(tmp, { recursive: true, force: true }); // another test process made it first
      }
    }
    const files = readdirSync(dir);
    const file = (stem) => relative(ROOT, join(dir, files.find((f) => f.startsWith(`${stem}.`))));
    return { exmail: file("exmail"), wecom: file("wecom"), roster: file("roster") };
  };
  const xlsx = company("xlsx-300", ["--accounts", "300", "--seed", "7", "--format", "xlsx"]);
  const faults = company("gb18030-faults-2000", [
    "--accounts", "2000", "--seed", "11", "--fault-rate", "1.0", "--encoding", "gb18030",
    "--headers", "legacy", "--instruction-rows",
  ]);
  return [
    { name: "synth: xlsx exports, 300 accounts", exmail: xlsx.exmail, wecom: xlsx.wecom, options: {} },
    { name: "synth: xlsx + the wizard's roster", ...xlsx, options: { lang: "en" } },
    { name: "synth: gb18030, legacy headers, every fault, 2000 accounts", exmail: faults.exmail, wecom: faults.wecom, options: {} },
  ];
}

/** `samples/demo/`: the generated demo company (exmail, wecom and, when there, a roster). */
function sampleCases() {
  const dir = join(ROOT, "samples/demo");
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).sort();
  const pick = (word) => files.find((f) => f.toLowerCase().includes(word) && !f.endsWith(".json"));
  const exmail = pick("exmail");
  const wecom = pick("wecom");
  if (!exmail || !wecom) return [];
  const roster = pick("roster");
  const rel = (f) => relative(ROOT, join(dir, f));
  const list = [{ name: `samples/demo ${exmail} + ${wecom}`, exmail: rel(exmail), wecom: rel(wecom), options: {} }];
  if (roster) {
    list.push({
      name: `samples/demo with roster ${roster}`,
      exmail: rel(exmail),
      wecom: rel(wecom),
      roster: rel(roster),
      options: {},
    });
  }
  return list;
}

/** The bytes of a file of the repository; `null` for no file (a case without a WeCom file). */
export function bytesOf(path) {
  if (path == null) return null;
  return new Uint8Array(readFileSync(join(ROOT, path)));
}

/** The command-line flags for the options of a case (kebab case, as the spec says). */
function cliArgs(options, dir) {
  const args = [];
  for (const [key, value] of Object.entries(options)) {
    const flag = `--${key.replaceAll("_", "-")}`;
    if (key === "overrides") {
      const file = join(dir, "overrides.json");
      writeFileSync(file, JSON.stringify(value));
      args.push(flag, file);
    } else if (value === true) {
      args.push(flag);
    } else if (Array.isArray(value)) {
      args.push(flag, value.join(","));
    } else if (value !== false && value !== null) {
      args.push(flag, String(value));
    }
  }
  return args;
}

/**
 * Runs the native command line on a case: its report JSON text, its roster CSV and findings
 * CSV bytes.
 * Exit status 0 or 1 (error findings) both mean the check ran.
 */
export function nativeRun(c) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`cargo build\` (make test does)`);
  const dir = mkdtempSync(join(tmpdir(), "roster-check-native-"));
  try {
    const report = join(dir, "report.json");
    const out = join(dir, "roster.csv");
    const args = ["--exmail", join(ROOT, c.exmail)];
    if (c.wecom) args.push("--wecom", join(ROOT, c.wecom));
    if (c.roster) args.push("--roster", join(ROOT, c.roster));
    const findings = join(dir, "findings.csv");
    const support = join(dir, "support.json");
    args.push(...cliArgs(c.options, dir), "--report", report, "--out", out, "--findings", findings);
    args.push("--support-summary", support);
    const r = spawnSync(CLI, args, { encoding: "utf8" });
    if (r.status !== 0 && r.status !== 1) {
      throw new Error(`roster-check ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
    }
    return {
      json: readFileSync(report, "utf8"),
      roster: new Uint8Array(readFileSync(out)),
      findings: new Uint8Array(readFileSync(findings)),
      support: readFileSync(support, "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
