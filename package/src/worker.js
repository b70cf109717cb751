// The page's worker: runs the wasm checker and keeps its handle here, so the main thread only
// ever receives a summary, the finding groups and one page of rows at a time. The report stays
// in wasm: this file never calls report(), it reads head(), assignmentsAt and findingsAt for what
// is shown, and keeps no JS object per account.
// Grouping, ordering, filtering and the member picker's list are the module's (Check.groups,
// filter, accounts, findingsOf, pickMembers): this file only pages through them.
//
// Protocol (main → worker): { id, op, ... }; replies { id, ok: true, result } or
// { id, ok: false, error, poisoned }; progress { type: "progress", id, stage }.
// Bundled with wasm-bindgen's glue by package/build.mjs: the wasm is found beside the bundle
// (`new URL("roster_check_bg.wasm", import.meta.url)` in the glue, which bundlers follow).
import init, * as mod from "../../pkg/roster_check.js";
import { failureFields, wasmBlocked } from "./errors.js";

let ready = null; // Promise of the initialised module (its wasm exports)
const files = { exmail: null, wecom: null, roster: null }; // Uint8Array: the original bytes
let run = null; // the module's Check handle: the report stays in wasm, read through its lazy view
let head = null; // run.head(): the summary and how each file was read, without the lists
let facts = null; // run.accounts(): per assignment, how many findings and the worst
let groups = null; // run.groups(): the findings by code, errors first, in catalogue order
let samples = null; // code -> its first findings (findingsAt): the example message, the checklist
let rowFindings = null; // "file:row" -> findings naming that row but no account, built on demand
let memberRows = null; // userid -> its first WeCom row, only for rows in rowFindings
let checkLang = "zh"; // the language the report's own messages are in
const messages = new Map(); // lang -> every finding's message in it (run.messages), on demand
const queries = new Map(); // filter key -> Uint32Array of assignment indexes (small LRU)
let catalogue = null; // the module's rules(): titles and fixes in every language
const SAMPLE = 50; // findings per group read at check time (the checklist's values come from them)
const CHUNK = 8192; // findings per findingsAt call when scanning a group (bounds the objects alive)

function load() {
  if (!ready) {
    ready = init().catch((err) => {
      ready = null; // a later call tries again (the policy or the file may have been fixed)
      throw wasmBlocked(err);
    });
  }
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
    case "words":
      await load();
      return mod.words();
    case "check":
      return check(msg);
    case "view":
      return run ? view(msg.lang) : null;
    case "rows":
      return rows(msg.query, msg.offset, msg.limit);
    case "findings":
      return findingRows(msg.code, msg.offset, msg.limit, msg.lang);
    case "account":
      return account(msg.email, msg.lang);
    case "members":
      return run ? run.pickMembers(msg.q || "", msg.name || "", msg.limit ?? 50) : { total: 0, members: [] };
    case "support":
      if (!run) throw new Error("nothing checked yet");
      return run.supportSummary();
    case "export":
      return exportFile(msg.kind, msg.format, msg.lang);
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

async function check(msg) {
  const progress = (stage) => self.postMessage({ type: "progress", id: msg.id, stage });
  progress("load");
  const wasm = await load();
  // On path `new` there is no WeCom yet: the engine checks the Exmail list alone.
  const wecomNeeded = msg.options?.path !== "new";
  if (!files.exmail || (wecomNeeded && !files.wecom)) throw new Error("a required file is missing");
  // The last result goes first: the next check reuses its memory (the wasm memory never
  // shrinks; two results alive at once doubled it at 1M), and a failed check leaves nothing
  // to export. Nothing else runs in this worker while it checks.
  forget();
  const t0 = performance.now();
  const next = mod.check({
    exmail: files.exmail,
    wecom: files.wecom,
    roster: files.roster,
    options: msg.options,
    onProgress: progress,
  });
  const t1 = performance.now();
  progress("index");
  run = next;
  head = run.head();
  checkLang = msg.options?.lang || "zh";
  const t2 = performance.now();
  facts = run.accounts();
  groups = run.groups(checkLang);
  samples = sampleFindings(groups);
  const t3 = performance.now();
  return {
    summary: head.summary,
    inputs: head.inputs,
    ...view(checkLang),
    checklist: checklist(),
    // report: the summary and inputs (head()); index: facts, groups and their first findings.
    // memory: the wasm memory's size after the check (it never shrinks), in bytes.
    timing: { check: t1 - t0, report: t2 - t1, index: t3 - t2, memory: wasm.memory.buffer.byteLength },
  };
}

function forget() {
  if (run) run.free();
  run = null;
  head = null;
  facts = null;
  groups = null;
  samples = null;
  rowFindings = null;
  memberRows = null;
  messages.clear();
  queries.clear();
}

/** Each group's first findings, in one call: what the page shows of a group before it is opened. */
function sampleFindings(list) {
  const indexes = [];
  for (const g of list) for (const i of g.findings.slice(0, SAMPLE)) indexes.push(i);
  const found = run.findingsAt(Uint32Array.from(indexes));
  const out = new Map();
  let k = 0;
  for (const g of list) {
    const n = Math.min(g.findings.length, SAMPLE);
    out.set(g.code, found.slice(k, k + n));
    k += n;
  }
  return out;
}

/** Calls `each(finding, index)` for these findings, a chunk at a time (no list of them kept). */
function scanFindings(indexes, each) {
  for (let at = 0; at < indexes.length; at += CHUNK) {
    const part = Uint32Array.from(indexes.slice(at, at + CHUNK));
    run.findingsAt(part).forEach((f, k) => each(f, part[k]));
  }
}

/** Every finding's message in `lang`: the report's own, or the module's rendering of the same
 * findings (no second check). */
function messagesIn(lang) {
  if (lang === checkLang) return null;
  let list = messages.get(lang);
  if (!list) messages.set(lang, (list = run.messages(lang)));
  return list;
}

/** The findings at these indexes, their messages in `lang`. */
function findingsIn(indexes, lang) {
  if (!indexes.length) return [];
  const texts = messagesIn(lang);
  const found = run.findingsAt(Uint32Array.from(indexes));
  return texts ? found.map((f, k) => ({ ...f, message: texts[indexes[k]] })) : found;
}

/** The files a group's findings are about, for groups naming no account (a file, a column, a
 * header, a row too broken to name one: the page opens the column panels of column-guessed's and
 * missing-column's files). A group naming accounts may hold a finding per account, and reading
 * them all here would cost what the lazy view saves: its files are left out. */
function filesOf(g) {
  if (g.accounts) return undefined;
  const out = new Set();
  scanFindings(g.findings, (f) => f.file && out.add(f.file));
  return [...out];
}

/** What the page draws of the findings in `lang`: the module's groups (errors first, then in
 * catalogue order), each with its title, an example message, the fix, and (for groups naming no
 * account) the files it is about. */
function view(lang) {
  catalogue ||= mod.rules();
  const list = messagesIn(lang);
  const shown = groups.map((g) => ({
    code: g.code,
    severity: g.severity,
    count: g.count,
    title: catalogue[g.code]?.title?.[lang] ?? g.title,
    message: list ? list[g.findings[0]] : samples.get(g.code)[0].message,
    fix: catalogue[g.code]?.fix?.[lang] ?? "",
    rows: g.rows,
    accounts: g.accounts,
    confirm: catalogue[g.code]?.confirm ?? false, // its findings may leave the roster to confirm
    files: filesOf(g), // which file boxes it concerns (column-guessed opens their column panels)
  }));
  return { lang, groups: shown };
}

/** Facts the post-upgrade checklist is drawn from: code -> {n, values}. */
function checklist() {
  const out = {};
  for (const g of groups) {
    const values = new Set();
    for (const f of samples.get(g.code)) if (f.value) values.add(f.value);
    out[g.code] = { n: g.count, values: [...values].slice(0, 10) };
  }
  return out;
}

/** The module's filter, without the parts left empty, kept for paging (a small LRU). */
function filtered(query = {}) {
  const q = {};
  for (const [k, v] of Object.entries(query)) if (v !== "" && v !== false && v != null) q[k] = v;
  const key = JSON.stringify(q);
  let idx = queries.get(key);
  if (idx) return idx;
  idx = run.filter(q);
  if (queries.size > 8) queries.delete(queries.keys().next().value);
  queries.set(key, idx);
  return idx;
}

function rows(query, offset, limit) {
  if (!run) return { total: 0, all: 0, rows: [] };
  const idx = filtered(query);
  const page = idx.subarray(offset, Math.max(offset, Math.min(idx.length, offset + limit)));
  const shown = page.length ? run.assignmentsAt(page) : [];
  const out = shown.map((a, k) => ({ ...a, nfind: facts.count[page[k]], worst: facts.worst[page[k]] }));
  return { total: idx.length, all: facts.count.length, offset, rows: out };
}

function findingRows(code, offset, limit, lang = checkLang) {
  if (!run) return { total: 0, rows: [] };
  const group = groups.find((g) => g.code === code);
  const list = group ? group.findings : [];
  return { total: list.length, rows: findingsIn(list.slice(offset, offset + limit), lang) };
}

/** The assignment of `email` and its index: the module's filter narrows the search to the
 * accounts whose text holds the address, the exact one is picked from those. */
function assignmentOf(email) {
  const hits = run.filter({ q: email });
  const found = hits.length ? run.assignmentsAt(hits) : [];
  const k = found.findIndex((a) => a.email === email);
  return k < 0 ? null : { index: hits[k], assignment: found[k] };
}

/** One account and every finding about it: those naming it (the module's findingsOf), and
 * those on its own row of the Exmail file or its member's row of the WeCom file that name no
 * account (an address too broken to be a key, a mangled mobile, an invalid userid). */
function account(email, lang = checkLang) {
  if (!run) return null;
  const hit = assignmentOf(email);
  if (!hit) return null;
  const a = hit.assignment;
  const byRow = findingsOnRows();
  const own = new Set(run.findingsOf(email));
  for (const j of byRow.get(`exmail:${a.row}`) ?? []) own.add(j);
  const memberRow = a.userid ? memberRowOf(a.userid) : null;
  if (memberRow != null) for (const j of byRow.get(`wecom:${memberRow}`) ?? []) own.add(j);
  return { assignment: a, findings: findingsIn([...own].sort((x, y) => x - y), lang) };
}

/** "file:row" -> the findings on that row of the Exmail or WeCom file that name no account,
 * read once from the groups that name rows. */
function findingsOnRows() {
  if (rowFindings) return rowFindings;
  rowFindings = new Map();
  for (const g of groups) {
    if (!g.rows) continue;
    scanFindings(g.findings, (f, j) => {
      if (f.email || f.row == null || (f.file !== "exmail" && f.file !== "wecom")) return;
      const key = `${f.file}:${f.row}`;
      const list = rowFindings.get(key);
      if (list) list.push(j);
      else rowFindings.set(key, [j]);
    });
  }
  return rowFindings;
}

/** The WeCom file's row of a member (the first, if the userid is there twice), kept only for the
 * members whose first row has a finding naming no account: no table of every member. */
function memberRowOf(userid) {
  if (!memberRows) {
    memberRows = new Map();
    const wanted = new Set();
    for (const key of findingsOnRows().keys()) if (key.startsWith("wecom:")) wanted.add(Number(key.slice(6)));
    if (wanted.size) {
      const first = new Set(); // userids seen, in file order
      const listed = run.members();
      const named = new Set(listed.filter((m) => wanted.has(m.row)).map((m) => m.userid));
      for (const m of listed) {
        if (!named.has(m.userid) || first.has(m.userid)) continue;
        first.add(m.userid);
        memberRows.set(m.userid, m.row);
      }
    }
  }
  return memberRows.get(userid) ?? null;
}

function exportFile(kind, format, lang) {
  if (!run) throw new Error("nothing checked yet");
  const bytes = kind === "roster" ? run.exportRoster({ format }) : run.exportReport({ format, lang: lang || null });
  const copy = bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
  return { value: { bytes: copy }, transfer: [copy.buffer] };
}
