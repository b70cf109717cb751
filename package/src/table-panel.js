// The account table: its filters (type, evidence, "only with findings", search, a finding
// code's chip), the count, and the virtual rows (vtable.js) paged from the worker, where the
// module filters them (Check.filter).
//
// `host` is the <roster-check> element: engine, t, query (the filter it owns), result,
// openSettle(email).
import { h } from "./dom.js";
import { fmt, word } from "./i18n.js";
import { VTable } from "./vtable.js";

const TYPES = ["member", "other", "unassigned"];
const MATCHED = ["wechat_id", "biz_mail", "email", "mobile", "roster", "override", "path_new"];
const CELLS = ["email", "name", "type", "member", "why", "findings", "action"];
let uid = 0;

/** The table's section (hidden until a result); its parts are kept on `host`. */
export function renderTable(host) {
  const t = host.t;
  const q = host.query;
  const sel = (name, label, options, value, set) => {
    const id = `rc-${name}-${++uid}`;
    return h("div", { class: "rc-field rc-inline" },
      h("label", { for: id, text: label }),
      h("select", { id, name, on: { change: (e) => set(e.target.value) } },
        options.map(([v, text]) => h("option", { value: v, selected: v === value, text }))));
  };
  const searchId = `rc-search-${++uid}`;
  const hasId = `rc-has-${++uid}`;
  let timer = 0;
  host.countEl = h("p", { class: "rc-hint rc-rowcount", "aria-live": "polite" });
  const head = h("div", { class: "rc-tr rc-th", role: "row", "aria-rowindex": "1" },
    CELLS.map((k) => h("div", { role: "columnheader", class: `rc-td rc-c-t_${k}`, text: t[`t_${k}`] })));
  host.spacer = h("div", { class: "rc-vspacer", role: "rowgroup" });
  // Not focusable itself: each row's button is reachable in order (vtable.js).
  host.scroller = h("div", { class: "rc-vscroll" }, host.spacer);
  host.scroller.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-email]");
    if (b) host.openSettle(b.dataset.email);
  });
  const setQuery = (part) => {
    Object.assign(host.query, part);
    reloadRows(host, false);
  };
  host.tableEl = h("section", { class: "rc-accounts", "aria-labelledby": "rc-h-table", hidden: !host.result },
    h("h2", { id: "rc-h-table", text: t.table }),
    h("div", { class: "rc-filters" },
      sel("filter-type", t.filter_type,
        [["", t.filter_any], ...TYPES.map((k) => [k, k])],
        q.type, (v) => setQuery({ type: v })),
      sel("filter-matched", t.filter_matched,
        [["", t.filter_any], ...MATCHED.map((m) => [m, m]), ["none", t.filter_none]],
        q.matched_by, (v) => setQuery({ matched_by: v })),
      h("div", { class: "rc-check" },
        h("input", { type: "checkbox", id: hasId, name: "filter-findings", checked: q.has_findings,
          on: { change: (e) => setQuery({ has_findings: e.target.checked }) } }),
        h("label", { for: hasId, text: t.filter_findings })),
      h("div", { class: "rc-field rc-inline rc-grow" },
        h("label", { for: searchId, class: "rc-sr", text: t.search }),
        h("input", { type: "search", id: searchId, name: "search", placeholder: t.search, value: q.q,
          // The value is read now: once the event is dispatched, its target (in the shadow
          // root) is null.
          on: { input: (e) => { const q = e.target.value; clearTimeout(timer); timer = setTimeout(() => setQuery({ q }), 200); } } }))),
    (host.chipEl = h("p", { class: "rc-chip-row", hidden: true })),
    host.countEl,
    h("div", { class: "rc-table", role: "table", "aria-label": t.table, "aria-rowcount": "1" },
      h("div", { class: "rc-thead", role: "rowgroup" }, head),
      host.scroller));
  host.vtable = new VTable(host.scroller, host.spacer, {
    fetchPage: (offset, limit) => host.engine.call("rows", { query: host.query, offset, limit }),
    make: makeRow,
    fill: (el, a) => fillRow(host, el, a),
    control: (el) => el._btn,
  });
  return host.tableEl;
}

/** The type and evidence filters' options in the engine's words(), which the element has from
 * its first check on (the table is hidden until then). */
export function labelFilters(host) {
  for (const [name, kind] of [["filter-type", "type"], ["filter-matched", "matched_by"]]) {
    for (const option of host.tableEl.querySelectorAll(`select[name=${name}] option`)) {
      if (option.value && option.value !== "none") option.textContent = word(host.words, kind, option.value, host.lang);
    }
  }
}

function makeRow() {
  const cells = CELLS.map((c) => h("div", { role: "cell", class: `rc-td rc-c-t_${c}` }));
  const btn = h("button", { type: "button", class: "rc-btn rc-small", name: "settle" });
  cells[6].append(btn);
  const el = h("div", { class: "rc-tr", role: "row" }, cells);
  el._cells = cells;
  el._btn = btn;
  return el;
}

function fillRow(host, el, a) {
  const t = host.t;
  const say = (kind, key) => word(host.words, kind, key, host.lang);
  const [email, name, type, member, why, finds] = el._cells;
  el.classList.toggle("rc-loading", !a);
  if (!a) {
    for (const c of [email, name, type, member, why, finds]) c.textContent = "";
    email.textContent = "…";
    el._btn.textContent = t.settle;
    el._btn.setAttribute("aria-disabled", "true"); // inert, not hidden: it may hold the focus
    el._btn.removeAttribute("data-email");
    el._btn.setAttribute("aria-label", `${t.settle} …`);
    for (const k of ["email", "type", "matchedBy"]) delete el.dataset[k];
    return;
  }
  el._btn.removeAttribute("aria-disabled");
  email.textContent = a.email;
  email.title = a.email;
  name.textContent = a.name;
  type.textContent = say("type", a.type);
  type.className = `rc-td rc-c-t_type rc-type-${a.type}`;
  member.textContent = a.userid ? (a.wecom_name ? `${a.wecom_name} · ${a.userid}` : a.userid) : "";
  member.title = member.textContent;
  why.textContent = a.matched_by
    ? (a.evidence ? `${say("matched_by", a.matched_by)}: ${a.evidence}` : say("matched_by", a.matched_by))
    : t.why_none;
  why.title = why.textContent;
  why.className = `rc-td rc-c-t_why rc-mb-${a.matched_by || "none"}`;
  finds.textContent = a.nfind ? String(a.nfind) : "";
  finds.dataset.label = t.t_findings;
  finds.className = `rc-td rc-c-t_findings rc-worst-${a.worst}`;
  el._btn.textContent = t.settle;
  el._btn.dataset.email = a.email;
  el._btn.setAttribute("aria-label", `${t.settle} ${a.email}`);
  el.dataset.email = a.email;
  el.dataset.type = a.type;
  el.dataset.matchedBy = a.matched_by || "";
}

/** The rows again after the filter or the result changed (`keepScroll`: the same filter, a new
 * result). */
export async function reloadRows(host, keepScroll) {
  const res = await host.engine.call("rows", { query: host.query, offset: 0, limit: 0 }).catch(() => null);
  if (!res) return;
  host.countEl.textContent = fmt(host.t.rows_shown, { n: res.total, total: res.all });
  host.scroller.closest("[role=table]").setAttribute("aria-rowcount", String(res.total + 1));
  if (keepScroll) host.vtable.refresh(res.total);
  else host.vtable.reset(res.total);
}

/** One account in the table: every other filter cleared, its address searched. */
export function showInTable(host, email) {
  const root = host.shadowRoot;
  host.query = { type: "", matched_by: "", has_findings: false, q: email, code: "" };
  renderCodeChip(host);
  const search = root.querySelector("input[name=search]");
  if (search) search.value = email;
  for (const n of ["filter-type", "filter-matched"]) {
    const s = root.querySelector(`select[name=${n}]`);
    if (s) s.value = "";
  }
  const hf = root.querySelector("input[name=filter-findings]");
  if (hf) hf.checked = false;
  reloadRows(host, false);
  host.tableEl.scrollIntoView({ block: "start" });
}

/** The table narrowed to the accounts one finding code names. */
export function filterCode(host, code) {
  host.query.code = code;
  renderCodeChip(host);
  reloadRows(host, false);
  host.tableEl.scrollIntoView({ block: "start" });
}

/** The chip naming the finding code the table is narrowed to (its title, in the page's language). */
export function renderCodeChip(host) {
  const t = host.t;
  const code = host.query.code;
  const title = host.result?.groups.find((g) => g.code === code)?.title || code;
  host.chipEl.hidden = !code;
  host.chipEl.replaceChildren(...(code ? [
    h("span", { class: "rc-chip" }, `${t.t_findings}: ${title}`,
      h("button", { type: "button", class: "rc-chip-x", name: "clear-code", "aria-label": t.clear_filter, text: "×",
        on: { click: () => { host.query.code = ""; renderCodeChip(host); reloadRows(host, false); } } }))] : []));
}
