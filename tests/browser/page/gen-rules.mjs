// Generates www/rules.js from src/rules/catalogue.rs: the page's one copy of every rule's
// severity, path, messages and fix texts. Run from the repository root:
//   node tests/browser/page/gen-rules.mjs          (writes www/rules.js)
//   node tests/browser/page/gen-rules.mjs --check  (exits 1 when www/rules.js is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export function generate(source) {
  const lit = String.raw`"((?:[^"\\]|\\.)*)"`;
  const re = new RegExp(
    String.raw`(\w+)\s*=\s*rule!\(\s*` + lit + String.raw`\s*,\s*(\w+)\s*,\s*(\w+)\s*,\s*(true|false)\s*,` +
      [lit, lit, lit, lit].map((l) => String.raw`\s*` + l).join(String.raw`\s*,`) + String.raw`\s*\)`,
    "g",
  );
  const str = (s) => JSON.parse(`"${s.replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))}"`);
  const rules = {};
  let order = 0;
  for (const m of source.matchAll(re)) {
    const [, , code, sev, path, guide, zh, en, fixZh, fixEn] = m;
    rules[code] = {
      order: order++,
      severity: sev.toLowerCase(),
      path: path.toLowerCase(),
      guide: guide === "true",
      zh: str(zh),
      en: str(en),
      fix_zh: str(fixZh),
      fix_en: str(fixEn),
    };
  }
  if (order === 0) throw new Error("no rule found in catalogue.rs");
  return (
    "// Generated from src/rules/catalogue.rs by tests/browser/page/gen-rules.mjs: do not edit.\n" +
    "export const RULES = " + JSON.stringify(rules, null, 1) + ";\n"
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = generate(readFileSync(join(root, "src/rules/catalogue.rs"), "utf8"));
  const target = join(root, "www/rules.js");
  if (process.argv.includes("--check")) {
    const now = readFileSync(target, "utf8");
    if (now !== out) {
      console.error("www/rules.js is stale: run node tests/browser/page/gen-rules.mjs");
      process.exit(1);
    }
  } else {
    writeFileSync(target, out);
    console.log(`wrote ${target}`);
  }
}
