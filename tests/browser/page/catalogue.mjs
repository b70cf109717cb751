// The rule catalogue read straight from src/rules/catalogue.rs (code → order, severity, path,
// guide, messages and fix texts): what the wasm's rules() must give, checked without the wasm.
export function readCatalogue(source) {
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
  return rules;
}
