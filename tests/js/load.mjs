// Loads pkg/ in Node the way a worker would: the wasm bytes read once, instantiated with initSync.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.mjs";

const pkg = await import(join(ROOT, "pkg/roster_check.js"));
pkg.initSync({ module: readFileSync(join(ROOT, "pkg/roster_check_bg.wasm")) });

export const { check, version, rules, words } = pkg;
export const panicForTests = pkg.__panicForTests;
