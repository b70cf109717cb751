// The findings, grouped by code as the module groups them (Check.groups: errors first, then in
// catalogue order), each group with its title, an example and the fix in the page's language,
// and its findings' rows paged from the worker; and the checklist of what to do after the
// upgrade. Every text about a finding comes from the engine (messages(lang), rules(), words()).
//
// `host` is the <roster-check> element: engine, t, lang, words, ctx, findingsEl, checklistEl.
import { h } from "./dom.js";
import { fmt, word } from "./i18n.js";
import { filterCode, showInTable } from "./table-panel.js";

const PAGE = 50;
let uid = 0;

export function renderGroups(host, groups) {
  const t = host.t;
  const list = groups.map((g) => {
    const body = h("div", { class: "rc-group-body" },
      h("p", { class: "rc-fix" }, h("strong", { text: t.fix }), g.fix),
      g.accounts ? h("button", { type: "button", class: "rc-link", name: "filter-code", "data-code": g.code,
        text: t.only_these, on: { click: () => filterCode(host, g.code) } }) : null);
    const det = h("details", { class: `rc-group rc-sev-${g.severity}`, "data-code": g.code },
      h("summary", {},
        h("span", { class: `rc-badge rc-badge-${g.severity}`, text: word(host.words, "severity", g.severity, host.lang) }),
        h("span", { class: "rc-group-msg" },
          h("span", { class: "rc-group-title", text: g.count > 1 ? g.title || g.message : g.message }),
          g.count > 1 ? h("span", { class: "rc-group-eg", text: g.message }) : null),
        h("span", { class: "rc-group-meta" },
          h("code", { text: g.code }),
          h("span", { class: "rc-group-count", "data-count": g.code, text: String(g.count) }))),
      body);
    det.addEventListener("toggle", () => {
      if (det.open && !det._loaded) {
        det._loaded = true;
        loadFindingRows(host, g, body, 0);
      }
    });
    return det;
  });
  host.findingsEl.replaceChildren(
    h("h2", { id: "rc-h-findings", text: t.findings }),
    list.length ? h("div", { class: "rc-groups" }, list) : h("p", { text: t.no_findings }));
}

async function loadFindingRows(host, g, body, offset) {
  const t = host.t;
  const lang = host.lang;
  const res = await host.engine.call("findings", { code: g.code, offset, limit: PAGE, lang });
  let table = body.querySelector("table");
  if (!table) {
    table = h("table", { class: "rc-ftable" },
      h("thead", {}, h("tr", {}, ["f_file", "f_row", "f_field", "f_value", "f_message", ""].map((k) =>
        h("th", { scope: "col", text: k ? t[k] : "" })))),
      h("tbody"));
    body.append(h("div", { class: "rc-ftable-wrap" }, table));
  }
  const tbody = table.tBodies[0];
  for (const f of res.rows) {
    tbody.append(h("tr", {},
      h("td", { text: f.file ? word(host.words, "file", f.file, lang) : "" }),
      h("td", { class: "rc-num-cell", text: f.row ?? "" }),
      h("td", { text: f.field ? word(host.words, "field", f.field, lang) : "" }),
      h("td", { class: "rc-val", text: f.value ?? "" }),
      h("td", { text: f.message }),
      h("td", {}, f.email ? h("button", { type: "button", class: "rc-link", text: t.view_in_table,
        on: { click: () => showInTable(host, f.email) } }) : null)));
  }
  body.querySelector(".rc-more")?.remove();
  const shown = offset + res.rows.length;
  if (shown < res.total) {
    body.append(h("button", { type: "button", class: "rc-link rc-more",
      text: fmt(t.show_more, { n: Math.min(PAGE, res.total - shown) }),
      on: { click: () => loadFindingRows(host, g, body, shown) } }));
  }
}

/** What to do after the upgrade, from the facts of the findings (code -> {n, values}). */
export function renderChecklist(host, facts, features) {
  const t = host.t;
  const items = [];
  const add = (code, key, extra = {}) => {
    const f = facts[code];
    if (f) items.push(h("li", { "data-code": code, text: fmt(t[key], { n: f.n, v: f.values.join("、"), ...extra }) }));
  };
  add("target-mail-deleted", "cl_target_mail_deleted");
  add("department-backup-rules", "cl_department_backup_rules");
  add("department-settings", "cl_department_settings");
  add("other-mailbox-login", "cl_other_mailbox_login");
  add("wecom-member-no-mailbox", "cl_wecom_member_no_mailbox");
  add("quota-exceeded", "cl_quota_exceeded");
  // The first four features are dropped by the upgrade, the others not supported yet.
  const feats = (dropped) => features.filter((f, i) => host.ctx.features_in_use.has(f) && (i < 4) === dropped)
    .map((f) => t[`f_${f}`]).join(host.lang === "en" ? ", " : "、");
  add("feature-dropped", "cl_feature_dropped", { v: feats(true) });
  add("feature-pending", "cl_feature_pending", { v: feats(false) });
  add("disabled-account", "cl_disabled_account");
  items.push(h("li", { "data-code": "public", text: t.cl_public }));
  host.checklistEl.replaceChildren(
    h("h2", { id: "rc-h-checklist", text: t.checklist }),
    h("ul", { class: "rc-cl" }, items.map((li) => {
      const id = `rc-cl-${++uid}`;
      const text = li.textContent;
      li.textContent = "";
      li.append(h("input", { type: "checkbox", id }), h("label", { for: id, text }));
      return li;
    })));
}
