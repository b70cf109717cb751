// The upgrade's context (升级情况): the path, the enterprise name, the quota, the flags and the
// features in use, each with a line on what it changes; and the options object a check gets
// from them (with the file-reading corrections and the admin's decisions).
//
// `host` is the <roster-check> element: t, help, lang, ctx (the answers it owns), read,
// overrides, checkedOnce, alertEls, optionsChanged(), runCheck().
import { h } from "./dom.js";
import { updateFileNeeds } from "./files-panel.js";
import { KINDS } from "./mapping-panel.js";

export const FEATURES = ["member_password", "rtx", "password_rotation", "netdisk", "announcements", "signature",
  "public_address_book", "business_card", "sso"];
export const FLAGS = ["target_paid", "wecom_api_email_param", "exmail_contacts_api", "wecom_contacts_api",
  "department_backup_rules"];
let uid = 0;

export function renderContext(host) {
  const t = host.t;
  const help = host.help;
  const c = host.ctx;
  const changed = () => host.optionsChanged();
  // Each option says in one line what it changes (read with it: aria-describedby).
  const note = (id, text) => h("p", { class: "rc-hint rc-opt-help", id, text });
  const check = (key, label) => {
    const id = `rc-${key}-${++uid}`;
    return h("div", { class: "rc-check rc-opt" },
      h("input", { type: "checkbox", id, name: key, checked: c[key], "aria-describedby": `${id}-help`,
        on: { change: (e) => { c[key] = e.target.checked; changed(); } } }),
      h("label", { for: id, text: label }),
      note(`${id}-help`, help[`opt_${key}`]));
  };
  const nameId = `rc-ename-${++uid}`;
  const quotaId = `rc-quota-${++uid}`;
  const domId = `rc-dom-${++uid}`;
  const featId = `rc-feats-${++uid}`;
  const ename = h("div", { class: "rc-field rc-ename", hidden: c.path !== "new" },
    h("label", { for: nameId, text: t.enterprise_name }),
    h("input", { type: "text", id: nameId, name: "enterprise_name", value: c.enterprise_name, autocomplete: "organization",
      "aria-describedby": `${nameId}-help`,
      on: { change: (e) => { c.enterprise_name = e.target.value; changed(); } } }),
    note(`${nameId}-help`, help.opt_enterprise_name));
  const radios = ["bind", "new"].map((p) => {
    const id = `rc-path-${p}-${++uid}`;
    return h("div", { class: "rc-check rc-opt" },
      h("input", { type: "radio", name: "path", id, value: p, checked: c.path === p, "aria-describedby": `${id}-help`,
        on: { change: () => { c.path = p; ename.hidden = p !== "new"; updateFileNeeds(host); changed(); } } }),
      h("label", { for: id, text: t[`path_${p}`] }),
      note(`${id}-help`, help[`opt_path_${p}`]));
  });
  const feats = FEATURES.map((f) => {
    const id = `rc-feat-${f}-${++uid}`;
    return h("div", { class: "rc-check" },
      h("input", { type: "checkbox", id, name: "features_in_use", value: f, checked: c.features_in_use.has(f),
        on: { change: (e) => { e.target.checked ? c.features_in_use.add(f) : c.features_in_use.delete(f); changed(); } } }),
      h("label", { for: id, text: t[`f_${f}`] }));
  });
  return h("section", { class: "rc-context", "aria-labelledby": "rc-h-context" },
    h("h2", { id: "rc-h-context", text: t.context }),
    h("div", { class: "rc-context-grid" },
      h("fieldset", { class: "rc-fs" }, h("legend", { text: t.path }), radios, ename),
      h("div", { class: "rc-flags" },
        h("div", { class: "rc-field" },
          h("label", { for: quotaId, text: t.advanced_quota }),
          h("input", { type: "number", id: quotaId, name: "advanced_quota", min: "0", step: "1", inputMode: "numeric",
            value: c.advanced_quota, "aria-describedby": `${quotaId}-help`,
            on: { change: (e) => { c.advanced_quota = e.target.value; changed(); } } }),
          note(`${quotaId}-help`, help.opt_advanced_quota)),
        FLAGS.map((f) => check(f, t[f]))),
      h("fieldset", { class: "rc-fs rc-features", "aria-describedby": featId },
        h("legend", { text: t.features }), note(featId, help.opt_features), feats),
      h("div", { class: "rc-field rc-domains" },
        h("label", { for: domId, text: t.domains }),
        h("input", { type: "text", id: domId, name: "domains", value: c.domains, spellcheck: false,
          "aria-describedby": `${domId}-help`,
          on: { change: (e) => { c.domains = e.target.value; changed(); } } }),
        note(`${domId}-help`, help.opt_domains))),
    (host.alertEls.options = h("div", { class: "rc-error", role: "alert", "data-alert-for": "options" })),
    h("div", { class: "rc-actions" },
      h("button", { type: "button", name: "check", class: "rc-btn rc-primary", text: host.checkedOnce ? t.recheck : t.check,
        on: { click: () => host.runCheck() } })));
}

/** The options of a check: the context, the reading corrections, the decisions, the language. */
export function checkOptions(host) {
  const c = host.ctx;
  const quota = c.advanced_quota === "" ? null : Math.max(0, Math.floor(Number(c.advanced_quota)));
  const o = {
    path: c.path,
    advanced_quota: Number.isFinite(quota) ? quota : null,
    features_in_use: FEATURES.filter((f) => c.features_in_use.has(f)),
    // As typed: spaces around it are a finding of their own (the wizard keeps them too).
    enterprise_name: c.path === "new" && c.enterprise_name.trim() ? c.enterprise_name : null,
    domains: c.domains.split(/[,，;；\s]+/).map((d) => d.trim().replace(/^@/, "")).filter(Boolean),
    overrides: Object.fromEntries(host.overrides),
    lang: host.lang,
  };
  for (const f of FLAGS) o[f] = c[f];
  for (const k of KINDS) {
    const r = host.read[k];
    const ro = {};
    if (r.encoding) ro.encoding = r.encoding;
    if (r.sheet) ro.sheet = r.sheet;
    if (r.header_row) ro.header_row = r.header_row;
    if (r.columns && Object.keys(r.columns).length) ro.columns = { ...r.columns };
    if (Object.keys(ro).length) o[`${k}_file`] = ro;
  }
  return o;
}
