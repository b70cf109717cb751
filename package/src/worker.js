// The page's worker: runs the wasm checker and keeps the (possibly large) report here, so the
// main thread only ever receives a summary, the finding groups and one page of rows at a time.
//
// Protocol (main → worker): { id, op, ... }; replies { id, ok: true, result } or
// { id, ok: false, error, poisoned }; progress { type: "progress", id, stage }.
// Bundled with wasm-bindgen's glue by package/build.mjs: the wasm is found beside the bundle
// (`new URL("roster_check_bg.wasm", import.meta.url)` in the glue, which bundlers follow).
import init, * as mod from "../../pkg/roster_check.js";
import { failureFields } from "./errors.js";

let ready = null; // Promise of the initialised module
const files = { exmail: null, wecom: null, roster: null }; // Uint8Array: the original bytes
let run = null; // the module's Check handle (exports come from it)
let report = null;
let derived = null; // indexes built from the report
const queries = new Map(); // filter key -> Uint32Array of assignment indexes (small LRU)

const SEV_RANK = { error: 0, warning: 1, info: 2 };
let catalogue = null; // the module's rules(): order and fix texts per code (the page has no copy)

function load() {
  if (!ready) ready = init();
  return ready;
}

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    const result = await handle(msg);
    if (result && result.transfer) {
      self.postMessage({ id: msg.id, ok: true, result: result.value }, result.transfer);
    } else {
      self.postMessage({ id: msg.id, ok: true, result });
    }
  } catch (err) {
    const fields = failureFields(err);
    self.postMessage({ id: msg.id, ok: false, ...fields, poisoned: /load it again|unusable/.test(fields.error) });
  }
};

async function handle(msg) {
  switch (msg.op) {
    case "files":
      load().catch(() => {}); // compile the module while the person picks the other file (a failure shows on check)
      for (const k of ["exmail", "wecom", "roster"]) {
        if (k in msg.files) files[k] = msg.files[k] ? new Uint8Array(msg.files[k]) : null;
      }
      return { exmail: !!files.exmail, wecom: !!files.wecom, roster: !!files.roster };
    case "check":
      return check(msg);
    case "rows":
      return rows(msg.query, msg.offset, msg.limit);
    case "findings":
      return findingRows(msg.code, msg.offset, msg.limit);
    case "account":
      return account(msg.email);
    case "members":
      return members(msg.q, msg.limit, msg.name);
    case "export":
      return exportFile(msg.kind, msg.format);
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

async function check(msg) {
  const progress = (stage) => self.postMessage({ type: "progress", id: msg.id, stage });
  progress("load");
  await load();
  // On path `new` there is no WeCom yet: the engine checks the Exmail list alone.
  const wecomNeeded = msg.options?.path !== "new";
  if (!files.exmail || (wecomNeeded && !files.wecom)) throw new Error("a required file is missing");
  const t0 = performance.now();
  let next;
  try {
    next = mod.check({
      exmail: files.exmail,
      wecom: files.wecom,
      roster: files.roster,
      options: msg.options,
      onProgress: progress,
    });
  } catch (err) {
    // What was checked before is not these files' result: nothing may be exported from it.
    forget();
    throw err;
  }
  const t1 = performance.now();
  progress("index");
  const nextReport = next.report();
  if (run) run.free();
  run = next;
  report = nextReport;
  const t2 = performance.now();
  derive();
  const t3 = performance.now();
  return {
    summary: report.summary,
    inputs: report.inputs,
    groups: groups(),
    checklist: checklist(),
    timing: { check: t1 - t0, report: t2 - t1, index: t3 - t2 },
  };
}

function forget() {
  if (run) run.free();
  run = null;
  report = null;
  derived = null;
  queries.clear();
}

/** Indexes over the report: findings per account and per code. */
function derive() {
  const byEmail = new Map(); // email -> [finding index]
  const byCode = new Map(); // code -> [finding index]
  report.findings.forEach((f, i) => {
    if (f.email) {
      let list = byEmail.get(f.email);
      if (!list) byEmail.set(f.email, (list = []));
      list.push(i);
    }
    let list = byCode.get(f.code);
    if (!list) byCode.set(f.code, (list = []));
    list.push(i);
  });
  // Per assignment: worst severity of its findings (0 error, 1 warning, 2 info, 3 none) and count.
  const n = report.assignments.length;
  const worst = new Uint8Array(n).fill(3);
  const count = new Uint32Array(n);
  const hay = new Array(n);
  report.assignments.forEach((a, i) => {
    const list = byEmail.get(a.email);
    if (list) {
      count[i] = list.length;
      for (const j of list) worst[i] = Math.min(worst[i], SEV_RANK[report.findings[j].severity]);
    }
    hay[i] = null; // built lazily on first search
  });
  // The member list is built when the admin first opens the picker: most checks never do, and
  // at 100k members it would add ~60 ms before the counts show.
  derived = { byEmail, byCode, worst, count, hay, members: null, memberRows: null };
  queries.clear();
}

/** WeCom members the admin can pick, free ones first (the likely answer), each with the
 * account whose mailbox it becomes (`taken`, from the module's members()). */
function memberList() {
  const free = [];
  const taken = [];
  const userids = new Set();
  for (const m of run.members()) {
    if (userids.has(m.userid)) continue; // a userid twice in the file (reported): pick it once
    userids.add(m.userid);
    const entry = { userid: m.userid, name: m.name, department: m.department, status: m.status, taken: m.mailbox };
    (entry.taken ? taken : free).push(entry);
  }
  // An override or a roster may name a userid the WeCom file lacks: list it too, as taken.
  for (const a of report.assignments) {
    if (a.type !== "member" || !a.userid || (a.matched_by !== "override" && a.matched_by !== "roster")) continue;
    if (userids.has(a.userid)) continue;
    userids.add(a.userid);
    taken.push({ userid: a.userid, name: a.wecom_name || "", department: "", status: "", taken: a.email });
  }
  return free.concat(taken);
}

function groups() {
  const out = [];
  for (const [code, list] of derived.byCode) {
    const first = report.findings[list[0]];
    const rule = (catalogue ||= mod.rules())[code] || {};
    let rows = false;
    let accounts = false;
    const files = new Set();
    for (const i of list) {
      const f = report.findings[i];
      rows ||= f.row != null;
      accounts ||= !!f.email;
      if (f.file) files.add(f.file);
    }
    out.push({
      code,
      severity: first.severity,
      count: list.length,
      message: first.message,
      rows,
      accounts,
      files: [...files], // which file boxes it concerns (column-guessed opens their column panels)
      fix: { zh: rule.fix_zh || "", en: rule.fix_en || "" },
      order: rule.order ?? 999,
    });
  }
  out.sort((a, b) => SEV_RANK[a.severity] - SEV_RANK[b.severity] || a.order - b.order);
  return out;
}

/** Facts the post-upgrade checklist is drawn from: code -> {n, values}. */
function checklist() {
  const out = {};
  for (const [code, list] of derived.byCode) {
    const values = new Set();
    for (const i of list.slice(0, 50)) {
      const v = report.findings[i].value;
      if (v) values.add(v);
    }
    out[code] = { n: list.length, values: [...values].slice(0, 10) };
  }
  return out;
}

function filtered(query) {
  const key = JSON.stringify(query || {});
  let idx = queries.get(key);
  if (idx) return idx;
  const { type = "", matched_by = "", has_findings = false, q = "", code = "" } = query || {};
  let withCode = null;
  if (code) {
    withCode = new Set();
    for (const j of derived.byCode.get(code) || []) if (report.findings[j].email) withCode.add(report.findings[j].email);
  }
  const needle = q.trim().toLowerCase();
  const as = report.assignments;
  const tmp = new Uint32Array(as.length);
  let n = 0;
  for (let i = 0; i < as.length; i++) {
    const a = as[i];
    if (type && a.type !== type) continue;
    if (matched_by) {
      if (matched_by === "none" ? a.matched_by != null : a.matched_by !== matched_by) continue;
    }
    if (has_findings && derived.worst[i] > 1) continue; // errors and warnings only
    if (withCode && !withCode.has(a.email)) continue;
    if (needle) {
      let h = derived.hay[i];
      if (h == null) {
        h = derived.hay[i] = [a.email, a.name, a.userid, a.wecom_name, a.evidence]
          .filter(Boolean)
          .join("\u0001")
          .toLowerCase();
      }
      if (!h.includes(needle)) continue;
    }
    tmp[n++] = i;
  }
  idx = tmp.slice(0, n);
  if (queries.size > 8) queries.delete(queries.keys().next().value);
  queries.set(key, idx);
  return idx;
}

function rows(query, offset, limit) {
  if (!report) return { total: 0, all: 0, rows: [] };
  const idx = filtered(query);
  const out = [];
  for (let k = offset; k < Math.min(idx.length, offset + limit); k++) {
    const i = idx[k];
    out.push({ ...report.assignments[i], nfind: derived.count[i], worst: derived.worst[i] });
  }
  return { total: idx.length, all: report.assignments.length, offset, rows: out };
}

function findingRows(code, offset, limit) {
  const list = (derived && derived.byCode.get(code)) || [];
  return {
    total: list.length,
    rows: list.slice(offset, offset + limit).map((i) => report.findings[i]),
  };
}

/** One account and every finding about it: those naming it, and those on its own row of the
 * Exmail file or its member's row of the WeCom file that name no account (an address too
 * broken to be a key, a mangled mobile, an invalid userid). */
function account(email) {
  if (!report) return null;
  const i = report.assignments.findIndex((a) => a.email === email);
  if (i < 0) return null;
  const a = report.assignments[i];
  const memberRow = a.userid ? memberRowOf(a.userid) : null;
  const own = new Set(derived.byEmail.get(email) || []);
  report.findings.forEach((f, j) => {
    if (f.email || f.row == null) return;
    if ((f.file === "exmail" && f.row === a.row) || (f.file === "wecom" && f.row === memberRow)) own.add(j);
  });
  const findings = [...own].sort((x, y) => x - y).map((j) => report.findings[j]);
  return { assignment: a, findings };
}

/** The WeCom file's row of a member (the first, if the userid is there twice). */
function memberRowOf(userid) {
  if (!derived.memberRows) {
    derived.memberRows = new Map();
    for (const m of run.members()) if (!derived.memberRows.has(m.userid)) derived.memberRows.set(m.userid, m.row);
  }
  return derived.memberRows.get(userid) ?? null;
}

/** Members matching `q`; with `name` (the account's own), members of that name come first as
 * suggestions (a name is never an automatic match, only a hint). */
function members(q, limit = 50, name = "") {
  const needle = (q || "").trim().toLowerCase();
  const same = (name || "").trim();
  const hits = [];
  if (!derived) return { total: 0, members: [] };
  if (!derived.members) derived.members = memberList();
  for (const m of derived.members) {
    if (needle && !(m.userid.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle)
      || m.department.toLowerCase().includes(needle))) continue;
    hits.push(m);
  }
  const suggested = same ? hits.filter((m) => m.name && m.name === same) : [];
  const rest = suggested.length ? hits.filter((m) => !(m.name && m.name === same)) : hits;
  const out = [...suggested.map((m) => ({ ...m, suggested: true })), ...rest].slice(0, limit);
  return { total: hits.length, members: out };
}

function exportFile(kind, format) {
  if (!run) throw new Error("nothing checked yet");
  const bytes = kind === "roster" ? run.exportRoster({ format }) : run.exportReport({ format });
  const copy = bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
  return { value: { bytes: copy }, transfer: [copy.buffer] };
}
