// <roster-check>: the whole page as one custom element, drawn in its own open shadow root so
// that no rule of the host page reaches it (the contract hooks are still found through the open
// root: Playwright, Puppeteer and assistive technology look inside). Every cell of the user's
// files is rendered with textContent, never as HTML. The checking runs in ./worker.js; this
// thread only draws. Built into the package's element.js by package/build.mjs.
//
//   <script type="module" src=".../roster-check/element.js"></script>
//   <roster-check lang="zh" path="bind"></roster-check>
//   (add `sample`, or open the page with `?sample`, to start on the built-in sample company)
//
// Events (bubbling): `result` (detail: the report summary), `export` (detail: {kind, format}),
// `check-error` (detail: {message, file, code}).
import { STRINGS, TITLES, fmt, hasLang, loadLang } from "./i18n.js";
import { VTable } from "./vtable.js";
import { h } from "./dom.js";
import { HELP } from "./help.js";
import { describeFailure } from "./errors.js";
import { confirmStep } from "./confirm.js";
import { openSettle } from "./settle-dialog.js";
import { sha256Hex } from "./decisions.js";
import { DecisionsKeeper } from "./decisions-panel.js";
import { Engine } from "./engine.js";
import STYLE from "./roster-check.css"; // its minified text (package/build.mjs)

/** The sample company, beside the bundle. Literal URLs: a bundler emits the files as assets. */
const SAMPLE = {
  "exmail.csv": new URL("./sample/exmail.csv", import.meta.url),
  "wecom.xlsx": new URL("./sample/wecom.xlsx", import.meta.url),
  "roster.csv": new URL("./sample/roster.csv", import.meta.url),
};
let sheet = null; // one constructed stylesheet, adopted by every element's shadow root
const KINDS = ["exmail", "wecom", "roster"];
const FIELDS = {
  exmail: ["email", "name", "mobile", "wechat_id", "department", "status", "alias"],
  wecom: ["userid", "name", "mobile", "wechat_id", "biz_mail", "email", "department", "status", "alias"],
  roster: ["email", "type", "userid", "name"],
};
const FIELD_NAMES = {
  zh: { email: "邮箱地址", name: "姓名", mobile: "手机", wechat_id: "微信ID", department: "部门", status: "状态",
    userid: "账号", biz_mail: "企业邮箱", alias: "别名", type: "邮箱类型" },
  en: { email: "Address", name: "Name", mobile: "Mobile", wechat_id: "WeChat id", department: "Department",
    status: "Status", userid: "Userid", biz_mail: "Enterprise address", alias: "Alias", type: "Mailbox type" },
};
const WECOM_FIELD_NAMES = { zh: { email: "个人邮箱" }, en: { email: "Personal address" } };
const FEATURES = ["member_password", "rtx", "password_rotation", "netdisk", "announcements", "signature",
  "public_address_book", "business_card", "sso"];
const FLAGS = ["target_paid", "wecom_api_email_param", "exmail_contacts_api", "wecom_contacts_api",
  "department_backup_rules"];
const ENCODINGS = ["utf-8", "gb18030", "utf-16le", "utf-16be", "big5"];
const MATCHED = ["wechat_id", "biz_mail", "email", "mobile", "roster", "override", "path_new"];
// What the browser build reads (src/ingest: delimited text, and OOXML workbooks by their zip
// layout); .xls, .xlsb and .ods are read natively only, so the picker does not offer them.
const ACCEPT = ".csv,.tsv,.txt,.xlsx,.xlsm";

let uid = 0;

class RosterCheck extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "path"];
  }

  constructor() {
    super();
    // A constructed stylesheet, not a <style>: a host page whose CSP has no 'unsafe-inline'
    // refuses <style> elements but not these (tests/browser/host.test.mjs).
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [sheet];
    this.blobs = { exmail: null, wecom: null, roster: null }; // File/Blob: the original bytes stay here
    this.names = { exmail: "", wecom: "", roster: "" };
    this.read = { exmail: {}, wecom: {}, roster: {} }; // ReadOptions the user corrected
    this.ctx = {
      path: "bind", advanced_quota: "", enterprise_name: "", domains: "",
      features_in_use: new Set(),
    };
    for (const f of FLAGS) this.ctx[f] = false;
    this.overrides = new Map();
    this.hashes = { exmail: "", wecom: "", roster: "" }; // Promise of each file's SHA-256 ("" = no file)
    this.decisions = new DecisionsKeeper(this); // kept in this browser, and as a file
    this.failure = null; // the last failed read or check, shown on its file's box
    this.lastInputs = {}; // how each file was last read (its panel stays after a failed check)
    this.checkedOnce = false;
    this.query = { type: "", matched_by: "", has_findings: false, q: "", code: "" };
    this.formats = { roster: "csv", report: "csv" };
    this.result = null;
    this.running = false;
    this.again = false;
    this.runId = 0;
  }

  get lang() {
    return this.getAttribute("lang") === "en" ? "en" : "zh";
  }
  // Chinese until the English chunk is in (only for the moment it loads: see connectedCallback).
  get t() {
    return STRINGS[this.lang] ?? STRINGS.zh;
  }
  get help() {
    return HELP[this.lang] ?? HELP.zh;
  }
  get titles() {
    return TITLES[this.lang] ?? TITLES.zh;
  }
  /** The files a check needs are there: the Exmail list, and the WeCom contacts unless path `new`. */
  get ready() {
    return !!this.blobs.exmail && (!!this.blobs.wecom || this.ctx.path === "new");
  }
  get needFiles() {
    return this.ctx.path === "new" ? this.t.need_files_new : this.t.need_files;
  }

  connectedCallback() {
    if (this.built) {
      // Back on the page after its worker was ended: a new one, given the files again.
      if (!this.engine.worker) this.restartEngine().then(() => this.ready && this.runCheck(), (err) => this.showFailure(err));
      return;
    }
    if (!hasLang(this.lang) && !this.langTried) {
      // English is a chunk of its own: drawn once it is in (in Chinese if it cannot load).
      this.langTried = true;
      loadLang(this.lang).catch(() => {}).then(() => this.isConnected && this.connectedCallback());
      return;
    }
    this.built = true;
    this.ctx.path = this.getAttribute("path") === "new" ? "new" : "bind";
    this.engine = new Engine((stage, id) => this.progress(stage, id));
    this.render();
    // `<roster-check sample>` or a page URL with `?sample` opens on the built-in sample company.
    if (this.hasAttribute("sample") || new URLSearchParams(location.search).has("sample")) this.loadSample();
  }

  /** Taken off the page: its worker ends (its memory with it). Not when only moved (removed
   * and inserted again by one script, before its microtasks run). */
  disconnectedCallback() {
    queueMicrotask(() => {
      if (!this.isConnected) this.engine?.terminate();
    });
  }

  attributeChangedCallback(name, old, value, loaded = false) {
    if (!this.built || old === value) return;
    if (name === "lang" && !hasLang(this.lang) && !loaded) {
      // Drawn again once the English chunk is in (or, if it cannot load, in Chinese).
      loadLang(this.lang).catch(() => {}).then(() => this.attributeChangedCallback(name, null, value, true));
      return;
    }
    if (name === "path") {
      this.ctx.path = value === "new" ? "new" : "bind";
    }
    const focusLang = this.shadowRoot.activeElement?.name === "lang";
    this.render();
    if (focusLang) this.shadowRoot.querySelector("[name=lang]")?.focus();
    if (this.ready) this.runCheck();
  }

  // ---- layout -------------------------------------------------------------------------------

  render() {
    const t = this.t;
    document.documentElement.lang ||= this.lang === "zh" ? "zh-CN" : "en";
    this.setAttribute("data-lang", this.lang);
    this.shadowRoot.replaceChildren(
      (this.panel = h("div", { class: "rc", lang: this.lang === "zh" ? "zh-CN" : "en" },
        h("header", { class: "rc-head" },
          h("div", { class: "rc-titles" },
            h("h1", { part: "title", text: t.title }),
            h("p", { class: "rc-sub", text: t.subtitle })),
          h("button", {
            type: "button", name: "lang", class: "rc-btn rc-lang", lang: this.lang === "zh" ? "en" : "zh",
            "aria-label": t.lang_switch_label, text: t.lang_switch,
            on: { click: () => this.setAttribute("lang", this.lang === "zh" ? "en" : "zh") },
          })),
        h("p", { class: "rc-privacy", text: t.privacy }),
        this.renderFiles(),
        this.renderContext(),
        (this.statusEl = h("div", { class: "rc-status", role: "status", "aria-live": "polite" })),
        (this.errorEl = h("div", { class: "rc-error", role: "alert", "data-alert-for": "page" })),
        (this.resultEl = h("section", { class: "rc-result", "aria-labelledby": "rc-h-result", hidden: true })),
        (this.findingsEl = h("section", { class: "rc-findings", "aria-labelledby": "rc-h-findings", hidden: true })),
        this.renderTable(),
        (this.checklistEl = h("section", { class: "rc-checklist", "aria-labelledby": "rc-h-checklist", hidden: true })),
        this.renderDialog())),
    );
    this.showStatus(this.ready ? "" : this.needFiles);
    this.alertEls.page = this.errorEl;
    if (this.result) this.showResult(this.result, false);
    else this.renderReading(this.lastInputs);
    if (this.failure) this.showFailure(this.failure);
    this.renderCodeChip();
  }

  renderFiles() {
    const t = this.t;
    this.readEls = {};
    this.alertEls = {};
    const zones = KINDS.map((kind) => {
      const id = `rc-file-${kind}-${++uid}`;
      const input = h("input", {
        type: "file", name: kind, id, accept: ACCEPT, class: "rc-file-input",
        "aria-describedby": `${id}-hint ${id}-src ${id}-fmt`,
        on: { change: () => input.files[0] && this.setFile(kind, input.files[0]) },
      });
      const zone = h("div", { class: "rc-drop", "data-file": kind },
        h("div", { class: "rc-drop-head" },
          h("span", { class: "rc-drop-title", text: t[`file_${kind}`] }),
          h("span", { class: "rc-hint rc-need", id: `${id}-hint`, text: this.fileNeed(kind) })),
        h("p", { class: "rc-hint rc-src", id: `${id}-src`, text: this.fileSource(kind) }),
        h("p", { class: "rc-hint rc-formats", id: `${id}-fmt`, text: t.file_formats }),
        input,
        h("label", { for: id, class: "rc-btn rc-pick", text: t.choose }),
        h("span", { class: "rc-hint rc-drop-or", text: t.drop }),
        h("div", { class: "rc-fname" },
          h("span", { class: "rc-fname-text", text: this.names[kind] }),
          this.blobs[kind] ? h("button", {
            type: "button", class: "rc-link", name: `remove-${kind}`, text: t.remove,
            "aria-label": `${t.remove} ${t[`file_${kind}`]}`, on: { click: () => this.removeFile(kind) },
          }) : null),
        (this.alertEls[kind] = h("div", { class: "rc-error rc-file-error", role: "alert", "data-alert-for": kind })),
        (this.readEls[kind] = h("details", { class: "rc-read", hidden: true })));
      if (this.blobs[kind]) zone.classList.add("rc-has-file");
      zone.addEventListener("dragover", (e) => {
        e.preventDefault();
        zone.classList.add("rc-over");
      });
      zone.addEventListener("dragleave", () => zone.classList.remove("rc-over"));
      zone.addEventListener("drop", (e) => {
        e.preventDefault();
        zone.classList.remove("rc-over");
        const list = [...(e.dataTransfer?.files || [])];
        if (list.length === 1) this.setFile(kind, list[0]);
        else if (list.length > 1) this.setFiles(list);
      });
      return zone;
    });
    const help = this.help;
    return h("section", { class: "rc-files", "aria-labelledby": "rc-h-files" },
      h("h2", { id: "rc-h-files", text: t.files }),
      h("div", { class: "rc-drops" }, zones),
      h("details", { class: "rc-about" },
        h("summary", { text: help.about_title }),
        h("ul", {}, help.about.map((line) => h("li", { text: line }))),
        h("p", { class: "rc-hint", text: help.about_confidence })),
      h("div", { class: "rc-sample" },
        h("button", { type: "button", name: "sample", class: "rc-btn", text: t.sample, on: { click: () => this.loadSample() } }),
        h("span", { class: "rc-hint", text: t.sample_hint })));
  }

  /** Required or optional: the WeCom file is not needed on path `new` (no WeCom yet). */
  fileNeed(kind) {
    return kind === "wecom" && this.ctx.path === "new" ? this.t.file_wecom_hint_new : this.t[`file_${kind}_hint`];
  }
  fileSource(kind) {
    return kind === "wecom" && this.ctx.path === "new" ? this.help.src_wecom_new : this.help[`src_${kind}`];
  }
  /** The path changed: the WeCom box says whether it is needed. */
  updateFileNeeds() {
    const zone = this.shadowRoot.querySelector(".rc-drop[data-file=wecom]");
    if (!zone) return;
    zone.querySelector(".rc-need").textContent = this.fileNeed("wecom");
    zone.querySelector(".rc-src").textContent = this.fileSource("wecom");
    zone.classList.toggle("rc-optional", this.ctx.path === "new");
  }

  renderContext() {
    const t = this.t;
    const help = this.help;
    const c = this.ctx;
    const changed = () => this.optionsChanged();
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
          on: { change: () => { c.path = p; ename.hidden = p !== "new"; this.updateFileNeeds(); changed(); } } }),
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
      (this.alertEls.options = h("div", { class: "rc-error", role: "alert", "data-alert-for": "options" })),
      h("div", { class: "rc-actions" },
        h("button", { type: "button", name: "check", class: "rc-btn rc-primary", text: this.checkedOnce ? t.recheck : t.check,
          on: { click: () => this.runCheck() } })));
  }

  renderTable() {
    const t = this.t;
    const q = this.query;
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
    this.countEl = h("p", { class: "rc-hint rc-rowcount", "aria-live": "polite" });
    const head = h("div", { class: "rc-tr rc-th", role: "row", "aria-rowindex": "1" },
      ["t_email", "t_name", "t_type", "t_member", "t_why", "t_findings", "t_action"].map((k) =>
        h("div", { role: "columnheader", class: `rc-td rc-c-${k}`, text: t[k] })));
    this.spacer = h("div", { class: "rc-vspacer", role: "rowgroup" });
    // Not focusable itself: each row's button is reachable in order (vtable.js).
    this.scroller = h("div", { class: "rc-vscroll" }, this.spacer);
    this.scroller.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-email]");
      if (b) this.openSettle(b.dataset.email);
    });
    this.tableEl = h("section", { class: "rc-accounts", "aria-labelledby": "rc-h-table", hidden: !this.result },
      h("h2", { id: "rc-h-table", text: t.table }),
      h("div", { class: "rc-filters" },
        sel("filter-type", t.filter_type,
          [["", t.filter_any], ["member", t.type_member], ["other", t.type_other], ["unassigned", t.type_unassigned]],
          q.type, (v) => this.setQuery({ type: v })),
        sel("filter-matched", t.filter_matched,
          [["", t.filter_any], ...MATCHED.map((m) => [m, t[`mb_${m}`]]), ["none", t.filter_none]],
          q.matched_by, (v) => this.setQuery({ matched_by: v })),
        h("div", { class: "rc-check" },
          h("input", { type: "checkbox", id: hasId, name: "filter-findings", checked: q.has_findings,
            on: { change: (e) => this.setQuery({ has_findings: e.target.checked }) } }),
          h("label", { for: hasId, text: t.filter_findings })),
        h("div", { class: "rc-field rc-inline rc-grow" },
          h("label", { for: searchId, class: "rc-sr", text: t.search }),
          h("input", { type: "search", id: searchId, name: "search", placeholder: t.search, value: q.q,
            // The value is read now: once the event is dispatched, its target (in the shadow
            // root) is null.
            on: { input: (e) => { const q = e.target.value; clearTimeout(timer); timer = setTimeout(() => this.setQuery({ q }), 200); } } }))),
      (this.chipEl = h("p", { class: "rc-chip-row", hidden: true })),
      this.countEl,
      h("div", { class: "rc-table", role: "table", "aria-label": t.table, "aria-rowcount": "1" },
        h("div", { class: "rc-thead", role: "rowgroup" }, head),
        this.scroller));
    this.vtable = new VTable(this.scroller, this.spacer, {
      fetchPage: (offset, limit) => this.engine.call("rows", { query: this.query, offset, limit }),
      make: () => this.makeRow(),
      fill: (el, a) => this.fillRow(el, a),
      control: (el) => el._btn,
    });
    return this.tableEl;
  }

  makeRow() {
    const cells = ["email", "name", "type", "member", "why", "findings", "action"].map((c) =>
      h("div", { role: "cell", class: `rc-td rc-c-t_${c}` }));
    const btn = h("button", { type: "button", class: "rc-btn rc-small", name: "settle" });
    cells[6].append(btn);
    const el = h("div", { class: "rc-tr", role: "row" }, cells);
    el._cells = cells;
    el._btn = btn;
    return el;
  }

  fillRow(el, a) {
    const t = this.t;
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
    type.textContent = t[`type_${a.type}`];
    type.className = `rc-td rc-c-t_type rc-type-${a.type}`;
    member.textContent = a.userid ? (a.wecom_name ? `${a.wecom_name} · ${a.userid}` : a.userid) : "";
    member.title = member.textContent;
    why.textContent = a.matched_by
      ? (a.evidence ? `${t[`mb_${a.matched_by}`]}: ${a.evidence}` : t[`mb_${a.matched_by}`])
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

  renderDialog() {
    const t = this.t;
    this.dialog = h("dialog", { class: "rc-dialog", "aria-labelledby": "rc-h-settle" });
    this.dialog.addEventListener("close", () => this.lastSettleButton?.focus?.());
    return this.dialog;
  }

  // ---- files --------------------------------------------------------------------------------

  async setFile(kind, blob, name = blob.name) {
    this.blobs[kind] = blob;
    this.names[kind] = name;
    this.read[kind] = {};
    const zone = this.shadowRoot.querySelector(`.rc-drop[data-file=${kind}]`);
    if (zone) {
      zone.classList.add("rc-has-file");
      zone.querySelector(".rc-fname-text").textContent = `${name} (${(blob.size / 1024).toFixed(1)} KB)`;
      const fname = zone.querySelector(".rc-fname");
      if (!fname.querySelector("button")) {
        fname.append(h("button", {
          type: "button", class: "rc-link", name: `remove-${kind}`, text: this.t.remove,
          "aria-label": `${this.t.remove} ${this.t[`file_${kind}`]}`, on: { click: () => this.removeFile(kind) },
        }));
      }
    }
    this.names[kind] = zone ? zone.querySelector(".rc-fname-text").textContent : name;
    // A new file: what was said about the old one (its error, how it was read) no longer holds.
    delete this.lastInputs[kind];
    if (this.failure && describeFailure(this.failure, this.lang).file === kind) this.clearFailure();
    const buf = await blob.arrayBuffer();
    // SubtleCrypto copies the bytes when called, so the buffer can be handed to the worker now.
    this.hashes[kind] = sha256Hex(buf).catch(() => null);
    try {
      await this.engine.call("files", { files: { [kind]: buf } }, [buf]);
    } catch (err) {
      this.showFailure(err); // the worker cannot run: say so rather than wait
      return;
    }
    if (this.ready) this.runCheck();
    else this.showStatus(this.needFiles);
  }

  /** Several files dropped at once: tell them apart by name. */
  setFiles(list) {
    const guess = (n) => /wecom|企业微信|通讯录|contacts|work/i.test(n) ? "wecom"
      : /roster|名单|wizard/i.test(n) ? "roster" : "exmail";
    const taken = new Set();
    for (const f of list.slice(0, 3)) {
      let k = guess(f.name);
      if (taken.has(k)) k = KINDS.find((x) => !taken.has(x));
      taken.add(k);
      this.setFile(k, f);
    }
  }

  async removeFile(kind) {
    this.blobs[kind] = null;
    this.names[kind] = "";
    this.read[kind] = {};
    this.hashes[kind] = "";
    delete this.lastInputs[kind];
    if (this.failure && describeFailure(this.failure, this.lang).file === kind) this.failure = null;
    await this.engine.call("files", { files: { [kind]: null } });
    if (this.ready) {
      this.render();
      this.runCheck();
      return;
    }
    this.result = null;
    this.render();
  }

  /** The built-in sample company (the package's sample/), or the three files of the folder
   * `sample-base` names (relative to the page). */
  async loadSample() {
    const base = this.getAttribute("sample-base");
    const get = async (name) => {
      const r = await fetch(base ? new URL(name, new URL(base, document.baseURI)) : SAMPLE[name], { credentials: "same-origin" });
      if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
      return new File([await r.blob()], name);
    };
    try {
      const [ex, we] = await Promise.all([get("exmail.csv"), get("wecom.xlsx")]);
      const ro = await get("roster.csv").catch(() => null);
      this.blobs.exmail = null; // one check once all are in
      await this.setFile("wecom", we);
      if (ro) await this.setFile("roster", ro);
      else if (this.blobs.roster) {
        this.blobs.roster = null;
        this.names.roster = "";
        this.hashes.roster = "";
        await this.engine.call("files", { files: { roster: null } });
        this.render();
      }
      await this.setFile("exmail", ex);
    } catch (err) {
      this.showError(this.t.sample_failed + err.message);
    }
  }

  // ---- running ------------------------------------------------------------------------------

  options() {
    const c = this.ctx;
    const quota = c.advanced_quota === "" ? null : Math.max(0, Math.floor(Number(c.advanced_quota)));
    const o = {
      path: c.path,
      advanced_quota: Number.isFinite(quota) ? quota : null,
      features_in_use: FEATURES.filter((f) => c.features_in_use.has(f)),
      // As typed: spaces around it are a finding of their own (the wizard keeps them too).
      enterprise_name: c.path === "new" && c.enterprise_name.trim() ? c.enterprise_name : null,
      domains: c.domains.split(/[,，;；\s]+/).map((d) => d.trim().replace(/^@/, "")).filter(Boolean),
      overrides: Object.fromEntries(this.overrides),
      lang: this.lang,
    };
    for (const f of FLAGS) o[f] = c[f];
    for (const k of KINDS) {
      const r = this.read[k];
      const ro = {};
      if (r.encoding) ro.encoding = r.encoding;
      if (r.sheet) ro.sheet = r.sheet;
      if (r.header_row) ro.header_row = r.header_row;
      if (r.columns && Object.keys(r.columns).length) ro.columns = { ...r.columns };
      if (Object.keys(ro).length) o[`${k}_file`] = ro;
    }
    return o;
  }

  optionsChanged() {
    if (this.ready) return this.runCheck();
    // Back to path bind without a WeCom file: what is shown was checked without one.
    if (this.result) this.clearResult();
    this.showStatus(this.needFiles);
  }

  async runCheck({ keepError = false } = {}) {
    if (!this.ready) {
      this.showStatus(this.needFiles);
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    if (!keepError) this.clearFailure();
    this.setBusy(true);
    const t0 = performance.now();
    this.progressT0 = t0;
    try {
      const hashes = {};
      for (const k of KINDS) hashes[k] = await this.hashes[k];
      await this.decisions.sync(hashes);
      const res = await this.engine.call("check", { options: this.options() });
      if (!this.again) {
        res.ms = performance.now() - t0;
        /** Where the time went (ms): in the module's check, parsing its report, in all. */
        this.timing = { ...res.timing, total: res.ms };
        const first = !this.result;
        this.result = res;
        this.lastInputs = { ...res.inputs };
        this.showResult(res, true);
        if (first && this.resultEl.getBoundingClientRect().top > window.innerHeight * 0.8) {
          this.resultEl.scrollIntoView({ behavior: "smooth", block: "start" });
        }
        this.showStatus(fmt(this.t.progress_done, { s: (res.ms / 1000).toFixed(1) }));
        this.dispatchEvent(new CustomEvent("result", { detail: res.summary, bubbles: true }));
      }
    } catch (err) {
      // Never leave a result (or its downloads) on screen that is not these files' result.
      const cleared = !!this.result;
      this.clearResult();
      if (err.poisoned) await this.restartEngine().catch(() => {});
      this.showStatus("");
      this.showFailure(err, cleared);
      const { file, code } = describeFailure(err, this.lang);
      this.dispatchEvent(new CustomEvent("check-error", { detail: { message: err.message, file, code }, bubbles: true }));
    } finally {
      this.running = false;
      this.checkedOnce = true;
      const button = this.shadowRoot.querySelector("button[name=check]");
      if (button) button.textContent = this.t.recheck;
      this.setBusy(false);
      if (this.again) {
        this.again = false;
        this.runCheck();
      }
    }
  }

  settle(email, choice) {
    if (choice) this.overrides.set(email, choice);
    else this.overrides.delete(email);
    this.dialog.close();
    this.decisions.changed();
  }

  async restartEngine() {
    this.engine.restart();
    const files = {};
    const transfer = [];
    for (const k of KINDS) {
      if (this.blobs[k]) {
        files[k] = await this.blobs[k].arrayBuffer();
        transfer.push(files[k]);
      }
    }
    await this.engine.call("files", { files }, transfer);
  }

  progress(stage) {
    // Worker stages (load, index) around the module's own (read, records, match, rules, report, done).
    const steps = ["load", "read", "records", "match", "rules", "report", "done", "index"];
    const step = steps.indexOf(stage);
    const key = { records: "progress_read", done: "progress_report" }[stage] || `progress_${stage}`;
    if (step < 0 || !this.running || !this.t[key]) return;
    this.showStatus(this.t[key], (step + 1) / (steps.length + 1));
  }

  setBusy(busy) {
    this.toggleAttribute("busy", busy);
    this.panel?.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) this.showStatus(this.t.progress_send, 0.05);
  }

  showStatus(text, fraction) {
    if (!this.statusEl) return;
    const kids = [h("span", { class: "rc-status-text", text })];
    if (fraction != null) {
      kids.unshift(h("progress", { max: 1, value: fraction, "aria-label": text }));
    }
    this.statusEl.replaceChildren(...kids);
    this.statusEl.hidden = !text;
  }

  showError(text) {
    if (!this.errorEl) return;
    this.errorEl.textContent = text;
  }

  /** A failed read or check, on the box of the file it concerns, in the page's language. */
  showFailure(err, cleared = this.failureCleared) {
    const t = this.t;
    this.failure = err;
    this.failureCleared = cleared;
    const { file, text, whole } = describeFailure(err, this.lang);
    for (const el of Object.values(this.alertEls)) el.textContent = "";
    const lead = whole ? "" : file === "options" ? t.options_failed : file ? t.read_failed : t.error;
    (this.alertEls[file] || this.errorEl).textContent = lead + text + (cleared ? `\n${t.cleared_note}` : "");
    this.shadowRoot.querySelector(`.rc-drop[data-file=${file}]`)?.classList.add("rc-failed");
  }

  clearFailure() {
    this.failure = null;
    for (const el of Object.values(this.alertEls || {})) el.textContent = "";
    for (const el of this.shadowRoot.querySelectorAll(".rc-drop.rc-failed")) el.classList.remove("rc-failed");
  }

  /** After a failed check: no counts, findings, table or downloads of files no longer chosen. */
  clearResult() {
    this.result = null;
    for (const el of [this.resultEl, this.findingsEl, this.tableEl, this.checklistEl]) el.hidden = true;
    this.resultEl.replaceChildren();
    this.vtable.reset(0);
    this.renderReading(this.lastInputs);
  }

  // ---- results ------------------------------------------------------------------------------

  showResult(res, fresh) {
    // Columns found by content (column-guessed) or not found (missing-column): the files'
    // mapping panels open by themselves, once per check.
    const filesOf = (code) => (res.groups.find((g) => g.code === code)?.files || []).filter((f) => KINDS.includes(f));
    this.guessedFiles = filesOf("column-guessed");
    this.renderSummary(res);
    this.renderReading(res.inputs);
    if (fresh) {
      for (const kind of [...this.guessedFiles, ...filesOf("missing-column")]) {
        if (this.readEls[kind] && !this.readEls[kind].hidden) this.readEls[kind].open = true;
      }
    }
    this.renderGroups(res.groups);
    this.renderChecklist(res.checklist);
    this.tableEl.hidden = false;
    this.resultEl.hidden = false;
    this.findingsEl.hidden = false;
    this.checklistEl.hidden = false;
    this.reloadRows(fresh);
  }

  async reloadRows(keepScroll) {
    const res = await this.engine.call("rows", { query: this.query, offset: 0, limit: 0 }).catch(() => null);
    if (!res) return;
    this.countEl.textContent = fmt(this.t.rows_shown, { n: res.total, total: res.all });
    this.scroller.closest("[role=table]").setAttribute("aria-rowcount", String(res.total + 1));
    if (keepScroll) this.vtable.refresh(res.total);
    else this.vtable.reset(res.total);
  }

  setQuery(part) {
    Object.assign(this.query, part);
    this.reloadRows(false);
  }

  /** What the verdict says: importable (no error, every column confirmed), confirm-columns
   * (no error, but a column was guessed from its cells), or not-importable. */
  verdict(res) {
    if (!res.summary.importable) return "not-importable";
    return this.guessedFiles?.length ? "confirm-columns" : "importable";
  }

  renderSummary(res) {
    const t = this.t;
    const s = res.summary;
    const verdict = this.verdict(res);
    const filesNamed = (this.guessedFiles || []).map((f) => t[`file_${f}_short`]).join(this.lang === "zh" ? "、" : ", ");
    const tile = (key, label, extra = "") => h("div", { class: `rc-tile ${extra}` },
      h("span", { class: "rc-num", "data-count": key, text: String(s[key]) }),
      h("span", { class: "rc-tile-label", text: label }));
    const fmtSel = (name, label, values, kind) => {
      const id = `rc-${name}-${++uid}`;
      return h("span", { class: "rc-inline" },
        h("label", { for: id, class: "rc-sr", text: label }),
        h("select", { id, name, "aria-label": label, on: { change: (e) => { this.formats[kind] = e.target.value; } } },
          values.map((v) => h("option", { value: v, selected: this.formats[kind] === v, text: v.toUpperCase() }))));
    };
    const state = {
      "importable": ["rc-ok", "✓", t.importable_yes, t.importable_yes_note],
      "confirm-columns": ["rc-warn", "!", t.columns_title, fmt(t.columns_note, { files: filesNamed })],
      "not-importable": ["rc-bad", "✗", t.importable_no, fmt(t.importable_no_note, { n: s.errors })],
    }[verdict];
    this.resultEl.replaceChildren(
      h("h2", { id: "rc-h-result", text: t.result }),
      h("div", { class: `rc-state ${state[0]}`, "data-importable": String(s.importable), "data-verdict": verdict },
        h("span", { class: "rc-state-icon", "aria-hidden": "true", text: state[1] }),
        h("div", {},
          h("strong", { class: "rc-state-title", text: state[2] }),
          h("p", { text: state[3] }),
          verdict === "not-importable" && this.guessedFiles.length ? h("p", { text: fmt(t.columns_note, { files: filesNamed }) }) : null,
          this.guessedFiles.length ? h("button", { type: "button", class: "rc-btn", name: "confirm-columns", text: t.columns_confirm,
            on: { click: () => this.confirmColumns(res.inputs) } }) : null)),
      h("div", { class: "rc-tiles" },
        tile("accounts", t.c_accounts, "rc-tile-main"),
        tile("member", t.c_member),
        tile("other", t.c_other),
        tile("unassigned", t.c_unassigned, s.unassigned ? "rc-tile-bad" : ""),
        tile("errors", t.c_errors, s.errors ? "rc-tile-bad" : ""),
        tile("warnings", t.c_warnings, s.warnings ? "rc-tile-warn" : ""),
        tile("infos", t.c_infos),
        tile("wecom_members", t.c_wecom_members)),
      h("div", { class: "rc-downloads" },
        h("div", { class: "rc-dl" },
          fmtSel("roster-format", t.roster_format, ["csv", "xlsx"], "roster"),
          // The primary action only when the roster can be imported as it is; else it asks first.
          h("button", { type: "button", name: "download-roster", class: verdict === "importable" ? "rc-btn rc-primary" : "rc-btn",
            "data-asks": verdict === "importable" ? null : "true", text: t.download_roster,
            on: { click: () => this.download("roster") } })),
        h("div", { class: "rc-dl" },
          fmtSel("report-format", t.report_format, ["csv", "xlsx", "json"], "report"),
          h("button", { type: "button", name: "download-report", class: "rc-btn", text: t.download_report,
            on: { click: () => this.download("report") } }))),
      this.decisions.render(),
    );
  }

  /** "Read them as guessed": each column the engine found by content (inputs.*.guessed)
   * becomes the admin's own mapping — the field it was read as, or, for a column left unread,
   * the field it looks like when no other column has that field — so nothing is guessed. */
  confirmColumns(inputs) {
    for (const kind of this.guessedFiles) {
      const info = inputs[kind];
      if (!info) continue;
      const r = this.read[kind];
      r.columns ||= {};
      for (const g of info.guessed || []) {
        const field = g.field || g.looks_like;
        if (!g.field && info.columns.some(([f]) => f === field)) continue;
        if (!(field in r.columns)) r.columns[field] = g.column;
      }
    }
    this.optionsChanged();
  }

  renderReading(inputs) {
    const t = this.t;
    for (const kind of KINDS) {
      const el = this.readEls[kind];
      const info = inputs[kind];
      if (!el) continue;
      if (!info || !this.blobs[kind]) {
        el.hidden = true;
        continue;
      }
      const wasOpen = el.open;
      const r = this.read[kind];
      const summaryBits = [info.format.toUpperCase(), info.encoding, info.sheet,
        info.header_row ? `${t.header_row} ${info.header_row}` : null, `${t.rows_read} ${info.rows}`].filter(Boolean);
      const mapped = new Map(info.columns);
      const headerOptions = (field) => {
        const current = r.columns?.[field] ?? "";
        const auto = mapped.get(field);
        return [h("option", { value: "", selected: current === "", text: auto ? `${t.col_auto}: ${auto}` : `${t.col_auto}: —` }),
          ...info.headers.map((hd, i) => h("option", {
            value: String(i + 1), selected: current === String(i + 1), text: `${colName(i)} · ${hd || "—"}`,
          }))];
      };
      const id = (s) => `rc-${kind}-${s}-${++uid}`;
      const encId = id("enc");
      const hrId = id("hr");
      const sheetId = id("sheet");
      const names = { ...FIELD_NAMES[this.lang], ...(kind === "wecom" ? WECOM_FIELD_NAMES[this.lang] : {}) };
      const grid = h("div", { class: "rc-read-grid" },
        info.format !== "xlsx" && info.format !== "xls" && info.format !== "ods"
          ? h("div", { class: "rc-field" },
            h("label", { for: encId, text: t.encoding }),
            h("select", { id: encId, name: `${kind}-encoding`, on: { change: (e) => { r.encoding = e.target.value || undefined; this.optionsChanged(); } } },
              h("option", { value: "", selected: !r.encoding, text: `${t.enc_auto}${info.encoding ? ` (${info.encoding})` : ""}` }),
              ENCODINGS.map((enc) => h("option", { value: enc, selected: r.encoding === enc, text: enc }))))
          : h("div", { class: "rc-field" },
            h("label", { for: sheetId, text: t.sheet }),
            h("input", { id: sheetId, type: "text", name: `${kind}-sheet`, value: r.sheet || info.sheet || "",
              on: { change: (e) => { r.sheet = e.target.value.trim() || undefined; this.optionsChanged(); } } })),
        h("div", { class: "rc-field" },
          h("label", { for: hrId, text: t.header_row }),
          h("input", { id: hrId, type: "number", min: "1", step: "1", name: `${kind}-header-row`, inputMode: "numeric",
            value: r.header_row || "", placeholder: `${t.auto}: ${info.header_row ?? "—"}`,
            on: { change: (e) => { const v = parseInt(e.target.value, 10); r.header_row = v > 0 ? v : undefined; this.optionsChanged(); } } })),
        FIELDS[kind].map((field) => {
          const fid = id(`col-${field}`);
          return h("div", { class: "rc-field" },
            h("label", { for: fid, text: names[field] }),
            h("select", { id: fid, name: `${kind}-col-${field}`, on: { change: (e) => {
              r.columns ||= {};
              if (e.target.value) r.columns[field] = e.target.value;
              else delete r.columns[field];
              this.optionsChanged();
            } } }, headerOptions(field)));
        }),
        h("button", { type: "button", class: "rc-link", name: `${kind}-reset`, text: t.reset_reading,
          on: { click: () => { this.read[kind] = {}; this.optionsChanged(); } } }));
      el.replaceChildren(
        h("summary", {}, h("span", { text: `${t.read_as}: ` }), h("span", { class: "rc-read-sum", text: summaryBits.join(" · ") })),
        grid);
      el.open = wasOpen;
      el.hidden = false;
    }
  }

  renderGroups(groups) {
    const t = this.t;
    const lang = this.lang;
    const list = groups.map((g) => {
      const body = h("div", { class: "rc-group-body" },
        h("p", { class: "rc-fix" }, h("strong", { text: t.fix }), g.fix[lang]),
        g.accounts ? h("button", { type: "button", class: "rc-link", name: "filter-code", "data-code": g.code,
          text: t.only_these, on: { click: () => this.filterCode(g.code) } }) : null);
      const det = h("details", { class: `rc-group rc-sev-${g.severity}`, "data-code": g.code },
        h("summary", {},
          h("span", { class: `rc-badge rc-badge-${g.severity}`, text: t[`sev_${g.severity}`] }),
          h("span", { class: "rc-group-msg" },
            h("span", { class: "rc-group-title", text: g.count > 1 ? this.titles[g.code] || g.message : g.message }),
            g.count > 1 ? h("span", { class: "rc-group-eg", text: g.message }) : null),
          h("span", { class: "rc-group-meta" },
            h("code", { text: g.code }),
            h("span", { class: "rc-group-count", "data-count": g.code, text: String(g.count) }))),
        body);
      det.addEventListener("toggle", () => {
        if (det.open && !det._loaded) {
          det._loaded = true;
          this.loadFindingRows(g, body, 0);
        }
      }, { once: false });
      return det;
    });
    this.findingsEl.replaceChildren(
      h("h2", { id: "rc-h-findings", text: t.findings }),
      list.length ? h("div", { class: "rc-groups" }, list) : h("p", { text: t.no_findings }));
  }

  async loadFindingRows(g, body, offset) {
    const t = this.t;
    const limit = 50;
    const res = await this.engine.call("findings", { code: g.code, offset, limit });
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
        h("td", { text: f.file ? t[`file_${f.file}_short`] || f.file : "" }),
        h("td", { class: "rc-num-cell", text: f.row ?? "" }),
        h("td", { text: f.field ? FIELD_NAMES[this.lang][f.field] || f.field : "" }),
        h("td", { class: "rc-val", text: f.value ?? "" }),
        h("td", { text: f.message }),
        h("td", {}, f.email ? h("button", { type: "button", class: "rc-link", text: t.view_in_table,
          on: { click: () => this.showInTable(f.email) } }) : null)));
    }
    body.querySelector(".rc-more")?.remove();
    const shown = offset + res.rows.length;
    if (shown < res.total) {
      body.append(h("button", { type: "button", class: "rc-link rc-more",
        text: fmt(t.show_more, { n: Math.min(limit, res.total - shown) }),
        on: { click: () => this.loadFindingRows(g, body, shown) } }));
    }
  }

  showInTable(email) {
    const search = this.shadowRoot.querySelector("input[name=search]");
    this.query = { type: "", matched_by: "", has_findings: false, q: email, code: "" };
    this.renderCodeChip();
    if (search) search.value = email;
    for (const n of ["filter-type", "filter-matched"]) {
      const s = this.shadowRoot.querySelector(`select[name=${n}]`);
      if (s) s.value = "";
    }
    const hf = this.shadowRoot.querySelector("input[name=filter-findings]");
    if (hf) hf.checked = false;
    this.reloadRows(false);
    this.tableEl.scrollIntoView({ block: "start" });
  }

  /** The table narrowed to the accounts one finding code names. */
  filterCode(code) {
    this.query.code = code;
    this.renderCodeChip();
    this.reloadRows(false);
    this.tableEl.scrollIntoView({ block: "start" });
  }

  renderCodeChip() {
    const t = this.t;
    const code = this.query.code;
    this.chipEl.hidden = !code;
    this.chipEl.replaceChildren(...(code ? [
      h("span", { class: "rc-chip" }, `${t.t_findings}: ${this.titles[code] || code}`,
        h("button", { type: "button", class: "rc-chip-x", name: "clear-code", "aria-label": t.clear_filter, text: "×",
          on: { click: () => { this.query.code = ""; this.renderCodeChip(); this.reloadRows(false); } } }))] : []));
  }

  renderChecklist(facts) {
    const t = this.t;
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
    const feats = (code) => {
      const picked = FEATURES.filter((f) => this.ctx.features_in_use.has(f)
        && (code === "feature-dropped" ? FEATURES.indexOf(f) < 4 : FEATURES.indexOf(f) >= 4));
      return picked.map((f) => t[`f_${f}`]).join(this.lang === "zh" ? "、" : ", ");
    };
    add("feature-dropped", "cl_feature_dropped", { v: feats("feature-dropped") });
    add("feature-pending", "cl_feature_pending", { v: feats("feature-pending") });
    add("disabled-account", "cl_disabled_account");
    items.push(h("li", { "data-code": "public", text: t.cl_public }));
    this.checklistEl.replaceChildren(
      h("h2", { id: "rc-h-checklist", text: t.checklist }),
      h("ul", { class: "rc-cl" }, items.map((li) => {
        const id = `rc-cl-${++uid}`;
        const text = li.textContent;
        li.textContent = "";
        li.append(h("input", { type: "checkbox", id }), h("label", { for: id, text }));
        return li;
      })));
  }

  // ---- settling one account (the dialog: settle-dialog.js) -----------------------------------

  openSettle(email) {
    return openSettle(this, email);
  }

  // ---- downloads ----------------------------------------------------------------------------

  async download(kind) {
    const format = this.formats[kind];
    if (kind === "roster" && this.result && this.verdict(this.result) !== "importable" && !(await this.confirmDownload())) return;
    try {
      const { bytes } = await this.engine.call("export", { kind, format });
      const zh = this.lang === "zh";
      const base = kind === "roster" ? (zh ? "邮箱名单" : "mail-roster") : (zh ? "检查结果" : "findings");
      const type = { csv: "text/csv;charset=utf-8", json: "application/json",
        xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }[format];
      this.saveFile(bytes, `${base}.${format}`, type);
      this.dispatchEvent(new CustomEvent("export", { detail: { kind, format }, bubbles: true }));
    } catch (err) {
      this.showError(this.t.export_error + err.message);
      if (err.poisoned) {
        // The module instance is gone with its result: start a new one and check again.
        await this.restartEngine().catch(() => {});
        this.runCheck({ keepError: true });
      }
    }
  }

  /** Asks before handing out a roster the verdict does not clear, naming what is open. */
  confirmDownload() {
    const t = this.t;
    const res = this.result;
    const errors = res.groups.filter((g) => g.severity === "error");
    const lines = [];
    if (errors.length) {
      lines.push(fmt(t.dl_confirm_errors, { n: res.summary.errors }),
        h("ul", { class: "rc-confirm-list" }, errors.map((g) => h("li", { "data-code": g.code,
          text: `${this.titles[g.code] || g.message}（${g.count}）` }))));
    }
    if (this.guessedFiles.length) {
      lines.push(fmt(t.dl_confirm_columns, { files: this.guessedFiles.map((f) => t[`file_${f}_short`]).join("、") }));
    }
    lines.push(t.dl_confirm_after);
    return confirmStep(this, { name: "download-roster", title: t.dl_confirm_title, lines, ok: t.dl_confirm_ok, cancel: t.dl_confirm_cancel });
  }

  saveFile(bytes, name, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = h("a", { href: url, download: name, hidden: true });
    this.panel.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
    this.showStatus(fmt(this.t.downloaded, { name }));
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
function colName(i) {
  let s = "";
  for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

if (!customElements.get("roster-check")) customElements.define("roster-check", RosterCheck);

export { RosterCheck };
