// The page's worker: runs the wasm checker and keeps the (possibly large) report here, so the
// main thread only ever receives a summary, the finding groups and one page of rows at a time.
// Grouping, ordering, filtering and the member picker's list are the module's (Check.groups,
// filter, accounts, findingsOf, pickMembers): this file only pages through them.
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
let facts = null; // run.accounts(): per assignment, how many findings and the worst
let groups = null; // run.groups(): the findings by code, errors first, in catalogue order
let memberRows = null; // userid -> its WeCom row, built when the settle dialog first needs it
let checkLang = "zh"; // the language the report's own messages are in
const messages = new Map(); // lang -> every finding's message in it (run.messages), on demand
const queries = new Map(); // filter key -> Uint32Array of assignment indexes (small LRU)
let catalogue = null; // the module's rules(): titles and fixes in every language

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
    case "words":
      await load();
      return mod.words();
    case "check":
      return check(msg);
    case "view":
      return report ? view(msg.lang) : null;
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
  forget();
  run = next;
  report = nextReport;
  checkLang = msg.options?.lang || "zh";
  const t2 = performance.now();
  facts = run.accounts();
  groups = run.groups(checkLang);
  const t3 = performance.now();
  return {
    summary: report.summary,
    inputs: report.inputs,
    ...view(checkLang),
    checklist: checklist(),
    timing: { check: t1 - t0, report: t2 - t1, index: t3 - t2 },
  };
}

function forget() {
  if (run) run.free();
  run = null;
  report = null;
  facts = null;
  groups = null;
  memberRows = null;
  messages.clear();
  queries.clear();
}

/** Every finding's message in `lang`: the report's own, or the module's rendering of the same
 * findings (no second check). */
function messagesIn(lang) {
  if (lang === checkLang) return null;
  let list = messages.get(lang);
  if (!list) messages.set(lang, (list = run.messages(lang)));
  return list;
}

function withMessage(i, list) {
  const f = report.findings[i];
  return list ? { ...f, message: list[i] } : f;
}

/** What the page draws of the findings in `lang`: the module's groups (errors first, then in
 * catalogue order), each with its title, an example message, the fix, and the files it is about. */
function view(lang) {
  catalogue ||= mod.rules();
  const list = messagesIn(lang);
  const shown = groups.map((g) => {
    const first = g.findings[0];
    const files = new Set();
    for (const i of g.findings) {
      const file = report.findings[i].file;
      if (file) files.add(file);
    }
    return {
      code: g.code,
      severity: g.severity,
      count: g.count,
      title: catalogue[g.code]?.title?.[lang] ?? g.title,
      message: list ? list[first] : report.findings[first].message,
      fix: catalogue[g.code]?.fix?.[lang] ?? "",
      rows: g.rows,
      accounts: g.accounts,
      files: [...files], // which file boxes it concerns (column-guessed opens their column panels)
    };
  });
  return { lang, groups: shown };
}

/** Facts the post-upgrade checklist is drawn from: code -> {n, values}. */
function checklist() {
  const out = {};
  for (const g of groups) {
    const values = new Set();
    for (const i of g.findings.slice(0, 50)) {
      const v = report.findings[i].value;
      if (v) values.add(v);
    }
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
  if (!report) return { total: 0, all: 0, rows: [] };
  const idx = filtered(query);
  const out = [];
  for (let k = offset; k < Math.min(idx.length, offset + limit); k++) {
    const i = idx[k];
    out.push({ ...report.assignments[i], nfind: facts.count[i], worst: facts.worst[i] });
  }
  return { total: idx.length, all: report.assignments.length, offset, rows: out };
}

function findingRows(code, offset, limit, lang = checkLang) {
  if (!report) return { total: 0, rows: [] };
  const group = groups.find((g) => g.code === code);
  const list = group ? group.findings : [];
  const texts = messagesIn(lang);
  return {
    total: list.length,
    rows: [...list.slice(offset, offset + limit)].map((i) => withMessage(i, texts)),
  };
}

/** One account and every finding about it: those naming it (the module's findingsOf), and
 * those on its own row of the Exmail file or its member's row of the WeCom file that name no
 * account (an address too broken to be a key, a mangled mobile, an invalid userid). */
function account(email, lang = checkLang) {
  if (!report) return null;
  const i = report.assignments.findIndex((a) => a.email === email);
  if (i < 0) return null;
  const a = report.assignments[i];
  const memberRow = a.userid ? memberRowOf(a.userid) : null;
  const own = new Set(run.findingsOf(email));
  report.findings.forEach((f, j) => {
    if (f.email || f.row == null) return;
    if ((f.file === "exmail" && f.row === a.row) || (f.file === "wecom" && f.row === memberRow)) own.add(j);
  });
  const texts = messagesIn(lang);
  const findings = [...own].sort((x, y) => x - y).map((j) => withMessage(j, texts));
  return { assignment: a, findings };
}

/** The WeCom file's row of a member (the first, if the userid is there twice). */
function memberRowOf(userid) {
  if (!memberRows) {
    memberRows = new Map();
    for (const m of run.members()) if (!memberRows.has(m.userid)) memberRows.set(m.userid, m.row);
  }
  return memberRows.get(userid) ?? null;
}

function exportFile(kind, format, lang) {
  if (!run) throw new Error("nothing checked yet");
  const bytes = kind === "roster" ? run.exportRoster({ format }) : run.exportReport({ format, lang: lang || null });
  const copy = bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
  return { value: { bytes: copy }, transfer: [copy.buffer] };
}
