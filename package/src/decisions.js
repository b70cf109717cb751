// The admin's decisions (overrides: address → member or other), kept so that an hour of
// settling survives a reload, a closed tab, or a move to the command line.
//
// - Stored in localStorage — decisions only, never a byte of the files — under a key that is
//   the SHA-256 of the input files' own SHA-256s, so they come back exactly for the same files.
// - SHA-256 comes from SubtleCrypto, which browsers offer only in a secure context (https,
//   127.0.0.1, localhost). Elsewhere nothing is stored (a weaker hash could hand one company's
//   decisions to another file set) and the page says so: the decisions file still works.
// - The decisions file is the CLI's `--overrides` format: {"addr": {"type": "member",
//   "userid": "…"} | {"type": "other"}} (src/bin/roster-check.rs), keys sorted.

const PREFIX = "roster-check/decisions/";
const KEEP = 20; // file sets remembered; the oldest beyond are dropped

/** Hex SHA-256 of bytes, or null where SubtleCrypto is missing (no secure context). */
export async function sha256Hex(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The storage key of a set of files from their hashes ({exmail, wecom, roster}: hex, "" for
 * a file not given, null for one that could not be hashed → no key). */
export async function filesKey(hashes) {
  const kinds = ["exmail", "wecom", "roster"];
  if (kinds.some((k) => hashes[k] === null)) return null;
  return sha256Hex(new TextEncoder().encode(kinds.map((k) => `${k}:${hashes[k] || ""}`).join("\n")));
}

function storage() {
  try {
    const s = globalThis.localStorage;
    s.getItem(PREFIX); // throws where storage is disabled
    return s;
  } catch {
    return null;
  }
}

/** Whether decisions can be kept in this browser: null when they can, else why not
 * ("insecure": no SubtleCrypto; "storage": localStorage disabled). */
export function storageProblem() {
  if (!globalThis.crypto?.subtle) return "insecure";
  return storage() ? null : "storage";
}

/** → { overrides: Map, read, saved: epoch ms } or null; `read`: how the admin said the files
 * are to be read ({exmail, wecom, roster}: the options' `read` objects, e.g. confirmed columns). */
export function loadStored(key) {
  const s = storage();
  if (!s || !key) return null;
  try {
    const entry = JSON.parse(s.getItem(PREFIX + key));
    if (!entry) return null;
    const read = entry.read && typeof entry.read === "object" && !Array.isArray(entry.read) ? entry.read : null;
    return { overrides: parseOverrides(entry.overrides), read: hasReading(read) ? read : null, saved: entry.saved };
  } catch {
    return null; // a damaged entry is no decision
  }
}

/** Whether `read` holds a correction for any file (an empty object is none). */
export function hasReading(read) {
  return !!read && ["exmail", "wecom", "roster"].some((k) => read[k] && typeof read[k] === "object" && Object.keys(read[k]).length > 0);
}

/** Saves (or, when empty, removes) the decisions of one file set — the overrides and how the
 * files are read. False when it could not. */
export function store(key, overrides, read = null, now = Date.now()) {
  const s = storage();
  if (!s || !key) return false;
  try {
    if (!overrides.size && !hasReading(read)) {
      s.removeItem(PREFIX + key);
      return true;
    }
    const entry = { saved: now, overrides: plain(overrides) };
    if (hasReading(read)) entry.read = read;
    s.setItem(PREFIX + key, JSON.stringify(entry));
    prune(s);
    return true;
  } catch {
    return false; // quota
  }
}

export function forgetStored(key) {
  const s = storage();
  if (s && key) s.removeItem(PREFIX + key);
}

function prune(s) {
  const entries = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (!k?.startsWith(PREFIX)) continue;
    let saved = 0;
    try { saved = JSON.parse(s.getItem(k)).saved || 0; } catch {}
    entries.push([saved, k]);
  }
  entries.sort((a, b) => b[0] - a[0]);
  for (const [, k] of entries.slice(KEEP)) s.removeItem(k);
}

function plain(overrides) {
  return Object.fromEntries([...overrides].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The decisions file, as `roster-check --overrides FILE` reads it. */
export function decisionsFile(overrides) {
  return `${JSON.stringify(plain(overrides), null, 2)}\n`;
}

/** Reads a decisions file (or a stored entry's overrides); throws an Error whose `reason` is
 * `json` (not JSON), `shape` (not an object of decisions) with the offending `address`. */
export function parseOverrides(value) {
  let data = value;
  if (typeof value === "string") {
    try {
      data = JSON.parse(value.replace(/^\uFEFF/, ""));
    } catch {
      throw Object.assign(new Error("not JSON"), { reason: "json" });
    }
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw Object.assign(new Error("not an object"), { reason: "shape", address: "" });
  }
  const out = new Map();
  for (const [address, d] of Object.entries(data)) {
    const member = d && d.type === "member" && typeof d.userid === "string" && d.userid.trim() && Object.keys(d).length === 2;
    const other = d && d.type === "other" && Object.keys(d).length === 1;
    if (!address.trim() || !(member || other)) throw Object.assign(new Error("bad decision"), { reason: "shape", address });
    out.set(address, member ? { type: "member", userid: d.userid } : { type: "other" });
  }
  return out;
}
