// Builds the npm package's folder, dist/package/, from the element's sources (package/src/),
// wasm-bindgen's output (pkg/) and the sample company (samples/demo/). `make build` runs it
// (the repository's own page loads dist/package/element.js); `make package` packs the folder.
//
//   node package/build.mjs            prints each file's raw size (`make size`: gzipped too)
//
// The element and its worker are bundled and minified by esbuild; the stylesheet is minified
// and bundled into element.js as text (adopted by each element's shadow root). The worker
// bundles wasm-bindgen's glue, so the page loads one script per thread; the glue ships
// unbundled too, as the package's main entry (`import { check } from "roster-check"`).
import { build, transform } from "esbuild";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "package/src");
const PKG = join(ROOT, "pkg");
export const OUT = join(ROOT, "dist/package");

/** The crate's version: Cargo.toml is the one place it is written. */
export function cargoVersion() {
  const toml = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const section = toml.slice(toml.indexOf("[package]"));
  const version = /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  if (!version) throw new Error("Cargo.toml: no version in [package]");
  return version;
}

/** `.css` imports become their minified text (the element adopts it as a stylesheet). */
const cssAsText = {
  name: "css-as-text",
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { code } = await transform(readFileSync(path, "utf8"), { loader: "css", minify: true });
      return { contents: code.trim(), loader: "text" };
    });
  },
};

/**
 * wasm-bindgen's declarations give `Check` a `[Symbol.dispose]()` member, which needs
 * TypeScript's `esnext.disposable` lib: under a bundler app's usual `lib` (ES2022 + DOM) the
 * package would not type-check without `skipLibCheck`. The method stays at runtime (where the
 * engine has `Symbol.dispose`); its declaration goes. `free()` is the documented way.
 */
export function withoutDispose(dts) {
  const out = dts.replace(/^[ \t]*\[Symbol\.dispose\]\(\): void;\r?\n/gm, "");
  if (/Symbol\.dispose/.test(out)) throw new Error("roster_check.d.ts: a Symbol.dispose the build does not know how to drop");
  return out;
}

function packageJson(version) {
  return {
    name: "roster-check",
    version,
    description: "Checks a Tencent Exmail → WeCom mail upgrade roster (邮箱名单) in the browser: match, check every rule, write the import file. No byte leaves the page.",
    license: "MIT",
    type: "module",
    main: "./roster_check.js",
    types: "./roster_check.d.ts",
    exports: {
      ".": { types: "./roster_check.d.ts", default: "./roster_check.js" },
      "./element": { types: "./element.d.ts", default: "./element.js" },
      "./roster_check_bg.wasm": "./roster_check_bg.wasm",
      "./package.json": "./package.json",
    },
    // Importing the element registers <roster-check>: a bundler must keep that import.
    sideEffects: ["./element.js"],
    files: ["element.js", "element.d.ts", "lang-*.js", "worker.js", "roster_check.js", "roster_check.d.ts", "roster_check_bg.wasm",
      "snippets/", "sample/", "README.md"],
    keywords: ["exmail", "wecom", "企业微信", "腾讯企业邮", "roster", "webassembly", "custom-element"],
  };
}

export async function buildPackage({ quiet = false } = {}) {
  const version = cargoVersion();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  // charset utf8: Chinese text stays UTF-8 (3 bytes a character), not \uXXXX escapes (6); module
  // scripts and module workers are always read as UTF-8.
  const common = { bundle: true, format: "esm", target: "es2022", minify: true, charset: "utf8", legalComments: "none", logLevel: "warning" };
  // Split: the English texts (lang-en.js, imported when first needed) become a chunk of their own.
  await build({ ...common, entryPoints: { element: join(SRC, "roster-check.js") }, outdir: OUT, splitting: true,
    chunkNames: "[name]-[hash]", plugins: [cssAsText] });
  await build({ ...common, entryPoints: [join(SRC, "worker.js")], outfile: join(OUT, "worker.js") });

  for (const f of ["roster_check.js", "roster_check_bg.wasm"]) cpSync(join(PKG, f), join(OUT, f));
  // The snippets the glue imports, not all of pkg/snippets/ (wasm-bindgen leaves old ones there).
  const glue = readFileSync(join(PKG, "roster_check.js"), "utf8");
  for (const [, snippet] of glue.matchAll(/from ['"]\.\/(snippets\/[^'"]+)['"]/g)) {
    mkdirSync(dirname(join(OUT, snippet)), { recursive: true });
    cpSync(join(PKG, snippet), join(OUT, snippet));
  }
  writeFileSync(join(OUT, "roster_check.d.ts"), withoutDispose(readFileSync(join(PKG, "roster_check.d.ts"), "utf8")));
  mkdirSync(join(OUT, "sample"));
  for (const f of ["exmail.csv", "wecom.xlsx", "roster.csv"]) cpSync(join(ROOT, "samples/demo", f), join(OUT, "sample", f));
  for (const f of ["element.d.ts", "README.md"]) cpSync(join(ROOT, "package", f), join(OUT, f));
  writeFileSync(join(OUT, "package.json"), `${JSON.stringify(packageJson(version), null, 2)}\n`);

  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ file: relative(OUT, path), bytes: statSync(path).size });
    }
  };
  walk(OUT);
  if (!quiet) {
    for (const { file, bytes } of files) console.log(`${file.padEnd(60)} ${String(bytes).padStart(9)} bytes`);
    const total = files.reduce((n, f) => n + f.bytes, 0);
    console.log(`${`dist/package/ (roster-check ${version})`.padEnd(60)} ${String(total).padStart(9)} bytes`);
  }
  return { version, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPackage();
}
