// The synthetic companies the benchmarks read, made by roster-synth and cached under
// DATA/<hash of the generator's source>/<accounts>/: the same generator source gives the same
// bytes (its own seeded PRNG), so a rebuilt binary reuses them and a changed generator does not.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => f.endsWith(".rs"))
    .sort();
}

/** A short hash of src/synth.rs, src/synth/** and src/bin/roster-synth.rs. */
export function generatorHash() {
  const h = createHash("sha256");
  for (const f of [join(ROOT, "src/synth.rs"), join(ROOT, "src/bin/roster-synth.rs"), ...sources(join(ROOT, "src/synth"))]) {
    h.update(f.slice(ROOT.length));
    h.update(readFileSync(f));
  }
  return h.digest("hex").slice(0, 12);
}

/** { exmail, wecom, bytes } for a company of `accounts` (members 95%, UTF-8 CSV). */
export function company(accounts, { data, synth }) {
  const dir = join(data, generatorHash(), String(accounts));
  const files = { exmail: join(dir, "exmail.csv"), wecom: join(dir, "wecom.csv") };
  if (!existsSync(files.exmail) || !existsSync(files.wecom)) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(synth, ["--accounts", String(accounts), "--encoding", "utf8", "--out", dir], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (r.status !== 0) throw new Error(`${synth} --accounts ${accounts} failed`);
  }
  files.bytes = statSync(files.exmail).size + statSync(files.wecom).size;
  return files;
}
